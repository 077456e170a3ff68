//! The help overlay's content: every action with all its keys, generated from the keymap table, then
//! the mouse and the map's credit, wrapped to the overlay's width.

use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::i18n;
use crate::input::action::Action;
use crate::input::keymap::format_key;
use crate::screen::Inputs;
use crate::screen::layout::pane_inner;
use crate::text;
use crate::text::wrap::wrap;

/// The rows: (keys, description) per bindable action, in the keymap's order.
pub fn rows(app: &Inputs<'_>) -> Vec<(String, &'static str)> {
    Action::BINDABLE
        .iter()
        .map(|&a| {
            let keys: Vec<String> = app.keymap.keys_for(a).into_iter().map(format_key).collect();
            (keys.join("  "), i18n::describe(a, app.locale))
        })
        .collect()
}

/// The geometry's credit line, when the data has an outline map (its terms ask for it).
pub fn credit(app: &Inputs<'_>) -> Option<String> {
    app.data
        .geo
        .as_ref()
        .and_then(|g| crate::geo::credit(g, app.locale))
}

/// Where the text goes in an overlay drawn at `area`: inside the frame, with a column of margin
/// each side when there is room.
pub fn text_area(area: Rect) -> Rect {
    let inner = pane_inner(area);
    if inner.width > 4 {
        Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height)
    } else {
        inner
    }
}

/// Lines of the overlay's content when its text is `width` columns wide (for scrolling and sizing):
/// the same lines `render` draws, wrapped the same way.
pub fn line_count(app: &Inputs<'_>, width: u16) -> usize {
    lines(app, usize::from(width)).len()
}

/// The overlay's content wrapped to `w` columns: the key table, the mouse note, the map credit.
pub fn lines(app: &Inputs<'_>, w: usize) -> Vec<Vec<(String, Style)>> {
    let words = i18n::strings(app.locale);
    let t = &app.theme;
    let rows = rows(app);
    let key_w = rows
        .iter()
        .map(|(k, _)| text::width(k))
        .max()
        .unwrap_or(0)
        .max(text::width(words.help_keys));
    let key_w = key_w.min(w / 2);
    let mut lines: Vec<Vec<(String, Style)>> = Vec::new();
    lines.push(vec![
        (text::pad_right(words.help_keys, key_w + 2), t.label),
        (words.help_action.to_string(), t.label),
    ]);
    // Descriptions wrap under themselves (hanging indent), never cut.
    let what_w = w.saturating_sub(key_w + 2).max(1);
    for (keys, what) in rows {
        for (k, piece) in wrap(what, what_w).into_iter().enumerate() {
            let head = if k == 0 {
                (text::pad_right(&keys, key_w + 2), t.hint_key)
            } else {
                (" ".repeat(key_w + 2), t.text)
            };
            lines.push(vec![head, (piece, t.text)]);
        }
    }
    lines.push(Vec::new());
    for l in wrap(words.help_mouse, w) {
        lines.push(vec![(l, t.dim)]);
    }
    if let Some(c) = credit(app) {
        lines.push(Vec::new());
        for l in wrap(&c, w) {
            lines.push(vec![(l, t.dim)]);
        }
    }
    lines
}
