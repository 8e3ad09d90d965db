//! Anchoring claims to article text (docs/spec.md §3): find a claim's quote in the plain text,
//! capture prefix/suffix context for a new quote, and fingerprint a claim's text for sign-offs.
//!
//! A quote is a W3C Web Annotation `TextQuoteSelector`: `exact` plus `prefix`/`suffix` context.
//! Matching is exact on normalised text (linear-time substring search); when the exact text
//! occurs more than once, the context picks the occurrence; when it does not occur at all, the
//! context may still locate the claim *with its words changed* — then the claim's sign-offs are
//! stale. Context is captured within the claim's block, so it never spans two paragraphs.

pub mod budget;

mod context;
mod follow;
mod many;

pub use budget::Budget;
use context::disambiguate;
pub use context::{by_context, capture};
pub use follow::{follow, follow_span, located_at, map_span, reconcile, similarity_within};

use crate::text::article::{PlainText, normalize};

use crate::text::span::Span;

/// How many characters of context are captured on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A claim's quote as stored in the sidecar.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The claim's words, as they appear in the article's plain text.
    pub exact: String,
    /// Text just before the quote in the same block (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Text just after the quote in the same block (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Located {
    /// The exact text occurs once (or once with matching context).
    Found(Span),
    /// The exact text is gone, but its context uniquely brackets new text that resembles it:
    /// the claim is there, with its words changed.
    Changed {
        /// Where the claim's current text is.
        span: Span,
        /// How similar the current text is to the quote (0..=1).
        similarity: f32,
    },
    /// Following the claim through an edit found its place, but the text there now differs so
    /// much from the quote that it may be a different statement: reported, never re-anchored.
    Uncertain {
        /// The text now at the claim's place.
        span: Span,
        /// How similar it is to the quote (below [`MIN_SIMILARITY`]).
        similarity: f32,
    },
    /// The exact text occurs several times and the context does not decide.
    Ambiguous(Vec<Span>),
    /// The quote cannot be found.
    Orphaned,
    /// The article's search budget ran out before the claim was settled: it may be anywhere,
    /// or nowhere (FC006).
    OverBudget,
}

/// The minimum similarity for a changed claim to be recognised by its context.
pub const MIN_SIMILARITY: f32 = 0.5;

impl Located {
    /// The claim's place in the text, when it has one.
    pub fn span(&self) -> Option<Span> {
        match self {
            Located::Found(s)
            | Located::Changed { span: s, .. }
            | Located::Uncertain { span: s, .. } => Some(*s),
            Located::Ambiguous(_) | Located::Orphaned | Located::OverBudget => None,
        }
    }
}

/// Locates `quote` in `text` without history: exactly, else by its context.
pub fn locate(text: &PlainText, quote: &Quote, budget: &Budget) -> Located {
    match locate_exact(text, quote, budget) {
        Located::Orphaned => by_context(text, quote, budget),
        other => other,
    }
}

/// Up to this many quotes are searched one by one; more, in one pass over the text.
const FEW_QUOTES: usize = 64;

/// Up to this many quotes too short for the sampled search are searched one by one; more, with
/// an automaton.
const FEW_SHORT: usize = 8;

/// Locates the exact words of many quotes in `text` — one SIMD substring search per quote for a
/// typical article, one sampled pass over the text for articles with many claims (see
/// `search_many`) — each resolved like [`locate_exact`]: found once (or picked by context),
/// ambiguous or missing.
pub fn locate_all_exact(text: &PlainText, quotes: &[&Quote], budget: &Budget) -> Vec<Located> {
    let hay = text.as_str();
    let exact: Vec<String> = quotes.iter().map(|q| normalize(&q.exact)).collect();
    let mut hits: Vec<Option<Vec<Span>>> = vec![Some(Vec::new()); quotes.len()];
    let patterns: Vec<(usize, &str)> = exact
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_empty())
        .map(|(i, e)| (i, e.as_str()))
        .collect();
    if patterns.len() <= FEW_QUOTES {
        // A few quotes: one SIMD substring search each beats building an index.
        for (i, e) in &patterns {
            hits[*i] = occurrences(hay, e, budget);
        }
    } else {
        for ((i, _), spans) in patterns.iter().zip(search_many(hay, &patterns, budget)) {
            hits[*i] = spans;
        }
    }
    hits.into_iter()
        .zip(quotes)
        .map(|(spans, quote)| match spans {
            None => Located::OverBudget,
            Some(spans) => resolve(hay, quote, spans, budget),
        })
        .collect()
}

