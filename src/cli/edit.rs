//! `claim edit|rm`, `source edit|rm` and `mv`: the everyday edits, so nobody has to edit a
//! sidecar by hand.

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::model::paths::ArticlePath;
use crate::model::{ClaimKind, SourceKind};
use crate::ops::{self, Stale, claim::ClaimChange, source::SourceChange};

use super::{Context, Outcome};

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
    #[arg(long, value_name = "N", requires = "quote")]
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

/// Runs `claim edit`.
pub fn claim_edit(ctx: &Context, a: ClaimEditArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let change = ClaimChange {
        quote: a.quote,
        occurrence: a.occurrence,
        kind: a.kind,
        id: a.id,
        note: a.note,
    };
    let (id, stale) = ops::claim::claim_edit(&p, &path, &a.claim, change)?;
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
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let removed = ops::claim::claim_rm(&p, &path, &a.claim)?;
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

/// Runs `source edit`.
pub fn source_edit(ctx: &Context, a: SourceEditArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let change = SourceChange {
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
    let stale = ops::source::source_edit(&p, &path, &a.source, change)?;
    ctx.say(&format!(
        "edited source `{}` in {}",
        a.source, path.sidecar_rel
    ));
    say_stale(ctx, &path, &stale);
    Ok(Outcome::Pass)
}

/// Runs `source rm`.
pub fn source_rm(ctx: &Context, a: SourceRmArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let (uncited, stale) = ops::source::source_rm(&p, &path, &a.source, a.uncite)?;
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

/// Says which claims' sign-offs the edit made stale and how to renew them. The records stay:
/// they are what the reviewers attested, and `check` reports them stale until re-verified.
pub(super) fn say_stale(ctx: &Context, path: &ArticlePath, stale: &Stale) {
    for (claim, n) in stale {
        ctx.say(&format!(
            "claim `{claim}`: {n} sign-off(s) no longer match what was signed and are now stale; re-verify: factcheck verify {} {claim}",
            path.rel
        ));
    }
}

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
    let to = crate::ops::rename::mv(&p, &a.old, &a.new)?;
    ctx.say(&format!(
        "moved {} to {} with its sidecar; the rename is staged in git: commit it",
        from.rel, to.rel
    ));
    Ok(Outcome::Pass)
}
