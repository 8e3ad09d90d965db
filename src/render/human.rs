//! The human reporter: one rustc-style block per finding, each article's errors before its
//! warnings, then a summary line.
//!
//! ```text
//! error[FC031]: sign-off by checker@example.org (fact-checker) on claim `x` is stale: ...
//!   --> articles/x.md:12:24
//!    |
//! 12 | Clinicians report that depression often reduces sexual desire, and ...
//!    |                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!    = help: a fact-checker re-verifies it: factcheck verify articles/x.md x (more: factcheck explain FC031)
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::check::{ArticleReport, Tally};
use crate::model::finding::{Code, Finding, Severity};
use crate::text::visible::{push_visible, shown_width, visible};

use super::{Renderer, Style, plural_s};

/// The widest snippet shown; longer lines are cut around the marked span.
const MAX_SNIPPET: usize = 100;

/// Warnings of one code shown per article before the rest fold into one line: a 40-link post
/// must not bury its errors under 26 identical warnings.
const FOLD_AFTER: usize = 3;

/// How much of the findings the human reporter shows. Whatever is shown, the summary line
/// counts every finding, and the exit code is the gate's.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    /// `-q`: errors only.
    pub quiet: bool,
    /// Every warning, none folded (`-v`, or `--only`).
    pub unfold: bool,
    /// Only findings of these codes (`--only`; empty: all).
    pub only: Vec<Code>,
}

/// Writes each article's findings (its errors first, then its warnings, runs of one warning
/// code folded after [`FOLD_AFTER`]) as it arrives, and the summary line at the end.
pub struct Human {
    /// Colours.
    pub style: Style,
    /// What to show.
    pub detail: Detail,
    /// With `-v`, the workflow's name, to list the articles that pass (`ok: …`).
    pub list_passing: Option<String>,
}

impl Renderer for Human {
    fn article(&mut self, r: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
        if let Some(workflow) = self.list_passing.as_deref().filter(|_| r.passed) {
            writeln!(
                out,
                "ok: {} ({} workflow, {} claims)",
                visible(&r.article),
                visible(workflow),
                r.claims
            )?;
        }
        let only = &self.detail.only;
        let shown: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|d| only.is_empty() || only.contains(&d.code))
            .collect();
        for d in shown.iter().filter(|d| d.severity == Severity::Error) {
            writeln!(out, "{}", diagnostic(d, self.style))?;
        }
        if self.detail.quiet {
            return Ok(());
        }
        let warnings: Vec<&Finding> = shown
            .into_iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        out.write_all(
            render_warnings(&r.article, &warnings, self.style, self.detail.unfold).as_bytes(),
        )
    }

    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(summary(tally, self.style).as_bytes())
    }
}

/// Renders the findings of `reports` as [`Human`] does, and the summary line.
pub fn render(reports: &[ArticleReport], style: Style, detail: &Detail) -> String {
    super::render_all(
        &mut Human {
            style,
            detail: detail.clone(),
            list_passing: None,
        },
        reports,
    )
}

/// One article's warnings: each code's first [`FOLD_AFTER`] in file order, then one line per
/// folded code with the count and the command that lists them all.
fn render_warnings(article: &str, warnings: &[&Finding], style: Style, unfold: bool) -> String {
    let mut out = String::new();
    let article = visible(article);
    let mut seen: BTreeMap<Code, usize> = BTreeMap::new();
    for d in warnings {
        let n = seen.entry(d.code).or_default();
        *n += 1;
        if unfold || *n <= FOLD_AFTER {
            out.push_str(&diagnostic(d, style));
            out.push('\n');
        }
    }
    for (code, n) in seen.into_iter().filter(|(_, n)| !unfold && *n > FOLD_AFTER) {
        let more = n - FOLD_AFTER;
        let head = style.warning(&format!("warning[{code}]"));
        let message = format!(
            "{more} more {} warning{} in {article}",
            code.name(),
            plural_s(more)
        );
        let _ = writeln!(out, "{head}: {}", style.bold(&message));
        let _ = writeln!(
            out,
            "  {} help: list them: factcheck check {article} --only {code}\n",
            style.accent("=")
        );
    }
    out
}

/// One finding, rustc style. Its message, file and line are shown with their control
/// characters escaped ([`crate::text::visible`]): they come from the article and the sidecar.
pub fn diagnostic(d: &Finding, style: Style) -> String {
    let mut out = String::new();
    let head = match d.severity {
        Severity::Error => style.error(&format!("error[{}]", d.code)),
        Severity::Warning => style.warning(&format!("warning[{}]", d.code)),
    };
    let _ = writeln!(out, "{head}: {}", style.bold(&visible(&d.message)));
    let l = &d.label;
    let gutter = l.line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        style.accent("-->"),
        visible(&l.file),
        l.line,
        l.column
    );
    if !l.line_text.is_empty() {
        let (text, col, len) = window(l);
        let marks = "^".repeat(len.min(text.chars().count().saturating_sub(col - 1)).max(1));
        let marks = match d.severity {
            Severity::Error => style.error(&marks),
            Severity::Warning => style.warning(&marks),
        };
        let _ = writeln!(out, "{pad} {}", style.accent("|"));
        let _ = writeln!(
            out,
            "{} {} {text}",
            style.accent(&l.line.to_string()),
            style.accent("|")
        );
        let _ = writeln!(
            out,
            "{pad} {} {}{marks}",
            style.accent("|"),
            " ".repeat(col - 1)
        );
    }
    // Every finding points at its long explanation.
    let explain = format!("factcheck explain {}", d.code);
    let help = match &d.help {
        Some(help) => format!("{} (more: {explain})", visible(help)),
        None => explain,
    };
    let _ = writeln!(out, "{pad} {} help: {help}", style.accent("="));
    out
}

