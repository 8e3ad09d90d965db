//! Git history (docs/spec.md §4, §9), read with git2 only: an article and its sidecar at any
//! revision, the versions of an article newest first (following renames, including a `git mv` that
//! is staged but not yet committed), commit metadata, and earlier article texts for following
//! claims through edits.
//!
//! Paths given to and returned by this module are relative to the factcheck root (where
//! `factcheck.yaml` lives), which may be a subdirectory of the git work tree.

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use git2::{Commit, Delta, DiffFindOptions, Oid, Repository, Sort, Tree};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::io::worktree::slash;
use crate::model::Email;
use crate::model::paths::sidecar_of;
use crate::text::anchor::budget::PER_BYTE_PARSED;
use crate::text::anchor::{self, Budget, Located, Quote};
use crate::text::article::{Article, PlainText, normalize};
use crate::text::span::Span;
use crate::text::worddiff::Edit;

mod refs;
mod trees;
mod versions;

/// What a working tree changed since a revision ([`History::changes_since`]).
#[derive(Debug, Default)]
pub struct Changes {
    /// Every root-relative path on either side of a change.
    pub paths: Vec<String>,
    /// Files of the revision no longer at their path: deleted (`None`) or renamed.
    pub moved: Vec<(String, Option<String>)>,
}

/// The git repository holding a factcheck project.
pub struct History {
    repo: Repository,
    /// The factcheck root relative to the work tree, `/`-separated, empty or ending in `/`.
    prefix: String,
}

/// A commit as factcheck reports it.
#[derive(Debug, Clone, Serialize)]
pub struct CommitInfo {
    /// Full object id.
    pub id: String,
    /// Abbreviated id (7 hex digits).
    pub short: String,
    /// Author name.
    pub author: String,
    /// Author email.
    pub email: Email,
    /// Author date, RFC 3339 in UTC.
    pub date: String,
    /// First line of the message.
    pub summary: String,
}

/// One version of an article in the history: a commit that changed its text, its sidecar or
/// its path.
#[derive(Debug, Clone)]
pub struct Version {
    /// The commit.
    pub commit: Oid,
    /// The article's path in that commit (root-relative).
    pub path: String,
    /// The article's blob, if it exists in that commit.
    pub article: Option<Oid>,
    /// The sidecar's blob, if it exists in that commit.
    pub sidecar: Option<Oid>,
    /// The article's and the sidecar's blobs in each parent of the commit, in the parents'
    /// order, at the article's path there ([`Versions::path_at`]); empty when unknown.
    pub parents: Vec<(Option<Oid>, Option<Oid>)>,
}

/// The versions of one article, newest first, and its path in the commits walked.
#[derive(Debug, Default)]
pub struct Versions {
    /// Commits that changed the article, its sidecar or its path, newest first.
    pub list: Vec<Version>,
    /// The article's path at HEAD.
    head_path: String,
    /// The article's and the sidecar's blobs at HEAD.
    pub head: (Option<Oid>, Option<Oid>),
    /// The commits where its path was another (before a rename); few, so that the versions of
    /// thousands of articles over thousands of commits stay small.
    renamed: HashMap<Oid, String>,
}

impl Versions {
    /// The article's path (root-relative) in `commit`: the path it had there if the walk
    /// reached it under another, its path at HEAD otherwise.
    pub fn path_at(&self, commit: Oid) -> &str {
        self.renamed.get(&commit).map_or(&self.head_path, |p| p)
    }
}

