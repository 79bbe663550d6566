//! The output line format in both directions: the writer of a document line
//! (a [`Record`]) and of an [`ErrorLine`], and the one reader of those lines
//! ([`OutputLine`], [`OutputReader`]) that `--resume` and `render` share.

use std::io::{self, BufRead, Read};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::document::Document;

/// Why a record produced no document. Written (and read) in snake case:
/// `invalid_utf8`, `too_large`, …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The line is over [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES) or the text
    /// over [`MAX_INPUT_BYTES`](crate::ingest::MAX_INPUT_BYTES).
    TooLarge,
    /// The `html` field gives no article: the page has no text, or more
    /// elements or deeper nesting than extraction reads.
    InvalidHtml,
    /// Ingest, segmentation or attribution failed.
    Analyze,
    /// The summarizer failed on this record.
    Summarize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorDetail {
    pub kind: ErrorKind,
    pub message: String,
}

/// The output line of a bad record:
/// `{"id": str|null, "line": n, "error": {"kind": str, "message": str}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorLine {
    pub id: Option<String>,
    /// 1-based line number in the input.
    pub line: u64,
    pub error: ErrorDetail,
}

impl ErrorLine {
    pub(crate) fn new(
        id: Option<String>,
        line: u64,
        kind: ErrorKind,
        message: impl Into<String>,
    ) -> Self {
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

/// Whether `bytes` can be the beginning of an output line: `{"schema":` or
/// `{"id":`, or a prefix of either.
pub(crate) fn is_line_start(bytes: &[u8]) -> bool {
    [&b"{\"schema\":"[..], &b"{\"id\":"[..]]
        .iter()
        .any(|start| {
            let n = bytes.len().min(start.len());
            bytes[..n] == start[..n]
        })
}

/// A line of batch output read back: a document with the input fields it
/// carries, or the error line of a record.
// Not boxed: a reader holds one line at a time, so the size never adds up.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum OutputLine {
    Record(Record),
    Error(ErrorLine),
}

/// Why a line is not a line of batch output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Not JSON, or not an object.
    #[error("{0}")]
    Json(String),
    /// An object with an `error` field that is not an error line.
    #[error("not an error line: {0}")]
    NotAnErrorLine(String),
    /// An object without an `error` field that is not a `newsdigest/1` document.
    #[error("not a document: {0}")]
    NotADocument(String),
}

/// What decides how to read a line, and the carried input fields, borrowed.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(default, borrow)]
    error: Option<&'a RawValue>,
    #[serde(default, borrow)]
    input_title: Option<&'a RawValue>,
    #[serde(default, borrow)]
    url: Option<&'a RawValue>,
    #[serde(default, borrow)]
    published: Option<&'a RawValue>,
}

impl OutputLine {
    /// Read one output line (with or without its newline): an object with an
    /// `error` field is an error line, any other a document.
    pub fn parse(line: &[u8]) -> Result<OutputLine, ReadError> {
        let head: Head =
            serde_json::from_slice(line).map_err(|e| ReadError::Json(e.to_string()))?;
        if head.error.is_some() {
            return serde_json::from_slice(line)
                .map(OutputLine::Error)
                .map_err(|e| ReadError::NotAnErrorLine(e.to_string()));
        }
        let doc: Document =
            serde_json::from_slice(line).map_err(|e| ReadError::NotADocument(e.to_string()))?;
        let own = |r: Option<&RawValue>| r.map(RawValue::to_owned);
        Ok(OutputLine::Record(Record {
            doc,
            extras: Extras {
                title: own(head.input_title),
                url: own(head.url),
                published: own(head.published),
            },
        }))
    }

    /// The record's id, as the output line gives it.
    pub fn id(&self) -> Option<&str> {
        match self {
            OutputLine::Record(r) => r.doc.id.as_deref(),
            OutputLine::Error(e) => e.id.as_deref(),
        }
    }
}

/// One line of batch output as read, before it is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputText {
    /// 1-based line number in the output.
    pub number: u64,
    /// The line without its newline.
    pub bytes: Vec<u8>,
    /// Whether the newline was there: a last line without one was cut short
    /// (a job killed while writing it) or written by something else.
    pub terminated: bool,
    /// Bytes of the line in the output, its newline included.
    pub len: u64,
}

impl OutputText {
    /// Whether the line holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.bytes.iter().all(u8::is_ascii_whitespace)
    }

    pub fn parse(&self) -> Result<OutputLine, ReadError> {
        OutputLine::parse(&self.bytes)
    }
}

/// Longest output line written and read back, in bytes. A document whose
/// line would be longer is written as a `too_large` error line instead, so
/// that every line `batch` writes is one that `render` and `--resume` read.
/// Far above any real article's: the input text is at most 32 MiB.
pub const MAX_OUTPUT_LINE_BYTES: usize = 1 << 30;

/// Reads batch output one line at a time, each line of at most
/// [`MAX_OUTPUT_LINE_BYTES`]: a longer one is an `InvalidData` error, read no
/// further than the limit and one byte.
pub struct OutputReader<R> {
    inner: R,
    number: u64,
    limit: usize,
}

impl<R: BufRead> OutputReader<R> {
    pub fn new(inner: R) -> Self {
        Self::with_limit(inner, MAX_OUTPUT_LINE_BYTES)
    }

    pub fn with_limit(inner: R, limit: usize) -> Self {
        OutputReader {
            inner,
            number: 0,
            limit,
        }
    }

