//! The table an import reads, whatever the file: rows of cells, and where each cell is in the file so
//! that a problem with it becomes a located [`Diagnostic`] (`FILE:LINE:COL` in CSV text,
//! `FILE[Sheet]!C12` in a workbook).

use std::ops::Range;

use crate::data::diagnostic::{Diagnostic, Note, Problem, Snippet, SourceMap, row_snippet};

/// One cell as the file holds it. Text is as read (not yet sanitised: that happens when a value is
/// taken for the round, and when a row is shown in a message).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// A spreadsheet's numeric cell as stored: binary floating point. Amounts never stay in this
    /// form; `amount` turns it into an exact decimal or rejects it.
    Float(f64),
    Bool(bool),
    /// A date or time cell, as the workbook spells it.
    Date(String),
    /// An error cell (`#DIV/0!`).
    Error(String),
}

impl Cell {
    /// The text of a text cell, trimmed; `None` for other cells.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s.trim()),
            _ => None,
        }
    }

    /// Empty, or text that is only blanks.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person would read it (for messages and for text fields).
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Int(i) => i.to_string(),
            // Rust prints the shortest decimal that reads back as the same float, without exponent.
            Cell::Float(f) => f.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(s) | Cell::Error(s) => s.clone(),
        }
    }
}

/// Where the table came from, for locating cells.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// CSV: the decoded text (byte-order mark removed), the byte offset and 1-based line where each
    /// row starts, the delimiter, and the encoding it was read in.
    Csv {
        text: String,
        starts: Vec<(usize, usize)>,
        delimiter: u8,
        encoding: &'static str,
    },
    /// A workbook sheet: its name and the 0-based row and column of the table's first cell.
    Sheet {
        name: String,
        first_row: u32,
        first_col: u32,
    },
}

/// A table of cells read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file, as shown in messages.
    pub origin: String,
    pub source: Source,
    /// Every row, title rows and the header row included; rows may differ in length.
    pub rows: Vec<Vec<Cell>>,
}

/// A problem with a cell (or a whole row, `col: None`), before it is located. The problem's span
/// is not used; `notes_at` are notes that point at other cells.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    pub row: usize,
    pub col: Option<usize>,
    pub problem: Problem,
    pub notes_at: Vec<(usize, Option<usize>, String)>,
}

