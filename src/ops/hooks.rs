//! Git hooks that run, before a commit or a push, the gate CI runs (`factcheck hooks
//! install|run`), and the git configuration of the sidecar merge driver.
//!
//! - pre-push runs the pull-request gate exactly as CI does: `check --changed-since BASE
//!   --provenance`, BASE being the current branch's upstream (`@{upstream}`), else the remote's
//!   default branch (`refs/remotes/REMOTE/HEAD`), else the commit the remote has for the ref
//!   being pushed; with none of them, the full `check --provenance`. A forged sign-off, a stale
//!   one, a role granted on the branch block the push as they would block the pull request.
//! - pre-commit runs the full gate on the articles whose staged article or sidecar differs from
//!   HEAD. It reads the working tree, so it refuses (asking to stage or stash) when such a file,
//!   or the project's config, differs between the index and the working tree: what it checks is
//!   then exactly what is committed. An unpublished (draft or submitted) article is work in
//!   progress, and the findings that only say it is not finished yet do not block:
//!   [`UNFINISHED`]. Stale sign-offs on an unpublished article ([`HANDOVER`]) are shown as
//!   warnings, not blockers: the writer's edit must be committed for the reviewer to re-verify
//!   it, and the pull-request gate (and pre-push) still blocks until they have. Everything else
//!   blocks: stale sign-offs on a published article, verdict mismatches, orphaned, ambiguous or
//!   uncertain quotes, invalid files, merge conflicts.
//!
//! The installed scripts call `factcheck` from `PATH`. Installing is idempotent and never
//! replaces a hook factcheck did not write unless `--force` is given.

use std::path::{Path, PathBuf};

use crate::check::ArticleReport;
use crate::error::{Error, Result};
use crate::io::store;
use crate::model::Stage;
use crate::model::finding::{Code, Severity};
use crate::model::paths::ArticlePath;
use crate::project::Project;

/// The line that marks a hook as factcheck's own.
pub const MARKER: &str = "# factcheck hook";

/// The `.gitattributes` line that routes sidecars to the merge driver.
pub const ATTRIBUTES: &str = "*.claims.yaml merge=factcheck";

crate::model::spelled::spelled! {
    plain
    /// Which hook (its spelling is its git name).
    pub enum Hook {
        /// Before each commit: the gate on the staged articles (drafts may be unfinished).
        PreCommit => "pre-commit",
        /// Before each push: the pull-request gate, as CI runs it.
        PrePush => "pre-push",
    }
}

/// The findings that do not block committing an unpublished (draft or submitted) article: they
/// only say that work is still to be done — claims to verify (FC010), sources to add (FC020),
/// sign-offs to collect (FC030, FC032), sentences to track (FC070). Submitted articles are
/// included because each reviewer commits their own sign-off (provenance), so the first of them
/// always commits while the others are missing.
pub const UNFINISHED: &[Code] = &[
    Code::StatusNotPublishable,
    Code::TooFewSources,
    Code::MissingClaimSignoff,
    Code::MissingArticleSignoff,
    Code::UncoveredSentence,
];

/// The findings shown but not blocking when committing an unpublished article: sign-offs the
/// edit made stale (FC031, FC033), and a claim whose recorded quote no longer matches the text
/// (FC003: reworded in the article, or the quote edited by hand in the sidecar) — silent, a
/// hand-edited quote would reach CI unremarked. The reviewer re-verifies after the commit;
/// blocking it would leave the writer nothing to hand over but `--no-verify`.
pub const HANDOVER: &[Code] = &[
    Code::StaleClaimSignoff,
    Code::StaleArticleSignoff,
    Code::ClaimTextChanged,
];

