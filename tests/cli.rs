//! The CLI contract, checked on the built binary: `newsdigest/1` JSON whose
//! spans match the input byte for byte, an abstractive summary from the tiny
//! model, and one-line errors for bad input.

#[path = "support/json_spans.rs"]
mod json_spans;
#[path = "support/cli.rs"]
mod support_cli;
use json_spans::spans_of;
use std::path::Path;
use std::process::Output;
use support_cli::{command, newsdigest, root, stderr, SEED};

use serde_json::Value;

fn check_contract(doc: &Value, input: &str) {
    assert_eq!(doc["schema"], "newsdigest/1");
    for key in ["id", "title", "sentences", "quotes", "speakers", "summary"] {
        assert!(doc.get(key).is_some(), "missing key {key}");
    }
    let all = spans_of(doc);
    assert!(all.len() > 20, "expected many spans, got {}", all.len());
    for (s, e, t) in all {
        assert_eq!(input.get(s..e), Some(t.as_str()), "span {s}..{e}");
    }
    let speaker_ids: Vec<&str> = doc["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for q in doc["quotes"].as_array().unwrap() {
        assert!(["direct", "indirect", "mixed"].contains(&q["type"].as_str().unwrap()));
        if let Some(id) = q["speaker"].as_str() {
            assert!(
                speaker_ids.contains(&id),
                "quote names unknown speaker {id}"
            );
        }
    }
}

#[test]
#[cfg(feature = "abstractive")]
fn seed_article_digest_with_the_tiny_model() {
    let input = std::fs::read_to_string(root().join(SEED)).unwrap();
    let out = newsdigest(&["digest", "--model-dir", "models/tiny-bart", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    check_contract(&doc, &input);
    assert_eq!(doc["title"]["text"], "U.S., China To Resume Rights Talks");
    let summary = &doc["summary"];
    assert_eq!(summary["method"], "abstractive");
    assert_eq!(summary["model"], "tiny-bart");
    assert!(!summary["text"].as_str().unwrap().trim().is_empty());
    let quotes = doc["quotes"].as_array().unwrap();
    assert!(quotes.iter().any(|q| q["content"]["text"]
        .as_str()
        .unwrap()
        .contains("We have decided")));
}

#[test]
fn auto_without_a_model_is_extractive_and_says_so() {
    let out = newsdigest(&["digest", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["method"], "extractive");
    assert!(doc["summary"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Washington and Beijing plan to resume discussions"));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one notice line: {err}");
    assert!(
        err.contains("extractive") && err.contains("--model-dir"),
        "{err}"
    );
}

#[test]
fn several_inputs_give_jsonl_in_order() {
    let out = newsdigest(&["digest", "--no-summary", SEED, "models/tiny-bart/README.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let input = std::fs::read_to_string(root().join(SEED)).unwrap();
    check_contract(&lines[0], &input);
    assert_eq!(lines[0]["id"], SEED);
    assert_eq!(lines[1]["id"], "models/tiny-bart/README.md");
    assert!(lines.iter().all(|d| d["summary"].is_null()));
}

/// "Who said what" has one section per named speaker of the JSON digest
/// (anonymous ones are not a "who"), headed by the name, listing exactly
/// that speaker's quotes; the count line agrees.
#[test]
fn markdown_digest_names_speakers() {
    let out = newsdigest(&["digest", "--no-summary", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let out = newsdigest(&["digest", "--format", "markdown", "--no-summary", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## U.S., China To Resume Rights Talks"), "{md}");

    let quotes = doc["quotes"].as_array().unwrap();
    let named: Vec<(&str, Vec<&str>)> = doc["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] != "anonymous")
        .map(|s| {
            let said = quotes
                .iter()
                .filter(|q| q["speaker"] == s["id"])
                .map(|q| q["content"]["text"].as_str().unwrap())
                .collect();
            (s["name"].as_str().unwrap(), said)
        })
        .collect();
    assert!(named.len() >= 5, "{named:?}");
    let attributed = quotes.iter().filter(|q| q["speaker"].is_string()).count();
    assert!(
        md.contains(&format!(
            "1 article, {attributed} quotes attributed, {} speakers named.",
            named.len()
        )),
        "{md}"
    );

    let at = md
        .find("## Who said what\n")
        .expect("a Who said what section");
    let who = &md[at..];
    let sections: Vec<(&str, Vec<&str>)> = who
        .split("\n### ")
        .skip(1)
        .map(|section| {
            let mut lines = section.lines();
            let heading = lines.next().unwrap();
            (heading, lines.filter(|l| l.starts_with("- ")).collect())
        })
        .collect();
    assert_eq!(sections.len(), named.len(), "{who}");
    for ((heading, bullets), (name, said)) in sections.iter().zip(&named) {
        // The heading is the name, then the speaker's descriptions.
        assert!(
            *heading == *name || heading.starts_with(&format!("{name}, ")),
            "{heading:?} for {name}"
        );
        assert_eq!(bullets.len(), said.len(), "{name}: {bullets:#?}");
        for (bullet, content) in bullets.iter().zip(said) {
            // Shown inside curly quotation marks, without the quote's own
            // outer marks and trailing comma.
            let core = content.trim_matches(|c| matches!(c, '"' | ','));
            assert!(bullet.contains(core), "{bullet:?} should show {content:?}");
        }
    }
}

fn assert_clean_failure(out: &Output, needles: &[&str]) {
    assert!(!out.status.success());
    let err = stderr(out);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    for n in needles {
        assert!(err.contains(n), "{err:?} should mention {n:?}");
    }
}

#[test]
fn bad_inputs_fail_with_one_line_naming_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"caf\xe9 au lait").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"  \n").unwrap();
    let p = |p: &Path| p.to_str().unwrap().to_owned();

    let out = newsdigest(&["digest", "--no-summary", &p(&bad)]);
    assert_clean_failure(&out, &["latin1.txt", "UTF-8", "byte offset 3"]);
    let out = newsdigest(&["digest", "--no-summary", &p(&empty)]);
    assert_clean_failure(&out, &["empty.txt", "empty"]);
    let out = newsdigest(&["digest", "--no-summary", "no/such/file.txt"]);
    assert_clean_failure(&out, &["no/such/file.txt"]);
}

#[test]
fn a_model_folder_lacking_weights_is_an_error_not_a_fallback() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["config.json", "vocab.json", "merges.txt"] {
        std::fs::copy(root().join("models/tiny-bart").join(f), dir.path().join(f)).unwrap();
    }
    let out = newsdigest(&["digest", "--model-dir", dir.path().to_str().unwrap(), SEED]);
    assert_clean_failure(&out, &["model.safetensors or rust_model.ot"]);
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unusable_cue_model_ends_the_run_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let no_weights = dir.path().join("cues.tsv");
    std::fs::write(&no_weights, "a line without a tab\n").unwrap();
    let no_weights = no_weights.to_str().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"id\": \"a\", \"text\": \"Tang said so.\"}\n").unwrap();
    let output = dir.path().join("out.jsonl");
    let batch = [
        "batch",
        "--no-summary",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    for (model, problem) in [
        ("/nonexistent/cues.tsv", "No such file"),
        (no_weights, "no feature<TAB>weight lines"),
    ] {
        for args in [&["digest", "--no-summary", SEED][..], &batch[..]] {
            let out = command(args)
                .env("NEWSDIGEST_CUE_MODEL", model)
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            assert_clean_failure(&out, &["NEWSDIGEST_CUE_MODEL", model, problem]);
            assert!(out.stdout.is_empty(), "{args:?}");
            assert!(!output.exists(), "batch wrote no output");
        }
    }
}
