//! rust-bert 0.23's own `generate` against the same reference fixture: the
//! agreement and the differences docs/summarize-parity.md states, asserted.
//! newsdigest runs BART through its own generator (tests/summarize_parity.rs);
//! this file is about the rust-bert path, which other architectures still use.
#![cfg(feature = "abstractive")]

#[path = "support/reference.rs"]
mod reference;

use std::path::{Path, PathBuf};

use reference::{fixture, ids, root};
use rust_bert::bart::BartGenerator;
use rust_bert::pipelines::common::{ModelResource, ModelType, TokenizerOption};
use rust_bert::pipelines::generation_utils::{GenerateConfig, GenerateOptions, LanguageGenerator};
use rust_bert::resources::LocalResource;
use rust_tokenizers::tokenizer::TruncationStrategy;
use serde_json::Value;
use tch::{Device, Tensor};

/// A copy of tiny-bart whose config.json says `eos_token_id` (rust-bert
/// reads the end-of-sequence id only from there).
fn model_dir_with_eos(eos: Option<i64>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let src = root().join("models/tiny-bart");
    for f in [
        "config.json",
        "vocab.json",
        "merges.txt",
        "model.safetensors",
    ] {
        std::fs::copy(src.join(f), tmp.path().join(f)).unwrap();
    }
    if let Some(eos) = eos {
        let p = tmp.path().join("config.json");
        let mut c: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        c["eos_token_id"] = eos.into();
        std::fs::write(&p, c.to_string()).unwrap();
    }
    let dir = tmp.path().to_owned();
    (tmp, dir)
}

fn generator(dir: &Path) -> BartGenerator {
    // One libtorch thread (for the calling thread, as OpenMP counts): a model
    // of 32 dimensions gains nothing from a thread pool, and on a busy
    // machine its spinning workers make these tests ten times slower.
    tch::set_num_threads(1);
    let local = |f: &str| Box::new(LocalResource::from(dir.join(f)));
    let config = GenerateConfig {
        model_type: ModelType::Bart,
        model_resource: ModelResource::Torch(local("model.safetensors")),
        config_resource: local("config.json"),
        vocab_resource: local("vocab.json"),
        merges_resource: Some(local("merges.txt")),
        min_length: 0,
        max_length: Some(20),
        do_sample: false,
        early_stopping: true,
        num_beams: 1,
        temperature: 1.0,
        top_k: 0,
        top_p: 1.0,
        repetition_penalty: 1.0,
        length_penalty: 1.0,
        no_repeat_ngram_size: 0,
        num_return_sequences: 1,
        num_beam_groups: None,
        diversity_penalty: None,
        device: Device::Cpu,
        kind: None,
    };
    let tok = TokenizerOption::from_file(
        ModelType::Bart,
        dir.join("vocab.json").to_str().unwrap(),
        Some(dir.join("merges.txt").to_str().unwrap()),
        false,
        None,
        false,
    )
    .unwrap();
    BartGenerator::new_with_tokenizer(config, tok).unwrap()
}

/// The options of a fixture case for rust-bert's `generate`.
fn options(case: &Value) -> GenerateOptions<'static> {
    let s = &case["settings"];
    GenerateOptions {
        num_beams: s["num_beams"].as_i64(),
        min_length: s["min_length"].as_i64(),
        max_length: s["max_length"].as_i64(),
        length_penalty: s["length_penalty"].as_f64(),
        no_repeat_ngram_size: s["no_repeat_ngram_size"].as_i64(),
        early_stopping: s["early_stopping"].as_bool(),
        ..Default::default()
    }
}

fn rust_bert_ids(gen: &BartGenerator, input: &[i64], opts: GenerateOptions) -> Vec<i64> {
    let x = Tensor::from_slice(input).view([1, -1]);
    gen.generate_from_ids_and_past(x, None, Some(opts))
        .unwrap()
        .remove(0)
        .indices
}

