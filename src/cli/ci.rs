//! `merge-driver` and `hooks`: git integration for CI and for people's clones.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::actions::{self, MergeOutcome};
use crate::error::Result;
use crate::hooks::{self, Hook};
use crate::report::human;

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

/// `hooks`.
#[derive(Debug, Subcommand)]
pub enum HooksCommand {
    /// Install the pre-commit and pre-push hooks and the sidecar merge driver.
    Install {
        /// Replace hooks factcheck did not write.
        #[arg(long)]
        force: bool,
    },
    /// Run a hook's checks (what the installed scripts call).
    Run {
        /// Which hook.
        #[arg(value_enum)]
        hook: Hook,
    },
}

/// Runs `merge-driver`: exit 0 when merged cleanly, 1 when conflicts were recorded.
pub fn merge_driver(ctx: &Context, a: MergeDriverArgs) -> Result<Outcome> {
    let abs = |p: &PathBuf| ctx.cwd.join(p);
    match actions::merge_driver(&abs(&a.base), &abs(&a.ours), &abs(&a.theirs))? {
        MergeOutcome::Clean => Ok(Outcome::Pass),
        MergeOutcome::Conflicts(n) => {
            eprintln!(
                "factcheck: {n} sidecar conflict{} recorded under `conflicts:` (FC060); decide them and delete the entries",
                if n == 1 { "" } else { "s" }
            );
            Ok(Outcome::GateFailed)
        }
        MergeOutcome::Textual => {
            eprintln!(
                "factcheck: a side is not a valid sidecar; merged line by line (conflict markers where lines conflict); fix the file until `factcheck check` accepts it"
            );
            Ok(Outcome::GateFailed)
        }
    }
}

/// Runs `hooks install` or `hooks run`.
pub fn hooks(ctx: &Context, c: HooksCommand) -> Result<Outcome> {
    let p = ctx.project()?;
    match c {
        HooksCommand::Install { force } => {
            for line in hooks::install(&p, force)? {
                ctx.say(&line);
            }
            Ok(Outcome::Pass)
        }
        HooksCommand::Run { hook } => {
            let articles = p.articles(&[])?;
            let reports = actions::check_all(&p, &articles, &Default::default());
            let reports = hooks::select(hook, reports);
            let blocked = reports.iter().any(|r| !r.passed);
            if blocked || !ctx.quiet {
                eprint!("{}", human::render(&reports, ctx.style));
            }
            if blocked {
                eprintln!("factcheck {}: blocked", hook.name());
                Ok(Outcome::GateFailed)
            } else {
                Ok(Outcome::Pass)
            }
        }
    }
}
