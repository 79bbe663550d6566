//! The inputs people have, on the built binary (issue 17): saved web pages
//! (`digest --input-format`, batch records with `"html"`), whose JSON
//! carries the extracted text that spans index; and articles in other
//! languages, which get their direct quotes and one notice on stderr.

#[path = "support/json_spans.rs"]
mod json_spans;
#[path = "support/cli.rs"]
mod support_cli;
use json_spans::spans_of;
use std::path::Path;
use support_cli::{newsdigest, stderr, SEED};

use serde_json::Value;

const PAGE: &str = "tests/fixtures/html/trade-talks-wire.html";
const HEADLINE: &str = "Trade Talks End Without Deal on Steel Tariffs";

const GERMAN: &str = "Stadtrat beschließt neuen Radweg am Fluss\n\n\
    Der Stadtrat hat am Dienstagabend mit knapper Mehrheit beschlossen, einen neuen Radweg \
    entlang des Flussufers zu bauen. Die Arbeiten sollen im Frühjahr beginnen.\n\n\
    „Wir haben lange genug darüber gesprochen“, sagte die Bürgermeisterin nach der Sitzung.\n";

const FRENCH: &str = "La mairie rouvre la piscine municipale\n\n\
    Après deux ans de travaux, la piscine municipale rouvrira ses portes samedi prochain. \
    Les habitants pourront de nouveau nager dans le grand bassin extérieur pendant tout l'été.\n\n\
    « Nous attendions ce moment depuis longtemps », a déclaré l'adjointe chargée des sports.\n";

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every span of `doc` is the bytes of `text` it says it is.
fn assert_spans_index(doc: &Value, text: &str) {
    let spans = spans_of(doc);
    assert!(spans.len() > 5, "{doc}");
    for (s, e, t) in spans {
        assert_eq!(text.get(s..e), Some(t.as_str()), "span {s}..{e}");
    }
}

fn digest(args: &[&str]) -> (Value, String) {
    let mut all = vec!["digest", "--no-summary"];
    all.extend_from_slice(args);
    let out = newsdigest(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = serde_json::from_slice(&out.stdout).expect("one JSON document");
    (doc, stderr(&out))
}

#[test]
fn a_page_is_read_as_html_by_its_first_bytes_or_when_told_and_its_json_carries_the_text() {
    for args in [&[PAGE][..], &["--input-format", "html", PAGE]] {
        let (doc, _) = digest(args);
        let text = doc["text"].as_str().expect("the extracted text");
        assert!(text.starts_with(HEADLINE), "{text}");
        assert!(!text.contains('<'), "{text}");
        assert_eq!(doc["title"]["text"], HEADLINE);
        assert_spans_index(&doc, text);
        assert!(doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["content"]["text"]
                .as_str()
                .unwrap()
                .contains("Both sides came with serious proposals")));
    }
    // As text, the markup is the text: spans index the file, and the JSON
    // has no `text` (the caller has the input).
    let (doc, _) = digest(&["--input-format", "text", PAGE]);
    assert!(doc.get("text").is_none(), "{doc}");
    let file = std::fs::read_to_string(support_cli::root().join(PAGE)).unwrap();
    assert_spans_index(&doc, &file);
    assert_eq!(doc["sentences"][0]["text"], "<!DOCTYPE html>");
    // Plain text stays plain text under auto.
    let (doc, _) = digest(&[SEED]);
    assert!(doc.get("text").is_none());
}

