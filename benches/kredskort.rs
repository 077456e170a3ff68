//! Benchmarks (divan): `cargo bench` runs them all in well under two minutes on the 2-core machine;
//! `cargo bench -- load` runs those whose path contains `load`. Numbers and method:
//! `docs/performance.md`.
//!
//! Inputs come from the generator (`commands::generate`), built in memory once per run, so the
//! benches need no files. The large cases take few samples (`sample_count`): a 100,000-project
//! load is long enough that five samples already give a stable median.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use kredskort::commands::generate::{GenParams, SplitMix64, generate_string, write_dataset};
use kredskort::locale::Locale;
use rust_decimal::Decimal;

#[path = "../tests/common/byte_count.rs"]
mod byte_count;

fn main() {
    // Generate the inputs (and print the note about amount strings, if any) before divan starts
    // printing its table.
    let _ = dataset(10);
    divan::main();
}

/// A generated data file of `districts × 100` projects, made once per run. Amounts include
/// decimal strings when the loader in this build accepts them; otherwise (the provisional serde
/// loader takes integers only) the file has integer amounts, and a note says so.
fn dataset(districts: usize) -> &'static str {
    static FILES: OnceLock<[String; 3]> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        let full = GenParams::new(10, 100, 1);
        let strings_ok = kredskort::data::load_str(&generate_string(&full), "gen", None).is_ok();
        if !strings_ok {
            eprintln!(
                "note: this build's loader rejects amount strings (\"1234.50\"); \
                 benchmarking files with integer amounts only"
            );
        }
        [10, 100, 1000].map(|d| {
            let mut p = GenParams::new(d, 100, 1);
            p.string_amounts = strings_ok;
            generate_string(&p)
        })
    });
    match districts {
        10 => &files[0],
        100 => &files[1],
        _ => &files[2],
    }
}

mod money {
    use super::*;

    const N: usize = 100_000;

    fn amounts() -> Vec<Decimal> {
        let mut r = SplitMix64::new(7);
        (0..N)
            .map(|_| {
                // Up to 10^11 øre, sometimes with øre, sometimes whole millions.
                let ore = (r.next_u64() % 100_000_000_000) as i64;
                match r.below(3) {
                    0 => Decimal::new(ore, 2),
                    1 => Decimal::new(ore / 100, 0),
                    _ => Decimal::new(ore / 100_000_000 * 1_000_000, 0),
                }
            })
            .collect()
    }

    /// `2.875.000 kr.` for 100,000 amounts.
    #[divan::bench(sample_count = 20, max_time = 3)]
    fn format_money_da_100k(b: Bencher) {
        let a = amounts();
        b.counter(ItemsCount::new(N)).bench(|| {
            for x in &a {
                black_box(kredskort::money::format_money(*x, "DKK", Locale::Da));
            }
        });
    }

    /// `DKK 2.9m` for 100,000 amounts.
    #[divan::bench(sample_count = 20, max_time = 3)]
    fn format_money_compact_en_100k(b: Bencher) {
        let a = amounts();
        b.counter(ItemsCount::new(N)).bench(|| {
            for x in &a {
                black_box(kredskort::money::format_money_compact(
                    *x,
                    "DKK",
                    Locale::En,
                ));
            }
        });
    }

    /// Parsing the same amounts back from their plain text.
    #[divan::bench(sample_count = 20, max_time = 3)]
    fn parse_amount_100k(b: Bencher) {
        let texts: Vec<String> = amounts().iter().map(|a| a.to_string()).collect();
        b.counter(ItemsCount::new(N)).bench(|| {
            for t in &texts {
                black_box(kredskort::money::parse_amount(t).ok());
            }
        });
    }
}

mod text {
    use super::*;

    const N: usize = 10_000;

    /// Names mixing Danish letters, wide CJK and combining marks, 5–80 columns wide.
    fn names() -> Vec<String> {
        const WORDS: &[&str] = &[
            "Københavns",
            "Politi",
            "Østjylland",
            "北京",
            "서울特別市",
            "Cafe\u{301}",
            "A\u{30A}rhus",
            "kriminalpræventive",
            "projekter",
            "Nordsjællands",
        ];
        let mut r = SplitMix64::new(3);
        (0..N)
            .map(|_| {
                let n = 1 + r.below(8);
                (0..n).map(|_| r.pick(WORDS)).collect::<Vec<_>>().join(" ")
            })
            .collect()
    }

