//! The CI gate (SPEC §5 Trust, §7, §8): machine formats parsed with real parsers,
//! `--changed-since`, and `--provenance` against forged and self-granted sign-offs.

use serde::Deserialize;

use crate::support::*;

/// A newsroom whose article is blocked (claims unverified), committed.
fn blocked() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(WRITER, "Draft");
    t
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let t = blocked();
    // A claim id cannot carry markup, but a message quoting the article can: put a newline-ish
    // payload and a command lookalike in the text.
    let r = t.expect(EDITOR, &["check", "--format", "github"], 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let errors: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(errors.len(), 3, "{}", r.stdout);
    for line in &errors {
        // ::error file=F,line=L,col=C,title=T::message
        let rest = line.strip_prefix("::error ").unwrap();
        let (props, message) = rest.split_once("::").expect("properties::message");
        let props: Vec<(&str, &str)> = props
            .split(',')
            .map(|kv| kv.split_once('=').expect("key=value"))
            .collect();
        let keys: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["file", "line", "col", "title"]);
        assert!(props[1].1.parse::<usize>().is_ok() && props[2].1.parse::<usize>().is_ok());
        assert!(props[3].1.starts_with("FC0"), "{line}");
        assert!(!message.contains('\n'));
    }
    assert!(errors[0].contains("file=articles/vitamin-d.md,line=9,col=1,title=FC010 status-not-publishable::claim `absorb-calcium` is unverified"), "{}", errors[0]);
    assert!(
        errors[0].contains("%0Ahelp: a fact-checker verifies it"),
        "{}",
        errors[0]
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("::notice title=factcheck::1 article checked, 1 blocked")
    );
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sarif {
    #[serde(rename = "$schema")]
    schema: String,
    version: String,
    runs: Vec<SarifRun>,
}

#[derive(Deserialize)]
struct SarifRun {
    tool: SarifTool,
    results: Vec<SarifResult>,
}

#[derive(Deserialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver {
    name: String,
    rules: Vec<SarifRule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: String,
    name: String,
    short_description: SarifText,
    help: SarifText,
    default_configuration: SarifConfig,
}

#[derive(Deserialize)]
struct SarifText {
    text: String,
}

#[derive(Deserialize)]
struct SarifConfig {
    level: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: String,
    message: SarifText,
    locations: Vec<SarifLocation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: SarifPhysical,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    region: SarifRegion,
}

#[derive(Deserialize)]
struct SarifArtifact {
    uri: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_column: usize,
}

#[test]
fn sarif_is_2_1_0_with_a_documented_rule_per_code() {
    let t = blocked();
    let r = t.expect(EDITOR, &["check", "--format", "sarif"], 1);
    let log: Sarif = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(log.version, "2.1.0");
    assert!(log.schema.contains("sarif-2.1.0"));
    let run = &log.runs[0];
    assert_eq!(run.tool.driver.name, "factcheck");
    let rules = &run.tool.driver.rules;
    assert!(rules.len() >= 26);
    for rule in rules {
        assert!(rule.id.starts_with("FC") && !rule.name.is_empty());
        assert!(!rule.short_description.text.is_empty(), "{}", rule.id);
        assert!(
            rule.help.text.contains("**Fix:**") || rule.help.text.len() > 60,
            "{}",
            rule.id
        );
        assert!(["error", "warning"].contains(&rule.default_configuration.level.as_str()));
    }
    let errors: Vec<_> = run.results.iter().filter(|r| r.level == "error").collect();
    assert_eq!(errors.len(), 3);
    assert!(
        run.results
            .iter()
            .any(|r| r.rule_id == "FC070" && r.level == "warning")
    );
    let first = &run.results[0];
    assert_eq!(first.rule_id, "FC010");
    assert_eq!(rules[first.rule_index].id, "FC010");
    assert_eq!(first.level, "error");
    assert!(first.message.text.contains("absorb-calcium"));
    let loc = &first.locations[0].physical_location;
    assert_eq!(loc.artifact_location.uri, A);
    assert_eq!((loc.region.start_line, loc.region.start_column), (9, 1));
    assert!(loc.region.end_column > loc.region.start_column);
}

