//! The `newsdigest` command: a thin layer over the library.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use newsdigest::render::{self, Format};
use newsdigest::summarize::{
    DeviceChoice, GenerationOverrides, ModelChoice, Precision, SummarizeConfig, SummaryMode,
};
use newsdigest::{ingest, Document, Pipeline, PipelineConfig};

mod batch_cli;

#[derive(Parser)]
#[command(
    name = "newsdigest",
    version,
    about = "Structured digests of news articles: sentences, attributed quotes, summaries"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Digest articles: one JSON document per input (JSONL for several).
    Digest(DigestArgs),
    /// Digest a JSON Lines file of articles, one output line per input line
    /// (exit 0: all ok, 3: some records failed, 4: the job could not run).
    Batch(BatchArgs),
    /// Render `newsdigest batch` output (JSONL) as one Markdown or text digest.
    Render(RenderArgs),
    /// Download a preset model into the cache (the default model if none is named).
    FetchModel {
        /// Preset name (see `newsdigest models`).
        name: Option<String>,
    },
    /// List the model presets and whether each is cached.
    Models,
}

#[derive(Args)]
struct DigestArgs {
    /// Article files (plain text, UTF-8); `-` or nothing reads standard input.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "json")]
    format: Format,
    #[command(flatten)]
    summary: SummaryArgs,
}

#[derive(Args)]
struct BatchArgs {
    /// JSON Lines input, one `{"id", "text", ["title", "url", "published"]}`
    /// object per line; `-` reads standard input.
    #[arg(long, default_value = "-")]
    input: PathBuf,
    /// Output file (JSONL, one line per input line); `-` writes standard output.
    #[arg(long, default_value = "-")]
    output: PathBuf,
    /// Continue an interrupted job: keep the valid records of --output
    /// (dropping a torn last line) and process the input after them.
    #[arg(long)]
    resume: bool,
    /// Threads for segmentation and attribution (0: one per core).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=512))]
    jobs: u16,
    /// No progress display and no notice on stderr (the closing summary line stays).
    #[arg(long, short)]
    quiet: bool,
    /// Seconds between progress lines when stderr is not a terminal.
    #[arg(long, default_value_t = 10.0)]
    progress_interval: f64,
    #[command(flatten)]
    summary: SummaryArgs,
}

#[derive(Args)]
struct RenderArgs {
    /// `newsdigest batch` output files (JSONL); `-` or nothing reads standard input.
    files: Vec<PathBuf>,
    /// markdown or text.
    #[arg(long, default_value = "markdown")]
    format: Format,
}

#[derive(Args)]
struct SummaryArgs {
    /// auto: abstractive when the model is available, else extractive.
    #[arg(long, default_value = "auto")]
    summary: SummaryMode,
    /// Same as --summary none.
    #[arg(long)]
    no_summary: bool,
    /// Model preset to use (downloaded on first use).
    #[arg(long, conflicts_with = "model_dir")]
    model: Option<String>,
    /// Hugging Face-format model folder (config.json, weights, tokenizer).
    #[arg(long)]
    model_dir: Option<PathBuf>,
    #[arg(long)]
    num_beams: Option<i64>,
    #[arg(long)]
    min_length: Option<i64>,
    #[arg(long)]
    max_length: Option<i64>,
    #[arg(long)]
    length_penalty: Option<f64>,
    #[arg(long)]
    no_repeat_ngram_size: Option<i64>,
    /// cpu, cuda or auto.
    #[arg(long, default_value = "cpu")]
    device: DeviceChoice,
    /// Weight precision: f32, bf16, or auto (bf16 for BART on CPUs with
    /// native bf16, else f32).
    #[arg(long, default_value = "auto")]
    dtype: Precision,
    /// Texts (article windows) summarized together, sorted by length; in
    /// `batch`, also the documents handed to the summarizer per call.
    #[arg(long, default_value_t = newsdigest::summarize::DEFAULT_BATCH_SIZE,
          value_parser = parse_batch_size)]
    batch_size: usize,
}

