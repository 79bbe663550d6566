//! int8 weights (`--dtype int8`) against float32 on the tiny BART model:
//! the whole search token for token, and each step under teacher forcing
//! (the same tokens fed to both). The figures asserted are the ones
//! measured when int8 was added (docs/int8.md); a change in the
//! quantization that loses agreement fails here.
#![cfg(feature = "abstractive")]

#[path = "support/reference.rs"]
mod reference;

use newsdigest::summarize::{
    generate, int8_weight_levels, teacher_forced_agreement, Abstractive, Bart, DeviceChoice,
    Int8Layers, ModelFolder, Precision, SearchParams,
};
use reference::{fixture, ids, root};
use tch::{Device, Kind};

fn folder() -> ModelFolder {
    ModelFolder::inspect(&root().join("models/tiny-bart"), None, None).unwrap()
}

fn float32(f: &ModelFolder) -> Bart {
    Bart::load(f.bart_dims().unwrap(), &f.weights, Kind::Float, Device::Cpu).unwrap()
}

fn int8(f: &ModelFolder, layers: Int8Layers) -> Bart {
    Bart::load_int8(f.bart_dims().unwrap(), &f.weights, Device::Cpu, layers).unwrap()
}

fn search_params(f: &ModelFolder) -> SearchParams {
    SearchParams {
        settings: f.settings.clone(),
        tokens: f.special_tokens.clone(),
    }
}

fn models() -> (Bart, Bart, SearchParams) {
    tch::set_num_threads(1);
    let f = folder();
    (
        float32(&f),
        int8(&f, Int8Layers::default()),
        search_params(&f),
    )
}

/// bf16 where this CPU computes in it natively (AVX512-BF16), else float32:
/// the precision the model picks for what may run in bf16.
fn bf16_where_the_cpu_has_it() -> Kind {
    #[cfg(target_arch = "x86_64")]
    let has_bf16 = std::is_x86_feature_detected!("avx512bf16");
    #[cfg(not(target_arch = "x86_64"))]
    let has_bf16 = false;
    if has_bf16 {
        Kind::BFloat16
    } else {
        Kind::Float
    }
}

/// Under teacher forcing on the float32 model's own output for every
/// input, `a` and `b` pick the same top-1 token at every step, with logits
/// at least `min_cosine` alike.
fn assert_agree(f: &ModelFolder, a: &Bart, b: &Bart, min_cosine: f64) {
    let f32 = float32(f);
    let params = search_params(f);
    for input in inputs() {
        let target = generate(&f32, std::slice::from_ref(&input), &params).remove(0);
        let agreement = teacher_forced_agreement(a, b, &input, &target);
        assert_eq!(agreement.top1_equal, agreement.steps, "{agreement:?}");
        assert!(agreement.min_cosine > min_cosine, "{agreement:?}");
    }
}

