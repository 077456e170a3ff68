//! The tile map: each district a rectangle at its `tile` [row, col], shaded by its total on a
//! sequential scale. Tile rectangles are computed arithmetically; when the grid does not fit, the pane
//! shows a window of it (`App::map_offset`) that follows the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n;
use crate::screen::tiles::{
    MapGeom, TileFigure, framed, geometry, marker_in_margin, text_w_of, tile_figure, tile_names,
    visible_districts,
};
use ratatui::style::{Modifier, Style};

use crate::geo::classes::LegendEntry;
use crate::style::rgb::ColorMode;
use crate::text;
use crate::ui::outline_paint::{OutlineStyle, contrast, pattern, pattern_ascii};
use crate::ui::{fill, pane, put};

pub fn render(area: Rect, buf: &mut Buffer, app: &App, focused: bool) {
    if app.map_view().outline_on().is_some() {
        return super::outline::render(area, buf, app, focused);
    }
    let words = i18n::strings(app.locale());
    let g = geometry(area, &app.inputs());
    let window = visible_districts(&g, &app.inputs());
    let figure = tile_figure(&window, &app.inputs());
    let mut title = words.map.to_string();
    if let Some(note) = figure.note(&app.inputs()) {
        title.push_str(&format!(" · {note}"));
    }
    if g.visible_rows < g.rows || g.visible_cols < g.cols {
        // Only the direction that scrolls: `Kort · rækker 7–32 af 32`.
        let window = i18n::map_window(
            (
                app.map_offset().0 + 1,
                app.map_offset().0 + g.visible_rows,
                g.rows,
            ),
            (
                app.map_offset().1 + 1,
                app.map_offset().1 + g.visible_cols,
                g.cols,
            ),
            app.locale(),
        );
        title.push_str(&format!(" · {window}"));
    }
    let inner = pane(buf, area, &title, focused, app);
    if g.grid.is_empty() {
        return;
    }
    let t = &app.theme();
    // Shading and labels follow the view model (filtered amounts, in the chosen unit), through the
    // texts cached with the view: a frame formats no money and divides no Decimals. The shading
    // is the outline map's: the same classes, palette and patterns, so a class has one colour in
    // both modes and the bars' colour stays outside the scale.
    let vm = &app.figures();
    let labels = super::labels(app);
    let classes = &labels.outline.classes;
    let shade = OutlineStyle::of_theme(app.map_view().color, classes.count(), app.theme());
    let shown = |i: usize| vm.figures(i).projects > 0;
    // The names first, all together: names that would read the same are cut so that they differ.
    let inputs = app.inputs();
    let names = tile_names(&window, &inputs, Some(app.selected()));
    let fitted_ref = app.tile_names().get(&names);
    let fitted: &[Vec<String>] = &fitted_ref;
    for (k, &(i, r)) in window.iter().enumerate() {
        if app.data().districts.get(i).is_none() {
            continue;
        }
        let label = labels.districts.get(i);
        let selected = i == app.selected();
        let class = classes.of_district.get(i).copied().flatten();
        let (style, fill_sym) = tile_shade(&shade, class, t.ascii);
        // The selection keeps its fill (its class stays readable): a frame in the gaps around
        // the tile and the marker say which tile it is.
        let style = if selected {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        fill(buf, r, &fill_sym, style);
        // No blank row between stacked two-row tiles: a rule under each keeps them apart.
        if r.height == 2 && g.tile_h == 2 {
            let last = Rect::new(r.x, r.bottom() - 1, r.width, 1);
            fill(
                buf,
                last,
                &fill_sym,
                style.add_modifier(Modifier::UNDERLINED),
            );
        }
        if selected {
            ring(buf, inner, r, &g, t, &shade, focused);
        }
        let text_w = text_w_of(r);
        let mut lines: Vec<String> = Vec::with_capacity(4);
        lines.extend(fitted.get(k).cloned().unwrap_or_default());
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
        let marker = selected.then_some(t.marker);
        tile_text(buf, r, &lines, name_count, (style, &fill_sym), marker);
    }
    scrollbars(buf, area, &g, app, focused);
    if g.legend {
        legend(buf, inner, app, &shade, &labels.outline.legend);
    } else if inner != area {
        super::outline::legend_on_edge(area, buf, &shade, &labels.outline.legend);
    }
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
    let t = &app.theme();
    let style = if focused { t.accent } else { t.border_focused };
    let inner = framed(area);
    let (v, h) = if t.ascii { ("#", "#") } else { ("┃", "━") };
    if let Some((start, len)) = thumb(app.map_offset().0, g.visible_rows, g.rows, inner.height) {
        let x = area.right() - 1;
        for y in inner.y + start..inner.y + start + len {
            put(buf, area, x, y, v, style);
        }
    }
    if let Some((start, len)) = thumb(app.map_offset().1, g.visible_cols, g.cols, inner.width) {
        let y = area.bottom() - 1;
        super::put_repeat(buf, area, inner.x + start, y, h, usize::from(len), style);
    }
}

/// The tiles' legend: the outline map's one-row legend (classes, their limits, no projects), on
/// the row under the grid.
fn legend(buf: &mut Buffer, inner: Rect, app: &App, shade: &OutlineStyle, entries: &[LegendEntry]) {
    let row = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
    super::outline::legend_line(row, buf, shade, entries, app.theme().ascii);
}

/// A tile's lines from column `x`: the first `name_count` (the name) bold, the rest (figures)
/// plain; a tile with rows to spare starts one row down.
pub(crate) fn tile_text(
    buf: &mut Buffer,
    r: Rect,
    lines: &[String],
    name_count: usize,
    (style, fill_sym): (Style, &str),
    marker: Option<&str>,
) {
    let top = r.y + u16::from(r.height >= 5 && lines.len() < usize::from(r.height));
    // Text on a pattern keeps a blank after it (`Fyn ::::`, not `Fyn::::`).
    let blank_after = if fill_sym == " " { "" } else { " " };
    // The selection's marker goes in the margin of a wide tile; a narrower one has it before its
    // name's first line already (`tile_names`).
    let margin = marker_in_margin(r);
    if margin && let Some(m) = marker {
        put(buf, r, r.x, top, m, style);
    }
    let x = r.x + u16::from(margin);
    for (k, line) in lines.iter().enumerate() {
        let y = top + u16::try_from(k).unwrap_or(u16::MAX);
        let st = if k < name_count {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        put(buf, r, x, y, &format!("{line}{blank_after}"), st);
    }
}

/// A tile's style and fill for `class` (`None`: no projects): the class colour with a readable
/// text colour, or without colour the class's pattern.
pub(crate) fn tile_shade(
    shade: &OutlineStyle,
    class: Option<usize>,
    ascii: bool,
) -> (Style, String) {
    let count = shade.classes.len();
    match shade.mode {
        ColorMode::NoColor => {
            let p = if ascii {
                pattern_ascii(class, count)
            } else {
                pattern(class, count)
            };
            (Style::new(), p.to_string())
        }
        _ => {
            let c = shade.fill(class);
            (
                Style::new().bg(shade.color(c)).fg(contrast(c)),
                " ".to_string(),
            )
        }
    }
}

/// The selection frame: box lines in the gap cells around tile `r` (never over another tile),
/// in the outline map's highlight colour when the map has focus.
pub(crate) fn ring(
    buf: &mut Buffer,
    clip: Rect,
    r: Rect,
    g: &MapGeom,
    t: &crate::style::theme::Theme,
    shade: &OutlineStyle,
    focused: bool,
) {
    let style = match shade.mode {
        ColorMode::NoColor => Style::new().add_modifier(Modifier::BOLD),
        _ if focused => Style::new()
            .fg(shade.color(shade.highlight))
            .add_modifier(Modifier::BOLD),
        _ => Style::new().fg(shade.color((200, 200, 200))),
    };
    let [tl, tr, bl, br, h, v] = t.frame;
    let gap_x = g.tile_w > r.width;
    let gap_y = g.tile_h > r.height;
    let left = r.x.checked_sub(1).filter(|&x| gap_x && x >= clip.x);
    let right = Some(r.right()).filter(|&x| gap_x && x < clip.right());
    let top = r.y.checked_sub(1).filter(|&y| gap_y && y >= clip.y);
    let bottom = Some(r.bottom()).filter(|&y| gap_y && y < clip.bottom());
    for y in r.y..r.bottom() {
        for x in [left, right].into_iter().flatten() {
            put(buf, clip, x, y, v, style);
        }
    }
    for y in [top, bottom].into_iter().flatten() {
        super::put_repeat(buf, clip, r.x, y, h, usize::from(r.width), style);
    }
    for (x, y, c) in [
        (left, top, tl),
        (right, top, tr),
        (left, bottom, bl),
        (right, bottom, br),
    ] {
        if let (Some(x), Some(y)) = (x, y) {
            put(buf, clip, x, y, c, style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::tiles::{fit_name, fit_names};

    #[test]
    fn names_fit_their_tiles() {
        // A word too long for its line is hyphenated between syllables when a line is left.
        assert_eq!(fit_name("Sydøstjylland", 12, 2), vec!["Sydøstjyl-", "land"]);
        assert_eq!(fit_name("Sydøstjylland", 12, 1), vec!["Sydøstjylla…"]);
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
        // Never split anywhere (`Nordj` / `ylla…`): at a syllable, with a hyphen.
        assert_eq!(fit_name("Nordjylland", 5, 3), vec!["Nord-", "jyl-", "land"]);
        assert_eq!(fit_name("Nordjylland", 5, 2), vec!["Nord-", "jyll…"]);
        assert_eq!(fit_name("Østjylland", 5, 2), vec!["Øst-", "jyll…"]);
        assert_eq!(fit_name("Trøndelag", 6, 2), vec!["Trøn-", "delag"]);
        // No syllable break that fits: cut on its own line as before.
        assert_eq!(fit_name("Aeiouaei", 5, 2), vec!["Aeio…"]);
        assert_eq!(
            fit_name("Midt- og Vestjylland", 5, 3),
            vec!["Midt-", "og", "Vest…"]
        );
        assert_eq!(fit_name("København", 5, 2), vec!["Kø-", "benh…"]);
        assert_eq!(fit_name("København", 6, 2), vec!["Køben-", "havn"]);
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
