//! A last pass over a window's attributions: where a reported (indirect or
//! mixed) content begins and ends, as the annotations mark it.
//!
//! The rules find the right clause far more often than its exact edges:
//! they start a content at cue material the annotations leave out ("in a
//! statement", "that he", "questions about"), end it after a trailing
//! clause the annotations cut ("…, adding that …", "— and …"), or leave out
//! a leading word the annotations include. Each edge is re-chosen among the
//! token boundaries near the rules' own (which is always a candidate, so
//! the pass can keep it) by a ranking perceptron over the words and
//! punctuation at and around each candidate, the cue word and the distance
//! from the rules' edge. The weights are trained on PolNeAR by
//! `scripts/train_bounds` (examples/train_bounds.rs) and committed as
//! `models/attribution/bounds.tsv`, one `feature<TAB>weight` line each.
//! Direct quotes keep their quotation marks' edges.

use std::ops::Range;
use std::sync::OnceLock;

use super::clause::{self, is_nominal_cue, is_whole_quote, Found};
use super::context::{context, Ctx, Sentences};
use super::cue_model::CueModel;
use super::tokens::{Kind, Tok};
use super::weights::{self, Weights};
use super::words::FINITE_AUX;
use super::{combine, cues, find_cued, windows};
use crate::document::Document;
use crate::error::{Error, Result};

const MODEL: &str = include_str!("../../models/attribution/bounds.tsv");

/// The environment variable that names a weights file to use instead of
/// the built-in one (a development hook for cross-validation,
/// `scripts/train_bounds_cv`).
const MODEL_VARIABLE: &str = "NEWSDIGEST_BOUNDS_MODEL";

/// How far, in tokens, a start may move from the rules' start.
const START_REACH: usize = 8;
/// How far an end may move back (a trailing clause may be long) and
/// forward.
const END_BACK: usize = 40;
const END_FORWARD: usize = 6;
/// A source's reach: start back and forward, end back and forward.
const SOURCE_REACH: [usize; 4] = [4, 4, 12, 8];

/// The boundary ranker's weights, by feature hash.
#[derive(Debug)]
pub struct BoundsModel {
    weights: Weights,
}

impl BoundsModel {
    /// The weights committed with the crate (`models/attribution/bounds.tsv`).
    pub fn builtin() -> &'static BoundsModel {
        static BUILTIN: OnceLock<BoundsModel> = OnceLock::new();
        BUILTIN.get_or_init(|| BoundsModel {
            weights: Weights::parse(MODEL),
        })
    }

    /// The weights of the file `NEWSDIGEST_BOUNDS_MODEL` names, else the
    /// built-in ones; the file is read once per process.
    ///
    /// # Errors
    /// [`Error::BoundsModel`] when the file cannot be read or holds no
    /// `feature<TAB>weight` line: a cross-validation run must not report
    /// the built-in model's figures as a fold's.
    pub fn from_env() -> Result<&'static BoundsModel> {
        static FROM_ENV: OnceLock<weights::FromEnv<BoundsModel>> = OnceLock::new();
        match weights::from_env(&FROM_ENV, MODEL_VARIABLE, |weights| BoundsModel { weights }) {
            None => Ok(BoundsModel::builtin()),
            Some(Ok(model)) => Ok(model),
            Some(Err((path, problem))) => Err(Error::BoundsModel {
                path: path.clone(),
                problem: problem.clone(),
            }),
        }
    }

    fn weight(&self, parts: &[&str]) -> f32 {
        self.weights.weight(parts)
    }
}

