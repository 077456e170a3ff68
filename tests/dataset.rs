//! The shipped 2014 dataset: its figures, the derived values, and that the embedded copy loads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use kredskort::data::{load_embedded, load_file, load_str, load_with_spans};
use kredskort::locale::Locale;
use kredskort::money::format_money;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn the_embedded_dataset_loads() {
    // load_embedded panics only if this test fails.
    let ds = load_embedded();
    assert_eq!(ds.origin, kredskort::data::EMBEDDED_NAME);
    let from_disk = load_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/forebyggelse-2014.toml"),
    )
    .unwrap();
    assert_eq!(ds.districts, from_disk.districts);
    assert_eq!(ds.projects, from_disk.projects);
}

#[test]
fn shipped_figures() {
    let ds = load_embedded();
    assert_eq!(ds.meta.title, "Kriminalpræventive projekter 2014–2015");
    assert_eq!(ds.meta.pool, Some(d("140000000")));
    assert_eq!(ds.meta.currency, "DKK");
    assert_eq!(ds.meta.published.as_deref(), Some("2014-01-13"));
    assert_eq!(ds.districts.len(), 12);
    let municipalities: usize = ds.districts.iter().map(|x| x.municipalities.len()).sum();
    assert_eq!(municipalities, 98);
    assert_eq!(ds.projects.len(), 6);
    assert_eq!(ds.allocated, d("65975000"));
    assert_eq!(ds.not_itemised, Some(d("74025000")));
    assert_eq!(
        format_money(ds.allocated, "DKK", Locale::Da),
        "65.975.000 kr."
    );
    assert_eq!(
        format_money(ds.not_itemised.unwrap(), "DKK", Locale::Da),
        "74.025.000 kr."
    );
    assert!(ds.districts.iter().all(|x| x.tile_given));
    assert!(ds.meta.notes.as_deref().unwrap().contains("140 mio. kr."));
}

#[test]
fn derived_district_figures() {
    let ds = load_embedded();
    let kbh = ds
        .districts
        .iter()
        .position(|x| x.id == "koebenhavn")
        .unwrap();
    let k = &ds.districts[kbh];
    assert_eq!(k.total, d("30000000"));
    assert_eq!(k.share_of_pool, Some(d("30000000") / d("140000000")));
    assert_eq!(k.projects.len(), 1);
    assert_eq!(ds.projects[k.projects[0]].name(), "Projekt Pin-point");
    assert_eq!(ds.projects_of(kbh).count(), 1);
    let without: Vec<&str> = ds
        .districts_without_projects()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(without.len(), 6);
    assert!(without.contains(&"bornholm"));
    let sum: Decimal = ds.districts.iter().map(|x| x.total).sum();
    assert_eq!(sum, ds.allocated);
}

#[test]
fn spans_are_kept_for_the_geometry_check() {
    let text = "[dataset]\ntitle = \"T\"\n[map]\ngeometry = \"dk-kommuner-2014\"\nkey = \"navn\"\nbbox = [8, 54.5, 12.8, 57.8]\n[[map.inset]]\nname = \"Bornholm\"\nbbox = [14.6, 54.95, 15.25, 55.35]\n[[district]]\nid = \"a\"\nname = \"A\"\nmunicipalities = [\"Odense\", \"Nyborg\"]\nshapes = [\"Svendborg\"]\n";
    let (ds, spans) = load_with_spans(text, "t.toml", None).unwrap();
    let map = ds.map.unwrap();
    assert_eq!(map.geometry, "dk-kommuner-2014");
    assert_eq!(map.key, "navn");
    assert_eq!(map.bbox, Some([8.0, 54.5, 12.8, 57.8]));
    assert_eq!(map.insets.len(), 1);
    assert_eq!(map.insets[0].name, "Bornholm");
    assert_eq!(ds.districts[0].shapes, vec!["Svendborg"]);
    assert!(ds.geo.is_some());
    let g = spans.map_geometry.unwrap();
    assert_eq!(&text[g], "\"dk-kommuner-2014\"");
    assert_eq!(&text[spans.map_key.unwrap()], "\"navn\"");
    let m = &spans.districts[0].municipalities[1];
    assert_eq!(&text[m.clone()], "\"Nyborg\"");
    assert_eq!(&text[spans.map_bbox.unwrap()], "[8, 54.5, 12.8, 57.8]");
    assert_eq!(spans.map_insets.len(), 1);
    assert_eq!(&text[spans.districts[0].shapes[0].clone()], "\"Svendborg\"");
}

