//! Anchoring claims to article text (SPEC §3): find a claim's quote in the plain text, capture
//! prefix/suffix context for a new quote, and fingerprint a claim's text for sign-offs.
//!
//! A quote is a W3C Web Annotation `TextQuoteSelector`: `exact` plus `prefix`/`suffix` context.
//! Matching is exact on normalised text (linear-time substring search); when the exact text
//! occurs more than once, the context picks the occurrence; when it does not occur at all, the
//! context may still locate the claim *with its words changed* — then the claim's sign-offs are
//! stale. Context is captured within the claim's block, so it never spans two paragraphs.

pub mod budget;
mod many;

pub use budget::Budget;

use sha2::{Digest, Sha256};

use crate::text::article::{PlainText, normalize};
use crate::text::span::Span;
use crate::text::worddiff::{Bag, Edit, block_end, block_start, similarity};

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
    Missing,
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
            Located::Ambiguous(_) | Located::Missing | Located::OverBudget => None,
        }
    }
}

/// Locates `quote` in `text` without history: exactly, else by its context.
pub fn locate(text: &PlainText, quote: &Quote, budget: &Budget) -> Located {
    match locate_exact(text, quote, budget) {
        Located::Missing => by_context(text, quote, budget),
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
        return Located::Missing;
    }
    match occurrences(hay, &exact, budget) {
        Some(hits) => resolve(hay, quote, hits, budget),
        None => Located::OverBudget,
    }
}

/// What all the occurrences `hits` of `quote` in `hay` make of it.
fn resolve(hay: &str, quote: &Quote, hits: Vec<Span>, budget: &Budget) -> Located {
    match hits.len() {
        0 => Located::Missing,
        1 => Located::Found(hits[0]),
        _ => disambiguate(hay, quote, hits, budget),
    }
}

/// Follows `quote` from `base`, an earlier text of the article, to `current` through `edit`
/// (the word edit from `base` to `current`). `None` when the quote is not found exactly once in
/// `base`; otherwise what [`judge`] makes of where [`step`] puts it, or `Missing`.
pub fn follow(
    base: &PlainText,
    edit: &Edit,
    quote: &Quote,
    current: &PlainText,
    budget: &Budget,
) -> Option<Located> {
    let Located::Found(old) = locate_exact(base, quote, budget) else {
        return None;
    };
    let exact = normalize(&quote.exact);
    let hay = current.as_str();
    Some(match step(base.as_str(), edit, old, hay, budget) {
        Some(span) => judge(hay, span, &exact),
        None => Located::Missing,
    })
}

/// Carries the span `old` of `old_text` through `edit` into `new_text`: where the edit puts it
/// (see [`carry`]); when the edit deleted it or left only dissimilar words there (a moved
/// paragraph reads as a deletion plus an insertion), where [`relocate`] finds its paragraph.
/// `None` when it is gone (or the budget cannot pay for looking).
pub fn step(
    old_text: &str,
    edit: &Edit,
    old: Span,
    new_text: &str,
    budget: &Budget,
) -> Option<Span> {
    let words = &old_text[old.start..old.end];
    let carried = carry(edit, old, words, new_text);
    let close = |s: &Span| similarity(words, &new_text[s.start..s.end]) >= MIN_SIMILARITY;
    match carried {
        Some(span) if close(&span) => Some(span),
        other => relocate(old_text, old, new_text, budget).or(other),
    }
}

/// What the text at `span` of `hay` is to a claim whose words were `exact`: the same words
/// (`Found`), similar words in one block (`Changed`), or something else (`Uncertain`).
pub fn judge(hay: &str, span: Span, exact: &str) -> Located {
    let now = &hay[span.start..span.end];
    if now == exact {
        return Located::Found(span);
    }
    let similarity = similarity(exact, now);
    if similarity >= MIN_SIMILARITY && !now.contains('\n') {
        Located::Changed { span, similarity }
    } else {
        Located::Uncertain { span, similarity }
    }
}

/// A block that a moved claim may have gone to, with an upper bound of its likeness.
struct Candidate<'a> {
    bound: f32,
    at: usize,
    text: &'a str,
    /// What `bound` is computed from so far.
    stage: Stage,
}

