//! `init` (a starter `factcheck.yaml`) and `track` (an article's first sidecar).

use crate::error::{Error, Result};
use crate::io::store;
use crate::model::config::CONFIG_FILE;
use crate::model::paths::ArticlePath;
use crate::model::rights::{Action, FOUNDER};
use crate::model::sidecar::Sidecar;
use crate::model::workflow::BUILTINS;
use crate::project::Project;
use std::path::Path;

mod survey;
pub use survey::Survey;

/// Writes a starter `factcheck.yaml` in `dir` for `workflow`, naming `identity` (if known) as
/// writer and editor (without one, git's `user.email`), with the site's generator and article
/// globs as [`survey::survey`] reads them. Also makes git ignore the lock file and route
/// sidecars to the merge driver (`.gitattributes`). Returns what it found.
pub fn init(dir: &Path, workflow: &str, identity: Option<&str>, force: bool) -> Result<Survey> {
    if !BUILTINS.iter().any(|(n, _)| *n == workflow) {
        let names: Vec<&str> = BUILTINS.iter().map(|(n, _)| *n).collect();
        return Err(Error::usage_hint(
            format!("unknown workflow `{workflow}`"),
            format!("choose one of {}", names.join(", ")),
        ));
    }
    // `init` runs before there is a project: the folder it is given is the root it confines
    // its writes to, and the git work tree around it when there is one.
    let dir = &dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    crate::io::worktree::require_git(dir, "create a project")?;
    let root = crate::io::worktree::of(dir);
    let config = dir.join(CONFIG_FILE);
    if crate::io::worktree::exists(&config) && !force {
        return Err(Error::usage_hint(
            format!("{} already exists", config.display()),
            "pass --force to overwrite it",
        ));
    }
    let found = identity
        .map(str::to_string)
        .or_else(|| crate::git::identity::email(dir));
    let me = found.as_deref().unwrap_or("you@example.org");
    let site = survey::survey(dir)?;
    let generator = match &site.generator {
        (g, Some(from)) => format!(
            "generator: {}              # found from {from}\n",
            format!("{g:?}").to_lowercase()
        ),
        (_, None) => String::new(),
    };
    let globs: Vec<String> = site.globs.iter().map(|g| format!("\"{g}\"")).collect();
    let text = format!(
        "# factcheck project config: docs/formats.md\n{}\n\
         workflow: {workflow}              # built-in (standard, health, light) or a path such as workflows/ours.yaml\n\
         {generator}\
         articles: [{}]\n\
         people:\n  - email: {me}\n    roles: [{founder}]\n",
        crate::model::schema::File::Config.modeline(),
        globs.join(", "),
        founder = FOUNDER
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    crate::io::worktree::write(&root, &config, &text)?;
    crate::io::worktree::ensure_line(&root, &dir.join(".gitignore"), store::LOCK_FILE)?;
    crate::io::worktree::ensure_line(
        &root,
        &dir.join(".gitattributes"),
        crate::ops::hooks::ATTRIBUTES,
    )?;
    Ok(site)
}

/// Creates the sidecar of `path` with the actor as author.
pub fn track(p: &Project, path: &ArticlePath) -> Result<()> {
    let me = p.actor(Action::TrackArticle)?;
    if crate::io::worktree::exists(&path.sidecar_abs) {
        return Err(Error::usage(format!(
            "{} is already tracked in {}",
            path.rel, path.sidecar_rel
        )));
    }
    let real = crate::io::worktree::resolve(&p.root, &path.sidecar_abs)?;
    let _lock = crate::io::worktree::lock(&p.root, &real)?;
    store::write_new(&real, &Sidecar::new(path, &me.email).to_yaml())
}
