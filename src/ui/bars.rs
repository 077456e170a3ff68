//! The allocation bars: one horizontal bar per district (in `App::bar_order`) and one for the part of
//! the pool that is not itemised. Our own widget: values are `Decimal`, bars have eighth-cell
//! precision, names are truncated by display width, and only the visible rows are drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::App;
use crate::i18n;
use crate::screen::bars::{notes, row_count, visible_rows};
use crate::text;
use crate::ui::{fill, pane, put};

/// The bar's cells: whole blocks then one partial eighth block; `cells` columns at most.
pub fn bar_text(
    value: Decimal,
    max: Decimal,
    cells: usize,
    eighths: &[&str; 8],
    fine: bool,
) -> String {
    let (full, part) = bar_cells(value, max, cells, fine);
    let mut s = eighths[7].repeat(full);
    if let Some(p) = part.and_then(|p| eighths.get(p)) {
        s.push_str(p);
    }
    s
}

/// A bar's length: whole cells, and the index into the eighths of a partial last cell.
pub fn bar_cells(value: Decimal, max: Decimal, cells: usize, fine: bool) -> (usize, Option<usize>) {
    if cells == 0 || max <= Decimal::ZERO || value <= Decimal::ZERO {
        return (0, None);
    }
    // The one place a ratio becomes a float: the length of a bar at draw time.
    let ratio = (value / max).to_f64().unwrap_or(0.0).clamp(0.0, 1.0);
    let units = if fine { 8.0 } else { 1.0 };
    let total = ((ratio * cells as f64 * units).round() as usize).max(1);
    let (full, part) = if fine {
        (total / 8, total % 8)
    } else {
        (total, 0)
    };
    let part = (part > 0 && full < cells).then(|| part - 1);
    (full.min(cells), part)
}

