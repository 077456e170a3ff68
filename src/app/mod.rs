//! The dashboard's state and its single `update`. Everything that can change the state arrives as a
//! [`Msg`] (a key, a mouse or resize action, a finished reload, a removed file, a watch failure, the
//! outcome of an export); `update` changes the state and hands back what only the world can do as
//! [`Effect`]s (write an export, start a reload, quit), which whoever runs the app carries out.
//! Drawing (`ui`) only reads an `App`, so every screen is a function of the messages that led to it:
//! the live loop and `render --keys` run the same code. The fields are private: `update` is the
//! only way in from outside this module.

mod change;
pub mod error_view;
mod export;
mod find;
mod lists;
pub mod map_mode;
mod marks;
mod mode;
mod mouse;
mod reload;
mod status;
pub mod tabs;
mod theme_pick;
mod view_options;

pub use change::ChangeView;
pub use find::{RESULT_LIMIT, SearchPrompt};
pub use mode::Mode;
pub use view_options::INITIAL_UNIT;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::data::{Dataset, LoadError};
use crate::input::action::{Action, Dir};
use crate::input::keymap::{Key, Keymap};
use crate::locale::Locale;
use crate::screen::figures::{Comparison, Figures, ViewOptions};
use crate::screen::{self, ScreenLayout};
pub use crate::screen::{Focus, Level, View};
use crate::search::{Hit, Prepared, SearchIndex, ThemeIndex};
use crate::style::theme::Theme;

/// Everything that can change the state.
#[derive(Debug)]
pub enum Msg {
    /// A key press: an open prompt takes it as text, else the keymap turns it into an action.
    Key(Key),
    /// An action: a mouse event or a resize turned into one by the loop, or one from a test.
    Action(Action),
    /// Selects a district by its index (as a click on it would).
    Select(usize),
    /// Sets (or with `None` clears) the theme filter, as the pick list does.
    Filter(Option<String>),
    /// A load of the data file finished (a reload, or the first load of a tab that had failed).
    Loaded {
        path: PathBuf,
        result: Box<Result<Prepared, LoadError>>,
    },
    /// The watched data file is gone.
    FileRemoved(PathBuf),
    /// Watching the data files failed; the message says why.
    WatchFailed(String),
    /// What became of an [`Effect::Export`]: the file written, or why not.
    Exported(Result<PathBuf, std::io::Error>),
    /// The export could not be carried out here (`render` writes no files).
    ExportDeclined,
    /// A message for the status line from outside the app (the workspace's).
    Notice(String),
    /// The search index of tab `tab`, built off the UI thread after the first frame (see
    /// [`Prepared::without_search`]) over `of`, the dataset it indexes: one that a reload has
    /// replaced meanwhile is dropped.
    SearchIndexBuilt {
        tab: usize,
        /// `None`: the build failed; the tab has no search, and the status line says so.
        index: Option<Box<SearchIndex>>,
        of: Arc<Dataset>,
    },
}

impl From<Key> for Msg {
    fn from(key: Key) -> Msg {
        Msg::Key(key)
    }
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

/// What `update` asks the world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the view as CSV (`bytes`) to a new file named after `stem` in the working directory;
    /// answer with [`Msg::Exported`] (or [`Msg::ExportDeclined`]).
    Export { stem: String, bytes: Vec<u8> },
    /// Load `path` again (off the UI thread) and answer with [`Msg::Loaded`].
    Reload(PathBuf),
    /// Leave the dashboard.
    Quit,
}

/// What one message did: whether the screen changed, and what the world is asked to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Update {
    pub changed: bool,
    pub effects: Vec<Effect>,
}

impl Update {
    /// Whether the message asked to quit.
    pub fn quits(&self) -> bool {
        self.effects.contains(&Effect::Quit)
    }
}

