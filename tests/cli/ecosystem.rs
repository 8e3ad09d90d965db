//! Fitting the ecosystem (issue #9): JSON Schemas, completions, man page, front matter of
//! every generator, `explain`, colour switches.

use crate::support::*;

#[test]
fn committed_schemas_are_up_to_date() {
    let t = TestRepo::empty();
    for file in ["config", "workflow", "sidecar"] {
        let r = t.run_as(None, &["schema", file]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let path = format!("{}/schemas/{file}.schema.json", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == r.stdout,
            "{path} is out of date: run `cargo run -- schema {file} > schemas/{file}.schema.json`"
        );
        let schema: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert!(
            schema["$schema"]
                .as_str()
                .unwrap()
                .contains("json-schema.org")
        );
        assert!(schema["properties"].is_object(), "{file}");
    }
    let sidecar: serde_json::Value =
        serde_json::from_str(&t.run_as(None, &["schema", "sidecar"]).stdout).unwrap();
    let claims = &sidecar["properties"]["claims"];
    assert!(claims.is_object(), "{sidecar}");
}

#[test]
fn files_factcheck_writes_carry_the_schema_modeline() {
    let t = TestRepo::empty();
    t.ok(WRITER, &["init"]);
    assert!(t.read("factcheck.yaml").contains(
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/factcheck/factcheck/main/schemas/config.schema.json"
    ));
    t.write("articles/a.md", "# A\n\nText.\n");
    t.ok(WRITER, &["track", "articles/a.md"]);
    assert!(t.read("articles/a.claims.yaml").contains(
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/factcheck/factcheck/main/schemas/sidecar.schema.json"
    ));
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    let t = TestRepo::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = t.run_as(None, &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        for word in ["factcheck", "reanchor", "merge-driver", "changed-since"] {
            assert!(r.stdout.contains(word), "{shell} completion lacks {word}");
        }
    }
    let man = t.run_as(None, &["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH factcheck 1"));
    assert!(man.stdout.contains("diff") && man.stdout.contains("\\-\\-as"));
    let r = t.run_as(None, &["completions", "tcsh"]);
    assert_eq!(r.code, 2);
}

#[test]
fn help_is_wrapped_for_a_terminal() {
    // Long descriptions are wrapped (clap's `wrap_help`; 100 columns when the width is
    // unknown), not printed as one long line.
    let t = TestRepo::empty();
    for args in [&["--help"][..], &["diff", "--help"], &["check", "--help"]] {
        let r = t.run_as(None, args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let widest = r
            .stdout
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        assert!(
            widest <= 100,
            "{args:?}: a {widest}-column line\n{}",
            r.stdout
        );
    }
}

#[test]
fn every_code_has_an_explanation_and_every_help_line_points_to_it() {
    let t = TestRepo::empty();
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/codes.md")).unwrap();
    let codes: Vec<&str> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("| FC"))
        .map(|l| &l[..3])
        .collect();
    assert!(codes.len() >= 27);
    for n in &codes {
        let code = format!("FC{n}");
        let r = t.run_as(None, &["explain", &code]);
        assert_eq!(r.code, 0, "{code}: {}", r.stderr);
        assert!(r.stdout.starts_with(&code), "{}", r.stdout);
        assert!(
            r.stdout.lines().count() >= 4,
            "{code} explanation too short:\n{}",
            r.stdout
        );
    }
    let by_name = t.run_as(None, &["explain", "stale-claim-signoff"]);
    assert!(by_name.stdout.starts_with("FC031 stale-claim-signoff"));
    let r = t.run_as(None, &["explain", "FC999"]);
    assert_eq!(r.code, 2);

    let n = TestRepo::newsroom("standard");
    n.tracked();
    let human = n.expect(EDITOR, &["check"], 1).stdout;
    let helps: Vec<&str> = human.lines().filter(|l| l.contains("= help:")).collect();
    assert_eq!(helps.len(), 4, "three errors and the uncovered caption");
    assert!(
        helps.iter().all(|h| h.contains("factcheck explain FC0")),
        "{human}"
    );
}

const BODY: &str = "\n# Vitamin D\n\nMost adults need 15 micrograms of vitamin D a day.\n";

#[test]
fn front_matter_of_every_generator_is_not_claim_text() {
    let kinds = [
        (
            "yaml.md",
            "---\ntitle: Yaml title\nauthor: Ann\ndate: 2026-11-01\nsummary: Secret words here\n---\n",
        ),
        (
            "toml.md",
            "+++\ntitle = \"Toml title\"\nauthors = [\"Bo\"]\ndate = 2026-11-02\nsummary = \"Secret words here\"\n+++\n",
        ),
        (
            "json.md",
            "{\n  \"title\": \"Json title\",\n  \"author\": \"Cy\",\n  \"date\": \"2026-11-03\",\n  \"summary\": \"Secret words here\"\n}\n",
        ),
    ];
    let t = TestRepo::newsroom("light");
    for (name, fm) in kinds {
        let a = format!("articles/{name}");
        t.write(&a, &format!("{fm}{BODY}"));
        t.ok(WRITER, &["track", &a]);
        let r = t.expect(
            WRITER,
            &["claim", "add", &a, "--quote", "Secret words here"],
            2,
        );
        assert!(r.stderr.contains("not in"), "{name}: {}", r.stderr);
        t.ok(
            WRITER,
            &[
                "claim",
                "add",
                &a,
                "--quote",
                "Most adults need 15 micrograms",
            ],
        );
        let list = t
            .ok(WRITER, &["claim", "list", &a, "--format", "json"])
            .stdout;
        let rows: serde_json::Value = serde_json::from_str(&list).unwrap();
        let line = fm.lines().count() + 4;
        assert_eq!(rows[0]["line"], line, "{name}: {list}");
    }
    let doc = t.check(1);
    let meta: Vec<(String, String, String)> = doc
        .articles
        .iter()
        .filter(|a| a.article != A)
        .map(|a| {
            (
                a.title.clone().unwrap_or_default(),
                a.author.clone().unwrap_or_default(),
                a.date.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        meta,
        [
            ("Json title".into(), "Cy".into(), "2026-11-03".into()),
            ("Toml title".into(), "Bo".into(), "2026-11-02".into()),
            ("Yaml title".into(), "Ann".into(), "2026-11-01".into()),
        ]
    );
    let status = t.ok(EDITOR, &["status"]).stdout;
    assert!(status.contains("Toml title"), "{status}");
}

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
    for args in [
        &["claim", "list", A, "--format", "sarif"][..],
        &["claim", "suggest", A, "--format", "junit"],
        &["status", "--format", "github"],
        &["diff", A, "--format", "sarif"],
        &["log", A, "--format", "junit"],
    ] {
        let r = t.expect(EDITOR, args, 2);
        assert!(
            r.stderr.contains("invalid value")
                && r.stderr.contains("[possible values: human, json]"),
            "{args:?}: {}",
            r.stderr
        );
    }
    for format in ["human", "json", "github", "sarif", "junit"] {
        t.expect(EDITOR, &["check", "--format", format], 1);
    }
}
