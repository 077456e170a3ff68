//! The breadcrumb, the key-hint line and the too-small message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Mode, View};
use crate::i18n;
use crate::input::action::{Action, Dir};
use crate::input::keymap::Key;
use crate::locale::Locale;
use crate::screen::crumb::crumb_segments;
use crate::style::theme::Theme;
use crate::text;
use crate::text::wrap::wrap;
use crate::ui::{MIN_SIZE, put};

pub fn crumb(area: Rect, buf: &mut Buffer, app: &App) {
    let t = &app.theme();
    let segs = crumb_segments(area, &app.inputs());
    let last = segs.len().saturating_sub(1);
    for (k, (x, w, s)) in segs.iter().enumerate() {
        let style = if k == last { t.accent } else { t.label };
        let end = put(buf, area, *x, area.y, s, style);
        if k < last {
            put(
                buf,
                area,
                end.max(x + u16::try_from(*w).unwrap_or(0)),
                area.y,
                t.crumb_sep,
                t.dim,
            );
        }
    }
}

/// How arrow keys are shown to the user: the theme's symbols run together (`↑↓`), or, where the
/// theme spells them out (`--plain`), the locale's names joined by slashes (`Op/Ned`).
pub fn arrow_label(app: &App, dirs: &[Dir]) -> String {
    arrow_label_with(app.theme(), app.locale(), dirs)
}

/// [`arrow_label`] for a theme and locale (screens without an app: a tab whose file never loaded).
pub fn arrow_label_with(theme: &Theme, locale: Locale, dirs: &[Dir]) -> String {
    crate::screen::help::arrow_label(theme, locale, dirs)
}

/// How a key is shown in the hint line: arrows as the theme draws them, others by name.
fn key_label(app: &App, key: Key) -> String {
    key_label_with(app.theme(), app.locale(), key)
}

/// [`key_label`] for a theme and locale: the one notation the help uses too.
pub fn key_label_with(theme: &Theme, locale: Locale, key: Key) -> String {
    crate::screen::help::key_label(theme, locale, key)
}

/// The first key bound to each of the four moves, as the hint line shows them: symbols run
/// together (`↑↓←→`), spelled-out names need a separator (`Op/Ned/Venstre/Højre`). Shared by the
/// dashboard's hints and those of a tab whose file never loaded.
pub fn move_keys_label(
    theme: &Theme,
    locale: Locale,
    keymap: &crate::input::keymap::Keymap,
) -> String {
    let keys: Vec<String> = [Dir::Up, Dir::Down, Dir::Left, Dir::Right]
        .iter()
        .filter_map(|&d| keymap.keys_for(Action::Move(d)).first().copied())
        .map(|k| key_label_with(theme, locale, k))
        .collect();
    keys.join(if theme.arrows.is_some() { "" } else { "/" })
}

fn first_key(app: &App, action: Action) -> Option<String> {
    app.keymap()
        .keys_for(action)
        .first()
        .map(|&k| key_label(app, k))
}

