//! The Markdown plain-text and anchoring layer. The input is two article versions separated by
//! a NUL byte. Both are parsed (never a panic; every plain-text offset maps to a source line
//! and column); every sentence of the first, captured as a quote, is found again in the first
//! at the same place (or reported ambiguous), and is followed into the second without a panic,
//! landing only on character boundaries. The first version is also parsed nested, line by
//! line, under 1 to 256 block quotes or list items (past the nesting limit of 100): never a
//! panic or a stack overflow, and a refusal is located inside the text.
#![no_main]

use factcheck::text::anchor::{Budget, Located, capture, follow, locate};
use factcheck::text::article::Article;
use factcheck::text::worddiff::Edit;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (old, new) = text.split_once('\0').unwrap_or((text, text));
    let excluded = vec!["Comments".to_string()];
    let depth = 1 + old.len() % 256;
    let marker = if old.len() % 2 == 0 { "> " } else { "- " };
    let nested: String = old
        .lines()
        .map(|l| format!("{}{l}\n", marker.repeat(depth)))
        .collect();
    let lines = nested.lines().count().max(1);
    if let Err(factcheck::text::span::Invalid { pos, .. }) =
        Article::parse(nested, &excluded).validated("nested.md")
    {
        assert!(pos.line <= lines, "refused outside the text");
    }
    let old = Article::parse(old.to_string(), &excluded);
    let new = Article::parse(new.to_string(), &excluded);
    for a in [&old, &new] {
        let flat = a.text.as_str();
        for (i, _) in flat.char_indices() {
            let pos = a.pos(i);
            assert!(pos.line >= 1 && pos.column >= 1);
        }
    }
    let edit = Edit::between(old.text.as_str(), new.text.as_str());
    for span in old.text.sentences().into_iter().take(64) {
        let quote = capture(&old.text, span);
        match locate(&old.text, &quote, &Budget::for_text(&old.text)) {
            Located::Found(s) => assert_eq!(s, span, "a captured quote was found elsewhere"),
            Located::Ambiguous(spans) => assert!(spans.contains(&span)),
            other => panic!("a captured quote was not found: {other:?}"),
        }
        if let Some(located) = follow(&old.text, &edit, &quote, &new.text, &Budget::for_text(&new.text)) {
            if let Some(s) = located.span() {
                let hay = new.text.as_str();
                assert!(s.start <= s.end && s.end <= hay.len());
                assert!(hay.is_char_boundary(s.start) && hay.is_char_boundary(s.end));
            }
        }
    }
});
