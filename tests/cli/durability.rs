//! Durability (issue #8): a writer killed at any moment leaves the sidecar either exactly as it
//! was or exactly as the finished command would have left it — never half-written — and the
//! next command runs normally (no stale lock).

use std::process::{Command, Stdio};
use std::time::Instant;

use crate::support::*;

/// Claims already in the sidecar (makes each write a few hundred kilobytes).
const CLAIMED: usize = 2000;
/// Kill attempts: every other one the moment the temporary file appears (mid-write), the rest
/// at a point swept across the run (while loading, while writing, after finishing).
const ATTEMPTS: usize = 40;

fn claim_yaml(i: usize) -> String {
    format!(
        "- id: fact-{i}\n  quote:\n    exact: Fact number {i} is true\n    prefix: ''\n    suffix: .\n  kind: statistic\n  status: unverified\n"
    )
}

fn add_claim(t: &TestRepo, j: usize) -> Command {
    let mut cmd = t.cmd();
    cmd.args(["--as", WRITER, "claim", "add", A])
        .args(["--id", &format!("extra-{j}")])
        .args(["--quote", &format!("Extra fact {j} holds")])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn claims_in(sidecar: &str) -> usize {
    let doc: serde_yaml::Value = serde_yaml::from_str(sidecar).expect("sidecar is valid YAML");
    doc["claims"].as_sequence().map_or(0, Vec::len)
}

fn temp_files(t: &TestRepo) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(t.path().join("articles"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

/// Polls until `child` has created its temporary file, then returns true at once (so the kill
/// lands between creating it and renaming it over the sidecar); false if the child finished
/// first.
fn wait_for_temp_file(t: &TestRepo, child: &mut std::process::Child) -> bool {
    loop {
        if !temp_files(t).is_empty() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
    }
}

#[test]
fn a_writer_killed_mid_write_leaves_the_old_or_the_new_sidecar() {
    let t = TestRepo::newsroom("light");
    let claimed: String = (0..CLAIMED)
        .map(|i| format!("Fact number {i} is true.\n\n"))
        .collect();
    let extra: String = (0..ATTEMPTS + 10)
        .map(|j| format!("Extra fact {j} holds.\n\n"))
        .collect();
    t.write(A, &format!("# Facts\n\n{claimed}{extra}"));
    t.ok(WRITER, &["track", A]);
    let claims: String = (0..CLAIMED).map(claim_yaml).collect();
    let header = t.read(S).replace("claims: []\n", "");
    t.write(S, &format!("{header}claims:\n{claims}"));

    // How long one uninterrupted write takes here.
    let started = Instant::now();
    assert!(add_claim(&t, 0).status().unwrap().success());
    let full = started.elapsed();
    let mut before = t.read(S);
    let mut count = claims_in(&before);
    assert_eq!(count, CLAIMED + 1);

    let (mut unchanged, mut completed, mut mid_write) = (0, 0, 0);
    for j in 1..ATTEMPTS {
        let mut child = add_claim(&t, j).spawn().unwrap();
        let killed_mid_write = if j % 2 == 0 {
            wait_for_temp_file(&t, &mut child)
        } else {
            std::thread::sleep(full.mul_f64(0.2 + 1.0 * ((j * 37) % 100) as f64 / 100.0));
            false
        };
        child.kill().ok();
        child.wait().unwrap();

        let after = t.read(S);
        if after == before {
            unchanged += 1;
        } else {
            let now = claims_in(&after);
            assert_eq!(now, count + 1, "attempt {j}: claims went {count} -> {now}");
            assert!(after.contains(&format!("- id: extra-{j}\n")));
            assert!(after.starts_with(&before[..before.find("claims:").unwrap()]));
            completed += 1;
            count = now;
            before = after;
        }
        if killed_mid_write {
            mid_write += 1;
        }
        for f in temp_files(&t) {
            std::fs::remove_file(f).unwrap();
        }
    }
    eprintln!(
        "kill loop: one write {full:?}; {unchanged} killed before the rename, {completed} \
         completed, {mid_write} killed with the temporary file created but not yet renamed"
    );
    assert!(
        mid_write >= 5,
        "too few kills landed mid-write; the test proved little"
    );
    assert!(unchanged >= 1 && completed >= 1);

    // The lock is free and the sidecar loads: the next command runs normally.
    let next = add_claim(&t, ATTEMPTS + 5)
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(next.status.success());
    assert_eq!(claims_in(&t.read(S)), count + 1);
}
