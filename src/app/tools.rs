//! Issue 5 in the app: the analyst tools' state and their part of `update`. Find (`/`, `n`, `N`), the
//! theme filter (`t`), units (`u`), bar order (`s`), marks and comparison (`Space`, `c`), export of the
//! view (`e`) and live reload (`r`, file changes). The logic lives in the tested library modules
//! (`search`, `view_model`, `export`, `export_name`, `watch`); this file only wires them to the state.
//!
//! The view model ([`crate::screen::figures::Figures`]) is rebuilt whenever the data or the view options
//! change (`App::rebuild_view`), never per frame; the search index is built with the dataset (off the
//! UI thread on reload, via [`Prepared`]) and shared by `Arc`, so a keystroke in the prompt is one query.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::app::{App, Focus, Level, View};
use crate::data::{Dataset, LoadError};
use crate::export;
use crate::export::ExportBy;
use crate::export::name::{create_unique_export, export_stem};
use crate::i18n::locale::Locale;
use crate::input::action::{Action, Dir};
use crate::input::keymap::Key;
use crate::screen::figures::{self, Comparison, ViewOptions};
use crate::search::Prepared;
use crate::search::{Hit, SearchIndex, Target, ThemeIndex};

/// The unit the app starts in: compact money, as the dashboard always showed it (`u` then goes on to
/// the share of the pool, per inhabitant, and full amounts).
pub const INITIAL_UNIT: figures::Unit = figures::Unit::MoneyCompact;

/// How many hits the prompt's result list keeps.
pub const RESULT_LIMIT: usize = 50;

/// What the keyboard is talking to besides the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// The `/` prompt is open.
    Search(SearchPrompt),
    /// The `t` pick list is open; `selected` 0 is "all", `k` the k-th theme of [`Tools::theme_list`].
    ThemePick {
        selected: usize,
    },
    /// The `c` comparison overlay of the marked districts.
    Compare,
}

/// Where the screen was before `/`, so `Esc` restores it exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub stack: Vec<Level>,
    pub selected: usize,
    pub bars_offset: usize,
    pub map_offset: (u16, u16),
}

/// The open search prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPrompt {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Number of targets matched in all (the list is limited to [`RESULT_LIMIT`]).
    pub total: usize,
    /// The highlighted row of the result list.
    pub selected: usize,
    pub saved: Saved,
}

/// The tools' state, owned by `App`.
#[derive(Debug, Clone)]
pub struct Tools {
    pub options: ViewOptions,
    /// The figures the map and the bars show (rebuilt when data or options change).
    pub view: figures::Figures,
    pub search: Arc<SearchIndex>,
    pub themes: Arc<ThemeIndex>,
    /// Marked districts, in marking order.
    pub marks: Vec<usize>,
    pub mode: Mode,
    /// The hits of the last confirmed search, for `n` / `N`, and the current position in them.
    pub hits: Vec<Hit>,
    pub hit_pos: usize,
    /// A one-line message for the status line (export written, nothing to compare, …).
    pub status: Option<String>,
    /// Where in `status` a file path begins that runs to its end (an export's): the line is cut
    /// from the path's left then, so the file name stays visible.
    pub status_path_at: Option<usize>,
    /// The data file could not be reloaded: the error's one-line summary (path:line:col: message).
    pub reload_error: Option<String>,
    /// The watched data file was deleted (or moved away): the last loaded data stays on screen with
    /// a banner until the file is back.
    pub file_removed: bool,
    /// The file this dataset came from (`None`: the built-in dataset, not watched or reloaded).
    pub source: Option<PathBuf>,
    /// `r` was pressed: the event loop starts a background reload and clears this.
    pub reload_requested: bool,
    /// `e` was pressed: the event loop writes the file and clears this (`render` declines it).
    pub export_requested: bool,
    /// Where `e` writes (the working directory in the app; a temp dir in tests).
    pub export_dir: Option<PathBuf>,
    /// Bumped on every change of the tools' state, so `update` knows to redraw.
    pub generation: u64,
    /// How many tabs the workspace has (set by it; the key hints mention `[` `]` from two on).
    pub tab_count: usize,
}

