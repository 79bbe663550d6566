//! Stage 3: who said what. Finds quotes (direct, indirect, mixed) with their
//! cue and source spans, and resolves each source to a speaker entity across
//! the article.
//!
//! The text is analysed in windows: runs of whole paragraphs cut where no
//! rule can tell them from the whole text (`windows`), each tokenized
//! (`tokens`) into its own context (`context`). Rules over that light
//! tokenization, in three passes:
//! 1. quotation marks are paired over whole paragraphs (`quotes`), so a
//!    quote never depends on where the segmenter split sentences;
//! 2. every cue outside a quotation gets a source phrase (`sources`)
//!    before or after it and a content: the adjacent quotation, the clause
//!    after it, or the clause before "…, X said" (`find_cued` offers
//!    each word to the rule families: `verb`, `phrases`, `sourceless`,
//!    `detected`, sharing `clause`). Cues are the lexicon's
//!    (`cues`: reporting verbs in all inflections, "according to",
//!    headline colons) where a learned detector (`learned`, an averaged
//!    perceptron trained on PolNeAR by `scripts/train_cues`) does not rule
//!    them out, and the words the detector finds that the lexicon lacks
//!    ("endorsed", "is reflecting on"); a detector cue no verb pattern fits
//!    takes the subject before it and the rest of the clause after it.
//!    Raising verbs and agentless passives ("appeared to", "is expected
//!    to") give attributions without a source, as the annotations do;
//! 3. quotations that continue an attributed one join it, a report ends
//!    where the next begins and "…, adding …" is a record of its own
//!    (`combine`); a learned ranker (`bounds`, trained by
//!    `scripts/train_bounds`) moves the edges of reported contents and of
//!    sources to where PolNeAR's annotators put them, never over another
//!    attribution's cue and never cutting a clause short; a content that
//!    an attribution interrupts keeps its parts without it
//!    (`Quote::content_parts`); and sources are resolved to speakers
//!    (`emit`, `names`, `speakers`).

mod bounds;
mod clause;
mod combine;
mod confidence;
mod context;
mod cue_model;
mod cues;
mod detected;
mod emit;
mod learned;
mod names;
mod phrases;
mod quotes;
mod sourceless;
mod sources;
mod speakers;
#[cfg(test)]
mod tests;
mod tokens;
mod verb;
mod weights;
mod windows;
mod words;

use crate::document::Document;
use clause::Found;
use context::{Ctx, Sentences};
use cues::Strength;

pub use bounds::BoundsModel;
#[doc(hidden)]
pub use bounds::{bound_training_examples, BoundExample, GoldSpans};
pub use cue_model::CueModel;
#[doc(hidden)]
pub use learned::cue_training_examples;

/// Find quotes and attribute them, scoring cues with the built-in weights
/// of the learned detector. Replaces `doc.quotes` and `doc.speakers`.
///
/// Reads the text's paragraphs from `doc.paragraphs` (which ingest fills)
/// and its sentences from `doc.sentences` (which segment fills).
pub fn attribute(doc: &mut Document) {
    attribute_with(doc, CueModel::builtin());
}

/// [`attribute`], scoring cues with `model`.
///
/// The text is analysed in windows (runs of whole paragraphs: see the
/// `windows` module), each with its own tokens and context, so that
/// memory follows the window rather than the article; only the
/// attributions found, in byte offsets, are kept for the whole article,
/// whose speakers are resolved at the end.
pub fn attribute_with(doc: &mut Document, model: &CueModel) {
    attribute_in_windows(doc, model, windows::WINDOW_BYTES);
}

