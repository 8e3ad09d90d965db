//! `source add|edit|rm|check` and `cite`: the sources behind claims, their evidence snapshots
//! and excerpts, and which claims cite them.

use super::{Stale, given, non_empty, update};
use crate::check::stale::stale_since;
use crate::error::{Error, Result};
use crate::io::evidence::{Stored, Taken};
use crate::model::SourceKind;
use crate::model::paths::ArticlePath;
use crate::model::rights::Action;
use crate::model::sidecar::{Sidecar, Source, check_id};
use crate::model::time::parse_date;
use crate::ops::claim::{claim_index, dedup, require_sources, slug, unique_id};
use crate::project::Project;
use crate::text::article::normalize;
use std::path::{Path, PathBuf};

/// A new source.
#[derive(Default)]
pub struct NewSource {
    /// A local copy of the source to store under `evidence/`.
    pub snapshot: Option<std::path::PathBuf>,
    /// Its URL (http or https).
    pub url: String,
    /// Its id (generated from publisher/title/host when absent).
    pub id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Kind.
    pub kind: SourceKind,
    /// Publication date.
    pub published: Option<String>,
    /// Access date (default: today).
    pub accessed: Option<String>,
    /// Archived copy URL.
    pub archived: Option<String>,
    /// Supporting excerpt.
    pub excerpt: Option<String>,
}

/// Registers a source; returns its id.
pub fn add(p: &Project, path: &ArticlePath, new: NewSource) -> Result<String> {
    p.actor(Action::AddSources)?;
    check_source_fields(
        Some(&new.url),
        new.archived.as_deref(),
        new.published.as_deref(),
        new.accessed.as_deref(),
    )?;
    let today = p.clock.today();
    let taken = match &new.snapshot {
        Some(file) => Some(take_snapshot(p, file, new.excerpt.as_deref())?),
        None => None,
    };
    let mut stored = Stored::default();
    let added = update(p, path, |sidecar, _| {
        let id = match new.id {
            Some(id) => {
                check_id(&id).map_err(Error::usage)?;
                if sidecar.source(&id).is_some() {
                    return Err(source_id_taken(sidecar, path, &id));
                }
                id
            }
            None => {
                let host = new
                    .url
                    .split("//")
                    .nth(1)
                    .and_then(|r| r.split('/').next())
                    .unwrap_or("source");
                let base = slug(
                    new.title
                        .as_deref()
                        .or(new.publisher.as_deref())
                        .unwrap_or(host),
                    4,
                );
                unique_id(&base, |id| sidecar.source(id).is_some())
            }
        };
        // Stored last, once nothing else can refuse the source.
        if let Some(taken) = &taken {
            stored = taken.store(&p.root)?;
        }
        sidecar.sources.push(Source {
            id: id.clone(),
            url: new.url,
            title: new.title,
            publisher: new.publisher,
            kind: new.kind,
            published: new.published,
            accessed: Some(new.accessed.unwrap_or_else(|| today.to_string())),
            archived: new.archived,
            excerpt: new.excerpt.map(|e| normalize(&e)),
            snapshot: taken.as_ref().map(|t| t.rel.clone()),
            resolved: None,
        });
        Ok(id)
    });
    unstore_on_error(p, &taken, stored, added)
}

/// `result`, after removing what storing `taken` wrote when the command failed: a refused
/// command leaves nothing in `evidence/`.
fn unstore_on_error<T>(
    p: &Project,
    taken: &Option<Taken>,
    stored: Stored,
    result: Result<T>,
) -> Result<T> {
    if result.is_err()
        && let Some(taken) = taken
    {
        taken.unstore(&p.root, stored);
    }
    result
}

/// The refusal of a source id that is already used, with the two ways on: edit that source,
/// or take the next free id.
fn source_id_taken(sidecar: &Sidecar, path: &ArticlePath, id: &str) -> Error {
    let free = unique_id(id, |id| sidecar.source(id).is_some());
    Error::usage_hint(
        format!("source id `{id}` is already used in {}", path.sidecar_rel),
        format!(
            "to change that source: factcheck source edit {} {id} --url …; to add another, choose a free id such as `{free}`",
            path.rel
        ),
    )
}

/// Checks the fields `source add` and `source edit` are given: http(s) URLs and
/// `YYYY-MM-DD` dates.
pub(crate) fn check_source_fields(
    url: Option<&str>,
    archived: Option<&str>,
    published: Option<&str>,
    accessed: Option<&str>,
) -> Result<()> {
    for u in [url, archived].into_iter().flatten() {
        check_url(u)?;
    }
    for (flag, d) in [("--published", published), ("--accessed", accessed)] {
        if let Some(d) = d
            && parse_date(d).is_none()
        {
            return Err(Error::usage_hint(
                format!("{flag} {d}: not a date"),
                "write dates as YYYY-MM-DD",
            ));
        }
    }
    Ok(())
}

