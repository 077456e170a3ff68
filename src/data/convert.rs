//! TOML tree → raw entries, one top-level entry at a time.
//!
//! Each function here converts ONE entry (`[dataset]`, one `[[district]]`, one `[[project]]`, `[map]`)
//! from the span-carrying tree of `toml::de::DeTable` and knows nothing of the rest of the document: the
//! chunked loader can parse pieces of a large file in parallel and feed each piece's entries through
//! the same functions, with [`Cx::offset`] set to where the piece starts in the file. Every span kept in
//! the raw entries and in the problems is a byte range of the whole file. Cross-entry checks (duplicate
//! ids, unknown districts, sums) live in `validate.rs`.

use std::ops::Range;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Problem, closest};
use super::model::{List, Part, Project, ProjectBuilder, Tile};
use crate::money::{self, AmountError, MAX_AMOUNT};
use crate::text::{sanitize_block, sanitize_line};

/// A value with the byte range (in the whole file) it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// Where problems go, and where the text being converted starts in the file.
#[derive(Debug, Default)]
pub struct Cx {
    /// Byte offset of the converted text in the whole file (0 for a whole-file parse).
    pub offset: usize,
    pub problems: Vec<Problem>,
}

impl Cx {
    pub fn new(offset: usize) -> Self {
        Cx {
            offset,
            problems: Vec::new(),
        }
    }

    /// A span of the converted text, moved into whole-file coordinates.
    pub fn span(&self, r: Range<usize>) -> Range<usize> {
        r.start.saturating_add(self.offset)..r.end.saturating_add(self.offset)
    }

    fn sp<T>(&self, value: T, r: Range<usize>) -> Sp<T> {
        Sp {
            value,
            span: self.span(r),
        }
    }

    /// Records a problem whose spans are already in whole-file coordinates.
    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn type_error(&mut self, v: &Spanned<DeValue<'_>>, key: &str, expected: &str) {
        let span = self.span(v.span());
        self.push(
            Problem::new(
                span,
                format!(
                    "{} must be {expected}, not {}",
                    quoted_key(key),
                    kind(v.get_ref())
                ),
            )
            .label(format!("{} here", kind(v.get_ref()))),
        );
    }
}

/// `amount` → "`amount`"; a description ("each entry of `themes`") stays as it is.
fn quoted_key(key: &str) -> String {
    if key.contains(' ') {
        key.to_string()
    } else {
        format!("`{key}`")
    }
}

/// What a TOML value is, for messages.
pub fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date/time",
        DeValue::Array(a) if a.is_empty() => "an empty array",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

pub const TOP_KEYS: &[&str] = &["dataset", "district", "project", "map"];
pub const DATASET_KEYS: &[&str] = &[
    "title",
    "pool",
    "currency",
    "source",
    "published",
    "period",
    "notes",
];
pub const DISTRICT_KEYS: &[&str] = &[
    "id",
    "name",
    "short",
    "tile",
    "hq",
    "municipalities",
    "shapes",
    "population",
];
pub const PROJECT_KEYS: &[&str] = &[
    "id", "district", "name", "amount", "partners", "target", "themes", "summary",
];
pub const MAP_KEYS: &[&str] = &["geometry", "key", "bbox", "inset"];
pub const INSET_KEYS: &[&str] = &["name", "bbox"];

/// The largest tile coordinate a file may give: a map is at most 1000 × 1000 cells.
pub const MAX_TILE: u16 = 999;

/// Reports an unknown key, with the nearest known key or the table the key belongs to as a hint.
/// Returns the suggested key, so that a "missing key" error for it can be left out (the typo is the
/// one problem).
pub fn unknown_key<'k>(
    cx: &mut Cx,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    table: &str,
    known: &[&'k str],
    present: &DeTable<'_>,
) -> Option<&'k str> {
    let name = key.get_ref().as_ref();
    let shown = sanitize_line(name);
    // Only keys not already written in this table are plausible corrections.
    let free = || known.iter().copied().filter(|k| !present.contains_key(*k));
    let suggestion = closest(name, free()).or_else(|| {
        let english = danish_key(name)?;
        free().find(|k| *k == english)
    });
    let taken = closest(name, known.iter().copied())
        .or_else(|| danish_key(name).and_then(|e| known.iter().copied().find(|k| *k == e)));
    let hint = if let Some(k) = suggestion {
        format!("did you mean `{k}`?")
    } else if let Some(k) = taken {
        format!("did you mean `{k}`? It is already set in this table: remove one of the two")
    } else if let Some(home) = home_of(name).filter(|h| *h != table) {
        format!("`{shown}` belongs in {home}")
    } else if table == "the top level" {
        "a data file has the tables [dataset], [[district]], [[project]] and [map]".to_string()
    } else {
        format!("the keys of {table} are: {}", known.join(", "))
    };
    let span = cx.span(key.span());
    cx.push(
        Problem::new(span, format!("unknown key `{shown}` in {table}"))
            .label("unknown key")
            .hint(hint),
    );
    suggestion
}

