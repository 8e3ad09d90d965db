//! Renderers: render check results for people (rustc-style, optionally coloured) and machines
//! (versioned JSON, GitHub Actions annotations, SARIF 2.1.0, JUnit XML). The check engine produces data; only reporters and the CLI write output.

pub mod claims;
pub mod dashboard;
pub mod explain;
pub mod github;
pub mod html;
pub mod human;
pub mod init;
pub mod json;
pub mod junit;
pub mod people;
pub mod revisions;
pub mod sarif;
pub mod sources;
pub mod status;

use std::io::{self, Write};

use serde::Serialize;

use crate::check::{ArticleReport, Tally};

/// A reporter of the gate that writes as the articles' reports arrive, in article order, and
/// keeps nothing of an article once written, so memory stays flat however large the archive.
/// Totals come from the [`Tally`] at the end.
pub trait Renderer {
    /// Before the first article.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// One article's report.
    fn article(&mut self, report: &ArticleReport, out: &mut dyn Write) -> io::Result<()>;
    /// After the last article.
    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()>;
    /// Lines for the person at the terminal (stderr) once the run is over, apart from the
    /// output a script may read.
    fn notes(&mut self) -> Vec<String> {
        Vec::new()
    }
}

/// Renders whole `reports` with `reporter`: for callers holding a few reports, and tests.
pub fn render_all(reporter: &mut dyn Renderer, reports: &[ArticleReport]) -> String {
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

/// Terminal styling: colours described with [`anstyle`], written only when enabled. Whether
/// they are enabled is decided once per run by [`Style::for_stdout`], which leaves the
/// conventions (NO_COLOR, CLICOLOR, CLICOLOR_FORCE, TERM, not a terminal) to [`anstream`],
/// so factcheck colours exactly when the other tools of a terminal do.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to emit ANSI escape codes.
    pub color: bool,
}

/// Shorthand for a bold style in `color`.
const fn bold_in(color: anstyle::AnsiColor) -> anstyle::Style {
    anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::Color::Ansi(color)))
}

/// Shorthand for a plain style in `color`.
const fn plain_in(color: anstyle::AnsiColor) -> anstyle::Style {
    anstyle::Style::new().fg_color(Some(anstyle::Color::Ansi(color)))
}

impl Style {
    /// Errors, blocked articles: red bold.
    pub const ERROR: anstyle::Style = bold_in(anstyle::AnsiColor::Red);
    /// Warnings, changed claims: yellow bold.
    pub const WARNING: anstyle::Style = bold_in(anstyle::AnsiColor::Yellow);
    /// Gutters, arrows, commits: blue bold.
    pub const ACCENT: anstyle::Style = bold_in(anstyle::AnsiColor::Blue);
    /// Passing, found: green bold.
    pub const OK: anstyle::Style = bold_in(anstyle::AnsiColor::Green);
    /// Headings and messages: bold.
    pub const BOLD: anstyle::Style = anstyle::Style::new().bold();
    /// Text a diff adds: green.
    pub const INSERTED: anstyle::Style = plain_in(anstyle::AnsiColor::Green);
    /// Lines a diff removes: red.
    pub const REMOVED: anstyle::Style = plain_in(anstyle::AnsiColor::Red);
    /// Words a diff removes: red, struck through.
    pub const DELETED: anstyle::Style =
        plain_in(anstyle::AnsiColor::Red).effects(anstyle::Effects::STRIKETHROUGH);

    /// The styling of standard output: `Some(true)` always colours (`--color always`),
    /// `Some(false)` never does (`--color never`), and `None` (`auto`) asks [`anstream`], which
    /// colours a terminal unless NO_COLOR is set or CLICOLOR=0 (CLICOLOR_FORCE colours even a
    /// pipe, and a terminal without a capable TERM gets no colour).
    pub fn for_stdout(forced: Option<bool>) -> Style {
        let color = forced.unwrap_or_else(|| {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        });
        Style { color }
    }

    /// Wraps `s` in `style` when colour is on.
    pub fn paint(&self, style: anstyle::Style, s: &str) -> String {
        if self.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    /// Red bold.
    pub fn error(&self, s: &str) -> String {
        self.paint(Style::ERROR, s)
    }

    /// Yellow bold.
    pub fn warning(&self, s: &str) -> String {
        self.paint(Style::WARNING, s)
    }

    /// Blue bold (gutters, arrows).
    pub fn accent(&self, s: &str) -> String {
        self.paint(Style::ACCENT, s)
    }

    /// Green bold.
    pub fn ok(&self, s: &str) -> String {
        self.paint(Style::OK, s)
    }

    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.paint(Style::BOLD, s)
    }
}

/// "1 claim", "4 claims".
pub(crate) fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural_s(n))
}

/// The `s` of a plural noun after `n`: "" for one, "s" otherwise.
pub(crate) fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::Style;

    #[test]
    fn paint_writes_ansi_only_when_colour_is_on() {
        let on = Style { color: true };
        let off = Style { color: false };
        assert_eq!(off.error("x"), "x");
        assert_eq!(off.paint(Style::DELETED, "x"), "x");
        assert_eq!(on.error("x"), "\x1b[1m\x1b[31mx\x1b[0m");
        assert_eq!(on.paint(Style::INSERTED, "x"), "\x1b[32mx\x1b[0m");
        assert_eq!(on.paint(Style::DELETED, "x"), "\x1b[9m\x1b[31mx\x1b[0m");
        assert_eq!(Style::for_stdout(Some(false)).bold("x"), "x");
        assert_eq!(Style::for_stdout(Some(true)).bold("x"), "\x1b[1mx\x1b[0m");
    }
}
