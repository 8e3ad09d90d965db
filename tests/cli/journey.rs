//! The user journeys: writer → fact-checker → editor → publish → correct, and the boundary
//! between edits that make sign-offs stale and edits that do not.

use crate::support::*;

#[test]
fn init_writes_config_and_refuses_to_overwrite() {
    let t = TestRepo::empty();
    t.ok(WRITER, &["init", "--workflow", "health"]);
    let config = t.read("factcheck.yaml");
    assert!(config.contains("workflow: health"), "{config}");
    assert!(config.contains(WRITER), "{config}");
    assert!(t.read(".gitignore").contains(".factcheck.lock"));
    let r = t.expect(WRITER, &["init", "--workflow", "light"], 2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        t.read("factcheck.yaml"),
        config,
        "refused init changed the file"
    );
    t.ok(WRITER, &["init", "--workflow", "light", "--force"]);
    assert!(t.read("factcheck.yaml").contains("workflow: light"));
}

#[test]
fn draft_to_publication_and_correction() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let sidecar = t.read(S);
    assert!(
        sidecar.contains(&format!("authors:\n- {WRITER}")),
        "{sidecar}"
    );

    let list = t.ok(WRITER, &["claim", "list", A]).stdout;
    assert!(
        list.contains("absorb-calcium") && list.contains("anchored") && list.contains("9:1"),
        "{list}"
    );

    t.ok(WRITER, &["submit", A]);
    assert!(t.read(S).contains("stage: submitted"));

    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC010", "FC010", "FC032"]);

    t.ok(
        CHECKER,
        &[
            "verify",
            A,
            "absorb-calcium",
            "--note",
            "NIH ODS: helps absorb calcium",
        ],
    );
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC032"]);
    let r = t.expect(EDITOR, &["publish", A], 1);
    assert!(r.stdout.contains("error[FC032]"), "{}", r.stdout);
    assert!(
        t.read(S).contains("stage: submitted"),
        "a blocked publish changed the stage"
    );

    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    let doc = t.check(0);
    assert!(doc.passed);
    assert_eq!(doc.articles[0].publishable, 2);

    t.ok(EDITOR, &["publish", A]);
    let sidecar = t.read(S);
    assert!(
        sidecar.contains("stage: published")
            && sidecar.contains("publication:\n  by: ed@example.org"),
        "{sidecar}"
    );
    t.check(0);

    // Editing a published article needs a correction record, and the editor's sign-off again.
    t.edit(A, "Some people say", "Many people say");
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC033", "FC040"]);
    t.ok(
        EDITOR,
        &["correct", A, "--note", "Clarified who dislikes fish oil."],
    );
    assert_eq!(t.check(1).codes(), ["FC033"]);
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.check(0);
    let status = t.ok(EDITOR, &["status"]).stdout;
    assert!(
        status.contains("articles/vitamin-d.md")
            && status.contains("published")
            && status.contains("2/2"),
        "{status}"
    );
}

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

#[test]
fn a_word_changed_inside_a_claim_makes_its_signoffs_stale() {
    let t = TestRepo::newsroom("health");
    t.approved();
    t.check(0);
    t.edit(A, "absorb calcium", "take up calcium");
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC003", "FC031", "FC031", "FC033", "FC033"]);
    let stale = doc.with("FC031");
    assert_eq!((stale[0].line, stale[0].column), (9, 1));
    assert!(
        doc.with("FC003")[0]
            .message
            .contains("Vitamin D helps the body take up calcium")
    );
    // Re-verifying records the new words and makes the claim fresh again.
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.ok(DOCTOR, &["verify", A, "absorb-calcium"]);
    assert!(
        t.read(S)
            .contains("exact: Vitamin D helps the body take up calcium")
    );
    assert_eq!(t.check(1).codes(), ["FC033", "FC033"]);
}

#[test]
fn edits_next_to_a_claim_leave_it_fresh() {
    let t = TestRepo::newsroom("health");
    t.approved();
    // The very next character after the quote, the next sentence, and markup inside the claim.
    t.edit(A, "absorb calcium.", "absorb calcium!");
    t.edit(
        A,
        "15 micrograms of vitamin D a day.",
        "15 micrograms of vitamin D a day, says the NIH.",
    );
    t.edit(A, "helps the body", "helps *the body*");
    t.edit(A, "Some people say", "Some people claim");
    let doc = t.check(1);
    assert_eq!(
        doc.codes(),
        ["FC033", "FC033"],
        "only the article sign-offs are stale"
    );
}

#[test]
fn moving_a_claim_keeps_it_fresh() {
    let t = TestRepo::newsroom("light");
    t.approved();
    t.edit(
        A,
        "*By Wendy Writer*\n",
        "*By Wendy Writer*\n\nA new opening paragraph pushes everything down.\n",
    );
    t.check(0);
}

