//! The breadcrumb: its labels and where each segment sits, for drawing and for clicks.

use ratatui::layout::Rect;

use crate::i18n;
use crate::screen::{Inputs, View};
use crate::text;

/// The widest a breadcrumb segment can be (the widest terminal we draw is 500 columns).
pub const CRUMB_CAP: usize = 512;

/// The breadcrumb labels, root first: the i18n word for the overview, then the open district and
/// project names.
pub fn crumb_labels(app: &Inputs<'_>) -> Vec<String> {
    let words = i18n::strings(app.locale);
    app.stack
        .iter()
        .map(|f| match f.view {
            View::Overview => words.overview.to_string(),
            View::District { district, .. } => app
                .data
                .districts
                .get(district)
                .map_or_else(String::new, |d| {
                    text::truncate(&d.name, CRUMB_CAP).into_owned()
                }),
            View::Project { project, .. } => app
                .data
                .projects
                .get(project)
                .map_or_else(String::new, |p| {
                    text::truncate(p.name(), CRUMB_CAP).into_owned()
                }),
        })
        .collect()
}

/// The breadcrumb's segments as (x, width, text); earlier segments are shortened first when the line
/// is too narrow.
pub fn crumb_segments(area: Rect, app: &Inputs<'_>) -> Vec<(u16, usize, String)> {
    let labels = crumb_labels(app);
    let sep = app.theme.crumb_sep;
    let sep_w = text::width(sep);
    let avail = usize::from(area.width.saturating_sub(2));
    let n = labels.len();
    let mut widths: Vec<usize> = labels.iter().map(|l| text::width(l)).collect();
    let total = |ws: &[usize]| ws.iter().sum::<usize>() + sep_w * n.saturating_sub(1);
    // Shorten from the left, keeping at least 6 columns of each earlier segment.
    for i in 0..n {
        let over = total(&widths).saturating_sub(avail);
        if over == 0 {
            break;
        }
        let min = if i + 1 == n { 1 } else { 6 };
        widths[i] = widths[i].saturating_sub(over).max(min.min(widths[i]));
    }
    let mut x = area.x + u16::from(area.width > 2);
    let mut out = Vec::with_capacity(n);
    for (label, w) in labels.iter().zip(widths) {
        let s = text::truncate(label, w).into_owned();
        let sw = text::width(&s);
        out.push((x, sw, s));
        x = x.saturating_add(u16::try_from(sw + sep_w).unwrap_or(u16::MAX));
    }
    out
}

/// The stack level of the breadcrumb segment at column `x`.
pub fn crumb_hit(area: Rect, app: &Inputs<'_>, x: u16) -> Option<usize> {
    crumb_segments(area, app)
        .iter()
        .position(|(sx, w, _)| x >= *sx && usize::from(x - sx) < *w)
}
