//! `--threads`: its default is the cores this process may use (CPU
//! affinity, as `taskset` or a scheduler's cpuset sets it), not the
//! machine's; `--jobs` still sets `batch`'s analysis pool on its own. The
//! closing line of `batch` says the pool's size.

#[path = "support/cli.rs"]
mod support_cli;

use std::process::{Command, Output, Stdio};

use support_cli::{command, stderr};

const FEED: &str = "examples/articles.jsonl";

/// The first CPU this test may run on (from `Cpus_allowed_list`, e.g.
/// `0-1,4`), so that `taskset` pins to a CPU that is allowed.
fn first_allowed_cpu() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let list = status
        .lines()
        .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
        .expect("Linux reports the allowed CPUs");
    list.trim().split([',', '-']).next().unwrap().to_owned()
}

fn batch(pin: bool, flags: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        "--input",
        FEED,
        "--summary",
        "extractive",
        "--quiet",
    ];
    args.extend_from_slice(flags);
    let plain = command(&args);
    let mut run = if pin {
        let mut c = Command::new("taskset");
        c.args(["-c", &first_allowed_cpu()])
            .arg(plain.get_program())
            .args(plain.get_args())
            .current_dir(plain.get_current_dir().unwrap());
        for (k, v) in plain.get_envs() {
            c.env(k, v.unwrap());
        }
        c
    } else {
        plain
    };
    run.stdin(Stdio::null()).output().expect("run newsdigest")
}

/// "on N thread(s)" from the closing line of `batch`.
fn pool(o: &Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    let err = stderr(o);
    let last = err.lines().last().unwrap_or_default();
    let (_, on) = last.rsplit_once(" on ").unwrap_or_else(|| panic!("{err}"));
    on.to_owned()
}

#[test]
fn the_default_is_the_cpus_this_process_may_use() {
    assert_eq!(pool(&batch(true, &[])), "1 thread");
    let here = std::thread::available_parallelism().unwrap().get();
    let plural = if here == 1 { "thread" } else { "threads" };
    assert_eq!(pool(&batch(false, &[])), format!("{here} {plural}"));
}

#[test]
fn threads_sets_the_pool_and_jobs_overrides_it() {
    assert_eq!(pool(&batch(true, &["--threads", "3"])), "3 threads");
    assert_eq!(
        pool(&batch(true, &["--threads", "3", "--jobs", "2"])),
        "2 threads"
    );
    assert_eq!(pool(&batch(false, &["--jobs", "1"])), "1 thread");
}

#[test]
fn threads_out_of_range_is_a_usage_error() {
    for n in ["0", "513", "x"] {
        let o = batch(false, &["--threads", n]);
        assert_eq!(o.status.code(), Some(2), "{n}: {}", stderr(&o));
        let o = command(&[
            "digest",
            "--threads",
            n,
            "examples/cbs-us-china-rights-talks.txt",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
        assert_eq!(o.status.code(), Some(2), "{n}: {}", stderr(&o));
    }
}
