//! Benchmark: how work grows with hostile input (issue #27, item 4), whole commands of the
//! release binary at three sizes each, so the slope shows:
//!
//! - `merge-driver` on three sidecars of 1,000 / 3,000 / 9,000 claims where both branches
//!   changed every claim's note differently (one conflict per claim) and each added a claim
//!   after every tenth: wall time per claim should stay flat (linear);
//! - `claim suggest` and `check` on an article that is one line of 1.5 / 5 / 15 MB of
//!   check-worthy sentences: peak RSS per input byte should stay flat and small.
//!
//! Wall time is the best of 3 runs, peak RSS from `/usr/bin/time -v`. Run:
//! `cargo bench --bench growth`. Results: docs/PERFORMANCE.md and docs/robustness.md.

// Shared by several bench targets, each using part of it.
#[allow(dead_code)]
#[path = "support/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use factcheck::model::sidecar::{Claim, Sidecar};
use factcheck::model::{ClaimKind, Status};
use factcheck::text::anchor::Quote;

fn fc() -> &'static str {
    env!("CARGO_BIN_EXE_factcheck")
}

/// Runs `factcheck args` in `root` under `/usr/bin/time -v`, `runs` times: (best wall time,
/// largest peak RSS in MB). Exit codes 0 and 1 are normal outcomes.
fn measure(root: &Path, args: &[&str], runs: usize) -> (Duration, f64) {
    let mut best = Duration::MAX;
    let mut rss: f64 = 0.0;
    for _ in 0..runs {
        let t = Instant::now();
        let out = Command::new("/usr/bin/time")
            .arg("-v")
            .arg(fc())
            .args(args)
            .current_dir(root)
            .env("FACTCHECK_NOW", "2026-11-20T10:00:00Z")
            .output()
            .expect("/usr/bin/time runs");
        best = best.min(t.elapsed());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "factcheck {args:?} failed:\n{stderr}"
        );
        let kb: f64 = stderr
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0.0);
        rss = rss.max(kb / 1024.0);
    }
    (best, rss)
}

fn claim(k: usize, note: Option<String>) -> Claim {
    Claim {
        id: format!("claim-{k:05}"),
        quote: Quote {
            exact: format!("In {}, {k} people took part in the survey", 1990 + k % 30),
            prefix: String::new(),
            suffix: String::new(),
        },
        kind: ClaimKind::Statistic,
        status: Status::Unverified,
        sources: Vec::new(),
        note,
        signoffs: Vec::new(),
    }
}

/// Base, ours and theirs of `n` claims: every note changed differently on each side, and a
/// new claim on each side after every tenth.
fn merge_sides(n: usize) -> [String; 3] {
    let side = |tag: Option<&str>, extra: usize| {
        let mut s = Sidecar {
            article: "a.md".into(),
            authors: vec!["dana.writer@example.org".into()],
            ..Sidecar::default()
        };
        for k in 0..n {
            s.claims
                .push(claim(k, tag.map(|t| format!("{t} checked claim {k}"))));
            if tag.is_some() && k % 10 == 9 {
                s.claims.push(claim(extra + k, None));
            }
        }
        s.to_yaml()
    };
    [
        side(None, 0),
        side(Some("ours"), n),
        side(Some("theirs"), 2 * n),
    ]
}

fn merge_driver(sizes: &[usize]) {
    println!("\n## merge-driver: every claim conflicting, a tenth more added on each side\n");
    println!("| claims | sidecar | wall (best of 3) | per claim | peak RSS |");
    println!("|---|---|---|---|---|");
    for &n in sizes {
        let dir = tempfile::tempdir().unwrap();
        git2::Repository::init(dir.path()).unwrap();
        let [base, ours, theirs] = merge_sides(n);
        let (wall, rss) = {
            let mut best = (Duration::MAX, 0.0f64);
            // The driver overwrites ours: write it afresh before each run.
            for _ in 0..3 {
                std::fs::write(dir.path().join("base"), &base).unwrap();
                std::fs::write(dir.path().join("ours"), &ours).unwrap();
                std::fs::write(dir.path().join("theirs"), &theirs).unwrap();
                let (w, r) = measure(dir.path(), &["merge-driver", "base", "ours", "theirs"], 1);
                best = (best.0.min(w), best.1.max(r));
            }
            best
        };
        println!(
            "| {n} | {:.1} MB | {:.3} s | {:.1} µs | {rss:.0} MB |",
            ours.len() as f64 / 1e6,
            wall.as_secs_f64(),
            wall.as_secs_f64() * 1e6 / n as f64
        );
    }
}

/// One line of `bytes` bytes of check-worthy sentences.
fn one_line(bytes: usize) -> String {
    let mut rng = corpus::Rng(27);
    let mut line = String::with_capacity(bytes + 200);
    let mut n = 0;
    while line.len() < bytes {
        line.push_str(&corpus::sentence(&mut rng, n));
        line.push(' ');
        n += 1;
    }
    line.push('\n');
    line
}

fn suggest(sizes_mb: &[f64]) {
    println!("\n## claim suggest and check: an article of one line of check-worthy sentences\n");
    println!(
        "| article | `claim suggest` wall | peak RSS | RSS / input | `--format json` peak RSS | `check` wall | peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|");
    for &mb in sizes_mb {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        git2::Repository::init(root).unwrap();
        std::fs::write(root.join("factcheck.yaml"), corpus::CONFIG).unwrap();
        std::fs::create_dir_all(root.join("articles")).unwrap();
        let text = one_line((mb * 1e6) as usize);
        std::fs::write(root.join("articles/big.md"), &text).unwrap();
        let args = ["--as", "alex.editor@example.org", "claim", "suggest"];
        let (sw, srss) = measure(root, &[&args[..], &["articles/big.md"]].concat(), 3);
        let json = [&args[..], &["articles/big.md", "--format", "json"]].concat();
        let (_, jrss) = measure(root, &json, 1);
        let (cw, crss) = measure(root, &["check", "--format", "json"], 3);
        println!(
            "| {:.1} MB | {:.2} s | {srss:.0} MB | {:.1}× | {jrss:.0} MB | {:.2} s | {crss:.0} MB |",
            text.len() as f64 / 1e6,
            sw.as_secs_f64(),
            srss * 1048576.0 / text.len() as f64,
            cw.as_secs_f64(),
        );
    }
}

fn main() {
    // `cargo bench -- FILTER` passes arguments; `--bench` is cargo's own.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f));
    if wanted("merge") {
        merge_driver(&[1_000, 3_000, 9_000]);
    }
    if wanted("suggest") {
        suggest(&[1.5, 5.0, 15.0]);
    }
}
