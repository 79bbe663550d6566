//! Running the built `newsdigest` binary from integration tests.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The seed article, relative to the crate root.
pub const SEED: &str = "examples/cbs-us-china-rights-talks.txt";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary with `args`, run in the crate root with an empty model cache,
/// so that `auto` never finds a model by accident.
pub fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsdigest"));
    c.args(args)
        .current_dir(root())
        .env("NEWSDIGEST_CACHE", root().join("target/test-empty-cache"));
    c
}

/// Run [`command`] to the end with no standard input.
pub fn newsdigest(args: &[&str]) -> Output {
    command(args)
        .stdin(Stdio::null())
        .output()
        .expect("run newsdigest")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
