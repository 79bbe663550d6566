//! The quality guard of `--dtype int8` (docs/int8.md): int8 against float32
//! on one model folder, under teacher forcing. The f32 model's beam-search
//! output for each input is fed to both models, and each step's top-1 token
//! and logits are compared.
//!
//!     cargo run --release --example int8_agreement -- \
//!         --model-dir /tmp/newsdigest-bench-distilbart --articles 2 --input-len 800 --new-tokens 62
//!
//! Inputs are the pseudo-random ids of scripts/bench_summarize (a model
//! folder without a tokenizer works).

use std::path::PathBuf;

use newsdigest::summarize::{
    generate, teacher_forced_agreement, Bart, GenerationConfig, GenerationSettings, Int8Layers,
    ModelConfig, SearchParams,
};
use tch::{Device, Kind};

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The LCG of scripts/bench_summarize and examples/bench_summarize.rs.
fn input_ids(len: usize, vocab: i64, seed: u64) -> Vec<i64> {
    let mut x = seed;
    let mut ids = vec![0i64];
    for _ in 0..len - 2 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ids.push(4 + ((x >> 33) as i64) % (vocab - 4));
    }
    ids.push(2);
    ids
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(arg(&args, "--model-dir", String::from("models/tiny-bart")));
    let articles: u64 = arg(&args, "--articles", 2);
    let input_len: usize = arg(&args, "--input-len", 800);
    let new_tokens: i64 = arg(&args, "--new-tokens", 62);
    let beams: i64 = arg(&args, "--beams", 4);
    tch::set_num_threads(arg(&args, "--threads", 2));
    let on = |var: &str| std::env::var(var).map_or(true, |v| v != "0");
    let layers = Int8Layers {
        encoder: on("NEWSDIGEST_INT8_ENCODER"),
        embedding: on("NEWSDIGEST_INT8_EMBEDDING"),
    };

    let weights = dir.join("model.safetensors");
    let config = std::fs::read(dir.join("config.json")).map_err(|e| e.to_string())?;
    let config = ModelConfig::parse(&config)?;
    let gen = std::fs::read(dir.join("generation_config.json"))
        .ok()
        .map(|g| GenerationConfig::parse(&g))
        .transpose()?;
    let tokens = config.special_tokens(gen.as_ref());
    let dims = config.bart_dims(tokens.pad_token_id)?;
    let f32 = Bart::load(dims.clone(), &weights, Kind::Float, Device::Cpu)?;
    let int8 = Bart::load_int8(dims, &weights, Device::Cpu, layers)?;
    let params = SearchParams {
        settings: GenerationSettings {
            num_beams: beams,
            min_length: new_tokens + 1,
            max_length: new_tokens + 1,
            length_penalty: 2.0,
            no_repeat_ngram_size: 3,
            early_stopping: true,
        },
        tokens,
    };
    let input_len = input_len.min(f32.max_input() as usize);
    let (mut steps, mut equal, mut cos_sum, mut cos_min) = (0, 0, 0.0, 1.0f64);
    for i in 0..articles {
        let input = input_ids(input_len, f32.dims.vocab_size, 1 + i);
        let target = generate(&f32, std::slice::from_ref(&input), &params).remove(0);
        let a = teacher_forced_agreement(&f32, &int8, &input, &target);
        println!(
            "article {i}: {}/{} top-1 equal (first difference at step {:?}), logits cosine mean {:.5} min {:.5}",
            a.top1_equal, a.steps, a.first_difference, a.mean_cosine, a.min_cosine
        );
        steps += a.steps;
        equal += a.top1_equal;
        cos_sum += a.mean_cosine * a.steps as f64;
        cos_min = cos_min.min(a.min_cosine);
    }
    println!(
        "{layers:?}: {equal}/{steps} top-1 equal ({:.1}%), logits cosine mean {:.5} min {:.5}",
        100.0 * equal as f64 / steps.max(1) as f64,
        cos_sum / steps.max(1) as f64,
        cos_min
    );
    Ok(())
}
