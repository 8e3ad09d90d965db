//! Following claims through an edit of their article: each claim's quote is located again and
//! its record updated when only the context or the words around it changed.

use crate::check::ClaimLocation;
use crate::model::paths::ArticlePath;
use crate::model::sidecar::Sidecar;
use crate::project::Project;
use crate::text::anchor::{self, Located};
use crate::text::article::Article;

/// What `reanchor` did, or would do, to one claim.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Reanchor {
    /// The quote already matches the text and its context.
    Unchanged,
    /// Same words; the recorded prefix/suffix were updated to the text around them now.
    ContextUpdated,
    /// The words changed: the quote now records the new words; sign-offs stay stale until a
    /// reviewer re-verifies.
    TextUpdated {
        /// The words recorded before.
        from: String,
        /// The words recorded now.
        to: String,
    },
    /// Not followed with confidence; the quote was left as it is.
    Left {
        /// Why.
        reason: Unfollowed,
    },
}

crate::model::spelled::spelled! {
    /// Why `reanchor` left a claim's quote as it is.
    #[derive(serde::Serialize)]
    pub enum Unfollowed {
        /// Its words are nowhere in the text.
        Orphaned => "orphaned",
        /// Its words occur more than once and the context does not pick one.
        Ambiguous => "ambiguous",
        /// The text at its place is too different to be sure it is the same claim.
        Uncertain => "uncertain",
        /// Locating it took more work than its budget allows.
        OverBudget => "over the search budget",
    }
}

/// One claim's result in `reanchor`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reanchored {
    /// The claim id.
    pub claim: String,
    /// Markdown line of the claim now, when it has a place.
    pub line: Option<usize>,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Reanchor,
}

pub(crate) fn reanchor_claims(
    p: &Project,
    path: &ArticlePath,
    sidecar: &mut Sidecar,
    article: &Article,
) -> Vec<Reanchored> {
    let states = ClaimLocation::all(p, path, article, sidecar);
    sidecar
        .claims
        .iter_mut()
        .zip(&states)
        .map(|(claim, state)| {
            let outcome = match &state.located {
                Located::Found(span) | Located::Changed { span, .. } => {
                    let fresh = anchor::capture(&article.text, *span);
                    let outcome = if fresh == claim.quote {
                        Reanchor::Unchanged
                    } else if crate::text::fingerprint::text_hash(&fresh.exact)
                        == crate::text::fingerprint::text_hash(&claim.quote.exact)
                    {
                        Reanchor::ContextUpdated
                    } else {
                        Reanchor::TextUpdated {
                            from: claim.quote.exact.clone(),
                            to: fresh.exact.clone(),
                        }
                    };
                    claim.quote = fresh;
                    outcome
                }
                Located::Uncertain { .. } => Reanchor::Left {
                    reason: Unfollowed::Uncertain,
                },
                Located::Ambiguous(_) => Reanchor::Left {
                    reason: Unfollowed::Ambiguous,
                },
                Located::Orphaned => Reanchor::Left {
                    reason: Unfollowed::Orphaned,
                },
                Located::OverBudget => Reanchor::Left {
                    reason: Unfollowed::OverBudget,
                },
            };
            Reanchored {
                claim: claim.id.clone(),
                line: state.span().map(|s| article.pos(s.start).line),
                outcome,
            }
        })
        .collect()
}
