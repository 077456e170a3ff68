//! The choropleth as a standalone SVG: title, the map (one `<path>` per district, even-odd fill,
//! its name and amount in a `<title>`), neutral land, the insets, a legend with the same classes as
//! the terminal, the data source and the geometry's attribution. All text is XML-escaped.
//!
//! Insets reuse the district paths through `<use>` with an affine transform (both projections are
//! affine in lon/lat), clipped to their frame, so each district is still exactly one `<path>`. The
//! layout (where the insets go) is the terminal raster's, computed at a proxy resolution.

use std::fmt::Write;

use crate::data::Dataset;
use crate::geo::classes::Classes;
use crate::geo::project::Projection;
use crate::geo::raster::{PanelKind, Raster};
use crate::geo::regions::{GeoMap, Shape};
use crate::locale::Locale;
use crate::money::format_money;
use crate::style::rgb::Rgb;

/// The texts around the map, already in the wanted language (the caller owns i18n).
#[derive(Debug, Clone, PartialEq)]
pub struct SvgText {
    pub title: String,
    /// The legend's heading, e.g. "Bevilget pr. politikreds".
    pub legend_title: String,
    /// The legend entry for districts without projects.
    pub no_projects: String,
    /// E.g. "Kilde: Rigspolitiet, 13.01.2014"; `None`: no source line.
    pub source: Option<String>,
    /// The geometry's credit; `None`: the GeoJSON's own `attribution`.
    pub attribution: Option<String>,
}

/// Colours of the SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgColors {
    pub classes: Vec<Rgb>,
    pub no_projects: Rgb,
    pub neutral: Rgb,
}

impl SvgColors {
    pub fn new(classes: usize) -> SvgColors {
        SvgColors {
            classes: crate::geo::classes::sequential_rgb(classes),
            no_projects: (215, 215, 215),
            neutral: (150, 150, 150),
        }
    }
}

const WIDTH: f64 = 960.0;
const MARGIN: f64 = 20.0;
const HEADER: f64 = 56.0;
const FOOTER: f64 = 72.0;
/// SVG units per proxy raster pixel.
const PROXY: f64 = 4.0;

/// XML-escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids (text is sanitised at load, but be safe).
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn path_data(shape: &Shape, proj: &Projection) -> String {
    let mut d = String::new();
    for ring in shape.rings() {
        for (i, &p) in ring.iter().enumerate() {
            let q = proj.to_px(p);
            let _ = write!(
                d,
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { " " },
                q[0],
                q[1]
            );
        }
        d.push('Z');
    }
    d
}

/// Writes the SVG document.
/// What the map shows of each district (its class, the figure under its name and in its tooltip)
/// and the legend: the amounts of a round ([`SvgShading::of_amounts`]), or the change between two.
#[derive(Debug, Clone)]
pub struct SvgShading {
    pub of_district: Vec<Option<usize>>,
    /// Per district: the figure under its name (`None`: the name only).
    pub labels: Vec<Option<String>>,
    /// Per district: its tooltip.
    pub tips: Vec<String>,
    pub legend: Vec<crate::geo::classes::LegendEntry>,
    pub legend_title: String,
}

impl SvgShading {
    /// A round's districts by their amounts in `classes`.
    pub fn of_amounts(
        dataset: &Dataset,
        classes: &Classes,
        locale: Locale,
        text: &SvgText,
    ) -> SvgShading {
        let cur = &dataset.meta.currency;
        SvgShading {
            of_district: classes.of_district.clone(),
            labels: dataset
                .districts
                .iter()
                .map(|d| {
                    d.has_projects()
                        .then(|| crate::money::format_money_compact(d.total, cur, locale))
                })
                .collect(),
            tips: dataset
                .districts
                .iter()
                .map(|d| {
                    if d.has_projects() {
                        format!("{}: {}", d.name, format_money(d.total, cur, locale))
                    } else {
                        format!("{}: {}", d.name, text.no_projects)
                    }
                })
                .collect(),
            legend: classes.legend(cur, locale, &text.no_projects),
            // Quantile classes say so, as on screen (equal steps need no word: the ranges show them).
            legend_title: match classes.scheme.note(locale) {
                Some(note) => format!("{} ({note})", text.legend_title),
                None => text.legend_title.clone(),
            },
        }
    }
}

