//! Scrolling the report of a tab whose file never loaded: arrows, pages, `g`/`G` and the wheel move
//! it; code lines that do not fit scroll sideways (they are never re-wrapped, so the `^^^` marker
//! stays under the text it points at). The report's layout is [`crate::screen::report::report_lines`].

use crate::app::tabs::Tab;
use crate::input::action::{Action, Dir};

/// Columns one sideways step moves.
const SIDE_STEP: usize = 8;

impl Tab {
    /// Applies a scrolling action to the error report on a `size` terminal; whether it moved.
    pub(super) fn scroll_error(&mut self, action: Action, size: (u16, u16)) -> bool {
        let Some(err) = self.error.as_deref() else {
            return false;
        };
        let (w, h) = crate::screen::report::report_view(size);
        let lines = crate::screen::report::report_lines(err, w);
        let max_row = lines.len().saturating_sub(h);
        let max_col = lines
            .iter()
            .filter(|l| l.code)
            .map(|l| crate::text::width(&l.text))
            .max()
            .unwrap_or(0)
            .saturating_sub(w);
        let page = h.max(1);
        let (row, col) = self.error_scroll;
        let next = match action {
            Action::Move(Dir::Up) | Action::Scroll(_, _, false) => (row.saturating_sub(1), col),
            Action::Move(Dir::Down) | Action::Scroll(_, _, true) => (row + 1, col),
            Action::Move(Dir::Left) => (row, col.saturating_sub(SIDE_STEP)),
            Action::Move(Dir::Right) => (row, col + SIDE_STEP),
            Action::PageUp => (row.saturating_sub(page), col),
            Action::PageDown => (row + page, col),
            Action::First => (0, 0),
            Action::Last => (max_row, col),
            _ => return false,
        };
        let next = (next.0.min(max_row), next.1.min(max_col));
        let moved = next != self.error_scroll;
        self.error_scroll = next;
        moved
    }
}