    /// Cutting 10,000 names to 24 columns (what every list row does).
    #[divan::bench(sample_count = 20, max_time = 3)]
    fn truncate_10k_to_24(b: Bencher) {
        let names = names();
        b.counter(ItemsCount::new(N)).bench(|| {
            for s in &names {
                black_box(kredskort::text::truncate(s, 24));
            }
        });
    }

    /// Cut and pad to exactly 30 columns.
    #[divan::bench(sample_count = 20, max_time = 3)]
    fn pad_right_10k_to_30(b: Bencher) {
        let names = names();
        b.counter(ItemsCount::new(N)).bench(|| {
            for s in &names {
                black_box(kredskort::text::pad_right(s, 30));
            }
        });
    }

    /// What the loader pays per piece of text (every name, partner, theme is sanitised once).
    #[divan::bench(sample_count = 20, max_time = 3)]
    fn sanitize_line_10k(b: Bencher) {
        let names = names();
        b.counter(ItemsCount::new(N)).bench(|| {
            for s in &names {
                black_box(kredskort::text::sanitize_line(s));
            }
        });
    }

    #[divan::bench(sample_count = 20, max_time = 3)]
    fn width_10k(b: Bencher) {
        let names = names();
        b.counter(ItemsCount::new(N)).bench(|| {
            for s in &names {
                black_box(kredskort::text::width(s));
            }
        });
    }
}

/// `data::load_str` (parse + validate + derived figures) of generated files: the growth from 1k to
/// 100k projects should be linear.
mod load {
    use super::*;

    fn run(b: Bencher, districts: usize) {
        let text = dataset(districts);
        b.counter(BytesCount::new(text.len())).bench(|| {
            black_box(kredskort::data::load_str(text, "gen.toml", None).map(|d| d.projects.len()))
        });
    }

    #[divan::bench(sample_count = 20, max_time = 3)]
    fn load_str_1k_projects(b: Bencher) {
        run(b, 10);
    }

    #[divan::bench(sample_count = 10, sample_size = 1, max_time = 5)]
    fn load_str_10k_projects(b: Bencher) {
        run(b, 100);
    }

    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 10)]
    fn load_str_100k_projects(b: Bencher) {
        run(b, 1000);
    }
}

/// The top-level splitter and what it enables: whole-file parse vs chunk-wise on 1 and 2 threads.
mod chunk {
    use super::*;
    use kredskort::data::chunk::{map_chunks, parse_chunks, split, split_parallel};

    #[divan::bench(sample_count = 20, max_time = 3)]
    fn split_10k_projects(b: Bencher) {
        let text = dataset(100);
        b.counter(BytesCount::new(text.len()))
            .bench(|| black_box(split(text).map(|c| c.len())));
    }

    #[divan::bench(sample_count = 10, sample_size = 1, max_time = 5)]
    fn split_100k_projects(b: Bencher) {
        let text = dataset(1000);
        b.counter(BytesCount::new(text.len()))
            .bench(|| black_box(split(text).map(|c| c.len())));
    }

    /// The same on two threads (the second half from a guessed header line, confirmed after).
    #[divan::bench(sample_count = 10, sample_size = 1, max_time = 5)]
    fn split_parallel_100k_projects(b: Bencher) {
        let text = dataset(1000);
        b.counter(BytesCount::new(text.len()))
            .bench(|| black_box(split_parallel(text).map(|c| c.len())));
    }

    /// The reference: one `DeTable::parse` of the whole 100k file (tree built in full).
    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 10)]
    fn parse_whole_100k(b: Bencher) {
        let text = dataset(1000);
        b.counter(BytesCount::new(text.len()))
            .bench(|| black_box(toml::de::DeTable::parse(text).is_ok()));
    }

    fn chunked(b: Bencher, threads: usize) {
        let text = dataset(1000);
        b.counter(BytesCount::new(text.len())).bench(|| {
            let chunks = split(text).unwrap();
            black_box(parse_chunks(text, &chunks, threads).map(|t| t.len()).ok())
        });
    }

    /// Split + parse every chunk, keeping all trees (as `parse_chunks` returns them).
    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 10)]
    fn parse_chunked_100k_1_thread(b: Bencher) {
        chunked(b, 1);
    }

    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 10)]
    fn parse_chunked_100k_2_threads(b: Bencher) {
        chunked(b, 2);
    }

    /// Split + parse each chunk and drop its tree at once (`map_chunks`): what a loader that
    /// converts entry by entry pays for parsing. With 2 threads the split is `split_parallel`.
    fn streaming(b: Bencher, threads: usize) {
        let text = dataset(1000);
        b.counter(BytesCount::new(text.len())).bench(|| {
            let chunks = if threads > 1 {
                split_parallel(text)
            } else {
                split(text)
            };
            let chunks = chunks.unwrap();
            let ok = map_chunks(text, &chunks, threads, |_, _, r| r.is_ok());
            black_box(ok.iter().all(|&x| x))
        });
    }

    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 10)]
    fn parse_streaming_100k_1_thread(b: Bencher) {
        streaming(b, 1);
    }

    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 10)]
    fn parse_streaming_100k_2_threads(b: Bencher) {
        streaming(b, 2);
    }
}

