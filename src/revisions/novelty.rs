//! Whether a sentence of the new text is genuinely new, for `diff`'s "new text no claim
//! covers" (docs/revisions.md). A word diff sees a moved paragraph as deleted and inserted,
//! and a typo fix as a replaced word; listing such sentences as candidates for new claims
//! would bury the one new statistic among sentences the reviewers had already read.
//!
//! The rule: sentences are compared as *words*: split at whitespace, each word lowercased with
//! everything but letters and digits removed (so case, punctuation, quotes, dashes and spacing
//! never matter). A new sentence is not new when a sentence of the old text
//! - has the same words in the same order (moved, re-punctuated, re-cased, re-spaced), or
//! - was re-typed: the same number of words, and the words that differ, position by position,
//!   are typo fixes, at most one word in four (at least one).
//!
//! Each old sentence accounts for one new sentence at most: the new text's other sentences
//! (without inserted words, or covered by claims) take theirs first, then exact matches, then
//! re-typed ones. So a copy of a sentence that is still in place is new text, and so is a
//! second re-typed copy.
//!
//! A typo fix keeps the word's first letter, touches no digit, and changes a word of at least
//! 4 letters by one insertion, deletion, substitution or swap of two neighbouring letters (two
//! such edits when both words have 8 letters or more); a shorter word only by a swap (`teh` →
//! `the`). So a number (`15` → `20`), a magnitude (`million` → `billion`), a negation (`is` →
//! `isn't`), a polarity (`increase` → `decrease`), an added or dropped word are always new.

use std::collections::HashMap;

/// A sentence as words.
type Words = Vec<String>;

/// Which of `candidates` (sentences of the new text with inserted words) are genuinely new,
/// given every sentence of the old text and the new text's other sentences (`untouched`).
/// One flag per candidate, in order.
pub fn genuinely_new<'s>(
    old: impl IntoIterator<Item = &'s str>,
    untouched: impl IntoIterator<Item = &'s str>,
    candidates: &[&str],
) -> Vec<bool> {
    let mut pool = Pool::new(old.into_iter().map(words).collect());
    pool.work += RETYPED_WORK * candidates.len();
    for w in untouched.into_iter().map(words) {
        pool.take(&w);
    }
    let new: Vec<Words> = candidates.iter().copied().map(words).collect();
    let mut fresh: Vec<bool> = new.iter().map(|w| !pool.take(w)).collect();
    for (w, f) in new.iter().zip(&mut fresh).filter(|(_, f)| **f) {
        *f = !pool.take_retyped(w);
    }
    fresh
}

/// The old sentences not yet accounted for: their distinct word lists in order of length then
/// words (so that which old sentence a re-typed one takes does not depend on hashing), each
/// with how many are left; and, built on first use, where those of each shape are, so a
/// re-typed sentence is compared only with those it can re-type.
#[derive(Default)]
struct Pool {
    left: Vec<(Words, usize)>,
    shapes: Option<HashMap<u64, Vec<usize>>>,
    /// Word comparisons left for re-typed sentences (see [`Pool::take_retyped`]).
    work: usize,
}

/// What every re-typing keeps of a sentence, hashed: how many words, and the first letter of
/// each (a typo fix keeps it).
fn shape(w: &Words) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    w.len().hash(&mut h);
    for word in w {
        word.chars().next().hash(&mut h);
    }
    h.finish()
}

impl Pool {
    /// The pool of the old sentences `old`.
    fn new(mut old: Vec<Words>) -> Pool {
        old.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        let mut left: Vec<(Words, usize)> = Vec::with_capacity(old.len());
        for w in old {
            match left.last_mut() {
                Some((last, n)) if *last == w => *n += 1,
                _ => left.push((w, 1)),
            }
        }
        Pool {
            work: RETYPED_WORK * left.iter().map(|(_, n)| n).sum::<usize>(),
            left,
            shapes: None,
        }
    }