impl Tools {
    fn new(ds: &Dataset, search: SearchIndex, themes: ThemeIndex, locale: Locale) -> Tools {
        let options = ViewOptions {
            unit: INITIAL_UNIT,
            ..ViewOptions::default()
        };
        Tools {
            view: figures::Figures::build_indexed(ds, &themes, &options, locale),
            options,
            search: Arc::new(search),
            themes: Arc::new(themes),
            marks: Vec::new(),
            mode: Mode::Normal,
            hits: Vec::new(),
            hit_pos: 0,
            status: None,
            status_path_at: None,
            reload_error: None,
            file_removed: false,
            source: None,
            reload_requested: false,
            export_requested: false,
            export_dir: None,
            generation: 0,
            tab_count: 1,
        }
    }

    /// The themes of the file with their project counts, in the locale's order.
    pub fn theme_list(&self, locale: Locale) -> Vec<(String, usize)> {
        self.themes.themes(locale)
    }

    pub fn bump(&mut self) {
        self.generation = self.generation.wrapping_add(1);
    }
}

impl App {
    /// An app over a dataset whose indexes are already built (first load or a background reload).
    pub fn with_prepared(prepared: Prepared, locale: Locale, size: (u16, u16)) -> App {
        let Prepared {
            dataset,
            search,
            themes,
        } = prepared;
        let tools = Tools::new(&dataset, search, themes, locale);
        let mut app = App::new_bare(dataset, tools, locale, size);
        app.rebuild_view();
        if let Some(&first) = app.bar_order.first() {
            app.selected = first;
        }
        app.keep_visible();
        app.prepare();
        app
    }

    /// Recomputes the view model and the bar order after the data or the options changed.
    pub fn rebuild_view(&mut self) {
        self.tools.view = figures::Figures::build_indexed(
            &self.data,
            &self.tools.themes,
            &self.tools.options,
            self.locale,
        );
        self.bar_order = self.tools.view.order.clone();
        self.labels =
            crate::screen::labels::ViewLabels::build(&self.data, &self.tools.view, self.locale);
        self.tools.bump();
    }

    /// Sets the status-line message.
    pub fn set_status(&mut self, msg: impl Into<String>) {
        self.tools.status = Some(msg.into());
        self.tools.status_path_at = None;
        self.tools.bump();
    }

    /// Sets a status message that ends in a file path (`prefix` then the path).
    pub(super) fn set_status_path(&mut self, prefix: &str, path: &Path) {
        let path = crate::text::sanitize_line(&path.display().to_string());
        self.set_status(format!("{prefix}{path}"));
        self.tools.status_path_at = Some(prefix.len());
    }

    /// Keys while a prompt or pick list is open go here first, so typing never triggers a binding.
    /// `None`: not handled, use the keymap.
    pub(super) fn handle_mode_key(&mut self, key: Key) -> Option<bool> {
        if self.help {
            return None;
        }
        match self.tools.mode {
            Mode::Search(_) => Some(self.search_key(key)),
            Mode::Normal | Mode::ThemePick { .. } | Mode::Compare => None,
        }
    }

