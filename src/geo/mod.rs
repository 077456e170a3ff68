//! The outline map: GeoJSON boundaries → district outlines → a raster of square pixels drawn with
//! half blocks, plus classes, labels, spatial navigation and an SVG writer.
//!
//! Pure library: no terminal I/O and no App. Nothing here knows about Denmark; everything comes
//! from the data file's `[map]` section (`MapSpec`, defined here and held by the data model), the
//! GeoJSON it names, and each district's id and shape names (`DistrictShapes`).
//!
//! The integration path: at load time `load(&spec, &dataset.map_shapes(), base_dir)`, or
//! `OutlineMap::load(&dataset, base_dir)` (`None` without a
//! `[map]`; errors as `GeoError`s whose `GeoErrorAt` the loader maps to `path:line:col`). Per frame
//! `OutlineMap::render(area, buf, &OutlineFrame { selected, zoom, style, classes, texts, legend })`
//! (classes, texts and legend follow the view: the app caches them); arrows
//! `OutlineMap::nearest(from, Dir)`; clicks `OutlineMap::hit_test(area, zoom, texts, col, row)`;
//! `z` sets `zoom = Some(selected)`. Export: `svg::write_svg(...)`. Credits: `credit(geo, locale)`.
//! The pieces (`regions`, `raster`, `labels`, `nav`, `widget`) are public for finer use.

pub mod classes;
pub mod geojson;
pub mod labels;
pub mod nav;
pub mod outline;
pub mod project;
pub mod raster;
pub mod regions;
pub mod widget;

pub use outline::{OutlineFrame, OutlineMap};
pub use project::BBox;
pub use raster::{Raster, RasterCache};
pub use regions::{
    BUILTIN, Builtin, DK_KOMMUNER_2014_CREDIT_EN, DistrictShapes, GeoError, GeoErrorAt, GeoMap,
    MapInset, MapSpec, ShapeField, attribution_of, build, credit, load, resolve_geometry,
};
