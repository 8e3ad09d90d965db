//! `init` and `track`: a project's config, an article's first sidecar.

use clap::Args;

use crate::error::Result;
use crate::ops;

use super::{ArticleArg, Context, Outcome};

/// `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The built-in workflow to start from.
    #[arg(long, default_value = "standard", value_parser = ["standard", "health", "light"])]
    pub workflow: String,
    /// Overwrite an existing factcheck.yaml.
    #[arg(long)]
    pub force: bool,
}

/// Runs `init`.
pub fn init(ctx: &Context, a: InitArgs) -> Result<Outcome> {
    let site = ops::init::init(&ctx.cwd, &a.workflow, ctx.identity.as_deref(), a.force)?;
    for line in crate::render::init::survey(&site) {
        ctx.say(&line);
    }
    ctx.say(&format!(
        "wrote factcheck.yaml (workflow: {}); add your people and their roles to it",
        a.workflow
    ));
    Ok(Outcome::Pass)
}

/// Runs `track`.
pub fn track(ctx: &Context, a: ArticleArg) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    ops::init::track(&p, &path)?;
    ctx.say(&format!("tracking {} in {}", path.rel, path.sidecar_rel));
    Ok(Outcome::Pass)
}
