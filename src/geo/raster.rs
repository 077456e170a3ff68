//! The outline map as a grid of square pixels, each owned by a district, neutral land, sea or an
//! inset frame. Built once per (size, zoom) and cached by the caller; drawing reads it.
//!
//! Polygons are filled with a scanline even-odd rule sampled at pixel centres: all rings of one
//! district are filled together, so holes stay empty and a hole filled by another feature of the
//! same district comes out filled. Insets are boxes where the main map has the least
//! land, each with its own projection and a one-pixel frame.

use super::project::{BBox, Projection, PxRect};
use super::regions::GeoMap;

/// Owner id of a pixel that is sea (no feature).
pub const SEA: u16 = u16::MAX;
/// Owner id of land no district claims.
pub const NEUTRAL: u16 = u16::MAX - 1;
/// Owner id of an inset's frame.
pub const FRAME: u16 = u16::MAX - 2;
/// District indices must be below this (the loader never gets near it).
pub const MAX_DISTRICTS: usize = FRAME as usize;

/// The largest raster side in pixels.
pub const MAX_SIDE: usize = 4096;

/// Which box a panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelKind {
    Main,
    /// Index into `GeoMap::insets`.
    Inset(usize),
}

/// One projected box of the raster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    pub kind: PanelKind,
    /// The drawing area (inside the frame, for insets).
    pub inner: PxRect,
    /// The frame's outer rectangle (equal to `inner` for the main panel).
    pub outer: PxRect,
    pub proj: Projection,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    owner: Vec<u16>,
    border: Vec<bool>,
    /// Main panel first, then the insets that fitted.
    pub panels: Vec<Panel>,
    /// Pixels per district (all panels).
    pub area: Vec<usize>,
}

/// Scratch rows of crossings, reused between shapes.
struct Filler {
    rows: Vec<Vec<f64>>,
}

impl Filler {
    fn new(h: usize) -> Filler {
        Filler {
            rows: vec![Vec::new(); h],
        }
    }

    /// Fills `rings` even-odd into `grid` (row length `width`) within `clip`, as owner `id`.
    fn fill<'a>(
        &mut self,
        grid: &mut [u16],
        width: usize,
        clip: PxRect,
        proj: &Projection,
        rings: impl Iterator<Item = &'a Vec<[f64; 2]>>,
        id: u16,
    ) {
        if clip.w == 0 || clip.h == 0 {
            return;
        }
        for r in self.rows.iter_mut().take(clip.h) {
            r.clear();
        }
        let top = clip.y as f64;
        let bottom = (clip.y + clip.h) as f64;
        for ring in rings {
            let n = ring.len();
            if n < 2 {
                continue;
            }
            let mut prev = proj.to_px(ring[n - 1]);
            for &pt in ring {
                let cur = proj.to_px(pt);
                let (a, b) = if prev[1] <= cur[1] {
                    (prev, cur)
                } else {
                    (cur, prev)
                };
                prev = cur;
                if b[1] <= top || a[1] >= bottom || a[1] == b[1] {
                    continue;
                }
                // Rows whose centre y+0.5 lies in [a.y, b.y).
                let j0 = ((a[1] - 0.5).ceil().max(top)) as usize;
                let j1 = ((b[1] - 0.5).ceil().min(bottom)).max(0.0) as usize;
                let inv = (b[0] - a[0]) / (b[1] - a[1]);
                for j in j0..j1 {
                    let yc = j as f64 + 0.5;
                    let x = a[0] + (yc - a[1]) * inv;
                    if let Some(row) = self.rows.get_mut(j - clip.y) {
                        row.push(x);
                    }
                }
            }
        }
        let left = clip.x as f64;
        let right = (clip.x + clip.w) as f64;
        for (dj, row) in self.rows.iter_mut().take(clip.h).enumerate() {
            if row.len() < 2 {
                continue;
            }
            row.sort_unstable_by(f64::total_cmp);
            let base = (clip.y + dj) * width;
            for pair in row.chunks_exact(2) {
                // Pixels whose centre i+0.5 lies in [x0, x1).
                let i0 = (pair[0] - 0.5).ceil().max(left) as usize;
                let i1 = (pair[1] - 0.5).ceil().min(right).max(0.0) as usize;
                if i0 < i1
                    && let Some(s) = grid.get_mut(base + i0..base + i1)
                {
                    s.fill(id);
                }
            }
        }
    }
}

