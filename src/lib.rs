//! kredskort: funding rounds in the terminal.
//!
//! The shape (see `docs/` and the README): `data` loads and validates a TOML file into an immutable
//! `Dataset`; the app state and its single `update` live in `app`; `ui` draws a frame as a pure
//! function of that state; `commands` holds the command-line entry points.

pub mod app;
pub mod change;
pub mod commands;
pub mod config;
pub mod data;
pub mod export;
pub mod files;
pub mod geo;
pub mod i18n;
pub mod import;
pub mod input;
pub mod locale;
pub mod money;
pub mod screen;
pub mod search;
pub mod style;
pub mod text;
pub mod ui;
