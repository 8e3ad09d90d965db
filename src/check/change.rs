//! A change set: what a branch changed since its base revision (`check --changed-since BASE`),
//! which articles that selects, and what the change must answer for beyond its articles.
//!
//! A pull request is judged by the policy of the line it merges into: the workflow, severities,
//! globs, people and roles come from BASE, never from the branch (SPEC §5). Two findings belong
//! to the change set rather than to an article:
//! - FC056: `factcheck.yaml` or the local workflow file changed and not every commit that
//!   changed it was authored by an editor (at BASE), or the change is not committed;
//! - FC057: an article tracked at BASE (matching BASE's globs, with a sidecar) was deleted,
//!   renamed out of the globs, or lost its sidecar, and not by an editor.
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
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::finding::{Code, Finding, Label, Severity};
use crate::model::paths::{ArticlePath, article_of, sidecar_of};
use crate::project::Project;

/// What `--changed-since` selects and reports.
pub struct ChangeSet {
    /// The articles to check, sorted by path.
    pub articles: Vec<ArticlePath>,
    /// Findings on the change set itself (FC056, FC057), one report per file concerned.
    pub reports: Vec<ArticleReport>,
}

/// Opens the change set since `rev`: `p` under BASE's policy, and what the change selects.
pub fn since(p: Project, rev: &str) -> Result<(Project, ChangeSet)> {
    let h = History::open(&p.root)?;
    let base = h.resolve(rev)?;
    let base_config = h.read(&base, CONFIG_FILE)?;
    let head_workflow = p.config.workflow.clone();
    let p = match &base_config {
        Some(text) => p.with_policy(
            text,
            |name| {
                if crate::model::workflow::is_file_name(name) {
                    Ok(Some(h.read(&base, name)?.unwrap_or_default()))
                } else {
                    Ok(None)
                }
            },
            |name| h.read(&base, name).ok().flatten(),
        )?,
        // The change that adopts factcheck: there is no earlier policy to keep.
        None => p,
    };
    let changes = h.changes_since(rev)?;
    // Reading the index is cheap; a submodule may not even be checked out to show in a diff.
    p.refuse_special(&crate::io::inventory::special(&p.root)?, |_| true)?;
    let changed = &changes.paths;
    let mut reports = Vec::new();
    let editors = Editors::at(&base_config);
    let mut policy_files: BTreeSet<&str> = BTreeSet::from([CONFIG_FILE]);
    for wf in [p.config.workflow.as_str(), head_workflow.as_str()] {
        if crate::model::workflow::is_file_name(wf) {
            policy_files.insert(wf);
        }
    }
    let mut policy_changed = false;
    if base_config.is_some() {
        for file in policy_files
            .iter()
            .filter(|f| changed.iter().any(|c| c == *f))
        {
            policy_changed = true;
            let why = unauthorised(&h, &p.root, rev, &[file], &editors)?;
            if let Some(why) = why {
                reports.push(report(
                    &p,
                    Code::PolicyChanged,
                    file,
                    format!(
                        "{file} changed since {rev} {why}; this check uses the policy of {rev}"
                    ),
                    "policy changes go in a pull request of their own, authored by an editor",
                ));
            }
        }
    }
    for (article, why) in dropped(&h, &p, rev, &changes.moved)? {
        let sidecar = slash(&sidecar_of(Path::new(&article)));
        if let Some(who) = unauthorised(&h, &p.root, rev, &[&article, &sidecar], &editors)? {
            reports.push(report(
                &p,
                Code::ArticleDropped,
                &article,
                format!("{article}, tracked at {rev}, {why} {who}"),
                "restore it and its sidecar, or have an editor retire it in a commit of their own",
            ));
        }
    }
    let articles = if policy_changed {
        p.articles(&[])?
    } else {
        selected(&p, changed)?
    };
    Ok((p, ChangeSet { articles, reports }))
}

/// The articles whose text or sidecar changed, or that cite changed evidence, sorted.
fn selected(p: &Project, changed: &[String]) -> Result<Vec<ArticlePath>> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    let mut evidence: Vec<&str> = Vec::new();
    for f in changed {
        if f.contains('\u{FFFD}') {
            p.refuse_unnamed(f)?;
        }
        let article = p.article_for(f);
        if p.is_article(&article)? {
            out.insert(article);
        } else if f.starts_with("evidence/") {
            evidence.push(f);
        }
    }
    if !evidence.is_empty() {
        for a in p.articles(&[])? {
            let cites = crate::io::worktree::read(&p.root, &a.sidecar_abs)
                .is_ok_and(|text| evidence.iter().any(|e| text.contains(e)));
            if cites {
                out.insert(a.rel);
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|rel| p.article_path(Path::new(&rel)))
        .collect())
}

/// Articles tracked at `rev` that the working tree no longer gates, with what happened.
fn dropped(
    h: &History,
    p: &Project,
    rev: &str,
    moved: &[(String, Option<String>)],
) -> Result<Vec<(String, String)>> {
    let base = h.resolve(rev)?;
    let base_tree = base.tree()?;
    let tracked_at_base = |article: &str| {
        p.matches_globs(article)
            && h.entry(&base_tree, article).is_some()
            && h.entry(&base_tree, &slash(&sidecar_of(Path::new(article))))
                .is_some()
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (old, _) in moved {
        let article = article_of(old);
        if !tracked_at_base(&article) || !seen.insert(article.clone()) {
            continue;
        }
        let now = match moved.iter().find(|(o, _)| *o == article) {
            Some((_, None)) => {
                out.push((article, "was deleted".to_string()));
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
        out.push((article, why));
    }
    Ok(out)
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
        let Some(config) = self.0.as_ref().filter(|c| c.holds(email, "editor")) else {
            return Some("not an editor".into());
        };
        crate::git::signature::unsigned(config, h.repo(), commit, email)
            .map(|why| format!("whose commit {why}"))
    }
}

/// Why the change of `files` since `rev` is not an editor's: "by wendy@… (commit abc1234, not
/// an editor)", "by an uncommitted change" when the working tree differs from HEAD; `None`
/// when every commit that changed them was authored (and, if required, signed) by an editor.
fn unauthorised(
    h: &History,
    root: &Path,
    rev: &str,
    files: &[&str],
    editors: &Editors,
) -> Result<Option<String>> {
    let mut who: Vec<String> = Vec::new();
    for oid in h.commits_since(rev)? {
        let commit: Commit<'_> = h.repo().find_commit(oid)?;
        let mut touched = false;
        for f in files {
            touched |= h.changes(&commit, f)?;
        }
        if !touched {
            continue;
        }
        let info = h.info(&commit);
        if let Some(why) = editors.refuse(h, oid, &info.email) {
            who.push(format!("{} (commit {}, {why})", info.email, info.short));
        }
    }
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

/// A report on `file` (a policy file or a dropped article) holding one finding at its top.
fn report(p: &Project, code: Code, file: &str, message: String, help: &str) -> ArticleReport {
    let findings: Vec<Finding> = p
        .workflow
        .severity(code)
        .map(|severity| Finding {
            code,
            severity,
            message,
            claim: None,
            label: Label {
                file: file.to_string(),
                line: 1,
                column: 1,
                len: 1,
                line_text: String::new(),
            },
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
