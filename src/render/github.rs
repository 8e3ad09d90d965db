//! GitHub Actions workflow commands: one `::error` or `::warning` line per finding, which GitHub
//! shows as an annotation on the file and line of a pull request.
//!
//! ```text
//! ::error file=articles/x.md,line=12,col=24,title=FC031 stale-claim-signoff::sign-off by … is stale …
//! ```
//!
//! Messages and properties are escaped as the runner expects (`%`, CR, LF; and `:` `,` in
//! properties), so text from articles and sidecars cannot inject commands.

use std::io::{self, Write};

use super::Renderer;
use crate::check::{ArticleReport, Tally};
use crate::model::finding::{Finding, Severity};

/// How many annotations of each level GitHub shows for one step; more are dropped unseen.
pub const SHOWN_PER_LEVEL: usize = 10;

/// Writes the findings as workflow commands, errors first and at most [`SHOWN_PER_LEVEL`] of
/// each level (GitHub shows no more), then a `::notice` saying how many were left out and a
/// summary `::notice`; `prefix` as in [`command`].
pub struct Github {
    /// The factcheck root relative to the repository root.
    prefix: String,
    /// The first error annotations, in path order.
    errors: Vec<String>,
    /// The first warning annotations, in path order.
    warnings: Vec<String>,
    /// Errors and warnings left out.
    left_out: (usize, usize),
}

impl Github {
    /// A renderer for a checkout whose factcheck root is `prefix` below the repository root.
    pub fn new(prefix: String) -> Github {
        Github {
            prefix,
            errors: Vec::new(),
            warnings: Vec::new(),
            left_out: (0, 0),
        }
    }
}

impl Renderer for Github {
    fn article(&mut self, report: &ArticleReport, _out: &mut dyn Write) -> io::Result<()> {
        for d in &report.findings {
            let (kept, left_out) = match d.severity {
                Severity::Error => (&mut self.errors, &mut self.left_out.0),
                Severity::Warning => (&mut self.warnings, &mut self.left_out.1),
            };
            match kept.len() < SHOWN_PER_LEVEL {
                true => kept.push(command(d, &self.prefix)),
                false => *left_out += 1,
            }
        }
        Ok(())
    }

    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        for line in self.errors.iter().chain(&self.warnings) {
            writeln!(out, "{line}")?;
        }
        let (errors, warnings) = self.left_out;
        if errors + warnings > 0 {
            writeln!(
                out,
                "::notice title=factcheck::{} and {} not shown as annotations (GitHub shows {SHOWN_PER_LEVEL} of each); `factcheck check` lists them all",
                super::plural(errors, "more error"),
                super::plural(warnings, "more warning"),
            )?;
        }
        writeln!(
            out,
            "::notice title=factcheck::{} checked, {} blocked",
            super::plural(tally.articles, "article"),
            tally.blocked()
        )
    }
}

/// One finding; `prefix` is the factcheck root relative to the repository root (`""` or
/// `dir/`), so paths match the checkout GitHub annotates.
pub fn command(d: &Finding, prefix: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        property(&format!("{prefix}{}", d.label.file)),
        d.label.line,
        d.label.column,
        property(&format!("{} {}", d.code, d.code.name())),
        escape_data(&message)
    )
}

/// Escapes a command's message (its data, after the second `::`): `%`, CR and LF, so the
/// command stays one line whatever the text holds. Every other control character is escaped
/// on the way out ([`crate::text::visible::guard`]).
pub fn escape_data(s: &str) -> String {
    let escaped = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    // Every other control character (ESC of a colour code that hides text in the log, BEL,
    // C1) is shown as an escape, as in human output: nothing from a file drives the log.
    crate::text::visible::visible(&escaped).into_owned()
}

/// Escapes a command property value.
fn property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
