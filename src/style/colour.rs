//! Colours from configuration text, and the `NO_COLOR` convention.
//!
//! Accepted forms (case, `-`, `_` and spaces ignored in names):
//! - the 16 ANSI colours: `black`, `red`, `green`, `yellow`, `blue`, `magenta`, `cyan`, `gray`, and
//!   their bright variants `dark-gray`, `light-red`, `light-green`, `light-yellow`, `light-blue`,
//!   `light-magenta`, `light-cyan`, `white`; aliases `grey`, `bright-black`, `bright-<colour>`,
//!   `bright-white`, `purple` (magenta); plus `reset`/`default` for the terminal's own colour;
//! - `#rrggbb` and `#rgb` (each digit doubled: `#f80` = `#ff8800`);
//! - a 256-colour palette index: `color123`, `colour123`, `ansi123` or just `123` (0–255).
//!
//! ANSI naming note: ratatui's `Gray` is palette colour 7 ("white" in the ANSI tables) and its `White`
//! is 15 ("bright white"); `dark-gray` is 8 ("bright black"). The names here follow ratatui.

use std::ffi::OsStr;
use std::fmt;

use ratatui::style::Color;

/// Why a colour could not be parsed: a message and, when there is one, a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColourError {
    /// The text as given (trimmed).
    pub input: String,
    pub message: String,
    /// E.g. `did you mean "light-blue"?`, or the accepted forms.
    pub hint: Option<String>,
}

impl fmt::Display for ColourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.hint {
            write!(f, ": {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ColourError {}

/// Canonical names, as shown in hints, with their colours.
const NAMES: [(&str, Color); 17] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

/// Aliases (already normalised: lower case, no separators) and the canonical name they stand for.
const ALIASES: [(&str, &str); 13] = [
    ("grey", "gray"),
    ("darkgrey", "dark-gray"),
    ("brightblack", "dark-gray"),
    ("brightred", "light-red"),
    ("brightgreen", "light-green"),
    ("brightyellow", "light-yellow"),
    ("brightblue", "light-blue"),
    ("brightmagenta", "light-magenta"),
    ("brightcyan", "light-cyan"),
    ("brightwhite", "white"),
    ("lightgrey", "gray"),
    ("purple", "magenta"),
    ("default", "reset"),
];

const FORMS: &str = "use a colour name (red, light-blue, dark-gray, …), #rrggbb, #rgb, or a palette index 0–255 (color123)";

fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

fn by_name(normalised: &str) -> Option<Color> {
    let canonical = ALIASES
        .iter()
        .find(|(alias, _)| *alias == normalised)
        .map(|(_, c)| *c);
    NAMES
        .iter()
        .find(|(name, _)| match canonical {
            Some(c) => *name == c,
            None => normalise(name) == normalised,
        })
        .map(|(_, colour)| *colour)
}

/// Parses a colour as written in the config file. See the module docs for the accepted forms.
pub fn parse_colour(text: &str) -> Result<Color, ColourError> {
    let input = text.trim();
    let error = |message: String, hint: Option<String>| ColourError {
        input: input.to_string(),
        message,
        hint,
    };
    if input.is_empty() {
        return Err(error("empty colour".to_string(), Some(FORMS.to_string())));
    }
    if let Some(hex) = input.strip_prefix('#') {
        return parse_hex(hex).ok_or_else(|| {
            error(
                format!("\"{input}\" is not a hex colour"),
                Some(
                    "write #rrggbb or #rgb with the digits 0–9 and a–f (e.g. #1e90ff)".to_string(),
                ),
            )
        });
    }
    let norm = normalise(input);
    if let Some(c) = by_name(&norm) {
        return Ok(c);
    }
    let digits = ["colour", "color", "ansi"]
        .iter()
        .find_map(|p| norm.strip_prefix(p))
        .unwrap_or(&norm);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match digits.parse::<u8>() {
            Ok(i) => Ok(Color::Indexed(i)),
            Err(_) => Err(error(
                format!("palette index {digits} is out of range"),
                Some("the 256-colour palette has the indices 0–255".to_string()),
            )),
        };
    }
    // Hex digits without the '#'.
    if matches!(input.len(), 3 | 6)
        && parse_hex(input).is_some()
        && !input.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return Err(error(
            format!("unknown colour \"{input}\""),
            Some(format!("did you mean \"#{input}\"?")),
        ));
    }
    let hint = suggest(&norm)
        .map(|name| format!("did you mean \"{name}\"?"))
        .unwrap_or_else(|| FORMS.to_string());
    Err(error(format!("unknown colour \"{input}\""), Some(hint)))
}

fn parse_hex(hex: &str) -> Option<Color> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let nibble = |i: usize| hex.get(i..=i).and_then(|s| u8::from_str_radix(s, 16).ok());
    match hex.len() {
        3 => Some(Color::Rgb(
            nibble(0)? * 17,
            nibble(1)? * 17,
            nibble(2)? * 17,
        )),
        6 => {
            let byte = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|s| u8::from_str_radix(s, 16).ok())
            };
            Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?))
        }
        _ => None,
    }
}

