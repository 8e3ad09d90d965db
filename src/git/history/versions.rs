//! The versions of many articles in one walk of the history.
//!
//! Walking HEAD's history once per article costs a tree lookup per article per commit; a
//! provenance check of every article of a long history did that fifty times over. Here each
//! commit is compared with each of its parents once (git compares trees by their ids, so only
//! changed folders are opened), and an article costs something only in the commits that touch
//! its text, its sidecar or its path: elsewhere it inherits what it was in the child, and what
//! the walk knows of the untouched ones is handed to the parent whole, not article by article
//! (a history adding 2,000 articles one commit at a time handed each of them down at every
//! commit: 4 million steps).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use git2::{Commit, Oid, Sort, Tree};

use super::trees::{Renames, Trees};
use super::{History, Version, Versions};
use crate::error::Result;

/// Up to this many articles, each commit's parents are looked up per article (two tree lookups
/// each) rather than compared once as trees: for one or a few articles, as a pull request's
/// gate checks, the lookups cost less than comparing whole trees.
const LOOKUP_MAX: usize = 8;

/// An article's text and sidecar blobs in one commit.
type Blobs = (Option<Oid>, Option<Oid>);

/// What the walk knows of the articles in a commit it has yet to visit, handed down by the
/// first child that reached it (for each article).
#[derive(Clone, Default)]
struct Live {
    /// Each article's path there and its blobs.
    at: HashMap<usize, (Rc<str>, Blobs)>,
    /// The articles whose path there is not their path at HEAD: looked at in every visit, as
    /// a change to their path cannot be found by their path at HEAD (renamed articles are few).
    elsewhere: HashSet<usize>,
    /// Articles handed down as absent (neither text nor sidecar), dropped when visited: the
    /// article does not exist yet on this line of history.
    absent: Vec<usize>,
}

/// Where the articles are at HEAD: each repository path (text or sidecar) → the articles at it.
type ByPath = HashMap<String, Vec<usize>>;

/// The repository paths at which a parent and its child differ, each with the blob the parent
/// has there (`None`: none, or not a file).
type Changed = HashMap<String, Option<Oid>>;

/// One parent of a visited commit: what is known of the articles there.
struct Parent<'r> {
    commit: Commit<'r>,
    tree: Tree<'r>,
    /// When comparing trees, their diff and each repository path the parent and the commit
    /// differ at, with the blob the parent has there.
    changed: Option<(git2::Diff<'r>, Changed)>,
    /// The renames between them, found when first needed.
    renames: Option<Renames>,
    /// The articles whose path or blobs may differ there: each with its path and blobs.
    touched: HashMap<usize, (Rc<str>, Blobs)>,
}

impl History {
    /// The versions of each article now at `rels` (in that order), newest first, walking all
    /// of HEAD's history once (merges included) and following renames.
    pub fn versions_of(&self, rels: &[String]) -> Result<Vec<Versions>> {
        let mut out: Vec<Versions> = rels.iter().map(|_| Versions::default()).collect();
        let Some(head) = self.head()? else {
            return Ok(out);
        };
        let head_tree = head.tree_id();
        let mut at_head = Live::default();
        let mut by_path = ByPath::new();
        // HEAD's folders are read once for all the articles, not once per article.
        let mut trees = Trees::new(&self.repo);
        let mut staged = None;
        for (i, rel) in rels.iter().enumerate() {
            let path: Rc<str> = self
                .committed_path_in(&mut trees, head_tree, rel, &mut staged)?
                .into();
            out[i].head_path = path.to_string();
            out[i].head = self.blobs(&mut trees, head_tree, &path);
            for p in self.repo_paths(&path) {
                by_path.entry(p).or_default().push(i);
            }
            if out[i].head == (None, None) {
                at_head.absent.push(i);
            }
            at_head.at.insert(i, (path, out[i].head));
        }
        drop(trees);
        let mut pending: HashMap<Oid, Live> = HashMap::from([(head.id(), at_head)]);
        let mut walk = self.repo.revwalk()?;
        walk.push(head.id())?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        let compare = rels.len() > LOOKUP_MAX;
        for oid in walk {
            let oid = oid?;
            // Topological order: every child has handed down before its parent is visited.
            let Some(live) = pending.remove(&oid) else {
                continue;
            };
            let commit = self.repo.find_commit(oid)?;
            self.visit(&commit, live, compare, &by_path, &mut pending, &mut out)?;
        }
        Ok(out)
    }

