//! What every command shares: colour only when asked or on a terminal, the `--format` values
//! each accepts, a reader that stops early (`| head -1`) ends the output quietly with the usual
//! exit code, and new files follow the umask.

use crate::support::*;

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let run_with = |args: &[&str], no_color: bool, force: bool| {
        let mut cmd = t.cmd();
        cmd.env_remove("CLICOLOR").env_remove("CLICOLOR_FORCE");
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        if force {
            cmd.env("CLICOLOR_FORCE", "1");
        }
        let out = cmd.arg("--as").arg(EDITOR).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let run = |args: &[&str], no_color: bool| run_with(args, no_color, false);
    // Piped (not a terminal): no escape codes, with or without NO_COLOR.
    for no_color in [false, true] {
        for args in [
            &["check"][..],
            &["status"],
            &["diff", A],
            &["claim", "list", A],
        ] {
            assert!(!run(args, no_color).contains('\x1b'), "{args:?}");
        }
    }
    assert!(!run(&["--color", "never", "check"], false).contains('\x1b'));
    assert!(run(&["--color", "always", "check"], true).contains("\x1b["));
    assert!(run(&["--color", "always", "status"], true).contains("\x1b["));
    // CLICOLOR_FORCE colours a pipe, unless NO_COLOR or `--color never` says otherwise.
    assert!(run_with(&["check"], false, true).contains("\x1b["));
    assert!(!run_with(&["check"], true, true).contains('\x1b'));
    assert!(!run_with(&["--color", "never", "check"], false, true).contains('\x1b'));
}

#[test]
fn each_command_accepts_only_its_own_formats() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    // Each refusal is clap's usage error, naming the values the command takes.
    let mut shown = Vec::new();
    for args in [
        &["claim", "list", A, "--format", "sarif"][..],
        &["claim", "suggest", A, "--format", "junit"],
        &["status", "--format", "github"],
        &["diff", A, "--format", "sarif"],
        &["log", A, "--format", "junit"],
    ] {
        shown.push(t.expect(EDITOR, args, 2));
    }
    snap!(transcripts(&shown));
    for format in ["human", "json", "github", "sarif", "junit"] {
        t.expect(EDITOR, &["check", "--format", format], 1);
    }
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
