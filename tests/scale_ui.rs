//! The dashboard at scale: 1,000 generated districts, the stress dataset, bytes per step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kredskort::app::App;
use kredskort::commands::generate::{GenParams, generate_string};
use kredskort::commands::render::{draw_buffer, screen};
use kredskort::data::{Dataset, load_str};
use kredskort::input::action::{Action, Dir};
use kredskort::locale::Locale;
use kredskort::ui;
use ratatui::buffer::Buffer;

mod common;
use common::byte_count::counting_terminal;

fn generated(districts: usize, per: usize) -> Dataset {
    let text = generate_string(&GenParams::new(districts, per, 1));
    load_str(&text, "gen.toml", None).unwrap()
}

fn tiles(app: App) -> App {
    app.with_map_mode(kredskort::config::MapMode::Tiles)
}

/// The rows of two buffers that differ, with how many cells differ in each (for failure messages).
fn changed_rows(a: &Buffer, b: &Buffer) -> Vec<(u16, usize)> {
    let mut out = Vec::new();
    for y in 0..a.area.height {
        let n = (0..a.area.width)
            .filter(|&x| a.cell((x, y)) != b.cell((x, y)))
            .count();
        if n > 0 {
            out.push((y, n));
        }
    }
    out
}

/// Bytes the crossterm backend writes for `step` after a first frame.
fn step_bytes(app: &mut App, step: Action) -> (usize, Vec<(u16, usize)>) {
    let (w, h) = app.size();
    let (mut term, count) = counting_terminal(w, h);
    term.draw(|f| ui::draw(f, app)).unwrap();
    let before_buf = draw_buffer(app);
    let first = count.0.get();
    let _ = app.update(step);
    term.draw(|f| ui::draw(f, app)).unwrap();
    let after_buf = draw_buffer(app);
    (count.0.get() - first, changed_rows(&before_buf, &after_buf))
}

#[test]
fn a_map_arrow_step_on_a_thousand_districts_writes_under_4_kb() {
    let ds = generated(1000, 3);
    for (w, h) in [(80u16, 24u16), (160, 50), (200, 60)] {
        for dir in [Dir::Right, Dir::Left, Dir::Down, Dir::Up] {
            let mut app = tiles(App::new(ds.clone(), Locale::Da, (w, h)));
            let (bytes, rows) = step_bytes(&mut app, Action::Move(dir));
            println!("{w}x{h} {dir:?}: {bytes} B, changed rows {rows:?}");
            assert!(bytes <= 4096, "{w}x{h} {dir:?}: {bytes} B; rows {rows:?}");
        }
    }
}

/// A walk of 40 steps across the grid, the map window jumping when the selection leaves it. The
/// steps that keep the window write under 4 KB on average; a step that moves the window redraws
/// every tile by nature (about 29 KB at 200x60), and the window jumps to centre the selection so
/// that such steps stay rare (three in this walk). The figures are printed for the report.
#[test]
fn a_walk_across_the_map_reports_bytes_per_step() {
    let ds = generated(1000, 3);
    let mut app = tiles(App::new(ds, Locale::Da, (200, 60)));
    let (mut term, count) = counting_terminal(200, 60);
    term.draw(|f| ui::draw(f, &app)).unwrap();
    let mut steps = Vec::new();
    let mut kept = Vec::new();
    let mut window_moves = 0;
    for k in 0..40 {
        let dir = [Dir::Right, Dir::Right, Dir::Down, Dir::Right][k % 4];
        let before = count.0.get();
        let window = app.map_offset();
        let _ = app.update(Action::Move(dir));
        term.draw(|f| ui::draw(f, &app)).unwrap();
        let bytes = count.0.get() - before;
        steps.push(bytes);
        if app.map_offset() == window {
            kept.push(bytes);
        } else {
            window_moves += 1;
        }
    }
    let mean = steps.iter().sum::<usize>() / steps.len();
    let kept_mean = kept.iter().sum::<usize>() / kept.len().max(1);
    let max = steps.iter().max().copied().unwrap_or(0);
    println!(
        "40 map steps at 200x60: mean {mean} B ({kept_mean} B without the {window_moves} window moves), max {max} B: {steps:?}"
    );
    assert!(
        kept_mean <= 4096,
        "mean {kept_mean} B of the steps that keep the window"
    );
    assert!(window_moves <= 3, "{window_moves} window moves in 40 steps");
}

// ---------------------------------------------------------------- polish

