//! Cues that are no active verb: "according to X", a headline's "Name: …",
//! and the passive "was announced by X".

use std::ops::Range;

use super::clause::{
    before_final_stop, content_end, is_whole_quote, quote_after, Found, MAX_CLAUSE,
};
use super::context::Ctx;
use super::cues;
use super::sources;
use super::tokens::Kind;
use super::words::{possessor_stem, BE, BETWEEN};

/// "was announced by China's foreign minister": content is the subject.
pub(super) fn passive_cue(
    ctx: &Ctx,
    at: usize,
    subject_end: usize,
    sentence: Range<usize>,
) -> Option<Found> {
    let toks = &ctx.toks;
    // "Voters who were intrigued by Mr. Trump …": a relative clause's
    // passive leaves no subject to be its content.
    if subject_end > sentence.start
        && matches!(toks[subject_end - 1].lower, "who" | "which" | "that")
    {
        return None;
    }
    // "Roe was called “reckless” by Lee": a naming verb's quotation before
    // the agent is what the agent said, not the subject named.
    let naming = matches!(
        toks[at].lower,
        "called" | "dubbed" | "labeled" | "labelled" | "branded" | "described"
    );
    let open = if ctx.word(at + 1, "as") {
        at + 2
    } else {
        at + 1
    };
    if let Some(q) = ctx.open_quote_at(open).filter(|_| naming) {
        let close = ctx.quoted[q].close;
        if ctx.word(close + 1, "by") {
            if let Some((s, e)) = sources::forward(toks, close + 2, sentence.end) {
                return Some(Found {
                    content: open..close + 1,
                    cue: at..at + 1,
                    source: Some(s..e),
                    antecedent: None,
                    direct: true,
                });
            }
        }
    }
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
    let (s, e) = sources::forward(toks, at + 2, sentence.end)
        .or_else(|| gerund_source(ctx, at + 2, sentence.end))?;
    // A lone word before it ("Now, according to the poll, …") is too
    // little to be what was reported: the report is the clause after the
    // source, which takes the word in later
    // ([`super::combine`]'s take_the_lead_before_parenthetical).
    let leading = (sentence.start..at)
        .all(|i| !toks[i].is_word() || toks[i].is("but") || toks[i].is("and"))
        || ctx.words_in(sentence.start..at) < 2;
    let mut e = e;
    let content = if leading {
        let k = match closing_comma(ctx, e, sentence.end) {
            Some(c) => {
                e = c;
                c + 1
            }
            None => e,
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

/// The comma that closes an opening phrase whose words end at `e`
/// ("According to early results of exit polls conducted for the AP and
/// television networks by Edison Research, …"): the phrase runs past
/// words the phrase finder stops at, but not past a quotation, a dash or a
/// parenthesis, nor to a comma inside a list ("friends, aides and allies").
fn closing_comma(ctx: &Ctx, e: usize, sentence_end: usize) -> Option<usize> {
    let toks = &ctx.toks;
    let commas: Vec<usize> = (e..sentence_end.min(e + 16))
        .take_while(|&k| {
            !toks[k].is_quote()
                && ctx.quote_of(k).is_none()
                && !matches!(toks[k].kind, Kind::Punct('—' | '–' | '(' | ':' | ';'))
        })
        .filter(|&k| toks[k].is_punct(','))
        .collect();
    // A participle after a comma, up to the next one, still describes the
    // phrase: "In the new poll, conducted March 11-13, …".
    commas.iter().enumerate().find_map(|(n, &c)| {
        let list_tail = commas.get(n + 1).is_some_and(|&next| {
            next - c <= 6 && (c + 1..next).any(|k| toks[k].is("and") || toks[k].is("or"))
        });
        let participle = commas.get(n + 1).is_some()
            && toks.get(c + 1).is_some_and(|t| {
                t.is_word() && !t.cap && (t.lower.ends_with("ed") || t.lower.ends_with("ing"))
            });
        (!list_tail && !participle).then_some(c)
    })
}

/// Words that name a poll or a tally of them, whose findings the corpus
/// attributes with "in": "In a new Fox News poll, Trump leads …", "…
/// leads in the polls."
const POLL_NOUNS: &[&str] = &[
    "poll", "polls", "survey", "surveys", "average", "averages", "rankings",
];

/// "In a CNN poll released Sunday, Clinton led …" and "Trump has a
/// decisive lead in the polls.": the poll is the source of the finding,
/// "in" its cue. Only a finding with no cue of its own: in "In a new
/// poll, 46 percent said …" the voters' report is the one the rules find.
pub(super) fn in_a_poll(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let (s, e) = sources::forward(toks, at + 1, sentence.end)?;
    // The poll heads the phrase: "fourth in most surveys" is a place.
    let head = (s..e)
        .take_while(|&k| !matches!(toks[k].lower, "in" | "of" | "for" | "from" | "by" | "at"))
        .find(|&k| POLL_NOUNS.contains(&toks[k].lower));
    head?;
    let opening =
        (sentence.start..at).all(|i| !toks[i].is_word() || toks[i].is("but") || toks[i].is("and"));
    let (source, content) = if opening {
        let c = closing_comma(ctx, e, sentence.end)?;
        (s..c, c + 1..content_end(ctx, c + 1, sentence.end))
    } else {
        // At the end of its sentence only: "… in the polls." A poll in mid
        // sentence ("her lead in the polls has grown") is the writer's.
        if before_final_stop(toks, e, sentence.end) != e {
            return None;
        }
        // The finding is the clause the poll ends, after any opening
        // phrase or conjunction ("In the fall, Lee held a lead …").
        let mut start = (sentence.start..at)
            .rev()
            .find(|&k| toks[k].is_punct(',') || toks[k].is_punct('—'))
            .map_or(sentence.start, |k| k + 1);
        while start < at
            && matches!(
                toks[start].lower,
                "but" | "and" | "although" | "though" | "while" | "because" | "since"
            )
        {
            start += 1;
        }
        (s..e, start..at)
    };
    let has_cue = content
        .clone()
        .any(|k| toks[k].is_word() && !toks[k].cap && cues::lookup(toks[k].lower).is_some());
    // A relative clause or a participle is no finding of its own.
    let opens_clause = toks.get(content.start).is_some_and(|t| {
        t.is_word()
            && !t.cap
            && (matches!(t.lower, "who" | "which" | "where" | "when" | "that" | "but")
                || t.lower.ends_with("ing")
                || t.lower.ends_with("ed"))
    });
    if ctx.words_in(content.clone()) < 3
        || opens_clause
        || has_cue
        || content
            .clone()
            .any(|k| ctx.quote_of(k).is_some() || toks[k].is_quote())
    {
        return None;
    }
    Some(Found {
        content,
        cue: at..at + 1,
        source: Some(source),
        antecedent: None,
        direct: false,
    })
}

/// "according to polling by the union", "according to reporting from the
/// Ledger": a gerund the phrase finder does not take for a noun, with who
/// did it.
fn gerund_source(ctx: &Ctx, at: usize, limit: usize) -> Option<(usize, usize)> {
    let toks = &ctx.toks;
    let gerund = toks.get(at).is_some_and(|t| {
        at < limit && t.is_word() && !t.cap && t.lower.ends_with("ing") && t.lower.len() > 5
    });
    if !gerund {
        return None;
    }
    let by = at + 1;
    let agent = toks
        .get(by)
        .filter(|t| by < limit && t.is_word() && matches!(t.lower, "by" | "from" | "of"))
        .and_then(|_| sources::forward(toks, by + 1, limit));
    Some(agent.map_or((at, at + 1), |(_, e)| (at, e)))
}

/// Headlines and interview transcripts: "Trump: …", "Q: …".
pub(super) fn headline_colon(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let before = sentence.start..at;
    if before.is_empty() {
        return None;
    }
    // Only a name: every word capitalised, no verb cue (that case is the
    // verb's), and a clause after the colon.
    let name = |r: Range<usize>| {
        !r.is_empty()
            && r.len() <= 5
            && toks[r]
                .iter()
                .all(|t| t.is_word() && t.cap && cues::lookup(t.lower).is_none())
    };
    if !name(before.clone()) {
        // A round-up's verbless label, "Name, Outlet: “…”": the name before
        // the comma is the source, and only a quotation follows.
        let comma = before.clone().find(|&k| toks[k].is_punct(','))?;
        let label = comma + 1..at;
        let capitalised = |r: Range<usize>| {
            !r.is_empty() && r.len() <= 6 && toks[r].iter().all(|t| t.is_word() && t.cap)
        };
        if !(name(before.start..comma) && capitalised(label)) {
            return None;
        }
        let q = ctx.open_quote_at(at + 1)?;
        return Some(quote_after(ctx, q, at, before.start..comma, None));
    }
    // Live-blog, banner and page labels are no speakers ("The Latest: …",
    // "Correction: …", "Paid Notice: …", "Delegate Update: …").
    let label: Vec<&str> = toks[before.clone()].iter().map(|t| t.lower).collect();
    let label_word = |w: &str| {
        matches!(
            w,
            "update"
                | "updates"
                | "correction"
                | "corrections"
                | "clarification"
                | "notice"
                | "note"
                | "contributing"
                | "remember"
                | "related"
        )
    };
    if matches!(
        label.as_slice(),
        ["the", "latest"] | ["breaking"] | ["watch"] | ["exclusive"]
    ) || label.last().is_some_and(|w| label_word(w))
    {
        return None;
    }
    let start = at + 1;
    let end = content_end(ctx, start, sentence.end);
    if ctx.words_in(start..end) < 3 {
        return None;
    }
    // An interview answer that opens with a report of its own ("A: I
    // think …"): that report, with its subject, is the attribution; the
    // label would take its place and hide "I". An answer that only holds
    // one further on ("A: Well, I think …") is the label's.
    let answer_reports = matches!(label.as_slice(), ["a"])
        && toks
            .get(start)
            .is_some_and(|t| matches!(t.lower, "i" | "we"))
        && toks.get(start + 1).is_some_and(|t| {
            matches!(
                t.lower,
                "think"
                    | "believe"
                    | "guess"
                    | "suppose"
                    | "know"
                    | "say"
                    | "said"
                    | "expect"
                    | "hope"
                    | "doubt"
            )
        });
    if answer_reports {
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

/// A cue phrase that ends in a colon before a quotation that ends the
/// sentence: "The mayor had a simple message for the council: “…”", "Roe
/// was blunt: “…”". The subject that opens the sentence is the source, the
/// words from its verb to the colon the cue. Only where the subject names
/// someone (a name, a personal pronoun) or the phrase holds a word for
/// something said ("message", "warning"): "The rule is simple: “…”"
/// quotes no one.
pub(super) fn colon_cue(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    const SAID: &[&str] = &[
        "message",
        "warning",
        "statement",
        "words",
        "assessment",
        "advice",
        "response",
        "reply",
        "answer",
        "explanation",
        "prediction",
        "promise",
        "plea",
        "question",
        "reminder",
        "comment",
        "comments",
        "remarks",
        "retort",
        "verdict",
        "view",
        "argument",
        "pitch",
        "appeal",
        "vow",
        "pledge",
        "challenge",
        "announcement",
        "suggestion",
        "criticism",
        "complaint",
        "description",
        "summary",
        "take",
        "thoughts",
        "opinion",
        "account",
        "version",
        "tweet",
        "post",
        "note",
        "say",
        "this",
    ];
    let toks = &ctx.toks;
    let q = ctx.open_quote_at(at + 1)?;
    let r = &ctx.quoted[q];
    // The quotation ends the sentence.
    if !r.closed || !(r.close + 1..sentence.end).all(|i| matches!(toks[i].kind, Kind::Punct(_))) {
        return None;
    }
    let start = sources::trim_leading(toks, sentence.start, at);
    let (s, e) = sources::forward(toks, start, at)?;
    // "Roe's words: “…”", "The mayor's response: “…”": a possessor and a
    // word for what was said are the whole phrase before the colon.
    if s == start
        && e == at
        && e - s >= 2
        && SAID.contains(&toks[e - 1].lower)
        && possessor_stem(toks[e - 2].lower).is_some()
        && toks[s..e - 1].iter().any(|t| t.cap)
    {
        return Some(Found {
            cue: e - 1..at + 1,
            ..quote_after(ctx, q, at, s..e - 1, None)
        });
    }
    let phrase = e..at;
    if s != start
        || phrase.is_empty()
        || phrase.len() > 8
        || !toks[phrase.clone()].iter().all(|t| t.is_word())
        || toks[e].cap
        || toks[phrase.clone()]
            .iter()
            .any(|t| cues::lookup(t.lower).is_some())
    {
        return None;
    }
    let subject = &toks[s..e];
    let names = subject.iter().skip(1).any(|t| t.cap)
        || subject[0].cap && !sources::is_determiner(&subject[0])
        || subject.len() == 1 && matches!(subject[0].lower, "he" | "she" | "they" | "i" | "we");
    let says = toks[phrase.clone()].iter().any(|t| SAID.contains(&t.lower));
    if !(names || says) {
        return None;
    }
    Some(Found {
        cue: e..at + 1,
        ..quote_after(ctx, q, at, s..e, None)
    })
}

/// An attitude adjective after "be": "Roe is worried that the vote will
/// be delayed", "Aides are confident the plan will pass", "Lee was
/// critical of the budget". The subject before "be" holds the attitude;
/// what follows the adjective ("that …", "of …", "about …") is its
/// content. "worried" and "convinced" are lexicon verbs, whose passive
/// ("is worried by") has no source: as adjectives they do.
pub(super) fn attitude_cue(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    const ATTITUDE: &[&str] = &[
        "worried",
        "concerned",
        "convinced",
        "confident",
        "optimistic",
        "pessimistic",
        "skeptical",
        "sceptical",
        "hopeful",
        "certain",
        "sure",
        "aware",
        "afraid",
        "fearful",
        "critical",
        "supportive",
        "dismissive",
        "doubtful",
        "adamant",
        "unconvinced",
        "unsure",
        "uncertain",
        "wary",
        "angry",
        "upset",
        "frustrated",
        "disappointed",
        "pleased",
        "proud",
        "eager",
        "determined",
        "opposed",
        "unhappy",
        "furious",
        "nervous",
        "alarmed",
        "troubled",
        "encouraged",
        "enthusiastic",
        "reluctant",
    ];
    let toks = &ctx.toks;
    let t = &toks[at];
    if !t.is_word() || t.cap || !ATTITUDE.contains(&t.lower) {
        return None;
    }
    let next = toks.get(at + 1).filter(|_| at + 1 < sentence.end)?;
    let object = next.is_word()
        && matches!(
            next.lower,
            "that" | "about" | "of" | "over" | "with" | "to" | "toward" | "towards"
        );
    // "confident the plan will pass": a clause right after, its subject a
    // determiner, a pronoun or a name.
    let clause =
        next.is_word() && (sources::is_determiner(next) || sources::is_pronoun(next) || next.cap);
    if !(object || clause) {
        return None;
    }
    // Back over adverbs ("deeply", "very", "not") to "be", then over its
    // auxiliaries ("has been", "will be").
    let mut j = at;
    while j > sentence.start
        && toks[j - 1].is_word()
        && (toks[j - 1].lower.ends_with("ly")
            || matches!(
                toks[j - 1].lower,
                "very"
                    | "so"
                    | "not"
                    | "more"
                    | "less"
                    | "also"
                    | "still"
                    | "increasingly"
                    | "quite"
                    | "too"
            ))
    {
        j -= 1;
    }
    let be = |t: &super::tokens::Tok| {
        t.is_word()
            && (BE.contains(&t.lower)
                || matches!(
                    t.lower,
                    "am" | "remain"
                        | "remains"
                        | "remained"
                        | "became"
                        | "become"
                        | "becomes"
                        | "grew"
                ))
    };
    if j == sentence.start || !be(&toks[j - 1]) {
        return None;
    }
    j -= 1;
    while j > sentence.start && toks[j - 1].is_word() && BETWEEN.contains(&toks[j - 1].lower) {
        j -= 1;
    }
    let (s, e) = sources::subject_backward(toks, j, sentence.start)?;
    // "It is clear that …", "There is concern …": no one holds it.
    if matches!(toks[s].lower, "it" | "there" | "this" | "that" | "which") {
        return None;
    }
    let k = at + 1;
    let end = content_end(ctx, k, sentence.end);
    if ctx.words_in(k..end) < 2 {
        return None;
    }
    // The preposition is the cue's ("critical of"); "that" and the "to"
    // of "eager to run" open the content, as the annotations mark it.
    let preposition = object && !next.is("that") && (!next.is("to") || t.is("opposed"));
    let start = if preposition { k + 1 } else { k };
    Some(Found {
        content: start..end,
        cue: at..at + 1,
        source: Some(s..e),
        antecedent: None,
        direct: false,
    })
}

/// A quotation signed after a dash, "“We will be back.” — Jane Roe": the
/// name that ends the paragraph after the dash is the source.
pub(super) fn dash_signature(ctx: &Ctx, at: usize) -> Option<Found> {
    let toks = &ctx.toks;
    if !matches!(toks[at].kind, Kind::Punct('—' | '–')) || at == 0 {
        return None;
    }
    let q = ctx.close_quote_at(at - 1)?;
    let para_end = ctx.para_range(at).end;
    let (s, e) = sources::forward(toks, at + 1, para_end)?;
    // The name is all that follows, up to a final period or comma-set
    // description ("— Jane Roe, a neighbor").
    let rest_is_description =
        (e..para_end).all(|i| toks[i].is_word() || toks[i].is_punct(',') || toks[i].is_punct('.'));
    if !toks[s].cap || e - s > 6 || !rest_is_description || para_end - e > 8 {
        return None;
    }
    Some(quote_after(ctx, q, at, s..e, None))
}

/// A Title-Case headline cue: "Senator Slams Budget Plan", "Mayor Says
/// Taxes Will Rise". The capitalised verb is a lexicon verb in the third
/// person, the words before it (all of the sentence's start) the source
/// and the rest of the headline the content. Only in a sentence whose
/// longer words are nearly all capitalised, where capitals say nothing
/// about names.
pub(super) fn title_case_cue(ctx: &Ctx, at: usize, sentence: Range<usize>) -> Option<Found> {
    let toks = &ctx.toks;
    let t = &toks[at];
    if !t.cap || at == sentence.start {
        return None;
    }
    // "Mayor Says …", or after a plural subject the base form: "Residents
    // Say …", "Democrats Urge …".
    let plural_subject = {
        let p = &toks[at - 1];
        p.is_word() && p.cap && p.lower.ends_with('s') && !p.lower.ends_with("ss")
    };
    let base = plural_subject && cues::lookup(t.lower).is_some_and(|c| c.form == cues::Form::Base);
    if !(cues::is_third_person(t.lower) || base) {
        return None;
    }
    // "the United States", "Clinton’s Attacks": a noun, not a verb.
    let p = &toks[at - 1];
    if p.is("united") || p.lower.ends_with("'s") || p.lower.ends_with("’s") {
        return None;
    }
    if sentence.len() > 30 || !is_title_case(ctx, sentence.clone()) {
        return None;
    }
    // "Trump Is Unfit To Lead, Jane Roe Says": the verb ends the headline
    // and its source follows the comma; what was said is before it.
    let ends_headline = (at + 1..sentence.end).all(|i| matches!(toks[i].kind, Kind::Punct(_)));
    if ends_headline {
        let comma = (sentence.start..at)
            .rev()
            .find(|&i| toks[i].is_punct(','))?;
        let source = comma + 1..at;
        let named = !source.is_empty()
            && source.len() <= 5
            && toks[source.clone()].iter().all(|t| t.is_word() && t.cap);
        if !named || ctx.words_in(sentence.start..comma) < 2 {
            return None;
        }
        return Some(Found {
            content: sentence.start..comma,
            cue: at..at + 1,
            source: Some(source),
            antecedent: None,
            direct: is_whole_quote(ctx, sentence.start..comma),
        });
    }
    // The source: the words from the sentence start, a name or a noun
    // phrase, with no quotation or clause punctuation in it.
    let source = sentence.start..at;
    if source.len() > 8
        || toks[source.clone()].iter().any(|t| {
            t.is_quote() || matches!(t.kind, Kind::Punct(',' | ':' | ';' | '.' | '!' | '?'))
        })
        || toks[source.clone()]
            .iter()
            .any(|t| t.is_word() && cues::is_third_person(t.lower))
    {
        return None;
    }
    let start = at + 1;
    let end = content_end(ctx, start, sentence.end);
    if ctx.words_in(start..end) < 1 {
        return None;
    }
    Some(Found {
        content: start..end,
        cue: at..at + 1,
        source: Some(source),
        antecedent: None,
        direct: is_whole_quote(ctx, start..end),
    })
}

/// Whether at least nine tenths of the sentence's words of four letters or
/// more (outside quotations) are capitalised, and there are at least three.
fn is_title_case(ctx: &Ctx, sentence: Range<usize>) -> bool {
    let (mut long, mut cap) = (0, 0);
    for i in sentence {
        let t = &ctx.toks[i];
        if t.is_word() && ctx.quote_of(i).is_none() && t.lower.chars().count() >= 4 {
            long += 1;
            cap += usize::from(t.cap);
        }
    }
    long >= 3 && cap * 10 >= long * 9
}
