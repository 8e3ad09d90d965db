//! The review steps: `verify` (a claim's sign-off), `signoff` (an article's), `submit`,
//! `publish` (the stage) and `correct`.

use super::update;
use crate::check::{self, ArticleReport, ClaimLocation};
use crate::error::{Error, Result};
use crate::model::config::Person;
use crate::model::paths::ArticlePath;
use crate::model::rights::Action;
use crate::model::sidecar::{ArticleSignoff, ClaimSignoff, Correction, Publication, Sidecar};
use crate::model::{Email, Role};
use crate::model::{Stage, Status};
use crate::ops::claim::claim_index;
use crate::project::Project;
use crate::text::anchor::{self, Located};

/// Separation of duties: refuses `who` taking `action` (`what`) when the table of rights bars
/// authors from it and they are an author of `sidecar`.
fn not_an_author(
    p: &Project,
    sidecar: &Sidecar,
    action: Action,
    who: &str,
    what: &str,
) -> Result<()> {
    let barred = action.right().not_an_author && p.workflow.separation_of_duties;
    if barred && sidecar.is_author(who) {
        return Err(Error::refused(
            format!("{who} may not {what}: they are an author"),
            "separation of duties: someone who did not write it does this",
        ));
    }
    Ok(())
}

/// A verification.
pub struct Verification {
    /// The verdict.
    pub status: Status,
    /// A note for the claim.
    pub note: Option<String>,
    /// The role to sign as (default: the first role the workflow requires of this claim that
    /// the actor holds).
    pub role: Option<String>,
}

/// Sets a claim's status and records the actor's sign-off on its current words. Returns the
/// role signed as and whether the quote was updated to reworded text.
pub fn verify(
    p: &Project,
    path: &ArticlePath,
    claim: &str,
    v: Verification,
) -> Result<(String, bool)> {
    let me = p.actor(Action::VerifyClaims)?.clone();
    let signers = p.workflow.claim_signoff_roles();
    update(p, path, |sidecar, article| {
        not_an_author(
            p,
            sidecar,
            Action::VerifyClaims,
            &me.email,
            &format!("verify claims in {}", path.rel),
        )?;
        let states = ClaimLocation::all(p, path, article, sidecar);
        let i = claim_index(sidecar, claim, path)?;
        let c = &mut sidecar.claims[i];
        let required = p.workflow.rules(c.kind).signoff_roles;
        let role = match v.role {
            Some(r) if me.has(&r) => r,
            Some(r) => {
                return Err(Error::refused(
                    format!("{} does not hold the role {r}", me.email),
                    format!("{} holds: {}", me.email, me.roles.join(", ")),
                ));
            }
            None => signing_role(&me, required, &signers).ok_or_else(|| {
                // Only a workflow that names no claim sign-off role at all gets here: `actor`
                // refused everyone else who holds none of them.
                Error::refused(
                    format!(
                        "workflow `{}` names no role that signs off claims, so no role can be chosen for {}",
                        p.workflow.name, me.email
                    ),
                    format!(
                        "sign in one of your roles with --role ROLE ({} holds: {}), or list `signoff_roles` under `claims:` in the workflow",
                        me.email,
                        me.roles.join(", ")
                    ),
                )
            })?,
        };
        let (span, reworded) = match &states[i].located {
            Located::Found(span) => (*span, false),
            Located::Changed { span, .. } => (*span, true),
            Located::Uncertain { span, similarity } => {
                let pos = article.pos(span.start);
                return Err(Error::usage_hint(
                    format!(
                        "claim `{claim}` may have been rewritten into a different statement: at its place ({}:{}:{}) the text is only {:.0}% similar",
                        path.rel,
                        pos.line,
                        pos.column,
                        similarity * 100.0
                    ),
                    format!(
                        "if it is the same claim, set `quote.exact` of `{claim}` in {} to the new words, then verify; otherwise remove it and add the new claim",
                        path.sidecar_rel
                    ),
                ));
            }
            Located::Orphaned => {
                return Err(Error::usage_hint(
                    format!(
                        "claim `{claim}` is orphaned: its words are no longer in {}",
                        path.rel
                    ),
                    format!(
                        "fix `quote.exact` of `{claim}` in {} first",
                        path.sidecar_rel
                    ),
                ));
            }
            Located::OverBudget => {
                return Err(Error::usage_hint(
                    format!(
                        "claim `{claim}` was not located: locating the claims of {} took more work than its budget allows",
                        path.rel
                    ),
                    "run `factcheck check` and fix the FC006 finding first",
                ));
            }
            Located::Ambiguous(_) => {
                return Err(Error::usage_hint(
                    format!("claim `{claim}` is ambiguous"),
                    format!("lengthen its quote in {} first", path.sidecar_rel),
                ));
            }
        };
        if let Some((markup, why)) = article.text.markup().restyling(span) {
            return Err(Error::refused(
                format!(
                    "claim `{claim}` is inside {why} (`{}`): readers would not see the words you approve",
                    markup.tag
                ),
                "the writer removes the markup from the claim's words first (docs/codes.md, FC007)",
            ));
        }
        c.quote = anchor::capture(&article.text, span);
        c.status = v.status;
        if v.note.is_some() {
            c.note = v.note;
        }
        let evidence = sidecar.evidence_fingerprint(&sidecar.claims[i]);
        let c = &mut sidecar.claims[i];
        let at = p
            .clock
            .timestamp_after(c.signoffs.iter().map(|so| so.at.as_str()));
        let signoff = ClaimSignoff {
            by: me.email.clone(),
            role: role.as_str().into(),
            verdict: v.status,
            at,
            text: crate::text::fingerprint::claim_hash(&article.text, span).into(),
            evidence: Some(evidence),
            article: Some(article.blob.as_str().into()),
        };
        let same = |a: &ClaimSignoff, b: &ClaimSignoff| {
            (a.verdict, &a.text, &a.evidence) == (b.verdict, &b.text, &b.evidence)
        };
        push_or_refresh(&mut c.signoffs, signoff, |so| (&so.by, &so.role), same);
        Ok((role, reworded))
    })
}

