//! Cross-entry checks and derived figures: the step after every entry has been converted on its own.
//!
//! Duplicate district/project ids, duplicate tiles, projects naming an unknown district, projects
//! summing to more than the pool, no districts. When nothing is wrong it builds the `Dataset` with its
//! derived figures (district totals, shares, the not-itemised rest, per-district project lists,
//! automatic tiles) computed once, and the [`SourceSpans`] later checks (geometry) need.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::Range;

use rust_decimal::Decimal;

use super::convert::{RawFile, Sp};
use super::diagnostic::{Problem, did_you_mean};
use super::model::{Dataset, District, MapInset, MapSpec, Meta, Tile};
use crate::locale::Locale;
use crate::money::format_money;

/// The id maps of this module: at 100,000 projects SipHash was ~6 % of `check`'s CPU time. foldhash
/// (already built as hashbrown's hasher) is several times faster on short keys and, unlike a plain
/// FxHash, seeded per process, so a hostile file cannot pick ids that all collide.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Spans of a loaded dataset that checks done after loading (the geometry) point their errors at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceSpans {
    /// `[map].geometry`'s value.
    pub map_geometry: Option<Range<usize>>,
    /// `[map].key`'s value (or the `[map]` header when the key is left to its default).
    pub map_key: Option<Range<usize>>,
    /// Per district (same index as `Dataset::districts`).
    pub districts: Vec<DistrictSpans>,
    /// `[map].bbox`'s value (or the `[map]` header when there is none).
    pub map_bbox: Option<Range<usize>>,
    /// Per `[[map.inset]]` (same index as `MapSpec::insets`): the inset's table.
    pub map_insets: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DistrictSpans {
    pub header: Range<usize>,
    pub id: Range<usize>,
    /// One per entry of `District::shapes`.
    pub shapes: Vec<Range<usize>>,
    /// One per entry of `District::municipalities`.
    pub municipalities: Vec<Range<usize>>,
}

