//! `--resume`: validate the output of an interrupted job against its input
//! and find where to continue.

use std::io::{self, BufRead};

use super::lines::{output_id, LineReader};
use super::record::{is_line_start, OutputLine, OutputReader};

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

fn show(id: Option<&str>) -> String {
    id.map_or_else(|| "null".to_owned(), |s| format!("{s:?}"))
}

/// Validate the output of an interrupted job against its input, reading both
/// in step: every complete output line must be a record (document or error
/// line) whose id is the one its input line gives. A last line without its
/// newline (torn by a kill) is to be dropped when it starts like a line of
/// this tool; anything else is an error, so that a file that is not this
/// job's output is never cut. On success `lines` is positioned after the
/// records already done.
pub fn scan_for_resume<O: BufRead, R: BufRead>(
    output: O,
    lines: &mut LineReader<R>,
) -> Result<ResumePoint, ResumeError> {
    let mut point = ResumePoint {
        records: 0,
        valid_bytes: 0,
        failed: 0,
        dropped_bytes: 0,
    };
    let mut output = OutputReader::new(output);
    while let Some(text) = output.next_line().map_err(ResumeError::Output)? {
        let number = text.number;
        let corrupt = |problem: String| ResumeError::Corrupt {
            line: number,
            problem,
        };
        if !text.terminated {
            // A torn last line: dropped when it is the start of a line this
            // tool writes.
            if is_line_start(&text.bytes) {
                point.dropped_bytes = text.len;
                return Ok(point);
            }
            return Err(corrupt(
                "an unterminated last line that this tool did not start".into(),
            ));
        }
        let record = text.parse().map_err(|e| corrupt(e.to_string()))?;
        if let OutputLine::Error(e) = &record {
            if e.line != number {
                return Err(corrupt(format!(
                    "the error line of input line {}, not of line {number}",
                    e.line
                )));
            }
            point.failed += 1;
        }
        let input = lines
            .next_line()
            .map_err(ResumeError::Input)?
            .ok_or(ResumeError::TooLong { line: number })?;
        let expected = output_id(&input);
        if expected.as_deref() != record.id() {
            return Err(ResumeError::Mismatch {
                line: number,
                found: show(record.id()),
                expected: show(expected.as_deref()),
            });
        }
        point.records += 1;
        point.valid_bytes += text.len;
    }
    Ok(point)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::tests::{run_all, sample};

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
        // An error line in another record's place is refused (record 5 is
        // the first error line).
        let moved = full.replacen("\"line\":5,", "\"line\":6,", 1);
        let mut lines = LineReader::new(input.as_bytes());
        let e = scan_for_resume(moved.as_bytes(), &mut lines).unwrap_err();
        assert!(matches!(e, ResumeError::Corrupt { line: 5, .. }), "{e}");
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
