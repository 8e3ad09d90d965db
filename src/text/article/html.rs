//! The words readers see in a raw HTML block (`<div class="card">…</div>`, `<figcaption>`,
//! `<details>`): the text between tags, with block-level tags separating blocks. Tags and
//! attribute values are not text, except the `alt` and `title` of `<img>` (captions,
//! docs/spec.md §3); comments, `<script>`, `<style>`, `<template>` and `<noscript>` content are
//! not text either.

use std::ops::Range;

use comrak::nodes::AstNode;

use super::builder::Builder;

/// One piece of an HTML block, in order, as byte ranges of the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text between tags (entities not yet decoded).
    Text(Range<usize>),
    /// A block-level tag: what follows is another block. The range is the tag's.
    Break(Range<usize>),
    /// An image's alt text or title: a block of its own.
    Caption(Range<usize>),
    /// An inline tag (`<s>`, `</sup>`): not text, but it changes what readers see of the text
    /// it holds ([`super::markup`]).
    Inline(Range<usize>),
}

/// Tags that start or end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose content readers do not see as text.
const UNSEEN: &[&str] = &[
    "script", "style", "template", "noscript", "textarea", "noembed", "noframes", "iframe",
];

/// The pieces of `html`.
pub fn pieces(html: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[i..]).map(|j| i + j) {
        let Some((end, name, closing)) = markup(html, lt) else {
            i = lt + 1;
            continue;
        };
        if text_start < lt {
            out.push(Token::Text(text_start..lt));
        }
        let lower = name.to_ascii_lowercase();
        let mut next = end;
        if !closing && UNSEEN.contains(&lower.as_str()) {
            let close = find_ci(html, end, &format!("</{lower}"))
                .and_then(|c| markup(html, c).map(|m| m.0));
            next = close.unwrap_or_else(|| {
                // Not closed in this block: the element holds the blocks after it up to its
                // closing tag ([`super::markup`]), and a browser shows none of them.
                out.push(Token::Inline(lt..end));
                html.len()
            });
        } else if !closing && lower == "img" {
            out.extend(captions(html, lt..end).into_iter().map(Token::Caption));
        } else if BLOCKS.contains(&lower.as_str()) {
            out.push(Token::Break(lt..end));
        } else if !name.is_empty() {
            out.push(Token::Inline(lt..end));
        }
        text_start = next;
        i = next;
    }
    if text_start < html.len() {
        out.push(Token::Text(text_start..html.len()));
    }
    out
}

/// The `alt` and `title` values of the `<img>` tag at `range`.
pub fn captions(html: &str, range: Range<usize>) -> Vec<Range<usize>> {
    crate::text::site::mask::strings(html, range)
        .into_iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("alt") || k.eq_ignore_ascii_case("title"))
        .map(|(_, r)| r)
        .filter(|r| !r.is_empty())
        .collect()
}

/// The markup at `lt` (`<`): its end, its tag name (empty for comments, declarations and
/// processing instructions) and whether it is a closing tag; `None` when `<` is text.
fn markup(html: &str, lt: usize) -> Option<(usize, &str, bool)> {
    let rest = &html[lt..];
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("<?", "?>"),
        ("<!", ">"),
    ] {
        if let Some(body) = rest.strip_prefix(open) {
            let end = body
                .find(close)
                .map_or(html.len(), |j| lt + open.len() + j + close.len());
            return Some((end, "", false));
        }
    }
    let closing = rest.starts_with("</");
    let name_start = lt + 1 + usize::from(closing);
    let name_len = html[name_start..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    if name_len == 0 || !html.as_bytes()[name_start].is_ascii_alphabetic() {
        return None;
    }
    let end = tag_end(html, name_start + name_len)?;
    Some((end, &html[name_start..name_start + name_len], closing))
}

/// The offset after the `>` ending a tag whose attributes start at `i`, skipping quoted
/// values.
fn tag_end(html: &str, mut i: usize) -> Option<usize> {
    let b = html.as_bytes();
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c @ (b'"' | b'\'')) => quote = Some(c),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The first case-insensitive occurrence of ASCII `pat` in `html` from `from`.
fn find_ci(html: &str, from: usize, pat: &str) -> Option<usize> {
    let hay = html.as_bytes().get(from..)?;
    hay.windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat.as_bytes()))
        .map(|j| j + from)
}

