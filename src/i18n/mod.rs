//! Every word the dashboard shows, in Danish (the default) and English. Formatted messages are
//! functions here, so word order can differ between languages.

pub mod change;
pub mod tools;

pub use change::{change_needs_loaded, change_needs_two, change_words};

pub use crate::locale::Locale;

use crate::input::action::{Action, Dir};

/// The fixed UI words of one language.
#[derive(Debug)]
pub struct Strings {
    pub overview: &'static str,
    pub pool: &'static str,
    pub allocated: &'static str,
    pub not_itemised: &'static str,
    pub source: &'static str,
    pub period: &'static str,
    pub map: &'static str,
    pub bars: &'static str,
    pub detail: &'static str,
    pub hq: &'static str,
    pub municipalities: &'static str,
    pub total: &'static str,
    pub of_pool: &'static str,
    pub share: &'static str,
    pub of_district: &'static str,
    pub projects: &'static str,
    pub no_projects: &'static str,
    pub legend_empty: &'static str,
    pub amount: &'static str,
    pub district: &'static str,
    pub partners: &'static str,
    pub target: &'static str,
    pub themes: &'static str,
    pub summary: &'static str,
    pub none: &'static str,
    pub help_title: &'static str,
    pub help_footer: &'static str,
    pub help_keys: &'static str,
    pub help_action: &'static str,
    pub help_mouse: &'static str,
    pub hint_move: &'static str,
    pub hint_open: &'static str,
    pub hint_back: &'static str,
    pub hint_focus: &'static str,
    pub hint_help: &'static str,
    pub hint_quit: &'static str,
    pub hint_scroll: &'static str,
    /// The arrow keys' names (up, down, left, right), where they are spelled out (`--plain`).
    pub arrow_keys: [&'static str; 4],
}

static DA: Strings = Strings {
    overview: "Oversigt",
    pool: "Pulje",
    allocated: "Fordelt",
    not_itemised: "Ikke specificeret",
    source: "Kilde",
    period: "Periode",
    map: "Kort",
    bars: "Fordeling",
    detail: "Detaljer",
    hq: "Hovedsæde",
    municipalities: "Kommuner",
    total: "I alt",
    of_pool: "af puljen",
    share: "Andel",
    of_district: "af kredsen",
    projects: "Projekter",
    no_projects: "Ingen projekter i denne runde",
    legend_empty: "ingen projekter",
    amount: "Beløb",
    district: "Kreds",
    partners: "Partnere",
    target: "Målgruppe",
    themes: "Temaer",
    summary: "Beskrivelse",
    none: "–",
    help_title: "Hjælp – taster",
    help_footer: "? eller Esc lukker",
    help_keys: "Taster",
    help_action: "Handling",
    help_mouse: "Mus: klik vælger, klik igen åbner, hjulet ruller. --no-mouse slår musen fra.",
    hint_move: "flyt",
    hint_open: "åbn",
    hint_back: "tilbage",
    hint_focus: "panel",
    hint_help: "hjælp",
    hint_quit: "afslut",
    hint_scroll: "rul",
    arrow_keys: ["Op", "Ned", "Venstre", "Højre"],
};

static EN: Strings = Strings {
    overview: "Overview",
    pool: "Pool",
    allocated: "Allocated",
    not_itemised: "Not itemised",
    source: "Source",
    period: "Period",
    map: "Map",
    bars: "Allocation",
    detail: "Detail",
    hq: "Headquarters",
    municipalities: "Municipalities",
    total: "Total",
    of_pool: "of the pool",
    share: "Share",
    of_district: "of the district",
    projects: "Projects",
    no_projects: "No projects in this round",
    legend_empty: "no projects",
    amount: "Amount",
    district: "District",
    partners: "Partners",
    target: "Target group",
    themes: "Themes",
    summary: "Summary",
    none: "–",
    help_title: "Help – keys",
    help_footer: "? or Esc closes",
    help_keys: "Keys",
    help_action: "Action",
    help_mouse: "Mouse: click selects, click again opens, the wheel scrolls. --no-mouse turns it off.",
    hint_move: "move",
    hint_open: "open",
    hint_back: "back",
    hint_focus: "pane",
    hint_help: "help",
    hint_quit: "quit",
    hint_scroll: "scroll",
    arrow_keys: ["Up", "Down", "Left", "Right"],
};

/// The words of a language.
pub fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::Da => &DA,
        Locale::En => &EN,
    }
}

