//! An article: its Markdown source, the plain text a reader sees, and a map from every byte of
//! that plain text back to the Markdown source (for line:column diagnostics).
//!
//! The plain text is what claims are quoted against (docs/spec.md §3):
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

use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};

use crate::text::site::{MASK, Syntax};
use crate::text::span::{Invalid, Pos};

mod bidi;
mod builder;
mod columns;
mod flavor;
mod html;
mod limits;
mod markup;
mod plain;
mod unseen;

pub use bidi::Reordering;
use builder::Reading;
pub use flavor::{Flavor, markdown_options};
pub use markup::{Markup, MarkupList};
pub use plain::{Link, PlainText};

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
    /// How it was read (the site's template syntax).
    syntax: Syntax,
    /// Characters before every few kilobytes of the source, built when a long line first
    /// needs a column ([`columns`]).
    columns: std::sync::OnceLock<columns::CharIndex>,
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
    /// A style sheet in the article (`<style>`, `<link rel="stylesheet">`): CSS can hide any
    /// words or add others, which the gate cannot follow.
    StyleSheet,
    /// HTML that shows readers text the gate does not read: a `<textarea>`, a form field's
    /// `value`, an inline frame's `srcdoc`.
    UnreadText,
    /// A Markdown attribute list that restyles or hides what it is attached to (`{: style=…}`,
    /// kramdown, Hugo, markdown-it-attrs).
    AttributeList,
    /// An MDX `export default`: the page's layout component, which may show anything instead
    /// of the article.
    Layout,
    /// HTML a browser reads otherwise than the Markdown parser: a comment, processing
    /// instruction or CDATA section that ends elsewhere, a quote that starts no attribute value.
    MisreadHtml,
    /// HTML that sends readers to another page, or makes the page's links point elsewhere
    /// (`<meta http-equiv>`, `<base>`): they read what the gate never did.
    Redirect,
    /// Front matter the site's generator reads otherwise than the gate can vouch for (words
    /// after its closing line, a block that never closes, generators that disagree).
    FrontMatter(crate::text::frontmatter::Why),
    /// kramdown's `{::nomarkdown}`: written out raw, or not at all.
    KramdownRaw,
    /// kramdown's `{::options}`: changes how the rest of the article is read.
    KramdownOptions,
    /// A kramdown `{::comment}` whose end the gate cannot place, or whose words end the HTML
    /// comment kramdown writes early.
    KramdownComment,
    /// Front matter that makes the generator render this page otherwise than the gate reads
    /// the site (Hugo's `markup: org`, Eleventy's `templateEngineOverride: njk,md`).
    Renderer(crate::text::site::Switch),
}

