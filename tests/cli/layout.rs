//! The architecture, as tests: the layers ARCHITECTURE.md draws, with every dependency pointing
//! down; no cycle between modules at any depth, nor between files; git2 only in the files
//! ARCHITECTURE.md lists; no rayon in `cli/`; no catch-all arm in a match over an output
//! format; no wall clock in `text/`; every citation of docs/spec.md leading to a section of it;
//! every file ARCHITECTURE.md names existing; no source file over 600 lines.
//!
//! Each rule is a function over a source tree ([`rules`], reading [`tree`]), so each is tried
//! twice here: on `src/`, where it must hold, and on a temporary tree with the problem planted,
//! where it must fail. Code is read the way a reviewer reads it: `crate::`, `super::` and
//! `self::` paths in code, not in comments or string literals, and not in test code for the
//! dependency rules.

mod rules;
mod tree;

use std::path::PathBuf;

use rules::*;
use tree::Tree;

/// The top-level modules from the bottom up: each may use only those before it.
const LAYERS: &[&str] = &[
    "text",
    "error",
    "io",
    "model",
    "git",
    "project",
    "check",
    "revisions",
    "render",
    "ops",
    "cli",
];

/// The files that may use git2 (under `src/`; `git/**` is every file under `git/`), test code
/// included. ARCHITECTURE.md lists the same files.
const GIT2: &[&str] = &[
    "check/change.rs",
    "check/mod.rs",
    "check/provenance.rs",
    "check/provenance/records.rs",
    "check/provenance/tracer.rs",
    "error.rs",
    "git/**",
    "io/inventory.rs",
    "io/inventory/index.rs",
    "io/worktree.rs",
    "ops/hooks.rs",
    "ops/merge.rs",
    "ops/mv.rs",
];

/// Groups of files allowed to depend on one another in a cycle. None: a cycle between two
/// files is broken by moving what both need into one of them (or a third file).
const FILE_CYCLES_ALLOWED: &[&[&str]] = &[];

/// The lines that may still cite the upstream specification (`SPEC §N`), each with why: none.
const UPSTREAM_CITATIONS: &[(&str, &str)] = &[];

/// The folders whose matches over an output format must name every format.
const FRONT_END: &[&str] = &["cli", "render"];

/// The longest a source file may be.
const MAX_LINES: usize = 600;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn src() -> Tree {
    Tree::read(&root().join("src"))
}

/// Fails listing `problems`, if there are any.
fn holds(rule: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "{rule}:\n{}", problems.join("\n"));
}

/// A temporary folder holding `files` (paths relative to it, e.g. `src/text/a.rs`).
fn planted(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(path, text).expect("written");
    }
    dir
}

/// The tree of `src/` in a temporary folder holding `files` (relative to `src/`).
fn planted_tree(files: &[(&str, &str)]) -> Tree {
    let under_src: Vec<(String, &str)> = files
        .iter()
        .map(|(p, t)| (format!("src/{p}"), *t))
        .collect();
    let files: Vec<(&str, &str)> = under_src.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let dir = planted(&files);
    Tree::read(&dir.path().join("src"))
}

// The rules on the real tree.

#[test]
fn every_dependency_points_down_the_layers() {
    holds("dependencies pointing up", upward_uses(&src(), LAYERS));
}

#[test]
fn text_depends_on_nothing_else_in_the_crate() {
    holds(
        "text/ uses the rest of the crate",
        uses_outside(&src(), "text"),
    );
}

#[test]
fn no_module_cycles_at_any_depth() {
    if let Some(cycle) = module_cycle(&src()) {
        panic!("{cycle}");
    }
}

#[test]
fn no_cycle_between_files() {
    holds(
        "files that depend on one another",
        file_cycles(&src(), FILE_CYCLES_ALLOWED),
    );
}

#[test]
fn only_the_listed_files_use_git2() {
    let tree = src();
    holds(
        "git2 outside the allowed files",
        crate_used_outside(&tree, "git2", GIT2),
    );
    holds(
        "allowed git2 but not using it",
        stale_allowances(&tree, "git2", GIT2),
    );
}

#[test]
fn architecture_md_lists_the_files_that_use_git2() {
    let md = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let listed = listed_in_git2_section(&md);
    let allowed = GIT2.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        listed, allowed,
        "ARCHITECTURE.md's git2 section must list exactly the files layout.rs allows"
    );
}

