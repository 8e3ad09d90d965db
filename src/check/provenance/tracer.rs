//! Reading the history for provenance: which commit introduced a record, who authored and
//! signed it, and the policy and roles in force at a revision.

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use git2::{Commit, Oid};

use crate::git::history::{History, Versions};
use crate::git::signature::Unsigned;
use crate::io::worktree::slash;
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::paths::sidecar_of;
use crate::model::sidecar::Sidecar;

use super::records::{Facts, Step, Trail};
/// Reads sidecars and configs from history, caching by blob and commit.
pub(super) struct Tracer<'h> {
    pub(super) h: &'h History,
    pub(super) sidecars: std::collections::HashMap<Option<Oid>, Rc<Facts>>,
    pub(super) configs: std::collections::HashMap<Oid, Option<Config>>,
}

impl<'h> Tracer<'h> {
    pub(super) fn new(h: &'h History) -> Tracer<'h> {
        Tracer {
            h,
            sidecars: Default::default(),
            configs: Default::default(),
        }
    }

    /// The facts of the sidecar of the article at `path` in `commit` (empty when it has none
    /// or it does not parse: a broken sidecar attests nothing).
    pub(super) fn facts_at(&mut self, commit: &Commit<'_>, path: &str) -> Rc<Facts> {
        let sidecar_rel = slash(&sidecar_of(Path::new(path)));
        let oid = commit
            .tree()
            .ok()
            .and_then(|t| self.h.entry(&t, &sidecar_rel));
        self.facts_of(oid)
    }

    /// The facts of the sidecar whose blob is `oid` (empty when there is none or it does not
    /// parse).
    pub(super) fn facts_of(&mut self, oid: Option<Oid>) -> Rc<Facts> {
        if let Some(hit) = self.sidecars.get(&oid) {
            return hit.clone();
        }
        let parsed = oid
            .and_then(|oid| self.h.text(oid).ok())
            .and_then(|text| crate::text::yaml::parse::<Sidecar>(&text, Path::new("sidecar")).ok())
            .map(|s| Facts::of(&s))
            .unwrap_or_default();
        let parsed = Rc::new(parsed);
        self.sidecars.insert(oid, parsed.clone());
        parsed
    }

    /// The facts of HEAD's sidecar of the article whose history is `versions`.
    pub(super) fn head_facts(&mut self, versions: &Versions) -> Rc<Facts> {
        self.facts_of(versions.head.1)
    }

    /// Every commit that changed the article's sidecar (or path), newest first, with the
    /// facts before and after: the blobs come from the walk that found the versions, so no
    /// tree is read here.
    pub(super) fn trail(
        &mut self,
        rel: &str,
        shared: Option<Arc<Versions>>,
    ) -> crate::error::Result<(Trail, Arc<Versions>)> {
        let versions = match shared {
            Some(v) => v,
            None => Arc::new(self.h.versions(rel)?),
        };
        let mut steps = Vec::new();
        for v in &versions.list {
            let mine = self.facts_of(v.sidecar);
            let parents = v.parents.iter().map(|b| self.facts_of(b.1)).collect();
            steps.push(Step {
                commit: v.commit,
                mine,
                parents,
                wrote_text: v.article.is_some() && !v.parents.iter().any(|b| b.0 == v.article),
            });
        }
        let trail = Trail {
            steps,
            shallow: self.h.repo().is_shallow(),
            introducers: Default::default(),
        };
        Ok((trail, versions))
    }

    /// `factcheck.yaml` at `commit`, if it has a valid one.
    pub(super) fn config_at(&mut self, commit: Oid) -> Option<&Config> {
        if !self.configs.contains_key(&commit) {
            let config = self
                .h
                .repo()
                .find_commit(commit)
                .ok()
                .and_then(|c| self.h.read(&c, CONFIG_FILE).ok().flatten())
                .and_then(|text| {
                    crate::text::yaml::parse::<Config>(&text, Path::new(CONFIG_FILE)).ok()
                });
            self.configs.insert(commit, config);
        }
        self.configs[&commit].as_ref()
    }

    /// Whether `by` held `role` in `factcheck.yaml` at `commit`.
    pub(super) fn held_role(&mut self, commit: Oid, by: &str, role: &str) -> bool {
        self.config_at(commit).is_some_and(|c| c.holds(by, role))
    }

    /// Why `commit` does not prove `by` made it, under the policy at `policy`.
    pub(super) fn unsigned(&mut self, policy: Oid, commit: Oid, by: &str) -> Option<Unsigned> {
        let repo = self.h.repo();
        let config = self.config_at(policy)?;
        crate::git::signature::unsigned(config, repo, commit, by)
    }
}
