//! Several rounds as one panel, the table a spreadsheet wants: one row per district, one amount
//! column per round (named by the round's label), then for each pair of consecutive rounds the
//! change in money, in percent and its status (`new` and `ended` instead of a change from or to 0).
//! CSV and JSON carry exact plain amounts; Markdown is for people, in the locale's money format.

use std::io::{self, Write};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::{csv_field, md_cell, plain_amount};
use crate::change::{Panel, Step};
use crate::locale::Locale;
use crate::money::{format_money, format_percent};

/// The consecutive pairs of rounds: (0, 1), (1, 2), ….
fn pairs(panel: &Panel) -> impl Iterator<Item = (usize, usize)> {
    (1..panel.labels.len()).map(|k| (k - 1, k))
}

/// One CSV record of text cells (quoted and guarded against formulas, as every export's) and
/// number cells (written as they are: a change may be negative, and `'-150000` would be text).
fn csv_record(w: &mut dyn Write, cells: &[(String, bool)]) -> io::Result<()> {
    let line: Vec<String> = cells
        .iter()
        .map(|(c, number)| if *number { c.clone() } else { csv_field(c) })
        .collect();
    // RFC 4180 records end in CRLF.
    write!(w, "{}\r\n", line.join(","))
}

/// A percentage with at most two decimals, plain: `12.5`, `-33.33`.
fn plain_percent(d: Decimal) -> String {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

/// CSV: `district_id`, `district`, an amount column per round, then per pair of consecutive rounds
/// `change`, `change_percent` and `status` columns headed `… <from> → <to>`. Cells of a district
/// missing from a round are empty.
pub fn write_panel_csv(panel: &Panel, w: &mut dyn Write) -> io::Result<()> {
    let mut head = vec!["district_id".to_string(), "district".to_string()];
    head.extend(panel.labels.iter().cloned());
    for (a, b) in pairs(panel) {
        let span = format!("{} → {}", panel.labels[a], panel.labels[b]);
        head.push(format!("change {span}"));
        head.push(format!("change_percent {span}"));
        head.push(format!("status {span}"));
    }
    let text = |s: String| (s, false);
    let number = |s: String| (s, true);
    csv_record(w, &head.into_iter().map(text).collect::<Vec<_>>())?;
    for row in &panel.rows {
        let mut line = vec![text(row.id.clone()), text(row.name.clone())];
        line.extend(
            row.amounts
                .iter()
                .map(|a| number(a.map(plain_amount).unwrap_or_default())),
        );
        for (a, b) in pairs(panel) {
            let step = Panel::step(row, a, b);
            match step {
                Step::Changed { by, percent } => {
                    line.push(number(plain_amount(by)));
                    line.push(number(percent.map(plain_percent).unwrap_or_default()));
                }
                Step::New | Step::Ended | Step::Absent => {
                    line.push(number(String::new()));
                    line.push(number(String::new()));
                }
            }
            line.push(text(step.status().to_string()));
        }
        csv_record(w, &line)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonPanel<'a> {
    currency: &'a str,
    rounds: Vec<JsonRound<'a>>,
    districts: Vec<JsonDistrict<'a>>,
}

#[derive(Serialize)]
struct JsonRound<'a> {
    label: &'a str,
    pool: Option<String>,
    not_itemised: Option<String>,
}

#[derive(Serialize)]
struct JsonDistrict<'a> {
    id: &'a str,
    name: &'a str,
    amounts: Vec<Option<String>>,
    changes: Vec<JsonChange>,
}

#[derive(Serialize)]
struct JsonChange {
    from: usize,
    to: usize,
    status: &'static str,
    change: Option<String>,
    percent: Option<String>,
}

