//! First-use download of a model into the Hugging Face hub cache
//! (`hub.rs`), with progress reported to the caller ([`DownloadProgress`]),
//! resume of a partial file (`.incomplete`, continued with an HTTP range
//! request), a size check against the server's length and a SHA-256 check
//! where the server publishes one.
//!
//! Hugging Face answers `resolve/REVISION/FILE` for large (LFS) files with a
//! redirect whose headers carry `X-Linked-Etag` (the file's SHA-256) and
//! `X-Linked-Size`; those are read with a first request that does not follow
//! redirects, which also names the commit (`X-Repo-Commit`). A file whose
//! bytes do not match is deleted (the next run starts it over) and reported.
//!
//! Processes that start together on a cold cache (a `parallel` run) take a
//! lock per repository: one downloads, the others wait and then find the
//! snapshot complete. A blob is written under a temporary name and renamed
//! into place, and its snapshot link appears after that, so no reader ever
//! opens a half-written file. The lock per blob is the one `huggingface_hub`
//! takes (`.locks/models--ORG--NAME/ETAG.lock`, `flock`), so Python filling
//! the same cache at the same time is kept out too.
//!
//! Hand-written over `ureq` rather than through the `hf-hub` crate: hf-hub's
//! blocking client (0.4) has no `HF_HUB_OFFLINE`, no SHA-256 check of what
//! it downloads, draws its own indicatif bar (a library here never draws),
//! and takes its proxy from ureq 2, which ignores `NO_PROXY` and sends
//! `HTTPS_PROXY` for plain-HTTP addresses too; each of those is what this
//! file is for.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::hub::{self, HubId, SHARD_INDEX};
use super::model::Preset;
use super::progress::DownloadProgress;
use crate::error::{Error, ModelUnavailable, Result};

/// Download every missing file of `preset` into the hub cache, telling
/// `progress` how each file advances; the folder the files are in.
pub fn fetch_preset(preset: &Preset, progress: &mut dyn DownloadProgress) -> Result<PathBuf> {
    if let Some(folder) = preset.cached_folder() {
        return Ok(folder);
    }
    let unavailable = |file: &str, reason: String| {
        Error::ModelUnavailable(Box::new(ModelUnavailable {
            name: preset.name.to_owned(),
            file: file.to_owned(),
            reason,
            files: preset.files.iter().map(|f| (*f).to_owned()).collect(),
            url: format!("https://huggingface.co/{}", preset.repo),
            folder: preset.folder(),
        }))
    };
    fetch(&preset.hub_id(), Some(preset.files), progress).map_err(|e| match e {
        Failure::File { file, reason } => unavailable(&file, reason),
        Failure::Repo(reason) => unavailable(preset.files[0], reason),
        Failure::Error(e) => e,
    })
}

/// Download what newsdigest needs of the hub model `id` (config, tokenizer,
/// weights) into the hub cache, unless it is there already; its snapshot
/// folder. With `HF_HUB_OFFLINE` set, a model that is not cached is an error
/// and nothing is sent.
pub fn fetch_model(id: &HubId, progress: &mut dyn DownloadProgress) -> Result<PathBuf> {
    let problem = |problem: String| Error::HubModel {
        model: id.to_string(),
        problem,
    };
    fetch(id, None, progress).map_err(|e| match e {
        Failure::File { file, reason } => problem(format!("download of {file} failed: {reason}")),
        Failure::Repo(reason) => problem(reason),
        Failure::Error(e) => e,
    })
}

