//! The change view's figures: two rounds side by side, district by district (matched by id), in the
//! chosen unit and order, with the series of every open round for the sparklines, and a district's
//! projects of both rounds matched by project id. Built when the view opens or its options change,
//! never per frame.

use std::collections::HashMap;

use ratatui::layout::Rect;
use rust_decimal::Decimal;

use crate::change::{Panel, Round, Step};
use crate::data::Dataset;
use crate::locale::Locale;
use crate::money::{Scale, format_money, format_money_compact, format_percent};
use crate::text::fold::collation_key;

/// What the change view's figures are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChangeUnit {
    /// Money, compact (`2,9 mio. kr.`).
    #[default]
    Compact,
    /// Money, to the krone.
    Full,
    /// Kroner per inhabitant, where both rounds give the district a population.
    PerInhabitant,
}

impl ChangeUnit {
    /// The next unit (`u`); per inhabitant only when some district has a population in both rounds.
    pub fn next(self, per_inhabitant_possible: bool) -> ChangeUnit {
        match self {
            ChangeUnit::Compact => ChangeUnit::Full,
            ChangeUnit::Full if per_inhabitant_possible => ChangeUnit::PerInhabitant,
            ChangeUnit::Full | ChangeUnit::PerInhabitant => ChangeUnit::Compact,
        }
    }
}

/// The order of the change view's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChangeSort {
    /// Largest increase first, largest decrease last; new and ended districts after the changes.
    #[default]
    ByChange,
    /// Largest decrease first.
    ByDecrease,
    /// By name, in the locale's order.
    ByName,
    /// As the rounds list them (first appearance).
    AsListed,
}

impl ChangeSort {
    pub fn next(self) -> ChangeSort {
        match self {
            ChangeSort::ByChange => ChangeSort::ByDecrease,
            ChangeSort::ByDecrease => ChangeSort::ByName,
            ChangeSort::ByName => ChangeSort::AsListed,
            ChangeSort::AsListed => ChangeSort::ByChange,
        }
    }
}

/// One district of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub id: String,
    pub name: String,
    /// The figures in the view's unit: in the base round and in the comparison (`None`: the district
    /// is not in that round, or, per inhabitant, has no population there).
    pub base: Option<Decimal>,
    pub cmp: Option<Decimal>,
    pub step: Step,
    /// The district's amount in every open round, in series order (`None`: not in that round).
    pub series: Vec<Option<Decimal>>,
    /// Its index in each of the two rounds' `districts`.
    pub at_base: Option<usize>,
    pub at_cmp: Option<usize>,
    /// The figures as shown: base, comparison, change (signed, or `ny` / `ophørt`), percent.
    pub texts: [String; 4],
}

/// A project in the drill-down, from either round or both.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectChange {
    pub name: String,
    pub base: Option<Decimal>,
    pub cmp: Option<Decimal>,
    pub step: Step,
}

/// The two rounds compared, or why they cannot be.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeFigures {
    Compared(Box<Comparison>),
    /// Rounds in different currencies: one message, no numbers.
    Incomparable(String),
}

/// Two rounds side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub unit: ChangeUnit,
    pub sort: ChangeSort,
    pub currency: String,
    /// The rows in the view's order.
    pub rows: Vec<ChangeRow>,
    /// The pools, the part of each not itemised, and their changes.
    pub pools: (Option<Decimal>, Option<Decimal>),
    pub not_itemised: (Option<Decimal>, Option<Decimal>),
    /// The largest change either way, for the bars' scale.
    pub max_change: Decimal,
    /// Whether some district has a population in both rounds (per inhabitant is offered then).
    pub per_inhabitant_possible: bool,
    /// How many rounds the series have (sparklines from three on).
    pub series_len: usize,
    /// The widest of each of the rows' four texts, so the columns line up.
    pub widths: [usize; 4],
    /// The comparison round's districts shaded by their change, for its outline map or its tiles.
    pub map: ChangeMap,
    /// The one scale of the amount columns (`mio. kr.`, `kr.`).
    pub scale: Scale,
}