#[test]
fn geo_issues_become_located_diagnostics() {
    use kredskort::data::diagnostic::SourceMap;
    use kredskort::data::load::locate_geo_issue;
    use kredskort::data::{GeoIssue, GeoPlace};
    let text =
        "[dataset]\ntitle = \"T\"\n[[district]]\nid = \"a\"\nname = \"A\"\nshapes = [\"Odence\"]\n";
    let (_, spans) = load_with_spans(text, "t.toml", None).unwrap();
    let p = locate_geo_issue(
        &spans,
        GeoIssue {
            place: GeoPlace::Shape {
                district: 0,
                shape: 0,
            },
            message: "unknown shape \"Odence\"".into(),
            hint: Some("did you mean \"Odense\"?".into()),
            note: None,
        },
    );
    let d = SourceMap::new(text, "t.toml").resolve(p);
    assert_eq!(d.one_line(), "t.toml:6:11: unknown shape \"Odence\"");
}

#[test]
fn text_is_sanitised_at_load() {
    let text = "[dataset]\ntitle = \"Evil \\u001b[2J title\"\nnotes = \"line one\\nline \\u009b two\"\n[[district]]\nid = \"a\"\nname = \"A\\u202e\\u0007\"\n[[project]]\ndistrict = \"a\"\nname = \"P\\tQ\"\namount = 1\nsummary = \"x\\u001b]0;pwned\\u0007\"\npartners = [\"\\u001bP\"]\n";
    let ds = load_str(text, "t.toml", None).unwrap();
    let all = [
        ds.meta.title.clone(),
        ds.meta.notes.clone().unwrap(),
        ds.districts[0].name.clone(),
        ds.projects[0].name().to_string(),
        ds.projects[0].summary().unwrap().to_string(),
        ds.projects[0].partners().next().unwrap().to_string(),
    ];
    for s in &all {
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n'),
            "{s:?} still has a control character"
        );
        assert!(!s.contains('\u{202e}'));
    }
    assert_eq!(
        ds.meta.notes.as_deref(),
        Some("line one\nline \u{fffd} two")
    );
    assert_eq!(ds.projects[0].name(), "P Q");
}

#[test]
fn decimal_amounts_sum_exactly() {
    let text = "[dataset]\ntitle = \"T\"\npool = \"1.00\"\n[[district]]\nid = \"a\"\nname = \"A\"\n[[project]]\ndistrict = \"a\"\nname = \"P\"\namount = \"0.10\"\n[[project]]\ndistrict = \"a\"\nname = \"Q\"\namount = \"0.20\"\n[[project]]\ndistrict = \"a\"\nname = \"R\"\namount = \"0.70\"\n";
    let ds = load_str(text, "t.toml", None).unwrap();
    assert_eq!(ds.allocated, Decimal::ONE, "0.1 + 0.2 + 0.7 is exactly 1");
    assert_eq!(ds.not_itemised, Some(Decimal::ZERO));
    assert_eq!(ds.districts[0].share_of_pool, Some(Decimal::ONE));
}

#[test]
fn districts_without_tiles_are_laid_out_around_given_ones() {
    let mut text = String::from("[dataset]\ntitle = \"T\"\n");
    for i in 0..1500 {
        text.push_str(&format!("[[district]]\nid = \"d{i}\"\nname = \"D {i}\"\n"));
        if i == 3 {
            text.push_str("tile = [0, 0]\n");
        }
    }
    let ds = load_str(&text, "t.toml", None).unwrap();
    let tiles: std::collections::HashSet<_> = ds.districts.iter().map(|x| x.tile).collect();
    assert_eq!(tiles.len(), 1500, "no two districts share a tile");
    assert!(ds.districts[3].tile_given);
    assert_eq!((ds.districts[3].tile.row, ds.districts[3].tile.col), (0, 0));
    assert_eq!((ds.districts[0].tile.row, ds.districts[0].tile.col), (0, 1));
    assert!(
        ds.districts
            .iter()
            .all(|x| x.tile.col < 39 && x.tile.row < 40)
    );
}

