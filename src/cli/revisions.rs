//! `diff`, `reanchor`, `log`: revisions of an article in git (SPEC §4).

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::ops;
use crate::ops::diff::DiffOptions;
use crate::render::revisions as render;
use crate::revisions::log;

use super::format::{self, OutputFormat};
use super::output::out;
use super::{Context, Outcome};

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

/// `log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The article.
    pub article: PathBuf,
    /// Output format.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::REVISIONS))]
    pub format: OutputFormat,
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("serialisable") + "\n"
}

/// Runs `diff`. Informational: exit 0 whatever changed.
pub fn diff(ctx: &Context, a: DiffArgs) -> Result<Outcome> {
    ops::diff::warm_up();
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let options = DiffOptions {
        from: a.from,
        to: a.to,
        since_signoff: a.since_signoff,
        by: a.by,
    };
    let d = ops::diff::diff(&p, &path, &options)?;
    match a.format {
        OutputFormat::Json => out!("{}", json(&d)),
        // Human: the only other format the revision commands accept.
        _ => out!("{}", render::diff(&d, ctx.style, ctx.verbose)),
    }
    Ok(Outcome::Pass)
}

/// Runs `reanchor`.
pub fn reanchor(ctx: &Context, a: ReanchorArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let results = ops::reanchor::reanchor(&p, &path, a.dry_run)?;
    match a.format {
        OutputFormat::Json => out!("{}", json(&results)),
        // Human: the only other format the revision commands accept.
        _ => {
            if !ctx.quiet {
                out!("{}", render::reanchor(&results, a.dry_run, ctx.style));
            }
        }
    }
    Ok(Outcome::Pass)
}

#[derive(serde::Serialize)]
struct LogDocument<'a> {
    version: u32,
    article: &'a str,
    commits: &'a [log::Entry],
}

/// Runs `log`.
pub fn log(ctx: &Context, a: LogArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let entries = ops::diff::log(&p, &path)?;
    match a.format {
        OutputFormat::Json => out!(
            "{}",
            json(&LogDocument {
                version: log::VERSION,
                article: &path.rel,
                commits: &entries,
            })
        ),
        // Human: the only other format the revision commands accept.
        _ => out!("{}", render::log(&entries, ctx.style)),
    }
    Ok(Outcome::Pass)
}