impl Raster {
    /// Rasterises `geo` into `width × height` square pixels. `zoom`: show only this box (no insets);
    /// `None`: the main box with its insets.
    ///
    /// Sizes are capped at `MAX_SIDE` pixels a side (no terminal comes near it); a pane larger
    /// than that is drawn in its top-left part.
    pub fn build(geo: &GeoMap, width: usize, height: usize, zoom: Option<BBox>) -> Raster {
        let (width, height) = (width.min(MAX_SIDE), height.min(MAX_SIDE));
        let n = width * height;
        let mut r = Raster {
            width,
            height,
            owner: vec![SEA; n],
            border: vec![false; n],
            panels: Vec::new(),
            area: vec![0; geo.districts.len()],
        };
        if n == 0 {
            return r;
        }
        let mut filler = Filler::new(height);
        let whole = PxRect {
            x: 0,
            y: 0,
            w: width,
            h: height,
        };
        let main_box = zoom.filter(BBox::is_valid).unwrap_or(geo.bbox);
        // Insets beside the main map when that costs it (almost) no size, else in its corners.
        let strip = if zoom.is_none() {
            plan_strip(geo, &main_box, width, height)
        } else {
            None
        };
        let area = strip.as_ref().map_or(whole, |s| s.0);
        let proj = Projection::fit(&main_box, area);
        // Unzoomed, the main map shows exactly its box (what lies beyond it, e.g. an island drawn
        // in an inset, stays out); zoomed, the slack shows the surroundings.
        let inner = if zoom.is_none() {
            let e = proj.extent(&main_box);
            let clampx = |v: f64| v.clamp(area.x as f64, (area.x + area.w) as f64) as usize;
            let clampy = |v: f64| v.clamp(area.y as f64, (area.y + area.h) as f64) as usize;
            let (x0, y0) = (clampx(e[0].floor()), clampy(e[1].floor()));
            let (x1, y1) = (clampx(e[2].ceil()), clampy(e[3].ceil()));
            PxRect {
                x: x0,
                y: y0,
                w: x1.saturating_sub(x0),
                h: y1.saturating_sub(y0),
            }
        } else {
            whole
        };
        let main = Panel {
            kind: PanelKind::Main,
            inner,
            outer: area,
            proj,
        };
        r.paint_panel(geo, &main, &mut filler);
        r.panels.push(main);
        let boxes: Vec<(usize, PxRect)> = match strip {
            Some((_, boxes)) => boxes,
            None if zoom.is_none() => Vec::new(),
            None => Vec::new(),
        };
        let overlay = zoom.is_none() && boxes.is_empty();
        let mut add = |r: &mut Raster, i: usize, outer: PxRect| {
            let Some(inset) = geo.insets.get(i) else {
                return;
            };
            let inner = PxRect {
                x: outer.x + 1,
                y: outer.y + 1,
                w: outer.w - 2,
                h: outer.h - 2,
            };
            r.clear_frame(outer);
            let p = Panel {
                kind: PanelKind::Inset(i),
                inner,
                outer,
                proj: Projection::fit(&inset.bbox, inner),
            };
            r.paint_panel(geo, &p, &mut filler);
            r.panels.push(p);
        };
        for (i, outer) in boxes {
            add(&mut r, i, outer);
        }
        if overlay {
            for (i, inset) in geo.insets.iter().enumerate() {
                if let Some(outer) = r.place_inset(&inset.bbox) {
                    add(&mut r, i, outer);
                }
            }
        }
        r.finish();
        r
    }

