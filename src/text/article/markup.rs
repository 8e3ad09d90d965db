//! Inline HTML inside and around the words readers see: `<sup>6</sup>`, `<b>`, `<s>`, `<bdo
//! dir="rtl">`. The plain text drops tags (quotes match the words), but a tag can change what a
//! reader sees while the words stay the same: `10<sup>6</sup>` is not `10<sub>6</sub>`, `<bdo
//! dir="rtl">15</bdo>` shows "51", `<s>helps</s>` withdraws a word. So every inline element is
//! recorded with the plain-text range it covers; a claim's fingerprint covers the elements over
//! its words ([`crate::text::fingerprint::claim_hash`]), and elements that hide, reverse, strike or
//! restyle text are refused in claim text ([`Markup::restyles`]; docs/codes.md, FC007).

use crate::text::span::Span;

/// One inline HTML element over the plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    /// The plain text its content covers (empty for an empty element).
    pub text: Span,
    /// Its opening tag as written, whitespace collapsed and the name in lower case.
    pub tag: String,
    /// The source offset of the opening tag.
    pub at: usize,
    /// The element that was open when it opened (elements nest: a closing tag closes every
    /// element opened after its own).
    parent: Option<usize>,
}

/// Elements that strike a word out, reverse the order of characters, or do not show what
/// they hold: a closed `<dialog>`; what a browser parses as raw text or inert content and
/// never renders (`<script>`, `<style>`, `<template>`, `<noscript>` with scripting on, the
/// content of `<iframe>`, `<noembed>`, `<noframes>`, a `<title>` in the body); fallbacks a
/// browser replaces (media, `<canvas>`, `<object>`, `<progress>`, `<meter>`, a fenced
/// frame); a select box's options; ruby's parentheses (`<rp>`, shown only where ruby is
/// not); SVG, which draws only what its own elements place, and MathML's `<mphantom>` and
/// annotations.
const RESTYLING: &[&str] = &[
    "bdo",
    "s",
    "del",
    "strike",
    "font",
    "dialog",
    "noframes",
    "iframe",
    "title",
    "canvas",
    "video",
    "audio",
    "object",
    "select",
    "datalist",
    "frameset",
    "template",
    "noscript",
    "noembed",
    "script",
    "style",
    "progress",
    "meter",
    "fencedframe",
    "rp",
    "svg",
    "mphantom",
    "annotation",
    "annotation-xml",
];

/// Inline elements a paragraph's end does not close, among those that restyle or hide: a
/// browser reopens a formatting element (`<s>`, `<strike>`, `<font>`) in every paragraph after
/// it until its closing tag, reads everything up to the closing tag of a raw-text element
/// (`<script>`, `<noscript>`, `<iframe>`) as its content, and keeps `<template>`, `<select>`
/// and `<object>` open across `</p>`. Left open at a block's end, they hold the blocks after
/// it, as an element opened by an HTML block does. (Formatting elements that change only how
/// words look, `<b>` or `<em>`, are not followed past their paragraph.)
const CARRIED: &[&str] = &[
    "s", "strike", "font", "script", "style", "template", "noscript", "noembed", "noframes",
    "iframe", "textarea", "title", "xmp", "select", "object",
];

/// Attributes that hide, reverse or restyle the text they hold.
const RESTYLING_ATTRIBUTES: &[&str] =
    &["style", "dir", "hidden", "aria-hidden", "popover", "inert"];

/// Elements with no content (`<br>`, `<img>`): nothing for a claim's words to be inside.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

impl Markup {
    /// Why this element changes what readers see of its text (`<bdo>`, `<s>`, `style=…`), or
    /// `None` for markup that only carries meaning (`<sup>`, `<em>`, `<a href>`).
    pub fn restyles(&self) -> Option<String> {
        let name = tag_name(&self.tag);
        if RESTYLING.contains(&name) {
            return Some(format!("`<{name}>`"));
        }
        attributes(&self.tag)
            .find(|a| RESTYLING_ATTRIBUTES.contains(&a.as_str()))
            .map(|a| format!("a `{a}` attribute"))
    }
}

