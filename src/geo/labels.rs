//! Label placement on the raster's cell grid (one cell = two pixels stacked).
//!
//! Each district gets at most one label: the first of its text alternatives (`alternatives`: the
//! name and amount, the name wrapped over two or three lines and the amount, the name alone,
//! wrapped alone; never the amount without the name) that fits, centred on one of its cells: where it lies most on its district
//! (ties: the cell farthest from the border). A label never overlaps
//! another label (with a one-cell gap), never covers an inset frame, stays inside one panel, lies
//! at least half on its own district and at most a fifth on others (it may overhang its border a
//! little); a label that does not fit is dropped, never cut. More valuable districts (higher class)
//! go first, then larger ones; the selection gets a label before all others if it would get none.
//! In an inset showing only one district, a line equal to the inset's title is left out. Everything
//! is deterministic (ties by position and index).

use rust_decimal::Decimal;

use super::raster::{FRAME, MAX_DISTRICTS, Raster};
use crate::locale::Locale;
use crate::money::format_money_compact;
use crate::text::width;

/// A label placed at cell `(x, y)` (top-left, relative to the raster), `lines` one per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedLabel {
    pub district: usize,
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub lines: Vec<String>,
    /// Placed off its district (the selection had no room on itself), an arrow pointing at it.
    pub callout: bool,
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

/// What the placement favours, beyond the texts: a district to label first (the selection), each
/// district's class (more valuable first; `None` after all classes), and the inset titles (a label
/// in an inset showing only its district leaves out a line equal to the inset's title).
#[derive(Debug, Clone, Copy, Default)]
pub struct Prefs<'a> {
    pub first: Option<usize>,
    pub classes: &'a [Option<usize>],
    pub inset_titles: &'a [String],
}

/// Places labels with no preferences beyond the districts' sizes (`place_with`).
pub fn place(r: &Raster, texts: &[Vec<Vec<String>>]) -> Vec<PlacedLabel> {
    place_with(r, texts, &Prefs::default())
}

/// Places labels. `texts[d]` lists district `d`'s alternatives, preferred first, each a list of
/// lines (already sanitised; widths are measured with `text::width`).
///
/// Districts are taken by class (highest first), then by size; should `prefs.first` get no label
/// that way, it is placed first and the others after it. Each gets the first alternative that fits
/// somewhere: centred on one of its cells, inside that cell's panel, a cell's gap from every placed
/// label, covering no inset frame, at least half on its own district and at most a fifth on other
/// districts (a label may overhang its border a little). Of the places that fit, the main map
/// beats an inset, then the most cells on its own district, the fewest on others, and the cell
/// farthest from the border.
pub fn place_with<'a>(
    r: &Raster,
    texts: &[Vec<Vec<String>>],
    prefs: &Prefs<'a>,
) -> Vec<PlacedLabel> {
    let (cw, ch) = (r.width, r.height / 2);
    if cw == 0 || ch == 0 {
        return Vec::new();
    }
    let dt = distance_transform(r);
    let n = texts.len().min(r.area.len()).min(MAX_DISTRICTS);
    // Candidate cells per district: both pixels the district's, scored by distance to the border.
    // The main map is tried before the insets, so a district shown in both is labelled where the
    // reader expects it unless it is too small there.
    let mut cands: Cands = vec![Vec::new(); n];
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
    // Per inset panel: its title when it shows exactly one district (then that district's label
    // there need not repeat the title).
    let sole_title = |panel: &super::raster::Panel, d: usize| -> Option<&'a str> {
        let super::raster::PanelKind::Inset(i) = panel.kind else {
            return None;
        };
        let title = prefs.inset_titles.get(i)?;
        let inner = panel.inner;
        let only_d = (inner.y..inner.y + inner.h)
            .all(|y| (inner.x..inner.x + inner.w).all(|x| r.district(x, y).is_none_or(|o| o == d)));
        only_d.then_some(title.as_str())
    };
    let mut order: Vec<usize> = (0..n).collect();
    let class = |d: usize| prefs.classes.get(d).copied().flatten();
    order.sort_by(|&a, &b| {
        class(b)
            .cmp(&class(a))
            .then(r.area[b].cmp(&r.area[a]))
            .then(a.cmp(&b))
    });
    let placed = place_in_order(r, texts, &order, &cands, &sole_title);
    // The selection gets a label: in its turn when there is room, else before all others, else
    // (too small for any label on itself, like København on a country map) a callout beside it.
    match prefs.first {
        Some(f) if f < n && !placed.iter().any(|p| p.district == f) => {
            order.retain(|&d| d != f);
            order.insert(0, f);
            let mut placed = place_in_order(r, texts, &order, &cands, &sole_title);
            // A district an inset's title names (Bornholm in its own inset) needs no callout.
            let titled = texts
                .get(f)
                .and_then(|t| t.last())
                .and_then(|l| l.first())
                .is_some_and(|name| prefs.inset_titles.iter().any(|t| t.trim() == name.trim()));
            if !titled
                && !placed.iter().any(|p| p.district == f)
                && let Some(c) = callout(r, texts.get(f).map_or(&[][..], Vec::as_slice), f, &placed)
            {
                // The callout goes first; labels it would overlap make way.
                placed.retain(|p| !overlaps(p, &c));
                placed.push(c);
                placed.sort_by_key(|p| p.district);
            }
            placed
        }
        _ => placed,
    }
}