impl From<crate::text::site::Refusal> for Unseen {
    fn from(r: crate::text::site::Refusal) -> Unseen {
        use crate::text::site::Refusal;
        match r {
            Refusal::KramdownRaw => Unseen::KramdownRaw,
            Refusal::KramdownOptions => Unseen::KramdownOptions,
            Refusal::KramdownComment => Unseen::KramdownComment,
            Refusal::Redirect => Unseen::Redirect,
        }
    }
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
        let fm = crate::text::frontmatter::find_as(&source, syntax.front_matter_dialects());
        // The Markdown parser reads what follows the front matter. The block ends with its
        // line, so that text starts a line and its line numbers count from there.
        let body = fm.as_ref().map_or(0, |f| f.len);
        let first_line = line_starts.partition_point(|&s| s < body);
        let over_limit = limits::scan(&source[body..]).map(|e| (body + e.at, e.message));
        let mut masked = match over_limit {
            Some(_) => None,
            None => {
                crate::text::site::mask(&source[body..], syntax).map(|m| m.after(&source[..body]))
            }
        };
        if let Some(m) = masked.as_mut().filter(|_| syntax == Syntax::Mdx) {
            mdx_paragraphs(&mut m.text, body);
        }
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
            flavor: Flavor::of(syntax),
        };
        let (text, mut unseen) = builder::build(reading, markdown, excluded_headings);
        if let Some((at, _)) = masked.as_ref().and_then(|m| m.unclosed.as_ref())
            && unseen.is_none_or(|(u, _)| *at < u)
        {
            unseen = Some((*at, Unseen::UnclosedComment));
        }
        if let Some((at, what)) = masked.as_ref().and_then(|m| m.refused)
            && unseen.is_none_or(|(u, _)| at < u)
        {
            unseen = Some((at, Unseen::from(what)));
        }
        if let Some(d) = fm.as_ref().and_then(|f| f.doubt) {
            // The front matter comes first: its doubt is the first place to fix.
            unseen = Some((d.at, Unseen::FrontMatter(d.why)));
        }
        if let Some((at, switch)) = fm
            .as_ref()
            .and_then(|f| crate::text::site::renderer_switch(&source, f, syntax))
            && unseen.is_none_or(|(u, _)| at < u)
        {
            unseen = Some((at, Unseen::Renderer(switch)));
        }
        if syntax == Syntax::Mdx
            && let Some(at) = crate::text::site::default_export(&source[body..]).map(|i| body + i)
            && unseen.is_none_or(|(u, _)| at < u)
        {
            unseen = Some((at, Unseen::Layout));
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
            syntax,
            columns: std::sync::OnceLock::new(),
            unseen,
            over_limit,
            source,
        }
    }

    /// How the article was read: the template syntax of its site's generator.
    pub fn syntax(&self) -> Syntax {
        self.syntax
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
            Unseen::StyleSheet => (
                "a style sheet in the article (`<style>` or `<link rel=\"stylesheet\">`): CSS can hide words readers would otherwise see, or show words the gate never reads (`content:`)",
                "move the styles into the site's own stylesheet, outside the articles",
            ),
            Unseen::UnreadText => (
                "HTML that shows readers text the gate does not read (a text area, a form field's value, an inline frame's `srcdoc`)",
                "write the text as Markdown, where the gate reads it",
            ),
            Unseen::AttributeList => (
                "an attribute list that restyles or hides the text it is attached to (`style`, `dir`, `hidden`, `aria-hidden`): readers would not see the words the gate reads",
                "remove the attribute; a class name (`{: .note}`) is fine",
            ),
            Unseen::MisreadHtml => (
                "HTML that a browser reads otherwise than Markdown does (`<!-->`, `--!>`, `<?…>`, `<![CDATA[…>`, or a quote that starts no attribute value): readers and the gate would see different words",
                "write the comment as `<!-- … -->`, and quote attribute values right after `=`",
            ),
            Unseen::Layout => (
                "an MDX `export default`: the page's layout component can show anything in place of the article the gate reads",
                "set the layout in the site's configuration or front matter, not in the article",
            ),
            Unseen::UnclosedComment => (
                "a template comment opens here and never closes: the site's build fails, and the gate reads the words after it as text",
                "close the comment (`{% endcomment %}`, `{{< /comment >}}`)",
            ),
            Unseen::Redirect => (
                "HTML that sends readers elsewhere (`<meta http-equiv>`, a refresh to another page) or makes the page's links point elsewhere (`<base>`): readers would read a page the gate never checked",
                "remove the element; link to the other page with a Markdown link, and set redirects in the site's configuration",
            ),
            Unseen::FrontMatter(crate::text::frontmatter::Why::AfterCloser) => (
                "words after the front matter's closing delimiter on its line: the site's generator shows them as the page's first line, which the gate does not read",
                "put the closing `---` (or `+++`) alone on its line, and the words on the next",
            ),
            Unseen::FrontMatter(crate::text::frontmatter::Why::Unclosed) => (
                "front matter that never closes: the site's generator then takes the whole article as front matter (readers see nothing of it) or fails",
                "close the front matter with a line `---` (or `+++`) alone, before the article's text",
            ),
            Unseen::FrontMatter(crate::text::frontmatter::Why::Disagree) => (
                "front matter whose end the generators this site may be built with place on different lines (`...`, `----`, a delimiter in the middle of a line): readers may see words the gate hides, or not see words it reads",
                "open and close the front matter with lines that are exactly `---` (or `+++`), or name the site's generator (`generator:` in factcheck.yaml)",
            ),
            Unseen::KramdownRaw => (
                "a kramdown `{::nomarkdown}` block: kramdown writes its content out raw (not as the Markdown the gate reads), or with a `type` other than html not at all",
                "write the HTML directly in the article (kramdown passes HTML through), or move it into an include",
            ),
            Unseen::KramdownOptions => (
                "a kramdown `{::options}` tag: it changes how kramdown reads the rest of the article (which HTML it parses, what `--` or `...` print as), which the gate does not follow",
                "set kramdown's options in `_config.yml` (`kramdown:`), which the gate treats as site policy",
            ),
            Unseen::Renderer(switch) => switch.refusal(),
            Unseen::KramdownComment => (
                "a kramdown `{::comment}` whose end the gate cannot place (alone on a line inside a list item, a block quote or indented code), or whose words hold `-->`, which ends the HTML comment kramdown writes and shows what follows",
                "open and close the comment on one line, or put `{::comment}` and `{:/comment}` alone on lines of their own outside lists and quotes; keep `-->` out of it",
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
            column: self.chars(start, src) + 1,
        }
    }

    /// The number of characters of the source in `a..b` (character boundaries, `a <= b`): by
    /// the index of [`columns`] on long stretches.
    fn chars(&self, a: usize, b: usize) -> usize {
        self.columns
            .get_or_init(|| columns::CharIndex::of(&self.source))
            .count(&self.source, a, b)
    }

    /// At most `keep` bytes of line `line` (1-based) around the source bytes `at..end`, with
    /// how many characters of the line come before them and whether the line goes on after
    /// them: what a finding shows of a line that may be megabytes long, at a cost that does
    /// not depend on its length.
    pub fn line_window(
        &self,
        line: usize,
        at: usize,
        end: usize,
        keep: usize,
    ) -> (&str, usize, bool) {
        let whole = self.line(line);
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return (whole, 0, false);
        };
        if whole.len() <= keep {
            return (whole, 0, false);
        }
        let line_end = start + whole.len();
        let at = at.clamp(start, line_end);
        let from = columns::floor(&self.source, at.saturating_sub(keep / 4).max(start));
        let to = (end.max(at) + keep / 2).min(from + keep).min(line_end);
        let to = columns::floor(&self.source, to.max(from));
        (
            &self.source[from..to],
            self.chars(start, from),
            to < line_end,
        )
    }

    /// Like [`Article::pos`] for many offsets in increasing order: each column is counted on
    /// from the one before on the same line rather than from the line's start, so the
    /// sentences of a 15 MB single-line article cost one pass over it, not one each.
    pub fn positions(&self) -> Positions<'_> {
        Positions {
            article: self,
            last: None,
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

/// A cursor over an article's positions ([`Article::positions`]).
pub struct Positions<'a> {
    article: &'a Article,
    /// The last Markdown byte placed and its position.
    last: Option<(usize, Pos)>,
}

