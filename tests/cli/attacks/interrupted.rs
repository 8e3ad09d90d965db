//! Commands interrupted half way, and writers at the same time: a writer killed at any moment
//! leaves the sidecar either exactly as it was or exactly as the finished command would have
//! left it, never half-written, and the next command runs normally (no stale lock); a `mv`
//! killed between any two of its steps is finished by running it again; a writer killed by the
//! file size limit leaves a temporary file that the next write removes; `status --html` on a
//! full disk prints nothing before it fails; concurrent writers never lose an update.

use factcheck::ops::mv::{Step, mv_until};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use super::*;

/// Every file of the work tree (`.git` and the test's home left out) with its bytes, and git's
/// index as (path, blob) pairs: what a move leaves behind.
type State = (BTreeMap<String, Vec<u8>>, Vec<(String, String)>);

/// The [`State`] of `t`.
fn state(t: &TestRepo) -> State {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if rel == ".git" || rel == ".home" {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                walk(&p, root, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(t.path(), t.path(), &mut files);
    let index = git2::Repository::open(t.path()).unwrap().index().unwrap();
    let entries = index
        .iter()
        .map(|e| (String::from_utf8(e.path).unwrap(), e.id.to_string()))
        .collect();
    (files, entries)
}

/// A committed newsroom with a tracked article, and `articles/old/` to move it out of.
fn newsroom() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(WRITER, "Tracked");
    t
}

/// The project as the library opens it, acting as the writer.
fn project(t: &TestRepo) -> factcheck::project::Project {
    let clock = factcheck::model::time::Clock::from_env().unwrap();
    factcheck::project::Project::open(t.path(), Some(WRITER.into()), clock).unwrap()
}

const TO: &str = "articles/moved/vitamin-d.md";

#[test]
fn a_move_stopped_after_any_step_is_finished_by_running_it_again() {
    let start = newsroom();
    std::fs::create_dir_all(start.path().join("articles/moved")).unwrap();
    let whole = start.copy();
    whole.ok(WRITER, &["mv", A, TO]);
    let expected = state(&whole);
    assert!(
        expected
            .0
            .contains_key("articles/moved/vitamin-d.claims.yaml")
    );
    assert!(
        !expected.0.keys().any(|k| k.contains(".factcheck-mv")),
        "{:?}",
        expected.0.keys()
    );

    for last in Step::ALL {
        let t = start.copy();
        mv_until(&project(&t), Path::new(A), Path::new(TO), last).unwrap();
        let stopped = state(&t);
        if last < Step::Done {
            assert!(
                stopped.0.keys().any(|k| k.contains(".factcheck-mv-")),
                "after {last:?}, the journal is there: {:?}",
                stopped.0.keys()
            );
        }
        if last == Step::Done {
            assert_eq!(stopped, expected, "the library's move is the command's");
            continue;
        }
        // The same command again, as the user would type it.
        let r = t.ok(WRITER, &["mv", A, TO]);
        assert!(
            r.stdout
                .starts_with(&format!("finished the interrupted move of {A} to {TO}")),
            "after {last:?}: {}",
            r.stdout
        );
        assert_eq!(state(&t), expected, "after {last:?}, then the retry");
        t.check(1);
    }
}

/// Killed between writing the sidecar at its new place and deleting the old one, the article
/// already moved: built by hand as a kill leaves it (the journal is the one the move wrote
/// first). Without the journal, the retry would refuse ("already exists").
#[test]
fn the_retry_of_a_move_killed_before_unlinking_the_old_sidecar_finishes_it() {
    let t = newsroom();
    std::fs::create_dir_all(t.path().join("articles/moved")).unwrap();
    let sidecar = t.read(S);
    t.write("articles/moved/vitamin-d.claims.yaml", &sidecar);
    std::fs::rename(t.path().join(A), t.path().join(TO)).unwrap();
    let journal = factcheck::ops::mv::journal_of(&project(&t).article_path(Path::new(A)));
    std::fs::write(
        &journal,
        format!("{{\"tool\": \"factcheck mv\", \"from\": \"{A}\", \"to\": \"{TO}\", \"tracked\": true}}\n"),
    )
    .unwrap();
    let r = t.ok(WRITER, &["mv", A, TO]);
    assert!(
        r.stdout.starts_with("finished the interrupted move"),
        "{}",
        r.stdout
    );
    assert!(!t.path().join(S).exists() && !journal.exists());
    t.commit(WRITER, "Moved");
    let doc = t.check(1);
    assert_eq!(doc.articles.len(), 1);
    assert_eq!(doc.articles[0].article, TO);
    assert!(
        !doc.codes().contains(&"FC090".to_string()),
        "{:?}",
        doc.codes()
    );
}

/// A retry to another destination is refused until the first move is
/// finished, and the folder form of the command (`mv OLD DIR/`) finishes it too.
#[test]
fn an_unfinished_move_must_be_finished_before_another() {
    let t = newsroom();
    std::fs::create_dir_all(t.path().join("articles/moved")).unwrap();
    mv_until(&project(&t), Path::new(A), Path::new(TO), Step::SidecarIn).unwrap();
    // Refused, naming the unfinished move and the command that finishes it.
    let other = t.expect(WRITER, &["mv", A, "articles/elsewhere.md"], 2);
    assert!(t.path().join(A).exists() && !t.path().join("articles/elsewhere.md").exists());
    let r = t.ok(WRITER, &["mv", A, "articles/moved"]);
    assert!(
        r.stdout.starts_with("finished the interrupted move"),
        "{}",
        r.stdout
    );
    assert!(t.path().join(TO).exists() && !t.path().join(S).exists());
    snap!(transcripts([&other, &r]));
}

/// `factcheck ARGS` as `who` under `sh` after `setup` (shell commands: `ulimit -f 1`).
fn under_sh(t: &TestRepo, setup: &str, who: &str, args: &[&str]) -> std::process::Output {
    let base = t.cmd();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{setup}; exec \"$0\" \"$@\""))
        .arg(base.get_program())
        .args(["--as", who])
        .args(args)
        .current_dir(t.path());
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.output().unwrap()
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".factcheck-") && n.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_writer_killed_by_the_file_size_limit_leaves_no_temp_file_after_the_next_write() {
    use std::os::unix::process::ExitStatusExt;
    let t = newsroom();
    let before = t.read(S);
    assert!(
        before.len() > 1024,
        "the sidecar must outgrow `ulimit -f 1`"
    );
    let out = under_sh(
        &t,
        "ulimit -f 1",
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--quote",
            "Some people say fish oil tastes awful",
        ],
    );
    assert_eq!(out.status.signal(), Some(25), "SIGXFSZ: {out:?}");
    assert_eq!(t.read(S), before);
    let dir = t.path().join("articles");
    assert_eq!(temp_files(&dir).len(), 1, "the kill leaves its temp file");
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--quote",
            "Some people say fish oil tastes awful",
        ],
    );
    assert_eq!(temp_files(&dir), Vec::<String>::new());
}

