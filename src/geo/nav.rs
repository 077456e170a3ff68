//! Spatial navigation, one module for both maps: from one district, the next one in an arrow's
//! direction, and which district a cell of the outline map shows.
//!
//! One rule for points (`nearest_point`): the tile map's tile positions (`nearest_tile`) and the
//! outline map's district anchors, so arrows behave the same on both.
//!
//! On the outline map arrows move by the shapes first: from a district, looking in the arrow's direction along every
//! row or column of a fixed-resolution raster of the main map, the district met next (across a
//! border or a stretch of sea, a long stretch counting less) is "faced" there; the district faced
//! the most wins, if its anchor lies that way (`nearest_facing`). Where nothing is
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

// ---- points: one rule for the tile map and the outline map ----------------------------------------

/// Where `p` lies from `o` seen in direction `dir`: how far ahead (`along`, negative behind) and
/// how far to the side (`across`, never negative), and whether that is inside the 60° half-angle
/// cone around the direction. One geometry for [`nearest_point`] and [`nearest_facing`].
fn along_across(o: [f64; 2], p: [f64; 2], dir: Dir) -> Option<(f64, f64, bool)> {
    let (dx, dy) = (p[0] - o[0], p[1] - o[1]);
    let (along, across) = match dir {
        Dir::Up => (-dy, dx.abs()),
        Dir::Down => (dy, dx.abs()),
        Dir::Left => (-dx, dy.abs()),
        Dir::Right => (dx, dy.abs()),
    };
    (along > 1e-12 && along.is_finite() && across.is_finite()).then_some((
        along,
        across,
        across <= along * 3f64.sqrt(),
    ))
}

/// The index of the point nearest to `point(from)` in direction `dir`, among `count` points (`None`
/// for a point that has no position). `None` when nothing lies that way.
///
/// Candidates lie strictly on the `dir` side. Each is scored `along + 2·across`, where `along` is the
/// distance in the direction and `across` the sideways offset, so a point straight ahead beats one
/// diagonally nearer, but a far point straight ahead loses to a near one slightly off-axis. Points
/// inside a 60° half-angle cone around the direction are preferred; only when the cone is empty does
/// the whole half-plane count, so an arrow does nothing only at the real edge of the map. Ties go to
/// the smaller sideways offset, then to the lower index: deterministic for any layout, also with
/// several points in one place.
pub fn nearest_point(
    count: usize,
    point: impl Fn(usize) -> Option<[f64; 2]>,
    from: usize,
    dir: Dir,
) -> Option<usize> {
    nearest_within(count, point, from, dir, true)
}

/// [`nearest_point`], with the half-plane fallback only when `half_plane` is true (else an empty cone
/// means no move).
fn nearest_within(
    count: usize,
    point: impl Fn(usize) -> Option<[f64; 2]>,
    from: usize,
    dir: Dir,
    half_plane: bool,
) -> Option<usize> {
    if from >= count {
        return None;
    }
    let o = point(from)?;
    // (score, across, index), compared in that order.
    type Best = Option<(f64, f64, usize)>;
    let better = |cand: (f64, f64, usize), best: Best| {
        best.is_none_or(|b| cand.0 < b.0 || (cand.0 == b.0 && (cand.1, cand.2) < (b.1, b.2)))
    };
    let (mut in_cone, mut in_half): (Best, Best) = (None, None);
    for i in (0..count).filter(|&i| i != from) {
        let Some((along, across, cone)) = point(i).and_then(|p| along_across(o, p, dir)) else {
            continue;
        };
        let cand = (along + 2.0 * across, across, i);
        if cone && better(cand, in_cone) {
            in_cone = Some(cand);
        }
        if better(cand, in_half) {
            in_half = Some(cand);
        }
    }
    in_cone
        .or(in_half.filter(|_| half_plane))
        .map(|(_, _, i)| i)
}

