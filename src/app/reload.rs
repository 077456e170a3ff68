//! Live reload: a new load of the data file swapped in when valid (keeping the selection and the
//! drill-down where they still exist), the last good data kept with a banner when not, and the
//! file's disappearance noted.

use super::*;

/// A failed load in one line, `file.toml:line:col: message` (`file.toml: message` for an error about
/// the whole file) with the file's name only (the tab says which file), and how many more errors
/// there are. The message itself is the diagnostic's, in English like every diagnostic.
fn reload_failure(err: &LoadError, source: Option<&Path>) -> (String, usize) {
    let name = source
        .and_then(Path::file_name)
        .map(|n| crate::text::sanitize_line(&n.to_string_lossy()));
    let what = match err.first() {
        Some(d) => {
            let name = name.unwrap_or_else(|| d.origin.clone());
            let location = match &d.at {
                Some(at) => format!("{name}:{}:{}", at.line, at.col),
                None => name,
            };
            format!("{location}: {}", d.message)
        }
        None => name.unwrap_or_else(|| err.origin.clone()),
    };
    (what, err.diagnostics.len().saturating_sub(1))
}

impl App {
    /// The watched file is gone: keep everything, say so in the banner (until a reload).
    pub(super) fn mark_file_removed(&mut self) -> bool {
        if self.file_removed {
            return false;
        }
        self.file_removed = true;
        self.touch();
        true
    }

    /// Swaps in freshly loaded data if it is valid, keeping the selection and the drill-down where
    /// the district / project still exists (matched by id, else by name); on error keeps the last
    /// good data and shows the error in a banner until a later load succeeds.
    pub(super) fn apply_reload(&mut self, result: Result<Prepared, LoadError>) {
        // Whatever the result, the file is there again.
        self.file_removed = false;
        // "Reloading …" is answered by the new data or by the banner.
        self.status = None;
        self.status_path_at = None;
        let prepared = match result {
            Ok(p) => p,
            Err(e) => {
                let (what, more) = reload_failure(&e, self.source.as_deref());
                let banner = crate::i18n::reload_banner(&what, more, self.locale);
                self.reload_error = Some(banner);
                self.touch();
                return;
            }
        };
        let old = std::mem::replace(&mut self.data, Arc::new(prepared.dataset));
        self.search_index = Arc::new(prepared.search);
        self.search_pending = prepared.search_pending;
        self.theme_index = Arc::new(prepared.themes);
        self.reload_error = None;
        // The outline is built from the new data's geometry (already parsed on the reload thread).
        self.refresh_map();
        let map_d = |d: usize| -> Option<usize> {
            let od = old.districts.get(d)?;
            self.data.districts.iter().position(|n| n.id == od.id)
        };
        let map_p = |p: usize| -> Option<usize> {
            let op = old.projects.get(p)?;
            let od = old.districts.get(op.district)?;
            self.data.projects.iter().position(|n| {
                self.data
                    .districts
                    .get(n.district)
                    .is_some_and(|nd| nd.id == od.id)
                    && match (op.id(), n.id()) {
                        (Some(a), Some(b)) => a == b,
                        _ => n.name() == op.name(),
                    }
            })
        };
        self.selected = map_d(self.selected).unwrap_or(0);
        self.marks = self.marks.iter().filter_map(|&d| map_d(d)).collect();
        self.hits.clear();
        let mut stack = vec![self.stack.first().cloned().unwrap_or(Level {
            view: View::Overview,
            focus: Focus::Map,
        })];
        for f in self.stack.iter().skip(1) {
            let view = match f.view {
                View::Overview => None,
                View::District {
                    district,
                    selected,
                    offset,
                } => map_d(district).map(|district| View::District {
                    district,
                    selected,
                    offset,
                }),
                View::Project { project, scroll } => {
                    map_p(project).map(|project| View::Project { project, scroll })
                }
            };
            match view {
                Some(view) => stack.push(Level {
                    view,
                    focus: f.focus,
                }),
                None => break,
            }
        }
        self.stack = stack;
        if matches!(self.mode, Mode::Search(_)) {
            self.mode = Mode::Normal;
        }
        if self.marks.len() < 2 && self.mode == Mode::Compare {
            self.mode = Mode::Normal;
        }
        self.rebuild_view();
        // Clamp list positions to the new data.
        self.clamp_project_row();
        self.keep_visible();
        self.prepare();
    }
}
