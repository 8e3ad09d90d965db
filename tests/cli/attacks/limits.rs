//! Malformed and oversized input: every malformed sidecar, config, workflow or article ends in
//! exit 2 (input error) or 1 (gate findings) with a located message — never a panic (exit 101),
//! never a hang, never a stack overflow. Nesting and size limits are refused at the line that
//! crosses them, searches keep to their budget, and work that could grow with the square of the
//! input (an article rewritten whole in one commit) is settled the same way on every run.

use super::*;

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
            "alias bomb in a known field",
            Sidecar,
            format!("{GOOD_SIDECAR}claims: {}", bomb()),
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
        // Limits checked before the parsers see the text.
        (
            "article: 5,000 nested block quotes",
            Article,
            format!(
                "{}Vitamin D helps the body absorb calcium.\n",
                "> ".repeat(5000)
            ),
        ),
        (
            "article: lists nested 150 deep",
            Article,
            (0..150)
                .map(|i| format!("{}- Vitamin D\n", "  ".repeat(i)))
                .collect(),
        ),
        (
            "article: emphasis nested 20,000 deep",
            Article,
            format!(
                "{}Vitamin D{}\n",
                "*a ".repeat(20_000),
                " a*".repeat(20_000)
            ),
        ),
        (
            "article: images nested 20,000 deep in alt text",
            Article,
            format!(
                "{}Vitamin D{}\n",
                "![".repeat(20_000),
                "](x.png)".repeat(20_000)
            ),
        ),
        (
            "article: a table over the cell limit",
            Article,
            format!(
                "|{}\n|{}\n{}",
                "a|".repeat(1000),
                "-|".repeat(1000),
                "|\n".repeat(101)
            ),
        ),
        (
            "article: over the markup limit",
            Article,
            format!("{}\n", "*a* ".repeat(260_000)),
        ),
        (
            "article: front matter nested 100 deep",
            Article,
            format!(
                "---\ntitle: {}{}\n---\nVitamin D helps.\n",
                "[".repeat(100),
                "]".repeat(100)
            ),
        ),
        (
            "flow sequence 100,000 deep",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}claims: {}{}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
        (
            "block mappings 100 deep",
            Sidecar,
            format!(
                "{GOOD_SIDECAR}x:\n{}",
                (1..=100)
                    .map(|i| format!("{}k:\n", "  ".repeat(i)))
                    .collect::<String>()
            ),
        ),
        (
            "config: flow mapping 100 deep",
            Config,
            format!(
                "workflow: standard\nx: {}{}\n",
                "{a: ".repeat(100),
                "}".repeat(100)
            ),
        ),
    ]
}

/// A "billion laughs" document: nine levels of nine aliases (9^9 strings once expanded), ending
/// in the value of a key.
fn bomb() -> String {
    let names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    let mut out = String::from("\n- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(", ");
        out.push_str(&format!("\n- &{} [{refs}]", w[1]));
    }
    out.push_str("\n- *i\n");
    out
}

#[test]
fn malformed_inputs_end_in_located_errors_not_panics() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    eprintln!("{} malformed inputs", cases.len());
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

