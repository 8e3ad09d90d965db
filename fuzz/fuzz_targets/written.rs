//! Reading what we write (issue #27): the bytes are decoded into up to 16 strings drawn
//! heavily from Unicode's line and paragraph separators, the C0 and C1 controls, quotes and
//! YAML's indicators; they are put into every free-text field of a sidecar, which is written as
//! `save` writes it, and into the roster's scalars as `people add|edit` writes them. Both must
//! read back equal through serde_yaml (the oracle), through the fast reader unless it steps
//! aside, and through `text::yaml::parse`, the path every command takes.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use factcheck::model::sidecar::{Conflict, Sidecar};
use factcheck::text::yaml::{self, block};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

/// Characters a writer or a reader has a rule for (bytes 0x80..0xC0 pick from these).
const SPECIAL: &[char] = &[
    '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{B}', '\u{C}', '\'', '"', '`', '\\', '‘',
    '’', '“', '”', '„', '«', '»', '「', '」', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&',
    '*', '!', '|', '>', '%', '@', '~', ' ', '\t', '\u{A0}', '\u{1680}', '\u{200B}', '\u{3000}',
    '\u{FEFF}', '\u{FFFE}', '\u{FFFF}', '\u{FFFD}', '😀', '\u{301}', '\u{7F}', '\0',
];

/// Bytes to strings: 0xFF ends a string; 0x00–0x7F are themselves (controls included);
/// 0x80–0xBF pick from [`SPECIAL`]; 0xC0–0xDF are the C1 controls U+0080–U+009F; 0xE0–0xFD are
/// U+2020–U+203D (LS, PS and odd spaces among them); 0xFE and three bytes any scalar value.
fn strings(data: &[u8]) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut bytes = data.iter().copied();
    while let Some(b) = bytes.next() {
        let c = match b {
            0xFF => {
                out.push(String::new());
                continue;
            }
            0x00..=0x7F => char::from(b),
            0x80..=0xBF => SPECIAL[usize::from(b - 0x80) % SPECIAL.len()],
            0xC0..=0xDF => char::from_u32(0x80 + u32::from(b - 0xC0)).unwrap(),
            0xE0..=0xFD => char::from_u32(0x2020 + u32::from(b - 0xE0)).unwrap(),
            0xFE => {
                let mut v = 0u32;
                for _ in 0..3 {
                    v = v << 8 | u32::from(bytes.next().unwrap_or(0));
                }
                match char::from_u32(v % 0x11_0000) {
                    Some(c) => c,
                    None => continue,
                }
            }
        };
        out.last_mut().unwrap().push(c);
    }
    out
}

fn reads_back<T>(text: &str, want: &T)
where
    T: PartialEq + std::fmt::Debug + serde::de::DeserializeOwned,
{
    let oracle: T = serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("serde_yaml refuses what we wrote: {e}\n{text:?}"));
    assert_eq!(&oracle, want, "serde_yaml reads back something else:\n{text:?}");
    if let Some(fast) = block::parse::<T>(text) {
        assert_eq!(&fast, want, "the fast reader reads back something else:\n{text:?}");
    }
    let ours: T = yaml::parse(text, Path::new("x.yaml"))
        .unwrap_or_else(|e| panic!("refused: {}\n{text:?}", e.message));
    assert_eq!(&ours, want);
}

/// An example sidecar cut to two claims and two sources (every field kind is still there),
/// parsed once.
fn template() -> &'static Sidecar {
    static TEMPLATE: OnceLock<Sidecar> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let mut s: Sidecar = serde_yaml::from_str(include_str!(
            "../../examples/newsroom/articles/sleep-and-health.claims.yaml"
        ))
        .unwrap();
        s.claims.truncate(2);
        s.sources.truncate(2);
        s
    })
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Roster {
    a: String,
    b: Vec<String>,
    c: String,
}

fuzz_target!(|data: &[u8]| {
    let fields = strings(data);
    let f = |i: usize| fields[i % fields.len()].clone();

    let mut s = template().clone();
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
    s.authors.push(f(12));
    s.conflicts.push(Conflict {
        at: f(13),
        ours: f(14),
        theirs: f(15),
    });
    reads_back(&s.to_yaml(), &s);

    let roster = Roster {
        a: f(0),
        b: vec![f(1), f(2)],
        c: f(3),
    };
    let text = format!(
        "a: {}\nb: [{}, {}]\nc: {}\n",
        yaml::scalar(&roster.a),
        yaml::scalar(&roster.b[0]),
        yaml::scalar(&roster.b[1]),
        yaml::quoted(&roster.c)
    );
    reads_back(&text, &roster);
});
