//! Models the Hugging Face way, through the binary: `--model ORG/NAME` from
//! a cache laid out as transformers leaves it (offline), downloads from a
//! loopback hub (concurrent first use, proxies, token, progress lines off a
//! terminal) and sharded safetensors. No test reaches the network: the hub
//! is a server on 127.0.0.1 that serves models/tiny-bart.
#![cfg(feature = "abstractive")]

#[path = "support/cli.rs"]
mod support_cli;

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use support_cli::{command, root, SEED};

const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn tiny() -> PathBuf {
    root().join("models/tiny-bart")
}

/// The binary with no model cache, hub, proxy or token from the
/// environment of the test run: each test sets the ones it is about.
fn clean(args: &[&str]) -> Command {
    let mut c = command(args);
    for var in [
        "NEWSDIGEST_CACHE",
        "NEWSDIGEST_HUB_URL",
        "HF_HOME",
        "HF_HUB_CACHE",
        "HF_HUB_OFFLINE",
        "HF_ENDPOINT",
        "HF_TOKEN",
        "HF_TOKEN_PATH",
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        c.env_remove(var);
    }
    // No token file of the user's either.
    c.env("HF_TOKEN_PATH", root().join("target/no-hf-token"));
    c.stdin(Stdio::null());
    c
}

fn run(c: &mut Command) -> Output {
    c.output().expect("run newsdigest")
}

fn ok(out: &Output) -> &Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The summary of a digest, and the name of the model that wrote it
/// (taken out, so that summaries by the same weights compare equal).
fn summary_and_model(out: &Output) -> (Value, String) {
    let doc: Value = serde_json::from_slice(&ok(out).stdout).unwrap();
    assert_eq!(doc["summary"]["method"], "abstractive", "{doc}");
    let mut summary = doc["summary"].clone();
    let model = summary
        .as_object_mut()
        .unwrap()
        .remove("model")
        .and_then(|m| m.as_str().map(str::to_owned))
        .unwrap_or_default();
    (summary, model)
}

fn summary_of(out: &Output) -> Value {
    summary_and_model(out).0
}

/// The summary of the seed article by models/tiny-bart given as a folder.
fn reference_summary() -> Value {
    summary_of(&run(&mut clean(&[
        "digest",
        "--summary",
        "abstractive",
        "--model-dir",
        "models/tiny-bart",
        SEED,
    ])))
}

/// Lay `files` out as huggingface_hub does under `cache`: blobs named by
/// their SHA-256, snapshot links to them, `refs/REVISION` naming the commit.
fn hub_cache_with(cache: &Path, repo: &str, revision: &str, files: &Path) {
    let dir = cache.join(format!("models--{}", repo.replace('/', "--")));
    let snapshot = dir.join("snapshots").join(COMMIT);
    fs::create_dir_all(dir.join("blobs")).unwrap();
    fs::create_dir_all(&snapshot).unwrap();
    fs::create_dir_all(dir.join("refs")).unwrap();
    for f in fs::read_dir(files).unwrap() {
        let f = f.unwrap();
        let bytes = fs::read(f.path()).unwrap();
        let blob = sha256(&bytes);
        fs::write(dir.join("blobs").join(&blob), &bytes).unwrap();
        std::os::unix::fs::symlink(
            Path::new("../../blobs").join(&blob),
            snapshot.join(f.file_name()),
        )
        .unwrap();
    }
    fs::write(dir.join("refs").join(revision), COMMIT).unwrap();
}

