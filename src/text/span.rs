//! Where things are: byte ranges of plain text, line and column positions in a source file,
//! and the one error the text layer raises (input that cannot be read, at a known place).

use std::path::PathBuf;

/// A byte range of the plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

impl Span {
    /// This span of `hay` without leading and trailing whitespace.
    pub fn trim(self, hay: &str) -> Span {
        let s = &hay[self.start..self.end];
        let start = self.start + (s.len() - s.trim_start().len());
        let end = self.end - (s.len() - s.trim_end().len());
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// A position in a file, 1-based, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number in characters, starting at 1.
    pub column: usize,
}

/// Input that could not be read, at a known place: the text layer's only error. The crate's
/// [`Error`](../../error/enum.Error.html) turns it into `Error::Invalid`, with the same message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The file, as given or relative to the repository root.
    pub file: PathBuf,
    /// Where in the file.
    pub pos: Pos,
    /// What was wrong and what was expected.
    pub message: String,
    /// How to fix it, when we know.
    pub hint: Option<String>,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Pos { line, column } = self.pos;
        write!(
            f,
            "{}:{line}:{column}: {}",
            self.file.display(),
            self.message
        )?;
        match &self.hint {
            Some(hint) => write!(f, "\n  help: {hint}"),
            None => Ok(()),
        }
    }
}
