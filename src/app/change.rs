//! The change view (`d`): two open rounds side by side, district by district. It lives on the
//! workspace, since it reads two tabs: the base (by default the previous tab's round) and the
//! comparison (the tab shown). Switching tabs inside the view moves the comparison; `x` swaps the
//! two. Its figures are built when it opens and whenever a round, the unit or the order changes.

use std::rc::Rc;

use ratatui::layout::{Position, Rect};

use super::tabs::Workspace;
use super::{Effect, Msg, Update};
use crate::change::labels;
use crate::data::Dataset;
use crate::geo::cache::OutlineCache;
use crate::input::action::{Action, Dir};
use crate::screen::change::{ChangeFigures, ChangeLayout, ChangeSort, ChangeUnit};
use crate::screen::layout::pane_inner;
use crate::screen::outline::OutlineMap;

/// The change view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeView {
    /// The tab of the base round; the comparison is the active tab.
    pub base: usize,
    pub unit: ChangeUnit,
    pub sort: ChangeSort,
    /// The selected row and the first visible one.
    pub selected: usize,
    pub offset: usize,
    /// The selected district's projects are open (`Enter`).
    pub open: bool,
    /// The figures for the current rounds, unit and order.
    pub figures: ChangeFigures,
    /// The map has the focus (`Tab`): arrows move on it, by the map's geometry.
    pub map_focus: bool,
    /// The tiles rather than the outline (`m`; a round without `[map]` always has tiles).
    pub tiles: bool,
    /// The outline is zoomed to the selected district (`z`); the zoom follows the selection.
    pub zoomed: bool,
    /// Marked districts (`Space`), by id, so a mark stays on its district across rounds.
    pub marks: Vec<String>,
    /// The first tile row and column shown when the tile grid does not fit.
    pub map_offset: (u16, u16),
}

impl ChangeView {
    /// The selected row's district in the comparison round (`None`: it ended there).
    pub fn selected_district(&self) -> Option<usize> {
        match &self.figures {
            ChangeFigures::Compared(c) => c.rows.get(self.selected).and_then(|r| r.at_cmp),
            ChangeFigures::Incomparable(_) => None,
        }
    }

    /// The row of the comparison round's district `d`.
    fn row_of_district(&self, d: usize) -> Option<usize> {
        match &self.figures {
            ChangeFigures::Compared(c) => c.rows.iter().position(|r| r.at_cmp == Some(d)),
            ChangeFigures::Incomparable(_) => None,
        }
    }

    /// Whether row `k` is marked.
    pub fn is_marked(&self, k: usize) -> bool {
        match &self.figures {
            ChangeFigures::Compared(c) => c.rows.get(k).is_some_and(|r| self.marks.contains(&r.id)),
            ChangeFigures::Incomparable(_) => false,
        }
    }

    /// The marked districts of the comparison round, in marking order.
    pub fn marked_districts(&self) -> Vec<usize> {
        let ChangeFigures::Compared(c) = &self.figures else {
            return Vec::new();
        };
        self.marks
            .iter()
            .filter_map(|id| c.rows.iter().find(|r| r.id == *id)?.at_cmp)
            .collect()
    }
}

/// The change view's map as the screen shows it: where, and which kind.
#[derive(Debug, Clone)]
pub struct ChangeMapShown {
    /// The map pane, frame included.
    pub area: Rect,
    /// The outline map, or `None` for the tiles.
    pub outline: Option<Rc<OutlineMap>>,
    /// The outline is zoomed to this district.
    pub zoom: Option<usize>,
}

impl Workspace {
    /// The rounds that loaded, as (tab, label, dataset), labels told apart as `export` does.
    pub fn rounds(&self) -> Vec<(usize, String, &Dataset)> {
        let loaded: Vec<(usize, &Dataset)> = self
            .tabs()
            .iter()
            .enumerate()
            .filter_map(|(k, t)| t.app.as_ref().map(|a| (k, a.data())))
            .collect();
        let names = labels(&loaded.iter().map(|l| l.1).collect::<Vec<_>>());
        loaded
            .into_iter()
            .zip(names)
            .map(|((k, d), name)| (k, name, d))
            .collect()
    }

