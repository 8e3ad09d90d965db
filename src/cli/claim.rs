//! `claim add|list|suggest`, `source add|show|check`, `cite` (the edits are in `edit`).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::error::Result;
use crate::model::{ClaimKind, SourceKind};
use crate::ops;
use crate::ops::claim::{ClaimRow, NewClaim};
use crate::ops::source::{Excerpt, NewSource};

use super::format::{self, OutputFormat};
use super::output::outln;
use super::{Context, Outcome};

/// `claim` subcommands.
#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Track a claim: quote its words as a reader sees them.
    Add(ClaimAddArgs),
    /// Change a claim's quote, kind, id or note (its sign-offs are kept and go stale).
    Edit(super::edit::ClaimEditArgs),
    /// Stop tracking a claim (one signed off, disputed or false: editors only).
    Rm(super::edit::ClaimRmArgs),
    /// List an article's claims with status, location and sign-offs.
    List(ClaimListArgs),
    /// Check-worthy sentences no claim tracks yet, best first.
    Suggest(ClaimSuggestArgs),
}

/// `claim suggest`.
#[derive(Debug, Args)]
pub struct ClaimSuggestArgs {
    /// The article.
    pub article: PathBuf,
    /// Output format: json is an array of {"line", "column", "text", "score"}, best first.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::LIST))]
    pub format: OutputFormat,
}

/// `claim add`.
#[derive(Debug, Args)]
pub struct ClaimAddArgs {
    /// The article.
    pub article: PathBuf,
    /// The claim's words, exactly as in the article (markup and typographic quotes ignored).
    #[arg(long)]
    pub quote: String,
    /// The claim's id (default: from its first words).
    #[arg(long)]
    pub id: Option<String>,
    /// What sort of claim.
    #[arg(long, value_enum, default_value_t = ClaimKind::Fact)]
    pub kind: ClaimKind,
    /// A source id to cite (repeatable).
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,
    /// When the words occur more than once, which occurrence (1-based, in reading order).
    #[arg(long, value_name = "N")]
    pub occurrence: Option<usize>,
}

/// `claim list`.
#[derive(Debug, Args)]
pub struct ClaimListArgs {
    /// The article.
    pub article: PathBuf,
    /// Output format.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::LIST))]
    pub format: OutputFormat,
}

/// `source` subcommands.
#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Register a source in an article's sidecar.
    Add(SourceAddArgs),
    /// Change a source's URL, title, publisher, kind, dates, excerpt or snapshot.
    Edit(super::edit::SourceEditArgs),
    /// Remove a source (refused while cited, unless --uncite).
    Rm(super::edit::SourceRmArgs),
    /// Show a source and its excerpt in context from its evidence snapshot.
    Show(SourceShowArgs),
    /// Ask every source URL whether it answers and record where it ends up (needs --online).
    Check(SourceCheckArgs),
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

/// Runs `claim add|edit|rm|list|suggest`.
pub fn claim(ctx: &Context, cmd: ClaimCommand) -> Result<Outcome> {
    match cmd {
        ClaimCommand::Add(a) => {
            let p = ctx.project()?;
            let path = p.article(&a.article)?;
            let new = NewClaim {
                quote: a.quote,
                id: a.id,
                kind: a.kind,
                sources: a.sources,
                occurrence: a.occurrence,
            };
            let id = ops::claim::claim_add(&p, &path, new)?;
            ctx.say(&format!("added claim `{id}` to {}", path.sidecar_rel));
        }
        ClaimCommand::Edit(a) => return super::edit::claim_edit(ctx, a),
        ClaimCommand::Rm(a) => return super::edit::claim_rm(ctx, a),
        ClaimCommand::List(a) => list(ctx, a)?,
        ClaimCommand::Suggest(a) => suggest(ctx, a)?,
    }
    Ok(Outcome::Pass)
}

fn list(ctx: &Context, a: ClaimListArgs) -> Result<()> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let list = ops::claim::list(&p, &path)?;
    match a.format {
        OutputFormat::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&list.rows).expect("rows serialise")
        ),
        // Human: the only other format `claim list` accepts.
        _ => {
            print_table(&list.rows);
            stale_hint(ctx, &path.rel, &list.stale);
        }
    }
    Ok(())
}

/// The `claim list` table. The STATUS column shows each claim's state, and widens only when
/// a state needs it, so a list of fresh claims reads as it always did.
fn print_table(rows: &[ClaimRow]) {
    let w = rows
        .iter()
        .map(|r| r.state.len())
        .max()
        .unwrap_or(0)
        .max(11);
    outln!(
        "{:<28} {:<10} {:<w$} {:<9} {:>7} {:>4} {:>4}  TEXT",
        "ID",
        "KIND",
        "STATUS",
        "ANCHOR",
        "AT",
        "SRC",
        "SIGN"
    );
    for r in rows {
        let at = r
            .line
            .map_or("-".into(), |l| format!("{l}:{}", r.column.unwrap_or(1)));
        let text: String = if r.text.chars().count() > 60 {
            r.text.chars().take(59).chain(['…']).collect()
        } else {
            r.text.clone()
        };
        outln!(
            "{:<28} {:<10} {:<w$} {:<9} {:>7} {:>4} {:>4}  {text}",
            r.id,
            r.kind,
            r.state,
            r.anchor,
            at,
            r.sources.len(),
            r.signoffs
        );
    }
}

