//! Located error messages for data and config files, rendered like compiler errors:
//!
//! ```text
//! error: unknown district "koebenhvn"
//!   --> data.toml:42:12
//!    |
//! 42 | district = "koebenhvn"
//!    |            ^^^^^^^^^^^ not a district id of this file
//!    |
//!    = hint: did you mean "koebenhavn"?
//! ```
//!
//! Producers work with byte spans of the original text ([`Problem`]); a [`SourceMap`] turns them into
//! [`Diagnostic`]s (1-based line, column in characters, the offending line and a marker placed by display
//! width) once, when a file has errors. The text is English: it is developer-facing, like compiler output.

use std::fmt;
use std::ops::Range;

use crate::text;

/// A problem found in a file, before it is located: byte spans into the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range of the offending key or value; empty for a position.
    pub span: Range<usize>,
    pub message: String,
    /// Short text shown after the marker.
    pub label: Option<String>,
    pub hint: Option<String>,
    /// Further places worth showing (an earlier definition), each with a message.
    pub notes: Vec<(Option<Range<usize>>, String)>,
}

impl Problem {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem {
            span,
            message: message.into(),
            label: None,
            hint: None,
            notes: Vec::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }

    pub fn note(mut self, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        self.notes.push((span, message.into()));
        self
    }

    /// Moves every span by `offset` bytes (for problems found in a chunk of a larger file).
    pub fn shifted(mut self, offset: usize) -> Self {
        let shift = |r: &Range<usize>| r.start.saturating_add(offset)..r.end.saturating_add(offset);
        self.span = shift(&self.span);
        for (s, _) in &mut self.notes {
            if let Some(r) = s {
                *r = shift(r);
            }
        }
        self
    }
}

/// One place in a file, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    /// The offending line, display-safe (control characters replaced, tabs expanded, very long lines
    /// cut to a window around the marker).
    pub source_line: String,
    /// Display column (0-based) in `source_line` where the marker starts.
    pub marker_col: usize,
    /// Marker width in display columns (at least 1).
    pub marker_width: usize,
    pub label: Option<String>,
    /// How the place is named when `path:line:col` does not fit it: a spreadsheet cell is
    /// `book.xlsx[Ark1]!C12`, its `line` the sheet's row and `source_line` the row's cells.
    pub place: Option<String>,
}

impl Snippet {
    /// `path:line:col`, or the place's own name.
    pub fn location(&self) -> String {
        match &self.place {
            Some(p) => p.clone(),
            None => format!("{}:{}:{}", self.path, self.line, self.col),
        }
    }
}

/// A note attached to a diagnostic, with its own place when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub message: String,
    pub at: Option<Snippet>,
}

/// One error, located and ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file it is about (a path as given, or a built-in name).
    pub origin: String,
    pub message: String,
    /// `None` for errors about the file as a whole (missing, a directory, unreadable).
    pub at: Option<Snippet>,
    pub hint: Option<String>,
    pub notes: Vec<Note>,
}

impl Diagnostic {
    /// An error without a position in the file.
    pub fn whole_file(origin: &str, message: impl Into<String>, hint: Option<String>) -> Self {
        Diagnostic {
            origin: origin.to_string(),
            message: message.into(),
            at: None,
            hint,
            notes: Vec::new(),
        }
    }

    /// `path:line:col`, or just the path when the error has no position.
    pub fn location(&self) -> String {
        match &self.at {
            Some(s) => s.location(),
            None => self.origin.clone(),
        }
    }

    /// One line for a banner: `path:line:col: message`.
    pub fn one_line(&self) -> String {
        format!("{}: {}", self.location(), self.message)
    }
}

/// Longest source line shown, in display columns; longer lines show a window around the marker.
const MAX_SHOWN: usize = 100;

