//! Mouse input: clicks select and drill in (a second click on the selection opens it), the wheel
//! scrolls the list or text under the pointer. Positions are resolved with `ui::hit_test` on the same
//! layout the screen was drawn with.

use ratatui::layout::Position;

use super::{App, Focus, View};
use crate::screen::hit::Hit;

impl App {
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let layout = self.layout();
        let focus_before = self.focus();
        match crate::screen::hit::hit_test(&layout, &self.inputs(), Position::new(x, y)) {
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

    pub(super) fn scroll(&mut self, x: u16, y: u16, down: bool) {
        let layout = self.layout();
        let p = Position::new(x, y);
        let step: isize = if down { 3 } else { -3 };
        if let Some(r) = layout.bars.filter(|r| r.contains(p)) {
            let rows = crate::screen::bars::row_count(&self.inputs());
            let max = rows.saturating_sub(crate::screen::bars::visible_rows(r));
            self.bars_offset = self.bars_offset.saturating_add_signed(step).min(max);
        } else if let Some(r) = layout.detail.filter(|r| r.contains(p)) {
            match self.view().clone() {
                View::District {
                    district,
                    selected,
                    offset,
                } => {
                    let n = self.visible_projects(district).len();
                    let vis = usize::from(
                        crate::screen::detail::district_list_area(r, &self.inputs(), district)
                            .height,
                    );
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
                    let max = crate::screen::detail::project_line_count(&self.inputs(), r)
                        .saturating_sub(usize::from(crate::screen::detail::inner(r).height));
                    let scroll = scroll.saturating_add_signed(step).min(max);
                    self.replace_top(View::Project { project, scroll });
                }
                View::Overview => {}
            }
        } else if layout.map.is_some_and(|r| r.contains(p)) && self.map_view.outline_on().is_none()
        {
            // The tile grid scrolls; the outline map has nothing to scroll (zoom is `z`), so the
            // wheel there changes nothing and causes no redraw.
            let g = crate::screen::tiles::geometry(layout.map.unwrap_or_default(), &self.inputs());
            let max = g.rows.saturating_sub(g.visible_rows);
            let row = if down {
                self.map_offset.0.saturating_add(1).min(max)
            } else {
                self.map_offset.0.saturating_sub(1)
            };
            self.map_offset.0 = row;
        }
    }
}
