//! All YAML input and output goes through this module, so the YAML crate can be swapped for a
//! maintained fork without touching the rest of the code base.
//!
//! Parsing is strict (`deny_unknown_fields` on every type) and every error is located: file,
//! line, column, what was expected, and for a misspelt key or value the closest valid one.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::text::span::{Invalid, Pos};

pub mod block;
mod depth;
#[cfg(test)]
mod roundtrip;

use depth::MAX_DEPTH;

/// Parses untyped YAML (front matter) into a JSON value; `None` when it is not valid YAML.
pub fn value(text: &str) -> Option<serde_json::Value> {
    if depth::too_deep(text).is_some() {
        return None;
    }
    serde_yaml::from_str(text).ok()
}

/// Parses `text` (the contents of `file`) into `T`, turning serde errors into located errors.
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, Invalid> {
    if text.trim().is_empty() {
        return Err(Invalid {
            file: file.to_path_buf(),
            pos: Pos { line: 1, column: 1 },
            message: "the file is empty; expected a YAML mapping".into(),
            hint: None,
        });
    }
    // The fast reader takes the plain block style factcheck writes, nested no deeper than half
    // the limit, and steps aside for anything else.
    if let Some(value) = block::parse(text) {
        return Ok(value);
    }
    // Before serde_yaml, which decides everything the fast reader declines, errors included:
    // libyaml is quadratic in flow nesting.
    if let Some((pos, depth)) = depth::too_deep(text) {
        return Err(Invalid {
            file: file.to_path_buf(),
            pos,
            message: format!("YAML nested {depth} deep, over the limit of {MAX_DEPTH}"),
            hint: Some("factcheck's files nest a few levels deep; remove the nesting".into()),
        });
    }
    serde_yaml::from_str(text).map_err(|e| located(e, text, file))
}

/// Serialises `value` as YAML in the canonical layout (field order of the Rust type).
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("factcheck's own types always serialise to YAML")
}

/// `s` as a YAML scalar for a line factcheck writes by hand (the roster in `factcheck.yaml`):
/// plain when it reads back unchanged as a plain scalar, in a block mapping and in a flow
/// sequence alike, else [`quoted`].
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.contains([',', '[', ']', '{', '}', '#', '"', '\''])
        && !s.contains(": ")
        && s.chars().all(|c| !needs_escape(c))
        && value(&format!("k: {s}")).is_some_and(|v| v["k"].as_str() == Some(s))
        && value(&format!("k: [{s}]")).is_some_and(|v| v["k"][0].as_str() == Some(s));
    if plain { s.to_string() } else { quoted(s) }
}

