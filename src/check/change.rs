//! A change set: what a branch changed since its base revision (`check --changed-since BASE`),
//! which articles that selects, and what the change must answer for beyond its articles.
//!
//! A pull request is judged by the policy of the line it merges into: the workflow, severities,
//! globs, people, roles and site generator come from BASE, never from the branch (docs/spec.md §5;
//! docs/ci.md, "Threat model"). The branch is judged by what merging it would do to BASE — the
//! difference between BASE's tree and the working tree — so no shape of history (a merge whose
//! first parent is an old commit, a revert) can hide a change. Three findings belong to the
//! change set rather than to an article:
//! - FC056: a policy file changed — `factcheck.yaml`, a workflow file, or any file the site
//!   generator is detected from — and not every commit that changed it (against any of its
//!   parents) was authored by an editor at BASE, or the change is not committed;
//! - FC057: an article tracked at BASE (matching BASE's globs, with a sidecar) was deleted,
//!   renamed out of the globs, lost its sidecar, or would leave the gate under the branch's own
//!   policy (its globs or generator), and not by an editor;
//! - FC058: a file the branch added or changed looks like a page the site publishes, but no
//!   `articles:` glob covers it (a warning: the gate does not read it).
//!
//! Articles are selected when their text or sidecar changed, when evidence a sidecar cites
//! changed, or — when the policy changed — all of them. The cost follows the size of the
//! change except for evidence, whose citing sidecars are found by reading the sidecars.

use std::collections::BTreeSet;
use std::path::Path;

use git2::Commit;

use crate::check::ArticleReport;
use crate::error::Result;
use crate::git::history::History;
use crate::io::worktree::slash;
use crate::model::Email;
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::finding::{Code, Finding, Label, Severity};
use crate::model::paths::{ArticlePath, sidecar_of};
use crate::model::rights::Action;
use crate::project::{Invocation, Policy, Project};
use crate::text::site::Generator;

/// What `--changed-since` selects and reports.
pub struct ChangeSet {
    /// The base commit's full id: what the branch is judged against, resolved once.
    pub base: String,
    /// The articles to check, sorted by path.
    pub articles: Vec<ArticlePath>,
    /// Findings on the change set itself (FC056, FC057, FC058), one report per file concerned.
    pub reports: Vec<ArticleReport>,
}

/// Opens the project of `at` under the policy of `rev` (read only from that revision, never
/// from the branch) and the change set since it.
pub fn since(at: &Invocation, rev: &str) -> Result<(Project, ChangeSet)> {
    let (cwd, root) = Project::locate(&at.cwd)?;
    let h = History::open(&root)?;
    let base = h.resolve(rev)?;
    let base_id = base.id().to_string();
    let base_config = h.read(&base, CONFIG_FILE)?;
    let p = match &base_config {
        Some(text) => {
            let workflow = |name: &str| Ok(h.read(&base, name)?.unwrap_or_default());
            let file = |name: &str| h.read(&base, name).ok().flatten();
            let policy = Policy {
                config: text,
                workflow: &workflow,
                file: &file,
            };
            Project::load(cwd, root, at.identity.clone(), at.clock, &policy)?
        }
        // The change that adopts factcheck: there is no earlier policy to keep.
        None => at.open()?,
    };
    let changes = h.changes_since(&base_id)?;
    // Reading the index is cheap; a submodule may not even be checked out to show in a diff.
    p.refuse_special(&crate::io::inventory::special(&p.root)?, |_| true)?;
    let changed = &changes.paths;
    let head = HeadPolicy::read(&p.root)?;
    let judge = Judge {
        h: &h,
        p: &p,
        base: &base_id,
        forks: h.fork_points(&base)?,
        commits: h.commits_since(&base_id)?,
        editors: Editors::at(&base_config),
    };
    let mut reports = Vec::new();
    let mut policy_changed = Vec::new();
    if base_config.is_some() {
        for file in policy_files(&p, &head, changed) {
            if !changed.contains(&file) || !judge.branch_changed(&file)? {
                continue;
            }
            if let Some(why) = judge.unauthorised(&[&file])? {
                reports.push(judge.report(
                    Code::PolicyChanged,
                    &file,
                    format!(
                        "{file} changed since {rev} {why}; this check uses the policy of {rev}"
                    ),
                    "policy changes go in a pull request of their own, authored by an editor",
                ));
            } else if let Some(commit) = judge.committed_by_another(&[&file])? {
                reports.push(judge.report(
                    Code::CommitterNotAuthor,
                    &file,
                    format!("{file} changed since {rev} in {commit}"),
                    "the editor commits their own policy change; `provenance: {signatures: required}` is the only defence against a commit replayed in an editor's name (docs/ci.md)",
                ));
            }
            policy_changed.push(file);
        }
    }
    for (article, why, blame) in judge.dropped(&changes.moved, &head, &policy_changed)? {
        let blame: Vec<&str> = blame.iter().map(String::as_str).collect();
        if let Some(who) = judge.unauthorised(&blame)? {
            reports.push(judge.report(
                Code::ArticleDropped,
                &article,
                format!("{article}, tracked at {rev}, {why} {who}"),
                "restore it and its sidecar, or have an editor retire it in a commit of their own",
            ));
        }
    }
    for (page, why) in unlisted(&p, &head, changed)? {
        reports.push(judge.report(
            Code::UnlistedPage,
            &page,
            format!("{page} {why}, but no `articles:` glob covers it: the gate does not check it"),
            "have an editor add a glob for it to `articles:` in factcheck.yaml, or move it out of the site's pages",
        ));
    }
    let articles = match policy_changed.is_empty() {
        true => selected(&p, changed)?,
        false => p.articles(&[])?,
    };
    let set = ChangeSet {
        base: base_id,
        articles,
        reports,
    };
    Ok((p, set))
}

