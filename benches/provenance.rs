//! Benchmark: `factcheck check --provenance` over a long history, against `git log -p` on the
//! sidecars (issue #4).
//!
//! Builds a temporary repository with 50 tracked articles (20 claims each) and a history of
//! 5,000 commits: fact-checkers adding sign-offs (authored by themselves), writers editing
//! text, editors signing off articles. Then times, as whole processes (best of 3):
//! - `factcheck check --provenance ARTICLE` for one article vs `git log -p -- ITS-SIDECAR`;
//! - `factcheck check --provenance` for all 50 vs `git log -p -- 'articles/*.claims.yaml'`.
//!
//! Then the pull-request gate's slope: `check --changed-since BASE --provenance` on a branch of
//! 500, 1,000 and 2,000 commits that each add a sign-off to one sidecar (issue #27: asking of
//! every record's commit whether it is the branch's walked the graph each time, 1,000 commits
//! 1.6 s and 2,000 6 s; now the branch's commits are listed once).
//!
//! Run: `cargo bench --bench provenance` (needs `git` on PATH for the comparison only).

use std::process::Command;
use std::time::Duration;

// Shared by several bench targets, each using part of it.
#[allow(dead_code)]
#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/timing.rs"]
mod timing;

use corpus::Rng;
use factcheck::model::Status;
use factcheck::model::sidecar::{ArticleSignoff, Claim, ClaimSignoff, Sidecar};
use factcheck::text::anchor;
use factcheck::text::article::Article;

const ARTICLES: usize = 50;
const CLAIMS: usize = 20;
const COMMITS: usize = 5_000;
const WRITER: &str = "writer@example.org";
const CHECKER: &str = "checker@example.org";
const EDITOR: &str = "editor@example.org";

fn article_text(i: usize, edits: usize) -> String {
    let mut s = format!("# Article {i}\n\n");
    for c in 0..CLAIMS {
        s.push_str(&format!(
            "Study {i}-{c} found that {} percent of adults sleep less than seven hours. ",
            (i * 7 + c * 3) % 90 + 5
        ));
        if c % 4 == 3 {
            s.push_str("\n\n");
        }
    }
    for e in 0..edits {
        s.push_str(&format!(
            "\n\nUpdate {e}: editors added context to this article.\n"
        ));
    }
    s
}

fn main() {
    // For profiling: `FACTCHECK_BENCH_BRANCH=N` builds the branch case of N commits, times it
    // once and keeps the repository (its path is printed).
    if let Some(n) = std::env::var("FACTCHECK_BENCH_BRANCH")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        let (t, dir) = branch_gate(n);
        println!("{} ms in {}", t.as_millis(), dir.keep().display());
        return;
    }
    whole_history();
    for n in [500, 1_000, 2_000] {
        let (t, _) = branch_gate(n);
        println!(
            "branch of {n:5} commits on one sidecar: check --changed-since BASE --provenance {:8.1} ms",
            t.as_secs_f64() * 1000.0
        );
    }
}

