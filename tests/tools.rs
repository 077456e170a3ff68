//! The analyst tools at the App / Workspace level: find, theme filter, units, bar order,
//! marks and comparison, export of the view, live reload through the App-level API on a real file,
//! tabs, `[theme]` / `[keys]` validation, `--plain` drawing only ASCII; and snapshots of the screens
//! they add.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use kredskort::app::map_mode::MapSettings;
use kredskort::app::tabs::Workspace;
use kredskort::app::{App, Mode, View};
use kredskort::app::{Effect, Msg};
use kredskort::commands::dashboard::write_export;
use kredskort::commands::render::{screen, workspace_screen};
use kredskort::data::{load_embedded, load_str};
use kredskort::input::action::Action;
use kredskort::input::keymap::{Keymap, parse_key_sequence};
use kredskort::locale::Locale;
use kredskort::screen::figures::{SortOrder, Unit};
use kredskort::search::Prepared;
use kredskort::search::Target;
use kredskort::style::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const DATA: &str = include_str!("../assets/forebyggelse-2014.toml");

/// A temporary directory of our own, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!(
            "kredskort-tools-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn app_at(w: u16, h: u16) -> App {
    App::new(load_embedded(), Locale::Da, (w, h))
}

/// Types `keys`; whether any of them asked to quit.
fn typed(app: &mut App, keys: &str) -> bool {
    let mut quit = false;
    for k in parse_key_sequence(keys).unwrap() {
        quit |= app.update(k).quits();
    }
    quit
}

/// Presses `e` and carries out the export as the live loop does, into `dir`. Whether an export
/// was asked for.
fn export_into(app: &mut App, dir: &Path) -> bool {
    let mut asked = false;
    for effect in app.update(parse_key_sequence("e").unwrap()[0]).effects {
        if let Effect::Export { stem, bytes } = effect {
            asked = true;
            let _ = app.update(write_export(dir, &stem, &bytes));
        }
    }
    asked
}

/// Loads `file` again and hands the result to the app, as the live loop does.
fn reload(app: &mut App, file: &Path) {
    let result = kredskort::data::load_file(file).map(Prepared::new);
    let _ = app.update(Msg::Loaded {
        path: file.to_path_buf(),
        result: Box::new(result),
    });
}

/// The status line's message.
fn status(app: &App) -> String {
    app.status().map(|(s, _)| s.to_string()).unwrap_or_default()
}

fn shot(w: u16, h: u16, keys: &str) -> String {
    let mut app = app_at(w, h);
    typed(&mut app, keys);
    screen(&app, false)
}

fn district(app: &App, id: &str) -> usize {
    app.data()
        .districts
        .iter()
        .position(|d| d.id == id)
        .unwrap()
}

fn selected_id(app: &App) -> &str {
    &app.data().districts[app.selected()].id
}

// ---------------------------------------------------------------- find

#[test]
fn search_matches_ascii_spellings_of_danish_names() {
    let app = app_at(100, 30);
    let kbh = district(&app, "koebenhavn");
    for q in ["kobenhavn", "koebenhavn", "KØBENHAVN", "københavn"] {
        let hits = app.search_index().query(q);
        assert!(
            hits.iter().any(|h| h.target == Target::District(kbh)),
            "{q}: {hits:?}"
        );
    }
    let hits = app.search_index().query("vollsmose");
    assert!(hits.iter().any(|h| matches!(h.target, Target::Project(_))));
}

#[test]
fn typing_shows_results_and_enter_opens_the_project() {
    let mut app = app_at(100, 30);
    typed(&mut app, "/vollsmose");
    let Mode::Search(p) = &app.mode() else {
        panic!("prompt not open")
    };
    assert_eq!(p.query, "vollsmose");
    assert!(!p.hits.is_empty());
    typed(&mut app, "<Enter>");
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(selected_id(&app), "fyn");
    let View::Project { project, .. } = *app.view() else {
        panic!("project not opened: {:?}", app.view())
    };
    assert!(app.data().projects[project].name().contains("Vollsmose"));
    // A district hit selects the district at the overview.
    typed(&mut app, "/kobenhavns vestegn<Enter>");
    assert_eq!(selected_id(&app), "koebenhavns-vestegn");
    assert_eq!(*app.view(), View::Overview);
}

#[test]
fn hit_counts_are_singular_for_one() {
    let last = |locale: Locale, keys: &str| {
        let mut app = App::new(load_embedded(), locale, (100, 30));
        typed(&mut app, keys);
        screen(&app, false).lines().last().unwrap().to_string()
    };
    assert!(last(Locale::Da, "/pinpoint").contains(" 1 resultat "));
    // Two districts by name, København as head office and as municipality.
    assert!(last(Locale::Da, "/kobenhavn").contains(" 4 resultater "));
    assert!(last(Locale::En, "/pinpoint").contains(" 1 match "));
    assert!(last(Locale::En, "/kobenhavn").contains(" 4 matches "));
}

#[test]
fn typing_in_the_prompt_triggers_no_binding_and_esc_restores_the_view() {
    let mut app = app_at(100, 30);
    typed(&mut app, "h<Enter><Down>");
    let before = (app.stack().to_vec(), app.selected(), app.bars_offset());
    // q, t, u, s, ?, Space: all text in the prompt.
    assert!(!typed(&mut app, "/qtus? <Down><Up>"));
    assert!(!app.help());
    assert_eq!(app.options().unit, kredskort::app::INITIAL_UNIT);
    let Mode::Search(p) = &app.mode() else {
        panic!()
    };
    assert_eq!(p.query, "qtus? ");
    typed(&mut app, "<Backspace><Backspace><Esc>");
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(
        (app.stack().to_vec(), app.selected(), app.bars_offset()),
        before
    );
}

