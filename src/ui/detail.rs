//! The detail pane: a district (facts, then its projects as a list) or one project (amounts, shares,
//! partners, target group, themes, summary, source). Lines are built as data first, so scrolling,
//! hit-testing and drawing agree on where everything is.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::{App, View};
use crate::data::District;
use crate::i18n;
use crate::money;
use crate::text;
use crate::ui::{fill, join_limited, pane, put, wrap_limited};

/// One line: segments of text with their styles.
type DLine = Vec<(String, Style)>;

/// Lines a field (partners, themes, municipalities, …) wraps to at most; a name (the pane's title
/// line) at most [`NAME_LINES`]; a summary at most [`SUMMARY_LINES`]. Whatever is left is counted
/// or marked, never wrapped: every frame's work is bounded by these, not by the data (a 1 MB name,
/// 10,000 themes).
pub const FIELD_LINES: usize = 20;
pub const NAME_LINES: usize = 3;
pub const SUMMARY_LINES: usize = 400;

/// [`wrap_limited`] of `s` as the screen will spell it: with `--plain` in its ASCII spelling
/// (`å` → `aa`), so that lines are broken for the longer words and the ASCII pass over the finished
/// screen has nothing left to squeeze (it would have to cut a word: `det ind~`). Only as much of
/// `s` as `max_lines` lines can show is spelled, so a 1 MB summary costs what a screenful does.
fn wrap_shown(app: &App, s: &str, width: usize, max_lines: usize) -> (Vec<String>, bool) {
    if !app.theme.ascii || s.is_ascii() {
        return wrap_limited(s, width, max_lines);
    }
    let budget = (width + 1)
        .saturating_mul(max_lines)
        .saturating_mul(2)
        .saturating_add(64);
    let end = s.char_indices().nth(budget).map_or(s.len(), |(i, _)| i);
    let (lines, more) = wrap_limited(
        &crate::text::fold::transliterate(&s[..end]),
        width,
        max_lines,
    );
    (lines, more || end < s.len())
}

/// A name as at most [`NAME_LINES`] lines, the last ending in `…` when the name goes on.
fn name_lines(name: &str, width: usize, app: &App) -> Vec<String> {
    let (mut lines, more) = wrap_shown(app, name, width, NAME_LINES);
    if more && let Some(last) = lines.last_mut() {
        *last = text::truncate(&format!("{last} …"), width).into_owned();
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    lines
}

/// A list joined as far as a field shows it, `… og 9.950 til` / `… and 9,950 more` after.
fn list_text(items: &[String], width: usize, app: &App) -> String {
    let (mut s, left) = join_limited(items, ", ", width.saturating_mul(FIELD_LINES));
    if left > 0 {
        s.push_str(&i18n::and_more(left, app.locale));
    }
    s
}

/// The area inside the pane frame.
pub fn inner(area: Rect) -> Rect {
    if area.width < 3 || area.height < 3 {
        area
    } else {
        Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2)
    }
}

/// Text area: the inner area with one column of padding on each side when there is room.
fn text_area(area: Rect) -> Rect {
    let i = inner(area);
    if i.width >= 20 {
        Rect::new(i.x + 1, i.y, i.width - 2, i.height)
    } else {
        i
    }
}

/// `label  value` lines, the value wrapped under itself (hanging indent), or below the label when
/// the pane is narrow.
fn field(
    out: &mut Vec<DLine>,
    label: &str,
    value: &str,
    label_w: usize,
    width: usize,
    app: &App,
    style: Style,
) {
    let t = &app.theme;
    if width >= label_w + 12 {
        let indent = " ".repeat(label_w);
        let (lines, more) = wrap_shown(app, value, width - label_w, FIELD_LINES);
        for (k, line) in lines.into_iter().enumerate() {
            let head = if k == 0 {
                text::pad_right(label, label_w)
            } else {
                indent.clone()
            };
            out.push(vec![(head, t.label), (line, style)]);
        }
        if more {
            out.push(vec![(indent, t.label), ("…".to_string(), t.dim)]);
        }
    } else {
        out.push(vec![(label.to_string(), t.label)]);
        let (lines, more) = wrap_shown(app, value, width.saturating_sub(1), FIELD_LINES);
        for line in lines {
            out.push(vec![(format!(" {line}"), style)]);
        }
        if more {
            out.push(vec![(" …".to_string(), t.dim)]);
        }
    }
}

