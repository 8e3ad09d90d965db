//! The gate's edges, third round (issue #26): history shapes, refs and markup that change what
//! readers see. Run against the code before the fix (commit d07abd8, these tests copied over,
//! 2026-12-07): every attack test failed there, and the honest paths passed:
//!
//! | test | before |
//! |---|---|
//! | `a_merge_from_an_old_main_commit_cannot_bring_back_a_laxer_policy` | FAIL: exit 0 |
//! | `a_merge_from_before_tracking_cannot_drop_a_sidecar` | FAIL: exit 0 |
//! | `a_tag_cannot_shadow_the_base`, `a_local_branch_cannot_shadow_the_base_either` | FAIL: the shadowing ref was taken |
//! | `adding_a_generator_file_is_a_policy_change`, `editing_a_shared_site_config_is_a_policy_change` | FAIL: no FC056 |
//! | `an_article_with_a_capitalised_extension_is_an_article` | FAIL: exit 0, not an article |
//! | `renaming_an_article_to_another_case_keeps_it_gated` | FAIL: FC057, the article left the gate |
//! | `a_page_no_glob_covers_is_reported` | FAIL: no finding |
//! | `an_escaped_snapshot_path_still_selects_its_article` | FAIL: exit 0, nothing checked |
//! | `a_workflow_under_dot_git_is_never_read` | FAIL: `.git/config` read |
//! | `markup_that_restyles_a_claims_words_is_refused` | FAIL: exit 0 |
//! | `changing_the_markup_inside_a_claim_stales_it` | FAIL: sign-offs fresh |
//! | `a_record_committed_by_someone_else_than_its_author_is_reported` | FAIL: no warning |
//! | `honest_merge_of_main_into_a_branch_passes`, `an_unambiguous_base_name_is_taken` | pass |
//!
//! (`a_stale_branch_that_merged_main_once_changes_no_policy` is an honest path added with the
//! merge-base rule; the code before blamed the writer's merge of main, FC056.)
//!
//! An independent red team then attacked those fixes (commit a5d4478) and got seven through;
//! the tests of the last section reproduce them, and each failed on a5d4478:
//! `a_criss_cross_merge_cannot_bring_back_a_laxer_policy` (exit 0),
//! `a_tag_named_like_the_base_commit_id_changes_nothing` (exit 2),
//! `template_markup_inside_a_claim_stales_it` (exit 0), `a_style_sheet_in_an_article_is_an_input_error`
//! (exit 0), `braces_in_an_astro_markdown_article_are_text` (exit 0),
//! `front_matter_the_generator_does_not_have_is_text` (not claim text),
//! `hugos_configuration_folder_is_policy` (exit 0). The seventh, GitLab's merge-base
//! variable as the base, is fixed in the template (`ci::ci_templates_use_valid_command_lines`).

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

// ---------------------------------------------------------------------------------------------
// 1. Merge commits are judged against every parent.

/// A merge whose first parent is the old main commit: its `factcheck.yaml` is the old one, so
/// judged against its first parent the merge changed nothing and no commit answers for the
/// laxer policy the branch brings back. Before: exit 0, nothing.
#[test]
fn a_merge_from_an_old_main_commit_cannot_bring_back_a_laxer_policy() {
    let (t, old, base) = tightened();
    t.restore(old);
    let merge = t.commit_with(WRITER, "Merge branch 'main'", &[old, base], false);
    t.set_head(merge);
    blocks_with(&t, &base.to_string(), "FC056", &["factcheck.yaml", WRITER]);
}

/// The same shape drops the article's sidecar: the merge takes the tree of the commit before
/// the article was tracked. Before: exit 0, nothing checked.
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

// ---------------------------------------------------------------------------------------------
// 2. The base is a name the branch cannot shadow.

/// Sets `refs/remotes/origin/main` at the real base and returns it.
fn with_remote_base(t: &TestRepo) -> git2::Oid {
    let base = t.head();
    t.repo
        .reference("refs/remotes/origin/main", base, true, "fetch")
        .unwrap();
    base
}

