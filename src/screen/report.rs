//! The error report of a file that did not load, laid out for its tab: code lines verbatim (scrolled
//! sideways, never wrapped), prose wrapped under its text.

use crate::text;
use crate::text::wrap::wrap;

/// One line of a load-error report as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub text: String,
    /// A line of the located excerpt (`  --> file:line:col`, `177 | amout = …`, `    | ^^^^^`):
    /// drawn verbatim, clipped and scrolled sideways, never wrapped; else prose, wrapped.
    pub code: bool,
}

/// Whether a report line belongs to the located excerpt: its gutter (`-->`, `|`, `177 |`) or
/// nothing but blanks.
pub fn is_code_line(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    t.is_empty()
        || t.starts_with("-->")
        || t.starts_with('|')
        || (digits.len() < t.len() && digits.trim_start().starts_with('|'))
}

/// Where a prose line's text starts (bytes): after its label (`error: `, `= hint: `) and
/// leading blanks; wrapped lines continue under it (hanging indent).
pub fn text_start(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let after_eq = rest.strip_prefix("= ").unwrap_or(rest);
    let label = after_eq
        .find(": ")
        .filter(|&i| {
            i > 0
                && after_eq[..i]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
        .map_or(0, |i| i + 2);
    lead + (rest.len() - after_eq.len()) + label
}

/// The report of a tab whose file did not load, as lines for a `width`-column view: excerpt lines
/// as they come (sanitised), prose lines wrapped under their text (`= hint: did you mean …` goes
/// on under `did`), or under their first column when a label takes half the width.
pub fn report_lines(err: &str, width: usize) -> Vec<ReportLine> {
    let width = width.max(1);
    let clean = text::sanitize_block(err);
    let mut out = Vec::new();
    for line in clean.lines() {
        let line = line.trim_end();
        let code = is_code_line(line);
        if code || text::fits_width(line, width) {
            out.push(ReportLine {
                text: line.to_string(),
                code,
            });
            continue;
        }
        let mut start = text_start(line);
        if text::width(&line[..start]) * 2 > width {
            start = line.len() - line.trim_start().len();
        }
        let (head, body) = line.split_at(start);
        let indent = text::width(head);
        for (k, piece) in wrap(body, width.saturating_sub(indent).max(1))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 {
                head.to_string()
            } else {
                " ".repeat(indent)
            };
            out.push(ReportLine {
                text: format!("{lead}{piece}"),
                code: false,
            });
        }
    }
    out
}

/// The report's view (columns, rows) in a tab body of `size`: a column of margin each side, the
/// title and a blank row above, the key hints below.
pub fn report_view(size: (u16, u16)) -> (usize, usize) {
    let (w, h) = (usize::from(size.0), usize::from(size.1));
    let hints = usize::from(h >= 5);
    (w.saturating_sub(2).max(1), h.saturating_sub(2 + hints))
}
