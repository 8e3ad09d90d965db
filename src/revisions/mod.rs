//! Revisions of an article (docs/spec.md §4): what an edit did to the text and the claims (`diff`),
//! following claims to the current text (`reanchor`: [`reanchor`], recorded by [`crate::ops::reanchor`]) and the history
//! of claims, statuses and sign-offs (`log`).
//!
//! A comparison has two [`Side`]s: the working tree, a git revision, or the text a sign-off
//! approved. Each side is the article's text and, when it exists there, its sidecar.

pub mod diff;
pub mod log;
mod novelty;
pub mod reanchor;

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::git::history::History;
use crate::io::worktree::slash;
use crate::model::paths::{ArticlePath, sidecar_of};
use crate::model::sidecar::Sidecar;
use crate::model::{BlobId, Email, Role, Timestamp};
use crate::text::article::Article;
use crate::text::site::Syntax;

/// One side of a comparison.
pub struct Side {
    /// What it is, for reports.
    pub info: SideInfo,
    /// The article text.
    pub article: Article,
    /// The sidecar, when it exists on this side and parses.
    pub sidecar: Option<Sidecar>,
}

/// Where a side's text came from.
#[derive(Debug, Clone, Serialize)]
pub struct SideInfo {
    /// For people: `HEAD (1a2b3c4)`, `working tree`, `sign-off by … (role) at …`.
    pub label: String,
    /// The revision as given, if any.
    pub rev: Option<String>,
    /// The commit, if the text is committed.
    pub commit: Option<String>,
    /// The article's path on this side (root-relative; differs after a rename).
    pub path: String,
    /// The git blob id of the article text.
    pub blob: String,
}

/// A side read from disk or git but not parsed yet (reading needs the repository, which is not
/// shared between threads; parsing does not).
pub struct Pending {
    info: SideInfo,
    source: String,
    /// The git blob id when known (read from git); computed from the text otherwise.
    blob: Option<String>,
    sidecar: PendingSidecar,
}

enum PendingSidecar {
    /// No sidecar on this side.
    Absent,
    /// A committed sidecar: kept only if it still parses.
    Committed {
        text: String,
        rel: String,
        article: String,
    },
    /// The working tree's sidecar: must load.
    Working(ArticlePath),
    /// Already parsed.
    Parsed(Sidecar),
}

impl Pending {
    /// Parses the article text and the sidecar.
    pub fn parse(self, syntax: Syntax, excluded_sections: &[String]) -> Result<Side> {
        // The working tree is refused with misplaced markers, as every command refuses it;
        // a committed text is shown as it was.
        let article = match self.blob {
            Some(blob) => Article::parse_blob_as(self.source, blob, syntax, excluded_sections),
            None => Article::parse_as(self.source, syntax, excluded_sections)
                .validated(&self.info.path)?,
        };
        let sidecar = match self.sidecar {
            PendingSidecar::Absent => None,
            PendingSidecar::Committed { text, rel, article } => {
                parse_sidecar(&text, &rel, &article)
            }
            PendingSidecar::Working(path) => Some(Sidecar::load(&path)?.sidecar),
            PendingSidecar::Parsed(sidecar) => Some(sidecar),
        };
        let info = SideInfo {
            blob: article.blob.clone(),
            ..self.info
        };
        Ok(Side {
            info,
            article,
            sidecar,
        })
    }
}

/// The working tree: the article and sidecar on disk.
pub fn working_tree(path: &ArticlePath) -> Result<Pending> {
    Ok(Pending {
        info: SideInfo {
            label: "working tree".into(),
            rev: None,
            commit: None,
            path: path.rel.clone(),
            blob: String::new(),
        },
        source: crate::io::worktree::read(&path.root, &path.abs)?,
        blob: None,
        sidecar: match crate::io::worktree::exists(&path.sidecar_abs) {
            true => PendingSidecar::Working(path.clone()),
            false => PendingSidecar::Absent,
        },
    })
}

/// The article and sidecar in revision `rev`, following renames back from the working tree.
pub fn at_rev(h: &History, path: &ArticlePath, rev: &str) -> Result<Pending> {
    let commit = h.resolve(rev)?;
    let info = h.info(&commit);
    let tree = commit.tree()?;
    let mut rel = h.committed_path(&path.rel)?;
    if h.entry(&tree, &rel).is_none() {
        rel = h.versions(&path.rel)?.path_at(commit.id()).to_string();
    }
    let label = format!("{rev} ({})", info.short);
    let oid = h.entry(&tree, &rel).ok_or_else(|| {
        Error::usage_hint(
            format!("{} is not in {label}", path.rel),
            "diff from a revision that has the article, or commit it first",
        )
    })?;
    let source = h.text(oid)?;
    let sidecar_rel = slash(&sidecar_of(Path::new(&rel)));
    let sidecar = match h.read(&commit, &sidecar_rel)? {
        Some(text) => PendingSidecar::Committed {
            text,
            rel: sidecar_rel,
            article: rel.clone(),
        },
        None => PendingSidecar::Absent,
    };
    Ok(Pending {
        info: SideInfo {
            label,
            rev: Some(rev.to_string()),
            commit: Some(info.id),
            path: rel,
            blob: String::new(),
        },
        source,
        blob: Some(oid.to_string()),
        sidecar,
    })
}

