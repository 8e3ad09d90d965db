//! `merge-driver`: git's merge driver for sidecars.

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::ops;
use crate::ops::merge::MergeOutcome;

use super::output::errln;
use super::{Context, Outcome};

/// `merge-driver`.
#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's %O; may be empty).
    pub base: PathBuf,
    /// Our version, overwritten with the result (git's %A).
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
}

/// Runs `merge-driver`: exit 0 when merged cleanly, 1 when conflicts were recorded.
pub fn merge_driver(ctx: &Context, a: MergeDriverArgs) -> Result<Outcome> {
    match ops::merge::merge_driver(&ctx.cwd, &a.base, &a.ours, &a.theirs)? {
        MergeOutcome::Clean => Ok(Outcome::Pass),
        MergeOutcome::Conflicts(n) => {
            errln!(
                "factcheck: {n} sidecar conflict{} recorded under `conflicts:` (FC060); decide them and delete the entries",
                crate::render::plural_s(n)
            );
            Ok(Outcome::GateFailed)
        }
        MergeOutcome::Textual => {
            errln!(
                "factcheck: a side is not a valid sidecar; merged line by line (conflict markers where lines conflict); fix the file until `factcheck check` accepts it"
            );
            Ok(Outcome::GateFailed)
        }
    }
}
