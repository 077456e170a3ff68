//! Several data files as tabs. A [`Workspace`] holds one [`Tab`] per data source; each tab that loaded
//! has its own [`App`] (selection, drill-down stack, filter, unit, marks, search: all per tab), so
//! switching with `[` / `]` comes back to exactly where that tab was.
//!
//! A file that is invalid at start-up still gets its tab (the others open normally): the tab shows the
//! error report and is watched like the others, so it opens as soon as the file is fixed (or on `r`).
//! With one tab no tab bar is drawn and the workspace is just its app.

use std::path::{Path, PathBuf};

use crate::app::map_mode::MapSettings;
use crate::app::{App, Effect, Msg, Update};
use crate::data::LoadError;
use crate::input::action::Action;
use crate::input::keymap::Keymap;
use crate::locale::Locale;
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
    tabs: Vec<Tab>,
    pub(super) active: usize,
    /// The whole terminal (each app gets it minus the tab bar).
    size: (u16, u16),
    locale: Locale,
    theme: Theme,
    keymap: Keymap,
    /// Map mode and colours for every tab's app.
    map: MapSettings,
    /// The change view, when open (`d`).
    pub(super) change: Option<super::change::ChangeView>,
}

impl Workspace {
    /// An empty workspace; [`Workspace::with_tab`] adds the tabs.
    pub fn new(
        locale: Locale,
        theme: Theme,
        keymap: Keymap,
        map: MapSettings,
        size: (u16, u16),
    ) -> Workspace {
        Workspace {
            tabs: Vec::new(),
            active: 0,
            size,
            locale,
            theme,
            keymap,
            map,
            change: None,
        }
    }

    /// The change view, when open.
    pub fn change(&self) -> Option<&super::change::ChangeView> {
        self.change.as_ref()
    }

    /// Shows tab `k`.
    pub(super) fn set_active(&mut self, k: usize) {
        if k < self.tabs.len() {
            self.active = k;
        }
    }

    pub fn tabs(&self) -> &[Tab] {
        &self.tabs
    }

    /// The index of the tab shown.
    pub fn active(&self) -> usize {
        self.active
    }

    /// The whole terminal.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Rows the tab bar takes: one when there are several tabs (and room), else none.
    pub fn bar_height(&self) -> u16 {
        u16::from(self.tabs.len() > 1 && self.size.1 >= 8)
    }

    /// The size each tab's app draws in.
    pub fn app_size(&self) -> (u16, u16) {
        (self.size.0, self.size.1.saturating_sub(self.bar_height()))
    }

    /// An app over a loaded source, dressed in the workspace's theme, keys and map settings.
    fn dress(&self, prepared: Prepared, path: Option<&Path>) -> App {
        let mut app = App::with_prepared(prepared, self.locale, self.app_size())
            .with_theme(self.theme.clone())
            .with_keymap(self.keymap.clone())
            .with_source(path.map(Path::to_path_buf))
            .with_tab_count(self.tabs.len().max(1))
            .with_map_settings(self.map);
        let (w, h) = self.app_size();
        let _ = app.update(Action::Resize(w, h));
        app
    }

