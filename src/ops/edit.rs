//! The everyday edits of a sidecar: change or remove a claim or a source (issue #18). They
//! follow the rules of the commands that add them — identity and role, the directory lock,
//! atomic writes — and they never touch a sign-off record: sign-offs are attested history. A
//! change to what a sign-off approved (the words, the kind, the note, the evidence) makes it
//! stale by its own fingerprint, and the result says which, so the command can tell who must
//! re-verify.
//!
//! Removing mirrors the pull-request gate (FC055, [`crate::check`]'s provenance): a claim
//! that was signed off or found disputed or false is evidence the gate relied on, and only an
//! editor may remove it. Refusing here, with the reason, is kinder than a red CI run later.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::paths::ArticlePath;
use crate::model::sidecar::{Claim, Sidecar, check_id};
use crate::model::{ClaimKind, SourceKind, Status};
use crate::ops::actions::{
    EDITORIAL, check_source_fields, claim_index, excerpt_in_snapshot, locate_quote, slot,
    store_snapshot, update,
};
use crate::project::Project;
use crate::text::anchor;
use crate::text::article::normalize;

/// What `claim edit` changes; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct ClaimChange {
    /// New words to track (anchored like `claim add`).
    pub quote: Option<String>,
    /// Which occurrence of the new words, when they occur more than once.
    pub occurrence: Option<usize>,
    /// New kind.
    pub kind: Option<ClaimKind>,
    /// New id.
    pub id: Option<String>,
    /// New reviewers' note; empty removes it.
    pub note: Option<String>,
}

/// What `source edit` changes; `None` leaves a field as it is, an empty text removes an
/// optional field.
#[derive(Debug, Default)]
pub struct SourceChange {
    /// New URL (http or https).
    pub url: Option<String>,
    /// New title.
    pub title: Option<String>,
    /// New publisher.
    pub publisher: Option<String>,
    /// New kind.
    pub kind: Option<SourceKind>,
    /// New publication date.
    pub published: Option<String>,
    /// New access date.
    pub accessed: Option<String>,
    /// New archived copy URL.
    pub archived: Option<String>,
    /// New supporting excerpt.
    pub excerpt: Option<String>,
    /// A new local copy to store under `evidence/`.
    pub snapshot: Option<PathBuf>,
}

/// The claims an edit made stale: each claim id with how many of its sign-offs approved it
/// before the edit and no longer do.
pub type Stale = Vec<(String, usize)>;

/// What `claim rm` removed.
#[derive(Debug)]
pub struct RemovedClaim {
    /// How many sign-off records went with it.
    pub signoffs: usize,
    /// Sources it cited that no claim cites any more.
    pub unused: Vec<String>,
}

/// Changes a claim; returns its id (new if renamed) and the sign-offs the change made stale.
pub fn claim_edit(
    p: &Project,
    path: &ArticlePath,
    claim: &str,
    change: ClaimChange,
) -> Result<(String, Stale)> {
    let me = p.actor(EDITORIAL, "edit claims")?;
    if change.quote.is_none()
        && change.kind.is_none()
        && change.id.is_none()
        && change.note.is_none()
    {
        return Err(Error::usage_hint(
            format!("nothing to change in claim `{claim}`"),
            "give at least one of --quote, --kind, --id, --note",
        ));
    }
    let editor = me.has("editor");
    update(p, path, |sidecar, article| {
        let i = claim_index(sidecar, claim, path)?;
        let before = sidecar.clone();
        let mut c = sidecar.claims.remove(i);
        if let Some(id) = change.id.filter(|id| *id != c.id) {
            may_rename(sidecar, &c, &id, editor, path)?;
            c.id = id;
        }
        let at = match change.quote {
            Some(quote) => {
                let span = locate_quote(article, path, &quote, change.occurrence)?;
                let at = slot(p, path, article, sidecar, span)?;
                c.quote = anchor::capture(&article.text, span);
                at
            }
            None => i,
        };
        if let Some(kind) = change.kind {
            c.kind = kind;
        }
        if let Some(note) = change.note {
            c.note = non_empty(note);
        }
        let id = c.id.clone();
        sidecar.claims.insert(at, c);
        Ok((id, stale_since(&before, sidecar)))
    })
}

