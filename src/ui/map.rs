//! The tile map: each district a rectangle at its `tile` [row, col], shaded by its total on a
//! sequential scale. Tile rectangles are computed arithmetically; when the grid does not fit, the pane
//! shows a window of it (`App::map_offset`) that follows the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::app::App;
use crate::i18n;
use crate::style::theme::HEAT_STEPS;
use crate::text;
use crate::ui::{fill, pane, put};

const MIN_TILE_W: u16 = 5;
/// Tile width when the grid has to scroll anyway (it does not fit even at [`MIN_TILE_W`]): with a
/// thousand districts, five-column tiles show `Kirk…` `Kirk…` `Kirk…` and look alike, so the grid
/// takes the extra scrolling and every tile shows nine columns of its name (eight plus a gap).
const SCROLL_TILE_W: u16 = 10;
const MAX_TILE_W: u16 = 24;
const MIN_TILE_H: u16 = 1;
const MAX_TILE_H: u16 = 6;

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
    /// Whether there is a row for the legend under the grid.
    pub legend: bool,
}

fn framed(area: Rect) -> Rect {
    if area.width < 3 || area.height < 3 {
        area
    } else {
        Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2)
    }
}

/// Tile size and visible window for a pane `area` (the pane including its frame).
pub fn geometry(area: Rect, app: &App) -> MapGeom {
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
    let legend = inner.height >= rows.saturating_mul(2).saturating_add(2);
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

/// The rectangle a district's tile is drawn in (gaps excluded), or `None` when scrolled out of view.
fn tile_rect(g: &MapGeom, app: &App, row: u16, col: u16) -> Option<Rect> {
    let vr = row.checked_sub(g.min_row)?.checked_sub(app.map_offset.0)?;
    let vc = col.checked_sub(g.min_col)?.checked_sub(app.map_offset.1)?;
    if vr >= g.visible_rows || vc >= g.visible_cols {
        return None;
    }
    let gap_x = u16::from(g.tile_w > MIN_TILE_W);
    let gap_y = u16::from(g.tile_h >= 3);
    let r = Rect::new(
        g.grid.x + vc * g.tile_w,
        g.grid.y + vr * g.tile_h,
        g.tile_w - gap_x,
        g.tile_h - gap_y,
    );
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
    pub fn note(self, app: &App) -> Option<&'static str> {
        use crate::screen::figures::Unit;
        match self {
            TileFigure::Unit => None,
            TileFigure::Compact => Some(Unit::MoneyCompact.label(&app.data, app.locale)),
            TileFigure::Share | TileFigure::ShareShort(_) | TileFigure::Cut
                if app.tools.options.unit != Unit::ShareOfPool =>
            {
                Some(Unit::ShareOfPool.label(&app.data, app.locale))
            }
            TileFigure::Share | TileFigure::ShareShort(_) | TileFigure::Cut => None,
        }
    }
}

/// The usable text width of a tile rectangle.
fn text_w_of(r: Rect) -> usize {
    usize::from(r.width.saturating_sub(2 * u16::from(r.width >= 16)))
}

