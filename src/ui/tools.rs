//! Drawing of the analyst tools (issue 5): the search prompt and its result list, the theme pick list,
//! the comparison of marked districts, the reload error banner, the status line, and the last step of
//! `--plain` (every drawn cell made ASCII). Pure functions of `&App`, like the rest of `ui`.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{App, Mode};
use crate::i18n;
use crate::input::action::Dir;
use crate::money;
use crate::screen::bars::notes;
use crate::text;
use crate::ui::{ScreenLayout, fill, pane, put};

/// A box of `w`×`h` centred in `area` (clipped to it).
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draws whatever tool UI is open, over the panes. Called by `ui::render` after the panes.
pub fn render(area: Rect, buf: &mut Buffer, app: &App, l: &ScreenLayout) {
    if app.file_removed() {
        removed_banner(l.crumb, buf, app);
    } else if let Some(err) = &app.reload_error() {
        banner(l.crumb, buf, app, err);
    }
    match &app.mode() {
        Mode::Search(_) => search(area, buf, app, l),
        Mode::ThemePick { selected } => theme_pick(area, buf, app, *selected),
        Mode::Compare => compare(area, buf, app),
        Mode::Normal => {
            if let Some((msg, path_at)) = app.status() {
                status(l.hints, buf, app, msg, path_at);
            }
        }
    }
}

/// The watched file is gone: `Filen er fjernet: viser de senest indlæste data (data.toml)`.
fn removed_banner(row: Rect, buf: &mut Buffer, app: &App) {
    if row.is_empty() {
        return;
    }
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    let style = t.warning.add_modifier(ratatui::style::Modifier::REVERSED);
    fill(buf, row, " ", style);
    let name = app
        .source()
        .and_then(|p| p.file_name())
        .map(|n| crate::text::sanitize_line(&n.to_string_lossy()))
        .unwrap_or_default();
    let full = format!(" {} ({name})", w.file_removed);
    let width = usize::from(row.width);
    let msg = if text::width(&full) <= width || name.is_empty() {
        text::truncate_with(&full, width, t.ellipsis).into_owned()
    } else {
        text::truncate_with(&format!(" {}", w.file_removed), width, t.ellipsis).into_owned()
    };
    put(buf, row, row.x, row.y, &msg, style);
}

/// The reload error, as [`crate::i18n::tools::reload_banner`] wrote it; a narrow screen cuts the end.
fn banner(row: Rect, buf: &mut Buffer, app: &App, err: &str) {
    if row.is_empty() {
        return;
    }
    let t = &app.theme();
    let style = t.warning.add_modifier(ratatui::style::Modifier::REVERSED);
    fill(buf, row, " ", style);
    let full = format!(" {err}");
    let msg = text::truncate_with(&full, usize::from(row.width), t.ellipsis);
    put(buf, row, row.x, row.y, &msg, style);
}

/// A message in the key-hint line. When it ends in a file path (from byte `path_at`) and does not
/// fit, the path is cut from its left (`…/dir/file.csv`), so the file name stays in view; the text
/// before it gives way first.
fn status(row: Rect, buf: &mut Buffer, app: &App, msg: &str, path_at: Option<usize>) {
    if row.is_empty() {
        return;
    }
    let t = &app.theme();
    fill(buf, row, " ", t.text);
    let avail = usize::from(row.width.saturating_sub(2));
    let line = match path_at.filter(|&i| msg.is_char_boundary(i)) {
        Some(i) if !text::fits_width(msg, avail) => {
            let (head, path) = msg.split_at(i);
            // The path keeps what the text leaves, and at least room for `…/file name`.
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            let room = avail
                .saturating_sub(text::width(head))
                .max((text::width(name) + 2).min(avail));
            let path = text::truncate_left(path, room);
            let rest = avail - text::width(&path);
            if text::fits_width(head, rest) {
                format!("{head}{path}")
            } else {
                // The text cut short, a space, then the path (two ellipses side by side read badly).
                let head = text::truncate_with(head, rest.saturating_sub(1), t.ellipsis);
                let gap = if head.is_empty() { "" } else { " " };
                format!("{head}{gap}{path}")
            }
        }
        _ => text::truncate_with(msg, avail, t.ellipsis).into_owned(),
    };
    put(buf, row, row.x + 1, row.y, &line, t.accent);
}

