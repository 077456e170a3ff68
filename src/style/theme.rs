//! Colours and symbols, in one place. Drawing code takes every style and every non-text symbol from a
//! `Theme`, so the colour, `NO_COLOR` (reverse video, bold, patterns) and `--plain` (ASCII only)
//! variants differ here and nowhere else.

use ratatui::style::{Color, Modifier, Style};

/// Number of steps of the sequential heat scale on the map.
pub const HEAT_STEPS: usize = 6;

#[derive(Debug, Clone)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
    pub dim: Style,
    pub label: Style,
    pub figure: Style,
    pub accent: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    /// The selected row of a list in the focused pane / in an unfocused pane.
    pub selected: Style,
    pub selected_unfocused: Style,
    /// Heat scale from least to most, as tile styles; `heat_fill` is the pattern that fills a tile (a
    /// space when colour carries the shade).
    pub heat: [Style; HEAT_STEPS],
    pub heat_fill: [&'static str; HEAT_STEPS],
    /// A tile of a district without projects.
    pub tile_empty: Style,
    pub tile_empty_fill: &'static str,
    pub bar: Style,
    pub bar_selected: Style,
    pub bar_rest: Style,
    /// Eighth blocks from one eighth to a full cell: `▏▎▍▌▋▊▉█`.
    pub eighths: [&'static str; 8],
    pub crumb_sep: &'static str,
    pub marker: &'static str,
    pub bullet: &'static str,
    pub hint_key: Style,
    pub hint_text: Style,
    pub warning: Style,
    /// Box-drawing set for pane borders: corners tl tr bl br, horizontal, vertical.
    pub frame: [&'static str; 6],
    pub scroll_up: &'static str,
    pub scroll_down: &'static str,
    /// Up, down, left, right as shown in the key hints; `None` (`--plain`): spelled out as the
    /// locale's key names (`ui::status::arrow_label`).
    pub arrows: Option<[&'static str; 4]>,
    /// What ends a truncated text (`…`; `~` in `--plain`).
    pub ellipsis: &'static str,
    /// The marker of a missing value (`–`; `-` in `--plain`).
    pub dash: &'static str,
    /// The mark of a marked district (`Space`).
    pub mark: &'static str,
    /// ASCII only: every cell drawn is transliterated to ASCII as the last drawing step.
    pub ascii: bool,
    /// Increases and decreases in the change view.
    pub change: super::change::ChangeStyle,
    /// The maps' scale as the config's `[theme] heat` gives it (lightest first); `None`: the
    /// built-in scale.
    pub map_stops: Option<[super::rgb::Rgb; HEAT_STEPS]>,
    /// The colour that marks the selected district on both maps (its outline, the ring round its
    /// tile) as the config's `[theme] selection` gives it; `None`: the built-in magenta.
    pub map_selection: Option<super::rgb::Rgb>,
}

const EIGHTHS: [&str; 8] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];

impl Theme {
    /// The default: 256-colour palette. (The maps shade by `geo::classes::sequential_rgb`;
    /// `heat` is what `[theme] heat` in the config sets.)
    pub fn colour() -> Theme {
        let heat_bg = [230u8, 223, 215, 209, 203, 160];
        // Dark text on the light half of the scale, white on the dark half.
        let mut heat = [Style::new(); HEAT_STEPS];
        for (k, (slot, bg)) in heat.iter_mut().zip(heat_bg).enumerate() {
            let fg = if k > HEAT_STEPS / 2 { 231 } else { 16 };
            *slot = Style::new().bg(Color::Indexed(bg)).fg(Color::Indexed(fg));
        }
        Theme {
            title: Style::new()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Indexed(231)),
            text: Style::new(),
            dim: Style::new().fg(Color::Indexed(245)),
            label: Style::new().fg(Color::Indexed(250)),
            figure: Style::new().add_modifier(Modifier::BOLD),
            accent: Style::new()
                .fg(Color::Indexed(214))
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Indexed(240)),
            border_focused: Style::new().fg(Color::Indexed(214)),
            pane_title: Style::new().fg(Color::Indexed(250)),
            pane_title_focused: Style::new()
                .fg(Color::Indexed(214))
                .add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Indexed(24))
                .fg(Color::Indexed(231))
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new()
                .bg(Color::Indexed(238))
                .add_modifier(Modifier::BOLD),
            heat,
            heat_fill: [" "; HEAT_STEPS],
            tile_empty: Style::new().bg(Color::Indexed(236)).fg(Color::Indexed(245)),
            tile_empty_fill: " ",
            bar: Style::new().fg(Color::Indexed(209)),
            // The selection's colour on the map (the outline's magenta, `OutlineStyle::highlight`
            // in the palette), outside the map's yellow-green-blue scale like the bars' orange.
            bar_selected: Style::new().fg(Color::Indexed(205)),
            bar_rest: Style::new().fg(Color::Indexed(240)),
            eighths: EIGHTHS,
            crumb_sep: " › ",
            marker: "▶",
            bullet: "•",
            hint_key: Style::new()
                .fg(Color::Indexed(214))
                .add_modifier(Modifier::BOLD),
            hint_text: Style::new().fg(Color::Indexed(250)),
            warning: Style::new()
                .fg(Color::Indexed(203))
                .add_modifier(Modifier::BOLD),
            frame: ["╭", "╮", "╰", "╯", "─", "│"],
            scroll_up: "▲",
            scroll_down: "▼",
            arrows: Some(["↑", "↓", "←", "→"]),
            ellipsis: "…",
            dash: "–",
            mark: "◆",
            ascii: false,
            change: super::change::ChangeStyle::colour(),
            map_stops: None,
            map_selection: None,
        }
    }

    /// `NO_COLOR`: no colours at all; selection is reverse video and bold, shading is a fill pattern.
    pub fn no_color() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let rev = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            title: bold,
            text: plain,
            dim: Style::new().add_modifier(Modifier::DIM),
            label: plain,
            figure: bold,
            accent: bold,
            border: plain,
            border_focused: bold,
            pane_title: plain,
            pane_title_focused: rev,
            selected: rev,
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            heat: [plain; HEAT_STEPS],
            heat_fill: [" ", "·", "░", "░", "▒", "▓"],
            tile_empty: Style::new().add_modifier(Modifier::DIM),
            tile_empty_fill: " ",
            bar: plain,
            bar_selected: bold,
            bar_rest: Style::new().add_modifier(Modifier::DIM),
            hint_key: bold,
            hint_text: plain,
            warning: bold,
            change: super::change::ChangeStyle::no_color(),
            ..Theme::colour()
        }
    }

    /// `--plain`: ASCII only, no colour (for screen readers and limited terminals).
    pub fn plain() -> Theme {
        Theme {
            heat_fill: [" ", ".", ":", "+", "#", "@"],
            eighths: ["#", "#", "#", "#", "#", "#", "#", "#"],
            crumb_sep: " > ",
            marker: ">",
            bullet: "*",
            frame: ["+", "+", "+", "+", "-", "|"],
            scroll_up: "^",
            scroll_down: "v",
            arrows: None,
            ellipsis: "~",
            dash: "-",
            mark: "*",
            ascii: true,
            change: super::change::ChangeStyle::plain(),
            ..Theme::no_color()
        }
    }

    /// The theme for the given switches: `--plain` wins, then `NO_COLOR`, else colour.
    pub fn select(plain: bool, no_color: bool) -> Theme {
        if plain {
            Theme::plain()
        } else if no_color {
            Theme::no_color()
        } else {
            Theme::colour()
        }
    }

    /// Whether bars use sub-cell eighths (false: whole cells only, as in `--plain`).
    pub fn fine_bars(&self) -> bool {
        self.eighths[0] != self.eighths[7]
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colour()
    }
}
