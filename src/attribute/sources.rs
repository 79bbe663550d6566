//! Source noun phrases next to a cue: backwards from "… said", forwards
//! from "said …" / "according to …", with appositions and relative pronouns.

use super::tokens::{Dir, Kind, Tok};
use super::words::BE;

pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which"];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "some", "two", "three", "four", "five", "several", "many", "most",
    "other", "another", "all", "both", "his", "her", "their", "its", "our", "my", "your", "this",
    "these", "those", "each", "every", "few", "more", "any", "such", "top", "senior",
];

/// Lowercase words that end a noun phrase when walking over it: clause
/// words, auxiliaries, prepositions that do not build names, and cue verbs.
const STOP: &[&str] = &[
    "that",
    "when",
    "where",
    "while",
    "because",
    "but",
    "if",
    "as",
    "after",
    "before",
    "since",
    "although",
    "though",
    "so",
    "than",
    "then",
    "to",
    "by",
    "on",
    "into",
    "about",
    "over",
    "under",
    "without",
    "not",
    "also",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "and",
    "or",
    "nor",
    "yet",
    "what",
    "how",
    "why",
    "whether",
    "there",
    "here",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "now",
    "just",
    "even",
    "still",
    "only",
    "never",
    "again",
    "however",
    "meanwhile",
    "instead",
    "too",
    "very",
    "with",
    "up",
    "out",
    "down",
    "him",
    "them",
    "us",
    "me",
    "whom",
    "whose",
    "ago",
    "last",
    "next",
    "this",
    "week",
    "year",
    "month",
    "day",
    "today",
    "yesterday",
    "tonight",
    "against",
    "during",
    "through",
    "until",
    "like",
    "unlike",
    "despite",
    "among",
    "between",
    "around",
    "toward",
    "towards",
    "via",
    "ever",
    "always",
    "already",
    "often",
    "sometimes",
    "perhaps",
    "maybe",
    "almost",
    "soon",
    "once",
    "rather",
    "quite",
    "together",
];

/// A closed-class word (a conjunction, preposition, auxiliary, pronoun or
/// adverb of [`STOP`]): part of no source phrase and no cue of its own ("the
/// first time they have ever agreed" has no cue "ever" and no source "ever").
pub fn is_stop_word(w: &str) -> bool {
    STOP.contains(&w)
}

/// Prepositions allowed inside a source phrase ("a spokeswoman for Fiorina",
/// "many in the U.S. Congress", "leaders of the Senate").
const INNER: &[&str] = &["of", "for", "at", "in", "from", "and", "&"];

/// Prepositions, articles and conjunctions: never a cue by themselves.
pub fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "to" | "of"
            | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "but"
            | "for"
            | "with"
            | "by"
            | "at"
            | "from"
            | "as"
            | "that"
            | "this"
            | "it"
            | "its"
            | "his"
            | "her"
            | "their"
    )
}

pub fn is_pronoun(t: &Tok) -> bool {
    t.is_word() && PRONOUNS.contains(&t.lower)
}

pub fn is_determiner(t: &Tok) -> bool {
    t.is_word() && DETERMINERS.contains(&t.lower)
}

fn is_np_word(t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    if t.cap || t.lower.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let w = t.lower;
    let function_word = STOP.contains(&w) || PRONOUNS.contains(&w);
    let adverb = super::learned::is_adverb(t);
    // "conservative-leaning", "long-standing": a hyphenated -ing word is
    // an adjective.
    let verb = super::cues::lookup(w).is_some_and(|_| !is_role_like(w))
        || w.ends_with("ing") && !w.contains('-');
    !(function_word || adverb || verb)
}

/// Nouns that are also cue spellings ("critics", "supporters" are not; but
/// "report", "poll" and "call" are), allowed inside a phrase.
fn is_role_like(w: &str) -> bool {
    matches!(
        w,
        "report"
            | "reports"
            | "poll"
            | "polls"
            | "comment"
            | "comments"
            | "statement"
            | "support"
            | "backers"
            | "post"
    )
}

