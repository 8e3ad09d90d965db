//! Finding check-worthy sentences that no claim tracks (`claim suggest`, and the workflow's
//! `coverage` rule in `check`).
//!
//! A deterministic, offline scorer over each sentence of the article's plain text (headings,
//! questions and very short sentences are never suggested; excluded sections, code and front
//! matter are not in the plain text at all). Signals and weights, summed and capped at 1:
//!
//! | signal | examples | weight |
//! |---|---|---|
//! | statistic or quantity | `15 micrograms`, `40%`, `one in five`, `2 million` | 0.45 |
//! | attribution or history | `according to`, `studies show`, `researchers`, `developed by` | 0.35 |
//! | causal or medical statement | `causes`, `linked to`, `risk`, `reduces`, `depression` | 0.30 |
//! | comparison or superlative | `more than`, `twice as`, `the most common`, `highest` | 0.25 |
//! | prevalence or trend | `common`, `rare`, `rates`, `tripled` | 0.20 |
//! | quotation | a quoted passage of three or more words | 0.25 |
//! | date or year | `in 2019`, `since March` | 0.15 |
//! | opinion, advice or text about the page | `I think`, `should`, `tastes`, `this article` | −0.40 |
//!
//! A sentence scoring at least [`THRESHOLD`] is suggested. The weights were tuned on the
//! labelled sentences in `tests/data/suggest.tsv` (our own example prose plus hand-written
//! hard cases); the precision and recall measured there are reported in docs/suggest.md and
//! asserted by a test.

use serde::Serialize;

use crate::anchor::Span;
use crate::article::Article;

/// The minimum score for a sentence to be suggested.
pub const THRESHOLD: f32 = 0.3;

/// A check-worthy sentence no claim covers.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// Markdown line.
    pub line: usize,
    /// Markdown column.
    pub column: usize,
    /// The sentence.
    pub text: String,
    /// How check-worthy (0..=1).
    pub score: f32,
    /// Where it is in the plain text.
    #[serde(skip)]
    pub span: Span,
}

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "half",
    "third",
    "quarter",
    "dozen",
    "percent",
    "majority",
    "minority",
    "most",
    "few",
];
const UNITS: &[&str] = &[
    "mg",
    "mcg",
    "micrograms",
    "milligrams",
    "grams",
    "kg",
    "hours",
    "minutes",
    "years",
    "months",
    "weeks",
    "days",
    "sessions",
    "calories",
    "iu",
    "mmhg",
    "litres",
    "liters",
    "times",
    "percent",
    "cent",
    "people",
    "adults",
    "children",
    "patients",
    "cases",
    "deaths",
];
const ATTRIBUTION: &[&str] = &[
    "according to",
    "studies show",
    "study shows",
    "studies suggest",
    "research shows",
    "research suggests",
    "a study",
    "the study",
    "studies have",
    "researchers",
    "scientists",
    "survey",
    "trial",
    "data from",
    "figures from",
    "report by",
    "reported",
    "found that",
    "estimates",
    "estimated",
    "guidelines",
    "recommends",
    "says",
    "said",
    "developed by",
    "invented",
    "discovered",
    "founded",
];
const CAUSAL: &[&str] = &[
    "cause",
    "causes",
    "caused",
    "leads to",
    "lead to",
    "linked to",
    "link between",
    "associated with",
    "risk",
    "risks",
    "reduce",
    "reduces",
    "reduced",
    "increase",
    "increases",
    "increased",
    "lower",
    "lowers",
    "raise",
    "raises",
    "prevent",
    "prevents",
    "treat",
    "treats",
    "treatment",
    "cure",
    "cures",
    "effective",
    "side effect",
    "side effects",
    "symptom",
    "symptoms",
    "disease",
    "diabetes",
    "cancer",
    "depression",
    "dementia",
    "stroke",
    "blood pressure",
    "heart",
    "vaccine",
    "dose",
    "deficiency",
    "absorb",
    "improves",
    "improve",
    "helps",
    "help",
    "affects",
    "disorder",
    "infection",
];
const COMPARISON: &[&str] = &[
    "more than",
    "less than",
    "fewer than",
    "higher than",
    "lower than",
    "twice as",
    "times as",
    "times more",
    "the most",
    "the least",
    "most common",
    "largest",
    "highest",
    "lowest",
    "biggest",
    "leading",
    "compared with",
    "compared to",
    "than",
    "more common",
    "less common",
];
const PREVALENCE: &[&str] = &[
    "common",
    "rare",
    "frequent",
    "prevalent",
    "widespread",
    "rates",
    "rate",
    "tripled",
    "doubled",
    "halved",
    "rising",
    "falling",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const OPINION: &[&str] = &[
    "i think",
    "i believe",
    "we think",
    "we believe",
    "in my opinion",
    "i feel",
    "should",
    "ought",
    "tastes",
    "taste",
    "delicious",
    "awful",
    "terrible",
    "wonderful",
    "beautiful",
    "love",
    "hate",
    "we recommend",
    "you should",
    "must try",
    "favourite",
    "favorite",
    "boring",
    "amazing",
    "this article",
    "this guide",
    "this page",
    "read on",
];

/// The phrase lists, in the order of the signal flags [`Signals`] keeps.
const LISTS: [&[&str]; 9] = [
    NUMBER_WORDS,
    UNITS,
    ATTRIBUTION,
    CAUSAL,
    COMPARISON,
    PREVALENCE,
    MONTHS,
    OPINION,
    &["in five", "in ten", "in four", "in three", "in two"],
];

/// One automaton over every phrase of every list (built once): a sentence is scanned a single
/// time whatever the number of phrases.
fn automaton() -> &'static (aho_corasick::AhoCorasick, Vec<usize>) {
    static AC: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<usize>)> =
        std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let mut phrases = Vec::new();
        let mut list_of = Vec::new();
        for (i, list) in LISTS.iter().enumerate() {
            for p in *list {
                phrases.push(*p);
                list_of.push(i);
            }
        }
        // Built once per process, searched over every sentence of every article: a DFA costs
        // a little more to build and searches several times faster than the default NFA.
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)
            .expect("static phrases compile");
        (ac, list_of)
    })
}

