//! Where each claim is in the current text: found exactly, or followed through the article's
//! history.

use crate::git::history::PastTexts;
use crate::model::paths::ArticlePath;
use crate::model::sidecar::{ArticleSignoff, Claim, Sidecar};
use crate::project::Project;
use crate::text::anchor::{self, Located};
use crate::text::article::Article;
use crate::text::span::Span;

/// Where a claim was found and what its words are now (a location, not a status: how a claim
/// stands is [`super::Standing`]).
pub struct ClaimLocation {
    /// The anchoring result.
    pub located: Located,
    /// The claim's current words, when located.
    pub current: Option<String>,
    /// `sha256:` of the current words and the markup over them, when located
    /// ([`crate::text::fingerprint::claim_hash`]).
    pub hash: Option<String>,
}

impl ClaimLocation {
    /// The location of `quote` once located.
    pub fn new(article: &Article, located: Located) -> ClaimLocation {
        let span = match &located {
            Located::Found(s) | Located::Changed { span: s, .. } => Some(*s),
            _ => None,
        };
        let current = span.map(|s| article.text.as_str()[s.start..s.end].to_string());
        let hash = span.map(|s| crate::text::fingerprint::claim_hash(&article.text, s));
        ClaimLocation {
            located,
            current,
            hash,
        }
    }

    /// Locates every claim of `sidecar` in `article` (the working-tree text of `path`),
    /// following claims whose words are not found exactly once through the article's git
    /// history (docs/spec.md §4); git is only opened when such a claim exists.
    pub fn all(
        project: &Project,
        path: &ArticlePath,
        article: &Article,
        sidecar: &Sidecar,
    ) -> Vec<ClaimLocation> {
        let budget = anchor::Budget::for_text(&article.text);
        let mut earlier: Option<PastTexts> = None;
        let quotes: Vec<&anchor::Quote> = sidecar.claims.iter().map(|c| &c.quote).collect();
        let exact = anchor::locate_all_exact(&article.text, &quotes, &budget);
        sidecar
            .claims
            .iter()
            .zip(exact)
            .map(|(claim, first)| {
                let located = if matches!(first, Located::Found(_) | Located::OverBudget) {
                    first
                } else {
                    let earlier = earlier.get_or_insert_with(|| {
                        PastTexts::new(
                            &project.root,
                            &path.rel,
                            project.syntax(&path.rel),
                            &project.workflow.excluded_sections,
                            &article.text,
                            &budget,
                        )
                    });
                    let followed = follow(earlier, claim, &sidecar.review);
                    match anchor::reconcile(&article.text, &claim.quote, first, followed, &budget) {
                        // Not found where a search could not pay: it may be anywhere.
                        found @ (Located::Found(_) | Located::Changed { .. }) => found,
                        _ if budget.ran_out() => Located::OverBudget,
                        other => other,
                    }
                };
                ClaimLocation::new(article, located)
            })
            .collect()
    }

    /// The span of the claim in the plain text, when it has a place.
    pub fn span(&self) -> Option<Span> {
        self.located.span()
    }
}

/// Follows `claim` through the article's history (see [`PastTexts`]), preferring the texts its
/// reviewers approved when the recent history does not have its words.
fn follow(earlier: &mut PastTexts, claim: &Claim, review: &[ArticleSignoff]) -> Option<Located> {
    let approved: Vec<&str> = claim
        .signoffs
        .iter()
        .rev()
        .filter_map(|s| s.article.as_deref())
        .chain(review.iter().rev().map(|r| r.article.as_str()))
        .collect();
    earlier.follow(&claim.quote, &approved)
}
