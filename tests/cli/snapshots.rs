//! Snapshot tests of whole outputs on the example newsroom and a session on the test article:
//! each case runs the real binary and stores everything a user sees — the command line, the
//! exit code, stdout and stderr, and for the commands that write pages, the files written — in
//! `tests/cli/snapshots/<name>.snap`.
//!
//! They are a safety net for refactors that must not change any output: a changed byte fails
//! the test. Review a change with `cargo insta review` (or read the `.snap.new` files beside the
//! snapshots); see ARCHITECTURE.md, "Snapshots". The command modules store what their own cases
//! print in the same folder (`snap!`, `Run::transcript` and `transcript` are in `support.rs`);
//! these cover every command and format over one realistic newsroom.
//!
//! Only what differs from machine to machine is replaced: the temporary repository's path
//! (`[REPO]`) and the crate version (`[VERSION]`). Commit ids are stable because the test
//! repositories commit with fixed authors and dates, and the clock is fixed (`FACTCHECK_NOW`).

use std::fmt::Write as _;
use std::path::Path;

use scraper::{Html, Node};

use crate::support::*;

/// The example newsroom's people.
const DANA: &str = "dana.writer@example.org";
const ALEX: &str = "alex.editor@example.org";

const DEPRESSION: &str = "articles/depression-explained.md";
const SEX_THERAPY: &str = "articles/sex-therapy.md";
const SLEEP: &str = "articles/sleep-and-health.md";

/// The structure of an HTML page, one node a line, indented by depth: elements with their
/// attributes (sorted by name), text (trimmed; whitespace-only text left out), and the contents
/// of `<style>` and `<script>` as they are. The first line gives the page's size in bytes, so
/// that a change the outline does not show (whitespace between tags) still fails.
fn html_outline(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = format!("bytes: {}\n", html.len());
    for node in doc.tree.root().descendants() {
        // The document node is the root; its children are at depth 0.
        let pad = "  ".repeat(node.ancestors().count().saturating_sub(1));
        match node.value() {
            Node::Doctype(d) => {
                let _ = writeln!(out, "{pad}<!DOCTYPE {}>", d.name());
            }
            Node::Comment(c) => {
                let _ = writeln!(out, "{pad}<!--{}-->", &**c);
            }
            Node::Text(text) => {
                let raw = node
                    .parent()
                    .and_then(|p| p.value().as_element().map(|e| e.name().to_string()))
                    .is_some_and(|name| name == "style" || name == "script");
                if raw {
                    for l in text.lines() {
                        let _ = writeln!(out, "{pad}| {l}");
                    }
                } else {
                    let trimmed = text.trim();
                    if !trimmed.is_empty() {
                        let _ = writeln!(out, "{pad}{trimmed:?}");
                    }
                }
            }
            Node::Element(e) => {
                let mut attrs: Vec<(&str, &str)> = e.attrs().collect();
                attrs.sort();
                let _ = write!(out, "{pad}<{}", e.name());
                for (k, v) in attrs {
                    let _ = write!(out, " {k}={v:?}");
                }
                out.push_str(">\n");
            }
            _ => {}
        }
    }
    out
}