/// Every file that decides which files are articles or how readers see them:
/// `factcheck.yaml`, the workflow files the base and the branch name, every file the site
/// generator is detected from (adding `.eleventy.js` to an Astro site would turn its `.mdx`
/// articles out of the gate), and every `changed` file of the site's own machinery — its
/// configuration folder, layouts, templates, components and style sheets
/// ([`Generator::is_site_policy`]).
fn policy_files(p: &Project, head: &HeadPolicy, changed: &[String]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = BTreeSet::from([CONFIG_FILE.to_string()]);
    out.extend(Generator::detected_from().map(str::to_string));
    for generator in [Some(p.generator), head.generator].into_iter().flatten() {
        out.extend(
            changed
                .iter()
                .filter(|f| generator.is_site_policy(f))
                .cloned(),
        );
    }
    let named = [Some(p.config.workflow.as_str()), head.workflow.as_deref()];
    for wf in named.into_iter().flatten() {
        if crate::model::workflow::is_file_name(wf) {
            out.insert(wf.to_string());
        }
    }
    out
}

/// The branch's own policy, as far as it decides what is an article: what the base will read
/// once the branch is merged. Only the config and the generator's files are read (never the
/// workflow file it names); `None` fields when they do not parse.
struct HeadPolicy {
    /// The workflow the branch's `factcheck.yaml` names.
    workflow: Option<String>,
    /// The branch's article globs under its generator.
    globs: Option<crate::model::globs::ArticleGlobs>,
    /// The branch's site generator.
    generator: Option<Generator>,
}

impl HeadPolicy {
    /// Reads it from the work tree at `root`; a config that is a link (or otherwise not a
    /// file factcheck reads) is refused, a deleted or broken one has no policy to speak of.
    fn read(root: &Path) -> Result<HeadPolicy> {
        let text = match crate::io::worktree::read(root, &root.join(CONFIG_FILE)) {
            Ok(text) => Some(text),
            Err(crate::error::Error::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                None
            }
            Err(e) => return Err(e),
        };
        let config =
            text.and_then(|t| crate::text::yaml::parse::<Config>(&t, Path::new(CONFIG_FILE)).ok());
        let Some(config) = config else {
            return Ok(HeadPolicy {
                workflow: None,
                globs: None,
                generator: None,
            });
        };
        let generator = config.generator.unwrap_or_else(|| {
            Generator::detect_in(|name| {
                let path = root.join(name);
                crate::io::worktree::exists(&path)
                    .then(|| crate::io::worktree::read(root, &path).unwrap_or_default())
            })
            .0
        });
        Ok(HeadPolicy {
            globs: crate::model::globs::articles(&config.articles, generator).ok(),
            workflow: Some(config.workflow),
            generator: Some(generator),
        })
    }
}

/// The articles whose text or sidecar changed, or that cite changed evidence, sorted.
fn selected(p: &Project, changed: &[String]) -> Result<Vec<ArticlePath>> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    let mut evidence: BTreeSet<&str> = BTreeSet::new();
    for f in changed {
        if f.contains('\u{FFFD}') {
            p.refuse_unnamed(f)?;
        }
        let article = p.article_for(f);
        if p.is_article(&article)? {
            out.insert(article);
        } else if f.starts_with("evidence/") {
            evidence.insert(f);
        }
    }
    if !evidence.is_empty() {
        for a in p.articles(&[])? {
            if cites(&a, &evidence) {
                out.insert(a.rel);
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|rel| p.article_path(Path::new(&rel)))
        .collect())
}

