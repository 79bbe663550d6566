//! The check stage on the seed article: forms the article licenses pass,
//! inventions do not, and the policies do what they say.

use super::*;
use crate::pipeline::Pipeline;

fn seed() -> Document {
    let text = include_str!("../../examples/cbs-us-china-rights-talks.txt");
    Pipeline::analyze(None, text.to_owned()).unwrap()
}

fn kinds(checks: &[SentenceCheck]) -> Vec<Vec<&'static str>> {
    checks
        .iter()
        .map(|c| c.issues.iter().map(|i| i.kind.as_str()).collect())
        .collect()
}

#[test]
fn licensed_forms_pass_and_inventions_do_not() {
    let doc = seed();
    let ix = ArticleIndex::new(&doc);
    let summary = "Tang, China's foreign minister, met Secretary of State Powell. \
                   The United States and China will resume talks on human rights. \
                   China governs 1,300,000,000 people. \
                   Thousands died in 1989. \
                   Tang met Condoleezza Rice on Thursday.";
    let checks = ix.check(summary);
    assert_eq!(
        kinds(&checks),
        [
            vec![],
            vec![],
            vec![],
            vec!["number"],
            vec!["entity", "number"]
        ]
    );
    let issue = &checks[4].issues[0];
    assert_eq!(issue.text, "Condoleezza Rice");
    assert_eq!(&summary[issue.start..issue.end], "Condoleezza Rice");
}

#[test]
fn quotes_and_attributions() {
    let doc = seed();
    let ix = ArticleIndex::new(&doc);
    let checks = ix.check(
        "Tang said the talks \u{201c}produced very concrete achievements.\u{201d} \
         \"We have decided to resume dialogue on human rights issues within this year,\" Powell said. \
         Tang said China \"will never accept interference.\"",
    );
    assert_eq!(kinds(&checks), [vec![], vec!["attribution"], vec!["quote"]]);
    assert_eq!(checks[1].issues[0].text, "Powell");
}

#[test]
fn extractive_summary_is_supported() {
    let mut doc = seed();
    doc.summary = Some(summarize::extractive::lead(&doc, 3));
    apply(&mut doc, UnsupportedPolicy::Flag);
    let s = doc.summary.unwrap();
    let checks = s.checks.unwrap();
    assert_eq!(checks.len(), 3);
    assert!(checks.iter().all(|c| c.supported), "{checks:?}");
}

fn abstractive(text: &str) -> Summary {
    Summary {
        text: text.to_owned(),
        method: SummaryMethod::Abstractive,
        model: "test-model".to_owned(),
        chunks: None,
        checks: None,
        revised: None,
    }
}

#[test]
fn policies() {
    let text = "Tang announced the plan on Wednesday. Tang met Condoleezza Rice.";
    let mut doc = seed();
    doc.summary = Some(abstractive(text));
    apply(&mut doc, UnsupportedPolicy::Flag);
    let s = doc.summary.clone().unwrap();
    assert_eq!(
        (s.text.as_str(), s.method),
        (text, SummaryMethod::Abstractive)
    );
    assert_eq!(kinds(s.checks.as_ref().unwrap()), [vec![], vec!["entity"]]);
    assert!(s.revised.is_none());

    doc.summary = Some(abstractive(text));
    apply(&mut doc, UnsupportedPolicy::Drop);
    let s = doc.summary.clone().unwrap();
    assert_eq!(s.text, "Tang announced the plan on Wednesday.");
    assert_eq!(s.method, SummaryMethod::Abstractive);
    let r = s.revised.unwrap();
    assert_eq!((r.policy, r.text.as_str()), (UnsupportedPolicy::Drop, text));
    assert_eq!(kinds(&r.checks), [vec![], vec!["entity"]]);

    doc.summary = Some(abstractive("Tang met Condoleezza Rice."));
    apply(&mut doc, UnsupportedPolicy::Drop);
    let s = doc.summary.clone().unwrap();
    assert_eq!(
        (s.method, s.model.as_str()),
        (SummaryMethod::Extractive, "lead-3")
    );
    assert!(s.checks.unwrap().iter().all(|c| c.supported));
    assert_eq!(s.revised.unwrap().model, "test-model");

    doc.summary = Some(abstractive(text));
    apply(&mut doc, UnsupportedPolicy::Extractive);
    let s = doc.summary.clone().unwrap();
    assert_eq!(s.method, SummaryMethod::Extractive);
    assert!(s.text.starts_with("Washington and Beijing plan"));
    assert_eq!(s.revised.unwrap().policy, UnsupportedPolicy::Extractive);

    // A supported summary is left as it is, whatever the policy.
    doc.summary = Some(abstractive("Tang announced the plan."));
    apply(&mut doc, UnsupportedPolicy::Extractive);
    let s = doc.summary.unwrap();
    assert_eq!(s.method, SummaryMethod::Abstractive);
    assert!(s.revised.is_none());
}
