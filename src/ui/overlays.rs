//! What is drawn over the panes: the banners, the open tool's overlay (search, theme list,
//! comparison) or the status line. Pure functions of `&App`, like the rest of `ui`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Mode};
use crate::ui::ScreenLayout;

/// A box of `w`×`h` centred in `area` (clipped to it).
pub(super) fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draws whatever tool UI is open, over the panes. Called by `ui::render` after the panes.
pub fn render(area: Rect, buf: &mut Buffer, app: &App, l: &ScreenLayout) {
    if app.file_removed() {
        super::banners::removed_banner(l.crumb, buf, app);
    } else if let Some(err) = &app.reload_error() {
        super::banners::banner(l.crumb, buf, app, err);
    }
    match &app.mode() {
        Mode::Search(_) => super::find::search(area, buf, app, l),
        Mode::ThemePick { selected } => super::theme_pick::theme_pick(area, buf, app, *selected),
        Mode::Compare => super::compare::compare(area, buf, app),
        Mode::Normal => {
            if let Some((msg, path_at)) = app.status() {
                super::banners::status(l.hints, buf, app, msg, path_at);
            }
        }
    }
}