    fn paint_panel(&mut self, geo: &GeoMap, p: &Panel, filler: &mut Filler) {
        let clip = p.inner;
        let nw = p.proj.to_geo(clip.x as f64, clip.y as f64);
        let se = p
            .proj
            .to_geo((clip.x + clip.w) as f64, (clip.y + clip.h) as f64);
        let visible = BBox {
            west: nw[0],
            north: nw[1],
            east: se[0],
            south: se[1],
        };
        let seen = |b: &Option<BBox>| b.is_some_and(|b| b.intersects(&visible));
        for (_, s) in &geo.neutral {
            if seen(&s.bbox) {
                filler.fill(
                    &mut self.owner,
                    self.width,
                    clip,
                    &p.proj,
                    s.rings(),
                    NEUTRAL,
                );
            }
        }
        for (d, s) in geo.districts.iter().enumerate().take(MAX_DISTRICTS) {
            if seen(&s.bbox) {
                filler.fill(
                    &mut self.owner,
                    self.width,
                    clip,
                    &p.proj,
                    s.rings(),
                    d as u16,
                );
            }
        }
        // A district smaller than a pixel still gets one, at its centroid, so it can be seen,
        // clicked and reached by the arrows.
        let mut count = vec![0usize; geo.districts.len()];
        for y in clip.y..clip.y + clip.h {
            for x in clip.x..clip.x + clip.w {
                if let Some(c) = count.get_mut(usize::from(self.owner[y * self.width + x])) {
                    *c += 1;
                }
            }
        }
        let lat0 = p.proj.to_geo(0.0, (clip.y as f64) + clip.h as f64 / 2.0)[1];
        let k = lat0.to_radians().cos().max(0.01);
        for (d, s) in geo.districts.iter().enumerate().take(MAX_DISTRICTS) {
            if count.get(d) != Some(&0) || !seen(&s.bbox) {
                continue;
            }
            let Some(c) = s.centroid(lat0) else { continue };
            let px = p.proj.to_px([c[0] / k, c[1]]);
            if px[0] >= clip.x as f64
                && px[1] >= clip.y as f64
                && px[0] < (clip.x + clip.w) as f64
                && px[1] < (clip.y + clip.h) as f64
            {
                let i = px[1] as usize * self.width + px[0] as usize;
                if let Some(o) = self.owner.get_mut(i)
                    && (*o == SEA || *o == NEUTRAL)
                {
                    *o = d as u16;
                }
            }
        }
    }

    /// The inset box for `bbox`: about a third of the width and 40 % of the height at most, where it
    /// covers the fewest land pixels of the main map (and no earlier inset). Every position is
    /// tried (rows even, so frames lie on whole cells); among equally good ones the one nearest a
    /// corner wins, corners in the order top-right, bottom-right, top-left, bottom-left. When no
    /// spot of that size is free of land, smaller sizes (in 5 % steps, down to half) are tried; the
    /// least land covered wins, then the larger box.
    fn place_inset(&self, bbox: &BBox) -> Option<PxRect> {
        let (fw, fh) = (self.width, self.height);
        let land = LandTable::of(self);
        // (land, shrink step, corner distance, corner rank, rect): smallest first.
        let mut best: Option<(usize, usize, usize, usize, PxRect)> = None;
        for step in 0..11 {
            let pct = 100 - step * 5;
            let Some((w, h)) = inset_size(bbox, fw * 34 * pct / 10000, fh * 42 * pct / 10000)
            else {
                break;
            };
            if w > fw || h > fh {
                continue;
            }
            let bottom = (fh - h) & !1;
            // Every position up to a few hundred a side; beyond, a coarser grid (and the edges).
            let (sx, sy) = ((fw / 240).max(1), (fh / 240).max(1) * 2);
            let xs = (0..=fw - w).step_by(sx).chain([fw - w]);
            let ys: Vec<usize> = (0..=bottom).step_by(sy).chain([bottom]).collect();
            for x in xs {
                for &y in &ys {
                    let r = PxRect { x, y, w, h };
                    if self
                        .panels
                        .iter()
                        .any(|p| p.kind != PanelKind::Main && p.outer.intersects(&r))
                    {
                        continue;
                    }
                    let (dx, right) = if fw - w - x < x {
                        (fw - w - x, 0)
                    } else {
                        (x, 2)
                    };
                    let (dy, low) = if bottom - y < y {
                        (bottom - y, 1)
                    } else {
                        (y, 0)
                    };
                    let cand = (land.in_rect(&r), step, dx + dy, right + low, r);
                    if best.is_none_or(|b| (cand.0, cand.1, cand.2, cand.3) < (b.0, b.1, b.2, b.3))
                    {
                        best = Some(cand);
                    }
                }
            }
            if best.is_some_and(|b| b.0 == 0) {
                break;
            }
        }
        best.map(|b| b.4)
    }

