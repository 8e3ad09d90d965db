//! Where a finding goes in the sidecar, found from indexes built once per article.
//!
//! serde_yaml keeps no positions, so findings on the sidecar are placed by reading its lines
//! ([`yaml::Locator`]): the first line setting a key to a value, the first line mentioning a
//! word. Each of those, asked once per finding, scans the file from the top of a section or a
//! claim: thousands of findings (merge conflicts at distinct places, sign-offs by people not
//! in `people`) made it the square of the sidecar's length. [`Places`] answers the same
//! questions with the same answers from indexes built on first use: a map per key from each
//! value to the first line setting it, a map from each word to where it occurs, and each
//! section and item end looked up once.

use std::collections::HashMap;

use crate::error::Pos;
use crate::text::yaml::Locator;

/// The sidecar's places, indexed on first use.
pub(super) struct Places<'a> {
    text: &'a str,
    locator: Locator<'a>,
    lines: Option<Vec<&'a str>>,
    /// `Locator::key(key, from)`, by `(key, from)`.
    keys: HashMap<(String, usize), Option<Pos>>,
    /// For `(key, from)`, each value's first line at or after `from` setting `key` to it.
    values: HashMap<(String, usize), HashMap<&'a str, Pos>>,
    /// `Locator::end_of_item(line)`, by line.
    ends: HashMap<usize, usize>,
    /// Where each word occurs.
    words: Option<Words<'a>>,
    /// Answers already given by [`Places::word_before`].
    found: HashMap<(String, usize, usize), Option<Pos>>,
    /// For long lines, the byte offset of every [`STRIDE`]th byte's character, with its
    /// character count: a column on a long line is found from the nearest, not from the start.
    strides: HashMap<usize, Vec<(usize, usize)>>,
    /// Lines read and candidates tried so far: what the answers cost ([`Places::work`]).
    work: usize,
}

/// How far apart the characters indexed on a long line are, in bytes.
const STRIDE: usize = 4096;

impl<'a> Places<'a> {
    /// The places of the sidecar `text`; nothing is read until a finding asks.
    pub(super) fn new(text: &'a str) -> Places<'a> {
        Places {
            text,
            locator: Locator::new(text),
            lines: None,
            keys: HashMap::new(),
            values: HashMap::new(),
            ends: HashMap::new(),
            words: None,
            found: HashMap::new(),
            strides: HashMap::new(),
            work: 0,
        }
    }

    /// The part of line `pos.line` a finding at `pos` spanning `len` characters keeps: the
    /// whole line when it is at most `keep` bytes, else at most `keep` bytes around the span
    /// (as an article's long lines are kept), with how many characters of the line come before
    /// it and whether it goes on after. Thousands of findings on a line megabytes long (a flow
    /// list of sources) must neither copy it into each nor count their columns from its start.
    pub(super) fn window(&mut self, pos: Pos, len: usize, keep: usize) -> (&'a str, usize, bool) {
        let line = self.locator.line(pos.line);
        if line.len() <= keep {
            return (line, 0, false);
        }
        let column = pos.column.saturating_sub(1);
        let at = self.byte_at(pos.line, line, column);
        let end = floor(line, at.saturating_add(len));
        let from = floor(line, at.saturating_sub(keep / 4));
        let to = floor(line, (end + keep / 2).min(from + keep));
        let before = column.saturating_sub(line[from..at].chars().count());
        (&line[from..to], before, to < line.len())
    }

    /// The byte offset of character `column` (0-based) of `line` (numbered `number`), from the
    /// nearest indexed character before it.
    fn byte_at(&mut self, number: usize, line: &str, column: usize) -> usize {
        let strides = self.strides.entry(number).or_insert_with(|| {
            let mut marks = vec![(0, 0)];
            let mut next = STRIDE;
            for (chars, (byte, _)) in line.char_indices().enumerate() {
                if byte >= next {
                    marks.push((chars, byte));
                    next = byte + STRIDE;
                }
            }
            marks
        });
        let i = strides.partition_point(|&(chars, _)| chars <= column);
        let (chars, byte) = strides[i.saturating_sub(1)];
        line[byte..]
            .char_indices()
            .nth(column - chars)
            .map_or(line.len(), |(b, _)| byte + b)
    }

    /// How many lines the answers so far read (indexing counts every line it reads, a scan
    /// the lines it passed) and how many candidates they tried: linear in the sidecar
    /// however many findings ask.
    #[cfg(test)]
    pub(super) fn work(&self) -> usize {
        self.work
    }

    /// The locator, for what it already indexes itself (claims and sources by id, lines).
    pub(super) fn locator(&self) -> &Locator<'a> {
        &self.locator
    }

