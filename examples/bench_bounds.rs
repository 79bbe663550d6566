//! Bounds of the analysis stages (issue 7, part 4): throughput and peak
//! memory of ingest, segmentation and attribution by input size, and a probe
//! per input shape that would expose work quadratic in the number of
//! sentences, quotes, speakers, lines or quotation marks. Not a test: run
//! through `scripts/bench_bounds`, which runs one process per size so that
//! each peak RSS is that size's own.
//!
//! Usage:
//!   bench_bounds size MB [DIR]   one article of MB megabytes: the articles
//!                                of DIR (default: the PolNeAR training texts,
//!                                else the seed article) joined and repeated
//!   bench_bounds scaling [KB] [NAME]
//!                                each probe (or those whose name contains
//!                                NAME) at KB and 4×KB kilobytes (default 256)

use std::time::Instant;

use newsdigest::{attribute, ingest, segment, Document};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("size") => {
            let mb: f64 = args.get(1).ok_or("size needs MB")?.parse()?;
            size(mb, args.get(2).map(String::as_str))
        }
        Some("scaling") => {
            let kb: usize = args.get(1).map_or(Ok(256), |s| s.parse())?;
            scaling(kb * 1024, args.get(2).map_or("", String::as_str));
            Ok(())
        }
        _ => Err("usage: bench_bounds size MB [DIR] | bench_bounds scaling [KB]".into()),
    }
}

/// News text to repeat: the PolNeAR texts when present, else the seed article.
fn corpus(dir: Option<&str>) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = dir.map_or_else(
        || format!("{root}/../shared/polnear/train/text"),
        String::from,
    );
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        eprintln!("bench_bounds: no texts in {dir}; repeating the seed article");
        return std::fs::read_to_string(format!("{root}/examples/cbs-us-china-rights-talks.txt"))
            .expect("seed article");
    }
    texts.join("\n\n")
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
        s.push_str("\n\n");
    }
    s
}

/// Peak resident set size in kB since the last [`reset_peak`] (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reset the peak RSS to the current RSS (Linux 4.0+: `clear_refs` 5).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(kb: Option<u64>) -> String {
    kb.map_or("n/a".into(), |k| format!("{:.1}", k as f64 / 1024.0))
}

/// One pass of the stages over `text`: seconds and peak RSS (kB) per stage,
/// and the RSS at the stage's start. Inputs over the ingest limit skip
/// ingest (it rejects them) and go to segmentation unmarked.
/// Seconds, peak RSS (kB) and RSS at the start (kB) of one stage.
type Figures = (f64, Option<u64>, Option<u64>);

fn stages(text: String) -> (Document, [Figures; 3]) {
    let mut out = [(f64::NAN, None, None); 3];
    let over = text.len() > ingest::MAX_INPUT_BYTES;
    let start = rss_kb();
    reset_peak();
    let t = Instant::now();
    let mut doc = if over {
        // Past what ingest accepts: the paragraphs it would have found.
        let mut doc = Document::new(None, text);
        doc.paragraphs = ingest::paragraphs(&doc.text);
        doc
    } else {
        ingest::ingest(None, text).expect("news text has content")
    };
    if !over {
        out[0] = (t.elapsed().as_secs_f64(), peak_rss_kb(), start);
    }
    let start = rss_kb();
    reset_peak();
    let t = Instant::now();
    segment::segment(&mut doc);
    out[1] = (t.elapsed().as_secs_f64(), peak_rss_kb(), start);
    let start = rss_kb();
    reset_peak();
    let t = Instant::now();
    attribute::attribute(&mut doc);
    out[2] = (t.elapsed().as_secs_f64(), peak_rss_kb(), start);
    (doc, out)
}

fn size(mb: f64, dir: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = (mb * 1024.0 * 1024.0) as usize;
    let mut text = repeat_to(&corpus(dir), bytes);
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    let input_mib = text.len() as f64 / (1024.0 * 1024.0);
    if !reset_peak() {
        println!("(peak RSS cannot be reset here: figures are whole-process peaks)");
    }
    // Small inputs run several times: the best time; memory from the first
    // run (later ones reuse the allocator's pages).
    let reps = if mb < 10.0 { 5 } else { 1 };
    let mut best: Option<[Figures; 3]> = None;
    let mut doc = None;
    for _ in 0..reps {
        let (d, run) = stages(text.clone());
        best = Some(match best {
            None => run,
            Some(mut b) => {
                for (b, r) in b.iter_mut().zip(run) {
                    b.0 = b.0.min(r.0);
                }
                b
            }
        });
        doc = Some(d);
    }
    let best = best.expect("one run");
    let doc = doc.expect("one run");
    drop(text);
    println!(
        "input_mib {input_mib:.1} sentences {} quotes {} speakers {}",
        doc.sentences.len(),
        doc.quotes.len(),
        doc.speakers.len()
    );
    let mut total = 0.0;
    for (stage, (secs, peak, start)) in ["ingest", "segment", "attribute"].iter().zip(best) {
        if secs.is_nan() {
            println!(
                "{stage:<9} rejected: over the {} MiB input limit (InputTooLarge); \
                 the stages below run on the unmarked text",
                ingest::MAX_INPUT_BYTES >> 20
            );
            continue;
        }
        total += secs;
        let growth = match (peak, start) {
            (Some(p), Some(s)) => format!("+{:.1}", p.saturating_sub(s) as f64 / 1024.0),
            _ => "n/a".into(),
        };
        println!(
            "{stage:<9} {:>8.1} MB/s {:>8.3} s  peak_rss_mib {:>7} ({growth} during the stage)",
            input_mib / secs,
            secs,
            mib(peak),
        );
    }
    println!("analyze   {:>8.1} MB/s {total:>8.3} s", input_mib / total);
    Ok(())
}

