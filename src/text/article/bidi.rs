//! What order readers see a claim's characters in. A browser lays a paragraph out by the
//! Unicode bidirectional algorithm (UAX #9), so characters around a claim can show its
//! characters in another order than they are written: an override (U+202E) before `18` shows
//! `81`, and a mere right-to-left mark (U+200F) or letter before `12 - 30 against` shows
//! `30 - 12 against`. The words, and so the sign-off's fingerprint, stay the same.

use unicode_bidi::{BidiClass, BidiInfo, LTR_LEVEL, ParagraphBidiInfo, bidi_class};

use crate::text::span::Span;

/// How far to look from a claim for the strong character that decides its direction: past
/// it the paragraph is read as left-to-right, so a pathological line costs a bounded scan.
const WINDOW: usize = 64 * 1024;

/// Why readers may see a claim's characters in another order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reordering {
    /// An embedding, override or isolate control stands in the claim or before it in its
    /// block (it holds to the end of its paragraph).
    Control,
    /// The bidirectional algorithm, run on the claim's block at left-to-right paragraph level
    /// (an article's default), shows the characters of a claim written left to right out of
    /// order: a right-to-left mark or letter near it.
    RightToLeft,
}

/// Whether `c` is an embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069).
pub(super) fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether the words of `span` in `text` (blocks separated by `\n`), with no bidirectional
/// control before them in their block, are shown out of the order they are written. Words
/// that hold a right-to-left letter are the writer's to order and are not judged.
pub(super) fn displaced(text: &str, span: Span) -> bool {
    let words = &text[span.start..span.end];
    let block_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let block_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    if text[block_start..block_end].is_ascii() || words.chars().any(right_to_left_letter) {
        return false;
    }
    // The window runs from the last left-to-right letter before the words (which decides
    // their direction as the paragraph's start would) to the first after them.
    let from = last_strong_ltr(&text[block_start..span.start], WINDOW)
        .map_or(block_start, |i| block_start + i);
    let to =
        first_strong_ltr(&text[span.end..block_end], WINDOW).map_or(block_end, |i| span.end + i);
    let window = &text[from..to];
    if !window.chars().any(may_reorder) {
        return false;
    }
    let info = ParagraphBidiInfo::new(window, Some(LTR_LEVEL));
    let levels = info.reordered_levels_per_char(0..window.len());
    let first = text[from..span.start].chars().count();
    let last = first + words.chars().count();
    let shown = BidiInfo::reorder_visual(&levels)
        .into_iter()
        .filter(|i| (first..last).contains(i));
    let mut previous = None;
    for i in shown {
        if previous.is_some_and(|p| p > i) {
            return true;
        }
        previous = Some(i);
    }
    false
}

fn right_to_left_letter(c: char) -> bool {
    c.is_alphabetic() && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether `c` can make a left-to-right paragraph show anything out of order.
fn may_reorder(c: char) -> bool {
    matches!(
        bidi_class(c),
        BidiClass::R
            | BidiClass::AL
            | BidiClass::AN
            | BidiClass::RLE
            | BidiClass::RLO
            | BidiClass::RLI
            | BidiClass::FSI
    )
}

fn strong_ltr(c: char) -> bool {
    bidi_class(c) == BidiClass::L
}

/// The byte offset of the last strong left-to-right character of `s`, looking back at most
/// `limit` bytes.
fn last_strong_ltr(s: &str, limit: usize) -> Option<usize> {
    let floor = s.len().saturating_sub(limit);
    s.char_indices()
        .rev()
        .take_while(|&(i, _)| i >= floor)
        .find(|&(_, c)| strong_ltr(c))
        .map(|(i, _)| i)
}

/// The byte offset just past the first strong left-to-right character of `s`, looking at
/// most `limit` bytes ahead.
fn first_strong_ltr(s: &str, limit: usize) -> Option<usize> {
    s.char_indices()
        .take_while(|&(i, _)| i < limit)
        .find(|&(_, c)| strong_ltr(c))
        .map(|(i, c)| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn displaced_in(text: &str, words: &str) -> bool {
        let start = text.find(words).unwrap();
        let end = start + words.len();
        displaced(text, Span { start, end })
    }

    #[test]
    fn a_right_to_left_mark_before_numbers_reorders_them() {
        let claim = "12 - 30 against";
        assert!(!displaced_in(
            "the bill failed 12 - 30 against, he said",
            claim
        ));
        for mark in ["\u{200F}", "\u{061C}", "\u{05D0}", "\u{0627}"] {
            let text = format!("the bill failed {mark}12 - 30 against, he said");
            assert!(displaced_in(&text, claim), "{mark:?}");
        }
        let text = "\u{200F}12 - 30 against, he said";
        assert!(displaced_in(text, claim));
    }

    #[test]
    fn right_to_left_words_and_separated_marks_are_not_judged() {
        assert!(!displaced_in(
            "\u{05E9}\u{05DC}\u{05D5}\u{05DD} 12 \u{05E2}\u{05D5}\u{05DC}\u{05DD}",
            "\u{05E9}\u{05DC}\u{05D5}\u{05DD} 12"
        ));
        // A left-to-right word between the mark and the claim decides its direction.
        assert!(!displaced_in(
            "\u{200F} the bill failed 12 - 30 against",
            "12 - 30 against"
        ));
        assert!(!displaced_in(
            "caf\u{00E9} failed 12 - 30 against",
            "12 - 30 against"
        ));
    }
}
