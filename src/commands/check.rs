//! `kredskort check`: validate files, print a summary of each.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::GlobalArgs;

pub fn run(_global: &GlobalArgs, _files: &[PathBuf]) -> ExitCode {
    eprintln!("kredskort check: not built yet");
    ExitCode::FAILURE
}
