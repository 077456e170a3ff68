//! The figures a filtered, sorted view shows: per-district amounts under a theme filter, the order of
//! the districts, each district's value in the chosen unit, the "not itemised" row and the comparison of
//! marked districts. Pure functions over a `Dataset`; formatting goes through `money`.
//!
//! Build a [`Figures`] once whenever the data or the [`ViewOptions`] change (one pass over the projects,
//! O(projects + districts log districts)) and read it on every frame.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::data::{Dataset, Project};
use crate::locale::Locale;
use crate::money::{Scale, format_money, format_money_compact, format_percent};
use crate::search::{ThemeIndex, project_has_theme};
use crate::text::fold::collation_key;

/// Bar order; `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// Largest value first (by what the unit shows; districts without a value last); ties in file order.
    #[default]
    AmountDesc,
    /// By district name (short name where given, as the bars show it) in the locale's order; Danish puts
    /// `æ`, `ø`, `å` after `z` (see [`crate::text::fold::collation_key`]).
    Name,
    /// Row by row, west to east, as the tiles lie on the map; ties in file order.
    MapOrder,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::AmountDesc, SortOrder::Name, SortOrder::MapOrder];

    /// The next order in the cycle.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::AmountDesc => SortOrder::Name,
            SortOrder::Name => SortOrder::MapOrder,
            SortOrder::MapOrder => SortOrder::AmountDesc,
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (SortOrder::AmountDesc, Locale::Da) => "største først",
            (SortOrder::AmountDesc, Locale::En) => "largest first",
            (SortOrder::Name, Locale::Da) => "navn",
            (SortOrder::Name, Locale::En) => "name",
            (SortOrder::MapOrder, Locale::Da) => "kortets orden",
            (SortOrder::MapOrder, Locale::En) => "map order",
        }
    }
}

/// The order of a district's project list; `s` cycles it while that list has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProjectSort {
    /// As the file lists them.
    #[default]
    File,
    /// Largest amount first; ties in file order.
    AmountDesc,
    /// By name in the locale's order.
    Name,
}

impl ProjectSort {
    pub fn next(self) -> ProjectSort {
        match self {
            ProjectSort::File => ProjectSort::AmountDesc,
            ProjectSort::AmountDesc => ProjectSort::Name,
            ProjectSort::Name => ProjectSort::File,
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (ProjectSort::File, Locale::Da) => "filens orden",
            (ProjectSort::File, Locale::En) => "file order",
            (ProjectSort::AmountDesc, _) => SortOrder::AmountDesc.label(locale),
            (ProjectSort::Name, _) => SortOrder::Name.label(locale),
        }
    }

    /// `projects` (indices into `ds.projects`) in this order: O(n log n) in the list's length.
    pub fn apply(self, ds: &Dataset, mut projects: Vec<usize>, locale: Locale) -> Vec<usize> {
        match self {
            ProjectSort::File => {}
            ProjectSort::AmountDesc => projects.sort_by(|&a, &b| {
                let amount = |p: usize| ds.projects.get(p).map(|p| p.amount);
                amount(b).cmp(&amount(a))
            }),
            ProjectSort::Name => projects.sort_by_cached_key(|&p| {
                ds.projects.get(p).map(|p| collation_key(p.name(), locale))
            }),
        }
        projects
    }
}

/// How a district's project list is shown: its own order and scale, apart from the bars' (`s` and
/// `u` act on the list that has the focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ProjectOptions {
    pub sort: ProjectSort,
    /// Amounts in millions (the column's compact scale) rather than whole kroner.
    pub compact: bool,
}

/// What the bars and the map show; `u` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Unit {
    /// The full amount: `2.875.000 kr.`
    #[default]
    Money,
    /// The compact amount: `2,9 mio. kr.`
    MoneyCompact,
    /// Share of the pool in % (of the allocated sum when the file has no pool).
    ShareOfPool,
    /// Amount per inhabitant, for districts with a `population`; others show a marker.
    PerInhabitant,
}

impl Unit {
    pub const ALL: [Unit; 4] = [
        Unit::Money,
        Unit::MoneyCompact,
        Unit::ShareOfPool,
        Unit::PerInhabitant,
    ];

    /// The next unit in the cycle. Per inhabitant is skipped when no district has a population.
    pub fn next(self, ds: &Dataset) -> Unit {
        let next = match self {
            Unit::Money => Unit::MoneyCompact,
            Unit::MoneyCompact => Unit::ShareOfPool,
            Unit::ShareOfPool => Unit::PerInhabitant,
            Unit::PerInhabitant => Unit::Money,
        };
        if next == Unit::PerInhabitant && !ds.has_population() {
            Unit::Money
        } else {
            next
        }
    }

