//! The one way the command line writes to stdout. When the reader goes away
//! (`factcheck claim list … | head -1`), output stops quietly and the command finishes with its
//! usual exit code, as ripgrep does, instead of panicking on a broken pipe. Any other write
//! error (a full disk behind a redirect) is reported and ends the process with exit code 2:
//! output is never lost silently.

use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the reader of stdout has gone: nothing more is written.
static CLOSED: AtomicBool = AtomicBool::new(false);

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
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if CLOSED.load(Ordering::Relaxed) {
            return Ok(buf.len());
        }
        closed_pipe_is_success(io::stdout().lock().write(buf), buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if CLOSED.load(Ordering::Relaxed) {
            return Ok(());
        }
        closed_pipe_is_success(io::stdout().lock().flush(), ())
    }
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

/// Writes `args` to stderr (what [`errln!`] and [`err!`] expand to). A closed or failing
/// stderr is ignored: messages for a person are not worth a panic (`eprintln!` would panic
/// when `2>&1 | head` has gone away).
pub fn print_err(args: std::fmt::Arguments) {
    let _ = io::stderr().lock().write_fmt(args);
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
