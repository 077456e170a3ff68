#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The geo layer on the shipped Danish data: 12 police districts from 98 municipalities.

use kredskort::data::{Dataset, MapSpec};
use kredskort::geo::raster::{FRAME, NEUTRAL, Raster, SEA};
use kredskort::geo::{self, GeoMap};

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

fn idx(ds: &Dataset, id: &str) -> usize {
    ds.districts.iter().position(|d| d.id == id).unwrap()
}

/// One character per cell (upper pixel wins where it is land): a..l districts, ',' neutral,
/// '#' frame.
fn picture(r: &Raster) -> String {
    let mut s = String::new();
    for cy in 0..r.height / 2 {
        for x in 0..r.width {
            let o = match r.owner(x, cy * 2) {
                SEA => r.owner(x, cy * 2 + 1),
                o => o,
            };
            s.push(match o {
                SEA => ' ',
                NEUTRAL => ',',
                FRAME => '#',
                d => char::from(b'a' + d as u8),
            });
        }
        s.push('\n');
    }
    s
}

#[test]
fn print_denmark_at_100x30() {
    let (ds, m) = denmark();
    let r = Raster::build(&m, 100, 60, None);
    let pic = picture(&r);
    println!("{pic}");
    for (i, d) in ds.districts.iter().enumerate() {
        println!("{} {}", char::from(b'a' + i as u8), d.id);
    }
    // Every district shows up.
    for (i, a) in r.area.iter().enumerate() {
        assert!(*a > 0, "district {i} has no pixels");
    }
}

/// Arrows judge by the shapes: a district straight across a border beats one whose centroid lies
/// nearer the axis but across the sea, and every district can be reached from a neighbour.
#[test]
fn arrows_follow_shared_borders() {
    use kredskort::geo::nav::Dir;
    use kredskort::screen::outline::OutlineMap;
    let (ds, m) = denmark();
    let map = OutlineMap::new(std::sync::Arc::new(m));
    let go = |from: &str, dir| {
        map.nearest(idx(&ds, from), dir)
            .map(|i| ds.districts[i].id.as_str())
    };
    // Sydøstjylland lies directly south of Østjylland (the centroid of Fyn, across the sea, is
    // nearer the axis); Fyn faces it across the Little Belt.
    assert_eq!(go("oestjylland", Dir::Down), Some("sydoestjylland"));
    assert_eq!(go("fyn", Dir::Up), Some("sydoestjylland"));
    assert_eq!(go("sydoestjylland", Dir::Right), Some("oestjylland"));
    assert_eq!(go("syd-soenderjylland", Dir::Up), Some("sydoestjylland"));
    assert_eq!(go("midt-vestjylland", Dir::Down), Some("sydoestjylland"));
    assert_eq!(go("midt-vestsjaelland", Dir::Left), Some("fyn"));
    // Nothing ahead, no move: the south of Jutland has only sea to the south and west, and Fyn
    // nothing south of it (an arrow used to jump to whatever lay in that half of the map).
    assert_eq!(go("syd-soenderjylland", Dir::Down), None);
    assert_eq!(go("syd-soenderjylland", Dir::Left), None);
    assert_eq!(go("fyn", Dir::Down), None);
    let dirs = [Dir::Up, Dir::Down, Dir::Left, Dir::Right];
    let n = ds.districts.len();
    // Every district is the arrow target of some other district.
    for t in 0..n {
        assert!(
            (0..n).any(|f| dirs.iter().any(|&d| map.nearest(f, d) == Some(t))),
            "{} is reached by no arrow",
            ds.districts[t].id
        );
    }
    // And from every district every other one can be reached by arrows.
    for s in 0..n {
        let mut seen = vec![false; n];
        let mut todo = vec![s];
        while let Some(i) = todo.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            todo.extend(dirs.iter().filter_map(|&d| map.nearest(i, d)));
        }
        assert!(
            seen.iter().all(|&x| x),
            "not all reachable from {}",
            ds.districts[s].id
        );
    }
}

/// The pixel where `lon/lat` lands in a panel (main or inset).
fn px(r: &Raster, panel: usize, p: [f64; 2]) -> (usize, usize) {
    let q = r.panels[panel].proj.to_px(p);
    (q[0] as usize, q[1] as usize)
}

