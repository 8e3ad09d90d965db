//! The gate: evaluates one article against the workflow and returns findings (docs/spec.md §5, §8).
//!
//! Each submodule owns a family of checks and their codes: [`claims`] (anchoring, status,
//! sources), [`signoffs`] (claim and article sign-offs, roles, separation of duties) and
//! [`publication`] (stage and corrections). The library never prints; reporters do.

pub mod change;

mod claims;
mod evidence;
mod location;
mod places;
mod provenance;
mod publication;
mod signoffs;
pub mod stale;
mod standing;
mod tally;

pub use location::ClaimLocation;
use standing::standings;
pub use standing::{ClaimView, Standing};
pub use tally::Tally;

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Pos};
use crate::git::history::Versions;
use crate::model::Fingerprint;
use crate::model::Stage;
use crate::model::finding::{Code, Finding, Label, Severity};
use crate::model::paths::ArticlePath;
use crate::model::sidecar::{Sidecar, SidecarFile};
use crate::project::Project;

use crate::text::article::Article;
use crate::text::span::Span;
use places::Places;

/// The outcome of checking one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    /// Repository-relative article path.
    pub article: String,
    /// Title, author and date from its front matter.
    #[serde(flatten)]
    pub meta: crate::text::frontmatter::Meta,
    /// Its stage (`None` when untracked or unreadable).
    pub stage: Option<Stage>,
    /// Number of tracked claims.
    pub claims: usize,
    /// Claims whose status is publishable.
    pub publishable: usize,
    /// Claims that would pass the gate ([`ClaimView::passes`]).
    pub ok: usize,
    /// Claims with a stale sign-off: [`Standing::Stale`].
    pub stale: usize,
    /// How each claim stands, in sidecar order.
    pub claim_states: Vec<ClaimView>,
    /// Whether it passes the gate (no error-severity finding).
    pub passed: bool,
    /// Findings, in file order.
    pub findings: Vec<Finding>,
    /// A file could not be read or parsed (exit code 2).
    #[serde(skip)]
    pub input_error: bool,
}

impl ArticleReport {
    /// The report of `article` before anything is known about it: no claims, no findings.
    pub fn empty(article: String) -> ArticleReport {
        ArticleReport {
            article,
            meta: Default::default(),
            stage: None,
            claims: 0,
            publishable: 0,
            ok: 0,
            stale: 0,
            claim_states: Vec::new(),
            passed: false,
            findings: Vec::new(),
            input_error: false,
        }
    }

    /// How claim `id` stands, when the article has such a claim.
    pub fn claim(&self, id: &str) -> Option<&ClaimView> {
        self.claim_states.iter().find(|c| c.id == id)
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Everything a check needs about one article.
pub struct Subject<'a> {
    /// The project.
    pub project: &'a Project,
    /// Paths.
    pub path: &'a ArticlePath,
    /// The parsed article.
    pub article: &'a Article,
    /// The sidecar and its text.
    pub loaded: &'a SidecarFile,
    /// One state per claim, in sidecar order.
    pub states: &'a [ClaimLocation],
}

impl Subject<'_> {
    /// The sidecar.
    pub fn sidecar(&self) -> &Sidecar {
        &self.loaded.sidecar
    }

    /// The digest of the current claims, as article sign-offs record it.
    pub fn claims_digest(&self) -> Fingerprint {
        claims_digest(self.sidecar(), self.states)
    }
}

/// The digest of `sidecar`'s claims as they now read.
pub fn claims_digest(sidecar: &Sidecar, states: &[ClaimLocation]) -> Fingerprint {
    crate::text::fingerprint::claims_digest(
        sidecar
            .claims
            .iter()
            .zip(states)
            .map(|(c, s)| (c.id.as_str(), s.hash.as_deref().unwrap_or("missing"))),
    )
    .into()
}

/// Collects findings, applying the workflow's severities.
pub struct Findings<'a> {
    subject: &'a Subject<'a>,
    /// Where findings go in the sidecar, indexed once for all of them.
    places: Places<'a>,
    out: Vec<Finding>,
}

