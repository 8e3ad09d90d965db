//! `people add|edit|rm`, and who is acting: `--as`, git's `user.email`, `FACTCHECK_USER`. An
//! editor changes the roster and every comment in `factcheck.yaml` stays; only editors change
//! it, and it always keeps an editor.

use crate::support::*;

#[test]
fn identity_comes_from_git_config() {
    let t = TestRepo::newsroom("standard");
    t.repo
        .config()
        .unwrap()
        .set_str("user.email", WRITER)
        .unwrap();
    let r = t.run_as(None, &["track", A]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.read(S).contains(WRITER));
}

#[test]
fn factcheck_user_env_is_an_identity() {
    let t = TestRepo::newsroom("standard");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .current_dir(t.path())
        .env("FACTCHECK_USER", WRITER)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", t.path())
        .args(["track", A])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(t.read(S).contains(WRITER));
}

/// A `factcheck.yaml` written by a person: comments, blank lines, a block-style list.
const ROSTER: &str = "# Our newsroom's policy. Questions: ed@example.org\nworkflow: standard   # news\narticles: [\"articles/**/*.md\"]\n\npeople:\n  # the desk\n  - email: wendy@example.org\n    name: Wendy Writer\n    roles: [writer]   # since 2024\n  - email: carl@example.org\n    roles: [fact-checker]\n\n  # editors\n  - email: ed@example.org\n    roles:\n      - editor\n# end of policy\n";

#[test]
fn an_editor_changes_the_roster_and_every_comment_stays() {
    let t = TestRepo::newsroom("standard");
    t.write("factcheck.yaml", ROSTER);
    // Each change says what it did; a change to the roster is a policy change (FC056), and a
    // removal says whose sign-offs no longer count (FC035).
    let add = t.ok(
        EDITOR,
        &[
            "people",
            "add",
            "nia@example.org",
            "--role",
            "fact-checker",
            "--name",
            "Nia: new",
        ],
    );
    let added = ROSTER.replace(
        "      - editor\n",
        "      - editor\n  - email: nia@example.org\n    name: \"Nia: new\"\n    roles: [fact-checker]\n",
    );
    assert_eq!(t.read("factcheck.yaml"), added);
    // The new fact-checker can act at once.
    t.tracked();
    t.ok("nia@example.org", &["verify", A, "absorb-calcium"]);

    let edit = t.ok(
        EDITOR,
        &[
            "people",
            "edit",
            WRITER,
            "--add-role",
            "editor",
            "--name",
            "",
        ],
    );
    let edited = added.replace("    name: Wendy Writer\n", "").replace(
        "roles: [writer]   # since 2024",
        "roles: [writer, editor]   # since 2024",
    );
    assert_eq!(t.read("factcheck.yaml"), edited);

    let rm = t.ok(EDITOR, &["people", "rm", "nia@example.org"]);
    assert_eq!(
        t.read("factcheck.yaml"),
        ROSTER.replace("    name: Wendy Writer\n", "").replace(
            "roles: [writer]   # since 2024",
            "roles: [writer, editor]   # since 2024"
        )
    );
    assert_eq!(t.check(1).with("FC035").len(), 1);
    snap!(transcripts([&add, &edit, &rm]));
}

/// An address holding a control character (ESC, a line break) or a bidirectional control is
/// no address: `people add` refuses it, `people edit` cannot find it, and nothing is written.
#[test]
fn people_add_refuses_an_address_with_control_characters() {
    let t = TestRepo::newsroom("standard");
    t.write("factcheck.yaml", ROSTER);
    let shown: Vec<Run> = ["bob\u{1b}@x.org", "bob@x.org\n", "bob\u{202e}gro.x@"]
        .into_iter()
        .map(|email| refused(&t, EDITOR, &["people", "add", email, "--role", "writer"]))
        .collect();
    for r in &shown {
        assert!(r.stderr.contains("is not an email address"), "{}", r.stderr);
    }
    snap!(transcripts(&shown));
}

#[test]
fn only_editors_change_the_roster_and_it_keeps_an_editor() {
    let t = TestRepo::newsroom("standard");
    t.write("factcheck.yaml", ROSTER);
    let people = |rest: &[&'static str]| [&["people"][..], rest].concat();
    let mut shown = vec![
        refused(
            &t,
            WRITER,
            &people(&["add", "nia@example.org", "--role", "writer"]),
        ),
        refused(
            &t,
            EDITOR,
            &people(&["add", "nia@example.org", "--role", "fact-checkr"]),
        ),
        refused(&t, EDITOR, &people(&["add", "nia", "--role", "writer"])),
        refused(&t, EDITOR, &people(&["add", CHECKER, "--role", "writer"])),
        refused(
            &t,
            EDITOR,
            &people(&[
                "add",
                "nia@example.org",
                "--role",
                "writer",
                "--signing-key",
                "ssh-rsa nope",
            ]),
        ),
        refused(&t, EDITOR, &people(&["edit", CHECKER])),
        refused(&t, EDITOR, &people(&["rm", "carl@example.com"])),
        refused(&t, EDITOR, &people(&["rm", EDITOR])),
        refused(
            &t,
            EDITOR,
            &people(&["edit", EDITOR, "--drop-role", "editor"]),
        ),
    ];
    t.write(
        "factcheck.yaml",
        &format!("workflow: standard\npeople: [{{email: {EDITOR}, roles: [editor]}}]\n"),
    );
    shown.push(refused(
        &t,
        EDITOR,
        &people(&["add", "nia@example.org", "--role", "writer"]),
    ));
    snap!(transcripts(&shown));
}
