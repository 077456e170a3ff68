//! Drawing: a pure function of `&App`. `layout` decides where the panes go (arithmetically, no
//! constraint solver); `draw`/`render` paint them; `hit_test` maps a mouse position back to what is
//! drawn there, using the same layout.
//!
//! Every write goes through [`put`], which clips to the rectangle it is given, so no pane can draw
//! outside its area whatever the terminal size.

pub mod bars;
pub mod detail;
pub mod header;
pub mod help;
pub mod map;
pub mod outline;
pub mod outline_paint;
pub mod status;
pub mod tabbar;
pub mod tools;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::{App, Focus, View};
use crate::i18n;
use crate::text;

/// The smallest screen that shows anything but the too-small message.
pub const MIN_SIZE: (u16, u16) = (30, 8);

/// Whether a screen of `size` (columns, rows) only shows the too-small message.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// Where everything goes on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    /// The terminal is below [`MIN_SIZE`]: only the message is drawn.
    pub too_small: bool,
    pub header: Rect,
    pub crumb: Rect,
    pub map: Option<Rect>,
    pub bars: Option<Rect>,
    pub detail: Option<Rect>,
    pub hints: Rect,
    pub help: Option<Rect>,
}

/// What is under a mouse position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tile(usize),
    Bar(usize),
    /// A row of the open district's project list (position in that list).
    Project(usize),
    Pane(Focus),
    /// A breadcrumb segment: the stack level it leads back to.
    Crumb(usize),
}

/// Splits the screen. Tiers, from large to small:
/// - tall (≥ 64 columns, ≥ 24 body rows): the map across the top; below it bars and detail side by
///   side from 140 columns, else the bars, which give way to the detail once drilled in;
/// - side by side (≥ 64 columns, ≥ 10 body rows): map left, bars or detail right;
/// - compact: one pane, the bars list (overview) or the detail (drilled in);
/// - below [`MIN_SIZE`]: a message.
pub fn layout(area: Rect, app: &App) -> ScreenLayout {
    let (w, h) = (area.width, area.height);
    if too_small((w, h)) {
        return ScreenLayout {
            too_small: true,
            ..ScreenLayout::default()
        };
    }
    let header_h = if h >= 20 { 2 } else { 1 };
    let hints_h = if h >= 12 { 1 } else { 0 };
    let header = Rect::new(area.x, area.y, w, header_h);
    let crumb = Rect::new(area.x, area.y + header_h, w, 1);
    let hints = Rect::new(area.x, area.bottom() - hints_h, w, hints_h);
    let body_y = crumb.bottom();
    let body = Rect::new(area.x, body_y, w, hints.y.saturating_sub(body_y));
    let drilled = *app.view() != View::Overview;
    let (mut map, mut bars, mut detail) = (None, None, None);
    // The outline map needs height to be recognisable: below 32 body rows it goes side by side.
    let tall_rows = if app.map_view.outline_on().is_some() {
        32
    } else {
        24
    };
    if w >= 64 && body.height >= tall_rows {
        // Map across the top; below it the bars and the detail side by side when wide, else the bars
        // in the overview and the detail once drilled in. The map keeps its place when drilling in.
        let wanted =
            u16::try_from(bars::row_count(app) + 2 + tools::bar_note_rows(app)).unwrap_or(u16::MAX);
        // A list that fits gets up to 3/5 of the body; one that scrolls anyway (hundreds of
        // districts) gets 2/5 and the map, which is how one finds one's way among them, the rest.
        let below_h = if wanted > body.height * 3 / 5 {
            body.height * 2 / 5
        } else {
            wanted.max(body.height * 2 / 5)
        };
        let map_h = body.height - below_h;
        map = Some(Rect::new(body.x, body.y, w, map_h));
        let below = Rect::new(body.x, body.y + map_h, w, below_h);
        if w >= 140 {
            let bars_w = w * 11 / 20;
            bars = Some(Rect::new(below.x, below.y, bars_w, below_h));
            detail = Some(Rect::new(below.x + bars_w, below.y, w - bars_w, below_h));
        } else if drilled {
            detail = Some(below);
        } else {
            bars = Some(below);
        }
    } else if w >= 64 && body.height >= 10 {
        // Side by side: the map on the left, the bars (or, drilled in, the detail) on the right.
        let left_w = w * 11 / 20;
        map = Some(Rect::new(body.x, body.y, left_w, body.height));
        let right = Rect::new(body.x + left_w, body.y, w - left_w, body.height);
        if drilled {
            detail = Some(right);
        } else {
            bars = Some(right);
        }
    } else if drilled {
        detail = Some(body);
    } else {
        bars = Some(body);
    }
    let help = app.help.then(|| {
        let hw = w.saturating_sub(4).min(76);
        // The content is wrapped to the width the overlay's text really gets.
        let text_w = help::text_area(Rect::new(0, 0, hw, h)).width;
        let want = u16::try_from(help::line_count(app, text_w) + 4).unwrap_or(u16::MAX);
        let hh = want.min(h.saturating_sub(2));
        Rect::new(area.x + (w - hw) / 2, area.y + (h - hh) / 2, hw, hh)
    });
    ScreenLayout {
        too_small: false,
        header,
        crumb,
        map,
        bars,
        detail,
        hints,
        help,
    }
}

