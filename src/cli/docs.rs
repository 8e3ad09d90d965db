//! `explain`, `completions`, `man`, `schema`: documentation generated from the same sources as
//! the tool (the clap definitions, docs/codes.md, the Rust types of the files).

use super::output::out;
use clap::{Args, CommandFactory};

use crate::error::{Error, Result};
use crate::model::finding::Code;

use super::{Args as Cli, Context, Outcome};

/// `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A finding code (`FC031`) or name (`stale-claim-signoff`).
    pub code: String,
}

/// `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file format.
    #[arg(value_enum)]
    pub file: crate::model::schema::File,
}

/// Prints the long documentation of a finding code.
pub fn explain(ctx: &Context, a: ExplainArgs) -> Result<Outcome> {
    let code = Code::parse(a.code.trim()).ok_or_else(|| {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        Error::usage_hint(
            format!("unknown finding code `{}`", a.code),
            format!("codes: {}", names.join(", ")),
        )
    })?;
    out!("{}", crate::render::explain::explain(code, ctx.style));
    Ok(Outcome::Pass)
}

/// Prints a shell completion script.
pub fn completions(a: CompletionsArgs) -> Result<Outcome> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "factcheck", &mut out);
    write_stdout(&out)
}

/// Writes `bytes` to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<Outcome> {
    use std::io::Write;
    super::output::Stdout
        .write_all(bytes)
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(Outcome::Pass)
}

/// Prints the man page (roff).
pub fn man() -> Result<Outcome> {
    let page = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    page.render(&mut out)
        .map_err(|e| Error::io("<stdout>", e))?;
    write_stdout(&out)
}

/// Prints a JSON Schema.
pub fn schema(a: SchemaArgs) -> Result<Outcome> {
    super::output::for_programs();
    write_stdout(crate::model::schema::render(a.file).as_bytes())
}