/// Whole-word phrase matches in `text` (ASCII case-insensitive), as (start, list) in text order.
fn matches(text: &str) -> Vec<(usize, usize)> {
    let (ac, list_of) = automaton();
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    ac.find_overlapping_iter(text)
        .filter(|m| {
            edge(text[..m.start()].chars().next_back()) && edge(text[m.end()..].chars().next())
        })
        .map(|m| (m.start(), list_of[m.pattern().as_usize()]))
        .collect()
}

/// Scores one sentence (0..=1); `0` for questions and sentences under five words.
pub fn score(sentence: &str) -> f32 {
    let s = sentence.trim();
    let mut found = [false; 9];
    for (_, list) in matches(s) {
        found[list] = true;
    }
    score_with(s, found)
}

/// Scores a trimmed sentence given which phrase lists it matches.
fn score_with(s: &str, found: [bool; 9]) -> f32 {
    if s.split_whitespace().nth(4).is_none() || s.ends_with('?') {
        return 0.0;
    }
    let [
        numbers,
        units,
        attribution,
        causal,
        comparison,
        prevalence,
        months,
        opinion,
        one_in,
    ] = found;
    let digits = s.bytes().any(|c| c.is_ascii_digit());
    let year = digits
        && s.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_ascii_digit());
            w.len() == 4 && (w.starts_with("19") || w.starts_with("20"))
        });
    // Digits are a quantity unless all they give is a year (`in 2019`).
    let quantity = (digits && (!year || units)) || s.contains('%') || (numbers && units) || one_in;
    let quotation = s.contains('"') && quoted_words(s) >= 3;
    let mut total = 0.0;
    for (on, weight) in [
        (quantity, 0.45),
        (attribution, 0.35),
        (causal, 0.30),
        (comparison, 0.25),
        (prevalence, 0.20),
        (quotation, 0.25),
        (year || months, 0.15),
        (opinion, -0.40),
    ] {
        if on {
            total += weight;
        }
    }
    f32::clamp(total, 0.0, 1.0)
}

/// Words inside the longest double-quoted passage.
fn quoted_words(s: &str) -> usize {
    s.split('"')
        .skip(1)
        .step_by(2)
        .map(|q| q.split_whitespace().count())
        .max()
        .unwrap_or(0)
}

/// The check-worthy sentences of `article` that overlap none of the `covered` spans (the
/// located claims), best first.
pub fn suggest(article: &Article, covered: &[Span]) -> Vec<Suggestion> {
    let text = article.text.as_str();
    let headings = article.text.headings();
    let overlaps = |a: &Span, b: &Span| a.start < b.end && b.start < a.end;
    // One automaton pass over the whole text; each sentence takes the matches inside it.
    let all = matches(text);
    let mut out: Vec<Suggestion> = article
        .text
        .sentences()
        .into_iter()
        .filter(|s| !headings.iter().any(|h| overlaps(h, s)))
        .filter(|s| !covered.iter().any(|c| overlaps(c, s)))
        .filter_map(|span| {
            let sentence = &text[span.start..span.end];
            let from = all.partition_point(|(at, _)| *at < span.start);
            let mut found = [false; 9];
            for (_, list) in all[from..].iter().take_while(|(at, _)| *at < span.end) {
                found[*list] = true;
            }
            let score = score_with(sentence.trim(), found);
            (score >= THRESHOLD).then(|| {
                let pos = article.pos(span.start);
                Suggestion {
                    line: pos.line,
                    column: pos.column,
                    text: sentence.to_string(),
                    score: (score * 100.0).round() / 100.0,
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
