//! The weights of a learned part of attribution (the cue detector, the
//! boundary ranker), in the file format their training scripts write: one
//! `feature<TAB>weight` line per feature, where a feature is its parts
//! joined by single spaces. Features are kept by hash, so that scoring
//! hashes the parts in place and never allocates.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Weights by feature hash.
pub(super) struct Weights(HashMap<u64, f32>);

/// What a model read from the file an environment variable names became:
/// nothing when the variable is unset, else the model or the file's path
/// and what is wrong with it.
pub(super) type FromEnv<M> = Option<Result<M, (PathBuf, String)>>;

impl std::fmt::Debug for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Weights")
            .field("features", &self.len())
            .finish()
    }
}

impl Weights {
    /// Every `feature<TAB>weight` line of `text`; other lines are skipped.
    pub(super) fn parse(text: &str) -> Weights {
        let mut map = HashMap::new();
        for line in text.lines() {
            if let Some((feat, w)) = line.rsplit_once('\t') {
                if let Ok(w) = w.parse::<f32>() {
                    map.insert(hash_parts(&[feat]), w);
                }
            }
        }
        Weights(map)
    }

    /// The weights of the file at `path`, or the path and why they are
    /// unusable (unreadable, or no weight line: a cross-validation fold
    /// must never be scored with the wrong weights).
    pub(super) fn read(path: &Path) -> Result<Weights, (PathBuf, String)> {
        let problem = match std::fs::read_to_string(path) {
            Ok(text) => {
                let weights = Weights::parse(&text);
                if !weights.0.is_empty() {
                    return Ok(weights);
                }
                "no feature<TAB>weight lines".to_owned()
            }
            Err(e) => e.to_string(),
        };
        Err((path.to_owned(), problem))
    }

    /// The weight of the feature made of `parts` (0 for one never seen in
    /// training).
    pub(super) fn weight(&self, parts: &[&str]) -> f32 {
        self.0.get(&hash_parts(parts)).copied().unwrap_or(0.0)
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }
}

/// The model made by `wrap` of the weights file the environment variable
/// `variable` names, read once per process into `cell`.
pub(super) fn from_env<M: Send + Sync>(
    cell: &'static OnceLock<FromEnv<M>>,
    variable: &str,
    wrap: fn(Weights) -> M,
) -> Option<Result<&'static M, &'static (PathBuf, String)>> {
    cell.get_or_init(|| {
        std::env::var_os(variable).map(|path| Weights::read(Path::new(&path)).map(wrap))
    })
    .as_ref()
    .map(Result::as_ref)
}

fn hash_parts(parts: &[&str]) -> u64 {
    // FNV-1a over the parts joined by single spaces, as a feature is
    // written in the weights file.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for &b in p.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weights_file_is_read_or_said_unusable() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.tsv");
        std::fs::write(&good, "w said\t2.5\nbias\t-1\nnot a weight line\n").unwrap();
        let weights = Weights::read(&good).unwrap();
        assert_eq!(weights.len(), 2);
        // A feature's parts, joined by spaces, are its name in the file.
        assert_eq!(weights.weight(&["w", "said"]), 2.5);
        assert_eq!(weights.weight(&["bias"]), -1.0);
        assert_eq!(weights.weight(&["w", "unseen"]), 0.0);

        let empty = dir.path().join("empty.tsv");
        std::fs::write(&empty, "w said 2.5\n").unwrap();
        let (path, problem) = Weights::read(&empty).unwrap_err();
        assert_eq!(
            (path, problem.as_str()),
            (empty, "no feature<TAB>weight lines")
        );

        let missing = dir.path().join("missing.tsv");
        let (path, problem) = Weights::read(&missing).unwrap_err();
        assert_eq!(path, missing);
        assert!(problem.contains("No such file"), "{problem}");
    }
}
