//! A fast reader for the plain block YAML that factcheck itself writes (and people write by
//! hand in the same style): block mappings and sequences, one-line plain, single- and
//! double-quoted scalars, comments, and one-line flow sequences and mappings of plain scalars.
//!
//! It exists because serde_yaml (libyaml) was about 40% of the time of `check` on a large
//! repository, and sidecars are almost all such YAML. It is deliberately partial: on anything
//! else — anchors, aliases, tags, block scalars, multi-line scalars, nested or quoted flow
//! collections, tabs, line breaks other than `\n` (CR, NEL, LS, PS), document markers, a value
//! type it is not sure how serde_yaml would read — it returns `None` and the caller parses with
//! serde_yaml, which also produces every error message. So it never changes what a file means:
//! it either agrees with serde_yaml or steps aside (checked by the `yaml` fuzz target in
//! `fuzz/`, which compares both readers on arbitrary input, and by the `written` target and the
//! property tests in `src/text/yaml/roundtrip.rs`, which read back everything factcheck writes).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

/// Reads `text` into `T` when it is in the simple block style; `None` when it is not, or when
/// it does not deserialise into `T` (the caller then parses with serde_yaml for the verdict).
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let node = Reader::new(text)?.document()?;
    T::deserialize(&node).ok()
}

/// A parsed node.
#[derive(Debug)]
enum Node<'a> {
    Map(Vec<(&'a str, Node<'a>)>),
    Seq(Vec<Node<'a>>),
    /// A scalar: its value, and whether it was plain (unquoted, so subject to type resolution).
    Scalar(Cow<'a, str>, bool),
    /// A key with nothing after it.
    Empty,
}

/// One significant line: its indentation and its text after the indentation.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
    /// How many blocks the current one is inside (the reader recurses once per level).
    depth: usize,
}

/// The deepest nesting the reader takes on; deeper text goes to the caller's checked path.
/// Half the limit the caller enforces ([`super::depth::MAX_DEPTH`]): a block collection is one
/// level here and one there, a flow collection inside it one more, so whatever the reader
/// accepts is within that limit and the caller need not scan the text for depth first.
const MAX_READER_DEPTH: usize = super::depth::MAX_DEPTH / 2;

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Option<Reader<'a>> {
        let ascii = text
            .bytes()
            .all(|b| b == b'\n' || (b' '..=b'~').contains(&b));
        if !ascii && !text.chars().all(allowed) {
            return None;
        }
        let mut lines = Vec::new();
        for raw in text.split('\n') {
            let body = raw.trim_start_matches(' ');
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            if body.starts_with("---") || body.starts_with("...") || body.starts_with('%') {
                return None;
            }
            lines.push(Line {
                indent: raw.len() - body.len(),
                text: body.trim_end_matches(' '),
            });
        }
        Some(Reader {
            lines,
            at: 0,
            depth: 0,
        })
    }

    fn document(mut self) -> Option<Node<'a>> {
        let first = *self.lines.first()?;
        if first.indent != 0 || first.text.starts_with('-') {
            return None;
        }
        let node = self.block(0)?;
        (self.at == self.lines.len()).then_some(node)
    }

    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.at).copied()
    }

    /// The block (mapping or sequence) starting at the current line, indented `indent`.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        let line = self.peek()?;
        if line.indent != indent || self.depth >= MAX_READER_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = if is_item(line.text) {
            self.sequence(indent)
        } else {
            self.mapping(indent)
        };
        self.depth -= 1;
        node
    }

    fn sequence(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        while let Some(line) = self
            .peek()
            .filter(|l| l.indent == indent && is_item(l.text))
        {
            let rest = line.text[1..].trim_start_matches(' ');
            if rest.is_empty() {
                self.at += 1;
                match self.peek() {
                    Some(next) if next.indent > indent => items.push(self.block(next.indent)?),
                    _ => return None,
                }
            } else if is_item(rest) || key_of(rest).is_some() {
                // `- key: value` opens a mapping whose keys line up with `key`.
                let inner = indent + (line.text.len() - rest.len());
                self.lines[self.at] = Line {
                    indent: inner,
                    text: rest,
                };
                items.push(self.block(inner)?);
            } else {
                self.at += 1;
                items.push(scalar(rest)?);
                self.no_deeper_than(indent)?;
            }
        }
        self.no_deeper_than(indent)?;
        Some(Node::Seq(items))
    }

    fn mapping(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut entries = Vec::new();
        while let Some(line) = self
            .peek()
            .filter(|l| l.indent == indent && !is_item(l.text))
        {
            let (key, rest) = key_of(line.text)?;
            self.at += 1;
            let value = if rest.is_empty() {
                match self.peek() {
                    Some(next) if next.indent > indent => self.block(next.indent)?,
                    // A sequence may sit at its key's indentation (serde_yaml writes them so).
                    Some(next) if next.indent == indent && is_item(next.text) => {
                        self.sequence(indent)?
                    }
                    _ => Node::Empty,
                }
            } else {
                let value = scalar(rest)?;
                self.no_deeper_than(indent)?;
                value
            };
            entries.push((key, value));
        }
        self.no_deeper_than(indent)?;
        Some(Node::Map(entries))
    }

    /// Fails unless the next line (if any) is indented at most `indent`: a deeper one would be
    /// the continuation of a multi-line scalar, which this reader leaves to serde_yaml.
    fn no_deeper_than(&self, indent: usize) -> Option<()> {
        match self.peek() {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }
}