impl<'a> Findings<'a> {
    fn new(subject: &'a Subject<'a>) -> Self {
        Findings {
            subject,
            places: Places::new(&subject.loaded.text),
            out: Vec::new(),
        }
    }

    /// A finding on a span of the article's plain text.
    pub fn at_text(
        &mut self,
        code: Code,
        span: Span,
        claim: Option<&str>,
        message: String,
        help: Option<String>,
    ) {
        let label = text_label(self.subject.path, self.subject.article, span);
        self.push(code, label, claim, message, help);
    }

    /// A finding at byte `at` of the article's Markdown, underlining `len` characters.
    pub fn at_source(
        &mut self,
        code: Code,
        at: usize,
        len: usize,
        message: String,
        help: Option<String>,
    ) {
        let article = self.subject.article;
        let pos = article.source_position(at);
        let (shown, line_from, line_cut) = article.line_window(pos.line, at, at + len, LINE_KEPT);
        let label = Label {
            file: self.subject.path.rel.clone(),
            line: pos.line,
            column: pos.column,
            len: len.max(1),
            line_text: shown.to_string(),
            line_from,
            line_cut,
        };
        self.push(code, label, None, message, help);
    }

    /// A finding on the sidecar line of claim `id` (or the first line mentioning `word` after it).
    pub fn at_claim_yaml(
        &mut self,
        code: Code,
        id: &str,
        word: Option<&str>,
        message: String,
        help: Option<String>,
    ) {
        let claim_pos = self.claim_line(id);
        let pos = match word {
            Some(w) => claim_pos
                .and_then(|p| {
                    let end = self.places.end_of_item(p.line);
                    self.places.word_before(w, p.line, end)
                })
                .or(claim_pos),
            None => claim_pos,
        };
        let len = word.map_or(id.len() + 4, |w| w.chars().count());
        let label = self.yaml_label(pos, len);
        self.push(code, label, Some(id), message, help);
    }

    /// A finding on the first sidecar line setting `key` to `value` (or just `key`), searching
    /// from the top-level `section` key (e.g. `review`) when given.
    pub fn at_yaml(
        &mut self,
        code: Code,
        section: Option<&str>,
        key: &str,
        value: Option<&str>,
        message: String,
        help: Option<String>,
    ) {
        let from = section
            .and_then(|s| self.places.key(s, 1))
            .map_or(1, |p| p.line);
        let pos = match value {
            Some(v) => self
                .places
                .key_value(key, v, from)
                .or_else(|| self.places.word(v, from)),
            None => self.places.key(key, from),
        };
        let len = value.map_or(key.len(), |v| key.len() + 2 + v.chars().count());
        let label = self.yaml_label(pos, len);
        self.push(code, label, None, message, help);
    }

    /// A finding on the sidecar line of source `id`.
    pub fn at_source_yaml(&mut self, code: Code, id: &str, message: String, help: Option<String>) {
        let pos = self.places.locator().source(id);
        let label = self.yaml_label(pos, id.len() + 4);
        self.push(code, label, None, message, help);
    }

    /// The sidecar position of claim `id`.
    pub fn claim_line(&self, id: &str) -> Option<Pos> {
        self.places.locator().claim(id)
    }

    fn yaml_label(&mut self, pos: Option<Pos>, len: usize) -> Label {
        let pos = pos.unwrap_or(Pos { line: 1, column: 1 });
        let (shown, line_from, line_cut) = self.places.window(pos, len, LINE_KEPT);
        Label {
            file: self.subject.path.sidecar_rel.clone(),
            line: pos.line,
            column: pos.column,
            len: len.max(1),
            line_text: shown.to_string(),
            line_from,
            line_cut,
        }
    }

    fn push(
        &mut self,
        code: Code,
        label: Label,
        claim: Option<&str>,
        message: String,
        help: Option<String>,
    ) {
        if let Some(severity) = self.subject.project.workflow.severity(code) {
            self.out.push(Finding {
                code,
                severity,
                message,
                claim: claim.map(str::to_string),
                label,
                help,
            });
        }
    }
}

