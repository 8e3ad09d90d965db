//! `factcheck log`: the history of an article's claims from git, oldest first.
//!
//! Every commit that changed the article, its sidecar or its path (renames are followed) is
//! compared with its first parent: text edits, claims added, removed or reworded, status changes
//! and who made them, sign-offs added, sign-offs an edit made stale, stage changes, publication
//! and corrections. Merge commits appear only when they differ from every parent.

use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::git::history::{CommitInfo, History, Version};
use crate::io::worktree::slash;
use crate::model::paths::{ArticlePath, sidecar_of};
use crate::model::sidecar::Sidecar;
use crate::model::workflow::StaleOn;
use crate::model::{Email, Role, Stage, Status, Timestamp};
use crate::project::Project;
use crate::text::anchor::{self, Located};
use crate::text::article::Article;
use crate::text::worddiff::{Edit, Tag};

/// The version of the JSON schema of [`Entry`] lists.
pub const VERSION: u32 = 1;

/// One commit in the article's history.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The commit.
    pub commit: CommitInfo,
    /// The article's path in it.
    pub path: String,
    /// What it did.
    pub events: Vec<Event>,
}

/// Something a commit did to the article or its claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// The article appeared.
    ArticleAdded,
    /// The sidecar appeared: the article is tracked.
    Tracked,
    /// The article was moved.
    Renamed {
        /// Old path.
        from: String,
        /// New path.
        to: String,
    },
    /// The plain text changed.
    TextEdited {
        /// Words added.
        added: usize,
        /// Words removed.
        removed: usize,
    },
    /// The Markdown changed but the text claims are read from did not (markup, or HTML,
    /// comments, `factcheck: off` regions and code, which readers may still see).
    MarkupEdited,
    /// The front matter changed.
    FrontMatterEdited,
    /// A claim was registered.
    ClaimAdded {
        /// Claim id.
        claim: String,
        /// Its words.
        text: String,
    },
    /// A claim was removed from the sidecar.
    ClaimRemoved {
        /// Claim id.
        claim: String,
    },
    /// A claim's recorded words changed.
    ClaimTextChanged {
        /// Claim id.
        claim: String,
        /// Old words.
        from: String,
        /// New words.
        to: String,
    },
    /// A claim's status changed.
    StatusChanged {
        /// Claim id.
        claim: String,
        /// Old status.
        from: Status,
        /// New status.
        to: Status,
        /// Who set it: the reviewer whose sign-off came with it, else the commit's author.
        by: Email,
    },
    /// A sign-off was recorded.
    SignoffAdded {
        /// Claim id, or none for an article sign-off.
        #[serde(skip_serializing_if = "Option::is_none")]
        claim: Option<String>,
        /// Signer.
        by: Email,
        /// Role.
        role: Role,
        /// Verdict (claim sign-offs).
        #[serde(skip_serializing_if = "Option::is_none")]
        verdict: Option<Status>,
    },
    /// A sign-off that approved the previous text no longer matches.
    SignoffInvalidated {
        /// Claim id, or none for an article sign-off.
        #[serde(skip_serializing_if = "Option::is_none")]
        claim: Option<String>,
        /// Signer.
        by: Email,
        /// Role.
        role: Role,
        /// What changed under it.
        reason: StaleBy,
    },
    /// The workflow stage changed.
    StageChanged {
        /// Old stage.
        from: Stage,
        /// New stage.
        to: Stage,
    },
    /// A publication record was written.
    Published {
        /// Who published.
        by: Email,
    },
    /// A correction was recorded.
    Corrected {
        /// Who.
        by: Email,
        /// The note.
        note: String,
    },
}

/// The article and sidecar as of one commit.
struct State {
    path: String,
    article: Option<Article>,
    sidecar: Option<Sidecar>,
}

/// The history of the article at `path`, oldest first.
pub fn log(p: &Project, h: &History, path: &ArticlePath) -> Result<Vec<Entry>> {
    let versions = h.versions(&path.rel)?;
    let mut out = Vec::new();
    for v in versions.list.iter().rev() {
        let commit = h.repo().find_commit(v.commit)?;
        let now = state_of(p, h, &v.path, v)?;
        let before = match commit.parent(0) {
            Ok(parent) => {
                let ppath = versions.path_at(parent.id()).to_string();
                let tree = parent.tree()?;
                let pv = Version {
                    commit: parent.id(),
                    article: h.entry(&tree, &ppath),
                    sidecar: h.entry(&tree, &slash(&sidecar_of(Path::new(&ppath)))),
                    path: ppath.clone(),
                    parents: Vec::new(),
                };
                state_of(p, h, &ppath, &pv)?
            }
            Err(_) => State {
                path: v.path.clone(),
                article: None,
                sidecar: None,
            },
        };
        let info = h.info(&commit);
        let events = events(p, &before, &now, &info.email);
        if !events.is_empty() {
            out.push(Entry {
                commit: info,
                path: v.path.clone(),
                events,
            });
        }
    }
    Ok(out)
}