/// The fixture's distinct inputs.
fn inputs() -> Vec<Vec<i64>> {
    fixture()["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| ids(&i["ids"]))
        .collect()
}

/// Index of the first differing token, or `None` when equal.
fn first_difference(a: &[i64], b: &[i64]) -> Option<usize> {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .or((a.len() != b.len()).then(|| a.len().min(b.len())))
}

#[test]
fn int8_search_against_f32_token_for_token() {
    let (f32, int8, beam) = models();
    let mut greedy = beam.clone();
    greedy.settings.num_beams = 1;
    for (name, params) in [("greedy", &greedy), ("beam", &beam)] {
        let mut report = Vec::new();
        for input in inputs() {
            let a = generate(&f32, std::slice::from_ref(&input), params).remove(0);
            let b = generate(&int8, std::slice::from_ref(&input), params).remove(0);
            report.push((a.len(), first_difference(&a, &b)));
        }
        eprintln!("{name}: (f32 length, first difference) per input: {report:?}");
        let equal = report.iter().filter(|(_, d)| d.is_none()).count();
        // Measured (docs/int8.md): greedy equal for all 5 inputs over their
        // 40 tokens; beam search equal for 1, the other 4 part at position
        // 2, the first token not forced, where a random model's candidates
        // are near ties across beams. With 63 levels (an AVX2-only CPU)
        // greedy is still equal for all 5; beam search parts for all 5, at
        // position 2 or later (4 at 2, 1 at 27). 127 levels there, which
        // overflow, parted greedy search at position 5 for every input.
        if name == "greedy" || int8_weight_levels() == 127.0 {
            let want = if name == "greedy" { report.len() } else { 1 };
            assert!(equal >= want, "{name}: {report:?}");
        } else {
            assert!(
                report.iter().all(|(_, d)| d.is_none_or(|p| p >= 2)),
                "{name}: {report:?}"
            );
        }
    }
}

#[test]
fn int8_logits_agree_with_f32_under_teacher_forcing() {
    let (f32, int8, params) = models();
    let (mut steps, mut equal, mut min_cos, mut mean_cos) = (0, 0, 1.0f64, 0.0);
    for input in inputs() {
        let target = generate(&f32, std::slice::from_ref(&input), &params).remove(0);
        let a = teacher_forced_agreement(&f32, &int8, &input, &target);
        steps += a.steps;
        equal += a.top1_equal;
        min_cos = min_cos.min(a.min_cosine);
        mean_cos += a.mean_cosine * a.steps as f64;
        // A model agrees with itself exactly.
        let same = teacher_forced_agreement(&f32, &f32, &input, &target);
        assert_eq!(same.top1_equal, same.steps);
        assert!(same.min_cosine > 0.999_999, "{same:?}");
    }
    mean_cos /= steps as f64;
    eprintln!(
        "teacher forcing: {equal}/{steps} top-1 equal, cosine mean {mean_cos:.6} min {min_cos:.6}"
    );
    // Measured: 195/195 equal, cosine min 0.99995 (docs/int8.md); with 63
    // levels (an AVX2-only CPU), 195/195 and 0.99985, where 127 levels,
    // which overflow there, gave 0.981.
    assert_eq!(equal, steps, "top-1 agreement");
    let min = if int8_weight_levels() == 127.0 {
        0.9999
    } else {
        0.9998
    };
    assert!(min_cos > min, "{min_cos}");
}

#[test]
fn int8_is_refused_on_cuda_with_a_clear_error() {
    let f = folder();
    let err = Bart::load_int8(
        f.bart_dims().unwrap(),
        &f.weights,
        Device::Cuda(0),
        Int8Layers::default(),
    )
    .err()
    .expect("int8 on CUDA is an error");
    assert!(err.contains("CPU only"), "{err}");
}

#[test]
fn the_dtype_flag_reads_int8() {
    assert_eq!("int8".parse::<Precision>(), Ok(Precision::Int8));
    let err = "int4".parse::<Precision>().unwrap_err();
    assert!(err.contains("int8"), "{err}");
}

#[test]
fn an_int8_summarizer_loads_and_summarizes_text() {
    tch::set_num_threads(1);
    let model = Abstractive::load(folder(), DeviceChoice::Cpu, Precision::Int8, 4).unwrap();
    let text = fixture()["inputs"][0]["text"].as_str().unwrap().to_owned();
    let out = model.generate(&[text]).unwrap();
    assert!(!out[0].trim().is_empty());
}

#[test]
fn weights_that_do_not_fit_the_config_are_named_in_int8_as_in_f32() {
    let f = folder();
    let dims = f.bart_dims().unwrap();
    let layers = dims.decoder_layers;
    let load = |dims: newsdigest::summarize::BartDims, encoder: bool| {
        let int8 = Int8Layers {
            encoder,
            ..Int8Layers::default()
        };
        let f32 = Bart::load(dims.clone(), &f.weights, Kind::Float, Device::Cpu).err();
        let int8 = Bart::load_int8(dims, &f.weights, Device::Cpu, int8).err();
        (f32.expect("f32 loads"), int8.expect("int8 loads"))
    };
    // A layer the file does not have: the missing matrix is named.
    let mut more = dims.clone();
    more.decoder_layers += 1;
    for encoder in [true, false] {
        let (f32, int8) = load(more.clone(), encoder);
        let missing = format!("model.decoder.layers.{layers}.");
        assert!(f32.contains(&missing), "{f32}");
        assert!(int8.contains(&missing), "{int8}");
    }
    // A vocabulary of another size: the embedding's shape is the error.
    let mut vocab = dims.clone();
    vocab.vocab_size += 1;
    let (f32, int8) = load(vocab, true);
    assert!(f32.contains("the embedding has shape"), "{f32}");
    assert!(int8.contains("the embedding has shape"), "{int8}");
}

#[test]
fn bf16_attention_is_used_where_the_cpu_has_bf16_and_agrees_with_float32() {
    tch::set_num_threads(1);
    let f = folder();
    let load = |bf16_attention| {
        let layers = Int8Layers {
            bf16_attention,
            ..Int8Layers::default()
        };
        int8(&f, layers)
    };
    let (float_attention, bf16_attention) = (load(false), load(true));
    assert_eq!(float_attention.attention_kind(), Kind::Float);
    assert_eq!(bf16_attention.attention_kind(), bf16_where_the_cpu_has_it());
    // The float32 model never changes its precision.
    assert_eq!(float32(&f).attention_kind(), Kind::Float);
    assert_agree(&f, &float_attention, &bf16_attention, 0.9999);
}

#[test]
fn an_encoder_left_out_of_int8_runs_in_bf16_where_the_cpu_has_it_and_agrees_with_float32() {
    tch::set_num_threads(1);
    let f = folder();
    let load = |encoder| {
        let layers = Int8Layers {
            encoder,
            ..Int8Layers::default()
        };
        int8(&f, layers)
    };
    assert_eq!(load(true).encoder_kind(), Kind::Float);
    let other = load(false);
    assert_eq!(other.encoder_kind(), bf16_where_the_cpu_has_it());
    // The decoder is int8 either way, so its inputs come back in float32.
    assert_eq!(other.kind(), Kind::Float);
    assert_agree(&f, &float32(&f), &other, 0.999);
}
