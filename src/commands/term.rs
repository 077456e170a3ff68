//! The terminal guard: raw mode, alternate screen and (optionally) mouse capture while the dashboard
//! runs, and a restore that runs exactly once however the program ends: normal return (drop), error
//! (drop), panic (a hook that restores first, then runs the previous hook so the message is readable),
//! or a signal (the event loop leaves and the guard drops).

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// While alive, the terminal is in dashboard mode. Dropping it restores the terminal.
#[derive(Debug)]
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, and captures the mouse when `mouse` is true. On an
    /// error half-way, what was already changed is undone before the error is returned.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard { _private: () };
        execute!(io::stdout(), EnterAlternateScreen)?;
        if mouse {
            MOUSE.store(true, Ordering::SeqCst);
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back: mouse capture off, alternate screen left, cursor shown, raw mode off.
/// Idempotent, and safe to call from a panic hook; errors are ignored because there is nowhere left
/// to report them.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// The name of every thread started by [`spawn_caught`] begins so: the panic hook knows from it
/// that the panic is caught and reported, and leaves the terminal alone.
const CAUGHT_PREFIX: &str = "caught:";

/// Starts a thread named `name` that runs `work` and hands `report` its result, or the panic that
/// stopped it: for helper work whose failure the dashboard can report and live with (the search
/// index), so a panic there leaves the terminal as it is.
pub fn spawn_caught<T>(
    name: &str,
    work: impl FnOnce() -> T + Send + std::panic::UnwindSafe + 'static,
    report: impl FnOnce(std::thread::Result<T>) + Send + 'static,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name(format!("{CAUGHT_PREFIX}{name}"))
        .spawn(move || report(std::panic::catch_unwind(work)))
        .map(drop)
}

/// A panic restores the terminal first, then the previous hook prints its message. A panic on a
/// thread other than the main one (input, reload) would leave the dashboard drawing on a restored
/// terminal or deaf to keys, so the process ends there too, with the message; a thread started
/// by [`spawn_caught`] reports its own.
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            if thread.name().is_some_and(|n| n.starts_with(CAUGHT_PREFIX)) {
                return;
            }
            restore();
            previous(info);
            if thread.name() != Some("main") {
                std::process::exit(101);
            }
        }));
    });
}
