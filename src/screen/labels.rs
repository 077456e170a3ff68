//! Per-view texts and numbers the map and the bars draw, computed once when the view changes
//! (`App::rebuild_view`: data, unit, filter, sort), never per frame. With 1,000 districts a frame
//! used to format hundreds of money amounts and divide hundreds of Decimals for shading; now it
//! looks them up. The cache remembers the locale it was built for: a frame in another locale (an
//! `App` whose `locale` was changed by hand) formats on the spot instead of showing stale text.

use rust_decimal::Decimal;

use crate::data::Dataset;
use crate::geo::classes::{Classes, LegendEntry};
use crate::locale::Locale;
use crate::money;
use crate::screen::figures::{Column, Figures, Unit, Value};

/// One district's figures as drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DistrictLabel {
    /// The number the bars and the shading scale (`None`: no value in this unit).
    pub number: Option<Decimal>,
    /// In the full-amount unit, the compact amount (`2,9 mio. kr.`): what tiles too narrow for the
    /// full amount show instead (the map's title then says so).
    pub compact: Option<String>,
    /// The tile's share of the pool (`10,4 %`) in a money unit, when there is a pool.
    pub share: Option<String>,
    /// Shorter forms of the share of the pool (`10,4%`, `10 %`, `10%`), in every unit, when
    /// there is a pool: what a tile too narrow for any other figure shows (never a cut number).
    pub share_short: Vec<String>,
    /// The value in the view's unit, as the bars and the tiles say it (`2.875.000 kr.`,
    /// `2,9 mio. kr.`, `2,1 %`).
    pub bar: String,
    /// The value as the bars' column writes it: the number only, in the column's one scale
    /// ([`ViewLabels::column`]), `13,6`; the unit is in the pane's title.
    pub figure: String,
}

/// The cache: indexed like `Dataset::districts`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewLabels {
    pub locale: Option<Locale>,
    pub districts: Vec<DistrictLabel>,
    /// The largest district number: full bar length and the top of the heat scale.
    pub max: Decimal,
    /// The legend's label for `max`.
    pub max_label: String,
    /// The not-itemised row's value label, when the row is shown.
    pub rest: Option<String>,
    /// The widest short name and the widest bar label over all districts (names capped at
    /// [`NAME_CAP`] columns): the bars' columns stay put while the list scrolls, so a scroll only
    /// rewrites the cells whose text changed.
    pub name_w: usize,
    pub bar_w: usize,
    /// The outline map's texts, classes and legend for this view (empty without geometry).
    pub outline: OutlineLabels,
    /// The note under the bars explaining the view's `–` markers ([`Figures::missing_note`]).
    pub missing_note: Option<String>,
    /// How the bars' value column is written (one scale from its largest value), and its unit as
    /// the pane's title says it (`mio. kr.`) and as a column heading says it.
    pub column: Column,
    pub caption: String,
    pub heading: String,
    /// The not-itemised row's figure in the column's scale, and the widest figure of the column.
    pub rest_figure: Option<String>,
    pub figure_w: usize,
    /// The facts beside each bar, in the order they are dropped last to first when the pane is narrow.
    pub facts: Vec<FactColumn>,
}

/// One column of facts beside the bars (share of the pool, number of projects, per inhabitant, or
/// the amount when the bars show another unit), formatted once per view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FactColumn {
    /// The heading drawn above the column on the pane's frame (`%`, `proj.`, `kr./indb.`).
    pub heading: String,
    /// Indexed like `Dataset::districts`.
    pub cells: Vec<String>,
    /// The not-itemised row's cell (empty where the fact has no meaning for it).
    pub rest: String,
    /// The widest cell or heading.
    pub width: usize,
}

impl FactColumn {
    fn new(heading: String, cells: Vec<String>, rest: String) -> FactColumn {
        let width = cells
            .iter()
            .chain([&rest, &heading])
            .map(|c| crate::text::width(c))
            .max()
            .unwrap_or(0);
        FactColumn {
            heading,
            cells,
            rest,
            width,
        }
    }
}