/// A source phrase ending right before `end` (exclusive), not reaching back
/// before `floor`: `(first, last + 1)` token indices.
pub fn backward(toks: &[Tok], end: usize, floor: usize) -> Option<(usize, usize)> {
    if end == 0 || end <= floor {
        return None;
    }
    let last = &toks[end - 1];
    if is_pronoun(last) {
        return Some((end - 1, end));
    }
    // "Tang, the foreign minister, said": a name, then an apposition.
    if last.is_punct(',') {
        return participle_head(toks, end - 1, floor)
            .or_else(|| apposition(toks, end - 1, floor))
            .or_else(|| relative(toks, end, floor))
            .or_else(|| party_tagged(toks, end - 1, floor))
            .or_else(|| long_apposition(toks, end - 1, floor));
    }
    // "Roe — a longtime critic — said": an apposition between dashes.
    if matches!(last.kind, Kind::Punct('—' | '–')) && end >= floor + 4 {
        let open = (floor.max(end.saturating_sub(14))..end - 1)
            .rev()
            .find(|&k| matches!(toks[k].kind, Kind::Punct('—' | '–')))?;
        let inside = &toks[open + 1..end - 1];
        if inside.is_empty() || !inside.iter().all(|t| t.is_word() || t.is_punct(',')) {
            return None;
        }
        let start = np_back(toks, open, floor)?;
        if !toks[start..open].iter().any(|t| t.cap) {
            return None;
        }
        return Some((trim_leading(toks, start, open), end));
    }
    // "Doe, who called it “a disaster,” said": a relative clause whose
    // closing comma stands inside the quotation that ends it. The clause
    // must begin before the quotation: one that opens the clause ("“…,”
    // said Doe") is the report's content, and a "who" inside it is no
    // subject.
    if last.is_quote() && end >= floor + 2 && toks[end - 2].is_punct(',') {
        let open = (floor..end - 1).rev().find(|&k| toks[k].is_quote())?;
        // At least "Doe, who called" (or "Roe, dubbed") before the mark.
        if open < floor + 3
            || matches!(
                toks[open].kind,
                Kind::Quote {
                    dir: Dir::Close,
                    ..
                }
            )
        {
            return None;
        }
        return relative(toks, open, floor)
            .map(|(s, _)| (s, end))
            .or_else(|| participle_head(toks, open, floor));
    }
    // "Rep. Earl Blumenauer (D-Ore.)": a name before a parenthesis.
    if last.is_punct(')') {
        let open = parenthesis_before(toks, end, floor)?;
        let start = np_back(toks, open, floor)?;
        return Some((trim_leading(toks, start, open), end));
    }
    let start = np_back(toks, end, floor)?;
    let start = trim_leading(toks, start, end);
    Some((start, end))
}

/// "Doe, citing the polls, said", "Doe, speaking in Ohio, said": the
/// phrase before a participle that stands between commas, up to `end` (the
/// closing comma, or the quotation mark the participle's object opens
/// with). The participle's phrase is no part of the speaker, unlike an
/// apposition ("Doe, the senator, said").
fn participle_head(toks: &[Tok], end: usize, floor: usize) -> Option<(usize, usize)> {
    let comma = (floor.max(end.saturating_sub(20))..end)
        .rev()
        .find(|&k| toks[k].is_punct(','))?;
    // "Doe, when asked about it, said": a subordinator before the
    // participle.
    let mut at = comma + 1;
    if toks.get(at).is_some_and(|t| {
        t.is_word()
            && matches!(
                t.lower,
                "when" | "while" | "after" | "before" | "if" | "once" | "though"
            )
    }) {
        at += 1;
    }
    let p = toks.get(at)?;
    // "Doe, asked whether …, said": a passive participle and the
    // question or agent it takes.
    // "Roe, dubbed “the Iron Lady,” said": one that names the phrase
    // before it with a quotation.
    let passive = p.is_word()
        && !p.cap
        && p.lower.ends_with("ed")
        && toks.get(at + 1).is_some_and(|n| {
            n.is_word()
                && matches!(
                    n.lower,
                    "whether" | "about" | "if" | "by" | "why" | "how" | "what"
                )
                || n.is_quote() && (super::words::NAMING.contains(&p.lower) || p.lower == "called")
        });
    if passive {
        let start = np_back(toks, comma, floor)?;
        return Some((trim_leading(toks, start, comma), comma));
    }
    let participle = p.is_word() && !p.cap && p.lower.len() > 4 && p.lower.ends_with("ing");
    // A verb takes an object or a phrase ("citing the polls", "speaking in
    // Ohio", "calling it “…”"); an -ing adjective opens a role ("Robert
    // Peck, managing director at …, said"), which is an apposition.
    let takes_object = toks.get(at + 1).is_some_and(|n| {
        n.is_quote()
            || n.is_word()
                && (is_function_word(n.lower)
                    || is_determiner(n)
                    || is_pronoun(n)
                    || matches!(
                        n.lower,
                        "in" | "on" | "about" | "after" | "before" | "during"
                    ))
    });
    if !participle || !takes_object || comma <= floor {
        return None;
    }
    // "Sen. Roy Blunt (R-Mo.), facing …,": the name's party tag belongs
    // to it.
    let head_end = if toks[comma - 1].is_punct(')') {
        parenthesis_before(toks, comma, floor)?
    } else {
        comma
    };
    let start = np_back(toks, head_end, floor)?;
    Some((trim_leading(toks, start, head_end), comma))
}

