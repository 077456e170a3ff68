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
///
/// Compact, because a round may hold a million of these: all of a project's text lives in one
/// buffer (id, name, target, summary, then the partners and the themes, each list's entries
/// separated by NUL), with the ends of the parts beside it. That is one heap block per project
/// instead of one per string and list (at 100,000 projects ~250 instead of ~560 bytes a project).
/// Build one from [`ProjectParts`]; read the text with the accessors.
#[derive(Clone, Default, PartialEq)]
pub struct Project {
    pub amount: Decimal,
    /// Index into `Dataset::districts`.
    pub district: usize,
    text: Box<str>,
    /// Where the id, the name, the target, the summary and the partners end in `text` (the
    /// themes run to its end).
    ends: [u32; 5],
    /// Which of id, target, summary are given, and whether each list has entries (an empty
    /// part cannot tell `None` from `Some("")`, nor `[]` from `[""]`).
    has: u8,
}

const HAS_ID: u8 = 1;
const HAS_TARGET: u8 = 2;
const HAS_SUMMARY: u8 = 4;
const HAS_PARTNERS: u8 = 8;
const HAS_THEMES: u8 = 16;

/// What separates the entries of a list in a project's text: the loader's sanitising replaces
/// every control character, so no entry from a data file holds it.
const SEP: char = '\0';

/// A project's fields as plain values: for building a [`Project`] (tests, the importer) and for
/// changing one (take its parts, change them, build it again).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectParts {
    pub id: Option<String>,
    pub district: usize,
    pub name: String,
    pub amount: Decimal,
    pub partners: Vec<String>,
    pub target: Option<String>,
    pub themes: Vec<String>,
    pub summary: Option<String>,
}

impl From<ProjectParts> for Project {
    fn from(p: ProjectParts) -> Self {
        let mut b = ProjectBuilder::default();
        if let Some(id) = &p.id {
            b.part(Part::Id).push_str(id);
        }
        b.part(Part::Name).push_str(&p.name);
        if let Some(t) = &p.target {
            b.part(Part::Target).push_str(t);
        }
        if let Some(s) = &p.summary {
            b.part(Part::Summary).push_str(s);
        }
        for x in &p.partners {
            b.entry(List::Partners, x);
        }
        for x in &p.themes {
            b.entry(List::Themes, x);
        }
        b.build(p.district, p.amount, "").0
    }
}

/// A text part of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Id,
    Name,
    Target,
    Summary,
}

/// A list of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Partners,
    Themes,
}

impl List {
    /// The list's "has entries" flag in a project's `has`.
    fn bit(self) -> u8 {
        match self {
            List::Partners => HAS_PARTNERS,
            List::Themes => HAS_THEMES,
        }
    }
}

/// Builds a [`Project`]'s text part by part, in any order (the loader hands each field over as it
/// reads it, in file order), and joins the parts once in [`build`](Self::build). Reused from
/// project to project, its buffers keep their capacity: the loader's only allocation per project
/// is the project's own text.
#[derive(Debug, Clone, Default)]
pub struct ProjectBuilder {
    parts: [String; 4],
    partners: String,
    themes: String,
    has: u8,
}

impl ProjectBuilder {
    /// The buffer of `part`, emptied and marked as given: write the text into it.
    pub fn part(&mut self, part: Part) -> &mut String {
        self.has |= match part {
            Part::Id => HAS_ID,
            Part::Target => HAS_TARGET,
            Part::Summary => HAS_SUMMARY,
            Part::Name => 0,
        };
        let buf = &mut self.parts[part as usize];
        buf.clear();
        buf
    }

    /// Adds an entry to a list (a NUL in it is stored as `␀`, as the loader's sanitising shows it).
    pub fn entry(&mut self, list: List, s: &str) {
        let buf = self.entry_buf(list);
        if s.contains(SEP) {
            buf.push_str(&s.replace(SEP, "\u{2400}"));
        } else {
            buf.push_str(s);
        }
    }

