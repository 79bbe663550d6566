//! Stage 4: a summary of the article's content sentences, abstractive through
//! a seq2seq model, or extractive (lead sentences) without one.
//!
//! The front door is [`load`] with a [`SummarizeConfig`], and the
//! [`Summarizer`] it gives. Inside, one job per file:
//! - `config.rs`: what the caller decides (mode, model, device, precision);
//! - `model.rs`: presets and the checked model folder ([`ModelFolder`]);
//! - `model_config.rs`: the one reader of the folder's `config.json` and
//!   `generation_config.json`; `safetensors.rs`: the weights file's header;
//! - `hub.rs`: models named `ORG/NAME[@REVISION]` and the Hugging Face hub
//!   cache they live in; `download.rs`: models fetched into that cache;
//! - `chunk.rs`: long articles packed into chunks that fit the model;
//! - `abstractive.rs`: map-reduce over chunks, batched across documents;
//!   BART through newsdigest's own generator, other architectures through
//!   rust-bert;
//! - the generator: `tokenizer.rs` (Hugging Face `tokenizers`), `weights.rs`,
//!   `bart.rs` (the model, which knows nothing of the search), `int8.rs`
//!   (its int8 weights: quantization and fbgemm's packed matrices) and
//!   `generate.rs` (the search, which takes the model and the folder's
//!   special tokens);
//! - `extractive.rs`: the lead-3 baseline.

#[cfg(feature = "abstractive")]
mod abstractive;
#[cfg(feature = "abstractive")]
mod bart;
#[cfg(feature = "abstractive")]
mod chunk;
mod config;
// Public while its progress reporting is being reworked (issue 14); the
// binary calls it by this path.
#[cfg(feature = "abstractive")]
pub mod download;
pub(crate) mod extractive;
mod files;
#[cfg(feature = "abstractive")]
mod generate;
pub mod hub;
#[cfg(feature = "abstractive")]
mod int8;
mod model;
mod model_config;
pub mod progress;
mod safetensors;
#[cfg(feature = "abstractive")]
mod tokenizer;
#[cfg(feature = "abstractive")]
mod weights;

use std::path::PathBuf;

use crate::document::{Document, Summary};
use crate::error::{Error, Result};
pub use config::{
    DeviceChoice, GenerationOverrides, ModelChoice, Precision, SummarizeConfig, SummaryMode,
    DEFAULT_BATCH_SIZE, DEFAULT_MODEL,
};
pub use model::{cache_dir, preset, ModelFolder, Preset, TokenizerFiles, PRESETS};
pub use model_config::{
    Architecture, BartDims, GenerationConfig, GenerationSettings, ModelConfig, SpecialTokens,
    MAX_BEAMS, MAX_SUMMARY_TOKENS, MIN_INPUT_TOKENS,
};
pub use progress::{DownloadProgress, NoProgress, ProgressLines};
pub use safetensors::check_embedding_rows;

// The generator, for embedders that run BART on token ids (the parity tests,
// examples/bench_summarize.rs).
#[cfg(feature = "abstractive")]
pub use bart::{Bart, Encoded, Int8Layers, SelfCache};
#[cfg(feature = "abstractive")]
pub use generate::{generate, teacher_forced_agreement, Agreement, SearchParams};
// How many int8 levels each side of zero `--dtype int8` quantizes to on
// this CPU (127, or 63 where fbgemm's product would overflow).
#[cfg(feature = "abstractive")]
pub use int8::weight_levels as int8_weight_levels;
#[cfg(feature = "abstractive")]
pub use tokenizer::HfTokenizer;
// A loaded model folder that summarizes texts (no `Document`), for embedders
// with their own text handling and for the parity tests.
#[cfg(feature = "abstractive")]
pub use abstractive::Abstractive;

/// A summarizer over whole documents.
pub trait Summarizer: Send {
    /// One summary per document, in order; one failure leaves the others intact.
    fn summarize_batch(&self, docs: &[&Document]) -> Vec<Result<Summary>>;

    fn summarize(&self, doc: &Document) -> Result<Summary> {
        self.summarize_batch(&[doc])
            .pop()
            .unwrap_or_else(|| Err(Error::Summarize("summarizer returned no summary".into())))
    }
}

/// The lead-3 baseline as a [`Summarizer`].
pub struct Extractive;