/// `s` as a YAML double-quoted scalar on one line that every YAML reader reads back as `s`:
/// `"` and `\` escaped, and every character that is not printable in YAML or that libyaml
/// reads as a line break (CR, LF, NEL, LS, PS: a raw one would fold the scalar and eat the
/// spaces around it) escaped too. JSON's quoting is not enough: it leaves NEL, LS, PS, DEL
/// and the C1 controls raw.
pub fn quoted(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x100 && needs_escape(c) => {
                write!(out, "\\x{:02X}", c as u32).expect("writing to a String")
            }
            c if needs_escape(c) => {
                write!(out, "\\u{:04X}", c as u32).expect("writing to a String")
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `c` must be escaped in a double-quoted scalar: not printable in YAML 1.1 (C0 and
/// C1 controls, DEL, U+FFFE, U+FFFF), a line break, or the byte order mark (which readers may
/// drop).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

fn located(err: serde_yaml::Error, text: &str, file: &Path) -> Invalid {
    let full = err.to_string();
    // libyaml's reader (a raw control character, a byte order mark inside the text) says
    // where by a byte offset only (`… at position 335`), its mark left at the start.
    let offset = full
        .rsplit_once(" at position ")
        .and_then(|(message, n)| Some((message, n.parse::<usize>().ok()?)))
        .filter(|_| err.location().is_none_or(|l| l.index() == 0));
    let (pos, message) = match (err.location(), offset) {
        (_, Some((message, offset))) => (pos_at(text, offset), message_at(message, text, offset)),
        (Some(l), None) => (
            Pos {
                line: l.line(),
                column: char_column(text, l.line(), l.column()),
            },
            match full.rfind(" at line ") {
                Some(i) => full[..i].to_string(),
                None => full.clone(),
            },
        ),
        (None, None) => (Pos { line: 1, column: 1 }, full.clone()),
    };
    let hint = typo_hint(&message).or_else(|| {
        let c = offset.and_then(|(_, at)| text.get(at..)?.chars().next())?;
        message.starts_with("control characters are not allowed").then(|| {
            format!(
                "YAML takes no raw control character: write it as an escape inside a double-quoted string (\"\\u{:04x}\"), or remove it",
                c as u32
            )
        })
    });
    Invalid {
        file: file.to_path_buf(),
        pos,
        message,
        hint,
    }
}

/// The line and column (in characters) of byte `offset` of `text`.
fn pos_at(text: &str, offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line: before.matches('\n').count() + 1,
        column: before[start..].chars().count() + 1,
    }
}

/// libyaml's `message` about the character at byte `offset` of `text`, naming it (as an escape:
/// it may be a control character) when it is one.
fn message_at(message: &str, text: &str, offset: usize) -> String {
    match text.get(offset..).and_then(|rest| rest.chars().next()) {
        Some(c) => format!("{message}: {}", super::visible::visible(&c.to_string())),
        None => message.to_string(),
    }
}

/// serde_yaml reports columns in bytes; diagnostics count characters.
fn char_column(text: &str, line: usize, byte_col: usize) -> usize {
    text.lines()
        .nth(line.saturating_sub(1))
        .map(|l| {
            let end = byte_col.saturating_sub(1).min(l.len());
            let end = (0..=end)
                .rev()
                .find(|&i| l.is_char_boundary(i))
                .unwrap_or(0);
            l[..end].chars().count() + 1
        })
        .unwrap_or(byte_col)
}

/// For "unknown field `x`, expected one of `a`, `b`" (and the same for variants), suggests the
/// closest expected name.
fn typo_hint(message: &str) -> Option<String> {
    let (found, rest) = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| message.find(p).map(|i| &message[i + p.len()..]))
        .and_then(|s| s.split_once('`'))?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    closest(found, &expected).map(|best| format!("did you mean `{best}`?"))
}

/// The closest of `candidates` to `word`, if any is reasonably close.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    similar::get_close_matches(word, candidates, 1, 0.6)
        .into_iter()
        .next()
}

/// Finds where things are in a YAML file by scanning its lines, for findings that are detected
/// after parsing (unknown source ids, duplicate ids, ...). serde_yaml does not keep spans, so this
/// looks for `key: value` (optionally as a list item, optionally quoted).
pub struct Locator<'a> {
    text: &'a str,
    lines: std::cell::OnceCell<Vec<&'a str>>,
    /// Where each claim id is first set under `claims:`, indexed on first use: a finding on
    /// each of thousands of claims must not scan the file from the top each time.
    claims: std::cell::OnceCell<std::collections::HashMap<&'a str, Pos>>,
    /// The same for source ids under `sources:`.
    sources: std::cell::OnceCell<std::collections::HashMap<&'a str, Pos>>,
}

