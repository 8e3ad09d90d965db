//! The totals of a gate run, counted as reports go by: nothing of an article need be kept once
//! it is reported.

use crate::model::finding::{Code, Severity};

use super::ArticleReport;

/// What a run of the gate amounts to, counted as its reports go by, so that nothing of an
/// article need be kept once it is reported: the summary line, the machine formats' totals and
/// the exit code come from here.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Articles reported.
    pub articles: usize,
    /// Articles that pass the gate and could be read.
    pub passed: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Articles whose files could not be read or parsed.
    pub input_errors: usize,
    /// Where the first unreadable file is (`file:line:column` of its FC090).
    pub first_input_error: Option<String>,
}

impl Tally {
    /// Counts `report`.
    pub fn add(&mut self, report: &ArticleReport) {
        self.articles += 1;
        self.passed += usize::from(report.passed && !report.input_error);
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.input_errors += usize::from(report.input_error);
        if report.input_error && self.first_input_error.is_none() {
            self.first_input_error = report
                .findings
                .iter()
                .find(|d| d.code == Code::InvalidFile)
                .map(|d| format!("{}:{}:{}", d.label.file, d.label.line, d.label.column));
        }
    }

    /// The tally of `reports`.
    pub fn of(reports: &[ArticleReport]) -> Tally {
        let mut tally = Tally::default();
        reports.iter().for_each(|r| tally.add(r));
        tally
    }

    /// Articles blocked: failing the gate or unreadable.
    pub fn blocked(&self) -> usize {
        self.articles - self.passed
    }
}
