//! One module per command; `run` dispatches. Each returns the process exit code.

use std::io::Write as _;
use std::process::ExitCode;

use crate::commands::cli::{Cli, Command};

pub mod check;
pub mod cli;
pub mod dashboard;
pub mod export;
pub mod generate;
pub mod import;
pub mod render;
pub mod term;
pub mod watch;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => dashboard::run(&cli.global, &cli.dashboard, &cli.files),
        Some(Command::Check { ref files }) => check::run(&cli.global, files),
        Some(Command::Export(ref args)) => export::run(&cli.global, args),
        Some(Command::Render(ref args)) => render::run(&cli.global, args),
        Some(Command::Gen(ref args)) => generate::run(args),
        Some(Command::Import(ref args)) => import::run(&cli.global, args),
    }
}

/// The exit code of a command that succeeds or ends with a message for stderr (printed with a
/// final line break).
pub fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            write_stderr(&message);
            if !message.ends_with('\n') {
                write_stderr("\n");
            }
            ExitCode::FAILURE
        }
    }
}

/// Writes `text` to stdout, flushed. A closed pipe (`kredskort check | head -1`) is not an error
/// worth a message; any other failure (a full disk, `> /dev/full`) is returned as one line for
/// stderr. `print!` would panic on both.
pub fn write_stdout(text: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("error: cannot write to stdout: {e}")),
    }
}

/// Writes `text` to stderr, as [`write_stdout`] writes to stdout but with nowhere left to report a
/// failure: a reader that has gone (`kredskort check bad.toml 2>&1 | head -1`) or a full disk ends
/// the report quietly and the command keeps its exit code. `eprint!` would panic (exit 101).
pub fn write_stderr(text: &str) {
    let mut stderr = std::io::stderr().lock();
    // Ignored on purpose: stderr is where errors go, so an error writing it has no other place.
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}
