//! Amounts from cells, exactly: text in Danish or English number format (`2.875.000,50`,
//! `2,875,000.50`, `2875000.5`, with `kr.`, `DKK` or another currency code around it) is read digit
//! by digit into a `Decimal`, never through a float. A numeric spreadsheet cell (a binary float in
//! the file) is taken at its shortest decimal spelling, the one the spreadsheet shows, and only when
//! that is a whole number of hundredths (øre, cents). An ambiguous `1.500` (one and a half, or
//! fifteen hundred?) is decided by the other amounts of its column, or reported.

use rust_decimal::Decimal;

use super::table::{Cell, CellProblem};
use crate::money::{self, AmountError};

/// The decimal mark a number shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `2.875.000,50` (Danish and most of Europe).
    Comma,
    /// `2,875,000.50` (English).
    Dot,
}

impl Mark {
    fn char(self) -> char {
        match self {
            Mark::Comma => ',',
            Mark::Dot => '.',
        }
    }
}

/// What a text cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextAmount {
    /// One reading, and the decimal mark it shows, if it shows one.
    Value(Decimal, Option<Mark>),
    /// `1.500` or `1,500`: a thousands separator or a decimal mark; the column decides.
    Ambiguous { sep: char },
}

/// Why a cell is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    Empty,
    NotANumber,
    BadGrouping,
    Negative,
    TooManyDecimals,
    TooLarge,
    /// A numeric cell whose value has more than two decimals (or is not finite).
    FloatFraction(String),
    /// `1.500` where the column does not show which mark is the decimal mark.
    Ambiguous {
        sep: char,
        conflict: bool,
    },
    /// A date, boolean or error cell.
    WrongKind(&'static str),
}

impl From<AmountError> for Issue {
    fn from(e: AmountError) -> Self {
        match e {
            AmountError::Empty => Issue::Empty,
            // The import trims the cell before it parses, so blanks cannot reach here; were they to,
            // the cell is not a number as written.
            AmountError::NotANumber | AmountError::Blanks => Issue::NotANumber,
            AmountError::Negative => Issue::Negative,
            AmountError::TooManyDecimals => Issue::TooManyDecimals,
            AmountError::TooLarge => Issue::TooLarge,
        }
    }
}

/// Strips currency words and symbols around a number: `kr.`, `kr`, `,-`, a three-letter code
/// (`DKK`, `EUR`), `€`, `$`, `£`.
fn strip_currency(s: &str) -> &str {
    let mut t = s.trim();
    loop {
        let before = t;
        for sym in ["€", "$", "£"] {
            t = t.trim_start_matches(sym).trim_end_matches(sym).trim();
        }
        for word in ["kr.", "kr"] {
            if t.len() >= word.len()
                && t.get(..word.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(word))
            {
                t = t.get(word.len()..).unwrap_or("").trim();
            }
            if t.len() >= word.len()
                && t.get(t.len() - word.len()..)
                    .is_some_and(|p| p.eq_ignore_ascii_case(word))
            {
                t = t.get(..t.len() - word.len()).unwrap_or("").trim();
            }
        }
        let code = |w: &str| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase());
        if let Some((head, rest)) = t.split_once(char::is_whitespace)
            && code(head)
        {
            t = rest.trim();
        }
        if let Some((rest, tail)) = t.rsplit_once(char::is_whitespace)
            && code(tail)
        {
            t = rest.trim();
        }
        for dash in [",-", ".-", ",–", ",—"] {
            t = t.strip_suffix(dash).unwrap_or(t).trim();
        }
        if t == before {
            return t;
        }
    }
}

/// Digits in groups of three after a first group of one to three (`2.875.000` split at `.`).
fn grouped(int: &str, sep: char) -> Option<String> {
    let groups: Vec<&str> = int.split(sep).collect();
    let first = groups.first()?;
    let ok = (1..=3).contains(&first.len())
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| groups.concat())
}