#[test]
fn points_inside_districts_are_painted_with_that_district() {
    let (ds, m) = denmark();
    let r = Raster::build(&m, 200, 120, None);
    assert_eq!(r.panels.len(), 3, "main + two insets");
    for (id, lonlat) in [
        ("fyn", [10.39, 55.40]),                          // Odense
        ("nordjylland", [9.92, 57.05]),                   // Aalborg
        ("oestjylland", [10.20, 56.16]),                  // Aarhus
        ("syd-soenderjylland", [8.46, 55.48]),            // Esbjerg
        ("sydsjaelland-lolland-falster", [11.76, 55.23]), // Næstved
        ("nordsjaelland", [12.31, 55.93]),                // Hillerød
    ] {
        let (x, y) = px(&r, 0, lonlat);
        assert_eq!(r.district(x, y), Some(idx(&ds, id)), "{id} at {lonlat:?}");
    }
    // Kattegat is sea.
    let (x, y) = px(&r, 0, [11.3, 56.7]);
    assert_eq!(r.owner(x, y), SEA);
    // In the Storkøbenhavn inset: Frederiksberg (København's hole) is painted København; Christianshavn too.
    let inset = r
        .panels
        .iter()
        .position(|p| p.kind == kredskort::geo::raster::PanelKind::Inset(1))
        .unwrap();
    for lonlat in [[12.53, 55.68], [12.59, 55.67], [12.60, 55.62]] {
        let (x, y) = px(&r, inset, lonlat);
        assert_eq!(r.district(x, y), Some(idx(&ds, "koebenhavn")), "{lonlat:?}");
    }
    let (x, y) = px(&r, inset, [12.40, 55.68]);
    assert_eq!(r.district(x, y), Some(idx(&ds, "koebenhavns-vestegn")));
    // Bornholm only in its inset, not squeezed into the main map's slack.
    let bornholm = idx(&ds, "bornholm");
    let main_inner = r.panels[0].inner;
    for y in main_inner.y..main_inner.y + main_inner.h {
        for x in main_inner.x..main_inner.x + main_inner.w {
            if r.panel_at(x, y).map(|p| p.kind) == Some(kredskort::geo::raster::PanelKind::Main) {
                assert_ne!(r.district(x, y), Some(bornholm));
            }
        }
    }
}

#[test]
fn arrows_move_to_the_expected_neighbours() {
    use kredskort::geo::nav::{Dir, anchors, nearest};
    let (ds, m) = denmark();
    let a = anchors(&m);
    let id = |i: Option<usize>| i.map(|i| ds.districts[i].id.as_str());
    let fyn = idx(&ds, "fyn");
    let right = id(nearest(&a, fyn, Dir::Right)).unwrap();
    assert!(right.contains("sjaelland"), "Fyn → Right = {right}");
    let sj = idx(&ds, "syd-soenderjylland");
    let up = id(nearest(&a, sj, Dir::Up)).unwrap();
    assert!(
        ["sydoestjylland", "midt-vestjylland", "oestjylland"].contains(&up),
        "Syd- og Sønderjylland → Up = {up}"
    );
    assert_eq!(id(nearest(&a, idx(&ds, "nordjylland"), Dir::Up)), None);
    assert_eq!(
        id(nearest(&a, idx(&ds, "koebenhavn"), Dir::Right)),
        Some("bornholm")
    );
    let left = id(nearest(&a, fyn, Dir::Left)).unwrap();
    assert!(left.contains("jylland"), "Fyn → Left = {left}");
    let down = id(nearest(&a, idx(&ds, "nordjylland"), Dir::Down)).unwrap();
    assert!(
        left.contains("jylland") && down.contains("jylland"),
        "{down}"
    );
    // Every district can reach some other one.
    for i in 0..ds.districts.len() {
        assert!(
            [Dir::Up, Dir::Down, Dir::Left, Dir::Right]
                .iter()
                .any(|&d| nearest(&a, i, d).is_some())
        );
    }
}