#[test]
fn alt_and_ctrl_chars_are_not_typed_into_the_prompt() {
    use kredskort::input::keymap::Key;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let mut app = app_at(100, 30);
    typed(&mut app, "/ab<A-x><C-u><C-w>C");
    // AltGr as Windows reports it (Ctrl+Alt with the produced character) is text.
    let _ = app.update(Key::new(
        KeyCode::Char('@'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    ));
    // Ctrl+Alt with a letter is a command, not AltGr.
    let quits = app
        .update(Key::new(
            KeyCode::Char('q'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        ))
        .quits();
    let Mode::Search(p) = &app.mode() else {
        panic!("prompt not open")
    };
    assert_eq!(p.query, "abC@");
    assert!(!quits);
}

#[test]
fn n_and_capital_n_step_through_the_hits() {
    let mut app = app_at(100, 30);
    // "politi" is in every district name.
    typed(&mut app, "/politi<Enter>");
    let first = app.selected();
    let n = app.hits().0.len();
    assert!(n >= 12, "{n}");
    typed(&mut app, "n");
    let second = app.selected();
    assert_ne!(first, second);
    typed(&mut app, "N");
    assert_eq!(app.selected(), first);
    typed(&mut app, "N");
    assert_eq!(app.hits().1, n - 1, "N wraps around");
    assert!(status(&app).starts_with(&format!("{n}/{n}")));
    // No search yet: a message, not a crash.
    let mut fresh = app_at(100, 30);
    typed(&mut fresh, "n");
    assert!(fresh.status().is_some());
}

// ---------------------------------------------------------------- filter, units, sort

#[test]
fn theme_filter_shows_only_matching_projects() {
    let mut app = app_at(120, 40);
    let themes = app.theme_list();
    let k = themes.iter().position(|(t, _)| t == "tryghed").unwrap();
    typed(&mut app, "t");
    assert!(matches!(app.mode(), Mode::ThemePick { selected: 0 }));
    for _ in 0..=k {
        typed(&mut app, "j");
    }
    typed(&mut app, "<Enter>");
    assert_eq!(app.options().filter(), Some("tryghed"));
    let vm = &app.figures();
    assert_eq!(vm.shown_projects, themes[k].1);
    // Only Fyn's Vollsmose project has "tryghed": every other district shows nothing.
    let fyn = district(&app, "fyn");
    for d in 0..app.data().districts.len() {
        let amount = vm.figures(d).amount;
        assert_eq!(amount.is_zero(), d != fyn, "{}", app.data().districts[d].id);
    }
    assert!(
        vm.not_itemised_value().is_none(),
        "rest hidden under a filter"
    );
    let s = screen(&app, false);
    assert!(s.contains("Filter: tryghed"), "{s}");
    // (The note may wrap between "intet" and "tema".)
    assert!(
        s.contains("intet tema") || (s.contains("har intet") && s.contains("tema og vises")),
        "the note says why the rest is hidden:\n{s}"
    );
    // "all" clears it.
    typed(&mut app, "t<Home><Enter>");
    assert_eq!(app.options().filter(), None);
    assert!(app.figures().not_itemised_value().is_some());
}

#[test]
fn header_shows_the_title_then_the_filter() {
    let title = load_embedded().meta.title;
    for (w, h) in [(80, 24), (30, 8), (40, 12), (64, 12), (120, 40), (200, 60)] {
        let mut app = app_at(w, h);
        let _ = app.update(Msg::Filter(Some("bander".to_string())));
        let s = screen(&app, false);
        let first = s.lines().next().unwrap();
        let t = first.find("Kriminalpr").unwrap_or(usize::MAX);
        let f = first.find("Filter: ").unwrap_or(usize::MAX);
        assert!(t < f && f < usize::MAX, "{w}x{h}: {first:?}");
        if w >= 80 {
            assert!(first.contains(&title), "{w}x{h}: whole title: {first:?}");
            assert!(first.contains("Filter: bander"), "{w}x{h}: {first:?}");
        }
    }
    // The header alone at every small size: no panic, and both from 12 columns on (the title cut
    // with an ellipsis).
    let mut app = app_at(80, 24);
    let _ = app.update(Msg::Filter(Some("bander".to_string())));
    for w in 0..=40u16 {
        for h in 0..=3u16 {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            kredskort::ui::header::render(buf.area, &mut buf, &app);
            if w >= 12 && h >= 1 {
                let row: String = (0..w).map(|x| buf[(x, 0)].symbol().to_string()).collect();
                assert!(row.starts_with(" Kr") && row.contains('…'), "{w}: {row:?}");
                assert!(row.contains("Fi"), "{w}: {row:?}");
            }
        }
    }
}

#[test]
fn filtered_district_lists_only_matching_projects() {
    let mut app = app_at(120, 40);
    let _ = app.update(Msg::Filter(Some("bander".into())));
    for d in 0..app.data().districts.len() {
        for p in app.visible_projects(d) {
            assert!(
                app.data().projects[p]
                    .themes()
                    .any(|t| t.eq_ignore_ascii_case("bander"))
            );
        }
    }
}

#[test]
fn units_cycle_and_missing_population_is_marked_not_zero() {
    let text = r#"
[dataset]
title = "Enheder"
pool = 1_000
currency = "DKK"

[[district]]
id = "a"
name = "Alfa"
population = 10

[[district]]
id = "b"
name = "Beta"

[[project]]
district = "a"
name = "P1"
amount = 100

[[project]]
district = "b"
name = "P2"
amount = 300
"#;
    let ds = load_str(text, "units.toml", None).unwrap();
    let mut app = App::new(ds, Locale::Da, (100, 30));
    assert_eq!(app.options().unit, Unit::MoneyCompact);
    let mut seen = vec![app.options().unit];
    for _ in 0..4 {
        typed(&mut app, "u");
        seen.push(app.options().unit);
    }
    assert_eq!(
        seen,
        [
            Unit::MoneyCompact,
            Unit::ShareOfPool,
            Unit::PerInhabitant,
            Unit::Money,
            Unit::MoneyCompact
        ]
    );
    typed(&mut app, "uu");
    assert_eq!(app.options().unit, Unit::PerInhabitant);
    let s = screen(&app, false);
    assert!(s.contains("10 kr."), "Alfa: 100 kr. / 10 inhabitants\n{s}");
    assert!(
        s.contains("– 1 kreds uden befolkningstal"),
        "the marker is explained: one of two districts has no population\n{s}"
    );
    assert!(s.contains("pr. indbygger"), "{s}");
    // Without any population the unit is skipped.
    let none = load_str(&with_populations(0), "none.toml", None).unwrap();
    assert!(!none.has_population());
    let mut plain = App::new(none, Locale::Da, (100, 30));
    typed(&mut plain, "uu");
    assert_eq!(plain.options().unit, Unit::Money);
    let s = screen(&plain, false);
    // Full amounts: the unit once in the title, the column's figures without it.
    assert!(
        s.contains("Fordeling · kr.") && s.contains(" 30.000.000│"),
        "{s}"
    );
}

#[test]
fn sort_cycles_amount_name_map_order() {
    let mut app = app_at(100, 30);
    let names = |app: &App| -> Vec<String> {
        app.bar_order()
            .iter()
            .map(|&d| app.data().districts[d].short_name().to_string())
            .collect()
    };
    assert_eq!(names(&app)[0], "København");
    typed(&mut app, "s");
    assert_eq!(app.options().sort, SortOrder::Name);
    let by_name = names(&app);
    assert_eq!(by_name[0], "Bornholm");
    // Danish collation: Ø after every other letter.
    assert_eq!(by_name.last().unwrap(), "Østjylland");
    assert!(screen(&app, false).contains("navn"));
    typed(&mut app, "s");
    assert_eq!(app.options().sort, SortOrder::MapOrder);
    assert_eq!(names(&app)[0], "Nordjylland", "row 0 comes first");
    typed(&mut app, "s");
    assert_eq!(app.options().sort, SortOrder::AmountDesc);
}

// ---------------------------------------------------------------- marks and compare

#[test]
fn marks_and_comparison() {
    let mut app = app_at(100, 30);
    typed(&mut app, "c");
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(status(&app).contains("mindst to"));
    // København, then one step west: Københavns Vestegn.
    typed(&mut app, "<Space>h<Space>");
    assert_eq!(
        app.marks(),
        vec![
            district(&app, "koebenhavn"),
            district(&app, "koebenhavns-vestegn")
        ]
    );
    let s = screen(&app, false);
    assert!(s.contains('◆'), "marks are visible:\n{s}");
    typed(&mut app, "c");
    assert_eq!(*app.mode(), Mode::Compare);
    let c = app.comparison();
    assert_eq!(c.rows.len(), 2);
    assert_eq!(c.total_amount, rust_decimal::Decimal::from(43_600_000));
    let s = screen(&app, false);
    // The total row, in the amount column's one scale (mio. kr., said once in its heading).
    assert!(
        s.contains("Sammenligning") && s.contains("I alt") && s.contains(" 43,6 "),
        "{s}"
    );
    typed(&mut app, "<Esc>");
    assert_eq!(*app.mode(), Mode::Normal);
    // Unmark.
    typed(&mut app, "<Space>");
    assert_eq!(app.marks().len(), 1);
}

#[test]
fn a_row_both_selected_and_marked_shows_both() {
    for (w, h) in [(100, 30), (34, 10), (80, 24)] {
        let mut app = app_at(w, h);
        // Bars focused where the map is shown too; mark the first row, move down, mark, stay.
        let keys = if w >= 64 {
            "<Tab><Space><Down><Space>"
        } else {
            "<Space><Down><Space>"
        };
        typed(&mut app, keys);
        assert_eq!(app.marks().len(), 2, "{w}x{h}");
        let s = screen(&app, false);
        let name = app.data().districts[app.selected()]
            .short_name()
            .to_string();
        let row = s
            .lines()
            .find(|l| l.contains("▶◆"))
            .unwrap_or_else(|| panic!("{w}x{h}: no row shows ▶ and ◆:\n{s}"));
        assert!(row.contains(&name[..6]), "{w}x{h}: {row}");
        // The other marked row keeps its mark, aligned with the names.
        assert!(s.lines().any(|l| l.contains(" ◆")), "{w}x{h}:\n{s}");
    }
    // Without marks the gutter stays one column.
    let s = shot(100, 30, "<Tab>");
    assert!(s.contains("│▶København "), "{s}");
}

// ---------------------------------------------------------------- export

#[test]
fn export_writes_a_new_file_each_time_with_the_view_as_shown() {
    let dir = TempDir::new("export");
    let mut app = app_at(100, 30);
    let _ = app.update(Msg::Filter(Some("bander".into())));
    let export = |app: &mut App, dir: &Path| {
        assert!(export_into(app, dir));
        status(app)
    };
    let first = export(&mut app, dir.path());
    let second = export(&mut app, dir.path());
    assert_ne!(first, second);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        assert!(
            first.contains(&*f.display().to_string()) || second.contains(&*f.display().to_string())
        );
        let csv = std::fs::read_to_string(f).unwrap();
        let rows = csv.lines().count() - 1;
        assert_eq!(rows, app.figures().shown_projects, "{csv}");
        assert!(!csv.contains("Vollsmose") || csv.contains("bander"));
    }
    // Rows follow the bar order: København's project first.
    let csv = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        csv.lines().nth(1).unwrap().contains("københavn")
            || csv.lines().nth(1).unwrap().contains("København"),
        "{csv}"
    );
    // An unwritable place: a message, not a crash.
    export(&mut app, &dir.path().join("missing"));
    assert!(status(&app).starts_with("Eksport mislykkedes"));
}

