//! Test support: a throwaway git repository with a newsroom in it, a runner for the real
//! `factcheck` binary, isolated from the developer's git config and environment, and the
//! snapshots of what a run shows (`snap!`, [`Run::transcript`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

/// The fixed clock every command sees unless a test says otherwise.
pub const NOW: &str = "2026-11-20T10:00:00Z";

pub const WRITER: &str = "wendy@example.org";
pub const CHECKER: &str = "carl@example.org";
pub const DOCTOR: &str = "dora@example.org";
pub const EDITOR: &str = "ed@example.org";

/// The article most tests use.
pub const ARTICLE: &str = "---\ntitle: Vitamin D basics\nauthor: Wendy Writer\n---\n# Vitamin D basics\n\n*By Wendy Writer*\n\nVitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.\n\n![Sunlight on skin](sun.jpg \"Sunlight helps the skin make vitamin D.\")\n\nSome people say fish oil tastes awful.\n\n```\nVitamin D code sample\n```\n\n## Comments\n\nVitamin D cures everything!\n";

pub struct TestRepo {
    dir: tempfile::TempDir,
    pub repo: git2::Repository,
    clock: std::cell::Cell<i64>,
}

/// A finished command: its exit code and both streams.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The command line as a user would type it (`$ factcheck --as WHO ARGS...`).
    line: String,
    /// The repository it ran in, replaced by `[REPO]` in [`Run::transcript`].
    repo: PathBuf,
}

impl Run {
    /// A finished process run in `t`, typed as `line` (`$ git ...`, `$ factcheck ...`).
    pub fn of(t: &TestRepo, line: String, out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            line,
            repo: t.path().to_path_buf(),
        }
    }

    /// Parses stdout as the check JSON document.
    pub fn json(&self) -> CheckDoc {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}", self.stdout))
    }

    /// Parses stdout as JSON of any shape.
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}", self.stdout))
    }

    /// The whole run as a snapshot stores it: the command line, each stream, the exit code,
    /// with the repository's path and the crate version replaced:
    ///
    /// ```text
    /// $ factcheck --as WHO ARGS...
    /// --- stdout
    /// ...
    /// --- stderr
    /// ...
    /// --- exit: N
    /// ```
    pub fn transcript(&self) -> String {
        let mut text = format!("{}\n", self.line);
        stream(&mut text, "stdout", &self.stdout);
        stream(&mut text, "stderr", &self.stderr);
        // Last, so that the streams' final newlines are inside the stored text (insta trims the
        // snapshot's end).
        let code = if self.code == -1 {
            "signal".to_string()
        } else {
            self.code.to_string()
        };
        let _ = writeln!(text, "--- exit: {code}");
        normalize(&self.repo, &text)
    }
}

