//! The architecture's rules, each a function over a source tree (or a repository folder) that
//! returns what breaks it, one line per problem, naming the file. Empty means the rule holds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::tree::{File, Tree, is_ident};

/// Module (as a path) → the modules its files use, one edge per file-level dependency.
fn module_graph(tree: &Tree) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let module_of: BTreeMap<&str, &Vec<String>> =
        tree.code().map(|f| (f.rel.as_str(), &f.module)).collect();
    tree.file_graph()
        .into_iter()
        .map(|(from, tos)| {
            let tos = tos.iter().map(|t| module_of[t.as_str()].clone()).collect();
            (module_of[from.as_str()].clone(), tos)
        })
        .collect()
}

/// Uses that point up the layers: each top-level module may use only those before it in
/// `layers` (bottom first). A top-level module missing from `layers` is a problem too.
pub fn upward_uses(tree: &Tree, layers: &[&str]) -> Vec<String> {
    let rank = |top: &str| layers.iter().position(|l| *l == top);
    let mut wrong = Vec::new();
    let graph = tree.file_graph();
    for f in tree.code() {
        let from = &f.module[0];
        let Some(from_rank) = rank(from) else {
            wrong.push(format!("{}: `{from}` is not in the layers", f.rel));
            continue;
        };
        for to in &graph[&f.rel] {
            let top = to.split(['/', '.']).next().unwrap_or_default();
            match rank(top) {
                Some(r) if r > from_rank => wrong.push(format!(
                    "{} ({from}) uses {to} ({top}), a layer above",
                    f.rel
                )),
                Some(_) => {}
                None => wrong.push(format!("{} uses {to}: `{top}` is not in the layers", f.rel)),
            }
        }
    }
    wrong
}

/// Uses of the rest of the crate from `dir` (the text layer uses nothing else).
pub fn uses_outside(tree: &Tree, dir: &str) -> Vec<String> {
    let graph = tree.file_graph();
    let inside = |rel: &str| rel.starts_with(&format!("{dir}/")) || rel == format!("{dir}.rs");
    graph
        .iter()
        .filter(|(from, _)| inside(from))
        .flat_map(|(from, tos)| {
            tos.iter()
                .filter(|t| !inside(t))
                .map(move |t| format!("{from} uses {t}"))
        })
        .collect()
}

/// A cycle between modules, at the first depth that has one (depth 1: top-level modules;
/// depth 2: `check::provenance` and its siblings; …). A module using its own parent or child
/// is one module at that depth.
pub fn module_cycle(tree: &Tree) -> Option<String> {
    let graph = module_graph(tree);
    let deepest = graph.keys().map(Vec::len).max().unwrap_or(1);
    for depth in 1..=deepest {
        let cut = |p: &Vec<String>| p[..p.len().min(depth)].to_vec();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (from, tos) in &graph {
            let entry = edges.entry(cut(from)).or_default();
            for to in tos {
                if !to.starts_with(&cut(from)) && !cut(from).starts_with(to) {
                    entry.insert(cut(to));
                }
            }
        }
        if let Some(cycle) = find_cycle(&edges) {
            let names: Vec<String> = cycle.iter().map(|p| p.join("::")).collect();
            return Some(format!(
                "module cycle at depth {depth}: {}",
                names.join(" → ")
            ));
        }
    }
    None
}

/// The cycles between files: each group of files that reach one another through `crate::`,
/// `super::` and `self::` paths, with one cycle through it, unless the group is exactly one of
/// `allowed`.
pub fn file_cycles(tree: &Tree, allowed: &[&[&str]]) -> Vec<String> {
    let graph = tree.file_graph();
    strongly_connected(&graph)
        .into_iter()
        .filter(|group| group.len() > 1)
        .filter(|group| {
            !allowed
                .iter()
                .any(|a| a.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>() == *group)
        })
        .map(|group| {
            let inside: BTreeMap<String, BTreeSet<String>> = group
                .iter()
                .map(|f| {
                    let tos = graph[f].iter().filter(|t| group.contains(*t)).cloned();
                    (f.clone(), tos.collect())
                })
                .collect();
            let cycle = find_cycle(&inside).expect("a group of two or more has a cycle");
            format!("file cycle: {}", cycle.join(" → "))
        })
        .collect()
}

