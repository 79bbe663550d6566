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
        // One status for a command that could not write its output: 4.
        (vec!["models"], 4),
        (vec!["schema"], 4),
        (vec!["completions", "bash"], 4),
        (vec!["man"], 4),
        (vec!["check", SEED, "--summary", SEED], 4),
        (vec!["--help"], 4),
        (vec!["batch", "--help"], 4),
        (vec!["--version"], 4),
        (vec!["digest", "--no-summary", SEED], 4),
        (vec!["digest", "--no-summary", SEED, SEED], 4),
        (
            vec!["digest", "--no-summary", "--format", "markdown", SEED],
            4,
        ),
        (vec!["digest", "--no-summary", "--format", "text", SEED], 4),
        (vec!["render", p(&rendered)], 4),
        (vec!["render", "--format", "text", p(&rendered)], 4),
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
    assert_eq!(o.status.code(), Some(3));
}

#[test]
fn an_endless_input_is_refused_at_the_limit() {
    let limit = Duration::from_secs(120);
    // A path, and the same stream on standard input.
    let o = output_within(command(&["digest", "--no-summary", "/dev/zero"]), limit);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("over the limit of 33554432 bytes"),
        "{}",
        stderr(&o)
    );
    let mut stdin = command(&["digest", "--no-summary", "-"]);
    stdin.stdin(File::open("/dev/zero").unwrap());
    let o = output_within(stdin, limit);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
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
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
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

/// Input text built to become markup in a digest: a heading and a quote
/// block after newlines, links (one to `javascript:`), an image, HTML,
/// emphasis, code, strikethrough, character references, an autolink, ANSI
/// escape sequences (C0 ESC and C1 CSI), and a closing `##`.
const HOSTILE: &str =
    "x\n# Injected\n\n> quote [click](javascript:alert(1)) ![img](http://e/i.png) \
    <script>alert(1)</script> *em* __strong__ `code` ~~strike~~ &amp; &#60; <http://auto> \
    \u{1b}[31mred\u{1b}[0m \u{9b}31m ##";

/// What a digest must show of `s`: on one line, without control characters.
fn shown(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The structure of a Markdown digest as a CommonMark (GFM) reader sees it:
/// headings `(level, text)`, strong and emphasis texts, link targets, and
/// any other markup by name. Panics on a list inside a list.
#[derive(Debug, Default)]
struct Outline {
    headings: Vec<(u8, String)>,
    strong: Vec<String>,
    emphasis: Vec<String>,
    links: Vec<String>,
    other: Vec<String>,
}

fn outline(md: &str) -> Outline {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let mut o = Outline::default();
    // The text of the heading, strong or emphasis being read.
    let mut open: Vec<(String, String)> = Vec::new();
    let mut lists = 0;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open.push((format!("{}", level as u8), String::new()))
            }
            Event::Start(Tag::Strong) => open.push(("strong".into(), String::new())),
            Event::Start(Tag::Emphasis) => open.push(("em".into(), String::new())),
            Event::End(TagEnd::Heading(_) | TagEnd::Strong | TagEnd::Emphasis) => {
                let (what, text) = open.pop().unwrap();
                match what.as_str() {
                    "strong" => o.strong.push(text),
                    "em" => o.emphasis.push(text),
                    level => o.headings.push((level.parse().unwrap(), text)),
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = open.last_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => o.links.push(dest_url.to_string()),
            Event::Start(Tag::List(_)) => {
                lists += 1;
                assert_eq!(lists, 1, "a list inside a list:\n{md}");
            }
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::Paragraph | Tag::Item) | Event::End(_) => {}
            Event::SoftBreak => o.other.push("a line break inside a paragraph".into()),
            other => o.other.push(format!("{other:?}")),
        }
    }
    o
}