    /// This workspace with a tab for a source that loaded (with its indexes) or failed.
    pub fn with_tab(
        mut self,
        path: Option<PathBuf>,
        result: Result<Prepared, LoadError>,
    ) -> Workspace {
        let tab = match result {
            Ok(p) => {
                let title = p.dataset.meta.title.clone();
                Tab {
                    title,
                    app: Some(self.dress(p, path.as_deref())),
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
            if let Some(app) = t.app.take() {
                t.app = Some(app.with_tab_count(n));
            }
        }
        // The tab bar may have just appeared: every app loses a row.
        self.resize(self.size.0, self.size.1);
        self
    }

    pub fn active_tab(&self) -> Option<&Tab> {
        self.tabs.get(self.active)
    }

    pub fn active_app(&self) -> Option<&App> {
        self.active_tab().and_then(|t| t.app.as_ref())
    }

    pub(super) fn active_app_mut(&mut self) -> Option<&mut App> {
        self.tabs.get_mut(self.active).and_then(|t| t.app.as_mut())
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let (aw, ah) = self.app_size();
        for t in &mut self.tabs {
            if let Some(app) = t.app.as_mut() {
                let _ = app.update(Action::Resize(aw, ah));
            }
        }
    }

    /// Applies one message to the workspace or the tab it concerns: whether the screen changed,
    /// and what the world must do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Update {
        match msg.into() {
            Msg::Key(key) => match self.tabs.get_mut(self.active).and_then(|t| t.app.as_mut()) {
                // An open prompt takes every key as text (not while the change view covers it).
                Some(app) if app.input_captured() && self.change.is_none() => {
                    app.update(Msg::Key(key))
                }
                _ => match self.keymap.action(key) {
                    Some(action) => self.act(action),
                    None => Update::default(),
                },
            },
            Msg::Action(action) => self.act(action),
            Msg::Loaded { path, result } => {
                let changed = self.apply_load(&path, *result);
                self.refresh_change();
                Update {
                    changed,
                    effects: Vec::new(),
                }
            }
            Msg::FileRemoved(path) => {
                let active = self.tab_of(&path) == Some(self.active);
                match self.tab_of(&path).and_then(|k| self.tabs[k].app.as_mut()) {
                    Some(app) => {
                        let u = app.update(Msg::FileRemoved(path));
                        Update {
                            changed: u.changed && active,
                            effects: u.effects,
                        }
                    }
                    None => Update::default(),
                }
            }
            Msg::WatchFailed(err) => {
                // Every tab keeps its data, and its status line says so.
                for app in self.tabs.iter_mut().filter_map(|t| t.app.as_mut()) {
                    let _ = app.update(Msg::WatchFailed(err.clone()));
                }
                Update {
                    changed: self.active_app().is_some(),
                    effects: Vec::new(),
                }
            }
            Msg::SearchIndexBuilt { tab, index, of } => {
                match self.tabs.get_mut(tab).and_then(|t| t.app.as_mut()) {
                    Some(app) => app.update(Msg::SearchIndexBuilt { tab, index, of }),
                    None => Update::default(),
                }
            }
            msg @ (Msg::Select(_)
            | Msg::Filter(_)
            | Msg::Exported(_)
            | Msg::ExportDeclined
            | Msg::Notice(_)) => match self.active_app_mut() {
                Some(app) => app.update(msg),
                None => Update::default(),
            },
        }
    }

    /// An action for the workspace (resize, tabs, quit, the tab bar) or the active tab.
    fn act(&mut self, action: Action) -> Update {
        if self.change.is_some() {
            let page = self.change_layout().visible_rows;
            if let Some(u) = self.change_action(action, page) {
                self.keep_change_visible();
                return u;
            }
        } else if action == Action::Change {
            return self.toggle_change();
        }
        let u = self.act_on_tabs(action);
        if self.change.is_some() {
            // A tab switch moves the comparison; a resize changes the rows that fit.
            self.refresh_change();
            self.keep_change_visible();
        }
        u
    }

    /// An action for the workspace (resize, tabs, quit, the tab bar) or the active tab.
    fn act_on_tabs(&mut self, action: Action) -> Update {
        let n = self.tabs.len();
        let changed = |changed| Update {
            changed,
            effects: Vec::new(),
        };
        match action {
            Action::Resize(w, h) => {
                self.resize(w, h);
                changed(true)
            }
            Action::NextTab | Action::PrevTab if n > 1 => {
                self.active = if action == Action::NextTab {
                    (self.active + 1) % n
                } else {
                    (self.active + n - 1) % n
                };
                changed(true)
            }
            Action::Quit => Update {
                changed: false,
                effects: vec![Effect::Quit],
            },
            Action::Click(x, y) | Action::Scroll(x, y, _) if y < self.bar_height() => {
                match tab_at(self, x) {
                    Some(k) if k != self.active && matches!(action, Action::Click(..)) => {
                        self.active = k;
                        changed(true)
                    }
                    _ => changed(false),
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
                    Some(Tab { app: Some(app), .. }) => app.update(action),
                    // A tab whose file never loaded: `r` loads it again.
                    Some(Tab {
                        app: None,
                        path: Some(path),
                        ..
                    }) if action == Action::Reload => Update {
                        changed: false,
                        effects: vec![Effect::Reload(path.clone())],
                    },
                    // Quit, tab switching and scrolling the report act there too.
                    Some(tab @ Tab { app: None, .. }) => changed(tab.scroll_error(action, body)),
                    None => changed(false),
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

    /// Applies a load of `path` to its tab: a tab that never loaded opens now; a loaded tab swaps
    /// the data in (or keeps it and shows the error banner).
    fn apply_load(&mut self, path: &Path, result: Result<Prepared, LoadError>) -> bool {
        let Some(k) = self.tab_of(path) else {
            return false;
        };
        let fresh = match (&mut self.tabs[k].app, result) {
            (Some(app), result) => {
                let _ = app.update(Msg::Loaded {
                    path: path.to_path_buf(),
                    result: Box::new(result),
                });
                None
            }
            (None, Ok(p)) => Some(p),
            (None, Err(e)) => {
                self.tabs[k].error = Some(e.to_string());
                None
            }
        };
        if let Some(p) = fresh {
            let app = self.dress(p, Some(path));
            self.tabs[k].app = Some(app);
            self.tabs[k].error = None;
        }
        if let Some(app) = &self.tabs[k].app {
            self.tabs[k].title = app.data().meta.title.clone();
        }
        true
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
