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

    /// The projects of a district the current view shows, in file order.
    pub fn visible_projects(&self, district: usize) -> Vec<usize> {
        self.figures
            .projects_of(&self.data, district)
            .collect::<Vec<_>>()
    }
}
