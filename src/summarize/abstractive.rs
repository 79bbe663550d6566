//! Abstractive summaries: BART checkpoints through newsdigest's own
//! generator (exact ids of the reference implementation, see `generate.rs`),
//! other seq2seq architectures through rust-bert's summarization pipeline.

use std::fs;

use rust_bert::bart::BartConfig;
use rust_bert::pegasus::PegasusConfig;
use rust_bert::pipelines::common::{ModelResource, ModelType, TokenizerOption};
use rust_bert::pipelines::summarization::{SummarizationConfig, SummarizationModel};
use rust_bert::prophetnet::ProphetNetConfig;
use rust_bert::resources::LocalResource;
use rust_bert::t5::T5Config;
use tch::{Device, Kind};

use super::bart::{Bart, Int8Layers};
use super::chunk::chunks;
use super::config::{DeviceChoice, Precision};
use super::files;
use super::generate::{self, SearchParams};
use super::model::{ModelFolder, TokenizerFiles};
use super::model_config::Architecture;
use super::tokenizer::HfTokenizer;
use super::Summarizer;
use crate::document::{Document, Summary, SummaryMethod};
use crate::error::{Error, Result};

/// Which generator runs the model.
enum Engine {
    /// BART through newsdigest's own forward pass and search (see `bart.rs`,
    /// `generate.rs`): the reference implementation's ids, faster.
    Native {
        model: Box<Bart>,
        tokenizer: Box<HfTokenizer>,
    },
    /// Pegasus, T5, LongT5, ProphetNet through rust-bert's pipeline.
    RustBert(Box<SummarizationModel>),
}

pub struct Abstractive {
    engine: Engine,
    folder: ModelFolder,
    batch_size: usize,
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
    let raw = folder.model_config.source();
    let parsed = match folder.architecture {
        Architecture::Bart => serde_json::from_slice::<BartConfig>(raw).map(drop),
        Architecture::Pegasus => serde_json::from_slice::<PegasusConfig>(raw).map(drop),
        Architecture::T5 | Architecture::LongT5 => {
            serde_json::from_slice::<T5Config>(raw).map(drop)
        }
        Architecture::ProphetNet => serde_json::from_slice::<ProphetNetConfig>(raw).map(drop),
    };
    parsed.map_err(|e| Error::ModelFolder {
        dir: folder.dir.clone(),
        problem: format!(
            "config.json does not describe a {:?} model: {e}",
            folder.architecture
        ),
    })
}

fn rust_bert_model(folder: &ModelFolder, device: Device, kind: Kind) -> Result<SummarizationModel> {
    if folder.weights.ends_with(super::hub::SHARD_INDEX) {
        // rust-bert loads one weights file into its variable store.
        return Err(Error::ModelFolder {
            dir: folder.dir.clone(),
            problem: format!(
                "sharded safetensors are read for BART models only; for {:?}, save the model \
                 as one file: save_pretrained(OUT_DIR, safe_serialization=True, max_shard_size='100GB')",
                folder.architecture
            ),
        });
    }
    let s = &folder.settings;
    let local = |p: &std::path::Path| Box::new(LocalResource::from(p.to_owned()));
    let (vocab, merges) = match &folder.tokenizer {
        TokenizerFiles::Bpe { vocab, merges } => (vocab.clone(), Some(merges.clone())),
        TokenizerFiles::SentencePiece { model } => (model.clone(), None),
        TokenizerFiles::HuggingFace { tokenizer, .. } => (tokenizer.clone(), None),
    };
    // rust-bert reads the tokenizer's files by their paths, each to its
    // end: each is first read through within its limit.
    let special_tokens = match &folder.tokenizer {
        TokenizerFiles::HuggingFace { special_tokens, .. } => Some(special_tokens),
        _ => None,
    };
    for file in [Some(&vocab), merges.as_ref(), special_tokens]
        .into_iter()
        .flatten()
    {
        files::check(file, files::TOKENIZER_LIMIT).map_err(|problem| Error::ModelFolder {
            dir: folder.dir.clone(),
            problem,
        })?;
    }
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
    Ok(model)
}