    /// The top-left pixel of the `w × h` corner box (bottom-left, bottom-right, top-left,
    /// top-right, in that order of preference) that covers the least land and no inset.
    pub fn emptiest_corner(&self, w: usize, h: usize) -> (usize, usize) {
        let (w, h) = (w.min(self.width), h.min(self.height));
        let (fw, fh) = (self.width, self.height);
        let corners = [(0, fh - h), (fw - w, fh - h), (0, 0), (fw - w, 0)];
        let land = LandTable::of(self);
        let cost = |&(x, y): &(usize, usize)| {
            let r = PxRect { x, y, w, h };
            let insets = self
                .panels
                .iter()
                .filter(|p| p.kind != PanelKind::Main && p.outer.intersects(&r))
                .count();
            insets * self.width * self.height + land.in_rect(&r)
        };
        corners.into_iter().min_by_key(cost).unwrap_or((0, 0))
    }

    fn clear_frame(&mut self, outer: PxRect) {
        for y in outer.y..outer.y + outer.h {
            for x in outer.x..outer.x + outer.w {
                let edge = x == outer.x
                    || y == outer.y
                    || x + 1 == outer.x + outer.w
                    || y + 1 == outer.y + outer.h;
                if let Some(o) = self.owner.get_mut(y * self.width + x) {
                    *o = if edge { FRAME } else { SEA };
                }
            }
        }
    }

    /// Borders (a district pixel whose right or lower neighbour is other land: one pixel thick) and
    /// areas.
    fn finish(&mut self) {
        let (w, h) = (self.width, self.height);
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                let o = self.owner[i];
                if usize::from(o) >= MAX_DISTRICTS {
                    continue;
                }
                if let Some(a) = self.area.get_mut(usize::from(o)) {
                    *a += 1;
                }
                let land = |j: usize| {
                    let n = self.owner[j];
                    n != o && n != SEA && n != FRAME
                };
                self.border[i] = (x + 1 < w && land(i + 1)) || (y + 1 < h && land(i + w));
            }
        }
    }

    /// The owner of pixel `(x, y)`: a district index, `NEUTRAL`, `FRAME` or `SEA` (also outside).
    pub fn owner(&self, x: usize, y: usize) -> u16 {
        if x >= self.width {
            return SEA;
        }
        self.owner.get(y * self.width + x).copied().unwrap_or(SEA)
    }

    /// The district at pixel `(x, y)`, if any.
    pub fn district(&self, x: usize, y: usize) -> Option<usize> {
        let o = usize::from(self.owner(x, y));
        (o < MAX_DISTRICTS).then_some(o)
    }

    pub fn is_border(&self, x: usize, y: usize) -> bool {
        x < self.width
            && self
                .border
                .get(y * self.width + x)
                .copied()
                .unwrap_or(false)
    }

    /// The panel containing pixel `(x, y)` (an inset wins over the main map beneath it).
    pub fn panel_at(&self, x: usize, y: usize) -> Option<&Panel> {
        self.panels.iter().rev().find(|p| p.outer.contains(x, y))
    }

    /// Whether pixel `(x, y)` lies on the outline of district `d` (its own pixel next to anything
    /// else, 4-neighbourhood): where the selection is highlighted.
    pub fn is_edge_of(&self, d: usize, x: usize, y: usize) -> bool {
        if self.district(x, y) != Some(d) {
            return false;
        }
        let other = |xx: Option<usize>, yy: Option<usize>| match (xx, yy) {
            (Some(a), Some(b)) => {
                self.district(a, b) != Some(d) || a >= self.width || b >= self.height
            }
            _ => true,
        };
        other(x.checked_sub(1), Some(y))
            || other(Some(x + 1), Some(y))
            || other(Some(x), y.checked_sub(1))
            || other(Some(x), Some(y + 1))
    }
}

