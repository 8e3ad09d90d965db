//! Paths that lead out of the repository or into git's own files: symbolic links (the link
//! farm: every file and folder factcheck reads or writes is, in turn, a link to a secret
//! outside the repository, and every command is run against it), submodules, names that are not
//! UTF-8, `..` and absolute paths, a workflow under `.git`, outputs that are not regular files.
//! Whatever the command, the secret never appears in its output and nothing outside changes; a
//! command the link matters to stops with exit 2 (or, for evidence, reports FC073 and never
//! reads it), and a command it does not matter to does exactly what it does without the link.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;

/// The marker every secret holds.
const SECRET: &str = "SECRET-7f3a";

/// Each command of the tool: (label, who, arguments). `{base}`
/// is the commit the farm was built at, `{page}` a source page outside the repository.
/// Each runs on a fresh copy of the farm, so none depends on another.
const COMMANDS: &[(&str, &str, &[&str])] = &[
    ("signoff", EDITOR, &["signoff", A, "--role", "editor"]),
    ("publish --out", EDITOR, &["publish", A, "--out", "site"]),
    ("check", EDITOR, &["check"]),
    (
        "check --changed-since",
        EDITOR,
        &["check", "--changed-since", "{base}"],
    ),
    ("check json", EDITOR, &["check", "--format", "json"]),
    ("check github", EDITOR, &["check", "--format", "github"]),
    ("check sarif", EDITOR, &["check", "--format", "sarif"]),
    ("check junit", EDITOR, &["check", "--format", "junit"]),
    ("status", EDITOR, &["status"]),
    ("status --html", EDITOR, &["status", "--html", "dash.html"]),
    (
        "report --html",
        EDITOR,
        &["report", A, "--html", "report.html"],
    ),
    ("export", EDITOR, &["export", A, "--claimreview"]),
    ("diff", EDITOR, &["diff", A]),
    ("log", EDITOR, &["log", A]),
    ("claim list", EDITOR, &["claim", "list", A]),
    ("claim suggest", EDITOR, &["claim", "suggest", A]),
    ("verify", CHECKER, &["verify", A, "fifteen-micrograms"]),
    (
        "claim add",
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--kind",
            "fact",
            "--quote",
            "Some people say fish oil tastes awful",
        ],
    ),
    (
        "source add --snapshot",
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "page",
            "--url",
            "https://example.org/page",
            "--snapshot",
            "{page}",
        ],
    ),
    ("reanchor", WRITER, &["reanchor", A]),
    ("hooks install", EDITOR, &["hooks", "install"]),
    (
        "hooks run pre-commit",
        EDITOR,
        &["hooks", "run", "pre-commit"],
    ),
    (
        "merge-driver",
        EDITOR,
        &[
            "merge-driver",
            "m-base.yaml",
            "m-ours.yaml",
            "m-theirs.yaml",
        ],
    ),
    ("init --force", EDITOR, &["init", "--force"]),
];

/// What a command must do when the link is in place.
#[derive(Debug, PartialEq)]
enum Expect {
    /// Stop with exit 2.
    Refused,
    /// Exit 1 with FC073: an evidence snapshot behind a link is reported, never read.
    Fc073,
    /// The link is irrelevant to it: exactly the exit code of the farm without links.
    AsWithout,
}

/// The links of the farm: (repository-relative path, whether it stands for a folder).
const LINKS: &[(&str, bool)] = &[
    ("factcheck.yaml", false),
    (A, false),
    (S, false),
    ("articles", true),
    ("evidence", true),
    ("{snapshot}", false),
    (".gitattributes", false),
    (".gitignore", false),
    (".git/hooks", true),
    (".git/hooks/pre-commit", false),
    ("articles/.factcheck.lock", false),
    ("site", true),
    ("report.html", false),
    ("dash.html", false),
    ("m-ours.yaml", false),
];

