//! Which seq2seq model to run: named presets (downloaded on first use) or a
//! Hugging Face-format folder the user brings. Everything here is checked
//! before any tensor is allocated, so a broken folder is reported precisely.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// Architectures rust-bert's summarization pipeline can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    Bart,
    Pegasus,
    T5,
    LongT5,
    ProphetNet,
}

impl Architecture {
    fn from_model_type(model_type: &str) -> Option<Architecture> {
        Some(match model_type {
            "bart" => Architecture::Bart,
            "pegasus" => Architecture::Pegasus,
            "t5" => Architecture::T5,
            "longt5" => Architecture::LongT5,
            "prophetnet" => Architecture::ProphetNet,
            _ => return None,
        })
    }

    /// T5-family models are trained with a task prefix.
    pub fn input_prefix(self) -> &'static str {
        match self {
            Architecture::T5 | Architecture::LongT5 => "summarize: ",
            _ => "",
        }
    }
}

/// Beam-search settings. `None` fields fall back to the model folder's
/// `generation_config.json`/`config.json`, then to the preset's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GenerationOverrides {
    pub num_beams: Option<i64>,
    pub min_length: Option<i64>,
    pub max_length: Option<i64>,
    pub length_penalty: Option<f64>,
    pub no_repeat_ngram_size: Option<i64>,
}

/// Fully resolved beam-search settings.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerationSettings {
    pub num_beams: i64,
    pub min_length: i64,
    pub max_length: i64,
    pub length_penalty: f64,
    pub no_repeat_ngram_size: i64,
    pub early_stopping: bool,
}

/// Longest summary we generate, in tokens: past the position tables of
/// every supported model, and a bound on the memory a beam search takes.
pub const MAX_SUMMARY_TOKENS: i64 = 4096;
/// Smallest input window (`max_position_embeddings`) we summarize with.
pub const MIN_INPUT_TOKENS: usize = 32;
/// Most beams per article: a bound on memory (each beam is a sequence).
pub const MAX_BEAMS: i64 = 64;

impl GenerationSettings {
    /// Whether the settings can drive a beam search; the error names the
    /// first value out of range.
    pub fn check(&self) -> std::result::Result<(), String> {
        let GenerationSettings {
            num_beams,
            min_length,
            max_length,
            length_penalty,
            no_repeat_ngram_size,
            ..
        } = *self;
        if !(1..=MAX_BEAMS).contains(&num_beams) {
            return Err(format!("num_beams {num_beams} is not in 1..={MAX_BEAMS}"));
        }
        if !(1..=MAX_SUMMARY_TOKENS).contains(&max_length) {
            return Err(format!(
                "max_length {max_length} is not in 1..={MAX_SUMMARY_TOKENS}"
            ));
        }
        if !(0..=max_length).contains(&min_length) {
            return Err(format!(
                "min_length {min_length} is not in 0..=max_length ({max_length})"
            ));
        }
        if !length_penalty.is_finite() {
            return Err(format!(
                "length_penalty {length_penalty} is not a finite number"
            ));
        }
        if no_repeat_ngram_size < 0 {
            return Err(format!(
                "no_repeat_ngram_size {no_repeat_ngram_size} is negative"
            ));
        }
        Ok(())
    }

    fn apply(&mut self, o: &GenerationOverrides) {
        if let Some(v) = o.num_beams {
            self.num_beams = v;
        }
        if let Some(v) = o.min_length {
            self.min_length = v;
        }
        if let Some(v) = o.max_length {
            self.max_length = v;
        }
        if let Some(v) = o.length_penalty {
            self.length_penalty = v;
        }
        if let Some(v) = o.no_repeat_ngram_size {
            self.no_repeat_ngram_size = v;
        }
    }

