//! `newsdigest digest`: article files in, one JSON document per file (JSONL
//! for several), or one Markdown or text digest of them all.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use newsdigest::render::{self, Format};
use newsdigest::{ingest, Document, Pipeline, PipelineConfig};

use crate::models;
use crate::summary_args::SummaryArgs;
use crate::Outcome;

#[derive(Args)]
pub struct DigestArgs {
    /// Article files (plain text, UTF-8); `-` or nothing reads standard input.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "json")]
    format: Format,
    #[command(flatten)]
    pub summary: SummaryArgs,
}

fn read_input(path: &PathBuf) -> Result<(Option<String>, Vec<u8>)> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .context("standard input")?;
        return Ok((None, buf));
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok((Some(path.display().to_string()), bytes))
}

pub fn run(args: DigestArgs) -> Result<Outcome> {
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let pipeline = models::pipeline(
        PipelineConfig {
            summarize: args.summary.config(),
        },
        false,
    )?
    .with_unsupported(args.summary.unsupported);
    // Analyze every input first, then summarize all documents in one call,
    // so the model sees length-sorted batches across files.
    let mut analyzed: Vec<Document> = Vec::new();
    let outcomes: Vec<(String, Result<usize>)> = files
        .iter()
        .map(|path| {
            let name = if path.as_os_str() == "-" {
                "<stdin>".to_owned()
            } else {
                path.display().to_string()
            };
            let doc = read_input(path)
                .and_then(|(id, bytes)| Ok(Pipeline::analyze(id, ingest::decode(bytes)?)?));
            (
                name,
                doc.map(|d| {
                    analyzed.push(d);
                    analyzed.len() - 1
                }),
            )
        })
        .collect();
    let mut summary_errors: Vec<Option<newsdigest::Error>> = pipeline
        .summarize(&mut analyzed)
        .into_iter()
        .map(Result::err)
        .collect();
    let mut analyzed: Vec<Option<Document>> = analyzed.into_iter().map(Some).collect();
    let results = outcomes.into_iter().map(|(name, outcome)| {
        let result = outcome.and_then(|i| match summary_errors[i].take() {
            Some(e) => Err(models::explain(e)),
            None => Ok(analyzed[i].take().expect("each document is taken once")),
        });
        (name, result)
    });

    let mut failed = false;
    let mut docs: Vec<Document> = Vec::new();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let single = files.len() == 1;
    for (name, result) in results {
        match result {
            Ok(doc) if args.format == Format::Json => {
                let text = if single {
                    render::json(&doc)
                } else {
                    render::json_line(&doc)
                };
                writeln!(out, "{text}")?;
            }
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("newsdigest: {name}: {e:#}");
                failed = true;
            }
        }
    }
    if args.format != Format::Json && !docs.is_empty() {
        write!(out, "{}", render::digest(&docs, args.format))?;
    }
    Ok(if failed {
        Outcome::InputsFailed
    } else {
        Outcome::Success
    })
}
