//! `verify` and `signoff`: the reviewers' commands.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::error::Result;
use crate::model::Status;
use crate::ops::{self, review::Verification};

use super::{Context, Outcome};

/// `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The article.
    pub article: PathBuf,
    /// The claim id.
    pub claim: String,
    /// Your verdict.
    #[arg(long, value_enum, default_value_t = Verdict::Verified)]
    pub status: Verdict,
    /// A note on what you checked or why it is disputed.
    #[arg(long)]
    pub note: Option<String>,
    /// Sign as this role (default: the first role the workflow requires that you hold).
    #[arg(long)]
    pub role: Option<String>,
}

/// The verdicts a reviewer can give.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Verdict {
    /// Supported by its sources.
    Verified,
    /// Contested: must be qualified or reworded.
    Disputed,
    /// Wrong.
    False,
    /// Opinion, not a checkable fact.
    Opinion,
}

impl From<Verdict> for Status {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Verified => Status::Verified,
            Verdict::Disputed => Status::Disputed,
            Verdict::False => Status::False,
            Verdict::Opinion => Status::Opinion,
        }
    }
}

/// `signoff`.
#[derive(Debug, Args)]
pub struct SignoffArgs {
    /// The article.
    pub article: PathBuf,
    /// The role you sign as (must be one the workflow asks for on articles).
    #[arg(long)]
    pub role: String,
}

/// Runs `verify`.
pub fn verify(ctx: &Context, a: VerifyArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    let status: Status = a.status.into();
    let (role, reworded) = ops::review::verify(
        &p,
        &path,
        &a.claim,
        Verification {
            status,
            note: a.note,
            role: a.role,
        },
    )?;
    if reworded {
        ctx.say(&format!(
            "claim `{}` was reworded; its quote now records the new words",
            a.claim
        ));
    }
    ctx.say(&format!(
        "claim `{}` {} by {} ({role})",
        a.claim,
        status.as_str(),
        p.identity().unwrap_or_default()
    ));
    Ok(Outcome::Pass)
}

/// Runs `signoff`.
pub fn signoff(ctx: &Context, a: SignoffArgs) -> Result<Outcome> {
    let p = ctx.project()?;
    let path = p.article(&a.article)?;
    ops::review::signoff(&p, &path, &a.role)?;
    ctx.say(&format!(
        "{} signed off by {} as {}",
        path.rel,
        p.identity().unwrap_or_default(),
        a.role
    ));
    Ok(Outcome::Pass)
}
