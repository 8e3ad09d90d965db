//! Helpers shared by the whole-command benchmarks: best-of-N wall time of a process, and
//! committing with git2 at a given time.

use std::path::Path;
use std::time::{Duration, Instant};

/// The best wall time of `runs` runs of `cmd`, which must exit 0 or 1 (a blocked gate is a
/// normal outcome of a benchmark).
pub fn best_of(runs: usize, mut cmd: impl FnMut() -> std::process::Output) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = cmd();
            let d = t.elapsed();
            assert!(
                out.status.code().is_some_and(|c| c <= 1),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            d
        })
        .min()
        .expect("at least one run")
}

/// Stages `paths` (everything when `None`) and commits as `who` at Unix time `when`.
pub fn commit(
    repo: &git2::Repository,
    paths: Option<&[String]>,
    who: &str,
    message: &str,
    when: i64,
) {
    let mut index = repo.index().unwrap();
    match paths {
        Some(paths) => {
            for p in paths {
                index.add_path(Path::new(p)).unwrap();
            }
        }
        None => index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap(),
    }
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let name = who.split('@').next().unwrap_or(who);
    let sig = git2::Signature::new(name, who, &git2::Time::new(when, 0)).unwrap();
    let parent = repo.head().ok().map(|h| h.peel_to_commit().unwrap());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .unwrap();
}
