//! Spatial navigation on the tile map: from one tile, the nearest tile in a direction.

use crate::data::Tile;
use crate::input::action::Dir;

/// The index of the tile nearest to `tiles[from]` in direction `dir`, or `None` when nothing lies
/// that way (or `from` is out of range): `spatial::nearest` over the tile positions (x = column,
/// y = row), the same rule as on the outline map.
pub fn nearest(tiles: &[Tile], from: usize, dir: Dir) -> Option<usize> {
    crate::geo::spatial::nearest(
        tiles.len(),
        |i| tiles.get(i).map(|t| [f64::from(t.col), f64::from(t.row)]),
        from,
        dir,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(row: u16, col: u16) -> Tile {
        Tile { row, col }
    }

    /// The shipped layout, in file order:
    /// ```text
    ///   .   NJ  .   .   .   .   .
    ///   MV  ØJ  .   .   NS  .   .
    ///   .   SØ  .   MVS KV  KBH .
    ///   .   SS  FYN SSL .   .   BH
    /// ```
    fn denmark() -> Vec<Tile> {
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
        let row: Vec<Tile> = (0..1000).map(|c| t(0, c)).collect();
        assert_eq!(nearest(&row, 500, Dir::Right), Some(501));
        assert_eq!(nearest(&row, 500, Dir::Left), Some(499));
        // Extreme coordinates do not overflow.
        let far = vec![t(0, 0), t(u16::MAX, u16::MAX)];
        assert_eq!(nearest(&far, 0, Dir::Down), Some(1));
        assert_eq!(nearest(&far, 1, Dir::Left), Some(0));
    }
}