    fn lines(&mut self) -> &[&'a str] {
        let text = self.text;
        self.lines.get_or_insert_with(|| text.lines().collect())
    }

    /// The first line at or after `from` that starts with `key:` ([`Locator::key`]).
    pub(super) fn key(&mut self, key: &str, from: usize) -> Option<Pos> {
        let index = (key.to_string(), from);
        if let Some(hit) = self.keys.get(&index) {
            return *hit;
        }
        let pos = self.locator.key(key, from);
        self.work += self.passed(from, pos.map(|p| p.line));
        self.keys.insert(index, pos);
        pos
    }

    /// How many lines a scan from line `from` to line `to` (to the end when `None`) reads.
    fn passed(&mut self, from: usize, to: Option<usize>) -> usize {
        let end = to.unwrap_or_else(|| self.lines().len());
        end.saturating_sub(from.max(1)) + 1
    }

    /// The first line at or after `from` that sets `key` to `value` ([`Locator::key_value`]).
    pub(super) fn key_value(&mut self, key: &str, value: &str, from: usize) -> Option<Pos> {
        let index = (key.to_string(), from);
        if !self.values.contains_key(&index) {
            let mut first = HashMap::new();
            let start = from.max(1) - 1;
            self.work += self.lines().len().saturating_sub(start);
            for (i, line) in self.lines().iter().enumerate().skip(start) {
                if let Some((v, byte)) = key_value_of(line, key) {
                    first.entry(v).or_insert_with(|| Pos {
                        line: i + 1,
                        column: line[..byte].chars().count() + 1,
                    });
                }
            }
            self.values.insert(index.clone(), first);
        }
        self.values[&index].get(value).copied()
    }

    /// Where the YAML node starting at `line` ends ([`Locator::end_of_item`]).
    pub(super) fn end_of_item(&mut self, line: usize) -> usize {
        if let Some(&end) = self.ends.get(&line) {
            return end;
        }
        let end = self.locator.end_of_item(line);
        self.work += self.passed(line, (end != usize::MAX).then_some(end));
        self.ends.insert(line, end);
        end
    }

    /// The first line at or after `from` that mentions `word` as a whole token
    /// ([`Locator::word`]).
    pub(super) fn word(&mut self, word: &str, from: usize) -> Option<Pos> {
        self.word_before(word, from, usize::MAX)
    }

    /// Like [`Places::word`], only on lines before `until` ([`Locator::word_before`]): the
    /// same answer, from where the rarest of its words occurs instead of a scan of the lines.
    pub(super) fn word_before(&mut self, word: &str, from: usize, until: usize) -> Option<Pos> {
        let key = (word.to_string(), from, until);
        if let Some(hit) = self.found.get(&key) {
            return *hit;
        }
        let pos = self.look_up(word, from, until);
        self.found.insert(key, pos);
        pos
    }

    fn look_up(&mut self, word: &str, from: usize, until: usize) -> Option<Pos> {
        // 0-based line indices, as `Locator::find` takes them.
        let (first, last) = (from.max(1) - 1, until.saturating_sub(1));
        let parts: Vec<(usize, &str)> = tokens(word).collect();
        if parts.is_empty() || first >= last {
            // No word character to look up by: read the lines (a value of punctuation only).
            let pos = self.locator.word_before(word, from, until);
            let to = pos
                .map(|p| p.line)
                .or((until != usize::MAX).then_some(until));
            self.work += self.passed(from, to);
            return pos;
        }
        if self.words.is_none() {
            let words = Words::of(self.lines());
            self.work += self.lines().len();
            self.words = Some(words);
        }
        let (Some(words), Some(lines)) = (&self.words, &self.lines) else {
            return None;
        };
        // Every occurrence of `word` as a whole token holds each of its words as a whole
        // token at the same offset: candidates are where its rarest one occurs.
        let (offset, at) = parts
            .iter()
            .map(|&(offset, part)| (offset, words.within(part, first, last)))
            .min_by_key(|(_, at)| at.len())?;
        let overlaps = has_border(word.as_bytes());
        let mut last_line = usize::MAX;
        let mut tried = 0;
        let found = at.iter().find_map(|&(line, byte, column)| {
            tried += 1;
            let (line, byte) = (line as usize, byte as usize);
            let text = lines[line];
            if overlaps {
                // `word` can overlap itself, and a non-overlapping search can skip an
                // occurrence: read the line as the locator does, once per line.
                let pos = (line != last_line)
                    .then(|| locator_line(text, word, line))
                    .flatten();
                last_line = line;
                return pos;
            }
            let start = byte.checked_sub(offset)?;
            (text.is_char_boundary(start)
                && text[start..].starts_with(word)
                && whole(text, start, word.len()))
            .then(|| Pos {
                line: line + 1,
                column: column as usize - word[..offset].chars().count() + 1,
            })
        });
        self.work += tried;
        found
    }
}

