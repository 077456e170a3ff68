//! The workspace screen: a tab bar (when several data files are open) above the active tab's app, or
//! the load error of a tab whose file never loaded.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::tabs::{Workspace, tab_entries};
use crate::i18n;
use crate::text;
use crate::ui::{fill, put, render, tools, wrap};

/// Draws the workspace into a frame.
pub fn draw(frame: &mut Frame, ws: &Workspace) {
    let area = frame.area();
    render_workspace(area, frame.buffer_mut(), ws);
}

/// Draws the workspace into `area` of a buffer.
pub fn render_workspace(area: Rect, buf: &mut Buffer, ws: &Workspace) {
    let area = area.intersection(buf.area);
    let bar_h = ws.bar_height().min(area.height);
    let body = Rect::new(
        area.x,
        area.y + bar_h,
        area.width,
        area.height.saturating_sub(bar_h),
    );
    if bar_h > 0 {
        tab_bar(Rect::new(area.x, area.y, area.width, 1), buf, ws);
    }
    if let Some(tab) = ws.active_tab() {
        match (&tab.app, &tab.error) {
            (Some(app), _) => render(body, buf, app),
            (None, err) => load_error(body, buf, ws, &tab.title, err.as_deref()),
        }
    }
    if ws.theme.ascii {
        tools::ascii_only(area, buf);
    }
}

fn tab_bar(row: Rect, buf: &mut Buffer, ws: &Workspace) {
    let t = &ws.theme;
    fill(buf, row, " ", t.dim);
    for (k, (x, _, label)) in tab_entries(ws).iter().enumerate() {
        let style = if k == ws.active {
            t.selected
        } else if ws.tabs.get(k).is_some_and(|t| t.app.is_none()) {
            t.warning
        } else {
            t.label
        };
        put(buf, row, row.x + x, row.y, label, style);
    }
}

/// A tab whose file did not load: the located report, wrapped.
fn load_error(area: Rect, buf: &mut Buffer, ws: &Workspace, title: &str, err: Option<&str>) {
    if area.is_empty() {
        return;
    }
    let t = &ws.theme;
    let w = i18n::tools(ws.locale);
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let mut lines = vec![(format!("{title}: {}", w.tab_error), t.warning)];
    lines.push((String::new(), t.text));
    for l in err.unwrap_or("").lines() {
        for piece in wrap(l, width) {
            lines.push((piece, t.text));
        }
    }
    for (k, (line, style)) in lines.iter().take(usize::from(area.height)).enumerate() {
        let y = area.y + u16::try_from(k).unwrap_or(0);
        put(
            buf,
            area,
            area.x + 1,
            y,
            &text::truncate_with(line, width, t.ellipsis),
            *style,
        );
    }
}
