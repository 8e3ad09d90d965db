//! Looking up many paths in the same trees: each tree object read once.
//!
//! git stores a folder as one object listing all its entries, and libgit2 keeps only small
//! trees (up to 4 KB) in its cache. Looking up one file of a folder holding thousands of
//! articles inflates and parses the whole folder, so looking up each of them in turn costs the
//! square of the folder's size (a provenance check of 4,000 articles in one folder spent 44 s
//! doing that). [`Trees`] keeps every tree it reads for as long as it lives, so a folder costs
//! its size once and each lookup after that a binary search; one lives for a step of work (the
//! articles at HEAD, one commit of a walk), so memory stays bounded by the trees that step
//! reads.

use std::collections::HashMap;
use std::path::PathBuf;

use git2::{Delta, DiffFindOptions, ObjectType, Oid, Repository, Tree};

use super::History;
use crate::io::worktree::slash;

/// Trees read once each, by id.
pub(super) struct Trees<'r> {
    repo: &'r Repository,
    read: HashMap<Oid, Tree<'r>>,
}

impl<'r> Trees<'r> {
    pub(super) fn new(repo: &'r Repository) -> Trees<'r> {
        Trees {
            repo,
            read: HashMap::new(),
        }
    }

    fn tree(&mut self, id: Oid) -> Option<&Tree<'r>> {
        if !self.read.contains_key(&id) {
            let tree = self.repo.find_tree(id).ok()?;
            self.read.insert(id, tree);
        }
        self.read.get(&id)
    }

    /// The blob at repository path `path` (`/`-separated) in the tree `root`, as
    /// `Tree::get_path` finds it: `None` when a folder on the way or the file itself is
    /// missing or of another kind.
    pub(super) fn blob(&mut self, root: Oid, path: &str) -> Option<Oid> {
        let mut at = root;
        let mut names = path.split('/').peekable();
        while let Some(name) = names.next() {
            if name.is_empty() {
                // Not a path factcheck makes; the library decides.
                let tree = self.tree(root)?;
                return tree
                    .get_path(std::path::Path::new(path))
                    .ok()
                    .filter(|e| e.kind() == Some(ObjectType::Blob))
                    .map(|e| e.id());
            }
            let entry = self.tree(at)?.get_name(name)?;
            let (id, kind) = (entry.id(), entry.kind());
            if names.peek().is_none() {
                return (kind == Some(ObjectType::Blob)).then_some(id);
            }
            if kind != Some(ObjectType::Tree) {
                return None;
            }
            at = id;
        }
        None
    }
}

/// The renames git detects in one diff, new repository path → old root-relative path: what
/// `renamed_in` finds for one path, found once for all of them.
pub(super) type Renames = HashMap<PathBuf, String>;

impl History {
    /// The blob at root-relative `rel` in tree `root`, through `trees`.
    pub(super) fn entry_in(&self, trees: &mut Trees<'_>, root: Oid, rel: &str) -> Option<Oid> {
        trees.blob(root, &self.repo_path(rel))
    }

    /// Every rename in `diff` (git's rename detection), the first one for a path when
    /// there could be several.
    pub(super) fn renames(&self, diff: &mut git2::Diff<'_>) -> Renames {
        let mut out = Renames::new();
        let mut find = DiffFindOptions::new();
        find.renames(true);
        if diff.find_similar(Some(&mut find)).is_err() {
            return out;
        }
        for d in diff.deltas().filter(|d| d.status() == Delta::Renamed) {
            if let (Some(new), Some(old)) = (d.new_file().path(), d.old_file().path()) {
                let old = slash(old);
                let old = old.strip_prefix(&self.prefix).unwrap_or(&old).to_string();
                out.entry(new.to_path_buf()).or_insert(old);
            }
        }
        out
    }

    /// The rename of root-relative `rel` in `renames`, if any.
    pub(super) fn renamed(&self, renames: &Renames, rel: &str) -> Option<String> {
        renames.get(&PathBuf::from(self.repo_path(rel))).cloned()
    }
}

impl History {
    /// [`History::committed_path`] with `trees` for the lookup; the staged renames (one diff
    /// of HEAD and the index) are found when first needed and kept in `staged`.
    pub(super) fn committed_path_in(
        &self,
        trees: &mut Trees<'_>,
        head_tree: Oid,
        rel: &str,
        staged: &mut Option<Renames>,
    ) -> crate::error::Result<String> {
        if self.entry_in(trees, head_tree, rel).is_some() {
            return Ok(rel.to_string());
        }
        let renames = match staged {
            Some(r) => r,
            None => {
                let tree = self.repo.find_tree(head_tree)?;
                let index = self.repo.index()?;
                let mut diff = self
                    .repo
                    .diff_tree_to_index(Some(&tree), Some(&index), None)?;
                staged.insert(self.renames(&mut diff))
            }
        };
        Ok(self
            .renamed(renames, rel)
            .unwrap_or_else(|| rel.to_string()))
    }

    /// [`History::parent_path`] with `trees` for the lookups; the renames between `parent` and
    /// `tree` (one diff) are found when first needed and kept in `renames`.
    pub(super) fn parent_path_in(
        &self,
        trees: &mut Trees<'_>,
        parent: &Tree<'_>,
        tree: &Tree<'_>,
        rel: &str,
        renames: &mut Option<Renames>,
    ) -> crate::error::Result<String> {
        if self.entry_in(trees, parent.id(), rel).is_some()
            || self.entry_in(trees, tree.id(), rel).is_none()
        {
            return Ok(rel.to_string());
        }
        let renames = match renames {
            Some(r) => r,
            None => {
                let mut diff = self
                    .repo
                    .diff_tree_to_tree(Some(parent), Some(tree), None)?;
                renames.insert(self.renames(&mut diff))
            }
        };
        Ok(self
            .renamed(renames, rel)
            .unwrap_or_else(|| rel.to_string()))
    }
}
