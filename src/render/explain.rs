//! `explain`: a finding code's page, from docs/codes.md: its id, name and summary, its default
//! severity, and what it means, why it matters and how to fix it.

use super::Style;
use crate::model::finding::{Code, Severity};

/// The page of `code`.
pub fn explain(code: Code, style: Style) -> String {
    let severity = match code.default_severity() {
        Severity::Error => "error (blocks publication)",
        Severity::Warning => "warning",
    };
    format!(
        "{}\ndefault severity: {severity}\n\n{}\n",
        style.bold(&format!(
            "{} {}: {}",
            code.id(),
            code.name(),
            code.summary()
        )),
        code.explanation()
    )
}