/// Installs the hooks, the merge driver's git config and the `.gitattributes` line; returns
/// what it wrote. Refuses (changing nothing) when a hook exists that factcheck did not write, or
/// when `core.hooksPath` leads outside the repository (hooks there run in other repositories
/// too), unless `force`; what it writes outside is said so.
pub fn install(p: &Project, force: bool) -> Result<Vec<String>> {
    let repo = git2::Repository::discover(&p.root).map_err(|_| {
        Error::usage_hint(
            format!("{} is not in a git repository", p.root.display()),
            "run `git init` first",
        )
    })?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| Error::usage("the git repository is bare"))?
        .canonicalize()
        .map_err(|e| Error::io(&p.root, e))?;
    let prefix = crate::io::worktree::slash(p.root.strip_prefix(&workdir).unwrap_or(Path::new("")));
    // Git reads `%(prefix)/` as the folder git itself is installed in: somewhere outside the
    // repository that factcheck cannot name, so it cannot say where the hooks would go.
    let raw = repo.config().and_then(|c| c.get_string("core.hooksPath"));
    if let Ok(raw) = raw.as_deref()
        && raw.starts_with("%(prefix)")
    {
        return Err(Error::usage_hint(
            format!("core.hooksPath is `{raw}`, under the folder git is installed in"),
            "set core.hooksPath to a folder in this repository (or unset it), then install again",
        ));
    }
    let dir = hooks_dir(&repo, &workdir);
    let outside = !inside_repository(&repo, &workdir, &dir)?;
    // From a linked work tree, the hooks go where git runs them for all its work trees.
    let shared = repo.is_worktree() && !dir.starts_with(&workdir);
    if outside && !force {
        return Err(Error::usage_hint(
            format!(
                "core.hooksPath points outside this repository, to {}",
                dir.display()
            ),
            "hooks there run in every repository that uses that folder (and factcheck's fail where there is no factcheck.yaml); call `factcheck hooks run pre-commit` and `pre-push` from the hooks you keep there, or pass --force to install them there anyway",
        ));
    }
    let scripts: Vec<(PathBuf, String)> = [Hook::PreCommit, Hook::PrePush]
        .into_iter()
        .map(|h| (dir.join(h.as_str()), script(h, &prefix)))
        .collect();
    for (path, _) in &scripts {
        let existing = match crate::io::worktree::resolve(&workdir, path)? {
            real if real.exists() => Some(store::read_text(&real)?),
            _ => None,
        };
        if let Some(existing) = existing
            && !existing.contains(MARKER)
            && !force
        {
            return Err(Error::refused(
                format!("{} exists and was not written by factcheck", path.display()),
                "call `factcheck hooks run pre-commit` (or pre-push) from it yourself, or pass --force to replace it",
            ));
        }
    }
    crate::io::worktree::create_dir_all(&workdir, &dir)?;
    let mut wrote = Vec::new();
    for (path, text) in scripts {
        let real = crate::io::worktree::write(&workdir, &path, &text)?;
        make_executable(&real)?;
        wrote.push(if outside {
            format!(
                "installed {} (core.hooksPath, outside this repository: every repository using that folder runs it)",
                path.display()
            )
        } else if shared {
            format!(
                "installed {} (the repository's hooks: every work tree of it runs them)",
                path.display()
            )
        } else {
            format!("installed {}", path.display())
        });
    }
    let mut config = repo.config()?.open_level(git2::ConfigLevel::Local)?;
    config.set_str("merge.factcheck.name", "factcheck sidecar merge")?;
    config.set_str("merge.factcheck.driver", "factcheck merge-driver %O %A %B")?;
    wrote.push("configured merge.factcheck.driver in .git/config".into());
    if crate::io::worktree::ensure_line(&p.root, &p.root.join(".gitattributes"), ATTRIBUTES)? {
        wrote.push(format!("added `{ATTRIBUTES}` to .gitattributes"));
    }
    Ok(wrote)
}

/// Where git runs the hooks from (`git rev-parse --git-path hooks`): `core.hooksPath` (a
/// leading `~/` is the home folder, as git reads it; a relative path is from the top of the
/// work tree the hook runs in), else the `hooks` folder of the common git directory. In a
/// linked work tree (`git worktree add`) that is the main repository's `.git/hooks`, shared by
/// every work tree, never `.git/worktrees/NAME/hooks`, which git does not read.
fn hooks_dir(repo: &git2::Repository, workdir: &Path) -> PathBuf {
    let dir = match repo.config().and_then(|c| c.get_path("core.hooksPath")) {
        Ok(custom) if custom.is_absolute() => custom,
        Ok(custom) => workdir.join(custom),
        Err(_) => repo.commondir().join("hooks"),
    };
    lexical(&dir)
}

/// `path` with `.` dropped and each `..` taking off the component before it, as the operating
/// system reads it once the folders exist: `sub/../../x` is outside the work tree, whatever a
/// comparison of the text says.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether `dir` lies in the work tree or the git directory. Resolved by the work tree's rule
/// ([`crate::io::worktree::resolve`]): a link inside the work tree is refused, never followed.
fn inside_repository(repo: &git2::Repository, workdir: &Path, dir: &Path) -> Result<bool> {
    let dir = crate::io::worktree::resolve(workdir, dir)?;
    Ok([workdir, repo.path(), repo.commondir()]
        .into_iter()
        .any(|top| dir.starts_with(top.canonicalize().unwrap_or_else(|_| top.to_path_buf()))))
}

