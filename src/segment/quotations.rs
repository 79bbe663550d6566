//! Quotations by their marks alone: the language-neutral part of finding
//! direct quotes, for articles whose language attribution does not know.
//!
//! English attribution finds a quote by its reporting verb and source;
//! without them, the marks still say where quoted words are, in the style
//! of each language: `„…“` and `»…«` (German), `« … »` (French, Russian),
//! `“…”` (English, Chinese), `「…」` and `『…』` (Chinese, Japanese),
//! `”…”` (Swedish), `„…”` (Polish), `"…"`. What is quoted is known; who
//! said it is not.

use std::ops::Range;

/// The closing marks an opening mark pairs with, or `None` for a character
/// that opens no quotation. German closes `„` with `“`, Polish with `”`.
fn closers(open: char) -> Option<&'static [char]> {
    Some(match open {
        '\u{201e}' => &['\u{201c}', '\u{201d}'],
        '\u{201c}' => &['\u{201d}'],
        '\u{ab}' => &['\u{bb}'],
        '\u{bb}' => &['\u{ab}'],
        '\u{300c}' => &['\u{300d}'],
        '\u{300e}' => &['\u{300f}'],
        '\u{201d}' => &['\u{201d}'],
        '"' => &['"'],
        _ => return None,
    })
}

/// Fewest words of a quotation, or fewest characters of one in a script
/// written without spaces (Chinese, Japanese): a word or two in marks is a
/// name or a term held at a distance ("die „Ampel“", "所谓“一带一路”"), not
/// something said.
const MIN_WORDS: usize = 3;
const MIN_UNSPACED: usize = 6;

/// Han ideographs and kana: scripts whose words are not separated by spaces.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// Whether the words between the marks are enough to be a quotation.
fn is_said(inner: &str) -> bool {
    let words = inner
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    words >= MIN_WORDS || inner.chars().filter(|&c| is_unspaced(c)).count() >= MIN_UNSPACED
}

/// The quotations of `text` within each of `paragraphs`, marks included,
/// in order and without overlap. A quotation opens and closes within its
/// paragraph: an opening mark without its closing one there (a quote
/// running on into the next paragraph, a stray mark) gives none.
/// Quotations inside a quotation are part of it, and a pair of marks too
/// short to be a quotation is passed over whole. So every byte is looked
/// at a bounded number of times: linear in the text.
pub fn quotations(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for paragraph in paragraphs {
        let Some(par) = text.get(paragraph.clone()) else {
            continue;
        };
        // Closing marks known to be absent from `par` after a byte offset.
        let mut absent: Vec<(char, usize)> = Vec::new();
        let is_absent = |absent: &[(char, usize)], c: char, from: usize| {
            absent.iter().any(|&(e, at)| e == c && at <= from)
        };
        let mut i = 0;
        while let Some(open) = par[i..].chars().next() {
            let after_open = i + open.len_utf8();
            i = after_open;
            let Some(close) = closers(open) else {
                continue;
            };
            if close.iter().all(|&c| is_absent(&absent, c, after_open)) {
                continue;
            }
            let rest = &par[after_open..];
            let Some(at) = rest.find(close) else {
                absent.extend(close.iter().map(|&c| (c, after_open)));
                continue;
            };
            let close_end = after_open + at + rest[at..].chars().next().map_or(0, char::len_utf8);
            if is_said(&rest[..at]) {
                out.push(
                    paragraph.start + after_open - open.len_utf8()..paragraph.start + close_end,
                );
            }
            i = close_end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        quotations(text, std::slice::from_ref(&(0..text.len())))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn each_language_s_marks() {
        assert_eq!(
            found("„Wir haben lange genug gesprochen“, sagte sie."),
            ["„Wir haben lange genug gesprochen“"]
        );
        assert_eq!(
            found("« Nous attendions ce moment », a-t-elle dit."),
            ["« Nous attendions ce moment »"]
        );
        assert_eq!(
            found("Er sagte: »Das kommt nicht in Frage.«"),
            ["»Das kommt nicht in Frage.«"]
        );
        assert_eq!(
            found(
                "官员说：“我们希望每个孩子都能找到安静的学习空间。”另一位表示「我们会尽快完成」。"
            ),
            [
                "“我们希望每个孩子都能找到安静的学习空间。”",
                "「我们会尽快完成」"
            ]
        );
        assert_eq!(
            found("Hon sa: ”Vi ska bygga en ny bro.” Polska: „To jest nasz dom”."),
            ["”Vi ska bygga en ny bro.”", "„To jest nasz dom”"]
        );
        assert_eq!(
            found("He said \"we will be back soon\" and left."),
            ["\"we will be back soon\""]
        );
    }

    #[test]
    fn terms_in_marks_and_unclosed_marks_are_no_quotations() {
        assert!(found("Die „Ampel“ und die «Grünen» stritten.").is_empty());
        assert!(found("所谓“一带一路”倡议。").is_empty());
        assert!(found("„Ein Zitat, das weiterläuft").is_empty());
        assert!(found("« » „“ \"\"").is_empty());
    }

    #[test]
    fn a_quotation_stays_in_its_paragraph_and_holds_inner_ones() {
        let text = "„Erster Absatz ohne Ende\n\nZweiter Absatz“ hier.";
        let paragraphs = crate::ingest::paragraphs(text);
        assert!(quotations(text, &paragraphs).is_empty());
        assert_eq!(
            found("„Er rief ‚Halt!‘ und dann »weiter so« laut“ – sagte er."),
            ["„Er rief ‚Halt!‘ und dann »weiter so« laut“"]
        );
    }

    #[test]
    fn many_stray_marks_cost_linear_time() {
        let text = "„ab ".repeat(200_000);
        let t = std::time::Instant::now();
        assert!(found(&text).is_empty());
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
    }
}