    /// A caption for the header, e.g. `andel af puljen`.
    pub fn label(self, ds: &Dataset, locale: Locale) -> &'static str {
        let has_pool = ds.meta.pool.is_some_and(|p| !p.is_zero());
        match (self, locale) {
            (Unit::Money, Locale::Da) => "beløb",
            (Unit::Money, Locale::En) => "amount",
            (Unit::MoneyCompact, Locale::Da) => "beløb (afrundet)",
            (Unit::MoneyCompact, Locale::En) => "amount (rounded)",
            (Unit::ShareOfPool, Locale::Da) if has_pool => "andel af puljen",
            (Unit::ShareOfPool, Locale::En) if has_pool => "share of the pool",
            (Unit::ShareOfPool, Locale::Da) => "andel af det uddelte",
            (Unit::ShareOfPool, Locale::En) => "share of the allocated sum",
            (Unit::PerInhabitant, Locale::Da) => "pr. indbygger",
            (Unit::PerInhabitant, Locale::En) => "per inhabitant",
        }
    }
}

/// How the view is filtered, sorted and measured.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewOptions {
    /// Only projects with this theme (case-insensitive); `None` or blank: all projects.
    pub theme_filter: Option<String>,
    pub sort: SortOrder,
    pub unit: Unit,
}

impl ViewOptions {
    /// The active theme filter, if any (a blank string is no filter).
    pub fn filter(&self) -> Option<&str> {
        self.theme_filter
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}

/// Whether a project is shown under `opts`.
pub fn project_visible(project: &Project, opts: &ViewOptions) -> bool {
    opts.filter().is_none_or(|t| project_has_theme(project, t))
}

/// One value in the chosen unit, before formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Money(Decimal),
    /// A ratio, 0..=1 (formatted as a percentage).
    Share(Decimal),
    /// Money per inhabitant.
    PerInhabitant(Decimal),
    /// No value in this unit; shown as [`Missing::marker`], never as zero.
    Missing(Missing),
}

/// Why a value is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The district has no `population` (or it is zero).
    NoPopulation,
    /// There is nothing to take a share of (no pool and nothing allocated).
    NoBase,
    /// The figure has no meaning for this row (e.g. per inhabitant of the not-itemised rest).
    NotApplicable,
}

impl Missing {
    /// The marker shown in place of a number: an en dash, never `0`.
    pub const MARKER: &'static str = "–";

    /// A legend line explaining the marker.
    pub fn explanation(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Missing::NoPopulation, Locale::Da) => "– ingen befolkningstal i datafilen",
            (Missing::NoPopulation, Locale::En) => "– no population in the data file",
            (Missing::NoBase, Locale::Da) => "– intet at beregne en andel af",
            (Missing::NoBase, Locale::En) => "– nothing to take a share of",
            (Missing::NotApplicable, Locale::Da) => "– giver ikke mening her",
            (Missing::NotApplicable, Locale::En) => "– not meaningful here",
        }
    }
}

impl Missing {
    /// The note for `lacking` districts without a population: "none in the data file" when no
    /// district of `ds` has one, else how many lack it ([`Missing::lacking_population`]). One rule
    /// for the bars' note and the comparison's.
    pub fn population_note(lacking: usize, ds: &Dataset, locale: Locale) -> String {
        if ds.has_population() {
            Missing::lacking_population(lacking, locale)
        } else {
            Missing::NoPopulation.explanation(locale).to_string()
        }
    }

    /// `– 5 kredse uden befolkningstal` / `– 5 districts without a population`: the note when some
    /// districts have a population and `n` do not.
    pub fn lacking_population(n: usize, locale: Locale) -> String {
        match locale {
            Locale::Da => format!(
                "{} {} uden befolkningstal",
                Missing::MARKER,
                crate::i18n::count(n, "kreds", "kredse", locale)
            ),
            Locale::En => format!(
                "{} {} without a population",
                Missing::MARKER,
                crate::i18n::count(n, "district", "districts", locale)
            ),
        }
    }
}

impl Value {
    /// The value as text in `locale`, e.g. `2.875.000 kr.`, `2,9 mio. kr.`, `21,4 %`, `11,67 kr./indb.`.
    pub fn text(self, currency: &str, unit: Unit, locale: Locale) -> String {
        match self {
            Value::Money(m) if unit == Unit::MoneyCompact => {
                format_money_compact(m, currency, locale)
            }
            Value::Money(m) => format_money(m, currency, locale),
            Value::Share(r) => format_percent(r, locale),
            Value::PerInhabitant(v) => {
                let v = v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                let money = format_money(v, currency, locale);
                match locale {
                    Locale::Da => format!("{money}/indb."),
                    Locale::En => format!("{money}/inh."),
                }
            }
            Value::Missing(_) => Missing::MARKER.to_string(),
        }
    }

    /// The number behind the value, for bar lengths and ordering; `None` when missing.
    pub fn number(self) -> Option<Decimal> {
        match self {
            Value::Money(v) | Value::Share(v) | Value::PerInhabitant(v) => Some(v),
            Value::Missing(_) => None,
        }
    }
}

