//! The summary flags that `digest` and `batch` share, and the library
//! configuration they make.

use std::path::PathBuf;

use clap::Args;
use newsdigest::summarize::{
    DeviceChoice, GenerationOverrides, ModelChoice, Precision, SummarizeConfig, SummaryMode,
};
use newsdigest::UnsupportedPolicy;

/// `--offsets`: what the JSON output's `start` and `end` count.
#[derive(Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Offsets {
    /// UTF-8 bytes (Rust, Go, byte-oriented tools).
    #[default]
    Bytes,
    /// Unicode code points, so Python slices `text[start:end]`.
    Chars,
}

#[derive(Args)]
pub struct SummaryArgs {
    /// What JSON offsets count: bytes (UTF-8) or chars (Unicode code
    /// points, as Python strings and spaCy index).
    #[arg(long, value_enum, default_value_t = Offsets::Bytes)]
    pub offsets: Offsets,
    /// auto: abstractive when the model is available, else extractive.
    #[arg(long, default_value = "auto")]
    pub summary: SummaryMode,
    /// Same as --summary none.
    #[arg(long)]
    pub no_summary: bool,
    /// A preset (see `newsdigest models`) or a Hugging Face model
    /// ORG/NAME[@REVISION], taken from the Hugging Face cache or downloaded
    /// into it on first use (HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE,
    /// HF_ENDPOINT, HF_TOKEN are honoured).
    #[arg(long, conflicts_with = "model_dir", value_name = "NAME|ORG/NAME[@REV]")]
    model: Option<ModelChoice>,
    /// Hugging Face-format model folder (config.json, weights, tokenizer).
    #[arg(long)]
    model_dir: Option<PathBuf>,
    #[arg(long)]
    num_beams: Option<i64>,
    #[arg(long)]
    min_length: Option<i64>,
    #[arg(long)]
    max_length: Option<i64>,
    #[arg(long)]
    length_penalty: Option<f64>,
    #[arg(long)]
    no_repeat_ngram_size: Option<i64>,
    /// cpu, cuda or auto.
    #[arg(long, default_value = "cpu")]
    device: DeviceChoice,
    /// Weight precision: f32, bf16, int8 (BART on the CPU: int8 weights,
    /// f32 activations; opt-in, see docs/int8.md), or auto (bf16 for BART
    /// on CPUs with native bf16, else f32).
    #[arg(long, default_value = "auto")]
    dtype: Precision,
    /// Texts (article chunks) summarized together, sorted by length; in
    /// `batch`, also the documents handed to the summarizer per call.
    #[arg(long, default_value_t = newsdigest::summarize::DEFAULT_BATCH_SIZE,
          value_parser = parse_batch_size)]
    pub batch_size: usize,
    /// Summary sentences the article does not support: flag (keep and
    /// mark them), drop (remove them; extractive if none is left), or
    /// extractive (replace the whole summary by the extractive one).
    #[arg(long, default_value = "flag")]
    pub unsupported: UnsupportedPolicy,
}

fn parse_batch_size(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=4096).contains(&n) => Ok(n),
        _ => Err(format!("{s:?} is not a batch size from 1 to 4096")),
    }
}

impl SummaryArgs {
    pub fn config(&self) -> SummarizeConfig {
        let model = match (&self.model, &self.model_dir) {
            (_, Some(dir)) => Some(ModelChoice::Dir(dir.clone())),
            (Some(model), None) => Some(model.clone()),
            (None, None) => None,
        };
        SummarizeConfig {
            mode: if self.no_summary {
                SummaryMode::None
            } else {
                self.summary
            },
            model,
            overrides: GenerationOverrides {
                num_beams: self.num_beams,
                min_length: self.min_length,
                max_length: self.max_length,
                length_penalty: self.length_penalty,
                no_repeat_ngram_size: self.no_repeat_ngram_size,
            },
            device: self.device,
            precision: self.dtype,
            batch_size: self.batch_size,
        }
    }
}
