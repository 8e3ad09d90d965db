//! `source add|edit|rm|show|check` and `cite`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::error::Result;
use crate::model::SourceKind;
use crate::ops;
use crate::ops::source::{NewSource, SourceEdit};
use crate::render::sources;

use super::output::out;
use super::{Context, Outcome, say_stale};

/// `source` subcommands.
#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Register a source in an article's sidecar.
    Add(SourceAddArgs),
    /// Change a source's URL, title, publisher, kind, dates, excerpt or snapshot.
    Edit(SourceEditArgs),
    /// Remove a source (refused while cited, unless --uncite).
    Rm(SourceRmArgs),
    /// Show a source and its excerpt in context from its evidence snapshot.
    Show(SourceShowArgs),
    /// Ask every source URL whether it answers and record where it ends up (needs --online).
    Check(SourceCheckArgs),
}

/// `source add`.
#[derive(Debug, Args)]
pub struct SourceAddArgs {
    /// The article.
    pub article: PathBuf,
    /// The source's URL.
    #[arg(long)]
    pub url: String,
    /// Its id (default: from title, publisher or host).
    #[arg(long)]
    pub id: Option<String>,
    /// Title.
    #[arg(long)]
    pub title: Option<String>,
    /// Publisher.
    #[arg(long)]
    pub publisher: Option<String>,
    /// What sort of source.
    #[arg(long, value_enum, default_value_t = SourceKind::Other)]
    pub kind: SourceKind,
    /// Publication (or last review) date, YYYY-MM-DD.
    #[arg(long)]
    pub published: Option<String>,
    /// When you read it, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub accessed: Option<String>,
    /// URL of an archived copy.
    #[arg(long)]
    pub archived: Option<String>,
    /// The passage that supports the claims.
    #[arg(long)]
    pub excerpt: Option<String>,
    /// A local copy of the page or document (HTML or text, e.g. a PDF's extracted text),
    /// stored under evidence/ by its SHA-256; the excerpt must occur in it.
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
}

/// `source edit`.
#[derive(Debug, Args)]
pub struct SourceEditArgs {
    /// The article.
    pub article: PathBuf,
    /// The source id.
    pub source: String,
    /// New URL.
    #[arg(long)]
    pub url: Option<String>,
    /// New title ("" removes it).
    #[arg(long)]
    pub title: Option<String>,
    /// New publisher ("" removes it).
    #[arg(long)]
    pub publisher: Option<String>,
    /// New kind.
    #[arg(long, value_enum)]
    pub kind: Option<SourceKind>,
    /// New publication (or last review) date, YYYY-MM-DD ("" removes it).
    #[arg(long)]
    pub published: Option<String>,
    /// New access date, YYYY-MM-DD ("" removes it).
    #[arg(long)]
    pub accessed: Option<String>,
    /// New archived copy URL ("" removes it).
    #[arg(long)]
    pub archived: Option<String>,
    /// New supporting passage ("" removes it); it must occur in the snapshot, if any.
    #[arg(long)]
    pub excerpt: Option<String>,
    /// A new local copy of the source, stored under evidence/ by its SHA-256.
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
}

/// `source rm`.
#[derive(Debug, Args)]
pub struct SourceRmArgs {
    /// The article.
    pub article: PathBuf,
    /// The source id.
    pub source: String,
    /// Also remove the source from the claims that cite it (their sign-offs go stale).
    #[arg(long)]
    pub uncite: bool,
}

/// `source show`.
#[derive(Debug, Args)]
pub struct SourceShowArgs {
    /// The article.
    pub article: PathBuf,
    /// The source id.
    pub source: String,
}

/// `source check`.
#[derive(Debug, Args)]
pub struct SourceCheckArgs {
    /// The article.
    pub article: PathBuf,
    /// Allow network access (required: factcheck never goes online unless told).
    #[arg(long)]
    pub online: bool,
}

/// `cite`.
#[derive(Debug, Args)]
pub struct CiteArgs {
    /// The article.
    pub article: PathBuf,
    /// The claim id.
    pub claim: String,
    /// Source ids.
    #[arg(required = true)]
    pub sources: Vec<String>,
}