/// The figure every visible tile with a row for it can show whole: the view's unit, else (full
/// amounts) the compact amount, else (money) the share of the pool, else [`TileFigure::Cut`].
/// Only the tiles in the window are looked at.
pub fn tile_figure(window: &[(usize, Rect)], app: &App) -> TileFigure {
    let labels = super::labels(app);
    let vm = &app.tools.view;
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

pub fn render(area: Rect, buf: &mut Buffer, app: &App, focused: bool) {
    if app.map_view.outline_on().is_some() {
        return super::outline::render(area, buf, app, focused);
    }
    let words = i18n::strings(app.locale);
    let g = geometry(area, app);
    let window = visible_districts(&g, app);
    let figure = tile_figure(&window, app);
    let mut title = words.map.to_string();
    if let Some(note) = figure.note(app) {
        title.push_str(&format!(" · {note}"));
    }
    if g.visible_rows < g.rows || g.visible_cols < g.cols {
        // Only the direction that scrolls: `Kort · rækker 7–32 af 32`.
        let window = i18n::map_window(
            (
                app.map_offset.0 + 1,
                app.map_offset.0 + g.visible_rows,
                g.rows,
            ),
            (
                app.map_offset.1 + 1,
                app.map_offset.1 + g.visible_cols,
                g.cols,
            ),
            app.locale,
        );
        title.push_str(&format!(" · {window}"));
    }
    let inner = pane(buf, area, &title, focused, app);
    if g.grid.is_empty() {
        return;
    }
    let t = &app.theme;
    // Shading and labels follow the view model (filtered amounts, in the chosen unit), through the
    // texts cached with the view: a frame formats no money and divides no Decimals.
    let vm = &app.tools.view;
    let labels = super::labels(app);
    let shown = |i: usize| vm.figures(i).projects > 0;
    // The names first, all together: names that would read the same are cut so that they differ.
    let names: Vec<(std::borrow::Cow<str>, usize, usize)> = window
        .iter()
        .map(|&(i, r)| {
            let text_w = text_w_of(r);
            let short = app.data.districts.get(i).map_or("", |d| d.short_name());
            let name: std::borrow::Cow<str> = if app.tools.marks.contains(&i) {
                format!("{}{}", t.mark, text::truncate(short, text_w * 3 + 3)).into()
            } else {
                short.into()
            };
            (name, text_w, name_lines(r, text_w))
        })
        .collect();
    let fitted_ref = app.tile_names.fitted(&names);
    let fitted: &[Vec<String>] = &fitted_ref;
    for (k, &(i, r)) in window.iter().enumerate() {
        if app.data.districts.get(i).is_none() {
            continue;
        }
        let label = labels.districts.get(i);
        let selected = i == app.selected;
        let (style, fill_sym) = if selected {
            (
                if focused {
                    t.tile_selected
                } else {
                    t.tile_selected_unfocused
                },
                " ",
            )
        } else if shown(i) {
            let s = label.map_or(1, |l| l.heat).clamp(1, HEAT_STEPS - 1);
            (t.heat[s], t.heat_fill[s])
        } else {
            (t.tile_empty, t.tile_empty_fill)
        };
        fill(buf, r, fill_sym, style);
        let pad = u16::from(r.width >= 16);
        let text_w = text_w_of(r);
        let x = r.x + pad;
        let mut lines: Vec<String> = Vec::with_capacity(4);
        lines.extend(fitted.get(k).cloned().unwrap_or_default());
        if selected {
            if pad > 0 {
                put(
                    buf,
                    r,
                    r.x,
                    r.y + u16::from(r.height >= 5 && lines.len() < usize::from(r.height)),
                    t.marker,
                    style,
                );
            } else if let Some(first) = lines.first_mut() {
                *first = text::truncate(&format!("{}{first}", t.marker), text_w).into_owned();
            }
        }
        let name_count = lines.len();
        if r.height >= 2 {
            if shown(i) {
                let value = label.map_or_else(String::new, |l| l.bar.clone());
                let compact = label.and_then(|l| l.compact.clone());
                let share = label.and_then(|l| l.share.clone());
                match figure {
                    TileFigure::Unit | TileFigure::Compact => {
                        let money = if figure == TileFigure::Compact {
                            compact.unwrap_or(value)
                        } else {
                            value
                        };
                        lines.push(money);
                        if usize::from(r.height) > lines.len() {
                            lines.extend(share.filter(|s| text::width(s) <= text_w));
                        }
                    }
                    TileFigure::Share => lines.extend(share),
                    TileFigure::ShareShort(k) => {
                        lines.extend(label.and_then(|l| l.share_short.get(k)).cloned());
                    }
                    TileFigure::Cut => {
                        // The longest form of the share that fits this tile; none fits: no
                        // figure rather than a cut one (`21,4…` reads as a number).
                        let mut forms = share
                            .iter()
                            .chain(label.map_or(&[][..], |l| l.share_short.as_slice()));
                        lines.extend(forms.find(|s| text::width(s) <= text_w).cloned());
                    }
                }
            } else {
                lines.push(words.none.to_string());
            }
        }
        let top = r.y + u16::from(r.height >= 5 && lines.len() < usize::from(r.height));
        for (k, line) in lines.iter().enumerate() {
            let y = top + u16::try_from(k).unwrap_or(u16::MAX);
            let st = if k < name_count {
                style.add_modifier(ratatui::style::Modifier::BOLD)
            } else {
                style
            };
            put(buf, r, x, y, line, st);
        }
    }
    scrollbars(buf, area, &g, app, focused);
    if g.legend {
        legend(buf, inner, app, &labels.max_label);
    }
}

/// The districts whose tiles are in the map window, with their rectangles (empty ones left out).
/// One pass over the districts; at most one entry per visible tile cell.
fn visible_districts(g: &MapGeom, app: &App) -> Vec<(usize, Rect)> {
    let cap = usize::from(g.visible_rows) * usize::from(g.visible_cols);
    let mut out = Vec::with_capacity(cap.min(app.data.districts.len()));
    for (i, d) in app.data.districts.iter().enumerate() {
        if let Some(r) = tile_rect(g, app, d.tile.row, d.tile.col).filter(|r| !r.is_empty()) {
            out.push((i, r));
        }
    }
    out
}

/// Where a scrollbar's thumb goes on a track of `len` cells: (start, length), length at least 1,
/// inside the track; `None` when everything is visible.
pub fn thumb(offset: u16, visible: u16, total: u16, len: u16) -> Option<(u16, u16)> {
    if visible >= total || len == 0 || total == 0 {
        return None;
    }
    let (o, v, t, l) = (
        u32::from(offset),
        u32::from(visible),
        u32::from(total),
        u32::from(len),
    );
    let size = (v * l / t).clamp(1, l);
    // The thumb reaches the end exactly when the window does.
    let start = if o + v >= t {
        l - size
    } else {
        (o * l / t).min(l - size)
    };
    Some((
        u16::try_from(start).unwrap_or(0),
        u16::try_from(size).unwrap_or(1),
    ))
}

/// The position indicator when the grid does not fit: a scrollbar thumb drawn over the right and the
/// bottom frame lines, so it costs no tile room and can never hide the selection.
fn scrollbars(buf: &mut Buffer, area: Rect, g: &MapGeom, app: &App, focused: bool) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let t = &app.theme;
    let style = if focused { t.accent } else { t.border_focused };
    let inner = framed(area);
    let (v, h) = if t.ascii { ("#", "#") } else { ("┃", "━") };
    if let Some((start, len)) = thumb(app.map_offset.0, g.visible_rows, g.rows, inner.height) {
        let x = area.right() - 1;
        for y in inner.y + start..inner.y + start + len {
            put(buf, area, x, y, v, style);
        }
    }
    if let Some((start, len)) = thumb(app.map_offset.1, g.visible_cols, g.cols, inner.width) {
        let y = area.bottom() - 1;
        super::put_repeat(buf, area, inner.x + start, y, h, usize::from(len), style);
    }
}

