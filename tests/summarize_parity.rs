//! Parity with the reference implementation: newsdigest's generator must give
//! the token ids transformers gives (tests/fixtures/reference_tiny_bart.json,
//! recorded by scripts/reference_generate.py) for the tiny BART model, token
//! for token, and the same decoded text; alone and in padded batches, with
//! the special tokens and settings the model folder itself declares.
#![cfg(feature = "abstractive")]

#[path = "support/reference.rs"]
mod reference;

use newsdigest::summarize::{
    generate, resolve_folder, Abstractive, Bart, DeviceChoice, GenerationOverrides,
    GenerationSettings, HfTokenizer, ModelChoice, ModelFolder, NoProgress, Precision, SearchParams,
    SpecialTokens,
};
use reference::{fixture, ids, root};
use serde_json::Value;
use tch::{Device, Kind, Tensor};

/// The special tokens transformers read from the folder (config.json, then
/// generation_config.json, where `forced_bos_token_id` lives).
fn reference_tokens(fx: &Value) -> SpecialTokens {
    let g = &fx["generation_config"];
    SpecialTokens {
        eos_token_id: g["eos_token_id"].as_i64().unwrap(),
        pad_token_id: g["pad_token_id"].as_i64().unwrap(),
        decoder_start_token_id: g["decoder_start_token_id"].as_i64().unwrap(),
        forced_bos_token_id: g["forced_bos_token_id"].as_i64(),
        forced_eos_token_id: g["forced_eos_token_id"].as_i64(),
    }
}

/// A case's settings in newsdigest's terms.
fn settings(case: &Value) -> GenerationSettings {
    let s = &case["settings"];
    GenerationSettings {
        num_beams: s["num_beams"].as_i64().unwrap(),
        min_length: s["min_length"].as_i64().unwrap(),
        max_length: s["max_length"].as_i64().unwrap(),
        length_penalty: s["length_penalty"].as_f64().unwrap(),
        no_repeat_ngram_size: s["no_repeat_ngram_size"].as_i64().unwrap(),
        early_stopping: s["early_stopping"].as_bool().unwrap(),
    }
}

/// The search of `case` with the loaded model's own special tokens; a case
/// may name another end-of-sequence id (see scripts/reference_generate.py).
fn params(case: &Value, loaded: &SpecialTokens) -> SearchParams {
    let mut tokens = loaded.clone();
    if let Some(eos) = case["settings"]["eos_token_id"].as_i64() {
        tokens.eos_token_id = eos;
    }
    SearchParams {
        settings: settings(case),
        tokens,
    }
}

/// The fixture's inputs that `case` uses, in its order: (index, ids, text).
fn case_inputs<'a>(case: &Value, fx: &'a Value) -> Vec<(usize, Vec<i64>, &'a str)> {
    case["inputs"]
        .as_array()
        .expect("every case names its inputs")
        .iter()
        .map(|k| {
            let k = k.as_u64().unwrap() as usize;
            let input = &fx["inputs"][k];
            (k, ids(&input["ids"]), input["text"].as_str().unwrap())
        })
        .collect()
}

fn tiny_dir() -> std::path::PathBuf {
    root().join("models/tiny-bart")
}

/// libtorch on one thread (for the calling thread, as OpenMP counts): a model
/// of 32 dimensions gains nothing from a thread pool, and on a busy machine
/// its spinning workers make these tests ten times slower.
fn one_thread() {
    tch::set_num_threads(1);
}

/// The tiny model as the loader reads it: weights, tokenizer, and the special
/// tokens the folder declares.
fn tiny(kind: Kind) -> (Bart, HfTokenizer, SpecialTokens) {
    one_thread();
    let folder = ModelFolder::inspect(&tiny_dir(), None, None).unwrap();
    let tok = HfTokenizer::load(&folder).unwrap();
    let dims = folder.bart_dims().unwrap();
    let model = Bart::load(dims, &folder.weights, kind, Device::Cpu).unwrap();
    (model, tok, folder.special_tokens.clone())
}

