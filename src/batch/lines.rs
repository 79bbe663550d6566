//! The input side: JSON Lines read one line at a time within a byte limit,
//! and each line checked and taken apart into the fields the pipeline needs.

use std::io::{self, BufRead};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::record::{ErrorKind, ErrorLine, Extras};
use crate::ingest::{InputFormat, MAX_INPUT_BYTES};

/// Longest input line read, in bytes. Longer lines are `too_large` errors;
/// their bytes are skipped without being held in memory. Twice the text limit
/// ([`MAX_INPUT_BYTES`], 32 MiB), as JSON escapes make a line longer than its text.
pub const MAX_LINE_BYTES: usize = 2 * MAX_INPUT_BYTES;

/// A line may run on to this many times the line limit (1 GiB for
/// [`MAX_LINE_BYTES`]) while its bytes are skipped; an input whose line runs
/// on further is not JSON Lines (`/dev/zero`, a binary file) and reading
/// stops there, so that no input is read without limit.
pub const MAX_RUN_ON: usize = 16;

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

/// Reads lines of at most `limit` bytes; longer ones are skipped to their
/// end, as long as it comes within [`MAX_RUN_ON`] times `limit`.
pub struct LineReader<R> {
    inner: R,
    limit: usize,
    number: u64,
    offset: u64,
    /// A line ran on past the skipping limit: the line number, and reading
    /// is over.
    ran_on: Option<u64>,
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
            ran_on: None,
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
    /// `None` at the end of the input. A line that runs on past
    /// [`MAX_RUN_ON`] times the limit is returned as oversize, and the next
    /// call is an `InvalidData` error: the rest of the input is not read.
    pub fn next_line(&mut self) -> io::Result<Option<InputLine>> {
        if let Some(number) = self.ran_on {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "line {number} runs on for more than {} bytes without a newline: \
                     the input is not JSON Lines, reading stopped there",
                    self.run_on_limit()
                ),
            ));
        }
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
            if self.offset - start > self.run_on_limit() {
                self.ran_on = Some(self.number + 1);
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

    fn run_on_limit(&self) -> u64 {
        (self.limit as u64).saturating_mul(MAX_RUN_ON as u64)
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
    html: Option<&'a RawValue>,
    #[serde(default, borrow)]
    title: Option<&'a RawValue>,
    #[serde(default, borrow)]
    url: Option<&'a RawValue>,
    #[serde(default, borrow)]
    published: Option<&'a RawValue>,
}

/// A parsed input line: what the pipeline needs, or why it cannot run.
#[derive(Debug)]
pub struct Parsed {
    pub id: String,
    /// The article: plain text (`"text"`), or a web page (`"html"`).
    pub text: String,
    /// [`InputFormat::Text`] for a `"text"` record, [`InputFormat::Html`]
    /// for an `"html"` one.
    pub format: InputFormat,
    pub extras: Extras,
}

/// The id an output line gets: the record's `id` (a number as written, e.g.
/// `42` gives `"42"`), the line number when there is none (or it is null),
/// and `None` when the line is not a JSON object or the id is of another type.
fn record_id(raw: &RawRecord, line: &InputLine) -> Result<String, String> {
    let Some(id) = raw.id else {
        return Ok(line.number.to_string());
    };
    let text = id.get();
    if text.starts_with('"') {
        return string_field(line, "id", id);
    }
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Ok(text.to_owned());
    }
    Err(format!("`id` must be a string or a number, not {text}"))
}

/// A JSON string field of `line` as a `String`; the error names what is
/// wrong with the string and where it is in the line.
fn string_field(line: &InputLine, name: &str, raw: &RawValue) -> Result<String, String> {
    serde_json::from_str::<String>(raw.get()).map_err(|e| {
        // Offsets count from the start of the raw value, a slice of the line:
        // add where it starts.
        let start = (raw.get().as_ptr() as usize)
            .wrapping_sub(line.bytes.as_ptr() as usize)
            .min(line.bytes.len());
        if let Some((at, escape)) = unpaired_surrogate(raw.get()) {
            return format!(
                "`{name}` holds an unpaired surrogate escape {escape} at byte offset {} of \
                 the line: half of a UTF-16 pair is no Unicode text",
                start + at
            );
        }
        let message = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        let problem = message.strip_suffix(&position).unwrap_or(&message);
        let offset = start + e.column().saturating_sub(1);
        format!("`{name}` is not a valid string: {problem} (at byte offset {offset} of the line)")
    })
}

