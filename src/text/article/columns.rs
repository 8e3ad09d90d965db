//! Character columns on long lines in constant time: a line of an article can be megabytes
//! long (one-line exports, minified HTML), and counting the characters from the line's start
//! for every finding on it made a check quadratic in the line's length.

/// Bytes per block of the index.
const BLOCK: usize = 4096;

/// The number of characters before the start of every [`BLOCK`] bytes of a text (each block
/// starting at the character boundary at or before its multiple of `BLOCK`).
#[derive(Debug, Default)]
pub struct CharIndex {
    before: Vec<usize>,
}

impl CharIndex {
    /// The index of `text`, in one pass.
    pub fn of(text: &str) -> CharIndex {
        let mut before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut chars = 0;
        let mut from = 0;
        for k in 0..=text.len() / BLOCK {
            let at = floor(text, k * BLOCK);
            chars += text[from..at].chars().count();
            before.push(chars);
            from = at;
        }
        CharIndex { before }
    }

    /// The number of characters of `text` (the text indexed) in `a..b`, both character
    /// boundaries, `a <= b`.
    pub fn count(&self, text: &str, a: usize, b: usize) -> usize {
        if b - a < 2 * BLOCK {
            return text[a..b].chars().count();
        }
        self.upto(text, b) - self.upto(text, a)
    }

    /// The number of characters before byte `x`.
    fn upto(&self, text: &str, x: usize) -> usize {
        let k = x / BLOCK;
        let at = floor(text, k * BLOCK);
        self.before[k] + text[at..x].chars().count()
    }
}

/// The character boundary at or before `i`.
pub fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_a_plain_count() {
        let text: String = "aé€𝄞 ".repeat(5_000);
        let index = CharIndex::of(&text);
        let bounds: Vec<usize> = (0..=text.len())
            .step_by(997)
            .map(|i| floor(&text, i))
            .collect();
        for &a in bounds.iter().step_by(7) {
            for &b in bounds.iter().filter(|&&b| b >= a).step_by(5) {
                assert_eq!(index.count(&text, a, b), text[a..b].chars().count());
            }
        }
    }
}
