//! Moving within lists (bars, a district's projects) and scrolling text, and keeping the selection
//! in view after every action.

use super::{App, Focus, View};

impl App {
    /// Moves within the focused list (bars, project list) or scrolls the project text.
    pub(super) fn jump(&mut self, jump: Jump) {
        let layout = self.layout();
        match (self.focus(), self.view().clone()) {
            (Focus::Map | Focus::Bars, _) => {
                // A page of the district list (bar order). Drilled in, the detail pane takes the
                // bars' place: the map still moves by the page the bars show there, so PageDown
                // goes as far as in the overview.
                let page = layout
                    .bars
                    .or(layout.detail)
                    .map_or(1, |r| crate::screen::bars::visible_rows(r).max(1));
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
                let n = self.visible_projects(district).len();
                let page = layout.detail.map_or(1, |r| {
                    usize::from(
                        crate::screen::detail::district_list_area(r, &self.inputs(), district)
                            .height,
                    )
                    .max(1)
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
                        crate::screen::detail::project_line_count(&self.inputs(), r),
                        crate::screen::detail::inner(r).height,
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

    /// Scrolls the bars list, the project list and the map so the selection is visible. Runs after
    /// every action except wheel scrolling (which may scroll the selection out of view on purpose).
    pub(super) fn keep_visible(&mut self) {
        let layout = self.layout();
        if let Some(r) = layout.bars {
            let vis = crate::screen::bars::visible_rows(r).max(1);
            let pos = self
                .bar_order
                .iter()
                .position(|&d| d == self.selected)
                .unwrap_or(0);
            let rows = crate::screen::bars::row_count(&self.inputs());
            self.bars_offset =
                follow_or_centre(self.bars_offset, pos, vis).min(rows.saturating_sub(vis));
        }
        if let Some(r) = layout.map {
            let g = crate::screen::tiles::geometry(r, &self.inputs());
            if let Some(d) = self.data.districts.get(self.selected) {
                self.map_offset = crate::screen::tiles::window_showing(&g, self.map_offset, d.tile);
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
            let vis = usize::from(
                crate::screen::detail::district_list_area(r, &self.inputs(), district).height,
            )
            .max(1);
            let n = self.visible_projects(district).len();
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

/// A list step just past an edge scrolls by that one row (as lists do); a jump further away (the
/// selection moved on the map, a search hit) puts the selection in the middle, so the rows around it
/// are in view and the next steps do not scroll.
fn follow_or_centre(offset: usize, pos: usize, visible: usize) -> usize {
    if pos + 1 == offset || pos == offset + visible {
        follow(offset, pos, visible)
    } else {
        centre(offset, pos, visible)
    }
}

/// A window that `pos` left jumps to put it in its middle; the caller clamps it to the list.
fn centre(offset: usize, pos: usize, visible: usize) -> usize {
    if pos >= offset && pos < offset + visible {
        offset
    } else {
        pos.saturating_sub(visible / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_follow_by_a_row_and_jump_to_centre() {
        // In view: no scroll.
        assert_eq!(follow_or_centre(10, 12, 5), 10);
        assert_eq!(centre(10, 14, 5), 10);
        // One past an edge: one row.
        assert_eq!(follow_or_centre(10, 15, 5), 11);
        assert_eq!(follow_or_centre(10, 9, 5), 9);
        // Further: centred.
        assert_eq!(follow_or_centre(10, 40, 5), 38);
        assert_eq!(follow_or_centre(10, 1, 5), 0);
        assert_eq!(centre(0, 20, 10), 15);
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Jump {
    First,
    Last,
    PageUp,
    PageDown,
    By(isize),
}

impl Jump {
    /// The new position in a list of `len` rows with `page` rows visible.
    pub(super) fn apply(self, pos: usize, len: usize, page: usize) -> usize {
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
