//! An article: its Markdown source, the plain text a reader sees, and a map from every byte of
//! that plain text back to the Markdown source (for line:column diagnostics).
//!
//! The plain text is what claims are quoted against (SPEC §3):
//! - parsed as CommonMark + GFM with comrak;
//! - front matter, code blocks, raw HTML (including comments) are not claim text;
//! - `<!-- factcheck: off -->` … `<!-- factcheck: on -->` regions and sections whose heading the
//!   workflow excludes (e.g. reader comments) are not claim text. A marker counts only as an HTML
//!   block of its own (the comment alone on its lines), so a region is always whole blocks: a
//!   marker inside a paragraph, heading, list item text, table cell or link would hide words a
//!   reader sees in the middle of a sentence (`safe <!-- factcheck: off -->not<!-- factcheck:
//!   on --> to eat`), so it is not honoured (the words stay claim text, as readers see them) and
//!   [`Article::validated`] refuses the article. An `off` without `on` runs to the end of the
//!   article; an `on` outside a region, or an `off` inside one, changes nothing (regions do not
//!   nest);
//! - an excluded section's heading is matched on the text readers see: its words, link text and
//!   code, never HTML comments, tags and attributes, link targets or titles;
//! - inline markup is stripped (`**reduced** sex drive` reads `reduced sex drive`), link text and
//!   inline code are kept, image alt text and image titles (captions) are their own blocks;
//! - whitespace runs collapse to one space, typographic quotes, dashes and ellipses are folded to
//!   ASCII (see [`normalize_char`]);
//! - blocks (paragraphs, headings, list items, table cells, alt text) are separated by `\n`, so a
//!   quote never spans two blocks.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

use crate::text::site::{Caption, MASK, Syntax};
use crate::text::span::{Invalid, Pos};

mod html;
mod limits;

/// The parsed article.
pub struct Article {
    /// The Markdown source.
    pub source: String,
    /// The normalised plain text with its source map.
    pub text: PlainText,
    /// The git blob id of the source bytes (what article sign-offs approve).
    pub blob: String,
    /// The front matter block's text (between the delimiters; the whole object for JSON),
    /// empty when there is none.
    pub front_matter: String,
    /// Title, author and date from the front matter.
    pub meta: crate::text::frontmatter::Meta,
    /// The source with the site's template markup masked (see [`crate::text::site`]), for
    /// rendering; `None` for plain Markdown.
    masked: Option<String>,
    /// Byte offset of the start of every source line.
    line_starts: Vec<usize>,
    /// The Markdown offset of the first place where readers would see something other than
    /// what the gate reads, and what it is ([`Article::validated`] refuses the article).
    unseen: Option<(usize, Unseen)>,
    /// Where the Markdown goes over a parser limit (see [`limits`]) and which: such a text is
    /// not parsed (its plain text is empty) and [`Article::validated`] refuses it.
    over_limit: Option<(usize, String)>,
}

/// Markdown that would make the gate read words readers do not see, or hide from it words
/// they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unseen {
    /// A `factcheck: off`/`on` marker inside a block (not a block of its own).
    Marker,
    /// Inline HTML that hides its text from readers (`hidden`, `display: none`,
    /// `visibility: hidden`): the gate would read words nobody sees.
    HidingHtml,
    /// A template comment (`{% comment %}`, `{{< comment >}}`) that never closes: the site's
    /// build fails there, so the gate reads the words after it and refuses the article.
    UnclosedComment,
}

impl Article {
    /// Parses `source` as plain Markdown, excluding sections whose heading matches one of
    /// `excluded_headings` (case-insensitive, after normalisation).
    pub fn parse(source: String, excluded_headings: &[String]) -> Article {
        Article::parse_as(source, Syntax::Plain, excluded_headings)
    }

    /// Parses `source` as its site's generator reads it (`syntax`, see [`crate::text::site`]).
    pub fn parse_as(source: String, syntax: Syntax, excluded_headings: &[String]) -> Article {
        let blob = blob_id(source.as_bytes());
        Article::parse_blob_as(source, blob, syntax, excluded_headings)
    }

    /// Like [`Article::parse`] for a text whose git blob id is already known (read from git).
    pub fn parse_blob(source: String, blob: String, excluded_headings: &[String]) -> Article {
        Article::parse_blob_as(source, blob, Syntax::Plain, excluded_headings)
    }