/// The strongly connected components of `graph` (Tarjan's algorithm).
fn strongly_connected(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, node: &'a str) {
        let n = s.index.len();
        s.index.insert(node, n);
        s.low.insert(node, n);
        s.stack.push(node);
        s.on_stack.insert(node);
        let graph = s.graph;
        for next in graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !s.index.contains_key(next) {
                visit(s, next);
                let low = s.low[node].min(s.low[next]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(next) {
                let low = s.low[node].min(s.index[next]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut group = BTreeSet::new();
            while let Some(top) = s.stack.pop() {
                s.on_stack.remove(top);
                group.insert(top.to_string());
                if top == node {
                    break;
                }
            }
            s.groups.push(group);
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for node in graph.keys() {
        if !s.index.contains_key(node.as_str()) {
            visit(&mut s, node);
        }
    }
    s.groups
}

/// A cycle in `edges`, by depth-first search, if there is one.
pub fn find_cycle<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Option<Vec<N>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<N: Ord + Clone>(
        node: &N,
        edges: &BTreeMap<N, BTreeSet<N>>,
        marks: &mut BTreeMap<N, Mark>,
        stack: &mut Vec<N>,
    ) -> Option<Vec<N>> {
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

/// Whether `code` names `word` as a whole identifier.
pub fn names(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        !code[..i].chars().next_back().is_some_and(is_ident)
            && !code[i + word.len()..].chars().next().is_some_and(is_ident)
    })
}

/// Whether `rel` is one of `allowed`: a file (`io/worktree.rs`) or a folder's files (`git/**`).
fn allowed_file(rel: &str, allowed: &[&str]) -> bool {
    allowed.iter().any(|a| match a.strip_suffix("**") {
        Some(folder) => rel.starts_with(folder),
        None => rel == *a,
    })
}

/// Files outside `allowed` that use the crate `krate` (its name as an identifier), test code
/// included.
pub fn crate_used_outside(tree: &Tree, krate: &str, allowed: &[&str]) -> Vec<String> {
    tree.files
        .iter()
        .filter(|f| names(&f.all, krate) && !allowed_file(&f.rel, allowed))
        .map(|f| format!("{} uses {krate}", f.rel))
        .collect()
}

/// Entries of `allowed` that no longer fit: a file that does not exist or does not use `krate`,
/// a folder none of whose files does.
pub fn stale_allowances(tree: &Tree, krate: &str, allowed: &[&str]) -> Vec<String> {
    allowed
        .iter()
        .filter(|a| {
            !tree
                .files
                .iter()
                .any(|f| allowed_file(&f.rel, &[**a]) && names(&f.all, krate))
        })
        .map(|a| format!("{a} is allowed {krate} but does not use it"))
        .collect()
}

/// A `match` in `code`: where it is, what it matches on, and its arms' patterns.
struct Match {
    line: usize,
    scrutinee: String,
    patterns: Vec<String>,
}

/// Every `match` expression in `code` (nested ones too), with its arms' patterns.
fn matches(code: &str) -> Vec<Match> {
    let c: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let word: Vec<char> = "match".chars().collect();
    for i in 0..c.len() {
        let whole = c[i..].starts_with(&word)
            && !(i > 0 && is_ident(c[i - 1]))
            && c.get(i + word.len()).is_some_and(|ch| ch.is_whitespace());
        if !whole {
            continue;
        }
        let line = c[..i].iter().filter(|&&ch| ch == '\n').count() + 1;
        let mut k = i + word.len();
        let mut depth = 0i32;
        let start = k;
        while k < c.len() && !(c[k] == '{' && depth == 0) {
            match c[k] {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                ';' if depth == 0 => break,
                _ => {}
            }
            k += 1;
        }
        if c.get(k) != Some(&'{') {
            continue;
        }
        let scrutinee: String = c[start..k].iter().collect();
        k += 1;
        let mut patterns = Vec::new();
        loop {
            while k < c.len() && (c[k].is_whitespace() || c[k] == ',') {
                k += 1;
            }
            if k >= c.len() || c[k] == '}' {
                break;
            }
            // The pattern runs to the `=>` outside brackets.
            let from = k;
            let mut depth = 0i32;
            while k + 1 < c.len() && !(depth == 0 && c[k] == '=' && c[k + 1] == '>') {
                match c[k] {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    _ => {}
                }
                k += 1;
            }
            patterns.push(c[from..k].iter().collect::<String>().trim().to_string());
            k += 2;
            // The body: a block, or an expression up to the `,` (or `}`) outside brackets.
            while k < c.len() && c[k].is_whitespace() {
                k += 1;
            }
            let block = c.get(k) == Some(&'{');
            let mut depth = 0i32;
            while k < c.len() {
                match c[k] {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth > 0 => {
                        depth -= 1;
                        if depth == 0 && block {
                            k += 1;
                            break;
                        }
                    }
                    '}' | ',' if depth == 0 => break,
                    _ => {}
                }
                k += 1;
            }
        }
        found.push(Match {
            line,
            scrutinee: scrutinee.trim().to_string(),
            patterns,
        });
    }
    found
}

/// Whether an arm's pattern takes whatever is left: `_`, or a binding (`other`), with or
/// without a guard.
fn catches_all(pattern: &str) -> bool {
    let head = pattern.split(" if ").next().unwrap_or(pattern).trim();
    head == "_"
        || (head.chars().next().is_some_and(|ch| ch.is_lowercase()) && head.chars().all(is_ident))
}

/// Whether a match is over an output format: an arm names a `…Format::` variant, or it
/// matches on a `format` value.
fn over_a_format(m: &Match) -> bool {
    let names_variant = m.patterns.iter().any(|p| p.contains("Format::"));
    let scrutinee = m.scrutinee.trim_start_matches('&');
    names_variant || scrutinee == "format" || scrutinee.ends_with(".format")
}

/// Matches over an output format in the files under `dirs` that end with a catch-all arm
/// (`_ =>`): adding a format must make each of them decide.
pub fn catch_all_format_arms(tree: &Tree, dirs: &[&str]) -> Vec<String> {
    let under = |f: &File| dirs.iter().any(|d| f.rel.starts_with(&format!("{d}/")));
    tree.code()
        .filter(|f| under(f))
        .flat_map(|f| {
            matches(&f.code)
                .into_iter()
                .filter(|m| over_a_format(m) && m.patterns.iter().any(|p| catches_all(p)))
                .map(move |m| {
                    format!(
                        "{}:{}: `match {}` has a catch-all arm; name every format",
                        f.rel, m.line, m.scrutinee
                    )
                })
        })
        .collect()
}

/// What reads the wall clock or waits on it.
pub const CLOCK: &[&str] = &[
    "Instant",
    "SystemTime",
    "Duration",
    "UNIX_EPOCH",
    "sleep",
    "now_utc",
    "now_local",
];

/// Files under `dir` (test code included) that name the wall clock ([`CLOCK`], `std::time`).
pub fn wall_clock_in(tree: &Tree, dir: &str) -> Vec<String> {
    tree.files
        .iter()
        .filter(|f| f.rel.starts_with(&format!("{dir}/")) || f.rel == format!("{dir}.rs"))
        .filter_map(|f| {
            let mut hits: Vec<&str> = CLOCK.iter().copied().filter(|w| names(&f.all, w)).collect();
            if f.all.contains("std::time") || f.all.contains("std::{time") {
                hits.push("std::time");
            }
            (!hits.is_empty()).then(|| format!("{} uses {}", f.rel, hits.join(", ")))
        })
        .collect()
}

/// Source files under `src` longer than `max` lines.
pub fn long_files(tree: &Tree, src: &Path, max: usize) -> Vec<String> {
    tree.files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(src.join(&f.rel)).expect("readable");
            let n = text.lines().count();
            (n > max).then(|| format!("{}: {n} lines", f.rel))
        })
        .collect()
}

/// The sections `docs/spec.md` (its text: `spec`) has: `## §3 Anchoring …` gives 3.
pub fn spec_sections(spec: &str) -> BTreeSet<u32> {
    spec.lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| {
            let rest = l.trim_start_matches('#').trim_start().strip_prefix('§')?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// The section numbers cited right after each `docs/spec.md` in `text`: `docs/spec.md §4, §9`
/// and `docs/spec.md §4 and §9` cite 4 and 9. With the line each is on.
pub fn spec_citations(text: &str) -> Vec<(usize, u32)> {
    const NAME: &str = "docs/spec.md";
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        for (i, _) in line.match_indices(NAME) {
            // A citation may go on after a line break, in a comment or a paragraph.
            let next = lines.get(n + 1).map_or("", |l| {
                l.trim_start()
                    .trim_start_matches("//!")
                    .trim_start_matches("///")
                    .trim_start_matches("//")
            });
            let joined = format!("{} {next}", &line[i + NAME.len()..]);
            let mut rest = joined.as_str();
            loop {
                rest = rest.trim_start_matches([' ', ',', ';']);
                if let Some(after) = rest.strip_prefix("and ") {
                    rest = after;
                }
                let Some(after) = rest.strip_prefix('§') else {
                    break;
                };
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                let Ok(section) = digits.parse() else {
                    break;
                };
                out.push((n + 1, section));
                rest = &after[digits.len()..];
            }
        }
    }
    out
}

/// The files a citation of the spec may be in: `src/**/*.rs`, `docs/**/*.md`, and the
/// top-level Markdown files of `root`.
fn citing_files(root: &Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root.join("src"), "rs", &mut files);
    walk(&root.join("docs"), "md", &mut files);
    if let Ok(entries) = std::fs::read_dir(root) {
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md")),
        );
    }
    files.sort();
    files
}

