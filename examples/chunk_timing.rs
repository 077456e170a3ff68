//! One-off measurement of whole-file vs chunk-wise TOML parsing, one mode per process so
//! that `/usr/bin/time -v` reports the peak memory of that mode alone:
//!
//! ```sh
//! cargo run --release -- gen -o /tmp/big.toml
//! cargo build --release --example chunk_timing
//! for m in read split split2 whole table chunks1 chunks1-drop chunks2 chunks2-drop proto1 proto2 load; do
//!   /usr/bin/time -f "$m %e s %M KB" target/release/examples/chunk_timing $m /tmp/big.toml
//! done
//! ```
//! `proto1`/`proto2` are a prototype of the chunked loader (convert each entry, then validate) on
//! 1 and 2 threads; `load` is `data::load_str` (the loader in this branch); `gen-int OUT` writes the 1000×100 file
//! with integer amounts only, for a loader that takes no amount strings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use kredskort::commands::generate::{GenParams, write_dataset};
use kredskort::data::chunk::{map_chunks, parse_chunks, split, split_parallel};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, path) = match args.as_slice() {
        [_, m, p] => (m.as_str(), p.as_str()),
        _ => {
            eprintln!("usage: chunk_timing MODE FILE");
            std::process::exit(2);
        }
    };
    if mode == "gen-int" {
        let mut params = GenParams::new(1000, 100, 1);
        params.string_amounts = false;
        let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        write_dataset(&mut w, &params).unwrap();
        return;
    }
    let t0 = Instant::now();
    let text = std::fs::read_to_string(path).unwrap();
    let read = t0.elapsed();
    let t1 = Instant::now();
    let what = match mode {
        "read" => format!("{} bytes", text.len()),
        "split" => {
            // Five times; the fastest run is printed separately (the machine is shared).
            let mut best = f64::MAX;
            let mut n = 0;
            for _ in 0..5 {
                let t = Instant::now();
                n = split(&text).map_or(0, |c| c.len());
                best = best.min(t.elapsed().as_secs_f64() * 1e3);
            }
            format!("{n} chunks, fastest of 5: {best:.1} ms")
        }
        "split2" => {
            let mut best = f64::MAX;
            let mut n = 0;
            for _ in 0..5 {
                let t = Instant::now();
                n = split_parallel(&text).map_or(0, |c| c.len());
                best = best.min(t.elapsed().as_secs_f64() * 1e3);
            }
            format!("{n} chunks, fastest of 5: {best:.1} ms")
        }
        "whole" => {
            let t = toml::de::DeTable::parse(&text).unwrap();
            format!("{} top-level keys", t.get_ref().len())
        }
        "table" => {
            let t: toml::Table = text.parse().unwrap();
            format!("{} top-level keys", t.len())
        }
        "chunks1" | "chunks2" => {
            let chunks = split(&text).unwrap();
            let threads = if mode == "chunks1" { 1 } else { 2 };
            let tables = parse_chunks(&text, &chunks, threads).unwrap();
            format!("{} tables", tables.len())
        }
        "chunks1-drop" | "chunks2-drop" => {
            // Parse each chunk and drop its tree at once (`map_chunks`): the memory a loader that
            // converts entry by entry would need.
            let threads = if mode == "chunks1-drop" { 1 } else { 2 };
            let chunks = if threads == 2 {
                split_parallel(&text).unwrap()
            } else {
                split(&text).unwrap()
            };
            let ok = map_chunks(&text, &chunks, threads, |_, _, r| r.is_ok());
            format!("{} tables", ok.iter().filter(|&&x| x).count())
        }
        "proto1" | "proto2" => {
            // A prototype of the chunked loader: split, parse each chunk, convert the entry into
            // model-like values (sanitised text, Decimal amounts) and drop its tree, then
            // validate across entries. An estimate of what `check` can reach, not the loader.
            let threads = if mode == "proto1" { 1 } else { 2 };
            let chunks = if threads == 2 {
                split_parallel(&text).unwrap()
            } else {
                split(&text).unwrap()
            };
            let entries = map_chunks(&text, &chunks, threads, |_, _, r| proto::convert(r));
            proto::validate(entries)
        }
        "load" => match kredskort::data::load_str(&text, path, None) {
            Ok(d) => format!("{} projects", d.projects.len()),
            Err(e) => format!("error: {}", e.summary()),
        },
        other => {
            eprintln!("unknown mode {other}");
            std::process::exit(2);
        }
    };
    let op = t1.elapsed();
    println!(
        "{mode}: read {:.1} ms, {mode} {:.1} ms ({what})",
        read.as_secs_f64() * 1e3,
        op.as_secs_f64() * 1e3
    );
}

