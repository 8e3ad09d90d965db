//! Publication output (docs/spec.md §7 `publish --out`, `export --claimreview`, `report --html`,
//! `status --html`): the fact-check report, the published page with its fact-check box, the
//! JSON manifest static-site generators read, and schema.org ClaimReview JSON-LD.

use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use crate::check::{self, ArticleReport, ClaimLocation, Standing};
use crate::error::Result;
use crate::model::paths::ArticlePath;
use crate::model::sidecar::Sidecar;
use crate::model::{ClaimKind, Email, Role, SourceKind, Status, Timestamp};
use crate::project::Project;
use crate::render::html::{self, Dossier};
use crate::text::article::Article;

/// The version of the manifest schema.
pub const MANIFEST_VERSION: u32 = 1;

/// Everything about one article, loaded once.
pub struct CheckedArticle {
    /// The article.
    pub article: Article,
    /// Its sidecar.
    pub sidecar: Sidecar,
    /// Where its claims are.
    pub states: Vec<ClaimLocation>,
    /// The gate's result.
    pub report: ArticleReport,
}

/// The sign-offs of `claim` that approve its words and evidence as they are now, with the
/// verdict it has: who vouches for the claim a reader sees.
fn current_signoffs<'s>(
    sidecar: &'s Sidecar,
    claim: &'s crate::model::sidecar::Claim,
    state: &'s ClaimLocation,
) -> impl Iterator<Item = &'s crate::model::sidecar::ClaimSignoff> + 's {
    let evidence = sidecar.evidence_fingerprint(claim);
    claim.signoffs.iter().filter(move |x| {
        x.verdict == claim.status
            && state
                .hash
                .as_deref()
                .is_some_and(|words| x.approves(words, &evidence))
    })
}

impl CheckedArticle {
    /// The people whose sign-offs stand for the text as it is: the article sign-offs that
    /// approve this version (under the workflow's `stale_on`), then the claim sign-offs that
    /// approve their claim's words and evidence; each person and role once, in that order. A
    /// sign-off on an earlier version vouches for nothing a reader sees now, so it is not named.
    pub fn reviewers(&self, p: &Project) -> Vec<Reviewer> {
        let digest = check::claims_digest(&self.sidecar, &self.states);
        let fresh = |r: &&crate::model::sidecar::ArticleSignoff| match p.workflow.article.stale_on {
            crate::model::workflow::StaleOn::AnyEdit => r.article == self.article.blob,
            crate::model::workflow::StaleOn::ClaimEdits => r.claims == digest,
        };
        let article = self
            .sidecar
            .review
            .iter()
            .filter(fresh)
            .map(|r| (&r.by, &r.role, &r.at));
        let claims = self
            .sidecar
            .claims
            .iter()
            .zip(&self.states)
            .flat_map(|(c, st)| current_signoffs(&self.sidecar, c, st))
            .map(|x| (&x.by, &x.role, &x.at));
        let mut out: Vec<Reviewer> = Vec::new();
        for (by, role, at) in article.chain(claims) {
            if !out.iter().any(|r| &r.email == by && &r.role == role) {
                out.push(Reviewer {
                    email: by.clone(),
                    name: p.person(by).and_then(|x| x.name.clone()),
                    role: role.clone(),
                    at: at.clone(),
                });
            }
        }
        out
    }

    /// Loads and checks the article at `path`.
    pub fn load(p: &Project, path: &ArticlePath) -> Result<CheckedArticle> {
        let loaded = Sidecar::load(path)?;
        let article = p.load_article(path)?;
        let states = ClaimLocation::all(p, path, &article, &loaded.sidecar);
        let subject = check::Subject {
            project: p,
            path,
            article: &article,
            loaded: &loaded,
            states: &states,
        };
        let report = check::check_loaded(&subject, &check::Options::default());
        Ok(CheckedArticle {
            article,
            sidecar: loaded.sidecar,
            states,
            report,
        })
    }

    /// The view the HTML pages render.
    pub fn dossier<'a>(&'a self, p: &'a Project) -> Dossier<'a> {
        Dossier {
            article: &self.article,
            sidecar: &self.sidecar,
            states: &self.states,
            report: &self.report,
            workflow: &p.workflow.name,
        }
    }
}