/// JSON: the rounds (label, pool, not itemised), then per district its amounts (`null` where it is
/// not in a round) and the changes between consecutive rounds (indices into `rounds`).
pub fn write_panel_json(panel: &Panel, w: &mut dyn Write) -> io::Result<()> {
    let rounds = panel
        .labels
        .iter()
        .enumerate()
        .map(|(k, label)| JsonRound {
            label,
            pool: panel.pools[k].map(plain_amount),
            not_itemised: panel.not_itemised[k].map(plain_amount),
        })
        .collect();
    let districts = panel
        .rows
        .iter()
        .map(|row| JsonDistrict {
            id: &row.id,
            name: &row.name,
            amounts: row.amounts.iter().map(|a| a.map(plain_amount)).collect(),
            changes: pairs(panel)
                .map(|(from, to)| {
                    let step = Panel::step(row, from, to);
                    let (change, percent) = match step {
                        Step::Changed { by, percent } => {
                            (Some(plain_amount(by)), percent.map(plain_percent))
                        }
                        Step::New | Step::Ended | Step::Absent => (None, None),
                    };
                    JsonChange {
                        from,
                        to,
                        status: step.status(),
                        change,
                        percent,
                    }
                })
                .collect(),
        })
        .collect();
    let doc = JsonPanel {
        currency: &panel.currency,
        rounds,
        districts,
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::other)?;
    writeln!(w)
}

struct PanelWords {
    title: &'static str,
    district: &'static str,
    change: &'static str,
    new: &'static str,
    ended: &'static str,
    not_itemised: &'static str,
    pool: &'static str,
}

fn panel_words(locale: Locale) -> PanelWords {
    match locale {
        Locale::Da => PanelWords {
            title: "Udvikling",
            district: "Kreds",
            change: "Ændring",
            new: "ny",
            ended: "ophørt",
            not_itemised: "Ikke specificeret",
            pool: "Puljen",
        },
        Locale::En => PanelWords {
            title: "Change",
            district: "District",
            change: "Change",
            new: "new",
            ended: "ended",
            not_itemised: "Not itemised",
            pool: "Pool",
        },
    }
}

