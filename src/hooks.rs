//! Git hooks that keep bad data out of the repository (`factcheck hooks install|run`), and the
//! git configuration of the sidecar merge driver.
//!
//! - pre-commit: every sidecar and the config parse and validate, and every claim's quote anchors
//!   (FC001 orphaned, FC002 ambiguous, FC005 uncertain, FC060 merge conflict, FC090 invalid
//!   file block the commit). Drafts may still be unverified.
//! - pre-push: the full gate for every article whose stage is `published`.
//!
//! The installed scripts call `factcheck` from `PATH`. Installing is idempotent and never
//! replaces a hook factcheck did not write unless `--force` is given.

use std::path::{Path, PathBuf};

use crate::check::ArticleReport;
use crate::diag::{Code, Severity};
use crate::error::{Error, Result};
use crate::model::Stage;
use crate::project::Project;
use crate::store;

/// The line that marks a hook as factcheck's own.
pub const MARKER: &str = "# factcheck hook";

/// The `.gitattributes` line that routes sidecars to the merge driver.
pub const ATTRIBUTES: &str = "*.claims.yaml merge=factcheck";

/// Which hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Hook {
    /// Before each commit: files valid, quotes anchored.
    PreCommit,
    /// Before each push: the full gate for published articles.
    PrePush,
}

impl Hook {
    /// Its git name.
    pub fn name(self) -> &'static str {
        match self {
            Hook::PreCommit => "pre-commit",
            Hook::PrePush => "pre-push",
        }
    }
}

/// The codes that block a commit in the pre-commit hook.
const ANCHORING: &[Code] = &[
    Code::OrphanedClaim,
    Code::AmbiguousClaim,
    Code::UncertainClaim,
    Code::MergeConflict,
    Code::InvalidFile,
];

/// Installs the hooks, the merge driver's git config and the `.gitattributes` line; returns
/// what it wrote. Refuses (changing nothing) when a hook exists that factcheck did not write,
/// unless `force`.
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
    let prefix = crate::project::slash(p.root.strip_prefix(&workdir).unwrap_or(Path::new("")));
    let dir = hooks_dir(&repo, &workdir);
    let scripts: Vec<(PathBuf, String)> = [Hook::PreCommit, Hook::PrePush]
        .into_iter()
        .map(|h| (dir.join(h.name()), script(h, &prefix)))
        .collect();
    for (path, _) in &scripts {
        if let Ok(existing) = std::fs::read_to_string(path)
            && !existing.contains(MARKER)
            && !force
        {
            return Err(Error::refused(
                format!("{} exists and was not written by factcheck", path.display()),
                "call `factcheck hooks run pre-commit` (or pre-push) from it yourself, or pass --force to replace it",
            ));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut wrote = Vec::new();
    for (path, text) in scripts {
        store::write_atomic(&path, &text)?;
        make_executable(&path)?;
        wrote.push(format!("installed {}", path.display()));
    }
    let mut config = repo.config()?.open_level(git2::ConfigLevel::Local)?;
    config.set_str("merge.factcheck.name", "factcheck sidecar merge")?;
    config.set_str("merge.factcheck.driver", "factcheck merge-driver %O %A %B")?;
    wrote.push("configured merge.factcheck.driver in .git/config".into());
    if store::ensure_line(&p.root.join(".gitattributes"), ATTRIBUTES)? {
        wrote.push(format!("added `{ATTRIBUTES}` to .gitattributes"));
    }
    Ok(wrote)
}

fn hooks_dir(repo: &git2::Repository, workdir: &Path) -> PathBuf {
    match repo.config().and_then(|c| c.get_string("core.hooksPath")) {
        Ok(custom) if Path::new(&custom).is_absolute() => PathBuf::from(custom),
        Ok(custom) => workdir.join(custom),
        Err(_) => repo.path().join("hooks"),
    }
}

fn script(hook: Hook, prefix: &str) -> String {
    let dir = if prefix.is_empty() {
        String::new()
    } else {
        format!(" -C '{}'", prefix.replace('\'', "'\\''"))
    };
    format!(
        "#!/bin/sh\n{MARKER}: installed by `factcheck hooks install`; reinstalling overwrites it.\nexec factcheck{dir} hooks run {}\n",
        hook.name()
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

/// What `hook` blocks on, from the full check reports: the pre-commit hook keeps only
/// anchoring and file findings; the pre-push hook keeps only published articles.
pub fn select(hook: Hook, reports: Vec<ArticleReport>) -> Vec<ArticleReport> {
    match hook {
        Hook::PreCommit => reports
            .into_iter()
            .map(|mut r| {
                r.findings.retain(|d| ANCHORING.contains(&d.code));
                r.passed = !r.findings.iter().any(|d| d.severity == Severity::Error);
                r
            })
            .collect(),
        Hook::PrePush => reports
            .into_iter()
            .filter(|r| r.stage == Some(Stage::Published))
            .collect(),
    }
}