impl<'a> Locator<'a> {
    /// A locator over `text`; its lines are indexed on first use, so creating one for a
    /// file that turns out fine costs nothing.
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            lines: std::cell::OnceCell::new(),
            claims: std::cell::OnceCell::new(),
            sources: std::cell::OnceCell::new(),
        }
    }

    fn lines(&self) -> &[&'a str] {
        self.lines.get_or_init(|| self.text.lines().collect())
    }

    /// Line `line` (1-based), empty past the end.
    pub fn line(&self, line: usize) -> &'a str {
        self.lines()
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or("")
    }

    /// Where claim `id` is: the first line after the `claims:` key that sets `id` to it, as
    /// [`Locator::key_value`] finds it.
    pub fn claim(&self, id: &str) -> Option<Pos> {
        self.ids(&self.claims, "claims").get(id).copied()
    }

    /// Where source `id` is, like [`Locator::claim`] under `sources:`.
    pub fn source(&self, id: &str) -> Option<Pos> {
        self.ids(&self.sources, "sources").get(id).copied()
    }

    /// The index of `id:` values after the top-level key `section`, built once in `cell`.
    fn ids<'c>(
        &self,
        cell: &'c std::cell::OnceCell<std::collections::HashMap<&'a str, Pos>>,
        section: &str,
    ) -> &'c std::collections::HashMap<&'a str, Pos> {
        cell.get_or_init(|| {
            let from = self.key(section, 1).map_or(1, |p| p.line);
            let mut index = std::collections::HashMap::new();
            for (i, line) in self.lines().iter().enumerate().skip(from - 1) {
                if let Some((value, byte)) = key_value_of(line, "id") {
                    index.entry(value).or_insert(Pos {
                        line: i + 1,
                        column: line[..byte].chars().count() + 1,
                    });
                }
            }
            index
        })
    }

    /// The first line at or after `from` (1-based) that sets `key` to `value`.
    pub fn key_value(&self, key: &str, value: &str, from: usize) -> Option<Pos> {
        self.find(from, usize::MAX, |line| {
            key_value_of(line, key).and_then(|(v, byte)| (v == value).then_some(byte))
        })
    }

    /// The first line at or after `from` that starts with `key:`.
    pub fn key(&self, key: &str, from: usize) -> Option<Pos> {
        self.find(from, usize::MAX, |line| {
            let t = line.trim_start().trim_start_matches("- ").trim_start();
            t.strip_prefix(key)?.strip_prefix(':')?;
            Some(line.len() - t.len())
        })
    }

    /// Where the value of `key:` starts, on the first line at or after `from` that sets it (as
    /// [`Locator::key`] finds it); at the key when the value is not on that line.
    pub fn value_of(&self, key: &str, from: usize) -> Option<Pos> {
        self.find(from, usize::MAX, |line| {
            let t = line.trim_start().trim_start_matches("- ").trim_start();
            let rest = t.strip_prefix(key)?.strip_prefix(':')?;
            let value = rest.trim_start();
            Some(if value.is_empty() || value.starts_with('#') {
                line.len() - t.len()
            } else {
                line.len() - value.len()
            })
        })
    }

    /// Where `value` is written as a scalar, on the first line from `from` up to (not
    /// including) `until` that holds it: as a whole word ([`Locator::word_before`]), or else as
    /// a quoted scalar on one line that reads as `value` once its escapes are decoded
    /// (`"wr\u0074er"` is `writer`, `"bob\e@x.org"` holds ESC, `'it''s'`), at its opening quote.
    pub fn scalar(&self, value: &str, from: usize, until: usize) -> Option<Pos> {
        self.word_before(value, from, until).or_else(|| {
            self.find(from, until, |line| {
                quoted_scalars(line)
                    .into_iter()
                    .find_map(|(byte, decoded)| (decoded == value).then_some(byte))
            })
        })
    }

    /// The first line at or after `from` that mentions `word` as a whole token.
    pub fn word(&self, word: &str, from: usize) -> Option<Pos> {
        self.word_before(word, from, usize::MAX)
    }

    /// Like [`Locator::word`], but only on lines before `until`.
    pub fn word_before(&self, word: &str, from: usize, until: usize) -> Option<Pos> {
        self.find(from, until, |line| {
            line.match_indices(word).map(|(i, _)| i).find(|&i| {
                let before = line[..i].chars().next_back();
                let after = line[i + word.len()..].chars().next();
                let edge = |c: Option<char>| {
                    c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
                };
                edge(before) && edge(after)
            })
        })
    }

    /// The first line after `line` indented no deeper than `line` that starts a new list item
    /// or key: where the YAML node starting at `line` ends.
    pub fn end_of_item(&self, line: usize) -> usize {
        let indent = |l: &str| l.len() - l.trim_start().len();
        let Some(first) = self.lines().get(line.wrapping_sub(1)) else {
            return usize::MAX;
        };
        let base = indent(first);
        self.lines()
            .iter()
            .enumerate()
            .skip(line)
            .find(|(_, l)| {
                !l.trim().is_empty() && !l.trim_start().starts_with('#') && indent(l) <= base
            })
            .map_or(usize::MAX, |(i, _)| i + 1)
    }

    /// The first line from `from` up to (not including) `until` where `f` finds a column.
    fn find(&self, from: usize, until: usize, f: impl Fn(&str) -> Option<usize>) -> Option<Pos> {
        let start = from.max(1) - 1;
        self.lines()
            .iter()
            .enumerate()
            .take(until.saturating_sub(1))
            .skip(start)
            .find_map(|(i, line)| {
                f(line).map(|byte| Pos {
                    line: i + 1,
                    column: line[..byte].chars().count() + 1,
                })
            })
    }
}

