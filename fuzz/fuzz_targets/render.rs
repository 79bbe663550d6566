//! `newsdigest render`: arbitrary bytes as `newsdigest batch` output (JSONL),
//! read line by line with the batch output reader (`OutputReader`,
//! `OutputLine::parse`), every readable record rendered as a Markdown, a
//! text and an HTML digest, as the command does. Nothing panics; a record written back
//! with the batch writer reads as the same entry (batch and render agree on
//! what a record is); rendering is deterministic and counts every record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::batch::{OutputLine, OutputReader};
use newsdigest::render::{digest_entries, Entry, Format};

fuzz_target!(|data: &[u8]| {
    let mut lines = OutputReader::new(data);
    let mut entries = Vec::new();
    let mut notes = Vec::new();
    let (mut read, mut failed) = (0u64, 0u64);
    while let Some(line) = lines.next_line().expect("reading from memory") {
        read += 1;
        assert_eq!(line.number, read, "lines are numbered from 1 without gaps");
        if line.is_blank() {
            continue;
        }
        match line.parse() {
            Ok(OutputLine::Record(record)) => {
                let entry = Entry::from_record(&record, entries.len());
                let written = record.to_line();
                match OutputLine::parse(written.as_bytes()) {
                    Ok(OutputLine::Record(again)) => assert_eq!(
                        Entry::from_record(&again, entries.len()),
                        entry,
                        "a record written back reads as another entry: {written}"
                    ),
                    other => panic!("a record written back does not read as one: {other:?}"),
                }
                entries.push(entry);
            }
            Ok(OutputLine::Error(e)) => {
                failed += 1;
                let written = e.to_line();
                match OutputLine::parse(written.as_bytes()) {
                    Ok(OutputLine::Error(again)) => assert_eq!(again, e),
                    other => panic!("an error line written back does not read as one: {other:?}"),
                }
            }
            Err(e) => notes.push(format!("line {}: {e}", line.number)),
        }
    }
    if failed > 0 {
        notes.push(format!("{failed} failed records left out."));
    }
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let out = digest_entries(&entries, format, &notes);
        assert_eq!(
            out,
            digest_entries(&entries, format, &notes),
            "rendering twice gives another digest"
        );
        let count = format!(
            "{} article{}, ",
            entries.len(),
            if entries.len() == 1 { "" } else { "s" }
        );
        assert!(out.contains(&count), "the overview does not say {count:?}");
    }
});
