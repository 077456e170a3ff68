//! The tile map's geometry: each district a rectangle at its `tile` [row, col]; when the grid does not
//! fit, a window of it that follows the selection. Also the names and figures fitted to the tiles.

use std::borrow::Cow;

use ratatui::layout::{Position, Rect};

use crate::screen::Inputs;
use crate::text;

pub const MIN_TILE_W: u16 = 5;

/// Tile width when the grid has to scroll anyway (it does not fit even at [`MIN_TILE_W`]): with a
/// thousand districts, five-column tiles show `Kirk…` `Kirk…` `Kirk…` and look alike, so the grid
/// takes the extra scrolling and every tile shows nine columns of its name (eight plus a gap).
pub const SCROLL_TILE_W: u16 = 10;

pub const MAX_TILE_W: u16 = 24;

pub const MIN_TILE_H: u16 = 1;

pub const MAX_TILE_H: u16 = 6;

/// The grid's placement in a pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MapGeom {
    /// Where tiles go (inside the frame, above the legend).
    pub grid: Rect,
    pub min_row: u16,
    pub min_col: u16,
    /// Extent of the grid in tiles.
    pub rows: u16,
    pub cols: u16,
    /// Size of one tile cell, gaps included.
    pub tile_w: u16,
    pub tile_h: u16,
    pub visible_rows: u16,
    pub visible_cols: u16,
    /// Whether there is a row for the legend under the grid (else it is on the pane's bottom edge).
    pub legend: bool,
}

impl MapGeom {
    /// A tile's width and height as drawn, the gaps between tiles taken off: a column from six
    /// columns on, and a blank row between stacked tiles from three rows on (a two-row tile keeps
    /// both rows for its name and figure and is closed by an underlined last row instead,
    /// `ui::map`, so tiles of one class above each other still read as two).
    pub fn tile_size(&self) -> (u16, u16) {
        (
            self.tile_w - u16::from(self.tile_w > MIN_TILE_W),
            self.tile_h - u16::from(self.tile_h >= 3),
        )
    }
}

pub fn framed(area: Rect) -> Rect {
    if area.width < 3 || area.height < 3 {
        area
    } else {
        Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2)
    }
}

/// Tile size and visible window for a pane `area` (the pane including its frame).
pub fn geometry(area: Rect, app: &Inputs<'_>) -> MapGeom {
    let inner = framed(area);
    let ds = &app.data.districts;
    if ds.is_empty() || inner.is_empty() {
        return MapGeom::default();
    }
    let (mut r0, mut r1, mut c0, mut c1) = (u16::MAX, 0, u16::MAX, 0);
    for d in ds {
        r0 = r0.min(d.tile.row);
        r1 = r1.max(d.tile.row);
        c0 = c0.min(d.tile.col);
        c1 = c1.max(d.tile.col);
    }
    // Extents saturate: a file may put tiles anywhere in 0..=65535.
    let rows = (r1 - r0).saturating_add(1);
    let cols = (c1 - c0).saturating_add(1);
    // The legend gets the row under the grid when the grid still fits beside it; a grid that needs
    // every row (a thousand one-row tiles) keeps them, and the legend goes on the pane's bottom
    // edge instead: without a legend the shading means nothing, and a scroll that a legend row
    // forces would redraw the whole map every few steps.
    let legend = inner.height >= 2 && inner.height > rows;
    let grid_h = inner.height - u16::from(legend);
    let natural_w = inner.width / cols;
    // When tiles are one row high (a name cannot wrap) or the grid scrolls anyway, tiles get room
    // for a readable name (nine columns): scrolling sideways costs less than a thousand `Kirk…`
    // tiles that all look alike.
    let scrolls = natural_w < MIN_TILE_W || grid_h / rows < 2;
    let tile_w = if scrolls {
        natural_w
            .max(SCROLL_TILE_W)
            .min(inner.width.max(MIN_TILE_W))
    } else {
        natural_w.min(MAX_TILE_W)
    };
    let tile_h = (grid_h / rows).clamp(MIN_TILE_H, MAX_TILE_H);
    let visible_cols = (inner.width / tile_w).clamp(1, cols);
    let visible_rows = (grid_h / tile_h).clamp(1, rows);
    // Centre the grid horizontally when the tiles hit their maximum size.
    let used_w = (visible_cols * tile_w).min(inner.width);
    let used_h = (visible_rows * tile_h).min(grid_h);
    let grid = Rect::new(
        inner.x + (inner.width - used_w) / 2,
        inner.y + (grid_h - used_h) / 2,
        used_w,
        used_h,
    );
    MapGeom {
        grid,
        min_row: r0,
        min_col: c0,
        rows,
        cols,
        tile_w,
        tile_h,
        visible_rows,
        visible_cols,
        legend,
    }
}

