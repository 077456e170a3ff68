//! The data file's `[map]` (`MapSpec`) + its districts' shape names (`DistrictShapes`) + a GeoJSON
//! text → a `GeoMap`: each district's outline
//! as the union of its features' polygons, the unclaimed features as neutral land, and the boxes to
//! draw.
//!
//! A district's outline is kept as the list of all rings of all its features; filling them
//! even-odd gives the union as long as the features do not overlap (municipalities tile the land,
//! and shared borders are exact), and a hole filled by another feature of the same district (as
//! København's hole is by Frederiksberg) comes out filled.
//!
//! Errors say what is wrong and where in the data file, structurally (`GeoErrorAt`); the loader
//! turns that into `path:line:col`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::geojson::{self, GeoJsonError, Polygon};
use super::project::BBox;
// The data file's own hints use the same measure (case and Danish spellings folded,
// `tarnby` → `Tårnby`).
use crate::text::closest;

/// The `[map]` section, as written (the data model holds it; this layer loads what it names).
/// Defined here, below the data layer, so loading geometry needs no data type.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSpec {
    /// A built-in geometry name (`dk-kommuner-2014`) or a path, relative to the data file.
    pub geometry: String,
    /// The feature property that names a shape; `name` when the file does not say.
    pub key: String,
    /// `[west, south, east, north]` in degrees; coordinates, not money, so `f64`.
    pub bbox: Option<[f64; 4]>,
    pub insets: Vec<MapInset>,
}

/// One `[[map.inset]]`: a box drawn in a corner at its own scale.
#[derive(Debug, Clone, PartialEq)]
pub struct MapInset {
    pub name: String,
    pub bbox: [f64; 4],
}

/// What the map needs of one district: its id (for messages) and the names of the features it is
/// made of, with the list they were written in (for locating errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DistrictShapes<'a> {
    pub id: &'a str,
    pub names: &'a [String],
    pub field: ShapeField,
}

impl<'a> DistrictShapes<'a> {
    /// A district's `shapes` when it names any, else its `municipalities`.
    pub fn of(id: &'a str, shapes: &'a [String], municipalities: &'a [String]) -> Self {
        let (names, field) = if shapes.is_empty() {
            (municipalities, ShapeField::Municipalities)
        } else {
            (shapes, ShapeField::Shapes)
        };
        DistrictShapes { id, names, field }
    }
}

/// A geometry shipped inside the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    /// The name a data file uses in `[map] geometry`.
    pub name: &'static str,
    pub geojson: &'static str,
    /// The English credit line (the file's own `attribution` is in the source's language).
    pub credit_en: &'static str,
}

/// The English credit line for the built-in Danish municipalities (from its README).
pub const DK_KOMMUNER_2014_CREDIT_EN: &str = "Contains data from the Danish Agency for Data Supply and Infrastructure, Danish Administrative Geographical Division (DAGI), 13 Feb 2014; simplified.";

/// The built-in geometries.
pub const BUILTIN: &[Builtin] = &[Builtin {
    name: "dk-kommuner-2014",
    geojson: include_str!("../../assets/dk-kommuner-2014.geojson"),
    credit_en: DK_KOMMUNER_2014_CREDIT_EN,
}];

/// The `attribution` string of a built-in geometry, read from its GeoJSON (sanitised).
pub fn attribution_of(builtin: &str) -> Option<String> {
    let text = builtin_text(builtin)?;
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v.get("attribution")?
        .as_str()
        .map(crate::text::sanitize_line)
}

pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|b| b.name == name).map(|b| b.geojson)
}

/// The credit line to print for a map's geometry: in English the built-in's English line when
/// there is one, otherwise (and in Danish) the GeoJSON's own `attribution`.
pub fn credit(geo: &GeoMap, locale: crate::locale::Locale) -> Option<String> {
    if locale == crate::locale::Locale::En
        && let Some(b) = BUILTIN.iter().find(|b| b.name == geo.geometry)
    {
        return Some(b.credit_en.to_string());
    }
    geo.attribution.clone()
}

