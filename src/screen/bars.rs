//! The bars pane's rows: how many there are, how many fit, the notes under them, and which district
//! a row is.

use ratatui::layout::{Position, Rect};

use crate::screen::Inputs;

pub fn framed(area: Rect) -> Rect {
    if area.width < 3 || area.height < 3 {
        area
    } else {
        Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2)
    }
}

/// Rows that fit in the pane `area`.
pub fn visible_rows(area: Rect) -> usize {
    usize::from(framed(area).height)
}

/// Whether the dataset has a "not itemised" row.
pub fn has_rest(app: &Inputs<'_>) -> bool {
    // The view model hides the row under a theme filter or in a per-inhabitant unit (with a note).
    app.figures.not_itemised_value().is_some()
}

/// All rows: districts plus the not-itemised row.
pub fn row_count(app: &Inputs<'_>) -> usize {
    app.bar_order.len() + usize::from(has_rest(app))
}

/// The district whose bar row is at `pos` (the not-itemised row is not a district).
pub fn hit(area: Rect, app: &Inputs<'_>, pos: Position) -> Option<usize> {
    let inner = framed(area);
    if !inner.contains(pos) {
        return None;
    }
    let row = usize::from(pos.y - inner.y) + app.bars_offset;
    app.bar_order.get(row).copied()
}

/// The notes [`bar_notes`] draws (why values are missing, why the rest is hidden).
pub fn notes(app: &Inputs<'_>) -> Vec<String> {
    let vm = &app.figures;
    let mut notes: Vec<String> = Vec::new();
    // Built with the view (a scan of every district), not per frame.
    notes.extend(app.labels.clone().missing_note.clone());
    notes.extend(vm.not_itemised.note(app.locale).map(str::to_string));
    notes
}

/// Rows the bars pane would like for its notes (a blank row, then one per note), for the layout.
pub fn bar_note_rows(app: &Inputs<'_>) -> usize {
    let n = notes(app).len();
    if n == 0 { 0 } else { n + 1 }
}
