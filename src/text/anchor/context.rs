//! Finding a quote by the words around it (its TextQuoteSelector prefix and suffix): to choose
//! between occurrences, and to find words that changed.

use crate::text::article::{PlainText, normalize};
use crate::text::span::Span;
use crate::text::worddiff::similarity;

use super::budget::{self, Budget};
use super::{CONTEXT_CHARS, Located, MIN_SIMILARITY, Quote, occurrences};

/// Comparing the context of every occurrence is paid for: over budget when it cannot be.
pub(super) fn disambiguate(hay: &str, quote: &Quote, hits: Vec<Span>, budget: &Budget) -> Located {
    let prefix = normalize(&quote.prefix);
    let suffix = normalize(&quote.suffix);
    if prefix.is_empty() && suffix.is_empty() {
        return Located::Ambiguous(hits);
    }
    // One point for each side whose context matches; an empty side matches only at the very
    // start (prefix) or end (suffix) of the text, which is where capture leaves it empty.
    let score = |s: &Span| {
        let before = context_before(hay, s.start, prefix.len() + 4);
        let after = context_after(hay, s.end, suffix.len() + 4);
        let (before, after) = (before.trim_end(), after.trim_start());
        let p = if prefix.is_empty() {
            before.is_empty()
        } else {
            before.ends_with(prefix.as_str())
        };
        let x = if suffix.is_empty() {
            after.is_empty()
        } else {
            after.starts_with(suffix.as_str())
        };
        usize::from(p) + usize::from(x)
    };
    let best = hits.iter().map(score).max().unwrap_or(0);
    let winners: Vec<Span> = hits.iter().copied().filter(|s| score(s) == best).collect();
    if best > 0 && winners.len() == 1 {
        return Located::Found(winners[0]);
    }
    let compared = budget::PER_BYTE_PARSED * (prefix.len() + suffix.len() + 8);
    if !budget.spend(compared.saturating_mul(hits.len())) {
        return Located::OverBudget;
    }
    closest_context(hay, &prefix, &suffix, &hits).map_or(Located::Ambiguous(hits), Located::Found)
}

