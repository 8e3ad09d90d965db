//! The sidecar: `<stem>.claims.yaml` beside `<stem>.md`, tracking the article's claims, sources
//! and sign-offs (docs/spec.md §2). Loading is strict and located; saving is canonical (fixed key
//! order, claims in document order, empty fields left out), atomic and locked.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Pos, Result};
use crate::model::paths::ArticlePath;
use crate::model::time::parse_date;
use crate::model::{
    BlobId, ClaimKind, Email, Fingerprint, Role, SourceKind, Stage, Status, Timestamp,
};
use crate::text::anchor::Quote;
use crate::text::yaml;

/// The most claims one sidecar may hold (10,000): far above any real article (a 100,000-word
/// page carries about 1,500), low enough that a hostile sidecar cannot make `check` crawl.
pub const MAX_CLAIMS: usize = 10_000;

/// The first lines of every sidecar factcheck writes.
pub const HEADER: &str = "# factcheck sidecar: claims, sources and sign-offs for the article beside it.\n# Edit with the `factcheck` command; format: docs/formats.md\n# yaml-language-server: $schema=https://raw.githubusercontent.com/factcheck/factcheck/main/schemas/sidecar.schema.json\n";

/// A sidecar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// The article's file name (in the same directory).
    pub article: String,
    /// Who wrote it (emails); they may not sign it off.
    #[serde(default)]
    pub authors: Vec<Email>,
    /// Workflow stage.
    #[serde(default)]
    pub stage: Stage,
    /// Tracked claims, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Sources the claims cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Article-level sign-offs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<ArticleSignoff>,
    /// The publication record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    /// Corrections made after publication.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// Conflicts the merge driver could not decide (FC060 until resolved and removed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Where each source is, found when first asked ([`Sidecar::source`]).
    #[serde(skip)]
    #[schemars(skip)]
    pub source_index: SourceIndex,
}

/// The position of each source by id, built once: a claim citing tens of thousands of sources
/// looked each up by a search of all of them. A lookup checks the position it finds, so an
/// index made before the sources changed is never wrong, only slower (a search).
#[derive(Default)]
pub struct SourceIndex(std::sync::OnceLock<std::collections::HashMap<String, usize>>);

impl Clone for SourceIndex {
    fn clone(&self) -> Self {
        SourceIndex::default()
    }
}

impl PartialEq for SourceIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for SourceIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SourceIndex")
    }
}

/// A conflict recorded by `factcheck merge-driver`: two branches changed the same thing
/// differently. The field keeps "ours"; resolving means editing it and deleting the entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// What conflicts, e.g. `claims.depression-libido.status`.
    pub at: String,
    /// The value on the branch merged into (kept in the field).
    pub ours: String,
    /// The value on the branch merged in.
    pub theirs: String,
}

/// A factual claim in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id (lowercase letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// Where it is in the text.
    pub quote: Quote,
    /// What sort of claim (workflow rules differ per kind).
    #[serde(default)]
    pub kind: ClaimKind,
    /// Verification status.
    #[serde(default)]
    pub status: Status,
    /// Ids of the sources supporting it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The reviewers' note (why disputed, what was checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sign-offs, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signoffs: Vec<ClaimSignoff>,
}

/// A reviewer's sign-off on one claim, bound to the claim's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimSignoff {
    /// The reviewer's email.
    pub by: Email,
    /// The role they signed as.
    pub role: Role,
    /// Their verdict.
    pub verdict: Status,
    /// When (RFC 3339).
    pub at: Timestamp,
    /// `sha256:` of the normalised claim text they approved.
    pub text: Fingerprint,
    /// `sha256:` of the rest of what they approved: the claim's kind and reviewers' note, and
    /// its evidence (which sources it cites, and each one's URL, title, publisher, kind, date,
    /// excerpt, snapshot and archived copy); see [`Sidecar::evidence_fingerprint`]. Changing any of them stales the
    /// sign-off, so a verified claim cannot be given weaker evidence or a laxer kind behind
    /// its reviewer's back. Absent from sign-offs recorded before it existed: those stay bound
    /// to the words only until the claim is re-verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Fingerprint>,
    /// The git blob id of the article they read (for `diff --since-signoff`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<BlobId>,
}

impl ClaimSignoff {
    /// Whether this sign-off approved the claim as it now stands: the words whose hash is
    /// `words` and the kind and evidence whose fingerprint is `evidence`.
    pub fn approves(&self, words: &str, evidence: &str) -> bool {
        self.text == words && self.evidence.as_deref().is_none_or(|e| e == evidence)
    }
}

