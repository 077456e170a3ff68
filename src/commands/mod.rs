//! One module per command; `run` dispatches. Each returns the process exit code.

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub mod check;
pub mod dashboard;
pub mod export;
pub mod generate;
pub mod render;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => dashboard::run(&cli.global, &cli.dashboard, &cli.files),
        Some(Command::Check { ref files }) => check::run(&cli.global, files),
        Some(Command::Export(ref args)) => export::run(&cli.global, args),
        Some(Command::Render(ref args)) => render::run(&cli.global, args),
        Some(Command::Gen(ref args)) => generate::run(args),
    }
}