/// Each nesting and size limit is refused at the line that crosses it, with what it is.
#[test]
fn nesting_and_size_limits_are_located_errors() {
    let cases = [
        (
            Role::Article,
            format!("Intro.\n\n{}x\n", "> ".repeat(5000)),
            ".md:3:1",
            "nested",
        ),
        (
            Role::Article,
            format!(
                "Intro.\n\n|{}\n|{}\n{}",
                "a|".repeat(1000),
                "-|".repeat(1000),
                "|\n".repeat(200)
            ),
            ".md:104:1",
            "cells",
        ),
        (
            Role::Sidecar,
            format!(
                "{GOOD_SIDECAR}claims: {}{}\n",
                "[".repeat(100),
                "]".repeat(100)
            ),
            ".claims.yaml:4:72",
            "YAML nested 65 deep, over the limit of 64",
        ),
    ];
    let mut shown = Vec::new();
    for (role, text, at, what) in cases {
        let t = TestRepo::newsroom("standard");
        t.tracked();
        case(&t, role, &text);
        let r = t.run_as(Some(EDITOR), &["check"]);
        assert_eq!(r.code, 2, "{what}: {}{}", r.stdout, r.stderr);
        // At `at` (the JSON finding's place), saying `what` (in the snapshot).
        let doc = t.expect(EDITOR, &["check", "--format", "json"], 2).json();
        let f = &doc.with("FC090")[0];
        let place = format!("{}:{}:{}", f.file, f.line, f.column);
        assert!(place.ends_with(at), "{what}: {place}");
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

/// An error in a YAML file names the line and column of what it is about, however the value
/// is written: a role spelt with an escape (`"wr\u0074er"`, the same unknown role as plain
/// `wrter`), found in its person's entry even when a comment above mentions it; an address
/// holding ESC (`"bob\e@x.org"`, not an address); a person listed twice, at the second entry;
/// the workflow's name after a comment; a raw control character, which libyaml reports by byte
/// offset, in a sidecar and in the config.
#[test]
fn yaml_errors_keep_their_line_and_column() {
    let roster = |entry: &str| {
        format!(
            "workflow: standard\n# wrter is a common typo\npeople:\n  - email: {EDITOR}\n    roles: [editor]\n{entry}"
        )
    };
    let cases = [
        (
            Role::Config,
            roster("  - email: bob@x.org\n    roles: [\"wr\\u0074er\"]\n"),
            "factcheck.yaml:7:13: bob@x.org: unknown role `wrter`",
        ),
        (
            Role::Config,
            roster(
                "  - email: bob@x.org\n    roles:\n      - \"fact-\\x63hecker\"\n      - 'wrter'\n",
            ),
            "factcheck.yaml:9:10: bob@x.org: unknown role `wrter`",
        ),
        (
            Role::Config,
            roster("  - email: \"bob\\e@x.org\"\n    roles: [writer]\n"),
            "factcheck.yaml:6:12: `bob\\u001b@x.org` is not an email address",
        ),
        (
            Role::Config,
            roster(&format!("  - email: {EDITOR}\n    roles: [writer]\n")),
            "factcheck.yaml:6:12: ed@example.org is listed twice in `people`",
        ),
        (
            Role::Config,
            "# our newsroom\n\nworkflow: nope\n".to_string(),
            "factcheck.yaml:3:11: unknown workflow `nope`",
        ),
        (
            Role::Config,
            "people: []\nworkflow: \"../x.yaml\"\n".to_string(),
            "factcheck.yaml:2:11: workflow path `../x.yaml`",
        ),
        (
            Role::Config,
            roster("  - email: bob@x.org\n    name: Bob \u{7}Smith\n    roles: [writer]\n"),
            "factcheck.yaml:7:15: control characters are not allowed: \\u0007",
        ),
        (
            Role::Sidecar,
            format!("{GOOD_SIDECAR}\n\u{1b}\n"),
            "articles/vitamin-d.claims.yaml:5:1: control characters are not allowed: \\u001b",
        ),
    ];
    let mut shown = Vec::new();
    for (role, text, said) in cases {
        let t = TestRepo::newsroom("standard");
        t.tracked();
        case(&t, role, &text);
        let r = t.run_as(Some(EDITOR), &["check", "--format", "json"]);
        assert_eq!(r.code, 2, "{said}: {}{}", r.stdout, r.stderr);
        match role {
            // The sidecar's error is its FC090 finding, at the character.
            Role::Sidecar => {
                let doc = r.json();
                let f = doc.with("FC090")[0];
                let place = format!("{}:{}:{}: {}", f.file, f.line, f.column, f.message);
                assert_eq!(place, said);
                assert!(f.help.as_deref().unwrap_or("").contains("escape"), "{f:?}");
            }
            _ => assert!(r.stderr.contains(said), "{said}:\n{}", r.stderr),
        }
        shown.push(t.run_as(Some(EDITOR), &["check"]));
    }
    snap!(transcripts(&shown));
}

#[test]
fn a_fifty_megabyte_sidecar_is_refused_with_a_clear_error() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let huge = format!("{GOOD_SIDECAR}# {}\n", "x".repeat(50 * 1024 * 1024));
    t.write(S, &huge);
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // Over the byte limit, naming the sidecar.
    snap!(r.transcript());
}

#[test]
fn a_sidecar_over_the_claim_limit_is_refused() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let claims: String = (0..10_001)
        .map(|i| format!("- id: c{i}\n  quote: {{exact: Vitamin D helps}}\n"))
        .collect();
    t.write(S, &format!("{GOOD_SIDECAR}claims:\n{claims}"));
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // 10001 claims, over the limit, at the line `claims:` starts.
    snap!(r.transcript());
}

