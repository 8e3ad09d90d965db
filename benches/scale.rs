//! Benchmark: factcheck at newsroom scale (issue #7). Whole-command timings on generated
//! repositories, as ratios to the *floor*: reading every article and sidecar and parsing them
//! with comrak and serde_yaml in one thread, nothing else.
//!
//! For each repository size (default 1,000 / 10,000 / 50,000 articles of 800–2,000 words, 20
//! claims × 3 sources each; `FACTCHECK_BENCH_SIZES=1000,10000` to choose) it reports:
//! the floor, `factcheck check` wall time and peak RSS (`/usr/bin/time -v`) and the RSS growth
//! from the size before, and `check --changed-since HEAD` after editing 3 articles. Then single articles of 1k, 10k and
//! 100k words (20 claims per 1,000 words) show growth in article length and claim count.
//!
//! Run: `cargo bench --bench scale`. Results: docs/PERFORMANCE.md.

#[path = "support/corpus.rs"]
mod corpus;
// Shared by several bench targets, each using part of it.
#[allow(dead_code)]
#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn fc() -> &'static str {
    env!("CARGO_BIN_EXE_factcheck")
}

/// Runs `factcheck args` in `root` under `/usr/bin/time -v`: (wall, peak RSS in MB).
fn measure(root: &Path, args: &[&str]) -> (Duration, f64) {
    let t = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(fc())
        .args(args)
        .current_dir(root)
        .output()
        .expect("/usr/bin/time runs");
    let wall = t.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "factcheck {args:?} failed:\n{stderr}"
    );
    let rss_kb: f64 = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    (wall, rss_kb / 1024.0)
}

/// The floor: read and parse every article (comrak) and sidecar (serde_yaml), one thread.
/// The floor: read every article and sidecar, parse them with comrak and (when `fast` is false)
/// serde_yaml, in one thread, nothing else. With `fast`, sidecars go through factcheck's own
/// YAML reader as `check` does (for comparison; the target is against serde_yaml).
fn floor(root: &Path, articles: &[String], fast: bool) -> Duration {
    let options = factcheck::text::article::markdown_options();
    let t = Instant::now();
    let mut nodes = 0usize;
    for a in articles {
        let md = std::fs::read_to_string(root.join(a)).unwrap();
        let arena = comrak::Arena::new();
        let doc = comrak::parse_document(&arena, &md, &options);
        nodes += doc.descendants().count();
        let side = a.replace(".md", ".claims.yaml");
        let text = std::fs::read_to_string(root.join(&side)).unwrap();
        let s: factcheck::model::sidecar::Sidecar = match fast {
            true => factcheck::text::yaml::parse(&text, Path::new(&side)).unwrap(),
            false => serde_yaml::from_str(&text).unwrap(),
        };
        nodes += s.claims.len();
    }
    assert!(nodes > 0);
    t.elapsed()
}

fn commit_all(root: &Path) {
    let repo = git2::Repository::init(root).unwrap();
    timing::commit(&repo, None, "bench@example.org", "corpus", 1_790_000_000);
}

fn s(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn main() {
    let sizes: Vec<usize> = std::env::var("FACTCHECK_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 50_000]);
    println!(
        "| articles | floor (1 thread) | floor with factcheck's YAML reader | check | check / floor | peak RSS | RSS growth | changed-since (3 edited) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut last_rss: Option<f64> = None;
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let articles = corpus::newsroom(root, n, 0x5eed + n as u64);
        commit_all(root);
        if std::env::var_os("FACTCHECK_BENCH_KEEP").is_some() {
            // Only build the corpus, for profiling.
            println!("corpus of {n} articles kept at {}", root.display());
            std::mem::forget(dir);
            return;
        }
        // Warm the page cache so every measurement reads from memory.
        floor(root, &articles, false);
        let floor_t = floor(root, &articles, false);
        let floor_fast = floor(root, &articles, true);
        let (check_t, rss) = measure(root, &["check", "--format", "json"]);
        for a in articles.iter().take(3) {
            let path = root.join(a);
            let md = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                &path,
                md.replace("Health explainer", "Health explainer (updated)"),
            )
            .unwrap();
        }
        let (changed_t, _) = measure(
            root,
            &["check", "--changed-since", "HEAD", "--format", "json"],
        );
        let growth = last_rss.map_or("—".to_string(), |before| {
            format!("{:+.0} %", (rss / before - 1.0) * 100.0)
        });
        last_rss = Some(rss);
        println!(
            "| {n} | {:.2} s | {:.2} s | {:.2} s | {:.2}× | {:.0} MB | {growth} | {:.3} s |",
            s(floor_t),
            s(floor_fast),
            s(check_t),
            s(check_t) / s(floor_t),
            rss,
            s(changed_t)
        );
    }

    println!();
    println!("| article words | claims | check | per 1,000 words |");
    println!("|---|---|---|---|");
    for words in [1_000, 10_000, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("factcheck.yaml"), corpus::CONFIG).unwrap();
        std::fs::create_dir_all(root.join("articles")).unwrap();
        let mut rng = corpus::Rng(words as u64);
        let md = corpus::article(&mut rng, 1, words);
        let claims = words / 50;
        let side = corpus::sidecar(&mut rng, "long.md", &md, claims);
        std::fs::write(root.join("articles/long.md"), &md).unwrap();
        std::fs::write(root.join("articles/long.claims.yaml"), side.to_yaml()).unwrap();
        let (t, _) = measure(root, &["check", "--format", "json"]);
        println!(
            "| {words} | {} | {:.3} s | {:.2} ms |",
            side.claims.len(),
            s(t),
            s(t) * 1000.0 / (words as f64 / 1000.0)
        );
    }
}