/// The next write of any kind (here a report page in a folder of the user's)
/// removes stale temp files of ours there, and leaves one a live writer holds (locked).
#[test]
fn stale_temp_files_go_and_a_live_writers_stays() {
    let t = newsroom();
    let out = tempfile::tempdir().unwrap();
    let stale = out.path().join(".factcheck-Ab12Cd.tmp");
    let live = out.path().join(".factcheck-Zz99Yy.tmp");
    let foreign = out.path().join(".other-Ab12Cd.tmp");
    for f in [&stale, &live, &foreign] {
        std::fs::write(f, "half").unwrap();
    }
    let held = std::fs::File::open(&live).unwrap();
    held.lock().unwrap();
    let page = out.path().join("report.html");
    t.ok(EDITOR, &["report", A, "--html", page.to_str().unwrap()]);
    assert!(page.exists());
    assert!(!stale.exists(), "a temp file nobody holds is removed");
    assert!(live.exists() && foreign.exists());
    drop(held);
}

#[cfg(unix)]
#[test]
fn status_html_on_a_full_disk_prints_no_table() {
    let t = newsroom();
    // The size limit with its signal ignored: writes fail as on a full disk (EFBIG).
    let out = under_sh(
        &t,
        "trap '' XFSZ; ulimit -f 1",
        EDITOR,
        &["status", "--html", "dash.html"],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("factcheck: error:"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "the table came before the failure"
    );
    // A page that cannot be a file at all.
    let r = t.expect(EDITOR, &["status", "--html", "/dev/full"], 2);
    assert_eq!(r.stdout, "");
    // And without trouble, the table and the page.
    let r = t.ok(EDITOR, &["status", "--html", "dash.html"]);
    assert!(r.stdout.starts_with("ARTICLE"), "{}", r.stdout);
    assert!(t.read("dash.html").contains("<html"));
}

/// A snapshot stored by `source add` whose sidecar then cannot be written (a full disk) is
/// removed again: exit 2, and the work tree as it was.
#[cfg(unix)]
#[test]
fn a_snapshot_is_removed_when_the_sidecar_cannot_be_written() {
    let t = newsroom();
    t.write("downloads/page.txt", "Adults need 600 IU a day.\n");
    assert!(
        t.read(S).len() > 1024,
        "the sidecar must outgrow `ulimit -f 1`"
    );
    let before = files(&t);
    // The size limit with its signal ignored: writes fail as on a full disk (EFBIG), the
    // small snapshot's first.
    let out = under_sh(
        &t,
        "trap '' XFSZ; ulimit -f 1",
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "page",
            "--url",
            "https://x.org/page",
            "--snapshot",
            "downloads/page.txt",
            "--excerpt",
            "600 IU",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(files(&t), before, "a failed command changed files");
    assert!(!t.path().join("evidence").exists());
}

/// A second article, `articles/b.md`, tracked with a claim of its own (not committed).
fn with_b(t: &TestRepo) -> String {
    t.write(
        "articles/b.md",
        "# B\n\nGamma drug cut deaths by 60 percent.\n",
    );
    t.ok(WRITER, &["track", "articles/b.md"]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            "articles/b.md",
            "--quote",
            "deaths by 60 percent",
        ],
    );
    t.read("articles/b.claims.yaml")
}

/// A journal committed to the repository (or one left by another move) that names another
/// article as the destination: "finishing" it would write over that article's sidecar. A
/// journal the files do not bear out is refused, nothing written.
#[test]
fn a_journal_that_the_files_do_not_bear_out_is_refused() {
    let mut shown = Vec::new();
    for committed in [true, false] {
        let t = newsroom();
        let b = with_b(&t);
        let asked = project(&t).article(Path::new(A)).unwrap();
        let journal = factcheck::ops::mv::journal_of(&asked);
        std::fs::write(
            &journal,
            "{\"tool\": \"factcheck mv\", \"from\": \"articles/vitamin-d.md\", \"to\": \"articles/b.md\", \"tracked\": true}\n",
        )
        .unwrap();
        if committed {
            t.commit(WRITER, "Journal");
        }
        // Refused, saying the journal is committed, or names another article.
        let r = t.expect(WRITER, &["mv", A, "articles/b.md"], 2);
        shown.push(r);
        assert_eq!(t.read("articles/b.claims.yaml"), b);
        assert!(t.path().join(S).exists());
    }
    snap!(transcripts(&shown));
}

/// Two moves onto one destination at once: the destination is checked again under the
/// folder's lock, so the second refuses instead of writing its sidecar over the first's.
#[test]
fn two_moves_onto_one_place_never_mix_their_files() {
    for _ in 0..8 {
        let t = newsroom();
        with_b(&t);
        t.commit(WRITER, "B");
        let run = |from: &str| {
            t.cmd()
                .args(["--as", WRITER, "mv", from, "articles/c.md"])
                .spawn()
                .unwrap()
        };
        let (mut one, mut two) = (run(A), run("articles/b.md"));
        let codes = [one.wait().unwrap().code(), two.wait().unwrap().code()];
        assert!(codes.contains(&Some(0)), "{codes:?}");
        let text = t.read("articles/c.md");
        let sidecar = t.read("articles/c.claims.yaml");
        let from_b = text.contains("Gamma");
        assert_eq!(from_b, sidecar.contains("60 percent"), "{text}\n{sidecar}");
    }
}

/// One article moved to two places at once. One move wins; the other is
/// refused, and leaves no journal behind (it checks the article under the lock, before
/// writing one).
#[test]
fn two_moves_of_one_article_leave_no_journal() {
    for _ in 0..8 {
        let t = newsroom();
        let run = |to: &str| t.cmd().args(["--as", WRITER, "mv", A, to]).spawn().unwrap();
        let (mut one, mut two) = (run("articles/x.md"), run("articles/y.md"));
        let codes = [one.wait().unwrap().code(), two.wait().unwrap().code()];
        assert!(codes.contains(&Some(0)), "{codes:?}");
        let left: Vec<String> = std::fs::read_dir(t.path().join("articles"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".factcheck-mv-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

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

fn temp_files_in_articles(t: &TestRepo) -> Vec<std::path::PathBuf> {
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
        if !temp_files_in_articles(t).is_empty() {
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
        for f in temp_files_in_articles(&t) {
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

#[test]
fn concurrent_writers_never_lose_an_update() {
    const N: usize = 16;
    let t = TestRepo::newsroom("light");
    let body: String = (0..N)
        .map(|i| format!("Fact number {i} is true.\n\n"))
        .collect();
    t.write(A, &format!("# Facts\n\n{body}"));
    t.ok(WRITER, &["track", A]);
    let children: Vec<_> = (0..N)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
                .current_dir(t.path())
                .env("FACTCHECK_NOW", NOW)
                .args([
                    "--as",
                    WRITER,
                    "claim",
                    "add",
                    A,
                    "--id",
                    &format!("fact-{i}"),
                    "--quote",
                    &format!("Fact number {i} is true"),
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let sidecar = t.read(S);
    for i in 0..N {
        assert!(
            sidecar.contains(&format!("- id: fact-{i}\n")),
            "lost fact-{i}:\n{sidecar}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(t.path().join("articles"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left behind");
}