fn district_info(app: &App, d: &District, width: usize) -> Vec<DLine> {
    // The district's index, for the view model's (possibly filtered) figures.
    let idx = app
        .data
        .districts
        .iter()
        .position(|x| std::ptr::eq(x, d))
        .unwrap_or(usize::MAX);
    let words = i18n::strings(app.locale);
    let t = &app.theme;
    let loc = app.locale;
    let cur = &app.data.meta.currency;
    let muni_label = format!("{} ({})", words.municipalities, d.municipalities.len());
    let label_w = [words.hq, &muni_label, words.total]
        .iter()
        .map(|s| crate::ui::drawn_width(app, s))
        .max()
        .unwrap_or(0)
        + 2;
    let mut out: Vec<DLine> = Vec::new();
    for line in name_lines(&d.name, width, app) {
        out.push(vec![(line, t.title)]);
    }
    if let Some(hq) = &d.hq {
        field(&mut out, words.hq, hq, label_w, width, app, t.text);
    }
    if !d.municipalities.is_empty() {
        field(
            &mut out,
            &muni_label,
            &list_text(&d.municipalities, width, app),
            label_w,
            width,
            app,
            t.text,
        );
    }
    // Under a theme filter the total is that of the shown projects.
    let shown_total = if app.tools.options.filter().is_some() {
        app.tools.view.figures(idx).amount
    } else {
        d.total
    };
    let mut total = money::format_money(shown_total, cur, loc);
    if let Some(s) = app.data.share_of_pool(shown_total) {
        total.push_str(&format!(
            " · {} {}",
            money::format_percent(s, loc),
            words.of_pool
        ));
    }
    field(&mut out, words.total, &total, label_w, width, app, t.figure);
    out.push(Vec::new());
    let head = if d.has_projects() {
        format!("{} ({})", words.projects, app.visible_projects(idx).len())
    } else {
        words.no_projects.to_string()
    };
    out.push(vec![(head, t.accent)]);
    out
}

/// Splits a district pane into the info part and the project list.
fn district_split(area: Rect, app: &App, district: usize) -> (Vec<DLine>, Rect, Rect) {
    let ta = text_area(area);
    let Some(d) = app.data.districts.get(district) else {
        return (Vec::new(), ta, Rect::new(ta.x, ta.bottom(), ta.width, 0));
    };
    let info = district_info(app, d, usize::from(ta.width));
    let info_len = u16::try_from(info.len()).unwrap_or(u16::MAX);
    // The list keeps at least half the pane (or all its rows, if fewer) when there are projects.
    let list_need = u16::try_from(app.visible_projects(district).len())
        .unwrap_or(u16::MAX)
        .min(ta.height / 2);
    let info_h = info_len.min(ta.height - list_need);
    let info_rect = Rect::new(ta.x, ta.y, ta.width, info_h);
    let list = Rect::new(ta.x, ta.y + info_h, ta.width, ta.height - info_h);
    (info, info_rect, list)
}

/// Where the project list of `district` is drawn in the pane `area`.
pub fn district_list_area(area: Rect, app: &App, district: usize) -> Rect {
    district_split(area, app, district).2
}

fn project_lines(app: &App, project: usize, width: usize) -> Vec<DLine> {
    let words = i18n::strings(app.locale);
    let t = &app.theme;
    let loc = app.locale;
    let cur = &app.data.meta.currency;
    let Some(p) = app.data.projects.get(project) else {
        return Vec::new();
    };
    let district = app.data.districts.get(p.district);
    let labels = [
        words.district,
        words.amount,
        words.share,
        words.partners,
        words.target,
        words.themes,
        words.source,
    ];
    let label_w = labels
        .iter()
        .map(|s| crate::ui::drawn_width(app, s))
        .max()
        .unwrap_or(0)
        + 2;
    let mut out: Vec<DLine> = Vec::new();
    for line in name_lines(&p.name, width, app) {
        out.push(vec![(line, t.title)]);
    }
    if let Some(d) = district {
        field(
            &mut out,
            words.district,
            &text::truncate(&d.name, width.saturating_mul(FIELD_LINES)),
            label_w,
            width,
            app,
            t.text,
        );
    }
    field(
        &mut out,
        words.amount,
        &money::format_money(p.amount, cur, loc),
        label_w,
        width,
        app,
        t.figure,
    );
    let mut shares = Vec::new();
    if let Some(r) = district
        .filter(|d| !d.total.is_zero())
        .and_then(|d| p.amount.checked_div(d.total))
    {
        shares.push(format!(
            "{} {}",
            money::format_percent(r, loc),
            words.of_district
        ));
    }
    if let Some(r) = app.data.share_of_pool(p.amount) {
        shares.push(format!(
            "{} {}",
            money::format_percent(r, loc),
            words.of_pool
        ));
    }
    if !shares.is_empty() {
        field(
            &mut out,
            words.share,
            &shares.join(" · "),
            label_w,
            width,
            app,
            t.text,
        );
    }
    let partners = if p.partners.is_empty() {
        words.none.to_string()
    } else {
        list_text(&p.partners, width, app)
    };
    field(
        &mut out,
        words.partners,
        &partners,
        label_w,
        width,
        app,
        t.text,
    );
    field(
        &mut out,
        words.target,
        p.target.as_deref().unwrap_or(words.none),
        label_w,
        width,
        app,
        t.text,
    );
    let themes = if p.themes.is_empty() {
        words.none.to_string()
    } else {
        list_text(&p.themes, width, app)
    };
    field(&mut out, words.themes, &themes, label_w, width, app, t.text);
    if let Some(summary) = &p.summary {
        out.push(Vec::new());
        out.push(vec![(words.summary.to_string(), t.accent)]);
        let (lines, more) = wrap_shown(app, summary, width, SUMMARY_LINES);
        for line in lines {
            out.push(vec![(line, t.text)]);
        }
        if more {
            out.push(vec![(i18n::cut_short(app.locale).to_string(), t.dim)]);
        }
    }
    if let Some(src) = &app.data.meta.source {
        out.push(Vec::new());
        field(&mut out, words.source, src, label_w, width, app, t.dim);
    }
    out
}

