//! Where an article's sidecar is: `x.md` beside `x.claims.yaml`, with both paths absolute and
//! repository-relative.

use std::path::{Path, PathBuf};

/// An article and its sidecar, with absolute and repository-relative paths.
#[derive(Debug, Clone)]
pub struct ArticlePath {
    /// Absolute path of the Markdown file.
    pub abs: PathBuf,
    /// Repository-relative path with `/` separators.
    pub rel: String,
    /// Absolute path of the sidecar.
    pub sidecar_abs: PathBuf,
    /// Repository-relative path of the sidecar.
    pub sidecar_rel: String,
    /// The project root: every read and write of these paths goes through
    /// [`crate::io::worktree`] with it, so no link inside the repository is followed.
    pub root: PathBuf,
}

impl ArticlePath {
    /// The article's file name, as the sidecar's `article:` field records it.
    pub fn file_name(&self) -> String {
        self.abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// `x.md` → `x.claims.yaml`.
pub fn sidecar_of(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    article.with_file_name(format!("{stem}.claims.yaml"))
}

/// The article a root-relative file belongs to: itself, or the article of a sidecar
/// (`x.claims.yaml` → `x.md`).
pub fn article_of(rel: &str) -> String {
    match rel.strip_suffix(".claims.yaml") {
        Some(stem) => format!("{stem}.md"),
        None => rel.to_string(),
    }
}

/// The article a path names: itself, or for a sidecar `x.claims.yaml` its article `x.md`
/// (or `x.mdx` when only that exists).
pub fn sidecar_to_article(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.strip_suffix(".claims.yaml") {
        Some(stem) => {
            let md = path.with_file_name(format!("{stem}.md"));
            let mdx = path.with_file_name(format!("{stem}.mdx"));
            match !crate::io::worktree::exists(&md) && crate::io::worktree::exists(&mdx) {
                true => mdx,
                false => md,
            }
        }
        None => path.to_path_buf(),
    }
}