    /// Like [`Article::parse_as`] for a text whose git blob id is already known.
    pub fn parse_blob_as(
        source: String,
        blob: String,
        syntax: Syntax,
        excluded_headings: &[String],
    ) -> Article {
        let line_starts = line_starts(&source);
        let fm = crate::text::frontmatter::find(&source);
        // The Markdown parser reads what follows the front matter. The block ends with its
        // line, so that text starts a line and its line numbers count from there.
        let body = fm.as_ref().map_or(0, |f| f.len);
        let first_line = line_starts.partition_point(|&s| s < body);
        let over_limit = limits::scan(&source[body..]).map(|e| (body + e.at, e.message));
        let masked = match over_limit {
            Some(_) => None,
            None => {
                crate::text::site::mask(&source[body..], syntax).map(|m| m.after(&source[..body]))
            }
        };
        let read = masked.as_ref().map_or(source.as_str(), |m| m.text.as_str());
        let markdown = match over_limit {
            Some(_) => "",
            None => &read[body..],
        };
        let reading = Reading {
            source: read,
            original: &source,
            line_starts: &line_starts[first_line..],
            captions: masked.as_ref().map_or(&[][..], |m| &m.captions[..]),
        };
        let (text, mut unseen) = PlainText::build(reading, markdown, excluded_headings);
        if let Some((at, _)) = masked.as_ref().and_then(|m| m.unclosed.as_ref())
            && unseen.is_none_or(|(u, _)| *at < u)
        {
            unseen = Some((*at, Unseen::UnclosedComment));
        }
        let meta = fm
            .as_ref()
            .map(crate::text::frontmatter::meta)
            .unwrap_or_default();
        Article {
            text,
            blob,
            front_matter: fm.map(|f| f.body).unwrap_or_default(),
            meta,
            masked: masked.map(|m| m.text),
            line_starts,
            unseen,
            over_limit,
            source,
        }
    }

    /// The source as the site's generator leaves it for Markdown (template markup masked,
    /// same byte offsets): what reports render.
    pub fn rendered_source(&self) -> &str {
        self.masked.as_deref().unwrap_or(&self.source)
    }

    /// The article, or an input error at `file`'s first `factcheck: off`/`on` marker that is
    /// not a block of its own. Commands that act on the article a reader will see (the working
    /// tree) call this, so inline markers are refused rather than silently read; past versions
    /// read from git are kept as parsed, their inline markers read as the ordinary comments
    /// readers never saw.
    ///
    /// Markdown over a parser limit (see [`limits`]) is refused the same way, at the line that
    /// crosses it; past versions over a limit read as empty (no claim is found in them).
    pub fn validated(self, file: &str) -> Result<Article, Invalid> {
        if let Some((at, message)) = &self.over_limit {
            return Err(Invalid {
                file: file.into(),
                pos: source_pos(&self.source, *at),
                message: message.clone(),
                hint: Some(LIMITS_HINT.into()),
            });
        }
        let Some((at, unseen)) = self.unseen else {
            return Ok(self);
        };
        let (message, hint) = match unseen {
            Unseen::Marker => (
                "`factcheck: off`/`factcheck: on` marker inside a block: it would hide words readers see from the claims",
                MARKER_HINT,
            ),
            Unseen::HidingHtml => (
                "inline HTML that hides its text from readers (`hidden`, `display: none`, `visibility: hidden`): the gate would check words nobody sees",
                "delete the hidden text, or show it; an editor's note belongs in an HTML comment, which the gate ignores",
            ),
            Unseen::UnclosedComment => (
                "a template comment opens here and never closes: the site's build fails, and the gate reads the words after it as text",
                "close the comment (`{% endcomment %}`, `{{< /comment >}}`)",
            ),
        };
        Err(Invalid {
            file: file.into(),
            pos: source_pos(&self.source, at),
            message: message.into(),
            hint: Some(hint.into()),
        })
    }

    /// The 1-based line and character column in the Markdown of plain-text byte `offset`.
    pub fn pos(&self, offset: usize) -> Pos {
        self.source_position(self.text.source_offset(offset))
    }

    /// The 1-based line and character column of Markdown byte `at`, as [`source_pos`] says,
    /// by a binary search of the line starts rather than a count from the top.
    pub fn source_position(&self, at: usize) -> Pos {
        let src = floor_boundary(&self.source, at.min(self.source.len()));
        let line = self.line_starts.partition_point(|&s| s <= src).max(1);
        let start = self.line_starts[line - 1];
        Pos {
            line,
            column: self.source[start..src].chars().count() + 1,
        }
    }

