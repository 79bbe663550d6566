//! The README's examples run as written: the `batch` and `render` lines of
//! "Batch jobs", on the sample feed in `examples/`.

#[path = "support/cli.rs"]
mod support_cli;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use support_cli::{closed_hub, root};

/// The lines of the README's first `sh` block after `heading` that run
/// `newsdigest`.
fn commands_after(heading: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find(heading).expect("the README has the heading")..];
    let block = &section[section.find("```sh\n").expect("a sh block") + 6..];
    let block = &block[..block.find("```").unwrap()];
    block
        .lines()
        .filter(|l| l.starts_with("newsdigest "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_batch_example_runs_as_written_on_the_sample_feed() {
    let commands = commands_after("## Batch jobs");
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert!(commands[0].starts_with("newsdigest batch --input examples/"));
    // A scratch folder as the working directory, with the project's
    // examples in it, so that the outputs land in the scratch folder.
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root().join("examples"), dir.path().join("examples")).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_newsdigest"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for line in &commands {
        let out = Command::new("sh")
            .args(["-c", line])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("NEWSDIGEST_CACHE", dir.path().join("cache"))
            .env("NEWSDIGEST_HUB_URL", closed_hub())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{line}: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let input = std::fs::read_to_string(root().join("examples/articles.jsonl")).unwrap();
    let output = std::fs::read_to_string(dir.path().join("articles.out.jsonl")).unwrap();
    assert_eq!(output.lines().count(), input.lines().count());
    for (i, (line, record)) in input.lines().zip(output.lines()).enumerate() {
        let article: Value = serde_json::from_str(line).unwrap();
        let record: Value = serde_json::from_str(record).unwrap();
        assert!(record.get("error").is_none(), "line {}: {record}", i + 1);
        let id = match &article["id"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        assert_eq!(record["id"], id.as_str());
        assert_eq!(record["input_title"], article["title"]);
        assert_eq!(record["summary"]["method"], "extractive");
    }
    let digest = std::fs::read_to_string(dir.path().join("digest.md")).unwrap();
    assert!(
        digest.contains("Council Approves Riverside Bike Lanes"),
        "{digest}"
    );
    assert!(digest.contains("Dana Ortiz"), "{digest}");
}
