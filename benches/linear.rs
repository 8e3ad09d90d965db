//! Benchmark: work that used to grow with the square of the input (issue #27), at three sizes
//! each, so the slope shows. Whole-command wall times (best of 3) on generated repositories:
//!
//! - **whole rewrite**: an article with 20 claims, committed, then rewritten in one commit
//!   (same made-up vocabulary, new sentences); `check` follows every claim through the
//!   rewrite, `diff --from HEAD~1 --to HEAD` compares the two versions. Two shapes: paragraphs
//!   of 2–6 sentences, and one paragraph (every claim's block is the whole article). Default
//!   sizes 100 KB, 300 KB, 1 MB (`FACTCHECK_BENCH_REWRITE_KB=100,300,1000`).
//! - **unclosed template openers**: an article made of one line repeated (ten openers a line),
//!   each opener a template construct that never closes — Zola `{{ f(`, MDX `<A x="`, Liquid
//!   `{% raw %}` and `{% comment %}` — on a site of that generator; `check`. Default sizes
//!   1 MB, 4 MB, 16 MB (`FACTCHECK_BENCH_TEMPLATE_KB=…`). The unclosed comment is refused
//!   (exit 2) after masking; 16 MB of MDX openers hold 700,000 `<`, over the limit of 500,000
//!   markup characters, and are refused (exit 2) before masking.
//!
//! Every run of a command must print the same output (results are deterministic); the
//! findings of `check` and the claim changes of `diff` are printed by code.
//!
//! `FACTCHECK_BENCH_RUNS=1` runs each command once instead of the best of 3. The slope printed is log(t₂/t₁)/log(n₂/n₁) between consecutive sizes: 1 is linear, 2
//! quadratic. `FACTCHECK_BENCH_BIN=/path/to/factcheck` times another build (the figures before
//! the change were taken that way).
//!
//! Run: `cargo bench --bench linear`. Results: docs/PERFORMANCE.md.

// Shared by several bench targets, each using part of it.
#[allow(dead_code)]
#[path = "support/corpus.rs"]
mod corpus;
#[allow(dead_code)]
#[path = "support/timing.rs"]
mod timing;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use corpus::Rng;
use factcheck::model::sidecar::{Claim, Sidecar};
use factcheck::text::anchor;
use factcheck::text::article::Article;
use factcheck::text::worddiff::Edit;

const CLAIMS: usize = 20;

/// Runs of each command; the best counts (`FACTCHECK_BENCH_RUNS`, default 3).
fn runs() -> usize {
    sizes("FACTCHECK_BENCH_RUNS", &[3])
        .first()
        .copied()
        .unwrap_or(3)
}

fn fc() -> PathBuf {
    std::env::var_os("FACTCHECK_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_factcheck")))
}

fn sizes(var: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(var)
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}

/// The best wall time of [`runs`] runs of `factcheck args` in `root`, its exit code and its
/// output (a crash or a panic fails the benchmark; every run must print the same).
fn time(root: &Path, args: &[&str]) -> (Duration, i32, String) {
    let mut best = Duration::MAX;
    let mut code = 0;
    let mut stdout: Option<String> = None;
    for _ in 0..runs() {
        let t = Instant::now();
        let out = Command::new(fc())
            .args(args)
            .current_dir(root)
            .output()
            .expect("factcheck runs");
        best = best.min(t.elapsed());
        code = out.status.code().unwrap_or(-1);
        assert!(
            (0..=2).contains(&code),
            "factcheck {args:?}: {code}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed = String::from_utf8_lossy(&out.stdout).into_owned();
        if let Some(before) = &stdout {
            assert_eq!(
                before, &printed,
                "factcheck {args:?} printed something else"
            );
        }
        stdout = Some(printed);
    }
    (best, code, stdout.unwrap_or_default())
}

/// How many of each finding code (`check`) or claim change (`diff`) a JSON output holds.
fn outcome(json: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let findings = doc["articles"][0]["findings"].as_array().cloned();
    let claims = doc["claims"].as_array().cloned();
    for item in findings.or(claims).unwrap_or_default() {
        let key = item["code"]
            .as_str()
            .or(item["change"].as_str())
            .unwrap_or("?");
        *counts.entry(key.to_string()).or_default() += 1;
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k}×{n}")).collect();
    parts.join(" ")
}

/// A made-up vocabulary: 5,000 words of two to four syllables.
fn vocabulary(rng: &mut Rng) -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ne", "ra", "to", "vu", "se", "di", "po", "an", "el", "or", "us", "ti",
        "ba",
    ];
    (0..5_000)
        .map(|_| (0..2 + rng.below(3)).map(|_| rng.pick(SYLLABLES)).collect())
        .collect()
}

