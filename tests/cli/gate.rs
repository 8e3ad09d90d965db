//! `check` and `status`: every finding code provoked end to end and read back through `check
//! --format json`, the severities a workflow or `factcheck.yaml` sets, the human output (errors
//! first, runs of one warning folded, `-q`, `-v`), the machine formats parsed with real parsers
//! (SARIF, JUnit, GitHub annotations), `--changed-since`, and the state of each claim as every
//! view shows it (`verified` apart from `verified-stale`).

use scraper::Html;
use serde::Deserialize;

use crate::support::*;

fn codes_of(t: &TestRepo, code: i32) -> Vec<String> {
    t.check(code).codes()
}

#[test]
fn orphaned_and_ambiguous_claims() {
    let t = TestRepo::newsroom("light");
    t.tracked();
    // The claimed sentence is deleted, and the other claim's sentence now occurs twice with
    // context that matches neither occurrence.
    t.edit(A, " Most adults need 15 micrograms of vitamin D a day.", "");
    t.edit(
        A,
        "Some people say fish oil tastes awful.",
        "Vitamin D helps the body absorb calcium. Some say fish oil tastes awful.",
    );
    let s = t.read(S);
    let start = s.find("    prefix:").unwrap();
    let end = s.find("  kind: medical").unwrap();
    t.write(
        S,
        &format!(
            "{}    prefix: nothing like this\n    suffix: nothing like that\n{}",
            &s[..start],
            &s[end..]
        ),
    );
    let doc = t.check(1);
    let orphan = &doc.with("FC001")[0];
    assert_eq!(
        (orphan.file.as_str(), orphan.claim.as_deref()),
        (S, Some("fifteen-micrograms"))
    );
    assert_eq!(
        t.read(S).lines().nth(orphan.line - 1).unwrap(),
        "- id: fifteen-micrograms"
    );
    let amb = &doc.with("FC002")[0];
    assert!(
        amb.message.contains("occurs 2 times (lines 9, 13)"),
        "{}",
        amb.message
    );
    assert_eq!((amb.file.as_str(), amb.line, amb.column), (A, 9, 1));
}

#[test]
fn reworded_claim_untracked_article_and_unverified_status() {
    let t = TestRepo::newsroom("light");
    t.tracked();
    t.write("articles/other.md", "# Other\n\nNothing tracked here.\n");
    t.edit(A, "absorb calcium", "soak up calcium");
    let doc = t.check(1);
    assert_eq!(doc.with("FC003").len(), 1);
    let untracked = doc.with("FC004");
    assert_eq!(untracked[0].severity, "warning");
    assert_eq!(untracked[0].file, "articles/other.md");
    assert_eq!(doc.with("FC010").len(), 2);
}

#[test]
fn source_rules_of_the_health_workflow() {
    let t = TestRepo::newsroom("health");
    t.tracked();
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "blog",
            "--url",
            "https://blog.example.com/vitamin-d",
            "--kind",
            "other",
            "--published",
            "2025-01-01",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "old-study",
            "--url",
            "https://doi.org/10.1000/old",
            "--kind",
            "peer-reviewed",
            "--published",
            "2015-06-01",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "undated",
            "--url",
            "https://www.cdc.gov/vitamin-d",
            "--kind",
            "government",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://www.who.int/spare",
            "--kind",
            "government",
        ],
    );
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "sun",
            "--kind",
            "medical",
            "--quote",
            "Sunlight helps the skin make vitamin D",
            "--source",
            "blog",
            "--source",
            "old-study",
            "--source",
            "undated",
        ],
    );
    t.edit(
        S,
        "  - nih-ods\n- id: sun",
        "  - nih-ods\n  - missing-source\n- id: sun",
    );
    let doc = t.check(1);
    let kind = doc.with("FC021");
    assert_eq!(kind.len(), 1);
    assert!(
        kind[0].message.contains("`blog` is other"),
        "{}",
        kind[0].message
    );
    assert!(
        doc.with("FC022")[0]
            .message
            .contains("2015-06-01, 11 years ago")
    );
    assert!(doc.with("FC023")[0].message.contains("`undated`"));
    let too_few = doc.with("FC020");
    assert!(too_few.iter().any(|f| {
        f.claim.as_deref() == Some("sun")
            && f.message
                .contains("0 qualifying sources; the workflow requires 2")
    }));
    let unknown = doc.with("FC024");
    assert_eq!(unknown[0].claim.as_deref(), Some("fifteen-micrograms"));
    assert_eq!(
        t.read(S).lines().nth(unknown[0].line - 1).unwrap().trim(),
        "- missing-source"
    );
    let unused = doc.with("FC025");
    assert_eq!(unused.len(), 1);
    assert!(unused[0].message.contains("`spare`"));
}

