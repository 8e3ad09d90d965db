//! `claim add|edit|rm`: track words of the article as a claim, change or remove it, and the
//! helpers the other sidecar edits share (locating a quote, choosing a free id).
//! Removing mirrors the pull-request gate (FC055): a claim that was signed off or found
//! disputed or false is evidence the gate relied on, and only an editor may remove it.

use super::{Stale, non_empty, update};
use crate::check::ClaimLocation;
use crate::check::stale::stale_since;
use crate::model::rights::Action;

use crate::check::Standing;
use crate::error::{Error, Result};
use crate::model::paths::ArticlePath;
use crate::model::sidecar::{Claim, Sidecar, check_id};
use crate::model::{ClaimKind, Status};
use crate::project::Project;
use crate::text::anchor::{self, Located};
use crate::text::article::{Article, normalize};
use crate::text::span::Span;
use crate::text::suggest::{self, Suggestion};

/// A new claim.
pub struct NewClaim {
    /// The words to quote.
    pub quote: String,
    /// Its id (generated from the quote when absent).
    pub id: Option<String>,
    /// Its kind.
    pub kind: ClaimKind,
    /// Sources to cite.
    pub sources: Vec<String>,
    /// Which occurrence to track (1-based) when the words occur more than once.
    pub occurrence: Option<usize>,
}

/// Adds a claim, anchoring its quote; returns its id.
pub fn add(p: &Project, path: &ArticlePath, new: NewClaim) -> Result<String> {
    p.actor(Action::AddClaims)?;
    update(p, path, |sidecar, article| {
        if sidecar.claims.len() >= crate::model::sidecar::MAX_CLAIMS {
            return Err(Error::usage_hint(
                format!(
                    "{} already has {} claims, the most one sidecar may hold",
                    path.sidecar_rel,
                    sidecar.claims.len()
                ),
                "split the article; no single page needs this many claims",
            ));
        }
        let span = locate_quote(article, path, &new.quote, new.occurrence)?;
        let id = match new.id {
            Some(id) => {
                check_id(&id).map_err(Error::usage)?;
                if sidecar.claim(&id).is_some() {
                    return Err(Error::usage(format!(
                        "claim id `{id}` is already used in {}",
                        path.sidecar_rel
                    )));
                }
                id
            }
            None => unique_id(&slug(&normalize(&new.quote), 5), |id| {
                sidecar.claim(id).is_some()
            }),
        };
        require_sources(sidecar, &new.sources, path)?;
        let at = slot(p, path, article, sidecar, span)?;
        sidecar.claims.insert(
            at,
            Claim {
                id: id.clone(),
                quote: anchor::capture(&article.text, span),
                kind: new.kind,
                status: Status::Unverified,
                sources: dedup(new.sources),
                note: None,
                signoffs: Vec::new(),
            },
        );
        Ok(id)
    })
}

/// Where a claim at `span` goes among the claims of `sidecar`: in document order (unlocated
/// claims stay where they are). Refuses words another claim already tracks.
pub(crate) fn slot(
    p: &Project,
    path: &ArticlePath,
    article: &Article,
    sidecar: &Sidecar,
    span: Span,
) -> Result<usize> {
    let spans: Vec<Option<Span>> = ClaimLocation::all(p, path, article, sidecar)
        .iter()
        .map(ClaimLocation::span)
        .collect();
    if let Some(i) = spans.iter().position(|s| *s == Some(span)) {
        let id = &sidecar.claims[i].id;
        return Err(Error::usage_hint(
            format!("those words are already tracked as claim `{id}`"),
            format!(
                "quote other words, or change that claim: factcheck claim edit {} {id} …",
                path.rel
            ),
        ));
    }
    Ok(spans
        .iter()
        .position(|s| s.map_or(usize::MAX, |s| s.start) > span.start)
        .unwrap_or(spans.len()))
}

