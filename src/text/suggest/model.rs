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
        // Summed per word or pair, case-insensitively. A word's features come one after another
        // (the word, its pair with the word before, its n-grams), so each is added to one of
        // the last two entries; the entries of equal words are then merged by sorting, so a
        // sentence of thousands of distinct words costs no more than sorting them.
        let mut sums: Vec<(Feature<'_>, i32)> = Vec::new();
        let n = features::visit(s, self.bits, |b, f| {
            let f = match f {
                Feature::Chars(w) => Feature::Word(w),
                other => other,
            };
            let q = i32::from(self.table[b as usize]);
            match sums
                .iter_mut()
                .rev()
                .take(2)
                .find(|(g, _)| same_origin(g, &f))
            {
                Some(entry) => entry.1 += q,
                None => sums.push((f, q)),
            }
        });
        let words = merge_equal(sums);
        let unit = self.scale * per_feature(n);
        // A word a signal already names (`medical or causal: Depression`) is not repeated.
        let named = |f: &Feature<'_>| {
            let Feature::Word(w) = f else { return false };
            signals.iter().flatten().any(|e| e.eq_ignore_ascii_case(w))
        };
        parts.extend(
            words
                .iter()
                .filter(|(f, _)| !named(f))
                .map(|(f, q)| (describe(f), *q as f32 * unit)),
        );
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

/// What makes two features the same words (a word's n-grams count with the word): a word is
/// `(word, "")` and a pair `(first, second)`, without case; a pair's first word may be empty
/// (the opening), so a pair is marked as one.
fn key<'a>(f: &Feature<'a>) -> Key<'a> {
    match *f {
        Feature::Word(w) | Feature::Chars(w) => Key(false, Folded(w), Folded("")),
        Feature::Pair(a, b) => Key(true, Folded(a), Folded(b)),
    }
}

/// What [`key`] returns: whether it is a pair, and its words compared without case.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Key<'a>(bool, Folded<'a>, Folded<'a>);

/// Whether `a` and `b` are the same words of the sentence (the same slices, not merely equal
/// text): the features [`features::visit`] gives one word in a row.
fn same_origin(a: &Feature<'_>, b: &Feature<'_>) -> bool {
    let same = |x: &str, y: &str| std::ptr::eq(x, y);
    match (a, b) {
        (Feature::Word(x), Feature::Word(y)) => same(x, y),
        (Feature::Pair(x1, x2), Feature::Pair(y1, y2)) => same(x1, y1) && same(x2, y2),
        _ => false,
    }
}

/// `sums` with the entries of equal words (by [`key`]) added up, each under the feature first
/// seen for them, in no particular order.
fn merge_equal<'a>(mut sums: Vec<(Feature<'a>, i32)>) -> Vec<(Feature<'a>, i32)> {
    // A stable sort keeps equal words in the order they were seen: the first names them.
    sums.sort_by(|a, b| key(&a.0).cmp(&key(&b.0)));
    let mut merged: Vec<(Feature<'a>, i32)> = Vec::with_capacity(sums.len());
    for (f, q) in sums {
        match merged.last_mut() {
            Some(last) if key(&last.0) == key(&f) => last.1 += q,
            _ => merged.push((f, q)),
        }
    }
    merged
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
