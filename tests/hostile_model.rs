//! Hostile model folders through the binary: copies of models/tiny-bart
//! with one file altered. Each must be refused when the model loads, with
//! an error that names the file, the key and the values, never a panic, a
//! hang or a read without end; `batch` refuses such a model before the job
//! runs (exit 4) and leaves its output as it was.
#![cfg(feature = "abstractive")]

#[path = "support/cli.rs"]
mod support_cli;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use support_cli::{command, root, SEED};
use tempfile::TempDir;

/// Longest a run may take: loading tiny-bart and refusing a folder take
/// well under a second; a read without end would take forever.
const DEADLINE: Duration = Duration::from_secs(60);

/// The binary with `args`, killed (and the test failed) past [`DEADLINE`].
fn run(args: &[&str]) -> Output {
    let mut child = command(args)
        .env(
            "NEWSDIGEST_CACHE",
            root().join("target/test-empty-cache-hostile-model"),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsdigest");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).map(|_| bytes)
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("newsdigest {args:?} ran past {DEADLINE:?}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap().unwrap(),
        stderr: stderr.join().unwrap().unwrap(),
    }
}

/// A copy of models/tiny-bart to alter.
fn tiny_bart() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in fs::read_dir(root().join("models/tiny-bart")).unwrap() {
        let f = f.unwrap();
        fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
    }
    dir
}

/// Replace `from` by `to` in `dir`'s `file`, which must contain it.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replace(from, to)).unwrap();
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `digest` with the model in `dir` on the seed article fails with one
/// clear line on stderr, nothing on stdout; that line.
fn digest_refuses(dir: &Path, extra: &[&str]) -> String {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["digest", "--model-dir", dir];
    args.extend_from_slice(extra);
    args.push(SEED);
    let out = run(&args);
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(4),
        "the command could not run: {err}"
    );
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

/// `batch` with the model in `dir` refuses to run (exit 4) and leaves an
/// earlier output as it was; its error line.
fn batch_refuses(dir: &Path, extra: &[&str]) -> String {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("in.jsonl");
    let output = work.path().join("out.jsonl");
    fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"Officials said on Tuesday that talks would resume. The meeting is planned for March.\"}\n",
    )
    .unwrap();
    fs::write(&output, "earlier output\n").unwrap();
    let (dir, input_arg, output_arg) = (
        dir.to_str().unwrap(),
        input.to_str().unwrap(),
        output.to_str().unwrap(),
    );
    let mut args = vec![
        "batch",
        "--quiet",
        "--model-dir",
        dir,
        "--input",
        input_arg,
        "--output",
        output_arg,
    ];
    args.extend_from_slice(extra);
    let out = run(&args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "the job could not run: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(fs::read_to_string(&output).unwrap(), "earlier output\n");
    err
}

#[test]
fn attention_heads_that_cannot_share_the_width_are_refused_before_loading() {
    for (key, heads, named) in [
        (
            "encoder_attention_heads",
            "0",
            "config.json has encoder_attention_heads 0, not in 1..=65536",
        ),
        (
            "decoder_attention_heads",
            "0",
            "config.json has decoder_attention_heads 0, not in 1..=65536",
        ),
        (
            "encoder_attention_heads",
            "3",
            "config.json has encoder_attention_heads 3, which does not divide d_model 32",
        ),
    ] {
        let model = tiny_bart();
        edit(
            model.path(),
            "config.json",
            &format!("\"{key}\": 2"),
            &format!("\"{key}\": {heads}"),
        );
        let err = digest_refuses(model.path(), &[]);
        assert!(err.contains(named), "{err}");
        let err = batch_refuses(model.path(), &[]);
        assert!(err.contains(named), "{err}");
    }
}

#[test]
fn other_dimensions_no_model_has_are_refused() {
    for (from, to, named) in [
        ("\"d_model\": 32", "\"d_model\": 0", "d_model 0, not in"),
        (
            "\"encoder_layers\": 2",
            "\"encoder_layers\": 2000000000",
            "encoder_layers 2000000000, not in 1..=1024",
        ),
        (
            "\"decoder_layers\": 2",
            "\"decoder_layers\": 0",
            "decoder_layers 0, not in",
        ),
        (
            "\"decoder_ffn_dim\": 64",
            "\"decoder_ffn_dim\": 0",
            "decoder_ffn_dim 0, not in",
        ),
        ("\"vocab_size\": 595", "\"vocab_size\": 0", "vocab_size 0, not in"),
        (
            "\"max_position_embeddings\": 256",
            "\"max_position_embeddings\": 0",
            "window of 0 tokens",
        ),
        (
            "\"max_position_embeddings\": 256",
            "\"max_position_embeddings\": 100",
            "model.encoder.embed_positions.weight of shape [258, 32], but config.json makes it [102, 32]",
        ),
    ] {
        let model = tiny_bart();
        edit(model.path(), "config.json", from, to);
        let err = digest_refuses(model.path(), &[]);
        assert!(err.contains(named), "{to}: {err}");
    }
}

