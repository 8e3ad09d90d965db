//! The everyday editing commands as a newsroom uses them: `claim edit|rm`, `source edit|rm`,
//! `people add|edit|rm`, `mv`, and signing the same thing twice. Each refusal exits 2, says
//! what to do instead and changes nothing.

use crate::support::*;

/// Runs `args` as `who`, expects exit 2 with each of `needles` in stderr, and checks that
/// neither the sidecar nor the config changed.
fn refused(t: &TestRepo, who: &str, args: &[&str], needles: &[&str]) -> Run {
    let before = (
        t.read("factcheck.yaml"),
        std::fs::read_to_string(t.path().join(S)).ok(),
    );
    let r = t.expect(who, args, 2);
    for needle in needles {
        assert!(
            r.stderr.contains(needle),
            "expected {needle:?} in:\n{}",
            r.stderr
        );
    }
    assert!(r.stderr.contains("help: "), "no hint:\n{}", r.stderr);
    let after = (
        t.read("factcheck.yaml"),
        std::fs::read_to_string(t.path().join(S)).ok(),
    );
    assert_eq!(after, before, "a refused command changed files");
    r
}

/// The sidecar as YAML.
fn sidecar(t: &TestRepo) -> serde_yaml::Value {
    serde_yaml::from_str(&t.read(S)).unwrap()
}

/// The claim with `id` in the sidecar.
fn claim(t: &TestRepo, id: &str) -> Option<serde_yaml::Value> {
    sidecar(t)["claims"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_str() == Some(id))
        .cloned()
}