/// The change on the map: per district of the comparison round its class on a scale that
/// diverges from zero (three classes of decrease, three of increase, one for new districts),
/// the order its label is placed in, its label texts, and the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeMap {
    /// `None`: no change (or no figure): drawn as neutral.
    pub classes: Vec<Option<usize>>,
    pub priority: Vec<Option<usize>>,
    pub texts: Vec<Vec<Vec<String>>>,
    /// The change as a tile shows it under the name (`+3,1 mio. kr.`, `ny`); `None`: no change.
    pub figures: Vec<Option<String>>,
    pub legend: Vec<crate::geo::classes::LegendEntry>,
}

/// Classes on the change map: 0–2 decreases (largest first), 3–5 increases, 6 new districts.
pub const CHANGE_CLASSES: usize = 7;

impl ChangeMap {
    fn build(
        rows: &[ChangeRow],
        cmp: &Dataset,
        max: Decimal,
        unit: ChangeUnit,
        currency: &str,
        locale: Locale,
    ) -> ChangeMap {
        use crate::geo::classes::LegendEntry;
        let n = cmp.districts.len();
        let (mut classes, mut priority, mut texts, mut figures) = (
            vec![None; n],
            vec![None; n],
            vec![Vec::new(); n],
            vec![None; n],
        );
        let third = max / Decimal::from(3);
        let w = crate::i18n::change_words(locale);
        let mut ranked: Vec<(Decimal, usize)> = Vec::new();
        for r in rows {
            let Some(d) = r.at_cmp.filter(|&d| d < n) else {
                continue;
            };
            let class = match r.step {
                Step::Changed { by, .. } if by < Decimal::ZERO => {
                    Some(if -by > third * Decimal::TWO {
                        0
                    } else if -by > third {
                        1
                    } else {
                        2
                    })
                }
                Step::Changed { by, .. } if by > Decimal::ZERO => {
                    Some(if by > third * Decimal::TWO {
                        5
                    } else if by > third {
                        4
                    } else {
                        3
                    })
                }
                Step::New => Some(6),
                _ => None,
            };
            classes[d] = class;
            let figure = match r.step {
                Step::Changed { by, .. } if !by.is_zero() => {
                    Some(signed_text(by, unit, currency, locale))
                }
                Step::New => Some(w.new.to_string()),
                _ => None,
            };
            texts[d] =
                crate::geo::labels::alternatives(cmp.districts[d].short_name(), figure.as_deref());
            figures[d] = figure;
            let weight = match r.step {
                Step::Changed { by, .. } => by.abs(),
                Step::New => r.cmp.unwrap_or_default(),
                _ => Decimal::ZERO,
            };
            ranked.push((weight, d));
        }
        // Labels: the largest changes first.
        ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
        let count = ranked.len();
        for (k, (_, d)) in ranked.into_iter().enumerate() {
            priority[d] = Some(count - k);
        }
        let limit = |v: Decimal| signed_text(v, unit, currency, locale);
        let zero = Decimal::ZERO;
        let legend = vec![
            LegendEntry {
                label: format!("{}–{}", limit(-max), limit(-third * Decimal::TWO)),
                class: Some(0),
                heading: false,
            },
            LegendEntry {
                label: format!("{}–{}", limit(-third * Decimal::TWO), limit(-third)),
                class: Some(1),
                heading: false,
            },
            LegendEntry {
                label: format!("{}–{}", limit(-third), limit(zero)),
                class: Some(2),
                heading: false,
            },
            LegendEntry {
                label: format!("{}–{}", limit(zero), limit(third)),
                class: Some(3),
                heading: false,
            },
            LegendEntry {
                label: format!("{}–{}", limit(third), limit(third * Decimal::TWO)),
                class: Some(4),
                heading: false,
            },
            LegendEntry {
                label: format!("{}–{}", limit(third * Decimal::TWO), limit(max)),
                class: Some(5),
                heading: false,
            },
        ];
        let mut legend = legend;
        if classes.contains(&Some(6)) {
            legend.push(LegendEntry {
                label: w.new.to_string(),
                class: Some(6),
                heading: false,
            });
        }
        legend.push(LegendEntry {
            label: w.unchanged.to_string(),
            class: None,
            heading: false,
        });
        ChangeMap {
            classes,
            priority,
            texts,
            figures,
            legend,
        }
    }
}

