//! The help overlay: every action with all its keys, generated from the keymap table, then the mouse.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n;
use crate::screen::help::{lines, text_area};
use crate::text;
use crate::ui::{cover, pane, put};

pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let words = i18n::strings(app.locale());
    let t = &app.theme();
    cover(buf, area, t.text);
    let text_area = text_area(area);
    let lines = lines(&app.inputs(), usize::from(text_area.width));
    // A resize can leave the scroll position past the end: show the last page instead of nothing.
    let vis = usize::from(text_area.height);
    let scroll = app.help_scroll().min(lines.len().saturating_sub(vis));
    let mut title = words.help_title.to_string();
    // Where in the help one is, when it scrolls (`1–19/36`).
    if lines.len() > vis && vis > 0 {
        title.push_str(&format!(
            " {}–{}/{}",
            scroll + 1,
            (scroll + vis).min(lines.len()),
            lines.len()
        ));
    }
    pane(buf, area, &title, true, app);
    if area.height >= 3 && area.width > 6 {
        let footer = format!(" {} ", words.help_footer);
        let fw = u16::try_from(text::width(&footer)).unwrap_or(u16::MAX);
        let x = area.right().saturating_sub(fw + 2).max(area.x + 1);
        put(
            buf,
            Rect::new(area.x + 1, area.bottom() - 1, area.width - 2, 1),
            x,
            area.bottom() - 1,
            &footer,
            t.dim,
        );
    }
    for (k, line) in lines.iter().skip(scroll).take(vis).enumerate() {
        let y = text_area.y + u16::try_from(k).unwrap_or(u16::MAX);
        let mut x = text_area.x;
        for (s, style) in line {
            x = put(buf, text_area, x, y, s, *style);
        }
    }
}
