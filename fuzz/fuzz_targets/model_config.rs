//! The model-folder loader's parsing, without the file system: arbitrary
//! bytes as `config.json`, `generation_config.json` and the JSON header of
//! `model.safetensors`, through the same pure functions `ModelFolder::inspect`
//! calls on the files it reads. Any input gives settings or an error message,
//! never a panic or a huge allocation.
//!
//! Input layout: two little-endian u16 lengths, then `config.json`, then
//! `generation_config.json` (absent when its length is 0xffff), then the
//! rest as the safetensors header (not checked when empty).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::summarize::{check_embedding_rows, ModelConfig};

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let config_len = u16::from_le_bytes([data[0], data[1]]) as usize;
    let gen_len = u16::from_le_bytes([data[2], data[3]]);
    let rest = &data[4..];
    let config = &rest[..config_len.min(rest.len())];
    let rest = &rest[config.len()..];
    let (gen, header) = if gen_len == 0xffff {
        (None, rest)
    } else {
        let g = &rest[..(gen_len as usize).min(rest.len())];
        (Some(g), &rest[g.len()..])
    };
    let parsed = match ModelConfig::parse(config) {
        Ok(parsed) => parsed,
        Err(problem) => {
            assert!(problem.contains("config.json"), "{problem}");
            return;
        }
    };
    // The vocabulary size is a number written in the config.
    let text = std::str::from_utf8(config).expect("config.json accepted as non-UTF-8");
    assert!(text.contains(&parsed.vocab_size.to_string()));
    assert!(parsed.max_input_tokens >= newsdigest::summarize::MIN_INPUT_TOKENS);
    match parsed.generation_settings(gen, None) {
        // Whatever the files say, accepted settings can drive a beam search.
        Ok(settings) => assert_eq!(settings.check(), Ok(())),
        Err(problem) => assert!(problem.contains("generation_config.json"), "{problem}"),
    }
    if !header.is_empty() {
        if let Err(problem) = check_embedding_rows(header, parsed.vocab_size) {
            assert!(problem.contains("model.safetensors") || problem.contains("vocab_size"));
        }
    }
});
