//! The command line: clap definitions, the [`Context`] every command runs in, and one dispatch
//! point. Each submodule holds a family of subcommands; they call the library and print.

pub(crate) mod claim;
pub(crate) mod diff;
pub(crate) mod docs;
pub(crate) mod format;
pub(crate) mod gate;
pub(crate) mod hooks;
pub(crate) mod init;
pub(crate) mod merge;
pub(crate) mod mv;
pub mod output;
pub(crate) mod pages;
pub(crate) mod people;
pub(crate) mod reanchor;
pub(crate) mod review;
pub(crate) mod source;
mod values;

use output::outln;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};
use crate::model::paths::ArticlePath;
use crate::model::time::Clock;
use crate::ops::Stale;
use crate::project::Project;
use crate::render::Style;

/// factcheck: track the factual claims in Markdown articles, their sources and sign-offs, and
/// gate publication on them.
#[derive(Debug, Parser)]
#[command(name = "factcheck", version, about, long_about = None, propagate_version = true)]
pub struct Args {
    /// Run as if started in DIR.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Act as this person (default: $FACTCHECK_USER, then git's user.email).
    #[arg(
        long = "as",
        global = true,
        value_name = "EMAIL",
        env = "FACTCHECK_USER"
    )]
    pub identity: Option<String>,
    /// When to use colour (NO_COLOR is respected by `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only errors: on `check`, the error findings and the summary line.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail (e.g. `check` lists the articles that pass).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal that takes it (NO_COLOR, CLICOLOR=0 and TERM=dumb turn
    /// it off; CLICOLOR_FORCE turns it on).
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create factcheck.yaml in the current directory.
    Init(init::InitArgs),
    /// Start tracking an article: create its sidecar with you as author.
    Track(ArticleArg),
    /// Add, edit, remove or list claims.
    #[command(subcommand)]
    Claim(claim::ClaimCommand),
    /// Register, edit or remove sources.
    #[command(subcommand)]
    Source(source::SourceCommand),
    /// Attach sources to a claim.
    Cite(source::CiteArgs),
    /// Set a claim's status and sign it off as a reviewer.
    Verify(review::VerifyArgs),
    /// Sign off the whole article in a role (e.g. editor).
    Signoff(review::SignoffArgs),
    /// Add, edit or remove people and their roles in factcheck.yaml (editors).
    #[command(subcommand)]
    People(people::PeopleCommand),
    /// Move an article and its sidecar (staged in git like `git mv`).
    Mv(mv::MvArgs),
    /// Hand a draft to fact-checking (refused while a claim has no source).
    Submit(ArticleArg),
    /// One line per article: stage, claims that pass/total, blockers.
    Status(gate::StatusArgs),
    /// Run the publication gate; exit 1 if any article is blocked.
    Check(gate::CheckArgs),
    /// Run the gate for one article and, if it passes, record its publication.
    Publish(review::PublishArgs),
    /// Record a correction to a published article.
    Correct(review::CorrectArgs),
    /// Show what an edit changed: word diff of the text, and each claim unchanged, moved,
    /// changed or removed (default: HEAD → working tree).
    Diff(diff::DiffArgs),
    /// Rewrite claims' quotes to the current text where they can be followed with confidence.
    Reanchor(reanchor::ReanchorArgs),
    /// The history of an article's claims, statuses and sign-offs, from git, oldest first.
    Log(diff::LogArgs),
    /// Three-way merge of a sidecar (git merge driver: `factcheck merge-driver %O %A %B`).
    MergeDriver(merge::MergeDriverArgs),
    /// Install or run the git hooks (pre-commit, pre-push) and the merge driver config.
    #[command(subcommand)]
    Hooks(hooks::HooksCommand),
    /// Explain a finding code: what it means, why it matters, how to fix it.
    Explain(docs::ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff): `factcheck man > factcheck.1`.
    Man,
    /// Print the JSON Schema of factcheck.yaml, workflow files or sidecars.
    Schema(docs::SchemaArgs),
    /// Write the fact-check report of an article: one self-contained HTML page.
    Report(pages::ReportArgs),
    /// Export schema.org ClaimReview JSON-LD for the article's reviewed claims.
    Export(pages::ExportArgs),
}

/// What a successful run concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything passed (exit 0).
    Pass,
    /// A gate failed (exit 1).
    GateFailed,
}

/// Runs over fewer items than this finish too fast to need a progress bar.
const PROGRESS_MIN: usize = 50;

/// Global settings every command sees.
pub struct Context {
    /// Where the command was started.
    pub cwd: PathBuf,
    /// The identity from `--as` / `FACTCHECK_USER`.
    pub identity: Option<String>,
    /// Output styling.
    pub style: Style,
    /// `-q`.
    pub quiet: bool,
    /// `-v`.
    pub verbose: bool,
    /// The clock.
    pub clock: Clock,
}

