//! `mv`: an article moves with its sidecar and git sees a rename; taken paths and paths that
//! are no article are refused. (A move interrupted half way is in `attacks/interrupted.rs`.)

use crate::support::*;

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
    snap!(r.transcript());
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
    let shown = vec![
        refused(&t, WRITER, &["mv", A, "articles/other.md"]),
        refused(&t, WRITER, &["mv", A, "notes/vitamin-d.md"]),
        refused(&t, WRITER, &["mv", A, "../vitamin-d.md"]),
        refused(&t, CHECKER, &["mv", A, "articles/d.md"]),
    ];
    assert!(t.path().join(A).exists());
    snap!(transcripts(&shown));
}