#[test]
fn an_unknown_input_format_is_a_usage_error_listing_the_formats() {
    let out = newsdigest(&["digest", "--input-format", "pdf", SEED]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[possible values: auto, text, html]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_page_without_text_is_an_error_naming_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("empty.html");
    std::fs::write(&page, "<html><script>var a = 1;</script></html>").unwrap();
    let out = newsdigest(&["digest", "--no-summary", p(&page)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("empty.html: HTML input: no text found in the page"),
        "{err}"
    );
}

#[test]
fn another_language_gets_its_quotes_and_a_notice_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let german = dir.path().join("de.txt");
    std::fs::write(&german, GERMAN).unwrap();
    let (doc, err) = digest(&[p(&german)]);
    assert_eq!(doc["language"], "deu");
    assert!(
        err.contains(
            "de.txt: note: the text looks like German (deu); attribution is English-only: \
             only direct quotes in the language's own quote marks are found"
        ),
        "{err}"
    );
    let quotes = doc["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{doc}");
    assert_eq!(
        quotes[0]["content"]["text"],
        "„Wir haben lange genug darüber gesprochen“"
    );
    assert_eq!(quotes[0]["type"], "direct");
    assert!(quotes[0]["source"].is_null() && quotes[0]["cue"].is_null());
    let (_, err) = digest(&["--quiet", p(&german)]);
    assert_eq!(err, "");
    // English is no other language: no notice.
    let (doc, err) = digest(&[SEED]);
    assert_eq!(doc["language"], "eng");
    assert!(!err.contains("note:"), "{err}");
}

fn batch(input: &str, quiet: bool) -> (Vec<Value>, String, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, input).unwrap();
    let mut args = vec!["batch", "--no-summary", "--input", p(&path)];
    if quiet {
        args.push("--quiet");
    }
    let out = newsdigest(&args);
    let lines = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    (lines, stderr(&out), out.status.code())
}

#[test]
fn batch_records_take_a_page_as_html_and_say_what_is_wrong_with_one() {
    let page = std::fs::read_to_string(support_cli::root().join(PAGE)).unwrap();
    let input = [
        serde_json::json!({"id": "page", "html": page, "url": "https://example.com/t"}),
        serde_json::json!({"id": "empty", "html": "<script>var a;</script>"}),
        serde_json::json!({"id": "both", "text": "Words.", "html": "<p>Words.</p>"}),
        serde_json::json!({"id": "neither"}),
        serde_json::json!({"id": "number", "html": 5}),
        serde_json::json!({"id": "blank", "html": " "}),
        serde_json::json!({"id": "null-text", "text": null, "html": "<p>Talks resume today.</p>"}),
        serde_json::json!({"id": "text", "text": "<p>Kept as text.</p>"}),
    ]
    .map(|v| format!("{v}\n"))
    .concat();
    let (lines, err, code) = batch(&input, true);
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(lines.len(), 8);
    let doc = &lines[0];
    assert_eq!(doc["id"], "page");
    assert_eq!(doc["title"]["text"], HEADLINE);
    assert_eq!(doc["url"], "https://example.com/t");
    assert_spans_index(doc, doc["text"].as_str().unwrap());
    let error = |i: usize| {
        let e = &lines[i]["error"];
        (
            e["kind"].as_str().unwrap().to_owned(),
            e["message"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        error(1),
        (
            "invalid_html".into(),
            "HTML input: no text found in the page".into()
        )
    );
    assert_eq!(error(2).0, "invalid_text");
    assert!(
        error(2).1.contains("both `text` and `html`"),
        "{:?}",
        error(2)
    );
    assert_eq!(error(3).0, "missing_text");
    assert!(error(3).1.contains("`html`"), "{:?}", error(3));
    assert_eq!(
        error(4),
        ("invalid_text".into(), "`html` must be a string".into())
    );
    assert_eq!(error(5), ("empty_text".into(), "`html` is empty".into()));
    assert_eq!(lines[6]["text"], "Talks resume today.");
    assert!(lines[7].get("text").is_none());
    assert_eq!(lines[7]["sentences"][0]["text"], "<p>Kept as text.</p>");
}

#[test]
fn batch_gives_one_notice_for_all_records_in_other_languages() {
    let input = [GERMAN, FRENCH, GERMAN]
        .iter()
        .chain(std::iter::once(
            &std::fs::read_to_string(support_cli::root().join(SEED))
                .unwrap()
                .as_str(),
        ))
        .map(|t| format!("{}\n", serde_json::json!({ "text": t })))
        .collect::<String>();
    let (lines, err, code) = batch(&input, false);
    assert_eq!(code, Some(0), "{err}");
    let languages: Vec<&str> = lines
        .iter()
        .map(|l| l["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["deu", "fra", "deu", "eng"]);
    assert_eq!(
        lines[1]["quotes"][0]["content"]["text"],
        "« Nous attendions ce moment depuis longtemps »"
    );
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("note:")).collect();
    assert_eq!(
        notes,
        [
            "newsdigest: batch: note: 3 records look like another language than English \
          (named in the `language` field); attribution is English-only: only direct quotes \
          in the language's own quote marks are found"
        ],
        "{err}"
    );
    let (_, err, _) = batch(&input, true);
    assert!(!err.contains("note:"), "{err}");
}