    /// The article's and the sidecar's blobs in `commit` of each of `versions`, at its path
    /// there, each folder read once for all of them.
    pub fn blobs_at<'v>(
        &self,
        commit: &Commit<'_>,
        versions: impl IntoIterator<Item = &'v Versions>,
    ) -> Vec<(Option<Oid>, Option<Oid>)> {
        let mut trees = Trees::new(&self.repo);
        versions
            .into_iter()
            .map(|v| self.blobs(&mut trees, commit.tree_id(), v.path_at(commit.id())))
            .collect()
    }

    /// Visits `commit` for its `live` articles: records a version of each that differs from
    /// every parent, and hands each one's path and blobs down to the parents. With `compare`,
    /// each parent's tree is compared with the commit's once, and only the articles it touches
    /// are looked up (found from the paths that changed, `by_path`); otherwise every article
    /// is looked up in every parent. Each tree is read once in the visit, and the renames
    /// between the commit and a parent are found once.
    fn visit(
        &self,
        commit: &Commit<'_>,
        mut live: Live,
        compare: bool,
        by_path: &ByPath,
        pending: &mut HashMap<Oid, Live>,
        out: &mut [Versions],
    ) -> Result<()> {
        for i in std::mem::take(&mut live.absent) {
            if live
                .at
                .get(&i)
                .is_some_and(|(_, here)| *here == (None, None))
            {
                live.at.remove(&i);
                live.elsewhere.remove(&i);
            }
        }
        let tree = commit.tree()?;
        let mut parents: Vec<Parent<'_>> = commit
            .parents()
            .map(|p| {
                let ptree = p.tree()?;
                let changed = compare
                    .then(|| self.changed_paths(&ptree, &tree))
                    .transpose()?;
                Ok(Parent {
                    commit: p,
                    tree: ptree,
                    changed,
                    renames: None,
                    touched: HashMap::new(),
                })
            })
            .collect::<Result<_>>()?;
        let mut trees = Trees::new(&self.repo);
        for parent in &mut parents {
            let changed = parent.changed.as_ref().map(|(_, c)| c);
            for i in self.touched(&live, changed, by_path, out) {
                let (path, here) = &live.at[&i];
                let there = self.in_parent(&mut trees, parent, &tree, path, *here)?;
                parent.touched.insert(i, there);
            }
        }
        // A version where the article differs from every parent: touched by each (in a root
        // commit, every article).
        let mut versioned: Vec<usize> = match parents.split_first() {
            None => live.at.keys().copied().collect(),
            Some((first, others)) => first
                .touched
                .iter()
                .filter(|(i, there)| {
                    let here = &live.at[*i];
                    let differs = |t: &(Rc<str>, Blobs)| t.1 != here.1 || t.0 != here.0;
                    differs(there)
                        && others
                            .iter()
                            .all(|p| p.touched.get(*i).is_some_and(differs))
                })
                .map(|(i, _)| *i)
                .collect(),
        };
        versioned.sort_unstable();
        let here: Vec<(usize, Rc<str>, Blobs)> = versioned
            .iter()
            .map(|i| {
                let (path, blobs) = &live.at[i];
                (*i, path.clone(), *blobs)
            })
            .collect();
        let ids: Vec<Oid> = parents.iter().map(|p| p.commit.id()).collect();
        let last = parents.len().saturating_sub(1);
        for (k, parent) in parents.into_iter().enumerate() {
            // The last parent takes what the walk knows whole; the others a copy.
            let mut handed = if k == last {
                std::mem::take(&mut live)
            } else {
                live.clone()
            };
            for (i, (ppath, there)) in parent.touched {
                if *ppath == *out[i].head_path {
                    handed.elsewhere.remove(&i);
                } else {
                    handed.elsewhere.insert(i);
                }
                if there == (None, None) {
                    handed.absent.push(i);
                }
                handed.at.insert(i, (ppath, there));
            }
            hand_down(parent.commit.id(), handed, pending, out);
        }
        for (i, path, blobs) in here {
            let parents = ids
                .iter()
                .map(|id| {
                    pending
                        .get(id)
                        .and_then(|l| l.at.get(&i))
                        .map_or((None, None), |e| e.1)
                })
                .collect();
            out[i].list.push(Version {
                commit: commit.id(),
                path: path.to_string(),
                article: blobs.0,
                sidecar: blobs.1,
                parents,
            });
        }
        Ok(())
    }

    /// The path and blobs in `parent` of the article at `path` in `tree` with blobs `here`:
    /// the blobs at the same path, or at the path it was renamed from. When the trees were
    /// compared, the diff says what the parent has at the paths that changed, and the rest is
    /// as `here`: no tree is read but to follow a rename.
    fn in_parent(
        &self,
        trees: &mut Trees<'_>,
        parent: &mut Parent<'_>,
        tree: &Tree<'_>,
        path: &Rc<str>,
        here: Blobs,
    ) -> Result<(Rc<str>, Blobs)> {
        let Some((diff, changed)) = &mut parent.changed else {
            let ppath: Rc<str> = self
                .parent_path_in(trees, &parent.tree, tree, path, &mut parent.renames)?
                .into();
            let there = self.blobs(trees, parent.tree.id(), &ppath);
            return Ok((ppath, there));
        };
        let [text, sidecar] = self.repo_paths(path);
        let was = |p: &str, now: Option<Oid>| changed.get(p).copied().unwrap_or(now);
        let article = was(&text, here.0);
        // As `parent_path`: the same path unless the text is new here, where git may see a
        // rename.
        if article.is_none() && here.0.is_some() {
            let renames = parent.renames.get_or_insert_with(|| self.renames(diff));
            if let Some(from) = self.renamed(renames, path) {
                let there = self.blobs(trees, parent.tree.id(), &from);
                return Ok((from.into(), there));
            }
        }
        Ok((path.clone(), (article, was(&sidecar, here.1))))
    }

    /// The articles of `live` that may differ in a parent: those at a path that `changed`
    /// holds (text or sidecar), found through `by_path`, and those not at their HEAD path
    /// that it touches; every one when there is no comparison.
    fn touched(
        &self,
        live: &Live,
        changed: Option<&Changed>,
        by_path: &ByPath,
        out: &[Versions],
    ) -> Vec<usize> {
        let Some(changed) = changed else {
            return live.at.keys().copied().collect();
        };
        let mut touched: Vec<usize> = changed
            .keys()
            .filter_map(|p| by_path.get(p))
            .flatten()
            .copied()
            .filter(|i| {
                live.at
                    .get(i)
                    .is_some_and(|(path, _)| **path == *out[*i].head_path)
            })
            .chain(
                live.elsewhere
                    .iter()
                    .copied()
                    .filter(|i| self.touches(changed, &live.at[i].0)),
            )
            .collect();
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    /// The article's and its sidecar's blobs at root-relative `rel` in the tree `root`.
    fn blobs(&self, trees: &mut Trees<'_>, root: Oid, rel: &str) -> Blobs {
        let sidecar = super::slash(&super::sidecar_of(std::path::Path::new(rel)));
        (
            self.entry_in(trees, root, rel),
            self.entry_in(trees, root, &sidecar),
        )
    }

    /// The diff of `from` and `to` and the repository paths where they differ, each with
    /// the blob `from` has there (what `History::entry` finds in it: a file's, not a
    /// submodule's).
    fn changed_paths<'r>(
        &'r self,
        from: &Tree<'_>,
        to: &Tree<'_>,
    ) -> Result<(git2::Diff<'r>, Changed)> {
        let diff = self.repo.diff_tree_to_tree(Some(from), Some(to), None)?;
        let mut changed = Changed::new();
        for d in diff.deltas() {
            let old = d.old_file();
            let blob = (d.status() != git2::Delta::Added
                && matches!(
                    old.mode(),
                    git2::FileMode::Blob
                        | git2::FileMode::BlobExecutable
                        | git2::FileMode::BlobGroupWritable
                        | git2::FileMode::Link
                ))
            .then(|| old.id());
            // Without rename detection both sides of a delta have one path. A path that is
            // not UTF-8 is no article's: factcheck's paths are text.
            for path in [old.path(), d.new_file().path()].into_iter().flatten() {
                if let Some(p) = path.to_str() {
                    changed.entry(p.to_string()).or_insert(blob);
                }
            }
        }
        Ok((diff, changed))
    }

    /// The repository paths of the article at root-relative `rel` and of its sidecar.
    fn repo_paths(&self, rel: &str) -> [String; 2] {
        let sidecar = super::slash(&super::sidecar_of(std::path::Path::new(rel)));
        [self.repo_path(rel), self.repo_path(&sidecar)]
    }

    /// Whether `changed` holds the article at root-relative `rel` or its sidecar: if not,
    /// both are the same in the parent, at the same path.
    fn touches(&self, changed: &Changed, rel: &str) -> bool {
        self.repo_paths(rel).iter().any(|p| changed.contains_key(p))
    }
}

/// Hands what a child knows of the articles in `parent` down to it: the first child to
/// reach a parent says what each article is there; a later child adds only the articles the
/// first did not know. Records each article's path there when it is not its path at HEAD.
fn hand_down(parent: Oid, handed: Live, pending: &mut HashMap<Oid, Live>, out: &mut [Versions]) {
    match pending.entry(parent) {
        std::collections::hash_map::Entry::Vacant(v) => {
            for i in &handed.elsewhere {
                out[*i].renamed.insert(parent, handed.at[i].0.to_string());
            }
            v.insert(handed);
        }
        std::collections::hash_map::Entry::Occupied(mut o) => {
            let known = o.get_mut();
            for (i, entry) in handed.at {
                if known.at.contains_key(&i) {
                    continue;
                }
                if *entry.0 != *out[i].head_path {
                    out[i].renamed.insert(parent, entry.0.to_string());
                    known.elsewhere.insert(i);
                }
                if entry.1 == (None, None) {
                    known.absent.push(i);
                }
                known.at.insert(i, entry);
            }
        }
    }
}

#[cfg(test)]
mod tests;
