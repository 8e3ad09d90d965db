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

/// The walk as it was before it handed untouched articles down whole and read the parents'
/// blobs from the diff: every live article looked at in every commit, every path looked up in
/// the trees, renames found by a diff per article. The reference the walk must agree with.
mod reference {
    use super::super::super::{History, Version, Versions};
    use git2::{Commit, Delta, DiffFindOptions, Oid, Sort, Tree};
    use std::collections::HashMap;
    use std::collections::hash_map::Entry;
    use std::path::{Path, PathBuf};

    type Blobs = (Option<Oid>, Option<Oid>);

    fn sidecar(rel: &str) -> String {
        crate::io::worktree::slash(&crate::model::paths::sidecar_of(Path::new(rel)))
    }

    fn blobs(h: &History, tree: &Tree<'_>, rel: &str) -> Blobs {
        (h.entry(tree, rel), h.entry(tree, &sidecar(rel)))
    }

    fn renamed_in(h: &History, diff: &mut git2::Diff<'_>, rel: &str) -> Option<String> {
        let mut find = DiffFindOptions::new();
        find.renames(true);
        diff.find_similar(Some(&mut find)).ok()?;
        let target = PathBuf::from(h.repo_path(rel));
        diff.deltas()
            .find(|d| d.status() == Delta::Renamed && d.new_file().path() == Some(&target))
            .and_then(|d| d.old_file().path().map(crate::io::worktree::slash))
            .map(|p| p.strip_prefix(h.prefix()).unwrap_or(&p).to_string())
    }

    fn committed_path(h: &History, rel: &str) -> String {
        let Some(head) = h.head().unwrap() else {
            return rel.to_string();
        };
        let tree = head.tree().unwrap();
        if h.entry(&tree, rel).is_some() {
            return rel.to_string();
        }
        let index = h.repo().index().unwrap();
        let mut diff = h
            .repo()
            .diff_tree_to_index(Some(&tree), Some(&index), None)
            .unwrap();
        renamed_in(h, &mut diff, rel).unwrap_or_else(|| rel.to_string())
    }

    fn parent_path(h: &History, parent: &Tree<'_>, tree: &Tree<'_>, rel: &str) -> String {
        if h.entry(parent, rel).is_some() || h.entry(tree, rel).is_none() {
            return rel.to_string();
        }
        let mut diff = h
            .repo()
            .diff_tree_to_tree(Some(parent), Some(tree), None)
            .unwrap();
        renamed_in(h, &mut diff, rel).unwrap_or_else(|| rel.to_string())
    }

    fn touches(h: &History, from: &Tree<'_>, to: &Tree<'_>, rel: &str) -> bool {
        let diff = h
            .repo()
            .diff_tree_to_tree(Some(from), Some(to), None)
            .unwrap();
        let changed: Vec<PathBuf> = diff
            .deltas()
            .flat_map(|d| [d.old_file().path(), d.new_file().path()])
            .flatten()
            .map(PathBuf::from)
            .collect();
        [rel.to_string(), sidecar(rel)]
            .iter()
            .any(|p| changed.contains(&PathBuf::from(h.repo_path(p))))
    }