/// Draws the whole screen into a frame.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(area, frame.buffer_mut(), app);
}

/// Draws the whole screen into `area` of a buffer, touching nothing outside `area`.
pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let area = area.intersection(buf.area);
    let l = layout(area, app);
    if l.too_small {
        status::too_small(area, buf, app);
        if app.theme.ascii {
            tools::ascii_only(area, buf);
        }
        return;
    }
    let focus = app.focus();
    header::render(l.header, buf, app);
    status::crumb(l.crumb, buf, app);
    if let Some(r) = l.map {
        map::render(r, buf, app, focus == Focus::Map);
    }
    if let Some(r) = l.bars {
        bars::render(r, buf, app, focus == Focus::Bars);
    }
    if let Some(r) = l.detail {
        detail::render(r, buf, app, focus == Focus::Detail);
    }
    status::hints(l.hints, buf, app);
    tools::render(area, buf, app, &l);
    if let Some(r) = l.help {
        help::render(r, buf, app);
    }
    if app.theme.ascii {
        tools::ascii_only(area, buf);
    }
}

/// What is at `pos`.
pub fn hit_test(l: &ScreenLayout, app: &App, pos: Position) -> Option<Hit> {
    if l.too_small || l.help.is_some() {
        return None;
    }
    if l.crumb.contains(pos) {
        return status::crumb_hit(l.crumb, app, pos.x).map(Hit::Crumb);
    }
    if let Some(r) = l.map.filter(|r| r.contains(pos)) {
        return Some(map::hit(r, app, pos).map_or(Hit::Pane(Focus::Map), Hit::Tile));
    }
    if let Some(r) = l.bars.filter(|r| r.contains(pos)) {
        return Some(bars::hit(r, app, pos).map_or(Hit::Pane(Focus::Bars), Hit::Bar));
    }
    if let Some(r) = l.detail.filter(|r| r.contains(pos)) {
        return Some(detail::hit(r, app, pos).map_or(Hit::Pane(Focus::Detail), Hit::Project));
    }
    None
}

/// The map's and the bars' texts for the current view: the cache built with the view, or (should it
/// not match the app's locale or data) built on the spot.
pub fn labels(app: &App) -> std::borrow::Cow<'_, crate::screen::labels::ViewLabels> {
    if app.labels.fits(&app.data, app.locale) {
        std::borrow::Cow::Borrowed(&app.labels)
    } else {
        std::borrow::Cow::Owned(crate::screen::labels::ViewLabels::build(
            &app.data,
            &app.tools.view,
            app.locale,
        ))
    }
}

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