/// The 16 MiB limit holds for what is read, not for the size a file reports: a device such as
/// `/dev/zero` reports 0 bytes and never ends.
#[test]
fn an_endless_file_is_cut_at_the_size_limit() {
    let t = TestRepo::newsroom("standard");
    t.ok(WRITER, &["track", A]);
    let r = t.expect(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--url",
            "https://x.org",
            "--snapshot",
            "/dev/zero",
        ],
        2,
    );
    // Over the 16777216 byte limit.
    snap!(r.transcript());
    assert!(!t.path().join("evidence").exists());
}

/// 2,000 claims whose words are nowhere in the article are each reported, without the sidecar
/// being searched from the top for each (quadratic: 10,000 such claims would take most of a
/// minute).
#[test]
fn thousands_of_missing_claims_are_each_reported() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let claims: String = (0..2000)
        .map(|i| format!("- id: c{i}\n  quote: {{exact: zebra{i} quokka narwhal, prefix: Vitamin D helps the body, suffix: the body absorb calcium}}\n"))
        .collect();
    t.write(S, &format!("{GOOD_SIDECAR}claims:\n{claims}"));
    let doc = t.check(1);
    let orphaned = doc.with("FC001");
    assert_eq!(orphaned.len(), 2000, "{:?}", doc.codes());
    assert!(doc.with("FC006").is_empty());
}

/// A quote of common words in a repetitive article occurs a hundred thousand times:
/// the ambiguity lists only its first occurrences; 64 such quotes are more than the article's
/// search budget pays for, and the search stops and says so once (FC006), for every claim it
/// left unsettled.
#[test]
fn a_search_over_its_budget_is_reported_once() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.write(A, &format!("{}\n", "the cat sat. ".repeat(100_000)));
    let claims = |n: usize| -> String {
        (0..n)
            .map(|i| format!("- id: c{i}\n  quote: {{exact: the cat sat}}\n"))
            .collect()
    };
    t.write(S, &format!("{GOOD_SIDECAR}claims:\n{}", claims(1)));
    let doc = t.check(1);
    let ambiguous = doc.with("FC002");
    assert_eq!(ambiguous.len(), 1, "{:?}", doc.codes());
    let message = &ambiguous[0].message;
    assert!(
        message.contains("occurs 100000 times (lines 1, 1,"),
        "{message}"
    );
    assert!(message.ends_with(", ...)"), "{message}");
    assert!(doc.with("FC006").is_empty());

    t.write(S, &format!("{GOOD_SIDECAR}claims:\n{}", claims(64)));
    let doc = t.check(1);
    let over = doc.with("FC006");
    assert_eq!(over.len(), 1, "{:?}", doc.codes());
    assert!(
        over[0]
            .message
            .contains("64 of 64 claims (from `c0` on) were not located"),
        "{}",
        over[0].message
    );
    assert!(doc.with("FC001").is_empty() && doc.with("FC002").is_empty());
}

