//! The diff under every comparison of two texts: deterministic, and bounded by a
//! count of its own steps, never by the clock, so a diff gives the same result on every machine
//! and its cost grows linearly with its input.
//!
//! Myers' algorithm costs about (N+M)·D for N and M tokens and D edits: nothing for a typical
//! edit, the square of the length for a whole rewrite (cutting it by a clock would make results
//! depend on the machine). A stretch of old tokens against a stretch of new
//! ones (a *region*) is diffed here as follows:
//!
//! 1. Its common prefix and suffix are kept.
//! 2. A region of up to [`EXACT_MAX`] tokens between them is diffed by `similar`'s Myers diff
//!    when what is left of the allowance covers the square of its size.
//! 3. Otherwise its edit distance D is searched for (Myers' greedy forward search) up to a cap
//!    that keeps the search within the region's allowance, [`TRY_FLOOR`] plus
//!    [`TRY_PER_TOKEN`] per token (skipped when the tokens the two sides share already prove D
//!    larger). When D is within it, `similar`'s Myers diff, whose cost is also about (N+M)·D,
//!    computes the edit script.
//! 4. Otherwise the tokens that occur exactly once in each side and in the same order on both
//!    (the longest such chain, as patience diff takes them) are kept, and the stretches
//!    between them are diffed as regions.
//! 5. A region without such tokens, or reached once the diff's work is spent, is replaced
//!    whole.
//!
//! In 2 and 3 the script is the one `similar` gives on the whole stretch of changed blocks,
//! which is every typical edit's: only stretches with more edits than their allowance (whole
//! rewrites, or nearly) are split by step 4.
//!
//! Work is counted in steps: a token interned, compared or counted, a diagonal of the search;
//! `similar`'s run is charged its bound, 2·(N+1)·(D+1) plus two per token of the prefix and
//! suffix. A diff may take [`FLOOR`] plus [`PER_BYTE`] steps per byte of its two texts; past
//! that it finishes the region it is in and replaces the rest, a few steps per token, so its
//! cost is linear in its input. The anchor budget is charged what it spent ([`Work::spent`]).

use std::ops::Range;

use similar::{Algorithm, DiffTag};

use super::{Fnv, Tag};

/// Steps every diff may take, however short its texts.
pub const FLOOR: u64 = 1 << 16;
/// Steps each byte of the two texts adds to what a diff may take.
pub const PER_BYTE: u64 = 16;
/// Regions of up to this many tokens are diffed exactly without a search first (costing at
/// most about its square), while the allowance left covers that.
pub const EXACT_MAX: u64 = 1024;
/// Steps the search for a region's edit distance may take, however short the region (so a
/// region of up to 64 tokens is always searched to the end)...
pub const TRY_FLOOR: u64 = 1 << 12;
/// ...and per token of the region (so an edit of up to 16 tokens is found in a region of any
/// length).
pub const TRY_PER_TOKEN: u64 = 16;

/// What is left of one diff's steps, and what it spent.
#[derive(Debug)]
pub struct Work {
    left: u64,
    spent: u64,
}

impl Work {
    /// The allowance of a diff of texts of `bytes` bytes in all: [`FLOOR`] + [`PER_BYTE`] each.
    pub fn for_bytes(bytes: usize) -> Work {
        Work::of(FLOOR.saturating_add(PER_BYTE.saturating_mul(bytes as u64)))
    }

    /// An allowance of exactly `steps`.
    pub fn of(steps: u64) -> Work {
        Work {
            left: steps,
            spent: 0,
        }
    }

    /// The steps spent so far.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// Counts `steps` (what is left never goes below zero).
    fn charge(&mut self, steps: u64) {
        self.spent = self.spent.saturating_add(steps);
        self.left = self.left.saturating_sub(steps);
    }
}

/// One step of an edit script in token indices: what, old tokens, new tokens.
pub type Step = (Tag, Range<usize>, Range<usize>);

