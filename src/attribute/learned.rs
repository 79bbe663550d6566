//! A learned cue detector: an averaged perceptron over token features that
//! scores whether a word outside quotations anchors an attribution cue.
//!
//! PolNeAR annotates far more cues than a reporting-verb lexicon lists
//! ("endorsed", "is reflecting on", "backs", "a poll found"); the detector
//! generalises from the training split to words the lexicon lacks, from
//! their spelling and context. The weights are trained by
//! `scripts/train_cues` (examples/train_cues.rs) and committed as
//! `models/attribution/cues.tsv`: one `feature<TAB>weight` line each, where
//! a feature is its template name and values joined by spaces. The weights
//! are loaded as a [`CueModel`]; this file computes the features, scores
//! them and makes the training examples.

use std::ops::Range;

use super::context::{context, Ctx, Sentences};
use super::cue_model::CueModel;
use super::tokens::{Dir, Kind, Tok, NO_SENTENCE};
use super::words::{BE, BETWEEN};
use super::{cues, sources};
use crate::document::Document;

/// Minimum detector score for a word outside the lexicon to count as a cue.
pub(super) const LEARNED_MIN: f32 = -2.0;

/// Words that may stand between a subject and its cue and are never the
/// anchor of a cue themselves: the anchor is the first word after them.
pub(super) fn is_auxiliary(w: &str) -> bool {
    BE.contains(&w) || BETWEEN.contains(&w) || w.ends_with("n't") || w.ends_with("n’t")
}

/// "-ly" adverbs ("strongly backs"): like auxiliaries, they stand before
/// the word that anchors a cue.
pub(super) fn is_adverb(t: &Tok) -> bool {
    t.is_word()
        && !t.cap
        && t.lower.ends_with("ly")
        && t.lower.len() > 4
        && !super::words::LY_NOT_ADVERB.contains(&t.lower)
}

/// Whether token `i` is one the detector scores: a lowercase word outside
/// quotations in a content sentence.
pub(super) fn is_candidate(ctx: &Ctx, i: usize) -> bool {
    let t = &ctx.toks[i];
    t.is_word() && !t.cap && ctx.quote_of(i).is_none() && t.sent != NO_SENTENCE
}

/// Perceptron score of token `i` (positive: a cue anchor).
pub(super) fn score(ctx: &Ctx, i: usize) -> f32 {
    let mut s = 0.0;
    features(ctx, i, &mut |parts| s += ctx.model.weight(parts));
    s
}

fn shape(t: Option<&Tok>) -> &'static str {
    match t {
        None => "none",
        Some(t) => match t.kind {
            Kind::Word if t.cap => "Cap",
            Kind::Word if t.lower.starts_with(|c: char| c.is_ascii_digit()) => "num",
            Kind::Word => "low",
            Kind::Quote { dir: Dir::Open, .. } => "q(",
            Kind::Quote {
                dir: Dir::Close, ..
            } => "q)",
            Kind::Quote { .. } => "q",
            Kind::Punct(',') => ",",
            Kind::Punct(':') => ":",
            Kind::Punct('.' | '!' | '?') => ".",
            Kind::Punct(_) => "p",
        },
    }
}

fn text_of<'a>(t: Option<&Tok<'a>>) -> &'a str {
    match t {
        Some(t) if t.is_word() => t.lower,
        other => shape(other),
    }
}

fn suffix(w: &str, n: usize) -> &str {
    let mut idx = w.len();
    for (k, (b, _)) in w.char_indices().rev().enumerate() {
        idx = b;
        if k + 1 == n {
            break;
        }
    }
    &w[idx..]
}

/// The word without its inflection ("endorsed", "endorses" → "endors").
fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s", "e"] {
        if let Some(st) = w.strip_suffix(suf) {
            if st.len() >= 3 {
                return st;
            }
        }
    }
    w
}

