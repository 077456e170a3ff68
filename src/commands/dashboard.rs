//! The interactive dashboard (no subcommand): load the data, take over the terminal, and run a
//! blocking event loop. Terminal input and signals arrive through one channel as `AppEvent`s; the
//! main thread sleeps in `recv()` and redraws only after an event that changed the state, so an idle
//! dashboard uses no CPU.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Effect, Msg};
use crate::input::action::Action;

use crate::app::map_mode::{MapSettings, color_mode};
use crate::app::tabs::Workspace;
use crate::commands::cli::{DashboardArgs, DisplayArgs, GlobalArgs};
use crate::commands::term::TerminalGuard;
use crate::commands::watch::{FileWatcher, Reloader, WatchEvent, channel_sink};
use crate::config::{self, DataSource, MapMode};
use crate::data::{self, Dataset};
use crate::export::name::write_new_export;
use crate::input::keymap::{Key, Keymap};
use crate::locale::Locale;
use crate::search::{Prepared, SearchIndex};
use crate::style::theme::Theme;
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
    /// The config's `[theme]` and `[keys]` entries (validated by [`check_style`]).
    pub theme_entries: Vec<config::ConfigEntry>,
    pub key_entries: Vec<config::ConfigEntry>,
    pub config_path: Option<PathBuf>,
}

/// Resolves the settings: `--config` or the looked-up `config.toml`, overridden by the command line.
/// A bad config file is one error report (path:line:col) with every problem of the file, its top
/// level and its `[theme]` / `[keys]` together.
pub fn settings_from_args(
    global: &GlobalArgs,
    display: &DisplayArgs,
    files: &[PathBuf],
) -> Result<Settings, String> {
    let checked = check_config(global, files, display.plain)?;
    match checked.report {
        Some(report) => Err(report.to_string()),
        None => Ok(checked.settings),
    }
}

/// A config file read and checked as far as it goes.
#[derive(Debug)]
pub struct ConfigCheck {
    /// What was read from the parts of the file that are right.
    pub settings: Settings,
    /// Every problem of the config file, sorted by position, with one count; `None` when it is fine.
    pub report: Option<data::LoadError>,
    /// Whether the top level (`data`, `locale`, …) was right, so the data sources can be trusted
    /// even when `[theme]` or `[keys]` were not.
    pub top_level_ok: bool,
}

/// Resolves the config (as [`config::resolve`]) and checks its `[theme]` and `[keys]` (as
/// [`check_style`]) even when its top level has errors, so one run reports them all. `Err` (the
/// rendered report) when the file cannot be read at all.
pub fn check_config(
    global: &GlobalArgs,
    files: &[PathBuf],
    plain: bool,
) -> Result<ConfigCheck, String> {
    let (config, top) =
        config::resolve_partial(&global.overrides(), files).map_err(|e| e.to_string())?;
    let settings = Settings::from_config(config, plain);
    let (_, _, style) = style_of(&settings);
    let top_level_ok = top.is_none();
    let mut diagnostics = top.map(|e| e.diagnostics).unwrap_or_default();
    diagnostics.extend(style);
    // In file order, as a reader goes through the file (stable: one place keeps the order found).
    diagnostics.sort_by_key(|d| d.at.as_ref().map(|s| (s.line, s.col)));
    let report = config::apply::report(&config_origin(&settings), diagnostics);
    Ok(ConfigCheck {
        settings,
        report,
        top_level_ok,
    })
}

/// How the config file is named in messages (the path as given).
fn config_origin(settings: &Settings) -> String {
    settings
        .config_path
        .as_deref()
        .map_or_else(|| "config.toml".to_string(), config::origin_of)
}

impl Settings {
    /// A resolved config file plus the display switches (`--plain`, `NO_COLOR`). `[theme]` and
    /// `[keys]` are not checked yet: that is [`check_style`].
    pub fn from_config(config: config::Settings, plain: bool) -> Settings {
        Settings {
            locale: config.locale,
            mouse: config.mouse,
            data: config.data_sources,
            map_mode: config.map_mode,
            plain,
            no_color: crate::style::colour::no_color_requested(),
            theme_entries: config.theme_entries,
            key_entries: config.key_entries,
            config_path: config.config_path,
        }
    }
}

