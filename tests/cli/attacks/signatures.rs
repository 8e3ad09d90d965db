//! Who made a commit. Signed commits: `signing-keys` in `people` and the `provenance:` policy
//! load from factcheck.yaml, and a key line that is not a usable SSH public key stops every
//! command at load time, located, rather than making every signature check fail later; the
//! pull-request gate requires each record's commit to be signed by its person (FC054), with
//! commits signed by the real `git` and `ssh-keygen`. The verifier's cases are tested in
//! `src/signature.rs`. Unsigned history: the author is whatever the committer typed, so a
//! record committed by someone else than its author is reported (FC059).

use super::*;

/// An ed25519 public key, as `ssh-keygen -t ed25519 -C carl@laptop` writes it.
const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINKehsIRaKXBi606fQlTrniKLMe4S6Vaj3K5EeVTmRre carl@laptop";

/// The newsroom with `keys` listed for the fact-checker (as YAML list items) and `policy`
/// (YAML lines) at the top of factcheck.yaml.
fn newsroom_with(keys: &[&str], policy: &str) -> TestRepo {
    let t = TestRepo::newsroom("standard");
    let items: String = keys.iter().map(|k| format!("      - {k}\n")).collect();
    t.edit(
        "factcheck.yaml",
        "    roles: [fact-checker]\n",
        &format!("    roles: [fact-checker]\n    signing-keys:\n{items}"),
    );
    let config = t.read("factcheck.yaml");
    t.write("factcheck.yaml", &format!("{policy}{config}"));
    t
}

#[test]
fn signing_keys_and_the_signature_policy_load() {
    let quoted = format!("'no-touch-required,command=\"echo a b\" {KEY}'");
    let t = newsroom_with(&[KEY, &quoted], "provenance:\n  signatures: required\n");
    t.ok(WRITER, &["track", A]);
    let t = newsroom_with(&[KEY], "provenance: {signatures: optional}\n");
    t.ok(WRITER, &["track", A]);
    let t = newsroom_with(&[KEY], "provenance: {}\n");
    t.ok(WRITER, &["track", A]);
}

#[test]
fn a_key_cut_short_is_an_input_error_at_its_line() {
    let cut = &KEY[..60];
    let t = newsroom_with(&[cut], "");
    // At the key's line and column, with the key cut short and a hint.
    let cut_short = t.expect(WRITER, &["track", A], 2);
    assert!(!t.path().join("articles/vitamin-d.claims.yaml").exists());
    // Nothing of an empty key to point at: the error points at the person.
    let t = newsroom_with(&["''"], "");
    let empty = t.expect(WRITER, &["track", A], 2);
    snap!(transcripts([&cut_short, &empty]));
}

#[test]
fn an_unknown_policy_value_is_refused() {
    let t = newsroom_with(&[KEY], "provenance:\n  signatures: mandatory\n");
    let variant = t.expect(WRITER, &["track", A], 2);
    let t = newsroom_with(&[KEY], "provenance:\n  signature: required\n");
    let field = t.expect(WRITER, &["track", A], 2);
    snap!(transcripts([&variant, &field]));
}

/// Whether `git` and `ssh-keygen` are here; without them the end-to-end signature tests cannot
/// run, which is a loud notice locally and a failure under `CI=true` (`.ci/run` installs both).
fn signing_tools() -> bool {
    let present = |tool: &str| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok()
            || std::process::Command::new(tool).arg("-?").output().is_ok()
    };
    if present("git") && present("ssh-keygen") {
        return true;
    }
    skip_loudly("git or ssh-keygen is missing: the signed-commit gate test did not run");
    false
}

/// A new ed25519 key pair in `dir`: (private key path, public key line).
fn keygen(dir: &std::path::Path, name: &str) -> (std::path::PathBuf, String) {
    let key = dir.join(name);
    let out = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    (key, public.trim().to_string())
}