/// The quoted scalars of one `line` that read as strings, each with the byte column of its
/// opening quote and its decoded value. A quote inside a plain scalar (`O'Brien`) may start a
/// candidate that does not read as one; it is passed over.
fn quoted_scalars(line: &str) -> Vec<(usize, String)> {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let quote = bytes[i];
        if quote != b'"' && quote != b'\'' {
            i += 1;
            continue;
        }
        // The closing quote: `"` not escaped by a backslash; `'` not doubled.
        let mut j = i + 1;
        let end = loop {
            match bytes.get(j) {
                None => break None,
                Some(b'\\') if quote == b'"' => j += 2,
                Some(b'\'') if quote == b'\'' && bytes.get(j + 1) == Some(&b'\'') => j += 2,
                Some(&b) if b == quote => break Some(j),
                Some(_) => j += 1,
            }
        };
        let Some(end) = end else { break };
        match serde_yaml::from_str::<String>(&line[i..=end]) {
            Ok(decoded) => {
                found.push((i, decoded));
                i = end + 1;
            }
            Err(_) => i += 1,
        }
    }
    found
}

/// The value (unquoted) and byte column of `key:` on a YAML `line`, list item or not.
fn key_value_of<'l>(line: &'l str, key: &str) -> Option<(&'l str, usize)> {
    let t = line.trim_start().trim_start_matches("- ").trim_start();
    let rest = t.strip_prefix(key)?.strip_prefix(':')?.trim();
    let v = rest.trim_matches(|c| c == '"' || c == '\'');
    Some((v, line.len() - t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_for_misspelt_field() {
        let m = "claims[0]: unknown field `stauts`, expected one of `id`, `quote`, `status`";
        assert_eq!(typo_hint(m).as_deref(), Some("did you mean `status`?"));
    }

    #[test]
    fn locator_finds_list_items_and_quoted_values() {
        let text = "claims:\n- id: a\n  sources: [x]\n- id: \"b\"\n";
        let loc = Locator::new(text);
        assert_eq!(
            loc.key_value("id", "b", 1),
            Some(Pos { line: 4, column: 3 })
        );
        assert_eq!(
            loc.word("x", 2),
            Some(Pos {
                line: 3,
                column: 13
            })
        );
    }

    #[test]
    fn scalars_are_found_however_they_are_written() {
        let text = "workflow: \"he\\x61lth\"  # hm\npeople:\n  - email: \"bob\\e@x.org\"\n    roles: [\"wr\\u0074er\", 'it''s', O'Brien]\n";
        let loc = Locator::new(text);
        let at = |line, column| Some(Pos { line, column });
        assert_eq!(loc.scalar("health", 1, usize::MAX), at(1, 11));
        assert_eq!(loc.scalar("bob\u{1b}@x.org", 1, usize::MAX), at(3, 12));
        assert_eq!(loc.scalar("wrter", 1, usize::MAX), at(4, 13));
        assert_eq!(loc.scalar("it's", 1, usize::MAX), at(4, 27));
        assert_eq!(loc.scalar("O'Brien", 1, usize::MAX), at(4, 36));
        // Only within the lines asked.
        assert_eq!(loc.scalar("wrter", 1, 4), None);
        assert_eq!(loc.value_of("workflow", 1), at(1, 11));
        assert_eq!(loc.value_of("people", 1), at(2, 1));
    }

    #[test]
    fn a_raw_control_character_is_located_by_line_and_column() {
        let text = "article: x.md\nauthors: [é\u{1b}]\n";
        let err = parse::<serde_json::Value>(text, Path::new("x.yaml")).unwrap_err();
        assert_eq!(
            err.pos,
            Pos {
                line: 2,
                column: 12
            }
        );
        assert_eq!(err.message, "control characters are not allowed: \\u001b");
        assert!(err.hint.unwrap().contains("\"\\u001b\""));
    }

    /// Block mappings nested `n` deep, one key per level.
    fn nested(n: usize) -> String {
        (0..n)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect::<String>()
            + &format!("{}leaf: \"words\"\n", "  ".repeat(n))
    }

    #[test]
    fn depth_is_checked_whichever_reader_takes_the_text() {
        let file = Path::new("x.yaml");
        // Shallow: the fast reader.
        assert!(block::parse::<serde_json::Value>(&nested(3)).is_some());
        assert!(parse::<serde_json::Value>(&nested(3), file).is_ok());
        // Deeper than the fast reader goes, within the limit: serde_yaml reads it.
        assert!(block::parse::<serde_json::Value>(&nested(40)).is_none());
        assert!(parse::<serde_json::Value>(&nested(40), file).is_ok());
        // Over the limit: refused before any parser recurses that deep.
        let err = parse::<serde_json::Value>(&nested(200), file).unwrap_err();
        assert!(
            err.message.contains("over the limit of 64"),
            "{}",
            err.message
        );
    }
}
