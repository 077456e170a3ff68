//! Gives meaning to the config file's `[theme]` and `[keys]` tables (parsed, with positions, by
//! `config.rs`): colours through [`crate::style::colour::parse_colour`], keys through the keymap's key-name
//! parser. Every problem is a located diagnostic (`path:line:col`, the line, a hint), collected so all
//! of them are printed at once before the terminal is touched.
//!
//! `[theme]` names: `accent`, `selection`, `bar`, `bar_selected`, `heat` (six colours separated by
//! spaces or commas, lightest first). Under `NO_COLOR` or `--plain` the colours are validated but not
//! used.
//!
//! `[keys]`: `action = "key"` or several keys separated by spaces (`up = "k <Up>"`), action names as in
//! [`Action::config_name`]; the listed keys replace the action's default keys. A key named for two
//! actions in the table is an error; a key that had a default binding to another action moves.

use ratatui::style::{Color, Style};

use crate::config::ConfigEntry;
use crate::data::{Diagnostic, LoadError};
use crate::input::action::Action;
use crate::input::keymap::{Key, Keymap, format_key, parse_key};
use crate::style::colour::parse_colour;
use crate::style::theme::{HEAT_STEPS, Theme};

/// The `[theme]` names.
pub const THEME_NAMES: [&str; 7] = [
    "accent",
    "selection",
    "bar",
    "bar_selected",
    "heat",
    "increase",
    "decrease",
];

fn colour(e: &ConfigEntry, text: &str) -> Result<Color, Box<Diagnostic>> {
    // The colour module's own hint (`did you mean "light-blue"?`, or the accepted forms) once,
    // under the marker, not also appended to the message.
    parse_colour(text).map_err(|err| {
        let hint = err.hint.clone().unwrap_or_else(|| {
            "a colour name (red, light-blue, …), #rrggbb or a palette index 0–255".to_string()
        });
        Box::new(e.error(err.message.clone(), Some(hint)))
    })
}

/// A colour as red, green, blue: a named colour as the 16-colour palette shows it, a palette index
/// as xterm does.
fn rgb_of(c: Color) -> crate::style::rgb::Rgb {
    use crate::style::rgb::rgb_of_256;
    let system = |n: u8| rgb_of_256(n);
    match c {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(n) => rgb_of_256(n),
        Color::Black => system(0),
        Color::Red => system(1),
        Color::Green => system(2),
        Color::Yellow => system(3),
        Color::Blue => system(4),
        Color::Magenta => system(5),
        Color::Cyan => system(6),
        Color::Gray => system(7),
        Color::DarkGray => system(8),
        Color::LightRed => system(9),
        Color::LightGreen => system(10),
        Color::LightYellow => system(11),
        Color::LightBlue => system(12),
        Color::LightMagenta => system(13),
        Color::LightCyan => system(14),
        Color::White | Color::Reset => system(15),
    }
}

fn readable_on(bg: Color) -> Color {
    match bg {
        Color::Rgb(r, g, b) if u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b) < 1280 => {
            Color::White
        }
        Color::Black | Color::Blue | Color::Red | Color::Magenta | Color::DarkGray => Color::White,
        _ => Color::Black,
    }
}

