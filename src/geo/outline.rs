//! The entry point the dashboard uses: one `OutlineMap` per loaded dataset with a `[map]`, holding
//! the geometry, the navigation anchors and the raster cache. The classes and label texts are not
//! here: they follow the view (filter, unit, locale), so each frame passes them in.
//!
//! `ui::draw` is a pure function of `&App`, so the cache sits in a `RefCell`: drawing fills it on a
//! size or zoom change and reads it otherwise. Should it ever be borrowed already (it cannot be in
//! a single-threaded draw, but no panic either way), the frame is drawn from a fresh, uncached
//! raster.

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::classes::LegendEntry;
use super::labels::{PlacedLabel, Prefs};
use super::nav::{self, Dir};
use super::project::BBox;
use super::raster::Raster;
use super::regions::{self, GeoError, GeoMap};
use super::widget::{OutlineCache, OutlineDrawn, OutlineStyle, OutlineView, render_outline};
use crate::data::Dataset;

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

/// What a frame shows, beyond the map itself.
#[derive(Debug, Clone, Copy)]
pub struct OutlineFrame<'a> {
    pub selected: Option<usize>,
    /// `Some(d)`: zoomed to district `d` (`z`).
    pub zoom: Option<usize>,
    pub style: &'a OutlineStyle,
    /// Per district, its class (`Classes::of_district`; `None`: no projects).
    pub classes: &'a [Option<usize>],
    /// Per district, its label alternatives (`labels::default_texts`).
    pub texts: &'a [Vec<Vec<String>>],
    /// `Classes::legend(...)` in the UI language; empty: none.
    pub legend: &'a [LegendEntry],
    /// Marked districts (`Space`, for comparison) and the glyph put before their labels.
    pub marked: &'a [usize],
    pub mark: &'a str,
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

    /// Runs `f` on the raster and labels for `area` and `zoom`, from the cache when it matches.
    fn with_raster<T>(
        &self,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
        (first, classes): (Option<usize>, &[Option<usize>]),
        f: impl FnOnce(&Raster, &[PlacedLabel]) -> T,
    ) -> T {
        let zoom = zoom.and_then(|d| self.zoom_box(d));
        let prefs = Prefs {
            first,
            classes,
            inset_titles: &self.inset_titles,
        };
        match self.cache.try_borrow_mut() {
            Ok(mut cache) => {
                let (r, l) = cache.get(&self.geo, area.width, area.height, zoom, texts, &prefs);
                f(r, l)
            }
            Err(_) => {
                let mut fresh = OutlineCache::default();
                let (r, l) = fresh.get(&self.geo, area.width, area.height, zoom, texts, &prefs);
                f(r, l)
            }
        }
    }

    /// Draws the map into `area`. Cheap when the size and zoom are unchanged.
    /// The selected district is labelled first, then the more valuable (higher class) ones.
    pub fn render(&self, area: Rect, buf: &mut Buffer, frame: &OutlineFrame) -> OutlineDrawn {
        if let Ok(mut last) = self.last_prefs.try_borrow_mut()
            && (last.0 != frame.selected || last.1 != frame.classes)
        {
            *last = (frame.selected, frame.classes.to_vec());
        }
        let prefs = (frame.selected, frame.classes);
        self.with_raster(area, frame.zoom, frame.texts, prefs, |raster, labels| {
            let view = OutlineView {
                raster,
                labels,
                classes: frame.classes,
                selected: frame.selected,
                style: frame.style,
                legend: frame.legend,
                inset_titles: &self.inset_titles,
                marked: frame.marked,
                mark: frame.mark,
            };
            render_outline(area, buf, &view)
        })
    }

    /// The selection and classes of the last frame drawn (labels are placed by them), so a click
    /// or a test sees the labels as they were drawn.
    fn last_prefs(&self) -> (Option<usize>, Vec<Option<usize>>) {
        self.last_prefs
            .try_borrow()
            .map(|l| l.clone())
            .unwrap_or_default()
    }

    /// The labels as drawn into `area` with this zoom and these texts (by the last `render`'s
    /// selection and classes), positions relative to `area`.
    pub fn labels(
        &self,
        area: Rect,
        zoom: Option<usize>,
        texts: &[Vec<Vec<String>>],
    ) -> Vec<PlacedLabel> {
        let last = self.last_prefs();
        self.with_raster(area, zoom, texts, (last.0, &last.1), |_, labels| {
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
        if !area.contains(ratatui::layout::Position::new(column, row)) {
            return None;
        }
        // The labels as last drawn (the same selection and classes).
        let last = self.last_prefs();
        self.with_raster(area, zoom, texts, (last.0, &last.1), |raster, labels| {
            nav::hit_test(raster, labels, column - area.x, row - area.y)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{MapInset, MapSpec};
    use crate::geo::classes::Classes;
    use crate::geo::labels::default_texts;
    use crate::geo::widget::ColorMode;
    use crate::i18n::locale::Locale;

    fn dataset_with_map() -> Dataset {
        let mut ds = crate::data::load_embedded();
        ds.map = Some(MapSpec {
            geometry: "dk-kommuner-2014".into(),
            key: "navn".into(),
            bbox: Some([8.0, 54.5, 12.8, 57.8]),
            insets: vec![MapInset {
                name: "Bornholm".into(),
                bbox: [14.6, 54.95, 15.25, 55.35],
            }],
        });
        ds
    }

    #[test]
    fn render_hit_test_zoom_and_navigation_through_the_entry_point() {
        let ds = dataset_with_map();
        let map = OutlineMap::load(&ds, None).unwrap().unwrap();
        let names: Vec<&str> = ds.districts.iter().map(|d| d.short_name()).collect();
        let texts = default_texts(&names, &ds.funded_totals(), &ds.meta.currency, Locale::Da);
        let classes = Classes::from_totals(&ds.funded_totals());
        let legend = classes.legend(&ds.meta.currency, Locale::Da, "ingen projekter");
        let style = OutlineStyle::new(ColorMode::TrueColor, classes.count());
        let area = Rect::new(5, 2, 100, 40);
        let mut buf = Buffer::empty(Rect::new(0, 0, 110, 45));
        let fyn = ds.districts.iter().position(|d| d.id == "fyn").unwrap();
        let frame = OutlineFrame {
            selected: Some(fyn),
            zoom: None,
            style: &style,
            classes: &classes.of_district,
            texts: &texts,
            legend: &legend,
            marked: &[],
            mark: "◆",
        };
        map.render(area, &mut buf, &frame);
        // The cell under Fyn's label hits Fyn.
        let hit = (area.y..area.bottom())
            .flat_map(|y| (area.x..area.right()).map(move |x| (x, y)))
            .find(|&(x, y)| buf[(x, y)].symbol() == "F" && buf[(x + 1, y)].symbol() == "y")
            .unwrap();
        assert_eq!(map.hit_test(area, None, &texts, hit.0, hit.1), Some(fyn));
        assert_eq!(map.hit_test(area, None, &texts, 0, 0), None);
        // Zoomed to Fyn: its pixels fill a good part of the pane, and the centre is Fyn.
        let zoomed = OutlineFrame {
            zoom: Some(fyn),
            ..frame
        };
        map.render(area, &mut buf, &zoomed);
        let c = (area.x + area.width / 2, area.y + area.height / 2);
        assert_eq!(map.hit_test(area, Some(fyn), &texts, c.0, c.1), Some(fyn));
        assert!(map.nearest(fyn, Dir::Right).is_some());
        // The shipped dataset has its geometry attached at load; one without [map] has no map.
        let mut plain = crate::data::load_embedded();
        assert!(OutlineMap::of_dataset(&plain).is_some());
        plain.map = None;
        plain.geo = None;
        assert!(OutlineMap::load(&plain, None).is_none());
        assert!(OutlineMap::of_dataset(&plain).is_none());
    }
}
