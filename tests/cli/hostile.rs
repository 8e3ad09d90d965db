//! Hostile and malformed input (issue #8, first part): every case ends in exit 2 (input error)
//! or 1 (gate findings) with a located message — never a panic (exit 101), never a hang.

use crate::support::*;

/// Where a case's text goes.
#[derive(Clone, Copy)]
enum Role {
    Sidecar,
    Config,
    Workflow,
    Article,
}

fn case(t: &TestRepo, role: Role, text: &str) {
    match role {
        Role::Sidecar => t.write(S, text),
        Role::Config => t.write("factcheck.yaml", text),
        Role::Workflow => {
            t.edit(
                "factcheck.yaml",
                "workflow: standard",
                "workflow: workflows/w.yaml",
            );
            t.write("workflows/w.yaml", text);
        }
        Role::Article => t.write(A, text),
    }
}

const GOOD_SIDECAR: &str = "article: vitamin-d.md\nauthors: [wendy@example.org]\nstage: draft\n";

fn cases() -> Vec<(&'static str, Role, String)> {
    use Role::*;
    let s = |x: &str| x.to_string();
    let big_line = format!("{}\n", "word ".repeat(200_000));
    vec![
        (
            "tab indentation",
            Sidecar,
            s("article: vitamin-d.md\nclaims:\n\t- id: x\n"),
        ),
        (
            "unclosed quote",
            Sidecar,
            s("article: \"vitamin-d.md\nstage: draft\n"),
        ),
        (
            "duplicate key",
            Sidecar,
            s("article: vitamin-d.md\narticle: other.md\n"),
        ),
        (
            "wrong type for claims",
            Sidecar,
            s("article: vitamin-d.md\nclaims: 42\n"),
        ),
        (
            "wrong type for authors",
            Sidecar,
            s("article: vitamin-d.md\nauthors: {a: b}\n"),
        ),
        (
            "unknown key",
            Sidecar,
            s("article: vitamin-d.md\nstauts: draft\n"),
        ),
        (
            "unknown stage",
            Sidecar,
            s("article: vitamin-d.md\nstage: printed\n"),
        ),
        (
            "huge number",
            Sidecar,
            s("article: vitamin-d.md\nstage: 99999999999999999999999999999\n"),
        ),
        ("empty file", Sidecar, s("")),
        ("only a comment", Sidecar, s("# nothing\n")),
        ("a list, not a mapping", Sidecar, s("- a\n- b\n")),
        (
            "alias bomb",
            Sidecar,
            s(
                "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d]\n",
            ),
        ),
        (
            "anchors and aliases in claims",
            Sidecar,
            format!("{GOOD_SIDECAR}claims:\n- &c\n  id: a\n  quote: {{exact: Vitamin D}}\n- *c\n"),
        ),
        (
            "duplicate claim ids",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}claims:\n- id: a\n  quote: {{exact: Vitamin D helps}}\n- id: a\n  quote: {{exact: Most adults}}\n"
            ),
        ),
        (
            "bad claim id",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}claims:\n- id: \"../../etc\"\n  quote: {{exact: Vitamin D helps}}\n"
            ),
        ),
        (
            "empty quote",
            Sidecar,
            format!("{GOOD_SIDECAR}claims:\n- id: a\n  quote: {{exact: \"  \"}}\n"),
        ),
        (
            "unknown source cited",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}claims:\n- id: a\n  quote: {{exact: Vitamin D helps}}\n  sources: [nowhere]\n"
            ),
        ),
        (
            "bad date",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}sources:\n- id: s\n  url: https://x.org\n  published: yesterday\n"
            ),
        ),
        (
            "snapshot escaping the repo",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}sources:\n- id: s\n  url: https://x.org\n  snapshot: ../../../etc/passwd\n"
            ),
        ),
        (
            "absolute snapshot path",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}sources:\n- id: s\n  url: https://x.org\n  snapshot: /etc/passwd\n"
            ),
        ),
        (
            "forged sign-off hash",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}claims:\n- id: a\n  quote: {{exact: Vitamin D helps}}\n  status: verified\n  signoffs:\n  - by: carl@example.org\n    role: fact-checker\n    verdict: verified\n    at: 2026-01-01T00:00:00Z\n    text: not-a-hash\n"
            ),
        ),
        (
            "bad timestamp",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}review:\n- by: ed@example.org\n  role: editor\n  at: soon\n  article: {}\n  claims: sha256:{}\n",
                "a".repeat(40),
                "0".repeat(64)
            ),
        ),
        ("wrong article name", Sidecar, s("article: other.md\n")),
        (
            "CRLF line endings",
            Sidecar,
            s("article: vitamin-d.md\r\nstage: draft\r\n"),
        ),
        ("BOM", Sidecar, s("\u{FEFF}article: vitamin-d.md\n")),
        (
            "unresolved merge markers",
            Sidecar,
            s(
                "article: vitamin-d.md\n<<<<<<< ours\nstage: draft\n=======\nstage: submitted\n>>>>>>> theirs\n",
            ),
        ),
        (
            "config: unknown workflow",
            Config,
            s("workflow: nonexistent\npeople: []\n"),
        ),
        (
            "config: unknown role",
            Config,
            s("workflow: standard\npeople:\n  - email: a@x.org\n    roles: [fackt-checker]\n"),
        ),
        (
            "config: not an email",
            Config,
            s("workflow: standard\npeople:\n  - email: nobody\n    roles: [writer]\n"),
        ),
        (
            "config: duplicate person",
            Config,
            s("workflow: standard\npeople:\n  - email: a@x.org\n  - email: a@x.org\n"),
        ),
        (
            "config: glob leaving the repo",
            Config,
            s("workflow: standard\narticles: [\"../**/*.md\"]\n"),
        ),
        ("config: empty", Config, s("")),
        (
            "config: workflow path escaping",
            Config,
            s("workflow: ../../etc/workflow.yaml\n"),
        ),
        (
            "workflow: unknown key",
            Workflow,
            s("name: w\npublishable_statuses: [verified]\nsevrity: {}\n"),
        ),
        (
            "workflow: unknown status",
            Workflow,
            s("name: w\npublishable_statuses: [approved]\n"),
        ),
        (
            "workflow: bad coverage",
            Workflow,
            s("name: w\npublishable_statuses: [verified]\ncoverage: sometimes\n"),
        ),
        (
            "workflow: unknown code in severity",
            Workflow,
            s("name: w\npublishable_statuses: [verified]\nseverity: {FC999: error}\n"),
        ),
        (
            "workflow: undeclared role",
            Workflow,
            s("name: w\npublishable_statuses: [verified]\nclaims: {signoff_roles: [lawyer]}\n"),
        ),
        ("article: non-UTF-8", Article, s("")),
        (
            "article: only front matter",
            Article,
            s("---\ntitle: x\n---\n"),
        ),
        (
            "article: unclosed front matter",
            Article,
            s("---\ntitle: x\n\nBody.\n"),
        ),
        (
            "article: no trailing newline",
            Article,
            s("Vitamin D helps the body absorb calcium."),
        ),
        (
            "article: nested lists and tables",
            Article,
            s("- a\n  - Vitamin D helps\n    | x | y |\n    |---|---|\n    | Most adults | z |\n"),
        ),
        (
            "article: RTL, emoji and combining marks",
            Article,
            s("مرحبا Vitamin D 😀 helps e\u{301}\u{301}\u{301} the body absorb calcium.\n"),
        ),
        (
            "article: HTML blocks",
            Article,
            s(
                "<div>\n<script>alert(1)</script>\n</div>\n\nVitamin D helps the body absorb calcium.\n",
            ),
        ),
        ("article: very long line", Article, big_line),
    ]
}

