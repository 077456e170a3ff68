//! Finding the header row and placing columns on the round's fields, by header names in Danish and
//! English compared case- and accent-insensitively (`Beløb`, `belob`, `BELØB (kr.)`, `Amount`), or as
//! the user says with `--map amount="Bevilget beløb"`. A column that is not placed is listed, never
//! dropped without a word.

use super::table::{CellProblem, Table};
use crate::data::diagnostic::closest;
use crate::text::fold::fold;

/// A field of the round a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    DistrictId,
    District,
    Project,
    Amount,
    Id,
    Partners,
    Themes,
    Target,
    Summary,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::DistrictId,
        Field::District,
        Field::Project,
        Field::Amount,
        Field::Id,
        Field::Partners,
        Field::Themes,
        Field::Target,
        Field::Summary,
    ];

    /// The name `--map` takes (the key of the data format, where there is one).
    pub fn name(self) -> &'static str {
        match self {
            Field::DistrictId => "district_id",
            Field::District => "district",
            Field::Project => "project",
            Field::Amount => "amount",
            Field::Id => "id",
            Field::Partners => "partners",
            Field::Themes => "themes",
            Field::Target => "target",
            Field::Summary => "summary",
        }
    }

    /// What the field is called in messages.
    pub fn described(self) -> &'static str {
        match self {
            Field::DistrictId => "the district id",
            Field::District => "the district",
            Field::Project => "the project name",
            Field::Amount => "the amount",
            Field::Id => "the project id",
            Field::Partners => "the partners",
            Field::Themes => "the themes",
            Field::Target => "the target group",
            Field::Summary => "the summary",
        }
    }

    /// Header names that mean this field, Danish and English, as people write them (compared after
    /// [`normalize`]). `kredskort export --format csv` writes the first English one.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Field::DistrictId => &[
                "district_id",
                "district id",
                "kreds id",
                "kreds-id",
                "kredsid",
            ],
            Field::District => &[
                "district",
                "kreds",
                "politikreds",
                "politikredse",
                "politidistrikt",
                "district name",
                "kredsnavn",
                "police district",
                "region",
                "område",
                "area",
            ],
            Field::Project => &[
                "project",
                "projekt",
                "projektnavn",
                "projekttitel",
                "project name",
                "project title",
                "titel",
                "title",
                "navn",
                "name",
                "aktivitet",
            ],
            Field::Amount => &[
                "amount",
                "beløb",
                "bevilling",
                "bevilget",
                "bevilget beløb",
                "bevillingsbeløb",
                "tilskud",
                "tildelt",
                "tildelt beløb",
                "grant",
                "granted",
                "amount granted",
                "kroner",
                "sum",
            ],
            Field::Id => &[
                "project_id",
                "project id",
                "id",
                "projekt id",
                "projekt-id",
                "projektnummer",
                "projektnr",
                "journalnummer",
                "j nr",
                "sagsnummer",
            ],
            Field::Partners => &[
                "partners",
                "partner",
                "partnere",
                "samarbejdspartnere",
                "samarbejdspartner",
                "parter",
            ],
            Field::Themes => &["themes", "theme", "tema", "temaer", "emne", "emner", "tags"],
            Field::Target => &[
                "target",
                "target group",
                "målgruppe",
                "målgrupper",
                "audience",
            ],
            Field::Summary => &[
                "summary",
                "description",
                "beskrivelse",
                "resumé",
                "formål",
                "projektbeskrivelse",
                "notes",
                "bemærkninger",
            ],
        }
    }

    /// The field `--map` names: its name or one of its header names.
    pub fn parse(s: &str) -> Option<Field> {
        let n = normalize(s);
        Field::ALL
            .into_iter()
            .find(|f| normalize(f.name()) == n || f.headers().iter().any(|h| normalize(h) == n))
    }
}

/// A header as compared: folded like search (`Beløb` ~ `belob` ~ `BELOEB`), every run of other
/// characters one blank, and a currency unit at the end dropped (`Beløb (kr.)`, `Amount DKK`).
pub fn normalize(header: &str) -> String {
    let folded = fold(header);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut end = words.len();
    while end > 1
        && words
            .get(end - 1)
            .is_some_and(|w| matches!(*w, "kr" | "dkk" | "i" | "in" | "kroner"))
    {
        end -= 1;
    }
    words.get(..end).unwrap_or(&[]).join(" ")
}

/// Which column holds each field, where the header row is, and the columns left over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Index of the header row in the table.
    pub header_row: usize,
    /// Column of each field (indexed like [`Field::ALL`]).
    columns: [Option<usize>; 9],
    /// Columns with data that no field takes: (column, header text).
    pub unplaced: Vec<(usize, String)>,
}

impl Mapping {
    pub fn column(&self, field: Field) -> Option<usize> {
        Field::ALL
            .iter()
            .position(|&f| f == field)
            .and_then(|i| self.columns.get(i).copied().flatten())
    }

