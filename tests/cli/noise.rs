//! Everyday noise and honesty (issue #18, items 3, 5 and 7), as a newsroom meets them: the
//! tool refuses to record anything outside git, a 40-link post does not bury its errors, `-q`
//! keeps only what blocks, and one finding is turned off in `factcheck.yaml` without copying a
//! workflow.

use crate::support::*;

/// The newsroom with its git repository removed: a plain folder.
fn outside_git() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    std::fs::remove_dir_all(t.path().join(".git")).unwrap();
    t
}

#[test]
fn nothing_is_recorded_outside_a_git_work_tree() {
    let t = outside_git();
    for args in [
        vec!["track", A],
        vec![
            "claim",
            "add",
            A,
            "--quote",
            "Vitamin D helps the body absorb calcium",
        ],
        vec![
            "source",
            "add",
            A,
            "--url",
            "https://ods.od.nih.gov/",
            "--kind",
            "government",
        ],
        vec!["verify", A, "x"],
        vec!["signoff", A, "--role", "editor"],
        vec!["publish", A],
    ] {
        let r = t.expect(EDITOR, &args, 2);
        assert!(
            r.stderr.contains("is not in a git work tree"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("git init"), "{}", r.stderr);
    }
    assert!(
        !t.path().join(S).exists(),
        "a sidecar was written outside git"
    );
    // Reading works: the gate says what it sees.
    let r = t.expect(EDITOR, &["check"], 1);
    assert!(r.stdout.contains("FC004"), "{}", r.stdout);
}

#[test]
fn init_outside_git_says_git_init_comes_first() {
    let t = outside_git();
    std::fs::remove_file(t.path().join("factcheck.yaml")).unwrap();
    let r = t.expect(EDITOR, &["init"], 2);
    assert!(r.stderr.contains("git init"), "{}", r.stderr);
    assert!(!t.path().join("factcheck.yaml").exists());
    // After `git init` it works, from the root or a folder inside.
    git2::Repository::init(t.path()).unwrap();
    t.ok(EDITOR, &["init"]);
    assert!(t.read("factcheck.yaml").contains("workflow: standard"));
}

/// An article with `n` links to pages nobody registered as sources, and one claim without a
/// source (an error).
fn many_links(t: &TestRepo, n: usize) {
    let links: String = (0..n)
        .map(|i| format!("See [page {i}](https://example.org/p{i}).\n\n"))
        .collect();
    t.write(
        A,
        &format!("# Vitamin D\n\nMost adults need 15 micrograms of vitamin D a day.\n\n{links}"),
    );
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--quote",
            "Most adults need 15 micrograms of vitamin D a day",
        ],
    );
}

