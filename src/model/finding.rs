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

/// Declares [`Code`] and its registry from one table, so a code cannot be added without its
/// id, name, default severity and family, and is in [`Code::ALL`] (SARIF's rule list) at once.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $id:literal, $name:literal, $severity:ident, $family:ident;)*) => {
        /// Every finding code factcheck emits. Codes are stable: never renumber, only add.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The row of the table: id, name, default severity, family.
            const fn row(self) -> (&'static str, &'static str, Severity, Family) {
                match self {
                    $(Code::$variant => ($id, $name, Severity::$severity, Family::$family),)*
                }
            }
        }
    };
}

/// Which rule file of the gate reports a code (`src/check/<family>.rs`; a test holds each
/// code to it), so a maintainer finds any code's rule in one hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Where claims are and their status and sources (`check/claims.rs`).
    Claims,
    /// Sign-offs (`check/signoffs.rs`).
    Signoffs,
    /// Publication and corrections (`check/publication.rs`).
    Publication,
    /// Coverage, links and evidence (`check/evidence.rs`).
    Evidence,
    /// Who made each record, from git history (`check/provenance.rs`).
    Provenance,
    /// A branch against its base: policy, dropped articles, unlisted pages (`check/change.rs`).
    Change,
    /// The article as a whole: untracked, unreadable, conflicted (`check/mod.rs`).
    Gate,
}

impl Family {
    /// The file of its rules, under `src/check/`.
    pub fn rule_file(self) -> &'static str {
        match self {
            Family::Claims => "claims.rs",
            Family::Signoffs => "signoffs.rs",
            Family::Publication => "publication.rs",
            Family::Evidence => "evidence.rs",
            Family::Provenance => "provenance.rs",
            Family::Change => "change.rs",
            Family::Gate => "mod.rs",
        }
    }
}

