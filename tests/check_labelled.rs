//! The check stage against the labelled summaries of
//! `tests/fixtures/check/labelled.jsonl` (see its README): sentence-level
//! precision and recall of the "unsupported" verdict must reach the targets
//! of issue 12, and extractive summaries of every fixture article must come
//! out fully supported. `scripts/eval_check` prints the same figures per kind
//! through the command line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use newsdigest::check::ArticleIndex;
use newsdigest::{Document, Pipeline};

struct Line {
    article: String,
    sentences: Vec<String>,
    labels: Vec<BTreeSet<String>>,
    note: String,
}

fn labelled() -> Vec<Line> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/check/labelled.jsonl")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let strings = |v: &serde_json::Value| -> Vec<String> {
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect()
            };
            Line {
                article: v["article"].as_str().unwrap().to_owned(),
                sentences: strings(&v["sentences"]),
                labels: v["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| strings(k).into_iter().collect())
                    .collect(),
                note: v["note"].as_str().unwrap_or("").to_owned(),
            }
        })
        .collect()
}

fn article(path: &str) -> Document {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    Pipeline::analyze(Some(path.to_owned()), text).unwrap()
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            _ => {}
        }
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

#[test]
fn labelled_set_reaches_the_targets() {
    let lines = labelled();
    let mut docs: HashMap<String, (Document, ArticleIndex)> = HashMap::new();
    let mut sentence = Counts::default();
    let mut per_kind: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut n = 0;
    for line in &lines {
        let (_, ix) = docs.entry(line.article.clone()).or_insert_with(|| {
            let d = article(&line.article);
            let ix = ArticleIndex::new(&d);
            (d, ix)
        });
        let summary = line.sentences.join(" ");
        let checks = ix.check(&summary);
        let mut at = 0;
        for (s, gold) in line.sentences.iter().zip(&line.labels) {
            let range = at..at + s.len();
            at += s.len() + 1;
            let found: BTreeSet<String> = checks
                .iter()
                .flat_map(|c| &c.issues)
                .filter(|i| range.contains(&i.start))
                .map(|i| i.kind.as_str().to_owned())
                .collect();
            n += 1;
            sentence.add(!found.is_empty(), !gold.is_empty());
            for kind in ["entity", "number", "quote", "attribution"] {
                per_kind
                    .entry(kind)
                    .or_default()
                    .add(found.contains(kind), gold.contains(kind));
            }
            if found != *gold {
                let issues: Vec<String> = checks
                    .iter()
                    .flat_map(|c| &c.issues)
                    .filter(|i| range.contains(&i.start))
                    .map(|i| format!("{}:{:?}", i.kind.as_str(), i.text))
                    .collect();
                wrong.push(format!(
                    "{} [{}] expected {:?} found {:?}: {s}",
                    line.article.rsplit('/').next().unwrap(),
                    line.note,
                    gold,
                    issues
                ));
            }
        }
    }
    for w in &wrong {
        eprintln!("{w}");
    }
    for (kind, c) in &per_kind {
        eprintln!(
            "{kind:<12} P {:.3} R {:.3} (tp {} fp {} fn {})",
            c.precision(),
            c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    eprintln!(
        "sentences    P {:.3} R {:.3} (tp {} fp {} fn {}) over {n} sentences, {} articles",
        sentence.precision(),
        sentence.recall(),
        sentence.tp,
        sentence.fp,
        sentence.fn_,
        docs.len()
    );
    assert!(n >= 80 && docs.len() >= 10, "the set is too small");
    assert!(
        sentence.precision() >= 0.95,
        "precision {:.3}",
        sentence.precision()
    );
    assert!(sentence.recall() >= 0.85, "recall {:.3}", sentence.recall());
}

/// Every run of three consecutive body sentences of every fixture article,
/// as an extractive summary would take them, is fully supported.
#[test]
fn extractive_windows_are_supported() {
    let mut paths: BTreeSet<String> = labelled().into_iter().map(|l| l.article).collect();
    paths.insert("examples/cbs-us-china-rights-talks.txt".into());
    let mut flagged = Vec::new();
    let mut windows = 0;
    for path in &paths {
        let doc = article(path);
        let ix = ArticleIndex::new(&doc);
        let body: Vec<&str> = doc.body_sentences().map(|s| s.text.as_str()).collect();
        for w in body.windows(3.min(body.len())) {
            windows += 1;
            let summary = w.join(" ");
            for c in ix.check(&summary) {
                if !c.supported {
                    flagged.push(format!("{path}: {:?}", c.issues));
                }
            }
        }
    }
    assert!(windows > 100, "{windows}");
    assert!(flagged.is_empty(), "{flagged:#?}");
}
