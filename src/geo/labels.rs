//! Label placement on the raster's cell grid (one cell = two pixels stacked).
//!
//! Each district gets at most one label: the first of its text alternatives (e.g. name + amount,
//! then the name alone) that fits at a cell far from the district's border (largest distance
//! transform first). A label never overlaps another label (with a one-cell gap), never covers
//! another district or an inset frame, stays inside one panel, and mostly lies on its own district;
//! a label that does not fit is dropped, never cut. Larger districts are placed first; everything is
//! deterministic (ties by position and index).

use super::raster::{FRAME, MAX_DISTRICTS, Raster};
use crate::text::width;

/// A label placed at cell `(x, y)` (top-left, relative to the raster), `lines` one per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedLabel {
    pub district: usize,
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub lines: Vec<String>,
}

impl PlacedLabel {
    pub fn height(&self) -> u16 {
        self.lines.len().min(usize::from(u16::MAX)) as u16
    }

    pub fn contains(&self, x: u16, y: u16) -> bool {
        x >= self.x
            && y >= self.y
            && u32::from(x) < u32::from(self.x) + u32::from(self.width)
            && u32::from(y) < u32::from(self.y) + u32::from(self.height())
    }
}

/// Chamfer distance (2 orthogonal, 3 diagonal) from each pixel to the nearest pixel with another
/// owner or the raster's edge.
pub(crate) fn distance_transform(r: &Raster) -> Vec<u16> {
    let (w, h) = (r.width, r.height);
    let mut d = vec![0u16; w * h];
    let own = |x: usize, y: usize| r.owner(x, y);
    for y in 0..h {
        for x in 0..w {
            let o = own(x, y);
            let edge = x == 0 || y == 0 || x + 1 == w || y + 1 == h;
            d[y * w + x] = if edge { 2 } else { u16::MAX };
            if edge {
                continue;
            }
            let mut best = d[y * w + x];
            for (dx, dy, c) in [(-1i64, 0i64, 2u16), (-1, -1, 3), (0, -1, 2), (1, -1, 3)] {
                let (nx, ny) = ((x as i64 + dx) as usize, (y as i64 + dy) as usize);
                let v = if own(nx, ny) == o {
                    d[ny * w + nx].saturating_add(c)
                } else {
                    c
                };
                best = best.min(v);
            }
            d[y * w + x] = best;
        }
    }
    for y in (0..h).rev() {
        for x in (0..w).rev() {
            if x == 0 || y == 0 || x + 1 == w || y + 1 == h {
                continue;
            }
            let o = own(x, y);
            let mut best = d[y * w + x];
            for (dx, dy, c) in [(1i64, 0i64, 2u16), (1, 1, 3), (0, 1, 2), (-1, 1, 3)] {
                let (nx, ny) = ((x as i64 + dx) as usize, (y as i64 + dy) as usize);
                let v = if own(nx, ny) == o {
                    d[ny * w + nx].saturating_add(c)
                } else {
                    c
                };
                best = best.min(v);
            }
            d[y * w + x] = best;
        }
    }
    d
}

/// Places labels. `texts[d]` lists district `d`'s alternatives, preferred first, each a list of
/// lines (already sanitised; widths are measured with `text::width`).
pub fn place(r: &Raster, texts: &[Vec<Vec<String>>]) -> Vec<PlacedLabel> {
    let (cw, ch) = (r.width, r.height / 2);
    if cw == 0 || ch == 0 {
        return Vec::new();
    }
    let dt = distance_transform(r);
    let n = texts.len().min(r.area.len()).min(MAX_DISTRICTS);
    // Candidate cells per district: both pixels the district's, scored by distance to the border.
    // The main map is tried before the insets, so a district shown in both is labelled where the
    // reader expects it unless it is too small there.
    let mut cands: Vec<Vec<(bool, u16, usize, usize)>> = vec![Vec::new(); n];
    for cy in 0..ch {
        for cx in 0..cw {
            let (t, b) = (r.owner(cx, cy * 2), r.owner(cx, cy * 2 + 1));
            let di = usize::from(t);
            if t != b || di >= n {
                continue;
            }
            let score = dt[cy * 2 * r.width + cx].min(dt[(cy * 2 + 1) * r.width + cx]);
            let inset = r
                .panel_at(cx, cy * 2)
                .is_some_and(|p| p.kind != super::raster::PanelKind::Main);
            cands[di].push((inset, score, cy, cx));
        }
    }
    for c in &mut cands {
        c.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        c.truncate(400);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| r.area[b].cmp(&r.area[a]).then(a.cmp(&b)));
    let mut placed: Vec<PlacedLabel> = Vec::new();
    // Cell ownership for the box test: does the cell hold a pixel of district d / of another
    // district or a frame?
    let cell = |cx: usize, cy: usize| (r.owner(cx, cy * 2), r.owner(cx, cy * 2 + 1));
    'district: for d in order {
        for alt in texts.get(d).into_iter().flatten() {
            let lw = alt.iter().map(|l| width(l)).max().unwrap_or(0);
            let lh = alt.len();
            if lw == 0 || lh == 0 || lw > cw || lh > ch {
                continue;
            }
            for &(_, _, cy, cx) in &cands[d] {
                let Some(x0) = cx.checked_sub(lw / 2) else {
                    continue;
                };
                let Some(y0) = cy.checked_sub((lh - 1) / 2) else {
                    continue;
                };
                if x0 + lw > cw || y0 + lh > ch {
                    continue;
                }
                // Same panel as the anchor, whole cells inside its drawing area.
                let Some(panel) = r.panel_at(cx, cy * 2) else {
                    continue;
                };
                let inner = panel.inner;
                if x0 < inner.x
                    || x0 + lw > inner.x + inner.w
                    || y0 * 2 < inner.y
                    || (y0 + lh) * 2 > inner.y + inner.h
                {
                    continue;
                }
                let overlaps = placed.iter().any(|p| {
                    let (px, py) = (usize::from(p.x), usize::from(p.y));
                    x0 < px + usize::from(p.width) + 1
                        && px < x0 + lw + 1
                        && y0 < py + p.lines.len()
                        && py < y0 + lh
                });
                if overlaps {
                    continue;
                }
                let mut own = 0;
                let mut bad = false;
                'cells: for y in y0..y0 + lh {
                    for x in x0..x0 + lw {
                        let (t, b) = cell(x, y);
                        for o in [t, b] {
                            let oi = usize::from(o);
                            if o == FRAME || (oi < MAX_DISTRICTS && oi != d) {
                                bad = true;
                                break 'cells;
                            }
                        }
                        if usize::from(t) == d || usize::from(b) == d {
                            own += 1;
                        }
                    }
                }
                if bad || own * 5 < lw * lh * 3 {
                    continue;
                }
                placed.push(PlacedLabel {
                    district: d,
                    x: x0.min(usize::from(u16::MAX)) as u16,
                    y: y0.min(usize::from(u16::MAX)) as u16,
                    width: lw.min(usize::from(u16::MAX)) as u16,
                    lines: alt.clone(),
                });
                continue 'district;
            }
        }
    }
    placed.sort_by_key(|p| p.district);
    placed
}