#[test]
fn errors_come_first_and_runs_of_one_warning_fold_into_one_line() {
    let t = TestRepo::newsroom("standard");
    many_links(&t, 12);
    let r = t.expect(EDITOR, &["check"], 1);
    let heads: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .collect();
    let first_warning = heads.iter().position(|l| l.starts_with("warning")).unwrap();
    assert!(
        heads[..first_warning]
            .iter()
            .all(|l| l.starts_with("error")),
        "errors first: {heads:#?}"
    );
    assert!(
        heads[first_warning..]
            .iter()
            .all(|l| l.starts_with("warning"))
    );
    // Three shown, nine folded into one line naming the command that lists them.
    let shown = heads
        .iter()
        .filter(|l| l.starts_with("warning[FC071]: the article links"))
        .count();
    assert_eq!(shown, 3, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("warning[FC071]: 9 more unregistered-link warnings in articles/vitamin-d.md"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("factcheck check articles/vitamin-d.md --only FC071")
    );
    // The summary still counts every finding.
    let summary = r.stdout.lines().last().unwrap();
    assert!(summary.contains("12 warnings"), "{summary}");

    // The command the fold names lists all twelve and nothing else; the exit code is the gate's.
    let all = t.expect(EDITOR, &["check", A, "--only", "FC071"], 1);
    let listed = all
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning[FC071]: the article links"))
        .count();
    assert_eq!(listed, 12, "{}", all.stdout);
    assert!(!all.stdout.contains("error["), "{}", all.stdout);
    assert!(all.stdout.lines().last().unwrap().contains("gate failed"));
    // `-v` unfolds too; machine formats never fold.
    let verbose = t.expect(EDITOR, &["-v", "check"], 1);
    assert!(
        !verbose.stdout.contains("more unregistered-link"),
        "{}",
        verbose.stdout
    );
    assert_eq!(t.check(1).with("FC071").len(), 12);
    // A code that does not exist is a usage error.
    let r = t.expect(EDITOR, &["check", "--only", "FC999"], 2);
    assert!(r.stderr.contains("not a finding code"), "{}", r.stderr);
}

#[test]
fn quiet_prints_the_errors_and_the_summary_line_only() {
    let t = TestRepo::newsroom("standard");
    many_links(&t, 5);
    let r = t.expect(EDITOR, &["-q", "check"], 1);
    assert!(r.stdout.contains("error[FC020]"), "{}", r.stdout);
    assert!(!r.stdout.contains("warning["), "{}", r.stdout);
    let summary = r.stdout.lines().last().unwrap();
    assert!(
        summary.starts_with("gate failed: 1 article checked"),
        "{summary}"
    );
    assert!(summary.contains("5 warnings"), "{summary}");
}

#[test]
fn factcheck_yaml_overrides_one_severity_without_a_workflow_file() {
    let t = TestRepo::newsroom("standard");
    many_links(&t, 4);
    let config = t.read("factcheck.yaml");
    t.write(
        "factcheck.yaml",
        &format!("{config}severity:\n  unregistered-link: off   # our links are navigation\n  FC025: error\n"),
    );
    let doc = t.check(1);
    assert!(doc.with("FC071").is_empty(), "{:?}", doc.codes());
    // The rest of the built-in workflow still holds.
    assert!(!doc.with("FC020").is_empty());
    // Turned up: an unused source now blocks.
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--url",
            "https://ods.od.nih.gov/",
            "--kind",
            "government",
        ],
    );
    let unused = t.check(1);
    let f = unused.with("FC025");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, "error");

    // A typo is an error at its line and column, with a suggestion.
    t.write(
        "factcheck.yaml",
        &format!("{config}severity:\n  unregistred-link: off\n"),
    );
    let r = t.expect(EDITOR, &["check"], 2);
    assert!(r.stderr.contains("factcheck.yaml:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("did you mean `unregistered-link`?"),
        "{}",
        r.stderr
    );
    // An invalid file can never be relaxed.
    t.write(
        "factcheck.yaml",
        &format!("{config}severity:\n  FC090: off\n"),
    );
    let r = t.expect(EDITOR, &["check"], 2);
    assert!(r.stderr.contains("cannot be relaxed"), "{}", r.stderr);
}

#[test]
fn a_writer_turning_a_finding_off_on_a_branch_is_a_policy_change() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(EDITOR, "newsroom");
    let base = t.head().to_string();
    let config = t.read("factcheck.yaml");
    t.write(
        "factcheck.yaml",
        &format!("{config}severity:\n  status-not-publishable: off\n"),
    );
    t.commit(WRITER, "quiet the gate");
    let r = t.expect(
        EDITOR,
        &["check", "--changed-since", &base, "--format", "json"],
        1,
    );
    let doc = r.json();
    assert!(!doc.with("FC056").is_empty(), "{:?}", doc.codes());
    // Judged by the base's policy: the unverified claims still block.
    assert!(!doc.with("FC010").is_empty(), "{:?}", doc.codes());
}

#[test]
fn status_names_untracked_articles_by_title_and_says_where_the_dashboard_went() {
    let t = TestRepo::newsroom("standard");
    let long = "A very long title about vitamin D that goes well past fifty characters in all";
    t.edit(A, "title: Vitamin D basics", &format!("title: {long}"));
    let r = t.ok(EDITOR, &["status"]);
    let row = r.stdout.lines().find(|l| l.starts_with(A)).unwrap();
    assert!(row.contains("untracked"), "{row}");
    assert!(row.ends_with(long), "{row}");
    let r = t.ok(EDITOR, &["status", "--html", "desk.html"]);
    assert!(r.stderr.contains("wrote desk.html"), "{}", r.stderr);
    assert!(t.path().join("desk.html").is_file());
}

