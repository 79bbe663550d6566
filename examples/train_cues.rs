//! Trains the learned cue detector (`src/attribute/learned.rs`) on a corpus
//! in PolNeAR's format and writes its weights. Run via `scripts/train_cues`.
//!
//! Usage: train_cues CORPUS_DIR OUT.tsv [--exclude-fold K/N] [--epochs E] [--min-count C]
//!
//! An averaged perceptron, reproducible: articles in name order, a fixed
//! shuffle seed and a fixed number of epochs. `--exclude-fold K/N` leaves
//! out the articles whose name's CRC-32 is K mod N (the split that
//! `scripts/eval_attribution --fold K/N` scores), for cross-validation.
//! Only features and weights are written, never corpus text: a feature is a
//! template with word values, and words with too few occurrences to matter
//! are pruned with their weights.

#[path = "support/polnear.rs"]
mod polnear;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use polnear::{crc32, first_annotations, parse_fold};

/// Byte ranges of the cue spans in a brat file with code-point offsets.
fn gold_cues(ann: &str, text: &str) -> Vec<Range<usize>> {
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(spec)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some(ranges) = spec.strip_prefix("Cue ") else {
            continue;
        };
        for part in ranges.split(';') {
            let mut it = part.split_whitespace().map(|n| n.parse::<usize>().ok());
            if let (Some(Some(a)), Some(Some(b))) = (it.next(), it.next()) {
                if b < byte_of.len() && a < b {
                    out.push(byte_of[a]..byte_of[b]);
                }
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage =
        "usage: train_cues CORPUS_DIR OUT.tsv [--exclude-fold K/N] [--epochs E] [--min-count C]";
    let corpus = Path::new(args.get(1).expect(usage));
    let out_path = args.get(2).expect(usage);
    let mut exclude: Option<(u32, u32)> = None;
    let mut epochs = 8;
    // Features seen fewer times than this are left out of training: the
    // perceptron would otherwise fit the training cues through their rare
    // word features and generalise less (measured under 5-fold CV).
    let mut min_count = 1;
    let mut score_with: Option<(HashMap<String, f64>, u32)> = None;
    let mut dump: Option<std::fs::File> = None;
    let mut k = 3;
    while k < args.len() {
        match args[k].as_str() {
            "--exclude-fold" => exclude = Some(parse_fold(&args[k + 1], usage)),
            "--epochs" => epochs = args[k + 1].parse().expect(usage),
            "--min-count" => min_count = args[k + 1].parse().expect(usage),
            // Write every example (article, label, features) for trying
            // other learners on the same features; trains nothing.
            "--dump" => dump = Some(std::fs::File::create(&args[k + 1]).expect("dump file")),
            // Report the detector's precision and recall on the held-out
            // fold with the given weights instead of training.
            "--score" => {
                let text = std::fs::read_to_string(&args[k + 1]).expect("model");
                let w = text
                    .lines()
                    .filter_map(|l| l.rsplit_once('\t'))
                    .map(|(f, w)| (f.to_owned(), w.parse().unwrap_or(0.0)))
                    .collect();
                score_with = Some((w, 0));
            }
            _ => panic!("{usage}"),
        }
        k += 2;
    }

    // First annotation file per article, as the scorer takes it.
    let anns = first_annotations(corpus);

    // Feature strings interned to ids.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names_of: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut data: Vec<(Vec<usize>, bool)> = Vec::new();
    for (article, ann) in &anns {
        if let Some((k, n)) = exclude {
            let held_out = crc32(article.as_bytes()) % n == k;
            if held_out != score_with.is_some() {
                continue;
            }
        }
        let text = std::fs::read_to_string(corpus.join("text").join(format!("{article}.txt")))
            .expect("article text");
        let gold = gold_cues(&std::fs::read_to_string(ann).expect("ann"), &text);
        let mut doc = newsdigest::ingest::ingest(None, text).expect("ingest");
        newsdigest::segment::segment(&mut doc);
        for (feats, label) in newsdigest::attribute::cue_training_examples(&doc, &gold) {
            if let Some(out) = dump.as_mut() {
                use std::io::Write;
                writeln!(
                    out,
                    "{article}\t{}\t{}",
                    u8::from(label),
                    feats.join("\u{1f}")
                )
                .expect("dump written");
                continue;
            }
            let fs = feats
                .into_iter()
                .map(|f| {
                    let next = names_of.len();
                    let id = *ids.entry(f.clone()).or_insert(next);
                    if id == next {
                        names_of.push(f);
                        counts.push(0);
                    }
                    counts[id] += 1;
                    id
                })
                .collect();
            data.push((fs, label));
        }
    }
    if dump.is_some() {
        return;
    }
    let positives = data.iter().filter(|d| d.1).count();
    if let Some((w, _)) = &score_with {
        for t in [-2.0, -1.0, 0.0, 1.0, 2.0] {
            let (mut tp, mut pred) = (0, 0);
            for (fs, label) in &data {
                let s: f64 = fs.iter().filter_map(|&f| w.get(&names_of[f])).sum();
                if s > t {
                    pred += 1;
                    tp += usize::from(*label);
                }
            }
            println!(
                "threshold {t}: P {:.1} R {:.1} ({pred} predicted, {positives} gold)",
                100.0 * tp as f64 / pred.max(1) as f64,
                100.0 * tp as f64 / positives.max(1) as f64
            );
        }
        return;
    }
    eprintln!(
        "{} examples ({positives} cue anchors), {} features",
        data.len(),
        names_of.len()
    );

    if min_count > 1 {
        for (fs, _) in &mut data {
            fs.retain(|&f| counts[f] >= min_count);
        }
    }

    // Averaged perceptron with the lazy-update trick.
    let n = names_of.len();
    let mut w = vec![0f64; n];
    let mut total = vec![0f64; n];
    let mut stamp = vec![0u64; n];
    let mut step: u64 = 0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x5eed;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &d in &order {
            step += 1;
            let (fs, label) = &data[d];
            let s: f64 = fs.iter().map(|&f| w[f]).sum();
            let y = if *label { 1.0 } else { -1.0 };
            if y * s <= 0.0 {
                for &f in fs {
                    total[f] += (step - stamp[f]) as f64 * w[f];
                    stamp[f] = step;
                    w[f] += y;
                }
            }
        }
    }
    let mut lines = Vec::new();
    for f in 0..n {
        total[f] += (step - stamp[f]) as f64 * w[f];
        let avg = total[f] / step as f64;
        if counts[f] >= 2 && avg.abs() >= 1e-3 {
            lines.push(format!("{}\t{avg:.4}", names_of[f]));
        }
    }
    lines.sort();
    std::fs::write(out_path, lines.join("\n") + "\n").expect("writable output");
    eprintln!("{} weights written to {out_path}", lines.len());
}
