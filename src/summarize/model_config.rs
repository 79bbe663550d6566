//! The one reader of a model folder's configuration files: `config.json`
//! (architecture, input length, BART's dimensions, generation settings and
//! special tokens) and `generation_config.json` (the settings and tokens that
//! transformers ≥ 4.27 keeps there). Functions of the files' bytes, without
//! the file system, so that they can be fuzzed on their own
//! (fuzz/fuzz_targets/model_config.rs); `ModelFolder::inspect` reads the files.
//!
//! Strict where a folder is unusable otherwise: `model_type`, `vocab_size`
//! and the position table's size must have their types. Every other key is
//! read as transformers' configs carry it in the wild: a value of another
//! type (a float where an integer belongs, `null` for "none") counts as
//! absent, and the next source or the default applies.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::config::GenerationOverrides;

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
/// Fewest input positions (`max_position_embeddings`) we summarize with.
pub const MIN_INPUT_TOKENS: usize = 32;
/// Most beams per article: a bound on memory (each beam is a sequence).
pub const MAX_BEAMS: i64 = 64;
/// Most input positions (`max_position_embeddings`, `n_positions`) we
/// accept: 4× the longest published summarizer's (LED's and LongT5's
/// 16384), and a bound on the position table rust-bert builds from the
/// number before any weight is read.
pub const MAX_POSITIONS: usize = 1 << 16;
/// Largest `vocab_size`: past the largest published vocabularies (mT5's
/// 250112, Gemma's 256000), and a bound on the embedding built from it.
const MAX_VOCAB: i64 = 1 << 24;

/// How a dimension of `config.json` is bounded. Each bound is past every
/// published checkpoint and keeps what is built from the number before the
/// weights are read (rust-bert builds every layer from `config.json`) from
/// being absurd; 0 is never a model (a head of width `d_model / 0`, a layer
/// of no units).
#[derive(Clone, Copy, PartialEq)]
enum Dim {
    /// The model's width (`d_model`, `hidden_size`): bart-large 1024,
    /// T5-11B 1024, the widest published models 16384.
    Width,
    /// Attention heads; where the architecture splits the width among
    /// them, they must divide it.
    Heads,
    /// Layers, n-gram order, relative-position buckets: T5-11B has 24
    /// layers, the deepest published models under 200.
    Count,
    /// Feed-forward and per-head widths: T5-11B's `d_ff` is 65536.
    Inner,
}

impl Dim {
    fn max(self) -> i64 {
        match self {
            Dim::Width | Dim::Heads => 1 << 16,
            Dim::Count => 1 << 10,
            Dim::Inner => 1 << 20,
        }
    }
}

/// The dimensions of `config.json` each architecture is built from (those
/// rust-bert's config types and `bart.rs` read), and the key of the width
/// its heads divide, when they divide it.
fn dimensions(a: Architecture) -> (&'static [(&'static str, Dim)], Option<&'static str>) {
    use Dim::*;
    match a {
        Architecture::Bart | Architecture::Pegasus => (
            &[
                ("d_model", Width),
                ("encoder_attention_heads", Heads),
                ("decoder_attention_heads", Heads),
                ("encoder_layers", Count),
                ("decoder_layers", Count),
                ("encoder_ffn_dim", Inner),
                ("decoder_ffn_dim", Inner),
            ],
            Some("d_model"),
        ),
        Architecture::ProphetNet => (
            &[
                ("hidden_size", Width),
                ("num_encoder_attention_heads", Heads),
                ("num_decoder_attention_heads", Heads),
                ("num_encoder_layers", Count),
                ("num_decoder_layers", Count),
                ("encoder_ffn_dim", Inner),
                ("decoder_ffn_dim", Inner),
                ("ngram", Count),
                ("num_buckets", Count),
                ("relative_max_distance", Inner),
            ],
            Some("hidden_size"),
        ),
        // T5's heads are `num_heads` × `d_kv` wide, not a share of `d_model`.
        Architecture::T5 | Architecture::LongT5 => (
            &[
                ("d_model", Width),
                ("num_heads", Heads),
                ("d_kv", Inner),
                ("d_ff", Inner),
                ("num_layers", Count),
                ("num_decoder_layers", Count),
                ("relative_attention_num_buckets", Count),
                ("relative_attention_max_distance", Inner),
            ],
            None,
        ),
    }
}