/// A source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id.
    pub id: String,
    /// Where it is.
    pub url: String,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// What sort of source.
    #[serde(default)]
    pub kind: SourceKind,
    /// When it was published or last reviewed (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// When the newsroom read it (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
    /// An archived copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<String>,
    /// The passage in the source that supports the claims citing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    /// A local copy of the source (`evidence/<sha256>.txt|.html`) that proves the excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    /// Where the URL ended up after redirects, as last checked online (`source check --online`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

/// An article-level sign-off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleSignoff {
    /// The reviewer's email.
    pub by: Email,
    /// The role they signed as.
    pub role: Role,
    /// When (RFC 3339).
    pub at: Timestamp,
    /// The git blob id of the article text they approved.
    pub article: BlobId,
    /// `sha256:` over the claim ids and texts they approved (for `stale_on: claim-edits`).
    pub claims: Fingerprint,
}

/// The publication record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Who published.
    pub by: Email,
    /// When (RFC 3339).
    pub at: Timestamp,
    /// Git blob id of the published text.
    pub article: BlobId,
}

/// A correction to a published article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// Who recorded it.
    pub by: Email,
    /// When (RFC 3339).
    pub at: Timestamp,
    /// What was corrected, for readers.
    pub note: String,
    /// Git blob id of the corrected text.
    pub article: BlobId,
}

/// A sidecar together with its text (for locating findings in it).
pub struct SidecarFile {
    /// The parsed sidecar.
    pub sidecar: Sidecar,
    /// The YAML text it was parsed from.
    pub text: String,
}

impl Sidecar {
    /// A new sidecar for `path`, written by `author`.
    pub fn new(path: &ArticlePath, author: &str) -> Sidecar {
        Sidecar {
            article: path.file_name(),
            authors: vec![author.into()],
            ..Sidecar::default()
        }
    }