    /// The source line (without newline) numbered `line` (1-based).
    pub fn line(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.source.len(), |&next| next - 1);
        self.source[start..end.max(start)].trim_end_matches('\r')
    }
}

/// What to do about an article over a parser limit.
const LIMITS_HINT: &str =
    "split the article or simplify its structure; the limits are in docs/robustness.md";

/// How to place `factcheck: off`/`on` markers.
const MARKER_HINT: &str = "put <!-- factcheck: off --> and <!-- factcheck: on --> on lines of their own, around whole paragraphs";

/// Byte offset of the start of every line of `source`.
fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
        .collect()
}

/// The git blob id (SHA-1 hex) of `bytes`, as `git hash-object` computes it: the SHA-1 of
/// `blob <length>\0` followed by the bytes.
pub fn blob_id(bytes: &[u8]) -> String {
    use sha1::{Digest, Sha1};
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", bytes.len()).as_bytes());
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// 1-based line and character column of byte `offset` in `source`.
pub fn source_pos(source: &str, offset: usize) -> Pos {
    let offset = offset.min(source.len());
    let before = &source[..floor_boundary(source, offset)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Folds one character of article or quote text: typographic quotes, dashes and ellipses to
/// ASCII, exotic spaces to a space, invisible characters to nothing. Returns the replacement.
pub fn normalize_char(c: char) -> Folded {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Folded::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Folded::Char('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folded::Char('-'),
        '\u{2026}' => Folded::Str("..."),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Folded::Drop,
        // Masked template markup (see [`crate::text::site`]).
        '\u{1A}' => Folded::Drop,
        c if c.is_whitespace() => Folded::Space,
        c => Folded::Char(c),
    }
}

/// What [`normalize_char`] turns a character into.
pub enum Folded {
    /// One character.
    Char(char),
    /// Several characters (an ellipsis).
    Str(&'static str),
    /// Whitespace: collapses with its neighbours.
    Space,
    /// Nothing at all.
    Drop,
}

/// Normalises a whole string the way article text is normalised: folded characters, whitespace
/// collapsed to single spaces, trimmed. Quotes and claim-text hashes use this.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        match normalize_char(c) {
            Folded::Space => space = true,
            Folded::Drop => {}
            folded => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                match folded {
                    Folded::Char(c) => out.push(c),
                    Folded::Str(s) => out.push_str(s),
                    _ => unreachable!(),
                }
            }
        }
    }
    out
}

/// The plain text of an article and, for each of its bytes, the byte offset in the Markdown.
#[derive(Clone)]
pub struct PlainText {
    text: String,
    map: SourceMap,
    flat: std::sync::OnceLock<String>,
    headings: Vec<crate::text::span::Span>,
    links: Vec<Link>,
}

/// The Markdown offset of every plain-text byte, stored as runs: most text is copied from the
/// source a run of characters at a time, so a run records where it starts in both texts.
#[derive(Clone, Default)]
struct SourceMap {
    runs: Vec<Run>,
}

/// Plain-text bytes from `text` on map to the source from `source`: byte by byte when
/// `linear`, all to `source` otherwise (one character folded from, or standing for, another).
#[derive(Clone, Copy)]
struct Run {
    text: u32,
    source: u32,
    linear: bool,
}

impl SourceMap {
    /// Maps the `len` plain-text bytes from `at` to the source from `source`.
    fn push(&mut self, at: usize, len: usize, source: usize, linear: bool) {
        let linear = linear || len == 1;
        if let Some(last) = self.runs.last()
            && last.linear
            && linear
            && last.source as usize + (at - last.text as usize) == source
        {
            return;
        }
        self.runs.push(Run {
            text: at as u32,
            source: source as u32,
            linear,
        });
    }

    /// The source offset of plain-text byte `offset` (which must be mapped).
    fn get(&self, offset: usize) -> usize {
        let i = self.runs.partition_point(|r| r.text as usize <= offset);
        let Some(run) = i.checked_sub(1).map(|i| self.runs[i]) else {
            return 0;
        };
        match run.linear {
            true => run.source as usize + (offset - run.text as usize),
            false => run.source as usize,
        }
    }

    /// The source offset of the last of `len` mapped bytes.
    fn last(&self, len: usize) -> Option<usize> {
        len.checked_sub(1).map(|i| self.get(i))
    }

    /// Forgets the bytes from `len` on.
    fn truncate(&mut self, len: usize) {
        while self.runs.last().is_some_and(|r| r.text as usize >= len) {
            self.runs.pop();
        }
    }
}

