//! What changed between funding rounds. Districts are matched by `id` across the rounds (a district
//! renamed between two rounds keeps its id, and is shown by its latest name); each district has its
//! amount in every round it is in, and between two rounds a [`Step`]: changed by so much (and by
//! what percent of the first amount), new, ended, or absent from both. A district missing from a
//! round is new or ended there, never a change from or to 0. Rounds in different currencies cannot
//! be compared at all.

use std::collections::HashMap;
use std::fmt;

use rust_decimal::Decimal;

use crate::data::Dataset;

/// One round of a comparison and what to call it.
#[derive(Debug, Clone, Copy)]
pub struct Round<'a> {
    pub label: &'a str,
    pub data: &'a Dataset,
}

impl<'a> Round<'a> {
    /// A round called `label` (a year, a file name: whatever the header shows).
    pub fn new(label: &'a str, data: &'a Dataset) -> Round<'a> {
        Round { label, data }
    }
}

/// Between two rounds, for one district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// In both rounds: the change in money, and in percent of the first amount (`None` when that
    /// was 0: no percent of nothing).
    Changed {
        by: Decimal,
        percent: Option<Decimal>,
    },
    /// Only in the later round.
    New,
    /// Only in the earlier round.
    Ended,
    /// In neither.
    Absent,
}

impl Step {
    /// The step from `from` to `to` (each `None` where the district is not in that round).
    pub fn between(from: Option<Decimal>, to: Option<Decimal>) -> Step {
        match (from, to) {
            (Some(a), Some(b)) => Step::Changed {
                by: b - a,
                percent: (!a.is_zero()).then(|| (b - a) / a * Decimal::ONE_HUNDRED),
            },
            (None, Some(_)) => Step::New,
            (Some(_), None) => Step::Ended,
            (None, None) => Step::Absent,
        }
    }

    /// A word for machines: `changed`, `unchanged`, `new`, `ended`, `absent`.
    pub fn status(self) -> &'static str {
        match self {
            Step::Changed { by, .. } if by.is_zero() => "unchanged",
            Step::Changed { .. } => "changed",
            Step::New => "new",
            Step::Ended => "ended",
            Step::Absent => "absent",
        }
    }
}

/// A district across the rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    /// The name in the latest round the district is in.
    pub name: String,
    /// Its amount in each round (`None`: not in that round).
    pub amounts: Vec<Option<Decimal>>,
}

/// Every district of the rounds, with its amounts side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The rounds' labels, in order.
    pub labels: Vec<String>,
    pub currency: String,
    /// Districts in order of first appearance: the first round's order, then those new in later
    /// rounds.
    pub rows: Vec<Row>,
    /// Each round's pool (when its file has one) and the part of it not itemised by district.
    pub pools: Vec<Option<Decimal>>,
    pub not_itemised: Vec<Option<Decimal>>,
}

/// Rounds in different currencies: their amounts cannot be set against each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyMismatch {
    pub first: (String, String),
    pub other: (String, String),
}

impl fmt::Display for CurrencyMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot compare rounds in different currencies: {} is in {}, {} in {}",
            self.first.0, self.first.1, self.other.0, self.other.1
        )
    }
}

impl Panel {
    /// The panel of `rounds`, in the order given. At least one round; all in one currency.
    pub fn build(rounds: &[Round]) -> Result<Panel, CurrencyMismatch> {
        let currency = rounds
            .first()
            .map_or_else(String::new, |r| r.data.meta.currency.clone());
        if let (Some(first), Some(other)) = (
            rounds.first(),
            rounds.iter().find(|r| r.data.meta.currency != currency),
        ) {
            return Err(CurrencyMismatch {
                first: (first.label.to_string(), currency),
                other: (other.label.to_string(), other.data.meta.currency.clone()),
            });
        }
        let mut rows: Vec<Row> = Vec::new();
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for (k, round) in rounds.iter().enumerate() {
            for d in &round.data.districts {
                let at = *by_id.entry(d.id.as_str()).or_insert_with(|| {
                    rows.push(Row {
                        id: d.id.clone(),
                        name: d.name.clone(),
                        amounts: vec![None; rounds.len()],
                    });
                    rows.len() - 1
                });
                let row = &mut rows[at];
                row.name.clone_from(&d.name);
                row.amounts[k] = Some(d.total);
            }
        }
        Ok(Panel {
            labels: rounds.iter().map(|r| r.label.to_string()).collect(),
            currency,
            rows,
            pools: rounds.iter().map(|r| r.data.meta.pool).collect(),
            not_itemised: rounds
                .iter()
                .map(|r| {
                    let d = r.data;
                    d.meta
                        .pool
                        .map(|pool| d.not_itemised.unwrap_or(pool - d.allocated))
                })
                .collect(),
        })
    }

