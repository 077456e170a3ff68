//! The search prompt and its result list, drawn over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{App, Mode};
use crate::i18n;
use crate::input::action::Dir;
use crate::text;
use crate::ui::{ScreenLayout, cover, fill, pane, put};

/// The prompt in the key-hint line and the results above it.
pub(super) fn search(area: Rect, buf: &mut Buffer, app: &App, l: &ScreenLayout) {
    let Mode::Search(p) = &app.mode() else {
        return;
    };
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    // The prompt row: the hint line, or the last row when there is none.
    let row = if l.hints.is_empty() {
        Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1)
    } else {
        l.hints
    };
    cover(buf, row, t.text);
    let mut x = put(
        buf,
        row,
        row.x,
        row.y,
        &format!("{}: ", w.search_prompt),
        t.accent,
    );
    // A query wider than the row shows its end, where one types.
    let after = if p.full {
        text::width(w.query_full) + 3
    } else {
        24
    };
    let room = usize::from(row.right().saturating_sub(x))
        .saturating_sub(after)
        .max(8);
    let shown = crate::text::truncate_left(&p.query, room);
    x = put(buf, row, x, row.y, &shown, t.figure);
    // The cursor: a reversed cell after the query.
    put(
        buf,
        row,
        x,
        row.y,
        " ",
        Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
    );
    let count = if p.full {
        w.query_full.to_string()
    } else if p.query.is_empty() {
        String::new()
    } else if app.search_pending() {
        // Not "0 matches": the query has not run yet (the box says why).
        t.ellipsis.to_string()
    } else {
        i18n::count(p.total, w.hit_one, w.hit_many, app.locale())
    };
    let arrows = crate::ui::status::arrow_label(app, &[Dir::Up, Dir::Down]);
    let hint = format!("{count}   {}", i18n::search_hint(&arrows, app.locale()));
    let hw = u16::try_from(text::width(&hint)).unwrap_or(u16::MAX);
    if x + 2 + hw <= row.right() {
        put(buf, row, row.right() - hw - 1, row.y, &hint, t.dim);
    } else if p.full {
        // At least the cue, after the query.
        put(buf, row, x + 2, row.y, w.query_full, t.warning);
    }
    if p.query.is_empty() {
        return;
    }
    // Results: a box above the prompt, up to 12 rows.
    let above = row.y.saturating_sub(area.y);
    let want = u16::try_from(p.hits.len().max(1))
        .unwrap_or(u16::MAX)
        .min(12)
        + 2;
    let h = want.min(above);
    if h < 3 {
        return;
    }
    // The full width, as a sheet over the panes' lower part: a narrower box would leave a piece
    // of a pane beside it whose bottom border runs into the box's corner.
    let r = Rect::new(area.x, row.y - h, area.width, h);
    cover(buf, r, t.text);
    // No count while the index is being built: the query has not run.
    let total = if app.search_pending() {
        t.ellipsis.to_string()
    } else {
        p.total.to_string()
    };
    let title = format!("{} ({total})", w.search_prompt);
    let inner = pane(buf, r, &title, true, app);
    if p.hits.is_empty() {
        // Until the index is in, no hit is not "no match": the query runs when it arrives.
        let note = if app.search_pending() {
            w.indexing
        } else {
            w.no_hits
        };
        put(buf, inner, inner.x + 1, inner.y, note, t.dim);
        return;
    }
    let vis = usize::from(inner.height);
    let first = p.selected.saturating_sub(vis.saturating_sub(1));
    for (k, hit) in p.hits.iter().enumerate().skip(first).take(vis) {
        let y = inner.y + u16::try_from(k - first).unwrap_or(0);
        let line = Rect::new(inner.x, y, inner.width, 1);
        let style = if k == p.selected { t.selected } else { t.text };
        if k == p.selected {
            fill(buf, line, " ", style);
        }
        let marker = if k == p.selected { t.marker } else { " " };
        let desc = hit.describe(app.data(), app.locale());
        let s = format!("{marker} {desc}");
        let s = text::truncate_with(&s, usize::from(inner.width), t.ellipsis);
        put(buf, line, line.x, y, &s, style);
    }
}
