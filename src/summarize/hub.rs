//! Models named the Hugging Face way (`ORG/NAME[@REVISION]`) and the cache
//! they live in: the hub cache of `huggingface_hub` and transformers
//! (`models--ORG--NAME/{blobs,snapshots/COMMIT,refs/REVISION}`), so that a
//! model a user already has from Python is used as it is, and one newsdigest
//! downloads is there for Python too.
//!
//! This file knows the names and the layout (no network); `download.rs`
//! fills the cache.

use std::fs;
use std::path::{Path, PathBuf};

use super::files;

/// A model repository on the hub and the revision asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubId {
    /// `ORG/NAME`.
    pub repo: String,
    /// A branch, a tag or a commit hash; `main` when none was given.
    pub revision: String,
}

impl HubId {
    /// `ORG/NAME` or `ORG/NAME@REVISION`; the error says what is wrong.
    pub fn parse(s: &str) -> Result<HubId, String> {
        let (repo, revision) = match s.split_once('@') {
            Some((repo, rev)) => (repo, Some(rev)),
            None => (s, None),
        };
        let valid_part = |p: &str| {
            !p.is_empty()
                && p.len() <= 96
                && !p.starts_with(['.', '-'])
                && !p.contains("..")
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        match repo.split_once('/') {
            Some((org, name)) if valid_part(org) && valid_part(name) => {}
            _ => {
                return Err(format!(
                    "{s:?} is not a Hugging Face model id (ORG/NAME or ORG/NAME@REVISION)"
                ))
            }
        }
        let revision = match revision {
            None => "main".to_owned(),
            // Branch and tag names may hold `/` (refs/pr/1); never `..`, so
            // that the ref file stays inside the cache.
            Some(rev)
                if !rev.is_empty()
                    && !rev.contains("..")
                    && !rev.starts_with('/')
                    && rev.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')
                    }) =>
            {
                rev.to_owned()
            }
            Some(rev) => return Err(format!("{rev:?} is not a revision (branch, tag or commit)")),
        };
        Ok(HubId {
            repo: repo.to_owned(),
            revision,
        })
    }

    /// The revision is a full commit hash: its snapshot never changes.
    pub fn is_commit(&self) -> bool {
        is_commit(&self.revision)
    }
}

impl std::fmt::Display for HubId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.revision == "main" {
            write!(f, "{}", self.repo)
        } else {
            write!(f, "{}@{}", self.repo, self.revision)
        }
    }
}

