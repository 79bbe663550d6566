//! First-use download of a preset's files into the cache, with progress
//! reported to the caller ([`DownloadProgress`]), resume of a partial file
//! (`.part`, continued with an HTTP range request), a size check against the
//! server's length and a SHA-256 check where the server publishes one.
//!
//! Hugging Face answers `resolve/main/FILE` for large (LFS) files with a
//! redirect whose headers carry `X-Linked-Etag` (the file's SHA-256) and
//! `X-Linked-Size`; those are read with a first request that does not follow
//! redirects. A file whose bytes do not match is deleted (the next run starts
//! it over) and reported.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::model::Preset;
use super::progress::DownloadProgress;
use crate::error::{Error, ModelUnavailable, Result};

/// Download every missing file of `preset` into its cache folder, telling
/// `progress` how each file advances.
pub fn fetch_preset(preset: &Preset, progress: &mut dyn DownloadProgress) -> Result<()> {
    let folder = preset.folder();
    fs::create_dir_all(&folder).map_err(|source| Error::Io {
        path: folder.clone(),
        source,
    })?;
    let agent = agent(8);
    let probe = agent_no_redirects();
    for file in preset.files {
        let target = folder.join(file);
        if target.is_file() {
            continue;
        }
        let url = file_url(preset, file);
        fetch_file(&agent, &probe, &url, &target, progress).map_err(|reason| {
            Error::ModelUnavailable(Box::new(ModelUnavailable {
                name: preset.name.to_owned(),
                file: (*file).to_owned(),
                reason,
                files: preset.files.iter().map(|f| (*f).to_owned()).collect(),
                url: format!("https://huggingface.co/{}", preset.repo),
                folder: folder.clone(),
            }))
        })?;
    }
    Ok(())
}

/// Where `file` of `preset` is downloaded from: Hugging Face, or the server
/// `NEWSDIGEST_HUB_URL` names (a mirror; the tests name a closed port, so
/// that they never download a model).
fn file_url(preset: &Preset, file: &str) -> String {
    match std::env::var("NEWSDIGEST_HUB_URL") {
        Ok(hub) if !hub.is_empty() => format!(
            "{}/{}/resolve/main/{file}",
            hub.trim_end_matches('/'),
            preset.repo
        ),
        _ => preset.url(file),
    }
}

fn agent(redirects: u32) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout_read(Duration::from_secs(60))
        .redirects(redirects)
        .build()
}

fn agent_no_redirects() -> ureq::Agent {
    agent(0)
}

/// What the server says the file is: its size and SHA-256, when it says.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Expected {
    pub size: Option<u64>,
    pub sha256: Option<String>,
}

/// A 64-hex-digit ETag is the SHA-256 of the file (Hugging Face LFS).
fn sha256_of_etag(etag: &str) -> Option<String> {
    let e = etag.trim().trim_start_matches("W/").trim_matches('"');
    (e.len() == 64 && e.bytes().all(|b| b.is_ascii_hexdigit())).then(|| e.to_ascii_lowercase())
}

/// Ask for the file without following the redirect to the storage: the
/// first answer names its checksum and size.
fn probe(agent: &ureq::Agent, url: &str) -> Expected {
    let response = match agent.head(url).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(_) => return Expected::default(),
    };
    let header = |name: &str| response.header(name).map(str::to_owned);
    let sha256 = header("X-Linked-Etag")
        .or_else(|| header("ETag"))
        .and_then(|e| sha256_of_etag(&e));
    let size = header("X-Linked-Size")
        .and_then(|s| s.parse().ok())
        .or_else(|| {
            // A 200 answer's own length is the file's; a redirect's is not.
            (response.status() == 200)
                .then(|| header("Content-Length").and_then(|s| s.parse().ok()))
                .flatten()
        });
    Expected { size, sha256 }
}

fn part_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    target.with_file_name(name)
}

