//! The workspace screen: a tab bar (when several data files are open) above the active tab's app, or
//! the load error of a tab whose file never loaded.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::tabs::{Tab, Workspace, tab_entries};
use crate::i18n;
use crate::input::action::Action;
use crate::screen::report::{report_lines, report_view};
use crate::text;
use crate::ui::{fill, plain, put, render, status};

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
    if let Some(view) = ws.change() {
        super::change::render(body, buf, ws, view);
    } else if let Some(tab) = ws.active_tab() {
        match (&tab.app, &tab.error) {
            (Some(app), _) => render(body, buf, app),
            (None, _) => load_error(body, buf, ws, tab),
        }
    }
    if ws.theme().ascii {
        plain::ascii_only(area, buf);
    }
}

fn tab_bar(row: Rect, buf: &mut Buffer, ws: &Workspace) {
    let t = &ws.theme();
    fill(buf, row, " ", t.dim);
    for (k, (x, _, label)) in tab_entries(ws).iter().enumerate() {
        let style = if k == ws.active() {
            t.selected
        } else if ws.tabs().get(k).is_some_and(|t| t.app.is_none()) {
            t.warning
        } else {
            t.label
        };
        put(buf, row, row.x + x, row.y, label, style);
    }
}

/// The hints of a tab whose file did not load: switch tabs, reload, scroll, quit (keys in force).
fn report_hints(ws: &Workspace) -> Vec<(String, &'static str)> {
    let words = i18n::strings(ws.locale());
    let w = i18n::tools(ws.locale());
    let label = |a: Action| {
        ws.keymap()
            .keys_for(a)
            .first()
            .map(|&k| status::key_label_with(ws.theme(), ws.locale(), k))
    };
    let mut out = Vec::new();
    if ws.tabs().len() > 1 {
        let keys: String = [Action::PrevTab, Action::NextTab]
            .iter()
            .filter_map(|&a| label(a))
            .collect();
        out.push((keys, w.hint_tabs));
    }
    out.extend(label(Action::Reload).map(|k| (k, w.hint_reload)));
    let arrows = status::move_keys_label(ws.theme(), ws.locale(), ws.keymap());
    if !arrows.is_empty() {
        out.push((arrows, words.hint_scroll));
    }
    out.extend(label(Action::Quit).map(|k| (k, words.hint_quit)));
    out
}

/// A tab whose file did not load: the title, the located report (excerpt verbatim, scrolled
/// sideways when wide; prose wrapped) and the keys that act here.
fn load_error(area: Rect, buf: &mut Buffer, ws: &Workspace, tab: &Tab) {
    if area.is_empty() {
        return;
    }
    let t = &ws.theme();
    let w = i18n::tools(ws.locale());
    let (width, rows) = report_view((area.width, area.height));
    let x = area.x + u16::from(area.width > 2);
    let title = format!("{}: {}", text::sanitize_line(&tab.title), w.tab_error);
    put(
        buf,
        area,
        x,
        area.y,
        &text::truncate_with(&title, width, t.ellipsis),
        t.warning,
    );
    let lines = report_lines(tab.error.as_deref().unwrap_or(""), width);
    let row0 = tab.error_scroll.0.min(lines.len().saturating_sub(rows));
    let col0 = tab.error_scroll.1;
    for (k, line) in lines.iter().skip(row0).take(rows).enumerate() {
        let y = area.y + 2 + u16::try_from(k).unwrap_or(u16::MAX);
        // Code lines scroll sideways and are clipped, not wrapped: the last column's ellipsis says
        // there is more to the right. Prose was wrapped to the width already.
        let from = if line.code {
            text::skip_width(&line.text, col0)
        } else {
            &line.text
        };
        let shown = text::truncate_with(from, width, t.ellipsis);
        put(buf, area, x, y, &shown, t.text);
    }
    if area.height >= 5 {
        let y = area.bottom() - 1;
        let mut hx = x;
        for (keys, what) in report_hints(ws) {
            let need =
                u16::try_from(text::width(&keys) + text::width(what) + 3).unwrap_or(u16::MAX);
            if hx.saturating_add(need) > area.right() {
                break;
            }
            hx = put(buf, area, hx, y, &keys, t.hint_key);
            hx = put(buf, area, hx + 1, y, what, t.hint_text);
            hx += 2;
        }
    }
}