#[test]
fn the_command_line_leaves_threads_to_the_library() {
    let tree = src();
    let in_cli: Vec<String> = tree
        .files
        .iter()
        .filter(|f| f.rel.starts_with("cli/") && names(&f.all, "rayon"))
        .map(|f| f.rel.clone())
        .collect();
    holds("rayon in cli/", in_cli);
}

#[test]
fn every_match_over_an_output_format_names_every_format() {
    holds(
        "catch-all arms over an output format",
        catch_all_format_arms(&src(), FRONT_END),
    );
}

/// The built-in roles, and the one file that may name them: the table of rights.
const ROLES: &[&str] = &["writer", "fact-checker", "editor", "medical-reviewer"];
const RIGHTS: &[&str] = &["model/rights.rs"];

#[test]
fn roles_are_named_only_in_the_table_of_rights() {
    holds(
        "role names outside model/rights.rs",
        role_literals(&src(), &root().join("src"), ROLES, RIGHTS),
    );
}

#[test]
fn a_role_named_outside_the_table_is_found() {
    let dir = planted(&[
        ("src/model/rights.rs", "const E: &str = \"editor\";\n"),
        (
            "src/ops/people.rs",
            "// \"editor\" in a comment is fine\nfn f(p: &P) -> bool {\n    p.has(\"editor\")\n}\n#[cfg(test)]\nmod tests {\n    const W: &str = \"writer\";\n}\n",
        ),
    ]);
    let src = dir.path().join("src");
    assert_eq!(
        role_literals(&Tree::read(&src), &src, ROLES, RIGHTS),
        ["ops/people.rs:3: names the role `editor`"]
    );
}

#[test]
fn the_text_layer_never_reads_the_clock() {
    holds("wall-clock time in text/", wall_clock_in(&src(), "text"));
}

#[test]
fn every_citation_of_the_spec_leads_to_a_section() {
    holds(
        "citations of docs/spec.md",
        broken_spec_citations(&root(), UPSTREAM_CITATIONS),
    );
}

#[test]
fn every_file_architecture_md_names_exists() {
    let md = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    holds("ARCHITECTURE.md names", missing_names(&md, &root()));
}

#[test]
fn no_source_file_is_over_600_lines() {
    let tree = src();
    holds(
        "split these by concern",
        long_files(&tree, &root().join("src"), MAX_LINES),
    );
}

// Each rule on a tree with the problem planted.

#[test]
fn the_layer_rules_see_an_upward_use() {
    let tree = planted_tree(&[
        ("text/mod.rs", "pub mod a;\n"),
        ("text/a.rs", "pub fn f() { crate::cli::run(); }\n"),
        ("cli/mod.rs", "pub fn run() { crate::text::a::f(); }\n"),
    ]);
    let up = upward_uses(&tree, LAYERS);
    assert_eq!(
        up,
        ["text/a.rs (text) uses cli/mod.rs (cli), a layer above"]
    );
    assert_eq!(uses_outside(&tree, "text"), ["text/a.rs uses cli/mod.rs"]);
    let cycle = module_cycle(&tree).expect("text and cli use each other");
    assert!(cycle.starts_with("module cycle at depth 1"), "{cycle}");
}

#[test]
fn the_file_cycle_rule_sees_siblings_using_each_other() {
    let article = "mod builder;\nmod plain;\npub use plain::PlainText;\n";
    // Through `use` items, grouped and plain.
    let tree = planted_tree(&[
        ("text/article.rs", article),
        (
            "text/article/builder.rs",
            "use super::{plain::PlainText, Folded};\n",
        ),
        ("text/article/plain.rs", "use super::builder::Builder;\n"),
    ]);
    let cycles = file_cycles(&tree, &[]);
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(cycles[0].contains("text/article/builder.rs"), "{cycles:?}");
    assert!(cycles[0].contains("text/article/plain.rs"), "{cycles:?}");
    // The rule would see it at module depth 3 too.
    assert!(module_cycle(&tree).is_some());
    // An allowed group passes, a different one does not excuse it.
    let group: &[&str] = &["text/article/builder.rs", "text/article/plain.rs"];
    assert!(file_cycles(&tree, &[group]).is_empty());
    assert_eq!(file_cycles(&tree, &[&group[..1]]).len(), 1);

    // Through expressions, `super::super::` and `self::`, across three files.
    let tree = planted_tree(&[
        ("text/mod.rs", "mod site;\nmod span;\n"),
        (
            "text/span.rs",
            "pub fn f() { self::g(); crate::text::site::mask::h() }\n",
        ),
        ("text/site/mod.rs", "mod mask;\nmod scan;\n"),
        (
            "text/site/mask.rs",
            "fn h() -> usize { super::scan::i() }\n",
        ),
        (
            "text/site/scan.rs",
            "fn i() -> T { super::super::span::f() }\n",
        ),
    ]);
    let cycles = file_cycles(&tree, &[]);
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    for f in ["text/span.rs", "text/site/mask.rs", "text/site/scan.rs"] {
        assert!(cycles[0].contains(f), "{cycles:?}");
    }

    // A path in a comment, a string or test code is no dependency.
    let tree = planted_tree(&[
        ("text/article.rs", article),
        ("text/article/builder.rs", "use super::plain::PlainText;\n"),
        (
            "text/article/plain.rs",
            "// super::builder::Builder\nconst S: &str = \"super::builder::x\";\n#[cfg(test)]\nmod tests {\n    use super::super::builder::Builder;\n}\n",
        ),
    ]);
    assert!(file_cycles(&tree, &[]).is_empty());
}

