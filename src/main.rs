//! Entry point: parse the command line and hand over to the command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kredskort::cli::Cli::parse();
    kredskort::commands::run(cli)
}
