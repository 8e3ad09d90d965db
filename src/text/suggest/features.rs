//! The hashed features of a sentence: word unigrams, word pairs (with the sentence start as a
//! word, so `I think …` and `You should …` are seen as openings) and character 3- and 4-grams
//! of each word. Hashing into a fixed table keeps the model small and needs no vocabulary; the
//! same function serves training and scoring, so they cannot drift apart.
//!
//! Words are compared ASCII-lowercased with every digit read as `0`: `15 mg` and `40 mg` share
//! their features, and the model learns the shape of a number rather than its value.

/// A feature of a sentence, with the words of the sentence it comes from (for `why`).
#[derive(Debug, Clone, Copy)]
pub enum Feature<'a> {
    /// One word.
    Word(&'a str),
    /// Two consecutive words; the first is empty at the start of the sentence.
    Pair(&'a str, &'a str),
    /// A character n-gram of this word.
    Chars(&'a str),
}

/// Calls `f` with the table bucket (below `1 << bits`) and the origin of each hashed feature
/// of `sentence`, in a fixed order; returns how many there were.
pub fn visit<'a>(sentence: &'a str, bits: u32, mut f: impl FnMut(u32, Feature<'a>)) -> usize {
    let mut n = 0;
    let mut previous: Option<(usize, usize)> = None;
    for word in words(sentence) {
        let original = &sentence[word.0..word.1];
        let before = previous.map_or("", |(a, b)| &sentence[a..b]);
        let mut first = true;
        word_buckets(sentence, word, bits, |b| {
            n += 1;
            if std::mem::take(&mut first) {
                f(b, Feature::Word(original));
                // The pair comes right after the word's own feature, before its n-grams.
                n += 1;
                f(
                    pair_bucket(sentence, previous, word, bits),
                    Feature::Pair(before, original),
                );
            } else {
                f(b, Feature::Chars(original));
            }
        });
        previous = Some(word);
    }
    n
}

/// Calls `f` with the bucket of each feature of the word at `word` (byte range) in
/// `sentence` that belongs to the word alone: the word itself, then its character 3- and
/// 4-grams. Words are normalised byte by byte as they are hashed (no copy of the sentence).
pub fn word_buckets(sentence: &str, word: (usize, usize), bits: u32, mut f: impl FnMut(u32)) {
    let mask = (1u32 << bits) - 1;
    let word = &sentence.as_bytes()[word.0..word.1];
    f(fmix(fnv(b'w', word, b"")) & mask);
    let mut padded = [0u8; 34];
    let len = word.len().min(32);
    padded[0] = b'<';
    for (to, &b) in padded[1..=len].iter_mut().zip(word) {
        *to = normal(b);
    }
    padded[len + 1] = b'>';
    let padded = &padded[..len + 2];
    // Every 4-gram starts as the 3-gram at its place: hash each 3-gram's bytes once.
    let mut threes = [0u32; 32];
    for (i, gram) in padded.windows(3).enumerate() {
        threes[i] = gram.iter().fold(step(FNV_START, b'c'), |h, &b| step(h, b));
        f(fmix(step(threes[i], SEPARATOR)) & mask);
    }
    for (i, gram) in padded.windows(4).enumerate() {
        f(fmix(step(step(threes[i], gram[3]), SEPARATOR)) & mask);
    }
}

/// The bucket of the pair feature of the word at `word`: the word before it (`None` at the
/// start of the sentence) and the word.
pub fn pair_bucket(
    sentence: &str,
    previous: Option<(usize, usize)>,
    word: (usize, usize),
    bits: u32,
) -> u32 {
    let bytes = sentence.as_bytes();
    let before = previous.map_or(&b""[..], |(a, b)| &bytes[a..b]);
    fmix(fnv(b'p', before, &bytes[word.0..word.1])) & ((1u32 << bits) - 1)
}

/// A byte as features see it: ASCII letters lowercased, ASCII digits read as `0`.
fn normal(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b'0',
        _ => b.to_ascii_lowercase(),
    }
}

/// The words of `s` as byte ranges: runs of letters and digits, and the symbols that carry
/// meaning on their own (`%`, currency).
pub fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let symbol = |c: char| matches!(c, '%' | '$' | '£' | '€');
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((start, c)) = chars.next() {
            if symbol(c) {
                return Some((start, start + c.len_utf8()));
            }
            if c.is_alphanumeric() {
                let mut end = start + c.len_utf8();
                while let Some(&(i, c)) = chars.peek().filter(|(_, c)| c.is_alphanumeric()) {
                    end = i + c.len_utf8();
                    chars.next();
                }
                return Some((start, end));
            }
        }
        None
    })
}

/// FNV-1a's starting value.
const FNV_START: u32 = 0x811c_9dc5;
/// The byte between a feature's two strings.
const SEPARATOR: u8 = 0xff;

/// One FNV-1a step.
fn step(h: u32, byte: u8) -> u32 {
    (h ^ u32::from(byte)).wrapping_mul(0x0100_0193)
}

/// FNV-1a over a kind byte and two byte strings (separated, so `ab`+`c` ≠ `a`+`bc`), each
/// byte [`normal`]ised as it is read.
fn fnv(kind: u8, a: &[u8], b: &[u8]) -> u32 {
    let h = a
        .iter()
        .fold(step(FNV_START, kind), |h, &x| step(h, normal(x)));
    b.iter()
        .fold(step(h, SEPARATOR), |h, &x| step(h, normal(x)))
}

/// MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word before masking.
fn fmix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The n-gram hashes built from shared 3-gram prefixes are FNV-1a over the whole feature.
    #[test]
    fn gram_hashes_are_the_plain_hash_of_each_gram() {
        let mut seen = Vec::new();
        visit("Vitamins", 30, |b, f| {
            if let Feature::Chars(_) = f {
                seen.push(b);
            }
        });
        let padded = b"<vitamins>";
        let expected: Vec<u32> = [3, 4]
            .iter()
            .flat_map(|&n| {
                padded
                    .windows(n)
                    .map(|g| fmix(fnv(b'c', g, b"")) & ((1 << 30) - 1))
            })
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn numbers_share_features_and_words_keep_their_case_for_why() {
        let collect = |s| {
            let mut v = Vec::new();
            visit(s, 18, |b, _| v.push(b));
            v
        };
        assert_eq!(collect("Take 15 mg daily"), collect("take 40 MG daily"));
        let mut words = Vec::new();
        let n = visit("Studies show 40% less", 18, |_, f| {
            if let Feature::Word(w) = f {
                words.push(w);
            }
        });
        assert_eq!(words, ["Studies", "show", "40", "%", "less"]);
        assert!(n > 10);
    }
}
