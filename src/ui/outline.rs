//! The map pane in outline mode: the frame and title, the choropleth (painted by `outline_paint`
//! from the screen model's `OutlineMap`, whose raster cache makes an unchanged size and zoom cheap), and the legend on the pane's bottom edge
//! when the map had no free corner for it. Labels, classes and legend come from the view cache
//! (`app/view_cache.rs`): the same filtered figures, in the same unit, as the bars and tiles.
//! Pure: reads `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::app::App;
use crate::geo::classes::LegendEntry;
use crate::i18n;
use crate::style::rgb::{ColorMode, rgb_to_256};
use crate::text;
use crate::ui::outline_paint::{OutlineFrame, OutlineStyle, paint, pattern, pattern_ascii};
use crate::ui::{pane, put};

/// The legend lines in the UI language (empty when the outline is not shown).
pub fn legend(app: &App) -> Vec<LegendEntry> {
    if app.map_view().outline_on().is_none() {
        return Vec::new();
    }
    crate::ui::labels(app).outline.legend.clone()
}

/// Draws the map pane as an outline map. Does nothing when the outline is not on.
pub fn render(area: Rect, buf: &mut Buffer, app: &App, focused: bool) {
    let Some(map) = app.map_view().outline_on() else {
        return;
    };
    let words = i18n::strings(app.locale());
    let zoom = app.outline_zoom();
    let title = match zoom.and_then(|d| app.data().districts.get(d)) {
        Some(d) => format!("{} – {} (z)", words.map, d.short_name()),
        None => words.map.to_string(),
    };
    let inner = pane(buf, area, &title, focused, app);
    if inner.is_empty() {
        return;
    }
    let labels = crate::ui::labels(app);
    let outline = &labels.outline;
    let style = OutlineStyle::of_theme(app.map_view().color, outline.classes.count(), app.theme());
    let frame = OutlineFrame {
        selected: Some(app.selected()),
        zoom,
        style: &style,
        classes: &outline.classes.of_district,
        priority: &outline.priority,
        texts: &outline.texts,
        legend: &outline.legend,
        marked: app.marks(),
        mark: app.theme().mark,
    };
    let drawn = paint(map, app.outline_cache(), inner, buf, &frame);
    if !drawn.legend && inner != area {
        legend_on_edge(area, buf, &style, &outline.legend);
    }
}

/// The legend on the pane's bottom edge: the heading (the filter) when there is one, then swatch +
/// label per class when all fit; else one cell per class followed by the whole range
/// (`0–30 mio. kr.`), the heading cut to the room left, then "no projects" if it fits. A class
/// entry is never cut.
pub(super) fn legend_on_edge(
    area: Rect,
    buf: &mut Buffer,
    style: &OutlineStyle,
    legend: &[LegendEntry],
) {
    let y = area.bottom().saturating_sub(1);
    let clip = Rect::new(area.x + 1, y, area.width.saturating_sub(2), 1);
    legend_line(clip, buf, style, legend, false);
}

