//! Git integration: the sidecar merge driver on parallel branches, and the hooks.

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
    let r = merge(&t, &base_text, &ours, &theirs);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("1 sidecar conflict recorded"),
        "{}",
        r.stderr
    );
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
    let r = merge(&t, &base_text, &ours, &theirs);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("conflict markers"), "{}", r.stderr);
    let r = t.expect(EDITOR, &["check"], 2);
    assert!(r.stdout.contains("FC090"), "{}", r.stdout);
}

#[test]
fn init_routes_sidecars_to_the_merge_driver() {
    let t = TestRepo::empty();
    t.ok(WRITER, &["init"]);
    t.ok(WRITER, &["init", "--force"]);
    assert_eq!(t.read(".gitattributes"), "*.claims.yaml merge=factcheck\n");
}

#[test]
fn hooks_install_is_idempotent_and_respects_foreign_hooks() {
    let t = TestRepo::newsroom("standard");
    let hooks = t.path().join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::write(hooks.join("pre-push"), "#!/bin/sh\necho mine\n").unwrap();
    let r = t.expect(EDITOR, &["hooks", "install"], 2);
    assert!(
        r.stderr.contains("was not written by factcheck"),
        "{}",
        r.stderr
    );
    assert!(
        !hooks.join("pre-commit").exists(),
        "a refused install wrote something"
    );

    t.ok(EDITOR, &["hooks", "install", "--force"]);
    let pre_commit = std::fs::read_to_string(hooks.join("pre-commit")).unwrap();
    assert!(pre_commit.contains("exec factcheck hooks run pre-commit"));
    t.ok(EDITOR, &["hooks", "install"]);
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit")).unwrap(),
        pre_commit
    );
    let config = t.repo.config().unwrap().snapshot().unwrap();
    assert_eq!(
        config.get_str("merge.factcheck.driver").unwrap(),
        "factcheck merge-driver %O %A %B"
    );
    assert_eq!(t.read(".gitattributes"), "*.claims.yaml merge=factcheck\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(hooks.join("pre-push"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111);
    }
}

/// Runs an installed hook script with the built binary first on PATH.
fn run_hook(t: &TestRepo, name: &str) -> std::process::Output {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_factcheck"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("sh")
        .arg(t.path().join(".git/hooks").join(name))
        .current_dir(t.path())
        .env("PATH", path)
        .env("FACTCHECK_NOW", NOW)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn pre_commit_blocks_broken_anchors_but_not_unverified_drafts() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(EDITOR, &["hooks", "install"]);
    let out = run_hook(&t, "pre-commit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    t.edit(A, " Most adults need 15 micrograms of vitamin D a day.", "");
    let out = run_hook(&t, "pre-commit");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("FC001") && !err.contains("FC010"), "{err}");
}

#[test]
fn pre_push_gates_published_articles_only() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.ok(EDITOR, &["publish", A]);
    t.write("articles/draft.md", "# Draft\n\nUnchecked.\n");
    t.ok(WRITER, &["track", "articles/draft.md"]);
    t.ok(EDITOR, &["hooks", "install"]);
    assert!(run_hook(&t, "pre-push").status.success());
    t.edit(A, "tastes awful", "tastes bad");
    let out = run_hook(&t, "pre-push");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("FC040"), "{err}");
    assert!(!err.contains("draft.md"), "{err}");
}