/// Citations of the spec that lead nowhere: a `docs/spec.md §N` (in `src/`, `docs/` or a
/// top-level Markdown file of `root`) or a `§N` inside docs/spec.md itself without a heading
/// `§N` in docs/spec.md, and any citation of the upstream `SPEC §N` (ours is docs/spec.md)
/// but the lines of `upstream` (a file relative to `root`, and the whole line, trimmed).
pub fn broken_spec_citations(root: &Path, upstream: &[(&str, &str)]) -> Vec<String> {
    let spec_path = root.join("docs/spec.md");
    let Ok(spec) = std::fs::read_to_string(&spec_path) else {
        return vec!["docs/spec.md is missing".into()];
    };
    let sections = spec_sections(&spec);
    let mut wrong = Vec::new();
    for file in citing_files(root) {
        let text = std::fs::read_to_string(&file).expect("readable");
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let mut cited = spec_citations(&text);
        if file == spec_path {
            cited.extend(text.lines().enumerate().flat_map(|(n, line)| {
                line.split('§').skip(1).filter_map(move |after| {
                    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                    digits.parse().ok().map(|s| (n + 1, s))
                })
            }));
        }
        for (line, section) in cited {
            if !sections.contains(&section) {
                wrong.push(format!("{rel}:{line}: docs/spec.md has no §{section}"));
            }
        }
        for (n, line) in text.lines().enumerate() {
            let kept = upstream
                .iter()
                .any(|(file, kept)| rel == *file && line.trim() == *kept);
            if line.contains("SPEC §") && !kept {
                wrong.push(format!(
                    "{rel}:{}: cites `SPEC §`; cite docs/spec.md §N, the contract kept here",
                    n + 1
                ));
            }
        }
    }
    wrong
}

