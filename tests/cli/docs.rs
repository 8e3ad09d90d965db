//! `explain`, `schema`, `man`, `completions` and `--help`: the committed JSON Schemas are current,
//! completions and the man page come from the clap definitions, every subcommand has help
//! wrapped for a terminal, and every finding code has an explanation that each help line
//! points to.

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
fn every_subcommand_has_help() {
    let t = TestRepo::empty();
    let top = t.run_as(None, &["--help"]);
    assert_eq!(top.code, 0);
    // Each is listed in the top-level help (in the snapshots module's `help_top_level`), and
    // has its own usage and options.
    let mut helps = Vec::new();
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
        let listed = top
            .stdout
            .lines()
            .any(|l| l.starts_with(&format!("  {} ", cmd[0])));
        assert!(listed, "top-level help lacks {}", cmd[0]);
        let mut args = cmd.clone();
        args.push("--help");
        helps.push(transcript(&t, None, &args));
    }
    snap!(helps.join("\n"));
    let bad = t.run_as(None, &["check", "--format", "yaml"]);
    assert_eq!(bad.code, 2, "usage errors exit 2");
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
