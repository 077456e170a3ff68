//! Marks (`Space`) and the comparison of the marked districts (`c`).

use super::*;

impl App {
    pub(super) fn toggle_mark(&mut self) {
        let d = self.selected;
        if d >= self.data.districts.len() {
            return;
        }
        if let Some(i) = self.marks.iter().position(|&m| m == d) {
            self.marks.remove(i);
        } else {
            self.marks.push(d);
        }
        self.touch();
    }
}
