//! JUnit XML, which most CI systems (GitLab, Jenkins, Azure, CircleCI) display as test results:
//! one test case per article; an article the gate blocks is a failure carrying its findings, an
//! article whose files cannot be read is an error.

use std::fmt::Write;

use crate::check::ArticleReport;
use crate::diag::Severity;

/// Renders one `<testsuites>` document.
pub fn render(reports: &[ArticleReport]) -> String {
    let failures = reports
        .iter()
        .filter(|r| !r.passed && !r.input_error)
        .count();
    let errors = reports.iter().filter(|r| r.input_error).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"factcheck\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">",
        n = reports.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"factcheck check\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">",
        n = reports.len()
    );
    for r in reports {
        let _ = write!(
            out,
            "    <testcase classname=\"factcheck\" name=\"{}\"",
            escape(&r.article)
        );
        let blocking: Vec<_> = r
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let warnings: Vec<_> = r
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        if blocking.is_empty() && warnings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if !blocking.is_empty() {
            let tag = if r.input_error { "error" } else { "failure" };
            let _ = writeln!(
                out,
                "      <{tag} type=\"{}\" message=\"{}\">{}</{tag}>",
                blocking[0].code,
                escape(&format!(
                    "{} blocking finding{}: {}",
                    blocking.len(),
                    if blocking.len() == 1 { "" } else { "s" },
                    blocking[0].message
                )),
                escape(&listing(&blocking))
            );
        }
        if !warnings.is_empty() {
            let _ = writeln!(
                out,
                "      <system-out>{}</system-out>",
                escape(&listing(&warnings))
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn listing(findings: &[&crate::diag::Diagnostic]) -> String {
    findings
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}[{}] {}{}",
                d.label.file,
                d.label.line,
                d.label.column,
                match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                d.code,
                d.message,
                d.help
                    .as_ref()
                    .map(|h| format!("\n  help: {h}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes text for XML attributes and content (as HTML is escaped), dropping the control
/// characters XML 1.0 cannot carry.
fn escape(s: &str) -> String {
    let carried: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\n' | '\t' | '\r')
                || (c as u32 >= 0x20 && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect();
    super::html::esc(&carried)
}
