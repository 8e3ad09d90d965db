//! The work tree as factcheck may touch it: the one rule for every path the tool opens or
//! writes — articles, sidecars, `factcheck.yaml`, workflow files, evidence snapshots,
//! `.gitattributes`, `.gitignore`, git hooks, and the outputs a user names (`publish --out`,
//! `report --html`, `status --html`).
//!
//! **A symbolic link inside the work tree is never followed**, whatever its target: not as the
//! file itself, not as any folder on the way to it. The command stops (exit 2) with an error
//! naming the link by its repository-relative path, before anything behind it is read or
//! written, so neither the target's content nor its path reaches the output. Links whose
//! target stays inside are refused too: they are rare in a newsroom repository, a link that
//! points inside today can be re-pointed outside in a commit that does not touch the file it
//! names, and one rule without exceptions is one a reviewer can hold in their head.
//!
//! Outside the work tree a path is the user's own: a `--out /tmp/site` or `--snapshot
//! ~/Downloads/page.html` is followed through whatever links the user's file system has. The
//! walk below resolves a path one component at a time, so a path that starts outside and is
//! led back into the work tree by a link is still stopped at the first link it meets inside.
//!
//! The module is named after what it guards (the work tree) rather than after file I/O, which
//! [`crate::io::store`] does underneath: size limits, atomic writes, locks.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::store;

/// More links than this on one path is a loop (the kernel's own limit is 40).
const MAX_HOPS: u32 = 40;

/// `path` (absolute, or relative to the current directory) with every link resolved, refusing
/// ([`Error::Linked`]) any symbolic link met inside `root`, the canonical work tree. Parts of
/// the path that do not exist yet are kept as they are (a file about to be written).
pub fn resolve(root: &Path, path: &Path) -> Result<PathBuf> {
    let mut hops = 0;
    let (start, rest) = match path.strip_prefix(root) {
        // The common case, a file of the project: the root is canonical, so only the
        // components below it need looking at.
        Ok(rest) => (root.to_path_buf(), rest.to_path_buf()),
        Err(_) => (PathBuf::new(), path.to_path_buf()),
    };
    walk(root, start, &rest, &mut hops)
}

/// Resolves `rest` from `cur` (already free of links) component by component.
fn walk(root: &Path, mut cur: PathBuf, rest: &Path, hops: &mut u32) -> Result<PathBuf> {
    if cur.as_os_str().is_empty() && rest.is_relative() {
        cur = std::env::current_dir()
            .map_err(|e| Error::io(".", e))?
            .canonicalize()
            .map_err(|e| Error::io(".", e))?;
    }
    let parts: Vec<Component<'_>> = rest.components().collect();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Component::Prefix(_) | Component::RootDir => cur.push(part.as_os_str()),
            Component::CurDir => {}
            // `cur` holds no link, so its parent is the real parent.
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(name) => {
                let next = cur.join(name);
                let meta = match std::fs::symlink_metadata(&next) {
                    Ok(meta) => meta,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        // Nothing below a missing component exists either.
                        cur = next;
                        for p in &parts[i + 1..] {
                            cur.push(p.as_os_str());
                        }
                        return Ok(cur);
                    }
                    Err(e) => return Err(Error::io(&next, e)),
                };
                if !meta.file_type().is_symlink() {
                    cur = next;
                    continue;
                }
                if next.starts_with(root) {
                    return Err(Error::Linked(rel(root, &next)));
                }
                *hops += 1;
                if *hops > MAX_HOPS {
                    return Err(Error::usage(format!(
                        "{}: too many levels of symbolic links",
                        next.display()
                    )));
                }
                let target = std::fs::read_link(&next).map_err(|e| Error::io(&next, e))?;
                let mut remaining: PathBuf = target;
                for p in &parts[i + 1..] {
                    remaining.push(p.as_os_str());
                }
                let from = if remaining.is_absolute() {
                    PathBuf::new()
                } else {
                    cur
                };
                return walk(root, from, &remaining, hops);
            }
        }
    }
    Ok(cur)
}

/// `path` relative to `root`, `/`-separated, for messages.
fn rel(root: &Path, path: &Path) -> String {
    crate::io::worktree::slash(path.strip_prefix(root).unwrap_or(path))
}

/// Reads the text file at `path` (see [`store::read_text`]) after [`resolve`].
pub fn read(root: &Path, path: &Path) -> Result<String> {
    store::read_text(&resolve(root, path)?)
}

/// Whether `path` names something (a file, a folder, or a link, which is not followed).
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Writes `contents` to `path` atomically (see [`store::write_atomic`]) after [`resolve`]: the
/// temporary file and the rename happen in the real folder, never through a link.
pub fn write(root: &Path, path: &Path, contents: &str) -> Result<PathBuf> {
    let real = resolve(root, path)?;
    store::write_atomic(&real, contents)?;
    Ok(real)
}

/// Creates the folder `dir` and its missing parents after [`resolve`].
pub fn create_dir_all(root: &Path, dir: &Path) -> Result<PathBuf> {
    let real = resolve(root, dir)?;
    std::fs::create_dir_all(&real).map_err(|e| Error::io(dir, e))?;
    Ok(real)
}

