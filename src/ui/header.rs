//! The header: dataset title, period and source; pool, allocated and not itemised as money and as a
//! share of the pool. Falls back to compact amounts, then to fewer figures, as the width shrinks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::App;
use crate::i18n;
use crate::money;
use crate::text;
use crate::ui::put;

/// The figures as (label, amount, share) with full or compact money.
fn figures(app: &App, compact: bool, with_share: bool) -> Vec<(String, String)> {
    let words = i18n::strings(app.locale());
    let d = &app.data();
    let loc = app.locale();
    let fmt = |v| {
        if compact {
            money::format_money_compact(v, &d.meta.currency, loc)
        } else {
            money::format_money(v, &d.meta.currency, loc)
        }
    };
    let share = |v| {
        d.share_of_pool(v)
            .filter(|_| with_share)
            .map_or_else(String::new, |r| {
                format!(" ({})", money::format_percent(r, loc))
            })
    };
    let mut out = Vec::new();
    if let Some(pool) = d.meta.pool {
        out.push((words.pool.to_string(), fmt(pool)));
    }
    out.push((
        words.allocated.to_string(),
        format!("{}{}", fmt(d.allocated), share(d.allocated)),
    ));
    if let Some(rest) = d.not_itemised {
        out.push((
            words.not_itemised.to_string(),
            format!("{}{}", fmt(rest), share(rest)),
        ));
    }
    out
}

fn figures_width(f: &[(String, String)]) -> usize {
    f.iter()
        .map(|(l, v)| text::width(l) + 1 + text::width(v))
        .sum::<usize>()
        + 2 * f.len().saturating_sub(1)
}

fn draw_figures(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    f: &[(String, String)],
    app: &App,
) -> u16 {
    let t = &app.theme();
    let mut x = x;
    for (k, (label, value)) in f.iter().enumerate() {
        if k > 0 {
            x = put(buf, area, x, y, "  ", t.dim);
        }
        x = put(buf, area, x, y, label, t.label);
        x = put(buf, area, x + 1, y, value, t.figure);
    }
    x
}

pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    if area.is_empty() {
        return;
    }
    let t = &app.theme();
    let meta = &app.data().meta;
    let w = usize::from(area.width.saturating_sub(2));
    let x0 = area.x + u16::from(area.width > 2);
    let mut extra: Vec<&str> = Vec::new();
    // The period is left out when the title already says it.
    extra.extend(meta.period.as_deref().filter(|p| !meta.title.contains(p)));
    extra.extend(meta.source.as_deref());
    // Under a theme filter the indicator goes at the right, after the title: the title keeps at
    // least half the row (or all it needs), the indicator gets the rest, long form if it fits.
    let title_full = text::width(&meta.title);
    let filter = filter_label(
        app,
        w.saturating_sub(title_full.min(w / 2) + 1)
            .min(w.saturating_sub(1)),
    );
    let filter_w = filter.as_deref().map_or(0, text::width);
    let title_w = if filter.is_some() {
        w.saturating_sub(filter_w + 1)
    } else {
        w
    };
    let title = text::truncate_with(&meta.title, title_w, t.ellipsis).into_owned();
    if let Some(label) = &filter {
        let lw = u16::try_from(filter_w).unwrap_or(u16::MAX);
        let right = area.right() - u16::from(area.width > 2);
        let style = t.accent.add_modifier(Modifier::REVERSED);
        put(buf, area, right.saturating_sub(lw), area.y, label, style);
    }
    let y = area.y;

    let mut x = put(buf, area, x0, y, &title, t.title);
    if area.height == 1 {
        // One row: the title, then the most compact figures that fit.
        let f = figures(app, true, false);
        if text::width(&title) + 3 + figures_width(&f) <= title_w {
            x = put(buf, area, x, y, "   ", Style::new());
            draw_figures(buf, area, x, y, &f, app);
        }
        return;
    }
    // What is left between the title and the indicator (or the edge).
    let rest = title_w.saturating_sub(text::width(&title));
    let extra = extra.join(" · ");
    if !extra.is_empty() && rest > 6 {
        put(
            buf,
            area,
            x,
            y,
            &format!(" · {}", text::truncate(&extra, rest - 3)),
            t.dim,
        );
    }
    let choices = [(false, true), (true, true), (true, false)];
    let f = choices
        .iter()
        .map(|&(compact, share)| figures(app, compact, share))
        .find(|f| figures_width(f) <= w)
        .unwrap_or_else(|| figures(app, true, false));
    draw_figures(buf, area, x0, area.y + 1, &f, app);
}

/// The filter indicator of the header, `Filter: theme (n projects, amount)`, or only `Filter: theme`
/// (cut to fit) when the long form is wider than `max` columns; `None` without a theme filter or room.
pub fn filter_label(app: &App, max: usize) -> Option<String> {
    let f = app.options().filter()?;
    if max == 0 {
        return None;
    }
    let w = i18n::tools(app.locale());
    let vm = &app.figures();
    let amount =
        money::format_money_compact(vm.shown_total, &app.data().meta.currency, app.locale());
    let full = format!(
        " {}: {f} ({}, {amount}) ",
        w.filter_on,
        i18n::count(
            vm.shown_projects,
            w.project_one,
            w.project_many,
            app.locale()
        )
    );
    if text::width(&full) <= max {
        return Some(full);
    }
    let short = format!(" {}: {f} ", w.filter_on);
    if text::width(&short) <= max {
        return Some(short);
    }
    // Tight: no padding, cut with the theme's ellipsis.
    let bare = format!("{}: {f}", w.filter_on);
    Some(text::truncate_with(&bare, max, app.theme().ellipsis).into_owned())
}
