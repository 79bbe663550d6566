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
