//! Building the plain text from comrak's syntax tree: a walk that keeps what a reader sees,
//! honours `factcheck: off`/`on` regions and excluded sections, and maps every byte back to
//! the source.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};

use super::flavor::Flavor;
use super::plain::{Link, PlainText, SourceMap};
use super::unseen::restyling_attributes;
use super::unseen::{Marker, first_marker, hiding_tag, sole_marker, unread};
use super::{Folded, Unseen, floor_boundary, normalize, normalize_char};
use crate::text::site::{Caption, MASK};

/// Builds the plain text of `reading`, parsing `markdown`: its text from a line start on
/// (after its front matter). Also returns the source offset of the first place readers and
/// the gate would disagree.
pub(super) fn build(
    reading: Reading<'_>,
    markdown: &str,
    excluded_headings: &[String],
) -> (PlainText, Option<(usize, Unseen)>) {
    let arena = Arena::new();
    let options = reading.flavor.options();
    let root = parse_document(&arena, markdown, &options);
    let excluded: Vec<String> = excluded_headings
        .iter()
        .map(|h| normalize(h).to_lowercase())
        .collect();
    let mut b = Builder::new(reading, excluded);
    b.walk(root);
    b.finish()
}

/// A searcher for two spaces, built once.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// What is left to do at a point of [`Builder::walk`].
pub(super) enum Step<'a> {
    /// Visit a node and queue its children.
    Enter(&'a AstNode<'a>),
    /// End the block whose children were just visited.
    EndBlock,
    /// A heading whose text started at this offset ends.
    EndHeading(usize),
    /// An image's alt text ends; its title follows as a block of its own.
    EndImage(&'a AstNode<'a>),
    /// Text the renderer shows where comrak reads markup (the closing `~` of `~one~`), at
    /// this source offset.
    Literal(&'static str, Option<usize>),
}

/// What the plain text is built from.
pub(super) struct Reading<'s> {
    /// The text Markdown is parsed from: the source, or the source with the site's template
    /// markup masked (same byte offsets).
    pub(super) source: &'s str,
    /// The source as written (captions are read from it).
    pub(super) original: &'s str,
    /// The offsets in `source` of the lines the Markdown parser reads.
    pub(super) line_starts: &'s [usize],
    /// The captions of masked image and figure tags, in source order.
    pub(super) captions: &'s [Caption],
    /// What the site's renderer reads beyond CommonMark.
    pub(super) flavor: Flavor,
}

/// Walks the comrak tree and emits plain text.
pub(super) struct Builder<'s> {
    pub(super) source: &'s str,
    pub(super) original: &'s str,
    pub(super) line_starts: &'s [usize],
    pub(super) captions: &'s [Caption],
    pub(super) flavor: Flavor,
    /// The first caption not yet emitted or passed.
    pub(super) next_caption: usize,
    /// Inside an inline `<script>` or `<style>`: its text is not text.
    pub(super) unseen_inline: bool,
    /// Whether template markup was masked (plain Markdown skips looking for it).
    pub(super) masking: bool,
    pub(super) text: String,
    pub(super) map: SourceMap,
    pub(super) pending_space: Option<usize>,
    pub(super) cursor: usize,
    pub(super) off_marker: bool,
    pub(super) unseen: Option<(usize, Unseen)>,
    pub(super) excluded_level: Option<u8>,
    pub(super) excluded_headings: Vec<String>,
    pub(super) headings: Vec<crate::text::span::Span>,
    pub(super) links: Vec<Link>,
    /// Inline HTML elements and template markup over the text.
    pub(super) markup: super::markup::Recorder,
}

impl<'s> Builder<'s> {
    pub(super) fn new(reading: Reading<'s>, excluded_headings: Vec<String>) -> Self {
        Builder {
            source: reading.source,
            original: reading.original,
            line_starts: reading.line_starts,
            captions: reading.captions,
            flavor: reading.flavor,
            next_caption: 0,
            unseen_inline: false,
            masking: !std::ptr::eq(reading.source, reading.original),
            text: String::with_capacity(reading.source.len()),
            map: SourceMap::default(),
            pending_space: None,
            cursor: 0,
            off_marker: false,
            unseen: None,
            excluded_level: None,
            excluded_headings,
            headings: Vec::new(),
            links: Vec::new(),
            markup: Default::default(),
        }
    }