/// The first `\\uXXXX` escape in a JSON string that is a surrogate outside a
/// pair (JSON's syntax allows it, Unicode text cannot hold it): its byte
/// offset in `json` and the escape.
fn unpaired_surrogate(json: &str) -> Option<(usize, &str)> {
    let unit = |at: usize| {
        let hex = json.get(at..at + 6)?.strip_prefix("\\u")?;
        hex.bytes()
            .all(|b| b.is_ascii_hexdigit())
            .then(|| u16::from_str_radix(hex, 16).ok())?
    };
    let bytes = json.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF) if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => return Some((i, &json[i..i + 6])),
            Some(_) => i += 6,
            // Another escape (`\\\\` included): two bytes.
            None => i += 2,
        }
    }
    None
}

/// A field that is there and not `null` (which counts as absent, as it
/// always has for `text`).
fn given(field: Option<&RawValue>) -> Option<&RawValue> {
    field.filter(|v| v.get() != "null")
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
    // A file saved by some editors opens with a byte-order mark: it is no
    // part of the first record. (Only there: elsewhere it is not JSON.)
    let text = match line.number {
        1 => text.strip_prefix('\u{feff}').unwrap_or(text),
        _ => text,
    };
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
    record_id(&raw, line).ok()
}

/// Check an input line and take out its id, text and carried fields.
pub fn parse_line(line: &InputLine) -> Result<Parsed, ErrorLine> {
    let raw = parse_raw(line)?;
    let id = record_id(&raw, line)
        .map_err(|m| ErrorLine::new(None, line.number, ErrorKind::InvalidId, m))?;
    let fail = |kind, msg: &str| ErrorLine::new(Some(id.clone()), line.number, kind, msg);
    let (field, format, value) = match (given(raw.text), given(raw.html)) {
        (Some(text), None) => ("text", InputFormat::Text, text),
        (None, Some(html)) => ("html", InputFormat::Html, html),
        (None, None) => {
            return Err(fail(
                ErrorKind::MissingText,
                "no `text` field (nor `html` for a web page)",
            ))
        }
        (Some(_), Some(_)) => {
            return Err(fail(
                ErrorKind::InvalidText,
                "both `text` and `html`: a record gives its article as one of them",
            ))
        }
    };
    let text = if value.get().starts_with('"') {
        string_field(line, field, value).map_err(|m| fail(ErrorKind::InvalidText, &m))?
    } else {
        return Err(fail(
            ErrorKind::InvalidText,
            &format!("`{field}` must be a string"),
        ));
    };
    if text.trim().is_empty() {
        return Err(fail(ErrorKind::EmptyText, &format!("`{field}` is empty")));
    }
    if text.len() > MAX_INPUT_BYTES {
        let msg = format!(
            "`{field}` is {} bytes, over the limit of {MAX_INPUT_BYTES} bytes",
            text.len()
        );
        return Err(fail(ErrorKind::TooLarge, &msg));
    }
    let own = |r: Option<&RawValue>| r.map(RawValue::to_owned);
    Ok(Parsed {
        id,
        text,
        format,
        extras: Extras {
            title: own(raw.title),
            url: own(raw.url),
            published: own(raw.published),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::analyze_line;
    use crate::batch::tests::line;
    use std::io::Read;

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
            r#"{"id":"42","line":9,"error":{"kind":"missing_text","message":"no `text` field (nor `html` for a web page)"}}"#
        );
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
    #[test]
    fn a_line_that_runs_on_without_a_newline_stops_the_reading() {
        // 20-byte lines may run on to 320 bytes while skipped.
        let endless = std::io::repeat(0).take(1 << 40);
        let mut r = LineReader::with_limit(std::io::BufReader::with_capacity(64, endless), 20);
        let a = r.next_line().unwrap().unwrap();
        assert!(a.oversize && a.bytes.is_empty() && a.number == 1);
        let run_on = (20 * MAX_RUN_ON) as u64;
        assert!(a.len > run_on && a.len <= run_on + 64, "{}", a.len);
        assert_eq!(
            analyze_line(&a).unwrap_err().error.kind,
            ErrorKind::TooLarge
        );
        let e = r.next_line().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("line 1 runs on"), "{e}");
        assert_eq!(r.offset(), a.len, "nothing read after the run-on");
        // Within the run-on limit, a long line is skipped and reading goes on.
        let input = format!("{}\n{{\"text\":\"ok\"}}\n", "x".repeat(300));
        let mut r = LineReader::with_limit(input.as_bytes(), 20);
        assert!(r.next_line().unwrap().unwrap().oversize);
        assert_eq!(r.next_line().unwrap().unwrap().bytes, b"{\"text\":\"ok\"}");
    }
    #[test]
    fn a_byte_order_mark_opens_the_first_line_only() {
        let input =
            "\u{feff}{\"id\": 1, \"text\": \"One.\"}\n\u{feff}{\"id\": 2, \"text\": \"Two.\"}\n";
        let mut r = LineReader::new(input.as_bytes());
        let first = r.next_line().unwrap().unwrap();
        assert_eq!(
            first.len,
            first.bytes.len() as u64 + 1,
            "the mark is counted"
        );
        let parsed = parse_line(&first).unwrap_or_else(|e| panic!("{}", e.to_line()));
        assert_eq!((parsed.id.as_str(), parsed.text.as_str()), ("1", "One."));
        assert_eq!(output_id(&first).as_deref(), Some("1"));
        // Inside the file a mark is no JSON.
        let second = r.next_line().unwrap().unwrap();
        let e = parse_line(&second).unwrap_err();
        assert_eq!(e.error.kind, ErrorKind::InvalidJson);
    }

    #[test]
    fn an_unpaired_surrogate_is_named_with_where_it_is() {
        let input = r#"{"id": "a", "text": "ab\ud800cd"}"#;
        let e = parse_line(&line(3, input)).unwrap_err();
        assert_eq!((e.id.as_deref(), e.line), (Some("a"), 3));
        assert_eq!(e.error.kind, ErrorKind::InvalidText);
        assert_eq!(
            e.error.message,
            "`text` holds an unpaired surrogate escape \\ud800 at byte offset 23 of the line: \
             half of a UTF-16 pair is no Unicode text"
        );
        assert_eq!(&input[23..29], r"\ud800");
        // A trailing half alone, a leading half at the end, after a pair and
        // after an escaped backslash; in the id.
        for (input, offset, escape) in [
            (r#"{"text": "\udc00", "id": 1}"#, 10, r"\udc00"),
            (r#"{"text": "x\uD83D"}"#, 11, r"\uD83D"),
            (r#"{"text": "\ud83d\ude00 \\ \ud83d\u0041"}"#, 26, r"\ud83d"),
            (r#"{"id": "x\ud800", "text": "ok"}"#, 9, r"\ud800"),
        ] {
            let e = parse_line(&line(4, input)).unwrap_err();
            let wanted =
                format!("unpaired surrogate escape {escape} at byte offset {offset} of the line");
            assert!(
                e.error.message.contains(&wanted),
                "{input}: {}",
                e.error.message
            );
            assert_eq!(&input[offset..offset + 6], escape);
        }
        let e = parse_line(&line(5, r#"{"id": "x\ud800", "text": "ok"}"#)).unwrap_err();
        assert_eq!((e.id, e.error.kind), (None, ErrorKind::InvalidId));
        assert!(
            e.error.message.starts_with("`id` holds"),
            "{}",
            e.error.message
        );
        // A pair is text. Other bad strings are no JSON at all.
        let ok = parse_line(&line(6, r#"{"text": "smile \ud83d\ude00"}"#)).unwrap();
        assert_eq!(ok.text, "smile \u{1f600}");
        let e = parse_line(&line(6, r#"{"text": "bad \q escape"}"#)).unwrap_err();
        assert_eq!(e.error.kind, ErrorKind::InvalidJson);
        // Not a string at all keeps its message.
        let e = parse_line(&line(7, r#"{"text": 5}"#)).unwrap_err();
        assert_eq!(e.error.message, "`text` must be a string");
    }
}
