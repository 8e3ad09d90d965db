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
//!
//! Attribute lists (`parser/kramdown/extensions.rb`) are never written out either:
//!
//! - an attribute list definition `{:name: …}` (`ALD_START`) or a block attribute list
//!   `{: …}` (`IAL_BLOCK_START`) standing alone, `{:` at most three spaces into its line (or
//!   its list item or block quote) and only white space after its `}` (the list may run over
//!   several lines: `[^}]` takes line breaks), ends the paragraph above it and shows nothing:
//!   blanked, so the Markdown parser ends the paragraph there too. Further indented inside a
//!   container, where the gate cannot tell which block kramdown reads it in, it is masked
//!   like template markup;
//! - a span attribute list (`IAL_SPAN_START`) right after an element (emphasis, a link, an
//!   image, code, a tag, an entity, a typographic quote or dash) is hidden, after plain text
//!   shown: masked where what comes before it can end an element, so the fingerprint of a
//!   claim it stands in covers it whichever way kramdown reads it.
//!
//! A list that restyles (`style`, `dir`, `hidden`) is left as text, where the article's reading
//! refuses it.

use super::mask::{Masked, Masker, Refusal};

/// Masks kramdown's comments and abbreviation definitions in `liquid` (the source as Liquid
/// leaves it), refusing the extensions the gate cannot read.
pub fn mask(liquid: Masked) -> Masked {
    let src = liquid.text.as_str();
    let mut m = Masker::new(src);
    abbreviations(&mut m, src);
    extensions(&mut m, src);
    attribute_lists(&mut m, src);
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

/// The offset of the `}` ending an attribute list whose content starts at `from` (kramdown's
/// `ALD_ANY_CHARS`: `\}` or any character but `}`, line breaks included).
fn list_close(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1) == Some(&b'}') => i += 2,
            b'}' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Where the last word in `b[range]` that makes an attribute list restyle starts (`style`,
/// `dir`, `hidden`, in any case): such a list is left as text, which refuses it.
fn last_restyling_word(b: &[u8], range: std::ops::Range<usize>) -> Option<usize> {
    (range.start..range.end).rev().find(|&i| {
        [&b"style"[..], b"dir", b"hidden"].iter().any(|w| {
            b.get(i..i + w.len())
                .is_some_and(|s| i + w.len() <= range.end && s.eq_ignore_ascii_case(w))
        })
    })
}

/// Where an attribute list at `at` stands on its line (`before` is the line up to it).
#[derive(Debug, PartialEq, Eq)]
enum Stands {
    /// Alone at the start of a block: at most three spaces in, after any list or quote
    /// markers.
    Block,
    /// After indentation and markers the gate cannot place in a container.
    Indented,
    /// After an element (`**x**{: …}`), or after what may be one.
    AfterElement,
    /// After text, or at a paragraph's start: kramdown shows it.
    Text,
}

/// Bytes a line's list and quote markers are made of, with their spaces.
const CONTAINER: &[u8] = b" \t>*+-.)0123456789";

/// The line of the attribute list being looked at, followed from list to list so that a text
/// of many lists on one long line is read once: where the line starts, where its container
/// markers end, and how many backticks come before `counted` on it.
struct Line {
    start: usize,
    markers_end: usize,
    ticks: usize,
    counted: usize,
}

impl Line {
    /// The line holding byte `at` (at or after the last one asked for); returns the bytes
    /// looked at.
    fn at(&mut self, b: &[u8], at: usize) -> u64 {
        let mut steps = at - self.counted;
        if let Some(nl) = memchr::memrchr(b'\n', &b[self.counted..at]) {
            self.start = self.counted + nl + 1;
            let markers = b[self.start..]
                .iter()
                .take_while(|c| CONTAINER.contains(c))
                .count();
            self.markers_end = self.start + markers;
            steps += 2 * markers;
            self.ticks = 0;
            self.counted = self.start;
        }
        self.ticks += memchr::memchr_iter(b'`', &b[self.counted..at]).count();
        self.counted = at;
        steps as u64
    }
}

/// Where the attribute list at `at` stands on `line`: list and quote markers (each with the
/// one space after it) are a container's, then at most three spaces leave it at the start of
/// a block.
fn stands(b: &[u8], line: &Line, at: usize) -> Stands {
    if at <= line.markers_end {
        let mut i = line.start;
        loop {
            let spaces = b[i..at].iter().take_while(|&&c| c == b' ').count();
            let k = i + spaces;
            if k == at {
                return match spaces <= 3 {
                    true => Stands::Block,
                    false => Stands::Indented,
                };
            }
            let digits = b[k..at].iter().take_while(|c| c.is_ascii_digit()).count();
            let marker = match b[k] {
                b'>' | b'*' | b'+' | b'-' => 1,
                b'0'..=b'9' if matches!(b.get(k + digits), Some(b'.' | b')')) => digits + 1,
                _ => 0,
            };
            let spaced = matches!(b.get(k + marker), Some(b' ' | b'\t'));
            if spaces > 3 || marker == 0 || !(spaced || b[k] == b'>') || k + marker > at {
                return Stands::Indented;
            }
            i = k + marker + usize::from(spaced && k + marker < at);
        }
    }
    // What an element ends with: emphasis, a link or image, a tag or autolink, an entity,
    // a smart quote, a typographic dash or ellipsis, another attribute list, or a code
    // span's closing backtick (an even count of backticks before it on the line).
    let before = &b[line.start..at];
    let ends_element = match before.last() {
        Some(b'*' | b'_' | b')' | b']' | b'>' | b';' | b'"' | b'\'' | b'}') => true,
        Some(b'`') => line.ticks.is_multiple_of(2),
        _ => before.ends_with(b"--") || before.ends_with(b"..."),
    };
    match ends_element {
        true => Stands::AfterElement,
        false => Stands::Text,
    }
}

/// Hides kramdown's attribute list definitions and attribute lists (see the module above).
fn attribute_lists(m: &mut Masker<'_>, src: &str) {
    let b = src.as_bytes();
    let finder = memchr::memmem::Finder::new(b"{:");
    let mut from = 0;
    // The `}` found for an earlier list: the first after any later `{:` before it too, so
    // that a text of many `{:` is read once; and where the last word that restyles starts
    // before it (`style`, `dir`, `hidden`), found once for each `}`.
    let mut known: Option<(usize, Option<usize>)> = None;
    let mut line = Line {
        start: 0,
        markers_end: b.iter().take_while(|c| CONTAINER.contains(c)).count(),
        ticks: 0,
        counted: 0,
    };
    // The work, counted as `scan.rs` counts it: each byte searched, scanned or looked back on.
    let mut steps = 0u64;
    while let Some(at) = finder.find(&b[from..]).map(|k| from + k) {
        steps += (at + 2 - from) as u64;
        from = at + 2;
        if matches!(b.get(at + 2), Some(b':' | b'/')) {
            // An extension (`{::comment}`) or a stop tag, read by `extensions`.
            continue;
        }
        let (close, restyle) = match known {
            Some((c, r)) if c >= at + 2 => (c, r),
            _ => {
                let Some(c) = list_close(b, at + 2) else {
                    // No `}` after this one: none after any later one either.
                    steps += (b.len() - at) as u64;
                    break;
                };
                steps += 4 * (c - at) as u64;
                (c, last_restyling_word(b, at + 2..c))
            }
        };
        known = Some((close, restyle));
        if close == at + 2 || restyle.is_some_and(|r| r >= at + 2) {
            continue;
        }
        steps += line.at(b, at);
        let blanks = b[close + 1..]
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | 0x0B | 0x0C))
            .count();
        steps += blanks as u64;
        let alone = matches!(b.get(close + 1 + blanks), None | Some(b'\n'));
        match stands(b, &line, at) {
            Stands::Block if alone => m.blank(at..close + 1),
            Stands::Indented if alone => m.hide(at..close + 1),
            Stands::AfterElement => m.hide(at..close + 1),
            _ => continue,
        }
        from = close + 1;
    }
    m.scan.steps += steps;
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
    fn attribute_lists_are_hidden_where_kramdown_reads_them() {
        let blanked = |src: &str| read(src).text;
        // Alone on a line: blank, so the paragraph above ends there.
        assert_eq!(blanked("A.\n{: .note}\nB.\n"), "A.\n         \nB.\n");
        assert_eq!(blanked("{:ref: x y}\n"), "           \n");
        assert_eq!(blanked("{:ref: x\ny}\n\nB.\n"), "        \n  \n\nB.\n");
        assert_eq!(blanked("> {: x}\n"), ">      \n");
        assert_eq!(blanked("- {: x}\n"), "-      \n");
        // After an element: masked; after text or at a paragraph's start: text.
        assert_eq!(shown("**a**{: x} b\n"), "**a** b\n");
        assert_eq!(shown("[a](b){:target=\"_blank\"} c\n"), "[a](b) c\n");
        assert_eq!(shown("`a`{: x} `b{: y}`\n"), "`a` `b{: y}`\n");
        assert_eq!(shown("word{: x}\n"), "word{: x}\n");
        assert_eq!(shown("{: x} y\n"), "{: x} y\n");
        // Extensions, stops, empty lists, restyling lists and unclosed ones are left alone.
        assert_eq!(shown("{:/} {:} x\n"), "{:/} {:} x\n");
        assert_eq!(shown("{: style=\"x\"}\n"), "{: style=\"x\"}\n");
        assert_eq!(shown("**a**{: x\n"), "**a**{: x\n");
    }

    /// Attribute lists by the thousand, on one line or many, left open or restyling: each byte
    /// is looked at a constant number of times, whatever the number of lists.
    #[test]
    fn attribute_lists_cost_work_linear_in_the_article() {
        for unit in [
            "*{: a ",
            "*{: style ",
            "`a`{: x} ",
            "{: x}\n",
            "- {:a: b\n",
            "x {: y} ",
        ] {
            let work = |copies: usize| {
                let src = format!("{}}}\n", unit.repeat(copies));
                let m = read(&src);
                assert!(
                    m.work <= 16 * src.len() as u64,
                    "{unit:?}: {} steps for {} bytes",
                    m.work,
                    src.len()
                );
                m.work
            };
            let (small, large) = (work(2_000), work(8_000));
            assert!(large <= 4 * small + 64, "{unit:?}: {small} → {large}");
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
