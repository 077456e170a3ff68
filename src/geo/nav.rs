//! Spatial navigation between districts and hit-testing cells.
//!
//! Arrows move to the nearest district in that direction, measured between district anchors: the
//! area-weighted centroids of their shapes in the main map's projection (x east, y south, longitude
//! scaled by cos φ₀), so the result does not depend on the pane size or on insets. The rule itself
//! (a cone, then the half-plane; `along + 2·across`) is `crate::spatial::nearest`, shared with the
//! tile map.

use super::labels::PlacedLabel;
use super::raster::Raster;
use super::regions::GeoMap;

pub use crate::spatial::Dir;

/// Each district's anchor (`None`: the district has no shapes).
pub fn anchors(geo: &GeoMap) -> Vec<Option<[f64; 2]>> {
    let lat0 = geo.bbox.centre_lat();
    geo.districts
        .iter()
        .map(|s| s.centroid(lat0).map(|[x, y]| [x, -y]))
        .collect()
}

/// The district to move to from `from` in direction `dir`, if any (the rule is `spatial::nearest`).
pub fn nearest(anchors: &[Option<[f64; 2]>], from: usize, dir: Dir) -> Option<usize> {
    crate::spatial::nearest(
        anchors.len(),
        |i| anchors.get(i).copied().flatten(),
        from,
        dir,
    )
}

/// The district under cell `(col, row)` of the map (relative to its area): a label first, then
/// the cell's pixels (upper, then lower), then a district pixel in the 8 neighbouring cells (so a
/// click on a thin coast still counts).
pub fn hit_test(raster: &Raster, labels: &[PlacedLabel], col: u16, row: u16) -> Option<usize> {
    if let Some(l) = labels.iter().find(|l| l.contains(col, row)) {
        return Some(l.district);
    }
    let (x, y) = (usize::from(col), usize::from(row) * 2);
    if x >= raster.width || y >= raster.height {
        return None;
    }
    if let Some(d) = raster.district(x, y).or_else(|| raster.district(x, y + 1)) {
        return Some(d);
    }
    // Neighbours, nearest first and in a fixed order; never across an inset's frame.
    let panel = raster.panel_at(x, y).map(|p| p.kind);
    for (dx, dy) in [
        (0i64, -1i64),
        (0, 1),
        (-1, 0),
        (1, 0),
        (-1, -1),
        (1, -1),
        (-1, 1),
        (1, 1),
    ] {
        let (nx, ny) = (x as i64 + dx, y as i64 + 2 * dy);
        if nx < 0 || ny < 0 {
            continue;
        }
        let (nx, ny) = (nx as usize, ny as usize);
        if raster.panel_at(nx, ny).map(|p| p.kind) != panel {
            continue;
        }
        if let Some(d) = raster
            .district(nx, ny)
            .or_else(|| raster.district(nx, ny + 1))
        {
            return Some(d);
        }
    }
    None
}