/// The rounds in series order: tab order, or by `published` (else `period`) where every round has
/// one, so that a series reads forward in time whatever order the files were opened in.
pub fn series_order(rounds: &[&Dataset]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rounds.len()).collect();
    let key = |d: &Dataset| d.meta.published.clone().or_else(|| d.meta.period.clone());
    if rounds.iter().all(|d| key(d).is_some()) {
        order.sort_by_key(|&k| key(rounds[k]));
    }
    order
}

/// Kroner per inhabitant, to the øre.
fn per_inhabitant(amount: Decimal, population: Option<u64>) -> Option<Decimal> {
    let p = Decimal::from(population.filter(|&p| p > 0)?);
    Some((amount / p).round_dp(2))
}

impl ChangeFigures {
    /// `rounds` are every open round (tab order); `base` and `cmp` index into them.
    pub fn build(
        rounds: &[(&str, &Dataset)],
        base: usize,
        cmp: usize,
        unit: ChangeUnit,
        sort: ChangeSort,
        locale: Locale,
    ) -> ChangeFigures {
        let (Some(&(bl, bd)), Some(&(cl, cd))) = (rounds.get(base), rounds.get(cmp)) else {
            return ChangeFigures::Incomparable(String::new());
        };
        let pair = [Round::new(bl, bd), Round::new(cl, cd)];
        let panel = match Panel::build(&pair) {
            Ok(p) => p,
            Err(e) => {
                return ChangeFigures::Incomparable(crate::i18n::change::currencies_differ(
                    (&e.first.0, &e.first.1),
                    (&e.other.0, &e.other.1),
                    locale,
                ));
            }
        };
        let datasets: Vec<&Dataset> = rounds.iter().map(|r| r.1).collect();
        let order = series_order(&datasets);
        let index = |d: &Dataset| -> HashMap<String, usize> {
            d.districts
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i))
                .collect()
        };
        let indexes: Vec<HashMap<String, usize>> = datasets.iter().map(|d| index(d)).collect();
        let (bi, ci) = (&indexes[base], &indexes[cmp]);
        let pop = |d: &Dataset, at: Option<usize>| at.and_then(|i| d.districts[i].population);
        let per_inhabitant_possible = panel.rows.iter().any(|r| {
            pop(bd, bi.get(&r.id).copied()).is_some() && pop(cd, ci.get(&r.id).copied()).is_some()
        });
        let unit = if unit == ChangeUnit::PerInhabitant && !per_inhabitant_possible {
            ChangeUnit::Compact
        } else {
            unit
        };
        let mut rows: Vec<ChangeRow> = panel
            .rows
            .iter()
            .map(|r| {
                let (at_base, at_cmp) = (bi.get(&r.id).copied(), ci.get(&r.id).copied());
                let figure = |d: &Dataset, at: Option<usize>, amount: Option<Decimal>| match unit {
                    ChangeUnit::PerInhabitant => amount.and_then(|a| per_inhabitant(a, pop(d, at))),
                    ChangeUnit::Compact | ChangeUnit::Full => amount,
                };
                let base = figure(bd, at_base, r.amounts[0]);
                let cmp = figure(cd, at_cmp, r.amounts[1]);
                let step = match (unit, at_base, at_cmp) {
                    // Per inhabitant a district without a population in one round has no figure
                    // there, which is not "new" or "ended": it is in both rounds.
                    (ChangeUnit::PerInhabitant, Some(_), Some(_))
                        if base.is_none() || cmp.is_none() =>
                    {
                        Step::Absent
                    }
                    _ => Step::between(base, cmp),
                };
                let series = order
                    .iter()
                    .map(|&k| {
                        indexes[k]
                            .get(&r.id)
                            .map(|&i| datasets[k].districts[i].total)
                    })
                    .collect();
                ChangeRow {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    base,
                    cmp,
                    step,
                    series,
                    at_base,
                    at_cmp,
                    texts: Default::default(),
                }
            })
            .collect();
        sort_rows(&mut rows, sort, locale);
        let max_change = rows
            .iter()
            .filter_map(|r| match r.step {
                Step::Changed { by, .. } => Some(by.abs()),
                _ => None,
            })
            .max()
            .unwrap_or_default();
        // One scale for the three amount columns, from their largest figure, the unit said once in
        // the table's title.
        let scale = Scale::of_amounts(
            rows.iter().flat_map(|r| {
                let by = match r.step {
                    Step::Changed { by, .. } => Some(by),
                    _ => None,
                };
                [r.base, r.cmp, by].into_iter().flatten()
            }),
            unit == ChangeUnit::Compact,
        );
        for r in &mut rows {
            r.texts = row_texts(r.base, r.cmp, r.step, scale, locale);
        }
        let mut widths = [0; 4];
        for r in &rows {
            for (w, t) in widths.iter_mut().zip(&r.texts) {
                *w = (*w).max(crate::text::width(t));
            }
        }
        let map = ChangeMap::build(&rows, cd, max_change, unit, &panel.currency, locale);
        ChangeFigures::Compared(Box::new(Comparison {
            unit,
            sort,
            currency: panel.currency,
            rows,
            pools: (panel.pools[0], panel.pools[1]),
            not_itemised: (panel.not_itemised[0], panel.not_itemised[1]),
            max_change,
            per_inhabitant_possible,
            series_len: order.len(),
            widths,
            map,
            scale,
        }))
    }
}