mod proto {
    use std::collections::{HashMap, HashSet};

    use kredskort::data::chunk::ChunkError;
    use kredskort::money::parse_amount;
    use kredskort::text::{sanitize_block, sanitize_line};
    use rust_decimal::Decimal;
    use toml::Spanned;
    use toml::de::{DeTable, DeValue};

    pub struct Project {
        pub id: Option<String>,
        pub district: String,
        pub name: String,
        pub amount: Decimal,
        pub partners: Vec<String>,
        pub target: Option<String>,
        pub themes: Vec<String>,
        pub summary: Option<String>,
    }

    pub struct District {
        pub id: String,
        pub name: String,
        pub municipalities: Vec<String>,
    }

    pub enum Entry {
        Project(Project),
        District(District),
        Other,
        Bad,
    }

    fn strings(v: &DeValue<'_>) -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.get_ref().as_str().map(sanitize_line))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn convert(r: Result<Spanned<DeTable<'_>>, ChunkError>) -> Entry {
        let Ok(root) = r else { return Entry::Bad };
        let Some((key, value)) = root.get_ref().iter().next() else {
            return Entry::Other;
        };
        let table = match value.get_ref() {
            DeValue::Array(a) => match a.first().map(|t| t.get_ref()) {
                Some(DeValue::Table(t)) => t,
                _ => return Entry::Bad,
            },
            _ => return Entry::Other,
        };
        let text = |k: &str| {
            table
                .iter()
                .find(|(kk, _)| kk.get_ref().as_ref() == k)
                .map(|(_, v)| v.get_ref())
        };
        match key.get_ref().as_ref() {
            "project" => {
                let amount = match text("amount") {
                    Some(DeValue::Integer(i)) => parse_amount(i.as_str()).ok(),
                    Some(DeValue::String(s)) => parse_amount(s).ok(),
                    _ => None,
                };
                let Some(amount) = amount else {
                    return Entry::Bad;
                };
                Entry::Project(Project {
                    id: text("id").and_then(|v| v.as_str()).map(str::to_string),
                    district: text("district")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string(),
                    name: text("name")
                        .and_then(|v| v.as_str())
                        .map(sanitize_line)
                        .unwrap_or_default(),
                    amount,
                    partners: text("partners").map(strings).unwrap_or_default(),
                    target: text("target").and_then(|v| v.as_str()).map(sanitize_line),
                    themes: text("themes").map(strings).unwrap_or_default(),
                    summary: text("summary").and_then(|v| v.as_str()).map(sanitize_block),
                })
            }
            "district" => Entry::District(District {
                id: text("id")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string(),
                name: text("name")
                    .and_then(|v| v.as_str())
                    .map(sanitize_line)
                    .unwrap_or_default(),
                municipalities: text("municipalities").map(strings).unwrap_or_default(),
            }),
            _ => Entry::Other,
        }
    }

    pub fn validate(entries: Vec<Entry>) -> String {
        let mut districts = Vec::new();
        let mut projects = Vec::new();
        let mut bad = 0;
        for e in entries {
            match e {
                Entry::Project(p) => projects.push(p),
                Entry::District(d) => districts.push(d),
                Entry::Other => {}
                Entry::Bad => bad += 1,
            }
        }
        let index: HashMap<&str, usize> = districts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let mut totals = vec![Decimal::ZERO; districts.len()];
        let mut ids = HashSet::new();
        let mut unknown = 0;
        let mut duplicate = 0;
        let mut text_bytes = 0;
        for p in &projects {
            match index.get(p.district.as_str()) {
                Some(&i) => totals[i] += p.amount,
                None => unknown += 1,
            }
            if let Some(id) = &p.id {
                duplicate += usize::from(!ids.insert(id.as_str()));
            }
            text_bytes += p.name.len()
                + p.partners.iter().map(String::len).sum::<usize>()
                + p.target.as_ref().map_or(0, String::len)
                + p.themes.iter().map(String::len).sum::<usize>()
                + p.summary.as_ref().map_or(0, String::len);
        }
        let names: usize = districts
            .iter()
            .map(|d| d.name.len() + d.municipalities.len())
            .sum();
        let sum: Decimal = totals.iter().sum();
        format!(
            "{} districts, {} projects, sum {sum}, {bad} bad, {unknown} unknown, {duplicate} dup, {text_bytes}+{names} text",
            districts.len(),
            projects.len()
        )
    }
}
