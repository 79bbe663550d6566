use super::*;
use crate::document::{QuoteKind, Span, Speaker, Summary};
use crate::{attribute::attribute, ingest::ingest, segment::segment};

#[test]
fn unsupported_summary_sentences_are_marked_with_the_reason() {
    let text = include_str!("../../examples/cbs-us-china-rights-talks.txt");
    let mut doc = crate::Pipeline::analyze(None, text.to_owned()).unwrap();
    let summary = "Tang announced the plan.  Tang met Condoleezza Rice in *1998*.";
    doc.summary = Some(Summary {
        text: summary.into(),
        method: SummaryMethod::Abstractive,
        model: "m".into(),
        chunks: None,
        checks: None,
        revised: None,
    });
    let mut flagged = doc.clone();
    crate::check::apply(&mut flagged, UnsupportedPolicy::Flag);
    let md = digest(&[flagged.clone()], Format::Markdown);
    assert!(
        md.contains("**Summary** (abstractive, m): Tang announced the plan. Tang met Condoleezza Rice in \\*1998\\*. \u{26a0}\u{fe0f} **unsupported:** *name \u{201c}Condoleezza Rice\u{201d} is not in the article; \u{201c}1998\u{201d} is not in the article*\n"),
        "{md}"
    );
    let txt = digest(&[flagged], Format::Text);
    assert!(
        txt.contains("Tang met Condoleezza Rice in *1998*. [UNSUPPORTED: name \u{201c}Condoleezza Rice\u{201d} is not in the article;"),
        "{txt}"
    );
    crate::check::apply(&mut doc, UnsupportedPolicy::Drop);
    let md = digest(&[doc], Format::Markdown);
    assert!(
        md.contains("**Summary** (abstractive, m; 1 unsupported sentence dropped): Tang announced the plan.\n"),
        "{md}"
    );
}

#[test]
fn digest_shows_quotes_by_speaker() {
    let mut doc = ingest(None, "Talks Resume\n\n\"We agreed,\" Tang said.".into()).unwrap();
    segment(&mut doc);
    attribute(&mut doc);
    let md = digest(&[doc], Format::Markdown);
    assert!(md.contains("## Talks Resume"), "{md}");
    assert!(md.contains("- Tang: \u{201c}We agreed\u{201d}"), "{md}");
    assert!(md.contains("## Who said what"), "{md}");
}

/// A document whose quotes are `(speaker name, description, kind, quote)`.
fn doc(id: &str, title: &str, quotes: &[(&str, &str, SpeakerKind, &str)]) -> Document {
    let mut text = format!("{title}\n\n");
    let mut d = Document::new(Some(id.into()), String::new());
    d.title = Some(Span {
        start: 0,
        end: title.len(),
        text: title.into(),
    });
    for (i, (name, desc, kind, q)) in quotes.iter().enumerate() {
        let start = text.len() + 1;
        text.push_str(&format!("\"{q}\" said {name}. "));
        let sid = format!("s{i}");
        d.speakers.push(Speaker {
            id: sid.clone(),
            name: name.to_string(),
            kind: *kind,
            descriptions: if desc.is_empty() {
                vec![]
            } else {
                vec![desc.to_string()]
            },
            mentions: vec![],
        });
        d.quotes.push(Quote {
            kind: QuoteKind::Direct,
            content: Span {
                start,
                end: start + q.len(),
                text: q.to_string(),
            },
            cue: None,
            source: None,
            speaker: Some(sid),
        });
    }
    d.text = text;
    d
}