/// A figure in the view's unit.
pub fn figure_text(value: Decimal, unit: ChangeUnit, currency: &str, locale: Locale) -> String {
    match unit {
        ChangeUnit::Compact => format_money_compact(value, currency, locale),
        ChangeUnit::Full | ChangeUnit::PerInhabitant => format_money(value, currency, locale),
    }
}

/// A change with its sign (`+100.000 kr.`, `−50.000 kr.`, `0 kr.`).
pub fn signed_text(by: Decimal, unit: ChangeUnit, currency: &str, locale: Locale) -> String {
    let sign = if by > Decimal::ZERO {
        "+"
    } else if by < Decimal::ZERO {
        "−"
    } else {
        ""
    };
    format!("{sign}{}", figure_text(by.abs(), unit, currency, locale))
}

/// A percent change with its sign (`+25,0 %`), `–` where there is none.
pub fn percent_text(percent: Option<Decimal>, locale: Locale) -> String {
    match percent {
        Some(p) => {
            let sign = if p > Decimal::ZERO {
                "+"
            } else if p < Decimal::ZERO {
                "−"
            } else {
                ""
            };
            format!(
                "{sign}{}",
                format_percent(p.abs() / Decimal::ONE_HUNDRED, locale)
            )
        }
        None => "–".to_string(),
    }
}

/// The four texts of a row in the columns' scale: base, comparison, change (signed), percent.
fn row_texts(
    base: Option<Decimal>,
    cmp: Option<Decimal>,
    step: Step,
    scale: Scale,
    locale: Locale,
) -> [String; 4] {
    let w = crate::i18n::change_words(locale);
    let fig = |v: Option<Decimal>| v.map_or_else(|| "–".to_string(), |v| scale.number(v, locale));
    let (change, percent) = match step {
        Step::Changed { by, percent } => {
            let sign = if by > Decimal::ZERO {
                "+"
            } else if by < Decimal::ZERO {
                "−"
            } else {
                ""
            };
            (
                format!("{sign}{}", scale.number(by.abs(), locale)),
                percent_text(percent, locale),
            )
        }
        Step::New => (w.new.to_string(), String::new()),
        Step::Ended => (w.ended.to_string(), String::new()),
        Step::Absent => ("–".to_string(), String::new()),
    };
    [fig(base), fig(cmp), change, percent]
}

