//! The `newsdigest` command: a thin layer over the library. This file parses
//! the command line, hands each subcommand to its module and turns the
//! outcome into the exit status; everything the terminal sees is said in the
//! binary, never in the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use newsdigest::summarize::SummaryMode;

mod batch;
mod check;
mod digest;
mod models;
mod out;
mod render;
mod schema;
mod summary_args;

/// Exit status of a command that failed, or of `digest` when an input failed.
const EXIT_FAILURE: u8 = 1;
/// Exit status of `batch` when the job ran to the end but some records failed.
const EXIT_RECORDS_FAILED: u8 = 3;
/// Exit status of `batch` when the job could not run or stopped (input or
/// output unusable, model not loadable, output not resumable).
const EXIT_JOB_FAILED: u8 = 4;
/// Exit status of `check` when the article does not support the summary.
const EXIT_UNSUPPORTED: u8 = 5;

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
    Digest(digest::DigestArgs),
    /// Digest a JSON Lines file of articles, one output line per input line
    /// (exit 0: all ok, 3: some records failed, 4: the job could not run).
    Batch(batch::BatchArgs),
    /// Render `newsdigest batch` output (JSONL) as one Markdown or text digest.
    Render(render::RenderArgs),
    /// Check a summary against its article: what the article does not
    /// support, per sentence (exit 0: all supported, 5: some not).
    Check(check::CheckArgs),
    /// Download a preset model into the cache (the default model if none is named).
    FetchModel {
        /// A preset (see `newsdigest models`) or a Hugging Face model
        /// ORG/NAME[@REVISION].
        name: Option<newsdigest::summarize::ModelChoice>,
    },
    /// List the model presets and whether each is cached.
    Models,
    /// Print the JSON Schema of the JSON output (`digest`, `batch` lines).
    Schema,
    /// Print a shell completion script (e.g. `newsdigest completions bash >
    /// ~/.local/share/bash-completion/completions/newsdigest`).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `newsdigest man | man -l -`).
    Man,
}

/// How a command that ran ended.
enum Outcome {
    Success,
    /// `digest`: some inputs failed (each said on stderr).
    InputsFailed,
    /// `batch`: the job ran to the end, but some records are error lines.
    RecordsFailed,
    /// `check`: the article does not support some of the summary.
    Unsupported,
}

fn run(command: Command) -> anyhow::Result<Outcome> {
    let summary = match &command {
        Command::Digest(args) => Some(&args.summary),
        Command::Batch(args) => Some(&args.summary),
        _ => None,
    };
    if summary.is_some_and(|s| !s.no_summary && s.summary != SummaryMode::None) {
        // This process may run the model; see the function's docs.
        newsdigest::summarize::keep_freed_memory();
    }
    match command {
        Command::Digest(args) => digest::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Render(args) => render::run(args),
        Command::Check(args) => check::run(args),
        Command::FetchModel { name } => models::fetch(name.as_ref()),
        Command::Models => models::list(),
        Command::Schema => schema::run(),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "newsdigest", &mut script);
            print_bytes(&script)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            print_bytes(&page)
        }
    }
}

/// Generated text (completions, man page) to standard output.
fn print_bytes(bytes: &[u8]) -> anyhow::Result<Outcome> {
    let mut out = out::Stdout::new();
    out.write_str(&String::from_utf8_lossy(bytes))?;
    out.finish()?;
    Ok(Outcome::Success)
}

/// `--help` and `--version` into a pipe or a file go through the checked
/// writer (clap drops a failed write and exits 0); on a terminal clap
/// prints them, in colour. Usage errors are clap's (stderr, exit 2).
fn parse() -> Result<Cli, ExitCode> {
    let e = match Cli::try_parse() {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    if e.use_stderr() || std::io::stdout().is_terminal() {
        e.exit();
    }
    let mut out = out::Stdout::new();
    match out
        .write_str(&e.render().to_string())
        .and_then(|()| out.finish())
    {
        Ok(()) => Err(ExitCode::SUCCESS),
        Err(e) if e.is_closed_pipe() => Err(ExitCode::SUCCESS),
        Err(e) => {
            out::note!("newsdigest: {:#}", anyhow::Error::from(e));
            Err(ExitCode::from(EXIT_FAILURE))
        }
    }
}

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // A batch job that cannot run has its own status, so that a scheduler
    // tells it from a job whose records failed.
    let (prefix, failure) = match cli.command {
        Command::Batch(_) => ("newsdigest: batch", EXIT_JOB_FAILED),
        _ => ("newsdigest", EXIT_FAILURE),
    };
    match run(cli.command) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::InputsFailed) => ExitCode::from(EXIT_FAILURE),
        Ok(Outcome::RecordsFailed) => ExitCode::from(EXIT_RECORDS_FAILED),
        Ok(Outcome::Unsupported) => ExitCode::from(EXIT_UNSUPPORTED),
        // A reader that went away wanted no more output: not a failure.
        Err(e) if out::is_closed_stdout(&e) => ExitCode::SUCCESS,
        Err(e) => {
            out::note!("{prefix}: {e:#}");
            ExitCode::from(failure)
        }
    }
}