    /// The next line, or `None` at the end of the output.
    pub fn next_line(&mut self) -> io::Result<Option<OutputText>> {
        let mut bytes = Vec::new();
        // The line and its newline, and one byte more to tell a line over
        // the limit.
        let most = (self.limit as u64).saturating_add(2);
        if (&mut self.inner).take(most).read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        let len = bytes.len() as u64;
        let terminated = bytes.last() == Some(&b'\n');
        if terminated {
            bytes.pop();
        }
        self.number += 1;
        if bytes.len() > self.limit {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "line {} is over the limit of {} bytes",
                    self.number, self.limit
                ),
            ));
        }
        Ok(Some(OutputText {
            number: self.number,
            bytes,
            terminated,
            len,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::analyze_line;
    use crate::batch::tests::line;

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
    fn the_reader_gives_back_what_the_writer_wrote() {
        let input = r#"{"id":7,"text":"Hello there. \"Fine,\" Ann said.","title":"T","url":"http://e/1","published":1.50e3}"#;
        let written = analyze_line(&line(1, input)).unwrap();
        let out = format!("{}\n", written.to_line());
        let OutputLine::Record(read) = OutputLine::parse(out.as_bytes()).unwrap() else {
            panic!("a document line reads as a record");
        };
        // The article text, boilerplate and paragraph ranges are not part of
        // the line.
        let mut expected = written.doc.clone();
        expected.text.clear();
        expected.boilerplate.clear();
        expected.paragraphs.clear();
        assert_eq!(read.doc, expected);
        assert_eq!(read.to_line(), written.to_line());
        let raw = |r: &Option<Box<RawValue>>| r.as_deref().map(RawValue::get).map(str::to_owned);
        assert_eq!(raw(&read.extras.published).as_deref(), Some("1.50e3"));
        assert_eq!(raw(&read.extras.title).as_deref(), Some("\"T\""));

        let error = analyze_line(&line(4, r#"{"id":"x","text":""}"#)).unwrap_err();
        let read = OutputLine::parse(error.to_line().as_bytes()).unwrap();
        assert_eq!(read.id(), Some("x"));
        let OutputLine::Error(read) = read else {
            panic!("an error line reads as an error line");
        };
        assert_eq!(read, error);
        assert_eq!(read.error.kind, ErrorKind::EmptyText);
    }

    #[test]
    fn lines_that_are_not_output_are_refused_with_their_reason() {
        let err = |s: &str| OutputLine::parse(s.as_bytes()).unwrap_err();
        assert!(matches!(err("garbage"), ReadError::Json(_)));
        assert!(matches!(err("{\"foo\": 1}"), ReadError::NotADocument(m) if m.contains("schema")));
        assert!(matches!(
            err(r#"{"id":"1","line":1,"error":{"kind":"no_such_kind","message":"m"}}"#),
            ReadError::NotAnErrorLine(_)
        ));
    }

    #[test]
    fn the_output_reader_keeps_line_numbers_and_a_missing_last_newline() {
        let mut r = OutputReader::new(&b"{\"a\":1}\n\n  \ntorn"[..]);
        let mut lines = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            lines.push((l.number, l.len, l.is_blank(), l.terminated));
        }
        assert_eq!(
            lines,
            [
                (1, 8, false, true),
                (2, 1, true, true),
                (3, 3, true, true),
                (4, 4, false, false)
            ]
        );
    }
    #[test]
    fn the_output_reader_refuses_a_line_over_its_limit_reading_no_further() {
        let mut r = OutputReader::with_limit(&b"12345\n123456\n"[..], 5);
        assert_eq!(r.next_line().unwrap().unwrap().bytes, b"12345");
        let e = r.next_line().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(
            e.to_string()
                .contains("line 2 is over the limit of 5 bytes"),
            "{e}"
        );
        // An endless line: read to the limit and a byte or two, not on.
        let endless = io::repeat(b'x').take(1 << 40);
        let mut r = OutputReader::with_limit(io::BufReader::with_capacity(16, endless), 100);
        assert!(r.next_line().is_err());
        let mut rest = r.inner.into_inner();
        assert!(
            rest.limit() >= (1 << 40) - 200,
            "read {} bytes",
            (1u64 << 40) - rest.limit()
        );
        assert_eq!(rest.read(&mut [0; 1]).unwrap(), 1);
    }
    #[test]
    fn every_record_batch_accepts_reads_back_whatever_its_carried_fields_hold() {
        // serde_json parses a value into a type at most 128 levels deep;
        // carried fields are kept raw, and read back raw, at any depth.
        let deep_array = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let deep_object = format!("{}1{}", r#"{"a":"#.repeat(5000), "}".repeat(5000));
        let mixed = format!("{}null{}", r#"[{"a":"#.repeat(200), "}]".repeat(200));
        let odd = [
            deep_array.as_str(),
            &deep_object,
            &mixed,
            "1e400",
            "-0",
            r#""\ud800 lone surrogate""#,
            r#""\u0000 nul""#,
        ];
        for value in odd {
            for field in ["title", "url", "published"] {
                let input = format!(
                    r#"{{"id":"x","text":"Officials met. \"We agreed,\" Tang said.","{field}":{value}}}"#
                );
                let record = analyze_line(&line(1, &input)).expect("batch accepts the record");
                let written = record.to_line();
                let read = match OutputLine::parse(written.as_bytes()) {
                    Ok(OutputLine::Record(r)) => r,
                    other => panic!("{field}: {value:.40}: read back as {other:?}"),
                };
                assert_eq!(read.to_line(), written, "{field}: {value:.40}");
                // A digest entry from it: the id stands in for a title that
                // is not a string or number.
                let entry = crate::render::Entry::from_record(&read, 0);
                if field == "title" && value.starts_with(['[', '{']) {
                    assert_eq!(entry.title, "x", "{value:.40}");
                }
            }
        }
    }
}