/// The records of a render input built around [`HOSTILE`]: in the id (no
/// title), the carried title, the published date, the url, the article text
/// (its quotes and summary), and, written into an output line directly, a
/// speaker's name and descriptions and the summary's model name.
fn hostile_render_input(dir: &Path) -> std::path::PathBuf {
    let article =
        "Officials met on Monday to talk *about* <b>it</b>. \"We will [win](javascript:alert(1)) \
        and `more` \u{1b}[1mnow\u{1b}[0m,\" said Ann Lee, the mayor. The council voted later.";
    let input: String = [
        serde_json::json!({"id": HOSTILE, "text": article, "url": "javascript:alert(1)"}),
        serde_json::json!({"id": "r2", "title": HOSTILE, "text": article, "published": HOSTILE,
            "url": "https://example.com/a_(b)*c*"}),
        serde_json::json!({"id": "r3", "title": "Plain", "text": article, "url": "HTTP://EXAMPLE.ORG/X"}),
        serde_json::json!({"id": "r4", "title": "Spaced", "text": article, "url": "http://e.com/a b"}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect();
    let feed = dir.join("hostile.jsonl");
    std::fs::write(&feed, input).unwrap();
    let out = dir.join("hostile.out.jsonl");
    let o = newsdigest(&[
        "batch",
        "--summary",
        "extractive",
        "--input",
        p(&feed),
        "--output",
        p(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut lines: Vec<Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let speaker = &mut lines[2]["speakers"][0];
    assert!(
        speaker.is_object(),
        "the article has a speaker: {}",
        lines[2]
    );
    speaker["name"] = format!("# Boss {HOSTILE}").into();
    speaker["descriptions"] = serde_json::json!(["1. first", "- second", "> third", "+ fourth"]);
    lines[2]["summary"]["model"] = "lead-3\n# model".into();
    let rewritten: String = lines.iter().map(|v| format!("{v}\n")).collect();
    std::fs::write(&out, rewritten).unwrap();
    out
}

#[test]
fn render_shows_hostile_records_as_text_and_links_only_web_urls() {
    let dir = tempfile::tempdir().unwrap();
    let results = hostile_render_input(dir.path());
    let o = newsdigest(&["render", p(&results)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout).unwrap();
    let out = outline(&md);
    // Headings: ours only, the input's text in them shown as written.
    let h = |level: u8, text: &str| (level, text.to_owned());
    let headings: Vec<&(u8, String)> = out.headings.iter().filter(|(l, _)| *l <= 2).collect();
    assert_eq!(
        headings,
        [
            &h(1, "News digest"),
            &h(2, &shown(HOSTILE)),
            &h(2, &shown(HOSTILE)),
            &h(2, "Plain"),
            &h(2, "Spaced"),
            &h(2, "Who said what")
        ],
        "{md}"
    );
    let speakers: Vec<&String> = out
        .headings
        .iter()
        .filter(|(l, _)| *l == 3)
        .map(|(_, t)| t)
        .collect();
    assert!(
        speakers.contains(&&format!(
            "# Boss {}, 1. first; - second; > third; + fourth",
            shown(HOSTILE)
        )),
        "{speakers:?}\n{md}"
    );
    assert!(out.headings.iter().all(|(l, _)| *l <= 3), "{md}");
    // Only http(s) URLs are links, each to the URL as given.
    assert_eq!(
        out.links,
        ["https://example.com/a_(b)*c*", "HTTP://EXAMPLE.ORG/X"],
        "{md}"
    );
    assert!(md.contains("Source: javascript:alert(1)"), "{md}");
    assert!(md.contains("Source: http://e.com/a b"), "{md}");
    // Our own emphasis only: the labels, and article titles in "Who said what".
    assert!(
        out.strong
            .iter()
            .all(|s| s == "Summary" || s == "Key quotes"),
        "{:?}",
        out.strong
    );
    let titles = [shown(HOSTILE), "Plain".to_owned(), "Spaced".to_owned()];
    assert!(
        out.emphasis.iter().all(|e| titles.contains(e)),
        "{:?}\n{md}",
        out.emphasis
    );
    assert!(
        out.other.is_empty(),
        "markup from the input: {:?}\n{md}",
        out.other
    );
    assert!(
        md.contains("**Summary** (extractive, lead-3 # model): "),
        "{md}"
    );
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
    // Ordinary punctuation is left alone.
    assert!(md.contains("said Ann Lee"), "{md}");

    let o = newsdigest(&["render", "--format", "text", p(&results)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains(&format!("{}\n---", shown(HOSTILE))), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("# Injected")), "{text}");
}

#[test]
fn digest_markdown_of_a_hostile_article_is_text_too() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("hostile.txt");
    std::fs::write(
        &article,
        "[Breaking](javascript:alert(1)) <img src=x onerror=alert(1)> *news* \u{1b}]8;;http://e\u{7}\n\n\
         Officials met on Monday. \"We will `win` *this* one,\" said Ann Lee, the mayor.\n",
    )
    .unwrap();
    for format in ["markdown", "text"] {
        let o = newsdigest(&["digest", "--no-summary", "--format", format, p(&article)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        if format == "markdown" {
            let o = outline(&out);
            assert!(o.links.is_empty() && o.other.is_empty(), "{o:?}\n{out}");
            let title =
                "[Breaking](javascript:alert(1)) <img src=x onerror=alert(1)> *news* ]8;;http://e";
            assert!(o.headings.contains(&(2, title.to_owned())), "{o:?}\n{out}");
            // The only emphasis is ours: the title after each quote in "Who said what".
            assert_eq!(o.emphasis, [title], "{out}");
        }
    }
}

#[test]
fn render_reads_every_record_that_batch_wrote_however_deep_its_carried_fields() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Officials met on Monday. \"We agreed,\" said Ann Lee, the mayor.";
    let deep = |n: usize| format!("{}1{}", "[{\"a\":".repeat(n), "}]".repeat(n));
    let feed: String = [129, 1000, 20_000]
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let head = serde_json::json!({"id": format!("deep{i}"), "text": text}).to_string();
            let tail = format!(
                ",\"title\":{},\"url\":{},\"published\":{}}}\n",
                deep(n),
                deep(n),
                deep(n)
            );
            format!("{}{tail}", &head[..head.len() - 1])
        })
        .collect();
    let input = dir.path().join("deep.jsonl");
    std::fs::write(&input, feed).unwrap();
    let output = dir.path().join("deep.out.jsonl");
    let o = newsdigest(&[
        "batch",
        "--no-summary",
        "--input",
        p(&input),
        "--output",
        p(&output),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "batch accepts them: {}",
        stderr(&o)
    );
    let o = newsdigest(&["render", p(&output)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no record left out");
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("3 articles, 3 quotes attributed"), "{md}");
    for i in 0..3 {
        assert!(md.contains(&format!("## deep{i}\n")), "{md}");
    }
}

#[test]
fn a_feed_with_a_byte_order_mark_and_an_unpaired_surrogate() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bom.jsonl");
    let feed = format!(
        "\u{feff}{}{}",
        records(2),
        "{\"id\": \"s\", \"text\": \"Half a pair \\ud800 here.\"}\n"
    );
    std::fs::write(&input, feed).unwrap();
    let output = dir.path().join("bom.out.jsonl");
    let o = newsdigest(&[
        "batch",
        "--no-summary",
        "--input",
        p(&input),
        "--output",
        p(&output),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let lines: Vec<Value> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        (lines[0]["id"].as_str(), lines[0]["schema"].as_str()),
        (Some("r1"), Some("newsdigest/1"))
    );
    assert_eq!(lines[1]["id"], "r2");
    let error = &lines[2]["error"];
    assert_eq!(
        (lines[2]["id"].as_str(), lines[2]["line"].as_u64()),
        (Some("s"), Some(3))
    );
    assert_eq!(error["kind"], "invalid_text");
    assert_eq!(
        error["message"],
        "`text` holds an unpaired surrogate escape \\ud800 at byte offset 33 of the line: \
         half of a UTF-16 pair is no Unicode text"
    );
    // Resuming the finished job reads the marked first line the same way.
    let o = newsdigest(&[
        "batch",
        "--no-summary",
        "--resume",
        "--input",
        p(&input),
        "--output",
        p(&output),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("3 earlier records kept (1 failed)"),
        "{}",
        stderr(&o)
    );
}

/// The tiny model with a tokenizer that fails on any unknown word (a
/// word-level vocabulary whose unknown token is missing): the model loads,
/// and every generation fails inside the summarizer.
#[cfg(feature = "abstractive")]
fn model_whose_tokenizer_fails(dir: &Path) -> std::path::PathBuf {
    let model = dir.join("failing-model");
    std::fs::create_dir(&model).unwrap();
    for entry in std::fs::read_dir(support_cli::root().join("models/tiny-bart")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, model.join(path.file_name().unwrap())).unwrap();
    }
    let tokenizer = serde_json::json!({
        "version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
        "normalizer": null, "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": null, "decoder": null,
        "model": {"type": "WordLevel", "unk_token": "[MISSING]",
                  "vocab": {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "the": 4}}
    });
    std::fs::write(model.join("tokenizer.json"), tokenizer.to_string()).unwrap();
    model
}

#[test]
#[cfg(feature = "abstractive")]
fn a_summarization_error_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_whose_tokenizer_fails(dir.path());
    let o = newsdigest(&["digest", "--model-dir", p(&model), SEED]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert_eq!(err.matches("summarization failed").count(), 1, "{err}");
    assert!(
        err.contains("summarization failed: WordLevel error"),
        "{err}"
    );

    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, records(1)).unwrap();
    let o = newsdigest(&[
        "batch",
        "--quiet",
        "--model-dir",
        p(&model),
        "--input",
        p(&input),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let line: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(line["error"]["kind"], "summarize");
    let message = line["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("summarization failed: WordLevel error"),
        "{message}"
    );
    assert_eq!(
        message.matches("summarization failed").count(),
        1,
        "{message}"
    );
}
