//! `factcheck.yaml`: the workflow it names, the article globs, the people and their roles, the
//! site, the generator, the provenance policy and severity overrides. Validated by
//! [`crate::project::Project::open`], which knows the workflow and the files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::workflow::{SeverityKey, SeveritySetting};
use crate::model::{Email, Role};
use crate::text::site::Generator;

/// The config file name, at the repository root.
pub const CONFIG_FILE: &str = "factcheck.yaml";

/// `factcheck.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A built-in workflow name or a path to a workflow file.
    pub workflow: String,
    /// Globs (relative to the root) selecting the articles.
    #[serde(default = "default_articles")]
    pub articles: Vec<String>,
    /// The people who may act, with their roles.
    #[serde(default)]
    pub people: Vec<Person>,
    /// The publication: its name and public URL (for published pages and ClaimReview).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<Site>,
    /// The static-site generator the articles are built with, which decides what template
    /// syntax is not text (docs/sites.md); detected from the repository's files when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<Generator>,
    /// What `check --provenance` requires of the commits that introduced attested records.
    #[serde(default, skip_serializing_if = "ProvenancePolicy::is_default")]
    pub provenance: ProvenancePolicy,
    /// Severity overrides over the workflow's: finding code (`FC071` or `unregistered-link`)
    /// → `error|warning|off`. A change here is a policy change (FC056 unless an editor made it).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<SeverityKey, SeveritySetting>,
}

/// The `provenance:` policy. An author email is a claim anyone can type; a signature made with
/// a key listed in `people` is not, so a newsroom that needs more than its git host's word can
/// require signatures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Provenance")]
pub struct ProvenancePolicy {
    /// Whether each attested record's commit must carry an SSH signature by one of the
    /// `signing-keys` of the person the record names.
    #[serde(default)]
    pub signatures: Signatures,
}

impl ProvenancePolicy {
    /// Whether it is the default policy (left out when the config is written back).
    pub fn is_default(&self) -> bool {
        *self == ProvenancePolicy::default()
    }
}

/// Whether commit signatures are checked.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Signatures {
    /// Signatures are not looked at; author emails are matched as before.
    #[default]
    Optional,
    /// Every attested record's commit must be signed with a key its person lists.
    Required,
}

/// The site the articles are published on.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// The publication's name (the ClaimReview author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its base URL; an article `articles/x.md` is published at `URL/articles/x.html` unless
    /// a command is given `--url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

fn default_articles() -> Vec<String> {
    vec!["articles/**/*.md".into()]
}

/// Someone in the newsroom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Their identity (matched against `--as`, `FACTCHECK_USER` or git's `user.email`).
    pub email: Email,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Roles they hold.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// SSH public keys they sign commits with, in `authorized_keys` form
    /// (`[options] type base64 [comment]`, as in a `.pub` file).
    #[serde(
        default,
        rename = "signing-keys",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub signing_keys: Vec<String>,
}

impl Config {
    /// The person with `email` (case-insensitive).
    pub fn person(&self, email: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.email == email)
    }

    /// Whether `email` is a person holding `role`.
    pub fn holds(&self, email: &str, role: &str) -> bool {
        self.person(email).is_some_and(|p| p.has(role))
    }
}

impl Person {
    /// Whether they hold `role`.
    pub fn has(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}
