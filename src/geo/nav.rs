//! Spatial navigation between districts and hit-testing cells.
//!
//! Arrows move by the shapes first: from a district, looking in the arrow's direction along every
//! row or column of a fixed-resolution raster of the main map, the district met next (across a
//! border or a stretch of sea, a long stretch counting less) is "faced" there; the district faced
//! the most wins, if its anchor lies that way (`crate::geo::spatial::nearest_facing`). Where nothing is
//! faced (an island, a district drawn only in an inset), the district anchors decide: the
//! area-weighted centroids in the main map's projection (x east, y south, longitude scaled by
//! cos φ₀), by the tile map's rule (`along + 2·across` inside a 60° cone) but without its
//! half-plane fallback: with nothing ahead the selection stays (Fyn ↓), rather than jumping to a far
//! district off to the side. Neither depends on the pane size or on insets.

use super::labels::PlacedLabel;
use super::raster::MAX_DISTRICTS;
use super::raster::Raster;
use super::regions::GeoMap;

pub use crate::input::action::Dir;

/// Each district's anchor (`None`: the district has no shapes).
pub fn anchors(geo: &GeoMap) -> Vec<Option<[f64; 2]>> {
    let lat0 = geo.bbox.centre_lat();
    geo.districts
        .iter()
        .map(|s| s.centroid(lat0).map(|[x, y]| [x, -y]))
        .collect()
}

/// The side, in pixels, of the raster the facing weights are measured on (its longer side).
const FACING_SIDE: usize = 240;

/// How much each district faces each other one, per direction: `w[from][to][dir]` with `dir` in
/// the order up, down, left, right. A facing pixel counts `1 / (1 + gap / GAP_SCALE)` where `gap`
/// is the sea between them in pixels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facing {
    w: Vec<Vec<[f64; 4]>>,
}

const GAP_SCALE: f64 = 3.0;

impl Facing {
    /// Measures the main map (without insets) at `FACING_SIDE` pixels on its longer side.
    pub fn of(geo: &GeoMap) -> Facing {
        let n = geo.districts.len().min(MAX_DISTRICTS);
        let mut f = Facing {
            w: vec![vec![[0.0; 4]; n]; n],
        };
        let (bw, bh) = geo.bbox.projected_size();
        if !(bw > 0.0 && bh > 0.0 && bw.is_finite() && bh.is_finite()) {
            return f;
        }
        let (w, h) = if bw >= bh {
            (
                FACING_SIDE,
                ((FACING_SIDE as f64 * bh / bw).round() as usize).max(1),
            )
        } else {
            (
                ((FACING_SIDE as f64 * bw / bh).round() as usize).max(1),
                FACING_SIDE,
            )
        };
        let r = Raster::build(geo, w, h, Some(geo.bbox));
        // A line of pixels walked one way: each district met after another one (with only sea
        // between) is faced by it in direction `fwd`, and faces it in the opposite direction.
        let mut walk = |cells: &mut dyn Iterator<Item = u16>, fwd: usize, back: usize| {
            let mut last: Option<(usize, usize)> = None; // (district, pixels of sea since)
            for o in cells {
                let o = usize::from(o);
                if o == usize::from(super::raster::SEA) {
                    if let Some((_, gap)) = last.as_mut() {
                        *gap += 1;
                    }
                    continue;
                }
                if o >= n {
                    last = None;
                    continue;
                }
                if let Some((a, gap)) = last
                    && a != o
                {
                    let wgt = 1.0 / (1.0 + gap as f64 / GAP_SCALE);
                    f.w[a][o][fwd] += wgt;
                    f.w[o][a][back] += wgt;
                }
                last = Some((o, 0));
            }
        };
        for x in 0..r.width {
            walk(&mut (0..r.height).map(|y| r.owner(x, y)), 1, 0);
        }
        for y in 0..r.height {
            walk(&mut (0..r.width).map(|x| r.owner(x, y)), 3, 2);
        }
        f
    }

    /// How much `from` faces `to` in direction `dir` (0 when unknown).
    pub fn weight(&self, from: usize, to: usize, dir: Dir) -> f64 {
        self.w
            .get(from)
            .and_then(|row| row.get(to))
            .map_or(0.0, |d| d[dir.index()])
    }
}

/// The district to move to from `from` in direction `dir`: the one it faces the most that way,
/// else the nearest anchor (`spatial::nearest_facing`).
pub fn nearest_by_shape(
    anchors: &[Option<[f64; 2]>],
    facing: &Facing,
    from: usize,
    dir: Dir,
) -> Option<usize> {
    crate::geo::spatial::nearest_facing(
        anchors.len(),
        |i| anchors.get(i).copied().flatten(),
        |i| facing.weight(from, i, dir),
        from,
        dir,
    )
}

/// The district with the nearest anchor from `from` in direction `dir`, if any (the rule is
/// `spatial::nearest`).
pub fn nearest(anchors: &[Option<[f64; 2]>], from: usize, dir: Dir) -> Option<usize> {
    crate::geo::spatial::nearest(
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
