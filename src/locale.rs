//! The UI language and number format. Danish first; English selectable.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Da,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Da, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Da => "da",
            Locale::En => "en",
        }
    }

    /// Thousands separator and decimal mark.
    pub(crate) fn separators(self) -> (char, char) {
        match self {
            Locale::Da => ('.', ','),
            Locale::En => (',', '.'),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Locale {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "da" | "da_dk" | "da-dk" | "dansk" | "danish" => Ok(Locale::Da),
            "en" | "en_gb" | "en-gb" | "en_us" | "en-us" | "english" | "engelsk" => Ok(Locale::En),
            other => Err(format!("unknown locale \"{other}\": use \"da\" or \"en\"")),
        }
    }
}
/// Groups the digits of a non-negative integer string: `2875000` → `2.875.000` (Danish).
pub fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number with grouped thousands and exactly `decimals` decimals, rounded half away from zero.
pub fn format_number(value: Decimal, decimals: u32, locale: Locale) -> String {
    let (thousands, mark) = locale.separators();
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let abs = rounded.abs();
    let int = abs.trunc();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_digits(&int.to_string(), thousands));
    if decimals > 0 {
        let frac = (abs - int) * Decimal::from(10u64.pow(decimals));
        let frac = frac.round().to_string();
        out.push(mark);
        for _ in frac.len()..decimals as usize {
            out.push('0');
        }
        out.push_str(&frac);
    }
    out
}
