//! Provenance (docs/spec.md §5 "Trust", `check --provenance`): anyone with write access can type
//! anything into a sidecar, so CI asks git who put each record there.
//!
//! A sidecar is a record of attested events: claim sign-offs, article sign-offs (`review:`),
//! corrections and the publication record, each naming the person who made it. The gate
//! trusts such a record only when the history proves that person made it, in the role it
//! needs, exactly as it reads now:
//! - FC050: the record is not committed: CI can vouch only for committed ones;
//! - FC051: the commit that last introduced the record (adding it, or changing any of its
//!   fields) was authored by someone else — or the record was withdrawn on the base line and
//!   is back without its signer making it again;
//! - FC052: the person did not hold the role at the base revision (a branch cannot grant
//!   itself a fact-checker);
//! - FC053: the commit that introduced it is not in the history (a shallow clone);
//! - FC054: the policy (at the base) requires signed commits and the commit that made a record,
//!   or removed one, is not signed with one of the person's `signing-keys`;
//! - FC055: something the gate relied on was removed by someone whose role may not remove
//!   it: an attested record (an editor may; a signer may withdraw their own sign-off), a claim
//!   that had sign-offs or a disputed or false verdict (an editor may), a name in `authors:`
//!   (an editor may).
//!
//! With `--changed-since BASE` the sidecar at BASE is the starting point — it passed the gate
//! on the main line — and what the branch added, changed or removed since is judged against
//! the roles in force at BASE. Without a base every record in HEAD is traced through the whole
//! history, roles are those at the parent of the commit that made it, and removals are not
//! judged (there is nothing to compare with): pull requests run with `--changed-since`.
//!
//! It reads only the repository, so it works on any git host.

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use git2::{Commit, Oid};

use crate::git::history::History;
use crate::model::Email;
use crate::model::config::CONFIG_FILE;
use crate::model::finding::Code;
use crate::model::rights::Action;
use crate::model::sidecar::Sidecar;
use crate::project::PathList;

use super::{Findings, Provenance, Subject};

mod records;
mod tracer;

use records::{Facts, Kind, Origin, Record, Trail};
use tracer::Tracer;

/// The `--provenance` settings for checking `articles`: the history is walked once for all of
/// them here, rather than once per article. If the walk fails, each article walks on its own
/// and reports why it cannot.
pub fn prepare(root: &Path, rels: &PathList, base: Option<String>) -> Provenance {
    let rels: Vec<String> = rels.iter().map(str::to_string).collect();
    let Ok(h) = History::open(root) else {
        return Provenance {
            base,
            ..Provenance::default()
        };
    };
    let all = h.versions_of(&rels).unwrap_or_default();
    // The sidecars at the base, each folder read once for all the articles.
    let at_base = match base.as_deref().and_then(|b| h.resolve(b).ok()) {
        Some(c) if all.len() == rels.len() => h
            .blobs_at(&c, &all)
            .into_iter()
            .zip(&rels)
            .map(|(blobs, rel)| (rel.clone(), (c.id(), blobs.1)))
            .collect(),
        _ => Default::default(),
    };
    let versions = rels
        .into_iter()
        .zip(all.into_iter().map(Arc::new))
        .collect();
    let branch = base
        .as_deref()
        .and_then(|b| h.commits_since(b).ok())
        .unwrap_or_default();
    Provenance {
        base,
        versions: Arc::new(versions),
        at_base: Arc::new(at_base),
        branch: Arc::new(branch.into_iter().collect()),
        opened: Arc::new(Opened(std::sync::Mutex::new(vec![(root.to_path_buf(), h)]))),
    }
}

/// Repositories opened by provenance checks that have finished with them, by root: each
/// thread takes one, or opens one when none is free, and gives it back when done.
#[derive(Default)]
pub struct Opened(std::sync::Mutex<Vec<(std::path::PathBuf, History)>>);

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opened")
    }
}

impl Opened {
    /// A repository of the project at `root`: a free one, or a new one.
    fn take(&self, root: &Path) -> crate::error::Result<History> {
        let free = self.0.lock().ok().and_then(|mut all| {
            let i = all.iter().position(|(r, _)| r == root)?;
            Some(all.swap_remove(i).1)
        });
        match free {
            Some(h) => Ok(h),
            None => History::open(root),
        }
    }

    /// Gives `h`, of the project at `root`, back for another article.
    fn give(&self, root: &Path, h: History) {
        if let Ok(mut all) = self.0.lock() {
            all.push((root.to_path_buf(), h));
        }
    }
}