/// How one column of values is written: one scale for the whole column, chosen from its largest
/// value, a fixed number of decimals, and the unit said once in a heading (`Fordeling · mio. kr.`),
/// so the figures line up on the decimal comma and compare at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    Money(Scale),
    #[default]
    /// Percent with one decimal.
    Share,
    PerInhabitant(Scale),
}

impl Column {
    /// The column for `values` shown in `unit` (one pass; call it once per view, not per frame).
    pub fn for_values(unit: Unit, values: impl IntoIterator<Item = Value>) -> Column {
        let numbers = values.into_iter().filter_map(Value::number);
        match unit {
            Unit::Money => Column::Money(Scale::of_amounts(numbers, false)),
            Unit::MoneyCompact => Column::Money(Scale::of_amounts(numbers, true)),
            Unit::ShareOfPool => Column::Share,
            Unit::PerInhabitant => {
                // Per inhabitant is shown to the øre; whole kroner only when every figure is whole.
                let rounded = numbers
                    .map(|v| v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero));
                let any_fraction = rounded.into_iter().any(|v| !v.fract().is_zero());
                Column::PerInhabitant(Scale::units(if any_fraction { 2 } else { 0 }))
            }
        }
    }

    /// `v` as this column writes it, without the unit: `13,6`, `21,4`, `3,33`; the marker `–` where
    /// there is no value.
    pub fn text(self, v: Value, locale: Locale) -> String {
        match (self, v) {
            (_, Value::Missing(_)) => Missing::MARKER.to_string(),
            (Column::Share, Value::Share(r)) => {
                crate::locale::format_number(r * Decimal::ONE_HUNDRED, 1, locale)
            }
            (Column::Money(s) | Column::PerInhabitant(s), v) => {
                s.number(v.number().unwrap_or_default(), locale)
            }
            (Column::Share, v) => {
                crate::locale::format_number(v.number().unwrap_or_default(), 1, locale)
            }
        }
    }

    /// The unit, said once for the column: `mio. kr.`, `kr.`, `% af puljen`, `kr. pr. indbygger`.
    pub fn caption(self, ds: &Dataset, locale: Locale) -> String {
        let cur = &ds.meta.currency;
        match self {
            Column::Money(s) => s.label(cur, locale),
            Column::Share => {
                let has_pool = ds.meta.pool.is_some_and(|p| !p.is_zero());
                match (locale, has_pool) {
                    (Locale::Da, true) => "% af puljen".to_string(),
                    (Locale::Da, false) => "% af det uddelte".to_string(),
                    (Locale::En, true) => "% of the pool".to_string(),
                    (Locale::En, false) => "% of the allocated sum".to_string(),
                }
            }
            Column::PerInhabitant(s) => match locale {
                Locale::Da => format!("{} pr. indbygger", s.label(cur, locale)),
                Locale::En => format!("{} per inhabitant", s.label(cur, locale)),
            },
        }
    }

    /// The short form of the caption for a column heading: `mio. kr.`, `%`, `kr./indb.`.
    pub fn heading(self, ds: &Dataset, locale: Locale) -> String {
        let cur = &ds.meta.currency;
        match (self, locale) {
            (Column::Money(s), _) => s.label(cur, locale),
            (Column::Share, _) => "%".to_string(),
            (Column::PerInhabitant(s), Locale::Da) => format!("{}/indb.", s.label(cur, locale)),
            (Column::PerInhabitant(s), Locale::En) => format!("{}/inh.", s.label(cur, locale)),
        }
    }
}

/// One district's figures under the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DistrictFigures {
    /// Sum of the shown projects' amounts.
    pub amount: Decimal,
    /// Number of shown projects.
    pub projects: usize,
}

/// The "not itemised" row: the part of the pool not assigned to named projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotItemised {
    /// Shown, with this amount.
    Row(Decimal),
    /// Nothing to show: the file has no pool, or the projects add up to all of it.
    None,
    /// A theme filter is on. The rest of the pool is not assigned to any project and so has no theme:
    /// it neither matches nor fails the filter, and showing it would mix filtered and unfiltered money.
    HiddenByFilter,
}

impl NotItemised {
    /// A note for the header or legend when the row is hidden by the filter.
    pub fn note(self, locale: Locale) -> Option<&'static str> {
        match (self, locale) {
            (NotItemised::HiddenByFilter, Locale::Da) => Some(
                "Den ikke specificerede del af puljen har intet tema og vises ikke under et filter",
            ),
            (NotItemised::HiddenByFilter, Locale::En) => Some(
                "The part of the pool not itemised has no theme and is not shown under a filter",
            ),
            _ => None,
        }
    }
}

/// Everything a districts view shows, computed once per (dataset, options).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub options: ViewOptions,
    /// Indexed like `Dataset::districts`.
    pub figures: Vec<DistrictFigures>,
    /// District indices in display order.
    pub order: Vec<usize>,
    /// Sum of the shown projects' amounts over all districts.
    pub shown_total: Decimal,
    /// Number of shown projects.
    pub shown_projects: usize,
    pub not_itemised: NotItemised,
    /// What shares are taken of: the pool, or the allocated sum when there is no pool.
    share_base: Option<Decimal>,
    currency: String,
}

