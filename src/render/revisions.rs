//! Human output of `diff`, `log` and `reanchor`.
//!
//! Word diffs read like `git diff --word-diff`: `[-removed-]{+added+}` without colour; with
//! colour, removed words are red and added words green, without brackets.
//!
//! ```text
//! articles/x.md: HEAD (1a2b3c4) → working tree
//!
//! text (1 change)
//!   @@ line 12 @@
//!   Clinicians report that depression often [-lowers-]{+reduces+} sexual desire.
//!
//! claims: 1 changed, 11 unchanged
//!   changed   depression-libido  line 12:24  depression often [-lowers-]{+reduces+} sexual desire
//! ```
//!
//! Everything from the article, its sidecar and its history (paths, words, names, commit
//! summaries) is shown with its control characters escaped ([`crate::text::visible`]).

use std::fmt::Write;

use crate::revisions::diff::{ArticleDiff, Change, ClaimChange, SourceDelta};
use crate::revisions::log::{Entry, Event};
use crate::revisions::reanchor::{Reanchor, Reanchored};
use crate::text::visible::visible;
use crate::text::worddiff::{Piece, Tag};

use super::Style;

/// Renders word-diff pieces on one line (block breaks shown as ` ¶ `).
pub fn pieces(p: &[Piece], style: Style) -> String {
    let mut out = String::new();
    for piece in p {
        let text = visible(&piece.text.replace('\n', " ¶ ")).into_owned();
        let shown = match piece.op {
            Tag::Equal => text,
            Tag::Delete if style.color => style.paint(Style::DELETED, &text),
            Tag::Delete => format!("[-{text}-]"),
            _ if style.color => style.paint(Style::INSERTED, &text),
            _ => format!("{{+{text}+}}"),
        };
        out.push_str(&shown);
    }
    out
}

/// Renders a diff; `verbose` lists unchanged claims one per line.
pub fn diff(d: &ArticleDiff, style: Style, verbose: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} → {}",
        style.bold(&visible(&d.article)),
        visible(&d.from.label),
        visible(&d.to.label)
    );
    if d.from.path != d.to.path {
        let _ = writeln!(
            out,
            "  renamed: {} → {}",
            visible(&d.from.path),
            visible(&d.to.path)
        );
    }
    if d.markup_only {
        let _ = writeln!(
            out,
            "  only Markdown changed, not the text claims are read from: markup, or what the gate does not read (HTML, comments, `factcheck: off` regions, code); read the Markdown diff"
        );
    }
    if let Some(fm) = &d.front_matter {
        let _ = writeln!(out, "\n{}", style.bold("front matter"));
        for line in &fm.lines {
            let line = &visible(line);
            let painted = match line.starts_with('-') {
                true => style.paint(Style::REMOVED, line),
                false => style.paint(Style::INSERTED, line),
            };
            let _ = writeln!(out, "  {painted}");
        }
    }
    if !d.hunks.is_empty() {
        let n = d.hunks.len();
        let _ = writeln!(
            out,
            "\n{}",
            style.bold(&format!("text ({n} change{})", super::plural_s(n)))
        );
        for h in &d.hunks {
            let lines = if h.from_line == h.to_line {
                format!("line {}", h.to_line)
            } else {
                format!("line {} → {}", h.from_line, h.to_line)
            };
            let _ = writeln!(out, "  {}", style.accent(&format!("@@ {lines} @@")));
            let _ = writeln!(out, "  {}", pieces(&h.pieces, style));
        }
    }
    claims(&mut out, &d.claims, style, verbose);
    if !d.uncovered.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            style.bold(&format!("new text no claim covers ({})", d.uncovered.len()))
        );
        for s in &d.uncovered {
            let _ = writeln!(out, "  line {}:{}  {}", s.line, s.column, visible(&s.text));
        }
    }
    if !d.sources.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            style.bold(&format!("sources ({})", d.sources.len()))
        );
        for s in &d.sources {
            let line = match s.change {
                SourceDelta::Changed => {
                    format!("~ {}: {} changed", visible(&s.id), s.fields.join(", "))
                }
                SourceDelta::Added => format!("+ {} added", visible(&s.id)),
                SourceDelta::Removed => format!("- {} removed", visible(&s.id)),
            };
            let _ = writeln!(out, "  {line}");
        }
    }
    if d.hunks.is_empty() && d.front_matter.is_none() && !d.markup_only && d.sources.is_empty() {
        let _ = writeln!(out, "\nno changes");
    }
    out
}

fn claims(out: &mut String, claims: &[ClaimChange], style: Style, verbose: bool) {
    if claims.is_empty() {
        return;
    }
    let order = [
        Change::Changed,
        Change::Removed,
        Change::Moved,
        Change::Added,
        Change::Orphaned,
        Change::Unchanged,
    ];
    let counts: Vec<String> = order
        .iter()
        .filter_map(|k| {
            let n = claims.iter().filter(|c| c.change == *k).count();
            (n > 0).then(|| format!("{n} {}", k.as_str()))
        })
        .collect();
    let _ = writeln!(
        out,
        "\n{}",
        style.bold(&format!("claims: {}", counts.join(", ")))
    );
    let width = claims.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for kind in order {
        let of_kind: Vec<&ClaimChange> = claims.iter().filter(|c| c.change == kind).collect();
        if kind == Change::Unchanged && !verbose {
            if !of_kind.is_empty() {
                let ids: Vec<&str> = of_kind.iter().map(|c| c.id.as_str()).collect();
                let _ = writeln!(out, "  unchanged  {}", visible(&ids.join(", ")));
            }
            continue;
        }
        for c in of_kind {
            let _ = writeln!(out, "  {}", claim_line(c, width, style));
        }
    }
}

