//! Start-up of the dashboard on a data file, step by step, against `kredskort check`'s load:
//! `cargo run --release --example first_frame -- FILE` prints the load, the theme index
//! (`Prepared::without_search`, as the dashboard starts), `App::with_prepared` and the first draw at
//! 200×60, then the search index the dashboard builds on another thread after the first frame
//! (the screen takes keys meanwhile), each as the median of `KREDSKORT_RUNS` runs (default 3), and the first frame as a multiple
//! of the load. With `KREDSKORT_EAGER` set, both indexes are built before the first frame
//! (`Prepared::new`, as before). Terminal set-up is left out (it does not depend on the data).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use kredskort::app::App;
use kredskort::app::Msg;
use kredskort::locale::Locale;
use kredskort::search::{Prepared, SearchIndex};
use kredskort::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: first_frame FILE (a data file, e.g. from `kredskort gen`)");
    let runs = std::env::var("KREDSKORT_RUNS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(3)
        .max(1);
    let eager = std::env::var_os("KREDSKORT_EAGER").is_some();
    let mut steps: [Vec<Duration>; 5] = Default::default();
    for _ in 0..runs {
        let t = Instant::now();
        let ds = kredskort::data::load_file(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
        steps[0].push(t.elapsed());
        let t = Instant::now();
        let prepared = if eager {
            Prepared::new(ds)
        } else {
            Prepared::without_search(ds)
        };
        steps[1].push(t.elapsed());
        let t = Instant::now();
        let mut app = App::with_prepared(prepared, Locale::Da, (200, 60));
        steps[2].push(t.elapsed());
        let t = Instant::now();
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        term.draw(|f| ui::draw(f, &app)).unwrap();
        steps[3].push(t.elapsed());
        let t = Instant::now();
        if app.search_pending() {
            let index = SearchIndex::build(app.data());
            let _ = app.update(Msg::SearchIndexBuilt {
                tab: 0,
                index: Some(Box::new(index)),
                of: app.shared_data(),
            });
        }
        steps[4].push(t.elapsed());
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let [load, prepare, app, draw, search] = steps.each_mut().map(median);
    let total = load + prepare + app + draw;
    let what = if eager { "both indexes" } else { "theme index" };
    println!(
        "{path}: load {load:.3} s + {what} {prepare:.3} s + app {app:.3} s + first draw {draw:.3} s \
         = first frame {total:.3} s, {:.2} x the load; then the search index {search:.3} s \
         (median of {runs})",
        total / load
    );
}