/// The facts beside the bars for `vm`: the amount (when the unit is not money), the share of the pool
/// (when it is not the unit and there is something to take a share of), the number of projects, and
/// the amount per inhabitant (when the file has populations and it is not the unit). A district
/// without shown projects gets the marker, not zeros.
fn fact_columns(ds: &Dataset, vm: &Figures, locale: Locale) -> Vec<FactColumn> {
    let n = ds.districts.len();
    let none = crate::i18n::strings(locale).none;
    let unit = vm.options.unit;
    let empty = |d: usize| vm.figures(d).projects == 0;
    let mut out = Vec::new();
    let rest_amount = match vm.not_itemised {
        crate::screen::figures::NotItemised::Row(r) => Some(r),
        _ => None,
    };
    if !matches!(unit, Unit::Money | Unit::MoneyCompact) {
        let amounts = (0..n).map(|d| Value::Money(vm.figures(d).amount));
        let col = Column::for_values(
            Unit::MoneyCompact,
            amounts.chain(rest_amount.map(Value::Money)),
        );
        let cells = (0..n)
            .map(|d| {
                if empty(d) {
                    none.to_string()
                } else {
                    col.text(Value::Money(vm.figures(d).amount), locale)
                }
            })
            .collect();
        let rest = rest_amount.map_or_else(String::new, |r| col.text(Value::Money(r), locale));
        out.push(FactColumn::new(col.heading(ds, locale), cells, rest));
    }
    if unit != Unit::ShareOfPool && vm.share_of(Decimal::ZERO).is_some() {
        let col = Column::Share;
        let cells = (0..n)
            .map(|d| match vm.share_of(vm.figures(d).amount) {
                Some(r) if !empty(d) => col.text(Value::Share(r), locale),
                _ => none.to_string(),
            })
            .collect();
        let rest = rest_amount
            .and_then(|r| vm.share_of(r))
            .map_or_else(String::new, |r| col.text(Value::Share(r), locale));
        out.push(FactColumn::new(col.heading(ds, locale), cells, rest));
    }
    let projects = (0..n)
        .map(|d| crate::locale::format_number(Decimal::from(vm.figures(d).projects), 0, locale))
        .collect();
    let projects_heading = match locale {
        Locale::Da | Locale::En => "proj.".to_string(),
    };
    out.push(FactColumn::new(projects_heading, projects, String::new()));
    if unit != Unit::PerInhabitant && ds.has_population() {
        let per = |d: usize| match ds.districts.get(d).and_then(|x| x.population) {
            Some(p) if p > 0 && !empty(d) => vm
                .figures(d)
                .amount
                .checked_div(Decimal::from(p))
                .map(Value::PerInhabitant),
            _ => None,
        };
        let values: Vec<Option<Value>> = (0..n).map(per).collect();
        let col = Column::for_values(Unit::PerInhabitant, values.iter().flatten().copied());
        let cells = values
            .iter()
            .map(|v| v.map_or_else(|| none.to_string(), |v| col.text(v, locale)))
            .collect();
        out.push(FactColumn::new(
            col.heading(ds, locale),
            cells,
            String::new(),
        ));
    }
    out
}

/// What the outline map draws for a view: the same per-district figures as the bars and tiles
/// (filtered, in the view's unit), so the three panes never disagree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutlineLabels {
    /// Per district, its label alternatives: the short name with its value, else the name alone
    /// (a district without shown projects, or without a value in this unit: the name only).
    pub texts: Vec<Vec<Vec<String>>>,
    /// Classes over the values the bars scale (`None`: no shown projects, or no value).
    pub classes: Classes,
    /// The order labels are placed in, per district (higher first; `None` after all): the rank of
    /// its unfiltered total. Not the view's classes: a filter or a unit then changes the figures
    /// and the colours but not which districts get labels, so labels stay put while the reader
    /// compares filters. The selection is labelled before all of them anyway.
    pub priority: Vec<Option<usize>>,
    /// The legend: a heading naming the filter when one is on, the class ranges in the view's
    /// unit (money ranges compact: `5–10 mio. kr.` is exact at the classes' round limits), then
    /// the entry for districts without a value.
    pub legend: Vec<LegendEntry>,
}