/// The files under `dir` (relative to it, sorted, with their sizes).
fn list_files(dir: &Path) -> String {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                walk(base, &e.path(), out);
            } else {
                let rel = e.path().strip_prefix(base).unwrap().display().to_string();
                out.push(format!("{rel} ({} bytes)", e.metadata().unwrap().len()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files.join("\n") + "\n"
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The bundled example newsroom (`examples/newsroom`), committed once by its editor: one
/// article passes, one is a draft with ~30 findings of many kinds, one was edited after its
/// sign-offs.
fn example() -> TestRepo {
    let t = TestRepo::empty();
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/newsroom")),
        t.path(),
    );
    t.commit(ALEX, "The example newsroom");
    t
}

/// The test article approved in the `standard` workflow and committed.
fn approved() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(WRITER, "Approved vitamin D explainer");
    t
}

/// [`approved`], then the writer changes a verified claim's number and adds a sentence, and
/// commits: the claim's sign-off and the editor's are stale.
fn edited() -> TestRepo {
    let t = approved();
    t.edit(A, "15 micrograms", "20 micrograms");
    t.edit(
        A,
        "Some people say",
        "About 40% of adults are deficient in winter. Some people say",
    );
    t
}

// ---------------------------------------------------------------------------------------------
// check on the example newsroom, in every format.

#[test]
fn check_human() {
    let t = example();
    snap!("check_human", transcript(&t, Some(ALEX), &["check"]));
}

#[test]
fn check_quiet() {
    let t = example();
    snap!("check_quiet", transcript(&t, Some(ALEX), &["-q", "check"]));
}

#[test]
fn check_verbose() {
    let t = example();
    snap!(
        "check_verbose",
        transcript(&t, Some(ALEX), &["-v", "check"])
    );
}

#[test]
fn check_only_codes() {
    let t = example();
    snap!(
        "check_only_codes",
        transcript(
            &t,
            Some(ALEX),
            &["check", "--only", "FC031,stale-article-signoff"]
        )
    );
}

#[test]
fn check_one_passing_article() {
    let t = example();
    snap!(
        "check_one_passing_article",
        transcript(&t, Some(ALEX), &["check", SLEEP])
    );
}

#[test]
fn check_json() {
    let t = example();
    snap!(
        "check_json",
        transcript(&t, Some(ALEX), &["check", "--format", "json"])
    );
}

#[test]
fn check_sarif() {
    let t = example();
    snap!(
        "check_sarif",
        transcript(&t, Some(ALEX), &["check", "--format", "sarif"])
    );
}

#[test]
fn check_junit() {
    let t = example();
    snap!(
        "check_junit",
        transcript(&t, Some(ALEX), &["check", "--format", "junit"])
    );
}

#[test]
fn check_github() {
    let t = example();
    snap!(
        "check_github",
        transcript(&t, Some(ALEX), &["check", "--format", "github"])
    );
}

// ---------------------------------------------------------------------------------------------
// Views of the example newsroom.

#[test]
fn status_table() {
    let t = example();
    snap!("status_table", transcript(&t, Some(ALEX), &["status"]));
}

#[test]
fn status_json() {
    let t = example();
    snap!(
        "status_json",
        transcript(&t, Some(ALEX), &["status", "--format", "json"])
    );
}

#[test]
fn status_html() {
    let t = example();
    let run = transcript(&t, Some(ALEX), &["status", "--html", "out/status.html"]);
    let page = html_outline(&t.read("out/status.html"));
    snap!("status_html", format!("{run}\n=== out/status.html\n{page}"));
}

#[test]
fn claim_list_human() {
    let t = example();
    snap!(
        "claim_list_human",
        transcript(&t, Some(ALEX), &["claim", "list", DEPRESSION])
    );
}

#[test]
fn claim_list_json() {
    let t = example();
    snap!(
        "claim_list_json",
        transcript(
            &t,
            Some(ALEX),
            &["claim", "list", SEX_THERAPY, "--format", "json"]
        )
    );
}

#[test]
fn claim_suggest_human() {
    let t = example();
    snap!(
        "claim_suggest_human",
        transcript(&t, Some(DANA), &["claim", "suggest", DEPRESSION])
    );
}

#[test]
fn claim_suggest_json() {
    let t = example();
    snap!(
        "claim_suggest_json",
        transcript(
            &t,
            Some(DANA),
            &["claim", "suggest", DEPRESSION, "--format", "json"]
        )
    );
}

#[test]
fn report_html() {
    let t = example();
    let run = transcript(
        &t,
        Some(ALEX),
        &["report", SEX_THERAPY, "--html", "out/report.html"],
    );
    let page = html_outline(&t.read("out/report.html"));
    snap!("report_html", format!("{run}\n=== out/report.html\n{page}"));
}

#[test]
fn export_claimreview() {
    let t = example();
    snap!(
        "export_claimreview",
        transcript(
            &t,
            Some(ALEX),
            &[
                "export",
                "--claimreview",
                SLEEP,
                "--url",
                "https://health.example.org/sleep",
            ]
        )
    );
}

#[test]
fn explain_code() {
    let t = example();
    snap!("explain_code", transcript(&t, None, &["explain", "FC031"]));
}

#[test]
fn explain_name() {
    let t = example();
    snap!(
        "explain_name",
        transcript(&t, None, &["explain", "uncovered-sentence"])
    );
}

#[test]
fn explain_unknown_code() {
    let t = example();
    snap!(
        "explain_unknown_code",
        transcript(&t, None, &["explain", "FC999"])
    );
}

// ---------------------------------------------------------------------------------------------
// A session on the test article: track, sources, claims, review, edit, history.

#[test]
fn writer_session() {
    let t = TestRepo::newsroom("standard");
    let steps: &[(Option<&str>, &[&str])] = &[
        (Some(WRITER), &["track", A]),
        (
            Some(WRITER),
            &[
                "source",
                "add",
                A,
                "--id",
                "nih-ods",
                "--url",
                "https://ods.od.nih.gov/factsheets/VitaminD-Consumer/",
                "--kind",
                "government",
                "--published",
                "2024-03-01",
            ],
        ),
        (
            Some(WRITER),
            &[
                "claim",
                "add",
                A,
                "--id",
                "fifteen-micrograms",
                "--kind",
                "statistic",
                "--quote",
                "Most adults need 15 micrograms of vitamin D a day",
                "--source",
                "nih-ods",
            ],
        ),
        (
            Some(WRITER),
            &[
                "claim",
                "add",
                A,
                "--kind",
                "medical",
                "--quote",
                "Vitamin D helps the body absorb calcium",
            ],
        ),
        (Some(WRITER), &["submit", A]),
        (Some(WRITER), &["status"]),
    ];
    snap!("writer_session", session(&t, steps));
}

#[test]
fn review_session() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let steps: &[(Option<&str>, &[&str])] = &[
        (Some(WRITER), &["submit", A]),
        (Some(CHECKER), &["verify", A, "absorb-calcium"]),
        (
            Some(CHECKER),
            &[
                "verify",
                A,
                "fifteen-micrograms",
                "--status",
                "verified",
                "--note",
                "Table 1 of the fact sheet",
            ],
        ),
        (Some(EDITOR), &["signoff", A, "--role", "editor"]),
        (Some(EDITOR), &["check"]),
    ];
    snap!("review_session", session(&t, steps));
}

