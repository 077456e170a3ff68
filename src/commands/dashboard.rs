//! The interactive dashboard (no subcommand): load the data, take over the terminal, and run a
//! blocking event loop. Terminal input and signals arrive through one channel as `AppEvent`s; the
//! main thread sleeps in `recv()` and redraws only after an event that changed the state, so an idle
//! dashboard uses no CPU.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::action::Action;
use crate::app::App;
use crate::cli::GlobalArgs;
use crate::config::{self, DataSource, MapMode};
use crate::data::{self, Dataset};
use crate::keymap::Key;
use crate::locale::Locale;
use crate::term::TerminalGuard;
use crate::theme::Theme;
use crate::ui;

/// What the dashboard needs to know: the resolved configuration (config file, then command line)
/// plus the display switches that only the command line and environment set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub locale: Locale,
    pub mouse: bool,
    /// At least one data source (the built-in dataset when nothing is configured).
    pub data: Vec<DataSource>,
    pub map_mode: Option<MapMode>,
    pub plain: bool,
    pub no_color: bool,
}

/// Resolves the settings: `--config` or the looked-up `config.toml`, overridden by the command line.
/// A bad config file is an error report (path:line:col), as for data files.
pub fn settings_from_args(global: &GlobalArgs, files: &[PathBuf]) -> Result<Settings, String> {
    let config = config::resolve(global, files).map_err(|e| e.to_string())?;
    Ok(Settings {
        locale: config.locale,
        mouse: config.mouse,
        data: config.data_sources,
        map_mode: config.map_mode,
        plain: global.plain,
        // Issue: "NO_COLOR (any value) turns colour off".
        no_color: std::env::var_os("NO_COLOR").is_some(),
    })
}

/// Loads the first data source (several will become tabs), or the built-in dataset.
pub fn load_data(settings: &Settings) -> Result<Dataset, String> {
    match settings.data.first() {
        Some(source) => source.load().map_err(|e| e.to_string()),
        None => Ok(data::load_embedded()),
    }
}

/// The app for these settings at a terminal size.
pub fn app_from(data: Dataset, settings: &Settings, size: (u16, u16)) -> App {
    let mut app = App::new(data, settings.locale, size);
    app.theme = Theme::select(settings.plain, settings.no_color);
    let colorterm = std::env::var("COLORTERM").ok();
    app.configure_map(
        settings.map_mode,
        crate::app::map_mode::color_mode(settings.plain || settings.no_color, colorterm.as_deref()),
        !settings.plain,
    );
    app
}

/// Everything that can wake the event loop.
#[derive(Debug)]
pub enum AppEvent {
    Input(Event),
    /// The input thread could not read the terminal any more.
    InputFailed(String),
    /// SIGTERM, SIGHUP or SIGINT.
    Signal(i32),
}

/// The action a terminal event asks for, if any.
pub fn action_of(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => Key::from_event(k).and_then(|k| app.keymap.action(k)),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, false)),
            _ => None,
        },
        _ => None,
    }
}

pub fn run(global: &GlobalArgs, files: &[PathBuf]) -> ExitCode {
    let settings = match settings_from_args(global, files) {
        Ok(s) => s,
        Err(report) => {
            eprintln!("{report}");
            return ExitCode::FAILURE;
        }
    };
    let data = match load_data(&settings) {
        Ok(d) => d,
        Err(report) => {
            eprintln!("{report}");
            return ExitCode::FAILURE;
        }
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "kredskort: the dashboard needs a terminal; for a screen as text use `kredskort render`"
        );
        return ExitCode::FAILURE;
    }
    match run_loop(data, &settings) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Err(e) => {
            eprintln!("kredskort: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the dashboard until quit (`Ok(None)`) or a terminating signal (`Ok(Some(signal))`).
fn run_loop(data: Dataset, settings: &Settings) -> io::Result<Option<i32>> {
    let (tx, rx) = mpsc::channel::<AppEvent>();
    // Signals first, so a SIGTERM during start-up already goes through the restore path.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        for sig in signals.forever() {
            if sig_tx.send(AppEvent::Signal(sig)).is_err() {
                break;
            }
        }
    });
    let guard = TerminalGuard::enter(settings.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = app_from(data, settings, (size.width, size.height));
    let input_tx = tx;
    thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(ev) => AppEvent::Input(ev),
                Err(e) => AppEvent::InputFailed(e.to_string()),
            };
            let failed = matches!(msg, AppEvent::InputFailed(_));
            if input_tx.send(msg).is_err() || failed {
                break;
            }
        }
    });
    terminal.draw(|f| ui::draw(f, &app))?;
    let mut outcome = Ok(None);
    while let Ok(ev) = rx.recv() {
        match ev {
            AppEvent::Signal(sig) => {
                outcome = Ok(Some(sig));
                break;
            }
            AppEvent::InputFailed(e) => {
                outcome = Err(io::Error::other(e));
                break;
            }
            AppEvent::Input(ev) => {
                let Some(action) = action_of(&app, &ev) else {
                    continue;
                };
                let changed = app.update(action);
                if app.quit {
                    break;
                }
                if changed {
                    terminal.draw(|f| ui::draw(f, &app))?;
                }
            }
        }
    }
    drop(terminal);
    drop(guard);
    outcome
}
