//! Sources for people: `source show` (a source and its excerpt in context from its evidence
//! snapshot) and `source check` (whether each URL answers). Everything shown comes from the
//! sidecar, the snapshot or the servers asked, so it is shown with its control characters
//! escaped ([`crate::text::visible`]).

use std::fmt::Write;

use super::Style;
use crate::io::online::Reach;
use crate::model::SourceKind;
use crate::text::visible::visible;

/// A source as `source show` shows it; `ops::source::show` fills it.
#[derive(Debug)]
pub struct SourceView {
    /// Its title, or its URL when it has none.
    pub title: String,
    /// Its kind.
    pub kind: SourceKind,
    /// Its URL.
    pub url: String,
    /// Its excerpt, checked against its snapshot.
    pub excerpt: Excerpt,
}

/// A source's excerpt and what its snapshot says of it.
#[derive(Debug)]
pub enum Excerpt {
    /// No excerpt is recorded.
    None,
    /// An excerpt without a snapshot to check it against.
    Unchecked(String),
    /// The excerpt, found in the snapshot, with up to 300 bytes of context either side.
    Found {
        /// The snapshot's repository-relative path.
        snapshot: String,
        /// The text before it.
        before: String,
        /// The excerpt as found (normalised).
        excerpt: String,
        /// The text after it.
        after: String,
    },
    /// The excerpt is not in the snapshot (FC074).
    Missing {
        /// The snapshot's repository-relative path.
        snapshot: String,
        /// The recorded excerpt.
        excerpt: String,
    },
}

/// `source show`: the source's title and kind, its URL, and its excerpt as its snapshot has it.
pub fn show(shown: &SourceView, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", visible(&shown.title), shown.kind.as_str());
    let _ = writeln!(out, "{}", visible(&shown.url));
    let _ = match &shown.excerpt {
        Excerpt::None => writeln!(out, "no excerpt recorded"),
        Excerpt::Unchecked(excerpt) => writeln!(
            out,
            "excerpt (no snapshot to check it against): {}",
            visible(excerpt)
        ),
        Excerpt::Found {
            snapshot,
            before,
            excerpt,
            after,
        } => writeln!(out, "in {}:", visible(snapshot)).and_then(|()| {
            writeln!(
                out,
                "…{}{}{}…",
                visible(before),
                style.ok(&format!(">>>{}<<<", visible(excerpt))),
                visible(after)
            )
        }),
        Excerpt::Missing { snapshot, excerpt } => writeln!(
            out,
            "the excerpt is not in {} (FC074): {}",
            visible(snapshot),
            visible(excerpt)
        ),
    };
    out
}

/// Whether a URL `source check` asked about is unreachable: an HTTP error or no answer.
pub fn unreachable(reach: &Reach) -> bool {
    !matches!(reach, Reach::Ok(_))
}

/// `source check`: one line per source (its id, its URL, and what asking it gave: `ok`,
/// `moved` to where it ended up, the HTTP status of an error, or why it failed).
pub fn reachability(results: &[(String, String, Reach)]) -> String {
    let mut out = String::new();
    for (id, url, reach) in results {
        // The URLs come from the sidecar and the servers asked; a line is theirs only as text.
        let (id, url) = (visible(id), visible(url));
        let _ = match reach {
            Reach::Ok(final_url) if visible(final_url) == url => {
                writeln!(out, "ok        {id}  {url}")
            }
            Reach::Ok(final_url) => writeln!(out, "moved     {id}  {url} → {}", visible(final_url)),
            Reach::Status(code) => writeln!(out, "HTTP {code}  {id}  {url}"),
            Reach::Failed(why) => writeln!(out, "failed    {id}  {url} ({})", visible(why)),
        };
    }
    out
}
