//! Painting the outline map into a ratatui buffer: half-block cells (upper pixel = foreground,
//! lower pixel = background) shaded by class, district borders darker, the selected district
//! outlined, labels on top, a legend in the emptiest free corner. With `ColorMode::NoColor` classes
//! become fill patterns of increasing density and the legend shows the same patterns.
//!
//! The raster and the placed labels come from the screen model (`OutlineMap`, whose cache keeps
//! them between frames); painting only reads them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};

use crate::geo::cache::OutlineCache;
use crate::geo::classes::{LegendEntry, scale_rgb, sequential_rgb};
use crate::geo::labels::PlacedLabel;
use crate::geo::raster::{FRAME, MAX_DISTRICTS, NEUTRAL, PanelKind, Raster, SEA};
use crate::screen::outline::OutlineMap;
use crate::style::rgb::{ColorMode, Rgb, rgb_to_256};
use crate::text::width;

/// Colours of the outline map (RGB; mapped to the palette in `Indexed256` mode).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineStyle {
    pub mode: ColorMode,
    /// One per class, least money first.
    pub classes: Vec<Rgb>,
    pub no_projects: Rgb,
    pub neutral: Rgb,
    pub frame: Rgb,
    /// The selected district's outline.
    pub highlight: Rgb,
}

impl OutlineStyle {
    /// The default scale (ColorBrewer-like YlGnBu) for `classes` classes.
    pub fn new(mode: ColorMode, classes: usize) -> OutlineStyle {
        OutlineStyle::with_stops(mode, classes, None)
    }

    /// The scale through `stops` (the config's `[theme] heat`), or the default one.
    pub fn with_stops(mode: ColorMode, classes: usize, stops: Option<&[Rgb]>) -> OutlineStyle {
        OutlineStyle {
            mode,
            classes: stops.map_or_else(|| sequential_rgb(classes), |s| scale_rgb(s, classes)),
            no_projects: (190, 190, 190),
            neutral: (105, 105, 105),
            frame: (140, 140, 140),
            highlight: (255, 64, 160),
        }
    }

    /// The scale and the selection's colour as `theme` gives them (the config's `[theme] heat`
    /// and `selection`), for `classes` classes.
    pub fn of_theme(
        mode: ColorMode,
        classes: usize,
        theme: &crate::style::theme::Theme,
    ) -> OutlineStyle {
        let mut style =
            OutlineStyle::with_stops(mode, classes, theme.map_stops.as_ref().map(|s| &s[..]));
        if let Some(c) = theme.map_selection {
            style.highlight = c;
        }
        style
    }

    /// `c` in this mode (`Reset` without colour).
    pub fn color(&self, c: Rgb) -> Color {
        match self.mode {
            ColorMode::TrueColor => Color::Rgb(c.0, c.1, c.2),
            ColorMode::Indexed256 => Color::Indexed(rgb_to_256(c)),
            ColorMode::NoColor => Color::Reset,
        }
    }

    /// The fill of a class (`None`: no projects).
    pub fn fill(&self, class: Option<usize>) -> Rgb {
        match class {
            Some(k) => self
                .classes
                .get(k)
                .or(self.classes.last())
                .copied()
                .unwrap_or(self.no_projects),
            None => self.no_projects,
        }
    }
}

/// The pattern character for a class in `NoColor` mode (`None`: no projects).
pub fn pattern(class: Option<usize>, count: usize) -> char {
    const RAMP6: [char; 6] = [':', '+', '░', '▒', '▓', '█'];
    const RAMP7: [char; 7] = [':', '+', '=', '░', '▒', '▓', '█'];
    match class {
        None => '/',
        Some(k) if count >= 7 => RAMP7[k.min(6)],
        Some(_) if count <= 1 => '▒',
        Some(k) => {
            let i = (k.min(count - 1) * 5 + (count - 1) / 2) / (count - 1);
            RAMP6[i.min(5)]
        }
    }
}

/// [`pattern`] in ASCII (`--plain`): the same ramp, one character per step.
pub fn pattern_ascii(class: Option<usize>, count: usize) -> char {
    match pattern(class, count) {
        '░' => 'o',
        '▒' => 'O',
        '▓' => '#',
        '█' => '@',
        c => c,
    }
}

