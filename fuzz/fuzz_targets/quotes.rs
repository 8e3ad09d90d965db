//! Locating many quotes at once. The input is an article, a NUL byte, and bytes that choose
//! 65–120 quotes cut from its plain text (some changed by one character, some whitespace
//! variants): more than the one-by-one threshold, so `locate_all_exact` takes the sampled
//! search (or, for short quotes, the automaton). Every result must equal what `locate_exact`
//! (one SIMD substring search per quote) finds for the same quote.
#![no_main]

use factcheck::text::anchor::{Budget, Quote, locate_all_exact, locate_exact};
use factcheck::text::article::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(nul) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let Ok(md) = std::str::from_utf8(&data[..nul]) else {
        return;
    };
    let picks = &data[nul + 1..];
    let article = Article::parse(md.to_string(), &[]);
    let text = article.text.as_str();
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    if bounds.len() < 2 {
        return;
    }
    let mut quotes = Vec::new();
    for (k, chunk) in picks.chunks(4).take(120).enumerate() {
        let [a, b, c, d] = <[u8; 4]>::try_from(chunk).unwrap_or([chunk[0], 7, 3, 0]);
        let start = bounds[usize::from(u16::from_le_bytes([a, b])) % bounds.len()];
        let len_chars = 1 + usize::from(c) % 90;
        let end_at = bounds.partition_point(|&i| i < start) + len_chars;
        let end = bounds[end_at.min(bounds.len() - 1)];
        let mut exact = text[start..end].to_string();
        match d % 8 {
            0 if !exact.is_empty() => {
                // One character changed: usually found nowhere.
                let at = exact
                    .char_indices()
                    .nth(k % exact.chars().count())
                    .unwrap()
                    .0;
                exact.replace_range(at..at + exact[at..].chars().next().unwrap().len_utf8(), "#");
            }
            1 => exact = exact.replace(' ', "  "),
            _ => {}
        }
        quotes.push(Quote {
            exact,
            prefix: text[..start]
                .chars()
                .rev()
                .take(usize::from(d % 40))
                .collect::<String>()
                .chars()
                .rev()
                .collect(),
            suffix: text[end..].chars().take(usize::from(c % 40)).collect(),
        });
    }
    while quotes.len() < 65 {
        quotes.push(quotes.last().cloned().unwrap_or_default());
    }
    let refs: Vec<&Quote> = quotes.iter().collect();
    let all = locate_all_exact(&article.text, &refs, &Budget::for_text(&article.text));
    for (q, found) in quotes.iter().zip(all) {
        let one = locate_exact(&article.text, q, &Budget::for_text(&article.text));
        assert_eq!(found, one, "quote {:?}", q.exact);
    }
});