fn legend(buf: &mut Buffer, inner: Rect, app: &App, max_label: &str) {
    let t = &app.theme;
    let words = i18n::strings(app.locale);
    let y = inner.bottom() - 1;
    let row = Rect::new(inner.x, y, inner.width, 1);
    let mut x = put(buf, row, inner.x + 1, y, "0 ", t.dim);
    for s in 1..HEAT_STEPS {
        x = put(buf, row, x, y, &t.heat_fill[s].repeat(2), t.heat[s]);
    }
    x = put(buf, row, x, y, &format!(" {max_label}"), t.dim);
    let empty_label = format!(" {}", words.legend_empty);
    let need = u16::try_from(5 + text::width(&empty_label)).unwrap_or(u16::MAX);
    if app.data.districts.iter().any(|d| !d.has_projects()) && x.saturating_add(need) <= row.right()
    {
        x = put(buf, row, x, y, "   ", t.dim);
        x = put(buf, row, x, y, &t.tile_empty_fill.repeat(2), t.tile_empty);
        put(buf, row, x, y, &empty_label, t.dim);
    }
}

/// How many lines a tile's name gets: it wraps onto the rows the figure leaves free, two lines on
/// a wide tile, up to three on a narrow one (so `Nordsjællands` is not cut to `Nord…` while rows
/// stay empty).
fn name_lines(r: Rect, text_w: usize) -> usize {
    usize::from(r.height.saturating_sub(1)).clamp(1, if text_w >= 9 { 2 } else { 3 })
}

/// The last [`fit_names`] input and result. A navigation step redraws the same window of tiles
/// (only the selection moves), and fitting a few hundred names apart is a tenth of such a frame on
/// a 1,000-district map; comparing the names is far cheaper. Lives in `App` behind a `RefCell`
/// so that drawing stays a function of `&App`.
#[derive(Debug, Clone, Default)]
pub struct TileNameCache {
    last: std::cell::RefCell<Option<Fitted>>,
}

