//! The `factcheck` binary: parse arguments, run, map the outcome to an exit code
//! (0 pass, 1 gate failed, 2 usage or input error).

use std::process::ExitCode;

use clap::Parser;
use factcheck::cli::{self, Args, Outcome};

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
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
