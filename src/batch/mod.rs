//! Batch processing of JSON Lines: one article per input line, exactly one
//! output line per input line, in input order.
//!
//! The engine is built for long jobs over a day's feed:
//!
//! - **Bad records never stop the job.** A line that is not JSON, lacks a
//!   string `text`, is empty or too large, or whose analysis or summary fails
//!   becomes an [`ErrorLine`] in its place, and the next line goes on.
//! - **Bounded memory.** Input is read in groups of at most
//!   [`Options::group`] records and [`GROUP_BYTES`] bytes; at most three
//!   groups are alive at once (being read and analyzed, queued, being
//!   summarized and written), whatever the input's length.
//! - **Throughput.** Ingest, segmentation and attribution run in parallel on a
//!   rayon pool of [`Options::jobs`] threads; summaries run on the one model
//!   instance, in batches of [`Options::batch_size`] documents of similar
//!   length (sorted within the group), while the next group is analyzed.
//! - **Crash safety.** Each output line is written whole and flushed before
//!   the next one, so a killed job leaves complete lines plus at most one torn
//!   last line; [`scan_for_resume`] validates such an output against the input
//!   and finds where to continue.
//!
//! The rooms: [`lines`] reads and checks input lines, [`record`] owns the
//! output line format (writer and reader), [`resume`] validates an earlier
//! output; this file is the engine that runs a job.

pub mod lines;
pub mod record;
pub mod resume;

use std::io::{self, BufRead, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::document::Document;
use crate::error::Error;
use crate::ingest::{self, InputFormat};
use crate::pipeline::Pipeline;

pub use lines::{output_id, parse_line, InputLine, LineReader, Parsed, MAX_LINE_BYTES, MAX_RUN_ON};
pub use record::{
    ErrorDetail, ErrorKind, ErrorLine, Extras, OutputLine, OutputReader, ReadError, Record,
    MAX_OUTPUT_LINE_BYTES,
};
pub use resume::{scan_for_resume, ResumeError, ResumePoint};

/// A group of records closes when its lines add up to this many bytes, even
/// when it holds fewer than [`Options::group`] records.
pub const GROUP_BYTES: usize = 16 * 1024 * 1024;

/// Most records in a group, whatever the jobs and batch size.
pub const MAX_GROUP: usize = 2048;

/// Tuning of a batch run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Threads for ingest, segmentation and attribution (and serialization).
    pub jobs: usize,
    /// Documents per call to the summarizer.
    pub batch_size: usize,
    /// Records read, analyzed and summarized together (see the module docs).
    pub group: usize,
    /// Offsets written as Unicode code points instead of UTF-8 bytes
    /// ([`crate::Document::use_char_offsets`]).
    pub char_offsets: bool,
}

impl Options {
    /// `jobs` threads (0: one per core this process may use,
    /// [`crate::summarize::available_threads`]) and `batch_size` documents per
    /// summarizer call; a group holds four rounds of both, at least 64
    /// and at most [`MAX_GROUP`] records.
    pub fn new(jobs: usize, batch_size: usize) -> Options {
        let jobs = if jobs == 0 {
            crate::summarize::available_threads()
        } else {
            jobs
        };
        let batch_size = batch_size.max(1);
        Options {
            jobs,
            batch_size,
            group: jobs
                .saturating_mul(batch_size)
                .saturating_mul(4)
                .clamp(64, MAX_GROUP),
            char_offsets: false,
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options::new(0, 8)
    }
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
    // A record's `title` string is its headline: none is looked for in the text.
    let titled = parsed
        .extras
        .title
        .as_deref()
        .is_some_and(|t| t.get().starts_with('"') && t.get() != "\"\"");
    let (text, format) = (parsed.text, parsed.format);
    let analyzed = panic::catch_unwind(move || {
        let input = match format {
            InputFormat::Html => ingest::prepare(text.into_bytes(), InputFormat::Html)?,
            _ => ingest::Prepared::text(text),
        };
        let input = if titled {
            input.with_title_elsewhere()
        } else {
            input
        };
        Pipeline::analyze_prepared(Some(parsed.id), input)
    });
    match analyzed {
        Ok(Ok(doc)) => Ok(Record {
            doc,
            extras: parsed.extras,
        }),
        Ok(Err(e @ Error::InputTooLarge { .. })) => Err(fail(ErrorKind::TooLarge, e.to_string())),
        Ok(Err(e @ Error::EmptyInput)) => Err(fail(ErrorKind::EmptyText, e.to_string())),
        Ok(Err(e @ Error::Html(_))) => Err(fail(ErrorKind::InvalidHtml, e.to_string())),
        Ok(Err(e)) => Err(fail(ErrorKind::Analyze, e.to_string())),
        Err(p) => Err(fail(
            ErrorKind::Analyze,
            format!("internal error: {}", panic_message(&*p)),
        )),
    }
}

/// A record's place in a group.
pub struct Slot {
    pub line: u64,
    /// Input bytes of this record's line, its newline included.
    pub bytes: u64,
    pub result: Result<Record, ErrorLine>,
}

impl Slot {
    /// The output line (without the newline). A document whose line would
    /// be over [`MAX_OUTPUT_LINE_BYTES`] is a `too_large` error line instead,
    /// so that every line written can be read back.
    pub fn to_line(&self) -> String {
        self.to_line_within(MAX_OUTPUT_LINE_BYTES)
    }

