//! The outline map in the dashboard: snapshots at 80×24 and 160×50 with and without colour,
//! `m`/`z`/arrows/clicks as state, and a never-panics / never-outside-its-area sweep over sizes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::fmt::Write as _;

use kredskort::app::Msg;
use kredskort::app::{App, View};
use kredskort::commands::render::{draw_buffer, screen};
use kredskort::config::MapMode;
use kredskort::data::load_embedded;
use kredskort::input::action::{Action, Dir};
use kredskort::input::keymap::parse_key_sequence;
use kredskort::locale::Locale;
use kredskort::search::Prepared;
use kredskort::style::rgb::ColorMode;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

fn app(w: u16, h: u16, color: ColorMode) -> App {
    let a = App::new(load_embedded(), Locale::Da, (w, h));

    a.with_map_settings(kredskort::app::map_mode::MapSettings {
        mode: None,
        color,
        allow_outline: true,
    })
}

fn typed(app: &mut App, keys: &str) {
    for k in parse_key_sequence(keys).unwrap() {
        let _ = app.update(k);
    }
}

fn idx(app: &App, id: &str) -> usize {
    app.data()
        .districts
        .iter()
        .position(|d| d.id == id)
        .unwrap()
}

fn id(app: &App) -> &str {
    &app.data().districts[app.selected()].id
}

/// The map pane's cells as a grid of letters, one per distinct (fg, bg) pair, followed by the
/// palette: a compact, reviewable picture of the colours.
fn colour_picture(app: &App) -> String {
    let buf = draw_buffer(app);
    let area = app.layout().map.unwrap();
    let mut palette: Vec<(String, String)> = Vec::new();
    let mut ids: HashMap<(String, String), char> = HashMap::new();
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let c = &buf[(x, y)];
            let key = (format!("{:?}", c.fg), format!("{:?}", c.bg));
            let n = ids.len();
            let ch = *ids.entry(key.clone()).or_insert_with(|| {
                palette.push(key.clone());
                letters.get(n).copied().unwrap_or('?')
            });
            out.push(ch);
        }
        out.push('\n');
    }
    for (i, (fg, bg)) in palette.iter().enumerate() {
        let _ = writeln!(
            out,
            "{} fg={fg} bg={bg}",
            letters.get(i).copied().unwrap_or('?')
        );
    }
    out
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_outline_without_colour() {
    insta::assert_snapshot!(
        "outline_80x24_nocolor",
        screen(&app(80, 24, ColorMode::NoColor), false)
    );
    insta::assert_snapshot!(
        "outline_160x50_nocolor",
        screen(&app(160, 50, ColorMode::NoColor), false)
    );
}

#[test]
fn snapshot_outline_with_colour() {
    for (w, h) in [(80, 24), (160, 50)] {
        let a = app(w, h, ColorMode::TrueColor);
        insta::assert_snapshot!(format!("outline_{w}x{h}_truecolor_text"), screen(&a, false));
        insta::assert_snapshot!(
            format!("outline_{w}x{h}_truecolor_cells"),
            colour_picture(&a)
        );
    }
    insta::assert_snapshot!(
        "outline_80x24_256_cells",
        colour_picture(&app(80, 24, ColorMode::Indexed256))
    );
}

#[test]
fn snapshot_outline_zoomed() {
    let mut a = app(80, 24, ColorMode::NoColor);
    let buf = draw_buffer(&a);
    let (x, y) = find(&buf, a.layout().map.unwrap(), "Fyn").unwrap();
    let _ = a.update(Action::Click(x, y));
    assert_eq!(id(&a), "fyn");
    typed(&mut a, "z");
    insta::assert_snapshot!("outline_80x24_zoom_fyn_nocolor", screen(&a, false));
}