/// A tag named like the remote-tracking branch, pointing at the branch's own head: `git
/// rev-parse origin/main` prefers the tag, so the gate compared the branch with itself. Before:
/// exit 0, nothing checked.
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
    assert!(
        r.stderr.contains("ambiguous") && r.stderr.contains("refs/remotes/origin/main"),
        "{}",
        r.stderr
    );
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
    for base in ["origin/main", "origin/main~0"] {
        let r = t.run_as(Some(EDITOR), &["check", "--changed-since", base]);
        assert_eq!(r.code, 2, "{base}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("ambiguous"), "{}", r.stderr);
    }
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

// ---------------------------------------------------------------------------------------------
// 3. Everything that decides which files are articles is policy.

/// An Astro site whose articles are `.mdx` (taken by the `.md` glob on an MDX site).
fn astro_site() -> TestRepo {
    let t = TestRepo::newsroom("light");
    let mdx = "articles/vitamin-d.mdx";
    std::fs::rename(t.path().join(A), t.path().join(mdx)).unwrap();
    t.write("astro.config.mjs", "export default {};\n");
    t.commit(EDITOR, "Astro newsroom");
    t.ok(WRITER, &["track", mdx]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            mdx,
            "--id",
            "dose",
            "--quote",
            "Most adults need 15 micrograms of vitamin D a day.",
        ],
    );
    t.commit(WRITER, "Draft");
    ok_at(&t, &day(2), CHECKER, &["verify", mdx, "dose"]);
    t.commit(CHECKER, "Fact-check");
    t
}

/// Adding `.eleventy.js` to an Astro site makes it an Eleventy site, whose `.md` globs no
/// longer take `.mdx` files: every article would silently leave the gate after the merge.
/// Before: exit 0, the branch's change unremarked.
#[test]
fn adding_a_generator_file_is_a_policy_change() {
    let t = astro_site();
    let base = t.head().to_string();
    t.write(".eleventy.js", "module.exports = {};\n");
    t.commit(WRITER, "Build with Eleventy");
    let doc = blocks_with(&t, &base, "FC056", &[".eleventy.js", WRITER]);
    has(
        &doc,
        "FC057",
        &["articles/vitamin-d.mdx", "would no longer"],
    );
}

/// The variant: a Hugo marker added to a shared `config.toml` names another generator.
#[test]
fn editing_a_shared_site_config_is_a_policy_change() {
    let t = honest("standard");
    t.write("config.toml", "title = 'News'\n");
    t.commit(EDITOR, "Site title");
    let base = t.head().to_string();
    t.write(
        "config.toml",
        "title = 'News'\nbaseURL = 'https://example.org/'\n",
    );
    t.commit(WRITER, "Site URL");
    blocks_with(&t, &base, "FC056", &["config.toml"]);
}

/// A new article whose extension is in capitals is an article (`post.MD` is a post on Jekyll,
/// Hugo and Eleventy): without a sidecar it blocks. Before: exit 0, nothing checked.
#[test]
fn an_article_with_a_capitalised_extension_is_an_article() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.write("articles/new.MD", "# New\n\nFish oil cures colds.\n");
    t.commit(WRITER, "New post");
    blocks_with(&t, &base, "FC004", &["articles/new.MD"]);
}

/// The variant: renaming the article to `.Md` keeps it under the gate, its claims followed.
#[test]
fn renaming_an_article_to_another_case_keeps_it_gated() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.git_mv(A, "articles/vitamin-d.Md");
    t.edit(S, "article: vitamin-d.md", "article: vitamin-d.Md");
    t.edit(
        "articles/vitamin-d.Md",
        "need 15 micrograms",
        "need 50 micrograms",
    );
    t.commit(WRITER, "Rename");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    assert!(doc.with("FC057").is_empty(), "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
}