#[test]
fn a_model_in_the_transformers_cache_is_used_offline() {
    let expected = reference_summary();
    let home = tempfile::tempdir().unwrap();
    hub_cache_with(&home.path().join("hub"), "org/tiny", "main", &tiny());
    // HF_HOME/hub, with no hub to reach (HF_HUB_OFFLINE): nothing is sent.
    let (got, model) = summary_and_model(&run(clean(&[
        "digest",
        "--summary",
        "abstractive",
        "--model",
        "org/tiny",
        SEED,
    ])
    .env("HF_HOME", home.path())
    .env("HF_HUB_OFFLINE", "1")));
    assert_eq!(got, expected);
    assert_eq!(model, "org/tiny");

    // HF_HUB_CACHE, and a revision through its ref.
    let cache = tempfile::tempdir().unwrap();
    hub_cache_with(cache.path(), "org/tiny", "v1", &tiny());
    let got = summary_of(&run(clean(&[
        "digest",
        "--summary",
        "abstractive",
        "--model",
        "org/tiny@v1",
        SEED,
    ])
    .env("HF_HUB_CACHE", cache.path())
    .env("HF_HUB_OFFLINE", "1")));
    assert_eq!(got, expected);

    // Not cached, offline: a clear error, no fallback, no request.
    let out = run(clean(&[
        "digest",
        "--summary",
        "abstractive",
        "--model",
        "org/other",
        SEED,
    ])
    .env("HF_HUB_CACHE", cache.path())
    .env("HF_HUB_OFFLINE", "1"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("model org/other: not in the Hugging Face cache")
            && err.contains("HF_HUB_OFFLINE is set"),
        "{err}"
    );
    let out = run(&mut clean(&["digest", "--model", "not a/model", SEED]));
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a Hugging Face model id"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A loopback hub serving the files of a folder as the repository `repo`
/// at [`COMMIT`]: the listing API, `HEAD` with the headers huggingface.co
/// sends, and the bodies, `delay` between chunks of 4 kB. It counts the
/// body requests per path and keeps the `Authorization` headers.
struct Hub {
    url: String,
    gets: Arc<Mutex<HashMap<String, usize>>>,
    auth: Arc<Mutex<Vec<String>>>,
}

impl Hub {
    fn serve(files: &Path, repo: &str, delay: Duration) -> Hub {
        let mut bodies = HashMap::new();
        for f in fs::read_dir(files).unwrap() {
            let f = f.unwrap();
            bodies.insert(
                f.file_name().to_string_lossy().into_owned(),
                fs::read(f.path()).unwrap(),
            );
        }
        let bodies = Arc::new(bodies);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let gets = Arc::new(Mutex::new(HashMap::new()));
        let auth = Arc::new(Mutex::new(Vec::new()));
        let (g, a, repo) = (gets.clone(), auth.clone(), repo.to_owned());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (bodies, g, a, repo) = (bodies.clone(), g.clone(), a.clone(), repo.clone());
                std::thread::spawn(move || {
                    let _ = answer(stream, &bodies, &repo, delay, &g, &a);
                });
            }
        });
        Hub { url, gets, auth }
    }

    fn gets(&self) -> HashMap<String, usize> {
        self.gets.lock().unwrap().clone()
    }
}

fn answer(
    mut stream: TcpStream,
    bodies: &HashMap<String, Vec<u8>>,
    repo: &str,
    delay: Duration,
    gets: &Mutex<HashMap<String, usize>>,
    auth: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("authorization:") {
            auth.lock().unwrap().push(v.trim().to_owned());
        }
    }
    let mut parts = request.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let not_found = || b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    if path == format!("/api/models/{repo}/revision/main") {
        let siblings: Vec<Value> = bodies.keys().map(|f| json!({ "rfilename": f })).collect();
        let body = json!({ "sha": COMMIT, "siblings": siblings }).to_string();
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )?;
        return Ok(());
    }
    let file = path
        .strip_prefix(&format!("/{repo}/resolve/"))
        .and_then(|rest| rest.split_once('/'))
        .filter(|(rev, _)| *rev == "main" || *rev == COMMIT)
        .and_then(|(_, file)| bodies.get(file).map(|b| (file, b)));
    let Some((_, body)) = file else {
        return stream.write_all(not_found());
    };
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nETag: \"{sha}\"\r\nX-Linked-Etag: \"{sha}\"\r\nX-Linked-Size: {len}\r\nX-Repo-Commit: {COMMIT}\r\nConnection: close\r\n\r\n",
        len = body.len(),
        sha = sha256(body)
    )?;
    if method == "GET" {
        *gets.lock().unwrap().entry(path.to_owned()).or_default() += 1;
        for chunk in body.chunks(4096) {
            stream.write_all(chunk)?;
            std::thread::sleep(delay);
        }
    }
    Ok(())
}

#[test]
fn eight_processes_on_a_cold_cache_download_each_file_once() {
    let expected = reference_summary();
    // Slow enough that the processes overlap while the files come in.
    let hub = Hub::serve(&tiny(), "org/tiny", Duration::from_millis(2));
    let cache = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..8)
        .map(|_| {
            clean(&[
                "digest",
                "--summary",
                "abstractive",
                "--model",
                "org/tiny",
                SEED,
            ])
            .env("NEWSDIGEST_CACHE", cache.path())
            .env("HF_ENDPOINT", &hub.url)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(summary_of(&out), expected);
    }
    let gets = hub.gets();
    let files: Vec<String> = fs::read_dir(tiny())
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for (path, n) in &gets {
        assert_eq!(*n, 1, "{path} was downloaded {n} times: {gets:?}");
    }
    assert!(
        gets.keys().any(|p| p.ends_with("/model.safetensors")),
        "{gets:?}"
    );
    // The cache is huggingface_hub's: the blob is the file, by its SHA-256.
    let repo = cache.path().join("models--org--tiny");
    let weights = fs::read(tiny().join("model.safetensors")).unwrap();
    assert_eq!(
        fs::read(repo.join("blobs").join(sha256(&weights))).unwrap(),
        weights
    );
    assert_eq!(fs::read_to_string(repo.join("refs/main")).unwrap(), COMMIT);
    let snapshot = repo.join("snapshots").join(COMMIT);
    assert!(fs::symlink_metadata(snapshot.join("model.safetensors"))
        .unwrap()
        .file_type()
        .is_symlink());
    // Nothing half written is left, and only what newsdigest reads came.
    let left: Vec<_> = fs::read_dir(repo.join("blobs"))
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(gets.len() < files.len(), "{gets:?}");
}

