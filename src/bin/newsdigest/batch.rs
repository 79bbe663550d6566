//! `newsdigest batch`: files, resume, progress display and the outcome
//! around the library's batch engine ([`newsdigest::batch`]).

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdigest::batch::{self, LineReader, Options, RunError, Stats};
use newsdigest::summarize::SummaryMode;
use newsdigest::PipelineConfig;

use crate::models;
use crate::out::{note, StdoutError};
use crate::summary_args::SummaryArgs;
use crate::Outcome;

#[derive(Args)]
pub struct BatchArgs {
    /// JSON Lines input, one `{"id", "text", ["title", "url", "published"]}`
    /// object per line (`"html"`, a web page, in place of `"text"`); `-`
    /// reads standard input.
    #[arg(long, default_value = "-")]
    input: PathBuf,
    /// Output file (JSONL, one line per input line); `-` writes standard output.
    #[arg(long, default_value = "-")]
    output: PathBuf,
    /// Continue an interrupted job: keep the valid records of --output
    /// (dropping a torn last line) and process the input after them.
    #[arg(long)]
    resume: bool,
    /// Threads for segmentation and attribution (0: as --threads).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=512))]
    jobs: u16,
    /// The global --quiet: no progress display and no notice on stderr
    /// (the closing summary line stays).
    #[arg(skip)]
    pub quiet: bool,
    /// Seconds between progress lines when stderr is not a terminal (0 to 86400).
    #[arg(long, default_value = "10", value_parser = parse_interval)]
    progress_interval: Duration,
    #[command(flatten)]
    pub summary: SummaryArgs,
}

