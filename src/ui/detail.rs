//! The detail pane: a district (facts, then its projects as a list) or one project (amounts, shares,
//! partners, target group, themes, summary, source). Lines are built as data first, so scrolling,
//! hit-testing and drawing agree on where everything is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, View};
use crate::i18n;
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
            let w = usize::from(list.width);
            let inputs = app.inputs();
            let cols = crate::screen::detail::project_columns(&inputs, district, &shown, w);
            let fine = t.fine_bars();
            for (k, &p) in shown
                .iter()
                .skip(offset)
                .take(usize::from(list.height))
                .enumerate()
            {
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
                let bar_style = match (is_sel, focused) {
                    (true, true) => t.bar_selected.bg(t.selected.bg.unwrap_or_default()),
                    (true, false) => t.bar_selected,
                    _ => t.bar,
                };
                if is_sel {
                    fill(buf, row, " ", style);
                }
                let bullet = if is_sel { t.marker } else { t.bullet };
                let figures_w = if cols.show_amount {
                    cols.amount_w
                        + 1
                        + if cols.share_w > 0 {
                            cols.share_w + 2
                        } else {
                            0
                        }
                        + if cols.bar_w > 0 { cols.bar_w + 1 } else { 0 }
                } else {
                    0
                };
                let name_w = w.saturating_sub(2 + figures_w);
                let mut x = put(buf, row, list.x, y, bullet, style);
                x = put(
                    buf,
                    row,
                    x + 1,
                    y,
                    &text::pad_right(project.name(), name_w),
                    style,
                );
                if !cols.show_amount {
                    continue;
                }
                if cols.bar_w > 0 {
                    x += 1;
                    let (full, part) =
                        crate::ui::bars::bar_cells(project.amount, cols.max, cols.bar_w, fine);
                    let end = crate::ui::put_repeat(buf, row, x, y, t.eighths[7], full, bar_style);
                    if let Some(c) = part.and_then(|c| t.eighths.get(c)) {
                        put(buf, row, end, y, c, bar_style);
                    }
                    x += u16::try_from(cols.bar_w).unwrap_or(u16::MAX);
                }
                if cols.share_w > 0 {
                    let share = project.amount.checked_div(cols.total).map_or_else(
                        || words.none.to_string(),
                        |r| {
                            crate::screen::figures::Column::Share
                                .text(crate::screen::figures::Value::Share(r), app.locale())
                        },
                    );
                    x = put(
                        buf,
                        row,
                        x + 2,
                        y,
                        &text::pad_left(&share, cols.share_w),
                        style,
                    );
                }
                let amount = cols.scale.number(project.amount, app.locale());
                put(
                    buf,
                    row,
                    x + 1,
                    y,
                    &text::pad_left(&amount, cols.amount_w),
                    style,
                );
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