/// The English key for a Danish one, since Danish users may write keys in Danish.
fn danish_key(key: &str) -> Option<&'static str> {
    let k = key.to_lowercase();
    Some(match k.as_str() {
        "titel" | "overskrift" => "title",
        "pulje" | "puljen" => "pool",
        "valuta" => "currency",
        "kilde" => "source",
        "udgivet" | "dato" | "offentliggjort" => "published",
        "periode" => "period",
        "noter" | "note" | "bemærkninger" => "notes",
        "navn" => "name",
        "kort" | "kortnavn" => "short",
        "felt" | "placering" | "position" => "tile",
        "hovedsæde" | "hovedkvarter" => "hq",
        "kommuner" => "municipalities",
        "former" | "figurer" => "shapes",
        "indbyggere" | "befolkning" => "population",
        "kreds" | "politikreds" => "district",
        "beløb" | "beloeb" | "belob" => "amount",
        "partnere" | "samarbejdspartnere" => "partners",
        "målgruppe" | "maalgruppe" => "target",
        "temaer" | "tema" => "themes",
        "resumé" | "resume" | "beskrivelse" | "sammendrag" => "summary",
        "nøgle" | "noegle" => "key",
        "geometri" => "geometry",
        _ => return None,
    })
}

/// The table a known key belongs to, for hints on keys written in the wrong place.
fn home_of(key: &str) -> Option<&'static str> {
    if DATASET_KEYS.contains(&key) {
        Some("[dataset]")
    } else if PROJECT_KEYS.contains(&key) {
        Some("a [[project]]")
    } else if DISTRICT_KEYS.contains(&key) {
        Some("a [[district]]")
    } else if MAP_KEYS.contains(&key) {
        Some("[map]")
    } else {
        None
    }
}

/// A required key that is missing: reported at the entry's header.
pub fn missing(cx: &mut Cx, header: &Range<usize>, table: &str, key: &str, example: &str) {
    cx.push(
        Problem::new(
            header.clone(),
            format!("{table} is missing the required key `{key}`"),
        )
        .label(format!("this {table} has no `{key}`"))
        .hint(format!("add a line such as: {key} = {example}")),
    );
}

