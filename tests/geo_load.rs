//! The loader's geometry check: every geometry error kind through `load_str`, located in the data
//! file (or, for errors inside the GeoJSON file, in that file) with message and hint.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use kredskort::data::{LoadError, load_str};

fn geo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/geo")
}

/// A data file with `map` as its `[map]` section (line 5 on) and two districts after it.
fn file(map: &str, districts: &str) -> String {
    format!("[dataset]\ntitle = \"T\"\npool = 100\n\n{map}\n{districts}")
}

const TWO: &str = "[[district]]\nid = \"a\"\nname = \"A\"\nmunicipalities = [\"Alfa\"]\n\n[[district]]\nid = \"b\"\nname = \"B\"\nshapes = [\"Beta\"]\n";

fn err(text: &str) -> LoadError {
    match load_str(text, "t.toml", Some(&geo_dir())) {
        Ok(_) => panic!("should not load:\n{text}"),
        Err(e) => e,
    }
}

#[track_caller]
fn expect(text: &str, path: &str, message: &str, line: usize, col: usize, hint: Option<&str>) {
    let e = err(text);
    let d = e.first().unwrap();
    assert!(d.message.contains(message), "message {:?}\n{e}", d.message);
    assert_eq!(e.first_location(), Some((path, line, col)), "\n{e}");
    if let Some(h) = hint {
        let got = d.hint.as_deref().unwrap_or("");
        assert!(got.contains(h), "hint {got:?} lacks {h:?}\n{e}");
    }
    let report = e.to_string();
    assert!(report.contains(&format!("{path}:{line}:{col}")), "{report}");
    assert!(report.contains('^'), "{report}");
}

#[test]
fn a_valid_map_loads_and_keeps_its_geometry() {
    let text = file("[map]\ngeometry = \"squares.geojson\"\n", TWO);
    let ds = load_str(&text, "t.toml", Some(&geo_dir())).unwrap();
    let geo = ds.geo.as_ref().expect("geometry attached");
    assert_eq!(geo.districts.len(), 2);
    assert_eq!(geo.neutral.len(), 1, "Gamma is unclaimed");
    assert_eq!(geo.attribution.as_deref(), Some("Test squares"));
    // A clone shares the geometry.
    let c = ds.clone();
    assert!(std::sync::Arc::ptr_eq(c.geo.as_ref().unwrap(), geo));
    assert_eq!(c, ds);
}

#[test]
fn a_file_without_map_has_no_geometry() {
    let ds = load_str(&file("", TWO), "t.toml", None).unwrap();
    assert!(ds.map.is_none() && ds.geo.is_none());
}

#[test]
fn unknown_builtin_name_suggests_the_right_one() {
    expect(
        &file("[map]\ngeometry = \"dk-kommuner-2041\"\n", TWO),
        "t.toml",
        "neither a built-in geometry nor a file",
        6,
        12,
        Some("did you mean \"dk-kommuner-2014\"?"),
    );
}

#[test]
fn missing_geometry_file() {
    expect(
        &file("[map]\ngeometry = \"nowhere/x.geojson\"\n", TWO),
        "t.toml",
        "cannot read the geometry file",
        6,
        12,
        Some("relative to the data file"),
    );
}

#[test]
fn invalid_json_is_located_in_the_geojson_file() {
    let text = file("[map]\ngeometry = \"broken.geojson\"\n", TWO);
    let e = err(&text);
    let d = e.first().unwrap();
    let (path, line, col) = e.first_location().unwrap();
    assert!(path.ends_with("broken.geojson"), "{e}");
    assert_eq!((line, col), (4, 71), "{e}");
    assert!(d.message.contains("expected"), "{e}");
    // The note points back at [map].geometry in the data file.
    let report = e.to_string();
    assert!(report.contains("t.toml:6:12"), "{report}");
}

#[test]
fn key_property_missing_is_located_in_the_geojson_and_at_key() {
    let text = file(
        "[map]\ngeometry = \"squares.geojson\"\nkey = \"navn\"\n",
        TWO,
    );
    let e = err(&text);
    let d = e.first().unwrap();
    let (path, line, _) = e.first_location().unwrap();
    assert!(path.ends_with("squares.geojson"), "{e}");
    assert_eq!(line, 5, "{e}");
    assert!(d.message.contains("navn"), "{e}");
    assert!(d.hint.as_deref().unwrap().contains("key"), "{e}");
    assert!(e.to_string().contains("t.toml:7:7"), "{e}");
}

