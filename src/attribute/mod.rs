//! Stage 3: who said what. Finds quotes (direct, indirect, mixed) with their
//! cue and source spans, and resolves each source to a speaker entity across
//! the article.
//!
//! Rules over a light tokenization, in three passes:
//! 1. quotation marks are paired over whole paragraphs ([`quotes`]), so a
//!    quote never depends on where the segmenter split sentences;
//! 2. every cue ([`cues`]: reporting verbs in all inflections, "according
//!    to", headline colons) outside a quotation gets a source phrase
//!    ([`sources`]) before or after it and a content: the adjacent quotation,
//!    the clause after it, or the clause before "…, X said";
//! 3. quotations that continue an attributed one join it, and sources are
//!    resolved to speakers ([`speakers`]).

mod cues;
mod quotes;
mod sources;
mod speakers;
mod tokens;

use std::ops::Range;

use crate::document::{Document, Quote, QuoteKind};
use cues::{Form, Strength};
use tokens::{Kind, Tok};

/// Auxiliaries and adverbs that may stand between a source and its cue
/// ("has also said", "would later tell").
const BETWEEN: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "would",
    "will",
    "later",
    "previously",
    "then",
    "again",
    "once",
    "did",
    "does",
    "do",
    "not",
    "never",
    "just",
    "already",
    "still",
    "further",
    "even",
    "often",
    "first",
    "initially",
    "finally",
    "ultimately",
    "had",
    "may",
    "might",
    "could",
    "should",
    "can",
    "must",
    "always",
    "recently",
    "since",
    "now",
    "too",
    "in",
    "turn",
];
const BE: &[&str] = &[
    "is", "was", "were", "are", "been", "be", "being", "'s", "’s",
];
const TIME: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
    "afterward",
    "afterwards",
    "separately",
    "again",
    "also",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "then",
    "privately",
    "publicly",
    "repeatedly",
    "shortly",
    "once",
    "weekend",
];

/// Longest reported clause, in tokens (a long news sentence is ~60).
const MAX_CLAUSE: usize = 200;

/// One attribution while it is being built: token-level indices.
#[derive(Debug, Clone)]
struct Found {
    content: Range<usize>,
    cue: Range<usize>,
    source: Option<Range<usize>>,
    /// Relative pronoun's antecedent phrase ("Christie, who said").
    antecedent: Option<Range<usize>>,
    /// Whether the content is exactly one or more joined quotations.
    direct: bool,
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Sentence (content sentences only) of each token.
    sent: Vec<Option<usize>>,
    /// Token ranges of content sentences.
    sents: Vec<Range<usize>>,
    para: Vec<usize>,
    quoted: Vec<quotes::Quoted>,
    /// Quotation each token lies in (marks included).
    in_quote: Vec<Option<usize>>,
}

/// Find quotes and attribute them. Replaces `doc.quotes` and `doc.speakers`.
pub fn attribute(doc: &mut Document) {
    let ctx = context(doc);
    let mut found = find_cued(&ctx);
    join_continuations(&ctx, &mut found);
    found.sort_by_key(|f| (f.content.start, f.cue.start));
    found.dedup_by(|b, a| a.content == b.content);
    let (quotes, speakers) = emit(&ctx, found);
    doc.quotes = quotes;
    doc.speakers = speakers;
}

fn context(doc: &Document) -> Ctx<'_> {
    let text = doc.text.as_str();
    let toks = tokens::tokenize(text);
    let byte_sents: Vec<Range<usize>> = doc
        .sentences
        .iter()
        .filter(|s| !s.boilerplate)
        .map(|s| s.range())
        .collect();
    let mut sent = vec![None; toks.len()];
    // Filled by min/max below; sentences with no token stay empty.
    let mut sents: Vec<Range<usize>> = vec![
        Range {
            start: usize::MAX,
            end: 0
        };
        byte_sents.len()
    ];
    let mut k = 0;
    for (i, t) in toks.iter().enumerate() {
        while k < byte_sents.len() && byte_sents[k].end <= t.start {
            k += 1;
        }
        if k < byte_sents.len() && byte_sents[k].start <= t.start {
            sent[i] = Some(k);
            sents[k].start = sents[k].start.min(i);
            sents[k].end = sents[k].end.max(i + 1);
        }
    }
    let paras = crate::ingest::paragraphs(text);
    let mut para = vec![0; toks.len()];
    let mut p = 0;
    for (i, t) in toks.iter().enumerate() {
        while p + 1 < paras.len() && paras[p].end <= t.start {
            p += 1;
        }
        para[i] = p;
    }
    let mut quoted = Vec::new();
    let mut start = 0;
    for i in 1..=toks.len() {
        if i == toks.len() || para[i] != para[start] {
            quotes::find(&toks, start..i, &mut quoted);
            start = i;
        }
    }
    let mut in_quote = vec![None; toks.len()];
    for (q, r) in quoted.iter().enumerate() {
        for slot in &mut in_quote[r.open..=r.close] {
            *slot = Some(q);
        }
    }
    Ctx {
        text,
        toks,
        sent,
        sents,
        para,
        quoted,
        in_quote,
    }
}

