//! An article's text and quote spans as the HTML digest shows them, rebuilt
//! from the serialized document: the JSON carries no article text, but its
//! sentences and spans carry theirs at their byte offsets, which is all the
//! page needs (a digest renders the same from `batch` output as from a live
//! document).

use std::collections::HashMap;
use std::ops::Range;

use crate::document::{Document, QuoteKind, Span, SpeakerKind};
use crate::ingest::MAX_INPUT_BYTES;

use super::{one_line, speaker_label};

/// What a span of a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// The stretches of the input that the document holds (body sentences
    /// and quote spans), in order, each at its own byte offset. A gap of two
    /// bytes or more between runs is taken for a paragraph break (a blank
    /// line), one byte for a space.
    pub runs: Vec<Run>,
    /// Every span of every quote whose spans agree with the text, ordered by
    /// start, longest first.
    pub marks: Vec<Mark>,
    /// The document's speakers, in its order (their colours follow it).
    pub speakers: Vec<SpeakerEntry>,
    /// Quotes whose spans do not fit the document's text (hand-edited
    /// output): they cannot be highlighted.
    pub unplaced: usize,
    /// Position in `speakers` by id (the first, should ids repeat).
    index: HashMap<String, usize>,
}

/// A stretch of the input: `text` is `input[start..start + text.len()]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub text: String,
}

impl Run {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The bytes of the article known so far, at their offsets: one buffer per
/// stretch that some span covers, so that memory follows what the document
/// holds, never the offsets it claims (a hand-edited record may claim a span
/// at 30 MB).
struct Canvas {
    /// (start, bytes, held), sorted by start, not overlapping.
    blocks: Vec<(usize, Vec<u8>, Vec<bool>)>,
}

impl Canvas {
    /// Blocks for the union of `spans` (each one valid by [`valid`]).
    fn new<'a>(spans: impl Iterator<Item = &'a Span>) -> Canvas {
        let mut ranges: Vec<Range<usize>> = spans.map(Span::range).collect();
        ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Canvas {
            blocks: merged
                .into_iter()
                .map(|r| (r.start, vec![b' '; r.len()], vec![false; r.len()]))
                .collect(),
        }
    }

    /// The block holding all of `r`, with `r`'s start inside it.
    fn block(&self, r: &Range<usize>) -> Option<(usize, usize)> {
        let i = self
            .blocks
            .partition_point(|(start, _, _)| *start <= r.start);
        let (start, bytes, _) = self.blocks.get(i.checked_sub(1)?)?;
        (r.end <= start + bytes.len()).then_some((i - 1, r.start - start))
    }

    /// Whether `span` can be written: inside a block and agreeing with what
    /// is already written.
    fn fits(&self, span: &Span) -> bool {
        let r = span.range();
        let Some((b, at)) = self.block(&r) else {
            return false;
        };
        let (_, bytes, held) = &self.blocks[b];
        span.text
            .bytes()
            .enumerate()
            .all(|(k, c)| !held[at + k] || bytes[at + k] == c)
    }

    /// Write `span` when it [fits](Canvas::fits).
    fn place(&mut self, span: &Span) {
        if !self.fits(span) {
            return;
        }
        let r = span.range();
        let Some((b, at)) = self.block(&r) else {
            return;
        };
        let (_, bytes, held) = &mut self.blocks[b];
        bytes[at..at + r.len()].copy_from_slice(span.text.as_bytes());
        held[at..at + r.len()].iter_mut().for_each(|h| *h = true);
    }

    /// The held stretches, in order; one that is no UTF-8 (spans that agree
    /// byte for byte yet cut a character) is left out.
    fn runs(self) -> Vec<Run> {
        let mut runs = Vec::new();
        for (start, bytes, held) in self.blocks {
            let mut k = 0;
            while k < held.len() {
                if !held[k] {
                    k += 1;
                    continue;
                }
                let end = held[k..]
                    .iter()
                    .position(|h| !h)
                    .map_or(held.len(), |n| k + n);
                if let Ok(text) = String::from_utf8(bytes[k..end].to_vec()) {
                    runs.push(Run {
                        start: start + k,
                        text,
                    });
                }
                k = end;
            }
        }
        runs
    }
}

/// Whether a span is well-formed: its text is its length, within the
/// largest input there can be.
fn valid(span: &Span) -> bool {
    span.start <= span.end
        && span.end <= MAX_INPUT_BYTES
        && span.text.len() == span.end - span.start
}

/// Whether two spans say the same where they overlap.
fn agree(a: &Span, b: &Span) -> bool {
    let (start, end) = (a.start.max(b.start), a.end.min(b.end));
    start >= end
        || a.text.as_bytes().get(start - a.start..end - a.start)
            == b.text.as_bytes().get(start - b.start..end - b.start)
}

impl Article {
    /// The speaker with this id, and its position in `speakers`.
    pub fn speaker(&self, id: &str) -> Option<(usize, &SpeakerEntry)> {
        let &i = self.index.get(id)?;
        Some((i, &self.speakers[i]))
    }

    pub fn new(doc: &Document) -> Article {
        let speakers: Vec<SpeakerEntry> = doc
            .speakers
            .iter()
            .map(|s| SpeakerEntry {
                id: s.id.clone(),
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
        let sentences: Vec<Span> = doc
            .body_sentences()
            .map(|s| Span {
                start: s.start,
                end: s.end,
                text: s.text.clone(),
            })
            .filter(valid)
            .collect();
        let quote_spans = doc.quotes.iter().flat_map(|q| {
            [Some(&q.content), q.cue.as_ref(), q.source.as_ref()]
                .into_iter()
                .flatten()
        });
        let mut canvas = Canvas::new(quote_spans.filter(|s| valid(s)).chain(&sentences));
        let mut marks = Vec::new();
        let mut shared = std::collections::HashSet::new();
        let mut unplaced = 0;
        for (i, q) in doc.quotes.iter().enumerate() {
            let parts = [
                (Some(&q.content), MarkRole::Content),
                (q.source.as_ref(), MarkRole::Source),
                (q.cue.as_ref(), MarkRole::Cue),
            ];
            let spans: Vec<&Span> = parts.iter().filter_map(|(s, _)| *s).collect();
            // A quote is highlighted whole or not at all.
            let placed = spans.iter().all(|s| valid(s) && canvas.fits(s))
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
                let first = role == MarkRole::Content
                    || shared.insert((mark.range.clone(), role, mark.speaker.clone()));
                if first {
                    marks.push(mark);
                }
            }
        }
        for s in &sentences {
            canvas.place(s);
        }
        let runs = canvas.runs();
        // A mark is shown only inside the text; one cut off by a run that is
        // no UTF-8 is dropped with its quote.
        let inside = |r: &Range<usize>| {
            let i = runs.partition_point(|run| run.start <= r.start);
            i > 0 && r.end <= runs[i - 1].end()
        };
        let lost: std::collections::BTreeSet<usize> = marks
            .iter()
            .filter(|m| !inside(&m.range))
            .map(|m| m.quote)
            .collect();
        marks.retain(|m| !lost.contains(&m.quote));
        unplaced += lost.len();
        marks.sort_by_key(|m| {
            (
                m.range.start,
                std::cmp::Reverse(m.range.end),
                m.role,
                m.quote,
            )
        });
        let mut index = HashMap::new();
        for (i, s) in speakers.iter().enumerate() {
            index.entry(s.id.clone()).or_insert(i);
        }
        Article {
            runs,
            marks,
            speakers,
            unplaced,
            index,
        }
    }
}
