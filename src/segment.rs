//! Stage 2: sentences, as exact byte spans into the original input.

use std::ops::Range;

use crate::document::{Document, Sentence};
use crate::ingest::paragraphs;

/// Split the document into sentences and flag those inside boilerplate marks.
pub fn segment(doc: &mut Document) {
    let text = &doc.text;
    let mut sentences = Vec::new();
    for para in paragraphs(text) {
        // A boilerplate line is a sentence of its own, whatever its punctuation.
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut cursor = para.start;
        for mark in doc
            .boilerplate
            .iter()
            .filter(|m| para.start <= m.start && m.end <= para.end)
        {
            if cursor < mark.start {
                pieces.push(cursor..mark.start);
            }
            pieces.push(mark.clone());
            cursor = mark.end;
        }
        if cursor < para.end {
            pieces.push(cursor..para.end);
        }
        for piece in pieces {
            let boilerplate = doc.boilerplate.contains(&piece);
            for r in split_sentences(text, piece) {
                sentences.push(Sentence {
                    start: r.start,
                    end: r.end,
                    text: text[r].to_owned(),
                    boilerplate,
                });
            }
        }
    }
    doc.sentences = sentences;
}

/// Sentence ranges within `range` of `text`, trimmed of whitespace.
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence they close.
            while j < range.end {
                let rest = &text[j..range.end];
                let c = rest.chars().next().unwrap();
                if matches!(c, '"' | '\'' | ')' | '\u{201d}' | '\u{2019}') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let after = &text[j..range.end];
            let next_start = after.trim_start();
            let gap = after.len() - next_start.len();
            let next_opens = next_start.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '(')
            });
            if gap > 0 && next_opens && !is_abbreviation(&text[start..i]) {
                push_trimmed(text, start..j, &mut out);
                start = j + gap;
                i = start;
                continue;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..range.end, &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "pres",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "no", "vs", "u.s", "u.n", "u.k", "a.m", "p.m", "d.c", "e.g", "i.e",
];

/// Whether the text before a period ends with an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::ingest;

    fn sentences(text: &str) -> Vec<String> {
        let mut doc = ingest(None, text.to_owned()).unwrap();
        segment(&mut doc);
        doc.sentences.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn splits_at_terminal_punctuation_and_keeps_closing_quotes() {
        assert_eq!(
            sentences("He said the talks \"produced very concrete achievements.\" Then he left."),
            [
                "He said the talks \"produced very concrete achievements.\"",
                "Then he left."
            ]
        );
    }

    #[test]
    fn quote_and_attribution_stay_one_sentence() {
        assert_eq!(
            sentences("\"We have decided,\" Tang said. Next."),
            ["\"We have decided,\" Tang said.", "Next."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("President George W. Bush met Mr. Jiang in the U.S. capital. Done."),
            [
                "President George W. Bush met Mr. Jiang in the U.S. capital.",
                "Done."
            ]
        );
    }

    #[test]
    fn spans_are_exact() {
        let text = "  Title\n\nOne. Two?\n";
        let mut doc = ingest(None, text.to_owned()).unwrap();
        segment(&mut doc);
        for s in &doc.sentences {
            assert_eq!(&text[s.start..s.end], s.text);
        }
        assert_eq!(doc.sentences.len(), 3);
    }
}
