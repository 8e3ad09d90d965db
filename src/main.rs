//! The `factcheck` binary: parse arguments, run, map the outcome to an exit code
//! (0 pass, 1 gate failed, 2 usage or input error).

use std::process::ExitCode;

use clap::Parser;
use factcheck::cli::{self, Args, Outcome};

fn main() -> ExitCode {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args = match Args::try_parse_from(&raw) {
        Ok(args) => args,
        // Help and version on stdout as clap writes them; a refused command line on stderr,
        // its quoted arguments escaped, as a workflow command under `--format github`.
        Err(e) if e.use_stderr() => {
            cli::output::print_usage_error(e, &raw);
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    match cli::run(args) {
        Ok(Outcome::Pass) => ExitCode::SUCCESS,
        Ok(Outcome::GateFailed) => ExitCode::from(1),
        Err(e) => {
            // Never a panic on a closed stderr (`2>&1 | head`); control characters escaped, and
            // a workflow command under `--format github`.
            cli::output::print_error(&e);
            ExitCode::from(2)
        }
    }
}