/// [`attribute_with`] with windows of about `window_bytes` (tests compare
/// sizes).
fn attribute_in_windows(doc: &mut Document, model: &CueModel, window_bytes: usize) {
    if u32::try_from(doc.text.len()).is_err() {
        // Token offsets are `u32`; a text of 4 GiB or more, far over what
        // ingest accepts, is not attributed.
        doc.quotes = Vec::new();
        doc.speakers = Vec::new();
        return;
    }
    let text = doc.text.as_str();
    let paras = &doc.paragraphs;
    let mut sentences = Sentences::of(doc);
    let mut arena = String::new();
    let mut found = Vec::new();
    // People named as the subject of a sentence that quotes no one
    // ("Senator Tom Lee disagreed."): a pronoun after them may be theirs.
    let mut subjects = Vec::new();
    // The pipeline checks a model named by the environment before it
    // attributes anything; elsewhere an unusable one means the built-in.
    let bounds_model = BoundsModel::from_env().unwrap_or_else(|_| BoundsModel::builtin());
    for w in windows::windows(text, paras, &sentences, window_bytes) {
        let ctx = context::context(text, &paras[w], &mut sentences, &mut arena, model);
        let mut window = find_cued(&ctx);
        combine::combine(&ctx, &mut window);
        bounds::refine(&ctx, bounds_model, &mut window);
        window.retain(|f| !names_no_one(&ctx, f) && !combine::content_is_a_medium(&ctx, f));
        subjects.extend(emit::named_subjects(&ctx));
        found.extend(window.into_iter().map(|f| emit::in_bytes(&ctx, f)));
    }
    let (quotes, speakers) = emit::emit(text, found, &subjects, headline(doc));
    doc.quotes = quotes;
    doc.speakers = speakers;
}

/// The headline's bytes: the title, or else a first paragraph of at most
/// two short lines and 25 words before more text (a feed's headline that
/// ends in a period, a headline with its deck). Its phrases are no
/// speakers unless the article names them again ("Talks Stall Again",
/// "FIX IS IN: …" are not; "Sanders: …" is).
fn headline(doc: &Document) -> Option<std::ops::Range<usize>> {
    if let Some(t) = &doc.title {
        return Some(t.start..t.end);
    }
    let first = doc.paragraphs.first()?;
    doc.paragraphs.get(1)?;
    let head = &doc.text[first.clone()];
    (head.lines().count() <= 2
        && head.lines().all(|l| crate::ingest::letters(l) <= 150)
        && head.split_whitespace().count() <= 25)
        .then(|| first.clone())
}

