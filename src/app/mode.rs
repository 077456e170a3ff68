//! What the keyboard talks to besides the panes (a prompt, a pick list, the comparison), and the
//! analyst tools' part of `update`: find, the theme filter, units and order, marks and comparison,
//! export and reload. Each tool's state and logic live in its own module (`find`, `theme_pick`,
//! `view_options`, `marks`, `export`, `reload`); this one routes keys and actions to them.

use super::*;

/// What the keyboard is talking to besides the panes.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// The `/` prompt is open.
    Search(SearchPrompt),
    /// The `t` pick list is open; `selected` 0 is "all", `k` the k-th theme of [`App::theme_list`].
    ThemePick {
        selected: usize,
    },
    /// The `c` comparison overlay of the marked districts.
    Compare,
}

impl App {
    /// Keys while a prompt or pick list is open go here first, so typing never triggers a binding.
    /// `None`: not handled, use the keymap.
    pub(super) fn handle_mode_key(&mut self, key: Key) -> Option<bool> {
        if self.help {
            return None;
        }
        match self.mode {
            Mode::Search(_) => Some(self.search_key(key)),
            Mode::Normal | Mode::ThemePick { .. } | Mode::Compare => None,
        }
    }

    /// Tool actions (and the actions a pick list or the comparison takes over). Returns whether the
    /// action was handled here.
    pub(super) fn apply_tool(&mut self, action: Action) -> bool {
        if self.help || matches!(action, Action::Resize(..) | Action::Quit) {
            return false;
        }
        // Any key clears the last status message.
        if self.status.is_some() && !matches!(action, Action::Scroll(..)) {
            self.status = None;
            self.status_path_at = None;
            self.touch();
        }
        match self.mode.clone() {
            Mode::ThemePick { selected } => {
                self.theme_pick_action(action, selected);
                return true;
            }
            Mode::Compare => {
                if matches!(
                    action,
                    Action::Back | Action::Compare | Action::Enter | Action::Click(..)
                ) {
                    self.mode = Mode::Normal;
                    self.touch();
                    return true;
                }
                if matches!(action, Action::Mark) {
                    return true;
                }
            }
            Mode::Normal | Mode::Search(_) => {}
        }
        match action {
            Action::Search => self.open_search(),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            Action::ThemeFilter => {
                let current = self.options.filter().and_then(|f| {
                    self.theme_list()
                        .iter()
                        .position(|(t, _)| crate::search::same_theme(t, f))
                        .map(|k| k + 1)
                });
                self.mode = Mode::ThemePick {
                    selected: current.unwrap_or(0),
                };
                self.touch();
            }
            Action::CycleUnit | Action::CycleSort
                if self.focus() == Focus::Detail
                    && matches!(self.view(), View::District { .. }) =>
            {
                self.cycle_project_list(action == Action::CycleSort);
            }
            Action::CycleUnit => {
                self.options.unit = self.options.unit.next(&self.data);
                self.rebuild_view();
                let w = crate::i18n::tools(self.locale);
                let mut msg = format!(
                    "{}: {}",
                    w.unit,
                    self.options.unit.label(&self.data, self.locale)
                );
                // The note `rebuild_view` just built with the labels.
                if let Some(note) = &self.labels.missing_note {
                    msg.push_str(&format!("  ({note})"));
                }
                self.set_status(msg);
            }
            Action::CycleSort => {
                self.options.sort = self.options.sort.next();
                self.rebuild_view();
                let w = crate::i18n::tools(self.locale);
                let msg = format!("{}: {}", w.order, self.options.sort.label(self.locale));
                self.set_status(msg);
            }
            Action::Mark => self.toggle_mark(),
            Action::Compare => {
                if self.marks.len() >= 2 {
                    self.mode = Mode::Compare;
                    self.touch();
                } else {
                    let msg = crate::i18n::tools(self.locale).need_two_marks;
                    self.set_status(msg);
                }
            }
            Action::Reload => {
                if let Some(path) = self.source.clone() {
                    self.request(Effect::Reload(path));
                    self.set_status(crate::i18n::tools(self.locale).reloading);
                } else {
                    self.set_status(crate::i18n::tools(self.locale).builtin_no_reload);
                }
            }
            // Only the request: the file is written by whoever runs the app, so `update` does no I/O
            // and `render` can decline it.
            Action::Export => {
                self.request_export();
                self.touch();
            }
            _ => return false,
        }
        true
    }

    // ---- Export ----

    // ---- Reload ----
}

impl App {}
