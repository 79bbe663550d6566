//! The summarize stage through the binary and the library: long articles
//! (map-reduce over chunks), batches, dtype, and failures that name what to do.
#![cfg(feature = "abstractive")]

#[path = "support/cli.rs"]
mod support_cli;

use std::process::Output;

use newsdigest::summarize::{ModelChoice, Precision, SummarizeConfig, SummaryMode};
use newsdigest::{Pipeline, PipelineConfig};
use serde_json::Value;
use support_cli::{closed_hub, command, root, SEED};

/// [`support_cli::newsdigest`] with this file's own empty cache folder.
fn newsdigest(args: &[&str]) -> Output {
    command(args)
        .env(
            "NEWSDIGEST_CACHE",
            root().join("target/test-empty-cache-summarize"),
        )
        .output()
        .expect("run newsdigest")
}

fn summary(args: &[&str]) -> Value {
    let out = newsdigest(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["summary"].clone()
}

fn tiny_config(batch_size: usize, precision: Precision) -> PipelineConfig {
    PipelineConfig {
        summarize: SummarizeConfig {
            mode: SummaryMode::Abstractive,
            model: Some(ModelChoice::Dir(root().join("models/tiny-bart"))),
            batch_size,
            precision,
            ..Default::default()
        },
    }
}

#[test]
fn a_long_article_is_summarized_in_chunks_and_batches_change_nothing() {
    // The seed article is ~700 tokens; tiny-bart takes 256 positions.
    let one = summary(&[
        "digest",
        "--model-dir",
        "models/tiny-bart",
        "--batch-size",
        "1",
        SEED,
    ]);
    let eight = summary(&["digest", "--model-dir", "models/tiny-bart", SEED]);
    assert_eq!(one["method"], "abstractive");
    let chunks = one["chunks"].as_u64().expect("chunks recorded");
    assert!(chunks >= 3, "{one}");
    assert_eq!(one, eight, "batch size must not change the summary");
}

#[test]
fn several_documents_in_one_call_equal_one_at_a_time() {
    let text = std::fs::read_to_string(root().join(SEED)).unwrap();
    let short = "Officials said on Tuesday that talks would resume. \"We are ready,\" the minister said. The meeting is planned for March in Geneva.".to_owned();
    let pipeline = Pipeline::new(tiny_config(8, Precision::F32)).unwrap();
    let mut docs = vec![
        Pipeline::analyze(Some("long".into()), text.clone()).unwrap(),
        Pipeline::analyze(Some("short".into()), short.clone()).unwrap(),
    ];
    for r in pipeline.summarize(&mut docs) {
        r.unwrap();
    }
    let alone_long = pipeline.run(None, text).unwrap().summary.unwrap();
    let alone_short = pipeline.run(None, short).unwrap().summary.unwrap();
    assert_eq!(docs[0].summary.as_ref(), Some(&alone_long));
    assert_eq!(docs[1].summary.as_ref(), Some(&alone_short));
    assert!(alone_long.chunks.unwrap_or(1) > 1 && alone_short.chunks.is_none());
}

#[test]
fn bf16_runs_and_keeps_the_structure() {
    let s = summary(&[
        "digest",
        "--model-dir",
        "models/tiny-bart",
        "--dtype",
        "bf16",
        SEED,
    ]);
    assert_eq!(s["method"], "abstractive");
    assert!(s["chunks"].as_u64().unwrap() >= 3);
    assert!(!s["text"].as_str().unwrap().trim().is_empty());
}

#[test]
fn flags_override_the_folder_settings() {
    let greedy_short = summary(&[
        "digest",
        "--model-dir",
        "models/tiny-bart",
        "--num-beams",
        "1",
        "--max-length",
        "8",
        "--min-length",
        "2",
        SEED,
    ]);
    let default = summary(&["digest", "--model-dir", "models/tiny-bart", SEED]);
    assert_ne!(greedy_short["text"], default["text"]);
    assert!(greedy_short["text"].as_str().unwrap().len() < default["text"].as_str().unwrap().len());
}

/// The hub is a closed local port ([`support_cli::command`]), so the download
/// fails at once, online or offline, instead of fetching a gigabyte.
#[test]
fn a_preset_that_cannot_be_downloaded_names_the_files_and_model_dir() {
    let out = newsdigest(&["digest", "--model", "distilbart-cnn-12-6", SEED]);
    assert_eq!(out.status.code(), Some(4), "the command could not run");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("download of config.json failed") && err.contains(closed_hub()),
        "the download was tried at the closed hub: {err}"
    );
    for needle in [
        "config.json",
        "vocab.json",
        "merges.txt",
        "rust_model.ot",
        "--model-dir",
    ] {
        assert!(err.contains(needle), "{err:?} should name {needle}");
    }
}

#[test]
fn an_unknown_preset_lists_the_known_ones() {
    let out = newsdigest(&["digest", "--model", "gpt-9", SEED]);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pegasus-cnn_dailymail") && err.contains("t5-small"),
        "{err}"
    );
}
