//! Cues the lexicon lacks but the learned detector ([`super::learned`])
//! finds: the verb form guessed from the spelling, and a generic pattern
//! for a cue that fits none of the verb patterns.

use std::ops::Range;

use super::clause::{
    content_end, content_start, is_negation, nominal_content_end, quote_after, relative_antecedent,
    skip_adjuncts, subject_phrase, time_before, Found,
};
use super::context::Ctx;
use super::cues::{self, Form, Strength};
use super::learned::{self, LEARNED_MIN};
use super::sources;
use super::tokens::Kind;
use super::words::BE;

/// A cue the lexicon lacks but the learned detector finds, with its verb
/// form guessed from its spelling. `score` is the detector's score of `at`.
pub(super) fn learned_cue(ctx: &Ctx, at: usize, score: &dyn Fn() -> f32) -> Option<cues::Cue> {
    let t = &ctx.toks[at];
    if !learned::is_candidate(ctx, at)
        || learned::is_auxiliary(t.lower)
        || sources::is_function_word(t.lower)
        // A preposition may anchor a cue the annotators mark with its verb
        // ("railed against", "would like"); other closed-class words never.
        || sources::is_stop_word(t.lower)
            && !matches!(t.lower, "against" | "like" | "among" | "toward" | "towards")
        || learned::is_adverb(t)
        // "Lee and Roe both said": a quantifier is never the cue.
        || super::words::QUANTIFIERS.contains(&t.lower)
        || matches!(t.lower, "all" | "each" | "either" | "neither")
        || super::verb::governs_purpose_report(ctx, at)
    {
        return None;
    }
    // "in particular", "in fact": an adverbial phrase, never a cue.
    let adverbial = at > 0
        && ctx.toks[at - 1].is("in")
        && matches!(t.lower, "particular" | "fact" | "turn" | "part");
    if adverbial || score() <= LEARNED_MIN {
        return None;
    }
    let w = t.lower;
    // A light verb before its object ("made the announcement", "gave a
    // speech"): the noun is the cue, and what follows is no content.
    let light = matches!(
        w,
        "made"
            | "make"
            | "makes"
            | "making"
            | "gave"
            | "give"
            | "gives"
            | "giving"
            | "took"
            | "take"
            | "takes"
            | "taking"
    );
    if light
        && ctx
            .toks
            .get(at + 1)
            .is_some_and(|n| n.is("the") || n.is("a") || n.is("an"))
    {
        return None;
    }
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

/// A cue the detector is confident about but that fits none of the verb
/// patterns: the subject phrase before it is the source, the rest of the
/// clause after it the content ("Clinton has not taken a position on the
/// deal").
pub(super) fn generic_cue(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let mut j = at;
    while j > sentence.start {
        let t = &toks[j - 1];
        // "is best known": a degree word stands between like an adverb.
        let adverb = learned::is_adverb(t)
            || t.is_word() && !t.cap && super::words::DEGREE.contains(&t.lower);
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
    // A phrase that opens with an auxiliary ("may be the first time the
    // parties have agreed") is the rest of a clause, not its subject.
    let (s, e) = sources::absolute_subject(toks, at, sentence.start)
        .filter(|_| j == at)
        .or_else(|| sources::subject_backward(toks, j, sentence.start))
        .or_else(|| {
            subject_phrase(ctx, j, sentence.start).filter(|&(s, e)| {
                // Nor a lone function word ("Instead of calling …": "of").
                let lone_function_word = e == s + 1 && sources::is_function_word(toks[s].lower);
                !(learned::is_auxiliary(toks[s].lower) || lone_function_word)
            })
        })?;
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
    let end = nominal_content_end(ctx, &(s..e), at, k, content_end(ctx, k, sentence.end));
    if ctx.words_in(k..end) == 0 {
        return None;
    }
    Some(Found {
        content: content_start(ctx, k, at + 1, end)..end,
        cue: at..at + 1,
        source: Some(s..e),
        antecedent,
        direct: false,
    })
}
