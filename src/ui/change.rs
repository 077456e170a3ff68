//! The change view: the two rounds named in the header with their pools, one row per district
//! (the amount in each round, the change in money and percent, a bar that diverges from a zero
//! line: decreases to the left, increases to the right, and a sparkline of every open round from
//! three rounds on), and the selected district's projects of both rounds when opened.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::ChangeView;
use crate::app::tabs::Workspace;
use crate::change::Step;
use crate::geo::cache::OutlineCache;
use crate::input::action::{Action, Dir};
use crate::screen::change::{
    CHANGE_CLASSES, ChangeFigures, ChangeRow, ChangeSort, ChangeUnit, Comparison, figure_text,
    layout, project_changes, signed_text,
};
use crate::style::theme::Theme;
use crate::text;
use crate::ui::outline_paint::{OutlineFrame, OutlineStyle, paint};
use crate::ui::status::{draw_hints, key_label_with};
use crate::ui::{cover, pane_with as pane, put, put_repeat};

/// Draws the change view of `ws` into `area` (below the tab bar).
pub fn render(area: Rect, buf: &mut Buffer, ws: &Workspace, view: &ChangeView) {
    cover(buf, area, Style::default());
    let compared = matches!(view.figures, ChangeFigures::Compared(_));
    let l = layout((area.width, area.height), view.open, compared);
    let at = |r: Rect| Rect::new(area.x + r.x, area.y + r.y, r.width, r.height);
    let t = ws.theme();
    let w = crate::i18n::change_words(ws.locale());
    header(at(l.header), buf, ws, view);
    match &view.figures {
        ChangeFigures::Incomparable(msg) => {
            let inner = pane(buf, at(l.table), w.title, true, t);
            for (k, line) in crate::text::wrap::wrap(msg, usize::from(inner.width.max(1)))
                .iter()
                .enumerate()
            {
                let y = inner.y + u16::try_from(k).unwrap_or(u16::MAX);
                put(buf, inner, inner.x, y, line, t.warning);
            }
        }
        ChangeFigures::Compared(c) => {
            if let (Some(shown), Some(app)) = (ws.change_map(), ws.active_app()) {
                let area = at(shown.area);
                match &shown.outline {
                    Some(outline) => {
                        change_outline(area, buf, ws, view, c, outline, shown.zoom, app);
                    }
                    None => change_tiles(area, buf, ws, view, c, app),
                }
            }
            table(at(l.table), buf, ws, view, c);
            if let Some(r) = l.projects {
                projects(at(r), buf, ws, view, c);
            }
        }
    }
    draw_hints(at(l.hints), buf, t, &hint_items(ws, view));
}

/// The rounds compared (title and period of each) and their pools.
fn header(area: Rect, buf: &mut Buffer, ws: &Workspace, view: &ChangeView) {
    let t = ws.theme();
    let w = crate::i18n::change_words(ws.locale());
    let rounds = ws.rounds();
    let name = |tab: usize| {
        rounds.iter().find(|r| r.0 == tab).map(|(_, label, d)| {
            match d.meta.period.as_deref().or(d.meta.published.as_deref()) {
                Some(p) if !label.contains(p) => format!("{label} ({p})"),
                _ => label.clone(),
            }
        })
    };
    let base = name(view.base).unwrap_or_default();
    let cmp = name(ws.active()).unwrap_or_default();
    let line = format!(" {} · {base} {} {cmp}", w.title, t.change.arrow);
    put(buf, area, area.x, area.y, &line, t.title);
    let ChangeFigures::Compared(c) = &view.figures else {
        return;
    };
    if area.height < 2 {
        return;
    }
    let money = |v: Decimal| figure_text(v, ChangeUnit::Full, &c.currency, ws.locale());
    let pair = |label: &str, (a, b): (Option<Decimal>, Option<Decimal>)| -> Option<String> {
        let (a, b) = (a?, b?);
        let by = signed_text(b - a, ChangeUnit::Full, &c.currency, ws.locale());
        Some(format!(
            "{label} {} {} {} ({by})",
            money(a),
            t.change.arrow,
            money(b)
        ))
    };
    let parts: Vec<String> = [pair(w.pool, c.pools), pair(w.not_itemised, c.not_itemised)]
        .into_iter()
        .flatten()
        .collect();
    put(
        buf,
        area,
        area.x,
        area.y + 1,
        &format!(" {}", parts.join("   ")),
        t.text,
    );
}

