//! What the user can ask the app to do. Keys and mouse events become `Action`s (through the keymap
//! and the mouse hit-test); `App::update` is the only consumer.

/// A direction on a map (y grows southwards) or in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    Up,
    Down,
    Left,
    Right,
}

impl Dir {
    /// The position in `[up, down, left, right]`: how per-direction tables (the theme's arrow
    /// symbols, the arrow names, the outline's facing weights) are indexed.
    pub const fn index(self) -> usize {
        match self {
            Dir::Up => 0,
            Dir::Down => 1,
            Dir::Left => 2,
            Dir::Right => 3,
        }
    }
}

/// One step of user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Arrow or h/j/k/l: spatial on the map, up/down in lists.
    Move(Dir),
    /// Focus the next / previous visible pane.
    FocusNext,
    FocusPrev,
    /// Drill in: district → projects → project detail.
    Enter,
    /// Back out one level (or close the help overlay).
    Back,
    /// First / last row of the focused list.
    First,
    Last,
    PageUp,
    PageDown,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Map pane: switch between the outline map and the tiles.
    ToggleMapMode,
    /// Outline map: zoom to the selected district, or back out.
    ToggleZoom,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A left click at a screen cell (column, row).
    Click(u16, u16),
    /// The mouse wheel at a screen cell: `true` scrolls down.
    Scroll(u16, u16, bool),
    // The analyst tools (handled in app/mode.rs and app/tabs.rs).
    /// Open the incremental search prompt.
    Search,
    /// Next / previous hit of the last search.
    NextHit,
    PrevHit,
    /// Open the theme filter pick list.
    ThemeFilter,
    /// Cycle the unit of bars and map.
    CycleUnit,
    /// Cycle the bar order.
    CycleSort,
    /// Mark / unmark the selected district.
    Mark,
    /// Compare the marked districts.
    Compare,
    /// Reload the data file now.
    Reload,
    /// Export the view as CSV.
    Export,
    /// Next / previous tab (data file).
    NextTab,
    PrevTab,
    /// Open or close the change view of two rounds.
    Change,
    /// In the change view, swap the base and the comparison.
    SwapRounds,
}

/// A group of keys in the help overlay, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpGroup {
    Navigation,
    View,
    Marks,
    Files,
}

impl HelpGroup {
    pub const ALL: [HelpGroup; 4] = [
        HelpGroup::Navigation,
        HelpGroup::View,
        HelpGroup::Marks,
        HelpGroup::Files,
    ];
}

impl Action {
    /// Every action a key can be bound to, in the order the help overlay lists them: by
    /// [`Action::help_group`], in the groups' order.
    pub const BINDABLE: [Action; 30] = [
        Action::Move(Dir::Up),
        Action::Move(Dir::Down),
        Action::Move(Dir::Left),
        Action::Move(Dir::Right),
        Action::Enter,
        Action::Back,
        Action::FocusNext,
        Action::FocusPrev,
        Action::First,
        Action::Last,
        Action::PageUp,
        Action::PageDown,
        Action::Search,
        Action::NextHit,
        Action::PrevHit,
        Action::ThemeFilter,
        Action::CycleUnit,
        Action::CycleSort,
        Action::ToggleMapMode,
        Action::ToggleZoom,
        Action::ToggleHelp,
        Action::Mark,
        Action::Compare,
        Action::Export,
        Action::Reload,
        Action::PrevTab,
        Action::NextTab,
        Action::Change,
        Action::SwapRounds,
        Action::Quit,
    ];

    /// Where the help overlay lists this action.
    pub fn help_group(self) -> HelpGroup {
        match self {
            Action::ThemeFilter
            | Action::CycleUnit
            | Action::CycleSort
            | Action::ToggleMapMode
            | Action::ToggleZoom
            | Action::ToggleHelp => HelpGroup::View,
            Action::Mark | Action::Compare => HelpGroup::Marks,
            Action::Export
            | Action::Reload
            | Action::PrevTab
            | Action::NextTab
            | Action::Change
            | Action::SwapRounds
            | Action::Quit => HelpGroup::Files,
            // Every variant named, so a new action has to be given its place in the help.
            Action::Move(_)
            | Action::Enter
            | Action::Back
            | Action::FocusNext
            | Action::FocusPrev
            | Action::First
            | Action::Last
            | Action::PageUp
            | Action::PageDown
            | Action::Search
            | Action::NextHit
            | Action::PrevHit
            // Not bound to keys (the terminal's and the mouse's events); never listed.
            | Action::Resize(..)
            | Action::Click(..)
            | Action::Scroll(..) => HelpGroup::Navigation,
        }
    }

    /// The stable name used in a config `[keys]` table (`up = ["k", "<Up>"]`); `None` for actions
    /// that are not bound to keys (resize, mouse).
    pub fn config_name(self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::Move(Dir::Up) => "up",
            Action::Move(Dir::Down) => "down",
            Action::Move(Dir::Left) => "left",
            Action::Move(Dir::Right) => "right",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Enter => "enter",
            Action::Back => "back",
            Action::First => "first",
            Action::Last => "last",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::ToggleHelp => "help",
            Action::Search => "search",
            Action::NextHit => "next_hit",
            Action::PrevHit => "prev_hit",
            Action::ThemeFilter => "theme_filter",
            Action::CycleUnit => "unit",
            Action::CycleSort => "sort",
            Action::Mark => "mark",
            Action::Compare => "compare",
            Action::Reload => "reload",
            Action::Export => "export",
            Action::NextTab => "next_tab",
            Action::PrevTab => "prev_tab",
            Action::Change => "change",
            Action::SwapRounds => "swap_rounds",
            Action::ToggleMapMode => "map_mode",
            Action::ToggleZoom => "zoom",
            Action::Resize(..) | Action::Click(..) | Action::Scroll(..) => return None,
        })
    }

    /// The action a `[keys]` table names, if any.
    pub fn from_config_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .into_iter()
            .find(|a| a.config_name() == Some(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::BINDABLE {
            let name = a.config_name().unwrap();
            assert!(seen.insert(name), "duplicate name {name}");
            assert_eq!(Action::from_config_name(name), Some(a));
        }
        assert_eq!(Action::from_config_name("nope"), None);
        assert_eq!(Action::Resize(1, 1).config_name(), None);
    }
}
