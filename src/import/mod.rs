//! `kredskort import`: an analyst's grant list (CSV, or a sheet of an xlsx/xls/ods workbook) becomes
//! a checked funding-round file. This folder owns everything between the input file and the TOML
//! text: reading the table ([`csv_table`], [`sheet`]), finding the header row and placing columns
//! on fields ([`columns`]), parsing amounts exactly ([`amount`]), matching districts against a
//! district set or making new ones ([`districts`]), and writing the TOML ([`write`]).
//!
//! Every problem is a located [`Diagnostic`](crate::data::Diagnostic): `FILE:LINE:COL` in a CSV
//! file, `FILE[Sheet]!C12` in a spreadsheet, with the cell's text and a hint, rendered by the same
//! renderer as `check`'s. All problems are found in one run; nothing is written when there is one
//! (unless the caller asks for the good rows with `partial`).
//!
//! Uses `data`, `text`, `money` and `export`; knows nothing of commands or the terminal.

pub mod amount;
pub mod columns;
pub mod csv_table;
pub mod districts;
pub mod run;
pub mod sheet;
pub mod table;
pub mod write;

pub use run::{DistrictChoice, Imported, Options, import_file, import_table};
pub use table::{Cell, Table};