/// The columns `s` takes on screen: its display width, or in `--plain` that of its ASCII spelling
/// (`Målgruppe` is drawn `Maalgruppe`), so a column laid out from labels fits them as drawn.
pub fn drawn_width(app: &App, s: &str) -> usize {
    if app.theme.ascii {
        text::width(&crate::text::fold::transliterate(s))
    } else {
        text::width(s)
    }
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

/// Draws a pane frame with a title and returns the inner area. Without room for a frame (fewer than
/// 3 rows or columns) the whole area is returned unframed.
pub fn pane(buf: &mut Buffer, area: Rect, title: &str, focused: bool, app: &App) -> Rect {
    if area.width < 3 || area.height < 3 {
        return pane_inner(area);
    }
    let t = &app.theme;
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

/// The area inside a pane's frame drawn at `area` ([`pane`]): all of it when there is no room for a
/// frame.
pub fn pane_inner(area: Rect) -> Rect {
    if area.width < 3 || area.height < 3 {
        return area;
    }
    Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2)
}

/// Word-wraps `s` to lines of at most `width` columns (by display width), breaking at spaces; only
/// a word longer than a line is cut, after a hyphen of its own where one fits, else with a `-`
/// added (`Bandekriminalitete-` / `n`). Keeps explicit line breaks.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    wrap_limited(s, width, usize::MAX).0
}

/// [`wrap`], stopping after `max_lines` lines: reads `s` only as far as those lines need (a 1 MB
/// summary costs what fits, not a megabyte per frame). The flag says whether text was left over.
pub fn wrap_limited(s: &str, width: usize, max_lines: usize) -> (Vec<String>, bool) {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    // A line is only pushed while there is room: needing one more is "text left over".
    macro_rules! push {
        ($line:expr) => {
            if out.len() >= max_lines {
                return (out, true);
            }
            out.push($line);
        };
    }
    // Bounded: a word is only measured up to one column more than a line.
    let measure = |w: &str| {
        if text::fits_width(w, width) {
            text::width(w)
        } else {
            width + 1
        }
    };
    for para in s.split('\n') {
        let para_start = out.len();
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let mut word = word;
            let mut ww = measure(word);
            if used > 0 && used + 1 + ww > width {
                push!(std::mem::take(&mut line));
                used = 0;
            }
            while ww > width {
                // A word longer than the line: cut it in line-sized pieces, each but the last
                // marked as continuing (after a hyphen of its own, or with an added `-`).
                let room = width.saturating_sub(used + usize::from(used > 0)).max(1);
                let piece = split_long_word(word, room);
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(piece);
                if text::width(piece) < room && !piece.ends_with('-') {
                    line.push('-');
                }
                push!(std::mem::take(&mut line));
                used = 0;
                word = &word[piece.len()..];
                ww = measure(word);
            }
            if word.is_empty() {
                continue;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            line.push_str(word);
            used += ww;
        }
        if !line.is_empty() || out.len() == para_start {
            push!(line);
        }
    }
    (out, false)
}

/// `items` joined with `sep`, but only the first ones that can fill `max_cols` columns; the rest is
/// counted, not joined (10,000 municipalities cost what a pane shows). Returns the text and how many
/// items were left out.
pub fn join_limited(items: &[String], sep: &str, max_cols: usize) -> (String, usize) {
    let mut out = String::new();
    let mut cols = 0;
    for (k, item) in items.iter().enumerate() {
        if k > 0 && cols >= max_cols {
            return (out, items.len() - k);
        }
        if k > 0 {
            out.push_str(sep);
            cols += text::width(sep);
        }
        let budget = max_cols.saturating_sub(cols).max(1);
        let item = text::truncate(item, budget);
        cols += text::width(&item);
        out.push_str(&item);
    }
    (out, 0)
}

/// The head of a word too long for a line that goes on a line with `room` free columns: up to
/// the word's last hyphen that fits (`Ikast-`), else `room - 1` columns, leaving one for the `-`
/// that marks the cut (all `room` when that is a single column). Never empty.
fn split_long_word(word: &str, room: usize) -> &str {
    let fit = text::take_width(word, room);
    let hyphen = fit
        .char_indices()
        .filter(|&(i, c)| c == '-' && i > 0)
        .map(|(i, _)| i + 1)
        .next_back()
        .filter(|&end| end < word.len());
    let piece = match hyphen {
        Some(end) => &word[..end],
        None if room >= 2 => text::take_width(word, room - 1),
        None => fit,
    };
    if piece.is_empty() {
        first_char(word)
    } else {
        piece
    }
}

fn first_char(s: &str) -> &str {
    s.char_indices().nth(1).map_or(s, |(i, _)| &s[..i])
}

/// The widest a breadcrumb segment can be (the widest terminal we draw is 500 columns).
const CRUMB_CAP: usize = 512;

