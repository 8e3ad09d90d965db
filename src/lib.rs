//! factcheck: track the factual claims in Markdown articles kept in git, the sources behind
//! them and the reviewers' sign-offs, and gate publication on them.
//!
//! Data flow: command-line arguments → [`cli::Context`] → [`project::Project`] (config,
//! workflow, identity) → [`ops`] (one function per command: change sidecars, or ask
//! [`check`] for findings) → [`render`] → exit code. The layers, from [`text`] (pure) up to
//! [`cli`], are drawn in ARCHITECTURE.md and checked by `tests/cli/layout.rs`. The library
//! never prints except in [`cli`].

pub(crate) mod check;
pub mod cli;
pub(crate) mod error;
pub(crate) mod git;
pub(crate) mod io;
pub mod model;
pub mod ops;
pub mod project;
pub(crate) mod render;
pub(crate) mod revisions;
pub mod text;
