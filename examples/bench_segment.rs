//! Throughput of the sentence segmenter over a directory of articles joined
//! by blank lines (by default the PolNeAR training texts), single-threaded.
//! Run through `scripts/bench_segment`, which also times pySBD on the same text.
//!
//! Usage: bench_segment [DIR] [--dump FILE]
//! Prints `bytes`, `sentences`, and MB/s for `split_sentences` (the splitting
//! alone) and for `segment` (building the document's sentences, text copies
//! included); `--dump` writes one sentence per line for inspection.

use std::time::{Duration, Instant};

use newsdigest::segment::{for_each_sentence, segment};
use newsdigest::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut dir = String::from("../shared/polnear/train/text");
    let mut dump = None;
    while let Some(arg) = args.next() {
        if arg == "--dump" {
            dump = args.next();
        } else {
            dir = arg;
        }
    }
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let text = texts.join("\n\n");
    let mb = text.len() as f64 / 1e6;

    let mut count = 0;
    let split = best_of(|| {
        count = 0;
        for_each_sentence(&text, 0..text.len(), |_| count += 1);
    });
    let whole = best_of(|| {
        let mut doc = Document::new(None, text.clone());
        segment(&mut doc);
        std::hint::black_box(doc.sentences.len());
    });
    println!("bytes {}", text.len());
    println!("sentences {count}");
    println!("split_sentences_mb_s {:.1}", mb / split.as_secs_f64());
    println!("segment_mb_s {:.1}", mb / whole.as_secs_f64());

    if let Some(path) = dump {
        let mut out = String::new();
        for_each_sentence(&text, 0..text.len(), |r| {
            out.push_str(&text[r].replace('\n', "\\n"));
            out.push('\n');
        });
        std::fs::write(path, out)?;
    }
    Ok(())
}

/// Fastest of several runs after a warm-up: the figure least disturbed by
/// other processes on a shared machine.
fn best_of(mut f: impl FnMut()) -> Duration {
    f();
    (0..10)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}
