//! Where the panes go on a screen of a given size: arithmetic, not a constraint solver.

use ratatui::layout::Rect;

use crate::screen::{Inputs, View, bars, help};

/// The smallest screen that shows anything but the too-small message.
pub const MIN_SIZE: (u16, u16) = (30, 8);

/// Whether a screen of `size` (columns, rows) only shows the too-small message.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// `v × num / den` without overflow (a terminal may report any size up to 65535 a side): the
/// product is taken in 32 bits, and the result is at most `v` for `num ≤ den`.
pub fn part(v: u16, num: u16, den: u16) -> u16 {
    u16::try_from(u32::from(v) * u32::from(num) / u32::from(den.max(1))).unwrap_or(u16::MAX)
}

/// Where everything goes on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    /// The terminal is below [`MIN_SIZE`]: only the message is drawn.
    pub too_small: bool,
    pub header: Rect,
    pub crumb: Rect,
    pub map: Option<Rect>,
    pub bars: Option<Rect>,
    pub detail: Option<Rect>,
    pub hints: Rect,
    pub help: Option<Rect>,
}

/// Splits the screen. Tiers, from large to small:
/// - tall (≥ 64 columns, ≥ 24 body rows, and the map reads better there: `outline_tall`,
///   `tiles_tall`): the map across the top; below it bars and detail side by side from 140
///   columns, else the bars, which give way to the detail once drilled in;
/// - side by side (≥ 64 columns, ≥ 10 body rows): map left, bars or detail right (from 140
///   columns and 24 body rows the bars over the detail);
/// - compact: one pane, the bars list (overview) or the detail (drilled in);
/// - below [`MIN_SIZE`]: a message.
pub fn layout(area: Rect, app: &Inputs<'_>) -> ScreenLayout {
    let (w, h) = (area.width, area.height);
    if too_small((w, h)) {
        return ScreenLayout {
            too_small: true,
            ..ScreenLayout::default()
        };
    }
    let header_h = if h >= 20 { 2 } else { 1 };
    let hints_h = if h >= 12 { 1 } else { 0 };
    let header = Rect::new(area.x, area.y, w, header_h);
    let crumb = Rect::new(area.x, area.y + header_h, w, 1);
    let hints = Rect::new(area.x, area.bottom() - hints_h, w, hints_h);
    let body_y = crumb.bottom();
    let body = Rect::new(area.x, body_y, w, hints.y.saturating_sub(body_y));
    let drilled = *app.view() != View::Overview;
    let (mut map, mut bars, mut detail) = (None, None, None);
    // The tile map reads best across the top from 24 body rows. The outline map keeps its shape:
    // it goes where its drawing gets the larger area (see `outline_tall`), not by a fixed width.
    let tall = match app.outline {
        Some(outline) => outline_tall(body, app, outline),
        None => tiles_tall(body, app),
    };
    if w >= 64 && tall {
        // Map across the top; below it the bars and the detail side by side when wide, else the bars
        // in the overview and the detail once drilled in. The map keeps its place when drilling in.
        let below_h = overview_below(body, app);
        // Drilled into a district, its project list is what one reads: the map gives up rows so
        // the list fits, keeping a quarter of the body (enough to see where the district lies).
        let below_h = match app.view() {
            View::District { district, .. } => {
                below_h.max(district_rows(app, *district, w).min(part(body.height, 3, 4)))
            }
            _ => below_h,
        };
        let map_h = body.height - below_h;
        map = Some(Rect::new(body.x, body.y, w, map_h));
        let below = Rect::new(body.x, body.y + map_h, w, below_h);
        if w >= 140 {
            let bars_w = part(w, 11, 20);
            bars = Some(Rect::new(below.x, below.y, bars_w, below_h));
            detail = Some(Rect::new(below.x + bars_w, below.y, w - bars_w, below_h));
        } else if drilled {
            detail = Some(below);
        } else {
            bars = Some(below);
        }
    } else if w >= 64 && body.height >= 10 {
        // Side by side: the map on the left, the bars (or, drilled in, the detail) on the right.
        let left_w = part(w, 11, 20);
        map = Some(Rect::new(body.x, body.y, left_w, body.height));
        let right = Rect::new(body.x + left_w, body.y, w - left_w, body.height);
        if w >= 140 && body.height >= 24 {
            // Wide: the bars over the detail on the right, so both show at once as when stacked.
            let bars_h =
                list_rows(app, true).clamp(part(right.height, 2, 5), part(right.height, 3, 5));
            let bars_h = match app.view() {
                View::District { district, .. } => {
                    let want = district_rows(app, *district, right.width);
                    bars_h
                        .min(
                            right
                                .height
                                .saturating_sub(want.min(part(right.height, 3, 4))),
                        )
                        .max(right.height / 4)
                }
                _ => bars_h,
            };
            bars = Some(Rect::new(right.x, right.y, right.width, bars_h));
            detail = Some(Rect::new(
                right.x,
                right.y + bars_h,
                right.width,
                right.height - bars_h,
            ));
        } else if drilled {
            detail = Some(right);
        } else {
            bars = Some(right);
        }
    } else if drilled {
        detail = Some(body);
    } else {
        bars = Some(body);
    }
    let help = app.help.then(|| {
        let hw = w.saturating_sub(4).min(76);
        // The content is wrapped to the width the overlay's text really gets.
        let text_w = help::text_area(Rect::new(0, 0, hw, h)).width;
        let want = u16::try_from(help::line_count(app, text_w) + 4).unwrap_or(u16::MAX);
        let hh = want.min(h.saturating_sub(2));
        Rect::new(area.x + (w - hw) / 2, area.y + (h - hh) / 2, hw, hh)
    });
    ScreenLayout {
        too_small: false,
        header,
        crumb,
        map,
        bars,
        detail,
        hints,
        help,
    }
}