    /// Loads and validates the sidecar of `path`. A symbolic link is refused
    /// ([`crate::io::worktree`]).
    pub fn load(path: &ArticlePath) -> Result<SidecarFile> {
        let text = match crate::io::worktree::read(&path.root, &path.sidecar_abs) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::usage_hint(
                    format!(
                        "{} is not tracked: {} does not exist",
                        path.rel, path.sidecar_rel
                    ),
                    format!("run `factcheck track {}`", path.rel),
                ));
            }
            read => read?,
        };
        let sidecar = Sidecar::parse(&text, Path::new(&path.sidecar_rel), &path.file_name())?;
        Ok(SidecarFile { sidecar, text })
    }

    /// Parses and validates sidecar YAML for the article named `article`.
    pub fn parse(text: &str, file: &Path, article: &str) -> Result<Sidecar> {
        let sidecar: Sidecar = yaml::parse(text, file)?;
        sidecar.validate(text, file, article)?;
        Ok(sidecar)
    }

    /// The claim with `id`.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// The source with `id`.
    pub fn source(&self, id: &str) -> Option<&Source> {
        let index = self.source_index.0.get_or_init(|| {
            let ids = self.sources.iter().enumerate();
            ids.map(|(i, s)| (s.id.clone(), i)).collect()
        });
        match index.get(id).and_then(|&i| self.sources.get(i)) {
            Some(s) if s.id == id => Some(s),
            _ => self.sources.iter().find(|s| s.id == id),
        }
    }

    /// The fingerprint of a claim's kind and evidence that its sign-offs record (see
    /// [`ClaimSignoff::evidence`]). Cited sources are taken in id order, so reordering the
    /// citations changes nothing; a cited id the sidecar does not define counts as itself.
    pub fn evidence_fingerprint(&self, claim: &Claim) -> Fingerprint {
        let mut cited: Vec<&str> = claim.sources.iter().map(String::as_str).collect();
        cited.sort_unstable();
        cited.dedup();
        let mut fields: Vec<&str> = vec!["kind", claim.kind.as_str(), "note", opt(&claim.note)];
        for id in cited {
            fields.push("source");
            fields.push(id);
            let Some(s) = self.source(id) else {
                fields.push("undefined");
                continue;
            };
            fields.extend([
                s.url.as_str(),
                opt(&s.title),
                opt(&s.publisher),
                s.kind.as_str(),
                opt(&s.published),
                opt(&s.excerpt),
                opt(&s.snapshot),
                opt(&s.archived),
            ]);
        }
        Fingerprint::from(crate::text::fingerprint::fields_digest(fields))
    }

    /// Whether `email` is an author.
    pub fn is_author(&self, email: &str) -> bool {
        self.authors.iter().any(|a| a == email)
    }

    /// The canonical YAML text.
    pub fn to_yaml(&self) -> String {
        format!("{HEADER}{}", yaml::to_string(self))
    }

    /// Writes the sidecar of `path` atomically in place of `replacing`, the text it was loaded
    /// from. The canonical text keeps no comments, so a sidecar holding a comment written by
    /// hand is refused rather than rewritten: the note would vanish without a word.
    pub fn save(&self, path: &ArticlePath, replacing: &str) -> Result<()> {
        if let Some(pos) = hand_comment(replacing) {
            return Err(Error::Invalid {
                file: Path::new(&path.sidecar_rel).to_path_buf(),
                pos,
                message: "this comment was written by hand, and factcheck would lose it: it rewrites the sidecar without comments, so it changes nothing".into(),
                hint: Some("move the note into the claim's `note:` field, or delete the comment; then run the command again".into()),
            });
        }
        crate::io::worktree::write(&path.root, &path.sidecar_abs, &self.to_yaml()).map(drop)
    }

    fn validate(&self, text: &str, file: &Path, article: &str) -> Result<()> {
        let loc = yaml::Locator::new(text);
        let fail = |pos: Option<Pos>, message: String, hint: Option<String>| {
            Err(Error::Invalid {
                file: file.to_path_buf(),
                pos: pos.unwrap_or(Pos { line: 1, column: 1 }),
                message,
                hint,
            })
        };
        if self.article != article {
            return fail(
                loc.key("article", 1),
                format!(
                    "`article: {}` does not name the article beside this sidecar",
                    self.article
                ),
                Some(format!("it should read `article: {article}`")),
            );
        }
        if self.claims.len() > MAX_CLAIMS {
            return fail(
                loc.key("claims", 1),
                format!(
                    "{} claims, over the limit of {MAX_CLAIMS} per sidecar",
                    self.claims.len()
                ),
                Some("split the article; no single page needs this many claims".into()),
            );
        }
        // Positions are only looked up for the error message: scanning the text for every
        // claim up front would make loading quadratic in the number of claims.
        let mut ids = HashSet::new();
        for c in &self.claims {
            let at = || loc.key_value("id", &c.id, 1);
            check_id(&c.id).or_else(|m| fail(at(), m, None))?;
            if !ids.insert(c.id.as_str()) {
                let second = at().and_then(|p| loc.key_value("id", &c.id, p.line + 1));
                return fail(
                    second.or(at()),
                    format!("duplicate claim id `{}`", c.id),
                    Some("give each claim its own id".into()),
                );
            }
            if c.quote.exact.trim().is_empty() {
                return fail(at(), format!("claim `{}` has an empty quote", c.id), None);
            }
            for s in &c.signoffs {
                let sat = || at().and_then(|p| loc.key_value("by", &s.by, p.line));
                s.at.check().or_else(|m| fail(sat(), m, None))?;
                if !s.text.is_well_formed() {
                    return fail(
                        sat(),
                        format!(
                            "sign-off by {} on `{}`: `text` must be sha256:<64 hex digits>",
                            s.by, c.id
                        ),
                        None,
                    );
                }
                if s.evidence.as_ref().is_some_and(|e| !e.is_well_formed()) {
                    return fail(
                        sat(),
                        format!(
                            "sign-off by {} on `{}`: `evidence` must be sha256:<64 hex digits>",
                            s.by, c.id
                        ),
                        None,
                    );
                }
                if let Some(blob) = &s.article {
                    blob.check().or_else(|m| fail(sat(), m, None))?;
                }
            }
        }
        let mut sids = HashSet::new();
        for s in &self.sources {
            let at = || loc.key_value("id", &s.id, 1);
            check_id(&s.id).or_else(|m| fail(at(), m, None))?;
            if !sids.insert(s.id.as_str()) {
                let second = at().and_then(|p| loc.key_value("id", &s.id, p.line + 1));
                return fail(
                    second.or(at()),
                    format!("duplicate source id `{}`", s.id),
                    None,
                );
            }
            for (key, url) in [
                ("url", Some(&s.url)),
                ("archived", s.archived.as_ref()),
                ("resolved", s.resolved.as_ref()),
            ] {
                if let Some(url) = url
                    && !crate::io::online::is_http_url(url)
                {
                    return fail(
                        at().and_then(|p| loc.key(key, p.line)),
                        format!("source `{}`: `{key}: {url}` is not an http(s) URL", s.id),
                        Some("sources are cited by http:// or https:// URL; factcheck never opens a file: or other URL".into()),
                    );
                }
            }
            if let Some(snap) = &s.snapshot
                && !crate::io::evidence::is_snapshot_path(snap)
            {
                return fail(
                    at().and_then(|p| loc.key("snapshot", p.line)),
                    format!(
                        "source `{}`: snapshot `{snap}` is not a path factcheck writes",
                        s.id
                    ),
                    Some("snapshots live in evidence/<sha256>.txt|.html inside the repository; add one with `factcheck source add … --snapshot FILE`".into()),
                );
            }
            for (key, date) in [("published", &s.published), ("accessed", &s.accessed)] {
                if let Some(d) = date
                    && parse_date(d).is_none()
                {
                    return fail(
                        at().and_then(|p| loc.key(key, p.line)),
                        format!("source `{}`: `{key}: {d}` is not a date", s.id),
                        Some("write dates as YYYY-MM-DD".into()),
                    );
                }
            }
        }
        for r in &self.review {
            let at = || loc.key_value("by", &r.by, 1);
            r.at.check().or_else(|m| fail(at(), m, None))?;
            r.article.check().or_else(|m| fail(at(), m, None))?;
        }
        for (at, blob) in self
            .publication
            .iter()
            .map(|p| (&p.at, &p.article))
            .chain(self.corrections.iter().map(|c| (&c.at, &c.article)))
        {
            let pos = || loc.key_value("article", blob, 1);
            at.check().or_else(|m| fail(pos(), m, None))?;
            blob.check().or_else(|m| fail(pos(), m, None))?;
        }
        Ok(())
    }
}

