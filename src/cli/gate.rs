//! `check` and `status`: the gate over many articles, streamed into a renderer.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::check::{ArticleReport, Tally};
use crate::error::{Error, Result};
use crate::model::finding::Code;
use crate::ops;
use crate::ops::gate::{Gate, Selection};
use crate::project::Project;
use crate::render::dashboard::{Both, Dashboard};
use crate::render::status::StatusTable;
use crate::render::{Renderer, github, human, json, junit, sarif};

use super::format::OutputFormat;
use super::output::{Stdout, errln};
use super::{Context, Outcome, format, output};

/// `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles or directories (default: every article matching `articles:`).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::CHECK))]
    pub format: OutputFormat,
    /// Only articles whose text, sidecar or cited evidence changed since REV, judged by REV's
    /// policy (workflow, globs, roles); a policy change not made by an editor (FC056) or an
    /// article dropped from the gate (FC057) blocks. REV is also the base for --provenance.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Require every sign-off, correction and publication record to have been committed by the
    /// person it names, who held the role at the base revision, and (with --changed-since)
    /// nothing removed without the right role (CI; reads the git history).
    #[arg(long)]
    pub provenance: bool,
    /// Also ask every source URL whether it answers (the only network access; off by default
    /// and never needed for the gate: unreachable sources are warnings, FC075).
    #[arg(long)]
    pub online: bool,
    /// Check only shard I of N (e.g. `2/4`): articles are split deterministically by a hash of
    /// their path, so a CI matrix of N jobs covers every article exactly once.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(u32, u32)>,
    /// Show only findings of these codes (`FC071` or `unregistered-link`; repeat or separate
    /// with commas), none folded. The summary line and the exit code still count every finding.
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = parse_code)]
    pub only: Vec<crate::model::finding::Code>,
}

/// Parses a finding code by id or name.
fn parse_code(s: &str) -> std::result::Result<crate::model::finding::Code, String> {
    crate::model::finding::Code::parse(s.trim())
        .ok_or_else(|| format!("`{s}` is not a finding code (see `factcheck explain`)"))
}

/// Parses `I/N` with 1 ≤ I ≤ N.
fn parse_shard(s: &str) -> std::result::Result<(u32, u32), String> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| format!("`{s}` is not I/N (e.g. 2/4)"))?;
    let i: u32 = i
        .trim()
        .parse()
        .map_err(|_| format!("`{i}` is not a number"))?;
    let n: u32 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a number"))?;
    if n == 0 || i == 0 || i > n {
        return Err(format!("shard {i}/{n}: need 1 <= I <= N"));
    }
    Ok((i, n))
}

/// `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Articles or directories (default: every article matching `articles:`).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value_t = OutputFormat::Human, value_parser = OutputFormat::parser(format::STATUS))]
    pub format: OutputFormat,
    /// Also write a dashboard of all articles as one self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

/// The exit of a gate run: an error naming the first unreadable file, or pass or fail.
pub(super) fn gate_outcome(tally: &Tally) -> Result<Outcome> {
    if let Some(at) = &tally.first_input_error {
        return Err(crate::error::Error::InputErrorsReported(at.clone()));
    }
    Ok(if tally.blocked() == 0 {
        Outcome::Pass
    } else {
        Outcome::GateFailed
    })
}

/// Runs `check`.
pub fn check(ctx: &Context, a: CheckArgs) -> Result<Outcome> {
    let selection = Selection {
        paths: a.paths.clone(),
        changed_since: a.changed_since.clone(),
        shard: a.shard,
        provenance: a.provenance,
        online: a.online,
    };
    gate(ctx, &selection, a.format, &a.only)
}

/// Runs the gate on `selection` as `check` does: its reports streamed to stdout in `format`
/// (for people, only the findings of `only` when given), then the renderer's notes on stderr.
pub(super) fn gate(
    ctx: &Context,
    selection: &Selection,
    format: OutputFormat,
    only: &[Code],
) -> Result<Outcome> {
    let mut gate = Gate::select(&ctx.invocation(), selection)?;
    if let (Some(rev), true) = (&selection.changed_since, ctx.verbose) {
        errln!(
            "checking {} articles changed since {}",
            gate.articles.len(),
            crate::text::visible::visible(rev)
        );
    }
    let progress = ctx.progress(format == OutputFormat::Human, gate.articles.len());
    let mut reporter = reporter(ctx, &gate.project, format, only);
    let mut out = Stdout::buffered();
    let tally = render(&mut *reporter, &mut out, |emit| {
        gate.run(&|| progress.inc(1), emit)
    });
    progress.finish_and_clear();
    gate_outcome(&tally)
}