/// The generator itself (`kredskort gen`): 100k projects, ~24.8 MB, into a sink.
#[divan::bench(sample_count = 10, sample_size = 1, max_time = 5)]
fn gen_100k_projects(b: Bencher) {
    b.bench(|| {
        let mut sink = std::io::sink();
        write_dataset(&mut sink, &GenParams::new(1000, 100, 1)).unwrap();
    });
}

/// The 100k dataset, loaded once per run, for the dashboard benches (the budgets are "any view"
/// on the big file).
fn big() -> &'static kredskort::data::Dataset {
    static BIG: OnceLock<kredskort::data::Dataset> = OnceLock::new();
    BIG.get_or_init(|| kredskort::data::load_str(dataset(1000), "gen.toml", None).unwrap())
}

fn app(w: u16, h: u16, seq: &str) -> kredskort::app::App {
    let mut app = kredskort::app::App::new(big().clone(), Locale::Da, (w, h));
    for k in kredskort::input::keymap::parse_key_sequence(seq).unwrap() {
        let _ = app.update(k);
    }
    app
}

/// One full frame (`ui::draw` into a `TestBackend` through `Terminal`: draw + diff against a
/// cleared screen) of the overview, a drilled district and a project detail, on the 100k dataset.
mod frame {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn run(b: Bencher, w: u16, h: u16, seq: &str) {
        let app = app(w, h, seq);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        b.bench_local(|| {
            term.clear().unwrap();
            term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        });
    }

    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 50, max_time = 2)]
    fn overview(b: Bencher, (w, h): (u16, u16)) {
        run(b, w, h, "");
    }

    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 50, max_time = 2)]
    fn district(b: Bencher, (w, h): (u16, u16)) {
        run(b, w, h, "<Enter>");
    }

    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 50, max_time = 2)]
    fn project(b: Bencher, (w, h): (u16, u16)) {
        run(b, w, h, "<Enter><Enter>");
    }
}

/// One navigation step at 200×60 on the 100k dataset: a key through `App::handle_key` (update)
/// and the incremental frame, alternating two opposite keys so the view stays put.
mod navigation {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn run(b: Bencher, seq: &str, there: &str, back: &str) {
        let mut app = app(200, 60, seq);
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        let keys =
            [there, back].map(|k| kredskort::input::keymap::parse_key_sequence(k).unwrap()[0]);
        let mut i = 0;
        b.bench_local(|| {
            let _ = app.update(keys[i % 2]);
            i += 1;
            term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        });
    }

    #[divan::bench(sample_count = 50, max_time = 2)]
    fn list_down_up(b: Bencher) {
        run(b, "<Tab>", "<Down>", "<Up>");
    }

    #[divan::bench(sample_count = 50, max_time = 2)]
    fn map_right_left(b: Bencher) {
        run(b, "", "<Right>", "<Left>");
    }

    #[divan::bench(sample_count = 50, max_time = 2)]
    fn district_down_up(b: Bencher) {
        run(b, "<Enter>", "<Down>", "<Up>");
    }
}

/// Bytes written to a `CrosstermBackend` for one arrow-key step (after a full first frame), on the
/// 100k dataset. divan cannot measure sizes: the bench returns the count and prints it once.
mod bytes {
    use super::*;

