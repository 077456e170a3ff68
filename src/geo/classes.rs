//! Choropleth classes over district totals.
//!
//! Two schemes, and the legend says which one is on ([`Scheme`]). By default equal-width classes on "nice" money steps (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 × 10ⁿ), 5–7 of them,
//! from the step below the smallest total to the step above the largest. Why not quantiles: a
//! funding round has a dozen districts, and often only some of them got projects; quantiles of six
//! values give classes of one district each with ragged limits (2.875.000–3.000.000), change when
//! one project moves, and hide the size differences a choropleth should show. Nice equal steps give
//! a legend a reader can take in at a glance ("5–10 mio. kr.") and a colour that means the same
//! amount everywhere on the map; empty classes are honest. Districts without projects are not a
//! class of zero: they form their own entry, drawn visibly differently.
//!
//! Equal steps fail on skewed data: with a thousand districts and a few large ones, nearly every
//! district lands in one class and the map is one colour. When one equal class would hold more
//! than half of the districts, the classes switch to quantiles with their limits rounded to two
//! significant digits (`1,2–2,5 mio. kr.`, never `1.234.567–2.498.000 kr.`): about the same number
//! of districts in each, limits a reader can still take in.

use rust_decimal::Decimal;

use crate::locale::Locale;
use crate::money::format_money_compact;
use crate::style::rgb::Rgb;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Classes {
    /// `count + 1` limits: class `k` covers `[limits[k], limits[k+1])`, the last one including its
    /// upper limit. Empty when no district has projects.
    pub limits: Vec<Decimal>,
    /// Per district: its class, or `None` when it has no projects.
    pub of_district: Vec<Option<usize>>,
    /// How the limits were chosen.
    pub scheme: Scheme,
}

/// How the class limits were chosen (the legend states it when it is not the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// Equal-width classes on nice steps.
    #[default]
    EqualSteps,
    /// About as many districts in each class; limits rounded to two significant digits.
    Quantiles,
}

/// One legend line: its text and what it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    /// `Some(k)`: class `k`; `None`: the "no projects" entry (or, with `heading`, no swatch).
    pub class: Option<usize>,
    /// A line of text without a swatch above the classes (what they measure, e.g. the filter).
    pub heading: bool,
}

impl LegendEntry {
    /// A heading line: text only, no swatch.
    pub fn heading(label: impl Into<String>) -> LegendEntry {
        LegendEntry {
            label: label.into(),
            class: None,
            heading: true,
        }
    }
}

const MULTIPLIERS: [(i64, u32); 9] = [
    (10, 1),
    (15, 1),
    (20, 1),
    (25, 1),
    (30, 1),
    (40, 1),
    (50, 1),
    (60, 1),
    (75, 1),
];

impl Scheme {
    /// What the legend says about the scheme: nothing for equal steps (the ranges say it).
    pub fn note(self, locale: Locale) -> Option<&'static str> {
        match (self, locale) {
            (Scheme::EqualSteps, _) => None,
            (Scheme::Quantiles, Locale::Da) => Some("lige mange kredse pr. klasse"),
            (Scheme::Quantiles, Locale::En) => Some("equal counts per class"),
        }
    }
}

impl Classes {
    /// Classes over `totals`, one per district (`None`: no projects, which is not a total of zero).
    pub fn from_totals(totals: &[Option<Decimal>]) -> Classes {
        let values: Vec<Decimal> = totals.iter().flatten().copied().collect();
        let limits = match (values.iter().min(), values.iter().max()) {
            (Some(&lo), Some(&hi)) => nice_limits(lo, hi),
            _ => Vec::new(),
        };
        let mut c = Classes {
            limits,
            of_district: Vec::new(),
            scheme: Scheme::EqualSteps,
        };
        c.of_district = totals.iter().map(|t| t.map(|v| c.class_of(v))).collect();
        if c.crowded(values.len()) {
            let mut sorted = values;
            sorted.sort_unstable();
            let limits = quantile_limits(&sorted);
            if limits.len() > 2 {
                c.limits = limits;
                c.scheme = Scheme::Quantiles;
                c.of_district = totals.iter().map(|t| t.map(|v| c.class_of(v))).collect();
            }
        }
        c
    }

