//! `mv`: move an article and its sidecar together. Moved by hand, the pair comes apart — a
//! sidecar left behind tracks nothing, the article arrives untracked, and the sidecar's
//! `article:` field names the old file — so the gate would fail on both paths.
//!
//! The move is staged in git's index as `git mv` stages it, so `git status` shows a rename and
//! history (`log`, provenance) follows the article: the article's index entry is moved as it
//! is, and the sidecar is staged with its `article:` field fixed (that line only: comments stay). Nothing shells
//! out to git.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::worktree::slash;
use crate::model::paths::ArticlePath;
use crate::model::sidecar::Sidecar;
use crate::project::Project;

/// Moves the article `from` to `to` (relative to the working directory; an existing folder
/// receives it under its name), with its sidecar; returns the new paths.
pub fn mv(p: &Project, from: &Path, to: &Path) -> Result<ArticlePath> {
    p.actor(&["writer", "editor"], "move articles")?;
    let from = p.article(from)?;
    let to = destination(p, &from, to)?;
    let new_dir = to.abs.parent().unwrap_or(&p.root);
    crate::io::worktree::create_dir_all(&p.root, new_dir)?;
    let mut dirs = [&from.sidecar_abs, &to.sidecar_abs];
    dirs.sort_by_key(|d| d.parent().map(Path::to_path_buf));
    let _first = crate::io::worktree::lock(&p.root, dirs[0])?;
    let _second = if dirs[0].parent() == dirs[1].parent() {
        None
    } else {
        Some(crate::io::worktree::lock(&p.root, dirs[1])?)
    };
    let tracked = crate::io::worktree::exists(&from.sidecar_abs);
    if tracked {
        let text = Sidecar::load(&from)?.text;
        let moved = retarget(&text, &to.file_name());
        Sidecar::parse(&moved, Path::new(&to.sidecar_rel), &to.file_name())?;
        crate::io::worktree::write(&p.root, &to.sidecar_abs, &moved)?;
    }
    let moved = std::fs::rename(
        crate::io::worktree::resolve(&p.root, &from.abs)?,
        crate::io::worktree::resolve(&p.root, &to.abs)?,
    );
    if let Err(e) = moved {
        if tracked {
            let _ = std::fs::remove_file(&to.sidecar_abs);
        }
        return Err(Error::io(&from.abs, e));
    }
    if tracked {
        std::fs::remove_file(&from.sidecar_abs).map_err(|e| Error::io(&from.sidecar_abs, e))?;
    }
    stage(&p.root, &from, &to, tracked)?;
    Ok(to)
}

/// The sidecar `text` naming the article `name`: only the top-level `article:` line changes,
/// so comments and layout stay (the result is parsed again before it is written).
fn retarget(text: &str, name: &str) -> String {
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let value = if plain {
        name.to_string()
    } else {
        serde_json::to_string(name).expect("strings serialise")
    };
    text.split_inclusive('\n')
        .map(|line| match line.strip_prefix("article:") {
            Some(_) => format!("article: {value}\n"),
            None => line.to_string(),
        })
        .collect()
}

/// Where `to` puts the article, refusing a path that exists, leaves the repository or is no
/// article by the `articles:` globs.
fn destination(p: &Project, from: &ArticlePath, to: &Path) -> Result<ArticlePath> {
    let mut abs = crate::io::worktree::resolve(&p.root, &p.cwd.join(to))?;
    if abs.is_dir() {
        abs.push(from.file_name());
    }
    let rel: PathBuf = abs
        .strip_prefix(&p.root)
        .map_err(|_| {
            Error::usage_hint(
                format!("{}: outside the repository", to.display()),
                format!("articles move within {}", p.root.display()),
            )
        })?
        .to_path_buf();
    let target = p.article_path(&rel);
    if target.rel == from.rel {
        return Err(Error::usage(format!("{} is already there", from.rel)));
    }
    if target.rel.ends_with(".claims.yaml") || !p.matches_globs(&target.rel) {
        return Err(Error::usage_hint(
            format!(
                "{}: not an article path by the `articles:` globs",
                target.rel
            ),
            format!(
                "choose a path they match ({}); an editor changes the globs in factcheck.yaml",
                p.config.articles.join(", ")
            ),
        ));
    }
    for (path, shown) in [
        (&target.abs, &target.rel),
        (&target.sidecar_abs, &target.sidecar_rel),
    ] {
        if crate::io::worktree::exists(path) {
            return Err(Error::usage_hint(
                format!("{shown} already exists"),
                "choose another name, or move or remove that file first",
            ));
        }
    }
    Ok(target)
}

/// Records the move in git's index, when the files are in a git repository: the article's
/// entry moves as it is (staged content stays staged), the sidecar is staged as written.
fn stage(root: &Path, from: &ArticlePath, to: &ArticlePath, tracked: bool) -> Result<()> {
    let Ok(repo) = git2::Repository::discover(root) else {
        return Ok(());
    };
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return Ok(());
    };
    let in_repo = |abs: &Path| abs.strip_prefix(&workdir).map(slash).ok();
    let (Some(old), Some(new)) = (in_repo(&from.abs), in_repo(&to.abs)) else {
        return Ok(());
    };
    let mut index = repo.index()?;
    if let Some(mut entry) = index.get_path(Path::new(&old), 0) {
        entry.path = new.into_bytes();
        index.add(&entry)?;
        index.remove_path(Path::new(&old))?;
    }
    if let (true, Some(old), Some(new)) = (
        tracked,
        in_repo(&from.sidecar_abs),
        in_repo(&to.sidecar_abs),
    ) && index.get_path(Path::new(&old), 0).is_some()
    {
        index.remove_path(Path::new(&old))?;
        index.add_path(Path::new(&new))?;
    }
    index.write()?;
    Ok(())
}