/// Reads `file` as a snapshot to store under `evidence/` (nothing is written yet); refuses
/// an `excerpt` the snapshot does not contain.
fn take_snapshot(p: &Project, file: &Path, excerpt: Option<&str>) -> Result<Taken> {
    let taken = crate::io::evidence::take_snapshot(&p.root, file)?;
    match excerpt {
        Some(ex) if !taken.contains(ex) => Err(Error::usage_hint(
            format!("the excerpt is not in {}", file.display()),
            "copy the excerpt from the snapshot, word for word",
        )),
        _ => Ok(taken),
    }
}

/// Refuses an excerpt that is not in the snapshot stored at `rel` (`shown` names it).
pub(crate) fn excerpt_in_snapshot(
    p: &Project,
    rel: &str,
    excerpt: &str,
    shown: &str,
) -> Result<()> {
    let text = crate::io::evidence::read_snapshot(&p.root, rel)
        .map(|t| crate::io::evidence::snapshot_text(rel, &t))
        .unwrap_or_default();
    if crate::io::evidence::contains_excerpt(&text, excerpt) {
        return Ok(());
    }
    let stored = if shown == rel {
        String::new()
    } else {
        format!(" (stored as {rel})")
    };
    Err(Error::usage_hint(
        format!("the excerpt is not in {shown}{stored}"),
        "copy the excerpt from the snapshot, word for word",
    ))
}

pub(crate) fn check_url(url: &str) -> Result<()> {
    if crate::io::online::is_http_url(url) {
        Ok(())
    } else {
        Err(Error::usage_hint(
            format!("`{url}` is not an http(s) URL"),
            "sources are cited by http:// or https:// URL",
        ))
    }
}

/// Attaches sources to a claim.
/// Attaches `sources` to `claim`; returns the sign-offs this made stale (the evidence they
/// approved changed).
pub fn cite(
    p: &Project,
    path: &ArticlePath,
    claim: &str,
    sources: &[String],
) -> Result<crate::ops::Stale> {
    p.actor(Action::CiteSources)?;
    update(p, path, |sidecar, article| {
        require_sources(sidecar, sources, path)?;
        let i = claim_index(sidecar, claim, path)?;
        let before = sidecar.clone();
        let c = &mut sidecar.claims[i];
        c.sources.extend(sources.iter().cloned());
        c.sources = dedup(std::mem::take(&mut c.sources));
        Ok(crate::check::stale::stale_since(
            p, &before, sidecar, article,
        ))
    })
}

/// Asks every source URL of `path` whether it answers (network) and records, for those that
/// answer, the final URL after redirects as `resolved` (removed when it equals the URL).
/// Returns (source id, url, what happened) in sidecar order.
pub fn check(
    p: &Project,
    path: &ArticlePath,
) -> Result<Vec<(String, String, crate::io::online::Reach)>> {
    p.actor(Action::CheckSources)?;
    let urls: Vec<(String, String)> = Sidecar::load(path)?
        .sidecar
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.url.clone()))
        .collect();
    let results: Vec<(String, String, crate::io::online::Reach)> = urls
        .into_iter()
        .map(|(id, url)| {
            let reach = crate::io::online::reach(&url);
            (id, url, reach)
        })
        .collect();
    update(p, path, |sidecar, _| {
        for (id, url, reach) in &results {
            if let (Some(s), crate::io::online::Reach::Ok(final_url)) =
                (sidecar.sources.iter_mut().find(|s| &s.id == id), reach)
            {
                s.resolved = (final_url != url).then(|| final_url.clone());
            }
        }
        Ok(())
    })?;
    Ok(results)
}

/// What `source edit` changes; `None` leaves a field as it is, an empty text removes an
/// optional field.
#[derive(Debug, Default)]
pub struct SourceEdit {
    /// New URL (http or https).
    pub url: Option<String>,
    /// New title.
    pub title: Option<String>,
    /// New publisher.
    pub publisher: Option<String>,
    /// New kind.
    pub kind: Option<SourceKind>,
    /// New publication date.
    pub published: Option<String>,
    /// New access date.
    pub accessed: Option<String>,
    /// New archived copy URL.
    pub archived: Option<String>,
    /// New supporting excerpt.
    pub excerpt: Option<String>,
    /// A new local copy to store under `evidence/`.
    pub snapshot: Option<PathBuf>,
}