    fn step_bytes(w: u16, h: u16, seq: &str, step: &str) -> usize {
        let mut app = app(w, h, seq);
        let (mut term, count) = byte_count::counting_terminal(w, h);
        term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        let first = count.0.get();
        for k in kredskort::input::keymap::parse_key_sequence(step).unwrap() {
            let _ = app.update(k);
        }
        term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        count.0.get() - first
    }

    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 5, max_time = 2)]
    fn list_down_step(b: Bencher, (w, h): (u16, u16)) {
        println!(
            "bytes for one Down step in the list at {w}x{h}: {}",
            step_bytes(w, h, "<Tab>", "<Down>")
        );
        b.bench_local(|| step_bytes(w, h, "<Tab>", "<Down>"));
    }

    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 5, max_time = 2)]
    fn map_right_step(b: Bencher, (w, h): (u16, u16)) {
        println!(
            "bytes for one Right step on the map at {w}x{h}: {}",
            step_bytes(w, h, "", "<Right>")
        );
        b.bench_local(|| step_bytes(w, h, "", "<Right>"));
    }
}

/// One search keystroke over all names, partners and themes of the 100k dataset (the index is
/// built once, as the app does).
mod search {
    use super::*;
    use kredskort::search::SearchIndex;

    fn index() -> &'static SearchIndex {
        static INDEX: OnceLock<SearchIndex> = OnceLock::new();
        INDEX.get_or_init(|| SearchIndex::build(big()))
    }

    #[divan::bench(args = ["k", "ko", "kommune", "Noël", "東京"], sample_count = 20, max_time = 2)]
    fn keystroke(b: Bencher, typed: &str) {
        let index = index();
        b.bench(|| black_box(index.query(typed).len()));
    }

    #[divan::bench(sample_count = 3, sample_size = 1, max_time = 5)]
    fn build_index_100k(b: Bencher) {
        b.bench(|| black_box(SearchIndex::build(big()).texts()));
    }
}

/// The outline map on the shipped data (the only file here with geometry): the first frame, which
/// rasterises the municipality outlines and places the labels, and one arrow step after it, which
/// reuses the cached raster. Bytes per step through crossterm are printed once per colour mode.
mod outline {
    use super::*;
    use kredskort::input::action::{Action, Dir};
    use kredskort::style::rgb::ColorMode;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn outline_app(w: u16, h: u16, color: ColorMode) -> kredskort::app::App {
        let a = kredskort::app::App::new(kredskort::data::load_embedded(), Locale::Da, (w, h));

        a.with_map_settings(kredskort::app::map_mode::MapSettings {
            mode: None,
            color,
            allow_outline: true,
        })
    }

    /// The first frame at a size: the app arrives at it (a resize), which places the raster and
    /// the labels afresh, then the frame is drawn.
    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 20, max_time = 2)]
    fn first_frame(b: Bencher, (w, h): (u16, u16)) {
        b.with_inputs(|| {
            (
                outline_app(w + 1, h, ColorMode::TrueColor),
                Terminal::new(TestBackend::new(w, h)).unwrap(),
            )
        })
        .bench_local_values(|(mut app, mut term)| {
            let _ = app.update(Action::Resize(w, h));
            term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        });
    }

    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 50, max_time = 2)]
    fn arrow_step(b: Bencher, (w, h): (u16, u16)) {
        let mut app = outline_app(w, h, ColorMode::TrueColor);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        let dirs = [Dir::Left, Dir::Down, Dir::Right, Dir::Up];
        let mut i = 0;
        b.bench_local(|| {
            let _ = app.update(Action::Move(dirs[i % 4]));
            i += 1;
            term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        });
    }

    /// Bytes for the first full frame and for one Left step, per colour mode.
    #[divan::bench(args = [(80, 24), (200, 60)], sample_count = 3, max_time = 1)]
    fn bytes_per_step(b: Bencher, (w, h): (u16, u16)) {
        let measure = |color: ColorMode| {
            let mut app = outline_app(w, h, color);
            let (mut term, count) = byte_count::counting_terminal(w, h);
            term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
            let full = count.take();
            let _ = app.update(Action::Move(Dir::Left));
            term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
            (full, count.take())
        };
        for color in [
            ColorMode::TrueColor,
            ColorMode::Indexed256,
            ColorMode::NoColor,
        ] {
            let (full, step) = measure(color);
            println!("outline {w}x{h} {color:?}: first frame {full} B, one Left step {step} B");
        }
        b.bench_local(|| measure(ColorMode::TrueColor));
    }
}

