//! Finding check-worthy sentences that no claim tracks (`claim suggest`, and the workflow's
//! `coverage` rule in `check`).
//!
//! A trained, deterministic, offline model ([`model`]) scores each sentence of the article's
//! plain text: logistic regression over hashed word and character n-grams ([`features`]) and
//! the hand-written signals of the phrase scorer it replaced ([`signals`]), trained on the
//! ClaimBuster debate sentences and our own health sentences ([`train`]; docs/suggest.md has
//! the data, the credit and the figures). Two thresholds come with the model: `claim suggest`
//! lists everything above the lower one, the coverage rule warns only above the higher one,
//! chosen for precision. Headings, questions, sentences under five words and template markup
//! are never suggested; excluded sections, code and front matter are not in the plain text.

pub mod features;
pub mod model;
pub mod signals;
pub mod train;

use serde::Serialize;

use crate::text::article::Article;
use crate::text::span::Span;
use model::Model;

/// A check-worthy sentence no claim covers.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// Markdown line.
    pub line: usize,
    /// Markdown column.
    pub column: usize,
    /// The sentence.
    pub text: String,
    /// How likely it is check-worthy (0..=1).
    pub score: f32,
    /// The signals and words that carried the score, strongest first.
    pub why: Vec<String>,
    /// Where it is in the plain text.
    #[serde(skip)]
    pub span: Span,
}

/// Which of the model's thresholds to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// Everything worth a look (`claim suggest`).
    List,
    /// Only what is worth a warning (the coverage rule): precision first.
    Warn,
}

impl Threshold {
    /// The lowest score at this level, from the shipped model.
    pub fn threshold(self) -> f32 {
        let m = model::shipped();
        match self {
            Threshold::List => m.list,
            Threshold::Warn => m.warn,
        }
    }
}

/// Scores one sentence with the shipped model (0..=1); `0` for sentences never suggested.
pub fn score(sentence: &str) -> f32 {
    score_with(model::shipped(), sentence)
}

/// Scores one sentence with `model`; `0` for sentences never suggested.
pub fn score_with(model: &Model, sentence: &str) -> f32 {
    let s = sentence.trim();
    if !eligible(s) {
        return 0.0;
    }
    model.probability(s, &signals::signals(s, &signals::matches(s)))
}

/// Whether a trimmed sentence may be suggested at all: not a question, five words or more,
/// no template markup (`{{ … }}`, `{% … %}`), which is the site's, not the writer's, and not
/// page furniture (a byline, a figure's description).
fn eligible(s: &str) -> bool {
    s.split_whitespace().nth(4).is_some()
        && !s.ends_with('?')
        && !s
            .as_bytes()
            .windows(2)
            .any(|w| matches!(w, b"{{" | b"}}" | b"{%" | b"%}"))
        && !is_byline(s)
        && !is_figure_description(s)
}

/// Phrases a byline or dateline starts with.
const BYLINE_STARTS: &[&str] = &[
    "by ",
    "written by ",
    "reviewed by ",
    "medically reviewed by ",
    "fact-checked by ",
    "fact checked by ",
    "updated ",
    "last updated ",
    "published ",
];