/// The usual label alternatives per district: the short name with the compact amount below it,
/// else the short name alone (districts without projects: the name only).
pub fn default_texts(
    districts: &[crate::data::District],
    currency: &str,
    locale: crate::locale::Locale,
) -> Vec<Vec<Vec<String>>> {
    districts
        .iter()
        .map(|d| {
            let name = d.short_name().to_string();
            if d.has_projects() {
                vec![
                    vec![
                        name.clone(),
                        crate::money::format_money_compact(d.total, currency, locale),
                    ],
                    vec![name],
                ]
            } else {
                vec![vec![name]]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::project::BBox;
    use crate::geo::regions::{GeoMap, Shape};

    fn rect_shape(x0: f64, y0: f64, x1: f64, y1: f64) -> Shape {
        Shape {
            polygons: vec![vec![vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]],
            bbox: Some(BBox::from_array([x0, y0, x1, y1])),
        }
    }

    #[test]
    fn labels_fit_inside_or_are_dropped_and_never_overlap() {
        let g = GeoMap {
            districts: vec![
                rect_shape(0.0, 0.0, 2.0, 1.0),
                rect_shape(2.0, 0.0, 2.2, 1.0),
                rect_shape(2.2, 0.0, 4.0, 1.0),
            ],
            neutral: vec![],
            bbox: BBox::from_array([0.0, 0.0, 4.0, 1.0]),
            insets: vec![],
            attribution: None,
            geometry: "t".into(),
        };
        let r = Raster::build(&g, 40, 20, None);
        let t = |s: &[&[&str]]| -> Vec<Vec<String>> {
            s.iter()
                .map(|a| a.iter().map(|l| l.to_string()).collect())
                .collect()
        };
        let texts = vec![
            t(&[&["Westland", "12 mio."], &["Westland"]]),
            t(&[&["Thin"]]),
            t(&[&["A name far too long for its place"], &["East"]]),
        ];
        let labels = place(&r, &texts);
        let ds: Vec<usize> = labels.iter().map(|l| l.district).collect();
        assert_eq!(ds, [0, 2], "the thin strip's label is dropped: {labels:?}");
        assert_eq!(labels[0].lines, ["Westland", "12 mio."]);
        assert_eq!(labels[1].lines, ["East"]);
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let apart = a.x + a.width < b.x
                    || b.x + b.width < a.x
                    || a.y + a.height() <= b.y
                    || b.y + b.height() <= a.y;
                assert!(apart, "{a:?} {b:?}");
            }
            // Never covers another district.
            for y in a.y..a.y + a.height() {
                for x in a.x..a.x + a.width {
                    for py in [y * 2, y * 2 + 1] {
                        let o = r.district(usize::from(x), usize::from(py));
                        assert!(o.is_none() || o == Some(a.district));
                    }
                }
            }
        }
        // Deterministic.
        assert_eq!(place(&r, &texts), labels);
        // Tiny rasters: nothing or something, never a panic.
        for (w, h) in [(0, 0), (1, 2), (3, 1), (5, 4)] {
            let r = Raster::build(&g, w, h, None);
            let _ = place(&r, &texts);
        }
    }
}
