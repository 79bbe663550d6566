//! Attribution: when a summary says X said something, the article must give
//! those words (or their gist) to X.
//!
//! The summary goes through newsdigest's own segment and attribute stages,
//! so each of its reports has a source, a cue and a content, with pronoun
//! sources resolved within the summary. Each is aligned with the article's
//! attributed quotes by content (the share of its content words that an
//! article quote holds) and with the article's speakers by name:
//!
//! - an article quote with that content and a speaker of that name: supported;
//! - an article sentence with that content that names the speaker (a report
//!   the article's attribution missed), and no other speaker's quote of it:
//!   supported;
//! - a speaker the article quotes nowhere, or content the article gives to
//!   someone else or states itself: unsupported;
//! - content the article does not hold at all (a free paraphrase) from a
//!   speaker it does quote: not judged.
//!
//! Sources without a name ("officials", "the company", an unresolved "he")
//! are not judged: they commit to no one.

use std::collections::HashSet;
use std::ops::Range;

use super::names;
use super::text::{norm, stem, tokenize, Tok, TokKind};
use super::words::{alias, is_stopword};
use crate::document::{Document, Quote};

/// Content words of a text: lower case, stemmed, function words out.
pub(super) fn content_words(toks: &[Tok]) -> HashSet<String> {
    toks.iter()
        .filter(|t| t.kind != TokKind::Mark)
        .map(|t| norm(t.text))
        .filter(|w| !is_stopword(w))
        .map(|w| stem(&w).to_owned())
        .collect()
}

/// Name forms of a phrase ("Chinese Foreign Minister Tang Jiaxuan" →
/// china, tang, jiaxuan), titles and common words out, with the acronyms
/// of its capitalised words.
fn name_forms(phrase: &str, acronyms: bool) -> HashSet<String> {
    let toks = tokenize(phrase, 0..phrase.len());
    let common = |w: &str| super::words::is_common_opener(w);
    let mut out = HashSet::new();
    for run in names::runs(&toks, false, &common) {
        for w in run.names() {
            out.insert(w.sym.clone());
        }
        if acronyms && run.words.len() > 1 {
            let initials: String = run
                .words
                .iter()
                .flat_map(|w| w.plain.iter())
                .filter_map(|p| p.chars().next())
                .collect();
            for i in 0..initials.len() {
                for j in i + 2..=initials.len() {
                    out.insert(initials[i..j].to_owned());
                }
            }
        }
    }
    out
}

/// Places and nationalities: a name shared by many speakers ("Chinese",
/// "U.S."), weaker evidence of who spoke than a person's name.
fn is_place(sym: &str) -> bool {
    sym.starts_with('#') || alias(sym).is_some() || super::words::is_country(sym)
}

/// Who a source names: the words of its head name ("Janet Yellen" of "Fed
/// Chair Janet Yellen", "Owen Castellano" of "Jefferies analyst Owen
/// Castellano", "Richard Curtin" of "Richard Curtin of the Michigan Survey"),
/// else the places it names ("U.S. officials"), else no one ("the company",
/// "he", "the Republican presidential candidate").
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    Head(Vec<String>),
    Places(HashSet<String>),
    NoOne,
}

/// Words that may follow a name in a source phrase without making it a
/// modifier: "Donald Trump, who …", "Hale said", "Curtin of the …".
fn ends_name(next: Option<&Tok>) -> bool {
    match next {
        None => true,
        Some(t) if !t.is_word() => true,
        Some(t) => {
            t.capitalized()
                || matches!(
                    norm(t.text).as_str(),
                    "who"
                        | "whose"
                        | "which"
                        | "that"
                        | "and"
                        | "has"
                        | "had"
                        | "have"
                        | "is"
                        | "was"
                        | "were"
                        | "also"
                        | "said"
                        | "says"
                        | "told"
                        | "added"
                        | "wrote"
                        | "of"
                        | "at"
                        | "from"
                        | "in"
                        | "for"
                        | "on"
                )
        }
    }
}

/// The head words of a run: of its first part that names more than titles
/// and places ("Karen Liu" of "Karen Liu of Johns Hopkins", "Colin Powell"
/// of "Secretary of State Colin Powell"), the words after its last title.
fn head_words(run: &names::Run, text: &str) -> Vec<String> {
    let mut parts: Vec<Vec<&names::NameWord>> = vec![Vec::new()];
    for (i, w) in run.words.iter().enumerate() {
        if i > 0 {
            let gap = &text[run.words[i - 1].span.end..w.span.start];
            if gap
                .split_whitespace()
                .any(|g| matches!(g, "of" | "for" | "at"))
            {
                parts.push(Vec::new());
            }
        }
        parts.last_mut().expect("never empty").push(w);
    }
    for part in parts {
        let after_title = part.iter().rposition(|w| w.title).map_or(0, |i| i + 1);
        let head: Vec<String> = part[after_title..]
            .iter()
            .filter(|w| !w.title && !is_place(&w.sym))
            .map(|w| w.sym.clone())
            .collect();
        if !head.is_empty() {
            return head;
        }
    }
    Vec::new()
}

