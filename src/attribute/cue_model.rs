//! The learned cue detector's weights ([`super::learned`]): the built-in
//! ones, committed as `models/attribution/cues.tsv`, or for
//! cross-validation (`scripts/train_cues_cv`) those of the file that
//! `NEWSDIGEST_CUE_MODEL` names. A file holds one `feature<TAB>weight` line
//! per feature; features are kept by hash.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{Error, Result};

const MODEL: &str = include_str!("../../models/attribution/cues.tsv");

/// The environment variable that names a weights file to score with
/// instead of the built-in one (a development hook for cross-validation).
const MODEL_VARIABLE: &str = "NEWSDIGEST_CUE_MODEL";

/// The detector's weights, by feature hash.
pub struct CueModel {
    weights: HashMap<u64, f32>,
}

impl std::fmt::Debug for CueModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CueModel")
            .field("features", &self.weights.len())
            .finish()
    }
}

impl CueModel {
    /// The weights committed with the crate (`models/attribution/cues.tsv`).
    pub fn builtin() -> &'static CueModel {
        static BUILTIN: OnceLock<CueModel> = OnceLock::new();
        BUILTIN.get_or_init(|| CueModel {
            weights: parse(MODEL),
        })
    }

    /// The weights of the file `NEWSDIGEST_CUE_MODEL` names, else the
    /// built-in ones; the file is read once per process.
    ///
    /// # Errors
    /// [`Error::CueModel`] when the file cannot be read or holds no
    /// `feature<TAB>weight` line: scoring with the built-in weights instead
    /// would make a cross-validation run report the wrong model's figures.
    pub fn from_env() -> Result<&'static CueModel> {
        type Loaded = Option<Result<CueModel, (PathBuf, String)>>;
        static FROM_ENV: OnceLock<Loaded> = OnceLock::new();
        let loaded = FROM_ENV.get_or_init(|| {
            std::env::var_os(MODEL_VARIABLE).map(|path| CueModel::read(Path::new(&path)))
        });
        match loaded {
            None => Ok(CueModel::builtin()),
            Some(Ok(model)) => Ok(model),
            Some(Err((path, problem))) => Err(Error::CueModel {
                path: path.clone(),
                problem: problem.clone(),
            }),
        }
    }

    /// The weight of the feature made of `parts` (0 for one never seen in
    /// training). Hashed, never allocated, so that scoring stays cheap.
    pub(super) fn weight(&self, parts: &[&str]) -> f32 {
        self.weights.get(&hash_parts(parts)).copied().unwrap_or(0.0)
    }

    fn read(path: &Path) -> Result<CueModel, (PathBuf, String)> {
        let problem = match std::fs::read_to_string(path) {
            Ok(text) => {
                let weights = parse(&text);
                if !weights.is_empty() {
                    return Ok(CueModel { weights });
                }
                "no feature<TAB>weight lines".to_owned()
            }
            Err(e) => e.to_string(),
        };
        Err((path.to_owned(), problem))
    }
}

fn hash_parts(parts: &[&str]) -> u64 {
    // FNV-1a over the parts joined by single spaces.
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

fn parse(model: &str) -> HashMap<u64, f32> {
    let mut map = HashMap::new();
    for line in model.lines() {
        if let Some((feat, w)) = line.rsplit_once('\t') {
            if let Ok(w) = w.parse::<f32>() {
                map.insert(hash_parts(&[feat]), w);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weights_file_is_read_or_said_unusable() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.tsv");
        std::fs::write(&good, "w said\t2.5\nbias\t-1\nnot a weight line\n").unwrap();
        let model = CueModel::read(&good).unwrap();
        assert_eq!(model.weights.len(), 2);
        // A feature's parts, joined by spaces, are its name in the file.
        assert_eq!(model.weight(&["w", "said"]), 2.5);
        assert_eq!(model.weight(&["bias"]), -1.0);
        assert_eq!(model.weight(&["w", "unseen"]), 0.0);

        let empty = dir.path().join("empty.tsv");
        std::fs::write(&empty, "w said 2.5\n").unwrap();
        let (path, problem) = CueModel::read(&empty).unwrap_err();
        assert_eq!(
            (path, problem.as_str()),
            (empty, "no feature<TAB>weight lines")
        );

        let missing = dir.path().join("missing.tsv");
        let (path, problem) = CueModel::read(&missing).unwrap_err();
        assert_eq!(path, missing);
        assert!(problem.contains("No such file"), "{problem}");

        assert!(CueModel::builtin().weights.len() > 1000);
    }
}
