//! Batch processing of JSON Lines: one article per input line, exactly one
//! output line per input line, in input order.
//!
//! The engine is built for long jobs over a day's feed:
//!
//! - **Bad records never stop the job.** A line that is not JSON, lacks a
//!   string `text`, is empty or too large, or whose analysis or summary fails
//!   becomes an [`ErrorLine`] in its place, and the next line goes on.
//! - **Bounded memory.** Input is read in windows of at most
//!   [`Options::window`] records and [`WINDOW_BYTES`] bytes; at most three
//!   windows are alive at once (being read and analyzed, queued, being
//!   summarized and written), whatever the input's length.
//! - **Throughput.** Ingest, segmentation and attribution run in parallel on a
//!   rayon pool of [`Options::jobs`] threads; summaries run on the one model
//!   instance, in batches of [`Options::batch_size`] documents of similar
//!   length (sorted within the window), while the next window is analyzed.
//! - **Crash safety.** Each output line is written whole and flushed before
//!   the next one, so a killed job leaves complete lines plus at most one torn
//!   last line; [`scan_for_resume`] validates such an output against the input
//!   and finds where to continue.

use std::io::{self, BufRead, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::document::Document;
use crate::error::Error;
use crate::ingest::MAX_INPUT_BYTES;
use crate::pipeline::Pipeline;

/// Longest input line read, in bytes. Longer lines are `too_large` errors;
/// their bytes are skipped without being held in memory. Twice the text limit
/// ([`MAX_INPUT_BYTES`], 32 MiB), as JSON escapes make a line longer than its text.
pub const MAX_LINE_BYTES: usize = 2 * MAX_INPUT_BYTES;

/// A window closes when its lines add up to this many bytes, even when it
/// holds fewer than [`Options::window`] records.
pub const WINDOW_BYTES: usize = 16 * 1024 * 1024;

/// Most records in a window, whatever the jobs and batch size.
pub const MAX_WINDOW: usize = 2048;

/// Tuning of a batch run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Threads for ingest, segmentation and attribution (and serialization).
    pub jobs: usize,
    /// Documents per call to the summarizer.
    pub batch_size: usize,
    /// Records per window (see the module docs).
    pub window: usize,
}

impl Options {
    /// `jobs` threads (0: one per core) and `batch_size` documents per
    /// summarizer call; the window holds four rounds of both, at least 64
    /// and at most [`MAX_WINDOW`] records.
    pub fn new(jobs: usize, batch_size: usize) -> Options {
        let jobs = if jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            jobs
        };
        let batch_size = batch_size.max(1);
        Options {
            jobs,
            batch_size,
            window: jobs
                .saturating_mul(batch_size)
                .saturating_mul(4)
                .clamp(64, MAX_WINDOW),
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options::new(0, 8)
    }
}

/// Why a record produced no document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The line is not valid UTF-8.
    InvalidUtf8,
    /// The line is not a JSON object (syntax error, another JSON type, blank line).
    InvalidJson,
    /// `id` is present but neither a string nor a number.
    InvalidId,
    /// No `text` field (or `"text": null`).
    MissingText,
    /// `text` is not a string.
    InvalidText,
    /// `text` is empty or only whitespace.
    EmptyText,
    /// The line is over [`MAX_LINE_BYTES`] or the text over [`MAX_INPUT_BYTES`].
    TooLarge,
    /// Ingest, segmentation or attribution failed.
    Analyze,
    /// The summarizer failed on this record.
    Summarize,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::InvalidId => "invalid_id",
            ErrorKind::MissingText => "missing_text",
            ErrorKind::InvalidText => "invalid_text",
            ErrorKind::EmptyText => "empty_text",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Analyze => "analyze",
            ErrorKind::Summarize => "summarize",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorDetail {
    pub kind: ErrorKind,
    pub message: String,
}

/// The output line of a bad record:
/// `{"id": str|null, "line": n, "error": {"kind": str, "message": str}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorLine {
    pub id: Option<String>,
    /// 1-based line number in the input.
    pub line: u64,
    pub error: ErrorDetail,
}

impl ErrorLine {
    fn new(id: Option<String>, line: u64, kind: ErrorKind, message: impl Into<String>) -> Self {
        ErrorLine {
            id,
            line,
            error: ErrorDetail {
                kind,
                message: message.into(),
            },
        }
    }
}