/// A link in the article's claim text (not in excluded sections, code or front matter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The URL as written.
    pub url: String,
    /// Byte offset of the link in the Markdown source.
    pub at: usize,
}

impl PlainText {
    /// The spans of heading blocks (not sentences of the article's prose).
    pub fn headings(&self) -> &[crate::text::span::Span] {
        &self.headings
    }

    /// The links in the claim text, in document order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The text with block breaks read as spaces (same byte offsets), for matching context
    /// that runs across blocks. Computed once, on first use.
    pub fn flat(&self) -> &str {
        self.flat.get_or_init(|| self.text.replace('\n', " "))
    }

    /// The normalised plain text; blocks are separated by `\n`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Markdown byte offset of plain-text byte `offset` (the end maps past the last character).
    pub fn source_offset(&self, offset: usize) -> usize {
        if offset < self.text.len() {
            self.map.get(offset)
        } else {
            self.map.last(self.text.len()).map_or(0, |o| o + 1)
        }
    }

    /// Builds the plain text of `reading`, parsing `markdown`: its text from a line start on
    /// (after its front matter). Also returns the source offset of the first place readers
    /// and the gate would disagree.
    fn build(
        reading: Reading<'_>,
        markdown: &str,
        excluded_headings: &[String],
    ) -> (PlainText, Option<(usize, Unseen)>) {
        let arena = Arena::new();
        let options = markdown_options();
        let root = parse_document(&arena, markdown, &options);
        let excluded: Vec<String> = excluded_headings
            .iter()
            .map(|h| normalize(h).to_lowercase())
            .collect();
        let mut b = Builder::new(reading, excluded);
        b.walk(root);
        b.finish()
    }

    /// The sentences of the text, as spans: each block is split after `.`, `!` or `?` (and any
    /// closing quotes or brackets) followed by a space and a capital letter, digit or opening
    /// quote, except after common abbreviations and initials.
    pub fn sentences(&self) -> Vec<crate::text::span::Span> {
        self.sentences_in(0, self.text.len())
    }

    /// The sentences of the blocks between byte offsets `start` and `end` (both at block
    /// boundaries: the start of a block, the end of a block or of the text).
    pub fn sentences_in(&self, start: usize, end: usize) -> Vec<crate::text::span::Span> {
        let mut out = Vec::new();
        let mut block_start = start;
        for block in self.text[start..end].split('\n') {
            let mut start = 0;
            for (i, c) in block.char_indices() {
                if c == ' ' && i > start && ends_sentence(&block[start..i], &block[i + 1..]) {
                    out.push(crate::text::span::Span {
                        start: block_start + start,
                        end: block_start + i,
                    });
                    start = i + 1;
                }
            }
            if start < block.len() {
                out.push(crate::text::span::Span {
                    start: block_start + start,
                    end: block_start + block.len(),
                });
            }
            block_start += block.len() + 1;
        }
        out
    }
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "etc", "no", "fig", "approx",
    "et al", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.k",
];

/// Whether `before` (the sentence so far) ends a sentence given what follows the space.
fn ends_sentence(before: &str, after: &str) -> bool {
    let trimmed = before.trim_end_matches(['"', '\'', ')', ']']);
    let Some(last) = trimmed.chars().next_back() else {
        return false;
    };
    if !matches!(last, '.' | '!' | '?') {
        return false;
    }
    let next = after.chars().next();
    if !next
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '('))
    {
        return false;
    }
    if last == '.' {
        let word = trimmed[..trimmed.len() - 1]
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let single_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        if single_initial || ABBREVIATIONS.contains(&word.as_str()) {
            return false;
        }
    }
    true
}

/// The comrak options factcheck parses articles with (GFM; front matter is handled by
/// [`crate::text::frontmatter`] before parsing).
pub fn markdown_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

/// A searcher for two spaces, built once.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// What is left to do at a point of [`Builder::walk`].
enum Step<'a> {
    /// Visit a node and queue its children.
    Enter(&'a AstNode<'a>),
    /// End the block whose children were just visited.
    EndBlock,
    /// A heading whose text started at this offset ends.
    EndHeading(usize),
    /// An image's alt text ends; its title follows as a block of its own.
    EndImage(&'a AstNode<'a>),
}