    /// The change view's figures for base tab `base`, the active tab, and the options.
    pub(super) fn change_figures(
        &self,
        base: usize,
        unit: ChangeUnit,
        sort: ChangeSort,
    ) -> ChangeFigures {
        let rounds = self.rounds();
        let pos = |tab: usize| rounds.iter().position(|r| r.0 == tab);
        let list: Vec<(&str, &Dataset)> = rounds.iter().map(|r| (r.1.as_str(), r.2)).collect();
        match (pos(base), pos(self.active())) {
            (Some(b), Some(c)) => ChangeFigures::build(&list, b, c, unit, sort, self.locale()),
            _ => ChangeFigures::Incomparable(
                crate::i18n::change_needs_loaded(self.locale()).to_string(),
            ),
        }
    }

    /// The change view's layout on the current screen.
    pub fn change_layout(&self) -> ChangeLayout {
        let (open, compared) = self.change.as_ref().map_or((false, false), |v| {
            (v.open, matches!(v.figures, ChangeFigures::Compared(_)))
        });
        crate::screen::change::layout(self.app_size(), open, compared)
    }

    /// The change view's map, where the screen has room for one: the comparison round's outline
    /// (unless the view shows tiles, or the outline is not allowed) or its tiles.
    pub fn change_map(&self) -> Option<ChangeMapShown> {
        let view = self.change.as_ref()?;
        let area = self.change_layout().map?;
        let app = self.active_app()?;
        // `outline` is `None` where the outline is not allowed (`--plain`).
        let outline = if view.tiles {
            None
        } else {
            app.map_view().outline.clone()
        };
        let zoom = if view.zoomed && outline.is_some() {
            view.selected_district()
                .filter(|&d| outline.as_ref().is_some_and(|o| o.zoom_box(d).is_some()))
        } else {
            None
        };
        Some(ChangeMapShown {
            area,
            outline,
            zoom,
        })
    }

    /// `d`: opens the change view over the previous round and this one, or closes it. With fewer
    /// than two rounds open there is nothing to compare: the status line says so.
    pub(super) fn toggle_change(&mut self) -> Update {
        if self.change.take().is_some() {
            return changed(true);
        }
        let rounds = self.rounds();
        if rounds.len() < 2 {
            let msg = crate::i18n::change_needs_two(self.locale()).to_string();
            return match self.active_app_mut() {
                Some(app) => app.update(Msg::Notice(msg)),
                None => changed(false),
            };
        }
        // The round before this one in tab order is the base; on the first round, it is the base
        // and the next one is compared with it, so that the view reads forward.
        let here = rounds
            .iter()
            .position(|r| r.0 == self.active())
            .unwrap_or(0);
        let base = if here == 0 {
            let (first, next) = (rounds[0].0, rounds[1].0);
            self.set_active(next);
            first
        } else {
            rounds[here - 1].0
        };
        let figures = self.change_figures(base, ChangeUnit::default(), ChangeSort::default());
        // The map starts as the tab shows it: the outline, or the tiles if `m` chose them there.
        let tiles = self
            .active_app()
            .is_none_or(|a| a.map_view().outline_on().is_none());
        self.change = Some(ChangeView {
            base,
            unit: ChangeUnit::default(),
            sort: ChangeSort::default(),
            selected: 0,
            offset: 0,
            open: false,
            figures,
            map_focus: false,
            tiles,
            zoomed: false,
            marks: Vec::new(),
            map_offset: (0, 0),
        });
        self.keep_change_visible();
        changed(true)
    }

    /// Rebuilds the view's figures after a round, the unit or the order changed; the selection
    /// stays on the same district where it can.
    pub(super) fn refresh_change(&mut self) {
        let Some(view) = &self.change else { return };
        let (base, unit, sort) = (view.base, view.unit, view.sort);
        let selected_id = selected_row_id(view);
        let figures = self.change_figures(base, unit, sort);
        if let Some(view) = self.change.as_mut() {
            let rows = rows_of(&figures);
            view.selected = selected_id
                .and_then(|id| rows.iter().position(|r| *r == id))
                .unwrap_or(0);
            view.unit = match &figures {
                ChangeFigures::Compared(c) => c.unit,
                ChangeFigures::Incomparable(_) => unit,
            };
            view.figures = figures;
        }
    }