/// Line starts of a text, to turn byte offsets into line:col.
pub struct SourceMap<'t> {
    text: &'t str,
    origin: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> SourceMap<'t> {
    pub fn new(text: &'t str, origin: &'t str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceMap {
            text,
            origin,
            line_starts,
        }
    }

    /// Clamps an offset into the text and onto a char boundary.
    fn clamp(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while o > 0 && !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// 0-based line index and the byte range of that line (without its line break).
    fn line_of(&self, offset: usize) -> (usize, Range<usize>) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next.saturating_sub(1));
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (line, start..end.max(start))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let (line, range) = self.line_of(offset);
        let col = self
            .text
            .get(range.start..offset.max(range.start))
            // A byte-order mark is not a column anyone sees.
            .map_or(0, |s| s.trim_start_matches('\u{feff}').chars().count());
        (line + 1, col + 1)
    }

    pub fn snippet(&self, span: &Range<usize>, label: Option<String>) -> Snippet {
        let start = self.clamp(span.start);
        let end = self.clamp(span.end.max(span.start));
        let (line, range) = self.line_of(start);
        let (line_no, col) = self.line_col(start);
        let line_text = self.text.get(range.clone()).unwrap_or("");
        // The marker covers the span's part on its first line.
        let mark_from = start.saturating_sub(range.start);
        let mark_to = end
            .min(range.end)
            .saturating_sub(range.start)
            .max(mark_from);
        let (source_line, marker_col, marker_width) = display_line(line_text, mark_from, mark_to);
        let _ = line;
        Snippet {
            path: self.origin.to_string(),
            line: line_no,
            col,
            source_line,
            marker_col,
            marker_width,
            label,
            place: None,
        }
    }

    /// Locates a problem.
    pub fn resolve(&self, p: Problem) -> Diagnostic {
        let at = Some(self.snippet(&p.span, p.label));
        let notes = p
            .notes
            .into_iter()
            .map(|(span, message)| Note {
                message,
                at: span.map(|s| self.snippet(&s, None)),
            })
            .collect();
        Diagnostic {
            origin: self.origin.to_string(),
            message: p.message,
            at,
            hint: p.hint,
            notes,
        }
    }

    /// Locates many problems, sorted by position (stable: same position keeps the order found).
    pub fn resolve_all(&self, mut problems: Vec<Problem>) -> Vec<Diagnostic> {
        problems.sort_by_key(|p| p.span.start);
        problems.into_iter().map(|p| self.resolve(p)).collect()
    }
}

/// A place in a row of cells rather than a line of text (a spreadsheet cell): `text` is the row as
/// shown, `mark` the byte range of the cell in it, `place` how the cell is named
/// (`book.xlsx[Ark1]!C12`), `line`/`col` the 1-based row and column. The row is made display-safe
/// and windowed like a source line.
pub fn row_snippet(
    path: &str,
    place: String,
    (line, col): (usize, usize),
    text: &str,
    mark: Range<usize>,
    label: Option<String>,
) -> Snippet {
    let (source_line, marker_col, marker_width) = display_line(text, mark.start, mark.end);
    Snippet {
        path: path.to_string(),
        line,
        col,
        source_line,
        marker_col,
        marker_width,
        label,
        place: Some(place),
    }
}