/// What `command` must do with the link at `link`.
fn expect(link: &str, command: &str) -> Expect {
    use Expect::*;
    let reads_project = !matches!(command, "merge-driver" | "init --force");
    let reads_article =
        reads_project && !matches!(command, "hooks install" | "hooks run pre-commit");
    // Commands that change the sidecar, under the lock of its folder.
    let locks = matches!(
        command,
        "signoff" | "publish --out" | "verify" | "claim add" | "source add --snapshot" | "reanchor"
    );
    let gate = command.starts_with("check");
    match link {
        "factcheck.yaml" if reads_project || command == "init --force" => Refused,
        // `log` reads the sidecar's history from git, not the file in the work tree.
        S if command == "log" => AsWithout,
        A | S | "articles" if reads_article => Refused,
        "evidence" | "{snapshot}" if gate => Fc073,
        "evidence" if command == "source add --snapshot" => Refused,
        // Publishing runs the gate, which the snapshot link blocks before anything is written.
        "evidence" | "{snapshot}" if command == "publish --out" => Fc073,
        ".gitattributes" if matches!(command, "hooks install" | "init --force") => Refused,
        ".gitignore" if command == "init --force" => Refused,
        ".git/hooks" | ".git/hooks/pre-commit" if command == "hooks install" => Refused,
        "articles/.factcheck.lock" if locks => Refused,
        "site" if command == "publish --out" => Refused,
        "report.html" if command == "report --html" => Refused,
        "dash.html" if command == "status --html" => Refused,
        "m-ours.yaml" if command == "merge-driver" => Refused,
        _ => AsWithout,
    }
}

/// Every file under `dir` with its bytes (folders as empty entries), to compare before/after.
fn listing(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.insert(path.clone(), Vec::new());
            out.extend(listing(&path));
        } else {
            out.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    out
}

/// A farm: a newsroom whose article's claims are verified and one of whose sources has a
/// snapshot, committed. Returns it, its commit, the snapshot's path and a page to snapshot.
fn farm(pages: &Path) -> (TestRepo, String, String, String) {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let first = pages.join("first.txt");
    std::fs::write(&first, "Vitamin D helps the body absorb calcium.").unwrap();
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "snap",
            "--url",
            "https://example.org/snap",
            "--snapshot",
            first.to_str().unwrap(),
        ],
    );
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        t.ok(CHECKER, &["verify", A, c]);
    }
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    let snapshot = t
        .read(S)
        .lines()
        .find_map(|l| l.trim().strip_prefix("snapshot: "))
        .unwrap()
        .to_string();
    let base = t.commit(EDITOR, "the farm").to_string();
    let page = pages.join("second.txt");
    std::fs::write(&page, "Most adults need 15 micrograms of vitamin D a day.").unwrap();
    (t, base, snapshot, page.to_str().unwrap().to_string())
}

/// Runs every command, each on its own copy of `farm`; returns each one's exit code, checking
/// the secret never shows.
fn run_all(farm: &TestRepo, base: &str, page: &str, link: &str) -> Vec<i32> {
    let mut codes = Vec::new();
    for (label, who, args) in COMMANDS {
        let t = farm.copy();
        if *label == "merge-driver" {
            // The committed sidecar: the one in the work tree may be the link.
            let head = t.repo.head().unwrap().peel_to_tree().unwrap();
            let blob = head
                .get_path(Path::new(S))
                .unwrap()
                .to_object(&t.repo)
                .unwrap();
            let sidecar = String::from_utf8(blob.as_blob().unwrap().content().to_vec()).unwrap();
            for f in ["m-base.yaml", "m-theirs.yaml"] {
                std::fs::write(t.path().join(f), &sidecar).unwrap();
            }
            if link != "m-ours.yaml" {
                std::fs::write(t.path().join("m-ours.yaml"), &sidecar).unwrap();
            }
        }
        let args: Vec<&str> = args
            .iter()
            .map(|a| match *a {
                "{base}" => base,
                "{page}" => page,
                other => other,
            })
            .collect();
        let r = t.run_as(Some(who), &args);
        let out = format!("{}{}", r.stdout, r.stderr);
        assert!(
            !out.contains(SECRET),
            "link {link}, {label}: the secret was printed:\n{out}"
        );
        if r.code == 2 && link != "none" && expect(link, label) == Expect::Refused {
            // The refusal names the link, by its path in the repository.
            let shown = link.replace("{snapshot}", "evidence/");
            let top = shown.split('/').next().unwrap_or_default();
            assert!(
                out.contains("symbolic link") && (out.contains(top) || out.contains("articles")),
                "link {link}, {label}:\n{out}"
            );
        }
        codes.push(r.code);
    }
    codes
}

