//! The model-folder loader's parsing: arbitrary bytes as `config.json`,
//! `generation_config.json` and the `model.safetensors` header, through
//! `ModelFolder::inspect` on a real folder. Any input gives a folder or a
//! `ModelFolder` error naming the folder, never a panic or a huge allocation.
//!
//! Input layout: two little-endian u16 lengths, then `config.json`, then
//! `generation_config.json` (absent when its length is 0xffff), then the
//! rest as `model.safetensors` (absent when empty; `rust_model.ot` is then
//! the weights file).
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdigest::summarize::model::ModelFolder;
use newsdigest::Error;

/// One folder for the whole run, its files rewritten for each input.
fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // In memory where there is a tmpfs: a folder on disk caps the rate
        // at a few hundred inputs a second.
        let shm = std::path::Path::new("/dev/shm");
        let mut b = tempfile::Builder::new();
        b.prefix("newsdigest-fuzz-model");
        let dir = if shm.is_dir() {
            b.tempdir_in(shm)
        } else {
            b.tempdir()
        };
        let dir = dir.expect("temp dir").keep();
        fs::write(dir.join("vocab.json"), "{}").unwrap();
        fs::write(dir.join("merges.txt"), "").unwrap();
        dir
    })
}

fn put(name: &str, body: Option<&[u8]>) {
    let path = folder().join(name);
    match body {
        Some(b) => fs::write(path, b).unwrap(),
        None => {
            let _ = fs::remove_file(path);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let config_len = u16::from_le_bytes([data[0], data[1]]) as usize;
    let gen_len = u16::from_le_bytes([data[2], data[3]]);
    let rest = &data[4..];
    let config = &rest[..config_len.min(rest.len())];
    let rest = &rest[config.len()..];
    let (gen, weights) = if gen_len == 0xffff {
        (None, rest)
    } else {
        let g = &rest[..(gen_len as usize).min(rest.len())];
        (Some(g), &rest[g.len()..])
    };
    put("config.json", Some(config));
    put("generation_config.json", gen);
    if weights.is_empty() {
        put("model.safetensors", None);
        put("rust_model.ot", Some(b""));
    } else {
        put("rust_model.ot", None);
        put("model.safetensors", Some(weights));
    }
    match ModelFolder::inspect(folder(), None, None) {
        Ok(m) => {
            // The vocabulary size is a number written in the config.
            let text = std::str::from_utf8(config).expect("config.json accepted as non-UTF-8");
            assert!(text.contains(&m.vocab_size.to_string()));
            assert_eq!(&m.dir, folder());
        }
        Err(Error::ModelFolder { dir, problem }) => {
            assert_eq!(&dir, folder());
            assert!(!problem.is_empty());
        }
        Err(e) => panic!("unexpected error kind: {e}"),
    }
});
