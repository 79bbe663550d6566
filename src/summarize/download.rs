//! First-use download of a preset's files into the cache, with a progress
//! bar, a size check against the server's length, and resume of a partial
//! file (`.part`, continued with an HTTP range request).

use std::fs::{self, OpenOptions};
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::model::Preset;
use crate::error::{Error, Result};

/// Download every missing file of `preset` into its cache folder.
pub fn fetch_preset(preset: &Preset) -> Result<()> {
    let folder = preset.folder();
    fs::create_dir_all(&folder).map_err(|source| Error::Io {
        path: folder.clone(),
        source,
    })?;
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout_read(Duration::from_secs(60))
        .build();
    for file in preset.files {
        let target = folder.join(file);
        if target.is_file() {
            continue;
        }
        fetch_file(&agent, &preset.url(file), &target).map_err(|reason| {
            Error::ModelUnavailable {
                name: preset.name.to_owned(),
                reason: format!(
                    "download of {file} failed ({reason}); {}",
                    preset.manual_install_hint()
                ),
            }
        })?;
    }
    Ok(())
}

fn fetch_file(agent: &ureq::Agent, url: &str, target: &Path) -> std::result::Result<(), String> {
    let part = target.with_extension(format!(
        "{}.part",
        target
            .extension()
            .map(|e| e.to_string_lossy())
            .unwrap_or_default()
    ));
    let have = fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    let mut request = agent.get(url);
    if have > 0 {
        request = request.set("Range", &format!("bytes={have}-"));
    }
    let response = match request.call() {
        // The partial file does not fit what the server has now: start over.
        Err(ureq::Error::Status(416, _)) if have > 0 => {
            fs::remove_file(&part).map_err(|e| format!("{}: {e}", part.display()))?;
            return fetch_file(agent, url, target);
        }
        other => other.map_err(|e| e.to_string())?,
    };
    let resumed = response.status() == 206;
    let remaining: Option<u64> = response
        .header("Content-Length")
        .and_then(|v| v.parse().ok());
    let offset = if resumed { have } else { 0 };
    let expected = remaining.map(|r| r + offset);

    let mut out = OpenOptions::new()
        .create(true)
        .write(true)
        .append(resumed)
        .truncate(!resumed)
        .open(&part)
        .map_err(|e| format!("{}: {e}", part.display()))?;

    let bar = progress_bar(target, expected, offset);
    let mut reader = response.into_reader();
    let mut buf = vec![0u8; 1 << 16];
    let mut written = offset;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| format!("connection lost: {e}"))?;
        if n == 0 {
            break;
        }
        out.write_all(&buf[..n])
            .map_err(|e| format!("{}: {e}", part.display()))?;
        written += n as u64;
        bar.set_position(written);
    }
    out.flush().map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    if let Some(expected) = expected {
        if written != expected {
            // Keep the partial file: the next run resumes from it.
            return Err(format!("got {written} of {expected} bytes"));
        }
    }
    fs::rename(&part, target).map_err(|e| format!("{}: {e}", target.display()))
}

fn progress_bar(target: &Path, total: Option<u64>, position: u64) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => ProgressBar::new(t),
        None => ProgressBar::new_spinner(),
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(format!(
        "downloading {}",
        target.file_name().unwrap_or_default().to_string_lossy()
    ));
    bar.set_position(position);
    bar
}
