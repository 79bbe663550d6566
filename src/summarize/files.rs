//! Reading a model folder's small files, each with a bound: a file that is
//! a link to /dev/zero, or gigabytes where a config belongs, is refused
//! after its limit plus one byte, naming the file, instead of being read
//! until memory runs out. The weights are not read here: the safetensors
//! header has its own bound (`safetensors.rs`), the tensors are the size
//! the header says.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// `config.json` and `generation_config.json`: a summarizer's config is a
/// few kB (bart-large-cnn's is 1.6 kB); label tables of classification
/// heads keep the largest published configs under 100 kB.
pub(crate) const CONFIG_LIMIT: u64 = 1 << 20;

/// Tokenizer files (`tokenizer.json`, `vocab.json`, `merges.txt`,
/// `spiece.model`, `tokenizer_config.json`, `special_tokens_map.json`): the
/// `tokenizer.json` of the largest vocabularies (250k tokens: mT5, Gemma)
/// is 17 to 35 MB; BART's `vocab.json` is 0.9 MB, its `merges.txt` 0.5 MB,
/// T5's `spiece.model` 0.8 MB.
#[cfg_attr(not(feature = "abstractive"), allow(dead_code))]
pub(crate) const TOKENIZER_LIMIT: u64 = 64 << 20;

/// The bytes of `path`, at most `limit` of them; the error names the file
/// and says what is wrong: its IO error, or its size.
pub(crate) fn read(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    read_optional(path, limit)?.ok_or_else(|| {
        format!(
            "cannot read {}: {}",
            name(path),
            io::Error::from(io::ErrorKind::NotFound)
        )
    })
}

/// [`read`] for a file a folder may lack: `None` when there is none.
pub(crate) fn read_optional(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = Vec::new();
    match drain(path, limit, &mut bytes)? {
        true => Ok(Some(bytes)),
        false => Ok(None),
    }
}

/// Whether `path` (which another library reads by its path) is within
/// `limit`, read through once without keeping it; the error is [`read`]'s.
#[cfg(feature = "abstractive")]
pub(crate) fn check(path: &Path, limit: u64) -> Result<(), String> {
    let file = open(path)?.ok_or_else(|| {
        format!(
            "cannot read {}: {}",
            name(path),
            io::Error::from(io::ErrorKind::NotFound)
        )
    })?;
    let read = io::copy(&mut file.take(limit + 1), &mut io::sink())
        .map_err(|e| format!("cannot read {}: {e}", name(path)))?;
    within(path, read, limit)
}

/// What is at `path`: `None` when nothing is; an error, naming the file,
/// when what is there cannot be known, as a link that loops ("too many
/// levels of symbolic links") or leads nowhere, so that a broken file is
/// reported as what it is rather than as a file the folder lacks.
pub(crate) fn probe(path: &Path) -> Result<Option<std::fs::Metadata>, String> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => match std::fs::symlink_metadata(path) {
            Ok(_) => Err(format!(
                "cannot read {}: it is a link to nothing ({e})",
                name(path)
            )),
            Err(_) => Ok(None),
        },
        Err(e) => Err(format!("cannot read {}: {e}", name(path))),
    }
}

/// Read `path` into `bytes`, `limit` plus one byte at most; `false` when
/// there is no such file.
fn drain(path: &Path, limit: u64, bytes: &mut Vec<u8>) -> Result<bool, String> {
    let Some(file) = open(path)? else {
        return Ok(false);
    };
    file.take(limit + 1)
        .read_to_end(bytes)
        .map_err(|e| format!("cannot read {}: {e}", name(path)))?;
    within(path, bytes.len() as u64, limit)?;
    Ok(true)
}

/// Open `path` for reading; `None` when it does not exist. A pipe or a
/// socket is refused before it is opened: opening one waits for a writer,
/// which may never come.
fn open(path: &Path) -> Result<Option<File>, String> {
    let Some(meta) = probe(path)? else {
        return Ok(None);
    };
    if meta.is_dir() {
        return Err(format!("cannot read {}: it is a directory", name(path)));
    }
    #[cfg(unix)]
    if is_pipe_or_socket(&meta) {
        return Err(format!(
            "cannot read {}: it is a pipe or a socket, not a file",
            name(path)
        ));
    }
    File::open(path)
        .map(Some)
        .map_err(|e| format!("cannot read {}: {e}", name(path)))
}

#[cfg(unix)]
fn is_pipe_or_socket(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo() || meta.file_type().is_socket()
}

fn within(path: &Path, read: u64, limit: u64) -> Result<(), String> {
    if read > limit {
        return Err(format!(
            "cannot read {}: over {limit} bytes, the limit for this file",
            name(path)
        ));
    }
    Ok(())
}

/// The file's name: the errors it goes into name the folder.
fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_file_is_read_up_to_its_limit_and_refused_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read(&path, 10).unwrap(), b"0123456789");
        let err = read(&path, 9).unwrap_err();
        assert_eq!(
            err,
            "cannot read config.json: over 9 bytes, the limit for this file"
        );
        assert_eq!(read_optional(&dir.path().join("none.json"), 9), Ok(None));
        let err = read(&dir.path().join("none.json"), 9).unwrap_err();
        assert!(err.starts_with("cannot read none.json: "), "{err}");
        let err = read(dir.path(), 9).unwrap_err();
        assert!(err.ends_with("it is a directory"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_an_endless_device_fails_at_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        // On a thread, so that a read without end fails the test instead of
        // hanging it.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || tx.send(read(&path, CONFIG_LIMIT)).unwrap());
        let result = rx.recv_timeout(Duration::from_secs(20)).expect("bounded");
        assert_eq!(
            result.unwrap_err(),
            format!("cannot read config.json: over {CONFIG_LIMIT} bytes, the limit for this file")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_that_loop_or_lead_nowhere_are_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let looped = dir.path().join("model.safetensors");
        std::os::unix::fs::symlink("model.safetensors", &looped).unwrap();
        let err = probe(&looped).unwrap_err();
        assert!(
            err.starts_with("cannot read model.safetensors: ")
                && err
                    .to_lowercase()
                    .contains("too many levels of symbolic links"),
            "{err}"
        );
        let dangling = dir.path().join("generation_config.json");
        std::os::unix::fs::symlink("elsewhere.json", &dangling).unwrap();
        let err = read_optional(&dangling, CONFIG_LIMIT).unwrap_err();
        assert!(
            err.starts_with("cannot read generation_config.json: it is a link to nothing"),
            "{err}"
        );
        assert!(probe(&dir.path().join("absent")).unwrap().is_none());
        assert!(probe(dir.path()).unwrap().unwrap().is_dir());
    }

    #[cfg(all(unix, feature = "abstractive"))]
    #[test]
    fn a_file_read_by_another_library_is_read_through_within_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spiece.model");
        std::fs::write(&path, [7u8; 100]).unwrap();
        check(&path, 100).unwrap();
        let err = check(&path, 99).unwrap_err();
        assert_eq!(
            err,
            "cannot read spiece.model: over 99 bytes, the limit for this file"
        );
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let err = check(&path, TOKENIZER_LIMIT).unwrap_err();
        assert!(err.contains("over 67108864 bytes"), "{err}");
        let err = check(&dir.path().join("none"), 1).unwrap_err();
        assert!(err.starts_with("cannot read none: "), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vocab.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let err = read(&path, TOKENIZER_LIMIT).unwrap_err();
        assert!(err.contains("vocab.json") && err.contains("pipe"), "{err}");
    }
}
