//! The map pane's state beyond the tiles: whether it shows the outline map (the choropleth drawn
//! from the data file's `[map]` geometry) or the tiles, the zoom (`z`), and how colours reach the
//! terminal. The outline map itself (geometry, classes, raster cache) is built once per dataset and
//! shared; the raster and labels of the pane are the state's plain cache (see `App::prepare`).

use std::rc::Rc;

use super::App;
use crate::config::MapMode;
use crate::data::Dataset;
use crate::input::action::Dir;
use crate::screen::outline::OutlineMap;
use crate::style::rgb::ColorMode;

/// The map pane's mode, zoom and colour mode.
#[derive(Debug, Clone)]
pub struct MapView {
    /// The outline map, when the data has geometry (and the outline is allowed).
    pub outline: Option<Rc<OutlineMap>>,
    pub mode: MapMode,
    /// Zoomed to the selected district (the zoom follows the selection).
    pub zoomed: bool,
    pub color: ColorMode,
    /// False with `--plain` (ASCII only): the outline is never shown.
    pub outline_allowed: bool,
}

impl MapView {
    /// The outline when the data has geometry (the default mode then), else tiles.
    pub fn for_data(data: &Dataset) -> MapView {
        let outline = OutlineMap::of_dataset(data).map(Rc::new);
        MapView {
            mode: if outline.is_some() {
                MapMode::Outline
            } else {
                MapMode::Tiles
            },
            outline,
            zoomed: false,
            color: ColorMode::TrueColor,
            outline_allowed: true,
        }
    }

    /// The outline map when it is what the pane shows.
    pub fn outline_on(&self) -> Option<&OutlineMap> {
        if self.mode == MapMode::Outline {
            self.outline.as_deref()
        } else {
            None
        }
    }

    /// What a redraw depends on (for `App::update`'s change detection).
    pub fn state(&self) -> (MapMode, bool, ColorMode) {
        (self.mode, self.zoomed, self.color)
    }
}

/// The colour mode for the outline map: none with `NO_COLOR` (or `--plain`), truecolor when
/// `COLORTERM` says `truecolor` or `24bit`, else the 256-colour palette.
pub fn color_mode(no_color: bool, colorterm: Option<&str>) -> ColorMode {
    if no_color {
        ColorMode::NoColor
    } else if colorterm.is_some_and(|c| {
        let c = c.trim().to_ascii_lowercase();
        c == "truecolor" || c == "24bit"
    }) {
        ColorMode::TrueColor
    } else {
        ColorMode::Indexed256
    }
}

/// How every app of a workspace configures its map: the configured mode, the colour mode, and
/// whether the outline may be drawn at all (`--plain` is ASCII only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapSettings {
    pub mode: Option<MapMode>,
    pub color: ColorMode,
    pub allow_outline: bool,
}

impl Default for MapSettings {
    fn default() -> Self {
        MapSettings {
            mode: None,
            color: ColorMode::Indexed256,
            allow_outline: true,
        }
    }
}

impl App {
    /// [`App::configure_map`] with a workspace's [`MapSettings`].
    pub(super) fn apply_map_settings(&mut self, m: MapSettings) {
        self.configure_map(m.mode, m.color, m.allow_outline);
    }

    /// Applies the configured map mode (`map = "outline"|"tiles"`; `None`: outline where the data
    /// has geometry) and colour mode. `allow_outline` false (`--plain`: ASCII only) keeps the tiles,
    /// since the outline is drawn with block characters.
    pub(super) fn configure_map(
        &mut self,
        mode: Option<MapMode>,
        color: ColorMode,
        allow_outline: bool,
    ) {
        self.map_view.outline_allowed = allow_outline;
        if !allow_outline {
            self.map_view.outline = None;
        }
        self.map_view.color = color;
        self.map_view.mode = match (mode, &self.map_view.outline) {
            (Some(MapMode::Tiles), _) | (_, None) => MapMode::Tiles,
            (Some(MapMode::Outline) | None, Some(_)) => MapMode::Outline,
        };
        self.map_view.zoomed = false;
    }

    /// Rebuilds the outline map from `self.data` (after the data was replaced, e.g. a reload),
    /// keeping the mode and colour where the new data allows; the zoom is dropped.
    pub(super) fn refresh_map(&mut self) {
        let had_outline = self.map_view.outline.is_some();
        let fresh = MapView::for_data(&self.data);
        self.map_view.outline = fresh.outline.filter(|_| self.map_view.outline_allowed);
        self.map_view.mode = match (&self.map_view.outline, had_outline) {
            (None, _) => MapMode::Tiles,
            (Some(_), true) => self.map_view.mode,
            (Some(_), false) => MapMode::Outline,
        };
        self.map_view.zoomed = false;
    }

    /// The district the outline map is zoomed to, if any.
    pub fn outline_zoom(&self) -> Option<usize> {
        (self.map_view.zoomed && self.map_view.outline_on().is_some()).then_some(self.selected)
    }

    /// `m`: outline ↔ tiles (only when there is an outline to show).
    pub(super) fn toggle_map_mode(&mut self) {
        if self.map_view.outline.is_none() {
            return;
        }
        self.map_view.mode = match self.map_view.mode {
            MapMode::Outline => MapMode::Tiles,
            MapMode::Tiles => MapMode::Outline,
        };
        self.map_view.zoomed = false;
    }

    /// `z`: zoom to the selected district and back (outline only; a district without shapes has
    /// nothing to zoom to).
    pub(super) fn toggle_zoom(&mut self) {
        let Some(map) = self.map_view.outline_on() else {
            return;
        };
        if self.map_view.zoomed {
            self.map_view.zoomed = false;
        } else if map.zoom_box(self.selected).is_some() {
            self.map_view.zoomed = true;
        }
    }

    /// An arrow on the map in outline mode: the nearest district in that direction, computed from
    /// the shapes. Returns false when the outline is not shown (the tiles handle it).
    pub(super) fn move_on_outline(&mut self, dir: Dir) -> bool {
        let Some(map) = self.map_view.outline_on() else {
            return false;
        };
        if let Some(next) = map.nearest(self.selected, dir) {
            self.select_district(next);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_mode_follows_no_color_and_colorterm() {
        assert_eq!(color_mode(true, Some("truecolor")), ColorMode::NoColor);
        assert_eq!(color_mode(false, Some("truecolor")), ColorMode::TrueColor);
        assert_eq!(color_mode(false, Some("24bit")), ColorMode::TrueColor);
        assert_eq!(color_mode(false, Some("TrueColor ")), ColorMode::TrueColor);
        assert_eq!(color_mode(false, Some("yes")), ColorMode::Indexed256);
        assert_eq!(color_mode(false, None), ColorMode::Indexed256);
    }
}
