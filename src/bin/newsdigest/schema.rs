//! `newsdigest schema`: the JSON Schema of the `newsdigest/1` output,
//! derived from the types that serialize it (docs/newsdigest-1.schema.json
//! is this command's output, checked by tests/schema.rs).

use anyhow::Result;
use newsdigest::batch::ErrorLine;
use newsdigest::Document;
use schemars::JsonSchema;

use crate::out::Stdout;
use crate::Outcome;

/// One line of `digest --format json` or `batch` output.
///
/// Schema-only mirror of the library's writers: a document line
/// (`batch::Record` flattens a `Document` with the input's fields) or a
/// batch error line. Unknown fields are allowed: version 1 only adds fields.
#[derive(JsonSchema)]
#[schemars(title = "newsdigest/1 output line")]
#[serde(untagged)]
// Never constructed: only its schema is used.
#[allow(dead_code, clippy::large_enum_variant)]
enum OutputLine {
    Document(DocumentLine),
    Error(ErrorLine),
}

/// A digest of one article.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct DocumentLine {
    #[serde(flatten)]
    document: Document,
    /// `batch`: the input record's `title`, as written (any JSON value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    input_title: Option<serde_json::Value>,
    /// `batch`: the input record's `url`, as written (any JSON value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<serde_json::Value>,
    /// `batch`: the input record's `published`, as written (any JSON value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<serde_json::Value>,
}

/// The schema, pretty-printed, with a final newline.
pub fn text() -> String {
    let schema = schemars::schema_for!(OutputLine);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

pub fn run() -> Result<Outcome> {
    let mut out = Stdout::new();
    out.write_str(&text())?;
    out.finish()?;
    Ok(Outcome::Success)
}
