//! `quotes[].confidence`: the probability that a quote is a right
//! attribution (its content overlaps an annotated attribution's, and its
//! source that attribution's source, or both have none), from a logistic
//! model over what the emitted quote shows: its kind, cue word, source,
//! speaker and length.
//!
//! The weights (`models/attribution/confidence.tsv`) are fitted on the
//! PolNeAR train split by `scripts/calibrate_confidence`, which also
//! prints the reliability table of its cross-validated predictions. The
//! script computes the same features from the JSON output, so they are
//! defined here only from what a [`Quote`] holds; it checks that the
//! binary's confidences agree with its own.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::document::{Quote, QuoteKind};

const MODEL: &str = include_str!("../../models/attribution/confidence.tsv");

fn weights() -> &'static HashMap<String, f32> {
    static WEIGHTS: OnceLock<HashMap<String, f32>> = OnceLock::new();
    WEIGHTS.get_or_init(|| {
        MODEL
            .lines()
            .filter_map(|l| {
                let (name, w) = l.split_once('\t')?;
                Some((name.to_owned(), w.trim().parse().ok()?))
            })
            .collect()
    })
}

/// The features of `q`, named as `scripts/calibrate_confidence` names
/// them (a feature without a weight counts zero).
pub(super) fn features(q: &Quote) -> Vec<String> {
    let kind = match q.kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    };
    let source = match &q.source {
        None => "none",
        Some(s) => {
            let t = s.text.trim().to_lowercase();
            if matches!(
                t.as_str(),
                "he" | "she" | "they" | "it" | "i" | "we" | "you"
            ) {
                "pronoun"
            } else {
                "phrase"
            }
        }
    };
    let source_words = q
        .source
        .as_ref()
        .map_or(0, |s| s.text.split_whitespace().count());
    let content_words = q.content.text.split_whitespace().count();
    let cue = q.cue.as_ref().map_or(String::new(), |c| {
        c.text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    });
    let before = q.cue.as_ref().is_some_and(|c| q.content.end <= c.start);
    vec![
        "bias".to_owned(),
        format!("type={kind}"),
        format!("src={source}"),
        format!("type+src={kind}|{source}"),
        format!("srcwords={}", bucket(source_words, &[0, 1, 2, 4])),
        format!("speaker={}", if q.speaker.is_some() { "yes" } else { "no" }),
        format!("before={before}"),
        format!("words={}", bucket(content_words, &[3, 8, 20])),
        format!("type+words={kind}|{}", bucket(content_words, &[3, 8, 20])),
        format!("cue={cue}"),
    ]
}

/// The first of `upper` bounds that `n` does not exceed, as "≤B", or
/// "more" past them all.
fn bucket(n: usize, upper: &[usize]) -> String {
    upper
        .iter()
        .find(|&&b| n <= b)
        .map_or("more".to_owned(), |b| format!("le{b}"))
}

/// The model's probability that `q` is right.
pub(super) fn probability(q: &Quote) -> f32 {
    let w = weights();
    let z: f32 = features(q).iter().filter_map(|f| w.get(f)).sum();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use crate::attribute::tests::run;

    #[test]
    fn a_named_direct_quote_is_more_certain_than_a_sourceless_report() {
        let doc = run("Title\n\n“We will not raise taxes,” Governor Maria Lopez said on Tuesday.\n\nThe plan appeared to be stalling in the legislature.");
        let conf = |needle: &str| {
            doc.quotes
                .iter()
                .find(|q| q.content.text.contains(needle))
                .and_then(|q| q.confidence.map(|c| c.get()))
                .unwrap_or_else(|| panic!("no confidence for {needle}: {:?}", doc.quotes))
        };
        let direct = conf("raise taxes");
        assert!((0.0..=1.0).contains(&direct));
        assert!(direct > 0.8, "direct {direct}");
        for q in &doc.quotes {
            let c = q
                .confidence
                .expect("every attribution has a confidence")
                .get();
            assert!((0.0..=1.0).contains(&c), "{c}");
            if q.source.is_none() {
                assert!(c < direct, "{c} vs {direct}");
            }
        }
    }
}