/// Made-up prose, deterministic: `sentences` sentences of 8–20 words from a vocabulary of
/// syllables, in one paragraph hard-wrapped at 80 columns (so every claim's block is the
/// whole article).
fn paragraph(seed: u64, sentences: usize) -> Vec<String> {
    const SYLLABLES: [&str; 12] = [
        "ka", "lo", "mi", "ne", "ra", "to", "vu", "se", "di", "po", "an", "el",
    ];
    let mut x = seed;
    let mut next = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    (0..sentences)
        .map(|_| {
            let n = 8 + next(13);
            let words: Vec<String> = (0..n)
                .map(|_| (0..2 + next(3)).map(|_| SYLLABLES[next(12)]).collect())
                .collect();
            let mut s = words.join(" ");
            s[..1].make_ascii_uppercase();
            s + "."
        })
        .collect()
}

fn wrapped(sentences: &[String]) -> String {
    let mut out = String::from("# Long\n\n");
    let mut line = String::new();
    for word in sentences.join(" ").split(' ') {
        if line.len() + word.len() > 80 {
            out.push_str(line.trim_end());
            out.push('\n');
            line.clear();
        }
        line.push_str(word);
        line.push(' ');
    }
    out + line.trim_end() + "\n"
}

/// A 100 KB paragraph with ten claims, rewritten whole: `check` follows every claim through
/// the rewrite (a word diff of the whole paragraph for each) and settles each one; `check` and
/// `diff` print the same thing on every run.
#[test]
fn a_whole_rewrite_is_settled_the_same_way_on_every_run() {
    let t = TestRepo::newsroom("light");
    let old = paragraph(1, 1_000);
    t.write(A, &wrapped(&old));
    t.ok(WRITER, &["track", A]);
    for (i, s) in old.iter().step_by(100).enumerate() {
        t.ok(
            WRITER,
            &["claim", "add", A, "--quote", s, "--id", &format!("c{i}")],
        );
    }
    t.commit(WRITER, "first");
    t.write(A, &wrapped(&paragraph(2, 1_000)));
    t.commit(WRITER, "rewritten");

    let check = || t.run_as(Some(EDITOR), &["check", A, "--format", "json"]);
    let first = check();
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert_eq!(check().stdout, first.stdout, "the same on every run");
    let doc = first.json();
    assert!(doc.with("FC006").is_empty(), "{:?}", doc.codes());
    // Every claim is settled: its words are gone, or elsewhere and changed, or its place now
    // holds other words.
    for i in 0..10 {
        let id = format!("c{i}");
        let settled = doc.articles[0].findings.iter().any(|f| {
            f.claim.as_deref() == Some(id.as_str())
                && ["FC001", "FC003", "FC005"].contains(&f.code.as_str())
        });
        assert!(settled, "{id}: {:?}", doc.codes());
    }

    let diff = || {
        t.run_as(
            Some(EDITOR),
            &[
                "diff", A, "--from", "HEAD~1", "--to", "HEAD", "--format", "json",
            ],
        )
    };
    let first = diff();
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(diff().stdout, first.stdout, "the same on every run");
    let doc: serde_json::Value = serde_json::from_str(&first.stdout).unwrap();
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 10);
    assert!(
        claims.iter().all(|c| c["change"] != "unchanged"),
        "{claims:?}"
    );
}

/// A named pipe where a file is expected (a sidecar, the lock file) would make opening it wait
/// for ever for the other end: it is refused at once (exit 2), naming it.
#[cfg(unix)]
#[test]
fn a_named_pipe_for_a_file_is_refused_not_waited_on() {
    let t = TestRepo::newsroom("light");
    t.tracked();
    for file in ["articles/vitamin-d.claims.yaml", "articles/.factcheck.lock"] {
        let path = t.path().join(file);
        let _ = std::fs::remove_file(&path);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let args: &[&str] = if file.ends_with(".lock") {
            &[
                "claim",
                "add",
                A,
                "--quote",
                "Some people say fish oil tastes awful",
            ]
        } else {
            &["check"]
        };
        let r = t.expect(WRITER, args, 2);
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(
            said.contains("is a named pipe or a socket, not a file"),
            "{said}"
        );
        std::fs::remove_file(&path).unwrap();
    }
}