    fn set(&mut self, field: Field, col: usize) {
        if let Some(i) = Field::ALL.iter().position(|&f| f == field)
            && let Some(slot) = self.columns.get_mut(i)
        {
            *slot = Some(col);
        }
    }
}

/// How many rows from the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 12;

/// Parses `--map FIELD=COLUMN` options.
pub fn parse_map(options: &[String]) -> Result<Vec<(Field, String)>, String> {
    let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    options
        .iter()
        .map(|o| {
            let (field, column) = o.split_once('=').ok_or_else(|| {
                format!("--map takes FIELD=COLUMN (such as amount=\"Bevilget beløb\"), not \"{o}\"")
            })?;
            let f = Field::parse(field).ok_or_else(|| {
                let hint = closest(field, names.iter().copied())
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!(
                    "--map: unknown field `{field}`; {hint}the fields are {}",
                    names.join(", ")
                )
            })?;
            let column = column.trim().trim_matches('"').to_string();
            if column.is_empty() {
                return Err(format!("--map {field}=…: the column name is empty"));
            }
            Ok((f, column))
        })
        .collect()
}

/// The header texts of a row (empty for blank cells).
fn headers_of(table: &Table, row: usize) -> Vec<String> {
    table
        .rows
        .get(row)
        .map(|r| r.iter().map(|c| c.shown()).collect())
        .unwrap_or_default()
}

/// The field a header names by itself, if any.
fn field_of(header: &str) -> Option<Field> {
    let n = normalize(header);
    if n.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| f.headers().iter().any(|h| normalize(h) == n))
}

/// The column `--map` names in a header row: the exact text, else the same after [`normalize`].
fn find_column(headers: &[String], wanted: &str) -> Option<usize> {
    headers.iter().position(|h| h.trim() == wanted).or_else(|| {
        let n = normalize(wanted);
        headers
            .iter()
            .position(|h| !n.is_empty() && normalize(h) == n)
    })
}

