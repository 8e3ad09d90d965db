//! A crate's source tree read the way a reviewer reads it: each file with its module path and
//! its code, without comments, without the contents of string and character literals, and
//! (for the dependency rules) without test-only items; and the paths that code names through
//! `crate::`, `super::` and `self::`, resolved to the files they lead to.
//!
//! Everything here works on any directory laid out like `src/`, so each rule can be tried on a
//! temporary tree with a planted problem.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One source file.
pub struct File {
    /// Its module: `check/provenance/records.rs` → `["check", "provenance", "records"]`; a
    /// `mod.rs` is its folder's module.
    pub module: Vec<String>,
    /// Its path under the source folder, `/`-separated: `check/provenance/records.rs`.
    pub rel: String,
    /// Its code without comments, literals' contents and test-only items (`#[cfg(test)]`).
    pub code: String,
    /// Its code without comments and literals' contents, test code included.
    pub all: String,
    /// Whether it is the file of a test-only module (`#[cfg(test)] mod tests;`).
    pub test: bool,
}

/// The files of a source folder, except the crate roots (`lib.rs`, `main.rs`).
pub struct Tree {
    /// The files, in path order; [`Tree::code`] leaves out the test-only ones.
    pub files: Vec<File>,
}

impl Tree {
    /// Reads every `.rs` file under `src`.
    pub fn read(src: &Path) -> Tree {
        let mut paths = Vec::new();
        rust_files(src, &mut paths);
        paths.sort();
        let mut test_only: BTreeSet<Vec<String>> = BTreeSet::new();
        let mut files = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let rel = path
                .strip_prefix(src)
                .expect("under src")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let module = module_of(&rel);
            let all = blank_comments_and_literals(&text);
            let (code, tests) = without_test_items(&all);
            for name in tests {
                let mut m = module.clone();
                m.push(name);
                test_only.insert(m);
            }
            files.push(File {
                module,
                rel,
                code,
                all,
                test: false,
            });
        }
        files.retain(|f| !f.module.is_empty() && f.module != ["main"] && f.module != ["lib"]);
        for f in &mut files {
            f.test = test_only.iter().any(|t| f.module.starts_with(t));
        }
        Tree { files }
    }

    /// The files of the product: not those of test-only modules.
    pub fn code(&self) -> impl Iterator<Item = &File> {
        self.files.iter().filter(|f| !f.test)
    }

    /// The product's file of `module`, if it has one of its own.
    pub fn file(&self, module: &[String]) -> Option<&File> {
        self.code().find(|f| f.module == module)
    }

    /// The file that `path` (`crate::a::b::Item`, `super::c`, `self::d`, written in `from`)
    /// leads to: the deepest module of the path that is a file. `None` for a path that starts
    /// elsewhere (`std::`, a bare name) or leaves the crate.
    pub fn target(&self, from: &File, path: &[String]) -> Option<&File> {
        let mut at: Vec<String> = match path.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("self" | "super") => from.module.clone(),
            _ => return None,
        };
        let mut rest = &path[1..];
        if path[0] == "super" {
            at.pop()?;
        }
        while rest.first().is_some_and(|s| s == "super") {
            at.pop()?;
            rest = &rest[1..];
        }
        at.extend(rest.iter().cloned());
        (1..=at.len()).rev().find_map(|n| self.file(&at[..n]))
    }

    /// File → the other files its code names (by `rel`).
    pub fn file_graph(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph = BTreeMap::new();
        for f in self.code() {
            let uses: &mut BTreeSet<String> = graph.entry(f.rel.clone()).or_default();
            for path in paths(&f.code) {
                if let Some(t) = self.target(f, &path)
                    && t.rel != f.rel
                {
                    uses.insert(t.rel.clone());
                }
            }
        }
        graph
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `check/provenance/records.rs` → `["check", "provenance", "records"]`, `io/mod.rs` → `["io"]`.
pub fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Whether `c` may be part of an identifier.
pub fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` with every comment replaced by spaces and the contents of every string, byte string,
/// raw string and character literal replaced by spaces (the quotes stay); line breaks are kept,
/// so line numbers still hold.
pub fn blank_comments_and_literals(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < c.len() {
        let prev_ident = i > 0 && is_ident(c[i - 1]);
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if !prev_ident && let Some((hashes, open)) = raw_string_start(&c, i) {
            // r"…", r#"…"#, br"…": no escapes; ends at a quote followed by as many hashes.
            out.extend(&c[i..i + open]);
            i += open;
            while i < c.len() {
                if c[i] == '"' && (0..hashes).all(|k| c.get(i + 1 + k) == Some(&'#')) {
                    out.push('"');
                    out.extend(std::iter::repeat_n('#', hashes));
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if c[i] == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c[i] == '\'' && !prev_ident {
            // A character literal ('a', '\n', '\u{1F600}'), or a lifetime ('a, 'static).
            let end = if c.get(i + 1) == Some(&'\\') {
                (i + 3..c.len()).find(|&k| c[k] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push('\'');
                    out.extend(std::iter::repeat_n(' ', end - i - 1));
                    out.push('\'');
                    i = end + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// At `i`, the start of a raw string (`r"`, `r#"`, `br##"`): its hashes and the length of its
/// opening.
fn raw_string_start(c: &[char], i: usize) -> Option<(usize, usize)> {
    let mut k = i;
    if c.get(k) == Some(&'b') {
        k += 1;
    }
    if c.get(k) != Some(&'r') {
        return None;
    }
    k += 1;
    let hashes = c[k..].iter().take_while(|&&ch| ch == '#').count();
    (c.get(k + hashes) == Some(&'"')).then_some((hashes, k + hashes + 1 - i))
}

/// `code` (already without comments and literals) without the items marked `#[cfg(test)]`,
/// and the names of the test-only modules declared in files of their own (`mod tests;`).
pub fn without_test_items(code: &str) -> (String, Vec<String>) {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(code.len());
    let mut files = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        let trimmed = item.trim_start();
        if let Some(decl) = trimmed.strip_prefix("mod ")
            && let Some(semi) = decl.find(';')
            && !decl[..semi].contains('{')
        {
            files.push(decl[..semi].trim().to_string());
        }
        // The item ends at its first `;` outside braces, or with the brace that closes its body.
        let mut depth = 0usize;
        let mut end = item.len();
        for (k, ch) in item.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        // Keep the line breaks, so line numbers still hold.
        out.extend(item[..end].chars().filter(|&ch| ch == '\n'));
        rest = &item[end..];
    }
    out.push_str(rest);
    (out, files)
}

