//! JUnit XML, which most CI systems (GitLab, Jenkins, Azure, CircleCI) display as test results:
//! one test case per article; an article the gate blocks is a failure carrying its findings, an
//! article whose files cannot be read is an error.

use std::fmt::Write as _;
use std::io::{self, Seek, SeekFrom, Write};

use super::Renderer;
use crate::check::{ArticleReport, Tally};
use crate::model::finding::Severity;

/// Test cases kept in memory before they spill to an unnamed temporary file (deleted when
/// closed): the document's header carries the totals, so the cases must wait for the end, and a
/// 50,000-article archive must not wait in memory.
const SPOOL_IN_MEMORY: usize = 4 << 20;

/// Writes one `<testsuites>` document. Test cases are spooled until the totals are known.
pub struct Junit {
    cases: tempfile::SpooledTempFile,
}

impl Default for Junit {
    fn default() -> Junit {
        Junit {
            cases: tempfile::spooled_tempfile(SPOOL_IN_MEMORY),
        }
    }
}

impl Renderer for Junit {
    fn article(&mut self, report: &ArticleReport, _out: &mut dyn Write) -> io::Result<()> {
        self.cases.write_all(case(report).as_bytes())
    }

    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        let n = tally.articles;
        let errors = tally.input_errors;
        let failures = tally.blocked() - errors;
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
        writeln!(
            out,
            "<testsuites name=\"factcheck\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">"
        )?;
        writeln!(
            out,
            "  <testsuite name=\"factcheck check\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">"
        )?;
        self.cases.flush()?;
        self.cases.seek(SeekFrom::Start(0))?;
        io::copy(&mut self.cases, out)?;
        out.write_all(b"  </testsuite>\n</testsuites>\n")
    }
}

/// One article's `<testcase>`.
fn case(r: &ArticleReport) -> String {
    let mut out = String::new();
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
        return out;
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
                super::plural_s(blocking.len()),
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
    out
}

fn listing(findings: &[&crate::model::finding::Finding]) -> String {
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
