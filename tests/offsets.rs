//! `--offsets chars`: every offset of the JSON output in Unicode code
//! points, checked the way a Python reader uses them: `text[start:end]`.

#[path = "support/cli.rs"]
mod support_cli;

use std::process::Command;

use support_cli::{newsdigest, stderr};

/// Accents, curly quotes, a CJK name and an emoji before and inside the
/// quotes: byte and code point offsets part early and differ by a lot.
const ARTICLE: &str = "Café owners in Zürich protest new rules 🚲\n\n\
The city council’s plan would close Bahnhofstraße to cars, officials said on Monday. \
“We’re losing customers every week — it’s unbearable,” said Renée Müller, who runs a café near the station. \
Mayor Corine Mauch said the plan would cut noise and pollution. \
Li Wěi (李伟), a cyclist, told reporters that the new lanes “change everything for us.” \
Müller said owners would appeal the decision. \
“Our cafés are empty,” Müller said on Tuesday. “Nobody comes since the lanes — it’s over.”\n";

/// Python: every span of the digest `json_path` slices from `text_path`'s
/// text (or from the digest's own `text` for a page), and summary checks
/// from the summary. Prints the number of spans checked.
const CHECK: &str = r#"
import json, sys
doc = json.loads(open(sys.argv[1], encoding="utf-8").read().splitlines()[0])
text = doc.get("text") or open(sys.argv[2], encoding="utf-8").read()
spans = [doc["title"]] if doc["title"] else []
spans += doc["sentences"]
for q in doc["quotes"]:
    spans += [s for s in (q["content"], q["cue"], q["source"]) if s]
    spans += q.get("content_parts", [])
for s in doc["speakers"]:
    spans += s["mentions"]
for s in spans:
    assert text[s["start"]:s["end"]] == s["text"], (s, text[s["start"]:s["end"]])
n = len(spans)
summary = doc["summary"]
for c in (summary or {}).get("checks", []):
    for i in c["issues"]:
        assert summary["text"][i["start"]:i["end"]] == i["text"], i
    assert c["end"] <= len(summary["text"])
    n += 1
print(n)
"#;

fn python_check(json: &[u8], article: &str) -> Result<usize, String> {
    let dir = tempfile::tempdir().unwrap();
    let (json_path, text_path) = (dir.path().join("out.json"), dir.path().join("a.txt"));
    // One line, as batch writes it.
    let doc: serde_json::Value = serde_json::from_slice(json).unwrap();
    std::fs::write(&json_path, serde_json::to_string(&doc).unwrap()).unwrap();
    std::fs::write(&text_path, article).unwrap();
    let out = Command::new("python3")
        .args(["-c", CHECK])
        .arg(&json_path)
        .arg(&text_path)
        .output()
        .expect("python3 runs");
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().parse().unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// `offsets` empty: no `--offsets` flag.
fn digest(offsets: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let mut args = vec!["digest", "--summary", "extractive", path.to_str().unwrap()];
    if !offsets.is_empty() {
        args.extend(["--offsets", offsets]);
    }
    let out = newsdigest(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout
}

#[test]
fn python_slices_every_span_with_char_offsets() {
    let json = digest("chars");
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert!(doc["quotes"].as_array().unwrap().len() >= 2, "{doc:#}");
    // The interrupted quote's parts are spans like the others.
    let parts: Vec<&str> = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| q["content_parts"].as_array().into_iter().flatten())
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            "“Our cafés are empty,”",
            "“Nobody comes since the lanes — it’s over.”"
        ],
        "{doc:#}"
    );
    let checked = python_check(&json, ARTICLE).unwrap();
    assert!(checked >= 10, "only {checked} spans checked");
}

#[test]
fn byte_offsets_stay_the_default_and_python_cannot_slice_them() {
    let default = digest("");
    // The same but for the id, a temporary path.
    let without_id = |json: &[u8]| {
        let mut doc: serde_json::Value = serde_json::from_slice(json).unwrap();
        doc["id"] = serde_json::Value::Null;
        doc
    };
    assert_eq!(without_id(&default), without_id(&digest("bytes")));
    assert!(python_check(&default, ARTICLE).is_err());
}

#[test]
fn batch_writes_char_offsets_too() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let html = format!(
        "<html><body><article><h1>Zürich café owners protest</h1><p>{}</p></article></body></html>",
        ARTICLE.lines().nth(2).unwrap()
    );
    let records = [
        serde_json::json!({"id": "t", "text": ARTICLE}),
        serde_json::json!({"id": "h", "html": html}),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = newsdigest(&[
        "batch",
        "--quiet",
        "--summary",
        "extractive",
        "--offsets",
        "chars",
        "--input",
        input.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out_lines: Vec<&[u8]> = out.stdout.split(|&b| b == b'\n').collect();
    assert!(python_check(out_lines[0], ARTICLE).unwrap() >= 10);
    // The page's spans index its extracted text, which the line carries.
    let page: serde_json::Value = serde_json::from_slice(out_lines[1]).unwrap();
    assert!(page["text"].as_str().unwrap().contains("Müller"));
    assert!(python_check(out_lines[1], "").unwrap() >= 3);
}