    /// Tool actions (and the actions a pick list or the comparison takes over). Returns whether the
    /// action was handled here.
    pub(super) fn apply_tool(&mut self, action: Action) -> bool {
        if self.help || matches!(action, Action::Resize(..) | Action::Quit) {
            return false;
        }
        // Any key clears the last status message.
        if self.tools.status.is_some() && !matches!(action, Action::Scroll(..)) {
            self.tools.status = None;
            self.tools.status_path_at = None;
            self.tools.bump();
        }
        match self.tools.mode.clone() {
            Mode::ThemePick { selected } => {
                self.theme_pick_action(action, selected);
                return true;
            }
            Mode::Compare => {
                if matches!(
                    action,
                    Action::Back | Action::Compare | Action::Enter | Action::Click(..)
                ) {
                    self.tools.mode = Mode::Normal;
                    self.tools.bump();
                    return true;
                }
                if matches!(action, Action::Mark) {
                    return true;
                }
            }
            Mode::Normal | Mode::Search(_) => {}
        }
        match action {
            Action::Search => self.open_search(),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::ThemeFilter => {
                let current = self.tools.options.filter().and_then(|f| {
                    self.tools
                        .theme_list(self.locale)
                        .iter()
                        .position(|(t, _)| crate::search::same_theme(t, f))
                        .map(|k| k + 1)
                });
                self.tools.mode = Mode::ThemePick {
                    selected: current.unwrap_or(0),
                };
                self.tools.bump();
            }
            Action::CycleUnit => {
                self.tools.options.unit = self.tools.options.unit.next(&self.data);
                self.rebuild_view();
                let w = crate::i18n::tools(self.locale);
                let mut msg = format!(
                    "{}: {}",
                    w.unit,
                    self.tools.options.unit.label(&self.data, self.locale)
                );
                // The note `rebuild_view` just built with the labels.
                if let Some(note) = &self.labels.missing_note {
                    msg.push_str(&format!("  ({note})"));
                }
                self.set_status(msg);
            }
            Action::CycleSort => {
                self.tools.options.sort = self.tools.options.sort.next();
                self.rebuild_view();
                let w = crate::i18n::tools(self.locale);
                let msg = format!(
                    "{}: {}",
                    w.order,
                    self.tools.options.sort.label(self.locale)
                );
                self.set_status(msg);
            }
            Action::Mark => self.toggle_mark(),
            Action::Compare => {
                if self.tools.marks.len() >= 2 {
                    self.tools.mode = Mode::Compare;
                    self.tools.bump();
                } else {
                    let msg = crate::i18n::tools(self.locale).need_two_marks;
                    self.set_status(msg);
                }
            }
            Action::Reload => {
                if self.tools.source.is_some() {
                    self.tools.reload_requested = true;
                    self.set_status(crate::i18n::tools(self.locale).reloading);
                } else {
                    self.set_status(crate::i18n::tools(self.locale).builtin_no_reload);
                }
            }
            // Only the request: the file is written by the event loop (`app::effects`), so `update`
            // does no I/O and `render` can decline it.
            Action::Export => {
                self.tools.export_requested = true;
                self.tools.bump();
            }
            _ => return false,
        }
        true
    }

    fn theme_pick_action(&mut self, action: Action, selected: usize) {
        let n = self.tools.theme_list(self.locale).len() + 1;
        let sel = match action {
            Action::Move(Dir::Up) => selected.saturating_sub(1),
            Action::Move(Dir::Down) => (selected + 1).min(n - 1),
            Action::First | Action::PageUp => 0,
            Action::Last | Action::PageDown => n - 1,
            Action::Enter => {
                let theme = if selected == 0 {
                    None
                } else {
                    self.tools
                        .theme_list(self.locale)
                        .get(selected - 1)
                        .map(|(t, _)| t.clone())
                };
                self.tools.mode = Mode::Normal;
                self.set_filter(theme);
                return;
            }
            Action::Back | Action::ThemeFilter => {
                self.tools.mode = Mode::Normal;
                self.tools.bump();
                return;
            }
            _ => selected,
        };
        self.tools.mode = Mode::ThemePick { selected: sel };
        self.tools.bump();
    }

    /// Sets (or with `None` clears) the theme filter; a drilled-in project that the filter hides
    /// closes back to its district.
    pub fn set_filter(&mut self, theme: Option<String>) {
        self.tools.options.theme_filter = theme;
        self.rebuild_view();
        if let View::Project { project, .. } = self.view().clone() {
            let visible = self
                .data
                .projects
                .get(project)
                .is_some_and(|p| figures::project_visible(p, &self.tools.options));
            if !visible && self.stack.len() > 1 {
                self.stack.pop();
            }
        }
        self.clamp_project_row();
    }

