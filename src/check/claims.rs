//! Claim checks: anchoring (FC001–FC003), markup that restyles a claim (FC007), status (FC010)
//! and sources (FC020–FC025).

use crate::model::finding::Code;
use crate::model::sidecar::Claim;
use crate::model::time::{parse_date, years_between};
use crate::text::anchor::Located;
use crate::text::article::Reordering;

use super::{ClaimLocation, Findings, Subject};

/// Runs the claim checks.
pub fn check(s: &Subject<'_>, f: &mut Findings<'_>) {
    let rel = &s.path.rel;
    for (claim, state) in s.sidecar().claims.iter().zip(s.states) {
        anchoring(s, f, claim, state);
        restyled(s, f, claim, state);
        status(s, f, claim, state);
        sources(s, f, claim);
    }
    over_budget(s, f);
    let cited: std::collections::HashSet<&str> = s
        .sidecar()
        .claims
        .iter()
        .flat_map(|c| c.sources.iter().map(String::as_str))
        .collect();
    for source in &s.sidecar().sources {
        if !cited.contains(source.id.as_str()) {
            f.at_source_yaml(
                Code::UnusedSource,
                &source.id,
                format!("source `{}` is not cited by any claim", source.id),
                Some(format!(
                    "cite it: factcheck cite {rel} CLAIM {id}; or remove it: factcheck source rm {rel} {id}",
                    id = source.id
                )),
            );
        }
    }
}

/// One finding for all the claims the article's search budget left unsettled (FC006), at
/// the first of them: thousands of them must not make thousands of findings.
fn over_budget(s: &Subject<'_>, f: &mut Findings<'_>) {
    let unsettled: Vec<&Claim> = s
        .sidecar()
        .claims
        .iter()
        .zip(s.states)
        .filter(|(_, state)| state.located == Located::OverBudget)
        .map(|(claim, _)| claim)
        .collect();
    let Some(first) = unsettled.first() else {
        return;
    };
    f.at_claim_yaml(
        Code::SearchBudgetExceeded,
        &first.id,
        None,
        format!(
            "locating the claims of {} took more work than its budget allows: {} of {} claims (from `{}` on) were not located",
            s.path.rel,
            unsettled.len(),
            s.sidecar().claims.len(),
            first.id
        ),
        Some(
            "remove claims whose words are not in the article, lengthen quotes that occur very often, or split the article (docs/codes.md#fc006-search-budget-exceeded)"
                .into(),
        ),
    );
}

/// FC007: inline HTML inside or around the claim's words that changes what readers see of
/// them while the words stay the same (`<bdo>`, `<s>`, `style=…`): a sign-off on the words would
/// say nothing about what the page shows.
fn restyled(s: &Subject<'_>, f: &mut Findings<'_>, claim: &Claim, state: &ClaimLocation) {
    let (Located::Found(span) | Located::Changed { span, .. }) = &state.located else {
        return;
    };
    let text = &s.article.text;
    let Some((markup, why)) = text.markup().restyling(*span) else {
        let (message, help) = match text.reordered(*span) {
            None => return,
            Some(Reordering::Control) => (
                "follows a bidirectional control character in its paragraph: readers may see its characters in another order than the fact-checker approved (`18` shown as `81`)",
                "delete the control character (U+202A–U+202E, U+2066–U+2069); right-to-left text needs none",
            ),
            Some(Reordering::RightToLeft) => (
                "is shown to readers in another order than it is written: a right-to-left character next to it reorders its characters (`12 - 30` shown as `30 - 12`)",
                "delete the right-to-left mark or letter next to the claim (U+200F, U+061C, or a letter of a right-to-left script), or put a left-to-right word between them",
            ),
        };
        f.at_text(
            Code::RestyledClaim,
            *span,
            Some(&claim.id),
            format!("claim `{}` {message}", claim.id),
            Some(help.into()),
        );
        return;
    };
    let line = s.article.source_position(markup.at).line;
    f.at_text(
        Code::RestyledClaim,
        *span,
        Some(&claim.id),
        format!(
            "claim `{}` is inside {why} (`{}`, line {line}): readers would not see the words the fact-checker approved",
            claim.id,
            clip(&markup.tag)
        ),
        Some("remove the markup from the claim's words; struck-out words of a correction stay outside the claim's quote".into()),
    );
}

/// How many of an ambiguous quote's occurrences FC002 lists.
const AMBIGUOUS_LINES: usize = 20;

