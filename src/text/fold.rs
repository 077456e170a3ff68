//! Text folding for matching and Danish-aware ordering. Pure functions, no allocation beyond the result.
//!
//! # The folding scheme (used by search)
//!
//! Two forms are computed for every piece of text, and a query matches when it matches in **either**:
//!
//! 1. **Literal form** ([`fold_literal`]): lower case, diacritics removed (`é`→`e`, `ü`→`u`, `ö`→`o`,
//!    `ä`→`a`, `ñ`→`n`…), and the letters without a decomposition spelled the usual ASCII way:
//!    `æ`→`ae`, `ø`→`oe`, `å`→`aa`, `œ`→`oe`, `ß`→`ss`, `þ`→`th`, `ð`/`đ`→`d`, `ł`→`l`. Control characters and
//!    every kind of white space become one plain space. Plain ASCII text is only lower-cased.
//! 2. **Canonical form** ([`fold`]): the literal form with the digraphs collapsed, left to right:
//!    `aa`→`a`, `ae`→`a`, `oe`→`o`. So `København`, `Koebenhavn` and `Kobenhavn` all become
//!    `kobenhavn`; `Århus`, `Aarhus` and `Arhus` become `arhus`; `Sjælland`/`Sjaelland` become `sjalland`.
//!    The canonical form never contains `aa`, `ae` or `oe`, so folding it again changes nothing.
//!
//! Why two forms: the canonical form alone would miss literal substrings that straddle a collapsed
//! digraph (`el` in `Israel` → canonical `isral`; a lone `e` in `Poet` → `pot`). The literal form finds
//! those. Both forms are prefix-monotone: extending a query by a character extends (or keeps) both of its
//! forms, so the hits for `kob` are always a subset of the hits for `ko` (search may narrow incrementally).
//!
//! Known false matches (all from the canonical form; judged acceptable for finding things):
//! - a real `oe`, `ae` or `aa` in the text also matches the single letter: `pot` finds `Poet`, `dos` finds
//!   `does`, `michal` finds `Michael`, `aron` finds `Aaron`, `isral` finds `Israel`;
//! - `æ` matches a plain `a` (`sjalland` finds `Sjælland`), as `ø` matches `o` and `å` matches `a`;
//! - `ö`/`ä`/`ü` fold to `o`/`a`/`u` and so also match `oe`/`ae` (`malmoe` finds `Malmö`), but `ue` is
//!   not collapsed, so `muenchen` does not find `München` (`munchen` does).
//!
//! Covered scripts: Latin-1, Latin Extended-A/B and Latin Extended Additional are folded by a table;
//! combining marks (U+0300–U+036F) are dropped, so decomposed input folds like precomposed input. Other
//! scripts are only lower-cased.
//!
//! # Danish ordering ([`collation_key`])
//!
//! Name order for the Danish locale follows Danish dictionaries: letters `a`–`z`, then `æ`, `ø`, `å`
//! (in that order); `ä` sorts as `æ`, `ö` as `ø`, and a double `aa` as `å` (`Aalborg` after `Østjylland`,
//! as in Danish lists of place names); other accented letters sort with their base letter. For English,
//! the canonical-free literal form is used (`ø` as `oe`, `å` as `aa`). Case and accents only break ties.

use crate::locale::Locale;

/// Base letters for U+00C0..U+024F after removing diacritics; `.` means "no simple base letter".
const LATIN_TABLE: &str = concat!(
    "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y",
    "aaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll.",
    "...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.",
    "................................oo.............uu...............",
    ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....",
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............",
    "................",
);

/// Base letters for U+1E00..U+1EFF (Latin Extended Additional: Vietnamese, Welsh, …).
const LATIN_ADDITIONAL_TABLE: &str = concat!(
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm",
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv",
    "wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee",
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......",
);

fn table_base(table: &str, offset: u32) -> Option<char> {
    let b = *table.as_bytes().get(offset as usize)?;
    (b != b'.').then_some(b as char)
}