/// Where the words `quote` are in the checked text of `article`: the `occurrence`-th (1-based)
/// when they occur more than once. Refuses words that are not there, or ambiguous without
/// `occurrence`, saying how to quote them.
pub(crate) fn locate_quote(
    article: &Article,
    path: &ArticlePath,
    quote: &str,
    occurrence: Option<usize>,
) -> Result<Span> {
    let exact = normalize(quote);
    let quote = anchor::Quote {
        exact: exact.clone(),
        ..Default::default()
    };
    match anchor::locate(
        &article.text,
        &quote,
        &anchor::Budget::for_text(&article.text),
    ) {
        Located::Found(span) if occurrence.is_none_or(|n| n == 1) => Ok(span),
        Located::Ambiguous(spans) if occurrence.is_some_and(|n| n >= 1 && n <= spans.len()) => {
            Ok(spans[occurrence.unwrap_or(1) - 1])
        }
        Located::Found(_) => Err(Error::usage(format!(
            "\"{exact}\" occurs only once in {}",
            path.rel
        ))),
        Located::Ambiguous(spans) => {
            let lines: Vec<String> = spans
                .iter()
                .map(|s| article.pos(s.start).line.to_string())
                .collect();
            Err(Error::usage_hint(
                format!(
                    "\"{exact}\" occurs {} times in {} (lines {})",
                    spans.len(),
                    path.rel,
                    lines.join(", ")
                ),
                "quote more words, or pick one with --occurrence N (its prefix and suffix are recorded)",
            ))
        }
        _ => Err(Error::usage_hint(
            format!("\"{exact}\" is not in the checked text of {}", path.rel),
            "quote the words as a reader sees them (markup is ignored; front matter, code, comments and excluded sections are not claim text)",
        )),
    }
}

