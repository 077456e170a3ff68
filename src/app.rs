//! The dashboard's whole state and its single `update`. Drawing (`ui::draw`) only reads an `App`;
//! `App::update(Action)` is the only place the state changes, so every screen is a function of the
//! actions that led to it (the live loop and `render --keys` run the same code).

pub mod nav;

use ratatui::layout::{Position, Rect};

use crate::action::{Action, Dir};
use crate::data::Dataset;
use crate::keymap::{Key, Keymap};
use crate::locale::Locale;
use crate::theme::Theme;
use crate::ui::{self, Hit, ScreenLayout};

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
}

impl App {
    pub fn new(data: Dataset, locale: Locale, size: (u16, u16)) -> App {
        let mut bar_order: Vec<usize> = (0..data.districts.len()).collect();
        bar_order.sort_by(|&a, &b| {
            let (da, db) = (&data.districts[a], &data.districts[b]);
            db.total.cmp(&da.total).then(a.cmp(&b))
        });
        let selected = bar_order.first().copied().unwrap_or(0);
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
        };
        app.keep_visible();
        app
    }

    /// The view on top of the stack.
    pub fn view(&self) -> &View {
        // The stack is never empty (Back never pops the overview); fall back to it anyway.
        self.stack.last().map_or(&View::Overview, |f| &f.view)
    }

    /// The district whose detail is shown: the one drilled into, else the selected one.
    pub fn detail_district(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .find_map(|f| match f.view {
                View::District { district, .. } => Some(district),
                _ => None,
            })
            .unwrap_or(self.selected)
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
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

    fn set_focus(&mut self, focus: Focus) {
        if let Some(top) = self.stack.last_mut() {
            top.focus = focus;
        }
    }

    /// Looks up a key in the keymap and applies its action. Returns whether anything changed.
    pub fn handle_key(&mut self, key: Key) -> bool {
        match self.keymap.action(key) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// Applies one action. Returns whether the state changed (the screen needs a redraw).
    pub fn update(&mut self, action: Action) -> bool {
        let before = self.snapshot();
        self.apply(action);
        self.keep_visible();
        before != self.snapshot()
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
            Action::Back => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
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
            Action::First => self.jump(Jump::First),
            Action::Last => self.jump(Jump::Last),
            Action::PageUp => self.jump(Jump::PageUp),
            Action::PageDown => self.jump(Jump::PageDown),
            Action::Click(x, y) => self.click(x, y),
            Action::Scroll(x, y, down) => self.scroll(x, y, down),
        }
    }

    fn apply_in_help(&mut self, action: Action) {
        let page = self
            .layout()
            .help
            .map_or(1, |r| usize::from(r.height.saturating_sub(4)).max(1));
        let max = ui::help::line_count(self).saturating_sub(page);
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
    fn select_district(&mut self, district: usize) {
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

    fn enter(&mut self) {
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
                let project = self
                    .data
                    .districts
                    .get(district)
                    .and_then(|d| d.projects.get(selected).copied());
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
                let tiles: Vec<_> = self.data.districts.iter().map(|d| d.tile).collect();
                if let Some(next) = nav::nearest(&tiles, self.selected, dir) {
                    self.select_district(next);
                }
            }
            Focus::Bars => match dir {
                Dir::Up => self.jump(Jump::By(-1)),
                Dir::Down => self.jump(Jump::By(1)),
                Dir::Left | Dir::Right => {}
            },
            Focus::Detail => match dir {
                Dir::Up => self.jump(Jump::By(-1)),
                Dir::Down => self.jump(Jump::By(1)),
                Dir::Left | Dir::Right => {}
            },
        }
    }

    /// Moves within the focused list (bars, project list) or scrolls the project text.
    fn jump(&mut self, jump: Jump) {
        let layout = self.layout();
        match (self.focus(), self.view().clone()) {
            (Focus::Map | Focus::Bars, _) => {
                let page = layout.bars.map_or(1, |r| ui::bars::visible_rows(r).max(1));
                let pos = self
                    .bar_order
                    .iter()
                    .position(|&d| d == self.selected)
                    .unwrap_or(0);
                let next = jump.apply(pos, self.bar_order.len(), page);
                if let Some(&d) = self.bar_order.get(next) {
                    self.select_district(d);
                }
            }
            (
                Focus::Detail,
                View::District {
                    district,
                    selected,
                    offset,
                },
            ) => {
                let n = self
                    .data
                    .districts
                    .get(district)
                    .map_or(0, |d| d.projects.len());
                let page = layout.detail.map_or(1, |r| {
                    usize::from(ui::detail::district_list_area(r, self, district).height).max(1)
                });
                let selected = jump.apply(selected, n, page);
                self.replace_top(View::District {
                    district,
                    selected,
                    offset,
                });
            }
            (Focus::Detail, View::Project { project, scroll }) => {
                let (lines, height) = layout.detail.map_or((0, 1), |r| {
                    (
                        ui::detail::project_line_count(self, r),
                        ui::detail::inner(r).height,
                    )
                });
                let max = lines.saturating_sub(usize::from(height));
                let scroll = match jump {
                    Jump::First => 0,
                    Jump::Last => max,
                    Jump::PageUp => scroll.saturating_sub(usize::from(height).max(1)),
                    Jump::PageDown => scroll + usize::from(height).max(1),
                    Jump::By(d) => scroll.saturating_add_signed(d),
                }
                .min(max);
                self.replace_top(View::Project { project, scroll });
            }
            (Focus::Detail, View::Overview) => {}
        }
    }

    fn replace_top(&mut self, view: View) {
        if let Some(top) = self.stack.last_mut() {
            top.view = view;
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let layout = self.layout();
        let focus_before = self.focus();
        match ui::hit_test(&layout, self, Position::new(x, y)) {
            Some(Hit::Tile(d)) | Some(Hit::Bar(d)) => {
                let pane = if layout.map.is_some_and(|r| r.contains(Position::new(x, y))) {
                    Focus::Map
                } else {
                    Focus::Bars
                };
                if d == self.selected && focus_before == pane {
                    self.enter();
                } else {
                    self.set_focus(pane);
                    self.select_district(d);
                }
            }
            Some(Hit::Project(row)) => {
                if let View::District {
                    district,
                    selected,
                    offset,
                } = self.view().clone()
                {
                    if row == selected && focus_before == Focus::Detail {
                        self.enter();
                    } else {
                        self.set_focus(Focus::Detail);
                        self.replace_top(View::District {
                            district,
                            selected: row,
                            offset,
                        });
                    }
                }
            }
            Some(Hit::Pane(pane)) if self.focusable().contains(&pane) => self.set_focus(pane),
            Some(Hit::Crumb(level)) => self.stack.truncate(level + 1),
            Some(Hit::Pane(_)) | None => {}
        }
    }

    fn scroll(&mut self, x: u16, y: u16, down: bool) {
        let layout = self.layout();
        let p = Position::new(x, y);
        let step: isize = if down { 3 } else { -3 };
        if let Some(r) = layout.bars.filter(|r| r.contains(p)) {
            let rows = ui::bars::row_count(self);
            let max = rows.saturating_sub(ui::bars::visible_rows(r));
            self.bars_offset = self.bars_offset.saturating_add_signed(step).min(max);
        } else if let Some(r) = layout.detail.filter(|r| r.contains(p)) {
            match self.view().clone() {
                View::District {
                    district,
                    selected,
                    offset,
                } => {
                    let n = self
                        .data
                        .districts
                        .get(district)
                        .map_or(0, |d| d.projects.len());
                    let vis = usize::from(ui::detail::district_list_area(r, self, district).height);
                    let offset = offset
                        .saturating_add_signed(step)
                        .min(n.saturating_sub(vis));
                    self.replace_top(View::District {
                        district,
                        selected,
                        offset,
                    });
                }
                View::Project { project, scroll } => {
                    let max = ui::detail::project_line_count(self, r)
                        .saturating_sub(usize::from(ui::detail::inner(r).height));
                    let scroll = scroll.saturating_add_signed(step).min(max);
                    self.replace_top(View::Project { project, scroll });
                }
                View::Overview => {}
            }
        } else if layout.map.is_some_and(|r| r.contains(p)) {
            let g = ui::map::geometry(layout.map.unwrap_or_default(), self);
            let max = g.rows.saturating_sub(g.visible_rows);
            let row = if down {
                self.map_offset.0.saturating_add(1).min(max)
            } else {
                self.map_offset.0.saturating_sub(1)
            };
            self.map_offset.0 = row;
        }
    }

    /// Scrolls the bars list, the project list and the map so the selection is visible. Runs after
    /// every action except wheel scrolling (which may scroll the selection out of view on purpose).
    fn keep_visible(&mut self) {
        let layout = self.layout();
        if let Some(r) = layout.bars {
            let vis = ui::bars::visible_rows(r).max(1);
            let pos = self
                .bar_order
                .iter()
                .position(|&d| d == self.selected)
                .unwrap_or(0);
            let rows = ui::bars::row_count(self);
            self.bars_offset = follow(self.bars_offset, pos, vis).min(rows.saturating_sub(vis));
        }
        if let Some(r) = layout.map {
            let g = ui::map::geometry(r, self);
            if let Some(d) = self.data.districts.get(self.selected) {
                let t = d.tile;
                self.map_offset = (
                    follow16(
                        self.map_offset.0,
                        t.row.saturating_sub(g.min_row),
                        g.visible_rows,
                    )
                    .min(g.rows.saturating_sub(g.visible_rows)),
                    follow16(
                        self.map_offset.1,
                        t.col.saturating_sub(g.min_col),
                        g.visible_cols,
                    )
                    .min(g.cols.saturating_sub(g.visible_cols)),
                );
            }
        }
        if let (
            Some(r),
            View::District {
                district,
                selected,
                offset,
            },
        ) = (layout.detail, self.view().clone())
        {
            let vis = usize::from(ui::detail::district_list_area(r, self, district).height).max(1);
            let n = self
                .data
                .districts
                .get(district)
                .map_or(0, |d| d.projects.len());
            let offset = follow(offset, selected, vis).min(n.saturating_sub(vis));
            self.replace_top(View::District {
                district,
                selected,
                offset,
            });
        }
    }
}

/// The smallest change to `offset` that keeps `pos` within `offset..offset + visible`.
fn follow(offset: usize, pos: usize, visible: usize) -> usize {
    if pos < offset {
        pos
    } else if pos >= offset + visible {
        pos + 1 - visible.max(1)
    } else {
        offset
    }
}

fn follow16(offset: u16, pos: u16, visible: u16) -> u16 {
    u16::try_from(follow(
        usize::from(offset),
        usize::from(pos),
        usize::from(visible),
    ))
    .unwrap_or(u16::MAX)
}

#[derive(Debug, Clone, Copy)]
enum Jump {
    First,
    Last,
    PageUp,
    PageDown,
    By(isize),
}

impl Jump {
    /// The new position in a list of `len` rows with `page` rows visible.
    fn apply(self, pos: usize, len: usize, page: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            Jump::First => 0,
            Jump::Last => last,
            Jump::PageUp => pos.saturating_sub(page),
            Jump::PageDown => pos.saturating_add(page).min(last),
            Jump::By(d) => pos.saturating_add_signed(d).min(last),
        }
    }
}