/// Re-chooses the edges of every reported content of the window.
pub(super) fn refine(ctx: &Ctx, model: &BoundsModel, found: &mut [Found]) {
    let cues = cue_tokens(found);
    // The rules' contents: an edge never moves into an earlier one.
    let contents: Vec<Range<usize>> = found.iter().map(|f| f.content.clone()).collect();
    for f in found.iter_mut() {
        if f.direct {
            continue;
        }
        let best = |f: &Found, cands: &[usize], edge: Edge, rule: usize| {
            let mut best = (f32::NEG_INFINITY, rule);
            for &b in cands {
                let mut s = 0.0;
                features(ctx, f, edge, rule, b, &mut |parts| s += model.weight(parts));
                if s > best.0 {
                    best = (s, b);
                }
            }
            best.1
        };
        if let Some(c) = Candidates::content(ctx, f, &cues, &contents) {
            let start = best(f, &c.starts, Edge::Start, f.content.start);
            let end = best(f, &c.ends, Edge::End, f.content.end);
            if start < end {
                f.content = start..end;
                // Edges that left only a quotation ("offered a grim
                // assessment: “…”" → "“…”") make a direct quote.
                f.direct = is_whole_quote(ctx, f.content.clone());
            }
        }
        if let (Some(c), Some(s)) = (Candidates::source(ctx, f, &cues), f.source.clone()) {
            let start = best(f, &c.starts, Edge::SourceStart, s.start);
            let end = best(f, &c.ends, Edge::SourceEnd, s.end);
            if start < end {
                f.source = Some(start..end);
            }
        }
    }
}

/// Whether `dropped`, the words an end would leave out of a reported
/// content, is one trailing unit set off by punctuation ("— a claim his
/// office denied", ", according to aides"): it opens with a comma, dash,
/// semicolon, colon or parenthesis and holds no other, and what is `kept`
/// holds no comma that the unit's own could be closing. Anything else may
/// be the rest of the clause ("that the new rules[, which take effect in
/// May, will hurt farms]", "that the new rules, which take effect in
/// May[, will hurt farms]"), and cutting it would change what the source
/// said.
fn is_trailing_unit(kept: &[Tok], dropped: &[Tok]) -> bool {
    let is_break = |t: &Tok| matches!(t.kind, Kind::Punct(',' | ';' | ':' | '-' | '—' | '–' | '('));
    match dropped.split_first() {
        Some((first, rest)) => {
            is_break(first)
                && !rest.iter().any(is_break)
                && !kept.iter().any(|t| t.kind == Kind::Punct(','))
        }
        None => true,
    }
}

/// Every cue token of the window, sorted: no edge moves over another
/// attribution's cue ("announced by A and confirmed by B" keeps A's source
/// to A).
fn cue_tokens(found: &[Found]) -> Vec<usize> {
    let mut cues: Vec<usize> = found.iter().flat_map(|f| f.cue.clone()).collect();
    cues.sort_unstable();
    cues
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
    SourceStart,
    SourceEnd,
}

impl Edge {
    fn is_start(self) -> bool {
        matches!(self, Edge::Start | Edge::SourceStart)
    }
}

/// The token boundaries an edge may move to: within the sentence of the
/// rules' edge, never across the cue or source.
struct Candidates {
    /// First tokens of the content.
    starts: Vec<usize>,
    /// Exclusive ends.
    ends: Vec<usize>,
}