/// Runs factcheck as `who` under umask `mask` (through `sh`, which sets it for the child).
#[cfg(unix)]
fn under_umask(t: &TestRepo, mask: &str, who: &str, args: &[&str]) {
    let base = t.cmd();
    let mut sh = std::process::Command::new("sh");
    sh.current_dir(t.path());
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    let status = sh
        .arg("-c")
        .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
        .arg(base.get_program())
        .args(["--as", who])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "{args:?}");
}

#[cfg(unix)]
#[test]
fn new_files_follow_the_umask_so_a_web_server_can_serve_them() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |t: &TestRepo, rel: &str| {
        std::fs::metadata(t.path().join(rel))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    let t = TestRepo::newsroom("light");
    std::fs::remove_file(t.path().join("factcheck.yaml")).unwrap();
    under_umask(&t, "022", EDITOR, &["init", "--workflow", "light"]);
    under_umask(&t, "022", EDITOR, &["track", A]);
    under_umask(&t, "022", EDITOR, &["status", "--html", "desk.html"]);
    for rel in ["factcheck.yaml", S, "desk.html", ".gitattributes"] {
        assert_eq!(mode(&t, rel), 0o644, "{rel}");
    }
    // A stricter umask is kept too, and a rewrite keeps the file's own mode.
    under_umask(&t, "027", EDITOR, &["report", A, "--html", "report.html"]);
    assert_eq!(mode(&t, "report.html"), 0o640);
    under_umask(
        &t,
        "077",
        EDITOR,
        &[
            "claim",
            "add",
            A,
            "--quote",
            "Vitamin D helps the body absorb calcium",
        ],
    );
    assert_eq!(mode(&t, S), 0o644);
}

/// Runs factcheck with stdout read by someone who stops after the first line, as
/// `factcheck … | head -1` does: (exit code, stderr).
fn first_line_only(t: &TestRepo, args: &[&str]) -> (i32, String) {
    use std::io::{BufRead, Read};
    let mut child = t
        .cmd()
        .args(["--as", EDITOR])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty());
    // The reader is gone; whatever factcheck writes next meets a closed pipe.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), stderr)
}

#[test]
fn a_reader_that_stops_early_ends_output_quietly_with_the_usual_exit_code() {
    let t = TestRepo::newsroom("standard");
    // Far more output than a pipe holds (64 KiB).
    many_links(&t, 1500);
    for args in [
        vec!["-v", "check"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "sarif"],
        vec!["check", "--format", "github"],
        vec!["schema", "sidecar"],
        vec!["man"],
    ] {
        let (code, stderr) = first_line_only(&t, &args);
        let usual = if args.contains(&"check") { 1 } else { 0 };
        assert_eq!(code, usual, "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
    }
}

/// `factcheck … 2>&1 | head -1`: stdout and stderr are one pipe, and the reader is gone after
/// a line, so whatever goes to either stream next meets a closed pipe. Neither may panic
/// (exit 101): the exit code stays the one the command has when its output is read whole.
#[test]
fn both_streams_into_a_reader_that_stops_early_never_panic() {
    let t = TestRepo::newsroom("standard");
    many_links(&t, 1500);
    // An article whose sidecar is broken: `check` and `status` name it on stderr at the end.
    t.write("articles/broken.md", "# Broken\n\nText.\n");
    t.write("articles/broken.claims.yaml", "claims: [\n");
    let bin = env!("CARGO_BIN_EXE_factcheck");
    for args in [
        "-v check",
        "status",
        "check --format json",
        "check --format sarif",
    ] {
        let through = |tail: &str| {
            let script = format!("'{bin}' --as {EDITOR} {args} {tail}; exit ${{PIPESTATUS[0]}}");
            let mut bash = std::process::Command::new("bash");
            for (k, v) in t.cmd().get_envs() {
                match v {
                    Some(v) => bash.env(k, v),
                    None => bash.env_remove(k),
                };
            }
            let status = bash.current_dir(t.path()).args(["-c", &script]).status();
            status.unwrap().code()
        };
        let usual = through(">/dev/null 2>&1");
        assert!(matches!(usual, Some(0..=2)), "{args}: {usual:?}");
        for _ in 0..5 {
            assert_eq!(through("2>&1 | head -1 >/dev/null"), usual, "{args}");
        }
    }
}