pub(crate) fn require_sources(sidecar: &Sidecar, ids: &[String], path: &ArticlePath) -> Result<()> {
    for id in ids {
        if sidecar.source(id).is_none() {
            return Err(Error::usage_hint(
                format!("no source `{id}` in {}", path.sidecar_rel),
                format!(
                    "register it first: factcheck source add {} --id {id} --url URL",
                    path.rel
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    v.retain(|x| {
        let new = !seen.contains(x);
        seen.push(x.clone());
        new
    });
    v
}

/// A lowercase, hyphenated id from the first `words` words of `text`.
pub(crate) fn slug(text: &str, words: usize) -> String {
    let s: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(words)
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if s.is_empty() {
        return "claim".into();
    }
    // Room for the `-N` that makes it unique, within the longest id a sidecar takes.
    let mut id = s.join("-");
    let room = crate::model::sidecar::MAX_ID_LEN - 8;
    if id.len() > room {
        id.truncate(room);
        id.truncate(id.trim_end_matches('-').len());
    }
    id
}

pub(crate) fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("an unused id exists")
}

pub(crate) fn claim_index(sidecar: &Sidecar, id: &str, path: &ArticlePath) -> Result<usize> {
    let ids: Vec<String> = sidecar.claims.iter().map(|c| c.id.clone()).collect();
    sidecar
        .claims
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            match crate::text::yaml::closest(id, &refs) {
                Some(b) => Error::usage_hint(
                    format!("no claim `{id}` in {}", path.sidecar_rel),
                    format!("did you mean `{b}`?"),
                ),
                None => Error::usage_hint(
                    format!("no claim `{id}` in {}", path.sidecar_rel),
                    format!("list claims: factcheck claim list {}", path.rel),
                ),
            }
        })
}

/// What `claim edit` changes; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct ClaimEdit {
    /// New words to track (anchored like `claim add`).
    pub quote: Option<String>,
    /// Which occurrence of the new words, when they occur more than once.
    pub occurrence: Option<usize>,
    /// New kind.
    pub kind: Option<ClaimKind>,
    /// New id.
    pub id: Option<String>,
    /// New reviewers' note; empty removes it.
    pub note: Option<String>,
}

/// What `claim rm` removed.
#[derive(Debug)]
pub struct RemovedClaim {
    /// How many sign-off records went with it.
    pub signoffs: usize,
    /// Sources it cited that no claim cites any more.
    pub unused: Vec<String>,
}

/// Changes a claim; returns its id (new if renamed) and the sign-offs the change made stale.
pub fn edit(
    p: &Project,
    path: &ArticlePath,
    claim: &str,
    change: ClaimEdit,
) -> Result<(String, Stale)> {
    let me = p.actor(Action::EditClaims)?;
    if change.quote.is_none()
        && change.kind.is_none()
        && change.id.is_none()
        && change.note.is_none()
    {
        return Err(Error::usage_hint(
            format!("nothing to change in claim `{claim}`"),
            "give at least one of --quote, --kind, --id, --note",
        ));
    }
    let editor = p.may(me, Action::RemoveGuardedClaim);
    update(p, path, |sidecar, article| {
        let i = claim_index(sidecar, claim, path)?;
        let before = sidecar.clone();
        let mut c = sidecar.claims.remove(i);
        if let Some(id) = change.id.filter(|id| *id != c.id) {
            may_rename(sidecar, &c, &id, editor, path)?;
            c.id = id;
        }
        let at = match change.quote {
            Some(quote) => {
                let span = locate_quote(article, path, &quote, change.occurrence)?;
                let at = slot(p, path, article, sidecar, span)?;
                c.quote = anchor::capture(&article.text, span);
                at
            }
            None => i,
        };
        if let Some(kind) = change.kind {
            c.kind = kind;
        }
        if let Some(note) = change.note {
            c.note = non_empty(note);
        }
        let id = c.id.clone();
        sidecar.claims.insert(at, c);
        Ok((id, stale_since(p, &before, sidecar, article)))
    })
}

/// Refuses a rename the gate could not follow. A claim's sign-offs name it by id, and
/// `check --provenance` traces each record by what it names: renamed, they would read as
/// records its signers never made (FC051). A disputed or false claim under a new id is the
/// old one removed, which only an editor may do (FC055).
fn may_rename(
    sidecar: &Sidecar,
    c: &Claim,
    id: &str,
    editor: bool,
    path: &ArticlePath,
) -> Result<()> {
    check_id(id).map_err(|m| Error::usage_hint(m, format!("such as `{}`", valid_id(id))))?;
    if sidecar.claim(id).is_some() {
        return Err(Error::usage_hint(
            format!("claim id `{id}` is already used in {}", path.sidecar_rel),
            "choose another id",
        ));
    }
    if !c.signoffs.is_empty() {
        return Err(Error::usage_hint(
            format!(
                "claim `{}` has {} sign-off(s), which name it by its id: renamed, `check --provenance` would see records their signers never made (FC051)",
                c.id,
                c.signoffs.len()
            ),
            "keep the id; edit the quote, kind or note instead",
        ));
    }
    match guarded(c) {
        Some(why) if !editor => Err(Error::refused(
            format!(
                "claim `{}` is {why}: a new id removes it under its old one, which only an editor may do (FC055)",
                c.id
            ),
            "keep the id, or ask an editor to rename it",
        )),
        _ => Ok(()),
    }
}

/// `id` made valid: lowercase, other characters as `-`.
fn valid_id(id: &str) -> String {
    let id: String = id
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '-',
        })
        .collect();
    let id = id.trim_start_matches(['-', '_', '.']);
    if id.is_empty() { "claim" } else { id }.to_string()
}