    /// Read the generation keys present in a config JSON object.
    fn overrides_from_json(v: &Value) -> GenerationOverrides {
        let int = |k: &str| v.get(k).and_then(Value::as_i64);
        GenerationOverrides {
            num_beams: int("num_beams"),
            min_length: int("min_length"),
            max_length: int("max_length"),
            length_penalty: v.get("length_penalty").and_then(Value::as_f64),
            no_repeat_ngram_size: int("no_repeat_ngram_size"),
        }
    }
}

/// A named model with the generation settings its authors published for news.
#[derive(Debug, Clone)]
pub struct Preset {
    pub name: &'static str,
    /// Hugging Face repository the files come from.
    pub repo: &'static str,
    pub files: &'static [&'static str],
    pub settings: GenerationSettings,
}

const fn settings(
    num_beams: i64,
    min_length: i64,
    max_length: i64,
    length_penalty: f64,
) -> GenerationSettings {
    GenerationSettings {
        num_beams,
        min_length,
        max_length,
        length_penalty,
        no_repeat_ngram_size: 3,
        early_stopping: true,
    }
}

/// The default model: distilled BART fine-tuned on CNN/DailyMail.
pub const DEFAULT_MODEL: &str = "distilbart-cnn-12-6";

/// Presets and their settings. Sources (each checkpoint's files on the
/// Hugging Face hub, as rust-bert 0.23's resource tables and transformers'
/// docs quote them; the folder's own config.json/generation_config.json are
/// read after download and take precedence over these values):
/// - distilbart-cnn-12-6 and bart-large-cnn: `config.json`
///   `task_specific_params.summarization` = beams 4, length_penalty 2.0,
///   max_length 142, min_length 56, no_repeat_ngram_size 3, early_stopping;
///   bart-large-cnn also sets forced_bos_token_id 0 / forced_eos_token_id 2.
/// - pegasus-cnn_dailymail: `config.json` num_beams 8, length_penalty 0.8,
///   max_length 128 (the PEGASUS paper's beam 8 / alpha 0.8 for CNN/DM);
///   min_length 32 as recalled from the same file (not checkable offline);
///   no n-gram blocking.
/// - t5-small: `config.json` `task_specific_params.summarization` = beams 4,
///   length_penalty 2.0, max_length 200, min_length 30,
///   no_repeat_ngram_size 3, prefix "summarize: ".
///
/// Weights: `rust_model.ot` (rust-bert's format, published in these repos)
/// except bart-large-cnn, whose `model.safetensors` newsdigest reads directly.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "distilbart-cnn-12-6",
        repo: "sshleifer/distilbart-cnn-12-6",
        files: &["config.json", "vocab.json", "merges.txt", "rust_model.ot"],
        settings: settings(4, 56, 142, 2.0),
    },
    Preset {
        name: "bart-large-cnn",
        repo: "facebook/bart-large-cnn",
        files: &[
            "config.json",
            "generation_config.json",
            "vocab.json",
            "merges.txt",
            "model.safetensors",
        ],
        settings: settings(4, 56, 142, 2.0),
    },
    Preset {
        name: "pegasus-cnn_dailymail",
        repo: "google/pegasus-cnn_dailymail",
        files: &["config.json", "spiece.model", "rust_model.ot"],
        settings: GenerationSettings {
            num_beams: 8,
            min_length: 32,
            max_length: 128,
            length_penalty: 0.8,
            no_repeat_ngram_size: 0,
            early_stopping: true,
        },
    },
    Preset {
        name: "t5-small",
        repo: "t5-small",
        files: &["config.json", "spiece.model", "rust_model.ot"],
        settings: settings(4, 30, 200, 2.0),
    },
];

pub fn preset(name: &str) -> Result<&'static Preset> {
    PRESETS
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| Error::UnknownModel {
            name: name.to_owned(),
            known: PRESETS
                .iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// How the tokenizer is stored in a model folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenizerFiles {
    /// `tokenizer.json` (+ `special_tokens_map.json`), read by HF `tokenizers`.
    HuggingFace {
        tokenizer: PathBuf,
        special_tokens: PathBuf,
    },
    /// Byte-level BPE: `vocab.json` + `merges.txt`.
    Bpe { vocab: PathBuf, merges: PathBuf },
    /// SentencePiece: `spiece.model`.
    SentencePiece { model: PathBuf },
}

