//! The files of a repository as git sees them: what the index tracks and what is untracked
//! but not ignored. The gate enumerates articles from here, not from a walk of the file
//! system, so that nothing committed escapes it because of the folder it sits in, and nothing
//! git ignores (build output, `node_modules/`) is read.

use std::path::Path;

use git2::{Repository, StatusOptions, StatusShow};

use crate::error::{Error, Result};

/// The files under `root` (root-relative, `/`-separated, sorted, each once) that git tracks
/// in the index or sees as untracked and not ignored; `None` outside a git work tree.
pub fn files(root: &Path) -> Result<Option<Vec<String>>> {
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
    let mut out = Vec::new();
    let mut keep = |path: &[u8]| {
        if let Ok(path) = std::str::from_utf8(path)
            && let Some(rel) = path.strip_prefix(prefix.as_str())
        {
            out.push(rel.to_string());
        }
    };
    for entry in repo.index()?.iter() {
        keep(&entry.path);
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
            keep(status.path_bytes());
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(Some(out))
}
