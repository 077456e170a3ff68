//! The drill-down as the screen shows it: which level is open (overview, a district, a project) and
//! which pane has the keyboard focus at each level.

/// A pane that can have the keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    Map,
    Bars,
    Detail,
}

/// One level of the drill-down, with the state that level needs to come back to exactly where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// All districts: map and bars.
    Overview,
    /// One district; `selected` is a position in its project list, `offset` the first visible row.
    District {
        district: usize,
        selected: usize,
        offset: usize,
    },
    /// One project (an index into `Dataset::projects`); `scroll` is the first visible line.
    Project { project: usize, scroll: usize },
}

/// A view and the pane that had the focus in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub view: View,
    pub focus: Focus,
}