#[test]
fn the_export_key_only_asks_the_loop_performs_and_render_declines() {
    let dir = TempDir::new("export-effect");
    let files = |dir: &TempDir| std::fs::read_dir(dir.path()).unwrap().count();
    let mut ws = Workspace::new(
        Locale::Da,
        Theme::colour(),
        Keymap::default(),
        MapSettings::default(),
        (100, 30),
    );
    ws = ws.with_tab(None, Ok(Prepared::new(load_embedded())));
    // `update` writes nothing: it only asks, with the bytes to write.
    let asked = ws.update(parse_key_sequence("e").unwrap()[0]).effects;
    let [Effect::Export { stem, bytes }] = asked.as_slice() else {
        panic!("{asked:?}")
    };
    assert!(String::from_utf8_lossy(bytes).contains("Pin-point"));
    assert_eq!(files(&dir), 0);
    // The live loop carries it out: one file, the status line says where.
    assert!(ws.update(write_export(dir.path(), stem, bytes)).changed);
    assert_eq!(files(&dir), 1);
    let status = status(ws.active_app().unwrap());
    assert!(status.starts_with("Visningen er gemt som CSV"), "{status}");
    // Render declines it: no file, and the status line says why.
    let asked = ws.update(parse_key_sequence("e").unwrap()[0]).effects;
    assert!(matches!(asked.as_slice(), [Effect::Export { .. }]));
    assert!(ws.update(Msg::ExportDeclined).changed);
    assert_eq!(files(&dir), 1);
    let s = workspace_screen(&ws, false);
    assert!(s.contains("render skriver ingen fil"), "{s}");
}

#[test]
fn export_status_keeps_the_file_name_when_the_path_is_long() {
    let dir = TempDir::new("export-long");
    let deep = dir
        .path()
        .join("en meget lang mappe med et langt navn")
        .join("endnu en mappe, 東京の資料")
        .join("og så den sidste");
    std::fs::create_dir_all(&deep).unwrap();
    for (w, h) in [(80, 24), (40, 12), (120, 40)] {
        let mut app = app_at(w, h);
        // The live loop writes the file (`update` only asks).
        assert!(export_into(&mut app, &deep));
        let status = status(&app);
        let file = std::path::Path::new(status.rsplit_once(": ").unwrap().1)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(file.ends_with(".csv"), "{status}");
        let s = screen(&app, false);
        let last = s.lines().last().unwrap();
        // The whole file name where the line can hold it, else as much of its end as fits.
        let keep = if w >= 80 { file.len() } else { 30 };
        assert!(
            last.ends_with(&file[file.len() - keep..]),
            "{w}x{h}: file name cut: {last:?}"
        );
        assert!(last.contains('…'), "{w}x{h}: {last:?}");
        assert!(
            kredskort::text::width(last) <= usize::from(w),
            "{w}x{h}: {last:?}"
        );
        if w >= 120 {
            assert!(
                last.starts_with(" Visningen er gemt som CSV: …"),
                "{last:?}"
            );
        }
    }
}

// ---------------------------------------------------------------- reload

#[test]
fn reload_valid_invalid_valid_keeps_selection_and_last_good_data() {
    let dir = TempDir::new("reload");
    let file = dir.path().join("data.toml");
    std::fs::write(&file, DATA).unwrap();
    let ds = kredskort::data::load_file(&file).unwrap();
    let app = App::new(ds, Locale::Da, (100, 30));
    let mut app = app.with_source(Some(file.clone()));
    // Select Københavns Vestegn and open its project.
    typed(&mut app, "h<Enter><Enter>");
    let stack = app.stack().to_vec();
    // Valid change: Vestegn's amount grows.
    std::fs::write(&file, DATA.replace("13_600_000", "14_600_000")).unwrap();
    reload(&mut app, &file);
    assert_eq!(app.reload_error(), None);
    assert_eq!(selected_id(&app), "koebenhavns-vestegn");
    assert_eq!(app.stack(), stack);
    assert!(screen(&app, false).contains("14.600.000"));
    // Invalid: last good data stays, the banner shows path:line:col.
    std::fs::write(
        &file,
        DATA.replace("amount = 7_000_000", "amount = \"syv\""),
    )
    .unwrap();
    reload(&mut app, &file);
    let err = app.reload_error().map(str::to_string).expect("an error");
    assert!(err.contains("data.toml:"), "{err}");
    assert!(
        err.split(':')
            .filter(|p| p.trim().parse::<usize>().is_ok())
            .count()
            >= 2,
        "line and column: {err}"
    );
    assert_eq!(app.stack(), stack);
    let s = screen(&app, false);
    assert!(
        s.contains("Filen er ugyldig") && s.contains("14.600.000"),
        "{s}"
    );
    // Valid again: the banner goes.
    std::fs::write(&file, DATA).unwrap();
    reload(&mut app, &file);
    assert_eq!(app.reload_error(), None);
    assert_eq!(app.stack(), stack);
    assert!(!screen(&app, false).contains("Filen er ugyldig"));
    // A district that disappears: back to the overview, no crash.
    let without: String = DATA.replace("13_600_000", "13_600_001");
    std::fs::write(&file, without).unwrap();
    reload(&mut app, &file);
    assert_eq!(app.stack().len(), 3, "same ids: the drill-down stays");
}

