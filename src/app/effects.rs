//! What `update` asks for but does not do itself. `App::update` stays free of I/O: the export key only
//! records a request (`tools.export_requested`), and whoever runs the app decides what it means. The
//! live dashboard writes the file ([`Workspace::perform_export`]); `render --keys` draws the screen and
//! nothing else, so it declines ([`Workspace::decline_export`]) and says so in the status line.

use std::path::PathBuf;

use crate::app::App;
use crate::app::tabs::Workspace;

impl App {
    /// Writes a requested export (the view as CSV, to `tools.export_dir` or the working directory)
    /// and says where, or why not, in the status line. Whether there was a request.
    pub fn perform_export(&mut self) -> bool {
        if !std::mem::take(&mut self.tools.export_requested) {
            return false;
        }
        let dir = self
            .tools
            .export_dir
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        match self.export_view(&dir) {
            Ok(path) => self.set_status_path(crate::i18n::exported(self.locale), &path),
            Err(e) => self.set_status(crate::i18n::export_failed(&e, self.locale)),
        }
        true
    }

    /// Drops a requested export without writing anything, saying so in the status line. Whether
    /// there was a request.
    pub fn decline_export(&mut self) -> bool {
        if !std::mem::take(&mut self.tools.export_requested) {
            return false;
        }
        self.set_status(crate::i18n::export_not_in_render(self.locale));
        true
    }
}

impl Workspace {
    /// The active tab's export request, performed (the live loop, after each event).
    pub fn perform_export(&mut self) -> bool {
        self.active_app_mut().is_some_and(App::perform_export)
    }

    /// The active tab's export request, declined (`render`, after each key).
    pub fn decline_export(&mut self) -> bool {
        self.active_app_mut().is_some_and(App::decline_export)
    }
}