/// The character an entity at the start of `s` (`&amp;`, `&#8217;`, `&#x2019;`) stands for,
/// and its length; `None` when `&` is text.
pub fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(..s.len().min(12))?.find(';')?;
    let body = &s[1..end];
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "hellip" => '\u{2026}',
        _ => {
            let n = body.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// The plain text of raw HTML and of masked captions.
impl Builder<'_> {
    /// Emits the words of HTML block `node` (its `literal`): see [`pieces`].
    pub(super) fn html_text<'a>(&mut self, node: &'a AstNode<'a>, literal: &str) {
        if self.excluded() {
            return;
        }
        let lines = self.literal_lines(node, literal);
        let at = |i: usize| {
            let k = lines.partition_point(|&(start, _)| start <= i) - 1;
            lines[k].1 + (i - lines[k].0)
        };
        self.end_block();
        for piece in pieces(literal) {
            match piece {
                Token::Break(r) => {
                    self.end_block();
                    self.held_tag(&literal[r.clone()], at(r.start));
                }
                // Hugo omits raw HTML, its words with it: its tags are still read (a site
                // that sets `unsafe` shows them), its words are not text.
                Token::Text(_) | Token::Caption(_) if !self.flavor.raw_html => {}
                Token::Text(r) => self.html_chars(literal, r, &at),
                Token::Inline(r) => self.held_tag(&literal[r.clone()], at(r.start)),
                Token::Caption(r) => {
                    self.end_block();
                    self.html_chars(literal, r, &at);
                    self.end_block();
                }
            }
        }
    }

    /// What inline HTML `html` does to the text around it: `<script>` and `<style>` hide
    /// what follows up to their closing tag, `<br>` is a space, `<img>` shows its captions.
    pub(super) fn html_inline<'a>(&mut self, node: &'a AstNode<'a>, html: &str) {
        let head = html.get(..8).unwrap_or(html).to_ascii_lowercase();
        // The closing tag of the `<script>` or `<style>` whose content is hidden ends its
        // element too (it may hold the paragraphs after it otherwise).
        let ends_unseen = head.starts_with("</script") || head.starts_with("</style");
        if !self.unseen_inline || ends_unseen {
            let at = self.node_offset(node).unwrap_or(0);
            self.inline_tag(html, at);
        }
        if head.starts_with("<script") || head.starts_with("<style") {
            self.unseen_inline = !html.trim_end().ends_with("/>");
        } else if head.starts_with("</script") || head.starts_with("</style") {
            self.unseen_inline = false;
        } else if head.starts_with("<br") {
            self.space();
        } else if head.starts_with("<img")
            && self.flavor.raw_html
            && !self.excluded()
            && !self.unseen_inline
        {
            let Some(start) = self.node_offset(node) else {
                return;
            };
            for r in captions(html, 0..html.len()) {
                self.end_block();
                self.html_chars(html, r, &|i| start + i);
                self.end_block();
            }
        }
    }

    /// Emits `html[range]`, decoding entities; `at` maps an offset in `html` to the source.
    fn html_chars(&mut self, html: &str, range: Range<usize>, at: &dyn Fn(usize) -> usize) {
        let mut i = range.start;
        while i < range.end {
            let rest = &html[i..range.end];
            let (c, len) = match rest.starts_with('&').then(|| entity(rest)).flatten() {
                Some(decoded) => decoded,
                None => {
                    let c = rest.chars().next().unwrap_or(' ');
                    (c, c.len_utf8())
                }
            };
            self.push_char(c, at(i));
            i += len;
        }
    }

    /// Where each line of HTML block `literal` starts, in the literal and in the source: a
    /// literal line is its source line without the prefix of the containers it is in.
    fn literal_lines<'a>(&self, node: &'a AstNode<'a>, literal: &str) -> Vec<(usize, usize)> {
        let first = node.data().sourcepos.start.line.saturating_sub(1);
        let mut out = Vec::new();
        let mut start = 0;
        for (k, line) in literal.split_inclusive('\n').enumerate() {
            let bare = line.trim_end_matches(['\n', '\r']);
            let src = self
                .line_starts
                .get(first + k)
                .map_or(self.source.len(), |&s| {
                    let end = self
                        .line_starts
                        .get(first + k + 1)
                        .map_or(self.source.len(), |&n| n - 1);
                    let whole = self.source[s..end.max(s)].trim_end_matches('\r');
                    match whole.ends_with(bare) {
                        true => s + whole.len() - bare.len(),
                        false => s,
                    }
                });
            out.push((start, src));
            start += line.len();
        }
        if out.is_empty() {
            out.push((0, self.node_offset(node).unwrap_or(0)));
        }
        out
    }

    /// A masked byte at source offset `src`: the captions of the tag it belongs to, each a
    /// block of its own, the first time the tag is met.
    pub(super) fn masked(&mut self, src: usize) {
        let captions = self.captions;
        let original = self.original;
        while let Some(cap) = captions.get(self.next_caption) {
            if cap.token.start > src {
                return;
            }
            self.next_caption += 1;
            if cap.token.end <= src {
                continue;
            }
            self.end_block();
            for (i, c) in original[cap.text.clone()].char_indices() {
                self.push_char(c, cap.text.start + i);
            }
            self.end_block();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Vec<String> {
        pieces(html)
            .into_iter()
            .map(|p| match p {
                Token::Text(r) => html[r].to_string(),
                Token::Break(_) => "|".into(),
                Token::Caption(r) => format!("[{}]", &html[r]),
                Token::Inline(_) => String::new(),
            })
            .collect()
    }

    #[test]
    fn text_between_tags_is_read_and_blocks_break() {
        let html = "<div class=\"card\"><p>One <b title=\"x\">two</b>.</p><figcaption>Three</figcaption></div>";
        assert_eq!(read(html).concat(), "||One two.||Three||");
    }

    #[test]
    fn scripts_styles_comments_and_attributes_are_not_text() {
        let html = "<div data-x=\"no\"><!-- no --><script>no()</script><style>p{}</style>yes</div>";
        assert_eq!(read(html).concat(), "|yes|");
        let img = "<img src=\"a.png\" alt=\"An owl\" title='At night'>";
        assert_eq!(read(img), vec!["[An owl]", "[At night]"]);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(entity("&amp; x"), Some(('&', 5)));
        assert_eq!(entity("&#x2019;"), Some(('\u{2019}', 8)));
        assert_eq!(entity("& x;"), None);
    }
}