/// Runs `source add|edit|rm|show|check`.
pub fn source(ctx: &Context, cmd: SourceCommand) -> Result<Outcome> {
    let a = match cmd {
        SourceCommand::Add(a) => a,
        SourceCommand::Edit(e) => return source_edit(ctx, e),
        SourceCommand::Rm(r) => return source_rm(ctx, r),
        SourceCommand::Show(s) => return show_source(ctx, s),
        SourceCommand::Check(c) => return check_sources(ctx, c),
    };
    let (p, path) = ctx.article(&a.article)?;
    let new = NewSource {
        url: a.url,
        id: a.id,
        title: a.title,
        publisher: a.publisher,
        kind: a.kind,
        published: a.published,
        accessed: a.accessed,
        archived: a.archived,
        excerpt: a.excerpt,
        snapshot: a.snapshot.map(|f| ctx.cwd.join(f)),
    };
    let id = ops::source::add(&p, &path, new)?;
    ctx.say(&format!("added source `{id}` to {}", path.sidecar_rel));
    Ok(Outcome::Pass)
}

/// Runs `source edit`.
pub fn source_edit(ctx: &Context, a: SourceEditArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let change = SourceEdit {
        url: a.url,
        title: a.title,
        publisher: a.publisher,
        kind: a.kind,
        published: a.published,
        accessed: a.accessed,
        archived: a.archived,
        excerpt: a.excerpt,
        snapshot: a.snapshot.map(|f| ctx.cwd.join(f)),
    };
    let stale = ops::source::edit(&p, &path, &a.source, change)?;
    ctx.say(&format!(
        "edited source `{}` in {}",
        a.source, path.sidecar_rel
    ));
    say_stale(ctx, &path, &stale);
    Ok(Outcome::Pass)
}

/// Runs `source rm`.
pub fn source_rm(ctx: &Context, a: SourceRmArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let (uncited, stale) = ops::source::rm(&p, &path, &a.source, a.uncite)?;
    ctx.say(&format!(
        "removed source `{}` from {}",
        a.source, path.sidecar_rel
    ));
    if !uncited.is_empty() {
        ctx.say(&format!(
            "claim(s) {} no longer cite it",
            uncited.join(", ")
        ));
    }
    say_stale(ctx, &path, &stale);
    Ok(Outcome::Pass)
}

/// Prints a source and its excerpt in context from its snapshot.
fn show_source(ctx: &Context, a: SourceShowArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let shown = ops::source::show(&p, &path, &a.source)?;
    out!("{}", sources::show(&shown, ctx.style));
    Ok(Outcome::Pass)
}

/// Checks every source URL online and records the final URL after redirects.
fn check_sources(ctx: &Context, a: SourceCheckArgs) -> Result<Outcome> {
    if !a.online {
        return Err(crate::error::Error::usage_hint(
            "`source check` needs the network",
            "pass --online to allow it (factcheck never goes online otherwise)",
        ));
    }
    let (p, path) = ctx.article(&a.article)?;
    let results = ops::source::check(&p, &path)?;
    out!("{}", sources::reachability(&results));
    let dead = results
        .iter()
        .filter(|(_, _, reach)| sources::unreachable(reach))
        .count();
    ctx.say(&format!(
        "{} sources checked, {dead} unreachable; final URLs recorded as `resolved:` in {}",
        results.len(),
        path.sidecar_rel
    ));
    Ok(if dead == 0 {
        Outcome::Pass
    } else {
        Outcome::GateFailed
    })
}

/// Runs `cite`.
pub fn cite(ctx: &Context, a: CiteArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let stale = ops::source::cite(&p, &path, &a.claim, &a.sources)?;
    ctx.say(&format!(
        "claim `{}` cites {}",
        a.claim,
        a.sources.join(", ")
    ));
    super::say_stale(ctx, &path, &stale);
    Ok(Outcome::Pass)
}
