//! Which seq2seq model to run: named presets (downloaded on first use) or a
//! Hugging Face-format folder the user brings. Everything here is checked
//! before any tensor is allocated, so a broken folder is reported precisely.

use std::fs;
use std::path::{Path, PathBuf};

use super::config::GenerationOverrides;
use super::files;
use super::hub::{self, HubId};
use super::model_config::{
    Architecture, BartDims, GenerationConfig, GenerationSettings, ModelConfig, SpecialTokens,
};
use super::safetensors::{
    check_dtypes, check_embedding_rows, check_shapes, read_header, ExpectedShape, HeaderError,
};
use crate::error::{Error, Result};

/// A named model with the generation settings its authors published for news.
#[derive(Debug, Clone)]
pub struct Preset {
    pub name: &'static str,
    /// Hugging Face repository the files come from.
    pub repo: &'static str,
    /// The revision downloaded: a branch until the commits are pinned (a
    /// commit hash here makes its snapshot immutable).
    pub revision: &'static str,
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
        revision: "main",
        files: &["config.json", "vocab.json", "merges.txt", "rust_model.ot"],
        settings: settings(4, 56, 142, 2.0),
    },
    Preset {
        name: "bart-large-cnn",
        repo: "facebook/bart-large-cnn",
        revision: "main",
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
        revision: "main",
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
        revision: "main",
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
    /// The token ids generation starts, pads, forces and stops with.
    pub special_tokens: SpecialTokens,
    /// `config.json`, read.
    pub(crate) model_config: ModelConfig,
    /// The file that set `settings.max_length`, `None` for the default.
    max_length_from: Option<&'static str>,
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
        let raw = files::read(&config_path, files::CONFIG_LIMIT).map_err(problem)?;
        let config = ModelConfig::parse(&raw).map_err(problem)?;

        // A weights file that is there but broken (a link that loops) is
        // reported as what it is, not as no weights.
        let mut weights = None;
        for file in ["model.safetensors", hub::SHARD_INDEX, "rust_model.ot"] {
            let path = dir.join(file);
            match files::probe(&path).map_err(problem)? {
                Some(meta) if meta.is_file() => {
                    weights = Some(path);
                    break;
                }
                Some(_) => return Err(problem(format!("{file} is not a regular file"))),
                None => {}
            }
        }
        let weights = match weights {
            Some(w) => w,
            None if ["pytorch_model.bin", "pytorch_model.bin.index.json"]
                .iter()
                .any(|f| dir.join(f).exists()) =>
            {
                return Err(problem(hub::pytorch_only("the folder")))
            }
            None => {
                return Err(problem(
                    "no weights: expected model.safetensors, model.safetensors.index.json \
                     (with its shards) or rust_model.ot"
                        .into(),
                ))
            }
        };
        let tokenizer = find_tokenizer(dir).map_err(problem)?.ok_or_else(|| {
            problem(
                "no tokenizer: expected tokenizer.json, vocab.json + merges.txt, or spiece.model"
                    .into(),
            )
        })?;
        if let TokenizerFiles::HuggingFace { special_tokens, .. } = &tokenizer {
            if files::probe(special_tokens).map_err(problem)?.is_none() {
                return Err(problem(
                    "tokenizer.json needs special_tokens_map.json beside it".into(),
                ));
            }
        }
        let gen = files::read_optional(&dir.join("generation_config.json"), files::CONFIG_LIMIT)
            .map_err(problem)?;
        let gen = gen
            .as_deref()
            .map(GenerationConfig::parse)
            .transpose()
            .map_err(problem)?;
        let settings = config.settings(gen.as_ref(), defaults).map_err(problem)?;
        let special_tokens = config.special_tokens(gen.as_ref());
        let native = config.architecture == Architecture::Bart;
        if native {
            special_tokens.check(config.vocab_size).map_err(problem)?;
        }
        let sharded = weights.ends_with(hub::SHARD_INDEX);
        if sharded || weights.extension().is_some_and(|e| e == "safetensors") {
            let header = if sharded {
                sharded_header(dir).map_err(problem)?
            } else {
                read_safetensors_header(&weights).map_err(problem)?
            };
            check_embedding_rows(&header, config.vocab_size).map_err(problem)?;
            if native {
                check_dtypes(&header).map_err(problem)?;
                if let Ok(dims) = config.bart_dims(special_tokens.pad_token_id) {
                    check_shapes(&header, &bart_shapes(&dims)).map_err(problem)?;
                }
            }
        }
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
            special_tokens,
            max_length_from: config.max_length_source(gen.as_ref()),
            model_config: config,
        })
    }

    /// The dimensions of the BART model in this folder; the error names
    /// what `config.json` lacks.
    pub fn bart_dims(&self) -> std::result::Result<BartDims, String> {
        self.model_config
            .bart_dims(self.special_tokens.pad_token_id)
    }
}

