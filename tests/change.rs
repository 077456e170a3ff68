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
    let mut ws = Workspace::new(
        locale,
        theme,
        Keymap::default(),
        MapSettings::default(),
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
    let m = c.map.as_ref().expect("the round has a map");
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
