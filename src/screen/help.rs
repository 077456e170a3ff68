//! The help overlay's content: every action with all its keys, generated from the keymap table, then
//! the mouse and the map's credit, wrapped to the overlay's width.

use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::i18n;
use crate::input::action::{Action, Dir};
use crate::input::keymap::{Key, format_key};
use crate::screen::Inputs;
use crate::screen::layout::pane_inner;
use crate::style::theme::Theme;
use crate::text;
use crate::text::wrap::wrap;

/// A group of keys in the help (the action table's, [`Action::help_group`]).
pub use crate::input::action::HelpGroup as Group;

/// The help's groups, in order: a heading and the actions under it, in [`Action::BINDABLE`]'s
/// order.
pub fn groups() -> impl Iterator<Item = (Group, Vec<Action>)> {
    Group::ALL.into_iter().map(|g| {
        let actions = Action::BINDABLE
            .into_iter()
            .filter(|a| a.help_group() == g)
            .collect();
        (g, actions)
    })
}

/// A group's heading in the help.
pub fn heading(group: Group, locale: crate::locale::Locale) -> &'static str {
    i18n::tools(locale).help_groups[group as usize]
}

/// How a key is written for the user, in one notation everywhere (the hint line's and the help's):
/// arrows as the theme draws them (`↑`, or `Op` in `--plain`), other keys by name without brackets
/// (`Enter`, `Esc`, `S-Tab`, `C-c`, `Home`, `Space`).
pub fn key_label(theme: &Theme, locale: crate::locale::Locale, key: Key) -> String {
    use ratatui::crossterm::event::KeyCode;
    let dir = match key.code {
        KeyCode::Up => Some(Dir::Up),
        KeyCode::Down => Some(Dir::Down),
        KeyCode::Left => Some(Dir::Left),
        KeyCode::Right => Some(Dir::Right),
        _ => None,
    };
    match dir {
        Some(d) if key.mods.is_empty() => arrow_label(theme, locale, &[d]),
        _ => format_key(key)
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string(),
    }
}

/// Arrow keys as the theme shows them: its symbols run together (`↑↓`), or, where the theme spells
/// them out (`--plain`), the locale's names joined by slashes (`Op/Ned`).
pub fn arrow_label(theme: &Theme, locale: crate::locale::Locale, dirs: &[Dir]) -> String {
    match theme.arrows {
        Some(symbols) => dirs.iter().map(|&d| symbols[d.index()]).collect(),
        None => {
            let names = i18n::strings(locale).arrow_keys;
            let names: Vec<&str> = dirs.iter().map(|&d| names[d.index()]).collect();
            names.join("/")
        }
    }
}

/// The rows: per group its heading, then (keys, description) per action, keys in the hint line's
/// notation.
pub fn rows(app: &Inputs<'_>) -> Vec<(Group, Vec<(String, &'static str)>)> {
    groups()
        .map(|(g, actions)| {
            let rows = actions
                .iter()
                .map(|&a| {
                    let keys: Vec<String> = app
                        .keymap
                        .keys_for(a)
                        .into_iter()
                        .map(|k| key_label(app.theme, app.locale, k))
                        .collect();
                    (keys.join("  "), i18n::describe(a, app.locale))
                })
                .collect();
            (g, rows)
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
    let groups = rows(app);
    let key_w = groups
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| text::width(k)))
        .max()
        .unwrap_or(0);
    let key_w = key_w.min(w / 2);
    let mut lines: Vec<Vec<(String, Style)>> = Vec::new();
    // Descriptions wrap under themselves (hanging indent), never cut.
    let what_w = w.saturating_sub(key_w + 2).max(1);
    for (n, (group, rows)) in groups.into_iter().enumerate() {
        if n > 0 {
            lines.push(Vec::new());
        }
        lines.push(vec![(heading(group, app.locale).to_string(), t.label)]);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_list_every_bindable_action_in_its_order() {
        let listed: Vec<Action> = groups().flat_map(|(_, acts)| acts).collect();
        assert_eq!(listed, Action::BINDABLE);
    }
}