/// FC053 at the top of the sidecar: the history cannot be read.
fn unreadable(f: &mut Findings<'_>, message: String) {
    f.at_yaml(
        Code::SignoffHistoryMissing,
        None,
        "article",
        None,
        message,
        None,
    );
}

/// Runs the provenance checks for the article of `s` with `options`.
pub fn check(s: &Subject<'_>, f: &mut Findings<'_>, options: &Provenance) {
    let root = &s.project.root;
    match options.opened.take(root) {
        Ok(h) => {
            audit(s, f, options, &h);
            options.opened.give(root, h);
        }
        Err(e) => unreadable(f, format!("cannot check provenance: {e}")),
    }
}

/// The provenance checks for the article of `s`, reading the repository `h`.
fn audit(s: &Subject<'_>, f: &mut Findings<'_>, options: &Provenance, h: &History) {
    let base = options.base.as_deref();
    let rel = &s.path.rel;
    let base = match base.map(|b| h.resolve(b)).transpose() {
        Ok(b) => b,
        Err(e) => return unreadable(f, format!("cannot check provenance: {e}")),
    };
    let mut tracer = Tracer::new(h);
    let shared = options.versions.get(rel).cloned();
    let (trail, versions) = match tracer.trail(rel, shared) {
        Ok(t) => t,
        Err(e) => return unreadable(f, format!("cannot read the history of {rel}: {e}")),
    };
    let head = tracer.head_facts(&versions);
    let base_facts = match &base {
        Some(b) => match options.at_base.get(rel) {
            Some((at, sidecar)) if *at == b.id() => tracer.facts_of(*sidecar),
            _ => {
                let path = versions.path_at(b.id()).to_string();
                tracer.facts_at(b, &path)
            }
        },
        None => Rc::new(Facts::default()),
    };
    let mut judge = Audit {
        h,
        tracer,
        trail: &trail,
        base: base.as_ref().map(Commit::id),
        branch: &options.branch,
        altered: Vec::new(),
    };
    let worktree = Facts::of(s.sidecar());
    for r in &worktree.records {
        if !head.has(r) {
            r.report(
                f,
                Code::UncommittedSignoff,
                format!("{} is not committed", r.describe()),
                format!(
                    "{} commits it (as the author of the commit): CI vouches only for committed records",
                    r.by
                ),
            );
        }
    }
    for r in head.records.iter().filter(|r| !base_facts.has(r)) {
        judge.added(f, r, &base_facts);
    }
    if s.project.workflow.separation_of_duties {
        judge.own_text_verified(f, &head, s.sidecar());
    }
    if judge.base.is_some() {
        for r in base_facts.records.iter().filter(|r| !head.has(r)) {
            judge.removed_record(f, r);
        }
        for r in judge.made_and_gone(&head, &base_facts) {
            judge.removed_record(f, &r);
        }
        for (id, why) in base_facts
            .guarded
            .iter()
            .filter(|(id, _)| !head.claims.contains(id))
        {
            judge.removed_claim(f, id, why);
        }
        for author in base_facts
            .authors
            .iter()
            .filter(|a| !head.authors.contains(a))
        {
            judge.removed_author(f, author);
        }
    }
}

/// Decides, for each change since the base, whether the history proves it legitimate.
struct Audit<'h, 't> {
    h: &'h History,
    tracer: Tracer<'h>,
    trail: &'t Trail,
    base: Option<Oid>,
    /// The branch's own commits, with a base ([`super::Provenance::branch`]).
    branch: &'t std::collections::HashSet<Oid>,
    /// Records reported as altered (FC051), whose removal is not reported again.
    altered: Vec<Record>,
}