/// Whether the sidecar of `a` cites one of `evidence` as a source's snapshot, read as the
/// parsed value (YAML spells one string many ways: `"evidence\/x"`). A sidecar that does not
/// parse is selected, so that the gate reports it.
fn cites(a: &ArticlePath, evidence: &BTreeSet<&str>) -> bool {
    let Ok(text) = crate::io::worktree::read(&a.root, &a.sidecar_abs) else {
        return false;
    };
    match crate::model::sidecar::Sidecar::parse(&text, Path::new(&a.sidecar_rel), &a.file_name()) {
        Ok(sidecar) => sidecar.sources.iter().any(|s| {
            s.snapshot
                .as_deref()
                .is_some_and(|snap| evidence.contains(snap))
        }),
        Err(_) => true,
    }
}

/// Files the branch added or changed that the site would publish as pages but no glob of the
/// base's (or the branch's) covers, with why they look like pages.
fn unlisted(p: &Project, head: &HeadPolicy, changed: &[String]) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for f in changed {
        let covered = p.matches_globs(f) || head.globs.as_ref().is_some_and(|g| g.is_match(f));
        if covered || !Generator::is_page_name(f) || f.ends_with(".claims.yaml") {
            continue;
        }
        let path = p.root.join(f);
        if !crate::io::worktree::exists(&path) {
            continue;
        }
        let text = crate::io::worktree::read(&p.root, &path).unwrap_or_default();
        if let Some(why) = p.generator.renders(f, &text) {
            out.push((f.clone(), why));
        }
    }
    Ok(out)
}

/// What the judge of a change set needs: the history, the project under the base's policy,
/// the base commit, the branch's own commits (newest first) and the base's editors.
struct Judge<'a> {
    h: &'a History,
    p: &'a Project,
    base: &'a str,
    /// Where the branch left the base's line (their merge bases), empty if they share no
    /// history.
    forks: Vec<git2::Oid>,
    commits: Vec<git2::Oid>,
    editors: Editors,
}

