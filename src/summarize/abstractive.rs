//! Abstractive summaries through rust-bert's seq2seq models.

use std::fs;

use rust_bert::bart::BartConfig;
use rust_bert::pegasus::PegasusConfig;
use rust_bert::pipelines::common::{ModelResource, ModelType, TokenizerOption};
use rust_bert::pipelines::summarization::{SummarizationConfig, SummarizationModel};
use rust_bert::prophetnet::ProphetNetConfig;
use rust_bert::resources::LocalResource;
use rust_bert::t5::T5Config;
use tch::{Device, Kind};

use super::chunk::windows;
use super::model::{Architecture, ModelFolder, TokenizerFiles};
use super::{DeviceChoice, Precision, Summarizer};
use crate::document::{Document, Summary, SummaryMethod};
use crate::error::{Error, Result};

pub struct Abstractive {
    model: SummarizationModel,
    folder: ModelFolder,
}

fn model_type(a: Architecture) -> ModelType {
    match a {
        Architecture::Bart => ModelType::Bart,
        Architecture::Pegasus => ModelType::Pegasus,
        Architecture::T5 => ModelType::T5,
        Architecture::LongT5 => ModelType::LongT5,
        Architecture::ProphetNet => ModelType::ProphetNet,
    }
}

/// rust-bert's config readers panic on a config they cannot parse; parse it
/// here first so that a bad folder is an error naming the problem.
fn check_config(folder: &ModelFolder) -> Result<()> {
    let raw = fs::read_to_string(&folder.config).map_err(|source| Error::Io {
        path: folder.config.clone(),
        source,
    })?;
    let parsed = match folder.architecture {
        Architecture::Bart => serde_json::from_str::<BartConfig>(&raw).map(drop),
        Architecture::Pegasus => serde_json::from_str::<PegasusConfig>(&raw).map(drop),
        Architecture::T5 | Architecture::LongT5 => serde_json::from_str::<T5Config>(&raw).map(drop),
        Architecture::ProphetNet => serde_json::from_str::<ProphetNetConfig>(&raw).map(drop),
    };
    parsed.map_err(|e| Error::ModelFolder {
        dir: folder.dir.clone(),
        problem: format!(
            "config.json does not describe a {:?} model: {e}",
            folder.architecture
        ),
    })
}

impl Abstractive {
    pub fn load(
        folder: ModelFolder,
        device: DeviceChoice,
        precision: Precision,
    ) -> Result<Abstractive> {
        check_config(&folder)?;
        let device = match device {
            DeviceChoice::Cpu => Device::Cpu,
            DeviceChoice::Auto => Device::cuda_if_available(),
            DeviceChoice::Cuda if tch::Cuda::is_available() => Device::Cuda(0),
            DeviceChoice::Cuda => {
                return Err(Error::Summarize(
                    "--device cuda: no CUDA device is available".into(),
                ))
            }
        };
        let kind = match precision {
            Precision::F32 => Kind::Float,
            Precision::Bf16 => Kind::BFloat16,
        };
        let s = &folder.settings;
        let local = |p: &std::path::Path| Box::new(LocalResource::from(p.to_owned()));
        let (vocab, merges) = match &folder.tokenizer {
            TokenizerFiles::Bpe { vocab, merges } => (vocab.clone(), Some(merges.clone())),
            TokenizerFiles::SentencePiece { model } => (model.clone(), None),
            TokenizerFiles::HuggingFace { tokenizer, .. } => (tokenizer.clone(), None),
        };
        let config = SummarizationConfig {
            model_type: model_type(folder.architecture),
            model_resource: ModelResource::Torch(local(&folder.weights)),
            config_resource: local(&folder.config),
            vocab_resource: local(&vocab),
            merges_resource: merges.as_deref().map(|m| local(m) as Box<_>),
            min_length: s.min_length,
            max_length: Some(s.max_length),
            do_sample: false,
            early_stopping: s.early_stopping,
            num_beams: s.num_beams,
            length_penalty: s.length_penalty,
            no_repeat_ngram_size: s.no_repeat_ngram_size,
            device,
            kind: Some(kind),
            temperature: 1.0,
            top_k: 0,
            top_p: 1.0,
            repetition_penalty: 1.0,
            num_return_sequences: 1,
            num_beam_groups: None,
            diversity_penalty: None,
        };
        let loaded = match &folder.tokenizer {
            TokenizerFiles::HuggingFace {
                tokenizer,
                special_tokens,
            } => TokenizerOption::from_hf_tokenizer_file(tokenizer, special_tokens)
                .and_then(|t| SummarizationModel::new_with_tokenizer(config, t)),
            _ => SummarizationModel::new(config),
        };
        let model = loaded.map_err(|e| Error::ModelFolder {
            dir: folder.dir.clone(),
            problem: format!("rust-bert could not load the model: {e}"),
        })?;
        Ok(Abstractive { model, folder })
    }

    pub fn folder(&self) -> &ModelFolder {
        &self.folder
    }

    /// Tokens the model's own tokenizer makes of `text`, special tokens excluded.
    pub fn count_tokens(&self, text: &str) -> usize {
        self.model.get_tokenizer().tokenize(text).len()
    }

    fn generate(&self, inputs: &[String]) -> Result<Vec<String>> {
        // rust-bert's summarize() prepends T5's task prefix itself.
        self.model
            .summarize(inputs)
            .map_err(|e| Error::Summarize(e.to_string()))
    }

    /// Input tokens available for text in one window.
    fn budget(&self) -> usize {
        let prefix = self.count_tokens(self.folder.architecture.input_prefix());
        // Two special tokens (BOS/EOS) wrap the input.
        self.folder
            .max_input_tokens
            .saturating_sub(2 + prefix)
            .max(8)
    }

    fn summarize_text_pieces(&self, pieces: &[&str]) -> Result<(String, usize)> {
        let count = |t: &str| self.count_tokens(t);
        let budget = self.budget();
        let first = windows(pieces, budget, &count);
        let chunks = first.len();
        let mut level = first;
        loop {
            let partial = self.generate(&level)?;
            if partial.len() == 1 {
                return Ok((partial.into_iter().next().unwrap_or_default(), chunks));
            }
            let refs: Vec<&str> = partial.iter().map(String::as_str).collect();
            let next = windows(&refs, budget, &count);
            // A reduce step that does not shrink would loop forever: summaries
            // as long as their inputs. Summarize the joined text in one go
            // from the last level instead of recursing.
            if next.len() >= level.len() {
                return Ok((partial.join(" "), chunks));
            }
            level = next;
        }
    }
}

impl Summarizer for Abstractive {
    fn summarize_batch(&self, docs: &[&Document]) -> Vec<Result<Summary>> {
        docs.iter()
            .map(|doc| {
                let pieces: Vec<&str> = doc.body_sentences().map(|s| s.text.as_str()).collect();
                if pieces.is_empty() {
                    return Err(Error::Summarize(
                        "the article has no content sentences to summarize".into(),
                    ));
                }
                let (text, chunks) = self.summarize_text_pieces(&pieces)?;
                Ok(Summary {
                    text: text.trim().to_owned(),
                    method: SummaryMethod::Abstractive,
                    model: self.folder.name.clone(),
                    chunks: (chunks > 1).then_some(chunks),
                })
            })
            .collect()
    }
}
