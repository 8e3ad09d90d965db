//! The architecture, as a test: the layers ARCHITECTURE.md draws, with every dependency
//! pointing down, no cycle between modules at any depth, no git2 or rayon in `cli/`, and no
//! source file over 600 lines.
//! It reads `src/` the way a reviewer would (`crate::` paths in code, not in comments or
//! tests), so a change that breaks the layering fails here with the offending file named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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

/// The longest a source file may be.
const MAX_LINES: usize = 600;

/// A module of the crate: its path (`["check", "provenance"]`) and the code that is not test
/// code, without comments.
struct Module {
    path: Vec<String>,
    file: PathBuf,
    code: String,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/check/provenance/records.rs` → `["check", "provenance", "records"]`.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).expect("under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of `text` without the `#[cfg(test)] mod tests { … }` at its end and without
/// comments (doc links are not dependencies).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules declared `#[cfg(test)] mod name;` in `text`.
fn test_only(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("#[cfg(test)]") {
        rest = rest[i + "#[cfg(test)]".len()..].trim_start();
        if let Some(decl) = rest.strip_prefix("mod ")
            && let Some(end) = decl.find(';')
            && !decl[..end].contains('{')
        {
            out.push(decl[..end].trim().to_string());
        }
    }
    out
}

fn modules() -> Vec<Module> {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let mut skip: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut modules = Vec::new();
    for file in &all {
        let text = std::fs::read_to_string(file).expect("readable");
        let path = module_path(file);
        for name in test_only(&text) {
            let mut p = path.clone();
            p.push(name);
            skip.insert(p);
        }
        modules.push(Module {
            path,
            file: file.clone(),
            code: code_of(&text),
        });
    }
    modules.retain(|m| {
        !m.path.is_empty()
            && m.path != ["main"]
            && m.path != ["lib"]
            && !skip.iter().any(|s| m.path.starts_with(s))
    });
    modules
}

/// The `crate::…` paths `code` names, as segment lists (`use crate::{a::b, c}` gives `a::b`
/// and `c`).
fn references(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (c == ',' && depth == 1) {
                    out.push(segments(&item));
                    item.clear();
                    if depth == 0 {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
        } else {
            out.push(segments(rest));
        }
    }
    out
}

/// The leading `a::b::c` of `s`, split.
fn segments(s: &str) -> Vec<String> {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(s.len());
    s[..end]
        .split("::")
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Module → the modules it uses (the longest declared prefix of each reference).
fn graph(modules: &[Module]) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let known: BTreeSet<&Vec<String>> = modules.iter().map(|m| &m.path).collect();
    let mut graph = BTreeMap::new();
    for m in modules {
        let uses: &mut BTreeSet<Vec<String>> = graph.entry(m.path.clone()).or_default();
        for r in references(&m.code) {
            if let Some(target) = (1..=r.len())
                .rev()
                .map(|n| r[..n].to_vec())
                .find(|p| known.contains(p))
                && target != m.path
            {
                uses.insert(target);
            }
        }
    }
    graph
}

#[test]
fn every_dependency_points_down_the_layers() {
    let modules = modules();
    let graph = graph(&modules);
    let rank = |top: &str| LAYERS.iter().position(|l| *l == top);
    let mut wrong = Vec::new();
    for m in &modules {
        let from = &m.path[0];
        let from_rank = rank(from).unwrap_or_else(|| panic!("{from}: not in LAYERS"));
        for to in &graph[&m.path] {
            let to_rank = rank(&to[0]).unwrap_or_else(|| panic!("{}: not in LAYERS", to[0]));
            if to[0] != *from && to_rank > from_rank {
                wrong.push(format!(
                    "{} ({}) uses {} ({})",
                    m.file.display(),
                    from,
                    to.join("::"),
                    to[0]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies pointing up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn text_depends_on_nothing_else_in_the_crate() {
    let modules = modules();
    let graph = graph(&modules);
    let outside: Vec<String> = modules
        .iter()
        .filter(|m| m.path[0] == "text")
        .flat_map(|m| {
            graph[&m.path]
                .iter()
                .filter(|t| t[0] != "text")
                .map(move |t| format!("{} uses {}", m.file.display(), t.join("::")))
        })
        .collect();
    assert!(outside.is_empty(), "{}", outside.join("\n"));
}

#[test]
fn no_module_cycles_at_any_depth() {
    let modules = modules();
    let graph = graph(&modules);
    let deepest = modules.iter().map(|m| m.path.len()).max().unwrap_or(1);
    for depth in 1..=deepest {
        let cut = |p: &Vec<String>| p[..p.len().min(depth)].to_vec();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (from, tos) in &graph {
            let entry = edges.entry(cut(from)).or_default();
            for to in tos {
                // A module using its own parent or child is one module at this depth.
                if !to.starts_with(&cut(from)) && !cut(from).starts_with(to) {
                    entry.insert(cut(to));
                }
            }
        }
        if let Some(cycle) = find_cycle(&edges) {
            let names: Vec<String> = cycle.iter().map(|p| p.join("::")).collect();
            panic!("module cycle at depth {depth}: {}", names.join(" → "));
        }
    }
}

/// A cycle in `edges`, by depth-first search, if there is one.
fn find_cycle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        marks: &mut BTreeMap<Vec<String>, Mark>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|n| n == node).expect("on the stack");
                let mut cycle = stack[start..].to_vec();
                cycle.push(node.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut marks, &mut Vec::new()))
}

#[test]
fn the_command_line_leaves_git_and_threads_to_the_library() {
    let modules = modules();
    let found: Vec<String> = modules
        .iter()
        .filter(|m| m.path[0] == "cli")
        .filter(|m| m.code.contains("git2::") || m.code.contains("rayon::"))
        .map(|m| m.file.display().to_string())
        .collect();
    assert!(
        found.is_empty(),
        "git2 or rayon in cli/: {}",
        found.join(", ")
    );
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let long: Vec<String> = all
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f)
                .expect("readable")
                .lines()
                .count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by concern:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_a_cycle_and_an_upward_use() {
    // The test must be able to fail: a made-up pair of modules using each other.
    let a = vec!["a".to_string()];
    let b = vec!["b".to_string()];
    let edges = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([a.clone()])),
    ]);
    assert!(find_cycle(&edges).is_some());
    let refs =
        references("use crate::{text::span::Span, ops};\nlet x = crate::model::Status::Draft;");
    let refs: Vec<Vec<&str>> = refs
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        refs,
        [
            vec!["text", "span", "Span"],
            vec!["ops"],
            vec!["model", "Status", "Draft"]
        ]
    );
}