/// How legible the tile map is in a pane `area`: how many districts' names its tiles show in full
/// (fitted as drawn, over the tiles in view), then the name cells they show. Comparing two
/// arrangements by it picks the one where names read, not a fixed size. Names are sampled (at
/// most 48, evenly) so the answer costs the same on a large map.
pub fn legibility(area: Rect, app: &Inputs<'_>) -> (usize, usize) {
    let g = geometry(area, app);
    let ds = &app.data.districts;
    if ds.is_empty() || g.tile_w == 0 || g.tile_h == 0 {
        return (0, 0);
    }
    // The text area as `tile_rect` and the painter give it (a wide tile keeps a margin each side).
    let (w, h) = g.tile_size();
    let tile = Rect::new(0, 0, w, h);
    let text_w = text_w_of(tile);
    let lines = name_lines(tile, text_w);
    let step = ds.len().div_ceil(48).max(1);
    let (mut full, mut cells, mut sampled) = (0usize, 0usize, 0usize);
    for d in ds.iter().step_by(step) {
        let fitted = fit_name(d.short_name(), text_w, lines);
        let cut = fitted.iter().any(|l| l.contains('…'));
        full += usize::from(!cut);
        cells += fitted.iter().map(|l| text::width(l)).sum::<usize>();
        sampled += 1;
    }
    // Tiles out of view show nothing until one scrolls to them.
    let all = usize::from(g.rows) * usize::from(g.cols);
    let in_view = (usize::from(g.visible_rows) * usize::from(g.visible_cols)).min(all);
    let scale = |n: usize| n * in_view / all.max(1) * ds.len() / sampled.max(1);
    (scale(full), scale(cells))
}

/// The rectangle a district's tile is drawn in (gaps excluded), or `None` when scrolled out of view.
pub fn tile_rect(g: &MapGeom, app: &Inputs<'_>, row: u16, col: u16) -> Option<Rect> {
    let vr = row.checked_sub(g.min_row)?.checked_sub(app.map_offset.0)?;
    let vc = col.checked_sub(g.min_col)?.checked_sub(app.map_offset.1)?;
    if vr >= g.visible_rows || vc >= g.visible_cols {
        return None;
    }
    let (w, h) = g.tile_size();
    let r = Rect::new(g.grid.x + vc * g.tile_w, g.grid.y + vr * g.tile_h, w, h);
    Some(r.intersection(g.grid))
}

/// Which figure the tiles show: the view's unit when every visible one fits, else a shorter one
/// the map's title names (no pane may silently disagree with the bars about the unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileFigure {
    /// The view's unit, as in the bars.
    Unit,
    /// The compact amount (`2,9 mio. kr.`) while the bars show full amounts.
    Compact,
    /// The share of the pool (`2,1 %`) while the bars show money.
    Share,
    /// A shorter form of the share of the pool (`21,4%`, `21 %`, `21%`: the index into
    /// `DistrictLabel::share_short`), the longest that fits every tile.
    ShareShort(usize),
    /// Nothing fits every tile: each shows the longest form of its share that fits, else no
    /// figure (a number cut short would read as another number).
    Cut,
}