/// See [`App::fingerprint`].
#[derive(Debug, Clone, PartialEq)]
struct Fingerprint {
    stack: Vec<Level>,
    selected: usize,
    bars_offset: usize,
    map_offset: (u16, u16),
    help: (bool, usize),
    size: (u16, u16),
    map: (crate::config::MapMode, bool, crate::style::rgb::ColorMode),
    revision: u64,
}

/// Everything the screen depends on.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared (read-only) with a thread that builds its search index after the first frame.
    data: Arc<Dataset>,
    locale: Locale,
    keymap: Keymap,
    theme: Theme,
    /// Never empty: `[0]` is the overview, the last entry is what is shown.
    stack: Vec<Level>,
    /// The selected district (index into `data.districts`), shared by map, bars and drill-down.
    selected: usize,
    /// District indices in bar order (amount descending, then file order).
    bar_order: Vec<usize>,
    /// First visible row of the bars list.
    bars_offset: usize,
    /// First visible tile row and column of the map, when the grid does not fit the pane.
    map_offset: (u16, u16),
    help: bool,
    help_scroll: usize,
    /// Terminal columns and rows.
    size: (u16, u16),
    /// The view options (unit, order, theme filter) and the figures the map and the bars show
    /// under them, rebuilt when the data or the options change.
    options: ViewOptions,
    figures: Figures,
    /// The search and theme indexes, built with the dataset (off the UI thread on reload).
    search_index: Arc<SearchIndex>,
    /// The search index is still to come (`Msg::SearchIndexBuilt`): meanwhile the search prompt
    /// takes a query and says the index is being built, and runs the query when it arrives.
    search_pending: bool,
    theme_index: Arc<ThemeIndex>,
    /// Marked districts, in marking order.
    marks: Vec<usize>,
    /// What the keyboard talks to besides the panes.
    mode: Mode,
    /// The hits of the last confirmed search, for `n` / `N`, and the current position in them.
    hits: Vec<Hit>,
    hit_pos: usize,
    /// A one-line message for the status line (export written, nothing to compare, …).
    status: Option<String>,
    /// Where in `status` a file path begins that runs to its end (an export's): the line is cut
    /// from the path's left then, so the file name stays visible.
    status_path_at: Option<usize>,
    /// The data file could not be reloaded: the banner with the error's one-line summary.
    reload_error: Option<String>,
    /// The watched data file was deleted (or moved away): the last loaded data stays on screen with
    /// a banner until the file is back.
    file_removed: bool,
    /// The file this dataset came from (`None`: the built-in dataset, not watched or reloaded).
    source: Option<PathBuf>,
    /// How many tabs the workspace has (the key hints mention `[` `]` from two on).
    tab_count: usize,
    /// Bumped by every change the fingerprint below does not see, so `update` knows to redraw.
    revision: u64,
    /// Outline map or tiles, zoom, colour mode.
    map_view: map_mode::MapView,
    /// The map's and the bars' texts for the current view, built with it.
    labels: crate::screen::labels::ViewLabels,
    /// The tile map's fitted names, refreshed after each change ([`App::prepare`]).
    tile_names: crate::screen::tiles::TileNameCache,
    /// The outline pane's raster and labels, refreshed after each change ([`App::prepare`]).
    outline_cache: crate::geo::cache::OutlineCache,
    /// What the last message asked the world to do, collected while it is applied.
    effects: Vec<Effect>,
    /// The project list's own order and scale (`s` / `u` while it has the focus).
    project_options: crate::screen::figures::ProjectOptions,
    /// The open district's projects in that order, refreshed after each change
    /// ([`App::prepare`]); cleared whenever what it is built from changes.
    project_order: Option<(usize, Vec<usize>)>,
}

impl App {
    /// An app over `data`, building its search and theme indexes on this thread (see
    /// [`App::with_prepared`] for indexes built elsewhere).
    pub fn new(data: Dataset, locale: Locale, size: (u16, u16)) -> App {
        App::with_prepared(Prepared::new(data), locale, size)
    }

