//! The outline map of one dataset with a `[map]`, as the screen uses it: the geometry, the
//! navigation anchors and facing, the inset titles, and the raster and labels of the pane (cached).
//! The classes and label texts are not here: they follow the view (filter, unit, locale), so each
//! frame passes them in. Painting is the UI's (`ui::outline_paint::paint`).
//!
//! The raster and labels of the pane are plain data the state keeps ([`OutlineCache`]): it
//! refreshes them after each change ([`OutlineMap::refresh`]); drawing and hit tests read them
//! when they are current, else build the same placement on the spot ([`OutlineMap::placement`]).

use std::path::Path;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use crate::data::Dataset;
use crate::geo::cache::{self, OutlineCache};
use crate::geo::labels::{PlacedLabel, Prefs};
use crate::geo::nav::{self, Dir};
use crate::geo::project::BBox;
use crate::geo::raster::Raster;
use crate::geo::regions::{self, GeoError, GeoMap};

/// The outline map of one dataset.
#[derive(Debug)]
pub struct OutlineMap {
    pub geo: Arc<GeoMap>,
    /// Navigation anchors per district (`nav::anchors`).
    pub anchors: Vec<Option<[f64; 2]>>,
    /// How the districts face each other (`nav::Facing`), for the arrows.
    pub facing: nav::Facing,
    /// Inset names, for the frame titles.
    pub inset_titles: Vec<String>,
}

impl OutlineMap {
    /// Builds the map from a `GeoMap` the loader made.
    pub fn new(geo: Arc<GeoMap>) -> OutlineMap {
        OutlineMap {
            anchors: nav::anchors(&geo),
            facing: nav::Facing::of(&geo),
            inset_titles: geo.insets.iter().map(|i| i.name.clone()).collect(),
            geo,
        }
    }

    /// `None` when the dataset has no `[map]`; else the map or everything wrong with it.
    /// `base_dir`: the data file's directory (relative geometry paths).
    pub fn load(
        dataset: &Dataset,
        base_dir: Option<&Path>,
    ) -> Option<Result<OutlineMap, Vec<GeoError>>> {
        let spec = dataset.map.as_ref()?;
        Some(
            regions::load(spec, &dataset.map_shapes(), base_dir)
                .map(|geo| OutlineMap::new(Arc::new(geo))),
        )
    }

    /// The map of a dataset the loader already attached its geometry to (`Dataset::geo`); `None`
    /// without `[map]`.
    pub fn of_dataset(dataset: &Dataset) -> Option<OutlineMap> {
        dataset.geo.as_ref().map(|g| OutlineMap::new(Arc::clone(g)))
    }

    /// The geographic box shown when zoomed to district `d`.
    pub fn zoom_box(&self, d: usize) -> Option<BBox> {
        self.geo.zoom_box(d)
    }

    /// The district an arrow moves to from `from`.
    pub fn nearest(&self, from: usize, dir: Dir) -> Option<usize> {
        nav::nearest_by_shape(&self.anchors, &self.facing, from, dir)
    }

    /// The label preferences for a frame: `first` labelled first, then by `classes`.
    fn prefs<'a>(&'a self, first: Option<usize>, classes: &'a [Option<usize>]) -> Prefs<'a> {
        Prefs {
            first,
            classes,
            inset_titles: &self.inset_titles,
        }
    }

    /// The raster and labels of the map drawn into `area` with this zoom and these texts,
    /// `first` labelled first, then by `classes`; built afresh, no cache. Positions relative to
    /// `area`.
    pub fn placement(
        &self,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
        (first, classes): (Option<usize>, &[Option<usize>]),
    ) -> (Raster, Vec<PlacedLabel>) {
        let zoom = zoom.and_then(|d| self.zoom_box(d));
        let prefs = self.prefs(first, classes);
        cache::placement(&self.geo, area.width, area.height, zoom, texts, &prefs)
    }

    /// Fills `cache` with [`OutlineMap::placement`]'s raster and labels, unless it holds them.
    pub fn refresh(
        &self,
        cache: &mut OutlineCache,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
        (first, classes): (Option<usize>, &[Option<usize>]),
    ) {
        let zoom = zoom.and_then(|d| self.zoom_box(d));
        let prefs = self.prefs(first, classes);
        cache.get(&self.geo, area.width, area.height, zoom, texts, &prefs);
    }

    /// Runs `f` on [`OutlineMap::placement`]'s raster and labels: from `cache` when it holds
    /// them, else built on the spot (the same result either way).
    pub fn with_placement<T>(
        &self,
        cache: &OutlineCache,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
        (first, classes): (Option<usize>, &[Option<usize>]),
        f: impl FnOnce(&Raster, &[PlacedLabel]) -> T,
    ) -> T {
        let zoom_box = zoom.and_then(|d| self.zoom_box(d));
        let prefs = self.prefs(first, classes);
        match cache.current(area.width, area.height, zoom_box, texts, &prefs) {
            Some((r, l)) => f(r, l),
            None => {
                let (r, l) = self.placement(area, zoom, texts, (first, classes));
                f(&r, &l)
            }
        }
    }

    /// The district under the terminal cell `(column, row)` (absolute, as in a mouse event) when
    /// the map is drawn into `area` with this zoom, these texts and label preferences: a district's
    /// pixels or its label.
    #[allow(clippy::too_many_arguments)]
    pub fn hit_test(
        &self,
        cache: &OutlineCache,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
        prefs: (Option<usize>, &[Option<usize>]),
        column: u16,
        row: u16,
    ) -> Option<usize> {
        if !area.contains(Position::new(column, row)) {
            return None;
        }
        self.with_placement(cache, area, zoom, texts, prefs, |raster, labels| {
            nav::hit_test(raster, labels, column - area.x, row - area.y)
        })
    }
}
