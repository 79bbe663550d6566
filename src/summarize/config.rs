//! What a caller decides about the summary: which summarizer, which model,
//! where it runs, and the generation settings they override. Plain values
//! only; the model folder's own configuration is read in `model_config.rs`.

use std::path::PathBuf;

use super::hub::HubId;
use std::str::FromStr;

/// Which summary the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SummaryMode {
    /// Abstractive with the default model when it can be had, else extractive.
    #[default]
    Auto,
    /// Abstractive or an error: never a silent fallback.
    Abstractive,
    Extractive,
    None,
}

impl FromStr for SummaryMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "auto" => SummaryMode::Auto,
            "abstractive" => SummaryMode::Abstractive,
            "extractive" => SummaryMode::Extractive,
            "none" => SummaryMode::None,
            _ => {
                return Err(format!(
                    "unknown summary mode {s:?} (auto, abstractive, extractive, none)"
                ))
            }
        })
    }
}

/// The default model: distilled BART fine-tuned on CNN/DailyMail.
pub const DEFAULT_MODEL: &str = "distilbart-cnn-12-6";

/// Where the abstractive model comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelChoice {
    /// A preset by name, downloaded into the cache on first use.
    Preset(String),
    /// A Hugging Face-format folder.
    Dir(PathBuf),
    /// A model repository on the Hugging Face hub, used from the hub cache
    /// or downloaded into it.
    Hub(HubId),
}

impl std::str::FromStr for ModelChoice {
    type Err = String;

    /// `ORG/NAME[@REVISION]` is a hub model; a name without `/` a preset
    /// (checked when it is loaded, which lists the presets).
    fn from_str(s: &str) -> Result<Self, String> {
        if s.contains('/') || s.contains('@') {
            HubId::parse(s).map(ModelChoice::Hub)
        } else if s.is_empty() {
            Err("the model name is empty".to_owned())
        } else {
            Ok(ModelChoice::Preset(s.to_owned()))
        }
    }
}

impl Default for ModelChoice {
    fn default() -> Self {
        ModelChoice::Preset(DEFAULT_MODEL.to_owned())
    }
}

/// Compute device for the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeviceChoice {
    #[default]
    Cpu,
    Cuda,
    /// CUDA when available, else CPU.
    Auto,
}

impl FromStr for DeviceChoice {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "cpu" => DeviceChoice::Cpu,
            "cuda" => DeviceChoice::Cuda,
            "auto" => DeviceChoice::Auto,
            _ => return Err(format!("unknown device {s:?} (cpu, cuda, auto)")),
        })
    }
}

/// Weight precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    F32,
    Bf16,
    /// bf16 where it pays: BART on a CPU with native bf16 arithmetic
    /// (AVX-512 BF16 or AMX; see scripts/bench_summarize), else f32.
    #[default]
    Auto,
    /// int8 weights (symmetric, per output channel, quantized at load) for
    /// BART's linear layers and token embedding, float32 activations; CPU
    /// only. Opt-in: `auto` never picks it (docs/int8.md).
    Int8,
}

impl FromStr for Precision {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "f32" => Precision::F32,
            "bf16" => Precision::Bf16,
            "auto" => Precision::Auto,
            "int8" => Precision::Int8,
            _ => return Err(format!("unknown dtype {s:?} (f32, bf16, int8, auto)")),
        })
    }
}

/// Beam-search settings. `None` fields fall back to the model folder's
/// `generation_config.json`/`config.json`, then to the preset's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GenerationOverrides {
    pub num_beams: Option<i64>,
    pub min_length: Option<i64>,
    pub max_length: Option<i64>,
    pub length_penalty: Option<f64>,
    pub no_repeat_ngram_size: Option<i64>,
}

/// Everything that decides which summarizer runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummarizeConfig {
    pub mode: SummaryMode,
    /// `None`: the default preset. Naming a model makes abstractive mandatory.
    pub model: Option<ModelChoice>,
    pub overrides: GenerationOverrides,
    pub device: DeviceChoice,
    pub precision: Precision,
    /// Inputs generated together (0: the default, [`DEFAULT_BATCH_SIZE`]).
    pub batch_size: usize,
    /// libtorch's intra-op threads, set for the whole process when a model
    /// loads; `None` leaves libtorch's own choice (`OMP_NUM_THREADS`, else
    /// the machine's cores, whatever the process's CPU affinity or quota:
    /// see [`super::available_threads`]).
    pub threads: Option<usize>,
    /// Once a model has loaded, make the process keep the memory it frees
    /// ([`super::keep_freed_memory`]); nothing is changed when no model
    /// loads (extractive or no summary).
    pub keep_freed_memory: bool,
}

/// Chunks summarized in one batch unless `--batch-size` says otherwise.
pub const DEFAULT_BATCH_SIZE: usize = 8;