fn parse_batch_size(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=4096).contains(&n) => Ok(n),
        _ => Err(format!("{s:?} is not a batch size from 1 to 4096")),
    }
}

impl SummaryArgs {
    fn config(&self) -> SummarizeConfig {
        let model = match (&self.model, &self.model_dir) {
            (_, Some(dir)) => Some(ModelChoice::Dir(dir.clone())),
            (Some(name), None) => Some(ModelChoice::Preset(name.clone())),
            (None, None) => None,
        };
        SummarizeConfig {
            mode: if self.no_summary {
                SummaryMode::None
            } else {
                self.summary
            },
            model,
            overrides: GenerationOverrides {
                num_beams: self.num_beams,
                min_length: self.min_length,
                max_length: self.max_length,
                length_penalty: self.length_penalty,
                no_repeat_ngram_size: self.no_repeat_ngram_size,
            },
            device: self.device,
            precision: self.dtype,
            batch_size: self.batch_size,
        }
    }
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

fn digest(args: DigestArgs) -> Result<ExitCode> {
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let pipeline = Pipeline::new(PipelineConfig {
        summarize: args.summary.config(),
    })?;
    if let Some(notice) = pipeline.notice() {
        eprintln!("newsdigest: {notice}");
    }
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
            Some(e) => Err(e.into()),
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
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let summary = match &cli.command {
        Command::Digest(args) => Some(&args.summary),
        Command::Batch(args) => Some(&args.summary),
        _ => None,
    };
    if summary.is_some_and(|s| !s.no_summary && s.summary != SummaryMode::None) {
        // This process may run the model; see the function's docs.
        newsdigest::summarize::keep_freed_memory();
    }
    match cli.command {
        Command::Digest(args) => digest(args),
        Command::Batch(args) => Ok(batch_cli::command(args)),
        Command::Render(args) => render_results(args),
        Command::FetchModel { name } => fetch_model(name.as_deref()),
        Command::Models => {
            for p in newsdigest::summarize::PRESETS {
                let state = if p.is_cached() {
                    "cached"
                } else {
                    "not cached"
                };
                println!(
                    "{:<24} {:<32} {state}: {}",
                    p.name,
                    p.repo,
                    p.folder().display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn render_results(args: RenderArgs) -> Result<ExitCode> {
    if args.format == Format::Json {
        anyhow::bail!(
            "render makes a digest: --format markdown or text (batch output is already JSON)"
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
        let mut reader: Box<dyn io::BufRead> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(io::BufReader::new(
                std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?,
            ))
        };
        let mut line = Vec::new();
        let mut n = 0;
        loop {
            line.clear();
            if reader
                .read_until(b'\n', &mut line)
                .with_context(|| format!("cannot read {name}"))?
                == 0
            {
                break;
            }
            n += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let entry = serde_json::from_slice::<serde_json::Value>(&line)
                .map_err(|e| e.to_string())
                .and_then(|v| render::Entry::from_json(&v, entries.len()));
            match entry {
                Ok(Some(e)) => entries.push(e),
                Ok(None) => failed += 1,
                Err(e) => unreadable.push(format!("{name}:{n}: {e}")),
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
        eprintln!("newsdigest: render: {note}");
    }
    for u in unreadable.iter().take(5) {
        eprintln!("newsdigest: render: {u}");
    }
    let mut out = io::stdout().lock();
    out.write_all(render::digest_entries(&entries, args.format, &notes).as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "abstractive")]
fn fetch_model(name: Option<&str>) -> Result<ExitCode> {
    let preset =
        newsdigest::summarize::preset(name.unwrap_or(newsdigest::summarize::DEFAULT_MODEL))?;
    newsdigest::summarize::download::fetch_preset(preset)?;
    println!("{} is ready in {}", preset.name, preset.folder().display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "abstractive"))]
fn fetch_model(_name: Option<&str>) -> Result<ExitCode> {
    Err(newsdigest::Error::AbstractiveUnsupported.into())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsdigest: {e:#}");
            ExitCode::FAILURE
        }
    }
}
