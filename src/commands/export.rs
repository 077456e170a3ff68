//! `kredskort export`: the data as CSV, JSON, Markdown or SVG.

use std::process::ExitCode;

use crate::cli::{ExportArgs, GlobalArgs};

pub fn run(_global: &GlobalArgs, _args: &ExportArgs) -> ExitCode {
    eprintln!("kredskort export: not built yet");
    ExitCode::FAILURE
}
