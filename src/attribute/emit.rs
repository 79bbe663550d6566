//! From token indices to the document: byte spans, quote kinds, and the
//! sources resolved to speakers.

use std::ops::Range;

use super::clause::Found;
use super::context::Ctx;
use super::speakers;
use crate::document::{Quote, QuoteKind, Span, Speaker};

/// An attribution of a window, in byte offsets of the whole text.
pub(super) struct Attribution {
    content: Range<usize>,
    cue: Range<usize>,
    source: Option<Range<usize>>,
    antecedent: Option<Range<usize>>,
    kind: QuoteKind,
}

/// The attribution `f` of the window `ctx`, in byte offsets of the whole
/// text.
pub(super) fn in_bytes(ctx: &Ctx, f: Found) -> Attribution {
    let byte = |r: &Range<usize>| {
        ctx.base + ctx.toks[r.start].start as usize..ctx.base + ctx.toks[r.end - 1].end as usize
    };
    let kind = if f.direct {
        QuoteKind::Direct
    } else if f
        .content
        .clone()
        .any(|t| ctx.quote_of(t).is_some() && ctx.toks[t].is_quote())
    {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Attribution {
        content: byte(&f.content),
        cue: byte(&f.cue),
        source: f.source.as_ref().map(byte),
        antecedent: f.antecedent.as_ref().map(byte),
        kind,
    }
}

/// The quotes of the whole text from its attributions, with their sources
/// resolved to speakers (in text order of the sources, so that a pronoun
/// finds the speakers mentioned before it).
pub(super) fn emit(text: &str, found: Vec<Attribution>) -> (Vec<Quote>, Vec<Speaker>) {
    let span = |r: &Range<usize>| Span::new(text, r.start, r.end);
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].source.as_ref().map_or(usize::MAX, |s| s.start));
    let mut mentions = Vec::new();
    let mut mention_of = vec![None; found.len()];
    for &i in &order {
        if let Some(s) = &found[i].source {
            mention_of[i] = Some(mentions.len());
            mentions.push(speakers::Mention {
                span: span(s),
                antecedent: found[i]
                    .antecedent
                    .as_ref()
                    .map(|a| text[a.clone()].to_owned()),
            });
        }
    }
    let (speakers, ids) = speakers::resolve(&mentions);
    let mut quotes = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        quotes.push(Quote {
            kind: f.kind,
            content: span(&f.content),
            cue: Some(span(&f.cue)),
            source: f.source.as_ref().map(span),
            speaker: mention_of[i].and_then(|m| ids[m].clone()),
        });
    }
    (quotes, speakers)
}
