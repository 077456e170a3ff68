//! Writing the imported round as a data file (docs/format.md): a header comment, `[dataset]`, the
//! districts (every field the district set has), `[map]` when it can be carried over, and one
//! `[[project]]` per row. Amounts are written exactly: whole numbers as integers with `_` between
//! thousands, others as decimal strings (`"2875000.5"`).

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::data::{District, MapSpec, Project};
use crate::export::plain_amount;

/// `[dataset]` as imported.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaOut {
    pub title: String,
    pub pool: Option<Decimal>,
    pub currency: String,
    pub source: Option<String>,
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let inner: Vec<String> = items.into_iter().map(|s| toml_string(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

/// An amount as the format takes it exactly: `30_000_000`, or `"2875000.5"`.
pub fn toml_amount(d: Decimal) -> String {
    let plain = plain_amount(d);
    if plain.contains('.') {
        return format!("\"{plain}\"");
    }
    crate::locale::group_digits(&plain, '_')
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn opt_text(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        line(out, key, &toml_string(v));
    }
}

fn list<S: AsRef<str>>(out: &mut String, key: &str, items: impl IntoIterator<Item = S>) {
    let mut items = items.into_iter().peekable();
    if items.peek().is_some() {
        line(out, key, &toml_list(items));
    }
}

fn district(out: &mut String, d: &District) {
    out.push_str("\n[[district]]\n");
    line(out, "id", &toml_string(&d.id));
    line(out, "name", &toml_string(&d.name));
    opt_text(out, "short", d.short.as_deref());
    if d.tile_given {
        let _ = writeln!(out, "tile = [{}, {}]", d.tile.row, d.tile.col);
    }
    opt_text(out, "hq", d.hq.as_deref());
    list(out, "municipalities", &d.municipalities);
    list(out, "shapes", &d.shapes);
    if let Some(p) = d.population {
        line(out, "population", &toml_amount(Decimal::from(p)));
    }
}

fn bbox(b: &[f64; 4]) -> String {
    // Debug keeps a decimal point (`8.0`), so TOML reads a float.
    format!("[{:?}, {:?}, {:?}, {:?}]", b[0], b[1], b[2], b[3])
}

fn map(out: &mut String, m: &MapSpec) {
    out.push_str("\n[map]\n");
    line(out, "geometry", &toml_string(&m.geometry));
    line(out, "key", &toml_string(&m.key));
    if let Some(b) = &m.bbox {
        line(out, "bbox", &bbox(b));
    }
    for inset in &m.insets {
        out.push_str("\n[[map.inset]]\n");
        line(out, "name", &toml_string(&inset.name));
        line(out, "bbox", &bbox(&inset.bbox));
    }
}

/// The whole file. `comment` lines go first, each after `# `; each project's `district` is an
/// index into `districts`.
pub fn round_toml(
    comment: &[String],
    meta: &MetaOut,
    districts: &[District],
    map_spec: Option<&MapSpec>,
    projects: &[Project],
) -> String {
    let mut out = String::with_capacity(256 + projects.len() * 160);
    for c in comment {
        for l in c.lines() {
            let _ = writeln!(out, "# {}", crate::text::sanitize_line(l));
        }
    }
    if !comment.is_empty() {
        out.push('\n');
    }
    out.push_str("[dataset]\n");
    line(&mut out, "title", &toml_string(&meta.title));
    if let Some(pool) = meta.pool {
        line(&mut out, "pool", &toml_amount(pool));
    }
    line(&mut out, "currency", &toml_string(&meta.currency));
    opt_text(&mut out, "source", meta.source.as_deref());
    if let Some(m) = map_spec {
        map(&mut out, m);
    }
    for d in districts {
        district(&mut out, d);
    }
    for p in projects {
        out.push_str("\n[[project]]\n");
        opt_text(&mut out, "id", p.id());
        let district = districts.get(p.district).map_or("", |d| d.id.as_str());
        line(&mut out, "district", &toml_string(district));
        line(&mut out, "name", &toml_string(p.name()));
        line(&mut out, "amount", &toml_amount(p.amount));
        list(&mut out, "partners", p.partners());
        opt_text(&mut out, "target", p.target());
        list(&mut out, "themes", p.themes());
        opt_text(&mut out, "summary", p.summary());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::testdata::dec;

    #[test]
    fn strings_and_amounts_are_written_exactly() {
        assert_eq!(
            toml_string("a \"b\" \\ c\nd\u{1b}"),
            "\"a \\\"b\\\" \\\\ c\\nd\\u001B\""
        );
        assert_eq!(toml_amount(dec("30000000")), "30_000_000");
        assert_eq!(toml_amount(dec("999")), "999");
        assert_eq!(toml_amount(dec("1000")), "1_000");
        assert_eq!(toml_amount(dec("2875000.50")), "\"2875000.5\"");
        assert_eq!(toml_amount(dec("0")), "0");
    }
}
