//! What each command does to a project, as library functions: they check the actor's identity
//! and role, change the sidecar under a lock, and write it atomically — or change nothing and
//! return an error. They never print.

use std::path::Path;

use crate::check::{self, ArticleReport, ClaimState};
use crate::error::{Error, Result};
use crate::io::store;
use crate::model::config::CONFIG_FILE;
use crate::model::paths::ArticlePath;
use crate::model::sidecar::{
    ArticleSignoff, Claim, ClaimSignoff, Correction, Publication, Sidecar, Source, check_id,
};
use crate::model::time::parse_date;
use crate::model::workflow::BUILTINS;
use crate::model::{ClaimKind, SourceKind, Stage, Status};
use crate::project::{PathList, Project};
use crate::text::anchor::{self, Located};
use crate::text::article::{Article, normalize};
use crate::text::span::Span;

/// Roles that may write and edit articles' sidecars (claims, sources, citations).
pub(crate) const EDITORIAL: &[&str] = &["writer", "editor", "fact-checker"];

/// Writes a starter `factcheck.yaml` in `dir` for `workflow`, naming `identity` (if known) as
/// writer and editor. Also makes git ignore the lock file and route sidecars to the merge
/// driver (`.gitattributes`).
pub fn init(dir: &Path, workflow: &str, identity: Option<&str>, force: bool) -> Result<()> {
    if !BUILTINS.iter().any(|(n, _)| *n == workflow) {
        let names: Vec<&str> = BUILTINS.iter().map(|(n, _)| *n).collect();
        return Err(Error::usage_hint(
            format!("unknown workflow `{workflow}`"),
            format!("choose one of {}", names.join(", ")),
        ));
    }
    // `init` runs before there is a project: the folder it is given is the root it confines
    // its writes to, and the git work tree around it when there is one.
    let dir = &dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    crate::io::worktree::require_git(dir, "create a project")?;
    let root = crate::io::worktree::of(dir);
    let config = dir.join(CONFIG_FILE);
    if crate::io::worktree::exists(&config) && !force {
        return Err(Error::usage_hint(
            format!("{} already exists", config.display()),
            "pass --force to overwrite it",
        ));
    }
    let me = identity.unwrap_or("you@example.org");
    let text = format!(
        "# factcheck project config: docs/formats.md\n{}\n\
         workflow: {workflow}              # built-in (standard, health, light) or a path such as workflows/ours.yaml\n\
         articles: [\"articles/**/*.md\"]\n\
         people:\n  - email: {me}\n    roles: [writer, editor]\n",
        crate::model::schema::File::Config.modeline()
    );
    crate::io::worktree::write(&root, &config, &text)?;
    crate::io::worktree::ensure_line(&root, &dir.join(".gitignore"), store::LOCK_FILE)?;
    crate::io::worktree::ensure_line(
        &root,
        &dir.join(".gitattributes"),
        crate::ops::hooks::ATTRIBUTES,
    )?;
    Ok(())
}

/// Creates the sidecar of `path` with the actor as author.
pub fn track(p: &Project, path: &ArticlePath) -> Result<()> {
    let me = p.actor(&["writer", "editor"], "track an article")?;
    if crate::io::worktree::exists(&path.sidecar_abs) {
        return Err(Error::usage(format!(
            "{} is already tracked in {}",
            path.rel, path.sidecar_rel
        )));
    }
    let real = crate::io::worktree::resolve(&p.root, &path.sidecar_abs)?;
    let _lock = crate::io::worktree::lock(&p.root, &real)?;
    store::write_new(&real, &Sidecar::new(path, &me.email).to_yaml())
}

