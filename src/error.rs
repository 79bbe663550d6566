//! The library's error type: every failure names what is wrong and where.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("input is not valid UTF-8: invalid byte 0x{byte:02x} at byte offset {offset}")]
    InvalidUtf8 { offset: usize, byte: u8 },

    #[error("input is empty (no text after removing whitespace)")]
    EmptyInput,

    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    InputTooLarge { size: usize, limit: usize },

    /// An HTML page from which no article text could be read.
    #[error("HTML input: {0}")]
    Html(String),

    #[error("model folder {dir}: {problem}")]
    ModelFolder { dir: PathBuf, problem: String },

    /// A preset is not in the cache and its download failed.
    #[error("{0}")]
    ModelUnavailable(Box<ModelUnavailable>),

    /// A model named on the hub (`ORG/NAME[@REVISION]`) that cannot be had:
    /// not cached while offline, a repository that cannot be listed, or one
    /// without files newsdigest reads.
    #[error("model {model}: {problem}")]
    HubModel { model: String, problem: String },

    /// The CUDA device asked for is not there.
    #[error("no CUDA device is available")]
    NoCudaDevice,

    #[error("unknown model {name:?}; known presets: {known}")]
    UnknownModel { name: String, known: String },

    #[error(
        "abstractive summaries need the `abstractive` feature (libtorch); this build has none"
    )]
    AbstractiveUnsupported,

    #[error("generation settings: {0}")]
    GenerationSettings(String),

    #[error("summarization failed: {0}")]
    Summarize(String),

    /// The cue detector's weights named by `NEWSDIGEST_CUE_MODEL` are
    /// unusable.
    #[error("cue model {path} (named by NEWSDIGEST_CUE_MODEL): {problem}")]
    CueModel { path: PathBuf, problem: String },

    /// The boundary ranker's weights named by `NEWSDIGEST_BOUNDS_MODEL`
    /// are unusable.
    #[error("bounds model {path} (named by NEWSDIGEST_BOUNDS_MODEL): {problem}")]
    BoundsModel { path: PathBuf, problem: String },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A preset model that is neither cached nor could be downloaded: what
/// failed, and how to install it by hand.
#[derive(Debug, thiserror::Error)]
#[error(
    "model {name} is not available: download of {file} failed ({reason}); place {} from {url} in {}",
    .files.join(", "),
    .folder.display()
)]
pub struct ModelUnavailable {
    pub name: String,
    /// The file whose download failed, and why.
    pub file: String,
    pub reason: String,
    /// Every file the model needs, where they can be had, and the folder
    /// they go in.
    pub files: Vec<String>,
    pub url: String,
    pub folder: PathBuf,
}
