//! What is under a mouse position, from the same layout and geometry the screen is drawn with.

use ratatui::layout::Position;

use crate::screen::layout::ScreenLayout;
use crate::screen::{Focus, Inputs, bars, crumb, detail, tiles};

/// What is under a mouse position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tile(usize),
    Bar(usize),
    /// A row of the open district's project list (position in that list).
    Project(usize),
    Pane(Focus),
    /// A breadcrumb segment: the stack level it leads back to.
    Crumb(usize),
}

/// What is at `pos`.
pub fn hit_test(l: &ScreenLayout, app: &Inputs<'_>, pos: Position) -> Option<Hit> {
    if l.too_small || l.help.is_some() {
        return None;
    }
    if l.crumb.contains(pos) {
        return crumb::crumb_hit(l.crumb, app, pos.x).map(Hit::Crumb);
    }
    if let Some(r) = l.map.filter(|r| r.contains(pos)) {
        return Some(map_hit(r, app, pos).map_or(Hit::Pane(Focus::Map), Hit::Tile));
    }
    if let Some(r) = l.bars.filter(|r| r.contains(pos)) {
        return Some(bars::hit(r, app, pos).map_or(Hit::Pane(Focus::Bars), Hit::Bar));
    }
    if let Some(r) = l.detail.filter(|r| r.contains(pos)) {
        return Some(detail::hit(r, app, pos).map_or(Hit::Pane(Focus::Detail), Hit::Project));
    }
    None
}

/// The district under `pos` in the map pane `area`: a tile, or on the outline map the district as
/// drawn (its labels included).
fn map_hit(area: ratatui::layout::Rect, app: &Inputs<'_>, pos: Position) -> Option<usize> {
    let Some(map) = app.outline else {
        return tiles::hit(area, app, pos);
    };
    let outline = &app.labels.outline;
    map.hit_test(
        app.outline_cache,
        crate::screen::layout::pane_inner(area),
        app.outline_zoom,
        &outline.texts,
        (Some(app.selected), &outline.priority),
        pos.x,
        pos.y,
    )
}