/// The prompt in the key-hint line and the results above it.
fn search(area: Rect, buf: &mut Buffer, app: &App, l: &ScreenLayout) {
    let Mode::Search(p) = &app.mode() else {
        return;
    };
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    // The prompt row: the hint line, or the last row when there is none.
    let row = if l.hints.is_empty() {
        Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1)
    } else {
        l.hints
    };
    fill(buf, row, " ", t.text);
    let mut x = put(
        buf,
        row,
        row.x,
        row.y,
        &format!("{}: ", w.search_prompt),
        t.accent,
    );
    x = put(buf, row, x, row.y, &p.query, t.figure);
    // The cursor: a reversed cell after the query.
    put(
        buf,
        row,
        x,
        row.y,
        " ",
        Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
    );
    let count = if p.query.is_empty() {
        String::new()
    } else {
        i18n::count(p.total, w.hit_one, w.hit_many, app.locale())
    };
    let arrows = crate::ui::status::arrow_label(app, &[Dir::Up, Dir::Down]);
    let hint = format!("{count}   {}", i18n::search_hint(&arrows, app.locale()));
    let hw = u16::try_from(text::width(&hint)).unwrap_or(u16::MAX);
    if x + 2 + hw <= row.right() {
        put(buf, row, row.right() - hw - 1, row.y, &hint, t.dim);
    }
    if p.query.is_empty() {
        return;
    }
    // Results: a box above the prompt, up to 12 rows.
    let above = row.y.saturating_sub(area.y);
    let want = u16::try_from(p.hits.len().max(1))
        .unwrap_or(u16::MAX)
        .min(12)
        + 2;
    let h = want.min(above);
    if h < 3 {
        return;
    }
    // The full width, as a sheet over the panes' lower part: a narrower box would leave a piece
    // of a pane beside it whose bottom border runs into the box's corner.
    let r = Rect::new(area.x, row.y - h, area.width, h);
    fill(buf, r, " ", t.text);
    let title = format!("{} ({})", w.search_prompt, p.total);
    let inner = pane(buf, r, &title, true, app);
    if p.hits.is_empty() {
        put(buf, inner, inner.x + 1, inner.y, w.no_hits, t.dim);
        return;
    }
    let vis = usize::from(inner.height);
    let first = p.selected.saturating_sub(vis.saturating_sub(1));
    for (k, hit) in p.hits.iter().enumerate().skip(first).take(vis) {
        let y = inner.y + u16::try_from(k - first).unwrap_or(0);
        let line = Rect::new(inner.x, y, inner.width, 1);
        let style = if k == p.selected { t.selected } else { t.text };
        if k == p.selected {
            fill(buf, line, " ", style);
        }
        let marker = if k == p.selected { t.marker } else { " " };
        let desc = hit.describe(app.data(), app.locale());
        let s = format!("{marker} {desc}");
        let s = text::truncate_with(&s, usize::from(inner.width), t.ellipsis);
        put(buf, line, line.x, y, &s, style);
    }
}

/// The theme pick list: "all" then each theme with its project count.
fn theme_pick(area: Rect, buf: &mut Buffer, app: &App, selected: usize) {
    let w = i18n::tools(app.locale());
    let t = &app.theme();
    let themes = app.theme_list();
    let mut rows: Vec<(String, String)> = Vec::with_capacity(themes.len() + 1);
    rows.push((
        w.all_themes.to_string(),
        app.data().projects.len().to_string(),
    ));
    rows.extend(themes.iter().map(|(name, n)| (name.clone(), n.to_string())));
    let name_w = rows.iter().map(|r| text::width(&r.0)).max().unwrap_or(0);
    let num_w = rows.iter().map(|r| text::width(&r.1)).max().unwrap_or(0);
    let bw = u16::try_from(name_w + num_w + 8)
        .unwrap_or(u16::MAX)
        .max(u16::try_from(text::width(w.theme_title) + 8).unwrap_or(u16::MAX));
    let bh = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    let r = centred(area, bw, bh);
    fill(buf, r, " ", t.text);
    let inner = pane(buf, r, w.theme_title, true, app);
    let vis = usize::from(inner.height);
    let first = selected.saturating_sub(vis.saturating_sub(1));
    let current = app.options().filter();
    for (k, (name, n)) in rows.iter().enumerate().skip(first).take(vis) {
        let y = inner.y + u16::try_from(k - first).unwrap_or(0);
        let line = Rect::new(inner.x, y, inner.width, 1);
        let style = if k == selected { t.selected } else { t.text };
        if k == selected {
            fill(buf, line, " ", style);
        }
        let active = match current {
            None => k == 0,
            Some(f) => k > 0 && crate::search::same_theme(name, f),
        };
        let marker = if active { t.mark } else { " " };
        let iw = usize::from(inner.width);
        let nw = iw.saturating_sub(num_w + 4);
        let s = format!(
            "{marker} {} {}",
            text::pad_right(&text::truncate_with(name, nw, t.ellipsis), nw),
            text::pad_left(n, num_w)
        );
        put(buf, line, line.x, y, &s, style);
    }
}