impl History {
    /// Opens the git repository containing `root`.
    pub fn open(root: &Path) -> Result<History> {
        // Objects are not re-hashed on every read (git does not either): their ids were
        // verified when they entered the repository (commit, fetch, clone), and re-hashing
        // every blob read was an eighth of the time of `diff`.
        git2::opts::strict_hash_verification(false);
        let repo = Repository::discover(root).map_err(|_| {
            Error::usage_hint(
                format!("{} is not in a git repository", root.display()),
                "factcheck reads revisions from git: run `git init` and commit the articles",
            )
        })?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| Error::usage("the git repository is bare; run factcheck in a clone"))?;
        let workdir = workdir.canonicalize().map_err(|e| Error::io(workdir, e))?;
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let rel = root.strip_prefix(&workdir).unwrap_or(Path::new(""));
        let mut prefix = slash(rel);
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Ok(History { repo, prefix })
    }

    /// The factcheck root relative to the work tree: `""` or `dir/`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// What differs between `rev` and the working tree (with the index), from one diff:
    /// every root-relative path on either side of a change (staged, unstaged and untracked
    /// changes, both sides of renames), and the files of `rev` no longer at their path —
    /// `(old, None)` when deleted, `(old, Some(new))` when renamed (git's rename detection).
    pub fn changes_since(&self, rev: &str) -> Result<Changes> {
        let tree = self.resolve(rev)?.tree()?;
        let mut opts = git2::DiffOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true);
        if !self.prefix.is_empty() {
            opts.pathspec(&self.prefix);
        }
        let mut diff = self
            .repo
            .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))?;
        let mut find = DiffFindOptions::new();
        find.renames(true).for_untracked(true);
        diff.find_similar(Some(&mut find))?;
        let rel = |f: git2::DiffFile<'_>| {
            f.path()
                .map(slash)
                .and_then(|p| p.strip_prefix(&self.prefix).map(str::to_string))
        };
        let mut out = Changes::default();
        let mut seen = std::collections::HashSet::new();
        for d in diff.deltas() {
            for path in [rel(d.old_file()), rel(d.new_file())].into_iter().flatten() {
                if seen.insert(path.clone()) {
                    out.paths.push(path);
                }
            }
            match d.status() {
                Delta::Deleted => out.moved.extend(rel(d.old_file()).map(|o| (o, None))),
                Delta::Renamed => out
                    .moved
                    .extend(rel(d.old_file()).map(|o| (o, rel(d.new_file())))),
                _ => {}
            }
        }
        Ok(out)
    }

    /// The commits reachable from HEAD and not from `rev`, newest first: a branch's own.
    pub fn commits_since(&self, rev: &str) -> Result<Vec<Oid>> {
        let base = self.resolve(rev)?.id();
        let Some(head) = self.head()? else {
            return Ok(Vec::new());
        };
        let mut walk = self.repo.revwalk()?;
        walk.push(head.id())?;
        walk.hide(base)?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
        Ok(walk.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Where HEAD's line left `base`'s: every merge base (best common ancestor) of the two,
    /// empty when they share no history or there is no HEAD. A criss-cross history has
    /// several, and git's merge reads them together: a file counts as the branch's change when
    /// it differs from any of them.
    pub fn fork_points(&self, base: &Commit<'_>) -> Result<Vec<Oid>> {
        let Some(head) = self.head()? else {
            return Ok(Vec::new());
        };
        match self.repo.merge_bases(base.id(), head.id()) {
            Ok(oids) => Ok(oids.iter().copied().collect()),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether `commit` changed the file at root-relative `rel`: its blob differs from that of
    /// *any* of its parents (or from nothing in a root commit). A merge that takes one side's
    /// file over the other's changed it for the other side: judged against its first parent
    /// alone, a merge whose first parent is an old commit with a laxer `factcheck.yaml` would
    /// bring that file back without any commit having "changed" it.
    pub fn changes(&self, commit: &Commit<'_>, rel: &str) -> Result<bool> {
        let mine = self.entry(&commit.tree()?, rel);
        if commit.parent_count() == 0 {
            return Ok(mine.is_some());
        }
        for parent in commit.parents() {
            if self.entry(&parent.tree()?, rel) != mine {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Every file (root-relative) in `commit`'s tree under the factcheck root.
    pub fn files_at(&self, commit: &Commit<'_>) -> Result<Vec<String>> {
        let mut out = Vec::new();
        commit
            .tree()?
            .walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
                if entry.kind() == Some(git2::ObjectType::Blob)
                    && let Ok(name) = entry.name()
                    && let Some(rel) = format!("{dir}{name}").strip_prefix(&self.prefix)
                {
                    out.push(rel.to_string());
                }
                git2::TreeWalkResult::Ok
            })?;
        Ok(out)
    }

    /// The underlying repository.
    pub fn repo(&self) -> &Repository {
        &self.repo
    }

    /// The commit HEAD points at, or `None` before the first commit.
    pub fn head(&self) -> Result<Option<Commit<'_>>> {
        match self.repo.head() {
            Ok(r) => Ok(Some(r.peel_to_commit()?)),
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch => Ok(None),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The text of blob `id`, if the object database has it.
    pub fn blob_text(&self, id: &str) -> Option<String> {
        let oid = Oid::from_str(id).ok()?;
        self.text(oid).ok()
    }

    /// The text of blob `oid`.
    pub fn text(&self, oid: Oid) -> Result<String> {
        let blob = self.repo.find_blob(oid)?;
        let bytes = blob.content();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        String::from_utf8(bytes.to_vec())
            .map_err(|_| Error::usage(format!("blob {oid} is not UTF-8 text")))
    }

    /// The blob at root-relative `rel` in `tree`.
    pub fn entry(&self, tree: &Tree<'_>, rel: &str) -> Option<Oid> {
        tree.get_path(Path::new(&self.repo_path(rel)))
            .ok()
            .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
            .map(|e| e.id())
    }

    /// The text at root-relative `rel` in `commit`, if the file exists there.
    pub fn read(&self, commit: &Commit<'_>, rel: &str) -> Result<Option<String>> {
        match self.entry(&commit.tree()?, rel) {
            Some(oid) => self.text(oid).map(Some),
            None => Ok(None),
        }
    }

    /// Who made `commit`, when, and why.
    pub fn info(&self, commit: &Commit<'_>) -> CommitInfo {
        let author = commit.author();
        let id = commit.id().to_string();
        let when = author.when();
        let date = time::OffsetDateTime::from_unix_timestamp(when.seconds())
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default();
        CommitInfo {
            short: id[..7].to_string(),
            id,
            author: author.name().unwrap_or("").to_string(),
            email: author.email().unwrap_or("").into(),
            date,
            summary: commit.summary().ok().flatten().unwrap_or("").to_string(),
        }
    }

    /// The path under which HEAD knows the working-tree article `rel`: `rel` itself, or the
    /// old path of a rename staged with `git mv` but not committed yet.
    pub fn committed_path(&self, rel: &str) -> Result<String> {
        let Some(head) = self.head()? else {
            return Ok(rel.to_string());
        };
        let mut trees = trees::Trees::new(&self.repo);
        self.committed_path_in(&mut trees, head.tree_id(), rel, &mut None)
    }

    /// Every version of the article now at `rel`, newest first, walking all of HEAD's history
    /// (merges included) and following renames.
    pub fn versions(&self, rel: &str) -> Result<Versions> {
        let mut all = self.versions_of(&[rel.to_string()])?;
        Ok(all.pop().unwrap_or_default())
    }

    /// Blob ids of the article's committed texts along HEAD's first-parent line, newest first,
    /// looking at most `max_commits` commits back.
    pub fn recent_texts(&self, rel: &str, max_commits: usize) -> Result<Vec<Oid>> {
        let mut out: Vec<Oid> = Vec::new();
        let Some(mut commit) = self.head()? else {
            return Ok(out);
        };
        let mut path = self.committed_path(rel)?;
        for _ in 0..max_commits {
            let tree = commit.tree()?;
            let Some(blob) = self.entry(&tree, &path) else {
                break;
            };
            if out.last() != Some(&blob) {
                out.push(blob);
            }
            let Ok(parent) = commit.parent(0) else {
                break;
            };
            path = self.parent_path(&parent.tree()?, &tree, &path)?;
            commit = parent;
        }
        Ok(out)
    }

    /// The path in `parent` of the article at `rel` in `tree`: the same, or the source of a
    /// rename git detects between them.
    fn parent_path(&self, parent: &Tree<'_>, tree: &Tree<'_>, rel: &str) -> Result<String> {
        let mut trees = trees::Trees::new(&self.repo);
        self.parent_path_in(&mut trees, parent, tree, rel, &mut None)
    }

    fn repo_path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }
}

/// Earlier texts of one article, loaded from git on demand and cached: what claims are
/// followed through when their words are not found exactly once in the current text.
///
/// A claim is followed from the newest committed version (along HEAD's first-parent line) in
/// which its quote is found exactly once, version by version, to the current text: each step
/// is a small edit, so its position is carried reliably through moves, splits and merges.
/// When no recent version has the quote, the texts its reviewers approved (sign-off blob ids)
/// are diffed against the current text directly.
///
/// Every version parsed, searched or compared is paid for from the article's [`Budget`]; when
/// it runs out, claims are no longer followed.
pub struct PastTexts<'b> {
    budget: &'b Budget,
    history: Option<History>,
    rel: String,
    syntax: crate::text::site::Syntax,
    excluded: Vec<String>,
    current: Rc<PlainText>,
    chain: Option<Vec<String>>,
    texts: HashMap<String, Option<Rc<PlainText>>>,
    edits: HashMap<(String, String), Rc<Edit>>,
}

/// How many commits back `PastTexts` looks for a text in which a claim was found.
const RECENT_COMMITS: usize = 1000;

/// The key of the current (working-tree) text in the edit cache.
const CURRENT: &str = "current";

impl<'b> PastTexts<'b> {
    /// Earlier versions of the article at `rel` (root-relative) under `root`, whose plain text
    /// is now `current`; earlier texts are parsed excluding `excluded` headings.
    pub fn new(
        root: &Path,
        rel: &str,
        syntax: crate::text::site::Syntax,
        excluded: &[String],
        current: &PlainText,
        budget: &'b Budget,
    ) -> PastTexts<'b> {
        PastTexts {
            budget,
            history: History::open(root).ok(),
            rel: rel.to_string(),
            syntax,
            excluded: excluded.to_vec(),
            current: Rc::new(current.clone()),
            chain: None,
            texts: HashMap::new(),
            edits: HashMap::new(),
        }
    }

    /// Follows `quote` to the current text; `approved` are blob ids of texts its reviewers
    /// signed (newest first). `None` when no earlier text has the quote exactly once.
    pub fn follow(&mut self, quote: &Quote, approved: &[&str]) -> Option<Located> {
        let chain = self.chain();
        for (j, id) in chain.iter().enumerate() {
            let Some(text) = self.text(id) else {
                continue;
            };
            if let Located::Found(span) = anchor::locate_exact(&text, quote, self.budget) {
                return Some(self.walk(&chain[..=j], span, quote));
            }
        }
        for id in approved.iter().filter(|id| !chain.iter().any(|c| c == *id)) {
            if let Some(text) = self.text(id) {
                let edit = self.edit(id, CURRENT)?;
                if let Some(found) = anchor::follow(&text, &edit, quote, &self.current, self.budget)
                {
                    return Some(found);
                }
            }
        }
        None
    }

    /// Steps a span from the oldest version of `chain` (newest first) to the current text.
    fn walk(&mut self, chain: &[String], mut span: Span, quote: &Quote) -> Located {
        let mut from = chain[chain.len() - 1].clone();
        let hops = chain[..chain.len() - 1]
            .iter()
            .rev()
            .cloned()
            .chain(std::iter::once(CURRENT.to_string()));
        for to in hops {
            let (Some(old), Some(new), Some(edit)) =
                (self.text(&from), self.text(&to), self.edit(&from, &to))
            else {
                return Located::Orphaned;
            };
            match anchor::follow_span(old.as_str(), &edit, span, new.as_str(), self.budget) {
                Some(next) => span = next,
                None => return Located::Orphaned,
            }
            from = to;
        }
        anchor::located_at(
            self.current.as_str(),
            span,
            &normalize(&quote.exact),
            self.budget,
        )
    }

    /// Blob ids of recent committed versions, newest first, without the current text.
    fn chain(&mut self) -> Vec<String> {
        if self.chain.is_none() {
            let ids = self
                .history
                .as_ref()
                .and_then(|h| h.recent_texts(&self.rel, RECENT_COMMITS).ok())
                .unwrap_or_default();
            let mut chain: Vec<String> = ids.iter().map(Oid::to_string).collect();
            // A committed text equal to the current one adds nothing.
            while chain.first().is_some_and(|id| {
                self.text(id)
                    .is_some_and(|t| t.as_str() == self.current.as_str())
            }) {
                chain.remove(0);
            }
            self.chain = Some(chain);
        }
        self.chain.clone().unwrap_or_default()
    }

    /// The plain text of blob `id` (or the current text).
    fn text(&mut self, id: &str) -> Option<Rc<PlainText>> {
        if id == CURRENT {
            return Some(self.current.clone());
        }
        if let Some(hit) = self.texts.get(id) {
            return hit.clone();
        }
        let loaded = self
            .history
            .as_ref()
            .and_then(|h| h.blob_text(id))
            .filter(|src| self.budget.spend(PER_BYTE_PARSED * src.len()))
            .map(|src| {
                let a = Article::parse_blob_as(src, id.to_string(), self.syntax, &self.excluded);
                Rc::new(a.text)
            });
        self.texts.insert(id.to_string(), loaded.clone());
        loaded
    }

    /// The edit between two texts.
    fn edit(&mut self, from: &str, to: &str) -> Option<Rc<Edit>> {
        let key = (from.to_string(), to.to_string());
        if let Some(hit) = self.edits.get(&key) {
            return Some(hit.clone());
        }
        let (a, b) = (self.text(from)?, self.text(to)?);
        if !self
            .budget
            .spend(PER_BYTE_PARSED * (a.as_str().len() + b.as_str().len()))
        {
            return None;
        }
        let edit = Rc::new(Edit::between(a.as_str(), b.as_str()));
        // The diff's own steps, on top of the bytes it read: a whole rewrite costs more.
        if !self.budget.spend_diff(edit.work()) {
            return None;
        }
        self.edits.insert(key, edit.clone());
        Some(edit)
    }
}