impl TileFigure {
    /// The unit the tiles show when it is not the view's, for the map's title.
    pub fn note(self, app: &Inputs<'_>) -> Option<&'static str> {
        use crate::screen::figures::Unit;
        match self {
            TileFigure::Unit => None,
            TileFigure::Compact => Some(Unit::MoneyCompact.label(app.data, app.locale)),
            TileFigure::Share | TileFigure::ShareShort(_) | TileFigure::Cut
                if app.options.unit != Unit::ShareOfPool =>
            {
                Some(Unit::ShareOfPool.label(app.data, app.locale))
            }
            TileFigure::Share | TileFigure::ShareShort(_) | TileFigure::Cut => None,
        }
    }
}

/// The usable text width of a tile rectangle.
pub fn text_w_of(r: Rect) -> usize {
    usize::from(r.width.saturating_sub(2 * u16::from(marker_in_margin(r))))
}

/// The figure every visible tile with a row for it can show whole: the view's unit, else (full
/// amounts) the compact amount, else (money) the share of the pool, else [`TileFigure::Cut`].
/// Only the tiles in the window are looked at.
pub fn tile_figure(window: &[(usize, Rect)], app: &Inputs<'_>) -> TileFigure {
    let labels = app.labels.clone();
    let vm = &app.figures;
    let fits = |f: &dyn Fn(&crate::screen::labels::DistrictLabel) -> Option<&str>| {
        window.iter().all(|&(i, r)| {
            r.height < 2
                || vm.figures(i).projects == 0
                || labels
                    .districts
                    .get(i)
                    .is_none_or(|l| f(l).is_some_and(|t| text::width(t) <= text_w_of(r)))
        })
    };
    if fits(&|l| Some(l.bar.as_str())) {
        TileFigure::Unit
    } else if labels.districts.iter().any(|l| l.compact.is_some())
        && fits(&|l| l.compact.as_deref())
    {
        TileFigure::Compact
    } else if labels.districts.iter().any(|l| l.share.is_some()) && fits(&|l| l.share.as_deref()) {
        TileFigure::Share
    } else {
        let forms = labels
            .districts
            .iter()
            .map(|l| l.share_short.len())
            .max()
            .unwrap_or(0);
        (0..forms)
            .find(|&k| fits(&|l| l.share_short.get(k).map(String::as_str)))
            .map_or(TileFigure::Cut, TileFigure::ShareShort)
    }
}

/// The map window (`offset`: first row and column shown) moved to show `tile`: when the tile is
/// outside, the window jumps to put it in the middle (instead of creeping one tile column per
/// step, which redraws every tile on every step along an edge), clamped to the grid.
pub fn window_showing(g: &MapGeom, offset: (u16, u16), tile: crate::data::Tile) -> (u16, u16) {
    let centre = |offset: u16, pos: u16, visible: u16| {
        if pos >= offset && pos < offset.saturating_add(visible) {
            offset
        } else {
            pos.saturating_sub(visible / 2)
        }
    };
    (
        centre(offset.0, tile.row.saturating_sub(g.min_row), g.visible_rows)
            .min(g.rows.saturating_sub(g.visible_rows)),
        centre(offset.1, tile.col.saturating_sub(g.min_col), g.visible_cols)
            .min(g.cols.saturating_sub(g.visible_cols)),
    )
}

/// The districts whose tiles are in the map window, with their rectangles (empty ones left out).
/// One pass over the districts; at most one entry per visible tile cell.
pub fn visible_districts(g: &MapGeom, app: &Inputs<'_>) -> Vec<(usize, Rect)> {
    let cap = usize::from(g.visible_rows) * usize::from(g.visible_cols);
    let mut out = Vec::with_capacity(cap.min(app.data.districts.len()));
    for (i, d) in app.data.districts.iter().enumerate() {
        if let Some(r) = tile_rect(g, app, d.tile.row, d.tile.col).filter(|r| !r.is_empty()) {
            out.push((i, r));
        }
    }
    out
}

/// How many lines a tile's name gets: it wraps onto the rows the figure leaves free, two lines on
/// a wide tile, up to three on a narrow one (so `Nordsjællands` is not cut to `Nord…` while rows
/// stay empty).
pub fn name_lines(r: Rect, text_w: usize) -> usize {
    usize::from(r.height.saturating_sub(1)).clamp(1, if text_w >= 9 { 2 } else { 3 })
}

/// The last [`fit_names`] input and result. A navigation step redraws the same window of tiles
/// (only the selection, and with it the marker in a narrow tile's name, moves), and fitting a few
/// hundred names apart is a tenth of such a frame on a 1,000-district map; comparing the names is
/// far cheaper. Plain data: the state refreshes it
/// after each change ([`TileNameCache::refresh`]), drawing only reads it ([`TileNameCache::get`]).
#[derive(Debug, Clone, Default)]
pub struct TileNameCache {
    last: Option<Fitted>,
}

impl TileNameCache {
    /// Fits `names` unless they are what was fitted last.
    pub fn refresh<S: AsRef<str>>(&mut self, names: &[(S, usize, usize)]) {
        if self.holds(names) {
            return;
        }
        let key = names
            .iter()
            .map(|(n, w, l)| (n.as_ref().to_string(), *w, *l))
            .collect();
        self.last = Some((key, fit_names(names)));
    }

