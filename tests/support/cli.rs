//! Running the built `newsdigest` binary from integration tests.

#![allow(dead_code)]

use std::io::Write;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The seed article, relative to the crate root.
pub const SEED: &str = "examples/cbs-us-china-rights-talks.txt";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A model hub that refuses connections: a local port that was free a moment
/// ago, with nothing listening on it.
pub fn closed_hub() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!("http://127.0.0.1:{port}")
    })
}

/// The binary with `args`, run in the crate root with an empty model cache
/// and a hub that refuses connections, so that `auto` never finds a model by
/// accident and no test downloads one, online or not.
pub fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsdigest"));
    c.args(args)
        .current_dir(root())
        .env("NEWSDIGEST_CACHE", root().join("target/test-empty-cache"))
        .env("NEWSDIGEST_HUB_URL", closed_hub());
    c
}

/// Run [`command`] to the end with no standard input.
pub fn newsdigest(args: &[&str]) -> Output {
    command(args)
        .stdin(Stdio::null())
        .output()
        .expect("run newsdigest")
}

/// Run [`command`] to the end with `input` on its standard input, written
/// from another thread so that a child filling its stdout pipe first cannot
/// deadlock the test.
pub fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsdigest");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
