//! Entry point: parse the command line and hand over to the command.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = kredskort::commands::cli::Cli::parse_or_exit();
    kredskort::commands::run(cli)
}