/// A string value (raw, not yet sanitised).
pub fn string(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<Sp<String>> {
    str_ref(cx, v, key).map(|s| cx.sp(s.to_string(), v.span()))
}

/// A string value borrowed from the tree (no copy: the text functions below sanitise straight
/// from it, so each string is allocated once).
fn str_ref<'v>(cx: &mut Cx, v: &'v Spanned<DeValue<'_>>, key: &str) -> Option<&'v str> {
    match v.get_ref() {
        DeValue::String(s) => Some(s.as_ref()),
        _ => {
            cx.type_error(v, key, "a string (in quotes)");
            None
        }
    }
}

/// A string that must not be empty or blank; sanitised for one line.
pub fn name(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<Sp<String>> {
    let s = str_ref(cx, v, key)?;
    let span = cx.span(v.span());
    if s.trim().is_empty() {
        cx.push(
            Problem::new(span, format!("`{key}` is empty"))
                .label("empty text")
                .hint(format!(
                    "write the {key}, or leave the key out if it is optional"
                )),
        );
        return None;
    }
    Some(Sp {
        value: sanitize_line(s.trim()),
        span,
    })
}

/// An optional one-line text: sanitised; an empty string counts as absent.
pub fn line_text(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<String> {
    let t = str_ref(cx, v, key)?.trim();
    (!t.is_empty()).then(|| sanitize_line(t))
}

/// An optional multi-line text: sanitised keeping line breaks; an empty string counts as absent.
pub fn block_text(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<String> {
    let t = str_ref(cx, v, key)?.trim();
    (!t.is_empty()).then(|| sanitize_block(t))
}

/// A list of non-empty strings, each sanitised, each with its span.
pub fn string_list(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Vec<Sp<String>> {
    let DeValue::Array(items) = v.get_ref() else {
        let hint = match v.get_ref() {
            DeValue::String(s) => Some(format!(
                "a list is written in brackets: {key} = [\"{}\"]",
                sanitize_line(s)
            )),
            _ => None,
        };
        let span = cx.span(v.span());
        cx.push(
            Problem::new(
                span,
                format!(
                    "`{key}` must be a list of strings, not {}",
                    kind(v.get_ref())
                ),
            )
            .label(format!("{} here", kind(v.get_ref())))
            .maybe_hint(hint),
        );
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter() {
        let DeValue::String(s) = item.get_ref() else {
            // The description is built only for the error.
            cx.type_error(
                item,
                &format!("each entry of `{key}`"),
                "a string (in quotes)",
            );
            continue;
        };
        let span = cx.span(item.span());
        if s.trim().is_empty() {
            cx.push(
                Problem::new(span, format!("empty entry in `{key}`"))
                    .label("empty text")
                    .hint("remove the empty entry"),
            );
        } else {
            out.push(Sp {
                value: sanitize_line(s.trim()),
                span,
            });
        }
    }
    out
}

/// Ids: ASCII lower-case letters, digits and `-`, not empty.
pub fn id(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str, what: &str) -> Option<Sp<String>> {
    let s = string(cx, v, key)?;
    let ok = !s.value.is_empty()
        && s.value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        let suggestion = suggest_id(&s.value);
        let hint = if suggestion.is_empty() {
            "use lower-case ASCII letters, digits and '-', e.g. \"koebenhavn\"".to_string()
        } else {
            format!("use lower-case ASCII letters, digits and '-': \"{suggestion}\"")
        };
        cx.push(
            Problem::new(
                s.span.clone(),
                if s.value.is_empty() {
                    format!("the {what} id is empty")
                } else {
                    format!("invalid {what} id \"{}\"", sanitize_line(&s.value))
                },
            )
            .label("only a-z, 0-9 and '-' are allowed")
            .hint(hint),
        );
        // Keep the id anyway (sanitised) so references to it do not also fail.
        return Some(Sp {
            value: sanitize_line(&s.value),
            span: s.span,
        });
    }
    Some(s)
}

/// An id made from any text: `Københavns Politi` → `koebenhavns-politi`.
pub fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A whole number from a TOML integer (any radix TOML allows).
fn integer(v: &DeValue<'_>) -> Option<Result<i64, ()>> {
    match v {
        DeValue::Integer(i) => Some(i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| ())),
        _ => None,
    }
}

/// An amount: a TOML integer, or a decimal string. Floats are refused with a hint showing how to
/// write the same value exactly.
pub fn amount(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<Sp<Decimal>> {
    let span = cx.span(v.span());
    let result = match v.get_ref() {
        DeValue::Integer(_) => match integer(v.get_ref()) {
            Some(Ok(n)) => money::amount_from_integer(n),
            // Not an i64: negative or far too large when it is all digits, else not a number at
            // all (`3_000x`, which the parser passes on as an integer).
            _ => {
                let (digits, radix) = match v.get_ref() {
                    DeValue::Integer(i) => (i.as_str(), i.radix()),
                    _ => ("", 10),
                };
                let unsigned = digits.trim_start_matches(['-', '+']);
                if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_digit(radix)) {
                    cx.push(
                        Problem::new(
                            span,
                            format!("`{key}` is not a number: it has characters other than digits"),
                        )
                        .label("not a number")
                        .hint(format!(
                            "write a whole number, {key} = 2_875_000, or a decimal string, {key} = \"2875000.50\""
                        )),
                    );
                    return None;
                } else if digits.starts_with('-') {
                    Err(AmountError::Negative)
                } else {
                    Err(AmountError::TooLarge)
                }
            }
        },
        DeValue::String(s) => money::parse_amount(s),
        DeValue::Float(f) => {
            float_amount(cx, span, key, f.as_str());
            return None;
        }
        _ => {
            cx.type_error(
                v,
                key,
                "an amount: a whole number (30_000_000) or a decimal string (\"2875000.50\")",
            );
            return None;
        }
    };
    match result {
        Ok(d) => Some(Sp { value: d, span }),
        Err(e) => {
            let written = match v.get_ref() {
                DeValue::String(s) => s.to_string(),
                _ => String::new(),
            };
            cx.push(amount_problem(span, key, e, &written));
            None
        }
    }
}

fn amount_problem(span: Range<usize>, key: &str, e: AmountError, written: &str) -> Problem {
    let shown = sanitize_line(written);
    match e {
        AmountError::Empty => Problem::new(span, format!("`{key}` is an empty string"))
            .label("no amount")
            .hint(format!("write the amount, e.g. {key} = 2_875_000")),
        AmountError::Blanks => Problem::new(
            span,
            format!("`{key}` \"{shown}\" has blanks around the number"),
        )
        .label("blanks")
        .hint(format!(
            "an amount is digits only, optionally '.' and two decimals: {key} = \"{}\"",
            sanitize_line(written.trim())
        )),
        AmountError::Negative => Problem::new(span, format!("`{key}` must not be negative"))
            .label("negative amount")
            .hint("amounts are what was granted: write the amount without a sign"),
        AmountError::TooManyDecimals => Problem::new(
            span,
            format!("`{key}` has more than two decimals"),
        )
        .label("more than two decimals")
        .hint("amounts are exact to the øre/cent: write at most two decimals, e.g. \"2875000.50\""),
        AmountError::TooLarge => Problem::new(
            span,
            format!(
                "`{key}` is too large: the largest amount a file may hold is {}",
                crate::locale::format_number(MAX_AMOUNT, 0, crate::locale::Locale::En)
            ),
        )
        .label("too large")
        .hint("check for extra digits"),
        AmountError::NotANumber => {
            // Danish or English thousands separators are the usual cause: show the plain form.
            let hint = reformat_amount(written)
                .map(|s| {
                    format!("amounts have no thousands separators and use '.' as the decimal mark: {key} = {s}")
                })
                .unwrap_or_else(|| {
                    format!("write digits, optionally '.' and at most two decimals: {key} = \"2875000.50\", or an integer: {key} = 2_875_000")
                });
            Problem::new(span, format!("`{key}` \"{shown}\" is not a number"))
                .label("not an amount")
                .hint(hint)
        }
    }
}

/// `2.875.000` → `2_875_000`, `1.999.999,99` → `"1999999.99"`, `2,875,000` → `2_875_000`, `12 500` →
/// `12_500`: the plain spelling of an amount written with locale separators, when there is one.
fn reformat_amount(written: &str) -> Option<String> {
    let t = written
        .trim()
        .trim_end_matches("kr.")
        .trim_end_matches("kr")
        .trim();
    let t = t.trim_start_matches("DKK").trim();
    let candidates = [
        // Danish: '.' groups, ',' decimals.
        t.replace(['.', ' ', '\u{a0}'], "").replace(',', "."),
        // English: ',' groups, '.' decimals.
        t.replace([',', ' ', '\u{a0}'], ""),
    ];
    for c in candidates {
        if c == written.trim() {
            continue;
        }
        if let Ok(d) = money::parse_amount(&c) {
            return Some(amount_literal(d));
        }
    }
    None
}

/// How to write an exact amount in a file: `9_500_000` or `"2875000.50"`.
pub fn amount_literal(d: Decimal) -> String {
    if d.fract().is_zero() {
        let digits = d.trunc().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('_');
            }
            out.push(c);
        }
        out
    } else {
        format!("\"{:.2}\"", d)
    }
}

fn float_amount(cx: &mut Cx, span: Range<usize>, key: &str, literal: &str) {
    let cleaned = literal.replace('_', "");
    let exact = Decimal::from_scientific(&cleaned)
        .or_else(|_| cleaned.parse::<Decimal>())
        .ok();
    let hint = match exact {
        Some(d) if d.is_sign_negative() && !d.is_zero() => {
            "amounts must not be negative".to_string()
        }
        Some(d) if d.normalize().scale() <= 2 => {
            if d.fract().is_zero() {
                format!(
                    "write it as a whole number: {key} = {}",
                    amount_literal(d.normalize())
                )
            } else {
                format!(
                    "write it as a decimal string: {key} = {}",
                    amount_literal(d.normalize())
                )
            }
        }
        Some(_) => "amounts have at most two decimals: round it and write it as a decimal string, e.g. \"2875000.50\"".to_string(),
        None => format!("write a whole number ({key} = 2_875_000) or a decimal string ({key} = \"2875000.50\")"),
    };
    cx.push(
        Problem::new(
            span,
            format!("`{key}` is a TOML float ({literal}); floats are inexact, so amounts are written as integers or decimal strings"),
        )
        .label("float")
        .hint(hint),
    );
}

/// A positive whole number (population).
pub fn positive_int(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<u64> {
    let span = cx.span(v.span());
    match integer(v.get_ref()) {
        Some(Ok(n)) if n > 0 => u64::try_from(n).ok(),
        Some(Ok(_)) => {
            cx.push(
                Problem::new(span, format!("`{key}` must be a positive whole number"))
                    .label("zero or negative")
                    .hint(format!("leave `{key}` out when it is not known")),
            );
            None
        }
        Some(Err(())) => {
            cx.push(Problem::new(span, format!("`{key}` is too large")).label("does not fit"));
            None
        }
        None => {
            cx.type_error(v, key, "a positive whole number (700_000)");
            None
        }
    }
}

/// `tile = [row, col]`.
pub fn tile(cx: &mut Cx, v: &Spanned<DeValue<'_>>) -> Option<Sp<Tile>> {
    let span = cx.span(v.span());
    let bad = |cx: &mut Cx, msg: String, span: Range<usize>| {
        cx.push(
            Problem::new(span, msg)
                .label("not a [row, col] pair")
                .hint(format!(
                    "write the map position as two whole numbers from 0 to {MAX_TILE}: tile = [2, 5]"
                )),
        );
    };
    let DeValue::Array(items) = v.get_ref() else {
        bad(
            cx,
            format!("`tile` must be [row, col], not {}", kind(v.get_ref())),
            span,
        );
        return None;
    };
    if items.len() != 2 {
        bad(
            cx,
            format!(
                "`tile` must have two numbers [row, col], not {}",
                items.len()
            ),
            span,
        );
        return None;
    }
    let mut rc = [0u16; 2];
    for (slot, item) in rc.iter_mut().zip(items.iter()) {
        let ispan = cx.span(item.span());
        match integer(item.get_ref()) {
            Some(Ok(n)) if (0..=i64::from(MAX_TILE)).contains(&n) => *slot = n as u16,
            Some(_) => {
                bad(
                    cx,
                    format!("tile coordinates go from 0 to {MAX_TILE}"),
                    ispan,
                );
                return None;
            }
            None => {
                bad(
                    cx,
                    format!(
                        "tile coordinates must be whole numbers, not {}",
                        kind(item.get_ref())
                    ),
                    ispan,
                );
                return None;
            }
        }
    }
    Some(Sp {
        value: Tile {
            row: rc[0],
            col: rc[1],
        },
        span,
    })
}

/// `published = 2014-01-13` (a TOML local date).
pub fn date(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<String> {
    let span = cx.span(v.span());
    match v.get_ref() {
        DeValue::Datetime(dt) if dt.date.is_some() && dt.time.is_none() => Some(dt.to_string()),
        DeValue::Datetime(dt) => {
            let hint = dt
                .date
                .map(|d| format!("write the date only: {key} = {d}"))
                .unwrap_or_else(|| format!("write a date: {key} = 2014-01-13"));
            cx.push(
                Problem::new(span, format!("`{key}` must be a date without a time"))
                    .label("not a plain date")
                    .hint(hint),
            );
            None
        }
        DeValue::String(s) => {
            let hint = s
                .parse::<toml::value::Datetime>()
                .ok()
                .filter(|d| d.date.is_some() && d.time.is_none())
                .map(|d| format!("write the date without quotes: {key} = {d}"))
                .unwrap_or_else(|| format!("write a TOML date without quotes: {key} = 2014-01-13"));
            cx.push(
                Problem::new(span, format!("`{key}` must be a TOML date, not a string"))
                    .label("a string")
                    .hint(hint),
            );
            None
        }
        _ => {
            cx.type_error(v, key, "a date (2014-01-13)");
            None
        }
    }
}

/// An entry of a top-level array of tables, or `None` (reported) when it is not a table.
pub fn as_table<'a, 'i>(
    cx: &mut Cx,
    v: &'a Spanned<DeValue<'i>>,
    what: &str,
) -> Option<&'a DeTable<'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            let span = cx.span(v.span());
            cx.push(
                Problem::new(
                    span,
                    format!("each {what} must be a table, not {}", kind(other)),
                )
                .label("not a table")
                .hint(format!("start each entry with a {what} header line")),
            );
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The entries.

/// `[dataset]`, as written (checked per key; cross-entry checks come later).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawMeta {
    pub header: Range<usize>,
    pub title: Option<Sp<String>>,
    pub pool: Option<Sp<Decimal>>,
    /// A `pool` was written but was not a valid amount (so sums are not compared).
    pub pool_invalid: bool,
    pub currency: Option<Sp<String>>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub period: Option<String>,
    pub notes: Option<String>,
}

pub fn convert_dataset(cx: &mut Cx, table: &DeTable<'_>, header: Range<usize>) -> RawMeta {
    let header = cx.span(header);
    let mut m = RawMeta {
        header: header.clone(),
        ..RawMeta::default()
    };
    let mut typos: Vec<&str> = Vec::new();
    for (k, v) in table.iter() {
        match k.get_ref().as_ref() {
            "title" => m.title = name(cx, v, "title"),
            "pool" => {
                m.pool = amount(cx, v, "pool");
                m.pool_invalid = m.pool.is_none();
            }
            "currency" => {
                if let Some(s) = string(cx, v, "currency") {
                    if s.value.len() == 3 && s.value.bytes().all(|b| b.is_ascii_uppercase()) {
                        m.currency = Some(s);
                    } else {
                        let up = s.value.trim().to_ascii_uppercase();
                        let hint = if up.len() == 3 && up.bytes().all(|b| b.is_ascii_uppercase()) {
                            format!("write the code in capitals: currency = \"{up}\"")
                        } else {
                            "use a three-letter ISO 4217 code such as \"DKK\", \"EUR\" or \"SEK\""
                                .to_string()
                        };
                        cx.push(
                            Problem::new(
                                s.span,
                                format!(
                                    "invalid currency \"{}\": a currency is three upper-case letters",
                                    sanitize_line(&s.value)
                                ),
                            )
                            .label("not an ISO 4217 code")
                            .hint(hint),
                        );
                    }
                }
            }
            "source" => m.source = line_text(cx, v, "source"),
            "published" => m.published = date(cx, v, "published"),
            "period" => m.period = line_text(cx, v, "period"),
            "notes" => m.notes = block_text(cx, v, "notes"),
            _ => typos.extend(unknown_key(cx, k, "[dataset]", DATASET_KEYS, table)),
        }
    }
    if !table.contains_key("title") && !typos.contains(&"title") {
        missing(
            cx,
            &header,
            "[dataset]",
            "title",
            "\"Kriminalpræventive projekter 2014–2015\"",
        );
    }
    m
}

/// One `[[district]]`, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDistrict {
    pub header: Range<usize>,
    pub id: Option<Sp<String>>,
    pub name: Option<String>,
    pub short: Option<String>,
    pub tile: Option<Sp<Tile>>,
    pub hq: Option<String>,
    pub municipalities: Vec<Sp<String>>,
    pub shapes: Vec<Sp<String>>,
    pub population: Option<u64>,
    /// Something in this entry was invalid (the entry is kept for cross-checks only).
    pub invalid: bool,
}

pub fn convert_district(cx: &mut Cx, table: &DeTable<'_>, header: Range<usize>) -> RawDistrict {
    let before = cx.problems.len();
    let header = cx.span(header);
    let mut d = RawDistrict {
        header: header.clone(),
        ..RawDistrict::default()
    };
    let mut typos: Vec<&str> = Vec::new();
    for (k, v) in table.iter() {
        match k.get_ref().as_ref() {
            "id" => d.id = id(cx, v, "id", "district"),
            "name" => d.name = name(cx, v, "name").map(|s| s.value),
            "short" => d.short = line_text(cx, v, "short"),
            "tile" => d.tile = tile(cx, v),
            "hq" => d.hq = line_text(cx, v, "hq"),
            "municipalities" => d.municipalities = string_list(cx, v, "municipalities"),
            "shapes" => d.shapes = string_list(cx, v, "shapes"),
            "population" => d.population = positive_int(cx, v, "population"),
            _ => typos.extend(unknown_key(cx, k, "[[district]]", DISTRICT_KEYS, table)),
        }
    }
    if !table.contains_key("id") && !typos.contains(&"id") {
        let example = d
            .name
            .as_deref()
            .map(suggest_id)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "koebenhavn".into());
        missing(cx, &header, "[[district]]", "id", &format!("\"{example}\""));
    }
    if !table.contains_key("name") && !typos.contains(&"name") {
        missing(cx, &header, "[[district]]", "name", "\"Københavns Politi\"");
    }
    d.invalid = cx.problems.len() > before;
    d
}

/// One `[[project]]`, as read: the project as far as it could be read (the model's compact form,
/// so that the loader never holds a second copy of every project's text) and the spans that
/// `validate` may point at. Until `validate` resolves the district, the project's text ends with
/// the district reference as written (see [`RawProject::district`]), and its `district` field
/// says where that starts (see [`RawProject::into_project`]).
///
/// 96 bytes, of which 64 are the project: a big file holds all of them at once, beside its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawProject {
    /// Private: until [`RawProject::into_project`] its last theme reads with the district reference
    /// on it, and its `district` is that reference's offset, not an index.
    project: Project,
    /// Start and end of the id, district and amount values ([`NOT_READ`] for a key that was not
    /// read), when they fit in 32 bits (always, short of a file over 4 GiB).
    spans: [u32; 6],
    /// The spans otherwise.
    wide: Option<Box<[Option<Range<usize>>; 3]>>,
}

