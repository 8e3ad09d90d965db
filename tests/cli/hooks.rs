//! `hooks install|run`: the hooks run what CI runs, driven through the real `git` CLI (the
//! installed scripts call the built binary from `PATH`, git isolated from the user's config);
//! `hooks install` stays in the repository and respects hooks it did not write.

use crate::support::*;

#[test]
fn hooks_install_is_idempotent_and_respects_foreign_hooks() {
    let t = TestRepo::newsroom("standard");
    let hooks = t.path().join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::write(hooks.join("pre-push"), "#!/bin/sh\necho mine\n").unwrap();
    // A hook it did not write is left alone unless forced.
    let foreign = t.expect(EDITOR, &["hooks", "install"], 2);
    assert!(
        !hooks.join("pre-commit").exists(),
        "a refused install wrote something"
    );

    let forced = t.ok(EDITOR, &["hooks", "install", "--force"]);
    let pre_commit = std::fs::read_to_string(hooks.join("pre-commit")).unwrap();
    let pre_push = std::fs::read_to_string(hooks.join("pre-push")).unwrap();
    // The scripts run `factcheck hooks run …` (pre-push with the remote and git's arguments).
    snap!(format!(
        "{}\n=== .git/hooks/pre-commit\n{pre_commit}=== .git/hooks/pre-push\n{pre_push}",
        transcripts([&foreign, &forced])
    ));
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

/// `core.hooksPath` outside the repository: hooks there run in every
/// repository that uses the folder, so installing is refused unless forced, and a forced
/// install says where it wrote.
#[test]
fn hooks_install_says_where_it_writes_and_stays_in_the_repository() {
    let t = TestRepo::newsroom("standard");
    let shared = tempfile::tempdir().unwrap();
    let set = |value: &str| {
        t.repo
            .config()
            .unwrap()
            .open_level(git2::ConfigLevel::Local)
            .unwrap()
            .set_str("core.hooksPath", value)
            .unwrap()
    };
    set(shared.path().to_str().unwrap());
    // Refused, naming where core.hooksPath points; forced, it says where it wrote.
    let mut shown = vec![t.expect(EDITOR, &["hooks", "install"], 2)];
    assert_eq!(std::fs::read_dir(shared.path()).unwrap().count(), 0);
    shown.push(t.ok(EDITOR, &["hooks", "install", "--force"]));
    assert!(shared.path().join("pre-push").exists());

    // A relative path that leaves the work tree is outside too; `~/` is the
    // home folder, as git reads it, not a folder named `~` in the repository.
    set("../elsewhere");
    shown.push(t.expect(EDITOR, &["hooks", "install"], 2));
    // `..` after a folder inside still leads out (read as the system reads
    // it, not as text).
    set("sub/../../elsewhere");
    shown.push(t.expect(EDITOR, &["hooks", "install"], 2));
    set("~/my-hooks");
    let r = t.ok(EDITOR, &["hooks", "install"]);
    let home = t.path().join(".home/my-hooks/pre-commit");
    assert!(home.exists(), "{}", r.stdout);
    assert!(!t.path().join("~").exists());
    shown.push(r);
    let shared = shared.path().display().to_string();
    let mut text = transcripts(&shown).replace(&shared, "[SHARED]");
    // `../elsewhere`, where the system puts temporary folders.
    for repo in [t.path().to_path_buf(), t.path().canonicalize().unwrap()] {
        let parent = repo.parent().unwrap().display().to_string();
        text = text.replace(&format!("{parent}/elsewhere"), "[REPO]/../elsewhere");
    }
    snap!(text);
}

/// In a linked work tree (`git worktree add`), git runs the hooks of the repository's common
/// git directory (`git rev-parse --git-path hooks`), never `.git/worktrees/NAME/hooks`:
/// `hooks install` from the linked work tree writes them there, says that every work tree runs
/// them, and a commit in the linked work tree runs the pre-commit hook. With a relative
/// `core.hooksPath`, git reads it from the top of the work tree the hook runs in, and so does
/// `hooks install`.
#[test]
fn hooks_install_in_a_linked_work_tree_installs_where_git_runs_them() {
    let t = TestRepo::newsroom("standard");
    t.commit(EDITOR, "Newsroom");
    let elsewhere = tempfile::tempdir().unwrap();
    let wt = elsewhere.path().join("side");
    let r = git(
        &t,
        EDITOR,
        &["worktree", "add", "-q", wt.to_str().unwrap(), "-b", "side"],
    );
    assert_eq!(r.code, 0, "{}", output(&r));
    let in_wt = |args: &[&str]| {
        let mut cmd = t.cmd();
        cmd.current_dir(&wt);
        t.run_with(cmd, Some(EDITOR), args)
    };
    // Where git runs this work tree's hooks from, as git says it.
    let git_path = || {
        let r = git_in(&t, &wt, EDITOR, &["rev-parse", "--git-path", "hooks"]);
        assert_eq!(r.code, 0, "{}", output(&r));
        wt.join(r.stdout.trim()).canonicalize().unwrap()
    };
    let install = in_wt(&["hooks", "install"]);
    assert_eq!(install.code, 0, "{}", install.stderr);
    let hooks = git_path();
    assert_eq!(hooks, t.path().join(".git/hooks").canonicalize().unwrap());
    for hook in ["pre-commit", "pre-push"] {
        assert!(hooks.join(hook).exists(), "{hook}: {}", install.stdout);
        let unread = t.path().join(".git/worktrees/side/hooks").join(hook);
        assert!(!unread.exists(), "{}", unread.display());
    }
    // A broken sidecar committed in the linked work tree: the hook runs and refuses it.
    std::fs::write(
        wt.join("articles/vitamin-d.claims.yaml"),
        "article: vitamin-d.md\nstage: [\n",
    )
    .unwrap();
    git_in(&t, &wt, WRITER, &["add", "-A"]);
    let commit = git_in(&t, &wt, WRITER, &["commit", "-q", "-m", "Broken"]);
    assert_eq!(commit.code, 1, "the hook did not run: {}", output(&commit));
    assert!(output(&commit).contains("FC090"), "{}", output(&commit));

    // A relative core.hooksPath: the linked work tree's own folder, as git reads it.
    git_in(&t, &wt, EDITOR, &["config", "core.hooksPath", ".githooks"]);
    let relative = in_wt(&["hooks", "install"]);
    assert_eq!(relative.code, 0, "{}", relative.stderr);
    assert_eq!(git_path(), wt.join(".githooks").canonicalize().unwrap());
    assert!(
        wt.join(".githooks/pre-commit").exists(),
        "{}",
        relative.stdout
    );
    let commit = git_in(&t, &wt, WRITER, &["commit", "-q", "-m", "Broken"]);
    assert_eq!(commit.code, 1, "the hook did not run: {}", output(&commit));

    let mut text = transcripts([&install, &relative]);
    for dir in [wt.clone(), wt.canonicalize().unwrap()] {
        text = text.replace(&dir.display().to_string(), "[WORKTREE]");
    }
    for dir in [t.path().to_path_buf(), t.path().canonicalize().unwrap()] {
        text = text.replace(&dir.display().to_string(), "[REPO]");
    }
    snap!(text);
}

/// Runs the real `git` in the repository as `who`, with the built binary first on `PATH`.
fn git(t: &TestRepo, who: &str, args: &[&str]) -> Run {
    git_in(t, t.path(), who, args)
}

/// [`git`] in `dir`, a linked work tree of `t`'s repository.
fn git_in(t: &TestRepo, dir: &std::path::Path, who: &str, args: &[&str]) -> Run {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_factcheck"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = t.path().join(".home");
    std::fs::create_dir_all(&home).unwrap();
    let name = who.split('@').next().unwrap();
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("FACTCHECK_USER")
        .env("FACTCHECK_NOW", NOW)
        .env("NO_COLOR", "1")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_AUTHOR_NAME", name)
        .env("GIT_AUTHOR_EMAIL", who)
        .env("GIT_COMMITTER_NAME", name)
        .env("GIT_COMMITTER_EMAIL", who)
        .output()
        .unwrap();
    let line = args.iter().map(|a| shell_quote(a)).collect::<Vec<_>>();
    Run::of(t, format!("$ git {}", line.join(" ")), out)
}

/// The hook's whole output (git sends some hooks' stdout to stderr).
fn output(r: &Run) -> String {
    format!("{}{}", r.stdout, r.stderr)
}

/// Runs as a snapshot stores them, without git's own lines about a refused push (their words
/// vary with git's version): what the hooks printed.
fn hook_transcripts<'a>(runs: impl IntoIterator<Item = &'a Run>) -> String {
    transcripts(runs)
        .lines()
        .filter(|l| !l.starts_with("error: failed to push some refs") && !l.starts_with("hint: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn pre_commit_lets_a_draft_with_unverified_claims_be_committed() {
    let t = TestRepo::newsroom("standard");
    t.ok(EDITOR, &["hooks", "install"]);
    t.tracked();
    git(&t, WRITER, &["add", "-A"]);
    let r = git(&t, WRITER, &["commit", "-q", "-m", "Draft"]);
    assert_eq!(r.code, 0, "{}", output(&r));
    assert!(t.repo.head().is_ok(), "nothing was committed");
    // The same draft with a quote that no longer anchors is refused.
    let before = t.head();
    t.edit(A, " Most adults need 15 micrograms of vitamin D a day.", "");
    // FC001 blocks; the unverified claims (FC010) are a draft's, and not shown.
    let r = git(&t, WRITER, &["commit", "-q", "-a", "-m", "Cut"]);
    assert_eq!(r.code, 1, "{}", output(&r));
    snap!(hook_transcripts([&r]));
    assert_eq!(t.head(), before);
}

#[test]
fn pre_commit_refuses_a_staged_stale_signoff() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(EDITOR, "Approved");
    t.ok(EDITOR, &["publish", A]);
    t.commit(EDITOR, "Published");
    t.ok(EDITOR, &["hooks", "install"]);
    let before = t.head();
    t.edit(A, "absorb calcium", "absorb iron");
    // `commit -a` commits a temporary index: the hook reads that one.
    // The claim's and the article's sign-offs are stale (FC031, FC033): errors once published.
    let r = git(&t, WRITER, &["commit", "-q", "-a", "-m", "Iron"]);
    assert_eq!(r.code, 1, "{}", output(&r));
    snap!(hook_transcripts([&r]));
    assert_eq!(t.head(), before);
    // Unstaged work elsewhere is not what is committed, and is not checked.
    let r = git(
        &t,
        WRITER,
        &["commit", "-q", "--allow-empty", "-m", "Nothing staged"],
    );
    assert_eq!(r.code, 0, "{}", output(&r));
}

/// A writer's edit to verified words in a draft is committed (the fact-checker re-verifies
/// what is committed), with the stale sign-offs shown; the push is refused until they do.
#[test]
fn a_drafts_stale_signoffs_are_shown_at_commit_and_block_the_push() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(EDITOR, "Approved");
    t.ok(EDITOR, &["hooks", "install"]);
    t.edit(A, "absorb calcium", "absorb iron");
    // FC031 a warning at the commit, an error at the push.
    let commit = git(&t, WRITER, &["commit", "-q", "-a", "-m", "Iron"]);
    assert_eq!(commit.code, 0, "{}", output(&commit));
    let push = t.run_as(Some(WRITER), &["hooks", "run", "pre-push"]);
    assert_eq!(push.code, 1, "{}{}", push.stdout, push.stderr);
    snap!(hook_transcripts([&commit, &push]));
}

