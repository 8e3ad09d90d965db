//! `reanchor`: claims followed to their new words.

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::ops;
use crate::render::revisions as render;

use super::format::OutputFormat;
use super::output::out;
use super::{Context, Outcome, format, print_json};

/// `reanchor`.
#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// The article.
    pub article: PathBuf,
    /// Show what would change without writing the sidecar.
    #[arg(long)]
    pub dry_run: bool,
    /// Output format.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::REVISIONS))]
    pub format: OutputFormat,
}

/// Runs `reanchor`.
pub fn reanchor(ctx: &Context, a: ReanchorArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let results = ops::reanchor::reanchor(&p, &path, a.dry_run)?;
    match a.format {
        OutputFormat::Json => print_json(&results),
        OutputFormat::Human => {
            if !ctx.quiet {
                out!("{}", render::reanchor(&results, a.dry_run, ctx.style));
            }
        }
        OutputFormat::Github | OutputFormat::Sarif | OutputFormat::Junit => {
            return Err(a.format.unsupported("reanchor"));
        }
    }
    Ok(Outcome::Pass)
}
