//! The change view (`d`): two rounds side by side, district by district, as a user reaches it in
//! a workspace of tabs, and as `render --keys` draws it. The rounds are the synthetic ones of
//! `tests/fixtures/rounds/` (a renamed district, one ended, one new, a project moved, a shrinking
//! pool, a round without populations, one in another currency).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use kredskort::app::Msg;
use kredskort::app::map_mode::MapSettings;
use kredskort::app::tabs::Workspace;
use kredskort::commands::render::workspace_screen;
use kredskort::input::action::Action;
use kredskort::input::keymap::{Keymap, parse_key_sequence};
use kredskort::locale::Locale;
use kredskort::screen::change::{ChangeFigures, ChangeUnit};
use kredskort::search::Prepared;
use kredskort::style::rgb::ColorMode;
use kredskort::style::theme::Theme;

fn round(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/rounds/{name}.toml"))
}

fn workspace(names: &[&str], size: (u16, u16), theme: Theme, locale: Locale) -> Workspace {
    // The map's colour mode goes with the theme, as the dashboard pairs them: a theme without
    // colour (`NO_COLOR`, `--plain`) shades by patterns.
    let color = if theme.title.fg.is_some() || theme.selected.bg.is_some() {
        ColorMode::TrueColor
    } else {
        ColorMode::NoColor
    };
    let mut ws = Workspace::new(
        locale,
        theme,
        Keymap::default(),
        MapSettings {
            color,
            ..MapSettings::default()
        },
        size,
    );
    for name in names {
        let path = round(name);
        let result = kredskort::data::load_file(&path).map(Prepared::new);
        ws = ws.with_tab(Some(path), result);
    }
    ws
}

/// Types `keys`; whether the last one changed the screen.
fn typed(ws: &mut Workspace, keys: &str) -> bool {
    let mut changed = false;
    for k in parse_key_sequence(keys).unwrap() {
        changed = ws.update(k).changed;
    }
    changed
}

const THREE: [&str; 3] = ["runde-2016", "runde-2018", "runde-2020"];

