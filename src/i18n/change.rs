//! The words of the change view (two rounds side by side), Danish and English.

use crate::locale::Locale;

/// The change view's words.
#[derive(Debug)]
pub struct ChangeWords {
    /// The view's name, as in the key hints and the header (`Udvikling`).
    pub title: &'static str,
    pub districts: &'static str,
    pub projects: &'static str,
    pub pool: &'static str,
    pub not_itemised: &'static str,
    pub change: &'static str,
    /// A district or project only in the later round / only in the earlier one.
    pub new: &'static str,
    pub ended: &'static str,
    /// On the change map: districts without a change.
    pub unchanged: &'static str,
    /// The change map's title.
    pub map: &'static str,
    /// Per inhabitant, where a round gives no population.
    pub no_population: &'static str,
    pub unit_compact: &'static str,
    pub unit_full: &'static str,
    pub unit_per_inhabitant: &'static str,
    /// After the scale's unit in the table's title, per inhabitant (`kr. pr. indbygger`).
    pub unit_per_inhabitant_suffix: &'static str,
    pub sort_change: &'static str,
    pub sort_decrease: &'static str,
    pub sort_name: &'static str,
    pub sort_listed: &'static str,
    pub hint_open: &'static str,
    pub hint_round: &'static str,
    pub hint_swap: &'static str,
    pub hint_unit: &'static str,
    pub hint_sort: &'static str,
    pub hint_close: &'static str,
    pub hint_back: &'static str,
    /// The view's name in the dashboard's key hints.
    pub hint_view: &'static str,
    pub no_projects: &'static str,
}

const DA: ChangeWords = ChangeWords {
    title: "Udvikling",
    districts: "Kredse",
    projects: "Projekter",
    pool: "Pulje",
    not_itemised: "Ikke specificeret",
    change: "Ændring",
    new: "ny",
    ended: "ophørt",
    unchanged: "uændret",
    map: "Kort · ændring",
    no_population: "uden befolkningstal",
    unit_compact: "mio. kr.",
    unit_full: "kr.",
    unit_per_inhabitant: "kr. pr. indbygger",
    unit_per_inhabitant_suffix: "pr. indbygger",
    sort_change: "største stigning først",
    sort_decrease: "største fald først",
    sort_name: "navn",
    sort_listed: "filens orden",
    hint_open: "projekter",
    hint_round: "runde",
    hint_swap: "byt",
    hint_unit: "enhed",
    hint_sort: "orden",
    hint_close: "luk",
    hint_back: "tilbage",
    hint_view: "udvikling",
    no_projects: "ingen projekter i nogen af runderne",
};

const EN: ChangeWords = ChangeWords {
    title: "Change",
    districts: "Districts",
    projects: "Projects",
    pool: "Pool",
    not_itemised: "Not itemised",
    change: "Change",
    new: "new",
    ended: "ended",
    unchanged: "unchanged",
    map: "Map · change",
    no_population: "no population",
    unit_compact: "DKK m",
    unit_full: "DKK",
    unit_per_inhabitant: "per inhabitant",
    unit_per_inhabitant_suffix: "per inhabitant",
    sort_change: "largest increase first",
    sort_decrease: "largest decrease first",
    sort_name: "name",
    sort_listed: "file order",
    hint_open: "projects",
    hint_round: "round",
    hint_swap: "swap",
    hint_unit: "unit",
    hint_sort: "order",
    hint_close: "close",
    hint_back: "back",
    hint_view: "change",
    no_projects: "no projects in either round",
};

pub fn change_words(locale: Locale) -> &'static ChangeWords {
    match locale {
        Locale::Da => &DA,
        Locale::En => &EN,
    }
}

/// `d` with fewer than two rounds open.
pub fn change_needs_two(locale: Locale) -> &'static str {
    match locale {
        Locale::Da => "Udvikling sammenligner to runder: åbn mindst to datafiler (faner)",
        Locale::En => "Change compares two rounds: open at least two data files (tabs)",
    }
}

/// The change view over a tab whose file did not load.
pub fn change_needs_loaded(locale: Locale) -> &'static str {
    match locale {
        Locale::Da => "Denne fanes fil kunne ikke indlæses: der er ingen runde at sammenligne",
        Locale::En => "This tab's file did not load: there is no round to compare",
    }
}

/// Two rounds in different currencies: why there are no numbers.
pub fn currencies_differ(first: (&str, &str), other: (&str, &str), locale: Locale) -> String {
    match locale {
        Locale::Da => format!(
            "Runderne kan ikke sammenlignes: {} er i {} og {} i {}",
            first.0, first.1, other.0, other.1
        ),
        Locale::En => format!(
            "The rounds cannot be compared: {} is in {} and {} in {}",
            first.0, first.1, other.0, other.1
        ),
    }
}