/// The theme and keymap the settings ask for, or every `[theme]` / `[keys]` problem as one located
/// report (printed before the terminal is touched).
pub fn check_style(settings: &Settings) -> Result<(Theme, Keymap), String> {
    let (theme, keymap, problems) = style_of(settings);
    match config::apply::report(&config_origin(settings), problems) {
        Some(e) => Err(e.to_string()),
        None => Ok((theme, keymap)),
    }
}

/// The theme and keymap the settings ask for, and every `[theme]` / `[keys]` problem.
fn style_of(settings: &Settings) -> (Theme, Keymap, Vec<data::Diagnostic>) {
    let mut theme = Theme::select(settings.plain, settings.no_color);
    let mut keymap = Keymap::default();
    let colours = !settings.plain && !settings.no_color;
    let mut problems = config::apply::apply_theme(&mut theme, &settings.theme_entries, colours);
    problems.extend(config::apply::apply_keys(
        &mut keymap,
        &settings.key_entries,
    ));
    (theme, keymap, problems)
}

/// The workspace: one tab per data source, each loaded with its indexes. A source that fails to
/// load becomes a tab showing its error (the others open); with a single source, a failure is an
/// error (there is nothing to show).
pub fn workspace_from(settings: &Settings, size: (u16, u16)) -> Result<Workspace, String> {
    workspace_with(settings, size, Prepared::new)
}

/// [`workspace_from`], each loaded dataset prepared by `prepare`.
fn workspace_with(
    settings: &Settings,
    size: (u16, u16),
    prepare: fn(Dataset) -> Prepared,
) -> Result<Workspace, String> {
    let (theme, keymap) = check_style(settings)?;
    let mut ws = Workspace::new(settings.locale, theme, keymap, map_settings(settings), size);
    let sources: Vec<DataSource> = if settings.data.is_empty() {
        vec![DataSource::Embedded]
    } else {
        settings.data.clone()
    };
    let single = sources.len() == 1;
    for source in &sources {
        let result = source.load().map(prepare);
        if single && let Err(e) = &result {
            return Err(e.to_string());
        }
        let path = match source {
            DataSource::File(p) => Some(p.clone()),
            DataSource::Embedded => None,
        };
        ws = ws.with_tab(path, result);
    }
    Ok(ws)
}

/// The map settings: the configured mode, colours from NO_COLOR/`--plain` and `COLORTERM`, and no
/// outline with `--plain` (it is drawn with block characters).
pub fn map_settings(settings: &Settings) -> MapSettings {
    let colorterm = std::env::var("COLORTERM").ok();
    MapSettings {
        mode: settings.map_mode,
        color: color_mode(settings.plain || settings.no_color, colorterm.as_deref()),
        allow_outline: !settings.plain,
    }
}

/// The app for these settings at a terminal size.
pub fn app_from(data: Dataset, settings: &Settings, size: (u16, u16)) -> App {
    let app = App::new(data, settings.locale, size);
    let app = match check_style(settings) {
        Ok((theme, keymap)) => app.with_theme(theme).with_keymap(keymap),
        // Already reported by `settings_from_args`; settings built elsewhere fall back to defaults.
        Err(_) => app.with_theme(Theme::select(settings.plain, settings.no_color)),
    };
    app.with_map_settings(map_settings(settings))
}

/// Everything that can wake the event loop.
#[derive(Debug)]
pub enum AppEvent {
    Input(Event),
    /// A watched data file changed, or a background reload finished.
    Watch(WatchEvent),
    /// The input thread could not read the terminal any more.
    InputFailed(String),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT.
    Signal(i32),
    /// A tab's search index, built after the first frame over the dataset `of` (`None`: the
    /// build failed).
    SearchIndex {
        tab: usize,
        index: Option<Box<SearchIndex>>,
        of: Arc<Dataset>,
    },
}

