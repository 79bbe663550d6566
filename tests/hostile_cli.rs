//! The command line against hostile setups (issue 17): an output that is the
//! input, flags no `Duration` holds, a closed pipe or a full device on
//! standard output, endless inputs, and records built to inject markup into a
//! digest or to be read differently by `batch` and `render`.

#[path = "support/cli.rs"]
mod support_cli;

use std::fs::File;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support_cli::{command, newsdigest, stderr, SEED};

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A few good records, one JSON object a line.
fn records(n: usize) -> String {
    (1..=n)
        .map(|i| {
            let text = format!(
                "Story {i}\n\nThe council met on day {i}. \"We will vote next week,\" Mayor Ann Lee said."
            );
            format!("{}\n", serde_json::json!({"id": format!("r{i}"), "text": text}))
        })
        .collect()
}

/// Run `cmd` to the end, or kill it and fail once `limit` has passed: a
/// command that reads an endless input must not hang the test suite.
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsdigest");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("still running after {limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// `cmd` with standard output a pipe whose reader is already closed.
fn into_closed_pipe(mut cmd: Command) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd.stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// `cmd` with standard output on `/dev/full`, where every write fails.
fn into_full_device(mut cmd: Command) -> Output {
    let full = File::options().write(true).open("/dev/full").unwrap();
    cmd.stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn an_output_that_is_the_input_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let original = records(3);
    std::fs::write(&input, &original).unwrap();
    let hard = dir.path().join("hard.jsonl");
    std::fs::hard_link(&input, &hard).unwrap();
    let soft = dir.path().join("soft.jsonl");
    std::os::unix::fs::symlink(&input, &soft).unwrap();
    let intact = |o: &Output, what: &str| {
        assert_eq!(o.status.code(), Some(4), "{what}: {}", stderr(o));
        assert!(
            stderr(o).contains("same file") || stderr(o).contains("also standard output"),
            "{what}: {}",
            stderr(o)
        );
        assert!(o.stdout.is_empty(), "{what}");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), original, "{what}");
    };
    for output in [&input, &hard, &soft] {
        for resume in [false, true] {
            let mut args = vec!["batch", "--no-summary", "--input", p(&input)];
            args.extend(["--output", p(output)]);
            if resume {
                args.push("--resume");
            }
            intact(&newsdigest(&args), &format!("{args:?}"));
        }
    }
    // `batch --output in.jsonl < in.jsonl` (and through the hard link).
    for output in [&input, &hard] {
        let o = command(&["batch", "--no-summary", "--output", p(output)])
            .stdin(File::open(&input).unwrap())
            .output()
            .unwrap();
        intact(&o, "standard input is --output");
    }
    // `batch --input in.jsonl >> in.jsonl` would feed the job its own output.
    let append = File::options().append(true).open(&hard).unwrap();
    let o = command(&["batch", "--no-summary", "--input", p(&input)])
        .stdin(Stdio::null())
        .stdout(append)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    intact(&o, "standard output is --input");
    // Only a regular file is refused: /dev/null on both ends is no input to lose.
    let o = command(&["batch", "--no-summary", "--quiet"])
        .stdin(File::open("/dev/null").unwrap())
        .stdout(File::options().write(true).open("/dev/null").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_job_that_fails_early_leaves_an_earlier_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, records(2)).unwrap();
    let output = dir.path().join("out.jsonl");
    let earlier = "an earlier output\n";
    std::fs::write(&output, earlier).unwrap();
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let cases: [(&[&str], i32, &str); 4] = [
        (
            &["--input", p(&input), "--progress-interval", "1e300"],
            2,
            "--progress-interval",
        ),
        (
            &["--input", p(&input), "--model-dir", "/nonexistent/model"],
            4,
            "/nonexistent/model",
        ),
        (&["--input", p(&folder)], 4, "cannot read"),
        (&["--input", "/no/such/input.jsonl"], 4, "cannot read"),
    ];
    for (args, code, says) in cases {
        let mut all = vec!["batch", "--output", p(&output)];
        all.extend_from_slice(args);
        let o = newsdigest(&all);
        assert_eq!(o.status.code(), Some(code), "{all:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{all:?}: {}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(&output).unwrap(),
            earlier,
            "{all:?}"
        );
    }
    // The same job that can run overwrites it.
    let o = newsdigest(&[
        "batch",
        "--no-summary",
        "--input",
        p(&input),
        "--output",
        p(&output),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&output).unwrap().lines().count(), 2);
}

