//! Anchoring claims to article text (SPEC §3): find a claim's quote in the plain text, capture
//! prefix/suffix context for a new quote, and fingerprint a claim's text for sign-offs.
//!
//! A quote is a W3C Web Annotation `TextQuoteSelector`: `exact` plus `prefix`/`suffix` context.
//! Matching is exact on normalised text (linear-time substring search); when the exact text
//! occurs more than once, the context picks the occurrence; when it does not occur at all, the
//! context may still locate the claim *with its words changed* — then the claim's sign-offs are
//! stale. Context is captured within the claim's block, so it never spans two paragraphs.

use sha2::{Digest, Sha256};

use crate::article::{PlainText, normalize};

/// How many characters of context are captured on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A claim's quote as stored in the sidecar.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The claim's words, as they appear in the article's plain text.
    pub exact: String,
    /// Text just before the quote in the same block (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Text just after the quote in the same block (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

/// A byte range of the plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Located {
    /// The exact text occurs once (or once with matching context).
    Found(Span),
    /// The exact text is gone, but its context uniquely brackets new text that resembles it:
    /// the claim is there, with its words changed.
    Changed {
        /// Where the claim's current text is.
        span: Span,
        /// How similar the current text is to the quote (0..=1).
        similarity: f32,
    },
    /// The exact text occurs several times and the context does not decide.
    Ambiguous(Vec<Span>),
    /// The quote cannot be found.
    Missing,
}

/// The minimum similarity for a changed claim to be recognised by its context.
pub const MIN_SIMILARITY: f32 = 0.5;

/// Locates `quote` in `text`.
pub fn locate(text: &PlainText, quote: &Quote) -> Located {
    let hay = text.as_str();
    let exact = normalize(&quote.exact);
    if exact.is_empty() {
        return Located::Missing;
    }
    let hits = occurrences(hay, &exact);
    match hits.len() {
        0 => by_context(hay, quote, &exact),
        1 => Located::Found(hits[0]),
        _ => disambiguate(hay, quote, hits),
    }
}

/// Every (possibly overlapping) occurrence of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        out.push(Span {
            start,
            end: start + needle.len(),
        });
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn disambiguate(hay: &str, quote: &Quote, hits: Vec<Span>) -> Located {
    let prefix = normalize(&quote.prefix);
    let suffix = normalize(&quote.suffix);
    if prefix.is_empty() && suffix.is_empty() {
        return Located::Ambiguous(hits);
    }
    // 2: the context is exactly what surrounds the occurrence in its block (an empty prefix
    // then means "at the start of the block"); 1: the context matches but the block goes on.
    let score = |s: &Span| {
        let before = block_before(hay, s.start).trim_end();
        let after = block_after(hay, s.end).trim_start();
        let (p, x) = (prefix.trim_end(), suffix.trim_start());
        let side = |exact: bool, partial: bool| if exact { 2 } else { usize::from(partial) };
        side(before == p, !p.is_empty() && before.ends_with(p))
            + side(after == x, !x.is_empty() && after.starts_with(x))
    };
    let best = hits.iter().map(score).max().unwrap_or(0);
    let winners: Vec<Span> = hits.iter().copied().filter(|s| score(s) == best).collect();
    if best > 0 && winners.len() == 1 {
        Located::Found(winners[0])
    } else {
        Located::Ambiguous(hits)
    }
}

/// The exact text is gone: look for the prefix and suffix bracketing something similar.
fn by_context(hay: &str, quote: &Quote, exact: &str) -> Located {
    let prefix = normalize(&quote.prefix);
    let suffix = normalize(&quote.suffix);
    if prefix.len() < 8 && suffix.len() < 8 {
        return Located::Missing;
    }
    let max_len = exact.len() * 2 + 80;
    let mut candidates = Vec::new();
    for block in blocks(hay) {
        let starts: Vec<usize> = if prefix.is_empty() {
            vec![block.start]
        } else {
            occurrences(&hay[block.start..block.end], &prefix)
                .into_iter()
                .map(|s| {
                    block.start + s.end + usize::from(hay[block.start + s.end..].starts_with(' '))
                })
                .collect()
        };
        for start in starts {
            let rest = &hay[start..block.end];
            let end = if suffix.is_empty() {
                Some(block.end)
            } else {
                rest.find(&suffix).map(|i| start + i)
            };
            if let Some(end) = end {
                let end = if hay[..end].ends_with(' ') {
                    end - 1
                } else {
                    end
                };
                if end > start && end - start <= max_len {
                    candidates.push(Span { start, end });
                }
            }
        }
    }
    if candidates.len() != 1 {
        return Located::Missing;
    }
    let span = candidates[0];
    let similarity = similar::TextDiff::from_words(exact, &hay[span.start..span.end]).ratio();
    if similarity >= MIN_SIMILARITY {
        Located::Changed { span, similarity }
    } else {
        Located::Missing
    }
}