/// Why a fetch failed, for the caller to word.
enum Failure {
    /// A file could not be had.
    File { file: String, reason: String },
    /// The repository could not be listed or holds nothing to read.
    Repo(String),
    /// Already worded (offline, a cache that cannot be written).
    Error(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

fn fetch(
    id: &HubId,
    files: Option<&[&str]>,
    progress: &mut dyn DownloadProgress,
) -> std::result::Result<PathBuf, Failure> {
    let root = hub::hub_cache();
    if let Some(snapshot) = hub::cached_snapshot(&root, id, files) {
        return Ok(snapshot);
    }
    if hub::offline() {
        return Err(Failure::Error(Error::HubModel {
            model: id.to_string(),
            problem: format!(
                "not in the Hugging Face cache {} and HF_HUB_OFFLINE is set, so nothing is \
                 downloaded: run once without HF_HUB_OFFLINE, or `huggingface-cli download {}`",
                root.display(),
                id.repo
            ),
        }));
    }
    let repo_dir = hub::repo_dir(&root, &id.repo);
    let locks = root
        .join(".locks")
        .join(repo_dir.file_name().unwrap_or_default());
    fs::create_dir_all(&locks).map_err(io_error(&locks))?;
    let _repo_lock = lock(&locks.join("newsdigest.lock"))?;
    // Another process may have completed it while this one waited.
    if let Some(snapshot) = hub::cached_snapshot(&root, id, files) {
        return Ok(snapshot);
    }

    let client = Client::from_env();
    let (commit, mut wanted) = match files {
        Some(files) => {
            let first = files[0];
            let url = client.file_url(&id.repo, &id.revision, first);
            let expected = client.probe(&url).map_err(|reason| Failure::File {
                file: first.to_owned(),
                reason,
            })?;
            let commit = commit_of(id, expected.commit).map_err(|reason| Failure::File {
                file: first.to_owned(),
                reason,
            })?;
            (commit, files.iter().map(|f| (*f).to_owned()).collect())
        }
        None => {
            let (commit, listed) = client.listing(id).map_err(Failure::Repo)?;
            let wanted = hub::files_to_fetch(&listed).map_err(Failure::Repo)?;
            (commit, wanted)
        }
    };
    let snapshot = repo_dir.join("snapshots").join(&commit);
    let blobs = repo_dir.join("blobs");
    for dir in [&snapshot, &blobs] {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    let mut i = 0;
    while i < wanted.len() {
        let file = wanted[i].clone();
        let failed = |reason: String| Failure::File {
            file: file.clone(),
            reason,
        };
        if !snapshot.join(&file).is_file() {
            let url = client.file_url(&id.repo, &commit, &file);
            let blob = client
                .fetch_blob(&url, &file, &blobs, &locks, progress)
                .map_err(failed)?;
            link(&blob, &snapshot.join(&file)).map_err(failed)?;
        }
        if file == SHARD_INDEX {
            for shard in hub::shards(&snapshot).map_err(failed)? {
                if !wanted.contains(&shard) {
                    wanted.push(shard);
                }
            }
        }
        i += 1;
    }
    if !id.is_commit() {
        let refs = repo_dir.join("refs").join(&id.revision);
        if let Some(parent) = refs.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        hub::write_atomic(&refs, commit.as_bytes()).map_err(io_error(&refs))?;
    }
    Ok(snapshot)
}

/// The commit the server named for a revision; a revision that is a
/// commit is its own.
fn commit_of(id: &HubId, named: Option<String>) -> std::result::Result<String, String> {
    if id.is_commit() {
        return Ok(id.revision.to_ascii_lowercase());
    }
    named.filter(|c| hub::is_commit(c)).ok_or_else(|| {
        format!(
            "the server did not name the commit of {} (no X-Repo-Commit)",
            id.revision
        )
    })
}

/// `path`, created if need be and locked for this process (`flock`, which
/// `huggingface_hub`'s `filelock` also takes); unlocked when the file is
/// dropped, or when the process ends however it ends.
fn lock(path: &Path) -> Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io_error(path))?;
    file.lock().map_err(io_error(path))?;
    Ok(file)
}

/// Point the snapshot's `file` at its blob, by a relative link as
/// `huggingface_hub` makes them, made under a temporary name and renamed
/// into place so that the file is never there half made.
fn link(blob: &Path, file: &Path) -> std::result::Result<(), String> {
    let name = blob.file_name().unwrap_or_default();
    let mut tmp = file.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let _ = fs::remove_file(&tmp);
    #[cfg(unix)]
    {
        // snapshots/COMMIT/FILE -> ../../blobs/BLOB
        let up = Path::new("..").join("..").join("blobs").join(name);
        std::os::unix::fs::symlink(up, &tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    }
    #[cfg(not(unix))]
    {
        let _ = name;
        fs::copy(blob, &tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    }
    fs::rename(&tmp, file).map_err(|e| format!("{}: {e}", file.display()))
}

/// The hub as this process reaches it: its address, the proxy the
/// environment names for it, and the user's token.
struct Client {
    endpoint: String,
    agent: ureq::Agent,
    probe: ureq::Agent,
    token: Option<String>,
}

impl Client {
    fn from_env() -> Client {
        let endpoint = hub::endpoint();
        let proxy = proxy_for(&endpoint, &|name| std::env::var(name).ok());
        Client {
            agent: agent(8, proxy.as_deref()),
            probe: agent(0, proxy.as_deref()),
            endpoint,
            token: hub::token(),
        }
    }

    fn file_url(&self, repo: &str, revision: &str, file: &str) -> String {
        format!(
            "{}/{repo}/resolve/{}/{file}",
            self.endpoint,
            url_revision(revision)
        )
    }

    /// Requests carry the token; ureq drops it on a redirect to another
    /// host (the storage), as it should.
    fn authorized(&self, request: ureq::Request) -> ureq::Request {
        match &self.token {
            Some(t) => request.set("Authorization", &format!("Bearer {t}")),
            None => request,
        }
    }

    /// [`probe`], following redirects within the hub (huggingface.co
    /// sends small files through a relative redirect, `/api/resolve-cache/…`)
    /// but not the one to the storage, whose answer would not name the file.
    fn probe(&self, url: &str) -> std::result::Result<Expected, String> {
        let mut url = url.to_owned();
        let mut commit = None;
        for _ in 0..5 {
            let (expected, location) = probe(&self.authorized(self.probe.head(&url)))?;
            commit = commit.or(expected.commit.clone());
            match location.filter(|l| l.starts_with('/') && !l.starts_with("//")) {
                Some(path) if expected.etag.is_none() => {
                    url = format!("{}{path}", origin(&self.endpoint));
                }
                _ => return Ok(Expected { commit, ..expected }),
            }
        }
        Err(format!("{url}: too many redirects"))
    }

    /// The commit `id` stands for and the files it holds
    /// (`/api/models/REPO/revision/REVISION`).
    fn listing(&self, id: &HubId) -> std::result::Result<(String, Vec<String>), String> {
        let url = format!(
            "{}/api/models/{}/revision/{}",
            self.endpoint,
            id.repo,
            url_revision(&id.revision)
        );
        let response = self
            .authorized(self.agent.get(&url))
            .call()
            .map_err(|e| describe(&e))?;
        let mut body = Vec::new();
        response
            .into_reader()
            .take(64 << 20)
            .read_to_end(&mut body)
            .map_err(|e| format!("{url}: {e}"))?;
        let info: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| format!("{url}: not JSON: {e}"))?;
        let commit = info
            .get("sha")
            .and_then(|s| s.as_str())
            .filter(|s| hub::is_commit(s))
            .ok_or_else(|| format!("{url}: no commit (sha) in the answer"))?;
        let files = info
            .get("siblings")
            .and_then(|s| s.as_array())
            .map(|s| {
                s.iter()
                    .filter_map(|f| f.get("rfilename").and_then(|n| n.as_str()))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok((commit.to_ascii_lowercase(), files))
    }

    /// Download `url` (the repository's `file`) into `blobs` (under its lock in `locks`) unless that
    /// blob is there; the blob's path.
    fn fetch_blob(
        &self,
        url: &str,
        file: &str,
        blobs: &Path,
        locks: &Path,
        progress: &mut dyn DownloadProgress,
    ) -> std::result::Result<PathBuf, String> {
        let expected = self.probe(url)?;
        // The blob is named by its ETag as huggingface_hub names it (the
        // SHA-256 of an LFS file, the git hash of a small one).
        let name = expected
            .etag
            .clone()
            .ok_or_else(|| format!("{url}: the server sent no ETag to name the file by"))?;
        let blob = blobs.join(&name);
        let _lock = lock(&locks.join(format!("{name}.lock"))).map_err(|e| e.to_string())?;
        if blob.is_file() {
            return Ok(blob);
        }
        let request = self.authorized(self.agent.get(url));
        fetch_file(request, &expected, &blob, file, progress)?;
        Ok(blob)
    }
}

/// The proxy for requests to `url` as the environment (`get`) names it:
/// `HTTPS_PROXY` for https, `HTTP_PROXY` for http (either case), else
/// `ALL_PROXY`; none when `NO_PROXY` lists the host (`*`, the host, or a
/// domain it is in, with or without a leading dot; a port is ignored).
fn proxy_for(url: &str, get: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let var = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| get(n).filter(|v| !v.trim().is_empty()))
    };
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    }
    .to_ascii_lowercase();
    let proxy = match scheme.to_ascii_lowercase().as_str() {
        "https" => var(&["HTTPS_PROXY", "https_proxy"]),
        "http" => var(&["HTTP_PROXY", "http_proxy"]),
        _ => None,
    }
    .or_else(|| var(&["ALL_PROXY", "all_proxy"]))?;
    let no_proxy = var(&["NO_PROXY", "no_proxy"]).unwrap_or_default();
    let bypass = no_proxy.split(',').map(str::trim).any(|entry| {
        let entry = entry.to_ascii_lowercase();
        let entry = entry.trim_start_matches("*.").trim_start_matches('.');
        let entry = match entry.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => entry,
        };
        let entry = entry.trim_start_matches('[').trim_end_matches(']');
        !entry.is_empty() && (entry == "*" || host == entry || host.ends_with(&format!(".{entry}")))
    });
    (!bypass).then_some(proxy)
}

