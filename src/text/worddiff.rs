//! Comparing two versions of an article's plain text (docs/spec.md §4): a word-level edit script
//! computed by [`engine`] (deterministic, its work counted and bounded), the mapping of a span of
//! the old text onto the new text (how claims are followed through an edit), and the pieces of a
//! word diff that reporters print.
//!
//! Offsets are byte offsets into the plain texts. The texts are compared token by token: a
//! token is a run of letters and digits, a run of whitespace (including the `\n` between
//! blocks), or a single punctuation character — so `calcium.` becoming `calcium,` changes only
//! the punctuation, and an edit never glues two words.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::text::span::Span;

pub mod engine;
mod tokens;

use engine::{Step, Work};
use tokens::Fnv;
pub use tokens::{Bag, tokens};

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
#[derive(Debug)]
pub struct Edit {
    ops: Vec<Op>,
    new_len: usize,
    work: u64,
    /// Diffs between blocks of the two texts (see [`Edit::of_blocks`]).
    blocks: Mutex<HashMap<BlockPair, Arc<Edit>>>,
}

/// Two blocks, by their byte ranges in the old and the new text.
type BlockPair = (usize, usize, usize, usize);

impl Clone for Edit {
    fn clone(&self) -> Edit {
        Edit {
            ops: self.ops.clone(),
            new_len: self.new_len,
            work: self.work,
            blocks: Mutex::default(),
        }
    }
}

impl Edit {
    /// Computes the edit from `old` to `new`: blocks (lines of the plain text) are compared
    /// first, as `git diff` compares lines, then the words of each changed stretch of blocks.
    /// Comparing whole blocks first keeps the cost proportional to what changed, not to the
    /// length of the article; both diffs share one allowance of work ([`Work::for_bytes`] of
    /// the two texts), so a whole rewrite costs at most a constant per byte.
    pub fn between(old: &str, new: &str) -> Edit {
        let mut work = Work::for_bytes(old.len() + new.len());
        let old_blocks: Vec<&str> = old.split_inclusive('\n').collect();
        let new_blocks: Vec<&str> = new.split_inclusive('\n').collect();
        let (old_at, new_at) = (offsets(&old_blocks), offsets(&new_blocks));
        let mut ops = Vec::new();
        for (tag, o, n) in engine::diff(&old_blocks, &new_blocks, &mut work) {
            let (o, n) = (
                old_at[o.start]..old_at[o.end],
                new_at[n.start]..new_at[n.end],
            );
            if tag == Tag::Replace {
                for op in word_ops(&old[o.clone()], &new[n.clone()], &mut work) {
                    ops.push(Op {
                        tag: op.tag,
                        old: op.old.start + o.start..op.old.end + o.start,
                        new: op.new.start + n.start..op.new.end + n.start,
                    });
                }
            } else {
                ops.push(Op {
                    tag,
                    old: o,
                    new: n,
                });
            }
        }
        Edit {
            ops,
            new_len: new.len(),
            work: work.spent(),
            blocks: Mutex::default(),
        }
    }

    /// The edit between the block `o` of `old` and the block `n` of `new`, the texts this edit
    /// is between, when [`Edit::of_blocks`] computed it already.
    pub fn known_blocks(&self, o: &Range<usize>, n: &Range<usize>) -> Option<Arc<Edit>> {
        let key = (o.start, o.end, n.start, n.end);
        self.blocks.lock().ok()?.get(&key).cloned()
    }

    /// The edit between the block `o` of `old` and the block `n` of `new`, the texts this edit
    /// is between: computed once for every claim followed through this edit (claims of one
    /// paragraph that moved look for it among the same blocks). The same result whichever
    /// claim asks first.
    pub fn of_blocks(&self, old: &str, new: &str, o: Range<usize>, n: Range<usize>) -> Arc<Edit> {
        if let Some(edit) = self.known_blocks(&o, &n) {
            return edit;
        }
        let key = (o.start, o.end, n.start, n.end);
        let edit = Arc::new(Edit::between(&old[o], &new[n]));
        if let Ok(mut m) = self.blocks.lock() {
            m.insert(key, edit.clone());
        }
        edit
    }

    /// The steps the diff took (see [`engine`]): what following claims through it is charged.
    pub fn work(&self) -> u64 {
        self.work
    }

