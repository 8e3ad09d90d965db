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
    let moved = crate::ops::mv::mv(&p, &a.old, &a.new)?;
    let what = if moved.resumed {
        "finished the interrupted move of"
    } else {
        "moved"
    };
    ctx.say(&format!(
        "{what} {} to {} with its sidecar; the rename is staged in git: commit it",
        moved.from.rel, moved.to.rel
    ));
    Ok(Outcome::Pass)
}
