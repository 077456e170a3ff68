//! What the user can ask for: actions, directions, keys and the rebindable keymap.

pub mod action;
pub mod keymap;
