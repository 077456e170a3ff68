//! GeoJSON (RFC 7946) → named polygons.
//!
//! Only what a choropleth needs is kept: every Feature with a Polygon or MultiPolygon geometry (or a
//! GeometryCollection holding some), named by one configured property. Point, LineString and other
//! geometries, and features without geometry, are skipped. Parsing streams through serde_json with a
//! `DeserializeSeed`, so every error — syntax, a missing key property, a ring with too few points —
//! carries serde_json's `line:col` in the GeoJSON file.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::text::sanitize_line;

/// A closed ring of `[lon, lat]` positions (the closing point may or may not repeat the first).
pub type Ring = Vec<[f64; 2]>;
/// An outer ring followed by its holes.
pub type Polygon = Vec<Ring>;

/// One polygonal feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// The value of the key property (strings as written, sanitised; numbers stringified).
    pub name: String,
    pub polygons: Vec<Polygon>,
}

/// The polygonal features of a FeatureCollection, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeatureCollection {
    /// The collection's top-level `attribution` string, when it has one (sanitised).
    pub attribution: Option<String>,
    pub features: Vec<Feature>,
}

/// What is wrong with a GeoJSON file, and where (`line`/`column` 1-based; 0 when unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct GeoJsonError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Up to about 60 characters of the offending line around the column (sanitised; GeoJSON
    /// lines can be kilobytes long), and the marker's offset in it (display columns).
    pub excerpt: Option<(String, usize)>,
}

impl GeoJsonError {
    /// `origin:line:col: message`, one line.
    pub fn headline(&self) -> String {
        if self.line > 0 {
            format!(
                "{}:{}:{}: {}",
                self.origin, self.line, self.column, self.message
            )
        } else {
            format!("{}: {}", self.origin, self.message)
        }
    }
}

impl fmt::Display for GeoJsonError {
    /// The headline, then the excerpt with a `^` under the column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some((text, at)) = &self.excerpt {
            write!(f, "\n  | {text}\n  | {}^", " ".repeat(*at))?;
        }
        Ok(())
    }
}

/// The part of `line` around byte `col` (1-based), and the marker's display offset in it.
fn excerpt(text: &str, line: usize, col: usize) -> Option<(String, usize)> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let mut at = col.saturating_sub(1).min(l.len());
    while !l.is_char_boundary(at) {
        at -= 1;
    }
    let before: Vec<char> = l[..at].chars().collect();
    let after: Vec<char> = l[at..].chars().collect();
    let b0 = before.len().saturating_sub(30);
    let mut head: String = before[b0..].iter().collect();
    if b0 > 0 {
        head.insert(0, '…');
    }
    let mut tail: String = after.iter().take(30).collect();
    if after.len() > 30 {
        tail.push('…');
    }
    let head = sanitize_line(&head);
    let marker = crate::text::width(&head);
    Some((format!("{head}{}", sanitize_line(&tail)), marker))
}

impl std::error::Error for GeoJsonError {}

