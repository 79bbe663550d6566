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

#[path = "support/bench_input.rs"]
mod bench_input;

use std::path::PathBuf;

use bench_input::{arg, fixed_length_search, input_ids};
use newsdigest::summarize::{
    generate, teacher_forced_agreement, Bart, GenerationConfig, Int8Layers, ModelConfig,
};
use tch::{Device, Kind};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(arg(&args, "--model-dir", String::from("models/tiny-bart")));
    let articles: u64 = arg(&args, "--articles", 2);
    let input_len: usize = arg(&args, "--input-len", 800);
    let new_tokens: i64 = arg(&args, "--new-tokens", 62);
    let beams: i64 = arg(&args, "--beams", 4);
    tch::set_num_threads(arg(&args, "--threads", 2));
    // Each variable, when set, overrides the library's default choice.
    let default = Int8Layers::default();
    let on = |var: &str, default: bool| std::env::var(var).map_or(default, |v| v != "0");
    let layers = Int8Layers {
        encoder: on("NEWSDIGEST_INT8_ENCODER", default.encoder),
        embedding: on("NEWSDIGEST_INT8_EMBEDDING", default.embedding),
        bf16_attention: on("NEWSDIGEST_INT8_BF16_ATTENTION", default.bf16_attention),
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
    let params = fixed_length_search(beams, new_tokens, tokens);
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
