//! What the map and the bars show: the unit (`u`), the order (`s`) and the theme filter, and the
//! figures built from them whenever the data or the options change (never per frame).

use super::*;
use crate::screen::figures;

/// The unit the app starts in: compact money, as the dashboard always showed it (`u` then goes on to
/// the share of the pool, per inhabitant, and full amounts).
pub const INITIAL_UNIT: figures::Unit = figures::Unit::MoneyCompact;

impl App {
    /// Recomputes the view model and the bar order after the data or the options changed.
    pub(super) fn rebuild_view(&mut self) {
        self.figures = figures::Figures::build_indexed(
            &self.data,
            &self.theme_index,
            &self.options,
            self.locale,
        );
        self.bar_order = self.figures.order.clone();
        self.labels =
            crate::screen::labels::ViewLabels::build(&self.data, &self.figures, self.locale);
        // The project list follows the filter and the data; `prepare` sorts it again.
        self.project_order = None;
        self.touch();
    }

    /// Sets (or with `None` clears) the theme filter; a drilled-in project that the filter hides
    /// closes back to its district.
    pub(super) fn set_filter(&mut self, theme: Option<String>) {
        self.options.theme_filter = theme;
        self.rebuild_view();
        if let View::Project { project, .. } = self.view().clone() {
            let visible = self
                .data
                .projects
                .get(project)
                .is_some_and(|p| figures::project_visible(p, &self.options));
            if !visible && self.stack.len() > 1 {
                self.stack.pop();
            }
        }
        self.clamp_project_row();
    }

    /// Keeps an open district's selected row inside its list of visible projects, after the list
    /// shrank (a filter, a reload).
    pub(super) fn clamp_project_row(&mut self) {
        if let View::District {
            district, selected, ..
        } = self.view().clone()
        {
            let n = self.visible_projects(district).len();
            if selected >= n {
                self.replace_top(View::District {
                    district,
                    selected: n.saturating_sub(1),
                    offset: 0,
                });
            }
        }
    }

    /// The projects of a district the current view shows, in the project list's order.
    pub fn visible_projects(&self, district: usize) -> Vec<usize> {
        match &self.project_order {
            Some((d, order)) if *d == district => order.clone(),
            _ => crate::screen::inputs::sorted_projects(
                &self.data,
                &self.figures,
                self.project_options,
                district,
                self.locale,
            ),
        }
    }

    /// `s` or `u` with the project list in focus: its own order or scale.
    pub(super) fn cycle_project_list(&mut self, sort: bool) {
        let View::District {
            district,
            selected,
            offset,
        } = self.view().clone()
        else {
            return;
        };
        let current = self.visible_projects(district).get(selected).copied();
        let w = crate::i18n::tools(self.locale);
        let msg = if sort {
            self.project_options.sort = self.project_options.sort.next();
            format!(
                "{} ({}): {}",
                w.order,
                crate::i18n::strings(self.locale).projects.to_lowercase(),
                self.project_options.sort.label(self.locale)
            )
        } else {
            self.project_options.compact = !self.project_options.compact;
            // Compact: the list's scale is millions once its largest amount is one (or more).
            let unit = if self.project_options.compact {
                figures::Unit::MoneyCompact
            } else {
                figures::Unit::Money
            };
            let label = unit.label(&self.data, self.locale);
            format!(
                "{} ({}): {}",
                w.unit,
                crate::i18n::strings(self.locale).projects.to_lowercase(),
                label
            )
        };
        self.project_order = None;
        let order = self.visible_projects(district);
        // A new order is read from its top (the largest, the first name); a new scale keeps the
        // selection where it was.
        let (selected, offset) = if sort {
            (0, 0)
        } else {
            let at = current
                .and_then(|p| order.iter().position(|&q| q == p))
                .unwrap_or(0);
            (at, offset)
        };
        self.project_order = Some((district, order));
        self.replace_top(View::District {
            district,
            selected,
            offset,
        });
        self.set_status(msg);
    }
}
