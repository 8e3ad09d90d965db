//! Benchmark: `factcheck diff` on a long article across many revisions, against
//! `git diff --word-diff` on the same revisions (issue #3).
//!
//! Builds a temporary git repository holding one generated article of about 5,000 Markdown
//! lines with 200 tracked claims, commits 50 revisions (each changes words inside claims,
//! inserts and deletes sentences and moves a paragraph), then times, for every consecutive
//! pair of revisions, the release `factcheck diff ARTICLE --from R~1 --to R --format json`
//! and `git diff --word-diff R~1 R -- ARTICLE`, and a final `factcheck check` that follows all
//! claims through the history. Wall times of whole processes, best of 5 runs each (the two
//! commands alternating).
//!
//! Run: `cargo bench --bench diff` (needs `git` on PATH for the comparison only);
//! `FACTCHECK_BENCH_KEEP=1` only builds the repository and prints where it is.
//! Results are recorded in docs/PERFORMANCE.md.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

// Shared by several bench targets, each using part of it.
#[allow(dead_code)]
#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/timing.rs"]
mod timing;

use corpus::Rng;
use factcheck::model::sidecar::{Claim, Sidecar};
use factcheck::text::anchor;
use factcheck::text::article::Article;

const LINES: usize = 5_000;
const CLAIMS: usize = 200;
const REVISIONS: usize = 50;
/// Runs of each command per revision pair; the best counts.
const RUNS: usize = 5;

const NOUNS: &[&str] = &[
    "adults",
    "children",
    "patients",
    "clinicians",
    "researchers",
    "studies",
    "trials",
    "doctors",
    "nurses",
    "teenagers",
    "smokers",
    "runners",
    "sleepers",
    "parents",
    "workers",
];
const VERBS: &[&str] = &[
    "report",
    "show",
    "suggest",
    "need",
    "reduce",
    "increase",
    "lower",
    "raise",
    "describe",
    "measure",
    "observe",
    "recommend",
];
const THINGS: &[&str] = &[
    "blood pressure",
    "sleep",
    "vitamin D",
    "anxiety",
    "heart disease",
    "stress",
    "fatigue",
    "memory",
    "appetite",
    "inflammation",
    "bone density",
    "mood",
];

fn sentence(rng: &mut Rng, n: usize) -> String {
    format!(
        "In survey {n}, {} {} that {} percent of {} {} {}.",
        rng.below(90) + 10,
        rng.pick(NOUNS),
        rng.below(99) + 1,
        rng.pick(NOUNS),
        rng.pick(VERBS),
        rng.pick(THINGS)
    )
}

