//! Findings are data: a stable code, a severity, a message, and a label pointing into the
//! Markdown or YAML file. Reporters (human, JSON) render them; the gate counts them.

use std::fmt;

use serde::Serialize;

/// How much a finding matters. The workflow may change the default of every code but FC090.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational; never blocks.
    Warning,
    /// Blocks publication (exit code 1).
    Error,
}

/// docs/codes.md, the one source of every code's documentation.
const CODES_DOC: &str = include_str!("../../docs/codes.md");

/// Every finding code factcheck emits. Codes are stable: never renumber, only add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The claim's quote is not in the article.
    OrphanedClaim,
    /// The claim's quote occurs more than once and its context does not pick one.
    AmbiguousClaim,
    /// The claim was found by its context, but its words changed.
    ClaimTextChanged,
    /// An article matched by `articles:` has no sidecar.
    UntrackedArticle,
    /// Followed through an edit, the claim's place now holds words too different to be sure
    /// it is the same claim.
    UncertainClaim,
    /// The article's search budget ran out before some claims were located.
    SearchBudgetExceeded,
    /// Markup inside or around a claim changes what readers see while its words stay the
    /// same: it hides, reverses, strikes or restyles them.
    RestyledClaim,
    /// The claim's status is not allowed at publication.
    StatusNotPublishable,
    /// Fewer sources than the workflow requires.
    TooFewSources,
    /// A cited source is of a kind the workflow does not accept for this claim kind.
    SourceKindNotAllowed,
    /// A cited source is older than the workflow allows.
    SourceTooOld,
    /// A cited source has no publication date, but the workflow limits source age.
    SourceDateMissing,
    /// A claim cites a source id that the sidecar does not define.
    UnknownSource,
    /// A source that no claim cites.
    UnusedSource,
    /// A role the workflow requires has not signed off the claim.
    MissingClaimSignoff,
    /// A claim sign-off approved different words than the claim now has.
    StaleClaimSignoff,
    /// A role the workflow requires has not signed off the article.
    MissingArticleSignoff,
    /// An article sign-off approved a different version of the article.
    StaleArticleSignoff,
    /// An author signed off their own claim or article.
    SelfSignoff,
    /// The signer is not in `people` or does not hold the role they signed as.
    SignerLacksRole,
    /// The claim's status differs from the verdict its reviewers signed.
    VerdictMismatch,
    /// A published article changed without a correction record.
    ChangedWithoutCorrection,
    /// The stage says published but there is no publication record.
    PublishedWithoutRecord,
    /// A check-worthy sentence no claim tracks (the workflow's `coverage` rule).
    UncoveredSentence,
    /// A link in the article whose URL is not a registered source.
    UnregisteredLink,
    /// The same URL is registered as two sources.
    DuplicateSource,
    /// A source's evidence snapshot is missing or does not match its recorded hash.
    SnapshotInvalid,
    /// A source's excerpt does not occur in its evidence snapshot.
    ExcerptNotInSnapshot,
    /// A source's URL did not answer (`--online`).
    SourceUnreachable,
    /// A sign-off is not committed (`--provenance`).
    UncommittedSignoff,
    /// A sign-off was introduced by a commit someone else authored (`--provenance`).
    ForgedSignoff,
    /// The signer did not hold the role at the base revision (`--provenance`).
    RoleGrantedOnBranch,
    /// The commit that introduced a sign-off is not in the history (`--provenance`).
    SignoffHistoryMissing,
    /// The commit that introduced a record is not signed with one of the person's keys
    /// (`--provenance` under `provenance: {signatures: required}`).
    UnsignedRecord,
    /// An attested record, a guarded claim or an author was removed by someone whose role may
    /// not remove it (`--provenance`).
    RecordRemoved,
    /// The policy (config or workflow) changed in the change set without an editor.
    PolicyChanged,
    /// An article tracked at the base disappeared, left the globs or lost its sidecar without
    /// an editor.
    ArticleDropped,
    /// A file the branch added or changed looks like a page the site publishes, but no
    /// `articles:` glob covers it.
    UnlistedPage,
    /// An attested record was committed by someone other than the commit's author (unsigned
    /// history cannot tell who really made it).
    CommitterNotAuthor,
    /// The merge driver left a conflict in the sidecar.
    MergeConflict,
    /// A file could not be read, parsed or validated.
    InvalidFile,
}