/// The subject phrase ending right before `end`: [`backward`]'s phrase,
/// unless a preposition governs it. In "voters who were charmed by Mr. Lee
/// now regard him …" the phrase before "regard" is "by"'s object; the ones
/// who regard are the voters.
pub fn subject_backward(toks: &[Tok], end: usize, floor: usize) -> Option<(usize, usize)> {
    // Nor a phrase that is left with a preposition at its front ("Instead
    // of calling …": "of").
    // "residents who were voting as independents in … complained": "as"
    // after a participle takes an object, where "As Roe said" opens a
    // clause.
    let object_of_as = |s: usize| {
        s > floor + 1
            && toks[s - 1].is("as")
            && toks[s - 2].is_word()
            && !toks[s - 2].cap
            && (toks[s - 2].lower.ends_with("ing") || toks[s - 2].lower.ends_with("ed"))
    };
    let is_subject = |s: usize| {
        !(object_of_as(s) || s > floor && is_object_preposition(&toks[s - 1]))
            && !(toks[s].is_word()
                && (INNER.contains(&toks[s].lower) || is_object_preposition(&toks[s])))
    };
    let (s, e) = backward(toks, end, floor)?;
    let and = (s..e)
        .rev()
        .find(|&k| toks[k].is("and") || toks[k].is_punct('&'));
    // "… does not care and Lee said": a first conjunct after an auxiliary
    // or a negation is a verb, not a name.
    let after_verb = s > floor && {
        let p = &toks[s - 1];
        p.is_word()
            && (p.lower == "not"
                || p.lower.ends_with("n't")
                || p.lower.ends_with("n’t")
                || super::words::FINITE_AUX.contains(&p.lower)
                // "Trump wants the votes and Nieto wants …": a verb that
                // takes a noun phrase as its object (not a clause, as "said
                // his band and Burton wrote …" does) has the first conjunct.
                || !p.cap && takes_noun_object(p.lower))
    };
    if is_subject(s) && !(after_verb && and.is_some()) {
        return Some((coordinated_start(toks, s, e, floor), e));
    }
    // "Roe said the party ignores the town and Lee said …": the phrase
    // before the verb coordinates an object ("the town") with the verb's
    // own subject, which is then the last conjunct.
    let and = and?;
    (and + 1 < e && toks[and + 1].is_word() && is_subject(and + 1)).then_some((and + 1, e))
}

/// The start of a coordinated subject whose last conjunct is `s..e`:
/// "Roe, a Democrat, and Lee, a Republican, said", "Jane Roe, a lawyer,
/// and her husband said", "Roe, Lee and Park said". [`backward`] stops at
/// the comma before the last conjunct and would hide the other speakers.
/// The subject must open its sentence (or follow a quotation), so that an
/// object before the comma ("He met Roe, a Democrat, and Lee said") stays
/// out; otherwise `s` is kept.
fn coordinated_start(toks: &[Tok], s: usize, e: usize, floor: usize) -> usize {
    let opens = |k: usize| k == floor || !toks[k - 1].is_word() && !toks[k - 1].is_punct(',');
    let mut joined = toks[s..e].iter().any(|t| t.is("and"));
    let mut start = s;
    let mut best = s;
    while start >= floor + 2 {
        let and = toks[start - 1].is("and");
        let comma = if and { start - 2 } else { start - 1 };
        if !toks[comma].is_punct(',') || !(and || joined) {
            break;
        }
        joined = true;
        // The conjunct before the comma: a name with its description
        // ("Roe, a Democrat,") or a bare name.
        let before = if and {
            apposition(toks, comma, floor)
                .map(|(a, _)| a)
                .filter(|&a| names_someone(&toks[a..comma]))
        } else {
            None
        }
        .or_else(|| {
            let a = np_back(toks, comma, floor)?;
            let words = &toks[a..comma];
            let named = words.iter().all(|t| t.is_word() && t.cap)
                && !words
                    .iter()
                    .any(|t| is_opener(t.lower) || is_sentence_adverb(t.lower));
            named.then_some(a)
        });
        let Some(before) = before else { break };
        start = before;
        if opens(start) {
            best = start;
        }
    }
    best
}

