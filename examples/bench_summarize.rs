//! newsdigest's side of `scripts/bench_summarize`: load a BART model folder,
//! generate from fixed input ids, print one JSON line of timings.
//!
//!     cargo run --release --example bench_summarize -- \
//!         --model-dir DIR --batch 8 --repeats 3 --dtype bf16 --threads 2 \
//!         --input-len 800 --new-tokens 62 --beams 4
//!
//! Input ids are given, not text: the benchmark model has random weights and
//! the tokenizer is not what is measured. The search settings are those of
//! the summarize stage (forced BOS/EOS from the folder's config), with
//! `min_length = max_length` so that exactly `new-tokens` tokens are made.

#[path = "support/bench_input.rs"]
mod bench_input;

use std::path::PathBuf;
use std::time::Instant;

use bench_input::{arg, fixed_length_search, input_ids};
use newsdigest::summarize::{generate, Bart, GenerationConfig, Int8Layers, ModelConfig};
use tch::{Device, Kind};

/// Peak resident set size of this process, from /proc (bytes).
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// CPU time (user + system, all threads) of this process so far, seconds.
fn cpu_seconds() -> f64 {
    // Fields 14 and 15 of /proc/self/stat, in clock ticks (100 per second on Linux).
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(arg(&args, "--model-dir", String::from("models/tiny-bart")));
    let batch: usize = arg(&args, "--batch", 1);
    let repeats: usize = arg(&args, "--repeats", 3);
    let threads: i32 = arg(&args, "--threads", 2);
    let input_len: usize = arg(&args, "--input-len", 800);
    let new_tokens: i64 = arg(&args, "--new-tokens", 62);
    let beams: i64 = arg(&args, "--beams", 4);
    let dtype: String = arg(&args, "--dtype", String::from("f32"));
    let kind = if dtype == "bf16" {
        Kind::BFloat16
    } else {
        Kind::Float
    };
    // As the CLI does.
    newsdigest::summarize::keep_freed_memory();
    tch::set_num_threads(threads);
    tch::set_num_interop_threads(1);

    let weights = ["model.safetensors", "rust_model.ot"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
        .expect("no weights in the model folder");
    // The folder has no tokenizer (ids are given), so it is read without
    // `ModelFolder::inspect`, which asks for one.
    let config = std::fs::read(dir.join("config.json")).expect("config.json");
    let config = ModelConfig::parse(&config).expect("config.json");
    let gen = std::fs::read(dir.join("generation_config.json"))
        .ok()
        .map(|g| GenerationConfig::parse(&g).expect("generation_config.json"));
    let tokens = config.special_tokens(gen.as_ref());
    let dims = config.bart_dims(tokens.pad_token_id).expect("config.json");
    let t0 = Instant::now();
    // int8: the decoder and LM head always; the library's default choice
    // for the encoder, the embedding and the attention, unless
    // NEWSDIGEST_INT8_ENCODER / NEWSDIGEST_INT8_EMBEDDING /
    // NEWSDIGEST_INT8_BF16_ATTENTION is set (0 or 1, to measure each choice).
    let default = Int8Layers::default();
    let on = |var: &str, default: bool| std::env::var(var).map_or(default, |v| v != "0");
    let model = if dtype == "int8" {
        let layers = Int8Layers {
            encoder: on("NEWSDIGEST_INT8_ENCODER", default.encoder),
            embedding: on("NEWSDIGEST_INT8_EMBEDDING", default.embedding),
            bf16_attention: on("NEWSDIGEST_INT8_BF16_ATTENTION", default.bf16_attention),
        };
        Bart::load_int8(dims, &weights, Device::Cpu, layers)
    } else {
        Bart::load(dims, &weights, kind, Device::Cpu)
    }
    .expect("load");
    let load_s = t0.elapsed().as_secs_f64();
    let rss_after_load = peak_rss();

    let d = &model.dims;
    let params = fixed_length_search(beams, new_tokens, tokens);
    let inputs: Vec<Vec<i64>> = (0..batch)
        .map(|i| input_ids(input_len, d.vocab_size, 1 + i as u64))
        .collect();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut lengths = Vec::new();
    for _ in 0..repeats {
        let t = Instant::now();
        let c = cpu_seconds();
        let out = generate(&model, &inputs, &params);
        times.push(t.elapsed().as_secs_f64() / batch as f64);
        cpu.push((cpu_seconds() - c) / batch as f64);
        lengths = out.iter().map(|o| o.len() as i64 - 1).collect();
    }
    // The encoder's share, timed on its own once, after the measured runs
    // (so that it warms nothing up for them): where the time goes.
    let encode_s = {
        let _guard = tch::no_grad_guard();
        let s = input_len as i64;
        let flat: Vec<i64> = inputs.iter().flatten().copied().collect();
        let ids = tch::Tensor::from_slice(&flat).view([batch as i64, s]);
        let mask = ids.ones_like();
        let t = Instant::now();
        drop(model.encode(&ids, &mask));
        t.elapsed().as_secs_f64() / batch as f64
    };
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{{\"impl\": \"newsdigest\", \"dtype\": \"{dtype}\", \"batch\": {batch}, \"threads\": {threads}, \"load_s\": {load_s:.3}, \"encode_s_per_article\": {encode_s:.4}, \"s_per_article\": {:.4}, \"runs\": {times:?}, \"cpu_s_per_article\": {cpu:?}, \"new_tokens\": {lengths:?}, \"peak_rss_after_load\": {rss_after_load}, \"peak_rss\": {}}}",
        sorted[sorted.len() / 2],
        peak_rss()
    );
}