fn script(hook: Hook, prefix: &str) -> String {
    let dir = if prefix.is_empty() {
        String::new()
    } else {
        format!(" -C '{}'", prefix.replace('\'', "'\\''"))
    };
    let run = match hook {
        Hook::PreCommit => "exec factcheck{dir} hooks run pre-commit\n".replace("{dir}", &dir),
        // git gives the remote's name as $1 and one line per pushed ref on stdin.
        Hook::PrePush => format!(
            "remote=\"$1\"\nset --\nwhile read -r line; do set -- \"$@\" --pushed \"$line\"; done\nexec factcheck{dir} hooks run pre-push --remote \"$remote\" \"$@\"\n"
        ),
    };
    format!(
        "#!/bin/sh\n{MARKER}: installed by `factcheck hooks install`; reinstalling overwrites it.\n{run}"
    )
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<()> {
    Ok(())
}

/// Drops, from the reports of unpublished articles, the findings that only say the article is
/// not finished yet ([`UNFINISHED`]), shows stale sign-offs as warnings ([`HANDOVER`]), and
/// re-decides whether each report passes.
fn relax_unfinished(reports: Vec<ArticleReport>) -> Vec<ArticleReport> {
    reports
        .into_iter()
        .map(|mut r| {
            if matches!(r.stage, Some(Stage::Draft | Stage::Submitted)) {
                r.findings.retain(|d| !UNFINISHED.contains(&d.code));
                for d in r.findings.iter_mut().filter(|d| HANDOVER.contains(&d.code)) {
                    d.severity = Severity::Warning;
                }
                r.passed = !r.findings.iter().any(|d| d.severity == Severity::Error);
            }
            r
        })
        .collect()
}

/// The gate of the pre-commit hook: the staged articles checked, with the findings an
/// unfinished draft is allowed to have relaxed to warnings ([`relax_unfinished`]).
pub fn pre_commit(p: &Project) -> Result<Vec<ArticleReport>> {
    let articles = staged(p)?;
    let reports = crate::ops::gate::check_all(p, &articles, &Default::default());
    Ok(relax_unfinished(reports))
}

/// The articles whose staged article or sidecar differs from HEAD. Refuses when one of their
/// files, or the project's config, differs between the index and the working tree: the gate
/// reads the working tree, which must then be what is committed.
fn staged(p: &Project) -> Result<Vec<ArticlePath>> {
    let h = crate::git::history::History::open(&p.root)?;
    let repo = h.repo();
    let index = commit_index(repo)?;
    let head = repo.head().ok().and_then(|r| r.peel_to_tree().ok());
    let staged = paths(&repo.diff_tree_to_index(head.as_ref(), Some(&index), None)?);
    let mut unstaged_opts = git2::DiffOptions::new();
    unstaged_opts
        .include_untracked(true)
        .recurse_untracked_dirs(true);
    let unstaged = paths(&repo.diff_index_to_workdir(Some(&index), Some(&mut unstaged_opts))?);
    let in_root = |f: &String| root_relative(h.prefix(), f);
    let mut articles: Vec<ArticlePath> = Vec::new();
    for a in staged.iter().filter_map(in_root).map(|f| p.article_for(&f)) {
        if p.is_article(&a)? {
            articles.push(p.article_path(Path::new(&a)));
        }
    }
    articles.sort_by(|x, y| x.rel.cmp(&y.rel));
    articles.dedup_by(|x, y| x.rel == y.rel);
    let mut read = vec![crate::model::config::CONFIG_FILE.to_string()];
    if p.config.workflow.contains('/') || p.config.workflow.ends_with(".yaml") {
        read.push(p.config.workflow.clone());
    }
    read.extend(
        articles
            .iter()
            .flat_map(|a| [a.rel.clone(), a.sidecar_rel.clone()]),
    );
    let mut differ: Vec<String> = unstaged
        .iter()
        .filter_map(in_root)
        .filter(|f| read.contains(f))
        .collect();
    differ.sort();
    differ.dedup();
    if !articles.is_empty() && !differ.is_empty() {
        return Err(Error::usage_hint(
            format!(
                "{} differ{} between the index and the working tree; the pre-commit gate checks what you commit, so they must match",
                differ.join(", "),
                if differ.len() == 1 { "s" } else { "" }
            ),
            "stage the changes (`git add`) or stash them (`git stash --keep-index`), then commit again",
        ));
    }
    Ok(articles)
}

/// The index being committed: `GIT_INDEX_FILE` when git set it (`git commit -a` and
/// `git commit PATH` commit a temporary index), else the repository's.
fn commit_index(repo: &git2::Repository) -> Result<git2::Index> {
    match std::env::var_os("GIT_INDEX_FILE") {
        Some(file) => {
            let file = std::path::absolute(&file).map_err(|e| Error::io(&file, e))?;
            Ok(git2::Index::open(&file)?)
        }
        None => Ok(repo.index()?),
    }
}

/// Both sides' paths of every delta in `diff` (repository-relative, `/`-separated).
fn paths(diff: &git2::Diff<'_>) -> Vec<String> {
    diff.deltas()
        .flat_map(|d| [d.old_file().path(), d.new_file().path()])
        .flatten()
        .map(crate::io::worktree::slash)
        .collect()
}

/// `file` (repository-relative) relative to the project root at `prefix`, if inside it.
fn root_relative(prefix: &str, file: &str) -> Option<String> {
    match prefix {
        "" => Some(file.to_string()),
        _ => file
            .strip_prefix(prefix.trim_end_matches('/'))?
            .strip_prefix('/')
            .map(str::to_string),
    }
}

/// One ref being pushed, as git gives it to the pre-push hook on stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pushed {
    /// The local ref (`refs/heads/x`, or `(delete)`).
    pub local_ref: String,
    /// The remote's commit for the ref being pushed to (zeros when it has none).
    pub remote_oid: String,
}

