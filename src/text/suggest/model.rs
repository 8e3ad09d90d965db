//! The trained check-worthiness model: logistic regression over the hashed features of
//! [`features`](super::features) and the signals of [`signals`](super::signals), with the
//! two thresholds chosen when it was trained. The file shipped in the binary
//! (`models/suggest.bin`) is rebuilt by `cargo run --release --example train_suggest`.
//!
//! File layout, little-endian: the magic `FCSUGGv1`; `bits` (u32); the bias, the table's scale,
//! one weight per signal and the list and warning thresholds (f32 each); then `1 << bits`
//! table weights quantised to i8 (the real weight is `i8 × scale`). Quantising keeps the file
//! at a quarter of f32's size and the sum over a sentence an integer addition.

use super::features::{self, Feature};
use super::signals::{self, Signals};

const MAGIC: &[u8; 8] = b"FCSUGGv1";

/// A trained model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The table has `1 << bits` weights.
    pub bits: u32,
    /// The intercept.
    pub bias: f32,
    /// The real value of one step of a table weight.
    pub scale: f32,
    /// One weight per signal, in the order of [`signals::NAMES`].
    pub signals: [f32; signals::COUNT],
    /// The lowest score `claim suggest` lists.
    pub list: f32,
    /// The lowest score the coverage rule warns about (chosen for precision).
    pub warn: f32,
    /// The hashed features' weights.
    pub table: Vec<i8>,
}

/// The model in the binary.
pub fn shipped() -> &'static Model {
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(include_bytes!("../../../models/suggest.bin"))
            .expect("models/suggest.bin is a model file")
    })
}

/// Reads `n` little-endian f32s from the front of `b`, advancing it.
fn floats<const N: usize>(b: &mut &[u8]) -> Option<[f32; N]> {
    let mut out = [0.0; N];
    for x in &mut out {
        let (head, rest) = b.split_first_chunk::<4>()?;
        *x = f32::from_le_bytes(*head);
        *b = rest;
    }
    Some(out)
}

