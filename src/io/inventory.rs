//! The files of a repository as git sees them: what the index tracks and what is untracked
//! but not ignored. The gate enumerates articles from here, not from a walk of the file
//! system, so that nothing committed escapes it because of the folder it sits in, and nothing
//! git ignores (build output, `node_modules/`) is read.

use std::path::Path;

use git2::Repository;

use crate::error::{Error, Result};

mod index;
mod list;

pub use list::PathList;

/// What git knows under a root.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Files tracked in the index or untracked and not ignored: root-relative, `/`-separated,
    /// sorted, each once.
    pub files: PathList,
    /// Files whose names are not UTF-8, with the undecodable bytes shown as U+FFFD: the gate
    /// cannot name them, so it must not silently pass over them.
    pub unnamed: Vec<String>,
    /// Submodules and symbolic links git tracks.
    pub special: Special,
}

/// Index entries that are not files: the gate cannot read what is behind them.
#[derive(Debug, Default)]
pub struct Special {
    /// Submodules (git links): their files are another repository's.
    pub submodules: Vec<String>,
    /// Symbolic links: a link to a folder brings its files under the `articles:` folders for a
    /// site builder that follows it, while git (and the gate) sees one link.
    pub links: Vec<String>,
}

/// The repository holding `root` and the root's path in its work tree (`""` or `dir/`);
/// `None` outside a git work tree.
fn open(root: &Path) -> Result<Option<(Repository, String)>> {
    let Ok(repo) = Repository::discover(root) else {
        return Ok(None);
    };
    let Some(workdir) = repo.workdir() else {
        return Ok(None);
    };
    let workdir = workdir.canonicalize().map_err(|e| Error::io(workdir, e))?;
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let Ok(rel) = root.strip_prefix(&workdir) else {
        return Ok(None);
    };
    let mut prefix = crate::io::worktree::slash(rel);
    if !prefix.is_empty() {
        prefix.push('/');
    }
    Ok(Some((repo, prefix)))
}

/// Index modes of the entries that are not files.
const GITLINK: u32 = 0o160000;
const SYMLINK: u32 = 0o120000;

/// The submodules and symbolic links under `root` (root-relative), from the index alone.
pub fn special(root: &Path) -> Result<Special> {
    let Some((repo, prefix)) = open(root)? else {
        return Ok(Special::default());
    };
    let mut out = Inventory::default();
    // Only the submodules and links are wanted: no file is kept.
    read_index(&repo, &prefix, &|_| false, &mut out)?;
    Ok(out.special)
}

/// What git knows under `root` among the files `keep` accepts (root-relative names; the
/// articles, say): a 50,000-article archive has twice as many files, and none of the others
/// need be held. `None` outside a git work tree.
pub fn files(root: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Option<Inventory>> {
    let Some((repo, prefix)) = open(root)? else {
        return Ok(None);
    };
    let mut out = Inventory::default();
    read_index(&repo, &prefix, keep, &mut out)?;
    untracked(&repo, &prefix, keep, &mut out)?;
    Ok(Some(out))
}

/// Sorts the index's entries under `prefix` into `out`: files `keep` accepts, such files whose
/// names are not UTF-8, submodules and links. The index is streamed ([`index`]); libgit2
/// reads what the stream does not support.
fn read_index(
    repo: &Repository,
    prefix: &str,
    keep: &dyn Fn(&str) -> bool,
    out: &mut Inventory,
) -> Result<()> {
    let streamed = index::read(&repo.path().join("index"), |mode, path| {
        out.entry(prefix, mode, path, keep)
    });
    if streamed.is_err() {
        *out = Inventory::default();
        for entry in repo.index()?.iter() {
            out.entry(prefix, entry.mode, &entry.path, keep);
        }
    }
    Ok(())
}

/// Adds to `out` the files under the root that git does not track and does not ignore, and
/// `keep` accepts: a walk of the work tree that does not enter ignored folders, nested
/// repositories or `.git`, as `git status` does not.
fn untracked(
    repo: &Repository,
    prefix: &str,
    keep: &dyn Fn(&str) -> bool,
    out: &mut Inventory,
) -> Result<()> {
    let Some(workdir) = repo.workdir() else {
        return Ok(());
    };
    let root = workdir.join(prefix);
    let ignored = |rel: &str| repo.status_should_ignore(Path::new(&format!("{prefix}{rel}")));
    let mut found = Vec::new();
    let mut dirs = vec![(root.clone(), String::new())];
    while let Some((dir, under)) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name == ".git" {
                continue;
            }
            let rel = format!("{under}{}", name.to_string_lossy());
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                let nested = entry.path().join(".git").exists();
                if !nested && !ignored(&rel)? {
                    dirs.push((entry.path(), format!("{rel}/")));
                }
            } else if keep(&rel) && !out.files.contains_sorted(&rel) && !ignored(&rel)? {
                found.push((rel, name.to_str().is_some()));
            }
        }
    }
    found.sort_unstable();
    let mut new = PathList::default();
    for (rel, utf8) in found {
        match utf8 {
            true => new.push(&rel),
            false => out.unnamed.push(rel),
        }
    }
    if !new.is_empty() {
        out.files = out.files.merged(&new);
    }
    Ok(())
}