/// The diff of two token sequences as steps, in order, within `work`.
pub fn diff(old: &[&str], new: &[&str], work: &mut Work) -> Vec<Step> {
    let (a, b, distinct) = intern(old, new);
    work.charge((old.len() + new.len()) as u64);
    let mut engine = Engine {
        a,
        b,
        work,
        count_a: vec![0; distinct],
        count_b: vec![0; distinct],
        at_b: vec![0; distinct],
        out: Vec::new(),
    };
    let mut tasks = vec![Task::Region(0..old.len(), 0..new.len())];
    while let Some(task) = tasks.pop() {
        match task {
            Task::Keep(o, n) => engine.push(Tag::Equal, o, n),
            Task::Region(o, n) => engine.region(o, n, &mut tasks),
        }
    }
    engine.out
}

/// The length of the longest common subsequence of `short` and `long`, by the bit-parallel
/// algorithm (Allison and Dix; Hyyrö): one pass over `long`, each of its tokens costing a
/// lookup and a step per 64 tokens of `short`. Exact, and linear in `long` for a short
/// `short`: what comparing a claim with a long stretch of text costs. Its steps are counted.
pub fn common_length(short: &[&str], long: &[&str], work: &mut Work) -> usize {
    let words = short.len().div_ceil(64);
    let mut masks: std::collections::HashMap<&str, Vec<u64>, Fnv> =
        std::collections::HashMap::with_hasher(Fnv::default());
    for (i, t) in short.iter().enumerate() {
        masks.entry(t).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
    }
    // Bit i of `v` is 0 where the common subsequence so far gains a token at short[i].
    let mut v = vec![!0u64; words];
    let mut hits = 0u64;
    for t in long {
        let Some(m) = masks.get(t) else {
            continue;
        };
        hits += 1;
        let mut carry = false;
        for (v, &m) in v.iter_mut().zip(m) {
            let u = *v & m;
            let (sum, c1) = v.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *v = sum | (*v & !m);
        }
    }
    work.charge((short.len() + long.len()) as u64 + hits * words as u64);
    let zeros: u32 = v.iter().map(|w| w.count_zeros()).sum();
    // Bits past the end of `short` never match, so they stay 1.
    zeros as usize
}

/// Each token as a number, equal tokens the same number; and how many distinct tokens.
fn intern<'t>(old: &[&'t str], new: &[&'t str]) -> (Vec<u32>, Vec<u32>, usize) {
    // Keyed at random (SipHash): an article cannot be written so that its tokens collide.
    let mut ids: std::collections::HashMap<&'t str, u32> =
        std::collections::HashMap::with_capacity((old.len() + new.len()).min(1 << 16));
    let mut id = |t: &'t str| {
        let next = ids.len() as u32;
        *ids.entry(t).or_insert(next)
    };
    let a: Vec<u32> = old.iter().map(|t| id(t)).collect();
    let b: Vec<u32> = new.iter().map(|t| id(t)).collect();
    let distinct = ids.len();
    (a, b, distinct)
}

/// Work still to do, innermost last.
enum Task {
    /// Old and new tokens known equal.
    Keep(Range<usize>, Range<usize>),
    /// Old and new tokens to diff.
    Region(Range<usize>, Range<usize>),
}

struct Engine<'w> {
    a: Vec<u32>,
    b: Vec<u32>,
    work: &'w mut Work,
    /// Occurrences of each token in the region being split (zero between regions).
    count_a: Vec<u32>,
    count_b: Vec<u32>,
    /// Where in the new side a token last occurred, in the region being split.
    at_b: Vec<u32>,
    out: Vec<Step>,
}