/// Refuse dimensions no model has, before anything is built from them: a
/// count of heads that is 0 or does not divide the width (a division by
/// zero, or a `view` that cannot be, at load or at the first article), a
/// width or a layer count of 0 or past any model. A key whose value is not
/// an integer is left to its reader (`bart_dims` names it missing; rust-bert's
/// config types are parsed before loading, see `abstractive.rs`).
fn check_dimensions(architecture: Architecture, json: &Value) -> Result<(), String> {
    let int = |key: &str| json.get(key).and_then(Value::as_i64);
    let (keys, split_width) = dimensions(architecture);
    for &(key, dim) in keys {
        let Some(value) = int(key) else { continue };
        let max = dim.max();
        if !(1..=max).contains(&value) {
            return Err(format!("config.json has {key} {value}, not in 1..={max}"));
        }
        if let (Dim::Heads, Some(width_key)) = (dim, split_width) {
            if let Some(width) = int(width_key).filter(|w| *w > 0) {
                if width % value != 0 {
                    return Err(format!(
                        "config.json has {key} {value}, which does not divide {width_key} {width}: each head takes an equal share of the width"
                    ));
                }
            }
        }
    }
    Ok(())
}

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

    pub(crate) fn apply(&mut self, o: &GenerationOverrides) {
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
}

/// A key of a configuration file: absent, or present with a value that is
/// a `T` or is not (another type, `null`).
#[derive(Debug, Clone, Default)]
enum Key<T> {
    #[default]
    Absent,
    Present(Option<T>),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Key<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(Key::Present(T::deserialize(value).ok()))
    }
}

impl<T> Key<T> {
    /// The value when it is present and a `T`.
    fn value(&self) -> Option<&T> {
        match self {
            Key::Present(v) => v.as_ref(),
            Key::Absent => None,
        }
    }
}

/// The keys of a JSON object as `T`; anything else (an array, a number, no
/// value) has none, as `Value::get` sees it. `T`'s fields are `Key`s, which
/// take any value: reading an object cannot fail.
fn keys<T: DeserializeOwned + Default>(v: Option<&Value>) -> T {
    match v {
        Some(v @ Value::Object(_)) => T::deserialize(v).unwrap_or_default(),
        _ => T::default(),
    }
}

/// The generation keys transformers reads from `config.json`, from
/// `generation_config.json` and from `task_specific_params.summarization`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct GenerationKeys {
    num_beams: Key<i64>,
    min_length: Key<i64>,
    max_length: Key<i64>,
    length_penalty: Key<f64>,
    no_repeat_ngram_size: Key<i64>,
    early_stopping: Key<bool>,
    pad_token_id: Key<i64>,
    eos_token_id: Key<i64>,
    decoder_start_token_id: Key<i64>,
    forced_bos_token_id: Key<i64>,
    forced_eos_token_id: Key<i64>,
}

impl GenerationKeys {
    fn overrides(&self) -> GenerationOverrides {
        GenerationOverrides {
            num_beams: self.num_beams.value().copied(),
            min_length: self.min_length.value().copied(),
            max_length: self.max_length.value().copied(),
            length_penalty: self.length_penalty.value().copied(),
            no_repeat_ngram_size: self.no_repeat_ngram_size.value().copied(),
        }
    }
}

/// The keys of `config.json` that describe BART's layers; checked when a
/// BART model is about to be built from them ([`ModelConfig::bart_dims`]),
/// not before, since other architectures lack them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct BartKeys {
    d_model: Key<i64>,
    encoder_layers: Key<i64>,
    decoder_layers: Key<i64>,
    encoder_attention_heads: Key<i64>,
    decoder_attention_heads: Key<i64>,
    activation_function: Key<String>,
    normalize_before: Key<bool>,
    add_final_layer_norm: Key<bool>,
    scale_embedding: Key<bool>,
}

