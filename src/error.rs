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

    #[error("model {name} is not available: {reason}")]
    ModelUnavailable { name: String, reason: String },

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

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
