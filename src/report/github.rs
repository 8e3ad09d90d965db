//! GitHub Actions workflow commands: one `::error` or `::warning` line per finding, which GitHub
//! shows as an annotation on the file and line of a pull request.
//!
//! ```text
//! ::error file=articles/x.md,line=12,col=24,title=FC031 stale-claim-signoff::sign-off by … is stale …
//! ```
//!
//! Messages and properties are escaped as the runner expects (`%`, CR, LF; and `:` `,` in
//! properties), so text from articles and sidecars cannot inject commands.

use crate::check::ArticleReport;
use crate::diag::{Diagnostic, Severity};

/// Renders every finding as a workflow command, then a summary `::notice`.
pub fn render(reports: &[ArticleReport], prefix: &str) -> String {
    let mut out = String::new();
    for d in reports.iter().flat_map(|r| &r.findings) {
        out.push_str(&command(d, prefix));
        out.push('\n');
    }
    let blocked = reports.iter().filter(|r| !r.passed).count();
    out.push_str(&format!(
        "::notice title=factcheck::{} articles checked, {} blocked\n",
        reports.len(),
        blocked
    ));
    out
}

/// One finding; `prefix` is the factcheck root relative to the repository root (`""` or
/// `dir/`), so paths match the checkout GitHub annotates.
pub fn command(d: &Diagnostic, prefix: &str) -> String {
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
        data(&message)
    )
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