    /// Keeps an open district's selected row inside its list of visible projects, after the list
    /// shrank (a filter, a reload).
    fn clamp_project_row(&mut self) {
        if let View::District {
            district, selected, ..
        } = self.view().clone()
        {
            let n = self.visible_projects(district).len();
            if selected >= n {
                self.replace_top(View::District {
                    district,
                    selected: n.saturating_sub(1),
                    offset: 0,
                });
            }
        }
    }

    /// The projects of a district the current view shows, in file order.
    pub fn visible_projects(&self, district: usize) -> Vec<usize> {
        self.tools
            .view
            .projects_of(&self.data, district)
            .collect::<Vec<_>>()
    }

    fn toggle_mark(&mut self) {
        let d = self.selected;
        if d >= self.data.districts.len() {
            return;
        }
        if let Some(i) = self.tools.marks.iter().position(|&m| m == d) {
            self.tools.marks.remove(i);
        } else {
            self.tools.marks.push(d);
        }
        self.tools.bump();
    }

    /// The comparison of the marked districts under the current view.
    pub fn comparison(&self) -> Comparison {
        figures::compare(&self.data, &self.tools.view, &self.tools.marks)
    }

    // ---- Find ----

    fn open_search(&mut self) {
        let saved = Saved {
            stack: self.stack.clone(),
            selected: self.selected,
            bars_offset: self.bars_offset,
            map_offset: self.map_offset,
        };
        self.tools.mode = Mode::Search(SearchPrompt {
            query: String::new(),
            hits: Vec::new(),
            total: 0,
            selected: 0,
            saved,
        });
        self.tools.bump();
    }