#[test]
fn every_reload_error_gets_the_same_banner_form() {
    let dir = TempDir::new("reload-form");
    let file = dir.path().join("data.toml");
    std::fs::write(&file, DATA).unwrap();
    let banner = |locale: Locale, text: &str| {
        std::fs::write(&file, DATA).unwrap();
        let ds = kredskort::data::load_file(&file).unwrap();
        let app = App::new(ds, locale, (100, 30));
        let mut app = app.with_source(Some(file.clone()));
        std::fs::write(&file, text).unwrap();
        reload(&mut app, &file);
        app.reload_error().map(str::to_string).expect("an error")
    };
    let line_of = |needle: &str| 1 + DATA.lines().position(|l| l == needle).unwrap();
    // A bad value, a syntax error, an empty file: the prefix, the file's name (not the path it
    // was opened by) with line:col where there is one, the message, then the note.
    let bad_value = DATA.replace("amount = 7_000_000", "amount = \"syv\"");
    assert_eq!(
        banner(Locale::Da, &bad_value),
        format!(
            "Filen er ugyldig: data.toml:{}:10: `amount` \"syv\" is not a number; \
             viser de sidste gyldige data",
            line_of("amount = 7_000_000")
        )
    );
    let syntax = format!("{DATA}\n[[project]\n");
    let b = banner(Locale::Da, &syntax);
    let at = format!("Filen er ugyldig: data.toml:{}:", DATA.lines().count() + 2);
    assert!(b.starts_with(&at), "{b}");
    assert!(b.ends_with("; viser de sidste gyldige data"), "{b}");
    assert_eq!(
        banner(Locale::Da, "\n"),
        "Filen er ugyldig: data.toml: the file is empty; viser de sidste gyldige data"
    );
    // English; more errors are counted.
    let two = bad_value.replace("amount = 13_600_000", "amount = \"tretten\"");
    let b = banner(Locale::En, &two);
    assert!(
        b.starts_with("The file is invalid: data.toml:")
            && b.ends_with(" (and 1 more error); showing the last valid data"),
        "{b}"
    );
    let b = banner(Locale::Da, &two);
    assert!(
        b.ends_with(" (og 1 fejl mere); viser de sidste gyldige data"),
        "{b}"
    );
}

/// The shipped data with a second project for Fyn (Vollsmose is the first), for list positions.
fn with_second_fyn_project() -> String {
    format!(
        "{DATA}\n[[project]]\nid = \"ekstra\"\ndistrict = \"fyn\"\nname = \"Ekstra\"\n\
         amount = 1_000_000\nthemes = [\"unge\"]\n"
    )
}

#[test]
fn a_shrinking_project_list_clamps_the_open_district_row() {
    let dir = TempDir::new("clamp");
    let file = dir.path().join("data.toml");
    std::fs::write(&file, with_second_fyn_project()).unwrap();
    let ds = kredskort::data::load_file(&file).unwrap();
    let app = App::new(ds, Locale::Da, (100, 30));
    let mut app = app.with_source(Some(file.clone()));
    typed(&mut app, "/fyns politi<Enter><Enter><Down>");
    let row = |app: &App| match *app.view() {
        View::District { selected, .. } => selected,
        ref v => panic!("not a district: {v:?}"),
    };
    assert_eq!(row(&app), 1);
    // A filter that leaves only Vollsmose.
    let _ = app.update(Msg::Filter(Some("tryghed".to_string())));
    assert_eq!(row(&app), 0);
    let _ = app.update(Msg::Filter(None));
    typed(&mut app, "<Down>");
    assert_eq!(row(&app), 1);
    // A reload without the second project.
    std::fs::write(&file, DATA).unwrap();
    reload(&mut app, &file);
    assert_eq!(app.reload_error(), None);
    assert_eq!(row(&app), 0);
}

#[test]
fn r_on_the_builtin_dataset_says_it_cannot_reload() {
    let mut app = app_at(100, 30);
    let asked = app.update(parse_key_sequence("r").unwrap()[0]).effects;
    assert!(asked.is_empty(), "{asked:?}");
    assert!(app.status().is_some());
}

// ---------------------------------------------------------------- tabs

fn workspace(files: &[(&str, Result<&str, ()>)], dir: &Path, size: (u16, u16)) -> Workspace {
    workspace_in(files, dir, size, Theme::colour())
}

fn workspace_in(
    files: &[(&str, Result<&str, ()>)],
    dir: &Path,
    size: (u16, u16),
    theme: Theme,
) -> Workspace {
    let mut ws = Workspace::new(
        Locale::Da,
        theme,
        Keymap::default(),
        MapSettings::default(),
        size,
    );
    for (name, text) in files {
        let path = dir.join(name);
        let text = match text {
            Ok(t) => (*t).to_string(),
            Err(()) => "[dataset]\ntitle = 3\n".to_string(),
        };
        std::fs::write(&path, text).unwrap();
        let result = kredskort::data::load_file(&path).map(Prepared::new);
        ws = ws.with_tab(Some(path), result);
    }
    ws
}

#[test]
fn a_watcher_error_is_shown_and_the_last_good_data_stays() {
    let dir = TempDir::new("watch-error");
    let other = DATA.replace(
        "title = \"Kriminalpræventive projekter 2014–2015\"",
        "title = \"Anden runde\"",
    );
    let mut ws = workspace(
        &[("a.toml", Ok(DATA)), ("b.toml", Ok(&other))],
        dir.path(),
        (120, 30),
    );
    for k in parse_key_sequence("h<Enter>").unwrap() {
        let _ = ws.update(k);
    }
    let stack = ws.active_app().unwrap().stack().to_vec();
    assert!(
        ws.update(Msg::WatchFailed(
            ("inotify watch limit reached").to_string()
        ))
        .changed,
        "redraw"
    );
    // Every tab says so (the user may be on either when it happens) …
    for t in ws.tabs() {
        let status = status(t.app.as_ref().unwrap());
        assert_eq!(
            status,
            "Filovervågningen svigtede: inotify watch limit reached; de senest indlæste data vises, r genindlæser"
        );
    }
    let s = workspace_screen(&ws, false);
    assert!(
        s.contains("Filovervågningen svigtede: inotify watch limit reached"),
        "{s}"
    );
    // … and nothing else changed: same data, same drill-down.
    assert_eq!(ws.active_app().unwrap().stack(), stack);
    assert!(s.contains("Københavns Vestegn"), "{s}");
    // In English.
    let mut en = Workspace::new(
        Locale::En,
        Theme::colour(),
        Keymap::default(),
        MapSettings::default(),
        (120, 30),
    );
    en = en.with_tab(None, Ok(Prepared::new(load_embedded())));
    let _ = en.update(Msg::WatchFailed("boom".to_string()));
    let status = status(en.active_app().unwrap());
    assert!(
        status.starts_with("Watching the data files failed: boom"),
        "{status}"
    );
}