/// Loads the sidecar and article of `path` under the directory lock, lets `f` change the
/// sidecar, and saves it atomically if `f` succeeds.
pub(crate) fn update<T>(
    p: &Project,
    path: &ArticlePath,
    f: impl FnOnce(&mut Sidecar, &Article) -> Result<T>,
) -> Result<T> {
    let _lock = crate::io::worktree::lock(&p.root, &path.sidecar_abs)?;
    let loaded = Sidecar::load(path)?;
    let mut sidecar = loaded.sidecar;
    let article = p.load_article(path)?;
    let out = f(&mut sidecar, &article)?;
    if sidecar.to_yaml() != loaded.text {
        sidecar.save(path, &loaded.text)?;
    }
    Ok(out)
}

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
pub fn claim_add(p: &Project, path: &ArticlePath, new: NewClaim) -> Result<String> {
    p.actor(EDITORIAL, "add claims")?;
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
    let spans: Vec<Option<Span>> = ClaimState::all(p, path, article, sidecar)
        .iter()
        .map(ClaimState::span)
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
fn slug(text: &str, words: usize) -> String {
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
        "claim".into()
    } else {
        s.join("-")
    }
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
pub fn source_add(p: &Project, path: &ArticlePath, new: NewSource) -> Result<String> {
    p.actor(EDITORIAL, "add sources")?;
    check_source_fields(
        Some(&new.url),
        new.archived.as_deref(),
        new.published.as_deref(),
        new.accessed.as_deref(),
    )?;
    let today = p.clock.today();
    let snapshot = match &new.snapshot {
        Some(file) => Some(store_snapshot(p, file, new.excerpt.as_deref())?),
        None => None,
    };
    update(p, path, |sidecar, _| {
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
            snapshot,
            resolved: None,
        });
        Ok(id)
    })
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

