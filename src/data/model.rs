//! The validated, immutable funding round: what every view reads.
//!
//! A `Dataset` is built only by the loader (`data::load`), which sanitises every piece of text from the
//! file and computes the derived figures once. Nothing in here knows about terminals or TOML.

use rust_decimal::Decimal;

// The `[map]` section's types are the geometry layer's (it loads what they name, and sits below
// this one); the model holds them as written.
use crate::geo::DistrictShapes;
pub use crate::geo::{MapInset, MapSpec};

/// One funding round, validated, with derived figures filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Where the data came from, for titles and messages (a path, or the built-in name).
    pub origin: String,
    pub meta: Meta,
    /// In file order.
    pub districts: Vec<District>,
    /// In file order.
    pub projects: Vec<Project>,
    /// Sum of all project amounts (exact).
    pub allocated: Decimal,
    /// `pool − allocated` when the file has a pool; never negative (validation rejects that).
    pub not_itemised: Option<Decimal>,
    /// The optional `[map]` section: which outlines to draw the districts with.
    pub map: Option<MapSpec>,
    /// The geometry `[map]` names, loaded and checked once by the loader (`None` without `[map]`).
    /// Shared, so cloning a dataset does not copy the outlines; compared by value.
    pub geo: Option<std::sync::Arc<crate::geo::GeoMap>>,
}

/// The `[dataset]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub title: String,
    pub pool: Option<Decimal>,
    /// ISO 4217 code, upper case; `DKK` when the file does not say.
    pub currency: String,
    pub source: Option<String>,
    /// TOML local date as written (`2014-01-13`).
    pub published: Option<String>,
    pub period: Option<String>,
    pub notes: Option<String>,
}

/// A `[row, col]` position on the tile map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tile {
    pub row: u16,
    pub col: u16,
}

/// One `[[district]]`, with its derived figures.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    /// Resolved map position: the file's `tile`, or one the loader laid out when the file had none.
    pub tile: Tile,
    /// Whether `tile` came from the file (false: laid out automatically).
    pub tile_given: bool,
    pub hq: Option<String>,
    pub municipalities: Vec<String>,
    /// Names of the geometry features that make up this district; empty: use `municipalities`.
    pub shapes: Vec<String>,
    pub population: Option<u64>,
    /// Derived: sum of this district's project amounts.
    pub total: Decimal,
    /// Derived: `total / pool` when the dataset has a pool (a ratio, 0..=1, not a percentage).
    pub share_of_pool: Option<Decimal>,
    /// Derived: indices into `Dataset::projects`, in file order.
    pub projects: Vec<usize>,
}

impl District {
    /// A district with only an id and a name: no tile (laid out automatically), no other fields,
    /// derived figures empty.
    pub fn named(id: impl Into<String>, name: impl Into<String>) -> Self {
        District {
            id: id.into(),
            name: name.into(),
            short: None,
            tile: Tile { row: 0, col: 0 },
            tile_given: false,
            hq: None,
            municipalities: Vec::new(),
            shapes: Vec::new(),
            population: None,
            total: Decimal::ZERO,
            share_of_pool: None,
            projects: Vec::new(),
        }
    }

    /// The name for tight spaces: `short` when given, else `name`.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    pub fn has_projects(&self) -> bool {
        !self.projects.is_empty()
    }

    /// What the map needs of this district: its id and the feature names it is made of.
    pub fn map_shapes(&self) -> DistrictShapes<'_> {
        DistrictShapes::of(&self.id, &self.shapes, &self.municipalities)
    }

    /// The total when the district has projects (`None`: none, which is not a total of zero), as
    /// the map's classes take it.
    pub fn total_if_funded(&self) -> Option<Decimal> {
        self.has_projects().then_some(self.total)
    }
}

/// One `[[project]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: Option<String>,
    /// Index into `Dataset::districts`.
    pub district: usize,
    pub name: String,
    pub amount: Decimal,
    pub partners: Vec<String>,
    pub target: Option<String>,
    pub themes: Vec<String>,
    pub summary: Option<String>,
}

impl Dataset {
    /// Whether any district has a `population` (per-inhabitant figures are possible).
    pub fn has_population(&self) -> bool {
        self.districts.iter().any(|d| d.population.is_some())
    }

    pub fn district_of(&self, project: &Project) -> &District {
        &self.districts[project.district]
    }

    /// The projects of one district, in file order.
    pub fn projects_of(&self, district: usize) -> impl Iterator<Item = &Project> + '_ {
        self.districts
            .get(district)
            .into_iter()
            .flat_map(|d| d.projects.iter().map(|&p| &self.projects[p]))
    }

    /// Districts that got nothing in this round.
    pub fn districts_without_projects(&self) -> impl Iterator<Item = &District> + '_ {
        self.districts.iter().filter(|d| !d.has_projects())
    }

    /// Every district's [`District::map_shapes`], in file order: the geometry loader's input.
    pub fn map_shapes(&self) -> Vec<DistrictShapes<'_>> {
        self.districts.iter().map(District::map_shapes).collect()
    }

    /// Every district's [`District::total_if_funded`], in file order: the map's classes' input.
    pub fn funded_totals(&self) -> Vec<Option<Decimal>> {
        self.districts
            .iter()
            .map(District::total_if_funded)
            .collect()
    }

    /// `amount / pool`, when there is a pool and it is not zero.
    pub fn share_of_pool(&self, amount: Decimal) -> Option<Decimal> {
        match self.meta.pool {
            Some(pool) if !pool.is_zero() => amount.checked_div(pool),
            _ => None,
        }
    }
}