impl Audit<'_, '_> {
    /// A record in HEAD that the base did not have.
    fn added(&mut self, f: &mut Findings<'_>, r: &Record, base: &Facts) {
        let what = r.describe();
        let commit = match self.trail.introduced_record(r) {
            Origin::Commit(oid) => self.h.repo().find_commit(oid).ok(),
            Origin::Unknown | Origin::Missing => None,
        };
        let Some(commit) = commit else {
            return r.report(
                f,
                Code::SignoffHistoryMissing,
                format!("{what}: the commit that introduced it is not in this clone's history"),
                "fetch the full history (e.g. actions/checkout with fetch-depth: 0)".into(),
            );
        };
        if !self.in_range(commit.id()) {
            return r.report(
                f,
                Code::ForgedSignoff,
                format!(
                    "{what} was withdrawn on the base line and is back (it was made in commit {})",
                    &commit.id().to_string()[..7]
                ),
                format!("a withdrawn record stays withdrawn; {} makes it again if they still stand by it", r.by),
            );
        }
        let info = self.h.info(&commit);
        if info.email != r.by {
            let was = base.records.iter().find(|b| b.same_event(r));
            let verb = if was.is_some() {
                "altered"
            } else {
                "introduced"
            };
            if let Some(was) = was {
                self.altered.push(was.clone());
            }
            return r.report(
                f,
                Code::ForgedSignoff,
                format!(
                    "{what} was {verb} by commit {} authored by {} <{}>, not by {}",
                    info.short, info.author, info.email, r.by
                ),
                format!(
                    "only {} may make or change their record: they run the command and commit it themselves",
                    r.by
                ),
            );
        }
        self.committed_by_another(f, r, &commit);
        let at = self.role_base(&commit);
        if let Some(why) = self.tracer.unsigned(at, commit.id(), &r.by) {
            r.report(
                f,
                Code::UnsignedRecord,
                format!("{what} was made in commit {} which {why}", info.short),
                format!(
                    "signatures are required: {} signs the commit that makes it with a key listed under their `signing-keys`",
                    r.by
                ),
            );
        }
        if !r
            .roles
            .iter()
            .any(|role| self.tracer.held_role(at, &r.by, role))
        {
            let short = &at.to_string()[..7];
            r.report(
                f,
                Code::RoleGrantedOnBranch,
                format!(
                    "{what}: {} did not hold the role {} in {CONFIG_FILE} at {short}, the base revision",
                    r.by,
                    r.roles.join(" or ")
                ),
                format!(
                    "roles are granted on the main line first; an editor adds {} there, then they act",
                    r.by
                ),
            );
        }
    }

    /// FC059: the commit that made a record on the branch names its signer as author but was
    /// committed by someone else. Without signatures the author is whatever the committer
    /// typed (`git commit --author`), so the record may be the committer's, made in the
    /// signer's name. Judged on a pull request's own commits only: a host's squash or rebase
    /// merge makes the host the committer of every commit on the main line.
    fn committed_by_another(&self, f: &mut Findings<'_>, r: &Record, commit: &Commit<'_>) {
        if self.base.is_none() {
            return;
        }
        let committer = commit.committer();
        let email = committer.email().unwrap_or("");
        if r.by == email {
            return;
        }
        let short = &commit.id().to_string()[..7];
        r.report(
            f,
            Code::CommitterNotAuthor,
            format!(
                "{} was made in commit {short}, authored by {} but committed by {}",
                r.describe(),
                r.by,
                email
            ),
            format!(
                "{} commits their own record; `provenance: {{signatures: required}}` is the only defence against a commit made in someone else's name (docs/ci.md)",
                r.by
            ),
        );
    }

    /// Separation of duties, from history: whoever committed the article's text is one of its
    /// authors, whatever `authors:` says (anyone can type that list, or `track` under another
    /// name). A claim sign-off by such a person is FC034.
    fn own_text_verified(&self, f: &mut Findings<'_>, head: &Facts, sidecar: &Sidecar) {
        let mut writers: Vec<(Email, String)> = Vec::new();
        for step in self.trail.steps.iter().filter(|s| s.wrote_text) {
            if let Ok(c) = self.h.repo().find_commit(step.commit) {
                let info = self.h.info(&c);
                writers.push((info.email, info.short));
            }
        }
        for r in head.records.iter().filter(|r| r.kind == Kind::ClaimSignoff) {
            if sidecar.is_author(&r.by) {
                continue; // FC034 already, from `authors:`
            }
            if let Some((_, short)) = writers.iter().find(|(w, _)| *w == r.by) {
                r.report(
                    f,
                    Code::SelfSignoff,
                    format!(
                        "{} is signed off by {}, who wrote the article's text (commit {short})",
                        r.describe(),
                        r.by
                    ),
                    "separation of duties: someone who did not write the article verifies its claims".into(),
                );
            }
        }
    }

    /// Records made on the branch by the person they name and gone from HEAD: a dispute the
    /// fact-checker committed on the branch, reverted by the writer, is a removal like one of
    /// the base's. Forged records that were taken out again are not (removing them is right).
    fn made_and_gone(&self, head: &Facts, base: &Facts) -> Vec<Record> {
        let mut out: Vec<Record> = Vec::new();
        for step in self.trail.steps.iter().filter(|s| self.in_range(s.commit)) {
            for r in &step.mine.records {
                if head.has(r) || base.has(r) || out.iter().any(|o| o.content == r.content) {
                    continue;
                }
                let made_by_them = match self.trail.introduced_record(r) {
                    Origin::Commit(oid) => self
                        .h
                        .repo()
                        .find_commit(oid)
                        .is_ok_and(|c| self.h.info(&c).email == r.by),
                    Origin::Unknown | Origin::Missing => false,
                };
                if made_by_them {
                    out.push(r.clone());
                }
            }
        }
        out
    }

