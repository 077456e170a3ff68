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
    // The change map shows districts whatever --by says; tables of several rounds are by district.
    if args.by != ExportBy::District && args.format != ExportFormat::Svg {
        return Err(format!(
            "error: {} rounds are compared district by district\n  hint: add --by district for one row per district and a column per round, or export one of them with --data FILE",
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
        .map(|(data, label)| Round::new(label, data))
        .collect();
    let panel = Panel::build(&list).map_err(|e| format!("error: {e}"))?;
    let mut out = Vec::new();
    let written = match args.format {
        ExportFormat::Csv => write_panel_csv(&panel, &mut out),
        ExportFormat::Json => write_panel_json(&panel, &mut out),
        ExportFormat::Markdown => write_panel_markdown(&panel, locale, &mut out),
        ExportFormat::Svg => {
            out = change_svg(&rounds, &labels, locale)?.into_bytes();
            Ok(())
        }
    };
    written.map_err(|e| format!("error: cannot produce the export: {e}"))?;
    Ok(out)
}

/// The change map of several rounds: the change from the first round to the last, on the last
/// round's map, on a scale that diverges from zero.
fn change_svg(rounds: &[Dataset], labels: &[String], locale: Locale) -> Result<String, String> {
    use crate::screen::change::{ChangeFigures, ChangeSort, ChangeUnit, signed_text};
    let (Some(first), Some(last)) = (rounds.first(), rounds.last()) else {
        return Err("error: no rounds to compare".into());
    };
    let Some(geo) = last.geo.as_ref() else {
        return Err(format!(
            "error: {} has no [map] section, so there is no map to show the change on\n  hint: add [map] to the last round, or export the rounds' panel as csv, json or markdown",
            last.origin
        ));
    };
    let list: Vec<(&str, &Dataset)> = labels.iter().map(String::as_str).zip(rounds).collect();
    let c = match ChangeFigures::build(
        &list,
        0,
        list.len() - 1,
        ChangeUnit::Full,
        ChangeSort::AsListed,
        locale,
    ) {
        ChangeFigures::Compared(c) => c,
        ChangeFigures::Incomparable(why) => return Err(format!("error: {why}")),
    };
    let m = &c.map;
    let w = crate::i18n::change_words(locale);
    let n = last.districts.len();
    let (mut figures, mut tips) = (vec![None; n], Vec::with_capacity(n));
    for d in &last.districts {
        tips.push(format!("{}: {}", d.name, w.unchanged));
    }
    for r in &c.rows {
        let Some(d) = r.at_cmp.filter(|&d| d < n) else {
            continue;
        };
        let money = |v: Option<rust_decimal::Decimal>| {
            v.map_or_else(
                || "–".to_string(),
                |v| crate::screen::change::figure_text(v, ChangeUnit::Full, &c.currency, locale),
            )
        };
        let change = match r.step {
            crate::change::Step::Changed { by, .. } => {
                signed_text(by, ChangeUnit::Full, &c.currency, locale)
            }
            crate::change::Step::New => w.new.to_string(),
            crate::change::Step::Ended => w.ended.to_string(),
            crate::change::Step::Absent => "–".to_string(),
        };
        tips[d] = format!(
            "{}: {} → {} ({change})",
            last.districts[d].name,
            money(r.base),
            money(r.cmp)
        );
        figures[d] = match r.step {
            crate::change::Step::Changed { by, .. } if by.is_zero() => None,
            crate::change::Step::Changed { by, .. } => {
                Some(signed_text(by, ChangeUnit::Compact, &c.currency, locale))
            }
            crate::change::Step::New => Some(w.new.to_string()),
            _ => None,
        };
    }
    let shading = SvgShading {
        of_district: m.classes.clone(),
        labels: figures,
        tips,
        legend: m.legend.clone(),
        legend_title: format!("{}: {} → {}", w.title, labels[0], labels[labels.len() - 1]),
    };
    let text = SvgText {
        title: format!("{} → {}", first.meta.title, last.meta.title),
        legend_title: String::new(),
        no_projects: w.unchanged.to_string(),
        source: None,
        attribution: crate::geo::credit(geo, locale),
    };
    let colors = SvgColors {
        classes: crate::style::change::DIVERGING.to_vec(),
        ..SvgColors::new(crate::screen::change::CHANGE_CLASSES)
    };
    Ok(write_svg(last, geo, &shading, locale, &text, &colors))
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