impl Model {
    /// Parses a model file; `None` if it is not one.
    pub fn from_bytes(mut b: &[u8]) -> Option<Model> {
        b = b.strip_prefix(MAGIC)?;
        let (bits, rest) = b.split_first_chunk::<4>()?;
        let bits = u32::from_le_bytes(*bits);
        b = rest;
        let [bias, scale] = floats(&mut b)?;
        let signals = floats(&mut b)?;
        let [list, warn] = floats(&mut b)?;
        (bits <= 24 && b.len() == 1 << bits).then(|| Model {
            bits,
            bias,
            scale,
            signals,
            list,
            warn,
            table: b.iter().map(|&x| x as i8).collect(),
        })
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.bits.to_le_bytes());
        let head = [self.bias, self.scale];
        let tail = [self.list, self.warn];
        for x in head.iter().chain(&self.signals).chain(&tail) {
            out.extend(x.to_le_bytes());
        }
        out.extend(self.table.iter().map(|&x| x as u8));
        out
    }

    /// The probability (0..=1) that the trimmed sentence `s`, showing `signals`, is
    /// check-worthy.
    pub fn probability(&self, s: &str, signals: &Signals<'_>) -> f32 {
        let mut sum = 0i32;
        let n = features::visit(s, self.bits, |b, _| {
            sum += i32::from(self.table[b as usize])
        });
        let mut z = self.bias + sum as f32 * self.scale * per_feature(n);
        for (on, w) in signals.iter().zip(self.signals) {
            if on.is_some() {
                z += w;
            }
        }
        sigmoid(z)
    }

    /// The features that carried the score of `s` most, strongest first: at most three, each
    /// adding at least 0.1 to the log-odds.
    pub fn why(&self, s: &str, signals: &Signals<'_>) -> Vec<String> {
        let mut parts: Vec<(String, f32)> = signals
            .iter()
            .zip(signals::NAMES)
            .zip(self.signals)
            .filter_map(|((on, name), w)| on.map(|words| (format!("{name}: {words}"), w)))
            .collect();
        // Summed per word and per pair of words, case-insensitively, each named by its first
        // occurrence. The words are kept as byte ranges and grouped by sorting their indices
        // (12 bytes a word), and each word's features are hashed again when its group is
        // summed: a sentence of millions of words must not hold a record per feature.
        let n = features::visit(s, self.bits, |_, _| {});
        let unit = self.scale * per_feature(n);
        // Offsets fit in u32: no file factcheck reads is over 16 MiB, and a longer sentence
        // (never met) is explained by its first 4 GiB.
        let cut = (0..=s.len().min(u32::MAX as usize))
            .rev()
            .find(|&i| s.is_char_boundary(i))
            .unwrap_or(0);
        let s = &s[..cut];
        let words: Vec<(u32, u32)> = features::words(s)
            .map(|(a, b)| (a as u32, b as u32))
            .collect();
        let span = |i: u32| {
            let (a, b) = words[i as usize];
            (a as usize, b as usize)
        };
        let text = |i: u32| {
            let (a, b) = span(i);
            &s[a..b]
        };
        let before = |i: u32| i.checked_sub(1).map(span);
        let weight = |q: i32| q as f32 * unit;
        // A word a signal already names (`medical or causal: Depression`) is not repeated.
        let named = |w: &str| signals.iter().flatten().any(|e| e.eq_ignore_ascii_case(w));
        // Words are grouped by a hash of their folded text, sorted as integers; a run of equal
        // hashes is one word unless two words collide, and then it is split by the words.
        let mut order: Vec<(u64, u32)> = (0..words.len() as u32)
            .map(|i| (folded_hash("", text(i)), i))
            .collect();
        let mut group = Vec::new();
        for_each_group(
            &mut order,
            &mut group,
            |i| Folded(text(i)),
            |group| {
                let mut q = 0i32;
                for &i in group {
                    features::word_buckets(s, span(i), self.bits, |b| {
                        q += i32::from(self.table[b as usize]);
                    });
                }
                let w = text(group[0]);
                if weight(q) >= 0.1 && !named(w) {
                    parts.push((describe(&Feature::Word(w)), weight(q)));
                }
            },
        );
        let first = |i: u32| before(i).map_or("", |(a, b)| &s[a..b]);
        for entry in &mut order {
            *entry = (folded_hash(first(entry.1), text(entry.1)), entry.1);
        }
        let pair = |i: u32| (first(i), text(i));
        let folded_pair = |i: u32| (Folded(first(i)), Folded(text(i)));
        for_each_group(&mut order, &mut group, folded_pair, |group| {
            let q: i32 = group
                .iter()
                .map(|&i| {
                    let b = features::pair_bucket(s, before(i), span(i), self.bits);
                    i32::from(self.table[b as usize])
                })
                .sum();
            if weight(q) >= 0.1 {
                let (a, b) = pair(group[0]);
                parts.push((describe(&Feature::Pair(a, b)), weight(q)));
            }
        });
        parts.retain(|(_, w)| *w >= 0.1);
        parts.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        parts.dedup_by(|a, b| a.0 == b.0);
        parts.into_iter().take(3).map(|(label, _)| label).collect()
    }
}

/// The value of each hashed feature of a sentence with `n` of them: the feature vector has
/// unit length, so long sentences do not score high merely for having many words.
pub fn per_feature(n: usize) -> f32 {
    if n == 0 { 0.0 } else { 1.0 / (n as f32).sqrt() }
}