/// The refinements of a [`Candidate`]'s bound, cheapest first.
#[derive(Clone, Copy)]
enum Stage {
    /// Lengths only.
    Length,
    /// The block's longest words the candidate lacks ([`Sketch`]).
    Words,
    /// Every token the two share ([`Bag`]).
    Shared,
}

/// The longest words of a block, to bound quickly how much of it another text can keep: a word
/// that is not even a substring of the other text is lost with every occurrence.
struct Sketch {
    len: usize,
    words: Vec<(memchr::memmem::Finder<'static>, usize)>,
}

impl Sketch {
    /// How many of the block's words are checked.
    const WORDS: usize = 8;

    fn new(block: &str) -> Sketch {
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for w in block
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3)
        {
            *counts.entry(w).or_default() += 1;
        }
        let mut words: Vec<(&str, usize)> = counts.into_iter().collect();
        words.sort_by(|a, b| (b.0.len() * b.1, b.0).cmp(&(a.0.len() * a.1, a.0)));
        words.truncate(Self::WORDS);
        Sketch {
            len: block.len(),
            words: words
                .into_iter()
                .map(|(w, n)| (memchr::memmem::Finder::new(w).into_owned(), w.len() * n))
                .collect(),
        }
    }

    /// At least the bytes of the block that any edit to `other` keeps.
    fn most_kept(&self, other: &str) -> usize {
        let lost: usize = self
            .words
            .iter()
            .filter(|(w, _)| w.find(other.as_bytes()).is_none())
            .map(|(_, bytes)| bytes)
            .sum();
        self.len.saturating_sub(lost)
    }
}

impl PartialEq for Candidate<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Candidate<'_> {}

impl PartialOrd for Candidate<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bound.total_cmp(&other.bound)
    }
}

/// How much more alike than any other block the block a moved claim is followed to must be.
const CLEAR_MARGIN: f32 = 0.1;

/// How much of its block must survive in another block for a claim to be followed there.
const MIN_BLOCK_KEPT: f32 = 0.5;

/// Follows a claim whose paragraph moved: among the blocks of `hay` that keep at least
/// [`MIN_BLOCK_KEPT`] of the claim's old block, takes the one clearly most alike it (by
/// [`CLEAR_MARGIN`]), and maps the claim through the word diff between the two blocks, keeping
/// the result only when its words are similar to the claim's.
/// Every block is read a few times, and each diff is paid for: `None` when the budget cannot.
fn relocate(old_text: &str, old: Span, hay: &str, budget: &Budget) -> Option<Span> {
    if !budget.spend(4 * hay.len()) {
        return None;
    }
    let words = &old_text[old.start..old.end];
    let (bs, be) = (
        block_start(old_text, old.start),
        block_end(old_text, old.end),
    );
    let block = &old_text[bs..be];
    let mut keys: Vec<&str> = words.split(' ').filter(|w| w.len() >= 4).collect();
    keys.sort_by_key(|w| std::cmp::Reverse(w.len()));
    keys.truncate(3);
    // Best-first search over the blocks of `hay` by an upper bound of their likeness, refined
    // in stages: their length; the block's longest words they lack; every word they share;
    // and only then an exact word diff. It stops when no remaining block can change the two
    // best likenesses or the verdict, so the result is what diffing every block would give.
    let needed = MIN_BLOCK_KEPT * block.len() as f32;
    let sketch = Sketch::new(block);
    let bag = Bag::new(block);
    let alike = |kept: usize, candidate: &str| {
        2.0 * kept as f32 / (block.len() + candidate.len()).max(1) as f32
    };
    let mut queue = std::collections::BinaryHeap::new();
    let mut start = 0;
    for candidate in hay.split('\n') {
        if candidate.len() as f32 >= needed && keys.iter().any(|w| candidate.contains(w)) {
            let bound = alike(candidate.len().min(block.len()), candidate);
            queue.push(Candidate {
                bound,
                at: start,
                text: candidate,
                stage: Stage::Length,
            });
        }
        start += candidate.len() + 1;
    }
    let mut best: Option<(f32, usize, Edit)> = None;
    let mut runner_up = 0.0f32;
    while let Some(c) = queue.pop() {
        let top = best.as_ref().map_or(0.0, |b| b.0);
        if c.bound <= runner_up || c.bound < top - CLEAR_MARGIN {
            break;
        }
        let refined = match c.stage {
            Stage::Length => Some((sketch.most_kept(c.text), Stage::Words)),
            Stage::Words => Some((bag.most_kept(c.text), Stage::Shared)),
            Stage::Shared => None,
        };
        if let Some((kept, stage)) = refined {
            let kept = kept.min(c.text.len());
            if kept as f32 >= needed {
                queue.push(Candidate {
                    bound: alike(kept, c.text),
                    stage,
                    ..c
                });
            }
            continue;
        }
        if !budget.spend(budget::PER_BYTE_PARSED * (block.len() + c.text.len())) {
            return None;
        }
        let edit = Edit::between(block, c.text);
        let kept = edit.kept();
        if (kept as f32) < needed {
            continue;
        }
        // Rank by how alike the blocks are, so an identical paragraph beats a longer one that
        // merely contains a copy of the claim's sentence.
        let score = alike(kept, c.text);
        if score > top {
            runner_up = top;
            best = Some((score, c.at, edit));
        } else {
            runner_up = runner_up.max(score);
        }
    }
    let (alike, at, edit) = best?;
    if alike - runner_up < CLEAR_MARGIN {
        return None;
    }
    let inner = Span {
        start: old.start - bs,
        end: old.end - bs,
    };
    let span = carry(&edit, inner, words, &hay[at..block_end(hay, at)])?;
    let span = Span {
        start: span.start + at,
        end: span.end + at,
    };
    (similarity(words, &hay[span.start..span.end]) >= MIN_SIMILARITY).then_some(span)
}