#[test]
fn tabs_keep_their_own_state_and_a_bad_file_gets_an_error_tab() {
    let dir = TempDir::new("tabs");
    let other = DATA.replace(
        "title = \"Kriminalpræventive projekter 2014–2015\"",
        "title = \"Anden runde\"",
    );
    let mut ws = workspace(
        &[
            ("a.toml", Ok(DATA)),
            ("b.toml", Ok(&other)),
            ("bad.toml", Err(())),
        ],
        dir.path(),
        (100, 30),
    );
    assert_eq!(ws.tabs().len(), 3);
    assert!(ws.tabs()[2].app.is_none() && ws.tabs()[2].error.is_some());
    assert_eq!(
        ws.active_app().unwrap().size(),
        (100, 29),
        "the tab bar takes a row"
    );
    let key = |ws: &mut Workspace, k: &str| {
        let mut quit = false;
        for k in parse_key_sequence(k).unwrap() {
            quit |= ws.update(k).quits();
        }
        quit
    };
    // `u` before drilling in: in a district `u` acts on the project list, which has the focus.
    key(&mut ws, "uh<Enter>");
    key(&mut ws, "]");
    assert_eq!(ws.active(), 1);
    assert_eq!(*ws.active_app().unwrap().view(), View::Overview);
    key(&mut ws, "]");
    let s = workspace_screen(&ws, false);
    assert!(
        s.contains("bad.toml") && s.contains("kunne ikke indlæses"),
        "{s}"
    );
    assert!(s.contains(":2:"), "the error is located:\n{s}");
    key(&mut ws, "jjk<Enter>");
    key(&mut ws, "]");
    assert_eq!(ws.active(), 0, "wraps");
    let a = ws.active_app().unwrap();
    assert_eq!(selected_id(a), "koebenhavns-vestegn");
    assert_eq!(a.stack().len(), 2);
    assert_eq!(a.options().unit, Unit::ShareOfPool);
    key(&mut ws, "[");
    assert_eq!(ws.active(), 2);
    // The bad file is fixed: its tab opens.
    std::fs::write(dir.path().join("bad.toml"), DATA).unwrap();
    let bad = dir.path().join("bad.toml");
    let result = kredskort::data::load_file(&bad).map(Prepared::new);
    assert!(
        ws.update(Msg::Loaded {
            path: bad,
            result: Box::new(result)
        })
        .changed
    );
    assert!(ws.tabs()[2].app.is_some() && ws.tabs()[2].error.is_none());
    assert!(key(&mut ws, "q"));
}

// ---------------------------------------------------------------- config [theme] and [keys]

fn config_settings(text: &str) -> kredskort::commands::dashboard::Settings {
    let dir = TempDir::new("config");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    let cfg = kredskort::config::parse_config(text, "config.toml", None, Some(&path)).unwrap();
    kredskort::commands::dashboard::Settings {
        theme_entries: cfg.theme_entries,
        key_entries: cfg.key_entries,
        config_path: Some(PathBuf::from("config.toml")),
        ..Default::default()
    }
}

#[test]
fn keys_and_theme_from_config_apply_and_show_in_help() {
    let s = config_settings(
        "[theme]\naccent = \"#ff8800\"\nheat = \"#ffffcc #ffeda0 #feb24c #fd8d3c #f03b20 #bd0026\"\n\
         [keys]\nsearch = \"f\"\nquit = \"x <C-c>\"\n",
    );
    let (theme, keymap) = kredskort::commands::dashboard::check_style(&s).unwrap();
    assert_eq!(
        theme.accent.fg,
        Some(ratatui::style::Color::Rgb(0xff, 0x88, 0x00))
    );
    assert_eq!(
        keymap.action(kredskort::input::keymap::Key::char('f')),
        Some(Action::Search)
    );
    assert_eq!(
        keymap.action(kredskort::input::keymap::Key::char('q')),
        None
    );
    let app = app_at(100, 40);
    let mut app = app.with_keymap(keymap);
    // The help is longer than 40 rows: the movement keys are on its first page, quit on its last.
    typed(&mut app, "?");
    let shot = screen(&app, false);
    assert!(shot.contains("f "), "{shot}");
    typed(&mut app, "<End>");
    let shot = screen(&app, false);
    assert!(shot.contains("x  C-c"), "{shot}");
}

#[test]
fn bad_keys_and_colours_are_located_errors() {
    let s = config_settings(
        "[theme]\naccent = \"purplish\"\nglow = \"red\"\n[keys]\nfly = \"f\"\nsearch = \"<Entr>\"\nquit = \"z\"\nhelp = \"z\"\n",
    );
    let report = kredskort::commands::dashboard::check_style(&s).unwrap_err();
    for needle in [
        "config.toml:2:10",
        "purplish",
        "config.toml:3:1",
        "glow",
        "config.toml:5:1",
        "unknown action `fly`",
        "config.toml:6:10",
        "Entr",
        "bound twice",
    ] {
        assert!(report.contains(needle), "{needle} missing from:\n{report}");
    }
}

// ---------------------------------------------------------------- --plain is ASCII

fn assert_ascii(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf.cell((x, y)).unwrap().symbol();
            assert!(sym.is_ascii(), "{what}: non-ASCII {sym:?} at {x},{y}");
        }
    }
}

