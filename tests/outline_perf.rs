//! Frame time and bytes written with the outline map on. Measurements, not assertions about speed
//! (the machine varies): run with
//! `cargo test --release --test outline_perf -- --ignored --nocapture`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use kredskort::action::{Action, Dir};
use kredskort::app::App;
use kredskort::data::load_embedded;
use kredskort::geo::widget::ColorMode;
use kredskort::locale::Locale;
use kredskort::ui;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn app(w: u16, h: u16, color: ColorMode) -> App {
    let mut a = App::new(load_embedded(), Locale::Da, (w, h));
    a.configure_map(None, color, true);
    a
}

/// A writer that only counts bytes (shared, so the test can read it while the backend owns it).
#[derive(Clone, Default)]
struct Count(std::rc::Rc<std::cell::Cell<usize>>);
impl std::io::Write for Count {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + b.len());
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[test]
#[ignore = "a measurement; run in release with --ignored --nocapture"]
fn frame_time_and_bytes_with_the_outline_on() {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut a = app(w, h, ColorMode::TrueColor);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let t = Instant::now();
        term.draw(|f| ui::draw(f, &a)).unwrap();
        let first = t.elapsed();
        let dirs = [Dir::Left, Dir::Down, Dir::Right, Dir::Up];
        let mut times = Vec::with_capacity(1000);
        for i in 0..1000 {
            // Each frame follows an arrow on the map (the selection moves; size and zoom stay).
            a.update(Action::Move(dirs[i % 4]));
            let t = Instant::now();
            term.draw(|f| ui::draw(f, &a)).unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        // Frames over 2 ms on a loaded machine are mostly preemption (a 4 ms scheduler tick).
        let slow = times
            .iter()
            .filter(|t| **t > Duration::from_millis(2))
            .count();
        println!(
            "{w}x{h} outline truecolor: first frame (raster build) {first:?}; 1000 frames p50 {:?} p90 {:?} p99 {:?} max {:?}; {slow} over 2 ms",
            pct(&times, 0.5),
            pct(&times, 0.9),
            pct(&times, 0.99),
            times.last().unwrap()
        );
        // Bytes written for one arrow step, through crossterm into a Vec.
        for color in [
            ColorMode::TrueColor,
            ColorMode::Indexed256,
            ColorMode::NoColor,
        ] {
            let mut a = app(w, h, color);
            let count = Count::default();
            let backend = CrosstermBackend::new(count.clone());
            let mut term = Terminal::with_options(
                backend,
                TerminalOptions {
                    viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
                },
            )
            .unwrap();
            term.draw(|f| ui::draw(f, &a)).unwrap();
            let full = count.0.replace(0);
            a.update(Action::Move(Dir::Left));
            term.draw(|f| ui::draw(f, &a)).unwrap();
            let step = count.0.replace(0);
            a.update(Action::ToggleZoom);
            term.draw(|f| ui::draw(f, &a)).unwrap();
            let zoom = count.0.replace(0);
            println!(
                "{w}x{h} {color:?}: first full frame {full} bytes, one arrow step {step} bytes, z {zoom} bytes"
            );
        }
    }
}
