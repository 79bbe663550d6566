//! Web pages: arbitrary bytes read as HTML (`ingest::prepare` with
//! `InputFormat::Html`: the size and markup limits, html5ever, readability)
//! and analyzed as the pipeline does. Nothing panics; a page gives an
//! article whose every span is a character range of the extracted text
//! (the properties of `tests/support/invariants.rs`), the headline one of
//! its lines, and the JSON carries that text; or a clear error.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use newsdigest::ingest::{self, InputFormat};
use newsdigest::{Error, Pipeline};

fuzz_target!(|data: &[u8]| {
    match ingest::prepare(data.to_vec(), InputFormat::Html) {
        Ok(prepared) => {
            assert_eq!(prepared.format, InputFormat::Html);
            let text = prepared.text.clone();
            assert!(!text.trim().is_empty(), "a page without text was accepted");
            if let Some(title) = &prepared.title {
                let line = text.get(title.clone()).expect("the title is a range of the text");
                assert!(!line.contains('\n'), "the title is one line: {line:?}");
            }
            match Pipeline::analyze_prepared(None, prepared) {
                Ok(doc) => {
                    invariants::check_document(&text, &doc);
                    assert_eq!(doc.extracted_text.as_deref(), Some(text.as_str()));
                }
                // The page's text may be only a byte-order mark and blanks.
                Err(Error::EmptyInput) => {
                    assert!(text.trim_start_matches('\u{feff}').trim().is_empty())
                }
                Err(e) => panic!("the text of a page failed analysis: {e}"),
            }
        }
        Err(Error::InvalidUtf8 { offset, byte }) => {
            let valid = std::str::from_utf8(data).unwrap_err().valid_up_to();
            assert_eq!((offset, byte), (valid, data[valid]));
        }
        Err(Error::Html(message)) => assert!(!message.is_empty()),
        Err(Error::InputTooLarge { size, limit }) => {
            assert_eq!((size, limit), (data.len(), ingest::MAX_INPUT_BYTES))
        }
        Err(e) => panic!("unexpected error for a page: {e}"),
    }
});
