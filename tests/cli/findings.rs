//! Every finding code, provoked end to end and read back through `check --format json`.

use crate::support::*;

fn codes_of(t: &TestRepo, code: i32) -> Vec<String> {
    t.check(code).codes()
}

#[test]
fn orphaned_and_ambiguous_claims() {
    let t = TestRepo::newsroom("light");
    t.tracked();
    // The claimed sentence is deleted, and the other claim's sentence now occurs twice with
    // context that matches neither occurrence.
    t.edit(A, " Most adults need 15 micrograms of vitamin D a day.", "");
    t.edit(
        A,
        "Some people say fish oil tastes awful.",
        "Vitamin D helps the body absorb calcium. Some say fish oil tastes awful.",
    );
    let s = t.read(S);
    let start = s.find("    prefix:").unwrap();
    let end = s.find("  kind: medical").unwrap();
    t.write(
        S,
        &format!(
            "{}    prefix: nothing like this\n    suffix: nothing like that\n{}",
            &s[..start],
            &s[end..]
        ),
    );
    let doc = t.check(1);
    let orphan = &doc.with("FC001")[0];
    assert_eq!(
        (orphan.file.as_str(), orphan.claim.as_deref()),
        (S, Some("fifteen-micrograms"))
    );
    assert_eq!(
        t.read(S).lines().nth(orphan.line - 1).unwrap(),
        "- id: fifteen-micrograms"
    );
    let amb = &doc.with("FC002")[0];
    assert!(
        amb.message.contains("occurs 2 times (lines 9, 13)"),
        "{}",
        amb.message
    );
    assert_eq!((amb.file.as_str(), amb.line, amb.column), (A, 9, 1));
}

#[test]
fn reworded_claim_untracked_article_and_unverified_status() {
    let t = TestRepo::newsroom("light");
    t.tracked();
    t.write("articles/other.md", "# Other\n\nNothing tracked here.\n");
    t.edit(A, "absorb calcium", "soak up calcium");
    let doc = t.check(1);
    assert_eq!(doc.with("FC003").len(), 1);
    let untracked = doc.with("FC004");
    assert_eq!(untracked[0].severity, "warning");
    assert_eq!(untracked[0].file, "articles/other.md");
    assert_eq!(doc.with("FC010").len(), 2);
}

#[test]
fn source_rules_of_the_health_workflow() {
    let t = TestRepo::newsroom("health");
    t.tracked();
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "blog",
            "--url",
            "https://blog.example.com/vitamin-d",
            "--kind",
            "other",
            "--published",
            "2025-01-01",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "old-study",
            "--url",
            "https://doi.org/10.1000/old",
            "--kind",
            "peer-reviewed",
            "--published",
            "2015-06-01",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "undated",
            "--url",
            "https://www.cdc.gov/vitamin-d",
            "--kind",
            "government",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://www.who.int/spare",
            "--kind",
            "government",
        ],
    );
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "sun",
            "--kind",
            "medical",
            "--quote",
            "Sunlight helps the skin make vitamin D",
            "--source",
            "blog",
            "--source",
            "old-study",
            "--source",
            "undated",
        ],
    );
    t.edit(
        S,
        "  - nih-ods\n- id: sun",
        "  - nih-ods\n  - missing-source\n- id: sun",
    );
    let doc = t.check(1);
    let kind = doc.with("FC021");
    assert_eq!(kind.len(), 1);
    assert!(
        kind[0].message.contains("`blog` is other"),
        "{}",
        kind[0].message
    );
    assert!(
        doc.with("FC022")[0]
            .message
            .contains("2015-06-01, 11 years ago")
    );
    assert!(doc.with("FC023")[0].message.contains("`undated`"));
    let too_few = doc.with("FC020");
    assert!(too_few.iter().any(|f| {
        f.claim.as_deref() == Some("sun")
            && f.message
                .contains("0 qualifying sources; the workflow requires 2")
    }));
    let unknown = doc.with("FC024");
    assert_eq!(unknown[0].claim.as_deref(), Some("fifteen-micrograms"));
    assert_eq!(
        t.read(S).lines().nth(unknown[0].line - 1).unwrap().trim(),
        "- missing-source"
    );
    let unused = doc.with("FC025");
    assert_eq!(unused.len(), 1);
    assert!(unused[0].message.contains("`spare`"));
}

#[test]
fn claim_signoff_findings() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.check(0);
    // Status set by hand to something nobody signed (FC036).
    let s = t.read(S);
    t.write(S, &s.replacen("status: verified", "status: opinion", 1));
    assert_eq!(codes_of(&t, 1), ["FC036"]);
    t.write(S, &s);
    // Status set to verified by hand, with no sign-off at all (FC030).
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "fish",
            "--quote",
            "Some people say fish oil tastes awful",
            "--source",
            "nih-ods",
        ],
    );
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.edit(S, "  status: unverified", "  status: verified");
    assert_eq!(codes_of(&t, 1), ["FC030"]);
}

