//! The gate over many articles: checked a batch at a time on all cores and handed over in path
//! order, so a front end can render each report and drop it (memory does not grow with the
//! archive).

use std::path::{Path, PathBuf};

use crate::check::{self, ArticleReport, Tally};
use crate::error::Result;
use crate::model::paths::ArticlePath;
use crate::project::{Invocation, PathList, Project};

/// Checks `paths` on all cores; the reports come back in the order of `paths` (for callers
/// that hold a few articles, such as the pre-commit hook).
pub fn check_all(
    p: &Project,
    paths: &[ArticlePath],
    options: &check::Options,
) -> Vec<ArticleReport> {
    let rels: PathList = paths.iter().map(|a| a.rel.as_str()).collect();
    let mut out = Vec::with_capacity(paths.len());
    check_each(p, &rels, options, &|| {}, |r| {
        out.push(r);
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    out
}

/// Articles checked at once between two hand-overs of their reports: enough to keep every core
/// busy (the wait for the slowest of them is a small share), few enough that memory does not
/// grow with the archive.
const BATCH: usize = 256;

/// Checks the articles at root-relative `rels` on all cores and hands each report to `report`
/// in their order, holding at most [`BATCH`] of them at a time, so the gate streams: an
/// article is read, checked, reported and dropped. Stops at the first error `report` returns.
pub fn check_each<E>(
    p: &Project,
    rels: &PathList,
    options: &check::Options,
    done: &(dyn Fn() + Sync),
    mut report: impl FnMut(ArticleReport) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    use rayon::prelude::*;
    for start in (0..rels.len()).step_by(BATCH) {
        let reports: Vec<ArticleReport> = (start..rels.len().min(start + BATCH))
            .into_par_iter()
            .map(|i| {
                let path = p.article_path(Path::new(rels.get(i)));
                let r = check::check_article_with(p, &path, options);
                done();
                r
            })
            .collect();
        reports.into_iter().try_for_each(&mut report)?;
    }
    Ok(())
}

/// What `check` (and `status`) is asked to look at.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Articles or folders named on the command line (every article when empty).
    pub paths: Vec<PathBuf>,
    /// Only the articles a branch changed since this revision, judged by its policy.
    pub changed_since: Option<String>,
    /// Shard `i` of `n` (1-based) of the selected articles.
    pub shard: Option<(u32, u32)>,
    /// Check who committed each attested record (`--provenance`).
    pub provenance: bool,
    /// Ask every source URL whether it answers (`--online`).
    pub online: bool,
}

/// A gate run, ready to go: the project whose policy judges it (the base's, with
/// `changed_since`), the articles to check, and reports for what is not an article any more
/// (an article the branch dropped, a policy change).
pub struct Gate {
    /// The project, with the policy the articles are judged by.
    pub project: Project,
    /// The articles to check, sorted.
    pub articles: PathList,
    /// Reports that need no checking, merged in path order into the run.
    pub extra: Vec<ArticleReport>,
    /// How each article is checked.
    pub options: check::Options,
}

/// A gate whose globs match no file would pass without reading anything: that is a mistake in
/// `articles:` (globs written for another layout), never a pass. Reported as an input error on
/// `factcheck.yaml` (exit 2), beside whatever else the gate found (pages no glob covers).
fn vacuous(p: &Project) -> ArticleReport {
    use crate::model::finding::{Code, Finding, Label, Severity};
    let file = crate::model::config::CONFIG_FILE;
    let text = crate::io::worktree::read(&p.root, &p.root.join(file)).unwrap_or_default();
    let label = match text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("articles:"))
    {
        Some((i, l)) => Label {
            line: i + 1,
            len: "articles".len(),
            line_text: l.chars().take(200).collect(),
            line_cut: l.chars().count() > 200,
            ..Label::top_of(file)
        },
        None => Label::top_of(file),
    };
    let finding = Finding {
        code: Code::InvalidFile,
        severity: Severity::Error,
        message: format!(
            "the `articles:` globs ({}) match no file: the gate would pass without reading anything",
            p.config.articles.join(", ")
        ),
        claim: None,
        label,
        help: Some(
            "set `articles:` to where the site keeps its posts (such as content/posts/**/*.md), or add the first article".into(),
        ),
    };
    ArticleReport {
        findings: vec![finding],
        input_error: true,
        ..ArticleReport::empty(file.to_string())
    }
}

impl Gate {
    /// The project `at` opens and the articles `s` selects in it. With `changed_since`, the
    /// project is opened under the base's policy and only the changed articles are even
    /// listed, so the cost follows the change.
    pub fn select(at: &Invocation, s: &Selection) -> Result<Gate> {
        let (project, articles, extra, base) = match &s.changed_since {
            Some(rev) => {
                let (p, change) = crate::check::change::since(at, rev)?;
                let mut articles: PathList =
                    change.articles.iter().map(|x| x.rel.as_str()).collect();
                let mut reports = change.reports;
                if !s.paths.is_empty() {
                    let given = p.article_rels(&s.paths)?;
                    articles = articles.filter(|x| given.contains_sorted(x));
                } else if !reports.iter().any(|r| !r.passed) && p.article_rels(&[])?.is_empty() {
                    // Articles the branch dropped are reported already (FC057).
                    reports.push(vacuous(&p));
                }
                (p, articles, reports, Some(change.base))
            }
            None => {
                let p = at.open()?;
                let articles = p.article_rels(&s.paths)?;
                let reports = match s.paths.is_empty() && articles.is_empty() {
                    true => vec![vacuous(&p)],
                    false => Vec::new(),
                };
                (p, articles, reports, None)
            }
        };
        let articles = match s.shard {
            Some((i, n)) => crate::project::shard(&articles, i, n),
            None => articles,
        };
        let options = check::Options {
            provenance: s
                .provenance
                .then(|| check::Provenance::prepare(&project.root, &articles, base)),
            online: s.online,
        };
        Ok(Gate {
            project,
            articles,
            extra,
            options,
        })
    }

    /// Checks the articles, handing every report (the extra ones among them, in path order)
    /// to `emit` as it is ready and calling `done` after each article checked; returns the
    /// tally. Stops at the first error `emit` returns.
    pub fn run<E>(
        &mut self,
        done: &(dyn Fn() + Sync),
        mut emit: impl FnMut(&ArticleReport) -> std::result::Result<(), E>,
    ) -> std::result::Result<Tally, E> {
        let mut extra = std::mem::take(&mut self.extra);
        extra.sort_by(|x, y| x.article.cmp(&y.article));
        let mut extra = extra.into_iter().peekable();
        let mut tally = Tally::default();
        let mut hand_over = |r: &ArticleReport| {
            tally.add(r);
            emit(r)
        };
        check_each(&self.project, &self.articles, &self.options, done, |r| {
            while let Some(e) = extra.next_if(|e| e.article < r.article) {
                hand_over(&e)?;
            }
            hand_over(&r)
        })?;
        for e in extra {
            hand_over(&e)?;
        }
        Ok(tally)
    }
}

/// The path of the project inside its git work tree (`""` at the top), which machine formats
/// put before article paths so CI annotations point at the right file.
pub fn repo_prefix(p: &Project) -> String {
    crate::git::history::History::open(&p.root)
        .map(|h| h.prefix().to_string())
        .unwrap_or_default()
}
