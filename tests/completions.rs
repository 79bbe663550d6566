//! `newsdigest completions SHELL` and `newsdigest man` generate what shells
//! and `man` read, naming every subcommand.

#[path = "support/cli.rs"]
mod support_cli;

use support_cli::{newsdigest, stderr};

const SUBCOMMANDS: &[&str] = &[
    "digest",
    "batch",
    "render",
    "check",
    "fetch-model",
    "models",
    "schema",
];

fn generated(args: &[&str]) -> String {
    let out = newsdigest(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_name_the_subcommands_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = generated(&["completions", shell]);
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell}: no {sub}");
        }
    }
    assert!(generated(&["completions", "fish"]).contains("input-format"));
}

#[test]
fn an_unknown_shell_is_a_usage_error_listing_the_shells() {
    let out = newsdigest(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bash"), "{}", stderr(&out));
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let page = generated(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH newsdigest"),
        "{page}"
    );
    for sub in SUBCOMMANDS {
        // roff escapes hyphens.
        let entry = format!("newsdigest\\-{}(1)", sub.replace('-', "\\-"));
        assert!(page.contains(&entry), "no {entry} in the man page");
    }
}