#[test]
fn claim_signoff_findings() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.check(0);
    // Status set by hand to something nobody signed (FC036).
    let s = t.read(S);
    t.write(S, &s.replacen("status: verified", "status: opinion", 1));
    assert_eq!(codes_of(&t, 1), ["FC036"]);
    t.write(S, &s);
    // Status set to verified by hand, with no sign-off at all (FC030).
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "fish",
            "--quote",
            "Some people say fish oil tastes awful",
            "--source",
            "nih-ods",
        ],
    );
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.edit(S, "  status: unverified", "  status: verified");
    assert_eq!(codes_of(&t, 1), ["FC030"]);
}

#[test]
fn forged_signoffs_by_authors_or_people_without_the_role() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    // The writer, who also holds fact-checker, signs her own claim (FC034 only).
    t.edit(
        "factcheck.yaml",
        "roles: [writer]",
        "roles: [writer, fact-checker]",
    );
    t.edit(
        S,
        &format!("  - by: {CHECKER}\n    role: fact-checker"),
        &format!("  - by: {WRITER}\n    role: fact-checker"),
    );
    let doc = t.check(1);
    assert!(
        doc.codes().contains(&"FC034".to_string()),
        "{:?}",
        doc.codes()
    );
    assert!(!doc.codes().contains(&"FC035".to_string()));
    assert!(
        doc.with("FC030").len() == 1,
        "a self sign-off does not count: {:?}",
        doc.codes()
    );
    // Someone outside `people`, and someone without the role they claim (FC035).
    t.edit(
        S,
        &format!("  - by: {WRITER}\n    role: fact-checker"),
        "  - by: mallory@example.org\n    role: fact-checker",
    );
    let doc = t.check(1);
    assert!(doc.with("FC035")[0].message.contains("not in `people`"));
    t.edit(
        S,
        "  - by: mallory@example.org\n    role: fact-checker",
        &format!("  - by: {EDITOR}\n    role: fact-checker"),
    );
    let doc = t.check(1);
    assert!(
        doc.with("FC035")[0]
            .message
            .contains("a role they do not hold")
    );
}

#[test]
fn article_signoffs_missing_and_stale() {
    let t = TestRepo::newsroom("health");
    t.approved();
    let s = t.read(S);
    let cut = s.find("review:").unwrap();
    t.write(S, &s[..cut]);
    assert_eq!(codes_of(&t, 1), ["FC032", "FC032"]);
    t.write(S, &s);
    t.edit(A, "# Vitamin D basics", "# Vitamin D: the basics");
    assert_eq!(codes_of(&t, 1), ["FC033", "FC033"]);
}

#[test]
fn claims_only_workflows_keep_article_signoffs_through_other_edits() {
    let t = TestRepo::newsroom("workflows/ours.yaml");
    t.write("workflows/ours.yaml", "name: ours\npublishable_statuses: [verified]\nclaims:\n  min_sources: 1\n  signoff_roles: [fact-checker]\narticle:\n  signoff_roles: [editor]\n  stale_on: claim-edits\n");
    t.approved();
    t.edit(A, "# Vitamin D basics", "# Vitamin D: the basics");
    t.check(0);
    t.edit(A, "15 micrograms", "20 micrograms");
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC003", "FC031", "FC033"]);
}

#[test]
fn publication_findings() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.edit(S, "stage: draft", "stage: published");
    assert_eq!(codes_of(&t, 1), ["FC041"]);
    t.edit(S, "stage: published", "stage: draft");
    t.ok(EDITOR, &["publish", A]);
    t.edit(A, "tastes awful", "tastes bad");
    assert_eq!(codes_of(&t, 1), ["FC033", "FC040"]);
}

#[test]
fn invalid_sidecar_is_fc090_and_exit_2() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(S, "  status: unverified", "  stauts: unverified");
    let r = t.expect(EDITOR, &["check", "--format", "json"], 2);
    let doc = r.json();
    let f = &doc.with("FC090")[0];
    assert_eq!(f.file, S);
    assert!(
        f.message.contains("unknown field `stauts`"),
        "{}",
        f.message
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `status`?"));
    assert_eq!(
        t.read(S).lines().nth(f.line - 1).unwrap().trim_start(),
        "stauts: unverified"
    );
    // The human output points at the same line and column, with the line quoted.
    let human = t.expect(EDITOR, &["check"], 2);
    snap!(human.transcript());
}