impl Summarizer for Extractive {
    fn summarize_batch(&self, docs: &[&Document]) -> Vec<Result<Summary>> {
        docs.iter().map(|d| Ok(extractive::lead(d, 3))).collect()
    }
}

/// The summarizer a configuration asked for.
pub struct Loaded {
    /// `None` when no summary was asked for.
    pub summarizer: Option<Box<dyn Summarizer>>,
    /// Why `auto` fell back to extractive, for the user.
    pub notice: Option<Notice>,
}

/// What the user should know about the summarizer they got.
#[derive(Debug)]
pub enum Notice {
    /// `auto` could not have the abstractive model, for `reason`: summaries
    /// are extractive (lead-3).
    ExtractiveFallback { reason: Error },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::ExtractiveFallback { reason } => {
                write!(f, "summary is extractive (lead-3): {reason}")
            }
        }
    }
}

impl Loaded {
    fn with(summarizer: Option<Box<dyn Summarizer>>, notice: Option<Notice>) -> Loaded {
        Loaded { summarizer, notice }
    }
}

/// The summarizer `config` asks for, and a notice for the user when `auto`
/// fell back to extractive. A preset that is not cached is downloaded
/// without reporting progress (see [`load_with_progress`]).
pub fn load(config: &SummarizeConfig) -> Result<Loaded> {
    load_with_progress(config, &mut NoProgress)
}

/// [`load`], telling `progress` how the download of a preset advances.
pub fn load_with_progress(
    config: &SummarizeConfig,
    progress: &mut dyn DownloadProgress,
) -> Result<Loaded> {
    let mandatory = config.mode == SummaryMode::Abstractive || config.model.is_some();
    match config.mode {
        SummaryMode::None => return Ok(Loaded::with(None, None)),
        SummaryMode::Extractive if config.model.is_none() => {
            return Ok(Loaded::with(Some(Box::new(Extractive)), None))
        }
        _ => {}
    }
    let choice = config.model.clone().unwrap_or_default();
    match load_abstractive(&choice, config, progress) {
        Ok(s) => Ok(Loaded::with(Some(s), None)),
        Err(reason) if !mandatory => {
            let notice = Notice::ExtractiveFallback { reason };
            Ok(Loaded::with(Some(Box::new(Extractive)), Some(notice)))
        }
        Err(e) => Err(e),
    }
}

/// Resolve `choice` to a checked model folder, downloading a preset if needed.
pub fn resolve_folder(
    choice: &ModelChoice,
    overrides: &GenerationOverrides,
    progress: &mut dyn DownloadProgress,
) -> Result<ModelFolder> {
    let mut folder = match choice {
        ModelChoice::Dir(dir) => ModelFolder::inspect(dir, None, None)?,
        ModelChoice::Preset(name) => {
            let preset = model::preset(name)?;
            let folder = match preset.cached_folder() {
                Some(folder) => folder,
                None => fetch(preset, progress)?,
            };
            ModelFolder::inspect(&folder, Some(preset.name), Some(&preset.settings))?
        }
        ModelChoice::Hub(id) => {
            let folder = fetch_hub(id, progress)?;
            ModelFolder::inspect(&folder, Some(&id.to_string()), None)?
        }
    };
    folder.apply_overrides(overrides)?;
    Ok(folder)
}

/// The folder of `choice` once it is on disk: a preset or hub model is
/// downloaded if it is not cached (what `newsdigest fetch-model` does).
pub fn fetch_model(choice: &ModelChoice, progress: &mut dyn DownloadProgress) -> Result<PathBuf> {
    match choice {
        ModelChoice::Dir(dir) => Ok(dir.clone()),
        ModelChoice::Preset(name) => {
            let preset = model::preset(name)?;
            match preset.cached_folder() {
                Some(folder) => Ok(folder),
                None => fetch(preset, progress),
            }
        }
        ModelChoice::Hub(id) => fetch_hub(id, progress),
    }
}

#[cfg(feature = "abstractive")]
fn fetch(preset: &Preset, progress: &mut dyn DownloadProgress) -> Result<PathBuf> {
    download::fetch_preset(preset, progress)
}

#[cfg(not(feature = "abstractive"))]
fn fetch(_preset: &Preset, _progress: &mut dyn DownloadProgress) -> Result<PathBuf> {
    Err(Error::AbstractiveUnsupported)
}