/// Appends the literal fold of one character to `out`.
fn push_literal(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_control() || c.is_ascii_whitespace() {
            out.push(' ');
        } else {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    let special = match c {
        'æ' | 'Æ' | 'ǽ' | 'Ǽ' | 'ǣ' | 'Ǣ' => "ae",
        'ø' | 'Ø' | 'ǿ' | 'Ǿ' | 'œ' | 'Œ' => "oe",
        'å' | 'Å' | 'ǻ' | 'Ǻ' => "aa",
        'ß' | 'ẞ' => "ss",
        'þ' | 'Þ' => "th",
        'ð' | 'Ð' | 'đ' | 'Đ' => "d",
        'ł' | 'Ł' | 'ŀ' | 'Ŀ' => "l",
        'ħ' | 'Ħ' => "h",
        'ı' => "i",
        'ĸ' => "k",
        'ŋ' | 'Ŋ' => "n",
        'ŧ' | 'Ŧ' => "t",
        'ĳ' | 'Ĳ' => "ij",
        'ſ' => "s",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return;
    }
    let cp = c as u32;
    let base = match cp {
        0x00C0..=0x024F => table_base(LATIN_TABLE, cp - 0x00C0),
        0x1E00..=0x1EFF => table_base(LATIN_ADDITIONAL_TABLE, cp - 0x1E00),
        // Combining diacritical marks: dropped.
        0x0300..=0x036F => return,
        _ => None,
    };
    match base {
        Some(b) => out.push(b),
        None if c.is_control() || c.is_whitespace() => out.push(' '),
        None => out.extend(c.to_lowercase()),
    }
}

/// The literal form: lower case, diacritics off, `æ`→`ae`, `ø`→`oe`, `å`→`aa`. See the module docs.
pub fn fold_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        push_literal(c, &mut out);
    }
    out
}

/// Whether `c` (after [`fold_literal`]) is punctuation that joins or separates words: hyphens
/// and dashes, apostrophes, quotes, slashes, dots, commas, brackets …
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '‐' | '‑'
                | '‒'
                | '–'
                | '—'
                | '―'
                | '−'
                | '‘'
                | '’'
                | '‚'
                | '“'
                | '”'
                | '„'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '…'
                | '·'
                | '•'
                | '§'
        )
}

/// The literal form for search ([`fold_literal`]) with punctuation as a word break: every mark
/// becomes a blank and runs of blanks one blank, so `Pin-point`, `pin point` and `pin - point`
/// all fold to `pin point`. Prefix-monotone like the literal form.
pub fn fold_search(s: &str) -> String {
    squeeze(&fold_literal(s), Some(' '))
}

/// The literal form for search with punctuation left out (`Pin-point` → `pinpoint`,
/// `Children's` → `childrens`), blanks squeezed: what `pinpoint` is matched against.
pub fn fold_joined(s: &str) -> String {
    squeeze(&fold_literal(s), None)
}

/// `folded` with each punctuation mark replaced by `punct` (or dropped), runs of blanks as one.
fn squeeze(folded: &str, punct: Option<char>) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        let c = if is_punct(c) {
            match punct {
                Some(p) => p,
                None => continue,
            }
        } else {
            c
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Collapses `aa`→`a`, `ae`→`a`, `oe`→`o` (left to right, on the output) in a literal form.
pub fn collapse(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len());
    let mut last = '\0';
    for c in literal.chars() {
        let skip = (c == 'e' && (last == 'a' || last == 'o')) || (c == 'a' && last == 'a');
        if !skip {
            out.push(c);
            last = c;
        }
    }
    out
}

/// The canonical matching form: `fold("København") == fold("koebenhavn") == "kobenhavn"`.
/// See the module docs for the scheme and its known false matches.
pub fn fold(s: &str) -> String {
    collapse(&fold_literal(s))
}

/// The ASCII spelling of a text for display (`--plain`), case kept: the Danish letters the Danish
/// way, `æ`→`ae`, `ø`→`oe`, `å`→`aa` (`Æ`→`Ae`, or `AE` next to another capital: `ÆRØ`→`AEROE`),
/// and `ä`/`ö`/`ü` likewise `ae`/`oe`/`ue`; other letters as their literal fold ([`fold_literal`]:
/// `é`→`e`, `ß`→`ss`, `Þ`→`Th`); dashes `-`, the ellipsis `~` (one column, as the plain theme's),
/// `·`/`•`/`◆` `*`, `×` `x`, `›`/`»`/`▶` `>`, `‹`/`«` `<`, `→` `->`, `↔` `<->`, `▲`/`▼` `^`/`v`;
/// anything else `?`. White space and controls are
/// one space. A letter may become two, so the result can be wider than `s`.
pub fn transliterate(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    let mut prev_upper = false;
    while let Some(c) = chars.next() {
        let was_upper = std::mem::replace(&mut prev_upper, c.is_uppercase());
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let digraph = match c {
            'æ' | 'ä' | 'ǽ' | 'ǣ' => Some("ae"),
            'ø' | 'ö' | 'ǿ' | 'œ' => Some("oe"),
            'å' | 'ǻ' => Some("aa"),
            'ü' => Some("ue"),
            'Æ' | 'Ä' | 'Ǽ' | 'Ǣ' => Some("AE"),
            'Ø' | 'Ö' | 'Ǿ' | 'Œ' => Some("OE"),
            'Å' | 'Ǻ' => Some("AA"),
            'Ü' => Some("UE"),
            _ => None,
        };
        let symbol = match c {
            '…' => Some("~"),
            '–' | '—' | '‐' | '‑' | '‒' | '―' | '─' | '−' => Some("-"),
            '·' | '•' => Some("*"),
            '×' => Some("x"),
            '›' | '»' => Some(">"),
            '→' => Some("->"),
            '←' => Some("<-"),
            '↔' => Some("<->"),
            '↑' => Some("^"),
            '↓' => Some("v"),
            '▶' | '►' => Some(">"),
            '◀' | '◄' => Some("<"),
            '▲' => Some("^"),
            '▼' => Some("v"),
            '◆' => Some("*"),
            '‹' | '«' => Some("<"),
            '\u{a0}' | '\u{202f}' => Some(" "),
            _ => None,
        };
        let mut folded = String::new();
        let spelled: &str = match (digraph, symbol) {
            (Some(d), _) => d,
            (None, Some(s)) => s,
            (None, None) => {
                push_literal(c, &mut folded);
                if folded.is_empty() {
                    // A combining mark: its base letter is spelled already.
                    continue;
                }
                if !folded.is_ascii() {
                    folded = "?".to_string();
                }
                &folded
            }
        };
        // A capital keeps its capital: `Ø` is `Oe` in `Østjylland`, `OE` in `ØSTJYLLAND`.
        if c.is_uppercase() && spelled.len() > 1 {
            let all_caps = was_upper || chars.peek().is_some_and(|n| n.is_uppercase());
            let mut it = spelled.chars();
            if let Some(first) = it.next() {
                out.push(first.to_ascii_uppercase());
            }
            for ch in it {
                out.push(if all_caps {
                    ch.to_ascii_uppercase()
                } else {
                    ch.to_ascii_lowercase()
                });
            }
        } else if c.is_uppercase() {
            out.push_str(&spelled.to_ascii_uppercase());
        } else {
            out.push_str(spelled);
        }
    }
    out
}

