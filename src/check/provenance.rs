//! Provenance (SPEC §5 "Trust", `check --provenance`): in a shared repository anyone with write
//! access can type a sign-off into a sidecar, so CI asks git who actually put it there.
//!
//! For every sign-off in the sidecar (claim and article level), the commit that introduced it is
//! found in the history of the sidecar (renames followed): the commit whose sidecar has the
//! sign-off while none of its parents' sidecars do. Then:
//! - FC050: the sign-off is not in HEAD (uncommitted): CI can vouch only for committed ones;
//! - FC051: the introducing commit's author is not the person the sign-off names (forged);
//! - FC052: the signer did not hold the role in `factcheck.yaml` at the base revision — the
//!   `--changed-since` revision when given, else the introducing commit's parent — so a branch
//!   cannot grant itself a fact-checker;
//! - FC053: no introducing commit can be found (history missing, e.g. a shallow clone).
//!
//! It reads only the repository, so it works on any git host.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::{Commit, Oid};

use crate::diag::Code;
use crate::history::History;
use crate::project::{CONFIG_FILE, Config, sidecar_of, slash};
use crate::sidecar::Sidecar;

use super::{Findings, Subject};

/// A sign-off's identity: claim (none for article sign-offs), signer, role, time.
type Seal = (Option<String>, String, String, String);

fn seals(s: &Sidecar) -> HashSet<Seal> {
    ordered(s).into_iter().collect()
}

/// Where a sign-off came from.
enum Origin {
    /// Introduced by this commit.
    Commit(Oid),
    /// Present in the oldest commit available, whose parents are missing (shallow clone).
    Unknown,
}

/// Runs the provenance checks for the article of `s`; `base` is the `--changed-since`
/// revision, if any.
pub fn check(s: &Subject<'_>, f: &mut Findings<'_>, base: Option<&str>) {
    let rel = &s.path.rel;
    let unreadable = |f: &mut Findings<'_>, message: String| {
        f.at_yaml(
            Code::SignoffHistoryMissing,
            None,
            "article",
            None,
            message,
            None,
        );
    };
    let h = match History::open(&s.project.root) {
        Ok(h) => h,
        Err(e) => return unreadable(f, format!("cannot check provenance: {e}")),
    };
    let mut tracer = Tracer {
        h: &h,
        sidecars: HashMap::new(),
        configs: HashMap::new(),
    };
    let origins = match tracer.origins(rel) {
        Ok(o) => o,
        Err(e) => return unreadable(f, format!("cannot read the history of {rel}: {e}")),
    };
    let base_commit = base.and_then(|b| h.resolve(b).ok());
    let in_head = tracer.head_seals(rel);
    for seal in ordered(s.sidecar()) {
        let (claim, by, role, at) = &seal;
        let what = match claim {
            Some(id) => format!("sign-off by {by} ({role}) on claim `{id}` at {at}"),
            None => format!("article sign-off by {by} ({role}) at {at}"),
        };
        let report = |f: &mut Findings<'_>, code: Code, message: String, help: String| match claim {
            Some(id) => f.at_claim_yaml(code, id, Some(by), message, Some(help)),
            None => f.at_yaml(code, Some("review"), "by", Some(by), message, Some(help)),
        };
        if !in_head.contains(&seal) {
            report(
                f,
                Code::UncommittedSignoff,
                format!("{what} is not committed"),
                format!(
                    "{by} commits it (as the author of the commit): CI vouches only for committed sign-offs"
                ),
            );
            continue;
        }
        let commit = match origins.get(&seal) {
            Some(Origin::Commit(oid)) => h.repo().find_commit(*oid).ok(),
            _ => None,
        };
        let Some(commit) = commit else {
            report(
                f,
                Code::SignoffHistoryMissing,
                format!("{what}: the commit that introduced it is not in this clone's history"),
                "fetch the full history (e.g. actions/checkout with fetch-depth: 0)".into(),
            );
            continue;
        };
        let info = h.info(&commit);
        if !info.email.eq_ignore_ascii_case(by) {
            report(
                f,
                Code::ForgedSignoff,
                format!(
                    "{what} was introduced by commit {} authored by {} <{}>, not by {by}",
                    info.short, info.author, info.email
                ),
                format!(
                    "only {by} may record their sign-off: they run the command and commit it themselves"
                ),
            );
            continue;
        }
        let base = base_commit
            .as_ref()
            .map(|c| c.id())
            .or_else(|| commit.parent_id(0).ok())
            .unwrap_or(commit.id());
        if !tracer.held_role(base, by, role) {
            let short = &base.to_string()[..7];
            report(
                f,
                Code::RoleGrantedOnBranch,
                format!(
                    "{what}: {by} did not hold the role {role} in {CONFIG_FILE} at {short}, the base revision"
                ),
                format!(
                    "roles are granted on the main line first; an editor adds {by} as {role} there, then they sign off"
                ),
            );
        }
    }
}

