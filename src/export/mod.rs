//! Writers for CSV, JSON and Markdown over a row model ([`Selection`]): the whole dataset for
//! `kredskort export`, or whatever the dashboard shows (filtered, sorted) with the same writers.
//!
//! Machine formats (CSV, JSON) carry exact, plain amounts (`2875000`, `1999999.99`); Markdown is for
//! people and uses the locale's money format. Nothing here touches the data file.

pub mod name;
pub mod panel;
pub mod svg;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::data::{Dataset, District, Project};
use crate::locale::Locale;
use crate::money::format_percent;

/// One row per project, or one per district (every district, also those without projects). The
/// command line offers the same choice (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportBy {
    Project,
    District,
}

/// What to export: one row per project or per district, which rows in which order, and which
/// projects count (a filter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub by: ExportBy,
    /// Row order: indices into `Dataset::projects` (by project) or `Dataset::districts` (by district).
    pub rows: Vec<usize>,
    /// Which projects count, by index; `None`: all. District rows total only the included projects.
    pub included: Option<Vec<bool>>,
}

impl Selection {
    /// Every project (or every district, those without projects too), in file order.
    pub fn all(ds: &Dataset, by: ExportBy) -> Self {
        let n = match by {
            ExportBy::Project => ds.projects.len(),
            ExportBy::District => ds.districts.len(),
        };
        Selection {
            by,
            rows: (0..n).collect(),
            included: None,
        }
    }

    /// Only projects for which `keep` is true count: project rows are dropped; district rows stay
    /// (every district is listed) with totals over the kept projects.
    pub fn filtered(ds: &Dataset, by: ExportBy, keep: impl Fn(&Project) -> bool) -> Self {
        let included: Vec<bool> = ds.projects.iter().map(keep).collect();
        let mut v = Selection::all(ds, by);
        if by == ExportBy::Project {
            v.rows
                .retain(|&i| included.get(i).copied().unwrap_or(false));
        }
        v.included = Some(included);
        v
    }

    /// The same rows in the order given (indices that do not exist are skipped when writing).
    pub fn ordered(mut self, rows: Vec<usize>) -> Self {
        self.rows = rows;
        self
    }

    fn counts(&self, project: usize) -> bool {
        self.included
            .as_ref()
            .is_none_or(|inc| inc.get(project).copied().unwrap_or(false))
    }
}

/// One row, whatever the kind: the fields every writer draws from.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub district: &'a District,
    pub project: Option<&'a Project>,
    /// Project amount, or the district's total over the counted projects.
    pub amount: Decimal,
    /// Counted projects (1 for a project row).
    pub projects: usize,
    pub share_of_pool: Option<Decimal>,
}

/// The rows of a view, in its order.
pub fn rows<'a>(ds: &'a Dataset, view: &Selection) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(view.rows.len());
    for &i in &view.rows {
        match view.by {
            ExportBy::Project => {
                let Some(p) = ds.projects.get(i) else {
                    continue;
                };
                let Some(d) = ds.districts.get(p.district) else {
                    continue;
                };
                out.push(Row {
                    district: d,
                    project: Some(p),
                    amount: p.amount,
                    projects: 1,
                    share_of_pool: ds.share_of_pool(p.amount),
                });
            }
            ExportBy::District => {
                let Some(d) = ds.districts.get(i) else {
                    continue;
                };
                let counted: Vec<usize> = d
                    .projects
                    .iter()
                    .copied()
                    .filter(|&p| view.counts(p))
                    .collect();
                let amount: Decimal = counted
                    .iter()
                    .filter_map(|&p| ds.projects.get(p))
                    .map(|p| p.amount)
                    .sum();
                out.push(Row {
                    district: d,
                    project: None,
                    amount,
                    projects: counted.len(),
                    share_of_pool: ds.share_of_pool(amount),
                });
            }
        }
    }
    out
}

