//! Export of the view (`e`): the rows as shown (filtered, in bar order) as CSV. Writing the file is
//! the world's: `update` hands the bytes out as an [`Effect::Export`].

use super::*;
use crate::export::{ExportBy, Selection, write_csv};
use crate::screen::figures::project_visible;

impl App {
    /// Asks for the view as shown (filtered, in bar order; by project, districts in bar order) to be
    /// written as CSV to a new file named after the dataset's title.
    pub(super) fn request_export(&mut self) {
        let opts = &self.options;
        let mut rows = Vec::with_capacity(self.data.projects.len());
        for &d in &self.bar_order {
            rows.extend(self.visible_projects(d));
        }
        let selection =
            Selection::filtered(&self.data, ExportBy::Project, |p| project_visible(p, opts))
                .ordered(rows);
        let mut bytes = Vec::new();
        match write_csv(&self.data, &selection, &mut bytes) {
            Ok(()) => {
                let stem = crate::export::name::export_stem(&self.data.meta.title, None);
                self.request(Effect::Export { stem, bytes });
            }
            Err(e) => self.set_status(crate::i18n::export_failed(&e, self.locale)),
        }
    }
}
