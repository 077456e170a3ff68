//! How the screen looks: the theme (colours, symbols, `--plain`, `NO_COLOR`) and colour parsing for
//! the config's `[theme]`.

pub mod colour;
pub mod theme;