/// A model folder whose files were found and whose config was understood.
#[derive(Debug, Clone)]
pub struct ModelFolder {
    pub dir: PathBuf,
    /// Display name: the preset's or the folder's.
    pub name: String,
    pub architecture: Architecture,
    pub config: PathBuf,
    pub weights: PathBuf,
    pub tokenizer: TokenizerFiles,
    pub vocab_size: i64,
    /// Longest input the encoder accepts, in tokens.
    pub max_input_tokens: usize,
    pub settings: GenerationSettings,
}

#[derive(Deserialize)]
struct ConfigHead {
    model_type: Option<String>,
    vocab_size: Option<i64>,
    max_position_embeddings: Option<usize>,
    n_positions: Option<usize>,
}

/// What the loader needs from a model folder's `config.json`, parsed without
/// touching the file system (so that it can be fuzzed on its own).
#[derive(Debug, Clone)]
pub struct ModelConfig {
    pub architecture: Architecture,
    pub vocab_size: i64,
    /// Longest input the encoder accepts, in tokens.
    pub max_input_tokens: usize,
    json: Value,
}

impl ModelConfig {
    /// Parse `config.json`; the error says what is wrong with it.
    pub fn parse(config_json: &[u8]) -> std::result::Result<ModelConfig, String> {
        let json: Value = serde_json::from_slice(config_json)
            .map_err(|e| format!("config.json is not valid JSON: {e}"))?;
        let head = ConfigHead::deserialize(&json)
            .map_err(|e| format!("config.json has an unexpected field type: {e}"))?;
        let model_type = head.model_type.ok_or("config.json has no \"model_type\"")?;
        let architecture = Architecture::from_model_type(&model_type).ok_or_else(|| {
            format!(
                "config.json has model_type {model_type:?}, not a seq2seq summarizer rust-bert runs (bart, pegasus, t5, longt5, prophetnet)"
            )
        })?;
        let vocab_size = head.vocab_size.ok_or("config.json has no \"vocab_size\"")?;
        // T5 uses relative positions; its window is what it was trained on.
        let max_input_tokens = head
            .max_position_embeddings
            .or(head.n_positions)
            .unwrap_or(512);
        // The chunker needs room for a sentence or two per window.
        if max_input_tokens < MIN_INPUT_TOKENS {
            return Err(format!(
                "config.json gives the model a window of {max_input_tokens} tokens, under the {MIN_INPUT_TOKENS} a summarizer needs"
            ));
        }
        Ok(ModelConfig {
            architecture,
            vocab_size,
            max_input_tokens,
            json,
        })
    }

    /// The generation settings: `defaults` (or transformers' own defaults),
    /// then this config, then `generation_config.json` when there is one,
    /// then the config's `task_specific_params.summarization`.
    pub fn generation_settings(
        &self,
        generation_config_json: Option<&[u8]>,
        defaults: Option<&GenerationSettings>,
    ) -> std::result::Result<GenerationSettings, String> {
        let mut settings = defaults.cloned().unwrap_or(GenerationSettings {
            num_beams: 4,
            min_length: 0,
            max_length: 142,
            length_penalty: 1.0,
            no_repeat_ngram_size: 3,
            early_stopping: true,
        });
        // transformers' summarization pipeline: config.json, then
        // generation_config.json, then `task_specific_params.summarization`
        // updates both (Pipeline.__init__), so the task's settings win.
        let gen: Option<Value> = generation_config_json
            .map(|g| {
                serde_json::from_slice(g)
                    .map_err(|e| format!("generation_config.json is not valid JSON: {e}"))
            })
            .transpose()?;
        let task = self.json.pointer("/task_specific_params/summarization");
        for source in [Some(&self.json), gen.as_ref(), task].into_iter().flatten() {
            settings.apply(&GenerationSettings::overrides_from_json(source));
            if let Some(e) = source.get("early_stopping").and_then(Value::as_bool) {
                settings.early_stopping = e;
            }
        }
        settings
            .check()
            .map_err(|e| format!("config.json/generation_config.json: {e}"))?;
        Ok(settings)
    }
}