/// Paragraphs of sentences; rendered wrapped at about 80 columns.
fn render(paras: &[Vec<String>]) -> String {
    let mut out =
        String::from("---\ntitle: A long generated article\n---\n# A long generated article\n\n");
    for p in paras {
        let mut line = String::new();
        for word in p.join(" ").split(' ') {
            if line.len() + word.len() > 80 {
                out.push_str(line.trim_end());
                out.push('\n');
                line.clear();
            }
            line.push_str(word);
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push_str("\n\n");
    }
    out
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.join(".home"))
        .output()
        .expect("git runs")
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let repo = git2::Repository::init(root).unwrap();
    std::fs::write(root.join(".git/info/exclude"), ".home/\n.factcheck.lock\n").unwrap();
    std::fs::write(
        root.join("factcheck.yaml"),
        "workflow: light\npeople:\n  - email: bench@example.org\n    roles: [editor]\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    let rel = "articles/long.md";

    let mut rng = Rng(0xbe7c4);
    let mut n = 0;
    let mut paras: Vec<Vec<String>> = Vec::new();
    while render(&paras).lines().count() < LINES {
        let p = (0..3)
            .map(|_| {
                n += 1;
                sentence(&mut rng, n)
            })
            .collect();
        paras.push(p);
    }
    let md = render(&paras);
    std::fs::write(root.join(rel), &md).unwrap();

    // 200 claims, spread evenly, quoted as `claim add` would capture them.
    let article = Article::parse(md.clone(), &[]);
    let sentences = article.text.sentences();
    let stride = sentences.len() / CLAIMS;
    let mut sidecar = Sidecar {
        article: "long.md".into(),
        authors: vec!["writer@example.org".into()],
        ..Sidecar::default()
    };
    for (i, s) in sentences.iter().step_by(stride).take(CLAIMS).enumerate() {
        sidecar.claims.push(Claim {
            id: format!("c{i:03}"),
            quote: anchor::capture(&article.text, *s),
            kind: Default::default(),
            status: Default::default(),
            sources: Vec::new(),
            note: None,
            signoffs: Vec::new(),
        });
    }
    std::fs::write(root.join("articles/long.claims.yaml"), sidecar.to_yaml()).unwrap();
    timing::commit(&repo, None, "bench@example.org", "initial", 1_790_000_000);

    // 50 revisions: change a number in two claims, insert and delete sentences, move a paragraph.
    for r in 1..=REVISIONS {
        for _ in 0..2 {
            let i = rng.below(paras.len());
            let j = rng.below(paras[i].len());
            let s = &paras[i][j];
            let cut = s.find("that ").map_or(0, |k| k + 5);
            let rest = s[cut..].split_once(' ').map_or("", |x| x.1).to_string();
            paras[i][j] = format!("{}{} {rest}", &s[..cut], rng.below(99) + 1);
        }
        for _ in 0..3 {
            n += 1;
            let i = rng.below(paras.len());
            let s = sentence(&mut rng, n);
            let at = rng.below(paras[i].len() + 1);
            paras[i].insert(at, s);
        }
        let i = rng.below(paras.len());
        if paras[i].len() > 1 {
            let j = rng.below(paras[i].len());
            paras[i].remove(j);
        }
        let p = paras.remove(rng.below(paras.len()));
        let at = rng.below(paras.len() + 1);
        paras.insert(at, p);
        std::fs::write(root.join(rel), render(&paras)).unwrap();
        timing::commit(
            &repo,
            None,
            "bench@example.org",
            &format!("revision {r}"),
            1_790_000_000 + 60 * r as i64,
        );
    }

    // `FACTCHECK_BENCH_BIN` times another build (to compare before and after a change).
    let bin = std::env::var("FACTCHECK_BENCH_BIN");
    let fc = bin.as_deref().unwrap_or(env!("CARGO_BIN_EXE_factcheck"));
    if std::env::var_os("FACTCHECK_BENCH_KEEP").is_some() {
        // Keep the repository for profiling (e.g. `perf record factcheck diff …` in it).
        println!("repository kept at {}", root.display());
        std::mem::forget(dir);
        return;
    }
    let lines = render(&paras).lines().count();
    let mut ours = Duration::ZERO;
    let mut theirs = Duration::ZERO;
    for r in 1..=REVISIONS {
        let from = format!("HEAD~{}", REVISIONS - r + 1);
        let to = format!("HEAD~{}", REVISIONS - r);
        // The two commands alternate, so that a noisy neighbour on the machine slows both.
        let (mut best_ours, mut best_theirs) = (Duration::MAX, Duration::MAX);
        for _ in 0..RUNS {
            best_ours = best_ours.min(timing::best_of(1, || {
                Command::new(fc)
                    .current_dir(root)
                    .args([
                        "diff", rel, "--from", &from, "--to", &to, "--format", "json",
                    ])
                    .output()
                    .unwrap()
            }));
            best_theirs = best_theirs.min(timing::best_of(1, || {
                git(root, &["diff", "--word-diff", &from, &to, "--", rel])
            }));
        }
        ours += best_ours;
        theirs += best_theirs;
    }
    // `check` with every claim's quote still as captured at the first revision: claims whose
    // words changed are followed through all 50 revisions.
    // Exit 1 is expected: the followed claims are stale or unverified, which is the point.
    let check = timing::best_of(RUNS, || {
        Command::new(fc)
            .current_dir(root)
            .args(["check", rel, "--format", "json"])
            .output()
            .unwrap()
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "article: {lines} lines, {CLAIMS} claims, {REVISIONS} revisions (best of {RUNS} per pair)"
    );
    println!(
        "factcheck diff:        {:8.1} ms total, {:6.2} ms per revision pair",
        ms(ours),
        ms(ours) / REVISIONS as f64
    );
    println!(
        "git diff --word-diff:  {:8.1} ms total, {:6.2} ms per revision pair",
        ms(theirs),
        ms(theirs) / REVISIONS as f64
    );
    println!(
        "ratio:                 {:.2}x",
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
    println!(
        "factcheck check (claims followed through {REVISIONS} revisions): {:.1} ms",
        ms(check)
    );
}