/// An HTTP proxy that keeps the request lines it is sent and forwards
/// them: absolute-form requests (`GET http://host/path`, what ureq sends
/// for an `http://` address) and `CONNECT` tunnels (for `https://`).
fn recording_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(client) = stream else { continue };
            let s = s.clone();
            std::thread::spawn(move || {
                let _ = forward(client, &s);
            });
        }
    });
    (url, seen)
}

fn forward(mut client: TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    let mut headers = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        headers.push_str(&line);
    }
    seen.lock().unwrap().push(first.trim().to_owned());
    let mut parts = first.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (authority, path) = match target.strip_prefix("http://") {
        Some(rest) => match rest.split_once('/') {
            Some((a, p)) => (a.to_owned(), format!("/{p}")),
            None => (rest.to_owned(), "/".to_owned()),
        },
        None => (target.to_owned(), String::new()),
    };
    let mut upstream = TcpStream::connect(&authority)?;
    if method == "CONNECT" {
        client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    } else {
        write!(upstream, "{method} {path} HTTP/1.1\r\n{headers}\r\n")?;
    }
    let mut up = upstream.try_clone()?;
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut reader, &mut up);
    });
    std::io::copy(&mut upstream, &mut client)?;
    client.shutdown(std::net::Shutdown::Both)
}

#[test]
fn proxies_and_the_token_come_from_the_environment() {
    let hub = Hub::serve(&tiny(), "org/tiny", Duration::ZERO);
    let (proxy, seen) = recording_proxy();
    let host = hub.url.trim_start_matches("http://").to_owned();

    let cache = tempfile::tempdir().unwrap();
    ok(&run(clean(&["fetch-model", "org/tiny"])
        .env("NEWSDIGEST_CACHE", cache.path())
        .env("HF_ENDPOINT", &hub.url)
        .env("http_proxy", &proxy)
        .env("HF_TOKEN", "hf_secret")));
    let through = seen.lock().unwrap().clone();
    assert!(
        through
            .iter()
            .all(|l| l.contains(&format!(" http://{host}/"))),
        "{through:?}"
    );
    assert!(
        through.contains(&format!(
            "GET http://{host}/org/tiny/resolve/{COMMIT}/model.safetensors HTTP/1.1"
        )),
        "{through:?}"
    );
    let auth = hub.auth.lock().unwrap().clone();
    assert!(
        !auth.is_empty() && auth.iter().all(|a| a == "bearer hf_secret"),
        "{auth:?}"
    );

    // NO_PROXY names the hub: straight to it, and no token when none is set.
    seen.lock().unwrap().clear();
    hub.auth.lock().unwrap().clear();
    let cache = tempfile::tempdir().unwrap();
    ok(&run(clean(&["fetch-model", "org/tiny"])
        .env("NEWSDIGEST_CACHE", cache.path())
        .env("HF_ENDPOINT", &hub.url)
        .env("HTTP_PROXY", &proxy)
        .env("NO_PROXY", "example.org,127.0.0.1")));
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
    assert!(hub.auth.lock().unwrap().is_empty());
    assert!(cache.path().join("models--org--tiny/refs/main").is_file());
}

