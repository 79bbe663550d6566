//! Stage 3: who said what. Finds quotes (direct, indirect, mixed) with their
//! cue and source spans, and resolves each source to a speaker entity across
//! the article.
//!
//! Rules over a light tokenization, in three passes:
//! 1. quotation marks are paired over whole paragraphs ([`quotes`]), so a
//!    quote never depends on where the segmenter split sentences;
//! 2. every cue outside a quotation gets a source phrase ([`sources`])
//!    before or after it and a content: the adjacent quotation, the clause
//!    after it, or the clause before "…, X said". Cues are the lexicon's
//!    ([`cues`]: reporting verbs in all inflections, "according to",
//!    headline colons) where a learned detector ([`learned`], an averaged
//!    perceptron trained on PolNeAR by `scripts/train_cues`) does not rule
//!    them out, and the words the detector finds that the lexicon lacks
//!    ("endorsed", "is reflecting on"); a detector cue no verb pattern fits
//!    takes the subject before it and the rest of the clause after it.
//!    Raising verbs and agentless passives ("appeared to", "is expected
//!    to") give attributions without a source, as the annotations do;
//! 3. quotations that continue an attributed one join it, and sources are
//!    resolved to speakers ([`speakers`]).

mod cues;
mod learned;
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

/// Everything the rules look at, for one window of the text (see
/// [`windows`]). Per-token data is kept to the token itself (with its
/// sentence) and one `u32` of quotation per token, since a window may be a
/// whole article of megabytes when it has no safe place to cut.
struct Ctx<'a> {
    /// Where the window starts in the whole text: token offsets are the
    /// window's.
    base: usize,
    toks: Vec<Tok<'a>>,
    /// Token ranges of content sentences, indexed by [`Tok::sent`].
    sents: Vec<Range<usize>>,
    /// First token of each paragraph, ascending.
    para_starts: Vec<u32>,
    quoted: Vec<quotes::Quoted>,
    /// Quotation each token lies in (marks included), [`NO_QUOTE`] if none.
    in_quote: Vec<u32>,
}

/// [`Ctx::in_quote`] of a token outside quotations.
const NO_QUOTE: u32 = u32::MAX;

/// Training data for the learned cue detector (used by
/// `examples/train_cues.rs`): the features of every candidate token of an
/// analysed document, each labelled with whether it anchors one of the
/// `gold` cue spans (byte ranges). Other tokens inside a gold cue are left
/// out, since which word of a phrase anchors it is a convention.
#[doc(hidden)]
pub fn cue_training_examples(doc: &Document, gold: &[Range<usize>]) -> Vec<(Vec<String>, bool)> {
    let mut arena = String::new();
    let paras = crate::ingest::paragraphs(&doc.text);
    let ctx = context(&doc.text, &paras, &mut Sentences::of(doc), &mut arena);
    let mut label = vec![Some(false); ctx.toks.len()];
    for g in gold {
        let inside: Vec<usize> = (0..ctx.toks.len())
            .filter(|&i| {
                let t = ctx.toks[i].range();
                ctx.base + t.start < g.end && ctx.base + t.end > g.start
            })
            .collect();
        let anchor = inside
            .iter()
            .copied()
            .find(|&i| {
                let t = &ctx.toks[i];
                t.is_word() && !learned::is_auxiliary(t.lower) && !learned::is_adverb(t)
            })
            .or_else(|| inside.iter().copied().find(|&i| ctx.toks[i].is_word()));
        for &i in &inside {
            label[i] = if Some(i) == anchor { Some(true) } else { None };
        }
    }
    let mut out = Vec::new();
    for (i, l) in label.iter().enumerate() {
        let Some(l) = *l else { continue };
        if !learned::is_candidate(&ctx, i) {
            continue;
        }
        let mut feats = Vec::new();
        learned::features(&ctx, i, &mut |parts| feats.push(parts.join(" ")));
        out.push((feats, l));
    }
    out
}

/// Find quotes and attribute them. Replaces `doc.quotes` and `doc.speakers`.
///
/// The text is analysed in windows of whole paragraphs (see [`windows`]),
/// each with its own tokens and context, so that memory follows the window
/// rather than the article; only the attributions found, in byte offsets,
/// are kept for the whole article, whose speakers are resolved at the end.
pub fn attribute(doc: &mut Document) {
    attribute_in_windows(doc, WINDOW_BYTES);
}

