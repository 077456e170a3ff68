//! The last step of `--plain`: every drawn cell made ASCII, Danish letters spelled in two (`æ` →
//! `ae`) with the row re-flowed so that columns keep their place.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

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