#[test]
fn a_progress_interval_out_of_range_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, records(1)).unwrap();
    for bad in [
        "1e300", "1e19", "nan", "NaN", "inf", "-inf", "-1", "86401", "ten", "",
    ] {
        let flag = format!("--progress-interval={bad}");
        let o = newsdigest(&["batch", "--no-summary", "--input", p(&input), &flag]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {err}");
        assert!(
            err.contains("--progress-interval") && err.contains("seconds"),
            "{bad:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{bad:?}: {err}");
    }
    for good in ["0", "0.25", "86400"] {
        let o = newsdigest(&[
            "batch",
            "--no-summary",
            "--input",
            p(&input),
            "--progress-interval",
            good,
        ]);
        assert_eq!(o.status.code(), Some(0), "{good:?}: {}", stderr(&o));
    }
}

/// A batch output file of `n` records, for `render`.
fn batch_output(dir: &Path, n: usize) -> std::path::PathBuf {
    let input = dir.join("feed.jsonl");
    std::fs::write(&input, records(n)).unwrap();
    let output = dir.join("feed.out.jsonl");
    let o = newsdigest(&[
        "batch",
        "--no-summary",
        "--input",
        p(&input),
        "--output",
        p(&output),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    output
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_and_a_full_device_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let rendered = batch_output(dir.path(), 50);
    let input = dir.path().join("feed.jsonl");
    let commands: Vec<(Vec<&str>, i32)> = vec![
        (vec!["models"], 1),
        (vec!["digest", "--no-summary", SEED], 1),
        (vec!["digest", "--no-summary", SEED, SEED], 1),
        (
            vec!["digest", "--no-summary", "--format", "markdown", SEED],
            1,
        ),
        (vec!["digest", "--no-summary", "--format", "text", SEED], 1),
        (vec!["render", p(&rendered)], 1),
        (vec!["render", "--format", "text", p(&rendered)], 1),
        (vec!["batch", "--no-summary", "--input", p(&input)], 4),
        (
            vec![
                "batch",
                "--no-summary",
                "--input",
                p(&input),
                "--output",
                "-",
            ],
            4,
        ),
    ];
    for (args, code) in commands {
        let o = into_closed_pipe(command(&args));
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?} into a closed pipe: {}",
            stderr(&o)
        );
        assert_eq!(stderr(&o), "", "{args:?} into a closed pipe says nothing");

        let o = into_full_device(command(&args));
        let err = stderr(&o);
        assert_eq!(
            o.status.code(),
            Some(code),
            "{args:?} into /dev/full: {err}"
        );
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(
            err.lines().filter(|l| l.contains("No space")).count(),
            1,
            "{err}"
        );
    }
    // A full device on standard error is no reason to panic either.
    let o = command(&["digest", "--no-summary", "no/such/article.txt"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::options().write(true).open("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_endless_input_is_refused_at_the_limit() {
    let limit = Duration::from_secs(120);
    // A path, and the same stream on standard input.
    let o = output_within(command(&["digest", "--no-summary", "/dev/zero"]), limit);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("over the limit of 33554432 bytes"),
        "{}",
        stderr(&o)
    );
    let mut stdin = command(&["digest", "--no-summary", "-"]);
    stdin.stdin(File::open("/dev/zero").unwrap());
    let o = output_within(stdin, limit);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("over the limit of 33554432 bytes"),
        "{}",
        stderr(&o)
    );
    // A regular file over the limit is refused unread, with its size.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    File::create(&big).unwrap().set_len(40 << 20).unwrap();
    let o = output_within(command(&["digest", "--no-summary", p(&big)]), limit);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("input is 41943040 bytes, over the limit"),
        "{}",
        stderr(&o)
    );

    // batch: the endless first line is a too_large error line, then the job
    // stops, as the input is no longer lines.
    let out = dir.path().join("out.jsonl");
    let mut batch = command(&[
        "batch",
        "--no-summary",
        "--input",
        "/dev/zero",
        "--output",
        p(&out),
    ]);
    batch.stdin(Stdio::null());
    let o = output_within(batch, limit);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("line 1 runs on for more than"),
        "{}",
        stderr(&o)
    );
    let written = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{written}");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["error"]["kind"], "too_large");
}
