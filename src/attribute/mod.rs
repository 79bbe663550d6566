//! Stage 3: who said what. Finds quotes with their cue and source spans, and
//! resolves each source to a speaker entity across the article.

use std::ops::Range;

use crate::document::{Document, Quote, QuoteKind, Speaker, SpeakerKind};

/// Reporting verbs recognised next to a quotation.
const CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "stated",
    "wrote",
    "explained",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it"];

/// Find direct quotes and attribute them to the adjacent "X said" / "said X".
pub fn attribute(doc: &mut Document) {
    let text = doc.text.clone();
    type Found = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);
    let mut found: Vec<Found> = Vec::new();
    for sentence in doc.sentences.iter().filter(|s| !s.boilerplate) {
        for content in quotations(&text, sentence.range()) {
            let (cue, source) = after_quote(&text, content.end, sentence.end)
                .or_else(|| before_quote(&text, sentence.start, content.start))
                .map_or((None, None), |(c, s)| (Some(c), Some(s)));
            found.push((content, cue, source));
        }
    }
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut quotes = Vec::new();
    for (content, cue, source) in found {
        let speaker = source
            .as_ref()
            .map(|s| resolve(&text, s.clone(), &mut speakers));
        quotes.push(Quote {
            kind: QuoteKind::Direct,
            content: doc.span(content.start, content.end),
            cue: cue.map(|r| doc.span(r.start, r.end)),
            source: source.map(|r| doc.span(r.start, r.end)),
            speaker,
        });
    }
    doc.quotes = quotes;
    doc.speakers = speakers;
}

/// Ranges of text inside quotation marks (marks excluded).
fn quotations(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        match (open, c) {
            (None, '"' | '\u{201c}') => open = Some((at + c.len_utf8(), c)),
            (Some((start, '"')), '"') | (Some((start, '\u{201c}')), '\u{201d}') => {
                if at > start {
                    out.push(start..at);
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

fn words(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let is_word = c.is_alphanumeric() || c == '.' || c == '\'' || c == '-';
        match (start, is_word) {
            (None, true) => start = Some(range.start + i),
            (Some(s), false) => {
                out.push(s..range.start + i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
    out.into_iter()
        .map(|r| {
            let w = text[r.clone()].trim_end_matches('.');
            r.start..r.start + w.len()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

fn is_cue(word: &str) -> bool {
    CUES.contains(&word.to_lowercase().as_str())
}

fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        || PRONOUNS.contains(&word.to_lowercase().as_str())
}

/// `"…," Tang said` or `"…," said Tang`.
fn after_quote(text: &str, quote_end: usize, limit: usize) -> Option<(Range<usize>, Range<usize>)> {
    let w = words(text, quote_end..limit);
    let w: Vec<_> = w.into_iter().take(4).collect();
    let cue_at = w.iter().position(|r| is_cue(&text[r.clone()]))?;
    let cue = w[cue_at].clone();
    if cue_at > 0 {
        let names: Vec<_> = w[..cue_at]
            .iter()
            .filter(|r| is_name_word(&text[(*r).clone()]))
            .collect();
        if names.len() == cue_at {
            return Some((cue, names[0].start..names[cue_at - 1].end));
        }
    }
    let after: Vec<_> = w[cue_at + 1..]
        .iter()
        .take_while(|r| {
            text[(*r).clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .collect();
    let (first, last) = (after.first()?, after.last()?);
    Some((cue, first.start..last.end))
}

/// `Tang said: "…"`.
fn before_quote(
    text: &str,
    sentence_start: usize,
    quote_start: usize,
) -> Option<(Range<usize>, Range<usize>)> {
    let w = words(text, sentence_start..quote_start);
    let cue_at = w.iter().rposition(|r| is_cue(&text[r.clone()]))?;
    let names: Vec<_> = w[..cue_at]
        .iter()
        .rev()
        .take_while(|r| is_name_word(&text[(*r).clone()]))
        .collect();
    let (last, first) = (names.first()?, names.last()?);
    Some((w[cue_at].clone(), first.start..last.end))
}

/// The speaker a source refers to, creating one when it is new. Pronouns go
/// to the most recent person; a surname goes to the full name that ends in it.
fn resolve(text: &str, source: Range<usize>, speakers: &mut Vec<Speaker>) -> String {
    let mention = crate::document::Span::new(text, source.start, source.end);
    let lower = mention.text.to_lowercase();
    let found = if PRONOUNS.contains(&lower.as_str()) {
        speakers.iter().rposition(|s| s.kind == SpeakerKind::Person)
    } else {
        speakers.iter().position(|s| {
            s.name == mention.text
                || s.name.split_whitespace().last() == Some(mention.text.as_str())
        })
    };
    match found {
        Some(i) => {
            speakers[i].mentions.push(mention);
            speakers[i].id.clone()
        }
        None => {
            let id = format!("s{}", speakers.len() + 1);
            speakers.push(Speaker {
                id: id.clone(),
                name: mention.text.clone(),
                kind: SpeakerKind::Person,
                descriptions: Vec::new(),
                mentions: vec![mention],
            });
            id
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest::ingest, segment::segment};

    fn run(text: &str) -> Document {
        let mut doc = ingest(None, text.to_owned()).unwrap();
        segment(&mut doc);
        attribute(&mut doc);
        doc
    }

    #[test]
    fn direct_quote_with_trailing_attribution() {
        let doc = run("Title\n\n\"We have decided to resume dialogue,\" Tang said. \"It went well,\" he said.");
        assert_eq!(doc.quotes.len(), 2);
        let q = &doc.quotes[0];
        assert_eq!(q.content.text, "We have decided to resume dialogue,");
        assert_eq!(q.cue.as_ref().unwrap().text, "said");
        assert_eq!(q.source.as_ref().unwrap().text, "Tang");
        assert_eq!(
            doc.quotes[1].speaker, q.speaker,
            "the pronoun resolves to Tang"
        );
    }

    #[test]
    fn inverted_and_leading_attribution() {
        let doc = run("\"Yes,\" said Jane Doe. Smith told reporters: \"No.\"");
        assert_eq!(doc.quotes[0].source.as_ref().unwrap().text, "Jane Doe");
        assert_eq!(doc.quotes[1].source.as_ref().unwrap().text, "Smith");
        assert_eq!(doc.speakers.len(), 2);
    }
}