    /// Starts a new entry of `list` and returns the list's buffer to append the entry's text to,
    /// which must hold no NUL (sanitised text never does).
    pub fn entry_buf(&mut self, list: List) -> &mut String {
        let more = self.has & list.bit() != 0;
        self.has |= list.bit();
        let buf = self.list_buf(list);
        if more {
            buf.push(SEP);
        }
        buf
    }

    /// Forgets a list's entries (a key given again replaces its list).
    pub fn clear(&mut self, list: List) {
        self.list_buf(list).clear();
        self.has &= !list.bit();
    }

    fn list_buf(&mut self, list: List) -> &mut String {
        match list {
            List::Partners => &mut self.partners,
            List::Themes => &mut self.themes,
        }
    }

    /// The project, and the builder emptied for the next one. `tail` is appended after the
    /// themes, for the loader to take off again with [`Project::cut_tail`] at the returned offset
    /// (until then, the last theme reads with the tail on it).
    pub fn build(&mut self, district: usize, amount: Decimal, tail: &str) -> (Project, u32) {
        let [id, name, target, summary] = &self.parts;
        let parts = [
            id.as_str(),
            name,
            target,
            summary,
            &self.partners,
            &self.themes,
            tail,
        ];
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; 6];
        for (i, part) in parts.iter().enumerate() {
            text.push_str(part);
            if let Some(e) = ends.get_mut(i) {
                // A project's text over 4 GiB (only in a file over 4 GiB) saturates: its parts
                // then read short or empty, never out of bounds (the accessors use `str::get`).
                *e = u32::try_from(text.len()).unwrap_or(u32::MAX);
            }
        }
        let [e0, e1, e2, e3, e4, tail_at] = ends;
        let project = Project {
            amount,
            district,
            text: text.into_boxed_str(),
            ends: [e0, e1, e2, e3, e4],
            has: self.has,
        };
        self.reset();
        (project, tail_at)
    }

    /// Empties the builder (keeping its buffers' capacity).
    pub fn reset(&mut self) {
        for p in &mut self.parts {
            p.clear();
        }
        self.partners.clear();
        self.themes.clear();
        self.has = 0;
    }
}

impl Project {
    /// The part of the text between ends `i - 1` and `i` (0: from the start; 5: to the end).
    fn part(&self, i: usize) -> &str {
        let at = |k: usize| -> usize {
            match k.checked_sub(1) {
                None => 0,
                Some(k) => self.ends.get(k).map_or(self.text.len(), |&e| e as usize),
            }
        };
        self.text.get(at(i)..at(i + 1)).unwrap_or("")
    }

    fn given(&self, bit: u8) -> bool {
        self.has & bit != 0
    }

    pub fn id(&self) -> Option<&str> {
        self.given(HAS_ID).then(|| self.part(0))
    }

    pub fn name(&self) -> &str {
        self.part(1)
    }

    /// Who the project is for.
    pub fn target(&self) -> Option<&str> {
        self.given(HAS_TARGET).then(|| self.part(2))
    }

    /// Several lines, possibly.
    pub fn summary(&self) -> Option<&str> {
        self.given(HAS_SUMMARY).then(|| self.part(3))
    }

