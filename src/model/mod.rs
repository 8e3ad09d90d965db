//! The records factcheck keeps and the rules it reads: sidecars, the workflow, findings, time,
//! the three-way merge of sidecars, and the JSON Schemas. This file holds the vocabulary they
//! share: statuses, claim kinds, source kinds, stages.

pub mod config;
pub mod email;
pub mod finding;
pub mod globs;
pub mod merge;
pub mod paths;
pub mod rights;
pub mod schema;
pub mod sidecar;
pub mod time;
pub mod values;
pub mod workflow;

use serde::{Deserialize, Serialize};

pub use email::Email;
pub use values::{BlobId, Fingerprint, Role, Timestamp};

/// A claim's verification status.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Nobody has checked it yet.
    #[default]
    Unverified,
    /// Checked and supported by its sources.
    Verified,
    /// Experts or sources disagree; must be reworded or qualified.
    Disputed,
    /// Checked and wrong.
    False,
    /// A statement of opinion, not a checkable fact.
    Opinion,
}

impl Status {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::Verified => "verified",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::Opinion => "opinion",
        }
    }
}

/// What sort of statement a claim is; workflows set rules per kind.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A plain factual statement.
    #[default]
    Fact,
    /// A number, rate or quantity.
    Statistic,
    /// A statement about health, disease, treatment or the body.
    Medical,
    /// X causes / leads to / prevents Y.
    Causal,
    /// Words attributed to a person or organisation.
    Quotation,
}

impl ClaimKind {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Fact => "fact",
            ClaimKind::Statistic => "statistic",
            ClaimKind::Medical => "medical",
            ClaimKind::Causal => "causal",
            ClaimKind::Quotation => "quotation",
        }
    }
}

/// What sort of document a source is.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A journal article that went through peer review.
    PeerReviewed,
    /// A government body (NIH, CDC, NHS, ...).
    Government,
    /// A clinical practice guideline from a professional body.
    ClinicalGuideline,
    /// A news report.
    News,
    /// An interview conducted by the newsroom.
    Interview,
    /// A primary document (law, filing, dataset, press release).
    PrimaryDocument,
    /// Anything else.
    #[default]
    Other,
}

impl SourceKind {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::PeerReviewed => "peer-reviewed",
            SourceKind::Government => "government",
            SourceKind::ClinicalGuideline => "clinical-guideline",
            SourceKind::News => "news",
            SourceKind::Interview => "interview",
            SourceKind::PrimaryDocument => "primary-document",
            SourceKind::Other => "other",
        }
    }
}

/// Where an article is in its workflow (docs/spec.md §5).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Being written.
    #[default]
    Draft,
    /// Handed to fact-checking by its writer.
    Submitted,
    /// Passed the gate and was published.
    Published,
}

impl Stage {
    /// The name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Submitted => "submitted",
            Stage::Published => "published",
        }
    }
}
