//! The model: `fetch-model` and `models`, loading the pipeline with a
//! download bar, and the library's model errors and notices in the
//! command's words (naming the flags and commands that help).

use std::io::{self, IsTerminal};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use newsdigest::summarize::{DownloadProgress, ModelChoice, Notice, ProgressLines};
use newsdigest::{Error, Pipeline, PipelineConfig};

use crate::out::{note, Stdout};
use crate::Outcome;

/// The pipeline `config` asks for, downloading a preset with a bar on a
/// terminal; the notice of an extractive fallback goes to stderr unless
/// `quiet`. The model loads before any output is touched.
pub fn pipeline(config: PipelineConfig, quiet: bool) -> Result<Pipeline> {
    let mut bar = DownloadBar {
        quiet,
        ..DownloadBar::default()
    };
    let pipeline = Pipeline::with_progress(config, &mut bar).map_err(explain)?;
    if let (Some(notice), false) = (pipeline.notice(), quiet) {
        note!("newsdigest: {}", notice_line(notice));
    }
    Ok(pipeline)
}

/// A library error for the user: the typed reasons that a flag or command
/// resolves get that flag or command named.
pub fn explain(e: Error) -> anyhow::Error {
    match wording(&e) {
        Some(text) => anyhow::anyhow!(text),
        None => e.into(),
    }
}

fn wording(e: &Error) -> Option<String> {
    match e {
        Error::ModelUnavailable(_) => {
            Some(format!("{e} (or any folder, then pass --model-dir DIR)"))
        }
        Error::NoCudaDevice => {
            Some("summarization failed: --device cuda: no CUDA device is available".to_owned())
        }
        _ => None,
    }
}

fn notice_line(notice: &Notice) -> String {
    match notice {
        Notice::ExtractiveFallback { reason } => format!(
            "notice: summary is extractive (lead-3): {}. For abstractive summaries, run `newsdigest fetch-model` with internet access, or pass --model-dir DIR",
            wording(reason).unwrap_or_else(|| reason.to_string())
        ),
    }
}

/// `newsdigest models`: every preset, its repository and whether it is cached.
pub fn list() -> Result<Outcome> {
    let mut out = Stdout::new();
    for p in newsdigest::summarize::PRESETS {
        let (state, folder) = match p.cached_folder() {
            Some(folder) => ("cached", folder),
            None => (
                "not cached",
                newsdigest::summarize::hub::repo_dir(
                    &newsdigest::summarize::hub::hub_cache(),
                    p.repo,
                ),
            ),
        };
        out.line(format_args!(
            "{:<24} {:<32} {state}: {}",
            p.name,
            p.repo,
            folder.display()
        ))?;
    }
    out.finish()?;
    Ok(Outcome::Success)
}

/// `newsdigest fetch-model [NAME|ORG/NAME[@REV]]`.
#[cfg(feature = "abstractive")]
pub fn fetch(choice: Option<&ModelChoice>, quiet: bool) -> Result<Outcome> {
    let choice = choice.cloned().unwrap_or_default();
    let folder = newsdigest::summarize::fetch_model(
        &choice,
        &mut DownloadBar {
            quiet,
            ..DownloadBar::default()
        },
    )
    .map_err(explain)?;
    let name = match &choice {
        ModelChoice::Preset(name) => name.clone(),
        ModelChoice::Hub(id) => id.to_string(),
        ModelChoice::Dir(dir) => dir.display().to_string(),
    };
    let mut out = Stdout::new();
    out.line(format_args!("{name} is ready in {}", folder.display()))?;
    out.finish()?;
    Ok(Outcome::Success)
}

#[cfg(not(feature = "abstractive"))]
pub fn fetch(_choice: Option<&ModelChoice>, _quiet: bool) -> Result<Outcome> {
    Err(Error::AbstractiveUnsupported.into())
}

/// A bar per downloaded file on a terminal; elsewhere (indicatif hides
/// itself there) a line every few seconds, so that a log shows the download
/// advancing. `NEWSDIGEST_PROGRESS_INTERVAL` (seconds) sets how often.
/// `quiet`: neither.
#[derive(Default)]
struct DownloadBar {
    bar: Option<ProgressBar>,
    lines: Option<ProgressLines>,
    /// `--quiet`: no bar, no lines.
    quiet: bool,
}

/// Seconds between two progress lines off a terminal.
const PROGRESS_INTERVAL_S: f64 = 5.0;

fn progress_interval() -> std::time::Duration {
    let secs = std::env::var("NEWSDIGEST_PROGRESS_INTERVAL")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(PROGRESS_INTERVAL_S);
    std::time::Duration::from_secs_f64(secs.min(3600.0))
}

impl DownloadProgress for DownloadBar {
    fn start(&mut self, file: &str, total: Option<u64>, done: u64) {
        if self.quiet {
            return;
        }
        if !io::stderr().is_terminal() {
            let lines = self
                .lines
                .get_or_insert_with(|| ProgressLines::new(progress_interval()));
            note!("newsdigest: {}", lines.start(file, total, done));
            return;
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
        bar.set_message(format!("downloading {file}"));
        bar.set_position(done);
        self.bar = Some(bar);
    }

    fn advance(&mut self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
        if let Some(line) = self.lines.as_mut().and_then(|l| l.advance(done)) {
            note!("newsdigest: {line}");
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if let Some(lines) = self.lines.as_mut() {
            note!("newsdigest: {}", lines.finish());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdigest::error::ModelUnavailable;

    #[test]
    fn the_library_names_no_flag_and_the_binary_adds_the_ones_that_help() {
        let unavailable = Error::ModelUnavailable(Box::new(ModelUnavailable {
            name: "m".into(),
            file: "config.json".into(),
            reason: "offline".into(),
            files: vec!["config.json".into(), "vocab.json".into()],
            url: "https://huggingface.co/o/m".into(),
            folder: "/cache/m".into(),
        }));
        let library = unavailable.to_string();
        assert_eq!(
            library,
            "model m is not available: download of config.json failed (offline); \
             place config.json, vocab.json from https://huggingface.co/o/m in /cache/m"
        );
        let notice = Notice::ExtractiveFallback {
            reason: unavailable,
        };
        assert!(!notice.to_string().contains("--"), "{notice}");
        assert_eq!(
            notice_line(&notice),
            format!(
                "notice: summary is extractive (lead-3): {library} (or any folder, then pass \
                 --model-dir DIR). For abstractive summaries, run `newsdigest fetch-model` \
                 with internet access, or pass --model-dir DIR"
            )
        );
        let cuda = Notice::ExtractiveFallback {
            reason: Error::NoCudaDevice,
        };
        assert!(!cuda.to_string().contains("--"), "{cuda}");
        assert!(notice_line(&cuda).starts_with(
            "notice: summary is extractive (lead-3): summarization failed: --device cuda: \
             no CUDA device is available. "
        ));
    }
}
