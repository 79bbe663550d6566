//! What loading a summarizer changes in the whole process: libtorch's
//! threads (`SummarizeConfig::threads`) and the allocator setting
//! (`keep_freed_memory`), both only once a model actually loads. One test,
//! in its own process, because both settings are process-wide.
#![cfg(feature = "abstractive")]

use std::path::PathBuf;

use newsdigest::summarize::{self, freed_memory_kept, ModelChoice, SummarizeConfig, SummaryMode};

fn tiny() -> ModelChoice {
    ModelChoice::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/tiny-bart"))
}

#[test]
fn settings_change_only_when_a_model_loads() {
    let before = tch::get_num_threads();
    let asked = if before == 3 { 2 } else { 3 };
    let settings = |mode, model| SummarizeConfig {
        mode,
        model,
        threads: Some(asked as usize),
        keep_freed_memory: true,
        ..Default::default()
    };

    // No model: neither setting is touched.
    for mode in [SummaryMode::None, SummaryMode::Extractive] {
        let loaded = summarize::load(&settings(mode, None)).unwrap();
        assert!(loaded.notice.is_none());
    }
    // `auto` without a model to load falls back to extractive: no model ran.
    let missing = ModelChoice::Dir("/nonexistent/model".into());
    assert!(summarize::load(&settings(SummaryMode::Abstractive, Some(missing))).is_err());
    assert!(
        !freed_memory_kept(),
        "no model loaded, yet the allocator was changed"
    );
    assert_eq!(tch::get_num_threads(), before);

    // Asked not to: a loaded model leaves the allocator alone.
    let quiet = SummarizeConfig {
        keep_freed_memory: false,
        threads: None,
        ..settings(SummaryMode::Abstractive, Some(tiny()))
    };
    summarize::load(&quiet).unwrap();
    assert!(!freed_memory_kept());
    assert_eq!(tch::get_num_threads(), before);

    let loaded = summarize::load(&settings(SummaryMode::Abstractive, Some(tiny()))).unwrap();
    assert!(loaded.summarizer.is_some());
    assert!(
        freed_memory_kept(),
        "a model loaded, the allocator was not set"
    );
    assert_eq!(tch::get_num_threads(), asked);
}