impl Abstractive {
    pub fn load(
        folder: ModelFolder,
        device: DeviceChoice,
        precision: Precision,
        batch_size: usize,
    ) -> Result<Abstractive> {
        let batch_size = batch_size.max(1);
        check_config(&folder)?;
        let device = match device {
            DeviceChoice::Cpu => Device::Cpu,
            // int8's kernels are the CPU's.
            DeviceChoice::Auto if precision == Precision::Int8 => Device::Cpu,
            DeviceChoice::Auto => Device::cuda_if_available(),
            DeviceChoice::Cuda if tch::Cuda::is_available() => Device::Cuda(0),
            DeviceChoice::Cuda => return Err(Error::NoCudaDevice),
        };
        let native = folder.architecture == Architecture::Bart;
        if precision == Precision::Int8 && !native {
            return Err(Error::ModelFolder {
                dir: folder.dir.clone(),
                problem: format!(
                    "--dtype int8 is for BART models only; this one is {:?} (use f32 or bf16)",
                    folder.architecture
                ),
            });
        }
        let kind = match precision {
            Precision::F32 | Precision::Int8 => Kind::Float,
            Precision::Bf16 => Kind::BFloat16,
            // rust-bert's search takes log_softmax in the model's dtype
            // (docs/summarize-parity.md): f32 there unless asked.
            Precision::Auto if native && device == Device::Cpu && cpu_has_native_bf16() => {
                Kind::BFloat16
            }
            Precision::Auto => Kind::Float,
        };
        if native {
            let tokenizer = HfTokenizer::load(&folder).map_err(|problem| Error::ModelFolder {
                dir: folder.dir.clone(),
                problem,
            })?;
            let model = folder
                .bart_dims()
                .and_then(|dims| match precision {
                    Precision::Int8 => {
                        Bart::load_int8(dims, &folder.weights, device, Int8Layers::default())
                    }
                    _ => Bart::load(dims, &folder.weights, kind, device),
                })
                .map_err(|problem| Error::ModelFolder {
                    dir: folder.dir.clone(),
                    problem,
                })?;
            return Ok(Abstractive {
                engine: Engine::Native {
                    model: Box::new(model),
                    tokenizer: Box::new(tokenizer),
                },
                folder,
                batch_size,
            });
        }
        let model = rust_bert_model(&folder, device, kind)?;
        Ok(Abstractive {
            engine: Engine::RustBert(Box::new(model)),
            folder,
            batch_size,
        })
    }

    /// Tokens the model's own tokenizer makes of `text`, special tokens excluded.
    pub fn count_tokens(&self, text: &str) -> usize {
        match &self.engine {
            Engine::Native { tokenizer, .. } => tokenizer.count(text),
            Engine::RustBert(m) => m.get_tokenizer().tokenize(text).len(),
        }
    }

    /// The search settings of the folder (after the user's flags).
    fn search_params(&self) -> SearchParams {
        SearchParams {
            settings: self.folder.settings.clone(),
            tokens: self.folder.special_tokens.clone(),
        }
    }

    /// Summaries of `inputs`, in order, generated in batches of at most
    /// `batch_size` inputs of similar length (sorted by token count, so that
    /// little padding is computed).
    pub fn generate(&self, inputs: &[String]) -> Result<Vec<String>> {
        match &self.engine {
            Engine::Native { model, tokenizer } => {
                let params = self.search_params();
                let ids: Vec<Vec<i64>> = inputs
                    .iter()
                    .map(|t| {
                        let ids = tokenizer.encode(t).map_err(Error::Summarize)?;
                        // A tokenizer may know tokens the model does not
                        // (bart-large-cnn's <mask> is id 50264, past its
                        // vocab_size of 50264): such an id is an index out
                        // of range in the embedding.
                        let vocab = model.dims.vocab_size;
                        if let Some(id) = ids.iter().find(|&&id| id >= vocab) {
                            return Err(Error::Summarize(format!(
                                "the tokenizer gives the text a token of id {id}, past the model's vocabulary of {vocab} (vocab_size in config.json)"
                            )));
                        }
                        // Chunks are sized to fit (`summarize_batch`); never
                        // cut an input silently.
                        let max = model.max_input() as usize;
                        if ids.len() > max {
                            return Err(Error::Summarize(format!(
                                "an input of {} tokens exceeds the model's {max} positions",
                                ids.len()
                            )));
                        }
                        Ok(ids)
                    })
                    .collect::<Result<_>>()?;
                let mut order: Vec<usize> = (0..ids.len()).collect();
                order.sort_by_key(|&i| std::cmp::Reverse(ids[i].len()));
                let mut out = vec![String::new(); ids.len()];
                for batch in order.chunks(self.batch_size) {
                    let group: Vec<Vec<i64>> = batch.iter().map(|&i| ids[i].clone()).collect();
                    let generated = generate::generate(model, &group, &params);
                    for (&i, g) in batch.iter().zip(generated) {
                        out[i] = tokenizer.decode(&g).map_err(Error::Summarize)?;
                    }
                }
                Ok(out)
            }
            Engine::RustBert(m) => {
                let mut out = Vec::with_capacity(inputs.len());
                for batch in inputs.chunks(self.batch_size) {
                    // rust-bert's summarize() prepends T5's task prefix itself.
                    out.extend(
                        m.summarize(batch)
                            .map_err(|e| Error::Summarize(e.to_string()))?,
                    );
                }
                Ok(out)
            }
        }
    }

