//! What readers see is what the gate sees (issue #16, item 5): `factcheck: off`/`on` markers
//! enclose whole blocks only, and excluded sections are recognised by the heading readers see.

use crate::support::*;

/// The verified claim, with a word readers see hidden from the gate by inline markers.
const ATTACKED: &str =
    "Vitamin D helps the body <!-- factcheck: off -->not <!-- factcheck: on -->absorb calcium.";

/// An approved, committed newsroom.
fn approved() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(EDITOR, "Approved");
    t.check(0);
    t
}

#[test]
fn a_word_hidden_inside_a_verified_quote_is_refused_with_its_place() {
    let t = approved();
    t.edit(A, "Vitamin D helps the body absorb calcium.", ATTACKED);
    let r = t.expect(EDITOR, &["check"], 2);
    assert!(
        r.stdout.contains("FC090") && r.stdout.contains("articles/vitamin-d.md:9:26"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "put <!-- factcheck: off --> and <!-- factcheck: on --> on lines of their own"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("articles/vitamin-d.md:9:26"),
        "{}",
        r.stderr
    );
    // Every command that reads the article refuses it the same way, and writes nothing.
    let sidecar = t.read(S);
    for (who, args) in [
        (CHECKER, vec!["verify", A, "absorb-calcium"]),
        (
            WRITER,
            vec![
                "claim",
                "add",
                A,
                "--quote",
                "Most adults need 15 micrograms",
            ],
        ),
        (EDITOR, vec!["diff", A]),
        (EDITOR, vec!["report", A, "--html", "report.html"]),
    ] {
        let r = t.expect(who, &args, 2);
        assert!(
            r.stderr.contains("articles/vitamin-d.md:9:26"),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert_eq!(t.read(S), sidecar);
    assert!(!t.path().join("report.html").exists());
}

#[test]
fn markers_inside_a_list_item_or_a_heading_are_refused() {
    for (from, to, at) in [
        (
            "Some people say fish oil tastes awful.",
            "- Some people say fish oil <!-- factcheck: off -->never <!-- factcheck: on -->tastes awful.",
            "articles/vitamin-d.md:13:28",
        ),
        (
            "# Vitamin D basics",
            "# Vitamin D <!-- factcheck: off -->scare<!-- factcheck: on --> basics",
            "articles/vitamin-d.md:5:13",
        ),
    ] {
        let t = TestRepo::newsroom("standard");
        t.tracked();
        t.edit(A, from, to);
        let r = t.expect(EDITOR, &["check"], 2);
        assert!(r.stdout.contains(at), "{to}: {}", r.stdout);
    }
}

#[test]
fn block_markers_still_exclude_whole_paragraphs() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(
        A,
        "Some people say fish oil tastes awful.",
        "<!-- factcheck: off -->\n\nSome people say fish oil tastes awful.\n\n<!-- factcheck: on -->",
    );
    let r = t.expect(
        WRITER,
        &["claim", "add", A, "--quote", "fish oil tastes awful"],
        2,
    );
    assert!(r.stderr.contains("not in the checked text"), "{}", r.stderr);
    let doc = t.check(1);
    assert!(doc.with("FC090").is_empty(), "{:?}", doc.codes());
}

/// Whether the sentence under the heading `heading` (in place of `## Comments`) is claim text.
fn checked_under(heading: &str) -> bool {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(A, "## Comments", heading);
    let r = t.run_as(
        Some(WRITER),
        &["claim", "add", A, "--quote", "Vitamin D cures everything"],
    );
    assert!(r.code == 0 || r.code == 2, "{heading}: {}", r.stderr);
    r.code == 0
}

#[test]
fn a_section_is_excluded_by_the_heading_readers_see() {
    for heading in [
        "## Comments",
        "## *Comments*",
        "## <a id=\"comments\"></a>Comments <!-- from readers -->",
    ] {
        assert!(!checked_under(heading), "{heading} was not excluded");
    }
    for heading in [
        "## Results <!-- Comments -->",
        "## Results [](Comments)",
        "## [Results](Comments \"Comments\")",
        "## <span title=\"Comments\">Results</span>",
    ] {
        assert!(checked_under(heading), "{heading} was excluded");
    }
}
