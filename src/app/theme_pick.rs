//! The theme filter's pick list (`t`): "all" first, then each theme of the file with its project
//! count.

use super::*;

impl App {
    pub(super) fn theme_pick_action(&mut self, action: Action, selected: usize) {
        let n = self.theme_list().len() + 1;
        let sel = match action {
            Action::Move(Dir::Up) => selected.saturating_sub(1),
            Action::Move(Dir::Down) => (selected + 1).min(n - 1),
            Action::First | Action::PageUp => 0,
            Action::Last | Action::PageDown => n - 1,
            Action::Enter => {
                let theme = if selected == 0 {
                    None
                } else {
                    self.theme_list().get(selected - 1).map(|(t, _)| t.clone())
                };
                self.mode = Mode::Normal;
                self.set_filter(theme);
                return;
            }
            Action::Back | Action::ThemeFilter => {
                self.mode = Mode::Normal;
                self.touch();
                return;
            }
            _ => selected,
        };
        self.mode = Mode::ThemePick { selected: sel };
        self.touch();
    }
}