impl OutlineLabels {
    /// The outline's figures for `vm` over `ds`, in `locale`: O(districts log districts). The
    /// classes and legend are built for every dataset (the tiles shade by them too); the label
    /// texts and priorities only with geometry.
    pub fn build(ds: &Dataset, vm: &Figures, locale: Locale) -> OutlineLabels {
        let cur = &ds.meta.currency;
        let n = ds.districts.len();
        let values: Vec<Option<Value>> = (0..n)
            .map(|i| (vm.figures(i).projects > 0).then(|| vm.value(ds, i)))
            .collect();
        let numbers: Vec<Option<Decimal>> =
            values.iter().map(|v| v.and_then(Value::number)).collect();
        let geo = ds.geo.is_some();
        let texts = if geo {
            ds.districts
                .iter()
                .zip(&values)
                .map(|(d, v)| {
                    let figure = v
                        .filter(|v| v.number().is_some())
                        .map(|v| vm.format(v, locale));
                    crate::geo::labels::alternatives(d.short_name(), figure.as_deref())
                })
                .collect()
        } else {
            Vec::new()
        };
        let priority = if geo {
            label_priority(&ds.funded_totals())
        } else {
            Vec::new()
        };
        let classes = Classes::from_totals(&numbers);
        let unit = vm.options.unit;
        // Shares at round limits read `0–4 %`, not `0,0–4,0 %`.
        let share_dp = crate::geo::classes::fewest_decimals(
            &classes
                .limits
                .iter()
                .map(|l| *l * Decimal::ONE_HUNDRED)
                .collect::<Vec<_>>(),
        );
        let limit = |v: Decimal| -> String {
            match unit {
                Unit::Money | Unit::MoneyCompact => money::format_money_compact(v, cur, locale),
                Unit::ShareOfPool => money::format_percent_dp(v, share_dp, locale),
                Unit::PerInhabitant => Value::PerInhabitant(v).text(cur, unit, locale),
            }
        };
        // Districts with shown projects but no value in this unit (no population) share the
        // grey of those without projects; the legend then says so.
        let no_value = values
            .iter()
            .any(|v| v.is_some_and(|v| v.number().is_none()));
        let none_label = if no_value {
            no_value_word(locale)
        } else {
            crate::i18n::strings(locale).legend_empty
        };
        let mut legend = Vec::new();
        // The heading says when the colours mean something other than the plain view's: the
        // classes of a filter are its own (a colour then stands for other amounts), and quantile
        // classes are not equal steps.
        let mut heading: Vec<String> = Vec::new();
        if let Some(theme) = vm.options.filter() {
            let filter = crate::i18n::tools(locale).filter_on;
            heading.push(format!("{filter}: {theme}"));
            heading.push(own_classes_word(locale).to_string());
        }
        heading.extend(classes.scheme.note(locale).map(str::to_string));
        if !heading.is_empty() {
            legend.push(LegendEntry::heading(heading.join(" · ")));
        }
        legend.extend(classes.legend_with(limit, none_label));
        OutlineLabels {
            texts,
            classes,
            priority,
            legend,
        }
    }
}

/// Per district, the rank of its total among the funded ones (the largest highest; `None`:
/// unfunded). Ties: the earlier district first, so the order is total and stable.
pub fn label_priority(totals: &[Option<Decimal>]) -> Vec<Option<usize>> {
    let mut funded: Vec<(Decimal, usize)> = totals
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|t| (t, i)))
        .collect();
    funded.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = vec![None; totals.len()];
    for (rank, (_, i)) in funded.into_iter().enumerate() {
        out[i] = Some(rank);
    }
    out
}

/// The legend heading's note that a filter's classes are its own.
fn own_classes_word(locale: Locale) -> &'static str {
    crate::i18n::tools(locale).own_classes
}

/// The legend entry for districts without a value (some have projects but no figure in the unit).
pub fn no_value_word(locale: Locale) -> &'static str {
    crate::i18n::tools(locale).no_value
}

/// Names wider than this are cut in the bars anyway; a 1 MB name is only read this far.
pub const NAME_CAP: usize = 64;

/// `text::width(s).min(cap)`, reading `s` only until it is known to be wider.
pub fn width_capped(s: &str, cap: usize) -> usize {
    if crate::text::fits_width(s, cap) {
        crate::text::width(s)
    } else {
        cap
    }
}