/// The best of 3 times of the pull-request gate on a branch of `n` commits, each adding a
/// fact-checker's sign-off to one of 20 claims of one article.
fn branch_gate(n: usize) -> (Duration, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let repo = git2::Repository::init(root).unwrap();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::write(
        root.join("factcheck.yaml"),
        format!(
            "workflow: light\npeople:\n  - email: {WRITER}\n    roles: [writer]\n  - email: {CHECKER}\n    roles: [fact-checker]\n"
        ),
    )
    .unwrap();
    let md = article_text(0, 0);
    let a = Article::parse(md.clone(), &[]);
    let mut s = Sidecar {
        article: "a00.md".into(),
        authors: vec![WRITER.into()],
        ..Sidecar::default()
    };
    s.claims = claims_of(&a);
    std::fs::write(root.join("articles/a00.md"), md).unwrap();
    std::fs::write(root.join("articles/a00.claims.yaml"), s.to_yaml()).unwrap();
    timing::commit(&repo, None, WRITER, "draft", 1_700_000_000);
    let base = repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .id()
        .to_string();
    for k in 0..n {
        let claim = &mut s.claims[k % CLAIMS];
        claim.signoffs.push(ClaimSignoff {
            by: CHECKER.into(),
            role: "fact-checker".into(),
            verdict: Status::Verified,
            at: format!(
                "2026-01-{:02}T{:02}:{:02}:00Z",
                1 + k / 1440,
                (k / 60) % 24,
                k % 60
            )
            .into(),
            text: factcheck::text::fingerprint::text_hash(&claim.quote.exact).into(),
            evidence: None,
            article: None,
        });
        std::fs::write(root.join("articles/a00.claims.yaml"), s.to_yaml()).unwrap();
        let paths = ["articles/a00.claims.yaml".to_string()];
        timing::commit(
            &repo,
            Some(&paths),
            CHECKER,
            "verify",
            1_700_000_060 + 60 * k as i64,
        );
    }
    let fc = env!("CARGO_BIN_EXE_factcheck");
    let best = timing::best_of(3, || {
        Command::new(fc)
            .current_dir(root)
            .args([
                "check",
                "--changed-since",
                &base,
                "--provenance",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
    });
    (best, dir)
}

/// A claim on each of the first [`CLAIMS`] sentences of `a` after its heading, unverified.
fn claims_of(a: &Article) -> Vec<Claim> {
    let sentences = a.text.sentences();
    let spans = sentences.iter().skip(1).take(CLAIMS);
    spans
        .enumerate()
        .map(|(c, span)| Claim {
            id: format!("c{c:02}"),
            quote: anchor::capture(&a.text, *span),
            kind: Default::default(),
            status: Status::Unverified,
            sources: Vec::new(),
            note: None,
            signoffs: Vec::new(),
        })
        .collect()
}

/// `check --provenance` over a 5,000-commit history against `git log -p`.
fn whole_history() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let repo = git2::Repository::init(root).unwrap();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::write(
        root.join("factcheck.yaml"),
        format!(
            "workflow: standard\npeople:\n  - email: {WRITER}\n    roles: [writer]\n  - email: {CHECKER}\n    roles: [fact-checker]\n  - email: {EDITOR}\n    roles: [editor]\n"
        ),
    )
    .unwrap();
    let mut edits = vec![0usize; ARTICLES];
    let mut sidecars: Vec<Sidecar> = Vec::new();
    let mut all = vec!["factcheck.yaml".to_string()];
    for (i, edit_count) in edits.iter().enumerate() {
        let md = article_text(i, *edit_count);
        let a = Article::parse(md.clone(), &[]);
        let mut s = Sidecar {
            article: format!("a{i:02}.md"),
            authors: vec![WRITER.into()],
            ..Sidecar::default()
        };
        s.claims = claims_of(&a);
        std::fs::write(root.join(format!("articles/a{i:02}.md")), md).unwrap();
        std::fs::write(
            root.join(format!("articles/a{i:02}.claims.yaml")),
            s.to_yaml(),
        )
        .unwrap();
        all.push(format!("articles/a{i:02}.md"));
        all.push(format!("articles/a{i:02}.claims.yaml"));
        sidecars.push(s);
    }
    timing::commit(&repo, Some(&all), WRITER, "commit 0", 1_700_000_000);

    let mut rng = Rng(0x9e37_79b9);
    for n in 1..COMMITS {
        let i = rng.below(ARTICLES);
        let md_rel = format!("articles/a{i:02}.md");
        let sc_rel = format!("articles/a{i:02}.claims.yaml");
        let (who, changed) = match rng.below(3) {
            0 => {
                edits[i] += 1;
                std::fs::write(root.join(&md_rel), article_text(i, edits[i])).unwrap();
                (WRITER, md_rel)
            }
            1 => {
                let c = rng.below(CLAIMS);
                let claim = &mut sidecars[i].claims[c];
                claim.status = Status::Verified;
                claim.signoffs.push(ClaimSignoff {
                    by: CHECKER.into(),
                    role: "fact-checker".into(),
                    verdict: Status::Verified,
                    at: format!("2026-01-01T00:{:02}:{:02}Z", (n / 60) % 60, n % 60).into(),
                    text: factcheck::text::fingerprint::text_hash(&claim.quote.exact).into(),
                    evidence: None,
                    article: None,
                });
                std::fs::write(root.join(&sc_rel), sidecars[i].to_yaml()).unwrap();
                (CHECKER, sc_rel)
            }
            _ => {
                sidecars[i].review.push(ArticleSignoff {
                    by: EDITOR.into(),
                    role: "editor".into(),
                    at: format!("2026-01-01T01:{:02}:{:02}Z", (n / 60) % 60, n % 60).into(),
                    article: "0".repeat(40).into(),
                    claims: format!("sha256:{}", "0".repeat(64)).into(),
                });
                std::fs::write(root.join(&sc_rel), sidecars[i].to_yaml()).unwrap();
                (EDITOR, sc_rel)
            }
        };
        timing::commit(
            &repo,
            Some(&[changed]),
            who,
            &format!("commit {n}"),
            1_700_000_000 + 60 * n as i64,
        );
    }

    let fc = env!("CARGO_BIN_EXE_factcheck");
    let git = |args: &[&str]| {
        Command::new("git")
            .current_dir(root)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap()
    };
    let one_ours = timing::best_of(3, || {
        Command::new(fc)
            .current_dir(root)
            .args([
                "check",
                "--provenance",
                "--format",
                "json",
                "articles/a07.md",
            ])
            .output()
            .unwrap()
    });
    let one_git = timing::best_of(3, || git(&["log", "-p", "--", "articles/a07.claims.yaml"]));
    let all_ours = timing::best_of(3, || {
        Command::new(fc)
            .current_dir(root)
            .args(["check", "--provenance", "--format", "json"])
            .output()
            .unwrap()
    });
    let all_git = timing::best_of(3, || git(&["log", "-p", "--", "articles/*.claims.yaml"]));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("history: {COMMITS} commits, {ARTICLES} articles x {CLAIMS} claims (best of 3)");
    println!(
        "one article:  factcheck check --provenance {:8.1} ms   git log -p -- sidecar {:8.1} ms   ratio {:.2}x",
        ms(one_ours),
        ms(one_git),
        one_ours.as_secs_f64() / one_git.as_secs_f64()
    );
    println!(
        "all articles: factcheck check --provenance {:8.1} ms   git log -p -- sidecars {:7.1} ms   ratio {:.2}x",
        ms(all_ours),
        ms(all_git),
        all_ours.as_secs_f64() / all_git.as_secs_f64()
    );
}
