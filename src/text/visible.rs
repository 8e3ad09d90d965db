//! Text from files made safe to print: every control character is written as an escape a person
//! can read, so nothing an article, a sidecar, a file name or a server says can drive the
//! terminal (`ESC]0;…BEL` retitles it, `ESC[2J` clears it) or break a line of our output in two.
//!
//! The escapes are those of a JSON string: `\n`, `\r`, `\t` for the three common ones,
//! `\u001b` (four hex digits) for the others. They read the same in every output, and a JSON
//! document stays valid JSON with the same meaning when its raw control characters are written
//! this way, so the last check on standard output ([`guard`]) can run on every format.
//!
//! What counts as a control character ([`is_hidden`]): C0 (U+0000–U+001F), DEL (U+007F), C1
//! (U+0080–U+009F, which some terminals obey as ESC sequences: U+009B is a one-character
//! `ESC[`), the Unicode line and paragraph separators (U+2028, U+2029), which some readers
//! take as line breaks, and the explicit bidirectional controls ([`is_bidi_control`]: the
//! embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069), which reorder what
//! follows them on the line ("Trojan Source": a file name holding U+202E shows the rest of its
//! `status` row reversed). Right-to-left letters need none of them to display: they are shown
//! in their own direction by the terminal's bidirectional algorithm, and stay as they are; the
//! implicit marks (U+200E, U+200F, U+061C) act like a letter of their direction, reorder
//! nothing beyond their neighbours, and stay too. A backslash is left as it is: the text stays
//! readable, at the cost that a file holding the six characters `\u001b` prints as a file
//! holding ESC would.
//!
//! The renderers for people and the error messages escape all of them ([`visible`]). The last
//! check on the bytes written ([`guard`]) escapes the bidirectional controls only in what a
//! person reads ([`Reader::Person`]): a JSON, SARIF or JUnit document keeps them as they are,
//! its own rules deciding how text is written (`docs/robustness.md`).

use std::borrow::Cow;

/// Whether `c` is shown as an escape.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}' || is_bidi_control(c)
}

/// Whether `c` is an explicit bidirectional control: an embedding (U+202A LRE, U+202B RLE),
/// its end (U+202C PDF), an override (U+202D LRO, U+202E RLO) or an isolate (U+2066 LRI,
/// U+2067 RLI, U+2068 FSI, U+2069 PDI).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Who reads the bytes [`guard`] checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A person, at a terminal or in a CI log: the bidirectional controls are escaped too.
    Person,
    /// A program reading a document (JSON, SARIF, JUnit): the bidirectional controls pass, as
    /// the document's own rules write them.
    Program,
}

/// `s` with every control character ([`is_hidden`]) written as its escape; borrowed when there
/// is none, the common case.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c` to `out`, as its escape when it is a control character.
pub fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_hidden(c) => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        c => out.push(c),
    }
}

/// How many characters `c` takes once shown ([`push_visible`]).
pub fn shown_width(c: char) -> usize {
    match c {
        '\n' | '\r' | '\t' => 2,
        c if is_hidden(c) => 6,
        _ => 1,
    }
}