/// Optional input fields carried to the output byte for byte (as JSON).
#[derive(Debug, Default)]
pub struct Extras {
    pub title: Option<Box<RawValue>>,
    pub url: Option<Box<RawValue>>,
    pub published: Option<Box<RawValue>>,
}

/// A document and the input fields it carries.
#[derive(Debug)]
pub struct Record {
    pub doc: Document,
    pub extras: Extras,
}

/// The output form of a [`Record`]: the `newsdigest/1` document with the
/// input's `title` as `input_title`, and its `url` and `published`, appended
/// when present.
#[derive(Serialize)]
struct RecordOut<'a> {
    #[serde(flatten)]
    doc: &'a Document,
    #[serde(skip_serializing_if = "Option::is_none")]
    input_title: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a RawValue>,
}

impl Record {
    /// The record's output line (without the newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(&RecordOut {
            doc: &self.doc,
            input_title: self.extras.title.as_deref(),
            url: self.extras.url.as_deref(),
            published: self.extras.published.as_deref(),
        })
        .expect("a record always serializes")
    }
}

impl ErrorLine {
    /// The error's output line (without the newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("an error line always serializes")
    }
}

/// One line of input as read: its bytes (none when it was over the limit).
#[derive(Debug)]
pub struct InputLine {
    /// 1-based line number.
    pub number: u64,
    pub bytes: Vec<u8>,
    /// The line was longer than [`MAX_LINE_BYTES`]; `bytes` is empty.
    pub oversize: bool,
    /// Input bytes consumed up to and including this line.
    pub offset: u64,
    /// Input bytes of this line, its newline included.
    pub len: u64,
}

/// Reads lines of at most `limit` bytes; longer ones are skipped to their end.
pub struct LineReader<R> {
    inner: R,
    limit: usize,
    number: u64,
    offset: u64,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R) -> Self {
        Self::with_limit(inner, MAX_LINE_BYTES)
    }

    pub fn with_limit(inner: R, limit: usize) -> Self {
        LineReader {
            inner,
            limit,
            number: 0,
            offset: 0,
        }
    }

    /// Lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.number
    }

    /// Bytes consumed so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The next line without its `\n` (a last line without one counts), or
    /// `None` at the end of the input.
    pub fn next_line(&mut self) -> io::Result<Option<InputLine>> {
        let mut bytes = Vec::new();
        let mut oversize = false;
        let mut seen = false;
        let start = self.offset;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            seen = true;
            let (chunk, used, done) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (&buf[..i], i + 1, true),
                None => (buf, buf.len(), false),
            };
            if !oversize {
                if bytes.len() + chunk.len() > self.limit {
                    oversize = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(chunk);
                }
            }
            self.inner.consume(used);
            self.offset += used as u64;
            if done {
                break;
            }
        }
        if !seen {
            return Ok(None);
        }
        self.number += 1;
        Ok(Some(InputLine {
            number: self.number,
            bytes,
            oversize,
            offset: self.offset,
            len: self.offset - start,
        }))
    }
}

/// The fields of an input record, borrowed from the line.
#[derive(Deserialize)]
struct RawRecord<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    text: Option<&'a RawValue>,
    #[serde(default, borrow)]
    title: Option<&'a RawValue>,
    #[serde(default, borrow)]
    url: Option<&'a RawValue>,
    #[serde(default, borrow)]
    published: Option<&'a RawValue>,
}

/// A parsed input line: what the pipeline needs, or why it cannot run.
pub struct Parsed {
    pub id: String,
    pub text: String,
    pub extras: Extras,
}

/// The id an output line gets: the record's `id` (a number as written, e.g.
/// `42` gives `"42"`), the line number when there is none (or it is null),
/// and `None` when the line is not a JSON object or the id is of another type.
fn record_id(raw: &RawRecord, number: u64) -> Result<String, String> {
    let Some(id) = raw.id else {
        return Ok(number.to_string());
    };
    let text = id.get();
    if text.starts_with('"') {
        return serde_json::from_str::<String>(text).map_err(|e| e.to_string());
    }
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Ok(text.to_owned());
    }
    Err(format!("`id` must be a string or a number, not {text}"))
}

