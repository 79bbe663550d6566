//! The house rules of docs/architecture.md, checked on the source tree:
//! data flows one way between the library's modules, and only the binary
//! talks to the terminal.
//!
//! These read the source as text (no parser): comment lines and everything
//! from a file's first `#[cfg(test)]` on are skipped, since tests may print and
//! may reach across modules.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The library's top-level modules in the order data flows through them. A
/// module may use those before it, never one after it: stages read what
/// earlier stages left on the `Document`, and drivers (pipeline, batch,
/// render) sit on top of the stages.
const LAYERS: &[&str] = &[
    "error",
    "document",
    "ingest",
    "segment",
    "attribute",
    "summarize",
    "check",
    "pipeline",
    "batch",
    "render",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a library file that ship: no comments, no test code.
fn shipped_lines(path: &Path) -> Vec<(usize, String)> {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return Vec::new();
    }
    let text = fs::read_to_string(path).unwrap();
    text.lines()
        .enumerate()
        .take_while(|(_, l)| !l.trim_start().starts_with("#[cfg(test)]"))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_owned()))
        .collect()
}

/// Library files (everything under src/ but the binary), by top-level module.
fn library_modules() -> BTreeMap<String, Vec<PathBuf>> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&root).unwrap();
        let first = rel.components().next().unwrap().as_os_str();
        let first = first.to_str().unwrap();
        if first == "bin" || first == "lib.rs" {
            continue;
        }
        let module = first.trim_end_matches(".rs").to_owned();
        modules.entry(module).or_default().push(file);
    }
    modules
}

#[test]
fn every_library_module_has_a_place_in_the_layers() {
    let modules = library_modules();
    assert!(modules.len() >= 8, "found only {:?}", modules.keys());
    for module in modules.keys() {
        assert!(
            LAYERS.contains(&module.as_str()),
            "src/{module} is not in LAYERS: give it its place in the data flow \
             (tests/architecture.rs and docs/architecture.md)"
        );
    }
}

/// The top-level modules a piece of code names through `crate::`, including
/// those inside `use crate::{a, b::c}` groups (which may span lines).
fn crate_modules_used(code: &str) -> Vec<String> {
    let mut used = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut depth = 0;
            let mut item_start = 0;
            let inner = &group[..end];
            for (i, c) in inner.char_indices().chain([(inner.len(), ',')]) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        used.push(leading_ident(&inner[item_start..i]));
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            used.push(leading_ident(rest));
        }
    }
    used.retain(|m| !m.is_empty());
    used
}

fn leading_ident(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn data_flows_one_way_between_modules() {
    let mut wrong = Vec::new();
    for (module, files) in library_modules() {
        let rank = LAYERS.iter().position(|m| *m == module).unwrap_or(0);
        for file in files {
            let code: Vec<String> = shipped_lines(&file).into_iter().map(|(_, l)| l).collect();
            for used in crate_modules_used(&code.join("\n")) {
                let Some(used_rank) = LAYERS.iter().position(|m| *m == used) else {
                    continue;
                };
                if used_rank > rank {
                    wrong.push(format!(
                        "{}: {module} (layer {rank}) uses {used} (layer {used_rank})",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the data flow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn only_the_binary_talks_to_the_terminal() {
    const TERMINAL: &[&str] = &[
        "println!",
        "eprintln!",
        "print!",
        "eprint!",
        "dbg!",
        "io::stdout",
        "io::stderr",
        "std::process::exit",
    ];
    let mut wrong = Vec::new();
    for files in library_modules().values() {
        for file in files {
            for (number, line) in shipped_lines(file) {
                for needle in TERMINAL {
                    if line.contains(needle) {
                        wrong.push(format!("{}:{number}: {}", file.display(), line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "library code that writes to the terminal (return a value or take a callback instead):\n{}",
        wrong.join("\n")
    );
}

/// The checks above must be able to fail: a line that prints, and one that
/// imports against the flow, are both seen by the same scanning.
#[test]
fn the_scanner_sees_what_it_looks_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.rs");
    fs::write(
        &file,
        "// println!(\"in a comment\")\nfn f() { eprintln!(\"x\"); }\n#[cfg(test)]\nmod tests { fn g() { println!(); } }\n",
    )
    .unwrap();
    let lines = shipped_lines(&file);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].0, 2);
    assert!(lines[0].1.contains("eprintln!"));
    assert_eq!(
        crate_modules_used("use crate::{document::Span,\n error::Result, render};\nlet x = crate::batch::Options::default();"),
        ["document", "error", "render", "batch"]
    );
}