/// `int.frac` as an exact amount (at most two decimals, not above the maximum).
fn exact(int: &str, frac: &str) -> Result<Decimal, Issue> {
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Issue::NotANumber);
    }
    let int = if int.is_empty() { "0" } else { int };
    let text = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    money::parse_amount(&text).map_err(Issue::from)
}

/// Reads an amount written as text. See the module docs for the formats.
pub fn parse_text(raw: &str) -> Result<TextAmount, Issue> {
    let t = strip_currency(raw);
    if t.is_empty() {
        return Err(if raw.trim().is_empty() {
            Issue::Empty
        } else {
            Issue::NotANumber
        });
    }
    if t.starts_with(['-', '−', '–', '(']) {
        return Err(Issue::Negative);
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    // Blanks (also the no-break and thin spaces) and apostrophes group thousands in some formats.
    let t: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect();
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(Issue::NotANumber);
    }
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    let value = |int: &str, frac: &str, mark: Option<Mark>| {
        exact(int, frac).map(|d| TextAmount::Value(d, mark))
    };
    match (dots, commas) {
        (0, 0) => value(&t, "", None),
        (1.., 1..) => {
            // The last separator is the decimal mark; the other groups thousands.
            let (mark, thousands) = match (t.rfind('.'), t.rfind(',')) {
                (Some(dp), Some(cp)) if dp > cp => (Mark::Dot, ','),
                _ => (Mark::Comma, '.'),
            };
            let (int, frac) = t.rsplit_once(mark.char()).unwrap_or((&t, ""));
            if frac.contains(thousands) {
                return Err(Issue::BadGrouping);
            }
            let int = grouped(int, thousands).ok_or(Issue::BadGrouping)?;
            value(&int, frac, Some(mark))
        }
        (n, 0) | (0, n) => {
            let sep = if dots > 0 { '.' } else { ',' };
            // The other character is the decimal mark when `sep` groups thousands.
            let other = if sep == '.' { Mark::Comma } else { Mark::Dot };
            let this = if sep == '.' { Mark::Dot } else { Mark::Comma };
            if n > 1 {
                let int = grouped(&t, sep).ok_or(Issue::BadGrouping)?;
                return value(&int, "", Some(other));
            }
            let (int, frac) = t.split_once(sep).unwrap_or((&t, ""));
            if frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0') {
                return Ok(TextAmount::Ambiguous { sep });
            }
            if frac.is_empty() {
                return Err(Issue::NotANumber);
            }
            value(int, frac, Some(this))
        }
    }
}

/// A numeric spreadsheet cell: its shortest decimal spelling (what the spreadsheet shows), accepted
/// when that has at most two decimals.
pub fn from_float(f: f64) -> Result<Decimal, Issue> {
    if !f.is_finite() {
        return Err(Issue::FloatFraction(f.to_string()));
    }
    if f < 0.0 {
        return Err(Issue::Negative);
    }
    let text = f.to_string();
    match money::parse_amount(&text) {
        Err(AmountError::TooManyDecimals) => Err(Issue::FloatFraction(text)),
        other => other.map_err(Issue::from),
    }
}

