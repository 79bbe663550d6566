//! Stances the annotations give no source: raising verbs, agentless
//! passives and a sentence-initial "Asked whether …".

use std::ops::Range;

use super::clause::{before_final_stop, content_end, subject_phrase, Found};
use super::context::Ctx;
use super::sources;
use super::words::{BE, BETWEEN};

/// "Obama seemed to recognize …", "She appeared to imply that …", "Roe
/// went on to say …": the start of a lead ("seemed to", "went on to")
/// before the reporting verb at `verb`. A raising verb there hedges the
/// subject's own report, which the annotations give the subject as
/// source; only a raising verb before "be", "have" or a non-reporting verb
/// is the reporter's sourceless judgement.
pub(super) fn lead_before(ctx: &Ctx, verb: usize) -> Option<usize> {
    let toks = &ctx.toks;
    let v = toks.get(verb)?;
    if verb < 2
        || !v.is_word()
        || v.cap
        || matches!(v.lower, "be" | "have" | "get" | "go" | "come")
        || super::cues::lookup(v.lower).is_none()
        || !toks[verb - 1].is("to")
    {
        return None;
    }
    if toks[verb - 2].is_word() && RAISING.contains(&toks[verb - 2].lower) {
        return Some(verb - 2);
    }
    (verb >= 3 && toks[verb - 2].is("on") && GOING_ON.contains(&toks[verb - 3].lower))
        .then_some(verb - 3)
}

/// Raising verbs: a stance of the reporter's ("appeared to end his bid")
/// or, before a reporting verb, a hedge on the subject's own report.
const RAISING: &[&str] = &["seem", "seems", "seemed", "appear", "appears", "appeared"];

/// The verb of "went on to say".
const GOING_ON: &[&str] = &["went", "go", "goes", "going", "gone"];

/// Whether token `at` opens the lead of a reporting verb after it. Asked
/// of every word, so a word that can open no lead is turned away before
/// the verb after it is looked up.
pub(super) fn hedges_a_report(ctx: &Ctx, at: usize) -> bool {
    let w = ctx.toks[at].lower;
    (RAISING.contains(&w) || GOING_ON.contains(&w))
        && (at + 2..at + 4).any(|v| lead_before(ctx, v) == Some(at))
}

/// What a stance verb is: a record of its own, or part of a description
/// of someone ("Roe, who is seen as a moderate, said …") that makes none.
pub(super) enum Stance {
    Record(Found),
    Describes,
}