#[test]
fn tokenizer_matches_the_reference() {
    let fx = fixture();
    let (_, tok, _) = tiny(Kind::Float);
    for input in fx["inputs"].as_array().unwrap() {
        let text = input["text"].as_str().unwrap();
        assert_eq!(tok.encode(text).unwrap(), ids(&input["ids"]), "{text}");
    }
}

/// The loader reads the special tokens from the folder as transformers does:
/// the forced `<s>` is only in tiny-bart's generation_config.json, like in
/// every checkpoint saved by transformers >= 4.27.
#[test]
fn the_loader_reads_the_reference_special_tokens() {
    let fx = fixture();
    let (_, _, tokens) = tiny(Kind::Float);
    assert_eq!(tokens, reference_tokens(&fx));
}

#[test]
fn generated_ids_equal_the_reference_token_for_token() {
    let fx = fixture();
    let (model, tok, tokens) = tiny(Kind::Float);
    let mut failures = Vec::new();
    let mut ragged = 0;
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let p = params(case, &tokens);
        let inputs = case_inputs(case, &fx);
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
        for (row, (k, input, _)) in inputs.iter().enumerate() {
            let got = generate(&model, std::slice::from_ref(input), &p);
            assert_eq!(got.len(), 1, "{name}/single/input {k}: one output");
            check("single", *k, &got[0], &case["single"][row]);
        }
        let batch: Vec<Vec<i64>> = inputs.iter().map(|(_, ids, _)| ids.clone()).collect();
        let got = generate(&model, &batch, &p);
        let want = case["batched"].as_array().unwrap();
        assert_eq!(
            (got.len(), want.len()),
            (batch.len(), batch.len()),
            "{name}/batched: one output per input"
        );
        for (row, g) in got.iter().enumerate() {
            check("batched", inputs[row].0, g, &want[row]);
        }
        let lengths: std::collections::BTreeSet<usize> =
            want.iter().map(|w| ids(&w["ids"]).len()).collect();
        ragged += usize::from(lengths.len() > 1);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The fixture keeps cases whose rows end at different steps (a finished
    // row padded while the others go on), else batching is barely tested.
    assert!(ragged >= 2, "{ragged} cases with rows of different lengths");
}

/// A batch too large for the encoder's feed-forward layers to take at once
/// (they run over at most 2048 rows at a time, to bound the memory of their
/// hidden layer): 12 articles padded to 256 tokens are 3 072 rows, split in
/// the middle of an article. Each article's first decoding step still gives
/// the logits it gives alone.
#[test]
fn a_batch_whose_encoder_rows_are_split_gives_every_article_its_own_logits() {
    let fx = fixture();
    let (model, _, tokens) = tiny(Kind::Float);
    let inputs: Vec<Vec<i64>> = fx["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| ids(&i["ids"]))
        .collect();
    let longest = inputs.iter().map(Vec::len).max().unwrap();
    let batch: Vec<&Vec<i64>> = inputs.iter().cycle().take(12).collect();
    assert!(batch.len() * longest > 2048, "the batch fits at once");
    let first_step = |rows: &[&Vec<i64>]| {
        let width = rows.iter().map(|r| r.len()).max().unwrap();
        let mut ids = Vec::new();
        let mut mask = Vec::new();
        for r in rows {
            ids.extend(r.iter().copied());
            ids.extend(std::iter::repeat_n(tokens.pad_token_id, width - r.len()));
            mask.extend(std::iter::repeat_n(1i64, r.len()));
            mask.extend(std::iter::repeat_n(0i64, width - r.len()));
        }
        let shape = [rows.len() as i64, width as i64];
        let enc = model.encode(
            &Tensor::from_slice(&ids).view(shape),
            &Tensor::from_slice(&mask).view(shape),
        );
        let mut cache = model.new_cache(rows.len() as i64, 4);
        let start = vec![tokens.decoder_start_token_id; rows.len()];
        model.decode_step(&Tensor::from_slice(&start), &enc, &mut cache)
    };
    let together = first_step(&batch);
    for (row, input) in batch.iter().enumerate() {
        let alone = first_step(&[*input]);
        let diff = (together.get(row as i64) - alone.get(0))
            .abs()
            .max()
            .double_value(&[]);
        // The tiny model's logits (about 0.47 at most) hardly depend on the
        // input (random weights of init_std 0.02): the same products summed
        // in another order differ by 1e-7 here, an article given another's
        // feed-forward rows by 4e-6 or more.
        assert!(diff <= 1e-6, "row {row}: logits differ by {diff}");
    }
}

/// The CLI's own path (`digest --model-dir`): the folder resolved and the
/// model loaded by the library, fed the fixture's texts. Tokens and settings
/// come from the folder, nothing from the fixture: a loader that stopped
/// reading generation_config.json (no forced `<s>`) or the folder's settings
/// fails here. Cases the command line can express (its own end-of-sequence
/// id and early stopping are the model's), alone and batched.
#[test]
fn the_loaded_summarizer_gives_the_reference_text() {
    one_thread();
    let fx = fixture();
    let g = &fx["generation_config"];
    let folder_settings = resolve_folder(
        &ModelChoice::Dir(tiny_dir()),
        &GenerationOverrides::default(),
        &mut NoProgress,
    )
    .unwrap()
    .settings;
    assert_eq!(
        folder_settings,
        GenerationSettings {
            num_beams: g["num_beams"].as_i64().unwrap(),
            min_length: g["min_length"].as_i64().unwrap(),
            max_length: g["max_length"].as_i64().unwrap(),
            length_penalty: g["length_penalty"].as_f64().unwrap(),
            no_repeat_ngram_size: g["no_repeat_ngram_size"].as_i64().unwrap(),
            early_stopping: g["early_stopping"].as_bool().unwrap(),
        },
        "the folder's settings as transformers reads them"
    );
    let mut checked = Vec::new();
    for case in fx["cases"].as_array().unwrap() {
        let s = settings(case);
        if case["settings"].get("eos_token_id").is_some()
            || s.early_stopping != folder_settings.early_stopping
        {
            continue;
        }
        // The model's own settings need no flag: the CNN case runs without any.
        let overrides = if s == folder_settings {
            GenerationOverrides::default()
        } else {
            GenerationOverrides {
                num_beams: Some(s.num_beams),
                min_length: Some(s.min_length),
                max_length: Some(s.max_length),
                length_penalty: Some(s.length_penalty),
                no_repeat_ngram_size: Some(s.no_repeat_ngram_size),
            }
        };
        let texts: Vec<String> = case_inputs(case, &fx)
            .iter()
            .map(|(_, _, t)| t.to_string())
            .collect();
        let name = case["name"].as_str().unwrap();
        for (mode, batch_size) in [("single", 1), ("batched", texts.len())] {
            let folder =
                resolve_folder(&ModelChoice::Dir(tiny_dir()), &overrides, &mut NoProgress).unwrap();
            let summarizer =
                Abstractive::load(folder, DeviceChoice::Cpu, Precision::F32, batch_size).unwrap();
            let got = summarizer.generate(&texts).unwrap();
            let want: Vec<&str> = case[mode]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["text"].as_str().unwrap())
                .collect();
            assert_eq!(got, want, "{name}/{mode}");
        }
        checked.push(name);
    }
    assert_eq!(checked, ["greedy", "beam4_cnn", "beam3_short_min0"]);
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
    let (model, _, tokens) = tiny(Kind::BFloat16);
    let (mut same, mut total) = (0, 0);
    let mut report = Vec::new();
    for case in fx["bf16_cases"].as_array().unwrap() {
        let p = params(case, &tokens);
        for (row, (k, input, _)) in case_inputs(case, &fx).iter().enumerate() {
            let got = generate(&model, std::slice::from_ref(input), &p).remove(0);
            let want = ids(&case["single"][row]["ids"]);
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