impl Figures {
    /// Computes the view: one pass over the projects, then the sort. Fine for small data; with a
    /// theme filter on 100,000 projects this takes ~8 ms (reading every project's theme strings), so
    /// the app should keep a [`ThemeIndex`] per dataset and call [`Figures::build_indexed`].
    pub fn build(ds: &Dataset, options: &ViewOptions, locale: Locale) -> Figures {
        if options.filter().is_none() {
            return Figures::unfiltered(ds, options, locale);
        }
        let shown = ds.projects.iter().filter(|p| project_visible(p, options));
        Figures::from_projects(ds, shown, options, locale)
    }

    /// Without a filter the loader's district totals are the figures: O(districts), no project walk.
    fn unfiltered(ds: &Dataset, options: &ViewOptions, locale: Locale) -> Figures {
        let figures: Vec<DistrictFigures> = ds
            .districts
            .iter()
            .map(|d| DistrictFigures {
                amount: d.total,
                projects: d.projects.len(),
            })
            .collect();
        Figures::finish(
            ds,
            figures,
            ds.allocated,
            ds.projects.len(),
            options,
            locale,
        )
    }

    /// [`Figures::build`] using a prebuilt theme index: with a filter, only the matching projects are
    /// visited (~0.3 ms instead of ~8 ms at 100,000 projects).
    pub fn build_indexed(
        ds: &Dataset,
        themes: &ThemeIndex,
        options: &ViewOptions,
        locale: Locale,
    ) -> Figures {
        match options.filter() {
            Some(theme) => {
                let shown = themes
                    .projects_with(theme)
                    .iter()
                    .filter_map(|&i| ds.projects.get(i as usize));
                Figures::from_projects(ds, shown, options, locale)
            }
            None => Figures::unfiltered(ds, options, locale),
        }
    }