    /// `fit_names(names)`: from the cache when it holds these names, widths and line counts, else
    /// fitted on the spot (the same lines either way).
    pub fn get<S: AsRef<str>>(&self, names: &[(S, usize, usize)]) -> Cow<'_, [Vec<String>]> {
        match &self.last {
            Some((_, fitted)) if self.holds(names) => Cow::Borrowed(fitted.as_slice()),
            _ => Cow::Owned(fit_names(names)),
        }
    }

    fn holds<S: AsRef<str>>(&self, names: &[(S, usize, usize)]) -> bool {
        self.last.as_ref().is_some_and(|(cached, _)| {
            cached.len() == names.len()
                && cached
                    .iter()
                    .zip(names)
                    .all(|(c, n)| c.0 == n.0.as_ref() && c.1 == n.1 && c.2 == n.2)
        })
    }
}

/// Whether a tile drawn at `r` has a column of margin before its text, where the selection's
/// marker goes; a narrower tile puts the marker before its name's first line.
pub fn marker_in_margin(r: Rect) -> bool {
    r.width >= 16
}

/// The names of the tiles in `window` as [`fit_names`] takes them: the short name (with the mark
/// before a marked district's, and the selection's marker before the `selected` one's when its
/// tile has no margin for it, so the name wraps around it rather than being cut after it), the
/// tile's text width and how many lines the name may take.
pub fn tile_names<'a>(
    window: &[(usize, Rect)],
    app: &'a Inputs<'_>,
    selected: Option<usize>,
) -> Vec<(Cow<'a, str>, usize, usize)> {
    window
        .iter()
        .map(|&(i, r)| {
            let text_w = text_w_of(r);
            let short = app.data.districts.get(i).map_or("", |d| d.short_name());
            let marker = if Some(i) == selected && !marker_in_margin(r) {
                app.theme.marker
            } else {
                ""
            };
            let mark = if app.marks.contains(&i) {
                app.theme.mark
            } else {
                ""
            };
            let name: Cow<str> = if marker.is_empty() && mark.is_empty() {
                short.into()
            } else {
                format!("{marker}{mark}{}", text::truncate(short, text_w * 3 + 3)).into()
            };
            (name, text_w, name_lines(r, text_w))
        })
        .collect()
}

/// What was fitted (the input) and how (each tile's lines).
pub type Fitted = (Vec<FitInput>, Vec<Vec<String>>);

/// One tile's name, text width and line count, as [`fit_names`] takes them.
pub type FitInput = (String, usize, usize);

