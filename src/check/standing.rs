//! How each claim stands after the gate has looked at it: ok, stale, unanchored or blocked.
//! Decided once here, so every view says the same.

use serde::Serialize;

use crate::model::Status;
use crate::model::finding::{Finding, Severity};
use crate::model::sidecar::Claim;

use super::Subject;

/// How a claim stands, as every view shows it (`claim list`, `status`, the reports). The
/// recorded status alone would say `verified` of words nobody approved after an edit; the
/// standing is decided once, here, from the same decisions the gate makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// A publishable status and no error-severity finding names the claim: it passes the gate.
    Ok,
    /// A sign-off the workflow requires approved other words or other evidence, and no newer
    /// one approves the current ones (the decision behind FC031).
    Stale,
    /// Its words are not found exactly once in the text (orphaned, ambiguous, uncertain, or
    /// not searched for lack of budget), so no sign-off can be judged against them.
    Unanchored,
    /// Something else stops it: its status, a missing or mismatched sign-off, its sources.
    Blocked,
}

impl Standing {
    /// The suffix that qualifies a publishable status in a [`ClaimView::state`].
    fn suffix(self) -> &'static str {
        match self {
            Standing::Ok => "",
            Standing::Stale => "-stale",
            Standing::Unanchored => "-unanchored",
            Standing::Blocked => "-blocked",
        }
    }
}

/// One claim's standing, ready to display.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    /// The claim id.
    pub id: String,
    /// Its recorded status.
    pub status: Status,
    /// What views show as its state: the status when the claim passes the gate or its status
    /// is not publishable (the status says why it blocks); otherwise the status qualified by
    /// why it does not pass: `verified-stale`, `verified-unanchored`, `verified-blocked`.
    pub state: String,
    /// The standing the state is made from.
    #[serde(skip)]
    pub standing: Standing,
    /// Whether it would pass the gate: a publishable status and no error-severity finding
    /// names it. Only differs from [`Standing::Ok`] when the workflow downgrades a blocking
    /// code (say FC031 to `warn`).
    #[serde(skip)]
    pub passes: bool,
}

impl ClaimView {
    fn new(claim: &Claim, standing: Standing, publishable: bool, passes: bool) -> ClaimView {
        let suffix = if publishable { standing.suffix() } else { "" };
        ClaimView {
            id: claim.id.clone(),
            status: claim.status,
            state: format!("{}{suffix}", claim.status.as_str()),
            standing,
            passes,
        }
    }
}

/// How each claim of `s` stands, given the article's `findings` and which claims the sign-off
/// check found `stale`.
pub(super) fn standings(s: &Subject<'_>, findings: &[Finding], stale: &[bool]) -> Vec<ClaimView> {
    let workflow = &s.project.workflow;
    let named: std::collections::HashSet<&str> = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.claim.as_deref())
        .collect();
    s.sidecar()
        .claims
        .iter()
        .zip(s.states)
        .zip(stale)
        .map(|((claim, state), &stale)| {
            let publishable = workflow.publishable_statuses.contains(&claim.status);
            let passes = publishable && !named.contains(claim.id.as_str());
            let standing = if state.hash.is_none() {
                Standing::Unanchored
            } else if stale {
                Standing::Stale
            } else if passes {
                Standing::Ok
            } else {
                Standing::Blocked
            };
            ClaimView::new(claim, standing, publishable, passes)
        })
        .collect()
}
