//! UI text of the analyst tools, Danish and English. Kept apart from the dashboard's base strings
//! (`i18n/mod.rs`) so that each can grow without touching the other.

use crate::input::action::Action;
use crate::locale::Locale;

/// The tools' words.
#[derive(Debug)]
pub struct ToolStrings {
    pub search_prompt: &'static str,
    /// After a query as long as a query is searched.
    pub query_full: &'static str,
    pub no_hits: &'static str,
    /// In the search box while the search index is still being built.
    pub indexing: &'static str,
    /// When the search index could not be built (a bug): the tab has no search.
    pub index_failed: &'static str,
    pub no_search: &'static str,
    /// One search hit / several, lower case, for counts ([`crate::i18n::count`]).
    pub hit_one: &'static str,
    pub hit_many: &'static str,
    pub theme_title: &'static str,
    pub all_themes: &'static str,
    pub filter_on: &'static str,
    pub compare_title: &'static str,
    pub need_two_marks: &'static str,
    pub reloading: &'static str,
    pub builtin_no_reload: &'static str,
    pub reload_failed: &'static str,
    pub file_removed: &'static str,
    pub keeping_last_good: &'static str,
    pub unit: &'static str,
    pub order: &'static str,
    pub marked: &'static str,
    pub col_amount: &'static str,
    pub col_share: &'static str,
    pub col_share_compared: &'static str,
    pub col_projects: &'static str,
    pub col_population: &'static str,
    pub col_per_inhabitant: &'static str,
    pub col_total: &'static str,
    /// The comparison's short column headings: share of the pool, share of the compared,
    /// projects, population, per inhabitant.
    pub compare_heads: [&'static str; 5],
    /// Before the columns a narrow comparison leaves out.
    pub hidden: &'static str,
    /// Headings of the help's groups: navigation, view, marks and comparison, files and tabs.
    pub help_groups: [&'static str; 4],
    /// The legend's note when the classes are the theme filter's own.
    pub own_classes: &'static str,
    /// The legend's entry for districts with no projects or no figure.
    pub no_value: &'static str,
    pub tab_error: &'static str,
    pub hint_search: &'static str,
    pub hint_filter: &'static str,
    pub hint_unit: &'static str,
    pub hint_sort: &'static str,
    pub hint_mark: &'static str,
    pub hint_compare: &'static str,
    pub hint_tabs: &'static str,
    /// `m` on the outline map (switches to tiles) and on the tiles (switches to the outline).
    pub hint_tiles: &'static str,
    pub hint_outline: &'static str,
    pub hint_zoom: &'static str,
    pub hint_pick: &'static str,
    pub hint_close: &'static str,
    /// The reload key's hint on a tab whose file did not load.
    pub hint_reload: &'static str,
    /// One project / several, lower case, for counts ([`crate::i18n::count`]).
    pub project_one: &'static str,
    pub project_many: &'static str,
}

const DA: ToolStrings = ToolStrings {
    search_prompt: "Søg",
    query_full: "(højst 256 tegn søges)",
    no_hits: "Ingen resultater",
    indexing: "Søgeindekset bygges … søgningen kører, når det er klar",
    index_failed: "Søgeindekset kunne ikke bygges; søgning er ikke mulig i denne fane",
    no_search: "Ingen søgning endnu: tryk / for at søge",
    hit_one: "resultat",
    hit_many: "resultater",
    theme_title: "Filtrér efter tema",
    all_themes: "alle",
    filter_on: "Filter",
    compare_title: "Sammenligning",
    need_two_marks: "Markér mindst to kredse med mellemrum for at sammenligne",
    reloading: "Genindlæser …",
    builtin_no_reload: "Det indbyggede datasæt kan ikke genindlæses",
    reload_failed: "Filen er ugyldig",
    file_removed: "Filen er fjernet; viser de senest indlæste data",
    keeping_last_good: "viser de sidste gyldige data",
    unit: "enhed",
    order: "orden",
    marked: "markeret",
    col_amount: "Beløb",
    col_share: "Andel af puljen",
    col_share_compared: "Andel af de valgte",
    col_projects: "Projekter",
    col_population: "Indbyggere",
    col_per_inhabitant: "Pr. indbygger",
    col_total: "I alt",
    compare_heads: ["% pulje", "% valgte", "proj.", "indb.", "kr./indb."],
    hidden: "skjult",
    help_groups: [
        "Navigation",
        "Visning",
        "Markering og sammenligning",
        "Filer og faner",
    ],
    own_classes: "klasser for filteret",
    no_value: "ingen projekter eller tal",
    tab_error: "kunne ikke indlæses",
    hint_search: "søg",
    hint_filter: "tema",
    hint_unit: "enhed",
    hint_sort: "orden",
    hint_mark: "markér",
    hint_compare: "sammenlign",
    hint_tabs: "faner",
    hint_tiles: "fliser",
    hint_outline: "omrids",
    hint_zoom: "zoom",
    hint_pick: "vælg",
    hint_close: "luk",
    hint_reload: "genindlæs",
    project_one: "projekt",
    project_many: "projekter",
};

const EN: ToolStrings = ToolStrings {
    search_prompt: "Find",
    query_full: "(at most 256 characters are searched)",
    no_hits: "No matches",
    indexing: "Building the search index … the search runs when it is ready",
    index_failed: "The search index could not be built; search is not available in this tab",
    no_search: "No search yet: press / to search",
    hit_one: "match",
    hit_many: "matches",
    theme_title: "Filter by theme",
    all_themes: "all",
    filter_on: "Filter",
    compare_title: "Comparison",
    need_two_marks: "Mark at least two districts with Space to compare",
    reloading: "Reloading …",
    builtin_no_reload: "The built-in dataset cannot be reloaded",
    reload_failed: "The file is invalid",
    file_removed: "File removed; showing the last loaded data",
    keeping_last_good: "showing the last valid data",
    unit: "unit",
    order: "order",
    marked: "marked",
    col_amount: "Amount",
    col_share: "Share of pool",
    col_share_compared: "Share of compared",
    col_projects: "Projects",
    col_population: "Inhabitants",
    col_per_inhabitant: "Per inhabitant",
    col_total: "Total",
    compare_heads: ["% pool", "% marked", "proj.", "pop.", "per inh."],
    hidden: "hidden",
    help_groups: [
        "Navigation",
        "View",
        "Marks and comparison",
        "Files and tabs",
    ],
    own_classes: "classes for the filter",
    no_value: "no projects or figure",
    tab_error: "could not be loaded",
    hint_search: "find",
    hint_filter: "theme",
    hint_unit: "unit",
    hint_sort: "order",
    hint_mark: "mark",
    hint_compare: "compare",
    hint_tabs: "tabs",
    hint_tiles: "tiles",
    hint_outline: "outline",
    hint_zoom: "zoom",
    hint_pick: "choose",
    hint_close: "close",
    hint_reload: "reload",
    project_one: "project",
    project_many: "projects",
};

pub fn tools(locale: Locale) -> &'static ToolStrings {
    match locale {
        Locale::Da => &DA,
        Locale::En => &EN,
    }
}

/// The banner of a reload that failed, in one form whatever the error: the localized prefix, then
/// `what` (`file.toml:line:col: message`, or `file.toml: message` for an error about the whole
/// file), how many more errors there are, and last that the data shown are the last valid ones
/// (what a narrow screen cuts first):
/// `Filen er ugyldig: data.toml:177:10: … (og 2 fejl mere); viser de sidste gyldige data`.
pub fn reload_banner(what: &str, more: usize, locale: Locale) -> String {
    let w = tools(locale);
    let more = match (more, locale) {
        (0, _) => String::new(),
        (n, Locale::Da) => format!(" (og {n} fejl mere)"),
        (1, Locale::En) => " (and 1 more error)".to_string(),
        (n, Locale::En) => format!(" (and {n} more errors)"),
    };
    crate::text::sanitize_line(&format!(
        "{}: {what}{more}; {}",
        w.reload_failed, w.keeping_last_good
    ))
}

/// The search prompt's key hint; `arrows` is how up and down are shown (`↑↓`, `Op/Ned`).
pub fn search_hint(arrows: &str, locale: Locale) -> String {
    match locale {
        Locale::Da => format!("Enter: gå til  {arrows}: vælg  Esc: annullér"),
        Locale::En => format!("Enter: go  {arrows}: choose  Esc: cancel"),
    }
}

/// The status line after an export, before the path of the file written.
pub fn exported(locale: Locale) -> &'static str {
    match locale {
        Locale::Da => "Visningen er gemt som CSV: ",
        Locale::En => "View exported as CSV: ",
    }
}