#[test]
fn clicks_hit_the_district_under_the_pointer_incl_insets() {
    use kredskort::geo::nav::hit_test;
    let (ds, m) = denmark();
    let r = Raster::build(&m, 120, 80, None);
    // Odense in the main map.
    let (x, y) = px(&r, 0, [10.39, 55.40]);
    assert_eq!(
        hit_test(&r, &[], x as u16, (y / 2) as u16),
        Some(idx(&ds, "fyn"))
    );
    // Rønne in the Bornholm inset.
    let b = r
        .panels
        .iter()
        .position(|p| p.kind == kredskort::geo::raster::PanelKind::Inset(0))
        .unwrap();
    let (x, y) = px(&r, b, [14.75, 55.10]);
    assert_eq!(
        hit_test(&r, &[], x as u16, (y / 2) as u16),
        Some(idx(&ds, "bornholm"))
    );
    // Open sea far from land, and outside the raster: nothing.
    let (x, y) = px(&r, 0, [11.2, 57.4]);
    assert_eq!(hit_test(&r, &[], x as u16, (y / 2) as u16), None);
    assert_eq!(hit_test(&r, &[], 500, 500), None);
}

#[test]
fn danish_labels_never_overlap_and_sit_on_their_district() {
    use kredskort::geo::labels::{default_texts, place};
    use kredskort::geo::nav::hit_test;
    let (ds, m) = denmark();
    let names: Vec<&str> = ds.districts.iter().map(|d| d.short_name()).collect();
    let texts = default_texts(
        &names,
        &ds.funded_totals(),
        "DKK",
        kredskort::locale::Locale::Da,
    );
    for (w, h) in [(40usize, 12usize), (80, 24), (120, 40), (200, 60)] {
        let r = Raster::build(&m, w, h * 2, None);
        let labels = place(&r, &texts);
        println!("{w}x{h}: {} labels", labels.len());
        for (i, a) in labels.iter().enumerate() {
            assert!(usize::from(a.x + a.width) <= w && usize::from(a.y + a.height()) <= h);
            for b in &labels[i + 1..] {
                let apart = a.x + a.width <= b.x
                    || b.x + b.width <= a.x
                    || a.y + a.height() <= b.y
                    || b.y + b.height() <= a.y;
                assert!(apart, "{w}x{h}: {a:?} overlaps {b:?}");
            }
            // Clicking on a label selects its district.
            assert_eq!(hit_test(&r, &labels, a.x, a.y), Some(a.district));
            // Its anchor cell (the middle of the box) is the district's own.
            let (mx, my) = (usize::from(a.x + a.width / 2), usize::from(a.y) * 2);
            let near = (my..my + 2 * usize::from(a.height()))
                .any(|y| r.district(mx, y) == Some(a.district));
            assert!(near, "{a:?}");
        }
        if w >= 200 {
            assert_eq!(labels.len(), ds.districts.len(), "all 12 fit at 200x60");
        }
    }
}

#[test]
fn zoom_shows_the_selected_district_large_and_without_insets() {
    let (ds, m) = denmark();
    let kbh = idx(&ds, "koebenhavn");
    let zoom = m.zoom_box(kbh).unwrap();
    let r = Raster::build(&m, 80, 48, Some(zoom));
    assert_eq!(r.panels.len(), 1);
    let share = r.area[kbh] as f64 / (80.0 * 48.0);
    assert!(
        share > 0.2,
        "København fills a good part of the pane when zoomed ({share})"
    );
    // Neighbours remain visible around it.
    assert!(r.area[idx(&ds, "koebenhavns-vestegn")] > 0);
}