/// Whether a conjunct with its description ("Senator Jane Roe, a
/// Democrat") begins with a name: a lowercase word after a capitalised one
/// before the first comma is a verb ("He met Roe, a Democrat"), and a
/// pronoun is a clause's subject.
fn names_someone(conjunct: &[Tok]) -> bool {
    let name = conjunct
        .iter()
        .position(|t| t.is_punct(','))
        .map_or(conjunct, |c| &conjunct[..c]);
    let mut seen_cap = false;
    for t in name {
        if is_pronoun(t) {
            return false;
        }
        if t.cap {
            seen_cap = true;
        } else if seen_cap && !(t.is_word() && INNER.contains(&t.lower)) {
            return false;
        }
    }
    seen_cap
}

/// Words that open a sentence as adverbs or interjections, capitalised
/// there but no names ("Afterward, Roe and Lee said").
fn is_sentence_adverb(w: &str) -> bool {
    w.ends_with("ly")
        || w.ends_with("ward")
        || w.ends_with("wards")
        || w.ends_with("day")
        || matches!(
            w,
            "later"
                | "earlier"
                | "tonight"
                | "tomorrow"
                | "again"
                | "overall"
                | "first"
                | "last"
                | "next"
                | "finally"
                | "together"
                | "yes"
                | "no"
                | "well"
                | "ok"
                | "okay"
        )
}

/// Stance verbs of the lexicon whose object is a noun phrase ("wants the
/// votes", "backs the plan"), never a reported clause.
fn takes_noun_object(w: &str) -> bool {
    const STEMS: &[&str] = &[
        "want", "prefer", "support", "back", "oppos", "favor", "seek", "sought", "attack", "mock",
        "slam", "blast", "accept", "offer", "admir",
    ];
    super::cues::lookup(w).is_some() && STEMS.iter().any(|s| w.starts_with(s))
}

fn is_object_preposition(t: &Tok) -> bool {
    t.is_word()
        && matches!(
            t.lower,
            "by" | "with"
                | "to"
                | "about"
                | "against"
                | "than"
                | "like"
                | "toward"
                | "towards"
                | "into"
                | "over"
                | "under"
                | "between"
                | "among"
                | "through"
        )
}

/// Capitalised sentence openers that are no part of a name ("When Clinton",
/// "But HarperCollins"); the openers of [`ADVERBIAL`] are such openers too.
const OPENERS: &[&str] = &[
    "when",
    "while",
    "as",
    "but",
    "and",
    "so",
    "if",
    "after",
    "before",
    "since",
    "although",
    "though",
    "because",
    "yet",
    "plus",
    "still",
    "now",
    "then",
    "also",
    "meanwhile",
    "instead",
    "however",
    "indeed",
    "even",
    "by",
    "until",
    "unless",
    "whether",
    "once",
];

/// Openers that begin an adverbial phrase closed by a comma before the
/// subject ("Speaking in Harlem, Clinton …", "At a rally, the senator …"):
/// what they introduce is a place or a setting, never the speaker.
const ADVERBIAL: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "with",
    "without",
    "here",
    "there",
    "today",
    "yesterday",
    "appearing",
    "speaking",
    "asked",
    "writing",
    "explaining",
    "responding",
    "during",
    "amid",
    "despite",
    "following",
    "throughout",
];

/// Openers of a subordinate clause closed by a comma before the subject
/// ("When Roe spoke, she …", "after remaining neutral, Warren …").
pub(super) const SUBORDINATORS: &[&str] = &[
    "when", "while", "after", "before", "since", "although", "though", "because", "if", "until",
    "unless", "once", "whether",
];