/// Checks the entries against each other. `complete` is false when the file had syntax errors or
/// entries that could not be converted: then checks whose result would be misleading (sums, unknown
/// districts when a district failed) are skipped. Returns the dataset only when no problem at all was
/// found (including the ones already in `problems`).
pub fn validate(
    raw: RawFile,
    origin: &str,
    syntax_ok: bool,
    problems: &mut Vec<Problem>,
) -> Option<(Dataset, SourceSpans)> {
    let RawFile {
        meta,
        districts,
        projects,
        map,
        miswritten,
    } = raw;
    let districts_miswritten = miswritten.contains(&"district");

    let Some(meta) = meta else {
        if syntax_ok && !miswritten.contains(&"dataset") {
            problems.push(
                Problem::new(0..0, "the file has no [dataset] table")
                    .label("expected [dataset] here")
                    .hint("start the file with:\n[dataset]\ntitle = \"…\""),
            );
        }
        return None;
    };
    if districts.is_empty() && syntax_ok && !districts_miswritten {
        problems.push(
            Problem::new(meta.header.clone(), "the file has no districts")
                .label("a dataset needs at least one [[district]]")
                .hint("add one:\n[[district]]\nid = \"koebenhavn\"\nname = \"Københavns Politi\""),
        );
    }

    // Duplicate district ids.
    let mut index: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(districts.len(), Default::default());
    for (i, d) in districts.iter().enumerate() {
        let Some(id) = &d.id else { continue };
        if let Some(&first) = index.get(id.value.as_str()) {
            let first_span = districts
                .get(first)
                .and_then(|f| f.id.as_ref())
                .map(|s| s.span.clone());
            problems.push(
                Problem::new(
                    id.span.clone(),
                    format!("duplicate district id \"{}\"", id.value),
                )
                .label("used again here")
                .hint("every district needs its own id")
                .note(first_span, "first used here"),
            );
        } else {
            index.insert(id.value.as_str(), i);
        }
    }

    // Duplicate tiles.
    let mut tiles: HashMap<Tile, &Sp<Tile>> = HashMap::default();
    for d in &districts {
        let Some(t) = &d.tile else { continue };
        if let Some(first) = tiles.get(&t.value) {
            problems.push(
                Problem::new(
                    t.span.clone(),
                    format!(
                        "two districts on the same tile [{}, {}]",
                        t.value.row, t.value.col
                    ),
                )
                .label("tile already taken")
                .hint("give each district its own [row, col], or leave `tile` out to have it laid out automatically")
                .note(Some(first.span.clone()), "first used here"),
            );
        } else {
            tiles.insert(t.value, t);
        }
    }

    // Duplicate project ids; unknown districts.
    let every_district_has_id = districts.iter().all(|d| d.id.is_some());
    // The first project with each id, as an index into `projects` hashed by the id it names:
    // 8 bytes an entry, where a map from the id to its span took 32 (the load's peak memory).
    let hasher = foldhash::fast::RandomState::default();
    let id_of = |k: &usize| {
        projects
            .get(*k)
            .and_then(|q| q.id())
            .map_or("", |s| s.value)
    };
    let mut project_ids: hashbrown::HashTable<usize> =
        hashbrown::HashTable::with_capacity(projects.len());
    let mut suggestions: HashMap<&str, Option<String>> = HashMap::default();
    for (i, p) in projects.iter().enumerate() {
        if let Some(id) = p.id() {
            let hash = hasher.hash_one(id.value);
            if let Some(&first) = project_ids.find(hash, |k| id_of(k) == id.value) {
                let first_span = projects.get(first).and_then(|f| f.id()).map(|f| f.span);
                problems.push(
                    Problem::new(
                        id.span.clone(),
                        format!("duplicate project id \"{}\"", id.value),
                    )
                    .label("used again here")
                    .hint("project ids are optional, but unique when given")
                    .note(first_span, "first used here"),
                );
            } else {
                project_ids.insert_unique(hash, i, |k| hasher.hash_one(id_of(k)));
            }
        }
        // Not when the districts could not be read: every reference would be "unknown".
        if let Some(dref) = p.district()
            && !index.contains_key(dref.value)
            && every_district_has_id
            && !districts_miswritten
        {
            let shown = crate::text::sanitize_line(dref.value);
            // Many projects may name the same wrong id (a renamed district): compute each hint once.
            let hint = suggestions
                .entry(dref.value)
                // In file order, so that among equally close ids the first one written wins (the
                // map's order is random: the hint would change from run to run).
                .or_insert_with(|| {
                    let ids = districts.iter().filter_map(|d| d.id.as_ref());
                    did_you_mean(dref.value, ids.map(|id| id.value.as_str()))
                })
                .clone()
                .unwrap_or_else(|| {
                    let mut ids: Vec<&str> = index.keys().copied().collect();
                    ids.sort_unstable();
                    if ids.len() <= 12 {
                        format!("the district ids of this file are: {}", ids.join(", "))
                    } else {
                        "use the `id` of one of the [[district]] entries".to_string()
                    }
                });
            problems.push(
                Problem::new(dref.span.clone(), format!("unknown district \"{shown}\""))
                    .label("not a district id of this file")
                    .hint(hint),
            );
        }
    }

    // Sum against the pool: exact, only when every amount could be read.
    let amounts_ok = projects.iter().all(|p| p.amount().is_some());
    let currency = meta
        .currency
        .as_ref()
        .map_or("DKK", |c| c.value.as_str())
        .to_string();
    if let Some(pool) = &meta.pool
        && amounts_ok
    {
        let mut sum = Decimal::ZERO;
        let mut crossed: Option<Range<usize>> = None;
        for a in projects.iter().filter_map(|p| p.amount()) {
            sum += a.value;
            if crossed.is_none() && sum > pool.value {
                crossed = Some(a.span.clone());
            }
        }
        if sum > pool.value {
            let over = sum - pool.value;
            problems.push(
                Problem::new(
                    pool.span.clone(),
                    format!(
                        "the projects add up to {}, {} more than the pool of {}",
                        format_money(sum, &currency, Locale::Da),
                        format_money(over, &currency, Locale::Da),
                        format_money(pool.value, &currency, Locale::Da),
                    ),
                )
                .label("pool exceeded")
                .hint("check the amounts, or raise the pool if it really was larger")
                .note(crossed, "the running sum passes the pool at this project"),
            );
        }
    }

    if !problems.is_empty() || !syntax_ok {
        return None;
    }

    // Nothing is wrong: build the dataset. Every required field is present here, because a missing
    // one was reported as a problem; the `?`s below only guard that invariant.
    let pool = meta.pool.as_ref().map(|p| p.value);
    let model_meta = Meta {
        title: meta.title.as_ref()?.value.clone(),
        pool,
        currency,
        source: meta.source,
        published: meta.published,
        period: meta.period,
        notes: meta.notes,
    };
    let auto = auto_tiles(
        &districts
            .iter()
            .map(|d| d.tile.as_ref().map(|t| t.value))
            .collect::<Vec<_>>(),
    );
    let mut spans = SourceSpans {
        map_geometry: map
            .as_ref()
            .and_then(|m| m.geometry.as_ref().map(|g| g.span.clone())),
        map_key: map
            .as_ref()
            .map(|m| m.key.as_ref().map_or(m.header.clone(), |k| k.span.clone())),
        districts: Vec::with_capacity(districts.len()),
        map_bbox: map
            .as_ref()
            .map(|m| m.bbox_span.clone().unwrap_or_else(|| m.header.clone())),
        map_insets: map
            .as_ref()
            .map(|m| m.insets.iter().map(|(_, _, s)| s.clone()).collect())
            .unwrap_or_default(),
    };
    let mut out_districts = Vec::with_capacity(districts.len());
    for (d, tile) in districts.into_iter().zip(auto) {
        let id = d.id?;
        spans.districts.push(DistrictSpans {
            header: d.header,
            id: id.span,
            shapes: d.shapes.iter().map(|s| s.span.clone()).collect(),
            municipalities: d.municipalities.iter().map(|s| s.span.clone()).collect(),
        });
        out_districts.push(District {
            id: id.value,
            name: d.name?,
            short: d.short,
            tile,
            tile_given: d.tile.is_some(),
            hq: d.hq,
            municipalities: d.municipalities.into_iter().map(|s| s.value).collect(),
            shapes: d.shapes.into_iter().map(|s| s.value).collect(),
            population: d.population,
            total: Decimal::ZERO,
            share_of_pool: None,
            projects: Vec::new(),
        });
    }
    let by_id: HashMap<&str, usize> = out_districts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    // The raw projects are taken from the back and their vector shrunk every few thousand, so that
    // the raw entries (120 bytes each) and the model's projects (64) never both exist in full. (A
    // large vector's shrink is a `realloc` that gives the tail pages back, not a copy.) Each
    // project's text is moved, and only loses the district reference at its end (in place); the
    // order is restored at the end.
    drop(project_ids);
    drop(suggestions);
    let mut projects = projects;
    let mut out_projects = Vec::with_capacity(projects.len());
    while let Some(p) = projects.pop() {
        let district = *by_id.get(p.district()?.value)?;
        // A project without its amount or name has been reported: there is no dataset.
        if p.amount().is_none() || !p.has_name() {
            return None;
        }
        out_projects.push(p.into_project(district));
        if projects.len() % 4096 == 0 {
            projects.shrink_to_fit();
        }
    }
    out_projects.reverse();
    let mut allocated = Decimal::ZERO;
    for (pi, p) in out_projects.iter().enumerate() {
        allocated += p.amount;
        if let Some(d) = out_districts.get_mut(p.district) {
            d.total += p.amount;
            d.projects.push(pi);
        }
    }
    let share = |amount: Decimal| match pool {
        Some(p) if !p.is_zero() => amount.checked_div(p),
        _ => None,
    };
    for d in &mut out_districts {
        d.share_of_pool = share(d.total);
    }
    let map = map.and_then(|m| {
        Some(MapSpec {
            geometry: m.geometry?.value,
            key: m.key.map_or_else(|| "name".to_string(), |k| k.value),
            bbox: m.bbox,
            insets: m
                .insets
                .into_iter()
                .map(|(name, bbox, _)| MapInset { name, bbox })
                .collect(),
        })
    });
    let dataset = Dataset {
        origin: origin.to_string(),
        meta: model_meta,
        districts: out_districts,
        projects: out_projects,
        allocated,
        not_itemised: pool.map(|p| p - allocated),
        map,
        geo: None,
    };
    Some((dataset, spans))
}

