//! The hand-written signals of check-worthiness (quantities, attribution, causal and medical
//! words, comparison, prevalence, quotation, dates, opinion), kept from the phrase scorer that
//! preceded the trained model: the model weighs them alongside its word and character
//! features, and they name the evidence in a suggestion's `why` ("number: 15 micrograms").
//!
//! All phrases are matched whole-word and ASCII case-insensitively in one pass (an
//! Aho–Corasick automaton built once).

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

/// The phrase lists; a match's list is its index here (see the `L_*` constants).
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

const L_NUMBER: usize = 0;
const L_UNIT: usize = 1;
const L_ONE_IN: usize = 8;

/// The signals, in the order of their weights in the model file.
pub const NAMES: [&str; COUNT] = [
    "number",
    "attribution",
    "medical or causal",
    "comparison",
    "prevalence or trend",
    "quotation",
    "date",
    "opinion or advice",
];

/// How many signals there are.
pub const COUNT: usize = 8;

/// Which phrase list each signal (after the number, computed apart) reads.
const LIST_OF_SIGNAL: [Option<usize>; COUNT] = [
    None,
    Some(2),
    Some(3),
    Some(4),
    Some(5),
    None,
    Some(6),
    Some(7),
];

/// A whole-word phrase match: byte range and list.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    /// Where it starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Its list in [`LISTS`].
    list: usize,
}

impl Match {
    /// The same match, its offsets made relative to `origin`.
    pub fn shifted(self, origin: usize) -> Match {
        Match {
            start: self.start - origin,
            end: self.end - origin,
            ..self
        }
    }
}

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

/// Whole-word phrase matches in `text` (ASCII case-insensitive), in text order.
pub fn matches(text: &str) -> Vec<Match> {
    let (ac, list_of) = automaton();
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    ac.find_overlapping_iter(text)
        .filter(|m| {
            edge(text[..m.start()].chars().next_back()) && edge(text[m.end()..].chars().next())
        })
        .map(|m| Match {
            start: m.start(),
            end: m.end(),
            list: list_of[m.pattern().as_usize()],
        })
        .collect()
}

/// The signals a sentence shows, each with the words that showed it (`None`: absent).
pub type Signals<'a> = [Option<&'a str>; COUNT];

/// The signals of the trimmed sentence `s`, given its phrase matches (offsets into `s`).
pub fn signals<'a>(s: &'a str, found: &[Match]) -> Signals<'a> {
    let first = |list: usize| {
        found
            .iter()
            .find(|m| m.list == list)
            .map(|m| &s[m.start..m.end])
    };
    let mut out: Signals<'a> = [None; COUNT];
    for (slot, list) in out.iter_mut().zip(LIST_OF_SIGNAL) {
        *slot = list.and_then(first);
    }
    let year = year(s);
    out[0] = quantity(s, found, year.is_some());
    out[5] = (s.contains('"') && quoted_words(s) >= 3).then_some("a quoted passage");
    out[6] = year.or(out[6]);
    out
}

/// A statistic or quantity: digits (unless all they give is a year, `in 2019`), a percentage,
/// a number word with a unit (`two million people`) or `one in five`; the words that show it.
fn quantity<'a>(s: &'a str, found: &[Match], year: bool) -> Option<&'a str> {
    let has = |list: usize| found.iter().any(|m| m.list == list);
    let digits = s.bytes().any(|c| c.is_ascii_digit());
    if (digits && (!year || has(L_UNIT))) || s.contains('%') {
        let at = s.find(|c: char| c.is_ascii_digit() || c == '%')?;
        return Some(word_and_next(s, at));
    }
    if let Some(m) = found.iter().find(|m| m.list == L_ONE_IN) {
        let from = s[..m.start].trim_end().rfind(' ').map_or(0, |i| i + 1);
        return Some(s[from..m.end].trim_matches(|c: char| !c.is_alphanumeric()));
    }
    let number = found.iter().find(|m| m.list == L_NUMBER)?;
    has(L_UNIT).then(|| word_and_next(s, number.start))
}

/// The whitespace-separated word around byte `at`, with the next word when it is a unit or a
/// number word, without punctuation at the ends: `15 micrograms`, `2 million`, `40%`.
fn word_and_next(s: &str, at: usize) -> &str {
    let from = s[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word_end = |i: usize| s[i..].find(char::is_whitespace).map_or(s.len(), |j| i + j);
    let mut end = word_end(from);
    if let Some(next) = s[end..].find(|c: char| !c.is_whitespace()).map(|j| end + j) {
        let word = s[next..word_end(next)].trim_matches(|c: char| !c.is_alphanumeric());
        let known = |list: &[&str]| list.iter().any(|u| u.eq_ignore_ascii_case(word));
        if known(UNITS) || known(NUMBER_WORDS) {
            end = word_end(next);
        }
    }
    s[from..end].trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
}

/// A year (`1975`, `2019`) among the words of `s`.
fn year(s: &str) -> Option<&str> {
    if !s.bytes().any(|c| c.is_ascii_digit()) {
        return None;
    }
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_digit()))
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> Signals<'_> {
        signals(s, &matches(s))
    }

    #[test]
    fn signals_name_their_evidence() {
        let s = of("Most adults need 15 micrograms of vitamin D a day, according to the NHS.");
        assert_eq!(s[0], Some("15 micrograms"));
        assert_eq!(s[1], Some("according to"));
        assert_eq!(
            of("About one in five adults smoke.")[0],
            Some("one in five")
        );
        assert_eq!(
            of("Two million people were counted.")[0],
            Some("Two million")
        );
        assert_eq!(
            of("Vitamin D helps the body absorb calcium.")[2],
            Some("helps")
        );
        let year = of("The drug was approved in 2017.");
        assert_eq!((year[0], year[6]), (None, Some("2017")));
        assert_eq!(of("Rates rose 40% in 2019.")[0], Some("40%"));
        assert_eq!(of("I think naps are wonderful.")[7], Some("I think"));
    }
}