/// A probe: its name, and the input it makes for a size in bytes.
type Probe = (&'static str, Box<dyn Fn(usize) -> String>);

fn probes() -> Vec<Probe> {
    fn fill(bytes: usize, mut unit: impl FnMut(usize) -> String) -> String {
        let mut s = String::new();
        let mut k = 0;
        while s.len() < bytes {
            s.push_str(&unit(k));
            k += 1;
        }
        s
    }
    /// A distinct capitalised name per k: "Kab", "Kac", …
    fn name(mut k: usize) -> String {
        let mut n = String::from("K");
        loop {
            n.push((b'a' + (k % 26) as u8) as char);
            k /= 26;
            if k == 0 {
                return n;
            }
        }
    }
    vec![
        (
            "sentences",
            Box::new(|b| fill(b, |_| "Talks went on. ".into())),
        ),
        (
            "quotes_one_speaker",
            Box::new(|b| fill(b, |_| "\"We agreed,\" Tang said. ".into())),
        ),
        (
            "quotes_distinct_speakers",
            Box::new(|b| fill(b, |k| format!("\"We agreed,\" {} said. ", name(k)))),
        ),
        (
            "quotes_one_sentence",
            Box::new(|b| fill(b, |_| "\"we\" and ".into())),
        ),
        (
            "quotes_before_cue_one_sentence",
            Box::new(|b| fill(b, |_| "Tang said \"we\" and ".into())),
        ),
        ("quotation_marks", Box::new(|b| fill(b, |_| "\"".into()))),
        (
            "open_quote_paragraphs",
            Box::new(|b| fill(b, |_| "\u{201c}We went on talking.\n\n".into())),
        ),
        (
            "boilerplate_lines",
            Box::new(|b| {
                let mut s = fill(b, |_| "Share\n\n".into());
                s.push_str("The end.");
                s
            }),
        ),
        (
            "header_lines",
            Box::new(|b| {
                let mut s = fill(b, |_| "Senate Passes Budget Bill\n".into());
                s.push_str("The end.");
                s
            }),
        ),
        (
            "lines_no_punctuation",
            Box::new(|b| fill(b, |_| "talks went on and on\n".into())),
        ),
        (
            "one_line_no_punctuation",
            Box::new(|b| fill(b, |_| "talks went on and on ".into())),
        ),
        (
            "list_items_one_line",
            Box::new(|b| {
                let mut s = String::from("1. a ");
                s.push_str(&fill(b, |k| format!("{}. item ", k % 98 + 2)));
                s
            }),
        ),
        ("periods", Box::new(|b| fill(b, |_| ".".into()))),
        ("exclamations", Box::new(|b| fill(b, |_| "!".into()))),
    ]
}

/// Seconds of ingest, segmentation and attribution on `text`.
fn time_stages(text: String) -> [f64; 3] {
    let t = Instant::now();
    let mut doc = ingest::ingest(None, text).expect("probe text has content");
    let ing = t.elapsed().as_secs_f64();
    let t = Instant::now();
    segment::segment(&mut doc);
    let seg = t.elapsed().as_secs_f64();
    let t = Instant::now();
    attribute::attribute(&mut doc);
    [ing, seg, t.elapsed().as_secs_f64()]
}

/// Each probe at `small` and 4×`small` bytes: a stage linear in its input
/// takes about 4× as long; a quadratic one about 16×.
fn scaling(small: usize, only: &str) {
    println!(
        "{:<32} {:>20} {:>20} {:>20}",
        "probe (seconds at 1x -> 4x)", "ingest", "segment", "attribute"
    );
    for (name, make) in probes().into_iter().filter(|(n, _)| n.contains(only)) {
        let t = Instant::now();
        let one = time_stages(make(small));
        let slow = t.elapsed().as_secs_f64() > 20.0;
        let four = if slow {
            [f64::NAN; 3]
        } else {
            time_stages(make(4 * small))
        };
        let mut row = format!("{name:<32}");
        let mut flags = Vec::new();
        for (stage, (a, b)) in ["ingest", "segment", "attribute"]
            .iter()
            .zip(one.iter().zip(four.iter()))
        {
            row.push_str(&format!(" {:>9.4}->{:<9.4}", a, b));
            // Below a few milliseconds the ratio is noise.
            if slow && *a > 5.0 {
                flags.push(format!("{stage} SLOW"));
            } else if b / a > 10.0 && *b > 0.02 {
                flags.push(format!("{stage} SUPERLINEAR x{:.0}", b / a));
            }
        }
        if flags.is_empty() {
            row.push_str("  ok");
        } else {
            row.push_str(&format!("  {}", flags.join(", ")));
        }
        println!("{row}");
    }
}