    /// Whether one class holds more than half of `n` districts with values (n ≥ 4: with fewer,
    /// equal steps show the differences better than any split).
    fn crowded(&self, n: usize) -> bool {
        if n < 4 || self.count() < 2 {
            return false;
        }
        let mut per = vec![0usize; self.count()];
        for k in self.of_district.iter().flatten() {
            if let Some(c) = per.get_mut(*k) {
                *c += 1;
            }
        }
        per.iter().any(|&c| c * 2 > n)
    }

    /// Number of classes (0 when no district has projects).
    pub fn count(&self) -> usize {
        self.limits.len().saturating_sub(1)
    }

    /// The class of an amount (clamped into range).
    pub fn class_of(&self, v: Decimal) -> usize {
        let n = self.count();
        if n == 0 {
            return 0;
        }
        // Limits ascend; the first class whose upper limit is above v (the last includes its own).
        (0..n)
            .find(|&k| self.limits.get(k + 1).is_some_and(|&u| v < u))
            .unwrap_or(n - 1)
    }

    /// The legend, lowest class first, then `no_projects` when some district has none. Limits are
    /// compact money in `locale` (`5–10 mio. kr.`, `DKK 5–10m`).
    pub fn legend(&self, currency: &str, locale: Locale, no_projects: &str) -> Vec<LegendEntry> {
        self.legend_with(|v| format_money_compact(v, currency, locale), no_projects)
    }

    /// The legend with the limits written by `format` (the view's unit: `5–10 %`, …).
    pub fn legend_with(
        &self,
        format: impl Fn(Decimal) -> String,
        no_projects: &str,
    ) -> Vec<LegendEntry> {
        let mut out: Vec<LegendEntry> = self
            .limits
            .windows(2)
            .enumerate()
            .map(|(k, w)| LegendEntry {
                label: range_label(&format(w[0]), &format(w[1])),
                class: Some(k),
                heading: false,
            })
            .collect();
        if self.of_district.iter().any(Option::is_none) {
            out.push(LegendEntry {
                label: no_projects.to_string(),
                class: None,
                heading: false,
            });
        }
        out
    }
}

/// The fewest decimals (at most 3) to write `values` with: none when all are whole numbers, else
/// as many as they need to be exact, or (when that is more than 3) the fewest that keep them
/// apart. For class limits in a unit shown with decimals (`0–4 %`, not `0,0–4,0 %`).
pub fn fewest_decimals(values: &[Decimal]) -> u32 {
    const MAX: u32 = 3;
    let exact = |d: u32| values.iter().all(|v| v.round_dp(d) == *v);
    if let Some(d) = (0..=MAX).find(|&d| exact(d)) {
        return d;
    }
    let apart = |d: u32| {
        let r: Vec<Decimal> = values.iter().map(|v| v.round_dp(d)).collect();
        r.windows(2).all(|w| w[0] != w[1])
    };
    (0..=MAX).find(|&d| apart(d)).unwrap_or(MAX)
}

/// `lo–hi` sharing the unit: "5 mio. kr." + "10 mio. kr." → "5–10 mio. kr."; "DKK 0" + "DKK 5m" →
/// "DKK 0–5m"; different units stay whole: "500.000 kr.–1 mio. kr." → "500.000–1 mio. kr.".
pub fn range_label(lo: &str, hi: &str) -> String {
    if lo == hi {
        return lo.to_string();
    }
    let a: Vec<char> = lo.chars().collect();
    let b: Vec<char> = hi.chars().collect();
    let is_num = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    // Common prefix that ends before a digit.
    let mut p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    while p > 0 && (is_num(a[p - 1]) || a.get(p).is_some_and(|&c| !is_num(c) && c != '-')) {
        p -= 1;
    }
    // Common suffix that starts after the numbers.
    let mut s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    s = s.min(a.len() - p).min(b.len() - p);
    // No digit in the shared suffix: `−DKK 5–+DKK 5` share `DKK 5`, which is the numbers.
    while s > 0 && (is_num(a[a.len() - s]) || a[a.len() - s..].iter().any(char::is_ascii_digit)) {
        s -= 1;
    }
    let prefix: String = a[..p].iter().collect();
    let mid_a: String = a[p..a.len() - s].iter().collect();
    let mid_b: String = b[p..b.len() - s].iter().collect();
    let suffix: String = a[a.len() - s..].iter().collect();
    // Keep only the part of the shared suffix the low number also needs: "0 kr." vs "5 mio. kr."
    // share " kr.", and "0–5 mio. kr." reads right.
    format!("{prefix}{}–{mid_b}{suffix}", mid_a.trim_end())
}

