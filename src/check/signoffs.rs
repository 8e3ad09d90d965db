//! Sign-off checks: required roles on claims and articles (FC030, FC032), staleness (FC031,
//! FC033), separation of duties (FC034), roles actually held (FC035) and verdicts (FC036).

use crate::model::Status;
use crate::model::Timestamp;
use crate::model::finding::Code;
use crate::model::rights::Action;
use crate::model::sidecar::{Claim, ClaimSignoff};
use crate::model::workflow::StaleOn;

use super::{ClaimState, Findings, Subject};

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

/// Whether a sign-off by `by` as `role` counts: they hold the role and are not an author
/// where the table of rights says authors may not.
fn legitimate(s: &Subject<'_>, by: &str, role: &str) -> bool {
    let holds = s.project.person(by).is_some_and(|p| p.has(role));
    holds && !barred_author(s, by)
}

/// Separation of duties: whether `by` may not sign as an author of the article.
fn barred_author(s: &Subject<'_>, by: &str) -> bool {
    Action::VerifyClaims.right().not_an_author
        && s.project.workflow.separation_of_duties
        && s.sidecar().is_author(by)
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
    if barred_author(s, by) {
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

/// What the sign-offs of one required role say about a claim as it now reads. Decided here
/// once: the gate's findings come from it, and so does the views' [`super::Standing`].
enum RoleVerdict<'c> {
    /// The latest sign-off that approves the current words and evidence.
    Fresh(&'c ClaimSignoff),
    /// Two fresh sign-offs at the same time disagree on the verdict.
    Tied(&'c ClaimSignoff, &'c ClaimSignoff),
    /// Sign-offs exist, but none approves the current words and evidence: the latest of them.
    Stale(&'c ClaimSignoff),
    /// No sign-off by the role.
    Missing,
}

/// The verdict of every role the workflow requires on `claim`, whose current words hash to
/// `hash`.
fn role_verdicts<'c>(
    s: &'c Subject<'_>,
    claim: &'c Claim,
    hash: &str,
) -> Vec<(&'c str, RoleVerdict<'c>)> {
    let evidence = s.sidecar().evidence_fingerprint(claim);
    let rules = s.project.workflow.rules(claim.kind);
    rules
        .signoff_roles
        .iter()
        .map(|role| {
            let by_role: Vec<&ClaimSignoff> = claim
                .signoffs
                .iter()
                .filter(|so| &so.role == role && legitimate(s, &so.by, role))
                .collect();
            let approving = || {
                by_role
                    .iter()
                    .copied()
                    .filter(|so| so.approves(hash, &evidence))
            };
            let verdict = match latest(approving(), |so| &so.at) {
                Some(so) => match approving()
                    .find(|o| o.verdict != so.verdict && o.at.instant() == so.at.instant())
                {
                    Some(other) => RoleVerdict::Tied(so, other),
                    None => RoleVerdict::Fresh(so),
                },
                None => match latest(by_role.iter().copied(), |so| &so.at) {
                    Some(stale) => RoleVerdict::Stale(stale),
                    None => RoleVerdict::Missing,
                },
            };
            (role.as_str(), verdict)
        })
        .collect()
}

/// Checks the sign-offs of one claim; returns whether one it needs is stale.
fn claim_signoffs(
    s: &Subject<'_>,
    f: &mut Findings<'_>,
    claim: &Claim,
    state: &ClaimState,
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
    for (role, verdict) in role_verdicts(s, claim, hash) {
        let help = format!(
            "{} re-verifies it: factcheck verify {rel} {}",
            a(role),
            claim.id
        );
        match verdict {
            RoleVerdict::Tied(so, other) => {
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
            RoleVerdict::Fresh(so) if so.verdict != claim.status => {
                let message = format!(
                    "claim `{}` has status {}, but {} signed it off as {}",
                    claim.id,
                    claim.status.as_str(),
                    so.by,
                    so.verdict.as_str()
                );
                at_claim(f, Code::VerdictMismatch, claim, state, message, help);
            }
            RoleVerdict::Fresh(_) => {}
            RoleVerdict::Stale(stale) => {
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
            RoleVerdict::Missing if publishable || claim.status != Status::Unverified => {
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
            RoleVerdict::Missing => {} // unverified: FC010 already says it needs verifying
        }
    }
    stale_any
}

fn at_claim(
    f: &mut Findings<'_>,
    code: Code,
    claim: &Claim,
    state: &ClaimState,
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
            .filter(|r| &r.role == role && legitimate(s, &r.by, role))
            .collect();
        let is_fresh = |r: &&crate::model::sidecar::ArticleSignoff| match stale_on {
            StaleOn::AnyEdit => r.article == s.article.blob,
            StaleOn::ClaimEdits => r.claims == digest,
        };
        let help = format!(
            "{} reviews and signs: factcheck signoff {rel} --role {role}",
            a(role)
        );
        let newest = latest(by_role.iter().copied(), |r| &r.at);
        match (latest(by_role.iter().copied().filter(is_fresh), |r| &r.at), newest) {
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

/// The latest of `records` by their `at` time, the last in the list among equal times. Time is
/// part of the attested record; the order of a list is anyone's to change, so it never decides
/// which verdict is current.
fn latest<'r, T>(
    records: impl IntoIterator<Item = &'r T>,
    at: impl Fn(&T) -> &Timestamp,
) -> Option<&'r T> {
    records
        .into_iter()
        .enumerate()
        .max_by_key(|(i, r)| (at(r).instant(), *i))
        .map(|(_, r)| r)
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
