//! Choropleth classes over district totals.
//!
//! Equal-width classes on "nice" money steps (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 × 10ⁿ), 5–7 of them,
//! from the step below the smallest total to the step above the largest. Why not quantiles: a
//! funding round has a dozen districts, and often only some of them got projects; quantiles of six
//! values give classes of one district each with ragged limits (2.875.000–3.000.000), change when
//! one project moves, and hide the size differences a choropleth should show. Nice equal steps give
//! a legend a reader can take in at a glance ("5–10 mio. kr.") and a colour that means the same
//! amount everywhere on the map; empty classes are honest. Districts without projects are not a
//! class of zero: they form their own entry, drawn visibly differently.

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
        };
        c.of_district = totals.iter().map(|t| t.map(|v| c.class_of(v))).collect();
        c
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
    while s > 0 && is_num(a[a.len() - s]) {
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

/// A sequential colour scale (light yellow → green → dark blue, after ColorBrewer YlGnBu) in `n`
/// steps, lightest (least money) first.
pub fn sequential_rgb(n: usize) -> Vec<Rgb> {
    const STOPS: [(f64, f64, f64); 5] = [
        (255.0, 255.0, 204.0),
        (161.0, 218.0, 180.0),
        (65.0, 182.0, 196.0),
        (44.0, 127.0, 184.0),
        (37.0, 52.0, 148.0),
    ];
    (0..n)
        .map(|k| {
            let t = if n <= 1 {
                0.5
            } else {
                k as f64 / (n - 1) as f64
            };
            let pos = t * (STOPS.len() - 1) as f64;
            let i = (pos.floor() as usize).min(STOPS.len() - 2);
            let f = pos - i as f64;
            let (a, b) = (STOPS[i], STOPS[i + 1]);
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