/// Commits everything with the real git as `email`, signed with `key` when given.
fn git_commit(t: &TestRepo, email: &str, key: Option<&std::path::Path>, message: &str) {
    let git = |args: &[&str]| {
        let mut cmd = std::process::Command::new("git");
        cmd.current_dir(t.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("HOME", t.path().join(".home"))
            .args([
                "-c",
                &format!("user.email={email}"),
                "-c",
                "user.name=Someone",
            ])
            .args(["-c", "gpg.format=ssh"]);
        if let Some(k) = key {
            cmd.args(["-c", &format!("user.signingkey={}", k.display())]);
        }
        let out = cmd.args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["add", "-A"]);
    let sign = if key.is_some() { "-S" } else { "--no-gpg-sign" };
    git(&["commit", "-q", sign, "-m", message]);
}

#[test]
fn the_gate_requires_records_in_commits_signed_by_their_person() {
    if !signing_tools() {
        return;
    }
    let keys = tempfile::tempdir().unwrap();
    let (carl_key, carl_pub) = keygen(keys.path(), "carl");
    let (wendy_key, _) = keygen(keys.path(), "wendy");
    let t = newsroom_with(&[&carl_pub], "provenance:\n  signatures: required\n");
    git_commit(&t, EDITOR, None, "Newsroom");
    t.tracked();
    git_commit(&t, WRITER, None, "Draft");
    let base = t.head().to_string();
    let gate = [
        "check",
        "--changed-since",
        &base,
        "--provenance",
        "--format",
        "json",
    ];
    let fc054 = |t: &TestRepo| {
        let doc = t.run_as(Some(EDITOR), &gate).json();
        doc.with("FC054")
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
    };

    // The fact-checker verifies and commits, signed with their own key: proven.
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    git_commit(&t, CHECKER, Some(&carl_key), "Verified, signed");
    assert!(fc054(&t).is_empty(), "{:?}", fc054(&t));

    // The writer types the other sign-off and commits it as Carl, unsigned: author email
    // alone proves nothing here.
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    git_commit(&t, CHECKER, None, "Verified (really the writer)");
    let found = fc054(&t);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("fifteen-micrograms") && found[0].contains("is not signed"),
        "{found:?}"
    );

    // Signed with the writer's own key, as Carl: a key Carl does not list.
    git_reset_last(&t);
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    git_commit(
        &t,
        CHECKER,
        Some(&wendy_key),
        "Verified (signed by the writer)",
    );
    let found = fc054(&t);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("not in their `signing-keys`"),
        "{found:?}"
    );
}

/// Drops the last commit (keeping the index and files as they were before it).
fn git_reset_last(t: &TestRepo) {
    let head = t.repo.head().unwrap().peel_to_commit().unwrap();
    let parent = head.parent(0).unwrap();
    t.repo
        .reset(parent.as_object(), git2::ResetType::Hard, None)
        .unwrap();
}

/// Under `signatures: required`, what only an editor may do must be proven by the editor's
/// key too: a policy change committed as the editor but unsigned (or signed by the writer) is
/// FC056; the editor's own signed commit passes.
#[test]
fn editors_changes_need_the_editors_signature() {
    if !signing_tools() {
        return;
    }
    let keys = tempfile::tempdir().unwrap();
    let (ed_key, ed_pub) = keygen(keys.path(), "ed");
    let (wendy_key, _) = keygen(keys.path(), "wendy");
    let t = newsroom_with(&[], "provenance:\n  signatures: required\n");
    t.edit(
        "factcheck.yaml",
        "    roles: [editor]\n",
        &format!("    roles: [editor]\n    signing-keys:\n      - {ed_pub}\n"),
    );
    git_commit(&t, EDITOR, None, "Newsroom");
    let base = t.head().to_string();
    let gate = ["check", "--changed-since", &base, "--format", "json"];
    let policy = |t: &TestRepo| {
        let doc = t.run_as(Some(EDITOR), &gate).json();
        doc.with("FC056")
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
    };
    t.edit("factcheck.yaml", "workflow: standard", "workflow: light");
    for (key, why) in [
        (None, "is not signed"),
        (Some(wendy_key.as_path()), "not in their `signing-keys`"),
    ] {
        git_commit(&t, EDITOR, key, "Lighter workflow");
        let found = policy(&t);
        assert!(found.len() == 1 && found[0].contains(why), "{found:?}");
        git_reset_last(&t);
        t.edit("factcheck.yaml", "workflow: standard", "workflow: light");
    }
    git_commit(&t, EDITOR, Some(&ed_key), "Lighter workflow, signed");
    assert!(policy(&t).is_empty(), "{:?}", policy(&t));
}

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
/// with `signatures: required` named as the defence. The variant: an article
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