/// Cuts `line` to at most [`MAX_SNIPPET`] characters around the span of `len` characters at
/// `column` (1-based); returns the text shown, the span's column within it and its length
/// there. Tabs become spaces; other control characters are shown as escapes, the span's column
/// and length counted in what is shown, so the marks stay under the span.
fn window(l: &crate::model::finding::Label) -> (String, usize, usize) {
    // The label holds the part of a long line around the span: `line_from` characters of the
    // line come before it, and the line may go on after it.
    let (line, len) = (&l.line_text, l.len);
    let column = l.column.saturating_sub(l.line_from);
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let (start, end) = if chars.len() <= MAX_SNIPPET {
        (0, chars.len())
    } else {
        let start = column
            .saturating_sub(1)
            .saturating_sub(20.min(MAX_SNIPPET.saturating_sub(len.min(MAX_SNIPPET))));
        (start, (start + MAX_SNIPPET).min(chars.len()))
    };
    let start = start.min(end);
    let mut text = String::new();
    if start > 0 || l.line_from > 0 {
        text.push('…');
    }
    let first = column.saturating_sub(1).max(start);
    let mut col = text.chars().count() + 1;
    let mut shown_len = 0;
    for (i, &c) in chars.iter().enumerate().take(end).skip(start) {
        if i < first {
            col += shown_width(c);
        } else if i < column.saturating_sub(1) + len {
            shown_len += shown_width(c);
        }
        push_visible(&mut text, c);
    }
    if end < chars.len() || l.line_cut {
        text.push('…');
        // A span that goes on past the cut is marked up to the ellipsis.
        if column.saturating_sub(1) + len > end {
            shown_len += 1;
        }
    }
    (text, col, shown_len.max(len.min(1)))
}

/// The last line: how many articles passed and how many findings there were.
pub fn summary(tally: &Tally, style: Style) -> String {
    let (n, passed, blocked) = (tally.articles, tally.passed, tally.blocked());
    let (errors, warnings) = (tally.errors, tally.warnings);
    let verdict = if blocked == 0 {
        style.ok("gate passed")
    } else {
        style.error("gate failed")
    };
    format!(
        "{verdict}: {n} article{} checked, {passed} passed, {blocked} blocked ({errors} error{}, {warnings} warning{})\n",
        plural_s(n),
        plural_s(errors),
        plural_s(warnings)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label on a whole line.
    fn on(line: &str, column: usize, len: usize) -> crate::model::finding::Label {
        crate::model::finding::Label {
            file: "a.md".into(),
            line: 1,
            column,
            len,
            line_text: line.into(),
            line_from: 0,
            line_cut: false,
        }
    }

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        let line = "x".repeat(300);
        let (text, col, len) = window(&on(&line, 200, 10));
        assert!(text.chars().count() <= MAX_SNIPPET + 2);
        assert_eq!(text.chars().nth(col - 1), Some('x'));
        assert_eq!(len, 10);
        assert_eq!(window(&on("short", 2, 3)), ("short".to_string(), 2, 3));
    }

    #[test]
    fn control_characters_are_shown_and_the_marks_stay_under_the_span() {
        let (text, col, len) = window(&on("a\u{1b}[2J b\u{7}c d", 7, 3));
        assert_eq!(text, "a\\u001b[2J b\\u0007c d");
        let marked: String = text.chars().skip(col - 1).take(len).collect();
        assert_eq!(marked, "b\\u0007c");
        let long = format!("{}\u{1b}x{}", "y".repeat(150), "z".repeat(150));
        let (text, col, len) = window(&on(&long, 152, 1));
        assert_eq!(
            text.chars().skip(col - 1).take(len).collect::<String>(),
            "x"
        );
    }

    #[test]
    fn a_part_of_a_long_line_is_shown_with_its_marks_in_place() {
        let part = format!("{}TARGET{}", "p".repeat(40), "q".repeat(40));
        let label = crate::model::finding::Label {
            line_from: 100_000,
            line_cut: true,
            ..on(&part, 100_041, 6)
        };
        let (text, col, len) = window(&label);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert_eq!(
            text.chars().skip(col - 1).take(len).collect::<String>(),
            "TARGET"
        );
    }
}
