//! An article's text and quote spans as the HTML digest shows them, rebuilt
//! from the serialized document: the JSON carries no article text, but its
//! sentences and spans carry theirs at their byte offsets, which is all the
//! page needs (a digest renders the same from `batch` output as from a live
//! document).

use std::ops::Range;

use crate::document::{Document, QuoteKind, Span, SpeakerKind};
use crate::ingest::MAX_INPUT_BYTES;

use super::{one_line, speaker_label};

/// What a span of a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkRole {
    /// The words said or reported.
    Content,
    /// Who said them, as the article names them there.
    Source,
    /// The verb or phrase of saying.
    Cue,
}

/// One span of one quote, to be highlighted in the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte range into [`Article::text`]; both ends are character boundaries.
    pub range: Range<usize>,
    pub role: MarkRole,
    /// Index of the quote in the document's `quotes`.
    pub quote: usize,
    pub kind: QuoteKind,
    /// The quote's speaker id, as in the JSON.
    pub speaker: Option<String>,
}

/// A speaker as the legend lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerEntry {
    /// The id in the JSON.
    pub id: String,
    /// As a digest names the speaker ("Tang Jiaxuan", "a U.S. official").
    pub name: String,
    pub kind: SpeakerKind,
    pub descriptions: Vec<String>,
    /// Quotes attributed to the speaker.
    pub quotes: usize,
}

/// The article as the HTML digest shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// The input at its own byte offsets where the document holds it (body
    /// sentences and quote spans); a space wherever it does not (the title,
    /// page debris, the whitespace between sentences).
    pub text: String,
    /// The runs of `text` to show, in order: whatever the document holds.
    /// A gap of two bytes or more between runs is taken for a paragraph
    /// break (a blank line), one byte for a space.
    pub shown: Vec<Range<usize>>,
    /// Every span of every quote whose spans agree with the text, ordered by
    /// start, longest first.
    pub marks: Vec<Mark>,
    /// The document's speakers, in its order (their colours follow it).
    pub speakers: Vec<SpeakerEntry>,
    /// Quotes whose spans do not fit the document's text (hand-edited
    /// output): they cannot be highlighted.
    pub unplaced: usize,
}

/// The bytes of the article known so far, at their offsets.
struct Canvas {
    bytes: Vec<u8>,
    held: Vec<bool>,
}

impl Canvas {
    /// Whether `span` can be written at its offsets: in range, its text of
    /// its length, and agreeing with what is already written.
    fn fits(&self, span: &Span) -> bool {
        let r = span.range();
        r.start <= r.end
            && r.end <= self.bytes.len()
            && span.text.len() == r.len()
            && span
                .text
                .bytes()
                .zip(r)
                .all(|(b, i)| !self.held[i] || self.bytes[i] == b)
    }

    /// Write `span` when it [fits](Canvas::fits); whether it did.
    fn place(&mut self, span: &Span) -> bool {
        let fits = self.fits(span);
        if fits {
            let r = span.range();
            self.bytes[r.clone()].copy_from_slice(span.text.as_bytes());
            self.held[r].iter_mut().for_each(|h| *h = true);
        }
        fits
    }
}

/// Whether two spans say the same where they overlap.
fn agree(a: &Span, b: &Span) -> bool {
    let (start, end) = (a.start.max(b.start), a.end.min(b.end));
    start >= end
        || a.text.as_bytes().get(start - a.start..end - a.start)
            == b.text.as_bytes().get(start - b.start..end - b.start)
}

impl Article {
    pub fn new(doc: &Document) -> Article {
        let speakers = doc
            .speakers
            .iter()
            .map(|s| SpeakerEntry {
                id: one_line(&s.id),
                name: speaker_label(s, 0).map_or_else(|| one_line(&s.id), |(name, _)| name),
                kind: s.kind,
                descriptions: s
                    .descriptions
                    .iter()
                    .map(|d| one_line(d))
                    .filter(|d| !d.is_empty())
                    .collect(),
                quotes: doc
                    .quotes
                    .iter()
                    .filter(|q| q.speaker.as_deref() == Some(s.id.as_str()))
                    .count(),
            })
            .collect();
        let spans = doc.quotes.iter().flat_map(|q| {
            [Some(&q.content), q.cue.as_ref(), q.source.as_ref()]
                .into_iter()
                .flatten()
        });
        let len = spans
            .clone()
            .map(|s| s.end)
            .chain(doc.sentences.iter().map(|s| s.end))
            .filter(|&end| end <= MAX_INPUT_BYTES)
            .max()
            .unwrap_or(0);
        let mut canvas = Canvas {
            bytes: vec![b' '; len],
            held: vec![false; len],
        };
        let mut marks = Vec::new();
        let mut unplaced = 0;
        for (i, q) in doc.quotes.iter().enumerate() {
            let parts = [
                (Some(&q.content), MarkRole::Content),
                (q.source.as_ref(), MarkRole::Source),
                (q.cue.as_ref(), MarkRole::Cue),
            ];
            let spans: Vec<&Span> = parts.iter().filter_map(|(s, _)| *s).collect();
            // A quote is highlighted whole or not at all.
            let placed = spans.iter().all(|s| canvas.fits(s))
                && spans
                    .iter()
                    .enumerate()
                    .all(|(k, a)| spans[k + 1..].iter().all(|b| agree(a, b)));
            if !placed {
                unplaced += 1;
                continue;
            }
            for s in &spans {
                canvas.place(s);
            }
            for (span, role) in parts {
                let Some(span) = span else { continue };
                let mark = Mark {
                    range: span.range(),
                    role,
                    quote: i,
                    kind: q.kind,
                    speaker: q.speaker.clone(),
                };
                // Two quotes of one source ("A said X and Y") share its span.
                let shared = role != MarkRole::Content
                    && marks.iter().any(|m: &Mark| {
                        m.role == role && m.range == mark.range && m.speaker == mark.speaker
                    });
                if !shared {
                    marks.push(mark);
                }
            }
        }
        for s in doc.body_sentences() {
            canvas.place(&Span {
                start: s.start,
                end: s.end,
                text: s.text.clone(),
            });
        }
        let Ok(text) = String::from_utf8(canvas.bytes) else {
            // Spans that agree byte for byte yet make no UTF-8: nothing to
            // show that could be trusted.
            return Article {
                speakers,
                unplaced: doc.quotes.len(),
                ..Article::default()
            };
        };
        let mut shown: Vec<Range<usize>> = Vec::new();
        for (i, held) in canvas.held.iter().enumerate() {
            if !held {
                continue;
            }
            match shown.last_mut() {
                Some(run) if run.end == i => run.end = i + 1,
                _ => shown.push(i..i + 1),
            }
        }
        marks.sort_by_key(|m| {
            (
                m.range.start,
                std::cmp::Reverse(m.range.end),
                m.role,
                m.quote,
            )
        });
        Article {
            text,
            shown,
            marks,
            speakers,
            unplaced,
        }
    }
}