/// Refuses a rename the gate could not follow. A claim's sign-offs name it by id, and
/// `check --provenance` traces each record by what it names: renamed, they would read as
/// records its signers never made (FC051). A disputed or false claim under a new id is the
/// old one removed, which only an editor may do (FC055).
fn may_rename(
    sidecar: &Sidecar,
    c: &Claim,
    id: &str,
    editor: bool,
    path: &ArticlePath,
) -> Result<()> {
    check_id(id).map_err(|m| Error::usage_hint(m, format!("such as `{}`", valid_id(id))))?;
    if sidecar.claim(id).is_some() {
        return Err(Error::usage_hint(
            format!("claim id `{id}` is already used in {}", path.sidecar_rel),
            "choose another id",
        ));
    }
    if !c.signoffs.is_empty() {
        return Err(Error::usage_hint(
            format!(
                "claim `{}` has {} sign-off(s), which name it by its id: renamed, `check --provenance` would see records their signers never made (FC051)",
                c.id,
                c.signoffs.len()
            ),
            "keep the id; edit the quote, kind or note instead",
        ));
    }
    match guarded(c) {
        Some(why) if !editor => Err(Error::refused(
            format!(
                "claim `{}` is {why}: a new id removes it under its old one, which only an editor may do (FC055)",
                c.id
            ),
            "keep the id, or ask an editor to rename it",
        )),
        _ => Ok(()),
    }
}

/// `id` made valid: lowercase, other characters as `-`.
fn valid_id(id: &str) -> String {
    let id: String = id
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '-',
        })
        .collect();
    let id = id.trim_start_matches(['-', '_', '.']);
    if id.is_empty() { "claim" } else { id }.to_string()
}

/// Removes a claim with its sign-off records. A claim the gate guards ([`guarded`]) only an
/// editor may remove.
pub fn claim_rm(p: &Project, path: &ArticlePath, claim: &str) -> Result<RemovedClaim> {
    let me = p.actor(EDITORIAL, "remove claims")?;
    let (who, editor) = (me.email.clone(), me.has("editor"));
    update(p, path, |sidecar, _| {
        let i = claim_index(sidecar, claim, path)?;
        if let Some(why) = guarded(&sidecar.claims[i]).filter(|_| !editor) {
            return Err(Error::refused(
                format!("{who} may not remove claim `{claim}`: it is {why}"),
                format!(
                    "only an editor removes a claim that was signed off or found disputed or false (the pull-request gate reports FC055 otherwise); ask one, or fix the claim with `factcheck claim edit {} {claim} --quote …`",
                    path.rel
                ),
            ));
        }
        let c = sidecar.claims.remove(i);
        let unused = c
            .sources
            .iter()
            .filter(|s| !sidecar.claims.iter().any(|o| o.sources.contains(s)))
            .cloned()
            .collect();
        Ok(RemovedClaim {
            signoffs: c.signoffs.len(),
            unused,
        })
    })
}

/// Why the pull-request gate lets only an editor remove `c` (the same test as its provenance
/// check): it was signed off, or found disputed or false.
fn guarded(c: &Claim) -> Option<&'static str> {
    match c.status {
        Status::Disputed => Some("disputed"),
        Status::False => Some("false"),
        _ if !c.signoffs.is_empty() => Some("signed off"),
        _ => None,
    }
}