#[test]
fn junit_has_a_test_case_per_article() {
    let t = blocked();
    t.write("articles/other.md", "# Other\n\nNo claims here.\n");
    t.ok(WRITER, &["track", "articles/other.md"]);
    t.write("articles/a<b>&.md", "# Odd name\n");
    let r = t.expect(EDITOR, &["check", "--format", "junit"], 1);
    let doc = roxmltree::Document::parse(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout));
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    assert_eq!(suites.attribute("tests"), Some("3"));
    // The untracked article fails too: FC004 blocks in the standard workflow.
    assert_eq!(suites.attribute("failures"), Some("3"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
    assert_eq!(names, ["articles/a<b>&.md", "articles/other.md", A]);
    let failure = cases[2]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("the blocked article fails");
    assert_eq!(failure.attribute("type"), Some("FC010"));
    assert!(
        failure
            .attribute("message")
            .unwrap()
            .starts_with("3 blocking findings")
    );
    assert!(
        failure
            .text()
            .unwrap()
            .contains("articles/vitamin-d.md:9:1: error[FC010]")
    );
    // The untracked article fails (FC004 blocks in `standard`); warnings go to system-out.
    let untracked = cases[0]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("an untracked article fails");
    assert_eq!(untracked.attribute("type"), Some("FC004"));
    let out = cases[2]
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .unwrap();
    assert!(out.text().unwrap().contains("warning[FC070]"));
    // The tracked article without claims still needs its editor's sign-off.
    let other = cases[1]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(other.attribute("type"), Some("FC032"));
}

#[test]
fn changed_since_checks_only_what_changed() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.write("articles/broken.md", "# Broken\n\nA sentence.\n");
    t.ok(WRITER, &["track", "articles/broken.md"]);
    t.commit(WRITER, "Two articles, one blocked");
    let base = t.head().to_string();

    // Nothing changed: nothing to check, gate passes even though broken.md is blocked.
    let doc = t
        .expect(
            EDITOR,
            &["check", "--changed-since", &base, "--format", "json"],
            0,
        )
        .json();
    assert_eq!(doc.summary.articles, 0);

    // The approved article changes (fresh claims, stale editor sign-off): only it is checked.
    t.edit(A, "tastes awful", "tastes bad");
    let doc = t
        .expect(
            EDITOR,
            &["check", "--changed-since", &base, "--format", "json"],
            1,
        )
        .json();
    let checked: Vec<&str> = doc.articles.iter().map(|a| a.article.as_str()).collect();
    assert_eq!(checked, [A]);

    // A sidecar change counts for its article.
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.edit(
        "articles/broken.claims.yaml",
        "stage: draft",
        "stage: submitted",
    );
    let doc = t
        .expect(
            EDITOR,
            &["check", "--changed-since", &base, "--format", "json"],
            1,
        )
        .json();
    let checked: Vec<&str> = doc.articles.iter().map(|a| a.article.as_str()).collect();
    assert_eq!(checked, ["articles/broken.md", A]);
    assert!(
        !doc.articles[1]
            .findings
            .iter()
            .any(|f| f.severity == "error")
    );

    // A config change re-checks everything, under the base's policy, and is itself a
    // finding until an editor commits it.
    t.edit(
        "articles/broken.claims.yaml",
        "stage: submitted",
        "stage: draft",
    );
    t.commit(EDITOR, "Signed");
    let head = t.head().to_string();
    t.edit(
        "factcheck.yaml",
        "roles: [editor]",
        "roles: [editor, writer]",
    );
    let gate = ["check", "--changed-since", &head, "--format", "json"];
    let doc = t.expect(EDITOR, &gate, 1).json();
    let checked: Vec<&str> = doc.articles.iter().map(|a| a.article.as_str()).collect();
    assert_eq!(checked, ["articles/broken.md", A, "factcheck.yaml"]);
    let policy = doc.with("FC056");
    assert_eq!(policy.len(), 1, "{:?}", doc.codes());
    assert!(policy[0].message.contains("an uncommitted change"));
    t.commit(WRITER, "Make myself an editor");
    let policy = t.expect(EDITOR, &gate, 1).json();
    assert!(
        policy.with("FC056")[0]
            .message
            .contains("by wendy@example.org (commit"),
        "{:?}",
        policy.with("FC056")
    );
    // An editor's own policy change passes.
    let u = TestRepo::newsroom("standard");
    u.approved();
    u.commit(EDITOR, "Approved");
    let base = u.head().to_string();
    u.edit(
        "factcheck.yaml",
        "roles: [writer]",
        "roles: [writer, fact-checker]",
    );
    u.commit(EDITOR, "Wendy may fact-check other people's articles");
    let doc = u
        .expect(
            EDITOR,
            &["check", "--changed-since", &base, "--format", "json"],
            0,
        )
        .json();
    assert!(doc.with("FC056").is_empty(), "{:?}", doc.codes());
}