/// The map pane's title: `Kort · ændring`, with the zoom's district when zoomed.
fn map_title(ws: &Workspace, zoom: Option<(usize, &crate::app::App)>) -> String {
    let w = crate::i18n::change_words(ws.locale());
    match zoom.and_then(|(d, app)| app.data().districts.get(d)) {
        Some(d) => format!("{} · {}", w.map, d.short_name()),
        None => w.map.to_string(),
    }
}

/// The change map's shading: the diverging palette in the tab's colour mode.
fn change_style(app: &crate::app::App) -> OutlineStyle {
    let mut style = OutlineStyle::of_theme(app.map_view().color, CHANGE_CLASSES, app.theme());
    style.classes = crate::style::change::DIVERGING.to_vec();
    style
}

/// The comparison round's districts on its outline map, shaded by their change.
#[allow(clippy::too_many_arguments)]
fn change_outline(
    area: Rect,
    buf: &mut Buffer,
    ws: &Workspace,
    view: &ChangeView,
    c: &Comparison,
    outline: &crate::screen::outline::OutlineMap,
    zoom: Option<usize>,
    app: &crate::app::App,
) {
    let t = ws.theme();
    let m = &c.map;
    let title = map_title(ws, zoom.map(|d| (d, app)));
    let inner = pane(buf, area, &title, view.map_focus && !view.open, t);
    if inner.is_empty() {
        return;
    }
    let style = change_style(app);
    let marked = view.marked_districts();
    let frame = OutlineFrame {
        selected: view.selected_district(),
        zoom,
        style: &style,
        classes: &m.classes,
        priority: &m.priority,
        texts: &m.texts,
        legend: &m.legend,
        marked: &marked,
        mark: t.mark,
    };
    // The change view keeps no raster between frames: it is placed for the frame (the map pane
    // of a round's own tab has its cache).
    let drawn = paint(outline, &OutlineCache::default(), inner, buf, &frame);
    if !drawn.legend && inner != area {
        crate::ui::outline::legend_on_edge(area, buf, &style, &m.legend);
    }
}

/// The comparison round's tiles, shaded by their change: each tile its district's short name
/// (marked ones with the mark) and its change where it fits; the selected tile framed.
fn change_tiles(
    area: Rect,
    buf: &mut Buffer,
    ws: &Workspace,
    view: &ChangeView,
    c: &Comparison,
    app: &crate::app::App,
) {
    use crate::screen::tiles::{geometry, text_w_of, tile_names, visible_districts};
    let t = ws.theme();
    let m = &c.map;
    let marked = view.marked_districts();
    let mut inputs = app.inputs();
    inputs.map_offset = view.map_offset;
    inputs.marks = &marked;
    let g = geometry(area, &inputs);
    let focused = view.map_focus && !view.open;
    let inner = pane(buf, area, &map_title(ws, None), focused, t);
    if g.grid.is_empty() {
        return;
    }
    let style = change_style(app);
    let window = visible_districts(&g, &inputs);
    let selected = view.selected_district();
    let fitted = crate::screen::tiles::fit_names(&tile_names(&window, &inputs, selected));
    for (&(d, r), names) in window.iter().zip(&fitted) {
        let class = m.classes.get(d).copied().flatten();
        let (st, fill_sym) = crate::ui::map::tile_shade(&style, class, t.ascii);
        crate::ui::fill(buf, r, &fill_sym, st);
        if Some(d) == selected {
            crate::ui::map::ring(buf, inner, r, &g, t, &style, focused);
        }
        let text_w = text_w_of(r);
        let mut lines = names.clone();
        let name_count = lines.len();
        // The change under the name where it fits whole: a figure cut short reads as another.
        if usize::from(r.height) > lines.len()
            && let Some(f) = m.figures.get(d).and_then(Option::as_ref)
            && text::width(f) <= text_w
        {
            lines.push(f.clone());
        }
        let marker = (Some(d) == selected).then_some(t.marker);
        crate::ui::map::tile_text(buf, r, &lines, name_count, (st, &fill_sym), marker);
    }
    if g.legend {
        let row = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        crate::ui::outline::legend_line(row, buf, &style, &m.legend, t.ascii);
    } else if inner != area {
        crate::ui::outline::legend_on_edge(area, buf, &style, &m.legend);
    }
}