/// Like `nearest_point`, but shapes first: `facing(i)` is how much of point `i`'s shape the shape of `from`
/// faces in direction `dir` (the length of their facing edges, less for those across a gap; 0:
/// none). Among the candidates that face `from` and whose point lies inside `nearest_point`'s cone, the
/// one facing the most (times the cosine of its point's angle off the direction) wins (ties: `nearest_point`'s score, then the lower index); only when none does, the
/// points decide as in `nearest` within its cone (no half-plane: nothing ahead, no move). So a neighbour straight across a border beats a point that is
/// nearer the axis but lies across the sea, whichever way the shapes' centres happen to fall.
pub fn nearest_facing(
    count: usize,
    point: impl Fn(usize) -> Option<[f64; 2]>,
    facing: impl Fn(usize) -> f64,
    from: usize,
    dir: Dir,
) -> Option<usize> {
    if from >= count {
        return None;
    }
    let o = point(from)?;
    let ahead = |p: [f64; 2]| {
        along_across(o, p, dir)
            .filter(|&(_, _, cone)| cone)
            .map(|(along, across, _)| (along + 2.0 * across, along / along.hypot(across)))
    };
    let mut best: Option<(f64, f64, usize)> = None;
    for i in (0..count).filter(|&i| i != from) {
        let f = facing(i);
        if !(f > 0.0 && f.is_finite()) {
            continue;
        }
        let Some((score, cos)) = point(i).and_then(ahead) else {
            continue;
        };
        let f = f * cos;
        if best.is_none_or(|b| f > b.0 || (f == b.0 && (score, i) < (b.1, b.2))) {
            best = Some((f, score, i));
        }
    }
    // No half-plane fallback here: on a real map an arrow with nothing ahead (Bornholm ↑, the
    // south of Jutland ↓) would jump to a far district off to the side; it stays put instead.
    best.map(|b| b.2)
        .or_else(|| nearest_within(count, point, from, dir, false))
}

/// The index of the tile nearest to `tiles[from]` in direction `dir`, each tile given as
/// `(column, row)`; `None` when nothing lies that way (or `from` is out of range):
/// [`nearest_point`] over the tile positions (x = column, y = row), the same rule as on the outline
/// map.
pub fn nearest_tile(tiles: &[(u16, u16)], from: usize, dir: Dir) -> Option<usize> {
    nearest_point(
        tiles.len(),
        |i| {
            tiles
                .get(i)
                .map(|&(col, row)| [f64::from(col), f64::from(row)])
        },
        from,
        dir,
    )
}

// ---- the outline map: anchors, facing, hit test ---------------------------------------------------

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
/// else the nearest anchor ([`nearest_facing`]).
pub fn nearest_by_shape(
    anchors: &[Option<[f64; 2]>],
    facing: &Facing,
    from: usize,
    dir: Dir,
) -> Option<usize> {
    nearest_facing(
        anchors.len(),
        |i| anchors.get(i).copied().flatten(),
        |i| facing.weight(from, i, dir),
        from,
        dir,
    )
}