/// A repository path made root-relative (undecodable bytes as U+FFFD); `None` outside the root.
fn root_relative(prefix: &str, path: &[u8]) -> Option<String> {
    String::from_utf8_lossy(path)
        .strip_prefix(prefix)
        .map(str::to_string)
}

impl Inventory {
    /// Sorts one index entry (mode, repository path) into the inventory.
    fn entry(&mut self, prefix: &str, mode: u32, path: &[u8], keep: &dyn Fn(&str) -> bool) {
        let Some(rel) = root_relative(prefix, path) else {
            return;
        };
        match mode {
            GITLINK => self.special.submodules.push(rel),
            SYMLINK => self.special.links.push(rel),
            _ if !keep(&rel) => {}
            // Conflicted files appear once per stage, one after the other.
            _ if self.files.last() == Some(rel.as_str()) => {}
            _ if std::str::from_utf8(path).is_ok() => self.files.push(&rel),
            _ => self.unnamed.push(rel),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository with tracked, untracked, ignored and nested files.
    fn repo() -> (tempfile::TempDir, Repository) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let write = |rel: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, rel).unwrap();
        };
        for rel in [
            "articles/tracked.md",
            "articles/new.md",
            "articles/draft.tmp.md",
            "articles/build/out.md",
            "articles/node_modules/x.md",
            "nested/articles/inner.md",
            "articles/notes.txt",
            ".gitignore",
        ] {
            write(rel);
        }
        std::fs::write(
            dir.path().join(".gitignore"),
            "*.tmp.md\nbuild/\nnode_modules\n",
        )
        .unwrap();
        Repository::init(dir.path().join("nested")).unwrap();
        let mut index = repo.index().unwrap();
        index.add_path(Path::new("articles/tracked.md")).unwrap();
        // Tracked although ignored: git keeps tracking it.
        index.add_path(Path::new("articles/build/out.md")).unwrap();
        index.write().unwrap();
        (dir, repo)
    }

    #[test]
    fn untracked_files_git_does_not_ignore_are_found_and_nothing_else() {
        let (dir, _repo) = repo();
        let md = |f: &str| f.ends_with(".md");
        let inv = files(dir.path(), &md).unwrap().unwrap();
        assert_eq!(
            inv.files.iter().collect::<Vec<_>>(),
            [
                "articles/build/out.md",
                "articles/new.md",
                "articles/tracked.md"
            ]
        );
        // `keep` also filters: nothing else is held.
        let none = files(dir.path(), &|_| false).unwrap().unwrap();
        assert!(none.files.is_empty());
    }
}