fn is_opener(word: &str) -> bool {
    OPENERS.contains(&word) || ADVERBIAL.contains(&word)
}

/// Skips sentence openers at the front of a phrase `start..end`, and the
/// adverbial phrase an opener of [`ADVERBIAL`] begins, up to its comma.
pub fn trim_leading(toks: &[Tok], mut start: usize, end: usize) -> usize {
    let mut adverbial = false;
    while start + 1 < end && toks[start].is_word() && is_opener(toks[start].lower) {
        adverbial |=
            ADVERBIAL.contains(&toks[start].lower) || SUBORDINATORS.contains(&toks[start].lower);
        start += 1;
        while start + 1 < end && toks[start].is_punct(',') {
            start += 1;
            adverbial = false;
        }
    }
    if adverbial {
        if let Some(comma) = (start..end).find(|&k| toks[k].is_punct(',')) {
            if comma + 1 < end && toks[comma + 1].is_word() {
                // "On Thursday, after remaining neutral, Warren …": one
                // setting may follow another.
                return trim_leading(toks, comma + 1, end);
            }
        }
    }
    start
}

fn np_back(toks: &[Tok], end: usize, floor: usize) -> Option<usize> {
    let mut start = end;
    while start > floor && end - start < 10 {
        let t = &toks[start - 1];
        // "She was pleased Lee had said": a lowercase word after a form of
        // "be" and before a name is that verb's predicate, never a word of
        // the name's phrase.
        let predicate_before_name = !t.cap
            && start < end
            && toks[start].cap
            && start - 1 > floor
            && toks[start - 2].is_word()
            && BE.contains(&toks[start - 2].lower);
        if predicate_before_name {
            break;
        }
        // "managing director", "a leading advocate": an -ing word before a
        // word of the phrase modifies it.
        let modifier = start < end && is_ing_modifier(t, &toks[start]);
        if is_np_word(t) || modifier || is_possessive_mark(toks, start - 1) && start - 1 > floor {
            start -= 1;
            continue;
        }
        // "this source told the Post": "this" before a noun after a quote,
        // a comma or the sentence's start; elsewhere it is rather a pronoun.
        let this_opens = t.is("this")
            && start < end
            && !toks[start].cap
            && (start - 1 == floor || !toks[start - 2].is_word());
        if is_determiner(t) && (!t.is("this") || this_opens) {
            start -= 1;
            // A determiner begins the phrase unless a name precedes it
            // through a possessive-free preposition.
            break;
        }
        if start - 1 > floor && start < end && is_inner_connector(&toks[start - 2], t, &toks[start])
        {
            let before = &toks[start - 2];
            if is_np_word(before) || is_determiner(before) {
                start -= 1;
                continue;
            }
        }
        break;
    }
    // Trim connectors the walk may have left at the front.
    while start < end && toks[start].is_word() && INNER.contains(&toks[start].lower) {
        start += 1;
    }
    (start < end && has_head(&toks[start..end])).then_some(start)
}

/// An -ing word that modifies the phrase word after it ("managing
/// director", "consulting firm", "a leading advocate"), not a verb taking
/// an object.
fn is_ing_modifier(t: &Tok, next: &Tok) -> bool {
    t.is_word()
        && !t.cap
        && t.lower.ends_with("ing")
        && is_np_word(next)
        && !next.lower.ends_with("ing")
}

/// A preposition inside a source phrase, given the word after it: those of
/// [`INNER`], "to" before a name ("a former aide to President Bush") or
/// after "close" ("a person close to the Clintons"), and "with" before
/// "knowledge" ("a person with knowledge of the talks") or after
/// "familiar" ("one Democrat familiar with the discussion").
fn is_inner_connector(prev: &Tok, t: &Tok, next: &Tok) -> bool {
    t.is_word()
        && (INNER.contains(&t.lower)
            || t.lower == "to" && (next.cap || prev.is("close"))
            || t.lower == "with"
                && (matches!(next.lower, "knowledge" | "direct") || prev.is("familiar")))
}

/// A party and state abbreviation: "r-ky.", "d-n.y.", "i-vt.".
pub(super) fn is_party_state(w: &str) -> bool {
    let mut parts = w.splitn(2, '-');
    matches!(parts.next(), Some("r" | "d" | "i"))
        && parts.next().is_some_and(|st| {
            (2..=6).contains(&st.len()) && st.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
        })
}

