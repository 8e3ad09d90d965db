//! Errors that stop a command (exit code 2). Gate findings are not errors: they are
//! [`crate::model::finding::Finding`]s and drive exit code 1.

use std::path::PathBuf;

pub use crate::text::span::{Invalid, Pos};
use crate::text::visible::visible;

/// Everything that can stop factcheck from doing what it was asked. Its message (`Display`) is
/// for people: every path and text in it that came from a file or the command line is shown
/// with its control characters escaped ([`crate::text::visible`]), so an error can neither
/// drive the terminal nor start a line of its own; the only line break is before `help:`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be parsed or failed validation at a known place.
    #[error("{}:{}:{}: {}{}", path(file), pos.line, pos.column, visible(message), help(hint))]
    Invalid {
        /// The file, as given or relative to the repository root.
        file: PathBuf,
        /// Where in the file.
        pos: Pos,
        /// What was wrong and what was expected.
        message: String,
        /// How to fix it, when we know.
        hint: Option<String>,
    },
    /// Reading or writing a file failed.
    #[error("{}: {}", self::path(path), visible(&source.to_string()))]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A command was used wrongly (bad argument, missing file, wrong state).
    #[error("{}{}", visible(message), help(hint))]
    Usage {
        /// What was wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// The current identity may not do this.
    #[error("{}\n  help: {}", visible(message), visible(hint))]
    Refused {
        /// Who tried what.
        message: String,
        /// What would make it allowed.
        hint: String,
    },
    /// Files could not be read or parsed; the findings were already reported (first at the
    /// given file:line:column).
    #[error("stopped: invalid input (first at {}); see the FC090 findings above", visible(.0))]
    InputErrorsReported(String),
    /// A symbolic link inside the work tree, which factcheck never follows (see
    /// [`crate::io::worktree`]); it holds the link's repository-relative path. The target is not
    /// named: it is none of the repository's business, and could be a secret path.
    #[error(
        "{}: is a symbolic link; factcheck never follows a link inside the repository\n  help: replace the link with the file or folder it stands for",
        visible(.0)
    )]
    Linked(String),
    /// A git operation failed.
    #[error("git: {}", visible(&.0.to_string()))]
    Git(#[from] git2::Error),
}

/// A path as an error shows it.
fn path(p: &std::path::Path) -> String {
    visible(&p.display().to_string()).into_owned()
}

/// The `help:` line of a hint, if any.
fn help(hint: &Option<String>) -> String {
    hint.as_ref()
        .map(|h| format!("\n  help: {}", visible(h)))
        .unwrap_or_default()
}

impl Error {
    /// A usage error without a hint.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: None,
        }
    }

    /// A usage error with a hint.
    pub fn usage_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// A refusal: the identity lacks the right to act.
    pub fn refused(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Refused {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Invalid {
            file: e.file,
            pos: e.pos,
            message: e.message,
            hint: e.hint,
        }
    }
}
