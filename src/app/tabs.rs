//! Several data files as tabs. A [`Workspace`] holds one [`Tab`] per data source; each tab that loaded
//! has its own [`App`] (selection, drill-down stack, filter, unit, marks, search: all per tab), so
//! switching with `[` / `]` comes back to exactly where that tab was.
//!
//! A file that is invalid at start-up still gets its tab (the others open normally): the tab shows the
//! error report and is watched like the others, so it opens as soon as the file is fixed (or on `r`).
//! With one tab no tab bar is drawn and the workspace is just its app.

use std::path::{Path, PathBuf};

use crate::app::App;
use crate::app::map_mode::MapSettings;
use crate::data::LoadError;
use crate::i18n::locale::Locale;
use crate::input::action::Action;
use crate::input::keymap::{Key, Keymap};
use crate::search::Prepared;
use crate::style::theme::Theme;

/// One data source.
#[derive(Debug, Clone)]
pub struct Tab {
    /// The dataset title, or the file name while the file is invalid.
    pub title: String,
    /// The file (`None`: the built-in dataset).
    pub path: Option<PathBuf>,
    /// The app over this tab's data; `None` while the file has never loaded.
    pub app: Option<App>,
    /// Why the file did not load at start-up (the full located report), until it loads.
    pub error: Option<String>,
    /// How far the report is scrolled (rows, columns); see [`crate::app::error_view`].
    pub error_scroll: (usize, usize),
}

/// All tabs, the active one, and what every tab shares (terminal size, locale, theme, keys).
#[derive(Debug, Clone)]
pub struct Workspace {
    pub tabs: Vec<Tab>,
    pub active: usize,
    /// The whole terminal (each app gets it minus the tab bar).
    pub size: (u16, u16),
    pub locale: Locale,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Map mode and colours for every tab's app.
    pub map: MapSettings,
    pub quit: bool,
    /// Bumped when the workspace itself changes (tab switch, a tab loaded), to trigger a redraw.
    pub generation: u64,
}

impl Workspace {
    pub fn new(locale: Locale, theme: Theme, keymap: Keymap, size: (u16, u16)) -> Workspace {
        Workspace {
            tabs: Vec::new(),
            active: 0,
            size,
            locale,
            theme,
            keymap,
            map: MapSettings::default(),
            quit: false,
            generation: 0,
        }
    }

    /// Rows the tab bar takes: one when there are several tabs (and room), else none.
    pub fn bar_height(&self) -> u16 {
        u16::from(self.tabs.len() > 1 && self.size.1 >= 8)
    }

    /// The size each tab's app draws in.
    pub fn app_size(&self) -> (u16, u16) {
        (self.size.0, self.size.1.saturating_sub(self.bar_height()))
    }

    fn dress(&self, mut app: App, path: Option<&Path>) -> App {
        app.theme = self.theme.clone();
        app.keymap = self.keymap.clone();
        app.apply_map_settings(self.map);
        app.tools.source = path.map(Path::to_path_buf);
        app.update(Action::Resize(self.app_size().0, self.app_size().1));
        app
    }

    /// Adds a tab for a source that loaded (with its indexes) or failed.
    pub fn push(&mut self, path: Option<PathBuf>, result: Result<Prepared, LoadError>) {
        let tab = match result {
            Ok(p) => {
                let title = p.dataset.meta.title.clone();
                let app = App::with_prepared(p, self.locale, self.app_size());
                Tab {
                    title,
                    app: Some(self.dress(app, path.as_deref())),
                    path,
                    error: None,
                    error_scroll: (0, 0),
                }
            }
            Err(e) => Tab {
                title: path.as_deref().map_or_else(
                    || e.origin.clone(),
                    |p| {
                        p.file_name()
                            .map_or_else(|| e.origin.clone(), |n| n.to_string_lossy().into())
                    },
                ),
                path,
                app: None,
                error: Some(e.to_string()),
                error_scroll: (0, 0),
            },
        };
        self.tabs.push(tab);
        let n = self.tabs.len();
        for t in &mut self.tabs {
            if let Some(app) = t.app.as_mut() {
                app.tools.tab_count = n;
            }
        }
        // The tab bar may have just appeared: every app loses a row.
        self.resize(self.size.0, self.size.1);
    }

    pub fn active_tab(&self) -> Option<&Tab> {
        self.tabs.get(self.active)
    }

    pub fn active_app(&self) -> Option<&App> {
        self.active_tab().and_then(|t| t.app.as_ref())
    }

    pub fn active_app_mut(&mut self) -> Option<&mut App> {
        self.tabs.get_mut(self.active).and_then(|t| t.app.as_mut())
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let (aw, ah) = self.app_size();
        for t in &mut self.tabs {
            if let Some(app) = t.app.as_mut() {
                app.update(Action::Resize(aw, ah));
            }
        }
    }