/// Stores `file` under `evidence/` and returns its path there; refuses an `excerpt` the
/// snapshot does not contain.
pub(crate) fn store_snapshot(p: &Project, file: &Path, excerpt: Option<&str>) -> Result<String> {
    let rel = crate::io::evidence::store_snapshot(&p.root, file)?;
    if let Some(ex) = excerpt {
        excerpt_in_snapshot(p, &rel, ex, &file.display().to_string())?;
    }
    Ok(rel)
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
    let lower = url.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > 8
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
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
) -> Result<crate::ops::edit::Stale> {
    p.actor(EDITORIAL, "cite sources")?;
    update(p, path, |sidecar, _| {
        require_sources(sidecar, sources, path)?;
        let i = claim_index(sidecar, claim, path)?;
        let before = sidecar.clone();
        let c = &mut sidecar.claims[i];
        c.sources.extend(sources.iter().cloned());
        c.sources = dedup(std::mem::take(&mut c.sources));
        Ok(crate::ops::edit::stale_since(&before, sidecar))
    })
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

/// Separation of duties: refuses `who` doing `what` when they are an author of `sidecar`.
fn not_an_author(p: &Project, sidecar: &Sidecar, who: &str, what: &str) -> Result<()> {
    if p.workflow.separation_of_duties && sidecar.is_author(who) {
        return Err(Error::refused(
            format!("{who} may not {what}: they are an author"),
            "separation of duties: someone who did not write it does this",
        ));
    }
    Ok(())
}

/// A verification.
pub struct Verification {
    /// The verdict.
    pub status: Status,
    /// A note for the claim.
    pub note: Option<String>,
    /// The role to sign as (default: the first role the workflow requires of this claim that
    /// the actor holds).
    pub role: Option<String>,
}

/// Sets a claim's status and records the actor's sign-off on its current words. Returns the
/// role signed as and whether the quote was updated to reworded text.
pub fn verify(
    p: &Project,
    path: &ArticlePath,
    claim: &str,
    v: Verification,
) -> Result<(String, bool)> {
    let signers = p.workflow.claim_signoff_roles();
    let me = p.actor(&signers, "verify claims")?.clone();
    update(p, path, |sidecar, article| {
        not_an_author(
            p,
            sidecar,
            &me.email,
            &format!("verify claims in {}", path.rel),
        )?;
        let states = ClaimState::all(p, path, article, sidecar);
        let i = claim_index(sidecar, claim, path)?;
        let c = &mut sidecar.claims[i];
        let required = p.workflow.rules(c.kind).signoff_roles;
        let role = match v.role {
            Some(r) if me.has(&r) => r,
            Some(r) => {
                return Err(Error::refused(
                    format!("{} does not hold the role {r}", me.email),
                    format!("{} holds: {}", me.email, me.roles.join(", ")),
                ));
            }
            None => required
                .iter()
                .chain(me.roles.iter().filter(|r| signers.contains(&r.as_str())))
                .find(|r| me.has(r))
                .map(ToString::to_string)
                .expect("the actor holds a claim sign-off role"),
        };
        let (span, reworded) = match &states[i].located {
            Located::Found(span) => (*span, false),
            Located::Changed { span, .. } => (*span, true),
            Located::Uncertain { span, similarity } => {
                let pos = article.pos(span.start);
                return Err(Error::usage_hint(
                    format!(
                        "claim `{claim}` may have been rewritten into a different statement: at its place ({}:{}:{}) the text is only {:.0}% similar",
                        path.rel,
                        pos.line,
                        pos.column,
                        similarity * 100.0
                    ),
                    format!(
                        "if it is the same claim, set `quote.exact` of `{claim}` in {} to the new words, then verify; otherwise remove it and add the new claim",
                        path.sidecar_rel
                    ),
                ));
            }
            Located::Missing => {
                return Err(Error::usage_hint(
                    format!(
                        "claim `{claim}` is orphaned: its words are no longer in {}",
                        path.rel
                    ),
                    format!(
                        "fix `quote.exact` of `{claim}` in {} first",
                        path.sidecar_rel
                    ),
                ));
            }
            Located::OverBudget => {
                return Err(Error::usage_hint(
                    format!(
                        "claim `{claim}` was not located: locating the claims of {} took more work than its budget allows",
                        path.rel
                    ),
                    "run `factcheck check` and fix the FC006 finding first",
                ));
            }
            Located::Ambiguous(_) => {
                return Err(Error::usage_hint(
                    format!("claim `{claim}` is ambiguous"),
                    format!("lengthen its quote in {} first", path.sidecar_rel),
                ));
            }
        };
        c.quote = anchor::capture(&article.text, span);
        c.status = v.status;
        if v.note.is_some() {
            c.note = v.note;
        }
        let evidence = sidecar.evidence_fingerprint(&sidecar.claims[i]);
        let c = &mut sidecar.claims[i];
        let at = p
            .clock
            .timestamp_after(c.signoffs.iter().map(|so| so.at.as_str()));
        let signoff = ClaimSignoff {
            by: me.email.clone(),
            role: role.as_str().into(),
            verdict: v.status,
            at,
            text: anchor::text_hash(&c.quote.exact).into(),
            evidence: Some(evidence),
            article: Some(article.blob.as_str().into()),
        };
        let same = |a: &ClaimSignoff, b: &ClaimSignoff| {
            (a.verdict, &a.text, &a.evidence) == (b.verdict, &b.text, &b.evidence)
        };
        push_or_refresh(&mut c.signoffs, signoff, |so| (&so.by, &so.role), same);
        Ok((role, reworded))
    })
}

/// Appends the sign-off `new`, unless the signer's latest sign-off in the same role (`who`
/// gives signer and role) already says the same (`same`): that one is refreshed instead —
/// moved to the end with `new`'s time and fields — so signing twice leaves one record. An
/// earlier, different sign-off by them stays: it is history.
fn push_or_refresh<T>(
    records: &mut Vec<T>,
    new: T,
    who: impl Fn(&T) -> (&str, &str),
    same: impl Fn(&T, &T) -> bool,
) {
    let (by, role) = who(&new);
    let latest = records
        .iter()
        .rposition(|r| who(r).0.eq_ignore_ascii_case(by) && who(r).1 == role);
    if let Some(i) = latest.filter(|&i| same(&records[i], &new)) {
        records.remove(i);
    }
    records.push(new);
}

/// Records the actor's article-level sign-off as `role` on the current text.
pub fn signoff(p: &Project, path: &ArticlePath, role: &str) -> Result<()> {
    let me = p.actor(&[role], &format!("sign off as {role}"))?.clone();
    if !p.workflow.article.signoff_roles.iter().any(|r| r == role) {
        return Err(Error::usage_hint(
            format!(
                "workflow `{}` asks for no article sign-off by a {role}",
                p.workflow.name
            ),
            format!(
                "it asks for: {}",
                if p.workflow.article.signoff_roles.is_empty() {
                    "none".into()
                } else {
                    p.workflow.article.signoff_roles.join(", ")
                }
            ),
        ));
    }
    update(p, path, |sidecar, article| {
        not_an_author(p, sidecar, &me.email, &format!("sign off {}", path.rel))?;
        let states = ClaimState::all(p, path, article, sidecar);
        let claims = check::claims_digest(sidecar, &states);
        let at = p
            .clock
            .timestamp_after(sidecar.review.iter().map(|r| r.at.as_str()));
        let signoff = ArticleSignoff {
            by: me.email.clone(),
            role: role.into(),
            at,
            article: article.blob.as_str().into(),
            claims,
        };
        let same = |a: &ArticleSignoff, b: &ArticleSignoff| {
            (&a.article, &a.claims) == (&b.article, &b.claims)
        };
        push_or_refresh(&mut sidecar.review, signoff, |r| (&r.by, &r.role), same);
        Ok(())
    })
}

/// Moves a draft to `submitted`; refuses while any claim has no source.
pub fn submit(p: &Project, path: &ArticlePath) -> Result<()> {
    p.actor(&["writer", "editor"], "submit articles")?;
    update(p, path, |sidecar, _| {
        if sidecar.stage != Stage::Draft {
            return Err(Error::usage(format!(
                "{} is already {}",
                path.rel,
                sidecar.stage.as_str()
            )));
        }
        if sidecar.claims.is_empty() {
            return Err(Error::usage_hint(
                format!("{} has no claims", path.rel),
                format!(
                    "track its claims: factcheck claim add {} --quote ...",
                    path.rel
                ),
            ));
        }
        let bare: Vec<&str> = sidecar
            .claims
            .iter()
            .filter(|c| c.sources.is_empty())
            .map(|c| c.id.as_str())
            .collect();
        if !bare.is_empty() {
            return Err(Error::usage_hint(
                format!(
                    "cannot submit {}: {} claim(s) have no source: {}",
                    path.rel,
                    bare.len(),
                    bare.join(", ")
                ),
                format!("factcheck cite {} CLAIM SOURCE", path.rel),
            ));
        }
        sidecar.stage = Stage::Submitted;
        Ok(())
    })
}

/// The result of `publish`.
pub enum Publish {
    /// Published; the blob id of the published text.
    Done(String),
    /// The gate failed; nothing was written.
    Blocked(Box<ArticleReport>),
}

/// Runs the gate for one article and, if it passes, records the publication.
pub fn publish(p: &Project, path: &ArticlePath) -> Result<Publish> {
    let me = p.actor(&["editor"], "publish")?.clone();
    let _lock = crate::io::worktree::lock(&p.root, &path.sidecar_abs)?;
    let report = check::check_article(p, path);
    if report.input_error || !report.passed {
        return Ok(Publish::Blocked(Box::new(report)));
    }
    let loaded = Sidecar::load(path)?;
    let mut sidecar = loaded.sidecar;
    let article = p.load_article(path)?;
    if sidecar
        .publication
        .as_ref()
        .is_some_and(|pb| pb.article == article.blob)
    {
        return Err(Error::usage(format!(
            "{} is already published at this text",
            path.rel
        )));
    }
    sidecar.stage = Stage::Published;
    sidecar.publication = Some(Publication {
        by: me.email,
        at: p.clock.timestamp(),
        article: article.blob.as_str().into(),
    });
    sidecar.save(path, &loaded.text)?;
    Ok(Publish::Done(article.blob))
}

/// Records a correction for the current text of a published article.
pub fn correct(p: &Project, path: &ArticlePath, note: &str) -> Result<()> {
    let me = p
        .actor(&["editor", "writer"], "record corrections")?
        .clone();
    if note.trim().is_empty() {
        return Err(Error::usage(
            "the correction note is empty; say what changed for readers",
        ));
    }
    update(p, path, |sidecar, article| {
        let Some(publication) = &sidecar.publication else {
            return Err(Error::usage(format!(
                "{} is not published; just edit it",
                path.rel
            )));
        };
        if publication.article == article.blob
            || sidecar
                .corrections
                .iter()
                .any(|c| c.article == article.blob)
        {
            return Err(Error::usage(format!(
                "{} has not changed since it was published or last corrected",
                path.rel
            )));
        }
        sidecar.corrections.push(Correction {
            by: me.email,
            at: p.clock.timestamp(),
            note: note.trim().to_string(),
            article: article.blob.as_str().into(),
        });
        Ok(())
    })
}

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

/// What `reanchor` did, or would do, to one claim.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Reanchor {
    /// The quote already matches the text and its context.
    Unchanged,
    /// Same words; the recorded prefix/suffix were updated to the text around them now.
    ContextUpdated,
    /// The words changed: the quote now records the new words; sign-offs stay stale until a
    /// reviewer re-verifies.
    TextUpdated {
        /// The words recorded before.
        from: String,
        /// The words recorded now.
        to: String,
    },
    /// Not followed with confidence; the quote was left as it is.
    Left {
        /// `orphaned`, `ambiguous` or `uncertain`.
        reason: &'static str,
    },
}

