//! Money: parsing amounts exactly and formatting them for a locale. The one place amounts become text.
//!
//! Amounts are `rust_decimal::Decimal` all the way; nothing here goes through `f64`.
//! Rounding is half away from zero everywhere (`2.875.000` → `2,9 mio.`).

use rust_decimal::{Decimal, RoundingStrategy};

use crate::locale::{Locale, format_number};

/// The largest amount a file may hold: 10^15 (a thousand billion), far beyond any budget, and small
/// enough that sums of a million of them stay exact in a `Decimal`.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);

/// Why an amount was rejected. The loader turns these into located messages with hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    /// Blanks before or after the digits (`"  5"`).
    Blanks,
    NotANumber,
    Negative,
    TooManyDecimals,
    TooLarge,
}

/// Parses an amount written as text: plain digits with an optional `.` and at most two decimals,
/// `_` allowed between digits as in TOML (`"2875000.50"`, `"2_875_000"`). No blanks, sign, exponent
/// or thousands separators: those are ambiguous between locales (a `-` is reported as negative).
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let t = text.trim();
    // What is wrong with the number itself is said first; then that it has blanks around it.
    let value = parse_trimmed(t)?;
    if t.len() != text.len() {
        return Err(AmountError::Blanks);
    }
    Ok(value)
}

fn parse_trimmed(t: &str) -> Result<Decimal, AmountError> {
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let digits_ok = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
            && !s.starts_with('_')
            && !s.ends_with('_')
            && !s.contains("__")
    };
    if !digits_ok(int) || frac.is_some_and(|f| !digits_ok(f)) {
        return Err(AmountError::NotANumber);
    }
    let int: String = int.chars().filter(|&c| c != '_').collect();
    let frac: String = frac.unwrap_or("").chars().filter(|&c| c != '_').collect();
    if negative && (int.bytes().any(|b| b != b'0') || frac.bytes().any(|b| b != b'0')) {
        return Err(AmountError::Negative);
    }
    if frac.trim_end_matches('0').len() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    let int = int.trim_start_matches('0');
    // 16 integer digits is already above MAX_AMOUNT; checking length first keeps huge inputs cheap.
    if int.len() > 16 {
        return Err(AmountError::TooLarge);
    }
    let frac = frac.trim_end_matches('0');
    let joined = format!("{}{}", if int.is_empty() { "0" } else { int }, frac);
    let mantissa: i64 = joined.parse().map_err(|_| AmountError::TooLarge)?;
    // frac has at most two digits here, so the scale is 0..=2.
    let value = Decimal::new(mantissa, frac.len() as u32);
    check_amount(value)
}

/// Checks a whole-number amount given as a TOML integer.
pub fn amount_from_integer(value: i64) -> Result<Decimal, AmountError> {
    if value < 0 {
        return Err(AmountError::Negative);
    }
    check_amount(Decimal::from(value))
}

fn check_amount(value: Decimal) -> Result<Decimal, AmountError> {
    if value > MAX_AMOUNT {
        Err(AmountError::TooLarge)
    } else {
        Ok(value.normalize())
    }
}

/// The currency as written next to an amount: `kr.` for DKK in Danish, else the ISO code.
fn currency_label(currency: &str, locale: Locale) -> &str {
    match (locale, currency) {
        (Locale::Da, "DKK") => "kr.",
        _ => currency,
    }
}

fn with_currency(number: &str, currency: &str, locale: Locale) -> String {
    let label = currency_label(currency, locale);
    match locale {
        Locale::Da => format!("{number} {label}"),
        Locale::En => format!("{label} {number}"),
    }
}

/// The full amount: `2.875.000 kr.`, `1.999.999,99 kr.`; English `DKK 2,875,000`. Whole amounts are
/// shown without decimals, others with two.
pub fn format_money(amount: Decimal, currency: &str, locale: Locale) -> String {
    let decimals = if amount.fract().is_zero() { 0 } else { 2 };
    with_currency(&format_number(amount, decimals, locale), currency, locale)
}