/// The hints for the current view, as (keys, what) pairs, from the keymap.
fn hint_items(app: &App) -> Vec<(String, &'static str)> {
    let words = i18n::strings(app.locale());
    let mut out = Vec::new();
    if let Some(items) = mode_hints(app) {
        return items;
    }
    if app.help() {
        out.extend(first_key(app, Action::Back).map(|k| (k, words.hint_back)));
        // Scrolling is offered only when the help does not fit.
        let scrolls = app.layout().help.is_some_and(|r| {
            let ta = crate::screen::help::text_area(r);
            crate::screen::help::line_count(&app.inputs(), ta.width) > usize::from(ta.height)
        });
        if scrolls {
            out.extend(first_key(app, Action::Move(Dir::Down)).map(|k| (k, words.hint_scroll)));
        }
        out.extend(first_key(app, Action::Quit).map(|k| (k, words.hint_quit)));
        return out;
    }
    out.push((
        move_keys_label(app.theme(), app.locale(), app.keymap()),
        words.hint_move,
    ));
    if !matches!(app.view(), View::Project { .. }) {
        out.extend(first_key(app, Action::Enter).map(|k| (k, words.hint_open)));
    }
    if app.stack().len() > 1 {
        out.extend(first_key(app, Action::Back).map(|k| (k, words.hint_back)));
    }
    if app.focusable().len() > 1 {
        out.extend(first_key(app, Action::FocusNext).map(|k| (k, words.hint_focus)));
    }
    out.extend(first_key(app, Action::ToggleHelp).map(|k| (k, words.hint_help)));
    out.extend(first_key(app, Action::Quit).map(|k| (k, words.hint_quit)));
    // The analyst tools, most useful first (the line shows as many as fit).
    let w = crate::i18n::tools(app.locale());
    if app.tab_count() > 1 {
        let keys: String = [Action::PrevTab, Action::NextTab]
            .iter()
            .filter_map(|&a| first_key(app, a))
            .collect();
        out.push((keys, w.hint_tabs));
    }
    out.extend(first_key(app, Action::Search).map(|k| (k, w.hint_search)));
    // The outline map's keys, when the data has one and the map pane is on screen.
    if app.map_view().outline.is_some()
        && app.map_view().outline_allowed
        && app.layout().map.is_some()
    {
        let outline = app.map_view().outline_on().is_some();
        let what = if outline {
            w.hint_tiles
        } else {
            w.hint_outline
        };
        out.extend(first_key(app, Action::ToggleMapMode).map(|k| (k, what)));
        if outline {
            out.extend(first_key(app, Action::ToggleZoom).map(|k| (k, w.hint_zoom)));
        }
    }
    if app.tab_count() > 1 {
        let change = crate::i18n::change_words(app.locale()).hint_view;
        out.extend(first_key(app, Action::Change).map(|k| (k, change)));
    }
    if app.marks().len() >= 2 {
        out.extend(first_key(app, Action::Compare).map(|k| (k, w.hint_compare)));
    }
    if !matches!(app.view(), View::Project { .. }) {
        out.extend(first_key(app, Action::Mark).map(|k| (k, w.hint_mark)));
    }
    out.extend(first_key(app, Action::ThemeFilter).map(|k| (k, w.hint_filter)));
    out.extend(first_key(app, Action::CycleUnit).map(|k| (k, w.hint_unit)));
    out.extend(first_key(app, Action::CycleSort).map(|k| (k, w.hint_sort)));
    out
}

pub fn hints(area: Rect, buf: &mut Buffer, app: &App) {
    draw_hints(area, buf, app.theme(), &hint_items(app));
}

/// A hint line: each (keys, what) pair as long as it fits whole.
pub fn draw_hints(area: Rect, buf: &mut Buffer, t: &Theme, items: &[(String, &str)]) {
    if area.is_empty() {
        return;
    }
    let mut x = area.x + u16::from(area.width > 2);
    for (keys, what) in items {
        let need = u16::try_from(text::width(keys) + text::width(what) + 3).unwrap_or(u16::MAX);
        if x.saturating_add(need) > area.right() {
            break;
        }
        x = put(buf, area, x, area.y, keys, t.hint_key);
        x = put(buf, area, x + 1, area.y, what, t.hint_text);
        x += 2;
    }
}

/// The message for a terminal below the minimum size, in the UI language, wrapped and centred.
pub fn too_small(area: Rect, buf: &mut Buffer, app: &App) {
    if area.is_empty() {
        return;
    }
    let msg = i18n::too_small(MIN_SIZE, (area.width, area.height), app.locale());
    let lines = wrap(&msg, usize::from(area.width));
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let y0 = area.y + (area.height - h) / 2;
    for (k, line) in lines.iter().take(usize::from(h)).enumerate() {
        let lw = u16::try_from(text::width(line))
            .unwrap_or(u16::MAX)
            .min(area.width);
        let x = area.x + (area.width - lw) / 2;
        put(
            buf,
            area,
            x,
            y0 + u16::try_from(k).unwrap_or(0),
            line,
            app.theme().warning,
        );
    }
}

/// The key hints while a pick list or the comparison is open (`None`: the normal hints).
pub fn mode_hints(app: &App) -> Option<Vec<(String, &'static str)>> {
    let w = i18n::tools(app.locale());
    let key = |a: crate::input::action::Action| {
        app.keymap().keys_for(a).first().map(|&k| {
            crate::input::keymap::format_key(k)
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    };
    use crate::input::action::Action;
    match app.mode() {
        Mode::ThemePick { .. } if !app.help() => {
            // Arrows as the theme draws them (`↑↓`, or `Op/Ned` in --plain).
            let arrows = crate::ui::status::arrow_label(app, &[Dir::Up, Dir::Down]);
            let mut out = vec![(arrows, w.hint_pick)];
            out.extend(key(Action::Enter).map(|k| (k, w.hint_filter)));
            out.extend(key(Action::Back).map(|k| (k, w.hint_close)));
            Some(out)
        }
        Mode::Compare if !app.help() => {
            let mut out = Vec::new();
            out.extend(key(Action::Back).map(|k| (k, w.hint_close)));
            out.extend(key(Action::Quit).map(|k| (k, i18n::strings(app.locale()).hint_quit)));
            Some(out)
        }
        _ => None,
    }
}
