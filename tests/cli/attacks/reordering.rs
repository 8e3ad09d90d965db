//! Characters around a claim that make readers see its characters in another order, while its
//! words (and so its fingerprint) stay the same: FC007 restyled-claim.

use super::*;

const VOTE: &str = "articles/vote.md";

/// A light newsroom with `articles/vote.md`, whose claim `tally` ("12 - 30 against") the
/// fact-checker verified. Returns the repository and the base commit.
fn verified_tally() -> (TestRepo, String) {
    let t = TestRepo::newsroom("light");
    t.write(
        VOTE,
        "# Vote\n\nIn the final vote the bill failed 12 - 30 against, the clerk said.\n",
    );
    t.commit(EDITOR, "Newsroom");
    t.ok(WRITER, &["track", VOTE]);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            VOTE,
            "--id",
            "clerk",
            "--kind",
            "government",
            "--url",
            "https://example.gov/vote",
            "--published",
            "2024-03-01",
            "--title",
            "Roll call",
        ],
    );
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            VOTE,
            "--id",
            "tally",
            "--kind",
            "statistic",
            "--source",
            "clerk",
            "--quote",
            "12 - 30 against",
        ],
    );
    t.commit(WRITER, "Draft");
    ok_at(&t, &day(2), CHECKER, &["verify", VOTE, "tally"]);
    let base = t.commit(CHECKER, "Fact-check").to_string();
    (t, base)
}

/// A right-to-left mark or letter just before a claim written left to right shows
/// "12 - 30 against" as "30 - 12 against" in a browser; invisible marks and character
/// references alike, while the claim's words stay the same.
#[test]
fn a_right_to_left_mark_before_a_claim_is_refused() {
    for mark in ["\u{200F}", "\u{061C}", "&rlm;", "&#8207;", "\u{05D0}"] {
        let (t, base) = verified_tally();
        t.edit(VOTE, "failed 12", &format!("failed {mark}12"));
        t.commit(WRITER, "Typo");
        let (exit, doc) = gate(&t, &base);
        assert_eq!(exit, 1, "{mark:?}: {:#?}", listing(&doc));
        has(&doc, "FC007", &["another order"]);
    }
}

/// A mark with a left-to-right word between it and the claim changes nothing readers see.
#[test]
fn a_right_to_left_mark_apart_from_a_claim_is_not_refused() {
    let (t, base) = verified_tally();
    t.edit(VOTE, "failed 12", "\u{200F} failed 12");
    t.commit(WRITER, "Typo");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 0, "{:#?}", listing(&doc));
}