fn named(phrase: &str) -> Named {
    let toks = tokenize(phrase, 0..phrase.len());
    let common = |w: &str| super::words::is_common_opener(w);
    let mut places = HashSet::new();
    for run in names::runs(&toks, false, &common) {
        let head = head_words(&run, phrase);
        if head.is_empty() {
            places.extend(
                run.names()
                    .filter(|w| is_place(&w.sym))
                    .map(|w| w.sym.clone()),
            );
            continue;
        }
        // "Republican presidential candidate", "Jefferies analyst": a name
        // before a common noun qualifies it; the speaker is the noun.
        let end = run.span().end;
        let next = toks.iter().find(|t| t.start >= end);
        if ends_name(next) {
            return Named::Head(head);
        }
    }
    if places.is_empty() {
        Named::NoOne
    } else {
        Named::Places(places)
    }
}

/// A source that speaks for a body: "a spokeswoman", "an aide to …".
fn speaks_for_others(source: &str) -> bool {
    source.split_whitespace().any(|w| {
        matches!(
            norm(w.trim_matches(|c: char| !c.is_alphanumeric())).as_str(),
            "spokeswoman"
                | "spokesman"
                | "spokesperson"
                | "representative"
                | "aide"
                | "adviser"
                | "advisor"
                | "lawyer"
                | "statement"
                | "press"
        )
    })
}

/// Whether a cue says that someone said, wrote or stated something. The
/// attribute stage also proposes other verbs as cues ("lifted", "agreed");
/// a summary sentence built on those puts no words in anyone's mouth.
fn is_reporting(cue: &str) -> bool {
    const STEMS: &[&str] = &[
        "say",
        "said",
        "tell",
        "told",
        "claim",
        "state",
        "add",
        "writ",
        "wrote",
        "argu",
        "insist",
        "call",
        "announc",
        "declar",
        "note",
        "explain",
        "warn",
        "urg",
        "accus",
        "deni",
        "deny",
        "confirm",
        "report",
        "describ",
        "predict",
        "promis",
        "prais",
        "critici",
        "credit",
        "blam",
        "ask",
        "repl",
        "respond",
        "acknowledg",
        "admit",
        "suggest",
        "contend",
        "maintain",
        "assert",
        "accord",
        "quot",
        "recall",
        "remark",
        "comment",
        "testif",
        "tweet",
        "vow",
        "pledg",
        "threat",
        "stress",
        "emphasi",
        "dismiss",
        "reject",
        "condemn",
        "defend",
        "recommend",
        "propos",
        "believ",
        "think",
        "thought",
        "hope",
        "fear",
        "expect",
        "insist",
        "demand",
        "concede",
        "conced",
        "complain",
        "boast",
        "predict",
        "estimat",
    ];
    cue.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        STEMS.iter().any(|s| w.starts_with(s))
    })
}

struct ArticleQuote {
    words: HashSet<String>,
    /// Names that may be its speaker: the resolved speaker's forms, and
    /// when the source names no one ("he", "the company") the names around
    /// it (its sentence and the one before), since resolving such a source
    /// is the least certain step of attribution.
    who: HashSet<String>,
    /// The source itself names someone (a head name, not only places).
    named: bool,
    range: Range<usize>,
}

struct ArticleSentence {
    words: HashSet<String>,
    names: HashSet<String>,
    range: Range<usize>,
    headline: bool,
}

/// What the article says who said, built once per article.
#[derive(Default)]
pub(super) struct SaidIndex {
    /// In text order of their content.
    quotes: Vec<ArticleQuote>,
    /// `max_end[i]`: the furthest end of `quotes[..=i]`, to find the quotes
    /// that overlap a range without going through them all.
    max_end: Vec<usize>,
    /// In text order.
    sentences: Vec<ArticleSentence>,
    /// Every name form of the article.
    all_names: HashSet<String>,
    /// The article's content sentences on one line, whitespace collapsed.
    verbatim: String,
}

/// Quotes looked at, from the nearest back, for those overlapping a range:
/// more overlap one place only in a pathological text, where missing one
/// costs a verdict, not the run time.
const MAX_OVERLAP_SCAN: usize = 64;

/// A sentence longer than this gives the names around a quote whole,
/// rather than without the quote's own words (bounded cost per quote).
const SHORT_SENTENCE: usize = 2_000;

/// Share of a summary report's content words an article quote must hold
/// to say the same.
const MATCH: f64 = 0.5;

