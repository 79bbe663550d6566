//! Verb cues: "X said …", "…, X said", "“…,” said X", "X told reporters:
//! “…”", and the passives and gerunds hanging on them.

use std::ops::Range;

use super::clause::{
    before_final_stop, content_end, content_start, is_negation, is_whole_quote,
    nominal_content_end, quote_after, relative_antecedent, skip_adjuncts, time_before, Found,
    MAX_CLAUSE,
};
use super::context::Ctx;
use super::cues::{self, Form, Strength};
use super::phrases::passive_cue;
use super::tokens::{Kind, Tok};
use super::words::{self, BE, BETWEEN, FINITE_AUX};
use super::{learned, sources};

/// "X said …", "… , X said", "“…,” said X", "X told reporters: “…”".
pub(super) fn verb_cue(
    ctx: &Ctx,
    at: usize,
    cue: cues::Cue,
    sentence: Range<usize>,
    previous_source: Option<(Range<usize>, Option<Range<usize>>)>,
) -> Option<Found> {
    let f = report(ctx, at, cue, sentence.clone(), previous_source)?;
    after_subordinator(ctx, f, cue.form == Form::Past, &sentence)
}

/// "After saying he was nervous, the man asked …": a cue right after a
/// subordinator is in a fronted clause, whose subject is the main clause's
/// (after the clause's comma), and whose content ends at that comma. The
/// subordinator is never the source. A participle there is passive ("When
/// asked about the crisis, Cruz said …"): the main clause's subject is the
/// one asked, not the speaker, and who spoke is not said, so there is no
/// record; nor is there one with no main clause to take a subject from.
pub(super) fn after_subordinator(
    ctx: &Ctx,
    mut f: Found,
    participle: bool,
    sentence: &Range<usize>,
) -> Option<Found> {
    let toks = &ctx.toks;
    let Some(src) = f.source.clone() else {
        return Some(f);
    };
    let lone_opener = src.len() == 1
        && src.end == f.cue.start
        && toks[src.start].is_word()
        && matches!(
            toks[src.start].lower,
            "when"
                | "after"
                | "before"
                | "while"
                | "since"
                | "upon"
                | "once"
                | "if"
                | "unless"
                | "although"
                | "though"
                | "because"
                | "as"
                | "but"
                | "and"
                | "so"
        );
    if !lone_opener {
        return Some(f);
    }
    if participle {
        return None;
    }
    // The fronted clause's comma: the first one after the cue, outside
    // quotation marks.
    let comma =
        (f.cue.end..sentence.end).find(|&k| toks[k].is_punct(',') && ctx.quote_of(k).is_none())?;
    let (s, e) = sources::forward(toks, comma + 1, sentence.end)?;
    if f.content.start >= comma || !toks.get(e).is_some_and(|t| t.is_word() && !t.cap) {
        return None;
    }
    f.source = Some(s..e);
    f.antecedent = None;
    f.content.end = f.content.end.min(comma);
    Some(f)
}

/// "Roe, asked whether the plan was dead, said …": a past participle set
/// off after a noun phrase, with the question it takes, is passive. Roe
/// was asked; who asked is not said, so the question has no source (the
/// noun phrase is the next verb's subject, [`sources::backward`]).
fn reduced_passive(ctx: &Ctx, at: usize, cue: cues::Cue, sentence: &Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let set_off = at >= sentence.start + 2
        && (toks[at - 1].is_punct(',')
            || toks[at - 1].is_word()
                && matches!(
                    toks[at - 1].lower,
                    "when" | "while" | "after" | "if" | "once"
                )
                && toks[at - 2].is_punct(','))
        && toks[at - 2..at].iter().all(|t| !t.is_quote());
    let question = toks.get(at + 1).is_some_and(|n| {
        n.is_word() && matches!(n.lower, "whether" | "about" | "if" | "why" | "how" | "what")
    });
    if cue.form != Form::Past || !set_off {
        return None;
    }
    // "The deal, announced Friday, would last …": the participle reports
    // the noun phrase it describes, with only its setting after it.
    let setting_end = super::combine::after_setting(ctx, at + 1, sentence.end);
    if !question
        && toks[at - 1].is_punct(',')
        && setting_end > at + 1
        && toks.get(setting_end).is_some_and(|t| t.is_punct(','))
    {
        let (s, e) = sources::backward(toks, at - 1, sentence.start)?;
        return (e == at - 1 && ctx.words_in(s..e) >= 1).then(|| Found {
            content: s..e,
            cue: at..at + 1,
            source: None,
            antecedent: None,
            direct: false,
        });
    }
    if !question {
        return None;
    }
    let comma =
        (at + 1..sentence.end).find(|&k| toks[k].is_punct(',') && ctx.quote_of(k).is_none())?;
    let start = if toks[at + 1].is("about") {
        at + 2
    } else {
        at + 1
    };
    (ctx.words_in(start..comma) >= 2).then(|| Found {
        content: start..comma,
        cue: at..at + 1,
        source: None,
        antecedent: None,
        direct: false,
    })
}

/// "The man accused of buying the guns will remain in custody": a
/// participle of accusing right after a noun, with the charge it takes, is
/// passive. The man is accused, by no one the sentence names, and he is
/// no speaker of the charge. After a pronoun or an auxiliary it is active
/// ("the senator whom she has accused of lying", "who he accused of …").
pub(super) fn is_charged_noun(ctx: &Ctx, at: usize) -> bool {
    let toks = &ctx.toks;
    let charge = matches!(
        toks[at].lower,
        "accused" | "charged" | "suspected" | "convicted" | "indicted"
    );
    if !charge {
        return false;
    }
    let takes_charge = toks.get(at + 1).is_some_and(|n| n.is("of") || n.is("with"));
    let after_noun = at > 0 && {
        let p = &toks[at - 1];
        p.is_word()
            && !sources::is_pronoun(p)
            && !matches!(
                p.lower,
                "him" | "her" | "them" | "us" | "me" | "whom" | "that"
            )
            && !BETWEEN.contains(&p.lower)
            && !BE.contains(&p.lower)
            && !is_negation(p)
    };
    takes_charge && after_noun
}