/// A straight or curly single mark right after a word ending in "s" and
/// before a word ("Sanders' campaign", "the senators’ votes"): the plural
/// possessive's apostrophe, which the tokenizer cannot tell from a closing
/// single quote without context, inside a source phrase.
fn is_possessive_mark(toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    matches!(t.kind, Kind::Quote { double: false, .. })
        && i > 0
        && toks[i - 1].is_word()
        && toks[i - 1].lower.ends_with('s')
        && toks[i - 1].end == t.start
        && toks
            .get(i + 1)
            .is_some_and(|n| n.is_word() && n.start > t.end)
}

fn has_head(toks: &[Tok]) -> bool {
    toks.last()
        .is_some_and(|t| t.is_word() && !is_determiner(t) && !INNER.contains(&t.lower))
}

/// `Name , appositive ,` ending at the comma at `comma`.
fn apposition(toks: &[Tok], comma: usize, floor: usize) -> Option<(usize, usize)> {
    let mut inner_start = np_back(toks, comma, floor)?;
    // A time adverb or "of" may open the description ("Mr. Lee, now 81
    // and retired in Maine, said", "Mr. Mahaney, of RBC Capital Markets,
    // said").
    if inner_start > floor + 2
        && matches!(
            toks[inner_start - 1].lower,
            "now" | "then" | "once" | "still" | "formerly" | "of"
        )
        && toks[inner_start - 2].is_punct(',')
    {
        inner_start -= 1;
    }
    // The appositive must be a description ("the foreign minister", "55"),
    // preceded by a comma and a name.
    if inner_start < floor + 2 || !toks[inner_start - 1].is_punct(',') {
        return None;
    }
    let first = &toks[inner_start];
    // "Jane Roe, Clinton's spokesman,", "…, Sanders' campaign manager,": a
    // role of someone named in the possessive describes.
    // "Clinton's", "Sanders' ": a word that names a possessor.
    let possessor_at = |i: usize| {
        super::words::possessor_stem(toks[i].lower).is_some() || is_possessive_mark(toks, i + 1)
    };
    let possessive = possessor_at(inner_start);
    // "Representative Jane Roe, Democrat of Ohio,": a party and a state.
    let party = matches!(first.lower, "democrat" | "republican" | "independent")
        && toks.get(inner_start + 1).is_some_and(|n| n.is("of"))
        // "Mitch Doe, R-Ky.,", "Jane Roe, D-N.Y.,"
        || inner_start + 1 == comma && is_party_state(first.lower);
    let descriptive = !first.cap || is_determiner(first) || possessive || party;
    let name_end = inner_start - 1;
    // "Sen. Rob Portman (R-Ohio), another incumbent,": the name's
    // parenthesis (a party and state) belongs to it.
    let head_end = if name_end > floor && toks[name_end - 1].is_punct(')') {
        parenthesis_before(toks, name_end, floor)?
    } else {
        name_end
    };
    // "Roe, 54, a former teacher,": the age between the name and the
    // description is the name's, as in "Roe, 54, said".
    let age = |k: usize| {
        toks[k].is_word()
            && (1..=3).contains(&toks[k].lower.len())
            && toks[k].lower.bytes().all(|b| b.is_ascii_digit())
    };
    let head_end = if descriptive
        && head_end >= floor + 3
        && age(head_end - 1)
        && toks[head_end - 2].is_punct(',')
    {
        head_end - 2
    } else {
        head_end
    };
    let name_start = np_back(toks, head_end, floor)?;
    if descriptive {
        if !toks[name_start..head_end].iter().any(|t| t.cap) {
            return None;
        }
    } else {
        // "the White House spokesman, Josh Earnest,": the description first.
        // "Lee’s wife, Mary,": a role of someone named in the
        // possessive, as a determiner would open it.
        let lead = &toks[name_start];
        let possessor = possessor_at(name_start)
            && toks[name_start + 1..name_end]
                .iter()
                .any(|t| t.is_word() && !t.cap);
        if !is_determiner(lead) && lead.cap && !possessor {
            return None;
        }
        // A clause is no description: "who will retire after serving in
        // Iran, Turkey and France," lists places, not a name.
        let clausal = toks[name_start..name_end].iter().any(|t| {
            t.is_word()
                && !t.cap
                && (t.lower.ends_with("ing") && t.lower.len() > 4
                    || super::words::FINITE_AUX.contains(&t.lower)
                    || SUBORDINATORS.contains(&t.lower))
        });
        if clausal {
            return None;
        }
    }
    Some((trim_leading(toks, name_start, comma), comma + 1))
}