/// The breadcrumb labels, root first: the i18n word for the overview, then the open district and
/// project names.
pub fn crumb_labels(app: &App) -> Vec<String> {
    let words = i18n::strings(app.locale);
    app.stack
        .iter()
        .map(|f| match f.view {
            View::Overview => words.overview.to_string(),
            View::District { district, .. } => app
                .data
                .districts
                .get(district)
                .map_or_else(String::new, |d| {
                    text::truncate(&d.name, CRUMB_CAP).into_owned()
                }),
            View::Project { project, .. } => app
                .data
                .projects
                .get(project)
                .map_or_else(String::new, |p| {
                    text::truncate(&p.name, CRUMB_CAP).into_owned()
                }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limited_wrap_and_join_stop_early_and_say_so() {
        let long = "ord ".repeat(250_000);
        let (lines, more) = wrap_limited(&long, 20, 3);
        assert_eq!(lines.len(), 3);
        assert!(more);
        assert_eq!(lines, wrap(&"ord ".repeat(15), 20));
        let (lines, more) = wrap_limited("a b", 20, 3);
        assert_eq!((lines, more), (vec!["a b".to_string()], false));
        let huge_word = "x".repeat(1 << 20);
        let (lines, more) = wrap_limited(&huge_word, 10, 2);
        assert_eq!(lines, vec!["x".repeat(9) + "-", "x".repeat(9) + "-"]);
        assert!(more);
        // The same lines as the unlimited wrap, as far as they go.
        for w in 1..30 {
            let s = "Københavns Vestegns Politi og 漢字漢字漢字 ting\nny linje";
            let all = wrap(s, w);
            for n in 0..all.len() + 2 {
                let (some, more) = wrap_limited(s, w, n);
                assert_eq!(some[..], all[..n.min(all.len())], "{w} {n}");
                assert_eq!(more, n < all.len(), "{w} {n}");
            }
        }
        let items: Vec<String> = (0..10_000).map(|i| format!("Kommune {i}")).collect();
        let (text, left) = join_limited(&items, ", ", 40);
        assert!(text::width(&text) <= 40 + 12, "{text}");
        assert_eq!(left, 10_000 - text.matches(", ").count() - 1);
        assert_eq!(
            join_limited(&items[..2], ", ", 100),
            ("Kommune 0, Kommune 1".to_string(), 0)
        );
        assert_eq!(join_limited(&[], ", ", 10), (String::new(), 0));
    }

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

    #[test]
    fn wrap_respects_width_and_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["ab-", "cd-", "ef-", "gh"]);
        assert_eq!(wrap("abcdefgh", 1).len(), 8, "no room for a hyphen");
        assert_eq!(wrap("x\n\ny", 5), vec!["x", "", "y"]);
        for line in wrap("Københavns Vestegns Politi og 漢字漢字漢字 ting", 7) {
            assert!(text::width(&line) <= 7, "{line}");
        }
        assert_eq!(wrap("", 4), vec![""]);
        assert!(wrap("漢字", 1).iter().all(|l| !l.is_empty()));
        for line in wrap("漢字漢字 ab 漢字漢字漢字", 3) {
            assert!(text::width(&line) <= 3, "{line}");
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_marks_a_cut_word() {
        // The project detail's target group in English (18 columns): the long word is cut
        // with a hyphen, the rest wraps at spaces.
        assert_eq!(
            wrap("Bandekriminaliteten på det indre Nørrebro", 18),
            ["Bandekriminalitet-", "en på det indre", "Nørrebro"]
        );
        // A word that fits a line is never split, even when it would fill the rest of one.
        assert_eq!(wrap("ab Bandekriminal", 15), ["ab", "Bandekriminal"]);
        // A long word with a hyphen of its own breaks there first.
        assert_eq!(
            wrap("Ringkøbing-Skjernkommunerne", 12),
            ["Ringkøbing-", "Skjernkommu-", "nerne"]
        );
        // A long word starts a line of its own.
        assert_eq!(
            wrap("ord Bandekriminaliteten", 12),
            ["ord", "Bandekrimin-", "aliteten"]
        );
        for w in 1..30 {
            for line in wrap(
                "Bandekriminaliteten på det indre Nørrebro Ringkøbing-Skjern",
                w,
            ) {
                assert!(text::width(&line) <= w, "{w}: {line}");
            }
        }
    }
}
