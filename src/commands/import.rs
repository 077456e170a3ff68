//! `kredskort import SOURCE`: a grant list (CSV or a workbook) becomes a funding-round file that
//! `check` accepts, on stdout or atomically to `--output`. Every problem goes to stderr at once and
//! nothing is written when there is one (with `--partial`: the good rows, and the others listed). A
//! progress line goes to stderr when the import takes longer than half a second.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use rust_decimal::Decimal;

use crate::commands::cli::{GlobalArgs, ImportArgs};
use crate::data::LoadError;
use crate::export::{WriteError, write_atomic};
use crate::import::amount::{self, TextAmount};
use crate::import::columns::parse_map;
use crate::import::{DistrictChoice, Options, import_file};
use crate::money::format_money;

/// How long an import runs before it says what it is doing.
const QUIET_FOR: Duration = Duration::from_millis(500);

pub fn run(global: &GlobalArgs, args: &ImportArgs) -> ExitCode {
    super::finish(import(global, args))
}

/// `--pool`: an amount in either format; `1.500` is read as fifteen hundred only when written
/// unambiguously.
pub fn parse_pool(text: &str) -> Result<Decimal, String> {
    match amount::parse_text(text) {
        Ok(TextAmount::Value(d, _)) => Ok(d),
        Ok(TextAmount::Ambiguous { .. }) => Err(format!(
            "error: --pool {text} is ambiguous (thousands or decimals?); write it without separators, such as --pool 1500"
        )),
        Err(issue) => {
            let (message, _, hint) = amount::describe(&issue, text);
            Err(format!("error: --pool: {message}\n  hint: {hint}"))
        }
    }
}

/// `--currency`: three capital letters (ISO 4217).
pub fn parse_currency(text: &str) -> Result<String, String> {
    if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "error: --currency \"{}\" is not a currency code\n  hint: three capital letters, such as DKK or EUR",
            crate::text::sanitize_line(text)
        ))
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock, for the file's header comment.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

/// The Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn options(args: &ImportArgs) -> Result<Options, String> {
    let map = parse_map(&args.map).map_err(|e| format!("error: {e}"))?;
    let districts = match args.districts.as_deref() {
        None => DistrictChoice::Auto,
        Some("builtin") => DistrictChoice::Builtin,
        Some("new") => DistrictChoice::New,
        Some(path) => DistrictChoice::File(path.into()),
    };
    Ok(Options {
        sheet: args.sheet.clone(),
        map,
        districts,
        title: args.title.clone(),
        pool: args.pool.as_deref().map(parse_pool).transpose()?,
        currency: args.currency.as_deref().map(parse_currency).transpose()?,
        partial: args.partial,
        date: today(),
    })
}

fn import(global: &GlobalArgs, args: &ImportArgs) -> Result<(), String> {
    if !global.data.is_empty() {
        return Err("error: import reads the SOURCE it is given; --data names the rounds the other commands open\n  hint: kredskort import SOURCE [--districts ROUND.toml] [--output FILE]".to_string());
    }
    let opts = options(args)?;
    // The language of the summary: --locale, else the config's, as every command reads it.
    let locale = crate::config::resolve(&global.overrides(), &[])
        .map_err(|e| e.to_string())?
        .locale;
    let started = Instant::now();
    let mut progress = |what: &str| {
        let t = started.elapsed();
        if t > QUIET_FOR {
            super::write_stderr(&format!("import: {what} ({:.1} s)\n", t.as_secs_f64()));
        }
    };
    let imported = import_file(&args.source, &opts, &mut progress).map_err(|e| e.to_string())?;
    if !imported.skipped.is_empty() {
        let report = LoadError {
            origin: crate::data::load::display_path(&args.source),
            diagnostics: imported.skipped.clone(),
        };
        super::write_stderr(&format!("{report}"));
        super::write_stderr(&format!(
            "left out {} {} with errors (--partial); the other rows are imported\n\n",
            imported.skipped_rows,
            if imported.skipped_rows == 1 {
                "row"
            } else {
                "rows"
            }
        ));
    }
    if !imported.unplaced.is_empty() {
        super::write_stderr(&format!(
            "note: not imported: {}\n",
            imported.unplaced.join(", ")
        ));
    }
    let ds = &imported.dataset;
    let summary = format!(
        "{} projects in {} districts, {} (districts: {})",
        ds.projects.len(),
        ds.districts.len(),
        format_money(ds.allocated, &ds.meta.currency, locale),
        imported.districts_from
    );
    match &args.output {
        Some(path) => {
            write_atomic(
                path,
                imported.toml.as_bytes(),
                args.force,
                std::slice::from_ref(&args.source),
            )
            .map_err(|e| match e {
                WriteError::IsInput(p) => format!(
                    "error: {} is the file being imported; refusing to overwrite it",
                    p.display()
                ),
                e => format!("error: {e}"),
            })?;
            super::write_stderr(&format!("wrote {}: {summary}\n", path.display()));
            Ok(())
        }
        None => {
            super::write_stderr(&format!("imported {summary}\n"));
            super::write_stdout(imported.toml.as_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(16_083), "2014-01-13");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_793), "2026-12-06");
    }

    #[test]
    fn pool_and_currency_options() {
        assert_eq!(parse_pool("140.000.000"), Ok(Decimal::from(140_000_000)));
        assert_eq!(parse_pool("2875000,50"), Ok(Decimal::new(287_500_050, 2)));
        assert!(parse_pool("1.500").unwrap_err().contains("ambiguous"));
        assert!(parse_pool("mange").is_err());
        assert_eq!(parse_currency("EUR"), Ok("EUR".into()));
        assert!(parse_currency("eur").is_err());
    }
}
