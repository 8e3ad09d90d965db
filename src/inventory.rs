//! The files of a repository as git sees them: what the index tracks and what is untracked
//! but not ignored. The gate enumerates articles from here, not from a walk of the file
//! system, so that nothing committed escapes it because of the folder it sits in, and nothing
//! git ignores (build output, `node_modules/`) is read.

use std::path::Path;

use git2::{Repository, StatusOptions, StatusShow};

use crate::error::{Error, Result};

/// What git knows under a root.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Files tracked in the index or untracked and not ignored: root-relative, `/`-separated,
    /// sorted, each once.
    pub files: Vec<String>,
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
    let mut prefix = crate::project::slash(rel);
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
    read_index(&repo, &prefix, &mut out)?;
    Ok(out.special)
}

/// What git knows under `root`; `None` outside a git work tree.
pub fn files(root: &Path) -> Result<Option<Inventory>> {
    let Some((repo, prefix)) = open(root)? else {
        return Ok(None);
    };
    let mut out = Inventory::default();
    read_index(&repo, &prefix, &mut out)?;
    let mut opts = StatusOptions::new();
    opts.show(StatusShow::Workdir)
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(true);
    if !prefix.is_empty() {
        opts.pathspec(&prefix);
    }
    for status in repo.statuses(Some(&mut opts))?.iter() {
        if status.status().is_wt_new() {
            out.add(&prefix, status.path_bytes());
        }
    }
    out.files.sort_unstable();
    out.files.dedup();
    Ok(Some(out))
}

/// Sorts the index's entries under `prefix` into `out`: files, files whose names are not
/// UTF-8, submodules and links.
fn read_index(repo: &Repository, prefix: &str, out: &mut Inventory) -> Result<()> {
    for entry in repo.index()?.iter() {
        let rel = || root_relative(prefix, &entry.path);
        match entry.mode {
            GITLINK => out.special.submodules.extend(rel()),
            SYMLINK => out.special.links.extend(rel()),
            _ => out.add(prefix, &entry.path),
        }
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
    /// Adds the file at repository path `path`, if under `prefix`.
    fn add(&mut self, prefix: &str, path: &[u8]) {
        let Some(name) = root_relative(prefix, path) else {
            return;
        };
        match std::str::from_utf8(path) {
            Ok(_) => self.files.push(name),
            Err(_) => self.unnamed.push(name),
        }
    }
}
