//! Comparing two versions of an article's plain text (SPEC §4): a word-level edit script computed
//! with `similar`, the mapping of a span of the old text onto the new text (how claims are
//! followed through an edit), and the pieces of a word diff that reporters print.
//!
//! Offsets are byte offsets into the plain texts. Words are runs of non-whitespace; whitespace
//! (including the `\n` between blocks) is its own token, so an edit never glues two words.

use std::ops::Range;
use std::time::Duration;

use serde::Serialize;
use similar::{Algorithm, DiffTag, TextDiff};

use crate::anchor::Span;

/// How long the diff may search for a minimal edit before settling for a correct but coarser
/// one (only whole rewrites of very long articles get near this).
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// What an edit did to a stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    /// Kept.
    Equal,
    /// Removed.
    Delete,
    /// Added.
    Insert,
    /// Removed and replaced by other words.
    Replace,
}

/// One step of an edit script: `old` bytes of the old text became `new` bytes of the new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    /// What happened.
    pub tag: Tag,
    /// The byte range in the old text (empty for insertions).
    pub old: Range<usize>,
    /// The byte range in the new text (empty for deletions).
    pub new: Range<usize>,
}

/// A word-level edit script from one text to another.
#[derive(Debug, Clone)]
pub struct Edit {
    ops: Vec<Op>,
    new_len: usize,
}

impl Edit {
    /// Computes the edit from `old` to `new`.
    pub fn between(old: &str, new: &str) -> Edit {
        let diff = word_diff(old, new);
        let old_tokens: Vec<&str> = diff.iter_old_slices().collect();
        let new_tokens: Vec<&str> = diff.iter_new_slices().collect();
        let old_at = offsets(&old_tokens);
        let new_at = offsets(&new_tokens);
        let ops = diff
            .ops()
            .iter()
            .map(|op| {
                let (tag, o, n) = op.as_tag_tuple();
                Op {
                    tag: match tag {
                        DiffTag::Equal => Tag::Equal,
                        DiffTag::Delete => Tag::Delete,
                        DiffTag::Insert => Tag::Insert,
                        DiffTag::Replace => Tag::Replace,
                    },
                    old: old_at[o.start]..old_at[o.end],
                    new: new_at[n.start]..new_at[n.end],
                }
            })
            .collect();
        Edit {
            ops,
            new_len: new.len(),
        }
    }

    /// The steps, in text order.
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// Whether the two texts are identical.
    pub fn is_identity(&self) -> bool {
        self.ops.iter().all(|op| op.tag == Tag::Equal)
    }

    /// Where the old text's `span` is in the new text, or `None` when the edit deleted all of
    /// it. Words inserted right at either edge of the span are not part of it (a sentence
    /// added before a claim is not the claim); words replaced at an edge are.
    pub fn map(&self, span: Span) -> Option<Span> {
        let start = self.map_start(span.start);
        let end = self.map_end(span.end);
        (end > start).then_some(Span { start, end })
    }

    fn map_start(&self, pos: usize) -> usize {
        let i = self
            .ops
            .partition_point(|op| op.old.is_empty() || op.old.end <= pos);
        let Some(op) = self.ops[i..].iter().find(|op| !op.old.is_empty()) else {
            return self.new_len;
        };
        match op.tag {
            Tag::Equal => op.new.start + (pos - op.old.start),
            _ => op.new.start,
        }
    }

    fn map_end(&self, pos: usize) -> usize {
        let i = self.ops.partition_point(|op| op.old.end < pos);
        let Some(op) = self.ops[i..].iter().find(|op| !op.old.is_empty()) else {
            return self.new_len;
        };
        match op.tag {
            Tag::Equal => op.new.start + (pos - op.old.start),
            Tag::Delete => op.new.start,
            _ => op.new.end,
        }
    }
}

fn word_diff<'a>(old: &'a str, new: &'a str) -> TextDiff<'a, 'a, str> {
    TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_words(old, new)
}

