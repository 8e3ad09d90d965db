//! Commands interrupted half way (issue #27, items 5 and 7): a `mv` killed between any two of
//! its steps is finished by running it again; a writer killed by the file size limit leaves a
//! temporary file that the next write removes; `status --html` on a full disk prints nothing
//! before it fails.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use factcheck::ops::mv::{Step, mv_until};

use crate::support::*;

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

/// The state of the issue: killed between writing the sidecar at its new place and deleting
/// the old one, the article already moved. Built by hand as a kill leaves it (the journal is
/// the one the move wrote first); on the code before the journal, the retry refused: "already
/// exists".
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

/// My own variant: a retry to another destination is refused until the first move is
/// finished, and the folder form of the command (`mv OLD DIR/`) finishes it too.
#[test]
fn an_unfinished_move_must_be_finished_before_another() {
    let t = newsroom();
    std::fs::create_dir_all(t.path().join("articles/moved")).unwrap();
    mv_until(&project(&t), Path::new(A), Path::new(TO), Step::SidecarIn).unwrap();
    let r = t.expect(WRITER, &["mv", A, "articles/elsewhere.md"], 2);
    assert!(
        r.stderr.contains(&format!(
            "an interrupted move of {A} to {TO} is not finished"
        )) && r.stderr.contains(&format!("factcheck mv {A} {TO}")),
        "{}",
        r.stderr
    );
    assert!(t.path().join(A).exists() && !t.path().join("articles/elsewhere.md").exists());
    let r = t.ok(WRITER, &["mv", A, "articles/moved"]);
    assert!(
        r.stdout.starts_with("finished the interrupted move"),
        "{}",
        r.stdout
    );
    assert!(t.path().join(TO).exists() && !t.path().join(S).exists());
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

/// My own variant: the next write of any kind (here a report page in a folder of the user's)
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
    // My own variant: a page that cannot be a file at all.
    let r = t.expect(EDITOR, &["status", "--html", "/dev/full"], 2);
    assert_eq!(r.stdout, "");
    // And without trouble, the table and the page.
    let r = t.ok(EDITOR, &["status", "--html", "dash.html"]);
    assert!(r.stdout.starts_with("ARTICLE"), "{}", r.stdout);
    assert!(t.read("dash.html").contains("<html"));
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

/// A tester's round: a journal committed to the repository (or one left by another move)
/// named another article as the destination, and "finishing" it wrote over that article's
/// sidecar. A journal the files do not bear out is refused, nothing written.
#[test]
fn a_journal_that_the_files_do_not_bear_out_is_refused() {
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
        let r = t.expect(WRITER, &["mv", A, "articles/b.md"], 2);
        let why = if committed { "committed" } else { "another" };
        assert!(r.stderr.contains(why), "{}", r.stderr);
        assert_eq!(t.read("articles/b.claims.yaml"), b);
        assert!(t.path().join(S).exists());
    }
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

/// A re-tester's variant: one article moved to two places at once. One move wins; the other is
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