fn state_of(p: &Project, h: &History, path: &str, v: &Version) -> Result<State> {
    let article = match v.article {
        Some(oid) => Some(Article::parse_as(
            h.text(oid)?,
            p.syntax(path),
            &p.workflow.excluded_sections,
        )),
        None => None,
    };
    let sidecar_rel = slash(&sidecar_of(Path::new(path)));
    let sidecar = match v.sidecar {
        Some(oid) => super::parse_sidecar(&h.text(oid)?, &sidecar_rel, path),
        None => None,
    };
    Ok(State {
        path: path.to_string(),
        article,
        sidecar,
    })
}

/// What changed from `before` to `now`; `author` is the commit author's email.
fn events(p: &Project, before: &State, now: &State, author: &str) -> Vec<Event> {
    let mut out = Vec::new();
    if before.path != now.path && before.article.is_some() {
        out.push(Event::Renamed {
            from: before.path.clone(),
            to: now.path.clone(),
        });
    }
    text_events(before.article.as_ref(), now.article.as_ref(), &mut out);
    if before.sidecar.is_none() && now.sidecar.is_some() {
        out.push(Event::Tracked);
    }
    let empty = Sidecar::default();
    let old = before.sidecar.as_ref().unwrap_or(&empty);
    let Some(new) = now.sidecar.as_ref() else {
        return out;
    };
    claim_events(old, new, author, &mut out);
    signoff_events(p, before, now, &mut out);
    if before.sidecar.is_some() && old.stage != new.stage {
        out.push(Event::StageChanged {
            from: old.stage,
            to: new.stage,
        });
    }
    if old.publication.is_none()
        && let Some(pubn) = &new.publication
    {
        out.push(Event::Published {
            by: pubn.by.clone(),
        });
    }
    for c in new.corrections.iter().skip(old.corrections.len()) {
        out.push(Event::Corrected {
            by: c.by.clone(),
            note: c.note.clone(),
        });
    }
    out
}

fn text_events(before: Option<&Article>, now: Option<&Article>, out: &mut Vec<Event>) {
    let Some(now) = now else {
        return;
    };
    let Some(before) = before else {
        out.push(Event::ArticleAdded);
        return;
    };
    if before.source == now.source {
        return;
    }
    if before.front_matter != now.front_matter {
        out.push(Event::FrontMatterEdited);
    }
    let (old, new) = (before.text.as_str(), now.text.as_str());
    if old == new {
        if before.front_matter == now.front_matter {
            out.push(Event::MarkupEdited);
        }
        return;
    }
    let words = |s: &str| s.split_whitespace().count();
    let (mut added, mut removed) = (0, 0);
    for op in Edit::between(old, new).ops() {
        if matches!(op.tag, Tag::Insert | Tag::Replace) {
            added += words(&new[op.new.clone()]);
        }
        if matches!(op.tag, Tag::Delete | Tag::Replace) {
            removed += words(&old[op.old.clone()]);
        }
    }
    out.push(Event::TextEdited { added, removed });
}

fn claim_events(old: &Sidecar, new: &Sidecar, author: &str, out: &mut Vec<Event>) {
    for c in &new.claims {
        let Some(o) = old.claim(&c.id) else {
            out.push(Event::ClaimAdded {
                claim: c.id.clone(),
                text: c.quote.exact.clone(),
            });
            continue;
        };
        if crate::text::fingerprint::text_hash(&o.quote.exact)
            != crate::text::fingerprint::text_hash(&c.quote.exact)
        {
            out.push(Event::ClaimTextChanged {
                claim: c.id.clone(),
                from: o.quote.exact.clone(),
                to: c.quote.exact.clone(),
            });
        }
        if o.status != c.status {
            let by = c
                .signoffs
                .iter()
                .skip(o.signoffs.len())
                .rev()
                .find(|s| s.verdict == c.status)
                .map_or(author, |s| s.by.as_str());
            out.push(Event::StatusChanged {
                claim: c.id.clone(),
                from: o.status,
                to: c.status,
                by: by.into(),
            });
        }
    }
    for o in &old.claims {
        if new.claim(&o.id).is_none() {
            out.push(Event::ClaimRemoved {
                claim: o.id.clone(),
            });
        }
    }
}