/// The stress file (`generate --stress`: a 1 MB district name, 10,000 municipalities, a project
/// with 10,000 themes, a 1 MB summary): one full frame of the views that show those, at 200×60.
/// The frames stay small because panes wrap and join only what they can show.
mod stress {
    use super::*;
    use kredskort::input::action::{Action, Dir};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn data() -> &'static kredskort::data::Dataset {
        static DATA: OnceLock<kredskort::data::Dataset> = OnceLock::new();
        DATA.get_or_init(|| {
            let mut p = GenParams::new(12, 4, 7);
            p.stress = true;
            kredskort::data::load_str(&generate_string(&p), "stress.toml", None).unwrap()
        })
    }

    /// The app showing district `d` (drilled in) or, with `project`, that project's detail.
    fn app_at(d: usize, project: Option<usize>) -> kredskort::app::App {
        let ds = data();
        let mut app = kredskort::app::App::new(ds.clone(), Locale::Da, (200, 60));
        let _ = app.update(kredskort::app::Msg::Select(d));
        let _ = app.update(Action::Enter);
        if let Some(p) = project {
            let pos = app
                .visible_projects(d)
                .iter()
                .position(|&q| q == p)
                .unwrap();
            for _ in 0..pos {
                let _ = app.update(Action::Move(Dir::Down));
            }
            let _ = app.update(Action::Enter);
            let _ = app.update(Action::Last);
        }
        app
    }

    fn run(b: Bencher, app: kredskort::app::App) {
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        b.bench_local(|| {
            term.clear().unwrap();
            term.draw(|f| kredskort::ui::draw(f, &app)).unwrap();
        });
    }

    #[divan::bench(sample_count = 20, max_time = 2)]
    fn district_with_10k_municipalities(b: Bencher) {
        run(b, app_at(0, None));
    }

    #[divan::bench(sample_count = 20, max_time = 2)]
    fn project_with_10k_themes(b: Bencher) {
        let p = data()
            .projects
            .iter()
            .position(|p| p.themes().len() >= 10_000)
            .unwrap();
        run(b, app_at(data().projects[p].district, Some(p)));
    }

    #[divan::bench(sample_count = 20, max_time = 2)]
    fn project_with_1mb_summary_at_the_end(b: Bencher) {
        let p = data()
            .projects
            .iter()
            .position(|p| p.summary().is_some_and(|s| s.len() >= 900_000))
            .unwrap();
        run(b, app_at(data().projects[p].district, Some(p)));
    }
}

/// Rebuilding the district view (totals, order, value texts) on the 100k dataset, as the app does
/// when the sort, unit or theme filter changes, and building the theme index it uses once per data.
mod view {
    use super::*;
    use kredskort::screen::figures::{Figures, SortOrder, Unit, ViewOptions};
    use kredskort::search::ThemeIndex;

    fn themes() -> &'static ThemeIndex {
        static THEMES: OnceLock<ThemeIndex> = OnceLock::new();
        THEMES.get_or_init(|| ThemeIndex::build(big()))
    }

    /// The theme most projects have (the filter that keeps the most work).
    fn busiest_theme() -> String {
        let list = themes().themes(Locale::Da);
        list.iter().max_by_key(|t| t.1).unwrap().0.clone()
    }

    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 5)]
    fn theme_index_100k(b: Bencher) {
        b.bench(|| black_box(ThemeIndex::build(big()).len()));
    }

    #[divan::bench(args = ["amount", "name", "filter+per-inhabitant", "filter+map-order"], sample_count = 20, max_time = 3)]
    fn build_100k(b: Bencher, case: &str) {
        let theme = busiest_theme();
        let (filter, sort, unit) = match case {
            "amount" => (None, SortOrder::AmountDesc, Unit::Money),
            "name" => (None, SortOrder::Name, Unit::Money),
            "filter+per-inhabitant" => (Some(theme), SortOrder::AmountDesc, Unit::PerInhabitant),
            _ => (Some(theme), SortOrder::MapOrder, Unit::ShareOfPool),
        };
        let options = ViewOptions {
            theme_filter: filter,
            sort,
            unit,
        };
        b.bench(|| {
            black_box(Figures::build_indexed(
                big(),
                themes(),
                &options,
                Locale::Da,
            ))
        });
    }
}