/// The (by, at) of each sign-off on claim `id`.
fn signoffs(t: &TestRepo, id: &str) -> Vec<(String, String)> {
    let c = claim(t, id).unwrap();
    c["signoffs"]
        .as_sequence()
        .map(|s| {
            s.iter()
                .map(|so| {
                    let f = |k: &str| so[k].as_str().unwrap().to_string();
                    (f("by"), f("at"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs factcheck as `who` with the clock at `now`, expecting success.
fn ok_at(t: &TestRepo, now: &str, who: &str, args: &[&str]) -> Run {
    let out = t
        .cmd()
        .env("FACTCHECK_NOW", now)
        .arg("--as")
        .arg(who)
        .args(args)
        .output()
        .unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(r.code, 0, "factcheck {args:?}: {}", r.stderr);
    r
}

#[test]
fn a_writer_fixes_a_claim_and_its_signoffs_go_stale_but_stay() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.check(0);
    let r = t.ok(
        WRITER,
        &[
            "claim",
            "edit",
            A,
            "absorb-calcium",
            "--quote",
            "the body absorb calcium",
        ],
    );
    assert!(
        r.stdout.contains("edited claim `absorb-calcium`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("1 sign-off(s) no longer match")
            && r.stdout.contains("now stale")
            && r.stdout
                .contains("factcheck verify articles/vitamin-d.md absorb-calcium"),
        "{}",
        r.stdout
    );
    let c = claim(&t, "absorb-calcium").unwrap();
    assert_eq!(
        c["quote"]["exact"].as_str(),
        Some("the body absorb calcium")
    );
    let prefix = c["quote"]["prefix"].as_str().unwrap();
    assert!(prefix.ends_with("Vitamin D helps"), "{prefix}");
    // The sign-off is attested history: kept, and reported stale by the gate.
    assert_eq!(signoffs(&t, "absorb-calcium").len(), 1);
    assert_eq!(t.check(1).codes(), ["FC031"]);
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.check(0);

    // Kind and note are part of what a sign-off approved, too.
    let r = t.ok(
        WRITER,
        &["claim", "edit", A, "fifteen-micrograms", "--kind", "fact"],
    );
    assert!(
        r.stdout
            .contains("claim `fifteen-micrograms`: 1 sign-off(s)"),
        "{}",
        r.stdout
    );
    assert_eq!(
        claim(&t, "fifteen-micrograms").unwrap()["kind"].as_str(),
        Some("fact")
    );
    assert_eq!(t.check(1).codes(), ["FC031"]);
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    let r = t.ok(
        WRITER,
        &[
            "claim",
            "edit",
            A,
            "fifteen-micrograms",
            "--note",
            "NIH table 1",
        ],
    );
    assert!(r.stdout.contains("now stale"), "{}", r.stdout);
    assert_eq!(
        claim(&t, "fifteen-micrograms").unwrap()["note"].as_str(),
        Some("NIH table 1")
    );
    let r = t.ok(
        WRITER,
        &["claim", "edit", A, "fifteen-micrograms", "--note", ""],
    );
    assert!(
        claim(&t, "fifteen-micrograms")
            .unwrap()
            .get("note")
            .is_none()
    );
    // Back to what was signed: nothing is stale, and nothing says so.
    assert!(!r.stdout.contains("stale"), "{}", r.stdout);
    assert_eq!(t.check(0).codes(), Vec::<String>::new());
}

#[test]
fn claim_edit_refuses_what_claim_add_refuses_and_renames_only_unsigned_claims() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    let edit = |rest: &[&'static str]| [&["claim", "edit", A][..], rest].concat();
    refused(
        &t,
        WRITER,
        &edit(&["absorb-calcium", "--quote", "Vitamin D cures cancer"]),
        &[
            "is not in the checked text",
            "quote the words as a reader sees them",
        ],
    );
    refused(
        &t,
        WRITER,
        &edit(&["absorb-calcium", "--quote", "Vitamin D"]),
        &["occurs", "--occurrence N"],
    );
    refused(
        &t,
        WRITER,
        &edit(&[
            "absorb-calcium",
            "--quote",
            "Most adults need 15 micrograms of vitamin D a day",
        ]),
        &["already tracked as claim `fifteen-micrograms`"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["absorb-calcium"]),
        &["nothing to change", "--quote, --kind"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["absorb-calcum", "--kind", "fact"]),
        &["did you mean `absorb-calcium`?"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["absorb-calcium", "--id", "calcium"]),
        &["has 1 sign-off(s)", "FC051", "keep the id"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["fifteen-micrograms", "--id", "absorb-calcium"]),
        &["already used"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["fifteen-micrograms", "--id", "Bad Id"]),
        &["not a valid id", "such as `bad-id`"],
    );
    refused(
        &t,
        "mallory@example.org",
        &edit(&["fifteen-micrograms", "--kind", "fact"]),
        &["is not in `people`"],
    );
    refused(
        &t,
        DOCTOR,
        &edit(&["fifteen-micrograms", "--kind", "fact"]),
        &["does not hold the role"],
    );

    let r = t.ok(WRITER, &edit(&["fifteen-micrograms", "--id", "daily-dose"]));
    assert!(r.stdout.contains("now `daily-dose`"), "{}", r.stdout);
    assert!(claim(&t, "fifteen-micrograms").is_none());
    assert_eq!(
        claim(&t, "daily-dose").unwrap()["sources"]
            .as_sequence()
            .unwrap()
            .len(),
        1,
        "its citations follow it"
    );
}

#[test]
fn only_an_editor_removes_a_checked_claim_and_the_gate_agrees() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "fish-oil",
            "--quote",
            "fish oil tastes awful",
        ],
    );
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.commit(EDITOR, "Base");
    let base = t.head().to_string();

    // The writer's own unchecked claim is theirs to drop.
    let r = t.ok(WRITER, &["claim", "rm", A, "fish-oil"]);
    assert!(
        r.stdout.contains("removed claim `fish-oil` from"),
        "{}",
        r.stdout
    );
    assert!(claim(&t, "fish-oil").is_none());
    refused(
        &t,
        WRITER,
        &["claim", "rm", A, "absorb-calcium"],
        &[
            "may not remove claim `absorb-calcium`: it is signed off",
            "only an editor",
            "FC055",
        ],
    );
    refused(
        &t,
        WRITER,
        &["claim", "rm", A, "no-such"],
        &["no claim `no-such`"],
    );

    let r = t.ok(EDITOR, &["claim", "rm", A, "absorb-calcium"]);
    assert!(
        r.stdout.contains("with its 1 sign-off record(s)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("no claim cites nhs-vitd any more")
            && r.stdout
                .contains("factcheck source rm articles/vitamin-d.md"),
        "{}",
        r.stdout
    );
    assert!(
        t.check(1).with("FC025").len() == 1,
        "the unused source is reported"
    );
    t.commit(EDITOR, "Drop the calcium claim");
    let r = t.run_as(
        Some(EDITOR),
        &[
            "check",
            "--changed-since",
            &base,
            "--provenance",
            "--format",
            "json",
        ],
    );
    let doc = r.json();
    assert!(doc.with("FC055").is_empty(), "{}", r.stdout);
}

#[test]
fn editing_a_cited_source_stales_its_claims_signoffs() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    let r = t.ok(
        WRITER,
        &[
            "source",
            "edit",
            A,
            "nih-ods",
            "--title",
            "Vitamin D: consumer fact sheet",
        ],
    );
    assert!(r.stdout.contains("edited source `nih-ods`"), "{}", r.stdout);
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        assert!(
            r.stdout.contains(&format!("claim `{c}`: 1 sign-off(s)")),
            "{}",
            r.stdout
        );
    }
    assert!(
        t.read(S)
            .contains("title: 'Vitamin D: consumer fact sheet'"),
        "{}",
        t.read(S)
    );
    assert_eq!(t.check(1).codes(), ["FC031", "FC031"]);

    let edit = |rest: &[&'static str]| [&["source", "edit", A][..], rest].concat();
    refused(
        &t,
        WRITER,
        &edit(&["nih-ods", "--published", "2024-13-01"]),
        &["not a date", "YYYY-MM-DD"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["nih-ods", "--url", "ftp://x.org/a"]),
        &["not an http(s) URL"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["nih-ods", "--kind", "government"]),
        &["nothing to change in source `nih-ods`"],
    );
    refused(
        &t,
        WRITER,
        &edit(&["nih-od", "--kind", "news"]),
        &["did you mean `nih-ods`?"],
    );
    refused(
        &t,
        DOCTOR,
        &edit(&["nih-ods", "--kind", "news"]),
        &["does not hold the role"],
    );

    // An empty value removes an optional field; an uncited source stales nothing.
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://x.org/",
            "--title",
            "X",
        ],
    );
    let r = t.ok(WRITER, &edit(&["spare", "--title", "", "--kind", "news"]));
    assert!(!r.stdout.contains("stale"), "{}", r.stdout);
    let text = t.read(S);
    let spare = &text[text.find("id: spare").unwrap()..];
    assert!(
        !spare.contains("title:") && spare.contains("kind: news"),
        "{spare}"
    );
}

#[test]
fn a_cited_source_is_removed_only_with_its_citations() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    refused(
        &t,
        WRITER,
        &["source", "rm", A, "nhs-vitd"],
        &[
            "source `nhs-vitd` is cited by claim(s) absorb-calcium",
            "--uncite",
        ],
    );
    let r = t.ok(WRITER, &["source", "rm", A, "nhs-vitd", "--uncite"]);
    assert!(
        r.stdout.contains("removed source `nhs-vitd`")
            && r.stdout
                .contains("claim(s) absorb-calcium no longer cite it")
            && r.stdout.contains("claim `absorb-calcium`: 1 sign-off(s)"),
        "{}",
        r.stdout
    );
    let text = t.read(S);
    assert!(!text.contains("nhs-vitd"), "{text}");
    assert_eq!(t.check(1).codes(), ["FC031"]);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://x.org/",
        ],
    );
    let r = t.ok(WRITER, &["source", "rm", A, "spare"]);
    assert!(!r.stdout.contains("no longer cite"), "{}", r.stdout);
    assert!(!t.read(S).contains("spare"));
}