/// Appends the sign-off `new`, unless the signer's latest sign-off in the same role (`who`
/// gives signer and role) already says the same (`same`): that one is refreshed instead —
/// moved to the end with `new`'s time and fields — so signing twice leaves one record. An
/// earlier, different sign-off by them stays: it is history.
fn push_or_refresh<T>(
    records: &mut Vec<T>,
    new: T,
    who: impl Fn(&T) -> (&Email, &str),
    same: impl Fn(&T, &T) -> bool,
) {
    let (by, role) = who(&new);
    let latest = records
        .iter()
        .rposition(|r| who(r).0 == by && who(r).1 == role);
    if let Some(i) = latest.filter(|&i| same(&records[i], &new)) {
        records.remove(i);
    }
    records.push(new);
}

/// Records the actor's article-level sign-off as `role` on the current text.
pub fn signoff(p: &Project, path: &ArticlePath, role: &str) -> Result<()> {
    let me = p.actor_in(Action::SignOff, role)?.clone();
    if !p.workflow.article.signoff_roles.iter().any(|r| r == role) {
        return Err(Error::usage_hint(
            format!(
                "workflow `{}` asks for no article sign-off by a {role}",
                p.workflow.name
            ),
            format!(
                "it asks for: {}",
                if p.workflow.article.signoff_roles.is_empty() {
                    "none".into()
                } else {
                    p.workflow.article.signoff_roles.join(", ")
                }
            ),
        ));
    }
    update(p, path, |sidecar, article| {
        let what = format!("sign off {}", path.rel);
        not_an_author(p, sidecar, Action::SignOff, &me.email, &what)?;
        let states = ClaimLocation::all(p, path, article, sidecar);
        let claims = check::claims_digest(sidecar, &states);
        let at = p
            .clock
            .timestamp_after(sidecar.review.iter().map(|r| r.at.as_str()));
        let signoff = ArticleSignoff {
            by: me.email.clone(),
            role: role.into(),
            at,
            article: article.blob.as_str().into(),
            claims,
        };
        let same = |a: &ArticleSignoff, b: &ArticleSignoff| {
            (&a.article, &a.claims) == (&b.article, &b.claims)
        };
        push_or_refresh(&mut sidecar.review, signoff, |r| (&r.by, &r.role), same);
        Ok(())
    })
}

