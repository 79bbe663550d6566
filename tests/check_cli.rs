//! The check stage through the command line: `newsdigest check` (its JSON
//! contract and exit status), and `summary.checks` and `--unsupported` on
//! `digest` and `batch`.

#[path = "support/cli.rs"]
mod support_cli;

use serde_json::Value;
use support_cli::{newsdigest, stderr, with_stdin, SEED};

/// `newsdigest check SEED --summary -` with `summary` on standard input.
fn check(summary: &str) -> (Option<i32>, Value, String) {
    let out = with_stdin(&["check", SEED, "--summary", "-"], summary.as_bytes());
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), v, stderr(&out))
}

#[test]
fn check_prints_one_object_and_exits_5_when_unsupported() {
    let summary = "Tang met Colin Powell, the U.S. Secretary of State. \
                   \u{201c}We have decided to resume dialogue,\u{201d} Powell said on Thursday.";
    let (code, v, err) = check(summary);
    assert_eq!(code, Some(5), "{err}");
    assert_eq!(v["schema"], "newsdigest-check/1");
    assert_eq!(v["supported"], false);
    let checks = v["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 2);
    assert_eq!(checks[0]["supported"], true);
    assert_eq!(checks[1]["supported"], false);
    let mut kinds: Vec<&str> = checks[1]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["attribution", "number"]);
    // Spans are byte offsets into the summary as given.
    for c in checks {
        let (s, e) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
        assert!(!summary[s as usize..e as usize].trim().is_empty());
        for i in c["issues"].as_array().unwrap() {
            let (s, e) = (i["start"].as_u64().unwrap(), i["end"].as_u64().unwrap());
            assert_eq!(
                summary[s as usize..e as usize],
                *i["text"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn check_exits_0_when_supported() {
    let (code, v, err) = check("China and the United States will resume talks on human rights.");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["supported"], true);
    assert_eq!(v["checks"][0]["issues"], serde_json::json!([]));
}

#[test]
fn check_errors_are_one_line() {
    // 3: an input that cannot be checked; 2: a usage error.
    for (args, needle, code) in [
        (
            vec!["check", SEED, "--summary", "/nonexistent/summary.txt"],
            "/nonexistent/summary.txt",
            3,
        ),
        (
            vec!["check", "/nonexistent/a.txt", "--summary", SEED],
            "/nonexistent/a.txt",
            3,
        ),
        (vec!["check", "-", "--summary", "-"], "standard input", 2),
    ] {
        let out = newsdigest(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(needle) && err.lines().count() == 1, "{err}");
        assert!(out.stdout.is_empty());
    }
    let (code, _, err) = check(" \n ");
    assert_eq!(code, Some(3));
    assert!(err.contains("no text to check"), "{err}");
    let out = newsdigest(&["digest", SEED, "--unsupported", "maybe"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn digest_and_batch_check_their_summaries() {
    for policy in ["flag", "drop", "extractive"] {
        let out = newsdigest(&[
            "digest",
            SEED,
            "--summary",
            "extractive",
            "--unsupported",
            policy,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let s = &v["summary"];
        assert_eq!(s["method"], "extractive");
        let checks = s["checks"].as_array().unwrap();
        assert_eq!(checks.len(), 3, "{s}");
        assert!(checks.iter().all(|c| c["supported"] == true), "{s}");
        assert!(s.get("revised").is_none());
    }
    let input = format!(
        "{}\n",
        serde_json::json!({"id": "a", "text": std::fs::read_to_string(support_cli::root().join(SEED)).unwrap()})
    );
    let out = with_stdin(
        &["batch", "--summary", "extractive", "--quiet"],
        input.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["checks"].as_array().unwrap().len(), 3);
    // No summary, no checks.
    let out = newsdigest(&["digest", SEED, "--no-summary"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["summary"].is_null());
}