/// Up to five classes at the quintiles of `sorted` (ascending, not empty), each limit rounded to
/// two significant digits (the lowest down, the highest up to one/two digits, so all values are
/// inside); limits that round together merge.
fn quantile_limits(sorted: &[Decimal]) -> Vec<Decimal> {
    const K: usize = 5;
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let n = sorted.len();
    let mut limits = vec![round_sig(lo, 1, Rounding::Down)];
    for j in 1..K {
        let q = sorted[(j * n / K).min(n - 1)];
        limits.push(round_sig(q, 2, Rounding::Nearest));
    }
    limits.push(round_sig(hi, 2, Rounding::Up));
    limits.dedup();
    // Rounding may cross a neighbour on very close values: keep them strictly ascending.
    let mut out: Vec<Decimal> = Vec::with_capacity(limits.len());
    for l in limits {
        if out.last().is_none_or(|&p| l > p) {
            out.push(l);
        }
    }
    out.iter().map(|v| v.normalize()).collect()
}

#[derive(Clone, Copy)]
enum Rounding {
    Down,
    Nearest,
    Up,
}

/// `v` (≥ 0) rounded to `digits` significant digits.
fn round_sig(v: Decimal, digits: u32, how: Rounding) -> Decimal {
    if v <= Decimal::ZERO {
        return v;
    }
    let top = Decimal::from(10u64.pow(digits));
    let low = Decimal::from(10u64.pow(digits.saturating_sub(1)));
    let mut p = Decimal::ONE;
    // Scale so that `v / p` has `digits` digits before the point.
    for _ in 0..40 {
        match v.checked_div(p) {
            Some(q) if q >= top => p *= Decimal::TEN,
            Some(q) if q < low => p /= Decimal::TEN,
            _ => break,
        }
    }
    let Some(q) = v.checked_div(p) else {
        return v;
    };
    let r = match how {
        Rounding::Down => q.floor(),
        Rounding::Nearest => {
            q.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        }
        Rounding::Up => q.ceil(),
    };
    r.checked_mul(p).unwrap_or(v)
}

/// 5–7 equal classes on a nice step covering `[lo, hi]`.
fn nice_limits(lo: Decimal, hi: Decimal) -> Vec<Decimal> {
    if lo == hi {
        return vec![lo, hi];
    }
    let mut best: Option<(i64, Decimal, Decimal, i64)> = None; // (badness, step, start, count)
    let mut pow = Decimal::new(1, 2); // 0.01
    for _ in 0..30 {
        for (m, scale) in MULTIPLIERS {
            let Some(step) = pow.checked_mul(Decimal::new(m, scale)) else {
                continue;
            };
            if step.is_zero() {
                continue;
            }
            let (Some(a), Some(b)) = (lo.checked_div(step), hi.checked_div(step)) else {
                continue;
            };
            let start = a.floor();
            let end = b.ceil();
            let Ok(count) = i64::try_from(end - start) else {
                continue;
            };
            if count < 1 {
                continue;
            }
            let badness = if (5..=7).contains(&count) {
                (count - 6).abs()
            } else {
                10 + (count - 6).abs()
            };
            // Ties: the larger step (fewer classes); steps only grow, so `<=` keeps the last.
            if best.is_none_or(|(bb, ..)| badness <= bb) {
                best = Some((badness, step, start, count));
            }
        }
        match pow.checked_mul(Decimal::TEN) {
            Some(p) => pow = p,
            None => break,
        }
    }
    let Some((_, step, start, count)) = best else {
        return vec![lo, hi];
    };
    (0..=count)
        .filter_map(|k| (start + Decimal::from(k)).checked_mul(step))
        .map(|v| v.normalize())
        .collect()
}

/// The stops of the maps' sequential scale (light yellow → green → dark blue, after ColorBrewer
/// YlGnBu), least money first.
pub const SEQUENTIAL_STOPS: [Rgb; 5] = [
    (255, 255, 204),
    (161, 218, 180),
    (65, 182, 196),
    (44, 127, 184),
    (37, 52, 148),
];