/// Makes one source line display-safe and finds where the marker for bytes `from..to` goes, in display
/// columns. Tabs become four spaces; control characters their visible replacements. A line wider than
/// [`MAX_SHOWN`] is cut to a window around the marker, with `…` at the cut ends.
fn display_line(line: &str, from: usize, to: usize) -> (String, usize, usize) {
    let mut cells: Vec<(String, usize)> = Vec::new(); // (shown text, byte offset in line)
    for (i, c) in line.char_indices() {
        let shown = if c == '\t' {
            "    ".to_string()
        } else {
            text::sanitize_line(c.encode_utf8(&mut [0; 4]))
        };
        cells.push((shown, i));
    }
    let widths: Vec<usize> = cells.iter().map(|(s, _)| text::width(s)).collect();
    let col_at = |byte: usize| -> usize {
        cells
            .iter()
            .zip(&widths)
            .take_while(|((_, b), _)| *b < byte)
            .map(|(_, w)| *w)
            .sum()
    };
    let total: usize = widths.iter().sum();
    let mcol = col_at(from);
    let mend = if to > from { col_at(to) } else { mcol };
    let mwidth = mend.saturating_sub(mcol).max(1);
    if total <= MAX_SHOWN {
        let s: String = cells.iter().map(|(s, _)| s.as_str()).collect();
        return (s, mcol, mwidth);
    }
    // Window: start a little before the marker, show up to MAX_SHOWN columns.
    let win_start = mcol.saturating_sub(20);
    let mut out = String::new();
    let mut col = 0;
    let mut shown_from = None;
    for ((s, _), w) in cells.iter().zip(&widths) {
        if col >= win_start {
            if shown_from.is_none() {
                shown_from = Some(col);
                if col > 0 {
                    out.push('…');
                }
            }
            if col + w > win_start + MAX_SHOWN {
                out.push('…');
                break;
            }
            out.push_str(s);
        }
        col += w;
    }
    let lead = usize::from(shown_from.is_some_and(|c| c > 0));
    let start = shown_from.unwrap_or(0);
    let marker_col = mcol.saturating_sub(start) + lead;
    let marker_width = mwidth.min(MAX_SHOWN.saturating_sub(marker_col).max(1));
    (out, marker_col, marker_width)
}

fn render_snippet(f: &mut fmt::Formatter<'_>, s: &Snippet, gutter: usize) -> fmt::Result {
    let pad = " ".repeat(gutter);
    writeln!(f, "{pad}--> {}", s.location())?;
    writeln!(f, "{pad} |")?;
    writeln!(f, "{:>gutter$} | {}", s.line, s.source_line)?;
    let marker = format!(
        "{}{}",
        " ".repeat(s.marker_col),
        "^".repeat(s.marker_width.max(1))
    );
    match &s.label {
        Some(l) => writeln!(f, "{pad} | {marker} {l}"),
        None => writeln!(f, "{pad} | {marker}"),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let gutter = std::iter::once(&self.at)
            .chain(self.notes.iter().map(|n| &n.at))
            .flatten()
            .map(|s| s.line.to_string().len())
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(gutter);
        match &self.at {
            Some(s) => render_snippet(f, s, gutter)?,
            None => writeln!(f, "{pad}--> {}", self.origin)?,
        }
        if let Some(h) = &self.hint {
            if self.at.is_some() {
                writeln!(f, "{pad} |")?;
            }
            // Lines after the first (an example to copy) are indented under the hint's text.
            let mut lines = h.lines();
            writeln!(f, "{pad} = hint: {}", lines.next().unwrap_or(""))?;
            for l in lines {
                writeln!(f, "{pad}         {l}")?;
            }
        }
        for n in &self.notes {
            match &n.at {
                Some(s) => {
                    writeln!(f, "note: {}", n.message)?;
                    render_snippet(f, s, gutter)?;
                }
                None => writeln!(f, "{pad} = note: {}", n.message)?,
            }
        }
        Ok(())
    }
}

/// Renders a list of diagnostics, separated by blank lines, with a count at the end (`1 error in
/// x.toml`, `2 errors in x.toml`).
pub fn render_all(diagnostics: &[Diagnostic], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            writeln!(f)?;
        }
        write!(f, "{d}")?;
    }
    if let Some(first) = diagnostics.first() {
        let n = diagnostics.len();
        let noun = if n == 1 { "error" } else { "errors" };
        write!(f, "\n{n} {noun} in {}\n", first.origin)?;
    }
    Ok(())
}