    pub fn partners(&self) -> Entries<'_> {
        Entries::new(self.given(List::Partners.bit()).then(|| self.part(4)))
    }

    pub fn themes(&self) -> Entries<'_> {
        Entries::new(self.given(List::Themes.bit()).then(|| self.part(5)))
    }

    /// The text from `at` on, which the loader appended while reading (see
    /// [`ProjectBuilder::build`]).
    pub fn tail(&self, at: u32) -> &str {
        self.text.get(at as usize..).unwrap_or("")
    }

    /// Takes the loader's tail off the text (a shrink in place, no copy).
    pub fn cut_tail(&mut self, at: u32) {
        let at = at as usize;
        // (A saturated offset may fall inside a character: then the tail stays.)
        if at < self.text.len() && self.text.is_char_boundary(at) {
            let mut s = String::from(std::mem::take(&mut self.text));
            s.truncate(at);
            self.text = s.into_boxed_str();
        }
    }

    /// The fields as plain values (to change some and build the project again).
    pub fn parts(&self) -> ProjectParts {
        ProjectParts {
            id: self.id().map(str::to_string),
            district: self.district,
            name: self.name().to_string(),
            amount: self.amount,
            partners: self.partners().map(str::to_string).collect(),
            target: self.target().map(str::to_string),
            themes: self.themes().map(str::to_string).collect(),
            summary: self.summary().map(str::to_string),
        }
    }
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project")
            .field("id", &self.id())
            .field("district", &self.district)
            .field("name", &self.name())
            .field("amount", &self.amount)
            .field("partners", &self.partners())
            .field("target", &self.target())
            .field("themes", &self.themes())
            .field("summary", &self.summary())
            .finish()
    }
}

/// The entries of a project's list (partners or themes), in file order.
#[derive(Clone, Default)]
pub struct Entries<'a> {
    /// What is left to yield: `None` when done (or the list is empty).
    rest: Option<&'a str>,
}

impl<'a> Entries<'a> {
    fn new(part: Option<&'a str>) -> Self {
        Entries { rest: part }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_none()
    }

    /// How many entries are left.
    pub fn len(&self) -> usize {
        self.rest
            .map_or(0, |r| 1 + r.bytes().filter(|&b| b == SEP as u8).count())
    }

    /// The entries joined with `sep`.
    pub fn join(&self, sep: &str) -> String {
        match self.rest {
            None => String::new(),
            Some(r) if !r.contains(SEP) => r.to_string(),
            Some(_) => self.clone().collect::<Vec<_>>().join(sep),
        }
    }
}

impl<'a> Iterator for Entries<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let r = self.rest?;
        match r.split_once(SEP) {
            Some((first, more)) => {
                self.rest = Some(more);
                Some(first)
            }
            None => {
                self.rest = None;
                Some(r)
            }
        }
    }
}

impl std::fmt::Debug for Entries<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_gives_back_exactly_its_parts() {
        let full = ProjectParts {
            id: Some("p-1".into()),
            district: 3,
            name: "Natteravne".into(),
            amount: Decimal::new(12_345, 2),
            partners: vec!["A Kommune".into(), "B".into()],
            target: Some("Unge".into()),
            themes: vec!["tryghed".into()],
            summary: Some("to\nlinjer".into()),
        };
        // Empty texts and lists are kept apart from absent ones.
        let empties = ProjectParts {
            id: Some(String::new()),
            name: String::new(),
            partners: vec![String::new()],
            target: Some(String::new()),
            themes: vec![String::new(), String::new()],
            summary: Some(String::new()),
            ..ProjectParts::default()
        };
        for parts in [full, empties, ProjectParts::default()] {
            let p = Project::from(parts.clone());
            assert_eq!(p.parts(), parts);
            assert_eq!(p.partners().len(), parts.partners.len());
            assert_eq!(p.themes().len(), parts.themes.len());
            assert_eq!(p.partners().is_empty(), parts.partners.is_empty());
            assert_eq!(p.themes().join("; "), parts.themes.join("; "));
            assert_eq!(p, Project::from(parts));
        }
        let p = Project::from(ProjectParts::default());
        assert_eq!(p.id(), None);
        assert_eq!(p.partners().next(), None);
        assert!(format!("{p:?}").contains("partners: []"));
    }

    #[test]
    fn a_project_stays_small() {
        // A million of them are held at once: every byte here is a megabyte there.
        assert_eq!(std::mem::size_of::<Project>(), 64);
    }

    #[test]
    fn a_nul_in_a_list_entry_is_shown_as_the_loader_shows_it() {
        let p = Project::from(ProjectParts {
            partners: vec!["a\0b".into()],
            ..ProjectParts::default()
        });
        assert_eq!(p.partners().collect::<Vec<_>>(), ["a\u{2400}b"]);
    }
}