/// "Sen. Jane Roe (D-Conn.)": the end of a party-and-state parenthesis
/// that opens at `at`, which belongs to the name before it.
pub(super) fn party_tag_after(toks: &[Tok], at: usize, limit: usize) -> Option<usize> {
    if !toks.get(at).is_some_and(|t| t.is_punct('(')) {
        return None;
    }
    let close = (at + 1..limit.min(at + 5)).find(|&k| toks[k].is_punct(')'))?;
    let tag: String = toks[at + 1..close]
        .iter()
        .map(|t| t.lower)
        .collect::<Vec<_>>()
        .concat();
    is_party_state(&tag).then_some(close + 1)
}

/// "…, Gov. Jane Roe (R-Ohio), said": a name and its party tag before the
/// comma at `comma`.
fn party_tagged(toks: &[Tok], comma: usize, floor: usize) -> Option<(usize, usize)> {
    if comma <= floor + 1 || !toks[comma - 1].is_punct(')') {
        return None;
    }
    let open = parenthesis_before(toks, comma, floor)?;
    party_tag_after(toks, open, comma)?;
    let start = np_back(toks, open, floor)?;
    toks[start..open].iter().any(|t| t.cap).then_some(())?;
    Some((trim_leading(toks, start, open), comma))
}

/// "Jane Roe, a top operative who ran the 2008 campaign and now runs the
/// state party, said": a name, then a description too long or too
/// clausal for [`apposition`], up to the comma at `comma`. The description
/// opens with a determiner or a lowercase word and holds no punctuation
/// and no other reporting verb.
fn long_apposition(toks: &[Tok], comma: usize, floor: usize) -> Option<(usize, usize)> {
    let lo = floor.max(comma.saturating_sub(45));
    let first_comma = (lo..comma).rev().find(|&k| !toks[k].is_word())?;
    if !toks[first_comma].is_punct(',') || first_comma + 2 > comma {
        return None;
    }
    let description = &toks[first_comma + 1..comma];
    let opens = &description[0];
    if opens.cap && !is_determiner(opens) {
        return None;
    }
    if description.iter().any(|t| {
        !t.cap
            && super::cues::lookup(t.lower)
                .is_some_and(|c| c.strength == super::cues::Strength::Strong)
    }) {
        return None;
    }
    let start = np_back(toks, first_comma, floor)?;
    let name = &toks[start..first_comma];
    if name.is_empty() || !name.iter().all(|t| t.cap && t.is_word()) {
        return None;
    }
    Some((start, comma + 1))
}

/// The opening parenthesis of the parenthetical that ends right before
/// `end` (a ")" there), at most ten tokens back and not before `floor`.
fn parenthesis_before(toks: &[Tok], end: usize, floor: usize) -> Option<usize> {
    (floor.max(end.saturating_sub(10))..end - 1)
        .rev()
        .find(|&k| toks[k].is_punct('('))
}

/// "Paradis, who volunteered for Bill Clinton in 1992," ending at the comma
/// before `end`: the phrase before ", who", with its relative clause.
fn relative(toks: &[Tok], end: usize, floor: usize) -> Option<(usize, usize)> {
    let lo = floor.max(end.saturating_sub(30)) + 1;
    let who = (lo..end - 1).rev().find(|&k| {
        matches!(toks[k].lower, "who" | "which" | "whom" | "whose")
            && toks[k].is_word()
            && toks[k - 1].is_punct(',')
    })?;
    // The clause must not hold another comma-closed phrase before its end.
    let start = np_back(toks, who - 1, floor)?;
    let start = appositions_before(toks, start, who - 1, floor);
    let start = trim_leading(toks, start, who - 1);
    Some((start, end))
}

