//! The one staleness rule. A claim's sign-off is stale when it approved other words or other
//! evidence than the claim has now; a claim is stale when a role its workflow requires has
//! signed it and no legitimate sign-off of that role approves it as it reads now. The gate's
//! findings (FC031, FC036), the views' standing (`verified-stale`) and the messages of every
//! command that edits a sidecar ([`stale_since`]) all come from [`role_verdicts`].

use crate::model::Timestamp;
use crate::model::rights::Action;
use crate::model::sidecar::{Claim, ClaimSignoff, Sidecar};
use crate::project::Project;
use crate::text::anchor;
use crate::text::article::Article;

/// What the sign-offs of one required role say about a claim as it now reads.
pub(crate) enum Verdict<'c> {
    /// The latest sign-off that approves the current words and evidence.
    Fresh(&'c ClaimSignoff),
    /// Two fresh sign-offs at the same time disagree on the verdict.
    Tied(&'c ClaimSignoff, &'c ClaimSignoff),
    /// Sign-offs exist, but none approves the current words and evidence: the latest of them.
    Stale(&'c ClaimSignoff),
    /// No sign-off by the role.
    Missing,
}

/// Whether a sign-off by `by` as `role` counts: they hold the role and are not an author
/// where the table of rights says authors may not.
pub(crate) fn legitimate(p: &Project, sidecar: &Sidecar, by: &str, role: &str) -> bool {
    let holds = p.person(by).is_some_and(|person| person.has(role));
    holds && !barred_author(p, sidecar, by)
}

/// Separation of duties: whether `by` may not sign as an author of the article.
pub(crate) fn barred_author(p: &Project, sidecar: &Sidecar, by: &str) -> bool {
    Action::VerifyClaims.right().not_an_author
        && p.workflow.separation_of_duties
        && sidecar.is_author(by)
}

/// The verdict of every role the workflow requires on `claim` of `sidecar`, whose current
/// words have the fingerprint `hash`.
pub(crate) fn role_verdicts<'c>(
    p: &'c Project,
    sidecar: &'c Sidecar,
    claim: &'c Claim,
    hash: &str,
) -> Vec<(&'c str, Verdict<'c>)> {
    let evidence = sidecar.evidence_fingerprint(claim);
    let rules = p.workflow.rules(claim.kind);
    rules
        .signoff_roles
        .iter()
        .map(|role| {
            let by_role: Vec<&ClaimSignoff> = claim
                .signoffs
                .iter()
                .filter(|so| &so.role == role && legitimate(p, sidecar, &so.by, role))
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
                    Some(other) => Verdict::Tied(so, other),
                    None => Verdict::Fresh(so),
                },
                None => match latest(by_role.iter().copied(), |so| &so.at) {
                    Some(stale) => Verdict::Stale(stale),
                    None => Verdict::Missing,
                },
            };
            (role.as_str(), verdict)
        })
        .collect()
}

/// The latest of `records` by their `at` time, the last in the list among equal times. Time is
/// part of the attested record; the order of a list is anyone's to change, so it never decides
/// which verdict is current.
pub(crate) fn latest<'r, T>(
    records: impl IntoIterator<Item = &'r T>,
    at: impl Fn(&T) -> &Timestamp,
) -> Option<&'r T> {
    records
        .into_iter()
        .enumerate()
        .max_by_key(|(i, r)| (at(r).instant(), *i))
        .map(|(_, r)| r)
}

/// The claims an edit made stale: each claim id with how many of the roles its workflow
/// requires had a fresh sign-off before the edit and have only stale ones after.
pub type Stale = Vec<(String, usize)>;

/// What an edit of a sidecar from `before` to `after` made stale, both read against `article`
/// (the markup over a claim's words is part of what a sign-off approves), by the same rule as
/// the gate.
pub fn stale_since(p: &Project, before: &Sidecar, after: &Sidecar, article: &Article) -> Stale {
    after
        .claims
        .iter()
        .filter_map(|c| {
            let old = before.claim(&c.id)?;
            let was = role_verdicts(p, before, old, &words_hash(old, article));
            let now = role_verdicts(p, after, c, &words_hash(c, article));
            let n = was
                .iter()
                .zip(&now)
                .filter(|((_, was), (_, now))| {
                    matches!(was, Verdict::Fresh(_) | Verdict::Tied(..))
                        && matches!(now, Verdict::Stale(_))
                })
                .count();
            (n > 0).then(|| (c.id.clone(), n))
        })
        .collect()
}

/// The fingerprint of `c`'s words: where the article has them exactly, with the markup over
/// them; else of its recorded quote.
fn words_hash(c: &Claim, article: &Article) -> String {
    let budget = anchor::Budget::for_text(&article.text);
    match anchor::locate_exact(&article.text, &c.quote, &budget) {
        anchor::Located::Found(span) => crate::text::fingerprint::claim_hash(&article.text, span),
        _ => crate::text::fingerprint::text_hash(&c.quote.exact),
    }
}