pub fn write_svg(
    dataset: &Dataset,
    geo: &GeoMap,
    shading: &SvgShading,
    locale: Locale,
    text: &SvgText,
    colors: &SvgColors,
) -> String {
    let (bw, bh) = geo.bbox.projected_size();
    let map_w = WIDTH - 2.0 * MARGIN;
    let aspect = if bw > 0.0 && bh > 0.0 { bw / bh } else { 1.0 };
    let map_h = (map_w / aspect).clamp(200.0, 1400.0);
    let height = HEADER + map_h + FOOTER;
    // The terminal's layout at a proxy resolution, scaled up.
    let raster = Raster::build(
        geo,
        (map_w / PROXY).round() as usize,
        (map_h / PROXY).round() as usize,
        None,
    );
    let scale = |p: &Projection| Projection {
        sx: p.sx * PROXY,
        sy: p.sy * PROXY,
        ox: p.ox * PROXY + MARGIN,
        oy: p.oy * PROXY + HEADER,
    };
    let rect = |r: crate::geo::project::PxRect| {
        (
            r.x as f64 * PROXY + MARGIN,
            r.y as f64 * PROXY + HEADER,
            r.w as f64 * PROXY,
            r.h as f64 * PROXY,
        )
    };
    let Some(main) = raster.panels.first() else {
        return String::new();
    };
    let mp = scale(&main.proj);
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="{WIDTH:.0}" height="{height:.0}" viewBox="0 0 {WIDTH:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif" lang="{}">"#,
        locale.code()
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&text.title));
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{WIDTH:.0}" height="{height:.0}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        s,
        r##"<text x="{MARGIN}" y="34" font-size="22" font-weight="bold" fill="#222222">{}</text>"##,
        escape(&text.title)
    );
    // Clip paths.
    let _ = writeln!(s, "<defs>");
    let (x, y, w, h) = rect(main.inner);
    let _ = writeln!(
        s,
        r#"<clipPath id="clip-main"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}"/></clipPath>"#
    );
    for p in &raster.panels {
        if let PanelKind::Inset(i) = p.kind {
            let (x, y, w, h) = rect(p.inner);
            let _ = writeln!(
                s,
                r#"<clipPath id="clip-inset-{i}"><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}"/></clipPath>"#
            );
        }
    }
    let _ = writeln!(s, "</defs>");
    // The main map: neutral land, then one path per district.
    let _ = writeln!(s, r#"<g id="map" clip-path="url(#clip-main)">"#);
    let mut neutral = Shape::default();
    for (_, n) in &geo.neutral {
        neutral.polygons.extend(n.polygons.iter().cloned());
    }
    let _ = writeln!(
        s,
        r##"<path id="neutral" class="neutral" fill="{}" fill-rule="evenodd" d="{}"/>"##,
        hex(colors.neutral),
        path_data(&neutral, &mp)
    );
    for (i, (d, shape)) in dataset.districts.iter().zip(&geo.districts).enumerate() {
        let class = shading.of_district.get(i).copied().flatten();
        let fill = match class {
            Some(k) => colors.classes.get(k).copied().unwrap_or(colors.no_projects),
            None => colors.no_projects,
        };
        let tip = shading
            .tips
            .get(i)
            .cloned()
            .unwrap_or_else(|| d.name.clone());
        let _ = writeln!(
            s,
            r##"<path id="district-{i}" class="district" fill="{}" fill-rule="evenodd" d="{}"><title>{}</title></path>"##,
            hex(fill),
            path_data(shape, &mp),
            escape(&tip)
        );
    }
    let _ = writeln!(
        s,
        r##"<path id="borders" class="borders" fill="none" stroke="#ffffff" stroke-width="1" stroke-linejoin="round" vector-effect="non-scaling-stroke" d="{}"/>"##,
        border_data(geo, &mp)
    );
    let _ = writeln!(s, "</g>");
    // Insets: the same paths, transformed into each inset's own projection.
    for p in &raster.panels {
        let PanelKind::Inset(i) = p.kind else {
            continue;
        };
        let ip = scale(&p.proj);
        let (a, d) = (ip.sx / mp.sx, ip.sy / mp.sy);
        let (e, f) = (ip.ox - mp.ox * a, ip.oy - mp.oy * d);
        let (x, y, w, h) = rect(p.outer);
        let name = geo.insets.get(i).map_or("", |b| b.name.as_str());
        let _ = writeln!(
            s,
            r##"<g class="inset"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ffffff" stroke="#888888" stroke-width="1"/>"##,
            x + PROXY / 2.0,
            y + PROXY / 2.0,
            w - PROXY,
            h - PROXY
        );
        let _ = writeln!(
            s,
            r#"<g clip-path="url(#clip-inset-{i})"><g transform="matrix({a:.6} 0 0 {d:.6} {e:.3} {f:.3})">"#
        );
        let _ = writeln!(s, r##"<use href="#neutral" xlink:href="#neutral"/>"##);
        for di in 0..geo.districts.len() {
            let _ = writeln!(
                s,
                r##"<use href="#district-{di}" xlink:href="#district-{di}"/>"##
            );
        }
        let _ = writeln!(s, r##"<use href="#borders" xlink:href="#borders"/>"##);
        let _ = writeln!(s, "</g></g>");
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#444444">{}</text></g>"##,
            x + PROXY + 3.0,
            y + PROXY + 13.0,
            escape(name)
        );
    }
    // District names at the point of each district farthest from its border (in whichever panel
    // shows it largest); a name that would overlap another, or the legend, is left out.
    let dt = crate::geo::labels::distance_transform(&raster);
    let mut best: Vec<Option<(u16, usize, usize)>> = vec![None; geo.districts.len()];
    for y in 0..raster.height {
        for x in 0..raster.width {
            if let Some(d) = raster.district(x, y)
                && let Some(b) = best.get_mut(d)
            {
                let v = dt.get(y * raster.width + x).copied().unwrap_or(0);
                if b.is_none_or(|(bv, ..)| v > bv) {
                    *b = Some((v, x, y));
                }
            }
        }
    }
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut label_svg = String::new();
    for (i, b) in best.iter().enumerate() {
        let (Some((_, x, y)), Some(d)) = (b, dataset.districts.get(i)) else {
            continue;
        };
        let name = d.short_name();
        let (cx, cy) = (
            *x as f64 * PROXY + MARGIN + PROXY / 2.0,
            *y as f64 * PROXY + HEADER + PROXY / 2.0,
        );
        let amount = shading.labels.get(i).cloned().flatten();
        let wide = crate::text::width(name).max(amount.as_deref().map_or(0, crate::text::width));
        let half = wide as f64 * 3.4 + 2.0;
        let lines = if amount.is_some() { 2.0 } else { 1.0 };
        let bx = [
            cx - half,
            cy - 9.0,
            cx + half,
            cy + 5.0 + 14.0 * (lines - 1.0),
        ];
        if boxes
            .iter()
            .any(|o| bx[0] < o[2] && o[0] < bx[2] && bx[1] < o[3] && o[1] < bx[3])
        {
            continue;
        }
        boxes.push(bx);
        let second = amount.map_or(String::new(), |a| {
            format!(
                r#"<tspan x="{cx:.1}" dy="14" font-size="11">{}</tspan>"#,
                escape(&a)
            )
        });
        let _ = writeln!(
            label_svg,
            r##"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#111111" stroke="#ffffff" stroke-width="3" stroke-opacity="0.8" paint-order="stroke">{}{second}</text>"##,
            cy + 4.0 - 7.0 * (lines - 1.0),
            escape(name)
        );
    }
    let _ = writeln!(s, r#"<g id="labels">{label_svg}</g>"#);
    // Legend, in the emptiest corner of the map.
    let entries = &shading.legend;
    let legend_title = &shading.legend_title;
    let row = 20.0;
    let lw = 40.0
        + entries
            .iter()
            .map(|e| crate::text::width(&e.label))
            .chain([crate::text::width(legend_title)])
            .max()
            .unwrap_or(0) as f64
            * 7.5;
    let lh = row * (entries.len() as f64 + 1.0) + 10.0;
    let (cx, cy) =
        raster.emptiest_corner((lw / PROXY).ceil() as usize, (lh / PROXY).ceil() as usize);
    let (lx, ly) = (cx as f64 * PROXY + MARGIN, cy as f64 * PROXY + HEADER);
    let _ = writeln!(
        s,
        r##"<g id="legend" font-size="13" fill="#222222"><text x="{:.1}" y="{:.1}" font-weight="bold">{}</text>"##,
        lx + 6.0,
        ly + 18.0,
        escape(legend_title)
    );
    for (k, e) in entries.iter().enumerate() {
        let fill = match e.class {
            Some(c) => colors.classes.get(c).copied().unwrap_or(colors.no_projects),
            None => colors.no_projects,
        };
        let y = ly + row * (k as f64 + 1.0) + 8.0;
        let _ = writeln!(
            s,
            r##"<rect x="{:.1}" y="{y:.1}" width="22" height="14" fill="{}" stroke="#888888" stroke-width="0.5"/><text x="{:.1}" y="{:.1}">{}</text>"##,
            lx + 6.0,
            hex(fill),
            lx + 34.0,
            y + 12.0,
            escape(&e.label)
        );
    }
    let _ = writeln!(s, "</g>");
    // Footer: source and attribution.
    let mut fy = HEADER + map_h + 22.0;
    let attribution = text.attribution.clone().or_else(|| geo.attribution.clone());
    let lines: Vec<String> = [text.source.clone(), attribution]
        .into_iter()
        .flatten()
        .flat_map(|l| wrap(&l, 150))
        .collect();
    for line in lines {
        let _ = writeln!(
            s,
            r##"<text x="{MARGIN}" y="{fy:.1}" font-size="11" fill="#555555">{}</text>"##,
            escape(&line)
        );
        fy += 16.0;
    }
    let _ = writeln!(s, "</svg>");
    s
}

/// Word-wraps `line` at `max` chars.
fn wrap(line: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in line.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The borders between different owners (districts, neutral land) as one path: every edge that
/// two different owners' rings share (shared borders are exact in simplified, topology-preserving
/// data; coasts are left to the fill).
fn border_data(geo: &GeoMap, proj: &Projection) -> String {
    use std::collections::HashMap;
    let key = |p: [f64; 2]| ((p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64);
    // Undirected edge → (first owner, shared with another owner?)
    type Key = (i64, i64);
    let mut edges: HashMap<(Key, Key), (usize, bool)> = HashMap::new();
    let neutral_owner = geo.districts.len();
    let owners = geo
        .districts
        .iter()
        .enumerate()
        .chain(geo.neutral.iter().map(|(_, s)| (neutral_owner, s)));
    let mut order: Vec<([f64; 2], [f64; 2])> = Vec::new();
    for (owner, shape) in owners {
        for ring in shape.rings() {
            for w in ring.windows(2) {
                let (a, b) = (key(w[0]), key(w[1]));
                if a == b {
                    continue;
                }
                let k = if a < b { (a, b) } else { (b, a) };
                match edges.get_mut(&k) {
                    Some(e) => {
                        if e.0 != owner {
                            e.1 = true;
                        }
                    }
                    None => {
                        edges.insert(k, (owner, false));
                        order.push((w[0], w[1]));
                    }
                }
            }
        }
    }
    let mut d = String::new();
    let mut last: Option<(i64, i64)> = None;
    for (a, b) in order {
        let (ka, kb) = (key(a), key(b));
        let k = if ka < kb { (ka, kb) } else { (kb, ka) };
        if !edges.get(&k).is_some_and(|e| e.1) {
            continue;
        }
        let pb = proj.to_px(b);
        if last != Some(ka) {
            let pa = proj.to_px(a);
            let _ = write!(d, "M{:.1},{:.1}", pa[0], pa[1]);
        }
        let _ = write!(d, " {:.1},{:.1}", pb[0], pb[1]);
        last = Some(kb);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\u{1}y"), "xy");
    }
}