/// The codes `check --provenance` reports.
fn provenance(t: &TestRepo, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["check", "--provenance", "--format", "json"];
    args.extend_from_slice(extra);
    let r = t.run_as(Some(EDITOR), &args);
    assert!(r.code <= 1, "{}", r.stderr);
    let doc = r.json();
    doc.articles
        .iter()
        .flat_map(|a| &a.findings)
        .filter(|f| f.code.starts_with("FC05"))
        .map(|f| (f.code.clone(), f.message.clone()))
        .collect()
}

#[test]
fn an_honest_history_passes_provenance() {
    let t = TestRepo::newsroom("standard");
    t.commit(EDITOR, "Newsroom");
    t.tracked();
    t.commit(WRITER, "Claims");
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        t.ok(CHECKER, &["verify", A, c]);
    }
    t.commit(CHECKER, "Fact-check");
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    assert!(provenance(&t, &[]).is_empty());
    t.expect(EDITOR, &["check", "--provenance"], 0);
}

#[test]
fn a_signoff_committed_by_someone_else_is_forged() {
    let t = TestRepo::newsroom("standard");
    t.commit(EDITOR, "Newsroom");
    t.tracked();
    t.commit(WRITER, "Claims");
    // The writer types the fact-checker's approval (as the tool would write it) and commits it.
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.commit(WRITER, "Verified, honest");
    let found = provenance(&t, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "FC051");
    assert!(
        found[0]
            .1
            .contains("authored by wendy <wendy@example.org>, not by carl@example.org"),
        "{}",
        found[0].1
    );

    // And a sign-off not committed at all.
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    let found = provenance(&t, &[]);
    assert!(
        found
            .iter()
            .any(|(c, m)| c == "FC050" && m.contains("fifteen-micrograms")),
        "{found:?}"
    );
}

#[test]
fn a_branch_cannot_grant_itself_a_fact_checker() {
    let mallory = "mallory@example.org";
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(EDITOR, "Main line");
    let main = t.head().to_string();
    // On the branch: Mallory adds herself as a fact-checker, then signs off.
    t.edit(
        "factcheck.yaml",
        "people:\n",
        &format!("people:\n  - email: {mallory}\n    roles: [fact-checker]\n"),
    );
    t.commit(mallory, "Add a fact-checker");
    t.ok(mallory, &["verify", A, "absorb-calcium"]);
    t.commit(mallory, "Verify");
    // Against the pull request's base, the role did not exist; and the roster change itself
    // is not an editor's.
    let found = provenance(&t, &["--changed-since", &main]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "FC052");
    assert_eq!(found[1].0, "FC056");
    assert!(
        found[0].1.contains("did not hold the role fact-checker"),
        "{}",
        found[0].1
    );

    // Granting and signing in one commit is caught even without a base.
    let u = TestRepo::newsroom("standard");
    u.tracked();
    u.commit(EDITOR, "Main line");
    u.edit(
        "factcheck.yaml",
        "people:\n",
        &format!("people:\n  - email: {mallory}\n    roles: [fact-checker]\n"),
    );
    u.ok(mallory, &["verify", A, "absorb-calcium"]);
    u.commit(mallory, "Grant and verify");
    let found = provenance(&u, &[]);
    assert_eq!(
        found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["FC052"]
    );
}

