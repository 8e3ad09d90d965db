//! The one way the command line writes to stdout and stderr. When the reader goes away
//! (`factcheck claim list … | head -1`), output stops quietly and the command finishes with its
//! usual exit code, as ripgrep does, instead of panicking on a broken pipe. Any other write
//! error (a full disk behind a redirect) is reported and ends the process with exit code 2:
//! output is never lost silently.
//!
//! Everything written passes [`crate::text::visible::guard`] last: a control character that
//! came from a file and was not already escaped where it was formatted (renderers and errors
//! escape what they print) is shown as an escape here, whatever the command or format, so
//! nothing factcheck prints can drive the terminal. Only line breaks, tabs and factcheck's own
//! colours pass, and the bidirectional controls in a document for programs ([`for_programs`]).
//! Under `--format github` ([`github_mode`]) every message on stderr is also one
//! workflow command with its text escaped as the runner expects, so no file name can start a
//! line of its own (`::stop-commands::…`); a command line clap refuses included
//! ([`print_usage_error`]).

use std::ffi::OsString;
use std::io::{self, BufWriter, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::text::visible::{Reader, guard, guard_end, visible};

/// Set once the reader of stdout has gone: nothing more is written.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Set by `check --format github`: stderr speaks workflow commands.
static GITHUB: AtomicBool = AtomicBool::new(false);

/// Set by a command writing a document for programs (JSON, SARIF, JUnit) to stdout.
static PROGRAM: AtomicBool = AtomicBool::new(false);

/// The end of a colour sequence that a write cut, kept for the next one ([`guard`]).
static CARRY: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Standard output, as seen through [`CLOSED`]. Each write locks std's stdout.
pub struct Stdout;

impl Stdout {
    /// A buffered handle, for long streamed output such as the gate's reports.
    pub fn buffered() -> BufWriter<Stdout> {
        BufWriter::with_capacity(64 << 10, Stdout)
    }
}

/// `result` of a write, with a broken pipe turned into "written" (and remembered).
fn closed_pipe_is_success<T>(result: io::Result<T>, written: T) -> io::Result<T> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(written)
        }
        other => other,
    }
}

impl Write for Stdout {
    /// Takes all of `buf` at once, its bytes through [`guard`] (a colour sequence cut at its
    /// end waits in [`CARRY`] for the next write or the flush).
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if CLOSED.load(Ordering::Relaxed) {
            return Ok(buf.len());
        }
        let mut shown = Vec::with_capacity(buf.len());
        guard(buf, stdout_reader(), &mut carry(), &mut shown);
        closed_pipe_is_success(io::stdout().lock().write_all(&shown), ()).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if CLOSED.load(Ordering::Relaxed) {
            return Ok(());
        }
        let mut rest = Vec::new();
        guard_end(stdout_reader(), &mut carry(), &mut rest);
        let mut out = io::stdout().lock();
        closed_pipe_is_success(out.write_all(&rest).and_then(|()| out.flush()), ())
    }
}

/// The bytes [`guard`] kept back ([`CARRY`]); a poisoned lock still holds valid bytes.
fn carry() -> std::sync::MutexGuard<'static, Vec<u8>> {
    CARRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Who reads stdout: a person unless [`for_programs`] was called.
fn stdout_reader() -> Reader {
    if PROGRAM.load(Ordering::Relaxed) {
        Reader::Program
    } else {
        Reader::Person
    }
}

/// From now on, stderr speaks GitHub workflow commands (`check --format github`).
pub fn github_mode() {
    GITHUB.store(true, Ordering::Relaxed);
}

/// From now on, stdout carries a document for programs (`--format json|sarif|junit`, the
/// schema, ClaimReview): the bidirectional controls in its text pass as the document writes
/// them ([`Reader::Program`]); every other control character is still escaped. Stderr is read
/// by people whatever the format.
pub fn for_programs() {
    PROGRAM.store(true, Ordering::Relaxed);
}

/// Writes `args` to stdout (what [`outln!`] and [`out!`] expand to).
pub fn print(args: std::fmt::Arguments) {
    if let Err(e) = Stdout.write_fmt(args).and_then(|()| Stdout.flush()) {
        fail(e);
    }
}

/// Ends the process on an output error that is not a closed pipe.
pub fn fail(e: io::Error) -> ! {
    print_err(format_args!("factcheck: error: writing output: {e}\n"));
    std::process::exit(2)
}

/// Writes `args` to stderr (what [`errln!`] and [`err!`] expand to), through [`guard`]; under
/// [`github_mode`], as one `::notice` command. A closed or failing stderr is ignored: messages
/// for a person are not worth a panic (`eprintln!` would panic when `2>&1 | head` has gone
/// away).
pub fn print_err(args: std::fmt::Arguments) {
    write_err("notice", &args.to_string());
}

/// Writes `text` to stderr through [`guard`]. Under [`github_mode`] it becomes one workflow
/// command of `level` (`error`, `notice`), titled factcheck, its text escaped as a command's
/// message: whatever it holds, the runner reads one line that is our command.
fn write_err(level: &str, text: &str) {
    let text = if GITHUB.load(Ordering::Relaxed) {
        let message = text.strip_suffix('\n').unwrap_or(text);
        if message.is_empty() {
            return;
        }
        format!(
            "::{level} title=factcheck::{}\n",
            crate::render::github::escape_data(message)
        )
    } else {
        text.to_string()
    };
    let mut shown = Vec::with_capacity(text.len());
    let mut rest = Vec::new();
    guard(text.as_bytes(), Reader::Person, &mut rest, &mut shown);
    guard_end(Reader::Person, &mut rest, &mut shown);
    let _ = io::stderr().lock().write_all(&shown);
}

