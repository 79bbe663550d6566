//! `newsdigest check ARTICLE --summary FILE|-`: check any summary (another
//! system's, a person's) against its article, and print what the article
//! does not support as one `newsdigest-check/1` JSON object.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use newsdigest::{check, ingest, Document, Pipeline, SentenceCheck};
use serde::Serialize;

use crate::out::{note, Stdout};
use crate::{Outcome, UsageError};

/// Identifier of the output's JSON contract (documented in docs/schema.md).
const SCHEMA: &str = "newsdigest-check/1";

#[derive(Args)]
pub struct CheckArgs {
    /// Article file (plain text, UTF-8); `-` reads standard input.
    article: PathBuf,
    /// The summary to check (plain text, UTF-8); `-` reads standard input.
    #[arg(long)]
    summary: PathBuf,
    /// Pretty-print the JSON object (by default it is one line).
    #[arg(long)]
    pretty: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    schema: &'a str,
    supported: bool,
    checks: &'a [SentenceCheck],
}

fn read(path: &Path, what: &str) -> Result<String> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .with_context(|| format!("{what}: standard input"))?;
        buf
    } else {
        std::fs::read(path).with_context(|| format!("cannot read {what} {}", path.display()))?
    };
    ingest::decode(bytes).with_context(|| format!("{what} {}", path.display()))
}

/// The article, analyzed, and the summary; an error is the inputs'.
fn inputs(args: &CheckArgs) -> Result<(Document, String)> {
    let article = read(&args.article, "article")?;
    let summary = read(&args.summary, "summary")?;
    if summary.trim().is_empty() {
        bail!("summary {}: no text to check", args.summary.display());
    }
    let id = (args.article.as_os_str() != "-").then(|| args.article.display().to_string());
    let doc = Pipeline::analyze(id, article)
        .with_context(|| format!("article {}", args.article.display()))?;
    Ok((doc, summary))
}

pub fn run(args: CheckArgs) -> Result<Outcome> {
    if args.article.as_os_str() == "-" && args.summary.as_os_str() == "-" {
        return Err(UsageError(
            "check: the article and the summary cannot both be standard input".to_owned(),
        )
        .into());
    }
    // An input that cannot be checked has the status of `digest`'s
    // unreadable inputs, not of a command that could not run.
    let (doc, summary) = match inputs(&args) {
        Ok(inputs) => inputs,
        Err(e) => {
            note!("newsdigest: {e:#}");
            return Ok(Outcome::InputsFailed);
        }
    };
    let checks = check::check(&doc, &summary);
    let supported = checks.iter().all(|c| c.supported);
    let report = Report {
        schema: SCHEMA,
        supported,
        checks: &checks,
    };
    let json = if args.pretty {
        serde_json::to_string_pretty(&report)?
    } else {
        serde_json::to_string(&report)?
    };
    let mut out = Stdout::new();
    out.line(format_args!("{json}"))?;
    out.finish()?;
    Ok(if supported {
        Outcome::Success
    } else {
        Outcome::Unsupported
    })
}
