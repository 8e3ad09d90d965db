use proptest::prelude::*;

use super::*;

/// A sidecar-like text from pieces that make keys, values, list items, words that overlap
/// themselves (`a-a`, `aa`), punctuation-only values and non-ASCII words.
fn texts() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "claims:",
        "review:",
        "conflicts:",
        "- id: ",
        "id: ",
        "  by: ",
        "- by: ",
        "at: ",
        "a",
        "aa",
        "a-a",
        "a.a",
        "b@x.org",
        "x@b",
        "é",
        "\"",
        "'",
        " ",
        "  ",
        "- ",
        ":",
        "@",
        "#",
        "\n",
        "\n",
        "\n  ",
        "c1",
        "c1.status",
        "by",
        "a a",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

fn queries() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(
        &[
            "a",
            "aa",
            "a-a",
            "a a",
            "a.a",
            "b@x.org",
            "x@b",
            "b",
            "c1",
            "c1.status",
            "by",
            "@",
            "é",
            "aé",
            "",
            ":",
            "x",
        ][..],
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 4096,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every question has the answer the locator's scan of the lines gives.
    #[test]
    fn places_answer_as_the_scans_do(
        text in texts(),
        word in queries(),
        key in proptest::sample::select(&["id", "by", "at", "claims", "review"][..]),
        from in 0..12usize,
        span in 0..12usize,
    ) {
        let locator = Locator::new(&text);
        let mut places = Places::new(&text);
        let until = if span == 11 { usize::MAX } else { from + span };
        prop_assert_eq!(places.word_before(word, from, until), locator.word_before(word, from, until));
        prop_assert_eq!(places.word(word, from), locator.word(word, from));
        prop_assert_eq!(places.key_value(key, word, from), locator.key_value(key, word, from));
        prop_assert_eq!(places.key(key, from), locator.key(key, from));
        prop_assert_eq!(places.end_of_item(from), locator.end_of_item(from));
        // Asked again, from the memory of the first answers.
        prop_assert_eq!(places.word_before(word, from, until), locator.word_before(word, from, until));
    }
}

/// Findings at thousands of distinct places cost work linear in the sidecar: the words and
/// values are indexed once and each answer is a lookup. Counted, not timed: a scan per finding
/// (as the locator does) reads about n²/2 lines for n findings.
#[test]
fn findings_at_many_places_cost_work_linear_in_the_sidecar() {
    for n in [500, 2_000] {
        let mut text = String::from("claims:\n- id: c\n  signoffs:\n");
        for k in 0..n {
            text.push_str(&format!(
                "  - by: x{k}@example.org\n    role: fact-checker\n"
            ));
        }
        text.push_str("conflicts:\n");
        for k in 0..n {
            text.push_str(&format!(
                "- at: claims.c{k}.status\n  ours: a\n  theirs: b\n"
            ));
        }
        let lines = text.lines().count();
        let mut places = Places::new(&text);
        let claim = places.locator().claim("c").unwrap().line;
        let conflicts = places.key("conflicts", 1).unwrap().line;
        for k in 0..n {
            // As `at_claim_yaml` and `at_yaml` ask, once per finding.
            let end = places.end_of_item(claim);
            let by = places.word_before(&format!("x{k}@example.org"), claim, end);
            assert_eq!(by.map(|p| (p.line, p.column)), Some((4 + 2 * k, 9)));
            let from = places.key("conflicts", 1).unwrap().line;
            let at = places.key_value("at", &format!("claims.c{k}.status"), from);
            assert_eq!(
                at.map(|p| (p.line, p.column)),
                Some((conflicts + 1 + 3 * k, 3))
            );
        }
        assert!(
            places.work() <= 4 * lines,
            "{n} findings: {} steps for {lines} lines",
            places.work()
        );
    }
}

/// A finding on a line longer than it keeps shows the part around its span, and says how many
/// characters come before that part; a short line is shown whole.
#[test]
fn findings_on_a_long_line_keep_the_part_around_them() {
    let ids: Vec<String> = (0..3_000).map(|k| format!("é{k}")).collect();
    let text = format!("claims:\n- id: c\n  sources: [{}]\n", ids.join(", "));
    let mut places = Places::new(&text);
    let line: Vec<char> = text.lines().nth(2).unwrap().chars().collect();
    for k in [0, 1, 1_500, 2_999] {
        let word = format!("é{k}");
        let pos = places.word_before(&word, 1, usize::MAX).unwrap();
        let (shown, before, cut) = places.window(pos, word.chars().count(), 1024);
        assert!(shown.len() <= 1024);
        let expected: String = line[before..before + shown.chars().count()]
            .iter()
            .collect();
        assert_eq!(shown, expected, "é{k}");
        let at = pos.column - 1 - before;
        let span: String = shown.chars().skip(at).take(word.chars().count()).collect();
        assert_eq!(span, word);
        assert_eq!(cut, before + shown.chars().count() < line.len());
    }
    let short = places.window(Pos { line: 2, column: 3 }, 2, 1024);
    assert_eq!(short, ("- id: c", 0, false));
}
