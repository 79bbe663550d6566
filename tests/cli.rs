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
use support_cli::{command, newsdigest, root, stderr, with_stdin, SEED};

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

/// "Who said what" has one section per speaker of the JSON digest (an
/// anonymous one under its description, "A U.S. official"), headed by the
/// name, listing that speaker's statements; the count line agrees.
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
    let speakers: Vec<(&str, Vec<&str>)> = doc["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let said = quotes
                .iter()
                .filter(|q| q["speaker"] == s["id"])
                .map(|q| q["content"]["text"].as_str().unwrap())
                .collect();
            (s["name"].as_str().unwrap(), said)
        })
        .collect();
    assert!(speakers.len() >= 7, "{speakers:?}");
    let attributed = quotes.iter().filter(|q| q["speaker"].is_string()).count();
    assert!(
        md.contains(&format!(
            "1 article, {attributed} quotes attributed, {} speakers.",
            speakers.len()
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
    assert_eq!(sections.len(), speakers.len(), "{who}");
    // Quotation marks aside (the digest nests and curls them), a bullet
    // shows the words of one quote.
    let bare = |s: &str| -> String {
        s.chars()
            .filter(|c| {
                !matches!(
                    c,
                    '"' | ',' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}'
                )
            })
            .collect()
    };
    let mut shown = 0;
    for (name, said) in &speakers {
        let (heading, bullets) = sections
            .iter()
            .find(|(h, _)| {
                // Headings start with a capital ("Many in the U.S. Congress").
                let (h, name) = (h.to_lowercase(), name.to_lowercase());
                h == name || h.starts_with(&format!("{name}, ")) || h.ends_with(&format!(" {name}"))
            })
            .unwrap_or_else(|| panic!("no section for {name}: {who}"));
        assert!(
            !bullets.is_empty() && bullets.len() <= said.len(),
            "{heading}: {bullets:#?}"
        );
        for bullet in bullets {
            assert!(
                said.iter()
                    .any(|content| bare(bullet).contains(bare(content).trim())),
                "{bullet:?} is none of {said:?}"
            );
        }
        shown += bullets.len();
    }
    // Only the two noun-phrase fragments of the passive sentence ("The
    // plan", "by U.S. officials") are no statements.
    assert!(shown + 2 >= quotes.len(), "{who}");
}

/// Exit status of an input that could not be processed (README "Exit status").
const INPUTS_FAILED: i32 = 3;
/// Exit status of a command that could not run.
const COMMAND_FAILED: i32 = 4;

fn assert_clean_failure(out: &Output, code: i32, needles: &[&str]) {
    assert_eq!(out.status.code(), Some(code), "{}", stderr(out));
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
    assert_clean_failure(
        &out,
        INPUTS_FAILED,
        &["latin1.txt", "UTF-8", "byte offset 3"],
    );
    let out = newsdigest(&["digest", "--no-summary", &p(&empty)]);
    assert_clean_failure(&out, INPUTS_FAILED, &["empty.txt", "empty"]);
    let out = newsdigest(&["digest", "--no-summary", "no/such/file.txt"]);
    assert_clean_failure(&out, INPUTS_FAILED, &["no/such/file.txt"]);
}

#[test]
fn a_model_folder_lacking_weights_is_an_error_not_a_fallback() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["config.json", "vocab.json", "merges.txt"] {
        std::fs::copy(root().join("models/tiny-bart").join(f), dir.path().join(f)).unwrap();
    }
    let out = newsdigest(&["digest", "--model-dir", dir.path().to_str().unwrap(), SEED]);
    assert_clean_failure(
        &out,
        COMMAND_FAILED,
        &["model.safetensors.index.json (with its shards) or rust_model.ot"],
    );
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
            assert_clean_failure(
                &out,
                COMMAND_FAILED,
                &["NEWSDIGEST_CUE_MODEL", model, problem],
            );
            assert!(out.stdout.is_empty(), "{args:?}");
            assert!(!output.exists(), "batch wrote no output");
        }
    }
}

