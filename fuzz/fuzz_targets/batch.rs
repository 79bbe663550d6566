//! The JSONL batch reader (`newsdigest batch`): arbitrary bytes as the input
//! file, through `batch::run` without summaries. Exactly one output line per
//! input line, each a document or an error line; every document holds the
//! properties of `tests/support/invariants.rs` for its record's text; the
//! output validates for `--resume`, whole or torn at any byte.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdigest::batch::{self, analyze_line, scan_for_resume, LineReader, Options};

/// One single-thread pool for the whole run: building one per input cost
/// more than most inputs' analysis.
fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool")
    })
}

fuzz_target!(|data: &[u8]| {
    // Per line: the parse and the analysis, checked against the text.
    let mut lines = LineReader::with_limit(data, 1 << 16);
    let mut count = 0u64;
    while let Some(line) = lines.next_line().expect("reading from memory") {
        count += 1;
        if let Ok(record) = analyze_line(&line) {
            let text = batch::parse_line(&line)
                .ok()
                .expect("analyzed, so parsed")
                .text;
            invariants::check_document(&text, &record.doc);
        }
    }

    // The whole file through the engine.
    let mut out = Vec::new();
    let mut reader = LineReader::with_limit(data, 1 << 16);
    let stats = batch::run_in_pool(
        pool(),
        &mut reader,
        &mut out,
        None,
        Options::new(1, 1),
        |_| {},
    )
    .expect("in-memory input and output");
    let text = std::str::from_utf8(&out).expect("output is UTF-8");
    let outputs: Vec<&str> = text.lines().collect();
    assert_eq!(
        outputs.len() as u64,
        count,
        "one output line per input line"
    );
    assert!(text.is_empty() || text.ends_with('\n'));
    for l in &outputs {
        assert!(
            l.starts_with("{\"schema\":") || l.starts_with("{\"id\":"),
            "not a record: {}",
            invariants::excerpt(l)
        );
    }
    let _ = stats;

    // Resume: the whole output is done; a torn output resumes where it tore.
    let point = scan_for_resume(&out[..], &mut LineReader::with_limit(data, 1 << 16))
        .expect("a finished output validates");
    assert_eq!(point.records, count);
    if !out.is_empty() {
        let cut = data.first().map_or(0, |&b| b as usize * out.len() / 256);
        let point = scan_for_resume(&out[..cut], &mut LineReader::with_limit(data, 1 << 16))
            .expect("a torn output validates");
        assert!(point.valid_bytes + point.dropped_bytes == cut as u64);
    }
});
