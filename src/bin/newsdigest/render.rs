//! `newsdigest render`: `newsdigest batch` output in, one Markdown, text or
//! HTML digest out.

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use newsdigest::batch::{OutputLine, OutputReader, ReadError};
use newsdigest::render::{self, Entry, Format};

use crate::out::{note, Stdout};
use crate::{values, Outcome};

#[derive(Args)]
pub struct RenderArgs {
    /// `newsdigest batch` output files (JSONL); `-` or nothing reads standard input.
    files: Vec<PathBuf>,
    /// The digest's format.
    #[arg(long, default_value = "markdown",
          value_parser = values::parser::<values::RenderFormat, Format>())]
    format: Format,
    /// The global --quiet.
    #[arg(skip)]
    pub quiet: bool,
}

/// How many unreadable lines are named on stderr; the rest are counted.
const NAMED_UNREADABLE: usize = 5;

pub fn run(args: RenderArgs) -> Result<Outcome> {
    let files = if args.files.is_empty() {
        crate::out::reading_stdin(args.quiet);
        vec![PathBuf::from("-")]
    } else {
        args.files
    };
    let mut entries = Vec::new();
    let mut failed = 0usize;
    let mut unreadable = Vec::new();
    let mut unreadable_files = 0usize;
    for path in &files {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_owned()
        } else {
            path.display().to_string()
        };
        // An unreadable file is reported and left out, as `digest` does
        // with its inputs: the others still make the digest.
        let read = read_file(path, &name, &mut |number, line| match line {
            Ok(OutputLine::Record(r)) => entries.push(Entry::from_record(&r, entries.len())),
            Ok(OutputLine::Error(_)) => failed += 1,
            Err(e) => unreadable.push(format!("{name}:{number}: {e}")),
        });
        if let Err(e) = read {
            note!("newsdigest: render: {e:#}");
            unreadable_files += 1;
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
    if unreadable_files > 0 {
        notes.push(format!(
            "{unreadable_files} unreadable file{} left out.",
            if unreadable_files == 1 { "" } else { "s" }
        ));
    }
    // Failed records are batch's errors, already reported by batch: a
    // notice here. Unreadable lines are this command's errors: always said.
    if failed > 0 && !args.quiet {
        note!("newsdigest: render: {}", notes[0]);
    }
    if !unreadable.is_empty() {
        note!(
            "newsdigest: render: error: {} unreadable line{} left out",
            unreadable.len(),
            if unreadable.len() == 1 { "" } else { "s" }
        );
        for u in unreadable.iter().take(NAMED_UNREADABLE) {
            note!("newsdigest: render: {u}");
        }
    }
    let mut out = Stdout::new();
    out.write_str(&render::digest_entries(&entries, args.format, &notes))?;
    out.finish()?;
    Ok(if unreadable.is_empty() && unreadable_files == 0 {
        Outcome::Success
    } else {
        Outcome::InputsFailed
    })
}

/// Every non-blank line of one batch output file, parsed, to `each` with
/// its line number.
fn read_file(
    path: &Path,
    name: &str,
    each: &mut dyn FnMut(u64, Result<OutputLine, ReadError>),
) -> Result<()> {
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
        if !line.is_blank() {
            each(line.number, line.parse());
        }
    }
    Ok(())
}
