//! One-off measurement of whole-file vs chunk-wise TOML parsing (issue 6), one mode per process so
//! that `/usr/bin/time -v` reports the peak memory of that mode alone:
//!
//! ```sh
//! cargo run --release -- gen -o /tmp/big.toml
//! cargo build --release --example chunk_timing
//! for m in read split split2 whole table chunks1 chunks1-drop chunks2 chunks2-drop load; do
//!   /usr/bin/time -f "$m %e s %M KB" target/release/examples/chunk_timing $m /tmp/big.toml
//! done
//! ```
//! `load` is `data::load_str` (the loader in this branch); `gen-int OUT` writes the 1000×100 file
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
        "load" => match kredskort::data::load_str(&text, path, None) {
            Ok(d) => format!("{} projects", d.projects.len()),
            Err(e) => format!("error: {}", e.report.lines().next().unwrap_or("")),
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
