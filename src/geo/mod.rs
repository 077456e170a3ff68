//! Geometry as plain data: GeoJSON boundaries → district outlines → a raster of square pixels (two
//! per terminal cell, stacked), plus classes, label placement and spatial navigation.
//!
//! Pure library: no terminal, no data model. Nothing here knows about Denmark; everything comes
//! from the data file's `[map]` section (`MapSpec`, defined here and held by the data model) and
//! the GeoJSON it names, and from each district's id and shape names (`DistrictShapes`).
//!
//! The integration path: at load time `load(&spec, &districts, base_dir)` (errors as `GeoError`s
//! whose `GeoErrorAt` the loader maps to `path:line:col`). The screen model's `OutlineMap` keeps the
//! navigation anchors (`nav`) and the raster and labels of the pane (`cache`); the UI paints them.
//! Credits: `credit(geo, locale)`.

pub mod cache;
pub mod classes;
pub mod geojson;
pub mod labels;
pub mod nav;
pub mod project;
pub mod raster;
pub mod regions;

pub use project::BBox;
pub use raster::{Raster, RasterCache};
pub use regions::{
    BUILTIN, Builtin, DK_KOMMUNER_2014_CREDIT_EN, DistrictShapes, GeoError, GeoErrorAt, GeoMap,
    MapInset, MapSpec, ShapeField, attribution_of, build, credit, load, resolve_geometry,
};

/// Shapes for the tests of geo and of those that draw it.
#[cfg(test)]
pub(crate) mod testshapes {
    use super::project::BBox;
    use super::regions::{GeoMap, Shape};

    /// Two unit squares side by side, one district each.
    pub(crate) fn two_squares() -> GeoMap {
        let sq = |x0: f64, x1: f64| Shape {
            polygons: vec![vec![vec![
                [x0, 0.0],
                [x1, 0.0],
                [x1, 1.0],
                [x0, 1.0],
                [x0, 0.0],
            ]]],
            bbox: Some(BBox::from_array([x0, 0.0, x1, 1.0])),
        };
        GeoMap {
            districts: vec![sq(0.0, 1.0), sq(1.0, 2.0)],
            neutral: vec![],
            bbox: BBox::from_array([0.0, 0.0, 2.0, 1.0]),
            insets: vec![],
            attribution: None,
            geometry: "t".into(),
        }
    }
}