/// Plain machine-readable amount: `2875000`, `1999999.99`, `0.5`.
pub fn plain_amount(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A ratio with at most six decimals, plain: `0.214286`.
pub fn plain_ratio(d: Decimal) -> String {
    d.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break.
///
/// Text from a data file is untrusted, and CSV files end up in spreadsheets: a cell that starts with
/// `=`, `+`, `-`, `@` or a tab would be run as a formula there ("CSV injection"), so such text gets a
/// leading `'`, which spreadsheets show as text. Amounts are never negative, so numbers are unaffected.
fn csv_field(s: &str) -> String {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(w: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    // RFC 4180 records end in CRLF.
    write!(w, "{}\r\n", line.join(","))
}

pub const PROJECT_COLUMNS: &[&str] = &[
    "district_id",
    "district",
    "project_id",
    "project",
    "amount",
    "share_of_pool",
    "partners",
    "themes",
    "target",
];
pub const DISTRICT_COLUMNS: &[&str] = &[
    "district_id",
    "district",
    "short",
    "hq",
    "projects",
    "amount",
    "share_of_pool",
    "population",
    "municipalities",
];

/// CSV: a header row, then one record per row; amounts plain, lists joined with `; `.
pub fn write_csv(ds: &Dataset, view: &Selection, w: &mut dyn Write) -> io::Result<()> {
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    let share = |r: &Row| r.share_of_pool.map(plain_ratio).unwrap_or_default();
    match view.by {
        ExportBy::Project => {
            csv_line(
                w,
                &PROJECT_COLUMNS
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
            )?;
            for r in rows(ds, view) {
                let Some(p) = r.project else { continue };
                csv_line(
                    w,
                    &[
                        r.district.id.clone(),
                        r.district.name.clone(),
                        opt(p.id()),
                        p.name().to_string(),
                        plain_amount(r.amount),
                        share(&r),
                        p.partners().join("; "),
                        p.themes().join("; "),
                        opt(p.target()),
                    ],
                )?;
            }
        }
        ExportBy::District => {
            csv_line(
                w,
                &DISTRICT_COLUMNS
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
            )?;
            for r in rows(ds, view) {
                let d = r.district;
                csv_line(
                    w,
                    &[
                        d.id.clone(),
                        d.name.clone(),
                        opt(d.short.as_deref()),
                        opt(d.hq.as_deref()),
                        r.projects.to_string(),
                        plain_amount(r.amount),
                        share(&r),
                        d.population.map(|p| p.to_string()).unwrap_or_default(),
                        d.municipalities.join("; "),
                    ],
                )?;
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    title: &'a str,
    currency: &'a str,
    source: Option<&'a str>,
    published: Option<&'a str>,
    period: Option<&'a str>,
    notes: Option<&'a str>,
    /// Amounts are strings: JSON numbers are read as binary floats by most consumers (JavaScript,
    /// jq), which is not exact for money; a string keeps the exact decimal.
    pool: Option<String>,
    allocated: String,
    not_itemised: Option<String>,
    by: &'static str,
    rows_total: String,
    rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonRow<'a> {
    Project {
        district_id: &'a str,
        district: &'a str,
        project_id: Option<&'a str>,
        project: &'a str,
        amount: String,
        share_of_pool: Option<String>,
        partners: Vec<&'a str>,
        themes: Vec<&'a str>,
        target: Option<&'a str>,
        summary: Option<&'a str>,
    },
    District {
        district_id: &'a str,
        district: &'a str,
        short: Option<&'a str>,
        hq: Option<&'a str>,
        projects: usize,
        amount: String,
        share_of_pool: Option<String>,
        population: Option<u64>,
        municipalities: &'a [String],
    },
}

/// JSON: the dataset's fields (pool, allocated, not itemised as exact decimal strings) and the rows.
pub fn write_json(ds: &Dataset, view: &Selection, w: &mut dyn Write) -> io::Result<()> {
    let rs = rows(ds, view);
    let rows_total: Decimal = rs.iter().map(|r| r.amount).sum();
    let json_rows = rs
        .iter()
        .map(|r| match (view.by, r.project) {
            (ExportBy::Project, Some(p)) => JsonRow::Project {
                district_id: &r.district.id,
                district: &r.district.name,
                project_id: p.id(),
                project: p.name(),
                amount: plain_amount(r.amount),
                share_of_pool: r.share_of_pool.map(plain_ratio),
                partners: p.partners().collect(),
                themes: p.themes().collect(),
                target: p.target(),
                summary: p.summary(),
            },
            _ => JsonRow::District {
                district_id: &r.district.id,
                district: &r.district.name,
                short: r.district.short.as_deref(),
                hq: r.district.hq.as_deref(),
                projects: r.projects,
                amount: plain_amount(r.amount),
                share_of_pool: r.share_of_pool.map(plain_ratio),
                population: r.district.population,
                municipalities: &r.district.municipalities,
            },
        })
        .collect();
    let m = &ds.meta;
    let doc = JsonDoc {
        title: &m.title,
        currency: &m.currency,
        source: m.source.as_deref(),
        published: m.published.as_deref(),
        period: m.period.as_deref(),
        notes: m.notes.as_deref(),
        pool: m.pool.map(plain_amount),
        allocated: plain_amount(ds.allocated),
        not_itemised: ds.not_itemised.map(plain_amount),
        by: match view.by {
            ExportBy::Project => "project",
            ExportBy::District => "district",
        },
        rows_total: plain_amount(rows_total),
        rows: json_rows,
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::other)?;
    writeln!(w)
}

/// Escapes text for a Markdown table cell (and the title and source lines): `|` and `\` for the
/// table, line breaks as spaces, and `&`, `<`, `>` as entities, so that a name from a data file
/// cannot bring HTML (`<script>`) into a page the Markdown is rendered on.
fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

struct Words {
    district: &'static str,
    project: &'static str,
    projects: &'static str,
    amount: &'static str,
    share: &'static str,
    total: &'static str,
    not_itemised: &'static str,
    pool: &'static str,
    source: &'static str,
}

fn words(locale: Locale) -> Words {
    match locale {
        Locale::Da => Words {
            district: "Kreds",
            project: "Projekt",
            projects: "Projekter",
            amount: "Beløb",
            share: "Andel af puljen",
            total: "I alt",
            not_itemised: "Ikke specificeret",
            pool: "Puljen",
            source: "Kilde",
        },
        Locale::En => Words {
            district: "District",
            project: "Project",
            projects: "Projects",
            amount: "Amount",
            share: "Share of pool",
            total: "Total",
            not_itemised: "Not itemised",
            pool: "Pool",
            source: "Source",
        },
    }
}

/// Markdown: a heading, the source, and a table in the locale's money format with a totals row and,
/// where the file has a pool, the not-itemised rest and the pool.
pub fn write_markdown(
    ds: &Dataset,
    view: &Selection,
    locale: Locale,
    w: &mut dyn Write,
) -> io::Result<()> {
    let t = words(locale);
    let cur = ds.meta.currency.as_str();
    let pct = |d: Option<Decimal>| d.map(|d| format_percent(d, locale)).unwrap_or_default();
    writeln!(w, "## {}", md_cell(&ds.meta.title))?;
    writeln!(w)?;
    if let Some(s) = &ds.meta.source {
        writeln!(w, "{}: {}", t.source, md_cell(s))?;
        writeln!(w)?;
    }
    let rs = rows(ds, view);
    let total: Decimal = rs.iter().map(|r| r.amount).sum();
    let total_projects: usize = rs.iter().map(|r| r.projects).sum();
    // The first column shows the row's name; the second its district (by project) or project count.
    let (h1, h2) = match view.by {
        ExportBy::Project => (t.project, t.district),
        ExportBy::District => (t.district, t.projects),
    };
    // One scale for the amount column: whole kroner, with øre on every figure once any has them, so
    // the column lines up; the unit is said once, in its heading.
    let pool_rest = ds
        .meta
        .pool
        .map(|pool| [pool, ds.not_itemised.unwrap_or(pool - ds.allocated)]);
    let scale = crate::money::Scale::of_amounts(
        rs.iter()
            .map(|r| r.amount)
            .chain([total])
            .chain(pool_rest.into_iter().flatten()),
        false,
    );
    let money = |d: Decimal| scale.number(d, locale);
    let unit = scale.label(cur, locale);
    writeln!(w, "| {h1} | {h2} | {} ({unit}) | {} |", t.amount, t.share)?;
    writeln!(w, "|---|---|---:|---:|")?;
    for r in &rs {
        let (c1, c2) = match (view.by, r.project) {
            (ExportBy::Project, Some(p)) => (md_cell(p.name()), md_cell(&r.district.name)),
            _ => (md_cell(&r.district.name), r.projects.to_string()),
        };
        writeln!(
            w,
            "| {c1} | {c2} | {} | {} |",
            money(r.amount),
            pct(r.share_of_pool)
        )?;
    }
    let c2 = match view.by {
        ExportBy::Project => String::new(),
        ExportBy::District => format!("**{total_projects}**"),
    };
    let share_total = ds.share_of_pool(total);
    writeln!(
        w,
        "| **{}** | {c2} | **{}** | {} |",
        t.total,
        money(total),
        share_total
            .map(|s| format!("**{}**", format_percent(s, locale)))
            .unwrap_or_default()
    )?;
    if let Some(pool) = ds.meta.pool {
        let rest = ds.not_itemised.unwrap_or(pool - ds.allocated);
        writeln!(
            w,
            "| {} | | {} | {} |",
            t.not_itemised,
            money(rest),
            pct(ds.share_of_pool(rest))
        )?;
        writeln!(
            w,
            "| {} | | {} | {} |",
            t.pool,
            money(pool),
            pct(ds.share_of_pool(pool))
        )?;
    }
    Ok(())
}

/// Why an `--output` file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists and `force` was not given.
    Exists(PathBuf),
    /// The target is one of the data files read.
    IsInput(PathBuf),
    /// The target is a FIFO, a device or a socket (what it is).
    NotRegular(PathBuf, &'static str),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Exists(p) => write!(
                f,
                "{} already exists; use --force to overwrite it",
                p.display()
            ),
            WriteError::IsInput(p) => write!(
                f,
                "{} is the data file being exported; refusing to overwrite it",
                p.display()
            ),
            WriteError::NotRegular(p, kind) => write!(
                f,
                "{} is not a regular file: this is {kind}; refusing to replace it\n  hint: choose a file name, or leave out --output to write to stdout",
                p.display()
            ),
            WriteError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, synced, then moved
/// into place. Without `force` an existing file is never replaced (also not by a race: the final step
/// is a hard link, which fails if the name exists). `inputs` are files that must never be written.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    force: bool,
    inputs: &[PathBuf],
) -> Result<(), WriteError> {
    let io_err = |e: io::Error| WriteError::Io(path.to_path_buf(), e);
    if let Ok(target) = path.canonicalize()
        && inputs
            .iter()
            .filter_map(|i| i.canonicalize().ok())
            .any(|i| i == target)
    {
        return Err(WriteError::IsInput(path.to_path_buf()));
    }
    if path.is_dir() {
        return Err(io_err(io::Error::other("it is a directory")));
    }
    // `--force` replaces a file, never a FIFO or a device node (`/dev/null`, a terminal) that
    // happens to have the name. Checked before the rename, which cannot be made conditional: a node
    // that appears in between is replaced, but never opened or written, so nothing blocks.
    if let Ok(meta) = std::fs::metadata(path)
        && let Some(kind) = crate::files::non_regular_kind(meta.file_type())
    {
        return Err(WriteError::NotRegular(path.to_path_buf(), kind));
    }
    if !force && path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let mut tmp = None;
    for attempt in 0..100u32 {
        let candidate = dir.join(format!(
            ".{name}.{}.{attempt}.kredskort-tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => {
                tmp = Some((candidate, f));
                break;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_err(e)),
        }
    }
    let Some((tmp_path, mut file)) = tmp else {
        return Err(io_err(io::Error::other(
            "could not create a temporary file next to it",
        )));
    };
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if force {
            std::fs::rename(&tmp_path, path)
        } else {
            // No-clobber: link fails if the name exists by now.
            match std::fs::hard_link(&tmp_path, path) {
                Ok(()) => std::fs::remove_file(&tmp_path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
                // Filesystems without hard links: checked above, rename now.
                Err(_) => std::fs::rename(&tmp_path, path),
            }
        }
    })();
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp_path);
            if e.kind() == io::ErrorKind::AlreadyExists {
                Err(WriteError::Exists(path.to_path_buf()))
            } else {
                Err(io_err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn text(f: impl Fn(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn csv_fields_are_quoted_per_rfc_4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        // Formula injection: text that a spreadsheet would run is kept as text.
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+45 1234"), "'+45 1234");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("2875000"), "2875000");
    }

    #[test]
    fn plain_amounts_are_machine_readable() {
        assert_eq!(plain_amount(Decimal::new(287500000, 2)), "2875000");
        assert_eq!(plain_amount(Decimal::new(199999999, 2)), "1999999.99");
        assert_eq!(plain_ratio(Decimal::new(2142857142, 10)), "0.214286");
    }

    #[test]
    fn csv_by_project_of_the_shipped_data() {
        let ds = load_embedded();
        let out = text(|w| write_csv(&ds, &Selection::all(&ds, ExportBy::Project), w));
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "district_id,district,project_id,project,amount,share_of_pool,partners,themes,target"
        );
        assert_eq!(lines.len(), 1 + 6 + 1, "header, six projects, final empty");
        assert!(lines[1].starts_with("nordjylland,Nordjyllands Politi,socialsoeg,Projekt Socialsøg,2875000,0.020536,,familier; sociale problemer,"));
    }

    #[test]
    fn filtered_and_ordered_views() {
        let ds = load_embedded();
        let v = Selection::filtered(&ds, ExportBy::Project, |p| {
            p.themes().any(|t| t == "bander")
        });
        assert_eq!(v.rows.len(), 4);
        let v = v.ordered(vec![5, 2, 99]);
        let names: Vec<&str> = rows(&ds, &v)
            .iter()
            .map(|r| r.project.unwrap().name())
            .collect();
        assert_eq!(
            names,
            vec![
                "Projekt Pin-point",
                "Bekæmpelse af rocker- og bandeproblematikker i Vollsmose"
            ]
        );
        let v = Selection::filtered(&ds, ExportBy::District, |p| p.themes().any(|t| t == "unge"));
        let rs = rows(&ds, &v);
        assert_eq!(rs.len(), 12, "every district is listed");
        let total: Decimal = rs.iter().map(|r| r.amount).sum();
        assert_eq!(total, Decimal::from(16_600_000));
    }

    #[test]
    fn markdown_in_danish_and_english() {
        let ds = load_embedded();
        let da =
            text(|w| write_markdown(&ds, &Selection::all(&ds, ExportBy::Project), Locale::Da, w));
        assert!(
            da.contains("| Projekt Pin-point | Københavns Politi | 30.000.000 | 21,4 % |"),
            "{da}"
        );
        assert!(
            da.contains("| **I alt** |  | **65.975.000** | **47,1 %** |"),
            "{da}"
        );
        assert!(
            da.contains("| Ikke specificeret | | 74.025.000 | 52,9 % |"),
            "{da}"
        );
        // The amount column's unit once, in its heading.
        assert!(da.contains("| Beløb (kr.) |"), "{da}");
        let en =
            text(|w| write_markdown(&ds, &Selection::all(&ds, ExportBy::District), Locale::En, w));
        assert!(en.contains("| Amount (DKK) |"), "{en}");
        assert!(en.contains("| Bornholms Politi | 0 | 0 | 0.0% |"), "{en}");
        assert!(
            en.contains("| Not itemised | | 74,025,000 | 52.9% |"),
            "{en}"
        );
    }

    #[test]
    fn markdown_amounts_share_one_number_of_decimals() {
        let text_of = |toml: &str| {
            let ds = crate::data::load_str(toml, "m.toml", None).unwrap();
            text(|w| write_markdown(&ds, &Selection::all(&ds, ExportBy::Project), Locale::Da, w))
        };
        let md = text_of(
            "[dataset]\ntitle = \"T\"\ncurrency = \"DKK\"\n[[district]]\nid = \"a\"\nname = \"A\"\n\
             [[project]]\nid = \"p\"\ndistrict = \"a\"\nname = \"P\"\namount = 2_000_000\n\
             [[project]]\nid = \"q\"\ndistrict = \"a\"\nname = \"Q\"\namount = \"420000.25\"\n",
        );
        assert!(md.contains("| P | A | 2.000.000,00 |"), "{md}");
        assert!(md.contains("| Q | A | 420.000,25 |"), "{md}");
    }

    #[test]
    fn markdown_escapes_html_from_the_data() {
        let toml = r#"
[dataset]
title = "<img src=x onerror=alert(1)> & co"
source = "<a href='javascript:x'>kilde</a>"

[[district]]
id = "a"
name = "<script>alert('d')</script>"

[[project]]
district = "a"
name = "<script>alert(1)</script> | x"
amount = 1
"#;
        let ds = crate::data::load_str(toml, "t.toml", None).unwrap();
        for by in [ExportBy::Project, ExportBy::District] {
            let md = text(|w| write_markdown(&ds, &Selection::all(&ds, by), Locale::En, w));
            assert!(!md.contains('<') && !md.contains('>'), "{md}");
            let cell = match by {
                ExportBy::Project => "| &lt;script&gt;alert(1)&lt;/script&gt; \\| x |",
                ExportBy::District => "| &lt;script&gt;alert('d')&lt;/script&gt; |",
            };
            assert!(md.contains(cell), "{md}");
            assert!(
                md.contains("## &lt;img src=x onerror=alert(1)&gt; &amp; co"),
                "{md}"
            );
            assert!(
                md.contains("&lt;a href='javascript:x'&gt;kilde&lt;/a&gt;"),
                "{md}"
            );
        }
    }

    #[test]
    fn json_has_exact_amounts_as_strings() {
        let ds = load_embedded();
        let out = text(|w| write_json(&ds, &Selection::all(&ds, ExportBy::District), w));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["pool"], "140000000");
        assert_eq!(v["allocated"], "65975000");
        assert_eq!(v["not_itemised"], "74025000");
        assert_eq!(v["rows"].as_array().unwrap().len(), 12);
        assert_eq!(v["rows"][10]["amount"], "30000000");
    }
}
