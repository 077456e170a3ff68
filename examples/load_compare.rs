//! The loading table of the README from one run: kredskort's loader, the naive route (`toml::from_str`
//! of the whole file into plain serde structs) and the practical floor for a text parse (the same
//! data as JSON through `serde_json`), each as wall time (median of the runs) and peak memory.
//!
//! ```sh
//! cargo run --release -- gen --districts 1000 --projects-per-district 100 --seed 1 --force -o /tmp/big.toml
//! cargo run --release --example load_compare -- /tmp/big.toml          # 5 runs per row
//! KREDSKORT_RUNS=3 cargo run --release --example load_compare -- /tmp/big1m.toml
//! ```
//!
//! Every run is its own process (this example started again with a row name), so that its peak
//! memory (`VmHWM` of `/proc/self/status`, the same figure as `/usr/bin/time`'s max RSS) is that of
//! the row alone, and its wall time includes reading the file, as `kredskort check`'s does. The JSON
//! file is written once next to the TOML file (`FILE.json`) by converting the naive structs; it is
//! reused while it is newer than the TOML file. The rows run interleaved (k, t, j, k, t, j, …) so
//! that a busy spell on a shared machine hurts them alike.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::{Deserialize, Serialize};

/// The file as plain serde structs: what a program that does not check anything would read.
#[derive(Serialize, Deserialize)]
struct File {
    dataset: Meta,
    #[serde(default)]
    district: Vec<District>,
    #[serde(default)]
    project: Vec<Project>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    map: Option<BTreeMap<String, toml::Value>>,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    title: String,
    pool: Option<Amount>,
    currency: Option<String>,
    source: Option<String>,
    // A TOML date; as text in JSON.
    published: Option<toml::value::Datetime>,
    period: Option<String>,
    notes: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct District {
    id: String,
    name: String,
    short: Option<String>,
    tile: Option<[u16; 2]>,
    hq: Option<String>,
    #[serde(default)]
    municipalities: Vec<String>,
    #[serde(default)]
    shapes: Vec<String>,
    population: Option<u64>,
}

#[derive(Serialize, Deserialize)]
struct Project {
    id: Option<String>,
    district: String,
    name: String,
    amount: Amount,
    #[serde(default)]
    partners: Vec<String>,
    target: Option<String>,
    #[serde(default)]
    themes: Vec<String>,
    summary: Option<String>,
}

/// An amount as written: a whole number or a decimal string (not turned into a number here).
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Amount {
    Int(i64),
    Text(String),
}

/// The peak resident memory of this process, in KiB.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// One row, in this process: read and parse, report the peak memory and the counts (so that the
/// work cannot be skipped).
fn child(row: &str, path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let (districts, projects) = match row {
        "kredskort" => {
            let d = kredskort::data::load_str(&text, "bench", path.parent()).unwrap();
            (d.districts.len(), d.projects.len())
        }
        "toml" => {
            let f: File = toml::from_str(&text).unwrap();
            (f.district.len(), f.project.len())
        }
        "json" => {
            let f: File = serde_json::from_str(&text).unwrap();
            (f.district.len(), f.project.len())
        }
        "convert" => {
            let f: File = toml::from_str(&text).unwrap();
            let out = std::io::BufWriter::new(std::fs::File::create(json_path(path)).unwrap());
            serde_json::to_writer(out, &f).unwrap();
            (f.district.len(), f.project.len())
        }
        _ => panic!("unknown row {row}"),
    };
    println!("{districts} {projects} {}", peak_kib());
}

fn json_path(toml: &Path) -> PathBuf {
    let mut p = toml.as_os_str().to_owned();
    p.push(".json");
    PathBuf::from(p)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, row, path] = args.as_slice()
        && flag == "--row"
    {
        child(row, Path::new(path));
        return;
    }
    let Some(path) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: load_compare FILE.toml");
        std::process::exit(2);
    };
    let runs: usize = std::env::var("KREDSKORT_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let me = std::env::current_exe().unwrap();
    let run = |row: &str, file: &Path| -> (f64, u64, String) {
        let t = Instant::now();
        let out = Command::new(&me)
            .arg("--row")
            .arg(row)
            .arg(file)
            .output()
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "{row}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let (counts, kib) = line.rsplit_once(' ').unwrap();
        (secs, kib.parse().unwrap(), counts.to_string())
    };
    let json = json_path(&path);
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if modified(&json) <= modified(&path) {
        run("convert", &path);
    }
    let size = std::fs::metadata(&path).unwrap().len();
    let json_size = std::fs::metadata(&json).unwrap().len();
    let rows = [
        ("kredskort load (check's loader)", "kredskort", &path),
        ("toml::from_str into plain serde structs", "toml", &path),
        ("the same data as JSON through serde_json", "json", &json),
    ];
    let mut times = vec![Vec::new(); rows.len()];
    let mut peaks = vec![0u64; rows.len()];
    let mut counts = vec![String::new(); rows.len()];
    for _ in 0..runs {
        for (i, (_, row, file)) in rows.iter().enumerate() {
            let (secs, kib, c) = run(row, file);
            times[i].push(secs);
            peaks[i] = peaks[i].max(kib);
            counts[i] = c;
        }
    }
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!(
        "{}: {:.1} MiB of TOML ({:.1} MiB as JSON), {runs} runs per row, interleaved",
        path.display(),
        mib(size),
        mib(json_size)
    );
    let floor = median(&mut times[2].clone());
    println!("| | wall (median of {runs}) | range | peak memory | × file | × JSON time |");
    println!("|---|---|---|---|---|---|");
    for (i, (name, _, _)) in rows.iter().enumerate() {
        let mut t = times[i].clone();
        let m = median(&mut t);
        let (lo, hi) = (t[0], t[t.len() - 1]);
        let peak = peaks[i] as f64 / 1024.0;
        println!(
            "| {name} | {m:.3} s | {lo:.3}–{hi:.3} s | {peak:.0} MiB | {:.1} | {:.1} |",
            peak / mib(size),
            m / floor
        );
    }
    let same = counts.windows(2).all(|w| w[0] == w[1]);
    println!(
        "districts, projects: {} (all rows agree: {same})",
        counts[0]
    );
}