/// When no occurrence has its recorded context verbatim (the neighbouring sentences were
/// edited since), the occurrence whose surroundings are clearly the most similar to the recorded
/// prefix and suffix: its similarity (summed over both sides, 0..=2) must be at least
/// [`MIN_CONTEXT`] and beat every other occurrence by [`CONTEXT_MARGIN`]. All occurrences read
/// the same words, so this decides only where the claim is, never whether it changed.
fn closest_context(hay: &str, prefix: &str, suffix: &str, hits: &[Span]) -> Option<Span> {
    let mut scored: Vec<(f32, Span)> = hits
        .iter()
        .map(|s| {
            let before = context_before(hay, s.start, prefix.len() + 4);
            let after = context_after(hay, s.end, suffix.len() + 4);
            let side = |recorded: &str, actual: &str| {
                if recorded.is_empty() {
                    f32::from(u8::from(actual.trim().is_empty()))
                } else {
                    similarity(recorded, actual.trim())
                }
            };
            (side(prefix, &before) + side(suffix, &after), *s)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, span) = scored[0];
    let runner_up = scored.get(1).map_or(0.0, |s| s.0);
    (best >= MIN_CONTEXT && best - runner_up >= CONTEXT_MARGIN).then_some(span)
}

/// See [`closest_context`].
const MIN_CONTEXT: f32 = 0.6;

/// See [`closest_context`].
const CONTEXT_MARGIN: f32 = 0.3;

/// The exact text is gone: look for the prefix and suffix bracketing something similar within
/// one block. `Changed` when they do, else `Orphaned` (also when the budget cannot pay for a
/// few passes over the text).
///
/// Each occurrence of the prefix is a candidate start; its block's end and the first suffix
/// after it are looked up among the text's line breaks and the suffix's occurrences, found
/// once, so a prefix occurring thousands of times in one long block costs no more than a few
/// passes over the text.
pub fn by_context(text: &PlainText, quote: &Quote, budget: &Budget) -> Located {
    let hay = text.as_str();
    let exact = normalize(&quote.exact);
    let exact = exact.as_str();
    let prefix = normalize(&quote.prefix);
    let suffix = normalize(&quote.suffix);
    if prefix.len() < 8 && suffix.len() < 8 {
        return Located::Orphaned;
    }
    if !budget.spend(2 * hay.len()) {
        return Located::Orphaned;
    }
    // Context may cross block boundaries: search a copy with `\n` as a space (same offsets).
    let flat = text.flat();
    let max_len = exact.len() * 2 + 80;
    let breaks: Vec<usize> = memchr::memchr_iter(b'\n', hay.as_bytes()).collect();
    let starts: Vec<usize> = if prefix.is_empty() {
        std::iter::once(0)
            .chain(breaks.iter().map(|i| i + 1))
            .collect()
    } else {
        let Some(found) = occurrences(flat, &prefix, budget) else {
            return Located::Orphaned;
        };
        found
            .into_iter()
            .map(|s| s.end + usize::from(flat[s.end..].starts_with(' ')))
            .collect()
    };
    let suffixes = match suffix.is_empty() {
        true => Vec::new(),
        false => match occurrences(flat, &suffix, budget) {
            Some(found) => found,
            None => return Located::Orphaned,
        },
    };
    let mut candidates = Vec::new();
    for start in starts {
        let block_end = breaks
            .get(breaks.partition_point(|&b| b < start))
            .map_or(hay.len(), |&b| b);
        let end = if suffix.is_empty() {
            Some(block_end)
        } else {
            // The suffix must start by the end of the block: search no further.
            let mut window = (block_end + 1 + suffix.len()).min(flat.len());
            while !flat.is_char_boundary(window) {
                window -= 1;
            }
            // The first occurrence from `start` on, if it ends within the window (a later
            // one ends later still).
            suffixes
                .get(suffixes.partition_point(|s| s.start < start))
                .filter(|s| s.end <= window)
                .map(|s| s.start)
                .filter(|&e| e <= block_end + 1)
        };
        if let Some(end) = end {
            let end = end.min(block_end);
            let end = if hay[..end].ends_with(' ') {
                end - 1
            } else {
                end
            };
            if end > start && end - start <= max_len {
                candidates.push(Span { start, end });
            }
        }
    }
    if candidates.len() != 1 {
        return Located::Orphaned;
    }
    let span = candidates[0];
    let Some(similarity) = super::similarity_within(exact, &hay[span.start..span.end], budget)
    else {
        return Located::Orphaned;
    };
    if similarity >= MIN_SIMILARITY {
        Located::Changed { span, similarity }
    } else {
        Located::Orphaned
    }
}

/// About `bytes` bytes of text before `at`, block breaks read as spaces.
fn context_before(hay: &str, at: usize, bytes: usize) -> String {
    let mut from = at.saturating_sub(bytes);
    while !hay.is_char_boundary(from) {
        from -= 1;
    }
    hay[from..at].replace('\n', " ")
}

/// About `bytes` bytes of text after `at`, block breaks read as spaces.
fn context_after(hay: &str, at: usize, bytes: usize) -> String {
    let mut to = (at + bytes).min(hay.len());
    while !hay.is_char_boundary(to) {
        to += 1;
    }
    hay[at..to].replace('\n', " ")
}

/// Builds a quote for `span`, capturing up to [`CONTEXT_CHARS`] characters of context on each
/// side (block breaks read as spaces), cut at word boundaries.
pub fn capture(text: &PlainText, span: Span) -> Quote {
    let hay = text.as_str();
    let before = context_before(hay, span.start, CONTEXT_CHARS * 4);
    let after = context_after(hay, span.end, CONTEXT_CHARS * 4);
    Quote {
        exact: hay[span.start..span.end].to_string(),
        prefix: tail_words(&before, CONTEXT_CHARS).trim().to_string(),
        suffix: head_words(&after, CONTEXT_CHARS).trim().to_string(),
    }
}

pub(super) fn tail_words(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let cut = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    // At a word boundary when there is one; a run without spaces (a long link, a row of
    // symbols) is cut mid-word rather than dropped: an empty prefix means "at the start of the
    // text" to the search.
    match s[cut..].find(' ') {
        Some(sp) if cut > 0 && !s[cut + sp + 1..].trim().is_empty() => &s[cut + sp + 1..],
        _ => &s[cut..],
    }
}

pub(super) fn head_words(s: &str, n: usize) -> &str {
    let cut = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    if cut == s.len() {
        return s;
    }
    // Likewise: an empty suffix means "at the end of the text".
    match s[..cut].rfind(' ') {
        Some(sp) if !s[..sp].trim().is_empty() => &s[..sp],
        _ => &s[..cut],
    }
}