/// Template markup the site's generator expands in the text (`{% if false %}`, `{{ x }}`,
/// `{{< param >}}`, `{expr}`): masked, so not words the gate reads, but it decides what readers
/// see there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The plain-text offset it stands at.
    pub at: usize,
    /// Its source, as written.
    pub text: String,
    /// Where it is in the source.
    source: std::ops::Range<usize>,
}

/// The markup of a text: inline HTML elements in the order they open, and template markup in
/// text order.
#[derive(Debug, Clone, Default)]
pub struct MarkupList {
    elements: Vec<Markup>,
    templates: Vec<Template>,
}

impl MarkupList {
    /// The elements over `span`: those that contain a byte of it, or open strictly inside it.
    /// Found through the elements' nesting, so the cost is the number found plus the depth.
    pub fn over(&self, span: Span) -> Vec<&Markup> {
        let e = &self.elements;
        let starts_before = e.partition_point(|m| m.text.start < span.start);
        let mut out: Vec<&Markup> = Vec::new();
        // Those open at the claim's first byte: the last element opened before it and the
        // elements enclosing that one.
        let mut at = starts_before.checked_sub(1);
        while let Some(i) = at {
            if e[i].text.end > span.start {
                out.push(&e[i]);
            }
            at = e[i].parent;
        }
        out.reverse();
        let inside = e[starts_before..]
            .iter()
            .take_while(|m| m.text.start < span.end)
            .filter(|m| m.text.end > m.text.start || m.text.start > span.start);
        out.extend(inside);
        out
    }

    /// The template markup standing inside `span` or at either end of it.
    fn templates_in(&self, span: Span) -> &[Template] {
        let t = &self.templates;
        let from = t.partition_point(|x| x.at < span.start);
        let to = t.partition_point(|x| x.at <= span.end);
        &t[from..to.max(from)]
    }

    /// What readers see of `span` beyond its words: each element over it with where its content
    /// starts and ends relative to the span (clamped to it), e.g. `4-9<s>`, and each piece of
    /// template markup in or at the edges of it with where it stands (`5{% if false %}`);
    /// `None` when there is none, so the fingerprint of a claim without markup is that of its
    /// words.
    pub fn signature(&self, span: Span) -> Option<String> {
        let over = self.over(span);
        let templates = self.templates_in(span);
        if over.is_empty() && templates.is_empty() {
            return None;
        }
        let rel = |x: usize| x.clamp(span.start, span.end) - span.start;
        let elements = over
            .iter()
            .map(|m| format!("{}-{}{}", rel(m.text.start), rel(m.text.end), m.tag));
        let templates = templates.iter().map(|t| format!("{}{}", rel(t.at), t.text));
        Some(elements.chain(templates).collect::<Vec<_>>().join(" "))
    }

    /// `words` (the text of `span`) with the tags of the elements over it put back where they
    /// open and close: what `diff` shows when only the markup of a claim changed.
    pub fn marked(&self, span: Span, words: &str) -> Option<String> {
        let over = self.over(span);
        let templates = self.templates_in(span);
        if over.is_empty() && templates.is_empty() {
            return None;
        }
        let rel = |x: usize| x.clamp(span.start, span.end) - span.start;
        let mut inserts: Vec<(usize, usize, String)> = Vec::new();
        for (k, m) in over.iter().enumerate() {
            inserts.push((rel(m.text.start), k * 2 + 1, m.tag.clone()));
            let close = format!("</{}>", tag_name(&m.tag));
            inserts.push((rel(m.text.end), usize::MAX - k * 2, close));
        }
        for t in templates {
            inserts.push((rel(t.at), usize::MAX / 2, t.text.clone()));
        }
        inserts.sort_by_key(|(at, order, _)| (*at, *order));
        let mut out = String::with_capacity(words.len() + 16 * inserts.len());
        let mut last = 0;
        for (at, _, tag) in inserts {
            let at = floor(words, at);
            out.push_str(&words[last..at]);
            out.push_str(&tag);
            last = at;
        }
        out.push_str(&words[last..]);
        Some(out)
    }