fn is_stdio(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Longest `--progress-interval`: a day.
const MAX_PROGRESS_INTERVAL: f64 = 86_400.0;

/// `--progress-interval`: seconds from 0 to a day. Anything else (NaN, an
/// infinity, a value no `Duration` or `Instant` holds) is a usage error.
fn parse_interval(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(0.0..=MAX_PROGRESS_INTERVAL).contains(&secs) {
        return Err(format!(
            "{s:?} is not a number of seconds from 0 to {MAX_PROGRESS_INTERVAL}"
        ));
    }
    Duration::try_from_secs_f64(secs).map_err(|e| format!("{s:?}: {e}"))
}

/// Device and inode: two paths, or a path and a standard stream, name the
/// same file exactly when these are equal (hard links and symlinks included).
#[cfg(unix)]
fn file_id(m: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

/// No identity to compare on other systems: the check is skipped.
#[cfg(not(unix))]
fn file_id(_: &Metadata) -> Option<(u64, u64)> {
    None
}

/// The metadata of what a standard stream is connected to.
#[cfg(unix)]
fn stream_metadata(stream: impl std::os::fd::AsFd) -> Option<Metadata> {
    // A duplicate of the descriptor, closed when the File drops.
    let fd = stream.as_fd().try_clone_to_owned().ok()?;
    File::from(fd).metadata().ok()
}

#[cfg(not(unix))]
fn stream_metadata<T>(_: T) -> Option<Metadata> {
    None
}

/// Refuse a job whose output is its input: writing it would destroy the
/// input before it is read (or, appending, feed the job its own output).
/// Only a regular file can be both; a terminal on stdin and stdout is not.
fn check_not_the_input(input: &Path, input_meta: Option<&Metadata>, output: &Path) -> Result<()> {
    let Some(input_meta) = input_meta.filter(|m| m.is_file()) else {
        return Ok(());
    };
    let output_meta = if is_stdio(output) {
        stream_metadata(io::stdout())
    } else {
        std::fs::metadata(output).ok()
    };
    let same = match (file_id(input_meta), output_meta.as_ref().and_then(file_id)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    if !same {
        return Ok(());
    }
    match (is_stdio(input), is_stdio(output)) {
        (false, false) => bail!(
            "--input and --output are the same file ({} and {}): refusing to write over the input",
            input.display(),
            output.display()
        ),
        (true, _) => bail!(
            "standard input (--input -) and --output are the same file {}: refusing to write over the input",
            output.display()
        ),
        (false, true) => bail!(
            "--input {} is also standard output (--output -): refusing to write over the input",
            input.display()
        ),
    }
}

/// The job; an error means it could not run or stopped (exit status 4).
///
/// Nothing is written before the job can run: the input is open and
/// readable, the output is not the input, the model and threads are ready.
/// Only then is `--output` opened (and truncated, without `--resume`), so
/// that a job that fails early leaves an earlier output as it was.
pub fn run(args: BatchArgs) -> Result<Outcome> {
    let start = Instant::now();
    let (input, output) = (args.input.as_path(), args.output.as_path());
    if args.resume && is_stdio(output) {
        bail!("--resume needs --output FILE: standard output cannot be resumed");
    }
    let (mut reader, input_meta): (Box<dyn BufRead + Send>, Option<Metadata>) = if is_stdio(input) {
        crate::out::reading_stdin(args.quiet);
        (
            Box::new(BufReader::with_capacity(1 << 20, io::stdin())),
            stream_metadata(io::stdin()),
        )
    } else {
        let f = File::open(input).with_context(|| format!("cannot read {}", input.display()))?;
        let meta = f.metadata().ok();
        (Box::new(BufReader::with_capacity(1 << 20, f)), meta)
    };
    check_not_the_input(input, input_meta.as_ref(), output)?;
    let total = input_meta.filter(|m| m.is_file()).map(|m| m.len());
    let config = PipelineConfig {
        summarize: args.summary.config(),
    };
    let summarize = config.summarize.mode != SummaryMode::None;
    let pipeline = models::pipeline(config, args.quiet)?.with_unsupported(args.summary.unsupported);
    let options = Options {
        char_offsets: args.summary.offsets == crate::summary_args::Offsets::Chars,
        ..Options::new(
            match args.jobs {
                0 => args.summary.threads(),
                n => n.into(),
            },
            args.summary.batch_size,
        )
    };
    let pool = batch::thread_pool(options)?;
    // The first read shows an input that cannot be read (a folder, an I/O
    // error) before the output is touched.
    let first_read = loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => break r.map(|_| ()),
        }
    };
    first_read.with_context(|| {
        if is_stdio(input) {
            "cannot read standard input".to_owned()
        } else {
            format!("cannot read {}", input.display())
        }
    })?;
    let mut lines = LineReader::new(reader);

    let mut kept = (0, 0);
    let mut out: Box<dyn Write> = if is_stdio(output) {
        Box::new(io::stdout().lock())
    } else {
        let name = output.display();
        match File::open(output) {
            Ok(existing) if args.resume => {
                let point = batch::scan_for_resume(BufReader::new(existing), &mut lines)
                    .with_context(|| format!("cannot resume {name}"))?;
                let f = OpenOptions::new()
                    .append(true)
                    .open(output)
                    .with_context(|| format!("cannot write {name}"))?;
                f.set_len(point.valid_bytes)
                    .with_context(|| format!("cannot truncate {name}"))?;
                kept = (point.records, point.failed);
                if !args.quiet {
                    let torn = if point.dropped_bytes > 0 {
                        format!(
                            " (dropped a torn last line of {} bytes)",
                            point.dropped_bytes
                        )
                    } else {
                        String::new()
                    };
                    note!(
                        "newsdigest: batch: resuming {name} after {} complete records{torn}",
                        point.records
                    );
                }
                Box::new(f)
            }
            Err(e) if args.resume && e.kind() != io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot resume {name}"));
            }
            _ => Box::new(File::create(output).with_context(|| format!("cannot write {name}"))?),
        }
    };

    let mut progress = Progress::new(&args, total, lines.offset());
    let result = batch::run_in_pool(
        &pool,
        &mut lines,
        &mut out,
        summarize.then_some(&pipeline),
        options,
        |s| progress.update(s),
    );
    progress.finish();
    let stats = match result {
        Ok(stats) => stats,
        // The reader of standard output went away: end quietly (see `out`).
        Err(RunError::Output(e)) if is_stdio(output) && e.kind() == io::ErrorKind::BrokenPipe => {
            return Err(StdoutError(e).into())
        }
        // Nothing was read or written.
        Err(e @ RunError::ThreadPool(_)) => bail!("{e}"),
        Err(e) => {
            let done = progress.last.written;
            let resume = if is_stdio(output) {
                String::new()
            } else {
                "; rerun with --resume to continue".to_owned()
            };
            bail!("{e}; stopped after writing {done} records in this run{resume}");
        }
    };
    if stats.other_language > 0 && !args.quiet {
        let n = stats.other_language;
        let (records, look) = if n == 1 {
            ("record", "looks")
        } else {
            ("records", "look")
        };
        note!(
            "newsdigest: batch: note: {n} {records} {look} like another language than English \
             (named in the `language` field); {}",
            crate::digest::ENGLISH_ONLY
        );
    }
    let records = stats.ok + stats.failed;
    let secs = start.elapsed().as_secs_f64();
    let (kept, kept_failed) = kept;
    let kept_note = if kept > 0 {
        format!("; {kept} earlier records kept ({kept_failed} failed)")
    } else {
        String::new()
    };
    let threads = match options.jobs {
        1 => "1 thread".to_owned(),
        n => format!("{n} threads"),
    };
    note!(
        "newsdigest: batch: {records} records: {} ok, {} failed, in {secs:.1} s ({} articles/s) on {threads}{kept_note}",
        stats.ok,
        stats.failed,
        rate(records as f64 / secs.max(1e-9)),
    );
    // The exit status speaks for the whole output, resumed records included.
    Ok(if stats.failed + kept_failed > 0 {
        Outcome::RecordsFailed
    } else {
        Outcome::Success
    })
}