impl ViewLabels {
    /// Everything for `vm` over `ds`, in `locale`: O(districts).
    pub fn build(ds: &Dataset, vm: &Figures, locale: Locale) -> ViewLabels {
        let money_unit = matches!(vm.options.unit, Unit::Money | Unit::MoneyCompact);
        let cur = &ds.meta.currency;
        let n = ds.districts.len();
        let numbers: Vec<Option<Decimal>> = (0..n).map(|i| vm.value(ds, i).number()).collect();
        let max = numbers.iter().flatten().max().copied().unwrap_or_default();
        let column = Column::for_values(
            vm.options.unit,
            (0..n)
                .map(|i| vm.value(ds, i))
                .chain(vm.not_itemised_value()),
        );
        let districts: Vec<DistrictLabel> = (0..n)
            .map(|i| {
                let amount = vm.figures(i).amount;
                let number = numbers.get(i).copied().flatten();
                let share_of_pool = ds.share_of_pool(amount);
                DistrictLabel {
                    number,
                    compact: (vm.options.unit == Unit::Money)
                        .then(|| money::format_money_compact(amount, cur, locale)),
                    share: share_of_pool
                        .filter(|_| money_unit)
                        .map(|s| money::format_percent(s, locale)),
                    share_short: share_of_pool
                        .map(|s| {
                            let mut forms = money::percent_short_forms(s, locale);
                            if !money_unit {
                                // Here the full form is not on offer as `share`: first in line.
                                forms.insert(0, money::format_percent(s, locale));
                            }
                            forms
                        })
                        .unwrap_or_default(),
                    bar: vm.format(vm.value(ds, i), locale),
                    figure: column.text(vm.value(ds, i), locale),
                }
            })
            .collect();
        let max_label = if money_unit {
            vm.format(Value::Money(max), locale)
        } else {
            (0..n)
                .find(|&i| numbers.get(i).copied().flatten() == Some(max))
                .map_or_else(String::new, |i| vm.value_text(ds, i, locale))
        };
        let name_w = ds
            .districts
            .iter()
            .map(|d| width_capped(d.short_name(), NAME_CAP))
            .max()
            .unwrap_or(0);
        let bar_w = districts
            .iter()
            .map(|l| crate::text::width(&l.bar))
            .max()
            .unwrap_or(0);
        let rest_figure = vm.not_itemised_value().map(|v| column.text(v, locale));
        let figure_w = districts
            .iter()
            .map(|l| crate::text::width(&l.figure))
            .chain(rest_figure.as_deref().map(crate::text::width))
            .max()
            .unwrap_or(0);
        let outline = OutlineLabels::build(ds, vm, locale);
        ViewLabels {
            locale: Some(locale),
            outline,
            name_w,
            bar_w,
            districts,
            max,
            max_label,
            rest: vm.not_itemised_value().map(|v| vm.format(v, locale)),
            missing_note: vm.missing_note(ds, locale),
            caption: column.caption(ds, locale),
            heading: column.heading(ds, locale),
            column,
            rest_figure,
            figure_w,
            facts: fact_columns(ds, vm, locale),
        }
    }