/// The keys of `config.json` without which no model can be run: a value of
/// the wrong type is an error.
#[derive(Deserialize)]
struct ConfigHead {
    model_type: Option<String>,
    vocab_size: Option<i64>,
    max_position_embeddings: Option<usize>,
    n_positions: Option<usize>,
}

/// A model folder's `config.json`, read.
#[derive(Debug, Clone)]
pub struct ModelConfig {
    pub architecture: Architecture,
    pub vocab_size: i64,
    /// Longest input the encoder accepts, in tokens.
    pub max_input_tokens: usize,
    max_position_embeddings: Option<usize>,
    /// Its own top-level generation keys.
    generation: GenerationKeys,
    /// `task_specific_params.summarization`.
    task: GenerationKeys,
    bart: BartKeys,
    /// The file's bytes, for parsers that need more of it (rust-bert's
    /// config types, which panic on what they cannot parse).
    source: Vec<u8>,
}

/// A model folder's `generation_config.json`, read.
#[derive(Debug, Clone, Default)]
pub struct GenerationConfig {
    keys: GenerationKeys,
}

impl GenerationConfig {
    /// Parse `generation_config.json`; the error says what is wrong with it.
    pub fn parse(json: &[u8]) -> Result<GenerationConfig, String> {
        let json: Value = serde_json::from_slice(json)
            .map_err(|e| format!("generation_config.json is not valid JSON: {e}"))?;
        Ok(GenerationConfig {
            keys: keys(Some(&json)),
        })
    }
}

/// The token ids a search starts, pads, forces and stops with.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecialTokens {
    pub eos_token_id: i64,
    pub pad_token_id: i64,
    pub decoder_start_token_id: i64,
    pub forced_bos_token_id: Option<i64>,
    pub forced_eos_token_id: Option<i64>,
}

impl SpecialTokens {
    /// Whether every id is a row of an embedding of `vocab_size` rows: the
    /// generator looks each up (the start and padding tokens are embedded,
    /// the end and forced tokens are columns of the scores), and an id
    /// past the table is an index out of range in libtorch.
    pub fn check(&self, vocab_size: i64) -> Result<(), String> {
        let ids = [
            ("eos_token_id", Some(self.eos_token_id)),
            ("pad_token_id", Some(self.pad_token_id)),
            ("decoder_start_token_id", Some(self.decoder_start_token_id)),
            ("forced_bos_token_id", self.forced_bos_token_id),
            ("forced_eos_token_id", self.forced_eos_token_id),
        ];
        for (key, id) in ids {
            if let Some(id) = id.filter(|id| !(0..vocab_size).contains(id)) {
                return Err(format!(
                    "config.json/generation_config.json give {key} {id}, not a token of the vocabulary (vocab_size {vocab_size})"
                ));
            }
        }
        Ok(())
    }
}

/// The parts of a BART `config.json` the forward pass needs.
#[derive(Debug, Clone)]
pub struct BartDims {
    pub d_model: i64,
    pub encoder_layers: i64,
    pub decoder_layers: i64,
    pub encoder_heads: i64,
    pub decoder_heads: i64,
    pub vocab_size: i64,
    pub max_positions: i64,
    pub scale_embedding: bool,
    pub activation: String,
    pub pad_token_id: i64,
}