/// Stances the annotations give no source: raising verbs ("Christie
/// appeared to end his bid", "It seems that …"), "is expected to", "was
/// asked about" (content: the subject and the rest of the clause), and a
/// sentence-initial "Asked whether …," (content: the question).
pub(super) fn sourceless(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Stance> {
    let toks = &ctx.toks;
    let w = toks[at].lower;
    // "appeared on Fox", "appeared with Roe at a rally": a physical
    // appearance, no stance.
    let appearance = toks.get(at + 1).is_some_and(|n| {
        n.is_word()
            && (matches!(
                n.lower,
                "on" | "at" | "before" | "with" | "in" | "alongside" | "onstage" | "together"
            ) || super::words::TIME.contains(&n.lower))
    });
    let raising = RAISING.contains(&w) && !appearance || w == "reportedly";
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
        // "is (not, widely, best) expected", with no "by" agent after it.
        let mut k = at;
        while k > sentence.start
            && toks[k - 1].is_word()
            && (BETWEEN.contains(&toks[k - 1].lower)
                || toks[k - 1].lower.ends_with("ly")
                || super::words::DEGREE.contains(&toks[k - 1].lower))
        {
            k -= 1;
        }
        let no_agent = !(at + 1..(at + 5).min(sentence.end)).any(|i| toks[i].is("by"));
        // "…, with Rubio and Lee expected to win": a stance participle in
        // an absolute phrase is passive with no "be" ("a source familiar
        // with the talks said" is no such phrase: its "with" follows a
        // word, and "said" has its subject).
        let absolute = !matches!(w, "said" | "announced" | "reported" | "asked")
            && (k.saturating_sub(6).max(sentence.start)..k)
                .rev()
                .take_while(|&i| toks[i].is_word())
                .any(|i| {
                    toks[i].is("with")
                        && i + 1 < k
                        && (i == sentence.start || toks[i - 1].is_punct(','))
                });
        k > sentence.start && (BE.contains(&toks[k - 1].lower) || absolute) && no_agent
    };
    let passive = passive
        || (matches!(w, "expected" | "asked")
            && at > sentence.start
            && BE.contains(&toks[at - 1].lower));
    // "Asked whether …, Roe said", "…,” Roe said when asked whether …":
    // the question is the record, asked by no one named, or by the one
    // after "by" ("When asked by a reporter whether …"). A named asker
    // stays out of the source: as a speaker, the pronoun of the answer
    // that follows ("Asked by Tom Lee whether …, she said") would resolve
    // to the asker.
    let when_asked = w == "asked"
        && (toks[at].cap && at == sentence.start || at > sentence.start && toks[at - 1].is("when"));
    if when_asked {
        let by = ctx.word(at + 1, "by");
        // The question opens where the asker ends ("by Lee to respond").
        let asker = by
            .then(|| {
                let question = (at + 2..sentence.end)
                    .find(|&k| {
                        matches!(
                            toks[k].lower,
                            "whether"
                                | "if"
                                | "to"
                                | "about"
                                | "how"
                                | "what"
                                | "why"
                                | "who"
                                | "which"
                        )
                    })
                    .unwrap_or(sentence.end);
                sources::forward(toks, at + 2, question)
            })
            .flatten();
        let start = asker.map_or(at + 1, |(_, e)| e);
        if by && asker.is_none() {
            return None;
        }
        let end = to_comma(ctx, start, sentence.end, start + 40).min(sentence.end);
        let end = before_final_stop(toks, start, end);
        if ctx.words_in(start..end) < 2 {
            return None;
        }
        return Some(Stance::Record(Found {
            content: start..end,
            cue: at..at + 1,
            source: asker
                .filter(|&(s, e)| toks[s..e].iter().all(|t| !t.cap))
                .map(|(s, e)| s..e),
            antecedent: None,
            direct: false,
        }));
    }
    // "It remains to be seen whether …": an idiom of open questions,
    // nobody's stance.
    let remains_to_be_seen = w == "seen"
        && at >= 3
        && toks[at - 1].is("be")
        && toks[at - 2].is("to")
        && matches!(toks[at - 3].lower, "remains" | "remain" | "remained");
    if toks[at].cap || !(raising || passive) || remains_to_be_seen {
        return None;
    }
    // "Roe was asked by a caller whether …": the one who asked is the
    // source of the question.
    if w == "asked" && ctx.word(at + 1, "by") {
        let (s, e) = sources::forward(toks, at + 2, sentence.end)?;
        let mut k = e;
        while k < sentence.end && toks[k].is_punct(',') {
            k += 1;
        }
        let end = content_end(ctx, k, sentence.end);
        if ctx.words_in(k..end) < 2 {
            return None;
        }
        return Some(Stance::Record(Found {
            content: k..end,
            cue: at..at + 1,
            source: Some(s..e),
            antecedent: None,
            direct: false,
        }));
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
    // "The DNC, which is seen as aligned with Clinton, responded …": a
    // stance inside a relative clause set off by commas ends with the
    // clause; running on, it would take in the report or the deed of the
    // one it describes ("Cruz, whose finish was widely seen as a
    // disappointment, said …"). Without its closing comma it is no record.
    let end = if relative_clause_at(ctx, s) {
        match clause_close(ctx, at + 1, sentence.end) {
            Some(close) => close,
            None => return Some(Stance::Describes),
        }
    } else {
        content_end(ctx, at + 1, sentence.end)
    };
    if ctx.words_in(at + 1..end) < 1 {
        return None;
    }
    // The one asked is no part of the question ("Roe was asked whether
    // …"), nor is an expletive "it" part of what seems ("It seems likely
    // that …").
    let expletive = s + 1 == j.min(at) && toks[s].is("it") && raising;
    let start = if w == "asked" || expletive { at + 1 } else { s };
    Some(Stance::Record(Found {
        content: start..end,
        cue: at..at + 1,
        source: None,
        antecedent: None,
        direct: false,
    }))
}

/// Whether token `at` opens a relative clause set off by a comma: ", who",
/// ", which", or the noun after ", whose".
fn relative_clause_at(ctx: &Ctx, at: usize) -> bool {
    let toks = &ctx.toks;
    let opens = |k: usize| {
        k > 0
            && toks[k - 1].is_punct(',')
            && matches!(toks[k].lower, "who" | "whom" | "which" | "whose")
    };
    opens(at) || (1..=4).any(|back| at >= back && toks[at - back].is("whose") && opens(at - back))
}

/// The comma that closes a clause set off by commas, from token `from` on,
/// outside quotations.
fn clause_close(ctx: &Ctx, from: usize, end: usize) -> Option<usize> {
    Some(to_comma(ctx, from, end, end)).filter(|&k| k < end)
}

/// From token `from`, over whole quotations, to the first comma outside
/// them before `end`; where the walk stops otherwise: at `end`, or at the
/// first token at or past `limit` (a quotation may carry it past).
fn to_comma(ctx: &Ctx, from: usize, end: usize, limit: usize) -> usize {
    let mut k = from;
    while k < end && k < limit && !ctx.toks[k].is_punct(',') {
        k = match ctx.quote_of(k) {
            Some(q) => ctx.quoted[q].close + 1,
            None => k + 1,
        };
    }
    k
}