/// The last check on bytes about to be written to a terminal or a pipe, whatever produced them:
/// every control character is escaped as [`visible`] escapes it, except a line break, a tab and
/// the colour sequences factcheck writes itself (`ESC [` digits and `;` `m`, SGR), which pass,
/// and the bidirectional controls when a program reads them ([`Reader::Program`]).
/// A colour sequence cut at the end of `bytes` is kept in `carry` until the next call (or
/// [`guard_end`]), so a write split anywhere gives the same output. Invalid UTF-8 passes as it is
/// (factcheck writes only UTF-8; the bytes of C1 controls, the separators and the bidirectional
/// controls are recognised).
pub fn guard(bytes: &[u8], reader: Reader, carry: &mut Vec<u8>, out: &mut Vec<u8>) {
    let joined;
    let bytes = if carry.is_empty() {
        bytes
    } else {
        joined = [std::mem::take(carry).as_slice(), bytes].concat();
        &joined[..]
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' | b'\t' => {
                out.push(b);
                i += 1;
            }
            0x1b => match sgr_len(&bytes[i..]) {
                Some(Some(n)) => {
                    out.extend_from_slice(&bytes[i..i + n]);
                    i += n;
                }
                // Cut at the end: wait for the rest.
                Some(None) => {
                    carry.extend_from_slice(&bytes[i..]);
                    return;
                }
                None => {
                    out.extend_from_slice(b"\\u001b");
                    i += 1;
                }
            },
            0..=0x1f | 0x7f => {
                let mut s = String::new();
                push_visible(&mut s, char::from(b));
                out.extend_from_slice(s.as_bytes());
                i += 1;
            }
            // C1 controls: U+0080–U+009F are C2 80–C2 9F.
            0xc2 => match bytes.get(i + 1) {
                None => {
                    carry.push(b);
                    return;
                }
                Some(&next @ 0x80..=0x9f) => {
                    out.extend_from_slice(format!("\\u{:04x}", next).as_bytes());
                    i += 2;
                }
                Some(_) => {
                    out.push(b);
                    i += 1;
                }
            },
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; the bidirectional controls
            // U+202A–U+202E are E2 80 AA–AE, U+2066–U+2069 are E2 81 A6–A9.
            0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (None, _) | (Some(0x80 | 0x81), None) => {
                    carry.extend_from_slice(&bytes[i..]);
                    return;
                }
                (Some(&second @ (0x80 | 0x81)), Some(&last))
                    if matches!((second, last), (0x80, 0xa8 | 0xa9))
                        || (reader == Reader::Person
                            && matches!(
                                (second, last),
                                (0x80, 0xaa..=0xae) | (0x81, 0xa6..=0xa9)
                            )) =>
                {
                    let c = 0x2000 + (u32::from(second & 0x3f) << 6) + u32::from(last & 0x3f);
                    out.extend_from_slice(format!("\\u{c:04x}").as_bytes());
                    i += 3;
                }
                _ => {
                    out.push(b);
                    i += 1;
                }
            },
            _ => {
                // Copy the run up to the next byte that may need a look, at once.
                let run = bytes[i..]
                    .iter()
                    .position(|&b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
                    .unwrap_or(bytes.len() - i);
                out.extend_from_slice(&bytes[i..i + run]);
                i += run;
            }
        }
    }
}

/// Flushes what [`guard`] kept back: a sequence still cut when the output ends is no colour,
/// so its ESC is shown; a cut prefix of a C1 control, a separator or a bidirectional control is
/// invalid UTF-8 and passes as it is.
pub fn guard_end(reader: Reader, carry: &mut Vec<u8>, out: &mut Vec<u8>) {
    let rest = std::mem::take(carry);
    match rest.split_first() {
        Some((0x1b, tail)) => {
            out.extend_from_slice(b"\\u001b");
            // `[` and digits: nothing is kept back again.
            guard(tail, reader, carry, out);
            out.append(carry);
        }
        _ => out.extend_from_slice(&rest),
    }
}