/// [`attribute`] with windows of about `window_bytes` (tests compare sizes).
fn attribute_in_windows(doc: &mut Document, window_bytes: usize) {
    if u32::try_from(doc.text.len()).is_err() {
        // Token offsets are `u32`; a text of 4 GiB or more, far over what
        // ingest accepts, is not attributed.
        doc.quotes = Vec::new();
        doc.speakers = Vec::new();
        return;
    }
    let text = doc.text.as_str();
    let paras = crate::ingest::paragraphs(text);
    let mut sentences = Sentences::of(doc);
    let mut arena = String::new();
    let mut found = Vec::new();
    for w in windows(text, &paras, &sentences, window_bytes) {
        let ctx = context(text, &paras[w], &mut sentences, &mut arena);
        let mut window = find_cued(&ctx);
        join_continuations(&ctx, &mut window);
        end_at_next_report(&ctx, &mut window);
        window.sort_by_key(|f| (f.content.start, f.cue.start));
        window.dedup_by(|b, a| a.content == b.content);
        found.extend(window.into_iter().map(|f| ctx.in_bytes(f)));
    }
    let (quotes, speakers) = emit(text, found);
    doc.quotes = quotes;
    doc.speakers = speakers;
}

/// Bytes of text after which a window ends at the next safe boundary: large
/// enough that the work per window is small beside its text, small enough
/// that a window's tokens take little memory.
const WINDOW_BYTES: usize = 64 * 1024;

/// The analysis windows: runs of whole paragraphs (indices into `paras`) of
/// `window_bytes` or more, cut only where no rule can tell the difference
/// between the window and the whole text. The rules work within a
/// sentence, reach one token before it (a comma or closing quotation mark
/// before an inverted cue) and two after it (a colon, comma or opening
/// quotation mark after a cue that ends the sentence), and follow
/// quotations, which stay within a paragraph; everything that combines
/// attributions (joining continued quotations, ending a report where the
/// next begins, nesting) works within a sentence or paragraph, or on spans
/// inside them. So a cut between paragraphs P and P+1 is safe when P ends
/// with a full stop, "!" or "?" (no comma or quotation mark), P+1 begins
/// with two words (no punctuation or quotation mark), and no sentence
/// holds tokens on both sides. Paragraphs tokenize alike alone and in the
/// whole text: they are separated by whitespace, where the tokenizer
/// treats the text's edge and whitespace the same way.
fn windows(
    text: &str,
    paras: &[Range<usize>],
    sentences: &Sentences,
    window_bytes: usize,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut scratch = String::new();
    let mut cursor = sentences.next;
    let mut start = 0;
    for i in 0..paras.len() {
        let next = i + 1;
        if next == paras.len() {
            out.push(start..next);
            break;
        }
        if paras[i].end - paras[start].start < window_bytes {
            continue;
        }
        // The last token of paragraph i: that of its last whitespace-free run.
        let p = &text[paras[i].clone()];
        let tail_len = p.rsplit(char::is_whitespace).next().map_or(0, str::len);
        let tail_start = paras[i].end - tail_len;
        let tail = tokens::tokenize(&text[tail_start..paras[i].end], &mut scratch);
        let ends_sentence = tail
            .last()
            .is_some_and(|t| matches!(t.kind, Kind::Punct('.' | '!' | '?')));
        let last_start = tail
            .last()
            .map_or(tail_start, |t| tail_start + t.start as usize);
        drop(tail);
        // The first two tokens of paragraph i + 1: those of its first two
        // whitespace-free runs.
        let n = &text[paras[next].clone()];
        let head = tokens::tokenize(&n[..head_len(n, 2)], &mut scratch);
        let opens_with_words = head.len() >= 2 && head[..2].iter().all(Tok::is_word);
        drop(head);
        let one_sentence =
            sentence_at(&sentences.ranges, &mut cursor, last_start).is_some_and(|k| {
                sentence_at(&sentences.ranges, &mut cursor, paras[next].start) == Some(k)
            });
        if ends_sentence && opens_with_words && !one_sentence {
            out.push(start..next);
            start = next;
        }
    }
    out
}

/// Length of the first `runs` whitespace-free runs of `s` (with the
/// whitespace between them), or of all of `s`.
fn head_len(s: &str, runs: usize) -> usize {
    let mut seen = 0;
    let mut in_run = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_run {
                seen += 1;
                if seen == runs {
                    return i;
                }
            }
            in_run = false;
        } else {
            in_run = true;
        }
    }
    s.len()
}

