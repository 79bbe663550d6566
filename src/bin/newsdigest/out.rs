//! Writing to the terminal without panicking. `println!` and `eprintln!`
//! panic when the write fails; here a failed write to standard output is an
//! error value ([`StdoutError`]), which `main` turns into a quiet exit for a
//! closed pipe (`newsdigest models | head -1`, as ripgrep does) and into an
//! error line for anything else (a full device). A failed write to standard
//! error is dropped: there is nowhere left to report it.

use std::fmt;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

/// A write to standard output failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output")]
pub struct StdoutError(#[source] pub io::Error);

impl StdoutError {
    /// Whether the reader of standard output went away (a closed pipe): the
    /// command ends quietly, as `head` expects of a producer.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Whether `e` (or an error it wraps) is a write to a closed standard output.
pub fn is_closed_stdout(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<StdoutError>())
        .any(StdoutError::is_closed_pipe)
}

/// Standard output, buffered; every error is a [`StdoutError`].
pub struct Stdout(BufWriter<StdoutLock<'static>>);

impl Stdout {
    pub fn new() -> Stdout {
        Stdout(BufWriter::new(io::stdout().lock()))
    }

    pub fn write_str(&mut self, s: &str) -> Result<(), StdoutError> {
        self.0.write_all(s.as_bytes()).map_err(StdoutError)
    }

    pub fn line(&mut self, args: fmt::Arguments) -> Result<(), StdoutError> {
        writeln!(self.0, "{args}").map_err(StdoutError)
    }

    /// Flush what is buffered; the output is complete only when this succeeds.
    pub fn finish(mut self) -> Result<(), StdoutError> {
        self.0.flush().map_err(StdoutError)
    }
}

/// One line on standard error; a failure to write it is ignored.
pub fn write_note(args: fmt::Arguments) {
    let _ = writeln!(io::stderr().lock(), "{args}");
}

/// `eprintln!` that never panics (see [`write_note`]).
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::out::write_note(format_args!($($arg)*))
    };
}
pub(crate) use note;

/// A command about to read standard input says so when it is a terminal
/// (unless `quiet`): otherwise it would seem to hang.
pub fn reading_stdin(quiet: bool) {
    if !quiet && io::stdin().is_terminal() {
        note!("newsdigest: reading standard input (end it with Ctrl-D; --help for usage)");
    }
}