// The typo hints (`closest`, `did_you_mean`) live in the text layer: the geometry loader below
// data uses the same measure, and this module's callers keep their paths.
pub use crate::text::{closest, did_you_mean};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_characters() {
        let text = "a = 1\nnavn = \"Ærø\" x\r\nlast";
        let map = SourceMap::new(text, "f.toml");
        assert_eq!(map.line_col(0), (1, 1));
        assert_eq!(map.line_col(6), (2, 1));
        let x = text.find(" x").unwrap() + 1;
        assert_eq!(map.line_col(x), (2, 14));
        assert_eq!(map.line_col(text.len()), (3, 5));
        assert_eq!(map.line_col(usize::MAX), (3, 5));
    }

    #[test]
    fn marker_goes_under_the_span_by_display_width() {
        let text = "name = \"東京\" = bad";
        let map = SourceMap::new(text, "f.toml");
        let at = text.find("= bad").unwrap();
        let s = map.snippet(&(at..at + 5), Some("here".into()));
        assert_eq!(s.col, 13);
        assert_eq!(
            s.marker_col, 14,
            "the two wide characters take four columns"
        );
        assert_eq!(s.marker_width, 5);
    }

    #[test]
    fn control_characters_and_tabs_are_made_visible() {
        let text = "\tx = \"\u{1b}[31m\" y";
        let map = SourceMap::new(text, "f.toml");
        let at = text.find(" y").unwrap() + 1;
        let s = map.snippet(&(at..at + 1), None);
        assert!(!s.source_line.contains('\u{1b}'));
        assert!(s.source_line.starts_with("    x"));
        assert_eq!(
            &s.source_line[..],
            "    x = \"␛[31m\" y",
            "tab expanded, escape shown"
        );
        assert_eq!(s.marker_col, 16);
    }

    #[test]
    fn long_lines_show_a_window_around_the_marker() {
        let text = format!("name = \"{}\" oops", "a".repeat(10_000));
        let map = SourceMap::new(&text, "f.toml");
        let at = text.find("oops").unwrap();
        let s = map.snippet(&(at..at + 4), None);
        assert!(text::width(&s.source_line) <= MAX_SHOWN + 2);
        let shown: String = s.source_line.chars().skip(s.marker_col).take(4).collect();
        assert_eq!(shown, "oops");
    }

    #[test]
    fn renders_like_a_compiler() {
        let text = "[[project]]\ndistrict = \"koebenhvn\"\n";
        let map = SourceMap::new(text, "data.toml");
        let at = text.find('"').unwrap();
        let d = map.resolve(
            Problem::new(at..at + 11, "unknown district \"koebenhvn\"")
                .label("not a district id of this file")
                .hint("did you mean \"koebenhavn\"?"),
        );
        assert_eq!(
            d.to_string(),
            "error: unknown district \"koebenhvn\"\n --> data.toml:2:12\n  |\n2 | district = \"koebenhvn\"\n  |            ^^^^^^^^^^^ not a district id of this file\n  |\n  = hint: did you mean \"koebenhavn\"?\n"
        );
        assert_eq!(
            d.one_line(),
            "data.toml:2:12: unknown district \"koebenhvn\""
        );
    }

    #[test]
    fn the_count_ends_every_report_singular_or_plural() {
        struct All(Vec<Diagnostic>);
        impl fmt::Display for All {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                render_all(&self.0, f)
            }
        }
        let text = "a = 1\nb = 2\n";
        let map = SourceMap::new(text, "typo.toml");
        let one = All(vec![map.resolve(Problem::new(0..1, "first"))]);
        assert!(
            one.to_string().ends_with("  | ^\n\n1 error in typo.toml\n"),
            "{one}"
        );
        let two = All(map.resolve_all(vec![Problem::new(0..1, "a"), Problem::new(6..7, "b")]));
        assert!(
            two.to_string().ends_with("\n\n2 errors in typo.toml\n"),
            "{two}"
        );
        assert_eq!(All(Vec::new()).to_string(), "");
    }
}
