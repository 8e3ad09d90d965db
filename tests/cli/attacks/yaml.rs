//! The YAML factcheck writes reads back as written: a note, a quote or a name holding a line or
//! paragraph separator, a control character, quotes or trailing spaces is saved, read again by
//! `check` (the fast YAML reader, or serde_yaml where it steps aside) and found unchanged, so a
//! fresh sign-off is not stale the moment it is recorded. A sidecar with a comment written by
//! hand is never rewritten (the comment would be lost).

use factcheck::model::config::Config;
use factcheck::model::sidecar::Sidecar;
use std::path::Path;

use super::*;

/// The sidecar as both readers see it: factcheck's (the fast reader first) and serde_yaml's.
fn reread(t: &TestRepo) -> (Sidecar, Sidecar) {
    let text = t.read(S);
    let ours = Sidecar::parse(&text, Path::new(S), "vitamin-d.md").expect("the sidecar loads");
    let oracle: Sidecar = serde_yaml::from_str(&text).expect("serde_yaml reads the sidecar");
    (ours, oracle)
}

/// Verifies `fifteen-micrograms` again with `note` on an approved article; the new sign-off
/// must hold, the note must read back as written, and verifying once more must change nothing.
fn verify_with_note(note: &str) {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.check(0);
    t.ok(
        CHECKER,
        &["verify", A, "fifteen-micrograms", "--note", note],
    );
    let doc = t.check(0);
    assert!(
        doc.with("FC031").is_empty(),
        "the sign-off just recorded with note {note:?} is stale:\n{}",
        t.read(S)
    );
    let (ours, oracle) = reread(&t);
    let claim = ours.claim("fifteen-micrograms").unwrap();
    assert_eq!(claim.note.as_deref(), Some(note), "{}", t.read(S));
    assert_eq!(ours, oracle, "the two readers disagree:\n{}", t.read(S));
    // Re-verifying is idempotent in meaning: still one fresh sign-off on top, still passing.
    t.ok(
        CHECKER,
        &["verify", A, "fifteen-micrograms", "--note", note],
    );
    assert!(t.check(0).with("FC031").is_empty());
}

#[test]
fn a_note_holding_a_line_separator_reads_back_and_the_signoff_holds() {
    // U+2028 is written inside a single-quoted scalar that libyaml folds onto an indented next
    // line; read back as one line, the note must not keep that indentation.
    verify_with_note("Checked against the NIH fact sheet\u{2028}and the NHS page.");
}

#[test]
fn a_note_holding_a_paragraph_separator_reads_back_and_the_signoff_holds() {
    verify_with_note("First paragraph.\u{2029}Second paragraph.");
    verify_with_note("\u{2028}starts and ends with separators\u{2029}");
}

#[test]
fn notes_with_other_breaks_controls_quotes_and_spaces_read_back() {
    for note in [
        "next line\u{85}(NEL)",
        "a lone\rcarriage return",
        "ends in spaces   ",
        "  starts with spaces",
        "it's \"quoted\" — ‘curly’ «guillemets» `ticks`",
        "tab\tand bell\u{7} and escape\u{1b} and DEL\u{7f} and C1\u{9b}",
        "# not a comment: - [x] {y} & *z ! | > % @",
        "two\nlines\n",
        "trailing separator and space\u{2028} ",
        "\u{feff}byte order mark",
    ] {
        verify_with_note(note);
    }
}

#[test]
fn a_quote_holding_a_separator_is_tracked_as_written() {
    // The article itself may hold U+2028 inside a sentence; the claim's quote is then written
    // with it, and the claim must still be found and its sign-off hold.
    let t = TestRepo::newsroom("standard");
    t.edit(
        A,
        "Most adults need 15 micrograms",
        "Most adults\u{2028}need 15 micrograms",
    );
    t.approved();
    let doc = t.check(0);
    assert!(doc.with("FC031").is_empty() && doc.with("FC001").is_empty());
    let (ours, oracle) = reread(&t);
    assert_eq!(ours, oracle);
}

#[test]
fn a_name_holding_breaks_and_controls_is_written_to_the_roster_as_given() {
    let t = TestRepo::newsroom("standard");
    for (i, name) in [
        "Ann\u{85}Lee",
        "Bo \u{2028} Chen",
        "Cy\u{2029}Dee  ",
        "Di \"Q\" O'Neil\u{7f}\u{9f}",
        "\u{feff}Ed",
    ]
    .iter()
    .enumerate()
    {
        let email = format!("p{i}@example.org");
        t.ok(
            EDITOR,
            &["people", "add", &email, "--role", "writer", "--name", name],
        );
        let text = t.read("factcheck.yaml");
        let ours: Config =
            factcheck::text::yaml::parse(&text, Path::new("factcheck.yaml")).unwrap();
        let oracle: Config = serde_yaml::from_str(&text).unwrap();
        for config in [&ours, &oracle] {
            let person = config.people.iter().find(|p| p.email == email).unwrap();
            assert_eq!(person.name.as_deref(), Some(*name), "{text}");
        }
    }
}

#[test]
fn a_sidecar_with_a_comment_written_by_hand_is_never_rewritten() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(S, "claims:\n", "claims:\n# ask Dora about the dose\n");
    let before = t.read(S);
    // Refused at the comment's line, pointing to the `note:` field instead.
    let r = t.expect(CHECKER, &["verify", A, "absorb-calcium"], 2);
    assert_eq!(t.read(S), before, "the sidecar was rewritten");
    snap!(r.transcript());
    // Reading it is fine.
    t.check(1);
}