/// Share (and count) of a report's content words that a quote of the named
/// speaker must hold for a summary that merges it with neighbouring facts
/// ("Carson called Politico's report that he fabricated … a lie").
const PARTIAL_MATCH: f64 = 1.0 / 3.0;
const PARTIAL_MIN_WORDS: usize = 2;

/// What an article sentence the article states itself must hold of a
/// report's content to be the same claim: more than a quote, since
/// narration shares topic words with everything.
const NARRATION_MATCH: f64 = 0.6;
const NARRATION_MIN_WORDS: usize = 3;

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the source naming `named` can be someone of `who`.
fn compatible(who: &HashSet<String>, named: &Named) -> bool {
    match named {
        Named::Head(h) => h.iter().any(|w| who.contains(w)),
        Named::Places(p) => p.iter().any(|n| who.contains(n)),
        Named::NoOne => true,
    }
}

impl SaidIndex {
    pub(super) fn new(doc: &Document) -> SaidIndex {
        let mut ix = SaidIndex::default();
        let speakers: Vec<HashSet<String>> = doc
            .speakers
            .iter()
            .map(|s| {
                let mut forms = name_forms(&s.name, true);
                for d in &s.descriptions {
                    forms.extend(name_forms(d, true));
                }
                for m in &s.mentions {
                    forms.extend(name_forms(&m.text, true));
                }
                forms
            })
            .collect();
        let title = doc.title.as_ref().map(|t| t.range());
        let sentences: Vec<&crate::document::Sentence> = doc.content_sentences().collect();
        for s in &sentences {
            let toks = tokenize(&doc.text, s.range());
            let names = name_forms(&s.text, true);
            ix.all_names.extend(names.iter().cloned());
            ix.sentences.push(ArticleSentence {
                words: content_words(&toks),
                names,
                range: s.range(),
                headline: title
                    .as_ref()
                    .is_some_and(|t| t.start <= s.start && s.end <= t.end),
            });
            if !ix.verbatim.is_empty() {
                ix.verbatim.push(' ');
            }
            ix.verbatim.push_str(&one_line(&s.text));
        }
        let mut quotes: Vec<&crate::document::Quote> = doc.quotes.iter().collect();
        quotes.sort_by_key(|q| (q.content.start, q.content.end));
        let mut for_others = Vec::new();
        for q in quotes {
            let toks = tokenize(&doc.text, q.content.range());
            let mut who = q
                .speaker
                .as_deref()
                .and_then(|id| doc.speakers.iter().position(|s| s.id == id))
                .map(|i| speakers[i].clone())
                .unwrap_or_default();
            let source = q.source.as_ref().map(|s| s.text.as_str()).unwrap_or("");
            who.extend(name_forms(source, true));
            for_others.push(speaks_for_others(source));
            ix.quotes.push(ArticleQuote {
                words: content_words(&toks),
                who,
                named: matches!(named(source), Named::Head(_)),
                range: q.content.range(),
            });
            let end = ix.max_end.last().copied().unwrap_or(0).max(q.content.end);
            ix.max_end.push(end);
        }
        for (i, &for_other) in for_others.iter().enumerate() {
            let c = ix.quotes[i].range.clone();
            let Some(h) = ix.sentence_at(c.start) else {
                continue;
            };
            let previous = h.checked_sub(1).map(|p| &ix.sentences[p].names);
            // A spokeswoman speaks for the body the article names around
            // her ("The Peruvian Red Cross said … A spokeswoman, Lucia
            // Paredes, said …").
            if for_other {
                let mut around = ix.sentences[h].names.clone();
                around.extend(previous.into_iter().flatten().cloned());
                ix.quotes[i].who.extend(around);
            }
            if ix.quotes[i].named {
                continue;
            }
            // A source that names no one ("he", "the company") may be
            // anyone named around it; but a report nested in a named one's
            // content ("the deal showed …" inside what Berger said) is that
            // one's.
            let outer = ix
                .overlapping(c.clone())
                .find(|&o| o != i && ix.quotes[o].named)
                .map(|o| ix.quotes[o].who.clone());
            let extra = match outer {
                Some(who) => who,
                None => {
                    let s = &ix.sentences[h].range;
                    let mut who = if s.len() <= SHORT_SENTENCE {
                        let mut w = name_forms(&doc.text[s.start..c.start.max(s.start)], true);
                        if c.end < s.end {
                            w.extend(name_forms(&doc.text[c.end..s.end], true));
                        }
                        w
                    } else {
                        ix.sentences[h].names.clone()
                    };
                    who.extend(previous.into_iter().flatten().cloned());
                    who
                }
            };
            ix.quotes[i].who.extend(extra);
        }
        ix
    }