/// District borders in `NoColor` mode.
pub const BORDER_PATTERN: char = '·';

/// The pattern for neutral land in `NoColor` mode.
pub const NEUTRAL_PATTERN: char = '-';

/// Everything one frame of the outline map needs.
#[derive(Debug, Clone, Copy)]
pub struct OutlineView<'a> {
    pub raster: &'a Raster,
    pub labels: &'a [PlacedLabel],
    /// Per district: its class, `None` for no projects (`Classes::of_district`).
    pub classes: &'a [Option<usize>],
    pub selected: Option<usize>,
    pub style: &'a OutlineStyle,
    /// Legend lines (`Classes::legend`); empty: no legend.
    pub legend: &'a [LegendEntry],
    /// Titles written on the inset frames, by inset index (e.g. `GeoMap::insets` names).
    pub inset_titles: &'a [String],
    /// Marked districts: their labels get `mark` in front (in the label's padding, else just left
    /// of the label), as the tiles and bars show marks.
    pub marked: &'a [usize],
    pub mark: &'a str,
}

/// What `render_outline` managed to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutlineDrawn {
    /// False when the legend was not drawn because no corner had room for it without covering
    /// labels, insets or much land: the caller should show it elsewhere (e.g. below the map).
    pub legend: bool,
}

/// Paints the outline map into `area` of `buf`. Draws nothing outside `area` (nor outside the
/// buffer); a raster of another size is clipped or leaves the rest blank.
pub fn render_outline(area: Rect, buf: &mut Buffer, view: &OutlineView) -> OutlineDrawn {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return OutlineDrawn::default();
    }
    let r = view.raster;
    let st = view.style;
    let cols = area.width.min(u16::try_from(r.width).unwrap_or(u16::MAX));
    let rows = area
        .height
        .min(u16::try_from(r.height / 2).unwrap_or(u16::MAX));
    let no_color = st.mode == ColorMode::NoColor;
    let n_classes = st.classes.len();
    let pixel = |x: usize, y: usize| -> Option<Rgb> {
        let o = r.owner(x, y);
        match o {
            SEA => None,
            NEUTRAL => Some(st.neutral),
            FRAME => Some(st.frame),
            d => {
                let d = usize::from(d);
                if view.selected == Some(d) && r.is_edge_of(d, x, y) {
                    return Some(st.highlight);
                }
                let c = st.fill(view.classes.get(d).copied().flatten());
                Some(if r.is_border(x, y) { darken(c) } else { c })
            }
        }
    };
    for cy in 0..rows {
        for cx in 0..cols {
            let (x, y) = (usize::from(cx), usize::from(cy) * 2);
            let Some(cell) = buf.cell_mut(Position::new(area.x + cx, area.y + cy)) else {
                continue;
            };
            cell.reset();
            if no_color {
                let (t, b) = (r.owner(x, y), r.owner(x, y + 1));
                let o = if t == SEA || b == FRAME { b } else { t };
                // District borders as dots, so neighbours with the same pattern stay apart.
                let border = r.is_border(x, y) || r.is_border(x, y + 1);
                let ch = match o {
                    d if border && usize::from(d) < MAX_DISTRICTS => BORDER_PATTERN,
                    SEA => ' ',
                    NEUTRAL => NEUTRAL_PATTERN,
                    FRAME => frame_char(r, x, y),
                    d => pattern(
                        view.classes.get(usize::from(d)).copied().flatten(),
                        n_classes,
                    ),
                };
                cell.set_char(ch);
                if let Some(s) = view.selected
                    && (r.is_edge_of(s, x, y) || r.is_edge_of(s, x, y + 1))
                {
                    cell.set_style(Style::default().add_modifier(Modifier::REVERSED));
                }
                continue;
            }
            match (pixel(x, y), pixel(x, y + 1)) {
                (None, None) => {
                    cell.set_char(' ');
                }
                (Some(t), None) => {
                    cell.set_char('▀').set_fg(st.color(t));
                }
                (None, Some(b)) => {
                    cell.set_char('▄').set_fg(st.color(b));
                }
                (Some(t), Some(b)) if t == b => {
                    cell.set_char(' ').set_bg(st.color(b));
                }
                (Some(t), Some(b)) => {
                    cell.set_char('▀').set_fg(st.color(t)).set_bg(st.color(b));
                }
            }
        }
    }
    // Inset titles on the top frame line.
    for p in &r.panels {
        let PanelKind::Inset(i) = p.kind else {
            continue;
        };
        let Some(title) = view.inset_titles.get(i) else {
            continue;
        };
        let cy = p.outer.y / 2;
        let (x0, w) = (p.outer.x + 1, p.outer.w.saturating_sub(2));
        if w == 0 || cy >= usize::from(rows) || x0 >= usize::from(cols) {
            continue;
        }
        let avail = w.min(usize::from(cols) - x0);
        let text = crate::text::truncate(title, avail);
        let style = if no_color {
            Style::default()
        } else {
            Style::default().fg(Color::Black).bg(st.color(st.frame))
        };
        put(buf, area, x0, cy, &text, style);
    }
    // Labels.
    for l in view.labels {
        let fill = st.fill(view.classes.get(l.district).copied().flatten());
        let mut style = if no_color {
            Style::default()
        } else {
            Style::default().fg(contrast(fill)).bg(st.color(fill))
        };
        if l.callout && !no_color {
            // Off its district: in the colour of the selection's outline, which ties the two.
            style = Style::default()
                .fg(contrast(st.highlight))
                .bg(st.color(st.highlight));
        }
        if view.selected == Some(l.district) {
            style = style.add_modifier(if no_color {
                Modifier::REVERSED | Modifier::BOLD
            } else {
                Modifier::BOLD
            });
        }
        for (i, line) in l.lines.iter().enumerate() {
            let y = usize::from(l.y) + i;
            let lw = width(line);
            let pad = usize::from(l.width).saturating_sub(lw);
            let text = format!(
                "{}{}{}",
                " ".repeat(pad / 2),
                line,
                " ".repeat(pad - pad / 2)
            );
            put(buf, area, usize::from(l.x), y, &text, style);
            if i == 0 && view.marked.contains(&l.district) {
                // In the label's own padding when it has some, else the cell left of it; a label
                // at the left edge with no padding keeps its text and shows no mark.
                let mw = width(view.mark);
                let text_x = usize::from(l.x) + pad / 2;
                if let Some(mx) = text_x.checked_sub(mw) {
                    put(buf, area, mx, y, view.mark, style);
                }
            }
        }
    }
    OutlineDrawn {
        legend: draw_legend(area, buf, view, cols, rows),
    }
}