/// "Lee, widely expected to win, said …", "Such rhetoric — considered
/// harsher than anything in years — is alarming": a stance participle set
/// off by a comma or dash after a noun phrase, with no object, is passive.
/// Whose stance it is goes unsaid; the noun phrase is no speaker of it.
pub(super) fn set_off_stance(ctx: &Ctx, at: usize, sentence: &Range<usize>) -> bool {
    let toks = &ctx.toks;
    let stance = matches!(
        toks[at].lower,
        "expected"
            | "considered"
            | "believed"
            | "thought"
            | "seen"
            | "viewed"
            | "regarded"
            | "deemed"
            | "projected"
            | "rumored"
            | "known"
    );
    let naming_word = words::NAMING.contains(&toks[at].lower) || toks[at].lower == "referred";
    // Asked of every word: the spelling first.
    if !(stance || naming_word) {
        return false;
    }
    let mut k = at;
    while k > sentence.start
        && toks[k - 1].is_word()
        && !toks[k - 1].cap
        && toks[k - 1].lower.ends_with("ly")
    {
        k -= 1;
    }
    let set_off = k > sentence.start + 1
        && matches!(toks[k - 1].kind, Kind::Punct(',' | '-' | '—' | '–'))
        && toks[k - 2].is_word();
    // An object after it makes it active ("…, considered the plan").
    let objectless = toks.get(at + 1).is_some_and(|n| {
        n.is_word() && !n.cap && !sources::is_determiner(n) && !sources::is_pronoun(n)
    });
    // "Kyle, referred to as …,", "Roe, dubbed “the Iron Lady,”": a name
    // given to someone, who is no speaker of it (whoever gave it, even one
    // a "by" phrase names, is not read as a source here).
    let naming = naming_word
        && toks
            .get(at + 1)
            .is_some_and(|n| n.is_quote() || n.is("as") || n.is("to"));
    (stance && objectless || naming) && set_off
}

/// "And Trump, said Sunshine, who knows him, doesn't forgive": a speech
/// verb right after a comma with a name after it is inverted, set into
/// the sentence it reports. The phrase before the comma is that
/// sentence's subject, not the speaker ("said Sunshine" cannot take her
/// as an object).
fn inverted_parenthetical(
    ctx: &Ctx,
    at: usize,
    j: usize,
    cue: cues::Cue,
    sentence: &Range<usize>,
) -> bool {
    let toks = &ctx.toks;
    let speech = cue.strength == Strength::Strong
        && !cue.addressee
        && matches!(cue.form, Form::Past | Form::Third | Form::Base);
    if !(speech && j == at && at > sentence.start + 1 && toks[at - 1].is_punct(',')) {
        return false;
    }
    // A name ("said Roe"), or with a plural verb a group ("say economists",
    // "argue critics like Lee"): "say" before a bare noun is otherwise
    // the "for example" of "a tax on, say, gasoline".
    let name = toks.get(at + 1).is_some_and(|n| {
        n.is_word()
            && at + 1 < sentence.end
            && (n.cap || (cue.form == Form::Base && n.lower.len() > 3 && n.lower.ends_with('s')))
    });
    name && inverted_source(toks, at + 1, sentence.end)
        .is_some_and(|(_, e)| toks.get(e).is_some_and(|t| t.is_punct(',')))
}

/// "…, said the Khan family deserved better": a past-tense word after a
/// noun with more words after it is the verb of what was said, whose
/// subject the phrase finder took for an inverted source. A participle
/// after a determiner or an adverb ("the unnamed official", "a highly
/// placed aide") or before a preposition ("a spokesman based in Ohio")
/// modifies a noun.
fn past_verb_inside(toks: &[Tok], phrase: Range<usize>) -> bool {
    (phrase.start + 1..phrase.end.saturating_sub(1)).any(|k| {
        let (t, prev, next) = (&toks[k], &toks[k - 1], &toks[k + 1]);
        t.is_word()
            && !matches!(
                next.lower,
                "in" | "on" | "at" | "for" | "from" | "of" | "to" | "by" | "with" | "near"
            )
            && !t.cap
            && t.lower.ends_with("ed")
            && prev.is_word()
            && !sources::is_determiner(prev)
            && !learned::is_adverb(prev)
    })
}

/// The source after an inverted verb set into its sentence, with the
/// examples that narrow a group ("say experts like Ann Roe", "argue groups
/// such as the ACLU").
fn inverted_source(toks: &[Tok], start: usize, limit: usize) -> Option<(usize, usize)> {
    let (s, e) = sources::forward(toks, start, limit)?;
    let examples = match toks.get(e) {
        Some(t) if t.is("like") => e + 1,
        Some(t) if t.is("such") && toks.get(e + 1).is_some_and(|n| n.is("as")) => e + 2,
        _ => return Some((s, e)),
    };
    match sources::forward(toks, examples, limit) {
        Some((_, end)) => Some((s, end)),
        None => Some((s, e)),
    }
}

/// The report of an [`inverted_parenthetical`] at `at` ("And Trump, said
/// Sunshine, who knows him, doesn't forgive"): the name after the verb,
/// with a description set off by commas, is the source; what was said is
/// the sentence around it, the lead before the verb and the rest after
/// the source ([`super::emit`] splits the content around the attribution).
fn set_into_its_sentence(
    ctx: &Ctx,
    at: usize,
    sentence: &Range<usize>,
    antecedent: Option<Range<usize>>,
) -> Option<Found> {
    let toks = &ctx.toks;
    let (s, e) = inverted_source(toks, at + 1, sentence.end)?;
    if !toks.get(e).is_some_and(|t| t.is_punct(',')) {
        return None;
    }
    // What goes on after the source is the rest of the sentence's clause
    // only when it opens with its verb ("is dead", "doesn't forgive");
    // otherwise it is the speaker's description ("said Roe, a political
    // scientist at …") or the saying's setting.
    let verb_at = |i: usize| {
        toks.get(i).is_some_and(|t| {
            i < sentence.end
                && t.is_word()
                && !t.cap
                && (FINITE_AUX.contains(&t.lower) || BE.contains(&t.lower) || is_negation(t))
        })
    };
    let source_end = if verb_at(e + 1) {
        e
    } else {
        // A description set off by commas ("Sunshine, who knows him,").
        let c = (e + 1..sentence.end.min(e + 25))
            .find(|&i| !toks[i].is_word())
            .filter(|&i| toks[i].is_punct(',') && verb_at(i + 1))?;
        c + 1
    };
    let rest = if toks[source_end - 1].is_punct(',') {
        source_end
    } else {
        source_end + 1
    };
    let end = content_end(ctx, rest, sentence.end);
    let mut start = sentence.start;
    while start < at && (toks[start].is("and") || toks[start].is("but")) {
        start += 1;
    }
    if ctx.words_in(start..at) == 0 || ctx.words_in(rest..end) == 0 {
        return None;
    }
    Some(Found {
        content: start..end,
        cue: at..at + 1,
        source: Some(s..source_end),
        antecedent,
        direct: false,
    })
}

