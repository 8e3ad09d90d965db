//! Template markup turned into opaque bytes before the Markdown parse, keeping every byte
//! offset and line break, so positions in the plain text still map to the source's lines and
//! columns and the Markdown around a tag parses as the generator's output would.
//!
//! A masked byte is [`MASK`] (an ASCII control character the plain text drops, which Markdown
//! reads like a letter: a tag alone on its line neither ends a paragraph nor indents the next
//! word into a code block), a space where a link destination starts (`[words]({{ url }})` is
//! still a link), or `_` inside one (`](/x/{{ y }}/)`), since link destinations admit neither
//! spaces nor control characters.

use std::ops::Range;

use super::scan::Scan;

/// The byte masked template markup is replaced with.
pub const MASK: u8 = 0x1A;

/// The source as the Markdown parser reads it, with what masking set aside.
#[derive(Debug, Clone, Default)]
pub struct Masked {
    /// The source with template markup masked: same length, same line breaks.
    pub text: String,
    /// Image and figure tags' alt text and captions, in source order.
    pub captions: Vec<Caption>,
    /// Where a region that hides its content (`{% comment %}`, `{{< comment >}}`) opens but
    /// never closes, and its name: the site's build fails there, so the gate reads the words
    /// after it and refuses the article.
    pub unclosed: Option<(usize, String)>,
    /// The first markup the gate refuses to read (the article is refused there): markup that
    /// changes how the rest is read, or whose end readers' browsers place elsewhere.
    pub refused: Option<(usize, Refusal)>,
    /// The steps masking took (see `scan.rs`): at most a constant per byte of the source.
    pub work: u64,
}

impl Masked {
    /// The masked text of a body that follows `prefix` (the front matter, never masked)
    /// in the article, with offsets counted from the article's start.
    pub fn after(self, prefix: &str) -> Masked {
        let n = prefix.len();
        let shift = |r: &Range<usize>| r.start + n..r.end + n;
        Masked {
            text: format!("{prefix}{}", self.text),
            captions: self
                .captions
                .iter()
                .map(|c| Caption {
                    token: shift(&c.token),
                    text: shift(&c.text),
                })
                .collect(),
            unclosed: self.unclosed.map(|(at, what)| (at + n, what)),
            refused: self.refused.map(|(at, what)| (at + n, what)),
            work: self.work,
        }
    }
}

/// Markup the gate refuses to read, found while masking (the article reports it as an input
/// error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// kramdown's `{::nomarkdown}`: written out raw, or not at all.
    KramdownRaw,
    /// kramdown's `{::options}`: changes how the rest of the article is read.
    KramdownOptions,
    /// A kramdown `{::comment}` the gate cannot place, or whose words hold `-->`.
    KramdownComment,
    /// An element that sends readers elsewhere (`<meta http-equiv>`, `<base>`) in MDX.
    Redirect,
}

/// Words of a masked tag that readers see as an image's alt text or a figure's caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// The whole tag, masked.
    pub token: Range<usize>,
    /// The words, in the source.
    pub text: Range<usize>,
}

/// Builds a [`Masked`] text one region at a time.
pub(super) struct Masker<'s> {
    pub src: &'s str,
    /// The searches for closers, counted.
    pub scan: Scan<'s>,
    out: Vec<u8>,
    captions: Vec<Caption>,
    unclosed: Option<(usize, String)>,
    refused: Option<(usize, Refusal)>,
}