impl Ctx<'_> {
    fn word(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.is(w))
    }

    fn open_quote_at(&self, i: usize) -> Option<usize> {
        let q = self.in_quote.get(i).copied().flatten()?;
        (self.quoted[q].open == i).then_some(q)
    }

    fn close_quote_at(&self, i: usize) -> Option<usize> {
        let q = self.in_quote.get(i).copied().flatten()?;
        (self.quoted[q].close == i && self.quoted[q].closed).then_some(q)
    }

    fn sentence(&self, i: usize) -> Option<Range<usize>> {
        self.sent[i].map(|s| self.sents[s].clone())
    }

    /// Words in `r`, counted up to 3: callers only test small minimums, and
    /// counting further would make long unpunctuated input quadratic.
    fn words_in(&self, r: Range<usize>) -> usize {
        self.toks[r].iter().filter(|t| t.is_word()).take(3).count()
    }
}

fn find_cued(ctx: &Ctx) -> Vec<Found> {
    let toks = &ctx.toks;
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let here = i;
        i += 1;
        let Some(sentence) = ctx.sentence(here) else {
            continue;
        };
        if ctx.in_quote[here].is_some() || !toks[here].is_word() {
            if toks[here].is_punct(':') && ctx.in_quote[here].is_none() {
                if let Some(f) = headline_colon(ctx, here, sentence) {
                    out.push(f);
                }
            }
            continue;
        }
        if toks[here].lower == "according" && ctx.word(here + 1, "to") {
            if let Some(f) = according_to(ctx, here, sentence) {
                out.push(f);
            }
            continue;
        }
        // Capitalised spellings are names or headline words ("United States").
        let Some(cue) = cues::lookup(&toks[here].lower).filter(|_| !toks[here].cap) else {
            continue;
        };
        let previous_source = out
            .last()
            .filter(|f| ctx.sent[f.cue.start] == ctx.sent[here])
            .and_then(|f| f.source.clone().map(|s| (s, f.antecedent.clone())));
        if let Some(f) = verb_cue(ctx, here, cue, sentence, previous_source) {
            out.push(f);
        }
    }
    out
}

