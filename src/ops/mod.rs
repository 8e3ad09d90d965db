//! Operations: one function per command, taking typed options and returning typed data or an
//! error. Front ends (the command line today; a browser desk and a language server next) parse
//! their input, call these and render what they return; nothing here prints.
//!
//! Actions check the actor's identity and role, change the sidecar under the directory lock and
//! write it atomically, or change nothing and return an error. They never touch a sign-off
//! record: sign-offs are attested history. A change to what a sign-off approved (the words, the
//! kind, the note, the evidence) makes it stale by its own fingerprint, and the result says
//! which ([`Stale`], by the gate's own rule: `check/stale.rs`), so the front end can tell who
//! must re-verify.

pub(crate) mod claim;
pub(crate) mod diff;
pub(crate) mod gate;
pub(crate) mod hooks;
pub(crate) mod init;
pub(crate) mod merge;
pub mod mv;
pub(crate) mod pages;
pub(crate) mod people;
pub(crate) mod reanchor;
pub(crate) mod review;
pub(crate) mod source;

use crate::error::Result;
use crate::model::paths::ArticlePath;
use crate::model::sidecar::Sidecar;
use crate::project::Project;
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

pub use crate::check::stale::Stale;

/// An optional field's new value, when it is not the empty text that removes it.
fn given(o: &Option<String>) -> Option<&str> {
    o.as_deref().filter(|s| !s.trim().is_empty())
}

/// A new value for an optional field: the empty text removes it.
fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}
