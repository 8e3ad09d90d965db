//! Every refusal exits 2 with a clear message and changes no file.

use crate::support::*;

/// Runs `args` as `who`, expects exit 2 with `needle` in stderr, and checks no file changed.
fn refused(t: &TestRepo, who: &str, args: &[&str], needle: &str) {
    let before = snapshot(t);
    let r = t.expect(who, args, 2);
    assert!(
        r.stderr.contains(needle),
        "expected {needle:?} in:\n{}",
        r.stderr
    );
    assert!(r.stderr.starts_with("factcheck: error: "), "{}", r.stderr);
    assert_eq!(snapshot(t), before, "a refused command changed files");
}

fn snapshot(t: &TestRepo) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["", "articles"] {
        let Ok(entries) = std::fs::read_dir(t.path().join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_file() && !p.ends_with(".factcheck.lock") {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap_or_default(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn strangers_and_missing_roles_are_refused() {
    let t = TestRepo::newsroom("health");
    refused(
        &t,
        "mallory@example.org",
        &["track", A],
        "mallory@example.org is not in `people`",
    );
    refused(
        &t,
        CHECKER,
        &["track", A],
        "does not hold the role writer or editor",
    );
    t.tracked();
    refused(
        &t,
        WRITER,
        &["verify", A, "absorb-calcium"],
        "does not hold the role",
    );
    refused(
        &t,
        CHECKER,
        &["signoff", A, "--role", "editor"],
        "does not hold the role editor",
    );
    refused(
        &t,
        CHECKER,
        &["publish", A],
        "does not hold the role editor",
    );
    refused(
        &t,
        DOCTOR,
        &["verify", A, "absorb-calcium", "--role", "fact-checker"],
        "does not hold the role fact-checker",
    );
    let r = t.run_as(None, &["track", A]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no identity"), "{}", r.stderr);
}

#[test]
fn authors_may_not_sign_off_their_own_work() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "roles: [writer]",
        "roles: [writer, fact-checker, editor]",
    );
    t.tracked();
    refused(
        &t,
        WRITER,
        &["verify", A, "absorb-calcium"],
        "they are an author",
    );
    refused(
        &t,
        WRITER,
        &["signoff", A, "--role", "editor"],
        "they are an author",
    );
}

#[test]
fn bad_claims_and_sources_are_refused() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    refused(
        &t,
        WRITER,
        &["claim", "add", A, "--quote", "Vitamin D cures everything"],
        "is not in the checked text",
    );
    refused(
        &t,
        WRITER,
        &["claim", "add", A, "--quote", "Vitamin D code sample"],
        "is not in the checked text",
    );
    refused(
        &t,
        WRITER,
        &["claim", "add", A, "--quote", "vitamin D"],
        "occurs 2 times",
    );
    refused(
        &t,
        WRITER,
        &["claim", "add", A, "--quote", "fish oil", "--source", "nope"],
        "no source `nope`",
    );
    refused(
        &t,
        WRITER,
        &["claim", "add", A, "--quote", "fish oil", "--id", "Bad Id"],
        "not a valid id",
    );
    refused(
        &t,
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--quote",
            "Vitamin D helps the body absorb calcium",
        ],
        "already tracked as claim `absorb-calcium`",
    );
    refused(
        &t,
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--quote",
            "fish oil",
            "--id",
            "absorb-calcium",
        ],
        "already used",
    );
    refused(
        &t,
        WRITER,
        &["source", "add", A, "--url", "javascript:alert(1)"],
        "not an http(s) URL",
    );
    refused(
        &t,
        WRITER,
        &[
            "source",
            "add",
            A,
            "--url",
            "https://x.org/a",
            "--published",
            "2026-02-30",
        ],
        "not a date",
    );
    refused(
        &t,
        WRITER,
        &[
            "source",
            "add",
            A,
            "--url",
            "https://x.org/a",
            "--id",
            "nih-ods",
        ],
        "already used",
    );
    refused(
        &t,
        WRITER,
        &["cite", A, "absorb-calcum", "nih-ods"],
        "did you mean `absorb-calcium`?",
    );
    refused(&t, WRITER, &["track", A], "already tracked");
}