    /// The first element over `span` that restyles its text, with why.
    pub fn restyling(&self, span: Span) -> Option<(&Markup, String)> {
        self.over(span)
            .into_iter()
            .find_map(|m| m.restyles().map(|why| (m, why)))
    }
}

/// What the plain-text walk records of the markup as it goes: the list, and the inline
/// elements open.
#[derive(Debug, Default)]
pub(super) struct Recorder {
    list: MarkupList,
    /// Indices into the list of the inline elements open (they end with their block at the
    /// latest), outermost first.
    open: Vec<usize>,
    /// Indices of the elements opened by HTML blocks and not closed yet: they hold every
    /// block after them until their closing tag, or the end of the text.
    held: Vec<usize>,
}

impl Recorder {
    /// An inline tag `html` at source offset `at`, met when the plain text is `here` bytes
    /// long (`waiting`: a space is due before the next word): an opening tag starts an element
    /// where the next word goes, a closing tag ends the innermost open element of its name
    /// and every element opened after it.
    /// `held`: the tag is in an HTML block, and its element may hold the blocks after it.
    pub(super) fn tag(&mut self, html: &str, at: usize, here: usize, waiting: bool, held: bool) {
        let html = html.trim();
        let closing = html.starts_with("</");
        let name = tag_name(html);
        if name.is_empty() || VOID.contains(&name) {
            return;
        }
        let list = &mut self.list.elements;
        if closing {
            for stack in [&mut self.open, &mut self.held] {
                if let Some(k) = stack.iter().rposition(|&i| tag_name(&list[i].tag) == name) {
                    for &i in &stack[k..] {
                        list[i].text.end = here.max(list[i].text.start);
                    }
                    stack.truncate(k);
                    return;
                }
            }
            return;
        }
        let start = here + usize::from(waiting);
        let parent = self.open.last().or(self.held.last()).copied();
        list.push(Markup {
            text: Span { start, end: start },
            tag: collapse(html),
            at,
            parent,
        });
        if !html.ends_with("/>") {
            let stack = if held { &mut self.held } else { &mut self.open };
            stack.push(list.len() - 1);
        }
    }

    /// Ends every inline element still open at the end of a block (`here` bytes of text),
    /// but those a browser keeps open past it ([`CARRIED`]), which then hold the blocks after
    /// it until their closing tag.
    pub(super) fn close_all(&mut self, here: usize) {
        for i in self.open.drain(..) {
            let m = &mut self.list.elements[i];
            if CARRIED.contains(&tag_name(&m.tag)) {
                self.held.push(i);
            } else {
                m.text.end = here.max(m.text.start);
            }
        }
    }

    /// A masked byte of template markup at source offset `src`, standing at plain-text offset
    /// `at`: one piece with the bytes right before it at the same place.
    pub(super) fn template_byte(&mut self, src: usize, at: usize) {
        match self.list.templates.last_mut() {
            Some(t) if t.at == at && t.source.end == src => t.source.end = src + 1,
            _ => self.list.templates.push(Template {
                at,
                text: String::new(),
                source: src..src + 1,
            }),
        }
    }

    /// The list, with the elements still held ended at the end of the text (`end` bytes) and
    /// the source text of every piece of template markup filled in from `original`.
    pub(super) fn finish(mut self, original: &str, end: usize) -> MarkupList {
        for i in self.held.drain(..) {
            let m = &mut self.list.elements[i];
            m.text.end = end.max(m.text.start);
        }
        for t in &mut self.list.templates {
            t.text = String::from_utf8_lossy(&original.as_bytes()[t.source.clone()]).into_owned();
        }
        self.list
    }
}