fn anchoring(s: &Subject<'_>, f: &mut Findings<'_>, claim: &Claim, state: &ClaimLocation) {
    let rel = &s.path.rel;
    match &state.located {
        Located::Found(_) | Located::OverBudget => {}
        Located::Orphaned => f.at_claim_yaml(
            Code::OrphanedClaim,
            &claim.id,
            None,
            format!("claim `{}` is orphaned: \"{}\" is not in the article", claim.id, clip(&claim.quote.exact)),
            Some(format!(
                "the sentence was removed or rewritten beyond recognition: update `quote.exact` of `{}` in {} or remove the claim",
                claim.id, s.path.sidecar_rel
            )),
        ),
        Located::Ambiguous(spans) => {
            // The first few lines: a quote of common words can occur a million times.
            let mut lines: Vec<String> = spans.iter().take(AMBIGUOUS_LINES).map(|sp| s.article.pos(sp.start).line.to_string()).collect();
            if spans.len() > AMBIGUOUS_LINES {
                lines.push("...".into());
            }
            f.at_text(
                Code::AmbiguousClaim,
                spans[0],
                Some(&claim.id),
                format!("claim `{}` is ambiguous: its quote occurs {} times (lines {})", claim.id, spans.len(), lines.join(", ")),
                Some(format!("lengthen `quote.exact` of `{}` in {} so it occurs once", claim.id, s.path.sidecar_rel)),
            );
        }
        Located::Uncertain { span, similarity } => f.at_text(
            Code::UncertainClaim,
            *span,
            Some(&claim.id),
            format!(
                "claim `{}` may now be a different statement: its place reads \"{}\", only {:.0}% like the recorded \"{}\"",
                claim.id,
                clip(&s.article.text.as_str()[span.start..span.end]),
                similarity * 100.0,
                clip(&claim.quote.exact)
            ),
            Some(format!(
                "factcheck will not guess: if it is the same claim, set `quote.exact` of `{}` in {} to the new words and re-verify; otherwise remove it and track the new claim",
                claim.id, s.path.sidecar_rel
            )),
        ),
        Located::Changed { span, .. } => f.at_text(
            Code::ClaimTextChanged,
            *span,
            Some(&claim.id),
            format!(
                "claim `{}` was reworded: it now reads \"{}\" (recorded: \"{}\")",
                claim.id,
                clip(state.current.as_deref().unwrap_or_default()),
                clip(&claim.quote.exact)
            ),
            Some(format!("re-verify it, which records the new words: factcheck verify {rel} {}", claim.id)),
        ),
    }
}

fn status(s: &Subject<'_>, f: &mut Findings<'_>, claim: &Claim, state: &ClaimLocation) {
    let allowed = &s.project.workflow.publishable_statuses;
    if allowed.contains(&claim.status) {
        return;
    }
    let names: Vec<&str> = allowed.iter().map(|st| st.as_str()).collect();
    let rel = &s.path.rel;
    let help = match claim.status {
        crate::model::Status::Unverified => format!(
            "a fact-checker verifies it: factcheck verify {rel} {}",
            claim.id
        ),
        _ => format!(
            "reword or remove the claim, then have it re-verified: factcheck verify {rel} {}",
            claim.id
        ),
    };
    let message = format!(
        "claim `{}` is {}; publication needs {}",
        claim.id,
        claim.status.as_str(),
        names.join(" or ")
    );
    match state.span() {
        Some(span) => f.at_text(
            Code::StatusNotPublishable,
            span,
            Some(&claim.id),
            message,
            Some(help),
        ),
        None => f.at_claim_yaml(
            Code::StatusNotPublishable,
            &claim.id,
            None,
            message,
            Some(help),
        ),
    }
}

fn sources(s: &Subject<'_>, f: &mut Findings<'_>, claim: &Claim) {
    let rules = s.project.workflow.rules(claim.kind);
    let today = s.project.clock.today();
    let kind = claim.kind.as_str();
    let rel = &s.path.rel;
    let mut qualifying = 0;
    let mut cited: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for id in &claim.sources {
        if !cited.insert(id.as_str()) {
            continue;
        }
        let Some(source) = s.sidecar().source(id) else {
            f.at_claim_yaml(
                Code::UnknownSource,
                &claim.id,
                Some(id),
                format!(
                    "claim `{}` cites `{id}`, which is not a source in this sidecar",
                    claim.id
                ),
                Some(format!(
                    "register it: factcheck source add {rel} --id {id} --url URL"
                )),
            );
            continue;
        };
        let mut ok = true;
        if let Some(kinds) = rules.source_kinds
            && !kinds.contains(&source.kind)
        {
            ok = false;
            let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            f.at_claim_yaml(
                Code::SourceKindNotAllowed,
                &claim.id,
                Some(id),
                format!(
                    "source `{id}` is {}, which does not count for {kind} claims (needs {})",
                    source.kind.as_str(),
                    names.join(", ")
                ),
                Some(format!(
                    "cite a {} source for `{}`",
                    names.join(" or "),
                    claim.id
                )),
            );
        }
        if let Some(max) = rules.max_source_age_years {
            match source.published.as_deref().and_then(parse_date) {
                None => {
                    ok = false;
                    f.at_claim_yaml(
                        Code::SourceDateMissing,
                        &claim.id,
                        Some(id),
                        format!("source `{id}` has no `published` date, but {kind} claims need sources at most {max} years old"),
                        Some(format!("add `published: YYYY-MM-DD` to source `{id}` in {}", s.path.sidecar_rel)),
                    );
                }
                Some(date) if years_between(date, today) > max => {
                    ok = false;
                    f.at_claim_yaml(
                        Code::SourceTooOld,
                        &claim.id,
                        Some(id),
                        format!(
                            "source `{id}` was published {}, {} years ago; {kind} claims need sources at most {max} years old",
                            source.published.as_deref().unwrap_or_default(),
                            years_between(date, today)
                        ),
                        Some(format!("find a more recent source for `{}`", claim.id)),
                    );
                }
                Some(_) => {}
            }
        }
        qualifying += usize::from(ok);
    }
    if qualifying < rules.min_sources {
        f.at_claim_yaml(
            Code::TooFewSources,
            &claim.id,
            None,
            format!(
                "claim `{}` ({kind}) has {qualifying} qualifying source{}; the workflow requires {}",
                claim.id,
                if qualifying == 1 { "" } else { "s" },
                rules.min_sources
            ),
            Some(format!("factcheck source add {rel} --url URL ... then factcheck cite {rel} {} SOURCE", claim.id)),
        );
    }
}

/// Shortens long quotes for one-line messages.
pub fn clip(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX - 1).collect();
    format!("{cut}…")
}