/// What an action does, for the help overlay.
pub fn describe(action: Action, locale: Locale) -> &'static str {
    let da = locale == Locale::Da;
    match action {
        Action::Move(Dir::Up) => {
            if da {
                "op (kort: nærmeste kreds mod nord)"
            } else {
                "up (map: nearest district north)"
            }
        }
        Action::Move(Dir::Down) => {
            if da {
                "ned (kort: nærmeste kreds mod syd)"
            } else {
                "down (map: nearest district south)"
            }
        }
        Action::Move(Dir::Left) => {
            if da {
                "venstre (kort: mod vest)"
            } else {
                "left (map: west)"
            }
        }
        Action::Move(Dir::Right) => {
            if da {
                "højre (kort: mod øst)"
            } else {
                "right (map: east)"
            }
        }
        Action::Enter => {
            if da {
                "åbn: kreds → projekter → projekt"
            } else {
                "open: district → projects → project"
            }
        }
        Action::Back => {
            if da {
                "tilbage et niveau"
            } else {
                "back one level"
            }
        }
        Action::FocusNext => {
            if da {
                "næste panel"
            } else {
                "next pane"
            }
        }
        Action::FocusPrev => {
            if da {
                "forrige panel"
            } else {
                "previous pane"
            }
        }
        Action::First => {
            if da {
                "første i listen"
            } else {
                "first in the list"
            }
        }
        Action::Last => {
            if da {
                "sidste i listen"
            } else {
                "last in the list"
            }
        }
        Action::PageUp => {
            if da {
                "en side op (kort: en side af kredslisten)"
            } else {
                "page up (map: a page of the district list)"
            }
        }
        Action::PageDown => {
            if da {
                "en side ned (kort: en side af kredslisten)"
            } else {
                "page down (map: a page of the district list)"
            }
        }
        Action::ToggleHelp => {
            if da {
                "vis/skjul denne hjælp"
            } else {
                "show/hide this help"
            }
        }
        Action::ToggleMapMode => {
            if da {
                "kort: omrids ↔ fliser"
            } else {
                "map: outline ↔ tiles"
            }
        }
        Action::ToggleZoom => {
            if da {
                "kort: zoom ind på kredsen og ud igen"
            } else {
                "map: zoom to the district and back"
            }
        }
        Action::Quit => {
            if da {
                "afslut"
            } else {
                "quit"
            }
        }
        Action::Resize(..) | Action::Click(..) | Action::Scroll(..) => "",
        other => crate::i18n::tools::describe(other, locale),
    }
}

pub use crate::i18n::tools::{
    ToolStrings, export_failed, exported, reload_banner, search_hint, tools,
};

/// The status line when `render --keys` meets the export key: render draws, it writes no file.
pub fn export_not_in_render(locale: Locale) -> &'static str {
    match locale {
        Locale::Da => "Eksport: render skriver ingen fil; brug kredskort export",
        Locale::En => "Export: render writes no file; use kredskort export",
    }
}

/// The status line when the file watcher fails: the data on screen stays, but may go stale.
pub fn watch_failed(err: &str, locale: Locale) -> String {
    let e = crate::text::sanitize_line(err);
    match locale {
        Locale::Da => {
            format!("Filovervågningen svigtede: {e}; de senest indlæste data vises, r genindlæser")
        }
        Locale::En => {
            format!("Watching the data files failed: {e}; showing the last loaded data, r reloads")
        }
    }
}

/// The message of the too-small screen.
pub fn too_small(need: (u16, u16), have: (u16, u16), locale: Locale) -> String {
    match locale {
        Locale::Da => format!(
            "Terminalen er for lille: mindst {}×{} kræves, den er {}×{}.",
            need.0, need.1, have.0, have.1
        ),
        Locale::En => format!(
            "The terminal is too small: it must be at least {}×{}, it is {}×{}.",
            need.0, need.1, have.0, have.1
        ),
    }
}

/// `12 af 40` / `12 of 40`: a scroll position.
pub fn position(at: usize, of: usize, locale: Locale) -> String {
    match locale {
        Locale::Da => format!("{at} af {of}"),
        Locale::En => format!("{at} of {of}"),
    }
}

/// `1 projekt`, `2 projekter`, `1.000 projekter` / `1 project`, `1,000 projects`: a count in the
/// locale's number format with the singular or plural word. The one place that chooses between them
/// (Danish and English both use the singular for exactly one).
pub fn count(n: usize, one: &str, many: &str, locale: Locale) -> String {
    let num = crate::locale::format_number(rust_decimal::Decimal::from(n), 0, locale);
    format!("{num} {}", if n == 1 { one } else { many })
}