#[test]
fn check_passing_human() {
    let t = approved();
    snap!(
        "check_passing_human",
        transcript(&t, Some(EDITOR), &["check"])
    );
}

#[test]
fn check_passing_json() {
    let t = approved();
    snap!(
        "check_passing_json",
        transcript(&t, Some(EDITOR), &["check", "--format", "json"])
    );
}

#[test]
fn check_after_edit_human() {
    let t = edited();
    snap!(
        "check_after_edit_human",
        transcript(&t, Some(EDITOR), &["check"])
    );
}

#[test]
fn check_after_edit_json() {
    let t = edited();
    snap!(
        "check_after_edit_json",
        transcript(&t, Some(EDITOR), &["check", "--format", "json"])
    );
}

#[test]
fn claim_list_after_edit() {
    let t = edited();
    snap!(
        "claim_list_after_edit",
        transcript(&t, Some(WRITER), &["claim", "list", A])
    );
}

#[test]
fn status_after_edit() {
    let t = edited();
    snap!(
        "status_after_edit",
        transcript(&t, Some(WRITER), &["status"])
    );
}

#[test]
fn diff_human() {
    let t = edited();
    snap!("diff_human", transcript(&t, Some(WRITER), &["diff", A]));
}

#[test]
fn diff_json() {
    let t = edited();
    snap!(
        "diff_json",
        transcript(&t, Some(WRITER), &["diff", A, "--format", "json"])
    );
}

#[test]
fn diff_since_signoff_human() {
    let t = edited();
    t.commit(WRITER, "20 micrograms, and winter");
    snap!(
        "diff_since_signoff_human",
        transcript(&t, Some(CHECKER), &["diff", "--since-signoff", A])
    );
}

#[test]
fn diff_since_signoff_json() {
    let t = edited();
    t.commit(WRITER, "20 micrograms, and winter");
    snap!(
        "diff_since_signoff_json",
        transcript(
            &t,
            Some(WRITER),
            &[
                "diff",
                "--since-signoff",
                "--by",
                "anyone",
                A,
                "--format",
                "json"
            ]
        )
    );
}

#[test]
fn log_human() {
    let t = edited();
    t.commit(WRITER, "20 micrograms, and winter");
    snap!("log_human", transcript(&t, Some(WRITER), &["log", A]));
}

#[test]
fn log_json() {
    let t = edited();
    t.commit(WRITER, "20 micrograms, and winter");
    snap!(
        "log_json",
        transcript(&t, Some(WRITER), &["log", A, "--format", "json"])
    );
}

#[test]
fn cite_makes_signoffs_stale() {
    let t = approved();
    snap!(
        "cite_makes_signoffs_stale",
        transcript(
            &t,
            Some(WRITER),
            &["cite", A, "fifteen-micrograms", "nhs-vitd"]
        )
    );
}

#[test]
fn reanchor_after_edit() {
    let t = approved();
    t.edit(
        A,
        "helps the body absorb calcium",
        "helps the body take up calcium",
    );
    snap!(
        "reanchor_after_edit",
        transcript(&t, Some(WRITER), &["reanchor", A, "--dry-run"])
    );
}