/// The length of the SGR sequence (`ESC [` digits and `;`, then `m`) at the start of `bytes`:
/// `Some(Some(n))` when it is one, `Some(None)` when `bytes` ends before it can tell, `None`
/// when it is not one. At most 32 bytes long.
fn sgr_len(bytes: &[u8]) -> Option<Option<usize>> {
    const MAX: usize = 32;
    match bytes.get(1) {
        None => return Some(None),
        Some(b'[') => {}
        Some(_) => return None,
    }
    for (i, &b) in bytes.iter().enumerate().skip(2).take(MAX - 2) {
        match b {
            b'm' => return Some(Some(i + 1)),
            b'0'..=b'9' | b';' => {}
            _ => return None,
        }
    }
    if bytes.len() < MAX { Some(None) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(pieces: &[&[u8]]) -> String {
        guarded_for(Reader::Person, pieces)
    }

    fn guarded_for(reader: Reader, pieces: &[&[u8]]) -> String {
        let (mut carry, mut out) = (Vec::new(), Vec::new());
        for p in pieces {
            guard(p, reader, &mut carry, &mut out);
        }
        guard_end(reader, &mut carry, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_are_escaped_and_the_rest_is_kept() {
        assert_eq!(visible("plain ünïcödé"), "plain ünïcödé");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{1b}]0;pwned\u{7}b\nc\r\td\u{7f}\u{9b}2J\u{2028}\u{2029}\0"),
            "a\\u001b]0;pwned\\u0007b\\nc\\r\\td\\u007f\\u009b2J\\u2028\\u2029\\u0000"
        );
        for c in ['\u{1b}', '\n', '\u{85}', '\u{2028}', 'x', 'é'] {
            let mut s = String::new();
            push_visible(&mut s, c);
            assert_eq!(s.chars().count(), shown_width(c), "{c:?}");
        }
    }

    #[test]
    fn the_guard_keeps_our_colours_and_line_breaks_only() {
        let coloured = "\u{1b}[1m\u{1b}[31merror\u{1b}[0m: x\n\ty";
        assert_eq!(guarded(&[coloured.as_bytes()]), coloured);
        assert_eq!(
            guarded(&["a\u{1b}]0;t\u{7}\u{1b}[2J\u{1b}[?25l\r\u{9b}1m\u{2028}é".as_bytes()]),
            "a\\u001b]0;t\\u0007\\u001b[2J\\u001b[?25l\\r\\u009b1m\\u2028é"
        );
        // The same whatever the cuts.
        let text = "x\u{1b}[31my\u{1b}[0m\u{9b}\u{2029}\u{1b}]z\u{1b}";
        let whole = guarded(&[text.as_bytes()]);
        assert_eq!(whole, "x\u{1b}[31my\u{1b}[0m\\u009b\\u2029\\u001b]z\\u001b");
        let b = text.as_bytes();
        for i in 0..b.len() {
            for j in i..b.len() {
                assert_eq!(guarded(&[&b[..i], &b[i..j], &b[j..]]), whole, "{i} {j}");
            }
        }
        // A JSON document keeps its meaning.
        let json = serde_json::to_string(&"a\u{85}b\u{2028}c\u{7f}").unwrap();
        let shown = guarded(&[json.as_bytes()]);
        assert_eq!(
            serde_json::from_str::<String>(&shown).unwrap(),
            "a\u{85}b\u{2028}c\u{7f}"
        );
        assert!(!shown.chars().any(is_hidden));
    }

    /// The embeddings, overrides and isolates reorder the rest of a line on a terminal: escaped
    /// for people, whatever the cuts; kept in a document for programs. Right-to-left letters,
    /// the implicit marks and their neighbours in the code charts are left alone.
    #[test]
    fn bidirectional_controls_are_escaped_for_people_only() {
        let controls = "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}";
        let escaped = "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069";
        assert_eq!(visible(controls), escaped);
        let kept = "שלום مرحبا \u{200e}\u{200f}\u{61c}\u{2029}\u{202f}\u{2065}\u{206a}\u{2040}";
        assert_eq!(visible(kept), kept.replace('\u{2029}', "\\u2029"));
        let text = format!("a{controls}b{kept}");
        let person = guarded(&[text.as_bytes()]);
        assert_eq!(
            person,
            format!("a{escaped}b{}", kept.replace('\u{2029}', "\\u2029"))
        );
        let program = guarded_for(Reader::Program, &[text.as_bytes()]);
        assert_eq!(program, text.replace('\u{2029}', "\\u2029"));
        let b = text.as_bytes();
        for i in 0..b.len() {
            for j in i..b.len() {
                let pieces = [&b[..i], &b[i..j], &b[j..]];
                assert_eq!(guarded(&pieces), person, "{i} {j}");
                assert_eq!(guarded_for(Reader::Program, &pieces), program, "{i} {j}");
            }
        }
        for c in controls.chars() {
            assert!(is_hidden(c) && is_bidi_control(c), "{c:?}");
            assert_eq!(shown_width(c), 6);
        }
    }
}
