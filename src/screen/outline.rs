//! The outline map of one dataset with a `[map]`, as the screen uses it: the geometry, the
//! navigation anchors and facing, the inset titles, and the raster and labels of the pane (cached).
//! The classes and label texts are not here: they follow the view (filter, unit, locale), so each
//! frame passes them in. Painting is the UI's (`ui::outline_paint::paint`).
//!
//! Drawing is a pure function of `&App`, so the cache sits in a `RefCell`: drawing fills it on a
//! size or zoom change and reads it otherwise. Should it ever be borrowed already (it cannot be in
//! a single-threaded draw, but no panic either way), the frame is drawn from a fresh, uncached
//! placement. The pure core is [`OutlineMap::placement`]; [`OutlineMap::with_placement`] only
//! reads or fills the cache around it.

use std::cell::RefCell;
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
    cache: RefCell<OutlineCache>,
    /// The label preferences of the last frame drawn (selection, classes), so a click hits the
    /// labels as drawn.
    last_prefs: RefCell<(Option<usize>, Vec<Option<usize>>)>,
}

impl OutlineMap {
    /// Builds the map from a `GeoMap` the loader made.
    pub fn new(geo: Arc<GeoMap>) -> OutlineMap {
        OutlineMap {
            anchors: nav::anchors(&geo),
            facing: nav::Facing::of(&geo),
            inset_titles: geo.insets.iter().map(|i| i.name.clone()).collect(),
            geo,
            cache: RefCell::new(OutlineCache::default()),
            last_prefs: RefCell::new((None, Vec::new())),
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

    /// Runs `f` on [`OutlineMap::placement`]'s raster and labels, from the cache when it matches
    /// (filling it when not).
    pub fn with_placement<T>(
        &self,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
        (first, classes): (Option<usize>, &[Option<usize>]),
        f: impl FnOnce(&Raster, &[PlacedLabel]) -> T,
    ) -> T {
        match self.cache.try_borrow_mut() {
            Ok(mut cache) => {
                let zoom = zoom.and_then(|d| self.zoom_box(d));
                let prefs = self.prefs(first, classes);
                let (r, l) = cache.get(&self.geo, area.width, area.height, zoom, texts, &prefs);
                f(r, l)
            }
            Err(_) => {
                let (r, l) = self.placement(area, zoom, texts, (first, classes));
                f(&r, &l)
            }
        }
    }

    /// Remembers the selection and classes a frame was drawn with (labels are placed by them), so
    /// a later click or `labels` sees the labels as drawn.
    pub fn note_drawn(&self, selected: Option<usize>, classes: &[Option<usize>]) {
        if let Ok(mut last) = self.last_prefs.try_borrow_mut()
            && (last.0 != selected || last.1 != classes)
        {
            *last = (selected, classes.to_vec());
        }
    }

    /// The selection and classes of the last frame drawn (labels are placed by them), so a click
    /// or a test sees the labels as they were drawn.
    fn last_prefs(&self) -> (Option<usize>, Vec<Option<usize>>) {
        self.last_prefs
            .try_borrow()
            .map(|l| l.clone())
            .unwrap_or_default()
    }

    /// The labels as drawn into `area` with this zoom and these texts (by the last frame's
    /// selection and classes), positions relative to `area`.
    pub fn labels(
        &self,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
    ) -> Vec<PlacedLabel> {
        let last = self.last_prefs();
        self.with_placement(area, zoom, texts, (last.0, &last.1), |_, labels| {
            labels.to_vec()
        })
    }

    /// The district under the terminal cell `(column, row)` (absolute, as in a mouse event) when
    /// the map was drawn into `area` with this zoom and these texts.
    pub fn hit_test(
        &self,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
        column: u16,
        row: u16,
    ) -> Option<usize> {
        if !area.contains(Position::new(column, row)) {
            return None;
        }
        // The labels as last drawn (the same selection and classes).
        let last = self.last_prefs();
        self.with_placement(area, zoom, texts, (last.0, &last.1), |raster, labels| {
            nav::hit_test(raster, labels, column - area.x, row - area.y)
        })
    }
}