#[test]
fn publish_out() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "people:\n",
        "site:\n  name: Health Daily\n  url: https://health.example.org/\npeople:\n",
    );
    t.approved();
    t.commit(WRITER, "Approved vitamin D explainer");
    let run = transcript(&t, Some(EDITOR), &["publish", A, "--out", "public"]);
    let files = list_files(&t.path().join("public"));
    let page = html_outline(&t.read("public/vitamin-d.html"));
    let manifest = t.read("public/vitamin-d.factcheck.json");
    snap!(
        "publish_out",
        format!(
            "{run}\n=== files in public/\n{files}\n=== public/vitamin-d.factcheck.json\n{manifest}\n=== public/vitamin-d.html\n{page}"
        )
    );
}

#[test]
fn publish_correct_log_session() {
    let t = approved();
    let publish = transcript(&t, Some(EDITOR), &["publish", A]);
    t.commit(EDITOR, "Publish vitamin D explainer");
    t.edit(A, "tastes awful", "tastes fishy");
    let correct = transcript(
        &t,
        Some(EDITOR),
        &[
            "correct",
            A,
            "--note",
            "We misquoted a reader about fish oil.",
        ],
    );
    t.commit(EDITOR, "Correction");
    let log = transcript(&t, Some(EDITOR), &["log", A]);
    let status = transcript(&t, Some(EDITOR), &["status"]);
    snap!(
        "publish_correct_log_session",
        [publish, correct, log, status].join("\n")
    );
}

#[test]
fn publish_blocked() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    snap!(
        "publish_blocked",
        transcript(&t, Some(EDITOR), &["publish", A, "--out", "public"])
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals and errors (exit 2).

#[test]
fn refusal_writer_verifies() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    snap!(
        "refusal_writer_verifies",
        transcript(&t, Some(WRITER), &["verify", A, "absorb-calcium"])
    );
}

#[test]
fn refusal_writer_signs_off_as_editor() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    snap!(
        "refusal_writer_signs_off_as_editor",
        transcript(&t, Some(WRITER), &["signoff", A, "--role", "editor"])
    );
}

#[test]
fn refusal_submit_without_source() {
    let t = TestRepo::newsroom("standard");
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "absorb-calcium",
            "--quote",
            "Vitamin D helps the body absorb calcium",
        ],
    );
    snap!(
        "refusal_submit_without_source",
        transcript(&t, Some(WRITER), &["submit", A])
    );
}

#[test]
fn error_unknown_claim() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    snap!(
        "error_unknown_claim",
        transcript(&t, Some(CHECKER), &["verify", A, "absorb-calcum"])
    );
}

#[test]
fn error_broken_sidecar() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(S, "claims:\n", "claims: [unclosed\n");
    snap!(
        "error_broken_sidecar",
        transcript(&t, Some(EDITOR), &["check"])
    );
}

#[test]
fn error_sidecar_bad_value() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(S, "stage: draft", "stage: drafted");
    snap!(
        "error_sidecar_bad_value",
        transcript(&t, Some(WRITER), &["claim", "list", A])
    );
}

#[test]
fn error_bad_config_key() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit("factcheck.yaml", "articles:", "article:");
    snap!(
        "error_bad_config_key",
        transcript(&t, Some(EDITOR), &["check"])
    );
}

#[test]
fn error_unknown_article() {
    let t = TestRepo::newsroom("standard");
    snap!(
        "error_unknown_article",
        transcript(
            &t,
            Some(WRITER),
            &["claim", "list", "articles/vitamin-e.md"]
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Help and schemas.

#[test]
fn help_top_level() {
    let t = TestRepo::empty();
    snap!("help_top_level", transcript(&t, None, &["--help"]));
}

#[test]
fn help_check() {
    let t = TestRepo::empty();
    snap!("help_check", transcript(&t, None, &["check", "--help"]));
}

#[test]
fn help_short_claim() {
    let t = TestRepo::empty();
    snap!("help_short_claim", transcript(&t, None, &["claim", "-h"]));
}

#[test]
fn usage_error() {
    let t = TestRepo::empty();
    snap!(
        "usage_error",
        transcript(&t, None, &["check", "--format", "yaml"])
    );
}

#[test]
fn schema_sidecar() {
    let t = TestRepo::empty();
    snap!(
        "schema_sidecar",
        transcript(&t, None, &["schema", "sidecar"])
    );
}

#[test]
fn schema_config() {
    let t = TestRepo::empty();
    snap!("schema_config", transcript(&t, None, &["schema", "config"]));
}
