//! The change view (`d`): two open rounds side by side, district by district. It lives on the
//! workspace, since it reads two tabs: the base (by default the previous tab's round) and the
//! comparison (the tab shown). Switching tabs inside the view moves the comparison; `x` swaps the
//! two. Its figures are built when it opens and whenever a round, the unit or the order changes.

use super::tabs::Workspace;
use super::{Effect, Msg, Update};
use crate::change::labels;
use crate::data::Dataset;
use crate::input::action::{Action, Dir};
use crate::screen::change::{ChangeFigures, ChangeSort, ChangeUnit};

/// The change view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeView {
    /// The tab of the base round; the comparison is the active tab.
    pub base: usize,
    pub unit: ChangeUnit,
    pub sort: ChangeSort,
    /// The selected row and the first visible one.
    pub selected: usize,
    pub offset: usize,
    /// The selected district's projects are open (`Enter`).
    pub open: bool,
    /// The figures for the current rounds, unit and order.
    pub figures: ChangeFigures,
}

impl Workspace {
    /// The rounds that loaded, as (tab, label, dataset), labels told apart as `export` does.
    pub fn rounds(&self) -> Vec<(usize, String, &Dataset)> {
        let loaded: Vec<(usize, &Dataset)> = self
            .tabs()
            .iter()
            .enumerate()
            .filter_map(|(k, t)| t.app.as_ref().map(|a| (k, a.data())))
            .collect();
        let names = labels(&loaded.iter().map(|l| l.1).collect::<Vec<_>>());
        loaded
            .into_iter()
            .zip(names)
            .map(|((k, d), name)| (k, name, d))
            .collect()
    }

    /// The change view's figures for base tab `base`, the active tab, and the options.
    pub(super) fn change_figures(
        &self,
        base: usize,
        unit: ChangeUnit,
        sort: ChangeSort,
    ) -> ChangeFigures {
        let rounds = self.rounds();
        let pos = |tab: usize| rounds.iter().position(|r| r.0 == tab);
        let list: Vec<(&str, &Dataset)> = rounds.iter().map(|r| (r.1.as_str(), r.2)).collect();
        match (pos(base), pos(self.active())) {
            (Some(b), Some(c)) => ChangeFigures::build(&list, b, c, unit, sort, self.locale()),
            _ => ChangeFigures::Incomparable(
                crate::i18n::change_needs_loaded(self.locale()).to_string(),
            ),
        }
    }

    /// `d`: opens the change view over the previous round and this one, or closes it. With fewer
    /// than two rounds open there is nothing to compare: the status line says so.
    pub(super) fn toggle_change(&mut self) -> Update {
        if self.change.take().is_some() {
            return changed(true);
        }
        let rounds = self.rounds();
        if rounds.len() < 2 {
            let msg = crate::i18n::change_needs_two(self.locale()).to_string();
            return match self.active_app_mut() {
                Some(app) => app.update(Msg::Notice(msg)),
                None => changed(false),
            };
        }
        // The round before this one in tab order is the base; on the first round, it is the base
        // and the next one is compared with it, so that the view reads forward.
        let here = rounds
            .iter()
            .position(|r| r.0 == self.active())
            .unwrap_or(0);
        let base = if here == 0 {
            let (first, next) = (rounds[0].0, rounds[1].0);
            self.set_active(next);
            first
        } else {
            rounds[here - 1].0
        };
        let figures = self.change_figures(base, ChangeUnit::default(), ChangeSort::default());
        self.change = Some(ChangeView {
            base,
            unit: ChangeUnit::default(),
            sort: ChangeSort::default(),
            selected: 0,
            offset: 0,
            open: false,
            figures,
        });
        changed(true)
    }

    /// Rebuilds the view's figures after a round, the unit or the order changed; the selection
    /// stays on the same district where it can.
    pub(super) fn refresh_change(&mut self) {
        let Some(view) = &self.change else { return };
        let (base, unit, sort) = (view.base, view.unit, view.sort);
        let selected_id = selected_row_id(view);
        let figures = self.change_figures(base, unit, sort);
        if let Some(view) = self.change.as_mut() {
            let rows = rows_of(&figures);
            view.selected = selected_id
                .and_then(|id| rows.iter().position(|r| *r == id))
                .unwrap_or(0);
            view.unit = match &figures {
                ChangeFigures::Compared(c) => c.unit,
                ChangeFigures::Incomparable(_) => unit,
            };
            view.figures = figures;
        }
    }

    /// An action while the change view is open. `None`: not the view's (the workspace handles it).
    pub(super) fn change_action(&mut self, action: Action, page: usize) -> Option<Update> {
        let view = self.change.as_mut()?;
        let n = rows_of(&view.figures).len();
        let last = n.saturating_sub(1);
        let page = page.max(1);
        let step = |view: &mut ChangeView, to: usize| {
            let to = to.min(last);
            let moved = to != view.selected;
            view.selected = to;
            if moved {
                view.open = view.open && n > 0;
            }
            changed(moved)
        };
        Some(match action {
            Action::Change => self.toggle_change(),
            Action::Back if view.open => {
                view.open = false;
                changed(true)
            }
            Action::Back => {
                self.change = None;
                changed(true)
            }
            Action::Enter => {
                let was = view.open;
                view.open = n > 0;
                changed(was != view.open)
            }
            Action::Move(Dir::Up) => step(view, view.selected.saturating_sub(1)),
            Action::Move(Dir::Down) => step(view, view.selected + 1),
            Action::PageUp => step(view, view.selected.saturating_sub(page)),
            Action::PageDown => step(view, view.selected + page),
            Action::First => step(view, 0),
            Action::Last => step(view, last),
            Action::CycleUnit => {
                let possible = match &view.figures {
                    ChangeFigures::Compared(c) => c.per_inhabitant_possible,
                    ChangeFigures::Incomparable(_) => false,
                };
                view.unit = view.unit.next(possible);
                self.refresh_change();
                changed(true)
            }
            Action::CycleSort => {
                view.sort = view.sort.next();
                self.refresh_change();
                changed(true)
            }
            Action::SwapRounds => {
                let base = view.base;
                view.base = self.active;
                self.set_active(base);
                self.refresh_change();
                changed(true)
            }
            // Switching tabs moves the comparison; the base stays.
            Action::NextTab | Action::PrevTab => return None,
            Action::Quit => Update {
                changed: false,
                effects: vec![Effect::Quit],
            },
            Action::Resize(..) => return None,
            _ => changed(false),
        })
    }

    /// Keeps the selected row in the window of `rows` visible rows.
    pub(super) fn keep_change_visible(&mut self, rows: usize) {
        if let Some(view) = self.change.as_mut() {
            let rows = rows.max(1);
            if view.selected < view.offset {
                view.offset = view.selected;
            } else if view.selected >= view.offset + rows {
                view.offset = view.selected + 1 - rows;
            }
        }
    }
}

fn changed(changed: bool) -> Update {
    Update {
        changed,
        effects: Vec::new(),
    }
}

/// The ids of the rows, in order (none when the rounds cannot be compared).
fn rows_of(figures: &ChangeFigures) -> Vec<&str> {
    match figures {
        ChangeFigures::Compared(c) => c.rows.iter().map(|r| r.id.as_str()).collect(),
        ChangeFigures::Incomparable(_) => Vec::new(),
    }
}

fn selected_row_id(view: &ChangeView) -> Option<String> {
    rows_of(&view.figures)
        .get(view.selected)
        .map(|s| (*s).to_string())
}
