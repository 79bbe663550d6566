//! Stage 4b: check a summary against its article, sentence by sentence.
//!
//! Abstractive summarizers invent names, figures, quotations and who said
//! what. This stage lists, for each sentence of a summary, what the article
//! does not support, in four kinds ([`IssueKind`]):
//!
//! - `entity`: a name absent from the article, allowing the forms the
//!   article licenses (`names`);
//! - `number`: a figure, date or weekday absent from the article, in one
//!   normal form (`numbers`);
//! - `quote`: words in quotation marks not verbatim in the article
//!   (`quotes`);
//! - `attribution`: words given to someone the article does not give them
//!   to (`attribution`), found by running newsdigest's own segment and
//!   attribute stages on the summary.
//!
//! The article side is an [`ArticleIndex`], built once from the analyzed
//! document (its sentences, quotes and speakers): checking a summary then
//! costs its own few sentences. [`apply`] checks a document's summary and
//! carries out an [`UnsupportedPolicy`].

mod attribution;
mod names;
mod numbers;
mod quotes;
mod text;
mod words;

use std::ops::Range;

use crate::attribute::{self, CueModel};
use crate::document::{Document, Summary, SummaryMethod};
use crate::{ingest, segment, summarize};

pub use crate::document::{Issue, IssueKind, Revised, SentenceCheck, UnsupportedPolicy};

use attribution::SaidIndex;
use names::NameIndex;
use numbers::{Figures, NumberIndex};
use quotes::WordStream;
use text::{tokenize, Tok};

/// What the article says, in the forms a summary is checked against.
pub struct ArticleIndex {
    names: NameIndex,
    numbers: NumberIndex,
    words: WordStream,
    said: SaidIndex,
}

impl ArticleIndex {
    /// The index of an analyzed document (segmented and attributed): its
    /// content sentences, headline included, and its quotes and speakers.
    pub fn new(doc: &Document) -> ArticleIndex {
        let title = doc.title.as_ref().map(|t| t.range());
        let sentences: Vec<(bool, Vec<Tok>)> = doc
            .content_sentences()
            .map(|s| {
                let headline = title
                    .as_ref()
                    .is_some_and(|t| t.start <= s.start && s.end <= t.end);
                (headline, tokenize(&doc.text, s.range()))
            })
            .collect();
        let toks: Vec<Vec<Tok>> = sentences.iter().map(|(_, t)| t.clone()).collect();
        let mut names = NameIndex::with_vocabulary(&toks);
        let mut numbers = NumberIndex::default();
        let mut words = WordStream::default();
        for (headline, toks) in &sentences {
            let runs = names::runs(toks, *headline, &|w| names.is_common(w));
            for r in &runs {
                names.add_run(r);
            }
            numbers.add(&Figures::of(toks));
            words.add(toks);
        }
        // Speakers' names as the attribution stage put them together.
        for s in &doc.speakers {
            let toks = tokenize(&s.name, 0..s.name.len());
            let runs = names::runs(&toks, false, &|w| names.is_common(w));
            for r in &runs {
                names.add_run(r);
            }
        }
        ArticleIndex {
            names,
            numbers,
            words,
            said: SaidIndex::new(doc),
        }
    }

    /// One check per sentence of `summary`, in order.
    pub fn check(&self, summary: &str) -> Vec<SentenceCheck> {
        let sdoc = analyze(summary);
        let text = sdoc.text.as_str();
        let all = tokenize(text, 0..text.len());
        let sentences: Vec<Range<usize>> = sdoc.sentences.iter().map(|s| s.range()).collect();
        let mut issues: Vec<Vec<Issue>> = vec![Vec::new(); sentences.len()];
        let sentence_of = |at: usize| {
            sentences
                .iter()
                .position(|s| s.start <= at && at < s.end)
                .or_else(|| sentences.iter().rposition(|s| s.start <= at))
        };
        let mut push = |kind: IssueKind, r: Range<usize>| {
            if let Some(i) = sentence_of(r.start) {
                issues[i].push(Issue {
                    kind,
                    text: text[r.clone()].to_owned(),
                    start: r.start,
                    end: r.end,
                });
            }
        };
        for s in &sentences {
            let lo = all.partition_point(|t| t.start < s.start);
            let hi = all.partition_point(|t| t.start < s.end);
            let toks = &all[lo..hi];
            for r in self.unsupported_names(toks) {
                push(IssueKind::Entity, r);
            }
            for r in self.numbers.unsupported(&Figures::of(toks)) {
                push(IssueKind::Number, r);
            }
        }
        for q in quotes::quotations(&all) {
            // An unclosed quotation runs to the end of its sentence.
            let end =
                sentence_of(q.span.start).map_or(q.span.end, |i| q.span.end.min(sentences[i].end));
            let toks_end = all.partition_point(|t| t.start < end).max(q.toks.start);
            let q = quotes::Quotation {
                span: q.span.start..end,
                toks: q.toks.start..q.toks.end.min(toks_end),
            };
            let fragments = quotes::fragments(&all, &q);
            if fragments.iter().any(|f| !self.words.contains(f)) {
                push(IssueKind::Quote, q.span);
            }
        }
        for r in self.said.unsupported(&sdoc) {
            push(IssueKind::Attribution, r);
        }
        sentences
            .iter()
            .zip(issues)
            .map(|(s, mut issues)| {
                issues.sort_by_key(|i| (i.start, i.kind.as_str()));
                issues.dedup();
                SentenceCheck {
                    start: s.start,
                    end: s.end,
                    supported: issues.is_empty(),
                    issues,
                }
            })
            .collect()
    }