/// `kredskort import` of 100,000 grant rows, file to checked round (read, place columns, parse
/// amounts, make the districts, write the TOML, load it back as `check` does): the generated
/// 1000 × 100 round exported as CSV, and the same rows in an xlsx sheet with numeric amounts. The
/// inputs are written once per run to `$TMPDIR/kredskort-bench-import/` (kept, so the command can be
/// timed on them: `kredskort import $TMPDIR/kredskort-bench-import/big.xlsx`).
mod import {
    use super::*;
    use kredskort::export::ExportBy;
    use kredskort::export::{Selection, write_csv};
    use kredskort::import::{Options, import_file};
    use std::path::PathBuf;

    fn inputs() -> &'static (PathBuf, PathBuf) {
        static FILES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
        FILES.get_or_init(|| {
            let dir = std::env::temp_dir().join("kredskort-bench-import");
            std::fs::create_dir_all(&dir).unwrap();
            let mut csv = Vec::new();
            write_csv(big(), &Selection::all(big(), ExportBy::Project), &mut csv).unwrap();
            let csv_path = dir.join("big.csv");
            std::fs::write(&csv_path, &csv).unwrap();
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(csv.as_slice());
            for (r, rec) in reader.records().enumerate() {
                for (c, field) in rec.unwrap().iter().enumerate() {
                    let (r, c16) = (r as u32, c as u16);
                    match field.parse::<f64>() {
                        // The amount column as numbers, as a spreadsheet holds them.
                        Ok(n) if r > 0 && c == 4 => sheet.write_number(r, c16, n).unwrap(),
                        _ => sheet.write_string(r, c16, field).unwrap(),
                    };
                }
            }
            let xlsx_path = dir.join("big.xlsx");
            book.save(&xlsx_path).unwrap();
            (csv_path, xlsx_path)
        })
    }

    fn run(path: &std::path::Path) -> usize {
        let opts = Options {
            date: "2026-12-06".into(),
            ..Options::default()
        };
        import_file(path, &opts, &mut |_| {})
            .unwrap()
            .dataset
            .projects
            .len()
    }

    #[divan::bench(sample_count = 5, sample_size = 1, max_time = 10)]
    fn csv_100k(b: Bencher) {
        let path = &inputs().0;
        b.counter(ItemsCount::new(100_000usize))
            .bench(|| black_box(run(path)));
    }

    #[divan::bench(sample_count = 3, sample_size = 1, max_time = 20)]
    fn xlsx_100k(b: Bencher) {
        let path = &inputs().1;
        b.counter(ItemsCount::new(100_000usize))
            .bench(|| black_box(run(path)));
    }
}

/// The change view over two rounds of 100,000 projects each (the generated file and one with
/// another seed): opening it (`d`: the panel of 1,000 districts matched by id, sorted, its texts
/// formatted) and a step in it, with the frame drawn.
mod change {
    use super::*;
    use kredskort::app::map_mode::MapSettings;
    use kredskort::app::tabs::Workspace;
    use kredskort::input::action::{Action, Dir};
    use kredskort::input::keymap::Keymap;
    use kredskort::search::Prepared;
    use kredskort::style::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn workspace() -> Workspace {
        static OTHER: OnceLock<kredskort::data::Dataset> = OnceLock::new();
        let other = OTHER.get_or_init(|| {
            let text = generate_string(&GenParams::new(1000, 100, 2));
            kredskort::data::load_str(&text, "gen-2.toml", None).unwrap()
        });
        let ws = Workspace::new(
            Locale::Da,
            Theme::colour(),
            Keymap::default(),
            MapSettings::default(),
            (200, 60),
        );
        ws.with_tab(Some("gen.toml".into()), Ok(Prepared::new(big().clone())))
            .with_tab(Some("gen-2.toml".into()), Ok(Prepared::new(other.clone())))
    }

    #[divan::bench(sample_count = 10, max_time = 5)]
    fn open_200x60(b: Bencher) {
        b.with_inputs(workspace).bench_local_values(|mut ws| {
            let _ = black_box(ws.update(Action::Change));
            ws
        });
    }

    #[divan::bench(sample_count = 50, max_time = 2)]
    fn step_200x60(b: Bencher) {
        let mut ws = workspace();
        let _ = ws.update(Action::Change);
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        term.draw(|f| kredskort::ui::tabbar::draw(f, &ws)).unwrap();
        let mut i = 0usize;
        b.bench_local(|| {
            let dir = if i.is_multiple_of(2) {
                Dir::Down
            } else {
                Dir::Up
            };
            i += 1;
            let _ = ws.update(Action::Move(dir));
            term.draw(|f| kredskort::ui::tabbar::draw(f, &ws)).unwrap();
        });
    }
}
