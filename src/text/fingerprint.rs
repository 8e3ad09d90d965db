//! The fingerprints sign-offs record: of a claim's words (and the markup over them), of an
//! article's claims, of a record's fields. A sign-off is fresh while the fingerprint it stored
//! equals the one computed now, so the normalisation here is frozen: it is this file's own,
//! not the quote search's ([`crate::text::article::normalize`]), which may improve freely.
//! `tests/data/fingerprints.tsv` pins it.

use sha2::{Digest, Sha256};

use crate::text::article::PlainText;
use crate::text::span::Span;

/// The text a fingerprint is taken of: typographic quotes, dashes and ellipses folded to ASCII,
/// invisible characters (and masked template markup) dropped, whitespace collapsed to single
/// spaces, trimmed. Frozen: changing it would stale every stored sign-off.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let folded = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => "\"",
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
            '\u{2026}' => "...",
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            | '\u{1A}' => continue,
            c if c.is_whitespace() => {
                space = true;
                continue;
            }
            _ => "",
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match folded {
            "" => out.push(c),
            s => out.push_str(s),
        }
    }
    out
}

/// The fingerprint a claim sign-off records: `sha256:` + hex digest of the normalised text.
pub fn text_hash(text: &str) -> String {
    hex_digest(Sha256::digest(fold(text).as_bytes()).as_slice())
}

/// The fingerprint a claim sign-off records for the claim at `span` of `text`: that of its
/// words ([`text_hash`]) when no inline HTML is over them, else of its words and that markup
/// (`10<sup>6</sup>` and `10<sub>6</sub>` read "106" alike, but do not say the same thing; see
/// [`crate::text::article::MarkupList::signature`]). A claim without markup keeps the
/// fingerprint it always had.
pub fn claim_hash(text: &PlainText, span: Span) -> String {
    let words = &text.as_str()[span.start..span.end];
    match text.markup().signature(span) {
        None => text_hash(words),
        Some(markup) => {
            let both = format!("{}\0{markup}", fold(words));
            hex_digest(Sha256::digest(both.as_bytes()).as_slice())
        }
    }
}

/// The fingerprint of a set of claims (ids and text hashes, in order) that article sign-offs
/// record, so a workflow can let them go stale only when claims change.
pub fn claims_digest<'a>(claims: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = Sha256::new();
    for (id, hash) in claims {
        h.update(id.as_bytes());
        h.update([0]);
        h.update(hash.as_bytes());
        h.update([b'\n']);
    }
    hex_digest(h.finalize().as_slice())
}

/// The `sha256:` digest of a sequence of fields; each is followed by a NUL, so no two
/// different sequences of NUL-free fields share an input.
pub fn fields_digest<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = Sha256::new();
    for f in fields {
        h.update(f.as_bytes());
        h.update([0]);
    }
    hex_digest(h.finalize().as_slice())
}

fn hex_digest(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(7 + 2 * bytes.len());
    hex.push_str("sha256:");
    for b in bytes {
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `\u{..}` escapes of the fixture file.
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("\\u{") {
            out.push_str(&rest[..i]);
            let end = rest[i..].find('}').unwrap() + i;
            let code = u32::from_str_radix(&rest[i + 3..end], 16).unwrap();
            out.push(char::from_u32(code).unwrap());
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn fingerprints_are_frozen() {
        let fixture = include_str!("../../tests/data/fingerprints.tsv");
        let mut n = 0;
        for line in fixture.lines().filter(|l| !l.starts_with('#')) {
            let (hash, input) = line.split_once('\t').unwrap();
            assert_eq!(text_hash(&unescape(input)), hash, "{input:?}");
            n += 1;
        }
        assert!(n >= 15);
    }

    #[test]
    fn typography_and_spacing_do_not_change_a_fingerprint() {
        assert_eq!(text_hash("a \u{201C}b\u{201D}  c"), text_hash("a \"b\" c"));
        assert_ne!(text_hash("one in five"), text_hash("one in four"));
    }
}