impl ModelFolder {
    /// Inspect `dir`: config, weights and tokenizer files, embedding size.
    /// `defaults` are the settings used where the folder's configs are silent.
    pub fn inspect(
        dir: &Path,
        name: Option<&str>,
        defaults: Option<&GenerationSettings>,
    ) -> Result<ModelFolder> {
        let problem = |problem: String| Error::ModelFolder {
            dir: dir.to_owned(),
            problem,
        };
        if !dir.is_dir() {
            return Err(problem("is not a directory".into()));
        }
        let config_path = dir.join("config.json");
        let raw =
            fs::read(&config_path).map_err(|e| problem(format!("cannot read config.json: {e}")))?;
        let config = ModelConfig::parse(&raw).map_err(problem)?;

        let weights = ["model.safetensors", "rust_model.ot"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| {
                problem("no weights: expected model.safetensors or rust_model.ot".into())
            })?;
        let tokenizer = find_tokenizer(dir).ok_or_else(|| {
            problem(
                "no tokenizer: expected tokenizer.json, vocab.json + merges.txt, or spiece.model"
                    .into(),
            )
        })?;
        if let TokenizerFiles::HuggingFace { special_tokens, .. } = &tokenizer {
            if !special_tokens.is_file() {
                return Err(problem(
                    "tokenizer.json needs special_tokens_map.json beside it".into(),
                ));
            }
        }
        if weights.extension().is_some_and(|e| e == "safetensors") {
            let header = read_safetensors_header(&weights).map_err(problem)?;
            check_embedding_rows(&header, config.vocab_size).map_err(problem)?;
        }

        let gen = match fs::read(dir.join("generation_config.json")) {
            Ok(gen) => Some(gen),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(problem(format!("cannot read generation_config.json: {e}"))),
        };
        let settings = config
            .generation_settings(gen.as_deref(), defaults)
            .map_err(problem)?;
        let name = name.map(str::to_owned).unwrap_or_else(|| {
            dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| dir.display().to_string())
        });
        Ok(ModelFolder {
            dir: dir.to_owned(),
            name,
            architecture: config.architecture,
            config: config_path,
            weights,
            tokenizer,
            vocab_size: config.vocab_size,
            max_input_tokens: config.max_input_tokens,
            settings,
        })
    }
}

impl ModelFolder {
    /// Apply the user's flags over the folder's own settings.
    pub fn apply_overrides(&mut self, overrides: &GenerationOverrides) -> Result<()> {
        let mut settings = self.settings.clone();
        settings.apply(overrides);
        settings.check().map_err(Error::GenerationSettings)?;
        self.settings = settings;
        Ok(())
    }
}

fn find_tokenizer(dir: &Path) -> Option<TokenizerFiles> {
    let (vocab, merges) = (dir.join("vocab.json"), dir.join("merges.txt"));
    if vocab.is_file() && merges.is_file() {
        return Some(TokenizerFiles::Bpe { vocab, merges });
    }
    let spiece = dir.join("spiece.model");
    if spiece.is_file() {
        return Some(TokenizerFiles::SentencePiece { model: spiece });
    }
    let tokenizer = dir.join("tokenizer.json");
    tokenizer.is_file().then(|| TokenizerFiles::HuggingFace {
        tokenizer,
        special_tokens: dir.join("special_tokens_map.json"),
    })
}

