use super::*;

#[test]
fn comments_written_by_hand_are_found_and_others_are_not() {
    let at = |text: &str| hand_comment(text).map(|p| (p.line, p.column));
    assert_eq!(at(&format!("{HEADER}article: a.md\n")), None);
    assert_eq!(at("article: a.md # mine\n"), Some((1, 15)));
    assert_eq!(at("claims:\n  # a note\n- id: x\n"), Some((2, 3)));
    assert_eq!(
        at("note: 'it''s # not a comment'\nurl: \"a \\\" # b\"\n"),
        None
    );
    assert_eq!(
        at("title: C# in 2024\npublisher: O'Reilly # yes\n"),
        Some((2, 21))
    );
    assert_eq!(
        at("note: |\n  # text\n\n  more\nstage: draft\n#x\n"),
        Some((6, 1))
    );
    assert_eq!(at("note: 'two # lines\n  # still text'\n"), None);
}

#[test]
fn unknown_key_is_located_with_suggestion() {
    let text = "article: a.md\nauthors: [w@x.org]\nclaims:\n  - id: c1\n    quote: {exact: hi}\n    stauts: verified\n";
    let err = Sidecar::parse(text, Path::new("a.claims.yaml"), "a.md")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("a.claims.yaml:6:5: "), "{err}");
    assert!(err.contains("did you mean `status`?"), "{err}");
}

#[test]
fn duplicate_ids_and_bad_dates_are_located() {
    let text = "article: a.md\nclaims:\n  - id: c1\n    quote: {exact: hi}\n  - id: c1\n    quote: {exact: ho}\n";
    let err = Sidecar::parse(text, Path::new("s"), "a.md")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("s:5:5: duplicate claim id"), "{err}");
    let text =
        "article: a.md\nsources:\n  - id: s1\n    url: https://x\n    published: 2026-13-01\n";
    let err = Sidecar::parse(text, Path::new("s"), "a.md")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("s:5:5: source `s1`: `published: 2026-13-01` is not a date"),
        "{err}"
    );
}

#[test]
fn canonical_yaml_round_trips() {
    let text = "article: a.md\nauthors: [w@x.org]\nclaims:\n  - id: c1\n    quote: {exact: hi, prefix: 'x '}\n";
    let s = Sidecar::parse(text, Path::new("s"), "a.md").unwrap();
    let out = s.to_yaml();
    let again = Sidecar::parse(&out, Path::new("s"), "a.md").unwrap();
    assert_eq!(again.to_yaml(), out);
}