#[test]
fn no_command_follows_a_link_out_of_the_repository() {
    let pages = tempfile::tempdir().unwrap();
    let (t, base, _, page) = farm(pages.path());
    let without = run_all(&t, &base, &page, "none");
    // Without links, the commands that write succeed: the test can see a refusal.
    for (i, (label, _, _)) in COMMANDS.iter().enumerate() {
        if !label.starts_with("check") && *label != "status" {
            assert_eq!(without[i], 0, "{label} without links");
        }
    }

    let mut wrong = Vec::new();
    for (link, folder) in LINKS {
        let pages = tempfile::tempdir().unwrap();
        let (t, base, snapshot, page) = farm(pages.path());
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, format!("password: {SECRET}\n")).unwrap();
        let dir = outside.path().join("folder");
        std::fs::create_dir(&dir).unwrap();
        let name = Path::new(&snapshot).file_name().unwrap();
        for f in [
            Path::new("vitamin-d.md"),
            Path::new("vitamin-d.claims.yaml"),
            Path::new(name),
        ] {
            std::fs::write(
                dir.join(f),
                format!("article: vitamin-d.md\nnote: {SECRET}\n"),
            )
            .unwrap();
        }
        let rel = link.replace("{snapshot}", &snapshot);
        let at = t.path().join(&rel);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        if at.is_dir() {
            std::fs::remove_dir_all(&at).unwrap();
        } else {
            let _ = std::fs::remove_file(&at);
        }
        let target = if *folder { &dir } else { &secret };
        std::os::unix::fs::symlink(target, &at).unwrap();
        let before = listing(outside.path());

        let codes = run_all(&t, &base, &page, link);
        for (((label, _, _), code), plain) in COMMANDS.iter().zip(&codes).zip(&without) {
            let wanted = match expect(link, label) {
                Expect::Refused => 2,
                Expect::Fc073 => 1,
                Expect::AsWithout => *plain,
            };
            if *code != wanted {
                wrong.push(format!(
                    "link {rel}, {label}: exit {code}, expected {wanted} ({:?})",
                    expect(link, label)
                ));
            }
        }
        assert_eq!(
            listing(outside.path()),
            before,
            "link {rel}: something was written outside the repository"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A symbolic link at `rel` in the repository pointing at `target`.
#[cfg(unix)]
fn link(t: &TestRepo, target: &std::path::Path, rel: &str) {
    let _ = std::fs::remove_file(t.path().join(rel));
    std::os::unix::fs::symlink(target, t.path().join(rel)).unwrap();
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_repository_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "article: vitamin-d.md\npassword: hunter2\n").unwrap();
    let secret_md = outside.path().join("secret.md");
    std::fs::write(&secret_md, "The password is hunter2.\n").unwrap();

    // A sidecar that is a link: refused without reading (or echoing) the target.
    let t = TestRepo::newsroom("standard");
    t.tracked();
    link(&t, &secret, S);
    // Each says it is a symbolic link; none shows what it points at.
    let mut shown = Vec::new();
    for args in [&["check"][..], &["claim", "list", A][..], &["status"][..]] {
        let r = t.run_as(Some(EDITOR), args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        let out = format!("{}{}", r.stdout, r.stderr);
        assert!(
            !out.contains("hunter2") && !out.contains("password"),
            "{out}"
        );
        shown.push(r);
    }

    // An article that is a link: refused when found by the walk and when named.
    let t = TestRepo::newsroom("standard");
    t.tracked();
    link(&t, &secret_md, "articles/leak.md");
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    shown.push(r);
    let r = t.run_as(Some(WRITER), &["track", "articles/leak.md"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    shown.push(r);
    assert!(!t.path().join("articles/leak.claims.yaml").exists());

    // A workflow reached through a link: refused.
    let t = TestRepo::newsroom("standard");
    t.tracked();
    std::fs::write(outside.path().join("w.yaml"), "name: w\n").unwrap();
    link(&t, &outside.path().join("w.yaml"), "w.yaml");
    t.edit("factcheck.yaml", "workflow: standard", "workflow: w.yaml");
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    shown.push(r);
    let outside = outside.path().display().to_string();
    snap!(transcripts(&shown).replace(&outside, "[OUTSIDE]"));
}

#[cfg(unix)]
#[test]
fn an_evidence_snapshot_that_is_a_link_is_never_read() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let outside = tempfile::tempdir().unwrap();
    let page = outside.path().join("page.txt");
    std::fs::write(&page, "Vitamin D helps the body absorb calcium.").unwrap();
    let url = "https://example.org/vitamin-d";
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "snap",
            "--url",
            url,
            "--snapshot",
            page.to_str().unwrap(),
        ],
    );
    let sidecar = t.read(S);
    let rel = sidecar
        .lines()
        .find_map(|l| l.trim().strip_prefix("snapshot: "))
        .unwrap()
        .to_string();
    // Same name, but now a link to a file elsewhere with the same bytes: still refused.
    std::fs::rename(t.path().join(&rel), outside.path().join("moved.txt")).unwrap();
    link(&t, &outside.path().join("moved.txt"), &rel);
    let doc = t.check(1);
    let found = doc.with("FC073");
    assert!(
        found.iter().any(|f| f.message.contains("symbolic link")),
        "{:?}",
        doc.codes()
    );
}

/// A folder linked into the articles' folder (`articles/news -> ../drafts`) is published by site
/// builders that follow links, while git sees one link: refused.
#[test]
fn a_folder_linked_among_the_articles_is_refused() {
    let mut shown = Vec::new();
    let t = honest("standard");
    let base = t.head().to_string();
    t.write("drafts/cure.md", "# Cure\n\nVitamin D cures colds.\n");
    std::os::unix::fs::symlink("../drafts", t.path().join("articles/news")).unwrap();
    t.commit(WRITER, "News");
    for args in [
        &["check", "--changed-since", &base, "--provenance"][..],
        &["check", "--provenance"][..],
    ] {
        let r = t.run_as(Some(EDITOR), args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

/// A submodule under the articles folder holds another repository's articles, which this
/// gate does not read: refused, in the pull-request gate and the full check.
#[test]
fn a_submodule_among_the_articles_is_refused() {
    let mut shown = Vec::new();
    let t = honest("standard");
    let base = t.head().to_string();
    let mut index = t.repo.index().unwrap();
    let time = git2::IndexTime::new(0, 0);
    index
        .add(&git2::IndexEntry {
            ctime: time,
            mtime: time,
            dev: 0,
            ino: 0,
            mode: 0o160000,
            uid: 0,
            gid: 0,
            file_size: 0,
            id: git2::Oid::from_str("0123456789abcdef0123456789abcdef01234567").unwrap(),
            flags: 0,
            flags_extended: 0,
            path: b"articles/extra".to_vec(),
        })
        .unwrap();
    index.write().unwrap();
    t.commit_index(WRITER, "More articles");
    for args in [
        &["check", "--changed-since", &base, "--provenance"][..],
        &["check", "--provenance"][..],
    ] {
        let r = t.run_as(Some(EDITOR), args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

/// An article whose file name is not UTF-8 cannot be named by the gate; it is refused, never
/// passed over ("0 articles checked" would pass the gate).
#[test]
fn an_article_with_a_non_utf8_name_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let mut shown = Vec::new();
    let t = honest("standard");
    let base = t.head().to_string();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        t.path().join("articles").join(name),
        "# Cure\n\nVitamin D cures colds.\n",
    )
    .unwrap();
    t.commit(WRITER, "New article");
    for args in [
        &["check", "--changed-since", &base, "--provenance"][..],
        &["check", "--provenance"][..],
    ] {
        let r = t.run_as(Some(EDITOR), args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

/// `workflow: .git/config` would make git's own file the workflow, read and echoed in a parse
/// error. The pull-request gate reads the policy of the base only (and reports the change),
/// and a plain `check` refuses the path before reading it.
#[test]
fn a_workflow_under_dot_git_is_never_read() {
    let mut shown = Vec::new();
    for name in [".git/config", "sub/.GIT/config"] {
        let t = honest("standard");
        let base = t.head().to_string();
        let config = t.read("factcheck.yaml");
        t.write(
            "factcheck.yaml",
            &config.replace("workflow: standard", &format!("workflow: {name}")),
        );
        t.commit(WRITER, "Workflow");
        let (_, doc) = gate(&t, &base);
        has(&doc, "FC056", &["factcheck.yaml"]);
        let r = t.run_as(Some(EDITOR), &["check"]);
        assert_eq!(r.code, 2, "{name}: {}{}", r.stdout, r.stderr);
        assert!(
            !r.stderr.contains("repositoryformatversion"),
            "{}",
            r.stderr
        );
        // Refused as a path under `.git`.
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

#[test]
fn paths_outside_the_repository_are_refused() {
    let t = TestRepo::newsroom("standard");
    let outside = tempfile::NamedTempFile::new().unwrap();
    let mut shown = vec![
        refused(&t, WRITER, &["track", outside.path().to_str().unwrap()]),
        refused(&t, WRITER, &["track", "../x.md"]),
    ];
    t.edit(
        "factcheck.yaml",
        "workflow: standard",
        "workflow: ../../etc/wf.yaml",
    );
    shown.push(refused(&t, WRITER, &["track", A]));
    let outside = outside.path().display().to_string();
    snap!(transcripts(&shown).replace(&outside, "[OUTSIDE]"));
}

/// An output the user names must be a file: a pipe (or a device) there would be replaced by a
/// regular file. An existing report keeps its permissions when rewritten.
#[test]
fn outputs_are_written_only_as_files_and_keep_their_mode() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let t = TestRepo::newsroom("standard");
    t.ok(WRITER, &["track", A]);
    let out = tempfile::tempdir().unwrap();
    let fifo = out.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo_arg = fifo.to_str().unwrap();
    let r = t.expect(EDITOR, &["status", "--html", fifo_arg], 2);
    let out_dir = out.path().display().to_string();
    snap!(r.transcript().replace(&out_dir, "[OUT]"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let page = out.path().join("status.html");
    std::fs::write(&page, "old").unwrap();
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o640)).unwrap();
    t.expect(EDITOR, &["status", "--html", page.to_str().unwrap()], 0);
    let mode = std::fs::metadata(&page).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(std::fs::read_to_string(&page).unwrap().contains("<html"));
}

/// A `factcheck.yaml` above the git clone (planted in a shared folder or the home directory)
/// is not the clone's project: commands run inside the clone look for one only up to its work
/// tree's top, so nothing above it is read.
#[test]
fn a_config_above_the_clone_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("factcheck.yaml"),
        "workflow: light\narticles: [\"**/*.md\"]\npeople:\n  - email: x@example.org\n    roles: [editor]\n",
    )
    .unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        format!("# S\n\n{SECRET} says 99 percent of people agree.\n"),
    )
    .unwrap();
    let clone = outside.path().join("clone");
    std::fs::create_dir(&clone).unwrap();
    git2::Repository::init(&clone).unwrap();
    std::fs::write(clone.join("a.md"), "# R\n").unwrap();
    for args in [
        &["status"][..],
        &["check"],
        &["claim", "suggest", "../secret.md"],
    ] {
        let r = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(args)
            .current_dir(&clone)
            .env("FACTCHECK_USER", "x@example.org")
            .output()
            .unwrap();
        let (out, err) = (
            String::from_utf8_lossy(&r.stdout),
            String::from_utf8_lossy(&r.stderr),
        );
        assert_eq!(r.status.code(), Some(2), "{args:?}: {out}{err}");
        assert!(
            !out.contains(SECRET) && !err.contains(SECRET),
            "{args:?}: {out}{err}"
        );
        assert!(err.contains("of its git work tree"), "{args:?}: {err}");
    }
}