/// Where in the data file a problem lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoErrorAt {
    /// `[map] geometry` (also: errors inside the GeoJSON file, whose message carries its own
    /// `path:line:col`).
    MapGeometry,
    MapKey,
    MapBbox,
    /// `[[map.inset]]` number `i` (0-based), its `bbox`.
    Inset(usize),
    /// Entry `index` of district `district`'s `shapes` (or `municipalities`, see `field`).
    DistrictShape {
        district: usize,
        index: usize,
        field: ShapeField,
    },
}

/// Which list names a district's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeField {
    Shapes,
    Municipalities,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GeoError {
    pub at: GeoErrorAt,
    /// What is wrong, one line (for a GeoJSON error: its `path:line:col: message`).
    pub message: String,
    /// `did you mean "…"?` or another suggestion.
    pub hint: Option<String>,
    /// For errors inside the GeoJSON file: the full error, with an excerpt of the offending line
    /// to print under the data file's own report.
    pub geojson: Option<Box<GeoJsonError>>,
    /// Another place worth pointing at: for a shape claimed twice, the entry that claimed it first.
    pub first: Option<GeoErrorAt>,
}

impl fmt::Display for GeoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " ({h})")?;
        }
        if let Some((text, at)) = self.geojson.as_ref().and_then(|g| g.excerpt.as_ref()) {
            write!(f, "\n  | {text}\n  | {}^", " ".repeat(*at))?;
        }
        Ok(())
    }
}

/// A named set of polygons (a district's, or one neutral feature's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shape {
    pub polygons: Vec<Polygon>,
    pub bbox: Option<BBox>,
}

impl Shape {
    fn push(&mut self, polygons: &[Polygon]) {
        for p in polygons {
            for r in p {
                for &pt in r {
                    let b = self.bbox.get_or_insert_with(BBox::empty);
                    b.include(pt);
                }
            }
            self.polygons.push(p.clone());
        }
    }

    pub fn rings(&self) -> impl Iterator<Item = &Vec<[f64; 2]>> {
        self.polygons.iter().flatten()
    }

    /// The area-weighted centroid in projected units (x = lon·cos φ₀ with φ₀ = `lat0`), holes
    /// subtracted (the first ring of a polygon is its outer ring, whatever its orientation).
    pub fn centroid(&self, lat0: f64) -> Option<[f64; 2]> {
        let k = lat0.to_radians().cos();
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for p in &self.polygons {
            for (i, r) in p.iter().enumerate() {
                let (ra, rx, ry) = ring_moments(r, k);
                let sign = if (ra >= 0.0) == (i == 0) { 1.0 } else { -1.0 };
                a += sign * ra;
                cx += sign * rx;
                cy += sign * ry;
            }
        }
        (a.abs() > 1e-12).then(|| [cx / a, cy / a])
    }
}

/// Signed area and first moments of a ring in projected units.
fn ring_moments(r: &[[f64; 2]], k: f64) -> (f64, f64, f64) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    let n = r.len();
    for i in 0..n {
        let p = r[i];
        let q = r[(i + 1) % n];
        let (x0, y0, x1, y1) = (p[0] * k, p[1], q[0] * k, q[1]);
        let c = x0 * y1 - x1 * y0;
        a += c;
        cx += (x0 + x1) * c;
        cy += (y0 + y1) * c;
    }
    (a / 2.0, cx / 6.0, cy / 6.0)
}

/// One inset: a box drawn in a corner at its own scale.
#[derive(Debug, Clone, PartialEq)]
pub struct InsetBox {
    pub name: String,
    pub bbox: BBox,
}

/// Everything the outline map draws, in geographic coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoMap {
    /// One per district, same order as `Dataset::districts` (a district without shapes has none).
    pub districts: Vec<Shape>,
    /// Features no district claims, with their names (drawn as neutral land).
    pub neutral: Vec<(String, Shape)>,
    /// The main map's box: `[map] bbox`, else the extent of all features.
    pub bbox: BBox,
    pub insets: Vec<InsetBox>,
    /// The GeoJSON's own attribution string, when it has one.
    pub attribution: Option<String>,
    /// The geometry as named in the data file (built-in name or path).
    pub geometry: String,
}

