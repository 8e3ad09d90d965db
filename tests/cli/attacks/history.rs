//! History shapes and the name of the base: merge commits are judged against every parent (an
//! old main commit, a commit before tracking, a criss-cross merge bring back nothing), a stale
//! branch that merged main once changes no policy, and no tag or branch can shadow the base the
//! pull-request gate compares with.

use super::*;

/// The honest main line, then an editor's change to `factcheck.yaml` (a stricter policy: the
/// writer is no longer a fact-checker's peer… any change will do). Returns the repository, the
/// commit before the editor's change (the laxer policy) and the new base.
fn tightened() -> (TestRepo, git2::Oid, git2::Oid) {
    let t = honest("standard");
    let old = t.head();
    let config = t.read("factcheck.yaml");
    t.write(
        "factcheck.yaml",
        &format!("{config}provenance:\n  signatures: optional\n# reviewed by the editors\n"),
    );
    let base = t.commit(EDITOR, "Policy review");
    (t, old, base)
}

/// A merge whose first parent is the old main commit: its `factcheck.yaml` is the old one, so
/// judged against its first parent the merge changed nothing and no commit answers for the
/// laxer policy the branch brings back, unless the merge is judged against every parent.
#[test]
fn a_merge_from_an_old_main_commit_cannot_bring_back_a_laxer_policy() {
    let (t, old, base) = tightened();
    t.restore(old);
    let merge = t.commit_with(WRITER, "Merge branch 'main'", &[old, base], false);
    t.set_head(merge);
    blocks_with(&t, &base.to_string(), "FC056", &["factcheck.yaml", WRITER]);
}

/// The same shape drops the article's sidecar: the merge takes the tree of the commit before
/// the article was tracked, so nothing would be left to check.
#[test]
fn a_merge_from_before_tracking_cannot_drop_a_sidecar() {
    let t = honest("standard");
    let base = t.head();
    let mut walk = t.repo.revwalk().unwrap();
    walk.push(base).unwrap();
    let first = walk.map(Result::unwrap).last().unwrap();
    t.restore(first);
    let merge = t.commit_with(WRITER, "Merge branch 'main'", &[first, base], false);
    t.set_head(merge);
    blocks_with(&t, &base.to_string(), "FC057", &[A, WRITER]);
}

/// A criss-cross history: main merged a feature branch that forked before the editor's policy
/// change; the writer's branch merges the same two commits but keeps the feature's (older,
/// laxer) `factcheck.yaml`. libgit2 names one merge base, the feature commit, whose policy
/// equals the branch's; git's merge reads both, and lands the laxer policy.
#[test]
fn a_criss_cross_merge_cannot_bring_back_a_laxer_policy() {
    let t = honest("light");
    let old = t.head();
    let laxer = t.read("factcheck.yaml");
    t.write(
        "factcheck.yaml",
        &laxer.replace("workflow: light", "workflow: standard"),
    );
    t.commit(EDITOR, "Policy: standard");
    ok_at(&t, &day(4), EDITOR, &["signoff", A, "--role", "editor"]);
    let policy = t.commit(EDITOR, "Editor sign-off");
    // The feature branch forked before the policy change and is committed after it (libgit2
    // then names the feature commit as the one merge base).
    t.restore(old);
    t.write("notes/ideas.txt", "More on vitamin K.\n");
    let feature = t.commit_with(WRITER, "Notes", &[old], false);
    t.restore(policy);
    t.write("notes/ideas.txt", "More on vitamin K.\n");
    let base = t.commit_with(EDITOR, "Merge branch 'feature'", &[policy, feature], true);
    // The attack: the same two parents, the feature's policy.
    t.write("factcheck.yaml", &laxer);
    let merge = t.commit_with(WRITER, "Merge branch 'main'", &[policy, feature], false);
    t.set_head(merge);
    let bases = t.repo.merge_base(base, merge).unwrap();
    assert_eq!(bases, feature, "the history has the shape the attack needs");
    blocks_with(&t, &base.to_string(), "FC056", &["factcheck.yaml", WRITER]);
}