/// The public URL of `path`: `--url` when given, else the config's `site.url` joined with the
/// article's path (`.md` → `.html`), else none.
pub fn url_of(p: &Project, path: &ArticlePath, given: Option<&str>) -> Option<String> {
    if let Some(u) = given {
        return Some(u.to_string());
    }
    let base = p.config.site.as_ref()?.url.as_deref()?;
    let page = path
        .rel
        .strip_suffix(".md")
        .map_or(path.rel.clone(), |s| format!("{s}.html"));
    Some(format!("{}/{page}", base.trim_end_matches('/')))
}

/// The rating factcheck gives a claim status in ClaimReview (1 worst … 5 best).
fn rating(status: Status) -> Option<(u8, &'static str)> {
    match status {
        Status::Verified => Some((5, "True")),
        Status::Disputed => Some((3, "Disputed")),
        Status::False => Some((1, "False")),
        Status::Opinion | Status::Unverified => None,
    }
}

/// schema.org ClaimReview objects for every claim with a verdict (verified, disputed, false);
/// opinions and unverified claims are not reviews, and neither is a verdict on other words or
/// evidence: stale and unanchored claims are left out.
pub fn claim_reviews(p: &Project, l: &CheckedArticle, url: Option<&str>) -> Value {
    let org = p
        .config
        .site
        .as_ref()
        .and_then(|s| s.name.clone())
        .unwrap_or_else(|| "factcheck".into());
    let appearance = url.map(|u| json!({ "@type": "CreativeWork", "url": u }));
    let reviews: Vec<Value> = l
        .sidecar
        .claims
        .iter()
        .zip(&l.states)
        .zip(&l.report.claim_states)
        .filter(|(_, view)| !matches!(view.standing, Standing::Stale | Standing::Unanchored))
        .filter_map(|((c, state), _)| {
            let (value, name) = rating(c.status)?;
            let date = c
                .signoffs
                .iter()
                .filter(|s| s.verdict == c.status)
                .map(|s| s.at.as_str())
                .max()
                .or(l.sidecar.publication.as_ref().map(|p| p.at.as_str()))
                .map(|at| at.get(..10).unwrap_or(at).to_string());
            let mut claim = json!({ "@type": "Claim" });
            if let Some(a) = &appearance {
                claim["appearance"] = json!([a]);
                claim["firstAppearance"] = a.clone();
            }
            if let Some(author) = &l.article.meta.author {
                claim["author"] = json!({ "@type": "Person", "name": author });
            }
            if let Some(d) = &l.article.meta.date {
                claim["datePublished"] = json!(d);
            }
            let mut review = json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": state.current.as_deref().unwrap_or(&c.quote.exact),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": name
                },
                "itemReviewed": claim,
                "author": { "@type": "Organization", "name": org },
            });
            if let Some(d) = date {
                review["datePublished"] = json!(d);
            }
            if let Some(u) = url {
                review["url"] = json!(format!("{u}#claim-{}", c.id));
            }
            Some(review)
        })
        .collect();
    Value::Array(reviews)
}