/// Changes a source's fields; returns the sign-offs of citing claims the change made stale.
pub fn edit(p: &Project, path: &ArticlePath, source: &str, change: SourceEdit) -> Result<Stale> {
    p.actor(Action::EditSources)?;
    check_source_fields(
        change.url.as_deref(),
        given(&change.archived),
        given(&change.published),
        given(&change.accessed),
    )?;
    let taken = match &change.snapshot {
        Some(file) => Some(take_snapshot(p, file, given(&change.excerpt))?),
        None => None,
    };
    let mut stored = Stored::default();
    let edited = update(p, path, |sidecar, article| {
        let i = source_index(sidecar, source, path)?;
        let before = sidecar.clone();
        let s = &mut sidecar.sources[i];
        let excerpt_changed = change.excerpt.is_some();
        if let Some(url) = change.url {
            // Where the old URL redirected says nothing about the new one.
            s.resolved = None;
            s.url = url;
        }
        for (field, value) in [
            (&mut s.title, change.title),
            (&mut s.publisher, change.publisher),
            (&mut s.published, change.published),
            (&mut s.accessed, change.accessed),
            (&mut s.archived, change.archived),
            (&mut s.excerpt, change.excerpt.map(|e| normalize(&e))),
        ] {
            if let Some(v) = value {
                *field = non_empty(v);
            }
        }
        if let Some(kind) = change.kind {
            s.kind = kind;
        }
        if let Some(taken) = &taken {
            s.snapshot = Some(taken.rel.clone());
        } else if excerpt_changed && let (Some(ex), Some(rel)) = (&s.excerpt, &s.snapshot) {
            excerpt_in_snapshot(p, rel, ex, rel)?;
        }
        if *s == before.sources[i] {
            return Err(Error::usage_hint(
                format!("nothing to change in source `{source}`"),
                "give a field with a new value: --url, --title, --publisher, --kind, --published, --accessed, --archived, --excerpt or --snapshot",
            ));
        }
        // Stored last, once nothing else can refuse the edit.
        if let Some(taken) = &taken {
            stored = taken.store(&p.root)?;
        }
        Ok(stale_since(p, &before, sidecar, article))
    });
    unstore_on_error(p, &taken, stored, edited)
}

/// Removes a source. While claims cite it, refused unless `uncite`, which removes those
/// citations too; returns the claims that lost it and the sign-offs that made stale.
pub fn rm(
    p: &Project,
    path: &ArticlePath,
    source: &str,
    uncite: bool,
) -> Result<(Vec<String>, Stale)> {
    p.actor(Action::RemoveSources)?;
    update(p, path, |sidecar, article| {
        let i = source_index(sidecar, source, path)?;
        let citing: Vec<String> = sidecar
            .claims
            .iter()
            .filter(|c| c.sources.iter().any(|s| s == source))
            .map(|c| c.id.clone())
            .collect();
        if !citing.is_empty() && !uncite {
            return Err(Error::usage_hint(
                format!(
                    "source `{source}` is cited by claim(s) {}",
                    citing.join(", ")
                ),
                format!(
                    "remove the citations with it: factcheck source rm {} {source} --uncite (the claims' sign-offs go stale), or keep the source",
                    path.rel
                ),
            ));
        }
        let before = sidecar.clone();
        sidecar.sources.remove(i);
        for c in &mut sidecar.claims {
            c.sources.retain(|s| s != source);
        }
        Ok((citing, stale_since(p, &before, sidecar, article)))
    })
}

fn source_index(sidecar: &Sidecar, id: &str, path: &ArticlePath) -> Result<usize> {
    sidecar
        .sources
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| {
            let ids: Vec<&str> = sidecar.sources.iter().map(|s| s.id.as_str()).collect();
            let hint = match crate::text::yaml::closest(id, &ids) {
                Some(b) => format!("did you mean `{b}`?"),
                None if ids.is_empty() => "it has no sources".into(),
                None => format!("its sources: {}", ids.join(", ")),
            };
            Error::usage_hint(format!("no source `{id}` in {}", path.sidecar_rel), hint)
        })
}

pub use crate::render::sources::{Excerpt, SourceView};

/// `source show`: source `id` of `path`, with its excerpt in context from its snapshot. A
/// missing or modified snapshot is an error (FC073).
pub fn show(p: &Project, path: &ArticlePath, id: &str) -> Result<SourceView> {
    let sidecar = Sidecar::load(path)?.sidecar;
    let s = sidecar
        .source(id)
        .ok_or_else(|| Error::usage(format!("no source `{id}` in {}", path.sidecar_rel)))?;
    let excerpt = match (&s.excerpt, &s.snapshot) {
        (None, _) => Excerpt::None,
        (Some(excerpt), None) => Excerpt::Unchecked(excerpt.clone()),
        (Some(excerpt), Some(rel)) => in_snapshot(p, rel, excerpt)?,
    };
    Ok(SourceView {
        title: s.title.clone().unwrap_or_else(|| s.url.clone()),
        kind: s.kind,
        url: s.url.clone(),
        excerpt,
    })
}

/// Where `excerpt` is in the snapshot at `rel`, with context.
fn in_snapshot(p: &Project, rel: &str, excerpt: &str) -> Result<Excerpt> {
    let text = crate::io::evidence::read_snapshot(&p.root, rel)
        .map_err(|_| Error::usage(format!("snapshot {rel} is missing or was modified (FC073)")))?;
    let text = crate::io::evidence::snapshot_text(rel, &text);
    let needle = normalize(excerpt);
    let Some(i) = text.find(&needle) else {
        return Ok(Excerpt::Missing {
            snapshot: rel.to_string(),
            excerpt: excerpt.to_string(),
        });
    };
    let mut from = i.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (i + needle.len() + 300).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    Ok(Excerpt::Found {
        snapshot: rel.to_string(),
        before: text[from..i].to_string(),
        after: text[i + needle.len()..to].to_string(),
        excerpt: needle,
    })
}