    /// How many bytes of the old text the edit keeps.
    pub fn kept(&self) -> usize {
        self.ops
            .iter()
            .filter(|op| op.tag == Tag::Equal)
            .map(|op| op.old.len())
            .sum()
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
        let i = self.ops.partition_point(|op| op.old.end <= pos);
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

/// The token-level edit between two stretches of text (byte ranges relative to them).
fn word_ops(old: &str, new: &str, work: &mut Work) -> Vec<Op> {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let (old_at, new_at) = (offsets(&old_tokens), offsets(&new_tokens));
    let mut steps = engine::diff(&old_tokens, &new_tokens, work);
    slide(&mut steps, &old_tokens, &new_tokens);
    steps
        .into_iter()
        .map(|(tag, o, n)| Op {
            tag,
            old: old_at[o.start]..old_at[o.end],
            new: new_at[n.start]..new_at[n.end],
        })
        .collect()
}

/// Slides each pure insertion or deletion that sits between two kept stretches to where it
/// reads best: a diff may legitimately put an inserted paragraph `Vitamin D is made… ¶ Vitamin D`
/// one token off; people (and claim mapping) expect it to start and end at a block or sentence
/// boundary. Positions are tried while the edit stays equivalent (the tokens it rotates past are
/// identical); the best scores ending with a block break, then starting after one, then starting
/// or ending with whitespace (so `. Next sentence` rather than `Next sentence.` leaves after a
/// full stop that stays).
fn slide(steps: &mut [Step], old: &[&str], new: &[&str]) {
    for i in 1..steps.len().saturating_sub(1) {
        let (tag, prev, next) = (steps[i].0, steps[i - 1].0, steps[i + 1].0);
        if prev != Tag::Equal || next != Tag::Equal {
            continue;
        }
        // Work on the side that has the tokens: new for insertions, old for deletions.
        let (inserted, toks) = match tag {
            Tag::Insert => (true, new),
            Tag::Delete => (false, old),
            _ => continue,
        };
        let side = |s: &Step| if inserted { s.2.clone() } else { s.1.clone() };
        let (lo, hi) = (side(&steps[i - 1]).start, side(&steps[i + 1]).end);
        let run = side(&steps[i]);
        let (mut a, mut b) = (run.start, run.end);
        while a > lo && toks[a - 1] == toks[b - 1] {
            a -= 1;
            b -= 1;
        }
        let score = |a: usize, b: usize| {
            let nl = |t: &str| t.contains('\n');
            let ws = |t: &str| t.trim().is_empty();
            3 * usize::from(nl(toks[b - 1]))
                + 2 * usize::from(a == 0 || nl(toks[a - 1]))
                + usize::from(ws(toks[b - 1]) || ws(toks[a]))
        };
        let mut best = (score(a, b), a);
        while b < hi && toks[a] == toks[b] {
            a += 1;
            b += 1;
            if score(a, b) > best.0 {
                best = (score(a, b), a);
            }
        }
        let shift = best.1 as isize - run.start as isize;
        if shift == 0 {
            continue;
        }
        let mv = |r: &mut Range<usize>, start: bool, end: bool| {
            if start {
                r.start = (r.start as isize + shift) as usize;
            }
            if end {
                r.end = (r.end as isize + shift) as usize;
            }
        };
        // The kept stretch before shrinks or grows at its end, the one after at its start, on
        // both sides; the edit itself moves on its side and stays a point on the other.
        mv(&mut steps[i - 1].1, false, true);
        mv(&mut steps[i - 1].2, false, true);
        mv(&mut steps[i + 1].1, true, false);
        mv(&mut steps[i + 1].2, true, false);
        mv(&mut steps[i].1, true, true);
        mv(&mut steps[i].2, true, true);
        if tag == Tag::Insert {
            steps[i].1 = steps[i - 1].1.end..steps[i - 1].1.end;
        } else {
            steps[i].2 = steps[i - 1].2.end..steps[i - 1].2.end;
        }
    }
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

/// The start of the block (plain-text line) containing byte `at`.
pub fn block_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the block containing byte `at` (before its `\n`).
pub fn block_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// The blocks of a text, to find the block around many offsets: the line breaks listed in one
/// pass, then a binary search for each offset ([`block_start`] and [`block_end`] scan the
/// block, which for every change of a long block costs the square of its length).
pub struct Blocks {
    breaks: Vec<usize>,
    len: usize,
}

impl Blocks {
    /// The blocks of `text`.
    pub fn new(text: &str) -> Blocks {
        Blocks {
            breaks: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
            len: text.len(),
        }
    }

    /// [`block_start`] of `at`.
    pub fn start(&self, at: usize) -> usize {
        let at = at.min(self.len);
        match self.breaks.partition_point(|&b| b < at) {
            0 => 0,
            i => self.breaks[i - 1] + 1,
        }
    }

    /// [`block_end`] of `at`.
    pub fn end(&self, at: usize) -> usize {
        let at = at.min(self.len);
        let i = self.breaks.partition_point(|&b| b < at);
        self.breaks.get(i).copied().unwrap_or(self.len)
    }
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
    // Only the steps that reach into the ranges (steps are in order on both sides).
    let ops = edit.ops();
    let first =
        ops.partition_point(|op| op.old.end < old_range.start && op.new.end < new_range.start);
    let ops = ops[first..]
        .iter()
        .take_while(|op| op.old.start < old_range.end || op.new.start < new_range.end);
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
    for op in ops {
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
    merge_changes(out)
}

/// Joins changes separated only by kept whitespace into one deletion and one insertion, so
/// `[-only-]{+between+} [-a-]{+5+}` reads `[-only a-]{+between 5+}`.
fn merge_changes(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    // The current run of changes: deleted and inserted text, and a kept space each side may
    // still need between its words.
    let mut run: Option<(String, String)> = None;
    let mut space: (Option<String>, Option<String>) = (None, None);
    let mut trailing: Option<String> = None;
    for p in pieces {
        let joinable = p.op == Tag::Equal && p.text.trim().is_empty() && !p.text.contains('\n');
        if joinable && run.is_some() {
            space = (Some(p.text.clone()), Some(p.text.clone()));
            trailing = Some(p.text);
            continue;
        }
        if p.op == Tag::Equal {
            flush(&mut out, run.take());
            let text = trailing.take().unwrap_or_default() + &p.text;
            out.push(Piece {
                op: Tag::Equal,
                text,
            });
            space = (None, None);
            continue;
        }
        trailing = None;
        let (del, ins) = run.get_or_insert_with(Default::default);
        let (side, pending) = match p.op {
            Tag::Delete => (del, &mut space.0),
            _ => (ins, &mut space.1),
        };
        if let Some(sp) = pending.take()
            && !side.is_empty()
        {
            side.push_str(&sp);
        }
        side.push_str(&p.text);
    }
    flush(&mut out, run);
    if let Some(text) = trailing {
        out.push(Piece {
            op: Tag::Equal,
            text,
        });
    }
    out
}

/// Appends a run's deletion and insertion (when not empty).
fn flush(out: &mut Vec<Piece>, run: Option<(String, String)>) {
    if let Some((del, ins)) = run {
        for (op, text) in [(Tag::Delete, del), (Tag::Insert, ins)] {
            if !text.is_empty() {
                out.push(Piece { op, text });
            }
        }
    }
}

fn clip(r: &Range<usize>, to: &Range<usize>) -> Range<usize> {
    let start = r.start.clamp(to.start, to.end);
    let end = r.end.clamp(to.start, to.end);
    start..end.max(start)
}
/// How similar two texts are, word by word (0 = nothing in common, 1 = the same words): twice
/// the tokens the word diff keeps over the tokens of both.
pub fn similarity(a: &str, b: &str) -> f32 {
    similarity_and_work(a, b).0
}

/// [`similarity`], and the steps it took (see [`engine`]). A short text against a much longer
/// one (a claim against a long stretch of rewritten text) is compared by
/// [`engine::common_length`], in one pass over the long one; other pairs by the word diff.
pub fn similarity_and_work(a: &str, b: &str) -> (f32, u64) {
    let mut work = Work::for_bytes(a.len() + b.len());
    let (a, b) = (tokens(a), tokens(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let kept = if short.len() <= 256 && long.len() >= 4 * short.len() + 512 {
        engine::common_length(short, long, &mut work)
    } else {
        engine::diff(&a, &b, &mut work)
            .iter()
            .filter(|s| s.0 == Tag::Equal)
            .map(|s| s.1.len())
            .sum()
    };
    let all = a.len() + b.len();
    let ratio = if all == 0 {
        1.0
    } else {
        2.0 * kept as f32 / all as f32
    };
    (ratio, work.spent())
}

#[cfg(test)]
mod tests;