impl ModelConfig {
    /// Parse `config.json`; the error says what is wrong with it.
    pub fn parse(config_json: &[u8]) -> Result<ModelConfig, String> {
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
        if !(1..=MAX_VOCAB).contains(&vocab_size) {
            return Err(format!(
                "config.json has vocab_size {vocab_size}, not in 1..={MAX_VOCAB}"
            ));
        }
        // T5 uses relative positions; its input length is what it was trained on.
        let max_input_tokens = head
            .max_position_embeddings
            .or(head.n_positions)
            .unwrap_or(512);
        // The chunker needs room for a sentence or two per chunk.
        if max_input_tokens < MIN_INPUT_TOKENS {
            return Err(format!(
                "config.json gives the model a window of {max_input_tokens} tokens, under the {MIN_INPUT_TOKENS} a summarizer needs"
            ));
        }
        if max_input_tokens > MAX_POSITIONS {
            return Err(format!(
                "config.json gives the model a window of {max_input_tokens} tokens, over the {MAX_POSITIONS} newsdigest accepts"
            ));
        }
        check_dimensions(architecture, &json)?;
        Ok(ModelConfig {
            architecture,
            vocab_size,
            max_input_tokens,
            max_position_embeddings: head.max_position_embeddings,
            generation: keys(Some(&json)),
            task: keys(json.pointer("/task_specific_params/summarization")),
            bart: keys(Some(&json)),
            source: config_json.to_vec(),
        })
    }

    /// The bytes this config was parsed from.
    pub fn source(&self) -> &[u8] {
        &self.source
    }

    /// The generation settings with `generation_config_json` as the folder's
    /// `generation_config.json` (see [`ModelConfig::settings`]).
    pub fn generation_settings(
        &self,
        generation_config_json: Option<&[u8]>,
        defaults: Option<&GenerationSettings>,
    ) -> Result<GenerationSettings, String> {
        let generation = generation_config_json
            .map(GenerationConfig::parse)
            .transpose()?;
        self.settings(generation.as_ref(), defaults)
    }

    /// The generation settings: `defaults` (or transformers' own defaults),
    /// then this config, then `generation_config.json` when there is one,
    /// then the config's `task_specific_params.summarization`.
    pub fn settings(
        &self,
        generation: Option<&GenerationConfig>,
        defaults: Option<&GenerationSettings>,
    ) -> Result<GenerationSettings, String> {
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
        let generation = generation.map(|g| &g.keys);
        for source in [Some(&self.generation), generation, Some(&self.task)]
            .into_iter()
            .flatten()
        {
            settings.apply(&source.overrides());
            if let Some(&e) = source.early_stopping.value() {
                settings.early_stopping = e;
            }
        }
        settings
            .check()
            .map_err(|e| format!("config.json/generation_config.json: {e}"))?;
        Ok(settings)
    }

    /// Most tokens a summary can have: the decoder's position table holds
    /// `max_position_embeddings` positions (BART's learned table has two
    /// rows more, its offset; Pegasus' and ProphetNet's have exactly as
    /// many), and a summary of `max_length` tokens, the start token
    /// included, reads at most that many. T5's positions are relative: no
    /// table, no limit but [`MAX_SUMMARY_TOKENS`].
    pub fn summary_positions(&self) -> Option<i64> {
        match self.architecture {
            Architecture::T5 | Architecture::LongT5 => None,
            _ => self
                .max_position_embeddings
                .and_then(|n| i64::try_from(n).ok()),
        }
    }