pub fn run(global: &GlobalArgs, args: &DashboardArgs, files: &[PathBuf]) -> ExitCode {
    let settings = match settings_from_args(global, &args.display, files) {
        // `--no-mouse` overrides the config's `mouse`.
        Ok(s) => Settings {
            mouse: s.mouse && !args.no_mouse,
            ..s
        },
        Err(report) => {
            super::write_stderr(&format!("{report}\n"));
            return ExitCode::FAILURE;
        }
    };
    // The search indexes are built once the first frame is drawn (see `run_loop`).
    let ws = match workspace_with(&settings, (80, 24), Prepared::without_search) {
        Ok(ws) => ws,
        Err(report) => {
            super::write_stderr(&format!("{report}\n"));
            return ExitCode::FAILURE;
        }
    };
    for tab in ws.tabs() {
        if let Some(err) = &tab.error {
            // Also on stderr, so the report survives the alternate screen.
            super::write_stderr(&format!("{err}\n"));
        }
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        super::write_stderr(
            "kredskort: the dashboard needs a terminal; for a screen as text use `kredskort render`\n",
        );
        return ExitCode::FAILURE;
    }
    match run_loop(ws, &settings) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Err(e) => {
            super::write_stderr(&format!("kredskort: terminal error: {e}\n"));
            ExitCode::FAILURE
        }
    }
}

/// Builds the search index of every tab whose app started without one, each on a thread of its
/// own that reads the tab's dataset (shared, not copied) and sends the index back as an event, so
/// the screen takes keys, resizes and signals meanwhile. Where no thread can be started, the index
/// is built here.
fn build_pending_search(ws: &mut Workspace, tx: &mpsc::Sender<AppEvent>) {
    for tab in 0..ws.tabs().len() {
        let data = match ws.tabs().get(tab).and_then(|t| t.app.as_ref()) {
            Some(app) if app.search_pending() => app.shared_data(),
            _ => continue,
        };
        let tx = tx.clone();
        let (work, of) = (Arc::clone(&data), Arc::clone(&data));
        // A failure leaves the tab without search (and says so), not the terminal broken.
        let spawned = super::term::spawn_caught(
            "search-index",
            move || SearchIndex::build(&work),
            move |built| {
                let _ = tx.send(AppEvent::SearchIndex {
                    tab,
                    index: built.ok().map(Box::new),
                    of,
                });
            },
        );
        if spawned.is_err() {
            let index = Some(Box::new(SearchIndex::build(&data)));
            let _ = ws.update(Msg::SearchIndexBuilt {
                tab,
                index,
                of: data,
            });
        }
    }
}