    pub fn versions_of(h: &History, rels: &[String], compare: bool) -> Vec<Versions> {
        let mut out: Vec<Versions> = rels.iter().map(|_| Versions::default()).collect();
        let Some(head) = h.head().unwrap() else {
            return out;
        };
        let head_tree = head.tree().unwrap();
        let mut pending: HashMap<Oid, HashMap<usize, (String, Blobs)>> = HashMap::new();
        let at_head = pending.entry(head.id()).or_default();
        for (i, rel) in rels.iter().enumerate() {
            let path = committed_path(h, rel);
            out[i].head_path = path.clone();
            out[i].head = blobs(h, &head_tree, &path);
            at_head.insert(i, (path.clone(), out[i].head));
        }
        let mut walk = h.repo().revwalk().unwrap();
        walk.push(head.id()).unwrap();
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME).unwrap();
        for oid in walk {
            let oid = oid.unwrap();
            let Some(live) = pending.remove(&oid) else {
                continue;
            };
            let commit = h.repo().find_commit(oid).unwrap();
            visit(h, &commit, live, compare, &mut pending, &mut out);
        }
        out
    }

    fn visit(
        h: &History,
        commit: &Commit<'_>,
        live: HashMap<usize, (String, Blobs)>,
        compare: bool,
        pending: &mut HashMap<Oid, HashMap<usize, (String, Blobs)>>,
        out: &mut [Versions],
    ) {
        let tree = commit.tree().unwrap();
        let parents: Vec<(Commit<'_>, Tree<'_>)> = commit
            .parents()
            .map(|p| {
                let t = p.tree().unwrap();
                (p, t)
            })
            .collect();
        for (i, (path, here)) in live {
            if here == (None, None) {
                continue;
            }
            let mut inherited = false;
            let mut in_parents = Vec::new();
            for (parent, ptree) in &parents {
                let touched = !compare || touches(h, ptree, &tree, &path);
                let (ppath, there) = if touched {
                    let ppath = parent_path(h, ptree, &tree, &path);
                    let there = blobs(h, ptree, &ppath);
                    (ppath, there)
                } else {
                    (path.clone(), here)
                };
                inherited |= there == here && ppath == path;
                if let Entry::Vacant(v) = pending.entry(parent.id()).or_default().entry(i) {
                    if ppath != out[i].head_path {
                        out[i].renamed.insert(parent.id(), ppath.clone());
                    }
                    v.insert((ppath, there));
                }
                // What the trail read before the walk recorded it: the parent's blobs at
                // the path the walk found there.
                let at = out[i].path_at(parent.id()).to_string();
                in_parents.push(blobs(h, ptree, &at));
            }
            if !inherited {
                out[i].list.push(Version {
                    commit: commit.id(),
                    path: path.clone(),
                    article: here.0,
                    sidecar: here.1,
                    parents: in_parents,
                });
            }
        }
    }
}

/// A small deterministic generator (xorshift).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A random history of articles in two folders: texts and sidecars added, edited and deleted,
/// renamed within and across folders (text alone or with its sidecar), side branches merged
/// back; `names` articles at most. Returns the repository's folder.
fn random_history(seed: u64, names: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(dir.path()).unwrap();
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let root = dir.path().to_path_buf();
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    let name = |k: usize| format!("{}/a{k}", ["articles", "articles/sub"][k % 2]);
    // The first commit holds most articles (a folder of them, as in a newsroom).
    for k in 0..names * 2 / 3 {
        write(&format!("{}.md", name(k)), &format!("Text {k}.\n"));
        write(
            &format!("{}.claims.yaml", name(k)),
            &format!("article: a{k}.md\n"),
        );
    }
    let mut tips: Vec<Oid> = vec![commit(&repo, "first", &[])];
    let mut step = 0;
    for _ in 0..16 {
        for _ in 0..1 + dice.below(3) {
            step += 1;
            let k = dice.below(names);
            let (md, yaml) = (
                format!("{}.md", name(k)),
                format!("{}.claims.yaml", name(k)),
            );
            match dice.below(7) {
                0 | 1 => write(&md, &format!("Text {k}, version {step}.\n")),
                2 => write(&yaml, &format!("article: a{k}.md\nstage: draft{step}\n")),
                3 => {
                    let _ = std::fs::remove_file(root.join(&md));
                    if dice.below(2) == 0 {
                        let _ = std::fs::remove_file(root.join(&yaml));
                    }
                }
                _ => {
                    // A rename, of the text alone or with its sidecar, keeping the contents
                    // (git sees a rename when the text is the same).
                    let j = dice.below(names);
                    let (to_md, to_yaml) = (
                        format!("{}.md", name(j)),
                        format!("{}.claims.yaml", name(j)),
                    );
                    if j != k && root.join(&md).exists() && !root.join(&to_md).exists() {
                        std::fs::create_dir_all(root.join(&to_md).parent().unwrap()).unwrap();
                        std::fs::rename(root.join(&md), root.join(&to_md)).unwrap();
                        if dice.below(3) != 0 && root.join(&yaml).exists() {
                            std::fs::rename(root.join(&yaml), root.join(&to_yaml)).unwrap();
                        }
                    }
                }
            }
        }
        let parents: Vec<Oid> = match (tips.len() > 2, dice.below(4)) {
            // Merge an older commit back in.
            (true, 0) => {
                let head = repo.head().unwrap().peel_to_commit().unwrap().id();
                let other = tips[dice.below(tips.len() - 1)];
                if other == head {
                    vec![]
                } else {
                    vec![head, other]
                }
            }
            // Branch off an older commit.
            (true, 1) => {
                let from = tips[dice.below(tips.len())];
                repo.set_head_detached(from).unwrap();
                repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
                    .unwrap();
                vec![]
            }
            _ => vec![],
        };
        tips.push(commit(&repo, &format!("step {step}"), &parents));
    }
    dir
}

