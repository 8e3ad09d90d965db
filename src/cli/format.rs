//! The one output-format type of the command line. Every command with `--format` takes an
//! [`OutputFormat`]; each accepts only the formats it can write, listed with its own help text
//! in one of the tables below, so `--help`, completions and the man page show what that command
//! offers, and clap refuses the others (`claim list --format sarif`) as an invalid value.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::error::Error;

/// How a command writes its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// For people: rustc-style diagnostics, a table or a word diff.
    Human,
    /// Versioned JSON (docs/json.md).
    Json,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// JUnit XML, one test case per article.
    Junit,
}

/// A command's formats, each with the help text its `--help` shows.
pub type Formats = &'static [(OutputFormat, &'static str)];

/// `check`: every format.
pub const CHECK: Formats = &[
    (OutputFormat::Human, "rustc-style diagnostics for people"),
    (OutputFormat::Json, "Versioned JSON (docs/json.md)"),
    (
        OutputFormat::Github,
        "GitHub Actions annotations (workflow commands)",
    ),
    (
        OutputFormat::Sarif,
        "SARIF 2.1.0, for code-scanning dashboards",
    ),
    (OutputFormat::Junit, "JUnit XML, one test case per article"),
];

/// `status`.
pub const STATUS: Formats = &[
    (
        OutputFormat::Human,
        "A table, one line per article, for people",
    ),
    (OutputFormat::Json, "Versioned JSON (docs/json.md)"),
];

/// Listing commands: `claim list`, `claim suggest`.
pub const LIST: Formats = &[
    (OutputFormat::Human, "A table"),
    (OutputFormat::Json, "JSON"),
];

/// The revision commands: `diff`, `reanchor`, `log`.
pub const REVISIONS: Formats = &[
    (OutputFormat::Human, "For people"),
    (OutputFormat::Json, "Versioned JSON (docs/json.md)"),
];

impl OutputFormat {
    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Json => "json",
            OutputFormat::Github => "github",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Junit => "junit",
        }
    }

    /// The error for a format `command` does not write. Its `--format` parser lets through
    /// only the formats it writes, so this is never seen: each command's match names every
    /// format (no `_` arm, `tests/cli/layout.rs`), so a new format is a decision in each.
    pub fn unsupported(self, command: &str) -> Error {
        Error::usage(format!("`{command}` does not write --format {self}"))
    }

    /// The value parser of a command's `--format`: accepts exactly `formats`.
    pub fn parser(formats: Formats) -> impl TypedValueParser<Value = OutputFormat> {
        let values = formats
            .iter()
            .map(|(f, help)| PossibleValue::new(f.as_str()).help(*help));
        PossibleValuesParser::new(values).map(move |name: String| {
            formats
                .iter()
                .map(|(f, _)| *f)
                .find(|f| f.as_str() == name)
                // The parser only lets through the names it was built from.
                .unwrap_or(OutputFormat::Human)
        })
    }
}

impl std::fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