pub(crate) fn is_commit(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The hub cache: `$NEWSDIGEST_CACHE` when set (newsdigest's own override,
/// which the tests use to stay away from the user's cache), else
/// `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`,
/// else `~/.cache/huggingface/hub`, as `huggingface_hub` resolves it.
pub fn hub_cache() -> PathBuf {
    if let Some(dir) = env("NEWSDIGEST_CACHE").or_else(|| env("HF_HUB_CACHE")) {
        return PathBuf::from(dir);
    }
    hf_home().join("hub")
}

/// `$HF_HOME`, else `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface`.
fn hf_home() -> PathBuf {
    if let Some(dir) = env("HF_HOME") {
        return PathBuf::from(dir);
    }
    env("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("huggingface")
}

/// `HF_HUB_OFFLINE` set to a true value: no request at all.
pub fn offline() -> bool {
    env("HF_HUB_OFFLINE")
        .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"))
}

/// The hub's address: `$NEWSDIGEST_HUB_URL` (kept for existing setups and
/// the tests), else `$HF_ENDPOINT`, else huggingface.co.
pub fn endpoint() -> String {
    env("NEWSDIGEST_HUB_URL")
        .or_else(|| env("HF_ENDPOINT"))
        .unwrap_or_else(|| "https://huggingface.co".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// The user's access token: `$HF_TOKEN`, else the file `huggingface-cli
/// login` writes (`$HF_TOKEN_PATH`, else `$HF_HOME/token`).
pub fn token() -> Option<String> {
    if let Some(t) = env("HF_TOKEN") {
        return Some(t.trim().to_owned());
    }
    let path = env("HF_TOKEN_PATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| hf_home().join("token"));
    let bytes = files::read_optional(&path, 4096).ok().flatten()?;
    let t = String::from_utf8(bytes).ok()?.trim().to_owned();
    (!t.is_empty()).then_some(t)
}

/// The folder of `repo` in the cache `root`: `models--ORG--NAME`.
pub fn repo_dir(root: &Path, repo: &str) -> PathBuf {
    root.join(format!("models--{}", repo.replace('/', "--")))
}

/// The commit a revision stands for in the cache: itself when it is one,
/// else what `refs/REVISION` says.
pub(crate) fn cached_commit(repo_dir: &Path, revision: &str) -> Option<String> {
    if is_commit(revision) {
        return Some(revision.to_ascii_lowercase());
    }
    let bytes = files::read_optional(&repo_dir.join("refs").join(revision), 256)
        .ok()
        .flatten()?;
    let commit = String::from_utf8(bytes).ok()?.trim().to_owned();
    is_commit(&commit).then_some(commit)
}

/// The snapshot of `id` in the cache `root` when it holds a usable model:
/// `files` all there when given (a preset's), else a config, a tokenizer
/// and weights ([`is_complete`]).
pub fn cached_snapshot(root: &Path, id: &HubId, files: Option<&[&str]>) -> Option<PathBuf> {
    let dir = repo_dir(root, &id.repo);
    let commit = cached_commit(&dir, &id.revision)?;
    let snapshot = dir.join("snapshots").join(commit);
    let complete = match files {
        Some(files) => files.iter().all(|f| snapshot.join(f).is_file()),
        None => is_complete(&snapshot),
    };
    complete.then_some(snapshot)
}

/// Whether a model folder has what [`super::ModelFolder::inspect`] needs:
/// `config.json`, a tokenizer and weights (every shard of sharded ones).
pub(crate) fn is_complete(dir: &Path) -> bool {
    let has = |f: &str| dir.join(f).is_file();
    let tokenizer = (has("vocab.json") && has("merges.txt"))
        || has("spiece.model")
        || (has("tokenizer.json") && has("special_tokens_map.json"));
    let weights = has("model.safetensors")
        || has("rust_model.ot")
        || shards(dir).is_ok_and(|s| !s.is_empty() && s.iter().all(|f| has(f)));
    has("config.json") && tokenizer && weights
}

/// The index of sharded safetensors weights.
pub(crate) const SHARD_INDEX: &str = "model.safetensors.index.json";

/// The shard files `model.safetensors.index.json` names, in order, each
/// once; the error names what is wrong with the index.
pub(crate) fn shards(dir: &Path) -> Result<Vec<String>, String> {
    let raw = files::read(&dir.join(SHARD_INDEX), files::CONFIG_LIMIT * 16)?;
    shards_of(&raw)
}

pub(crate) fn shards_of(raw: &[u8]) -> Result<Vec<String>, String> {
    let index: serde_json::Value =
        serde_json::from_slice(raw).map_err(|e| format!("{SHARD_INDEX} is not JSON: {e}"))?;
    let map = index
        .get("weight_map")
        .and_then(|m| m.as_object())
        .ok_or_else(|| format!("{SHARD_INDEX} has no weight_map"))?;
    let mut shards: Vec<String> = Vec::new();
    for file in map.values() {
        let file = file
            .as_str()
            .ok_or_else(|| format!("{SHARD_INDEX}: weight_map values are file names"))?;
        // A shard is a file beside the index, never a path out of the folder.
        if file.is_empty() || file.contains(['/', '\\']) || file.starts_with('.') {
            return Err(format!(
                "{SHARD_INDEX} names {file:?}, not a file beside it"
            ));
        }
        if !shards.iter().any(|s| s == file) {
            shards.push(file.to_owned());
        }
    }
    Ok(shards)
}

/// What to download from a repository whose files are `listed`: the
/// config, the tokenizer, the generation config and the weights newsdigest
/// reads. Sharded weights are the index here; its shards are added once it
/// is read. A repository with PyTorch pickles only is refused with the way
/// to convert it.
#[cfg_attr(not(feature = "abstractive"), allow(dead_code))]
pub(crate) fn files_to_fetch(listed: &[String]) -> Result<Vec<String>, String> {
    let has = |f: &str| listed.iter().any(|l| l == f);
    if !has("config.json") {
        return Err("the repository has no config.json".to_owned());
    }
    let mut wanted = vec!["config.json"];
    for f in ["generation_config.json", "special_tokens_map.json"] {
        if has(f) {
            wanted.push(f);
        }
    }
    if has("vocab.json") && has("merges.txt") {
        wanted.extend(["vocab.json", "merges.txt"]);
    } else if has("spiece.model") {
        wanted.push("spiece.model");
    } else if has("tokenizer.json") {
        wanted.push("tokenizer.json");
    } else {
        return Err(
            "the repository has no tokenizer (tokenizer.json, vocab.json + merges.txt, or spiece.model)"
                .to_owned(),
        );
    }
    if has("model.safetensors") {
        wanted.push("model.safetensors");
    } else if has(SHARD_INDEX) {
        wanted.push(SHARD_INDEX);
    } else if has("rust_model.ot") {
        wanted.push("rust_model.ot");
    } else if has("pytorch_model.bin") || has("pytorch_model.bin.index.json") {
        return Err(pytorch_only("the repository"));
    } else {
        return Err("the repository has no weights (model.safetensors, model.safetensors.index.json or rust_model.ot)".to_owned());
    }
    Ok(wanted.into_iter().map(str::to_owned).collect())
}

/// The refusal of PyTorch pickle weights, with the one line that converts them.
pub(crate) fn pytorch_only(what: &str) -> String {
    format!(
        "{what} has PyTorch weights only (pytorch_model.bin), which newsdigest does not read \
         (a pickle can run code); convert them to safetensors with: python -c \
         \"from transformers import AutoModelForSeq2SeqLM as M; \
         M.from_pretrained('ORG/NAME or DIR').save_pretrained('OUT_DIR', safe_serialization=True)\" \
         and pass --model-dir OUT_DIR (copy the tokenizer files beside it)"
    )
}

/// Write `contents` to `path` through a temporary name and a rename, so that
/// a reader sees the old contents or the new, never part of them.
#[cfg_attr(not(feature = "abstractive"), allow(dead_code))]
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    fs::write(&tmp, contents)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_ids_and_revisions() {
        let id = HubId::parse("facebook/bart-large-cnn").unwrap();
        assert_eq!(
            (id.repo.as_str(), id.revision.as_str()),
            ("facebook/bart-large-cnn", "main")
        );
        assert!(!id.is_commit());
        let id = HubId::parse("org/name@v1.0").unwrap();
        assert_eq!(id.revision, "v1.0");
        assert_eq!(id.to_string(), "org/name@v1.0");
        let c = "0123456789abcdef0123456789abcdef01234567";
        assert!(HubId::parse(&format!("o/n@{c}")).unwrap().is_commit());
        for bad in [
            "name",
            "/name",
            "org/",
            "a/b/c",
            "org/na me",
            "org/..",
            "o/n@",
            "o/n@../x",
            "o/n@a b",
        ] {
            assert!(HubId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_cache_layout_is_huggingface_hubs() {
        let root = tempfile::tempdir().unwrap();
        let id = HubId::parse("org/tiny").unwrap();
        let dir = repo_dir(root.path(), "org/tiny");
        assert!(dir.ends_with("models--org--tiny"));
        assert_eq!(
            cached_snapshot(root.path(), &id, Some(&["config.json"])),
            None
        );
        let commit = "a".repeat(40);
        let snap = dir.join("snapshots").join(&commit);
        fs::create_dir_all(&snap).unwrap();
        fs::create_dir_all(dir.join("refs")).unwrap();
        fs::write(dir.join("refs/main"), format!("{commit}\n")).unwrap();
        fs::write(snap.join("config.json"), "{}").unwrap();
        assert_eq!(
            cached_snapshot(root.path(), &id, Some(&["config.json"])),
            Some(snap.clone())
        );
        // Without a tokenizer and weights the snapshot is not a model yet.
        assert_eq!(cached_snapshot(root.path(), &id, None), None);
        fs::write(snap.join("spiece.model"), "").unwrap();
        fs::write(snap.join(SHARD_INDEX), r#"{"weight_map": {"a": "s1.safetensors", "b": "s2.safetensors", "c": "s1.safetensors"}}"#).unwrap();
        fs::write(snap.join("s1.safetensors"), "").unwrap();
        assert_eq!(cached_snapshot(root.path(), &id, None), None);
        fs::write(snap.join("s2.safetensors"), "").unwrap();
        assert_eq!(cached_snapshot(root.path(), &id, None), Some(snap));
    }

    #[test]
    fn what_is_fetched_from_a_listing() {
        let list = |files: &[&str]| files.iter().map(|f| f.to_string()).collect::<Vec<_>>();
        assert_eq!(
            files_to_fetch(&list(&[
                "config.json",
                "tokenizer.json",
                "special_tokens_map.json",
                "model.safetensors",
                "pytorch_model.bin",
                "README.md"
            ]))
            .unwrap(),
            list(&[
                "config.json",
                "special_tokens_map.json",
                "tokenizer.json",
                "model.safetensors"
            ])
        );
        assert_eq!(
            files_to_fetch(&list(&[
                "config.json",
                "vocab.json",
                "merges.txt",
                SHARD_INDEX
            ]))
            .unwrap(),
            list(&["config.json", "vocab.json", "merges.txt", SHARD_INDEX])
        );
        let err = files_to_fetch(&list(&["config.json", "spiece.model", "pytorch_model.bin"]))
            .unwrap_err();
        assert!(err.contains("safe_serialization=True"), "{err}");
        assert!(shards_of(br#"{"weight_map": {"a": "../x"}}"#).is_err());
    }
}