/// "X said …", "… , X said", "“…,” said X", "X told reporters: “…”".
fn verb_cue(
    ctx: &Ctx,
    at: usize,
    cue: cues::Cue,
    sentence: Range<usize>,
    previous_source: Option<(Range<usize>, Option<Range<usize>>)>,
) -> Option<Found> {
    let toks = &ctx.toks;
    let weak = cue.strength == Strength::Weak;
    // Walk back over auxiliaries and adverbs to where the subject ends.
    let mut j = at;
    let mut passive = false;
    while j > sentence.start {
        let t = &toks[j - 1];
        let adverb = t.is_word() && !t.cap && t.lower.ends_with("ly") && t.lower.len() > 4;
        if t.is_word() && BE.contains(&t.lower.as_str()) {
            passive = true;
            j -= 1;
        } else if t.is_word() && (BETWEEN.contains(&t.lower.as_str()) || adverb) {
            j -= 1;
        } else if t.is("to") && j >= sentence.start + 2 && toks[j - 2].is_word() && !toks[j - 2].cap
        {
            // "declined to say": the subject is before the governing verb.
            j -= 2;
        } else {
            break;
        }
    }
    if passive && cue.form == Form::Past {
        return passive_cue(ctx, at, j, sentence);
    }
    if passive {
        return None;
    }
    let mut source = None;
    let mut antecedent = None;
    let mut inverted = false;
    if cue.form == Form::Gerund {
        // ", saying …": the subject of the clause it hangs on.
        if j == at && at > sentence.start && toks[at - 1].is_punct(',') {
            let (s, a) = previous_source?;
            source = Some(s);
            antecedent = a;
        } else {
            return None;
        }
    } else if let Some((s, e)) = sources::backward(toks, j, sentence.start) {
        if toks[s].is("who") || toks[s].is("which") {
            antecedent = relative_antecedent(ctx, s, sentence.start);
        }
        source = Some(s..e);
    }
    let mut k = at + 1;
    if source.is_none() && !weak {
        // Inverted: "…,” said Tang" / "…, said a U.S. official."
        let after_quote_or_comma =
            at > 0 && (toks[at - 1].is_punct(',') || ctx.close_quote_at(at - 1).is_some());
        if after_quote_or_comma {
            if let Some((s, e)) = sources::forward(toks, at + 1, sentence.end) {
                source = Some(s..e);
                inverted = true;
                k = e;
            }
        }
    }
    let source = source?;
    let src_first = if inverted { at } else { source.start };
    // Content before: a quotation right before the source ("“…,” Tang said").
    let mut before = src_first;
    while before > 0 && toks[before - 1].is_punct(',') {
        before -= 1;
    }
    if before > 0 {
        if let Some(q) = ctx.close_quote_at(before - 1) {
            if ctx.para[ctx.quoted[q].open] == ctx.para[at] {
                let r = ctx.quoted[q].open..ctx.quoted[q].close + 1;
                return Some(Found {
                    content: r,
                    cue: at..at + 1,
                    source: Some(source),
                    antecedent,
                    direct: true,
                });
            }
        }
    }
    // Content after, past addressees and adjuncts.
    k = skip_adjuncts(ctx, k, sentence.end, cue.addressee);
    if k < toks.len() && (toks[k].is_punct(':') || toks[k].is_punct(',')) {
        let colon = toks[k].is_punct(':');
        if let Some(q) = ctx.open_quote_at(k + 1) {
            return Some(quote_after(ctx, q, at, source, antecedent));
        }
        if colon {
            k += 1;
        }
    }
    if let Some(q) = ctx.open_quote_at(k) {
        let r = &ctx.quoted[q];
        // A quotation that is the whole complement: direct.
        if r.close + 1 >= sentence.end || toks.get(r.close + 1).is_some_and(sources::is_boundary) {
            return Some(quote_after(ctx, q, at, source, antecedent));
        }
    }
    let ends_clause = k >= sentence.end
        || toks[k].is_punct('.')
        || toks[k].is_punct('!')
        || toks[k].is_punct('?')
        || toks[k].is_punct(',')
        || toks[k].is_punct(';');
    if ends_clause {
        // "…, X said." — the content is the clause before the source.
        if weak || src_first <= sentence.start + 1 || !toks[src_first - 1].is_punct(',') {
            return None;
        }
        let mut end = src_first - 1;
        let mut start = sentence.start.max(end.saturating_sub(MAX_CLAUSE));
        // Start after an earlier attribution's cue in the same sentence is
        // not tracked; a leading conjunction stays out of the content.
        while start < end && (toks[start].is("but") || toks[start].is("and")) {
            start += 1;
        }
        while end > start && toks[end - 1].is_punct(',') {
            end -= 1;
        }
        if ctx.words_in(start..end) < 2 {
            return None;
        }
        let direct = is_whole_quote(ctx, start..end);
        return Some(Found {
            content: start..end,
            cue: at..at + 1,
            source: Some(source),
            antecedent,
            direct,
        });
    }
    let end = content_end(ctx, k, sentence.end);
    let min_words = if weak { 3 } else { 2 };
    if ctx.words_in(k..end) < min_words {
        return None;
    }
    Some(Found {
        content: k..end,
        cue: at..at + 1,
        source: Some(source),
        antecedent,
        direct: false,
    })
}

