//! Ingest and segmentation on arbitrary bytes: a document whose sentences
//! hold every property of `tests/support/invariants.rs`, or the error that
//! names the first invalid byte. Attribution has its own target.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use newsdigest::{ingest, segment, Error};

fuzz_target!(|data: &[u8]| {
    match ingest::ingest_bytes(None, data.to_vec()) {
        Ok(mut doc) => {
            let text = std::str::from_utf8(data).expect("ingest accepted invalid UTF-8");
            segment::segment(&mut doc);
            invariants::check_sentences(text, &doc);
            // `split_sentences` on any character range keeps the same
            // properties: cut the input at a fuzzed boundary.
            let mut cut = (data.len() / 3).min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut end = cut;
            for r in segment::split_sentences(text, cut..text.len()) {
                assert!(end <= r.start && r.start < r.end && r.end <= text.len());
                assert!(text[end..r.start].trim().is_empty());
                end = r.end;
            }
            assert!(text[end..].trim().is_empty());
        }
        Err(Error::InvalidUtf8 { offset, byte }) => {
            let valid = std::str::from_utf8(data).unwrap_err().valid_up_to();
            assert_eq!((offset, byte), (valid, data[valid]));
        }
        Err(Error::EmptyInput) => {
            // Blank, after a byte-order mark if one opens the input.
            let text = std::str::from_utf8(data).unwrap();
            assert!(text.strip_prefix('\u{feff}').unwrap_or(text).trim().is_empty());
        }
        Err(e) => panic!("unexpected error {e}"),
    }
});
