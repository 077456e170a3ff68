//! The one-line messages: the banner of a removed or invalid data file over the breadcrumb, and the
//! status line over the key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n;
use crate::text;
use crate::ui::{cover, put};

/// The watched file is gone: `Filen er fjernet: viser de senest indlæste data (data.toml)`.
pub(super) fn removed_banner(row: Rect, buf: &mut Buffer, app: &App) {
    if row.is_empty() {
        return;
    }
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    let style = t.warning.add_modifier(ratatui::style::Modifier::REVERSED);
    cover(buf, row, style);
    let name = app
        .source()
        .and_then(|p| p.file_name())
        .map(|n| crate::text::sanitize_line(&n.to_string_lossy()))
        .unwrap_or_default();
    let full = format!(" {} ({name})", w.file_removed);
    let width = usize::from(row.width);
    let msg = if text::width(&full) <= width || name.is_empty() {
        text::truncate_with(&full, width, t.ellipsis).into_owned()
    } else {
        text::truncate_with(&format!(" {}", w.file_removed), width, t.ellipsis).into_owned()
    };
    put(buf, row, row.x, row.y, &msg, style);
}

/// The reload error, as [`crate::i18n::tools::reload_banner`] wrote it; a narrow screen cuts the end.
pub(super) fn banner(row: Rect, buf: &mut Buffer, app: &App, err: &str) {
    if row.is_empty() {
        return;
    }
    let t = &app.theme();
    let style = t.warning.add_modifier(ratatui::style::Modifier::REVERSED);
    cover(buf, row, style);
    let full = format!(" {err}");
    let msg = text::truncate_with(&full, usize::from(row.width), t.ellipsis);
    put(buf, row, row.x, row.y, &msg, style);
}

/// A message in the key-hint line. When it ends in a file path (from byte `path_at`) and does not
/// fit, the path is cut from its left (`…/dir/file.csv`), so the file name stays in view; the text
/// before it gives way first.
pub(super) fn status(row: Rect, buf: &mut Buffer, app: &App, msg: &str, path_at: Option<usize>) {
    if row.is_empty() {
        return;
    }
    let t = &app.theme();
    cover(buf, row, t.text);
    let avail = usize::from(row.width.saturating_sub(2));
    let line = match path_at.filter(|&i| msg.is_char_boundary(i)) {
        Some(i) if !text::fits_width(msg, avail) => {
            let (head, path) = msg.split_at(i);
            // The path keeps what the text leaves, and at least room for `…/file name`.
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            let room = avail
                .saturating_sub(text::width(head))
                .max((text::width(name) + 2).min(avail));
            let path = text::truncate_left(path, room);
            let rest = avail - text::width(&path);
            if text::fits_width(head, rest) {
                format!("{head}{path}")
            } else {
                // The text cut short, a space, then the path (two ellipses side by side read badly).
                let head = text::truncate_with(head, rest.saturating_sub(1), t.ellipsis);
                let gap = if head.is_empty() { "" } else { " " };
                format!("{head}{gap}{path}")
            }
        }
        _ => text::truncate_with(msg, avail, t.ellipsis).into_owned(),
    };
    put(buf, row, row.x + 1, row.y, &line, t.accent);
}
