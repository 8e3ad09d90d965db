//! Operations: one function per command, taking typed options and returning typed data or an
//! error. Front ends (the command line today; a browser desk and a language server next) parse
//! their input, call these and render what they return; nothing here prints.
//!
//! Actions check the actor's identity and role, change the sidecar under the directory lock and
//! write it atomically, or change nothing and return an error. They never touch a sign-off
//! record: sign-offs are attested history. A change to what a sign-off approved (the words, the
//! kind, the note, the evidence) makes it stale by its own fingerprint, and the result says
//! which ([`Stale`]), so the front end can tell who must re-verify.

pub mod claim;
pub mod diff;
pub mod gate;
pub mod hooks;
pub mod init;
pub mod merge;
pub mod mv;
pub mod pages;
pub mod people;
pub mod reanchor;
pub mod review;
pub mod source;

use crate::error::Result;
use crate::model::paths::ArticlePath;
use crate::model::sidecar::{Claim, Sidecar};
use crate::project::Project;
use crate::text::anchor;
use crate::text::article::Article;

/// Loads the sidecar and article of `path` under the directory lock, lets `f` change the
/// sidecar, and saves it atomically if `f` succeeds.
pub(crate) fn update<T>(
    p: &Project,
    path: &ArticlePath,
    f: impl FnOnce(&mut Sidecar, &Article) -> Result<T>,
) -> Result<T> {
    let _lock = crate::io::worktree::lock(&p.root, &path.sidecar_abs)?;
    let loaded = Sidecar::load(path)?;
    let mut sidecar = loaded.sidecar;
    let article = p.load_article(path)?;
    let out = f(&mut sidecar, &article)?;
    if sidecar.to_yaml() != loaded.text {
        sidecar.save(path, &loaded.text)?;
    }
    Ok(out)
}

/// The claims an edit made stale: each claim id with how many of its sign-offs approved it
/// before the edit and no longer do.
pub type Stale = Vec<(String, usize)>;

/// Each claim (by id) with the number of its sign-offs that approved it in `before` and do not
/// in `after`, both read against `article` (the markup over a claim's words is part of what a
/// sign-off approves).
pub(crate) fn stale_since(before: &Sidecar, after: &Sidecar, article: &Article) -> Stale {
    after
        .claims
        .iter()
        .filter_map(|c| {
            let old = before.claim(&c.id)?;
            let was = approvals(before, old, article);
            let n = was
                .iter()
                .zip(approvals(after, c, article))
                .filter(|&(&was, now)| was && !now)
                .count();
            (n > 0).then(|| (c.id.clone(), n))
        })
        .collect()
}

/// For each sign-off of `c`, whether it approves the claim as `s` has it, its words where
/// `article` has them.
fn approvals(s: &Sidecar, c: &Claim, article: &Article) -> Vec<bool> {
    let budget = anchor::Budget::for_text(&article.text);
    let words = match anchor::locate_exact(&article.text, &c.quote, &budget) {
        anchor::Located::Found(span) => crate::text::fingerprint::claim_hash(&article.text, span),
        _ => crate::text::fingerprint::text_hash(&c.quote.exact),
    };
    let evidence = s.evidence_fingerprint(c);
    c.signoffs
        .iter()
        .map(|so| so.approves(&words, &evidence))
        .collect()
}

/// An optional field's new value, when it is not the empty text that removes it.
fn given(o: &Option<String>) -> Option<&str> {
    o.as_deref().filter(|s| !s.trim().is_empty())
}

/// A new value for an optional field: the empty text removes it.
fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}