/// The direct quote opening at quotation `q`.
fn quote_after(
    ctx: &Ctx,
    q: usize,
    at: usize,
    source: Range<usize>,
    antecedent: Option<Range<usize>>,
) -> Found {
    let r = &ctx.quoted[q];
    Found {
        content: r.open..r.close + 1,
        cue: at..at + 1,
        source: Some(source),
        antecedent,
        direct: true,
    }
}

/// Content runs to the sentence end, or further when a quotation it opens
/// runs past it (a quote the segmenter split).
fn content_end(ctx: &Ctx, start: usize, sentence_end: usize) -> usize {
    // Bounded so that a run-on "sentence" of megabytes cannot make every
    // cue in it copy the rest of the input.
    let mut end = sentence_end.min(start + MAX_CLAUSE);
    if end > start && end - 1 < ctx.toks.len() {
        if let Some(q) = ctx.in_quote[end - 1] {
            end = end.max(ctx.quoted[q].close + 1);
        }
    }
    // Leave the final full stop out, as the annotations do.
    while end > start + 1 && matches!(ctx.toks[end - 1].kind, Kind::Punct('.' | ';' | ',')) {
        end -= 1;
    }
    end
}

fn is_whole_quote(ctx: &Ctx, r: Range<usize>) -> bool {
    if r.is_empty() {
        return false;
    }
    match (ctx.in_quote[r.start], ctx.in_quote[r.end - 1]) {
        (Some(a), Some(b)) => ctx.quoted[a].open == r.start && ctx.quoted[b].close == r.end - 1,
        _ => false,
    }
}

/// Skip "reporters", "in a statement", "on Tuesday", "that" after a cue.
fn skip_adjuncts(ctx: &Ctx, mut k: usize, end: usize, addressee: bool) -> usize {
    let toks = &ctx.toks;
    if addressee && k < end && ctx.open_quote_at(k).is_none() && !toks[k].is("that") {
        // The addressee: a pronoun or a short noun phrase ("the AP").
        if sources::is_pronoun(&toks[k])
            || toks[k].is("him")
            || toks[k].is("them")
            || toks[k].is("me")
            || toks[k].is("us")
            || toks[k].is("her")
        {
            k += 1;
        } else if let Some((_, e)) = sources::forward(toks, k, end) {
            // Keep the addressee short so that a bare clause is not eaten.
            if e - k <= 4 {
                k = e;
            }
        }
    }
    let limit = (k + 8).min(end);
    // "said before the meeting Wednesday that …": the complementiser marks
    // where the content starts, whatever adjuncts precede it.
    for (i, t) in toks.iter().enumerate().take(limit).skip(k) {
        if t.is("that") && i > k {
            return i + 1;
        }
        if !t.is_word() || cues::lookup(&t.lower).is_some() {
            break;
        }
    }
    let mut i = k;
    while i < limit {
        let t = &toks[i];
        if t.is("that") {
            return i + 1;
        }
        if t.is_word()
            && (TIME.contains(&t.lower.as_str())
                || (!t.cap && t.lower.ends_with("ly") && t.lower.len() > 4))
        {
            i += 1;
            continue;
        }
        // "in a statement", "in an interview with CNN", "on Twitter".
        if t.is("in") || t.is("on") || t.is("at") || t.is("to") || t.is("during") {
            let mut e = i + 1;
            while e < limit
                && toks[e].is_word()
                && (sources::is_determiner(&toks[e])
                    || TIME.contains(&toks[e].lower.as_str())
                    || toks[e].cap
                    || matches!(
                        toks[e].lower.as_str(),
                        "statement"
                            | "interview"
                            | "interviews"
                            | "news"
                            | "conference"
                            | "briefing"
                            | "email"
                            | "letter"
                            | "speech"
                            | "rally"
                            | "reporters"
                            | "press"
                            | "release"
                            | "post"
                            | "tweet"
                            | "appearance"
                            | "debate"
                            | "event"
                            | "radio"
                            | "television"
                            | "tv"
                            | "show"
                            | "meeting"
                            | "with"
                            | "town"
                            | "hall"
                            | "phone"
                            | "call"
                            | "telephone"
                    ))
            {
                e += 1;
            }
            if e > i + 1 {
                i = e;
                if i < end && toks[i].is_punct(',') && ctx.open_quote_at(i + 1).is_none() {
                    i += 1;
                }
                k = i;
                continue;
            }
        }
        break;
    }
    // Adjuncts not followed by "that" still count as skipped.
    if i > k {
        k = i;
    }
    k
}