#[test]
fn captions_and_alt_text_are_claims_and_duplicates_take_an_occurrence() {
    let t = TestRepo::newsroom("light");
    t.write(A, "# T\n\nSleep matters a lot.\n\n![Sleep matters a lot.](x.png \"Adults need 7 hours.\")\n\nThe title in the front matter of a page is not claim text.\n");
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "cap",
            "--quote",
            "Adults need 7 hours",
        ],
    );
    let r = t.expect(
        WRITER,
        &["claim", "add", A, "--quote", "Sleep matters a lot"],
        2,
    );
    assert!(
        r.stderr.contains("occurs 2 times") && r.stderr.contains("--occurrence"),
        "{}",
        r.stderr
    );
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "alt",
            "--occurrence",
            "2",
            "--quote",
            "Sleep matters a lot",
        ],
    );
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "body",
            "--occurrence",
            "1",
            "--quote",
            "Sleep matters a lot",
        ],
    );
    let doc = t.check(1);
    assert_eq!(
        doc.codes().iter().filter(|c| c.starts_with("FC00")).count(),
        0,
        "{:?}",
        doc.codes()
    );
    let sidecar = t.read(S);
    let order: Vec<&str> = sidecar
        .lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .collect();
    assert_eq!(
        order,
        ["body", "alt", "cap"],
        "claims are kept in document order"
    );
}

#[test]
fn sidecar_layout_is_canonical_and_stable() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let before = t.read(S);
    assert!(before.starts_with("# factcheck sidecar"));
    let keys: Vec<&str> = before
        .lines()
        .filter(|l| !l.starts_with([' ', '-', '#']))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(keys, ["article", "authors", "stage", "claims", "sources"]);
    // A no-op through the tool (citing an already-cited source) rewrites the identical bytes.
    t.ok(WRITER, &["cite", A, "fifteen-micrograms", "nih-ods"]);
    assert_eq!(t.read(S), before);
}

#[test]
fn concurrent_writers_never_lose_an_update() {
    const N: usize = 16;
    let t = TestRepo::newsroom("light");
    let body: String = (0..N)
        .map(|i| format!("Fact number {i} is true.\n\n"))
        .collect();
    t.write(A, &format!("# Facts\n\n{body}"));
    t.ok(WRITER, &["track", A]);
    let children: Vec<_> = (0..N)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
                .current_dir(t.path())
                .env("FACTCHECK_NOW", NOW)
                .args([
                    "--as",
                    WRITER,
                    "claim",
                    "add",
                    A,
                    "--id",
                    &format!("fact-{i}"),
                    "--quote",
                    &format!("Fact number {i} is true"),
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let sidecar = t.read(S);
    for i in 0..N {
        assert!(
            sidecar.contains(&format!("- id: fact-{i}\n")),
            "lost fact-{i}:\n{sidecar}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(t.path().join("articles"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left behind");
}

#[test]
fn every_subcommand_has_help() {
    let t = TestRepo::empty();
    let top = t.run_as(None, &["--help"]);
    assert_eq!(top.code, 0);
    for cmd in [
        vec!["init"],
        vec!["track"],
        vec!["claim", "add"],
        vec!["claim", "list"],
        vec!["source", "add"],
        vec!["cite"],
        vec!["verify"],
        vec!["signoff"],
        vec!["submit"],
        vec!["status"],
        vec!["check"],
        vec!["publish"],
        vec!["correct"],
    ] {
        assert!(
            top.stdout.contains(&format!("  {} ", cmd[0])),
            "top-level help lacks {}",
            cmd[0]
        );
        let mut args = cmd.clone();
        args.push("--help");
        let r = t.run_as(None, &args);
        assert_eq!(r.code, 0, "{cmd:?}: {}", r.stderr);
        assert!(
            r.stdout.contains("Usage: factcheck"),
            "{cmd:?}: {}",
            r.stdout
        );
    }
    let bad = t.run_as(None, &["check", "--format", "yaml"]);
    assert_eq!(bad.code, 2, "usage errors exit 2");
}

#[test]
fn claim_list_json_and_verbose_check() {
    let t = TestRepo::newsroom("light");
    t.approved();
    let r = t.ok(EDITOR, &["claim", "list", A, "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "absorb-calcium");
    assert_eq!(
        (rows[0]["line"].as_u64(), rows[0]["status"].as_str()),
        (Some(9), Some("verified"))
    );
    // Track and verify the caption too, so nothing at all is reported.
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "caption",
            "--quote",
            "Sunlight helps the skin make vitamin D",
            "--source",
            "nih-ods",
        ],
    );
    t.ok(CHECKER, &["verify", A, "caption"]);
    // `-q`: the errors (none) and the summary line.
    let quiet = t.ok(EDITOR, &["-q", "check"]);
    assert_eq!(quiet.stdout.lines().count(), 1, "{}", quiet.stdout);
    assert!(quiet.stdout.starts_with("gate passed: 1 article checked"));
    let verbose = t.ok(EDITOR, &["-v", "check"]);
    assert!(
        verbose
            .stdout
            .starts_with("ok: articles/vitamin-d.md (light workflow, 3 claims)\n"),
        "{}",
        verbose.stdout
    );
}
