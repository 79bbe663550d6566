//! Throughput of segmentation + attribution on one core: reads every `.txt`
//! under the given folder into memory, then times `Pipeline::analyze`
//! (ingest, segment, attribute) over them. Run via `scripts/bench_attribution`.

use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: bench_attribution TEXT_DIR [ROUNDS]");
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(&path).expect("UTF-8 text"));
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut quotes = 0;
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            let doc = newsdigest::Pipeline::analyze(None, t.clone()).expect("analyzable");
            quotes += doc.quotes.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} articles, {:.2} MB x {rounds} rounds in {secs:.2} s: {:.2} MB/s, {:.2} ms/article ({} quotes/round)",
        texts.len(),
        bytes as f64 / 1e6,
        mb / secs,
        secs * 1e3 / (texts.len() * rounds) as f64,
        quotes / rounds
    );
}
