//! Trains the content-boundary ranker (`src/attribute/bounds.rs`) on a
//! corpus in PolNeAR's format and writes its weights. Run via
//! `scripts/train_bounds`.
//!
//! Usage: train_bounds CORPUS_DIR OUT.tsv [--exclude-fold K/N] [--epochs E] [--min-count C]
//!
//! A ranking averaged perceptron (each example: the candidate boundaries of
//! one edge of one predicted content, one of them the annotated edge),
//! reproducible: articles in name order, a fixed shuffle seed and a fixed
//! number of epochs. `--exclude-fold K/N` leaves out the articles whose
//! name's CRC-32 is K mod N (the split `scripts/eval_attribution --fold
//! K/N` scores). Only features and weights are written, never corpus text;
//! features seen fewer than C times (5) are pruned. With --exclude-fold, the
//! ranking accuracy on the left-out fold is reported against the rules'.

#[path = "support/polnear.rs"]
mod polnear;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use newsdigest::attribute::GoldSpans;
use polnear::{crc32, first_annotations, parse_fold};

/// Each annotated attribution's content (its Content and Content2 parts)
/// and source as byte ranges, from a brat file with code-point offsets.
fn gold_spans(ann: &str, text: &str) -> Vec<GoldSpans> {
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let mut spans: HashMap<&str, Vec<Range<usize>>> = HashMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(spec)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = spec.split_once(' ') else {
                continue;
            };
            let mut rs = Vec::new();
            for part in ranges.split(';') {
                let mut it = part.split_whitespace().map(|n| n.parse::<usize>().ok());
                if let (Some(Some(a)), Some(Some(b))) = (it.next(), it.next()) {
                    if b < byte_of.len() && a < b {
                        rs.push(byte_of[a]..byte_of[b]);
                    }
                }
            }
            spans.insert(id, rs);
        } else if id.starts_with('E') {
            let mut content = Vec::new();
            let mut source = None;
            for arg in spec.split_whitespace() {
                if let Some((role, t)) = arg.split_once(':') {
                    if role == "Content" || role == "Content2" {
                        content.extend(spans.get(t).cloned().unwrap_or_default());
                    } else if role == "Source" {
                        source = spans.get(t).cloned();
                    }
                }
            }
            if !content.is_empty() {
                out.push(GoldSpans { content, source });
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: train_bounds CORPUS_DIR OUT.tsv [--exclude-fold K/N] [--epochs E]";
    let corpus = Path::new(args.get(1).expect(usage));
    let out_path = args.get(2).expect(usage);
    // The attributions to learn from are those of the cue detector the
    // boundaries will run behind (NEWSDIGEST_CUE_MODEL in a CV fold).
    let cue_model = newsdigest::attribute::CueModel::from_env().unwrap_or_else(|e| {
        eprintln!("train_bounds: {e}");
        std::process::exit(2)
    });
    let mut exclude: Option<(u32, u32)> = None;
    let mut epochs = 5;
    let mut min_count = 5;
    let mut k = 3;
    while k < args.len() {
        match args[k].as_str() {
            "--exclude-fold" => exclude = Some(parse_fold(&args[k + 1], usage)),
            "--epochs" => epochs = args[k + 1].parse().expect(usage),
            "--min-count" => min_count = args[k + 1].parse().expect(usage),
            _ => panic!("{usage}"),
        }
        k += 2;
    }

    // First annotation file per article, as the scorer takes it.
    let anns = first_annotations(corpus);

    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names_of: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    // Each example: candidates' feature ids, and the annotated candidate.
    let mut data: Vec<(Vec<Vec<usize>>, usize)> = Vec::new();
    // The left-out fold's examples, scored after training.
    let mut held: Vec<(Vec<Vec<String>>, usize)> = Vec::new();
    for (article, ann) in &anns {
        let held_out = exclude.is_some_and(|(k, n)| crc32(article.as_bytes()) % n == k);
        let text = std::fs::read_to_string(corpus.join("text").join(format!("{article}.txt")))
            .expect("article text");
        let gold = gold_spans(&std::fs::read_to_string(ann).expect("ann"), &text);
        let mut doc = newsdigest::ingest::ingest(None, text).expect("ingest");
        newsdigest::segment::segment(&mut doc);
        for ex in newsdigest::attribute::bound_training_examples(&doc, &gold, cue_model) {
            if held_out {
                held.push((ex.candidates, ex.gold));
                continue;
            }
            let cands = ex
                .candidates
                .into_iter()
                .map(|feats| {
                    feats
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
                        .collect()
                })
                .collect();
            data.push((cands, ex.gold));
        }
    }
    let kept = data.iter().filter(|d| d.1 == 0).count();
    eprintln!(
        "{} examples ({kept} where the rules' edge is the annotated one), {} features",
        data.len(),
        names_of.len()
    );

    // Ranking averaged perceptron with the lazy-update trick.
    let n = names_of.len();
    let mut w = vec![0f64; n];
    let mut total = vec![0f64; n];
    let mut stamp = vec![0u64; n];
    let mut step: u64 = 0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x5eed;
    let update =
        |f: usize, by: f64, step: u64, w: &mut [f64], total: &mut [f64], stamp: &mut [u64]| {
            total[f] += (step - stamp[f]) as f64 * w[f];
            stamp[f] = step;
            w[f] += by;
        };
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let mut wrong = 0;
        for &d in &order {
            step += 1;
            let (cands, gold) = &data[d];
            // Ties go to the first candidate (the rules' edge), as at run time.
            let mut best = (f64::NEG_INFINITY, 0);
            for (c, fs) in cands.iter().enumerate() {
                let s: f64 = fs.iter().map(|&f| w[f]).sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            if best.1 != *gold {
                wrong += 1;
                for &f in &cands[*gold] {
                    update(f, 1.0, step, &mut w, &mut total, &mut stamp);
                }
                for &f in &cands[best.1] {
                    update(f, -1.0, step, &mut w, &mut total, &mut stamp);
                }
            }
        }
        eprintln!("epoch {epoch}: {wrong} wrong of {}", data.len());
    }
    let mut lines = Vec::new();
    for f in 0..n {
        update(f, 0.0, step, &mut w, &mut total, &mut stamp);
        let avg = total[f] / step as f64;
        if counts[f] >= min_count && avg.abs() >= 1e-3 {
            lines.push(format!("{}\t{avg:.4}", names_of[f]));
        }
    }
    lines.sort();
    if !held.is_empty() {
        // Ranking accuracy on the left-out fold, per edge (a feature's
        // first part), against keeping the rules' edge.
        let weights: HashMap<&str, f64> = lines
            .iter()
            .filter_map(|l| l.rsplit_once('\t'))
            .map(|(f, w)| (f, w.parse().unwrap_or(0.0)))
            .collect();
        let mut tally: HashMap<String, [usize; 3]> = HashMap::new();
        for (cands, gold) in &held {
            let mut best = (f64::NEG_INFINITY, 0);
            for (c, fs) in cands.iter().enumerate() {
                let s: f64 = fs.iter().filter_map(|f| weights.get(f.as_str())).sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            let edge = cands[0][0].split(' ').next().unwrap_or("?").to_owned();
            let t = tally.entry(edge).or_default();
            t[0] += 1;
            t[1] += usize::from(*gold == 0);
            t[2] += usize::from(best.1 == *gold);
        }
        let mut edges: Vec<_> = tally.into_iter().collect();
        edges.sort();
        for (edge, [n, rules, model]) in edges {
            eprintln!("held out {edge}: {n} edges, rules right {rules}, model right {model}");
        }
    }
    std::fs::write(out_path, lines.join("\n") + "\n").expect("writable output");
    eprintln!("{} weights written to {out_path}", lines.len());
}