/// A key that sorts names in the order a reader of `locale` expects; compare keys with `Ord`.
/// The full text is the tie-breaker, so the order is total and stable across runs.
pub fn collation_key(s: &str, locale: Locale) -> CollationKey {
    let mut primary = Vec::with_capacity(s.len());
    match locale {
        Locale::Da => {
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                let weight = match c {
                    'æ' | 'Æ' | 'ä' | 'Ä' | 'ǽ' | 'Ǽ' => Some(DA_AE),
                    'ø' | 'Ø' | 'ö' | 'Ö' | 'ǿ' | 'Ǿ' | 'ő' | 'Ő' => Some(DA_OE),
                    'å' | 'Å' | 'ǻ' | 'Ǻ' => Some(DA_AA),
                    'a' | 'A' if matches!(chars.peek(), Some('a' | 'A')) => {
                        chars.next();
                        Some(DA_AA)
                    }
                    _ => None,
                };
                match weight {
                    Some(w) => primary.push(w),
                    None => {
                        let mut folded = String::new();
                        push_literal(c, &mut folded);
                        primary.extend(folded.chars().map(weight_of));
                    }
                }
            }
        }
        Locale::En => primary.extend(fold_literal(s).chars().map(weight_of)),
    }
    CollationKey {
        primary,
        full: s.to_string(),
    }
}

const DA_AE: u32 = 0x7B; // just after 'z' (0x7A)
const DA_OE: u32 = 0x7C;
const DA_AA: u32 = 0x7D;

fn weight_of(c: char) -> u32 {
    match c {
        // Spaces and punctuation sort before digits and letters.
        ' ' => 0x20,
        c if c.is_ascii_alphanumeric() => c as u32,
        c if c.is_ascii() => 0x21,
        c => 0x100 + c as u32,
    }
}