/// A label on a span of the article's plain text, mapped to its Markdown line and column.
pub fn text_label(path: &ArticlePath, article: &Article, span: Span) -> Label {
    let start = article.pos(span.start);
    let end = article.pos(span.end.saturating_sub(1).max(span.start));
    let from = article.text.source_offset(span.start);
    let to = article
        .text
        .source_offset(span.end.saturating_sub(1).max(span.start))
        + 1;
    let (shown, line_from, line_cut) = article.line_window(start.line, from, to, LINE_KEPT);
    let shown_chars = shown.chars().count();
    let len = if end.line == start.line {
        end.column + 1 - start.column
    } else {
        (line_from + shown_chars + 1).saturating_sub(start.column)
    };
    Label {
        file: path.rel.clone(),
        line: start.line,
        column: start.column,
        len: len.max(1),
        line_text: shown.to_string(),
        line_from,
        line_cut,
    }
}

/// How many bytes of a long line a finding keeps around its span: what the human renderer
/// shows is shorter still, and a line megabytes long is never copied into every finding on it.
const LINE_KEPT: usize = 1024;

/// What a check does beyond the workflow's gate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Check who committed each sign-off (`--provenance`).
    pub provenance: Option<Provenance>,
    /// Ask every source URL whether it answers (`--online`; the only network access).
    pub online: bool,
}

/// `--provenance` settings.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// The base revision at which signers must have held their roles (`--changed-since`);
    /// when absent, each sign-off's introducing commit's parent.
    pub base: Option<String>,
    /// The versions of the articles checked, from one walk of the history for all of them
    /// ([`provenance::prepare`]); an article missing here walks the history on its own.
    pub versions: Arc<HashMap<String, Arc<Versions>>>,
    /// With a base, the blob of each of those articles' sidecar at the base (with the base's
    /// commit), found in [`provenance::prepare`] with each folder read once.
    pub at_base: Arc<HashMap<String, (git2::Oid, Option<git2::Oid>)>>,
    /// With a base, the branch's own commits (reachable from HEAD and not from the base),
    /// listed once so that asking whether a commit is the branch's costs a lookup, not a walk
    /// of the graph per commit.
    pub branch: Arc<std::collections::HashSet<git2::Oid>>,
    /// Repositories opened for earlier articles and free again: opening one per article was
    /// a tenth of the time of checking the provenance of thousands of articles.
    pub opened: Arc<provenance::Opened>,
}

impl Provenance {
    /// The settings for checking the provenance of the articles at root-relative `rels` in
    /// the project at `root`, with the history walked once for all of them; `base` as in
    /// [`Provenance::base`].
    pub fn prepare(
        root: &std::path::Path,
        rels: &crate::project::PathList,
        base: Option<String>,
    ) -> Provenance {
        provenance::prepare(root, rels, base)
    }
}

/// Checks one article against the workflow.
pub fn check_article(project: &Project, path: &ArticlePath) -> ArticleReport {
    check_article_with(project, path, &Options::default())
}

/// Checks one article, with `options`.
pub fn check_article_with(
    project: &Project,
    path: &ArticlePath,
    options: &Options,
) -> ArticleReport {
    let mut report = ArticleReport::empty(path.rel.clone());
    if !crate::io::worktree::exists(&path.sidecar_abs) {
        if let Some(severity) = project.workflow.severity(Code::UntrackedArticle) {
            report.findings.push(Finding {
                code: Code::UntrackedArticle,
                severity,
                message: format!(
                    "{} has no sidecar, so none of its claims are tracked",
                    path.rel
                ),
                claim: None,
                label: Label::top_of(&path.rel),
                help: Some(format!("factcheck track {}", path.rel)),
            });
        }
        // Its title still names it in views; an unreadable file shows none here, and `track`
        // says why.
        if let Ok(text) = crate::io::worktree::read(&project.root, &path.abs) {
            report.meta = crate::text::frontmatter::find(&text)
                .map(|fm| crate::text::frontmatter::meta(&fm))
                .unwrap_or_default();
        }
        report.passed = report.count(Severity::Error) == 0;
        return report;
    }
    let (loaded, article) =
        match Sidecar::load(path).and_then(|l| project.load_article(path).map(|a| (l, a))) {
            Ok(x) => x,
            Err(e) => {
                report.input_error = true;
                report.findings.push(invalid_file(path, e));
                return report;
            }
        };
    let states = ClaimLocation::all(project, path, &article, &loaded.sidecar);
    let subject = Subject {
        project,
        path,
        article: &article,
        loaded: &loaded,
        states: &states,
    };
    check_loaded(&subject, options)
}