pub fn render(area: Rect, buf: &mut Buffer, app: &App, focused: bool) {
    let words = i18n::strings(app.locale());
    let rows = row_count(&app.inputs());
    let vis = visible_rows(area);
    let cache = crate::ui::labels(app);
    let mut title = words.bars.to_string();
    // The unit once for the whole column (its figures carry none), and the order when not the
    // default (`u` / `s` also say them in the status line).
    let opts = &app.options();
    if !cache.caption.is_empty() {
        title.push_str(&format!(" · {}", cache.caption));
    }
    if opts.sort != crate::screen::figures::SortOrder::default() {
        title.push_str(&format!(" · {}", opts.sort.label(app.locale())));
    }
    if rows > vis && vis > 0 {
        // Districts only: the not-itemised row is not one of them.
        let n = app.bar_order().len();
        let first = (app.bars_offset() + 1).min(n);
        let last = (app.bars_offset() + vis).min(n);
        let range = i18n::district_range(first, last, n, app.locale());
        // Narrow panes drop the word (`1–18 af 1.000`) before the frame cuts the numbers.
        let room = usize::from(area.width.saturating_sub(8));
        if text::width(&title) + 1 + text::width(&range) > room {
            let short = i18n::district_range_short(first, last, n, app.locale());
            // Still too wide: the pane's name goes before the unit does (the column's figures
            // carry none) and before the numbers are cut.
            if text::width(&title) + 1 + text::width(&short) + 2 > room && !cache.caption.is_empty()
            {
                title = cache.caption.clone();
                if opts.sort != crate::screen::figures::SortOrder::default() {
                    title.push_str(&format!(" · {}", opts.sort.label(app.locale())));
                }
            }
            title.push_str(&format!(" {short}"));
        } else {
            title.push_str(&format!(" {range}"));
        }
        if app.bars_offset() + vis < rows {
            title.push_str(&format!(" {}", app.theme().scroll_down));
        }
    }
    let inner = pane(buf, area, &title, focused, app);
    if inner.is_empty() {
        return;
    }
    let t = &app.theme();
    let vm = &app.figures();
    // Bars scale to the largest district; a larger not-itemised row is drawn capped with a break
    // mark (its value label says how large it is), so it does not shrink every district to a sliver.
    let max = cache.max;
    let dash = |s: String| {
        if t.ascii { s.replace('–', t.dash) } else { s }
    };
    // Column widths from the visible rows only.
    let visible: Vec<Option<usize>> = (app.bars_offset()..rows.min(app.bars_offset() + vis))
        .map(|r| app.bar_order().get(r).copied())
        .collect();
    let label = |row: &Option<usize>| -> (String, String, Decimal) {
        match row {
            Some(k) => {
                let name = app.data().districts.get(*k).map_or_else(String::new, |d| {
                    // Bounded: a 1 MB name costs its first columns, not a 1 MB copy.
                    text::truncate(d.short_name(), crate::screen::labels::NAME_CAP).into_owned()
                });
                let l = cache.districts.get(*k);
                let v = if vm.figures(*k).projects == 0 {
                    words.none.to_string()
                } else {
                    dash(l.map_or_else(String::new, |l| l.figure.clone()))
                };
                (name, v, l.and_then(|l| l.number).unwrap_or_default())
            }
            None => (
                words.not_itemised.to_string(),
                dash(cache.rest_figure.clone().unwrap_or_default()),
                vm.not_itemised_value()
                    .and_then(|v| v.number())
                    .unwrap_or_default(),
            ),
        }
    };
    let labels: Vec<(String, String, Decimal)> = visible.iter().map(label).collect();
    let w = usize::from(inner.width);
    // Column widths over all districts (cached with the view), so they do not jump while scrolling;
    // the visible rows can only widen them (the not-itemised row's label).
    let name_max = labels
        .iter()
        .map(|l| text::width(&l.0))
        .chain([cache.name_w])
        .max()
        .unwrap_or(0);
    let val_max = labels
        .iter()
        .map(|l| text::width(&l.1))
        .chain([cache.figure_w])
        .max()
        .unwrap_or(0);
    // The gutter before the names: the selection marker, and once anything is marked a second
    // column for the mark, so a row that is both shows both (`▶◆`).
    let gutter = if app.marks().is_empty() { 1 } else { 2 };
    let mut name_w = name_max.min(w * 2 / 5).max(4.min(w));
    let mut val_w = val_max;
    let mut bar_w = w.saturating_sub(name_w + val_w + gutter + 2);
    // The facts beside the bar, while the bar keeps at least a third of the row (and 16 cells):
    // they are added in their order and so dropped last to first as the pane narrows.
    let min_bar = (w / 3).max(16);
    let mut facts: Vec<&crate::screen::labels::FactColumn> = Vec::new();
    for f in &cache.facts {
        let cost = f.width + 2;
        if bar_w >= min_bar + cost {
            bar_w -= cost;
            facts.push(f);
        } else {
            break;
        }
    }
    if bar_w < 4 {
        val_w = 0;
        bar_w = w.saturating_sub(name_w + gutter + 1);
    }
    if bar_w < 2 {
        bar_w = 0;
        name_w = w.saturating_sub(gutter);
    }
    let fine = t.fine_bars();
    // Names cut alike (`Midt- og Ves…` twice) are cut so that they differ.
    let names: Vec<&str> = labels.iter().map(|l| l.0.as_str()).collect();
    let names = text::truncate_distinct(&names, name_w);
    for (k, ((_, value, amount), row)) in labels.iter().zip(&visible).enumerate() {
        let name = names.get(k).map_or("", |n| n.as_ref());
        let y = inner.y + u16::try_from(k).unwrap_or(u16::MAX);
        let line = Rect::new(inner.x, y, inner.width, 1);
        let selected = row.is_some_and(|d| d == app.selected());
        let marked = row.is_some_and(|d| app.marks().contains(&d));
        let (style, bar_style) = match (row, selected) {
            (None, _) => (t.dim, t.bar_rest),
            (Some(_), true) if focused => (
                t.selected,
                t.bar_selected.bg(t.selected.bg.unwrap_or_default()),
            ),
            (Some(_), true) => (t.selected_unfocused, t.bar_selected),
            (Some(_), false) => (t.text, t.bar),
        };
        if selected {
            fill(buf, line, " ", style);
        }
        let mut x = inner.x;
        if w >= name_w + gutter {
            let sel = if selected { t.marker } else { " " };
            let mark = if marked { t.mark } else { " " };
            let g = if gutter == 2 {
                format!("{sel}{mark}")
            } else {
                sel.to_string()
            };
            x = put(buf, line, x, y, &g, style);
        }
        x = put(buf, line, x, y, &text::pad_right(name, name_w), style);
        if bar_w > 0 {
            x += 1;
            let capped = row.is_none() && *amount > max && max > Decimal::ZERO;
            if capped {
                let bar = capped_bar(bar_w, &t.eighths, t.ascii);
                put(buf, line, x, y, &bar, bar_style);
            } else {
                // Whole blocks cell by cell (no grapheme walk over a long run of `█`).
                let (full, part) = bar_cells(*amount, max, bar_w, fine);
                let end = crate::ui::put_repeat(buf, line, x, y, t.eighths[7], full, bar_style);
                if let Some(p) = part.and_then(|p| t.eighths.get(p)) {
                    put(buf, line, end, y, p, bar_style);
                }
            }
            x += u16::try_from(bar_w).unwrap_or(u16::MAX);
        }
        if val_w > 0 {
            x += 1;
            x = put(buf, line, x, y, &text::pad_left(value, val_w), style);
        }
        for f in &facts {
            let cell = match row {
                Some(d) => f.cells.get(*d).map_or("", String::as_str),
                None => f.rest.as_str(),
            };
            x += 2;
            x = put(
                buf,
                line,
                x,
                y,
                &text::pad_left(&dash(cell.to_string()), f.width),
                style,
            );
        }
    }
    if !facts.is_empty() {
        headings(buf, area, inner, val_w, &cache.heading, &facts, &title, app);
    }
    let used = u16::try_from(visible.len()).unwrap_or(u16::MAX);
    bar_notes(
        inner,
        inner.y.saturating_add(used).saturating_add(1),
        buf,
        app,
    );
}

