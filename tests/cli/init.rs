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

/// `init` reads the site: the generator where the generator itself looks for its
/// configuration, and article globs that match the site's posts (not Hugo's section index
/// pages, not Jekyll's drafts, not Eleventy's templates), so the first `check` reads them.
#[test]
fn init_reads_the_site_for_its_generator_and_posts() {
    let post = "---\ntitle: A post\n---\nMost adults need 15 micrograms of vitamin D a day.\n";
    for (site, files, globs) in [
        (
            "hugo",
            &[
                (
                    "config/_default/hugo.toml",
                    "baseURL = 'https://example.org/'\n",
                ),
                ("content/posts/a.md", post),
                ("content/en/blog/b.md", post),
                ("content/posts/_index.md", "---\ntitle: Posts\n---\n"),
            ][..],
            "articles: [\"content/**/*.md\", \"!content/**/_index.md\"]",
        ),
        (
            "eleventy",
            &[
                (
                    ".eleventy.js",
                    "module.exports = () => ({ dir: { input: \"src\", output: \"_site\" } });\n",
                ),
                ("src/posts/a.md", post),
                ("src/posts/b.md", post),
                ("src/about.md", post),
                ("src/_includes/note.md", "A partial.\n"),
            ][..],
            "articles: [\"src/posts/**/*.md\"]",
        ),
        (
            "jekyll",
            &[
                ("_config.yml", "title: x\n"),
                ("_posts/2024-01-01-a.md", post),
                ("_posts/2024-01-02-b.markdown", post),
                ("_drafts/c.md", post),
            ][..],
            "articles: [\"_posts/**/*.md\", \"_posts/**/*.markdown\"]",
        ),
    ] {
        let t = TestRepo::empty();
        for (path, text) in files {
            t.write(path, text);
        }
        t.commit(WRITER, "The site");
        let r = t.ok(WRITER, &["init"]);
        let config = t.read("factcheck.yaml");
        assert!(config.contains(globs), "{site}:\n{config}");
        assert!(
            config.contains(&format!("generator: {site}")),
            "{site}:\n{config}"
        );
        assert!(
            r.stderr.contains(&format!("site: {site} (found from"))
                || r.stdout.contains(&format!("site: {site} (found from")),
            "{site}: {}",
            r.transcript()
        );
        // Two posts, both untracked: the gate reads them (FC004 under `standard`).
        let doc = t.check(1);
        assert_eq!(doc.with("FC004").len(), 2, "{site}: {:?}", doc.codes());
    }
}

/// Thousands of article globs would be a list of files, and the matcher built from them grows
/// with their product: more than a thousand are refused at the `articles:` key, with a hint.
#[test]
fn too_many_article_globs_are_refused_with_a_hint() {
    let t = TestRepo::newsroom("light");
    let globs: String = (0..1001)
        .map(|i| format!("  - \"a{i}/**/*.md\"\n"))
        .collect();
    let config = t.read("factcheck.yaml").replace(
        "articles: [\"articles/**/*.md\"]\n",
        &format!("articles:\n{globs}"),
    );
    t.write("factcheck.yaml", &config);
    let r = t.expect(EDITOR, &["status"], 2);
    assert!(
        r.stderr
            .contains("factcheck.yaml:2:1: 1001 article globs; at most 1000 are read"),
        "{}",
        r.stderr
    );
}