/// The amounts of one column, in order: ambiguous text is decided by the decimal mark the column's
/// other text shows (when it shows one, and only one).
pub fn column(cells: &[&Cell]) -> Vec<Result<Decimal, Issue>> {
    let first: Vec<Result<TextAmount, Issue>> = cells
        .iter()
        .map(|c| match c {
            Cell::Empty => Err(Issue::Empty),
            Cell::Text(s) => parse_text(s),
            Cell::Int(i) => money::amount_from_integer(*i)
                .map(|d| TextAmount::Value(d, None))
                .map_err(Issue::from),
            Cell::Float(f) => from_float(*f).map(|d| TextAmount::Value(d, None)),
            Cell::Bool(_) => Err(Issue::WrongKind("a true/false value")),
            Cell::Date(_) => Err(Issue::WrongKind("a date")),
            Cell::Error(_) => Err(Issue::WrongKind("an error value")),
        })
        .collect();
    let mut marks = first.iter().filter_map(|r| match r {
        Ok(TextAmount::Value(_, Some(m))) => Some(*m),
        _ => None,
    });
    let first_mark = marks.next();
    let conflict = first_mark.is_some_and(|m| marks.any(|n| n != m));
    let mark = first_mark.filter(|_| !conflict);
    first
        .into_iter()
        .zip(cells)
        .map(|(r, cell)| match r {
            Ok(TextAmount::Value(d, _)) => Ok(d),
            Ok(TextAmount::Ambiguous { sep }) => {
                let t: String = cell
                    .text()
                    .map(strip_currency)
                    .unwrap_or("")
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == sep)
                    .collect();
                let (int, frac) = t.split_once(sep).unwrap_or((&t, ""));
                match mark {
                    Some(m) if m.char() == sep => exact(int, frac),
                    Some(_) => exact(&format!("{int}{frac}"), ""),
                    None => Err(Issue::Ambiguous { sep, conflict }),
                }
            }
            Err(e) => Err(e),
        })
        .collect()
}

/// The message, marker label and hint for an issue with the cell showing `shown`.
pub fn describe(issue: &Issue, shown: &str) -> (String, &'static str, String) {
    let shown = crate::text::sanitize_line(shown);
    let formats = "write digits, with `.` or `,` between thousands and before the decimals: 2.875.000,50 or 2,875,000.50";
    match issue {
        Issue::Empty => (
            "the amount is empty".into(),
            "no amount",
            "every grant needs an amount; fill it in, or leave the row out (--partial skips it)"
                .into(),
        ),
        Issue::NotANumber => (
            format!("\"{shown}\" is not an amount"),
            "not a number",
            formats.into(),
        ),
        Issue::BadGrouping => (
            format!("\"{shown}\" is not an amount: the digits are grouped wrongly"),
            "thousands come in groups of three",
            formats.into(),
        ),
        Issue::Negative => (
            format!("the amount \"{shown}\" is negative"),
            "negative",
            "a grant is never negative; a repayment is not a project of the round".into(),
        ),
        Issue::TooManyDecimals => (
            format!("the amount \"{shown}\" has more than two decimals"),
            "more than two decimals",
            "amounts are exact to the hundredth (øre, cent); round it in the file".into(),
        ),
        Issue::TooLarge => (
            format!("the amount \"{shown}\" is too large"),
            "above 10^15",
            "amounts go up to 1.000.000.000.000.000".into(),
        ),
        Issue::FloatFraction(v) => (
            format!("the number {v} in this cell is not a whole number of hundredths (øre, cents)"),
            "not an exact amount",
            "round it in the spreadsheet (=ROUND(…;2)) or type the amount as text".into(),
        ),
        Issue::Ambiguous { sep, conflict } => {
            let why = if *conflict {
                "the column uses both `,` and `.` as the decimal mark, so it does not tell"
            } else {
                "no other amount in the column shows which is the decimal mark"
            };
            // The two readings, each spelled so that it cannot be read the other way.
            let digits: String = shown
                .chars()
                .filter(|c| c.is_ascii_digit() || c == sep)
                .collect();
            let (int, frac) = digits.split_once(*sep).unwrap_or((&digits, ""));
            let frac = frac.trim_end_matches('0');
            let small = if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}{sep}{frac}")
            };
            (
                format!("ambiguous amount \"{shown}\": thousands or decimals?"),
                "thousands or decimals?",
                format!(
                    "{why}; write {int}{} or {small}, whichever it means",
                    digits.split_once(*sep).map_or("", |(_, f)| f)
                ),
            )
        }
        Issue::WrongKind(kind) => (
            format!("the amount cell holds {kind}, not an amount: \"{shown}\""),
            "not an amount",
            "format the column as numbers, or type the amounts".into(),
        ),
    }
}