/// The comparison: one column per marked district, rows amount, share, projects, population, per
/// inhabitant; a total column when there is room.
fn compare(area: Rect, buf: &mut Buffer, app: &App) {
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
    fill(buf, r, " ", t.text);
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

/// `--plain`: spells every drawn cell in ASCII ([`crate::text::fold::transliterate`]: `æ`→`ae`, `ø`→`oe`,
/// `å`→`aa`, dashes `-`, the ellipsis `~`, anything unknown `?`), so the screen is pure ASCII
/// whatever the data file contains.
///
/// A letter spelled with two can make a text one column wider than it was laid out for, so each
/// row is re-flowed: the extra columns are taken from the next run of padding (three or more
/// spaces or a frame's or fill's `-` `.` `:`, or the spaces that end the row). A text that was cut
/// to fill its box (it ends in `…` or `~` with no padding after) is cut again to the same box; where a frame edge (`|` `+`)
/// or a bar or fill cell (`#` `@`) comes before any padding, or the row ends, the text before it is
/// cut and ends in `~`, as `text::truncate` would have cut the spelled text. Nothing is ever pushed
/// past the row's end.
pub fn ascii_only(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let row: Vec<Cell> = (area.left()..area.right())
            .filter_map(|x| buf.cell((x, y)).cloned())
            .collect();
        if row.iter().all(|c| c.symbol().is_ascii()) {
            continue;
        }
        for (x, cell) in (area.left()..).zip(ascii_row(&row)) {
            if let Some(c) = buf.cell_mut((x, y)) {
                *c = cell;
            }
        }
    }
}

/// Whether cell `i` of a row is padding a longer text may take: a space, `-`, `.` or `:` in a run of
/// at least three (a gap of two between items stays two), or a space in the run that ends the row.
fn absorbable(row: &[Cell], i: usize) -> bool {
    let s = row[i].symbol();
    if !matches!(s, " " | "-" | "." | ":") {
        return false;
    }
    let run = row[i..].iter().take_while(|c| c.symbol() == s).count();
    run >= 3 || (s == " " && i + run == row.len())
}

/// A cell a text must not run into: a frame edge or corner, a bar or the densest map fills.
fn hard_edge(sym: &str) -> bool {
    matches!(sym, "|" | "+" | "#" | "@")
}

/// Takes `debt` cells back from the end of `out`, which has run into an edge or the row's end:
/// first from the gaps of three or more spaces before it (back to the last edge, keeping two of
/// each: a right-aligned text moves left), then from the text before the trailing spaces (the gap
/// to what follows), ending what is left of that text in `~`.
fn cut(out: &mut Vec<Cell>, mut debt: usize) {
    let edge = out
        .iter()
        .rposition(|c| hard_edge(c.symbol()))
        .map_or(0, |p| p + 1);
    let mut end = out.len();
    while debt > 0 && end > edge {
        let mut j = end;
        while j > edge && out[j - 1].symbol() != " " {
            j -= 1;
        }
        let run_end = j;
        while j > edge && out[j - 1].symbol() == " " {
            j -= 1;
        }
        let take = (run_end - j).saturating_sub(2).min(debt);
        out.drain(run_end - take..run_end);
        debt -= take;
        end = j;
    }
    if debt == 0 {
        return;
    }
    let trailing = out.iter().rev().take_while(|c| c.symbol() == " ").count();
    let text_end = out.len() - trailing;
    let from = text_end.saturating_sub(debt);
    let gap: Vec<Cell> = out.drain(from..).skip(text_end - from).collect();
    if let Some(last) = out.last_mut().filter(|c| c.symbol() != " ") {
        last.set_symbol("~");
    }
    // The gap keeps its width less what the text could not give (an empty text gives nothing).
    let short = debt.saturating_sub(text_end - from);
    out.extend(gap.into_iter().skip(short));
}

/// One row of cells spelled in ASCII and re-flowed to the same number of cells (see [`ascii_only`]).
fn ascii_row(row: &[Cell]) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::with_capacity(row.len() + 4);
    // Cells written beyond the cells read: what the text still owes the row.
    let mut debt = 0usize;
    for (i, cell) in row.iter().enumerate() {
        if debt > 0 && absorbable(row, i) {
            debt -= 1;
            continue;
        }
        let sym = cell.symbol();
        let padding_next = i + 1 < row.len() && absorbable(row, i + 1);
        if debt > 0 && matches!(sym, "…" | "~") && !padding_next {
            // The end of a text cut to fill its box: cut the spelled text to the same box.
            out.truncate(out.len().saturating_sub(debt));
            debt = 0;
        } else if debt > 0 && hard_edge(sym) {
            cut(&mut out, debt);
            debt = 0;
        }
        if sym.is_ascii() {
            out.push(cell.clone());
            continue;
        }
        let spelled = crate::text::fold::transliterate(sym);
        // Nothing known (an emoji sequence, a wide character): one `?` for the cell.
        let spelled = if spelled.is_empty() {
            " "
        } else if spelled.chars().all(|c| c == '?') {
            "?"
        } else {
            &spelled
        };
        let mut buf = [0u8; 4];
        for (k, ch) in spelled.chars().enumerate() {
            let mut c = cell.clone();
            c.set_symbol(ch.encode_utf8(&mut buf));
            out.push(c);
            debt += usize::from(k > 0);
        }
    }
    if debt > 0 {
        cut(&mut out, debt);
    }
    out.truncate(row.len());
    out
}