/// A hub model's snapshot: from the cache, else downloaded into it.
#[cfg(feature = "abstractive")]
fn fetch_hub(id: &hub::HubId, progress: &mut dyn DownloadProgress) -> Result<PathBuf> {
    download::fetch_model(id, progress)
}

/// Without a downloader, a hub model is used when it is in the cache.
#[cfg(not(feature = "abstractive"))]
fn fetch_hub(id: &hub::HubId, _progress: &mut dyn DownloadProgress) -> Result<PathBuf> {
    hub::cached_snapshot(&hub::hub_cache(), id, None).ok_or(Error::AbstractiveUnsupported)
}

#[cfg(feature = "abstractive")]
fn load_abstractive(
    choice: &ModelChoice,
    config: &SummarizeConfig,
    progress: &mut dyn DownloadProgress,
) -> Result<Box<dyn Summarizer>> {
    let folder = resolve_folder(choice, &config.overrides, progress)?;
    if let Some(n) = config.threads {
        // Before the load: converting or quantizing weights already runs
        // libtorch's kernels. Only the intra-op pool: eager generation runs
        // no inter-op work, and libtorch starts that pool only on demand.
        tch::set_num_threads(i32::try_from(n.max(1)).unwrap_or(i32::MAX));
    }
    let model = abstractive::Abstractive::load(
        folder,
        config.device,
        config.precision,
        if config.batch_size == 0 {
            DEFAULT_BATCH_SIZE
        } else {
            config.batch_size
        },
    )?;
    if config.keep_freed_memory {
        keep_freed_memory();
    }
    Ok(Box::new(model))
}

#[cfg(not(feature = "abstractive"))]
fn load_abstractive(
    choice: &ModelChoice,
    config: &SummarizeConfig,
    progress: &mut dyn DownloadProgress,
) -> Result<Box<dyn Summarizer>> {
    resolve_folder(choice, &config.overrides, progress)?;
    Err(Error::AbstractiveUnsupported)
}

/// Make the process keep the memory it frees for reuse instead of returning
/// it to the system (glibc: no `mmap` for large blocks, no trimming).
///
/// Generation allocates and frees tensors of tens of megabytes at every
/// layer; with glibc's defaults each one is a fresh `mmap`, whose pages are
/// faulted in and zeroed again every time: 9% of the encoder's time at batch
/// 8 here, and the gap to PyTorch's own process. Peak memory is unchanged
/// (freed blocks are reused, not added to), but memory is not given back
/// while the process lives, so this is for processes that run a model:
/// [`load`] calls it once a model has loaded when
/// [`SummarizeConfig::keep_freed_memory`] asks (the CLI does); a library
/// user decides for their own process. A no-op on other platforms.
pub fn keep_freed_memory() {
    #[cfg(all(feature = "abstractive", target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only changes allocator parameters; both are valid.
        unsafe {
            libc::mallopt(libc::M_MMAP_MAX, 0);
            libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
        }
        FREED_MEMORY_KEPT.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

static FREED_MEMORY_KEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether [`keep_freed_memory`] has changed this process's allocator: a
/// run without a model (extractive, no summary) leaves it as it was.
pub fn freed_memory_kept() -> bool {
    FREED_MEMORY_KEPT.load(std::sync::atomic::Ordering::Relaxed)
}

/// The threads this process may run at once: its CPU affinity (`taskset`,
/// a scheduler's cpuset) and cgroup CPU quota (containers, Slurm, Spark on
/// YARN or Kubernetes) taken into account, not the machine's core count,
/// which is libtorch's default (`SummarizeConfig::threads` overrides it).
/// At least 1.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_and_extractive_need_no_model() {
        let none = SummarizeConfig {
            mode: SummaryMode::None,
            ..Default::default()
        };
        assert!(load(&none).unwrap().summarizer.is_none());
        let extractive = SummarizeConfig {
            mode: SummaryMode::Extractive,
            ..Default::default()
        };
        let loaded = load(&extractive).unwrap();
        assert!(loaded.summarizer.is_some() && loaded.notice.is_none());
    }

    #[test]
    fn a_named_model_that_cannot_load_is_an_error_not_a_fallback() {
        let config = SummarizeConfig {
            model: Some(ModelChoice::Dir("/nonexistent/model".into())),
            ..Default::default()
        };
        let err = load(&config).err().expect("must fail").to_string();
        assert!(err.contains("/nonexistent/model"), "{err}");
    }
}