/// The verb a purpose infinitive hangs on, with the medium or occasion
/// between them: "went on television [to] say", "took to Twitter [to]
/// say", "used his speech [to] argue". `to` is the infinitive's "to".
pub(super) fn purpose_governor(ctx: &Ctx, to: usize, sentence: &Range<usize>) -> Option<usize> {
    let toks = &ctx.toks;
    let floor = sentence.start.max(to.saturating_sub(7));
    let v = (floor..to).rev().find(|&k| {
        matches!(
            toks[k].lower,
            "went"
                | "go"
                | "goes"
                | "going"
                | "took"
                | "take"
                | "takes"
                | "taking"
                | "used"
                | "use"
                | "uses"
                | "using"
                | "appeared"
                | "appears"
                | "came"
                | "comes"
                | "returned"
                | "returns"
                | "held"
                | "holds"
                | "called"
                | "calls"
                | "turned"
                | "turns"
        )
    })?;
    let between_ok = (v + 1..to).all(|k| {
        let t = &toks[k];
        t.is_word() && ctx.quote_of(k).is_none() && (t.cap || cues::lookup(t.lower).is_none())
    });
    (v > sentence.start && v + 1 < to && between_ok && !toks[v].cap).then_some(v)
}

/// Whether the word at `at` governs a purpose infinitive of a report
/// ("went on television to say …"): the report is the infinitive's, and
/// the governing verb is none.
pub(super) fn governs_purpose_report(ctx: &Ctx, at: usize) -> bool {
    let Some(sentence) = ctx.sentence(at) else {
        return false;
    };
    (at + 1..(at + 8).min(sentence.end.saturating_sub(1))).any(|k| {
        ctx.toks[k].is("to")
            && cues::lookup(ctx.toks[k + 1].lower).is_some_and(|c| c.strength == Strength::Strong)
            && purpose_governor(ctx, k, &sentence) == Some(at)
    })
}

