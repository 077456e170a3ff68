//! How the screen looks: the theme (colours, symbols, `--plain`, `NO_COLOR`), colour parsing for
//! the config's `[theme]`, and plain RGB colours with the colour mode (`rgb`).

pub mod change;
pub mod colour;
pub mod rgb;
pub mod theme;