/// [`fit_name`] for tiles shown side by side, `(name, width, max_lines)` each: where different
/// names would come out as the same lines, their last line is cut so that they differ
/// ([`text::truncate_distinct`] on what is left of each name after the lines before it).
pub fn fit_names<S: AsRef<str>>(names: &[(S, usize, usize)]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = names
        .iter()
        .map(|(n, w, l)| fit_name(n.as_ref(), *w, *l))
        .collect();
    // Tiles whose lines, width and line count came out the same, grouped in one hash pass (a
    // sort of every tile's lines cost a tenth of a frame on a 1,000-district map); only groups of
    // different names need cutting apart.
    let mut by_key: std::collections::HashMap<(&Vec<String>, usize, usize), Vec<usize>> =
        std::collections::HashMap::with_capacity(names.len());
    for i in 0..names.len() {
        by_key
            .entry((&out[i], names[i].1, names[i].2))
            .or_default()
            .push(i);
    }
    let groups: Vec<Vec<usize>> = by_key
        .into_values()
        .filter(|g| {
            g.iter()
                .any(|&i| names[i].0.as_ref() != names[g[0]].0.as_ref())
        })
        .collect();
    for group in groups {
        let Some((_, before)) = out[group[0]].split_last() else {
            continue;
        };
        let before = before.to_vec();
        // What is left of each name after the lines before the last (word breaks and wraps both
        // take a prefix); a name these lines did not come from as such is left alone.
        let rests: Option<Vec<&str>> = group
            .iter()
            .map(|&i| {
                let mut rest = names[i].0.as_ref().trim();
                for line in &before {
                    // A line hyphenated by `fit_name` (`Nord-`) took the word's start only.
                    rest = rest
                        .strip_prefix(line.as_str())
                        .or_else(|| rest.strip_prefix(line.strip_suffix('-')?))?
                        .trim_start();
                }
                Some(rest)
            })
            .collect();
        let Some(rests) = rests else {
            continue;
        };
        let cut = text::truncate_distinct(&rests, names[group[0]].1);
        for (&i, c) in group.iter().zip(cut) {
            if let Some(last) = out[i].last_mut() {
                *last = c.into_owned();
            }
        }
    }
    out
}

/// A name in at most `max_lines` lines of `width` columns, broken only at blanks and after
/// hyphens (`Lolland-` / `Falster`), never inside a word: a word too long for a line is cut with
/// `…` on a line of its own (`Nordjylland` in five columns: `Nord…`), and the last line takes
/// what is left, cut with `…`.
pub fn fit_name(name: &str, width: usize, max_lines: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let name = name.trim();
    // Most tiles at scale: one line, the name cut to it (one bounded width scan).
    if max_lines <= 1 || text::fits_width(name, width) {
        return one_line(name, width).into_iter().collect();
    }
    // Only what can show is looked at: a 1 MB name costs a few tiles' worth (a word cut with
    // `…` may be long, and the words after it still show).
    let name = text::truncate(name, (width + 1).saturating_mul(max_lines) + 256);
    let name: &str = &name;
    let mut rest: String = name.to_string();
    let mut lines: Vec<String> = Vec::new();
    while !rest.is_empty() {
        if lines.len() + 1 >= max_lines {
            lines.extend(one_line(&rest, width));
            break;
        }
        // Break points: the byte offsets where a piece starts (after a blank or a hyphen).
        let mut starts: Vec<usize> = vec![0];
        let mut prev = ' ';
        for (i, c) in rest.char_indices() {
            if i > 0 && c != ' ' && (prev == ' ' || prev == '-') {
                starts.push(i);
            }
            prev = c;
        }
        let piece_end = |j: usize| starts.get(j).copied().unwrap_or(rest.len());
        // As many pieces as fit; when the first alone is too wide and is the last word, it is
        // hyphenated between syllables (`Nord-` / `jylland`) rather than cut to a stub no one
        // reads as a name.
        let mut end = 1;
        while end < starts.len() && text::fits_width(rest[..piece_end(end + 1)].trim_end(), width) {
            end += 1;
        }
        let first = rest[..piece_end(1)].trim_end();
        // Only the name's last word is hyphenated: an earlier one would push the words after
        // it (`Vestegn` in `Københavns Vestegn`, which tells it from `København`) off the tile.
        let last_word = piece_end(1) == rest.len();
        let next = if end == 1 && last_word && !text::fits_width(first, width) {
            match syllable_break(first, width) {
                Some(b) => {
                    lines.push(format!("{}-", &first[..b]));
                    b
                }
                None => {
                    lines.extend(one_line(first, width));
                    piece_end(1)
                }
            }
        } else {
            lines.extend(one_line(rest[..piece_end(end)].trim_end(), width));
            piece_end(end)
        };
        rest = rest[next..].trim_start().to_string();
    }
    lines
}