/// The `check --format json` document, as the docs describe it (test-local types keep the
/// schema a contract).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDoc {
    pub tool: String,
    pub version: u32,
    pub passed: bool,
    pub summary: Summary,
    pub articles: Vec<ArticleOut>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub articles: usize,
    pub passed: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleOut {
    pub article: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub stage: Option<String>,
    pub claims: usize,
    pub publishable: usize,
    pub ok: usize,
    pub stale: usize,
    pub claim_states: Vec<ClaimStateOut>,
    pub passed: bool,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimStateOut {
    pub id: String,
    pub status: String,
    pub state: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub code: String,
    pub severity: String,
    pub message: String,
    pub claim: Option<String>,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub help: Option<String>,
}

impl CheckDoc {
    /// Every finding code, in order, except the coverage rule's FC070 warnings (the test
    /// article's image caption is check-worthy and untracked; coverage has its own tests).
    pub fn codes(&self) -> Vec<String> {
        self.articles
            .iter()
            .flat_map(|a| a.findings.iter().map(|f| f.code.clone()))
            .filter(|c| c != "FC070")
            .collect()
    }

    /// The findings with `code`.
    pub fn with(&self, code: &str) -> Vec<&Finding> {
        self.articles
            .iter()
            .flat_map(|a| a.findings.iter())
            .filter(|f| f.code == code)
            .collect()
    }
}

impl TestRepo {
    /// An empty git repository with a fixed committer identity.
    pub fn empty() -> TestRepo {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        std::fs::write(
            dir.path().join(".git/info/exclude"),
            ".home/\n.factcheck.lock\n",
        )
        .unwrap();
        TestRepo {
            dir,
            repo,
            clock: std::cell::Cell::new(1_790_000_000),
        }
    }

    /// A copy of the repository in a new folder (links copied as links), so that one state can
    /// be started from many times.
    #[cfg(unix)]
    pub fn copy(&self) -> TestRepo {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("cp")
            .arg("-a")
            .arg(format!("{}/.", self.path().display()))
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(status.success());
        let repo = git2::Repository::open(dir.path()).unwrap();
        TestRepo {
            dir,
            repo,
            clock: self.clock.clone(),
        }
    }

    /// Stages every change (additions, edits, deletions) and commits it as `who`, one minute
    /// after the previous commit. Returns the commit id.
    pub fn commit(&self, who: &str, message: &str) -> git2::Oid {
        let mut index = self.repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        self.commit_index(who, message)
    }

    /// Stages everything and commits it as `who` with the given parents; moves HEAD only when
    /// `move_head` (a commit on another branch leaves HEAD where it is).
    pub fn commit_with(
        &self,
        who: &str,
        message: &str,
        parents: &[git2::Oid],
        move_head: bool,
    ) -> git2::Oid {
        let mut index = self.repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        self.clock.set(self.clock.get() + 60);
        let when = git2::Time::new(self.clock.get(), 0);
        let sig = git2::Signature::new(who.split('@').next().unwrap(), who, &when).unwrap();
        let parents: Vec<git2::Commit> = parents
            .iter()
            .map(|p| self.repo.find_commit(*p).unwrap())
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let head = move_head.then_some("HEAD");
        self.repo
            .commit(head, &sig, &sig, message, &tree, &refs)
            .unwrap()
    }

    /// Makes the working tree and the index hold `commit`'s tree (HEAD stays where it is), as
    /// `git checkout COMMIT -- .` plus the deletion of files it does not have.
    pub fn restore(&self, commit: git2::Oid) {
        let tree = self.repo.find_commit(commit).unwrap().tree().unwrap();
        let mut opts = git2::build::CheckoutBuilder::new();
        opts.force().remove_untracked(true);
        self.repo
            .checkout_tree(tree.as_object(), Some(&mut opts))
            .unwrap();
        let mut index = self.repo.index().unwrap();
        index.read_tree(&tree).unwrap();
        index.write().unwrap();
    }

    /// Points the current branch at `commit` (`git reset --soft`): a merge commit whose first
    /// parent is not the current tip.
    pub fn set_head(&self, commit: git2::Oid) {
        let head = self.repo.head().unwrap();
        let name = head.name().unwrap().to_string();
        self.repo.reference(&name, commit, true, "reset").unwrap();
    }

    /// The commit HEAD points at.
    pub fn head(&self) -> git2::Oid {
        self.repo.head().unwrap().peel_to_commit().unwrap().id()
    }

    /// Commits the index as it is.
    pub fn commit_index(&self, who: &str, message: &str) -> git2::Oid {
        let mut index = self.repo.index().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        self.clock.set(self.clock.get() + 60);
        let when = git2::Time::new(self.clock.get(), 0);
        let name = who.split('@').next().unwrap();
        let sig = git2::Signature::new(name, who, &when).unwrap();
        let parent = self.repo.head().ok().map(|h| h.peel_to_commit().unwrap());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .unwrap()
    }

    /// `git mv from to`: moves the file and stages the rename.
    pub fn git_mv(&self, from: &str, to: &str) {
        std::fs::rename(self.path().join(from), self.path().join(to)).unwrap();
        let mut index = self.repo.index().unwrap();
        index.remove_path(Path::new(from)).unwrap();
        index.add_path(Path::new(to)).unwrap();
        index.write().unwrap();
    }

    /// A newsroom: factcheck.yaml (workflow `workflow`) with a writer, a fact-checker, a
    /// medical reviewer and an editor, and `articles/vitamin-d.md`.
    pub fn newsroom(workflow: &str) -> TestRepo {
        let t = TestRepo::empty();
        t.write("factcheck.yaml", &format!(
            "workflow: {workflow}\narticles: [\"articles/**/*.md\"]\npeople:\n  - email: {WRITER}\n    roles: [writer]\n  - email: {CHECKER}\n    roles: [fact-checker]\n  - email: {DOCTOR}\n    roles: [medical-reviewer]\n  - email: {EDITOR}\n    roles: [editor]\n"
        ));
        t.write("articles/vitamin-d.md", ARTICLE);
        t
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Replaces `from` with `to` in `rel`, which must contain it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// The factcheck command, isolated (no colour, fixed clock, private HOME and git config).
    pub fn cmd(&self) -> Command {
        let home = self.path().join(".home");
        std::fs::create_dir_all(&home).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factcheck"));
        cmd.current_dir(self.path())
            .env_remove("FACTCHECK_USER")
            .env("FACTCHECK_NOW", NOW)
            .env("NO_COLOR", "1")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"));
        cmd
    }

    /// Runs factcheck as `who` (None: no --as) in the repository root.
    pub fn run_as(&self, who: Option<&str>, args: &[&str]) -> Run {
        self.run_with(self.cmd(), who, args)
    }

    /// Runs `cmd` (from [`TestRepo::cmd`], with more settings) as `who` with `args`.
    pub fn run_with(&self, mut cmd: Command, who: Option<&str>, args: &[&str]) -> Run {
        let mut line = String::from("$ factcheck");
        if let Some(w) = who {
            cmd.arg("--as").arg(w);
            let _ = write!(line, " --as {w}");
        }
        for a in args {
            let _ = write!(line, " {}", shell_quote(a));
        }
        let out = cmd.args(args).output().unwrap();
        Run::of(self, line, out)
    }

    /// Runs factcheck as `who` and asserts it exits with `code`.
    pub fn ok(&self, who: &str, args: &[&str]) -> Run {
        self.expect(who, args, 0)
    }

    pub fn expect(&self, who: &str, args: &[&str], code: i32) -> Run {
        let r = self.run_as(Some(who), args);
        assert_eq!(
            r.code, code,
            "factcheck {args:?} as {who}\nstdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        r
    }

    /// `check --format json`, expecting `code`.
    pub fn check(&self, code: i32) -> CheckDoc {
        let r = self.expect(EDITOR, &["check", "--format", "json"], code);
        r.json()
    }

    /// Tracks the article and registers two government sources and the two claims most tests use:
    /// `absorb-calcium` (medical) and `fifteen-micrograms` (statistic), both cited.
    pub fn tracked(&self) {
        let a = "articles/vitamin-d.md";
        self.ok(WRITER, &["track", a]);
        self.ok(
            WRITER,
            &[
                "source",
                "add",
                a,
                "--id",
                "nih-ods",
                "--url",
                "https://ods.od.nih.gov/factsheets/VitaminD-Consumer/",
                "--kind",
                "government",
                "--published",
                "2024-03-01",
                "--title",
                "Vitamin D fact sheet",
            ],
        );
        self.ok(
            WRITER,
            &[
                "source",
                "add",
                a,
                "--id",
                "nhs-vitd",
                "--url",
                "https://www.nhs.uk/conditions/vitamins-and-minerals/vitamin-d/",
                "--kind",
                "government",
                "--published",
                "2023-08-03",
            ],
        );
        self.ok(
            WRITER,
            &[
                "claim",
                "add",
                a,
                "--id",
                "absorb-calcium",
                "--kind",
                "medical",
                "--quote",
                "Vitamin D helps the body absorb calcium",
                "--source",
                "nih-ods",
                "--source",
                "nhs-vitd",
            ],
        );
        self.ok(
            WRITER,
            &[
                "claim",
                "add",
                a,
                "--id",
                "fifteen-micrograms",
                "--kind",
                "statistic",
                "--quote",
                "Most adults need 15 micrograms of vitamin D a day",
                "--source",
                "nih-ods",
            ],
        );
    }

    /// [`TestRepo::tracked`], then every claim verified and the article signed off as the
    /// workflow requires, so the gate passes.
    pub fn approved(&self) {
        self.tracked();
        let a = "articles/vitamin-d.md";
        for c in ["absorb-calcium", "fifteen-micrograms"] {
            self.ok(CHECKER, &["verify", a, c]);
        }
        let wf = self.read("factcheck.yaml");
        if wf.contains("workflow: health") {
            self.ok(DOCTOR, &["verify", a, "absorb-calcium"]);
            self.ok(DOCTOR, &["signoff", a, "--role", "medical-reviewer"]);
        }
        // Workflows that ask for no editor refuse the sign-off, which is fine here.
        let r = self.run_as(Some(EDITOR), &["signoff", a, "--role", "editor"]);
        assert!(
            r.code == 0 || r.stderr.contains("asks for no article sign-off"),
            "{}",
            r.stderr
        );
    }
}

/// The path most tests use.
pub const A: &str = "articles/vitamin-d.md";
/// Its sidecar.
pub const S: &str = "articles/vitamin-d.claims.yaml";

/// A test that cannot run because a real tool is missing: a failure under `CI=true` (where
/// `.ci/run` installs every tool the tests need), a loud notice elsewhere. The notice is written
/// to the stream itself, since the test harness captures `eprintln!` of passing tests.
pub fn skip_loudly(notice: &str) {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "NOTICE: {notice}"
    );
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "\nNOTICE: {notice}\n");
}

/// An approved article, committed.
pub fn committed() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(WRITER, "Approved vitamin D explainer");
    t
}

