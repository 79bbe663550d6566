//! `newsdigest batch` and `newsdigest render` on the built binary: one output
//! line per input line in order, error lines for bad records, exit codes,
//! streaming, progress lines, and crash safety (SIGKILL, torn lines, resume).

#[path = "support/json_spans.rs"]
mod json_spans;
#[path = "support/cli.rs"]
mod support_cli;
use json_spans::spans_of;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use support_cli::{command, newsdigest, root, stderr, with_stdin, SEED};

use serde_json::Value;

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    std::str::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn seed() -> String {
    std::fs::read_to_string(root().join(SEED)).unwrap()
}

#[test]
fn every_input_line_gives_one_output_line_in_order_and_bad_records_do_not_stop_the_job() {
    let text = seed();
    let record = |v: Value| v.to_string();
    let input = [
        record(serde_json::json!({"id": "seed", "text": text, "title": "Feed title \u{e9}", "url": "https://example.com/a", "published": "2026-05-01T10:00:00Z"})),
        "{\"id\": \"broken\", \"text\": ".to_owned(),
        record(serde_json::json!({"id": 17})),
        record(serde_json::json!({"id": 18, "text": 3})),
        String::new(),
        record(serde_json::json!({"id": "blank", "text": " \n\t "})),
        record(serde_json::json!({"text": "No id here. \"Right,\" Ann Lee said."})),
        record(serde_json::json!({"id": {"a": 1}, "text": "x"})),
        "[1, 2, 3]".to_owned(),
        record(serde_json::json!({"id": 10, "text": "Last one."})),
    ]
    .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    // A Latin-1 byte in the middle of the file: a record, not the job, fails.
    let mut bytes = input.into_bytes();
    bytes.extend_from_slice(b"\n{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");
    std::fs::write(&inp, &bytes).unwrap();

    let o = newsdigest(&[
        "batch",
        "--input",
        p(&inp),
        "--output",
        p(&out),
        "--summary",
        "extractive",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let got = lines(&std::fs::read(&out).unwrap());
    assert_eq!(got.len(), 11);

    let doc = &got[0];
    assert_eq!(doc["schema"], "newsdigest/1");
    assert_eq!(doc["id"], "seed");
    // The record's `title` is the headline: none is looked for in the text.
    assert!(doc["title"].is_null(), "{}", doc["title"]);
    assert_eq!(doc["input_title"], "Feed title \u{e9}");
    assert_eq!(doc["url"], "https://example.com/a");
    assert_eq!(doc["published"], "2026-05-01T10:00:00Z");
    assert_eq!(doc["summary"]["method"], "extractive");
    let spans = spans_of(doc);
    assert!(spans.len() > 20);
    for (start, end, t) in spans {
        assert_eq!(text.get(start..end), Some(t.as_str()));
    }
    // The same document as `digest` gives, plus the carried fields, but for
    // the title (the record gives it) and so the lead summary.
    let digest = newsdigest(&["digest", "--summary", "extractive", SEED]);
    let mut single: Value = serde_json::from_slice(&digest.stdout).unwrap();
    single["id"] = "seed".into();
    let mut trimmed = doc.clone();
    for k in ["input_title", "url", "published", "title", "summary"] {
        trimmed.as_object_mut().unwrap().remove(k);
    }
    for k in ["title", "summary"] {
        single.as_object_mut().unwrap().remove(k);
    }
    assert_eq!(trimmed, single);

    let err = |i: usize| {
        (
            got[i]["id"].clone(),
            got[i]["line"].clone(),
            got[i]["error"]["kind"].clone(),
        )
    };
    assert_eq!(err(1), (Value::Null, 2.into(), "invalid_json".into()));
    assert_eq!(err(2), ("17".into(), 3.into(), "missing_text".into()));
    assert_eq!(err(3), ("18".into(), 4.into(), "invalid_text".into()));
    assert_eq!(err(4), (Value::Null, 5.into(), "invalid_json".into()));
    assert_eq!(err(5), ("blank".into(), 6.into(), "empty_text".into()));
    assert_eq!(got[6]["id"], "7", "a line without id gets its line number");
    assert_eq!(got[6]["quotes"][0]["content"]["text"], "\"Right,\"");
    assert_eq!(err(7), (Value::Null, 8.into(), "invalid_id".into()));
    assert_eq!(err(8), (Value::Null, 9.into(), "invalid_json".into()));
    assert_eq!(got[9]["id"], "10");
    assert_eq!(err(10), (Value::Null, 11.into(), "invalid_utf8".into()));
    for i in [1, 2, 3, 4, 5, 7, 8, 10] {
        let e = got[i].as_object().unwrap();
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(!got[i]["error"]["message"].as_str().unwrap().is_empty());
    }
    let err = stderr(&o);
    let summary = err.lines().last().unwrap();
    assert!(
        summary.contains("11 records: 3 ok, 8 failed") && summary.contains("articles/s"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// `n` records of a few hundred bytes each; every 50th is bad.
fn generated(n: usize) -> String {
    let mut s = String::new();
    for i in 1..=n {
        if i % 50 == 0 {
            s.push_str(&format!("{{\"id\": {i}, \"text\": \"\"}}\n"));
            continue;
        }
        let text = format!(
            "Story number {i}\n\nThe council met on day {i}. \"We will vote on plan {i} next week,\" Mayor Ann Lee said. Officials declined to comment on item {}. \"It is too early,\" said Bob Stone, a spokesman.",
            i * 7
        );
        s.push_str(&serde_json::json!({"id": format!("r{i}"), "text": text}).to_string());
        s.push('\n');
    }
    s
}

#[test]
fn all_ok_exits_zero_and_streams_stdin_to_stdout() {
    let input = generated(30).replace("{\"id\": 50, \"text\": \"\"}\n", "");
    let o = with_stdin(&["batch", "--no-summary", "--jobs", "2"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = lines(&o.stdout);
    assert_eq!(got.len(), 30);
    for (i, d) in got.iter().enumerate() {
        assert_eq!(d["id"], format!("r{}", i + 1));
        assert!(d["summary"].is_null());
    }
    // The same bytes from files as from pipes.
    let dir = tempfile::tempdir().unwrap();
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    std::fs::write(&inp, &input).unwrap();
    let o2 = newsdigest(&[
        "batch",
        "--no-summary",
        "--input",
        p(&inp),
        "--output",
        p(&out),
    ]);
    assert_eq!(o2.status.code(), Some(0), "{}", stderr(&o2));
    assert_eq!(std::fs::read(&out).unwrap(), o.stdout);
}

#[test]
fn a_job_that_cannot_run_exits_four_and_leaves_the_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, "keep me\n").unwrap();
    let o = newsdigest(&["batch", "--input", "no/such.jsonl", "--output", p(&out)]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("no/such.jsonl"), "{}", stderr(&o));
    let o = newsdigest(&["batch", "--resume", "--input", SEED]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("--resume needs --output"),
        "{}",
        stderr(&o)
    );
    let o = newsdigest(&[
        "batch",
        "--input",
        SEED,
        "--output",
        p(&out),
        "--model-dir",
        "/nonexistent/model",
    ]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");
    // An output that is not this job's is not resumed (and not truncated).
    let inp = dir.path().join("in.jsonl");
    std::fs::write(&inp, generated(3)).unwrap();
    let o = newsdigest(&[
        "batch",
        "--resume",
        "--no-summary",
        "--input",
        p(&inp),
        "--output",
        p(&out),
    ]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("cannot resume"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");
}

fn run_to_end(inp: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        "--summary",
        "extractive",
        "--input",
        p(inp),
        "--output",
        p(out),
    ];
    args.extend_from_slice(extra);
    newsdigest(&args)
}

#[test]
fn killed_jobs_resume_to_the_bytes_of_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in.jsonl");
    std::fs::write(&inp, generated(6000)).unwrap();
    let full = dir.path().join("full.jsonl");
    let o = run_to_end(&inp, &full, &["--quiet"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let expected = std::fs::read(&full).unwrap();
    assert_eq!(expected.iter().filter(|&&b| b == b'\n').count(), 6000);

    let out = dir.path().join("out.jsonl");
    let mut kills = 0;
    let mut first = true;
    // Kill with SIGKILL as soon as the output has grown, three times over.
    for _ in 0..3 {
        let before = std::fs::metadata(&out).map_or(0, |m| m.len());
        let mut args = vec![
            "batch",
            "--summary",
            "extractive",
            "--quiet",
            "--jobs",
            "1",
            "--input",
            p(&inp),
            "--output",
            p(&out),
        ];
        if !first {
            args.push("--resume");
        }
        first = false;
        let mut child = command(&args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::fs::metadata(&out).map_or(0, |m| m.len()) <= before && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        if status.code().is_none() {
            kills += 1;
        }
        let now = std::fs::read(&out).unwrap();
        eprintln!(
            "kill {}: {:?}, output at {} of {} bytes",
            kills,
            status,
            now.len(),
            expected.len()
        );
        assert!(
            expected
                .starts_with(&now[..now.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)]),
            "complete lines written so far are those of the full run"
        );
    }
    let partial = std::fs::read(&out).unwrap();
    assert!(kills >= 1, "the job was never killed part-way");
    assert!(
        partial.len() < expected.len(),
        "the job ran to the end before the kill"
    );

    let o = run_to_end(&inp, &out, &["--resume"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("resuming"), "{}", stderr(&o));
    assert!(
        std::fs::read(&out).unwrap() == expected,
        "resumed output differs from an uninterrupted run"
    );
}

#[test]
fn a_torn_last_line_is_dropped_and_redone_on_resume() {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in.jsonl");
    std::fs::write(&inp, generated(120)).unwrap();
    let full = dir.path().join("full.jsonl");
    run_to_end(&inp, &full, &[]);
    let expected = std::fs::read(&full).unwrap();
    let newlines: Vec<usize> = expected
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let out = dir.path().join("out.jsonl");
    // Mid-line, just before a newline, right after one, a lone '{', and an
    // empty output; a last complete line of garbage (a crash of the disk,
    // not of the job) is dropped too.
    let cuts = [
        newlines[40] + 30,
        newlines[41],
        newlines[41] + 1,
        newlines[99] + 2,
        0,
    ];
    for cut in cuts {
        std::fs::write(&out, &expected[..cut]).unwrap();
        let o = run_to_end(&inp, &out, &["--resume"]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(std::fs::read(&out).unwrap() == expected, "cut at {cut}");
    }
    // A complete line that is not a record is corruption, not a torn line:
    // the job refuses to resume and cuts nothing.
    let mut garbage = expected[..=newlines[10]].to_vec();
    garbage.extend_from_slice(b"\0\0\0\0\n");
    std::fs::write(&out, &garbage).unwrap();
    let o = run_to_end(&inp, &out, &["--resume"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("output line 12 is not a record"),
        "{}",
        stderr(&o)
    );
    assert!(std::fs::read(&out).unwrap() == garbage);
    std::fs::write(&out, &expected).unwrap();
    // Resuming a finished job adds nothing; the status still reports the
    // failed records of the whole output.
    let o = run_to_end(&inp, &out, &["--resume"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("0 records: 0 ok, 0 failed")
            && err.contains("120 earlier records kept (2 failed)"),
        "{err}"
    );
    assert!(std::fs::read(&out).unwrap() == expected);
}

#[test]
fn progress_lines_when_stderr_is_not_a_terminal_unless_quiet() {
    let input = generated(40);
    let o = with_stdin(
        &["batch", "--no-summary", "--progress-interval", "0"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    let progress: Vec<&str> = err.lines().filter(|l| l.contains("progress:")).collect();
    assert!(progress.len() >= 10, "{err}");
    assert!(
        progress.last().unwrap().contains("40 records (0 failed)")
            && progress.iter().all(|l| l.contains(" records/s")),
        "{err}"
    );
    let last = err.lines().last().unwrap();
    assert!(last.contains("40 records: 40 ok, 0 failed"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in.jsonl");
    std::fs::write(&inp, &input).unwrap();
    let o = newsdigest(&[
        "batch",
        "--no-summary",
        "--progress-interval",
        "0",
        "--input",
        p(&inp),
    ]);
    let err = stderr(&o);
    assert!(err.contains("% of input, ETA"), "{err}");

    let o = with_stdin(
        &[
            "batch",
            "--no-summary",
            "--progress-interval",
            "0",
            "--quiet",
        ],
        input.as_bytes(),
    );
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "only the summary line: {err}");
}

#[test]
fn render_makes_one_digest_from_batch_output() {
    let dir = tempfile::tempdir().unwrap();
    let text = seed();
    let input = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"id": "cbs", "text": text, "url": "https://example.com/cbs"}),
        serde_json::json!({"id": "x", "text": "Markets Rally\n\nStocks rose. \"This is a strong week,\" Tang said."}),
    );
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    std::fs::write(&inp, input).unwrap();
    run_to_end(&inp, &out, &[]);
    let o = newsdigest(&["render", "--format", "markdown", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(md.starts_with("# News digest\n\n2 articles,"), "{md}");
    assert!(
        md.contains("## U.S., China To Resume Rights Talks\n"),
        "{md}"
    );
    assert!(md.contains("Source: <https://example.com/cbs>"), "{md}");
    assert!(
        md.contains("**Summary** (extractive, lead-3): Washington and Beijing"),
        "{md}"
    );
    assert!(
        md.contains("- Tang Jiaxuan, Chinese Foreign Minister: \u{201c}We have decided to resume dialogue on human rights issues"),
        "{md}"
    );
    assert!(
        md.contains("*1 failed record left out (error lines in the input).*"),
        "{md}"
    );
    let who = &md[md.find("## Who said what").expect("who said what")..];
    // Tang is quoted in both articles: one group.
    assert_eq!(who.matches("### Tang").count(), 1, "{who}");
    assert!(
        who.contains("(*Markets Rally*)") && who.contains("(*U.S., China To Resume Rights Talks*)"),
        "{who}"
    );
    assert!(
        stderr(&o).contains("1 failed record left out"),
        "{}",
        stderr(&o)
    );

    let o = newsdigest(&["render", "--format", "text", p(&out)]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Who said what\n=============\n"), "{text}");
    assert!(!text.contains("**") && !text.contains("## "), "{text}");

    // `digest --format markdown` of the files renders the same way.
    let md_file = dir.path().join("markets.txt");
    std::fs::write(
        &md_file,
        "Markets Rally\n\nStocks rose. \"This is a strong week,\" Tang said.",
    )
    .unwrap();
    let o = newsdigest(&[
        "digest",
        "--format",
        "markdown",
        "--summary",
        "extractive",
        SEED,
        p(&md_file),
    ]);
    let md2 = String::from_utf8(o.stdout).unwrap();
    let who2 = &md2[md2.find("## Who said what").unwrap()..];
    assert_eq!(who2.matches("### Tang").count(), 1, "{who2}");
}