/// `1–57 af 1.000 kredse` / `1–57 of 1,000 districts`: which districts a scrolled list shows (counts
/// in the locale's number format; the not-itemised row is not a district and is not counted).
pub fn district_range(first: usize, last: usize, of: usize, locale: Locale) -> String {
    let n = |v: usize| crate::locale::format_number(rust_decimal::Decimal::from(v), 0, locale);
    let range = if first == last {
        n(first)
    } else {
        format!("{}–{}", n(first), n(last))
    };
    match locale {
        Locale::Da => format!("{range} af {}", count(of, "kreds", "kredse", locale)),
        Locale::En => format!("{range} of {}", count(of, "district", "districts", locale)),
    }
}

/// `1–18 af 1.000` / `1–18 of 1,000`: [`district_range`] without the word, for narrow panes.
pub fn district_range_short(first: usize, last: usize, of: usize, locale: Locale) -> String {
    let n = |v: usize| crate::locale::format_number(rust_decimal::Decimal::from(v), 0, locale);
    let range = if first == last {
        n(first)
    } else {
        format!("{}–{}", n(first), n(last))
    };
    position_text(&range, &n(of), locale)
}

fn position_text(at: &str, of: &str, locale: Locale) -> String {
    match locale {
        Locale::Da => format!("{at} af {of}"),
        Locale::En => format!("{at} of {of}"),
    }
}

/// The map window when the tile grid scrolls: `rækker 7–32 af 32 · kolonner 1–15 af 32`.
pub fn map_window(rows: (u16, u16, u16), cols: (u16, u16, u16), locale: Locale) -> String {
    let (rw, cw) = match locale {
        Locale::Da => ("rækker", "kolonner"),
        Locale::En => ("rows", "columns"),
    };
    let part = |word: &str, (a, b, n): (u16, u16, u16)| {
        let range = if a == b {
            a.to_string()
        } else {
            format!("{a}–{b}")
        };
        format!("{word} {}", position_text(&range, &n.to_string(), locale))
    };
    let mut out = Vec::new();
    if rows.1 - rows.0 + 1 < rows.2 || rows.0 > 1 {
        out.push(part(rw, rows));
    }
    if cols.1 - cols.0 + 1 < cols.2 || cols.0 > 1 {
        out.push(part(cw, cols));
    }
    out.join(" · ")
}

/// After a list cut short: ` … og 9.950 til` / ` … and 9,950 more`.
pub fn and_more(n: usize, locale: Locale) -> String {
    let n = crate::locale::format_number(rust_decimal::Decimal::from(n), 0, locale);
    match locale {
        Locale::Da => format!(" … og {n} til"),
        Locale::En => format!(" … and {n} more"),
    }
}

/// After a long text cut short in the detail pane.
pub fn cut_short(locale: Locale) -> &'static str {
    match locale {
        Locale::Da => "… (teksten er afkortet her; hele teksten står i datafilen)",
        Locale::En => "… (the text is cut short here; the data file has all of it)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_singular_for_one_only() {
        let w = tools(Locale::Da);
        assert_eq!(count(1, w.hit_one, w.hit_many, Locale::Da), "1 resultat");
        assert_eq!(count(2, w.hit_one, w.hit_many, Locale::Da), "2 resultater");
        assert_eq!(count(0, w.hit_one, w.hit_many, Locale::Da), "0 resultater");
        assert_eq!(
            count(1000, w.project_one, w.project_many, Locale::Da),
            "1.000 projekter"
        );
        let w = tools(Locale::En);
        assert_eq!(count(1, w.hit_one, w.hit_many, Locale::En), "1 match");
        assert_eq!(count(2, w.hit_one, w.hit_many, Locale::En), "2 matches");
        assert_eq!(
            count(1000, w.project_one, w.project_many, Locale::En),
            "1,000 projects"
        );
        assert_eq!(
            count(1, w.project_one, w.project_many, Locale::En),
            "1 project"
        );
    }

    #[test]
    fn district_ranges_say_one_district() {
        assert_eq!(district_range(1, 1, 1, Locale::Da), "1 af 1 kreds");
        assert_eq!(district_range(1, 1, 1, Locale::En), "1 of 1 district");
        assert_eq!(
            district_range(1, 57, 1000, Locale::Da),
            "1–57 af 1.000 kredse"
        );
        assert_eq!(
            district_range(1, 57, 1000, Locale::En),
            "1–57 of 1,000 districts"
        );
    }
}