#[test]
fn a_download_off_a_terminal_prints_progress_lines() {
    // 90 chunks of 4 kB, 20 ms apart: about two seconds for the weights.
    let hub = Hub::serve(&tiny(), "org/tiny", Duration::from_millis(20));
    let cache = tempfile::tempdir().unwrap();
    let out = run(clean(&["fetch-model", "org/tiny"])
        .env("NEWSDIGEST_CACHE", cache.path())
        .env("HF_ENDPOINT", &hub.url)
        .env("NEWSDIGEST_PROGRESS_INTERVAL", "0.3"));
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    let size = fs::metadata(tiny().join("model.safetensors"))
        .unwrap()
        .len();
    assert!(
        err.contains("newsdigest: downloading model.safetensors ("),
        "{err}"
    );
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("newsdigest: downloading model.safetensors: "))
        .collect();
    assert!(lines.len() >= 3, "{err}");
    for line in &lines {
        assert!(line.contains(" of ") && line.contains("/s, ETA "), "{line}");
    }
    assert!(
        err.contains("newsdigest: downloaded model.safetensors: "),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("org/tiny is ready in "), "{stdout}");
    assert!(size > 90 * 4096 / 2);

    // --quiet is quiet.
    let cache = tempfile::tempdir().unwrap();
    let out = run(clean(&[
        "digest",
        "--quiet",
        "--summary",
        "abstractive",
        "--model",
        "org/tiny",
        SEED,
    ])
    .env("NEWSDIGEST_CACHE", cache.path())
    .env("HF_ENDPOINT", &hub.url)
    .env("NEWSDIGEST_PROGRESS_INTERVAL", "0.3"));
    ok(&out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `model.safetensors` of `from` split into two shards and an index, in a
/// copy of the folder.
fn sharded_copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in fs::read_dir(from).unwrap() {
        let f = f.unwrap();
        if f.file_name() != "model.safetensors" {
            fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
        }
    }
    let file = fs::read(from.join("model.safetensors")).unwrap();
    let len = u64::from_le_bytes(file[..8].try_into().unwrap()) as usize;
    let header: serde_json::Map<String, Value> = serde_json::from_slice(&file[8..8 + len]).unwrap();
    let data = &file[8 + len..];
    let mut names: Vec<&String> = header.keys().filter(|k| *k != "__metadata__").collect();
    names.sort();
    let half = names.len() / 2;
    let mut weight_map = serde_json::Map::new();
    for (i, part) in [&names[..half], &names[half..]].iter().enumerate() {
        let shard = format!("model-{:05}-of-00002.safetensors", i + 1);
        let (mut table, mut bytes) = (serde_json::Map::new(), Vec::new());
        for name in part.iter() {
            let info = &header[name.as_str()];
            let offsets = info["data_offsets"].as_array().unwrap();
            let (s, e) = (
                offsets[0].as_u64().unwrap() as usize,
                offsets[1].as_u64().unwrap() as usize,
            );
            let mut entry = info.clone();
            entry["data_offsets"] = json!([bytes.len(), bytes.len() + (e - s)]);
            bytes.extend_from_slice(&data[s..e]);
            table.insert((*name).clone(), entry);
            weight_map.insert((*name).clone(), json!(shard));
        }
        let table = serde_json::to_vec(&table).unwrap();
        let mut out = (table.len() as u64).to_le_bytes().to_vec();
        out.extend_from_slice(&table);
        out.extend_from_slice(&bytes);
        fs::write(dir.path().join(shard), out).unwrap();
    }
    let index = json!({ "metadata": { "total_size": data.len() }, "weight_map": weight_map });
    fs::write(
        dir.path().join("model.safetensors.index.json"),
        serde_json::to_vec_pretty(&index).unwrap(),
    )
    .unwrap();
    dir
}

#[test]
fn sharded_weights_load_from_a_folder_and_from_the_hub() {
    let expected = reference_summary();
    let sharded = sharded_copy(&tiny());
    let dir = sharded.path().to_str().unwrap();
    let got = summary_of(&run(&mut clean(&[
        "digest",
        "--summary",
        "abstractive",
        "--model-dir",
        dir,
        SEED,
    ])));
    assert_eq!(got, expected);

    // From the hub: the index, then the shards it names.
    let hub = Hub::serve(sharded.path(), "org/sharded", Duration::ZERO);
    let cache = tempfile::tempdir().unwrap();
    let got = summary_of(&run(clean(&[
        "digest",
        "--summary",
        "abstractive",
        "--model",
        "org/sharded",
        SEED,
    ])
    .env("NEWSDIGEST_CACHE", cache.path())
    .env("HF_ENDPOINT", &hub.url)));
    assert_eq!(got, expected);
    let gets = hub.gets();
    for shard in [
        "model-00001-of-00002.safetensors",
        "model-00002-of-00002.safetensors",
    ] {
        assert_eq!(
            gets.get(&format!("/org/sharded/resolve/{COMMIT}/{shard}")),
            Some(&1),
            "{gets:?}"
        );
    }

    // A shard missing from the folder is named.
    fs::remove_file(sharded.path().join("model-00002-of-00002.safetensors")).unwrap();
    summarizing_fails_with(dir, "model-00002-of-00002.safetensors, which is missing");

    // PyTorch weights only: the way to convert them.
    fs::remove_file(sharded.path().join("model.safetensors.index.json")).unwrap();
    fs::write(sharded.path().join("pytorch_model.bin"), b"pickle").unwrap();
    summarizing_fails_with(dir, "safe_serialization=True");
}

/// Summarizing the seed article with the model folder `dir` fails, and
/// the error says `expected`.
fn summarizing_fails_with(dir: &str, expected: &str) {
    let out = run(&mut clean(&[
        "digest",
        "--summary",
        "abstractive",
        "--model-dir",
        dir,
        SEED,
    ]));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(expected), "{err}");
}