/// Every string in a YAML document.
fn strings(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::String(s) => out.push(s.clone()),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| strings(i, out)),
        serde_yaml::Value::Mapping(m) => m.iter().for_each(|(k, v)| {
            strings(k, out);
            strings(v, out);
        }),
        serde_yaml::Value::Tagged(t) => strings(&t.value, out),
        _ => {}
    }
}

/// Splits a shell command line (double quotes group; CI variables become placeholders).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn ci_templates_use_valid_command_lines() {
    use clap::Parser;
    let root = env!("CARGO_MANIFEST_DIR");
    let files = [
        "examples/ci/github-actions.yml",
        "examples/ci/github-actions-sharded.yml",
        "examples/ci/gitlab-ci.yml",
        ".pre-commit-hooks.yaml",
    ];
    let mut checked = 0;
    for f in files {
        let text = std::fs::read_to_string(format!("{root}/{f}")).unwrap();
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
        let mut all = Vec::new();
        strings(&doc, &mut all);
        for s in all.iter().filter(|s| s.contains("factcheck ")) {
            // Command lines start with `factcheck ` (folded YAML may join several lines).
            for cmd in s
                .split('\n')
                .map(str::trim)
                .filter(|l| l.starts_with("factcheck "))
            {
                let cmd = cmd.split(['>', '|', '#']).next().unwrap();
                // CI variables (`$SHARD`, `${{ … }}`) stand for values like `1/2`.
                let argv: Vec<String> = words(cmd)
                    .into_iter()
                    .map(|w| if w.contains('$') { "1/2".into() } else { w })
                    .collect();
                if argv.get(1).is_some_and(|w| w.starts_with('(')) {
                    continue; // the hook's display name, not a command
                }
                factcheck::cli::Args::try_parse_from(&argv)
                    .unwrap_or_else(|e| panic!("{f}: `{cmd}` does not parse:\n{e}"));
                // The pull-request base is the commit id the host gives (a variable), never a
                // name a pushed tag or branch could shadow (issue #26).
                let words = words(cmd);
                if let Some(i) = words.iter().position(|w| w == "--changed-since") {
                    let base = &words[i + 1];
                    let var = base.trim_matches('"');
                    assert!(
                        var.starts_with('$') && !var.contains('/'),
                        "{f}: `{cmd}` passes the base as a name"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} command lines found");
}

#[test]
fn shards_are_disjoint_and_cover_every_article() {
    let t = TestRepo::newsroom("light");
    for i in 0..12 {
        t.write(
            &format!("articles/n{i:02}.md"),
            &format!("# Note {i}\n\nText {i}.\n"),
        );
    }
    let all: Vec<String> = t.check(0).articles.into_iter().map(|a| a.article).collect();
    assert_eq!(all.len(), 13);
    let mut seen: Vec<String> = Vec::new();
    for i in 1..=3 {
        let shard = format!("{i}/3");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--shard", &shard, "--format", "json"],
        );
        assert!(r.code <= 1, "{}", r.stderr);
        let doc = r.json();
        assert!(!doc.articles.is_empty(), "shard {shard} is empty");
        for a in doc.articles {
            assert!(!seen.contains(&a.article), "{} in two shards", a.article);
            seen.push(a.article);
        }
    }
    seen.sort();
    assert_eq!(seen, all);
    for bad in ["0/3", "4/3", "1/0", "x/2", "2"] {
        t.expect(EDITOR, &["check", "--shard", bad], 2);
    }
}