impl Candidates {
    /// A reported content's edges, never over the cue or source.
    fn content(
        ctx: &Ctx,
        f: &Found,
        cues: &[usize],
        contents: &[Range<usize>],
    ) -> Option<Candidates> {
        // A content that holds its own cue ("The plan, he said, will
        // fail") is cut into parts around it; its edges are the rules'.
        if f.direct || f.content.contains(&f.cue.start) {
            return None;
        }
        // "…, a charge Roe denied": the noun is all Roe denied; any wider
        // start takes the report before, another speaker's words.
        if super::verb::sums_up_report_before(ctx, f) {
            return None;
        }
        // A Title-Case headline's content is the rest of the headline
        // ("Senator Urges Vote On Gun Bill"): the ranker, which learned
        // lowercase cue material ("urged a vote on"), would cut words of
        // the report that no cue then holds.
        let opens_sentence = ctx
            .sentence(f.cue.start)
            .is_some_and(|s| s.start == f.cue.start);
        if ctx.toks[f.cue.start].cap && !opens_sentence {
            return None;
        }
        // A nominal cue's content is the subject's noun phrase: no edge
        // moves over the sentence's verb ("Roe's call for a recount [was
        // rejected]"), which [`nominal_content_end`] ended it before.
        let nominal = f
            .source
            .as_ref()
            .is_some_and(|s| is_nominal_cue(ctx, s, f.cue.start));
        // Nor into the content of a report that ends before this one
        // begins ("Roe said [the plan is dead], and [the group is …,]
        // Hoover said").
        // Moving back from the start, the first such token is the last
        // one of the latest earlier content.
        let earlier_end = contents
            .iter()
            .filter(|g| !g.is_empty() && g.end <= f.content.start)
            .map(|g| g.end)
            .max();
        let earlier = |i: usize| earlier_end.is_some_and(|e| i < e);
        let blocked = |i: usize| {
            cues.binary_search(&i).is_ok()
                || earlier(i)
                || f.source.as_ref().is_some_and(|s| s.contains(&i))
                || f.antecedent.as_ref().is_some_and(|s| s.contains(&i))
                || nominal
                    && i >= f.content.end
                    && ctx.toks[i].is_word()
                    && FINITE_AUX.contains(&ctx.toks[i].lower)
        };
        // A start never drops a nested attribution's cue: in "Berg told
        // reporters Roe said the harbour was closed", what Berg reports
        // is Roe's saying it, not the closure.
        // Nor a claim noun before its clause: "rejected [his claim that
        // the vote was rigged]" does not report the vote as rigged.
        // Nor the verb of an infinitive after the cue's object: "told
        // reporters to [expect] a vote soon" does not report "a vote soon"
        // (right after the cue the verb is the cue's own: "declined to
        // say").
        let content_start = f.content.start;
        let after_object = content_start > f.cue.end;
        // Nor a relative clause after a comma: "denounced [the deal, which
        // would cut the rate] to 17 percent" is no cue material.
        let nested_cue = |i: usize| {
            cues.binary_search(&i).is_ok()
                || clause::claim_before_that(&ctx.toks, i + 1)
                || i > 0
                    && ctx.toks[i - 1].is_punct(',')
                    && matches!(ctx.toks[i].lower, "which" | "who" | "whose")
                || after_object
                    && i > content_start
                    && ctx.toks[i - 1].is("to")
                    && ctx.toks[i].is_word()
                    && !ctx.toks[i].cap
        };
        let mut c = Candidates::around(
            ctx,
            f.content.clone(),
            &blocked,
            &nested_cue,
            [START_REACH, START_REACH, END_BACK, END_FORWARD],
        )?;
        let end = f.content.end;
        let start = f.content.start;
        c.ends
            .retain(|&e| e >= end || is_trailing_unit(&ctx.toks[start..e], &ctx.toks[e..end]));
        Some(c)
    }

    /// A source's edges, never over the cue or content, nor over a word
    /// of the cue lexicon ("announced by A and confirmed by B": the rules
    /// keep one record of the two cues).
    fn source(ctx: &Ctx, f: &Found, cues: &[usize]) -> Option<Candidates> {
        let s = f.source.clone()?;
        // A source set into its content ("The plan, said Roe, a Democrat,
        // is dead") is cut out of it as the rules marked it: an edge moved
        // here would put its description into what was said.
        if f.content.contains(&s.start) {
            return None;
        }
        // Nor over "as": "criticized by Democrats [as a giveaway]" says
        // what they called it, "as Roe said" opens a clause.
        let blocked = |i: usize| {
            let t = &ctx.toks[i];
            cues.binary_search(&i).is_ok()
                || f.content.contains(&i)
                || (t.is_word() && !t.cap && cues::lookup(t.lower).is_some())
                || t.is("as")
        };
        // "Park used to back the mayor, but now said …": a source whose
        // cue follows a coordinated clause is that clause's subject, and
        // the words after it are its predicate, not its description.
        let toks = &ctx.toks;
        let coordinated = s.end < f.cue.start
            && (s.end..f.cue.start).any(|t| {
                toks[t].is_word()
                    && (toks[t].lower == "but"
                        || toks[t].lower == "and" && t > 0 && toks[t - 1].is_punct(','))
            });
        let mut reach = SOURCE_REACH;
        if coordinated {
            reach[3] = 0;
        }
        Candidates::around(ctx, s, &blocked, &|_| false, reach)
    }

