use super::*;
use similar::TextDiff;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The words of a made-up language: `distinct` of them, the first few far more common (as
/// "the" and "of" are), each followed by a space token as the article tokenizer splits text.
fn text(rng: &mut Rng, words: usize, distinct: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(2 * words);
    for _ in 0..words {
        let w = if rng.below(2) == 0 {
            rng.below(8)
        } else {
            rng.below(distinct)
        };
        out.push(format!("w{w}"));
        out.push(" ".to_string());
    }
    out
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Checks that `steps` is an edit script from `old` to `new` and returns the tokens it keeps.
fn kept(steps: &[Step], old: &[&str], new: &[&str]) -> usize {
    let (mut o, mut n, mut kept) = (0, 0, 0);
    for (tag, a, b) in steps {
        assert_eq!((a.start, b.start), (o, n), "{steps:?}");
        match tag {
            Tag::Equal => {
                assert_eq!(old[a.clone()], new[b.clone()]);
                kept += a.len();
            }
            Tag::Delete => assert!(!a.is_empty() && b.is_empty()),
            Tag::Insert => assert!(a.is_empty() && !b.is_empty()),
            Tag::Replace => assert!(!a.is_empty() && !b.is_empty()),
        }
        (o, n) = (a.end, b.end);
    }
    assert_eq!((o, n), (old.len(), new.len()));
    kept
}

/// The longest common subsequence's length, by dynamic programming.
fn lcs(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[test]
fn the_search_finds_the_edit_distance() {
    let mut rng = Rng(3);
    for _ in 0..300 {
        let a: Vec<u32> = (0..rng.below(40)).map(|_| rng.below(4) as u32).collect();
        let b: Vec<u32> = (0..rng.below(40)).map(|_| rng.below(4) as u32).collect();
        let d = (a.len() + b.len() - 2 * lcs(&a, &b)) as u64;
        let size = (a.len() + b.len()) as u64;
        assert_eq!(distance(&a, &b, size, u64::MAX).0, Some(d), "{a:?} {b:?}");
        if d > 0 {
            assert_eq!(distance(&a, &b, d - 1, u64::MAX).0, None);
        }
    }
}

#[test]
fn small_diffs_are_similars_myers_diff() {
    let mut rng = Rng(5);
    for case in 0..400 {
        // Short ones, and some past the 100 tokens where `similar` takes another path.
        let words = if case % 4 == 0 {
            60 + rng.below(200)
        } else {
            rng.below(30)
        };
        let old = text(&mut rng, words, 12);
        let mut new = old.clone();
        for _ in 0..rng.below(6) {
            let i = rng.below(new.len() + 1);
            match rng.below(3) {
                0 if i < new.len() => {
                    new.remove(i);
                }
                1 if i < new.len() => new[i] = format!("x{}", rng.below(5)),
                _ => new.insert(i, format!("w{}", rng.below(12))),
            }
        }
        let (old, new) = (refs(&old), refs(&new));
        let want: Vec<Step> = TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .diff_slices(&old, &new)
            .ops()
            .iter()
            .map(|op| {
                let (tag, a, b) = op.as_tag_tuple();
                let tag = match tag {
                    DiffTag::Equal => Tag::Equal,
                    DiffTag::Delete => Tag::Delete,
                    DiffTag::Insert => Tag::Insert,
                    DiffTag::Replace => Tag::Replace,
                };
                (tag, a, b)
            })
            .collect();
        let got = diff(&old, &new, &mut Work::for_bytes(0));
        assert_eq!(got, want, "{old:?} → {new:?}");
    }
}

/// The work of a whole rewrite, the case that could grow with the square of the article:
/// linear in its length, within the diff's allowance, and the same on every run.
#[test]
fn a_whole_rewrite_costs_work_linear_in_its_length() {
    let mut spent = Vec::new();
    for words in [20_000, 80_000] {
        let old = text(&mut Rng(11), words, 5_000);
        let new = text(&mut Rng(12), words, 5_000);
        let (old, new) = (refs(&old), refs(&new));
        let bytes: usize = old.iter().chain(&new).map(|t| t.len()).sum();
        let mut work = Work::for_bytes(bytes);
        let steps = diff(&old, &new, &mut work);
        kept(&steps, &old, &new);
        assert!(
            work.spent() <= FLOOR + PER_BYTE * bytes as u64 + 8 * (old.len() + new.len()) as u64
        );
        let mut again = Work::for_bytes(bytes);
        assert_eq!(diff(&old, &new, &mut again), steps, "deterministic");
        assert_eq!(again.spent(), work.spent());
        spent.push(work.spent());
    }
    // Four times the text, at most about four times the work beyond the floor.
    assert!(spent[1] <= 4 * spent[0] + FLOOR, "{spent:?}");
}

/// An article with a word changed in every paragraph: every block differs, and the word diff
/// of the whole still keeps all the rest, within its allowance.
#[test]
fn small_edits_everywhere_keep_everything_else() {
    let old = text(&mut Rng(21), 100_000, 20_000);
    let mut new = old.clone();
    let mut rng = Rng(22);
    let mut changed = 0;
    for i in (0..new.len()).step_by(2) {
        if rng.below(40) == 0 {
            new[i] = format!("changed{i}");
            changed += 1;
        }
    }
    let (old, new) = (refs(&old), refs(&new));
    let bytes: usize = old.iter().chain(&new).map(|t| t.len()).sum();
    let mut work = Work::for_bytes(bytes);
    let steps = diff(&old, &new, &mut work);
    assert_eq!(kept(&steps, &old, &new), old.len() - changed);
    assert!(work.spent() <= FLOOR + PER_BYTE * bytes as u64);
}

#[test]
fn a_spent_allowance_replaces_what_is_left() {
    let old = text(&mut Rng(31), 2_000, 300);
    let new = text(&mut Rng(32), 2_000, 300);
    let (old, new) = (refs(&old), refs(&new));
    let mut work = Work::of(0);
    let steps = diff(&old, &new, &mut work);
    kept(&steps, &old, &new);
    assert!(steps.iter().any(|s| s.0 == Tag::Replace));
}

#[test]
fn longest_chains_are_found() {
    let pairs = [(0, 5), (1, 1), (2, 2), (3, 9), (4, 3), (5, 4), (6, 0)];
    assert_eq!(longest_chain(&pairs), vec![(1, 1), (2, 2), (4, 3), (5, 4)]);
    assert!(longest_chain(&[]).is_empty());
}

#[test]
fn the_bit_parallel_common_length_is_exact() {
    let mut rng = Rng(41);
    for _ in 0..200 {
        let short: Vec<String> = (0..rng.below(150))
            .map(|_| format!("{}", rng.below(5)))
            .collect();
        let long: Vec<String> = (0..rng.below(400))
            .map(|_| format!("{}", rng.below(6)))
            .collect();
        let (s, l) = (refs(&short), refs(&long));
        let id = |t: &&str| t.parse::<u32>().unwrap();
        let want = lcs(
            &s.iter().map(id).collect::<Vec<_>>(),
            &l.iter().map(id).collect::<Vec<_>>(),
        );
        assert_eq!(common_length(&s, &l, &mut Work::of(0)), want);
    }
}