fn parse_raw(line: &InputLine) -> Result<RawRecord<'_>, ErrorLine> {
    let fail = |kind, msg: String| ErrorLine::new(None, line.number, kind, msg);
    if line.oversize {
        return Err(fail(
            ErrorKind::TooLarge,
            format!("line is over the limit of {MAX_LINE_BYTES} bytes"),
        ));
    }
    let text = std::str::from_utf8(&line.bytes).map_err(|e| {
        fail(
            ErrorKind::InvalidUtf8,
            format!(
                "line is not valid UTF-8: invalid byte 0x{:02x} at byte offset {}",
                line.bytes[e.valid_up_to()],
                e.valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(fail(ErrorKind::InvalidJson, "blank line".into()));
    }
    if !text.trim_start().starts_with('{') {
        return Err(fail(
            ErrorKind::InvalidJson,
            "line is not a JSON object".into(),
        ));
    }
    serde_json::from_str::<RawRecord>(text)
        .map_err(|e| fail(ErrorKind::InvalidJson, format!("invalid JSON: {e}")))
}

/// The `id` the output line for `line` carries (see [`parse_line`]).
pub fn output_id(line: &InputLine) -> Option<String> {
    let raw = parse_raw(line).ok()?;
    record_id(&raw, line.number).ok()
}

/// Check an input line and take out its id, text and carried fields.
pub fn parse_line(line: &InputLine) -> Result<Parsed, ErrorLine> {
    let raw = parse_raw(line)?;
    let id = record_id(&raw, line.number)
        .map_err(|m| ErrorLine::new(None, line.number, ErrorKind::InvalidId, m))?;
    let fail = |kind, msg: &str| ErrorLine::new(Some(id.clone()), line.number, kind, msg);
    let Some(text) = raw.text else {
        return Err(fail(ErrorKind::MissingText, "no `text` field"));
    };
    let text: String = serde_json::from_str(text.get())
        .map_err(|_| fail(ErrorKind::InvalidText, "`text` must be a string"))?;
    if text.trim().is_empty() {
        return Err(fail(ErrorKind::EmptyText, "`text` is empty"));
    }
    if text.len() > MAX_INPUT_BYTES {
        let msg = format!(
            "`text` is {} bytes, over the limit of {MAX_INPUT_BYTES} bytes",
            text.len()
        );
        return Err(fail(ErrorKind::TooLarge, &msg));
    }
    let own = |r: Option<&RawValue>| r.map(RawValue::to_owned);
    Ok(Parsed {
        id,
        text,
        extras: Extras {
            title: own(raw.title),
            url: own(raw.url),
            published: own(raw.published),
        },
    })
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// Parse and analyze one line: a record ready for its summary, or an error.
/// Never panics: a panic in a stage becomes an `analyze` error.
pub fn analyze_line(line: &InputLine) -> Result<Record, ErrorLine> {
    let parsed = parse_line(line)?;
    let id = parsed.id.clone();
    let fail = |kind, msg: String| ErrorLine::new(Some(id.clone()), line.number, kind, msg);
    match panic::catch_unwind(move || Pipeline::analyze(Some(parsed.id), parsed.text)) {
        Ok(Ok(doc)) => Ok(Record {
            doc,
            extras: parsed.extras,
        }),
        Ok(Err(e @ Error::InputTooLarge { .. })) => Err(fail(ErrorKind::TooLarge, e.to_string())),
        Ok(Err(e @ Error::EmptyInput)) => Err(fail(ErrorKind::EmptyText, e.to_string())),
        Ok(Err(e)) => Err(fail(ErrorKind::Analyze, e.to_string())),
        Err(p) => Err(fail(
            ErrorKind::Analyze,
            format!("internal error: {}", panic_message(&*p)),
        )),
    }
}

/// A record's place in a window.
pub struct Slot {
    pub line: u64,
    /// Input bytes of this record's line, its newline included.
    pub bytes: u64,
    pub result: Result<Record, ErrorLine>,
}

impl Slot {
    /// The output line (without the newline).
    pub fn to_line(&self) -> String {
        match &self.result {
            Ok(r) => r.to_line(),
            Err(e) => e.to_line(),
        }
    }
}

/// Summarize the analyzed records of a window in batches of `batch_size`,
/// shortest texts first (similar lengths pad least in a model batch). A
/// failure or panic marks only the records it concerns as `summarize` errors.
/// `summarize` is one call on the model, e.g. [`Pipeline::summarize`];
/// `finished` is called once per record as soon as its outcome is final
/// (records that failed analysis first, then batch by batch).
pub fn summarize_window<F, D>(
    mut summarize: F,
    slots: &mut [Slot],
    batch_size: usize,
    mut finished: D,
) where
    F: FnMut(&mut [Document]) -> Vec<crate::Result<()>>,
    D: FnMut(&Slot),
{
    slots
        .iter()
        .filter(|s| s.result.is_err())
        .for_each(&mut finished);
    let mut order: Vec<usize> = (0..slots.len())
        .filter(|&i| slots[i].result.is_ok())
        .collect();
    order.sort_by_key(|&i| match &slots[i].result {
        Ok(r) => r.doc.text.len(),
        Err(_) => 0,
    });
    for chunk in order.chunks(batch_size.max(1)) {
        let mut docs: Vec<Document> = chunk
            .iter()
            .map(|&i| match &mut slots[i].result {
                Ok(r) => std::mem::replace(&mut r.doc, Document::new(None, String::new())),
                Err(_) => unreachable!("only analyzed records are summarized"),
            })
            .collect();
        let results = match panic::catch_unwind(AssertUnwindSafe(|| summarize(&mut docs))) {
            Ok(r) if r.len() == docs.len() => r
                .into_iter()
                .map(|r| r.map_err(|e| e.to_string()))
                .collect(),
            Ok(_) => {
                vec![Err("summarizer returned a wrong number of summaries".to_owned()); docs.len()]
            }
            // One record may have made the batch fail: retry one by one.
            Err(_) => docs
                .iter_mut()
                .map(|d| {
                    match panic::catch_unwind(AssertUnwindSafe(|| {
                        summarize(std::slice::from_mut(d)).pop()
                    })) {
                        Ok(Some(r)) => r.map_err(|e| e.to_string()),
                        Ok(None) => Err("summarizer returned no summary".to_owned()),
                        Err(p) => Err(format!("internal error: {}", panic_message(&*p))),
                    }
                })
                .collect::<Vec<_>>(),
        };
        for ((&i, doc), result) in chunk.iter().zip(docs).zip(results) {
            let slot = &mut slots[i];
            match result {
                Ok(()) => {
                    if let Ok(r) = &mut slot.result {
                        r.doc = doc;
                    }
                }
                Err(message) => {
                    slot.result = Err(ErrorLine::new(
                        doc.id,
                        slot.line,
                        ErrorKind::Summarize,
                        message,
                    ))
                }
            }
            finished(slot);
        }
    }
}

/// Counts of a run (this run only, not records skipped by a resume).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Records finished with a document (written or about to be).
    pub ok: u64,
    /// Records finished as error lines (written or about to be).
    pub failed: u64,
    /// Records written to the output.
    pub written: u64,
    /// Where the run started in the input plus the bytes of the finished
    /// records' lines: the input covered so far.
    pub offset: u64,
}

impl Stats {
    fn finish(&mut self, slot: &Slot) {
        match slot.result {
            Ok(_) => self.ok += 1,
            Err(_) => self.failed += 1,
        }
        self.offset += slot.bytes;
    }
}

/// Why a run stopped before the end of its input.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("reading the input: {0}")]
    Input(#[source] io::Error),
    #[error("writing the output: {0}")]
    Output(#[source] io::Error),
}

/// Process every remaining line of `lines`, writing one line per record to
/// `out` in input order, each written whole and flushed before the next.
/// `progress` is called with the counts so far each time a record is
/// finished (after its summary batch) and each time one is written.
/// `pipeline` is `None` to skip summaries altogether.
pub fn run<R, W>(
    lines: &mut LineReader<R>,
    out: &mut W,
    pipeline: Option<&Pipeline>,
    options: Options,
    progress: impl FnMut(&Stats),
) -> Result<Stats, RunError>
where
    R: BufRead + Send,
    W: Write,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("newsdigest-{i}"))
        .build()
        .map_err(|e| RunError::Input(io::Error::other(e)))?;
    run_in_pool(&pool, lines, out, pipeline, options, progress)
}

/// [`run`] on a thread pool the caller owns (`options.jobs` is then
/// ignored): for callers that run many jobs, where building a pool per job
/// would cost more than a small job itself.
pub fn run_in_pool<R, W>(
    pool: &rayon::ThreadPool,
    lines: &mut LineReader<R>,
    out: &mut W,
    pipeline: Option<&Pipeline>,
    options: Options,
    mut progress: impl FnMut(&Stats),
) -> Result<Stats, RunError>
where
    R: BufRead + Send,
    W: Write,
{
    let mut stats = Stats {
        offset: lines.offset(),
        ..Stats::default()
    };
    // One window queued while one is analyzed and one written: bounded memory.
    let (tx, rx) = mpsc::sync_channel::<io::Result<Vec<Slot>>>(1);
    std::thread::scope(|scope| -> Result<(), RunError> {
        scope.spawn(move || loop {
            // Lines read before an input error are still processed.
            let (window, eof, error) = read_window(lines, options.window);
            if !window.is_empty() {
                let analyzed = pool.install(|| {
                    window
                        .into_par_iter()
                        .map(|l| Slot {
                            line: l.number,
                            bytes: l.len,
                            result: analyze_line(&l),
                        })
                        .collect::<Vec<Slot>>()
                });
                if tx.send(Ok(analyzed)).is_err() {
                    return; // the writer stopped
                }
            }
            match error {
                Some(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
                None if eof => return,
                None => {}
            }
        });
        for window in rx {
            let mut slots = window.map_err(RunError::Input)?;
            let mut finished = |slot: &Slot| {
                stats.finish(slot);
                progress(&stats);
            };
            match pipeline {
                Some(p) => summarize_window(
                    |d| p.summarize(d),
                    &mut slots,
                    options.batch_size,
                    &mut finished,
                ),
                None => slots.iter().for_each(&mut finished),
            }
            let rendered: Vec<String> =
                pool.install(|| slots.par_iter().map(Slot::to_line).collect());
            drop(slots);
            let mut buf = Vec::new();
            for line in rendered {
                buf.clear();
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
                out.write_all(&buf).map_err(RunError::Output)?;
                out.flush().map_err(RunError::Output)?;
                stats.written += 1;
                progress(&stats);
            }
        }
        Ok(())
    })?;
    Ok(stats)
}

/// Up to `max` lines (and [`WINDOW_BYTES`]), whether the input ended, and
/// the error that stopped the reading early, if one did.
fn read_window<R: BufRead>(
    lines: &mut LineReader<R>,
    max: usize,
) -> (Vec<InputLine>, bool, Option<io::Error>) {
    let mut window = Vec::new();
    let mut bytes = 0;
    while window.len() < max.max(1) && bytes < WINDOW_BYTES {
        match lines.next_line() {
            Ok(Some(l)) => {
                bytes += l.bytes.len();
                window.push(l);
            }
            Ok(None) => return (window, true, None),
            Err(e) => return (window, true, Some(e)),
        }
    }
    (window, false, None)
}

/// Where a resumed job continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResumePoint {
    /// Complete, valid records already in the output.
    pub records: u64,
    /// Length of those records in the output; anything after is dropped.
    pub valid_bytes: u64,
    /// Of those records, error lines.
    pub failed: u64,
    /// Bytes of a torn last line, to be dropped.
    pub dropped_bytes: u64,
}

/// Whether `bytes` can be the beginning of an output line: `{"schema":` or
/// `{"id":`, or a prefix of either.
fn is_line_start(bytes: &[u8]) -> bool {
    [&b"{\"schema\":"[..], &b"{\"id\":"[..]]
        .iter()
        .any(|start| {
            let n = bytes.len().min(start.len());
            bytes[..n] == start[..n]
        })
}

/// Why an existing output cannot be resumed.
#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    #[error("reading the output: {0}")]
    Output(#[source] io::Error),
    #[error("reading the input: {0}")]
    Input(#[source] io::Error),
    #[error("output line {line} is not a record of this tool: {problem}")]
    Corrupt { line: u64, problem: String },
    #[error("output line {line} has id {found}, but input line {line} gives id {expected}: the output belongs to another input")]
    Mismatch {
        line: u64,
        found: String,
        expected: String,
    },
    #[error("output has more records than the input has lines ({line})")]
    TooLong { line: u64 },
}

#[derive(Deserialize)]
struct OutputHead {
    id: Option<String>,
    #[serde(default)]
    schema: Option<String>,
    #[serde(default)]
    line: Option<u64>,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

fn show(id: &Option<String>) -> String {
    id.as_ref()
        .map_or_else(|| "null".to_owned(), |s| format!("{s:?}"))
}

/// Validate the output of an interrupted job against its input, reading both
/// in step: every complete output line must be a record (document or error
/// line) whose id is the one its input line gives. A last line without its
/// newline (torn by a kill) is to be dropped when it starts like a line of
/// this tool; anything else is an error, so that a file that is not this
/// job's output is never cut. On success `lines` is positioned after the
/// records already done.
pub fn scan_for_resume<O: BufRead, R: BufRead>(
    mut output: O,
    lines: &mut LineReader<R>,
) -> Result<ResumePoint, ResumeError> {
    let mut point = ResumePoint {
        records: 0,
        valid_bytes: 0,
        failed: 0,
        dropped_bytes: 0,
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = output
            .read_until(b'\n', &mut buf)
            .map_err(ResumeError::Output)?;
        if n == 0 {
            return Ok(point);
        }
        let number = point.records + 1;
        if buf.last() != Some(&b'\n') {
            // A torn last line (read_until stopped at the end of the output):
            // dropped when it is the start of a line this tool writes.
            if is_line_start(&buf) {
                point.dropped_bytes = n as u64;
                return Ok(point);
            }
            return Err(ResumeError::Corrupt {
                line: number,
                problem: "an unterminated last line that this tool did not start".into(),
            });
        }
        let head = serde_json::from_slice::<OutputHead>(&buf)
            .map_err(|e| e.to_string())
            .and_then(|h| {
                if h.schema.is_some() || (h.error.is_some() && h.line == Some(number)) {
                    Ok(h)
                } else {
                    Err("neither a document nor the error line of this record".to_owned())
                }
            })
            .map_err(|problem| ResumeError::Corrupt {
                line: number,
                problem,
            })?;
        if head.error.is_some() {
            point.failed += 1;
        }
        let input = lines
            .next_line()
            .map_err(ResumeError::Input)?
            .ok_or(ResumeError::TooLong { line: number })?;
        let expected = output_id(&input);
        if expected != head.id {
            return Err(ResumeError::Mismatch {
                line: number,
                found: show(&head.id),
                expected: show(&expected),
            });
        }
        point.records += 1;
        point.valid_bytes += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::PipelineConfig;

    fn line(number: u64, s: &str) -> InputLine {
        InputLine {
            number,
            bytes: s.as_bytes().to_vec(),
            oversize: false,
            offset: 0,
            len: s.len() as u64 + 1,
        }
    }

    fn kind(s: &str) -> ErrorKind {
        analyze_line(&line(7, s)).unwrap_err().error.kind
    }

    #[test]
    fn bad_records_are_classified() {
        assert_eq!(kind("{\"text\": \"a"), ErrorKind::InvalidJson);
        assert_eq!(kind(""), ErrorKind::InvalidJson);
        assert_eq!(kind("[1, 2]"), ErrorKind::InvalidJson);
        assert_eq!(kind("{\"id\": 1}"), ErrorKind::MissingText);
        assert_eq!(kind("{\"id\": 1, \"text\": null}"), ErrorKind::MissingText);
        assert_eq!(kind("{\"id\": 1, \"text\": 5}"), ErrorKind::InvalidText);
        assert_eq!(
            kind("{\"id\": 1, \"text\": \" \\n \"}"),
            ErrorKind::EmptyText
        );
        assert_eq!(kind("{\"id\": [1], \"text\": \"x\"}"), ErrorKind::InvalidId);
        let bad = InputLine {
            bytes: b"{\"text\": \"caf\xe9\"}".to_vec(),
            ..line(3, "")
        };
        let e = analyze_line(&bad).unwrap_err();
        assert_eq!(e.error.kind, ErrorKind::InvalidUtf8);
        assert!(
            e.error.message.contains("byte offset 13"),
            "{}",
            e.error.message
        );
    }

    #[test]
    fn ids_are_strings_numbers_as_written_or_the_line_number() {
        let id = |s: &str| output_id(&line(9, s));
        assert_eq!(
            id("{\"id\": \"a-1\", \"text\": \"x\"}").as_deref(),
            Some("a-1")
        );
        assert_eq!(id("{\"id\": 42, \"text\": \"x\"}").as_deref(), Some("42"));
        assert_eq!(
            id("{\"id\": 4.50, \"text\": \"x\"}").as_deref(),
            Some("4.50")
        );
        assert_eq!(id("{\"text\": \"x\"}").as_deref(), Some("9"));
        assert_eq!(id("{\"id\": null, \"text\": \"x\"}").as_deref(), Some("9"));
        assert_eq!(id("{\"id\": true, \"text\": \"x\"}"), None);
        assert_eq!(id("not json"), None);
        // An error line keeps the id when there is one.
        let e = analyze_line(&line(9, "{\"id\": 42}")).unwrap_err();
        assert_eq!(
            e.to_line(),
            r#"{"id":"42","line":9,"error":{"kind":"missing_text","message":"no `text` field"}}"#
        );
    }

    #[test]
    fn extras_are_carried_byte_for_byte_after_the_schema_fields() {
        let r = analyze_line(&line(
            1,
            r#"{"id":"x","text":"Hello there. \"Fine,\" Ann said.","title":"T \u00e9","url":"http://e/1","published":1.50e3}"#,
        ))
        .unwrap();
        let out = r.to_line();
        assert!(
            out.starts_with(r#"{"schema":"newsdigest/1","id":"x","#),
            "{out}"
        );
        assert!(
            out.ends_with(r#","input_title":"T \u00e9","url":"http://e/1","published":1.50e3}"#),
            "{out}"
        );
        let plain = analyze_line(&line(1, r#"{"id":"x","text":"Hello there."}"#)).unwrap();
        assert_eq!(plain.to_line(), crate::render::json_line(&plain.doc));
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        let input = format!("{}\n{{\"text\":\"ok\"}}\nlast", "x".repeat(100));
        let mut r = LineReader::with_limit(input.as_bytes(), 20);
        let a = r.next_line().unwrap().unwrap();
        assert!(a.oversize && a.bytes.is_empty() && a.number == 1 && a.offset == 101);
        let b = r.next_line().unwrap().unwrap();
        assert_eq!(
            (b.bytes.as_slice(), b.number),
            (&b"{\"text\":\"ok\"}"[..], 2)
        );
        let c = r.next_line().unwrap().unwrap();
        assert_eq!((c.bytes.as_slice(), c.number), (&b"last"[..], 3));
        assert!(r.next_line().unwrap().is_none());
        assert_eq!(
            analyze_line(&a).unwrap_err().error.kind,
            ErrorKind::TooLarge
        );
    }

    fn run_all(input: &str, window: usize) -> (String, Stats) {
        let mut lines = LineReader::new(input.as_bytes());
        let mut out = Vec::new();
        let mut config = PipelineConfig::default();
        config.summarize.mode = crate::summarize::SummaryMode::Extractive;
        let pipeline = Pipeline::new(config).unwrap();
        let options = Options {
            jobs: 2,
            batch_size: 3,
            window,
        };
        let mut seen = Vec::new();
        let stats = run(&mut lines, &mut out, Some(&pipeline), options, |s| {
            seen.push(*s)
        })
        .unwrap();
        // Every record is reported finished, then written; the offset ends at
        // the input's end.
        let last = seen.last().unwrap();
        assert_eq!(last, &stats);
        assert_eq!(
            (last.written, last.offset),
            (last.ok + last.failed, input.len() as u64)
        );
        assert!(seen
            .windows(2)
            .all(|w| w[0].written <= w[1].written && w[0].offset <= w[1].offset));
        assert!(seen.iter().all(|s| s.written <= s.ok + s.failed));
        (String::from_utf8(out).unwrap(), stats)
    }

    fn sample(n: usize) -> String {
        (1..=n)
            .map(|i| match i % 5 {
                0 => format!("{{\"id\": {i}, \"text\": \"\"}}\n"),
                _ => format!(
                    "{{\"id\": {i}, \"text\": \"{}\\\"Yes,\\\" Ann said.\"}}\n",
                    "Words here. ".repeat(i % 7 + 1)
                ),
            })
            .collect()
    }

    #[test]
    fn one_line_per_record_in_order_whatever_the_window() {
        let input = sample(23);
        let (a, stats) = run_all(&input, 4);
        let (b, _) = run_all(&input, 64);
        assert_eq!(a, b);
        assert_eq!((stats.ok, stats.failed), (19, 4));
        for (i, l) in a.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["id"], (i + 1).to_string());
            if (i + 1) % 5 == 0 {
                assert_eq!(v["error"]["kind"], "empty_text");
                assert_eq!(v["line"], i + 1);
            } else {
                assert_eq!(v["summary"]["method"], "extractive");
            }
        }
    }

    #[test]
    fn summaries_run_in_length_sorted_batches_and_failures_stay_with_their_record() {
        let texts = [
            "Ccc ccc ccc.",
            "A.",
            "",
            "Dddd dddd dddd dddd. Panic here.",
            "Bb bb.",
            "Eeeee eeeee eeeee eeeee eeeee. Fail here.",
        ];
        let input: String = texts
            .iter()
            .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
            .collect();
        let mut lines = LineReader::new(input.as_bytes());
        let mut slots: Vec<Slot> = std::iter::from_fn(|| lines.next_line().unwrap())
            .map(|l| Slot {
                line: l.number,
                bytes: l.len,
                result: analyze_line(&l),
            })
            .collect();
        let mut calls: Vec<Vec<String>> = Vec::new();
        let fake = |docs: &mut [Document]| {
            calls.push(docs.iter().map(|d| d.id.clone().unwrap()).collect());
            assert!(
                docs.iter().all(|d| !d.text.is_empty()),
                "analyzed documents only"
            );
            if docs.iter().any(|d| d.text.contains("Panic")) {
                panic!("model crashed");
            }
            docs.iter_mut()
                .map(|d| {
                    if d.text.contains("Fail") {
                        return Err(Error::Summarize("too long for the model".into()));
                    }
                    d.summary = Some(crate::summarize::extractive::lead(d, 1));
                    Ok(())
                })
                .collect()
        };
        let mut finished = Vec::new();
        summarize_window(fake, &mut slots, 2, |s| finished.push(s.line));
        // The empty text first (failed analysis), then batch by batch.
        assert_eq!(finished, [3, 2, 5, 1, 4, 6]);
        // Shortest first, two per call; the batch that panicked is retried one
        // by one.
        let ids: Vec<Vec<&str>> = calls
            .iter()
            .map(|c| c.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            ids,
            [
                vec!["2", "5"],
                vec!["1", "4"],
                vec!["1"],
                vec!["4"],
                vec!["6"]
            ]
        );
        let kinds: Vec<Option<ErrorKind>> = slots
            .iter()
            .map(|s| s.result.as_ref().err().map(|e| e.error.kind))
            .collect();
        use ErrorKind::*;
        assert_eq!(
            kinds,
            [
                None,
                None,
                Some(EmptyText),
                Some(Summarize),
                None,
                Some(Summarize)
            ]
        );
        let line = |i: usize| slots[i].to_line();
        assert!(line(3).contains(r#""id":"4","line":4,"error":{"kind":"summarize","message":"internal error: model crashed"}"#), "{}", line(3));
        assert!(line(5).contains("too long for the model"), "{}", line(5));
        for i in [0, 1, 4] {
            let v: serde_json::Value = serde_json::from_str(&line(i)).unwrap();
            assert_eq!(
                v["summary"]["text"], texts[i],
                "record {i} kept its summary"
            );
        }
    }

    #[test]
    fn resume_scan_keeps_complete_records_and_drops_a_torn_line() {
        let input = sample(10);
        let (full, _) = run_all(&input, 4);
        let cut = full.match_indices('\n').nth(5).unwrap().0 + 1; // six records
        for torn in [0, 1, 20] {
            let partial = &full[..cut + torn];
            let mut lines = LineReader::new(input.as_bytes());
            let p = scan_for_resume(partial.as_bytes(), &mut lines).unwrap();
            assert_eq!((p.records, p.failed), (6, 1));
            assert_eq!(p.valid_bytes, cut as u64);
            assert_eq!(p.dropped_bytes, torn as u64);
            assert_eq!(lines.lines_read(), 6);
        }
        // Garbage, complete or torn, is never cut away.
        for tail in ["garbage\n", "garbage", "{\"foo\": 1}\n", "\0\0\0"] {
            let bad = format!("{}{tail}", &full[..cut]);
            let mut lines = LineReader::new(input.as_bytes());
            let e = scan_for_resume(bad.as_bytes(), &mut lines).unwrap_err();
            assert!(matches!(e, ResumeError::Corrupt { line: 7, .. }), "{e}");
        }
        let bad = format!("{}garbage\n{}", &full[..cut], &full[cut..]);
        let mut lines = LineReader::new(input.as_bytes());
        let e = scan_for_resume(bad.as_bytes(), &mut lines).unwrap_err();
        assert!(matches!(e, ResumeError::Corrupt { line: 7, .. }), "{e}");
        // The output of another input is refused.
        let other = sample(10).replace("\"id\": 3,", "\"id\": 33,");
        let mut lines = LineReader::new(other.as_bytes());
        let e = scan_for_resume(full.as_bytes(), &mut lines).unwrap_err();
        assert!(matches!(e, ResumeError::Mismatch { line: 3, .. }), "{e}");
        // More records than input lines.
        let short = sample(4);
        let mut lines = LineReader::new(short.as_bytes());
        let e = scan_for_resume(full.as_bytes(), &mut lines).unwrap_err();
        assert!(matches!(e, ResumeError::TooLong { line: 5 }), "{e}");
    }
}