/// A report at the verb cue `at`: its source, content and whether it is
/// a direct quotation.
fn report(
    ctx: &Ctx,
    at: usize,
    cue: cues::Cue,
    sentence: Range<usize>,
    previous_source: Option<(Range<usize>, Option<Range<usize>>)>,
) -> Option<Found> {
    let toks = &ctx.toks;
    let weak = cue.strength == Strength::Weak;
    if let Some(f) = reduced_passive(ctx, at, cue, &sentence) {
        return Some(f);
    }
    // Walk back over auxiliaries and adverbs to where the subject ends.
    let mut j = at;
    let mut passive = false;
    while j > sentence.start {
        let t = &toks[j - 1];
        // "is best known": a degree word stands between like an adverb.
        let adverb = learned::is_adverb(t)
            || t.is_word()
                && !t.cap
                // ("most" is read below, with the adverb after it)
                && words::DEGREE.contains(&t.lower)
                && t.lower != "most";
        if t.is_word() && BE.contains(&t.lower) {
            passive = true;
            j -= 1;
        } else if t.is_word() && (BETWEEN.contains(&t.lower) || adverb || is_negation(t)) {
            j -= 1;
        } else if t.is_word()
            && matches!(t.lower, "most" | "more" | "very" | "so" | "too")
            && j < at
            && toks[j].is_word()
            && toks[j].lower.ends_with("ly")
        {
            // "most recently defended": the degree of the adverb after it.
            j -= 1;
        } else if j >= sentence.start + 2
            && toks[j - 2].is("in")
            && matches!(t.lower, "particular" | "fact" | "turn" | "part")
        {
            // "have in particular noted": an adverbial phrase.
            j -= 2;
        } else if matches!(t.lower, "both" | "all" | "each")
            && j >= sentence.start + 2
            && (toks[j - 2].cap
                || sources::is_pronoun(&toks[j - 2])
                || toks[j - 2].is_word() && toks[j - 2].lower.ends_with('s'))
        {
            // "Lee and Roe both said", "The senators each said": a quantifier
            // floated off the subject is part of neither subject nor cue.
            j -= 1;
        } else if let Some(k) = time_before(ctx, j, sentence.start) {
            j = k;
        } else if let Some(lead) =
            super::sourceless::lead_before(ctx, j).filter(|&l| l >= sentence.start)
        {
            // "went on to say": the subject is before the lead.
            j = lead;
        } else if let Some(v) = t
            .is("to")
            .then(|| purpose_governor(ctx, j - 1, &sentence))
            .flatten()
        {
            // "went on television to say", "used the speech to argue": the
            // subject is before the verb the purpose clause hangs on.
            j = v;
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
    // "Trump is telling voters that …": "be" before a gerund makes the
    // progressive, an active verb whose subject is before "be".
    let progressive = passive && cue.form == Form::Gerund;
    if passive && !progressive {
        return None;
    }
    if let Some(f) = summary_apposition(ctx, at, j, cue, &sentence) {
        return Some(f);
    }
    let mut source = None;
    let mut antecedent = None;
    let mut inverted = false;
    // Whether the cue's clause is set off by commas after its source
    // ("The minister, quoted by Reuters as saying …, left").
    let mut set_off = false;
    // "The levy, said Lee, is dead": decided once, for the subject search
    // and the inverted source below.
    let parenthetical = inverted_parenthetical(ctx, at, j, cue, &sentence);
    if cue.form == Form::Gerund && !progressive {
        // ", saying …": the subject of the clause it hangs on.
        // "“…,” she said, before adding: “…”": a subordinator between the
        // comma and the participle of a report's own subject.
        let subordinated = at > sentence.start + 1
            && matches!(toks[at - 1].lower, "before" | "after" | "while" | "without")
            && toks[at - 2].is_punct(',')
            && previous_source.is_some();
        if j == at && at > sentence.start && (toks[at - 1].is_punct(',') || subordinated) {
            // With no report before it in the sentence, the subject that
            // opens the sentence ("Doe attacked the plan on Monday, calling
            // it reckless").
            // After a subordinate clause ("When Maddow pointed out …,
            // Clinton seized upon it, repeating …"), the main clause's
            // subject, not the subordinate report's source.
            let main = super::clause::main_clause_start(ctx, &sentence).filter(|&m| m < at);
            let previous_source =
                previous_source.filter(|(p, _)| main.is_none_or(|m| p.start >= m));
            let (s, a) = match previous_source {
                Some(p) => p,
                None => {
                    let clause = main.unwrap_or(sentence.start)..sentence.end;
                    (sentence_subject(ctx, at, &clause)?, None)
                }
            };
            source = Some(s);
            antecedent = a;
        } else if let Some(s) = quoted_as(ctx, at, &sentence) {
            set_off = s.end < at && toks[s.end].is_punct(',');
            source = Some(s);
        } else if let Some((s, e)) = sources::absolute_subject(toks, at, sentence.start) {
            // "…, with the union calling her “the champion”".
            source = Some(s..e);
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
    } else if let Some((s, e)) =
        sources::subject_backward(toks, j, sentence.start).filter(|_| !parenthetical)
    {
        if toks[s].is("who") || toks[s].is("which") {
            antecedent = relative_antecedent(ctx, s, sentence.start);
        }
        source = Some(s..e);
    } else if j > sentence.start + 1
        && toks[j - 1].is("but")
        && toks[j - 2].is_punct(',')
        && matches!(toks[at].lower, "said" | "says" | "told" | "tells" | "added")
    {
        // "Massie used to back Paul, but now said …": the subject of the
        // clause before, which reported nothing itself.
        source = sentence_subject(ctx, at, &sentence);
    }
    if source.is_none() && j > sentence.start && is_quantifier_subject(ctx, j - 1, &sentence) {
        // "“…,” one said." / "Others disagreed": a pronoun-like quantifier
        // as the whole subject, right after a quotation, a comma or the
        // sentence start.
        source = Some(j - 1..j);
    }
    let mut k = at + 1;
    if source.is_none() && !weak {
        // Inverted: "…,” said Tang" / "…, said a U.S. official."
        let after_quote_or_comma =
            at > 0 && (toks[at - 1].is_punct(',') || ctx.close_quote_at(at - 1).is_some());
        // "Said Jane Roe, who grew up with him, “We were proud.”"
        let opens_sentence = at == sentence.start && toks[at].cap;
        if after_quote_or_comma || opens_sentence {
            // The phrase must end the clause: in "…, said the campaign was
            // over" it is the subject of what was said.
            // A quotation opening right after the phrase, mid-sentence, is
            // what the phrase's subject said ("Roe, …, said the levy
            // “hurts families”": "the levy" is no source).
            let ends_clause = |e: usize| {
                e >= sentence.end
                    || toks[e].is_quote() && (opens_sentence || ctx.open_quote_at(e).is_none())
                    || matches!(toks[e].kind, Kind::Punct(_))
                    || toks[e].is("who")
                    || toks[e].is("in")
                    || toks[e].is("on")
                    || toks[e].is("at")
                    // "…,” said Dan Roe when asked about …": after a name,
                    // never after a common noun ("said the days when …").
                    || toks[e - 1].cap
                        && matches!(toks[at].lower, "said" | "says" | "added" | "wrote")
                        && matches!(toks[e].lower, "when" | "while" | "as" | "after" | "before" | "during")
            };
            if let Some(f) = parenthetical
                .then(|| set_into_its_sentence(ctx, at, &sentence, antecedent.clone()))
                .flatten()
            {
                return Some(f);
            }
            if let Some((s, e)) = sources::forward(toks, at + 1, sentence.end)
                .filter(|&(s, e)| ends_clause(e) && !past_verb_inside(toks, s..e))
                .or_else(|| {
                    lone_quantifier(ctx, at + 1, &sentence).filter(|_| after_quote_or_comma)
                })
            {
                let e = sources::party_tag_after(toks, e, sentence.end).unwrap_or(e);
                let e = apposition_end(ctx, e, sentence.end)
                    .or_else(|| {
                        opens_sentence
                            .then(|| apposition_before_quote(ctx, e))
                            .flatten()
                    })
                    .unwrap_or(e);
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
    // is no content of a source after it that begins a new one, unless the
    // source's sentence reports nothing else ("“… emails.” Trump said.").
    let reports_nothing_else = || {
        let after_cue = skip_adjuncts(ctx, at + 1, sentence.end, cue.addressee);
        after_cue >= sentence.end || matches!(toks[after_cue].kind, Kind::Punct('.' | '!' | '?'))
    };
    let ends_sentence = |q: usize| {
        let close = ctx.quoted[q].close;
        before == src_first
            && close > 0
            && toks[close - 1].is_punct('.')
            && toks[src_first].cap
            && !inverted
            && !reports_nothing_else()
    };
    // A quotation a preposition or possessive governs is a title or a
    // phrase ("Speaking on ABC’s “This Week,” Carson admitted that …"),
    // not what the source said; nor is the object of a participle that
    // opens the sentence ("Citing “obligations in Tennessee,” the
    // spokeswoman told POLITICO that …"), when the cue reports more.
    let governed = |q: usize| {
        let open = ctx.quoted[q].open;
        open > 0 && {
            let t = &toks[open - 1];
            let opening_participle =
                open - 1 == sentence.start && t.lower.ends_with("ing") && !reports_nothing_else();
            t.is_word()
                && (words::possessor_stem(t.lower).is_some()
                    || opening_participle
                    || matches!(
                        t.lower,
                        "on" | "in" | "at" | "of" | "to" | "from" | "with" | "by" | "about" | "for"
                    ))
        }
    };
    // A gerund's source is the previous report's ("“…,” X said, adding
    // that …"): the quotation before it is that report's content.
    if before > 0 && cue.form != Form::Gerund {
        if let Some(q) = ctx
            .close_quote_at(before - 1)
            .filter(|&q| !ends_sentence(q) && !governed(q))
        {
            if ctx.para(ctx.quoted[q].open) == ctx.para(at) {
                let open = ctx.quoted[q].open;
                let close = ctx.quoted[q].close;
                // "The group is less likely to be “overrun,” Roe said": the
                // words before the quotation in its sentence are the
                // source's claim too, a mixed quote.
                let relays = cue.strength == Strength::Strong
                    && toks[source.clone()]
                        .iter()
                        .any(|t| t.cap || sources::is_pronoun(t));
                let start = lead_in(ctx, open, relays).unwrap_or(open);
                return Some(Found {
                    content: start..close + 1,
                    cue: at..at + 1,
                    source: Some(source),
                    antecedent,
                    direct: start == open,
                });
            }
        }
    }
    // Content after, past addressees and adjuncts.
    k = skip_adjuncts(ctx, k, sentence.end, cue.addressee);
    // "As the governor put it, “…”", "She put it bluntly: “…”": the idiom's
    // "it" (and a manner) is no content; the quotation after it is.
    if matches!(toks[at].lower, "put" | "puts" | "putting") && ctx.word(k, "it") {
        if let Some(p) = (k + 1..(k + 4).min(sentence.end))
            .take_while(|&i| toks[i].is_word() || toks[i].is_punct(',') || toks[i].is_punct(':'))
            .find(|&i| toks[i].is_punct(',') || toks[i].is_punct(':'))
            .filter(|&p| ctx.open_quote_at(p + 1).is_some())
        {
            k = p;
        }
    }
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
        // So is one whose comma closes the clause of its cue ("The
        // minister, quoted as saying “we will not pay,” left early").
        let comma_closes = set_off && r.close > k + 1 && toks[r.close - 1].is_punct(',');
        if r.close + 1 >= sentence.end
            || toks.get(r.close + 1).is_some_and(sources::is_boundary)
            || comma_closes
        {
            let start = content_start(ctx, k, at + 1, r.close + 1);
            if start < k {
                // "said that “…”": the complementiser makes it reported
                // speech with a quotation, as the annotations mark it.
                return Some(Found {
                    content: start..r.close + 1,
                    cue: at..at + 1,
                    source: Some(source),
                    antecedent,
                    direct: false,
                });
            }
            return Some(quote_after(ctx, q, at, source, antecedent));
        }
    }
    // "…, Roe said while campaigning in Iowa.": after a post-posed source,
    // a preposition or subordinator opens the circumstances of the saying;
    // what was said is the clause before, unless a "that" or a quotation
    // still follows.
    let postposed =
        !inverted && src_first > sentence.start + 1 && toks[src_first - 1].is_punct(',');
    let circumstance_after = postposed
        && k < sentence.end
        && words::CIRCUMSTANCE.contains(&toks[k].lower)
        && !toks[k - 1].is("that")
        && !(toks[k].is("at") && ctx.word(k + 1, "least"))
        && !words::ADJUNCT_OPENERS.contains(&toks[sentence.start].lower)
        && !(k..sentence.end).any(|i| toks[i].is("that") || ctx.open_quote_at(i).is_some());
    // "…, Roe said Tuesday in Paris, noting that …": a participle after
    // the saying's setting is its own clause, never what was said.
    let participle_after = postposed
        && k < sentence.end
        && k > at + 1
        && toks[k - 1].is_punct(',')
        && toks[k].is_word()
        && !toks[k].cap
        && toks[k].lower.ends_with("ing");
    let ends_clause = k >= sentence.end
        || circumstance_after
        || participle_after
        || toks[k].is_punct('.')
        || toks[k].is_punct('!')
        || toks[k].is_punct('?')
        || toks[k].is_punct(',')
        || toks[k].is_punct(';');
    if ends_clause {
        // "…, X said." — the content is the clause before the source. Its
        // comma may stand inside a quotation that ends it (", an
        // environment of “risk-taking,” Carson said"), one a preposition
        // governs and so no direct quote of its own.
        let comma_in_quote = src_first > sentence.start + 2
            && ctx.close_quote_at(src_first - 1).is_some()
            && toks[src_first - 2].is_punct(',');
        if weak && !post_posed_evidential(ctx, at, &sentence)
            || src_first <= sentence.start + 1
            || !(toks[src_first - 1].is_punct(',') || comma_in_quote)
        {
            return None;
        }
        let mut end = if comma_in_quote {
            src_first
        } else {
            src_first - 1
        };
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
    let mut end = nominal_content_end(ctx, &source, at, k, content_end(ctx, k, sentence.end));
    if set_off {
        // The comma that closes the set-off clause ends what it reports.
        if let Some(comma) = (k..end).find(|&i| toks[i].is_punct(',')) {
            end = if ctx.close_quote_at(comma + 1).is_some() {
                comma + 2
            } else {
                comma
            };
        }
    }
    let min_words = if weak { 3 } else { 2 };
    if ctx.words_in(k..end) < min_words {
        return None;
    }
    Some(Found {
        content: content_start(ctx, k, at + 1, end)..end,
        cue: at..at + 1,
        source: Some(source),
        antecedent,
        direct: false,
    })
}

/// "“…,” said another.": a quantifier alone at `q` that ends its sentence
/// (another, others, one, some, a second …) is a source too, another
/// speaker than the one before; its token range.
fn lone_quantifier(ctx: &Ctx, q: usize, sentence: &Range<usize>) -> Option<(usize, usize)> {
    let toks = &ctx.toks;
    let t = toks
        .get(q)
        .filter(|t| q < sentence.end && t.is_word() && !t.cap)?;
    let ordinal = |i: usize| {
        toks.get(i)
            .is_some_and(|o| matches!(o.lower, "second" | "third" | "fourth" | "fifth"))
    };
    let e = match t.lower {
        "another" | "others" | "one" | "some" => q + 1,
        "a" if ordinal(q + 1) => q + 2,
        _ => return None,
    };
    (e >= sentence.end || toks[e].is_punct('.')).then_some((q, e))
}

/// The one quoted in "The Times quoted Roe as saying …" or "Roe was
/// quoted as saying …", for the gerund at `at` after "as": the speaker of
/// what it reports, not the outlet that quotes them, whose own report
/// holds this one.
pub(super) fn quoted_as(ctx: &Ctx, at: usize, sentence: &Range<usize>) -> Option<Range<usize>> {
    let toks = &ctx.toks;
    if at < sentence.start + 2 || !toks[at - 1].is("as") {
        return None;
    }
    let as_at = at - 1;
    let verb = (sentence.start.max(at.saturating_sub(12))..as_at)
        .rev()
        .find(|&k| {
            toks[k].is_word()
                && matches!(
                    toks[k].lower,
                    "quoted" | "quotes" | "quoting" | "cited" | "cites" | "citing"
                )
        })?;
    let agent = toks[verb + 1].is("by");
    if verb + 1 < as_at && !agent {
        // Active: the object between the verb and "as".
        let (s, e) = sources::forward(toks, verb + 1, as_at)?;
        return (s == verb + 1 && e == as_at).then_some(s..e);
    }
    // Passive: the subject before "was quoted", or before the comma of
    // "The minister, quoted by Reuters as saying …".
    let mut j = verb;
    let mut passive = false;
    while j > sentence.start {
        let t = &toks[j - 1];
        if t.is_word() && BE.contains(&t.lower) {
            passive = true;
        } else if !(t.is_word() && (BETWEEN.contains(&t.lower) || learned::is_adverb(t))) {
            break;
        }
        j -= 1;
    }
    if !passive && j > sentence.start && toks[j - 1].is_punct(',') {
        j -= 1;
        passive = true;
    }
    if !passive {
        return None;
    }
    sources::subject_backward(toks, j, sentence.start).map(|(s, e)| s..e)
}

/// "Lee accused Roe of lying, a charge Roe denied": a noun after a comma
/// that sums up the report before it, with a relative clause whose verb is
/// the cue. What the subject of that clause denied is the noun ("a
/// charge"), never the clause before it: that is the other speaker's report,
/// and read as Roe's content it put Lee's quotation into Roe's mouth.
fn summary_apposition(
    ctx: &Ctx,
    at: usize,
    subject_end: usize,
    cue: cues::Cue,
    sentence: &Range<usize>,
) -> Option<Found> {
    let (det, noun, subject) = summary_noun_before(ctx, at, subject_end, cue, sentence)?;
    Some(Found {
        content: det..noun + 1,
        cue: at..at + 1,
        source: Some(subject..subject_end),
        antecedent: None,
        direct: false,
    })
}

/// "Roe raised $2 million, new filings show.", "…, the poll found.": an
/// evidential verb that closes its sentence after a comma and a short
/// noun phrase reports the clause before the comma, whatever the detector
/// makes of a weak verb in last place.
pub(super) fn post_posed_evidential(ctx: &Ctx, at: usize, sentence: &Range<usize>) -> bool {
    let toks = &ctx.toks;
    let evidential = matches!(
        toks[at].lower,
        "show"
            | "shows"
            | "showed"
            | "found"
            | "finds"
            | "indicate"
            | "indicates"
            | "indicated"
            | "suggest"
            | "suggests"
            | "suggested"
    );
    let closes = toks
        .get(at + 1)
        .is_some_and(|t| at + 1 < sentence.end && t.is_punct('.'))
        && (at + 2..sentence.end).all(|k| !toks[k].is_word());
    if !(evidential && closes && ctx.quote_of(at).is_none()) {
        return false;
    }
    let Some(comma) = (sentence.start..at)
        .rev()
        .take(8)
        .find(|&k| !toks[k].is_word())
    else {
        return false;
    };
    toks[comma].is_punct(',')
        && comma + 1 < at
        && ctx.words_in(sentence.start..comma) >= 3
        && sources::forward(toks, comma + 1, at).is_some_and(|(_, e)| e == at)
}

/// Whether the cue at `at` closes a relative clause on a noun that sums up
/// the report before it ("…, a charge the campaign denied"): a report
/// whatever the detector scores it, which reads the noun phrase before the
/// verb as no subject.
pub(super) fn closes_summary_clause(
    ctx: &Ctx,
    at: usize,
    cue: cues::Cue,
    sentence: &Range<usize>,
) -> bool {
    // Auxiliaries and adverbs between the subject and the verb ("has
    // repeatedly denied").
    let mut subject_end = at;
    while subject_end > sentence.start {
        let t = &ctx.toks[subject_end - 1];
        let between = t.is_word()
            && !t.cap
            && (BETWEEN.contains(&t.lower) || learned::is_adverb(t) || is_negation(t));
        if !between {
            break;
        }
        subject_end -= 1;
    }
    summary_noun_before(ctx, at, subject_end, cue, sentence).is_some()
}

/// The determiner, noun and subject start of "…, a charge [that] Roe
/// denied" for the cue at `at` whose subject ends at `subject_end`.
fn summary_noun_before(
    ctx: &Ctx,
    at: usize,
    subject_end: usize,
    cue: cues::Cue,
    sentence: &Range<usize>,
) -> Option<(usize, usize, usize)> {
    let toks = &ctx.toks;
    if cue.form == Form::Gerund || subject_end <= sentence.start + 3 {
        return None;
    }
    // The clause ends with its verb: "a claim Roe called absurd" goes on.
    let after = skip_adjuncts(ctx, at + 1, sentence.end, cue.addressee);
    let ends = after >= sentence.end
        || matches!(toks[after].kind, Kind::Punct('.' | '!' | '?' | ';' | ','));
    if !ends {
        return None;
    }
    // The subject: one to five words ("Roe", "the Roe campaign", "Roe’s
    // campaign") after the noun and an optional "that" or "which".
    let first = subject_end.saturating_sub(8).max(sentence.start + 1);
    let noun = (first..subject_end.saturating_sub(1))
        .rev()
        .find(|&n| toks[n].is_word() && SUMMARY_NOUNS.contains(&toks[n].lower))?;
    let mut subject = noun + 1;
    if matches!(toks[subject].lower, "that" | "which") {
        subject += 1;
    }
    let words_only = toks[subject..subject_end].iter().all(|t| t.is_word());
    if subject >= subject_end || subject_end - subject > 5 || !words_only {
        return None;
    }
    // The noun's determiner, one adjective at most between ("a false
    // charge"), and the comma that sets the phrase off (inside a
    // quotation that closes before it: "“lying,” a charge …").
    let det = (noun.saturating_sub(2).max(sentence.start + 1)..noun).find(|&d| {
        toks[d].is_word() && matches!(toks[d].lower, "a" | "an" | "the" | "this" | "that")
    })?;
    if !after_comma(ctx, det) || (det + 1..noun).any(|i| !toks[i].is_word() || toks[i].cap) {
        return None;
    }
    Some((det, noun, subject))
}

/// Whether `f` is a report [`summary_apposition`] made: its content a
/// noun that sums up the report before it ("…, a charge Roe denied"), set
/// off by a comma, with its source after it.
pub(super) fn sums_up_report_before(ctx: &Ctx, f: &Found) -> bool {
    let toks = &ctx.toks;
    let c = &f.content;
    let words = c.end.saturating_sub(c.start);
    (2..=3).contains(&words)
        && c.start >= 2
        && f.source
            .as_ref()
            .is_some_and(|s| c.end <= s.start && s.start <= c.end + 1)
        && toks[c.start].is_word()
        && matches!(toks[c.start].lower, "a" | "an" | "the" | "this" | "that")
        && toks[c.end - 1].is_word()
        && SUMMARY_NOUNS.contains(&toks[c.end - 1].lower)
        && after_comma(ctx, c.start)
}

/// Whether token `i` follows a comma, directly or through the quotation
/// mark that closes after it ("“lying,” a charge …").
fn after_comma(ctx: &Ctx, i: usize) -> bool {
    let toks = &ctx.toks;
    i >= 1 && toks[i - 1].is_punct(',')
        || i >= 2 && ctx.close_quote_at(i - 1).is_some() && toks[i - 2].is_punct(',')
}

/// Where a closing apposition that sums up the rest of `content` begins
/// ("the levy was “a scam,”[ a view many Democrats share]"): a determiner
/// after a comma, a summing-up noun, and at most seven words with no
/// punctuation to the end.
pub(super) fn closing_summary_apposition(ctx: &Ctx, content: Range<usize>) -> Option<usize> {
    let toks = &ctx.toks;
    let end = if content.end > content.start && toks[content.end - 1].is_punct('.') {
        content.end - 1
    } else {
        content.end
    };
    let from = end.saturating_sub(12).max(content.start + 2);
    (from..end).find(|&det| {
        let noun = (det + 1..(det + 3).min(end))
            .find(|&n| toks[n].is_word() && SUMMARY_NOUNS.contains(&toks[n].lower));
        after_comma(ctx, det)
            && toks[det].is_word()
            && matches!(toks[det].lower, "a" | "an" | "this" | "that")
            && noun.is_some_and(|n| {
                let rest = &toks[n + 1..end];
                (det + 1..n).all(|i| toks[i].is_word() && !toks[i].cap)
                    && (1..=7).contains(&rest.len())
                    && rest.iter().all(|t| t.is_word())
            })
    })
}

/// Nouns that sum up what the clause before says or does: a charge, a
/// claim, a view, or a decision or move that others react to.
const SUMMARY_NOUNS: &[&str] = &[
    "decision",
    "move",
    "step",
    "plan",
    "proposal",
    "idea",
    "remark",
    "comment",
    "statement",
    "position",
    "stance",
    "warning",
    "promise",
    "pledge",
    "demand",
    "request",
    "offer",
    "threat",
    "ruling",
    "charge",
    "claim",
    "allegation",
    "accusation",
    "assertion",
    "contention",
    "characterization",
    "characterisation",
    "description",
    "assessment",
    "view",
    "argument",
    "suggestion",
    "notion",
    "prediction",
    "criticism",
    "complaint",
    "sentiment",
    "account",
    "version",
    "label",
];

/// The noun phrase that opens the sentence as the subject of a verb, for a
/// participle clause (", calling …") at `at` later in it: a pronoun, or a
/// determiner with capitalised words or at most two nouns, followed by a
/// lowercase word that is no function word (the verb).
fn sentence_subject(ctx: &Ctx, at: usize, sentence: &Range<usize>) -> Option<Range<usize>> {
    let toks = &ctx.toks;
    // "Here in Columbia, Sanders stepped up …": a fronted setting is no
    // subject; the clause's subject follows its comma.
    let mut s = sources::trim_leading(toks, sentence.start, at);
    // "Hours later, Trump …", "Two weeks ago, …": a fronted time phrase.
    if let Some(comma) = (s..at.min(s + 5)).find(|&k| toks[k].is_punct(',')) {
        if comma > s
            && matches!(toks[comma - 1].lower, "later" | "ago" | "earlier")
            && comma + 1 < at
            && toks[comma + 1].is_word()
        {
            s = sources::trim_leading(toks, comma + 1, at);
        }
    }
    let mut e = s;
    if toks[s].is_word()
        && sources::is_pronoun(&toks[s])
        && !matches!(toks[s].lower, "who" | "which" | "it")
    {
        e = s + 1;
    } else {
        if toks[s].is_word()
            && matches!(
                toks[s].lower,
                "the" | "a" | "an" | "his" | "her" | "their" | "its"
            )
        {
            e += 1;
        }
        let det = e;
        while e < at && toks[e].is_word() && toks[e].cap {
            e += 1;
        }
        // Nouns after a determiner ("The governor"), never after a name
        // ("Ms. Roe spoke").
        let mut nouns = if e > det { 2 } else { 0 };
        while e < at
            && nouns < 2
            && toks[e].is_word()
            && !toks[e].cap
            && !sources::is_function_word(toks[e].lower)
            && !toks[e].lower.ends_with("ed")
            && !(nouns > 0 && toks[e].lower.ends_with('s'))
        {
            e += 1;
            nouns += 1;
        }
    }
    let named = (s..e).any(|k| toks[k].cap && !toks[k].is("the")) || e > s + 1;
    let next = toks.get(e).filter(|_| e > s && e + 1 < at)?;
    let verb = next.is_word() && !next.cap && !sources::is_function_word(next.lower);
    (verb && named && ctx.quote_of(s).is_none()).then_some(s..e)
}

/// A quantifier standing alone as a subject ("one", "another", "others",
/// "many"), at the start of its clause: after the sentence start, a
/// comma, a quotation or "and"/"but".
fn is_quantifier_subject(ctx: &Ctx, i: usize, sentence: &Range<usize>) -> bool {
    let toks = &ctx.toks;
    let t = &toks[i];
    let quantifier = t.is_word() && words::QUANTIFIERS.contains(&t.lower);
    quantifier
        && (i == sentence.start || {
            let p = &toks[i - 1];
            p.is_punct(',') || p.is_quote() || p.is("and") || p.is("but")
        })
}

/// The end of an apposition or relative clause that closes the sentence
/// after an inverted source ("…,” said Will Doyle, a professor of
/// education at Vanderbilt.", "said Jim Whelan, who represents the
/// city."): PolNeAR's sources include it (in 722 train sources the
/// annotation runs on past the name, mostly so). Only when nothing else
/// follows: no quotation, no clause break, no other cue.
/// "Said Jane Roe, a neighbor, “…”": the apposition after an inverted
/// source that opens its sentence, through the comma before the quotation
/// (as a source's apposition is marked): words only, no quote mark or cue
/// between.
fn apposition_before_quote(ctx: &Ctx, e: usize) -> Option<usize> {
    let toks = &ctx.toks;
    if !toks.get(e)?.is_punct(',') {
        return None;
    }
    let comma =
        (e + 1..toks.len().min(e + 25)).find(|&i| !toks[i].is_word() || toks[i].is_quote())?;
    let plain = (e + 1..comma).all(|i| cues::lookup(toks[i].lower).is_none() || toks[i].cap);
    (toks[comma].is_punct(',') && comma > e + 1 && plain && ctx.open_quote_at(comma + 1).is_some())
        .then_some(comma + 1)
}

/// Prepositions that open the circumstances of a saying after its
/// source's apposition ("…, in a recent interview", "…, via email").
const CIRCUMSTANCE: &[&str] = &[
    "after",
    "at",
    "in",
    "on",
    "during",
    "before",
    "following",
    "prior",
    "via",
    "while",
    "when",
];

fn apposition_end(ctx: &Ctx, e: usize, sentence_end: usize) -> Option<usize> {
    let toks = &ctx.toks;
    let first = toks.get(e).filter(|_| e < sentence_end)?;
    if !(first.is_punct(',') || first.is("who")) {
        return None;
    }
    // "said Roe, after the vote": circumstances, no apposition.
    if first.is_punct(',')
        && toks
            .get(e + 1)
            .is_some_and(|t| !t.cap && CIRCUMSTANCE.contains(&t.lower))
    {
        return None;
    }
    let mut end = before_final_stop(toks, e, sentence_end);
    // "said Jane Roe, a veteran organizer, referring to the debate" /
    // "…, after the vote": a participle or a preposition after a later
    // comma opens the saying's own circumstances, where the apposition
    // ends. That comma closes the apposition and is marked with it (in 17
    // of 23 such train sources).
    if let Some(c) = (e + 2..end).find(|&i| {
        toks[i].is_punct(',')
            && toks.get(i + 1).is_some_and(|t| {
                t.is_word()
                    && !t.cap
                    && (t.lower.ends_with("ing")
                        || cues::lookup(t.lower).is_some()
                        || CIRCUMSTANCE.contains(&t.lower))
            })
    }) {
        end = c + 1;
    }
    let rest = e + 1..end;
    if rest.is_empty() || rest.len() > 40 {
        return None;
    }
    let blocked = rest.clone().any(|i| {
        let t = &toks[i];
        // The verb after "who" is the relative clause's own; a cue or a
        // participle right after the comma opens another report (", adding
        // that …"), no apposition.
        let opens_report = i == e + 1
            && first.is_punct(',')
            && t.is_word()
            && !t.cap
            && (cues::lookup(t.lower).is_some() || t.lower.ends_with("ing"));
        let another_cue =
            opens_report || i > e + 1 && !t.cap && t.is_word() && cues::lookup(t.lower).is_some();
        ctx.quote_of(i).is_some()
            || t.is_quote()
            || matches!(t.kind, Kind::Punct(';' | ':' | '(' | ')'))
            || another_cue
    });
    (!blocked && ctx.words_in(rest) > 0).then_some(end)
}

/// The start of the words before the quotation opening at `open` in its
/// sentence, when they are a clause the quotation completes: no cue word,
/// quotation or clause break among them.
fn lead_in(ctx: &Ctx, open: usize, relays: bool) -> Option<usize> {
    let toks = &ctx.toks;
    let sentence = ctx.sentence(open)?;
    // A quotation that a verb of the lead introduces ("… but added, “…,”
    // Pence said") is that verb's: the source after it only repeats who
    // spoke.
    let mut before_quote = open;
    while before_quote > sentence.start
        && matches!(toks[before_quote - 1].kind, Kind::Punct(',' | ':'))
    {
        before_quote -= 1;
    }
    let introduced = before_quote < open
        && before_quote > sentence.start
        && cues::lookup(toks[before_quote - 1].lower).is_some();
    let relays = relays && !introduced;
    // A stance among the words ("Lee believes the plan is “dead,” Hoover
    // said") is part of what was reported. So is a report when a named
    // speaker `relays` it and no clause break sets it apart ("He called
    // the plan “…,” Hoover said": the quotation is the inner speaker's
    // words, which Hoover passes on); elsewhere a speech verb makes the
    // words a report of their own.
    let clean = |lead: Range<usize>, relays: bool| {
        ctx.words_in(lead.clone()) >= 1
            && !lead.clone().any(|t| {
                let tok = &toks[t];
                tok.is_quote()
                    || matches!(tok.kind, Kind::Punct(':' | ';'))
                    || !relays
                        && tok.is_word()
                        && !tok.cap
                        && cues::lookup(tok.lower).is_some_and(|c| {
                            c.strength == Strength::Strong || c.addressee
                        })
                        // "a note card", "in one such email": after a determiner, a noun.
                        && !(t > 0
                            && (sources::is_determiner(&toks[t - 1]) || toks[t - 1].is("such")))
            })
    };
    if clean(sentence.start..open, false) {
        return Some(sentence.start);
    }
    // "Members are asked to rank them, and the group is less likely to be
    // “overrun,” Hoover said": the clause after the last ", and" or ", but"
    // when what comes before it holds another report.
    let after_break = (sentence.start + 1..open).rev().find_map(|b| {
        let coordinated = toks[b].is_punct(',')
            && toks.get(b + 1).is_some_and(|n| n.is("and") || n.is("but"))
            && ctx.quote_of(b).is_none();
        coordinated.then_some(b + 2)
    });
    match after_break {
        Some(b) if clean(b..open, false) => Some(b),
        _ => clean(sentence.start..open, relays).then_some(sentence.start),
    }
}

/// Whether a nounish lemma's base or third-person form at `at` ("support",
/// "reports", "plans") is the verb of its clause: after a subject ("voters
/// support Clinton", "the FEC reports", "he plans to") or a modal ("would
/// support"), and before what it takes, not before the preposition of a
/// noun ("support for", "the plan of").
pub(super) fn nounish_as_verb(ctx: &Ctx, at: usize, sentence: &Range<usize>) -> bool {
    let toks = &ctx.toks;
    let t = &toks[at];
    if t.cap || at == sentence.start || at + 1 >= sentence.end {
        return false;
    }
    let next = &toks[at + 1];
    let takes = next.is_word()
        && !matches!(
            next.lower,
            "for"
                | "of"
                | "from"
                | "among"
                | "on"
                | "in"
                | "at"
                | "with"
                | "is"
                | "was"
                | "and"
                | "or"
        );
    if !takes {
        return false;
    }
    let mut k = at - 1;
    while k > sentence.start && toks[k].is_word() && learned::is_adverb(&toks[k]) {
        k -= 1;
    }
    let prev = &toks[k];
    if !prev.is_word() {
        return false;
    }
    let third = t.lower.ends_with('s');
    // A modal or "do" before the base form ("would support", "didn't
    // back"); "be" and "have" take a noun ("is support", "has plans").
    let stem = prev.lower.trim_end_matches("n't").trim_end_matches("n’t");
    let modal = !third
        && (FINITE_AUX.contains(&stem) || stem == "ca" || stem == "wo")
        && !BE.contains(&stem)
        && !matches!(stem, "has" | "have" | "had");
    let pronoun = if third {
        matches!(prev.lower, "he" | "she" | "it" | "who" | "which")
    } else {
        matches!(prev.lower, "i" | "we" | "they" | "you" | "who")
    };
    // "voters support", "the FEC reports", "Clinton plans": a noun subject
    // that no determiner or possessive ends ("their support", "the plan").
    let noun_subject = !sources::is_stop_word(prev.lower)
        && !sources::is_determiner(prev)
        && !words::POSSESSIVES.contains(&prev.lower)
        && (if third {
            prev.cap || !prev.lower.ends_with('s')
        } else {
            prev.lower.ends_with('s') && !prev.lower.ends_with("ss")
                || matches!(prev.lower, "polled" | "surveyed" | "people")
        });
    modal || pronoun || noun_subject
}

#[cfg(test)]
mod tests {
    use crate::attribute::tests::{run, triples};

    #[test]
    fn a_quotation_ending_its_sentence_is_not_the_next_ones_content() {
        let doc = run("Title\n\nThe order covers “gender identity.” Cruz says he isn’t familiar with the details.");
        assert_eq!(
            triples(&doc),
            [(Some("Cruz"), "says", "he isn’t familiar with the details")]
        );
    }
}
