//! The screen model: everything derived from the state and the terminal size that both `update` and
//! drawing need: pane rectangles, visible rows, line counts of the detail and the help, hit tests,
//! the tile map's geometry and fitted names, the breadcrumb, the error report's lines, and the
//! view's figures and texts. Nothing here changes state or paints.

pub mod bars;
pub mod change;
pub mod crumb;
pub mod detail;
pub mod drill;
pub mod figures;
pub mod help;
pub mod hit;
pub mod inputs;
pub mod labels;
pub mod layout;
pub mod outline;
pub mod report;
pub mod tiles;

pub use drill::{Focus, Level, View};
pub use inputs::{Inputs, drawn_width};
pub use layout::{MIN_SIZE, ScreenLayout, layout, too_small};