impl Context {
    fn new(args: &Args) -> Result<Context> {
        let cwd = match &args.dir {
            Some(d) => d.clone(),
            None => std::env::current_dir().map_err(|e| Error::io(".", e))?,
        };
        if !cwd.is_dir() {
            return Err(Error::usage(format!(
                "-C {}: not a directory",
                cwd.display()
            )));
        }
        let forced = match args.color {
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
            ColorChoice::Auto => None,
        };
        Ok(Context {
            cwd,
            identity: args.identity.clone().filter(|s| !s.is_empty()),
            style: Style::for_stdout(forced),
            quiet: args.quiet,
            verbose: args.verbose,
            clock: Clock::from_env().map_err(Error::usage)?,
        })
    }

    /// Opens the project containing the working directory.
    pub fn project(&self) -> Result<Project> {
        self.invocation().open()
    }

    /// Opens the project containing the working directory and resolves `article` (an article
    /// or its sidecar, relative to the working directory) in it: what every command on one
    /// article starts with.
    pub fn article(&self, article: &Path) -> Result<(Project, ArticlePath)> {
        let project = self.project()?;
        let path = project.article(article)?;
        Ok((project, path))
    }

    /// Where and for whom this command runs, for what opens its project itself (the gate
    /// opens it under a base revision's policy).
    pub fn invocation(&self) -> crate::project::Invocation {
        crate::project::Invocation {
            cwd: self.cwd.clone(),
            identity: self.identity.clone(),
            clock: self.clock,
        }
    }

    /// A progress bar on stderr for `len` items: shown only for long runs (at least
    /// [`PROGRESS_MIN`] items) when stderr is a terminal, the output is for people and `-q` is
    /// not given; hidden otherwise. It draws no colour.
    pub fn progress(&self, human: bool, len: usize) -> indicatif::ProgressBar {
        let show = human && !self.quiet && len >= PROGRESS_MIN && std::io::stderr().is_terminal();
        if !show {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(len as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "checking {pos}/{len} articles {wide_bar} {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    }

    /// How much of a gate's findings to show people: `-q` errors only, `-v` every warning.
    pub fn detail(&self) -> crate::render::human::Detail {
        crate::render::human::Detail {
            quiet: self.quiet,
            unfold: self.verbose,
            only: Vec::new(),
        }
    }

    /// Prints a progress/success line unless `-q`. It is one line: a line break in a name it
    /// holds is shown as `\n`, as every control character is ([`crate::text::visible`]).
    pub fn say(&self, line: &str) {
        if !self.quiet {
            outln!("{}", crate::text::visible::visible(line));
        }
    }
}

/// Runs the parsed command line.
pub fn run(args: Args) -> Result<Outcome> {
    // Before anything can fail: CI reads every line of a GitHub run, errors included.
    if matches!(&args.command, Command::Check(c) if c.format == format::OutputFormat::Github) {
        output::github_mode();
    }
    let ctx = Context::new(&args)?;
    match args.command {
        Command::Init(a) => init::init(&ctx, a),
        Command::Track(a) => init::track(&ctx, a),
        Command::Claim(c) => claim::claim(&ctx, c),
        Command::Source(c) => source::source(&ctx, c),
        Command::Cite(a) => source::cite(&ctx, a),
        Command::Verify(a) => review::verify(&ctx, a),
        Command::Signoff(a) => review::signoff(&ctx, a),
        Command::People(c) => people::people(&ctx, c),
        Command::Mv(a) => mv::mv(&ctx, a),
        Command::Submit(a) => review::submit(&ctx, a),
        Command::Status(a) => gate::status(&ctx, a),
        Command::Check(a) => gate::check(&ctx, a),
        Command::Publish(a) => review::publish(&ctx, a),
        Command::Correct(a) => review::correct(&ctx, a),
        Command::Diff(a) => diff::diff(&ctx, a),
        Command::Reanchor(a) => reanchor::reanchor(&ctx, a),
        Command::Log(a) => diff::log(&ctx, a),
        Command::MergeDriver(a) => merge::merge_driver(&ctx, a),
        Command::Hooks(c) => hooks::hooks(&ctx, c),
        Command::Explain(a) => docs::explain(&ctx, a),
        Command::Completions(a) => docs::completions(a),
        Command::Man => docs::man(),
        Command::Schema(a) => docs::schema(a),
        Command::Report(a) => pages::report(&ctx, a),
        Command::Export(a) => pages::export(&ctx, a),
    }
}

/// Commands that take one article.
#[derive(Debug, clap::Args)]
pub struct ArticleArg {
    /// The article (its .md file or its sidecar).
    pub article: PathBuf,
}

/// Says which claims' sign-offs the edit made stale and how to renew them. The records stay:
/// they are what the reviewers attested, and `check` reports them stale until re-verified.
pub(super) fn say_stale(ctx: &Context, path: &ArticlePath, stale: &Stale) {
    for line in crate::render::claims::stale_signoffs(&path.rel, stale) {
        ctx.say(&line);
    }
}

/// Prints `value` as a JSON document for programs ([`output::for_programs`]).
fn print_json<T: serde::Serialize>(value: &T) {
    output::for_programs();
    output::out!(
        "{}",
        serde_json::to_string_pretty(value).expect("serialisable") + "\n"
    );
}
