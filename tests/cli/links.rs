//! The link farm: every file and folder factcheck reads or writes is, in turn, a symbolic link
//! to a secret outside the repository, and every command is run against it. Whatever the
//! command, the secret never appears in its output and nothing outside changes; a command the
//! link matters to stops with exit 2 (or, for evidence, reports FC073 and never reads it), and a
//! command it does not matter to does exactly what it does without the link.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{A, CHECKER, EDITOR, S, TestRepo, WRITER};

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