fn sort_rows(rows: &mut [ChangeRow], sort: ChangeSort, locale: Locale) {
    // Changes first (by size), then new, then ended, then the rest; stable, so ties keep the
    // rounds' order.
    let rank = |s: &Step| match s {
        Step::Changed { .. } => 0,
        Step::New => 1,
        Step::Ended => 2,
        Step::Absent => 3,
    };
    let by = |s: &Step| match s {
        Step::Changed { by, .. } => *by,
        _ => Decimal::ZERO,
    };
    match sort {
        ChangeSort::ByChange => rows.sort_by(|a, b| {
            rank(&a.step)
                .cmp(&rank(&b.step))
                .then_with(|| by(&b.step).cmp(&by(&a.step)))
        }),
        ChangeSort::ByDecrease => rows.sort_by(|a, b| {
            rank(&a.step)
                .cmp(&rank(&b.step))
                .then_with(|| by(&a.step).cmp(&by(&b.step)))
        }),
        ChangeSort::ByName => {
            rows.sort_by_cached_key(|r| collation_key(&r.name, locale));
        }
        ChangeSort::AsListed => {}
    }
}

/// A district's projects in both rounds, matched by project `id` where both files give one (else
/// by name): changed (old → new), unchanged, new, ended. The base round's order, then the new ones.
pub fn project_changes(
    base: &Dataset,
    at_base: Option<usize>,
    cmp: &Dataset,
    at_cmp: Option<usize>,
) -> Vec<ProjectChange> {
    let of = |d: &Dataset, at: Option<usize>| -> Vec<usize> {
        at.and_then(|i| d.districts.get(i))
            .map(|x| x.projects.clone())
            .unwrap_or_default()
    };
    let key = |d: &Dataset, p: usize| {
        let p = &d.projects[p];
        p.id().map_or_else(
            || (false, p.name().to_string()),
            |id| (true, id.to_string()),
        )
    };
    let mut out: Vec<ProjectChange> = Vec::new();
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for p in of(base, at_base) {
        seen.insert(key(base, p), out.len());
        out.push(ProjectChange {
            name: base.projects[p].name().to_string(),
            base: Some(base.projects[p].amount),
            cmp: None,
            step: Step::Ended,
        });
    }
    for p in of(cmp, at_cmp) {
        let amount = cmp.projects[p].amount;
        match seen.get(&key(cmp, p)) {
            Some(&k) => {
                let row = &mut out[k];
                cmp.projects[p].name().clone_into(&mut row.name);
                row.cmp = Some(amount);
                row.step = Step::between(row.base, row.cmp);
            }
            None => out.push(ProjectChange {
                name: cmp.projects[p].name().to_string(),
                base: None,
                cmp: Some(amount),
                step: Step::New,
            }),
        }
    }
    out
}

/// Where the change view's parts go on a screen of `size` (below the tab bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChangeLayout {
    /// Two rows: the rounds compared, then their pools.
    pub header: Rect,
    /// The districts' pane (framed).
    pub table: Rect,
    /// The comparison round's map beside the table (framed), where there is room for one.
    pub map: Option<Rect>,
    /// The selected district's projects, when open.
    pub projects: Option<Rect>,
    pub hints: Rect,
    /// Rows of districts that fit in the table.
    pub visible_rows: usize,
}