/// Moves a draft to `submitted`; refuses while any claim has no source.
pub fn submit(p: &Project, path: &ArticlePath) -> Result<()> {
    p.actor(Action::Submit)?;
    update(p, path, |sidecar, _| {
        if sidecar.stage != Stage::Draft {
            return Err(Error::usage(format!(
                "{} is already {}",
                path.rel,
                sidecar.stage.as_str()
            )));
        }
        if sidecar.claims.is_empty() {
            return Err(Error::usage_hint(
                format!("{} has no claims", path.rel),
                format!(
                    "track its claims: factcheck claim add {} --quote ...",
                    path.rel
                ),
            ));
        }
        let bare: Vec<&str> = sidecar
            .claims
            .iter()
            .filter(|c| c.sources.is_empty())
            .map(|c| c.id.as_str())
            .collect();
        if !bare.is_empty() {
            return Err(Error::usage_hint(
                format!(
                    "cannot submit {}: {} claim(s) have no source: {}",
                    path.rel,
                    bare.len(),
                    bare.join(", ")
                ),
                format!("factcheck cite {} CLAIM SOURCE", path.rel),
            ));
        }
        sidecar.stage = Stage::Submitted;
        Ok(())
    })
}

/// The result of `publish`.
pub enum PublishOutcome {
    /// Published; the blob id of the published text.
    Done(String),
    /// Already published at this text (the gate still passes); nothing was written. Its pages
    /// can be written again (an interrupted `publish --out` finishes this way).
    Already,
    /// The gate failed; nothing was written.
    Blocked(Box<ArticleReport>),
}

/// Runs the gate for one article and, if it passes, records the publication.
pub fn publish(p: &Project, path: &ArticlePath) -> Result<PublishOutcome> {
    let me = p.actor(Action::Publish)?.clone();
    let _lock = crate::io::worktree::lock(&p.root, &path.sidecar_abs)?;
    let report = check::check_article(p, path);
    if report.input_error || !report.passed {
        return Ok(PublishOutcome::Blocked(Box::new(report)));
    }
    let loaded = Sidecar::load(path)?;
    let mut sidecar = loaded.sidecar;
    let article = p.load_article(path)?;
    if sidecar
        .publication
        .as_ref()
        .is_some_and(|pb| pb.article == article.blob)
    {
        return Ok(PublishOutcome::Already);
    }
    sidecar.stage = Stage::Published;
    sidecar.publication = Some(Publication {
        by: me.email,
        at: p.clock.timestamp(),
        article: article.blob.as_str().into(),
    });
    sidecar.save(path, &loaded.text)?;
    Ok(PublishOutcome::Done(article.blob))
}

/// Records a correction for the current text of a published article.
pub fn correct(p: &Project, path: &ArticlePath, note: &str) -> Result<()> {
    let me = p.actor(Action::Correct)?.clone();
    if note.trim().is_empty() {
        return Err(Error::usage(
            "the correction note is empty; say what changed for readers",
        ));
    }
    update(p, path, |sidecar, article| {
        let Some(publication) = &sidecar.publication else {
            return Err(Error::usage(format!(
                "{} is not published; just edit it",
                path.rel
            )));
        };
        if publication.article == article.blob
            || sidecar
                .corrections
                .iter()
                .any(|c| c.article == article.blob)
        {
            return Err(Error::usage(format!(
                "{} has not changed since it was published or last corrected",
                path.rel
            )));
        }
        sidecar.corrections.push(Correction {
            by: me.email,
            at: p.clock.timestamp(),
            note: note.trim().to_string(),
            article: article.blob.as_str().into(),
        });
        Ok(())
    })
}

/// The role `me` signs a claim off in when none is named: the first of the claim kind's
/// required roles they hold, else the first of their roles that signs claims off anywhere in
/// the workflow. `None` when they hold none (a workflow without claim sign-off roles).
fn signing_role(me: &Person, required: &[Role], signers: &[&str]) -> Option<String> {
    required
        .iter()
        .chain(me.roles.iter().filter(|r| signers.contains(&r.as_str())))
        .find(|r| me.has(r))
        .map(ToString::to_string)
}