/// A key that was not read, in [`RawProject`]'s 32-bit spans.
const NOT_READ: u32 = u32::MAX;

impl RawProject {
    fn span(&self, k: usize) -> Option<Range<usize>> {
        match &self.wide {
            Some(w) => w.get(k).cloned().flatten(),
            None => {
                let start = *self.spans.get(2 * k)?;
                let end = *self.spans.get(2 * k + 1)?;
                (start != NOT_READ).then_some(start as usize..end as usize)
            }
        }
    }

    /// The id as written (valid) and its span.
    pub fn id(&self) -> Option<Sp<&str>> {
        Some(Sp {
            value: self.project.id()?,
            span: self.span(0)?,
        })
    }

    /// The district reference as written (not sanitised) and its span.
    pub fn district(&self) -> Option<Sp<&str>> {
        Some(Sp {
            span: self.span(1)?,
            value: self.project.tail(self.district_at()),
        })
    }

    pub fn amount(&self) -> Option<Sp<Decimal>> {
        Some(Sp {
            span: self.span(2)?,
            value: self.project.amount,
        })
    }

    /// Whether the name was read (a name is never empty: a blank one is reported instead).
    pub fn has_name(&self) -> bool {
        !self.project.name().is_empty()
    }

    /// Where the district reference starts in the project's text: while raw, the project's
    /// `district` field holds it.
    fn district_at(&self) -> u32 {
        u32::try_from(self.project.district).unwrap_or(u32::MAX)
    }

