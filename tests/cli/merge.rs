//! `merge-driver`: the sidecar merge driver `init` routes sidecars to, on parallel branches
//! through real merges (the hooks are in `hooks.rs`).

use crate::support::*;

const FRAN: &str = "fran@example.org";

/// A committed newsroom with two fact-checkers and the two usual claims; returns the base.
fn base() -> (TestRepo, git2::Oid) {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "people:\n",
        &format!("people:\n  - email: {FRAN}\n    roles: [fact-checker]\n"),
    );
    t.tracked();
    let base = t.commit(WRITER, "Claims");
    (t, base)
}

/// Runs the driver the way git does: `%O %A %B`, `%A` being overwritten with the result.
fn merge(t: &TestRepo, base: &str, ours: &str, theirs: &str) -> Run {
    t.write(".merge/base", base);
    t.write(".merge/theirs", theirs);
    t.write(S, ours);
    t.run_as(None, &["merge-driver", ".merge/base", S, ".merge/theirs"])
}

/// Two branches from the base: ours runs `ours` as CHECKER, theirs runs `theirs` as FRAN.
/// Returns (base, ours, theirs) sidecar texts and the two branch commits.
fn branches(
    t: &TestRepo,
    b: git2::Oid,
    ours: &[&str],
    theirs: &[&str],
) -> (String, String, String, git2::Oid, git2::Oid) {
    let base_text = t.read(S);
    t.ok(CHECKER, ours);
    let ours_text = t.read(S);
    let a = t.commit_with(CHECKER, "Branch A: fact-check", &[b], true);
    t.write(S, &base_text);
    t.ok(FRAN, theirs);
    let theirs_text = t.read(S);
    let bb = t.commit_with(FRAN, "Branch B: fact-check", &[b], false);
    t.write(S, &ours_text);
    (base_text, ours_text, theirs_text, a, bb)
}

#[test]
fn parallel_verifications_merge_cleanly_and_pass() {
    let (t, b) = base();
    let (base_text, ours, theirs, a, bb) = branches(
        &t,
        b,
        &["verify", A, "absorb-calcium"],
        &["verify", A, "fifteen-micrograms"],
    );
    let r = merge(&t, &base_text, &ours, &theirs);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let merged = t.read(S);
    assert!(!merged.contains("conflicts:"), "{merged}");
    assert_eq!(merged.matches("verdict: verified").count(), 2, "{merged}");
    std::fs::remove_dir_all(t.path().join(".merge")).unwrap();
    t.commit_with(EDITOR, "Merge branch B", &[a, bb], true);

    // Both claims verified by someone who committed their own sign-off.
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    let doc = t
        .expect(EDITOR, &["check", "--provenance", "--format", "json"], 0)
        .json();
    assert!(doc.codes().is_empty(), "{:?}", doc.codes());
}

#[test]
fn a_real_conflict_is_recorded_and_blocks_until_resolved() {
    let (t, b) = base();
    let (base_text, ours, theirs, _, _) = branches(
        &t,
        b,
        &["verify", A, "absorb-calcium"],
        &[
            "verify",
            A,
            "absorb-calcium",
            "--status",
            "disputed",
            "--note",
            "NHS says otherwise",
        ],
    );
    // The driver says it recorded one conflict, and exits 1.
    let r = merge(&t, &base_text, &ours, &theirs);
    assert_eq!(r.code, 1, "{}", r.stderr);
    snap!(r.transcript());
    let merged = t.read(S);
    assert!(
        merged.contains(
            "conflicts:\n- at: claims.absorb-calcium.status\n  ours: verified\n  theirs: disputed"
        ),
        "{merged}"
    );
    // Both sign-offs are kept: they are records of what each person did.
    assert!(merged.contains(CHECKER) && merged.contains(FRAN));
    let doc = t.check(1);
    let fc060 = doc.with("FC060");
    // Only the status conflicts: the note was set on one side only, so it merges.
    assert_eq!(fc060.len(), 1, "{:?}", doc.codes());
    assert!(merged.contains("note: NHS says otherwise"), "{merged}");
    assert!(fc060[0].message.contains("claims.absorb-calcium.status"));
    assert_eq!(fc060[0].file, S);

    // Resolving: decide, delete the entries; FC060 is gone.
    let resolved = merged[..merged.find("conflicts:").unwrap()].to_string();
    t.write(S, &resolved);
    assert!(t.check(1).with("FC060").is_empty());
}

#[test]
fn a_side_that_is_not_a_sidecar_gets_conflict_markers_not_a_guess() {
    let (t, _) = base();
    let base_text = t.read(S);
    let ours = base_text.replace("stage: draft", "stage: submitted");
    let theirs = format!("{base_text}\nnot: [valid\n");
    // The driver says it wrote conflict markers; the gate then stops at them (FC090).
    let r = merge(&t, &base_text, &ours, &theirs);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let check = t.expect(EDITOR, &["check"], 2);
    snap!(transcripts([&r, &check]));
}

#[test]
fn init_routes_sidecars_to_the_merge_driver() {
    let t = TestRepo::empty();
    t.ok(WRITER, &["init"]);
    t.ok(WRITER, &["init", "--force"]);
    assert_eq!(t.read(".gitattributes"), "*.claims.yaml merge=factcheck\n");
}