/// The lower-case name of tag `html` (`<B class=x>` → `b`, `</s>` → `s`), empty when it is
/// not a tag (a comment, a declaration).
fn tag_name(html: &str) -> &str {
    let rest = html.trim_start_matches('<').trim_start_matches('/');
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    &rest[..len]
}

/// The attribute names of an opening tag, lower case.
fn attributes(tag: &str) -> impl Iterator<Item = String> + '_ {
    let body = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let name_len = tag_name(tag).len();
    let mut rest = &body[name_len.min(body.len())..];
    std::iter::from_fn(move || {
        rest = rest.trim_start();
        let len = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        let name = rest[..len].to_ascii_lowercase();
        rest = rest[len..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            let end = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].find(q).map_or(value.len(), |i| i + 2),
                _ => value.find(char::is_whitespace).unwrap_or(value.len()),
            };
            rest = &value[end..];
        }
        Some(name)
    })
}

/// `tag` with whitespace runs collapsed to one space and its name in lower case.
fn collapse(tag: &str) -> String {
    let name = tag_name(tag);
    let lower = tag.replacen(name, &name.to_ascii_lowercase(), 1);
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use crate::text::article::Article;
    use crate::text::span::Span;

    fn signature(md: &str, quote: &str) -> Option<String> {
        let a = Article::parse(md.to_string(), &[]);
        let start = a.text.as_str().find(quote).expect("quote in text");
        a.text.markup().signature(Span {
            start,
            end: start + quote.len(),
        })
    }

    #[test]
    fn markup_over_a_claim_is_part_of_its_signature() {
        let plain = signature("Adults need 15 micrograms a day.\n", "need 15 micrograms");
        assert_eq!(plain, None);
        let before = signature("A rate of 10<sup>6</sup> a day.\n", "A rate of 10");
        assert_eq!(before, None, "the element after the quote is not over it");
        let sup = signature("A rate of 10<sup>6</sup> a day.\n", "106 a day");
        let sub = signature("A rate of 10<sub>6</sub> a day.\n", "106 a day");
        assert_eq!(sup.as_deref(), Some("2-3<sup>"));
        assert_ne!(sup, sub);
        let around = signature("<b>Adults need 15 micrograms</b> a day.\n", "need 15");
        assert_eq!(around.as_deref(), Some("0-7<b>"));
        let next = signature("Adults need <i>15</i> micrograms a day.\n", "Adults need");
        assert_eq!(next, None, "an element after the claim's last byte");
    }

    #[test]
    fn restyling_markup_is_found_inside_and_around() {
        for md in [
            "Adults need <bdo dir=\"rtl\">15</bdo> micrograms.\n",
            "Vitamin D <s>helps</s> the body.\n",
            "Vitamin D <DEL>helps</DEL> the body.\n",
            "Adults need <span style=\"font-size:0\">1</span>5 micrograms.\n",
            "<span dir=rtl>Adults need 15 micrograms.</span>\n",
            "<font color=\"#fff\">Adults need 15 micrograms.</font>\n",
        ] {
            let a = Article::parse(md.to_string(), &[]);
            let whole = Span {
                start: 0,
                end: a.text.as_str().len(),
            };
            assert!(a.text.markup().restyling(whole).is_some(), "{md}");
        }
        let a = Article::parse("Adults <em>need</em> 15.\n".to_string(), &[]);
        let whole = Span {
            start: 0,
            end: a.text.as_str().len(),
        };
        assert!(a.text.markup().restyling(whole).is_none());
    }

    #[test]
    fn marked_text_puts_the_tags_back() {
        let a = Article::parse("Vitamin D <s>helps</s> the body.\n".to_string(), &[]);
        let text = a.text.as_str();
        let span = Span {
            start: 0,
            end: text.len(),
        };
        assert_eq!(
            a.text.markup().marked(span, text).as_deref(),
            Some("Vitamin D <s>helps</s> the body.")
        );
    }
}
