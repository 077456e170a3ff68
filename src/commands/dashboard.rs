//! The interactive dashboard (no subcommand).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::GlobalArgs;

pub fn run(_global: &GlobalArgs, _files: &[PathBuf]) -> ExitCode {
    eprintln!("kredskort: the dashboard is not built yet");
    ExitCode::FAILURE
}
