//! The stages run in order over one document, with a configuration.

use crate::document::Document;
use crate::error::Result;
use crate::summarize::{self, SummarizeConfig, Summarizer};
use crate::{attribute, ingest, segment};

#[derive(Debug, Clone, Default)]
pub struct PipelineConfig {
    pub summarize: SummarizeConfig,
}

impl PipelineConfig {
    /// Sentences and quotes only: no summary, no model.
    pub fn without_summary() -> PipelineConfig {
        let mut c = PipelineConfig::default();
        c.summarize.mode = summarize::SummaryMode::None;
        c
    }
}

pub struct Pipeline {
    summarizer: Option<Box<dyn Summarizer>>,
    notice: Option<String>,
}

impl Pipeline {
    /// Load what the configuration needs (the summarization model, if any).
    pub fn new(config: PipelineConfig) -> Result<Pipeline> {
        let loaded = summarize::load(&config.summarize)?;
        Ok(Pipeline {
            summarizer: loaded.summarizer,
            notice: loaded.notice,
        })
    }

    /// Why the summary method differs from what `auto` would prefer, if it does.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Ingest, segment and attribute: everything but the summary.
    /// Independent of the model, so callers may run it in parallel.
    pub fn analyze(id: Option<String>, text: String) -> Result<Document> {
        let mut doc = ingest::ingest(id, text)?;
        segment::segment(&mut doc);
        attribute::attribute(&mut doc);
        Ok(doc)
    }

    /// [`Pipeline::analyze`] of an input read by [`ingest::prepare`] (plain
    /// text or the article of a web page, whose headline is the title).
    pub fn analyze_prepared(id: Option<String>, input: ingest::Prepared) -> Result<Document> {
        let mut doc = input.ingest(id)?;
        segment::segment(&mut doc);
        attribute::attribute(&mut doc);
        Ok(doc)
    }

    /// Add summaries to analyzed documents, in one batch.
    pub fn summarize(&self, docs: &mut [Document]) -> Vec<Result<()>> {
        let Some(summarizer) = &self.summarizer else {
            return docs.iter().map(|_| Ok(())).collect();
        };
        let refs: Vec<&Document> = docs.iter().collect();
        let summaries = summarizer.summarize_batch(&refs);
        docs.iter_mut()
            .zip(summaries)
            .map(|(doc, s)| s.map(|s| doc.summary = Some(s)))
            .collect()
    }

    /// The whole pipeline on one article.
    pub fn run(&self, id: Option<String>, text: String) -> Result<Document> {
        let mut doc = Self::analyze(id, text)?;
        if let Some(summarizer) = &self.summarizer {
            doc.summary = Some(summarizer.summarize(&doc)?);
        }
        Ok(doc)
    }

    /// [`Pipeline::run`] on an input read by [`ingest::prepare`].
    pub fn run_prepared(&self, id: Option<String>, input: ingest::Prepared) -> Result<Document> {
        let mut doc = Self::analyze_prepared(id, input)?;
        if let Some(summarizer) = &self.summarizer {
            doc.summary = Some(summarizer.summarize(&doc)?);
        }
        Ok(doc)
    }
}