/// Whose sign-off `diff --since-signoff` starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signer {
    /// The latest sign-off by anyone (`--by anyone`).
    Anyone,
    /// The latest sign-off by this person (the caller by default, or `--by EMAIL`): what *they*
    /// have not seen, even when someone else signed a later text.
    Person(String),
}

/// The text that the most recent sign-off by `signer` (claim or article level) in the working
/// tree's sidecar approved, read from git by its blob id.
pub fn at_latest_signoff(h: &History, path: &ArticlePath, signer: &Signer) -> Result<Pending> {
    let sidecar = Sidecar::load(path)?.sidecar;
    let latest =
        latest_signoff(&sidecar, signer).ok_or_else(|| no_signoff(path, &sidecar, signer))?;
    let source = h.blob_text(&latest.blob).ok_or_else(|| {
        Error::usage_hint(
            format!(
                "the text {} approved ({}, {}) is not in git: blob {} was never committed",
                latest.by,
                latest.role,
                latest.at,
                &latest.blob[..latest.blob.len().min(10)]
            ),
            "factcheck can only show what changed since a text that git has; commit articles before they are signed off",
        )
    })?;
    let versions = h.versions(&path.rel)?;
    let version = versions
        .list
        .iter()
        .rev()
        .find(|v| v.article.is_some_and(|b| b.to_string() == latest.blob));
    let mut sidecar_then = None;
    let mut commit = None;
    let mut rel = path.rel.clone();
    if let Some(v) = version {
        let c = h.repo().find_commit(v.commit)?;
        let sidecar_rel = slash(&sidecar_of(Path::new(&v.path)));
        sidecar_then = h
            .read(&c, &sidecar_rel)?
            .and_then(|text| parse_sidecar(&text, &sidecar_rel, &v.path));
        commit = Some(v.commit.to_string());
        rel = v.path.clone();
    }
    Ok(Pending {
        info: SideInfo {
            label: format!(
                "sign-off by {} ({}) at {}",
                latest.by, latest.role, latest.at
            ),
            rev: None,
            commit,
            path: rel,
            blob: String::new(),
        },
        source,
        blob: Some(latest.blob.into()),
        sidecar: PendingSidecar::Parsed(sidecar_then.unwrap_or(sidecar)),
    })
}

/// A sign-off that records the article text it approved.
struct Approval {
    by: Email,
    role: Role,
    at: Timestamp,
    blob: BlobId,
}

/// Why there is nothing to diff from: nobody signed, or `signer` did not (with who did).
fn no_signoff(path: &ArticlePath, sidecar: &Sidecar, signer: &Signer) -> Error {
    let signers = signers(sidecar);
    match signer {
        Signer::Person(who) if !signers.is_empty() => Error::refused(
            format!(
                "{who} has not signed off {} (no sign-off records the text they approved)",
                path.rel
            ),
            format!(
                "diff from someone else's sign-off: --by anyone (the latest), or --by EMAIL, one of: {}",
                signers.join(", ")
            ),
        ),
        _ => Error::usage_hint(
            format!(
                "{} has no sign-off that records the text it approved",
                path.rel
            ),
            format!("`factcheck diff {}` shows the changes since HEAD", path.rel),
        ),
    }
}

/// Everyone whose sign-off records a text, as `email (role, role)`, in order of first sign-off.
fn signers(s: &Sidecar) -> Vec<String> {
    let mut people: Vec<(Email, Vec<Role>)> = Vec::new();
    for a in approvals(s) {
        match people.iter_mut().find(|(by, _)| *by == a.by) {
            Some((_, roles)) if roles.contains(&a.role) => {}
            Some((_, roles)) => roles.push(a.role),
            None => people.push((a.by, vec![a.role])),
        }
    }
    people
        .into_iter()
        .map(|(by, roles)| format!("{by} ({})", roles.join(", ")))
        .collect()
}

/// The most recent sign-off by `signer` recording an article blob.
fn latest_signoff(s: &Sidecar, signer: &Signer) -> Option<Approval> {
    approvals(s)
        .filter(|a| match signer {
            Signer::Anyone => true,
            Signer::Person(who) => a.by == *who,
        })
        .max_by_key(|a| a.at.instant())
}

/// Every sign-off recording an article blob: claim sign-offs, then article sign-offs.
fn approvals(s: &Sidecar) -> impl Iterator<Item = Approval> + '_ {
    let claim_signoffs = s.claims.iter().flat_map(|c| &c.signoffs).filter_map(|so| {
        so.article.as_ref().map(|blob| Approval {
            by: so.by.clone(),
            role: so.role.clone(),
            at: so.at.clone(),
            blob: blob.clone(),
        })
    });
    let article_signoffs = s.review.iter().map(|r| Approval {
        by: r.by.clone(),
        role: r.role.clone(),
        at: r.at.clone(),
        blob: r.article.clone(),
    });
    claim_signoffs.chain(article_signoffs)
}

/// A historical sidecar, if it still parses (old revisions may predate a format change).
pub(crate) fn parse_sidecar(text: &str, sidecar_rel: &str, article_rel: &str) -> Option<Sidecar> {
    let name = Path::new(article_rel)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Sidecar::parse(text, Path::new(sidecar_rel), &name).ok()
}