#[test]
fn d_opens_the_change_view_of_the_previous_round_and_this_one_and_closes_it() {
    let mut ws = workspace(&THREE, (120, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "]]");
    assert_eq!(ws.active(), 2);
    assert!(typed(&mut ws, "d"));
    let view = ws.change().expect("open");
    assert_eq!((view.base, ws.active()), (1, 2), "2018 → 2020");
    let s = workspace_screen(&ws, false);
    assert!(s.contains("Udvikling · Runde 2018 → Runde 2020"), "{s}");
    // Tabs move the comparison; the base stays. x swaps them.
    typed(&mut ws, "[");
    assert_eq!((ws.change().unwrap().base, ws.active()), (1, 1));
    typed(&mut ws, "[x");
    assert_eq!((ws.change().unwrap().base, ws.active()), (0, 1));
    // d again, or Esc, closes it: the tab is as it was.
    assert!(typed(&mut ws, "d"));
    assert!(ws.change().is_none());
    typed(&mut ws, "d<Esc>");
    assert!(ws.change().is_none());
    // On the first tab the view compares it with the next one.
    let mut ws = workspace(&THREE, (120, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "d");
    assert_eq!((ws.change().unwrap().base, ws.active()), (0, 1));
}

#[test]
fn with_one_round_d_says_why_there_is_nothing_to_compare() {
    let mut ws = workspace(&["runde-2016"], (100, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "d");
    assert!(ws.change().is_none());
    let s = workspace_screen(&ws, false);
    assert!(s.contains("Udvikling sammenligner to runder"), "{s}");
}

#[test]
fn new_and_ended_districts_are_words_not_changes_from_zero() {
    let mut ws = workspace(&THREE, (120, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "d");
    let s = workspace_screen(&ws, false);
    let line = |name: &str| {
        s.lines()
            .find(|l| l.contains(&format!("│ {name} ")) || l.contains(&format!("│▶{name} ")))
            .unwrap()
            .to_string()
    };
    assert!(line("Vestkredsen").contains(" ny "), "{s}");
    assert!(line("Østkredsen").contains(" ophørt "), "{s}");
    assert!(line("Nordkredsen").contains(" +100.000 ") && line("Nordkredsen").contains("+25,0 %"));
    // Renamed between the rounds (same id): one row, by the comparison's name.
    assert!(
        s.contains("Syd- og Vestkredsen") && !s.contains("│ Sydkredsen"),
        "{s}"
    );
    assert!(
        s.contains("Pulje 1.000.000 kr. → 800.000 kr. (−200.000 kr.)"),
        "{s}"
    );
}

#[test]
fn enter_shows_the_districts_projects_of_both_rounds_matched_by_id() {
    let mut ws = workspace(&THREE, (120, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "d<Enter>");
    assert!(ws.change().unwrap().open);
    let s = workspace_screen(&ws, false);
    assert!(s.contains("Projekter · Nordkredsen"), "{s}");
    assert!(
        s.contains("Tryg by") && s.contains("400.000 kr. → 350.000 kr."),
        "{s}"
    );
    // Moved here from Østkredsen: new in Nordkredsen.
    assert!(s.contains("150.000 kr. (ny)"), "{s}");
    typed(&mut ws, "<Esc>");
    assert!(!ws.change().unwrap().open, "Esc closes the projects first");
    assert!(ws.change().is_some());
}

#[test]
fn units_and_order_and_per_inhabitant_only_where_both_rounds_have_populations() {
    let mut ws = workspace(&THREE, (120, 30), Theme::colour(), Locale::Da);
    // 2016 → 2018: 2018 has no populations, so u goes money compact → full → compact.
    typed(&mut ws, "d");
    typed(&mut ws, "u");
    assert_eq!(ws.change().unwrap().unit, ChangeUnit::Full);
    typed(&mut ws, "u");
    assert_eq!(ws.change().unwrap().unit, ChangeUnit::Compact);
    // 2016 → 2020: both have populations for some districts.
    typed(&mut ws, "]uu");
    assert_eq!(ws.change().unwrap().unit, ChangeUnit::PerInhabitant);
    let s = workspace_screen(&ws, false);
    assert!(s.contains("kr. pr. indbygger"), "{s}");
    assert!(
        s.contains(" 4,00 3,47  −0,53 "),
        "Nord: 400.000/100.000 → 350.000/101.000:\n{s}"
    );
    // s: by decrease puts the largest fall first.
    typed(&mut ws, "u");
    typed(&mut ws, "s");
    let ChangeFigures::Compared(c) = &ws.change().unwrap().figures else {
        panic!()
    };
    assert_eq!(c.rows[0].id, "syd", "200.000 → 0,50 is the largest fall");
}

#[test]
fn rounds_in_two_currencies_get_one_message_and_no_numbers() {
    let mut ws = workspace(
        &["runde-2016", "kroner-nok"],
        (80, 24),
        Theme::colour(),
        Locale::En,
    );
    typed(&mut ws, "d");
    let s = workspace_screen(&ws, false);
    assert!(
        s.contains("The rounds cannot be compared: Runde 2016 is in DKK and Runde i NOK in NOK"),
        "{s}"
    );
    assert!(!s.contains("400,000"), "{s}");
}

#[test]
fn a_reload_of_a_round_updates_the_view() {
    let dir = std::env::temp_dir().join(format!("kredskort-change-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.toml"), dir.join("b.toml"));
    std::fs::copy(round("runde-2016"), &a).unwrap();
    std::fs::copy(round("runde-2018"), &b).unwrap();
    let mut ws = Workspace::new(
        Locale::Da,
        Theme::colour(),
        Keymap::default(),
        MapSettings::default(),
        (120, 30),
    );
    for p in [&a, &b] {
        let result = kredskort::data::load_file(p).map(Prepared::new);
        ws = ws.with_tab(Some(p.clone()), result);
    }
    typed(&mut ws, "]d");
    let text = std::fs::read_to_string(&b)
        .unwrap()
        .replace("\"350000\"", "\"300000\"");
    std::fs::write(&b, text).unwrap();
    let result = kredskort::data::load_file(&b).map(Prepared::new);
    let _ = ws.update(Msg::Loaded {
        path: b.clone(),
        result: Box::new(result),
    });
    let s = workspace_screen(&ws, false);
    assert!(s.contains(" +50.000 ") && s.contains("+12,5 %"), "{s}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn snapshots_at_two_sizes_in_both_languages_colour_no_color_and_plain() {
    for (name, size, theme, locale, keys, colour) in [
        (
            "80x24_da",
            (80, 24),
            Theme::colour(),
            Locale::Da,
            "d",
            false,
        ),
        (
            "200x60_da",
            (200, 60),
            Theme::colour(),
            Locale::Da,
            "]]d",
            false,
        ),
        (
            "80x24_en",
            (80, 24),
            Theme::colour(),
            Locale::En,
            "d",
            false,
        ),
        (
            "200x60_en_drill",
            (200, 60),
            Theme::colour(),
            Locale::En,
            "]]d<Enter>",
            false,
        ),
        (
            "80x24_colour",
            (80, 24),
            Theme::colour(),
            Locale::Da,
            "]]d",
            true,
        ),
        (
            "200x60_colour",
            (200, 60),
            Theme::colour(),
            Locale::Da,
            "d]",
            true,
        ),
        (
            "80x24_no_color",
            (80, 24),
            Theme::no_color(),
            Locale::Da,
            "]]d",
            true,
        ),
        (
            "80x24_plain",
            (80, 24),
            Theme::plain(),
            Locale::Da,
            "]]d",
            false,
        ),
        (
            "200x60_plain",
            (200, 60),
            Theme::plain(),
            Locale::En,
            "d]",
            false,
        ),
    ] {
        let mut ws = workspace(&THREE, size, theme, locale);
        typed(&mut ws, keys);
        assert!(ws.change().is_some(), "{name}");
        insta::assert_snapshot!(format!("change_{name}"), workspace_screen(&ws, colour));
    }
}

#[test]
fn every_size_down_to_one_cell_draws_without_panicking() {
    for w in [1u16, 2, 5, 20, 40, 79, 120] {
        for h in [1u16, 2, 3, 5, 8, 24] {
            let mut ws = workspace(&THREE, (w, h), Theme::colour(), Locale::Da);
            typed(&mut ws, "d<Enter><Down><PageDown>usx");
            let _ = ws.update(Action::Resize(w, h));
            let s = workspace_screen(&ws, false);
            assert_eq!(s.lines().count(), usize::from(h), "{w}x{h}");
        }
    }
}

#[test]
fn render_keys_reaches_the_change_view() {
    let out = Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .args(["render", "--size", "100x20", "--keys", "d"])
        .arg(round("runde-2016"))
        .arg(round("runde-2018"))
        .env("HOME", std::env::temp_dir())
        .env("XDG_CONFIG_HOME", std::env::temp_dir())
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("Udvikling · Runde 2016 → Runde 2018"), "{s}");
}

/// The shipped round and a made-up later round derived from it (its title says so): three
/// districts changed, on the country's outline map.
fn with_map(size: (u16, u16), theme: Theme, color: kredskort::style::rgb::ColorMode) -> Workspace {
    let shipped = include_str!("../assets/forebyggelse-2014.toml");
    let later = shipped
        .replace(
            "title = \"Kriminalpræventive projekter 2014–2015\"",
            "title = \"Opdigtet runde 2016 (syntetisk testdata)\"",
        )
        .replace("amount = 30_000_000", "amount = 24_000_000")
        .replace("amount = 2_875_000", "amount = 6_000_000")
        .replace("amount = 9_500_000", "amount = 7_500_000");
    let mut ws = Workspace::new(
        Locale::Da,
        theme,
        Keymap::default(),
        MapSettings {
            mode: None,
            color,
            allow_outline: true,
        },
        size,
    );
    for (name, text) in [("2014.toml", shipped.to_string()), ("2016.toml", later)] {
        let result = kredskort::data::load_str(&text, name, None).map(Prepared::new);
        ws = ws.with_tab(Some(name.into()), result);
    }
    ws
}

#[test]
fn the_change_map_shades_the_districts_by_their_change_on_a_scale_that_diverges() {
    let mut ws = with_map((150, 40), Theme::colour(), ColorMode::TrueColor);
    typed(&mut ws, "]d");
    let s = workspace_screen(&ws, false);
    assert!(s.contains("Kort · ændring"), "{s}");
    assert!(
        s.contains("+3,1 mio. kr."),
        "Nordjylland's label with its change:\n{s}"
    );
    assert!(
        s.contains("−6–+6 mio. kr."),
        "the legend, symmetric around zero:\n{s}"
    );
    let ChangeFigures::Compared(c) = &ws.change().unwrap().figures else {
        panic!()
    };
    let m = &c.map;
    let class_of = |id: &str| {
        let d = c.rows.iter().find(|r| r.id == id).unwrap().at_cmp.unwrap();
        m.classes[d]
    };
    assert_eq!(
        class_of("koebenhavn"),
        Some(0),
        "the largest decrease: the darkest red"
    );
    assert_eq!(
        class_of("nordjylland"),
        Some(4),
        "+3,1 of at most 6: the middle blue"
    );
    assert_eq!(class_of("fyn"), None, "unchanged: neutral");
    // Without colour the classes are patterns; the snapshot shows the map in NO_COLOR.
    let mut ws = with_map((150, 40), Theme::no_color(), ColorMode::NoColor);
    typed(&mut ws, "]d");
    insta::assert_snapshot!("change_map_150x40_no_color", workspace_screen(&ws, false));
    // Narrow, the table keeps the width and the map steps aside.
    let mut ws = with_map((90, 30), Theme::colour(), ColorMode::TrueColor);
    typed(&mut ws, "]d");
    assert!(!workspace_screen(&ws, false).contains("Kort · ændring"));
}

/// The workspace drawn into a buffer, for the colour of a cell.
fn drawn(ws: &Workspace) -> ratatui::buffer::Buffer {
    let (w, h) = ws.size();
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    kredskort::ui::tabbar::render_workspace(buf.area, &mut buf, ws);
    buf
}

/// Where `text` starts on the screen (column, row), the first time.
fn find(screen: &str, text: &str) -> Option<(u16, u16)> {
    find_left_of(screen, text, u16::MAX)
}

/// Where `text` starts on the screen left of column `limit`, the first time.
fn find_left_of(screen: &str, text: &str, limit: u16) -> Option<(u16, u16)> {
    screen.lines().enumerate().find_map(|(y, line)| {
        line.match_indices(text).find_map(|(byte, _)| {
            let x = u16::try_from(kredskort::text::width(&line[..byte])).ok()?;
            (x < limit).then_some((x, u16::try_from(y).ok()?))
        })
    })
}

#[test]
fn rounds_without_an_outline_get_their_tiles_shaded_by_the_change() {
    let mut ws = workspace(&THREE, (160, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "]]d");
    let s = workspace_screen(&ws, false);
    assert!(s.contains("Kort · ændring"), "{s}");
    // Each tile its name and its change, in money (the table's columns are in its title's unit).
    // The map pane ends where the table's begins.
    let (map_right, _) = find(&s, "╮╭").unwrap();
    let (x, y) = find_left_of(&s, "Nordkredsen", map_right).expect("Nordkredsen's tile");
    let under = s.lines().nth(usize::from(y) + 1).unwrap();
    assert!(under.contains("−150.000 kr."), "{s}");
    assert!(
        s.contains("▶Vestkredsen"),
        "the selected tile is marked:\n{s}"
    );
    // The tile's colour is its class's: Nordkredsen (−150.000 of at most −199.999,50) and
    // Syd- og Vestkredsen (−100 %) are the largest decreases, Vestkredsen (+50.000) a small increase.
    let ChangeFigures::Compared(c) = &ws.change().unwrap().figures else {
        panic!()
    };
    let class =
        |id: &str| c.map.classes[c.rows.iter().find(|r| r.id == id).unwrap().at_cmp.unwrap()];
    assert_eq!(class("nord"), Some(0));
    assert_eq!(class("syd"), Some(0));
    assert_eq!(class("vest"), Some(3));
    let buf = drawn(&ws);
    let bg = |x: u16, y: u16| buf[(x, y)].bg;
    let (sx, sy) = find_left_of(&s, "Syd- og Vestkredsen", map_right).unwrap();
    assert_eq!(
        bg(x, y),
        bg(sx, sy),
        "two decreases of one class, one colour"
    );
    let (vx, vy) = find(&s, "▶Vestkredsen").unwrap();
    assert_ne!(bg(x, y), bg(vx, vy), "an increase is not a decrease");
    // Too narrow for both: the table keeps the width.
    let mut ws = workspace(&THREE, (99, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "]]d");
    assert!(!workspace_screen(&ws, false).contains("Kort · ændring"));
}

#[test]
fn m_switches_the_change_map_between_outline_and_tiles_and_z_zooms_to_the_selection() {
    let mut ws = with_map((150, 40), Theme::colour(), ColorMode::TrueColor);
    typed(&mut ws, "]d");
    assert!(
        ws.change_map().unwrap().outline.is_some(),
        "the outline first"
    );
    let s = workspace_screen(&ws, false);
    assert!(s.contains("m fliser") && s.contains("z zoom"), "{s}");
    // z: zoomed to the selected district (Nordjylland, the largest increase), named in the title.
    assert!(typed(&mut ws, "z"));
    let map = ws.change_map().unwrap();
    let nordjylland = ws.change().unwrap().selected_district();
    assert_eq!(map.zoom, nordjylland);
    assert!(workspace_screen(&ws, false).contains("Kort · ændring · Nordjylland"));
    // The zoom follows the selection, and z again backs out.
    typed(&mut ws, "<Down>");
    assert_eq!(
        ws.change_map().unwrap().zoom,
        ws.change().unwrap().selected_district()
    );
    typed(&mut ws, "z");
    assert_eq!(ws.change_map().unwrap().zoom, None);
    // m: the tiles, shaded by the same classes; m again: the outline.
    assert!(typed(&mut ws, "m"));
    assert!(ws.change_map().unwrap().outline.is_none());
    let s = workspace_screen(&ws, false);
    assert!(s.contains("m omrids") && !s.contains("z zoom"), "{s}");
    typed(&mut ws, "z");
    assert_eq!(ws.change_map().unwrap().zoom, None, "no zoom on tiles");
    typed(&mut ws, "m");
    assert!(ws.change_map().unwrap().outline.is_some());
    // A round without an outline has nothing to switch to.
    let mut ws = workspace(&THREE, (160, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "]]d");
    assert!(!typed(&mut ws, "m"));
    assert!(ws.change_map().unwrap().outline.is_none());
}

#[test]
fn tab_gives_the_map_the_arrows_which_move_by_the_maps_geometry() {
    let mut ws = with_map((150, 40), Theme::colour(), ColorMode::TrueColor);
    typed(&mut ws, "]d");
    let name = |ws: &Workspace| {
        let view = ws.change().unwrap();
        let ChangeFigures::Compared(c) = &view.figures else {
            panic!()
        };
        c.rows[view.selected].id.clone()
    };
    assert_eq!(name(&ws), "nordjylland");
    // In the table, ↓ is the next row; on the map, ↓ is the district to the south.
    typed(&mut ws, "<Down>");
    assert_eq!(name(&ws), "oestjylland", "the second row");
    typed(&mut ws, "<Up><Tab>");
    assert!(ws.change().unwrap().map_focus);
    let s = workspace_screen(&ws, false);
    assert!(s.contains("↑↓←→ flyt"), "{s}");
    typed(&mut ws, "<Down>");
    let south = name(&ws);
    assert_ne!(south, "nordjylland");
    // ← from Østjylland's neighbourhood goes west, → comes back east: by the shapes, not the rows.
    typed(&mut ws, "<Up>");
    assert_eq!(name(&ws), "nordjylland", "↑ returns north");
    // On the tiles the tile grid decides: Nordjylland's tile is at [0, 1], Østjylland's below.
    typed(&mut ws, "m<Down>");
    assert_eq!(name(&ws), "oestjylland");
    // Tab again: the table has the arrows back.
    typed(&mut ws, "<Tab>");
    assert!(!ws.change().unwrap().map_focus);
}

#[test]
fn a_click_selects_a_row_or_a_district_and_a_second_click_opens_it() {
    let mut ws = workspace(&THREE, (160, 30), Theme::colour(), Locale::Da);
    typed(&mut ws, "]]d");
    let s = workspace_screen(&ws, false);
    let id = |ws: &Workspace| {
        let view = ws.change().unwrap();
        let ChangeFigures::Compared(c) = &view.figures else {
            panic!()
        };
        c.rows[view.selected].id.clone()
    };
    // The table's second row (Nordkredsen): selected, then opened.
    let (_, row) = find(&s, " Nordkredsen   ").expect("the table row");
    let (tx, _) = find(&s, "Kredse ·").unwrap();
    assert!(ws.update(Action::Click(tx + 3, row)).changed);
    assert_eq!(id(&ws), "nord");
    assert!(!ws.change().unwrap().open);
    let _ = ws.update(Action::Click(tx + 3, row));
    assert!(
        ws.change().unwrap().open,
        "a second click opens the projects"
    );
    typed(&mut ws, "<Esc>");
    // The map: a click on Syd- og Vestkredsen's tile selects its row and gives the map the focus.
    let (map_right, _) = find(&s, "╮╭").unwrap();
    let (x, y) = find_left_of(&s, "Syd- og Vestkredsen", map_right).unwrap();
    assert!(ws.update(Action::Click(x + 1, y)).changed);
    assert_eq!(id(&ws), "syd");
    assert!(ws.change().unwrap().map_focus);
    // The wheel over the table moves the selection; a click on the tab bar still switches tabs.
    let _ = ws.update(Action::Scroll(tx + 3, row, false));
    assert_eq!(id(&ws), "nord");
    let (first_tab, _) = find(&s, "Runde 2016").unwrap();
    let _ = ws.update(Action::Click(first_tab + 1, 0));
    assert_eq!(ws.active(), 0, "the comparison moves to the clicked tab");
    assert!(ws.change().is_some());
}

#[test]
fn space_marks_districts_in_the_table_and_on_the_map_and_the_marks_stay_across_rounds() {
    let mut ws = with_map((150, 40), Theme::colour(), ColorMode::TrueColor);
    typed(&mut ws, "]d<Space>");
    let mark = Theme::colour().mark;
    let s = workspace_screen(&ws, false);
    assert!(
        s.contains(&format!("▶{mark}Nordjyllands Politi")),
        "marked in the table:\n{s}"
    );
    assert!(
        s.contains(&format!("{mark}Nordjylland")),
        "and on the map:\n{s}"
    );
    assert!(s.contains("Space markér"), "{s}");
    // Swapping the rounds keeps the mark on its district.
    typed(&mut ws, "x");
    assert_eq!(ws.change().unwrap().marks, ["nordjylland"]);
    assert!(workspace_screen(&ws, false).contains(&format!("{mark}Nordjyllands Politi")));
    // Space again unmarks.
    let row = ws.change().unwrap().selected;
    let ChangeFigures::Compared(c) = &ws.change().unwrap().figures else {
        panic!()
    };
    let at = c.rows.iter().position(|r| r.id == "nordjylland").unwrap();
    for _ in row..at {
        typed(&mut ws, "<Down>");
    }
    for _ in at..row {
        typed(&mut ws, "<Up>");
    }
    typed(&mut ws, "<Space>");
    assert!(ws.change().unwrap().marks.is_empty());
}