/// Locates the exact words of `quote` in `text`: found once (or picked by context), ambiguous
/// or missing. Never `Changed`.
/// Over budget when the search could not pay for itself.
pub fn locate_exact(text: &PlainText, quote: &Quote, budget: &Budget) -> Located {
    let hay = text.as_str();
    let exact = normalize(&quote.exact);
    if exact.is_empty() {
        return Located::Orphaned;
    }
    match occurrences(hay, &exact, budget) {
        Some(hits) => resolve(hay, quote, hits, budget),
        None => Located::OverBudget,
    }
}

/// What all the occurrences `hits` of `quote` in `hay` make of it.
fn resolve(hay: &str, quote: &Quote, hits: Vec<Span>, budget: &Budget) -> Located {
    match hits.len() {
        0 => Located::Orphaned,
        1 => Located::Found(hits[0]),
        _ => disambiguate(hay, quote, hits, budget),
    }
}

/// Every occurrence of each pattern, in pattern order: sampled (see `src/anchor/many.rs`) for
/// the patterns long enough for it, one by one for a few short ones; with an automaton for
/// many short ones, or for all when the sampled search gives up on hostile input.
/// A pattern whose occurrences the budget could not pay for has `None`.
fn search_many(hay: &str, patterns: &[(usize, &str)], budget: &Budget) -> Vec<Option<Vec<Span>>> {
    let bytes =
        |ids: &[usize]| -> Vec<&[u8]> { ids.iter().map(|&i| patterns[i].1.as_bytes()).collect() };
    let (sampled, short): (Vec<usize>, Vec<usize>) =
        (0..patterns.len()).partition(|&i| patterns[i].1.len() >= many::SHORTEST);
    let mut hits = vec![None; patterns.len()];
    if !budget.spend(hay.len()) {
        return hits;
    }
    // The sampled search bounds its own work, so the occurrences it returns are few enough
    // to be kept before they are paid for.
    let rest = match many::find_all(hay.as_bytes(), &bytes(&sampled)) {
        Some(found) => {
            for (&i, spans) in sampled.iter().zip(found) {
                if budget.spend(budget::PER_HIT * spans.len()) {
                    hits[i] = Some(spans);
                }
            }
            short
        }
        None => (0..patterns.len()).collect(),
    };
    if rest.len() <= FEW_SHORT {
        for i in rest {
            hits[i] = occurrences(hay, patterns[i].1, budget);
        }
        return hits;
    }
    // Identical quotes share one pattern: an automaton state lists every pattern ending there,
    // and going through thousands of copies at every match would be quadratic.
    let mut unique: Vec<&str> = Vec::new();
    let mut copies: Vec<Vec<usize>> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for &i in &rest {
        let at = *seen.entry(patterns[i].1).or_insert_with(|| {
            unique.push(patterns[i].1);
            copies.push(Vec::new());
            unique.len() - 1
        });
        copies[at].push(i);
    }
    // The automaton is searched once, so the cheapest to build wins: a noncontiguous NFA (a
    // DFA, or even the contiguous NFA, costs more to build than its faster search saves).
    let ac = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(&unique);
    if let Ok(ac) = ac {
        for &i in &rest {
            hits[i] = Some(Vec::new());
        }
        for m in ac.find_overlapping_iter(hay) {
            let owners = &copies[m.pattern().as_usize()];
            if !budget.spend(budget::PER_HIT * owners.len()) {
                // Every pattern may have lost occurrences.
                for &i in &rest {
                    hits[i] = None;
                }
                break;
            }
            for &i in owners {
                if let Some(spans) = &mut hits[i] {
                    spans.push(Span {
                        start: m.start(),
                        end: m.end(),
                    });
                }
            }
        }
    }
    hits
}

/// Every (possibly overlapping) occurrence of `needle` in `hay` (SIMD substring search), or
/// `None` when the budget cannot pay for the search and the occurrences.
fn occurrences(hay: &str, needle: &str, budget: &Budget) -> Option<Vec<Span>> {
    if !budget.spend(hay.len()) {
        return None;
    }
    many::each_occurrence(hay.as_bytes(), needle.as_bytes(), || {
        budget.spend(budget::PER_HIT)
    })
}

#[cfg(test)]
mod tests;