/// The number columns' headings on the pane's top frame, right-aligned above their columns (the
/// row costs nothing), when they fit after the title.
#[allow(clippy::too_many_arguments)]
fn headings(
    buf: &mut Buffer,
    area: Rect,
    inner: Rect,
    val_w: usize,
    value_heading: &str,
    facts: &[&crate::screen::labels::FactColumn],
    title: &str,
    app: &App,
) {
    let t = &app.theme();
    let facts_w: usize = facts.iter().map(|f| f.width + 2).sum();
    let right = usize::from(inner.right());
    let mut cols: Vec<(usize, usize, &str)> = Vec::new();
    let mut end = right - facts_w;
    if val_w > 0 {
        cols.push((end, val_w.max(text::width(value_heading)), value_heading));
    }
    for f in facts {
        end += f.width + 2;
        cols.push((end, f.width, f.heading.as_str()));
    }
    // Title ` {title} ` starts at x + 2; keep a frame cell between it and the first heading.
    let title_end = usize::from(area.x) + 2 + text::width(title) + 2;
    let Some(&(first_end, first_w, first)) = cols.first() else {
        return;
    };
    if first_end.saturating_sub(first_w.max(text::width(first))) < title_end + 2 {
        return;
    }
    let row = Rect::new(area.x, area.y, area.width, 1);
    for (end, _, heading) in cols {
        let w = text::width(heading);
        let x = u16::try_from(end.saturating_sub(w)).unwrap_or(u16::MAX);
        put(buf, row, x, area.y, heading, t.dim);
    }
}

/// A bar longer than the scale: full length with a break mark in its last cell (`███…█»`).
pub fn capped_bar(cells: usize, eighths: &[&str; 8], ascii: bool) -> String {
    if cells == 0 {
        return String::new();
    }
    let mut s = eighths[7].repeat(cells - 1);
    s.push_str(if ascii { ">" } else { "»" });
    s
}

/// Notes under the bars, in the free rows at the bottom of the list: why values are missing (`–`)
/// and why the not-itemised bar is hidden under a filter.
pub fn bar_notes(inner: Rect, first_free: u16, buf: &mut Buffer, app: &App) {
    let t = &app.theme();
    let notes = notes(&app.inputs());
    let mut y = inner.bottom();
    for note in notes.iter().rev() {
        let lines =
            crate::text::wrap::wrap(note, usize::from(inner.width.saturating_sub(2).max(1)));
        let h = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        if y < first_free.saturating_add(h) || y.saturating_sub(h) < inner.y {
            break;
        }
        y -= h;
        for (k, l) in lines.iter().enumerate() {
            put(
                buf,
                inner,
                inner.x,
                y + u16::try_from(k).unwrap_or(0),
                l,
                t.dim,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::theme::Theme;

    #[test]
    fn bars_have_eighth_precision_and_fit() {
        let e = Theme::colour().eighths;
        let max = Decimal::from(80);
        assert_eq!(bar_text(max, max, 10, &e, true), "██████████");
        assert_eq!(bar_text(Decimal::from(1), max, 10, &e, true), "▏");
        assert_eq!(bar_text(Decimal::from(44), max, 10, &e, true), "█████▌");
        assert_eq!(bar_text(Decimal::ZERO, max, 10, &e, true), "");
        assert_eq!(bar_text(Decimal::from(44), max, 10, &e, false), "██████");
        for v in 0..=80 {
            let b = bar_text(Decimal::from(v), max, 7, &e, true);
            assert!(text::width(&b) <= 7, "{v}: {b}");
        }
        assert_eq!(bar_text(max, Decimal::ZERO, 10, &e, true), "");
    }

    #[test]
    fn capped_bars_end_in_a_break_mark() {
        let e = Theme::colour().eighths;
        assert_eq!(capped_bar(5, &e, false), "████»");
        assert_eq!(capped_bar(3, &e, true), "██>");
        assert_eq!(capped_bar(1, &e, false), "»");
        assert_eq!(capped_bar(0, &e, false), "");
    }
}
