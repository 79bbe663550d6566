//! The `newsdigest` command: a thin layer over the library. This file parses
//! the command line, hands each subcommand to its module and turns the
//! outcome into the exit status; everything the terminal sees is said in the
//! binary, never in the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod batch;
mod check;
mod digest;
mod models;
mod out;
mod render;
mod schema;
mod summary_args;
mod values;

// The exit status, one table for every subcommand (README "Exit status").
/// Some inputs or records could not be processed: each is reported on
/// stderr, the others are in the output (`digest`, `batch`, `render`, `check`).
const EXIT_INPUTS_FAILED: u8 = 3;
/// The command could not run, or stopped: the model, the output, the threads,
/// `batch`'s input or its resume.
const EXIT_COMMAND_FAILED: u8 = 4;
/// `check`: the article does not support some of the summary.
const EXIT_UNSUPPORTED: u8 = 5;

/// The exit-status table at the end of every `--help`. Clap's own usage
/// errors exit with 2.
const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  success (also when the reader of standard output goes away: `| head -1`)
  2  usage error: an unknown flag, a value that is not allowed
  3  some inputs or records could not be processed (digest, batch, render,
     check): each is reported on stderr, the others are in the output
  4  the command could not run or stopped: model, output, threads, batch's
     input or resume
  5  check: the article does not support some of the summary";

#[derive(Parser)]
#[command(
    name = "newsdigest",
    version,
    about = "Structured digests of news articles: sentences, attributed quotes, summaries",
    after_help = EXIT_STATUS_HELP
)]
struct Cli {
    /// No notices or progress on stderr (errors are still reported).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Digest articles: one JSON document per input and line, or one
    /// Markdown, text or HTML digest of them all.
    #[command(after_help = EXIT_STATUS_HELP)]
    Digest(digest::DigestArgs),
    /// Digest a JSON Lines file of articles, one output line per input line.
    #[command(after_help = EXIT_STATUS_HELP)]
    Batch(batch::BatchArgs),
    /// Render `newsdigest batch` output (JSONL) as one Markdown, text or HTML digest.
    #[command(after_help = EXIT_STATUS_HELP)]
    Render(render::RenderArgs),
    /// Check a summary against its article: what the article does not
    /// support, per sentence.
    #[command(after_help = EXIT_STATUS_HELP)]
    Check(check::CheckArgs),
    /// Download a preset model into the cache (the default model if none is named).
    #[command(after_help = EXIT_STATUS_HELP)]
    FetchModel {
        /// A preset (see `newsdigest models`) or a Hugging Face model
        /// ORG/NAME[@REVISION].
        name: Option<newsdigest::summarize::ModelChoice>,
    },
    /// List the model presets and whether each is cached.
    #[command(after_help = EXIT_STATUS_HELP)]
    Models,
    /// Print the JSON Schema of the JSON output (`digest`, `batch` lines).
    #[command(after_help = EXIT_STATUS_HELP)]
    Schema,
    /// Print a shell completion script (e.g. `newsdigest completions bash >
    /// ~/.local/share/bash-completion/completions/newsdigest`).
    #[command(after_help = EXIT_STATUS_HELP)]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `newsdigest man | man -l -`).
    #[command(after_help = EXIT_STATUS_HELP)]
    Man,
}

/// How a command that ran ended.
enum Outcome {
    Success,
    /// `digest`, `render`, `check`: some inputs failed (each said on stderr).
    InputsFailed,
    /// `batch`: the job ran to the end, but some records are error lines.
    /// The same status as [`Outcome::InputsFailed`].
    RecordsFailed,
    /// `check`: the article does not support some of the summary.
    Unsupported,
}

fn run(mut command: Command, quiet: bool) -> anyhow::Result<Outcome> {
    match &mut command {
        Command::Digest(args) => args.quiet = quiet,
        Command::Batch(args) => args.quiet = quiet,
        Command::Render(args) => args.quiet = quiet,
        _ => {}
    }
    match command {
        Command::Digest(args) => digest::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Render(args) => render::run(args),
        Command::Check(args) => check::run(args),
        Command::FetchModel { name } => models::fetch(name.as_ref(), quiet),
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
            Err(ExitCode::from(EXIT_COMMAND_FAILED))
        }
    }
}