fn blocks(hay: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    hay.split('\n').map(move |b| {
        let s = Span {
            start,
            end: start + b.len(),
        };
        start += b.len() + 1;
        s
    })
}

fn block_before(hay: &str, at: usize) -> &str {
    let start = hay[..at].rfind('\n').map_or(0, |i| i + 1);
    &hay[start..at]
}

fn block_after(hay: &str, at: usize) -> &str {
    let end = hay[at..].find('\n').map_or(hay.len(), |i| at + i);
    &hay[at..end]
}

/// Builds a quote for `span`, capturing up to [`CONTEXT_CHARS`] characters of context on each
/// side within the block, cut at word boundaries.
pub fn capture(text: &PlainText, span: Span) -> Quote {
    let hay = text.as_str();
    let before = block_before(hay, span.start);
    let after = block_after(hay, span.end);
    Quote {
        exact: hay[span.start..span.end].to_string(),
        prefix: tail_words(before, CONTEXT_CHARS).trim().to_string(),
        suffix: head_words(after, CONTEXT_CHARS).trim().to_string(),
    }
}

fn tail_words(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let cut = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    match s[cut..].find(' ') {
        Some(sp) if cut > 0 => &s[cut + sp + 1..],
        _ => &s[cut..],
    }
}

fn head_words(s: &str, n: usize) -> &str {
    let cut = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    if cut == s.len() {
        return s;
    }
    match s[..cut].rfind(' ') {
        Some(sp) if sp > 0 => &s[..sp],
        _ => &s[..cut],
    }
}

/// The fingerprint a claim sign-off records: `sha256:` + hex digest of the normalised text.
pub fn text_hash(text: &str) -> String {
    hex_digest(Sha256::digest(normalize(text).as_bytes()).as_slice())
}

/// The fingerprint of a set of claims (ids and text hashes, in order) that article sign-offs
/// record, so a workflow can let them go stale only when claims change.
pub fn claims_digest<'a>(claims: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = Sha256::new();
    for (id, hash) in claims {
        h.update(id.as_bytes());
        h.update([0]);
        h.update(hash.as_bytes());
        h.update([b'\n']);
    }
    hex_digest(h.finalize().as_slice())
}

fn hex_digest(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut hex = String::with_capacity(7 + 2 * bytes.len());
    hex.push_str("sha256:");
    for b in bytes {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn art(md: &str) -> Article {
        Article::parse(md.to_string(), &[])
    }

    fn q(exact: &str, prefix: &str, suffix: &str) -> Quote {
        Quote {
            exact: exact.into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
        }
    }

    #[test]
    fn finds_through_markup_and_typography() {
        let a = art("It *reduced* sex drive \u{2014} a lot.");
        assert!(matches!(
            locate(&a.text, &q("reduced sex drive - a lot", "", "")),
            Located::Found(_)
        ));
    }

    #[test]
    fn context_disambiguates() {
        let a = art("Water is wet. Fire is hot. Water is wet, said Bob.");
        let hits = occurrences(a.text.as_str(), "Water is wet");
        assert_eq!(hits.len(), 2);
        let quote = capture(&a.text, hits[1]);
        assert_eq!(quote.prefix, "Water is wet. Fire is hot.");
        assert_eq!(locate(&a.text, &quote), Located::Found(hits[1]));
        assert!(matches!(
            locate(&a.text, &q("Water is wet", "", "")),
            Located::Ambiguous(_)
        ));
    }

    #[test]
    fn block_boundaries_count_as_context() {
        let a =
            art("Adults need 7 hours. Teens need more.\n\n![x](y.png \"Adults need 7 hours.\")");
        let hits = occurrences(a.text.as_str(), "Adults need 7 hours");
        assert_eq!(hits.len(), 2);
        for hit in hits.iter().copied() {
            assert_eq!(locate(&a.text, &capture(&a.text, hit)), Located::Found(hit));
        }
    }

    #[test]
    fn changed_words_are_located_by_context() {
        let a = art(
            "Clinicians report that depression often reduces sexual desire, and some drugs do too.",
        );
        let quote = q(
            "depression often lowers sexual desire",
            "Clinicians report that ",
            ", and some drugs",
        );
        match locate(&a.text, &quote) {
            Located::Changed { span, .. } => {
                assert_eq!(
                    &a.text.as_str()[span.start..span.end],
                    "depression often reduces sexual desire"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unrelated_text_is_not_a_match() {
        let a = art("Clinicians report that nothing at all is known here, and some drugs do too.");
        let quote = q(
            "depression often lowers sexual desire",
            "Clinicians report that ",
            ", and some drugs",
        );
        assert_eq!(locate(&a.text, &quote), Located::Missing);
    }

    #[test]
    fn hash_ignores_typography_and_spacing() {
        assert_eq!(text_hash("a \u{201C}b\u{201D}  c"), text_hash("a \"b\" c"));
        assert_ne!(text_hash("one in five"), text_hash("one in four"));
    }
}