    /// The sentence holding byte `at`.
    fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.start <= at);
        i.checked_sub(1).filter(|&i| {
            at < self.sentences[i]
                .range
                .end
                .max(self.sentences[i].range.start + 1)
        })
    }

    /// Indices of the quotes whose content overlaps `r`, nearest first.
    fn overlapping(&self, r: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let before = self.quotes.partition_point(|q| q.range.start < r.end);
        (0..before)
            .rev()
            .take(MAX_OVERLAP_SCAN)
            .take_while(move |&k| self.max_end[k] > r.start)
            .filter(move |&k| self.quotes[k].range.end > r.start)
    }

    /// Byte ranges (in the summary text) of the sources of `summary`'s
    /// reports that the article does not support.
    pub(super) fn unsupported(&self, summary: &Document) -> Vec<Range<usize>> {
        // A sentence copied from the article says what the article says
        // (the summary may join the article's sentences otherwise: lines
        // the article keeps apart, the summary runs together).
        let mut copied: Vec<Option<bool>> = vec![None; summary.sentences.len()];
        let mut out = Vec::new();
        for q in &summary.quotes {
            let Some(source) = q.source.as_ref() else {
                continue;
            };
            let Some(i) = summary
                .sentences
                .iter()
                .position(|s| s.start <= source.start && source.end <= s.end)
            else {
                continue;
            };
            let verbatim = *copied[i].get_or_insert_with(|| {
                self.verbatim
                    .contains(&one_line(&summary.sentences[i].text))
            });
            if verbatim {
                continue;
            }
            if let Some(r) = self.judge(summary, q) {
                out.push(r);
            }
        }
        out
    }

    fn judge(&self, summary: &Document, q: &Quote) -> Option<Range<usize>> {
        let source = q.source.as_ref()?;
        if !q.cue.as_ref().is_some_and(|c| is_reporting(&c.text)) {
            return None;
        }
        // A pronoun takes the name the summary resolved it to.
        let mut who = named(&source.text);
        if who == Named::NoOne {
            if let Some(sp) = q.speaker.as_deref().and_then(|id| summary.speaker(id)) {
                who = named(&sp.name);
            }
        }
        if who == Named::NoOne {
            return None;
        }
        let words = content_words(&tokenize(&summary.text, q.content.range()));
        if words.is_empty() {
            return None;
        }
        let shared = |other: &HashSet<String>| words.iter().filter(|w| other.contains(*w)).count();
        let holds = |other: &HashSet<String>| {
            let n = shared(other);
            n as f64 >= MATCH * words.len() as f64 && n >= words.len().min(2)
        };
        // The named speaker's closest quote, and anyone else's that holds
        // the content.
        let mut theirs = 0;
        let mut others = 0;
        for aq in &self.quotes {
            let n = shared(&aq.words);
            if compatible(&aq.who, &who) {
                theirs = theirs.max(n);
            } else if holds(&aq.words) {
                others = others.max(n);
            }
        }
        let partial = theirs >= PARTIAL_MIN_WORDS.min(words.len())
            && theirs as f64 >= PARTIAL_MATCH * words.len() as f64;
        if (theirs as f64 >= MATCH * words.len() as f64 || partial) && theirs >= others {
            return None;
        }
        let mut elsewhere = others > 0;
        let head = match &who {
            Named::Head(h) => Some(h),
            _ => None,
        };
        for s in self.sentences.iter().filter(|s| !s.headline) {
            let quoted = holds(&s.words);
            let n = shared(&s.words);
            let stated =
                n >= NARRATION_MIN_WORDS && n as f64 >= NARRATION_MATCH * words.len() as f64;
            if !quoted && !stated {
                continue;
            }
            // A report the article's attribution missed: the sentence holds
            // the content and names the speaker, and gives it to no one else
            // by name.
            let names_them = head.is_some_and(|h| h.iter().any(|w| s.names.contains(w)));
            let someone_else = self.overlapping(s.range.clone()).any(|k| {
                let aq = &self.quotes[k];
                aq.named && holds(&aq.words) && !compatible(&aq.who, &who)
            });
            if quoted && names_them && !someone_else {
                return None;
            }
            // Narration given to a speaker: unless the summary merged it
            // with words of theirs (it shares some with their quotes).
            if stated && theirs == 0 {
                elsewhere = true;
            }
        }
        // Someone the article never quotes nor names at all; someone it
        // names without quoting (its attribution may have missed them) is
        // not judged on content it does not hold.
        let quotes_them = self.quotes.iter().any(|aq| compatible(&aq.who, &who));
        let names_them = match &who {
            Named::Head(h) => h.iter().any(|w| self.all_names.contains(w)),
            _ => true,
        };
        if !(quotes_them || names_them) || elsewhere {
            return Some(source.range());
        }
        None
    }
}
