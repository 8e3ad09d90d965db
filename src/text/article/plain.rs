//! The plain text of an article: what a reader sees, with a map from each of its bytes back to
//! the Markdown source, the headings and links in it, and its sentences.

/// The plain text of an article and, for each of its bytes, the byte offset in the Markdown.
#[derive(Clone)]
pub struct PlainText {
    pub(super) text: String,
    pub(super) map: SourceMap,
    pub(super) flat: std::sync::OnceLock<String>,
    pub(super) headings: Vec<crate::text::span::Span>,
    pub(super) links: Vec<Link>,
    pub(super) markup: super::markup::MarkupList,
    /// Where the bidirectional controls are, found when first asked ([`PlainText::reordered`]).
    pub(super) bidi: std::sync::OnceLock<Vec<usize>>,
}

/// The Markdown offset of every plain-text byte, stored as runs: most text is copied from the
/// source a run of characters at a time, so a run records where it starts in both texts.
#[derive(Clone, Default)]
pub(super) struct SourceMap {
    pub(super) runs: Vec<Run>,
}

/// Plain-text bytes from `text` on map to the source from `source`: byte by byte when
/// `linear`, all to `source` otherwise (one character folded from, or standing for, another).
#[derive(Clone, Copy)]
pub(super) struct Run {
    pub(super) text: u32,
    pub(super) source: u32,
    pub(super) linear: bool,
}

impl SourceMap {
    /// Maps the `len` plain-text bytes from `at` to the source from `source`.
    pub(super) fn push(&mut self, at: usize, len: usize, source: usize, linear: bool) {
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
    pub(super) fn get(&self, offset: usize) -> usize {
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
    pub(super) fn last(&self, len: usize) -> Option<usize> {
        len.checked_sub(1).map(|i| self.get(i))
    }

    /// Forgets the bytes from `len` on.
    pub(super) fn truncate(&mut self, len: usize) {
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
    /// Whether readers may see the characters of `span` in another order than they are
    /// written ([`super::bidi`]): a bidirectional control in it or before it in its block
    /// (`U+202E 18` shows "81"; an override holds to the end of its paragraph), or a
    /// right-to-left character that reorders words written left to right.
    pub fn reordered(&self, span: crate::text::span::Span) -> Option<super::bidi::Reordering> {
        let bidi = self.bidi.get_or_init(|| {
            self.text
                .char_indices()
                .filter(|&(_, c)| super::bidi::is_control(c))
                .map(|(i, _)| i)
                .collect()
        });
        let before_end = bidi.partition_point(|&i| i < span.end);
        let controlled = before_end
            .checked_sub(1)
            .map(|k| bidi[k])
            .is_some_and(|last| {
                last >= span.start
                    || memchr::memchr(b'\n', &self.text.as_bytes()[last..span.start]).is_none()
            });
        match controlled {
            true => Some(super::bidi::Reordering::Control),
            false => super::bidi::displaced(&self.text, span)
                .then_some(super::bidi::Reordering::RightToLeft),
        }
    }

    /// The inline HTML elements over the text ([`super::markup`]).
    pub fn markup(&self) -> &super::markup::MarkupList {
        &self.markup
    }

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