/// "Jane Doe, 30, of Springfield, Ill., who …": the phrase before ", who"
/// may be the last of a name's appositions (an age, "of" a place, a
/// lowercase description); then the source starts at the name. A
/// capitalised phrase with no such apposition between ("Doe, Roe, who")
/// is another speaker, and stays out.
fn appositions_before(toks: &[Tok], start: usize, end: usize, floor: usize) -> usize {
    let describes = |seg: &[Tok]| {
        seg.first().is_some_and(|t| t.is("of") || !t.cap)
            && !seg.is_empty()
            && seg.iter().all(|t| t.is_word())
            || !seg.is_empty()
                && seg.iter().all(|t| {
                    t.is_word() && t.lower.bytes().all(|c| c.is_ascii_digit() || c == b',')
                })
    };
    let mut described = describes(&toks[start..end]);
    let mut s = start;
    for _ in 0..4 {
        if s < floor + 2 || !toks[s - 1].is_punct(',') {
            break;
        }
        let Some(mut before) = np_back(toks, s - 1, floor) else {
            break;
        };
        if before > floor && toks[before - 1].is("of") {
            before -= 1;
        }
        let seg = &toks[before..s - 1];
        if describes(seg) {
            described = true;
            s = before;
            continue;
        }
        if described && seg.iter().any(|t| t.cap) {
            return before;
        }
        break;
    }
    start
}

/// A source phrase starting at `start` ("said Tang", "according to a new
/// poll"), not reaching `limit`.
pub fn forward(toks: &[Tok], start: usize, limit: usize) -> Option<(usize, usize)> {
    let first = toks.get(start).filter(|_| start < limit)?;
    if is_pronoun(first) && !matches!(first.lower, "who" | "which") {
        return Some((start, start + 1));
    }
    // "…, said in a statement": a phrase a preposition opens is a setting
    // or a medium, never the one who spoke.
    if first.is_word()
        && matches!(
            first.lower,
            "in" | "on" | "at" | "for" | "from" | "of" | "to" | "by" | "with" | "into" | "about"
        )
    {
        return None;
    }
    let mut end = start;
    while end < limit && end - start < 10 {
        let t = &toks[end];
        // "Phil Doe of digital consulting firm Harbor Media": an -ing word
        // between two words of the phrase modifies its noun.
        let next = toks.get(end + 1).filter(|_| end + 1 < limit);
        let modifier = end > start
            && is_np_word(&toks[end - 1])
            && next.is_some_and(|n| is_ing_modifier(t, n));
        // "involved in the planning": after a determiner an -ing word is a
        // noun.
        let gerund_noun = end > start
            && is_determiner(&toks[end - 1])
            && t.is_word()
            && !t.cap
            && t.lower.ends_with("ing");
        if is_np_word(t) || (is_determiner(t) && end == start) || modifier || gerund_noun {
            end += 1;
        } else if end > start
            // A connector whose word would run past the length limit
            // would leave the phrase without its head ("… the Ledger and
            // two").
            && end + 2 - start <= 10
            && next.is_some_and(|n| {
                is_inner_connector(&toks[end - 1], t, n) && (is_np_word(n) || is_determiner(n))
            })
        {
            end += 2;
        } else {
            break;
        }
    }
    let phrase = &toks[start..end];
    // "said Wednesday he …": a day is no speaker.
    if phrase
        .iter()
        .all(|t| t.is_word() && super::words::TIME.contains(&t.lower))
    {
        return None;
    }
    let named =
        phrase.iter().any(|t| t.cap) || phrase.iter().any(|t| t.is_word() && !is_determiner(t));
    (end > start && named && has_head(phrase)).then_some((start, end))
}

/// "…, with the teachers' union calling her “the champion”": the noun
/// phrase between "with" and a participle at `at` is the participle's
/// subject in such an absolute phrase.
pub fn absolute_subject(toks: &[Tok], at: usize, floor: usize) -> Option<(usize, usize)> {
    let t = toks.get(at)?;
    if !(t.is_word() && !t.cap && t.lower.ends_with("ing")) {
        return None;
    }
    let with = (floor.max(at.saturating_sub(12))..at)
        .rev()
        .find(|&k| toks[k].is("with"))?;
    let (s, e) = forward(toks, with + 1, at)?;
    (e == at && s == with + 1).then_some((s, e))
}

/// Whether a token is a sentence-internal clause boundary for sources.
pub fn is_boundary(t: &Tok) -> bool {
    matches!(t.kind, Kind::Punct(c) if ".!?;:".contains(c))
}