/// What the unit and the order are called in the table's title.
fn options_label(ws: &Workspace, c: &Comparison) -> String {
    let w = crate::i18n::change_words(ws.locale());
    let scale = c.scale.label(&c.currency, ws.locale());
    let unit = match c.unit {
        ChangeUnit::PerInhabitant => format!("{scale} {}", w.unit_per_inhabitant_suffix),
        ChangeUnit::Compact | ChangeUnit::Full => scale,
    };
    let sort = match c.sort {
        ChangeSort::ByChange => w.sort_change,
        ChangeSort::ByDecrease => w.sort_decrease,
        ChangeSort::ByName => w.sort_name,
        ChangeSort::AsListed => w.sort_listed,
    };
    format!("{} · {unit} · {sort}", w.districts)
}

/// The columns of a table `width` wide: the name, the four figures, the bar and the sparkline.
/// Where the row is narrow the sparkline goes first, then the bar, the percent and the base figure.
struct Columns {
    name: usize,
    figures: [usize; 4],
    bar: usize,
    spark: usize,
}

fn columns(width: usize, c: &Comparison) -> Columns {
    let longest = c
        .rows
        .iter()
        .map(|r| text::width(&r.name))
        .max()
        .unwrap_or(0);
    let name = (longest + 2).clamp(12, 30);
    let mut figures = c.widths;
    let spark = if c.series_len >= 3 { c.series_len } else { 0 };
    // Each column after the name takes one blank before it.
    let used = |figures: &[usize; 4]| {
        name + figures
            .iter()
            .map(|&f| if f > 0 { f + 1 } else { 0 })
            .sum::<usize>()
    };
    let mut rest = width.saturating_sub(used(&figures));
    let spark = if rest >= spark + 1 + 12 && spark > 0 {
        rest -= spark + 1;
        spark
    } else {
        0
    };
    let bar = if rest >= 11 { (rest - 1).min(60) } else { 0 };
    if used(&figures) > width {
        figures[3] = 0;
    }
    if used(&figures) > width {
        figures[0] = 0;
    }
    let fixed = used(&figures) - name
        + if bar > 0 { bar + 1 } else { 0 }
        + if spark > 0 { spark + 1 } else { 0 };
    Columns {
        name: width.saturating_sub(fixed).max(1),
        figures,
        bar,
        spark,
    }
}

fn table(area: Rect, buf: &mut Buffer, ws: &Workspace, view: &ChangeView, c: &Comparison) {
    let t = ws.theme();
    let inner = pane(
        buf,
        area,
        &options_label(ws, c),
        !view.open && !view.map_focus,
        t,
    );
    if inner.is_empty() {
        return;
    }
    let cols = columns(usize::from(inner.width), c);
    let rows = c.rows.iter().enumerate().skip(view.offset);
    for ((k, row), y) in rows.zip(inner.top()..inner.bottom()) {
        let selected = k == view.selected;
        let style = if selected {
            if view.open {
                t.selected_unfocused
            } else {
                t.selected
            }
        } else {
            t.text
        };
        let line = Rect::new(inner.x, y, inner.width, 1);
        if selected {
            put_repeat(buf, line, inner.x, y, " ", usize::from(inner.width), style);
        }
        let mark = if selected { t.marker } else { " " };
        let mut x = put(buf, line, inner.x, y, mark, style);
        let mut name_w = cols.name.saturating_sub(1);
        if view.is_marked(k) {
            x = put(buf, line, x, y, t.mark, style);
            name_w = name_w.saturating_sub(text::width(t.mark));
        }
        put(buf, line, x, y, &text::truncate(&row.name, name_w), style);
        x = inner.x + u16::try_from(cols.name).unwrap_or(u16::MAX);
        for (i, (&wd, txt)) in cols.figures.iter().zip(&row.texts).enumerate() {
            if wd == 0 {
                continue;
            }
            let st = match (i, row.step) {
                (2 | 3, Step::Changed { by, .. }) if by > Decimal::ZERO && !selected => {
                    t.change.increase
                }
                (2 | 3, Step::Changed { by, .. }) if by < Decimal::ZERO && !selected => {
                    t.change.decrease
                }
                (2, Step::New | Step::Ended) if !selected => t.label,
                _ => style,
            };
            let pad = wd.saturating_sub(text::width(txt));
            let xx = x + 1 + u16::try_from(pad).unwrap_or(0);
            put(buf, line, xx, y, txt, st);
            x += u16::try_from(wd + 1).unwrap_or(u16::MAX);
        }
        if cols.bar > 0 {
            diverging_bar(buf, line, x + 1, y, cols.bar, row, c.max_change, t);
            x += u16::try_from(cols.bar + 1).unwrap_or(u16::MAX);
        }
        if cols.spark > 0 {
            put(buf, line, x + 1, y, &sparkline(row, t), t.dim);
        }
    }
}

