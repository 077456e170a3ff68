//! The dashboard's whole state and its single `update`. Drawing (`ui::draw`) only reads an `App`;
//! `App::update(Action)` is the only place the state changes, so every screen is a function of the
//! actions that led to it (the live loop and `render --keys` run the same code).

pub mod effects;
pub mod error_view;
mod lists;
pub mod map_mode;
mod mouse;
pub mod tabs;
pub mod tools;

pub use tools::{Mode, Tools};

use ratatui::layout::Rect;

use crate::data::Dataset;
use crate::i18n::locale::Locale;
use crate::input::action::{Action, Dir};
use crate::input::keymap::{Key, Keymap};
use crate::style::theme::Theme;
use crate::ui::{self, ScreenLayout};

/// A pane that can have the keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    Map,
    Bars,
    Detail,
}

/// One level of the drill-down, with the state that level needs to come back to exactly where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// All districts: map and bars.
    Overview,
    /// One district; `selected` is a position in its project list, `offset` the first visible row.
    District {
        district: usize,
        selected: usize,
        offset: usize,
    },
    /// One project (an index into `Dataset::projects`); `scroll` is the first visible line.
    Project { project: usize, scroll: usize },
}

/// A view and the pane that had the focus in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub view: View,
    pub focus: Focus,
}

/// Everything the screen depends on.
#[derive(Debug, Clone)]
pub struct App {
    pub data: Dataset,
    pub locale: Locale,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Never empty: `[0]` is the overview, the last entry is what is shown.
    pub stack: Vec<Frame>,
    /// The selected district (index into `data.districts`), shared by map, bars and drill-down.
    pub selected: usize,
    /// District indices in bar order (amount descending, then file order).
    pub bar_order: Vec<usize>,
    /// First visible row of the bars list.
    pub bars_offset: usize,
    /// First visible tile row and column of the map, when the grid does not fit the pane.
    pub map_offset: (u16, u16),
    pub help: bool,
    pub help_scroll: usize,
    /// Terminal columns and rows.
    pub size: (u16, u16),
    pub quit: bool,
    /// Issue 5: view options, search, marks, modes, status and reload state (see `app::tools`).
    pub tools: Tools,
    /// Outline map or tiles, zoom, colour mode (`app/map_mode.rs`).
    pub map_view: map_mode::MapView,
    /// The map's and the bars' texts for the current view, built with it (`app/view_cache.rs`).
    pub labels: crate::screen::labels::ViewLabels,
    /// The tile map's last fitted names (drawing reads and refills it; see `TileNameCache`).
    pub tile_names: crate::ui::map::TileNameCache,
}

impl App {
    /// An app over `data`, building its search and theme indexes on this thread (see
    /// [`App::with_prepared`] for indexes built elsewhere).
    pub fn new(data: Dataset, locale: Locale, size: (u16, u16)) -> App {
        App::with_prepared(crate::commands::watch::Prepared::new(data), locale, size)
    }

    /// The state without the tools' indexes (`with_prepared` fills them in).
    fn new_bare(data: Dataset, tools: Tools, locale: Locale, size: (u16, u16)) -> App {
        let mut bar_order: Vec<usize> = (0..data.districts.len()).collect();
        bar_order.sort_by(|&a, &b| {
            let (da, db) = (&data.districts[a], &data.districts[b]);
            db.total.cmp(&da.total).then(a.cmp(&b))
        });
        let selected = bar_order.first().copied().unwrap_or(0);
        let map_view = map_mode::MapView::for_data(&data);
        let mut app = App {
            data,
            locale,
            keymap: Keymap::default(),
            theme: Theme::default(),
            stack: vec![Frame {
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
            quit: false,
            tools,
            map_view,
            labels: crate::screen::labels::ViewLabels::default(),
            tile_names: crate::ui::map::TileNameCache::default(),
        };
        app.keep_visible();
        app
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
        ui::too_small(self.size)
    }

    pub fn layout(&self) -> ScreenLayout {
        ui::layout(self.area(), self)
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

    /// Looks up a key in the keymap and applies its action. Returns whether anything changed.
    pub fn handle_key(&mut self, key: Key) -> bool {
        // While the too-small message is shown the prompt is hidden: keys are not typed into it
        // (the keymap still quits, see `update`).
        if self.too_small() {
            return self.keymap.action(key).is_some_and(|a| self.update(a));
        }
        if let Some(changed) = self.handle_mode_key(key) {
            // A search hit or a pick may select a district out of view: bring it in, as `update`.
            self.keep_visible();
            return changed;
        }
        match self.keymap.action(key) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// Applies one action. Returns whether the state changed (the screen needs a redraw).
    pub fn update(&mut self, action: Action) -> bool {
        // Nothing of the UI is on screen below the minimum size, so nothing but quitting and resizing
        // may act: a key must never change what the user cannot see.
        if self.too_small() && !matches!(action, Action::Quit | Action::Resize(..)) {
            return false;
        }
        let before = self.snapshot();
        let tools_before = self.tools.generation;
        let map_before = self.map_view.state();
        if !self.apply_tool(action) {
            self.apply(action);
        }
        // The wheel may scroll the selection out of view on purpose; everything else brings it back.
        if !matches!(action, Action::Scroll(..)) {
            self.keep_visible();
        }
        before != self.snapshot()
            || tools_before != self.tools.generation
            || map_before != self.map_view.state()
    }

    #[allow(clippy::type_complexity)]
    fn snapshot(
        &self,
    ) -> (
        Vec<Frame>,
        usize,
        usize,
        (u16, u16),
        bool,
        usize,
        (u16, u16),
        bool,
    ) {
        (
            self.stack.clone(),
            self.selected,
            self.bars_offset,
            self.map_offset,
            self.help,
            self.help_scroll,
            self.size,
            self.quit,
        )
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
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
            .map_or(Rect::default(), ui::help::text_area);
        let page = usize::from(text.height).max(1);
        let max = ui::help::line_count(self, text.width).saturating_sub(page);
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
            self.stack.push(Frame {
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
                    self.stack.push(Frame {
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
                    self.stack.push(Frame {
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