/// Finds the header row (the row among the first few that names the most fields) and places the
/// columns. Every problem at once: unknown `--map` columns, two columns for one field, required
/// fields without a column.
pub fn map_columns(
    table: &Table,
    overrides: &[(Field, String)],
) -> Result<Mapping, Vec<CellProblem>> {
    let score = |row: usize| {
        let headers = headers_of(table, row);
        let named = headers.iter().filter(|h| field_of(h).is_some()).count();
        let mapped = overrides
            .iter()
            .filter(|(_, c)| find_column(&headers, c).is_some())
            .count();
        named + mapped
    };
    let first_rows = table.rows.len().min(HEADER_SEARCH_ROWS);
    let mut header_row = None;
    let mut best = 0;
    for row in 0..first_rows {
        let s = score(row);
        if s > best {
            best = s;
            header_row = Some(row);
        }
    }
    let Some(header_row) = header_row else {
        let first = (0..table.rows.len())
            .find(|&r| {
                table
                    .rows
                    .get(r)
                    .is_some_and(|c| c.iter().any(|c| !c.is_blank()))
            })
            .unwrap_or(0);
        return Err(vec![
            CellProblem::new(first, None, "no header row: no column names a district, project or amount")
                .label("expected the header row here or in the next rows")
                .hint(format!(
                    "name the columns (Danish or English), e.g. {}, or say which column is which: --map amount=\"Bevilget beløb\"",
                    [Field::District, Field::Project, Field::Amount]
                        .iter()
                        .map(|f| f.headers().get(1).copied().unwrap_or(f.name()))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
        ]);
    };
    let headers = headers_of(table, header_row);
    let mut mapping = Mapping {
        header_row,
        columns: [None; 9],
        unplaced: Vec::new(),
    };
    let mut problems = Vec::new();
    let mut taken: Vec<Option<Field>> = vec![None; headers.len()];
    for (field, column) in overrides {
        match find_column(&headers, column) {
            Some(c) => {
                mapping.set(*field, c);
                if let Some(t) = taken.get_mut(c) {
                    *t = Some(*field);
                }
            }
            None => {
                let hint = closest(column, headers.iter().map(String::as_str))
                    .map(|c| format!("did you mean \"{c}\"? "))
                    .unwrap_or_default();
                problems.push(
                    CellProblem::new(
                        header_row,
                        None,
                        format!(
                            "--map {}=\"{}\": the header row has no such column",
                            field.name(),
                            crate::text::sanitize_line(column)
                        ),
                    )
                    .label("the header row")
                    .hint(format!("{hint}the column names are written as in this row")),
                );
            }
        }
    }
    let overridden = |f: Field| overrides.iter().any(|(o, _)| *o == f);
    for (col, header) in headers.iter().enumerate() {
        if taken.get(col).copied().flatten().is_some() {
            continue;
        }
        let Some(field) = field_of(header).filter(|&f| !overridden(f)) else {
            continue;
        };
        match mapping.column(field) {
            Some(first) => problems.push(
                CellProblem::new(
                    header_row,
                    Some(col),
                    format!(
                        "two columns for {}: \"{}\" and \"{}\"",
                        field.described(),
                        crate::text::sanitize_line(headers.get(first).map_or("", |s| s)),
                        crate::text::sanitize_line(header)
                    ),
                )
                .label(format!("a second column for {}", field.described()))
                .note_at(header_row, Some(first), "the first one")
                .hint(format!(
                    "rename or remove one of them, or choose one: --map {}=\"COLUMN\"",
                    field.name()
                )),
            ),
            None => {
                mapping.set(field, col);
                if let Some(t) = taken.get_mut(col) {
                    *t = Some(field);
                }
            }
        }
    }
    let has_data = |col: usize| {
        table
            .rows
            .iter()
            .skip(header_row)
            .any(|r| r.get(col).is_some_and(|c| !c.is_blank()))
    };
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    for col in 0..width {
        if taken.get(col).copied().flatten().is_none() && has_data(col) {
            let h = headers.get(col).cloned().unwrap_or_default();
            mapping.unplaced.push((col, h));
        }
    }
    let required: [(&[Field], Field); 3] = [
        (&[Field::District, Field::DistrictId], Field::District),
        (&[Field::Project], Field::Project),
        (&[Field::Amount], Field::Amount),
    ];
    for (any_of, field) in required {
        if any_of.iter().any(|&f| mapping.column(f).is_some()) {
            continue;
        }
        let names: Vec<&str> = field.headers().iter().take(6).copied().collect();
        let near = mapping.unplaced.iter().find_map(|(_, h)| {
            let n = normalize(h);
            closest(&n, field.headers().iter().copied()).map(|_| h.clone())
        });
        let hint = match near {
            Some(h) => format!(
                "did you mean the column \"{}\"? say so: --map {}=\"{}\"",
                crate::text::sanitize_line(&h),
                field.name(),
                crate::text::sanitize_line(&h)
            ),
            None => format!(
                "name a column {} (or another usual name), or say which it is: --map {}=\"COLUMN\"",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                field.name()
            ),
        };
        problems.push(
            CellProblem::new(
                header_row,
                None,
                format!("no column for {}", field.described()),
            )
            .label("the header row")
            .hint(hint),
        );
    }
    if problems.is_empty() {
        Ok(mapping)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::{Cell, Source};

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            origin: "t.xlsx".into(),
            source: Source::Sheet {
                name: "Ark1".into(),
                first_row: 0,
                first_col: 0,
            },
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|s| {
                            if s.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(s.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn headers_match_in_any_case_accent_and_with_a_unit() {
        for h in [
            "Beløb",
            "belob",
            "BELØB",
            "beloeb",
            "Beløb (kr.)",
            "Amount DKK",
            "Bevilling",
        ] {
            assert_eq!(field_of(h), Some(Field::Amount), "{h}");
        }
        assert_eq!(field_of("Kreds"), Some(Field::District));
        assert_eq!(field_of("district_id"), Some(Field::DistrictId));
        assert_eq!(field_of("Målgruppe"), Some(Field::Target));
        assert_eq!(field_of("Kommentar"), None);
        assert_eq!(field_of(""), None);
    }

    #[test]
    fn the_header_row_is_found_under_title_rows_and_leftovers_are_listed() {
        let t = table(&[
            &["Tilskud 2015"],
            &[],
            &["Kreds", "Projekt", "Beløb", "Kommentar"],
            &["Fyn", "X", "5", "ok"],
        ]);
        let m = map_columns(&t, &[]).unwrap();
        assert_eq!(m.header_row, 2);
        assert_eq!(m.column(Field::Amount), Some(2));
        assert_eq!(m.unplaced, [(3, "Kommentar".to_string())]);
    }

    #[test]
    fn map_overrides_and_problems() {
        let t = table(&[
            &["Kreds", "Projekt", "Bevilget i alt", "Beløb"],
            &["Fyn", "X", "5", "6"],
        ]);
        let m = map_columns(&t, &[(Field::Amount, "bevilget i alt".into())]).unwrap();
        assert_eq!(m.column(Field::Amount), Some(2));
        assert_eq!(m.unplaced, [(3, "Beløb".to_string())]);
        let t = table(&[&["Kreds", "Beløb", "Beløb"], &["Fyn", "5", "6"]]);
        let p = map_columns(&t, &[]).unwrap_err();
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].problem
                .message
                .starts_with("two columns for the amount")
        );
        assert_eq!(p[1].problem.message, "no column for the project name");
        assert_eq!(
            parse_map(&["beløb=X".into(), "amout=Y".into()]).unwrap_err(),
            "--map: unknown field `amout`; did you mean `amount`? the fields are district_id, district, project, amount, id, partners, themes, target, summary"
        );
        assert_eq!(
            parse_map(&["beløb=\"Bevilget\"".into()]).unwrap(),
            [(Field::Amount, "Bevilget".to_string())]
        );
    }
}