/// Changes a source's fields; returns the sign-offs of citing claims the change made stale.
pub fn source_edit(
    p: &Project,
    path: &ArticlePath,
    source: &str,
    change: SourceChange,
) -> Result<Stale> {
    p.actor(EDITORIAL, "edit sources")?;
    check_source_fields(
        change.url.as_deref(),
        given(&change.archived),
        given(&change.published),
        given(&change.accessed),
    )?;
    let snapshot = match &change.snapshot {
        Some(file) => Some(store_snapshot(p, file, given(&change.excerpt))?),
        None => None,
    };
    update(p, path, |sidecar, _| {
        let i = source_index(sidecar, source, path)?;
        let before = sidecar.clone();
        let s = &mut sidecar.sources[i];
        let excerpt_changed = change.excerpt.is_some();
        if let Some(url) = change.url {
            // Where the old URL redirected says nothing about the new one.
            s.resolved = None;
            s.url = url;
        }
        for (field, value) in [
            (&mut s.title, change.title),
            (&mut s.publisher, change.publisher),
            (&mut s.published, change.published),
            (&mut s.accessed, change.accessed),
            (&mut s.archived, change.archived),
            (&mut s.excerpt, change.excerpt.map(|e| normalize(&e))),
        ] {
            if let Some(v) = value {
                *field = non_empty(v);
            }
        }
        if let Some(kind) = change.kind {
            s.kind = kind;
        }
        if snapshot.is_some() {
            s.snapshot = snapshot;
        } else if excerpt_changed && let (Some(ex), Some(rel)) = (&s.excerpt, &s.snapshot) {
            excerpt_in_snapshot(p, rel, ex, rel)?;
        }
        if *s == before.sources[i] {
            return Err(Error::usage_hint(
                format!("nothing to change in source `{source}`"),
                "give a field with a new value: --url, --title, --publisher, --kind, --published, --accessed, --archived, --excerpt or --snapshot",
            ));
        }
        Ok(stale_since(&before, sidecar))
    })
}

/// Removes a source. While claims cite it, refused unless `uncite`, which removes those
/// citations too; returns the claims that lost it and the sign-offs that made stale.
pub fn source_rm(
    p: &Project,
    path: &ArticlePath,
    source: &str,
    uncite: bool,
) -> Result<(Vec<String>, Stale)> {
    p.actor(EDITORIAL, "remove sources")?;
    update(p, path, |sidecar, _| {
        let i = source_index(sidecar, source, path)?;
        let citing: Vec<String> = sidecar
            .claims
            .iter()
            .filter(|c| c.sources.iter().any(|s| s == source))
            .map(|c| c.id.clone())
            .collect();
        if !citing.is_empty() && !uncite {
            return Err(Error::usage_hint(
                format!(
                    "source `{source}` is cited by claim(s) {}",
                    citing.join(", ")
                ),
                format!(
                    "remove the citations with it: factcheck source rm {} {source} --uncite (the claims' sign-offs go stale), or keep the source",
                    path.rel
                ),
            ));
        }
        let before = sidecar.clone();
        sidecar.sources.remove(i);
        for c in &mut sidecar.claims {
            c.sources.retain(|s| s != source);
        }
        Ok((citing, stale_since(&before, sidecar)))
    })
}

fn source_index(sidecar: &Sidecar, id: &str, path: &ArticlePath) -> Result<usize> {
    sidecar
        .sources
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| {
            let ids: Vec<&str> = sidecar.sources.iter().map(|s| s.id.as_str()).collect();
            let hint = match crate::text::yaml::closest(id, &ids) {
                Some(b) => format!("did you mean `{b}`?"),
                None if ids.is_empty() => "it has no sources".into(),
                None => format!("its sources: {}", ids.join(", ")),
            };
            Error::usage_hint(format!("no source `{id}` in {}", path.sidecar_rel), hint)
        })
}

/// Each claim (by id) with the number of its sign-offs that approved it in `before` and do not
/// in `after`.
pub(crate) fn stale_since(before: &Sidecar, after: &Sidecar) -> Stale {
    after
        .claims
        .iter()
        .filter_map(|c| {
            let old = before.claim(&c.id)?;
            let was = approvals(before, old);
            let n = was
                .iter()
                .zip(approvals(after, c))
                .filter(|&(&was, now)| was && !now)
                .count();
            (n > 0).then(|| (c.id.clone(), n))
        })
        .collect()
}

/// For each sign-off of `c`, whether it approves the claim as `s` has it.
fn approvals(s: &Sidecar, c: &Claim) -> Vec<bool> {
    let words = anchor::text_hash(&c.quote.exact);
    let evidence = s.evidence_fingerprint(c);
    c.signoffs
        .iter()
        .map(|so| so.approves(&words, &evidence))
        .collect()
}

/// An optional field's new value, when it is not the empty text that removes it.
fn given(o: &Option<String>) -> Option<&str> {
    o.as_deref().filter(|s| !s.trim().is_empty())
}

/// A new value for an optional field: the empty text removes it.
fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}
