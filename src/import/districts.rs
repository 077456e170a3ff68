//! Matching the district column against a district set (by id, name or short name, folded the way
//! search folds: `Kobenhavns Politi`, `københavn`, `KØBENHAVN`, `koebenhavn` are one district), with
//! `did you mean` for the rest; or, without a set, making the distinct values new districts with ids
//! made from their names (`Østjylland` → `oestjylland`, as the shipped file spells its ids).

use std::collections::{HashMap, HashSet};

use crate::data::District;
use crate::data::convert::suggest_id;
use crate::data::diagnostic::did_you_mean;
use crate::text::fold::fold;

/// The form two spellings of a district are compared in: the search fold with everything but
/// letters and digits left out (`Midt- og Vestjylland` ~ `midt og vestjylland`).
pub fn key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// What a value matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    One(usize),
    /// The value is a name of more than one district (indices).
    Several(Vec<usize>),
    None,
}

/// The districts of a set, by every spelling that names them.
pub struct Matcher<'d> {
    districts: &'d [District],
    keys: HashMap<String, Vec<usize>>,
}

impl<'d> Matcher<'d> {
    pub fn new(districts: &'d [District]) -> Self {
        let mut keys: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in districts.iter().enumerate() {
            let names = [
                Some(d.id.as_str()),
                Some(d.name.as_str()),
                d.short.as_deref(),
            ];
            for name in names.into_iter().flatten() {
                let entry = keys.entry(key(name)).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
        Matcher { districts, keys }
    }

    pub fn find(&self, value: &str) -> Found {
        if let Some(i) = self.districts.iter().position(|d| d.id == value) {
            return Found::One(i);
        }
        match self.keys.get(&key(value)).map(Vec::as_slice) {
            Some([one]) => Found::One(*one),
            Some(many) if !many.is_empty() => Found::Several(many.to_vec()),
            _ => Found::None,
        }
    }

    /// Whether the values look like this set's districts: more than half of the distinct values
    /// name one of them or are a plausible typo of one (so one misspelt district in a short list
    /// is reported as such rather than making the whole list new districts).
    pub fn fits(&self, values: &[&str]) -> bool {
        let mut distinct: Vec<(String, &str)> = values.iter().map(|v| (key(v), *v)).collect();
        distinct.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        distinct.dedup_by(|a, b| a.0 == b.0);
        distinct.retain(|(k, _)| !k.is_empty());
        let hits = distinct
            .iter()
            .filter(|(k, v)| {
                self.keys.get(k.as_str()).is_some_and(|d| !d.is_empty())
                    || self.suggestion(v).is_some()
            })
            .count();
        !distinct.is_empty() && hits * 2 > distinct.len()
    }

    /// `did you mean "…"?` among the districts' short names, names and ids (in that order, so a
    /// name written as a name gets a name back).
    pub fn suggestion(&self, value: &str) -> Option<String> {
        let names = self.districts.iter().flat_map(|d| {
            [
                d.short.as_deref(),
                Some(d.name.as_str()),
                Some(d.id.as_str()),
            ]
            .into_iter()
            .flatten()
        });
        did_you_mean(value, names)
    }

    /// Some spellings this set takes, for a hint: the first few short names.
    pub fn examples(&self) -> String {
        self.districts
            .iter()
            .take(4)
            .map(|d| format!("\"{}\"", d.short_name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A district made from the values of the district column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDistrict {
    pub id: String,
    pub name: String,
}

/// An id in the format's syntax: `a`–`z`, `0`–`9`, `-`, not empty.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An id made from `text` that `taken` does not have yet: `fyns-politi`, `fyns-politi-2`, …;
/// `fallback` when the text has no ASCII letters or digits at all.
pub fn unique_id(text: &str, fallback: &str, taken: &mut HashSet<String>) -> String {
    let base = match suggest_id(&crate::text::fold::fold_literal(text)) {
        s if s.is_empty() => fallback.to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// New districts from the rows' (name, id) values, one per distinct district (the same name in
/// other spellings, or the same id, is one district; the first spelling names it). Returns the
/// districts and, for each row, its district's index.
pub fn new_districts(values: &[(Option<&str>, Option<&str>)]) -> (Vec<NewDistrict>, Vec<usize>) {
    let mut out: Vec<NewDistrict> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut of_row = Vec::with_capacity(values.len());
    for (name, id) in values {
        // An id column decides which rows are one district; without one, the folded name does.
        let group = match (id, name) {
            (Some(id), _) => format!("id:{id}"),
            (None, Some(name)) => format!("name:{}", key(name)),
            (None, None) => String::new(),
        };
        if let Some(&i) = by_key.get(&group) {
            of_row.push(i);
            continue;
        }
        let name = crate::text::sanitize_line(name.or(*id).unwrap_or("").trim());
        let id = match id {
            Some(id) if is_id(id) && !taken.contains(*id) => {
                taken.insert(id.to_string());
                id.to_string()
            }
            Some(id) => unique_id(id, "district", &mut taken),
            None => unique_id(&name, "district", &mut taken),
        };
        by_key.insert(group, out.len());
        of_row.push(out.len());
        out.push(NewDistrict { id, name });
    }
    (out, of_row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn spellings_of_the_built_in_districts_match() {
        let ds = load_embedded();
        let m = Matcher::new(&ds.districts);
        let kbh = ds
            .districts
            .iter()
            .position(|d| d.id == "koebenhavn")
            .unwrap();
        for v in [
            "koebenhavn",
            "Kobenhavns Politi",
            "københavn",
            "KØBENHAVN",
            "Københavns Politi",
            "Koebenhavn",
        ] {
            assert_eq!(m.find(v), Found::One(kbh), "{v}");
        }
        let vestegn = ds
            .districts
            .iter()
            .position(|d| d.id == "koebenhavns-vestegn")
            .unwrap();
        assert_eq!(m.find("Københavns Vestegn"), Found::One(vestegn));
        assert_eq!(
            m.find("midt og vestjylland"),
            m.find("Midt- og Vestjylland")
        );
        assert_eq!(m.find("Kbh"), Found::None);
        assert_eq!(
            m.suggestion("Kobenhaven").as_deref(),
            Some("did you mean \"København\"?")
        );
        assert!(m.fits(&["Fyn", "fyn", "Bornholm", "Atlantis"]));
        assert!(!m.fits(&["Oslo", "Bergen", "Fyn"]));
        assert!(m.fits(&["Fyns", "Bornholm"]), "a typo is still a district");
    }

    #[test]
    fn new_districts_get_ids_like_the_shipped_file() {
        let rows = [
            (Some("Østjylland"), None),
            (Some("ØSTJYLLAND"), None),
            (Some("Fyns Politi"), None),
            (Some("東京"), None),
            (Some("Vest-Jylland"), None),
        ];
        let (d, of_row) = new_districts(&rows);
        let ids: Vec<&str> = d.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            ["oestjylland", "fyns-politi", "district", "vest-jylland"]
        );
        assert_eq!(d[0].name, "Østjylland");
        assert_eq!(of_row, [0, 0, 1, 2, 3]);
        let with_ids = [
            (Some("Fyn"), Some("fyn")),
            (Some("Fyns Politi"), Some("fyn")),
        ];
        let (d, of_row) = new_districts(&with_ids);
        assert_eq!(d.len(), 1);
        assert_eq!(of_row, [0, 0]);
    }
}