/// Number of lines of the open project's text in the pane `area`.
pub fn project_line_count(app: &App, area: Rect) -> usize {
    match app.view() {
        View::Project { project, .. } => {
            project_lines(app, *project, usize::from(text_area(area).width)).len()
        }
        _ => 0,
    }
}

fn draw_lines(buf: &mut Buffer, area: Rect, lines: &[DLine]) {
    for (k, line) in lines.iter().take(usize::from(area.height)).enumerate() {
        let y = area.y + u16::try_from(k).unwrap_or(u16::MAX);
        let mut x = area.x;
        for (s, style) in line {
            x = put(buf, area, x, y, s, *style);
        }
    }
}

pub fn render(area: Rect, buf: &mut Buffer, app: &App, focused: bool) {
    let words = i18n::strings(app.locale);
    let t = &app.theme;
    match app.view().clone() {
        View::Project { project, scroll } => {
            let ta = text_area(area);
            let lines = project_lines(app, project, usize::from(ta.width));
            let mut title = words.detail.to_string();
            let h = usize::from(ta.height);
            if lines.len() > h && h > 0 {
                title.push_str(&format!(
                    " {}",
                    i18n::position(scroll + 1, lines.len().saturating_sub(h) + 1, app.locale)
                ));
            }
            pane(buf, area, &title, focused, app);
            let from = scroll.min(lines.len());
            draw_lines(buf, ta, &lines[from..]);
            if scroll + h < lines.len() && ta.height > 0 {
                put(
                    buf,
                    area,
                    area.right().saturating_sub(2),
                    area.bottom().saturating_sub(1),
                    t.scroll_down,
                    t.border_focused,
                );
            }
        }
        view => {
            let (district, selected, offset, active) = match view {
                View::District {
                    district,
                    selected,
                    offset,
                } => (district, selected, offset, true),
                _ => (app.selected, usize::MAX, 0, false),
            };
            pane(buf, area, words.detail, focused, app);
            let (info, info_rect, list) = district_split(area, app, district);
            draw_lines(buf, info_rect, &info);
            if app.data.districts.get(district).is_none() {
                return;
            }
            let shown = app.visible_projects(district);
            let amounts: Vec<String> = shown
                .iter()
                .skip(offset)
                .take(usize::from(list.height))
                .filter_map(|&p| app.data.projects.get(p))
                .map(|p| money::format_money(p.amount, &app.data.meta.currency, app.locale))
                .collect();
            let amount_w = amounts.iter().map(|a| text::width(a)).max().unwrap_or(0);
            let w = usize::from(list.width);
            let show_amount = w >= amount_w + 12;
            for (k, (&p, amount)) in shown.iter().skip(offset).zip(&amounts).enumerate() {
                let Some(project) = app.data.projects.get(p) else {
                    continue;
                };
                let y = list.y + u16::try_from(k).unwrap_or(u16::MAX);
                let row = Rect::new(list.x, y, list.width, 1);
                let is_sel = active && offset + k == selected;
                let style = match (is_sel, focused) {
                    (true, true) => t.selected,
                    (true, false) => t.selected_unfocused,
                    _ => t.text,
                };
                if is_sel {
                    fill(buf, row, " ", style);
                }
                let bullet = if is_sel { t.marker } else { t.bullet };
                let name_w = if show_amount {
                    w - amount_w - 3
                } else {
                    w.saturating_sub(2)
                };
                let mut x = put(buf, row, list.x, y, bullet, style);
                x = put(
                    buf,
                    row,
                    x + 1,
                    y,
                    &text::pad_right(&project.name, name_w),
                    style,
                );
                if show_amount {
                    put(buf, row, x + 1, y, &text::pad_left(amount, amount_w), style);
                }
            }
            if offset + usize::from(list.height) < shown.len() {
                put(
                    buf,
                    area,
                    area.right().saturating_sub(2),
                    area.bottom().saturating_sub(1),
                    t.scroll_down,
                    t.border_focused,
                );
            }
        }
    }
}

/// The project-list row (position in the open district's list) at `pos`.
pub fn hit(area: Rect, app: &App, pos: Position) -> Option<usize> {
    let View::District {
        district, offset, ..
    } = app.view()
    else {
        return None;
    };
    let list = district_list_area(area, app, *district);
    if !list.contains(pos) {
        return None;
    }
    let row = usize::from(pos.y - list.y) + offset;
    let n = app.visible_projects(*district).len();
    (row < n).then_some(row)
}
