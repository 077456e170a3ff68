//! Painting only: a pure function of `&App` into a buffer. Where the panes go, what a click hits
//! and every other geometry comes from the screen model (`crate::screen`); each pane and overlay
//! has its painter here, and all of them write through [`cells`].

pub mod banners;
pub mod bars;
pub mod cells;
pub mod change;
pub mod compare;
pub mod detail;
pub mod find;
pub mod header;
pub mod help;
pub mod map;
pub mod outline;
pub mod outline_paint;
pub mod overlays;
pub mod plain;
pub mod status;
pub mod tabbar;
pub mod theme_pick;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Focus};
pub use crate::screen::layout::pane_inner;
pub use crate::screen::layout::{MIN_SIZE, ScreenLayout, layout, too_small};
pub use cells::{cover, fill, pane, pane_with, put, put_repeat};

/// Draws the whole screen into a frame.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(area, frame.buffer_mut(), app);
}

/// Draws the whole screen into `area` of a buffer, touching nothing outside `area`.
pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let area = area.intersection(buf.area);
    let l = layout(area, &app.inputs());
    if l.too_small {
        status::too_small(area, buf, app);
        if app.theme().ascii {
            plain::ascii_only(area, buf);
        }
        return;
    }
    let focus = app.focus();
    header::render(l.header, buf, app);
    status::crumb(l.crumb, buf, app);
    if let Some(r) = l.map {
        map::render(r, buf, app, focus == Focus::Map);
    }
    if let Some(r) = l.bars {
        bars::render(r, buf, app, focus == Focus::Bars);
    }
    if let Some(r) = l.detail {
        detail::render(r, buf, app, focus == Focus::Detail);
    }
    status::hints(l.hints, buf, app);
    overlays::render(area, buf, app, &l);
    if let Some(r) = l.help {
        help::render(r, buf, app);
    }
    if app.theme().ascii {
        plain::ascii_only(area, buf);
    }
}

/// The map's and the bars' texts for the current view (see [`App::current_labels`]).
pub fn labels(app: &App) -> std::borrow::Cow<'_, crate::screen::labels::ViewLabels> {
    app.current_labels()
}