#[test]
fn submit_needs_sources_and_publish_needs_the_gate() {
    let t = TestRepo::newsroom("standard");
    t.ok(WRITER, &["track", A]);
    refused(&t, WRITER, &["submit", A], "has no claims");
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "fish",
            "--quote",
            "fish oil tastes awful",
        ],
    );
    refused(
        &t,
        WRITER,
        &["submit", A],
        "1 claim(s) have no source: fish",
    );
    let before = t.read(S);
    let r = t.expect(EDITOR, &["publish", A], 1);
    assert!(r.stderr.contains("not published"), "{}", r.stderr);
    assert_eq!(t.read(S), before);
    refused(
        &t,
        EDITOR,
        &["correct", A, "--note", "x"],
        "is not published",
    );
}

#[test]
fn paths_outside_the_repository_are_refused() {
    let t = TestRepo::newsroom("standard");
    let outside = tempfile::NamedTempFile::new().unwrap();
    refused(
        &t,
        WRITER,
        &["track", outside.path().to_str().unwrap()],
        "outside the repository",
    );
    refused(&t, WRITER, &["track", "../x.md"], "no such article");
    t.edit(
        "factcheck.yaml",
        "workflow: standard",
        "workflow: ../../etc/wf.yaml",
    );
    refused(&t, WRITER, &["track", A], "contains `..`");
}

#[test]
fn config_mistakes_are_located_with_hints() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "roles: [fact-checker]",
        "roles: [fact-cheker]",
    );
    refused(
        &t,
        WRITER,
        &["track", A],
        "factcheck.yaml:7:13: carl@example.org: unknown role `fact-cheker`\n  help: did you mean `fact-checker`?",
    );
    t.edit(
        "factcheck.yaml",
        "roles: [fact-cheker]",
        "roles: [fact-checker]",
    );
    t.edit("factcheck.yaml", "workflow: standard", "workflow: helth");
    refused(&t, WRITER, &["track", A], "did you mean `health`?");
    t.edit(
        "factcheck.yaml",
        "workflow: helth",
        "workflow: health\nreviewers: []",
    );
    refused(&t, WRITER, &["track", A], "unknown field `reviewers`");
    t.write("factcheck.yaml", "");
    refused(
        &t,
        WRITER,
        &["track", A],
        "factcheck.yaml:1:1: the file is empty",
    );
}

#[test]
fn sidecar_mistakes_stop_mutating_commands() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(S, "published: 2024-03-01", "published: March 2024");
    refused(
        &t,
        CHECKER,
        &["verify", A, "absorb-calcium"],
        "is not a date\n  help: write dates as YYYY-MM-DD",
    );
}

/// A workflow that names no role to sign off claims (no `signoff_roles` under `claims:` or
/// `kinds:`), as a newsroom's own workflow may.
const NO_CLAIM_SIGNERS: &str =
    "name: loose\npublishable_statuses: [verified, opinion]\narticle:\n  signoff_roles: [editor]\n";

/// A tracked newsroom whose workflow is [`NO_CLAIM_SIGNERS`].
fn loose_newsroom() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.write("workflows/loose.yaml", NO_CLAIM_SIGNERS);
    t.edit(
        "factcheck.yaml",
        "workflow: standard",
        "workflow: workflows/loose.yaml",
    );
    t.tracked();
    t
}

#[test]
fn verify_without_claim_signoff_roles_is_refused_not_a_panic() {
    let t = loose_newsroom();
    // The message names the way out: sign in a role given with --role.
    refused(&t, CHECKER, &["verify", A, "absorb-calcium"], "--role");
}

#[test]
fn verify_without_claim_signoff_roles_signs_in_the_role_named() {
    let t = loose_newsroom();
    t.ok(
        CHECKER,
        &["verify", A, "absorb-calcium", "--role", "fact-checker"],
    );
    assert!(t.read(S).contains("role: fact-checker"), "{}", t.read(S));
}
