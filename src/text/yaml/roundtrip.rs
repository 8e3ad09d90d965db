//! Reading what we write is an invariant: every value factcheck's two YAML writers
//! can produce — serde_yaml for the sidecar ([`super::to_string`]) and the roster's line editor
//! ([`super::scalar`], [`super::quoted`]) — reads back equal through the fast reader (or the
//! fast reader steps aside), with serde_yaml as the oracle. The strings are drawn from Unicode's
//! line and paragraph separators, every control character, quotes of many scripts, YAML's
//! indicators, odd spaces and the words YAML reads as something other than a string. The
//! `written` fuzz target in `fuzz/` runs the same property on bytes.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use proptest::sample::select;
use serde::{Deserialize, Serialize};

use super::{block, parse, quoted, scalar, to_string};
use crate::model::sidecar::{Conflict, Sidecar};

/// Characters a writer or a reader has a rule for.
const SPECIAL: &[char] = &[
    // Every line break libyaml knows, and the other vertical spaces.
    '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{B}', '\u{C}', //
    // Quotes and the escape character.
    '\'', '"', '`', '\\', '‘', '’', '‚', '“', '”', '„', '«', '»', '‹', '›', '「', '」', //
    // YAML's indicators.
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '~', '=',
    '.', //
    // Spaces of every sort, the byte order mark, non-characters, the replacement character.
    ' ', ' ', ' ', '\t', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2007}', '\u{200B}', '\u{202F}',
    '\u{205F}', '\u{3000}', '\u{FEFF}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}', //
    // Beyond the Basic Multilingual Plane, and a combining mark.
    '😀', '𝔘', '\u{301}',
];

/// Words YAML resolves to something else when plain, and shapes that look like structure.
const WORDS: &[&str] = &[
    "",
    "null",
    "Null",
    "~",
    "true",
    "False",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "1",
    "-1",
    "0x1F",
    "0o17",
    "1e3",
    "1.5",
    ".inf",
    "-.inf",
    ".nan",
    "2026-11-20",
    "12:30",
    "- ",
    "-",
    "? ",
    ": ",
    "#",
    "&a",
    "*a",
    "!t",
    "|",
    ">",
    "'",
    "\"",
    "---",
    "...",
    "%YAML",
    "a: b",
    "[a]",
    "{a: b}",
    "  ",
    "a #b",
    "<<",
];

fn ch() -> impl Strategy<Value = char> {
    let controls: Vec<char> = (0..0x20u32)
        .chain(0x7F..0xA0)
        .filter_map(char::from_u32)
        .collect();
    prop_oneof![
        4 => select(SPECIAL),
        2 => select(controls),
        4 => proptest::char::range('a', 'z'),
        1 => any::<char>(),
    ]
}

/// A string a user could put in any free-text field.
fn text() -> impl Strategy<Value = String> {
    let chars = || proptest::collection::vec(ch(), 0..20).prop_map(String::from_iter);
    prop_oneof![
        3 => chars(),
        1 => select(WORDS).prop_map(String::from),
        2 => (select(WORDS), chars(), select(WORDS), chars())
            .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
    ]
}

/// A small document of the shapes the sidecar has: a string, a list of them, an optional one.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Probe {
    a: String,
    b: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    c: Option<String>,
    d: BTreeMap<String, String>,
}

/// `text` reads back as `want` through serde_yaml, through the fast reader unless it steps
/// aside, and through [`parse`] (the path every command takes).
fn reads_back<T>(text: &str, want: &T) -> Result<(), TestCaseError>
where
    T: PartialEq + std::fmt::Debug + serde::de::DeserializeOwned,
{
    let oracle: T = serde_yaml::from_str(text)
        .map_err(|e| TestCaseError::fail(format!("serde_yaml refuses {text:?}: {e}")))?;
    prop_assert_eq!(&oracle, want, "serde_yaml reads {:?} differently", text);
    if let Some(fast) = block::parse::<T>(text) {
        prop_assert_eq!(&fast, want, "the fast reader reads {:?} differently", text);
    }
    let ours: T = parse(text, Path::new("x.yaml"))
        .map_err(|e| TestCaseError::fail(format!("refused {text:?}: {}", e.message)))?;
    prop_assert_eq!(&ours, want);
    Ok(())
}