/// One claim's result in `reanchor`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reanchored {
    /// The claim id.
    pub claim: String,
    /// Markdown line of the claim now, when it has a place.
    pub line: Option<usize>,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Reanchor,
}

/// Rewrites each claim's quote (exact, prefix, suffix) to the current text when the claim can be
/// followed with confidence (SPEC §4). Sign-offs are never touched: a claim whose words changed
/// keeps its old sign-offs, which stay stale until re-verified. With `dry_run` nothing is
/// written. Running it twice changes nothing the second time.
pub fn reanchor(p: &Project, path: &ArticlePath, dry_run: bool) -> Result<Vec<Reanchored>> {
    p.actor(EDITORIAL, "re-anchor claims")?;
    if dry_run {
        let mut sidecar = Sidecar::load(path)?.sidecar;
        let article = p.load_article(path)?;
        return Ok(reanchor_claims(p, path, &mut sidecar, &article));
    }
    update(p, path, |sidecar, article| {
        Ok(reanchor_claims(p, path, sidecar, article))
    })
}

fn reanchor_claims(
    p: &Project,
    path: &ArticlePath,
    sidecar: &mut Sidecar,
    article: &Article,
) -> Vec<Reanchored> {
    let states = ClaimState::all(p, path, article, sidecar);
    sidecar
        .claims
        .iter_mut()
        .zip(&states)
        .map(|(claim, state)| {
            let outcome = match &state.located {
                Located::Found(span) | Located::Changed { span, .. } => {
                    let fresh = anchor::capture(&article.text, *span);
                    let outcome = if fresh == claim.quote {
                        Reanchor::Unchanged
                    } else if anchor::text_hash(&fresh.exact)
                        == anchor::text_hash(&claim.quote.exact)
                    {
                        Reanchor::ContextUpdated
                    } else {
                        Reanchor::TextUpdated {
                            from: claim.quote.exact.clone(),
                            to: fresh.exact.clone(),
                        }
                    };
                    claim.quote = fresh;
                    outcome
                }
                Located::Uncertain { .. } => Reanchor::Left {
                    reason: "uncertain",
                },
                Located::Ambiguous(_) => Reanchor::Left {
                    reason: "ambiguous",
                },
                Located::Missing => Reanchor::Left { reason: "orphaned" },
                Located::OverBudget => Reanchor::Left {
                    reason: "over the search budget",
                },
            };
            Reanchored {
                claim: claim.id.clone(),
                line: state.span().map(|s| article.pos(s.start).line),
                outcome,
            }
        })
        .collect()
}