    /// Byte ranges of the names of one sentence that the article does not
    /// license.
    fn unsupported_names(&self, toks: &[Tok]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for run in names::runs(toks, false, &|w| self.names.is_common(w)) {
            let words: Vec<&names::NameWord> = run.names().collect();
            if words.is_empty() || self.names.supports(&words) {
                continue;
            }
            // An opening word alone that the article does not know and
            // that ends like a common word: "Wealthy nations …".
            if run.opening
                && run.words.len() == 1
                && words[0].plain.len() == 1
                && names::looks_common(&words[0].plain[0])
            {
                continue;
            }
            // Point at the unknown words; a combination of known words
            // that the article never makes ("Tang Zemin") is the whole run.
            let mut unknown: Vec<Range<usize>> = Vec::new();
            for w in &words {
                if self.names.knows(w) {
                    continue;
                }
                match unknown.last_mut() {
                    Some(last) if toks_between_are_names(&run, last.end, w.span.start) => {
                        last.end = w.span.end
                    }
                    _ => unknown.push(w.span.clone()),
                }
            }
            if unknown.is_empty() {
                out.push(run.span());
            } else {
                out.extend(unknown);
            }
        }
        out
    }
}

/// Whether nothing but words of `run` (titles included) lies between two
/// of its byte offsets, so that two unknown words make one span.
fn toks_between_are_names(run: &names::Run, from: usize, to: usize) -> bool {
    let mut inside = run
        .words
        .iter()
        .filter(|w| w.span.start >= from && w.span.end <= to);
    inside.all(|w| w.title)
}

/// The summary as a document of its own, segmented and attributed like an
/// article (no headline, no boilerplate).
fn analyze(summary: &str) -> Document {
    let mut doc = Document::new(None, summary.to_owned());
    doc.paragraphs = ingest::paragraphs(&doc.text);
    segment::segment(&mut doc);
    // `Pipeline::new` has already refused unusable weights; a library
    // caller that skipped it gets the built-in ones.
    let model = CueModel::from_env().unwrap_or_else(|_| CueModel::builtin());
    attribute::attribute_with(&mut doc, model);
    doc
}

/// Check `summary` against the analyzed article `doc`: one entry per
/// summary sentence. Builds the article's index; to check several
/// summaries of one article, build an [`ArticleIndex`] once.
pub fn check(doc: &Document, summary: &str) -> Vec<SentenceCheck> {
    ArticleIndex::new(doc).check(summary)
}

/// Check the document's summary, if it has one, and carry out `policy`
/// for unsupported sentences. `summary.checks` always describes the summary
/// left in the document; `summary.revised` keeps the generated one when the
/// policy changed it.
pub fn apply(doc: &mut Document, policy: UnsupportedPolicy) {
    let Some(mut summary) = doc.summary.take() else {
        return;
    };
    let index = ArticleIndex::new(doc);
    let checks = index.check(&summary.text);
    let supported = checks.iter().all(|c| c.supported);
    let revised = |s: &Summary, checks: Vec<SentenceCheck>| {
        Some(Box::new(Revised {
            policy,
            text: s.text.clone(),
            method: s.method,
            model: s.model.clone(),
            checks,
        }))
    };
    let extractive = |doc: &Document, original: &Summary, checks: Vec<SentenceCheck>| {
        let mut lead = summarize::extractive::lead(doc, 3);
        lead.checks = Some(index.check(&lead.text));
        lead.revised = revised(original, checks);
        lead
    };
    summary = match policy {
        _ if supported => Summary {
            checks: Some(checks),
            ..summary
        },
        UnsupportedPolicy::Flag => Summary {
            checks: Some(checks),
            ..summary
        },
        // An extractive summary has nothing better to fall back to.
        UnsupportedPolicy::Extractive if summary.method == SummaryMethod::Extractive => Summary {
            checks: Some(checks),
            ..summary
        },
        UnsupportedPolicy::Extractive => extractive(doc, &summary, checks),
        UnsupportedPolicy::Drop => {
            let original = checks.clone();
            let mut text = summary.text.clone();
            let mut current = checks;
            // Dropping a sentence can change how the rest reads (a pronoun
            // loses its antecedent): check again until all that is left
            // holds. Each round keeps fewer sentences unless the shorter
            // text splits otherwise; the bound ends that case.
            let mut rounds = original.len() + 2;
            loop {
                rounds -= 1;
                let kept: Vec<&str> = current
                    .iter()
                    .filter(|c| c.supported)
                    .map(|c| &text[c.start..c.end])
                    .collect();
                if kept.is_empty() || rounds == 0 {
                    break extractive(doc, &summary, original);
                }
                let shorter = kept.join(" ");
                let again = index.check(&shorter);
                if again.iter().all(|c| c.supported) {
                    break Summary {
                        text: shorter,
                        checks: Some(again),
                        revised: revised(&summary, original),
                        ..summary
                    };
                }
                text = shorter;
                current = again;
            }
        }
    };
    doc.summary = Some(summary);
}

#[cfg(test)]
mod tests;