/// Whether `s` is a byline or dateline ("By Dana Writer · Medically reviewed by Dr. Lee ·
/// Updated November 2026"): it starts with one of [`BYLINE_STARTS`] followed by a capitalised
/// word or a digit, and it is short or strung together with separators. Its names and dates look
/// like a statistic to the model, but they are the page's furniture, which the sidecar's authors
/// and sign-offs record. A sentence such as "By March 2020, the virus had reached 100
/// countries." is long and has no separators, so it stays a candidate.
fn is_byline(s: &str) -> bool {
    // Compared in place, ASCII-case-insensitively: no copy of every sentence, and no byte
    // offset taken from a lowercased copy whose length may differ (the Kelvin sign `K`
    // lowercases to `k`).
    let opens = BYLINE_STARTS.iter().any(|start| {
        s.get(..start.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(start))
            && s[start.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    let strung = || ['·', '|', '•'].iter().any(|c| s.contains(*c));
    opens && (strung() || s.split_whitespace().count() <= 7)
}

/// Nouns that open a description of a picture ("Chart of recommended sleep by age").
const FIGURES: &[&str] = &[
    "chart",
    "graph",
    "photo",
    "photograph",
    "image",
    "picture",
    "illustration",
    "diagram",
    "map",
    "screenshot",
    "figure",
    "table",
    "infographic",
];

/// Whether `s` is a noun phrase describing a figure (alt text such as "A chart of recommended
/// sleep by age"): a figure noun, optionally after an article, followed by `of`. It says what
/// the picture shows, not that anything is so; a caption that states a fact ("Recommended
/// sleep falls with age") is not one.
fn is_figure_description(s: &str) -> bool {
    let is = |word: &str, list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let mut words = s.split_whitespace();
    let mut first = words.next().unwrap_or("");
    if is(first, &["a", "an", "the"]) {
        first = words.next().unwrap_or("");
    }
    is(first, FIGURES) && words.next().is_some_and(|w| w.eq_ignore_ascii_case("of"))
}

/// The check-worthy sentences of `article` at `level` that overlap none of the `covered`
/// spans (the located claims), best first.
pub fn suggest(article: &Article, covered: &[Span], level: Threshold) -> Vec<Suggestion> {
    let text = article.text.as_str();
    let headings = Intervals::new(article.text.headings());
    let covered = Intervals::new(covered);
    let (model, threshold) = (model::shipped(), level.threshold());
    // One automaton pass over the whole text; each sentence takes the matches inside it.
    let all = signals::matches(text);
    let mut positions = article.positions();
    let mut out: Vec<Suggestion> = article
        .text
        .sentences()
        .into_iter()
        .filter(|s| !headings.overlaps(s) && !covered.overlaps(s))
        .filter_map(|span| {
            let sentence = &text[span.start..span.end];
            let s = sentence.trim();
            if !eligible(s) {
                return None;
            }
            let at = span.start + (sentence.len() - sentence.trim_start().len());
            let found = matches_within(&all, at, at + s.len());
            let signals = signals::signals(s, &found);
            let score = model.probability(s, &signals);
            (score >= threshold).then(|| {
                let pos = positions.at(span.start);
                Suggestion {
                    line: pos.line,
                    column: pos.column,
                    text: sentence.to_string(),
                    score: (score * 100.0).round() / 100.0,
                    why: model.why(s, &signals),
                    span,
                }
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.span.start.cmp(&b.span.start))
    });
    out
}

/// Spans sorted by start with the running maximum of their ends, so that whether any of them
/// overlaps a sentence is a binary search: a heading flood or thousands of claims must not make
/// every sentence scan them all.
struct Intervals {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Intervals {
    fn new(spans: &[Span]) -> Intervals {
        let mut sorted: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        sorted.sort_unstable();
        let mut max_end = Vec::with_capacity(sorted.len());
        let mut running = 0;
        for &(_, end) in &sorted {
            running = running.max(end);
            max_end.push(running);
        }
        Intervals {
            starts: sorted.into_iter().map(|(start, _)| start).collect(),
            max_end,
        }
    }

    /// Whether a span overlaps `s`: one starts before `s` ends and ends after `s` starts.
    fn overlaps(&self, s: &Span) -> bool {
        let before_end = self.starts.partition_point(|&start| start < s.end);
        before_end > 0 && self.max_end[before_end - 1] > s.start
    }
}

/// The matches of `all` (in text order) lying within `start..end`, made relative to `start`.
fn matches_within(all: &[signals::Match], start: usize, end: usize) -> Vec<signals::Match> {
    let from = all.partition_point(|m| m.start < start);
    all[from..]
        .iter()
        .take_while(|m| m.start < end)
        .filter(|m| m.end <= end)
        .map(|m| m.shifted(start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_figure_descriptions_are_not_candidates() {
        for furniture in [
            "By Dana Writer · Medically reviewed by Dr. Jordan Lee, MD · Updated November 2026",
            "By Jane Smith, Senior Health Renderer",
            "Updated November 20, 2026 | 5 min read",
            "Chart of recommended sleep by age",
            "A photo of a nurse giving a flu vaccine",
            "FACT-CHECKED BY Sam Checker",
        ] {
            assert!(!eligible(furniture), "{furniture}");
        }
        for claim in [
            "By March 2020, the virus had reached more than 100 countries around the world.",
            "By 2030, half of all adults in the country will be obese.",
            "Published studies show that exercise lowers blood pressure.",
            "Recommended sleep falls with age, from 14 hours for newborns.",
            "The chart shows that sleep falls with age.",
        ] {
            assert!(eligible(claim), "{claim}");
        }
        // A letter whose lowercase is shorter or longer in bytes does not trip the comparison.
        assert!(eligible(
            "Fact-chec\u{212A}ed by the lab, 40 samples were tested in May."
        ));
        assert!(!eligible("Fact-checked by {{ author }} on the day"));
    }
}
