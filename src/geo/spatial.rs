//! Spatial navigation: from one point, the nearest point in a direction. One rule for the tile map
//! (tile positions) and the outline map (district centroids), so arrows behave the same on both;
//! the outline map puts its shapes first (`nearest_facing`) and falls back to this rule.

pub use crate::input::action::Dir;

/// Where `p` lies from `o` seen in direction `dir`: how far ahead (`along`, negative behind) and
/// how far to the side (`across`, never negative), and whether that is inside the 60° half-angle
/// cone around the direction. One geometry for [`nearest`] and [`nearest_facing`].
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
pub fn nearest(
    count: usize,
    point: impl Fn(usize) -> Option<[f64; 2]>,
    from: usize,
    dir: Dir,
) -> Option<usize> {
    nearest_within(count, point, from, dir, true)
}

/// [`nearest`], with the half-plane fallback only when `half_plane` is true (else an empty cone
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

/// Like `nearest`, but shapes first: `facing(i)` is how much of point `i`'s shape the shape of `from`
/// faces in direction `dir` (the length of their facing edges, less for those across a gap; 0:
/// none). Among the candidates that face `from` and whose point lies inside `nearest`'s cone, the
/// one facing the most (times the cosine of its point's angle off the direction) wins (ties: `nearest`'s score, then the lower index); only when none does, the
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

#[cfg(test)]
mod tests {
    use super::*;

    fn near(points: &[[f64; 2]], from: usize, dir: Dir) -> Option<usize> {
        nearest(points.len(), |i| points.get(i).copied(), from, dir)
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
            nearest(3, |i| (i != 1).then_some([i as f64, 0.0]), 0, Dir::Right),
            Some(2)
        );
        assert_eq!(
            nearest(2, |i| (i == 1).then_some([1.0, 0.0]), 0, Dir::Right),
            None
        );
        assert_eq!(
            nearest(2, |i| Some([i as f64 * f64::NAN, 0.0]), 0, Dir::Right),
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
}