    /// The model's project, in district `district` (the reference taken off its text).
    pub fn into_project(self, district: usize) -> Project {
        let at = self.district_at();
        let mut p = self.project;
        p.cut_tail(at);
        p.district = district;
        p
    }
}

/// Collects one project's fields as they are read, in file order, and makes the [`RawProject`];
/// reused from project to project (its buffers keep their capacity).
#[derive(Debug, Clone, Default)]
pub struct RawProjectBuilder {
    pub text: ProjectBuilder,
    id_span: Option<Range<usize>>,
    district: String,
    district_span: Option<Range<usize>>,
    amount: Option<Sp<Decimal>>,
}

impl RawProjectBuilder {
    /// A valid id, already written into `text`'s [`Part::Id`].
    pub fn id_at(&mut self, span: Range<usize>) {
        self.id_span = Some(span);
    }

    pub fn district(&mut self, value: &str, span: Range<usize>) {
        value.clone_into(&mut self.district);
        self.district_span = Some(span);
    }

    /// The name's buffer, emptied: write the name (trimmed, sanitised, not empty) into it.
    pub fn name(&mut self) -> &mut String {
        self.text.part(Part::Name)
    }

    pub fn amount(&mut self, amount: Sp<Decimal>) {
        self.amount = Some(amount);
    }