    /// Boundaries around `span`'s edges within its sentences, reaching
    /// `reach` tokens (start back, start forward, end back, end forward)
    /// never taking in a `blocked` token and never dropping a `kept` one
    /// from the start.
    fn around(
        ctx: &Ctx,
        span: Range<usize>,
        blocked: &dyn Fn(usize) -> bool,
        kept: &dyn Fn(usize) -> bool,
        reach: [usize; 4],
    ) -> Option<Candidates> {
        let toks = &ctx.toks;
        let Range { start, end } = span;
        if start >= end || end > toks.len() {
            return None;
        }
        let first = ctx.sentence(start)?;
        let last = ctx.sentence(end - 1)?;
        let mut starts = vec![start];
        // Earlier starts, back to the sentence start or a blocked token.
        let mut b = start;
        while b > first.start && start - b < reach[0] && !blocked(b - 1) {
            b -= 1;
            starts.push(b);
        }
        // Later starts, leaving at least one token.
        let mut b = start;
        while b + 1 < end && b + 1 - start <= reach[1] && !kept(b) {
            b += 1;
            starts.push(b);
        }
        let mut ends = vec![end];
        let mut e = end;
        while e > start + 1 && end - e < reach[2] {
            e -= 1;
            ends.push(e);
        }
        let mut e = end;
        while e < last.end && e - end < reach[3] && !blocked(e) {
            e += 1;
            ends.push(e);
        }
        Some(Candidates { starts, ends })
    }
}

fn shape(t: Option<&Tok>) -> &'static str {
    match t {
        None => "none",
        Some(t) => match t.kind {
            Kind::Word if t.cap => "Cap",
            Kind::Word if t.lower.starts_with(|c: char| c.is_ascii_digit()) => "num",
            Kind::Word => "low",
            Kind::Quote { .. } => "q",
            Kind::Punct(',') => ",",
            Kind::Punct(':') => ":",
            Kind::Punct(';') => ";",
            Kind::Punct('.' | '!' | '?') => ".",
            Kind::Punct('-' | '—' | '–') => "-",
            Kind::Punct('(' | ')') => "()",
            Kind::Punct(_) => "p",
        },
    }
}

/// A token's word, or its shape for punctuation; "none" outside the
/// sentence (`sent`).
fn text<'a>(ctx: &'a Ctx, sent: &Range<usize>, i: isize) -> &'a str {
    if i < sent.start as isize || i >= sent.end as isize {
        return "none";
    }
    let t = &ctx.toks[i as usize];
    if t.is_word() {
        t.lower
    } else {
        shape(Some(t))
    }
}

fn distance(d: isize) -> &'static str {
    match d {
        ..=-16 => "-16",
        -15..=-9 => "-9",
        -8..=-5 => "-5",
        -4 => "-4",
        -3 => "-3",
        -2 => "-2",
        -1 => "-1",
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4",
        _ => "7",
    }
}