    /// Whether `commit` (of HEAD's history) is the branch's own: not the base or one of its
    /// ancestors.
    fn in_range(&self, commit: Oid) -> bool {
        self.base.is_none() || self.branch.contains(&commit)
    }

    /// A record the base had (or the branch made) and HEAD does not.
    fn removed_record(&mut self, f: &mut Findings<'_>, r: &Record) {
        if self.altered.iter().any(|a| a.content == r.content) {
            return;
        }
        let own = Action::RemoveRecord.right().own_signoff
            && matches!(r.kind, Kind::ClaimSignoff | Kind::ArticleSignoff);
        let allowed = |who: &str| own && r.by == who;
        let what = r.describe();
        let Some((who, commit)) = self.remover(|x| x.has(r)) else {
            return;
        };
        if allowed(&who) || self.may(&who, Action::RemoveRecord) {
            return self.signed_removal(f, commit, &who, &what);
        }
        r.report(
            f,
            Code::RecordRemoved,
            format!("{what} was removed or changed by {who}, who may not"),
            format!(
                "records are never edited: {} withdraws their own sign-off, or an editor removes it",
                r.by
            ),
        );
    }

    /// A claim the base guarded (signed off, disputed or false) that HEAD no longer has.
    fn removed_claim(&mut self, f: &mut Findings<'_>, id: &str, why: &str) {
        let Some((who, commit)) = self.remover(|x| x.claims.contains(id)) else {
            return;
        };
        if self.may(&who, Action::RemoveGuardedClaim) {
            return self.signed_removal(f, commit, &who, &format!("claim `{id}`"));
        }
        f.at_yaml(
            Code::RecordRemoved,
            Some("claims"),
            "claims",
            None,
            format!("claim `{id}` ({why}) was deleted by {who}, who is not an editor"),
            Some(
                "keep the claim (its sentence is still checked), or ask an editor to remove it"
                    .into(),
            ),
        );
    }

    /// An author the base listed that HEAD does not.
    fn removed_author(&mut self, f: &mut Findings<'_>, author: &str) {
        let Some((who, commit)) = self.remover(|x| x.authors.iter().any(|a| a == author)) else {
            return;
        };
        if self.may(&who, Action::RemoveAuthor) {
            return self.signed_removal(f, commit, &who, &format!("author {author}"));
        }
        f.at_yaml(
            Code::RecordRemoved,
            None,
            "authors",
            None,
            format!("{author} was removed from `authors:` by {who}, who is not an editor"),
            Some(
                "authors may not sign off their own work; only an editor changes `authors:`".into(),
            ),
        );
    }

    /// The author email of the commit that last made `holds` false, with the commit; "an
    /// uncommitted change" when no commit in the walk did.
    fn remover(&self, holds: impl Fn(&Facts) -> bool) -> Option<(String, Option<Oid>)> {
        match self.trail.ended(holds) {
            Origin::Commit(oid) => {
                let commit = self.h.repo().find_commit(oid).ok()?;
                Some((self.h.info(&commit).email.to_string(), Some(oid)))
            }
            Origin::Unknown | Origin::Missing => Some(("an uncommitted change".into(), None)),
        }
    }

    /// Under `signatures: required`, a removal made by someone who may is proven only by a
    /// commit signed with their key (FC054).
    fn signed_removal(&mut self, f: &mut Findings<'_>, commit: Option<Oid>, who: &str, what: &str) {
        let (Some(base), Some(commit)) = (self.base, commit) else {
            return;
        };
        if let Some(why) = self.tracer.unsigned(base, commit, who) {
            let short = &commit.to_string()[..7];
            f.at_yaml(
                Code::UnsignedRecord,
                None,
                "article",
                None,
                format!("the removal of {what} by {who} was made in commit {short} which {why}"),
                Some(format!(
                    "signatures are required: {who} makes the change in a commit signed with a key listed under their `signing-keys`"
                )),
            );
        }
    }

    /// Whether `who` may take `action` by the roster at the base.
    fn may(&mut self, who: &str, action: Action) -> bool {
        let Some(base) = self.base else {
            return false;
        };
        action
            .roles()
            .iter()
            .any(|role| self.tracer.held_role(base, who, role))
    }

    /// The revision whose roster decides roles for a record made in `commit`: the base when
    /// given, else the commit's parent (the commit itself when it has none).
    fn role_base(&self, commit: &Commit<'_>) -> Oid {
        self.base
            .or_else(|| commit.parent_id(0).ok())
            .unwrap_or(commit.id())
    }
}