/// What the plain text is built from.
struct Reading<'s> {
    /// The text Markdown is parsed from: the source, or the source with the site's template
    /// markup masked (same byte offsets).
    source: &'s str,
    /// The source as written (captions are read from it).
    original: &'s str,
    /// The offsets in `source` of the lines the Markdown parser reads.
    line_starts: &'s [usize],
    /// The captions of masked image and figure tags, in source order.
    captions: &'s [Caption],
}

/// Walks the comrak tree and emits plain text.
struct Builder<'s> {
    source: &'s str,
    original: &'s str,
    line_starts: &'s [usize],
    captions: &'s [Caption],
    /// The first caption not yet emitted or passed.
    next_caption: usize,
    /// Inside an inline `<script>` or `<style>`: its text is not text.
    unseen_inline: bool,
    /// Whether template markup was masked (plain Markdown skips looking for it).
    masking: bool,
    text: String,
    map: SourceMap,
    pending_space: Option<usize>,
    cursor: usize,
    off_marker: bool,
    unseen: Option<(usize, Unseen)>,
    excluded_level: Option<u8>,
    excluded_headings: Vec<String>,
    headings: Vec<crate::text::span::Span>,
    links: Vec<Link>,
}

impl<'s> Builder<'s> {
    fn new(reading: Reading<'s>, excluded_headings: Vec<String>) -> Self {
        Builder {
            source: reading.source,
            original: reading.original,
            line_starts: reading.line_starts,
            captions: reading.captions,
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
        }
    }

    fn finish(mut self) -> (PlainText, Option<(usize, Unseen)>) {
        while self.text.ends_with('\n') {
            self.text.pop();
        }
        self.map.truncate(self.text.len());
        let text = PlainText {
            text: self.text,
            map: self.map,
            flat: std::sync::OnceLock::new(),
            headings: self.headings,
            links: self.links,
        };
        (text, self.unseen)
    }

    fn excluded(&self) -> bool {
        self.off_marker || self.excluded_level.is_some()
    }

    fn node_offset(&self, node: &AstNode<'_>) -> Option<usize> {
        let sp = node.data().sourcepos;
        let start = *self.line_starts.get(sp.start.line.checked_sub(1)?)?;
        Some((start + sp.start.column.saturating_sub(1)).min(self.source.len()))
    }