#[test]
fn plain_screens_are_pure_ascii() {
    let dir = TempDir::new("plain");
    for (w, h) in [(80, 24), (120, 40), (40, 12), (20, 5)] {
        for keys in [
            "",
            "h<Enter>",
            "h<Enter><Enter>",
            "?",
            "/kob",
            "t",
            "<Space>h<Space>c",
            "uu",
            "uuu",
        ] {
            let app = app_at(w, h);
            let mut app = app.with_theme(Theme::plain());
            typed(&mut app, keys);
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            kredskort::ui::render(buf.area, &mut buf, &app);
            assert_ascii(&buf, &format!("{w}x{h} {keys}"));
        }
    }
    let mut ws = workspace_in(
        &[("a.toml", Ok(DATA)), ("bad.toml", Err(()))],
        dir.path(),
        (80, 24),
        Theme::plain(),
    );
    for keys in ["", "]"] {
        for k in parse_key_sequence(keys).unwrap() {
            let _ = ws.update(k);
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        kredskort::ui::tabbar::render_workspace(buf.area, &mut buf, &ws);
        assert_ascii(&buf, &format!("workspace {keys}"));
    }
}

#[test]
fn plain_arrow_keys_are_named_in_the_locale() {
    let plain = |locale: Locale, keys: &str| {
        let app = App::new(load_embedded(), locale, (100, 30));
        let mut app = app.with_theme(Theme::plain());
        typed(&mut app, keys);
        screen(&app, false).lines().last().unwrap().to_string()
    };
    // `--plain` spells the drawn text in ASCII the Danish way: Højre is Hoejre.
    let da = plain(Locale::Da, "");
    assert!(
        da.starts_with(" Op/Ned/Venstre/Hoejre flyt  Enter aabn"),
        "{da}"
    );
    let da = plain(Locale::Da, "t");
    assert!(da.starts_with(" Op/Ned v"), "{da}");
    let da = plain(Locale::Da, "/a");
    assert!(da.contains("Op/Ned: v"), "{da}");
    let en = plain(Locale::En, "");
    assert!(en.starts_with(" Up/Down/Left/Right move"), "{en}");
    let en = plain(Locale::En, "t");
    assert!(en.starts_with(" Up/Down choose"), "{en}");
    let en = plain(Locale::En, "/a");
    assert!(en.contains("Up/Down: choose"), "{en}");
    // With symbols the arrows run together as before.
    let mut app = App::new(load_embedded(), Locale::Da, (100, 30));
    typed(&mut app, "t");
    let s = screen(&app, false);
    assert!(s.lines().last().unwrap().starts_with(" ↑↓ vælg"), "{s}");
}

#[test]
fn plain_spells_danish_letters_with_two_and_keeps_columns() {
    let app = app_at(100, 40);
    let mut app = app.with_theme(Theme::plain());
    typed(&mut app, "h<Enter><Enter>");
    let s = screen(&app, false);
    for word in [
        "Koebenhavns Vestegns Politi",
        "Maalgruppe",
        "Beloeb",
        "faa de unge",
    ] {
        assert!(s.contains(word), "{word}:\n{s}");
    }
    // The label column is as wide as the spelled labels: the values line up.
    let col = |label: &str| {
        let line = s.lines().find(|l| l.contains(label)).unwrap();
        let after = &line[line.find(label).unwrap() + label.len()..];
        line.len() - after.trim_start().len()
    };
    assert_eq!(col("| Maalgruppe"), col("| Partnere"), "\n{s}");
    assert_eq!(col("| Beloeb"), col("| Kreds"), "\n{s}");
    for line in s.lines() {
        assert_eq!(line.len(), line.chars().count(), "ASCII only: {line}");
        assert!(line.len() <= 100, "{line}");
    }
}

/// With `--plain` the wrapped prose is broken for its ASCII spelling, so no word is cut to make room
/// for `aa`/`oe`: the Pin-point project's target group and summary keep `indre Noerrebro` whole at
/// 80x24 (the pass over the finished screen used to leave `det ind~`).
#[test]
fn plain_wraps_the_ascii_spelling_and_loses_no_word() {
    let app = app_at(80, 24);
    let mut app = app.with_theme(Theme::plain());
    typed(&mut app, "<Enter><Enter>");
    let s = screen(&app, false);
    let joined: String = s
        .lines()
        .filter_map(|l| l.split("||").nth(1))
        .map(|l| l.trim_end_matches('|').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!s.contains("ind~"), "a word was cut:\n{s}");
    assert!(joined.contains("paa det indre Noerrebro"), "{joined}\n{s}");
    assert!(
        joined.contains("bandekriminaliteten paa det indre Noerrebro."),
        "{joined}\n{s}"
    );
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_search_prompt_with_results() {
    insta::assert_snapshot!("search_80x24", shot(80, 24, "/kobenhavn"));
    insta::assert_snapshot!("search_120x40", shot(120, 40, "/kobenhavn"));
}

#[test]
fn snapshot_theme_pick_list() {
    insta::assert_snapshot!("theme_pick_80x24", shot(80, 24, "tjj"));
    insta::assert_snapshot!("theme_filtered_120x40", shot(120, 40, "tjj<Enter>"));
}

#[test]
fn snapshot_comparison() {
    insta::assert_snapshot!("compare_80x24", shot(80, 24, "<Space>h<Space>c"));
    insta::assert_snapshot!("compare_120x40", shot(120, 40, "<Space>h<Space>c"));
}

#[test]
fn snapshot_reload_banner_and_tab_bar() {
    let dir = TempDir::new("snap");
    let bad = DATA.replace("amount = 7_000_000", "amount = \"syv\"");
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut ws = workspace(
            &[("a.toml", Ok(DATA)), ("b.toml", Ok(DATA))],
            dir.path(),
            (w, h),
        );
        // The error as a file given by a relative name reports it (a temp path would vary).
        let _ = ws.update(Action::NextTab);
        let b = dir.path().join("b.toml");
        let err = load_str(&bad, "b.toml", None).map(Prepared::new);
        assert!(
            ws.update(Msg::Loaded {
                path: b.to_path_buf(),
                result: Box::new(err)
            })
            .changed
        );
        let s = workspace_screen(&ws, false);
        let line = 1 + DATA
            .lines()
            .position(|l| l == "amount = 7_000_000")
            .unwrap();
        assert!(s.contains(&format!("b.toml:{line}:10")), "{s}");
        insta::assert_snapshot!(format!("reload_banner_tabs_{w}x{h}"), s);
    }
}

#[test]
fn the_readme_configuration_example_is_valid() {
    let readme = include_str!("../README.md");
    let start = readme.find("## Configuration").unwrap();
    let block = &readme[start..];
    let block = &block[block.find("```toml\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    // The data files of the example do not exist here.
    let text: String = block
        .lines()
        .filter(|l| !l.starts_with("data"))
        .map(|l| format!("{l}\n"))
        .collect();
    let s = config_settings(&text);
    let (_, keymap) = kredskort::commands::dashboard::check_style(&s).unwrap();
    for a in Action::BINDABLE {
        assert!(!keymap.keys_for(a).is_empty(), "{a:?} lost every key");
    }
}

#[test]
fn overlays_at_any_small_size_do_not_panic() {
    for keys in ["/kob", "/zzzz", "t", "<Space>h<Space>c", "uu", "uuu"] {
        let mut base = app_at(100, 30);
        typed(&mut base, keys);
        for w in (1..=70).step_by(3) {
            for h in (1..=26).step_by(2) {
                let mut app = base.clone();
                let _ = app.update(Action::Resize(w, h));
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                kredskort::ui::render(buf.area, &mut buf, &app);
            }
        }
    }
}

// ---------------------------------------------------------------- the error tab (review defects)

/// The shipped file with `amount` misspelt on the project of 9.5 million.
fn typo_data() -> String {
    DATA.replacen("amount = 9_500_000", "amout = 9_500_000", 1)
}

/// The column (in characters) where `needle` starts on the screen line containing it.
fn column_of(screen: &str, needle: &str) -> Option<usize> {
    screen
        .lines()
        .find_map(|l| l.find(needle).map(|b| l[..b].chars().count()))
}

fn key_ws(ws: &mut Workspace, keys: &str) {
    for k in parse_key_sequence(keys).unwrap() {
        let _ = ws.update(k);
    }
}

#[test]
fn the_error_tab_keeps_the_report_layout_and_shows_its_keys() {
    let dir = TempDir::new("error-tab");
    let typo = typo_data();
    for (w, h) in [(120u16, 30u16), (100, 30), (80, 24), (44, 20)] {
        let mut ws = workspace(
            &[("a.toml", Ok(DATA)), ("typo.toml", Ok(&typo))],
            dir.path(),
            (w, h),
        );
        key_ws(&mut ws, "]");
        let s = workspace_screen(&ws, false);
        // The marker stays under what it marks, as in the report.
        let code = column_of(&s, "amout = 9_500_000").expect(&s);
        let marker = column_of(&s, "^^^^^ unknown key").expect(&s);
        assert_eq!(code, marker, "{w}x{h}\n{s}");
        assert_eq!(column_of(&s, "| amout"), column_of(&s, "| ^^^^^"), "{s}");
        // The keys that act here.
        let last = s.lines().last().unwrap();
        for hint in ["[] faner", "r genindlæs"] {
            assert!(last.contains(hint), "{w}x{h}: {last}");
        }
        if w >= 80 {
            assert!(
                last.contains("↑↓←→ rul") && last.contains("q afslut"),
                "{last}"
            );
        }
    }
}

#[test]
fn the_error_tab_wraps_prose_under_its_text_and_scrolls_code_sideways() {
    let dir = TempDir::new("error-tab-narrow");
    let typo = typo_data();
    let name = "et-meget-langt-filnavn-til-datafilen.toml";
    let mut ws = workspace(
        &[("a.toml", Ok(DATA)), (name, Ok(&typo))],
        dir.path(),
        (34, 20),
    );
    key_ws(&mut ws, "]");
    let s = workspace_screen(&ws, false);
    // The hint wraps under its text, not under `=`.
    let hint = column_of(&s, "= hint: ").unwrap() + "= hint: ".len();
    let rows: Vec<&str> = s.lines().collect();
    let k = rows.iter().position(|l| l.contains("= hint: ")).unwrap();
    let next = rows[k + 1];
    let indent = next.len() - next.trim_start().len();
    assert_eq!(indent, hint, "{s}");
    // The path line is cut at the edge with `…`, never wrapped onto the next row.
    let arrow = rows.iter().position(|l| l.contains("--> ")).unwrap();
    assert!(rows[arrow].trim_end().ends_with('…'), "{s}");
    assert!(rows[arrow + 1].trim() == "|", "{s}");
    // Right scrolls the excerpt sideways: the line number goes, the marker stays aligned.
    key_ws(&mut ws, "<Right>");
    let moved = workspace_screen(&ws, false);
    assert_ne!(moved, s);
    assert!(!moved.contains("177 |"), "{moved}");
    assert_eq!(
        column_of(&moved, "out = 9_500_000"),
        column_of(&moved, "^^^ unknown key"),
        "{moved}"
    );
    key_ws(&mut ws, "<Left>");
    assert_eq!(workspace_screen(&ws, false), s);
    // Scrolling is bounded: far right and down, then back home.
    key_ws(&mut ws, &"<Right>".repeat(50));
    key_ws(&mut ws, &"<PageDown>".repeat(5));
    assert!(ws.tabs()[1].error_scroll.1 <= 80);
    key_ws(&mut ws, "g");
    assert_eq!(workspace_screen(&ws, false), s);
}

/// The shipped file with a `population` on the first `n` districts only (its own taken out).
fn with_populations(n: usize) -> String {
    let mut out = String::new();
    let mut given = 0;
    for line in DATA.lines().filter(|l| !l.starts_with("population = ")) {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("tile = ") && given < n {
            given += 1;
            out.push_str(&format!("population = {}\n", 100_000 * given));
        }
    }
    out
}

#[test]
fn the_per_inhabitant_note_counts_the_districts_without_a_population() {
    let text = with_populations(7);
    let ds = load_str(&text, "partial.toml", None).unwrap();
    assert_eq!(ds.districts.len(), 12);
    assert_eq!(
        ds.districts
            .iter()
            .filter(|d| d.population.is_some())
            .count(),
        7
    );
    for (locale, want) in [
        (Locale::Da, "– 5 kredse uden befolkningstal"),
        (Locale::En, "– 5 districts without a population"),
    ] {
        let mut app = App::new(ds.clone(), locale, (120, 40));
        typed(&mut app, "uu");
        assert_eq!(app.options().unit, Unit::PerInhabitant);
        let s = screen(&app, false);
        // The status line and the note under the bars both say how many.
        assert_eq!(s.matches(want).count(), 2, "{locale:?}\n{s}");
        assert!(!s.contains("ingen befolkningstal i datafilen"), "{s}");
        assert!(!s.contains("no population in the data file"), "{s}");
    }
    // One district short: singular.
    let ds = load_str(&with_populations(11), "partial.toml", None).unwrap();
    let mut app = App::new(ds, Locale::Da, (120, 40));
    typed(&mut app, "uu");
    assert!(screen(&app, false).contains("– 1 kreds uden befolkningstal"));
}

#[test]
fn the_prompt_takes_a_query_as_long_as_is_searched_and_says_so() {
    let mut app = app_at(100, 30);
    let long = format!("/kobenhavn{}", "a".repeat(400));
    typed(&mut app, &long);
    let Mode::Search(p) = app.mode() else {
        panic!("prompt open")
    };
    assert_eq!(p.query.chars().count(), kredskort::search::MAX_QUERY_CHARS);
    assert!(p.full);
    let s = screen(&app, false);
    let prompt = s.lines().last().unwrap();
    assert!(prompt.contains("(højst 256 tegn søges)"), "{prompt}");
    assert!(
        prompt.contains('…'),
        "the end of the query, where one types: {prompt}"
    );
    // Backspace makes room again.
    typed(&mut app, "<Backspace>");
    let Mode::Search(p) = app.mode() else {
        panic!()
    };
    assert!(!p.full);
}

/// The shipped round at 120x40 in truecolour with the config `theme` (a `[theme]` table), drawn
/// on the outline and on the tiles.
fn both_maps_themed(theme: &str) -> Vec<(kredskort::config::MapMode, ratatui::buffer::Buffer)> {
    use kredskort::config::MapMode;
    use kredskort::style::rgb::ColorMode;
    let s = config_settings(&format!("[theme]\n{theme}\n"));
    let (theme, _) = kredskort::commands::dashboard::check_style(&s).unwrap();
    let truecolor = MapSettings {
        mode: None,
        color: ColorMode::TrueColor,
        allow_outline: true,
    };
    [MapMode::Outline, MapMode::Tiles]
        .into_iter()
        .map(|mode| {
            let app = App::new(load_embedded(), Locale::Da, (120, 40))
                .with_theme(theme.clone())
                .with_map_settings(truecolor)
                .with_map_mode(mode);
            (mode, kredskort::commands::render::draw_buffer(&app))
        })
        .collect()
}

/// `[theme] heat` shades both maps (and their legends): the scale runs through its six colours,
/// so the top class is the last of them.
#[test]
fn theme_heat_is_the_maps_scale() {
    use ratatui::style::Color;
    let top = Color::Rgb(0x10, 0x20, 0x30);
    for (mode, buf) in
        both_maps_themed("heat = \"#fffff0 #ddeeff #aaccee #7799cc #4466aa #102030\"")
    {
        let found = buf.content().iter().any(|c| c.bg == top || c.fg == top);
        assert!(
            found,
            "{mode:?}: København's class in the top colour of [theme] heat"
        );
    }
}

/// `[theme] selection` is the selection's colour everywhere: the list's selected row and the
/// selected district on both maps (the outline drawn over its fill, the ring round its tile).
/// The map has focus at the start, so the selection is drawn in the colour (not the unfocused
/// grey).
#[test]
fn theme_selection_marks_the_maps_selection() {
    use ratatui::style::Color;
    let green = Color::Rgb(0, 0xc0, 0);
    for (mode, buf) in both_maps_themed("selection = \"#00c000\"") {
        let on_map = buf.content().iter().filter(|c| c.fg == green).count();
        assert!(
            on_map > 4,
            "{mode:?}: {on_map} cells in the selection colour"
        );
        assert!(
            !buf.content()
                .iter()
                .any(|c| c.fg == Color::Rgb(255, 64, 160)),
            "{mode:?}: the built-in magenta is gone"
        );
    }
}

#[test]
fn compare_shows_every_marked_district_as_a_row() {
    // Three marked districts at 80x24: all three and the total, nothing dropped.
    let mut app = app_at(80, 24);
    typed(&mut app, "<Tab><Space>j<Space>j<Space>c");
    assert_eq!(*app.mode(), Mode::Compare);
    let s = screen(&app, false);
    for name in [
        "København ",
        "Københavns Vestegn",
        "Midt- og Vestsjælland",
        "I alt",
    ] {
        assert!(s.contains(name), "{name}\n{s}");
    }
    // With the shipped round's populations one column does not fit at 80 columns: the title
    // names it, nothing is dropped silently.
    assert!(s.contains("skjult: indb."), "{s}");
    insta::assert_snapshot!("compare_three_80x24", s);
    // Narrow, with populations: columns go in the stated order, and the title says which.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/landsdele.toml"
    ))
    .unwrap();
    let ds = load_str(&text, "landsdele.toml", None).unwrap();
    let mut app =
        App::new(ds, Locale::Da, (60, 20)).with_map_mode(kredskort::config::MapMode::Tiles);
    typed(&mut app, "<Tab><Space>j<Space>j<Space>c");
    let s = screen(&app, false);
    assert!(s.contains("skjult: indb., % valgte"), "{s}");
    for name in ["Hovedstaden", "Sjælland", "Syddanmark", "I alt"] {
        assert!(s.contains(name), "{name}\n{s}");
    }
    for (w, h) in [(120, 36), (200, 60)] {
        let mut app = app_at(w, h);
        typed(&mut app, "<Tab><Space>j<Space>j<Space>c");
        insta::assert_snapshot!(format!("compare_three_{w}x{h}"), screen(&app, false));
    }
}

/// The dashboard draws its first frame before the search index exists and builds it on another
/// thread: the first frame, and every search after the index is in, are the same as with the index
/// built up front.
#[test]
fn a_search_index_built_after_the_first_frame_changes_nothing() {
    let ds = load_embedded();
    let mut eager = App::with_prepared(Prepared::new(ds.clone()), Locale::Da, (120, 40));
    let mut late = App::with_prepared(Prepared::without_search(ds), Locale::Da, (120, 40));
    assert!(late.search_pending() && !eager.search_pending());
    assert_eq!(screen(&eager, true), screen(&late, true));
    let index = kredskort::search::SearchIndex::build(late.data());
    let _ = late.update(Msg::SearchIndexBuilt {
        tab: 0,
        index: Some(Box::new(index)),
        of: late.shared_data(),
    });
    assert!(!late.search_pending());
    for q in ["vollsmose", "ko", "bander", "kobenhavn", "zzz"] {
        assert_eq!(
            eager.search_index().query(q),
            late.search_index().query(q),
            "{q}"
        );
    }
    for keys in ["/vollsmose", "<Down><Enter>", "<Esc><Esc>/kob<Enter>"] {
        typed(&mut eager, keys);
        typed(&mut late, keys);
        assert_eq!(screen(&eager, true), screen(&late, true), "after {keys}");
    }
}

/// A query typed before the index is in: the box says the index is being built (not "no
/// match"), Enter keeps it open, and when the index arrives the query runs as if it had been there.
/// An index built over data that a reload has replaced meanwhile is dropped.
#[test]
fn a_query_typed_before_the_search_index_runs_when_it_arrives() {
    let ds = load_embedded();
    let mut eager = App::with_prepared(Prepared::new(ds.clone()), Locale::Da, (120, 40));
    let mut late = App::with_prepared(Prepared::without_search(ds), Locale::Da, (120, 40));
    typed(&mut late, "/vollsmose<Enter>");
    assert!(matches!(late.mode(), Mode::Search(_)));
    let s = screen(&late, false);
    assert!(s.contains("Søgeindekset bygges"), "{s}");
    assert!(!s.contains("Ingen resultater"), "{s}");
    // An index over another dataset (a reload's predecessor) is not taken.
    let other = std::sync::Arc::new(load_embedded());
    let _ = late.update(Msg::SearchIndexBuilt {
        tab: 0,
        index: Some(Box::new(kredskort::search::SearchIndex::build(&other))),
        of: other,
    });
    assert!(late.search_pending());
    let _ = late.update(Msg::SearchIndexBuilt {
        tab: 0,
        index: Some(Box::new(kredskort::search::SearchIndex::build(late.data()))),
        of: late.shared_data(),
    });
    assert!(!late.search_pending());
    typed(&mut eager, "/vollsmose");
    assert_eq!(screen(&eager, true), screen(&late, true));
    typed(&mut eager, "<Enter>");
    typed(&mut late, "<Enter>");
    assert_eq!(screen(&eager, true), screen(&late, true));
}

/// A search index that could not be built (a panic on its thread) leaves the tab without search
/// and says so, instead of a prompt that waits for it for ever.
#[test]
fn a_failed_search_index_says_so_and_waits_no_more() {
    let mut app = App::with_prepared(
        Prepared::without_search(load_embedded()),
        Locale::Da,
        (120, 40),
    );
    let _ = app.update(Msg::SearchIndexBuilt {
        tab: 0,
        index: None,
        of: app.shared_data(),
    });
    assert!(!app.search_pending());
    let s = screen(&app, false);
    assert!(s.contains("Søgeindekset kunne ikke bygges"), "{s}");
    typed(&mut app, "/vollsmose");
    let s = screen(&app, false);
    assert!(s.contains("Ingen resultater"), "{s}");
    typed(&mut app, "<Enter>");
    assert!(!matches!(app.mode(), Mode::Search(_)));
}

/// The same through the workspace, which hands the index to its tab.
#[test]
fn the_workspace_hands_a_late_search_index_to_its_tab() {
    let ws = |prepared: Prepared| {
        Workspace::new(
            Locale::Da,
            Theme::default(),
            Keymap::default(),
            MapSettings::default(),
            (120, 40),
        )
        .with_tab(None, Ok(prepared))
    };
    let mut eager = ws(Prepared::new(load_embedded()));
    let mut late = ws(Prepared::without_search(load_embedded()));
    assert_eq!(
        workspace_screen(&eager, false),
        workspace_screen(&late, false)
    );
    let app = late.tabs()[0].app.as_ref().unwrap();
    let index = kredskort::search::SearchIndex::build(app.data());
    let of = app.shared_data();
    let _ = late.update(Msg::SearchIndexBuilt {
        tab: 0,
        index: Some(Box::new(index)),
        of,
    });
    assert!(!late.tabs()[0].app.as_ref().unwrap().search_pending());
    for k in parse_key_sequence("/vollsmose").unwrap() {
        let _ = eager.update(k);
        let _ = late.update(k);
    }
    assert_eq!(
        workspace_screen(&eager, false),
        workspace_screen(&late, false)
    );
}
