//! The import from start to end: read the table, place the columns, take every row (district,
//! name, amount, id, lists), collect every problem, write the round and check it with the loader
//! that `kredskort check` uses.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::amount;
use super::columns::{self, Field, Mapping};
use super::csv_table;
use super::districts::{self, Found, Matcher, is_id};
use super::sheet;
use super::table::{Cell, CellProblem, Source, Table};
use super::write::{self, MetaOut};
use crate::data::load::{display_path, read_bytes};
use crate::data::{
    Dataset, Diagnostic, District, LoadError, MapSpec, Project, ProjectParts, load_embedded,
};
use crate::locale::format_number;

/// Which districts the rows are matched against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DistrictChoice {
    /// The built-in set when the values look like its districts, else new districts.
    #[default]
    Auto,
    /// The built-in 2014 police districts.
    Builtin,
    /// New districts made from the values.
    New,
    /// The districts of another round file.
    File(PathBuf),
}

/// What the user chose (all optional but the date).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub sheet: Option<String>,
    pub map: Vec<(Field, String)>,
    pub districts: DistrictChoice,
    pub title: Option<String>,
    pub pool: Option<Decimal>,
    pub currency: Option<String>,
    /// Write the good rows and list the others, instead of writing nothing.
    pub partial: bool,
    /// Today, for the header comment (`2026-12-06`).
    pub date: String,
}

/// A finished import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The round file's text.
    pub toml: String,
    /// The same, as `check` loads it.
    pub dataset: Dataset,
    /// The problems of the rows left out (with `partial`).
    pub skipped: Vec<Diagnostic>,
    /// How many rows were left out.
    pub skipped_rows: usize,
    /// Columns with data that were not imported, as `column F "Kommentar"`.
    pub unplaced: Vec<String>,
    /// Where the districts came from, in words.
    pub districts_from: String,
}

const BUILTIN_WORDS: &str = "the built-in 2014 police districts";

/// Reads `path` (CSV, or a workbook by its extension or content) and imports it.
pub fn import_file(
    path: &Path,
    opts: &Options,
    progress: &mut dyn FnMut(&str),
) -> Result<Imported, LoadError> {
    let origin = display_path(path);
    let bytes = read_bytes(path, "give the path of a .csv, .xlsx, .xls or .ods file")?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let workbook = sheet::EXTENSIONS.contains(&ext.as_str())
        || (!matches!(ext.as_str(), "csv" | "tsv" | "txt") && sheet::looks_like_workbook(&bytes));
    let table = if workbook {
        sheet::read_sheet(path, bytes, &origin, opts.sheet.as_deref())?
    } else {
        if opts.sheet.is_some() {
            return Err(LoadError::whole_file(
                &origin,
                "--sheet is for workbooks, and this file is read as CSV",
                Some("leave out --sheet, or give the .xlsx/.ods file".into()),
            ));
        }
        csv_table::read_csv(&bytes, &origin, &mut |n| {
            progress(&format!("{n} rows read"));
        })
    };
    progress(&format!("{} rows read", table.rows.len()));
    import_table(&table, opts, progress)
}

/// The trimmed text of a cell that is not blank.
fn value(cell: Option<&Cell>) -> Option<String> {
    cell.filter(|c| !c.is_blank()).map(Cell::shown)
}

/// A list cell: entries separated by `;` or line breaks (commas are common inside names).
fn split_list(text: Option<String>) -> Vec<String> {
    text.map(|t| {
        t.split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(crate::text::sanitize_line)
            .collect()
    })
    .unwrap_or_default()
}

/// A `[map]` that means the same in the written file: one naming a built-in geometry (a path would
/// be relative to the district set's file, not to the new one).
fn portable_map(map: Option<&MapSpec>) -> Option<MapSpec> {
    map.filter(|m| !m.geometry.contains(['/', '\\', '.']))
        .cloned()
}