    fn search_key(&mut self, key: Key) -> bool {
        let Mode::Search(mut prompt) = self.tools.mode.clone() else {
            return false;
        };
        let ctrl = key.mods.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                let s = prompt.saved;
                self.stack = s.stack;
                self.selected = s.selected;
                self.bars_offset = s.bars_offset;
                self.map_offset = s.map_offset;
                self.tools.mode = Mode::Normal;
                self.tools.bump();
                return true;
            }
            KeyCode::Char('c') if ctrl => {
                self.quit = true;
                return true;
            }
            KeyCode::Enter => {
                self.tools.mode = Mode::Normal;
                let hits = prompt.hits;
                if hits.is_empty() {
                    self.set_status(crate::i18n::tools(self.locale).no_hits);
                    return true;
                }
                let pos = prompt.selected.min(hits.len() - 1);
                self.tools.hits = hits;
                self.tools.hit_pos = pos;
                self.jump_to_hit(pos);
                self.tools.bump();
                return true;
            }
            KeyCode::Up => prompt.selected = prompt.selected.saturating_sub(1),
            KeyCode::Down => {
                prompt.selected = (prompt.selected + 1).min(prompt.hits.len().saturating_sub(1));
            }
            KeyCode::Backspace => {
                prompt.query.pop();
                self.run_query(&mut prompt);
            }
            KeyCode::Char(c) if typed_text(key.mods, c) => {
                prompt.query.push(c);
                self.run_query(&mut prompt);
            }
            _ => return false,
        }
        self.tools.mode = Mode::Search(prompt);
        self.tools.bump();
        true
    }

    fn run_query(&self, prompt: &mut SearchPrompt) {
        let r = self
            .tools
            .search
            .query_with_limit(&prompt.query, RESULT_LIMIT);
        prompt.hits = r.hits;
        prompt.total = r.total;
        prompt.selected = 0;
    }

    /// Types a query into the prompt as if typed key by key (tests and `render --keys` use keys).
    pub fn search_for(&mut self, query: &str) {
        self.open_search();
        for c in query.chars() {
            self.search_key(Key::char(c));
        }
    }

    fn step_hit(&mut self, forward: bool) {
        let n = self.tools.hits.len();
        if n == 0 {
            self.set_status(crate::i18n::tools(self.locale).no_search);
            return;
        }
        self.tools.hit_pos = if forward {
            (self.tools.hit_pos + 1) % n
        } else {
            (self.tools.hit_pos + n - 1) % n
        };
        self.jump_to_hit(self.tools.hit_pos);
        let msg = format!(
            "{}/{}: {}",
            self.tools.hit_pos + 1,
            n,
            self.tools.hits[self.tools.hit_pos].describe(&self.data, self.locale)
        );
        self.set_status(msg);
    }

    /// Shows a hit: a district is selected (the drill-down follows), a project is selected in its
    /// district and opened.
    fn jump_to_hit(&mut self, pos: usize) {
        let Some(hit) = self.tools.hits.get(pos).copied() else {
            return;
        };
        match hit.target {
            Target::District(d) => {
                if d < self.data.districts.len() {
                    self.stack.truncate(1);
                    self.selected = d;
                }
            }
            Target::Project(p) => {
                let Some(project) = self.data.projects.get(p) else {
                    return;
                };
                let d = project.district;
                // A project the filter hides cannot be shown: clear the filter first.
                if !figures::project_visible(project, &self.tools.options) {
                    self.tools.options.theme_filter = None;
                    self.rebuild_view();
                }
                let list = self.visible_projects(d);
                let row = list.iter().position(|&q| q == p).unwrap_or(0);
                self.selected = d;
                self.stack.truncate(1);
                self.stack.push(Level {
                    view: View::District {
                        district: d,
                        selected: row,
                        offset: 0,
                    },
                    focus: Focus::Detail,
                });
                self.stack.push(Level {
                    view: View::Project {
                        project: p,
                        scroll: 0,
                    },
                    focus: Focus::Detail,
                });
            }
        }
    }

    // ---- Export ----

    /// Writes the view as shown (filtered, in bar order; by project, districts in bar order) as CSV to
    /// a new file in `dir`. Returns its path.
    pub fn export_view(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let opts = &self.tools.options;
        let mut rows = Vec::with_capacity(self.data.projects.len());
        for &d in &self.bar_order {
            rows.extend(self.visible_projects(d));
        }
        let view = export::Selection::filtered(&self.data, ExportBy::Project, |p| {
            figures::project_visible(p, opts)
        })
        .ordered(rows);
        let stem = export_stem(&self.data.meta.title, None);
        let (path, mut file) = create_unique_export(dir, &stem, "csv")?;
        let mut out = std::io::BufWriter::new(&mut file);
        export::write_csv(&self.data, &view, &mut out)?;
        std::io::Write::flush(&mut out)?;
        drop(out);
        file.sync_all()?;
        Ok(path)
    }

    // ---- Reload ----

    /// Loads the source file now, on this thread, and applies the result (tests; the app uses the
    /// background [`crate::commands::watch::Reloader`] and [`App::apply_reload`]).
    pub fn reload_now(&mut self) {
        let Some(path) = self.tools.source.clone() else {
            return;
        };
        let result = crate::data::load_file(&path).map(Prepared::new);
        self.apply_reload(result);
    }

    /// The watched file is gone: keep everything, say so in the banner (until a reload).
    pub fn mark_file_removed(&mut self) -> bool {
        if self.tools.file_removed {
            return false;
        }
        self.tools.file_removed = true;
        self.tools.bump();
        true
    }

    /// Swaps in freshly loaded data if it is valid, keeping the selection and the drill-down where
    /// the district / project still exists (matched by id, else by name); on error keeps the last
    /// good data and shows the error in a banner until a later load succeeds.
    pub fn apply_reload(&mut self, result: Result<Prepared, LoadError>) {
        self.tools.reload_requested = false;
        // Whatever the result, the file is there again.
        self.tools.file_removed = false;
        // "Reloading …" is answered by the new data or by the banner.
        self.tools.status = None;
        self.tools.status_path_at = None;
        let prepared = match result {
            Ok(p) => p,
            Err(e) => {
                let (what, more) = reload_failure(&e, self.tools.source.as_deref());
                let banner = crate::i18n::reload_banner(&what, more, self.locale);
                self.tools.reload_error = Some(banner);
                self.tools.bump();
                return;
            }
        };
        let old = std::mem::replace(&mut self.data, prepared.dataset);
        self.tools.search = Arc::new(prepared.search);
        self.tools.themes = Arc::new(prepared.themes);
        self.tools.reload_error = None;
        // The outline is built from the new data's geometry (already parsed on the reload thread).
        self.refresh_map();
        let map_d = |d: usize| -> Option<usize> {
            let od = old.districts.get(d)?;
            self.data.districts.iter().position(|n| n.id == od.id)
        };
        let map_p = |p: usize| -> Option<usize> {
            let op = old.projects.get(p)?;
            let od = old.districts.get(op.district)?;
            self.data.projects.iter().position(|n| {
                self.data
                    .districts
                    .get(n.district)
                    .is_some_and(|nd| nd.id == od.id)
                    && match (&op.id, &n.id) {
                        (Some(a), Some(b)) => a == b,
                        _ => n.name == op.name,
                    }
            })
        };
        self.selected = map_d(self.selected).unwrap_or(0);
        self.tools.marks = self.tools.marks.iter().filter_map(|&d| map_d(d)).collect();
        self.tools.hits.clear();
        let mut stack = vec![self.stack.first().cloned().unwrap_or(Level {
            view: View::Overview,
            focus: Focus::Map,
        })];
        for f in self.stack.iter().skip(1) {
            let view = match f.view {
                View::Overview => None,
                View::District {
                    district,
                    selected,
                    offset,
                } => map_d(district).map(|district| View::District {
                    district,
                    selected,
                    offset,
                }),
                View::Project { project, scroll } => {
                    map_p(project).map(|project| View::Project { project, scroll })
                }
            };
            match view {
                Some(view) => stack.push(Level {
                    view,
                    focus: f.focus,
                }),
                None => break,
            }
        }
        self.stack = stack;
        if matches!(self.tools.mode, Mode::Search(_)) {
            self.tools.mode = Mode::Normal;
        }
        if self.tools.marks.len() < 2 && self.tools.mode == Mode::Compare {
            self.tools.mode = Mode::Normal;
        }
        self.rebuild_view();
        // Clamp list positions to the new data.
        self.clamp_project_row();
        self.keep_visible();
        self.prepare();
    }
}