/// The closest canonical name within a small edit distance, if any.
fn suggest(normalised: &str) -> Option<&'static str> {
    let candidates = NAMES
        .iter()
        .map(|(name, _)| (normalise(name), *name))
        .chain(
            ALIASES
                .iter()
                .map(|(alias, name)| (alias.to_string(), *name)),
        );
    let (dist, name) = candidates
        .map(|(spelling, name)| (crate::text::edit_distance(normalised, &spelling), name))
        .min_by_key(|(d, _)| *d)?;
    let limit = (normalised.chars().count() / 3).clamp(1, 3);
    (dist <= limit).then_some(name)
}

/// Whether the user asked for no colour: `NO_COLOR` is present in the environment, whatever its value
/// (even empty). This is stricter than the no-color.org wording, which ignores an empty value: an
/// empty `NO_COLOR=` is still a deliberate
/// request, and erring on the side of no colour loses nothing (selection stays visible by reverse
/// video and bold). The dashboard and `render` both decide through this one function.
pub fn no_color_requested() -> bool {
    no_color_from(std::env::var_os("NO_COLOR").as_deref())
}

/// [`no_color_requested`] for a given value of `NO_COLOR` (testable without touching the environment):
/// `None` (unset) keeps colour, any value, even empty, turns it off.
pub fn no_color_from(value: Option<&OsStr>) -> bool {
    value.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixteen_names_in_any_spelling() {
        assert_eq!(parse_colour("red"), Ok(Color::Red));
        assert_eq!(parse_colour("LightBlue"), Ok(Color::LightBlue));
        assert_eq!(parse_colour("light_blue"), Ok(Color::LightBlue));
        assert_eq!(parse_colour("light-blue"), Ok(Color::LightBlue));
        assert_eq!(parse_colour(" Light Blue "), Ok(Color::LightBlue));
        assert_eq!(parse_colour("dark-gray"), Ok(Color::DarkGray));
        assert_eq!(parse_colour("DARK_GREY"), Ok(Color::DarkGray));
        assert_eq!(parse_colour("bright-black"), Ok(Color::DarkGray));
        assert_eq!(parse_colour("grey"), Ok(Color::Gray));
        assert_eq!(parse_colour("white"), Ok(Color::White));
        assert_eq!(parse_colour("bright-white"), Ok(Color::White));
        assert_eq!(parse_colour("purple"), Ok(Color::Magenta));
        assert_eq!(parse_colour("default"), Ok(Color::Reset));
        for (name, colour) in NAMES {
            assert_eq!(parse_colour(name), Ok(colour), "{name}");
            assert_eq!(parse_colour(&name.to_uppercase()), Ok(colour), "{name}");
        }
    }

    #[test]
    fn hex_and_palette_forms() {
        assert_eq!(parse_colour("#1e90ff"), Ok(Color::Rgb(0x1e, 0x90, 0xff)));
        assert_eq!(parse_colour("#1E90FF"), Ok(Color::Rgb(0x1e, 0x90, 0xff)));
        assert_eq!(parse_colour("#f80"), Ok(Color::Rgb(0xff, 0x88, 0x00)));
        assert_eq!(parse_colour("#000"), Ok(Color::Rgb(0, 0, 0)));
        assert_eq!(parse_colour("color123"), Ok(Color::Indexed(123)));
        assert_eq!(parse_colour("Colour-7"), Ok(Color::Indexed(7)));
        assert_eq!(parse_colour("ansi255"), Ok(Color::Indexed(255)));
        assert_eq!(parse_colour("0"), Ok(Color::Indexed(0)));
        assert_eq!(parse_colour("42"), Ok(Color::Indexed(42)));
    }

    #[test]
    fn errors_say_what_and_hint_how() {
        let e = parse_colour("lightbleu").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown colour \"lightbleu\": did you mean \"light-blue\"?"
        );
        let e = parse_colour("gren").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean \"green\"?"));
        let e = parse_colour("darkgrey2").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean \"dark-gray\"?"));
        let e = parse_colour("chartreuse").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some(FORMS));
        let e = parse_colour("#12345").unwrap_err();
        assert!(e.to_string().contains("#rrggbb or #rgb"), "{e}");
        let e = parse_colour("#ggg").unwrap_err();
        assert!(e.message.contains("not a hex colour"));
        let e = parse_colour("256").unwrap_err();
        assert_eq!(
            e.to_string(),
            "palette index 256 is out of range: the 256-colour palette has the indices 0–255"
        );
        let e = parse_colour("color99999999999999999999").unwrap_err();
        assert!(e.message.contains("out of range"));
        let e = parse_colour("1e90ff").unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean \"#1e90ff\"?"));
        let e = parse_colour("   ").unwrap_err();
        assert_eq!(e.message, "empty colour");
        assert!(parse_colour("#").is_err());
        assert!(parse_colour("#ffø").is_err());
        assert!(parse_colour("ø").is_err());
    }

    #[test]
    fn no_color_counts_presence_even_empty() {
        assert!(!no_color_from(None));
        // Presence counts, even empty.
        assert!(
            no_color_from(Some(OsStr::new(""))),
            "empty still means no colour"
        );
        assert!(no_color_from(Some(OsStr::new("1"))));
        assert!(
            no_color_from(Some(OsStr::new("0"))),
            "any non-empty value, even 0"
        );
        assert!(no_color_from(Some(OsStr::new("false"))));
    }
}