/// A recorded quote edited by hand in a draft's sidecar no longer matches the text: the commit
/// goes through (the draft is unfinished) but says so. The
/// variant: the article's words reworded under an unverified claim.
#[test]
fn pre_commit_shows_a_quote_that_no_longer_matches() {
    let mut shown = Vec::new();
    for (file, from, to) in [
        (
            S,
            "Most adults need 15 micrograms",
            "Most adults need 50 micrograms",
        ),
        (
            A,
            "Most adults need 15 micrograms",
            "Most adults need 50 micrograms",
        ),
    ] {
        let t = TestRepo::newsroom("standard");
        t.tracked();
        t.commit(WRITER, "Draft");
        t.ok(EDITOR, &["hooks", "install"]);
        t.edit(file, from, to);
        // A warning: the quote no longer matches the words (FC003).
        let r = git(&t, WRITER, &["commit", "-q", "-a", "-m", "Dose"]);
        assert_eq!(r.code, 0, "{file}: {}", output(&r));
        shown.push(r);
    }
    snap!(hook_transcripts(&shown));
}

#[test]
fn pre_commit_refuses_an_article_whose_working_tree_differs_from_the_index() {
    let t = TestRepo::newsroom("standard");
    t.ok(EDITOR, &["hooks", "install"]);
    t.tracked();
    git(&t, WRITER, &["add", "-A"]);
    t.edit(A, "tastes awful", "tastes bad");
    let r = git(&t, WRITER, &["commit", "-q", "-m", "Draft"]);
    assert_eq!(r.code, 1, "{}", output(&r));
    assert!(t.repo.head().is_err(), "a commit was made");
    // The hook names the article and suggests `git stash`.
    snap!(hook_transcripts([&r]));
}

