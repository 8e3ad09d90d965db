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
//! - **hostile evidence and sidecars** (`check` of one article): an HTML evidence snapshot
//!   of bare ampersands (`R&D y `, each `&` starting no character reference) or of closed
//!   `<SCRIPT>` elements, 1 MB / 4 MB / 15 MB (`FACTCHECK_BENCH_HTML_KB`); a sidecar of N sources
//!   sharing one URL (FC072 each), of N `conflicts:` entries at distinct places (FC060 each),
//!   or of one claim with N/2 sign-offs by people not in `people` (FC035 each), N = 5,000 /
//!   20,000 / 80,000 (`FACTCHECK_BENCH_FINDINGS`).
//! - **provenance of many articles in one folder**: N articles in `articles/m/`, committed in
//!   one commit after the project's, and 100 of them edited in a third; `check --provenance`
//!   and the pull-request form `check --changed-since HEAD~1 --provenance` (100 articles
//!   checked), N = 1,000 / 4,000 / 16,000 (`FACTCHECK_BENCH_ARTICLES`); and N articles in
//!   one folder each added in a commit of its own, `check --provenance` against `git log -p`
//!   on their sidecars (both grow as N², each commit changing a folder of up to N files),
//!   N = 500 / 1,000 / 2,000 (`FACTCHECK_BENCH_HISTORY`; needs `git` on PATH).
//!
//! `cargo bench --bench linear -- WORD…` runs only the cases whose name holds one of the
//! words (`rewrite`, `unclosed`, `snapshot`, `sidecar`, `provenance`).
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
    report_in(name, "KB", points)
}

/// [`report`], sizes counted in `unit`.
fn report_in(name: &str, unit: &str, points: &[(usize, Duration)]) {
    let times: Vec<String> = points
        .iter()
        .map(|(n, d)| format!("{n} {unit} {:.3} s", secs(*d)))
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
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f));
    if wanted("snapshot") {
        snapshots();
    }
    if wanted("sidecar") {
        sidecars();
    }
    if wanted("provenance") {
        provenance();
    }
    if wanted("rewrite") {
        rewrites();
    }
    if wanted("unclosed") {
        openers();
    }
}

fn rewrites() {
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
}

fn openers() {
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

/// The one-article project of the evidence and sidecar cases: an editor and a fact-checker in
/// `people`, `articles/a.md` with one sentence, committed; returns the directory.
fn one_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git2::Repository::init(root).unwrap();
    std::fs::write(root.join(".git/info/exclude"), ".factcheck.lock\n").unwrap();
    std::fs::write(
        root.join("factcheck.yaml"),
        "workflow: light\narticles: ['articles/**/*.md']\npeople:\n  - email: bench@example.org\n    roles: [editor]\n  - email: checker@example.org\n    roles: [fact-checker]\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::write(
        root.join("articles/a.md"),
        "# A\n\nAdults need seven hours of sleep a night.\n",
    )
    .unwrap();
    dir
}

/// The sidecar of `articles/a.md`: one claim citing the flow list `cited`, with `signoffs`
/// (YAML list items indented under it), and `tail` (top-level keys after `claims:`).
fn sidecar(cited: &str, signoffs: &str, tail: &str) -> String {
    format!(
        "article: a.md\nauthors:\n- bench@example.org\nstage: draft\nclaims:\n- id: c\n  quote:\n    exact: Adults need seven hours of sleep a night\n  kind: fact\n  sources: {cited}\n  signoffs:{signoffs}\n{tail}"
    )
}

/// `check --format json` in a fresh committed copy of [`one_article`] holding `sidecar` and
/// `files` (root-relative path, content).
fn check_one(sidecar: &str, files: &[(String, String)]) -> (Duration, String) {
    let dir = one_article();
    let root = dir.path();
    std::fs::write(root.join("articles/a.claims.yaml"), sidecar).unwrap();
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let repo = git2::Repository::open(root).unwrap();
    timing::commit(&repo, None, "bench@example.org", "first", 1_790_000_000);
    let (wall, _, json) = time(root, &["check", "--format", "json"]);
    (wall, outcome(&json))
}

