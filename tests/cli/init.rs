//! `init` and `track`: the newsroom's `factcheck.yaml`, the sidecar `track` creates and its
//! canonical layout, the schema modeline on both, and the git work tree they need (nothing is
//! recorded outside one). A broken `factcheck.yaml` is refused at its line, with a hint.

use crate::support::*;

#[test]
fn init_writes_config_and_refuses_to_overwrite() {
    let t = TestRepo::empty();
    let health = t.ok(WRITER, &["init", "--workflow", "health"]);
    let config = t.read("factcheck.yaml");
    // The workflow asked for, the one who ran it in `people`, the lock ignored.
    let written = format!(
        "=== factcheck.yaml\n{config}=== .gitignore\n{}",
        t.read(".gitignore")
    );
    let again = refused(&t, WRITER, &["init", "--workflow", "light"]);
    let forced = t.ok(WRITER, &["init", "--workflow", "light", "--force"]);
    let light = format!("=== factcheck.yaml\n{}", t.read("factcheck.yaml"));
    snap!(
        [
            health.transcript(),
            written,
            again.transcript(),
            forced.transcript(),
            light
        ]
        .join("\n")
    );
}

/// The newsroom with its git repository removed: a plain folder.
fn outside_git() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    std::fs::remove_dir_all(t.path().join(".git")).unwrap();
    t
}

#[test]
fn nothing_is_recorded_outside_a_git_work_tree() {
    let t = outside_git();
    let mut shown = Vec::new();
    for args in [
        vec!["track", A],
        vec![
            "claim",
            "add",
            A,
            "--quote",
            "Vitamin D helps the body absorb calcium",
        ],
        vec![
            "source",
            "add",
            A,
            "--url",
            "https://ods.od.nih.gov/",
            "--kind",
            "government",
        ],
        vec!["verify", A, "x"],
        vec!["signoff", A, "--role", "editor"],
        vec!["publish", A],
    ] {
        // Each says the folder is not in a git work tree, and that `git init` comes first.
        shown.push(t.expect(EDITOR, &args, 2));
    }
    assert!(
        !t.path().join(S).exists(),
        "a sidecar was written outside git"
    );
    // Reading works: the gate says what it sees (FC004, an untracked article).
    shown.push(t.expect(EDITOR, &["check"], 1));
    snap!(transcripts(&shown));
}

#[test]
fn init_outside_git_says_git_init_comes_first() {
    let t = outside_git();
    std::fs::remove_file(t.path().join("factcheck.yaml")).unwrap();
    let no_git = t.expect(EDITOR, &["init"], 2);
    assert!(!t.path().join("factcheck.yaml").exists());
    // After `git init` it works, from the root or a folder inside.
    git2::Repository::init(t.path()).unwrap();
    let done = t.ok(EDITOR, &["init"]);
    let config = t.read("factcheck.yaml");
    snap!(
        [
            no_git.transcript(),
            done.transcript(),
            format!("=== factcheck.yaml\n{config}")
        ]
        .join("\n")
    );
}

#[test]
fn files_factcheck_writes_carry_the_schema_modeline() {
    let t = TestRepo::empty();
    t.ok(WRITER, &["init"]);
    assert!(t.read("factcheck.yaml").contains(
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/factcheck/factcheck/main/schemas/config.schema.json"
    ));
    t.write("articles/a.md", "# A\n\nText.\n");
    t.ok(WRITER, &["track", "articles/a.md"]);
    assert!(t.read("articles/a.claims.yaml").contains(
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/factcheck/factcheck/main/schemas/sidecar.schema.json"
    ));
}

#[test]
fn sidecar_layout_is_canonical_and_stable() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let before = t.read(S);
    assert!(before.starts_with("# factcheck sidecar"));
    let keys: Vec<&str> = before
        .lines()
        .filter(|l| !l.starts_with([' ', '-', '#']))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(keys, ["article", "authors", "stage", "claims", "sources"]);
    // A no-op through the tool (citing an already-cited source) rewrites the identical bytes.
    t.ok(WRITER, &["cite", A, "fifteen-micrograms", "nih-ods"]);
    assert_eq!(t.read(S), before);
}

#[test]
fn config_mistakes_are_located_with_hints() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "roles: [fact-checker]",
        "roles: [fact-cheker]",
    );
    let mut shown = vec![refused(&t, WRITER, &["track", A])];
    t.edit(
        "factcheck.yaml",
        "roles: [fact-cheker]",
        "roles: [fact-checker]",
    );
    t.edit("factcheck.yaml", "workflow: standard", "workflow: helth");
    shown.push(refused(&t, WRITER, &["track", A]));
    t.edit(
        "factcheck.yaml",
        "workflow: helth",
        "workflow: health\nreviewers: []",
    );
    shown.push(refused(&t, WRITER, &["track", A]));
    t.write("factcheck.yaml", "");
    shown.push(refused(&t, WRITER, &["track", A]));
    snap!(transcripts(&shown));
}
