//! Every occurrence of many quotes in one text, reading only a sample of it.
//!
//! A quote at least `w` bytes long that occurs at offset `i` covers exactly one sampled offset
//! `j` (a multiple of the stride `s`) with `i <= j < i + s`, and the `L` bytes at `j` are the
//! quote's own bytes at `j - i` as long as `s - 1 + L <= w`. So the index holds, for every
//! quote, a hash of its `L` bytes at each offset `0..s`; the text is hashed only at multiples
//! of `s` (one sampled window per stride, a few loads and multiplies each); and every index
//! entry whose hash matches names one candidate start that is compared byte for byte. Each
//! occurrence is found exactly once, overlapping ones included.
//!
//! Quotes are sentences, tens of bytes long, so the stride is tens of bytes and a long article
//! is searched in a fraction of the time an Aho–Corasick automaton takes to build. Hostile
//! input (a text and quotes made of one repeated letter) could make the comparisons quadratic:
//! they are budgeted, and over budget the search gives up and the caller uses an automaton.
//! A pass with few quotes or a short stride costs more than searching each quote with SIMD
//! (`memchr::memmem`), which it then does.

use crate::text::span::Span;

/// Bytes hashed at each sampled offset, for quotes of at least [`LONG`] bytes.
const WIDE: usize = 32;
/// Bytes hashed at each sampled offset otherwise.
const NARROW: usize = 16;
/// Quotes this long or longer are searched with [`WIDE`] windows (stride 17 or more).
const LONG: usize = 48;
/// The shortest quote this search takes (stride `SHORTEST - NARROW + 1`).
pub(super) const SHORTEST: usize = 24;
/// The stride is capped so that the index stays small (quotes × stride entries).
const MAX_STRIDE: usize = 64;
/// A sampled window costs about as much as this many bytes of a SIMD substring search
/// (`memchr::memmem`), so a pass with fewer quotes × stride searches each quote instead.
const SAMPLING_PAYS: usize = 64;
/// Bits of the hash that the filter in front of the table looks at.
const FILTER_BITS: u32 = 16;

/// The start of every occurrence of each pattern in `hay`, ascending, or `None` when a pattern
/// is shorter than [`SHORTEST`] bytes or the comparisons run over their budget (the caller
/// searches another way). Quotes of [`LONG`] bytes or more and shorter ones are searched in
/// two passes, so that one short quote does not shorten the stride for all.
pub(super) fn find_all(hay: &[u8], patterns: &[&[u8]]) -> Option<Vec<Vec<Span>>> {
    if patterns.iter().any(|p| p.len() < SHORTEST) {
        return None;
    }
    // Each comparison costs at most the pattern's length; true matches are paid for by the
    // output. Anything past a few passes over the text is hostile or degenerate.
    let mut budget = hay.len().saturating_mul(4).saturating_add(1 << 20);
    let mut hits: Vec<Vec<Span>> = vec![Vec::new(); patterns.len()];
    for long in [true, false] {
        let members: Vec<usize> = (0..patterns.len())
            .filter(|&i| (patterns[i].len() >= LONG) == long)
            .collect();
        let Some(shortest) = members.iter().map(|&i| patterns[i].len()).min() else {
            continue;
        };
        let window = if long { WIDE } else { NARROW };
        let stride = (shortest - window + 1).min(MAX_STRIDE);
        if members.len() * stride < SAMPLING_PAYS {
            for i in members {
                let len = patterns[i].len();
                let pay = || match budget.checked_sub(len) {
                    Some(left) => {
                        budget = left;
                        true
                    }
                    None => false,
                };
                hits[i] = each_occurrence(hay, patterns[i], pay)?;
            }
            continue;
        }
        let index = Index::new(patterns, &members, window, stride);
        index.search(hay, patterns, &mut budget, &mut hits)?;
    }
    for h in &mut hits {
        // One stride can hold several overlapping occurrences of one pattern, found in index
        // order.
        h.sort_unstable_by_key(|s| s.start);
    }
    Some(hits)
}