/// Removes a claim with its sign-off records. A claim the gate guards ([`guarded`]) only an
/// editor may remove.
pub fn rm(p: &Project, path: &ArticlePath, claim: &str) -> Result<RemovedClaim> {
    let me = p.actor(Action::RemoveClaims)?;
    let (who, editor) = (me.email.clone(), p.may(me, Action::RemoveGuardedClaim));
    update(p, path, |sidecar, _| {
        let i = claim_index(sidecar, claim, path)?;
        if let Some(why) = guarded(&sidecar.claims[i]).filter(|_| !editor) {
            return Err(Error::refused(
                format!("{who} may not remove claim `{claim}`: it is {why}"),
                format!(
                    "only an editor removes a claim that was signed off or found disputed or false (the pull-request gate reports FC055 otherwise); ask one, or fix the claim with `factcheck claim edit {} {claim} --quote …`",
                    path.rel
                ),
            ));
        }
        let c = sidecar.claims.remove(i);
        let unused = c
            .sources
            .iter()
            .filter(|s| !sidecar.claims.iter().any(|o| o.sources.contains(s)))
            .cloned()
            .collect();
        Ok(RemovedClaim {
            signoffs: c.signoffs.len(),
            unused,
        })
    })
}

/// Why the pull-request gate lets only an editor remove `c` (the same test as its provenance
/// check): it was signed off, or found disputed or false.
fn guarded(c: &Claim) -> Option<&'static str> {
    match c.status {
        Status::Disputed => Some("disputed"),
        Status::False => Some("false"),
        _ if !c.signoffs.is_empty() => Some("signed off"),
        _ => None,
    }
}

pub use crate::render::claims::ClaimRow;

/// The claims of an article and which of them are stale.
#[derive(Debug)]
pub struct ClaimList {
    /// One row per claim, in the sidecar's order.
    pub rows: Vec<ClaimRow>,
    /// The ids of the claims whose sign-offs approved other words or evidence.
    pub stale: Vec<String>,
}

/// `claim list`: every claim of `path` with where it is and how the gate sees it.
pub fn list(p: &Project, path: &ArticlePath) -> Result<ClaimList> {
    let loaded = crate::ops::pages::CheckedArticle::load(p, path)?;
    let rows = loaded
        .sidecar
        .claims
        .iter()
        .zip(&loaded.states)
        .zip(&loaded.report.claim_states)
        .map(|((c, state), view)| {
            let pos = state.span().map(|s| loaded.article.pos(s.start));
            ClaimRow {
                id: c.id.clone(),
                kind: c.kind,
                status: c.status,
                state: view.state.clone(),
                anchor: anchor_word(&state.located),
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                sources: c.sources.clone(),
                signoffs: c.signoffs.len(),
                text: c.quote.exact.clone(),
            }
        })
        .collect();
    let stale = loaded
        .report
        .claim_states
        .iter()
        .filter(|v| v.standing == Standing::Stale)
        .map(|v| v.id.clone())
        .collect();
    Ok(ClaimList { rows, stale })
}

/// How a quote was found, in the word `claim list` uses.
fn anchor_word(located: &Located) -> &'static str {
    match located {
        Located::Found(_) => "anchored",
        Located::Changed { .. } => "reworded",
        Located::Uncertain { .. } => "uncertain",
        Located::Ambiguous(_) => "ambiguous",
        Located::Orphaned => "orphaned",
        Located::OverBudget => "over-budget",
    }
}

/// `claim suggest`: the check-worthy sentences of `path` that no claim covers, best first.
pub fn suggest(p: &Project, path: &ArticlePath) -> Result<Vec<Suggestion>> {
    let article = p.load_article(path)?;
    let covered: Vec<Span> = match Sidecar::load(path) {
        Ok(l) => ClaimLocation::all(p, path, &article, &l.sidecar)
            .iter()
            .filter_map(ClaimLocation::span)
            .collect(),
        // A linked sidecar is refused, as everywhere; an untracked article has no claims.
        Err(e @ Error::Linked(_)) => return Err(e),
        Err(_) => Vec::new(),
    };
    Ok(suggest::suggest(
        &article,
        &covered,
        suggest::Threshold::List,
    ))
}