/// Calls `emit` with the parts of every feature of moving `edge` of `f`'s
/// content to the boundary `b` (the first token for a start, the exclusive
/// end for an end).
fn features(
    ctx: &Ctx,
    f: &Found,
    edge: Edge,
    rule: usize,
    b: usize,
    emit: &mut dyn FnMut(&[&str]),
) {
    let toks = &ctx.toks;
    let Some(sent) = ctx.sentence(if edge.is_start() { b } else { b - 1 }) else {
        return;
    };
    let side = if f.content.start >= f.cue.end {
        "after"
    } else {
        "before"
    };
    let kind = if f.content.clone().any(|t| toks[t].is_quote()) {
        "mixed"
    } else {
        "ind"
    };
    let cue = toks[f.cue.end - 1].lower;
    let d = b as isize - rule as isize;
    let dist = distance(d);
    let bi = b as isize;
    // The tokens on either side of the boundary.
    let (before, after) = (text(ctx, &sent, bi - 1), text(ctx, &sent, bi));
    let (before2, after2) = (text(ctx, &sent, bi - 2), text(ctx, &sent, bi + 1));
    let e = match edge {
        Edge::Start => "S",
        Edge::End => "E",
        Edge::SourceStart => "SS",
        Edge::SourceEnd => "SE",
    };
    emit(&[e, "d", dist]);
    emit(&[e, "dside", dist, side, kind]);
    emit(&[e, "b", before]);
    emit(&[e, "a", after]);
    emit(&[e, "ba", before, after]);
    emit(&[e, "bb", before2, before]);
    emit(&[e, "aa", after, after2]);
    emit(&[
        e,
        "sba",
        shape(at(toks, &sent, bi - 1)),
        shape(at(toks, &sent, bi)),
    ]);
    emit(&[e, "da", dist, after]);
    emit(&[e, "db", dist, before]);
    if edge.is_start() {
        {
            emit(&[e, "cuea", cue, after]);
            emit(&[e, "sidea", side, after]);
            emit(&[e, "first", if b == sent.start { "yes" } else { "no" }, side]);
        }
    } else {
        {
            emit(&[e, "cueb", cue, before]);
            emit(&[e, "sideb", side, after]);
            emit(&[e, "last", if b == sent.end { "yes" } else { "no" }, side]);
        }
    }
    if matches!(edge, Edge::SourceStart | Edge::SourceEnd) && f.antecedent.is_some() {
        emit(&[e, "antecedent", dist]);
    }
    // What the move leaves out or takes in: its first word and length, and
    // whether it holds a comma or a quotation mark.
    if d != 0 {
        let span = if d < 0 { b..rule } else { rule..b };
        let len = distance(span.len() as isize);
        let first = text(ctx, &sent, span.start as isize);
        let last = text(ctx, &sent, span.end as isize - 1);
        let comma = toks[span.clone()].iter().any(|t| t.is_punct(','));
        let quote = toks[span.clone()].iter().any(Tok::is_quote);
        let sign = if d < 0 { "-" } else { "+" };
        emit(&[e, "span", sign, first]);
        emit(&[e, "spanl", sign, last]);
        emit(&[e, "spanfl", sign, first, len]);
        emit(&[
            e,
            "spanc",
            sign,
            if comma { "c" } else { "-" },
            if quote { "q" } else { "-" },
            len,
        ]);
        emit(&[e, "spancue", sign, cue, first]);
        let second = text(ctx, &sent, span.start as isize + 1);
        emit(&[e, "span2", sign, first, second]);
        let lexical = toks[span.clone()]
            .iter()
            .any(|t| t.is_word() && cues::lookup(t.lower).is_some());
        emit(&[e, "spanlex", sign, first, if lexical { "cue" } else { "-" }]);
        // Two commas: an insertion ("…, which …, will …") whose clause
        // goes on after it, rather than a trailing one.
        let commas = toks[span.clone()]
            .iter()
            .filter(|t| t.is_punct(','))
            .count();
        emit(&[
            e,
            "spancommas",
            sign,
            first,
            distance(commas.min(3) as isize),
        ]);
    }
    // How much content the move leaves: a clause of a few words is rarely
    // all that was reported.
    if !edge.is_start() && matches!(edge, Edge::End) {
        let kept = b.saturating_sub(f.content.start) as isize;
        emit(&[e, "kept", distance(kept), if d < 0 { "-" } else { "=" }]);
    }
}

fn at<'a, 't>(toks: &'a [Tok<'t>], sent: &Range<usize>, i: isize) -> Option<&'a Tok<'t>> {
    (i >= sent.start as isize && i < sent.end as isize).then(|| &toks[i as usize])
}

/// One edge to learn: the features of each candidate boundary, and which
/// candidate is the annotated one.
#[doc(hidden)]
pub struct BoundExample {
    pub candidates: Vec<Vec<String>>,
    pub gold: usize,
}

/// An annotated attribution's content and source, as byte ranges of their
/// parts.
#[doc(hidden)]
pub struct GoldSpans {
    pub content: Vec<Range<usize>>,
    pub source: Option<Vec<Range<usize>>>,
}

