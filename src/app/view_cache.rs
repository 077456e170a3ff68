//! Per-view texts and numbers the map and the bars draw, computed once when the view changes
//! (`App::rebuild_view`: data, unit, filter, sort), never per frame. With 1,000 districts a frame
//! used to format hundreds of money amounts and divide hundreds of Decimals for shading; now it
//! looks them up. The cache remembers the locale it was built for: a frame in another locale (an
//! `App` whose `locale` was changed by hand) formats on the spot instead of showing stale text.

use rust_decimal::Decimal;

use crate::data::Dataset;
use crate::locale::Locale;
use crate::money;
use crate::view_model::{Unit, View};

/// One district's figures as drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DistrictLabel {
    /// The number the bars and the shading scale (`None`: no value in this unit).
    pub number: Option<Decimal>,
    /// The tile's figure: compact money (`2,9 mio. kr.`) in a money unit, else the unit's text.
    pub tile: String,
    /// The tile's share of the pool (`10,4 %`) in a money unit, when there is a pool.
    pub share: Option<String>,
    /// The bar's value label in the view's unit.
    pub bar: String,
    /// Heat step `1..HEAT_STEPS` for the tile shading.
    pub heat: usize,
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
    pub fn build(ds: &Dataset, vm: &View, locale: Locale) -> ViewLabels {
        let money_unit = matches!(vm.options.unit, Unit::Money | Unit::MoneyCompact);
        let cur = &ds.meta.currency;
        let n = ds.districts.len();
        let numbers: Vec<Option<Decimal>> = (0..n).map(|i| vm.value(ds, i).number()).collect();
        let max = numbers.iter().flatten().max().copied().unwrap_or_default();
        let districts: Vec<DistrictLabel> = (0..n)
            .map(|i| {
                let amount = vm.figures(i).amount;
                let number = numbers.get(i).copied().flatten();
                DistrictLabel {
                    number,
                    tile: if money_unit {
                        money::format_money_compact(amount, cur, locale)
                    } else {
                        vm.value_text(ds, i, locale)
                    },
                    share: ds
                        .share_of_pool(amount)
                        .filter(|_| money_unit)
                        .map(|s| money::format_percent(s, locale)),
                    bar: vm.format(vm.value(ds, i), locale),
                    heat: crate::ui::map::heat_step(number.unwrap_or_default(), max),
                }
            })
            .collect();
        let max_label = if money_unit {
            money::format_money_compact(max, cur, locale)
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
        ViewLabels {
            locale: Some(locale),
            name_w,
            bar_w,
            districts,
            max,
            max_label,
            rest: vm.not_itemised_value().map(|v| vm.format(v, locale)),
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
    use crate::view_model::ViewOptions;

    #[test]
    fn labels_match_what_the_view_formats() {
        let ds = crate::testdata::danish();
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
            let vm = View::build(&ds, &opts, Locale::Da);
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
            }
        }
    }
}