/// The maps' sequential colour scale in `n` steps, lightest (least money) first.
pub fn sequential_rgb(n: usize) -> Vec<Rgb> {
    scale_rgb(&SEQUENTIAL_STOPS, n)
}

/// `n` colours evenly along the stops (at least one stop), the first stop first.
pub fn scale_rgb(stops: &[Rgb], n: usize) -> Vec<Rgb> {
    let stops: Vec<(f64, f64, f64)> = stops
        .iter()
        .map(|&(r, g, b)| (f64::from(r), f64::from(g), f64::from(b)))
        .collect();
    let Some(&only) = stops.first() else {
        return Vec::new();
    };
    if stops.len() == 1 {
        let c = (only.0 as u8, only.1 as u8, only.2 as u8);
        return vec![c; n];
    }
    let stops = stops.as_slice();
    (0..n)
        .map(|k| {
            let t = if n <= 1 {
                0.5
            } else {
                k as f64 / (n - 1) as f64
            };
            let pos = t * (stops.len() - 1) as f64;
            let i = (pos.floor() as usize).min(stops.len() - 2);
            let f = pos - i as f64;
            let (a, b) = (stops[i], stops[i + 1]);
            let mix = |x: f64, y: f64| (x + (y - x) * f).round().clamp(0.0, 255.0) as u8;
            (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn shipped_totals_give_six_five_million_classes() {
        let ds = crate::data::load_embedded();
        let c = Classes::from_totals(&ds.funded_totals());
        let limits: Vec<String> = c.limits.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            limits,
            [
                "0", "5000000", "10000000", "15000000", "20000000", "25000000", "30000000"
            ]
        );
        let kbh = ds
            .districts
            .iter()
            .position(|d| d.id == "koebenhavn")
            .unwrap();
        assert_eq!(c.of_district[kbh], Some(5), "30 mio. is in the top class");
        let bornholm = ds
            .districts
            .iter()
            .position(|d| d.id == "bornholm")
            .unwrap();
        assert_eq!(c.of_district[bornholm], None);
        let legend = c.legend("DKK", Locale::Da, "ingen projekter");
        let labels: Vec<&str> = legend.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "0–5 mio. kr.",
                "5–10 mio. kr.",
                "10–15 mio. kr.",
                "15–20 mio. kr.",
                "20–25 mio. kr.",
                "25–30 mio. kr.",
                "ingen projekter"
            ]
        );
        let en = c.legend("DKK", Locale::En, "no projects");
        assert_eq!(en[1].label, "DKK 5–10m");
        assert_eq!(en[0].label, "DKK 0–5m");
    }

    #[test]
    fn class_counts_stay_between_five_and_seven() {
        for (lo, hi) in [
            ("1", "100"),
            ("2875000", "30000000"),
            ("8000000", "12000000"),
            ("0.5", "3"),
            ("123456", "98765432"),
            ("1000", "1001"),
            ("0", "7"),
        ] {
            let c = Classes::from_totals(&[Some(d(lo)), Some(d(hi))]);
            assert!((5..=7).contains(&c.count()), "{lo}..{hi}: {:?}", c.limits);
            assert!(c.limits[0] <= d(lo) && *c.limits.last().unwrap() >= d(hi));
            assert_eq!(c.of_district[0], Some(0));
            assert_eq!(c.of_district[1], Some(c.count() - 1));
        }
    }

    #[test]
    fn degenerate_inputs() {
        let c = Classes::from_totals(&[None, None]);
        assert_eq!(c.count(), 0);
        assert_eq!(c.of_district, [None, None]);
        assert_eq!(c.legend("DKK", Locale::Da, "ingen").len(), 1);
        let c = Classes::from_totals(&[Some(d("5")), Some(d("5"))]);
        assert_eq!(c.count(), 1);
        assert_eq!(c.of_district, [Some(0), Some(0)]);
        let c = Classes::from_totals(&[]);
        assert_eq!(c.count(), 0);
        let huge = crate::money::MAX_AMOUNT;
        let c = Classes::from_totals(&[Some(Decimal::ZERO), Some(huge)]);
        assert!(c.count() >= 1);
    }

    #[test]
    fn skewed_totals_get_rounded_quantiles() {
        // Nine small districts and one large: equal steps put nine in the lowest class.
        let mut totals: Vec<Option<Decimal>> =
            (1..=9).map(|k| Some(Decimal::from(k * 101_000))).collect();
        totals.push(Some(d("30000000")));
        totals.push(None);
        let c = Classes::from_totals(&totals);
        assert_eq!(c.scheme, Scheme::Quantiles);
        assert_eq!(
            c.scheme.note(Locale::Da),
            Some("lige mange kredse pr. klasse")
        );
        assert_eq!(Scheme::EqualSteps.note(Locale::En), None);
        let limits: Vec<String> = c.limits.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            limits,
            ["100000", "300000", "510000", "710000", "910000", "30000000"]
        );
        let mut per = vec![0; c.count()];
        for k in c.of_district.iter().flatten() {
            per[*k] += 1;
        }
        assert!(per.iter().all(|&n| (1..=3).contains(&n)), "{per:?}");
        assert_eq!(c.of_district[10], None);
        // Shipped data spreads over equal steps: they stay.
        let ds = crate::data::load_embedded();
        assert_eq!(
            Classes::from_totals(&ds.funded_totals()).scheme,
            Scheme::EqualSteps
        );
        // Equal values cannot be split: one class.
        let c = Classes::from_totals(&[Some(d("5")); 6]);
        assert_eq!(c.count(), 1);
    }

    #[test]
    fn rounding_to_significant_digits() {
        assert_eq!(round_sig(d("1234567"), 2, Rounding::Nearest), d("1200000"));
        assert_eq!(round_sig(d("1234567"), 2, Rounding::Up), d("1300000"));
        assert_eq!(round_sig(d("1234567"), 1, Rounding::Down), d("1000000"));
        assert_eq!(round_sig(d("0.0456"), 2, Rounding::Nearest), d("0.046"));
        assert_eq!(round_sig(d("0"), 2, Rounding::Up), d("0"));
    }

    #[test]
    fn decimals_for_limits() {
        let ds = |v: &[&str]| v.iter().map(|s| d(s)).collect::<Vec<_>>();
        assert_eq!(fewest_decimals(&ds(&["0", "4", "8", "24"])), 0);
        assert_eq!(fewest_decimals(&ds(&["0", "0.5", "1", "1.5"])), 1);
        assert_eq!(fewest_decimals(&ds(&["0", "0.25", "0.5"])), 2);
        assert_eq!(fewest_decimals(&ds(&["0", "0.00011", "0.00021"])), 3);
        assert_eq!(fewest_decimals(&ds(&["0.00011", "0.00012"])), 3);
        assert_eq!(fewest_decimals(&ds(&["0.1111", "2.2222"])), 0);
        assert_eq!(fewest_decimals(&[]), 0);
    }

    #[test]
    fn range_labels() {
        assert_eq!(
            range_label("500.000 kr.", "1 mio. kr."),
            "500.000–1 mio. kr."
        );
        assert_eq!(range_label("2,5 mio. kr.", "5 mio. kr."), "2,5–5 mio. kr.");
        assert_eq!(range_label("DKK 2.5m", "DKK 5m"), "DKK 2.5–5m");
        assert_eq!(range_label("x", "x"), "x");
        // Signed limits of the change map: the numbers are never taken for a shared suffix.
        assert_eq!(
            range_label("−DKK 199,999.50", "+DKK 199,999.50"),
            "−DKK 199,999.50–+DKK 199,999.50"
        );
        assert_eq!(range_label("−6 mio. kr.", "+6 mio. kr."), "−6–+6 mio. kr.");
    }

    #[test]
    fn palette_is_sequential() {
        let p = sequential_rgb(6);
        assert_eq!(p.len(), 6);
        let lum = |c: &(u8, u8, u8)| u32::from(c.0) * 3 + u32::from(c.1) * 6 + u32::from(c.2);
        assert!(p.windows(2).all(|w| lum(&w[0]) > lum(&w[1])));
        assert_eq!(sequential_rgb(1).len(), 1);
        // The class scales stay distinct in the 256-colour palette.
        for n in 1..=7 {
            let idx: Vec<u8> = sequential_rgb(n)
                .into_iter()
                .map(crate::style::rgb::rgb_to_256)
                .collect();
            let mut d = idx.clone();
            d.sort_unstable();
            d.dedup();
            assert_eq!(d.len(), n, "{n}: {idx:?}");
        }
    }
}