/// The JSON header of a safetensors file (after its 8-byte length), read
/// without reading the tensors.
fn read_safetensors_header(weights: &Path) -> std::result::Result<Vec<u8>, String> {
    use std::io::Read;
    let mut f =
        fs::File::open(weights).map_err(|e| format!("cannot open {}: {e}", weights.display()))?;
    let file_len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut len = [0u8; 8];
    f.read_exact(&mut len)
        .map_err(|_| "model.safetensors is truncated (no header)".to_owned())?;
    let len = u64::from_le_bytes(len);
    if len > file_len.saturating_sub(8) || len > 100 << 20 {
        return Err(format!(
            "model.safetensors header length {len} exceeds the file"
        ));
    }
    let mut header = vec![0u8; len as usize];
    f.read_exact(&mut header)
        .map_err(|_| "model.safetensors is truncated (header)".to_owned())?;
    Ok(header)
}

/// Compare the embedding matrix's rows in a safetensors `header` (its JSON
/// table of shapes) with `vocab_size`.
pub fn check_embedding_rows(header: &[u8], vocab_size: i64) -> std::result::Result<(), String> {
    let header: Value = serde_json::from_slice(header)
        .map_err(|e| format!("model.safetensors header is not JSON: {e}"))?;
    let table = header
        .as_object()
        .ok_or("model.safetensors header is not a table")?;
    let embedding = [
        "model.shared.weight",
        "shared.weight",
        "model.encoder.embed_tokens.weight",
    ]
    .iter()
    .find_map(|k| table.get(*k).map(|t| (*k, t)));
    if let Some((key, tensor)) = embedding {
        let rows = tensor.pointer("/shape/0").and_then(Value::as_i64);
        if rows != Some(vocab_size) {
            return Err(format!(
                "config.json vocab_size is {vocab_size} but {key} has {} rows",
                rows.map_or("no".to_owned(), |r| r.to_string())
            ));
        }
    }
    Ok(())
}

/// Where downloaded presets live: `$NEWSDIGEST_CACHE`, else
/// `$RUSTBERT_CACHE/newsdigest` (rust-bert's convention), else the user's
/// cache folder (`$XDG_CACHE_HOME` or `~/.cache`) under `newsdigest`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NEWSDIGEST_CACHE") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("RUSTBERT_CACHE") {
        return PathBuf::from(dir).join("newsdigest");
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("newsdigest")
}

impl Preset {
    /// The folder this preset is (or will be) cached in.
    pub fn folder(&self) -> PathBuf {
        cache_dir().join(self.name)
    }

    /// Whether every file of the preset is already in the cache.
    pub fn is_cached(&self) -> bool {
        self.files.iter().all(|f| self.folder().join(f).is_file())
    }

