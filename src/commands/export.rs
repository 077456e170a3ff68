//! `kredskort export`: the data as CSV, JSON or Markdown, or the outline map as an SVG choropleth
//! (data with a `[map]`), to stdout or atomically to `--output`.

use std::process::ExitCode;

use crate::commands::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::config::{self, DataSource};
use crate::data::Dataset;
use crate::export::svg::{SvgColors, SvgText, write_svg};
use crate::export::{View, write_atomic, write_csv, write_json, write_markdown};
use crate::geo::classes::Classes;
use crate::i18n::locale::Locale;

pub fn run(global: &GlobalArgs, args: &ExportArgs) -> ExitCode {
    match export(global, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            super::write_stderr(&message);
            if !message.ends_with('\n') {
                super::write_stderr("\n");
            }
            ExitCode::FAILURE
        }
    }
}

fn export(global: &GlobalArgs, args: &ExportArgs) -> Result<(), String> {
    let settings = config::resolve(global, &[]).map_err(|e| e.to_string())?;
    let source = match settings.data_sources.as_slice() {
        [one] => one.clone(),
        many => {
            return Err(format!(
                "error: export writes one dataset at a time, but {} data files are configured; choose one with --data FILE",
                many.len()
            ));
        }
    };
    let dataset = source.load().map_err(|e| e.to_string())?;
    let view = View::all(&dataset, args.by);
    let mut out = Vec::new();
    let written = match args.format {
        ExportFormat::Csv => write_csv(&dataset, &view, &mut out),
        ExportFormat::Json => write_json(&dataset, &view, &mut out),
        ExportFormat::Markdown => write_markdown(&dataset, &view, settings.locale, &mut out),
        ExportFormat::Svg => {
            out = svg_of(&dataset, settings.locale)?.into_bytes();
            Ok(())
        }
    };
    written.map_err(|e| format!("error: cannot produce the export: {e}"))?;
    match &args.output {
        Some(path) => {
            let inputs: Vec<_> = match &source {
                DataSource::File(p) => vec![p.clone()],
                DataSource::Embedded => Vec::new(),
            };
            write_atomic(path, &out, args.force, &inputs).map_err(|e| format!("error: {e}"))?;
            super::write_stderr(&format!("wrote {}\n", path.display()));
            Ok(())
        }
        None => super::write_stdout(&out),
    }
}

/// The choropleth of a dataset with a `[map]`, its text in `locale`.
fn svg_of(dataset: &Dataset, locale: Locale) -> Result<String, String> {
    let Some(geo) = dataset.geo.as_ref() else {
        return Err(format!(
            "error: {} has no [map] section, so there is no map to export as SVG\n  hint: add [map] with geometry = \"dk-kommuner-2014\" or a GeoJSON path (see docs/format.md), or export csv, json or markdown",
            dataset.origin
        ));
    };
    let classes = Classes::for_districts(&dataset.districts);
    let (legend_title, source) = match locale {
        Locale::Da => ("Bevilget pr. kreds", "Kilde"),
        Locale::En => ("Allocated per district", "Source"),
    };
    let text = SvgText {
        title: dataset.meta.title.clone(),
        legend_title: legend_title.to_string(),
        no_projects: crate::ui::outline::no_projects_word(locale).to_string(),
        source: dataset
            .meta
            .source
            .as_ref()
            .map(|s| format!("{source}: {s}")),
        attribution: crate::geo::credit(geo, locale),
    };
    let colors = SvgColors::new(classes.count());
    Ok(write_svg(dataset, geo, &classes, locale, &text, &colors))
}
