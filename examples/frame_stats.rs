//! Frame, keypress, bytes-per-step and search-keystroke figures for docs/performance.md, with
//! p50/p99 (divan prints medians and means only):
//!
//! ```sh
//! cargo run --release --example frame_stats            # the 1000 × 100 generated file, in memory
//! cargo run --release --example frame_stats -- 12 10   # another size: districts, projects each
//! FRAME_STATS_PROFILE=1 cargo run --release --example frame_stats   # only 20,000 overview frames
//! ```
//!
//! With `FRAME_STATS_PROFILE` set it only draws the 200×60 overview of the big file in a loop (full
//! redraws), for `perf record` or `valgrind --tool=callgrind`.
//!
//! Every frame goes through a real `ratatui::Terminal` (draw + diff against the previous frame),
//! into a `TestBackend` for timing and into a `CrosstermBackend` over a `Vec<u8>` for the bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use kredskort::app::App;
use kredskort::commands::generate::{GenParams, generate_string};
use kredskort::data::{load_embedded, load_str};
use kredskort::input::keymap::parse_key_sequence;
use kredskort::locale::Locale;
use kredskort::search::SearchIndex;
use kredskort::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../tests/common/byte_count.rs"]
mod byte_count;
use byte_count::counting_terminal;

fn keys(app: &mut App, seq: &str) {
    for k in parse_key_sequence(seq).unwrap() {
        let _ = app.update(k);
    }
}

fn pct(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.99), at(1.0))
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let (districts, per) = match args.as_slice() {
        [d, p] => (*d, *p),
        _ => (1000, 100),
    };

    // Start-up to the first frame on the shipped data: load, App, one draw (no terminal set-up).
    let mut firsts = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let app = App::new(load_embedded(), Locale::Da, (200, 60));
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        term.draw(|f| ui::draw(f, &app)).unwrap();
        firsts.push(t.elapsed());
    }
    let (p50, p99, max) = pct(firsts);
    println!(
        "first frame, shipped data, 200x60: p50 {p50:.3} ms  p99 {p99:.3} ms  max {max:.3} ms"
    );

    let text = generate_string(&GenParams::new(districts, per, 1));
    if std::env::var_os("FRAME_STATS_PROFILE").is_some() {
        let ds = load_str(&text, "gen.toml", None).unwrap();
        let app = App::new(ds, Locale::Da, (200, 60));
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        let t = Instant::now();
        for _ in 0..20_000 {
            term.clear().unwrap();
            term.draw(|f| ui::draw(f, &app)).unwrap();
        }
        println!(
            "{:.3} ms a frame",
            t.elapsed().as_secs_f64() * 1e3 / 20_000.0
        );
        return;
    }
    let t = Instant::now();
    let ds = load_str(&text, "gen.toml", None).unwrap();
    println!(
        "load_str {} projects: {:.1} ms",
        ds.projects.len(),
        t.elapsed().as_secs_f64() * 1e3
    );

    for (w, h) in [(80u16, 24u16), (200, 60)] {
        for (view, seq) in [
            ("overview", ""),
            ("district", "<Enter>"),
            ("project", "<Enter><Enter>"),
        ] {
            let mut app = App::new(ds.clone(), Locale::Da, (w, h));
            keys(&mut app, seq);
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            // A full redraw each time (as after a resize or a data change): clear, then draw.
            let mut full = Vec::new();
            for _ in 0..1000 {
                term.clear().unwrap();
                let t = Instant::now();
                term.draw(|f| ui::draw(f, &app)).unwrap();
                full.push(t.elapsed());
            }
            let (p50, p99, max) = pct(full);
            println!("frame {view:8} {w}x{h}: p50 {p50:.3} ms  p99 {p99:.3} ms  max {max:.3} ms");
        }
    }

    // One keypress: update + draw (+ diff), alternating Down and Up so the view stays put.
    for (view, seq, step) in [
        ("overview list", "<Tab>", ["<Down>", "<Up>"]),
        ("overview map", "", ["<Right>", "<Left>"]),
        ("district", "<Enter>", ["<Down>", "<Up>"]),
    ] {
        let mut app = App::new(ds.clone(), Locale::Da, (200, 60));
        keys(&mut app, seq);
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        term.draw(|f| ui::draw(f, &app)).unwrap();
        let step: Vec<_> = step
            .iter()
            .map(|s| parse_key_sequence(s).unwrap()[0])
            .collect();
        let mut times = Vec::new();
        for i in 0..1000 {
            let t = Instant::now();
            let _ = app.update(step[i % 2]);
            term.draw(|f| ui::draw(f, &app)).unwrap();
            times.push(t.elapsed());
        }
        let (p50, p99, max) = pct(times);
        println!("keypress {view:13} 200x60: p50 {p50:.3} ms  p99 {p99:.3} ms  max {max:.3} ms");
    }

    // Bytes to the terminal: a full frame, then one arrow step (list and map focus).
    for (view, seq, step) in [
        ("overview list", "<Tab>", "<Down>"),
        ("overview map", "", "<Right>"),
        ("district", "<Enter>", "<Down>"),
    ] {
        for (w, h) in [(80u16, 24u16), (200, 60)] {
            let mut app = App::new(ds.clone(), Locale::Da, (w, h));
            keys(&mut app, seq);
            let (mut term, count) = counting_terminal(w, h);
            term.draw(|f| ui::draw(f, &app)).unwrap();
            let first = count.0.get();
            keys(&mut app, step);
            term.draw(|f| ui::draw(f, &app)).unwrap();
            let step_bytes = count.0.get() - first;
            println!(
                "bytes {view:13} {w}x{h}: full frame {first} B, one {step} step {step_bytes} B"
            );
        }
    }

    // The outline map on the shipped data: a full frame and the bytes of one arrow step.
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut app = App::new(load_embedded(), Locale::Da, (w, h));
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut full = Vec::new();
        for _ in 0..500 {
            term.clear().unwrap();
            let t = Instant::now();
            term.draw(|f| ui::draw(f, &app)).unwrap();
            full.push(t.elapsed());
        }
        let (p50, p99, max) = pct(full);
        println!(
            "frame outline  {w}x{h} (shipped): p50 {p50:.3} ms  p99 {p99:.3} ms  max {max:.3} ms"
        );
        let (mut term, count) = counting_terminal(w, h);
        term.draw(|f| ui::draw(f, &app)).unwrap();
        let mut steps = Vec::new();
        for step in ["<Left>", "<Right>", "<Up>", "<Down>"] {
            let before = count.0.get();
            keys(&mut app, step);
            term.draw(|f| ui::draw(f, &app)).unwrap();
            steps.push(format!("{step} {} B", count.0.get() - before));
        }
        println!("bytes outline  {w}x{h} (shipped): {}", steps.join(", "));
    }

    // Search: the index is built once; each keystroke is one query of the typed prefix.
    let t = Instant::now();
    let index = SearchIndex::build(&ds);
    println!(
        "search index build: {:.1} ms ({} texts)",
        t.elapsed().as_secs_f64() * 1e3,
        index.texts()
    );
    for word in ["Noël", "skole", "東京", "kommune", "zz"] {
        let mut typed = String::new();
        for c in word.chars() {
            typed.push(c);
            let mut times = Vec::new();
            let mut n = 0;
            for _ in 0..20 {
                let t = Instant::now();
                n = index.query(&typed).len();
                times.push(t.elapsed());
            }
            let (p50, _, max) = pct(times);
            println!("search {typed:10}: p50 {p50:.3} ms  max {max:.3} ms  ({n} hits shown)");
        }
    }
}
