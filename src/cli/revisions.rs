//! `diff`, `reanchor`, `log`: revisions of an article in git (SPEC §4).

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::git::history::History;
use crate::ops::actions;
use crate::report::revisions as render;
use crate::revisions::{self, diff, log};

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
    // The sides are read on the thread pool: its threads start while the project loads.
    rayon::spawn(|| {});
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let excluded = &p.workflow.excluded_sections;
    let signer = a
        .since_signoff
        .then(|| signer(a.by.as_deref(), p.identity()))
        .transpose()?;
    let syntax = p.syntax(&path.rel);
    // Each side is read (git objects are inflated) and parsed on its own thread, with its own
    // repository handle: reading and parsing are most of the work.
    let from = || -> Result<revisions::Side> {
        let h = History::open(&p.root)?;
        let pending = match (&a.from, &signer) {
            (_, Some(signer)) => revisions::at_latest_signoff(&h, &path, signer)?,
            (Some(rev), None) => revisions::at_rev(&h, &path, rev)?,
            (None, None) => revisions::at_rev(&h, &path, "HEAD")?,
        };
        pending.parse(syntax, excluded)
    };
    let to = || -> Result<revisions::Side> {
        let pending = match &a.to {
            Some(rev) => revisions::at_rev(&History::open(&p.root)?, &path, rev)?,
            None => revisions::working_tree(&path)?,
        };
        pending.parse(syntax, excluded)
    };
    let (from, to) = rayon::join(from, to);
    let (from, to) = (from?, to?);
    let d = diff::compare(&path.rel, &from, &to);
    // Freeing the two parsed sides is not on the way to the answer.
    rayon::spawn(move || drop((from, to)));
    match a.format {
        OutputFormat::Json => out!("{}", json(&d)),
        // Human: the only other format the revision commands accept.
        _ => out!("{}", render::diff(&d, ctx.style, ctx.verbose)),
    }
    Ok(Outcome::Pass)
}

/// Whose sign-off `--since-signoff` starts from: `--by` when given, else the caller.
fn signer(by: Option<&str>, identity: Option<&str>) -> Result<revisions::Signer> {
    match (by, identity) {
        (Some("anyone"), _) => Ok(revisions::Signer::Anyone),
        (Some(who), _) | (None, Some(who)) => Ok(revisions::Signer::Person(who.to_string())),
        (None, None) => Err(crate::error::Error::refused(
            "--since-signoff diffs from your own latest sign-off, but who you are is not known",
            "pass --as EMAIL (or set FACTCHECK_USER or git's user.email), or choose a sign-off: --by anyone, --by EMAIL",
        )),
    }
}

/// Runs `reanchor`.
pub fn reanchor(ctx: &Context, a: ReanchorArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let results = actions::reanchor(&p, &path, a.dry_run)?;
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
    let h = History::open(&p.root)?;
    let entries = log::log(&p, &h, &path)?;
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