/// Imports a table that has been read.
pub fn import_table(
    table: &Table,
    opts: &Options,
    progress: &mut dyn FnMut(&str),
) -> Result<Imported, LoadError> {
    let origin = table.origin.clone();
    let fail = |diagnostics: Vec<Diagnostic>| LoadError {
        origin: origin.clone(),
        diagnostics,
    };
    let blank_row = |r: &Vec<Cell>| r.iter().all(Cell::is_blank);
    if table.rows.iter().all(blank_row) {
        let what = match &table.source {
            Source::Csv { .. } => "the file is empty".to_string(),
            Source::Sheet { name, .. } => format!(
                "the sheet \"{}\" is empty",
                crate::text::sanitize_line(name)
            ),
        };
        return Err(LoadError::whole_file(
            &origin,
            what,
            Some("an import needs a header row and one row per grant".into()),
        ));
    }
    let mapping = columns::map_columns(table, &opts.map).map_err(|p| fail(table.locate(p)))?;
    let rows: Vec<usize> = (mapping.header_row + 1..table.rows.len())
        .filter(|&r| table.rows.get(r).is_some_and(|c| !blank_row(c)))
        .collect();
    // A round may have no projects, but then the districts must come from a set.
    let explicit_set = matches!(
        opts.districts,
        DistrictChoice::Builtin | DistrictChoice::File(_)
    );
    if rows.is_empty() && !explicit_set {
        return Err(fail(table.locate(vec![
            CellProblem::new(mapping.header_row, None, "no rows under the header row")
                .label("the header row")
                .hint("an import needs one row per grant under the header (a round without projects needs --districts)"),
        ])));
    }
    let cell = |r: usize, f: Field| -> Option<&Cell> {
        let c = mapping.column(f)?;
        table.rows.get(r)?.get(c)
    };
    let mut problems: Vec<CellProblem> = Vec::new();

    // The district set.
    let district_values: Vec<(Option<String>, Option<String>)> = rows
        .iter()
        .map(|&r| {
            (
                value(cell(r, Field::District)),
                value(cell(r, Field::DistrictId)),
            )
        })
        .collect();
    let (set, districts_from): (Option<Dataset>, String) = match &opts.districts {
        DistrictChoice::Builtin => (Some(load_embedded()), BUILTIN_WORDS.into()),
        DistrictChoice::File(p) => (
            Some(crate::data::load_file(p)?),
            format!("those of {}", display_path(p)),
        ),
        DistrictChoice::New => (None, "made from the district column".into()),
        DistrictChoice::Auto => {
            let builtin = load_embedded();
            let values: Vec<&str> = district_values
                .iter()
                .filter_map(|(n, i)| i.as_deref().or(n.as_deref()))
                .collect();
            if Matcher::new(&builtin.districts).fits(&values) {
                (Some(builtin), BUILTIN_WORDS.into())
            } else {
                (
                    None,
                    "made from the district column (the values are not the built-in districts)"
                        .into(),
                )
            }
        }
    };
    let district_col = mapping
        .column(Field::DistrictId)
        .filter(|_| mapping.column(Field::District).is_none() || set.is_some())
        .or(mapping.column(Field::District))
        .unwrap_or(0);
    let matcher = set.as_ref().map(|s| Matcher::new(&s.districts));
    // Per row: the index of its district in the set (with a set), or None.
    let mut set_index: Vec<Option<usize>> = vec![None; rows.len()];
    for (k, &r) in rows.iter().enumerate() {
        let (name, id) = &district_values[k];
        let Some(shown) = id.as_ref().or(name.as_ref()) else {
            let col = mapping
                .column(Field::District)
                .or(mapping.column(Field::DistrictId))
                .unwrap_or(0);
            problems.push(
                CellProblem::new(r, Some(col), "the district is empty")
                    .label("no district")
                    .hint("every grant belongs to a district; fill it in"),
            );
            continue;
        };
        let (Some(m), Some(set)) = (&matcher, &set) else {
            continue;
        };
        // The id column first; the name when the id is not one of the set's.
        let found = match (id, name) {
            (Some(i), Some(n)) => match m.find(i) {
                Found::None => m.find(n),
                f => f,
            },
            _ => m.find(shown),
        };
        let col = if id.is_some() {
            mapping.column(Field::DistrictId).unwrap_or(district_col)
        } else {
            mapping.column(Field::District).unwrap_or(district_col)
        };
        let safe = crate::text::sanitize_line(shown);
        match found {
            Found::One(i) => set_index[k] = Some(i),
            Found::Several(many) => {
                let names: Vec<String> = many
                    .iter()
                    .filter_map(|&i| set.districts.get(i))
                    .map(|d| format!("\"{}\" ({})", d.name, d.id))
                    .collect();
                problems.push(
                    CellProblem::new(
                        r,
                        Some(col),
                        format!("\"{safe}\" names more than one district"),
                    )
                    .label("which one?")
                    .hint(format!("write the id of one of {}", names.join(", "))),
                );
            }
            Found::None => {
                let hint = match m.suggestion(shown) {
                    Some(d) => d,
                    None => format!(
                        "the districts are named like {}; or import with --districts new to make new districts from this column",
                        m.examples()
                    ),
                };
                problems.push(
                    CellProblem::new(r, Some(col), format!("unknown district \"{safe}\""))
                        .label(format!("not a district of {districts_from}"))
                        .hint(hint),
                );
            }
        }
    }

    // Names, amounts and ids.
    let amount_col = mapping.column(Field::Amount).unwrap_or(0);
    let amount_cells: Vec<&Cell> = rows
        .iter()
        .map(|&r| cell(r, Field::Amount).unwrap_or(&Cell::Empty))
        .collect();
    let amounts = amount::column(&amount_cells);
    let mut ids: Vec<Option<String>> = vec![None; rows.len()];
    let mut first_id: HashMap<String, usize> = HashMap::new();
    for (k, &r) in rows.iter().enumerate() {
        if value(cell(r, Field::Project)).is_none() {
            problems.push(
                CellProblem::new(
                    r,
                    Some(mapping.column(Field::Project).unwrap_or(0)),
                    "the project name is empty",
                )
                .label("no name")
                .hint("every grant needs a project name; fill it in"),
            );
        }
        if let (Err(issue), Some(c)) = (&amounts[k], amount_cells.get(k)) {
            problems.push(amount::problem(r, amount_col, issue, c));
        }
        if let Some(raw) = value(cell(r, Field::Id)) {
            let col = mapping.column(Field::Id).unwrap_or(0);
            let id = if is_id(&raw) {
                raw.clone()
            } else {
                districts::unique_id(&raw, "project", &mut std::collections::HashSet::new())
            };
            if let Some(&first) = first_id.get(&id) {
                problems.push(
                    CellProblem::new(r, Some(col), format!("duplicate project id \"{id}\""))
                        .label("used before")
                        .note_at(first, Some(col), "first used here")
                        .hint("project ids are unique; change one, or leave the id out"),
                );
            } else {
                first_id.insert(id.clone(), r);
                ids[k] = Some(id);
            }
        }
    }
    progress("rows checked");

    // Every problem at once; or, with `partial`, the good rows and a list of the others.
    let mut skipped = Vec::new();
    let mut keep = vec![true; rows.len()];
    if !problems.is_empty() {
        let bad: std::collections::HashSet<usize> = problems.iter().map(|p| p.row).collect();
        if !opts.partial || bad.len() == rows.len() {
            return Err(fail(table.locate(problems)));
        }
        for (k, r) in rows.iter().enumerate() {
            if bad.contains(r) {
                keep[k] = false;
            }
        }
        skipped = table.locate(problems);
    }
    let skipped_rows = keep.iter().filter(|k| !**k).count();

    // The districts of the round, and the index of each kept row's district among them.
    let (districts_out, district_of): (Vec<District>, Vec<usize>) = match &set {
        Some(s) => (
            s.districts.clone(),
            set_index.iter().map(|i| i.unwrap_or(0)).collect(),
        ),
        None => {
            let kept: Vec<(Option<&str>, Option<&str>)> = district_values
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|((n, i), _)| (n.as_deref(), i.as_deref()))
                .collect();
            let (new, of_row) = districts::new_districts(&kept);
            let mut index = vec![0; rows.len()];
            let kept_rows = keep.iter().enumerate().filter(|(_, k)| **k).map(|(k, _)| k);
            for (slot, i) in kept_rows.zip(of_row) {
                if let Some(out) = index.get_mut(slot) {
                    *out = i;
                }
            }
            let out = new
                .into_iter()
                .map(|d| District::named(d.id, d.name))
                .collect();
            (out, index)
        }
    };

    let mut projects = Vec::with_capacity(rows.len());
    for (k, &r) in rows.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        let Some(Ok(amount)) = amounts.get(k).cloned() else {
            continue;
        };
        projects.push(Project::from(ProjectParts {
            id: ids[k].take(),
            district: district_of.get(k).copied().unwrap_or(0),
            name: crate::text::sanitize_line(&value(cell(r, Field::Project)).unwrap_or_default()),
            amount,
            partners: split_list(value(cell(r, Field::Partners))),
            target: value(cell(r, Field::Target)).map(|t| crate::text::sanitize_line(&t)),
            themes: split_list(value(cell(r, Field::Themes))),
            summary: value(cell(r, Field::Summary)).map(|t| crate::text::sanitize_block(&t)),
        }));
    }

    let total: Decimal = projects.iter().map(|p| p.amount).sum();
    let file_name = Path::new(&origin)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| origin.clone());
    if let Some(pool) = opts.pool
        && total > pool
    {
        let n = |d: Decimal| {
            format_number(
                d,
                if d.fract().is_zero() { 0 } else { 2 },
                crate::locale::Locale::En,
            )
        };
        return Err(LoadError::whole_file(
            &origin,
            format!(
                "the amounts add up to {}, {} more than --pool {}",
                n(total),
                n(total - pool),
                n(pool)
            ),
            Some("check --pool, or leave it out: the pool is then the sum of the amounts".into()),
        ));
    }
    let currency = opts
        .currency
        .clone()
        .or_else(|| set.as_ref().map(|s| s.meta.currency.clone()))
        .unwrap_or_else(|| "DKK".into());
    let title = opts.title.clone().unwrap_or_else(|| {
        Path::new(&file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file_name.clone())
    });
    let meta = MetaOut {
        title: crate::text::sanitize_line(&title),
        pool: Some(opts.pool.unwrap_or(total)),
        currency,
        source: Some(file_name.clone()),
    };
    let map = set.as_ref().and_then(|s| portable_map(s.map.as_ref()));

    let mut comment = vec![format!(
        "Imported by `kredskort import` from {file_name}{} on {}.",
        match &table.source {
            Source::Sheet { name, .. } => format!(", sheet \"{name}\""),
            Source::Csv { encoding, .. } => format!(" ({encoding})"),
        },
        opts.date
    )];
    comment.push(format!("Districts: {districts_from}."));
    if opts.pool.is_none() {
        comment.push("pool: the sum of the amounts (no --pool was given).".into());
    }
    if set.as_ref().is_some_and(|s| s.map.is_some()) && map.is_none() {
        comment.push(
            "The district set's [map] names a GeoJSON file: add [map] by hand for outlines.".into(),
        );
    }
    let unplaced = unplaced_list(table, &mapping);
    if !unplaced.is_empty() {
        comment.push(format!("Not imported: {}.", unplaced.join(", ")));
    }
    if skipped_rows > 0 {
        let places: Vec<String> = rows
            .iter()
            .zip(&keep)
            .filter(|(_, k)| !**k)
            .map(|(&r, _)| table.row_number(r).to_string())
            .collect();
        comment.push(format!(
            "Left out (--partial): {skipped_rows} rows with errors, at {} {}.",
            match table.source {
                Source::Csv { .. } => "lines",
                Source::Sheet { .. } => "rows",
            },
            places.join(", ")
        ));
    }
    let toml = write::round_toml(&comment, &meta, &districts_out, map.as_ref(), &projects);
    progress("round written");
    let dataset = crate::data::load_str(&toml, &origin, None).map_err(|e| {
        LoadError::whole_file(
            &origin,
            format!(
                "the imported round does not pass `check` (a bug in import): {}",
                e.summary()
            ),
            None,
        )
    })?;
    progress("round checked");
    Ok(Imported {
        toml,
        dataset,
        skipped,
        skipped_rows,
        unplaced,
        districts_from,
    })
}

/// The columns with data no field took, for messages: `column F "Kommentar"`.
fn unplaced_list(table: &Table, mapping: &Mapping) -> Vec<String> {
    mapping
        .unplaced
        .iter()
        .map(|(c, h)| {
            let h = crate::text::sanitize_line(h.trim());
            if h.is_empty() {
                format!("{} (no header)", table.column_name(*c))
            } else {
                format!("{} \"{h}\"", table.column_name(*c))
            }
        })
        .collect()
}