/// An optional field as text, empty when absent.
fn opt(o: &Option<String>) -> &str {
    o.as_deref().unwrap_or("")
}

/// The longest id of a claim or source.
pub const MAX_ID_LEN: usize = 80;

/// Checks an id: lowercase letters, digits, `-`, `_`, `.`, starting with a letter or digit.
pub fn check_id(id: &str) -> std::result::Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not a valid id: use lowercase letters, digits, `-`, `_` and `.`, at most {MAX_ID_LEN} in all"
        ))
    }
}

/// Where the first YAML comment of `text` that is not one of [`HEADER`]'s lines starts, if
/// any. A line-by-line scan that knows enough YAML not to mistake a `#` inside a quoted or
/// block scalar, or inside a word (`C#`), for a comment.
pub fn hand_comment(text: &str) -> Option<Pos> {
    let own: Vec<&str> = HEADER.lines().collect();
    // The indentation of the key or item that opened a block scalar (`|`, `>`), whose lines
    // are text, not YAML.
    let mut block: Option<usize> = None;
    // The quote a multi-line quoted scalar is still inside.
    let mut quote: Option<char> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(opened) = block {
            if line.trim().is_empty() || indent > opened {
                continue;
            }
            block = None;
        }
        if quote.is_none() && own.contains(&line) {
            continue;
        }
        let mut prev = ' ';
        let mut chars = line.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match quote {
                Some('\'') if c == '\'' => {
                    if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some('"') if c == '"' => quote = None,
                Some(_) => {}
                None if c == '#' && prev.is_whitespace() => {
                    return Some(Pos {
                        line: i + 1,
                        column: line[..at].chars().count() + 1,
                    });
                }
                None if (c == '\'' || c == '"') && starts_token(prev) => quote = Some(c),
                None => {}
            }
            prev = c;
        }
        if quote.is_none() && opens_block_scalar(line) {
            block = Some(indent);
        }
    }
    None
}

/// Whether a quote after `prev` opens a quoted scalar (rather than sitting inside a word).
fn starts_token(prev: char) -> bool {
    prev.is_whitespace() || matches!(prev, '[' | '{' | ',' | ':' | '-')
}

/// Whether `line` ends with a block scalar indicator: `key: |`, `- >-`, `note: |2+`.
fn opens_block_scalar(line: &str) -> bool {
    let value = line
        .trim_end()
        .rsplit_once(' ')
        .map_or(line.trim(), |(_, v)| v);
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
}

#[cfg(test)]
mod tests;