/// The outer size (frame included; height even, so the frame lies on whole terminal cells) of an
/// inset box for `bbox` within `max_w × max_h`, keeping its aspect; `None` when under 4×4 inside.
fn inset_size(bbox: &BBox, max_w: usize, max_h: usize) -> Option<(usize, usize)> {
    let (bw, bh) = bbox.projected_size();
    if bw <= 0.0 || bh <= 0.0 || !bw.is_finite() || !bh.is_finite() {
        return None;
    }
    let aspect = bw / bh;
    let max_w = max_w as f64 - 2.0;
    let max_h = (max_h & !1) as f64 - 2.0;
    let (mut iw, mut ih) = (max_w, max_w / aspect);
    if ih > max_h {
        ih = max_h;
        iw = max_h * aspect;
    }
    let (iw, ih) = (iw.floor(), ih.floor());
    if !(iw >= 4.0 && ih >= 4.0) {
        return None;
    }
    Some((iw as usize + 2, (ih as usize + 2) & !1))
}

/// A strip layout: the insets in a column (right, then left) or a row (bottom, then top) beside
/// the main map, chosen when the main map keeps at least 90 % of the scale it has on the whole
/// area. Returns the main map's area and each inset's box.
#[allow(clippy::type_complexity)]
fn plan_strip(
    geo: &GeoMap,
    main_box: &BBox,
    width: usize,
    height: usize,
) -> Option<(PxRect, Vec<(usize, PxRect)>)> {
    let n = geo.insets.len();
    if n == 0 {
        return None;
    }
    let (bw, bh) = main_box.projected_size();
    let scale = |r: &PxRect| (r.w as f64 / bw).min(r.h as f64 / bh);
    let full = scale(&PxRect {
        x: 0,
        y: 0,
        w: width,
        h: height,
    });
    let mut cands: Vec<(PxRect, Vec<(usize, PxRect)>)> = Vec::new();
    // Columns.
    let col: Option<Vec<(usize, usize)>> = geo
        .insets
        .iter()
        .map(|b| {
            inset_size(
                &b.bbox,
                width * 34 / 100,
                height.saturating_sub(2 * (n - 1)) / n,
            )
        })
        .collect();
    if let Some(sizes) = col {
        let cw = sizes.iter().map(|s| s.0).max().unwrap_or(0);
        if cw < width {
            for right in [true, false] {
                let x0 = if right { width - cw } else { 0 };
                let mut y = 0;
                let boxes = sizes
                    .iter()
                    .enumerate()
                    .map(|(i, &(w, h))| {
                        let b = PxRect {
                            x: x0 + (cw - w) / 2,
                            y,
                            w,
                            h,
                        };
                        // A one-cell gap keeps the frames apart.
                        y += h + 2;
                        (i, b)
                    })
                    .collect();
                let main = PxRect {
                    x: if right { 0 } else { cw },
                    y: 0,
                    w: width - cw,
                    h: height,
                };
                cands.push((main, boxes));
            }
        }
    }
    // Rows.
    let row: Option<Vec<(usize, usize)>> = geo
        .insets
        .iter()
        .map(|b| inset_size(&b.bbox, width.saturating_sub(n - 1) / n, height * 42 / 100))
        .collect();
    if let Some(sizes) = row {
        let rh = sizes.iter().map(|s| s.1).max().unwrap_or(0);
        if rh < height {
            for bottom in [true, false] {
                let y0 = if bottom { (height - rh) & !1 } else { 0 };
                let mut x = width;
                let boxes = sizes
                    .iter()
                    .enumerate()
                    .map(|(i, &(w, h))| {
                        x = x.saturating_sub(w);
                        let b = (i, PxRect { x, y: y0, w, h });
                        x = x.saturating_sub(1);
                        b
                    })
                    .collect();
                let main = PxRect {
                    x: 0,
                    y: if bottom { 0 } else { rh },
                    w: width,
                    h: if bottom { y0 } else { height - rh },
                };
                cands.push((main, boxes));
            }
        }
    }
    let mut best: Option<(f64, (PxRect, Vec<(usize, PxRect)>))> = None;
    for c in cands {
        let s = scale(&c.0);
        if best.as_ref().is_none_or(|(bs, _)| s > *bs) {
            best = Some((s, c));
        }
    }
    let (s, layout) = best?;
    (s >= 0.9 * full).then_some(layout)
}

