//! The `status` table: one line per article (stage, claims that pass, blockers, warnings, gate,
//! title), written as the gate's reports go by; then which articles have stale claims. Files
//! that cannot be read are named on stderr at the end, as `check` names them. Paths, titles and
//! messages are shown with their control characters escaped ([`crate::text::visible`]): a
//! name never splits a row.

use super::plural;
use std::io::{self, Write};

use super::{Renderer, Style};
use crate::check::{ArticleReport, Tally};
use crate::model::finding::{Code, Severity};
use crate::text::visible::visible;

/// Writes the `status` table.
pub struct StatusTable {
    style: Style,
    width: usize,
    stale: Vec<String>,
    invalid: Vec<String>,
}

impl StatusTable {
    /// A table whose ARTICLE column is `width` wide (the longest path to be listed, as shown:
    /// [`shown_len`]).
    pub fn new(style: Style, width: usize) -> StatusTable {
        StatusTable {
            style,
            width: width.max(7),
            stale: Vec::new(),
            invalid: Vec::new(),
        }
    }
}

impl Renderer for StatusTable {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{:<width$}  {:<9}  {:>9}  {:>8}  {:>8}  {:<7}  TITLE",
            "ARTICLE",
            "STAGE",
            "CLAIMS OK",
            "BLOCKERS",
            "WARNINGS",
            "GATE",
            width = self.width
        )
    }

    fn article(&mut self, r: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
        let stage = r.stage.map_or("untracked", |s| s.as_str());
        let stage = if r.input_error { "invalid" } else { stage };
        let claims = format!("{}/{}", r.ok, r.claims);
        let gate = if r.passed {
            self.style.ok("ready  ")
        } else {
            self.style.error("blocked")
        };
        // The last column: shown whole, since nothing follows it to align.
        let title = visible(r.meta.title.as_deref().unwrap_or(""));
        let article = visible(&r.article);
        writeln!(
            out,
            "{:<width$}  {:<9}  {:>9}  {:>8}  {:>8}  {gate}  {title}",
            article,
            stage,
            claims,
            r.count(Severity::Error),
            r.count(Severity::Warning),
            width = self.width
        )?;
        // CLAIMS OK counts only claims that pass; say which are stale, the usual reason.
        if r.stale > 0 {
            self.stale.push(format!(
                "{article}: {} stale: a sign-off approved other words or evidence; see factcheck claim list {article}",
                plural(r.stale, "claim"),
            ));
        }
        // The table says "invalid"; say where and why, as `check` does.
        for d in r
            .findings
            .iter()
            .filter(|d| r.input_error && d.code == Code::InvalidFile)
        {
            self.invalid.push(format!(
                "error[{}]: {}:{}:{}: {}",
                d.code.id(),
                visible(&d.label.file),
                d.label.line,
                d.label.column,
                visible(&d.message)
            ));
        }
        Ok(())
    }

    fn end(&mut self, _tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        for line in &self.stale {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    fn notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.invalid)
    }
}

/// How wide `article` is in the ARTICLE column.
pub fn shown_len(article: &str) -> usize {
    visible(article).chars().count()
}