/// The change view's layout: the header, the table, the projects of the selected district beside
/// it (wide) or below it (narrow) when open, the key hints; with `map` (the rounds can be
/// compared), the map takes the left of the table's place where the table keeps 55 columns of 100
/// or more and twelve rows.
pub fn layout(size: (u16, u16), open: bool, map: bool) -> ChangeLayout {
    let (w, h) = size;
    let header_h = h.min(2);
    let hints_h = u16::from(h > 6);
    let body_y = header_h;
    let body_h = h.saturating_sub(header_h + hints_h);
    let body = Rect::new(0, body_y, w, body_h);
    let (table, projects) = if !open {
        (body, None)
    } else if w >= 120 {
        let left = crate::screen::layout::part(w, 3, 5);
        (
            Rect::new(0, body_y, left, body_h),
            Some(Rect::new(left, body_y, w - left, body_h)),
        )
    } else {
        let top = body_h / 2;
        (
            Rect::new(0, body_y, w, top),
            Some(Rect::new(0, body_y + top, w, body_h - top)),
        )
    };
    let (map, table) = if map && table.width >= 100 && table.height >= 12 {
        let map_w = crate::screen::layout::part(table.width, 9, 20);
        (
            Some(Rect::new(table.x, table.y, map_w, table.height)),
            Rect::new(table.x + map_w, table.y, table.width - map_w, table.height),
        )
    } else {
        (None, table)
    };
    ChangeLayout {
        header: Rect::new(0, 0, w, header_h),
        table,
        map,
        projects,
        hints: Rect::new(0, h.saturating_sub(hints_h), w, hints_h),
        visible_rows: usize::from(crate::screen::layout::pane_inner(table).height),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_str;

    fn load(name: &str) -> Dataset {
        let path = format!(
            "{}/tests/fixtures/rounds/{name}.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        load_str(&text, &path, None).unwrap()
    }

    fn compared(f: ChangeFigures) -> Comparison {
        match f {
            ChangeFigures::Compared(c) => *c,
            ChangeFigures::Incomparable(e) => panic!("{e}"),
        }
    }

    #[test]
    fn rows_by_change_then_new_then_ended() {
        let (a, b) = (load("runde-2016"), load("runde-2018"));
        let rounds = [("2016", &a), ("2018", &b)];
        let c = compared(ChangeFigures::build(
            &rounds,
            0,
            1,
            ChangeUnit::Compact,
            ChangeSort::ByChange,
            Locale::Da,
        ));
        let ids: Vec<&str> = c.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["nord", "syd", "vest", "oest"]);
        assert_eq!(c.rows[2].step, Step::New);
        assert_eq!(c.rows[3].step, Step::Ended);
        assert_eq!(c.max_change, Decimal::from(100_000));
        assert_eq!(c.series_len, 2);
        // The 2018 round has no populations: per inhabitant is not offered, and falls back.
        assert!(!c.per_inhabitant_possible);
        let c = compared(ChangeFigures::build(
            &rounds,
            0,
            1,
            ChangeUnit::PerInhabitant,
            ChangeSort::ByDecrease,
            Locale::Da,
        ));
        assert_eq!(c.unit, ChangeUnit::Compact);
        assert_eq!(c.rows[0].id, "syd", "the smallest change first");
    }

    #[test]
    fn a_round_in_another_currency_is_not_compared() {
        let (a, nok) = (load("runde-2016"), load("kroner-nok"));
        let f = ChangeFigures::build(
            &[("A", &a), ("N", &nok)],
            0,
            1,
            ChangeUnit::Compact,
            ChangeSort::ByChange,
            Locale::Da,
        );
        assert!(
            matches!(f, ChangeFigures::Incomparable(m) if m.contains("DKK") && m.contains("NOK"))
        );
    }

    #[test]
    fn series_follow_the_period_when_every_round_has_one() {
        let (a, b, c) = (load("runde-2016"), load("runde-2018"), load("runde-2020"));
        assert_eq!(series_order(&[&c, &a, &b]), [1, 2, 0]);
        let f = compared(ChangeFigures::build(
            &[("2020", &c), ("2016", &a), ("2018", &b)],
            1,
            2,
            ChangeUnit::Full,
            ChangeSort::AsListed,
            Locale::Da,
        ));
        let nord = f.rows.iter().find(|r| r.id == "nord").unwrap();
        assert_eq!(
            nord.series,
            [
                Some(400_000.into()),
                Some(500_000.into()),
                Some(350_000.into())
            ]
        );
    }

    #[test]
    fn projects_match_by_id_across_the_rounds() {
        let (a, b) = (load("runde-2016"), load("runde-2018"));
        let nord = |d: &Dataset| d.districts.iter().position(|x| x.id == "nord");
        let p = project_changes(&a, nord(&a), &b, nord(&b));
        let names: Vec<(&str, Step)> = p.iter().map(|x| (x.name.as_str(), x.step)).collect();
        assert_eq!(names[0].0, "Tryg by");
        assert_eq!(
            names[0].1,
            Step::Changed {
                by: Decimal::from(-50_000),
                percent: Some(Decimal::new(-125, 1))
            }
        );
        // Natteravne moved here from Østkredsen: new in Nordkredsen.
        assert_eq!(names[1], ("Natteravne", Step::New));
    }
}
