//! The comparison of the marked districts, drawn over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n;
use crate::money;
use crate::text;
use crate::ui::overlays::centred;
use crate::ui::{cover, pane, put};

/// The comparison: one row per marked district and a total row, the figures as columns (amount in
/// one scale for the column, share of the pool, share of the compared, projects, population, per
/// inhabitant), so every marked district fits however many there are side by side; columns are
/// dropped in a stated order when narrow (population, then share of the compared, then per
/// inhabitant) and the title says which are left out. Rows beyond the box's height are counted.
pub(super) fn compare(area: Rect, buf: &mut Buffer, app: &App) {
    use rust_decimal::Decimal;
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    let c = app.comparison();
    let loc = app.locale();
    let cur = &app.data().meta.currency;
    let dash = t.dash.to_string();
    let share = crate::screen::figures::Column::Share;
    let pct = |v: Option<Decimal>| {
        v.map_or(dash.clone(), |r| {
            share.text(crate::screen::figures::Value::Share(r), loc)
        })
    };
    let amounts = c.rows.iter().map(|r| r.amount).chain([c.total_amount]);
    let scale = money::Scale::of_amounts(amounts, true);
    let pers = c
        .rows
        .iter()
        .filter_map(|r| r.per_inhabitant)
        .chain(c.total_per_inhabitant)
        .map(|v| v.round_dp(2));
    // Per inhabitant to the øre when any figure has øre: one number of decimals for the column.
    let per_scale = money::Scale::of_amounts(pers, false);
    let per = |v: Option<Decimal>| v.map_or(dash.clone(), |r| per_scale.number(r, loc));
    let pop = |p: Option<u64>| {
        p.map_or(dash.clone(), |p| {
            crate::locale::format_number(Decimal::from(p), 0, loc)
        })
    };
    // Rows: name, amount, % pool, % compared, projects, population, per inhabitant.
    let mut rows: Vec<[String; 7]> = c
        .rows
        .iter()
        .map(|r| {
            [
                app.data()
                    .districts
                    .get(r.district)
                    .map_or_else(String::new, |d| {
                        text::truncate(d.short_name(), 24).into_owned()
                    }),
                scale.number(r.amount, loc),
                pct(r.share),
                pct(r.share_of_compared),
                crate::locale::format_number(Decimal::from(r.projects), 0, loc),
                pop(r.population),
                per(r.per_inhabitant),
            ]
        })
        .collect();
    rows.push([
        w.col_total.to_string(),
        scale.number(c.total_amount, loc),
        pct(c.total_share),
        pct(Some(Decimal::ONE)),
        crate::locale::format_number(Decimal::from(c.total_projects), 0, loc),
        pop(c.total_population),
        per(c.total_per_inhabitant),
    ]);
    let [h_pool, h_compared, h_projects, h_pop, h_per] = w.compare_heads;
    let amount_heading = scale.label(cur, loc);
    let heads: [&str; 7] = [
        "",
        &amount_heading,
        h_pool,
        h_compared,
        h_projects,
        h_pop,
        h_per,
    ];
    let col_w: Vec<usize> = (0..7)
        .map(|k| {
            rows.iter()
                .map(|r| text::width(&r[k]))
                .chain([crate::screen::drawn_width(&app.inputs(), heads[k])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut title = w.compare_title.to_string();
    if let Some(f) = app.options().filter() {
        title.push_str(&format!(" · {}: {f}", w.filter_on));
    }
    // Columns dropped first when narrow: population, share of the compared, per inhabitant.
    let drop_order = [5usize, 3, 6, 2];
    // The box: frame and one blank each side, the columns two apart.
    let width_of = |cols: &[usize]| cols.iter().map(|&k| col_w[k] + 2).sum::<usize>() + 2;
    // Without any population among the compared, those two columns would be all `–`: left out,
    // the note under the table says why.
    let any_population = c.rows.iter().any(|r| r.population.is_some());
    let mut cols: Vec<usize> = (0..7).filter(|&k| any_population || k < 5).collect();
    let max_w = usize::from(area.width.saturating_sub(2));
    for k in drop_order {
        if width_of(&cols) <= max_w {
            break;
        }
        cols.retain(|&c| c != k);
    }
    // Never silently: the title names the columns left out.
    let dropped: Vec<&str> = drop_order
        .iter()
        .filter(|&&k| !cols.contains(&k) && (any_population || k < 5))
        .map(|&k| heads[k])
        .collect();
    if !dropped.is_empty() {
        title.push_str(&format!(" · {}: {}", w.hidden, dropped.join(", ")));
    }
    let need = width_of(&cols);
    let bw = u16::try_from(need)
        .unwrap_or(u16::MAX)
        .max(u16::try_from(text::width(&title) + 8).unwrap_or(u16::MAX));
    let lacking = c.rows.iter().filter(|r| r.population.is_none()).count();
    let note_rows = usize::from(lacking > 0);
    let bh = u16::try_from(rows.len() + 4 + note_rows).unwrap_or(u16::MAX);
    let r = centred(area, bw, bh);
    cover(buf, r, t.text);
    let inner = pane(buf, r, &title, true, app);
    if inner.is_empty() {
        return;
    }
    let iw = usize::from(inner.width.saturating_sub(2));
    // Heading row, the districts, the total (always shown, on the last row that fits).
    let body = usize::from(inner.height).saturating_sub(2 + note_rows);
    let district_rows = rows.len() - 1;
    let fit = if district_rows + 1 > body {
        body.saturating_sub(2)
    } else {
        district_rows
    };
    let mut lines: Vec<(Vec<String>, bool, bool)> = Vec::new();
    lines.push((heads.iter().map(|h| h.to_string()).collect(), true, false));
    for row in rows.iter().take(fit) {
        lines.push((row.to_vec(), false, false));
    }
    if fit < district_rows {
        let more = i18n::and_more(district_rows - fit, loc);
        lines.push((vec![more.trim().to_string()], false, false));
    }
    if let Some(total) = rows.last() {
        lines.push((total.to_vec(), false, true));
    }
    for (k, (cells, heading, total)) in lines.iter().enumerate() {
        let y = inner.y + 1 + u16::try_from(k).unwrap_or(0);
        if y >= inner.bottom() {
            break;
        }
        let line = Rect::new(inner.x + 1, y, inner.width.saturating_sub(1), 1);
        let mut x = line.x;
        for (n, &col) in cols.iter().enumerate() {
            let cell = cells.get(col).map_or("", String::as_str);
            let style = match (heading, total, col) {
                (true, _, _) => t.label,
                (_, true, _) | (_, _, 0) => t.figure,
                _ => t.text,
            };
            let gap = if n == 0 { 0 } else { 2 };
            let cell = if col == 0 {
                text::pad_right(cell, col_w[0])
            } else {
                text::pad_left(cell, col_w[col])
            };
            x = put(buf, line, x + gap, y, &cell, style);
        }
    }
    if lacking > 0 {
        let y = inner.bottom().saturating_sub(1);
        let note = crate::screen::figures::Missing::population_note(lacking, app.data(), loc);
        put(
            buf,
            inner,
            inner.x + 1,
            y,
            &text::truncate_with(&note, iw, t.ellipsis),
            t.dim,
        );
    }
}