    /// Empties the builder (keeping its buffers' capacity).
    pub fn reset(&mut self) {
        self.text.reset();
        self.district.clear();
        self.id_span = None;
        self.district_span = None;
        self.amount = None;
    }

    /// The project read so far, and the builder emptied for the next one.
    pub fn finish(&mut self) -> RawProject {
        let amount = self.amount.take();
        let value = amount.as_ref().map_or(Decimal::ZERO, |a| a.value);
        let (mut project, district_at) = self.text.build(0, value, &self.district);
        project.district = district_at as usize;
        let spans = [
            self.id_span.take(),
            self.district_span.take(),
            amount.map(|a| a.span),
        ];
        let mut compact = [NOT_READ; 6];
        let mut fits = true;
        for (k, r) in spans.iter().enumerate() {
            let Some(r) = r else { continue };
            match (
                u32::try_from(r.start).ok().filter(|&s| s != NOT_READ),
                u32::try_from(r.end).ok(),
                compact.get_mut(2 * k..2 * k + 2),
            ) {
                (Some(start), Some(end), Some(slot)) => slot.copy_from_slice(&[start, end]),
                _ => fits = false,
            }
        }
        self.district.clear();
        RawProject {
            project,
            spans: if fits { compact } else { [NOT_READ; 6] },
            wide: (!fits).then(|| Box::new(spans)),
        }
    }
}

pub fn convert_project(cx: &mut Cx, table: &DeTable<'_>, header: Range<usize>) -> RawProject {
    let header = cx.span(header);
    let mut p = RawProjectBuilder::default();
    let mut typos: Vec<&str> = Vec::new();
    for (k, v) in table.iter() {
        match k.get_ref().as_ref() {
            "id" => {
                if let Some(id) = id(cx, v, "id", "project") {
                    p.text.part(Part::Id).push_str(&id.value);
                    p.id_at(id.span);
                }
            }
            "district" => {
                if let Some(d) = string(cx, v, "district") {
                    p.district(&d.value, d.span);
                }
            }
            "name" => {
                if let Some(n) = name(cx, v, "name") {
                    p.name().push_str(&n.value);
                }
            }
            "amount" => {
                if let Some(a) = amount(cx, v, "amount") {
                    p.amount(a);
                }
            }
            "partners" | "themes" => {
                let list = if k.get_ref().as_ref() == "partners" {
                    List::Partners
                } else {
                    List::Themes
                };
                p.text.clear(list);
                for s in string_list(cx, v, k.get_ref().as_ref()) {
                    p.text.entry_buf(list).push_str(&s.value);
                }
            }
            "target" => {
                if let Some(t) = line_text(cx, v, "target") {
                    p.text.part(Part::Target).push_str(&t);
                }
            }
            "summary" => {
                if let Some(t) = block_text(cx, v, "summary") {
                    p.text.part(Part::Summary).push_str(&t);
                }
            }
            _ => typos.extend(unknown_key(cx, k, "[[project]]", PROJECT_KEYS, table)),
        }
    }
    if !table.contains_key("district") && !typos.contains(&"district") {
        missing(cx, &header, "[[project]]", "district", "\"koebenhavn\"");
    }
    if !table.contains_key("name") && !typos.contains(&"name") {
        missing(cx, &header, "[[project]]", "name", "\"Projekt Pin-point\"");
    }
    if !table.contains_key("amount") && !typos.contains(&"amount") {
        missing(cx, &header, "[[project]]", "amount", "2_875_000");
    }
    p.finish()
}