/// The map pane's text, row by row.
fn map_text(app: &App) -> String {
    let buf = draw_buffer(app);
    let area = app.layout().map.unwrap();
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The labels drawn on the map pane (after drawing it), positions relative to its inner area.
fn drawn_labels(app: &App) -> Vec<kredskort::geo::labels::PlacedLabel> {
    let _ = draw_buffer(app);
    let area = app.layout().map.unwrap();
    let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
    let labels = app.current_labels();
    let outline = &labels.outline;
    let map = app.map_view().outline_on().unwrap();
    let prefs = (Some(app.selected()), outline.priority.as_slice());
    map.with_placement(
        app.outline_cache(),
        inner,
        app.outline_zoom(),
        &outline.texts,
        prefs,
        |_, labels| labels.to_vec(),
    )
}

/// Districts with money are labelled (at 160×50 and up with their amount), the selected one
/// always is, and an inset showing one district does not repeat its name under its title.
#[test]
fn labels_for_the_money_and_the_selection() {
    for (w, h) in [(120, 40), (160, 50), (200, 60)] {
        let mut a = app(w, h, ColorMode::TrueColor);
        let n = a.data().districts.len();
        for sel in 0..n {
            let _ = a.update(Msg::Select(sel));
            let labels = drawn_labels(&a);
            let of = |d: usize| labels.iter().find(|l| l.district == d);
            let name = a.data().districts[sel].short_name().to_string();
            // (Bornholm, without projects, is named by its inset's title only.)
            let titled = a
                .map_view()
                .outline_on()
                .unwrap()
                .inset_titles
                .contains(&name);
            assert!(
                of(sel).is_some() || titled || w < 160,
                "{w}x{h}: selected {name} unlabelled"
            );
            for d in (0..n).filter(|&d| a.data().districts[d].has_projects()) {
                let texts = &kredskort::ui::labels(&a).outline.texts[d];
                let amount = texts[0].last().unwrap().clone();
                let l = of(d);
                let dn = &a.data().districts[d].id;
                // At 120x40 Zealand is too small for "Midt- og / Vestsjælland": a label that
                // does not fit is dropped (an amount without its name would be read as the
                // neighbour's), so only from 160 columns must every district with money have one.
                if w < 160 {
                    continue;
                }
                assert!(l.is_some(), "{w}x{h} (selected {name}): {dn} unlabelled");
                assert!(!l.unwrap().lines.is_empty());
                // Beside the bars the Storkøbenhavn inset is ~20 columns wide: Københavns
                // Vestegn's two-line name fills its corner, and the bars carry its amount.
                if dn != "koebenhavns-vestegn" {
                    assert!(
                        l.unwrap().lines.contains(&amount),
                        "{w}x{h} (selected {name}): {dn} without {amount}: {l:?}"
                    );
                }
            }
            assert_eq!(
                map_text(&a).matches("Bornholm").count(),
                1,
                "{w}x{h}: Bornholm named once (the inset title)"
            );
        }
    }
}

#[test]
fn outline_labels_and_legend_follow_the_filter_and_the_unit() {
    // `u` three times: the share of the pool, per inhabitant, then full amounts. The outline says
    // what the bars say.
    for (w, h) in [(80, 24), (200, 60)] {
        let mut a = app(w, h, ColorMode::NoColor);
        typed(&mut a, "uuu");
        let map = map_text(&a);
        assert!(map.contains("2.875.000 kr."), "{map}");
        assert!(!map.contains("2,9 mio. kr."), "{map}");
    }
    let mut a = app(80, 24, ColorMode::NoColor);
    typed(&mut a, "u");
    assert!(map_text(&a).contains("2,1 %"), "{}", map_text(&a));
    // A theme filter: labels, classes and legend from the filtered amounts, and the legend says
    // which filter. København has no familier project: no amount, no class.
    for (w, h) in [(80, 24), (200, 60)] {
        let mut a = app(w, h, ColorMode::NoColor);
        typed(&mut a, "t<Down><Down><Enter>");
        assert_eq!(a.options().filter(), Some("familier"));
        let map = map_text(&a);
        // At 80×24 the selection's callout takes the legend's corner and the edge legend keeps
        // the class and "no projects" before the heading: the header names the filter there.
        assert!(
            map.contains("Filter: familier")
                || (w < 120
                    && screen(&a, false)
                        .lines()
                        .next()
                        .unwrap()
                        .contains("Filter: familier")),
            "{map}"
        );
        assert!(map.contains("2,9 mio. kr."), "the legend is shown: {map}");
        assert!(!map.contains("30 mio. kr."), "{map}");
        let kbh = idx(&a, "koebenhavn");
        assert_eq!(a.current_labels().outline.classes.of_district[kbh], None);
    }
    let mut a = app(80, 24, ColorMode::NoColor);
    typed(&mut a, "t<Down><Enter>");
    insta::assert_snapshot!("outline_80x24_filter_bander_nocolor", screen(&a, false));
    let en = App::new(load_embedded(), Locale::En, (120, 40));
    let mut en = en.with_map_settings(kredskort::app::map_mode::MapSettings {
        mode: None,
        color: ColorMode::NoColor,
        allow_outline: true,
    });
    typed(&mut en, "t<Down><Enter>uuu");
    let map = map_text(&en);
    assert!(map.contains("Filter: bander"), "{map}");
    // The map sits beside the bars at 120x40, so the legend gives the whole range on the edge.
    assert!(map.contains("DKK 5–30m"), "{map}");
    let fyn = idx(&en, "fyn");
    assert_eq!(
        en.current_labels().outline.texts[fyn][0],
        ["Fyn", "DKK 7,000,000"]
    );
}

// ---------------------------------------------------------------- state

#[test]
fn outline_is_the_default_with_geometry_and_m_toggles() {
    let mut a = app(100, 30, ColorMode::TrueColor);
    assert_eq!(a.map_view().mode, MapMode::Outline);
    assert!(a.map_view().outline_on().is_some());
    // The inset title (cut: at this size the inset is shrunk so as not to cover Jutland).
    assert!(screen(&a, false).contains("Storkøbenh"), "inset title");
    assert!(a.update(Action::ToggleMapMode).changed);
    assert_eq!(a.map_view().mode, MapMode::Tiles);
    assert!(!screen(&a, false).contains("Storkøbenh"));
    typed(&mut a, "m");
    assert_eq!(a.map_view().mode, MapMode::Outline);
    // The configured mode wins; without geometry (or with --plain) there are only tiles.
    let t = App::new(load_embedded(), Locale::Da, (100, 30));
    let t = t.with_map_settings(kredskort::app::map_mode::MapSettings {
        mode: Some(MapMode::Tiles),
        color: ColorMode::TrueColor,
        allow_outline: true,
    });
    assert_eq!(t.map_view().mode, MapMode::Tiles);
    let plain = App::new(load_embedded(), Locale::Da, (100, 30));
    let mut plain = plain.with_map_settings(kredskort::app::map_mode::MapSettings {
        mode: Some(MapMode::Outline),
        color: ColorMode::NoColor,
        allow_outline: false,
    });
    assert_eq!(plain.map_view().mode, MapMode::Tiles);
    assert!(
        !plain.update(Action::ToggleMapMode).changed,
        "nothing to toggle to"
    );
    let mut ds = load_embedded();
    ds.map = None;
    ds.geo = None;
    let mut none = App::new(ds, Locale::Da, (100, 30));
    assert_eq!(none.map_view().mode, MapMode::Tiles);
    assert!(!none.update(Action::ToggleMapMode).changed);
    assert!(!none.update(Action::ToggleZoom).changed);
}

#[test]
fn z_zooms_to_the_selection_and_back_and_follows_it() {
    let mut a = app(100, 30, ColorMode::TrueColor);
    let first = a.selected();
    assert_eq!(a.outline_zoom(), None);
    assert!(a.update(Action::ToggleZoom).changed);
    assert_eq!(a.outline_zoom(), Some(first));
    let name = a.data().districts[first].short_name().to_string();
    assert!(screen(&a, false).contains(&format!("Kort – {name} (z)")));
    // Arrows move the selection; the zoom follows it.
    let _ = a.update(Action::Move(Dir::Left));
    assert_ne!(a.selected(), first);
    assert_eq!(a.outline_zoom(), Some(a.selected()));
    assert!(a.update(Action::ToggleZoom).changed);
    assert_eq!(a.outline_zoom(), None);
    // In tile mode z does nothing, and m leaves the zoom.
    typed(&mut a, "z");
    typed(&mut a, "m");
    assert_eq!(a.outline_zoom(), None);
    assert!(!a.update(Action::ToggleZoom).changed);
}

#[test]
fn arrows_on_the_outline_use_the_shapes() {
    let mut a = app(100, 30, ColorMode::TrueColor);
    let start = idx(&a, "koebenhavn");
    assert_eq!(a.selected(), start, "the largest total is selected first");
    let _ = a.update(Action::Move(Dir::Right));
    assert_eq!(id(&a), "bornholm");
    // Walk west across the country: it ends in Jutland.
    for _ in 0..10 {
        let _ = a.update(Action::Move(Dir::Left));
    }
    assert!(id(&a).contains("jylland"), "{}", id(&a));
    // Every arrow gives what the geo layer's navigation says, and bars/detail follow.
    let map = a.map_view().outline.clone().unwrap();
    for dir in [Dir::Up, Dir::Right, Dir::Down, Dir::Left, Dir::Right] {
        let from = a.selected();
        let expect = map.nearest(from, dir).unwrap_or(from);
        let _ = a.update(Action::Move(dir));
        assert_eq!(a.selected(), expect);
    }
    let _ = a.update(Action::Enter);
    assert!(matches!(a.view(), View::District { district, .. } if *district == a.selected()));
    let name = a.data().districts[a.selected()].name.clone();
    assert!(screen(&a, false).contains(&name));
}

/// In the dashboard at several sizes: Sydøstjylland is reached from its neighbours, by arrows.
#[test]
fn arrows_reach_sydoestjylland_from_its_neighbours_at_any_size() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        for (from, key) in [
            ("oestjylland", "<Down>"),
            ("fyn", "<Up>"),
            ("syd-soenderjylland", "<Up>"),
        ] {
            let mut a = app(w, h, ColorMode::TrueColor);
            let _ = a.update(Msg::Select(idx(&a, from)));
            typed(&mut a, key);
            assert_eq!(id(&a), "sydoestjylland", "{w}x{h}: {from} {key}");
        }
    }
}

