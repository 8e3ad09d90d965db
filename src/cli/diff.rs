//! `diff` and `log`: an article between revisions, and who changed its records.

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::ops;
use crate::ops::diff::DiffOptions;
use crate::render::revisions as render;

use super::format::OutputFormat;
use super::output::out;
use super::{Context, Outcome, format, print_json};

/// `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The article.
    pub article: PathBuf,
    /// The old revision (any git revision; default HEAD).
    #[arg(long, value_name = "REV", conflicts_with = "since_signoff")]
    pub from: Option<String>,
    /// The new revision (default: the working tree).
    #[arg(long, value_name = "REV")]
    pub to: Option<String>,
    /// Diff from the text your latest sign-off approved (claim or article): what you have not
    /// seen since. Your identity is `--as`, FACTCHECK_USER or git's user.email.
    #[arg(long)]
    pub since_signoff: bool,
    /// With --since-signoff: start from EMAIL's latest sign-off instead of yours, or from the
    /// latest sign-off by anyone (`--by anyone`).
    #[arg(long, value_name = "EMAIL|anyone", requires = "since_signoff")]
    pub by: Option<String>,
    /// Output format.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::REVISIONS))]
    pub format: OutputFormat,
}

/// `log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The article.
    pub article: PathBuf,
    /// Output format.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::REVISIONS))]
    pub format: OutputFormat,
}

/// Runs `diff`. Informational: exit 0 whatever changed.
pub fn diff(ctx: &Context, a: DiffArgs) -> Result<Outcome> {
    ops::diff::warm_up();
    let (p, path) = ctx.article(&a.article)?;
    let options = DiffOptions {
        from: a.from,
        to: a.to,
        since_signoff: a.since_signoff,
        by: a.by,
    };
    let d = ops::diff::diff(&p, &path, &options)?;
    match a.format {
        OutputFormat::Json => print_json(&d),
        OutputFormat::Human => out!("{}", render::diff(&d, ctx.style, ctx.verbose)),
        OutputFormat::Github | OutputFormat::Sarif | OutputFormat::Junit => {
            return Err(a.format.unsupported("diff"));
        }
    }
    Ok(Outcome::Pass)
}

#[derive(serde::Serialize)]
struct LogDocument<'a> {
    version: u32,
    article: &'a str,
    commits: &'a [crate::revisions::log::Entry],
}

/// Runs `log`.
pub fn log(ctx: &Context, a: LogArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let entries = ops::diff::log(&p, &path)?;
    match a.format {
        OutputFormat::Json => print_json(&LogDocument {
            version: crate::revisions::log::VERSION,
            article: &path.rel,
            commits: &entries,
        }),
        OutputFormat::Human => out!("{}", render::log(&entries, ctx.style)),
        OutputFormat::Github | OutputFormat::Sarif | OutputFormat::Junit => {
            return Err(a.format.unsupported("log"));
        }
    }
    Ok(Outcome::Pass)
}