#[test]
fn the_example_in_docs_format_md_loads() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"),
    )
    .unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let ds = load_str(&doc[start..end], "format.md", None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ds.districts.len(), 2);
    assert_eq!(ds.projects.len(), 1);
    assert!(!ds.districts[1].tile_given);
    assert_ne!(ds.districts[1].tile, ds.districts[0].tile);
    let map = ds.map.unwrap();
    assert_eq!(map.key, "navn");
    assert_eq!(map.insets.len(), 1);
}

/// The chunked loader's contract: converting pieces of a file at their offsets and finishing gives
/// exactly the whole-file result, errors and locations included.
#[test]
fn pieces_converted_at_their_offsets_equal_the_whole_file() {
    use kredskort::data::load::{convert_text, finish};
    for name in [
        "many.toml",
        "duplicate_project.toml",
        "over_pool.toml",
        "valid.toml",
        "syntax.toml",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let whole = load_str(&text, name, None);
        // Split before every top-level [[ header.
        let mut cuts: Vec<usize> = text.match_indices("\n[[").map(|(i, _)| i + 1).collect();
        cuts.insert(0, 0);
        cuts.push(text.len());
        let mut raw = kredskort::data::convert::RawFile::default();
        let mut problems = Vec::new();
        let mut syntax_ok = true;
        for w in cuts.windows(2) {
            let (r, p, ok) = convert_text(&text[w[0]..w[1]], w[0]);
            problems.extend(p);
            raw.append(r, &mut problems);
            syntax_ok &= ok;
        }
        let pieces = finish(&text, name, None, raw, problems, syntax_ok).map(|(d, _)| d);
        assert_eq!(whole, pieces, "{name}");
    }
    // A second [dataset] in a later piece is rejected, as the whole-file parse rejects it.
    let text = "[dataset]\ntitle = \"A\"\n[[district]]\nid = \"a\"\nname = \"A\"\n[dataset]\ntitle = \"B\"\n";
    assert!(load_str(text, "t.toml", None).is_err());
    let cut = text.rfind("[dataset]").unwrap();
    let (mut raw, mut problems, _) = convert_text(&text[..cut], 0);
    let (r2, p2, _) = convert_text(&text[cut..], cut);
    problems.extend(p2);
    raw.append(r2, &mut problems);
    let e = finish(text, "t.toml", None, raw, problems, true).unwrap_err();
    assert_eq!(
        e.first().unwrap().one_line(),
        "t.toml:6:1: [dataset] is defined twice"
    );
}

/// The municipalities' populations on 1 January 2014 (Danmarks Statistik) from the copy in
/// tests/fixtures (its first line says where it comes from): name → inhabitants.
fn populations_2014() -> Vec<(String, u64)> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/befolkning-2014.csv");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.starts_with("# Danmarks Statistik"),
        "the provenance line"
    );
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(lines.next(), Some("kode,kommune,befolkning"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 3, "{l}");
            (f[1].to_string(), f[2].parse().unwrap())
        })
        .collect()
}

#[test]
fn every_district_has_the_population_of_its_municipalities() {
    let csv = populations_2014();
    assert_eq!(csv.len(), 98);
    let ds = load_embedded();
    // Every municipality of the file is in the CSV exactly once, and every row of the CSV is used.
    let mut used = vec![0; csv.len()];
    for district in &ds.districts {
        let mut sum = 0;
        for m in &district.municipalities {
            let rows: Vec<usize> = (0..csv.len()).filter(|&i| csv[i].0 == *m).collect();
            assert_eq!(rows.len(), 1, "{m} in the CSV");
            used[rows[0]] += 1;
            sum += csv[rows[0]].1;
        }
        assert_eq!(district.population, Some(sum), "{}", district.name);
    }
    assert!(used.iter().all(|&n| n == 1), "{used:?}");
    let kbh = ds.districts.iter().find(|d| d.id == "koebenhavn").unwrap();
    assert_eq!(kbh.population, Some(728_243));
    let total: u64 = ds.districts.iter().filter_map(|d| d.population).sum();
    assert_eq!(
        total, 5_627_145,
        "all 98 municipalities, without Christiansø"
    );
    // The copy is the shared source, where that is checked out beside the repository.
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/sources/befolkning-2014.csv");
    if let Ok(original) = std::fs::read_to_string(shared) {
        let copy = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/befolkning-2014.csv"),
        )
        .unwrap();
        assert_eq!(copy.split_once('\n').unwrap().1, original);
    }
}