    /// Walks the tree depth first with a stack of its own: nesting (emphasis in emphasis,
    /// images in alt text) is bounded only by the text's size, and recursion would overflow
    /// the thread's stack.
    fn walk<'a>(&mut self, root: &'a AstNode<'a>) {
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
    fn enter<'a>(&mut self, node: &'a AstNode<'a>, stack: &mut Vec<Step<'a>>) {
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
                }
                self.html_inline(node, html);
                return;
            }
            // Struck-through words are shown as withdrawn, not asserted: they are not claim
            // text, so striking a claim's verb changes its words (and stales its sign-offs).
            NodeValue::Strikethrough => return,
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

    fn find_in_source(&self, needle: &str, from: usize) -> Option<usize> {
        self.source.get(from..)?.find(needle).map(|i| i + from)
    }

    /// Toggles a `factcheck: off`/`on` region at an HTML block that is nothing but the marker
    /// comment; a marker sharing its block with other HTML or text is misplaced.
    fn html_block<'a>(&mut self, node: &'a AstNode<'a>, literal: &str) {
        match sole_marker(literal) {
            Some(Marker::Off) => self.off_marker = true,
            Some(Marker::On) => self.off_marker = false,
            None => {
                if let Some(i) = first_marker(literal) {
                    self.misplaced(node, literal, i, Unseen::Marker);
                } else if let Some(i) = hiding_tag(literal) {
                    self.misplaced(node, literal, i, Unseen::HidingHtml);
                }
                self.html_text(node, literal);
            }
        }
    }

    /// Records the first place readers and the gate would disagree: byte `i` of the HTML
    /// `literal` of `node`.
    fn misplaced<'a>(&mut self, node: &'a AstNode<'a>, literal: &str, i: usize, what: Unseen) {
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
    fn heading<'a>(&mut self, node: &'a AstNode<'a>, level: u8) {
        if self.excluded_level.is_some_and(|l| level <= l) {
            self.excluded_level = None;
        }
        let top_level = node
            .parent()
            .is_some_and(|p| matches!(p.data().value, NodeValue::Document));
        if top_level && self.excluded_level.is_none() && !self.excluded_headings.is_empty() {
            let title = normalize(&heading_text(node)).to_lowercase();
            if self.excluded_headings.contains(&title) {
                self.excluded_level = Some(level);
            }
        }
    }

    fn space(&mut self) {
        if !self.excluded() && self.pending_space.is_none() {
            self.pending_space = Some(self.cursor);
        }
    }

    fn end_block(&mut self) {
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
    fn push(&mut self, literal: &str, at: Option<usize>) {
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
    fn push_char(&mut self, c: char, src: usize) {
        match normalize_char(c) {
            Folded::Space => {
                if self.pending_space.is_none() {
                    self.pending_space = Some(src);
                }
            }
            Folded::Drop if c == MASK as char => self.masked(src),
            Folded::Drop => {}
            Folded::Char(f) => self.emit(f, src),
            Folded::Str(s) => s.chars().for_each(|f| self.emit(f, src)),
        }
    }

    /// [`Builder::push`] for ASCII found verbatim at `start`: only whitespace needs folding,
    /// so runs of other characters are copied whole.
    fn push_ascii(&mut self, literal: &str, start: usize) {
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
    fn emit_str(&mut self, run: &str, src: usize) {
        self.space_before_emit();
        self.map.push(self.text.len(), run.len(), src, true);
        self.text.push_str(run);
    }

    fn space_before_emit(&mut self) {
        if let Some(space_at) = self.pending_space.take()
            && !self.text.is_empty()
            && !self.text.ends_with('\n')
        {
            self.map.push(self.text.len(), 1, space_at, true);
            self.text.push(' ');
        }
    }

    fn emit(&mut self, c: char, src: usize) {
        self.space_before_emit();
        self.map.push(self.text.len(), c.len_utf8(), src, false);
        self.text.push(c);
    }

    /// The source offset of literal character `c`: its next occurrence from the cursor, looking
    /// a short way ahead (escapes, entities); the cursor itself when it is not found.
    fn align(&mut self, c: char) -> usize {
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

/// A `factcheck:` marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Off,
    On,
}

/// The marker of an HTML comment's body, if it is one.
fn marker(body: &str) -> Option<Marker> {
    match body.trim().strip_prefix("factcheck:").map(str::trim) {
        Some("off") => Some(Marker::Off),
        Some("on") => Some(Marker::On),
        _ => None,
    }
}

/// The marker `html` consists of: a single comment and nothing else but whitespace.
fn sole_marker(html: &str) -> Option<Marker> {
    let body = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    if body.contains("-->") {
        return None;
    }
    marker(body)
}

/// The byte offset in `html` of its first comment that is a marker.
fn first_marker(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(start) = html[from..].find("<!--").map(|i| i + from) {
        let body_start = start + "<!--".len();
        let body_end = html[body_start..]
            .find("-->")
            .map_or(html.len(), |i| i + body_start);
        if marker(&html[body_start..body_end]).is_some() {
            return Some(start);
        }
        from = body_end;
    }
    None
}

/// The byte offset in `html` of the first tag that hides what it opens from readers, if any.
fn hiding_tag(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find('<').map(|i| i + from) {
        let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
        if hides_text(&html[i..end]) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Whether an HTML tag hides the text it opens from readers: a `hidden` attribute, or an
/// inline style with `display: none` or `visibility: hidden`.
fn hides_text(html: &str) -> bool {
    let tag = html.to_ascii_lowercase();
    if !tag.starts_with('<') || tag.starts_with("</") || tag.starts_with("<!") {
        return false;
    }
    let squeezed: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
    let hidden_attribute = tag.match_indices("hidden").any(|(i, _)| {
        let before = tag[..i].chars().next_back();
        let after = tag[i + 6..].chars().next();
        before.is_some_and(char::is_whitespace)
            && after.is_none_or(|c| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
    });
    hidden_attribute || squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

/// The text a reader sees in a heading, for matching excluded section names: its words, code
/// and link text, never image alt text (readers see the image, which may be a blank pixel), raw
/// HTML (comments, tags and their attributes), link targets or titles. A name hidden where
/// readers do not see it must not turn a visible section into an unchecked one.
fn heading_text<'a>(node: &'a AstNode<'a>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> String {
        Article::parse(md.to_string(), &["Comments".to_string()])
            .text
            .as_str()
            .to_string()
    }

    #[test]
    fn strips_markup_and_folds_typography() {
        assert_eq!(
            plain("It **reduced** sex\ndrive \u{2014} \u{201C}a lot\u{201D}\u{2026}"),
            "It reduced sex drive - \"a lot\"..."
        );
    }

    #[test]
    fn excludes_front_matter_code_comments_and_sections() {
        let md = "---\ntitle: X\n---\n# Title\n\nBody text.\n\n```\ncode\n```\n\n<!-- factcheck: off -->\n\nHidden.\n\n<!-- factcheck: on -->\n\nShown.\n\n## Comments\n\nA reader said.\n\n### Reply\n\nStill hidden.\n\n## Next\n\nVisible.\n";
        assert_eq!(plain(md), "Title\nBody text.\nShown.\nNext\nVisible.");
    }

    /// The attack of issue #16: a word readers see, hidden from the claims by inline markers.
    const ATTACK: &str =
        "# T\n\nVitamin D is <!-- factcheck: off -->not <!-- factcheck: on -->safe.\n";

    #[test]
    fn inline_markers_are_not_honoured_and_refused_where_they_are() {
        let a = Article::parse(ATTACK.into(), &[]);
        assert_eq!(a.text.as_str(), "T\nVitamin D is not safe.");
        let Err(Invalid {
            file, pos, hint, ..
        }) = a.validated("a.md")
        else {
            panic!("an inline marker was accepted");
        };
        assert_eq!(file, std::path::Path::new("a.md"));
        assert_eq!(
            pos,
            Pos {
                line: 3,
                column: 14
            }
        );
        assert!(hint.unwrap().contains("on lines of their own"));
    }

    #[test]
    fn markers_inside_any_block_are_refused() {
        for (md, line, column) in [
            ("- one\n- two <!-- factcheck: off -->three\n", 2, 7),
            ("## Title <!--factcheck:on-->\n", 1, 10),
            (
                "| a | b |\n|---|---|\n| x | y <!-- factcheck: off --> |\n",
                3,
                9,
            ),
            ("See [the <!-- factcheck: off -->study](u).\n", 1, 10),
            ("Text.\n\n<!-- factcheck: off --> hidden?\n", 3, 1),
            ("Text.\n\n  <!-- note --><!-- factcheck: off -->\n", 3, 16),
            ("<div>\n<!-- factcheck: off -->\n</div>\n", 2, 1),
        ] {
            let a = Article::parse(md.into(), &[]);
            match a.validated("a.md") {
                Err(Invalid { pos, .. }) => {
                    assert_eq!(pos, Pos { line, column }, "{md:?}")
                }
                _ => panic!("accepted {md:?}"),
            }
        }
    }

    #[test]
    fn block_markers_enclose_whole_blocks() {
        for (md, text) in [
            // A marker on its own line interrupts the paragraph before it.
            (
                "One.\n<!-- factcheck: off -->\nTwo.\n<!-- factcheck: on -->\nThree.\n",
                "One.\nThree.",
            ),
            ("- a\n\n  <!--\n  factcheck: off\n  -->\n\n  b\n- c\n", "a"),
            (
                "> <!-- factcheck: off -->\n>\n> Quoted.\n\n<!-- factcheck: on -->\n\nAfter.\n",
                "After.",
            ),
            // Unclosed: to the end; `on` outside a region and a nested `off` change nothing.
            (
                "A.\n\n<!-- factcheck: on -->\n\nB.\n\n<!-- factcheck: off -->\n\n<!-- factcheck: off -->\n\nC.\n\n<!-- factcheck: on -->\n\nD.\n\n<!-- factcheck: off -->\n\nE.\n",
                "A.\nB.\nD.",
            ),
        ] {
            let a = Article::parse(md.into(), &[]);
            assert_eq!(a.text.as_str(), text, "{md:?}");
            assert!(a.validated("a.md").is_ok(), "{md:?}");
        }
    }

    #[test]
    fn excluded_sections_match_the_heading_readers_see() {
        for (heading, excluded) in [
            ("## Comments", true),
            ("## Com**ments**", true),
            ("## <a id=\"c\"></a>Comments <!-- from readers -->", true),
            ("## [Comments](#c)", true),
            ("## Results <!-- Comments -->", false),
            ("## Results [](Comments)", false),
            ("## [Results](Comments \"Comments\")", false),
            ("## <span title=\"Comments\">Results</span>", false),
            ("## Results <span data-x=\"Comments\"></span>", false),
        ] {
            let got = plain(&format!("Intro.\n\n{heading}\n\nBody.\n"));
            assert_eq!(!got.ends_with("Body."), excluded, "{heading:?}: {got:?}");
        }
    }

    #[test]
    fn image_alt_and_title_are_blocks() {
        assert_eq!(
            plain("See ![A brain scan](x.png \"Scans show activity\") here."),
            "See\nA brain scan\nScans show activity\nhere."
        );
    }

    #[test]
    fn struck_through_words_are_not_claim_text() {
        assert_eq!(
            plain("Vitamin D ~~helps~~ the body absorb calcium."),
            "Vitamin D the body absorb calcium."
        );
    }

    #[test]
    fn inline_html_that_hides_text_is_refused() {
        for md in [
            "Most adults need 1<span hidden>5</span> micrograms.",
            "Most adults need 1<span style=\"display: none\">5</span> micrograms.",
            "Most <b style='visibility:hidden'>adults</b> need 15 micrograms.",
            "## Results <span hidden>Comments</span>\n\nText.",
        ] {
            let err = Article::parse(md.to_string(), &[])
                .validated("a.md")
                .err()
                .unwrap_or_else(|| panic!("accepted: {md}"));
            assert!(err.to_string().contains("hides its text"), "{err}");
        }
        for md in [
            "A <span class=\"hidden-label\">label</span> and <abbr title=\"hidden\">x</abbr>.",
            "An <input type=\"text\"> and </span> closing tag.",
        ] {
            assert!(
                Article::parse(md.to_string(), &[])
                    .validated("a.md")
                    .is_ok(),
                "{md}"
            );
        }
    }

    #[test]
    fn an_image_in_a_heading_does_not_name_an_excluded_section() {
        let md = "## ![Comments](1px.gif)\n\nMegadoses cure colds.\n";
        assert!(plain(md).contains("Megadoses cure colds."), "{}", plain(md));
    }

    #[test]
    fn maps_back_to_source_positions() {
        let a = Article::parse("# T\n\nSome *very* long\ntext here.\n".to_string(), &[]);
        let i = a.text.as_str().find("long text").unwrap();
        assert_eq!(
            a.pos(i),
            Pos {
                line: 3,
                column: 13
            }
        );
        let j = a.text.as_str().find("text here").unwrap();
        assert_eq!(a.pos(j), Pos { line: 4, column: 1 });
        // The binary search over line starts agrees with counting from the top, everywhere.
        let source = "é\n\nab\r\nc  ü\n".to_string();
        let b = Article::parse(source.clone(), &[]);
        for at in 0..=source.len() + 2 {
            assert_eq!(b.source_position(at), source_pos(&source, at), "{at}");
        }
    }

    #[test]
    fn front_matter_is_kept_apart() {
        let a = Article::parse("---\ntitle: X\nauthor: Y\n---\n\nBody.\n".into(), &[]);
        assert_eq!(a.front_matter, "title: X\nauthor: Y");
        assert_eq!(a.text.as_str(), "Body.");
    }

    #[test]
    fn positions_after_front_matter_count_its_lines() {
        for (md, line) in [
            ("---\ntitle: X\n---\nSome *very* long\ntext here.\n", 4),
            (
                "+++\ntitle = 'X'\n+++\n\n\nSome *very* long\ntext here.\n",
                6,
            ),
            (
                "{\n  \"title\": \"X\"\n}\n\nSome *very* long\ntext here.",
                5,
            ),
        ] {
            let a = Article::parse(md.to_string(), &[]);
            assert_eq!(a.text.as_str(), "Some very long text here.", "{md:?}");
            let i = a.text.as_str().find("long text").unwrap();
            assert_eq!(a.pos(i), Pos { line, column: 13 }, "{md:?}");
            let j = a.text.as_str().find("text here").unwrap();
            assert_eq!(
                a.pos(j),
                Pos {
                    line: line + 1,
                    column: 1
                },
                "{md:?}"
            );
        }
        // Front matter that ends the file without a line break: no text.
        let a = Article::parse("---\ntitle: X\n---".into(), &[]);
        assert_eq!((a.front_matter.as_str(), a.text.as_str()), ("title: X", ""));
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let a = Article::parse(
            "Dr. Lee said so. About 1 in 5 adults, e.g. Bob, agree! \"Really?\" Yes.\n\nNext block\n".into(),
            &[],
        );
        let t = a.text.as_str();
        let got: Vec<&str> = a
            .text
            .sentences()
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            vec![
                "Dr. Lee said so.",
                "About 1 in 5 adults, e.g. Bob, agree!",
                "\"Really?\"",
                "Yes.",
                "Next block"
            ]
        );
    }

    #[test]
    fn blob_id_matches_git() {
        assert_eq!(
            blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }
}
