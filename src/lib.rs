//! kredskort: funding rounds in the terminal.
//!
//! The shape (see `docs/` and the README): `data` loads and validates a TOML file into an immutable
//! `Dataset`; the app state and its single `update` live in `app`; `ui` draws a frame as a pure
//! function of that state; `commands` holds the command-line entry points.

pub mod action;
pub mod app;
pub mod cli;
pub mod colour;
pub mod commands;
pub mod config;
pub mod data;
pub mod export;
pub mod export_name;
pub mod fold;
pub mod geo;
pub mod i18n;
pub mod i18n_tools;
pub mod keymap;
pub mod locale;
pub mod money;
pub mod search;
pub mod spatial;
pub mod term;
pub mod text;
pub mod theme;
pub mod ui;
pub mod view_model;
pub mod watch;

#[cfg(test)]
mod testdata;