#[test]
fn the_key_hints_mention_the_outline_keys_when_there_is_an_outline() {
    let app = App::new(kredskort::data::load_embedded(), Locale::Da, (160, 50));
    assert!(app.map_view().outline_on().is_some());
    let s = screen(&app, false);
    let hints = s.lines().last().unwrap();
    assert!(
        hints.contains("m fliser") && hints.contains("z zoom"),
        "{hints}"
    );
    let mut app = App::new(kredskort::data::load_embedded(), Locale::En, (160, 50));
    let _ = app.update(Action::ToggleMapMode);
    let s = screen(&app, false);
    let hints = s.lines().last().unwrap();
    assert!(
        hints.contains("m outline") && !hints.contains("z zoom"),
        "{hints}"
    );
    // No geometry: no `m`.
    let app = tiles(App::new(generated(12, 2), Locale::En, (160, 50)));
    let s = screen(&app, false);
    assert!(!s.lines().last().unwrap().contains("m outline"));
}

#[test]
fn the_wheel_over_the_outline_map_changes_nothing() {
    let mut app = App::new(kredskort::data::load_embedded(), Locale::Da, (160, 50));
    let map = app.layout().map.unwrap();
    let before = draw_buffer(&app);
    let (x, y) = (map.x + map.width / 2, map.y + map.height / 2);
    assert!(!app.update(Action::Scroll(x, y, true)).changed, "no redraw");
    assert!(!app.update(Action::Scroll(x, y, false)).changed);
    assert_eq!(app.map_offset(), (0, 0));
    assert_eq!(draw_buffer(&app), before);
}

// ---------------------------------------------------------------- stress

fn stress() -> Dataset {
    let mut p = GenParams::new(12, 4, 7);
    p.stress = true;
    load_str(&generate_string(&p), "stress.toml", None).unwrap()
}

/// The stress file: a 1 MB district name, 10,000 municipalities in that district, a 1 MB project
/// name, 10,000 themes on one project, a 1 MB summary. Opening them and moving around costs the
/// visible part only: the detail pane wraps and joins at most what it can show (`wrap_limited`,
/// `join_limited`, tested in ui::tests), tiles and bars read a name only as far as they show it.
/// What each frame costs is measured by the `stress` benches (`cargo bench -- stress`); here the
/// screens are checked for what they show.
#[test]
fn the_stress_file_draws_in_bounded_work() {
    let ds = stress();
    let d0 = &ds.districts[0];
    assert!(d0.name.len() >= 1 << 20 && d0.municipalities.len() >= 10_000);
    let big_themes = ds
        .projects
        .iter()
        .position(|p| p.themes().len() >= 10_000)
        .unwrap();
    let long_summary = ds
        .projects
        .iter()
        .position(|p| p.summary().is_some_and(|s| s.len() >= 900_000))
        .unwrap();
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        // The district with the long name and 10,000 municipalities, overview and opened.
        let mut app = tiles(App::new(ds.clone(), Locale::Da, (w, h)));
        let _ = app.update(kredskort::app::Msg::Select(0));
        let _ = app.update(Action::Resize(w, h));
        let s = screen(&app, false);
        assert!(s.lines().count() == usize::from(h));
        assert_eq!(
            screen(&app, false).lines().count(),
            usize::from(h),
            "overview {w}x{h}"
        );
        let _ = app.update(Action::Enter);
        let s = screen(&app, false);
        if w >= 200 {
            assert!(
                s.contains(" til"),
                "the municipalities are counted, not listed:\n{s}"
            );
        }
        assert_eq!(
            screen(&app, false).lines().count(),
            usize::from(h),
            "district {w}x{h}"
        );
        for _ in 0..3 {
            let _ = app.update(Action::Move(Dir::Down));
        }
        assert_eq!(
            screen(&app, false).lines().count(),
            usize::from(h),
            "district list {w}x{h}"
        );
        // The projects with 10,000 themes and with the 1 MB summary, scrolled to the end.
        for p in [big_themes, long_summary] {
            let mut app = tiles(App::new(ds.clone(), Locale::En, (w, h)));
            let _ = app.update(kredskort::app::Msg::Select(ds.projects[p].district));
            let _ = app.update(Action::Resize(w, h));
            let _ = app.update(Action::Enter);
            let pos = app
                .visible_projects(app.selected())
                .iter()
                .position(|&q| q == p)
                .unwrap();
            for _ in 0..pos {
                let _ = app.update(Action::Move(Dir::Down));
            }
            let _ = app.update(Action::Enter);
            assert!(
                matches!(app.view(), kredskort::app::View::Project { project, .. } if *project == p)
            );
            assert_eq!(
                screen(&app, false).lines().count(),
                usize::from(h),
                "project {p} {w}x{h}"
            );
            let _ = app.update(Action::Last);
            let s = screen(&app, false);
            if p == long_summary {
                assert!(s.contains("cut short"), "{s}");
            }
            let _ = app.update(Action::PageUp);
            assert_eq!(
                screen(&app, false).lines().count(),
                usize::from(h),
                "project {p} scrolled {w}x{h}"
            );
        }
    }
}

