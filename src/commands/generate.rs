//! `kredskort gen` (hidden): synthetic data files for benchmarks.

use std::process::ExitCode;

use crate::cli::GenArgs;

pub fn run(_args: &GenArgs) -> ExitCode {
    eprintln!("kredskort gen: not built yet");
    ExitCode::FAILURE
}