#[test]
fn forged_signoffs_by_authors_or_people_without_the_role() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    // The writer, who also holds fact-checker, signs her own claim (FC034 only).
    t.edit(
        "factcheck.yaml",
        "roles: [writer]",
        "roles: [writer, fact-checker]",
    );
    t.edit(
        S,
        &format!("  - by: {CHECKER}\n    role: fact-checker"),
        &format!("  - by: {WRITER}\n    role: fact-checker"),
    );
    let doc = t.check(1);
    assert!(
        doc.codes().contains(&"FC034".to_string()),
        "{:?}",
        doc.codes()
    );
    assert!(!doc.codes().contains(&"FC035".to_string()));
    assert!(
        doc.with("FC030").len() == 1,
        "a self sign-off does not count: {:?}",
        doc.codes()
    );
    // Someone outside `people`, and someone without the role they claim (FC035).
    t.edit(
        S,
        &format!("  - by: {WRITER}\n    role: fact-checker"),
        "  - by: mallory@example.org\n    role: fact-checker",
    );
    let doc = t.check(1);
    assert!(doc.with("FC035")[0].message.contains("not in `people`"));
    t.edit(
        S,
        "  - by: mallory@example.org\n    role: fact-checker",
        &format!("  - by: {EDITOR}\n    role: fact-checker"),
    );
    let doc = t.check(1);
    assert!(
        doc.with("FC035")[0]
            .message
            .contains("a role they do not hold")
    );
}

#[test]
fn article_signoffs_missing_and_stale() {
    let t = TestRepo::newsroom("health");
    t.approved();
    let s = t.read(S);
    let cut = s.find("review:").unwrap();
    t.write(S, &s[..cut]);
    assert_eq!(codes_of(&t, 1), ["FC032", "FC032"]);
    t.write(S, &s);
    t.edit(A, "# Vitamin D basics", "# Vitamin D: the basics");
    assert_eq!(codes_of(&t, 1), ["FC033", "FC033"]);
}

#[test]
fn claims_only_workflows_keep_article_signoffs_through_other_edits() {
    let t = TestRepo::newsroom("workflows/ours.yaml");
    t.write("workflows/ours.yaml", "name: ours\npublishable_statuses: [verified]\nclaims:\n  min_sources: 1\n  signoff_roles: [fact-checker]\narticle:\n  signoff_roles: [editor]\n  stale_on: claim-edits\n");
    t.approved();
    t.edit(A, "# Vitamin D basics", "# Vitamin D: the basics");
    t.check(0);
    t.edit(A, "15 micrograms", "20 micrograms");
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC003", "FC031", "FC033"]);
}

#[test]
fn publication_findings() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.edit(S, "stage: draft", "stage: published");
    assert_eq!(codes_of(&t, 1), ["FC041"]);
    t.edit(S, "stage: published", "stage: draft");
    t.ok(EDITOR, &["publish", A]);
    t.edit(A, "tastes awful", "tastes bad");
    assert_eq!(codes_of(&t, 1), ["FC033", "FC040"]);
}

#[test]
fn invalid_sidecar_is_fc090_and_exit_2() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(S, "  status: unverified", "  stauts: unverified");
    let r = t.expect(EDITOR, &["check", "--format", "json"], 2);
    let doc = r.json();
    let f = &doc.with("FC090")[0];
    assert_eq!(f.file, S);
    assert!(
        f.message.contains("unknown field `stauts`"),
        "{}",
        f.message
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `status`?"));
    assert_eq!(
        t.read(S).lines().nth(f.line - 1).unwrap().trim_start(),
        "stauts: unverified"
    );
    let human = t.expect(EDITOR, &["check"], 2);
    assert!(
        human
            .stdout
            .contains(&format!("--> {S}:{}:{}", f.line, f.column)),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains(&format!("{} |   stauts: unverified\n", f.line)),
        "{}",
        human.stdout
    );
}

#[test]
fn workflows_set_severities() {
    let t = TestRepo::newsroom("workflows/strict.yaml");
    t.write("workflows/strict.yaml", "name: strict\npublishable_statuses: [verified]\nclaims:\n  min_sources: 1\n  signoff_roles: [fact-checker]\nseverity:\n  unused-source: error\n  FC004: off\n");
    t.approved();
    t.write("articles/untracked.md", "# Nothing\n");
    t.check(0);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://example.org/spare",
        ],
    );
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC025"]);
    assert_eq!(doc.with("FC025")[0].severity, "error");
}

#[test]
fn human_output_is_rustc_style_without_colour_when_piped() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let r = t.expect(EDITOR, &["check"], 1);
    let expected = "error[FC010]: claim `absorb-calcium` is unverified; publication needs verified or opinion\n --> articles/vitamin-d.md:9:1\n  |\n9 | Vitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  = help: a fact-checker verifies it: factcheck verify articles/vitamin-d.md absorb-calcium (more: factcheck explain FC010)\n";
    assert!(r.stdout.starts_with(expected), "{}", r.stdout);
    assert!(
        r.stdout.ends_with(
            "gate failed: 1 article checked, 0 passed, 1 blocked (3 errors, 1 warning)\n"
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains('\x1b'));
    let coloured = t.expect(EDITOR, &["--color", "always", "check"], 1);
    assert!(
        coloured
            .stdout
            .contains("\x1b[1m\x1b[31merror[FC010]\x1b[0m"),
        "{}",
        coloured.stdout
    );
}

#[test]
fn json_document_shape() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let doc = t.check(1);
    assert_eq!(
        (doc.tool.as_str(), doc.version, doc.passed),
        ("factcheck", 1, false)
    );
    assert_eq!(
        (
            doc.summary.articles,
            doc.summary.passed,
            doc.summary.errors,
            doc.summary.warnings
        ),
        (1, 0, 3, 1),
        "the warning: the untracked, check-worthy image caption (FC070)"
    );
    let a = &doc.articles[0];
    assert_eq!(
        (
            a.article.as_str(),
            a.stage.as_deref(),
            a.claims,
            a.publishable,
            a.passed
        ),
        (A, Some("draft"), 2, 0, false)
    );
}
