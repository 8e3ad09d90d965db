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
    let mut out = Special::default();
    for e in repo.index()?.iter() {
        let kind = match e.mode {
            GITLINK => &mut out.submodules,
            SYMLINK => &mut out.links,
            _ => continue,
        };
        kind.extend(
            String::from_utf8_lossy(&e.path)
                .strip_prefix(prefix.as_str())
                .map(str::to_string),
        );
    }
    Ok(out)
}

/// What git knows under `root`; `None` outside a git work tree.
pub fn files(root: &Path) -> Result<Option<Inventory>> {
    let Some((repo, prefix)) = open(root)? else {
        return Ok(None);
    };
    let mut out = Inventory::default();
    let rel = |path: &[u8]| {
        String::from_utf8_lossy(path)
            .strip_prefix(prefix.as_str())
            .map(str::to_string)
    };
    let keep = |path: &[u8], out: &mut Inventory| {
        let Some(name) = rel(path) else {
            return;
        };
        match std::str::from_utf8(path) {
            Ok(_) => out.files.push(name),
            Err(_) => out.unnamed.push(name),
        }
    };
    for entry in repo.index()?.iter() {
        match entry.mode {
            GITLINK => out.special.submodules.extend(rel(&entry.path)),
            SYMLINK => out.special.links.extend(rel(&entry.path)),
            _ => keep(&entry.path, &mut out),
        }
    }
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
            keep(status.path_bytes(), &mut out);
        }
    }
    out.files.sort_unstable();
    out.files.dedup();
    Ok(Some(out))
}
