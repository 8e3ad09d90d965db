//! The attested records of a sidecar (sign-offs, reviews, corrections, the publication) and
//! the trail of commits each one went through.

use std::collections::HashSet;
use std::rc::Rc;

use git2::Oid;

use crate::model::Email;
use crate::model::finding::Code;
use crate::model::rights::Action;
use crate::model::sidecar::Sidecar;

use super::super::Findings;

/// What sort of attested record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    ClaimSignoff,
    ArticleSignoff,
    Correction,
    Publication,
}

/// An attested record as history sees it.
#[derive(Debug, Clone)]
pub(super) struct Record {
    pub(super) kind: Kind,
    /// The claim of a claim sign-off.
    pub(super) claim: Option<String>,
    /// The person it names.
    pub(super) by: Email,
    /// The roles that may make it (any one suffices).
    pub(super) roles: Vec<String>,
    /// When it says it was made.
    pub(super) at: String,
    /// Every field, canonically: two records are the same record only if all fields agree.
    pub(super) content: String,
}

impl Record {
    pub(super) fn new<T: serde::Serialize>(
        kind: Kind,
        claim: Option<&str>,
        by: &Email,
        roles: &[&str],
        at: &str,
        fields: &T,
    ) -> Record {
        let fields = serde_json::to_string(fields).unwrap_or_default();
        Record {
            kind,
            claim: claim.map(str::to_string),
            by: by.clone(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            at: at.to_string(),
            content: format!("{kind:?}\0{}\0{fields}", claim.unwrap_or("")),
        }
    }

    /// Who, when and on what, without the fields that may have been altered.
    pub(super) fn same_event(&self, other: &Record) -> bool {
        self.kind == other.kind
            && self.claim == other.claim
            && self.by == other.by
            && self.at == other.at
    }

    pub(super) fn describe(&self) -> String {
        let (by, at) = (&self.by, &self.at);
        match self.kind {
            Kind::ClaimSignoff => format!(
                "sign-off by {by} ({}) on claim `{}` at {at}",
                self.roles.join(", "),
                self.claim.as_deref().unwrap_or("")
            ),
            Kind::ArticleSignoff => {
                format!(
                    "article sign-off by {by} ({}) at {at}",
                    self.roles.join(", ")
                )
            }
            Kind::Correction => format!("correction recorded by {by} at {at}"),
            Kind::Publication => format!("publication record by {by} at {at}"),
        }
    }

    /// Reports `code` on the record's line in the sidecar (or its section when it is gone).
    pub(super) fn report(&self, f: &mut Findings<'_>, code: Code, message: String, help: String) {
        let by = Some(self.by.as_str());
        match (self.kind, &self.claim) {
            (Kind::ClaimSignoff, Some(id)) => f.at_claim_yaml(code, id, by, message, Some(help)),
            (Kind::ArticleSignoff, _) => {
                f.at_yaml(code, Some("review"), "by", by, message, Some(help))
            }
            (Kind::Correction, _) => {
                f.at_yaml(code, Some("corrections"), "by", by, message, Some(help))
            }
            _ => f.at_yaml(code, Some("publication"), "by", by, message, Some(help)),
        }
    }
}

/// What provenance compares between versions of a sidecar.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// The attested records, in file order.
    pub(super) records: Vec<Record>,
    /// Their contents, for membership.
    pub(super) contents: HashSet<String>,
    /// Claims only an editor may delete: those with sign-offs or a disputed or false verdict,
    /// with the reason.
    pub(super) guarded: Vec<(String, &'static str)>,
    /// Every claim id.
    pub(super) claims: HashSet<String>,
    /// The authors.
    pub(super) authors: Vec<Email>,
}

impl Facts {
    pub(super) fn of(s: &Sidecar) -> Facts {
        use crate::model::Status;
        let mut records = Vec::new();
        let mut guarded = Vec::new();
        for c in &s.claims {
            for so in &c.signoffs {
                let role = [so.role.as_str()];
                records.push(Record::new(
                    Kind::ClaimSignoff,
                    Some(&c.id),
                    &so.by,
                    &role,
                    &so.at,
                    so,
                ));
            }
            let why = match c.status {
                Status::Disputed => Some("disputed"),
                Status::False => Some("false"),
                _ if !c.signoffs.is_empty() => Some("signed off"),
                _ => None,
            };
            if let Some(why) = why {
                guarded.push((c.id.clone(), why));
            }
        }
        for r in &s.review {
            let role = [r.role.as_str()];
            records.push(Record::new(
                Kind::ArticleSignoff,
                None,
                &r.by,
                &role,
                &r.at,
                r,
            ));
        }
        for c in &s.corrections {
            let roles = Action::Correct.roles();
            records.push(Record::new(Kind::Correction, None, &c.by, &roles, &c.at, c));
        }
        if let Some(p) = &s.publication {
            let roles = Action::Publish.roles();
            records.push(Record::new(
                Kind::Publication,
                None,
                &p.by,
                &roles,
                &p.at,
                p,
            ));
        }
        Facts {
            contents: records.iter().map(|r| r.content.clone()).collect(),
            records,
            guarded,
            claims: s.claims.iter().map(|c| c.id.clone()).collect(),
            authors: s.authors.clone(),
        }
    }

