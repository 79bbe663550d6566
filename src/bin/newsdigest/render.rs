//! `newsdigest render`: `newsdigest batch` output in, one Markdown, text or
//! HTML digest out.

use std::io::{self, BufRead};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use newsdigest::batch::{OutputLine, OutputReader};
use newsdigest::render::{self, Entry, Format};

use crate::out::{note, Stdout};
use crate::Outcome;

#[derive(Args)]
pub struct RenderArgs {
    /// `newsdigest batch` output files (JSONL); `-` or nothing reads standard input.
    files: Vec<PathBuf>,
    /// markdown, text, or html (one self-contained page).
    #[arg(long, default_value = "markdown")]
    format: Format,
}

pub fn run(args: RenderArgs) -> Result<Outcome> {
    if args.format == Format::Json {
        anyhow::bail!(
            "render makes a digest: --format markdown, text or html (batch output is already JSON)"
        );
    }
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files
    };
    let mut entries = Vec::new();
    let mut failed = 0usize;
    let mut unreadable = Vec::new();
    for path in &files {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_owned()
        } else {
            path.display().to_string()
        };
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(io::BufReader::new(
                std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?,
            ))
        };
        let mut lines = OutputReader::new(reader);
        while let Some(line) = lines
            .next_line()
            .with_context(|| format!("cannot read {name}"))?
        {
            if line.is_blank() {
                continue;
            }
            match line.parse() {
                Ok(OutputLine::Record(r)) => entries.push(Entry::from_record(&r, entries.len())),
                Ok(OutputLine::Error(_)) => failed += 1,
                Err(e) => unreadable.push(format!("{name}:{}: {e}", line.number)),
            }
        }
    }
    let mut notes = Vec::new();
    if failed > 0 {
        notes.push(format!(
            "{failed} failed record{} left out (error lines in the input).",
            if failed == 1 { "" } else { "s" }
        ));
    }
    if !unreadable.is_empty() {
        notes.push(format!(
            "{} unreadable line{} left out.",
            unreadable.len(),
            if unreadable.len() == 1 { "" } else { "s" }
        ));
    }
    for note in &notes {
        note!("newsdigest: render: {note}");
    }
    for u in unreadable.iter().take(5) {
        note!("newsdigest: render: {u}");
    }
    let mut out = Stdout::new();
    out.write_str(&render::digest_entries(&entries, args.format, &notes))?;
    out.finish()?;
    Ok(Outcome::Success)
}