// ---------------------------------------------------------------- 1,000 districts on screen

#[test]
fn titles_count_districts_and_name_the_map_window() {
    let ds = generated(1000, 1);
    let app = tiles(App::new(ds.clone(), Locale::Da, (200, 60)));
    let s = screen(&app, false);
    // The column's unit comes first, said once for the pane.
    assert!(
        s.contains("Fordeling · mio. kr. 1–20 af 1.000 kredse ▼"),
        "{s}"
    );
    // 32 × 32 tiles: all rows fit at 200x60 (the legend goes on the pane's edge), the columns
    // scroll (nine-column names).
    assert!(s.contains("Kort · kolonner 1–19 af 32"), "{s}");
    let app = tiles(App::new(ds.clone(), Locale::En, (80, 24)));
    let s = screen(&app, false);
    // Narrow: the words go before the numbers are cut, the column's unit stays.
    assert!(s.contains("DKK m 1–18 of 1,000 ▼"), "{s}");
    // The not-itemised row at the end is not counted as a district.
    let mut app = tiles(App::new(ds, Locale::En, (200, 60)));
    let _ = app.update(Action::FocusNext);
    let _ = app.update(Action::Last);
    let s = screen(&app, false);
    assert!(s.contains("–1,000 of 1,000 districts"), "{s}");
}

#[test]
fn a_search_hit_out_of_view_scrolls_the_map_to_it() {
    let ds = generated(1000, 2);
    let mut app = tiles(App::new(ds, Locale::Da, (80, 24)));
    // The last district's name: far from the first selection.
    let target = app.data().districts.len() - 1;
    let name = app.data().districts[target].name.clone();
    let _ = app.update(kredskort::input::keymap::parse_key_sequence("/").unwrap()[0]);
    for k in kredskort::input::keymap::parse_key_sequence(&name).unwrap() {
        let _ = app.update(k);
    }
    let _ = app.update(kredskort::input::keymap::parse_key_sequence("<Enter>").unwrap()[0]);
    let d = &app.data().districts[app.selected()];
    let g = kredskort::screen::tiles::geometry(app.layout().map.unwrap(), &app.inputs());
    let (r, c) = (d.tile.row - g.min_row, d.tile.col - g.min_col);
    assert!(
        (app.map_offset().0..app.map_offset().0 + g.visible_rows).contains(&r)
            && (app.map_offset().1..app.map_offset().1 + g.visible_cols).contains(&c),
        "selected tile ({r},{c}) outside the window {:?} {}x{}",
        app.map_offset(),
        g.visible_rows,
        g.visible_cols
    );
}

#[test]
fn bars_scale_to_the_largest_district_and_cap_the_not_itemised_row() {
    // Shipped data: 74 mio. not itemised, København 30 mio. the largest district.
    let app = tiles(App::new(
        kredskort::data::load_embedded(),
        Locale::Da,
        (120, 40),
    ));
    let s = screen(&app, false);
    let row = |name: &str| {
        s.lines()
            .find(|l| l.contains(name) && l.contains('█'))
            .unwrap()
            .to_string()
    };
    let kbh = row("▶København");
    let rest = row("Ikke specificeret  ");
    let bar = |l: &str| l.chars().filter(|c| "█▉▊▋▌▍▎▏".contains(*c)).count();
    assert!(rest.contains('»') && !kbh.contains('»'), "{kbh}\n{rest}");
    // Both end in the same column: København full length, the rest capped with `»`.
    let last_block = kbh
        .chars()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|&c| c == '█');
    let mark = rest.chars().position(|c| c == '»');
    assert_eq!(last_block, mark, "\n{kbh}\n{rest}");
    // 1,000 districts of ~0.1 % each: the bars are not all the same sliver.
    let app = tiles(App::new(generated(1000, 2), Locale::Da, (200, 60)));
    let s = screen(&app, false);
    let lens: Vec<usize> = s.lines().skip(40).map(bar).filter(|&n| n > 0).collect();
    assert!(lens.iter().max().unwrap() >= &40, "{lens:?}");
}