/// A bare remote `origin` holding the current branch, which tracks it. Returns the remote's
/// directory and the branch name.
fn remote(t: &TestRepo) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    git2::Repository::init_bare(dir.path()).unwrap();
    let mut origin = t
        .repo
        .remote("origin", dir.path().to_str().unwrap())
        .unwrap();
    let head = t.repo.head().unwrap();
    let branch = head.shorthand().unwrap().to_string();
    origin
        .push(&[format!("refs/heads/{branch}:refs/heads/{branch}")], None)
        .unwrap();
    origin.fetch(&[] as &[&str], None, None).unwrap();
    t.repo
        .find_branch(&branch, git2::BranchType::Local)
        .unwrap()
        .set_upstream(Some(&format!("origin/{branch}")))
        .unwrap();
    (dir, branch)
}

/// A newsroom with the two usual claims, committed by the writer and pushed to `origin`, with
/// the hooks installed.
fn pushed_newsroom() -> (TestRepo, tempfile::TempDir, String) {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(WRITER, "Claims");
    let (dir, branch) = remote(&t);
    t.ok(EDITOR, &["hooks", "install"]);
    (t, dir, branch)
}

/// The commit the remote's `branch` points at.
fn remote_head(dir: &tempfile::TempDir, branch: &str) -> git2::Oid {
    let bare = git2::Repository::open_bare(dir.path()).unwrap();
    bare.refname_to_id(&format!("refs/heads/{branch}")).unwrap()
}

