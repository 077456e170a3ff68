//! Writing into the buffer: every write goes through [`put`] (text) or [`put_repeat`] / [`fill`]
//! (one symbol many times), which clip to the rectangle they are given, so no pane can draw outside
//! its area whatever the terminal size; [`pane`] draws a pane's frame and title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::style::theme::Theme;
use crate::text;
use crate::ui::pane_inner;

/// Writes `n` copies of a one-column symbol from (x, y), clipped to `clip`, cell by cell (no
/// grapheme segmentation: bars and frame lines are most of the cells on a screen). Returns the
/// column after the last cell written.
pub fn put_repeat(
    buf: &mut Buffer,
    clip: Rect,
    x: u16,
    y: u16,
    symbol: &str,
    n: usize,
    style: Style,
) -> u16 {
    let clip = clip.intersection(buf.area);
    if y < clip.top() || y >= clip.bottom() || x < clip.left() {
        return x;
    }
    let n = u16::try_from(n).unwrap_or(u16::MAX);
    let end = x.saturating_add(n).min(clip.right());
    for cx in x..end {
        if let Some(cell) = buf.cell_mut((cx, y)) {
            if cell.symbol() != symbol {
                cell.set_symbol(symbol);
            }
            cell.set_style(style);
        }
    }
    end.max(x)
}

/// Writes `s` at (x, y), clipped to `clip`; returns the column after the last character written.
/// The only way drawing code puts text into the buffer.
pub fn put(buf: &mut Buffer, clip: Rect, x: u16, y: u16, s: &str, style: Style) -> u16 {
    let clip = clip.intersection(buf.area);
    if y < clip.top() || y >= clip.bottom() || x >= clip.right() || x < clip.left() {
        return x;
    }
    let max = usize::from(clip.right() - x);
    // Text made of "simple" characters (one column, never part of a longer grapheme: ASCII, Latin
    // letters like `æøå`, `…`, `–`, box drawing, blocks) is one cell per character: write the cells
    // directly instead of segmenting graphemes, with the same result as `set_stringn` (tested).
    let mut cx = x;
    let mut chars = s.char_indices().peekable();
    let mut fast = true;
    let mut n = 0;
    while let Some(&(_, c)) = chars.peek() {
        if n == max {
            break;
        }
        if !simple_char(c) {
            fast = false;
            break;
        }
        chars.next();
        n += 1;
    }
    // The character after the part drawn must be simple too (it could be a combining mark).
    if fast && chars.peek().is_none_or(|&(_, c)| simple_char(c)) {
        let mut tmp = [0u8; 4];
        for c in s.chars().take(n) {
            if let Some(cell) = buf.cell_mut((cx, y)) {
                cell.set_symbol(c.encode_utf8(&mut tmp)).set_style(style);
            }
            cx += 1;
        }
        return cx;
    }
    let fitted = text::take_width(s, max);
    buf.set_stringn(x, y, fitted, max, style).0
}

/// A character that is one column wide and always a grapheme of its own (no combining marks, joiners,
/// variation selectors or wide characters in these ranges).
fn simple_char(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7e
        | 0xa0..=0xac
        | 0xae..=0x2ff
        | 0x2010..=0x2027
        | 0x2030..=0x205e
        | 0x2190..=0x21ff
        | 0x2500..=0x259f)
}

/// Fills a rectangle (clipped) with a style and a repeated one-column symbol.
pub fn fill(buf: &mut Buffer, area: Rect, symbol: &str, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                // A fresh frame's cells are blank already: setting the same symbol again is waste.
                if cell.symbol() != symbol {
                    cell.set_symbol(symbol);
                }
                cell.set_style(style);
            }
        }
    }
}

/// Covers a rectangle (clipped) for something drawn over it (an overlay, a banner): every cell is
/// reset, so nothing of what lay under it (an outline map's fill colour, a bar's background) shows
/// through, then blanked in `style`.
pub fn cover(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
    }
}

/// Draws a pane frame with a title and returns the inner area. Without room for a frame (fewer than
/// 3 rows or columns) the whole area is returned unframed.
pub fn pane(buf: &mut Buffer, area: Rect, title: &str, focused: bool, app: &App) -> Rect {
    pane_with(buf, area, title, focused, app.theme())
}

/// [`pane`] in a theme, for screens drawn without an app (the change view, a tab that did not
/// load).
pub fn pane_with(buf: &mut Buffer, area: Rect, title: &str, focused: bool, t: &Theme) -> Rect {
    if area.width < 3 || area.height < 3 {
        return pane_inner(area);
    }
    let style = if focused { t.border_focused } else { t.border };
    let [tl, tr, bl, br, hz, vt] = t.frame;
    let (l, r, top, bot) = (area.left(), area.right() - 1, area.top(), area.bottom() - 1);
    let inner_w = usize::from(area.width - 2);
    put_repeat(buf, area, l + 1, top, hz, inner_w, style);
    put_repeat(buf, area, l + 1, bot, hz, inner_w, style);
    for y in top + 1..bot {
        put(buf, area, l, y, vt, style);
        put(buf, area, r, y, vt, style);
    }
    put(buf, area, l, top, tl, style);
    put(buf, area, r, top, tr, style);
    put(buf, area, l, bot, bl, style);
    put(buf, area, r, bot, br, style);
    if !title.is_empty() && area.width > 6 {
        let title_style = if focused {
            t.pane_title_focused
        } else {
            t.pane_title
        };
        let label = format!(" {} ", text::truncate(title, usize::from(area.width - 6)));
        put(
            buf,
            Rect::new(l, top, area.width - 2, 1),
            l + 2,
            top,
            &label,
            title_style,
        );
    }
    pane_inner(area)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn put_writes_the_same_cells_as_set_stringn() {
        let style = Style::new().fg(ratatui::style::Color::Red);
        for s in [
            "Kort",
            "abc def",
            "Nordjylland",
            "ae\u{301}x",
            "K\u{f8}benhavn",
            "Sydsjælland og Lolland-Falster…",
            "Næstved–Ærø › Østjylland · ▶ █▉ ─│",
            "Zoë\u{301}",
            "Ærø\u{fe0f}x",
            "a\u{200d}b",
            "\u{ad}soft",
            "漢字 ok",
            "",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            for w in [0u16, 1, 2, 3, 5, 8, 30] {
                let area = Rect::new(0, 0, 40, 1);
                let clip = Rect::new(2, 0, w, 1);
                let mut a = Buffer::empty(area);
                let mut b = Buffer::empty(area);
                let end = put(&mut a, clip, 2, 0, s, style);
                let fitted = text::take_width(s, usize::from(w));
                let end_b = if w == 0 {
                    2
                } else {
                    b.set_stringn(2, 0, fitted, usize::from(w), style).0
                };
                assert_eq!(a, b, "{s:?} in {w}");
                assert_eq!(end, end_b, "{s:?} in {w}");
            }
        }
    }
}