impl ModelFolder {
    /// Apply the user's flags over the folder's own settings, and check the
    /// result against the model: a summary longer than the decoder's
    /// position table is an index out of range in the middle of a search.
    /// `min_length` is at most `max_length` ([`GenerationSettings::check`]),
    /// so it fits when `max_length` does. Checked here, after the flags, so
    /// that a flag can shorten what the folder's files ask for.
    pub fn apply_overrides(&mut self, overrides: &GenerationOverrides) -> Result<()> {
        let mut settings = self.settings.clone();
        settings.apply(overrides);
        settings.check().map_err(Error::GenerationSettings)?;
        if let Some(positions) = self.model_config.summary_positions() {
            if settings.max_length > positions {
                let n = settings.max_length;
                let room = format!(
                    "the {positions} positions of the model's decoder (max_position_embeddings in config.json)"
                );
                let problem = |problem: String| Error::ModelFolder {
                    dir: self.dir.clone(),
                    problem,
                };
                return Err(match (overrides.max_length, self.max_length_from) {
                    (Some(_), _) => {
                        Error::GenerationSettings(format!("max_length {n} is more than {room}"))
                    }
                    (None, Some(file)) => {
                        problem(format!("{file} sets max_length {n}, more than {room}"))
                    }
                    (None, None) => {
                        problem(format!("the default max_length {n} is more than {room}"))
                    }
                });
            }
        }
        self.settings = settings;
        Ok(())
    }
}

/// The shapes `bart.rs` builds BART's embeddings with: a table that does
/// not match is refused here rather than found short at the first article.
fn bart_shapes(dims: &BartDims) -> Vec<ExpectedShape<'static>> {
    let (d, positions) = (dims.d_model, dims.max_positions + 2);
    vec![
        ExpectedShape {
            names: &[
                "model.shared.weight",
                "shared.weight",
                "model.encoder.embed_tokens.weight",
            ],
            shape: vec![dims.vocab_size, d],
            from: "vocab_size, d_model",
        },
        ExpectedShape {
            names: &[
                "model.encoder.embed_positions.weight",
                "encoder.embed_positions.weight",
            ],
            // BART's learned positions start at row 2.
            shape: vec![positions, d],
            from: "max_position_embeddings + 2, d_model",
        },
        ExpectedShape {
            names: &[
                "model.decoder.embed_positions.weight",
                "decoder.embed_positions.weight",
            ],
            shape: vec![positions, d],
            from: "max_position_embeddings + 2, d_model",
        },
    ]
}

/// The JSON header of a safetensors file, read without reading the tensors.
fn read_safetensors_header(weights: &Path) -> std::result::Result<Vec<u8>, String> {
    let mut f =
        fs::File::open(weights).map_err(|e| format!("cannot open {}: {e}", weights.display()))?;
    match read_header(&mut f) {
        Ok(header) => Ok(header.json),
        Err(HeaderError::Io(e)) => Err(format!("cannot open {}: {e}", weights.display())),
        Err(HeaderError::NoLength) => Err("model.safetensors is truncated (no header)".to_owned()),
        Err(HeaderError::TooLong(len)) => Err(format!(
            "model.safetensors header length {len} exceeds the file"
        )),
        Err(HeaderError::Truncated(_)) => Err("model.safetensors is truncated (header)".to_owned()),
    }
}

/// The tables of every shard an index names, as one table: the checks of
/// a single file's header apply to them unchanged.
fn sharded_header(dir: &Path) -> std::result::Result<Vec<u8>, String> {
    let mut table = serde_json::Map::new();
    for shard in hub::shards(dir)? {
        let path = dir.join(&shard);
        if files::probe(&path)?.is_none() {
            return Err(format!(
                "{} names {shard}, which is missing",
                hub::SHARD_INDEX
            ));
        }
        let json = read_safetensors_header(&path)?;
        let part: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&json)
            .map_err(|e| format!("{shard}: header is not a JSON table: {e}"))?;
        table.extend(part.into_iter().filter(|(k, _)| k != "__metadata__"));
    }
    serde_json::to_vec(&table).map_err(|e| e.to_string())
}