/// Parses a FeatureCollection, naming features by the property `key`. `origin` names the file in
/// errors.
pub fn parse(text: &str, origin: &str, key: &str) -> Result<FeatureCollection, GeoJsonError> {
    let wrap = |e: serde_json::Error| {
        let (line, column) = (e.line(), e.column());
        let full = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
        GeoJsonError {
            origin: origin.to_string(),
            line,
            column,
            message,
            excerpt: excerpt(text, line, column),
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let fc = CollectionSeed { key }.deserialize(&mut de).map_err(wrap)?;
    de.end().map_err(wrap)?;
    Ok(fc)
}

struct CollectionSeed<'k> {
    key: &'k str,
}

impl<'de> DeserializeSeed<'de> for CollectionSeed<'_> {
    type Value = FeatureCollection;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CollectionSeed<'_> {
    type Value = FeatureCollection;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kind: Option<String> = None;
        let mut attribution = None;
        let mut features = None;
        while let Some(k) = map.next_key::<String>()? {
            match k.as_str() {
                "type" => kind = Some(map.next_value()?),
                "attribution" => {
                    let v: Value = map.next_value()?;
                    if let Value::String(s) = v {
                        attribution = Some(sanitize_line(&s));
                    }
                }
                "features" => {
                    if features.is_some() {
                        return Err(de::Error::custom("duplicate field `features`"));
                    }
                    features = Some(map.next_value_seed(FeaturesSeed { key: self.key })?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match kind.as_deref() {
            Some("FeatureCollection") => {}
            Some(other) => {
                return Err(de::Error::custom(format!(
                    "the top-level object is a \"{}\"; expected a \"FeatureCollection\"",
                    sanitize_line(other)
                )));
            }
            None => {
                return Err(de::Error::custom(
                    "the top-level object has no \"type\"; expected \"type\": \"FeatureCollection\"",
                ));
            }
        }
        let Some(features) = features else {
            return Err(de::Error::custom(
                "the FeatureCollection has no \"features\" array",
            ));
        };
        Ok(FeatureCollection {
            attribution,
            features,
        })
    }
}

struct FeaturesSeed<'k> {
    key: &'k str,
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = Vec<Feature>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = Vec<Feature>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of Features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        let mut index = 0;
        while let Some(f) = seq.next_element_seed(FeatureSeed {
            key: self.key,
            index,
        })? {
            if let Some(f) = f {
                out.push(f);
            }
            index += 1;
        }
        Ok(out)
    }
}

struct FeatureSeed<'k> {
    key: &'k str,
    /// 0-based position in the `features` array (messages say "feature #n", 1-based).
    index: usize,
}

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_> {
    type Value = Option<Feature>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed<'_> {
    type Value = Option<Feature>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON Feature object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let n = self.index + 1;
        let mut kind: Option<String> = None;
        let mut properties: Option<serde_json::Map<String, Value>> = None;
        let mut polygons: Option<Vec<Polygon>> = None;
        while let Some(k) = map.next_key::<String>()? {
            match k.as_str() {
                "type" => kind = Some(map.next_value()?),
                "properties" => properties = map.next_value()?,
                "geometry" => {
                    let g: Option<Value> = map.next_value()?;
                    polygons = match g {
                        None => None,
                        Some(g) => Some(geometry_polygons(&g).map_err(|m| {
                            de::Error::custom(format!("feature #{n}: geometry: {m}"))
                        })?),
                    };
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if kind.as_deref() != Some("Feature") {
            return Err(de::Error::custom(format!(
                "feature #{n}: \"type\" must be \"Feature\""
            )));
        }
        let polygons = polygons.unwrap_or_default();
        if polygons.is_empty() {
            // No area to draw (Point, LineString, null geometry…): not a shape, whatever its name.
            return Ok(None);
        }
        let props = properties.unwrap_or_default();
        let name = match props.get(self.key) {
            Some(Value::String(s)) => sanitize_line(s),
            Some(Value::Number(x)) => x.to_string(),
            Some(other) => {
                return Err(de::Error::custom(format!(
                    "feature #{n}: property \"{}\" is {}, expected a string or a number",
                    self.key,
                    json_kind(other)
                )));
            }
            None => {
                let have: Vec<&str> = props.keys().map(String::as_str).collect();
                let have = if have.is_empty() {
                    "it has no properties".to_string()
                } else {
                    format!("it has: {}", sanitize_line(&have.join(", ")))
                };
                return Err(de::Error::custom(format!(
                    "feature #{n} has no property \"{}\" ({have}); set `key` in [map] to the property that names the shapes",
                    self.key
                )));
            }
        };
        if name.trim().is_empty() {
            return Err(de::Error::custom(format!(
                "feature #{n}: property \"{}\" is empty",
                self.key
            )));
        }
        Ok(Some(Feature { name, polygons }))
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The polygons of one geometry object; empty for non-areal geometries.
fn geometry_polygons(g: &Value) -> Result<Vec<Polygon>, String> {
    let Value::Object(obj) = g else {
        return Err(format!("expected an object, found {}", json_kind(g)));
    };
    let kind = match obj.get("type") {
        Some(Value::String(s)) => s.as_str(),
        _ => return Err("missing \"type\"".into()),
    };
    let coords = || obj.get("coordinates").ok_or("missing \"coordinates\"");
    match kind {
        "Polygon" => Ok(vec![polygon(coords()?, 1)?]),
        "MultiPolygon" => {
            let Value::Array(ps) = coords()? else {
                return Err("MultiPolygon \"coordinates\" must be an array of polygons".into());
            };
            ps.iter()
                .enumerate()
                .map(|(i, p)| polygon(p, i + 1))
                .collect()
        }
        "GeometryCollection" => {
            let Some(Value::Array(gs)) = obj.get("geometries") else {
                return Err("GeometryCollection without a \"geometries\" array".into());
            };
            let mut out = Vec::new();
            for (i, g) in gs.iter().enumerate() {
                out.extend(geometry_polygons(g).map_err(|m| format!("geometry #{}: {m}", i + 1))?);
            }
            Ok(out)
        }
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" => Ok(Vec::new()),
        other => Err(format!(
            "unknown geometry type \"{}\"",
            sanitize_line(other)
        )),
    }
}

fn polygon(v: &Value, n: usize) -> Result<Polygon, String> {
    let Value::Array(rings) = v else {
        return Err(format!("polygon #{n} must be an array of rings"));
    };
    if rings.is_empty() {
        return Err(format!("polygon #{n} has no rings"));
    }
    rings
        .iter()
        .enumerate()
        .map(|(r, ring)| {
            parse_ring(ring).map_err(|m| format!("polygon #{n}, ring #{}: {m}", r + 1))
        })
        .collect()
}

fn parse_ring(v: &Value) -> Result<Ring, String> {
    let Value::Array(points) = v else {
        return Err("must be an array of positions".into());
    };
    let mut ring = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let bad = |m: &str| format!("position #{}: {m}", i + 1);
        let Value::Array(xy) = p else {
            return Err(bad("must be an array [longitude, latitude]"));
        };
        let (Some(x), Some(y)) = (
            xy.first().and_then(Value::as_f64),
            xy.get(1).and_then(Value::as_f64),
        ) else {
            return Err(bad("must start with two numbers [longitude, latitude]"));
        };
        if !x.is_finite() || !y.is_finite() {
            return Err(bad("coordinates must be finite numbers"));
        }
        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            // `{:.6}` would print a 1e308 coordinate as 309 digits; `{}` of a plain f64 does too.
            let show = |v: f64| {
                if v.abs() < 1e6 {
                    format!("{v}")
                } else {
                    format!("{v:e}")
                }
            };
            return Err(bad(&format!(
                "[{}, {}] is not a longitude/latitude (WGS84 degrees: longitude −180…180, latitude −90…90)",
                show(x),
                show(y)
            )));
        }
        ring.push([x, y]);
    }
    if ring.len() < 4 {
        return Err(format!(
            "has {} position(s); a ring needs at least 4 (3 corners and the closing point)",
            ring.len()
        ));
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = "[[0,0],[1,0],[1,1],[0,1],[0,0]]";

    fn fc(features: &str) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#)
    }

    #[test]
    fn polygons_multipolygons_holes_and_ignored_geometries() {
        let text = fc(&format!(
            r#"{{"type":"Feature","properties":{{"name":"A"}},"geometry":{{"type":"Polygon","coordinates":[{SQUARE},[[0.2,0.2],[0.2,0.8],[0.8,0.8],[0.2,0.2]]]}}}},
               {{"type":"Feature","properties":{{"name":7}},"geometry":{{"type":"MultiPolygon","coordinates":[[{SQUARE}],[{SQUARE}]]}}}},
               {{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[1,2]}}}},
               {{"type":"Feature","properties":null,"geometry":null}}"#
        ));
        let c = parse(&text, "t.geojson", "name").unwrap();
        assert_eq!(c.features.len(), 2);
        assert_eq!(c.features[0].name, "A");
        assert_eq!(c.features[0].polygons[0].len(), 2, "outer ring + hole");
        assert_eq!(c.features[1].name, "7");
        assert_eq!(c.features[1].polygons.len(), 2);
        assert_eq!(c.attribution, None);
    }

    #[test]
    fn errors_carry_line_and_column() {
        let text = "{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"kode\":\"1\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}}\n]}";
        let e = parse(text, "x.geojson", "navn").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.to_string().starts_with("x.geojson:3:"), "{e}");
        let (ex, at) = e.excerpt.clone().unwrap();
        assert!(ex.starts_with('…') && at > 0, "{e}");
        assert!(e.message.contains("ring #1"), "{e}");
        assert!(e.message.contains("at least 4"), "{e}");

        let text = fc(&format!(
            r#"{{"type":"Feature","properties":{{"kode":"1"}},"geometry":{{"type":"Polygon","coordinates":[{SQUARE}]}}}}"#
        ));
        let e = parse(&text, "x", "navn").unwrap_err();
        assert!(e.message.contains("no property \"navn\""), "{e}");
        assert!(e.message.contains("it has: kode"), "{e}");

        let e = parse(
            "{\"type\":\"FeatureCollection\",\n \"features\": [1,]}",
            "x",
            "k",
        )
        .unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        // A coordinate far out of range is shown short, not as 309 digits.
        let far = fc(
            r#"{"type":"Feature","properties":{"navn":"a"},"geometry":{"type":"Polygon","coordinates":[[[1e308,0],[1,0],[1,1],[1e308,0]]]}}"#,
        );
        let e = parse(&far, "x", "navn").unwrap_err();
        assert!(e.message.contains("[1e308, 0] is not a longitude"), "{e}");
        assert!(e.message.len() < 300, "{e}");
        let e = parse("[]", "x", "k").unwrap_err();
        assert!(e.message.contains("FeatureCollection"), "{e}");
        let e = parse(r#"{"type":"Feature"}"#, "x", "k").unwrap_err();
        assert!(
            e.message.contains("expected a \"FeatureCollection\""),
            "{e}"
        );
        let e = parse(&fc(r#"{"type":"Feature","properties":{"k":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1e400,0],[1,1],[0,0]]]}}"#), "x", "k").unwrap_err();
        assert!(e.line > 0, "{e}");
        let e = parse(&fc(r#"{"type":"Feature","properties":{"k":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[200,0],[1,1],[0,0]]]}}"#), "x", "k").unwrap_err();
        assert!(e.message.contains("longitude"), "{e}");
        let e = parse(&fc(r#"{"type":"Feature","properties":{"k":true},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[1,1],[0,0]]]}}"#), "x", "k").unwrap_err();
        assert!(e.message.contains("a boolean"), "{e}");
        let e = parse(
            "{\"type\":\"FeatureCollection\",\"features\":[]} x",
            "x",
            "k",
        )
        .unwrap_err();
        assert!(e.message.contains("trailing"), "{e}");
    }

    #[test]
    fn the_shipped_file_parses_with_attribution() {
        let text = include_str!("../../assets/dk-kommuner-2014.geojson");
        let c = parse(text, "dk", "navn").unwrap();
        assert_eq!(c.features.len(), 98);
        assert!(c.attribution.unwrap().contains("DAGI"));
        let c = parse(text, "dk", "kode").unwrap();
        assert!(c.features.iter().any(|f| f.name == "0101"));
    }

    mod fuzz {
        use super::super::parse;
        use proptest::prelude::*;

        const BASE: &str = r#"{"type":"FeatureCollection","attribution":"x","features":[{"type":"Feature","properties":{"name":"A","n":1},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.2,0.8],[0.8,0.8],[0.2,0.2]]]]}},{"type":"Feature","properties":{"name":"B"},"geometry":{"type":"Polygon","coordinates":[[[2,0],[3,0],[3,1],[2,0]]]}}]}"#;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]
            /// Any byte-level mutation of a valid file gives a result or an error, never a panic.
            #[test]
            fn mutated_json_never_panics(edits in proptest::collection::vec((0usize..400, 0u8..16), 1..6)) {
                let mut bytes = BASE.as_bytes().to_vec();
                const PIECES: [&[u8]; 16] = [b"", b"[", b"]", b"{", b"}", b",", b"\"", b"0", b"-1e999", b"null", b"\"Point\"", b"[]", b"1.5", b"\xc3\xa6", b"\"name\"", b":"];
                for (pos, what) in edits {
                    let pos = pos % (bytes.len() + 1);
                    if what % 2 == 0 && pos < bytes.len() {
                        bytes.remove(pos);
                    }
                    let piece = PIECES[usize::from(what)];
                    for (i, b) in piece.iter().enumerate() {
                        bytes.insert((pos + i).min(bytes.len()), *b);
                    }
                }
                let text = String::from_utf8_lossy(&bytes);
                let _ = parse(&text, "fuzz", "name");
            }
        }
    }
}