#[test]
fn empty_key_is_refused_as_empty_text() {
    let e = err(&file(
        "[map]\ngeometry = \"squares.geojson\"\nkey = \" \"\n",
        TWO,
    ));
    assert_eq!(e.first_location(), Some(("t.toml", 7, 7)), "{e}");
}

#[test]
fn unknown_shape_name_with_did_you_mean() {
    let districts = TWO.replace("shapes = [\"Beta\"]", "shapes = [\"Betta\"]");
    expect(
        &file("[map]\ngeometry = \"squares.geojson\"\n", &districts),
        "t.toml",
        "no shape named \"Betta\"",
        16,
        11,
        Some("did you mean \"Beta\"?"),
    );
}

#[test]
fn unknown_municipality_with_did_you_mean() {
    let districts = TWO.replace("[\"Alfa\"]", "[\"Alpha\"]");
    expect(
        &file("[map]\ngeometry = \"squares.geojson\"\n", &districts),
        "t.toml",
        "no shape named \"Alpha\"",
        11,
        19,
        Some("did you mean \"Alfa\"?"),
    );
}

#[test]
fn a_shape_claimed_by_two_districts() {
    let districts = TWO.replace("shapes = [\"Beta\"]", "shapes = [\"Beta\", \"Alfa\"]");
    let e = err(&file("[map]\ngeometry = \"squares.geojson\"\n", &districts));
    let note = &e.first().unwrap().notes[0];
    assert_eq!(note.message, "claimed here first");
    let at = note.at.as_ref().unwrap();
    assert_eq!((at.line, at.col), (11, 19), "{e}");
    expect(
        &file("[map]\ngeometry = \"squares.geojson\"\n", &districts),
        "t.toml",
        "\"Alfa\" is already part of district \"a\"",
        16,
        19,
        None,
    );
}

#[test]
fn a_district_outside_bbox_and_insets() {
    let districts = TWO.replace("shapes = [\"Beta\"]", "shapes = [\"Gamma\"]");
    expect(
        &file(
            "[map]\ngeometry = \"squares.geojson\"\nbbox = [0.0, 0.0, 2.0, 1.0]\n",
            &districts,
        ),
        "t.toml",
        "district \"b\" lies outside bbox",
        7,
        8,
        Some("add a [[map.inset]]"),
    );
    // An inset around it makes the file valid.
    let ok = file(
        "[map]\ngeometry = \"squares.geojson\"\nbbox = [0.0, 0.0, 2.0, 1.0]\n\n[[map.inset]]\nname = \"G\"\nbbox = [4.9, 4.9, 6.1, 6.1]\n",
        &districts,
    );
    assert!(load_str(&ok, "t.toml", Some(&geo_dir())).is_ok());
}

#[test]
fn geometry_without_polygons() {
    expect(
        &file(
            "[map]\ngeometry = \"points.geojson\"\n",
            "[[district]]\nid = \"a\"\nname = \"A\"\n",
        ),
        "t.toml",
        "has no Polygon or MultiPolygon features",
        6,
        12,
        None,
    );
}

#[test]
fn a_key_the_builtin_geometry_lacks_is_located_at_map() {
    // `key` left to its default "name": the built-in names its features "navn".
    let text = "[dataset]\ntitle = \"T\"\n\n[map]\ngeometry = \"dk-kommuner-2014\"\n\n[[district]]\nid = \"a\"\nname = \"A\"\nmunicipalities = [\"Odense\"]\n";
    let e = err(text);
    assert_eq!(e.first_location(), Some(("t.toml", 4, 1)), "{e}");
    let d = e.first().unwrap();
    assert!(
        d.message
            .contains("no property \"name\" (it has: kode, navn)"),
        "{e}"
    );
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    // With key = "navn" it loads.
    let ok = text.replace("[map]\n", "[map]\nkey = \"navn\"\n");
    assert!(load_str(&ok, "t.toml", None).is_ok());
}

#[cfg(unix)]
#[test]
fn a_geometry_that_is_a_fifo_is_refused_not_waited_for() {
    let dir = std::env::temp_dir().join(format!("kredskort-geofifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("kort.geojson");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to test
    }
    let e = kredskort::geo::resolve_geometry("kort.geojson", Some(&dir)).unwrap_err();
    assert!(e.message.contains("not a regular file"), "{}", e.message);
    assert!(e.message.contains("FIFO"), "{}", e.message);
    std::fs::remove_dir_all(&dir).ok();
}
