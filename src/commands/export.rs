//! `kredskort export`: the data as CSV, JSON or Markdown, or the outline map as an SVG choropleth
//! (data with a `[map]`), to stdout or atomically to `--output`.

use std::process::ExitCode;

use crate::change::{self, Panel, Round};
use crate::commands::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::config::{self, DataSource};
use crate::data::Dataset;
use crate::export::panel::{write_panel_csv, write_panel_json, write_panel_markdown};
use crate::export::svg::{SvgColors, SvgShading, SvgText, write_svg};
use crate::export::{ExportBy, Selection, write_atomic, write_csv, write_json, write_markdown};
use crate::geo::classes::Classes;
use crate::locale::Locale;

pub fn run(global: &GlobalArgs, args: &ExportArgs) -> ExitCode {
    super::finish(export(global, args))
}

fn export(global: &GlobalArgs, args: &ExportArgs) -> Result<(), String> {
    let settings = config::resolve(&global.overrides(), &args.files).map_err(|e| e.to_string())?;
    let sources = settings.data_sources.clone();
    let out = match sources.as_slice() {
        [one] => export_one(one, args, settings.locale)?,
        many => export_panel(many, args, settings.locale)?,
    };
    match &args.output {
        Some(path) => {
            let inputs: Vec<_> = sources
                .iter()
                .filter_map(|s| match s {
                    DataSource::File(p) => Some(p.clone()),
                    DataSource::Embedded => None,
                })
                .collect();
            write_atomic(path, &out, args.force, &inputs).map_err(|e| format!("error: {e}"))?;
            super::write_stderr(&format!("wrote {}\n", path.display()));
            Ok(())
        }
        None => super::write_stdout(&out),
    }
}

/// One round: its projects or districts as a table, or its map.
fn export_one(source: &DataSource, args: &ExportArgs, locale: Locale) -> Result<Vec<u8>, String> {
    let dataset = source.load().map_err(|e| e.to_string())?;
    let view = Selection::all(&dataset, args.by);
    let mut out = Vec::new();
    let written = match args.format {
        ExportFormat::Csv => write_csv(&dataset, &view, &mut out),
        ExportFormat::Json => write_json(&dataset, &view, &mut out),
        ExportFormat::Markdown => write_markdown(&dataset, &view, locale, &mut out),
        ExportFormat::Svg => {
            out = svg_of(&dataset, locale)?.into_bytes();
            Ok(())
        }
    };
    written.map_err(|e| format!("error: cannot produce the export: {e}"))?;
    Ok(out)
}

/// Several rounds: one row per district, an amount column per round, the changes between
/// consecutive rounds.
fn export_panel(
    sources: &[DataSource],
    args: &ExportArgs,
    locale: Locale,
) -> Result<Vec<u8>, String> {
    if args.by != ExportBy::District {
        return Err(format!(
            "error: {} rounds are compared district by district\n  hint: add --by district for one row per district and a column per round, or export one of them with --data FILE",
            sources.len()
        ));
    }
    if args.format == ExportFormat::Svg {
        return Err(format!(
            "error: the SVG map shows one round, but {} data files are given\n  hint: export the rounds' panel as csv, json or markdown, or one round's map at a time",
            sources.len()
        ));
    }
    // Every file is loaded, and every one that fails is reported, before anything is written.
    let mut rounds = Vec::with_capacity(sources.len());
    let mut errors = Vec::new();
    for s in sources {
        match s.load() {
            Ok(d) => rounds.push(d),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    let all: Vec<&Dataset> = rounds.iter().collect();
    let labels = change::labels(&all);
    let list: Vec<Round> = rounds
        .iter()
        .zip(&labels)
        .map(|(data, label)| Round { label, data })
        .collect();
    let panel = Panel::build(&list).map_err(|e| format!("error: {e}"))?;
    let mut out = Vec::new();
    let written = match args.format {
        ExportFormat::Csv => write_panel_csv(&panel, &mut out),
        ExportFormat::Json => write_panel_json(&panel, &mut out),
        ExportFormat::Markdown => write_panel_markdown(&panel, locale, &mut out),
        ExportFormat::Svg => Ok(()),
    };
    written.map_err(|e| format!("error: cannot produce the export: {e}"))?;
    Ok(out)
}

/// The choropleth of a dataset with a `[map]`, its text in `locale`.
fn svg_of(dataset: &Dataset, locale: Locale) -> Result<String, String> {
    let Some(geo) = dataset.geo.as_ref() else {
        return Err(format!(
            "error: {} has no [map] section, so there is no map to export as SVG\n  hint: add [map] with geometry = \"dk-kommuner-2014\" or a GeoJSON path (see docs/format.md), or export csv, json or markdown",
            dataset.origin
        ));
    };
    let classes = Classes::from_totals(&dataset.funded_totals());
    let (legend_title, source) = match locale {
        Locale::Da => ("Bevilget pr. kreds", "Kilde"),
        Locale::En => ("Allocated per district", "Source"),
    };
    let text = SvgText {
        title: dataset.meta.title.clone(),
        legend_title: legend_title.to_string(),
        no_projects: crate::i18n::strings(locale).legend_empty.to_string(),
        source: dataset
            .meta
            .source
            .as_ref()
            .map(|s| format!("{source}: {s}")),
        attribution: crate::geo::credit(geo, locale),
    };
    let colors = SvgColors::new(classes.count());
    let shading = SvgShading::of_amounts(dataset, &classes, locale, &text);
    Ok(write_svg(dataset, geo, &shading, locale, &text, &colors))
}