    fn to_line_within(&self, limit: usize) -> String {
        match &self.result {
            Ok(r) => {
                let line = r.to_line();
                if line.len() <= limit {
                    return line;
                }
                ErrorLine::new(
                    r.doc.id.clone(),
                    self.line,
                    ErrorKind::TooLarge,
                    format!(
                        "the document's output line is {} bytes, over the limit of {limit} bytes",
                        line.len()
                    ),
                )
                .to_line()
            }
            Err(e) => e.to_line(),
        }
    }
}

/// Summarize the analyzed records of a group in batches of `batch_size`,
/// shortest texts first (similar lengths pad least in a model batch). A
/// failure or panic marks only the records it concerns as `summarize` errors.
/// `summarize` is one call on the model, e.g. [`Pipeline::summarize`];
/// `finished` is called once per record as soon as its outcome is final
/// (records that failed analysis first, then batch by batch).
pub fn summarize_group<F, D>(
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
    /// Records finished with a document in a language other than English
    /// ([`Document::other_language`]), which attribution does not cover.
    pub other_language: u64,
}

impl Stats {
    fn finish(&mut self, slot: &Slot) {
        match &slot.result {
            Ok(r) => {
                self.ok += 1;
                self.other_language += u64::from(r.doc.other_language().is_some());
            }
            Err(_) => self.failed += 1,
        }
        self.offset += slot.bytes;
    }
}

/// Why a run stopped before the end of its input, or could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The threads for analysis could not be started (before any input was read).
    #[error("starting the analysis threads: {0}")]
    ThreadPool(#[source] rayon::ThreadPoolBuildError),
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
    let pool = thread_pool(options)?;
    run_in_pool(&pool, lines, out, pipeline, options, progress)
}

/// The pool of [`Options::jobs`] analysis threads that [`run`] starts; a
/// caller that wants to know that the threads start before it touches its
/// output builds it first and calls [`run_in_pool`].
pub fn thread_pool(options: Options) -> Result<rayon::ThreadPool, RunError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("newsdigest-{i}"))
        .build()
        .map_err(RunError::ThreadPool)
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
    // One group queued while one is analyzed and one written: bounded memory.
    let (tx, rx) = mpsc::sync_channel::<io::Result<Vec<Slot>>>(1);
    std::thread::scope(|scope| -> Result<(), RunError> {
        scope.spawn(move || loop {
            // Lines read before an input error are still processed.
            let (group, eof, error) = read_group(lines, options.group);
            if !group.is_empty() {
                let analyzed = pool.install(|| {
                    group
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
        for group in rx {
            let mut slots = group.map_err(RunError::Input)?;
            let mut finished = |slot: &Slot| {
                stats.finish(slot);
                progress(&stats);
            };
            match pipeline {
                Some(p) => summarize_group(
                    |d| p.summarize(d),
                    &mut slots,
                    options.batch_size,
                    &mut finished,
                ),
                None => slots.iter().for_each(&mut finished),
            }
            let rendered: Vec<String> = pool.install(|| {
                slots
                    .par_iter_mut()
                    .map(|slot| {
                        if let (Ok(r), true) = (&mut slot.result, options.char_offsets) {
                            r.doc.use_char_offsets();
                        }
                        slot.to_line()
                    })
                    .collect()
            });
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

/// Up to `max` lines (and [`GROUP_BYTES`]), whether the input ended, and
/// the error that stopped the reading early, if one did.
fn read_group<R: BufRead>(
    lines: &mut LineReader<R>,
    max: usize,
) -> (Vec<InputLine>, bool, Option<io::Error>) {
    let mut group = Vec::new();
    let mut bytes = 0;
    while group.len() < max.max(1) && bytes < GROUP_BYTES {
        match lines.next_line() {
            Ok(Some(l)) => {
                bytes += l.bytes.len();
                group.push(l);
            }
            Ok(None) => return (group, true, None),
            Err(e) => return (group, true, Some(e)),
        }
    }
    (group, false, None)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pipeline::PipelineConfig;

    pub(crate) fn line(number: u64, s: &str) -> InputLine {
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

    pub(crate) fn run_all(input: &str, group: usize) -> (String, Stats) {
        let mut lines = LineReader::new(input.as_bytes());
        let mut out = Vec::new();
        let mut config = PipelineConfig::default();
        config.summarize.mode = crate::summarize::SummaryMode::Extractive;
        let pipeline = Pipeline::new(config).unwrap();
        let options = Options {
            jobs: 2,
            batch_size: 3,
            group,
            char_offsets: false,
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

    pub(crate) fn sample(n: usize) -> String {
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
    fn one_line_per_record_in_order_whatever_the_group_size() {
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
        summarize_group(fake, &mut slots, 2, |s| finished.push(s.line));
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
    fn a_document_line_over_the_output_limit_is_a_too_large_error_line() {
        let l = line(
            4,
            r#"{"id":"big","text":"Officials met. \"We agreed,\" Tang said."}"#,
        );
        let slot = Slot {
            line: 4,
            bytes: l.len,
            result: analyze_line(&l),
        };
        let full = slot.to_line();
        assert!(
            full.starts_with(r#"{"schema":"newsdigest/1","id":"big""#),
            "{full}"
        );
        assert_eq!(slot.to_line_within(full.len()), full);
        let cut = slot.to_line_within(full.len() - 1);
        let OutputLine::Error(e) = OutputLine::parse(cut.as_bytes()).unwrap() else {
            panic!("an error line: {cut}");
        };
        assert_eq!((e.id.as_deref(), e.line), (Some("big"), 4));
        assert_eq!(e.error.kind, ErrorKind::TooLarge);
        assert!(
            e.error
                .message
                .contains(&format!("is {} bytes", full.len())),
            "{}",
            e.error.message
        );
    }
}
