//! The screen model: everything derived from the state and the terminal size that both `update` and
//! drawing need (the view's figures and texts).

pub mod figures;
pub mod labels;
pub mod outline;