/// "was announced by China's foreign minister": content is the subject.
fn passive_cue(ctx: &Ctx, at: usize, subject_end: usize, sentence: Range<usize>) -> Option<Found> {
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
fn according_to(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
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
fn headline_colon(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let before = sentence.start..at;
    if before.is_empty() || before.len() > 5 {
        return None;
    }
    // Only a name: every word capitalised, no verb cue (that case is the
    // verb's), and a clause after the colon.
    if !toks[before.clone()]
        .iter()
        .all(|t| t.is_word() && t.cap && cues::lookup(&t.lower).is_none())
    {
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

/// "Chris Christie, who say …": the phrase before the comma.
fn relative_antecedent(ctx: &Ctx, who: usize, floor: usize) -> Option<Range<usize>> {
    let toks = &ctx.toks;
    if who < floor + 2 || !toks[who - 1].is_punct(',') {
        return None;
    }
    sources::backward(toks, who - 1, floor).map(|(s, e)| s..e)
}

/// A quotation right after an attributed direct quote in the same paragraph
/// continues it ("“A,” Perry said. “B.”"): the annotations, like readers,
/// take both for one quote. Quotations with no cue of their own are dropped.
fn join_continuations(ctx: &Ctx, found: &mut [Found]) {
    let mut used = vec![false; ctx.quoted.len()];
    for f in found.iter() {
        for slot in ctx.in_quote[f.content.clone()].iter().flatten() {
            used[*slot] = true;
        }
    }
    found.sort_by_key(|f| f.content.start);
    let mut by_end: Vec<usize> = (0..found.len()).filter(|&i| found[i].direct).collect();
    by_end.sort_by_key(|&i| found[i].content.end);
    let mut next = 0;
    let mut last: Option<usize> = None;
    for (q, r) in ctx.quoted.iter().enumerate() {
        while next < by_end.len() && found[by_end[next]].content.end <= r.open {
            last = Some(by_end[next]);
            next += 1;
        }
        if used[q] || r.words < 3 {
            continue;
        }
        let Some(a) = last else { continue };
        let f = &found[a];
        let gap = f.content.end..r.open;
        let cue_between = f.cue.start >= gap.start && f.cue.end <= gap.end;
        let same_para = ctx.para[f.content.start] == ctx.para[r.open];
        // Only the attribution may stand between the two quotations.
        if same_para && cue_between && gap.len() <= 14 {
            found[a].content.end = r.close + 1;
            used[q] = true;
        }
    }
}

fn emit(ctx: &Ctx, found: Vec<Found>) -> (Vec<Quote>, Vec<crate::document::Speaker>) {
    let span = |r: Range<usize>| crate::document::Span::new(ctx.text, r.start, r.end);
    let toks = &ctx.toks;
    let byte = |r: &Range<usize>| toks[r.start].start..toks[r.end - 1].end;
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].source.as_ref().map_or(usize::MAX, |s| s.start));
    let mut mentions = Vec::new();
    let mut mention_of = vec![None; found.len()];
    for &i in &order {
        if let Some(s) = &found[i].source {
            let b = byte(s);
            mention_of[i] = Some(mentions.len());
            mentions.push(speakers::Mention {
                span: span(b),
                antecedent: found[i]
                    .antecedent
                    .as_ref()
                    .map(|a| ctx.text[byte(a)].to_owned()),
            });
        }
    }
    let (speakers, ids) = speakers::resolve(&mentions);
    let mut quotes = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let c = byte(&f.content);
        let kind = if f.direct {
            QuoteKind::Direct
        } else if f
            .content
            .clone()
            .any(|t| ctx.in_quote[t].is_some() && ctx.toks[t].is_quote())
        {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        };
        let cue = byte(&f.cue);
        quotes.push(Quote {
            kind,
            content: span(c),
            cue: Some(span(cue)),
            source: f.source.as_ref().map(|s| span(byte(s))),
            speaker: mention_of[i].and_then(|m| ids[m].clone()),
        });
    }
    (quotes, speakers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SpeakerKind;
    use crate::{ingest::ingest, segment::segment};

    fn run(text: &str) -> Document {
        let mut doc = ingest(None, text.to_owned()).unwrap();
        segment(&mut doc);
        attribute(&mut doc);
        doc
    }

    fn speaker_of<'a>(doc: &'a Document, q: &Quote) -> &'a str {
        &doc.speaker(q.speaker.as_deref().unwrap()).unwrap().name
    }

    #[test]
    fn direct_quote_with_trailing_attribution() {
        let doc = run("Title\n\n\"We have decided to resume dialogue,\" Tang said. \"It went well,\" he said.");
        assert_eq!(doc.quotes.len(), 2);
        let q = &doc.quotes[0];
        assert_eq!(q.kind, QuoteKind::Direct);
        assert_eq!(q.content.text, "\"We have decided to resume dialogue,\"");
        assert_eq!(q.cue.as_ref().unwrap().text, "said");
        assert_eq!(q.source.as_ref().unwrap().text, "Tang");
        assert_eq!(
            doc.quotes[1].speaker, q.speaker,
            "the pronoun resolves to Tang"
        );
    }

    #[test]
    fn inverted_and_leading_attribution() {
        let doc = run("\"Yes, we will,\" said Jane Doe. Smith told reporters: \"No, we won't.\"");
        assert_eq!(doc.quotes[0].source.as_ref().unwrap().text, "Jane Doe");
        assert_eq!(doc.quotes[1].source.as_ref().unwrap().text, "Smith");
        assert_eq!(doc.quotes[1].content.text, "\"No, we won't.\"");
        assert_eq!(doc.speakers.len(), 2);
    }

    #[test]
    fn indirect_mixed_and_according_to() {
        let doc = run("Title\n\nThe minister said that talks would resume soon. He said the talks “produced very concrete achievements.” According to Reuters, the deal is done. Prices will rise, analysts said.");
        let kinds: Vec<_> = doc
            .quotes
            .iter()
            .map(|q| (q.kind, q.content.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (QuoteKind::Indirect, "talks would resume soon"),
                (
                    QuoteKind::Mixed,
                    "the talks “produced very concrete achievements.”"
                ),
                (QuoteKind::Indirect, "the deal is done"),
                (QuoteKind::Indirect, "Prices will rise"),
            ]
        );
        assert_eq!(speaker_of(&doc, &doc.quotes[3]), "analysts");
        assert_eq!(
            doc.speaker(doc.quotes[2].speaker.as_deref().unwrap())
                .unwrap()
                .kind,
            SpeakerKind::Organization
        );
    }

    #[test]
    fn split_quote_and_multi_paragraph_quote() {
        let doc = run("Title\n\n“It is done,” Perry said. “We move on now.”\n\nShe added: “First paragraph of it.\n\n“Second paragraph.”");
        assert_eq!(
            doc.quotes[0].content.text,
            "“It is done,” Perry said. “We move on now.”"
        );
        assert_eq!(doc.quotes[1].content.text, "“First paragraph of it.");
    }

    #[test]
    fn apposition_and_relative_sources() {
        let doc = run("Title\n\nTang, the foreign minister, said relations were improving. Critics include Chris Christie, who says the plan will fail.");
        assert_eq!(
            doc.quotes[0].source.as_ref().unwrap().text,
            "Tang, the foreign minister,"
        );
        let tang = doc
            .speaker(doc.quotes[0].speaker.as_deref().unwrap())
            .unwrap();
        assert_eq!(tang.name, "Tang");
        assert_eq!(tang.descriptions, ["the foreign minister"]);
        assert_eq!(speaker_of(&doc, &doc.quotes[1]), "Chris Christie");
    }

    #[test]
    fn pathological_inputs_stay_linear_and_safe() {
        let marks = "\"".repeat(100_000);
        let doc = run(&marks);
        assert!(doc.quotes.len() <= 1);
        // Linearity itself is measured by scripts/bench_bounds, not timed here.
        let long = "word said ".repeat(50_000);
        let doc = run(&long);
        for q in &doc.quotes {
            assert_eq!(&doc.text[q.content.start..q.content.end], q.content.text);
        }
        for s in [
            "“",
            "”‘’'\"",
            "é said “x",
            "a: b c d",
            "According to",
            "said,",
            "— said “",
        ] {
            run(s);
        }
    }
}