    fn from_projects<'a>(
        ds: &Dataset,
        shown: impl Iterator<Item = &'a Project>,
        options: &ViewOptions,
        locale: Locale,
    ) -> Figures {
        let mut figures = vec![DistrictFigures::default(); ds.districts.len()];
        let mut shown_total = Decimal::ZERO;
        let mut shown_projects = 0;
        for p in shown {
            if let Some(f) = figures.get_mut(p.district) {
                // Amounts are at most 10^15 each (validated), so sums of millions stay exact; saturate
                // rather than panic should a hand-built dataset break that.
                f.amount = f.amount.saturating_add(p.amount);
                f.projects += 1;
                shown_total = shown_total.saturating_add(p.amount);
                shown_projects += 1;
            }
        }
        Figures::finish(ds, figures, shown_total, shown_projects, options, locale)
    }

    fn finish(
        ds: &Dataset,
        figures: Vec<DistrictFigures>,
        shown_total: Decimal,
        shown_projects: usize,
        options: &ViewOptions,
        locale: Locale,
    ) -> Figures {
        let share_base = match ds.meta.pool {
            Some(pool) if !pool.is_zero() => Some(pool),
            _ if !ds.allocated.is_zero() => Some(ds.allocated),
            _ => None,
        };
        let not_itemised = if options.filter().is_some() {
            NotItemised::HiddenByFilter
        } else {
            match ds.not_itemised {
                Some(rest) if !rest.is_zero() => NotItemised::Row(rest),
                _ => NotItemised::None,
            }
        };
        let mut view = Figures {
            options: options.clone(),
            figures,
            order: Vec::new(),
            shown_total,
            shown_projects,
            not_itemised,
            share_base,
            currency: ds.meta.currency.clone(),
        };
        view.order = view.sorted_districts(ds, locale);
        view
    }

    fn sorted_districts(&self, ds: &Dataset, locale: Locale) -> Vec<usize> {
        let mut order: Vec<usize> = (0..ds.districts.len()).collect();
        match self.options.sort {
            SortOrder::AmountDesc => {
                // Descending by the shown number, missing values last, ties in file order (stable).
                let keys: Vec<Option<Decimal>> = (0..ds.districts.len())
                    .map(|d| self.value(ds, d).number())
                    .collect();
                order.sort_by(|&a, &b| {
                    let (ka, kb) = (
                        keys.get(a).copied().flatten(),
                        keys.get(b).copied().flatten(),
                    );
                    match (ka, kb) {
                        (Some(x), Some(y)) => y.cmp(&x),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                });
            }
            SortOrder::Name => {
                order.sort_by_cached_key(|&d| {
                    ds.districts
                        .get(d)
                        .map(|x| collation_key(x.short_name(), locale))
                });
            }
            SortOrder::MapOrder => {
                order.sort_by_key(|&d| ds.districts.get(d).map(|x| x.tile));
            }
        }
        order
    }

    /// The figures of district `d` (zero for an index out of range).
    pub fn figures(&self, d: usize) -> DistrictFigures {
        self.figures.get(d).copied().unwrap_or_default()
    }

    /// District `d`'s value in the view's unit.
    pub fn value(&self, ds: &Dataset, d: usize) -> Value {
        let amount = self.figures(d).amount;
        match self.options.unit {
            Unit::Money | Unit::MoneyCompact => Value::Money(amount),
            Unit::ShareOfPool => self.share(amount),
            Unit::PerInhabitant => match ds.districts.get(d).and_then(|x| x.population) {
                Some(pop) if pop > 0 => per_inhabitant(amount, pop),
                _ => Value::Missing(Missing::NoPopulation),
            },
        }
    }

    /// `amount` as a share of the pool (or of the allocated sum without one); `None` when there is
    /// nothing to take a share of.
    pub fn share_of(&self, amount: Decimal) -> Option<Decimal> {
        self.share_base.and_then(|base| amount.checked_div(base))
    }

    fn share(&self, amount: Decimal) -> Value {
        match self.share_base.and_then(|base| amount.checked_div(base)) {
            Some(r) => Value::Share(r),
            None => Value::Missing(Missing::NoBase),
        }
    }

    /// District `d`'s value as text, e.g. `2,9 mio. kr.`; the marker `–` where there is no value.
    pub fn value_text(&self, ds: &Dataset, d: usize, locale: Locale) -> String {
        self.value(ds, d)
            .text(&self.currency, self.options.unit, locale)
    }

    /// The not-itemised row's value in the view's unit, when the row is shown.
    pub fn not_itemised_value(&self) -> Option<Value> {
        let NotItemised::Row(rest) = self.not_itemised else {
            return None;
        };
        Some(match self.options.unit {
            Unit::Money | Unit::MoneyCompact => Value::Money(rest),
            Unit::ShareOfPool => self.share(rest),
            Unit::PerInhabitant => Value::Missing(Missing::NotApplicable),
        })
    }

    /// Formats any value with this view's currency and unit.
    pub fn format(&self, value: Value, locale: Locale) -> String {
        value.text(&self.currency, self.options.unit, locale)
    }

    /// The largest shown number over all districts (and the not-itemised row), for scaling bars.
    pub fn max_number(&self, ds: &Dataset) -> Option<Decimal> {
        (0..ds.districts.len())
            .filter_map(|d| self.value(ds, d).number())
            .chain(self.not_itemised_value().and_then(Value::number))
            .max()
    }

    /// Whether any district lacks a value in this unit (then show [`Missing::explanation`]).
    pub fn missing_values(&self, ds: &Dataset) -> Option<Missing> {
        (0..ds.districts.len()).find_map(|d| match self.value(ds, d) {
            Value::Missing(m) => Some(m),
            _ => None,
        })
    }

    /// The note explaining the `–` markers of this view, in `locale`: for missing populations, how
    /// many districts lack one (`– 5 kredse uden befolkningstal`), and "none in the data file"
    /// only when no district has one. `None` when every district has a value.
    pub fn missing_note(&self, ds: &Dataset, locale: Locale) -> Option<String> {
        let kind = self.missing_values(ds)?;
        if kind != Missing::NoPopulation {
            return Some(kind.explanation(locale).to_string());
        }
        let lacking = (0..ds.districts.len())
            .filter(|&d| self.value(ds, d) == Value::Missing(Missing::NoPopulation))
            .count();
        Some(Missing::population_note(lacking, ds, locale))
    }

    /// The projects of district `d` that the view shows, in file order.
    pub fn projects_of<'a>(
        &'a self,
        ds: &'a Dataset,
        d: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        ds.districts
            .get(d)
            .into_iter()
            .flat_map(|x| x.projects.iter().copied())
            .filter(move |&p| {
                ds.projects
                    .get(p)
                    .is_some_and(|p| project_visible(p, &self.options))
            })
    }
}

fn per_inhabitant(amount: Decimal, population: u64) -> Value {
    match amount.checked_div(Decimal::from(population)) {
        Some(v) => Value::PerInhabitant(v),
        None => Value::Missing(Missing::NoPopulation),
    }
}

/// One district in a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComparisonRow {
    pub district: usize,
    pub amount: Decimal,
    /// Share of the pool (or allocated sum without a pool).
    pub share: Option<Decimal>,
    /// Share of the compared districts' sum.
    pub share_of_compared: Option<Decimal>,
    pub projects: usize,
    pub population: Option<u64>,
    pub per_inhabitant: Option<Decimal>,
}

/// Side-by-side figures for the marked districts, under the view's filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// In the order the districts were marked; duplicates and unknown indices dropped.
    pub rows: Vec<ComparisonRow>,
    pub total_amount: Decimal,
    pub total_share: Option<Decimal>,
    pub total_projects: usize,
    /// Sum of the populations, only when every compared district has one.
    pub total_population: Option<u64>,
    /// Total amount per inhabitant, only when every compared district has a population (a total over
    /// part of them would compare unlike things).
    pub total_per_inhabitant: Option<Decimal>,
}