/// A sentence of 8–24 words: about half common function words, the rest drawn with a
/// skew towards the first words of the vocabulary.
fn sentence(rng: &mut Rng, words: &[String]) -> String {
    const COMMON: &[&str] = &[
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
        "by", "on", "not", "this", "are", "or", "from", "at", "which", "but", "have",
    ];
    let n = 8 + rng.below(17);
    let mut s: String = (0..n)
        .map(|_| match rng.below(2) {
            0 => rng.pick(COMMON).to_string(),
            _ => {
                // Skewed: a bound drawn first, then a word below it.
                let bound = 1 + rng.below(words.len());
                words[rng.below(bound)].clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    s[..1].make_ascii_uppercase();
    s.push('.');
    s
}

/// An article of about `bytes` bytes: paragraphs of 2–6 sentences wrapped at 80 columns,
/// separated by blank lines (or only by line breaks: one paragraph).
fn article(rng: &mut Rng, words: &[String], bytes: usize, one_block: bool) -> String {
    let mut out = String::from("---\ntitle: A long article\n---\n# A long article\n\n");
    while out.len() < bytes {
        let para: Vec<String> = (0..2 + rng.below(5))
            .map(|_| sentence(rng, words))
            .collect();
        let mut line = String::new();
        for word in para.join(" ").split(' ') {
            if line.len() + word.len() > 80 {
                out.push_str(line.trim_end());
                out.push('\n');
                line.clear();
            }
            line.push_str(word);
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push_str(if one_block { "\n" } else { "\n\n" });
    }
    out
}

/// A fresh repository with `factcheck.yaml` (and `site_file`, naming the generator).
fn repository(site_file: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git2::Repository::init(root).unwrap();
    std::fs::write(root.join(".git/info/exclude"), ".factcheck.lock\n").unwrap();
    std::fs::write(
        root.join("factcheck.yaml"),
        "workflow: light\narticles: ['articles/*.md', 'articles/*.mdx']\npeople:\n  - email: bench@example.org\n    roles: [editor]\n",
    )
    .unwrap();
    if let Some(file) = site_file {
        std::fs::write(root.join(file), "").unwrap();
    }
    std::fs::create_dir_all(root.join("articles")).unwrap();
    dir
}

fn whole_rewrite(kb: usize, one_block: bool) -> ((Duration, String), (Duration, String)) {
    let dir = repository(None);
    let root = dir.path();
    let repo = git2::Repository::open(root).unwrap();
    let mut rng = Rng(0x11ea7 + kb as u64);
    let words = vocabulary(&mut rng);
    let old = article(&mut rng, &words, kb * 1024, one_block);
    std::fs::write(root.join("articles/a.md"), &old).unwrap();
    let parsed = Article::parse(old, &[]);
    let sentences = parsed.text.sentences();
    let mut sidecar = Sidecar {
        article: "a.md".into(),
        authors: vec!["bench@example.org".into()],
        ..Sidecar::default()
    };
    for (i, s) in sentences
        .iter()
        .step_by((sentences.len() / CLAIMS).max(1))
        .take(CLAIMS)
        .enumerate()
    {
        sidecar.claims.push(Claim {
            id: format!("c{i:02}"),
            quote: anchor::capture(&parsed.text, *s),
            kind: Default::default(),
            status: Default::default(),
            sources: Vec::new(),
            note: None,
            signoffs: Vec::new(),
        });
    }
    std::fs::write(root.join("articles/a.claims.yaml"), sidecar.to_yaml()).unwrap();
    timing::commit(&repo, None, "bench@example.org", "first", 1_790_000_000);
    let new = article(&mut rng, &words, kb * 1024, one_block);
    // The word diff of the two plain texts alone, in process: its steps and their cost.
    let new_text = Article::parse(new.clone(), &[]).text;
    let mut kernel = Duration::MAX;
    let mut steps = 0;
    for _ in 0..runs() {
        let t = Instant::now();
        let edit = Edit::between(parsed.text.as_str(), new_text.as_str());
        kernel = kernel.min(t.elapsed());
        steps = edit.work();
    }
    println!(
        "  {kb} KB: the word diff alone {:.3} s, {steps} steps, {:.2} ns a step",
        secs(kernel),
        secs(kernel) * 1e9 / steps.max(1) as f64
    );
    std::fs::write(root.join("articles/a.md"), new).unwrap();
    timing::commit(&repo, None, "bench@example.org", "rewrite", 1_790_000_060);
    let (check, _, checked) = time(root, &["check", "articles/a.md", "--format", "json"]);
    let (diff, _, diffed) = time(
        root,
        &[
            "diff",
            "articles/a.md",
            "--from",
            "HEAD~1",
            "--to",
            "HEAD",
            "--format",
            "json",
        ],
    );
    ((check, outcome(&checked)), (diff, outcome(&diffed)))
}

fn unclosed(kb: usize, site_file: &str, file: &str, line: &str) -> (Duration, i32) {
    let dir = repository(Some(site_file));
    let root = dir.path();
    let repo = git2::Repository::open(root).unwrap();
    // Ten openers a line, so that even 16 MB stays under the limit of 500,000 line breaks.
    let line = format!("{}\n", [line; 10].join(" "));
    let body = line.repeat(kb * 1024 / line.len());
    std::fs::write(
        root.join("articles").join(file),
        format!("---\ntitle: T\n---\nSome text first.\n\n{body}"),
    )
    .unwrap();
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    std::fs::write(
        root.join(format!("articles/{stem}.claims.yaml")),
        format!("article: {file}\nauthors: [bench@example.org]\nclaims: []\n"),
    )
    .unwrap();
    timing::commit(&repo, None, "bench@example.org", "first", 1_790_000_000);
    let (wall, code, _) = time(root, &["check", "--format", "json"]);
    (wall, code)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The slope between two (size, time) points on a log-log scale.
fn slope(a: (usize, Duration), b: (usize, Duration)) -> String {
    let t = secs(b.1).max(1e-3) / secs(a.1).max(1e-3);
    format!("{:.2}", t.ln() / (b.0 as f64 / a.0 as f64).ln())
}

fn report(name: &str, points: &[(usize, Duration)]) {
    let times: Vec<String> = points
        .iter()
        .map(|(kb, d)| format!("{kb} KB {:.3} s", secs(*d)))
        .collect();
    let slopes: Vec<String> = points.windows(2).map(|w| slope(w[0], w[1])).collect();
    println!(
        "{name:<34} {}   slope {}",
        times.join(", "),
        slopes.join(", ")
    );
}

fn main() {
    println!("binary: {}", fc().display());
    let rewrite = sizes("FACTCHECK_BENCH_REWRITE_KB", &[100, 300, 1000]);
    for (shape, one_block) in [("paragraphs", false), ("one paragraph", true)] {
        let mut check = Vec::new();
        let mut diff = Vec::new();
        let mut outcomes = Vec::new();
        for &kb in &rewrite {
            let ((c, checked), (d, diffed)) = whole_rewrite(kb, one_block);
            check.push((kb, c));
            diff.push((kb, d));
            outcomes.push(format!("  {kb} KB: check {checked}; diff {diffed}"));
        }
        report(&format!("rewrite, {shape}: check"), &check);
        report(&format!("rewrite, {shape}: diff"), &diff);
        for o in outcomes {
            println!("{o}");
        }
    }
    let template = sizes("FACTCHECK_BENCH_TEMPLATE_KB", &[1000, 4000, 16000]);
    for (name, site_file, file, line) in [
        ("Zola {{ f(", "zola.toml", "a.md", "{{ f( a few words here"),
        (
            "MDX <A x=\"",
            "astro.config.mjs",
            "a.mdx",
            "<A x=\" a few words here",
        ),
        (
            "Liquid {% raw %}",
            "_config.yml",
            "a.md",
            "{% raw %} a few words here",
        ),
        (
            "Liquid {% comment %}",
            "_config.yml",
            "a.md",
            "{% comment %} a few words here",
        ),
    ] {
        let mut points = Vec::new();
        let mut codes = Vec::new();
        for &kb in &template {
            let (d, code) = unclosed(kb, site_file, file, line);
            points.push((kb, d));
            codes.push(code.to_string());
        }
        report(
            &format!("unclosed {name} (exit {})", codes.join("/")),
            &points,
        );
    }
}