/// Writes `text` at cell `(x, y)` of `area`, clipped to it.
fn put(buf: &mut Buffer, area: Rect, x: usize, y: usize, text: &str, style: Style) {
    if x >= usize::from(area.width) || y >= usize::from(area.height) {
        return;
    }
    let max = usize::from(area.width) - x;
    // x, y < area size ≤ u16::MAX, so the conversions hold.
    let (x, y) = (x as u16, y as u16);
    buf.set_stringn(area.x + x, area.y + y, text, max, style);
}

/// The box-drawing character for a frame cell (pixels `y`, `y+1`), from which neighbours are
/// frame too.
fn frame_char(r: &Raster, x: usize, y: usize) -> char {
    let f = |xx: Option<usize>, yy: usize| xx.is_some_and(|a| r.owner(a, yy) == FRAME);
    let l = f(x.checked_sub(1), y) || f(x.checked_sub(1), y + 1);
    let rt = f(Some(x + 1), y) || f(Some(x + 1), y + 1);
    let up = y.checked_sub(1).is_some_and(|yy| r.owner(x, yy) == FRAME);
    let down = f(Some(x), y + 2);
    match (l, rt, up, down) {
        (false, true, false, true) => '┌',
        (true, false, false, true) => '┐',
        (false, true, true, false) => '└',
        (true, false, true, false) => '┘',
        (false, true, true, true) => '├',
        (true, false, true, true) => '┤',
        (true, true, false, true) => '┬',
        (true, true, true, false) => '┴',
        (true, true, true, true) => '┼',
        (_, _, false, false) => '─',
        _ => '│',
    }
}

fn darken(c: Rgb) -> Rgb {
    let f = |v: u8| (u16::from(v) * 5 / 8) as u8;
    (f(c.0), f(c.1), f(c.2))
}