/// Compares the marked districts (`marked` holds district indices, in marking order).
pub fn compare(ds: &Dataset, view: &Figures, marked: &[usize]) -> Comparison {
    let mut seen: Vec<usize> = Vec::with_capacity(marked.len());
    for &d in marked {
        if d < ds.districts.len() && !seen.contains(&d) {
            seen.push(d);
        }
    }
    let total_amount = seen.iter().fold(Decimal::ZERO, |s, &d| {
        s.saturating_add(view.figures(d).amount)
    });
    let share_of = |amount: Decimal| match view.share(amount) {
        Value::Share(r) => Some(r),
        _ => None,
    };
    let rows: Vec<ComparisonRow> = seen
        .iter()
        .map(|&d| {
            let f = view.figures(d);
            let population = ds.districts.get(d).and_then(|x| x.population);
            ComparisonRow {
                district: d,
                amount: f.amount,
                share: share_of(f.amount),
                share_of_compared: f.amount.checked_div(total_amount),
                projects: f.projects,
                population,
                per_inhabitant: population
                    .filter(|&p| p > 0)
                    .and_then(|p| f.amount.checked_div(Decimal::from(p))),
            }
        })
        .collect();
    let total_population = if rows.is_empty() {
        None
    } else {
        rows.iter()
            .try_fold(0u64, |sum, r| r.population.and_then(|p| sum.checked_add(p)))
    };
    Comparison {
        total_share: share_of(total_amount),
        total_projects: rows.iter().map(|r| r.projects).sum(),
        total_per_inhabitant: total_population
            .filter(|&p| p > 0)
            .and_then(|p| total_amount.checked_div(Decimal::from(p))),
        total_population,
        total_amount,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::testdata::{danish, dataset, dec, district, project};

    fn opts(filter: Option<&str>, sort: SortOrder, unit: Unit) -> ViewOptions {
        ViewOptions {
            theme_filter: filter.map(String::from),
            sort,
            unit,
        }
    }

    fn names(ds: &Dataset, view: &Figures) -> Vec<String> {
        view.order
            .iter()
            .map(|&d| ds.districts[d].short_name().to_string())
            .collect()
    }

    #[test]
    fn unfiltered_amounts_match_the_loader_totals() {
        let ds = danish();
        let view = Figures::build(&ds, &ViewOptions::default(), Locale::Da);
        for (i, d) in ds.districts.iter().enumerate() {
            assert_eq!(view.figures(i).amount, d.total, "{}", d.name);
            assert_eq!(view.figures(i).projects, d.projects.len());
        }
        assert_eq!(view.shown_total, ds.allocated);
        assert_eq!(view.shown_projects, 4);
        assert_eq!(view.not_itemised, NotItemised::Row(dec("86400000")));
        assert_eq!(view.figures(99), DistrictFigures::default());
    }

    #[test]
    fn theme_filter_is_case_insensitive_and_hides_not_itemised() {
        let ds = danish();
        // "Bander" in one project, "bander" in two others.
        let view = Figures::build(
            &ds,
            &opts(Some(" BANDER "), SortOrder::AmountDesc, Unit::Money),
            Locale::Da,
        );
        assert_eq!(view.figures(0).amount, dec("30000000"));
        assert_eq!(view.figures(1).amount, dec("13600000"));
        assert_eq!(view.figures(2).amount, dec("7000000"));
        assert_eq!(view.figures(3), DistrictFigures::default());
        assert_eq!(view.shown_total, dec("50600000"));
        assert_eq!(view.shown_projects, 3);
        assert_eq!(view.not_itemised, NotItemised::HiddenByFilter);
        assert!(view.not_itemised.note(Locale::Da).is_some());
        // The note is a line of its own: a sentence, capitalised.
        for locale in [Locale::Da, Locale::En] {
            let note = view.not_itemised.note(locale).unwrap();
            assert!(note.starts_with(char::is_uppercase), "{note}");
        }
        assert_eq!(view.not_itemised_value(), None);
        assert_eq!(view.projects_of(&ds, 2).collect::<Vec<_>>(), [0]);
        let unge = Figures::build(
            &ds,
            &opts(Some("unge"), SortOrder::AmountDesc, Unit::Money),
            Locale::Da,
        );
        assert_eq!(unge.projects_of(&ds, 1).collect::<Vec<_>>(), [1]);
        assert_eq!(unge.projects_of(&ds, 0).count(), 0);
        // A blank filter is no filter.
        let blank = Figures::build(
            &ds,
            &opts(Some("  "), SortOrder::AmountDesc, Unit::Money),
            Locale::Da,
        );
        assert_eq!(blank.shown_total, ds.allocated);
        assert!(matches!(blank.not_itemised, NotItemised::Row(_)));
    }

    #[test]
    fn indexed_build_equals_plain_build() {
        let ds = danish();
        let ti = ThemeIndex::build(&ds);
        for filter in [None, Some("bander"), Some("UNGE"), Some("nope"), Some(" ")] {
            for sort in SortOrder::ALL {
                for unit in Unit::ALL {
                    let o = opts(filter, sort, unit);
                    for locale in Locale::ALL {
                        assert_eq!(
                            Figures::build(&ds, &o, locale),
                            Figures::build_indexed(&ds, &ti, &o, locale),
                            "{o:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn unfiltered_shortcut_equals_walking_all_projects() {
        let ds = danish();
        for sort in SortOrder::ALL {
            for unit in Unit::ALL {
                let o = opts(None, sort, unit);
                let walked = Figures::from_projects(&ds, ds.projects.iter(), &o, Locale::Da);
                assert_eq!(Figures::build(&ds, &o, Locale::Da), walked);
            }
        }
    }

    #[test]
    fn sort_orders() {
        let ds = danish();
        let by_amount = Figures::build(
            &ds,
            &opts(None, SortOrder::AmountDesc, Unit::Money),
            Locale::Da,
        );
        assert_eq!(
            names(&ds, &by_amount),
            [
                "København",
                "Københavns Vestegn",
                "Fyn",
                "Østjylland",
                "Bornholms Politi"
            ]
        );
        let by_name = Figures::build(&ds, &opts(None, SortOrder::Name, Unit::Money), Locale::Da);
        assert_eq!(
            names(&ds, &by_name),
            [
                "Bornholms Politi",
                "Fyn",
                "København",
                "Københavns Vestegn",
                "Østjylland"
            ]
        );
        let by_map = Figures::build(
            &ds,
            &opts(None, SortOrder::MapOrder, Unit::Money),
            Locale::Da,
        );
        assert_eq!(
            names(&ds, &by_map),
            [
                "Østjylland",
                "Københavns Vestegn",
                "København",
                "Fyn",
                "Bornholms Politi"
            ]
        );
        assert_eq!(
            SortOrder::AmountDesc.next().next().next(),
            SortOrder::AmountDesc
        );
    }

    #[test]
    fn danish_name_order_differs_from_english() {
        let ds = dataset(
            None,
            vec![
                district("a", "Aalborg", (0, 0)),
                district("b", "Ærø", (0, 1)),
                district("c", "Zealand", (0, 2)),
                district("d", "Bornholm", (0, 3)),
            ],
            vec![],
        );
        let da = Figures::build(&ds, &opts(None, SortOrder::Name, Unit::Money), Locale::Da);
        assert_eq!(names(&ds, &da), ["Bornholm", "Zealand", "Ærø", "Aalborg"]);
        let en = Figures::build(&ds, &opts(None, SortOrder::Name, Unit::Money), Locale::En);
        assert_eq!(names(&ds, &en), ["Aalborg", "Ærø", "Bornholm", "Zealand"]);
    }

    #[test]
    fn value_text_in_every_unit_and_locale() {
        let ds = danish();
        let text = |unit: Unit, locale: Locale, d: usize| {
            Figures::build(&ds, &opts(None, SortOrder::AmountDesc, unit), locale)
                .value_text(&ds, d, locale)
        };
        assert_eq!(text(Unit::Money, Locale::Da, 1), "13.600.000 kr.");
        assert_eq!(text(Unit::Money, Locale::En, 1), "DKK 13,600,000");
        assert_eq!(text(Unit::MoneyCompact, Locale::Da, 1), "13,6 mio. kr.");
        assert_eq!(text(Unit::MoneyCompact, Locale::En, 1), "DKK 13.6m");
        assert_eq!(text(Unit::ShareOfPool, Locale::Da, 0), "21,4 %");
        assert_eq!(text(Unit::ShareOfPool, Locale::En, 0), "21.4%");
        // 13.600.000 / 400.000 = 34 kr.; 30.000.000 / 600.000 = 50 kr.
        assert_eq!(text(Unit::PerInhabitant, Locale::Da, 1), "34 kr./indb.");
        assert_eq!(text(Unit::PerInhabitant, Locale::En, 0), "DKK 50/inh.");
        // 3.000.000 / 500.000 = 6; Bornholm 0 kr. over 40.000 inhabitants is a real zero.
        assert_eq!(text(Unit::PerInhabitant, Locale::Da, 3), "6 kr./indb.");
        assert_eq!(text(Unit::PerInhabitant, Locale::Da, 4), "0 kr./indb.");
        // Fyn has no population: a marker, not zero.
        assert_eq!(text(Unit::PerInhabitant, Locale::Da, 2), Missing::MARKER);
        let view = Figures::build(
            &ds,
            &opts(None, SortOrder::AmountDesc, Unit::PerInhabitant),
            Locale::Da,
        );
        assert_eq!(view.value(&ds, 2), Value::Missing(Missing::NoPopulation));
        assert_eq!(view.missing_values(&ds), Some(Missing::NoPopulation));
        assert_eq!(
            view.not_itemised_value(),
            Some(Value::Missing(Missing::NotApplicable))
        );
    }

    #[test]
    fn per_inhabitant_rounds_to_ore_and_sorts_missing_last() {
        let mut a = district("a", "A", (0, 0));
        a.population = Some(3);
        let b = district("b", "B", (0, 1));
        let mut c = district("c", "C", (0, 2));
        c.population = Some(1_000_000);
        let ds = dataset(
            None,
            vec![a, b, c],
            vec![
                project(0, "p", "10", &[]),
                project(1, "q", "999999999", &[]),
                project(2, "r", "5000000", &[]),
            ],
        );
        let view = Figures::build(
            &ds,
            &opts(None, SortOrder::AmountDesc, Unit::PerInhabitant),
            Locale::Da,
        );
        assert_eq!(view.value_text(&ds, 0, Locale::Da), "3,33 kr./indb.");
        // B has the largest amount but no population: last, not first.
        assert_eq!(view.order, [2, 0, 1]);
        assert_eq!(view.max_number(&ds), Some(dec("5")));
        let money = Figures::build(
            &ds,
            &opts(None, SortOrder::AmountDesc, Unit::Money),
            Locale::Da,
        );
        assert_eq!(money.order, [1, 2, 0]);
    }

    #[test]
    fn share_without_pool_is_of_the_allocated_sum() {
        let ds = dataset(
            None,
            vec![district("a", "A", (0, 0)), district("b", "B", (0, 1))],
            vec![project(0, "p", "750", &[]), project(1, "q", "250", &[])],
        );
        let view = Figures::build(
            &ds,
            &opts(None, SortOrder::AmountDesc, Unit::ShareOfPool),
            Locale::Da,
        );
        assert_eq!(view.value_text(&ds, 0, Locale::Da), "75,0 %");
        assert_eq!(
            Unit::ShareOfPool.label(&ds, Locale::Da),
            "andel af det uddelte"
        );
        assert_eq!(view.not_itemised, NotItemised::None);
        let empty = dataset(None, vec![district("a", "A", (0, 0))], vec![]);
        let view = Figures::build(
            &empty,
            &opts(None, SortOrder::AmountDesc, Unit::ShareOfPool),
            Locale::Da,
        );
        assert_eq!(view.value(&empty, 0), Value::Missing(Missing::NoBase));
        assert_eq!(view.max_number(&empty), None);
    }

    #[test]
    fn unit_cycle_skips_per_inhabitant_without_populations() {
        let ds = danish();
        let mut u = Unit::Money;
        let mut seen = vec![u];
        for _ in 0..3 {
            u = u.next(&ds);
            seen.push(u);
        }
        assert_eq!(seen, Unit::ALL);
        assert_eq!(u.next(&ds), Unit::Money);
        let bare = dataset(None, vec![district("a", "A", (0, 0))], vec![]);
        assert_eq!(Unit::ShareOfPool.next(&bare), Unit::Money);
    }

    #[test]
    fn comparison_of_marked_districts() {
        let ds = danish();
        let view = Figures::build(&ds, &ViewOptions::default(), Locale::Da);
        // København and Københavns Vestegn, marked in that order, with a duplicate and a bad index.
        let c = compare(&ds, &view, &[0, 1, 0, 42]);
        assert_eq!(c.rows.len(), 2);
        assert_eq!(c.rows[0].district, 0);
        assert_eq!(c.rows[0].amount, dec("30000000"));
        assert_eq!(c.rows[0].projects, 1);
        assert_eq!(c.rows[0].per_inhabitant, Some(dec("50")));
        assert_eq!(c.rows[1].per_inhabitant, Some(dec("34")));
        assert_eq!(c.total_amount, dec("43600000"));
        assert_eq!(c.total_projects, 2);
        assert_eq!(c.total_population, Some(1_000_000));
        assert_eq!(c.total_per_inhabitant, Some(dec("43.6")));
        assert_eq!(format_percent(c.total_share.unwrap(), Locale::Da), "31,1 %");
        assert_eq!(
            format_percent(c.rows[0].share_of_compared.unwrap(), Locale::Da),
            "68,8 %"
        );
        // With Fyn (no population) the total per inhabitant is withheld.
        let c = compare(&ds, &view, &[0, 2]);
        assert_eq!(c.rows[1].per_inhabitant, None);
        assert_eq!(c.total_population, None);
        assert_eq!(c.total_per_inhabitant, None);
        // Under a filter the comparison uses the filtered figures.
        let f = Figures::build(
            &ds,
            &opts(Some("unge"), SortOrder::Name, Unit::Money),
            Locale::Da,
        );
        let c = compare(&ds, &f, &[0, 1]);
        assert_eq!(c.rows[0].amount, Decimal::ZERO);
        assert_eq!(c.rows[1].amount, dec("13600000"));
        assert_eq!(c.rows[0].share_of_compared, Some(Decimal::ZERO));
        // Nothing marked.
        let c = compare(&ds, &view, &[]);
        assert!(c.rows.is_empty());
        assert_eq!(c.total_amount, Decimal::ZERO);
        assert_eq!(c.total_per_inhabitant, None);
    }
}