/// A bar from a zero line in the middle of `width` cells: a decrease to the left, an increase to
/// the right, scaled to the largest change. Colours tell them apart; without colour the theme's
/// symbols do (`+` / `-` in `--plain`).
#[allow(clippy::too_many_arguments)]
fn diverging_bar(
    buf: &mut Buffer,
    clip: Rect,
    x: u16,
    y: u16,
    width: usize,
    row: &ChangeRow,
    max: Decimal,
    t: &Theme,
) {
    let half = width / 2;
    let zero = x + u16::try_from(half).unwrap_or(0);
    put(buf, clip, zero, y, t.change.zero_line, t.dim);
    let Step::Changed { by, .. } = row.step else {
        return;
    };
    if max <= Decimal::ZERO || by.is_zero() {
        return;
    }
    // Eighths of a cell, at least one for any change.
    let eighths = (by.abs() / max * Decimal::from(half * 8))
        .round()
        .to_usize()
        .unwrap_or(0)
        .clamp(1, half * 8);
    let (full, part) = (eighths / 8, eighths % 8);
    if by > Decimal::ZERO {
        let mut cx = put_repeat(
            buf,
            clip,
            zero + 1,
            y,
            t.change.increase_symbol,
            full,
            t.change.increase,
        );
        if part > 0 && t.change.increase_symbol == t.eighths[7] {
            cx = put(buf, clip, cx, y, t.eighths[part - 1], t.change.increase);
        }
        let _ = cx;
    } else {
        // Leftwards: whole cells, and a half cell (`▐`) where the rest is half a cell or more.
        let n = full + usize::from(part >= 4);
        let start = zero.saturating_sub(u16::try_from(n).unwrap_or(0));
        put_repeat(
            buf,
            clip,
            start,
            y,
            t.change.decrease_symbol,
            full,
            t.change.decrease,
        );
        if part >= 4 {
            let sym = if t.change.decrease_symbol == t.eighths[7] {
                t.change.half_right
            } else {
                t.change.decrease_symbol
            };
            put(buf, clip, start, y, sym, t.change.decrease);
            put_repeat(
                buf,
                clip,
                start + 1,
                y,
                t.change.decrease_symbol,
                full,
                t.change.decrease,
            );
        }
    }
}

/// The district's amount across the open rounds, in series order: one cell each, scaled to its
/// largest amount; `·` where it is not in a round.
fn sparkline(row: &ChangeRow, t: &Theme) -> String {
    let max = row
        .series
        .iter()
        .flatten()
        .max()
        .copied()
        .unwrap_or_default();
    row.series
        .iter()
        .map(|v| match v {
            None => t.change.spark_missing,
            Some(_) if max <= Decimal::ZERO => t.change.spark[0],
            Some(v) => {
                let n = t.change.spark.len() - 1;
                let k = (*v / max * Decimal::from(n))
                    .round()
                    .to_usize()
                    .unwrap_or(0);
                t.change.spark[k.min(n)]
            }
        })
        .collect()
}