    pub fn url(&self, file: &str) -> String {
        format!("https://huggingface.co/{}/resolve/main/{file}", self.repo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in files {
            fs::write(dir.path().join(name), body).unwrap();
        }
        dir
    }

    const BART_CONFIG: &str = r#"{"model_type": "bart", "vocab_size": 10, "max_position_embeddings": 64, "num_beams": 2}"#;

    #[test]
    fn missing_weights_are_named() {
        let dir = folder_with(&[
            ("config.json", BART_CONFIG),
            ("vocab.json", "{}"),
            ("merges.txt", ""),
        ]);
        let err = ModelFolder::inspect(dir.path(), None, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("model.safetensors or rust_model.ot"), "{err}");
    }

    #[test]
    fn unknown_model_type_is_named() {
        let dir = folder_with(&[("config.json", r#"{"model_type": "bert", "vocab_size": 3}"#)]);
        let err = ModelFolder::inspect(dir.path(), None, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"bert\""), "{err}");
    }

    #[test]
    fn vocab_size_must_match_embedding_rows() {
        let header =
            r#"{"model.shared.weight":{"dtype":"F32","shape":[12,4],"data_offsets":[0,192]}}"#;
        let mut st = (header.len() as u64).to_le_bytes().to_vec();
        st.extend_from_slice(header.as_bytes());
        st.extend(std::iter::repeat_n(0u8, 192));
        let dir = folder_with(&[
            ("config.json", BART_CONFIG),
            ("vocab.json", "{}"),
            ("merges.txt", ""),
        ]);
        fs::write(dir.path().join("model.safetensors"), st).unwrap();
        let err = ModelFolder::inspect(dir.path(), None, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("vocab_size is 10") && err.contains("12 rows"),
            "{err}"
        );
    }

    #[test]
    fn settings_come_from_config_then_generation_config() {
        let dir = folder_with(&[
            ("config.json", BART_CONFIG),
            ("generation_config.json", r#"{"max_length": 33}"#),
            ("vocab.json", "{}"),
            ("merges.txt", ""),
            ("rust_model.ot", ""),
        ]);
        let folder = ModelFolder::inspect(dir.path(), None, None).unwrap();
        assert_eq!(folder.architecture, Architecture::Bart);
        assert_eq!(folder.settings.num_beams, 2);
        assert_eq!(folder.settings.max_length, 33);
        assert_eq!(folder.max_input_tokens, 64);
    }

    #[test]
    fn settings_out_of_range_are_named_with_their_file() {
        let config = ModelConfig::parse(BART_CONFIG.as_bytes()).unwrap();
        for (gen, named) in [
            (r#"{"num_beams": 0}"#, "num_beams 0"),
            (r#"{"num_beams": 1000000}"#, "num_beams 1000000"),
            (r#"{"max_length": -3}"#, "max_length -3"),
            (r#"{"max_length": 1e12}"#, ""),
            (r#"{"max_length": 99999999999}"#, "max_length 99999999999"),
            (r#"{"min_length": 50, "max_length": 20}"#, "min_length 50"),
            (r#"{"no_repeat_ngram_size": -1}"#, "no_repeat_ngram_size -1"),
        ] {
            match config.generation_settings(Some(gen.as_bytes()), None) {
                // A float where an integer belongs is not read as a setting.
                Ok(s) if named.is_empty() => assert_eq!(s.max_length, 142),
                Ok(s) => panic!("{gen} accepted as {s:?}"),
                Err(e) => {
                    assert!(!named.is_empty(), "{gen}: {e}");
                    assert!(
                        e.contains(named) && e.contains("generation_config.json"),
                        "{e}"
                    );
                }
            }
        }
        let err = ModelConfig::parse(
            br#"{"model_type": "bart", "vocab_size": 10, "max_position_embeddings": 0}"#,
        )
        .unwrap_err();
        assert!(err.contains("window of 0 tokens"), "{err}");
        let err = ModelConfig::parse(b"\xff{}").unwrap_err();
        assert!(err.contains("config.json is not valid JSON"), "{err}");
    }

    #[test]
    fn flags_out_of_range_are_refused_and_leave_the_settings() {
        let dir = folder_with(&[
            ("config.json", BART_CONFIG),
            ("vocab.json", "{}"),
            ("merges.txt", ""),
            ("rust_model.ot", ""),
        ]);
        let mut folder = ModelFolder::inspect(dir.path(), None, None).unwrap();
        let before = folder.settings.clone();
        let err = folder
            .apply_overrides(&GenerationOverrides {
                num_beams: Some(0),
                ..GenerationOverrides::default()
            })
            .unwrap_err()
            .to_string();
        assert_eq!(err, "generation settings: num_beams 0 is not in 1..=64");
        assert_eq!(folder.settings, before);
        folder
            .apply_overrides(&GenerationOverrides {
                max_length: Some(20),
                ..GenerationOverrides::default()
            })
            .unwrap();
        assert_eq!(folder.settings.max_length, 20);
    }

    #[test]
    fn unknown_preset_lists_the_known_ones() {
        let err = preset("gpt-9").unwrap_err().to_string();
        assert!(err.contains("distilbart-cnn-12-6"), "{err}");
    }
}