/// The screen position of the first cell where `text` is drawn inside `area`.
fn find(buf: &Buffer, area: Rect, text: &str) -> Option<(u16, u16)> {
    let chars: Vec<String> = text.chars().map(|c| c.to_string()).collect();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let ok = chars.iter().enumerate().all(|(i, c)| {
                let xi = x + u16::try_from(i).unwrap();
                xi < area.right() && buf[(xi, y)].symbol() == c
            });
            if ok {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn clicks_on_the_outline_select_and_drill_in() {
    for (w, h) in [(80, 24), (200, 60)] {
        let mut a = app(w, h, ColorMode::TrueColor);
        let buf = draw_buffer(&a);
        let map = a.layout().map.unwrap();
        let (x, y) = find(&buf, map, "Fyn").expect("Fyn's label is drawn");
        assert!(a.update(Action::Click(x, y)).changed);
        assert_eq!(id(&a), "fyn", "{w}x{h}");
        // Clicking the selection again opens it.
        let _ = a.update(Action::Click(x, y));
        assert!(matches!(a.view(), View::District { .. }), "{w}x{h}");
        let _ = a.update(Action::Back);
        // Bornholm's inset: its label is the second "Bornholm" (the first is the inset's title).
        let buf = draw_buffer(&a);
        let (bx, by) = find(&buf, map, "Bornholm").unwrap();
        let below = Rect::new(map.x, by + 1, map.width, map.bottom() - by - 1);
        let label = find(&buf, below, "Bornholm").or_else(|| {
            let right = Rect::new(bx + 1, by, map.right() - bx - 1, 1);
            find(&buf, right, "Bornholm")
        });
        if let Some((lx, ly)) = label {
            let _ = a.update(Action::Click(lx, ly));
            assert_eq!(id(&a), "bornholm", "{w}x{h}");
        }
        // A click on the sea selects nothing.
        let before = a.selected();
        let _ = a.update(Action::Click(map.x + 1, map.bottom() - 2));
        assert_eq!(a.selected(), before);
    }
}

// ---------------------------------------------------------------- sizes

/// Draws at every size (sampled densely) into the middle of a larger buffer: no panic, and no cell
/// outside the area is touched. With the outline on, zoomed and not, with and without colour.
#[test]
fn never_panics_nor_draws_outside_its_area_with_the_outline_on() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (1..=300).step_by(11) {
        for h in (1..=100).step_by(7) {
            sizes.push((w, h));
        }
    }
    for w in 1..=12 {
        for h in 1..=12 {
            sizes.push((w, h));
        }
    }
    sizes.extend([
        (300, 100),
        (300, 1),
        (1, 100),
        (64, 34),
        (63, 33),
        (140, 36),
        (30, 8),
    ]);
    let outer = Rect::new(0, 0, 306, 106);
    for (i, &(w, h)) in sizes.iter().enumerate() {
        let color = [
            ColorMode::TrueColor,
            ColorMode::Indexed256,
            ColorMode::NoColor,
        ][i % 3];
        let mut a = app(w, h, color);
        if i % 2 == 1 {
            let _ = a.update(Action::ToggleZoom);
        }
        let area = Rect::new(3, 3, w, h);
        let mut buf = Buffer::empty(outer);
        kredskort::ui::render(area, &mut buf, &a);
        for y in outer.top()..outer.bottom() {
            for x in outer.left()..outer.right() {
                if !area.contains(ratatui::layout::Position::new(x, y)) {
                    assert_eq!(buf[(x, y)], Cell::default(), "{w}x{h}: drew at {x},{y}");
                }
            }
        }
        // Clicks anywhere in the map pane never panic either.
        if let Some(m) = a.layout().map {
            let _ = a.update(Action::Click(m.x + m.width / 2, m.y + m.height / 2));
        }
    }
}

#[test]
fn settings_choose_the_map_mode_and_colours() {
    use kredskort::commands::dashboard::{Settings, app_from};
    let tiles = Settings {
        map_mode: Some(MapMode::Tiles),
        ..Settings::default()
    };
    let a = app_from(load_embedded(), &tiles, (100, 30));
    assert_eq!(a.map_view().mode, MapMode::Tiles);
    let no_color = Settings {
        no_color: true,
        ..Settings::default()
    };
    let a = app_from(load_embedded(), &no_color, (100, 30));
    assert_eq!(a.map_view().mode, MapMode::Outline);
    assert_eq!(a.map_view().color, ColorMode::NoColor);
    let plain = Settings {
        plain: true,
        ..Settings::default()
    };
    let mut a = app_from(load_embedded(), &plain, (100, 30));
    assert_eq!(a.map_view().mode, MapMode::Tiles);
    // A reload keeps --plain's choice; without it the outline comes back in the mode it had.
    let reload = |a: &mut App, ds| {
        let _ = a.update(Msg::Loaded {
            path: "runde.toml".into(),
            result: Box::new(Ok(Prepared::new(ds))),
        });
    };
    reload(&mut a, load_embedded());
    assert!(a.map_view().outline.is_none());
    let mut b = app(100, 30, ColorMode::TrueColor);
    let _ = b.update(Action::ToggleZoom);
    reload(&mut b, load_embedded());
    assert_eq!(b.map_view().mode, MapMode::Outline);
    assert_eq!(b.outline_zoom(), None);
    let mut without = load_embedded();
    without.map = None;
    without.geo = None;
    reload(&mut b, without);
    assert_eq!(b.map_view().mode, MapMode::Tiles);
}

/// A marked district (`Space`) shows the theme's mark before its label on the outline map, as on
/// the tiles and bars; unmarking takes it away. With colour and without.
#[test]
fn marked_districts_show_the_mark_on_their_label() {
    for color in [ColorMode::TrueColor, ColorMode::NoColor] {
        let mut a = app(100, 30, color);
        // (Bornholm, named by its inset's title, has no label of its own: Fyn has.)
        let _ = a.update(Msg::Select(idx(&a, "fyn")));
        // The map pane is the left 54 columns at 100x30; the bars (right) show marks too.
        let map_has_mark = |a: &App| {
            screen(a, false)
                .lines()
                .any(|l| l.chars().take(54).collect::<String>().contains("◆Fyn"))
        };
        assert!(!map_has_mark(&a), "{}", screen(&a, false));
        typed(&mut a, " ");
        assert!(a.marks().contains(&a.selected()));
        assert!(map_has_mark(&a), "{color:?}:\n{}", screen(&a, false));
        typed(&mut a, " ");
        assert!(!map_has_mark(&a), "{}", screen(&a, false));
    }
}

/// The box an overlay draws: the rows and columns between the first frame corner `╭` that the
/// screen without the overlay does not have and its `╯`.
fn overlay_box(under: &Buffer, over: &Buffer) -> Rect {
    let a = over.area;
    let corner = (a.top()..a.bottom())
        .flat_map(|y| (a.left()..a.right()).map(move |x| (x, y)))
        .find(|&p| over[p].symbol() == "╭" && under[p].symbol() != "╭")
        .expect("an overlay frame");
    let right = (corner.0..a.right())
        .find(|&x| over[(x, corner.1)].symbol() == "╮")
        .expect("its top right corner");
    let bottom = (corner.1..a.bottom())
        .find(|&y| over[(corner.0, y)].symbol() == "╰")
        .expect("its bottom left corner");
    Rect::new(
        corner.0,
        corner.1,
        right - corner.0 + 1,
        bottom - corner.1 + 1,
    )
}

/// Every overlay resets the cells it covers: inside its box no cell keeps the background the
/// outline map painted there (light grey under light text was unreadable). In colour, as a
/// snapshot of each, and cell by cell.
#[test]
fn overlays_cover_the_outline_map_under_them() {
    for (name, keys) in [
        ("search", "/kom"),
        ("theme_pick", "t"),
        ("compare", "<Space><Right><Space>c"),
        ("help", "?"),
    ] {
        let base = app(100, 30, ColorMode::TrueColor);
        let under = draw_buffer(&base);
        let mut a = app(100, 30, ColorMode::TrueColor);
        typed(&mut a, keys);
        let over = draw_buffer(&a);
        let r = overlay_box(&under, &over);
        let theme = a.theme();
        let allowed = [
            theme.text.bg,
            theme.selected.bg,
            theme.selected_unfocused.bg,
            None,
        ];
        let mut map_bg_under = 0;
        for y in r.top()..r.bottom() {
            for x in r.left()..r.right() {
                let (below, cell) = (&under[(x, y)], &over[(x, y)]);
                if below.bg != ratatui::style::Color::Reset {
                    map_bg_under += 1;
                }
                assert!(
                    allowed.contains(&Some(cell.bg)) || cell.bg == ratatui::style::Color::Reset,
                    "{name}: ({x},{y}) keeps the background {:?} under {:?}",
                    cell.bg,
                    cell.symbol()
                );
            }
        }
        assert!(
            map_bg_under > 0,
            "{name}: the box lies over the map's colours"
        );
        insta::assert_snapshot!(format!("overlay_over_outline_{name}"), screen(&a, true));
    }
}

// ---------------------------------------------------------------- one visual language

/// The tile map in `color` (`m` from the outline).
fn tiles_app(w: u16, h: u16, color: ColorMode) -> App {
    let mut a = app(w, h, color);
    typed(&mut a, "m");
    assert!(a.map_view().outline_on().is_none());
    a
}

/// The (fg, bg) of the cell where `text` starts in the map pane.
fn colours_at(app: &App, text: &str) -> (ratatui::style::Color, ratatui::style::Color) {
    let buf = draw_buffer(app);
    let (x, y) = find(&buf, app.layout().map.unwrap(), text).unwrap();
    let c = &buf[(x, y)];
    (c.fg, c.bg)
}

/// Both map modes shade by one palette: the same class has the same colour, the selected tile
/// keeps its class colour (a frame marks it), and the bars' colour is not in the scale.
#[test]
fn tiles_and_outline_share_the_palette_and_the_selection_keeps_its_fill() {
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        for color in [ColorMode::TrueColor, ColorMode::Indexed256] {
            let a = tiles_app(w, h, color);
            let classes = &kredskort::ui::labels(&a).outline.classes;
            let style = kredskort::ui::outline_paint::OutlineStyle::new(color, classes.count());
            let fill = |id: &str| style.color(style.fill(classes.of_district[idx(&a, id)]));
            // Fyn's tile in Fyn's class colour, as on the outline map.
            assert_eq!(colours_at(&a, "Fyn").1, fill("fyn"), "{w}x{h} {color:?}");
            // The selection (København, the largest) is still in the top class's colour.
            let kbh_text = if w < 200 { "▶Kø" } else { "▶København" };
            assert_eq!(colours_at(&a, kbh_text).1, fill("koebenhavn"), "{w}x{h}");
            // No class colour is the bars' orange.
            let bar = a.theme().bar.fg.unwrap();
            for k in 0..classes.count() {
                assert_ne!(style.color(style.fill(Some(k))), bar);
            }
        }
        let a = tiles_app(w, h, ColorMode::TrueColor);
        insta::assert_snapshot!(format!("tiles_{w}x{h}_truecolor_cells"), colour_picture(&a));
        insta::assert_snapshot!(format!("tiles_{w}x{h}_text"), screen(&a, false));
        let a = tiles_app(w, h, ColorMode::NoColor);
        insta::assert_snapshot!(format!("tiles_{w}x{h}_nocolor"), screen(&a, false));
    }
}