/// `[map]`, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawMap {
    pub header: Range<usize>,
    pub geometry: Option<Sp<String>>,
    pub key: Option<Sp<String>>,
    pub bbox: Option<[f64; 4]>,
    /// The span of `bbox`'s value, when written.
    pub bbox_span: Option<Range<usize>>,
    /// `(name, bbox, span of the inset's header)`.
    pub insets: Vec<(String, [f64; 4], Range<usize>)>,
}

/// `[west, south, east, north]` in degrees.
pub fn bbox(cx: &mut Cx, v: &Spanned<DeValue<'_>>, key: &str) -> Option<[f64; 4]> {
    let span = cx.span(v.span());
    let hint =
        format!("write [west, south, east, north] in degrees: {key} = [8.0, 54.5, 12.8, 57.8]");
    let DeValue::Array(items) = v.get_ref() else {
        cx.push(
            Problem::new(
                span,
                format!("`{key}` must be four numbers, not {}", kind(v.get_ref())),
            )
            .label("not a bounding box")
            .hint(hint),
        );
        return None;
    };
    if items.len() != 4 {
        cx.push(
            Problem::new(
                span,
                format!("`{key}` must have four numbers, not {}", items.len()),
            )
            .label("not [west, south, east, north]")
            .hint(hint),
        );
        return None;
    }
    let mut out = [0.0f64; 4];
    for (slot, item) in out.iter_mut().zip(items.iter()) {
        let n = match item.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(_) => match integer(item.get_ref()) {
                Some(Ok(i)) => Some(i as f64),
                _ => None,
            },
            _ => None,
        };
        match n.filter(|n| n.is_finite()) {
            Some(n) => *slot = n,
            None => {
                let ispan = cx.span(item.span());
                cx.push(
                    Problem::new(
                        ispan,
                        format!(
                            "`{key}` must hold finite numbers, not {}",
                            kind(item.get_ref())
                        ),
                    )
                    .label("not a coordinate")
                    .hint(hint),
                );
                return None;
            }
        }
    }
    let [w, s, e, n] = out;
    let problem = if !(-180.0..=180.0).contains(&w) || !(-180.0..=180.0).contains(&e) {
        Some("longitudes go from -180 to 180")
    } else if !(-90.0..=90.0).contains(&s) || !(-90.0..=90.0).contains(&n) {
        Some("latitudes go from -90 to 90")
    } else if w >= e {
        Some("west must be less than east")
    } else if s >= n {
        Some("south must be less than north")
    } else {
        None
    };
    if let Some(msg) = problem {
        cx.push(
            Problem::new(span, format!("invalid `{key}`: {msg}"))
                .label("not [west, south, east, north]")
                .hint(hint),
        );
        return None;
    }
    Some(out)
}

pub fn convert_map(cx: &mut Cx, table: &DeTable<'_>, header: Range<usize>) -> RawMap {
    let header = cx.span(header);
    let mut m = RawMap {
        header: header.clone(),
        ..RawMap::default()
    };
    let mut typos: Vec<&str> = Vec::new();
    for (k, v) in table.iter() {
        match k.get_ref().as_ref() {
            "geometry" => m.geometry = name(cx, v, "geometry"),
            "key" => m.key = name(cx, v, "key"),
            "bbox" => {
                m.bbox = bbox(cx, v, "bbox");
                m.bbox_span = Some(cx.span(v.span()));
            }
            "inset" => {
                let DeValue::Array(items) = v.get_ref() else {
                    let span = cx.span(v.span());
                    cx.push(
                        Problem::new(
                            span,
                            format!(
                                "`inset` must be written as [[map.inset]] tables, not {}",
                                kind(v.get_ref())
                            ),
                        )
                        .label("not a list of insets")
                        .hint("write each inset as a [[map.inset]] table with `name` and `bbox`"),
                    );
                    continue;
                };
                for item in items.iter() {
                    let Some(t) = as_table(cx, item, "[[map.inset]]") else {
                        continue;
                    };
                    let ih = cx.span(item.span());
                    let mut typos: Vec<&str> = Vec::new();
                    let mut iname = None;
                    let mut ibbox = None;
                    for (ik, iv) in t.iter() {
                        match ik.get_ref().as_ref() {
                            "name" => iname = name(cx, iv, "name"),
                            "bbox" => ibbox = bbox(cx, iv, "bbox"),
                            _ => typos.extend(unknown_key(cx, ik, "[[map.inset]]", INSET_KEYS, t)),
                        }
                    }
                    if !t.contains_key("name") && !typos.contains(&"name") {
                        missing(cx, &ih, "[[map.inset]]", "name", "\"Bornholm\"");
                    }
                    if !t.contains_key("bbox") && !typos.contains(&"bbox") {
                        missing(
                            cx,
                            &ih,
                            "[[map.inset]]",
                            "bbox",
                            "[14.6, 54.95, 15.25, 55.35]",
                        );
                    }
                    if let (Some(n), Some(b)) = (iname, ibbox) {
                        m.insets.push((n.value, b, ih));
                    }
                }
            }
            _ => typos.extend(unknown_key(cx, k, "[map]", MAP_KEYS, table)),
        }
    }
    if !table.contains_key("geometry") && !typos.contains(&"geometry") {
        missing(cx, &header, "[map]", "geometry", "\"dk-kommuner-2014\"");
    }
    m
}