/// The files the section of ARCHITECTURE.md (its text: `md`) whose heading names `git2` lists:
/// the first name in backticks of each of its list items (its prose is not the list).
pub fn listed_in_git2_section(md: &str) -> BTreeSet<String> {
    let mut listed = BTreeSet::new();
    let mut inside = false;
    for line in md.lines() {
        if line.starts_with("## ") {
            inside = line.contains("git2");
            continue;
        }
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        if inside && let Some(name) = item.and_then(|i| i.split('`').nth(1)) {
            listed.insert(name.to_string());
        }
    }
    listed
}

/// The files and folders ARCHITECTURE.md (its text: `md`) names in backticks (`cli/output.rs`,
/// `docs/spec.md`, `render/`) that exist neither from `root`, nor from `root/src`, nor as the end
/// of a path under `root/src` (`worddiff/engine.rs` in `text/`).
pub fn missing_names(md: &str, root: &Path) -> Vec<String> {
    let mut all = Vec::new();
    let tree = Tree::read(&root.join("src"));
    for f in &tree.files {
        all.push(f.rel.clone());
    }
    let exists = |name: &str| {
        let bare = name.trim_end_matches('/');
        root.join(bare).exists()
            || root.join("src").join(bare).exists()
            || all
                .iter()
                .any(|f| f.ends_with(&format!("/{bare}")) || f.contains(&format!("/{bare}/")))
    };
    let mut missing = BTreeSet::new();
    for line in md.lines() {
        for (i, part) in line.split('`').enumerate() {
            let file_like = part.ends_with(".rs")
                || part.ends_with(".md")
                || (part.ends_with('/') && !part.contains(' '));
            if i % 2 == 1 && file_like && !part.contains("::") && !exists(part) {
                missing.insert(part.to_string());
            }
        }
    }
    missing.into_iter().collect()
}

/// Quoted role names (`"editor"`) in the code of `tree` (read from `src`), outside test items
/// and the files in `allowed`: who may do what is written once, in the table of rights.
pub fn role_literals(tree: &Tree, src: &Path, roles: &[&str], allowed: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for f in tree
        .files
        .iter()
        .filter(|f| !f.test && !allowed.contains(&f.rel.as_str()))
    {
        let raw = std::fs::read_to_string(src.join(&f.rel)).expect("readable");
        let (code, _) = super::tree::without_test_items(&raw);
        for (n, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            for role in roles {
                if line.contains(&format!("\"{role}\"")) {
                    out.push(format!("{}:{}: names the role `{role}`", f.rel, n + 1));
                }
            }
        }
    }
    out
}
