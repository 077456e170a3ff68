//! The help overlay: every action with all its keys, generated from the keymap table, then the mouse.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::App;
use crate::i18n;
use crate::keymap::format_key;
use crate::text;
use crate::ui::{fill, pane, put, wrap};

/// The rows: (keys, description) per bindable action, in the keymap's order.
fn rows(app: &App) -> Vec<(String, &'static str)> {
    Action::BINDABLE
        .iter()
        .map(|&a| {
            let keys: Vec<String> = app.keymap.keys_for(a).into_iter().map(format_key).collect();
            (keys.join("  "), i18n::describe(a, app.locale))
        })
        .collect()
}

/// The geometry's credit line, when the data has an outline map (its terms ask for it).
fn credit(app: &App) -> Option<String> {
    app.data
        .geo
        .as_ref()
        .and_then(|g| crate::geo::credit(g, app.locale))
}

/// Lines of the overlay's content (for scrolling and sizing).
pub fn line_count(app: &App) -> usize {
    // The credit is wrapped to the overlay's usual width (at most 76 columns, 72 for text).
    rows(app).len() + 3 + credit(app).map_or(0, |c| 1 + wrap(&c, 70).len())
}

pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let words = i18n::strings(app.locale);
    let t = &app.theme;
    fill(buf, area, " ", t.text);
    let inner = pane(buf, area, words.help_title, true, app);
    if area.height >= 3 && area.width > 6 {
        let footer = format!(" {} ", words.help_footer);
        let fw = u16::try_from(text::width(&footer)).unwrap_or(u16::MAX);
        let x = area.right().saturating_sub(fw + 2).max(area.x + 1);
        put(
            buf,
            Rect::new(area.x + 1, area.bottom() - 1, area.width - 2, 1),
            x,
            area.bottom() - 1,
            &footer,
            t.dim,
        );
    }
    let text_area = if inner.width > 4 {
        Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height)
    } else {
        inner
    };
    let rows = rows(app);
    let key_w = rows
        .iter()
        .map(|(k, _)| text::width(k))
        .max()
        .unwrap_or(0)
        .max(text::width(words.help_keys));
    let w = usize::from(text_area.width);
    let key_w = key_w.min(w / 2);
    let mut lines: Vec<Vec<(String, ratatui::style::Style)>> = Vec::new();
    lines.push(vec![
        (text::pad_right(words.help_keys, key_w + 2), t.label),
        (words.help_action.to_string(), t.label),
    ]);
    for (keys, what) in rows {
        lines.push(vec![
            (text::pad_right(&keys, key_w + 2), t.hint_key),
            (what.to_string(), t.text),
        ]);
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
    for (k, line) in lines
        .iter()
        .skip(app.help_scroll)
        .take(usize::from(text_area.height))
        .enumerate()
    {
        let y = text_area.y + u16::try_from(k).unwrap_or(u16::MAX);
        let mut x = text_area.x;
        for (s, style) in line {
            x = put(buf, text_area, x, y, s, *style);
        }
    }
}