/// Applies `[theme]` to `theme` (when `use_colours`), returning every problem found.
pub fn apply_theme(
    theme: &mut Theme,
    entries: &[ConfigEntry],
    use_colours: bool,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut t = theme.clone();
    for e in entries {
        let result: Result<(), Box<Diagnostic>> = match e.key.as_str() {
            "accent" => colour(e, &e.value).map(|c| {
                t.accent = t.accent.fg(c);
                t.border_focused = t.border_focused.fg(c);
                t.pane_title_focused = t.pane_title_focused.fg(c);
                t.hint_key = t.hint_key.fg(c);
            }),
            "selection" => colour(e, &e.value).map(|c| {
                let fg = readable_on(c);
                t.selected = t.selected.bg(c).fg(fg);
                // The maps mark their selection in the same colour (a ring or an outline over
                // the fill, which keeps showing the class).
                t.map_selection = Some(rgb_of(c));
            }),
            "bar" => colour(e, &e.value).map(|c| t.bar = t.bar.fg(c)),
            "bar_selected" => colour(e, &e.value).map(|c| t.bar_selected = t.bar_selected.fg(c)),
            "increase" => colour(e, &e.value).map(|c| t.change.increase = t.change.increase.fg(c)),
            "decrease" => colour(e, &e.value).map(|c| t.change.decrease = t.change.decrease.fg(c)),
            "heat" => {
                let parts: Vec<&str> = e
                    .value
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .collect();
                if parts.len() == HEAT_STEPS {
                    parts
                        .iter()
                        .map(|p| colour(e, p))
                        .collect::<Result<Vec<Color>, _>>()
                        .map(|cs| {
                            let mut stops = [(0, 0, 0); HEAT_STEPS];
                            for ((slot, stop), c) in t.heat.iter_mut().zip(&mut stops).zip(cs) {
                                *slot = Style::new().bg(c).fg(readable_on(c));
                                *stop = rgb_of(c);
                            }
                            // Both maps and their legends shade through these colours.
                            t.map_stops = Some(stops);
                        })
                } else {
                    Err(Box::new(e.error(
                        format!(
                            "`heat` needs {HEAT_STEPS} colours, lightest first; found {}",
                            parts.len()
                        ),
                        Some("heat = \"#ffffcc #ffeda0 #feb24c #fd8d3c #f03b20 #bd0026\"".into()),
                    )))
                }
            }
            other => Err(Box::new(e.key_error(
                format!("unknown [theme] name `{other}`"),
                Some(format!("known names: {}", THEME_NAMES.join(", "))),
            ))),
        };
        if let Err(d) = result {
            errors.push(*d);
        }
    }
    if use_colours && errors.is_empty() {
        *theme = t;
    }
    errors
}

/// Applies `[keys]` to `keymap`, returning every problem found (then the keymap is left unchanged).
pub fn apply_keys(keymap: &mut Keymap, entries: &[ConfigEntry]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut plan: Vec<(Action, Vec<Key>)> = Vec::new();
    let mut seen: Vec<(Key, String)> = Vec::new();
    for e in entries {
        let Some(action) = Action::from_config_name(&e.key) else {
            let names: Vec<&str> = Action::BINDABLE
                .iter()
                .filter_map(|a| a.config_name())
                .collect();
            errors.push(
                e.key_error(
                    format!("unknown action `{}` in [keys]", e.key),
                    Some(
                        crate::data::diagnostic::did_you_mean(&e.key, names.iter().copied())
                            .map_or_else(
                                || format!("actions: {}", names.join(", ")),
                                |d| format!("{d} (actions: {})", names.join(", ")),
                            ),
                    ),
                ),
            );
            continue;
        };
        let mut keys = Vec::new();
        for name in e.value.split_whitespace() {
            match parse_key(name) {
                Ok(k) => {
                    if let Some((_, first)) = seen.iter().find(|(s, _)| *s == k) {
                        errors.push(e.error(
                            format!(
                                "key {} is bound twice: to `{first}` and to `{}`",
                                format_key(k),
                                e.key
                            ),
                            Some("give each key to one action".into()),
                        ));
                    } else {
                        seen.push((k, e.key.clone()));
                        keys.push(k);
                    }
                }
                Err(err) => errors.push(e.error(
                    format!("bad key name `{}`: {}", err.input, err.problem),
                    Some(
                        "keys like q, ?, C-c, <Enter>, <Space>, <F5>; several separated by spaces"
                            .into(),
                    ),
                )),
            }
        }
        if keys.is_empty() && e.value.trim().is_empty() {
            errors.push(e.error(
                format!("no key given for `{}`", e.key),
                Some("write at least one key name, e.g. \"q\"".into()),
            ));
        }
        plan.push((action, keys));
    }
    if errors.is_empty() {
        for (action, keys) in plan {
            keymap.rebind(action, &keys);
        }
    }
    errors
}

/// All `[theme]` and `[keys]` problems as one report (origin: the config file).
pub fn report(origin: &str, diagnostics: Vec<Diagnostic>) -> Option<LoadError> {
    (!diagnostics.is_empty()).then(|| LoadError {
        origin: origin.to_string(),
        diagnostics,
    })
}