/// Rows the bar list wants, its frame included: with `notes`, as the view shows it now (the notes
/// under it, the not-itemised row when shown); without, as the data has it. A filter or a unit
/// changes the former, so the arrangement is chosen by the latter: a filter must not move the
/// map from the top to the side.
fn list_rows(app: &Inputs<'_>, notes: bool) -> u16 {
    let rows = if notes {
        bars::row_count(app) + bars::bar_note_rows(app)
    } else {
        // Every district, and the not-itemised row whether or not the view shows it now.
        app.data.districts.len() + usize::from(app.data.not_itemised.is_some())
    };
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// Rows under a map across the top in the overview: a list that fits gets up to 3/5 of the body;
/// one that scrolls anyway (hundreds of districts) gets 2/5 and the map, which is how one finds
/// one's way among them, the rest.
fn overview_below(body: Rect, app: &Inputs<'_>) -> u16 {
    below_for(body, list_rows(app, true))
}

/// [`overview_below`] for a list of `wanted` rows.
fn below_for(body: Rect, wanted: u16) -> u16 {
    if wanted > part(body.height, 3, 5) {
        part(body.height, 2, 5)
    } else {
        wanted.max(part(body.height, 2, 5))
    }
}

/// Whether the tile map goes across the top (else side by side). Across the top needs 24 body
/// rows; there, when the whole bar list fits below the map, the bars get the full width for their
/// facts and the tiles a line each at least: across the top. When the list scrolls in that
/// arrangement (or always does, with hundreds of districts), the one whose tiles show more of the
/// districts' names in full wins (`tiles::legibility`), across the top on a tie.
fn tiles_tall(body: Rect, app: &Inputs<'_>) -> bool {
    if body.width < 64 || body.height < 24 {
        return false;
    }
    let wanted = list_rows(app, false);
    let below = below_for(body, wanted);
    if wanted <= below {
        return true;
    }
    let tall = Rect::new(body.x, body.y, body.width, body.height - below);
    let side = Rect::new(body.x, body.y, part(body.width, 11, 20), body.height);
    crate::screen::tiles::legibility(tall, app) >= crate::screen::tiles::legibility(side, app)
}

/// Whether the outline map goes across the top (else side by side): the arrangement in which its
/// drawing, fitted to the pane with its shape kept, covers more cells, provided the bars below get
/// at least 2/5 of the body and 12 rows. At 120x36 that is side by side (the map ~64x27 cells instead
/// of ~36x15), and at 200x60 too (~108x53 instead of a strip ~74x31 wide); on a tall, narrow
/// terminal, across the top.
fn outline_tall(
    body: Rect,
    app: &Inputs<'_>,
    outline: &crate::screen::outline::OutlineMap,
) -> bool {
    if body.width < 64 || body.height < 24 {
        return false;
    }
    let (bw, bh) = outline.geo.bbox.projected_size();
    // A cell is about twice as tall as wide: the drawing's width in cells per row.
    let aspect = if bw > 0.0 && bh > 0.0 {
        2.0 * bw / bh
    } else {
        2.0
    };
    let fitted = |w: u16, h: u16| {
        let (w, h) = (
            f64::from(w.saturating_sub(2)),
            f64::from(h.saturating_sub(2)),
        );
        w.min(h * aspect) * h.min(w / aspect)
    };
    let below = list_rows(app, false)
        .max(part(body.height, 2, 5))
        .max(12)
        .min(part(body.height, 3, 5));
    let tall_area = fitted(body.width, body.height - below);
    let side_area = fitted(part(body.width, 11, 20), body.height);
    tall_area > side_area
}

/// Rows the detail pane of `district` wants at `width` columns: its facts, its project list and the
/// frame.
fn district_rows(app: &Inputs<'_>, district: usize, width: u16) -> u16 {
    let Some(d) = app.data.districts.get(district) else {
        return 0;
    };
    let text_w = crate::screen::detail::text_area(Rect::new(0, 0, width, 3)).width;
    let info = crate::screen::detail::district_info(app, d, usize::from(text_w)).len();
    let list = app
        .data
        .districts
        .get(district)
        .map_or(0, |d| d.projects.len());
    u16::try_from(info + list + 2).unwrap_or(u16::MAX)
}

/// The area inside a pane's frame drawn at `area` ([`pane`]): all of it when there is no room for a
/// frame.
pub fn pane_inner(area: Rect) -> Rect {
    if area.width < 3 || area.height < 3 {
        return area;
    }
    Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2)
}