impl CellProblem {
    pub fn new(row: usize, col: Option<usize>, message: impl Into<String>) -> Self {
        CellProblem {
            row,
            col,
            problem: Problem::new(0..0, message),
            notes_at: Vec::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.problem = self.problem.label(label);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.problem = self.problem.hint(hint);
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.problem = self.problem.maybe_hint(hint);
        self
    }

    /// A note pointing at another cell (an earlier duplicate).
    pub fn note_at(mut self, row: usize, col: Option<usize>, message: impl Into<String>) -> Self {
        self.notes_at.push((row, col, message.into()));
        self
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Byte spans of the fields of the CSV record starting at `start` (quotes included): the
/// record's own text, so a marker can go under exactly what the file says.
fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut i = start.min(b.len());
    let mut out = Vec::new();
    loop {
        let from = i;
        if b.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match b.get(i) {
                    None => break,
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        while let Some(&c) = b.get(i) {
            if c == delimiter || c == b'\n' || c == b'\r' {
                break;
            }
            i += 1;
        }
        out.push(from..i);
        match b.get(i) {
            Some(&c) if c == delimiter => i += 1,
            _ => break,
        }
    }
    out
}

/// Separates the cells of a spreadsheet row when it is shown in a message.
const CELL_GAP: &str = " │ ";

impl Table {
    /// The 1-based row number a person sees for row `row` (the CSV line, the sheet row).
    pub fn row_number(&self, row: usize) -> usize {
        match &self.source {
            Source::Csv { starts, .. } => starts.get(row).map_or(row + 1, |&(_, line)| line),
            Source::Sheet { first_row, .. } => *first_row as usize + row + 1,
        }
    }

    /// How a cell is named: `FILE:LINE:COL` for CSV, `FILE[Sheet]!C12` for a sheet.
    pub fn place(&self, row: usize, col: usize) -> String {
        match &self.source {
            Source::Csv { .. } => {
                let d = self.locate(vec![CellProblem::new(row, Some(col), "")]);
                d.first().map(Diagnostic::location).unwrap_or_default()
            }
            Source::Sheet {
                name, first_col, ..
            } => format!(
                "{}[{}]!{}{}",
                self.origin,
                crate::text::sanitize_line(name),
                column_letters(*first_col as usize + col),
                self.row_number(row)
            ),
        }
    }

    /// The name of a column for messages: its letter in a sheet (`C`), its number in CSV (`3`).
    pub fn column_name(&self, col: usize) -> String {
        match &self.source {
            Source::Csv { .. } => format!("column {}", col + 1),
            Source::Sheet { first_col, .. } => {
                format!("column {}", column_letters(*first_col as usize + col))
            }
        }
    }

    /// Locates problems, in the order of the file (stable for one cell).
    pub fn locate(&self, mut problems: Vec<CellProblem>) -> Vec<Diagnostic> {
        problems.sort_by_key(|p| (p.row, p.col.unwrap_or(0)));
        match &self.source {
            Source::Csv {
                text,
                starts,
                delimiter,
                ..
            } => {
                let map = SourceMap::new(text, &self.origin);
                let span = |row: usize, col: Option<usize>| -> Range<usize> {
                    let start = starts.get(row).map_or(text.len(), |&(byte, _)| byte);
                    let fields = field_spans(text, start, *delimiter);
                    let whole = start..fields.last().map_or(start, |f| f.end);
                    match col {
                        None => whole,
                        Some(c) => fields.get(c).cloned().unwrap_or(whole.end..whole.end),
                    }
                };
                problems
                    .into_iter()
                    .map(|p| {
                        let mut problem = p.problem;
                        problem.span = span(p.row, p.col);
                        for (row, col, message) in p.notes_at {
                            problem = problem.note(Some(span(row, col)), message);
                        }
                        map.resolve(problem)
                    })
                    .collect()
            }
            Source::Sheet { .. } => problems
                .into_iter()
                .map(|p| {
                    let at = Some(self.cell_snippet(p.row, p.col, p.problem.label));
                    let mut notes: Vec<Note> = p
                        .problem
                        .notes
                        .into_iter()
                        .map(|(_, message)| Note { message, at: None })
                        .collect();
                    notes.extend(p.notes_at.into_iter().map(|(row, col, message)| Note {
                        message,
                        at: Some(self.cell_snippet(row, col, None)),
                    }));
                    Diagnostic {
                        origin: self.origin.clone(),
                        message: p.problem.message,
                        at,
                        hint: p.problem.hint,
                        notes,
                    }
                })
                .collect(),
        }
    }

    /// A sheet row shown as its cells separated by `│`, the marker under cell `col` (the whole
    /// row when `None`).
    fn cell_snippet(&self, row: usize, col: Option<usize>, label: Option<String>) -> Snippet {
        let cells = self.rows.get(row).map(Vec::as_slice).unwrap_or(&[]);
        let mut text = String::new();
        let mut mark = None;
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push_str(CELL_GAP);
            }
            let from = text.len();
            text.push_str(&cell.shown());
            if col == Some(i) {
                mark = Some(from..text.len());
            }
        }
        let mark = match (col, mark) {
            (None, _) => 0..text.len(),
            (_, Some(m)) => m,
            (Some(_), None) => text.len()..text.len(),
        };
        let c = col.unwrap_or(0);
        let place = match col {
            Some(c) => self.place(row, c),
            None => match &self.source {
                Source::Sheet { name, .. } => format!(
                    "{}[{}]!{}",
                    self.origin,
                    crate::text::sanitize_line(name),
                    self.row_number(row)
                ),
                Source::Csv { .. } => self.origin.clone(),
            },
        };
        row_snippet(
            &self.origin,
            place,
            (self.row_number(row), c + 1),
            &text,
            mark,
            label,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn csv_field_spans_include_quotes_and_stop_at_the_record_end() {
        let text = "a;\"b;\"\"c\"\"\";d\r\nnext";
        let spans = field_spans(text, 0, b';');
        let fields: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(fields, ["a", "\"b;\"\"c\"\"\"", "d"]);
        let spans = field_spans(text, text.find("next").unwrap(), b';');
        assert_eq!(spans, vec![text.len() - 4..text.len()]);
        assert_eq!(field_spans("x", 99, b','), vec![1..1]);
    }

    #[test]
    fn a_quoted_field_with_a_line_break_is_one_field() {
        let text = "a,\"two\nlines\",c\n";
        let spans = field_spans(text, 0, b',');
        assert_eq!(spans.len(), 3);
        assert_eq!(&text[spans[2].clone()], "c");
    }
}
