//! Reading one sheet of a workbook (xlsx, xlsm, xls, xlsb, ods) into a [`Table`] through `calamine`
//! (pure Rust). The sheet is the one named, or the first that has data. A password-protected
//! workbook, a corrupt file and a sheet that does not exist each get their own error.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};

use super::table::{Cell, Source, Table};
use crate::data::LoadError;
use crate::data::diagnostic::did_you_mean;

/// The workbook kinds, by file extension (lower case).
pub const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlam", "xls", "xlsb", "ods"];

/// Whether `bytes` start like a workbook: a zip archive (xlsx, ods) or an OLE compound file (xls,
/// and the encrypted container of a password-protected xlsx).
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn is_password(e: &calamine::Error) -> bool {
    matches!(
        e,
        calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Xlsb(calamine::XlsbError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    )
}

fn open_error(origin: &str, e: &calamine::Error) -> LoadError {
    if is_password(e) {
        return LoadError::whole_file(
            origin,
            "the workbook is password-protected (encrypted), so it cannot be read",
            Some(
                "open it in the spreadsheet program, remove the password (File ▸ Info ▸ Protect \
                 Workbook) and save it again, or save the sheet as CSV"
                    .into(),
            ),
        );
    }
    LoadError::whole_file(
        origin,
        format!(
            "cannot read the workbook: {}",
            crate::text::sanitize_line(&e.to_string())
        ),
        Some(
            "the file is damaged or not the kind its name says; open and save it again in the \
             spreadsheet program, or save the sheet as CSV"
                .into(),
        ),
    )
}

type Book = Sheets<Cursor<Vec<u8>>>;

/// Opens a workbook from its bytes: by extension, else by content (zip: xlsx, then ods; OLE: xls).
fn open(bytes: Vec<u8>, ext: &str, origin: &str) -> Result<Book, LoadError> {
    fn as_xlsx(b: Vec<u8>) -> Result<Book, calamine::Error> {
        Ok(Sheets::Xlsx(Xlsx::new(Cursor::new(b))?))
    }
    fn as_xls(b: Vec<u8>) -> Result<Book, calamine::Error> {
        Ok(Sheets::Xls(Xls::new(Cursor::new(b))?))
    }
    fn as_ods(b: Vec<u8>) -> Result<Book, calamine::Error> {
        Ok(Sheets::Ods(Ods::new(Cursor::new(b))?))
    }
    let opened = match ext {
        "xlsx" | "xlsm" | "xlam" => as_xlsx(bytes),
        "xls" => as_xls(bytes),
        "xlsb" => Xlsb::new(Cursor::new(bytes))
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        "ods" => as_ods(bytes),
        _ if bytes.starts_with(b"PK") => as_xlsx(bytes.clone()).or_else(|e| {
            if is_password(&e) {
                Err(e)
            } else {
                as_ods(bytes)
            }
        }),
        _ => as_xlsx(bytes.clone()).or_else(|e| {
            if is_password(&e) {
                Err(e)
            } else {
                as_xls(bytes)
            }
        }),
    };
    opened.map_err(|e| open_error(origin, &e))
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Date(dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Reads the sheet `sheet` (or the first with data) of the workbook at `path`, whose bytes are
/// `bytes`.
pub fn read_sheet(
    path: &Path,
    bytes: Vec<u8>,
    origin: &str,
    sheet: Option<&str>,
) -> Result<Table, LoadError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut book = open(bytes, &ext, origin)?;
    let names = book.sheet_names();
    let read = |book: &mut Book, name: &str| {
        book.worksheet_range(name)
            .map_err(|e| open_error(origin, &e))
    };
    let (name, range) = match sheet {
        Some(wanted) => {
            let found = names
                .iter()
                .find(|n| n.as_str() == wanted)
                .or_else(|| {
                    let key = crate::text::fold::fold(wanted.trim());
                    names
                        .iter()
                        .find(|n| crate::text::fold::fold(n.trim()) == key)
                })
                .cloned();
            let Some(name) = found else {
                let list: Vec<String> = names
                    .iter()
                    .map(|n| format!("\"{}\"", crate::text::sanitize_line(n)))
                    .collect();
                let hint = did_you_mean(wanted, names.iter().map(String::as_str))
                    .map(|d| format!("{d} "))
                    .unwrap_or_default();
                return Err(LoadError::whole_file(
                    origin,
                    format!(
                        "the workbook has no sheet \"{}\"",
                        crate::text::sanitize_line(wanted)
                    ),
                    Some(format!("{hint}its sheets: {}", list.join(", "))),
                ));
            };
            let range = read(&mut book, &name)?;
            (name, range)
        }
        None => {
            let mut first = None;
            for name in &names {
                let range = read(&mut book, name)?;
                if !range.is_empty() && range.rows().any(|r| r.iter().any(|c| *c != Data::Empty)) {
                    first = Some((name.clone(), range));
                    break;
                }
            }
            match first {
                Some(f) => f,
                None => {
                    return Err(LoadError::whole_file(
                        origin,
                        "the workbook has no data: every sheet is empty",
                        Some("check that this is the right file".into()),
                    ));
                }
            }
        }
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range.rows().map(|r| r.iter().map(cell).collect()).collect();
    Ok(Table {
        origin: origin.to_string(),
        source: Source::Sheet {
            name,
            first_row,
            first_col,
        },
        rows,
    })
}