/// Checks an article already loaded and located (`subject`), for callers that show the
/// claims' places as well as the gate's result and should not locate them twice.
pub fn check_loaded(subject: &Subject<'_>, options: &Options) -> ArticleReport {
    let (project, path, sidecar) = (subject.project, subject.path, subject.sidecar());
    let mut findings = Findings::new(subject);
    claims::check(subject, &mut findings);
    let stale = signoffs::check(subject, &mut findings);
    publication::check(subject, &mut findings);
    evidence::check(subject, &mut findings);
    if options.online {
        evidence::online(subject, &mut findings);
    }
    for c in &sidecar.conflicts {
        findings.at_yaml(
            Code::MergeConflict,
            Some("conflicts"),
            "at",
            Some(&c.at),
            format!(
                "unresolved merge conflict at {}: ours {}, theirs {}",
                c.at, c.ours, c.theirs
            ),
            Some(format!(
                "decide, edit the value in {}, and delete this entry from `conflicts:`",
                path.sidecar_rel
            )),
        );
    }
    if let Some(p) = &options.provenance {
        provenance::check(subject, &mut findings, p);
    }
    let mut report = ArticleReport::empty(path.rel.clone());
    report.stage = Some(sidecar.stage);
    report.meta = subject.article.meta.clone();
    report.claims = sidecar.claims.len();
    report.publishable = sidecar
        .claims
        .iter()
        .filter(|c| project.workflow.publishable_statuses.contains(&c.status))
        .count();
    report.claim_states = standings(subject, &findings.out, &stale);
    report.ok = report.claim_states.iter().filter(|v| v.passes).count();
    report.stale = report
        .claim_states
        .iter()
        .filter(|v| v.standing == Standing::Stale)
        .count();
    report.findings = findings.out;
    report.findings.sort_by(|a, b| {
        (
            a.label.file != path.rel,
            a.label.line,
            a.label.column,
            a.code,
        )
            .cmp(&(
                b.label.file != path.rel,
                b.label.line,
                b.label.column,
                b.code,
            ))
    });
    report.passed = report.count(Severity::Error) == 0;
    report
}

/// Turns a load error into an FC090 finding.
fn invalid_file(path: &ArticlePath, e: Error) -> Finding {
    let (file, pos, message, help) = match e {
        Error::Invalid {
            file,
            pos,
            message,
            hint,
        } => (
            file.to_string_lossy().replace('\\', "/"),
            pos,
            message,
            hint,
        ),
        other => (
            path.sidecar_rel.clone(),
            Pos { line: 1, column: 1 },
            other.to_string(),
            None,
        ),
    };
    let source = if file == path.sidecar_rel {
        Some(&path.sidecar_abs)
    } else if file == path.rel {
        Some(&path.abs)
    } else {
        None
    };
    let line_text = source
        .and_then(|p| crate::io::worktree::read(&path.root, p).ok())
        .and_then(|t| {
            t.lines()
                .nth(pos.line.saturating_sub(1))
                .map(str::to_string)
        })
        .unwrap_or_default();
    Finding {
        code: Code::InvalidFile,
        severity: Severity::Error,
        message,
        claim: None,
        label: Label {
            file,
            line: pos.line,
            column: pos.column,
            len: 1,
            line_text,
            line_from: 0,
            line_cut: false,
        },
        help,
    }
}
