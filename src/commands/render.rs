//! `kredskort render`: one screen, headless, after a key sequence.

use std::process::ExitCode;

use crate::cli::{GlobalArgs, RenderArgs};

pub fn run(_global: &GlobalArgs, _args: &RenderArgs) -> ExitCode {
    eprintln!("kredskort render: not built yet");
    ExitCode::FAILURE
}