impl GeoMap {
    /// The box to zoom to for district `i`: its extent with a margin.
    pub fn zoom_box(&self, i: usize) -> Option<BBox> {
        let b = self.districts.get(i)?.bbox?;
        Some(b.padded(0.08, 0.01))
    }

    /// All rings of all neutral features.
    pub fn neutral_rings(&self) -> impl Iterator<Item = &Vec<[f64; 2]>> {
        self.neutral.iter().flat_map(|(_, s)| s.rings())
    }
}

/// The GeoJSON text of `[map] geometry`: a built-in, or a file read relative to `base_dir` (the
/// data file's directory). The `Cow` also carries the name to use in messages.
pub fn resolve_geometry(
    geometry: &str,
    base_dir: Option<&Path>,
) -> Result<(Cow<'static, str>, String), GeoError> {
    if let Some(t) = builtin_text(geometry) {
        return Ok((Cow::Borrowed(t), geometry.to_string()));
    }
    let path = match base_dir {
        Some(d) => d.join(geometry),
        None => Path::new(geometry).to_path_buf(),
    };
    let shown = path.display().to_string();
    let looks_like_path = geometry.contains(['/', '\\', '.']);
    // Bytes that are not UTF-8 are an error as `read_to_string` reports it.
    let read = crate::files::read_regular(&path).and_then(|b| {
        String::from_utf8(b).map_err(|_| {
            crate::files::ReadFail::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ))
        })
    });
    match read {
        Ok(t) => Ok((Cow::Owned(t), shown)),
        Err(crate::files::ReadFail::NotRegular(kind)) => Err(GeoError {
            at: GeoErrorAt::MapGeometry,
            message: format!("the geometry {shown} is not a regular file: this is {kind}"),
            hint: Some("give the path of a GeoJSON file; only regular files are read".into()),
            geojson: None,
            first: None,
        }),
        Err(crate::files::ReadFail::Io(e))
            if !looks_like_path && e.kind() == std::io::ErrorKind::NotFound =>
        {
            let names: Vec<&str> = BUILTIN.iter().map(|b| b.name).collect();
            Err(GeoError {
                at: GeoErrorAt::MapGeometry,
                message: format!(
                    "\"{}\" is neither a built-in geometry nor a file",
                    crate::text::sanitize_line(geometry)
                ),
                hint: Some(match closest(geometry, names.iter().copied()) {
                    Some(m) => format!("did you mean \"{m}\"?"),
                    None => format!(
                        "built-in geometries: {}; or give a path to a GeoJSON file",
                        names.join(", ")
                    ),
                }),
                geojson: None,
                first: None,
            })
        }
        Err(crate::files::ReadFail::Io(e)) => Err(GeoError {
            at: GeoErrorAt::MapGeometry,
            message: format!("cannot read the geometry file {shown}: {e}"),
            hint: Some("the path is relative to the data file".into()),
            geojson: None,
            first: None,
        }),
    }
}

/// `resolve_geometry` + `build`.
pub fn load(
    spec: &MapSpec,
    districts: &[DistrictShapes],
    base_dir: Option<&Path>,
) -> Result<GeoMap, Vec<GeoError>> {
    let (text, origin) = resolve_geometry(&spec.geometry, base_dir).map_err(|e| vec![e])?;
    build_named(spec, districts, &text, &origin)
}

/// Builds the map from the GeoJSON text of `spec.geometry`. Collects every error it can.
pub fn build(
    spec: &MapSpec,
    districts: &[DistrictShapes],
    geometry_text: &str,
) -> Result<GeoMap, Vec<GeoError>> {
    build_named(spec, districts, geometry_text, &spec.geometry)
}

