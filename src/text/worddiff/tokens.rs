//! The tokens the word diff compares (runs of letters and digits, runs of whitespace, single
//! other characters), and a multiset of them that bounds what any diff can keep.

/// The tokens of a text as a multiset: an upper bound, computed in one pass, of how many bytes
/// of it any edit to another text can keep (an edit keeps tokens in order, so never more than
/// the tokens the two texts share). Used to skip the word diff against texts that cannot
/// qualify.
pub struct Bag<'a> {
    index: std::collections::HashMap<&'a str, usize, Fnv>,
    counts: Vec<usize>,
}

/// FNV-1a: a fast hash for the short tokens of a [`Bag`] (its input is the article's own words,
/// and a collision costs time, never a wrong result).
#[derive(Clone, Copy)]
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl std::hash::BuildHasher for Fnv {
    type Hasher = Fnv;

    fn build_hasher(&self) -> Fnv {
        Fnv::default()
    }
}

impl<'a> Bag<'a> {
    /// The multiset of the tokens of `text`.
    pub fn new(text: &'a str) -> Bag<'a> {
        let mut index = std::collections::HashMap::with_hasher(Fnv::default());
        let mut counts = Vec::new();
        for t in (Tokens { rest: text }) {
            let i = *index.entry(t).or_insert_with(|| {
                counts.push(0);
                counts.len() - 1
            });
            counts[i] += 1;
        }
        Bag { index, counts }
    }

    /// The bytes of the tokens `other` shares with this text: at least what
    /// `Edit::between(this, other).kept()` reports.
    pub fn most_kept(&self, other: &str) -> usize {
        let mut left = self.counts.clone();
        (Tokens { rest: other })
            .filter(|t| {
                self.index.get(t).is_some_and(|&i| {
                    let free = left[i] > 0;
                    left[i] = left[i].saturating_sub(1);
                    free
                })
            })
            .map(str::len)
            .sum()
    }
}

/// Splits `s` into runs of alphanumerics, runs of whitespace and single other characters.
pub fn tokens(s: &str) -> Vec<&str> {
    Tokens { rest: s }.collect()
}

/// The tokens of a text, one by one (see [`tokens`]).
struct Tokens<'a> {
    rest: &'a str,
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Word,
    Space,
    Other,
}

fn class(c: char) -> Class {
    if c.is_alphanumeric() {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    }
}

impl Tokens<'_> {
    /// The end of the run of class `k` that continues at byte `from`, character by character.
    fn run_end(&self, from: usize, k: Class) -> usize {
        self.rest[from..]
            .char_indices()
            .find(|&(_, c)| class(c) != k)
            .map_or(self.rest.len(), |(i, _)| from + i)
    }
}

/// [`class`] of every ASCII character.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else if c == b' ' || (c >= 0x09 && c <= 0x0d) {
            Class::Space
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.rest.as_bytes();
        let first = *bytes.first()?;
        let end = if first.is_ascii() {
            // ASCII (most text): classes from a table, a run of bytes at a time.
            let k = ASCII_CLASS[usize::from(first)];
            if k == Class::Other {
                1
            } else {
                let run = bytes[1..]
                    .iter()
                    .position(|&b| !b.is_ascii() || ASCII_CLASS[usize::from(b)] != k)
                    .map_or(bytes.len(), |n| n + 1);
                if run < bytes.len() && !bytes[run].is_ascii() {
                    self.run_end(run, k)
                } else {
                    run
                }
            }
        } else {
            let c = self.rest.chars().next()?;
            match class(c) {
                Class::Other => c.len_utf8(),
                k => self.run_end(0, k),
            }
        };
        let (token, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(token)
    }
}