/// Markdown: a table with a district per row, an amount per round and, per pair of consecutive
/// rounds, the change (`+2.500.000 kr. (+12,5 %)`, `ny`, `ophørt`), then the pools and what of them
/// is not itemised.
pub fn write_panel_markdown(panel: &Panel, locale: Locale, w: &mut dyn Write) -> io::Result<()> {
    let t = panel_words(locale);
    let cur = panel.currency.as_str();
    let money = |d: Option<Decimal>| d.map(|d| format_money(d, cur, locale)).unwrap_or_default();
    writeln!(w, "## {}", t.title)?;
    writeln!(w)?;
    let mut head = vec![t.district.to_string()];
    head.extend(panel.labels.iter().map(|l| md_cell(l)));
    for (a, b) in pairs(panel) {
        head.push(format!(
            "{} {} → {}",
            t.change,
            md_cell(&panel.labels[a]),
            md_cell(&panel.labels[b])
        ));
    }
    writeln!(w, "| {} |", head.join(" | "))?;
    writeln!(w, "|---|{}", "---:|".repeat(head.len() - 1))?;
    for row in &panel.rows {
        let mut cells = vec![md_cell(&row.name)];
        cells.extend(row.amounts.iter().map(|&a| money(a)));
        for (a, b) in pairs(panel) {
            cells.push(match Panel::step(row, a, b) {
                Step::Changed { by, percent } => {
                    let sign = if by > Decimal::ZERO { "+" } else { "" };
                    let pct = percent
                        .map(|p| {
                            let sign = if p > Decimal::ZERO { "+" } else { "" };
                            format!(
                                " ({sign}{})",
                                format_percent(p / Decimal::ONE_HUNDRED, locale)
                            )
                        })
                        .unwrap_or_default();
                    format!("{sign}{}{pct}", format_money(by, cur, locale))
                }
                Step::New => t.new.to_string(),
                Step::Ended => t.ended.to_string(),
                Step::Absent => String::new(),
            });
        }
        writeln!(w, "| {} |", cells.join(" | "))?;
    }
    let changes = pairs(panel).count();
    for (label, values) in [
        (t.not_itemised, &panel.not_itemised),
        (t.pool, &panel.pools),
    ] {
        if values.iter().all(Option::is_none) {
            continue;
        }
        let mut cells = vec![label.to_string()];
        cells.extend(values.iter().map(|&v| money(v)));
        cells.extend(std::iter::repeat_n(String::new(), changes));
        writeln!(w, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Round;
    use crate::data::load_str;

    const A: &str = "# Synthetic test data.\n[dataset]\ntitle = \"A\"\npool = 1000\n\n[[district]]\nid = \"n\"\nname = \"Nord\"\n\n[[district]]\nid = \"o\"\nname = \"Øst\"\n\n[[project]]\ndistrict = \"n\"\nname = \"P\"\namount = 400\n\n[[project]]\ndistrict = \"o\"\nname = \"Q\"\namount = 100\n";
    const B: &str = "# Synthetic test data.\n[dataset]\ntitle = \"B\"\npool = 800\n\n[[district]]\nid = \"n\"\nname = \"Nord\"\n\n[[district]]\nid = \"v\"\nname = \"Vest | ny\"\n\n[[project]]\ndistrict = \"n\"\nname = \"P\"\namount = 500\n\n[[project]]\ndistrict = \"v\"\nname = \"R\"\namount = \"50.50\"\n";

    fn panel() -> Panel {
        let a = load_str(A, "a.toml", None).unwrap();
        let b = load_str(B, "b.toml", None).unwrap();
        Panel::build(&[Round::new("A", &a), Round::new("B", &b)]).unwrap()
    }

    fn text(f: impl Fn(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_has_an_amount_per_round_then_the_changes() {
        let csv = text(|w| write_panel_csv(&panel(), w));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines,
            [
                "district_id,district,A,B,change A → B,change_percent A → B,status A → B",
                "n,Nord,400,500,100,25,changed",
                "o,Øst,100,,,,ended",
                "v,Vest | ny,,50.5,,,new",
            ]
        );
    }

    #[test]
    fn a_decrease_is_a_plain_negative_number_not_guarded_text() {
        let a = load_str(A, "a.toml", None).unwrap();
        let b = load_str(B, "b.toml", None).unwrap();
        let back = Panel::build(&[Round::new("B", &b), Round::new("A", &a)]).unwrap();
        let csv = text(|w| write_panel_csv(&back, w));
        assert!(
            csv.contains("\r\nn,Nord,500,400,-100,-20,changed\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn json_carries_null_for_a_missing_round_and_the_pools() {
        let json = text(|w| write_panel_json(&panel(), w));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["rounds"][1]["pool"], "800");
        assert_eq!(v["rounds"][1]["not_itemised"], "249.5");
        assert_eq!(v["districts"][1]["amounts"][1], serde_json::Value::Null);
        assert_eq!(v["districts"][1]["changes"][0]["status"], "ended");
        assert_eq!(v["districts"][0]["changes"][0]["percent"], "25");
    }

    #[test]
    fn markdown_says_new_and_ended_in_words_and_escapes_cells() {
        let md = text(|w| write_panel_markdown(&panel(), Locale::Da, w));
        assert!(md.contains("| Kreds | A | B | Ændring A → B |"), "{md}");
        assert!(
            md.contains("| Nord | 400 kr. | 500 kr. | +100 kr. (+25,0 %) |"),
            "{md}"
        );
        assert!(md.contains("| Øst | 100 kr. |  | ophørt |"), "{md}");
        assert!(md.contains("| Vest \\| ny |  | 50,50 kr. | ny |"), "{md}");
        assert!(md.contains("| Puljen | 1.000 kr. | 800 kr. |  |"), "{md}");
        let en = text(|w| write_panel_markdown(&panel(), Locale::En, w));
        assert!(en.contains("| Øst | DKK 100 |  | ended |"), "{en}");
    }
}