#[test]
fn a_taken_source_id_points_to_source_edit_and_the_next_free_id() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    refused(
        &t,
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "nih-ods",
            "--url",
            "https://x.org/",
        ],
        &[
            "source id `nih-ods` is already used",
            "factcheck source edit articles/vitamin-d.md nih-ods",
            "`nih-ods-2`",
        ],
    );
}

#[test]
fn signing_the_same_thing_twice_refreshes_the_record_and_provenance_still_passes() {
    let t = TestRepo::newsroom("standard");
    t.commit(EDITOR, "Newsroom");
    t.tracked();
    t.commit(WRITER, "Draft");
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        ok_at(&t, "2026-11-02T10:00:00Z", CHECKER, &["verify", A, c]);
    }
    t.commit(CHECKER, "Fact-check");
    ok_at(
        &t,
        "2026-11-03T10:00:00Z",
        EDITOR,
        &["signoff", A, "--role", "editor"],
    );
    t.commit(EDITOR, "Editor sign-off");
    let base = t.head().to_string();
    t.expect(EDITOR, &["check", "--provenance"], 0);

    // Each signer signs again what they signed: one record each, with the new time.
    ok_at(
        &t,
        "2026-11-05T10:00:00Z",
        CHECKER,
        &["verify", A, "absorb-calcium"],
    );
    assert_eq!(
        signoffs(&t, "absorb-calcium"),
        [(CHECKER.to_string(), "2026-11-05T10:00:00Z".to_string())]
    );
    t.commit(CHECKER, "Re-verified");
    ok_at(
        &t,
        "2026-11-06T10:00:00Z",
        EDITOR,
        &["signoff", A, "--role", "editor"],
    );
    let review = sidecar(&t)["review"].as_sequence().unwrap().clone();
    assert_eq!(review.len(), 1);
    assert_eq!(review[0]["at"].as_str(), Some("2026-11-06T10:00:00Z"));
    t.commit(EDITOR, "Signed off again");
    t.expect(EDITOR, &["check", "--provenance"], 0);
    t.expect(
        EDITOR,
        &["check", "--changed-since", &base, "--provenance"],
        0,
    );

    // A refreshed record is still a record: committed by someone else, it is not proven.
    ok_at(
        &t,
        "2026-11-07T10:00:00Z",
        EDITOR,
        &["signoff", A, "--role", "editor"],
    );
    t.commit(WRITER, "Editor's refresh, committed by the writer");
    let r = t.run_as(
        Some(EDITOR),
        &[
            "check",
            "--changed-since",
            &base,
            "--provenance",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.json().with("FC051").len(), 1, "{}", r.stdout);

    // A different verdict is new history, not a refresh; so is the same verdict after it.
    ok_at(
        &t,
        "2026-11-08T10:00:00Z",
        CHECKER,
        &["verify", A, "absorb-calcium", "--status", "disputed"],
    );
    ok_at(
        &t,
        "2026-11-09T10:00:00Z",
        CHECKER,
        &["verify", A, "absorb-calcium"],
    );
    assert_eq!(signoffs(&t, "absorb-calcium").len(), 3);
}