/// The selection is always labelled on the outline (a callout beside it when it is too small),
/// and a filter does not change which districts are labelled first.
#[test]
fn the_selection_is_labelled_and_labels_keep_their_order_under_a_filter() {
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        let a = app(w, h, ColorMode::TrueColor);
        let kbh = idx(&a, "koebenhavn");
        assert_eq!(a.selected(), kbh);
        let labels = drawn_labels(&a);
        assert!(labels.iter().any(|l| l.district == kbh), "{w}x{h}");
        let plain: Vec<usize> = labels.iter().map(|l| l.district).collect();
        let mut f = app(w, h, ColorMode::TrueColor);
        typed(&mut f, "t<Down><Down><Enter>");
        assert_eq!(
            f.current_labels().outline.priority,
            a.current_labels().outline.priority
        );
        let filtered: Vec<usize> = drawn_labels(&f).iter().map(|l| l.district).collect();
        // (Under a filter the bars pane gets a note and the map pane is shorter, so the map is
        // laid out afresh; the order labels are placed in is what stays.)
        assert!(
            plain.len().abs_diff(filtered.len()) <= 2,
            "{w}x{h}: {plain:?} {filtered:?}"
        );
        assert!(
            filtered.contains(&kbh),
            "{w}x{h}: the selection stays labelled"
        );
        insta::assert_snapshot!(format!("outline_{w}x{h}_labels_nocolor"), {
            let a = app(w, h, ColorMode::NoColor);
            screen(&a, false)
        });
    }
}