/// Training data for the boundary ranker (used by
/// `examples/train_bounds.rs`): for every content the rules find that
/// overlaps an annotated content of one span, its start and its end (for a
/// reported content) and its source's start and end (where the annotation
/// has a source of one span), each with its candidates, where the
/// annotated edge is among them. A content whose best match is annotated
/// in several parts teaches nothing about one span's edges. The cues are
/// `cue_model`'s, so that a cross-validation fold trains on the
/// attributions its own cue detector finds.
#[doc(hidden)]
pub fn bound_training_examples(
    doc: &Document,
    gold: &[GoldSpans],
    cue_model: &CueModel,
) -> Vec<BoundExample> {
    let text = doc.text.as_str();
    let paras = &doc.paragraphs;
    let mut sentences = Sentences::of(doc);
    let mut arena = String::new();
    let mut out = Vec::new();
    for w in windows::windows(text, paras, &sentences, windows::WINDOW_BYTES) {
        let ctx = context(text, &paras[w], &mut sentences, &mut arena, cue_model);
        let mut found = find_cued(&ctx);
        combine::combine(&ctx, &mut found);
        let cues = cue_tokens(&found);
        let contents: Vec<Range<usize>> = found.iter().map(|f| f.content.clone()).collect();
        for f in &found {
            let byte = |r: Range<usize>| {
                ctx.base + ctx.toks[r.start].start as usize
                    ..ctx.base + ctx.toks[r.end - 1].end as usize
            };
            let p = byte(f.content.clone());
            let overlap = |g: &[Range<usize>]| {
                g.iter()
                    .map(|r| r.end.min(p.end).saturating_sub(r.start.max(p.start)))
                    .sum::<usize>()
            };
            let Some(g) = gold
                .iter()
                .filter(|g| overlap(&g.content) > 0)
                .max_by_key(|g| overlap(&g.content))
            else {
                continue;
            };
            let [content] = g.content.as_slice() else {
                continue;
            };
            let content = trim(text, content.clone());
            let mut edges = Vec::new();
            if let Some(c) = Candidates::content(&ctx, f, &cues, &contents) {
                edges.push((Edge::Start, f.content.start, c.starts, content.start));
                edges.push((Edge::End, f.content.end, c.ends, content.end));
            }
            if let (Some(c), Some(s), Some([source])) = (
                Candidates::source(&ctx, f, &cues),
                &f.source,
                g.source.as_deref(),
            ) {
                let source = trim(text, source.clone());
                edges.push((Edge::SourceStart, s.start, c.starts, source.start));
                edges.push((Edge::SourceEnd, s.end, c.ends, source.end));
            }
            for (edge, rule, cands, at) in edges {
                let hit = cands.iter().position(|&b| {
                    if edge.is_start() {
                        ctx.base + ctx.toks[b].start as usize == at
                    } else {
                        ctx.base + ctx.toks[b - 1].end as usize == at
                    }
                });
                let Some(hit) = hit else { continue };
                let candidates = cands
                    .iter()
                    .map(|&b| {
                        let mut feats = Vec::new();
                        features(&ctx, f, edge, rule, b, &mut |parts| {
                            feats.push(parts.join(" "))
                        });
                        feats
                    })
                    .collect();
                out.push(BoundExample {
                    candidates,
                    gold: hit,
                });
            }
        }
    }
    out
}

