//! The stages run in order over one document, with a configuration.

use rayon::prelude::*;

use crate::document::{Document, Quote, QuoteKind, UnsupportedPolicy};
use crate::error::Result;
use crate::summarize::{self, DownloadProgress, NoProgress, Notice, SummarizeConfig, Summarizer};
use crate::{attribute, check, ingest, segment};

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
    notice: Option<Notice>,
    unsupported: UnsupportedPolicy,
}

impl Pipeline {
    /// Load what the configuration needs: the cue detector's weights
    /// (those `NEWSDIGEST_CUE_MODEL` names, if set) and the summarization
    /// model, if any.
    ///
    /// # Errors
    /// [`Error::CueModel`](crate::Error::CueModel) when the weights
    /// `NEWSDIGEST_CUE_MODEL` names are unusable, before any summarization
    /// model is loaded; the summarizer's errors otherwise.
    pub fn new(config: PipelineConfig) -> Result<Pipeline> {
        Self::with_progress(config, &mut NoProgress)
    }

    /// [`Pipeline::new`], telling `progress` how the download of a preset
    /// that is not cached yet advances.
    pub fn with_progress(
        config: PipelineConfig,
        progress: &mut dyn DownloadProgress,
    ) -> Result<Pipeline> {
        attribute::CueModel::from_env()?;
        attribute::BoundsModel::from_env()?;
        let loaded = summarize::load_with_progress(&config.summarize, progress)?;
        Ok(Pipeline {
            summarizer: loaded.summarizer,
            notice: loaded.notice,
            unsupported: UnsupportedPolicy::default(),
        })
    }

    /// What to do with summary sentences the article does not support
    /// ([`check::apply`]); `flag` unless set.
    pub fn with_unsupported(mut self, policy: UnsupportedPolicy) -> Pipeline {
        self.unsupported = policy;
        self
    }

    /// Why the summary method differs from what `auto` would prefer, if it does.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Ingest, segment and attribute: everything but the summary.
    /// Independent of the summarization model, so callers may run it in
    /// parallel. Cues are scored with the weights [`Pipeline::new`] checks
    /// ([`attribute::CueModel::from_env`]), loaded once per process.
    pub fn analyze(id: Option<String>, text: String) -> Result<Document> {
        Self::analyze_prepared(id, ingest::Prepared::text(text))
    }

    /// [`Pipeline::analyze`] of an input read by [`ingest::prepare`] (plain
    /// text or the article of a web page, whose headline is the title).
    ///
    /// Attribution is English-only: an article detected as another language
    /// ([`Document::other_language`]) gets, instead, the direct quotes that
    /// its own quotation marks show ([`segment::quotations`]), without cue,
    /// source or speaker, which English cues cannot find there.
    pub fn analyze_prepared(id: Option<String>, input: ingest::Prepared) -> Result<Document> {
        let cue_model = attribute::CueModel::from_env()?;
        attribute::BoundsModel::from_env()?;
        let mut doc = input.ingest(id)?;
        segment::segment(&mut doc);
        if doc.other_language().is_some() {
            quote_marks_only(&mut doc);
        } else {
            attribute::attribute_with(&mut doc, cue_model);
        }
        Ok(doc)
    }

    /// Add summaries to analyzed documents, in one batch.
    pub fn summarize(&self, docs: &mut [Document]) -> Vec<Result<()>> {
        let Some(summarizer) = &self.summarizer else {
            return docs.iter().map(|_| Ok(())).collect();
        };
        let refs: Vec<&Document> = docs.iter().collect();
        let summaries = summarizer.summarize_batch(&refs);
        let results: Vec<Result<()>> = docs
            .iter_mut()
            .zip(summaries)
            .map(|(doc, s)| s.map(|s| doc.summary = Some(s)))
            .collect();
        // Checks cost a few sentences' analysis each: in parallel, off the
        // model's critical path as much as the caller's threads allow.
        let policy = self.unsupported;
        docs.par_iter_mut()
            .zip(results.par_iter())
            .filter(|(_, r)| r.is_ok())
            .for_each(|(doc, _)| check::apply(doc, policy));
        results
    }

    /// The whole pipeline on one article.
    pub fn run(&self, id: Option<String>, text: String) -> Result<Document> {
        let mut doc = Self::analyze(id, text)?;
        if let Some(summarizer) = &self.summarizer {
            doc.summary = Some(summarizer.summarize(&doc)?);
            check::apply(&mut doc, self.unsupported);
        }
        Ok(doc)
    }

    /// [`Pipeline::run`] on an input read by [`ingest::prepare`].
    pub fn run_prepared(&self, id: Option<String>, input: ingest::Prepared) -> Result<Document> {
        let mut doc = Self::analyze_prepared(id, input)?;
        if let Some(summarizer) = &self.summarizer {
            doc.summary = Some(summarizer.summarize(&doc)?);
            check::apply(&mut doc, self.unsupported);
        }
        Ok(doc)
    }
}

/// The direct quotes of `doc` that quotation marks alone show, outside page
/// debris: each with its content (marks included) and nothing else.
fn quote_marks_only(doc: &mut Document) {
    // Marks are distinct lines in input order: the only one that can
    // overlap a quote is the last one starting before the quote ends (a
    // search, not a scan of every mark per quote).
    let marks = &doc.boilerplate;
    let in_debris = |r: &std::ops::Range<usize>| {
        let k = marks.partition_point(|b| b.start < r.end);
        k > 0 && marks[k - 1].end > r.start
    };
    doc.quotes = segment::quotations(&doc.text, &doc.paragraphs)
        .into_iter()
        .filter(|r| !in_debris(r))
        .map(|r| Quote {
            kind: QuoteKind::Direct,
            content: doc.span(r.start, r.end),
            content_parts: Vec::new(),
            cue: None,
            source: None,
            speaker: None,
            speakers: Vec::new(),
            confidence: None,
        })
        .collect();
    doc.speakers = Vec::new();
}
