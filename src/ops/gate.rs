//! The gate over many articles: checked a batch at a time on all cores and handed over in path
//! order, so a front end can render each report and drop it (memory does not grow with the
//! archive).

use crate::check::{self, ArticleReport};
use crate::model::paths::ArticlePath;
use crate::project::{PathList, Project};
use std::path::Path;

/// Checks articles one by one.
pub fn check_all(
    p: &Project,
    paths: &[ArticlePath],
    options: &check::Options,
) -> Vec<ArticleReport> {
    check_all_with(p, paths, options, &|| {})
}

/// Checks `paths` in parallel (one article per task, on all cores), calling `done` after each
/// article; the reports come back in the order of `paths`.
pub fn check_all_with(
    p: &Project,
    paths: &[ArticlePath],
    options: &check::Options,
    done: &(dyn Fn() + Sync),
) -> Vec<ArticleReport> {
    let rels: PathList = paths.iter().map(|a| a.rel.as_str()).collect();
    let mut out = Vec::with_capacity(paths.len());
    check_each(p, &rels, options, done, |r| {
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
