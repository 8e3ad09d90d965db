//! kramdown, Jekyll's Markdown engine, read after Liquid (Jekyll renders Liquid first): its
//! extensions are written `{::name …}` (kramdown's `parser/kramdown/extensions.rb`) and only
//! three names mean anything; every other one is shown as the text it is.
//!
//! - `{::comment}…{:/comment}` (or `…{:/}`) is written out as an HTML comment: readers never
//!   see its words, so they are masked like `{% comment %}`. Inline, the comment ends at the
//!   first closing tag; on a line of its own at the start of a block (at most three spaces in),
//!   at the first line that is a closing tag and nothing else. Where it cannot be told which
//!   (a tag alone on a line inside a list item or a block quote, or indented further), the
//!   article is refused. `{::comment /}` is empty. kramdown writes the comment's words into
//!   `<!-- … -->` as they are, so words holding `-->` end it early in a browser: refused.
//! - `{::nomarkdown}…{:/}` is written out raw (as HTML, not as the Markdown the gate reads), or
//!   with a `type` other than `html` not at all: refused.
//! - `{::options … /}` changes how kramdown reads the rest of the article (which HTML it parses,
//!   what `--` or `...` print as): refused; options belong in `_config.yml`, which is policy.
//!
//! An abbreviation definition (`*[HTML]: Hyper Text Markup Language`) is hidden from readers
//! (its words are only a tooltip): the whole line is masked, wherever it stands.

use super::mask::{Masked, Masker, Refusal};

/// Masks kramdown's comments and abbreviation definitions in `liquid` (the source as Liquid
/// leaves it), refusing the extensions the gate cannot read.
pub fn mask(liquid: Masked) -> Masked {
    let src = liquid.text.as_str();
    let mut m = Masker::new(src);
    abbreviations(&mut m, src);
    extensions(&mut m, src);
    let mut out = m.finish();
    out.captions = liquid.captions;
    out.unclosed = liquid.unclosed;
    out.refused = match (liquid.refused, out.refused) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    out.work += liquid.work;
    out
}

/// An extension tag `{::name attributes}` or `{::name /}` at `at`: its end and whether it closes
/// itself. kramdown's `EXT_START_STR`: a name of word characters, then `}` or white space,
/// attributes (`\}` escaped) and `}`, with `/` before it for an empty extension.
fn start_tag(src: &str, at: usize) -> Option<(&str, usize, bool)> {
    let b = src.as_bytes();
    let name_start = at + 3;
    let name_len = b[name_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &src[name_start..name_start + name_len];
    let mut i = name_start + name_len;
    match b.get(i)? {
        b'}' => return Some((name, i + 1, false)),
        b'/' if b.get(i + 1) == Some(&b'}') => return Some((name, i + 2, true)),
        c if c.is_ascii_whitespace() => {}
        _ => return None,
    }
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1) == Some(&b'}') => i += 2,
            b'}' => return Some((name, i + 1, b[i - 1] == b'/')),
            _ => i += 1,
        }
    }
    None
}

/// The offsets of the start and end of the line holding byte `at`.
fn line_of(src: &str, at: usize) -> (usize, usize) {
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    (start, end)
}

/// Whether `s` is nothing but spaces, tabs and carriage returns.
fn blank(s: &str) -> bool {
    s.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | 0x0B | 0x0C))
}

/// The first closing tag of a comment (`{:/}` or `{:/comment}`) from `from`: start and end.
fn span_stop(src: &str, from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(at) = src[i..].find("{:/").map(|k| i + k) {
        for stop in ["{:/}", "{:/comment}"] {
            if src[at..].starts_with(stop) {
                return Some((at, at + stop.len()));
            }
        }
        i = at + 3;
    }
    None
}

/// The first line from `from` that is a comment's closing tag and nothing else, at most three
/// spaces in (kramdown's `EXT_BLOCK_STOP_STR`): where the tag starts and where the line ends.
fn block_stop(src: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while at < src.len() {
        let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
        let line = &src[at..end];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if indent <= 3 {
            for stop in ["{:/}", "{:/comment}"] {
                if let Some(after) = rest.strip_prefix(stop)
                    && blank(after)
                {
                    return Some((at + indent, (end + 1).min(src.len())));
                }
            }
        }
        at = end + 1;
    }
    None
}

/// Masks every comment, refuses `{::nomarkdown}`, `{::options}` and comments the gate cannot
/// place.
fn extensions(m: &mut Masker<'_>, src: &str) {
    let mut i = 0;
    while let Some(at) = src[i..].find("{::").map(|k| i + k) {
        let Some((name, tag_end, empty)) = start_tag(src, at) else {
            i = at + 3;
            continue;
        };
        match name {
            "nomarkdown" => {
                m.refuse(at, Refusal::KramdownRaw);
                i = tag_end;
            }
            "options" => {
                m.refuse(at, Refusal::KramdownOptions);
                i = tag_end;
            }
            "comment" if empty => {
                m.hide(at..tag_end);
                i = tag_end;
            }
            "comment" => i = comment(m, src, at, tag_end),
            _ => i = tag_end,
        }
    }
}

