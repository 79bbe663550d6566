//! docs/newsdigest-1.schema.json: generated from the output types
//! (`newsdigest schema`), committed, and true of what the binary writes.

#[path = "support/cli.rs"]
mod support_cli;

use serde_json::Value;
use support_cli::{newsdigest, root, stderr, with_stdin, SEED};

const SCHEMA_FILE: &str = "docs/newsdigest-1.schema.json";

fn committed() -> String {
    std::fs::read_to_string(root().join(SCHEMA_FILE)).expect("the committed schema")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let out = newsdigest(&["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let generated = String::from_utf8(out.stdout).unwrap();
    assert!(
        generated == committed(),
        "{SCHEMA_FILE} is stale: regenerate it with \
         `cargo run -- schema > {SCHEMA_FILE}` and commit it"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&committed()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// Every line of `stdout` validates; returns them parsed.
fn check_lines(what: &str, stdout: &[u8]) -> Vec<Value> {
    let validator = validator();
    let text = std::str::from_utf8(stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{what}: {e}: {l}")))
        .collect();
    assert!(!lines.is_empty(), "{what}: no output");
    for line in &lines {
        let errors: Vec<String> = validator
            .iter_errors(line)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what}: {errors:#?}");
    }
    lines
}

fn digest(args: &[&str]) -> Value {
    let out = newsdigest(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    // One input: one line, one document.
    let mut lines = check_lines(&format!("{args:?}"), &out.stdout);
    assert_eq!(lines.len(), 1, "{args:?}");
    lines.remove(0)
}

#[test]
fn digests_validate() {
    let doc = digest(&["digest", "--summary", "extractive", SEED]);
    assert!(!doc["quotes"].as_array().unwrap().is_empty());
    assert!(!doc["speakers"].as_array().unwrap().is_empty());
    digest(&["digest", "--no-summary", SEED]);
    let page = digest(&[
        "digest",
        "--input-format",
        "html",
        "--summary",
        "extractive",
        "tests/fixtures/html/trade-talks-wire.html",
    ]);
    assert!(page["text"].is_string(), "a page's digest carries its text");
}

// Abstractive summaries need libtorch: a build without it has none to check.
#[cfg(feature = "abstractive")]
#[test]
fn an_abstractive_digest_validates() {
    let doc = digest(&["digest", "--model-dir", "models/tiny-bart", SEED]);
    assert_eq!(doc["summary"]["method"], "abstractive");
}

#[test]
fn batch_records_and_error_lines_validate() {
    let input = concat!(
        r#"{"id": "a", "text": "Officials said the talks would resume. \"We are ready,\" the minister told reporters.", "title": "Talks", "url": "https://example.org/a", "published": "2024-01-01"}"#,
        "\n",
        r#"{"id": 7, "html": "<html><body><article><h1>Vote</h1><p>The council voted on Monday, the mayor said.</p></article></body></html>"}"#,
        "\n",
        "not json\n",
        r#"{"id": "b"}"#,
        "\n",
    );
    let out = with_stdin(
        &["batch", "--quiet", "--summary", "extractive"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let lines = check_lines("batch", &out.stdout);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["url"], "https://example.org/a");
    assert!(lines[1]["text"].is_string());
    assert_eq!(lines[2]["error"]["kind"], "invalid_json");
    assert_eq!(lines[3]["error"]["kind"], "missing_text");
}

#[test]
fn the_schema_rejects_what_is_not_an_output_line() {
    let validator = validator();
    let mut doc = digest(&["digest", "--no-summary", SEED]);
    assert!(validator.is_valid(&doc));
    doc["quotes"][0]["type"] = "rumour".into();
    assert!(!validator.is_valid(&doc), "an unknown quote type");
    let mut doc = digest(&["digest", "--no-summary", SEED]);
    doc["sentences"][0]["start"] = (-1).into();
    assert!(!validator.is_valid(&doc), "a negative offset");
    let error =
        serde_json::json!({"id": null, "line": 1, "error": {"kind": "oops", "message": ""}});
    assert!(!validator.is_valid(&error), "an unknown error kind");
}

#[test]
fn content_parts_validate_and_are_spans() {
    let input = serde_json::json!({
        "id": "p",
        "text": "Harbour Plan\n\n\"The harbour stays open,\" Mayor Dana Roe said on Monday. \"The ferries will run all winter.\"\n"
    })
    .to_string()
        + "\n";
    let out = with_stdin(&["batch", "--quiet", "--no-summary"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines = check_lines("batch", &out.stdout);
    let parts = &lines[0]["quotes"][0]["content_parts"];
    assert_eq!(parts.as_array().map(Vec::len), Some(2), "{:#}", lines[0]);
    assert_eq!(parts[0]["text"], "\"The harbour stays open,\"");
    let validator = validator();
    lines[0]["quotes"][0]["content_parts"] = serde_json::json!(["\"The harbour stays open,\""]);
    assert!(!validator.is_valid(&lines[0]), "a part that is no span");
}