codes! {
    /// The claim's quote is not in the article.
    OrphanedClaim => "FC001", "orphaned-claim", Error, Claims;
    /// The claim's quote occurs more than once and its context does not pick one.
    AmbiguousClaim => "FC002", "ambiguous-claim", Error, Claims;
    /// The claim was found by its context, but its words changed.
    ClaimTextChanged => "FC003", "claim-text-changed", Error, Claims;
    /// An article matched by `articles:` has no sidecar.
    UntrackedArticle => "FC004", "untracked-article", Error, Gate;
    /// Followed through an edit, the claim's place now holds words too different to be sure
    /// it is the same claim.
    UncertainClaim => "FC005", "uncertain-claim", Error, Claims;
    /// The article's search budget ran out before some claims were located.
    SearchBudgetExceeded => "FC006", "search-budget-exceeded", Error, Claims;
    /// Markup inside or around a claim changes what readers see while its words stay the
    /// same: it hides, reverses, strikes or restyles them.
    RestyledClaim => "FC007", "restyled-claim", Error, Claims;
    /// The claim's status is not allowed at publication.
    StatusNotPublishable => "FC010", "status-not-publishable", Error, Claims;
    /// Fewer sources than the workflow requires.
    TooFewSources => "FC020", "too-few-sources", Error, Claims;
    /// A cited source is of a kind the workflow does not accept for this claim kind.
    SourceKindNotAllowed => "FC021", "source-kind-not-allowed", Error, Claims;
    /// A cited source is older than the workflow allows.
    SourceTooOld => "FC022", "source-too-old", Error, Claims;
    /// A cited source has no publication date, but the workflow limits source age.
    SourceDateMissing => "FC023", "source-date-missing", Error, Claims;
    /// A claim cites a source id that the sidecar does not define.
    UnknownSource => "FC024", "unknown-source", Error, Claims;
    /// A source that no claim cites.
    UnusedSource => "FC025", "unused-source", Warning, Claims;
    /// A role the workflow requires has not signed off the claim.
    MissingClaimSignoff => "FC030", "missing-claim-signoff", Error, Signoffs;
    /// A claim sign-off approved different words than the claim now has.
    StaleClaimSignoff => "FC031", "stale-claim-signoff", Error, Signoffs;
    /// A role the workflow requires has not signed off the article.
    MissingArticleSignoff => "FC032", "missing-article-signoff", Error, Signoffs;
    /// An article sign-off approved a different version of the article.
    StaleArticleSignoff => "FC033", "stale-article-signoff", Error, Signoffs;
    /// An author signed off their own claim or article.
    SelfSignoff => "FC034", "self-signoff", Error, Signoffs;
    /// The signer is not in `people` or does not hold the role they signed as.
    SignerLacksRole => "FC035", "signer-lacks-role", Error, Signoffs;
    /// The claim's status differs from the verdict its reviewers signed.
    VerdictMismatch => "FC036", "verdict-mismatch", Error, Signoffs;
    /// A published article changed without a correction record.
    ChangedWithoutCorrection => "FC040", "changed-without-correction", Error, Publication;
    /// The stage says published but there is no publication record.
    PublishedWithoutRecord => "FC041", "published-without-record", Error, Publication;
    /// A check-worthy sentence no claim tracks (the workflow's `coverage` rule).
    UncoveredSentence => "FC070", "uncovered-sentence", Warning, Evidence;
    /// A link in the article whose URL is not a registered source.
    UnregisteredLink => "FC071", "unregistered-link", Warning, Evidence;
    /// The same URL is registered as two sources.
    DuplicateSource => "FC072", "duplicate-source", Warning, Evidence;
    /// A source's evidence snapshot is missing or does not match its recorded hash.
    SnapshotInvalid => "FC073", "snapshot-invalid", Error, Evidence;
    /// A source's excerpt does not occur in its evidence snapshot.
    ExcerptNotInSnapshot => "FC074", "excerpt-not-in-snapshot", Error, Evidence;
    /// A source's URL did not answer (`--online`).
    SourceUnreachable => "FC075", "source-unreachable", Warning, Evidence;
    /// A sign-off is not committed (`--provenance`).
    UncommittedSignoff => "FC050", "uncommitted-signoff", Error, Provenance;
    /// A sign-off was introduced by a commit someone else authored (`--provenance`).
    ForgedSignoff => "FC051", "forged-signoff", Error, Provenance;
    /// The signer did not hold the role at the base revision (`--provenance`).
    RoleGrantedOnBranch => "FC052", "role-granted-on-branch", Error, Provenance;
    /// The commit that introduced a sign-off is not in the history (`--provenance`).
    SignoffHistoryMissing => "FC053", "signoff-history-missing", Error, Provenance;
    /// The commit that introduced a record is not signed with one of the person's keys
    /// (`--provenance` under `provenance: {signatures: required}`).
    UnsignedRecord => "FC054", "unsigned-record", Error, Provenance;
    /// An attested record, a guarded claim or an author was removed by someone whose role may
    /// not remove it (`--provenance`).
    RecordRemoved => "FC055", "record-removed", Error, Provenance;
    /// The policy (config, workflow, generator files, the site's layouts and style sheets)
    /// changed in the change set without an editor.
    PolicyChanged => "FC056", "policy-changed", Error, Change;
    /// An article tracked at the base disappeared, left the globs or lost its sidecar without
    /// an editor.
    ArticleDropped => "FC057", "article-dropped", Error, Change;
    /// A file the branch added or changed looks like a page the site publishes, but no
    /// `articles:` glob covers it.
    UnlistedPage => "FC058", "unlisted-page", Warning, Change;
    /// An attested record was committed by someone other than the commit's author (unsigned
    /// history cannot tell who really made it).
    CommitterNotAuthor => "FC059", "committer-not-author", Warning, Change;
    /// The merge driver left a conflict in the sidecar.
    MergeConflict => "FC060", "merge-conflict", Error, Gate;
    /// A file could not be read, parsed or validated.
    InvalidFile => "FC090", "invalid-file", Error, Gate;
}

impl Code {
    /// The stable identifier, e.g. `FC001`.
    pub fn id(self) -> &'static str {
        self.row().0
    }

    /// A short kebab-case name, e.g. `orphaned-claim`.
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// The severity when the workflow does not say otherwise.
    pub fn default_severity(self) -> Severity {
        self.row().2
    }

    /// The part of the gate it belongs to.
    pub fn family(self) -> Family {
        self.row().3
    }

    /// Where docs/codes.md explains it (the anchor of its heading).
    pub fn docs_anchor(self) -> String {
        format!("{}-{}", self.id().to_lowercase(), self.name())
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
            let severity = match c.default_severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            // The coverage rule's default is the workflow's `coverage:` setting.
            let severity = match c {
                Code::UncoveredSentence => "by `coverage`",
                _ => severity,
            };
            let row = format!("| {} | {} | {severity}", c.id(), c.name());
            assert!(docs.contains(&row), "docs/codes.md's table lacks `{row}`");
        }
    }

    /// Each code is reported by the rule file of its family, so the registry says where to look.
    #[test]
    fn every_code_is_reported_in_the_file_of_its_family() {
        for &c in Code::ALL {
            let path = format!(
                "{}/src/check/{}",
                env!("CARGO_MANIFEST_DIR"),
                c.family().rule_file()
            );
            let rules = std::fs::read_to_string(&path).unwrap();
            assert!(
                rules.contains(&format!("Code::{c:?}")),
                "{c} ({c:?}) is not reported in {path}"
            );
        }
    }
}
