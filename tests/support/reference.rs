//! The reference fixture (tests/fixtures/reference_tiny_bart.json, recorded
//! by scripts/reference_generate.py from transformers), read one way for
//! every test that compares against it.
#![allow(dead_code)] // each test binary uses its own part

use std::path::PathBuf;

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture as JSON.
pub fn fixture() -> Value {
    let path = root().join("tests/fixtures/reference_tiny_bart.json");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&raw).expect("the fixture is JSON")
}

/// A JSON array of token ids.
pub fn ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("an array of ids")
        .iter()
        .map(|x| x.as_i64().expect("an integer id"))
        .collect()
}