/// Where `edit` puts the span `old` whose (normalised) words were `words`, in the new text
/// `hay`: the mapped span without surrounding whitespace, narrowed to the words themselves when
/// they survive inside it. `None` when the edit deleted it.
pub fn carry(edit: &Edit, old: Span, words: &str, hay: &str) -> Option<Span> {
    let span = edit.map(old)?.trim(hay);
    if span.end <= span.start {
        return None;
    }
    if !words.is_empty() && hay[span.start..span.end].starts_with(words) {
        // The usual case: the words are where the edit put them.
        return Some(Span {
            start: span.start,
            end: span.start + words.len(),
        });
    }
    match hay[span.start..span.end].find(words) {
        Some(i) if !words.is_empty() => Some(Span {
            start: span.start + i,
            end: span.start + i + words.len(),
        }),
        _ => Some(span),
    }
}

/// Settles where a claim is from the exact search (`first`: ambiguous or missing) and what
/// following it through an earlier text found (`followed`), falling back to its context:
/// - an ambiguous quote is resolved only when following it leads onto (overlaps) exactly one of
///   the occurrences — all of them read the quoted words, so that one is the claim;
/// - a claim followed to its words, or to similar words, is found or changed;
/// - a claim followed to dissimilar words is uncertain unless its context finds it changed;
/// - otherwise (deleted, or no earlier text) its context decides.
pub fn settle(
    text: &PlainText,
    quote: &Quote,
    first: Located,
    followed: Option<Located>,
    budget: &Budget,
) -> Located {
    let overlapping = |hits: &[Span], s: Span| -> Option<Span> {
        let mut it = hits.iter().filter(|h| h.start < s.end && s.start < h.end);
        match (it.next(), it.next()) {
            (Some(h), None) => Some(*h),
            _ => None,
        }
    };
    match (first, followed) {
        (Located::Ambiguous(hits), Some(l))
            if l.span().and_then(|s| overlapping(&hits, s)).is_some() =>
        {
            Located::Found(
                l.span()
                    .and_then(|s| overlapping(&hits, s))
                    .expect("checked"),
            )
        }
        (Located::Ambiguous(hits), _) => Located::Ambiguous(hits),
        (_, Some(found @ (Located::Found(_) | Located::Changed { .. }))) => found,
        (_, Some(uncertain @ Located::Uncertain { .. })) => match by_context(text, quote, budget) {
            changed @ Located::Changed { .. } => changed,
            _ => uncertain,
        },
        _ => by_context(text, quote, budget),
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

/// Comparing the context of every occurrence is paid for: over budget when it cannot be.
fn disambiguate(hay: &str, quote: &Quote, hits: Vec<Span>, budget: &Budget) -> Located {
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
/// one block. `Changed` when they do, else `Missing` (also when the budget cannot pay for a
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
        return Located::Missing;
    }
    if !budget.spend(2 * hay.len()) {
        return Located::Missing;
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
            return Located::Missing;
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
            None => return Located::Missing,
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
        return Located::Missing;
    }
    let span = candidates[0];
    let similarity = similarity(exact, &hay[span.start..span.end]);
    if similarity >= MIN_SIMILARITY {
        Located::Changed { span, similarity }
    } else {
        Located::Missing
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

fn tail_words(s: &str, n: usize) -> &str {
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

fn head_words(s: &str, n: usize) -> &str {
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

/// The fingerprint a claim sign-off records: `sha256:` + hex digest of the normalised text.
pub fn text_hash(text: &str) -> String {
    hex_digest(Sha256::digest(normalize(text).as_bytes()).as_slice())
}

/// The fingerprint of a set of claims (ids and text hashes, in order) that article sign-offs
/// record, so a workflow can let them go stale only when claims change.
pub fn claims_digest<'a>(claims: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = Sha256::new();
    for (id, hash) in claims {
        h.update(id.as_bytes());
        h.update([0]);
        h.update(hash.as_bytes());
        h.update([b'\n']);
    }
    hex_digest(h.finalize().as_slice())
}

/// The `sha256:` digest of a sequence of fields; each is followed by a NUL, so no two
/// different sequences of NUL-free fields share an input.
pub fn fields_digest<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = Sha256::new();
    for f in fields {
        h.update(f.as_bytes());
        h.update([0]);
    }
    hex_digest(h.finalize().as_slice())
}

fn hex_digest(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(7 + 2 * bytes.len());
    hex.push_str("sha256:");
    for b in bytes {
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::article::Article;

    fn art(md: &str) -> Article {
        Article::parse(md.to_string(), &[])
    }

    /// [`super::locate`] with the budget `check` gives the text.
    fn locate(text: &PlainText, quote: &Quote) -> Located {
        super::locate(text, quote, &Budget::for_text(text))
    }

    /// [`super::occurrences`] without a budget.
    fn occurrences(hay: &str, needle: &str) -> Vec<Span> {
        super::occurrences(hay, needle, &Budget::of(u64::MAX)).expect("unbounded")
    }

    #[test]
    fn searches_stop_when_the_budget_runs_out() {
        let text = "the cat sat. ".repeat(1000);
        let a = art(&text);
        let quotes: Vec<Quote> = (0..100)
            .map(|i| q(&format!("the cat sat. the dog{i}"), "", ""))
            .chain([q("the cat sat", "", "")])
            .collect();
        let refs: Vec<&Quote> = quotes.iter().collect();
        let unbounded = locate_all_exact(&a.text, &refs, &Budget::of(u64::MAX));
        assert!(matches!(unbounded[100], Located::Ambiguous(ref h) if h.len() == 1000));
        // Enough to search the text a few times, not to keep a thousand occurrences.
        let small = Budget::of(a.text.as_str().len() as u64 + 100 * budget::PER_HIT as u64);
        let cut = locate_all_exact(&a.text, &refs, &small);
        assert!(small.ran_out());
        assert_eq!(cut[100], Located::OverBudget);
        // Context search and following pay too, and give up rather than guess.
        let quote = q(
            "the cow jumped",
            "the cat sat. the cat",
            "sat. the cat sat.",
        );
        assert_eq!(
            by_context(&a.text, &quote, &Budget::of(10)),
            Located::Missing
        );
        assert!(matches!(
            by_context(&a.text, &quote, &Budget::of(u64::MAX)),
            Located::Missing | Located::Changed { .. }
        ));
    }

    #[test]
    fn context_search_in_one_long_block_matches_the_plain_scan() {
        // A prefix occurring thousands of times in one block: the suffix is looked up among
        // its occurrences, with the same result as scanning the block after each start.
        // Occurrences of the prefix are further apart than a changed claim may be long.
        let unit = format!("alpha beta gamma {}. ", "more filler words ".repeat(6));
        let mut text = unit.repeat(2000);
        text.push_str("alpha beta gamma zeta omega theta. ");
        text.push_str(&unit.repeat(2000));
        let a = art(&text);
        let quote = q("zeta omega", "alpha beta gamma", "theta. alpha beta");
        match by_context(&a.text, &quote, &Budget::for_text(&a.text)) {
            Located::Changed { span, .. } => {
                assert_eq!(&a.text.as_str()[span.start..span.end], "zeta omega")
            }
            other => panic!("{other:?}"),
        }
    }

    fn q(exact: &str, prefix: &str, suffix: &str) -> Quote {
        Quote {
            exact: exact.into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
        }
    }

    #[test]
    fn finds_through_markup_and_typography() {
        let a = art("It *reduced* sex drive \u{2014} a lot.");
        assert!(matches!(
            locate(&a.text, &q("reduced sex drive - a lot", "", "")),
            Located::Found(_)
        ));
    }

    #[test]
    fn context_disambiguates() {
        let a = art("Water is wet. Fire is hot. Water is wet, said Bob.");
        let hits = occurrences(a.text.as_str(), "Water is wet");
        assert_eq!(hits.len(), 2);
        let quote = capture(&a.text, hits[1]);
        assert_eq!(quote.prefix, "Water is wet. Fire is hot.");
        assert_eq!(locate(&a.text, &quote), Located::Found(hits[1]));
        assert!(matches!(
            locate(&a.text, &q("Water is wet", "", "")),
            Located::Ambiguous(_)
        ));
    }

    #[test]
    fn block_boundaries_count_as_context() {
        let a =
            art("Adults need 7 hours. Teens need more.\n\n![x](y.png \"Adults need 7 hours.\")");
        let hits = occurrences(a.text.as_str(), "Adults need 7 hours");
        assert_eq!(hits.len(), 2);
        for hit in hits.iter().copied() {
            assert_eq!(locate(&a.text, &capture(&a.text, hit)), Located::Found(hit));
        }
    }

    #[test]
    fn context_next_to_a_long_unbroken_run_is_kept() {
        // Found by the `anchor` fuzz target: the 32 characters before the second heading hold
        // no space, so its prefix used to be captured empty — which reads as "at the start of
        // the text" and made the search pick the first heading instead.
        let run = "https://example.org/a/very/long/link/without/spaces";
        let a = art(&format!(
            "# What is sex therapy?\n\n#By Dana\n\nSee {run}\n\n# What is sex therapy?\n\nBy Dana Writer\n\n{run} Who can it help?\n\nWho can it help?"
        ));
        let text = a.text.as_str();
        let heading = occurrences(text, "What is sex therapy?");
        let question = occurrences(text, "Who can it help?");
        assert_eq!((heading.len(), question.len()), (2, 2));
        let quote = capture(&a.text, heading[1]);
        assert_eq!(quote.prefix, "a/very/long/link/without/spaces");
        assert_eq!(locate(&a.text, &quote), Located::Found(heading[1]));
        let quote = capture(&a.text, question[0]);
        assert_eq!(quote.prefix, "a/very/long/link/without/spaces");
        assert_eq!(locate(&a.text, &quote), Located::Found(question[0]));
        assert_eq!(head_words("  }}}}}}}}}}", 5), "  }}}");
        assert_eq!(tail_words("}}}}}}}} ", 5), "}}}} ");
    }

    #[test]
    fn changed_words_are_located_by_context() {
        let a = art(
            "Clinicians report that depression often reduces sexual desire, and some drugs do too.",
        );
        let quote = q(
            "depression often lowers sexual desire",
            "Clinicians report that ",
            ", and some drugs",
        );
        match locate(&a.text, &quote) {
            Located::Changed { span, .. } => {
                assert_eq!(
                    &a.text.as_str()[span.start..span.end],
                    "depression often reduces sexual desire"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unrelated_text_is_not_a_match() {
        let a = art("Clinicians report that nothing at all is known here, and some drugs do too.");
        let quote = q(
            "depression often lowers sexual desire",
            "Clinicians report that ",
            ", and some drugs",
        );
        assert_eq!(locate(&a.text, &quote), Located::Missing);
    }

    #[test]
    fn hash_ignores_typography_and_spacing() {
        assert_eq!(text_hash("a \u{201C}b\u{201D}  c"), text_hash("a \"b\" c"));
        assert_ne!(text_hash("one in five"), text_hash("one in four"));
    }
}