/// Runs factcheck as `who` with the clock at `now`, expecting success. An attacker can run any
/// command locally with any `--as`; only what they commit, and as whom, differs.
pub fn ok_at(t: &TestRepo, now: &str, who: &str, args: &[&str]) -> Run {
    let mut cmd = t.cmd();
    cmd.env("FACTCHECK_NOW", now);
    let r = t.run_with(cmd, Some(who), args);
    assert_eq!(
        r.code, 0,
        "factcheck {args:?} as {who}\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r
}

/// An article with `n` links to pages nobody registered as sources, and one claim without a
/// source (an error).
pub fn many_links(t: &TestRepo, n: usize) {
    let links: String = (0..n)
        .map(|i| format!("See [page {i}](https://example.org/p{i}).\n\n"))
        .collect();
    t.write(
        A,
        &format!("# Vitamin D\n\nMost adults need 15 micrograms of vitamin D a day.\n\n{links}"),
    );
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--quote",
            "Most adults need 15 micrograms of vitamin D a day",
        ],
    );
}

/// A short post with check-worthy sentences, links and a comments section.
pub const STORY: &str = "---\ntitle: Sleep\n---\n# How much sleep do adults need?\n\nAdults need 7 or more hours of sleep per night. I think naps are wonderful and everyone should take them. Why do we dream at all? Studies show that shift work raises the risk of diabetes.\n\nSee [the CDC page](https://www.cdc.gov/sleep/about/index.html?utm_source=newsletter) and [NHS advice](https://www.nhs.uk/live-well/sleep-and-tiredness/).\n\n## Reader comments\n\nAbout 90 percent of my friends sleep badly.\n";