/// Writes the reports a gate run hands over with `reporter` to `out` (stdout, or a buffer),
/// then its notes on stderr; returns the tally. A write error other than a closed pipe ends
/// the process (exit 2).
fn render(
    reporter: &mut dyn Renderer,
    out: &mut dyn Write,
    run: impl FnOnce(&mut dyn FnMut(&ArticleReport) -> std::io::Result<()>) -> std::io::Result<Tally>,
) -> Tally {
    let tally = reporter
        .begin(out)
        .and_then(|()| run(&mut |r| reporter.article(r, out)))
        .and_then(|tally| reporter.end(&tally, out).map(|()| tally))
        .and_then(|tally| out.flush().map(|()| tally))
        .unwrap_or_else(|e| output::fail(e));
    for line in reporter.notes() {
        errln!("{line}");
    }
    tally
}

/// The reporter `check` writes with.
fn reporter(ctx: &Context, p: &Project, format: OutputFormat, only: &[Code]) -> Box<dyn Renderer> {
    match format {
        OutputFormat::Json => {
            output::for_programs();
            Box::new(json::Json::default())
        }
        // Annotations are read by people, in the log and on the pull request.
        OutputFormat::Github => Box::new(github::Github::new(ops::gate::repo_prefix(p))),
        OutputFormat::Sarif => {
            output::for_programs();
            Box::new(sarif::Sarif::new(&ops::gate::repo_prefix(p)))
        }
        OutputFormat::Junit => {
            output::for_programs();
            Box::new(junit::Junit::default())
        }
        OutputFormat::Human => Box::new(human::Human {
            style: ctx.style,
            detail: human::Detail {
                quiet: ctx.quiet,
                unfold: ctx.verbose || !only.is_empty(),
                only: only.to_vec(),
            },
            list_passing: ctx.verbose.then(|| p.workflow.name.clone()),
        }),
    }
}

/// Runs `status`: the gate over the articles, streamed into the table (or JSON) and, with
/// `--html`, the dashboard.
pub fn status(ctx: &Context, a: StatusArgs) -> Result<Outcome> {
    let selection = Selection {
        paths: a.paths.clone(),
        ..Selection::default()
    };
    let mut gate = Gate::select(&ctx.invocation(), &selection)?;
    let mut view: Box<dyn Renderer> = match a.format {
        OutputFormat::Json => {
            output::for_programs();
            Box::new(json::Json::default())
        }
        OutputFormat::Github | OutputFormat::Sarif | OutputFormat::Junit => {
            return Err(a.format.unsupported("status"));
        }
        OutputFormat::Human => {
            let width = gate
                .articles
                .iter()
                .map(crate::render::status::shown_len)
                .max()
                .unwrap_or(0);
            Box::new(StatusTable::new(ctx.style, width))
        }
    };
    let mut dashboard = a
        .html
        .as_ref()
        .map(|_| (Dashboard::new(&gate.project.workflow.name), Vec::new()));
    let mut both = Both {
        view: &mut *view,
        dashboard: dashboard.as_mut(),
    };
    // With --html, the table waits until the page is written: a page that cannot be written
    // (a full disk) fails the command with nothing on stdout, as any other error does.
    let mut table = Vec::new();
    let tally = match a.html {
        Some(_) => render(&mut both, &mut table, |emit| gate.run(&|| {}, emit)),
        None => render(&mut both, &mut Stdout::buffered(), |emit| {
            gate.run(&|| {}, emit)
        }),
    };
    if let (Some(file), Some((_, page))) = (&a.html, dashboard) {
        let page = String::from_utf8(page).map_err(|e| Error::usage(e.to_string()))?;
        gate.project.write_output(&ctx.cwd.join(file), &page)?;
        Stdout
            .write_all(&table)
            .and_then(|()| Stdout.flush())
            .unwrap_or_else(|e| output::fail(e));
        // On stderr: stdout may be the JSON a script reads.
        if !ctx.quiet {
            errln!(
                "wrote {}",
                crate::text::visible::visible(&file.display().to_string())
            );
        }
    }
    gate_outcome(&tally).map(|_| Outcome::Pass)
}