/// What was fitted (the input) and how (each tile's lines).
type Fitted = (Vec<FitInput>, Vec<Vec<String>>);

/// One tile's name, text width and line count, as [`fit_names`] takes them.
type FitInput = (String, usize, usize);

impl TileNameCache {
    /// `fit_names(names)`, from the cache when the names, widths and line counts are the same.
    pub fn fitted<S: AsRef<str>>(
        &self,
        names: &[(S, usize, usize)],
    ) -> std::cell::Ref<'_, [Vec<String>]> {
        let same = |cached: &[FitInput]| {
            cached.len() == names.len()
                && cached
                    .iter()
                    .zip(names)
                    .all(|(c, n)| c.0 == n.0.as_ref() && c.1 == n.1 && c.2 == n.2)
        };
        let hit = self.last.borrow().as_ref().is_some_and(|(k, _)| same(k));
        if !hit {
            let key = names
                .iter()
                .map(|(n, w, l)| (n.as_ref().to_string(), *w, *l))
                .collect();
            *self.last.borrow_mut() = Some((key, fit_names(names)));
        }
        std::cell::Ref::map(self.last.borrow(), |c| {
            c.as_ref().map_or(&[][..], |(_, v)| v.as_slice())
        })
    }
}

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
                    rest = rest.strip_prefix(line.as_str())?.trim_start();
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
    // Break points: the byte offsets where a piece starts (after a blank or a hyphen).
    let mut starts: Vec<usize> = vec![0];
    let mut prev = ' ';
    for (i, c) in name.char_indices() {
        if i > 0 && c != ' ' && (prev == ' ' || prev == '-') {
            starts.push(i);
        }
        prev = c;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut k = 0;
    while k < starts.len() {
        let from = starts[k];
        if lines.len() + 1 >= max_lines {
            lines.extend(one_line(&name[from..], width));
            break;
        }
        // As many pieces as fit; at least one, cut when it alone is too wide.
        let piece_end = |j: usize| starts.get(j).copied().unwrap_or(name.len());
        let mut end = k + 1;
        while end < starts.len()
            && text::fits_width(name[from..piece_end(end + 1)].trim_end(), width)
        {
            end += 1;
        }
        lines.extend(one_line(name[from..piece_end(end)].trim_end(), width));
        k = end;
    }
    lines
}

/// `name` cut to `width` columns with `…`, without a blank before the `…`; `None` when empty.
fn one_line(name: &str, width: usize) -> Option<String> {
    let cut = text::truncate(name, width);
    let line = match cut.strip_suffix('…') {
        Some(head) if head.ends_with(' ') => format!("{}…", head.trim_end()),
        _ => cut.into_owned(),
    };
    (!line.is_empty()).then_some(line)
}