/// Byte ranges of the content sentences, and a cursor that gives each
/// token, in text order, its sentence.
struct Sentences {
    ranges: Vec<Range<usize>>,
    /// The first sentence that may hold the next token.
    next: usize,
}

impl Sentences {
    fn of(doc: &Document) -> Sentences {
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
/// start, which is what lets [`windows`] look ahead with its own.
fn sentence_at(ranges: &[Range<usize>], next: &mut usize, x: usize) -> Option<usize> {
    while *next < ranges.len() && ranges[*next].end <= x {
        *next += 1;
    }
    (*next < ranges.len() && ranges[*next].start <= x).then_some(*next)
}

/// The context of the window of `text` made of the paragraphs `paras`,
/// whose tokens borrow `arena` for their lowercase forms; `sentences`
/// moves on past the window.
fn context<'a>(
    text: &'a str,
    paras: &[Range<usize>],
    sentences: &mut Sentences,
    arena: &'a mut String,
) -> Ctx<'a> {
    let (Some(first), Some(last)) = (paras.first(), paras.last()) else {
        return Ctx {
            base: 0,
            toks: Vec::new(),
            sents: Vec::new(),
            para_starts: Vec::new(),
            quoted: Vec::new(),
            in_quote: Vec::new(),
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
    }
}

impl Ctx<'_> {
    fn word(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.is(w))
    }

    /// Quotation token `i` lies in.
    fn quote_of(&self, i: usize) -> Option<usize> {
        self.in_quote
            .get(i)
            .filter(|&&q| q != NO_QUOTE)
            .map(|&q| q as usize)
    }

    /// Paragraph of token `i`, as a number only compared for equality.
    fn para(&self, i: usize) -> usize {
        self.para_starts.partition_point(|&s| s as usize <= i)
    }

    fn open_quote_at(&self, i: usize) -> Option<usize> {
        let q = self.quote_of(i)?;
        (self.quoted[q].open == i).then_some(q)
    }

    fn close_quote_at(&self, i: usize) -> Option<usize> {
        let q = self.quote_of(i)?;
        (self.quoted[q].close == i && self.quoted[q].closed).then_some(q)
    }

    fn sentence(&self, i: usize) -> Option<Range<usize>> {
        let s = self.toks[i].sent;
        (s != tokens::NO_SENTENCE).then(|| self.sents[s as usize].clone())
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
    // Indices in `out` of the attributions only the detector proposed.
    let mut learned: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let here = i;
        i += 1;
        let Some(sentence) = ctx.sentence(here) else {
            continue;
        };
        if ctx.quote_of(here).is_some() || !toks[here].is_word() {
            if toks[here].is_punct(':') && ctx.quote_of(here).is_none() {
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
        if let Some(f) = sourceless(ctx, here, sentence.clone()) {
            out.push(f);
            continue;
        }
        // A word only the detector proposes, inside what an earlier cue of
        // the sentence reports, is rather part of that report.
        let nested = out.last().is_some_and(|f| {
            f.content.contains(&here) && ctx.toks[f.cue.start].sent == ctx.toks[here].sent
        });
        // The detector's score of this word, computed at most once: up to
        // three of the tests below ask for it.
        let score_cell = std::cell::OnceCell::new();
        let score = || *score_cell.get_or_init(|| learned::score(ctx, here));
        // Capitalised spellings are names or headline words ("United States").
        let lexical = cues::lookup(toks[here].lower)
            .filter(|_| !toks[here].cap)
            .filter(|c| {
                let gate = match c.strength {
                    Strength::Weak => WEAK_GATE,
                    Strength::Strong => STRONG_GATE,
                };
                score() > gate
            });
        let Some(cue) = lexical.or_else(|| learned_cue(ctx, here, &score).filter(|_| !nested))
        else {
            continue;
        };
        let previous_source = out
            .last()
            .filter(|f| ctx.toks[f.cue.start].sent == ctx.toks[here].sent)
            .and_then(|f| f.source.clone().map(|s| (s, f.antecedent.clone())));
        if let Some(f) = verb_cue(ctx, here, cue, sentence.clone(), previous_source) {
            if lexical.is_none() {
                learned.push(out.len());
            }
            out.push(f);
        } else if !nested && learned::is_candidate(ctx, here) && score() > FALLBACK_MIN {
            if let Some(f) = generic_cue(ctx, here, sentence) {
                learned.push(out.len());
                out.push(f);
            }
        }
    }
    drop_nested(ctx, out, &learned)
}

/// Leaves out the detector's attributions whose cue lies inside what a
/// lexicon cue of the same sentence reports ("China also plans to …,
/// Tang said"): the report holds them.
fn drop_nested(ctx: &Ctx, out: Vec<Found>, learned: &[usize]) -> Vec<Found> {
    let mut is_learned = vec![false; out.len()];
    for &i in learned {
        is_learned[i] = true;
    }
    let same_sentence =
        |a: &Found, b: &Found| ctx.toks[a.cue.start].sent == ctx.toks[b.cue.start].sent;
    let inside = |i: usize| {
        let f = &out[i];
        let holds = |k: usize| {
            !is_learned[k] && same_sentence(&out[k], f) && out[k].content.contains(&f.cue.start)
        };
        // Bounded: a run-on "sentence" may hold thousands of cues.
        (i + 1..out.len())
            .take_while(|&k| same_sentence(&out[k], f))
            .take(32)
            .any(holds)
            || (0..i)
                .rev()
                .take_while(|&k| same_sentence(&out[k], f))
                .take(32)
                .any(holds)
    };
    let drop: Vec<bool> = (0..out.len()).map(|i| is_learned[i] && inside(i)).collect();
    out.into_iter()
        .zip(drop)
        .filter_map(|(f, d)| (!d).then_some(f))
        .collect()
}

/// The clause's subject when it is no simple phrase: the words from the
/// clause start (sentence start, a colon or semicolon, a quotation, "that")
/// to the verb, when there are few of them and they hold a name, a pronoun
/// or a noun-like word ("Clinton’s Democratic opponent, Vermont Sen. Bernie
/// Sanders,").
fn subject_phrase(ctx: &Ctx, end: usize, floor: usize) -> Option<(usize, usize)> {
    let toks = &ctx.toks;
    let limit = 30;
    let mut s = end;
    while s > floor && end - s < limit {
        let t = &toks[s - 1];
        if matches!(t.kind, Kind::Punct(';' | ':' | '(' | ')' | '—' | '–'))
            || t.is_quote()
            || ctx.quote_of(s - 1).is_some()
            || t.is("that")
            || t.is("but")
            || t.is("because")
            || t.is("when")
            || t.is("if")
            || t.is("while")
        {
            break;
        }
        s -= 1;
    }
    if s > floor && end - s >= limit {
        return None;
    }
    while s < end && !toks[s].is_word() {
        s += 1;
    }
    let mut e = end;
    while e > s && !toks[e - 1].is_word() && !toks[e - 1].is_punct(',') {
        e -= 1;
    }
    let named = toks[s..e]
        .iter()
        .any(|t| t.is_word() && (t.cap || sources::is_pronoun(t)));
    let s = sources::trim_leading(toks, s, e);
    (e > s && named).then_some((s, e))
}

/// Stances the annotations give no source: raising verbs ("Christie
/// appeared to end his bid", "It seems that …"), "is expected to", "was
/// asked about" (content: the subject and the rest of the clause), and a
/// sentence-initial "Asked whether …," (content: the question).
fn sourceless(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let w = toks[at].lower;
    let raising = matches!(
        w,
        "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared" | "reportedly"
    );
    let passive = matches!(
        w,
        "expected"
            | "asked"
            | "said"
            | "seen"
            | "considered"
            | "announced"
            | "reported"
            | "believed"
            | "thought"
            | "projected"
            | "deemed"
            | "rumored"
            | "viewed"
    ) && {
        // "is (not, widely) expected", with no "by" agent after it.
        let mut k = at;
        while k > sentence.start
            && toks[k - 1].is_word()
            && (BETWEEN.contains(&toks[k - 1].lower) || toks[k - 1].lower.ends_with("ly"))
        {
            k -= 1;
        }
        k > sentence.start
            && BE.contains(&toks[k - 1].lower)
            && !(at + 1..(at + 5).min(sentence.end)).any(|i| toks[i].is("by"))
    };
    let passive = passive
        || (matches!(w, "expected" | "asked")
            && at > sentence.start
            && BE.contains(&toks[at - 1].lower));
    if toks[at].cap && w == "asked" && at == sentence.start {
        let start = at + 1;
        let mut end = start;
        while end < sentence.end && end < start + 40 && !toks[end].is_punct(',') {
            end = match ctx.quote_of(end) {
                Some(q) => ctx.quoted[q].close + 1,
                None => end + 1,
            };
        }
        let end = end.min(sentence.end);
        if ctx.words_in(start..end) < 2 {
            return None;
        }
        return Some(Found {
            content: start..end,
            cue: at..at + 1,
            source: None,
            antecedent: None,
            direct: false,
        });
    }
    if toks[at].cap || !(raising || passive) {
        return None;
    }
    let mut j = at;
    while j > sentence.start
        && toks[j - 1].is_word()
        && (BETWEEN.contains(&toks[j - 1].lower)
            || BE.contains(&toks[j - 1].lower)
            || toks[j - 1].lower.ends_with("ly"))
    {
        j -= 1;
    }
    let (s, _) = sources::backward(toks, j, sentence.start)
        .or_else(|| subject_phrase(ctx, j, sentence.start))?;
    let end = content_end(ctx, at + 1, sentence.end);
    if ctx.words_in(at + 1..end) < 1 {
        return None;
    }
    Some(Found {
        content: s..end,
        cue: at..at + 1,
        source: None,
        antecedent: None,
        direct: false,
    })
}

/// "doesn't", "wouldn’t": negated auxiliaries between a subject and its verb.
fn is_negation(t: &Tok) -> bool {
    t.is_word() && (t.lower.ends_with("n't") || t.lower.ends_with("n’t"))
}

/// Where a time adjunct ending right before `j` starts ("on Tuesday",
/// "last week"), so that the subject before it is found.
fn time_before(ctx: &Ctx, j: usize, floor: usize) -> Option<usize> {
    let toks = &ctx.toks;
    let mut k = j;
    while k > floor
        && toks[k - 1].is_word()
        && TIME.contains(&toks[k - 1].lower)
        && !matches!(
            toks[k - 1].lower,
            "this" | "then" | "once" | "again" | "also"
        )
    {
        k -= 1;
    }
    if k == j {
        return None;
    }
    if k > floor && (toks[k - 1].is("on") || toks[k - 1].is("early") || toks[k - 1].is("late")) {
        k -= 1;
    }
    // Something must remain before it to be the subject.
    (k > floor).then_some(k)
}

/// Minimum detector score for a lexicon cue: weak cues ("believes") need
/// some support from the detector, strong ones ("said") only not to be
/// clearly out of place.
const WEAK_GATE: f32 = -2.0;
const STRONG_GATE: f32 = -5.0;

/// Minimum detector score for the generic pattern below.
const FALLBACK_MIN: f32 = -3.0;

/// A cue the detector is confident about but that fits none of the verb
/// patterns: the subject phrase before it is the source, the rest of the
/// clause after it the content ("Clinton has not taken a position on the
/// deal").
fn generic_cue(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let mut j = at;
    while j > sentence.start {
        let t = &toks[j - 1];
        let adverb = t.is_word() && !t.cap && t.lower.ends_with("ly") && t.lower.len() > 4;
        if t.is_word() && BE.contains(&t.lower) {
            // A passive ("were not mentioned"): the subject is no source.
            return None;
        }
        if t.is_word() && (learned::is_auxiliary(t.lower) || adverb || is_negation(t)) {
            j -= 1;
        } else if let Some(k) = time_before(ctx, j, sentence.start) {
            j = k;
        } else {
            break;
        }
    }
    let (s, e) = sources::backward(toks, j, sentence.start)
        .or_else(|| subject_phrase(ctx, j, sentence.start))?;
    let antecedent = if toks[s].is("who") || toks[s].is("which") {
        relative_antecedent(ctx, s, sentence.start)
    } else {
        None
    };
    let mut k = at + 1;
    if k < sentence.end && (toks[k].is("that") || toks[k].is_punct(':')) {
        k += 1;
    }
    if let Some(q) = ctx.open_quote_at(k) {
        return Some(quote_after(ctx, q, at, s..e, antecedent));
    }
    // Only adjuncts after the cue ("said on Thursday."): the content is
    // a quotation right before the source, or there is none.
    let after = skip_adjuncts(ctx, k, sentence.end, false);
    let ends =
        after >= sentence.end || matches!(toks[after].kind, Kind::Punct('.' | '!' | '?' | ';'));
    if ends && after > k {
        let mut before = s;
        while before > 0 && toks[before - 1].is_punct(',') {
            before -= 1;
        }
        let q = before.checked_sub(1).and_then(|b| ctx.close_quote_at(b))?;
        if ctx.para(ctx.quoted[q].open) != ctx.para(at) {
            return None;
        }
        return Some(Found {
            content: ctx.quoted[q].open..ctx.quoted[q].close + 1,
            cue: at..at + 1,
            source: Some(s..e),
            antecedent,
            direct: true,
        });
    }
    let end = content_end(ctx, k, sentence.end);
    if ctx.words_in(k..end) == 0 {
        return None;
    }
    Some(Found {
        content: k..end,
        cue: at..at + 1,
        source: Some(s..e),
        antecedent,
        direct: false,
    })
}

/// Minimum detector score for a word outside the lexicon to count as a cue.
const LEARNED_MIN: f32 = -2.0;

/// A cue the lexicon lacks but the learned detector finds, with its verb
/// form guessed from its spelling. `score` is the detector's score of `at`.
fn learned_cue(ctx: &Ctx, at: usize, score: &dyn Fn() -> f32) -> Option<cues::Cue> {
    let t = &ctx.toks[at];
    if !learned::is_candidate(ctx, at)
        || learned::is_auxiliary(t.lower)
        || sources::is_function_word(t.lower)
        || learned::is_adverb(t)
    {
        return None;
    }
    if score() <= LEARNED_MIN {
        return None;
    }
    let w = t.lower;
    let form = if w.ends_with("ing") {
        Form::Gerund
    } else if w.ends_with("ed") {
        Form::Past
    } else if w.ends_with('s') {
        Form::Third
    } else {
        Form::Base
    };
    Some(cues::Cue {
        strength: Strength::Weak,
        form,
        addressee: false,
    })
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
        if t.is_word() && BE.contains(&t.lower) {
            passive = true;
            j -= 1;
        } else if t.is_word() && (BETWEEN.contains(&t.lower) || adverb || is_negation(t)) {
            j -= 1;
        } else if let Some(k) = time_before(ctx, j, sentence.start) {
            j = k;
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
    } else if let Some((s, a)) = previous_source.filter(|_| {
        // "He praised X and said that …": the same subject.
        j > sentence.start
            && (toks[j - 1].is("and") || toks[j - 1].is("but"))
            && matches!(cue.form, Form::Past | Form::Third)
    }) {
        source = Some(s);
        antecedent = a;
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
            // The phrase must end the clause: in "…, said the campaign was
            // over" it is the subject of what was said.
            let ends_clause = |e: usize| {
                e >= sentence.end
                    || toks[e].is_quote()
                    || matches!(toks[e].kind, Kind::Punct(_))
                    || toks[e].is("who")
                    || toks[e].is("in")
                    || toks[e].is("on")
                    || toks[e].is("at")
            };
            if let Some((s, e)) =
                sources::forward(toks, at + 1, sentence.end).filter(|&(_, e)| ends_clause(e))
            {
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
    // A quotation that ends its own sentence ("…identity.” Cruz says he …")
    // is no content of a source after it that begins a new one.
    let ends_sentence = |q: usize| {
        let close = ctx.quoted[q].close;
        before == src_first
            && close > 0
            && toks[close - 1].is_punct('.')
            && toks[src_first].cap
            && !inverted
    };
    if before > 0 {
        if let Some(q) = ctx
            .close_quote_at(before - 1)
            .filter(|&q| !ends_sentence(q))
        {
            if ctx.para(ctx.quoted[q].open) == ctx.para(at) {
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
        if let Some(q) = ctx.quote_of(end - 1) {
            end = end.max(ctx.quoted[q].close + 1);
        }
    }
    end = coordinated_cue(ctx, start, end).unwrap_or(end);
    // Leave the final full stop out, as the annotations do.
    while end > start + 1 && matches!(ctx.toks[end - 1].kind, Kind::Punct('.' | ';' | ',')) {
        end -= 1;
    }
    end
}

/// Where a second report by the same subject begins inside a clause ("…
/// and said that …", "…, but insists …", "…, calling …"): the annotations
/// make it an attribution of its own.
fn coordinated_cue(ctx: &Ctx, start: usize, end: usize) -> Option<usize> {
    let toks = &ctx.toks;
    for i in start + 2..end {
        if ctx.quote_of(i).is_some() {
            continue;
        }
        let t = &toks[i];
        if t.is("and") || t.is("but") {
            let mut k = i + 1;
            while k < end && toks[k].is_word() && BETWEEN.contains(&toks[k].lower) {
                k += 1;
            }
            let verb = toks.get(k).filter(|_| k < end && !toks[k].cap);
            if verb
                .and_then(|v| cues::lookup(v.lower))
                .is_some_and(|c| matches!(c.form, Form::Past | Form::Third))
            {
                return Some(i);
            }
            let learned_verb = verb.is_some_and(|v| {
                cues::lookup(v.lower).is_none()
                    && (v.lower.ends_with("ed") || v.lower.ends_with('s'))
                    && learned::is_candidate(ctx, k)
                    && learned::score(ctx, k) > LEARNED_MIN
            });
            if learned_verb {
                return Some(i);
            }
        } else if t.is_punct(',') && i + 1 < end {
            let next = &toks[i + 1];
            if !next.cap && cues::lookup(next.lower).is_some_and(|c| c.form == Form::Gerund) {
                return Some(i);
            }
        }
    }
    None
}

fn is_whole_quote(ctx: &Ctx, r: Range<usize>) -> bool {
    if r.is_empty() {
        return false;
    }
    match (ctx.quote_of(r.start), ctx.quote_of(r.end - 1)) {
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
        if !t.is_word() || cues::lookup(t.lower).is_some() {
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
            && (TIME.contains(&t.lower) || (!t.cap && t.lower.ends_with("ly") && t.lower.len() > 4))
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
                    || TIME.contains(&toks[e].lower)
                    || toks[e].cap
                    || matches!(
                        toks[e].lower,
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

/// "Chris Christie, who say …": the phrase before the comma.
fn relative_antecedent(ctx: &Ctx, who: usize, floor: usize) -> Option<Range<usize>> {
    let toks = &ctx.toks;
    if who < floor + 2 || !toks[who - 1].is_punct(',') {
        return None;
    }
    sources::backward(toks, who - 1, floor).map(|(s, e)| s..e)
}

/// "X said Y, and Z said W": the content of the first report ends where the
/// second one's source begins after ", and" / ", but" / ";".
fn end_at_next_report(ctx: &Ctx, found: &mut [Found]) {
    let toks = &ctx.toks;
    // Sources in text order, each with the start of its own cue.
    let mut starts: Vec<(usize, usize)> = found
        .iter()
        .filter_map(|f| f.source.as_ref().map(|s| (s.start, f.cue.start)))
        .filter(|&(s, c)| s < c)
        .collect();
    starts.sort_unstable();
    for f in found.iter_mut() {
        if f.direct || f.content.start < f.cue.end {
            continue;
        }
        let from = starts.partition_point(|&(s, _)| s < f.content.start + 2);
        let Some(&(s, _)) = starts
            .get(from)
            .filter(|&&(s, c)| c < f.content.end && s > 0)
        else {
            continue;
        };
        let mut end = s;
        if !(toks[end - 1].is("and") || toks[end - 1].is("but") || toks[end - 1].is_punct(';')) {
            continue;
        }
        end -= 1;
        while end > f.content.start && toks[end - 1].is_punct(',') {
            end -= 1;
        }
        if ctx.words_in(f.content.start..end) >= 2 {
            f.content.end = end;
        }
    }
}

/// A quotation right after an attributed direct quote in the same paragraph
/// continues it ("“A,” Perry said. “B.”"): the annotations, like readers,
/// take both for one quote. Quotations with no cue of their own are dropped.
fn join_continuations(ctx: &Ctx, found: &mut [Found]) {
    let mut used = vec![false; ctx.quoted.len()];
    for f in found.iter() {
        for q in f.content.clone().filter_map(|t| ctx.quote_of(t)) {
            used[q] = true;
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
        let same_para = ctx.para(f.content.start) == ctx.para(r.open);
        // Only the attribution may stand between the two quotations.
        if same_para && cue_between && gap.len() <= 14 {
            found[a].content.end = r.close + 1;
            used[q] = true;
        }
    }
}

/// An attribution of a window, in byte offsets of the whole text.
struct Attribution {
    content: Range<usize>,
    cue: Range<usize>,
    source: Option<Range<usize>>,
    antecedent: Option<Range<usize>>,
    kind: QuoteKind,
}

impl Ctx<'_> {
    fn in_bytes(&self, f: Found) -> Attribution {
        let byte = |r: &Range<usize>| {
            self.base + self.toks[r.start].start as usize
                ..self.base + self.toks[r.end - 1].end as usize
        };
        let kind = if f.direct {
            QuoteKind::Direct
        } else if f
            .content
            .clone()
            .any(|t| self.quote_of(t).is_some() && self.toks[t].is_quote())
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
}

fn emit(text: &str, found: Vec<Attribution>) -> (Vec<Quote>, Vec<crate::document::Speaker>) {
    let span = |r: &Range<usize>| crate::document::Span::new(text, r.start, r.end);
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

    fn triples(doc: &Document) -> Vec<(Option<&str>, &str, &str)> {
        doc.quotes
            .iter()
            .map(|q| {
                (
                    q.source.as_ref().map(|s| s.text.as_str()),
                    q.cue.as_ref().unwrap().text.as_str(),
                    q.content.text.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn coordinated_reports_long_subjects_and_sourceless_stances() {
        let doc = run("Title\n\nChris Christie appeared to end his bid.\n\nPaul Begala, a former adviser to Mr. Clinton and a friend of the couple, said the campaign was over.\n\nMr. Obama said the deal was good and praised the negotiators.");
        assert_eq!(
            triples(&doc),
            [
                (None, "appeared", "Chris Christie appeared to end his bid"),
                (
                    Some(
                        "Paul Begala, a former adviser to Mr. Clinton and a friend of the couple,"
                    ),
                    "said",
                    "the campaign was over"
                ),
                (Some("Mr. Obama"), "said", "the deal was good"),
                (Some("Mr. Obama"), "praised", "the negotiators"),
            ]
        );
    }

    #[test]
    fn a_report_ends_where_a_coordinated_one_begins() {
        let doc = run("Title\n\nSmith said the deal was good, but Jones said it was a disaster.");
        assert_eq!(
            triples(&doc),
            [
                (Some("Smith"), "said", "the deal was good"),
                (Some("Jones"), "said", "it was a disaster"),
            ]
        );
    }

    #[test]
    fn a_quotation_ending_its_sentence_is_not_the_next_ones_content() {
        let doc = run("Title\n\nThe order covers “gender identity.” Cruz says he isn’t familiar with the details.");
        assert_eq!(
            triples(&doc),
            [(Some("Cruz"), "says", "he isn’t familiar with the details")]
        );
    }

    #[test]
    fn windows_change_nothing() {
        let paragraphs = [
            "\u{201c}We agreed,\u{201d} Tang said.",
            "Sen. Bernie Sanders said the plan was dead. He told reporters:",
            "\u{201c}It is over and done with, for now.\u{201d}",
            "Christie, who said the deal was bad, appeared to end his bid.",
            "The talks, according to officials, went on for hours.",
            "Trump said he would win. \u{201c}Big,\u{201d} he said.",
            "\u{201c}We will talk,\u{201d} said a U.S. official.",
            "The talks went on.",
            "\"It continues here,\" she said, adding that more was to come.",
            "Tang said the talks would resume, and Perry said they would not.",
        ];
        // Paragraphs in many orders, cut at every safe place and not at all.
        let mut seed: u64 = 1;
        for _ in 0..20 {
            let mut text = String::new();
            for _ in 0..40 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let r = (seed >> 33) as usize;
                text.push_str(paragraphs[r % paragraphs.len()]);
                text.push_str(if r.is_multiple_of(5) { "\n" } else { "\n\n" });
            }
            let mut doc = ingest(None, text.clone()).unwrap();
            segment(&mut doc);
            let paras = crate::ingest::paragraphs(&text);
            let cut = windows(&text, &paras, &Sentences::of(&doc), 0).len();
            assert!(cut > 5, "{cut} windows");
            let mut whole = doc.clone();
            attribute_in_windows(&mut whole, usize::MAX);
            attribute_in_windows(&mut doc, 0);
            assert!(!whole.quotes.is_empty());
            assert_eq!(doc.quotes, whole.quotes);
            assert_eq!(doc.speakers, whole.speakers);
        }
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