/// The one-row legend in `clip` (see [`legend_on_edge`]); the tile map draws the same line under
/// its tiles, so both map modes explain their shading alike. `ascii`: `--plain` patterns.
pub fn legend_line(
    clip: Rect,
    buf: &mut Buffer,
    style: &OutlineStyle,
    legend: &[LegendEntry],
    ascii: bool,
) {
    let y = clip.y;
    let avail = usize::from(clip.width.saturating_sub(2));
    let count = style.classes.len();
    let heading = legend.iter().find(|e| e.heading).map(|e| e.label.as_str());
    let entries: Vec<&LegendEntry> = legend.iter().filter(|e| !e.heading).collect();
    let head_w = heading.map_or(0, |h| text::width(h) + 1);
    let full: usize = entries.iter().map(|e| 4 + text::width(&e.label)).sum();
    let mut x = clip.x + 1;
    if head_w + full <= avail {
        if let Some(h) = heading {
            x = put(buf, clip, x, y, &format!("{h} "), Style::default());
        }
        for e in entries {
            let (sw, st) = swatch(style, e.class, count, 2, ascii);
            x = put(buf, clip, x, y, &sw, st);
            x = put(buf, clip, x, y, &format!(" {} ", e.label), Style::default());
        }
        return;
    }
    let classes: Vec<&LegendEntry> = entries
        .iter()
        .copied()
        .filter(|e| e.class.is_some())
        .collect();
    // The range runs over the classes that have limits (`0–5 mio. kr.`), not a named one (`ny`).
    let limited: Vec<&&LegendEntry> = classes.iter().filter(|e| e.label.contains('–')).collect();
    let range = match (limited.first(), limited.last()) {
        (Some(a), Some(b)) => {
            let lo = a.label.split('–').next().unwrap_or(&a.label);
            let hi = b.label.rsplit('–').next().unwrap_or(&b.label);
            crate::geo::classes::range_label(lo.trim(), hi.trim())
        }
        _ => String::new(),
    };
    let need = classes.len() + 2 + text::width(&range);
    if need > avail {
        return;
    }
    // "No projects" explains a fill on the map and comes before the heading (the filter, which
    // the header names too): the heading gets what is left, a few columns at least, or is left out.
    let no_projects = entries.iter().find(|e| e.class.is_none());
    // Its swatch, a blank each side and the label: ` ██ ingen projekter ` after the range.
    let np_w = no_projects.map_or(0, |e| 5 + text::width(&e.label));
    let np_fits = need + np_w <= avail + 1;
    if let Some(h) = heading {
        let room = (avail + 1).saturating_sub(need + if np_fits { np_w } else { 0 });
        // The filter's name before the note on the classes (`Filter: familier · klasser for
        // filteret` → `Filter: familier`), then cut.
        let h = if text::width(h) < room {
            h
        } else {
            h.split(" · ").next().unwrap_or(h)
        };
        if room >= 5 {
            let cut = text::truncate(h, room - 1);
            x = put(buf, clip, x, y, &format!("{cut} "), Style::default());
        }
    }
    for e in &classes {
        let (sw, st) = swatch(style, e.class, count, 1, ascii);
        x = put(buf, clip, x, y, &sw, st);
    }
    x = put(buf, clip, x, y, &format!(" {range} "), Style::default());
    if let Some(e) = no_projects.filter(|_| np_fits) {
        let label = format!(" {} ", e.label);
        let need = u16::try_from(3 + text::width(&label)).unwrap_or(u16::MAX);
        if x.saturating_add(need) <= clip.right() {
            x = put(buf, clip, x, y, " ", Style::default());
            let (sw, st) = swatch(style, None, count, 2, ascii);
            x = put(buf, clip, x, y, &sw, st);
            put(buf, clip, x, y, &label, Style::default());
        }
    }
}

/// `n` cells showing a class: its colour, or in `NoColor` mode its pattern.
fn swatch(
    style: &OutlineStyle,
    class: Option<usize>,
    count: usize,
    n: usize,
    ascii: bool,
) -> (String, Style) {
    let rgb = class
        .and_then(|k| style.classes.get(k))
        .copied()
        .unwrap_or(style.no_projects);
    match style.mode {
        ColorMode::TrueColor => (
            "█".repeat(n),
            Style::default().fg(Color::Rgb(rgb.0, rgb.1, rgb.2)),
        ),
        ColorMode::Indexed256 => (
            "█".repeat(n),
            Style::default().fg(Color::Indexed(rgb_to_256(rgb))),
        ),
        ColorMode::NoColor if ascii => (
            pattern_ascii(class, count).to_string().repeat(n),
            Style::default(),
        ),
        ColorMode::NoColor => (
            pattern(class, count).to_string().repeat(n),
            Style::default(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn both_maps_say_no_projects_the_same_way() {
        for (l, word) in [(Locale::Da, "ingen projekter"), (Locale::En, "no projects")] {
            assert_eq!(
                i18n::strings(l).legend_empty,
                word,
                "the legend of both maps"
            );
        }
    }
}
