//! `claim add|edit|rm|list|suggest`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::error::Result;
use crate::model::ClaimKind;
use crate::ops;
use crate::ops::claim::{ClaimEdit, NewClaim};
use crate::render::claims;

use super::format::OutputFormat;
use super::output::out;
use super::{Context, Outcome, format, say_stale};

/// `claim` subcommands.
#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Track a claim: quote its words as a reader sees them.
    Add(ClaimAddArgs),
    /// Change a claim's quote, kind, id or note (its sign-offs are kept and go stale).
    Edit(ClaimEditArgs),
    /// Stop tracking a claim (one signed off, disputed or false: editors only).
    Rm(ClaimRmArgs),
    /// List an article's claims with status, location and sign-offs.
    List(ClaimListArgs),
    /// Check-worthy sentences no claim tracks yet, best first.
    Suggest(ClaimSuggestArgs),
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
    #[arg(long, value_name = "N", value_parser = parse_occurrence)]
    pub occurrence: Option<usize>,
}

/// `claim edit`.
#[derive(Debug, Args)]
pub struct ClaimEditArgs {
    /// The article.
    pub article: PathBuf,
    /// The claim id.
    pub claim: String,
    /// New words to track, exactly as in the article (like `claim add --quote`).
    #[arg(long)]
    pub quote: Option<String>,
    /// When the new words occur more than once, which occurrence (1-based).
    #[arg(long, value_name = "N", requires = "quote", value_parser = parse_occurrence)]
    pub occurrence: Option<usize>,
    /// New kind.
    #[arg(long, value_enum)]
    pub kind: Option<ClaimKind>,
    /// New id (not for a signed-off claim: its sign-offs name it by id).
    #[arg(long)]
    pub id: Option<String>,
    /// New reviewers' note ("" removes it).
    #[arg(long)]
    pub note: Option<String>,
}

/// `claim rm`.
#[derive(Debug, Args)]
pub struct ClaimRmArgs {
    /// The article.
    pub article: PathBuf,
    /// The claim id.
    pub claim: String,
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

/// `claim suggest`.
#[derive(Debug, Args)]
pub struct ClaimSuggestArgs {
    /// The article.
    pub article: PathBuf,
    /// Output format: json is an array of {"line", "column", "text", "score"}, best first.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::LIST))]
    pub format: OutputFormat,
}

/// Runs `claim add|edit|rm|list|suggest`.
pub fn claim(ctx: &Context, cmd: ClaimCommand) -> Result<Outcome> {
    match cmd {
        ClaimCommand::Add(a) => {
            let (p, path) = ctx.article(&a.article)?;
            let new = NewClaim {
                quote: a.quote,
                id: a.id,
                kind: a.kind,
                sources: a.sources,
                occurrence: a.occurrence,
            };
            let id = ops::claim::add(&p, &path, new)?;
            ctx.say(&format!("added claim `{id}` to {}", path.sidecar_rel));
        }
        ClaimCommand::Edit(a) => return claim_edit(ctx, a),
        ClaimCommand::Rm(a) => return claim_rm(ctx, a),
        ClaimCommand::List(a) => list(ctx, a)?,
        ClaimCommand::Suggest(a) => suggest(ctx, a)?,
    }
    Ok(Outcome::Pass)
}

/// Runs `claim edit`.
pub fn claim_edit(ctx: &Context, a: ClaimEditArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let change = ClaimEdit {
        quote: a.quote,
        occurrence: a.occurrence,
        kind: a.kind,
        id: a.id,
        note: a.note,
    };
    let (id, stale) = ops::claim::edit(&p, &path, &a.claim, change)?;
    if id == a.claim {
        ctx.say(&format!("edited claim `{id}` in {}", path.sidecar_rel));
    } else {
        ctx.say(&format!(
            "edited claim `{}`, now `{id}`, in {}",
            a.claim, path.sidecar_rel
        ));
    }
    say_stale(ctx, &path, &stale);
    Ok(Outcome::Pass)
}

/// Runs `claim rm`.
pub fn claim_rm(ctx: &Context, a: ClaimRmArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let removed = ops::claim::rm(&p, &path, &a.claim)?;
    let with = match removed.signoffs {
        0 => String::new(),
        n => format!(" with its {n} sign-off record(s)"),
    };
    ctx.say(&format!(
        "removed claim `{}`{with} from {}",
        a.claim, path.sidecar_rel
    ));
    if !removed.unused.is_empty() {
        ctx.say(&format!(
            "no claim cites {} any more: cite it again, or remove it with `factcheck source rm {} SOURCE`",
            removed.unused.join(", "),
            path.rel
        ));
    }
    Ok(Outcome::Pass)
}

fn list(ctx: &Context, a: ClaimListArgs) -> Result<()> {
    let (p, path) = ctx.article(&a.article)?;
    let list = ops::claim::list(&p, &path)?;
    match a.format {
        OutputFormat::Json => super::print_json(&list.rows),
        OutputFormat::Human => {
            out!("{}", claims::table(&list.rows));
            if let Some(hint) = claims::stale_hint(&path.rel, &list.stale) {
                ctx.say(&hint);
            }
        }
        OutputFormat::Github | OutputFormat::Sarif | OutputFormat::Junit => {
            return Err(a.format.unsupported("claim list"));
        }
    }
    Ok(())
}

/// Prints the check-worthy sentences no claim covers.
fn suggest(ctx: &Context, a: ClaimSuggestArgs) -> Result<()> {
    let (p, path) = ctx.article(&a.article)?;
    let found = ops::claim::suggest(&p, &path)?;
    match a.format {
        OutputFormat::Json => super::print_json(&found),
        OutputFormat::Human => {
            out!("{}", claims::suggestions(&found));
            ctx.say(&claims::suggestions_summary(&path.rel, found.len()));
        }
        OutputFormat::Github | OutputFormat::Sarif | OutputFormat::Junit => {
            return Err(a.format.unsupported("claim suggest"));
        }
    }
    Ok(())
}

/// Parses `--occurrence N`: occurrences are counted from 1, in reading order.
fn parse_occurrence(s: &str) -> std::result::Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1: occurrences are counted from 1, in reading order".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}
