//! newsdigest: raw news articles in, structured digests out.
//!
//! The pipeline is five stages over one [`Document`], each a module with a
//! narrow interface:
//!
//! 1. [`ingest`]: keep the original bytes, mark boilerplate and the headline;
//! 2. [`segment`]: sentences as byte spans;
//! 3. [`attribute`]: quotes with cue and source spans, resolved to speakers;
//! 4. [`summarize`]: abstractive (rust-bert) or extractive summary, then
//!    [`check`]ed against the article (what it does not support is listed);
//! 5. [`render`]: JSON (the contract), Markdown, plain text.
//!
//! ```no_run
//! use newsdigest::{Pipeline, PipelineConfig};
//! let pipeline = Pipeline::new(PipelineConfig::default())?;
//! let doc = pipeline.run(None, std::fs::read_to_string("article.txt")?)?;
//! println!("{}", newsdigest::render::json(&doc));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod attribute;
pub mod batch;
pub mod check;
pub mod document;
pub mod error;
pub mod ingest;
pub mod pipeline;
pub mod render;
pub mod segment;
pub mod summarize;

pub use document::{
    Document, Issue, IssueKind, Quote, QuoteKind, Revised, Sentence, SentenceCheck, Span, Speaker,
    SpeakerKind, Summary, SummaryMethod, UnsupportedPolicy,
};
pub use error::{Error, Result};
pub use pipeline::{Pipeline, PipelineConfig};