    /// The file that sets `max_length`, as [`ModelConfig::settings`] reads
    /// them (the last source to set it wins); `None` when none does.
    pub fn max_length_source(&self, generation: Option<&GenerationConfig>) -> Option<&'static str> {
        if self.task.max_length.value().is_some() {
            Some("config.json (task_specific_params.summarization)")
        } else if generation.is_some_and(|g| g.keys.max_length.value().is_some()) {
            Some("generation_config.json")
        } else if self.generation.max_length.value().is_some() {
            Some("config.json")
        } else {
            None
        }
    }

    /// The special tokens: `generation_config.json` first, then this config,
    /// then BART's ids (the native generator runs BART only).
    pub fn special_tokens(&self, generation: Option<&GenerationConfig>) -> SpecialTokens {
        // A key in generation_config.json decides even when it is `null`
        // (transformers' "none"): this config is not consulted for it then.
        let token = |key: fn(&GenerationKeys) -> &Key<i64>| -> Option<i64> {
            match generation.map(|g| key(&g.keys)) {
                Some(Key::Present(v)) => *v,
                _ => key(&self.generation).value().copied(),
            }
        };
        SpecialTokens {
            eos_token_id: token(|k| &k.eos_token_id).unwrap_or(2),
            pad_token_id: token(|k| &k.pad_token_id).unwrap_or(1),
            decoder_start_token_id: token(|k| &k.decoder_start_token_id).unwrap_or(2),
            forced_bos_token_id: token(|k| &k.forced_bos_token_id),
            forced_eos_token_id: token(|k| &k.forced_eos_token_id),
        }
    }

    /// BART's dimensions, with `pad_token_id` for its embedding; the error
    /// names the missing key or the unsupported variant.
    pub fn bart_dims(&self, pad_token_id: i64) -> Result<BartDims, String> {
        let b = &self.bart;
        let int = |key: &Key<i64>, name: &str| -> Result<i64, String> {
            key.value()
                .copied()
                .ok_or_else(|| format!("config.json has no integer {name:?}"))
        };
        let activation = b
            .activation_function
            .value()
            .map_or("gelu", String::as_str)
            .to_owned();
        if !["gelu", "relu", "gelu_new", "gelu_fast", "gelu_pytorch_tanh"]
            .contains(&activation.as_str())
        {
            return Err(format!("unsupported activation_function {activation:?}"));
        }
        if b.normalize_before.value() == Some(&true)
            || b.add_final_layer_norm.value() == Some(&true)
        {
            return Err("pre-norm BART variants (mBART) are not supported".into());
        }
        Ok(BartDims {
            d_model: int(&b.d_model, "d_model")?,
            encoder_layers: int(&b.encoder_layers, "encoder_layers")?,
            decoder_layers: int(&b.decoder_layers, "decoder_layers")?,
            encoder_heads: int(&b.encoder_attention_heads, "encoder_attention_heads")?,
            decoder_heads: int(&b.decoder_attention_heads, "decoder_attention_heads")?,
            vocab_size: self.vocab_size,
            max_positions: self
                .max_position_embeddings
                .and_then(|n| i64::try_from(n).ok())
                .ok_or("config.json has no integer \"max_position_embeddings\"")?,
            scale_embedding: b.scale_embedding.value() == Some(&true),
            activation,
            pad_token_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BART_CONFIG: &str = r#"{"model_type": "bart", "vocab_size": 10, "max_position_embeddings": 64, "num_beams": 2}"#;

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
    fn the_task_settings_win_and_keys_of_another_type_count_as_absent() {
        let config = ModelConfig::parse(
            br#"{"model_type": "bart", "vocab_size": 10, "num_beams": 2, "min_length": 3,
                "early_stopping": "yes", "length_penalty": 2,
                "task_specific_params": {"summarization": {"num_beams": 5, "max_length": "long"}}}"#,
        )
        .unwrap();
        let gen = GenerationConfig::parse(
            br#"{"num_beams": 3, "min_length": 7.5, "max_length": 60, "early_stopping": false}"#,
        )
        .unwrap();
        let s = config.settings(Some(&gen), None).unwrap();
        assert_eq!(
            s,
            GenerationSettings {
                num_beams: 5,
                min_length: 3,
                max_length: 60,
                length_penalty: 2.0,
                no_repeat_ngram_size: 3,
                early_stopping: false,
            }
        );
        // task_specific_params that is not a table has no settings.
        let config = ModelConfig::parse(
            br#"{"model_type": "bart", "vocab_size": 10, "task_specific_params": [{"summarization": {"num_beams": 9}}]}"#,
        )
        .unwrap();
        assert_eq!(config.settings(None, None).unwrap().num_beams, 4);
        // A generation_config.json that is not a table sets nothing.
        let list = GenerationConfig::parse(b"[1, 2]").unwrap();
        assert_eq!(config.settings(Some(&list), None).unwrap().num_beams, 4);
    }

    #[test]
    fn tokens_come_from_generation_config_first_and_null_there_means_none() {
        let config = ModelConfig::parse(
            br#"{"model_type": "bart", "vocab_size": 10, "pad_token_id": 5, "eos_token_id": 6,
                "forced_bos_token_id": 0, "forced_eos_token_id": 6}"#,
        )
        .unwrap();
        assert_eq!(
            config.special_tokens(None),
            SpecialTokens {
                eos_token_id: 6,
                pad_token_id: 5,
                decoder_start_token_id: 2,
                forced_bos_token_id: Some(0),
                forced_eos_token_id: Some(6),
            }
        );
        let gen = GenerationConfig::parse(
            br#"{"eos_token_id": 7, "forced_bos_token_id": null, "pad_token_id": "x"}"#,
        )
        .unwrap();
        assert_eq!(
            config.special_tokens(Some(&gen)),
            SpecialTokens {
                eos_token_id: 7,
                // Present in generation_config.json but not an integer: BART's.
                pad_token_id: 1,
                decoder_start_token_id: 2,
                forced_bos_token_id: None,
                forced_eos_token_id: Some(6),
            }
        );
    }

    #[test]
    fn bart_dims_name_what_is_missing_or_unsupported() {
        let full = r#"{"model_type": "bart", "vocab_size": 10, "max_position_embeddings": 64,
            "d_model": 16, "encoder_layers": 2, "decoder_layers": 1,
            "encoder_attention_heads": 4, "decoder_attention_heads": 2, "scale_embedding": true}"#;
        let dims = ModelConfig::parse(full.as_bytes())
            .unwrap()
            .bart_dims(1)
            .unwrap();
        assert_eq!(
            (dims.d_model, dims.encoder_layers, dims.decoder_layers),
            (16, 2, 1)
        );
        assert_eq!((dims.encoder_heads, dims.decoder_heads), (4, 2));
        assert_eq!((dims.vocab_size, dims.max_positions), (10, 64));
        assert!(dims.scale_embedding);
        assert_eq!(dims.activation, "gelu");
        for (edit, named) in [
            (
                ("\"d_model\": 16", "\"d_model\": 16.0"),
                "no integer \"d_model\"",
            ),
            (
                ("\"max_position_embeddings\": 64,", ""),
                "no integer \"max_position_embeddings\"",
            ),
            (
                (
                    "\"scale_embedding\"",
                    "\"activation_function\": \"swish\", \"x\"",
                ),
                "unsupported activation_function \"swish\"",
            ),
            (("\"scale_embedding\"", "\"normalize_before\""), "pre-norm"),
        ] {
            let config = ModelConfig::parse(full.replace(edit.0, edit.1).as_bytes()).unwrap();
            let err = config.bart_dims(1).unwrap_err();
            assert!(err.contains(named), "{err}");
        }
    }

    #[test]
    fn dimensions_no_model_has_are_refused_by_name() {
        let full = r#"{"model_type": "bart", "vocab_size": 10, "max_position_embeddings": 64,
            "d_model": 32, "encoder_layers": 2, "decoder_layers": 2, "encoder_ffn_dim": 64,
            "encoder_attention_heads": 4, "decoder_attention_heads": 2}"#;
        ModelConfig::parse(full.as_bytes()).unwrap();
        for (edit, named) in [
            (
                (
                    "\"encoder_attention_heads\": 4",
                    "\"encoder_attention_heads\": 0",
                ),
                "encoder_attention_heads 0, not in 1..=65536",
            ),
            (
                (
                    "\"decoder_attention_heads\": 2",
                    "\"decoder_attention_heads\": 0",
                ),
                "decoder_attention_heads 0, not in 1..=65536",
            ),
            (
                (
                    "\"encoder_attention_heads\": 4",
                    "\"encoder_attention_heads\": 3",
                ),
                "encoder_attention_heads 3, which does not divide d_model 32",
            ),
            (
                (
                    "\"decoder_attention_heads\": 2",
                    "\"decoder_attention_heads\": 64",
                ),
                "decoder_attention_heads 64, which does not divide d_model 32",
            ),
            (("\"d_model\": 32", "\"d_model\": 0"), "d_model 0, not in"),
            (
                ("\"d_model\": 32", "\"d_model\": -32"),
                "d_model -32, not in",
            ),
            (
                ("\"encoder_layers\": 2", "\"encoder_layers\": 2000000000"),
                "encoder_layers 2000000000, not in 1..=1024",
            ),
            (
                ("\"decoder_layers\": 2", "\"decoder_layers\": -1"),
                "decoder_layers -1, not in",
            ),
            (
                ("\"encoder_ffn_dim\": 64", "\"encoder_ffn_dim\": 0"),
                "encoder_ffn_dim 0, not in",
            ),
            (
                ("\"vocab_size\": 10", "\"vocab_size\": 0"),
                "vocab_size 0, not in",
            ),
            (
                (
                    "\"max_position_embeddings\": 64",
                    "\"max_position_embeddings\": 1000000",
                ),
                "window of 1000000 tokens, over the 65536",
            ),
        ] {
            let edited = full.replace(edit.0, edit.1);
            assert_ne!(edited, full, "{edit:?} edits nothing");
            let err = ModelConfig::parse(edited.as_bytes()).unwrap_err();
            assert!(err.contains(named) && err.contains("config.json"), "{err}");
        }
        // A value of another type is no dimension at all, named when BART
        // needs it.
        let float = full.replace("\"d_model\": 32", "\"d_model\": 0.5");
        let config = ModelConfig::parse(float.as_bytes()).unwrap();
        let err = config.bart_dims(1).unwrap_err();
        assert!(err.contains("no integer \"d_model\""), "{err}");
        // Other architectures' own keys: ProphetNet's heads divide its
        // hidden_size; T5's heads are their own width.
        let err = ModelConfig::parse(
            br#"{"model_type": "prophetnet", "vocab_size": 10, "hidden_size": 1024,
                "num_encoder_attention_heads": 0}"#,
        )
        .unwrap_err();
        assert!(err.contains("num_encoder_attention_heads 0"), "{err}");
        let err = ModelConfig::parse(
            br#"{"model_type": "prophetnet", "vocab_size": 10, "hidden_size": 1024,
                "num_decoder_attention_heads": 5}"#,
        )
        .unwrap_err();
        assert!(err.contains("does not divide hidden_size 1024"), "{err}");
        ModelConfig::parse(
            br#"{"model_type": "t5", "vocab_size": 10, "d_model": 512, "num_heads": 6, "d_kv": 64}"#,
        )
        .unwrap();
        let err = ModelConfig::parse(
            br#"{"model_type": "t5", "vocab_size": 10, "d_model": 512, "num_heads": 0}"#,
        )
        .unwrap_err();
        assert!(err.contains("num_heads 0"), "{err}");
    }

    #[test]
    fn special_tokens_must_be_in_the_vocabulary() {
        let config = ModelConfig::parse(
            br#"{"model_type": "bart", "vocab_size": 10, "eos_token_id": 9, "pad_token_id": 1}"#,
        )
        .unwrap();
        config.special_tokens(None).check(10).unwrap();
        for (gen, named) in [
            (r#"{"eos_token_id": 10}"#, "eos_token_id 10"),
            (r#"{"pad_token_id": -1}"#, "pad_token_id -1"),
            (r#"{"forced_bos_token_id": 600}"#, "forced_bos_token_id 600"),
            (
                r#"{"decoder_start_token_id": 99}"#,
                "decoder_start_token_id 99",
            ),
        ] {
            let gen = GenerationConfig::parse(gen.as_bytes()).unwrap();
            let err = config.special_tokens(Some(&gen)).check(10).unwrap_err();
            assert!(
                err.contains(named) && err.contains("vocab_size 10"),
                "{err}"
            );
        }
    }
}