/// The district whose tile is at `pos`.
pub fn hit(area: Rect, app: &App, pos: Position) -> Option<usize> {
    if app.map_view.outline_on().is_some() {
        return super::outline::hit(area, app, pos);
    }
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
        let cache = TileNameCache::default();
        let a = [
            ("Midt- og Vestjylland", 8, 2),
            ("Midt- og Vestsjælland", 8, 2),
            ("Fyn", 8, 2),
        ];
        assert_eq!(&*cache.fitted(&a), fit_names(&a).as_slice());
        assert_eq!(
            &*cache.fitted(&a),
            fit_names(&a).as_slice(),
            "from the cache"
        );
        // Another width, another name, one tile fewer: each is fitted afresh.
        let b = [
            ("Midt- og Vestjylland", 6, 2),
            ("Midt- og Vestsjælland", 6, 2),
        ];
        assert_eq!(&*cache.fitted(&b), fit_names(&b).as_slice());
        let c = [("Nordjylland", 6, 2), ("Midt- og Vestsjælland", 6, 2)];
        assert_eq!(&*cache.fitted(&c), fit_names(&c).as_slice());
        assert_eq!(&*cache.fitted(&c[..1]), fit_names(&c[..1]).as_slice());
        assert!(cache.fitted::<&str>(&[]).is_empty());
    }

    #[test]
    fn names_fit_their_tiles() {
        assert_eq!(fit_name("Sydøstjylland", 12, 2), vec!["Sydøstjylla…"]);
        assert_eq!(
            fit_name("Midt- og Vestjylland", 12, 2),
            vec!["Midt- og", "Vestjylland"]
        );
        assert_eq!(
            fit_name("Sydsjælland og Lolland-Falster", 12, 2),
            vec!["Sydsjælland", "og Lolland-…"]
        );
        assert_eq!(
            fit_name("Midt- og Vestjylland", 12, 1),
            vec!["Midt- og Ve…"]
        );
        assert_eq!(fit_name("Fyn", 2, 1), vec!["F…"]);
        // A word is never split across lines (`Nordj` / `ylla…`): cut with `…` on its line.
        assert_eq!(fit_name("Nordjylland", 5, 3), vec!["Nord…"]);
        assert_eq!(fit_name("Nordjylland", 5, 2), vec!["Nord…"]);
        assert_eq!(
            fit_name("Midt- og Vestjylland", 5, 3),
            vec!["Midt-", "og", "Vest…"]
        );
        assert_eq!(fit_name("København", 5, 2), vec!["Købe…"]);
        assert_eq!(fit_name("Københavns Vestegn", 5, 2), vec!["Købe…", "Vest…"]);
        // Lines break after a hyphen too.
        assert_eq!(
            fit_name("Lolland-Falster", 9, 2),
            vec!["Lolland-", "Falster"]
        );
        assert_eq!(
            fit_name("Sydsjælland og Lolland-Falster", 9, 3),
            vec!["Sydsjæll…", "og", "Lolland-…"]
        );
        assert!(fit_name("", 5, 2).is_empty());
        for w in 0..20 {
            for l in fit_name("Syd- og Sønderjylland 漢字漢字", w, 2) {
                assert!(text::width(&l) <= w, "{w}: {l}");
            }
        }
    }

    #[test]
    fn tile_names_cut_alike_are_told_apart() {
        let names = [
            ("Midt- og Vestjylland", 12, 1),
            ("Midt- og Vestsjælland", 12, 1),
            ("Fyn", 12, 1),
        ];
        assert_eq!(
            fit_names(&names),
            [vec!["Midt-…ylland"], vec!["Midt-…ælland"], vec!["Fyn"]]
        );
        // Wrapped: the first lines are the same, the last one tells them apart.
        let wrapped = [
            ("Midt- og Vestjylland", 5, 2),
            ("Midt- og Vestsjælland", 5, 2),
        ];
        assert_eq!(
            fit_names(&wrapped),
            [vec!["Midt-", "…jyl…"], vec!["Midt-", "…sjæ…"]]
        );
        // Long words cut alike (narrow tiles) too.
        let cut = [("Nordjyllandx", 5, 2), ("Nordjyllandy", 5, 2)];
        let fit = fit_names(&cut);
        assert_ne!(fit[0], fit[1]);
        assert!(fit.iter().flatten().all(|l| text::width(l) <= 5));
        // Equal names, or names that fit, are as `fit_name` has them.
        let same = [
            ("Midt- og Vestjylland", 12, 1),
            ("Midt- og Vestjylland", 12, 1),
        ];
        assert_eq!(
            fit_names(&same),
            [vec!["Midt- og Ve…"], vec!["Midt- og Ve…"]]
        );
        let fits = [
            ("Midt- og Vestjylland", 12, 2),
            ("Midt- og Vestsjælland", 12, 2),
        ];
        assert_eq!(
            fit_names(&fits),
            [
                vec!["Midt- og", "Vestjylland"],
                vec!["Midt- og", "Vestsjælland"]
            ]
        );
    }

    #[test]
    fn scrollbar_thumbs_stay_on_the_track_and_reach_both_ends() {
        assert_eq!(thumb(0, 10, 10, 20), None);
        assert_eq!(thumb(0, 10, 40, 20), Some((0, 5)));
        assert_eq!(thumb(30, 10, 40, 20), Some((15, 5)));
        // A tiny window on a long grid still has a one-cell thumb.
        assert_eq!(thumb(0, 1, 1000, 10), Some((0, 1)));
        assert_eq!(thumb(999, 1, 1000, 10), Some((9, 1)));
        for total in 2..60u16 {
            for vis in 1..total {
                for off in 0..=total - vis {
                    for len in 1..25u16 {
                        let (s, l) = thumb(off, vis, total, len).expect("scrolls");
                        assert!(l >= 1 && s + l <= len, "{off} {vis} {total} {len}");
                        if off == 0 {
                            assert_eq!(s, 0);
                        }
                        if off + vis == total {
                            assert_eq!(s + l, len);
                        }
                    }
                }
            }
        }
    }
}