/// An honest merge of the main line into a branch changes nothing the gate asks about.
#[test]
fn honest_merge_of_main_into_a_branch_passes() {
    let (t, old, base) = tightened();
    // The writer's branch started before the policy review and edits elsewhere.
    t.restore(old);
    t.write("notes/ideas.txt", "More on vitamin K.\n");
    let side = t.commit_with(WRITER, "Notes", &[old], false);
    t.restore(side);
    // The merge takes main's policy, as git's merge does.
    let tree = t.repo.find_commit(base).unwrap().tree().unwrap();
    let entry = tree
        .get_path(std::path::Path::new("factcheck.yaml"))
        .unwrap();
    let blob = t.repo.find_blob(entry.id()).unwrap();
    t.write(
        "factcheck.yaml",
        std::str::from_utf8(blob.content()).unwrap(),
    );
    let merge = t.commit_with(WRITER, "Merge branch 'main'", &[side, base], false);
    t.set_head(merge);
    passes(&t, &base.to_string());
}

/// A branch that merged the main line once and fell behind again is stale, not a policy change:
/// its `factcheck.yaml` is the one it merged, and merging it would keep the base's newer one.
#[test]
fn a_stale_branch_that_merged_main_once_changes_no_policy() {
    let (t, old, first) = tightened();
    t.restore(old);
    t.write("notes/ideas.txt", "More on vitamin K.\n");
    let side = t.commit_with(WRITER, "Notes", &[old], false);
    // The writer merges the main line (with the first policy review) into the branch.
    t.restore(first);
    t.write("notes/ideas.txt", "More on vitamin K.\n");
    let merged = t.commit_with(WRITER, "Merge branch 'main'", &[side, first], false);
    // The editor reviews the policy again on the main line: the base of the pull request.
    t.set_head(first);
    t.restore(first);
    let config = t.read("factcheck.yaml");
    t.write("factcheck.yaml", &format!("{config}# reviewed again\n"));
    let base = t.commit(EDITOR, "Policy review 2");
    t.set_head(merged);
    t.restore(merged);
    passes(&t, &base.to_string());
}

/// Sets `refs/remotes/origin/main` at the real base and returns it.
fn with_remote_base(t: &TestRepo) -> git2::Oid {
    let base = t.head();
    t.repo
        .reference("refs/remotes/origin/main", base, true, "fetch")
        .unwrap();
    base
}

/// A tag named like the remote-tracking branch, pointing at the branch's own head: `git
/// rev-parse origin/main` prefers the tag, so a gate that took it would compare the branch with
/// itself and check nothing. The short name is refused as ambiguous.
#[test]
fn a_tag_cannot_shadow_the_base() {
    let t = honest("standard");
    with_remote_base(&t);
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    let head = t.commit(WRITER, "Update the dose");
    t.repo
        .reference("refs/tags/origin/main", head, true, "tag")
        .unwrap();
    let r = t.run_as(
        Some(EDITOR),
        &["check", "--changed-since", "origin/main", "--provenance"],
    );
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // Ambiguous, naming the full ref to use.
    snap!(r.transcript());
    // The full name is unambiguous, and the gate then sees the edit.
    let (exit, doc) = gate(&t, "refs/remotes/origin/main");
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
}

/// The variant: a local branch `origin/main` (refs/heads/origin/main) shadows the same way, and
/// so does an expression built on the short name.
#[test]
fn a_local_branch_cannot_shadow_the_base_either() {
    let t = honest("standard");
    with_remote_base(&t);
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    let head = t.commit(WRITER, "Update the dose");
    t.repo
        .reference("refs/heads/origin/main", head, true, "b")
        .unwrap();
    let mut shown = Vec::new();
    for base in ["origin/main", "origin/main~0"] {
        let r = t.run_as(Some(EDITOR), &["check", "--changed-since", base]);
        assert_eq!(r.code, 2, "{base}: {}{}", r.stdout, r.stderr);
        // Ambiguous.
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

/// A tag named exactly like the base's commit id does not make the id ambiguous: git reads 40
/// hex digits as an object id. Refusing it as ambiguous would stop every pull request on that
/// base (exit 2).
#[test]
fn a_tag_named_like_the_base_commit_id_changes_nothing() {
    let t = honest("standard");
    let base = t.head();
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    let head = t.commit(WRITER, "Update the dose");
    t.repo
        .reference(&format!("refs/tags/{base}"), head, true, "tag")
        .unwrap();
    let (exit, doc) = gate(&t, &base.to_string());
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
}

/// An unambiguous short name and a commit id still work.
#[test]
fn an_unambiguous_base_name_is_taken() {
    let t = honest("standard");
    let base = with_remote_base(&t);
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    t.commit(WRITER, "Update the dose");
    for name in ["origin/main", &base.to_string(), &base.to_string()[..10]] {
        let (exit, doc) = gate(&t, name);
        assert_eq!(exit, 1, "{name}: {:#?}", listing(&doc));
        stale(&doc, &["fifteen-micrograms"]);
    }
}