/// `r` without the whitespace at its edges, as the scorer compares spans.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else {
        return r;
    };
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest::ingest, segment::segment};

    /// Each attribution of `text` (one window) as the rules find it and as
    /// `model` refines it: (rules' content, refined content, refined
    /// source), with whether it is direct and whether a refined span takes
    /// in its cue or the content takes in the source.
    struct Refined {
        rules: String,
        content: String,
        source: Option<String>,
        direct: bool,
        overlaps: bool,
    }

    fn refined(text: &str, model: &BoundsModel) -> Vec<Refined> {
        let mut doc = ingest(None, text.to_owned()).unwrap();
        segment(&mut doc);
        let mut arena = String::new();
        let ctx = context(
            &doc.text,
            &doc.paragraphs,
            &mut Sentences::of(&doc),
            &mut arena,
            CueModel::builtin(),
        );
        let mut found = find_cued(&ctx);
        combine::combine(&ctx, &mut found);
        let rules = found.clone();
        refine(&ctx, model, &mut found);
        let span = |r: &Range<usize>| {
            doc.text[ctx.base + ctx.toks[r.start].start as usize
                ..ctx.base + ctx.toks[r.end - 1].end as usize]
                .to_owned()
        };
        let meet = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        rules
            .iter()
            .zip(&found)
            .map(|(r, f)| Refined {
                rules: span(&r.content),
                content: span(&f.content),
                source: f.source.as_ref().map(span),
                direct: f.direct,
                overlaps: meet(&f.content, &f.cue)
                    || f.source
                        .as_ref()
                        .is_some_and(|s| meet(s, &f.cue) || meet(s, &f.content)),
            })
            .collect()
    }

    const TEXT: &str = "Budget Fight\n\n\
        The group expressed concern about the rising cost of housing in the region. \
        Aides said Tuesday the mayor had left the city — a claim his office denied. \
        The minister said that talks would resume soon. \
        Critics argue that the new rules, which take effect in May, will hurt small farms. \
        \"We will not back down,\" the senator said. \
        Prices will rise, analysts said.";

    #[test]
    fn an_empty_model_keeps_the_rules_edges() {
        let empty = BoundsModel {
            weights: Weights::parse(""),
        };
        let all = refined(TEXT, &empty);
        assert!(all.len() >= 4, "{}", all.len());
        for r in &all {
            assert_eq!(r.content, r.rules);
            assert!(!r.overlaps, "{}", r.content);
        }
    }

    #[test]
    fn cue_material_and_a_trailing_clause_leave_the_content() {
        let all = refined(TEXT, BoundsModel::builtin());
        let contents: Vec<&str> = all.iter().map(|r| r.content.as_str()).collect();
        // "concern about" belongs to the cue.
        assert!(
            contents.contains(&"the rising cost of housing in the region"),
            "{contents:?}"
        );
        // What the rules already cut right stays: a leading "that", a
        // clause that goes on after an insertion, a quotation's marks.
        assert!(
            contents.contains(&"that talks would resume soon"),
            "{contents:?}"
        );
        assert!(
            contents
                .contains(&"that the new rules, which take effect in May, will hurt small farms"),
            "{contents:?}"
        );
        let direct = all.iter().find(|r| r.direct).unwrap();
        assert_eq!(direct.content, "\"We will not back down,\"");
        assert_eq!(direct.source.as_deref(), Some("the senator"));
    }

    #[test]
    fn edges_never_move_over_the_cue_or_source() {
        // Weights that favour the farthest move of every edge.
        let greedy = BoundsModel {
            weights: Weights::parse(
                "S d -16\t9\nS d -9\t8\nS d -5\t7\nS d -4\t6\nS d -3\t5\nS d -2\t4\nS d -1\t3\n\
                 E d 7\t9\nE d 4\t8\nE d 3\t7\nE d 2\t6\nE d 1\t5\n\
                 SS d -4\t9\nSS d -3\t8\nSS d -2\t7\nSS d -1\t6\n\
                 SE d 7\t9\nSE d 4\t8\nSE d 3\t7\nSE d 2\t6\nSE d 1\t5\n",
            ),
        };
        let all = refined(TEXT, &greedy);
        assert!(all.iter().any(|r| r.content != r.rules), "some edge moves");
        for r in &all {
            assert!(!r.overlaps, "{} / {:?}", r.content, r.source);
            if r.direct {
                assert_eq!(r.content, r.rules, "a quotation keeps its marks' edges");
            }
        }
    }

    #[test]
    fn an_end_leaves_out_only_a_trailing_unit() {
        // Weights that favour the shortest content: every end as far back
        // as it may go.
        let short = BoundsModel {
            weights: Weights::parse(
                "E d -16\t9\nE d -9\t8\nE d -5\t7\nE d -4\t6\nE d -3\t5\nE d -2\t4\nE d -1\t3\n",
            ),
        };
        let all = refined(TEXT, &short);
        let contents: Vec<&str> = all.iter().map(|r| r.content.as_str()).collect();
        // The one comma-led unit may go; the insertion and the rest of its
        // clause never do, nor the words of a clause without a break.
        assert!(
            contents.contains(&"the mayor had left the city"),
            "{contents:?}"
        );
        assert!(
            contents
                .contains(&"that the new rules, which take effect in May, will hurt small farms"),
            "{contents:?}"
        );
        assert!(
            contents.contains(&"that talks would resume soon"),
            "{contents:?}"
        );
    }

    #[test]
    fn a_start_never_drops_a_relative_clause_after_a_comma() {
        // A model that wants every content to start at "to".
        let eager = BoundsModel {
            weights: Weights::parse("S a to\t50\n"),
        };
        let text =
            "Title\n\nRepublicans denounced the deal, which would cut the rate to 17 percent.";
        let all = refined(text, &eager);
        let contents: Vec<&str> = all.iter().map(|r| r.content.as_str()).collect();
        assert!(
            contents.iter().all(|c| c.contains("which would cut")),
            "{contents:?}"
        );
    }

    #[test]
    fn the_builtin_weights_are_the_committed_model() {
        assert!(BoundsModel::builtin().weights.len() > 1000);
    }
}