/// A `factcheck.yaml` written by a person: comments, blank lines, a block-style list.
const ROSTER: &str = "# Our newsroom's policy. Questions: ed@example.org\nworkflow: standard   # news\narticles: [\"articles/**/*.md\"]\n\npeople:\n  # the desk\n  - email: wendy@example.org\n    name: Wendy Writer\n    roles: [writer]   # since 2024\n  - email: carl@example.org\n    roles: [fact-checker]\n\n  # editors\n  - email: ed@example.org\n    roles:\n      - editor\n# end of policy\n";

#[test]
fn an_editor_changes_the_roster_and_every_comment_stays() {
    let t = TestRepo::newsroom("standard");
    t.write("factcheck.yaml", ROSTER);
    let r = t.ok(
        EDITOR,
        &[
            "people",
            "add",
            "nia@example.org",
            "--role",
            "fact-checker",
            "--name",
            "Nia: new",
        ],
    );
    assert!(
        r.stdout.contains("added nia@example.org (fact-checker)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("FC056"), "{}", r.stdout);
    let added = ROSTER.replace(
        "      - editor\n",
        "      - editor\n  - email: nia@example.org\n    name: \"Nia: new\"\n    roles: [fact-checker]\n",
    );
    assert_eq!(t.read("factcheck.yaml"), added);
    // The new fact-checker can act at once.
    t.tracked();
    t.ok("nia@example.org", &["verify", A, "absorb-calcium"]);

    let r = t.ok(
        EDITOR,
        &[
            "people",
            "edit",
            WRITER,
            "--add-role",
            "editor",
            "--name",
            "",
        ],
    );
    assert!(
        r.stdout.contains("now holds: writer, editor"),
        "{}",
        r.stdout
    );
    let edited = added.replace("    name: Wendy Writer\n", "").replace(
        "roles: [writer]   # since 2024",
        "roles: [writer, editor]   # since 2024",
    );
    assert_eq!(t.read("factcheck.yaml"), edited);

    let r = t.ok(EDITOR, &["people", "rm", "nia@example.org"]);
    assert!(r.stdout.contains("removed nia@example.org"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("1 sign-off(s) by nia@example.org no longer count (FC035"),
        "{}",
        r.stdout
    );
    assert_eq!(
        t.read("factcheck.yaml"),
        ROSTER.replace("    name: Wendy Writer\n", "").replace(
            "roles: [writer]   # since 2024",
            "roles: [writer, editor]   # since 2024"
        )
    );
    assert_eq!(t.check(1).with("FC035").len(), 1);
}

#[test]
fn only_editors_change_the_roster_and_it_keeps_an_editor() {
    let t = TestRepo::newsroom("standard");
    t.write("factcheck.yaml", ROSTER);
    let people = |rest: &[&'static str]| [&["people"][..], rest].concat();
    refused(
        &t,
        WRITER,
        &people(&["add", "nia@example.org", "--role", "writer"]),
        &["does not hold the role editor"],
    );
    refused(
        &t,
        EDITOR,
        &people(&["add", "nia@example.org", "--role", "fact-checkr"]),
        &["unknown role `fact-checkr`", "did you mean `fact-checker`?"],
    );
    refused(
        &t,
        EDITOR,
        &people(&["add", "nia", "--role", "writer"]),
        &["`nia` is not an email address"],
    );
    refused(
        &t,
        EDITOR,
        &people(&["add", CHECKER, "--role", "writer"]),
        &[
            "already in `people`",
            "factcheck people edit carl@example.org",
        ],
    );
    refused(
        &t,
        EDITOR,
        &people(&[
            "add",
            "nia@example.org",
            "--role",
            "writer",
            "--signing-key",
            "ssh-rsa nope",
        ]),
        &["signing key", ".pub"],
    );
    refused(
        &t,
        EDITOR,
        &people(&["edit", CHECKER]),
        &["nothing to change"],
    );
    refused(
        &t,
        EDITOR,
        &people(&["rm", "carl@example.com"]),
        &["did you mean carl@example.org?"],
    );
    refused(
        &t,
        EDITOR,
        &people(&["rm", EDITOR]),
        &["without an editor", "--add-role editor"],
    );
    refused(
        &t,
        EDITOR,
        &people(&["edit", EDITOR, "--drop-role", "editor"]),
        &["without an editor"],
    );
    t.write(
        "factcheck.yaml",
        &format!("workflow: standard\npeople: [{{email: {EDITOR}, roles: [editor]}}]\n"),
    );
    refused(
        &t,
        EDITOR,
        &people(&["add", "nia@example.org", "--role", "writer"]),
        &["not in the block style", "edit factcheck.yaml by hand"],
    );
}

#[test]
fn mv_moves_the_article_and_its_sidecar_and_git_sees_a_rename() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.edit(
        S,
        "claims:\n",
        "# sources checked by phone on 2 Nov\nclaims:\n",
    );
    t.commit(EDITOR, "Approved");
    let base = t.head().to_string();
    let to = "articles/health/vitamin-d-basics.md";
    let r = t.ok(WRITER, &["mv", A, to]);
    assert!(
        r.stdout
            .contains(&format!("moved {A} to {to} with its sidecar")),
        "{}",
        r.stdout
    );
    assert!(!t.path().join(A).exists() && !t.path().join(S).exists());
    let sidecar = t.read("articles/health/vitamin-d-basics.claims.yaml");
    assert!(
        sidecar.contains("article: vitamin-d-basics.md\n"),
        "{sidecar}"
    );
    assert!(
        sidecar.contains("# sources checked by phone on 2 Nov\nclaims:\n"),
        "{sidecar}"
    );
    let mut opts = git2::StatusOptions::new();
    opts.renames_head_to_index(true);
    let statuses = t.repo.statuses(Some(&mut opts)).unwrap();
    let renamed: Vec<(String, String)> = statuses
        .iter()
        .filter(|s| s.status().contains(git2::Status::INDEX_RENAMED))
        .map(|s| {
            let d = s.head_to_index().unwrap();
            let p = |f: git2::DiffFile| f.path().unwrap().to_string_lossy().into_owned();
            (p(d.old_file()), p(d.new_file()))
        })
        .collect();
    assert_eq!(
        renamed,
        [
            (
                S.to_string(),
                "articles/health/vitamin-d-basics.claims.yaml".to_string()
            ),
            (A.to_string(), to.to_string()),
        ]
    );
    t.check(0);
    t.commit(WRITER, "Move under health/");
    t.expect(
        EDITOR,
        &["check", "--changed-since", &base, "--provenance"],
        0,
    );
}

#[test]
fn mv_refuses_taken_paths_and_paths_that_are_no_article() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.write("articles/other.md", "# Other\n");
    refused(
        &t,
        WRITER,
        &["mv", A, "articles/other.md"],
        &["articles/other.md already exists"],
    );
    refused(
        &t,
        WRITER,
        &["mv", A, "notes/vitamin-d.md"],
        &[
            "not an article path by the `articles:` globs",
            "articles/**/*.md",
        ],
    );
    refused(
        &t,
        WRITER,
        &["mv", A, "../vitamin-d.md"],
        &["outside the repository"],
    );
    refused(
        &t,
        CHECKER,
        &["mv", A, "articles/d.md"],
        &["does not hold the role writer or editor"],
    );
    assert!(t.path().join(A).exists());
}

/// Citing another source changes the evidence a sign-off approved: `cite` says so, as the other
/// editing commands do, and the gate agrees.
#[test]
fn citing_a_new_source_says_which_signoffs_went_stale() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "extra",
            "--url",
            "https://example.org/extra",
            "--kind",
            "government",
        ],
    );
    let r = t.ok(WRITER, &["cite", A, "absorb-calcium", "extra"]);
    assert!(
        r.stdout.contains("claim `absorb-calcium`: 1 sign-off(s)")
            && r.stdout
                .contains("re-verify: factcheck verify articles/vitamin-d.md absorb-calcium"),
        "{}",
        r.stdout
    );
    assert!(!t.check(1).with("FC031").is_empty());
}