    /// An app over a dataset whose indexes are already built (first load or a background reload).
    pub fn with_prepared(prepared: Prepared, locale: Locale, size: (u16, u16)) -> App {
        let Prepared {
            dataset: data,
            search,
            themes,
            search_pending,
        } = prepared;
        let options = ViewOptions {
            unit: INITIAL_UNIT,
            ..ViewOptions::default()
        };
        let figures = Figures::build_indexed(&data, &themes, &options, locale);
        let mut bar_order: Vec<usize> = (0..data.districts.len()).collect();
        bar_order.sort_by(|&a, &b| {
            let (da, db) = (&data.districts[a], &data.districts[b]);
            db.total.cmp(&da.total).then(a.cmp(&b))
        });
        let selected = bar_order.first().copied().unwrap_or(0);
        let map_view = map_mode::MapView::for_data(&data);
        let mut app = App {
            data: Arc::new(data),
            locale,
            keymap: Keymap::default(),
            theme: Theme::default(),
            stack: vec![Level {
                view: View::Overview,
                focus: Focus::Map,
            }],
            selected,
            bar_order,
            bars_offset: 0,
            map_offset: (0, 0),
            help: false,
            help_scroll: 0,
            size,
            options,
            figures,
            search_index: Arc::new(search),
            search_pending,
            theme_index: Arc::new(themes),
            marks: Vec::new(),
            mode: Mode::Normal,
            hits: Vec::new(),
            hit_pos: 0,
            status: None,
            status_path_at: None,
            reload_error: None,
            file_removed: false,
            source: None,
            tab_count: 1,
            revision: 0,
            map_view,
            labels: crate::screen::labels::ViewLabels::default(),
            tile_names: crate::screen::tiles::TileNameCache::default(),
            outline_cache: crate::geo::cache::OutlineCache::default(),
            effects: Vec::new(),
            project_options: crate::screen::figures::ProjectOptions::default(),
            project_order: None,
        };
        app.keep_visible();
        app.rebuild_view();
        if let Some(&first) = app.bar_order.first() {
            app.selected = first;
        }
        app.keep_visible();
        app.prepare();
        app
    }