/// Whether two labels overlap or touch sideways (labels keep a one-cell gap).
fn overlaps(p: &PlacedLabel, c: &PlacedLabel) -> bool {
    let (px, py, cx, cy) = (
        usize::from(p.x),
        usize::from(p.y),
        usize::from(c.x),
        usize::from(c.y),
    );
    cx < px + usize::from(p.width) + 1
        && px < cx + usize::from(c.width) + 1
        && cy < py + p.lines.len()
        && py < cy + c.lines.len()
}

/// A label for district `d` off its own cells: its one-line name alternative (else the first)
/// with an arrow towards it, beside `d` in a panel showing it, on the spot nearest to `d` that
/// covers no frame, the least land and none of `d` itself. O(cells × label area), only
/// when the selection found no room.
fn callout(
    r: &Raster,
    alts: &[Vec<String>],
    d: usize,
    placed: &[PlacedLabel],
) -> Option<PlacedLabel> {
    let (cw, ch) = (r.width, r.height / 2);
    // d's centre in each panel showing it, in cells.
    let mut anchors: Vec<(usize, usize, usize)> = Vec::new(); // (panel, x, y)
    for (pi, p) in r.panels.iter().enumerate() {
        let (mut count, mut sx, mut sy) = (0, 0, 0);
        for y in p.inner.y..p.inner.y + p.inner.h {
            for x in p.inner.x..p.inner.x + p.inner.w {
                if r.district(x, y) == Some(d)
                    && r.panel_at(x, y).is_some_and(|q| std::ptr::eq(q, p))
                {
                    count += 1;
                    sx += x;
                    sy += y / 2;
                }
            }
        }
        if let (Some(x), Some(y)) = (sx.checked_div(count), sy.checked_div(count)) {
            anchors.push((pi, x, y));
        }
    }
    let text: Vec<String> = alts.iter().find(|a| a.len() == 1).or(alts.first())?.clone();
    let lh = text.len();
    let mut best: Option<(usize, PlacedLabel)> = None;
    for &(pi, ax, ay) in &anchors {
        // The main panel's drawing area is only the projected box: a callout may use the sea
        // around it too, anywhere outside the insets.
        let panel = &r.panels[pi];
        let main = panel.kind == super::raster::PanelKind::Main;
        let inner = panel.inner;
        let (x_lo, x_hi, y_lo, y_hi) = if main {
            (0, cw, 0, ch)
        } else {
            (
                inner.x,
                (inner.x + inner.w).min(cw),
                inner.y.div_ceil(2),
                ((inner.y + inner.h) / 2).min(ch),
            )
        };
        let foreign_panel = |x: usize, py: usize| {
            main && r
                .panel_at(x, py)
                .is_some_and(|q| q.kind != super::raster::PanelKind::Main)
        };
        for y0 in y_lo..y_hi.saturating_sub(lh - 1).max(y_lo) {
            if y0 + lh > y_hi {
                break;
            }
            // The arrow depends on the side: left of d points right, right of d points left.
            for right_of in [false, true] {
                let mut lines = text.clone();
                if let Some(first) = lines.first_mut() {
                    *first = if right_of {
                        format!("← {first}")
                    } else {
                        format!("{first} →")
                    };
                }
                let lw = lines.iter().map(|l| width(l)).max().unwrap_or(0);
                if lw == 0 || lw > x_hi.saturating_sub(x_lo) {
                    continue;
                }
                for x0 in x_lo..=x_hi - lw {
                    let (left, right) = (x0, x0 + lw);
                    if (right_of && left <= ax) || (!right_of && right > ax) {
                        continue;
                    }
                    let mut cost = 0usize;
                    let mut bad = false;
                    'cells: for y in y0..y0 + lh {
                        for x in left..right {
                            for py in [y * 2, y * 2 + 1] {
                                if foreign_panel(x, py) {
                                    bad = true;
                                    break 'cells;
                                }
                                match r.owner(x, py) {
                                    FRAME => {
                                        bad = true;
                                        break 'cells;
                                    }
                                    o if usize::from(o) == d => {
                                        bad = true;
                                        break 'cells;
                                    }
                                    o if usize::from(o) < MAX_DISTRICTS => cost += 4,
                                    _ => {}
                                }
                            }
                        }
                    }
                    if bad {
                        continue;
                    }
                    let near = if right_of { left - ax } else { ax - right };
                    let dy = y0.abs_diff(ay) + (y0 + lh - 1).abs_diff(ay);
                    let label = PlacedLabel {
                        district: d,
                        x: x0.min(usize::from(u16::MAX)) as u16,
                        y: y0.min(usize::from(u16::MAX)) as u16,
                        width: lw.min(usize::from(u16::MAX)) as u16,
                        lines: lines.clone(),
                        callout: true,
                    };
                    // Another district's label gives way only when there is no other spot.
                    let hidden = placed.iter().filter(|p| overlaps(p, &label)).count();
                    let cost = cost + 3 * (near + dy) + 10_000 * hidden;
                    if best.as_ref().is_none_or(|b| cost < b.0) {
                        best = Some((cost, label));
                    }
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// Candidate cells per district: (in an inset, distance to the border, row, column).
type Cands = Vec<Vec<(bool, u16, usize, usize)>>;

/// Places labels district by district in `order` (see `place_with`).
fn place_in_order<'t>(
    r: &Raster,
    texts: &[Vec<Vec<String>>],
    order: &[usize],
    cands: &Cands,
    sole_title: &dyn Fn(&super::raster::Panel, usize) -> Option<&'t str>,
) -> Vec<PlacedLabel> {
    let (cw, ch) = (r.width, r.height / 2);
    let mut placed: Vec<PlacedLabel> = Vec::new();
    // Cell ownership for the box test: does the cell hold a pixel of district d / of another
    // district or a frame?
    let cell = |cx: usize, cy: usize| (r.owner(cx, cy * 2), r.owner(cx, cy * 2 + 1));
    'district: for &d in order {
        for alt in texts.get(d).into_iter().flatten() {
            // The best position for this text: in the main map if it fits there, then most on its
            // own district, least on others, then nearest the district's inside.
            let mut best: Option<((bool, usize, usize), PlacedLabel)> = None;
            for &(inset, _, cy, cx) in &cands[d] {
                // Same panel as the anchor, whole cells inside its drawing area.
                let Some(panel) = r.panel_at(cx, cy * 2) else {
                    continue;
                };
                let lines: Vec<String> = match sole_title(panel, d) {
                    Some(t) => alt
                        .iter()
                        .filter(|l| l.trim() != t.trim())
                        .cloned()
                        .collect(),
                    None => alt.clone(),
                };
                let lw = lines.iter().map(|l| width(l)).max().unwrap_or(0);
                let lh = lines.len();
                if lw == 0 || lh == 0 || lw > cw || lh > ch {
                    continue;
                }
                let Some(x0) = cx.checked_sub(lw / 2) else {
                    continue;
                };
                let Some(y0) = cy.checked_sub((lh - 1) / 2) else {
                    continue;
                };
                if x0 + lw > cw || y0 + lh > ch {
                    continue;
                }
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
                let (mut own, mut foreign) = (0, 0);
                let mut bad = false;
                'cells: for y in y0..y0 + lh {
                    for x in x0..x0 + lw {
                        let (t, b) = cell(x, y);
                        let mut other = false;
                        for o in [t, b] {
                            let oi = usize::from(o);
                            if o == FRAME {
                                bad = true;
                                break 'cells;
                            }
                            other |= oi < MAX_DISTRICTS && oi != d;
                        }
                        foreign += usize::from(other);
                        if usize::from(t) == d || usize::from(b) == d {
                            own += 1;
                        }
                    }
                }
                let cells = lw * lh;
                if bad || own * 2 < cells || foreign * 5 > cells {
                    continue;
                }
                let key = (inset, cells - own, foreign);
                if best.as_ref().is_none_or(|b| key < b.0) {
                    best = Some((
                        key,
                        PlacedLabel {
                            district: d,
                            x: x0.min(usize::from(u16::MAX)) as u16,
                            y: y0.min(usize::from(u16::MAX)) as u16,
                            width: lw.min(usize::from(u16::MAX)) as u16,
                            lines,
                            callout: false,
                        },
                    ));
                }
            }
            if let Some((_, l)) = best {
                placed.push(l);
                continue 'district;
            }
        }
    }
    placed.sort_by_key(|p| p.district);
    placed
}

/// `name` broken into `k` lines (2 or 3) at spaces (dropped) or after hyphens (kept), as evenly
/// as the breaks allow (the widest line as narrow as possible; ties: the earlier break). `None`
/// when the name has too few places to break.
pub fn wrap_name(name: &str, k: usize) -> Option<Vec<String>> {
    // (end of the left part, start of the right part) in bytes.
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    for (j, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(j + 1).map(|&(i2, c2)| (i2, c2));
        match (c, next) {
            (' ', Some(_)) if i > 0 => breaks.push((i, i + 1)),
            ('-', Some((i2, c2))) if i > 0 && c2 != ' ' => breaks.push((i2, i2)),
            _ => {}
        }
    }
    let piece = |a: usize, b: usize| name.get(a..b).unwrap_or("").trim().to_string();
    let mut best: Option<(usize, Vec<String>)> = None;
    let mut consider = |lines: Vec<String>| {
        if lines.iter().any(String::is_empty) {
            return;
        }
        let w = lines.iter().map(|l| width(l)).max().unwrap_or(0);
        if best.as_ref().is_none_or(|b| w < b.0) {
            best = Some((w, lines));
        }
    };
    match k {
        2 => {
            for &(e, s) in &breaks {
                consider(vec![piece(0, e), piece(s, name.len())]);
            }
        }
        3 => {
            for (bi, &(e1, s1)) in breaks.iter().enumerate() {
                for &(e2, s2) in &breaks[bi + 1..] {
                    if e2 > s1 {
                        consider(vec![piece(0, e1), piece(s1, e2), piece(s2, name.len())]);
                    }
                }
            }
        }
        _ => {}
    }
    best.map(|b| b.1)
}

/// A district's label alternatives, best first: the name over its figure, the name wrapped (two,
/// then three lines) over its figure, the name alone, then wrapped alone. Without a figure: the
/// name, then wrapped.
pub fn alternatives(name: &str, figure: Option<&str>) -> Vec<Vec<String>> {
    let wrapped: Vec<Vec<String>> = [2, 3].iter().filter_map(|&k| wrap_name(name, k)).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    if let Some(f) = figure {
        out.push(vec![name.to_string(), f.to_string()]);
        for w in &wrapped {
            let mut l = w.clone();
            l.push(f.to_string());
            out.push(l);
        }
    }
    out.push(vec![name.to_string()]);
    out.extend(wrapped);
    // No figure without its name: on a map of neighbours an amount alone is read as belonging to
    // whichever name is nearest. (An inset of one district drops the name line equal to its title
    // at placement, which leaves the figure under the title that names it.)
    let mut seen = Vec::new();
    out.retain(|a| {
        let new = !seen.contains(a);
        seen.push(a.clone());
        new
    });
    out
}

/// The usual label alternatives per district (`alternatives`): `names[d]` (the short name) with
/// the compact amount `totals[d]` below it, … (`None`: no projects, the name only, maybe wrapped).
pub fn default_texts(
    names: &[&str],
    totals: &[Option<Decimal>],
    currency: &str,
    locale: Locale,
) -> Vec<Vec<Vec<String>>> {
    names
        .iter()
        .enumerate()
        .map(|(d, name)| {
            let figure = totals
                .get(d)
                .copied()
                .flatten()
                .map(|t| format_money_compact(t, currency, locale));
            alternatives(name, figure.as_deref())
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
            // Covers other districts at most a little (a fifth of its cells).
            let mut foreign = 0;
            for y in a.y..a.y + a.height() {
                for x in a.x..a.x + a.width {
                    foreign += usize::from([y * 2, y * 2 + 1].iter().any(|&py| {
                        let o = r.district(usize::from(x), usize::from(py));
                        o.is_some() && o != Some(a.district)
                    }));
                }
            }
            assert!(foreign * 5 <= usize::from(a.width * a.height()), "{a:?}");
        }
        // Deterministic.
        assert_eq!(place(&r, &texts), labels);
        // Tiny rasters: nothing or something, never a panic.
        for (w, h) in [(0, 0), (1, 2), (3, 1), (5, 4)] {
            let r = Raster::build(&g, w, h, None);
            let _ = place(&r, &texts);
        }
    }

    #[test]
    fn names_wrap_at_spaces_and_hyphens() {
        let w = |s: &str, k| wrap_name(s, k);
        assert_eq!(
            w("Midt- og Vestsjælland", 2).unwrap(),
            ["Midt- og", "Vestsjælland"]
        );
        assert_eq!(
            w("Sydsjælland og Lolland-Falster", 2).unwrap(),
            ["Sydsjælland og", "Lolland-Falster"]
        );
        assert_eq!(
            w("Sydsjælland og Lolland-Falster", 3).unwrap(),
            ["Sydsjælland", "og Lolland-", "Falster"]
        );
        assert_eq!(w("Fyn", 2), None);
        assert_eq!(w("Lolland-Falster", 3), None);
        assert_eq!(w(" x", 2), None);
        let alts = alternatives("Midt- og Vestsjælland", Some("9,5 mio. kr."));
        assert_eq!(alts[0], ["Midt- og Vestsjælland", "9,5 mio. kr."]);
        assert_eq!(alts[1], ["Midt- og", "Vestsjælland", "9,5 mio. kr."]);
        assert!(alts.contains(&vec!["Midt- og Vestsjælland".to_string()]));
        // Never the figure without its name.
        assert!(
            alts.iter()
                .all(|a| a.iter().any(|l| l.contains("Midt") || l.contains("Vest")))
        );
        assert_eq!(alternatives("Fyn", None), [["Fyn"]]);
    }

    /// Two districts side by side, each with room for one long label only where the other's
    /// would go.
    fn pair() -> GeoMap {
        GeoMap {
            districts: vec![
                rect_shape(0.0, 0.0, 1.0, 0.2),
                rect_shape(1.0, 0.0, 2.0, 0.2),
            ],
            neutral: vec![],
            bbox: BBox::from_array([0.0, 0.0, 2.0, 0.2]),
            insets: vec![],
            attribution: None,
            geometry: "t".into(),
        }
    }

    #[test]
    fn the_selection_and_the_valuable_districts_go_first() {
        // One row of cells, ten a district.
        let r = Raster::build(&pair(), 20, 2, None);
        let texts = vec![vec![vec!["aaaaaaaaaaa".to_string()]]; 2];
        let ds = |p: &Prefs| -> Vec<usize> {
            place_with(&r, &texts, p)
                .iter()
                .map(|l| l.district)
                .collect()
        };
        // Equal sizes: the lower index; a higher class wins; the selection wins over both.
        assert_eq!(ds(&Prefs::default()), [0]);
        let classes = [None, Some(0)];
        let by_class = Prefs {
            classes: &classes,
            ..Prefs::default()
        };
        assert_eq!(ds(&by_class), [1]);
        let selected = Prefs {
            first: Some(0),
            classes: &classes,
            ..Prefs::default()
        };
        assert_eq!(ds(&selected), [0]);
        // A selection labelled anyway does not push others out.
        let short = vec![
            vec![vec!["a".to_string()]],
            vec![vec!["bbbbbbbbbbb".to_string()]],
        ];
        let both = place_with(&r, &short, &selected);
        assert_eq!(both.iter().map(|l| l.district).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn an_inset_of_one_district_does_not_repeat_its_title() {
        let mut g = pair();
        g.districts = vec![
            rect_shape(0.0, 0.0, 1.0, 1.0),
            rect_shape(1.0, 0.0, 2.0, 1.0),
        ];
        g.bbox = BBox::from_array([0.0, 0.0, 1.0, 1.0]);
        g.insets = vec![crate::geo::regions::InsetBox {
            name: "Isle".into(),
            bbox: BBox::from_array([1.0, 0.0, 2.0, 1.0]),
        }];
        let r = Raster::build(&g, 60, 40, None);
        assert_eq!(r.panels.len(), 2, "the inset is drawn");
        let titles = vec!["Isle".to_string()];
        let t = |s: &[&[&str]]| -> Vec<Vec<String>> {
            s.iter()
                .map(|a| a.iter().map(|l| l.to_string()).collect())
                .collect()
        };
        let texts = vec![
            t(&[&["Main", "1 kr."]]),
            t(&[&["Isle", "2 kr."], &["Isle"]]),
        ];
        let prefs = Prefs {
            inset_titles: &titles,
            ..Prefs::default()
        };
        let labels = place_with(&r, &texts, &prefs);
        let lines = |d: usize| {
            labels
                .iter()
                .find(|l| l.district == d)
                .map(|l| l.lines.clone())
        };
        assert_eq!(lines(0).unwrap(), ["Main", "1 kr."]);
        assert_eq!(lines(1).unwrap(), ["2 kr."], "the amount only");
        // Without a figure: no label at all (the title names it).
        let texts = vec![t(&[&["Main"]]), t(&[&["Isle"]])];
        let labels = place_with(&r, &texts, &prefs);
        assert!(labels.iter().all(|l| l.district == 0), "{labels:?}");
        // Without the titles, the name is shown.
        let labels = place(&r, &texts);
        assert!(labels.iter().any(|l| l.district == 1));
    }

    #[test]
    fn a_label_goes_where_it_lies_most_on_its_district() {
        // A square with a thin arm along its southern edge: a label wider than the square lies
        // wholly on the district only along the arm's row (not at the square's middle).
        let mut square = rect_shape(0.0, 0.0, 1.0, 1.0);
        square.polygons.push(vec![vec![
            [1.0, 0.0],
            [3.0, 0.0],
            [3.0, 0.2],
            [1.0, 0.2],
            [1.0, 0.0],
        ]]);
        square.bbox = Some(BBox::from_array([0.0, 0.0, 3.0, 1.0]));
        let g = GeoMap {
            districts: vec![square],
            neutral: vec![],
            bbox: BBox::from_array([0.0, 0.0, 3.0, 1.0]),
            insets: vec![],
            attribution: None,
            geometry: "t".into(),
        };
        let r = Raster::build(&g, 30, 10, None);
        let texts = vec![vec![vec!["x".repeat(16)]]];
        let l = &place(&r, &texts)[0];
        for x in l.x..l.x + l.width {
            let own = [l.y * 2, l.y * 2 + 1]
                .iter()
                .all(|&y| r.district(usize::from(x), usize::from(y)) == Some(0));
            assert!(own, "{l:?} at column {x}");
        }
    }
}
