//! Parity with the reference implementation: newsdigest's generator must give
//! the token ids transformers gives (tests/fixtures/reference_tiny_bart.json,
//! recorded by scripts/reference_generate.py) for the tiny BART model, token
//! for token, and the same decoded text; alone and in padded batches.
#![cfg(feature = "abstractive")]

#[path = "support/reference.rs"]
mod reference;

use newsdigest::summarize::{
    generate, Bart, GenerationSettings, HfTokenizer, ModelFolder, SearchParams, SpecialTokens,
};
use reference::{fixture, ids, root};
use serde_json::Value;
use tch::{Device, Kind};

fn params(case: &Value, fx: &Value) -> SearchParams {
    let s = &case["settings"];
    let g = &fx["generation_config"];
    SearchParams {
        settings: GenerationSettings {
            num_beams: s["num_beams"].as_i64().unwrap(),
            min_length: s["min_length"].as_i64().unwrap(),
            max_length: s["max_length"].as_i64().unwrap(),
            length_penalty: s["length_penalty"].as_f64().unwrap(),
            no_repeat_ngram_size: s["no_repeat_ngram_size"].as_i64().unwrap(),
            early_stopping: s["early_stopping"].as_bool().unwrap(),
        },
        tokens: SpecialTokens {
            eos_token_id: s["eos_token_id"]
                .as_i64()
                .unwrap_or_else(|| g["eos_token_id"].as_i64().unwrap()),
            pad_token_id: g["pad_token_id"].as_i64().unwrap(),
            decoder_start_token_id: g["decoder_start_token_id"].as_i64().unwrap(),
            forced_bos_token_id: g["forced_bos_token_id"].as_i64(),
            forced_eos_token_id: g["forced_eos_token_id"].as_i64(),
        },
    }
}

fn tiny() -> (Bart, HfTokenizer) {
    let dir = root().join("models/tiny-bart");
    let folder = ModelFolder::inspect(&dir, None, None).unwrap();
    let tok = HfTokenizer::load(&folder).unwrap();
    let dims = folder.bart_dims().unwrap();
    let model = Bart::load(dims, &folder.weights, Kind::Float, Device::Cpu).unwrap();
    (model, tok)
}

#[test]
fn tokenizer_matches_the_reference() {
    let fx = fixture();
    let (_, tok) = tiny();
    for input in fx["inputs"].as_array().unwrap() {
        let text = input["text"].as_str().unwrap();
        assert_eq!(tok.encode(text).unwrap(), ids(&input["ids"]), "{text}");
    }
}

#[test]
fn generated_ids_equal_the_reference_token_for_token() {
    let fx = fixture();
    let (model, tok) = tiny();
    let inputs: Vec<Vec<i64>> = fx["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| ids(&i["ids"]))
        .collect();
    let mut failures = Vec::new();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let p = params(case, &fx);
        let mut check = |mode: &str, k: usize, got: &[i64], want: &Value| {
            let want_ids = ids(&want["ids"]);
            if got != want_ids.as_slice() {
                failures.push(format!(
                    "{name}/{mode}/input {k}: ids differ\n  got  {got:?}\n  want {want_ids:?}"
                ));
                return;
            }
            let text = tok.decode(got).unwrap();
            if text != want["text"].as_str().unwrap() {
                failures.push(format!("{name}/{mode}/input {k}: text differs: {text:?}"));
            }
        };
        for (k, input) in inputs.iter().enumerate() {
            let got = generate(&model, std::slice::from_ref(input), &p);
            check("single", k, &got[0], &case["single"][k]);
        }
        let got = generate(&model, &inputs, &p);
        for (k, g) in got.iter().enumerate() {
            check("batched", k, g, &case["batched"][k]);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// bf16: the reference in bf16 (transformers, same model cast to bfloat16)
/// and ours in bf16. Beam search on random weights has near-ties that bf16
/// rounding flips, so f32 and bf16 beam outputs differ in both
/// implementations (transformers: 0/4 beam outputs equal across dtypes on
/// tiny-bart, greedy 4/4); ours must give the reference's bf16 ids, with the
/// structure (forced tokens, lengths) intact.
#[test]
fn bf16_follows_the_reference_in_bf16() {
    let fx = fixture();
    let dir = root().join("models/tiny-bart");
    let folder = ModelFolder::inspect(&dir, None, None).unwrap();
    let dims = folder.bart_dims().unwrap();
    let model = Bart::load(dims, &folder.weights, Kind::BFloat16, Device::Cpu).unwrap();
    let inputs: Vec<Vec<i64>> = fx["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| ids(&i["ids"]))
        .collect();
    let (mut same, mut total) = (0, 0);
    let mut report = Vec::new();
    for case in fx["bf16_cases"].as_array().unwrap() {
        let p = params(case, &fx);
        for (k, input) in inputs.iter().enumerate() {
            let got = generate(&model, std::slice::from_ref(input), &p).remove(0);
            let want = ids(&case["single"][k]["ids"]);
            assert_eq!(&got[..2], &[2, 0], "decoder start and forced BOS");
            assert_eq!(got.last(), Some(&2), "ends with </s>");
            assert!(
                got.len() as i64 <= p.settings.max_length
                    && got.len() as i64 >= p.settings.min_length
            );
            total += 1;
            if got == want {
                same += 1;
            } else {
                let first = got.iter().zip(&want).position(|(a, b)| a != b);
                report.push(format!(
                    "{}/input {k}: first difference at position {first:?}",
                    case["name"]
                ));
            }
        }
    }
    println!("bf16: {same}/{total} equal to the reference's bf16 ids; {report:?}");
    assert_eq!(same, total, "bf16 {same}/{total}: {report:?}");
}