/// A raster kept between frames: rebuilt only when the size or zoom changes.
#[derive(Debug, Default, Clone)]
pub struct RasterCache {
    key: Option<(usize, usize, Option<[u64; 4]>)>,
    raster: Option<Raster>,
}

impl RasterCache {
    /// The raster for `width × height` pixels and `zoom`, building it when the key changed.
    pub fn get(
        &mut self,
        geo: &GeoMap,
        width: usize,
        height: usize,
        zoom: Option<BBox>,
    ) -> &Raster {
        let key = (
            width,
            height,
            zoom.map(|b| [b.west, b.south, b.east, b.north].map(f64::to_bits)),
        );
        if self.key != Some(key) || self.raster.is_none() {
            self.key = Some(key);
            self.raster = None;
        }
        self.raster
            .get_or_insert_with(|| Raster::build(geo, width, height, zoom))
    }

    /// Forget the raster (the geometry changed).
    pub fn clear(&mut self) {
        self.key = None;
        self.raster = None;
    }
}

/// Land pixels (anything but sea) of a raster as a summed-area table, `(width + 1) × (height + 1)`:
/// the land in any rectangle in four lookups. Inset placement asks for thousands of rectangles,
/// the SVG legend's corner for four; one count serves both.
struct LandTable {
    stride: usize,
    sums: Vec<usize>,
}