fn build_named(
    spec: &MapSpec,
    districts: &[DistrictShapes],
    geometry_text: &str,
    origin: &str,
) -> Result<GeoMap, Vec<GeoError>> {
    let mut errors = Vec::new();
    let check_box = |b: [f64; 4], at: GeoErrorAt, errors: &mut Vec<GeoError>| -> Option<BBox> {
        let bb = BBox::from_array(b);
        let in_range = bb.is_valid()
            && (-180.0..=180.0).contains(&bb.west)
            && (-180.0..=180.0).contains(&bb.east)
            && (-90.0..=90.0).contains(&bb.south)
            && (-90.0..=90.0).contains(&bb.north);
        if in_range && bb.west < bb.east && bb.south < bb.north {
            Some(bb)
        } else {
            errors.push(GeoError {
                at,
                message: format!(
                    "bbox [{}, {}, {}, {}] is not a box: expected [west, south, east, north] in degrees with west < east and south < north",
                    b[0], b[1], b[2], b[3]
                ),
                hint: Some("longitude −180…180, latitude −90…90".into()),
                geojson: None,
                first: None,
            });
            None
        }
    };
    let bbox = spec
        .bbox
        .and_then(|b| check_box(b, GeoErrorAt::MapBbox, &mut errors));
    let mut insets = Vec::new();
    for (i, inset) in spec.insets.iter().enumerate() {
        if let Some(b) = check_box(inset.bbox, GeoErrorAt::Inset(i), &mut errors) {
            insets.push(InsetBox {
                name: inset.name.clone(),
                bbox: b,
            });
        }
    }
    if spec.key.trim().is_empty() {
        errors.push(GeoError {
            at: GeoErrorAt::MapKey,
            message: "key is empty; it names the feature property that holds the shape names"
                .into(),
            hint: Some("e.g. key = \"name\"".into()),
            geojson: None,
            first: None,
        });
        return Err(errors);
    }
    let fc = match geojson::parse(geometry_text, origin, &spec.key) {
        Ok(fc) => fc,
        Err(e) => {
            let at = if e.message.contains("has no property") {
                GeoErrorAt::MapKey
            } else {
                GeoErrorAt::MapGeometry
            };
            errors.push(GeoError {
                at,
                message: e.headline(),
                hint: None,
                geojson: Some(Box::new(e)),
                first: None,
            });
            return Err(errors);
        }
    };
    // Name → feature indices (several features may share a name: they form one shape).
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in fc.features.iter().enumerate() {
        by_name.entry(f.name.as_str()).or_default().push(i);
    }
    // Feature name → (district, field, index) that claimed it first.
    let mut claimed: HashMap<&str, (usize, ShapeField, usize)> = HashMap::new();
    let mut shapes = vec![Shape::default(); districts.len()];
    for (di, d) in districts.iter().enumerate() {
        let field = d.field;
        for (ni, name) in d.names.iter().enumerate() {
            let at = GeoErrorAt::DistrictShape {
                district: di,
                index: ni,
                field,
            };
            let Some(feats) = by_name.get(name.as_str()) else {
                let hint = closest(name, by_name.keys().copied())
                    .map(|m| format!("did you mean \"{m}\"?"))
                    .or_else(|| {
                        Some(format!(
                            "names come from the property \"{}\" of {}",
                            spec.key, origin
                        ))
                    });
                errors.push(GeoError {
                    at,
                    message: format!("no shape named \"{name}\" in {origin}"),
                    hint,
                    geojson: None,
                    first: None,
                });
                continue;
            };
            if let Some(&(other, ofield, oindex)) = claimed.get(name.as_str()) {
                let what = if other == di {
                    format!("\"{name}\" is listed twice in this district")
                } else {
                    let od = districts.get(other).map_or("?", |d| d.id);
                    format!(
                        "\"{name}\" is already part of district \"{od}\" ({} entry {}); a shape can belong to one district only",
                        match ofield {
                            ShapeField::Shapes => "shapes",
                            ShapeField::Municipalities => "municipalities",
                        },
                        oindex + 1
                    )
                };
                errors.push(GeoError {
                    at,
                    message: what,
                    hint: None,
                    geojson: None,
                    first: Some(GeoErrorAt::DistrictShape {
                        district: other,
                        index: oindex,
                        field: ofield,
                    }),
                });
                continue;
            }
            claimed.insert(name.as_str(), (di, field, ni));
            for &fi in feats {
                if let Some(f) = fc.features.get(fi) {
                    shapes[di].push(&f.polygons);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut neutral: Vec<(String, Shape)> = Vec::new();
    let mut all = BBox::empty();
    for f in &fc.features {
        let mut s = Shape::default();
        s.push(&f.polygons);
        if let Some(b) = s.bbox {
            all = all.union(&b);
        }
        if !claimed.contains_key(f.name.as_str()) {
            neutral.push((f.name.clone(), s));
        }
    }
    let bbox = match bbox {
        Some(b) => b,
        None if all.is_valid() => all.padded(0.02, 0.0),
        None => {
            return Err(vec![GeoError {
                at: GeoErrorAt::MapGeometry,
                message: format!("{origin} has no Polygon or MultiPolygon features"),
                hint: Some("only areal features can be drawn as districts".into()),
                geojson: None,
                first: None,
            }]);
        }
    };
    // A district the map cannot show is a mistake in bbox or the insets, not something to hide.
    let mut outside = Vec::new();
    for (di, s) in shapes.iter().enumerate() {
        let Some(b) = s.bbox else { continue };
        if !b.intersects(&bbox) && !insets.iter().any(|i| i.bbox.intersects(&b)) {
            let id = districts.get(di).map_or("?", |d| d.id);
            outside.push(GeoError {
                at: GeoErrorAt::MapBbox,
                message: format!(
                    "district \"{id}\" lies outside bbox and every inset ([{:.2}, {:.2}, {:.2}, {:.2}]), so the map could not show it",
                    b.west, b.south, b.east, b.north
                ),
                hint: Some("widen bbox or add a [[map.inset]] for it".into()),
                geojson: None,
                first: None,
            });
        }
    }
    if !outside.is_empty() {
        return Err(outside);
    }
    Ok(GeoMap {
        districts: shapes,
        neutral,
        bbox,
        insets,
        attribution: fc.attribution,
        geometry: spec.geometry.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(geometry: &str, key: &str) -> MapSpec {
        MapSpec {
            geometry: geometry.into(),
            key: key.into(),
            bbox: None,
            insets: vec![],
        }
    }

    /// A district's id and shape names, owned; `as_shapes` lends them as the loader's input.
    fn district(id: &str, shapes: &[&str]) -> (String, Vec<String>) {
        (id.into(), shapes.iter().map(|s| s.to_string()).collect())
    }

    fn as_shapes(ds: &[(String, Vec<String>)]) -> Vec<DistrictShapes<'_>> {
        ds.iter()
            .map(|(id, names)| DistrictShapes::of(id, names, &[]))
            .collect()
    }

    const TWO: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Alpha"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
      {"type":"Feature","properties":{"name":"Beta"},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}},
      {"type":"Feature","properties":{"name":"Gamma"},"geometry":{"type":"Polygon","coordinates":[[[2,0],[3,0],[3,1],[2,1],[2,0]]]}}]}"#;

    #[test]
    fn unclaimed_features_are_neutral_and_bbox_defaults_to_extent() {
        let ds = [district("a", &["Alpha", "Beta"])];
        let m = build(&spec("t", "name"), &as_shapes(&ds), TWO).unwrap();
        assert_eq!(m.districts[0].polygons.len(), 2);
        assert_eq!(m.neutral.len(), 1);
        assert_eq!(m.neutral[0].0, "Gamma");
        assert!(m.bbox.west <= 0.0 && m.bbox.east >= 3.0);
    }

    #[test]
    fn unknown_names_get_did_you_mean_and_double_claims_are_errors() {
        let ds = [
            district("a", &["Alpha", "Betta"]),
            district("b", &["Alpha"]),
        ];
        let errs = build(&spec("t", "name"), &as_shapes(&ds), TWO).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(
            errs[0].at,
            GeoErrorAt::DistrictShape {
                district: 0,
                index: 1,
                field: ShapeField::Shapes
            }
        );
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean \"Beta\"?"));
        assert!(
            errs[1].message.contains("already part of district \"a\""),
            "{}",
            errs[1]
        );
        assert_eq!(
            errs[1].at,
            GeoErrorAt::DistrictShape {
                district: 1,
                index: 0,
                field: ShapeField::Shapes
            }
        );
    }

    #[test]
    fn bad_boxes_keys_and_geometry_names() {
        let mut s = spec("t", "name");
        s.bbox = Some([10.0, 50.0, 9.0, 51.0]);
        s.insets = vec![MapInset {
            name: "I".into(),
            bbox: [0.0, 0.0, 1.0, f64::NAN],
        }];
        let errs = build(&s, &[], TWO).unwrap_err();
        assert_eq!(errs[0].at, GeoErrorAt::MapBbox);
        assert_eq!(errs[1].at, GeoErrorAt::Inset(0));
        let mut s = spec("t", "name");
        s.bbox = Some([0.0, 0.0, 1.5, 1.0]);
        let g = [district("g", &["Gamma"])];
        let errs = build(&s, &as_shapes(&g), TWO).unwrap_err();
        assert_eq!(errs[0].at, GeoErrorAt::MapBbox);
        assert!(
            errs[0].message.contains("\"g\" lies outside"),
            "{}",
            errs[0]
        );
        s.insets = vec![MapInset {
            name: "G".into(),
            bbox: [2.0, 0.0, 3.0, 1.0],
        }];
        assert!(build(&s, &as_shapes(&g), TWO).is_ok());
        let errs = build(&spec("t", "navn"), &[], TWO).unwrap_err();
        assert_eq!(errs[0].at, GeoErrorAt::MapKey);
        assert!(errs[0].message.starts_with("t:2:"), "{}", errs[0]);
        let errs = build(
            &spec("t", "name"),
            &[],
            "{\"type\": \"FeatureCollection\",\n\"features\": [}",
        )
        .unwrap_err();
        assert!(errs[0].message.starts_with("t:2:"), "{}", errs[0]);
        let e = resolve_geometry("dk-kommuner-2041", None).unwrap_err();
        assert_eq!(
            e.hint.as_deref(),
            Some("did you mean \"dk-kommuner-2014\"?")
        );
        let e =
            resolve_geometry("no/such/file.geojson", Some(Path::new("/nonexistent"))).unwrap_err();
        assert!(e.message.contains("cannot read"), "{e}");
    }

    #[test]
    fn copenhagen_is_the_union_of_four_municipalities_with_the_hole_filled() {
        let ds = crate::data::load_embedded();
        let m = load(&spec("dk-kommuner-2014", "navn"), &ds.map_shapes(), None).unwrap();
        let kbh = ds
            .districts
            .iter()
            .position(|d| d.id == "koebenhavn")
            .unwrap();
        // København (with a hole) + Frederiksberg + Dragør + Tårnby.
        assert!(m.districts[kbh].polygons.len() >= 4);
        assert!(
            m.districts[kbh].polygons.iter().any(|p| p.len() > 1),
            "København has a hole"
        );
        assert_eq!(
            m.neutral.len(),
            98 - ds
                .districts
                .iter()
                .map(|d| d.municipalities.len())
                .sum::<usize>()
        );
        assert!(attribution_of("dk-kommuner-2014").unwrap().contains("DAGI"));
        // Frederiksberg's centre is inside the district by even-odd over all its rings.
        let inside =
            |p: [f64; 2]| m.districts[kbh].rings().filter(|r| crossing(r, p)).count() % 2 == 1;
        assert!(inside([12.52, 55.68]), "Frederiksberg");
        assert!(inside([12.57, 55.68]), "København centre");
        assert!(!inside([12.40, 55.68]), "Vestegn");
    }

    fn crossing(r: &[[f64; 2]], p: [f64; 2]) -> bool {
        let mut c = false;
        for i in 0..r.len() {
            let (a, b) = (r[i], r[(i + 1) % r.len()]);
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0])
            {
                c = !c;
            }
        }
        c
    }

    #[test]
    fn shape_names_are_matched_with_danish_spellings_folded() {
        assert_eq!(closest("tarnby", ["Tårnby", "Dragør"]), Some("Tårnby"));
        assert_eq!(closest("Xyzzy", ["Tårnby"]), None);
    }
}