/// A rate with three significant digits at most: 1234.5, 12.3, 0.123.
fn rate(r: f64) -> String {
    if r >= 100.0 {
        format!("{r:.0}")
    } else if r >= 1.0 {
        format!("{r:.1}")
    } else {
        format!("{r:.3}")
    }
}

/// A progress bar on a terminal, periodic plain lines otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    /// Interval of plain lines; `None` when quiet or drawing a bar.
    plain: Option<Duration>,
    next_plain: Instant,
    next_message: Instant,
    started: Instant,
    total: Option<u64>,
    /// Input offset where this run started (after resumed records).
    base: u64,
    last: Stats,
}

impl Progress {
    fn new(args: &BatchArgs, total: Option<u64>, base: u64) -> Progress {
        let now = Instant::now();
        let interval = args.progress_interval;
        let terminal = io::stderr().is_terminal();
        let bar = (!args.quiet && terminal).then(|| {
            let bar = match total {
                Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr())
                    .with_style(
                    ProgressStyle::with_template(
                        "{spinner} {elapsed_precise} [{wide_bar}] {percent:>3}% {msg} ETA {eta}",
                    )
                    .expect("valid template")
                    .progress_chars("=> "),
                ),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                    .with_style(
                        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                            .expect("valid template"),
                    ),
            };
            bar.set_position(base);
            bar.reset_eta();
            bar.set_message("starting");
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress {
            plain: (!args.quiet && !terminal).then_some(interval),
            bar,
            next_plain: now + interval,
            next_message: now,
            started: now,
            total,
            base,
            last: Stats::default(),
        }
    }

    fn rate(&self, s: &Stats) -> f64 {
        (s.ok + s.failed) as f64 / self.started.elapsed().as_secs_f64().max(1e-9)
    }

    fn update(&mut self, s: &Stats) {
        self.last = *s;
        let now = Instant::now();
        if let Some(bar) = &self.bar {
            bar.set_position(s.offset);
            if now >= self.next_message {
                bar.set_message(format!(
                    "{} records ({} failed) {}/s",
                    s.ok + s.failed,
                    s.failed,
                    rate(self.rate(s))
                ));
                self.next_message = now + Duration::from_millis(200);
            }
        } else if let Some(interval) = self.plain {
            if now >= self.next_plain {
                note!("{}", self.line(s));
                self.next_plain = now + interval;
            }
        }
    }

    /// "newsdigest: batch: progress: 1200 records (3 failed), 412 records/s, 45% of input, ETA 32 s"
    fn line(&self, s: &Stats) -> String {
        let mut line = format!(
            "newsdigest: batch: progress: {} records ({} failed), {} records/s",
            s.ok + s.failed,
            s.failed,
            rate(self.rate(s))
        );
        if let Some(total) = self.total.filter(|&t| t > 0) {
            let done = s.offset.min(total);
            line.push_str(&format!(", {}% of input", done * 100 / total));
            let run_bytes = done.saturating_sub(self.base);
            if run_bytes > 0 {
                let per_byte = self.started.elapsed().as_secs_f64() / run_bytes as f64;
                let eta = (total - done) as f64 * per_byte;
                line.push_str(&format!(", ETA {:.0} s", eta));
            }
        }
        line
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