    /// This app with another theme (colours, symbols, `--plain`).
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self.prepare();
        self
    }

    /// This app with another keymap (`[keys]`).
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    /// This app watching and reloading `path` (`None`: the built-in dataset).
    pub fn with_source(mut self, path: Option<PathBuf>) -> App {
        self.source = path;
        self
    }

    /// This app with the configured map mode and colours (see [`App::configure_map`]).
    pub fn with_map_settings(mut self, settings: map_mode::MapSettings) -> App {
        self.apply_map_settings(settings);
        self.prepare();
        self
    }

    /// This app showing the map as `mode` (the outline only where the data has one).
    pub fn with_map_mode(mut self, mode: crate::config::MapMode) -> App {
        self.map_view.mode = match (mode, &self.map_view.outline) {
            (crate::config::MapMode::Outline, None) => crate::config::MapMode::Tiles,
            (mode, _) => mode,
        };
        self.prepare();
        self
    }

    /// This app in a workspace of `n` tabs.
    pub fn with_tab_count(mut self, n: usize) -> App {
        self.tab_count = n;
        self
    }

    /// Applies one message: changes the state, and says whether the screen changed and what the
    /// world must do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Update {
        let before = self.fingerprint();
        match msg.into() {
            Msg::Key(key) => {
                self.key(key);
            }
            Msg::Action(action) => {
                self.act(action);
            }
            Msg::Select(d) => {
                if self.too_small() {
                } else if d < self.data.districts.len() {
                    self.select_district(d);
                    self.keep_visible();
                }
            }
            Msg::Filter(theme) => {
                self.set_filter(theme);
                self.keep_visible();
            }
            Msg::Loaded { result, .. } => self.apply_reload(*result),
            Msg::FileRemoved(_) => {
                self.mark_file_removed();
            }
            Msg::WatchFailed(err) => {
                self.set_status(crate::i18n::watch_failed(&err, self.locale));
            }
            Msg::Exported(Ok(path)) => {
                self.set_status_path(crate::i18n::exported(self.locale), &path);
            }
            Msg::Exported(Err(e)) => self.set_status(crate::i18n::export_failed(&e, self.locale)),
            Msg::ExportDeclined => {
                self.set_status(crate::i18n::export_not_in_render(self.locale));
            }
            Msg::Notice(text) => self.set_status(text),
            Msg::SearchIndexBuilt { index, of, .. } => {
                if Arc::ptr_eq(&of, &self.data) {
                    match index {
                        Some(index) => self.search_index = Arc::new(*index),
                        None => self.set_status(crate::i18n::tools(self.locale).index_failed),
                    }
                    self.search_pending = false;
                    // A query typed while the index was being built is searched now.
                    if let Mode::Search(mut prompt) =
                        std::mem::replace(&mut self.mode, Mode::Normal)
                    {
                        self.run_query(&mut prompt);
                        self.mode = Mode::Search(prompt);
                    }
                    self.touch();
                }
            }
        }
        self.prepare();
        Update {
            changed: before != self.fingerprint(),
            effects: std::mem::take(&mut self.effects),
        }
    }

    /// The themes of the file with their project counts, in the locale's order.
    pub fn theme_list(&self) -> Vec<(String, usize)> {
        self.theme_index.themes(self.locale)
    }

    /// Asks the world for something (see [`Effect`]).
    fn request(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Notes a change the fingerprint does not see (the figures, the mode, a message), so that the
    /// screen is redrawn.
    fn touch(&mut self) {
        self.revision = self.revision.wrapping_add(1);
    }

    /// Refreshes what drawing reads from caches (the tile map's fitted names) after the state
    /// changed, so that drawing stays a pure function of the state: it finds the cache current, or
    /// computes the same lines on the spot.
    fn prepare(&mut self) {
        if let View::District { district, .. } = self.view() {
            let district = *district;
            if self
                .project_order
                .as_ref()
                .is_none_or(|(d, _)| *d != district)
            {
                let order = screen::inputs::sorted_projects(
                    &self.data,
                    &self.figures,
                    self.project_options,
                    district,
                    self.locale,
                );
                self.project_order = Some((district, order));
            }
        }
        let map_area = screen::layout(self.area(), &self.inputs()).map;
        let Some(area) = map_area else {
            return;
        };
        // The caches are taken out while the state is read to fill them, and put back.
        let mut outline_cache = std::mem::take(&mut self.outline_cache);
        let mut tile_names = std::mem::take(&mut self.tile_names);
        match self.map_view.outline_on() {
            Some(map) => {
                // The pane's inner area, where `ui::outline` paints the map.
                let inner = screen::layout::pane_inner(area);
                if !inner.is_empty() {
                    let labels = self.current_labels();
                    let outline = &labels.outline;
                    map.refresh(
                        &mut outline_cache,
                        inner,
                        self.outline_zoom(),
                        &outline.texts,
                        (Some(self.selected), &outline.priority),
                    );
                }
            }
            None => {
                let inputs = self.inputs();
                let g = screen::tiles::geometry(area, &inputs);
                let window = screen::tiles::visible_districts(&g, &inputs);
                tile_names.refresh(&screen::tiles::tile_names(
                    &window,
                    &inputs,
                    Some(inputs.selected),
                ));
            }
        }
        self.outline_cache = outline_cache;
        self.tile_names = tile_names;
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The dataset, shared: for a thread that only reads it (the search index's builder).
    pub fn shared_data(&self) -> Arc<Dataset> {
        Arc::clone(&self.data)
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The drill-down, never empty: `[0]` is the overview, the last entry is what is shown.
    pub fn stack(&self) -> &[Level] {
        &self.stack
    }

    /// The selected district (index into `data().districts`).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// District indices in bar order.
    pub fn bar_order(&self) -> &[usize] {
        &self.bar_order
    }

    /// First visible row of the bars list.
    pub fn bars_offset(&self) -> usize {
        self.bars_offset
    }

    /// First visible tile row and column of the map.
    pub fn map_offset(&self) -> (u16, u16) {
        self.map_offset
    }

    /// Whether the help overlay is open.
    pub fn help(&self) -> bool {
        self.help
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    /// Terminal columns and rows.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn options(&self) -> &ViewOptions {
        &self.options
    }

    /// The figures of the current view.
    pub fn figures(&self) -> &Figures {
        &self.figures
    }

    /// Marked districts, in marking order.
    pub fn marks(&self) -> &[usize] {
        &self.marks
    }

    /// What the keyboard talks to besides the panes.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The hits of the last confirmed search, and the position in them.
    pub fn hits(&self) -> (&[Hit], usize) {
        (&self.hits, self.hit_pos)
    }

    /// The status-line message, and where in it a file path begins that runs to its end.
    pub fn status(&self) -> Option<(&str, Option<usize>)> {
        self.status.as_deref().map(|s| (s, self.status_path_at))
    }

    /// The banner of a reload that failed.
    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }

    /// Whether the watched data file is gone.
    pub fn file_removed(&self) -> bool {
        self.file_removed
    }

    /// The data file (`None`: the built-in dataset).
    pub fn source(&self) -> Option<&Path> {
        self.source.as_deref()
    }

    /// How many tabs the workspace has.
    pub fn tab_count(&self) -> usize {
        self.tab_count
    }

    /// Whether the search index is still to be built (see [`Prepared::without_search`]).
    pub fn search_pending(&self) -> bool {
        self.search_pending
    }

    pub fn search_index(&self) -> &SearchIndex {
        &self.search_index
    }

    /// Outline map or tiles, zoom, colour mode.
    pub fn map_view(&self) -> &map_mode::MapView {
        &self.map_view
    }

    /// The outline pane's raster and labels as last refreshed.
    pub fn outline_cache(&self) -> &crate::geo::cache::OutlineCache {
        &self.outline_cache
    }

    /// The tile map's fitted names.
    pub fn tile_names(&self) -> &crate::screen::tiles::TileNameCache {
        &self.tile_names
    }

    /// The comparison of the marked districts under the current view.
    pub fn comparison(&self) -> Comparison {
        crate::screen::figures::compare(&self.data, &self.figures, &self.marks)
    }

    /// The state as the screen model reads it.
    pub fn inputs(&self) -> screen::Inputs<'_> {
        screen::Inputs {
            data: &self.data,
            locale: self.locale,
            keymap: &self.keymap,
            theme: &self.theme,
            stack: &self.stack,
            selected: self.selected,
            bar_order: &self.bar_order,
            bars_offset: self.bars_offset,
            map_offset: self.map_offset,
            help: self.help,
            figures: &self.figures,
            options: &self.options,
            labels: self.current_labels(),
            marks: &self.marks,
            outline: self.map_view.outline_on(),
            outline_zoom: self.outline_zoom(),
            outline_cache: &self.outline_cache,
            project_options: self.project_options,
            project_order: self
                .project_order
                .as_ref()
                .map(|(d, order)| (*d, order.as_slice())),
        }
    }

    /// The map's and the bars' texts for the current view: those built with it, or (should they not
    /// match the locale or the data) built on the spot.
    pub fn current_labels(&self) -> std::borrow::Cow<'_, crate::screen::labels::ViewLabels> {
        if self.labels.fits(&self.data, self.locale) {
            std::borrow::Cow::Borrowed(&self.labels)
        } else {
            std::borrow::Cow::Owned(crate::screen::labels::ViewLabels::build(
                &self.data,
                &self.figures,
                self.locale,
            ))
        }
    }

    /// The view on top of the stack.
    pub fn view(&self) -> &View {
        // The stack is never empty (Back never pops the overview); fall back to it anyway.
        self.stack.last().map_or(&View::Overview, |f| &f.view)
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// Whether the screen is below the minimum size and shows only the too-small message.
    pub fn too_small(&self) -> bool {
        screen::too_small(self.size)
    }

    pub fn layout(&self) -> ScreenLayout {
        screen::layout(self.area(), &self.inputs())
    }

    /// The panes the focus can cycle through at the current size and view.
    pub fn focusable(&self) -> Vec<Focus> {
        let l = self.layout();
        let mut panes = Vec::with_capacity(3);
        if l.map.is_some() {
            panes.push(Focus::Map);
        }
        if l.bars.is_some() {
            panes.push(Focus::Bars);
        }
        if l.detail.is_some() && *self.view() != View::Overview {
            panes.push(Focus::Detail);
        }
        panes
    }

    /// The focused pane: the stored one when it is visible, else the first visible pane (a resize can
    /// hide a pane; growing the terminal again gives the focus back to it).
    pub fn focus(&self) -> Focus {
        let stored = self.stack.last().map_or(Focus::Map, |f| f.focus);
        let panes = self.focusable();
        if panes.contains(&stored) {
            stored
        } else {
            panes.first().copied().unwrap_or(stored)
        }
    }

    pub(super) fn set_focus(&mut self, focus: Focus) {
        if let Some(top) = self.stack.last_mut() {
            top.focus = focus;
        }
    }

    /// A key: an open prompt takes it as text, else the keymap's action for it.
    fn key(&mut self, key: Key) {
        // While the too-small message is shown the prompt is hidden: keys are not typed into it
        // (the keymap still quits, see `act`).
        if self.too_small() {
            if let Some(action) = self.keymap.action(key) {
                self.act(action);
            }
            return;
        }
        if self.handle_mode_key(key).is_some() {
            // A search hit or a pick may select a district out of view: bring it in, as `act`.
            self.keep_visible();
            return;
        }
        if let Some(action) = self.keymap.action(key) {
            self.act(action);
        }
    }

    /// Applies one action.
    fn act(&mut self, action: Action) {
        // Nothing of the UI is on screen below the minimum size, so nothing but quitting and resizing
        // may act: a key must never change what the user cannot see.
        if self.too_small() && !matches!(action, Action::Quit | Action::Resize(..)) {
            return;
        }
        if !self.apply_tool(action) {
            self.apply(action);
        }
        // The wheel may scroll the selection out of view on purpose; everything else brings it back.
        if !matches!(action, Action::Scroll(..)) {
            self.keep_visible();
        }
    }

    /// What decides whether the screen changed: the navigation state, the map's mode and the
    /// revision every other change bumps.
    fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            stack: self.stack.clone(),
            selected: self.selected,
            bars_offset: self.bars_offset,
            map_offset: self.map_offset,
            help: (self.help, self.help_scroll),
            size: self.size,
            map: self.map_view.state(),
            revision: self.revision,
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.request(Effect::Quit),
            Action::Resize(w, h) => self.size = (w, h),
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            _ if self.help => self.apply_in_help(action),
            Action::Back if self.stack.len() > 1 => {
                self.stack.pop();
            }
            Action::FocusNext | Action::FocusPrev => {
                let panes = self.focusable();
                if let Some(i) = panes.iter().position(|&p| p == self.focus()) {
                    let n = panes.len();
                    let next = if action == Action::FocusNext {
                        (i + 1) % n
                    } else {
                        (i + n - 1) % n
                    };
                    self.set_focus(panes[next]);
                }
            }
            Action::Enter => self.enter(),
            Action::Move(dir) => self.move_in_focus(dir),
            Action::First => self.jump(lists::Jump::First),
            Action::Last => self.jump(lists::Jump::Last),
            Action::PageUp => self.jump(lists::Jump::PageUp),
            Action::PageDown => self.jump(lists::Jump::PageDown),
            Action::Click(x, y) => self.click(x, y),
            Action::ToggleMapMode => self.toggle_map_mode(),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::Scroll(x, y, down) => self.scroll(x, y, down),
            // The analyst tools are handled in `apply_tool` (app/tools.rs).
            _ => {}
        }
    }

    fn apply_in_help(&mut self, action: Action) {
        // The page is the overlay's text area, and the lines are wrapped to its width, so the
        // last scroll position shows the last line at every size.
        let text = self
            .layout()
            .help
            .map_or(Rect::default(), screen::help::text_area);
        let page = usize::from(text.height).max(1);
        let max = screen::help::line_count(&self.inputs(), text.width).saturating_sub(page);
        self.help_scroll = match action {
            Action::Move(Dir::Up) => self.help_scroll.saturating_sub(1),
            Action::Move(Dir::Down) => self.help_scroll + 1,
            Action::PageUp => self.help_scroll.saturating_sub(page),
            Action::PageDown => self.help_scroll + page,
            Action::First => 0,
            Action::Last => max,
            Action::Back | Action::Enter | Action::Click(..) => {
                self.help = false;
                0
            }
            Action::Scroll(_, _, down) if down => self.help_scroll + 3,
            Action::Scroll(..) => self.help_scroll.saturating_sub(3),
            _ => self.help_scroll,
        }
        .min(max);
    }

    /// Selects a district; when a district or project is open, the drill-down follows the selection.
    pub(super) fn select_district(&mut self, district: usize) {
        if district >= self.data.districts.len() || district == self.selected {
            return;
        }
        self.selected = district;
        if self.stack.len() > 1 {
            let focus = self.focus();
            self.stack.truncate(1);
            self.stack.push(Level {
                view: View::District {
                    district,
                    selected: 0,
                    offset: 0,
                },
                focus,
            });
        }
    }

    pub(super) fn enter(&mut self) {
        let focus = self.focus();
        match (self.view().clone(), focus) {
            (View::Overview, _) => {
                if self.selected < self.data.districts.len() {
                    self.stack.push(Level {
                        view: View::District {
                            district: self.selected,
                            selected: 0,
                            offset: 0,
                        },
                        focus: Focus::Detail,
                    });
                }
            }
            (View::District { .. } | View::Project { .. }, Focus::Map | Focus::Bars) => {
                self.set_focus(Focus::Detail);
            }
            (
                View::District {
                    district, selected, ..
                },
                Focus::Detail,
            ) => {
                let project = self.visible_projects(district).get(selected).copied();
                if let Some(project) = project {
                    self.stack.push(Level {
                        view: View::Project { project, scroll: 0 },
                        focus: Focus::Detail,
                    });
                }
            }
            (View::Project { .. }, Focus::Detail) => {}
        }
    }

    fn move_in_focus(&mut self, dir: Dir) {
        match self.focus() {
            Focus::Map => {
                if self.move_on_outline(dir) {
                    return;
                }
                let tiles: Vec<(u16, u16)> = self
                    .data
                    .districts
                    .iter()
                    .map(|d| (d.tile.col, d.tile.row))
                    .collect();
                if let Some(next) = crate::geo::nav::nearest_tile(&tiles, self.selected, dir) {
                    self.select_district(next);
                }
            }
            Focus::Bars => match dir {
                Dir::Up => self.jump(lists::Jump::By(-1)),
                Dir::Down => self.jump(lists::Jump::By(1)),
                Dir::Left | Dir::Right => {}
            },
            Focus::Detail => match dir {
                Dir::Up => self.jump(lists::Jump::By(-1)),
                Dir::Down => self.jump(lists::Jump::By(1)),
                Dir::Left | Dir::Right => {}
            },
        }
    }

    pub(super) fn replace_top(&mut self, view: View) {
        if let Some(top) = self.stack.last_mut() {
            top.view = view;
        }
    }
}