    /// Whether the cache is for this dataset size and locale.
    pub fn fits(&self, ds: &Dataset, locale: Locale) -> bool {
        self.locale == Some(locale) && self.districts.len() == ds.districts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::figures::ViewOptions;

    #[test]
    fn labels_match_what_the_view_formats() {
        let ds = crate::data::testdata::danish();
        for unit in [
            Unit::Money,
            Unit::MoneyCompact,
            Unit::ShareOfPool,
            Unit::PerInhabitant,
        ] {
            let opts = ViewOptions {
                unit,
                ..ViewOptions::default()
            };
            let vm = Figures::build(&ds, &opts, Locale::Da);
            let l = ViewLabels::build(&ds, &vm, Locale::Da);
            assert!(l.fits(&ds, Locale::Da) && !l.fits(&ds, Locale::En));
            let max = (0..ds.districts.len())
                .filter_map(|i| vm.value(&ds, i).number())
                .max()
                .unwrap_or_default();
            assert_eq!(l.max, max);
            for (i, d) in l.districts.iter().enumerate() {
                assert_eq!(d.bar, vm.value_text(&ds, i, Locale::Da));
                assert_eq!(d.number, vm.value(&ds, i).number());
                // Only the full unit has a shorter money figure for narrow tiles.
                let compact = money::format_money_compact(vm.figures(i).amount, "DKK", Locale::Da);
                assert_eq!(d.compact, (unit == Unit::Money).then_some(compact));
            }
            // The tile legend's top says the largest value as the bars do.
            if matches!(unit, Unit::Money | Unit::MoneyCompact) {
                assert_eq!(l.max_label, vm.format(Value::Money(max), Locale::Da));
            }
        }
    }

    fn view(ds: &Dataset, unit: Unit, filter: Option<&str>) -> Figures {
        let opts = ViewOptions {
            unit,
            theme_filter: filter.map(str::to_string),
            ..ViewOptions::default()
        };
        Figures::build(ds, &opts, Locale::Da)
    }

    fn at(ds: &Dataset, id: &str) -> usize {
        ds.districts.iter().position(|d| d.id == id).unwrap()
    }

    #[test]
    fn outline_follows_the_filter_and_the_unit() {
        let ds = crate::data::load_embedded();
        assert!(ds.geo.is_some(), "the shipped data has geometry");
        let (nord, kbh) = (at(&ds, "nordjylland"), at(&ds, "koebenhavn"));
        // Unfiltered, compact: as before.
        let o = ViewLabels::build(&ds, &view(&ds, Unit::MoneyCompact, None), Locale::Da).outline;
        assert_eq!(o.texts[nord][0], ["Nordjylland", "2,9 mio. kr."]);
        assert_eq!(o.texts[kbh][0], ["København", "30 mio. kr."]);
        assert_eq!(o.classes, Classes::from_totals(&ds.funded_totals()));
        assert!(!o.legend.iter().any(|e| e.heading));
        // The full unit: the labels say the full amount, as the bars do.
        let vm = view(&ds, Unit::Money, None);
        let o = ViewLabels::build(&ds, &vm, Locale::Da).outline;
        assert_eq!(o.texts[nord][0], ["Nordjylland", "2.875.000 kr."]);
        assert_eq!(o.texts[nord][0][1], vm.value_text(&ds, nord, Locale::Da));
        // A filter: only the matching projects count, for labels, classes and legend.
        let vm = view(&ds, Unit::MoneyCompact, Some("familier"));
        let o = ViewLabels::build(&ds, &vm, Locale::Da).outline;
        assert_eq!(o.texts[nord][0], ["Nordjylland", "2,9 mio. kr."]);
        assert_eq!(
            o.texts[kbh],
            [["København"]],
            "no familier project in København"
        );
        assert_eq!(o.classes.of_district[kbh], None);
        assert_eq!(o.classes.of_district[nord], Some(0));
        let labels: Vec<&str> = o.legend.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Filter: familier · klasser for filteret",
                "2,9 mio. kr.",
                "ingen projekter"
            ]
        );
        assert!(o.legend[0].heading && !o.legend[1].heading);
        // Labels keep the unfiltered order: København (largest) first, filter or not.
        let plain = ViewLabels::build(&ds, &view(&ds, Unit::MoneyCompact, None), Locale::Da);
        assert_eq!(o.priority, plain.outline.priority);
        assert_eq!(o.priority, label_priority(&ds.funded_totals()));
        let top = o.priority.iter().flatten().max().copied();
        assert_eq!(o.priority[kbh], top);
        // Classes are over the view's numbers, whatever the filter.
        let vm = view(&ds, Unit::Money, Some("bander"));
        let o = ViewLabels::build(&ds, &vm, Locale::En).outline;
        let numbers: Vec<Option<Decimal>> = (0..ds.districts.len())
            .map(|i| {
                (vm.figures(i).projects > 0)
                    .then(|| vm.value(&ds, i).number())
                    .flatten()
            })
            .collect();
        assert_eq!(o.classes, Classes::from_totals(&numbers));
        assert_eq!(o.legend[0].label, "Filter: bander · classes for the filter");
        assert_eq!(o.legend[1].label, "DKK 5–10m");
        // The share unit: labels and legend in percent.
        let o = ViewLabels::build(&ds, &view(&ds, Unit::ShareOfPool, None), Locale::Da).outline;
        assert_eq!(o.texts[kbh][0], ["København", "21,4 %"]);
        assert!(o.legend[0].label.ends_with('%'), "{:?}", o.legend);
        // Round limits without decimals (`0–4 %`, not `0,0–4,0 %`).
        let labels: Vec<&str> = o.legend.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"0–4 %"), "{labels:?}");
        assert!(labels.contains(&"20–24 %"), "{labels:?}");
        assert!(labels.iter().all(|l| !l.contains(',')), "{labels:?}");
    }

    #[test]
    fn no_outline_texts_but_classes_without_geometry() {
        let ds = crate::data::testdata::danish();
        let vm = view(&ds, Unit::MoneyCompact, None);
        let o = ViewLabels::build(&ds, &vm, Locale::Da).outline;
        assert!(o.texts.is_empty() && o.priority.is_empty());
        // The tiles shade by the same classes, geometry or not.
        assert_eq!(o.classes, Classes::from_totals(&ds.funded_totals()));
        assert!(!o.legend.is_empty());
    }
}
