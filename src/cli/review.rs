//! The review steps: `submit`, `verify`, `signoff`, `publish`, `correct`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::check::Tally;
use crate::error::Result;
use crate::model::Status;
use crate::ops;
use crate::ops::review::{PublishOutcome, Verification};
use crate::render::human;

use super::gate::gate_outcome;
use super::output::{errln, out};
use super::{ArticleArg, Context, Outcome};

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

/// `publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The article.
    pub article: PathBuf,
    /// Also write the published page (with its fact-check box and ClaimReview JSON-LD) and a
    /// JSON manifest into DIR.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The article's public URL (default: `site.url` in factcheck.yaml + the article's path).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// `correct`.
#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// The article.
    pub article: PathBuf,
    /// What was corrected, for readers.
    #[arg(long)]
    pub note: String,
}

/// Runs `submit`.
pub fn submit(ctx: &Context, a: ArticleArg) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    ops::review::submit(&p, &path)?;
    ctx.say(&format!("{} submitted for fact-checking", path.rel));
    Ok(Outcome::Pass)
}

/// Runs `verify`.
pub fn verify(ctx: &Context, a: VerifyArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
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
    let (p, path) = ctx.article(&a.article)?;
    ops::review::signoff(&p, &path, &a.role)?;
    ctx.say(&format!(
        "{} signed off by {} as {}",
        path.rel,
        p.identity().unwrap_or_default(),
        a.role
    ));
    Ok(Outcome::Pass)
}

/// Runs `publish`.
pub fn publish(ctx: &Context, a: PublishArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    match ops::review::publish(&p, &path)? {
        PublishOutcome::Already if a.out.is_none() => Err(crate::error::Error::usage(format!(
            "{} is already published at this text",
            path.rel
        ))),
        outcome @ (PublishOutcome::Done(_) | PublishOutcome::Already) => {
            match outcome {
                PublishOutcome::Done(blob) => ctx.say(&format!(
                    "published {} (blob {blob}) by {}",
                    path.rel,
                    p.identity().unwrap_or_default()
                )),
                _ => ctx.say(&format!(
                    "{} is already published at this text; writing its pages again",
                    path.rel
                )),
            }
            if let Some(dir) = &a.out {
                let url = crate::ops::pages::url_of(&p, &path, a.url.as_deref());
                let (page, manifest) = crate::ops::pages::write_outputs(
                    &p,
                    &path,
                    &ctx.cwd.join(dir),
                    url.as_deref(),
                )?;
                ctx.say(&format!(
                    "wrote {} and {}",
                    page.display(),
                    manifest.display()
                ));
            }
            Ok(Outcome::Pass)
        }
        PublishOutcome::Blocked(report) => {
            let reports = [*report];
            out!("{}", human::render(&reports, ctx.style, &ctx.detail()));
            errln!(
                "factcheck: not published: {} is blocked by the gate",
                crate::text::visible::visible(&path.rel)
            );
            gate_outcome(&Tally::of(&reports))
        }
    }
}

/// Runs `correct`.
pub fn correct(ctx: &Context, a: CorrectArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    ops::review::correct(&p, &path, &a.note)?;
    ctx.say(&format!("correction recorded for {}", path.rel));
    Ok(Outcome::Pass)
}
