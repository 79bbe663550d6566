//! Cues that are no active verb: "according to X", a headline's "Name: …",
//! and the passive "was announced by X".

use std::ops::Range;

use super::clause::{content_end, is_whole_quote, Found, MAX_CLAUSE};
use super::context::Ctx;
use super::cues;
use super::sources;
use super::tokens::Kind;

/// "was announced by China's foreign minister": content is the subject.
pub(super) fn passive_cue(
    ctx: &Ctx,
    at: usize,
    subject_end: usize,
    sentence: Range<usize>,
) -> Option<Found> {
    let toks = &ctx.toks;
    let by = (at + 1..(at + 5).min(sentence.end)).find(|&i| toks[i].is("by"))?;
    let (s, e) = sources::forward(toks, by + 1, sentence.end)?;
    let start = sentence.start.max(subject_end.saturating_sub(MAX_CLAUSE));
    if ctx.words_in(start..subject_end) < 2 {
        return None;
    }
    let _ = e;
    Some(Found {
        content: start..subject_end,
        cue: at..at + 1,
        source: Some(s..e),
        antecedent: None,
        direct: false,
    })
}

/// "According to X, …" and "…, according to X."
pub(super) fn according_to(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let (s, e) = sources::forward(toks, at + 2, sentence.end)?;
    let leading =
        (sentence.start..at).all(|i| !toks[i].is_word() || toks[i].is("but") || toks[i].is("and"));
    let content = if leading {
        let mut k = e;
        while k < sentence.end && !toks[k].is_punct(',') && k < e + 6 {
            k += 1;
        }
        let k = if k < sentence.end && toks[k].is_punct(',') {
            k + 1
        } else {
            e
        };
        k..content_end(ctx, k, sentence.end)
    } else {
        let mut end = at;
        while end > sentence.start
            && matches!(toks[end - 1].kind, Kind::Punct(',' | '(' | '—' | '–'))
        {
            end -= 1;
        }
        sentence.start.max(end.saturating_sub(MAX_CLAUSE))..end
    };
    if ctx.words_in(content.clone()) < 2 {
        return None;
    }
    let direct = is_whole_quote(ctx, content.clone());
    Some(Found {
        content,
        cue: at..at + 2,
        source: Some(s..e),
        antecedent: None,
        direct,
    })
}

/// Headlines and interview transcripts: "Trump: …", "Q: …".
pub(super) fn headline_colon(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let before = sentence.start..at;
    if before.is_empty() || before.len() > 5 {
        return None;
    }
    // Only a name: every word capitalised, no verb cue (that case is the
    // verb's), and a clause after the colon.
    if !toks[before.clone()]
        .iter()
        .all(|t| t.is_word() && t.cap && cues::lookup(t.lower).is_none())
    {
        return None;
    }
    // Live-blog and banner labels are no speakers ("The Latest: …").
    let label: Vec<&str> = toks[before.clone()].iter().map(|t| t.lower).collect();
    if matches!(
        label.as_slice(),
        ["the", "latest"]
            | ["update"]
            | ["breaking"]
            | ["watch"]
            | ["exclusive"]
            | ["editor's", "note"]
    ) {
        return None;
    }
    let start = at + 1;
    let end = content_end(ctx, start, sentence.end);
    if ctx.words_in(start..end) < 3 {
        return None;
    }
    Some(Found {
        content: start..end,
        cue: at..at + 1,
        source: Some(before),
        antecedent: None,
        direct: is_whole_quote(ctx, start..end),
    })
}