/// An agent that never reads the proxy from the environment on its own
/// (ureq's reading ignores `NO_PROXY`): [`proxy_for`] chose it.
fn agent(redirects: u32, proxy: Option<&str>) -> ureq::Agent {
    let mut builder = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout_read(Duration::from_secs(60))
        .redirects(redirects)
        .try_proxy_from_env(false);
    if let Some(proxy) = proxy.and_then(|p| ureq::Proxy::new(p).ok()) {
        builder = builder.proxy(proxy);
    }
    builder.build()
}

/// A transport or status error in a few words: a 401 says what helps.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Status(401 | 403, r) => format!(
            "{}: {} (a gated or private repository needs a token: set HF_TOKEN)",
            r.get_url(),
            r.status()
        ),
        ureq::Error::Status(404, r) => format!("{}: not found (404)", r.get_url()),
        other => other.to_string(),
    }
}

/// What the server says the file is: its size and SHA-256, when it says,
/// the name its blob takes, and the commit the revision stands for.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Expected {
    pub size: Option<u64>,
    pub sha256: Option<String>,
    pub etag: Option<String>,
    pub commit: Option<String>,
}

/// A 64-hex-digit ETag is the SHA-256 of the file (Hugging Face LFS).
fn sha256_of_etag(etag: &str) -> Option<String> {
    let e = clean_etag(etag);
    (e.len() == 64 && e.bytes().all(|b| b.is_ascii_hexdigit())).then(|| e.to_ascii_lowercase())
}