/// Characters serde_yaml accepts in a document, minus tab, the byte order mark and every line
/// break but `\n` (left to serde_yaml). libyaml also breaks lines at CR, NEL (U+0085), LS
/// (U+2028) and PS (U+2029), wherever they stand: a note holding LS is written as a quoted
/// scalar folded onto an indented next line, which reads back without that indentation, and a
/// comment ends at one. This reader splits lines at `\n` only, so it declines them all.
fn allowed(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        && !matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')
        || c >= '\u{10000}'
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// `key: rest` or `key:` with a simple key; `None` for anything else.
fn key_of(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let key = &text[..colon];
    let simple = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !key.starts_with('-');
    let rest = &text[colon + 1..];
    if !simple || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim_start_matches(' ')))
}

/// A one-line scalar (or `[]`, `{}`, a flow sequence of plain scalars) with any trailing
/// comment removed.
fn scalar(text: &str) -> Option<Node<'_>> {
    match text.as_bytes()[0] {
        b'\'' => single_quoted(text),
        b'"' => double_quoted(text),
        b'[' => flow_sequence(text),
        b'{' => flow_mapping(text),
        _ => {
            let plain = strip_comment(text)?;
            plain_ok(plain, false).then_some(Node::Scalar(Cow::Borrowed(plain), true))
        }
    }
}

/// `text` without a trailing ` # comment`; `None` if nothing is left.
fn strip_comment(text: &str) -> Option<&str> {
    let cut = text.find(" #").unwrap_or(text.len());
    let kept = text[..cut].trim_end_matches(' ');
    (!kept.is_empty()).then_some(kept)
}

/// Whether `s` reads as the same plain scalar in YAML: no indicator first, no `: ` or ` #`
/// inside, no trailing `:`; in a flow sequence no flow indicators either.
fn plain_ok(s: &str, flow: bool) -> bool {
    let first = s.as_bytes()[0];
    !b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && (!flow || !s.contains(['[', ']', '{', '}', ',']))
}

/// What follows a closing quote: nothing, or a comment.
fn ends_cleanly(after: &str) -> bool {
    let after = after.trim_start_matches(' ');
    after.is_empty() || after.starts_with('#')
}

fn single_quoted(text: &str) -> Option<Node<'_>> {
    let body = &text[1..];
    let mut out = String::new();
    let mut rest = body;
    loop {
        let q = rest.find('\'')?;
        out.push_str(&rest[..q]);
        if rest[q + 1..].starts_with('\'') {
            out.push('\'');
            rest = &rest[q + 2..];
        } else {
            let after = &rest[q + 1..];
            // A comment needs a space before `#`.
            let clean = after.is_empty() || (after.starts_with(' ') && ends_cleanly(after));
            return clean.then_some(Node::Scalar(Cow::Owned(out), false));
        }
    }
}

fn double_quoted(text: &str) -> Option<Node<'_>> {
    let mut out = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let after = &text[1 + i + 1..];
                let clean = after.is_empty() || (after.starts_with(' ') && ends_cleanly(after));
                return clean.then_some(Node::Scalar(Cow::Owned(out), false));
            }
            '\\' => {
                let (_, e) = chars.next()?;
                let simple = match e {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'v' => '\u{B}',
                    'f' => '\u{C}',
                    'r' => '\r',
                    'e' => '\u{1B}',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{A0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut code = 0u32;
                        for _ in 0..n {
                            code = code * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        char::from_u32(code)?
                    }
                    _ => return None,
                };
                out.push(simple);
            }
            _ => out.push(c),
        }
    }
    None
}

/// The inside of a one-line flow collection opened by `text[0]` and closed by `close`, with
/// nothing but a comment after it.
fn flow_inner(text: &str, close: char) -> Option<&str> {
    let end = text.find(close)?;
    let after = &text[end + 1..];
    let clean = after.is_empty() || (after.starts_with(' ') && ends_cleanly(after));
    clean.then(|| text[1..end].trim_matches(' '))
}

/// A flow item: a plain scalar without flow indicators or `#`.
fn flow_item(item: &str) -> Option<&str> {
    let item = item.trim_matches(' ');
    (!item.is_empty() && plain_ok(item, true) && !item.contains('#')).then_some(item)
}