/// The example sidecar with `fields` put into every free-text field the commands write.
fn sidecar_with(fields: &[String]) -> Sidecar {
    let mut s: Sidecar = serde_yaml::from_str(include_str!(
        "../../../examples/newsroom/articles/sleep-and-health.claims.yaml"
    ))
    .unwrap();
    let f = |i: usize| fields[i % fields.len()].clone();
    let claim = &mut s.claims[0];
    claim.note = Some(f(0));
    claim.quote.exact = f(1);
    claim.quote.prefix = f(2);
    claim.quote.suffix = f(3);
    s.claims[1].sources = vec![f(4), f(5)];
    s.claims[1].note = Some(format!("{}\n{}", f(6), f(7)));
    let source = &mut s.sources[0];
    source.title = Some(f(8));
    source.publisher = Some(f(9));
    source.excerpt = Some(f(10));
    source.url = f(11);
    s.authors.push(f(12).into());
    s.conflicts.push(Conflict {
        at: f(13),
        ours: f(14),
        theirs: f(15),
    });
    s
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// serde_yaml's writer, the sidecar's: strings alone, in lists, optional, as map keys.
    #[test]
    fn what_serde_yaml_writes_reads_back(
        a in text(),
        b in proptest::collection::vec(text(), 0..4),
        c in proptest::option::of(text()),
        d in proptest::collection::btree_map(text(), text(), 0..3),
    ) {
        let probe = Probe { a, b, c, d };
        reads_back(&to_string(&probe), &probe)?;
    }

    /// The roster's line editor: a scalar after a key and in a flow sequence, and the
    /// double-quoted form on its own.
    #[test]
    fn what_the_roster_editor_writes_reads_back(
        a in text(),
        b in proptest::collection::vec(text(), 0..4),
    ) {
        let items: Vec<String> = b.iter().map(|s| scalar(s)).collect();
        let text = format!("a: {}\nb: [{}]\nc: {}\n", scalar(&a), items.join(", "), quoted(&a));
        #[derive(Debug, PartialEq, Deserialize)]
        struct Roster { a: String, b: Vec<String>, c: Option<String> }
        let got = Roster { a: a.clone(), b, c: Some(a) };
        reads_back(&text, &got)?;
    }
}

proptest! {
    // A whole sidecar is 300 lines: fewer cases, each exercising sixteen fields.
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The whole sidecar as `save` writes it.
    #[test]
    fn every_sidecar_reads_back(fields in proptest::collection::vec(text(), 16)) {
        let s = sidecar_with(&fields);
        reads_back(&s.to_yaml(), &s)?;
    }
}

/// A separator folded into a quoted scalar, and its variants, pinned.
#[test]
fn separators_and_breaks_read_back() {
    for s in [
        "checked\u{2028}twice",
        "a \u{2028} b",
        "\u{2029}",
        "x\u{2028}",
        "\u{2028}\u{2028}y",
        "next\u{85}line",
        "lone\rcr",
        "ends in spaces   ",
        "two\nlines\u{2028}and a separator",
        "# comment\u{2028}key: value",
    ] {
        let probe = Probe {
            a: s.into(),
            b: vec![s.into()],
            c: Some(s.into()),
            d: BTreeMap::from([(s.to_string(), s.to_string())]),
        };
        reads_back(&to_string(&probe), &probe).unwrap();
        let text = format!("a: {}\nb: [{}]\nd: {{}}\n", scalar(s), scalar(s));
        let want = Probe {
            a: s.into(),
            b: vec![s.into()],
            c: None,
            d: BTreeMap::new(),
        };
        reads_back(&text, &want).unwrap();
    }
}

/// The fast reader still reads what it should: quotes, controls and escapes on one line.
#[test]
fn the_fast_reader_still_takes_quoted_scalars() {
    let probe = Probe {
        a: "it's \"quoted\": #1 — ünïcödé\u{1}\u{7f}\u{85}\u{9f}".into(),
        b: vec!["'".into(), "null".into(), " spaced ".into()],
        c: Some("~".into()),
        d: BTreeMap::from([("k".to_string(), "v: w".to_string())]),
    };
    let text = to_string(&probe);
    assert_eq!(block::parse::<Probe>(&text), Some(probe), "{text}");
}