#[test]
fn the_path_reader_expands_groups_and_relative_paths() {
    let code = "use crate::{text::span::Span, ops};\nuse super::{a, b::{c, self}, d as e};\n\
                let x = crate::model::Status::Draft;\nsuper::super::f::g();\n$crate::cli::output::print();\n";
    let found: Vec<String> = tree::paths(code).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "crate::text::span::Span",
            "crate::ops",
            "super::a",
            "super::b::c",
            "super::b",
            "super::d",
            "crate::model::Status::Draft",
            "super::super::f::g",
            "crate::cli::output::print",
        ]
    );
    let blanked = tree::blank_comments_and_literals(
        "let s = \"crate::a\"; // crate::b\n/* crate::c /* nested */ */ let r = r#\"crate::d\"#; let c = '\"'; crate::e",
    );
    let found: Vec<String> = tree::paths(&blanked).iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["crate::e"]);
}

#[test]
fn the_git2_rule_sees_a_stray_use() {
    let tree = planted_tree(&[
        (
            "git/history.rs",
            "pub fn open() -> git2::Repository { todo!() }\n",
        ),
        ("io/worktree.rs", "use git2::Oid;\n"),
        (
            "cli/claim.rs",
            "fn f() { let _ = git2::Repository::open(\".\"); }\n",
        ),
        (
            "render/html.rs",
            "// git2 in a comment\nconst S: &str = \"git2::Oid\";\n",
        ),
        (
            "model/sidecar.rs",
            "#[cfg(test)]\nmod tests {\n    use git2::Oid;\n}\n",
        ),
    ]);
    let allowed = ["git/**", "io/worktree.rs", "ops/mv.rs"];
    assert_eq!(
        crate_used_outside(&tree, "git2", &allowed),
        ["cli/claim.rs uses git2", "model/sidecar.rs uses git2"]
    );
    assert_eq!(
        stale_allowances(&tree, "git2", &allowed),
        ["ops/mv.rs is allowed git2 but does not use it"]
    );
    let md = "## Layers\n- `cli/claim.rs`\n\n## Who uses git2\n\n`layout.rs` checks:\n\n- `git/**`\n- `io/worktree.rs`\n\n## Next\n- `ops/mv.rs`\n";
    let listed = listed_in_git2_section(md);
    assert_eq!(
        listed.into_iter().collect::<Vec<_>>(),
        ["git/**", "io/worktree.rs"]
    );
}

#[test]
fn the_format_rule_sees_a_catch_all_arm() {
    let code = "fn f(a: A) {\n    match a.format {\n        OutputFormat::Json => json(),\n        _ => human(),\n    }\n}\n";
    let binding = "fn f(a: A) {\n    match a.format {\n        OutputFormat::Json => { json() }\n        other => human(other),\n    }\n}\n";
    let guarded = "fn f(f: Format) -> u8 {\n    match f {\n        Format::Json => 1,\n        _ if true => 2,\n        Format::Human => 3,\n    }\n}\n";
    let nested = "fn f(a: A) {\n    match a.x {\n        X::A => match a.format {\n            OutputFormat::Json => 1,\n            _ => 2,\n        },\n        _ => 3,\n    }\n}\n";
    let fine = "fn f(a: A) {\n    match a.format {\n        OutputFormat::Json => json(),\n        OutputFormat::Human | OutputFormat::Sarif => human(),\n    }\n    match a.color {\n        Some(c) => c,\n        _ => 0,\n    }\n}\n";
    let tree = planted_tree(&[
        ("cli/claim.rs", code),
        ("cli/diff.rs", binding),
        ("render/json.rs", guarded),
        ("cli/gate.rs", nested),
        ("cli/fine.rs", fine),
        ("ops/claim.rs", code),
    ]);
    assert_eq!(
        catch_all_format_arms(&tree, FRONT_END),
        [
            "cli/claim.rs:2: `match a.format` has a catch-all arm; name every format",
            "cli/diff.rs:2: `match a.format` has a catch-all arm; name every format",
            "cli/gate.rs:3: `match a.format` has a catch-all arm; name every format",
            "render/json.rs:2: `match f` has a catch-all arm; name every format",
        ]
    );
}

