//! Cost of the check stage per summary, against the cost of generating the
//! summary. Reads every `.txt` under the given folder, analyzes each article
//! (segment + attribute: the pipeline has done that before summarizing, so
//! it is not counted), takes its lead-3 as the summary, then times what
//! `check::apply` adds: the article's index and the summary's check. Run via
//! `scripts/bench_check`.
//!
//! The ratio printed is check time over the time to summarize one article
//! with a distilbart-cnn-12-6-size model, `SUMMARIZE_S` seconds: the figure
//! `scripts/bench_summarize` measures (default 1.57 s/article, the fastest
//! in docs/summarize-parity.md: bf16, batch 8). A model's real summaries
//! are about as long as lead-3 (three sentences, ~60 tokens).

use std::time::Instant;

use newsdigest::summarize::{Extractive, Summarizer};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: bench_check TEXT_DIR [SUMMARIZE_S] [ROUNDS]");
    let summarize_s: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1.57);
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut per_article: Vec<f64> = Vec::new();
    let mut sentences = 0;
    let mut flagged = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("UTF-8 text");
        let doc = newsdigest::Pipeline::analyze(None, text).expect("analyzable");
        let summary = Extractive.summarize(&doc).expect("lead-3").text;
        let mut best = f64::INFINITY;
        for _ in 0..rounds {
            let start = Instant::now();
            let checks = newsdigest::check::check(&doc, &summary);
            best = best.min(start.elapsed().as_secs_f64());
            std::hint::black_box(&checks);
        }
        let checks = newsdigest::check::check(&doc, &summary);
        sentences += checks.len();
        flagged += checks.iter().filter(|c| !c.supported).count();
        per_article.push(best);
    }
    if per_article.is_empty() {
        eprintln!("no .txt files in {dir}");
        std::process::exit(1);
    }
    per_article.sort_by(f64::total_cmp);
    let n = per_article.len();
    let mean = per_article.iter().sum::<f64>() / n as f64;
    let p50 = per_article[n / 2];
    let max = per_article[n - 1];
    println!(
        "{n} articles, {sentences} summary sentences ({flagged} flagged): check {:.3} ms/article mean, {:.3} median, {:.3} max (best of {rounds} rounds each, one thread)",
        mean * 1e3,
        p50 * 1e3,
        max * 1e3
    );
    println!(
        "ratio to summarizing with a distilbart-cnn-12-6-size model at {summarize_s} s/article: mean {:.4}%, max {:.4}% (target < 2%)",
        100.0 * mean / summarize_s,
        100.0 * max / summarize_s
    );
}
