//! Times search keystrokes on a data file (default `/tmp/big.toml`, from `kredskort gen`):
//! `cargo run --release --example search_timing -- [FILE] [QUERY...]`. Prints min / median / max
//! of 101 runs per query; with `KREDSKORT_LOOP=N` it runs the first query N times (for `perf`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Instant;

use kredskort::search::SearchIndex;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "/tmp/big.toml".into());
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = [
            "k", "ko", "kom", "kommune", "e", "aa", "å", "Noël", "東京", "zzz",
        ]
        .map(String::from)
        .to_vec();
    }
    let ds = kredskort::data::load_file(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let t = Instant::now();
    let index = SearchIndex::build(&ds);
    println!("build: {:?}, {} texts", t.elapsed(), index.texts());
    if let Some(n) = std::env::var("KREDSKORT_LOOP")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        let mut sum = 0;
        for _ in 0..n {
            sum += index.query(&queries[0]).len();
        }
        println!("{sum}");
        return;
    }
    for q in &queries {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..101 {
            let t = Instant::now();
            total = index.query_with_limit(q, 200).total;
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{q:>10}: min {:>9.3?} median {:>9.3?} max {:>9.3?} ({total} targets)",
            times[0], times[50], times[100]
        );
    }
}