impl<'s> Masker<'s> {
    pub fn new(src: &'s str) -> Masker<'s> {
        Masker {
            src,
            scan: Scan::new(src),
            out: src.as_bytes().to_vec(),
            captions: Vec::new(),
            unclosed: None,
            refused: None,
        }
    }

    /// Masks markup readers never see (a tag, an expression), with the filler its place in
    /// the Markdown needs.
    pub fn token(&mut self, range: Range<usize>) {
        let filler = self.filler(&range);
        self.fill(range, filler);
    }

    /// Masks a region whose content readers do not see (a comment, code a tag renders).
    pub fn hide(&mut self, range: Range<usize>) {
        self.fill(range, MASK);
    }

    /// Blanks a region that produces nothing where it stands, not even an end to a line (a
    /// kramdown attribute list alone on its line): spaces, line breaks kept, so the line reads
    /// as a blank line and ends the block above it, as the generator's renderer ends it.
    pub fn blank(&mut self, range: Range<usize>) {
        self.fill(range, b' ');
    }

    /// Masks the tag `token` whose words `text` readers see as a caption.
    pub fn caption(&mut self, token: Range<usize>, text: Vec<Range<usize>>) {
        for text in text.into_iter().filter(|t| !t.is_empty()) {
            self.captions.push(Caption {
                token: token.clone(),
                text,
            });
        }
        self.hide(token);
    }

    /// Records a hiding region `name` opened at `at` and never closed (the first only).
    pub fn unclosed(&mut self, at: usize, name: &str) {
        if self.unclosed.is_none() {
            self.unclosed = Some((at, name.to_string()));
        }
    }

    /// Records markup at `at` the gate refuses to read (the first one only).
    pub fn refuse(&mut self, at: usize, what: Refusal) {
        if self.refused.is_none_or(|(first, _)| at < first) {
            self.refused = Some((at, what));
        }
    }

    pub fn finish(self) -> Masked {
        // Only ASCII bytes replaced whole characters, so the text is still UTF-8.
        let text = String::from_utf8(self.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Masked {
            text,
            captions: self.captions,
            unclosed: self.unclosed,
            refused: self.refused,
            work: self.scan.steps + self.src.len() as u64,
        }
    }

    fn fill(&mut self, range: Range<usize>, filler: u8) {
        let end = range.end.min(self.out.len());
        for b in &mut self.out[range.start.min(end)..end] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = filler;
            }
        }
    }

    /// A space right after `(` or `<` on one line (the destination may start with spaces),
    /// `_` further inside a link destination, [`MASK`] elsewhere.
    fn filler(&self, range: &Range<usize>) -> u8 {
        let bytes = self.src.as_bytes();
        let one_line = memchr::memchr(b'\n', &bytes[range.clone()]).is_none();
        match range.start.checked_sub(1).map(|i| bytes[i]) {
            Some(b'(' | b'<') if one_line => b' ',
            Some(_) if in_destination(bytes, range.start) => b'_',
            _ => MASK,
        }
    }
}

/// Whether byte `at` continues a link destination: `](` before it on its line with nothing
/// but non-space characters between.
fn in_destination(bytes: &[u8], at: usize) -> bool {
    let from = at.saturating_sub(512);
    for i in (from..at).rev() {
        match bytes[i] {
            b'(' if i > 0 && bytes[i - 1] == b']' => return true,
            b' ' | b'\t' | b'\n' | b'\r' | b')' => return false,
            _ => {}
        }
    }
    false
}

/// The end of the name starting at `i`: letters, digits and `_-./:`.
pub(super) fn name_end(src: &str, mut i: usize) -> usize {
    let b = src.as_bytes();
    while i < b.len()
        && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'-' | b'.' | b'/' | b':'))
    {
        i += 1;
    }
    i
}

/// The quoted strings (`"…"`, `'…'`, `` `…` ``) in `src[range]`, as ranges of their content,
/// each with the name of the `name=` before it (empty for a positional argument).
pub(crate) fn strings(src: &str, range: Range<usize>) -> Vec<(&str, Range<usize>)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let q = b[i];
        if !matches!(q, b'"' | b'\'' | b'`') {
            i += 1;
            continue;
        }
        let Some(close) = memchr::memchr(q, &b[i + 1..range.end]).map(|j| i + 1 + j) else {
            break;
        };
        out.push((key_before(src, range.start, i), i + 1..close));
        i = close + 1;
    }
    out
}

/// The attribute or parameter name of the `name=` (or `name:`) just before byte `quote`.
fn key_before(src: &str, floor: usize, quote: usize) -> &str {
    let before = src[floor..quote].trim_end();
    let Some(before) = before.strip_suffix(['=', ':']) else {
        return "";
    };
    let before = before.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    &before[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fillers_keep_links_and_paragraphs() {
        let src = "[a]({{ u }}) [b](/x/{{ u }}) c {{ u }}\n{{ u }}\n";
        let mut m = Masker::new(src);
        for (i, _) in src.match_indices("{{ u }}") {
            m.token(i..i + 7);
        }
        let t = m.finish().text;
        assert_eq!(t.len(), src.len());
        assert!(
            t.starts_with("[a](       ) [b](/x/_______) c \x1A"),
            "{t:?}"
        );
        assert!(t.ends_with("\n\x1A\x1A\x1A\x1A\x1A\x1A\x1A\n"));
    }

    #[test]
    fn strings_know_their_names() {
        let src = r#"figure src="a.png" alt='An owl' "pos""#;
        let got: Vec<(&str, &str)> = strings(src, 0..src.len())
            .into_iter()
            .map(|(k, r)| (k, &src[r]))
            .collect();
        assert_eq!(got, vec![("src", "a.png"), ("alt", "An owl"), ("", "pos")]);
    }
}
