//! The records factcheck keeps and the rules it reads: sidecars, the workflow, findings, time,
//! the three-way merge of sidecars, and the JSON Schemas. This file holds the vocabulary they
//! share: statuses, claim kinds, source kinds, stages.

pub mod config;
pub(crate) mod email;
pub(crate) mod finding;
pub(crate) mod globs;
pub mod merge;
pub(crate) mod paths;
pub(crate) mod rights;
pub(crate) mod schema;
pub mod sidecar;
pub(crate) mod spelled;
pub mod time;
pub(crate) mod values;
pub mod workflow;

use serde::{Deserialize, Serialize};

use spelled::spelled;

pub use email::Email;
pub use values::{BlobId, Fingerprint, Role, Timestamp};

spelled! {
    /// A claim's verification status.
    #[derive(PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
    pub enum Status {
        /// Nobody has checked it yet.
        Unverified => "unverified",
        /// Checked and supported by its sources.
        Verified => "verified",
        /// Experts or sources disagree; must be reworded or qualified.
        Disputed => "disputed",
        /// Checked and wrong.
        False => "false",
        /// A statement of opinion, not a checkable fact.
        Opinion => "opinion",
    }
    default Unverified;
}

spelled! {
    /// What sort of statement a claim is; workflows set rules per kind.
    #[derive(PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
    pub enum ClaimKind {
        /// A plain factual statement.
        Fact => "fact",
        /// A number, rate or quantity.
        Statistic => "statistic",
        /// A statement about health, disease, treatment or the body.
        Medical => "medical",
        /// X causes / leads to / prevents Y.
        Causal => "causal",
        /// Words attributed to a person or organisation.
        Quotation => "quotation",
    }
    default Fact;
}

spelled! {
    /// What sort of document a source is.
    #[derive(PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
    pub enum SourceKind {
        /// A journal article that went through peer review.
        PeerReviewed => "peer-reviewed",
        /// A government body (NIH, CDC, NHS, ...).
        Government => "government",
        /// A clinical practice guideline from a professional body.
        ClinicalGuideline => "clinical-guideline",
        /// A news report.
        News => "news",
        /// An interview conducted by the newsroom.
        Interview => "interview",
        /// A primary document (law, filing, dataset, press release).
        PrimaryDocument => "primary-document",
        /// Anything else.
        Other => "other",
    }
    default Other;
}

spelled! {
    /// Where an article is in its workflow (docs/spec.md §5).
    #[derive(Serialize, Deserialize, schemars::JsonSchema)]
    pub enum Stage {
        /// Being written.
        Draft => "draft",
        /// Handed to fact-checking by its writer.
        Submitted => "submitted",
        /// Passed the gate and was published.
        Published => "published",
    }
    default Draft;
}