impl Code {
    /// Every code, in order.
    pub const ALL: &'static [Code] = &[
        Code::OrphanedClaim,
        Code::AmbiguousClaim,
        Code::ClaimTextChanged,
        Code::UntrackedArticle,
        Code::UncertainClaim,
        Code::SearchBudgetExceeded,
        Code::RestyledClaim,
        Code::StatusNotPublishable,
        Code::TooFewSources,
        Code::SourceKindNotAllowed,
        Code::SourceTooOld,
        Code::SourceDateMissing,
        Code::UnknownSource,
        Code::UnusedSource,
        Code::MissingClaimSignoff,
        Code::StaleClaimSignoff,
        Code::MissingArticleSignoff,
        Code::StaleArticleSignoff,
        Code::SelfSignoff,
        Code::SignerLacksRole,
        Code::VerdictMismatch,
        Code::ChangedWithoutCorrection,
        Code::PublishedWithoutRecord,
        Code::UncoveredSentence,
        Code::UnregisteredLink,
        Code::DuplicateSource,
        Code::SnapshotInvalid,
        Code::ExcerptNotInSnapshot,
        Code::SourceUnreachable,
        Code::UncommittedSignoff,
        Code::ForgedSignoff,
        Code::RoleGrantedOnBranch,
        Code::SignoffHistoryMissing,
        Code::UnsignedRecord,
        Code::RecordRemoved,
        Code::PolicyChanged,
        Code::ArticleDropped,
        Code::UnlistedPage,
        Code::CommitterNotAuthor,
        Code::MergeConflict,
        Code::InvalidFile,
    ];

    /// The stable identifier, e.g. `FC001`.
    pub fn id(self) -> &'static str {
        self.meta().0
    }

    /// A short kebab-case name, e.g. `orphaned-claim`.
    pub fn name(self) -> &'static str {
        self.meta().1
    }

    /// The severity when the workflow does not say otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::UnusedSource
            | Code::UncoveredSentence
            | Code::UnregisteredLink
            | Code::DuplicateSource
            | Code::SourceUnreachable
            | Code::UnlistedPage
            | Code::CommitterNotAuthor => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Looks a code up by id (`FC001`) or name (`orphaned-claim`).
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(s) || c.name() == s)
    }

    /// The one-line description from the table in docs/codes.md.
    pub fn summary(self) -> &'static str {
        let row = format!("| {} | {} |", self.id(), self.name());
        CODES_DOC
            .lines()
            .find(|l| l.starts_with(&row))
            .and_then(|l| l.trim_end_matches('|').rsplit('|').next())
            .map_or("", str::trim)
    }

    /// The long explanation from docs/codes.md (what it means, why, how to fix it).
    pub fn explanation(self) -> &'static str {
        let heading = format!("## {} {}\n", self.id(), self.name());
        let Some(at) = CODES_DOC.find(&heading) else {
            return "";
        };
        let body = &CODES_DOC[at + heading.len()..];
        body[..body.find("\n## ").unwrap_or(body.len())].trim()
    }

    fn meta(self) -> (&'static str, &'static str) {
        match self {
            Code::OrphanedClaim => ("FC001", "orphaned-claim"),
            Code::AmbiguousClaim => ("FC002", "ambiguous-claim"),
            Code::ClaimTextChanged => ("FC003", "claim-text-changed"),
            Code::UntrackedArticle => ("FC004", "untracked-article"),
            Code::UncertainClaim => ("FC005", "uncertain-claim"),
            Code::SearchBudgetExceeded => ("FC006", "search-budget-exceeded"),
            Code::RestyledClaim => ("FC007", "restyled-claim"),
            Code::StatusNotPublishable => ("FC010", "status-not-publishable"),
            Code::TooFewSources => ("FC020", "too-few-sources"),
            Code::SourceKindNotAllowed => ("FC021", "source-kind-not-allowed"),
            Code::SourceTooOld => ("FC022", "source-too-old"),
            Code::SourceDateMissing => ("FC023", "source-date-missing"),
            Code::UnknownSource => ("FC024", "unknown-source"),
            Code::UnusedSource => ("FC025", "unused-source"),
            Code::MissingClaimSignoff => ("FC030", "missing-claim-signoff"),
            Code::StaleClaimSignoff => ("FC031", "stale-claim-signoff"),
            Code::MissingArticleSignoff => ("FC032", "missing-article-signoff"),
            Code::StaleArticleSignoff => ("FC033", "stale-article-signoff"),
            Code::SelfSignoff => ("FC034", "self-signoff"),
            Code::SignerLacksRole => ("FC035", "signer-lacks-role"),
            Code::VerdictMismatch => ("FC036", "verdict-mismatch"),
            Code::ChangedWithoutCorrection => ("FC040", "changed-without-correction"),
            Code::PublishedWithoutRecord => ("FC041", "published-without-record"),
            Code::UncoveredSentence => ("FC070", "uncovered-sentence"),
            Code::UnregisteredLink => ("FC071", "unregistered-link"),
            Code::DuplicateSource => ("FC072", "duplicate-source"),
            Code::SnapshotInvalid => ("FC073", "snapshot-invalid"),
            Code::ExcerptNotInSnapshot => ("FC074", "excerpt-not-in-snapshot"),
            Code::SourceUnreachable => ("FC075", "source-unreachable"),
            Code::UncommittedSignoff => ("FC050", "uncommitted-signoff"),
            Code::ForgedSignoff => ("FC051", "forged-signoff"),
            Code::RoleGrantedOnBranch => ("FC052", "role-granted-on-branch"),
            Code::SignoffHistoryMissing => ("FC053", "signoff-history-missing"),
            Code::UnsignedRecord => ("FC054", "unsigned-record"),
            Code::RecordRemoved => ("FC055", "record-removed"),
            Code::PolicyChanged => ("FC056", "policy-changed"),
            Code::ArticleDropped => ("FC057", "article-dropped"),
            Code::UnlistedPage => ("FC058", "unlisted-page"),
            Code::CommitterNotAuthor => ("FC059", "committer-not-author"),
            Code::MergeConflict => ("FC060", "merge-conflict"),
            Code::InvalidFile => ("FC090", "invalid-file"),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Where a finding points: a file, a 1-based line and column, and how many characters on that
/// line to underline. The line's text is kept so reporters need not re-read files.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// Repository-relative path with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline on that line (at least 1).
    #[serde(skip)]
    pub len: usize,
    /// The text of the line, or of the part of a long line around the span.
    #[serde(skip)]
    pub line_text: String,
    /// How many characters of the line come before `line_text` (0: it starts the line).
    #[serde(skip)]
    pub line_from: usize,
    /// Whether the line goes on after `line_text`.
    #[serde(skip)]
    pub line_cut: bool,
}

impl Label {
    /// The top of `file` (line 1, column 1, no text): for a finding about a whole file.
    pub fn top_of(file: &str) -> Label {
        Label {
            file: file.to_string(),
            line: 1,
            column: 1,
            len: 1,
            line_text: String::new(),
            line_from: 0,
            line_cut: false,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable code.
    pub code: Code,
    /// Severity after the workflow's overrides.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// The claim concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// Where it is.
    #[serde(flatten)]
    pub label: Label,
    /// What fixes it (usually a command).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_parse_back() {
        let mut ids: Vec<_> = Code::ALL.iter().map(|c| c.id()).collect();
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.name()).collect();
        ids.sort();
        ids.dedup();
        names.sort();
        names.dedup();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
        for &c in Code::ALL {
            assert_eq!(Code::parse(c.id()), Some(c));
            assert_eq!(Code::parse(c.name()), Some(c));
        }
    }

    #[test]
    fn every_code_is_documented() {
        let docs = CODES_DOC;
        for &c in Code::ALL {
            assert!(!c.summary().is_empty(), "{c} has no summary");
            assert!(c.explanation().len() > 40, "{c} has no explanation");
            let heading = format!("## {} {}", c.id(), c.name());
            assert!(docs.contains(&heading), "docs/codes.md lacks `{heading}`");
            assert!(
                docs.contains(&format!("| {} | {} |", c.id(), c.name())),
                "docs/codes.md table lacks {}",
                c.id()
            );
        }
    }
}