/// Black or white, whichever reads on `c`.
pub fn contrast(c: Rgb) -> Color {
    let lum = u32::from(c.0) * 299 + u32::from(c.1) * 587 + u32::from(c.2) * 114;
    if lum > 140_000 {
        Color::Black
    } else {
        Color::White
    }
}

/// Draws the legend in the emptiest corner if one has room; returns whether it did.
fn draw_legend(area: Rect, buf: &mut Buffer, view: &OutlineView, cols: u16, rows: u16) -> bool {
    let entries = view.legend;
    if entries.is_empty() {
        return false;
    }
    // A heading is text only; a class line is a two-cell swatch, a blank and its label.
    let lw = entries
        .iter()
        .map(|e| width(&e.label) + if e.heading { 0 } else { 3 })
        .max()
        .unwrap_or(0);
    let lh = entries.len();
    let (cols, rows) = (usize::from(cols), usize::from(rows));
    if lw > cols || lh > rows {
        return false;
    }
    let r = view.raster;
    let corners = [
        (0, rows - lh),
        (cols - lw, rows - lh),
        (0, 0),
        (cols - lw, 0),
    ];
    let cost = |x0: usize, y0: usize| -> usize {
        let mut c = 0;
        for cy in y0..y0 + lh {
            for cx in x0..x0 + lw {
                for py in [cy * 2, cy * 2 + 1] {
                    match r.owner(cx, py) {
                        SEA => {}
                        FRAME => c += 100_000,
                        _ => c += 10,
                    }
                }
                if view.labels.iter().any(|l| {
                    l.contains(
                        u16::try_from(cx).unwrap_or(u16::MAX),
                        u16::try_from(cy).unwrap_or(u16::MAX),
                    )
                }) {
                    c += 100_000;
                }
            }
        }
        c
    };
    let Some((x0, y0, c)) = corners
        .iter()
        .map(|&(x, y)| (x, y, cost(x, y)))
        .min_by_key(|&(_, _, c)| c)
    else {
        return false;
    };
    // No label or frame under it, and land in at most a fifth of its pixels.
    if c >= 100_000 || c * 5 > lw * lh * 2 * 10 {
        return false;
    }
    let st = view.style;
    let no_color = st.mode == ColorMode::NoColor;
    for (i, e) in entries.iter().enumerate() {
        let y = y0 + i;
        if e.heading {
            let label = crate::text::pad_right(&e.label, lw);
            put(buf, area, x0, y, &label, Style::default());
            continue;
        }
        let (swatch, sstyle) = if no_color {
            let p = pattern(e.class, st.classes.len());
            (format!("{p}{p}"), Style::default())
        } else {
            (
                "██".to_string(),
                Style::default().fg(st.color(st.fill(e.class))),
            )
        };
        put(buf, area, x0, y, &swatch, sstyle);
        let label = crate::text::pad_right(&format!(" {}", e.label), lw.saturating_sub(2));
        put(buf, area, x0 + 2, y, &label, Style::default());
    }
    true
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
    /// Per district, its label priority (`OutlineLabels::priority`: higher first).
    pub priority: &'a [Option<usize>],
    /// Per district, its label alternatives (`labels::default_texts`).
    pub texts: &'a [Vec<Vec<String>>],
    /// `Classes::legend(...)` in the UI language; empty: none.
    pub legend: &'a [LegendEntry],
    /// Marked districts (`Space`, for comparison) and the glyph put before their labels.
    pub marked: &'a [usize],
    pub mark: &'a str,
}