    /// Input tokens available for text in one chunk.
    fn budget(&self) -> usize {
        let prefix = self.count_tokens(self.folder.architecture.input_prefix());
        // Two special tokens (BOS/EOS) wrap the input; pieces are counted
        // with a leading space (see `summarize_batch`), which the chunk's
        // first piece lacks: keep 4 tokens for that difference.
        self.folder
            .max_input_tokens
            .saturating_sub(2 + 4 + prefix)
            .max(8)
    }
}

/// Whether this CPU computes in bf16 natively (AVX-512 BF16 or AMX), where
/// bf16 weights halve the memory read per decoding step and the matrix
/// products run at bf16 speed.
fn cpu_has_native_bf16() -> bool {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find(|l| l.starts_with("flags")).map(|l| {
                l.split_whitespace()
                    .any(|f| f == "avx512_bf16" || f == "amx_bf16")
            })
        })
        .unwrap_or(false)
}

/// What `e` says, for an [`Error::Summarize`] of each document it fails:
/// the message within when it is one already, so that the document's
/// error reads "summarization failed:" once.
fn failure_message(e: Error) -> String {
    match e {
        Error::Summarize(message) => message,
        other => other.to_string(),
    }
}

/// Map-reduce state of one document.
struct Job {
    /// Texts to summarize at the current level.
    level: Vec<String>,
    /// Chunks of the first level.
    chunks: usize,
    result: Option<Result<String>>,
}

impl Summarizer for Abstractive {
    /// All documents' chunks of one level are generated together, in
    /// length-sorted batches; then each document's partial summaries are
    /// packed into chunks again, until one summary per document remains.
    fn summarize_batch(&self, docs: &[&Document]) -> Vec<Result<Summary>> {
        // Pieces are joined with spaces, and byte-level BPE tokenizes " word"
        // differently from "word": count each piece as it will appear.
        let count = |t: &str| self.count_tokens(&format!(" {t}"));
        let budget = self.budget();
        let mut jobs: Vec<Job> = docs
            .iter()
            .map(|doc| {
                let pieces: Vec<&str> = doc.body_sentences().map(|s| s.text.as_str()).collect();
                if pieces.is_empty() {
                    return Job {
                        level: Vec::new(),
                        chunks: 0,
                        result: Some(Err(Error::Summarize(
                            "the article has no content sentences to summarize".into(),
                        ))),
                    };
                }
                let level = chunks(&pieces, budget, &count);
                Job {
                    chunks: level.len(),
                    level,
                    result: None,
                }
            })
            .collect();
        loop {
            let pending: Vec<usize> = (0..jobs.len())
                .filter(|&j| jobs[j].result.is_none())
                .collect();
            if pending.is_empty() {
                break;
            }
            let inputs: Vec<String> = pending
                .iter()
                .flat_map(|&j| jobs[j].level.clone())
                .collect();
            let outputs = match self.generate(&inputs) {
                Ok(o) => o,
                Err(e) => {
                    let msg = failure_message(e);
                    for &j in &pending {
                        jobs[j].result = Some(Err(Error::Summarize(msg.clone())));
                    }
                    break;
                }
            };
            let mut outputs = outputs.into_iter();
            for &j in &pending {
                let job = &mut jobs[j];
                let partial: Vec<String> = outputs.by_ref().take(job.level.len()).collect();
                if partial.len() == 1 {
                    job.result = partial.into_iter().next().map(Ok);
                    continue;
                }
                let refs: Vec<&str> = partial.iter().map(String::as_str).collect();
                let next = chunks(&refs, budget, &count);
                // A reduce step that does not shrink would loop forever
                // (summaries as long as their inputs): stop at this level.
                if next.len() >= job.level.len() {
                    job.result = Some(Ok(partial.join(" ")));
                } else {
                    job.level = next;
                }
            }
        }
        jobs.into_iter()
            .map(|job| {
                let text = job.result.unwrap_or_else(|| Ok(String::new()))?;
                Ok(Summary {
                    text: text.trim().to_owned(),
                    method: SummaryMethod::Abstractive,
                    model: self.folder.name.clone(),
                    chunks: (job.chunks > 1).then_some(job.chunks),
                    checks: None,
                    revised: None,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_shared_by_documents_says_summarization_failed_once() {
        let shared = |e: Error| Error::Summarize(failure_message(e)).to_string();
        assert_eq!(
            shared(Error::Summarize(
                "an input of 300 tokens exceeds the model's 256 positions".into()
            )),
            "summarization failed: an input of 300 tokens exceeds the model's 256 positions"
        );
        assert_eq!(
            shared(Error::NoCudaDevice),
            "summarization failed: no CUDA device is available"
        );
    }
}
