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

/// Up to this many articles, each commit's parents are looked up per article (two tree lookups
/// each) rather than compared once as trees: for one or a few articles, as a pull request's
/// gate checks, the lookups cost less than comparing whole trees.
const LOOKUP_MAX: usize = 8;

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
            let compare = rels.len() > LOOKUP_MAX;
            self.visit(&commit, live, compare, &mut pending, &mut out)?;
        }
        Ok(out)
    }

    /// Visits `commit` for its `live` articles: records a version of each that differs from
    /// every parent, and hands each one's path and blobs down to the parents. With `compare`,
    /// each parent's tree is compared with the commit's once, and only the articles it touches
    /// are looked up; otherwise every article is looked up in every parent.
    fn visit(
        &self,
        commit: &Commit<'_>,
        live: Pending,
        compare: bool,
        pending: &mut HashMap<Oid, Pending>,
        out: &mut [Versions],
    ) -> Result<()> {
        let tree = commit.tree()?;
        let parents: Vec<(Commit<'_>, Tree<'_>, Option<HashSet<PathBuf>>)> = commit
            .parents()
            .map(|p| {
                let ptree = p.tree()?;
                let changed = compare
                    .then(|| self.changed_paths(&ptree, &tree))
                    .transpose()?;
                Ok((p, ptree, changed))
            })
            .collect::<Result<_>>()?;
        for (i, (path, here)) in live {
            if here == (None, None) {
                continue; // the article does not exist yet on this line of history
            }
            let mut inherited = false;
            for (parent, ptree, changed) in &parents {
                let touched = changed.as_ref().is_none_or(|c| self.touches(c, &path));
                let (ppath, there) = if touched {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Commits the work tree of `repo` with `parents` (HEAD's when empty).
    fn commit(repo: &git2::Repository, message: &str, parents: &[Oid]) -> Oid {
        let mut index = repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig =
            git2::Signature::new("t", "t@example.org", &git2::Time::new(1_700_000_000, 0)).unwrap();
        let parents: Vec<git2::Commit> = if parents.is_empty() {
            repo.head()
                .ok()
                .and_then(|h| h.peel_to_commit().ok())
                .into_iter()
                .collect()
        } else {
            parents
                .iter()
                .map(|p| repo.find_commit(*p).unwrap())
                .collect()
        };
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &refs)
            .unwrap()
    }

    /// The versions of each article in one walk that compares trees are those of a walk per
    /// article that looks every one up: edits, a sidecar edit, a rename, a deletion and a merge.
    #[test]
    fn one_walk_for_many_articles_finds_what_one_walk_each_finds() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let write = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        let n = LOOKUP_MAX + 3;
        for i in 0..n {
            write(&format!("articles/a{i}.md"), &format!("Text {i}.\n"));
            write(
                &format!("articles/a{i}.claims.yaml"),
                &format!("article: a{i}.md\n"),
            );
        }
        let first = commit(&repo, "all", &[]);
        write("articles/a1.md", "Text 1, edited.\n");
        write(
            "articles/a2.claims.yaml",
            "article: a2.md\nstage: submitted\n",
        );
        let side = commit(&repo, "edit", &[]);
        // A branch from the first commit renames a3 and deletes a4; merged back.
        repo.set_head_detached(first).unwrap();
        repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
            .unwrap();
        std::fs::rename(
            dir.path().join("articles/a3.md"),
            dir.path().join("articles/moved.md"),
        )
        .unwrap();
        std::fs::rename(
            dir.path().join("articles/a3.claims.yaml"),
            dir.path().join("articles/moved.claims.yaml"),
        )
        .unwrap();
        std::fs::remove_file(dir.path().join("articles/a4.md")).unwrap();
        let branch = commit(&repo, "rename", &[]);
        write("articles/a1.md", "Text 1, edited.\n");
        write(
            "articles/a2.claims.yaml",
            "article: a2.md\nstage: submitted\n",
        );
        let merge = commit(&repo, "merge", &[branch, side]);
        repo.set_head_detached(merge).unwrap();

        let h = History::open(dir.path()).unwrap();
        let mut rels: Vec<String> = (0..n)
            .filter(|i| *i != 3 && *i != 4)
            .map(|i| format!("articles/a{i}.md"))
            .collect();
        rels.push("articles/moved.md".into());
        assert!(rels.len() > LOOKUP_MAX, "the walk must compare trees");
        let together = h.versions_of(&rels).unwrap();
        for (rel, many) in rels.iter().zip(&together) {
            let alone = h.versions(rel).unwrap();
            let commits = |v: &Versions| {
                v.list
                    .iter()
                    .map(|x| (x.commit, x.path.clone(), x.article, x.sidecar))
                    .collect::<Vec<_>>()
            };
            assert_eq!(commits(many), commits(&alone), "{rel}");
            for c in [first, side, branch, merge] {
                assert_eq!(many.path_at(c), alone.path_at(c), "{rel} at {c}");
            }
        }
        let moved = &together[rels.len() - 1];
        assert_eq!(moved.path_at(first), "articles/a3.md");
        assert!(Path::new(&dir.path().join("articles/moved.md")).exists());
    }
}
