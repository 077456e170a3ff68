//! The one-line status message (export written, nothing to compare, …).

use super::*;

impl App {
    /// Sets the status-line message.
    pub(super) fn set_status(&mut self, msg: impl Into<String>) {
        self.status = Some(msg.into());
        self.status_path_at = None;
        self.touch();
    }

    /// Sets a status message that ends in a file path (`prefix` then the path).
    pub(super) fn set_status_path(&mut self, prefix: &str, path: &Path) {
        let path = crate::text::sanitize_line(&path.display().to_string());
        self.set_status(format!("{prefix}{path}"));
        self.status_path_at = Some(prefix.len());
    }
}