/// The walk agrees with the reference, walk that looks every article up in every commit, on
/// random histories: with few articles (looked up) and with many (trees compared), each
/// article's versions, the blobs in each version's parents and at HEAD, and its path in every
/// commit.
#[test]
fn the_walk_finds_what_looking_every_article_up_finds() {
    // What the histories held, so that a generator that stopped making renames or merges
    // fails here rather than passing on trivial histories.
    let (mut renamed, mut merges, mut versions, mut elsewhere, mut compared) = (0, 0, 0, 0, 0);
    for seed in 0..48 {
        let names = [4, 24][seed as usize % 2];
        let dir = random_history(seed, names);
        let h = History::open(dir.path()).unwrap();
        let head = h.head().unwrap().unwrap();
        let mut rels = h.files_at(&head).unwrap();
        rels.retain(|r| r.ends_with(".md"));
        rels.push("articles/never.md".into());
        let commits: Vec<Oid> = {
            let mut walk = h.repo().revwalk().unwrap();
            walk.push(head.id()).unwrap();
            walk.map(Result::unwrap).collect()
        };
        let compare = rels.len() > LOOKUP_MAX;
        compared += usize::from(compare);
        let walked = h.versions_of(&rels).unwrap();
        let expected = reference::versions_of(&h, &rels, compare);
        let looked_up = reference::versions_of(&h, &rels, false);
        let list = |v: &Versions| {
            v.list
                .iter()
                .map(|x| {
                    (
                        x.commit,
                        x.path.clone(),
                        x.article,
                        x.sidecar,
                        x.parents.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        merges += commits
            .iter()
            .filter(|c| h.repo().find_commit(**c).unwrap().parent_count() > 1)
            .count();
        for (i, rel) in rels.iter().enumerate() {
            let at = format!("seed {seed}, {rel}");
            versions += walked[i].list.len();
            elsewhere += walked[i]
                .list
                .iter()
                .filter(|v| v.path != walked[i].head_path)
                .count();
            renamed += walked[i].renamed.len();
            assert_eq!(list(&walked[i]), list(&expected[i]), "{at}");
            assert_eq!(list(&walked[i]), list(&looked_up[i]), "{at}, looked up");
            assert_eq!(walked[i].head, expected[i].head, "{at}");
            for c in &commits {
                assert_eq!(
                    walked[i].path_at(*c),
                    expected[i].path_at(*c),
                    "{at} at {c}"
                );
            }
        }
    }
    assert!(
        renamed > 20 && merges > 20 && versions > 150 && elsewhere > 20 && compared > 16,
        "renamed {renamed}, merges {merges}, versions {versions}, at another path {elsewhere}, {compared} compared"
    );
}