/// The value (unquoted) and byte column of `key:` on a YAML `line`, list item or not: what
/// [`Locator::key_value`] compares.
fn key_value_of<'l>(line: &'l str, key: &str) -> Option<(&'l str, usize)> {
    let t = line.trim_start().trim_start_matches("- ").trim_start();
    let rest = t.strip_prefix(key)?.strip_prefix(':')?.trim();
    let v = rest.trim_matches(|c| c == '"' || c == '\'');
    Some((v, line.len() - t.len()))
}

/// The largest character boundary of `s` at or before `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether `c` continues a token ([`Locator::word`]'s edges).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// The maximal runs of word characters in `s`, with their byte offsets.
fn tokens(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    s.char_indices()
        .chain(std::iter::once((s.len(), ' ')))
        .filter_map(move |(i, c)| match (is_word(c), start) {
            (true, None) => {
                start = Some(i);
                None
            }
            (false, Some(from)) => {
                start = None;
                Some((from, &s[from..i]))
            }
            _ => None,
        })
}

/// Whether the `len` bytes at `start` of `line` stand as a whole token there.
fn whole(line: &str, start: usize, len: usize) -> bool {
    let edge = |c: Option<char>| c.is_none_or(|c| !is_word(c));
    edge(line[..start].chars().next_back()) && edge(line[start + len..].chars().next())
}

/// Whether a proper prefix of `s` is also its suffix (so two occurrences can overlap).
fn has_border(s: &[u8]) -> bool {
    let mut border = vec![0usize; s.len()];
    let mut k = 0;
    for i in 1..s.len() {
        while k > 0 && s[i] != s[k] {
            k = border[k - 1];
        }
        if s[i] == s[k] {
            k += 1;
        }
        border[i] = k;
    }
    border.last().is_some_and(|&k| k > 0)
}

/// The first whole-token occurrence of `word` on `text` (line index `line`), as
/// [`Locator::word_before`] reads a line.
fn locator_line(text: &str, word: &str, line: usize) -> Option<Pos> {
    text.match_indices(word)
        .map(|(i, _)| i)
        .find(|&i| whole(text, i, word.len()))
        .map(|byte| Pos {
            line: line + 1,
            column: text[..byte].chars().count() + 1,
        })
}

/// Where each token of the sidecar occurs: (line index, byte and character offset in the
/// line), in file order.
struct Words<'a> {
    at: HashMap<&'a str, Vec<(u32, u32, u32)>>,
}

impl<'a> Words<'a> {
    fn of(lines: &[&'a str]) -> Words<'a> {
        let mut at: HashMap<&'a str, Vec<(u32, u32, u32)>> = HashMap::new();
        for (i, &line) in lines.iter().enumerate() {
            let mut start: Option<(usize, u32)> = None;
            let chars = line
                .char_indices()
                .chain(std::iter::once((line.len(), ' ')));
            for (column, (b, c)) in (0u32..).zip(chars) {
                match (is_word(c), start) {
                    (true, None) => start = Some((b, column)),
                    (false, Some((from, col))) => {
                        start = None;
                        at.entry(&line[from..b])
                            .or_default()
                            .push((i as u32, from as u32, col));
                    }
                    _ => {}
                }
            }
        }
        Words { at }
    }

    /// The occurrences of `token` on lines `first..last` (indices).
    fn within(&self, token: &str, first: usize, last: usize) -> &[(u32, u32, u32)] {
        let Some(all) = self.at.get(token) else {
            return &[];
        };
        let from = all.partition_point(|&(l, _, _)| (l as usize) < first);
        let to = all.partition_point(|&(l, _, _)| (l as usize) < last);
        &all[from..to.max(from)]
    }
}

#[cfg(test)]
mod tests;