#[test]
fn pre_push_passes_what_ci_passes() {
    let (t, dir, branch) = pushed_newsroom();
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        t.ok(CHECKER, &["verify", A, c]);
        t.commit(CHECKER, "Verified");
    }
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Signed off");
    // The hook says the command CI runs: `check --changed-since <upstream> --provenance`.
    let r = git(&t, EDITOR, &["push", "-q"]);
    assert_eq!(r.code, 0, "{}", output(&r));
    snap!(hook_transcripts([&r]).replace(&branch, "[BRANCH]"));
    assert_eq!(remote_head(&dir, &branch), t.head());
}

/// The writer types the fact-checker's verification and the editor's sign-off and commits them.
fn forge(t: &TestRepo) {
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        t.ok(CHECKER, &["verify", A, c]);
    }
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(WRITER, "Verified, honest");
}

#[test]
fn pre_push_refuses_a_forged_signoff() {
    let (t, dir, branch) = pushed_newsroom();
    let pushed = t.head();
    forge(&t);
    // FC051: the records were committed by the writer, not by carl@example.org (or the editor).
    let r = git(&t, WRITER, &["push", "-q"]);
    assert_eq!(r.code, 1, "{}", output(&r));
    snap!(hook_transcripts([&r]).replace(&branch, "[BRANCH]"));
    assert_eq!(remote_head(&dir, &branch), pushed);
}

#[test]
fn pre_push_of_a_new_branch_compares_with_the_remote_default_branch() {
    let (t, dir, branch) = pushed_newsroom();
    t.repo
        .reference_symbolic(
            "refs/remotes/origin/HEAD",
            &format!("refs/remotes/origin/{branch}"),
            true,
            "default branch",
        )
        .unwrap();
    git(&t, WRITER, &["checkout", "-q", "-b", "forged"]);
    forge(&t);
    // Checked since the remote's default branch: FC051.
    let r = git(&t, WRITER, &["push", "-q", "origin", "forged"]);
    assert_eq!(r.code, 1, "{}", output(&r));
    snap!(hook_transcripts([&r]).replace(&branch, "[BRANCH]"));
    let bare = git2::Repository::open_bare(dir.path()).unwrap();
    assert!(bare.find_reference("refs/heads/forged").is_err());
}

#[test]
fn pre_push_without_any_base_checks_every_article() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(WRITER, "Claims");
    // Untracked (FC004, a warning): reported only when every article is checked.
    t.write("articles/other.md", "# Other\n\nUnrelated.\n");
    t.commit(WRITER, "Other");
    forge(&t);
    let r = t.expect(
        WRITER,
        &["hooks", "run", "pre-push", "--remote", "origin"],
        1,
    );
    // No upstream: every article is checked (articles/other.md too), and FC051 blocks.
    snap!(r.transcript());
}

/// Git reads a `core.hooksPath` starting with `%(prefix)/` under the folder git is installed
/// in: outside the repository, somewhere factcheck cannot name, so installing is refused and
/// nothing is written (not a folder named `%(prefix)` in the work tree, where git never looks).
#[test]
fn a_hooks_path_under_gits_install_folder_is_refused() {
    let t = TestRepo::newsroom("standard");
    t.repo
        .config()
        .unwrap()
        .open_level(git2::ConfigLevel::Local)
        .unwrap()
        .set_str("core.hooksPath", "%(prefix)/tmp/fc-hooks")
        .unwrap();
    for force in [false, true] {
        let args: &[&str] = if force {
            &["hooks", "install", "--force"]
        } else {
            &["hooks", "install"]
        };
        let r = t.expect(EDITOR, args, 2);
        assert!(
            r.stderr.contains("under the folder git is installed in"),
            "{}",
            r.stderr
        );
    }
    assert!(!t.path().join("%(prefix)").exists());
}
