//! `hooks install|run`: the gate as git's pre-commit and pre-push hooks.

use clap::Subcommand;

use crate::check::Tally;
use crate::error::{Error, Result};
use crate::ops;
use crate::ops::hooks::{Hook, Pushed};
use crate::render::human;

use super::format::OutputFormat;
use super::output::{err, errln};
use super::{Context, Outcome};

/// `hooks`.
#[derive(Debug, Subcommand)]
pub enum HooksCommand {
    /// Install the pre-commit and pre-push hooks and the sidecar merge driver.
    Install {
        /// Replace hooks factcheck did not write, and install into a `core.hooksPath` folder
        /// outside the repository (whose hooks run in every repository that uses it).
        #[arg(long)]
        force: bool,
    },
    /// Run a hook's checks (what the installed scripts call).
    Run {
        /// Which hook.
        #[arg(value_enum)]
        hook: Hook,
        /// pre-push: the remote pushed to (git's $1), whose default branch is the base when the
        /// current branch has no upstream.
        #[arg(long)]
        remote: Option<String>,
        /// pre-push: a line git gave on stdin, `<local ref> <local oid> <remote ref> <remote
        /// oid>` (repeatable).
        #[arg(long, value_name = "LINE")]
        pushed: Vec<Pushed>,
    },
}

/// Runs `hooks install` or `hooks run`.
pub fn hooks(ctx: &Context, c: HooksCommand) -> Result<Outcome> {
    let p = ctx.project()?;
    match c {
        HooksCommand::Install { force } => {
            for line in ops::hooks::install(&p, force)? {
                ctx.say(&line);
            }
            Ok(Outcome::Pass)
        }
        HooksCommand::Run {
            hook: Hook::PreCommit,
            ..
        } => pre_commit(ctx, &p),
        HooksCommand::Run {
            hook: Hook::PrePush,
            remote,
            pushed,
        } => pre_push(ctx, &p, remote.as_deref(), &pushed),
    }
}

/// The gate on the staged articles, unfinished drafts allowed.
fn pre_commit(ctx: &Context, p: &crate::project::Project) -> Result<Outcome> {
    let reports = ops::hooks::pre_commit(p)?;
    let blocked = reports.iter().any(|r| !r.passed || r.input_error);
    if blocked || !ctx.quiet {
        err!("{}", human::render(&reports, ctx.style, &ctx.detail()));
    }
    if let Some(at) = Tally::of(&reports).first_input_error {
        return Err(Error::InputErrorsReported(at));
    }
    if blocked {
        errln!(
            "factcheck pre-commit: blocked (fix the findings above, or `git commit --no-verify`; CI still runs the gate)"
        );
        return Ok(Outcome::GateFailed);
    }
    Ok(Outcome::Pass)
}

/// The pull-request gate, as CI runs it, against the push's base ([`ops::hooks::pre_push`]).
fn pre_push(
    ctx: &Context,
    p: &crate::project::Project,
    remote: Option<&str>,
    pushed: &[Pushed],
) -> Result<Outcome> {
    let Some(selection) = ops::hooks::pre_push(p, remote, pushed)? else {
        return Ok(Outcome::Pass);
    };
    match &selection.changed_since {
        Some(rev) => ctx.say(&format!(
            "factcheck pre-push: check --changed-since {rev} --provenance"
        )),
        None => errln!(
            "factcheck pre-push: no upstream, remote default branch or remote commit to compare with; checking every article (check --provenance)"
        ),
    }
    let outcome = super::gate::gate(ctx, &selection, OutputFormat::Human, &[])?;
    if outcome != Outcome::Pass {
        errln!(
            "factcheck pre-push: blocked: CI would fail this push (fix the findings above, or `git push --no-verify`)"
        );
    }
    Ok(outcome)
}