    /// The step of `row` from round `from` to round `to`.
    pub fn step(row: &Row, from: usize, to: usize) -> Step {
        let at = |k: usize| row.amounts.get(k).copied().flatten();
        Step::between(at(from), at(to))
    }
}

/// Labels for rounds: their titles, or, where two rounds share a title, their file names, so that
/// no two columns read alike.
pub fn labels(rounds: &[&Dataset]) -> Vec<String> {
    let titles: Vec<&str> = rounds.iter().map(|d| d.meta.title.as_str()).collect();
    let unique = titles
        .iter()
        .enumerate()
        .all(|(i, t)| !titles[..i].contains(t));
    rounds
        .iter()
        .map(|d| {
            if unique {
                d.meta.title.clone()
            } else {
                let name = std::path::Path::new(&d.origin)
                    .file_stem()
                    .map_or_else(|| d.origin.clone(), |s| s.to_string_lossy().into_owned());
                crate::text::sanitize_line(&name)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_str;

    fn round(title: &str, currency: &str, districts: &[(&str, &str, i64)]) -> Dataset {
        let mut text = format!(
            "# Synthetic test data.\n[dataset]\ntitle = \"{title}\"\npool = 1000\ncurrency = \"{currency}\"\n"
        );
        for (id, name, _) in districts {
            text.push_str(&format!(
                "\n[[district]]\nid = \"{id}\"\nname = \"{name}\"\n"
            ));
        }
        for (id, _, amount) in districts.iter().filter(|d| d.2 > 0) {
            text.push_str(&format!(
                "\n[[project]]\ndistrict = \"{id}\"\nname = \"P {id}\"\namount = {amount}\n"
            ));
        }
        load_str(&text, &format!("{title}.toml"), None).unwrap()
    }

    #[test]
    fn districts_match_by_id_and_new_or_ended_is_never_a_change_from_zero() {
        let a = round(
            "A",
            "DKK",
            &[("n", "Nord", 100), ("s", "Syd", 50), ("o", "Øst", 0)],
        );
        let b = round(
            "B",
            "DKK",
            &[
                ("s", "Syd og Vest", 75),
                ("n", "Nord", 100),
                ("v", "Vest", 10),
            ],
        );
        let p = Panel::build(&[Round::new("A", &a), Round::new("B", &b)]).unwrap();
        let ids: Vec<&str> = p.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["n", "s", "o", "v"], "first appearance");
        let row = |id: &str| p.rows.iter().find(|r| r.id == id).unwrap();
        assert_eq!(row("s").name, "Syd og Vest", "the latest name");
        assert_eq!(
            Panel::step(row("s"), 0, 1),
            Step::Changed {
                by: Decimal::from(25),
                percent: Some(Decimal::from(50))
            }
        );
        assert_eq!(Panel::step(row("n"), 0, 1).status(), "unchanged");
        assert_eq!(Panel::step(row("o"), 0, 1), Step::Ended);
        assert_eq!(Panel::step(row("v"), 0, 1), Step::New);
        assert_eq!(Panel::step(row("v"), 0, 0), Step::Absent);
        assert_eq!(
            p.not_itemised,
            [Some(Decimal::from(850)), Some(Decimal::from(815))]
        );
    }

    #[test]
    fn a_base_of_zero_has_no_percent() {
        assert_eq!(
            Step::between(Some(Decimal::ZERO), Some(Decimal::from(5))),
            Step::Changed {
                by: Decimal::from(5),
                percent: None
            }
        );
    }

    #[test]
    fn rounds_in_two_currencies_are_not_compared() {
        let a = round("A", "DKK", &[("n", "Nord", 100)]);
        let b = round("B", "NOK", &[("n", "Nord", 100)]);
        let e = Panel::build(&[Round::new("A", &a), Round::new("B", &b)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot compare rounds in different currencies: A is in DKK, B in NOK"
        );
    }

    #[test]
    fn labels_are_titles_unless_two_rounds_share_one() {
        let one = [("n", "Nord", 1)];
        let a = round("Runde", "DKK", &one);
        let b = round("Anden", "DKK", &one);
        assert_eq!(labels(&[&a, &b]), ["Runde", "Anden"]);
        let mut c = round("Runde", "DKK", &one);
        c.origin = "data/runde-2016.toml".into();
        assert_eq!(labels(&[&a, &c]), ["Runde", "runde-2016"]);
    }
}