/// The selected district's projects in both rounds, matched by id.
fn projects(area: Rect, buf: &mut Buffer, ws: &Workspace, view: &ChangeView, c: &Comparison) {
    let t = ws.theme();
    let w = crate::i18n::change_words(ws.locale());
    let Some(row) = c.rows.get(view.selected) else {
        return;
    };
    let title = format!("{} · {}", w.projects, row.name);
    let inner = pane(buf, area, &title, true, t);
    let rounds = ws.rounds();
    let data = |tab: usize| rounds.iter().find(|r| r.0 == tab).map(|r| r.2);
    let (Some(base), Some(cmp)) = (data(view.base), data(ws.active())) else {
        return;
    };
    let list = project_changes(base, row.at_base, cmp, row.at_cmp);
    if list.is_empty() {
        put(buf, inner, inner.x + 1, inner.y, w.no_projects, t.dim);
        return;
    }
    let money = |v: Decimal| figure_text(v, ChangeUnit::Full, &c.currency, ws.locale());
    for (p, y) in list.iter().zip(inner.top()..inner.bottom()) {
        let (what, st) = match p.step {
            Step::Changed { by, .. } if by.is_zero() => (money(p.cmp.unwrap_or_default()), t.text),
            Step::Changed { by, .. } => (
                format!(
                    "{} {} {}",
                    money(p.base.unwrap_or_default()),
                    t.change.arrow,
                    money(p.cmp.unwrap_or_default())
                ),
                if by > Decimal::ZERO {
                    t.change.increase
                } else {
                    t.change.decrease
                },
            ),
            Step::New => (
                format!("{} ({})", money(p.cmp.unwrap_or_default()), w.new),
                t.change.increase,
            ),
            Step::Ended => (
                format!("{} ({})", money(p.base.unwrap_or_default()), w.ended),
                t.change.decrease,
            ),
            Step::Absent => (String::new(), t.text),
        };
        let room = usize::from(inner.width).saturating_sub(text::width(&what) + 3);
        let line = Rect::new(inner.x, y, inner.width, 1);
        put(
            buf,
            line,
            inner.x + 1,
            y,
            &text::truncate(&p.name, room),
            t.text,
        );
        let x = inner
            .right()
            .saturating_sub(u16::try_from(text::width(&what) + 1).unwrap_or(0));
        put(buf, line, x, y, &what, st);
    }
}

/// The change view's key hints, from the keymap.
fn hint_items(ws: &Workspace, view: &ChangeView) -> Vec<(String, &'static str)> {
    let w = crate::i18n::change_words(ws.locale());
    let words = crate::i18n::strings(ws.locale());
    let key = |a: Action| {
        ws.keymap()
            .keys_for(a)
            .first()
            .map(|&k| key_label_with(ws.theme(), ws.locale(), k))
    };
    let mut out = Vec::new();
    let dirs: &[Dir] = if view.map_focus {
        &[Dir::Up, Dir::Down, Dir::Left, Dir::Right]
    } else {
        &[Dir::Up, Dir::Down]
    };
    let arrows: String = dirs.iter().filter_map(|&d| key(Action::Move(d))).collect();
    out.push((arrows, words.hint_move));
    let map = ws.change_map();
    let tools = crate::i18n::tools(ws.locale());
    if view.open {
        out.extend(key(Action::Back).map(|k| (k, w.hint_back)));
    } else {
        out.extend(key(Action::Enter).map(|k| (k, w.hint_open)));
    }
    let tabs: String = [Action::PrevTab, Action::NextTab]
        .iter()
        .filter_map(|&a| key(a))
        .collect();
    out.push((tabs, w.hint_round));
    out.extend(key(Action::SwapRounds).map(|k| (k, w.hint_swap)));
    out.extend(key(Action::CycleUnit).map(|k| (k, w.hint_unit)));
    out.extend(key(Action::CycleSort).map(|k| (k, w.hint_sort)));
    // Closing and quitting before the map's keys: a narrow hint bar drops the items at its end.
    out.extend(key(Action::Change).map(|k| (k, w.hint_close)));
    out.extend(key(Action::Quit).map(|k| (k, words.hint_quit)));
    if map.is_some() {
        out.extend(key(Action::FocusNext).map(|k| (k, words.hint_focus)));
    }
    out.extend(key(Action::Mark).map(|k| (k, tools.hint_mark)));
    let has_outline = ws
        .active_app()
        .is_some_and(|a| a.map_view().outline.is_some());
    if let Some(m) = &map {
        if has_outline {
            let what = if m.outline.is_some() {
                tools.hint_tiles
            } else {
                tools.hint_outline
            };
            out.extend(key(Action::ToggleMapMode).map(|k| (k, what)));
        }
        if m.outline.is_some() {
            out.extend(key(Action::ToggleZoom).map(|k| (k, tools.hint_zoom)));
        }
    }
    out
}