/// Writes an output file the user named (a report, a page), creating its folder. The path may
/// lie outside the work tree; inside it, the rule of this module holds.
pub fn write_output(root: &Path, path: &Path, contents: &str) -> Result<PathBuf> {
    let real = resolve(root, path)?;
    // Written by renaming a new file over the path: a device, a pipe or a socket there would
    // be replaced by a regular file, so only a regular file (or nothing) may be there.
    if let Ok(meta) = std::fs::metadata(&real)
        && !meta.is_file()
    {
        return Err(Error::usage_hint(
            format!(
                "{}: not a regular file; factcheck writes reports and pages only as files",
                path.display()
            ),
            "name a file path (an existing file is replaced)",
        ));
    }
    if let Some(dir) = real.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    store::write_atomic(&real, contents)?;
    Ok(real)
}

/// Appends `line` to the text file at `path` (created if missing) unless a line equal to it is
/// already there; returns whether it was added. For `.gitignore` and `.gitattributes`.
pub fn ensure_line(root: &Path, path: &Path, line: &str) -> Result<bool> {
    let real = resolve(root, path)?;
    let existing = if real.exists() {
        store::read_text(&real)?
    } else {
        String::new()
    };
    if existing.lines().any(|l| l.trim() == line) {
        return Ok(false);
    }
    let sep = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    store::write_atomic(&real, &format!("{existing}{sep}{line}\n"))?;
    Ok(true)
}

/// Takes the lock of the folder holding `path` ([`store::DirLock`]); the lock file obeys the
/// rule too, so a planted `.factcheck.lock` link cannot make factcheck create a file elsewhere.
pub fn lock(root: &Path, path: &Path) -> Result<store::DirLock> {
    let dir = path.parent().unwrap_or(root);
    store::DirLock::acquire(&resolve(root, &dir.join(store::LOCK_FILE))?)
}

/// The canonical work tree of the git repository holding `root` (the project root), or
/// `root` itself outside git. Outputs and hooks may lie anywhere in the work tree, above the
/// project root too, so this is their boundary.
pub fn of(root: &Path) -> PathBuf {
    git_work_tree(root).unwrap_or_else(|| root.to_path_buf())
}

/// The canonical work tree of the git repository holding `root`, if `root` lies in one.
pub fn git_work_tree(root: &Path) -> Option<PathBuf> {
    git2::Repository::discover(root)
        .ok()
        .and_then(|r| r.workdir().and_then(|w| w.canonicalize().ok()))
        .filter(|w| root.starts_with(w))
}

/// Refuses `action` unless `root` lies in a git work tree. Authorship and sign-offs are
/// proven by git history (docs/spec.md §5): recorded anywhere else they could never be checked, and
/// `diff`, `log` and the gate's provenance would fail later, far from the cause.
pub fn require_git(root: &Path, action: &str) -> Result<()> {
    match git_work_tree(root) {
        Some(_) => Ok(()),
        None => Err(Error::usage_hint(
            format!(
                "cannot {action}: {} is not in a git work tree",
                root.display()
            ),
            "factcheck keeps its records in git: run `git init` (or clone the repository) first",
        )),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_are_refused_and_links_outside_followed() {
        let repo = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let root = repo.path().canonicalize().unwrap();
        let away_real = away.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("articles")).unwrap();
        symlink(&away_real, root.join("evidence")).unwrap();
        symlink(away_real.join("s.txt"), root.join("articles/x.md")).unwrap();

        let refused = |p: &Path| match resolve(&root, p) {
            Err(Error::Linked(rel)) => rel,
            other => panic!("{p:?}: {other:?}"),
        };
        assert_eq!(refused(&root.join("evidence/new.txt")), "evidence");
        assert_eq!(refused(&root.join("articles/x.md")), "articles/x.md");
        // Coming back in through `..` or through a link outside changes nothing.
        assert_eq!(refused(&root.join("articles/../evidence/a")), "evidence");
        let door = away_real.join("door");
        symlink(&root, &door).unwrap();
        assert_eq!(refused(&door.join("evidence/a.html")), "evidence");

        // A path outside is the user's own: its links are followed.
        let site = away_real.join("site");
        std::fs::create_dir(&site).unwrap();
        symlink(&site, away_real.join("out")).unwrap();
        assert_eq!(
            resolve(&root, &away_real.join("out/a.html")).unwrap(),
            site.join("a.html")
        );
        // Missing parts are kept: a file about to be written.
        assert_eq!(
            resolve(&root, &root.join("articles/new/y.md")).unwrap(),
            root.join("articles/new/y.md")
        );
    }

    #[test]
    fn a_loop_of_links_ends_in_an_error() {
        let repo = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let root = repo.path().canonicalize().unwrap();
        let a = away.path().canonicalize().unwrap();
        symlink(a.join("b"), a.join("a")).unwrap();
        symlink(a.join("a"), a.join("b")).unwrap();
        assert!(resolve(&root, &a.join("a/x")).is_err());
    }
}

/// A path with `/` separators.
pub fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Joins `rel` to `root`, refusing absolute paths, `..` and git's own `.git` folder. Returns the reason on refusal.
/// Links are [`crate::io::worktree`]'s business, when the file is read.
pub fn inside(root: &Path, rel: &Path) -> std::result::Result<PathBuf, String> {
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Err("is absolute; paths must be relative to the repository".into());
    }
    if rel.components().any(|c| c == Component::ParentDir) {
        return Err("contains `..`; paths may not leave the repository".into());
    }
    // git's own files are not the project's: `.git/config` is not a workflow or a snapshot,
    // and reading it would echo what it holds in an error.
    let git = |c: Component<'_>| matches!(c, Component::Normal(n) if n.to_str().is_some_and(|n| n.eq_ignore_ascii_case(".git")));
    if rel.components().any(git) {
        return Err("is under `.git`, git's own files; name a file of the project".into());
    }
    Ok(root.join(rel))
}
