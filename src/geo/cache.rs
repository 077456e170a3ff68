//! The raster and labels of one outline pane, kept between frames: the raster until the size or
//! the zoom change, the labels until those or the texts or preferences (e.g. the selection) change.
//! `placement` is the same result built afresh; the cache only saves the work.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::labels::{self, PlacedLabel};
use super::project::BBox;
use super::raster::Raster;
use super::regions::GeoMap;

/// The largest outline drawing, in cells: a terminal may report up to 65535 a side, and a raster
/// of that (four billion cells, two pixels each) would not fit in memory. A larger pane shows the
/// map at this size in its top left corner, the rest blank (the painter clips or leaves blank
/// whatever the raster does not cover, and hit tests read the same raster).
pub const MAX_RASTER_CELLS: (u16, u16) = (1000, 500);

/// The raster of a pane of `cols × rows` cells (two pixels a cell, stacked), zoomed to `zoom`.
fn raster_for(geo: &GeoMap, cols: u16, rows: u16, zoom: Option<BBox>) -> Raster {
    let (cols, rows) = (cols.min(MAX_RASTER_CELLS.0), rows.min(MAX_RASTER_CELLS.1));
    Raster::build(geo, usize::from(cols), usize::from(rows) * 2, zoom)
}

/// The raster and labels for a pane of `cols × rows` cells, built afresh: what
/// [`OutlineCache::get`] returns for the same arguments.
pub fn placement(
    geo: &GeoMap,
    cols: u16,
    rows: u16,
    zoom: Option<BBox>,
    texts: &[Vec<Vec<String>>],
    prefs: &labels::Prefs,
) -> (Raster, Vec<PlacedLabel>) {
    let raster = raster_for(geo, cols, rows, zoom);
    let labels = labels::place_with(&raster, texts, prefs);
    (raster, labels)
}

/// The raster's key (size and zoom) and the labels' key (a hash of the texts and preferences).
fn keys(
    cols: u16,
    rows: u16,
    zoom: Option<BBox>,
    texts: &[Vec<Vec<String>>],
    prefs: &labels::Prefs,
) -> ((u16, u16, Option<[u64; 4]>), u64) {
    let key = (
        cols,
        rows,
        zoom.map(|b| [b.west, b.south, b.east, b.north].map(f64::to_bits)),
    );
    let mut h = DefaultHasher::new();
    texts.hash(&mut h);
    (prefs.first, prefs.classes, prefs.inset_titles).hash(&mut h);
    (key, h.finish())
}

/// Raster and labels kept between frames for one pane: the raster until the size or zoom
/// changes, the labels until those or the texts or preferences (e.g. the selection) change.
#[derive(Debug, Default, Clone)]
pub struct OutlineCache {
    key: Option<(u16, u16, Option<[u64; 4]>)>,
    label_key: Option<u64>,
    raster: Option<Raster>,
    labels: Vec<PlacedLabel>,
}

impl OutlineCache {
    /// The raster and labels for a pane of `cols × rows` cells, rebuilt when the size, `zoom` or
    /// the label texts or preferences changed (`texts[d]`: district `d`'s label alternatives, see
    /// `labels::alternatives`; `prefs`: the selection labelled first, …).
    pub fn get(
        &mut self,
        geo: &GeoMap,
        cols: u16,
        rows: u16,
        zoom: Option<BBox>,
        texts: &[Vec<Vec<String>>],
        prefs: &labels::Prefs,
    ) -> (&Raster, &[PlacedLabel]) {
        let (key, label_key) = keys(cols, rows, zoom, texts, prefs);
        if self.key != Some(key) || self.raster.is_none() {
            self.raster = Some(raster_for(geo, cols, rows, zoom));
            self.key = Some(key);
            self.label_key = None;
        }
        // Always filled just above; the closure only satisfies the type.
        let raster = self
            .raster
            .get_or_insert_with(|| raster_for(geo, cols, rows, zoom));
        if self.label_key != Some(label_key) {
            self.labels = labels::place_with(raster, texts, prefs);
            self.label_key = Some(label_key);
        }
        (raster, &self.labels)
    }

    /// What [`OutlineCache::get`] would return for these arguments, when the cache holds it
    /// already; `None` when it would have to rebuild.
    pub fn current(
        &self,
        cols: u16,
        rows: u16,
        zoom: Option<BBox>,
        texts: &[Vec<Vec<String>>],
        prefs: &labels::Prefs,
    ) -> Option<(&Raster, &[PlacedLabel])> {
        let (key, label_key) = keys(cols, rows, zoom, texts, prefs);
        let raster = self.raster.as_ref()?;
        (self.key == Some(key) && self.label_key == Some(label_key))
            .then_some((raster, self.labels.as_slice()))
    }

    pub fn clear(&mut self) {
        self.key = None;
        self.label_key = None;
        self.raster = None;
        self.labels.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::testshapes::two_squares;

    #[test]
    fn a_new_selection_relabels_without_rebuilding_the_raster() {
        let g = two_squares();
        let texts = vec![vec![vec!["A".to_string()]], vec![vec!["B".to_string()]]];
        let mut c = OutlineCache::default();
        let p0 = labels::Prefs::default();
        let p1 = labels::Prefs {
            first: Some(1),
            ..p0
        };
        let r0 = c.get(&g, 20, 5, None, &texts, &p0).0 as *const Raster;
        let (r1, l1) = c.get(&g, 20, 5, None, &texts, &p1);
        assert!(std::ptr::eq(r0, r1), "the same raster");
        assert_eq!(l1.len(), 2);
        let r2 = c.get(&g, 21, 5, None, &texts, &p1).0;
        assert_eq!(r2.width, 21);
    }

    #[test]
    fn current_answers_only_what_the_cache_holds() {
        let g = two_squares();
        let texts = vec![vec![vec!["A".to_string()]], vec![vec!["B".to_string()]]];
        let p = labels::Prefs::default();
        let mut c = OutlineCache::default();
        assert!(c.current(20, 5, None, &texts, &p).is_none(), "empty");
        let held = c.get(&g, 20, 5, None, &texts, &p).1.to_vec();
        assert_eq!(
            c.current(20, 5, None, &texts, &p).map(|(_, l)| l.to_vec()),
            Some(held)
        );
        let other = labels::Prefs {
            first: Some(1),
            ..p
        };
        assert!(
            c.current(20, 5, None, &texts, &other).is_none(),
            "other prefs"
        );
        assert!(c.current(21, 5, None, &texts, &p).is_none(), "other size");
    }

    #[test]
    fn placement_is_what_the_cache_holds() {
        let g = two_squares();
        let texts = vec![vec![vec!["A".to_string()]], vec![vec!["B".to_string()]]];
        let p = labels::Prefs {
            first: Some(1),
            ..labels::Prefs::default()
        };
        let mut c = OutlineCache::default();
        let (r, l) = c.get(&g, 20, 5, None, &texts, &p);
        let (fr, fl) = placement(&g, 20, 5, None, &texts, &p);
        assert_eq!((r.width, r.height), (fr.width, fr.height));
        assert_eq!(l, fl.as_slice());
    }
}