/// JSON made safe to embed in `<script type="application/ld+json">`: `<`, `>` and `&` are
/// written as `\u003c`, `\u003e`, `\u0026` (they only occur inside strings), so `</script>`
/// in a claim cannot close the element.
pub fn script_safe_json(v: &Value) -> String {
    serde_json::to_string_pretty(v)
        .expect("JSON serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The manifest static-site generators read (docs/publishing.md).
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// Schema version.
    pub version: u32,
    /// Repository-relative article path.
    pub article: String,
    /// Front matter title.
    pub title: Option<String>,
    /// Public URL, when known.
    pub url: Option<String>,
    /// Git blob id of the published text.
    pub blob: String,
    /// Who published, and when.
    pub published: Option<Published>,
    /// Article-level reviewers.
    pub reviewers: Vec<Reviewer>,
    /// Every claim.
    pub claims: Vec<ManifestClaim>,
    /// Every source a claim cites.
    pub sources: Vec<ManifestSource>,
    /// The corrections made since first publication, oldest first (left out when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<ManifestCorrection>,
}

/// A correction, as readers are told of it.
#[derive(Debug, Serialize)]
pub struct ManifestCorrection {
    /// When it was recorded (RFC 3339).
    pub at: Timestamp,
    /// What was corrected.
    pub note: String,
}

/// The publication record.
#[derive(Debug, Serialize)]
pub struct Published {
    /// Editor's email.
    pub by: Email,
    /// RFC 3339.
    pub at: Timestamp,
}

/// A reviewer.
#[derive(Debug, Serialize)]
pub struct Reviewer {
    /// Email.
    pub email: Email,
    /// Display name, when `factcheck.yaml` has one.
    pub name: Option<String>,
    /// Role signed as.
    pub role: Role,
    /// When.
    pub at: Timestamp,
}

/// A claim in the manifest.
#[derive(Debug, Serialize)]
pub struct ManifestClaim {
    /// Id (also the HTML anchor `claim-ID`).
    pub id: String,
    /// Its words.
    pub text: String,
    /// Kind.
    pub kind: ClaimKind,
    /// Status.
    pub status: Status,
    /// Source ids.
    pub sources: Vec<String>,
    /// Who signed it off (emails).
    pub reviewed_by: Vec<Email>,
}

/// A source in the manifest.
#[derive(Debug, Serialize)]
pub struct ManifestSource {
    /// Id.
    pub id: String,
    /// URL.
    pub url: String,
    /// Title.
    pub title: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Kind.
    pub kind: SourceKind,
    /// Publication date.
    pub published: Option<String>,
}

/// Builds the manifest of a loaded article.
pub fn manifest(p: &Project, l: &CheckedArticle, url: Option<&str>) -> Manifest {
    let s = &l.sidecar;
    Manifest {
        version: MANIFEST_VERSION,
        article: l.report.article.clone(),
        title: l.article.meta.title.clone(),
        url: url.map(str::to_string),
        blob: l.article.blob.clone(),
        published: s.publication.as_ref().map(|p| Published {
            by: p.by.clone(),
            at: p.at.clone(),
        }),
        reviewers: l.reviewers(p),
        claims: s
            .claims
            .iter()
            .zip(&l.states)
            .map(|(c, st)| {
                let mut by: Vec<Email> = current_signoffs(s, c, st).map(|x| x.by.clone()).collect();
                by.sort_unstable();
                by.dedup();
                ManifestClaim {
                    id: c.id.clone(),
                    text: st.current.clone().unwrap_or_else(|| c.quote.exact.clone()),
                    kind: c.kind,
                    status: c.status,
                    sources: c.sources.clone(),
                    reviewed_by: by,
                }
            })
            .collect(),
        sources: s
            .sources
            .iter()
            .filter(|src| s.claims.iter().any(|c| c.sources.contains(&src.id)))
            .map(|src| ManifestSource {
                id: src.id.clone(),
                url: src.url.clone(),
                title: src.title.clone(),
                publisher: src.publisher.clone(),
                kind: src.kind,
                published: src.published.clone(),
            })
            .collect(),
        corrections: s
            .corrections
            .iter()
            .map(|c| ManifestCorrection {
                at: c.at.clone(),
                note: c.note.clone(),
            })
            .collect(),
    }
}

/// Writes the published page and manifest of `path` into `dir`, the folder the user named
/// (anywhere, but through no link inside the repository: [`crate::io::worktree`]); returns the two
/// paths.
pub fn write_outputs(
    p: &Project,
    path: &ArticlePath,
    dir: &Path,
    url: Option<&str>,
) -> Result<(std::path::PathBuf, std::path::PathBuf)> {
    let l = CheckedArticle::load(p, path)?;
    let stem = path
        .abs
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    let work_tree = crate::io::worktree::of(&p.root);
    let dir = crate::io::worktree::create_dir_all(&work_tree, dir)?;
    let reviews = claim_reviews(p, &l, url);
    let people: Vec<(String, String)> = l
        .reviewers(p)
        .into_iter()
        .map(|r| (r.name.unwrap_or_else(|| r.email.to_string()), r.role.into()))
        .collect();
    let page = html::published_page(&l.dossier(p), &people, &script_safe_json(&reviews));
    let html_path = dir.join(format!("{stem}.html"));
    crate::io::worktree::write(&work_tree, &html_path, &page)?;
    let json_path = dir.join(format!("{stem}.factcheck.json"));
    let manifest =
        serde_json::to_string_pretty(&manifest(p, &l, url)).expect("manifest serialises");
    crate::io::worktree::write(&work_tree, &json_path, &(manifest + "\n"))?;
    Ok((html_path, json_path))
}