/// An ETag without its quotes and weak mark.
fn clean_etag(etag: &str) -> String {
    etag.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .to_owned()
}

/// The blob name an ETag gives; `None` when it could not safely name a file.
fn blob_name(etag: &str) -> Option<String> {
    let e = clean_etag(etag);
    (!e.is_empty()
        && e.len() <= 128
        && e.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then_some(e)
}

/// Ask for the file without following the redirect to the storage: the
/// first answer names its checksum, size and commit. A transport error or
/// an error status is the reason the file cannot be had.
/// Also the `Location` of a redirect.
fn probe(request: &ureq::Request) -> std::result::Result<(Expected, Option<String>), String> {
    let response = request.clone().call().map_err(|e| describe(&e))?;
    let location = (300..400)
        .contains(&response.status())
        .then(|| response.header("Location").map(str::to_owned))
        .flatten();
    let header = |name: &str| response.header(name).map(str::to_owned);
    let etag = header("X-Linked-Etag").or_else(|| header("ETag"));
    let sha256 = etag.as_deref().and_then(sha256_of_etag);
    let size = header("X-Linked-Size")
        .and_then(|s| s.parse().ok())
        .or_else(|| {
            // A 200 answer's own length is the file's; a redirect's is not.
            (response.status() == 200)
                .then(|| header("Content-Length").and_then(|s| s.parse().ok()))
                .flatten()
        });
    let expected = Expected {
        size,
        sha256,
        etag: etag.as_deref().and_then(blob_name),
        commit: header("X-Repo-Commit"),
    };
    Ok((expected, location))
}

/// `scheme://host[:port]` of `url`.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// A revision in a URL path: `refs/pr/1` is one segment (`refs%2Fpr%2F1`),
/// as huggingface_hub sends it.
fn url_revision(revision: &str) -> String {
    revision.replace('/', "%2F")
}

/// Where a file is written until it is complete and checked: the name
/// `huggingface_hub` gives a partial blob, which either resumes.
fn part_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".incomplete");
    target.with_file_name(name)
}