impl Positions<'_> {
    /// The position of plain-text byte `offset`, as [`Article::pos`] gives it; any order
    /// works, increasing offsets are fast.
    pub fn at(&mut self, offset: usize) -> Pos {
        let a = self.article;
        let src = floor_boundary(&a.source, a.text.source_offset(offset).min(a.source.len()));
        let line = a.line_starts.partition_point(|&s| s <= src).max(1);
        let pos = match self.last {
            Some((from, last)) if last.line == line && from <= src => Pos {
                line,
                column: last.column + a.source[from..src].chars().count(),
            },
            _ => a.source_position(src),
        };
        self.last = Some((src, pos));
        pos
    }
}

/// What to do about an article over a parser limit.
const LIMITS_HINT: &str =
    "split the article or simplify its structure; the limits are in docs/robustness.md";

/// How to place `factcheck: off`/`on` markers.
const MARKER_HINT: &str = "put <!-- factcheck: off --> and <!-- factcheck: on --> on lines of their own, around whole paragraphs";

/// Byte offset of the start of every line of `source`.
/// MDX has no indented code (MDX 2 reads an indented line as the paragraph or component body
/// it is): the lines CommonMark would read as an indented code block at the top of the
/// document, such as a component's body set off by blank lines, have their indentation masked,
/// so they are read as the text readers see. Same byte offsets; one more parse, only for an
/// article with such lines.
fn mdx_paragraphs(text: &mut String, body: usize) {
    let markdown = &text[body..];
    let indented = |l: &str| l.starts_with("    ") || l.starts_with('\t');
    if !markdown.lines().any(indented) {
        return;
    }
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &markdown_options());
    let code: Vec<(usize, usize)> = root
        .children()
        .filter_map(|node| {
            let ast = node.data.borrow();
            match &ast.value {
                NodeValue::CodeBlock(c) if !c.fenced => {
                    Some((ast.sourcepos.start.line, ast.sourcepos.end.line))
                }
                _ => None,
            }
        })
        .collect();
    if code.is_empty() {
        return;
    }
    let starts = line_starts(markdown);
    let mut bytes = std::mem::take(text).into_bytes();
    for (first, last) in code {
        for line in first..=last {
            let mut i = body + starts[line - 1];
            while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                bytes[i] = MASK;
                i += 1;
            }
        }
    }
    *text = String::from_utf8(bytes).expect("ASCII blanks replaced by an ASCII byte");
}

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

#[cfg(test)]
mod tests;