impl Engine<'_> {
    /// Appends a step, joining it to the last one when they can be one: kept to kept, and a
    /// change to a change (a deletion and an insertion next to each other are a replacement).
    fn push(&mut self, tag: Tag, o: Range<usize>, n: Range<usize>) {
        if o.is_empty() && n.is_empty() {
            return;
        }
        if let Some(last) = self.out.last_mut()
            && (last.0 == Tag::Equal) == (tag == Tag::Equal)
            && last.1.end == o.start
            && last.2.end == n.start
        {
            last.1.end = o.end;
            last.2.end = n.end;
            if last.0 != Tag::Equal {
                last.0 = change(&last.1, &last.2);
            }
            return;
        }
        let tag = if tag == Tag::Equal {
            Tag::Equal
        } else {
            change(&o, &n)
        };
        self.out.push((tag, o, n));
    }

    /// Diffs one region (see the module documentation), leaving what remains as tasks.
    fn region(&mut self, o: Range<usize>, n: Range<usize>, tasks: &mut Vec<Task>) {
        let (a, b) = (&self.a, &self.b);
        let prefix = (0..o.len().min(n.len()))
            .take_while(|&i| a[o.start + i] == b[n.start + i])
            .count();
        let suffix = (0..(o.len() - prefix).min(n.len() - prefix))
            .take_while(|&i| a[o.end - 1 - i] == b[n.end - 1 - i])
            .count();
        self.work.charge((prefix + suffix + 1) as u64);
        let mo = o.start + prefix..o.end - suffix;
        let mn = n.start + prefix..n.end - suffix;
        let size = (mo.len() + mn.len()) as u64;
        if mo.is_empty() || mn.is_empty() {
            // Nothing to search: an insertion or a deletion, laid out as `similar` lays it out.
            self.exact(o, n, size, Some(0));
            return;
        }
        if size <= EXACT_MAX && self.work.left >= 2 * (size + 1) * (size + 1) {
            // Little enough that the diff costs at most about the square of EXACT_MAX.
            self.exact(o, n, size, None);
            return;
        }
        // A third of what is left at most, so that the search and the diff after it fit.
        let allowance = (self.work.left / 3).min(TRY_FLOOR + TRY_PER_TOKEN.saturating_mul(size));
        let cap = (allowance / (size + 1)).min(size);
        // The tokens the sides share bound how many a script keeps: D is at least the rest.
        let lower = size - 2 * self.shared(&mo, &mn);
        if allowance > 0 && lower <= cap {
            let (distance, steps) =
                distance(&self.a[mo.clone()], &self.b[mn.clone()], cap, allowance);
            self.work.charge(steps);
            if let Some(d) = distance {
                self.exact(o, n, size, Some(d));
                return;
            }
        }
        self.push(Tag::Equal, o.start..mo.start, n.start..mn.start);
        tasks.push(Task::Keep(mo.end..o.end, mn.end..n.end));
        match self.work.left {
            0 => self.push(Tag::Replace, mo, mn),
            _ => self.split(mo, mn, tasks),
        }
    }

    /// `similar`'s Myers diff of the whole region, charged its bound: two steps per token for
    /// the common prefix and suffix, and 2·(N+1)·(D+1) for the `size` tokens N between them and
    /// their edit distance D (when not known, the distance of the script it returns).
    fn exact(&mut self, o: Range<usize>, n: Range<usize>, size: u64, distance: Option<u64>) {
        // On the tokens' numbers: the same script as on the tokens (Myers only compares them).
        let ops =
            similar::capture_diff_slices(Algorithm::Myers, &self.a[o.clone()], &self.b[n.clone()]);
        let d = distance.unwrap_or_else(|| {
            let changed = ops.iter().filter(|op| op.tag() != DiffTag::Equal);
            changed
                .map(|op| (op.old_range().len() + op.new_range().len()) as u64)
                .sum()
        });
        let cost = 2 * (o.len() + n.len()) as u64 + 2 * (size + 1) * (d + 1);
        self.work.charge(cost);
        for op in &ops {
            let (tag, a, b) = op.as_tag_tuple();
            let tag = match tag {
                DiffTag::Equal => Tag::Equal,
                DiffTag::Delete => Tag::Delete,
                DiffTag::Insert => Tag::Insert,
                DiffTag::Replace => Tag::Replace,
            };
            self.push(
                tag,
                a.start + o.start..a.end + o.start,
                b.start + n.start..b.end + n.start,
            );
        }
    }

    /// How many tokens the two sides share (as multisets). Leaves the counts at zero.
    fn shared(&mut self, o: &Range<usize>, n: &Range<usize>) -> u64 {
        for &t in &self.a[o.clone()] {
            self.count_a[t as usize] += 1;
        }
        let mut shared = 0;
        for &t in &self.b[n.clone()] {
            let left = &mut self.count_a[t as usize];
            if *left > 0 {
                *left -= 1;
                shared += 1;
            }
        }
        for &t in &self.a[o.clone()] {
            self.count_a[t as usize] = 0;
        }
        self.work.charge(2 * (o.len() + n.len()) as u64);
        shared
    }

    /// Keeps the tokens unique on both sides that form the longest chain in the same order,
    /// and leaves the stretches between them as regions; replaces the region whole when there
    /// are none.
    fn split(&mut self, o: Range<usize>, n: Range<usize>, tasks: &mut Vec<Task>) {
        for &t in &self.a[o.clone()] {
            self.count_a[t as usize] += 1;
        }
        for (j, &t) in self.b[n.clone()].iter().enumerate() {
            self.count_b[t as usize] += 1;
            self.at_b[t as usize] = (n.start + j) as u32;
        }
        // Pairs (old index, new index) of tokens unique on both sides, in old order.
        let pairs: Vec<(usize, usize)> = (o.clone())
            .filter(|&i| {
                let t = self.a[i] as usize;
                self.count_a[t] == 1 && self.count_b[t] == 1
            })
            .map(|i| (i, self.at_b[self.a[i] as usize] as usize))
            .collect();
        for &t in &self.a[o.clone()] {
            self.count_a[t as usize] = 0;
        }
        for &t in &self.b[n.clone()] {
            self.count_b[t as usize] = 0;
        }
        let chain = longest_chain(&pairs);
        let log = u64::from(usize::BITS - pairs.len().leading_zeros());
        self.work
            .charge(3 * (o.len() + n.len()) as u64 + pairs.len() as u64 * (log + 1));
        if chain.is_empty() {
            self.push(Tag::Replace, o, n);
            return;
        }
        // Tasks run last pushed first: push from the end.
        let (mut o_end, mut n_end) = (o.end, n.end);
        for &(i, j) in chain.iter().rev() {
            tasks.push(Task::Region(i + 1..o_end, j + 1..n_end));
            tasks.push(Task::Keep(i..i + 1, j..j + 1));
            (o_end, n_end) = (i, j);
        }
        tasks.push(Task::Region(o.start..o_end, n.start..n_end));
    }
}