/// Fetch what `request` asks for into `target` (through its `.incomplete`
/// file, resumed when one is there), checked against `expected`.
fn fetch_file(
    request: ureq::Request,
    expected: &Expected,
    target: &Path,
    shown: &str,
    progress: &mut dyn DownloadProgress,
) -> std::result::Result<(), String> {
    let part = part_path(target);
    let mut have = fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    if expected.size.is_some_and(|size| have > size) {
        remove(&part)?;
        have = 0;
    }
    let ranged = if have > 0 {
        request.clone().set("Range", &format!("bytes={have}-"))
    } else {
        request.clone()
    };
    let response = match ranged.call() {
        // The partial file does not fit what the server has now: start over.
        Err(ureq::Error::Status(416, _)) if have > 0 => {
            remove(&part)?;
            return fetch_file(request, expected, target, shown, progress);
        }
        other => other.map_err(|e| describe(&e))?,
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

    progress.start(shown, total, offset);
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
        assert_eq!(blob_name("\"1234-abcd\"").as_deref(), Some("1234-abcd"));
        assert_eq!(blob_name("\"../x\""), None);
    }

    #[test]
    fn the_proxy_follows_the_scheme_and_no_proxy() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let https = env(&[
            ("HTTPS_PROXY", "http://p:3128"),
            ("http_proxy", "http://q:8080"),
        ]);
        assert_eq!(
            proxy_for("https://huggingface.co/x", &https).as_deref(),
            Some("http://p:3128")
        );
        assert_eq!(
            proxy_for("http://mirror:9000/x", &https).as_deref(),
            Some("http://q:8080")
        );
        let bypass = env(&[
            ("https_proxy", "http://p:3128"),
            ("NO_PROXY", "localhost, .internal.org,hf.co:443"),
        ]);
        assert_eq!(
            proxy_for("https://huggingface.co/x", &bypass).as_deref(),
            Some("http://p:3128")
        );
        for url in [
            "https://localhost/x",
            "https://hub.internal.org/x",
            "https://internal.org",
            "https://hf.co/a",
        ] {
            assert_eq!(proxy_for(url, &bypass), None, "{url}");
        }
        assert_eq!(
            proxy_for("https://nothf.co/a", &bypass).as_deref(),
            Some("http://p:3128")
        );
        let all = env(&[("ALL_PROXY", "socks5://s:1080"), ("no_proxy", "*")]);
        assert_eq!(proxy_for("https://huggingface.co", &all), None);
        assert_eq!(proxy_for("https://huggingface.co", &env(&[])), None);
        assert_eq!(origin("http://127.0.0.1:8080/a/b"), "http://127.0.0.1:8080");
        assert_eq!(origin("https://hf.co"), "https://hf.co");
        assert_eq!(url_revision("refs/pr/1"), "refs%2Fpr%2F1");
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
        let (expected, _) = probe(&agent(0, None).head(&url)).unwrap();
        assert_eq!(expected.size, Some(100_000));
        fetch_file(
            agent(0, None).get(&url),
            &expected,
            &target,
            "file.bin",
            &mut seen,
        )
        .unwrap();
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
        let (expected, _) = probe(&agent(0, None).head(&url)).unwrap();
        let err = fetch_file(
            agent(0, None).get(&url),
            &expected,
            &target,
            "file.bin",
            &mut seen,
        )
        .unwrap_err();
        assert!(err.contains("SHA-256") && err.contains("removed"), "{err}");
        assert!(!target.exists() && !part_path(&target).exists());
    }
}