/// FNV-1a (64 bits) over `a`, a separator and `b`, ASCII letters lowercased: the words
/// `why` groups, hashed in place.
fn folded_hash(a: &str, b: &str) -> u64 {
    let step =
        |h: u64, x: u8| (h ^ u64::from(x.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3);
    let h = a.bytes().fold(0xcbf2_9ce4_8422_2325, step);
    b.bytes().fold(step(h, 0xff), step)
}

/// Sorts `order` (the hash of each index's key, the index) and calls `each` with the indices
/// of every group of equal keys, in increasing index order, so the first names the group.
/// `buffer` is reused between groups.
fn for_each_group<K: Ord + Copy>(
    order: &mut [(u64, u32)],
    buffer: &mut Vec<u32>,
    key: impl Fn(u32) -> K,
    mut each: impl FnMut(&[u32]),
) {
    order.sort_unstable();
    for run in order.chunk_by(|x, y| x.0 == y.0) {
        buffer.clear();
        buffer.extend(run.iter().map(|x| x.1));
        let one = key(buffer[0]);
        if buffer.iter().all(|&i| key(i) == one) {
            each(buffer);
        } else {
            // Two different words with one hash: sort the run by the words themselves.
            buffer.sort_by(|&a, &b| key(a).cmp(&key(b)).then(a.cmp(&b)));
            for group in buffer.chunk_by(|&a, &b| key(a) == key(b)) {
                each(group);
            }
        }
    }
}

/// A word compared ASCII-case-insensitively in place: `why` groups every feature of a listed
/// sentence by its words, and lowercasing a copy of each cost an allocation per feature.
#[derive(Clone, Copy)]
struct Folded<'a>(&'a str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl PartialOrd for Folded<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Folded<'_> {
    /// Byte by byte, lowercased on the fly: no copy of either word.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let a = self.0.bytes().map(|b| b.to_ascii_lowercase());
        a.cmp(other.0.bytes().map(|b| b.to_ascii_lowercase()))
    }
}

/// A feature as a fact-checker reads it in `why`.
fn describe(f: &Feature<'_>) -> String {
    match f {
        Feature::Word(w) | Feature::Chars(w) => format!("word: {w}"),
        Feature::Pair("", w) => format!("opening: {w}"),
        Feature::Pair(a, b) => format!("words: {a} {b}"),
    }
}

/// The logistic function, with an exp of our own: `f32::exp` comes from the platform's maths
/// library, whose last bit may differ between platforms, and training must produce the same
/// model file everywhere. (Relative error about 1e-7.)
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + exp(-z))
}

/// e^x for |x| ≤ 80 (clamped), from f32 arithmetic only: 2^k exactly times 2^f, f in
/// [−½, ½], by its Taylor series to degree 6.
fn exp(x: f32) -> f32 {
    let t = x.clamp(-80.0, 80.0) * std::f32::consts::LOG2_E;
    let k = t.round();
    let f = t - k;
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_226_5
                + f * (0.055_504_11
                    + f * (0.009_618_129 + f * (0.001_333_356 + f * 0.000_154_035)))));
    p * f32::from_bits(((k as i32 + 127) as u32) << 23)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_hashes_are_split_by_the_words() {
        let words = ["b", "A", "a", "B", "a"];
        let mut order: Vec<(u64, u32)> = (0..5).map(|i| (7, i)).collect();
        let mut groups = Vec::new();
        let key = |i: u32| Folded(words[i as usize]);
        for_each_group(&mut order, &mut Vec::new(), key, |g| {
            groups.push(g.to_vec())
        });
        assert_eq!(groups, [vec![1, 2, 4], vec![0, 3]]);
    }

    #[test]
    fn the_file_round_trips_and_the_exp_is_close() {
        let m = shipped();
        assert_eq!(Model::from_bytes(&m.to_bytes()).as_ref(), Some(m));
        assert!(Model::from_bytes(b"FCSUGGv1").is_none());
        for x in [-20.0f32, -3.5, -0.1, 0.0, 0.7, 4.2, 15.0] {
            assert!((exp(x) / x.exp() - 1.0).abs() < 2e-6, "{x}");
        }
        assert!(m.list < m.warn);
    }
}
