//! What the trainers share about a corpus in PolNeAR's layout
//! (`text/<article>.txt`, `attributions/<article>_<annotator>.ann`): which
//! annotation file is the gold standard, and which fold an article is in,
//! both exactly as `scripts/eval_attribution` decides them.

use std::path::{Path, PathBuf};

/// Every article with its first annotation file (by name), in name order.
pub fn first_annotations(corpus: &Path) -> Vec<(String, PathBuf)> {
    let mut anns: Vec<(String, PathBuf)> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(corpus.join("attributions"))
        .expect("attributions folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    names.sort();
    for p in names {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let article = stem
            .rsplit_once('_')
            .map_or(stem.clone(), |(a, _)| a.to_owned());
        if anns.last().is_some_and(|(a, _)| *a == article) {
            continue;
        }
        anns.push((article, p));
    }
    anns
}

/// CRC-32 (zlib's), which assigns an article to fold `crc32(name) % n`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The fold of `--exclude-fold K/N`; panics with `usage` when `spec` is
/// not two numbers, as the trainers do for any bad argument.
pub fn parse_fold(spec: &str, usage: &str) -> (u32, u32) {
    let (a, b) = spec.split_once('/').expect(usage);
    (a.parse().expect(usage), b.parse().expect(usage))
}