#[test]
fn workflows_set_severities() {
    let t = TestRepo::newsroom("workflows/strict.yaml");
    t.write("workflows/strict.yaml", "name: strict\npublishable_statuses: [verified]\nclaims:\n  min_sources: 1\n  signoff_roles: [fact-checker]\nseverity:\n  unused-source: error\n  FC004: off\n");
    t.approved();
    t.write("articles/untracked.md", "# Nothing\n");
    t.check(0);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://example.org/spare",
        ],
    );
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC025"]);
    assert_eq!(doc.with("FC025")[0].severity, "error");
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
    let typo = t.expect(EDITOR, &["check"], 2);
    // An invalid file can never be relaxed.
    t.write(
        "factcheck.yaml",
        &format!("{config}severity:\n  FC090: off\n"),
    );
    let relaxed = t.expect(EDITOR, &["check"], 2);
    snap!(transcripts([&typo, &relaxed]));
}

/// A newsroom whose article is blocked (claims unverified), committed.
fn blocked() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(WRITER, "Draft");
    t
}

#[test]
fn human_output_is_rustc_style_without_colour_when_piped() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    // Piped: no colour; each finding a heading, the file:line:col, the line with the claim
    // underlined and a help line; a summary last.
    let plain = t.expect(EDITOR, &["check"], 1);
    // Asked for: bold red headings (ESC shown as ␛ in the snapshot).
    let coloured = t.expect(EDITOR, &["--color", "always", "check"], 1);
    snap!(transcripts([&plain, &coloured]).replace('\x1b', "␛"));
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
    // The summary still counts every finding (in the snapshot, with the folded line).

    // The command the fold names lists all twelve and nothing else; the exit code is the gate's.
    let all = t.expect(EDITOR, &["check", A, "--only", "FC071"], 1);
    let listed = all
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning[FC071]: the article links"))
        .count();
    assert_eq!(listed, 12, "{}", all.stdout);
    // `-v` unfolds too; machine formats never fold.
    let verbose = t.expect(EDITOR, &["-v", "check"], 1);
    assert_eq!(t.check(1).with("FC071").len(), 12);
    // A code that does not exist is a usage error.
    let unknown = t.expect(EDITOR, &["check", "--only", "FC999"], 2);
    snap!(transcripts([&r, &all, &verbose, &unknown]));
}

#[test]
fn quiet_prints_the_errors_and_the_summary_line_only() {
    let t = TestRepo::newsroom("standard");
    many_links(&t, 5);
    // The error (FC020), no warning, and the summary, which counts the five warnings.
    let r = t.expect(EDITOR, &["-q", "check"], 1);
    snap!(r.transcript());
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

#[test]
fn json_document_shape() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let doc = t.check(1);
    assert_eq!(
        (doc.tool.as_str(), doc.version, doc.passed),
        ("factcheck", 1, false)
    );
    assert_eq!(
        (
            doc.summary.articles,
            doc.summary.passed,
            doc.summary.errors,
            doc.summary.warnings
        ),
        (1, 0, 3, 1),
        "the warning: the untracked, check-worthy image caption (FC070)"
    );
    let a = &doc.articles[0];
    assert_eq!(
        (
            a.article.as_str(),
            a.stage.as_deref(),
            a.claims,
            a.publishable,
            a.passed
        ),
        (A, Some("draft"), 2, 0, false)
    );
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
    // The help line rides in the message as an escaped line break (`%0A`); a notice sums up.
    snap!(r.transcript());
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

#[test]
fn status_names_untracked_articles_by_title_and_says_where_the_dashboard_went() {
    let t = TestRepo::newsroom("standard");
    let long = "A very long title about vitamin D that goes well past fifty characters in all";
    t.edit(A, "title: Vitamin D basics", &format!("title: {long}"));
    // The row says `untracked` and ends with the whole title; `--html` says where it wrote.
    let table = t.ok(EDITOR, &["status"]);
    let html = t.ok(EDITOR, &["status", "--html", "desk.html"]);
    assert!(t.path().join("desk.html").is_file());
    snap!(transcripts([&table, &html]));
}

/// `claim list --format json`, as rows of JSON.
fn list_json(t: &TestRepo) -> Vec<serde_json::Value> {
    let r = t.ok(WRITER, &["claim", "list", A, "--format", "json"]);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout))
}