/// The cue dispatcher: every attribution of one window, each cue offered
/// to the rule families in turn (a headline colon, "according to", a
/// sourceless stance, a verb of the lexicon or of the detector, the
/// detector's generic pattern), before the detector's cues nested in a
/// lexicon cue's report leave ([`combine::drop_nested`]).
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
            if ctx.quote_of(here).is_none() {
                if let Some(f) = phrases::dash_signature(ctx, here) {
                    out.push(f);
                    continue;
                }
            }
            if toks[here].is_punct(':') && ctx.quote_of(here).is_none() {
                if let Some(f) = phrases::headline_colon(ctx, here, sentence.clone())
                    .or_else(|| phrases::colon_cue(ctx, here, sentence))
                {
                    out.push(f);
                }
            }
            continue;
        }
        if toks[here].lower == "according" && ctx.word(here + 1, "to") {
            if let Some(f) = phrases::according_to(ctx, here, sentence) {
                out.push(f);
            }
            continue;
        }
        // Whether this word lies inside what an earlier cue of the sentence
        // reports. An attitude there ("Diplomats say China is eager to …")
        // is the reporter's claim about it, not the subject's own stance;
        // so is a stance verb, and a word only the detector proposes or a
        // sourceless stance ("Roe said the bill is expected to pass") is
        // rather part of that report.
        // Not a report whose subject a conjunction links to the one before
        // ("Roe said the plan is dead, but the mayor believes …"): the
        // writer reports each.
        let nested = out.last().is_some_and(|f| {
            f.content.contains(&here) && ctx.toks[f.cue.start].sent == ctx.toks[here].sent
        }) && !coordinated_report(ctx, here, &sentence)
            // "Most voters believe …, a new poll found.": the finding
            // reports the whole clause before it, the stance included.
            && !verb::post_posed_evidential(ctx, here, &sentence);
        let named_beside = nested && named_report_beside(ctx, here, &sentence);
        let nested = nested && !named_beside;
        if toks[here].lower == "in" {
            if let Some(f) = phrases::in_a_poll(ctx, here, sentence.clone()).filter(|_| !nested) {
                out.push(f);
                continue;
            }
        }
        if let Some(f) = phrases::attitude_cue(ctx, here, sentence.clone()).filter(|_| !nested) {
            out.push(f);
            continue;
        }
        if sourceless::hedges_a_report(ctx, here) {
            continue;
        }
        match sourceless::sourceless(ctx, here, sentence.clone()).filter(|_| !nested) {
            Some(sourceless::Stance::Record(f)) => {
                out.push(f);
                continue;
            }
            Some(sourceless::Stance::Describes) => continue,
            None => {}
        }
        if let Some(f) = phrases::title_case_cue(ctx, here, sentence.clone()) {
            out.push(f);
            continue;
        }
        // "adding to her run of victories", "added to the confusion": "add
        // to" increases something and reports nothing.
        // Unless it says something to someone ("added to reporters: “…”",
        // "“…,” Roe added to People.").
        if matches!(toks[here].lower, "add" | "adds" | "added" | "adding")
            && ctx.word(here + 1, "to")
            && !(here.saturating_sub(4).max(sentence.start)..(here + 8).min(sentence.end))
                .any(|k| toks[k].is_quote() || toks[k].is("that") || toks[k].is_punct(':'))
        {
            continue;
        }
        if verb::is_charged_noun(ctx, here) || verb::set_off_stance(ctx, here, &sentence) {
            continue;
        }
        // The detector's score of this word, computed at most once: up to
        // three of the tests below ask for it.
        let score_cell = std::cell::OnceCell::new();
        let score = || *score_cell.get_or_init(|| learned::score(ctx, here));
        // Capitalised spellings are names or headline words ("United
        // States"), except a reporting verb that opens its sentence before
        // a name ("Said Jane Roe, a neighbor, “…”").
        let inverted_opener = here == sentence.start
            && matches!(
                toks[here].lower,
                "said" | "says" | "added" | "asked" | "wrote" | "continued" | "recalled"
            )
            && toks.get(here + 1).is_some_and(|n| n.cap && n.is_word());
        // The reporting verb a raising verb hedges ("seemed to imply") is
        // a report whatever the detector makes of its odd position.
        let hedged = sourceless::lead_before(ctx, here).is_some();
        // "…; Lee said “…”": a speech verb between a name or pronoun and
        // the quotation it opens is a report whatever the detector makes
        // of a cue just before it (its "lexicon cue nearby" weight): the
        // quotation is otherwise given to the speaker before.
        let opens_quotation = || {
            here > sentence.start && {
                let subject = &toks[here - 1];
                let next = if toks
                    .get(here + 1)
                    .is_some_and(|t| t.is_punct(',') || t.is_punct(':'))
                {
                    here + 2
                } else {
                    here + 1
                };
                subject.is_word()
                    && (subject.cap || sources::PRONOUNS.contains(&subject.lower))
                    && ctx.open_quote_at(next).is_some()
            }
        };
        // "…, calling the plan “a giveaway”": a participle that names what
        // the subject called something, with the quotation that names it
        // close behind, reports that quotation however the detector scores
        // it (after "wrote on Twitter" it scores the participle low, and
        // the quotation then fell to the report before).
        let naming_participle = || {
            matches!(
                toks[here].lower,
                "calling" | "describing" | "dubbing" | "labeling" | "labelling" | "branding"
            ) && here > sentence.start
                && toks[here - 1].is_punct(',')
                && (here + 1..(here + 6).min(sentence.end)).any(|k| ctx.open_quote_at(k).is_some())
        };
        let lexical = cues::lookup(toks[here].lower)
            .or_else(|| {
                cues::nounish_verb(toks[here].lower)
                    .filter(|_| verb::nounish_as_verb(ctx, here, &sentence))
            })
            .filter(|_| !toks[here].cap || inverted_opener)
            .filter(|c| {
                // "went on television to say": the detector, trained on
                // few such infinitives, scores them below every gate.
                let purpose = c.strength == Strength::Strong
                    && here > sentence.start
                    && toks[here - 1].is("to")
                    && verb::purpose_governor(ctx, here - 1, &sentence).is_some();
                if hedged
                    || purpose
                    || named_beside
                    || c.strength == Strength::Strong && opens_quotation()
                    || naming_participle()
                    || verb::closes_summary_clause(ctx, here, *c, &sentence)
                    || verb::post_posed_evidential(ctx, here, &sentence)
                    || c.form == cues::Form::Gerund
                        && verb::quoted_as(ctx, here, &sentence).is_some()
                {
                    return true;
                }
                let gate = match c.strength {
                    Strength::Weak => WEAK_GATE,
                    Strength::Strong => STRONG_GATE,
                };
                score() > gate
            })
            // A stance inside an earlier report ("Roe said voters want
            // change") is the reporter's claim; a speech verb there is a
            // report of its own ("Roe said Lee told her …").
            .filter(|c| !(nested && c.strength == Strength::Weak));
        let Some(cue) =
            lexical.or_else(|| detected::learned_cue(ctx, here, &score).filter(|_| !nested))
        else {
            continue;
        };
        if cue.form == cues::Form::Past {
            if let Some(by) = agent_by(ctx, here, &sentence) {
                // "… was announced by A and confirmed by B": B's is the
                // same content as A's; a "confirmed by B" that continues
                // no passive report is dropped, never a quote of "by B".
                let coordinated = here > sentence.start
                    && (toks[here - 1].is("and")
                        || toks[here - 1].is("or")
                        || toks[here - 1].is_punct(','));
                if coordinated {
                    let shared = out.last().filter(|f| {
                        ctx.toks[f.cue.start].sent == ctx.toks[here].sent
                            && f.content.end <= f.cue.start
                            && f.source.as_ref().is_some_and(|s| s.start > f.cue.start)
                    });
                    if let (Some(f), Some((s, e))) =
                        (shared, sources::forward(toks, by + 1, sentence.end))
                    {
                        let content = f.content.clone();
                        let direct = f.direct;
                        out.push(Found {
                            content,
                            cue: here..here + 1,
                            source: Some(s..e),
                            antecedent: None,
                            direct,
                        });
                    }
                    continue;
                }
            }
        }
        let previous_source = out
            .last()
            .filter(|f| ctx.toks[f.cue.start].sent == ctx.toks[here].sent)
            .and_then(|f| f.source.clone().map(|s| (s, f.antecedent.clone())));
        let agentive = cue.form == cues::Form::Past && agent_by(ctx, here, &sentence).is_some();
        if let Some(f) = verb::verb_cue(ctx, here, cue, sentence.clone(), previous_source)
            // A participle with its agent after it reports what comes
            // before it: never a content that is the "by …" phrase.
            .filter(|f| !(agentive && f.content.start > here))
        {
            if lexical.is_none() {
                learned.push(out.len());
            }
            out.push(f);
        } else if !nested && learned::is_candidate(ctx, here) && score() > FALLBACK_MIN {
            let participle = toks[here].lower.ends_with("ed");
            if let Some(f) = detected::generic_cue(ctx, here, sentence.clone())
                .and_then(|f| verb::after_subordinator(ctx, f, participle, &sentence))
            {
                learned.push(out.len());
                out.push(f);
            }
        }
    }
    combine::drop_nested(ctx, out, &learned)
}