/// What `merge-driver` did.
pub enum MergeOutcome {
    /// Merged cleanly.
    Clean,
    /// Merged, with this many conflicts recorded under `conflicts:`.
    Conflicts(usize),
    /// A side was not a valid sidecar: a line-by-line merge was written, with conflict markers
    /// where the lines conflict, and it is not (yet) a valid sidecar.
    Textual,
}

/// The sidecar merge driver: merges `base` (may be empty) and `theirs` into `ours` (git's
/// `%O %A %B`, files git writes in the work tree `root`), writing the result to `ours`
/// atomically. A side holding comments written by hand is merged line by line, which keeps
/// them; the structured merge writes the canonical text, which has none.
pub fn merge_driver(root: &Path, base: &Path, ours: &Path, theirs: &Path) -> Result<MergeOutcome> {
    let read = |p: &Path| crate::io::worktree::read(root, p);
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let parse = |text: &str, p: &Path| crate::text::yaml::parse::<Sidecar>(text, p);
    let parsed = (
        if b.trim().is_empty() {
            Ok(None)
        } else {
            parse(&b, base).map(Some)
        },
        parse(&o, ours),
        parse(&t, theirs),
    );
    let commented = [&b, &o, &t]
        .iter()
        .any(|text| crate::model::sidecar::hand_comment(text).is_some());
    match parsed {
        (Ok(bs), Ok(os), Ok(ts)) if !commented => {
            let merged = crate::model::merge::merge(bs.as_ref(), &os, &ts);
            crate::io::worktree::write(root, ours, &merged.to_yaml())?;
            Ok(match merged.conflicts.len() {
                0 => MergeOutcome::Clean,
                n => MergeOutcome::Conflicts(n),
            })
        }
        _ => {
            let (mut bi, mut oi, mut ti) = (
                git2::MergeFileInput::new(),
                git2::MergeFileInput::new(),
                git2::MergeFileInput::new(),
            );
            // git2's merge_file does not initialise libgit2 itself; any other entry point
            // (here a throwaway config object) does.
            let _ = git2::Config::new();
            // libgit2 wants the same path on each side (it merges renames too).
            let name = ours
                .file_name()
                .map(Path::new)
                .unwrap_or(Path::new("sidecar"));
            bi.content(b.as_bytes()).path(name);
            oi.content(o.as_bytes()).path(name);
            ti.content(t.as_bytes()).path(name);
            let mut opts = git2::MergeFileOptions::new();
            opts.ancestor_label("base")
                .our_label("ours")
                .their_label("theirs");
            let result = git2::merge_file(&bi, &oi, &ti, Some(&mut opts))?;
            let text = String::from_utf8_lossy(result.content()).into_owned();
            crate::io::worktree::write(root, ours, &text)?;
            // Clean only if the lines merged and the result is a valid sidecar.
            let valid = crate::text::yaml::parse::<Sidecar>(&text, ours).is_ok();
            Ok(if result.is_automergeable() && valid {
                MergeOutcome::Clean
            } else {
                MergeOutcome::Textual
            })
        }
    }
}

/// Asks every source URL of `path` whether it answers (network) and records, for those that
/// answer, the final URL after redirects as `resolved` (removed when it equals the URL).
/// Returns (source id, url, what happened) in sidecar order.
pub fn check_sources(
    p: &Project,
    path: &ArticlePath,
) -> Result<Vec<(String, String, crate::io::online::Reach)>> {
    p.actor(EDITORIAL, "check sources")?;
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
