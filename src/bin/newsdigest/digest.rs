//! `newsdigest digest`: article files in, one JSON document per file and
//! line (JSONL, whatever the number of files), or one Markdown, text or HTML
//! digest of them all.

use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use newsdigest::ingest::{self, language, InputFormat, MAX_INPUT_BYTES};
use newsdigest::render::{self, Format};
use newsdigest::{Document, Pipeline, PipelineConfig};

use crate::models;
use crate::out::{note, Stdout};
use crate::summary_args::SummaryArgs;
use crate::{values, Outcome};

#[derive(Args)]
pub struct DigestArgs {
    /// Article files (plain text or saved web pages, UTF-8); `-` or nothing
    /// reads standard input.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "json",
          value_parser = values::parser::<values::DigestFormat, Format>())]
    format: Format,
    /// With --format json: each document pretty-printed, one after another
    /// (by default each is one line).
    #[arg(long)]
    pretty: bool,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    input_format: InputFormatArg,
    /// The global --quiet.
    #[arg(skip)]
    pub quiet: bool,
    #[command(flatten)]
    pub summary: SummaryArgs,
}

/// `--input-format`: the library's [`InputFormat`], with clap's listing of
/// the values in `--help` and in usage errors.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormatArg {
    /// An input that starts like HTML is a page, anything else text.
    Auto,
    /// The input as it is.
    Text,
    /// A web page: the article is extracted from it.
    Html,
}

impl From<InputFormatArg> for InputFormat {
    fn from(f: InputFormatArg) -> InputFormat {
        match f {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Html => InputFormat::Html,
        }
    }
}

/// What a reader of a digest of an article in another language should
/// know: why it has few quotes and no speakers.
pub const ENGLISH_ONLY: &str =
    "attribution is English-only: only direct quotes in the language's own quote marks are found";

/// The notice for a document in a language other than English, if it is.
fn language_note(doc: &Document) -> Option<String> {
    let code = doc.other_language()?;
    let name = language::name(code).unwrap_or(code);
    Some(format!(
        "note: the text looks like {name} ({code}); {ENGLISH_ONLY}"
    ))
}

/// The bytes of one input, read no further than [`MAX_INPUT_BYTES`] plus
/// one byte: an endless input (`/dev/zero`, a FIFO, a stream on standard
/// input) is refused as soon as it is known to be too large.
fn read_input(path: &PathBuf) -> Result<(Option<String>, Vec<u8>)> {
    if path.as_os_str() == "-" {
        let bytes = read_bounded(io::stdin().lock(), None, "standard input")?;
        return Ok((None, bytes));
    }
    let name = path.display().to_string();
    let file = File::open(path).with_context(|| format!("cannot read {name}"))?;
    let len = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    let bytes = read_bounded(file, len, &format!("cannot read {name}"))?;
    Ok((Some(name), bytes))
}

/// All of `input` when it holds at most [`MAX_INPUT_BYTES`]; `len` is its
/// length when known beforehand (a regular file), to refuse it unread.
/// `context` prefixes a read error.
fn read_bounded(input: impl Read, len: Option<u64>, context: &str) -> Result<Vec<u8>> {
    let limit = MAX_INPUT_BYTES as u64;
    if let Some(size) = len.filter(|&l| l > limit) {
        return Err(newsdigest::Error::InputTooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit: MAX_INPUT_BYTES,
        }
        .into());
    }
    let mut bytes = Vec::new();
    input
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .context(context.to_owned())?;
    if bytes.len() as u64 > limit {
        bail!("input is over the limit of {MAX_INPUT_BYTES} bytes (reading stopped there)");
    }
    Ok(bytes)
}

pub fn run(args: DigestArgs) -> Result<Outcome> {
    let files = if args.files.is_empty() {
        crate::out::reading_stdin(args.quiet);
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    // The summary checks run on rayon's global pool: --threads sizes it.
    // Should its threads not start, rayon's default pool does the work.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(args.summary.threads())
        .build_global();
    let pipeline = models::pipeline(
        PipelineConfig {
            summarize: args.summary.config(),
        },
        args.quiet,
    )?
    .with_unsupported(args.summary.unsupported);
    let input_format = InputFormat::from(args.input_format);
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
            let doc = read_input(path).and_then(|(id, bytes)| {
                let input = ingest::prepare(bytes, input_format)?;
                Ok(Pipeline::analyze_prepared(id, input)?)
            });
            (
                name.clone(),
                doc.map(|d| {
                    if let (Some(line), false) = (language_note(&d), args.quiet) {
                        note!("newsdigest: {name}: {line}");
                    }
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
    let mut out = Stdout::new();
    for (name, result) in results {
        match result {
            Ok(mut doc) if args.format == Format::Json => {
                if args.summary.offsets == crate::summary_args::Offsets::Chars {
                    doc.use_char_offsets();
                }
                let text = if args.pretty {
                    render::json(&doc)
                } else {
                    render::json_line(&doc)
                };
                out.line(format_args!("{text}"))?;
            }
            Ok(doc) => docs.push(doc),
            Err(e) => {
                note!("newsdigest: {name}: {e:#}");
                failed = true;
            }
        }
    }
    if args.format != Format::Json && !docs.is_empty() {
        out.write_str(&render::digest(&docs, args.format))?;
    }
    out.finish()?;
    Ok(if failed {
        Outcome::InputsFailed
    } else {
        Outcome::Success
    })
}