#[test]
fn a_fresh_article_reads_as_it_always_did() {
    let t = committed();
    // Both claims verified and anchored, nothing stale; the article ready, 2/2 claims OK.
    let list = t.ok(WRITER, &["claim", "list", A]);
    let status = t.ok(EDITOR, &["status"]);
    let rows = list_json(&t);
    assert!(rows.iter().all(|r| r["state"] == "verified"), "{rows:?}");
    snap!(transcripts([&list, &status]));
}

#[test]
fn editing_a_verified_claim_shows_it_stale_in_every_view() {
    let t = committed();
    // The writer changes a number the fact-checker verified.
    t.edit(A, "need 15 micrograms", "need 20 micrograms");

    // claim list: the claim is verified, but stale (and how to renew it); the other is fresh.
    let list = t.ok(WRITER, &["claim", "list", A]);
    let rows = list_json(&t);
    assert_eq!(
        (
            rows[1]["id"].as_str(),
            rows[1]["status"].as_str(),
            rows[1]["state"].as_str()
        ),
        (
            Some("fifteen-micrograms"),
            Some("verified"),
            Some("verified-stale")
        )
    );
    assert_eq!(rows[0]["state"], "verified");

    // status: only the claim that would pass counts as OK (1/2, blocked, 1 claim stale), and
    // the blockers agree.
    let status = t.ok(EDITOR, &["status"]);
    snap!(transcripts([&list, &status]));
    let r = t.ok(EDITOR, &["status", "--format", "json"]);
    let doc = r.json();
    let a = &doc.articles[0];
    assert_eq!((a.claims, a.publishable, a.ok, a.stale), (2, 2, 1, 1));
    let states: Vec<(&str, &str)> = a
        .claim_states
        .iter()
        .map(|c| (c.id.as_str(), c.state.as_str()))
        .collect();
    assert_eq!(
        states,
        [
            ("absorb-calcium", "verified"),
            ("fifteen-micrograms", "verified-stale")
        ]
    );
    // Every claim not OK is one a blocker names.
    let blocked: std::collections::BTreeSet<&str> = a
        .findings
        .iter()
        .filter(|f| f.severity == "error")
        .filter_map(|f| f.claim.as_deref())
        .collect();
    assert_eq!(
        blocked.into_iter().collect::<Vec<_>>(),
        ["fifteen-micrograms"]
    );

    // The report: the claim's mark, card and the header's counts.
    t.ok(EDITOR, &["report", A, "--html", "out/report.html"]);
    let page = Html::parse_document(&t.read("out/report.html"));
    let mark = page
        .select(&sel("mark#claim-fifteen-micrograms"))
        .next()
        .unwrap();
    assert_eq!(
        mark.value().attr("title"),
        Some("fifteen-micrograms: verified-stale")
    );
    assert!(mark.value().classes().any(|c| c == "stale"));
    let header: String = page
        .select(&sel("header.top"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        header.contains("1 verified") && header.contains("1 verified-stale"),
        "{header}"
    );

    // The dashboard.
    t.ok(EDITOR, &["status", "--html", "out/dash.html"]);
    let dash = Html::parse_document(&t.read("out/dash.html"));
    let pills: Vec<String> = dash
        .select(&sel("table.dash tbody tr .pill"))
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(pills, ["1 verified", "1 verified-stale", "blocked"]);

    // ClaimReview rates only what a fresh sign-off approved: not the new number.
    let reviewed = |t: &TestRepo| -> Vec<String> {
        let export = t.ok(EDITOR, &["export", A, "--claimreview"]).value();
        let reviews = export.as_array().unwrap().iter();
        reviews
            .map(|r| r["claimReviewed"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(reviewed(&t), ["Vitamin D helps the body absorb calcium"]);

    // Re-verifying makes it fresh again everywhere.
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    assert!(list_json(&t).iter().all(|r| r["state"] == "verified"));
    let a = &t
        .ok(EDITOR, &["status", "--format", "json"])
        .json()
        .articles[0];
    assert_eq!((a.ok, a.stale), (2, 0));
    assert_eq!(
        reviewed(&t),
        [
            "Vitamin D helps the body absorb calcium",
            "Most adults need 20 micrograms of vitamin D a day"
        ]
    );
}

#[test]
fn new_evidence_makes_a_claim_stale_and_a_deleted_claim_unanchored() {
    let t = committed();
    // Citing another source changes the evidence the fact-checker approved.
    t.ok(WRITER, &["cite", A, "fifteen-micrograms", "nhs-vitd"]);
    // Deleting a verified sentence leaves its claim with no words to approve.
    t.edit(A, "Vitamin D helps the body absorb calcium. ", "");
    let doc = t.ok(EDITOR, &["status", "--format", "json"]).json();
    let states: Vec<&str> = doc.articles[0]
        .claim_states
        .iter()
        .map(|c| c.state.as_str())
        .collect();
    assert_eq!(states, ["verified-unanchored", "verified-stale"]);
    assert_eq!(doc.articles[0].ok, 0);
    // 0/2 claims OK.
    let status = t.ok(EDITOR, &["status"]);
    snap!(status.transcript());
    // The report's cards say why each verified claim does not pass.
    t.ok(EDITOR, &["report", A, "--html", "out/report.html"]);
    let page = Html::parse_document(&t.read("out/report.html"));
    let pills = |id: &str| -> Vec<String> {
        page.select(&sel(&format!("#card-{id} h3 .pill")))
            .map(|p| p.text().collect())
            .collect()
    };
    assert_eq!(
        pills("absorb-calcium"),
        ["verified", "unanchored", "medical"]
    );
    assert_eq!(
        pills("fifteen-micrograms"),
        ["verified", "stale", "statistic"]
    );
}

#[test]
fn a_verified_claim_that_fails_otherwise_is_not_counted_ok() {
    let t = committed();
    // The sidecar says verified, but nobody signed it: the gate blocks it, and so does status.
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "fish-oil",
            "--quote",
            "Some people say fish oil tastes awful",
        ],
    );
    let text = t.read(S).replace("status: unverified", "status: verified");
    t.write(S, &text);
    let a = &t
        .ok(EDITOR, &["status", "--format", "json"])
        .json()
        .articles[0];
    let fish = a.claim_states.iter().find(|c| c.id == "fish-oil").unwrap();
    assert_eq!(
        (fish.status.as_str(), fish.state.as_str()),
        ("verified", "verified-blocked")
    );
    assert_eq!((a.publishable, a.ok), (3, 2));
}

/// Globs that match no file would let the gate pass without reading anything: `check`, the
/// pull-request gate and `status` stop with exit 2 and say so, at the `articles:` line.
#[test]
fn a_gate_whose_globs_match_nothing_does_not_pass() {
    let t = TestRepo::newsroom("light");
    let config = t
        .read("factcheck.yaml")
        .replace("articles/**/*.md", "content/posts/**/*.md");
    t.write("factcheck.yaml", &config);
    let base = t.commit(EDITOR, "Globs for another layout").to_string();
    let plain = t.run_as(Some(EDITOR), &["check", "--format", "json"]);
    assert_eq!(plain.code, 2, "{}", plain.stderr);
    let doc = plain.json();
    let vacuous = doc.with("FC090");
    assert_eq!(vacuous.len(), 1, "{:?}", doc.codes());
    assert_eq!(
        (vacuous[0].file.as_str(), vacuous[0].line),
        ("factcheck.yaml", 2)
    );
    assert!(vacuous[0].message.contains("match no file"));
    let pr = t.run_as(
        Some(EDITOR),
        &["check", "--changed-since", &base, "--format", "json"],
    );
    assert_eq!(pr.code, 2, "{}", pr.stderr);
    assert_eq!(pr.json().with("FC090").len(), 1);
    t.expect(EDITOR, &["status"], 2);
    // With one post there, the gate reads it (untracked: FC004, a warning under `light`).
    t.write("content/posts/flu.md", "Flu shots are 90% effective.\n");
    assert_eq!(t.check(0).codes(), ["FC004"]);
}

/// GitHub shows ten annotations of each level per step and drops the rest unseen: errors come
/// first, at most ten of each, and a notice says how many were left out.
#[test]
fn github_annotations_put_errors_first_and_say_what_was_left_out() {
    let t = TestRepo::newsroom("health");
    t.tracked();
    for i in 0..12 {
        t.write(&format!("articles/extra-{i:02}.md"), "Zinc cures colds.\n");
    }
    let r = t.run_as(Some(EDITOR), &["check", "--format", "github"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let errors = lines.iter().filter(|l| l.starts_with("::error ")).count();
    let warnings = lines.iter().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!(errors, 10, "{}", r.stdout);
    assert!(warnings <= 10, "{}", r.stdout);
    let last_error = lines.iter().rposition(|l| l.starts_with("::error "));
    let first_warning = lines.iter().position(|l| l.starts_with("::warning "));
    assert!(
        first_warning.is_none_or(|w| Some(w) > last_error),
        "{}",
        r.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::notice title=factcheck::")
                && l.contains("more errors and")
                && l.contains("not shown as annotations")),
        "{}",
        r.stdout
    );
}
