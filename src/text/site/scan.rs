//! Finding every closer once. A template opener that never closes (`{{ f(`, `<A x="`,
//! `{% raw %}`) scanned for on its own would scan to the end of the article for its closer, and
//! the next one again: the square of the article's length for thousands of them. Here each pattern's
//! occurrences are listed in one pass, on first use, and a search is a binary search in the
//! list; scans that follow a chain (tag to tag, quote to quote, brace to brace) are resolved
//! for every starting event at once, from the last event back ([`resolve`]), so each event is
//! looked at once whatever the number of openers that reach it.
//!
//! The work is counted in [`Scan::steps`]: a byte of a pass, an event resolved, a search.
//! Unit tests check it stays within a constant per byte on the inputs that were quadratic.
//! Positions are kept as `u32` (articles are at most 16 MiB).

use std::collections::HashMap;

/// No result (an event whose scan never closes).
pub(super) const NONE: u32 = u32::MAX;

/// The searches of one masking pass over `src`, counted.
pub(super) struct Scan<'s> {
    src: &'s str,
    /// Each pattern searched for, with all its occurrences (overlapping ones too).
    found: Vec<(&'static str, Vec<u32>)>,
    /// `skip_ws` results already known, by position.
    spaces: HashMap<usize, usize>,
    /// The work so far.
    pub steps: u64,
}

impl<'s> Scan<'s> {
    pub fn new(src: &'s str) -> Scan<'s> {
        Scan {
            src,
            found: Vec::new(),
            spaces: HashMap::new(),
            steps: 0,
        }
    }

    /// The occurrences of `pat`, listed on first use.
    pub fn occurrences(&mut self, pat: &'static str) -> &[u32] {
        let i = match self.found.iter().position(|(p, _)| *p == pat) {
            Some(i) => i,
            None => {
                self.steps += self.src.len() as u64;
                let finder = memchr::memmem::Finder::new(pat);
                let bytes = self.src.as_bytes();
                let mut list = Vec::new();
                let mut at = 0;
                while let Some(i) = finder.find(&bytes[at..]) {
                    list.push((at + i) as u32);
                    at += i + 1;
                }
                self.found.push((pat, list));
                self.found.len() - 1
            }
        };
        &self.found[i].1
    }

    /// The offset of the first `pat` in the source at or after `from`.
    pub fn find(&mut self, from: usize, pat: &'static str) -> Option<usize> {
        self.steps += 1;
        let list = self.occurrences(pat);
        let k = list.partition_point(|&p| (p as usize) < from);
        list.get(k).map(|&p| p as usize)
    }

    /// The index in `pat`'s occurrences of the first at or after `from` (their number when none).
    pub fn index(&mut self, from: usize, pat: &'static str) -> usize {
        self.steps += 1;
        self.occurrences(pat)
            .partition_point(|&p| (p as usize) < from)
    }

    /// [`skip_ws`] from `at`, remembered: many openers can share one closer and
    /// the spaces after it.
    pub fn skip_ws(&mut self, at: usize) -> usize {
        if let Some(&end) = self.spaces.get(&at) {
            return end;
        }
        let end = skip_ws(self.src, at);
        self.steps += (end - at) as u64 + 1;
        self.spaces.insert(at, end);
        end
    }
}

/// The offset of the first byte at or after `i` that is not ASCII whitespace.
pub(super) fn skip_ws(src: &str, mut i: usize) -> usize {
    let b = src.as_bytes();
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// What a scan that meets an event does.
pub(super) enum Then {
    /// It ends with this result.
    Give(u32),
    /// It never closes.
    Fail,
    /// It goes on as a scan that meets this later event first (past the last: never closes).
    Continue(usize),
}

/// For each of `n` events, the result of a scan that meets it first: `step(i, done)` says what
/// the scan does at event `i`, reading the results of the events after it in `done`. Resolved
/// from the last event back, each once.
pub(super) fn resolve(
    n: usize,
    steps: &mut u64,
    mut step: impl FnMut(usize, &[u32]) -> Then,
) -> Vec<u32> {
    let mut done = vec![NONE; n];
    for i in (0..n).rev() {
        done[i] = match step(i, &done) {
            Then::Give(v) => v,
            Then::Fail => NONE,
            Then::Continue(j) => done.get(j).copied().unwrap_or(NONE),
        };
    }
    *steps += n as u64;
    done
}

/// The positions of the bytes of `src` in `set`, in order (one pass).
pub(super) fn events(src: &str, set: &[u8], steps: &mut u64) -> Vec<u32> {
    *steps += src.len() as u64;
    let mut table = [false; 256];
    for &b in set {
        table[usize::from(b)] = true;
    }
    src.bytes()
        .enumerate()
        .filter(|&(_, b)| table[usize::from(b)])
        .map(|(i, _)| i as u32)
        .collect()
}

/// The index of the first of `events` at or after `at`.
pub(super) fn first_from(events: &[u32], at: usize) -> usize {
    events.partition_point(|&p| (p as usize) < at)
}

#[cfg(test)]
mod tests {
    use super::super::{Syntax, mask};

    /// Template openers that never close, thousands of them: scanning from each to the end of
    /// the article for its closer would take the square of its length in all. The work is a
    /// constant per byte, whatever the number of openers.
    #[test]
    fn unclosed_openers_cost_work_linear_in_the_article() {
        let cases = [
            (Syntax::Zola, "{{ f( a few words here\n"),
            (Syntax::Zola, "{% f(\"x) a few words here\n"),
            (Syntax::Zola, "{{/* a */ few words here\n"),
            (Syntax::Mdx, "<A x=\" a few words here\n"),
            (Syntax::Mdx, "{ a { few words here\n"),
            (Syntax::Mdx, "<A x={ a few words here\n"),
            (Syntax::Liquid, "{% raw %} a few words here\n"),
            (Syntax::Liquid, "{% comment %} a few words here\n"),
            (Syntax::Liquid, "{% highlight %} {{ a few words here\n"),
            (Syntax::Hugo, "{{< comment >}} a few words here\n"),
            (
                Syntax::Hugo,
                "{{< highlight go >}} {{</* a few words here\n",
            ),
        ];
        for (syntax, unit) in cases {
            let work = |copies: usize| {
                let src = unit.repeat(copies);
                let m = mask(&src, syntax).expect("masked");
                assert!(
                    m.work <= 16 * src.len() as u64,
                    "{syntax:?} {unit:?}: {} steps for {} bytes",
                    m.work,
                    src.len()
                );
                m.work
            };
            let (small, large) = (work(2_000), work(8_000));
            assert!(
                large <= 4 * small + 64,
                "{syntax:?} {unit:?}: {small} → {large}"
            );
        }
    }

    /// Backtick runs of ever more backticks, none closed: each run looks up the next run of
    /// its length instead of scanning the rest of the text.
    #[test]
    fn unclosed_code_spans_cost_work_linear_in_the_article() {
        let src: String = (1..400).map(|n| "`".repeat(n) + " words\n").collect();
        let m = mask(&src, Syntax::Mdx).expect("masked");
        assert!(
            m.work <= 16 * src.len() as u64,
            "{} for {}",
            m.work,
            src.len()
        );
    }
}