#[test]
fn quotes_name_the_speaker_with_description_and_group_across_articles() {
    use SpeakerKind::*;
    let a = doc(
        "a",
        "U.S., China To Resume Rights Talks",
        &[
            (
                "Tang Jiaxuan",
                "Chinese Foreign Minister",
                Person,
                "We have decided to resume dialogue on human rights issues",
            ),
            (
                "officials",
                "",
                Anonymous,
                "Nothing is settled yet, they insisted",
            ),
        ],
    );
    let mut b = doc(
        "b",
        "Talks Begin",
        &[(
            "Tang Jiaxuan",
            "",
            Person,
            "The talks went well for both sides",
        )],
    );
    b.summary = Some(Summary {
        text: "Talks  began.\n".into(),
        method: SummaryMethod::Extractive,
        model: "lead-3".into(),
        chunks: None,
        checks: None,
        revised: None,
    });
    let md = digest(&[a.clone(), b.clone()], Format::Markdown);
    assert!(
        md.contains("- Tang Jiaxuan, Chinese Foreign Minister: \u{201c}We have decided to resume dialogue on human rights issues\u{201d}"),
        "{md}"
    );
    assert!(
        md.contains("- Officials: \u{201c}Nothing is settled"),
        "{md}"
    );
    assert!(
        md.contains("**Summary** (extractive, lead-3): Talks began.\n"),
        "{md}"
    );
    let who = &md[md.find("## Who said what").unwrap()..];
    assert!(who.starts_with("## Who said what\n\n### Tang Jiaxuan, Chinese Foreign Minister\n\n- \u{201c}We have decided"), "{who}");
    assert!(
        who.contains("- \u{201c}The talks went well for both sides\u{201d} (*Talks Begin*)"),
        "{who}"
    );
    // An anonymous speaker is listed under its description, after the
    // most quoted.
    assert!(
        who.contains("### Officials\n\n- \u{201c}Nothing is settled yet, they insisted\u{201d} (*U.S., China To Resume Rights Talks*)"),
        "{who}"
    );
    assert_eq!(who.matches("### ").count(), 2, "{who}");
    assert!(
        md.contains("2 articles, 3 quotes attributed, 2 speakers."),
        "{md}"
    );

    let text = digest(&[a, b], Format::Text);
    assert!(
        text.contains("Key quotes:\n- Tang Jiaxuan, Chinese Foreign Minister: \u{201c}We have"),
        "{text}"
    );
    assert!(
        text.contains(
            "Who said what\n=============\n\nTang Jiaxuan, Chinese Foreign Minister\n  - \u{201c}"
        ),
        "{text}"
    );
    assert!(!text.contains("**") && !text.contains("## "), "{text}");
}

#[test]
fn key_quotes_are_few_named_and_long_and_markdown_is_escaped() {
    let qs: Vec<(String, &str, SpeakerKind, String)> = (0..8)
        .map(|i| {
            (
                "Ann Lee".to_string(),
                "",
                SpeakerKind::Person,
                format!("quote {i} {}", "word ".repeat(i)),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, SpeakerKind, &str)> = qs
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), *b, *c, d.as_str()))
        .collect();
    let mut d = doc("x", "#2 A *bold* [title]", &refs);
    let e = Entry::new(&d, 0);
    let key: Vec<&str> = e
        .quotes
        .iter()
        .filter(|q| q.key)
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(key.len(), KEY_QUOTES);
    assert!(
        key[0].starts_with("quote 3 ") && key[4].starts_with("quote 7 "),
        "{key:?}"
    );
    d.quotes.truncate(1);
    d.quotes[0].content.text = "long ".repeat(200);
    let md = digest(&[d], Format::Markdown);
    assert!(md.contains("## #2 A \\*bold\\* \\[title\\]"), "{md}");
    assert!(md.contains(" long \u{2026}\u{201d}"), "{md}");
}

#[test]
fn entries_from_batch_lines_use_the_input_title_url_and_date() {
    use crate::batch::OutputLine;
    let d = doc(
        "7",
        "Detected Headline",
        &[("Ann Lee", "mayor", SpeakerKind::Person, "We will build it")],
    );
    let mut v: serde_json::Value = serde_json::from_str(&json_line(&d)).unwrap();
    v["input_title"] = "Feed\n Title".into();
    v["url"] = "https://example.com/a".into();
    v["published"] = 20240131.into();
    let line = serde_json::to_string(&v).unwrap();
    let OutputLine::Record(record) = OutputLine::parse(line.as_bytes()).unwrap() else {
        panic!("a document line");
    };
    let e = Entry::from_record(&record, 0);
    assert_eq!(e.title, "Feed Title");
    assert_eq!(e.published.as_deref(), Some("20240131"));
    assert_eq!(e.quotes[0].who(), "Ann Lee, mayor");
    let md = digest_entries(&[e], Format::Markdown, &[]);
    assert!(md.contains("Source: <https://example.com/a>"), "{md}");
    // A blank carried title or a field of another type leaves the default.
    v["input_title"] = " ".into();
    v["url"] = serde_json::json!(["x"]);
    let line = serde_json::to_string(&v).unwrap();
    let OutputLine::Record(record) = OutputLine::parse(line.as_bytes()).unwrap() else {
        panic!("a document line");
    };
    let e = Entry::from_record(&record, 0);
    assert_eq!((e.title.as_str(), e.url), ("Detected Headline", None));
}