    pub(super) fn has(&self, r: &Record) -> bool {
        self.contents.contains(&r.content)
    }
}

/// One commit that changed the article or its sidecar, with the sidecar's facts in it and in
/// each of its parents.
pub(super) struct Step {
    pub(super) commit: Oid,
    pub(super) mine: Rc<Facts>,
    pub(super) parents: Vec<Rc<Facts>>,
    /// The commit wrote the article's text: its text is none of its parents'.
    pub(super) wrote_text: bool,
}

/// The article's sidecar through history, newest first.
pub(super) struct Trail {
    pub(super) steps: Vec<Step>,
    pub(super) shallow: bool,
    /// For each record's content, where it was last introduced
    /// ([`Trail::introduced_record`]), found in one pass over the steps when first asked:
    /// asking step by step for every record costs records × steps.
    pub(super) introducers: std::cell::OnceCell<std::collections::HashMap<String, Origin>>,
}

/// Where a fact came from or went.
#[derive(Debug, Clone, Copy)]
pub(super) enum Origin {
    /// This commit.
    Commit(Oid),
    /// Before the oldest commit of a shallow clone.
    Unknown,
    /// Nowhere in the history walked.
    Missing,
}

impl Trail {
    /// The commit that last introduced record `r`: the newest step whose sidecar has it and
    /// none of whose parents' do (`Unknown` past the edge of a shallow clone), from a map
    /// built in one pass.
    pub(super) fn introduced_record(&self, r: &Record) -> Origin {
        let map = self.introducers.get_or_init(|| {
            let mut map = std::collections::HashMap::new();
            for s in &self.steps {
                for rec in &s.mine.records {
                    if map.contains_key(&rec.content) || s.parents.iter().any(|p| p.has(rec)) {
                        continue;
                    }
                    let origin = match s.parents.is_empty() && self.shallow {
                        true => Origin::Unknown,
                        false => Origin::Commit(s.commit),
                    };
                    map.insert(rec.content.clone(), origin);
                }
            }
            map
        });
        map.get(&r.content).copied().unwrap_or(Origin::Missing)
    }

    /// The commit that last made `holds` false: it held in every parent and not there.
    pub(super) fn ended(&self, holds: impl Fn(&Facts) -> bool) -> Origin {
        self.steps
            .iter()
            .find(|s| {
                !holds(&s.mine) && !s.parents.is_empty() && s.parents.iter().all(|p| holds(p))
            })
            .map_or(Origin::Missing, |s| Origin::Commit(s.commit))
    }
}