/// A newsroom with [`STORY`] tracked as `articles/sleep.md`.
pub fn story() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.write("articles/sleep.md", STORY);
    t.ok(WRITER, &["track", "articles/sleep.md"]);
    t
}

/// A CSS selector (for pages parsed with `scraper`).
pub fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// Runs `args` as `who`, expects exit 2 and checks that no file changed; returns the run, whose
/// message the test's snapshot shows.
pub fn refused(t: &TestRepo, who: &str, args: &[&str]) -> Run {
    let before = files(t);
    let r = t.expect(who, args, 2);
    assert_eq!(files(t), before, "a refused command changed files");
    r
}

/// Every file of the work tree with its bytes (`.git`, the test's home and lock files left
/// out).
pub fn files(t: &TestRepo) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if rel == ".git" || rel == ".home" || rel.ends_with(".factcheck.lock") {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                walk(&p, root, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(t.path(), t.path(), &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Snapshots: whole outputs, stored in `tests/cli/snapshots/` and reviewed when they change.

/// Where every snapshot is stored, whichever module asserts it.
pub const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/snapshots");

/// Asserts a snapshot in `tests/cli/snapshots/`. `snap!(value)` names it after the test, as
/// insta does (`cli__<module>__<test>.snap`, then `-2`, `-3`… for the test's later snapshots);
/// `snap!(name, value)` stores `<name>.snap`.
macro_rules! snap {
    ($value:expr) => {
        insta::with_settings!({omit_expression => true, snapshot_path => $crate::support::SNAPSHOTS}, {
            insta::assert_snapshot!($value);
        })
    };
    ($name:expr, $value:expr) => {
        insta::with_settings!({prepend_module_to_snapshot => false, omit_expression => true, snapshot_path => $crate::support::SNAPSHOTS}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}
pub(crate) use snap;

/// Replaces what differs between machines: the repository's temporary path and the version.
pub fn normalize(repo: &Path, text: &str) -> String {
    let mut out = text.to_string();
    if let Ok(real) = repo.canonicalize() {
        out = out.replace(&real.display().to_string(), "[REPO]");
    }
    out = out.replace(&repo.display().to_string(), "[REPO]");
    let version = env!("CARGO_PKG_VERSION");
    out.replace(&format!("\"{version}\""), "\"[VERSION]\"")
        .replace(&format!("factcheck {version}"), "factcheck [VERSION]")
}

/// A stream as stored: its text, and a marker when it does not end with a newline (so that a
/// lost or added final newline shows in the snapshot).
fn stream(out: &mut String, name: &str, text: &str) {
    if text.is_empty() {
        let _ = writeln!(out, "--- {name}: (empty)");
        return;
    }
    let _ = writeln!(out, "--- {name}");
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push_str("\n[no newline at end]\n");
    }
}

/// `arg` as a shell would need it written: plain words as they are, anything else in single
/// quotes, and an argument holding control characters, line separators or bidirectional
/// controls as `$'…'` with each of them escaped (so that a snapshot shows them, and never holds
/// them raw).
pub fn shell_quote(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-+=@%:,./".contains(c);
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_string()
    } else if arg.chars().any(hidden) {
        let mut out = String::from("$'");
        for c in arg.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\u{1b}' => out.push_str("\\e"),
                '\u{7}' => out.push_str("\\a"),
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                c if hidden(c) => {
                    let _ = write!(out, "\\u{:04X}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        out
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// Runs one command and returns its whole result as a [`Run::transcript`], with help text
/// wrapped to a fixed width.
pub fn transcript(t: &TestRepo, who: Option<&str>, args: &[&str]) -> String {
    let mut cmd = t.cmd();
    // Help text is wrapped to the terminal's width; COLUMNS pins it.
    cmd.env("COLUMNS", "100").env("LINES", "50");
    t.run_with(cmd, who, args).transcript()
}

/// Several commands' transcripts, one after the other: a user's session.
pub fn session(t: &TestRepo, steps: &[(Option<&str>, &[&str])]) -> String {
    steps
        .iter()
        .map(|(who, args)| transcript(t, *who, args))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Transcripts of runs, one after the other.
pub fn transcripts<'a>(runs: impl IntoIterator<Item = &'a Run>) -> String {
    runs.into_iter()
        .map(Run::transcript)
        .collect::<Vec<_>>()
        .join("\n")
}
