//! The detail pane's lines: a district (facts, then its projects as a list) or one project (amounts,
//! shares, partners, target group, themes, summary, source). Lines are built as data first, so
//! scrolling, hit-testing and drawing agree on where everything is.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::data::District;
use crate::i18n;
use crate::money;
use crate::screen::{Inputs, View};
use crate::text;
use crate::text::wrap::{join_limited, wrap_limited};

/// One line: segments of text with their styles.
pub type DLine = Vec<(String, Style)>;

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
pub fn wrap_shown(
    app: &Inputs<'_>,
    s: &str,
    width: usize,
    max_lines: usize,
) -> (Vec<String>, bool) {
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
pub fn name_lines(name: &str, width: usize, app: &Inputs<'_>) -> Vec<String> {
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
pub fn list_text<S: AsRef<str>>(
    items: impl IntoIterator<Item = S>,
    width: usize,
    app: &Inputs<'_>,
) -> String {
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
pub fn text_area(area: Rect) -> Rect {
    let i = inner(area);
    if i.width >= 20 {
        Rect::new(i.x + 1, i.y, i.width - 2, i.height)
    } else {
        i
    }
}

/// `label  value` lines, the value wrapped under itself (hanging indent), or below the label when
/// the pane is narrow.
pub fn field(
    out: &mut Vec<DLine>,
    label: &str,
    value: &str,
    label_w: usize,
    width: usize,
    app: &Inputs<'_>,
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

pub fn district_info(app: &Inputs<'_>, d: &District, width: usize) -> Vec<DLine> {
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
    let tools = i18n::tools(loc);
    let muni_label = format!("{} ({})", words.municipalities, d.municipalities.len());
    let has_population = d.population.is_some_and(|p| p > 0);
    let label_w = [words.hq, &muni_label, words.total]
        .into_iter()
        .chain(
            has_population
                .then_some([tools.col_population, tools.col_per_inhabitant])
                .into_iter()
                .flatten(),
        )
        .collect::<Vec<_>>()
        .iter()
        .map(|s| crate::screen::drawn_width(app, s))
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
    let shown_total = if app.options.filter().is_some() {
        app.figures.figures(idx).amount
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
    // The population and the amount per inhabitant, when the file has them for this district.
    if let Some(pop) = d.population.filter(|&p| p > 0) {
        let pop_text = crate::locale::format_number(rust_decimal::Decimal::from(pop), 0, loc);
        field(
            &mut out,
            tools.col_population,
            &pop_text,
            label_w,
            width,
            app,
            t.text,
        );
        if let Some(per) = shown_total.checked_div(rust_decimal::Decimal::from(pop)) {
            let per = crate::screen::figures::Value::PerInhabitant(per).text(
                cur,
                crate::screen::figures::Unit::PerInhabitant,
                loc,
            );
            field(
                &mut out,
                tools.col_per_inhabitant,
                &per,
                label_w,
                width,
                app,
                t.figure,
            );
        }
    }
    out.push(Vec::new());
    if d.has_projects() {
        let shown = app.visible_projects(idx);
        let head = format!("{} ({})", words.projects, shown.len());
        let cols = project_columns(app, idx, &shown, width);
        let mut line = vec![(head.clone(), t.accent)];
        // The columns' headings, right-aligned over them: the share of the district and the
        // amounts' one scale.
        if cols.show_amount {
            let right = format!(
                "{}  {}",
                text::pad_left(&cols.share_heading, cols.share_w),
                text::pad_left(&cols.amount_heading, cols.amount_w)
            );
            let gap = width.saturating_sub(text::width(&head) + text::width(&right));
            if gap >= 1 {
                line.push((" ".repeat(gap), t.dim));
                line.push((right, t.dim));
            }
        }
        out.push(line);
    } else {
        out.push(vec![(words.no_projects.to_string(), t.accent)]);
    }
    out
}

/// How the project list's columns are laid out: the amounts in one scale for the whole list (from
/// its largest amount; compact or whole kroner as the list's `u` says), the share of the district,
/// and a small bar, each only while the name keeps room.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectColumns {
    pub scale: money::Scale,
    pub amount_w: usize,
    pub amount_heading: String,
    pub share_w: usize,
    pub share_heading: String,
    pub bar_w: usize,
    /// The largest amount (full bar) and what shares are taken of (the district's shown total).
    pub max: rust_decimal::Decimal,
    pub total: rust_decimal::Decimal,
    pub show_amount: bool,
}

/// The columns of `district`'s list `shown` at `width`: one pass over the list (the same list the
/// frame already holds), formatting only its largest amount.
pub fn project_columns(
    app: &Inputs<'_>,
    district: usize,
    shown: &[usize],
    width: usize,
) -> ProjectColumns {
    let amounts = shown
        .iter()
        .filter_map(|&p| app.data.projects.get(p))
        .map(|p| p.amount);
    let scale = money::Scale::of_amounts(amounts.clone(), app.project_options.compact);
    let max = amounts.max().unwrap_or_default();
    let total = app.figures.figures(district).amount;
    let amount_heading = scale.label(&app.data.meta.currency, app.locale);
    let amount_w = text::width(&scale.number(max, app.locale)).max(text::width(&amount_heading));
    let share_heading = match app.locale {
        crate::locale::Locale::Da => "% kreds",
        crate::locale::Locale::En => "% distr.",
    }
    .to_string();
    // `100,0` at most, under its heading.
    let share_w = text::width(&share_heading).max(5);
    // Name first: the figures only while the name keeps 12 columns, the bar while it keeps 24.
    let show_amount = width >= amount_w + 2 + 12;
    let show_share = width >= amount_w + share_w + 4 + 12;
    let bar_w = if width >= amount_w + share_w + 4 + 24 + 12 {
        (width / 8).clamp(4, 16)
    } else {
        0
    };
    ProjectColumns {
        scale,
        amount_w,
        amount_heading,
        share_w: if show_share { share_w } else { 0 },
        share_heading,
        bar_w,
        max,
        total,
        show_amount,
    }
}

/// Splits a district pane into the info part and the project list.
pub fn district_split(area: Rect, app: &Inputs<'_>, district: usize) -> (Vec<DLine>, Rect, Rect) {
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
    let mut info = info;
    // Cut short, the facts give up their last lines but not the list's heading (`Projekter (n)`
    // with its columns' unit): the figures below it would have no unit.
    if info_h < info_len
        && info_h >= 2
        && let Some(heading) = info.pop()
    {
        info.truncate(usize::from(info_h) - 1);
        info.push(heading);
    }
    let info_rect = Rect::new(ta.x, ta.y, ta.width, info_h);
    let list = Rect::new(ta.x, ta.y + info_h, ta.width, ta.height - info_h);
    (info, info_rect, list)
}

/// Where the project list of `district` is drawn in the pane `area`.
pub fn district_list_area(area: Rect, app: &Inputs<'_>, district: usize) -> Rect {
    district_split(area, app, district).2
}

pub fn project_lines(app: &Inputs<'_>, project: usize, width: usize) -> Vec<DLine> {
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
        .map(|s| crate::screen::drawn_width(app, s))
        .max()
        .unwrap_or(0)
        + 2;
    let mut out: Vec<DLine> = Vec::new();
    for line in name_lines(p.name(), width, app) {
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
    let partners = if p.partners().is_empty() {
        words.none.to_string()
    } else {
        list_text(p.partners(), width, app)
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
        p.target().unwrap_or(words.none),
        label_w,
        width,
        app,
        t.text,
    );
    let themes = if p.themes().is_empty() {
        words.none.to_string()
    } else {
        list_text(p.themes(), width, app)
    };
    field(&mut out, words.themes, &themes, label_w, width, app, t.text);
    if let Some(summary) = p.summary() {
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
pub fn project_line_count(app: &Inputs<'_>, area: Rect) -> usize {
    match app.view() {
        View::Project { project, .. } => {
            project_lines(app, *project, usize::from(text_area(area).width)).len()
        }
        _ => 0,
    }
}

/// The project-list row (position in the open district's list) at `pos`.
pub fn hit(area: Rect, app: &Inputs<'_>, pos: Position) -> Option<usize> {
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