/// Everything the file holds, entry by entry, in file order. A chunked loader builds one per chunk
/// and joins them with [`RawFile::append`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFile {
    pub meta: Option<RawMeta>,
    pub districts: Vec<RawDistrict>,
    pub projects: Vec<RawProject>,
    pub map: Option<RawMap>,
    /// Top-level tables (`"dataset"`, `"district"`, …) that were written but could not be read:
    /// not a table or a list of tables as they should be, or under a misspelt name (`[datset]`).
    /// That is already reported, so "the file has no [dataset]" would be a second message for one
    /// mistake, pointing somewhere else.
    pub miswritten: Vec<&'static str>,
}

impl RawFile {
    /// Adds the entries of a later part of the same file. A second `[dataset]` or `[map]` (which the
    /// whole-file parse rejects as a table defined twice) is reported, so that chunking never accepts
    /// what the whole file would not.
    pub fn append(&mut self, mut later: RawFile, problems: &mut Vec<Problem>) {
        for (mine, theirs, name) in [
            (
                self.meta.as_ref().map(|m| m.header.clone()),
                later.meta.as_ref().map(|m| m.header.clone()),
                "[dataset]",
            ),
            (
                self.map.as_ref().map(|m| m.header.clone()),
                later.map.as_ref().map(|m| m.header.clone()),
                "[map]",
            ),
        ] {
            if let (Some(first), Some(again)) = (mine, theirs) {
                problems.push(
                    Problem::new(again, format!("{name} is defined twice"))
                        .label("defined again here")
                        .hint(format!("a file has one {name} table; merge the two"))
                        .note(Some(first), "first defined here"),
                );
            }
        }
        if self.meta.is_none() {
            self.meta = later.meta.take();
        }
        if self.map.is_none() {
            self.map = later.map.take();
        }
        self.miswritten.append(&mut later.miswritten);
        self.districts.append(&mut later.districts);
        self.projects.append(&mut later.projects);
    }
}

/// Converts a parsed document (or a chunk of one): dispatches each top-level key to its entry
/// function and reports unknown top-level keys.
pub fn convert_document(cx: &mut Cx, root: &DeTable<'_>) -> RawFile {
    let mut raw = RawFile::default();
    for (k, v) in root.iter() {
        let key = k.get_ref().as_ref();
        match (key, v.get_ref()) {
            ("dataset", DeValue::Table(t)) => {
                raw.meta = Some(convert_dataset(cx, t, v.span()));
            }
            ("map", DeValue::Table(t)) => raw.map = Some(convert_map(cx, t, v.span())),
            ("district" | "project", DeValue::Array(items)) => {
                let what = if key == "district" {
                    "[[district]]"
                } else {
                    "[[project]]"
                };
                for item in items.iter() {
                    let Some(t) = as_table(cx, item, what) else {
                        continue;
                    };
                    if key == "district" {
                        raw.districts.push(convert_district(cx, t, item.span()));
                    } else {
                        raw.projects.push(convert_project(cx, t, item.span()));
                    }
                }
            }
            ("district" | "project", DeValue::Table(_)) => {
                raw.miswritten.extend(TOP_KEYS.iter().find(|k| **k == key));
                let span = cx.span(v.span());
                cx.push(
                    Problem::new(
                        span,
                        format!("`[{key}]` must be written with double brackets: [[{key}]]"),
                    )
                    .label("a single table")
                    .hint(format!(
                        "each {key} is one entry of a list of tables: start it with [[{key}]]"
                    )),
                );
            }
            ("dataset" | "map", DeValue::Array(_)) => {
                raw.miswritten.extend(TOP_KEYS.iter().find(|k| **k == key));
                let span = cx.span(v.span());
                cx.push(
                    Problem::new(
                        span,
                        format!("[{key}] must be one table, written [{key}], not a list"),
                    )
                    .label("a list of tables")
                    .hint(format!("write the header with single brackets: [{key}]")),
                );
            }
            ("dataset" | "map" | "district" | "project", other) => {
                raw.miswritten.extend(TOP_KEYS.iter().find(|k| **k == key));
                let span = cx.span(v.span());
                cx.push(
                    Problem::new(
                        span,
                        format!("`{key}` must be a table, not {}", kind(other)),
                    )
                    .label("not a table")
                    .hint(format!("see docs/format.md for how to write [{key}]")),
                );
            }
            _ => {
                // A misspelt table name (`[datset]`): the one error is the typo, with its hint.
                raw.miswritten
                    .extend(unknown_key(cx, k, "the top level", TOP_KEYS, root));
            }
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_project_stays_small() {
        // A big file's raw projects all exist at once, beside its text.
        assert_eq!(std::mem::size_of::<RawProject>(), 96);
    }

    #[test]
    fn raw_spans_past_4_gib_are_kept_exactly() {
        let mut b = RawProjectBuilder::default();
        b.name().push_str("Projekt");
        b.district("d", 5_000_000_000..5_000_000_003);
        b.amount(Sp {
            value: Decimal::ONE,
            span: 10..11,
        });
        let raw = b.finish();
        assert_eq!(raw.district().unwrap().span, 5_000_000_000..5_000_000_003);
        assert_eq!(raw.district().unwrap().value, "d");
        assert_eq!(raw.amount().unwrap().span, 10..11);
        assert!(raw.id().is_none());
        assert_eq!(raw.into_project(7).district, 7);
    }
}
