//! The summary flags that `digest` and `batch` share, and the library
//! configuration they make.

use std::path::PathBuf;

use clap::Args;
use newsdigest::summarize::{
    DeviceChoice, GenerationOverrides, ModelChoice, Precision, SummarizeConfig, SummaryMode,
};
use newsdigest::UnsupportedPolicy;

use crate::values::{self, parser};

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
    /// Which summary to write.
    #[arg(long, default_value = "auto", value_parser = parser::<values::Summary, SummaryMode>())]
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
    /// Beams of the beam search (default: the model's configuration).
    #[arg(long, value_name = "N")]
    num_beams: Option<i64>,
    /// Fewest tokens in a generated summary (default: the model's).
    #[arg(long, value_name = "N")]
    min_length: Option<i64>,
    /// Most tokens in a generated summary (default: the model's).
    #[arg(long, value_name = "N")]
    max_length: Option<i64>,
    /// Length penalty of the beam search: above 1 favours longer summaries
    /// (default: the model's).
    #[arg(long, value_name = "X")]
    length_penalty: Option<f64>,
    /// Never repeat a word sequence of this length (default: the model's).
    #[arg(long, value_name = "N")]
    no_repeat_ngram_size: Option<i64>,
    /// Where the model runs.
    #[arg(long, default_value = "cpu", value_parser = parser::<values::Device, DeviceChoice>())]
    device: DeviceChoice,
    /// Weight precision of the model.
    #[arg(long, default_value = "auto", value_parser = parser::<values::Dtype, Precision>())]
    dtype: Precision,
    /// Texts (article chunks) summarized together, sorted by length; in
    /// `batch`, also the documents handed to the summarizer per call.
    #[arg(long, default_value_t = newsdigest::summarize::DEFAULT_BATCH_SIZE,
          value_parser = parse_batch_size)]
    pub batch_size: usize,
    /// What to do with a summary sentence the article does not support.
    #[arg(long, default_value = "flag",
          value_parser = parser::<values::Unsupported, UnsupportedPolicy>())]
    pub unsupported: UnsupportedPolicy,
    /// Threads: libtorch's (the model) and, in `batch`, the analysis pool
    /// (unless --jobs sets that one). Default: the cores this process may
    /// use (CPU affinity, cgroup quota); libtorch keeps OMP_NUM_THREADS
    /// when that is set and --threads is not.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=512))]
    pub threads: Option<u16>,
}

fn parse_batch_size(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=4096).contains(&n) => Ok(n),
        _ => Err(format!("{s:?} is not a batch size from 1 to 4096")),
    }
}

impl SummaryArgs {
    /// `--threads`, else the cores this process may use.
    pub fn threads(&self) -> usize {
        self.threads
            .map_or_else(newsdigest::summarize::available_threads, usize::from)
    }

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
            // An explicit OMP_NUM_THREADS is the user's word to libtorch.
            threads: match self.threads {
                None if std::env::var_os("OMP_NUM_THREADS").is_some() => None,
                _ => Some(self.threads()),
            },
            // This process runs the model it loads; see the function's docs.
            keep_freed_memory: true,
        }
    }
}
