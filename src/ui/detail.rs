//! The detail pane: a district (facts, then its projects as a list) or one project (amounts, shares,
//! partners, target group, themes, summary, source). Lines are built as data first, so scrolling,
//! hit-testing and drawing agree on where everything is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, View};
use crate::i18n;
use crate::money;
use crate::screen::detail::{DLine, district_split, project_lines, text_area};
use crate::text;
use crate::ui::{fill, pane, put};

fn draw_lines(buf: &mut Buffer, area: Rect, lines: &[DLine]) {
    for (k, line) in lines.iter().take(usize::from(area.height)).enumerate() {
        let y = area.y + u16::try_from(k).unwrap_or(u16::MAX);
        let mut x = area.x;
        for (s, style) in line {
            x = put(buf, area, x, y, s, *style);
        }
    }
}

pub fn render(area: Rect, buf: &mut Buffer, app: &App, focused: bool) {
    let words = i18n::strings(app.locale());
    let t = &app.theme();
    match app.view().clone() {
        View::Project { project, scroll } => {
            let ta = text_area(area);
            let lines = project_lines(&app.inputs(), project, usize::from(ta.width));
            let mut title = words.detail.to_string();
            let h = usize::from(ta.height);
            if lines.len() > h && h > 0 {
                title.push_str(&format!(
                    " {}",
                    i18n::position(scroll + 1, lines.len().saturating_sub(h) + 1, app.locale())
                ));
            }
            pane(buf, area, &title, focused, app);
            let from = scroll.min(lines.len());
            draw_lines(buf, ta, &lines[from..]);
            if scroll + h < lines.len() && ta.height > 0 {
                put(
                    buf,
                    area,
                    area.right().saturating_sub(2),
                    area.bottom().saturating_sub(1),
                    t.scroll_down,
                    t.border_focused,
                );
            }
        }
        view => {
            let (district, selected, offset, active) = match view {
                View::District {
                    district,
                    selected,
                    offset,
                } => (district, selected, offset, true),
                _ => (app.selected(), usize::MAX, 0, false),
            };
            pane(buf, area, words.detail, focused, app);
            let (info, info_rect, list) = district_split(area, &app.inputs(), district);
            draw_lines(buf, info_rect, &info);
            if app.data().districts.get(district).is_none() {
                return;
            }
            let shown = app.visible_projects(district);
            let amounts: Vec<String> = shown
                .iter()
                .skip(offset)
                .take(usize::from(list.height))
                .filter_map(|&p| app.data().projects.get(p))
                .map(|p| money::format_money(p.amount, &app.data().meta.currency, app.locale()))
                .collect();
            let amount_w = amounts.iter().map(|a| text::width(a)).max().unwrap_or(0);
            let w = usize::from(list.width);
            let show_amount = w >= amount_w + 12;
            for (k, (&p, amount)) in shown.iter().skip(offset).zip(&amounts).enumerate() {
                let Some(project) = app.data().projects.get(p) else {
                    continue;
                };
                let y = list.y + u16::try_from(k).unwrap_or(u16::MAX);
                let row = Rect::new(list.x, y, list.width, 1);
                let is_sel = active && offset + k == selected;
                let style = match (is_sel, focused) {
                    (true, true) => t.selected,
                    (true, false) => t.selected_unfocused,
                    _ => t.text,
                };
                if is_sel {
                    fill(buf, row, " ", style);
                }
                let bullet = if is_sel { t.marker } else { t.bullet };
                let name_w = if show_amount {
                    w - amount_w - 3
                } else {
                    w.saturating_sub(2)
                };
                let mut x = put(buf, row, list.x, y, bullet, style);
                x = put(
                    buf,
                    row,
                    x + 1,
                    y,
                    &text::pad_right(&project.name, name_w),
                    style,
                );
                if show_amount {
                    put(buf, row, x + 1, y, &text::pad_left(amount, amount_w), style);
                }
            }
            if offset + usize::from(list.height) < shown.len() {
                put(
                    buf,
                    area,
                    area.right().saturating_sub(2),
                    area.bottom().saturating_sub(1),
                    t.scroll_down,
                    t.border_focused,
                );
            }
        }
    }
}