/// The tag of a change of `o` old and `n` new tokens.
fn change(o: &Range<usize>, n: &Range<usize>) -> Tag {
    match (o.is_empty(), n.is_empty()) {
        (false, false) => Tag::Replace,
        (false, true) => Tag::Delete,
        _ => Tag::Insert,
    }
}

/// The longest chain of `pairs` (sorted by their first index) whose second indices increase
/// too (patience sorting: n·log n).
fn longest_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tops[k]: the pair ending the best chain of length k + 1 found so far (by its index).
    let mut tops: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = Vec::with_capacity(pairs.len());
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let k = tops.partition_point(|&q| pairs[q].1 < j);
        before.push(k.checked_sub(1).map(|k| tops[k]));
        if k == tops.len() {
            tops.push(p);
        } else {
            tops[k] = p;
        }
    }
    let mut chain = Vec::with_capacity(tops.len());
    let mut at = tops.last().copied();
    while let Some(p) = at {
        chain.push(pairs[p]);
        at = before[p];
    }
    chain.reverse();
    chain
}

/// The edit distance (insertions plus deletions) between `a` and `b`, by Myers' greedy forward
/// search, when it is at most `cap` and found within `allowance` steps; and the steps taken.
fn distance(a: &[u32], b: &[u32], cap: u64, allowance: u64) -> (Option<u64>, u64) {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let cap = cap as isize;
    let offset = cap + 1;
    // v[k + offset]: the furthest x reached on diagonal k (y = x - k).
    let mut v = vec![0isize; (2 * cap + 3) as usize];
    let mut steps = 0u64;
    for d in 0..=cap {
        let mut k = -d;
        while k <= d {
            let at = |k: isize| (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            let from = x;
            while x < n && y < m && y >= 0 && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            steps += 1 + (x - from) as u64;
            if x >= n && y >= m {
                return (Some(d as u64), steps);
            }
            if steps > allowance {
                return (None, steps);
            }
            k += 2;
        }
    }
    (None, steps)
}

#[cfg(test)]
mod tests;