/// The sidecar's sign-offs in file order.
fn ordered(s: &Sidecar) -> Vec<Seal> {
    let mut out: Vec<Seal> = Vec::new();
    for c in &s.claims {
        for so in &c.signoffs {
            out.push((
                Some(c.id.clone()),
                so.by.clone(),
                so.role.clone(),
                so.at.clone(),
            ));
        }
    }
    for r in &s.review {
        out.push((None, r.by.clone(), r.role.clone(), r.at.clone()));
    }
    out
}

/// Reads sidecars and configs from history, caching by blob and commit.
struct Tracer<'h> {
    h: &'h History,
    sidecars: HashMap<Oid, HashSet<Seal>>,
    configs: HashMap<Oid, Option<Config>>,
}

impl Tracer<'_> {
    /// The sign-offs of the sidecar of the article at `path` in `commit`.
    fn seals_at(&mut self, commit: &Commit<'_>, path: &str) -> HashSet<Seal> {
        let sidecar_rel = slash(&sidecar_of(Path::new(path)));
        let Some(oid) = commit
            .tree()
            .ok()
            .and_then(|t| self.h.entry(&t, &sidecar_rel))
        else {
            return HashSet::new();
        };
        if let Some(hit) = self.sidecars.get(&oid) {
            return hit.clone();
        }
        let parsed = self
            .h
            .text(oid)
            .ok()
            .and_then(|text| crate::yaml::parse::<Sidecar>(&text, Path::new(&sidecar_rel)).ok())
            .map(|s| seals(&s))
            .unwrap_or_default();
        self.sidecars.insert(oid, parsed.clone());
        parsed
    }

    /// The sign-offs in HEAD's sidecar of the article now at `rel`.
    fn head_seals(&mut self, rel: &str) -> HashSet<Seal> {
        let Ok(Some(head)) = self.h.head() else {
            return HashSet::new();
        };
        let path = self
            .h
            .committed_path(rel)
            .unwrap_or_else(|_| rel.to_string());
        self.seals_at(&head, &path)
    }

    /// The commit that introduced each sign-off of the article's sidecar history.
    fn origins(&mut self, rel: &str) -> crate::error::Result<HashMap<Seal, Origin>> {
        let versions = self.h.versions(rel)?;
        let shallow = self.h.repo().is_shallow();
        let mut out = HashMap::new();
        for v in versions.list.iter().rev().filter(|v| v.sidecar.is_some()) {
            let commit = self.h.repo().find_commit(v.commit)?;
            let mine = self.seals_at(&commit, &v.path);
            let mut inherited: HashSet<Seal> = HashSet::new();
            for parent in commit.parents() {
                let ppath = versions.path_at(parent.id()).unwrap_or(&v.path).to_string();
                inherited.extend(self.seals_at(&parent, &ppath));
            }
            let cut_off = shallow && commit.parent_count() == 0;
            for seal in mine.difference(&inherited) {
                out.entry(seal.clone()).or_insert(if cut_off {
                    Origin::Unknown
                } else {
                    Origin::Commit(v.commit)
                });
            }
        }
        Ok(out)
    }

    /// Whether `by` held `role` in `factcheck.yaml` at `commit`.
    fn held_role(&mut self, commit: Oid, by: &str, role: &str) -> bool {
        if !self.configs.contains_key(&commit) {
            let config = self
                .h
                .repo()
                .find_commit(commit)
                .ok()
                .and_then(|c| self.h.read(&c, CONFIG_FILE).ok().flatten())
                .and_then(|text| crate::yaml::parse::<Config>(&text, Path::new(CONFIG_FILE)).ok());
            self.configs.insert(commit, config);
        }
        self.configs[&commit].as_ref().is_some_and(|c| {
            c.people
                .iter()
                .any(|p| p.email.eq_ignore_ascii_case(by) && p.has(role))
        })
    }
}