/// The tokenizer's files; anything at their names counts (a link to a
/// device is read within its limit and refused then, not passed over), and
/// a link that loops or leads nowhere is an error naming it.
fn find_tokenizer(dir: &Path) -> std::result::Result<Option<TokenizerFiles>, String> {
    let present = |p: &Path| files::probe(p).map(|m| m.is_some());
    let (vocab, merges) = (dir.join("vocab.json"), dir.join("merges.txt"));
    if present(&vocab)? && present(&merges)? {
        return Ok(Some(TokenizerFiles::Bpe { vocab, merges }));
    }
    let spiece = dir.join("spiece.model");
    if present(&spiece)? {
        return Ok(Some(TokenizerFiles::SentencePiece { model: spiece }));
    }
    let tokenizer = dir.join("tokenizer.json");
    Ok(present(&tokenizer)?.then(|| TokenizerFiles::HuggingFace {
        tokenizer,
        special_tokens: dir.join("special_tokens_map.json"),
    }))
}

/// Where presets placed by hand live (and where newsdigest downloaded them
/// before it used the hub cache, `hub::hub_cache`): `$NEWSDIGEST_CACHE`, else
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
    /// The folder a user may fill by hand (and where newsdigest before the
    /// hub cache downloaded presets): used when it holds every file.
    pub fn folder(&self) -> PathBuf {
        cache_dir().join(self.name)
    }

    /// The preset as a hub model.
    pub fn hub_id(&self) -> HubId {
        HubId {
            repo: self.repo.to_owned(),
            revision: self.revision.to_owned(),
        }
    }

    /// The folder that holds every file of the preset: [`Preset::folder`],
    /// else its snapshot in the hub cache; `None` when neither does.
    pub fn cached_folder(&self) -> Option<PathBuf> {
        let legacy = self.folder();
        if self.files.iter().all(|f| legacy.join(f).is_file()) {
            return Some(legacy);
        }
        hub::cached_snapshot(&hub::hub_cache(), &self.hub_id(), Some(self.files))
    }

    /// Whether every file of the preset is already in the cache.
    pub fn is_cached(&self) -> bool {
        self.cached_folder().is_some()
    }

    pub fn url(&self, file: &str) -> String {
        format!(
            "https://huggingface.co/{}/resolve/{}/{file}",
            self.repo, self.revision
        )
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
        assert!(
            err.contains("model.safetensors, model.safetensors.index.json (with its shards) or rust_model.ot"),
            "{err}"
        );
        fs::write(dir.path().join("pytorch_model.bin"), "").unwrap();
        let err = ModelFolder::inspect(dir.path(), None, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("pytorch_model.bin")
                && err.contains("save_pretrained('OUT_DIR', safe_serialization=True)"),
            "{err}"
        );
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
    fn a_summary_longer_than_the_decoder_positions_is_refused_from_flags_or_files() {
        let with = |gen: &str| {
            let dir = folder_with(&[
                ("config.json", BART_CONFIG),
                ("generation_config.json", gen),
                ("vocab.json", "{}"),
                ("merges.txt", ""),
                ("rust_model.ot", ""),
            ]);
            let folder = ModelFolder::inspect(dir.path(), None, None).unwrap();
            (dir, folder)
        };
        let overrides = |min_length, max_length| GenerationOverrides {
            min_length,
            max_length,
            ..GenerationOverrides::default()
        };
        // A flag: the settings are left as they were.
        let (_dir, mut folder) = with(r#"{"max_length": 33}"#);
        let before = folder.settings.clone();
        let err = folder
            .apply_overrides(&overrides(Some(65), Some(65)))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "generation settings: max_length 65 is more than the 64 positions of the model's decoder (max_position_embeddings in config.json)"
        );
        assert_eq!(folder.settings, before);
        folder
            .apply_overrides(&overrides(Some(64), Some(64)))
            .unwrap();
        assert_eq!(
            (folder.settings.min_length, folder.settings.max_length),
            (64, 64)
        );

        // The files, named; a flag can shorten what they ask for.
        let (_dir, folder) = with(r#"{"max_length": 100, "min_length": 90}"#);
        let err = folder
            .clone()
            .apply_overrides(&GenerationOverrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("generation_config.json sets max_length 100, more than the 64 positions"),
            "{err}"
        );
        let mut shortened = folder.clone();
        shortened
            .apply_overrides(&overrides(Some(10), Some(50)))
            .unwrap();
        assert_eq!(shortened.settings.max_length, 50);

        // The default, when no file sets max_length.
        let (_dir, mut folder) = with("{}");
        let err = folder
            .apply_overrides(&GenerationOverrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("the default max_length 142 is more than the 64"),
            "{err}"
        );

        // task_specific_params wins over the others, and is named.
        let dir = folder_with(&[
            (
                "config.json",
                r#"{"model_type": "bart", "vocab_size": 10, "max_position_embeddings": 64, "max_length": 20,
                    "task_specific_params": {"summarization": {"max_length": 80}}}"#,
            ),
            ("vocab.json", "{}"),
            ("merges.txt", ""),
            ("rust_model.ot", ""),
        ]);
        let err = ModelFolder::inspect(dir.path(), None, None)
            .unwrap()
            .apply_overrides(&GenerationOverrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("config.json (task_specific_params.summarization) sets max_length 80"),
            "{err}"
        );

        // T5's positions are relative: no table to run past.
        let dir = folder_with(&[
            (
                "config.json",
                r#"{"model_type": "t5", "vocab_size": 10, "n_positions": 64, "max_length": 300}"#,
            ),
            ("spiece.model", ""),
            ("rust_model.ot", ""),
        ]);
        let mut folder = ModelFolder::inspect(dir.path(), None, None).unwrap();
        folder
            .apply_overrides(&GenerationOverrides::default())
            .unwrap();
        assert_eq!(folder.settings.max_length, 300);
    }

    /// A copy of models/tiny-bart with `config.json` edited by `edit`.
    fn tiny_bart_with(edit: (&str, &str)) -> tempfile::TempDir {
        tiny_bart_file_with("config.json", edit)
    }

    /// A copy of models/tiny-bart with its `file` edited by `edit`.
    fn tiny_bart_file_with(file: &str, edit: (&str, &str)) -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/tiny-bart");
        let dir = tempfile::tempdir().unwrap();
        for f in fs::read_dir(&from).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
        }
        let text = fs::read_to_string(dir.path().join(file)).unwrap();
        let edited = text.replace(edit.0, edit.1);
        assert_ne!(edited, text, "{edit:?} edits nothing");
        fs::write(dir.path().join(file), edited).unwrap();
        dir
    }

    #[test]
    fn a_bart_folder_is_checked_against_its_weights_header_before_loading() {
        for (edit, named) in [
            (
                ("\"encoder_attention_heads\": 2", "\"encoder_attention_heads\": 0"),
                "encoder_attention_heads 0",
            ),
            (
                ("\"decoder_attention_heads\": 2", "\"decoder_attention_heads\": 3"),
                "decoder_attention_heads 3, which does not divide d_model 32",
            ),
            (
                ("\"max_position_embeddings\": 256", "\"max_position_embeddings\": 128"),
                "model.encoder.embed_positions.weight of shape [258, 32], but config.json makes it [130, 32]",
            ),
            (
                ("\"d_model\": 32", "\"d_model\": 64"),
                "model.shared.weight of shape [595, 32], but config.json makes it [595, 64]",
            ),
        ] {
            let dir = tiny_bart_with(edit);
            let err = ModelFolder::inspect(dir.path(), None, None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(named), "{edit:?}: {err}");
        }
        let dir = tiny_bart_file_with(
            "generation_config.json",
            (
                "\"decoder_start_token_id\": 2",
                "\"decoder_start_token_id\": 595",
            ),
        );
        let err = ModelFolder::inspect(dir.path(), None, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "decoder_start_token_id 595, not a token of the vocabulary (vocab_size 595)"
            ),
            "{err}"
        );
        let dir = tiny_bart_with(("\"d_model\": 32", "\"d_model\": 32 "));
        ModelFolder::inspect(dir.path(), None, None).unwrap();
    }

    #[test]
    fn unknown_preset_lists_the_known_ones() {
        let err = preset("gpt-9").unwrap_err().to_string();
        assert!(err.contains("distilbart-cnn-12-6"), "{err}");
    }
}