#[test]
fn malformed_inputs_end_in_located_errors_not_panics() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for (name, role, text) in cases {
        let t = TestRepo::newsroom("standard");
        t.tracked();
        case(&t, role, &text);
        if name == "article: non-UTF-8" {
            std::fs::write(t.path().join(A), b"Vitamin \xff\xfe D\n").unwrap();
        }
        let r = t.run_as(Some(EDITOR), &["check"]);
        assert!(
            r.code == 1 || r.code == 2,
            "{name}: exit {}\nstdout:\n{}\nstderr:\n{}",
            r.code,
            r.stdout,
            r.stderr
        );
        let out = format!("{}{}", r.stdout, r.stderr);
        assert!(!out.contains("panicked"), "{name}: {out}");
        if r.code == 2 {
            // Located: a file:line:col or a finding with a location, and a message.
            let located = out.contains(".yaml:") || out.contains(".md:") || out.contains("-->");
            assert!(located, "{name}: exit 2 without a location:\n{out}");
        }
    }
}

#[test]
fn a_fifty_megabyte_sidecar_is_refused_with_a_clear_error() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let huge = format!("{GOOD_SIDECAR}# {}\n", "x".repeat(50 * 1024 * 1024));
    t.write(S, &huge);
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    let out = format!("{}{}", r.stdout, r.stderr);
    assert!(
        out.contains("vitamin-d.claims.yaml") && out.contains("byte limit"),
        "{out}"
    );
}