/// Whether the cue at `at` has a subject of its own that a contrasting or
/// comma-set conjunction opens (", but the mayor believes", ", and Lee
/// thinks", "while Lee argues"): a report beside the one before, not
/// inside it.
fn coordinated_report(ctx: &Ctx, at: usize, sentence: &std::ops::Range<usize>) -> bool {
    let toks = &ctx.toks;
    // Asked of most words inside a report: first the cheap test that a
    // conjunction stands within a subject's reach before the word.
    let is_link =
        |t: &tokens::Tok| t.is_word() && matches!(t.lower, "but" | "while" | "whereas" | "and");
    if !toks[sentence.start.max(at.saturating_sub(11))..at]
        .iter()
        .any(is_link)
    {
        return false;
    }
    let Some((s, _)) = sources::subject_backward(toks, at, sentence.start) else {
        return false;
    };
    // "…, and now some allies hope …": an adverb may stand between the
    // conjunction and the subject.
    let s = if s > sentence.start + 2
        && toks[s - 1].is_word()
        && words::CLAUSE_ADVERBS.contains(&toks[s - 1].lower)
    {
        s - 1
    } else {
        s
    };
    s > sentence.start + 1 && {
        let c = &toks[s - 1];
        c.is_word()
            && (matches!(c.lower, "but" | "while" | "whereas")
                || c.lower == "and" && toks[s - 2].is_punct(','))
    }
}

