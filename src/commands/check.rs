//! `kredskort check`: validate files, print a summary of each (stdout), errors to stderr.
//! Exit 0 when every file is valid, 1 otherwise.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::commands::cli::GlobalArgs;
use crate::commands::dashboard::check_config;
use crate::config::DataSource;
use crate::data::Dataset;
use crate::locale::Locale;
use crate::locale::format_number;
use crate::money::format_money;

pub fn run(global: &GlobalArgs, files: &[PathBuf]) -> ExitCode {
    // The config file: its top level, `[theme]` and `[keys]` (by the same code the dashboard runs
    // before it starts) in one report with one count. The data files are checked as well unless the
    // top level is wrong (then which files to check is not known), so one run reports every problem.
    let checked = match check_config(global, files, false) {
        Ok(c) => c,
        Err(report) => {
            super::write_stderr(&report);
            return ExitCode::FAILURE;
        }
    };
    let settings = checked.settings;
    let mut ok = true;
    if let Some(report) = checked.report {
        ok = false;
        super::write_stderr(&report.to_string());
        if !checked.top_level_ok {
            return ExitCode::FAILURE;
        }
        super::write_stderr("\n");
    }
    // Summaries are written as each file is checked (a long list shows progress); a stdout that
    // cannot be written is reported once and ends the output, not the checking.
    let mut stdout_ok = true;
    let mut out = |text: &str| {
        if stdout_ok && let Err(e) = super::write_stdout(text.as_bytes()) {
            super::write_stderr(&format!("{e}\n"));
            stdout_ok = false;
        }
    };
    for (i, source) in settings.data.iter().enumerate() {
        if i > 0 {
            out("\n");
        }
        match source.load() {
            Ok(ds) => out(&summary(&ds, source, settings.locale)),
            Err(e) => {
                ok = false;
                super::write_stderr(&e.to_string());
                if i + 1 < settings.data.len() {
                    super::write_stderr("\n");
                }
            }
        }
    }
    if ok && stdout_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The summary printed for a valid file.
pub fn summary(ds: &Dataset, source: &DataSource, locale: Locale) -> String {
    let cur = ds.meta.currency.as_str();
    let money = |d| format_money(d, cur, locale);
    let count = |n: usize| format_number(n.into(), 0, locale);
    let without: Vec<&str> = ds
        .districts_without_projects()
        .map(|d| d.short_name())
        .collect();
    let municipalities: usize = ds.districts.iter().map(|d| d.municipalities.len()).sum();
    let (l_ok, l_districts, l_mun, l_projects, l_alloc, l_pool, l_rest, l_without, none) =
        match locale {
            Locale::Da => (
                "ok",
                "Kredse",
                "Kommuner",
                "Projekter",
                "Fordelt",
                "Pulje",
                "Ikke specificeret",
                "Uden projekter",
                "ingen",
            ),
            Locale::En => (
                "ok",
                "Districts",
                "Municipalities",
                "Projects",
                "Allocated",
                "Pool",
                "Not itemised",
                "Without projects",
                "none",
            ),
        };
    let mut s = String::new();
    let _ = writeln!(s, "{l_ok}: {} — {}", source.name(), ds.meta.title);
    let mut row = |label: &str, value: String| {
        let _ = writeln!(
            s,
            "  {} {value}",
            crate::text::pad_right(&format!("{label}:"), 19)
        );
    };
    row(l_districts, count(ds.districts.len()));
    if municipalities > 0 {
        row(l_mun, count(municipalities));
    }
    row(l_projects, count(ds.projects.len()));
    row(l_alloc, money(ds.allocated));
    if let Some(pool) = ds.meta.pool {
        row(l_pool, money(pool));
    }
    if let Some(rest) = ds.not_itemised {
        row(l_rest, money(rest));
    }
    row(
        l_without,
        if without.is_empty() {
            none.to_string()
        } else {
            format!("{} ({})", count(without.len()), without.join(", "))
        },
    );
    s
}
