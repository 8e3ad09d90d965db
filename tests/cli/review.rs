//! `submit`, `verify`, `signoff`, `publish` and `correct`: who may do each (roles, authors never
//! approving their own work), what each needs first (sources to submit, the gate to publish),
//! and signing the same thing twice. Every refusal exits 2 with a clear message and changes no
//! file.

use crate::support::*;

#[test]
fn strangers_and_missing_roles_are_refused() {
    let t = TestRepo::newsroom("health");
    let mut shown = vec![
        refused(&t, "mallory@example.org", &["track", A]),
        refused(&t, CHECKER, &["track", A]),
    ];
    t.tracked();
    shown.push(refused(&t, WRITER, &["verify", A, "absorb-calcium"]));
    shown.push(refused(&t, CHECKER, &["signoff", A, "--role", "editor"]));
    shown.push(refused(&t, CHECKER, &["publish", A]));
    shown.push(refused(
        &t,
        DOCTOR,
        &["verify", A, "absorb-calcium", "--role", "fact-checker"],
    ));
    // No identity at all.
    let r = t.run_as(None, &["track", A]);
    assert_eq!(r.code, 2);
    shown.push(r);
    snap!(transcripts(&shown));
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
    let shown = vec![
        refused(&t, WRITER, &["verify", A, "absorb-calcium"]),
        refused(&t, WRITER, &["signoff", A, "--role", "editor"]),
    ];
    snap!(transcripts(&shown));
}

#[test]
fn submit_needs_sources_and_publish_needs_the_gate() {
    let t = TestRepo::newsroom("standard");
    t.ok(WRITER, &["track", A]);
    let mut shown = vec![refused(&t, WRITER, &["submit", A])];
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
    shown.push(refused(&t, WRITER, &["submit", A]));
    let before = t.read(S);
    // The gate blocks: exit 1, nothing published.
    shown.push(t.expect(EDITOR, &["publish", A], 1));
    assert_eq!(t.read(S), before);
    shown.push(refused(&t, EDITOR, &["correct", A, "--note", "x"]));
    snap!(transcripts(&shown));
}

#[test]
fn sidecar_mistakes_stop_mutating_commands() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(S, "published: 2024-03-01", "published: March 2024");
    snap!(refused(&t, CHECKER, &["verify", A, "absorb-calcium"]).transcript());
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
    snap!(refused(&t, CHECKER, &["verify", A, "absorb-calcium"]).transcript());
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
