//! A user's whole journey through the commands: writer → fact-checker → editor → publish →
//! correct, checking the gate at each step.

use crate::support::*;

#[test]
fn draft_to_publication_and_correction() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let sidecar = t.read(S);
    assert!(
        sidecar.contains(&format!("authors:\n- {WRITER}")),
        "{sidecar}"
    );

    // What the journey shows people: the claims anchored in the text, the blocked publish, the
    // published article's row in `status`.
    let mut shown = vec![t.ok(WRITER, &["claim", "list", A])];

    t.ok(WRITER, &["submit", A]);
    assert!(t.read(S).contains("stage: submitted"));

    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC010", "FC010", "FC032"]);

    t.ok(
        CHECKER,
        &[
            "verify",
            A,
            "absorb-calcium",
            "--note",
            "NIH ODS: helps absorb calcium",
        ],
    );
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC032"]);
    shown.push(t.expect(EDITOR, &["publish", A], 1));
    assert!(
        t.read(S).contains("stage: submitted"),
        "a blocked publish changed the stage"
    );

    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    let doc = t.check(0);
    assert!(doc.passed);
    assert_eq!(doc.articles[0].publishable, 2);

    t.ok(EDITOR, &["publish", A]);
    let sidecar = t.read(S);
    assert!(
        sidecar.contains("stage: published")
            && sidecar.contains("publication:\n  by: ed@example.org"),
        "{sidecar}"
    );
    t.check(0);

    // Editing a published article needs a correction record, and the editor's sign-off again.
    t.edit(A, "Some people say", "Many people say");
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC033", "FC040"]);
    t.ok(
        EDITOR,
        &["correct", A, "--note", "Clarified who dislikes fish oil."],
    );
    assert_eq!(t.check(1).codes(), ["FC033"]);
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.check(0);
    shown.push(t.ok(EDITOR, &["status"]));
    snap!(transcripts(&shown));
}