/// See [`collation_key`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey {
    primary: Vec<u32>,
    full: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_spells_danish_letters_the_danish_way() {
        assert_eq!(transliterate("Københavns Politi"), "Koebenhavns Politi");
        assert_eq!(
            transliterate("Østjylland Ærø Åbenrå"),
            "Oestjylland Aeroe Aabenraa"
        );
        assert_eq!(transliterate("ÆRØ ÅRHUS"), "AEROE AARHUS");
        assert_eq!(transliterate("Ø"), "Oe");
        assert_eq!(
            transliterate("Malmö Märta München"),
            "Malmoe Maerta Muenchen"
        );
        assert_eq!(transliterate("Café Straße Þór"), "Cafe Strasse Thor");
        assert_eq!(transliterate("Cafe\u{301}"), "Cafe");
        assert_eq!(transliterate("2014–2015 · a…"), "2014-2015 * a~");
        assert_eq!(transliterate("東京"), "??");
        assert_eq!(transliterate("kreds → projekt ↔"), "kreds -> projekt <->");
        assert_eq!(transliterate("plain ascii"), "plain ascii");
        for s in ["Køge", "ÆØÅ æøå", "Ψυχή", "a\u{a0}b"] {
            assert!(transliterate(s).is_ascii(), "{s}");
        }
    }

    #[test]
    fn danish_letters_fold_to_one_canonical_form() {
        for s in [
            "København",
            "Koebenhavn",
            "kobenhavn",
            "KØBENHAVN",
            "KOEBENHAVN",
        ] {
            assert_eq!(fold(s), "kobenhavn", "{s}");
        }
        for s in ["Århus", "Aarhus", "arhus", "AARHUS", "ÅRHUS"] {
            assert_eq!(fold(s), "arhus", "{s}");
        }
        assert_eq!(fold("Sjælland"), "sjalland");
        assert_eq!(fold("Sjaelland"), "sjalland");
        assert_eq!(fold("Vollsmose"), "vollsmose");
    }

    #[test]
    fn diacritics_are_removed() {
        assert_eq!(
            fold_literal("Café Über Malmö Ñandú"),
            "cafe uber malmo nandu"
        );
        assert_eq!(fold_literal("Łódź Straße Þór"), "lodz strasse thor");
        assert_eq!(fold_literal("Nguyễn"), "nguyen");
        // Decomposed input (e + combining acute) folds like precomposed.
        assert_eq!(fold_literal("Cafe\u{301}"), "cafe");
        assert_eq!(fold_literal("Ψυχή"), "ψυχή");
    }

    #[test]
    fn literal_form_keeps_ascii_and_spells_nordic_letters() {
        assert_eq!(fold_literal("Israel"), "israel");
        assert_eq!(fold_literal("Køge Å Æ"), "koege aa ae");
        assert_eq!(fold_literal("a\tb\nc\u{7}d\u{a0}e"), "a b c d e");
        // For search, punctuation is a word break, or left out.
        for s in [
            "Pin-point",
            "pin point",
            "PIN – point",
            "pin  -  point",
            "pin‐point",
        ] {
            assert_eq!(fold_search(s), "pin point", "{s}");
        }
        assert_eq!(fold_joined("Pin-point"), "pinpoint");
        assert_eq!(fold_joined("Children's"), "childrens");
        assert_eq!(fold_joined("Ikast-Brande Kommune"), "ikastbrande kommune");
        assert_eq!(fold_search("Ringkøbing-Skjern"), "ringkoebing skjern");
    }

    #[test]
    fn canonical_form_is_idempotent() {
        for s in [
            "aaae",
            "oeae",
            "Ææ øø åå",
            "Poet Aaron Michael",
            "koebenhavn",
            "aaa",
        ] {
            let once = fold(s);
            assert_eq!(fold(&once), once, "{s}");
            assert!(!once.contains("aa") && !once.contains("ae") && !once.contains("oe"));
        }
    }

    #[test]
    fn folding_is_prefix_monotone() {
        let word = "Københavns Vestegn Aarhus Poet Pin-point - x, y";
        let chars: Vec<char> = word.chars().collect();
        for i in 0..chars.len() {
            let a: String = chars[..i].iter().collect();
            let b: String = chars[..=i].iter().collect();
            assert!(fold(&b).starts_with(&fold(&a)), "{a} / {b}");
            assert!(fold_literal(&b).starts_with(&fold_literal(&a)));
            assert!(fold_search(&b).starts_with(&fold_search(&a)), "{a} / {b}");
            assert!(fold_joined(&b).starts_with(&fold_joined(&a)), "{a} / {b}");
            assert!(collapse(&fold_search(&b)).starts_with(&collapse(&fold_search(&a))));
        }
    }

    fn sorted(names: &[&str], locale: Locale) -> Vec<String> {
        let mut v: Vec<&str> = names.to_vec();
        v.sort_by_key(|n| collation_key(n, locale));
        v.into_iter().map(String::from).collect()
    }

    #[test]
    fn danish_order_puts_ae_oe_aa_after_z() {
        let names = [
            "Østjylland",
            "Århus",
            "Zealand",
            "Æbelø",
            "Aalborg",
            "Bornholm",
            "Odense",
            "Ærø",
        ];
        assert_eq!(
            sorted(&names, Locale::Da),
            [
                "Bornholm",
                "Odense",
                "Zealand",
                "Æbelø",
                "Ærø",
                "Østjylland",
                "Aalborg",
                "Århus"
            ]
        );
        // English: ø as oe, å as aa, æ as ae.
        assert_eq!(
            sorted(&names, Locale::En),
            [
                "Aalborg",
                "Århus",
                "Æbelø",
                "Ærø",
                "Bornholm",
                "Odense",
                "Østjylland",
                "Zealand"
            ]
        );
    }

    #[test]
    fn case_and_accents_only_break_ties() {
        let names = ["émile", "Emile", "emile", "Enok", "Éa"];
        assert_eq!(
            sorted(&names, Locale::Da),
            ["Éa", "Emile", "emile", "émile", "Enok"]
        );
    }
}
