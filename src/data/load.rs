//! TOML → `Dataset`.
//!
//! PROVISIONAL: a plain serde loader so the UI can be built against real data. The data-layer work
//! replaces it with the span-aware loader (all errors, path:line:col, hints); the public functions
//! below keep their signatures.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::model::{Dataset, District, Meta, Project, Tile};
use crate::text::{sanitize_block, sanitize_line};

/// The built-in dataset's name, shown where a path would be.
pub const EMBEDDED_NAME: &str = "forebyggelse-2014.toml (indbygget)";
const EMBEDDED: &str = include_str!("../../assets/forebyggelse-2014.toml");

/// Everything wrong with one file. `Display` prints the full report.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub report: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report)
    }
}

impl std::error::Error for LoadError {}

/// Reads and validates a data file.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError {
        report: format!("{}: {e}", path.display()),
    })?;
    load_str(&text, &path.display().to_string(), path.parent())
}

/// The dataset shipped inside the binary.
pub fn load_embedded() -> Dataset {
    match load_str(EMBEDDED, EMBEDDED_NAME, None) {
        Ok(d) => d,
        // The embedded file is checked by a test; reaching this is a build defect.
        Err(e) => panic!("the embedded dataset is invalid: {e}"),
    }
}

#[derive(Deserialize)]
struct RawFile {
    dataset: RawMeta,
    #[serde(default)]
    district: Vec<RawDistrict>,
    #[serde(default)]
    project: Vec<RawProject>,
}

#[derive(Deserialize)]
struct RawMeta {
    title: String,
    pool: Option<i64>,
    currency: Option<String>,
    source: Option<String>,
    published: Option<toml::value::Datetime>,
    period: Option<String>,
    notes: Option<String>,
}

#[derive(Deserialize)]
struct RawDistrict {
    id: String,
    name: String,
    short: Option<String>,
    tile: Option<[u16; 2]>,
    hq: Option<String>,
    #[serde(default)]
    municipalities: Vec<String>,
    population: Option<u64>,
}

#[derive(Deserialize)]
struct RawProject {
    id: Option<String>,
    district: String,
    name: String,
    amount: i64,
    #[serde(default)]
    partners: Vec<String>,
    target: Option<String>,
    #[serde(default)]
    themes: Vec<String>,
    summary: Option<String>,
}

/// Parses and validates a data file's text. `origin` names it in messages; `base_dir` is where
/// relative paths inside it are resolved from.
pub fn load_str(text: &str, origin: &str, _base_dir: Option<&Path>) -> Result<Dataset, LoadError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| LoadError {
        report: format!("{origin}: {e}"),
    })?;
    let line = |s: &String| sanitize_line(s);
    let opt = |s: &Option<String>| s.as_ref().map(|s| sanitize_line(s));
    let mut districts: Vec<District> = raw
        .district
        .iter()
        .enumerate()
        .map(|(i, d)| District {
            id: d.id.clone(),
            name: line(&d.name),
            short: opt(&d.short),
            tile: d.tile.map_or(
                Tile {
                    row: 0,
                    col: i as u16,
                },
                |[row, col]| Tile { row, col },
            ),
            tile_given: d.tile.is_some(),
            hq: opt(&d.hq),
            municipalities: d.municipalities.iter().map(line).collect(),
            shapes: Vec::new(),
            population: d.population,
            total: Decimal::ZERO,
            share_of_pool: None,
            projects: Vec::new(),
        })
        .collect();
    let index: HashMap<&str, usize> = raw
        .district
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut projects = Vec::new();
    for p in &raw.project {
        let Some(&di) = index.get(p.district.as_str()) else {
            return Err(LoadError {
                report: format!("{origin}: unknown district \"{}\"", p.district),
            });
        };
        districts[di].projects.push(projects.len());
        districts[di].total += Decimal::from(p.amount);
        projects.push(Project {
            id: p.id.clone(),
            district: di,
            name: line(&p.name),
            amount: Decimal::from(p.amount),
            partners: p.partners.iter().map(line).collect(),
            target: opt(&p.target),
            themes: p.themes.iter().map(line).collect(),
            summary: p.summary.as_ref().map(|s| sanitize_block(s)),
        });
    }
    let pool = raw.dataset.pool.map(Decimal::from);
    let allocated: Decimal = projects.iter().map(|p: &Project| p.amount).sum();
    for d in &mut districts {
        d.share_of_pool = pool.filter(|p| !p.is_zero()).map(|p| d.total / p);
    }
    Ok(Dataset {
        origin: origin.to_string(),
        meta: Meta {
            title: sanitize_line(&raw.dataset.title),
            pool,
            currency: raw.dataset.currency.unwrap_or_else(|| "DKK".into()),
            source: raw.dataset.source.as_ref().map(|s| sanitize_line(s)),
            published: raw.dataset.published.map(|d| d.to_string()),
            period: raw.dataset.period.as_ref().map(|s| sanitize_line(s)),
            notes: raw.dataset.notes.as_ref().map(|s| sanitize_block(s)),
        },
        districts,
        projects,
        allocated,
        not_itemised: pool.map(|p| p - allocated),
        map: None,
    })
}
