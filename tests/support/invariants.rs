//! The properties every digest must hold, whatever the input and whichever
//! segmenter or attribution implementation produced it (issue 7).
//!
//! Shared, by `#[path]`, by the property tests (`tests/properties.rs`), the
//! named hostile inputs (`tests/hostile.rs`) and the fuzz targets
//! (`fuzz/fuzz_targets/*.rs`), so one definition holds everywhere. Only
//! `newsdigest` and `std` are used, so that every one of them can include it.
//!
//! Each check panics with a message naming the broken property; a fuzz
//! target turns that panic into a crash.

#![allow(dead_code)]

use std::collections::HashSet;
use std::ops::Range;

use newsdigest::{Document, Error, Pipeline, Span};

/// Shorten `s` for a panic message: hostile inputs can be megabytes long.
pub fn excerpt(s: &str) -> String {
    const MAX: usize = 160;
    if s.len() <= MAX {
        return format!("{s:?}");
    }
    let mut cut = MAX;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{:?}… ({} bytes)", &s[..cut], s.len())
}

/// `start..end` is a character range of `input` and `text` is its slice.
pub fn check_range(input: &str, what: &str, start: usize, end: usize, text: &str) {
    assert!(
        start <= end && end <= input.len(),
        "{what}: {start}..{end} is out of a {}-byte input",
        input.len()
    );
    assert!(
        input.is_char_boundary(start) && input.is_char_boundary(end),
        "{what}: {start}..{end} is not on UTF-8 character boundaries"
    );
    assert!(
        input[start..end] == *text,
        "{what}: text {} differs from the input slice {start}..{end} {}",
        excerpt(text),
        excerpt(&input[start..end])
    );
}

