//! The outline map: GeoJSON boundaries → district outlines → a raster of square pixels drawn with
//! half blocks, plus classes, labels, spatial navigation and an SVG writer.
//!
//! Pure library: no terminal I/O and no App. Nothing here knows about Denmark; everything comes
//! from the data file's `[map]` section (`MapSpec`) and the GeoJSON it names.
//!
//! The integration path: `regions::load(spec, &dataset.districts, base_dir)` once at load time →
//! `GeoMap`; per pane size and zoom `OutlineCache::get(...)` (raster + labels); every frame
//! `widget::render_outline(area, buf, &view)`; arrows `nav::nearest`; clicks `nav::hit_test`;
//! `z` → `GeoMap::zoom_box(selected)`; export `svg::write_svg(...)`.

pub mod classes;
pub mod geojson;
pub mod labels;
pub mod nav;
pub mod project;
pub mod raster;
pub mod regions;
pub mod svg;
pub mod widget;

pub use project::BBox;
pub use raster::{Raster, RasterCache};
pub use regions::{
    BUILTIN, DK_KOMMUNER_2014_CREDIT_EN, GeoError, GeoErrorAt, GeoMap, ShapeField, attribution_of,
    build, load, resolve_geometry,
};