impl LandTable {
    fn of(r: &Raster) -> LandTable {
        let (w, h) = (r.width, r.height);
        let mut sums = vec![0usize; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0;
            for x in 0..w {
                row += usize::from(r.owner[y * w + x] != SEA);
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        LandTable {
            stride: w + 1,
            sums,
        }
    }

    /// Land pixels in `r` (which lies inside the raster).
    fn in_rect(&self, r: &PxRect) -> usize {
        let at = |x: usize, y: usize| self.sums.get(y * self.stride + x).copied().unwrap_or(0);
        (at(r.x + r.w, r.y + r.h) + at(r.x, r.y))
            .saturating_sub(at(r.x + r.w, r.y) + at(r.x, r.y + r.h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::regions::{InsetBox, Shape};

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<[f64; 2]> {
        vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    }

    fn shape(polys: Vec<Vec<Vec<[f64; 2]>>>) -> Shape {
        let mut b = BBox::empty();
        for p in &polys {
            for r in p {
                for &q in r {
                    b.include(q);
                }
            }
        }
        Shape {
            polygons: polys,
            bbox: Some(b),
        }
    }

    /// Two unit squares side by side at the equator; the first with a hole.
    fn synthetic() -> GeoMap {
        GeoMap {
            districts: vec![
                shape(vec![vec![
                    square(0.0, 0.0, 1.0, 1.0),
                    square(0.25, 0.25, 0.75, 0.75),
                ]]),
                shape(vec![vec![square(1.0, 0.0, 2.0, 1.0)]]),
            ],
            neutral: vec![],
            bbox: BBox::from_array([0.0, 0.0, 2.0, 1.0]),
            insets: vec![],
            attribution: None,
            geometry: "t".into(),
        }
    }

    #[test]
    fn tiny_synthetic_squares_fill_exactly_and_holes_stay_empty() {
        let g = synthetic();
        let r = Raster::build(&g, 8, 4, None);
        let rows: Vec<String> = (0..4)
            .map(|y| {
                (0..8)
                    .map(|x| match r.owner(x, y) {
                        SEA => '.',
                        o => char::from(b'a' + o as u8),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(rows, ["aaaabbbb", "a..abbbb", "a..abbbb", "aaaabbbb"]);
        assert_eq!(r.area, vec![12, 16]);
        // Border between a and b: a's pixels in column 3, one pixel thick.
        assert!(r.is_border(3, 0) && !r.is_border(4, 0) && !r.is_border(0, 0));
        assert!(r.is_edge_of(0, 0, 0) && !r.is_edge_of(1, 6, 1));
        // Out of range is sea, never a panic.
        assert_eq!(r.owner(100, 100), SEA);
        assert_eq!(r.owner(8, 0), SEA);
    }

    #[test]
    fn zero_and_tiny_sizes() {
        let g = synthetic();
        for (w, h) in [(0, 0), (1, 0), (0, 1), (1, 1), (2, 1), (1, 7)] {
            let r = Raster::build(&g, w, h, None);
            assert_eq!(r.width * r.height, w * h);
        }
    }

    #[test]
    fn insets_go_to_empty_corners_with_a_frame() {
        let mut g = synthetic();
        // A long thin map leaves the corners of a tall raster empty.
        g.insets = vec![InsetBox {
            name: "hole".into(),
            bbox: BBox::from_array([0.2, 0.2, 0.8, 0.8]),
        }];
        let r = Raster::build(&g, 40, 40, None);
        assert_eq!(r.panels.len(), 2);
        let p = r.panels[1];
        assert_eq!(p.kind, PanelKind::Inset(0));
        assert_eq!(r.owner(p.outer.x, p.outer.y), FRAME);
        // The inset shows the hole's edge: district 0 around sea.
        let c = (p.inner.x + p.inner.w / 2, p.inner.y + p.inner.h / 2);
        assert_eq!(r.owner(c.0, c.1), SEA);
        assert_eq!(r.owner(p.inner.x, p.inner.y), 0);
        // No insets when zoomed.
        let r = Raster::build(&g, 40, 40, Some(BBox::from_array([1.0, 0.0, 2.0, 1.0])));
        assert_eq!(r.panels.len(), 1);
        assert_eq!(r.owner(20, 20), 1);
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn ring() -> impl Strategy<Value = Vec<[f64; 2]>> {
            proptest::collection::vec((-180.0f64..=180.0, -90.0f64..=90.0), 4..12)
                .prop_map(|v| v.into_iter().map(|(x, y)| [x, y]).collect())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            /// Arbitrary (self-intersecting, polar, antimeridian-spanning) rings at arbitrary small
            /// sizes and zooms: owners stay valid, nothing panics.
            #[test]
            fn random_rings_never_panic(
                rings in proptest::collection::vec(ring(), 1..4),
                w in 0usize..50, h in 0usize..50,
                zoom in proptest::option::of((-180.0f64..180.0, -90.0f64..90.0, 0.0f64..50.0, 0.0f64..50.0)),
                inset in (-180.0f64..170.0, -90.0f64..80.0, 0.001f64..10.0, 0.001f64..10.0),
            ) {
                let mut s = Shape::default();
                let mut b = BBox::empty();
                for r in &rings { for &p in r { b.include(p); } }
                s.polygons = rings.into_iter().map(|r| vec![r]).collect();
                s.bbox = Some(b);
                let g = GeoMap {
                    districts: vec![s.clone(), s],
                    neutral: vec![],
                    bbox: b,
                    insets: vec![InsetBox { name: "i".into(), bbox: BBox::from_array([inset.0, inset.1, inset.0 + inset.2, inset.1 + inset.3]) }],
                    attribution: None,
                    geometry: "p".into(),
                };
                let zoom = zoom.map(|(x, y, dx, dy)| BBox::from_array([x, y, x + dx, (y + dy).min(90.0)]));
                let r = Raster::build(&g, w, h, zoom);
                for y in 0..h { for x in 0..w {
                    let o = r.owner(x, y);
                    prop_assert!(o == SEA || o == NEUTRAL || o == FRAME || usize::from(o) < 2);
                }}
                let texts = vec![vec![vec!["A".to_string()]], vec![vec!["Bb".to_string(), "c".to_string()]]];
                let _ = crate::geo::labels::place(&r, &texts);
                let _ = crate::geo::nav::hit_test(&r, &[], 3, 3);
            }
        }
    }

    #[test]
    fn cache_rebuilds_only_on_key_change() {
        let g = synthetic();
        let mut c = RasterCache::default();
        let a = c.get(&g, 10, 6, None) as *const Raster;
        let b = c.get(&g, 10, 6, None) as *const Raster;
        assert_eq!(a, b);
        assert_eq!(c.get(&g, 12, 6, None).width, 12);
    }
}
