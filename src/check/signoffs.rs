//! Sign-off checks: required roles on claims and articles (FC030, FC032), staleness (FC031,
//! FC033), separation of duties (FC034), roles actually held (FC035) and verdicts (FC036).

use crate::model::Status;
use crate::model::finding::Code;
use crate::model::sidecar::Claim;
use crate::model::workflow::StaleOn;

use super::stale::{self, Verdict};
use super::{ClaimLocation, Findings, Subject};

/// Runs the sign-off checks. Returns, per claim in sidecar order, whether it is stale: a
/// sign-off the workflow requires approved other words or other evidence and no newer one
/// approves the current ones (what FC031 reports, whatever severity the workflow gives it).
pub fn check(s: &Subject<'_>, f: &mut Findings<'_>) -> Vec<bool> {
    let stale = s
        .sidecar()
        .claims
        .iter()
        .zip(s.states)
        .map(|(claim, state)| claim_signoffs(s, f, claim, state))
        .collect();
    article_signoffs(s, f);
    stale
}

fn who_checks(
    s: &Subject<'_>,
    f: &mut Findings<'_>,
    by: &str,
    role: &str,
    claim: Option<&str>,
    what: &str,
) {
    let help_people = format!("only people holding `{role}` in factcheck.yaml may sign as {role}");
    match s.project.person(by) {
        None => report(
            f,
            Code::SignerLacksRole,
            by,
            claim,
            format!("{what} is signed by {by}, who is not in `people`"),
            help_people,
        ),
        Some(p) if !p.has(role) => report(
            f,
            Code::SignerLacksRole,
            by,
            claim,
            format!("{what} is signed by {by} as {role}, a role they do not hold"),
            help_people,
        ),
        Some(_) => {}
    }
    if stale::barred_author(s.project, s.sidecar(), by) {
        report(
            f,
            Code::SelfSignoff,
            by,
            claim,
            format!("{what} is signed off by {by}, one of its authors"),
            "separation of duties: someone other than the authors must sign off".into(),
        );
    }
}

fn report(
    f: &mut Findings<'_>,
    code: Code,
    by: &str,
    claim: Option<&str>,
    message: String,
    help: String,
) {
    match claim {
        Some(id) => f.at_claim_yaml(code, id, Some(by), message, Some(help)),
        None => f.at_yaml(code, Some("review"), "by", Some(by), message, Some(help)),
    }
}

/// Checks the sign-offs of one claim; returns whether one it needs is stale.
fn claim_signoffs(
    s: &Subject<'_>,
    f: &mut Findings<'_>,
    claim: &Claim,
    state: &ClaimLocation,
) -> bool {
    let what = format!("claim `{}`", claim.id);
    for so in &claim.signoffs {
        who_checks(s, f, &so.by, &so.role, Some(&claim.id), &what);
    }
    let Some(hash) = state.hash.as_deref() else {
        return false; // orphaned or ambiguous: FC001/FC002 already block
    };
    let rel = &s.path.rel;
    let publishable = s
        .project
        .workflow
        .publishable_statuses
        .contains(&claim.status);
    let mut stale_any = false;
    let verdicts = stale::role_verdicts(s.project, s.sidecar(), claim, hash);
    for (role, verdict) in verdicts {
        let help = format!(
            "{} re-verifies it: factcheck verify {rel} {}",
            a(role),
            claim.id
        );
        match verdict {
            Verdict::Tied(so, other) => {
                let message = format!(
                    "claim `{}`: sign-offs by {} ({}) and {} ({}) at the same time disagree",
                    claim.id,
                    so.by,
                    so.verdict.as_str(),
                    other.by,
                    other.verdict.as_str()
                );
                at_claim(f, Code::VerdictMismatch, claim, state, message, help);
            }
            Verdict::Fresh(so) if so.verdict != claim.status => {
                let message = format!(
                    "claim `{}` has status {}, but {} signed it off as {}",
                    claim.id,
                    claim.status.as_str(),
                    so.by,
                    so.verdict.as_str()
                );
                at_claim(f, Code::VerdictMismatch, claim, state, message, help);
            }
            Verdict::Fresh(_) => {}
            Verdict::Stale(stale) => {
                stale_any = true;
                let message = format!(
                    "sign-off by {} ({role}) on claim `{}` is stale: it approved {}",
                    stale.by,
                    claim.id,
                    if stale.text == hash {
                        "a different kind or different evidence (sources, excerpts, snapshots)"
                    } else {
                        "different words"
                    }
                );
                at_claim(f, Code::StaleClaimSignoff, claim, state, message, help);
            }
            Verdict::Missing if publishable || claim.status != Status::Unverified => {
                let message = format!("claim `{}` has no sign-off by {}", claim.id, a(role));
                at_claim(
                    f,
                    Code::MissingClaimSignoff,
                    claim,
                    state,
                    message,
                    format!("{} runs: factcheck verify {rel} {}", a(role), claim.id),
                );
            }
            Verdict::Missing => {} // unverified: FC010 already says it needs verifying
        }
    }
    stale_any
}

fn at_claim(
    f: &mut Findings<'_>,
    code: Code,
    claim: &Claim,
    state: &ClaimLocation,
    message: String,
    help: String,
) {
    match state.span() {
        Some(span) => f.at_text(code, span, Some(&claim.id), message, Some(help)),
        None => f.at_claim_yaml(code, &claim.id, None, message, Some(help)),
    }
}

fn article_signoffs(s: &Subject<'_>, f: &mut Findings<'_>) {
    let sidecar = s.sidecar();
    for r in &sidecar.review {
        who_checks(s, f, &r.by, &r.role, None, "the article");
    }
    let rel = &s.path.rel;
    let stale_on = s.project.workflow.article.stale_on;
    let digest = s.claims_digest();
    for role in &s.project.workflow.article.signoff_roles {
        let by_role: Vec<_> = sidecar
            .review
            .iter()
            .filter(|r| &r.role == role && stale::legitimate(s.project, sidecar, &r.by, role))
            .collect();
        let is_fresh = |r: &&crate::model::sidecar::ArticleSignoff| match stale_on {
            StaleOn::AnyEdit => r.article == s.article.blob,
            StaleOn::ClaimEdits => r.claims == digest,
        };
        let help = format!(
            "{} reviews and signs: factcheck signoff {rel} --role {role}",
            a(role)
        );
        let newest = stale::latest(by_role.iter().copied(), |r| &r.at);
        match (stale::latest(by_role.iter().copied().filter(is_fresh), |r| &r.at), newest) {
            (Some(_), _) => {}
            (None, Some(stale)) => f.at_yaml(
                Code::StaleArticleSignoff,
                Some("review"),
                "by",
                Some(&stale.by),
                format!(
                    "article sign-off by {} ({role}) is stale: it approved an earlier version (blob {})",
                    stale.by,
                    &stale.article[..stale.article.len().min(10)]
                ),
                Some(help),
            ),
            (None, None) => f.at_yaml(
                Code::MissingArticleSignoff,
                None,
                "stage",
                None,
                format!("the article has no sign-off by {}", a(role)),
                Some(help),
            ),
        }
    }
}

/// "a fact-checker", "an editor".
fn a(role: &str) -> String {
    let article = if role.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {role}")
}
