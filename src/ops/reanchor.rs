//! `reanchor`: follow the claims of an edited article to their new words and record them.

use super::update;
use crate::error::Result;
use crate::model::paths::ArticlePath;
use crate::model::rights::Action;
use crate::model::sidecar::Sidecar;
use crate::project::Project;
use crate::revisions::reanchor::{Reanchored, reanchor_claims};

/// Rewrites each claim's quote (exact, prefix, suffix) to the current text when the claim can be
/// followed with confidence (docs/spec.md §4). Sign-offs are never touched: a claim whose words
/// changed keeps its old sign-offs, which stay stale until re-verified. With `dry_run` nothing is
/// written. Running it twice changes nothing the second time.
pub fn reanchor(p: &Project, path: &ArticlePath, dry_run: bool) -> Result<Vec<Reanchored>> {
    p.actor(Action::Reanchor)?;
    if dry_run {
        let mut sidecar = Sidecar::load(path)?.sidecar;
        let article = p.load_article(path)?;
        return Ok(reanchor_claims(p, path, &mut sidecar, &article));
    }
    update(p, path, |sidecar, article| {
        Ok(reanchor_claims(p, path, sidecar, article))
    })
}