/// Runs the dashboard until quit (`Ok(None)`) or a terminating signal (`Ok(Some(signal))`).
fn run_loop(mut ws: Workspace, settings: &Settings) -> io::Result<Option<i32>> {
    let (tx, rx) = mpsc::channel::<AppEvent>();
    // Signals first, so a SIGTERM during start-up already goes through the restore path.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        for sig in signals.forever() {
            if sig_tx.send(AppEvent::Signal(sig)).is_err() {
                break;
            }
        }
    });
    // Live reload: every data file is watched (the built-in dataset is not); changes and finished
    // background loads arrive on the same channel as keys, so the loop still sleeps in `recv()`.
    let sink = channel_sink(tx.clone(), AppEvent::Watch);
    let files: Vec<PathBuf> = ws.tabs().iter().filter_map(|t| t.path.clone()).collect();
    let mut watch_error = None;
    let _watcher = if files.is_empty() {
        None
    } else {
        match FileWatcher::new(&files, sink.clone()) {
            Ok(w) => Some(w),
            Err(e) => {
                watch_error = Some(e.to_string());
                None
            }
        }
    };
    // One reloader per tab, so each file's generations are counted separately.
    let reloaders: Vec<Reloader> = ws
        .tabs()
        .iter()
        .map(|_| Reloader::new(sink.clone()))
        .collect();
    let guard = TerminalGuard::enter(settings.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let _ = ws.update(Action::Resize(size.width, size.height));
    if let Some(msg) = watch_error {
        let _ = ws.update(Msg::WatchFailed(msg));
    }
    let index_tx = tx.clone();
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
    terminal.draw(|f| ui::tabbar::draw(f, &ws))?;
    // Now the search indexes left out at start-up, off this thread: the first screen is up and
    // takes keys while they are built.
    build_pending_search(&mut ws, &index_tx);
    drop(index_tx);
    let mut outcome = Ok(None);
    let start_reload = |ws: &Workspace, path: &Path| {
        if let Some(r) = ws.tab_of(path).and_then(|k| reloaders.get(k)) {
            r.reload(path, None);
        }
    };
    while let Ok(ev) = rx.recv() {
        let msg = match ev {
            AppEvent::Signal(sig) => {
                outcome = Ok(Some(sig));
                break;
            }
            AppEvent::InputFailed(e) => {
                outcome = Err(io::Error::other(e));
                break;
            }
            AppEvent::Input(Event::Key(k)) => match Key::from_event(&k) {
                Some(key) => Msg::Key(key),
                None => continue,
            },
            AppEvent::Input(other) => match action_of_event(&other) {
                Some(action) => Msg::Action(action),
                None => continue,
            },
            AppEvent::Watch(WatchEvent::Changed(path)) => {
                start_reload(&ws, &path);
                continue;
            }
            AppEvent::Watch(WatchEvent::Loaded {
                path,
                generation,
                result,
            }) => {
                let latest = ws
                    .tab_of(&path)
                    .and_then(|k| reloaders.get(k))
                    .is_some_and(|r| r.is_latest(generation));
                if !latest {
                    continue;
                }
                Msg::Loaded { path, result }
            }
            AppEvent::SearchIndex { tab, index, of } => Msg::SearchIndexBuilt { tab, index, of },
            AppEvent::Watch(WatchEvent::Removed(path)) => Msg::FileRemoved(path),
            AppEvent::Watch(WatchEvent::Error(e)) => Msg::WatchFailed(e),
        };
        // What the update asks for is done here, and may answer with a message of its own.
        let update = ws.update(msg);
        let mut changed = update.changed;
        let mut quit = false;
        let mut effects = std::collections::VecDeque::from(update.effects);
        while let Some(effect) = effects.pop_front() {
            match effect {
                Effect::Quit => quit = true,
                Effect::Reload(path) => start_reload(&ws, &path),
                Effect::Export { stem, bytes } => {
                    let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                    let answer = ws.update(write_export(&dir, &stem, &bytes));
                    changed |= answer.changed;
                    effects.extend(answer.effects);
                }
            }
        }
        if quit {
            break;
        }
        if changed {
            terminal.draw(|f| ui::tabbar::draw(f, &ws))?;
        }
    }
    drop(terminal);
    drop(guard);
    outcome
}

/// Carries out an [`Effect::Export`]: the CSV written to a new file in `dir`, and the message that
/// tells the app how it went.
pub fn write_export(dir: &Path, stem: &str, bytes: &[u8]) -> Msg {
    Msg::Exported(write_new_export(dir, stem, "csv", bytes))
}

/// The action of a non-key terminal event (resize, mouse).
pub fn action_of_event(ev: &Event) -> Option<Action> {
    match ev {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The start-up's search index comes from another thread as an event, and the tab takes it.
    #[test]
    fn the_pending_search_index_arrives_as_an_event() {
        let ws = Workspace::new(
            Locale::Da,
            Theme::default(),
            Keymap::default(),
            MapSettings::default(),
            (120, 40),
        );
        let mut ws = ws.with_tab(None, Ok(Prepared::without_search(data::load_embedded())));
        let pending = |ws: &Workspace| ws.tabs()[0].app.as_ref().unwrap().search_pending();
        assert!(pending(&ws));
        let (tx, rx) = mpsc::channel();
        build_pending_search(&mut ws, &tx);
        let Ok(AppEvent::SearchIndex { tab, index, of }) =
            rx.recv_timeout(std::time::Duration::from_secs(60))
        else {
            panic!("no index event");
        };
        assert!(index.is_some());
        let _ = ws.update(Msg::SearchIndexBuilt { tab, index, of });
        assert!(!pending(&ws));
        assert!(
            !ws.tabs()[0]
                .app
                .as_ref()
                .unwrap()
                .search_index()
                .query("vollsmose")
                .is_empty()
        );
    }
}