/// rust-bert's search, given the forced BOS token explicitly (it does not
/// read generation_config.json, see below), gives the reference's ids for
/// every input of every case alone but one: the search Pegasus and T5 run
/// through is transformers', with the one difference docs/summarize-parity.md
/// names. At `max_length` rust-bert scores a beam still open with its length
/// including the start token (transformers: without), which favours the
/// open beam; in `beam4_ragged_eos347` input 4's finished hypothesis (29
/// tokens) loses to an open one that way. (Checked with transformers itself:
/// given rust-bert's normalisation it returns rust-bert's ids.)
#[test]
fn rust_bert_search_gives_the_reference_ids_alone() {
    let fx = fixture();
    let (mut same, mut total) = (0, 0);
    let mut differ = Vec::new();
    let mut report = Vec::new();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (_tmp, dir) = model_dir_with_eos(case["settings"]["eos_token_id"].as_i64());
        let gen = generator(&dir);
        for (row, k) in case["inputs"].as_array().unwrap().iter().enumerate() {
            let k = k.as_u64().unwrap();
            let input = ids(&fx["inputs"][k as usize]["ids"]);
            let opts = GenerateOptions {
                forced_bos_token_id: Some(0),
                ..options(case)
            };
            let got = rust_bert_ids(&gen, &input, opts);
            let want = ids(&case["single"][row]["ids"]);
            total += 1;
            if got == want {
                same += 1;
            } else {
                differ.push((name, k));
                report.push(format!(
                    "{name}/input {k}:\n  rust-bert {got:?}\n  reference {want:?}"
                ));
            }
        }
    }
    // 28 sequences of the first seven cases, 14 of the ragged ones.
    assert_eq!(total, 42, "sequences compared");
    assert_eq!(
        differ,
        [("beam4_ragged_eos347", 4)],
        "{same}/{total} equal\n{}",
        report.join("\n")
    );
}

/// rust_tokenizers' RobertaTokenizer gives the reference's input ids.
#[test]
fn rust_bert_tokenizer_gives_the_reference_ids() {
    let fx = fixture();
    let (_tmp, dir) = model_dir_with_eos(None);
    let gen = generator(&dir);
    let tok = gen.get_tokenizer();
    for input in fx["inputs"].as_array().unwrap() {
        let text = input["text"].as_str().unwrap();
        let enc = tok.encode_list(&[text], 1024, &TruncationStrategy::LongestFirst, 0);
        assert_eq!(enc[0].token_ids, ids(&input["ids"]), "{text}");
    }
}

/// The configuration difference that changes outputs: rust-bert takes
/// `forced_bos_token_id` from config.json only, and tiny-bart (like
/// checkpoints saved by transformers >= 4.27) has it in
/// generation_config.json, so rust-bert's own settings lose the forced `<s>`
/// and the tokens after it. Should this fail, rust-bert has learnt to read
/// generation_config.json: update docs/summarize-parity.md.
#[test]
fn rust_bert_without_an_explicit_forced_bos_departs_from_the_reference() {
    let fx = fixture();
    let (_tmp, dir) = model_dir_with_eos(None);
    let gen = generator(&dir);
    let case = &fx["cases"][1];
    assert_eq!(case["name"], "beam4_cnn");
    let input = ids(&fx["inputs"][0]["ids"]);
    let got = rust_bert_ids(&gen, &input, options(case));
    let want = ids(&case["single"][0]["ids"]);
    assert_eq!(&want[..3], &[2, 0, 251], "reference: forced <s> at step 1");
    assert_eq!(&got[..3], &[2, 560, 560], "rust-bert: no forced <s>");
    assert_ne!(got, want);
}

/// rust-bert's summarization pipeline decodes with
/// `clean_up_tokenization_spaces = true`; transformers 4.46 (and newsdigest)
/// with false, which gives back the text as it was encoded.
#[test]
fn rust_bert_decoding_cleans_up_tokenization_spaces() {
    let (_tmp, dir) = model_dir_with_eos(None);
    let gen = generator(&dir);
    let tok = gen.get_tokenizer();
    let text = "He said , \"it 's done .\"";
    let enc = tok.encode_list(&[text], 1024, &TruncationStrategy::LongestFirst, 0);
    let ids = &enc[0].token_ids;
    assert_eq!(tok.decode(ids, true, false), text);
    assert_eq!(tok.decode(ids, true, true), "He said, \"it's done.\"");
}
