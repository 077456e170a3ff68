//! How the change view shows a change: the colours and symbols of increases and decreases, the
//! zero line the bars diverge from, and the sparkline's levels. Without colour the symbols tell an
//! increase from a decrease (`█` / `▒`; `+` / `-` in `--plain`).

use ratatui::style::{Color, Modifier, Style};

/// The diverging scale of the change map: three reds for decreases (largest first), three blues
/// for increases (smallest first), a violet for new districts (after ColorBrewer RdBu).
pub const DIVERGING: [super::rgb::Rgb; 7] = [
    (178, 24, 43),
    (239, 138, 98),
    (253, 219, 199),
    (209, 229, 240),
    (103, 169, 207),
    (33, 102, 172),
    (152, 78, 163),
];

#[derive(Debug, Clone)]
pub struct ChangeStyle {
    pub increase: Style,
    pub decrease: Style,
    /// The cell an increase's bar is made of, and a decrease's.
    pub increase_symbol: &'static str,
    pub decrease_symbol: &'static str,
    /// The right half of a cell, for a decrease's bar that ends in half a cell.
    pub half_right: &'static str,
    pub zero_line: &'static str,
    /// Sparkline levels, lowest first, and the cell of a round the district is not in.
    pub spark: [&'static str; 8],
    pub spark_missing: &'static str,
    /// Between the base round and the comparison (`→`; `->` in `--plain`).
    pub arrow: &'static str,
}

impl ChangeStyle {
    pub fn colour() -> ChangeStyle {
        ChangeStyle {
            increase: Style::new().fg(Color::Indexed(78)),
            decrease: Style::new().fg(Color::Indexed(203)),
            increase_symbol: "█",
            decrease_symbol: "█",
            half_right: "▐",
            zero_line: "│",
            spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
            spark_missing: "·",
            arrow: "→",
        }
    }

    pub fn no_color() -> ChangeStyle {
        ChangeStyle {
            increase: Style::new().add_modifier(Modifier::BOLD),
            decrease: Style::new(),
            decrease_symbol: "▒",
            half_right: "▒",
            ..ChangeStyle::colour()
        }
    }

    pub fn plain() -> ChangeStyle {
        ChangeStyle {
            increase_symbol: "+",
            decrease_symbol: "-",
            half_right: "-",
            zero_line: "|",
            spark: ["_", ".", ":", "-", "=", "+", "*", "#"],
            spark_missing: " ",
            arrow: "->",
            ..ChangeStyle::no_color()
        }
    }
}
