//! The language of an article, so that callers can tell a reader when the
//! English-only stages have little to say.
//!
//! Detection is `whatlang`'s (trigram statistics for 69 languages, script
//! tables for the rest) over the start of the text. Codes are ISO 639-3, as
//! `whatlang` gives them: `eng`, `deu`, `fra`, `cmn` (Mandarin), `jpn`.
//!
//! What works in any language: spans, sentence segmentation (including
//! `。！？`), paragraphs and the headline. Attribution (cues such as "said",
//! sources, speakers) is English-only: an article in another language gets
//! no quotes, and callers should say so (see [`crate::Document::is_english`]).

use unicode_normalization::UnicodeNormalization;

/// ISO 639-3 code of English.
pub use crate::document::ENGLISH;

/// Fewest letters for a verdict: below it, trigram counts are too few to
/// tell related languages apart, and a headline alone is often misread.
pub const MIN_LETTERS: usize = 50;

/// Bytes of text looked at. A few paragraphs settle the language, and the
/// cost per article stays constant however long it is.
const SAMPLE_BYTES: usize = 16 * 1024;

/// The ISO 639-3 code of the language of `text`, or `None` when the text is
/// too short or the detector is not confident.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    // Composed, so that "Jâne" spelled with a combining accent reads as
    // the letter "â" the trigram tables know, as its precomposed spelling
    // does: the two spellings must get the same verdict.
    let composed: String = sample.nfc().collect();
    let info = whatlang::detect(&composed)?;
    info.is_reliable().then(|| info.lang().code())
}

/// The English name of the language with ISO 639-3 code `code` ("German"),
/// for notices; `None` for a code the detector does not know.
pub fn name(code: &str) -> Option<&'static str> {
    whatlang::Lang::from_code(code).map(whatlang::Lang::eng_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_undetermined() {
        assert_eq!(detect("Die Regierung sagte nein."), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("12345 67890 !!! ??? ... 12345 67890 !!! ???"), None);
    }

    #[test]
    fn the_sample_ends_on_a_character_boundary() {
        // A multi-byte character straddles the sample's end.
        let text = format!("{}{}", "a".repeat(SAMPLE_BYTES - 1), "é".repeat(100));
        detect(&text);
    }

    #[test]
    fn combining_accents_get_the_verdict_of_composed_ones() {
        use unicode_normalization::UnicodeNormalization;
        for text in [
            "\u{201c}About \u{2018}minister council percent agreement\u{2019} about,\u{201d} J\u{e2}ne O'Neil said.",
            "Le ministre a d\u{e9}clar\u{e9} que la r\u{e9}forme \u{e9}tait n\u{e9}cessaire pour l\u{2019}\u{e9}conomie fran\u{e7}aise.",
        ] {
            let composed: String = text.nfc().collect();
            let decomposed: String = text.nfd().collect();
            assert_eq!(detect(&composed), detect(&decomposed), "{text}");
        }
    }

    #[test]
    fn names_of_codes() {
        assert_eq!(name("deu"), Some("German"));
        assert_eq!(name(ENGLISH), Some("English"));
        assert_eq!(name("xx"), None);
    }
}