impl Judge<'_> {
    /// Whether merging the branch could change `file` on the base: the branch changed it
    /// since it left the base's line (the working tree differs from a merge base; from any of
    /// them in a criss-cross history, whose merge git reads from all of them). A stale branch
    /// that only lacks the base's later change to it changes nothing (the merge keeps the
    /// base's); a merge that brings back an old version does.
    fn branch_changed(&self, file: &str) -> Result<bool> {
        if self.forks.is_empty() {
            return Ok(true);
        }
        let root = &self.p.root;
        let now = crate::io::worktree::read(root, &root.join(file)).ok();
        for &fork in &self.forks {
            let fork = self.h.repo().find_commit(fork)?;
            if self.h.read(&fork, file).ok().flatten() != now {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Articles tracked at the base that the branch takes out of the gate, with what happened
    /// and the files whose change did it (whose commits answer for it).
    fn dropped(
        &self,
        moved: &[(String, Option<String>)],
        head: &HeadPolicy,
        policy_changed: &[String],
    ) -> Result<Vec<(String, String, Vec<String>)>> {
        let base = self.h.resolve(self.base)?;
        let base_tree = base.tree()?;
        let p = self.p;
        let tracked_at_base = |article: &str| {
            p.matches_globs(article)
                && self.h.entry(&base_tree, article).is_some()
                && self
                    .h
                    .entry(&base_tree, &slash(&sidecar_of(Path::new(article))))
                    .is_some()
        };
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        for (old, _) in moved {
            let article = self.base_article(old, &base_tree);
            if !tracked_at_base(&article) || !seen.insert(article.clone()) {
                continue;
            }
            let sidecar = slash(&sidecar_of(Path::new(&article)));
            let blame = vec![article.clone(), sidecar];
            let now = match moved.iter().find(|(o, _)| *o == article) {
                Some((_, None)) => {
                    out.push((article, "was deleted".to_string(), blame));
                    continue;
                }
                Some((_, Some(new))) => new.clone(),
                None => article.clone(),
            };
            let why = if !p.matches_globs(&now) {
                format!("was renamed to {now}, outside the `articles:` globs,")
            } else if !p.root.join(sidecar_of(Path::new(&now))).is_file() {
                format!("had its sidecar deleted (at {now})")
            } else {
                continue;
            };
            out.push((article, why, blame));
        }
        // What the branch's own policy would take out of the gate once merged.
        let Some(globs) = head.globs.as_ref().filter(|_| !policy_changed.is_empty()) else {
            return Ok(out);
        };
        for article in self.h.files_at(&base)? {
            if seen.contains(&article) || !tracked_at_base(&article) || globs.is_match(&article) {
                continue;
            }
            let why = "would no longer be an article under the branch's factcheck.yaml or site configuration (its `articles:` globs or generator),".to_string();
            out.push((article, why, policy_changed.to_vec()));
        }
        Ok(out)
    }

    /// The article at the base that the changed file `rel` belongs to: itself, or for a
    /// sidecar the article beside it in the base's tree (`x.md`, `x.mdx`, `x.MD`…).
    fn base_article(&self, rel: &str, base_tree: &git2::Tree<'_>) -> String {
        let Some(stem) = rel.strip_suffix(".claims.yaml") else {
            return rel.to_string();
        };
        let candidates = crate::text::site::PAGE_EXTENSIONS
            .iter()
            .flat_map(|e| [e.to_string(), e.to_ascii_uppercase()])
            .map(|e| format!("{stem}.{e}"));
        for c in candidates {
            if self.h.entry(base_tree, &c).is_some() {
                return c;
            }
        }
        format!("{stem}.md")
    }

    /// The branch's commits that changed any of `files` (against any of their parents),
    /// newest first.
    fn touching(&self, files: &[&str]) -> Result<Vec<Commit<'_>>> {
        let mut out = Vec::new();
        for &oid in &self.commits {
            let commit = self.h.repo().find_commit(oid)?;
            let mut touched = false;
            for f in files {
                touched |= self.h.changes(&commit, f)?;
            }
            if touched {
                out.push(commit);
            }
        }
        Ok(out)
    }

    /// Why the change of `files` since the base is not an editor's: "by wendy@… (commit
    /// abc1234, not an editor)", "by an uncommitted change" when the working tree differs from
    /// HEAD; `None` when every commit that changed them — against any of its parents, so a
    /// merge that takes one side's file counts — was authored (and, if required, signed) by an
    /// editor.
    fn unauthorised(&self, files: &[&str]) -> Result<Option<String>> {
        let h = self.h;
        let mut who: Vec<String> = Vec::new();
        for commit in self.touching(files)? {
            let oid = commit.id();
            let info = h.info(&commit);
            if let Some(why) = self.editors.refuse(h, oid, &info.email) {
                who.push(format!("{} (commit {}, {why})", info.email, info.short));
            }
        }
        let root = &self.p.root;
        let committed = match h.head()? {
            Some(head) => {
                let mut same = true;
                for f in files {
                    let now = crate::io::worktree::read(root, &root.join(f)).ok();
                    let then = h.read(&head, f).ok().flatten();
                    same &= now == then;
                }
                same
            }
            None => false,
        };
        if !committed {
            who.push("an uncommitted change".into());
        }
        Ok((!who.is_empty()).then(|| format!("by {}", who.join(", "))))
    }

    /// The first commit of the branch that changed `files` whose committer is not its author
    /// ("commit abc1234, authored by ed@… but committed by wendy@…"): an editor's commit
    /// cherry-picked, or typed with `--author`, by someone else.
    fn committed_by_another(&self, files: &[&str]) -> Result<Option<String>> {
        for commit in self.touching(files)? {
            let author = Email::from(commit.author().email().unwrap_or(""));
            let committer = Email::from(commit.committer().email().unwrap_or(""));
            if author != committer {
                let short = &commit.id().to_string()[..7];
                return Ok(Some(format!(
                    "commit {short}, authored by {author} but committed by {committer}"
                )));
            }
        }
        Ok(None)
    }

    /// A report on `file` (a policy file, a dropped article, a page) holding one finding at
    /// its top.
    fn report(&self, code: Code, file: &str, message: String, help: &str) -> ArticleReport {
        let findings: Vec<Finding> = self
            .p
            .workflow
            .severity(code)
            .map(|severity| Finding {
                code,
                severity,
                message,
                claim: None,
                label: Label::top_of(file),
                help: Some(help.to_string()),
            })
            .into_iter()
            .collect();
        ArticleReport {
            passed: !findings.iter().any(|d| d.severity == Severity::Error),
            findings,
            ..ArticleReport::empty(file.to_string())
        }
    }
}

/// The base's `factcheck.yaml`, which says who the editors are and whether their commits must
/// be signed.
struct Editors(Option<Config>);

impl Editors {
    fn at(config: &Option<String>) -> Editors {
        Editors(
            config
                .as_deref()
                .and_then(|t| crate::text::yaml::parse::<Config>(t, Path::new(CONFIG_FILE)).ok()),
        )
    }

    /// Why `commit`, authored by `email`, is not an editor's: not an editor, or (when
    /// signatures are required) not signed with their key.
    fn refuse(&self, h: &History, commit: git2::Oid, email: &str) -> Option<String> {
        let may = |c: &&Config| {
            let roles = Action::ChangePolicy.roles();
            roles.iter().any(|role| c.holds(email, role))
        };
        let Some(config) = self.0.as_ref().filter(may) else {
            return Some("not an editor".into());
        };
        crate::git::signature::unsigned(config, h.repo(), commit, email)
            .map(|why| format!("whose commit {why}"))
    }
}