/// A page the site publishes that no glob covers is a warning: on a Hugo site whose globs
/// name `content/posts/`, a post under `content/news/` or a `.markdown` post is never read.
#[test]
fn a_page_no_glob_covers_is_reported() {
    let t = TestRepo::newsroom("light");
    let config = t
        .read("factcheck.yaml")
        .replace("articles/**/*.md", "content/posts/**/*.md");
    t.write("factcheck.yaml", &config);
    t.write("hugo.toml", "baseURL = 'https://example.org/'\n");
    std::fs::remove_file(t.path().join(A)).unwrap();
    t.commit(EDITOR, "Hugo newsroom");
    let base = t.head().to_string();
    t.write(
        "content/news/flu.md",
        "---\ntitle: Flu\n---\nFlu shots are 90% effective.\n",
    );
    t.write("content/posts/cold.markdown", "Zinc cures colds.\n");
    t.write("README.md", "# Our newsroom\n");
    t.commit(WRITER, "Two posts");
    let (_, doc) = gate(&t, &base);
    has(&doc, "FC058", &["content/news/flu.md"]);
    has(&doc, "FC058", &["content/posts/cold.markdown"]);
    assert!(
        !doc.with("FC058").iter().any(|f| f.file == "README.md"),
        "{:#?}",
        listing(&doc)
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Decisions read parsed values, not raw text.

/// The sidecar names its snapshot with a YAML escape (`evidence\/…`, the same string): a
/// change to the evidence file alone must still select the article. Before: exit 0, nothing
/// checked.
#[test]
fn an_escaped_snapshot_path_still_selects_its_article() {
    for spell in [
        |p: &str| format!("\"{}\"", p.replace('/', "\\/")),
        |p: &str| format!("\"{}\"", p.replacen('e', "\\u0065", 1)),
    ] {
        let (t, rel) = with_snapshot();
        let text = t.read(S);
        t.write(
            S,
            &text.replace(
                &format!("snapshot: {rel}"),
                &format!("snapshot: {}", spell(&rel)),
            ),
        );
        assert_ne!(t.read(S), text, "the sidecar names {rel} as expected");
        t.commit(WRITER, "Tidy the sidecar");
        let base = t.head().to_string();
        t.write(&rel, &SNAPSHOT.replace("15 micrograms", "50 micrograms"));
        t.commit(WRITER, "Update the snapshot");
        blocks_with(&t, &base, "FC073", &[]);
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Nothing under `.git` is read as policy.

/// `workflow: .git/config` made git's own file the workflow: read (before the base's policy
/// applied) and echoed in the parse error. Now the pull-request gate reads the policy of the
/// base only, and a plain `check` refuses the path before reading it.
#[test]
fn a_workflow_under_dot_git_is_never_read() {
    for name in [".git/config", "sub/.GIT/config"] {
        let t = honest("standard");
        let base = t.head().to_string();
        let config = t.read("factcheck.yaml");
        t.write(
            "factcheck.yaml",
            &config.replace("workflow: standard", &format!("workflow: {name}")),
        );
        t.commit(WRITER, "Workflow");
        let (_, doc) = gate(&t, &base);
        has(&doc, "FC056", &["factcheck.yaml"]);
        let r = t.run_as(Some(EDITOR), &["check"]);
        assert_eq!(r.code, 2, "{name}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("under `.git`"), "{}", r.stderr);
        assert!(
            !r.stderr.contains("repositoryformatversion"),
            "{}",
            r.stderr
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Inline HTML that changes what readers see while the words stay the same.

/// The writer wraps words of a verified claim in markup that reverses, strikes, shrinks or
/// recolours them; the editor, shown a change with the same words, re-signs. Before: exit 0
/// (the claim's words, and so its sign-offs, unchanged).
#[test]
fn markup_that_restyles_a_claims_words_is_refused() {
    let sentence = "Vitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.";
    for (from, to, claim) in [
        (
            "need 15 micrograms",
            "need <bdo dir=\"rtl\">15</bdo> micrograms",
            "fifteen-micrograms",
        ),
        ("D helps the", "D <s>helps</s> the", "absorb-calcium"),
        ("D helps the", "D <del>helps</del> the", "absorb-calcium"),
        (
            "need 15 micrograms",
            "need <span style=\"font-size:0\">1</span>5 micrograms",
            "fifteen-micrograms",
        ),
        // Variants: colour and direction around the whole sentence, and an HTML block.
        (
            "Most adults need",
            "<font color=\"#ffffff\">Most adults</font> need",
            "fifteen-micrograms",
        ),
        (
            sentence,
            &format!("<span dir=\"rtl\">{sentence}</span>"),
            "absorb-calcium",
        ),
        (
            sentence,
            "<p>Vitamin D <strike>helps</strike> the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.</p>",
            "absorb-calcium",
        ),
    ] {
        let t = honest("standard");
        let base = t.head().to_string();
        t.edit(A, from, to);
        t.commit(WRITER, "Style");
        ok_at(&t, &day(8), EDITOR, &["signoff", A, "--role", "editor"]);
        t.commit(EDITOR, "Editor sign-off");
        let (exit, doc) = gate(&t, &base);
        let named = doc
            .with("FC007")
            .iter()
            .any(|f| f.claim.as_deref() == Some(claim));
        assert!(exit == 1 && named, "{to}: exit {exit} {:#?}", listing(&doc));
        // The fact-checker cannot approve it either.
        let r = t.run_as(Some(CHECKER), &["verify", A, claim]);
        assert_eq!(r.code, 2, "{to}: {}{}", r.stdout, r.stderr);
    }
}

/// Markup that only carries meaning is part of what a sign-off approves: `10<sup>6</sup>` and
/// `10<sub>6</sub>` read "106" alike. Swapping one for the other stales the claim, and `diff
/// --since-signoff` shows the fact-checker the change rather than "only Markdown changed".
/// Before: exit 0, and the diff said the claims were unchanged.
#[test]
fn changing_the_markup_inside_a_claim_stales_it() {
    let t = honest("standard");
    t.edit(A, "need 15 micrograms", "need 10<sup>1</sup> micrograms");
    t.commit(WRITER, "Exact dose");
    let quote = "Most adults need 101 micrograms of vitamin D a day.";
    let sidecar = t
        .read(S)
        .replace("Most adults need 15 micrograms of vitamin D a day.", quote);
    t.write(S, &sidecar);
    t.commit(WRITER, "Quote");
    ok_at(&t, &day(9), CHECKER, &["verify", A, "fifteen-micrograms"]);
    t.commit(CHECKER, "Re-verify");
    ok_at(&t, &day(9), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    passes(&t, &t.head().to_string());
    let base = t.head().to_string();
    t.edit(A, "10<sup>1</sup>", "10<sub>1</sub>");
    t.commit(WRITER, "Typography");
    ok_at(&t, &day(10), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
    assert!(doc.with("FC007").is_empty(), "{:#?}", listing(&doc));
    let r = t.run_as(
        Some(CHECKER),
        &["diff", A, "--since-signoff", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let diff: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(diff["markup_only"], false, "{}", r.stdout);
    let claim = diff["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "fifteen-micrograms")
        .unwrap();
    assert_eq!(claim["change"], "changed", "{}", r.stdout);
    assert!(
        claim["to"]["marked"].as_str().unwrap().contains("<sub>"),
        "{}",
        r.stdout
    );
    // Markup next to a claim, outside its words, stales nothing (HTML over a claim's words is
    // part of its fingerprint; Markdown emphasis is not).
    let t2 = honest("standard");
    let base2 = t2.head().to_string();
    t2.edit(A, "*By Wendy Writer*", "<i>By Wendy Writer</i>");
    t2.edit(A, "absorb calcium.", "absorb **calcium**.");
    t2.edit(A, "Some people say", "<b>Some</b> people say");
    t2.commit(WRITER, "Emphasis");
    ok_at(&t2, &day(10), EDITOR, &["signoff", A, "--role", "editor"]);
    t2.commit(EDITOR, "Editor sign-off");
    passes(&t2, &base2);
}

// ---------------------------------------------------------------------------------------------
// Unsigned history: the author is whatever the committer typed.

/// Commits everything with `author` as the author and `committer` as the committer (`git commit
/// --author`).
fn commit_in_the_name_of(t: &TestRepo, author: &str, committer: &str, message: &str) {
    let mut index = t.repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = t.repo.find_tree(index.write_tree().unwrap()).unwrap();
    let when = git2::Time::new(1_794_000_000, 0);
    let sig = |who: &str| git2::Signature::new(who.split('@').next().unwrap(), who, &when).unwrap();
    let parent = t.repo.head().unwrap().peel_to_commit().unwrap();
    t.repo
        .commit(
            Some("HEAD"),
            &sig(author),
            &sig(committer),
            message,
            &tree,
            &[&parent],
        )
        .unwrap();
}

/// The writer verifies her own change in the fact-checker's name and commits it with `--author
/// carl@…`: the author check passes, but the commit says who really made it. A warning (FC059),
/// with `signatures: required` named as the defence. Before: nothing. The variant: an article
/// sign-off in the editor's name.
#[test]
fn a_record_committed_by_someone_else_than_its_author_is_reported() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    t.commit(WRITER, "Update the dose");
    ok_at(&t, &day(9), CHECKER, &["verify", A, "fifteen-micrograms"]);
    commit_in_the_name_of(&t, CHECKER, WRITER, "Fact-check");
    ok_at(&t, &day(9), EDITOR, &["signoff", A, "--role", "editor"]);
    commit_in_the_name_of(&t, EDITOR, WRITER, "Sign-off");
    let (_, doc) = gate(&t, &base);
    has(&doc, "FC059", &["fifteen-micrograms", CHECKER, WRITER]);
    has(&doc, "FC059", &[EDITOR, WRITER]);
    assert!(
        doc.with("FC059").iter().all(|f| f.severity == "warning"),
        "{:#?}",
        listing(&doc)
    );
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

/// The honest main line (workflow `workflow`) on a site whose generator `file` (holding `text`)
/// names; returns it with its head, the base of the attacks.
fn site_line(workflow: &str, file: &str, text: &str) -> (TestRepo, String) {
    let t = TestRepo::newsroom(workflow);
    t.write(file, text);
    let t = main_line(t);
    let base = t.head().to_string();
    (t, base)
}

// ---------------------------------------------------------------------------------------------
// Found by an independent red team against the fixes above (2026-12-07); each failed before.

/// A criss-cross history: main merged a feature branch that forked before the editor's policy
/// change; the writer's branch merges the same two commits but keeps the feature's (older,
/// laxer) `factcheck.yaml`. libgit2 names one merge base, the feature commit, whose policy
/// equals the branch's; git's merge reads both, and lands the laxer policy. Before: exit 0.
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

/// A tag named exactly like the base's commit id does not make the id ambiguous: git reads 40
/// hex digits as an object id. Before the fix (and with the first version of it): exit 2 for
/// every pull request on that base.
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

/// Template markup inside a verified claim's words decides what readers see there (`{% if
/// false %}helps {% endif %}` hides the verb) while the gate reads the same words: it is part of
/// the claim's fingerprint, so the sign-off goes stale. Before: exit 0 on every one.
#[test]
fn template_markup_inside_a_claim_stales_it() {
    for (site, file, to) in [
        (
            "_config.yml",
            "title: x\n",
            "Vitamin D {% if false %}helps {% endif %}the body",
        ),
        (
            "_config.yml",
            "title: x\n",
            "Vitamin D {% capture x %}helps {% endcapture %}the body",
        ),
        (
            ".eleventy.js",
            "module.exports = {};\n",
            "Vitamin D {{ \"\" }}helps the body",
        ),
        (
            "hugo.toml",
            "baseURL = 'https://x/'\n",
            "Vitamin D {{< param \"verb\" >}}helps the body",
        ),
    ] {
        let (t, base) = site_line("standard", site, file);
        t.edit(A, "Vitamin D helps the body", to);
        t.commit(WRITER, "Template");
        ok_at(&t, &day(8), EDITOR, &["signoff", A, "--role", "editor"]);
        t.commit(EDITOR, "Editor sign-off");
        let (exit, doc) = gate(&t, &base);
        assert_eq!(exit, 1, "{to}: {:#?}", listing(&doc));
        stale(&doc, &["absorb-calcium"]);
    }
}

/// A style sheet in an article restyles any words — `content: "never "` adds a word readers see
/// and the gate does not read — so it is refused like hidden inline HTML. Before: exit 0.
#[test]
fn a_style_sheet_in_an_article_is_an_input_error() {
    for sheet in [
        "<style>p em::before { content: \"never \" }</style>\n\n",
        "<link rel=\"stylesheet\" href=\"/x.css\">\n\n",
    ] {
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, "Vitamin D helps", &format!("{sheet}Vitamin D *helps*"));
        t.commit(WRITER, "Style");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--provenance"],
        );
        assert_eq!(r.code, 2, "{sheet}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("style sheet"), "{}", r.stdout);
    }
}

/// Astro reads `.md` as plain Markdown and shows `{no longer}` as it is: the gate reads those
/// words too, so the claim's words changed. Before: masked as an MDX expression, exit 0.
#[test]
fn braces_in_an_astro_markdown_article_are_text() {
    let t = TestRepo::newsroom("light");
    t.write("astro.config.mjs", "export default {};\n");
    let t = main_line(t);
    let base = t.head().to_string();
    t.edit(A, "Vitamin D helps", "Vitamin D {no longer} helps");
    t.commit(WRITER, "Braces");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["absorb-calcium"]);
}

/// Jekyll has only YAML front matter: a leading `+++` or `{` block is text its readers see, so
/// its sentences are claim text there (and front matter on Hugo). Before: never claim text.
#[test]
fn front_matter_the_generator_does_not_have_is_text() {
    for (block, quote) in [
        ("+++\nFish oil cures colds.\n+++\n", "Fish oil cures colds."),
        ("{\nFish oil cures colds.\n}\n", "Fish oil cures colds."),
    ] {
        for (site, file, readers_see) in [
            ("_config.yml", "title: x\n", true),
            ("hugo.toml", "baseURL = 'https://x/'\n", false),
        ] {
            let t = TestRepo::newsroom("light");
            t.write(site, file);
            t.write(A, &format!("{block}# Colds\n\nZinc is a mineral.\n"));
            t.ok(WRITER, &["track", A]);
            let r = t.run_as(Some(WRITER), &["claim", "add", A, "--quote", quote]);
            assert_eq!(r.code == 0, readers_see, "{site} {block}: {}", r.stderr);
        }
    }
}

/// Hugo also reads its configuration from `config/_default/`, where `contentDir` or a content
/// mount changes which files are pages: every file there is policy. Before: exit 0, 0 articles
/// checked.
#[test]
fn hugos_configuration_folder_is_policy() {
    for (file, text) in [
        ("config/_default/hugo.toml", "contentDir = 'site-content'\n"),
        (
            "config/_default/module.toml",
            "[[mounts]]\nsource = 'site-content'\ntarget = 'content'\n",
        ),
    ] {
        let (t, base) = site_line(
            "standard",
            "hugo.toml",
            "baseURL = 'https://example.org/'\n",
        );
        t.write(file, text);
        t.commit(WRITER, "Content folder");
        blocks_with(&t, &base, "FC056", &[file, WRITER]);
    }
}

/// An editor's policy commit that never reached the main line, replayed by the writer
/// (cherry-picked: the editor stays the author, the writer is the committer): it counts as the
/// editor's, as unsigned history must, but the gate says who committed it (FC059).
#[test]
fn a_replayed_editors_policy_commit_is_reported() {
    let t = honest("standard");
    let base = t.head().to_string();
    let config = t.read("factcheck.yaml");
    t.write("factcheck.yaml", &format!("{config}# quieter\n"));
    commit_in_the_name_of(&t, EDITOR, WRITER, "Policy");
    let (_, doc) = gate(&t, &base);
    assert!(doc.with("FC056").is_empty(), "{:#?}", listing(&doc));
    has(&doc, "FC059", &["factcheck.yaml", EDITOR, WRITER]);
}

// ---------------------------------------------------------------------------------------------
// Found by a second independent red team (2026-12-07, against commit a73cf65); each got
// through there.

/// The verified paragraph wrapped in an element opened by an HTML block on a line of its own:
/// it strikes, hides or reverses every block until its closing tag.
#[test]
fn an_html_block_wrapping_a_claim_is_refused() {
    let sentence = "Vitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.";
    for open in [
        "<s>",
        "<font color=\"#fff\">",
        "<div dir=\"rtl\">",
        "<dialog>",
        "<div popover>",
    ] {
        let name = open[1..].split([' ', '>']).next().unwrap();
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, sentence, &format!("{open}\n\n{sentence}\n\n</{name}>"));
        t.commit(WRITER, "Wrap");
        let (exit, doc) = gate(&t, &base);
        let named = doc
            .with("FC007")
            .iter()
            .any(|f| f.claim.as_deref() == Some("fifteen-micrograms"));
        assert!(exit == 1 && named, "{open}: {:#?}", listing(&doc));
    }
}

/// A container that only carries a class is part of the claim's fingerprint: wrapping a
/// verified paragraph in `<div class="sr-only">` stales it (the fact-checker sees the change).
#[test]
fn an_html_block_container_is_part_of_the_claims_fingerprint() {
    let sentence = "Vitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.";
    let t = honest("light");
    let base = t.head().to_string();
    t.edit(
        A,
        sentence,
        &format!("<div class=\"sr-only\">\n\n{sentence}\n\n</div>"),
    );
    t.commit(WRITER, "Wrap");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["absorb-calcium", "fifteen-micrograms"]);
}

/// A right-to-left override just before a claim that ends its block (a bare figure in a table
/// cell): readers see "51" where the claim reads "15".
#[test]
fn a_bidi_override_before_a_claim_is_refused() {
    for rlo in ["\u{202E}", "&#x202E;"] {
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, "need 15 micrograms", &format!("need {rlo}15 micrograms"));
        t.commit(WRITER, "Direction");
        let (exit, doc) = gate(&t, &base);
        assert_eq!(exit, 1, "{:#?}", listing(&doc));
        has(&doc, "FC007", &["bidirectional"]);
    }
}

/// Markup readers see and the gate could not read is refused: an attribute list that hides or
/// restyles, a text area or an inline frame's `srcdoc`, an MDX layout exported by the article.
#[test]
fn markup_the_gate_cannot_read_is_an_input_error() {
    for (site, file, from, to) in [
        (
            "_config.yml",
            "title: x\n",
            "D helps the body absorb calcium",
            "D helps the body *absorb calcium*{: style=\"display:none\"}",
        ),
        (
            "_config.yml",
            "title: x\n",
            "Some people say",
            "<textarea readonly>Fish oil cures colds.</textarea>\n\nSome people say",
        ),
        (
            "_config.yml",
            "title: x\n",
            "Some people say",
            "<iframe srcdoc=\"<p>Fish oil cures colds.</p>\"></iframe>\n\nSome people say",
        ),
        (
            "docusaurus.config.js",
            "module.exports = {};\n",
            "Some people say",
            "export default function Layout() { return <p>Fish oil cures colds.</p> }\n\nSome people say",
        ),
    ] {
        let (t, base) = site_line("light", site, file);
        t.edit(A, from, to);
        t.commit(WRITER, "Markup");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--provenance"],
        );
        assert_eq!(r.code, 2, "{to}: {}{}", r.stdout, r.stderr);
    }
}

/// A heading whose words come from template markup decides nothing: `## {{ "Our findings" }}{%
/// if false %}Comments{% endif %}` shows readers "Our findings", so the sentences under it are
/// claim text like any others.
#[test]
fn a_templated_heading_names_no_excluded_section() {
    let t = TestRepo::newsroom("light");
    t.write("_config.yml", "title: x\n");
    let t = main_line(t);
    t.edit(
        A,
        "## Comments",
        "## {{ \"Our findings\" }}{% if false %}Comments{% endif %}",
    );
    let r = t.run_as(
        Some(WRITER),
        &["claim", "add", A, "--quote", "Vitamin D cures everything!"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

/// The site's own machinery is policy: a Jekyll layout can print other words in place of every
/// article, a style sheet can hide or add words on every page. Before: exit 0, 0 articles
/// checked.
#[test]
fn layouts_and_style_sheets_are_policy() {
    for (file, text) in [
        (
            "_layouts/post.html",
            "{{ content | replace: \"helps\", \"harms\" }}\n",
        ),
        ("assets/site.css", "p::after { content: \" (not)\" }\n"),
    ] {
        let (t, base) = site_line("standard", "_config.yml", "title: x\n");
        t.write(file, text);
        t.commit(WRITER, "Design");
        blocks_with(&t, &base, "FC056", &[file, WRITER]);
    }
}

/// A third red team (against commit 76b7a65): markup that a browser ends elsewhere than the
/// Markdown parser hid the verified words, or showed others, while the gate read the claim
/// unchanged (exit 0 there). Refused now, exit 2.
#[test]
fn html_a_browser_reads_otherwise_is_refused() {
    let claim = "Vitamin D helps the body absorb calcium.";
    for to in [
        format!("<!--> <p>Vitamin D does not help.</p> <!--\n\n{claim}\n\n<!-- -->"),
        "Vitamin D <!-- --!>never <!-- -->helps the body absorb calcium.".to_string(),
        "Vitamin D <?x >never <? ?>helps the body absorb calcium.".to_string(),
        "Vitamin D <![CDATA[>never <![CDATA[]]>helps the body absorb calcium.".to_string(),
        format!(
            "<div>\n<span title=a'b>Vitamin D does not help.</span><i title=x'>\n</div>\n\n{claim}"
        ),
    ] {
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, claim, &to);
        t.commit(WRITER, "Markup");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--provenance"],
        );
        assert_eq!(r.code, 2, "{to}: {}{}", r.stdout, r.stderr);
    }
}

/// A re-tester's round: a tag that never ends in its HTML block goes on, for a browser, into
/// the paragraphs after it (refused, exit 2); 16 MB of `"` made the parser keep a node per
/// quote (counted as markup now: over the limit, exit 2). And a fourth red team's: a closing
/// tag a browser does not take as one (`</title.>`), raw-text elements (`<title>`, `<xmp>`)
/// whose contents a browser never reads as markup, numeric character references without `;`.
#[test]
fn unterminated_tags_and_quote_floods_are_refused() {
    let t = honest("light");
    t.edit(
        A,
        "Some people say",
        "<div>\n<span title=x\n\nSome people say",
    );
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    for html in [
        "<title>x</title.>\n\nSome people say",
        "<title><!--</title>Fish oil cures colds.<title>--></title>\n\nSome people say",
        "<br>\nIt is &#102&#97&#108&#115&#101 that\n\nSome people say",
    ] {
        let t = honest("light");
        t.edit(A, "Some people say", html);
        let r = t.run_as(Some(EDITOR), &["check"]);
        assert_eq!(r.code, 2, "{html}: {}{}", r.stdout, r.stderr);
    }
    let t = honest("light");
    t.write(A, &format!("# Quotes\n\nAlpha. {}\n", "\"".repeat(600_000)));
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("markup characters"), "{}", r.stdout);
}
