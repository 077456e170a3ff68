//! A terminal that counts the bytes crossterm would send, for the bytes-per-step figures. Shared
//! by `tests/scale_ui.rs`, `benches/kredskort.rs` and `examples/frame_stats.rs` (the last two
//! include it with `#[path]`).
// Not every includer uses every item.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};

/// A writer that only counts bytes (shared, so the caller can read it while the backend owns it).
#[derive(Clone, Default)]
pub struct Count(pub std::rc::Rc<std::cell::Cell<usize>>);

impl std::io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Count {
    /// The bytes counted since the last call.
    pub fn take(&self) -> usize {
        self.0.replace(0)
    }
}

/// A `w × h` crossterm terminal writing into a [`Count`], and the count.
pub fn counting_terminal(w: u16, h: u16) -> (Terminal<CrosstermBackend<Count>>, Count) {
    let count = Count::default();
    let term = Terminal::with_options(
        CrosstermBackend::new(count.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .expect("a terminal over a Vec cannot fail");
    (term, count)
}
