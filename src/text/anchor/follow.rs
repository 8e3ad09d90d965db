//! Following a quote through an edit of its article: where the word edit puts it, or, when
//! its paragraph moved, where the most similar block is; and what the words there are to it.

use crate::text::article::{PlainText, normalize};
use crate::text::span::Span;
use crate::text::worddiff::{Bag, Edit, block_end, block_start, similarity_and_work};

use super::budget::{self, Budget};
use super::context::by_context;
use super::{Located, MIN_SIMILARITY, Quote, locate_exact};

/// Follows `quote` from `base`, an earlier text of the article, to `current` through `edit`
/// (the word edit from `base` to `current`). `None` when the quote is not found exactly once in
/// `base`; otherwise what [`located_at`] makes of where [`follow_span`] puts it, or `Orphaned`.
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
    Some(match follow_span(base.as_str(), edit, old, hay, budget) {
        Some(span) => located_at(hay, span, &exact, budget),
        None => Located::Orphaned,
    })
}

/// Carries the span `old` of `old_text` through `edit` into `new_text`: where the edit puts it
/// (see [`map_span`]); when the edit deleted it or left only dissimilar words there (a moved
/// paragraph reads as a deletion plus an insertion), where [`relocate`] finds its paragraph.
/// `None` when it is gone (or the budget cannot pay for looking).
pub fn follow_span(
    old_text: &str,
    edit: &Edit,
    old: Span,
    new_text: &str,
    budget: &Budget,
) -> Option<Span> {
    let words = &old_text[old.start..old.end];
    let carried = map_span(edit, old, words, new_text);
    let close = |s: &Span| {
        similarity_within(words, &new_text[s.start..s.end], budget)
            .is_some_and(|x| x >= MIN_SIMILARITY)
    };
    match carried {
        Some(span) if close(&span) => Some(span),
        other => relocate(old_text, edit, old, new_text, budget).or(other),
    }
}

/// What the text at `span` of `hay` is to a claim whose words were `exact`: the same words
/// (`Found`), similar words in one block (`Changed`), or something else (`Uncertain`); over
/// budget when comparing them cannot be paid for.
pub fn located_at(hay: &str, span: Span, exact: &str, budget: &Budget) -> Located {
    let now = &hay[span.start..span.end];
    if now == exact {
        return Located::Found(span);
    }
    let Some(similarity) = similarity_within(exact, now, budget) else {
        return Located::OverBudget;
    };
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
    stage: SearchStage,
}

/// The refinements of a [`Candidate`]'s bound, cheapest first.
#[derive(Clone, Copy)]
enum SearchStage {
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
fn relocate(old_text: &str, edit: &Edit, old: Span, hay: &str, budget: &Budget) -> Option<Span> {
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
                stage: SearchStage::Length,
            });
        }
        start += candidate.len() + 1;
    }
    let mut best: Option<(f32, usize, std::sync::Arc<Edit>)> = None;
    let mut runner_up = 0.0f32;
    while let Some(c) = queue.pop() {
        let top = best.as_ref().map_or(0.0, |b| b.0);
        if c.bound <= runner_up || c.bound < top - CLEAR_MARGIN {
            break;
        }
        let refined = match c.stage {
            SearchStage::Length => Some((sketch.most_kept(c.text), SearchStage::Words)),
            SearchStage::Words => Some((bag.most_kept(c.text), SearchStage::Shared)),
            SearchStage::Shared => None,
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
        // Computed once for every claim that looks, and paid for once, by the claim that
        // computed it, unless claims are searched in parallel (then by each).
        let (o, n) = (bs..be, c.at..c.at + c.text.len());
        let edit = match edit.known_blocks(&o, &n) {
            Some(known) if !budget.pays_shared() => known,
            known => {
                if !budget.spend(budget::PER_BYTE_PARSED * (block.len() + c.text.len())) {
                    return None;
                }
                let edit = known.unwrap_or_else(|| edit.of_blocks(old_text, hay, o, n));
                if !budget.spend_diff(edit.work()) {
                    return None;
                }
                edit
            }
        };
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
    let span = map_span(&edit, inner, words, &hay[at..block_end(hay, at)])?;
    let span = Span {
        start: span.start + at,
        end: span.end + at,
    };
    (similarity_within(words, &hay[span.start..span.end], budget)? >= MIN_SIMILARITY)
        .then_some(span)
}

/// How similar `a` and `b` are (see [`crate::text::worddiff::similarity`]), the diff's steps
/// charged to `budget`; `None` when it cannot pay.
pub fn similarity_within(a: &str, b: &str, budget: &Budget) -> Option<f32> {
    let (similarity, work) = similarity_and_work(a, b);
    budget.spend_diff(work).then_some(similarity)
}

/// Where `edit` puts the span `old` whose (normalised) words were `words`, in the new text
/// `hay`: the mapped span without surrounding whitespace, narrowed to the words themselves when
/// they survive inside it. `None` when the edit deleted it.
pub fn map_span(edit: &Edit, old: Span, words: &str, hay: &str) -> Option<Span> {
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
pub fn reconcile(
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