/// The comment whose opening tag is `at..tag_end`: masked to its end, or refused; returns
/// where scanning goes on.
fn comment(m: &mut Masker<'_>, src: &str, at: usize, tag_end: usize) -> usize {
    let (line_start, line_end) = line_of(src, at);
    let before = &src[line_start..at];
    let alone = blank(&src[tag_end..line_end]);
    let top_level = before.len() <= 3 && before.bytes().all(|b| b == b' ');
    if alone && !top_level && before.bytes().all(|b| b" \t>*+-.)0123456789".contains(&b)) {
        // At the start of a list item or a block quote, or indented: a block there ends at a
        // line of the container's own, which the gate does not follow.
        m.refuse(at, Refusal::KramdownComment);
        return tag_end;
    }
    let stop = match (alone && top_level)
        .then(|| block_stop(src, line_end + 1))
        .flatten()
    {
        Some(block) => Some(block),
        None => span_stop(src, tag_end),
    };
    let Some((stop_start, stop_end)) = stop else {
        // Never closed: kramdown shows the tag and the words after it as text.
        return tag_end;
    };
    let words = &src[tag_end..stop_start];
    if words.contains("-->") || words.contains("--!>") {
        m.refuse(at, Refusal::KramdownComment);
    }
    m.hide(at..stop_end);
    stop_end
}

/// Masks every line that is an abbreviation definition (`*[name]: words`, kramdown's
/// `ABBREV_DEFINITION_START`), after any list markers, block quote markers or indentation.
fn abbreviations(m: &mut Masker<'_>, src: &str) {
    let mut from = 0;
    while let Some(at) = src[from..].find("*[").map(|k| from + k) {
        let (line_start, line_end) = line_of(src, at);
        let before = &src[line_start..at];
        let defines = before.bytes().all(|b| b" \t>*+-.)0123456789".contains(&b))
            && src[at + 2..line_end]
                .find("]:")
                .is_some_and(|close| close > 0);
        if defines {
            m.hide(line_start..line_end);
        }
        from = line_end.max(at + 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Masked {
        mask(super::super::liquid::mask(src))
    }

    fn shown(src: &str) -> String {
        read(src).text.replace(super::super::mask::MASK as char, "")
    }

    #[test]
    fn comments_are_hidden_inline_and_as_blocks() {
        assert_eq!(
            shown("Need 150.{::comment} Need 15.{:/comment} Yes.\n"),
            "Need 150. Yes.\n"
        );
        assert_eq!(shown("a {::comment}b{:/} c\n"), "a  c\n");
        assert_eq!(
            shown("A.\n\n{::comment}\nHidden {:/} still hidden.\n\nAnd this.\n{:/comment}\n\nB.\n"),
            "A.\n\n\n\n\n\n\n\nB.\n"
        );
        assert_eq!(shown("x {::comment /} y\n"), "x  y\n");
        assert_eq!(shown("x {::comment foo=\"b}\"}gone{:/} y\n"), "x  y\n");
        // Never closed: kramdown shows it, so does the gate.
        assert_eq!(shown("x {::comment} y\n"), "x {::comment} y\n");
        // Other names mean nothing to kramdown.
        assert_eq!(shown("{::note}x{:/note}\n"), "{::note}x{:/note}\n");
        assert!(read("x {::comment} y {:/}\n").refused.is_none());
    }

    #[test]
    fn extensions_the_gate_cannot_read_are_refused() {
        for (src, what) in [
            ("a {::nomarkdown}<b>x</b>{:/} b\n", Refusal::KramdownRaw),
            (
                "{::options parse_block_html=\"true\" /}\n\nx\n",
                Refusal::KramdownOptions,
            ),
            (
                "a {::comment}x --> seen <!-- y{:/} b\n",
                Refusal::KramdownComment,
            ),
            (
                "- {::comment}\n  x\n\n  y\n  {:/}\n",
                Refusal::KramdownComment,
            ),
            ("> {::comment}\n> x\n", Refusal::KramdownComment),
        ] {
            assert_eq!(read(src).refused.map(|r| r.1), Some(what), "{src:?}");
        }
    }

    #[test]
    fn abbreviation_definitions_are_hidden() {
        assert_eq!(
            shown("The WHO says.\n\n*[WHO]: Most adults need 15 micrograms\n"),
            "The WHO says.\n\n\n"
        );
        assert_eq!(shown("> *[A]: b\n"), "\n");
        assert_eq!(
            shown("Some *[emphasis]* here: x\n"),
            "Some *[emphasis]* here: x\n"
        );
    }
}
