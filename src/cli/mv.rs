//! `mv`: an article and its sidecar, moved together.

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;

use super::{Context, Outcome};

/// `mv`.
#[derive(Debug, Args)]
pub struct MvArgs {
    /// The article (or its sidecar).
    pub old: PathBuf,
    /// Its new path, matching the `articles:` globs (or a folder to move it into).
    pub new: PathBuf,
}

/// Runs `mv`.
pub fn mv(ctx: &Context, a: MvArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let from = p.article(&a.old)?;
    let to = crate::ops::mv::mv(&p, &a.old, &a.new)?;
    ctx.say(&format!(
        "moved {} to {} with its sidecar; the rename is staged in git: commit it",
        from.rel, to.rel
    ));
    Ok(Outcome::Pass)
}