/// Map positions for every district: the given tile where there is one, otherwise the next free cell
/// of a near-square grid, row by row. Linear in the number of districts.
pub fn auto_tiles(given: &[Option<Tile>]) -> Vec<Tile> {
    let n = given.len();
    // Columns of a near-square grid for all districts (at least 1).
    let cols = {
        let mut c = (n as f64).sqrt().ceil() as usize;
        // Guard the float estimate: smallest c with c*c >= n.
        while c * c < n {
            c += 1;
        }
        while c > 1 && (c - 1) * (c - 1) >= n {
            c -= 1;
        }
        c.max(1)
    };
    let taken: HashSet<Tile> = given.iter().flatten().copied().collect();
    let mut next = 0usize; // next cell index to try, row-major
    let mut out = Vec::with_capacity(n);
    for g in given {
        if let Some(t) = g {
            out.push(*t);
            continue;
        }
        loop {
            let row = next / cols;
            let col = next % cols;
            next += 1;
            let (Ok(row), Ok(col)) = (u16::try_from(row), u16::try_from(col)) else {
                // More cells than a u16 grid holds: cannot happen below 65536² districts.
                out.push(Tile {
                    row: u16::MAX,
                    col: u16::MAX,
                });
                break;
            };
            let t = Tile { row, col };
            if !taken.contains(&t) {
                out.push(t);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_tiles_fill_a_near_square_grid_around_given_ones() {
        let t = |row, col| Tile { row, col };
        let out = auto_tiles(&[None, Some(t(0, 1)), None, None, None]);
        assert_eq!(out, vec![t(0, 0), t(0, 1), t(0, 2), t(1, 0), t(1, 1)]);
        assert_eq!(auto_tiles(&[]), Vec::<Tile>::new());
        assert_eq!(auto_tiles(&[None]), vec![t(0, 0)]);
    }

    #[test]
    fn auto_tiles_scale_and_never_collide() {
        let mut given = vec![None; 5000];
        for i in (0..5000).step_by(7) {
            given[i] = Some(Tile {
                row: (i / 71) as u16,
                col: (i % 71) as u16,
            });
        }
        let out = auto_tiles(&given);
        let unique: HashSet<Tile> = out.iter().copied().collect();
        assert_eq!(unique.len(), 5000);
        assert!(out.iter().all(|t| t.col < 80 && t.row < 80));
    }
}