#[test]
fn a_summary_longer_than_the_decoder_positions_is_refused_from_a_flag_or_the_files() {
    let model = tiny_bart();
    let flags = ["--min-length", "300", "--max-length", "300"];
    let named = "max_length 300 is more than the 256 positions of the model's decoder (max_position_embeddings in config.json)";
    let err = digest_refuses(model.path(), &flags);
    assert!(err.contains(named), "{err}");
    let err = batch_refuses(model.path(), &flags);
    assert!(err.contains(named), "{err}");

    // tiny-bart's summarization settings are in task_specific_params.
    edit(
        model.path(),
        "config.json",
        "\"max_length\": 40,",
        "\"max_length\": 300,",
    );
    let err = digest_refuses(model.path(), &[]);
    assert!(
        err.contains("config.json (task_specific_params.summarization) sets max_length 300, more than the 256 positions"),
        "{err}"
    );
    // A flag shortens what the file asks for.
    let dir = model.path().to_str().unwrap();
    let out = run(&[
        "digest",
        "--model-dir",
        dir,
        "--max-length",
        "30",
        "--num-beams",
        "1",
        SEED,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[cfg(unix)]
#[test]
fn a_model_file_that_is_a_link_to_dev_zero_fails_at_its_limit() {
    for (file, limit, without) in [
        ("config.json", 1 << 20, None),
        ("generation_config.json", 1 << 20, None),
        ("tokenizer.json", 64 << 20, None),
        ("tokenizer_config.json", 64 << 20, None),
        // Without tokenizer.json, the tokenizer is vocab.json + merges.txt.
        ("vocab.json", 64 << 20, Some("tokenizer.json")),
        ("merges.txt", 64 << 20, Some("tokenizer.json")),
    ] {
        let model = tiny_bart();
        if let Some(other) = without {
            fs::remove_file(model.path().join(other)).unwrap();
        }
        let path = model.path().join(file);
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        // `run` fails the test past its deadline: a read without a bound
        // would go on until memory runs out.
        let err = digest_refuses(model.path(), &[]);
        assert!(
            err.contains(&format!(
                "cannot read {file}: over {limit} bytes, the limit for this file"
            )),
            "{err}"
        );
    }
}

/// Rewrite `dir`'s tokenizer.json through `change`.
fn edit_tokenizer(dir: &Path, change: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("tokenizer.json");
    let mut json: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    change(&mut json);
    fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
}

#[test]
fn a_dtype_the_loader_cannot_read_is_named_plainly() {
    let model = tiny_bart();
    let path = model.path().join("model.safetensors");
    let bytes = fs::read(&path).unwrap();
    let len = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let mut header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + len]).unwrap();
    header["model.encoder.layernorm_embedding.weight"]["dtype"] = "F8_E4M3".into();
    let mut table = serde_json::to_vec(&header).unwrap();
    // The tensors' bytes stay where they were: pad the header to its length.
    assert!(table.len() <= len);
    table.resize(len, b' ');
    let mut altered = bytes[..8].to_vec();
    altered.extend_from_slice(&table);
    altered.extend_from_slice(&bytes[8 + len..]);
    fs::write(&path, altered).unwrap();
    let err = digest_refuses(model.path(), &[]);
    assert!(
        err.contains(
            "unsupported dtype F8_E4M3 for tensor model.encoder.layernorm_embedding.weight"
        ),
        "{err}"
    );
    assert!(!err.contains("Some("), "{err}");
}

#[cfg(unix)]
#[test]
fn a_weights_file_that_links_to_itself_is_reported_as_a_loop() {
    let model = tiny_bart();
    let path = model.path().join("model.safetensors");
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink("model.safetensors", &path).unwrap();
    let err = digest_refuses(model.path(), &[]);
    assert!(
        err.contains(&format!("model folder {}", model.path().display()))
            && err.contains("cannot read model.safetensors: ")
            && err
                .to_lowercase()
                .contains("too many levels of symbolic links"),
        "{err}"
    );
    assert!(!err.contains("no weights"), "{err}");
}

#[test]
fn an_empty_vocabulary_is_an_error_at_load_naming_the_file() {
    let model = tiny_bart();
    edit_tokenizer(model.path(), |json| {
        json["model"]["vocab"] = serde_json::json!({});
        json["model"]["merges"] = serde_json::json!([]);
    });
    let err = digest_refuses(model.path(), &[]);
    assert!(
        err.contains("tokenizer.json has an empty vocabulary"),
        "{err}"
    );

    let model = tiny_bart();
    fs::remove_file(model.path().join("tokenizer.json")).unwrap();
    fs::write(model.path().join("vocab.json"), "{}").unwrap();
    let err = digest_refuses(model.path(), &[]);
    assert!(err.contains("vocab.json has an empty vocabulary"), "{err}");
}

#[test]
fn a_token_the_model_does_not_know_fails_the_article_once_not_the_process() {
    // A tokenizer that knows one token more than the model's embedding, as
    // bart-large-cnn's <mask> (id 50264, vocab_size 50264).
    let model = tiny_bart();
    edit_tokenizer(model.path(), |json| {
        json["added_tokens"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "id": 595, "content": "<late>", "single_word": false, "lstrip": false,
                "rstrip": false, "normalized": false, "special": true
            }));
    });
    let work = tempfile::tempdir().unwrap();
    let article = work.path().join("article.txt");
    fs::write(
        &article,
        "Officials said on Tuesday that talks would resume <late> in March. The meeting is planned for Geneva.\n",
    )
    .unwrap();
    let out = run(&[
        "digest",
        "--model-dir",
        model.path().to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "an input failed: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("summarization failed: the tokenizer gives the text a token of id 595, past the model's vocabulary of 595"),
        "{err}"
    );
    assert_eq!(err.matches("summarization failed").count(), 1, "{err}");
}