    pub(super) fn finish(mut self) -> (PlainText, Option<(usize, Unseen)>) {
        while self.text.ends_with('\n') {
            self.text.pop();
        }
        self.map.truncate(self.text.len());
        let markup = self.markup.finish(self.original, self.text.len());
        let text = PlainText {
            text: self.text,
            map: self.map,
            flat: std::sync::OnceLock::new(),
            headings: self.headings,
            links: self.links,
            markup,
            bidi: std::sync::OnceLock::new(),
        };
        (text, self.unseen)
    }

    pub(super) fn excluded(&self) -> bool {
        self.off_marker || self.excluded_level.is_some()
    }

    pub(super) fn node_offset(&self, node: &AstNode<'_>) -> Option<usize> {
        let sp = node.data().sourcepos;
        let start = *self.line_starts.get(sp.start.line.checked_sub(1)?)?;
        Some((start + sp.start.column.saturating_sub(1)).min(self.source.len()))
    }

    /// Walks the tree depth first with a stack of its own: nesting (emphasis in emphasis,
    /// images in alt text) is bounded only by the text's size, and recursion would overflow
    /// the thread's stack.
    pub(super) fn walk<'a>(&mut self, root: &'a AstNode<'a>) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(node) => self.enter(node, &mut stack),
                Step::EndBlock => self.end_block(),
                Step::EndHeading(start) => {
                    if self.text.len() > start {
                        self.headings.push(crate::text::span::Span {
                            start,
                            end: self.text.len(),
                        });
                    }
                    self.end_block();
                }
                Step::Literal(text, at) => self.push(text, at),
                Step::EndImage(node) => {
                    self.end_block();
                    let title = match &node.data().value {
                        NodeValue::Image(link) => link.title.clone(),
                        _ => String::new(),
                    };
                    if !title.is_empty() {
                        let at = self
                            .node_offset(node)
                            .and_then(|o| self.find_in_source(&title, o));
                        self.push(&title, at);
                        self.end_block();
                    }
                }
            }
        }
    }

    /// What a node does before its children, queueing what it does after them and its
    /// children (first child on top) on `stack`.
    pub(super) fn enter<'a>(&mut self, node: &'a AstNode<'a>, stack: &mut Vec<Step<'a>>) {
        let data = node.data();
        match &data.value {
            NodeValue::FrontMatter(_) | NodeValue::CodeBlock(_) | NodeValue::ThematicBreak => {
                self.end_block();
                return;
            }
            NodeValue::HtmlBlock(html) => {
                self.html_block(node, &html.literal);
                self.end_block();
                return;
            }
            NodeValue::HtmlInline(html) => {
                if let Some(i) = first_marker(html) {
                    self.misplaced(node, html, i, Unseen::Marker);
                } else if let Some(i) = hiding_tag(html) {
                    self.misplaced(node, html, i, Unseen::HidingHtml);
                } else if let Some((i, what)) = unread(html) {
                    self.misplaced(node, html, i, what);
                }
                self.html_inline(node, html);
                return;
            }
            // Struck-through words are shown as withdrawn, not asserted: they are not claim
            // text, so striking a claim's verb changes its words (and stales its sign-offs).
            // Where they stood, an empty `<del>` is recorded, as for `<s>` or `<del>` in HTML:
            // struck words put into a claim restyle it (FC007). A single tilde is the text it
            // is on a site whose renderer does not strike it.
            NodeValue::Strikethrough => {
                let at = self.node_offset(node);
                let single = at.is_some_and(|o| !self.source[o..].starts_with("~~"));
                if single && !self.flavor.single_tilde {
                    self.push("~", at);
                    stack.push(Step::Literal("~", self.node_end(node)));
                    stack.extend(node.reverse_children().map(Step::Enter));
                } else if !self.unseen_inline {
                    let at = at.unwrap_or(self.cursor);
                    self.inline_tag("<del>", at);
                    self.inline_tag("</del>", at);
                }
                return;
            }
            NodeValue::Heading(h) => {
                let level = h.level;
                self.heading(node, level);
                self.end_block();
                stack.push(Step::EndHeading(self.text.len()));
            }
            NodeValue::Link(link) => {
                if !self.excluded()
                    && let Some(at) = self.node_offset(node)
                {
                    self.links.push(Link {
                        url: link.url.clone(),
                        at,
                    });
                }
            }
            NodeValue::Text(t) => {
                if let Some(i) = restyling_attributes(t) {
                    self.misplaced(node, t, i, Unseen::AttributeList);
                }
                let at = self.node_offset(node);
                self.push(t, at);
                return;
            }
            NodeValue::Code(code) => {
                let at = self.node_offset(node).map(|o| o + code.num_backticks);
                self.push(&code.literal, at);
                return;
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => {
                self.space();
                return;
            }
            NodeValue::Image(_) => {
                self.end_block();
                stack.push(Step::EndImage(node));
            }
            NodeValue::FootnoteReference(_) => return,
            NodeValue::Paragraph
            | NodeValue::TableCell
            | NodeValue::Item(_)
            | NodeValue::TaskItem(_)
            | NodeValue::DescriptionTerm
            | NodeValue::DescriptionDetails => {
                self.end_block();
                stack.push(Step::EndBlock);
            }
            _ => {}
        }
        stack.extend(node.reverse_children().map(Step::Enter));
    }

    /// The source offset of the last character of `node`.
    pub(super) fn node_end(&self, node: &AstNode<'_>) -> Option<usize> {
        let sp = node.data().sourcepos;
        let start = *self.line_starts.get(sp.end.line.checked_sub(1)?)?;
        Some((start + sp.end.column.saturating_sub(1)).min(self.source.len()))
    }

    pub(super) fn find_in_source(&self, needle: &str, from: usize) -> Option<usize> {
        self.source.get(from..)?.find(needle).map(|i| i + from)
    }

    /// Toggles a `factcheck: off`/`on` region at an HTML block that is nothing but the marker
    /// comment; a marker sharing its block with other HTML or text is misplaced.
    pub(super) fn html_block<'a>(&mut self, node: &'a AstNode<'a>, literal: &str) {
        match sole_marker(literal) {
            Some(Marker::Off) => self.off_marker = true,
            Some(Marker::On) => self.off_marker = false,
            None => {
                if let Some(i) = first_marker(literal) {
                    self.misplaced(node, literal, i, Unseen::Marker);
                } else if let Some(i) = hiding_tag(literal) {
                    self.misplaced(node, literal, i, Unseen::HidingHtml);
                } else if let Some((i, what)) = unread(literal) {
                    self.misplaced(node, literal, i, what);
                }
                self.html_text(node, literal);
            }
        }
    }

    /// Records the first place readers and the gate would disagree: byte `i` of the HTML
    /// `literal` of `node`.
    pub(super) fn misplaced<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        literal: &str,
        i: usize,
        what: Unseen,
    ) {
        if self.unseen.is_some() {
            return;
        }
        let at = self.node_offset(node).unwrap_or(0);
        // The literal is verbatim in the source: at the node's start, or (an HTML block's
        // literal keeps its indentation) on the node's first line.
        let line_start = self.source[..at].rfind('\n').map_or(0, |n| n + 1);
        let literal_at = match self.source[at..].starts_with(literal) {
            true => at,
            false => self.find_in_source(literal, line_start).unwrap_or(at),
        };
        self.unseen = Some((literal_at + i, what));
    }

    /// Starts or ends an excluded section at a heading. Only a heading of the document itself
    /// starts one: a "Comments" heading inside a block quote or a list item reads, to readers,
    /// as part of that block, and must not switch the gate off for the paragraphs after it.
    pub(super) fn heading<'a>(&mut self, node: &'a AstNode<'a>, level: u8) {
        if self.excluded_level.is_some_and(|l| level <= l) {
            self.excluded_level = None;
        }
        let top_level = node
            .parent()
            .is_some_and(|p| matches!(p.data().value, NodeValue::Document));
        if top_level && self.excluded_level.is_none() && !self.excluded_headings.is_empty() {
            let text = heading_text(node);
            // Template markup in a heading decides what readers see there (`{% if false
            // %}Comments{% endif %}`): such a heading never names an excluded section.
            let templated = text.contains(MASK as char);
            let title = normalize(&text).to_lowercase();
            if !templated && self.excluded_headings.contains(&title) {
                self.excluded_level = Some(level);
            }
        }
    }

    pub(super) fn space(&mut self) {
        if !self.excluded() && self.pending_space.is_none() {
            self.pending_space = Some(self.cursor);
        }
    }

    pub(super) fn end_block(&mut self) {
        self.markup.close_all(self.text.len());
        self.pending_space = None;
        self.unseen_inline = false;
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            let last = self.map.last(self.text.len()).unwrap_or(0);
            self.map.push(self.text.len(), 1, last, true);
            self.text.push('\n');
        }
    }

    /// Appends literal text whose Markdown starts near byte `at`, aligning each character with
    /// its occurrence in the source (escapes and entities make the two differ).
    pub(super) fn push(&mut self, literal: &str, at: Option<usize>) {
        if self.excluded() || self.unseen_inline {
            return;
        }
        if let Some(at) = at {
            self.cursor = at;
        }
        // Usually the literal is verbatim in the source at the cursor: no per-character search.
        let start = floor_boundary(self.source, self.cursor.min(self.source.len()));
        let verbatim = self.source[start..].starts_with(literal);
        let unmasked = !self.masking || memchr::memchr(MASK, literal.as_bytes()).is_none();
        if verbatim && literal.is_ascii() && unmasked {
            self.push_ascii(literal, start);
            return;
        }
        for (i, c) in literal.char_indices() {
            let src = if verbatim { start + i } else { self.align(c) };
            self.push_char(c, src);
        }
        if verbatim {
            self.cursor = start + literal.len();
        }
    }

    /// Appends character `c` of source offset `src`, folded; a masked byte emits the
    /// captions of the tag it masks.
    pub(super) fn push_char(&mut self, c: char, src: usize) {
        match normalize_char(c) {
            Folded::Space => {
                if self.pending_space.is_none() {
                    self.pending_space = Some(src);
                }
            }
            Folded::Drop if c == MASK as char => {
                if !self.excluded() && !self.unseen_inline {
                    let at = self.text.len() + usize::from(self.space_waiting());
                    self.markup.template_byte(src, at);
                }
                self.masked(src);
            }
            Folded::Drop => {}
            Folded::Char(f) => self.emit(f, src),
            Folded::Str(s) => s.chars().for_each(|f| self.emit(f, src)),
        }
    }

    /// [`Builder::push`] for ASCII found verbatim at `start`: only whitespace needs folding,
    /// so runs of other characters are copied whole.
    pub(super) fn push_ascii(&mut self, literal: &str, start: usize) {
        // The usual case: words separated by single spaces. Only the edges need folding.
        // ASCII whitespace other than the space is \t, \n, \x0B, \x0C and \r: searched with
        // SIMD, as is a double space.
        let trimmed = literal.trim_matches(|c: char| c.is_whitespace());
        let bytes = trimmed.as_bytes();
        let clean = !trimmed.is_empty()
            && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
            && memchr::memchr2(0x0B, 0x0C, bytes).is_none()
            && DOUBLE_SPACE.find(bytes).is_none();
        if clean {
            let lead = literal.len()
                - literal
                    .trim_start_matches(|c: char| c.is_whitespace())
                    .len();
            if lead > 0 && self.pending_space.is_none() {
                self.pending_space = Some(start);
            }
            self.emit_str(trimmed, start + lead);
            let end = lead + trimmed.len();
            if end < literal.len() {
                self.pending_space = Some(start + end);
            }
            self.cursor = start + literal.len();
            return;
        }
        let bytes = literal.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if (bytes[i] as char).is_whitespace() {
                if self.pending_space.is_none() {
                    self.pending_space = Some(start + i);
                }
                i += 1;
                continue;
            }
            let run = bytes[i..]
                .iter()
                .position(|&b| (b as char).is_whitespace())
                .map_or(bytes.len(), |n| i + n);
            self.emit_str(&literal[i..run], start + i);
            i = run;
        }
        self.cursor = start + literal.len();
    }

    /// Emits a run of characters that map one to one onto source bytes from `src`.
    pub(super) fn emit_str(&mut self, run: &str, src: usize) {
        self.space_before_emit();
        self.map.push(self.text.len(), run.len(), src, true);
        self.text.push_str(run);
    }

    /// An inline tag `html` at source offset `at` ([`super::markup`]): its element ends with
    /// its block at the latest.
    pub(super) fn inline_tag(&mut self, html: &str, at: usize) {
        if !self.excluded() {
            let waiting = self.space_waiting();
            self.markup.tag(html, at, self.text.len(), waiting, false);
        }
    }

    /// A tag of an HTML block: its element holds every block after it until its closing tag
    /// (`<s>` or `<div dir="rtl">` alone on a line wraps the paragraphs below it).
    pub(super) fn held_tag(&mut self, html: &str, at: usize) {
        if !self.excluded() {
            let waiting = self.space_waiting();
            self.markup.tag(html, at, self.text.len(), waiting, true);
        }
    }

    /// Whether a space is due before the next word.
    fn space_waiting(&self) -> bool {
        self.pending_space.is_some() && !self.text.is_empty() && !self.text.ends_with('\n')
    }

    pub(super) fn space_before_emit(&mut self) {
        if let Some(space_at) = self.pending_space.take()
            && !self.text.is_empty()
            && !self.text.ends_with('\n')
        {
            self.map.push(self.text.len(), 1, space_at, true);
            self.text.push(' ');
        }
    }

    pub(super) fn emit(&mut self, c: char, src: usize) {
        self.space_before_emit();
        self.map.push(self.text.len(), c.len_utf8(), src, false);
        self.text.push(c);
    }

    /// The source offset of literal character `c`: its next occurrence from the cursor, looking
    /// a short way ahead (escapes, entities); the cursor itself when it is not found.
    pub(super) fn align(&mut self, c: char) -> usize {
        // Most characters are where the cursor is: no search needed.
        let at = floor_boundary(self.source, self.cursor.min(self.source.len()));
        if self.source[at..].starts_with(c) {
            self.cursor = at + c.len_utf8();
            return at;
        }
        let window_end = floor_boundary(self.source, (self.cursor + 64).min(self.source.len()));
        let start = floor_boundary(self.source, self.cursor.min(self.source.len()));
        let found = self.source[start..window_end].find(c).map(|i| i + start);
        match found {
            Some(i) => {
                self.cursor = i + c.len_utf8();
                i
            }
            None => self.cursor,
        }
    }
}

/// The text a reader sees in a heading, for matching excluded section names: its words, code
/// and link text, never image alt text (readers see the image, which may be a blank pixel), raw
/// HTML (comments, tags and their attributes), link targets or titles. A name hidden where
/// readers do not see it must not turn a visible section into an unchecked one.
pub(super) fn heading_text<'a>(node: &'a AstNode<'a>) -> String {
    node.descendants()
        .filter(|n| {
            !n.ancestors()
                .any(|a| matches!(a.data().value, NodeValue::Image(_)))
        })
        .filter_map(|n| match &n.data().value {
            NodeValue::Text(t) => Some(t.to_string()),
            NodeValue::Code(c) => Some(c.literal.clone()),
            NodeValue::SoftBreak | NodeValue::LineBreak => Some(" ".to_string()),
            _ => None,
        })
        .collect()
}
