//! The versions of many articles in one walk of the history.
//!
//! Walking HEAD's history once per article costs a tree lookup per article per commit; a
//! provenance check of every article of a long history did that fifty times over. Here each
//! commit is compared with each of its parents once (git compares trees by their ids, so only
//! changed folders are opened), and an article costs something only in the commits that touch
//! its text, its sidecar or its path: elsewhere it inherits what it was in the child.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::rc::Rc;

use git2::{Commit, Oid, Sort, Tree};

use super::{History, Version, Versions};
use crate::error::Result;

/// An article's text and sidecar blobs in one commit.
type Blobs = (Option<Oid>, Option<Oid>);

/// What the walk knows of article `.0` in a commit it has yet to visit: its path there and its
/// blobs, handed down by the first child that reached it.
type Pending = HashMap<usize, (Rc<str>, Blobs)>;

impl History {
    /// The versions of each article now at `rels` (in that order), newest first, walking all
    /// of HEAD's history once (merges included) and following renames.
    pub fn versions_of(&self, rels: &[String]) -> Result<Vec<Versions>> {
        let mut out: Vec<Versions> = rels.iter().map(|_| Versions::default()).collect();
        let Some(head) = self.head()? else {
            return Ok(out);
        };
        let head_tree = head.tree()?;
        let mut pending: HashMap<Oid, Pending> = HashMap::new();
        let at_head = pending.entry(head.id()).or_default();
        for (i, rel) in rels.iter().enumerate() {
            let path: Rc<str> = self.committed_path(rel)?.into();
            out[i].head_path = path.to_string();
            at_head.insert(i, (path.clone(), self.blobs(&head_tree, &path)));
        }
        let mut walk = self.repo.revwalk()?;
        walk.push(head.id())?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        for oid in walk {
            let oid = oid?;
            // Topological order: every child has handed down before its parent is visited.
            let Some(live) = pending.remove(&oid) else {
                continue;
            };
            let commit = self.repo.find_commit(oid)?;
            self.visit(&commit, live, &mut pending, &mut out)?;
        }
        Ok(out)
    }

    /// Visits `commit` for its `live` articles: records a version of each that differs from
    /// every parent, and hands each one's path and blobs down to the parents.
    fn visit(
        &self,
        commit: &Commit<'_>,
        live: Pending,
        pending: &mut HashMap<Oid, Pending>,
        out: &mut [Versions],
    ) -> Result<()> {
        let tree = commit.tree()?;
        let parents: Vec<(Commit<'_>, Tree<'_>, HashSet<PathBuf>)> = commit
            .parents()
            .map(|p| {
                let ptree = p.tree()?;
                let changed = self.changed_paths(&ptree, &tree)?;
                Ok((p, ptree, changed))
            })
            .collect::<Result<_>>()?;
        for (i, (path, here)) in live {
            if here == (None, None) {
                continue; // the article does not exist yet on this line of history
            }
            let mut inherited = false;
            for (parent, ptree, changed) in &parents {
                let (ppath, there) = if self.touches(changed, &path) {
                    let ppath: Rc<str> = self.parent_path(ptree, &tree, &path)?.into();
                    let there = self.blobs(ptree, &ppath);
                    (ppath, there)
                } else {
                    (path.clone(), here)
                };
                inherited |= there == here && ppath == path;
                // The first child to reach a parent says what the article is there.
                if let Entry::Vacant(v) = pending.entry(parent.id()).or_default().entry(i) {
                    if *ppath != *out[i].head_path {
                        out[i].renamed.insert(parent.id(), ppath.to_string());
                    }
                    v.insert((ppath, there));
                }
            }
            if !inherited {
                out[i].list.push(Version {
                    commit: commit.id(),
                    path: path.to_string(),
                    article: here.0,
                    sidecar: here.1,
                });
            }
        }
        Ok(())
    }

    /// The article's and its sidecar's blobs at root-relative `rel` in `tree`.
    fn blobs(&self, tree: &Tree<'_>, rel: &str) -> Blobs {
        (self.entry(tree, rel), self.sidecar_entry(tree, rel))
    }

    /// The repository paths that differ between `from` and `to`, on either side.
    fn changed_paths(&self, from: &Tree<'_>, to: &Tree<'_>) -> Result<HashSet<PathBuf>> {
        let diff = self.repo.diff_tree_to_tree(Some(from), Some(to), None)?;
        Ok(diff
            .deltas()
            .flat_map(|d| [d.old_file().path(), d.new_file().path()])
            .flatten()
            .map(PathBuf::from)
            .collect())
    }

    /// Whether `changed` holds the article at root-relative `rel` or its sidecar: if not,
    /// both are the same in the parent, at the same path.
    fn touches(&self, changed: &HashSet<PathBuf>, rel: &str) -> bool {
        let sidecar = super::slash(&super::sidecar_of(std::path::Path::new(rel)));
        [rel, sidecar.as_str()]
            .iter()
            .any(|p| changed.contains(&PathBuf::from(self.repo_path(p))))
    }
}
