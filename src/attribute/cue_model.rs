//! The learned cue detector's weights ([`super::learned`]): the built-in
//! ones, committed as `models/attribution/cues.tsv`, or for
//! cross-validation (`scripts/train_cues_cv`) those of the file that
//! `NEWSDIGEST_CUE_MODEL` names. A file holds one `feature<TAB>weight` line
//! per feature; features are kept by hash.

use std::sync::OnceLock;

use super::weights::{self, Weights};
use crate::error::{Error, Result};

const MODEL: &str = include_str!("../../models/attribution/cues.tsv");

/// The environment variable that names a weights file to score with
/// instead of the built-in one (a development hook for cross-validation).
const MODEL_VARIABLE: &str = "NEWSDIGEST_CUE_MODEL";

/// The detector's weights, by feature hash.
#[derive(Debug)]
pub struct CueModel {
    weights: Weights,
}

impl CueModel {
    /// The weights committed with the crate (`models/attribution/cues.tsv`).
    pub fn builtin() -> &'static CueModel {
        static BUILTIN: OnceLock<CueModel> = OnceLock::new();
        BUILTIN.get_or_init(|| CueModel {
            weights: Weights::parse(MODEL),
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
        static FROM_ENV: OnceLock<weights::FromEnv<CueModel>> = OnceLock::new();
        match weights::from_env(&FROM_ENV, MODEL_VARIABLE, |weights| CueModel { weights }) {
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
        self.weights.weight(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_weights_are_the_committed_model() {
        assert!(CueModel::builtin().weights.len() > 1000);
    }
}