#[test]
fn other_geometry_files_work_the_same_way() {
    // Regions built from a user's own GeoJSON file, named by a numeric property.
    let dir = std::env::temp_dir().join(format!("kredskort-geo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("regions.geojson"),
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":1},"geometry":{"type":"Polygon","coordinates":[[[-3,40],[-2,40],[-2,41],[-3,41],[-3,40]]]}},
        {"type":"Feature","properties":{"id":2},"geometry":{"type":"Polygon","coordinates":[[[-2,40],[-1,40],[-1,41],[-2,41],[-2,40]]]}}]}"#,
    )
    .unwrap();
    let mut ds = kredskort::data::load_embedded();
    ds.districts.truncate(2);
    ds.districts[0].shapes = vec!["1".into()];
    ds.districts[1].shapes = vec!["2".into()];
    let spec = MapSpec {
        geometry: "regions.geojson".into(),
        key: "id".into(),
        bbox: None,
        insets: vec![],
    };
    let m = geo::load(&spec, &ds.map_shapes(), Some(&dir)).unwrap();
    let r = Raster::build(&m, 40, 20, None);
    assert!(r.area[0] > 100 && r.area[1] > 100, "{:?}", r.area);
    assert_eq!(
        kredskort::geo::nav::nearest(
            &kredskort::geo::nav::anchors(&m),
            0,
            kredskort::geo::nav::Dir::Right
        ),
        Some(1)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn errors_in_a_users_geojson_point_into_that_file() {
    let dir = std::env::temp_dir().join(format!("kredskort-geo-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.geojson"),
        "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"navn\":\"A\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]],]}}\n]}",
    )
    .unwrap();
    let ds = kredskort::data::load_embedded();
    let spec = MapSpec {
        geometry: "bad.geojson".into(),
        key: "navn".into(),
        bbox: None,
        insets: vec![],
    };
    let errs = geo::load(&spec, &ds.map_shapes(), Some(&dir)).unwrap_err();
    let e = &errs[0];
    assert_eq!(e.at, geo::GeoErrorAt::MapGeometry);
    let shown = e.to_string();
    println!("{shown}");
    assert!(e.message.contains("bad.geojson:2:"), "{shown}");
    assert!(shown.contains("\n  | ") && shown.ends_with('^'), "{shown}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Insets cover as little land of the main map as any spot of their size could, and none at all
/// where a spot is free, if need be for a smaller box (sizes where they sit beside the map are
/// skipped).
#[test]
fn insets_cover_as_little_of_the_main_map_as_possible() {
    use kredskort::geo::raster::PanelKind;
    let (_, m) = denmark();
    let mut bare = m.clone();
    bare.insets.clear();
    let mut overlaid = 0;
    // 53×48: the map pane of a 100×30 terminal.
    for w in [30, 41, 53, 66, 80, 118, 158, 198] {
        for h in [20, 34, 48, 60, 76, 96, 116] {
            let r = Raster::build(&m, w, h, None);
            let r0 = Raster::build(&bare, w, h, None);
            if r.panels[0] != r0.panels[0] {
                continue; // a strip layout: the insets sit beside the main map
            }
            let land = |x0: usize, y0: usize, iw: usize, ih: usize| {
                (y0..y0 + ih)
                    .flat_map(|y| (x0..x0 + iw).map(move |x| (x, y)))
                    .filter(|&(x, y)| r0.owner(x, y) != kredskort::geo::raster::SEA)
                    .count()
            };
            for (k, p) in r.panels.iter().enumerate().skip(1) {
                assert!(matches!(p.kind, PanelKind::Inset(_)));
                overlaid += 1;
                let o = p.outer;
                let covered = land(o.x, o.y, o.w, o.h);
                let earlier = &r.panels[1..k];
                let best = (0..=h - o.h)
                    .step_by(2)
                    .flat_map(|y| (0..=w - o.w).map(move |x| (x, y)))
                    .filter(|&(x, y)| {
                        let c = kredskort::geo::project::PxRect {
                            x,
                            y,
                            w: o.w,
                            h: o.h,
                        };
                        !earlier.iter().any(|e| e.outer.intersects(&c))
                    })
                    .map(|(x, y)| land(x, y, o.w, o.h))
                    .min()
                    .unwrap();
                assert_eq!(
                    covered, best,
                    "{w}x{h}: inset {k} at {o:?} covers {covered} land pixels"
                );
                // On this map there is always a free spot, if need be for a smaller box (at
                // 53×48 the full-size Storkøbenhavn box fits nowhere without covering Jutland).
                assert_eq!(covered, 0, "{w}x{h}: inset {k} at {o:?} covers land");
            }
        }
    }
    assert!(overlaid > 10, "only {overlaid} overlaid insets checked");
}