    /// A key press: the active app's prompt first, then the keymap.
    pub fn handle_key(&mut self, key: Key) -> bool {
        if let Some(app) = self.active_app_mut()
            && app.input_captured()
        {
            let changed = app.handle_key(key);
            self.quit |= app.quit;
            return changed;
        }
        match self.keymap.action(key) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// Applies an action to the workspace or the active tab. Returns whether anything changed.
    pub fn update(&mut self, action: Action) -> bool {
        let n = self.tabs.len();
        match action {
            Action::Resize(w, h) => {
                self.resize(w, h);
                true
            }
            Action::NextTab | Action::PrevTab if n > 1 => {
                self.active = if action == Action::NextTab {
                    (self.active + 1) % n
                } else {
                    (self.active + n - 1) % n
                };
                self.generation += 1;
                true
            }
            Action::Quit => {
                self.quit = true;
                true
            }
            Action::Click(x, y) | Action::Scroll(x, y, _) if y < self.bar_height() => {
                match tab_at(self, x) {
                    Some(k) if k != self.active && matches!(action, Action::Click(..)) => {
                        self.active = k;
                        self.generation += 1;
                        true
                    }
                    _ => false,
                }
            }
            _ => {
                let bar = self.bar_height();
                let body = self.app_size();
                let action = match action {
                    Action::Click(x, y) => Action::Click(x, y - bar),
                    Action::Scroll(x, y, d) => Action::Scroll(x, y - bar, d),
                    a => a,
                };
                match self.tabs.get_mut(self.active) {
                    Some(Tab { app: Some(app), .. }) => {
                        let changed = app.update(action);
                        self.quit |= app.quit;
                        changed
                    }
                    // A tab whose file never loaded: quit, tab switching, reload (`r`, in the
                    // loop) and scrolling the report act.
                    Some(tab @ Tab { app: None, .. }) => tab.scroll_error(action, body),
                    None => false,
                }
            }
        }
    }

    /// The tab showing `path`, if any.
    pub fn tab_of(&self, path: &Path) -> Option<usize> {
        self.tabs
            .iter()
            .position(|t| t.path.as_deref() == Some(path))
    }

    /// The file of `path`'s tab was deleted: its app keeps the data and shows a banner. Whether the
    /// screen changed.
    pub fn mark_removed(&mut self, path: &Path) -> bool {
        let Some(k) = self.tab_of(path) else {
            return false;
        };
        let active = k == self.active;
        match self.tabs.get_mut(k).and_then(|t| t.app.as_mut()) {
            Some(app) => app.mark_file_removed() && active,
            None => false,
        }
    }

    /// The file watcher failed (it may have stopped): every tab keeps its data, and its status line
    /// says so. Whether the screen changed (the active tab has an app to show it).
    pub fn watch_failed(&mut self, err: &str) -> bool {
        let msg = crate::i18n::watch_failed(err, self.locale);
        for app in self.tabs.iter_mut().filter_map(|t| t.app.as_mut()) {
            app.set_status(msg.clone());
        }
        self.active_app().is_some()
    }

    /// Applies a reload result to the tab of `path`: a tab that never loaded opens now; a loaded tab
    /// swaps the data in (or keeps it and shows the error banner).
    pub fn apply_reload(&mut self, path: &Path, result: Result<Prepared, LoadError>) -> bool {
        let Some(k) = self.tab_of(path) else {
            return false;
        };
        let locale = self.locale;
        let size = self.app_size();
        let fresh = match (&mut self.tabs[k].app, result) {
            (Some(app), result) => {
                app.apply_reload(result);
                None
            }
            (None, Ok(p)) => Some(App::with_prepared(p, locale, size)),
            (None, Err(e)) => {
                self.tabs[k].error = Some(e.to_string());
                None
            }
        };
        if let Some(app) = fresh {
            let mut app = self.dress(app, Some(path));
            app.tools.tab_count = self.tabs.len();
            self.tabs[k].app = Some(app);
            self.tabs[k].error = None;
        }
        if let Some(app) = &self.tabs[k].app {
            self.tabs[k].title = app.data.meta.title.clone();
        }
        self.generation += 1;
        true
    }

    /// Whether the active tab asked for a reload (`r`); clears the request. A tab that never loaded
    /// reloads on `r` too.
    pub fn take_reload_request(&mut self) -> Option<PathBuf> {
        let tab = self.tabs.get_mut(self.active)?;
        match tab.app.as_mut() {
            Some(app) if app.tools.reload_requested => {
                app.tools.reload_requested = false;
                tab.path.clone()
            }
            _ => None,
        }
    }

    /// Loads a tab's file now on this thread (tests and the `r` key on a tab that never loaded).
    pub fn reload_now(&mut self, k: usize) -> bool {
        let Some(path) = self.tabs.get(k).and_then(|t| t.path.clone()) else {
            return false;
        };
        let result = crate::data::load_file(&path).map(Prepared::new);
        self.apply_reload(&path, result)
    }
}

/// The tab bar's entries as (x, width, label), each title truncated so all fit in the width.
pub fn tab_entries(ws: &Workspace) -> Vec<(u16, usize, String)> {
    let n = ws.tabs.len().max(1);
    let w = usize::from(ws.size.0);
    // " 1 title " per tab plus a separator column.
    let each = (w / n).saturating_sub(1).max(4);
    let mut x = 0usize;
    let mut out = Vec::with_capacity(n);
    for (k, t) in ws.tabs.iter().enumerate() {
        let mark = if t.app.is_none() { "! " } else { "" };
        let full = format!(" {} {mark}{} ", k + 1, t.title);
        let label = crate::text::truncate_with(&full, each, ws.theme.ellipsis).into_owned();
        let lw = crate::text::width(&label);
        out.push((u16::try_from(x).unwrap_or(u16::MAX), lw, label));
        x += lw + 1;
    }
    out
}

fn tab_at(ws: &Workspace, x: u16) -> Option<usize> {
    tab_entries(ws)
        .iter()
        .position(|(sx, w, _)| x >= *sx && usize::from(x - sx) < *w)
}