/// The amount without the currency: `2.875.000`; used in tight columns under a currency heading.
pub fn format_amount(amount: Decimal, locale: Locale) -> String {
    let decimals = if amount.fract().is_zero() { 0 } else { 2 };
    format_number(amount, decimals, locale)
}

/// The compact amount: `2,9 mio. kr.`, `30 mio. kr.`, `1,2 mia. kr.`; English `DKK 2.9m`, `DKK 1.2bn`.
/// Below a million the full amount is shown (`875.000 kr.`), as Danish reports do.
pub fn format_money_compact(amount: Decimal, currency: &str, locale: Locale) -> String {
    const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
    const BILLION: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
    let abs = amount.abs();
    // Choose the unit after rounding, so 999.950.000 becomes "1 mia." and not "1.000 mio.".
    let in_billions =
        (abs / BILLION).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    let in_millions =
        (abs / MILLION).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    let (scaled, unit) = if in_billions >= Decimal::ONE {
        (amount / BILLION, 2)
    } else if in_millions >= Decimal::ONE {
        (amount / MILLION, 1)
    } else {
        return format_money(amount, currency, locale);
    };
    let rounded = scaled.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    let decimals = if rounded.fract().is_zero() { 0 } else { 1 };
    let number = format_number(rounded, decimals, locale);
    let label = currency_label(currency, locale);
    match (locale, unit) {
        (Locale::Da, 1) => format!("{number} mio. {label}"),
        (Locale::Da, _) => format!("{number} mia. {label}"),
        (Locale::En, 1) => format!("{label} {number}m"),
        (Locale::En, _) => format!("{label} {number}bn"),
    }
}

/// The scale of a column of amounts: one for the whole column, chosen from its largest value, so the
/// figures share their unit (said once, in a heading) and their decimal comma lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scale {
    /// Amounts are divided by 10^`power` (0, 6 or 9).
    power: u32,
    /// Decimals every figure of the column gets.
    decimals: u32,
}

impl Scale {
    /// The scale for a column whose largest value is `max`. `compact`: millions or billions with one
    /// decimal when the largest is at least a million (after rounding, as [`format_money_compact`]
    /// decides); otherwise, and always when not compact, whole kroner, with two decimals only when
    /// `any_fraction` (some figure of the column has øre).
    pub fn for_column(max: Decimal, any_fraction: bool, compact: bool) -> Scale {
        const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
        const BILLION: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
        let round1 =
            |d: Decimal| d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        let abs = max.abs();
        if compact && round1(abs / BILLION) >= Decimal::ONE {
            Scale {
                power: 9,
                decimals: 1,
            }
        } else if compact && round1(abs / MILLION) >= Decimal::ONE {
            Scale {
                power: 6,
                decimals: 1,
            }
        } else {
            Scale {
                power: 0,
                decimals: if any_fraction { 2 } else { 0 },
            }
        }
    }

    /// Whole kroner with `decimals` decimals (for figures that are not amounts, e.g. per inhabitant).
    pub fn units(decimals: u32) -> Scale {
        Scale { power: 0, decimals }
    }

    /// `amount` in this scale, without a unit: `3,1`, `0,4`, `420.000,25`. A figure that is not zero
    /// but rounds to zero reads `<0,1` (never `0,0`, which would say "nothing").
    pub fn number(self, amount: Decimal, locale: Locale) -> String {
        let scaled = amount / Decimal::from(10u64.pow(self.power));
        let rounded =
            scaled.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero);
        if rounded.is_zero() && !amount.is_zero() && amount > Decimal::ZERO {
            let smallest = Decimal::new(1, self.decimals);
            return format!("<{}", format_number(smallest, self.decimals, locale));
        }
        format_number(rounded, self.decimals, locale)
    }

    /// The unit a heading says once for the column: `mio. kr.`, `mia. kr.`, `kr.`; English
    /// `DKK m`, `DKK bn`, `DKK`.
    pub fn label(self, currency: &str, locale: Locale) -> String {
        let c = currency_label(currency, locale);
        match (locale, self.power) {
            (Locale::Da, 9) => format!("mia. {c}"),
            (Locale::Da, 6) => format!("mio. {c}"),
            (Locale::En, 9) => format!("{c} bn"),
            (Locale::En, 6) => format!("{c} m"),
            _ => c.to_string(),
        }
    }

    /// The column's scale for a set of amounts (its largest and whether any has øre).
    pub fn of_amounts(amounts: impl IntoIterator<Item = Decimal>, compact: bool) -> Scale {
        let (mut max, mut fraction) = (Decimal::ZERO, false);
        for a in amounts {
            max = max.max(a.abs());
            fraction |= !a.fract().is_zero();
        }
        Scale::for_column(max, fraction, compact)
    }
}