/// A failed load in one line, `file.toml:line:col: message` (`file.toml: message` for an error about
/// the whole file) with the file's name only (the tab says which file), and how many more errors
/// there are. The message itself is the diagnostic's, in English like every diagnostic.
fn reload_failure(err: &LoadError, source: Option<&Path>) -> (String, usize) {
    let name = source
        .and_then(Path::file_name)
        .map(|n| crate::text::sanitize_line(&n.to_string_lossy()));
    let what = match err.first() {
        Some(d) => {
            let name = name.unwrap_or_else(|| d.origin.clone());
            let location = match &d.at {
                Some(at) => format!("{name}:{}:{}", at.line, at.col),
                None => name,
            };
            format!("{location}: {}", d.message)
        }
        None => name.unwrap_or_else(|| err.origin.clone()),
    };
    (what, err.diagnostics.len().saturating_sub(1))
}

/// Whether a character key with these modifiers is text for the prompt: a plain or shifted key
/// (`Key` has already folded Shift into the character). Alt+x and Ctrl+x are commands, never text;
/// Ctrl+Alt with a character that is not an ASCII letter or digit is AltGr as Windows reports it
/// (`@`, `€`, `{` on a Danish keyboard), which is text.
fn typed_text(mods: KeyModifiers, c: char) -> bool {
    if c.is_control() {
        return false;
    }
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    mods.is_empty() || (mods == altgr && !c.is_ascii_alphanumeric())
}

impl App {
    /// Whether keys go to a text prompt (the search) instead of the keymap.
    pub fn input_captured(&self) -> bool {
        !self.help && matches!(self.tools.mode, Mode::Search(_))
    }
}
