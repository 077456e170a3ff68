//! What the screen model reads of the state: borrowed, read-only pieces of it. The state (in `app`)
//! hands these out; everything in `screen` is a function of them and the terminal size, so `update`
//! and drawing compute the same geometry without either calling the other.

use std::borrow::Cow;

use crate::data::Dataset;
use crate::i18n::Locale;
use crate::input::keymap::Keymap;
use crate::screen::figures::{Figures, ProjectOptions, ViewOptions};
use crate::screen::labels::ViewLabels;
use crate::screen::{Level, View};
use crate::style::theme::Theme;
use crate::text;

/// The state as the screen model sees it.
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    pub data: &'a Dataset,
    pub locale: Locale,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    /// The drill-down, never empty: `[0]` is the overview.
    pub stack: &'a [Level],
    /// The selected district.
    pub selected: usize,
    /// District indices in bar order.
    pub bar_order: &'a [usize],
    pub bars_offset: usize,
    pub map_offset: (u16, u16),
    /// Whether the help overlay is open.
    pub help: bool,
    /// The figures of the current view (filter, unit, order).
    pub figures: &'a Figures,
    pub options: &'a ViewOptions,
    /// The map's and the bars' texts for the current view.
    pub labels: Cow<'a, ViewLabels>,
    /// Marked districts, in marking order.
    pub marks: &'a [usize],
    /// The outline map when it is the map shown (else the tiles are).
    pub outline: Option<&'a crate::screen::outline::OutlineMap>,
    /// The district the outline map is zoomed to (`z`).
    pub outline_zoom: Option<usize>,
    /// The outline pane's raster and labels as last refreshed.
    pub outline_cache: &'a crate::geo::cache::OutlineCache,
    /// The project list's own order and scale.
    pub project_options: ProjectOptions,
    /// The open district's project list in that order, as last refreshed (district, projects).
    pub project_order: Option<(usize, &'a [usize])>,
}

impl Inputs<'_> {
    /// The level on top of the drill-down.
    pub fn view(&self) -> &View {
        self.stack.last().map_or(&View::Overview, |f| &f.view)
    }

    /// The projects of a district the current view shows, in the project list's order: the
    /// refreshed list when it is this district's, else sorted on the spot.
    pub fn visible_projects(&self, district: usize) -> Vec<usize> {
        match self.project_order {
            Some((d, order)) if d == district => order.to_vec(),
            _ => sorted_projects(
                self.data,
                self.figures,
                self.project_options,
                district,
                self.locale,
            ),
        }
    }
}

/// The projects of `district` that `figures` shows, in the order of `options`.
pub fn sorted_projects(
    data: &Dataset,
    figures: &Figures,
    options: ProjectOptions,
    district: usize,
    locale: Locale,
) -> Vec<usize> {
    let shown: Vec<usize> = figures.projects_of(data, district).collect();
    options.sort.apply(data, shown, locale)
}

impl Inputs<'_> {}

/// The columns `s` takes on screen: its display width, or in `--plain` that of its ASCII spelling
/// (`Målgruppe` is drawn `Maalgruppe`), so a column laid out from labels fits them as drawn.
pub fn drawn_width(app: &Inputs<'_>, s: &str) -> usize {
    if app.theme.ascii {
        text::width(&crate::text::fold::transliterate(s))
    } else {
        text::width(s)
    }
}