/// Notes under the bars, in the free rows at the bottom of the list: why values are missing (`–`)
/// and why the not-itemised bar is hidden under a filter.
pub fn bar_notes(inner: Rect, first_free: u16, buf: &mut Buffer, app: &App) {
    let t = &app.theme();
    let notes = notes(&app.inputs());
    let mut y = inner.bottom();
    for note in notes.iter().rev() {
        let lines =
            crate::text::wrap::wrap(note, usize::from(inner.width.saturating_sub(2).max(1)));
        let h = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        if y < first_free.saturating_add(h) || y.saturating_sub(h) < inner.y {
            break;
        }
        y -= h;
        for (k, l) in lines.iter().enumerate() {
            put(
                buf,
                inner,
                inner.x,
                y + u16::try_from(k).unwrap_or(0),
                l,
                t.dim,
            );
        }
    }
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

/// The key hints while a pick list or the comparison is open (`None`: the normal hints).
pub fn mode_hints(app: &App) -> Option<Vec<(String, &'static str)>> {
    let w = i18n::tools(app.locale());
    let key = |a: crate::input::action::Action| {
        app.keymap().keys_for(a).first().map(|&k| {
            crate::input::keymap::format_key(k)
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    };
    use crate::input::action::Action;
    match app.mode() {
        Mode::ThemePick { .. } if !app.help() => {
            // Arrows as the theme draws them (`↑↓`, or `Op/Ned` in --plain).
            let arrows = crate::ui::status::arrow_label(app, &[Dir::Up, Dir::Down]);
            let mut out = vec![(arrows, w.hint_pick)];
            out.extend(key(Action::Enter).map(|k| (k, w.hint_filter)));
            out.extend(key(Action::Back).map(|k| (k, w.hint_close)));
            Some(out)
        }
        Mode::Compare if !app.help() => {
            let mut out = Vec::new();
            out.extend(key(Action::Back).map(|k| (k, w.hint_close)));
            out.extend(key(Action::Quit).map(|k| (k, i18n::strings(app.locale()).hint_quit)));
            Some(out)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `row` drawn into a buffer of its width, through the `--plain` pass, as text.
    fn plain(row: &str) -> String {
        let w = u16::try_from(crate::text::width(row)).unwrap_or(u16::MAX);
        let mut buf = Buffer::empty(Rect::new(0, 0, w, 1));
        buf.set_string(0, 0, row, Style::new());
        ascii_only(buf.area, &mut buf);
        (0..w).map(|x| buf[(x, 0)].symbol().to_string()).collect()
    }

    #[test]
    fn plain_spells_danish_letters_in_two_and_reflows_the_row() {
        // Padding after the text gives the extra columns; the frame stays where it was.
        assert_eq!(plain("|Køge      |"), "|Koege     |");
        assert_eq!(plain("|Ærø Å       x|"), "|Aeroe Aa    x|");
        // A gap of two between items is kept; the padding at the end pays.
        assert_eq!(
            plain(" ↑↓ flyt  Enter åbn  ? hjælp   "),
            " ^v flyt  Enter aabn  ? hjaelp "
        );
        // A text cut to fill its box is cut again to the box.
        assert_eq!(plain("|Københavns V… ▶Kø|"), "|Koebenhavns ~ >K~|");
        // A right-aligned text moves left into the padding before it.
        assert_eq!(plain("|      Søg|"), "|     Soeg|");
        // No room at all: cut, ending in `~`.
        assert_eq!(plain("|ØØ|"), "|O~|");
        assert_eq!(plain("æ"), "~");
        // A bar is never shortened: the name before it is cut instead.
        assert_eq!(plain("|Sydsjælland #####|"), "|Sydsjaella~ #####|");
    }

    #[test]
    fn plain_rows_keep_their_width_and_are_ascii() {
        let rows = [
            "æøåÆØÅ",
            "  æ  ø  å  ",
            "|東京|Ψυχή|👨‍👩‍👧|",
            "…–—·•×›‹→←↔",
            "Malmö Märta München Straße",
            "e\u{301}e\u{301}e\u{301}",
            "",
            "ØØØØØØØØ|ØØØØ   ",
        ];
        for row in rows {
            let w = crate::text::width(row);
            let out = plain(row);
            assert!(out.is_ascii(), "{row:?} -> {out:?}");
            assert_eq!(crate::text::width(&out), w, "{row:?} -> {out:?}");
        }
    }
}