/// Prints a command line clap refused (exit 2) on stderr, `args` being the raw command line.
/// Clap quotes arguments, which a shell or a CI workflow may have filled with file names or
/// inputs: every value it echoes is shown with its control characters escaped
/// ([`shown_values`]), so none splits a line of the message or drives the terminal. With
/// `--format github` on the command line ([`github_requested`]) the message is one `::error`
/// workflow command, as factcheck's own errors are, even when clap refused the command line
/// before reaching the format. Coloured as clap colours it, never under `--format github`.
pub fn print_usage_error(e: clap::Error, args: &[OsString]) {
    if github_requested(args) {
        github_mode();
    }
    let e = shown_values(e);
    let mut text = e.render().ansi().to_string();
    // A value parser's own message (`--only`, `--shard`) may quote the value too.
    if let Some(source) = std::error::Error::source(&e) {
        let raw = source.to_string();
        let shown = visible(&raw);
        if shown != raw {
            text = text.replace(&raw, &shown);
        }
    }
    let colour = !GITHUB.load(Ordering::Relaxed)
        && anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never;
    if !colour {
        text = anstream::adapter::strip_str(&text).to_string();
    }
    write_err("error", &text);
}

/// Whether the raw command line asks for `--format github` (`--format github` or
/// `--format=github`, before a `--`). Read before clap parses, which may refuse an argument
/// before the format or fail without reading it. The environment is not read: `GITHUB_ACTIONS`
/// is set for every step of a job, also those that run factcheck for people or for `jq`, and
/// the same command line prints the same thing everywhere.
fn github_requested(args: &[OsString]) -> bool {
    let mut after_format = false;
    for arg in args.iter().skip(1) {
        let arg = arg.as_encoded_bytes();
        if arg == b"--" {
            return false;
        }
        if (after_format && arg == b"github") || arg == b"--format=github" {
            return true;
        }
        after_format = arg == b"--format";
    }
    false
}

/// `e` with every value its context holds (the arguments and values clap quotes, and the tips
/// that repeat them) shown with their control characters escaped ([`visible`]). The usage line
/// is clap's own text and stays as it is.
fn shown_values(mut e: clap::Error) -> clap::Error {
    use clap::builder::StyledStr;
    use clap::error::{ContextKind, ContextValue};
    // The values as clap holds them, longest first, to find them again inside its tips.
    let mut raw: Vec<String> = e
        .context()
        .flat_map(|(_, value)| match value {
            ContextValue::String(s) => vec![s.clone()],
            ContextValue::Strings(v) => v.clone(),
            _ => Vec::new(),
        })
        .filter(|s| visible(s) != s.as_str())
        .collect();
    raw.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let restyle = |s: &StyledStr| {
        let mut text = s.ansi().to_string();
        for r in &raw {
            text = text.replace(r.as_str(), &visible(r));
        }
        StyledStr::from(text)
    };
    let shown: Vec<(ContextKind, ContextValue)> = e
        .context()
        .filter(|(kind, _)| *kind != ContextKind::Usage)
        .filter_map(|(kind, value)| {
            let value = match value {
                ContextValue::String(s) => ContextValue::String(visible(s).into_owned()),
                ContextValue::Strings(v) => {
                    ContextValue::Strings(v.iter().map(|s| visible(s).into_owned()).collect())
                }
                ContextValue::StyledStr(s) => ContextValue::StyledStr(restyle(s)),
                ContextValue::StyledStrs(v) => {
                    ContextValue::StyledStrs(v.iter().map(restyle).collect())
                }
                _ => return None,
            };
            Some((kind, value))
        })
        .collect();
    for (kind, value) in shown {
        e.insert(kind, value);
    }
    e
}

/// Prints the error that stops the command (exit 2): `factcheck: error: …` on stderr, or an
/// `::error` workflow command under [`github_mode`].
pub fn print_error(e: &crate::error::Error) {
    write_err("error", &format!("factcheck: error: {e}\n"));
}

/// `eprintln!` that never panics.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::output::print_err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` that never panics.
macro_rules! err {
    ($($arg:tt)*) => {
        $crate::cli::output::print_err(format_args!($($arg)*))
    };
}

/// `println!` through [`Stdout`].
macro_rules! outln {
    () => {
        $crate::cli::output::print(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::print(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` through [`Stdout`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::print(format_args!($($arg)*))
    };
}

pub(crate) use {err, errln, out, outln};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_is_asked_for_by_either_spelling_before_a_double_dash() {
        let asks = |args: &[&str]| {
            let raw: Vec<OsString> = std::iter::once("factcheck")
                .chain(args.iter().copied())
                .map(OsString::from)
                .collect();
            github_requested(&raw)
        };
        assert!(asks(&["check", "--format", "github"]));
        assert!(asks(&["check", "--x", "--format=github"]));
        assert!(asks(&[
            "--color", "x", "status", "--format", "github", "--y"
        ]));
        assert!(!asks(&["check", "--format", "json"]));
        assert!(!asks(&["check", "--", "--format", "github"]));
        assert!(!asks(&["check", "--format", "--", "github"]));
        assert!(!asks(&["check", "github"]));
    }
}