    /// An action while the change view is open. `None`: not the view's (the workspace handles it).
    pub(super) fn change_action(&mut self, action: Action, page: usize) -> Option<Update> {
        let bar = self.bar_height();
        match action {
            // The tab bar takes its own clicks: a tab switch moves the comparison.
            Action::Click(_, y) | Action::Scroll(_, y, _) if y < bar => return None,
            Action::Click(x, y) => return Some(self.change_click(x, y - bar)),
            Action::Scroll(x, y, down) => {
                let over_table =
                    pane_inner(self.change_layout().table).contains(Position::new(x, y - bar));
                let view = self.change.as_ref()?;
                let last = rows_of(&view.figures).len().saturating_sub(1);
                let row = if down {
                    (view.selected + 1).min(last)
                } else {
                    view.selected.saturating_sub(1)
                };
                return Some(if over_table {
                    self.select_change_row(row)
                } else {
                    changed(false)
                });
            }
            Action::Move(dir) if self.change.as_ref().is_some_and(|v| v.map_focus) => {
                return Some(self.change_move_on_map(dir));
            }
            _ => {}
        }
        let map = self.change_map();
        let has_outline = self
            .active_app()
            .is_some_and(|a| a.map_view().outline.is_some());
        let view = self.change.as_mut()?;
        let n = rows_of(&view.figures).len();
        let last = n.saturating_sub(1);
        let page = page.max(1);
        let step = |view: &mut ChangeView, to: usize| {
            let to = to.min(last);
            let moved = to != view.selected;
            view.selected = to;
            if moved {
                view.open = view.open && n > 0;
            }
            changed(moved)
        };
        Some(match action {
            Action::Change => self.toggle_change(),
            Action::Back if view.open => {
                view.open = false;
                changed(true)
            }
            Action::Back => {
                self.change = None;
                changed(true)
            }
            Action::Enter => {
                let was = view.open;
                view.open = n > 0;
                changed(was != view.open)
            }
            Action::Move(Dir::Up) => step(view, view.selected.saturating_sub(1)),
            Action::Move(Dir::Down) => step(view, view.selected + 1),
            Action::PageUp => step(view, view.selected.saturating_sub(page)),
            Action::PageDown => step(view, view.selected + page),
            Action::First => step(view, 0),
            Action::Last => step(view, last),
            Action::CycleUnit => {
                let possible = match &view.figures {
                    ChangeFigures::Compared(c) => c.per_inhabitant_possible,
                    ChangeFigures::Incomparable(_) => false,
                };
                view.unit = view.unit.next(possible);
                self.refresh_change();
                changed(true)
            }
            Action::CycleSort => {
                view.sort = view.sort.next();
                self.refresh_change();
                changed(true)
            }
            Action::SwapRounds => {
                let base = view.base;
                view.base = self.active;
                self.set_active(base);
                self.refresh_change();
                changed(true)
            }
            Action::FocusNext | Action::FocusPrev if map.is_some() => {
                view.map_focus = !view.map_focus;
                changed(true)
            }
            Action::ToggleMapMode if has_outline => {
                view.tiles = !view.tiles;
                view.zoomed = false;
                changed(true)
            }
            Action::ToggleZoom if map.as_ref().is_some_and(|m| m.outline.is_some()) => {
                view.zoomed = !view.zoomed;
                changed(true)
            }
            Action::Mark => {
                let ChangeFigures::Compared(c) = &view.figures else {
                    return Some(changed(false));
                };
                let Some(id) = c.rows.get(view.selected).map(|r| r.id.clone()) else {
                    return Some(changed(false));
                };
                match view.marks.iter().position(|m| *m == id) {
                    Some(k) => {
                        view.marks.remove(k);
                    }
                    None => view.marks.push(id),
                }
                changed(true)
            }
            // Switching tabs moves the comparison; the base stays.
            Action::NextTab | Action::PrevTab => return None,
            Action::Quit => Update {
                changed: false,
                effects: vec![Effect::Quit],
            },
            Action::Resize(..) => return None,
            _ => changed(false),
        })
    }

    /// An arrow with the map in focus: the district that way on the map shown (by the outline's
    /// shapes or the tile grid, as on the overview), and its row.
    fn change_move_on_map(&mut self, dir: Dir) -> Update {
        let (Some(map), Some(app), Some(view)) =
            (self.change_map(), self.active_app(), self.change.as_ref())
        else {
            return changed(false);
        };
        let Some(from) = view.selected_district() else {
            return changed(false);
        };
        let to = match &map.outline {
            Some(outline) => outline.nearest(from, dir),
            None => {
                let tiles: Vec<(u16, u16)> = app
                    .data()
                    .districts
                    .iter()
                    .map(|d| (d.tile.col, d.tile.row))
                    .collect();
                crate::geo::nav::nearest_tile(&tiles, from, dir)
            }
        };
        let Some(row) = to.and_then(|d| view.row_of_district(d)) else {
            return changed(false);
        };
        self.select_change_row(row)
    }

