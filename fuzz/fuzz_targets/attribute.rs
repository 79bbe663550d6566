//! The attribution stage. The first byte picks how sentences reach it:
//!
//! - even: the real pipeline (`Pipeline::analyze`, run twice), checked
//!   whole: sentences, quotes, speakers, rendering, determinism;
//! - odd: the text after it cut into sentences at fuzzed character
//!   boundaries, some flagged as boilerplate, so that attribution also sees
//!   sentence layouts the segmenter would not produce today. Only the quote
//!   properties apply there.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use newsdigest::{attribute, Document, Sentence};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        if let Ok(text) = std::str::from_utf8(rest) {
            invariants::analyze_and_check(text);
        }
        return;
    }
    // Odd: `cuts` bytes of cut positions, then the text.
    let n = (mode as usize / 2) % 16;
    if rest.len() < n {
        return;
    }
    let (cuts, text) = rest.split_at(n);
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let mut bounds: Vec<usize> = cuts
        .iter()
        .map(|&c| {
            let mut at = c as usize * text.len() / 255;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        })
        .chain([0, text.len()])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut doc = Document::new(None, text.to_owned());
    // Attribution reads the paragraphs ingest would have found.
    doc.paragraphs = newsdigest::ingest::paragraphs(text);
    for (k, w) in bounds.windows(2).enumerate() {
        // Sentences are trimmed spans, as the segmenter makes them.
        let s = &text[w[0]..w[1]];
        let start = w[0] + (s.len() - s.trim_start().len());
        let end = start + s.trim().len();
        if start < end {
            doc.sentences.push(Sentence {
                start,
                end,
                text: text[start..end].to_owned(),
                boilerplate: cuts.get(k).is_some_and(|c| c % 7 == 0),
            });
        }
    }
    let mut again = doc.clone();
    attribute::attribute(&mut doc);
    invariants::check_quotes(text, &doc);
    attribute::attribute(&mut again);
    assert!(doc == again, "two runs differ");
});
