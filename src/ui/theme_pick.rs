//! The theme filter's pick list, drawn over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n;
use crate::text;
use crate::ui::overlays::centred;
use crate::ui::{cover, fill, pane, put};

/// The theme pick list: "all" then each theme with its project count.
pub(super) fn theme_pick(area: Rect, buf: &mut Buffer, app: &App, selected: usize) {
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    let themes = app.theme_list();
    let mut rows: Vec<(String, String)> = Vec::with_capacity(themes.len() + 1);
    rows.push((
        w.all_themes.to_string(),
        app.data().projects.len().to_string(),
    ));
    rows.extend(themes.iter().map(|(name, n)| (name.clone(), n.to_string())));
    let name_w = rows.iter().map(|r| text::width(&r.0)).max().unwrap_or(0);
    let num_w = rows.iter().map(|r| text::width(&r.1)).max().unwrap_or(0);
    let bw = u16::try_from(name_w + num_w + 8)
        .unwrap_or(u16::MAX)
        .max(u16::try_from(text::width(w.theme_title) + 8).unwrap_or(u16::MAX));
    let bh = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    let r = centred(area, bw, bh);
    cover(buf, r, t.text);
    let inner = pane(buf, r, w.theme_title, true, app);
    let vis = usize::from(inner.height);
    let first = selected.saturating_sub(vis.saturating_sub(1));
    let current = app.options().filter();
    for (k, (name, n)) in rows.iter().enumerate().skip(first).take(vis) {
        let y = inner.y + u16::try_from(k - first).unwrap_or(0);
        let line = Rect::new(inner.x, y, inner.width, 1);
        let style = if k == selected { t.selected } else { t.text };
        if k == selected {
            fill(buf, line, " ", style);
        }
        let active = match current {
            None => k == 0,
            Some(f) => k > 0 && crate::search::same_theme(name, f),
        };
        let marker = if active { t.mark } else { " " };
        let iw = usize::from(inner.width);
        let nw = iw.saturating_sub(num_w + 4);
        let s = format!(
            "{marker} {} {}",
            text::pad_right(&text::truncate_with(name, nw, t.ellipsis), nw),
            text::pad_left(n, num_w)
        );
        put(buf, line, line.x, y, &s, style);
    }
}
