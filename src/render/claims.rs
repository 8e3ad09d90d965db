//! Claims for people: the `claim list` table, the check-worthy sentences of `claim suggest`,
//! and the lines that say which sign-offs an edit made stale. Ids, words and sentences come from
//! the sidecar and the article, so they are shown with their control characters escaped
//! ([`crate::text::visible`]): a claim never splits a row.

use std::fmt::Write;

use serde::Serialize;

use crate::model::{ClaimKind, Status};
use crate::text::suggest::Suggestion;
use crate::text::visible::visible;

/// A claim as `claim list` shows it (and its JSON prints it); `ops::claim::list` fills it.
#[derive(Debug, Serialize)]
pub struct ClaimRow {
    /// The claim's id.
    pub id: String,
    /// Its kind.
    pub kind: ClaimKind,
    /// Its recorded status.
    pub status: Status,
    /// The status as the gate sees it now (`verified-stale`, …): see [`crate::check::ClaimView::state`].
    pub state: String,
    /// How its quote was found in the text.
    pub anchor: &'static str,
    /// Where its words start, when found.
    pub line: Option<usize>,
    /// The column there, in characters.
    pub column: Option<usize>,
    /// The sources it cites.
    pub sources: Vec<String>,
    /// How many sign-offs it has.
    pub signoffs: usize,
    /// Its recorded words.
    pub text: String,
}

/// The `claim list` table. The STATUS column shows each claim's state, and widens only when
/// a state needs it, so a list of fresh claims reads as it always did.
pub fn table(rows: &[ClaimRow]) -> String {
    let w = rows
        .iter()
        .map(|r| r.state.len())
        .max()
        .unwrap_or(0)
        .max(11);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} {:<10} {:<w$} {:<9} {:>7} {:>4} {:>4}  TEXT",
        "ID", "KIND", "STATUS", "ANCHOR", "AT", "SRC", "SIGN"
    );
    for r in rows {
        let at = r
            .line
            .map_or("-".into(), |l| format!("{l}:{}", r.column.unwrap_or(1)));
        let text: String = if r.text.chars().count() > 60 {
            r.text.chars().take(59).chain(['…']).collect()
        } else {
            r.text.clone()
        };
        let text = visible(&text);
        let _ = writeln!(
            out,
            "{:<28} {:<10} {:<w$} {:<9} {:>7} {:>4} {:>4}  {text}",
            visible(&r.id),
            r.kind.as_str(),
            r.state,
            r.anchor,
            at,
            r.sources.len(),
            r.signoffs
        );
    }
    out
}

/// Which claims of the article at `rel` are stale and what makes them fresh again, when any
/// is (`stale`: their ids).
pub fn stale_hint(rel: &str, stale: &[String]) -> Option<String> {
    let first = stale.first()?;
    Some(format!(
        "{} stale: a sign-off approved other words or evidence; re-verify: factcheck verify {rel} {first}",
        stale.join(", ")
    ))
}

/// One line per claim whose sign-offs an edit of the article at `rel` made stale (`stale`:
/// each claim's id and how many of its sign-offs), saying how to renew them.
pub fn stale_signoffs(rel: &str, stale: &[(String, usize)]) -> Vec<String> {
    stale
        .iter()
        .map(|(claim, n)| {
            format!(
                "claim `{claim}`: {n} sign-off(s) no longer match what was signed and are now stale; re-verify: factcheck verify {rel} {claim}"
            )
        })
        .collect()
}

/// The check-worthy sentences no claim covers, best first: where each is, its score, its
/// words, and why it scored.
pub fn suggestions(found: &[Suggestion]) -> String {
    let mut out = String::new();
    for s in found {
        let _ = writeln!(
            out,
            "{:>4}:{:<3} {:.2}  {}",
            s.line,
            s.column,
            s.score,
            visible(&s.text)
        );
        if !s.why.is_empty() {
            let _ = writeln!(out, "              why: {}", visible(&s.why.join("; ")));
        }
    }
    out
}

/// What `claim suggest` found in the article at `rel`, in a line, with how to track one.
pub fn suggestions_summary(rel: &str, found: usize) -> String {
    if found == 0 {
        "no untracked check-worthy sentences".into()
    } else {
        format!(
            "{found} sentences look check-worthy; track one: factcheck claim add {rel} --quote \"…\""
        )
    }
}