#[test]
fn the_clock_rule_sees_an_instant_in_text() {
    let tree = planted_tree(&[
        (
            "text/anchor.rs",
            "fn f() { let t = std::time::Instant::now(); }\n",
        ),
        (
            "text/diff.rs",
            "use std::{thread, time::Duration};\nfn f() { thread::sleep(Duration::from_millis(1)); }\n",
        ),
        (
            "text/words.rs",
            "// Instant\nconst S: &str = \"Duration sleep\";\nfn sleeper() {}\n",
        ),
        (
            "text/anchor/tests.rs",
            "fn t() { let _ = std::time::SystemTime::now(); }\n",
        ),
        ("text/anchor/mod.rs", "#[cfg(test)]\nmod tests;\n"),
        (
            "ops/gate.rs",
            "fn f() { let t = std::time::Instant::now(); }\n",
        ),
    ]);
    assert_eq!(
        wall_clock_in(&tree, "text"),
        [
            "text/anchor/tests.rs uses SystemTime, std::time",
            "text/anchor.rs uses Instant, std::time",
            "text/diff.rs uses Duration, sleep",
        ]
    );
}

#[test]
fn the_spec_rule_sees_a_missing_section_and_an_upstream_citation() {
    let spec = "# Spec\n\n## §1 What it is\n\nSee §2.\n\n## §2 Files\n\nAnd §7.\n";
    let dir = planted(&[
        ("docs/spec.md", spec),
        ("src/a.rs", "//! Anchors (docs/spec.md §1, §2 and §42).\n"),
        ("src/c.rs", "//! Split (docs/spec.md\n//! §12).\n"),
        (
            "src/b.rs",
            "//! Revisions (SPEC §4).\n/// Kept (SPEC §5).\n",
        ),
        ("docs/guide.md", "As [docs/spec.md §9](spec.md) says.\n"),
        ("README.md", "See docs/spec.md §2.\n"),
    ]);
    let kept = [("src/b.rs", "/// Kept (SPEC §5).")];
    assert_eq!(
        broken_spec_citations(dir.path(), &kept),
        [
            "docs/guide.md:1: docs/spec.md has no §9",
            "docs/spec.md:9: docs/spec.md has no §7",
            "src/a.rs:1: docs/spec.md has no §42",
            "src/b.rs:1: cites `SPEC §`; cite docs/spec.md §N, the contract kept here",
            "src/c.rs:1: docs/spec.md has no §12",
        ]
    );
    assert_eq!(spec_sections(spec).into_iter().collect::<Vec<_>>(), [1, 2]);
    let empty = planted(&[("src/a.rs", "")]);
    assert_eq!(
        broken_spec_citations(empty.path(), &[]),
        ["docs/spec.md is missing"]
    );
}

#[test]
fn the_names_rule_sees_a_file_that_is_gone() {
    let dir = planted(&[
        ("src/cli/mod.rs", ""),
        ("src/text/worddiff/engine.rs", ""),
        ("docs/spec.md", ""),
    ]);
    let md = "`cli/mod.rs`, `cli/`, `worddiff/engine.rs`, `docs/spec.md`, `cli/gone.rs`, `docs/old.md`, `crate::x.rs`";
    assert_eq!(
        missing_names(md, dir.path()),
        ["cli/gone.rs", "docs/old.md"]
    );
}

#[test]
fn the_length_rule_sees_a_long_file() {
    let long = "fn f() {}\n".repeat(MAX_LINES + 1);
    let dir = planted(&[
        ("src/text/a.rs", long.as_str()),
        ("src/text/b.rs", "fn g() {}\n"),
    ]);
    let tree = Tree::read(&dir.path().join("src"));
    assert_eq!(
        long_files(&tree, &dir.path().join("src"), MAX_LINES),
        ["text/a.rs: 601 lines"]
    );
}