pub fn check_span(input: &str, what: &str, span: &Span) {
    check_range(input, what, span.start, span.end, &span.text);
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Sentences: exact spans, non-empty, trimmed, in order, non-overlapping,
/// and covering every non-whitespace byte of the input. Boilerplate marks are
/// covered by flagged sentences, and flagged sentences lie inside marks; the
/// title, when it shares no byte with a mark, is exactly one sentence.
/// A byte-order mark opening the input belongs to no sentence.
pub fn check_sentences(input: &str, doc: &Document) {
    let mut cursor = if input.starts_with('\u{feff}') { 3 } else { 0 };
    for (k, s) in doc.sentences.iter().enumerate() {
        let what = format!("sentence {k}");
        check_range(input, &what, s.start, s.end, &s.text);
        assert!(s.start < s.end, "{what} is empty at {}", s.start);
        assert!(
            s.start >= cursor,
            "{what} {}..{} overlaps or precedes the previous one (ending at {cursor})",
            s.start,
            s.end
        );
        assert_eq!(
            s.text.trim(),
            s.text,
            "{what} is not trimmed: {}",
            excerpt(&s.text)
        );
        let gap = &input[cursor..s.start];
        assert!(
            gap.trim().is_empty(),
            "bytes {cursor}..{} before {what} are in no sentence: {}",
            s.start,
            excerpt(gap)
        );
        cursor = s.end;
    }
    let tail = &input[cursor..];
    assert!(
        tail.trim().is_empty(),
        "bytes {cursor}..{} after the last sentence are in no sentence: {}",
        input.len(),
        excerpt(tail)
    );

    // Boilerplate marks are disjoint; every flagged sentence lies in a mark;
    // every sentence with a byte in a mark is flagged, unless it is the title.
    // Marks are searched in sorted order, so that a page of 100,000 banner
    // lines is checked in linear time too.
    let mut marks = doc.boilerplate.clone();
    marks.sort_by_key(|m| (m.start, m.end));
    for (k, m) in marks.iter().enumerate() {
        check_range(
            input,
            &format!("boilerplate mark {k}"),
            m.start,
            m.end,
            &input[m.clone()],
        );
    }
    assert!(
        marks.windows(2).all(|w| w[0].end <= w[1].start),
        "boilerplate marks overlap"
    );
    // The first mark ending after `r.start`: when any mark shares bytes
    // with `r`, this one does.
    let first_after = |r: &Range<usize>| marks.partition_point(|m| m.end <= r.start);
    let title = doc.title.as_ref().map(Span::range);
    for (k, s) in doc.sentences.iter().enumerate() {
        let r = s.range();
        let m = marks.get(first_after(&r));
        if s.boilerplate {
            assert!(
                m.is_some_and(|m| within(&r, m)),
                "sentence {k} {} is flagged as boilerplate outside every mark",
                excerpt(&s.text)
            );
        } else if title.as_ref() != Some(&r) {
            assert!(
                m.is_none_or(|m| m.start >= r.end),
                "sentence {k} {} shares bytes with a boilerplate mark but is not flagged",
                excerpt(&s.text)
            );
        }
    }
    if let Some(t) = &doc.title {
        check_span(input, "title", t);
        let overlaps_mark = marks
            .get(first_after(&t.range()))
            .is_some_and(|m| m.start < t.end);
        if !overlaps_mark {
            assert!(
                doc.sentences
                    .iter()
                    .any(|s| s.range() == t.range() && !s.boilerplate),
                "the title {} is not one content sentence",
                excerpt(&t.text)
            );
        }
    }
}

/// Quotes: content, cue and source are exact spans of the input; each
/// `speaker` names an entry of `speakers`; speaker ids are unique and their
/// mentions are exact spans.
pub fn check_quotes(input: &str, doc: &Document) {
    let mut ids = HashSet::new();
    for sp in &doc.speakers {
        assert!(ids.insert(sp.id.as_str()), "speaker id {} repeats", sp.id);
        for (k, m) in sp.mentions.iter().enumerate() {
            check_span(input, &format!("speaker {} mention {k}", sp.id), m);
        }
    }
    for (k, q) in doc.quotes.iter().enumerate() {
        check_span(input, &format!("quote {k} content"), &q.content);
        if let Some(cue) = &q.cue {
            check_span(input, &format!("quote {k} cue"), cue);
        }
        if let Some(source) = &q.source {
            check_span(input, &format!("quote {k} source"), source);
        }
        if let Some(id) = &q.speaker {
            assert!(
                ids.contains(id.as_str()),
                "quote {k} names speaker {id}, which is not in speakers"
            );
        }
    }
}

/// Every property of a document analyzed from `input`, rendering included.
pub fn check_document(input: &str, doc: &Document) {
    assert!(doc.text == input, "the document does not hold the input");
    check_sentences(input, doc);
    check_quotes(input, doc);
    // Rendering is part of answering with a digest: it must not panic.
    let json = newsdigest::render::json_line(doc);
    assert!(json.starts_with('{') && !json.contains('\n'));
    for format in [
        newsdigest::render::Format::Markdown,
        newsdigest::render::Format::Text,
    ] {
        newsdigest::render::digest(std::slice::from_ref(doc), format);
    }
    // The HTML page highlights every quote once (docs/html.md), however
    // the spans fall, and lets no markup of the input through.
    let html =
        newsdigest::render::digest(std::slice::from_ref(doc), newsdigest::render::Format::Html);
    assert_eq!(
        html.matches("<span class=\"quote ").count(),
        doc.quotes.len(),
        "{html}"
    );
    assert_eq!(
        html.matches("<span").count(),
        html.matches("</span>").count()
    );
    assert!(!html.contains("<script"), "{html}");
}

/// Analyze `input` twice; check every property of the digest, or that the
/// error is the right one for this input. Returns the document, if any.
pub fn analyze_and_check(input: &str) -> Option<Document> {
    let first = Pipeline::analyze(None, input.to_owned());
    let second = Pipeline::analyze(None, input.to_owned());
    match (first, second) {
        (Ok(a), Ok(b)) => {
            check_document(input, &a);
            assert!(a == b, "two runs on the same input differ");
            Some(a)
        }
        (Err(Error::EmptyInput), Err(Error::EmptyInput)) => {
            // Blank, after a byte-order mark if one opens the input.
            assert!(
                input
                    .strip_prefix('\u{feff}')
                    .unwrap_or(input)
                    .trim()
                    .is_empty(),
                "EmptyInput for text with content: {}",
                excerpt(input)
            );
            None
        }
        (Err(Error::InputTooLarge { size, limit }), Err(Error::InputTooLarge { .. })) => {
            assert_eq!(size, input.len());
            assert!(size > limit);
            None
        }
        (a, b) => panic!(
            "unexpected or unstable result for {}: {:?} then {:?}",
            excerpt(input),
            a.err(),
            b.err()
        ),
    }
}

/// Bytes in: a document with every property when they are UTF-8 with
/// content, else the error that names the first invalid byte's offset.
pub fn ingest_bytes_and_check(bytes: &[u8]) -> Option<Document> {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let via_bytes = newsdigest::ingest::ingest_bytes(None, bytes.to_vec());
            let via_text = newsdigest::ingest::ingest(None, text.to_owned());
            match (via_bytes, via_text) {
                (Ok(a), Ok(b)) => assert!(a == b, "ingest_bytes and ingest differ"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("ingest_bytes {:?} but ingest {:?}", a.err(), b.err()),
            }
            analyze_and_check(text)
        }
        Err(e) => {
            let offset = e.valid_up_to();
            match newsdigest::ingest::ingest_bytes(None, bytes.to_vec()) {
                Err(err @ Error::InvalidUtf8 { offset: o, byte }) => {
                    assert_eq!(o, offset, "wrong offset in {err}");
                    assert_eq!(byte, bytes[offset], "wrong byte in {err}");
                    assert!(
                        err.to_string().contains(&format!("byte offset {offset}")),
                        "the message does not name the offset: {err}"
                    );
                }
                other => panic!(
                    "invalid UTF-8 at {offset} gave {:?}",
                    other.map(|_| "a document")
                ),
            }
            None
        }
    }
}
