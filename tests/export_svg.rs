//! `kredskort export --format svg` as a user runs it: a well-formed SVG with one path per district,
//! its text in the chosen language, written atomically without clobbering.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A fresh temporary directory, removed at the end.
struct Tmp(PathBuf);
impl Tmp {
    fn new(tag: &str) -> Tmp {
        let p = std::env::temp_dir().join(format!("kredskort-svg-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
}
impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .output()
        .unwrap()
}

/// The district `<path>`s: (id, title text).
fn district_paths(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("district"))
        .map(|n| {
            let title = n
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or("")
                .to_string();
            (n.attribute("id").unwrap_or("").to_string(), title)
        })
        .collect()
}

#[test]
fn svg_of_the_shipped_data_has_one_path_per_district() {
    let t = Tmp::new("da");
    let o = run(&t.0, &["export", "--format", "svg"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = String::from_utf8(o.stdout).unwrap();
    let paths = district_paths(&svg);
    assert_eq!(paths.len(), 12, "{paths:?}");
    let ids: std::collections::HashSet<_> = paths.iter().map(|p| &p.0).collect();
    assert_eq!(ids.len(), 12, "ids are unique");
    assert!(
        paths.iter().any(|(_, t)| t.contains("Københavns Politi")),
        "{paths:?}"
    );
    assert!(svg.contains("Kilde: Ritzau, 13. januar 2014"));
    assert!(svg.contains("Indeholder data fra Styrelsen for Dataforsyning og Infrastruktur"));
    assert!(svg.contains("ingen projekter"));
    assert!(svg.contains("mio. kr."));
}

#[test]
fn svg_in_english() {
    let t = Tmp::new("en");
    let o = run(&t.0, &["--locale", "en", "export", "--format", "svg"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = String::from_utf8(o.stdout).unwrap();
    assert_eq!(district_paths(&svg).len(), 12);
    assert!(svg.contains("Source: Ritzau"), "source line in English");
    assert!(
        svg.contains("Contains data from the Danish Agency for Data Supply and Infrastructure")
    );
    assert!(svg.contains("no projects"));
    assert!(svg.contains("Allocated per district"));
    assert!(!svg.contains("ingen projekter"));
    assert!(!svg.contains("Indeholder data"));
}

#[test]
fn svg_to_a_file_is_atomic_and_does_not_clobber() {
    let t = Tmp::new("out");
    let out = t.0.join("kort.svg");
    let o = run(&t.0, &["export", "--format", "svg", "--output", "kort.svg"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.is_empty());
    let first = std::fs::read_to_string(&out).unwrap();
    assert_eq!(district_paths(&first).len(), 12);
    // A second run refuses to overwrite; --force does.
    let o = run(
        &t.0,
        &[
            "--locale", "en", "export", "--format", "svg", "--output", "kort.svg",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    let o = run(
        &t.0,
        &[
            "--locale", "en", "export", "--format", "svg", "--output", "kort.svg", "--force",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("no projects")
    );
    // Nothing but the output is left in the directory (no temp files).
    let names: Vec<_> = std::fs::read_dir(&t.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("kort.svg")]);
}

#[test]
fn svg_of_a_custom_geometry_relative_to_the_data_file() {
    let t = Tmp::new("custom");
    let geo = std::fs::read_to_string(repo("tests/fixtures/geo/squares.geojson")).unwrap();
    std::fs::create_dir_all(t.0.join("data")).unwrap();
    std::fs::write(t.0.join("data/squares.geojson"), geo).unwrap();
    std::fs::write(
        t.0.join("data/round.toml"),
        "[dataset]\ntitle = \"Squares & <more>\"\npool = 100\n\n[map]\ngeometry = \"squares.geojson\"\n\n[[district]]\nid = \"a\"\nname = \"A\"\nshapes = [\"Alfa\"]\n\n[[district]]\nid = \"b\"\nname = \"B\"\nshapes = [\"Beta\", \"Gamma\"]\n\n[[project]]\ndistrict = \"a\"\nname = \"P\"\namount = 40\n",
    )
    .unwrap();
    let o = run(
        &t.0,
        &["--data", "data/round.toml", "export", "--format", "svg"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = String::from_utf8(o.stdout).unwrap();
    assert_eq!(district_paths(&svg).len(), 2);
    assert!(svg.contains("Squares &amp; &lt;more&gt;"));
    assert!(
        svg.contains("Test squares"),
        "the GeoJSON's own attribution"
    );
}
