//! Progress of a model download, reported to the caller: the library never
//! draws on the terminal itself (the `newsdigest` binary shows a bar).

/// Told about each file a download fetches, in order.
pub trait DownloadProgress {
    /// `file` starts: its size when the server says it, and the bytes
    /// already there from an earlier, interrupted download.
    fn start(&mut self, file: &str, total: Option<u64>, done: u64);
    /// `done` bytes of the file are there.
    fn advance(&mut self, done: u64);
    /// The transfer of the file ended (its size and checksum are checked
    /// next). Not called when the connection broke off.
    fn finish(&mut self);
}

/// Reports nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl DownloadProgress for NoProgress {
    fn start(&mut self, _file: &str, _total: Option<u64>, _done: u64) {}
    fn advance(&mut self, _done: u64) {}
    fn finish(&mut self) {}
}

/// Lines that say how a download advances where no bar can be drawn (a
/// log, a pipe, a scheduler's output file): one when a file starts, one at
/// most every `every` while it runs (bytes, rate, time left), one when it
/// ends. The caller writes them; a download that runs for minutes then
/// does not look hung.
#[derive(Debug, Clone)]
pub struct ProgressLines {
    every: std::time::Duration,
    file: String,
    total: Option<u64>,
    /// Bytes there when the file started (a resumed download).
    from: u64,
    done: u64,
    started: std::time::Instant,
    last: std::time::Instant,
}

impl ProgressLines {
    pub fn new(every: std::time::Duration) -> ProgressLines {
        let now = std::time::Instant::now();
        ProgressLines {
            every,
            file: String::new(),
            total: None,
            from: 0,
            done: 0,
            started: now,
            last: now,
        }
    }

    /// The line for a file that starts.
    pub fn start(&mut self, file: &str, total: Option<u64>, done: u64) -> String {
        let now = std::time::Instant::now();
        (self.file, self.total, self.from, self.done) = (file.to_owned(), total, done, done);
        (self.started, self.last) = (now, now);
        let size = total.map_or_else(|| "size unknown".to_owned(), bytes);
        match done {
            0 => format!("downloading {file} ({size})"),
            d => format!("downloading {file} ({size}), resuming at {}", bytes(d)),
        }
    }

    /// A line when `every` has passed since the last one.
    pub fn advance(&mut self, done: u64) -> Option<String> {
        self.done = done;
        let now = std::time::Instant::now();
        if now.duration_since(self.last) < self.every {
            return None;
        }
        self.last = now;
        Some(self.line(now.duration_since(self.started)))
    }

    /// The line for the end of the file's transfer.
    pub fn finish(&mut self) -> String {
        let took = self.started.elapsed();
        format!(
            "downloaded {}: {} in {}",
            self.file,
            bytes(self.done),
            duration(took.as_secs_f64())
        )
    }

    /// `downloading FILE: DONE of TOTAL (P%), RATE/s, ETA T` for `elapsed`.
    fn line(&self, elapsed: std::time::Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-3);
        let rate = self.done.saturating_sub(self.from) as f64 / secs;
        let of = match self.total {
            Some(t) if t > 0 => format!(" of {} ({}%)", bytes(t), (self.done.min(t) * 100 / t)),
            _ => String::new(),
        };
        let eta = match self.total {
            Some(t) if rate > 0.0 => duration(t.saturating_sub(self.done) as f64 / rate),
            _ => "unknown".to_owned(),
        };
        format!(
            "downloading {}: {}{of}, {}/s, ETA {eta}",
            self.file,
            bytes(self.done),
            bytes(rate as u64)
        )
    }
}

/// Bytes in decimal units, as download sizes are quoted.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if n < 1000 {
        return format!("{n} B");
    }
    let mut v = n as f64;
    let mut unit = "B";
    for u in UNITS {
        if v < 1000.0 {
            break;
        }
        v /= 1000.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}

fn duration(secs: f64) -> String {
    let s = secs.round() as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn lines_say_bytes_rate_and_time_left() {
        let mut lines = ProgressLines::new(Duration::ZERO);
        assert_eq!(
            lines.start("model.safetensors", Some(2_000_000), 0),
            "downloading model.safetensors (2.0 MB)"
        );
        lines.done = 500_000;
        assert_eq!(
            lines.line(Duration::from_secs(2)),
            "downloading model.safetensors: 500.0 kB of 2.0 MB (25%), 250.0 kB/s, ETA 6s"
        );
        assert!(lines.advance(600_000).is_some());
        let mut slow = ProgressLines::new(Duration::from_secs(3600));
        slow.start("x", None, 10);
        assert_eq!(slow.advance(20), None);
        slow.done = 10 + 1_500_000_000;
        assert_eq!(
            slow.line(Duration::from_secs(100)),
            "downloading x: 1.5 GB, 15.0 MB/s, ETA unknown"
        );
        assert_eq!(bytes(999), "999 B");
        assert_eq!(duration(3725.0), "1h 02m");
        assert_eq!(duration(75.0), "1m 15s");
    }
}