/// Calls `emit` with the parts of every feature of token `i`.
pub(super) fn features(ctx: &Ctx, i: usize, emit: &mut dyn FnMut(&[&str])) {
    let toks = &ctx.toks;
    let sent = ctx.sentence(i).unwrap_or(i..i + 1);
    let at = |k: isize| -> Option<&Tok> {
        let j = i as isize + k;
        (j >= sent.start as isize && (j as usize) < sent.end).then(|| &toks[j as usize])
    };
    let w = toks[i].lower;
    emit(&["bias"]);
    emit(&["w", w]);
    emit(&["s2", suffix(w, 2)]);
    emit(&["s3", suffix(w, 3)]);
    emit(&["s4", suffix(w, 4)]);
    emit(&["stem", stem(w)]);
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    if let Some(n) = n1.filter(|t| t.is_word()) {
        emit(&["n1s3", suffix(n.lower, 3)]);
        emit(&["wn1s", stem(w), suffix(n.lower, 2)]);
    }
    emit(&["p1", text_of(p1)]);
    emit(&["p2", text_of(p2)]);
    emit(&["n1", text_of(n1)]);
    emit(&["n2", text_of(n2)]);
    emit(&["p1w", text_of(p1), w]);
    emit(&["wn1", w, text_of(n1)]);
    emit(&["sp", shape(p2), shape(p1)]);
    emit(&["sn", shape(n1), shape(n2)]);
    emit(&["sps", shape(p1), suffix(w, 2), shape(n1)]);
    if let Some(c) = cues::lookup(w) {
        let tier = match c.strength {
            cues::Strength::Strong => "strong",
            cues::Strength::Weak => "weak",
        };
        let form = match c.form {
            cues::Form::Base => "base",
            cues::Form::Third => "third",
            cues::Form::Past => "past",
            cues::Form::Gerund => "ger",
        };
        emit(&["lex", tier, form]);
        emit(&["lexp", tier, shape(p1)]);
    }
    // The subject position: skip auxiliaries back to the word before them.
    let mut j = i;
    while j > sent.start && toks[j - 1].is_word() && is_auxiliary(toks[j - 1].lower) {
        j -= 1;
    }
    let subj = (j > sent.start).then(|| &toks[j - 1]);
    emit(&["aux", if j < i { "yes" } else { "no" }]);
    if j < i {
        emit(&["auxw", toks[j].lower, w]);
    }
    let subj_kind = match subj {
        Some(t) if sources::is_pronoun(t) => "pron",
        Some(t) if t.cap => "name",
        other => shape(other),
    };
    emit(&["subj", subj_kind]);
    emit(&["subjw", subj_kind, stem(w)]);
    emit(&["subjn", subj_kind, stem(w), shape(n1)]);
    emit(&["p2p1", text_of(p2), text_of(p1)]);
    let possessive = p1.is_some_and(|t| {
        t.is_word()
            && (t.lower.ends_with("'s") || t.lower.ends_with("’s") || t.lower.ends_with("s'"))
    });
    if possessive {
        emit(&["poss", stem(w)]);
    }
    emit(&["subjs", subj_kind, suffix(w, 2)]);
    // What follows: a complementiser, a quotation, a clause end.
    let mut that = "none";
    for k in 1..=4 {
        match at(k) {
            Some(t) if t.is("that") => {
                that = if k == 1 { "that1" } else { "that" };
                break;
            }
            Some(t) if t.is_quote() => {
                that = if k <= 2 { "quote1" } else { "quote" };
                break;
            }
            Some(t) if matches!(t.kind, Kind::Punct('.' | ';' | '!' | '?')) => {
                that = "end";
                break;
            }
            None => {
                that = "end";
                break;
            }
            _ => {}
        }
    }
    emit(&["next", that]);
    emit(&["nextw", that, suffix(w, 2)]);
    let pos = i - sent.start;
    let bucket = match pos {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "11+",
    };
    emit(&["pos", bucket]);
    let left = sent.end - i;
    emit(&[
        "left",
        match left {
            0..=2 => "0-2",
            3..=5 => "3-5",
            _ => "6+",
        },
    ]);
    // A quotation in the sentence, and on which side.
    let quote_before = (sent.start.max(i.saturating_sub(30))..i).any(|k| ctx.quote_of(k).is_some());
    let quote_after = (i + 1..sent.end.min(i + 30)).any(|k| ctx.quote_of(k).is_some());
    emit(&[
        "quotes",
        if quote_before { "b" } else { "-" },
        if quote_after { "a" } else { "-" },
    ]);
    // A lexicon cue nearby makes this one less likely to be another.
    let near = (sent.start.max(i.saturating_sub(4))..i)
        .any(|k| toks[k].is_word() && cues::lookup(toks[k].lower).is_some());
    emit(&["lexnear", if near { "yes" } else { "no" }]);
    // Wider context (issue 13): how far the nearest quotation mark is on
    // each side, the first punctuation on each side (a cue phrase ends in
    // a colon or comma before its quotation: "As Smith put it, “…”"), the
    // determiner or possessive before a nominal cue and the preposition
    // after it ("his criticism of", "the warning that"), the capitalised
    // words before it (a name as subject), and its spelling's start.
    emit(&["qdb", quote_distance(ctx, i, true)]);
    emit(&["qda", quote_distance(ctx, i, false)]);
    let (pb, pbd) = first_punct(ctx, i, sent.clone(), true);
    let (pa, pad) = first_punct(ctx, i, sent.clone(), false);
    emit(&["pb", pb, pbd]);
    emit(&["pa", pa, pad]);
    emit(&["pas", pa, pad, suffix(w, 2)]);
    let det = determiner(p1);
    emit(&["det", det, text_of(n1)]);
    emit(&["detw", det, stem(w)]);
    emit(&["wn2", stem(w), text_of(n2)]);
    emit(&["pre", prefix(w, 4)]);
    let caps = (sent.start.max(i.saturating_sub(3))..i)
        .filter(|&k| toks[k].is_word() && toks[k].cap)
        .count();
    emit(&["capsb", ["0", "1", "2", "3"][caps.min(3)]]);
    emit(&["capsn", ["0", "1", "2", "3"][caps.min(3)], shape(n1)]);
}

