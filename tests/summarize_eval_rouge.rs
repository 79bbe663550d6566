//! scripts/eval_rouge: its scoring on summaries given, and a whole run of
//! f32, bf16 and int8 on the tiny model over made-up CNN/DailyMail-style
//! records (tests/fixtures/cnn_dm_sample.jsonl). Needs the project venv with
//! rouge-score (scripts/requirements-dev.txt).
#![cfg(feature = "abstractive")]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn eval_rouge(args: &[&str], json: &std::path::Path) -> Vec<Value> {
    let python = root().join(".venv/bin/python");
    let out = Command::new(&python)
        .arg(root().join("scripts/eval_rouge"))
        .args(args)
        .arg("--json")
        .arg(json)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", python.display()));
    assert!(
        out.status.success(),
        "eval_rouge failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&std::fs::read(json).unwrap())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_summary_equal_to_its_reference_scores_one_and_a_disjoint_one_zero() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    std::fs::write(
        &records,
        concat!(
            r#"{"id": "a", "article": "x", "highlights": "The council votes to rebuild the harbour wall."}"#,
            "\n",
            r#"{"id": "b", "article": "y", "highlights": "Trains stop after a landslide."}"#,
            "\n"
        ),
    )
    .unwrap();
    let preds = dir.path().join("preds.jsonl");
    std::fs::write(
        &preds,
        concat!(
            r#"{"id": "a", "summary": "The council votes to rebuild the harbour wall."}"#,
            "\n",
            r#"{"id": "b", "summary": "Library opens until midnight."}"#,
            "\n"
        ),
    )
    .unwrap();
    let rows = eval_rouge(
        &[
            "unused",
            records.to_str().unwrap(),
            "--predictions",
            preds.to_str().unwrap(),
        ],
        &dir.path().join("out.json"),
    );
    assert_eq!(rows.len(), 1);
    for k in ["rouge1", "rouge2", "rougeLsum"] {
        let v = rows[0][k].as_f64().unwrap();
        assert!((v - 0.5).abs() < 1e-9, "{k} = {v}");
    }
}

#[test]
fn f32_bf16_and_int8_of_the_tiny_model_are_scored() {
    let dir = tempfile::tempdir().unwrap();
    let rows = eval_rouge(
        &[
            root().join("models/tiny-bart").to_str().unwrap(),
            root()
                .join("tests/fixtures/cnn_dm_sample.jsonl")
                .to_str()
                .unwrap(),
            "--bin",
            env!("CARGO_BIN_EXE_newsdigest"),
        ],
        &dir.path().join("out.json"),
    );
    let dtypes: Vec<&str> = rows.iter().map(|r| r["dtype"].as_str().unwrap()).collect();
    assert_eq!(dtypes, ["f32", "bf16", "int8"]);
    for r in &rows {
        assert_eq!(r["n"], 3, "{r}");
        for k in ["rouge1", "rouge2", "rougeLsum"] {
            let v = r[k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&v), "{r}");
        }
    }
    assert_eq!(rows[0]["same_as_f32"], 3);
}