/// "Roe said the plan is dead and Lee thinks the vote was rigged": a named
/// subject after "and" with a finite verb of the lexicon reports beside
/// the report before, even with no comma for [`coordinated_report`];
/// reading it as part of Roe's words would credit Roe with Lee's view.
/// The detector, which learned that a stance inside a report is rarely a
/// cue, is not asked.
fn named_report_beside(ctx: &Ctx, at: usize, sentence: &std::ops::Range<usize>) -> bool {
    let toks = &ctx.toks;
    let finite = cues::lookup(toks[at].lower)
        .is_some_and(|c| matches!(c.form, cues::Form::Past | cues::Form::Third));
    if !finite || toks[at].cap {
        return false;
    }
    let Some((s, e)) = sources::subject_backward(toks, at, sentence.start) else {
        return false;
    };
    // "Trump wants the votes and Nieto wants …": the phrase found may join
    // the object before "and" to the name after it.
    // A name before the "and" too makes one coordinated subject ("David
    // and Charles Koch wanted").
    let s = match (s..e).rev().find(|&k| toks[k].is("and")) {
        Some(and) if toks[s..and].iter().all(|t| t.is_word() && t.cap) => return false,
        Some(and) => and + 1,
        None => s,
    };
    s > sentence.start + 1
        && s < e
        && e == at
        && e - s <= 3
        && toks[s - 1].is("and")
        && toks[s..e].iter().all(|t| t.is_word() && t.cap)
}

/// Whether `f`'s source is a lone lowercase word that names no one: a
/// verb, adjective or adverb the rules took for a subject ("have become
/// increasingly vocal", "seldom speaks of"). A group named by a plural
/// noun ("officials", "critics"), a collective one ("police") or a
/// quantifier ("several", "each") is a source; a report whose only source is such a word is left out rather
/// than credited to it.
fn names_no_one(ctx: &Ctx, f: &Found) -> bool {
    let Some(s) = &f.source else {
        return false;
    };
    let toks = &ctx.toks;
    // "a memo was released as the polls closed stating …": a noun and a
    // past verb after it make a clause, which names no one.
    if let [.., n, v] = &toks[s.clone()] {
        return n.is_word()
            && v.is_word()
            && !n.cap
            && !v.cap
            && n.lower.ends_with('s')
            && v.lower.ends_with("ed")
            && !sources::is_determiner(n)
            && s.end == f.cue.start;
    }
    let [t] = &toks[s.clone()] else {
        return false;
    };
    t.is_word()
        && !t.cap
        && !t.lower.ends_with('s')
        && !sources::is_pronoun(t)
        && !words::QUANTIFIERS.contains(&t.lower)
        && !matches!(
            t.lower,
            "that"
                | "each"
                | "either"
                | "neither"
                | "none"
                | "all"
                | "everyone"
                | "someone"
                | "anyone"
                | "nobody"
                | "half"
                | "women"
                | "men"
                | "children"
                | "police"
                | "people"
                | "staff"
                | "media"
                | "public"
                | "press"
        )
}

/// The "by" of an agent right after the past participle at `at` ("confirmed
/// by U.S. officials", "announced Wednesday by …").
fn agent_by(ctx: &Ctx, at: usize, sentence: &std::ops::Range<usize>) -> Option<usize> {
    let toks = &ctx.toks;
    (at + 1..(at + 4).min(sentence.end))
        .take_while(|&i| {
            toks[i].is_word() && (toks[i].is("by") || words::TIME.contains(&toks[i].lower))
        })
        .find(|&i| toks[i].is("by"))
}

/// Minimum detector score for a lexicon cue: weak cues ("believes") need
/// some support from the detector, strong ones ("said") only not to be
/// clearly out of place.
const WEAK_GATE: f32 = -2.0;
const STRONG_GATE: f32 = -5.0;

/// Minimum detector score for the detector's generic pattern
/// ([`detected::generic_cue`]).
const FALLBACK_MIN: f32 = -3.0;
