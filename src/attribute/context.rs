//! The token context the rules read: one window's tokens (see
//! [`super::windows`]) with their sentences, paragraphs and quotations.

use std::ops::Range;

use super::cue_model::CueModel;
use super::quotes::{self, Quoted};
use super::tokens::{self, Tok};
use crate::document::Document;

/// Everything the rules look at, for one window of the text (see
/// [`super::windows`]). Per-token data is kept to the token itself (with its
/// sentence) and one `u32` of quotation per token, since a window may be a
/// whole article of megabytes when it has no safe place to cut.
pub(super) struct Ctx<'a> {
    /// Where the window starts in the whole text: token offsets are the
    /// window's.
    pub(super) base: usize,
    pub(super) toks: Vec<Tok<'a>>,
    /// Token ranges of content sentences, indexed by [`Tok::sent`].
    sents: Vec<Range<usize>>,
    /// First token of each paragraph, ascending.
    para_starts: Vec<u32>,
    pub(super) quoted: Vec<Quoted>,
    /// Quotation each token lies in (marks included), [`NO_QUOTE`] if none.
    in_quote: Vec<u32>,
    /// The learned cue detector's weights.
    pub(super) model: &'a CueModel,
}

/// [`Ctx::in_quote`] of a token outside quotations.
const NO_QUOTE: u32 = u32::MAX;

/// Byte ranges of the content sentences, and a cursor that gives each
/// token, in text order, its sentence.
pub(super) struct Sentences {
    pub(super) ranges: Vec<Range<usize>>,
    /// The first sentence that may hold the next token.
    pub(super) next: usize,
}

impl Sentences {
    pub(super) fn of(doc: &Document) -> Sentences {
        Sentences {
            ranges: doc
                .sentences
                .iter()
                .filter(|s| !s.boilerplate)
                .map(|s| s.range())
                .collect(),
            next: 0,
        }
    }

    /// The sentence of a token starting at byte `x`, moving the cursor on
    /// (`x` must not decrease from call to call).
    fn advance(&mut self, x: usize) -> Option<usize> {
        sentence_at(&self.ranges, &mut self.next, x)
    }
}

/// The sentence of `ranges` holding a token that starts at byte `x`, from
/// cursor `next`, which moves on; `x` must not decrease from call to call.
/// A cursor moved on for smaller `x` gives the same answer as one from the
/// start, which is what lets [`super::windows`] look ahead with its own.
pub(super) fn sentence_at(ranges: &[Range<usize>], next: &mut usize, x: usize) -> Option<usize> {
    while *next < ranges.len() && ranges[*next].end <= x {
        *next += 1;
    }
    (*next < ranges.len() && ranges[*next].start <= x).then_some(*next)
}

/// The context of the window of `text` made of the paragraphs `paras`,
/// whose tokens borrow `arena` for their lowercase forms; `sentences`
/// moves on past the window; `model` scores its cues.
pub(super) fn context<'a>(
    text: &'a str,
    paras: &[Range<usize>],
    sentences: &mut Sentences,
    arena: &'a mut String,
    model: &'a CueModel,
) -> Ctx<'a> {
    let (Some(first), Some(last)) = (paras.first(), paras.last()) else {
        return Ctx {
            base: 0,
            toks: Vec::new(),
            sents: Vec::new(),
            para_starts: Vec::new(),
            quoted: Vec::new(),
            in_quote: Vec::new(),
            model,
        };
    };
    let base = first.start;
    let window = &text[base..last.end];
    let mut toks = tokens::tokenize(window, arena);
    // Sentence numbers are counted from the first the window can hold.
    let first_sentence = sentences.next;
    let mut sents: Vec<Range<usize>> = Vec::new();
    for (i, t) in toks.iter_mut().enumerate() {
        if let Some(k) = sentences.advance(base + t.start as usize) {
            let k = k - first_sentence;
            if k >= sents.len() {
                // Filled by min/max; sentences with no token stay empty.
                sents.resize(
                    k + 1,
                    Range {
                        start: usize::MAX,
                        end: 0,
                    },
                );
            }
            t.sent = k as u32;
            sents[k].start = sents[k].start.min(i);
            sents[k].end = sents[k].end.max(i + 1);
        }
    }
    let mut para_starts = Vec::new();
    let mut p = 0;
    let mut last = None;
    for (i, t) in toks.iter().enumerate() {
        while p + 1 < paras.len() && paras[p].end <= base + t.start as usize {
            p += 1;
        }
        if last != Some(p) {
            para_starts.push(i as u32);
            last = Some(p);
        }
    }
    let mut quoted = Vec::new();
    for (k, &start) in para_starts.iter().enumerate() {
        let end = para_starts.get(k + 1).map_or(toks.len(), |&e| e as usize);
        quotes::find(&toks, start as usize..end, &mut quoted);
    }
    let mut in_quote = vec![NO_QUOTE; toks.len()];
    for (q, r) in quoted.iter().enumerate() {
        for slot in &mut in_quote[r.open..=r.close] {
            *slot = q as u32;
        }
    }
    Ctx {
        base,
        toks,
        sents,
        para_starts,
        quoted,
        in_quote,
        model,
    }
}

impl Ctx<'_> {
    pub(super) fn word(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.is(w))
    }

    /// Quotation token `i` lies in.
    pub(super) fn quote_of(&self, i: usize) -> Option<usize> {
        self.in_quote
            .get(i)
            .filter(|&&q| q != NO_QUOTE)
            .map(|&q| q as usize)
    }

    /// Paragraph of token `i`, as a number only compared for equality.
    pub(super) fn para(&self, i: usize) -> usize {
        self.para_starts.partition_point(|&s| s as usize <= i)
    }

    /// Token range of the paragraph of token `i`.
    pub(super) fn para_range(&self, i: usize) -> Range<usize> {
        let k = self.para(i);
        let start = k.checked_sub(1).map_or(0, |k| self.para_starts[k] as usize);
        let end = self
            .para_starts
            .get(k)
            .map_or(self.toks.len(), |&e| e as usize);
        start..end
    }

    /// Quotation opening at token `i`.
    pub(super) fn open_quote_at(&self, i: usize) -> Option<usize> {
        let q = self.quote_of(i)?;
        (self.quoted[q].open == i).then_some(q)
    }

    /// Closed quotation ending at token `i`.
    pub(super) fn close_quote_at(&self, i: usize) -> Option<usize> {
        let q = self.quote_of(i)?;
        (self.quoted[q].close == i && self.quoted[q].closed).then_some(q)
    }

    /// Token range of the content sentence of token `i`, if any.
    pub(super) fn sentence(&self, i: usize) -> Option<Range<usize>> {
        let s = self.toks[i].sent;
        (s != tokens::NO_SENTENCE).then(|| self.sents[s as usize].clone())
    }

    /// Words in `r`, counted up to 3: callers only test small minimums, and
    /// counting further would make long unpunctuated input quadratic.
    pub(super) fn words_in(&self, r: Range<usize>) -> usize {
        self.toks[r].iter().filter(|t| t.is_word()).take(3).count()
    }
}
