//! `diff` and `log`: an article between two revisions, and the history of its records.

use crate::error::{Error, Result};
use crate::git::history::History;
use crate::model::paths::ArticlePath;
use crate::project::Project;
use crate::revisions::diff::{self, ArticleDiff};
use crate::revisions::{self, Side, Signer, log};

/// Which two versions `diff` compares.
#[derive(Debug, Default, Clone)]
pub struct DiffOptions {
    /// The older side: a revision (HEAD when absent).
    pub from: Option<String>,
    /// The newer side: a revision (the working tree when absent).
    pub to: Option<String>,
    /// Start from a sign-off's version instead of `from`: the caller's own latest.
    pub since_signoff: bool,
    /// With `since_signoff`: whose sign-off (`anyone`, or an email) instead of the caller's.
    pub by: Option<String>,
}

/// Starts the thread pool's threads: a command that will use them calls this before loading
/// the project, so the threads start while it loads.
pub fn warm_up() {
    rayon::spawn(|| {});
}

/// The article of `path` between the two versions `o` names, with every claim mapped through
/// the edit and the new sentences marked.
pub fn diff(p: &Project, path: &ArticlePath, o: &DiffOptions) -> Result<ArticleDiff> {
    let excluded = &p.workflow.excluded_sections;
    let signer = o
        .since_signoff
        .then(|| signer(o.by.as_deref(), p.identity()))
        .transpose()?;
    let syntax = p.syntax(&path.rel);
    // Each side is read (git objects are inflated) and parsed on its own thread, with its own
    // repository handle: reading and parsing are most of the work.
    let from = || -> Result<Side> {
        let h = History::open(&p.root)?;
        let pending = match (&o.from, &signer) {
            (_, Some(signer)) => revisions::at_latest_signoff(&h, path, signer)?,
            (Some(rev), None) => revisions::at_rev(&h, path, rev)?,
            (None, None) => revisions::at_rev(&h, path, "HEAD")?,
        };
        pending.parse(syntax, excluded)
    };
    let to = || -> Result<Side> {
        let pending = match &o.to {
            Some(rev) => revisions::at_rev(&History::open(&p.root)?, path, rev)?,
            None => revisions::working_tree(path)?,
        };
        pending.parse(syntax, excluded)
    };
    let (from, to) = rayon::join(from, to);
    let (from, to) = (from?, to?);
    let d = diff::compare(&path.rel, &from, &to);
    // Freeing the two parsed sides is not on the way to the answer.
    rayon::spawn(move || drop((from, to)));
    Ok(d)
}

/// Whose sign-off `--since-signoff` starts from: `by` when given, else the caller.
fn signer(by: Option<&str>, identity: Option<&str>) -> Result<Signer> {
    match (by, identity) {
        (Some("anyone"), _) => Ok(Signer::Anyone),
        (Some(who), _) | (None, Some(who)) => Ok(Signer::Person(who.to_string())),
        (None, None) => Err(Error::refused(
            "--since-signoff diffs from your own latest sign-off, but who you are is not known",
            "pass --as EMAIL (or set FACTCHECK_USER or git's user.email), or choose a sign-off: --by anyone, --by EMAIL",
        )),
    }
}

/// The commits that changed the records of `path`, oldest first, with who did what.
pub fn log(p: &Project, path: &ArticlePath) -> Result<Vec<log::Entry>> {
    let h = History::open(&p.root)?;
    log::log(p, &h, path)
}
