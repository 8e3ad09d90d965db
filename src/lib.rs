//! factcheck: track the factual claims in Markdown articles kept in git, the sources behind
//! them and the reviewers' sign-offs, and gate publication on them.
//!
//! Data flow: command-line arguments → [`cli::Context`] → [`project::Project`] (config,
//! workflow, identity) → [`actions`] (change sidecars) or [`check`] (findings) →
//! [`report`] (render) → exit code. The library never prints except in [`cli`].

pub mod actions;
pub mod anchor;
pub mod article;
pub mod change;
pub mod check;
pub mod cli;
pub mod compare;
pub mod diag;
pub mod edit;
pub mod error;
pub mod evidence;
pub mod frontmatter;
pub mod history;
pub mod hooks;
pub mod inventory;
pub mod merge;
pub mod model;
pub mod online;
pub mod project;
pub mod publish;
pub mod rename;
pub mod report;
pub mod revisions;
pub mod roster;
pub mod schema;
pub mod sidecar;
pub mod signature;
pub mod site;
pub mod store;
pub mod suggest;
pub mod time;
pub mod workflow;
pub mod worktree;
pub mod yaml;
