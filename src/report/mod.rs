//! Reporters: render check results for people (rustc-style, optionally coloured) and machines
//! (versioned JSON, GitHub Actions annotations, SARIF 2.1.0, JUnit XML). The check engine produces data; only reporters and the CLI write output.

pub mod dashboard;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod revisions;
pub mod sarif;
pub mod status;

use std::io::{self, Write};

use serde::Serialize;

use crate::check::{ArticleReport, Tally};

/// A reporter of the gate that writes as the articles' reports arrive, in article order, and
/// keeps nothing of an article once written, so memory stays flat however large the archive.
/// Totals come from the [`Tally`] at the end.
pub trait Reporter {
    /// Before the first article.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// One article's report.
    fn article(&mut self, report: &ArticleReport, out: &mut dyn Write) -> io::Result<()>;
    /// After the last article.
    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()>;
}

/// Renders whole `reports` with `reporter`: for callers holding a few reports, and tests.
pub fn render_all(reporter: &mut dyn Reporter, reports: &[ArticleReport]) -> String {
    let mut out = Vec::new();
    let written = reporter.begin(&mut out).and_then(|()| {
        reports
            .iter()
            .try_for_each(|r| reporter.article(r, &mut out))
    });
    written
        .and_then(|()| reporter.end(&Tally::of(reports), &mut out))
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("reporters write UTF-8")
}

/// A JSON array written one element at a time with the bytes serde_json's pretty printer
/// would give it inside the whole document: the array is the value of a key indented `indent`
/// spaces, so its elements are indented two more.
pub struct JsonArray {
    indent: usize,
    empty: bool,
}

impl JsonArray {
    /// Writes `[`.
    pub fn open(indent: usize, out: &mut dyn Write) -> io::Result<JsonArray> {
        out.write_all(b"[")?;
        Ok(JsonArray {
            indent,
            empty: true,
        })
    }

    /// Writes one element.
    pub fn push(&mut self, value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        let pad = " ".repeat(self.indent + 2);
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(pad.as_bytes())?;
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Writes `]`.
    pub fn close(self, out: &mut dyn Write) -> io::Result<()> {
        if self.empty {
            return out.write_all(b"]");
        }
        write!(out, "\n{}]", " ".repeat(self.indent))
    }
}

/// The members of a pretty-printed top-level JSON object, without its braces: the lines a
/// streamed document writes before or after its array.
pub fn json_members(value: &impl Serialize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    Ok(text
        .strip_prefix("{\n")
        .and_then(|t| t.strip_suffix("\n}"))
        .unwrap_or_default()
        .to_string())
}

/// Terminal styling: ANSI colours only when enabled.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to emit ANSI escape codes.
    pub color: bool,
}

impl Style {
    /// Wraps `s` in the ANSI code `code` when colour is on.
    pub fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Red bold.
    pub fn error(&self, s: &str) -> String {
        self.paint("1;31", s)
    }

    /// Yellow bold.
    pub fn warning(&self, s: &str) -> String {
        self.paint("1;33", s)
    }

    /// Blue bold (gutters, arrows).
    pub fn accent(&self, s: &str) -> String {
        self.paint("1;34", s)
    }

    /// Green bold.
    pub fn ok(&self, s: &str) -> String {
        self.paint("1;32", s)
    }

    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}