/// A sign-off's identity across commits, and whether it approves the text of its commit.
struct Seal {
    claim: Option<String>,
    by: Email,
    role: Role,
    at: Timestamp,
    verdict: Option<Status>,
    fresh: bool,
    /// When not fresh, what changed under it.
    reason: StaleBy,
}

/// What changed under a sign-off that no longer approves what it signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StaleBy {
    /// The claim's words.
    Words,
    /// The claim's kind, note or cited sources (its evidence fingerprint).
    Evidence,
    /// The claim's words are not found in the text.
    Missing,
    /// The article's text (an article sign-off, `stale_on: any-edit`).
    Text,
    /// The article's claims (an article sign-off, `stale_on: claim-edits`).
    Claims,
}

impl StaleBy {
    /// How `log` says it.
    pub fn describe(self) -> &'static str {
        match self {
            StaleBy::Words => "the words it approved changed",
            StaleBy::Evidence => "the evidence it approved changed (kind, note or cited sources)",
            StaleBy::Missing => "the words it approved are no longer found",
            StaleBy::Text => "the text it approved changed",
            StaleBy::Claims => "the claims it approved changed",
        }
    }
}

/// What a claim sign-off would be stale by, given the claim's words now (`None`: not found).
fn claim_reason(so: &crate::model::sidecar::ClaimSignoff, hash: Option<&str>) -> StaleBy {
    match hash {
        None => StaleBy::Missing,
        Some(h) if so.text != h => StaleBy::Words,
        Some(_) => StaleBy::Evidence,
    }
}

fn seals(p: &Project, s: &State) -> Vec<Seal> {
    let (Some(sidecar), Some(article)) = (&s.sidecar, &s.article) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut hashes = Vec::new();
    for c in &sidecar.claims {
        let hash = match anchor::locate(
            &article.text,
            &c.quote,
            &anchor::Budget::for_text(&article.text),
        ) {
            Located::Found(span) | Located::Changed { span, .. } => {
                Some(crate::text::fingerprint::claim_hash(&article.text, span))
            }
            _ => None,
        };
        let evidence = sidecar.evidence_fingerprint(c);
        for so in &c.signoffs {
            out.push(Seal {
                claim: Some(c.id.clone()),
                by: so.by.clone(),
                role: so.role.clone(),
                at: so.at.clone(),
                verdict: Some(so.verdict),
                fresh: hash.as_deref().is_some_and(|h| so.approves(h, &evidence)),
                reason: claim_reason(so, hash.as_deref()),
            });
        }
        hashes.push((c.id.as_str(), hash.unwrap_or_else(|| "missing".into())));
    }
    let digest =
        crate::text::fingerprint::claims_digest(hashes.iter().map(|(id, h)| (*id, h.as_str())));
    for r in &sidecar.review {
        let (fresh, reason) = match p.workflow.article.stale_on {
            StaleOn::AnyEdit => (r.article == article.blob, StaleBy::Text),
            StaleOn::ClaimEdits => (r.claims == digest, StaleBy::Claims),
        };
        out.push(Seal {
            claim: None,
            by: r.by.clone(),
            role: r.role.clone(),
            at: r.at.clone(),
            verdict: None,
            fresh,
            reason,
        });
    }
    out
}

fn signoff_events(p: &Project, before: &State, now: &State, out: &mut Vec<Event>) {
    let old = seals(p, before);
    let same =
        |a: &Seal, b: &Seal| a.claim == b.claim && a.by == b.by && a.role == b.role && a.at == b.at;
    for s in seals(p, now) {
        match old.iter().find(|o| same(o, &s)) {
            None => out.push(Event::SignoffAdded {
                claim: s.claim,
                by: s.by,
                role: s.role,
                verdict: s.verdict,
            }),
            Some(o) if o.fresh && !s.fresh => out.push(Event::SignoffInvalidated {
                claim: s.claim,
                by: s.by,
                role: s.role,
                reason: s.reason,
            }),
            Some(_) => {}
        }
    }
}
