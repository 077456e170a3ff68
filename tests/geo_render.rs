#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The outline widget and the SVG export on the shipped Danish data.

use kredskort::data::Dataset;
use kredskort::export::svg::{SvgColors, SvgShading, SvgText, write_svg};
use kredskort::geo::cache::OutlineCache;
use kredskort::geo::classes::Classes;
use kredskort::geo::labels::default_texts;
use kredskort::geo::{self, GeoMap};
use kredskort::locale::Locale;
use kredskort::style::rgb::ColorMode;
use kredskort::ui::outline_paint::{OutlineStyle, OutlineView, render_outline};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn denmark() -> (Dataset, GeoMap) {
    let ds = kredskort::data::load_embedded();
    // The shipped file's own [map] section (bbox, Bornholm and Storkøbenhavn insets).
    let spec = ds
        .map
        .as_ref()
        .expect("the shipped data has a [map] section");
    let m = geo::load(spec, &ds.map_shapes(), None).unwrap();
    (ds, m)
}

/// Renders into a buffer larger than `area` (filled with 'X'), returns the buffer.
fn render(
    ds: &Dataset,
    m: &GeoMap,
    area: Rect,
    mode: ColorMode,
    selected: Option<usize>,
) -> Buffer {
    let names: Vec<&str> = ds.districts.iter().map(|d| d.short_name()).collect();
    let texts = default_texts(&names, &ds.funded_totals(), &ds.meta.currency, Locale::Da);
    let classes = Classes::from_totals(&ds.funded_totals());
    let style = OutlineStyle::new(mode, classes.count());
    let legend = classes.legend(&ds.meta.currency, Locale::Da, "ingen projekter");
    let titles: Vec<String> = m.insets.iter().map(|i| i.name.clone()).collect();
    let mut cache = OutlineCache::default();
    let prefs = kredskort::geo::labels::Prefs {
        first: selected,
        classes: &classes.of_district,
        inset_titles: &titles,
    };
    let (r, labels) = cache.get(m, area.width, area.height, None, &texts, &prefs);
    let view = OutlineView {
        raster: r,
        labels,
        classes: &classes.of_district,
        selected,
        style: &style,
        legend: &legend,
        inset_titles: &titles,
        marked: &[],
        mark: "◆",
    };
    let outer = Rect::new(0, 0, area.right() + 3, area.bottom() + 3);
    let mut buf = Buffer::empty(outer);
    for y in 0..outer.height {
        for x in 0..outer.width {
            buf[(x, y)].set_char('X');
        }
    }
    render_outline(area, &mut buf, &view);
    buf
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn never_draws_outside_its_area_at_any_size() {
    let (ds, m) = denmark();
    for mode in [
        ColorMode::TrueColor,
        ColorMode::Indexed256,
        ColorMode::NoColor,
    ] {
        for (w, h) in [
            (0, 0),
            (1, 1),
            (0, 5),
            (5, 0),
            (2, 1),
            (3, 2),
            (7, 3),
            (13, 5),
            (40, 12),
            (80, 24),
        ] {
            let area = Rect::new(2, 1, w, h);
            let buf = render(&ds, &m, area, mode, Some(0));
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    let inside =
                        x >= area.x && x < area.right() && y >= area.y && y < area.bottom();
                    if !inside {
                        assert_eq!(
                            buf[(x, y)].symbol(),
                            "X",
                            "{mode:?} {w}x{h} wrote at {x},{y}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn no_color_uses_patterns_and_the_legend_shows_them() {
    let (ds, m) = denmark();
    let buf = render(
        &ds,
        &m,
        Rect::new(0, 0, 100, 32),
        ColorMode::NoColor,
        Some(5),
    );
    let t = text(&buf);
    println!("{t}");
    // Every cell is default-coloured.
    for c in buf.content() {
        assert_eq!(c.fg, ratatui::style::Color::Reset);
        assert_eq!(c.bg, ratatui::style::Color::Reset);
    }
    assert!(
        t.contains("// ingen projekter"),
        "legend entry for no projects"
    );
    assert!(
        t.contains("██ 25–30 mio. kr."),
        "densest class in the legend"
    );
    assert!(t.contains("::"), "lightest class pattern");
    assert!(t.contains("Fyn"), "a label");
    assert!(t.contains("Bornholm"), "inset title or label");
}

#[test]
fn colour_render_at_200x60_has_labels_legend_and_half_blocks() {
    let (ds, m) = denmark();
    let buf = render(
        &ds,
        &m,
        Rect::new(0, 0, 200, 60),
        ColorMode::TrueColor,
        Some(0),
    );
    let t = text(&buf);
    println!("{t}");
    for d in &ds.districts {
        assert!(t.contains(d.short_name()), "label for {}", d.short_name());
    }
    assert!(t.contains("30 mio. kr."));
    assert!(t.contains("ingen projekter"));
    assert!(t.contains('▀') || t.contains('▄'));
    let highlight = buf
        .content()
        .iter()
        .filter(|c| {
            c.fg == ratatui::style::Color::Rgb(255, 64, 160)
                || c.bg == ratatui::style::Color::Rgb(255, 64, 160)
        })
        .count();
    assert!(
        highlight > 10,
        "the selected district is outlined ({highlight} cells)"
    );
    let buf = render(
        &ds,
        &m,
        Rect::new(0, 0, 80, 24),
        ColorMode::Indexed256,
        None,
    );
    assert!(
        buf.content()
            .iter()
            .any(|c| matches!(c.bg, ratatui::style::Color::Indexed(_)))
    );
}

#[test]
fn svg_is_well_formed_with_one_path_per_district() {
    let (ds, m) = denmark();
    let classes = Classes::from_totals(&ds.funded_totals());
    let text = SvgText {
        title: "Forebyggelsespuljen 2014 <&> \"test\"".into(),
        legend_title: "Bevilget pr. politikreds".into(),
        no_projects: "ingen projekter".into(),
        source: Some("Kilde: Rigspolitiet".into()),
        attribution: None,
    };
    let shading = SvgShading::of_amounts(&ds, &classes, Locale::Da, &text);
    let svg = write_svg(
        &ds,
        &m,
        &shading,
        Locale::Da,
        &text,
        &SvgColors::new(classes.count()),
    );
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let districts: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("district"))
        .collect();
    assert_eq!(districts.len(), ds.districts.len());
    for (p, d) in districts.iter().zip(&ds.districts) {
        assert_eq!(p.attribute("fill-rule"), Some("evenodd"));
        let title = p.children().find(|c| c.has_tag_name("title")).unwrap();
        assert!(title.text().unwrap().starts_with(&d.name));
        assert!(p.attribute("d").unwrap().starts_with('M'));
    }
    let all_text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(all_text.contains("Forebyggelsespuljen 2014 <&> \"test\""));
    assert!(all_text.contains("DAGI"), "attribution");
    assert!(all_text.contains("Kilde: Rigspolitiet"));
    assert!(all_text.contains("25–30 mio. kr."));
    assert!(all_text.contains("Storkøbenhavn"));
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("use")).count(),
        2 * (ds.districts.len() + 2)
    );
    let en_text = SvgText {
        attribution: Some(geo::DK_KOMMUNER_2014_CREDIT_EN.into()),
        ..text
    };
    let en = write_svg(
        &ds,
        &m,
        &SvgShading::of_amounts(&ds, &classes, Locale::En, &en_text),
        Locale::En,
        &en_text,
        &SvgColors::new(classes.count()),
    );
    let doc = roxmltree::Document::parse(&en).unwrap();
    let all_text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(all_text.contains("DKK 25–30m"));
    assert!(all_text.contains("Danish Agency for Data Supply"));
}

fn snapshot_text(buf: &Buffer, area: Rect) -> String {
    let mut s = String::new();
    for y in area.y..area.bottom() {
        for x in area.x..area.right() {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn snapshots_of_the_outline_view() {
    let (ds, m) = denmark();
    let fyn = ds.districts.iter().position(|d| d.id == "fyn");
    for (w, h) in [(80u16, 24u16), (160, 50)] {
        let area = Rect::new(0, 0, w, h);
        let buf = render(&ds, &m, area, ColorMode::NoColor, fyn);
        insta::assert_snapshot!(
            format!("outline_no_color_{w}x{h}"),
            snapshot_text(&buf, area)
        );
    }
    // With colour: the buffer's Debug output lists every style run.
    let area = Rect::new(0, 0, 80, 24);
    let buf = render(&ds, &m, area, ColorMode::Indexed256, fyn);
    let mut clipped = Buffer::empty(area);
    for y in 0..area.height {
        for x in 0..area.width {
            clipped[(x, y)] = buf[(x, y)].clone();
        }
    }
    insta::assert_snapshot!("outline_256_80x24", format!("{clipped:?}"));
}
