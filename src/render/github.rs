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

/// Writes every finding as a workflow command, then a summary `::notice`; `prefix` as in
/// [`command`].
pub struct Github {
    /// The factcheck root relative to the repository root.
    pub prefix: String,
}

impl Renderer for Github {
    fn article(&mut self, report: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
        report
            .findings
            .iter()
            .try_for_each(|d| writeln!(out, "{}", command(d, &self.prefix)))
    }

    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
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
