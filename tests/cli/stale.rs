//! One staleness rule: what a command that edits a sidecar says went stale is what the gate
//! then reports as stale (FC031), counted by the roles the workflow requires.

use crate::support::*;

/// The claims `check` reports FC031 on, with how many times.
fn stale_in_gate(t: &TestRepo) -> Vec<(String, usize)> {
    let doc = t
        .run_as(Some(EDITOR), &["check", "--format", "json"])
        .json();
    let mut out: Vec<(String, usize)> = Vec::new();
    for f in doc.articles.iter().flat_map(|a| &a.findings) {
        if f.code != "FC031" {
            continue;
        }
        let claim = f.claim.clone().unwrap_or_default();
        match out.iter_mut().find(|(c, _)| *c == claim) {
            Some((_, n)) => *n += 1,
            None => out.push((claim, 1)),
        }
    }
    out
}

/// A sign-off in a role the workflow does not ask for on a claim goes stale with the claim,
/// but it never counted: the edit's message names only the required role's, as the gate does.
#[test]
fn an_edit_reports_as_stale_what_the_gate_reports() {
    let t = TestRepo::newsroom("health");
    t.approved();
    let medical = [
        "verify",
        A,
        "fifteen-micrograms",
        "--role",
        "medical-reviewer",
    ];
    t.ok(DOCTOR, &medical);
    let r = t.ok(
        WRITER,
        &["claim", "edit", A, "fifteen-micrograms", "--kind", "fact"],
    );
    let said: Vec<&str> = r
        .stderr
        .lines()
        .chain(r.stdout.lines())
        .filter(|l| l.contains("now stale"))
        .collect();
    assert_eq!(
        said,
        [
            "claim `fifteen-micrograms`: 1 sign-off(s) no longer match what was signed and are now stale; re-verify: factcheck verify articles/vitamin-d.md fifteen-micrograms"
        ],
        "{}",
        r.stderr
    );
    assert_eq!(stale_in_gate(&t), [("fifteen-micrograms".to_string(), 1)]);
}

/// A sign-off by someone who is no longer on the roster does not count for the gate (FC035),
/// so an edit does not call it stale either.
#[test]
fn a_signoff_that_never_counted_does_not_go_stale() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.ok(EDITOR, &["people", "rm", CHECKER]);
    let r = t.ok(
        WRITER,
        &["claim", "edit", A, "absorb-calcium", "--kind", "statistic"],
    );
    assert!(!r.stderr.contains("now stale"), "{}", r.stderr);
    assert!(!r.stdout.contains("now stale"), "{}", r.stdout);
    assert_eq!(stale_in_gate(&t), []);
}