/// A usage error found after parsing (a combination of values clap cannot
/// express): exit status 2, as clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Exit status 2, as clap gives a usage error.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let prefix = match cli.command {
        Command::Batch(_) => "newsdigest: batch",
        _ => "newsdigest",
    };
    match run(cli.command, cli.quiet) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::InputsFailed | Outcome::RecordsFailed) => ExitCode::from(EXIT_INPUTS_FAILED),
        Ok(Outcome::Unsupported) => ExitCode::from(EXIT_UNSUPPORTED),
        // A reader that went away wanted no more output: not a failure.
        Err(e) if out::is_closed_stdout(&e) => ExitCode::SUCCESS,
        Err(e) if e.downcast_ref::<UsageError>().is_some() => {
            out::note!("{prefix}: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(e) => {
            out::note!("{prefix}: {e:#}");
            ExitCode::from(EXIT_COMMAND_FAILED)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::any::TypeId;
    use std::path::PathBuf;
    use std::time::Duration;

    use super::*;

    /// Value types that are free-form by nature: a path, a number, a time.
    fn is_free_form(arg: &clap::Arg) -> bool {
        let t = arg.get_value_parser().type_id();
        [
            TypeId::of::<PathBuf>(),
            TypeId::of::<u16>(),
            TypeId::of::<u32>(),
            TypeId::of::<u64>(),
            TypeId::of::<usize>(),
            TypeId::of::<i64>(),
            TypeId::of::<f64>(),
            TypeId::of::<Duration>(),
        ]
        .iter()
        .any(|id| t == *id)
    }

    /// Text arguments whose values are open: a preset or repository name.
    const OPEN_TEXT: &[&str] = &["model", "name"];

    /// `cmd` and every subcommand below it, with their paths.
    fn all(cmd: &clap::Command, path: String, into: &mut Vec<(String, clap::Command)>) {
        into.push((path.clone(), cmd.clone()));
        // clap's own `help` subcommand is not ours to document.
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            all(sub, format!("{path} {}", sub.get_name()), into);
        }
    }

    fn commands() -> Vec<(String, clap::Command)> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut found = Vec::new();
        all(&cmd, "newsdigest".into(), &mut found);
        found
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_argument_says_what_it_is_for_and_lists_fixed_values() {
        let commands = commands();
        assert!(commands.len() >= 10, "the subcommands are walked");
        for (path, cmd) in &commands {
            if cmd.get_name() != "newsdigest" {
                assert!(cmd.get_about().is_some(), "{path}: no help line");
            }
            let help = cmd.clone().render_help().to_string();
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                assert!(
                    arg.get_help().or(arg.get_long_help()).is_some(),
                    "{path} {id}: no help line"
                );
                if !arg.get_action().takes_values() {
                    continue;
                }
                let values = arg.get_possible_values();
                if values.is_empty() {
                    assert!(
                        is_free_form(arg) || OPEN_TEXT.contains(&id),
                        "{path} {id}: takes a value that is neither a path, a number \
                         nor open text, but lists no possible values (make it a ValueEnum)"
                    );
                    continue;
                }
                for v in values.iter().filter(|v| !v.is_hide_set()) {
                    assert!(
                        help.contains(v.get_name()),
                        "{path} {id}: --help does not list {}",
                        v.get_name()
                    );
                }
                for default in arg.get_default_values() {
                    let default = default.to_str().unwrap();
                    assert!(
                        values.iter().any(|v| v.matches(default, false)),
                        "{path} {id}: default {default} is not one of its values"
                    );
                }
            }
        }
    }

    #[test]
    fn enumerated_flags_list_their_values() {
        let commands = commands();
        let digest = &commands
            .iter()
            .find(|(p, _)| p == "newsdigest digest")
            .unwrap()
            .1;
        for (flag, value) in [
            ("format", "markdown"),
            ("summary", "extractive"),
            ("device", "cuda"),
            ("dtype", "int8"),
            ("unsupported", "drop"),
            ("input_format", "html"),
        ] {
            let arg = digest.get_arguments().find(|a| a.get_id() == flag).unwrap();
            let names: Vec<_> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_owned())
                .collect();
            assert!(names.iter().any(|n| n == value), "--{flag}: {names:?}");
        }
    }

    #[test]
    fn every_help_ends_with_the_exit_status_table() {
        for (path, cmd) in commands() {
            for help in [
                cmd.clone().render_help().to_string(),
                cmd.clone().render_long_help().to_string(),
            ] {
                let table = &help[help
                    .find("Exit status:")
                    .unwrap_or_else(|| panic!("{path}: no exit status in --help:\n{help}"))..];
                for code in ["0", "2", "3", "4", "5"] {
                    assert!(
                        table.lines().any(|l| l.trim_start().starts_with(code)),
                        "{path}: no status {code} in {table}"
                    );
                }
            }
        }
    }

    #[test]
    fn quiet_is_accepted_by_every_subcommand() {
        for (path, _) in commands().into_iter().skip(1) {
            let mut argv: Vec<&str> = path.split(' ').collect();
            match argv.last().copied() {
                Some("completions") => argv.push("bash"),
                Some("check") => argv.extend(["a.txt", "--summary", "s.txt"]),
                _ => {}
            }
            for quiet in ["--quiet", "-q"] {
                let mut args = argv.clone();
                args.push(quiet);
                let cli = Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
                assert!(cli.quiet, "{args:?}");
            }
        }
    }
}