/// Paints `map` into `area` as `frame` says. Cheap when the size and zoom are unchanged (the map's
/// cache keeps the raster). The selected district is labelled first, then by `priority`, the
/// order hit tests use too.
pub fn paint(
    map: &OutlineMap,
    cache: &OutlineCache,
    area: Rect,
    buf: &mut Buffer,
    frame: &OutlineFrame,
) -> OutlineDrawn {
    let prefs = (frame.selected, frame.priority);
    map.with_placement(
        cache,
        area,
        frame.zoom,
        frame.texts,
        prefs,
        |raster, labels| {
            let view = OutlineView {
                raster,
                labels,
                classes: frame.classes,
                selected: frame.selected,
                style: frame.style,
                legend: frame.legend,
                inset_titles: &map.inset_titles,
                marked: frame.marked,
                mark: frame.mark,
            };
            render_outline(area, buf, &view)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, MapInset, MapSpec};
    use crate::geo::classes::Classes;
    use crate::geo::labels::default_texts;
    use crate::geo::nav::Dir;
    use crate::geo::testshapes::two_squares;

    use crate::locale::Locale;

    #[test]
    fn half_blocks_carry_two_pixels_and_mismatched_sizes_are_clipped() {
        let g = two_squares();
        let style = OutlineStyle::new(ColorMode::TrueColor, 2);
        let classes = [Some(0), Some(1)];
        for (rw, rh, aw, ah) in [(8, 8, 8, 4), (20, 20, 4, 2), (4, 2, 10, 5), (0, 0, 3, 3)] {
            let r = Raster::build(&g, rw, rh, None);
            let view = OutlineView {
                raster: &r,
                labels: &[],
                classes: &classes,
                selected: None,
                style: &style,
                legend: &[],
                inset_titles: &[],
                marked: &[],
                mark: "*",
            };
            let area = Rect::new(1, 1, aw, ah);
            let mut buf = Buffer::empty(Rect::new(0, 0, aw + 2, ah + 2));
            render_outline(area, &mut buf, &view);
            assert_eq!(buf[(0, 0)], ratatui::buffer::Cell::default());
            assert_eq!(buf[(aw + 1, ah + 1)], ratatui::buffer::Cell::default());
        }
        // 8×8 pixels: the map is 8×4 pixels centred in rows 2..6, i.e. cells 1 and 2 fully.
        let r = Raster::build(&g, 8, 8, None);
        let view = OutlineView {
            raster: &r,
            labels: &[],
            classes: &classes,
            selected: None,
            style: &style,
            legend: &[],
            inset_titles: &[],
            marked: &[],
            mark: "*",
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 4));
        render_outline(buf.area, &mut buf, &view);
        let c = style.classes[0];
        assert_eq!(buf[(0, 1)].bg, Color::Rgb(c.0, c.1, c.2));
        assert_eq!(buf[(0, 0)].symbol(), " ");
        let right = style.classes[1];
        assert_eq!(buf[(7, 2)].bg, Color::Rgb(right.0, right.1, right.2));
    }

    #[test]
    fn patterns_get_denser() {
        for n in 1..=7 {
            let ps: Vec<char> = (0..n).map(|k| pattern(Some(k), n)).collect();
            let mut dedup = ps.clone();
            dedup.dedup();
            assert_eq!(dedup.len(), n, "{n}: {ps:?}");
            assert!(!ps.contains(&pattern(None, n)));
            assert!(!ps.contains(&NEUTRAL_PATTERN) && !ps.contains(&BORDER_PATTERN));
        }
    }

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
            priority: &classes.of_district,
            texts: &texts,
            legend: &legend,
            marked: &[],
            mark: "◆",
        };
        // Drawn from an empty cache (placed on the spot) and from a filled one: the same.
        let mut cache = OutlineCache::default();
        paint(&map, &cache, area, &mut buf, &frame);
        let fresh = buf.clone();
        let prefs = (frame.selected, frame.classes);
        map.refresh(&mut cache, area, None, &texts, prefs);
        paint(&map, &cache, area, &mut buf, &frame);
        assert_eq!(buf, fresh);
        // The cell under Fyn's label hits Fyn.
        let hit = (area.y..area.bottom())
            .flat_map(|y| (area.x..area.right()).map(move |x| (x, y)))
            .find(|&(x, y)| buf[(x, y)].symbol() == "F" && buf[(x + 1, y)].symbol() == "y")
            .unwrap();
        assert_eq!(
            map.hit_test(&cache, area, None, &texts, prefs, hit.0, hit.1),
            Some(fyn)
        );
        assert_eq!(map.hit_test(&cache, area, None, &texts, prefs, 0, 0), None);
        // Zoomed to Fyn: its pixels fill a good part of the pane, and the centre is Fyn.
        let zoomed = OutlineFrame {
            zoom: Some(fyn),
            ..frame
        };
        paint(&map, &cache, area, &mut buf, &zoomed);
        let c = (area.x + area.width / 2, area.y + area.height / 2);
        assert_eq!(
            map.hit_test(&cache, area, Some(fyn), &texts, prefs, c.0, c.1),
            Some(fyn)
        );
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
