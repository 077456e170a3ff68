//! The UI language and number format. Danish first; English selectable.

use std::fmt;
use std::str::FromStr;

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