/// A ratio (0.214…) as a percentage with one decimal: Danish `21,4 %`, English `21.4%`.
pub fn format_percent(ratio: Decimal, locale: Locale) -> String {
    format_percent_dp(ratio, 1, locale)
}

/// A ratio as a percentage with `decimals` decimals: `format_percent_dp(0.04, 0, Da)` is `4 %`.
pub fn format_percent_dp(ratio: Decimal, decimals: u32, locale: Locale) -> String {
    let number = format_number(ratio * Decimal::ONE_HUNDRED, decimals, locale);
    match locale {
        Locale::Da => format!("{number} %"),
        Locale::En => format!("{number}%"),
    }
}

/// Shorter forms of [`format_percent`], longest first, for a place too narrow for it (a tile):
/// without the blank (`21,4%`), whole (`21 %`, `21%`); a share that is not zero but rounds to it
/// is `<1 %` / `<1%`, never `0 %`. The full form is not repeated.
pub fn percent_short_forms(ratio: Decimal, locale: Locale) -> Vec<String> {
    let full = format_percent(ratio, locale);
    let pct = ratio * Decimal::ONE_HUNDRED;
    let whole = pct.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let whole = if whole.is_zero() && !pct.is_zero() {
        "<1".to_string()
    } else {
        format_number(whole, 0, locale)
    };
    let one = format_number(pct, 1, locale);
    let mut out: Vec<String> = Vec::with_capacity(3);
    let forms = match locale {
        Locale::Da => vec![format!("{one}%"), format!("{whole} %"), format!("{whole}%")],
        Locale::En => vec![format!("{whole}%")],
    };
    for form in forms {
        if form != full && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn short_percent_forms_get_shorter_and_never_say_zero() {
        assert_eq!(
            percent_short_forms(d("0.214"), Locale::Da),
            ["21,4%", "21 %", "21%"]
        );
        assert_eq!(percent_short_forms(d("0.214"), Locale::En), ["21%"]);
        assert_eq!(
            percent_short_forms(d("0.0004"), Locale::Da),
            ["0,0%", "<1 %", "<1%"]
        );
        assert_eq!(percent_short_forms(d("1"), Locale::En), ["100%"]);
        assert_eq!(
            percent_short_forms(Decimal::ZERO, Locale::Da),
            ["0,0%", "0 %", "0%"]
        );
    }

    #[test]
    fn max_amount_is_ten_to_the_fifteen() {
        assert_eq!(MAX_AMOUNT, d("1000000000000000"));
    }

    #[test]
    fn parses_plain_and_decimal_amounts() {
        assert_eq!(parse_amount("2875000"), Ok(d("2875000")));
        assert_eq!(parse_amount("2875000.50"), Ok(d("2875000.5")));
        assert_eq!(parse_amount("1999999.99"), Ok(d("1999999.99")));
        assert_eq!(parse_amount("2_875_000"), Ok(d("2875000")));
        assert_eq!(parse_amount(" 7 "), Err(AmountError::Blanks));
        assert_eq!(parse_amount("  5"), Err(AmountError::Blanks));
        assert_eq!(parse_amount("+5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount(" 2.875.000"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("0"), Ok(Decimal::ZERO));
        assert_eq!(parse_amount("-0"), Ok(Decimal::ZERO));
        assert_eq!(
            parse_amount("1.500"),
            Ok(d("1.5")),
            "trailing zeros are not extra decimals"
        );
        assert_eq!(parse_amount("000123"), Ok(d("123")));
    }

    #[test]
    fn rejects_bad_amounts() {
        assert_eq!(parse_amount(""), Err(AmountError::Empty));
        assert_eq!(parse_amount("   "), Err(AmountError::Empty));
        assert_eq!(parse_amount("abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("2.875.000"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("2,5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("9.5e6"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1."), Err(AmountError::NotANumber));
        assert_eq!(parse_amount(".5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("_1"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1__0"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5"), Err(AmountError::Negative));
        assert_eq!(parse_amount("1.005"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_amount("1000000000000001"), Err(AmountError::TooLarge));
        assert_eq!(parse_amount(&"9".repeat(5000)), Err(AmountError::TooLarge));
        assert_eq!(parse_amount("1000000000000000"), Ok(MAX_AMOUNT));
    }

    #[test]
    fn parse_edges_found_by_the_loader() {
        // Full-width or other non-ASCII digits are not digits here.
        assert_eq!(parse_amount("１２３"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1 000"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("0.001"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_amount("1e3"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-0.50"), Err(AmountError::Negative));
        assert_eq!(parse_amount("1_000.5_0"), Ok(d("1000.5")));
        // Only digits: no '+', no blanks around them (docs/format.md).
        assert_eq!(parse_amount("+5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("5\t"), Err(AmountError::Blanks));
        assert_eq!(
            parse_amount("999999999999999.99"),
            Ok(d("999999999999999.99"))
        );
        assert_eq!(
            parse_amount("1000000000000000.01"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn integers_are_checked() {
        assert_eq!(amount_from_integer(30_000_000), Ok(d("30000000")));
        assert_eq!(amount_from_integer(-1), Err(AmountError::Negative));
        assert_eq!(amount_from_integer(i64::MAX), Err(AmountError::TooLarge));
    }

    #[test]
    fn formats_full_amounts() {
        assert_eq!(
            format_money(d("2875000"), "DKK", Locale::Da),
            "2.875.000 kr."
        );
        assert_eq!(
            format_money(d("2875000"), "DKK", Locale::En),
            "DKK 2,875,000"
        );
        assert_eq!(
            format_money(d("1999999.99"), "DKK", Locale::Da),
            "1.999.999,99 kr."
        );
        assert_eq!(
            format_money(d("1999999.5"), "DKK", Locale::Da),
            "1.999.999,50 kr."
        );
        assert_eq!(format_money(d("0"), "DKK", Locale::Da), "0 kr.");
        assert_eq!(format_money(d("999"), "DKK", Locale::Da), "999 kr.");
        assert_eq!(format_money(d("1000"), "DKK", Locale::Da), "1.000 kr.");
        assert_eq!(
            format_money(d("140000000"), "EUR", Locale::Da),
            "140.000.000 EUR"
        );
        assert_eq!(
            format_money(d("140000000"), "EUR", Locale::En),
            "EUR 140,000,000"
        );
        assert_eq!(
            format_money(d("-74025000"), "DKK", Locale::Da),
            "-74.025.000 kr."
        );
        assert_eq!(format_amount(d("74025000"), Locale::Da), "74.025.000");
    }

    #[test]
    fn formats_compact_amounts() {
        assert_eq!(
            format_money_compact(d("9500000"), "DKK", Locale::Da),
            "9,5 mio. kr."
        );
        assert_eq!(
            format_money_compact(d("2875000"), "DKK", Locale::Da),
            "2,9 mio. kr."
        );
        assert_eq!(
            format_money_compact(d("30000000"), "DKK", Locale::Da),
            "30 mio. kr."
        );
        assert_eq!(
            format_money_compact(d("13600000"), "DKK", Locale::En),
            "DKK 13.6m"
        );
        assert_eq!(
            format_money_compact(d("1250000000"), "DKK", Locale::Da),
            "1,3 mia. kr."
        );
        assert_eq!(
            format_money_compact(d("1250000000"), "DKK", Locale::En),
            "DKK 1.3bn"
        );
        assert_eq!(
            format_money_compact(d("875000"), "DKK", Locale::Da),
            "875.000 kr."
        );
        // Half away from zero at the edge of a unit.
        assert_eq!(
            format_money_compact(d("1050000"), "DKK", Locale::Da),
            "1,1 mio. kr."
        );
        assert_eq!(
            format_money_compact(d("1049999"), "DKK", Locale::Da),
            "1 mio. kr."
        );
        assert_eq!(
            format_money_compact(d("999950"), "DKK", Locale::Da),
            "1 mio. kr."
        );
        assert_eq!(
            format_money_compact(d("949999"), "DKK", Locale::Da),
            "949.999 kr."
        );
        assert_eq!(
            format_money_compact(d("999950000"), "DKK", Locale::Da),
            "1 mia. kr."
        );
        assert_eq!(
            format_money_compact(d("-2875000"), "DKK", Locale::Da),
            "-2,9 mio. kr."
        );
    }

    #[test]
    fn one_scale_per_column() {
        // The landsdele example: very different sizes, some with øre.
        let column = [d("3100000"), d("2000000"), d("420000.25"), d("99999.99")];
        let s = Scale::of_amounts(column, true);
        let texts: Vec<String> = column.iter().map(|&a| s.number(a, Locale::Da)).collect();
        assert_eq!(texts, ["3,1", "2,0", "0,4", "0,1"]);
        assert_eq!(s.label("DKK", Locale::Da), "mio. kr.");
        assert_eq!(s.label("DKK", Locale::En), "DKK m");
        // The full unit: whole kroner, two decimals for all once one has øre.
        let full = Scale::of_amounts(column, false);
        assert_eq!(full.number(d("2000000"), Locale::Da), "2.000.000,00");
        assert_eq!(full.number(d("99999.99"), Locale::Da), "99.999,99");
        assert_eq!(full.label("DKK", Locale::Da), "kr.");
        let whole = Scale::of_amounts([d("30000000"), d("7000000")], false);
        assert_eq!(whole.number(d("7000000"), Locale::Da), "7.000.000");
        // Small but not zero is not shown as zero.
        assert_eq!(s.number(d("4000"), Locale::Da), "<0,1");
        assert_eq!(s.number(Decimal::ZERO, Locale::Da), "0,0");
        // Below a million even the compact column is in kroner; billions when the largest is one.
        let small = Scale::of_amounts([d("875000"), d("5000")], true);
        assert_eq!(small.number(d("5000"), Locale::Da), "5.000");
        assert_eq!(small.label("DKK", Locale::Da), "kr.");
        let big = Scale::of_amounts([d("1250000000"), d("30000000")], true);
        assert_eq!(big.number(d("30000000"), Locale::Da), "<0,1");
        assert_eq!(big.label("DKK", Locale::Da), "mia. kr.");
        assert_eq!(big.number(d("1250000000"), Locale::En), "1.3");
    }

    #[test]
    fn formats_percentages() {
        assert_eq!(format_percent(d("0.2142857"), Locale::Da), "21,4 %");
        assert_eq!(format_percent(d("0.2142857"), Locale::En), "21.4%");
        assert_eq!(format_percent(d("0.00025"), Locale::Da), "0,0 %");
        assert_eq!(format_percent(d("0.00050"), Locale::Da), "0,1 %");
        assert_eq!(format_percent(Decimal::ONE, Locale::Da), "100,0 %");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(format_number(d("0.05"), 1, Locale::Da), "0,1");
        assert_eq!(format_number(d("0.15"), 1, Locale::Da), "0,2");
        assert_eq!(format_number(d("-0.05"), 1, Locale::Da), "-0,1");
        assert_eq!(format_number(d("2.5"), 0, Locale::Da), "3");
        assert_eq!(format_number(d("-2.5"), 0, Locale::Da), "-3");
        assert_eq!(format_number(d("-0.04"), 1, Locale::Da), "0,0");
        assert_eq!(
            format_number(d("1234567.891"), 2, Locale::En),
            "1,234,567.89"
        );
    }
}