/// Every start of `needle` in `hay`, overlapping ones included (for text and needle in UTF-8,
/// every start is a character boundary); `None` as soon as `pay` refuses an occurrence.
pub(super) fn each_occurrence(
    hay: &[u8],
    needle: &[u8],
    mut pay: impl FnMut() -> bool,
) -> Option<Vec<Span>> {
    let finder = memchr::memmem::Finder::new(needle);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = finder.find(&hay[from..]) {
        if !pay() {
            return None;
        }
        let start = from + i;
        out.push(Span {
            start,
            end: start + needle.len(),
        });
        from = start + 1;
    }
    Some(out)
}

/// Hashes of some patterns' windows at every offset below the stride, in a bucketed table.
struct Index {
    window: usize,
    stride: usize,
    /// (hash, pattern, offset), grouped by bucket.
    entries: Vec<(u64, u32, u32)>,
    /// Where each bucket's entries start in `entries` (one more than there are buckets).
    starts: Vec<u32>,
    /// Buckets − 1 (a power of two minus one).
    mask: u64,
    /// One bit for each value of the top [`FILTER_BITS`] bits of the hashes in the table: most
    /// windows are turned away here, in a table that stays in the fastest cache.
    filter: Vec<u64>,
}

impl Index {
    fn new(patterns: &[&[u8]], members: &[usize], window: usize, stride: usize) -> Index {
        let count = members.len() * stride;
        let buckets = (count * 2).next_power_of_two();
        let mask = buckets as u64 - 1;
        let mut hashed = Vec::with_capacity(count);
        for &i in members {
            let p = patterns[i];
            for offset in 0..stride {
                hashed.push((hash(&p[offset..offset + window]), i as u32, offset as u32));
            }
        }
        // Grouped by bucket with a counting sort.
        let mut starts = vec![0u32; buckets + 1];
        for e in &hashed {
            starts[(e.0 & mask) as usize + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut next = starts.clone();
        let mut entries = vec![(0, 0, 0); hashed.len()];
        for e in hashed {
            let slot = &mut next[(e.0 & mask) as usize];
            entries[*slot as usize] = e;
            *slot += 1;
        }
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        for e in &entries {
            let bit = top(e.0);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Index {
            window,
            stride,
            entries,
            starts,
            mask,
            filter,
        }
    }

    /// Adds the occurrences of this index's patterns to `hits`; `None` when over `budget`.
    fn search(
        &self,
        hay: &[u8],
        patterns: &[&[u8]],
        budget: &mut usize,
        hits: &mut [Vec<Span>],
    ) -> Option<()> {
        let mut j = 0;
        while j + self.window <= hay.len() {
            let h = hash(&hay[j..j + self.window]);
            let bit = top(h);
            if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
                j += self.stride;
                continue;
            }
            let b = (h & self.mask) as usize;
            let bucket = &self.entries[self.starts[b] as usize..self.starts[b + 1] as usize];
            for &(_, pattern, offset) in bucket.iter().filter(|e| e.0 == h) {
                let (pattern, offset) = (pattern as usize, offset as usize);
                let p = patterns[pattern];
                let Some(start) = j.checked_sub(offset) else {
                    continue;
                };
                *budget = budget.checked_sub(p.len())?;
                if hay[start..].starts_with(p) {
                    hits[pattern].push(Span {
                        start,
                        end: start + p.len(),
                    });
                }
            }
            j += self.stride;
        }
        Some(())
    }
}

fn top(h: u64) -> usize {
    (h >> (64 - FILTER_BITS)) as usize
}

/// A hash of a window of [`NARROW`] or [`WIDE`] bytes, read eight at a time, finished with
/// MurmurHash3's mixer so that the low bits (the bucket) depend on every byte.
fn hash(window: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = 0;
    for chunk in window.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        h = (h.rotate_left(23) ^ word).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every start of every pattern, by brute force.
    fn naive(hay: &[u8], patterns: &[&[u8]]) -> Vec<Vec<Span>> {
        patterns
            .iter()
            .map(|p| {
                (0..hay.len())
                    .filter(|&i| hay[i..].starts_with(p))
                    .map(|i| Span {
                        start: i,
                        end: i + p.len(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn finds_what_brute_force_finds() {
        let text = "In survey 1, 40 adults report that 12 percent of adults report sleep. \
                    In survey 2, 40 adults report that 12 percent of adults report sleep. \
                    abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc and the end.";
        let patterns: Vec<&[u8]> = vec![
            b"40 adults report that 12 percent of adults report sleep.",
            b"In survey 2, 40 adults report that 12 percent",
            b"abcabcabcabcabcabcabcabcabc",
            b"bcabcabcabcabcabcabcabcabca",
            b"abcabcabcabcabcabcabcabcabc",
            b"not in the text at all, not anywhere",
            b"abc and the end.abc and the end.",
            b"abcabcabcabc and the end.",
        ];
        let found = find_all(text.as_bytes(), &patterns).expect("long enough");
        assert_eq!(found, naive(text.as_bytes(), &patterns));
        assert_eq!(found[0].len(), 2);
        assert_eq!(
            found[2].len(),
            11,
            "overlapping occurrences: {:?}",
            found[2]
        );
        assert_eq!(found[5].len(), 0);
    }

    #[test]
    fn sampled_passes_find_what_brute_force_finds() {
        // Prose repeating a few sentences of a small vocabulary, so that windows recur all
        // over the text, and a run of one repeated word;
        // quotes are cut from it at random (some occur many times, overlapping ones too) or
        // changed by one letter so that they occur nowhere.
        let words = [
            "the ", "survey ", "of ", "adults ", "sleep ", "7 ", "percent ", "a", "aa ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let sentences: Vec<String> = (0..40)
            .map(|_| (0..6 + next(6)).map(|_| words[next(words.len())]).collect())
            .collect();
        let mut hay: String = (0..1_000).map(|_| sentences[next(40)].as_str()).collect();
        hay.insert_str(hay.len() / 2, &"aa ".repeat(200));
        let mut owned: Vec<Vec<u8>> = Vec::new();
        for k in 0..300 {
            let len = SHORTEST + next(80);
            let at = next(hay.len() - len);
            let mut p = hay.as_bytes()[at..at + len].to_vec();
            if k % 5 == 0 {
                p[len / 2] = b'#';
            }
            owned.push(p);
        }
        let patterns: Vec<&[u8]> = owned.iter().map(|p| p.as_slice()).collect();
        let found = find_all(hay.as_bytes(), &patterns).expect("within budget");
        let expected = naive(hay.as_bytes(), &patterns);
        assert_eq!(found, expected);
        assert!(expected.iter().filter(|h| h.len() > 1).count() > 10);
        assert!(expected.iter().filter(|h| h.is_empty()).count() >= 60);
    }

    #[test]
    fn matches_at_both_ends_of_the_text() {
        let text = "exactly twenty-four byte";
        let patterns: Vec<&[u8]> = vec![text.as_bytes()];
        let found = find_all(text.as_bytes(), &patterns).expect("long enough");
        assert_eq!(found, vec![vec![Span { start: 0, end: 24 }]]);
    }

    #[test]
    fn declines_short_patterns_and_hostile_repetition() {
        assert!(find_all(b"short quotes", &[b"short".as_slice()]).is_none());
        // Every sampled window matches every offset of the pattern; the comparisons are over
        // budget long before the text is read.
        let hay = vec![b'a'; 4 << 20];
        let mut p = vec![b'a'; 4000];
        p.push(b'b');
        assert!(find_all(&hay, &[p.as_slice()]).is_none());
    }
}
