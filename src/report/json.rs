//! The JSON reporter. The document is versioned (`version`); fields are only ever added within
//! a version. Schema: docs/json.md.

use serde::Serialize;

use crate::check::ArticleReport;
use crate::diag::Severity;

/// The current version of the check JSON document.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    tool: &'static str,
    version: u32,
    passed: bool,
    summary: Summary,
    articles: &'a [ArticleReport],
}

#[derive(Serialize)]
struct Summary {
    articles: usize,
    passed: usize,
    errors: usize,
    warnings: usize,
}

/// Renders check results as one JSON document.
pub fn render(reports: &[ArticleReport]) -> String {
    let passed = reports
        .iter()
        .filter(|r| r.passed && !r.input_error)
        .count();
    let doc = Document {
        tool: "factcheck",
        version: VERSION,
        passed: passed == reports.len(),
        summary: Summary {
            articles: reports.len(),
            passed,
            errors: reports.iter().map(|r| r.count(Severity::Error)).sum(),
            warnings: reports.iter().map(|r| r.count(Severity::Warning)).sum(),
        },
        articles: reports,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("check results serialise");
    s.push('\n');
    s
}