fn fetch_file(
    agent: &ureq::Agent,
    probe_agent: &ureq::Agent,
    url: &str,
    target: &Path,
    progress: &mut dyn DownloadProgress,
) -> std::result::Result<(), String> {
    let expected = probe(probe_agent, url);
    let part = part_path(target);
    let mut have = fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    if expected.size.is_some_and(|size| have > size) {
        remove(&part)?;
        have = 0;
    }
    let mut request = agent.get(url);
    if have > 0 {
        request = request.set("Range", &format!("bytes={have}-"));
    }
    let response = match request.call() {
        // The partial file does not fit what the server has now: start over.
        Err(ureq::Error::Status(416, _)) if have > 0 => {
            remove(&part)?;
            return fetch_file(agent, probe_agent, url, target, progress);
        }
        other => other.map_err(|e| e.to_string())?,
    };
    let resumed = response.status() == 206;
    let remaining: Option<u64> = response
        .header("Content-Length")
        .and_then(|v| v.parse().ok());
    let offset = if resumed { have } else { 0 };
    let total = expected.size.or(remaining.map(|r| r + offset));

    // The hash covers the bytes already there, then the new ones.
    let mut hasher = Sha256::new();
    if resumed && expected.sha256.is_some() {
        let mut f = File::open(&part).map_err(|e| format!("{}: {e}", part.display()))?;
        io::copy(&mut f, &mut hasher).map_err(|e| format!("{}: {e}", part.display()))?;
    }
    let mut out = OpenOptions::new()
        .create(true)
        .write(true)
        .append(resumed)
        .truncate(!resumed)
        .open(&part)
        .map_err(|e| format!("{}: {e}", part.display()))?;

    progress.start(
        &target.file_name().unwrap_or_default().to_string_lossy(),
        total,
        offset,
    );
    let mut reader = response.into_reader();
    let mut buf = vec![0u8; 1 << 16];
    let mut written = offset;
    loop {
        let n = reader.read(&mut buf).map_err(|e| {
            format!("connection lost after {written} bytes, run again to resume: {e}")
        })?;
        if n == 0 {
            break;
        }
        out.write_all(&buf[..n])
            .map_err(|e| format!("{}: {e}", part.display()))?;
        hasher.update(&buf[..n]);
        written += n as u64;
        progress.advance(written);
    }
    out.flush().map_err(|e| e.to_string())?;
    drop(out);
    progress.finish();
    if let Some(total) = total {
        if written < total {
            // Keep the partial file: the next run resumes from it.
            return Err(format!(
                "got {written} of {total} bytes; run again to resume"
            ));
        }
        if written > total {
            remove(&part)?;
            return Err(format!(
                "got {written} bytes, expected {total}; removed the download"
            ));
        }
    }
    if let Some(want) = &expected.sha256 {
        let got = hex(&hasher.finalize());
        if &got != want {
            remove(&part)?;
            return Err(format!(
                "SHA-256 {got} differs from the published {want}; removed the download"
            ));
        }
    }
    fs::rename(&part, target).map_err(|e| format!("{}: {e}", target.display()))
}

fn remove(path: &Path) -> std::result::Result<(), String> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::net::TcpListener;

    /// What a download reported.
    #[derive(Default)]
    struct Recorder {
        started: Vec<(String, Option<u64>, u64)>,
        advanced: Vec<u64>,
        finished: usize,
    }

    impl DownloadProgress for Recorder {
        fn start(&mut self, file: &str, total: Option<u64>, done: u64) {
            self.started.push((file.to_owned(), total, done));
        }
        fn advance(&mut self, done: u64) {
            self.advanced.push(done);
        }
        fn finish(&mut self) {
            self.finished += 1;
        }
    }

    #[test]
    fn etags_that_are_sha256() {
        let h = "a".repeat(64);
        assert_eq!(sha256_of_etag(&format!("\"{h}\"")), Some(h.clone()));
        assert_eq!(sha256_of_etag(&format!("W/\"{h}\"")), Some(h));
        assert_eq!(sha256_of_etag("\"1234-abcd\""), None);
    }

    /// A loopback server (127.0.0.1, one thread, bounded number of requests)
    /// that serves `body` with `X-Linked-Etag: sha` and honours `Range`.
    fn serve(body: Vec<u8>, sha: String, requests: usize) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(requests) {
                let mut stream = stream.unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = String::new();
                let mut range_from = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("range: bytes=") {
                        range_from = v.trim().trim_end_matches('-').parse().unwrap_or(0);
                    }
                    head.push_str(&line);
                }
                let is_head = head.starts_with("HEAD");
                let slice = &body[range_from.min(body.len())..];
                let status = if range_from > 0 {
                    "206 Partial Content"
                } else {
                    "200 OK"
                };
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nX-Linked-Etag: \"{sha}\"\r\nX-Linked-Size: {}\r\nConnection: close\r\n\r\n",
                    slice.len(),
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
                if !is_head {
                    let _ = stream.write_all(slice);
                }
            }
        });
        format!("http://{addr}/file.bin")
    }

    #[test]
    fn download_resumes_and_checks_the_sha256() {
        let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let sha = hex(&Sha256::digest(&body));
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("file.bin");
        // A partial earlier download: the first 30 000 bytes.
        fs::write(part_path(&target), &body[..30_000]).unwrap();
        let url = serve(body.clone(), sha, 2);
        let mut seen = Recorder::default();
        fetch_file(&agent(0), &agent_no_redirects(), &url, &target, &mut seen).unwrap();
        assert_eq!(fs::read(&target).unwrap(), body);
        assert!(!part_path(&target).exists());
        // Progress starts at the bytes already there and ends at the size.
        assert_eq!(
            seen.started,
            [("file.bin".to_owned(), Some(100_000), 30_000)]
        );
        assert!(seen.advanced.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(seen.advanced.first().map(|&d| d > 30_000), Some(true));
        assert_eq!(seen.advanced.last(), Some(&100_000));
        assert_eq!(seen.finished, 1);
    }

    #[test]
    fn a_corrupt_download_is_removed_and_reported() {
        let body = b"not what was published".to_vec();
        let url = serve(body, "b".repeat(64), 2);
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("file.bin");
        let mut seen = Recorder::default();
        let err =
            fetch_file(&agent(0), &agent_no_redirects(), &url, &target, &mut seen).unwrap_err();
        assert!(err.contains("SHA-256") && err.contains("removed"), "{err}");
        assert!(!target.exists() && !part_path(&target).exists());
    }
}