/// An HTML snapshot of about `kb` KB of `unit` repeated, registered as the cited source's
/// evidence with an excerpt it holds: `check` reduces it to text to find the excerpt.
fn snapshot_case(kb: usize, unit: &str) -> (Duration, String) {
    use sha2::Digest;
    let html = format!(
        "<html><body><p>Adults need sleep.</p>{}</body></html>",
        unit.repeat(kb * 1000 / unit.len())
    );
    let hash: String = sha2::Sha256::digest(html.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let rel = format!("evidence/{hash}.html");
    let source = format!(
        "sources:\n- id: page\n  url: https://example.org/page\n  kind: government\n  excerpt: Adults need sleep.\n  snapshot: {rel}\n"
    );
    check_one(&sidecar("[page]", " []", &source), &[(rel, html)])
}

fn snapshots() {
    let kb = sizes("FACTCHECK_BENCH_HTML_KB", &[1000, 4000, 15000]);
    for (name, unit) in [
        ("snapshot of bare & (`R&D y `)", "R&D y "),
        ("snapshot of <SCRIPT>x</script>", "<SCRIPT>x</script> y "),
    ] {
        let mut points = Vec::new();
        let mut outcomes = Vec::new();
        for &k in &kb {
            let (d, found) = snapshot_case(k, unit);
            points.push((k, d));
            outcomes.push(found);
        }
        report(&format!("{name}: check"), &points);
        println!("  findings: {}", outcomes.join(" / "));
    }
}

/// A sidecar whose every entry of one kind raises a finding placed in the sidecar, `n` of
/// them: sources sharing one URL, conflicts at distinct places, sign-offs by people not in
/// `people` (`n / 2` of those, a sign-off being four times the bytes), ids of sources that do
/// not exist cited on one line (a flow list: every finding on that line).
fn sidecar_case(kind: &str, n: usize) -> (Duration, String) {
    let source = |k: usize| {
        format!(
            "- id: s{k}\n  url: https://example.org/same?utm_source={k}\n  title: Source {k}\n  kind: government\n  published: 2024-01-01\n"
        )
    };
    let text = match kind {
        "duplicate" => sidecar("[s0]", " []", &format!("sources:\n{}", (0..n).map(source).collect::<String>())),
        "conflicts" => sidecar(
            "[s0]",
            " []",
            &format!(
                "sources:\n{}conflicts:\n{}",
                source(0),
                (0..n)
                    .map(|k| format!("- at: claims.c{k}.status\n  ours: verified\n  theirs: disputed\n"))
                    .collect::<String>()
            ),
        ),
        "flow" => sidecar(
            &format!(
                "[{}]",
                (0..n).map(|k| format!("u{k}")).collect::<Vec<_>>().join(", ")
            ),
            " []",
            &format!("sources:\n{}", source(0)),
        ),
        _ => sidecar(
            "[s0]",
            &(0..n / 2)
                .map(|k| {
                    format!(
                        "\n  - by: x{k}@example.org\n    role: fact-checker\n    verdict: verified\n    at: 2026-10-12T{:02}:{:02}:{:02}Z\n    text: sha256:{}\n    article: {}",
                        k / 3600 % 24,
                        k / 60 % 60,
                        k % 60,
                        "c".repeat(64),
                        "a".repeat(40)
                    )
                })
                .collect::<String>(),
            &format!("sources:\n{}", source(0)),
        ),
    };
    check_one(&text, &[])
}

fn sidecars() {
    let n = sizes("FACTCHECK_BENCH_FINDINGS", &[5000, 20000, 80000]);
    for (kind, name) in [
        ("duplicate", "sidecar: sources sharing one URL"),
        ("conflicts", "sidecar: conflicts at distinct places"),
        ("signoffs", "sidecar: sign-offs by unknown people (n/2)"),
        ("flow", "sidecar: unknown sources cited on one line"),
    ] {
        let mut points = Vec::new();
        let mut outcomes = Vec::new();
        for &k in &n {
            let (d, found) = sidecar_case(kind, k);
            points.push((k, d));
            outcomes.push(found);
        }
        report_in(&format!("{name}: check"), "entries", &points);
        println!("  findings: {}", outcomes.join(" / "));
    }
}

/// `n` articles in `articles/m/`, committed, then 100 of them edited in a third commit:
/// (`check --provenance`, `check --changed-since HEAD~1 --provenance`, the same without
/// `--provenance`).
fn provenance_case(n: usize) -> (Duration, Duration, Duration) {
    let dir = one_article();
    let root = dir.path();
    let repo = git2::Repository::open(root).unwrap();
    timing::commit(&repo, None, "bench@example.org", "project", 1_790_000_000);
    let folder = root.join("articles/m");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..n {
        std::fs::write(
            folder.join(format!("a{i}.md")),
            format!(
                "# A{i}\n\nThe survey found that {i} percent of adults sleep less than six hours.\n"
            ),
        )
        .unwrap();
        std::fs::write(
            folder.join(format!("a{i}.claims.yaml")),
            format!("article: a{i}.md\nauthors:\n- bench@example.org\nstage: draft\nclaims:\n- id: c\n  quote:\n    exact: {i} percent of adults sleep less than six hours\n  kind: statistic\nsources: []\n"),
        )
        .unwrap();
    }
    timing::commit(&repo, None, "bench@example.org", "articles", 1_790_000_060);
    for i in 0..100.min(n) {
        let path = folder.join(format!("a{i}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text + "More.\n").unwrap();
    }
    timing::commit(&repo, None, "bench@example.org", "edit 100", 1_790_000_120);
    let (all, _, _) = time(root, &["check", "--provenance", "--format", "json"]);
    let (pr, _, _) = time(
        root,
        &[
            "check",
            "--changed-since",
            "HEAD~1",
            "--provenance",
            "--format",
            "json",
        ],
    );
    let (plain, _, _) = time(
        root,
        &["check", "--changed-since", "HEAD~1", "--format", "json"],
    );
    (all, pr, plain)
}

fn provenance() {
    let n = sizes("FACTCHECK_BENCH_ARTICLES", &[1000, 4000, 16000]);
    let mut all = Vec::new();
    let mut pr = Vec::new();
    let mut plain = Vec::new();
    for &k in &n {
        let (a, p, q) = provenance_case(k);
        all.push((k, a));
        pr.push((k, p));
        plain.push((k, q));
    }
    report_in("provenance, one folder: check", "articles", &all);
    report_in("… --changed-since HEAD~1 (100 changed)", "articles", &pr);
    report_in("… the same without --provenance", "articles", &plain);
    let n = sizes("FACTCHECK_BENCH_HISTORY", &[500, 1000, 2000]);
    let mut ours = Vec::new();
    let mut git = Vec::new();
    for &k in &n {
        let (f, g) = history_case(k);
        println!(
            "  {k} articles, a commit each: {:.2}× `git log -p`",
            secs(f) / secs(g)
        );
        ours.push((k, f));
        git.push((k, g));
    }
    report_in("provenance, a commit per article: check", "articles", &ours);
    report_in("… git log -p on the sidecars", "articles", &git);
}

/// `n` articles in `articles/m/`, each added with its sidecar in a commit of its own:
/// (`check --provenance`, `git log -p -- 'articles/m/*.claims.yaml'`).
fn history_case(n: usize) -> (Duration, Duration) {
    let dir = one_article();
    let root = dir.path();
    let repo = git2::Repository::open(root).unwrap();
    timing::commit(&repo, None, "bench@example.org", "project", 1_790_000_000);
    std::fs::create_dir_all(root.join("articles/m")).unwrap();
    for i in 0..n {
        let (md, yaml) = (
            format!("articles/m/a{i}.md"),
            format!("articles/m/a{i}.claims.yaml"),
        );
        std::fs::write(
            root.join(&md),
            format!(
                "# A{i}\n\nThe survey found that {i} percent of adults sleep less than six hours.\n"
            ),
        )
        .unwrap();
        std::fs::write(
            root.join(&yaml),
            format!("article: a{i}.md\nauthors:\n- bench@example.org\nstage: draft\nclaims:\n- id: c\n  quote:\n    exact: {i} percent of adults sleep less than six hours\n  kind: statistic\nsources: []\n"),
        )
        .unwrap();
        timing::commit(
            &repo,
            Some(&[md, yaml]),
            "bench@example.org",
            &format!("add a{i}"),
            1_790_000_060 + i as i64,
        );
    }
    let (ours, _, _) = time(root, &["check", "--provenance", "--format", "json"]);
    let git = timing::best_of(runs(), || {
        Command::new("git")
            .args(["log", "-p", "--", "articles/m/*.claims.yaml"])
            .current_dir(root)
            .output()
            .expect("git runs")
    });
    (ours, git)
}