impl std::str::FromStr for Pushed {
    type Err = String;

    /// Parses `<local ref> <local oid> <remote ref> <remote oid>`.
    fn from_str(line: &str) -> std::result::Result<Pushed, String> {
        match line.split_whitespace().collect::<Vec<_>>()[..] {
            [local_ref, _, _, remote_oid] => Ok(Pushed {
                local_ref: local_ref.to_string(),
                remote_oid: remote_oid.to_string(),
            }),
            _ => Err(format!(
                "`{line}` is not `<local ref> <local oid> <remote ref> <remote oid>`"
            )),
        }
    }
}

/// The base revision of the pre-push gate, as CI would use the pull request's target: the
/// current branch's upstream, else `refs/remotes/REMOTE/HEAD`, else the remote's commit for
/// the ref being pushed (the current branch's, else the first). `None` when there is none.
pub fn push_base(p: &Project, remote: Option<&str>, pushed: &[Pushed]) -> Result<Option<String>> {
    let h = crate::git::history::History::open(&p.root)?;
    let repo = h.repo();
    let head = repo.head().ok();
    let head_ref = head
        .as_ref()
        .and_then(|r| r.name().ok())
        .map(str::to_string);
    let upstream = head
        .filter(|r| r.is_branch())
        .and_then(|r| git2::Branch::wrap(r).upstream().ok())
        .and_then(|b| b.get().name().ok().map(str::to_string));
    if upstream.is_some() {
        return Ok(upstream);
    }
    if let Some(default) = remote
        .and_then(|r| repo.find_reference(&format!("refs/remotes/{r}/HEAD")).ok())
        .and_then(|r| r.resolve().ok())
        .and_then(|r| r.name().ok().map(str::to_string))
    {
        return Ok(Some(default));
    }
    let pushing = pushed
        .iter()
        .find(|x| Some(&x.local_ref) == head_ref.as_ref())
        .or(pushed.first());
    Ok(pushing
        .and_then(|x| git2::Oid::from_str(&x.remote_oid).ok())
        .filter(|oid| !oid.is_zero() && repo.find_commit(*oid).is_ok())
        .map(|oid| oid.to_string()))
}

/// The gate of the pre-push hook: the pull-request gate as CI runs it, `check --changed-since
/// BASE --provenance` with BASE from [`push_base`], or `check --provenance` over every article
/// when there is none. `None` when the push only deletes refs: nothing to check.
pub fn pre_push(
    p: &Project,
    remote: Option<&str>,
    pushed: &[Pushed],
) -> Result<Option<crate::ops::gate::Selection>> {
    if !pushed.is_empty() && pushed.iter().all(|x| x.local_ref == "(delete)") {
        return Ok(None);
    }
    Ok(Some(crate::ops::gate::Selection {
        changed_since: push_base(p, remote, pushed)?,
        provenance: true,
        ..Default::default()
    }))
}