/// `--format html` from `digest` and from `render` over batch output: one
/// page each, the same markup contract (docs/html.md), every quote of the
/// JSON highlighted with its kind and speaker.
#[test]
fn html_digest_from_digest_and_from_render() {
    let out = newsdigest(&["digest", "--no-summary", SEED]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let out = newsdigest(&["digest", "--no-summary", "--format", "html", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n"), "{page}");
    assert!(page.trim_end().ends_with("</html>"), "{page}");
    for (i, q) in doc["quotes"].as_array().unwrap().iter().enumerate() {
        let tag = format!(
            "data-kind=\"{}\" data-speaker=\"{}\" data-quote=\"{i}\"",
            q["type"].as_str().unwrap(),
            q["speaker"].as_str().unwrap_or("")
        );
        let opening = page
            .split("<span class=\"quote ")
            .skip(1)
            .filter(|element| element[..element.find('>').unwrap()].contains(&tag))
            .count();
        assert_eq!(opening, 1, "{tag}");
    }
    for s in doc["speakers"].as_array().unwrap() {
        let entry = "<li class=\"speaker c";
        let id = format!(
            "data-speaker=\"{}\"><span class=\"swatch\">",
            s["id"].as_str().unwrap()
        );
        assert!(page.contains(entry) && page.contains(&id), "{id}");
    }

    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let text = std::fs::read_to_string(root().join(SEED)).unwrap();
    std::fs::write(
        &feed,
        format!(
            "{}\n",
            serde_json::json!({"id": "cbs", "text": text, "url": "https://example.com/cbs"})
        ),
    )
    .unwrap();
    let results = dir.path().join("out.jsonl");
    let o = newsdigest(&[
        "batch",
        "--no-summary",
        "--quiet",
        "--input",
        feed.to_str().unwrap(),
        "--output",
        results.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = newsdigest(&["render", "--format", "html", results.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rendered = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        rendered.matches("<span class=\"quote ").count(),
        doc["quotes"].as_array().unwrap().len()
    );
    assert!(
        rendered
            .contains("Source: <a href=\"https://example.com/cbs\" rel=\"noopener noreferrer\">"),
        "{rendered}"
    );
    // The article text comes back from the JSON alone, as from the file.
    let body = |p: &str| {
        p[p.find("<div class=\"article-text\">").unwrap()..p.find("</div>").unwrap()].to_owned()
    };
    assert_eq!(body(&rendered), body(&page));
}

/// Every line of `stdout` parsed as one JSON document.
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect()
}

/// `--format json` is one document per line whatever the number of inputs,
/// so that a script written for one input reads two; `--pretty` prints the
/// same documents pretty-printed, one after another.
#[test]
fn json_is_one_document_per_line_for_one_input_as_for_two() {
    let second = "models/tiny-bart/README.md";
    for inputs in [&[SEED][..], &[SEED, second][..]] {
        let mut args = vec!["digest", "--no-summary", "--format", "json"];
        args.extend_from_slice(inputs);
        let out = newsdigest(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let docs = json_lines(&out.stdout);
        assert_eq!(docs.len(), inputs.len(), "{args:?}");
        for (doc, input) in docs.iter().zip(inputs) {
            assert_eq!(doc["id"], *input);
        }

        args.push("--pretty");
        let pretty = newsdigest(&args);
        assert_eq!(pretty.status.code(), Some(0), "{}", stderr(&pretty));
        let stream: Vec<Value> = serde_json::Deserializer::from_slice(&pretty.stdout)
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stream, docs, "the same documents, pretty-printed");
        let text = String::from_utf8(pretty.stdout).unwrap();
        assert!(text.lines().count() > 10 * inputs.len(), "{text}");
    }
    // The default is json.
    let out = newsdigest(&["digest", "--no-summary", SEED]);
    assert_eq!(json_lines(&out.stdout).len(), 1);
}

/// `check` prints its object as `digest` does: one line, or `--pretty`.
#[test]
fn check_prints_one_line_unless_pretty() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.txt");
    std::fs::write(&summary, "The talks took place.\n").unwrap();
    let summary = summary.to_str().unwrap();
    let out = newsdigest(&["check", SEED, "--summary", summary]);
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["schema"], "newsdigest-check/1");
    let pretty = newsdigest(&["check", SEED, "--summary", summary, "--pretty"]);
    assert_eq!(pretty.status.code(), out.status.code());
    let doc: Value = serde_json::from_slice(&pretty.stdout).unwrap();
    assert_eq!(doc, lines[0]);
    assert!(String::from_utf8_lossy(&pretty.stdout).lines().count() > 3);
}

/// One table for all: 3 when some inputs could not be processed (the others
/// still in the output), 2 for usage errors.
#[test]
fn digest_exit_status_follows_the_table() {
    let out = newsdigest(&["digest", "--no-summary", SEED, "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(INPUTS_FAILED), "{}", stderr(&out));
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 1, "the readable input is digested");
    assert_eq!(docs[0]["id"], SEED);
    assert!(stderr(&out).contains("no/such/file.txt"));

    let out = newsdigest(&["digest", "--no-summary", "--format", "pdf", SEED]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[possible values: json, markdown, text, html]"),
        "{}",
        stderr(&out)
    );
    for (flag, value) in [
        (
            "--summary",
            "[possible values: auto, abstractive, extractive, none]",
        ),
        ("--device", "[possible values: cpu, cuda, auto]"),
        ("--dtype", "[possible values: auto, f32, bf16, int8]"),
        ("--unsupported", "[possible values: flag, drop, extractive]"),
    ] {
        let out = newsdigest(&["digest", flag, "bogus", SEED]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(stderr(&out).contains(value), "{flag}: {}", stderr(&out));
    }
    // The aliases of the formats stay.
    let out = newsdigest(&["digest", "--no-summary", "--format", "md", SEED]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with('#'));
}

/// `batch` output with one record, one error line and `extra` lines.
fn batch_output(dir: &Path, extra: &str) -> std::path::PathBuf {
    let input = dir.join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"Officials said the talks would resume.\"}\n{\"id\": \"b\"}\n",
    )
    .unwrap();
    let output = dir.join("out.jsonl");
    let o = newsdigest(&[
        "batch",
        "-q",
        "--no-summary",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(INPUTS_FAILED), "{}", stderr(&o));
    let mut text = std::fs::read_to_string(&output).unwrap();
    text.push_str(extra);
    std::fs::write(&output, text).unwrap();
    output
}

/// `render` reports a line that is no batch output and a file it cannot
/// read, renders the rest, and exits 3; the error lines of failed records
/// are batch's, a notice that `--quiet` silences.
#[test]
fn render_exit_status_follows_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let clean = batch_output(dir.path(), "");
    let clean = clean.to_str().unwrap();
    let out = newsdigest(&["render", "--format", "text", clean]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 failed record left out"),
        "{}",
        stderr(&out)
    );
    let rendered = String::from_utf8(out.stdout).unwrap();
    let quiet = newsdigest(&["render", "--quiet", "--format", "text", clean]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "", "--quiet: no notice");
    assert_eq!(String::from_utf8(quiet.stdout).unwrap(), rendered);

    let garbled = dir.path().join("garbled");
    std::fs::create_dir(&garbled).unwrap();
    let garbled = batch_output(&garbled, "this is not JSON\n");
    for quiet in [false, true] {
        let mut args = vec!["render", "--format", "text", garbled.to_str().unwrap()];
        if quiet {
            args.push("-q");
        }
        let out = newsdigest(&args);
        assert_eq!(out.status.code(), Some(INPUTS_FAILED), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("out.jsonl:3:"), "the line is named: {err}");
        assert!(err.contains("1 unreadable line left out"), "{err}");
        assert_eq!(err.contains("failed record"), !quiet, "{err}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Officials said"),
            "the rest is rendered: {text}"
        );
    }

    let out = newsdigest(&["render", "--format", "text", clean, "no/such/out.jsonl"]);
    assert_eq!(out.status.code(), Some(INPUTS_FAILED), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no/such/out.jsonl"),
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Officials said"));

    let out = newsdigest(&["render", "--format", "json", clean]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[possible values: markdown, text, html]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn batch_usage_errors_exit_two() {
    for args in [
        &["batch", "--summary", "bogus"][..],
        &["batch", "--dtype", "f16"][..],
        &["batch", "--jobs", "-1"][..],
    ] {
        let out = newsdigest(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

/// `--quiet` and `-q` go anywhere on the line, before or after the
/// subcommand, and silence notices but not errors.
#[test]
fn quiet_silences_notices_but_not_errors() {
    // The extractive fallback's notice, with and without --quiet.
    let out = newsdigest(&["digest", SEED]);
    assert!(
        stderr(&out).contains("notice: summary is extractive"),
        "{}",
        stderr(&out)
    );
    for args in [
        &["digest", "--quiet", SEED][..],
        &["-q", "digest", SEED][..],
        &["digest", SEED, "-q"][..],
    ] {
        let out = newsdigest(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
        assert_eq!(json_lines(&out.stdout).len(), 1);
    }
    let out = newsdigest(&["digest", "-q", "--no-summary", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(INPUTS_FAILED));
    assert!(stderr(&out).contains("no/such/file.txt"), "errors stay");
    for args in [
        &["models", "-q"][..],
        &["schema", "--quiet"][..],
        &["-q", "completions", "bash"][..],
        &["man", "-q"][..],
    ] {
        let out = newsdigest(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

/// Runs `newsdigest ARGS` with a terminal (a pseudo-terminal) on standard
/// input, types `text` and Ctrl-D; returns its stderr, stdout and status.
fn on_a_terminal(args: &[&str], text: &str) -> (String, String, Option<i32>) {
    const SCRIPT: &str = r#"
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[2:], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
os.close(slave)
os.write(master, sys.argv[1].encode() + b"\n\x04")
out, err = p.communicate(timeout=120)
sys.stdout.buffer.write(err + b"\0" + out)
sys.exit(p.returncode)
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(text)
        .arg(env!("CARGO_BIN_EXE_newsdigest"))
        .args(args)
        .current_dir(root())
        .env("NEWSDIGEST_CACHE", root().join("target/test-empty-cache"))
        .env("NEWSDIGEST_HUB_URL", support_cli::closed_hub())
        .output()
        .expect("python3 runs");
    let all = String::from_utf8(out.stdout.clone()).unwrap();
    let (err, out_text) = all
        .split_once('\0')
        .unwrap_or_else(|| panic!("{}", stderr(&out)));
    (err.to_owned(), out_text.to_owned(), out.status.code())
}

#[test]
fn digest_at_a_terminal_says_it_reads_standard_input() {
    let text = "Officials said the talks would resume on Monday.";
    let (err, out, code) = on_a_terminal(&["digest", "--no-summary"], text);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        err.lines()
            .filter(|l| l.contains("reading standard input"))
            .count(),
        1,
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let docs = json_lines(out.as_bytes());
    assert_eq!(docs.len(), 1);
    assert!(docs[0]["sentences"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));

    let (err, out, code) = on_a_terminal(&["digest", "--no-summary", "--quiet"], text);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "", "--quiet");
    assert_eq!(json_lines(out.as_bytes()).len(), 1);

    // Not a terminal: nothing to say.
    let o = with_stdin(&["digest", "--no-summary"], text.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}