    /// Accounts for `w` with an old sentence of the same words, if one is left.
    fn take(&mut self, w: &Words) -> bool {
        let found = self
            .left
            .binary_search_by(|(o, _)| o.len().cmp(&w.len()).then_with(|| o.cmp(w)));
        match found.map(|i| &mut self.left[i].1) {
            Ok(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// Accounts for `w` with an old sentence it re-types, if one is left: the first in order
    /// of those of its shape. Comparisons are counted: the pool's work ([`RETYPED_WORK`] per
    /// sentence) bounds them, so that a text of thousands of sentences of one shape costs no
    /// more than a pass; past it, sentences count as new.
    fn take_retyped(&mut self, w: &Words) -> bool {
        let left = &mut self.left;
        let shapes = self.shapes.get_or_insert_with(|| {
            let mut shapes: HashMap<u64, Vec<usize>> = HashMap::new();
            for (i, (o, _)) in left.iter().enumerate() {
                shapes.entry(shape(o)).or_default().push(i);
            }
            shapes
        });
        for &i in shapes.get(&shape(w)).map_or(&[][..], Vec::as_slice) {
            if self.work < w.len() {
                return false;
            }
            self.work -= w.len();
            let (o, n) = &mut left[i];
            if *n > 0 && o.len() == w.len() && retyped(o, w) {
                *n -= 1;
                return true;
            }
        }
        false
    }
}

/// Word comparisons allowed per sentence (old and new) when looking for re-typed sentences.
const RETYPED_WORK: usize = 1024;

/// The words of `sentence`: split at whitespace, lowercased, letters and digits only.
fn words(sentence: &str) -> Words {
    sentence
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `new` is `old` (as many words) with at most one word in four fixed for a typo.
fn retyped(old: &[String], new: &[String]) -> bool {
    let allowed = (old.len() / 4).max(1);
    let mut fixed = 0;
    for (o, n) in old.iter().zip(new) {
        if o != n {
            fixed += 1;
            if fixed > allowed || !typo_fix(o, n) {
                return false;
            }
        }
    }
    true
}

/// Whether `a` → `b` is a typo fix (see the module documentation).
fn typo_fix(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let short = a.len().min(b.len());
    let digits = a.iter().chain(&b).any(char::is_ascii_digit);
    if short == 0 || digits || a[0] != b[0] {
        return false;
    }
    if short < 4 {
        let swapped = |(i, w): (usize, &[char])| w[0] != w[1] && w[0] == b[i + 1] && w[1] == b[i];
        return a.len() == b.len() && edits(&a, &b) == 1 && a.windows(2).enumerate().any(swapped);
    }
    let limit = if short >= 8 { 2 } else { 1 };
    a.len().abs_diff(b.len()) <= limit && edits_within(&a, &b, limit)
}

/// Whether [`edits`] of `a` and `b` is at most `limit`: only the cells within `limit` of the
/// diagonal are computed (an alignment of at most `limit` edits never leaves them), three rows
/// at a time, so two long words cost their length times `limit`, not the square.
fn edits_within(a: &[char], b: &[char], limit: usize) -> bool {
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let over = limit + 1;
    let width = 2 * limit + 1;
    // rows[r][j + limit - i] for row i = r (mod 3): the distance of a[..i] and b[..j].
    let mut rows = vec![vec![over; width]; 3];
    let get = |rows: &Vec<Vec<usize>>, i: usize, j: usize| {
        if j + limit < i || j > i + limit {
            over
        } else {
            rows[i % 3][j + limit - i]
        }
    };
    for i in 0..=a.len() {
        for cell in rows[i % 3].iter_mut() {
            *cell = over;
        }
        for j in i.saturating_sub(limit)..=(i + limit).min(b.len()) {
            let d = if i == 0 || j == 0 {
                i.max(j)
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut d = (get(&rows, i - 1, j) + 1)
                    .min(get(&rows, i, j - 1) + 1)
                    .min(get(&rows, i - 1, j - 1) + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(get(&rows, i - 2, j - 2) + 1);
                }
                d
            };
            rows[i % 3][j + limit - i] = d.min(over);
        }
    }
    get(&rows, a.len(), b.len()) <= limit
}

/// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbouring characters.
fn edits(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn had(old: &[&str], new: &str) -> bool {
        !genuinely_new(old.iter().copied(), [], &[new])[0]
    }

    const OLD: &str = "Most adults need 15 micrograms of vitamin D a day.";

    #[test]
    fn the_same_words_moved_recased_or_repunctuated_are_not_new() {
        assert!(had(&["First.", OLD], OLD));
        assert!(had(
            &[OLD],
            "most adults need 15 micrograms of vitamin D  a day"
        ));
        assert!(had(
            &[OLD],
            "Most adults need 15 micrograms of vitamin D — a day!"
        ));
        assert!(had(&["It's “safe” to say."], "Its \"safe\" to say"));
    }

    #[test]
    fn typo_fixes_are_not_new() {
        let old = "The body cannot recieve enough calcium without vitamin D.";
        assert!(had(
            &[old],
            "The body cannot receive enough calcium without vitamin D."
        ));
        assert!(had(
            &["Supplements are definately useful in winter."],
            "Supplements are definitely useful in winter."
        ));
        assert!(had(
            &["Teh liver stores vitamin D for months."],
            "The liver stores vitamin D for months."
        ));
    }

    #[test]
    fn numbers_magnitudes_negations_and_new_words_are_new() {
        assert!(!had(
            &[OLD],
            "Most adults need 20 micrograms of vitamin D a day."
        ));
        assert!(!had(
            &["About 3 million people take it."],
            "About 3 billion people take it."
        ));
        assert!(!had(
            &["Sunlight is enough in May."],
            "Sunlight isn't enough in May."
        ));
        assert!(!had(
            &["Use may increase the risk."],
            "Use may decrease the risk."
        ));
        assert!(!had(
            &[OLD],
            "Most adults need 15 micrograms of vitamin D a day in winter."
        ));
        assert!(!had(&[OLD], "Vitamin D is made in the skin."));
    }

    #[test]
    fn only_one_word_in_four_may_be_fixed() {
        let old = "Patients recieve doses weekly and monitering continues.";
        assert!(!had(
            &[old],
            "Patients receive doses weekly and monitoring continues."
        ));
        assert!(had(
            &[old],
            "Patients receive doses weekly and monitering continues."
        ));
    }

    #[test]
    fn each_old_sentence_accounts_for_one_new_sentence() {
        // Still in place, and copied: the copy is new.
        assert_eq!(genuinely_new([OLD], [OLD], &[OLD]), [true]);
        // Moved: not new.
        assert_eq!(genuinely_new([OLD, "Other."], ["Other."], &[OLD]), [false]);
        // Two re-typed copies of one sentence: the second is new.
        let typo = "Supplements are definately useful in winter.";
        let fixed = "Supplements are definitely useful in winter.";
        assert_eq!(genuinely_new([typo], [], &[fixed, fixed]), [false, true]);
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let words = [
            "recieve",
            "receive",
            "kitten",
            "sitting",
            "definately",
            "definitely",
            "a",
            "",
            "abcdefgh",
            "badcfehg",
            "abdcefhg",
        ];
        for a in words {
            for b in words {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for limit in 0..4 {
                    assert_eq!(
                        edits_within(&a, &b, limit),
                        edits(&a, &b) <= limit,
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn thousands_of_sentences_of_one_shape_cost_a_bounded_search() {
        // Every sentence has the same shape ("a a a …" of one length) and none re-types
        // another: the search stops at its work, and what it has not settled is new.
        let old: Vec<String> = (0..3000).map(|i| format!("a a a a{i}")).collect();
        let new: Vec<String> = (0..3000).map(|i| format!("a a a a{}x9", i)).collect();
        let new: Vec<&str> = new.iter().map(String::as_str).collect();
        let fresh = genuinely_new(old.iter().map(String::as_str), [], &new);
        assert!(fresh.iter().all(|&f| f));
    }

    #[test]
    fn edits_counts_swaps_as_one() {
        let e = |a: &str, b: &str| {
            edits(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(e("recieve", "receive"), 1);
        assert_eq!(e("kitten", "sitting"), 3);
        assert_eq!(e("", "abc"), 3);
    }
}