/// The district with the nearest anchor from `from` in direction `dir`, if any (the rule is
/// [`nearest_point`]).
pub fn nearest(anchors: &[Option<[f64; 2]>], from: usize, dir: Dir) -> Option<usize> {
    nearest_point(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn near(points: &[[f64; 2]], from: usize, dir: Dir) -> Option<usize> {
        nearest_point(points.len(), |i| points.get(i).copied(), from, dir)
    }

    #[test]
    fn straight_ahead_beats_diagonal_and_the_cone_beats_the_half_plane() {
        let p = [[0.0, 0.0], [1.0, -1.0], [0.0, -3.0], [5.0, 0.5]];
        // Up: [1,-1] scores 1+2=3, [0,-3] scores 3 too but is straight: the smaller offset wins.
        assert_eq!(near(&p, 0, Dir::Up), Some(2));
        assert_eq!(
            near(&p, 0, Dir::Right),
            Some(1),
            "[1,-1] scores 3, [5,0.5] scores 6"
        );
        assert_eq!(
            near(&p, 0, Dir::Down),
            Some(3),
            "half-plane when the cone is empty"
        );
        assert_eq!(near(&p, 0, Dir::Left), None, "nothing lies west");
        // Only outside the cone: along 1, across 1.8 (score 4.6) loses to the cone's along 5.
        let q = [[0.0, 0.0], [1.8, -1.0], [0.0, -5.0]];
        assert_eq!(near(&q, 0, Dir::Up), Some(2));
    }

    #[test]
    fn missing_points_out_of_range_and_ties() {
        let p = [[0.0, 0.0], [1.0, 0.0], [1.0, 0.0]];
        assert_eq!(
            near(&p, 0, Dir::Right),
            Some(1),
            "ties go to the lower index"
        );
        assert_eq!(near(&p, 7, Dir::Right), None);
        assert_eq!(
            nearest_point(3, |i| (i != 1).then_some([i as f64, 0.0]), 0, Dir::Right),
            Some(2)
        );
        assert_eq!(
            nearest_point(2, |i| (i == 1).then_some([1.0, 0.0]), 0, Dir::Right),
            None
        );
        assert_eq!(
            nearest_point(2, |i| Some([i as f64 * f64::NAN, 0.0]), 0, Dir::Right),
            None
        );
    }

    #[test]
    fn facing_shapes_beat_nearer_points_and_fall_back_to_them() {
        // From 0 going down: 2 lies straight below but 1, off to the side, shares a border.
        let p = [[0.0, 0.0], [-1.0, 1.0], [0.0, 1.5], [0.0, -1.0]];
        assert_eq!(near(&p, 0, Dir::Down), Some(2));
        let facing = |i: usize| [0.0, 3.0, 0.5, 9.0][i];
        let nf = |from, dir| nearest_facing(4, |i| p.get(i).copied(), facing, from, dir);
        assert_eq!(nf(0, Dir::Down), Some(1));
        // 3 faces most but lies behind: not a candidate going down; going up it wins.
        assert_eq!(nf(0, Dir::Up), Some(3));
        // Facing but outside the cone: the points decide (2 is straight below, 1 at 80°).
        let wide = [[0.0, 0.0], [-1.0, 0.18], [0.0, 1.5]];
        let nw = nearest_facing(
            3,
            |i| wide.get(i).copied(),
            |i| [0.0, 5.0, 0.0][i],
            0,
            Dir::Down,
        );
        assert_eq!(nw, Some(2));
        // Nothing faces: the points decide.
        assert_eq!(
            nearest_facing(4, |i| p.get(i).copied(), |_| 0.0, 0, Dir::Down),
            Some(2)
        );
        assert_eq!(nf(9, Dir::Down), None);
        // Equal facing: the better point score wins.
        let eq = nearest_facing(
            4,
            |i| p.get(i).copied(),
            |i| [0.0, 1.0, 1.0, 0.0][i],
            0,
            Dir::Down,
        );
        assert_eq!(eq, Some(2));
    }

    /// A tile at `row`, `col`, as `nearest_tile` takes it: (column, row).
    fn t(row: u16, col: u16) -> (u16, u16) {
        (col, row)
    }

    fn nearest(tiles: &[(u16, u16)], from: usize, dir: Dir) -> Option<usize> {
        nearest_tile(tiles, from, dir)
    }

    /// The shipped layout, in file order:
    /// ```text
    ///   .   NJ  .   .   .   .   .
    ///   MV  ØJ  .   .   NS  .   .
    ///   .   SØ  .   MVS KV  KBH .
    ///   .   SS  FYN SSL .   .   BH
    /// ```
    fn denmark() -> Vec<(u16, u16)> {
        vec![
            t(0, 1), // 0 Nordjylland
            t(1, 1), // 1 Østjylland
            t(1, 0), // 2 Midt- og Vestjylland
            t(2, 1), // 3 Sydøstjylland
            t(3, 1), // 4 Syd- og Sønderjylland
            t(3, 2), // 5 Fyn
            t(3, 3), // 6 Sydsjælland og Lolland-Falster
            t(2, 3), // 7 Midt- og Vestsjælland
            t(1, 4), // 8 Nordsjælland
            t(2, 4), // 9 Københavns Vestegn
            t(2, 5), // 10 København
            t(3, 6), // 11 Bornholm
        ]
    }

    #[test]
    fn danish_layout_moves_where_a_reader_expects() {
        let dk = denmark();
        // Down Jutland's spine.
        assert_eq!(nearest(&dk, 0, Dir::Down), Some(1));
        assert_eq!(nearest(&dk, 1, Dir::Down), Some(3));
        assert_eq!(nearest(&dk, 3, Dir::Down), Some(4));
        assert_eq!(nearest(&dk, 4, Dir::Down), None);
        // West and east on one row.
        assert_eq!(nearest(&dk, 1, Dir::Left), Some(2));
        assert_eq!(nearest(&dk, 2, Dir::Right), Some(1));
        assert_eq!(nearest(&dk, 4, Dir::Right), Some(5));
        assert_eq!(nearest(&dk, 5, Dir::Right), Some(6));
        // Across Zealand to Copenhagen and out to Bornholm.
        assert_eq!(nearest(&dk, 7, Dir::Right), Some(9));
        assert_eq!(nearest(&dk, 9, Dir::Right), Some(10));
        assert_eq!(nearest(&dk, 10, Dir::Right), Some(11));
        assert_eq!(nearest(&dk, 9, Dir::Up), Some(8));
        assert_eq!(nearest(&dk, 8, Dir::Down), Some(9));
        // Nothing north of the top, east of Bornholm, west of the west coast.
        assert_eq!(nearest(&dk, 0, Dir::Up), None);
        assert_eq!(nearest(&dk, 11, Dir::Right), None);
        assert_eq!(nearest(&dk, 2, Dir::Left), None);
        // Fyn goes up to Jutland (equal cost, smaller file index wins) and Bornholm west to the nearer row.
        assert_eq!(nearest(&dk, 5, Dir::Up), Some(3));
        assert_eq!(nearest(&dk, 11, Dir::Left), Some(6));
        assert_eq!(nearest(&dk, 11, Dir::Up), Some(10));
    }

    #[test]
    fn every_tile_of_the_danish_layout_is_reachable() {
        let dk = denmark();
        let mut seen = vec![false; dk.len()];
        let mut todo = vec![0];
        while let Some(i) = todo.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            for d in [Dir::Up, Dir::Down, Dir::Left, Dir::Right] {
                todo.extend(nearest(&dk, i, d));
            }
        }
        assert!(seen.iter().all(|&s| s), "{seen:?}");
    }

    #[test]
    fn irregular_layouts() {
        // A sparse diagonal: straight ahead is empty, so the off-axis tile is taken.
        let diag = vec![t(0, 0), t(1, 1), t(2, 2), t(10, 0)];
        assert_eq!(nearest(&diag, 0, Dir::Right), Some(1));
        assert_eq!(nearest(&diag, 1, Dir::Down), Some(2));
        // Far straight ahead (10 rows down) loses to near and one column off (1 + 2 = 3).
        assert_eq!(nearest(&diag, 0, Dir::Down), Some(1));
        // A single tile, and an out-of-range start.
        assert_eq!(nearest(&[t(5, 5)], 0, Dir::Up), None);
        assert_eq!(nearest(&diag, 99, Dir::Up), None);
        // Two districts on one tile: neither is "in a direction" from the other.
        let stacked = vec![t(1, 1), t(1, 1), t(1, 2)];
        assert_eq!(nearest(&stacked, 0, Dir::Right), Some(2));
        assert_eq!(nearest(&stacked, 2, Dir::Left), Some(0));
        // A wide row of 1000 tiles: step by step.
        let row: Vec<(u16, u16)> = (0..1000).map(|c| t(0, c)).collect();
        assert_eq!(nearest(&row, 500, Dir::Right), Some(501));
        assert_eq!(nearest(&row, 500, Dir::Left), Some(499));
        // Extreme coordinates do not overflow.
        let far = vec![t(0, 0), t(u16::MAX, u16::MAX)];
        assert_eq!(nearest(&far, 0, Dir::Down), Some(1));
        assert_eq!(nearest(&far, 1, Dir::Left), Some(0));
    }
}