/// Byte offset of each token start, plus the total length at the end.
fn offsets(tokens: &[&str]) -> Vec<usize> {
    let mut at = Vec::with_capacity(tokens.len() + 1);
    let mut sum = 0;
    at.push(0);
    for t in tokens {
        sum += t.len();
        at.push(sum);
    }
    at
}

/// A piece of a word diff for display: kept, removed or added text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// `equal`, `delete` or `insert` (a replacement is a deletion followed by an insertion).
    pub op: Tag,
    /// The text.
    pub text: String,
}

/// The word diff of two short texts (e.g. a claim before and after), as display pieces.
pub fn pieces(old: &str, new: &str) -> Vec<Piece> {
    let edit = Edit::between(old, new);
    pieces_of(&edit, old, new, 0..old.len(), 0..new.len())
}

/// The display pieces of `edit` restricted to `old_range` of `old` and `new_range` of `new`.
pub fn pieces_of(
    edit: &Edit,
    old: &str,
    new: &str,
    old_range: Range<usize>,
    new_range: Range<usize>,
) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |op: Tag, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(Piece {
                op,
                text: text.to_string(),
            }),
        }
    };
    for op in edit.ops() {
        let o = clip(&op.old, &old_range);
        let n = clip(&op.new, &new_range);
        match op.tag {
            Tag::Equal => push(Tag::Equal, &new[n]),
            Tag::Delete => push(Tag::Delete, &old[o]),
            Tag::Insert => push(Tag::Insert, &new[n]),
            Tag::Replace => {
                push(Tag::Delete, &old[o]);
                push(Tag::Insert, &new[n]);
            }
        }
    }
    out
}

fn clip(r: &Range<usize>, to: &Range<usize>) -> Range<usize> {
    let start = r.start.clamp(to.start, to.end);
    let end = r.end.clamp(to.start, to.end);
    start..end.max(start)
}

/// How similar two texts are, word by word (0 = nothing in common, 1 = the same words).
pub fn similarity(a: &str, b: &str) -> f32 {
    word_diff(a, b).ratio()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap();
        Span {
            start,
            end: start + needle.len(),
        }
    }

    fn mapped<'a>(old: &str, new: &'a str, needle: &str) -> Option<&'a str> {
        Edit::between(old, new)
            .map(span_of(old, needle))
            .map(|s| &new[s.start..s.end])
    }

    #[test]
    fn follows_a_span_through_insertions_before_it() {
        let old = "Intro.\nDepression lowers desire. Then more.";
        let new = "Intro.\nA new paragraph here.\nDepression lowers desire. Then more.";
        assert_eq!(
            mapped(old, new, "Depression lowers desire."),
            Some("Depression lowers desire.")
        );
    }

    #[test]
    fn includes_words_replaced_inside_and_at_the_edges() {
        let old = "Doctors say depression often lowers sexual desire, and more.";
        let new = "Doctors say anxiety often reduces sexual desire, and more.";
        assert_eq!(
            mapped(old, new, "depression often lowers sexual desire"),
            Some("anxiety often reduces sexual desire")
        );
    }

    #[test]
    fn excludes_words_inserted_at_the_edges() {
        let old = "One. Two is true. Three.";
        let new = "One. Now: Two is true. Really. Three.";
        assert_eq!(mapped(old, new, "Two is true."), Some("Two is true."));
    }

    #[test]
    fn deleted_text_maps_to_nothing() {
        let old = "Keep this. Drop this claim entirely. Keep that.";
        let new = "Keep this. Keep that.";
        assert_eq!(mapped(old, new, "Drop this claim entirely."), None);
    }

    #[test]
    fn word_pieces() {
        let p = pieces("one in five adults", "one in four adults");
        let shown: Vec<(Tag, &str)> = p.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            shown,
            vec![
                (Tag::Equal, "one in "),
                (Tag::Delete, "five"),
                (Tag::Insert, "four"),
                (Tag::Equal, " adults")
            ]
        );
    }
}