/// Where a word too wide for `width` columns may break with a hyphen: the byte offset of the
/// longest start (two letters at least, the hyphen included in `width`, two letters left) that
/// ends between two consonants or before a consonant followed by a vowel (`Nord|jyl|land`,
/// `Kø|ben|havn`, `Trøn|de|lag`). A rough rule for Scandinavian names, not a dictionary:
/// good enough to keep the start of a name readable.
pub fn syllable_break(word: &str, width: usize) -> Option<usize> {
    let vowel = |c: char| "aeiouyæøåäöüéáAEIOUYÆØÅÄÖÜÉÁ".contains(c);
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let n = chars.len();
    (2..n.saturating_sub(1))
        .rev()
        .filter(|&i| {
            let (a, b) = (chars[i - 1].1, chars[i].1);
            let next = chars.get(i + 1).map(|c| c.1);
            a.is_alphabetic()
                && b.is_alphabetic()
                && ((!vowel(a) && !vowel(b)) || (!vowel(b) && next.is_some_and(vowel)))
        })
        .map(|i| chars[i].0)
        .find(|&b| text::width(&word[..b]) < width)
}

/// `name` cut to `width` columns with `…`, without a blank before the `…`; `None` when empty.
pub fn one_line(name: &str, width: usize) -> Option<String> {
    let cut = text::truncate(name, width);
    let line = match cut.strip_suffix('…') {
        Some(head) if head.ends_with(' ') => format!("{}…", head.trim_end()),
        _ => cut.into_owned(),
    };
    (!line.is_empty()).then_some(line)
}

/// The district whose tile is at `pos`.
pub fn hit(area: Rect, app: &Inputs<'_>, pos: Position) -> Option<usize> {
    let g = geometry(area, app);
    app.data
        .districts
        .iter()
        .position(|d| tile_rect(&g, app, d.tile.row, d.tile.col).is_some_and(|r| r.contains(pos)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_cache_answers_as_fit_names_and_follows_its_input() {
        let mut cache = TileNameCache::default();
        let a = [
            ("Midt- og Vestjylland", 8, 2),
            ("Midt- og Vestsjælland", 8, 2),
            ("Fyn", 8, 2),
        ];
        // Not refreshed yet: fitted on the spot, the same lines.
        assert!(matches!(cache.get(&a), Cow::Owned(_)));
        assert_eq!(&*cache.get(&a), fit_names(&a).as_slice());
        cache.refresh(&a);
        assert!(matches!(cache.get(&a), Cow::Borrowed(_)), "from the cache");
        assert_eq!(&*cache.get(&a), fit_names(&a).as_slice());
        // Another width, another name, one tile fewer: each is fitted afresh.
        let b = [
            ("Midt- og Vestjylland", 6, 2),
            ("Midt- og Vestsjælland", 6, 2),
        ];
        assert!(matches!(cache.get(&b), Cow::Owned(_)));
        cache.refresh(&b);
        assert_eq!(&*cache.get(&b), fit_names(&b).as_slice());
        let c = [("Nordjylland", 6, 2), ("Midt- og Vestsjælland", 6, 2)];
        cache.refresh(&c);
        assert_eq!(&*cache.get(&c), fit_names(&c).as_slice());
        assert_eq!(&*cache.get(&c[..1]), fit_names(&c[..1]).as_slice());
        assert!(cache.get::<&str>(&[]).is_empty());
    }
}