/// Distance in tokens from `i` to the nearest quotation mark before or
/// after it, bucketed; "far" past 12 tokens or a paragraph break.
fn quote_distance(ctx: &Ctx, i: usize, before: bool) -> &'static str {
    let para = ctx.para(i);
    for d in 1..=12usize {
        let Some(k) = (if before {
            i.checked_sub(d)
        } else {
            Some(i + d)
        }) else {
            break;
        };
        let Some(t) = ctx.toks.get(k) else { break };
        if ctx.para(k) != para {
            break;
        }
        if t.is_quote() {
            return match d {
                1 => "1",
                2 => "2",
                3..=5 => "3-5",
                _ => "6-12",
            };
        }
    }
    "far"
}

/// The first punctuation mark or quotation mark on one side of `i` within
/// its sentence, with a bucketed distance.
fn first_punct(
    ctx: &Ctx,
    i: usize,
    sent: Range<usize>,
    before: bool,
) -> (&'static str, &'static str) {
    for d in 1..=8usize {
        let k = if before {
            match i.checked_sub(d) {
                Some(k) if k >= sent.start => k,
                _ => return ("start", "-"),
            }
        } else {
            if i + d >= sent.end {
                return ("end", "-");
            }
            i + d
        };
        let t = &ctx.toks[k];
        if !t.is_word() {
            let dist = match d {
                1 => "1",
                2 => "2",
                3..=4 => "3-4",
                _ => "5-8",
            };
            return (shape(Some(t)), dist);
        }
    }
    ("none", "-")
}

/// The kind of word before a possible nominal cue.
fn determiner(t: Option<&Tok>) -> &'static str {
    match t {
        Some(t) if t.is_word() => match t.lower {
            "the" | "a" | "an" | "this" | "that" | "these" | "those" => "det",
            "his" | "her" | "their" | "its" | "our" | "my" | "your" => "poss",
            w if w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") => "poss",
            "to" => "to",
            _ if t.cap => "Cap",
            _ => "low",
        },
        other => shape(other),
    }
}

fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((b, _)) => &w[..b],
        None => w,
    }
}

/// Training data for the learned cue detector (used by
/// `examples/train_cues.rs`): the features of every candidate token of an
/// analysed document, each labelled with whether it anchors one of the
/// `gold` cue spans (byte ranges). Other tokens inside a gold cue are left
/// out, since which word of a phrase anchors it is a convention.
#[doc(hidden)]
pub fn cue_training_examples(doc: &Document, gold: &[Range<usize>]) -> Vec<(Vec<String>, bool)> {
    let mut arena = String::new();
    let ctx = context(
        &doc.text,
        &doc.paragraphs,
        &mut Sentences::of(doc),
        &mut arena,
        CueModel::builtin(),
    );
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
                t.is_word() && !is_auxiliary(t.lower) && !is_adverb(t)
            })
            .or_else(|| inside.iter().copied().find(|&i| ctx.toks[i].is_word()));
        for &i in &inside {
            label[i] = if Some(i) == anchor { Some(true) } else { None };
        }
    }
    let mut out = Vec::new();
    for (i, l) in label.iter().enumerate() {
        let Some(l) = *l else { continue };
        if !is_candidate(&ctx, i) {
            continue;
        }
        let mut feats = Vec::new();
        features(&ctx, i, &mut |parts| feats.push(parts.join(" ")));
        out.push((feats, l));
    }
    out
}