/// Every path `code` names from `crate::`, `$crate::`, `super::` or `self::`, in `use` items
/// (groups expanded: `use super::{a, b::{c, self}}` names `super::a`, `super::b::c` and
/// `super::b`) and in expressions and types (`super::super::x::f()`), as segment lists.
pub fn paths(code: &str) -> Vec<Vec<String>> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let starts_word = i == 0 || !(is_ident(c[i - 1]) || c[i - 1] == ':');
        let word = starts_word.then(|| root_at(&c, i)).flatten();
        match word {
            Some(root) => {
                let mut k = i + root.len();
                skip_separator(&c, &mut k);
                let mut prefix = vec![root.to_string()];
                i = use_tree(&c, k, &mut prefix, &mut out).max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The root (`crate`, `$crate`, `super`, `self`) that starts at `i`, if a whole word is there
/// and `::` follows it.
fn root_at(c: &[char], i: usize) -> Option<&'static str> {
    ["$crate", "crate", "super", "self"].into_iter().find(|w| {
        let end = i + w.chars().count();
        end <= c.len()
            && c[i..end].iter().copied().eq(w.chars())
            && !c.get(end).is_some_and(|&ch| is_ident(ch))
            && skip_separator(c, &mut end.clone())
    })
}

/// Skips whitespace, `::` and whitespace at `*k`; whether there was a `::`.
fn skip_separator(c: &[char], k: &mut usize) -> bool {
    let mut j = *k;
    while j < c.len() && c[j].is_whitespace() {
        j += 1;
    }
    if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
        j += 2;
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        *k = j;
        true
    } else {
        false
    }
}

/// Reads the rest of a path or use tree at `k` after `prefix::`, pushing every path it names
/// to `out`; returns where it ended.
fn use_tree(
    c: &[char],
    mut k: usize,
    prefix: &mut Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    let depth = prefix.len();
    loop {
        if c.get(k) == Some(&'{') {
            k += 1;
            loop {
                while k < c.len() && (c[k].is_whitespace() || c[k] == ',') {
                    k += 1;
                }
                if k >= c.len() || c[k] == '}' {
                    k += 1;
                    break;
                }
                let before = k;
                let mut inner = prefix.clone();
                k = use_tree(c, k, &mut inner, out);
                if k == before {
                    k += 1;
                }
            }
            prefix.truncate(depth);
            return k;
        }
        let start = k;
        while k < c.len() && is_ident(c[k]) {
            k += 1;
        }
        if k == start {
            // `*`, or the end of the path.
            if c.get(k) == Some(&'*') {
                k += 1;
            }
            break;
        }
        let segment: String = c[start..k].iter().collect();
        if segment != "self" {
            prefix.push(segment);
        }
        if !skip_separator(c, &mut k) {
            break;
        }
    }
    // `use a::b as c`: the rename is not a path.
    let mut j = k;
    while j < c.len() && c[j].is_whitespace() {
        j += 1;
    }
    if c[j..].starts_with(&['a', 's']) && c.get(j + 2).is_some_and(|ch| ch.is_whitespace()) {
        j += 2;
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        while j < c.len() && is_ident(c[j]) {
            j += 1;
        }
        k = j;
    }
    let mut path: Vec<String> = prefix.clone();
    if path[0] == "$crate" {
        path[0] = "crate".into();
    }
    out.push(path);
    k
}