/// The status line when an export failed.
pub fn export_failed(err: &std::io::Error, locale: Locale) -> String {
    let e = crate::text::sanitize_line(&err.to_string());
    match locale {
        Locale::Da => format!("Eksport mislykkedes: {e}"),
        Locale::En => format!("Export failed: {e}"),
    }
}

/// What a tool action does, for the help overlay.
pub fn describe(action: Action, locale: Locale) -> &'static str {
    let da = locale == Locale::Da;
    let (d, e) = match action {
        Action::Search => (
            "søg: kreds, kommune, projekt, partner, tema …",
            "find: district, municipality, project, partner, theme …",
        ),
        Action::NextHit => ("næste resultat", "next match"),
        Action::PrevHit => ("forrige resultat", "previous match"),
        Action::ThemeFilter => ("filtrér efter tema", "filter by theme"),
        Action::CycleUnit => (
            "skift enhed: mio. kr., %, pr. indbygger, kr.",
            "cycle unit: million, %, per inhabitant, full",
        ),
        Action::CycleSort => (
            "skift orden: størst, navn, kortets orden",
            "cycle order: largest, name, map order",
        ),
        Action::Mark => ("markér/afmarkér kredsen", "mark/unmark the district"),
        Action::Compare => ("sammenlign de markerede", "compare the marked districts"),
        Action::Export => (
            "gem visningen som CSV i arbejdsmappen",
            "export the view as CSV to the working directory",
        ),
        Action::Reload => ("genindlæs datafilen", "reload the data file"),
        Action::PrevTab => ("forrige fane", "previous tab"),
        Action::NextTab => ("næste fane", "next tab"),
        Action::Change => (
            "udvikling: fanens runde mod den forrige",
            "change: this tab's round against the previous one",
        ),
        Action::SwapRounds => ("udvikling: byt de to runder", "change: swap the two rounds"),
        _ => ("", ""),
    };
    if da { d } else { e }
}