fn claim_line(c: &ClaimChange, width: usize, style: Style) -> String {
    let label = match c.change {
        Change::Changed | Change::Removed | Change::Orphaned => style.warning(c.change.as_str()),
        _ => c.change.as_str().to_string(),
    };
    let pad = " ".repeat(9usize.saturating_sub(c.change.as_str().len()));
    let head = format!("{label}{pad}  {:<width$}", visible(&c.id));
    let place = |a: &crate::revisions::diff::At| format!("line {}:{}", a.line, a.column);
    match (c.change, &c.from, &c.to) {
        (Change::Changed, Some(_), Some(to)) => {
            format!("{head}  {}  {}", place(to), pieces(&c.diff, style))
        }
        (Change::Moved, Some(from), Some(to)) => {
            format!("{head}  line {} → {}", from.line, to.line)
        }
        (Change::Removed, Some(from), _) => {
            format!(
                "{head}  was line {}: \"{}\"",
                from.line,
                visible(&from.text)
            )
        }
        (_, _, Some(to)) => format!("{head}  {}  \"{}\"", place(to), visible(&to.text)),
        _ => head,
    }
}

/// Renders `log` entries.
pub fn log(entries: &[Entry], style: Style) -> String {
    let mut out = String::new();
    for e in entries {
        let _ = writeln!(
            out,
            "{} {} {} <{}>  {}",
            style.accent(&e.commit.short),
            e.commit.date,
            visible(&e.commit.author),
            visible(&e.commit.email),
            visible(&e.commit.summary)
        );
        for ev in &e.events {
            let _ = writeln!(out, "    {}", event(ev, style));
        }
    }
    if entries.is_empty() {
        out.push_str("no commits touch this article yet\n");
    }
    out
}

fn event(e: &Event, style: Style) -> String {
    let v = |s: &str| visible(s).into_owned();
    let claim_or_article = |c: &Option<String>| match c {
        Some(id) => format!("claim {}", visible(id)),
        None => "article".to_string(),
    };
    match e {
        Event::ArticleAdded => "article added".into(),
        Event::Tracked => "tracked (sidecar created)".into(),
        Event::Renamed { from, to } => format!("renamed {} → {}", v(from), v(to)),
        Event::TextEdited { added, removed } => {
            format!("text edited: +{added} −{removed} words")
        }
        Event::MarkupEdited => "Markdown markup edited (text unchanged)".into(),
        Event::FrontMatterEdited => "front matter edited".into(),
        Event::ClaimAdded { claim, text } => {
            format!("claim added    {}  \"{}\"", v(claim), v(text))
        }
        Event::ClaimRemoved { claim } => format!("claim removed  {}", v(claim)),
        Event::ClaimTextChanged { claim, from, to } => format!(
            "claim words    {}  {}",
            v(claim),
            pieces(&crate::text::worddiff::pieces(from, to), style)
        ),
        Event::StatusChanged {
            claim,
            from,
            to,
            by,
        } => format!(
            "status         {}  {} → {}  by {}",
            v(claim),
            from.as_str(),
            to.as_str(),
            v(by)
        ),
        Event::SignoffAdded {
            claim,
            by,
            role,
            verdict,
        } => format!(
            "sign-off       {}  {} ({}{})",
            claim_or_article(claim),
            v(by),
            v(role),
            verdict.map_or(String::new(), |v| format!(", {}", v.as_str()))
        ),
        Event::SignoffInvalidated {
            claim,
            by,
            role,
            reason,
        } => style.warning(&format!(
            "stale sign-off {}  {} ({}): {}",
            claim_or_article(claim),
            v(by),
            v(role),
            reason.describe()
        )),
        Event::StageChanged { from, to } => {
            format!("stage          {} → {}", from.as_str(), to.as_str())
        }
        Event::Published { by } => format!("published      by {}", v(by)),
        Event::Corrected { by, note } => format!("correction     by {}: {}", v(by), v(note)),
    }
}

/// Renders `reanchor` results.
pub fn reanchor(results: &[Reanchored], dry_run: bool, style: Style) -> String {
    let mut out = String::new();
    let width = results.iter().map(|r| r.claim.len()).max().unwrap_or(0);
    for r in results {
        let line = r.line.map_or("-".into(), |l| format!("line {l}"));
        let what = match &r.outcome {
            Reanchor::Unchanged => continue,
            Reanchor::ContextUpdated => "context updated (same words)".to_string(),
            Reanchor::TextUpdated { from, to } => format!(
                "{}: {} — its sign-offs stay stale until re-verified",
                style.warning("words updated"),
                pieces(&crate::text::worddiff::pieces(from, to), style)
            ),
            Reanchor::Left { reason } => format!(
                "{} ({}): not followed with confidence; fix its quote by hand",
                style.error("left as is"),
                reason.as_str()
            ),
        };
        let _ = writeln!(out, "  {:<width$}  {line:<9}  {what}", visible(&r.claim));
    }
    let changed = results
        .iter()
        .filter(|r| {
            matches!(
                r.outcome,
                Reanchor::ContextUpdated | Reanchor::TextUpdated { .. }
            )
        })
        .count();
    let left = results
        .iter()
        .filter(|r| matches!(r.outcome, Reanchor::Left { .. }))
        .count();
    let verb = if dry_run { "would update" } else { "updated" };
    let _ = writeln!(
        out,
        "{verb} {changed} of {} claims; {left} left as is",
        results.len()
    );
    out
}
