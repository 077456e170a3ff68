//! The comparison of the marked districts, drawn over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n;
use crate::money;
use crate::text;
use crate::ui::overlays::centred;
use crate::ui::{cover, pane, put};

/// The comparison: one column per marked district, rows amount, share, projects, population, per
/// inhabitant; a total column when there is room.
pub(super) fn compare(area: Rect, buf: &mut Buffer, app: &App) {
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    let c = app.comparison();
    let loc = app.locale();
    let cur = &app.data().meta.currency;
    let dash = t.dash.to_string();
    let pct = |v: Option<rust_decimal::Decimal>| {
        v.map_or(dash.clone(), |r| money::format_percent(r, loc))
    };
    let per = |v: Option<rust_decimal::Decimal>| {
        v.map_or(dash.clone(), |r| {
            crate::screen::figures::Value::PerInhabitant(r).text(
                cur,
                crate::screen::figures::Unit::PerInhabitant,
                loc,
            )
        })
    };
    let mut cols: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| {
            vec![
                app.data()
                    .districts
                    .get(r.district)
                    .map_or_else(String::new, |d| d.short_name().to_string()),
                money::format_money(r.amount, cur, loc),
                pct(r.share),
                pct(r.share_of_compared),
                r.projects.to_string(),
                r.population.map_or(dash.clone(), |p| {
                    crate::locale::format_number(rust_decimal::Decimal::from(p), 0, loc)
                }),
                per(r.per_inhabitant),
            ]
        })
        .collect();
    cols.push(vec![
        w.col_total.to_string(),
        money::format_money(c.total_amount, cur, loc),
        pct(c.total_share),
        pct(Some(rust_decimal::Decimal::ONE)).to_string(),
        c.total_projects.to_string(),
        c.total_population.map_or(dash.clone(), |p| {
            crate::locale::format_number(rust_decimal::Decimal::from(p), 0, loc)
        }),
        per(c.total_per_inhabitant),
    ]);
    let labels = [
        "",
        w.col_amount,
        w.col_share,
        w.col_share_compared,
        w.col_projects,
        w.col_population,
        w.col_per_inhabitant,
    ];
    let label_w = labels
        .iter()
        .map(|s| crate::screen::drawn_width(&app.inputs(), s))
        .max()
        .unwrap_or(0);
    let col_w: Vec<usize> = cols
        .iter()
        .map(|c| c.iter().map(|s| text::width(s)).max().unwrap_or(0).max(6))
        .collect();
    let mut title = w.compare_title.to_string();
    if let Some(f) = app.options().filter() {
        title.push_str(&format!(" · {}: {f}", w.filter_on));
    }
    let need = label_w + col_w.iter().map(|c| c + 2).sum::<usize>() + 4;
    let bw = u16::try_from(need)
        .unwrap_or(u16::MAX)
        .max(u16::try_from(text::width(&title) + 8).unwrap_or(u16::MAX));
    let bh = u16::try_from(labels.len() + 4).unwrap_or(u16::MAX);
    let r = centred(area, bw, bh);
    cover(buf, r, t.text);
    let inner = pane(buf, r, &title, true, app);
    if inner.is_empty() {
        return;
    }
    let iw = usize::from(inner.width.saturating_sub(2));
    // Columns that fit, the total column last (dropped first when narrow).
    let mut shown: Vec<usize> = Vec::new();
    let mut used = label_w;
    for (k, cw) in col_w.iter().enumerate() {
        if used + 2 + cw > iw {
            break;
        }
        used += 2 + cw;
        shown.push(k);
    }
    for (row, label) in labels.iter().enumerate() {
        let y = inner.y + 1 + u16::try_from(row).unwrap_or(0);
        if y >= inner.bottom() {
            break;
        }
        let line = Rect::new(inner.x + 1, y, inner.width.saturating_sub(1), 1);
        let mut x = put(
            buf,
            line,
            line.x,
            y,
            &text::pad_right(label, label_w),
            t.label,
        );
        for &k in &shown {
            let cell = cols[k].get(row).map_or("", String::as_str);
            let style = if row == 0 || k + 1 == cols.len() {
                t.figure
            } else {
                t.text
            };
            x = put(buf, line, x + 2, y, &text::pad_left(cell, col_w[k]), style);
        }
    }
    let lacking = c.rows.iter().filter(|r| r.population.is_none()).count();
    if lacking > 0 {
        let y = inner.bottom().saturating_sub(1);
        let note = crate::screen::figures::Missing::population_note(lacking, app.data(), loc);
        let note = note.as_str();
        put(
            buf,
            inner,
            inner.x + 1,
            y,
            &text::truncate_with(note, iw, t.ellipsis),
            t.dim,
        );
    }
}
