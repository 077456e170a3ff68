//! The map pane in outline mode: the frame and title, the choropleth (drawn by the geo layer, whose
//! raster cache makes an unchanged size and zoom cheap), and the legend on the pane's bottom edge
//! when the map had no free corner for it. Pure: reads `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};

use crate::app::App;
use crate::geo::OutlineFrame;
use crate::geo::classes::LegendEntry;
use crate::geo::labels::default_texts;
use crate::geo::widget::{ColorMode, OutlineStyle, pattern, rgb_to_256};
use crate::i18n;
use crate::locale::Locale;
use crate::text;
use crate::ui::{pane, put};

/// The legend entry for districts without projects.
pub fn no_projects_word(locale: Locale) -> &'static str {
    match locale {
        Locale::Da => "ingen projekter",
        Locale::En => "no projects",
    }
}

/// The pane's inner area, as `ui::pane` computes it.
fn inner(area: Rect) -> Rect {
    if area.width < 3 || area.height < 3 {
        area
    } else {
        Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2)
    }
}

/// The label alternatives per district (short name + amount, or the name alone).
fn texts(app: &App) -> Vec<Vec<Vec<String>>> {
    default_texts(&app.data.districts, &app.data.meta.currency, app.locale)
}

/// The legend lines in the UI language.
pub fn legend(app: &App) -> Vec<LegendEntry> {
    app.map_view.outline_on().map_or_else(Vec::new, |m| {
        m.classes.legend(
            &app.data.meta.currency,
            app.locale,
            no_projects_word(app.locale),
        )
    })
}

/// Draws the map pane as an outline map. Does nothing when the outline is not on.
pub fn render(area: Rect, buf: &mut Buffer, app: &App, focused: bool) {
    let Some(map) = app.map_view.outline_on() else {
        return;
    };
    let words = i18n::strings(app.locale);
    let zoom = app.outline_zoom();
    let title = match zoom.and_then(|d| app.data.districts.get(d)) {
        Some(d) => format!("{} – {} (z)", words.map, d.short_name()),
        None => words.map.to_string(),
    };
    let inner = pane(buf, area, &title, focused, app);
    if inner.is_empty() {
        return;
    }
    let style = map.style(app.map_view.color);
    let texts = texts(app);
    let legend = legend(app);
    let frame = OutlineFrame {
        selected: Some(app.selected),
        zoom,
        style: &style,
        texts: &texts,
        legend: &legend,
    };
    let drawn = map.render(inner, buf, &frame);
    if !drawn.legend && inner != area {
        legend_on_edge(area, buf, &style, &legend);
    }
}

/// The legend on the pane's bottom edge: swatch + label per class when all fit; else one cell per
/// class followed by the whole range (`0–30 mio. kr.`), then "no projects" if it fits. An entry is
/// never cut.
fn legend_on_edge(area: Rect, buf: &mut Buffer, style: &OutlineStyle, legend: &[LegendEntry]) {
    let y = area.bottom().saturating_sub(1);
    let clip = Rect::new(area.x + 1, y, area.width.saturating_sub(2), 1);
    let count = style.classes.len();
    let full: usize = legend.iter().map(|e| 4 + text::width(&e.label)).sum();
    let mut x = clip.x + 1;
    if full <= usize::from(clip.width.saturating_sub(2)) {
        for e in legend {
            let (sw, st) = swatch(style, e.class, count, 2);
            x = put(buf, clip, x, y, &sw, st);
            x = put(buf, clip, x, y, &format!(" {} ", e.label), Style::default());
        }
        return;
    }
    let classes: Vec<&LegendEntry> = legend.iter().filter(|e| e.class.is_some()).collect();
    let range = match (classes.first(), classes.last()) {
        (Some(a), Some(b)) => {
            let lo = a.label.split('–').next().unwrap_or(&a.label);
            let hi = b.label.rsplit('–').next().unwrap_or(&b.label);
            crate::geo::classes::range_label(lo.trim(), hi.trim())
        }
        _ => String::new(),
    };
    let need = classes.len() + 2 + text::width(&range);
    if need > usize::from(clip.width.saturating_sub(2)) {
        return;
    }
    for e in &classes {
        let (sw, st) = swatch(style, e.class, count, 1);
        x = put(buf, clip, x, y, &sw, st);
    }
    x = put(buf, clip, x, y, &format!(" {range} "), Style::default());
    if let Some(e) = legend.iter().find(|e| e.class.is_none()) {
        let label = format!(" {} ", e.label);
        let need = u16::try_from(3 + text::width(&label)).unwrap_or(u16::MAX);
        if x.saturating_add(need) <= clip.right() {
            x = put(buf, clip, x, y, " ", Style::default());
            let (sw, st) = swatch(style, None, count, 2);
            x = put(buf, clip, x, y, &sw, st);
            put(buf, clip, x, y, &label, Style::default());
        }
    }
}

/// `n` cells showing a class: its colour, or in `NoColor` mode its pattern.
fn swatch(style: &OutlineStyle, class: Option<usize>, count: usize, n: usize) -> (String, Style) {
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
        ColorMode::NoColor => (
            pattern(class, count).to_string().repeat(n),
            Style::default(),
        ),
    }
}

/// The district under `pos` in the map pane `area` (outline mode), as drawn.
pub fn hit(area: Rect, app: &App, pos: Position) -> Option<usize> {
    let map = app.map_view.outline_on()?;
    map.hit_test(inner(area), app.outline_zoom(), &texts(app), pos.x, pos.y)
}