fn flow_sequence(text: &str) -> Option<Node<'_>> {
    let inner = flow_inner(text, ']')?;
    if inner.is_empty() {
        return Some(Node::Seq(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| Some(Node::Scalar(Cow::Borrowed(flow_item(item)?), true)))
        .collect::<Option<Vec<_>>>()
        .map(Node::Seq)
}

fn flow_mapping(text: &str) -> Option<Node<'_>> {
    let inner = flow_inner(text, '}')?;
    if inner.is_empty() {
        return Some(Node::Map(Vec::new()));
    }
    inner
        .split(',')
        .map(|entry| {
            let (key, value) = key_of(entry.trim_matches(' '))?;
            Some((key, Node::Scalar(Cow::Borrowed(flow_item(value)?), true)))
        })
        .collect::<Option<Vec<_>>>()
        .map(Node::Map)
}

/// Plain scalars YAML 1.2 (and serde_yaml) reads as null.
fn is_null(s: &str) -> bool {
    matches!(s, "~" | "null" | "Null" | "NULL")
}

/// The only error: "not sure; ask serde_yaml".
#[derive(Debug)]
pub struct Unsure;

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the simple block style")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsure
    }
}

impl<'de, 'a> de::Deserializer<'de> for &'de Node<'a> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Map(_) => self.deserialize_map(visitor),
            Node::Seq(_) => self.deserialize_seq(visitor),
            // Plain scalars may be numbers, booleans or null: let serde_yaml resolve them.
            Node::Scalar(s, false) => visitor.visit_str(s),
            _ => Err(Unsure),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Empty => visitor.visit_none(),
            Node::Scalar(s, true) if is_null(s) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Scalar(s, plain) if !(*plain && is_null(s)) => visitor.visit_str(s),
            _ => Err(Unsure),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Seq(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            _ => Err(Unsure),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Map(entries) => {
                let pairs = entries.iter().map(|(k, v)| (*k, v));
                let mut map = de::value::MapDeserializer::new(pairs);
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
            _ => Err(Unsure),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        match self {
            Node::Scalar(s, _) => {
                visitor.visit_enum(IntoDeserializer::<Unsure>::into_deserializer(s.as_ref()))
            }
            _ => Err(Unsure),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct tuple tuple_struct
    }
}

impl<'de, 'a> IntoDeserializer<'de, Unsure> for &'de Node<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sidecar::Sidecar;

    fn same(text: &str) {
        let fast: Sidecar = parse(text).unwrap_or_else(|| panic!("fast reader declined:\n{text}"));
        let slow: Sidecar = serde_yaml::from_str(text).unwrap();
        assert_eq!(fast, slow);
    }

    fn declines(text: &str) {
        assert!(parse::<Sidecar>(text).is_none(), "should decline:\n{text}");
    }

    const HEAD: &str = "# comment\narticle: a.md\nauthors:\n- w@example.org\nstage: draft\n";

    #[test]
    fn reads_what_factcheck_writes() {
        for example in [
            include_str!("../../../examples/newsroom/articles/sleep-and-health.claims.yaml"),
            include_str!("../../../examples/newsroom/articles/sex-therapy.claims.yaml"),
            include_str!("../../../examples/newsroom/articles/depression-explained.claims.yaml"),
        ] {
            same(example);
            let mut s: Sidecar = serde_yaml::from_str(example).unwrap();
            let q = &mut s.claims[0].quote;
            q.exact = "It's \"quoted\": yes, #1 — ünïcödé\u{1}\ttab".into();
            q.prefix = "- leading dash".into();
            q.suffix = "null".into();
            s.claims[1].quote.exact = "123".into();
            s.claims[1].quote.prefix = "true".into();
            s.claims[1].quote.suffix = " spaced ".into();
            same(&s.to_yaml());
        }
    }

    #[test]
    fn reads_hand_written_block_style() {
        same(&format!(
            "{HEAD}claims:\n  - id: a   # the first\n    quote: {{exact: x}}\n"
        ));
        same(&format!(
            "{HEAD}claims:\n- id: a\n  quote:\n    exact: 'it''s'  # c\n    prefix: \"a\\tb\\u00e9\"\n  sources: [s1, s2]\n"
        ));
        same("article: a.md\nauthors: [a@b.org, c@d.org]\nstage: submitted\nclaims: []\n");
    }

    #[test]
    fn declines_what_it_does_not_read() {
        for text in [
            "article: &x a.md\nstage: draft\n",
            "article: a.md\nstage: !draft draft\n",
            "article: >\n  a.md\nstage: draft\n",
            "article: a\n  .md\nstage: draft\n",
            "article: 'a\n  .md'\nstage: draft\n",
            "---\narticle: a.md\n",
            "article: a.md\r\nstage: draft\r\n",
            "article: a.md\nauthors: {a: [b]}\n",
            "article: a.md\nauthors: [a, 'b']\n",
            "article: a.md\nauthors: [a, ]\n",
            "article:\tx\n",
            "article: a: b\n",
            "article: a.md\narticle: b.md\n",
            "article: a.md\nunknown: 1\n",
            "article: ~\n",
            "- a\n",
        ] {
            declines(text);
        }
    }
}