/// A problem for the amount cell at (`row`, `col`).
pub fn problem(row: usize, col: usize, issue: &Issue, cell: &Cell) -> CellProblem {
    let (message, label, hint) = describe(issue, &cell.shown());
    CellProblem::new(row, Some(col), message)
        .label(label)
        .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::testdata::dec;

    fn v(s: &str) -> Decimal {
        match parse_text(s) {
            Ok(TextAmount::Value(d, _)) => d,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn danish_and_english_formats_with_currency_marks() {
        for (text, want) in [
            ("2.875.000,50", "2875000.5"),
            ("2,875,000.50", "2875000.5"),
            ("2875000.5", "2875000.5"),
            ("2875000,5", "2875000.5"),
            ("2.875.000", "2875000"),
            ("2,875,000", "2875000"),
            ("kr. 2.875.000,50", "2875000.5"),
            ("2.875.000,- kr.", "2875000"),
            ("DKK 1,000.25", "1000.25"),
            ("1 000 000 kr", "1000000"),
            ("1\u{a0}000,5", "1000.5"),
            ("30000000", "30000000"),
            ("0,5", "0.5"),
            ("0.500", "0.5"),
            ("€ 12", "12"),
        ] {
            assert_eq!(v(text), dec(want), "{text}");
        }
        assert_eq!(parse_text("1.500"), Ok(TextAmount::Ambiguous { sep: '.' }));
        assert_eq!(parse_text("1,500"), Ok(TextAmount::Ambiguous { sep: ',' }));
        assert_eq!(parse_text("1.234,567"), Err(Issue::TooManyDecimals));
        assert_eq!(parse_text("12.34.567"), Err(Issue::BadGrouping));
        assert_eq!(parse_text("-5"), Err(Issue::Negative));
        assert_eq!(parse_text("fem"), Err(Issue::NotANumber));
        assert_eq!(parse_text(" "), Err(Issue::Empty));
        assert_eq!(parse_text("kr."), Err(Issue::NotANumber));
        assert_eq!(parse_text("1e6"), Err(Issue::NotANumber));
    }

    #[test]
    fn floats_are_taken_at_their_shortest_spelling_and_must_be_whole_hundredths() {
        assert_eq!(from_float(2875000.5), Ok(dec("2875000.5")));
        assert_eq!(
            from_float(0.1 + 0.2).unwrap_err(),
            Issue::FloatFraction("0.30000000000000004".into())
        );
        assert_eq!(
            from_float(1500.123),
            Err(Issue::FloatFraction("1500.123".into()))
        );
        assert_eq!(from_float(19.99), Ok(dec("19.99")));
        assert_eq!(from_float(-1.0), Err(Issue::Negative));
        assert!(from_float(f64::NAN).is_err());
        assert_eq!(from_float(1e300), Err(Issue::TooLarge));
    }

    #[test]
    fn the_column_decides_ambiguous_amounts() {
        let t = |s: &str| Cell::Text(s.into());
        let danish = [t("1.500"), t("2.875.000,50"), Cell::Float(3.0)];
        let r = column(&danish.iter().collect::<Vec<_>>());
        assert_eq!(r[0], Ok(dec("1500")));
        let english = [t("1.500"), t("2,875,000")];
        let r = column(&english.iter().collect::<Vec<_>>());
        assert_eq!(r[0], Ok(dec("1.5")));
        let unknown = [t("1.500"), t("2000")];
        let r = column(&unknown.iter().collect::<Vec<_>>());
        assert_eq!(
            r[0],
            Err(Issue::Ambiguous {
                sep: '.',
                conflict: false
            })
        );
        let mixed = [t("1.500"), t("2,5"), t("3.25")];
        let r = column(&mixed.iter().collect::<Vec<_>>());
        assert_eq!(
            r[0],
            Err(Issue::Ambiguous {
                sep: '.',
                conflict: true
            })
        );
        assert_eq!(r[1], Ok(dec("2.5")));
    }
}