    /// A click in the change view at body cell `(x, y)`: a table row or a district on the map
    /// selects it; a click on what is already selected opens its projects.
    fn change_click(&mut self, x: u16, y: u16) -> Update {
        let at = Position::new(x, y);
        let layout = self.change_layout();
        let table = pane_inner(layout.table);
        let Some(view) = self.change.as_ref() else {
            return changed(false);
        };
        if table.contains(at) {
            let row = view.offset + usize::from(y - table.y);
            if row >= rows_of(&view.figures).len() {
                return changed(false);
            }
            let again = row == view.selected && !view.map_focus;
            if let Some(v) = self.change.as_mut() {
                v.map_focus = false;
            }
            return if again {
                self.change_action(Action::Enter, 1).unwrap_or_default()
            } else {
                self.select_change_row(row)
            };
        }
        let Some(map) = self.change_map() else {
            return changed(false);
        };
        let Some(d) = self.change_map_hit(&map, at) else {
            return changed(false);
        };
        let Some(view) = self.change.as_mut() else {
            return changed(false);
        };
        let Some(row) = view.row_of_district(d) else {
            return changed(false);
        };
        let again = row == view.selected && view.map_focus;
        view.map_focus = true;
        if again {
            self.change_action(Action::Enter, 1).unwrap_or_default()
        } else {
            let _ = self.select_change_row(row);
            changed(true)
        }
    }

    /// The comparison round's district drawn at `at` on the change view's map.
    fn change_map_hit(&self, map: &ChangeMapShown, at: Position) -> Option<usize> {
        let view = self.change.as_ref()?;
        let app = self.active_app()?;
        let ChangeFigures::Compared(c) = &view.figures else {
            return None;
        };
        match &map.outline {
            Some(outline) => outline.hit_test(
                &OutlineCache::default(),
                pane_inner(map.area),
                map.zoom,
                &c.map.texts,
                (view.selected_district(), &c.map.priority),
                at.x,
                at.y,
            ),
            None => {
                let mut inputs = app.inputs();
                inputs.map_offset = view.map_offset;
                crate::screen::tiles::hit(map.area, &inputs, at)
            }
        }
    }

    /// Selects row `row` (closing nothing: an open projects pane shows the new district).
    fn select_change_row(&mut self, row: usize) -> Update {
        let Some(view) = self.change.as_mut() else {
            return changed(false);
        };
        let moved = view.selected != row;
        view.selected = row;
        changed(moved)
    }

    /// Keeps the selected row in the table's window and its tile in the tile map's.
    pub(super) fn keep_change_visible(&mut self) {
        let layout = self.change_layout();
        let tile_window = match (self.change_map(), self.active_app(), self.change.as_ref()) {
            (Some(map), Some(app), Some(view)) if map.outline.is_none() => {
                view.selected_district().and_then(|d| {
                    let mut inputs = app.inputs();
                    inputs.map_offset = view.map_offset;
                    let g = crate::screen::tiles::geometry(map.area, &inputs);
                    let tile = app.data().districts.get(d)?.tile;
                    Some(crate::screen::tiles::window_showing(
                        &g,
                        view.map_offset,
                        tile,
                    ))
                })
            }
            _ => None,
        };
        if let Some(view) = self.change.as_mut() {
            let rows = layout.visible_rows.max(1);
            if view.selected < view.offset {
                view.offset = view.selected;
            } else if view.selected >= view.offset + rows {
                view.offset = view.selected + 1 - rows;
            }
            if let Some(w) = tile_window {
                view.map_offset = w;
            }
        }
    }
}

fn changed(changed: bool) -> Update {
    Update {
        changed,
        effects: Vec::new(),
    }
}

/// The ids of the rows, in order (none when the rounds cannot be compared).
fn rows_of(figures: &ChangeFigures) -> Vec<&str> {
    match figures {
        ChangeFigures::Compared(c) => c.rows.iter().map(|r| r.id.as_str()).collect(),
        ChangeFigures::Incomparable(_) => Vec::new(),
    }
}

fn selected_row_id(view: &ChangeView) -> Option<String> {
    rows_of(&view.figures)
        .get(view.selected)
        .map(|s| (*s).to_string())
}