/// Says which claims are stale and what makes them fresh again, when any is.
fn stale_hint(ctx: &Context, rel: &str, stale: &[String]) {
    if let Some(first) = stale.first() {
        ctx.say(&format!(
            "{} stale: a sign-off approved other words or evidence; re-verify: factcheck verify {rel} {first}",
            stale.join(", ")
        ));
    }
}

/// Runs `source add|edit|rm|show|check`.
pub fn source(ctx: &Context, cmd: SourceCommand) -> Result<Outcome> {
    let a = match cmd {
        SourceCommand::Add(a) => a,
        SourceCommand::Edit(e) => return super::edit::source_edit(ctx, e),
        SourceCommand::Rm(r) => return super::edit::source_rm(ctx, r),
        SourceCommand::Show(s) => return show_source(ctx, s),
        SourceCommand::Check(c) => return check_sources(ctx, c),
    };
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
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
    let id = ops::source::source_add(&p, &path, new)?;
    ctx.say(&format!("added source `{id}` to {}", path.sidecar_rel));
    Ok(Outcome::Pass)
}

/// Prints the check-worthy sentences no claim covers.
fn suggest(ctx: &Context, a: ClaimSuggestArgs) -> Result<()> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let found = ops::claim::suggest(&p, &path)?;
    match a.format {
        OutputFormat::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&found).expect("suggestions serialise")
        ),
        // Human: the only other format `claim suggest` accepts.
        _ => {
            for s in &found {
                outln!("{:>4}:{:<3} {:.2}  {}", s.line, s.column, s.score, s.text);
                if !s.why.is_empty() {
                    outln!("              why: {}", s.why.join("; "));
                }
            }
            if found.is_empty() {
                ctx.say("no untracked check-worthy sentences");
            } else {
                ctx.say(&format!(
                    "{} sentences look check-worthy; track one: factcheck claim add {} --quote \"…\"",
                    found.len(),
                    path.rel
                ));
            }
        }
    }
    Ok(())
}

/// Checks every source URL online and records the final URL after redirects.
fn check_sources(ctx: &Context, a: SourceCheckArgs) -> Result<Outcome> {
    if !a.online {
        return Err(crate::error::Error::usage_hint(
            "`source check` needs the network",
            "pass --online to allow it (factcheck never goes online otherwise)",
        ));
    }
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let results = ops::source::check_sources(&p, &path)?;
    let mut dead = 0;
    for (id, url, reach) in &results {
        let line = match reach {
            crate::io::online::Reach::Ok(final_url) if final_url == url => {
                format!("ok        {id}  {url}")
            }
            crate::io::online::Reach::Ok(final_url) => {
                format!("moved     {id}  {url} → {final_url}")
            }
            crate::io::online::Reach::Status(code) => {
                dead += 1;
                format!("HTTP {code}  {id}  {url}")
            }
            crate::io::online::Reach::Failed(why) => {
                dead += 1;
                format!("failed    {id}  {url} ({why})")
            }
        };
        outln!("{line}");
    }
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

/// `source show`.
#[derive(Debug, Args)]
pub struct SourceShowArgs {
    /// The article.
    pub article: PathBuf,
    /// The source id.
    pub source: String,
}

/// Prints a source and its excerpt in context from its snapshot.
fn show_source(ctx: &Context, a: SourceShowArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let shown = ops::source::show(&p, &path, &a.source)?;
    outln!("{} ({})", shown.title, shown.kind.as_str());
    outln!("{}", shown.url);
    match shown.excerpt {
        Excerpt::None => outln!("no excerpt recorded"),
        Excerpt::Unchecked(excerpt) => {
            outln!("excerpt (no snapshot to check it against): {excerpt}")
        }
        Excerpt::Found {
            snapshot,
            before,
            excerpt,
            after,
        } => {
            outln!("in {snapshot}:");
            outln!(
                "…{before}{}{after}…",
                ctx.style.ok(&format!(">>>{excerpt}<<<")),
            );
        }
        Excerpt::Missing { snapshot, excerpt } => {
            outln!("the excerpt is not in {snapshot} (FC074): {excerpt}")
        }
    }
    Ok(Outcome::Pass)
}

/// Runs `cite`.
pub fn cite(ctx: &Context, a: CiteArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let stale = ops::source::cite(&p, &path, &a.claim, &a.sources)?;
    ctx.say(&format!(
        "claim `{}` cites {}",
        a.claim,
        a.sources.join(", ")
    ));
    super::edit::say_stale(ctx, &path, &stale);
    Ok(Outcome::Pass)
}
