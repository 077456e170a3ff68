//! The chunked loader (used for files of 256 KB and more) must give exactly what the whole-file
//! loader gives: the same dataset and spans for a good file, the same report (every `path:line:col`,
//! message, snippet and hint) for a bad one. Each input is loaded both ways, with the chunked path
//! forced on small files (`load_with_spans_from(.., 0)`) and switched off (`usize::MAX`). Where the
//! chunked loader declines (a syntax error, say) both are the whole-file loader and nothing is
//! compared, so the property tests count the inputs it took and assert that most were.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kredskort::commands::generate::{GenParams, generate_string};
use kredskort::data::load::{convert_chunked, convert_chunked_with, load_with_spans_from};
use proptest::prelude::*;

mod common;
use common::{Mutation, apply, key_line, mutation};

const SHIPPED: &str = include_str!("../assets/forebyggelse-2014.toml");

/// Loads `text` both ways and asserts identical results; returns whether the chunked path itself
/// produced the result (rather than falling back to the whole file).
fn same_both_ways(text: &str, origin: &str) -> bool {
    let whole = load_with_spans_from(text, origin, None, usize::MAX);
    let chunked = load_with_spans_from(text, origin, None, 0);
    match (&whole, &chunked) {
        (Ok(a), Ok(b)) => assert!(a == b, "{origin}: datasets differ"),
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string(), "{origin}: reports differ");
            assert_eq!(a, b, "{origin}: diagnostics differ");
        }
        (Ok(_), Err(e)) => panic!("{origin}: only the chunked path rejects it:\n{e}"),
        (Err(e), Ok(_)) => {
            panic!("{origin}: only the chunked path accepts it; whole file says:\n{e}")
        }
    }
    // The fast reader of project chunks changes nothing either (tests/fast_path.rs has more).
    let fast = convert_chunked(text);
    assert_eq!(
        fast,
        convert_chunked_with(text, false),
        "{origin}: the fast reader changes the entries or problems"
    );
    fast.is_some()
}

#[test]
fn every_fixture_loads_identically_both_ways() {
    let mut chunked = 0;
    let mut n = 0;
    let files = common::toml_fixtures();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let origin = path.display().to_string();
        n += 1;
        if same_both_ways(&text, &origin) {
            chunked += 1;
        }
    }
    assert!(n >= 30, "only {n} fixtures found");
    // Most fixtures have no syntax error: the chunked path must really run on them, not fall back.
    assert!(
        chunked * 2 > n,
        "the chunked path ran on only {chunked} of {n} fixtures"
    );
}

#[test]
fn the_shipped_and_generated_files_take_the_chunked_path() {
    assert!(same_both_ways(SHIPPED, "shipped.toml"));
    for (d, p, seed) in [(12, 10, 1), (40, 25, 7), (3, 0, 2)] {
        let text = generate_string(&GenParams::new(d, p, seed));
        assert!(
            same_both_ways(&text, "gen.toml"),
            "generated {d}x{p} fell back"
        );
    }
    let mut stress = GenParams::new(4, 5, 3);
    stress.stress = true;
    assert!(same_both_ways(&generate_string(&stress), "stress.toml"));
}

/// Problems found in different chunks (conversion errors, duplicates across chunks, unknown
/// districts) are reported in file order with whole-file positions.
#[test]
fn errors_in_many_chunks_keep_their_positions() {
    let text = generate_string(&GenParams::new(5, 4, 1));
    let bad = text
        .replacen("\npartners = ", "\npartners = 3\nx = ", 3)
        .replacen("district = \"", "district = \"x", 2)
        .replacen("name = ", "navn = ", 2);
    assert!(same_both_ways(&bad, "bad.toml"));
    let e = load_with_spans_from(&bad, "bad.toml", None, 0).unwrap_err();
    assert!(e.diagnostics.len() >= 5, "{e}");
    let lines: Vec<usize> = e
        .diagnostics
        .iter()
        .filter_map(|d| d.at.as_ref().map(|s| s.line))
        .collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

fn small_generated() -> String {
    generate_string(&GenParams::new(6, 3, 5))
}

/// Runs `cases` inputs of `strategy` (made into text by `text_of`) through [`same_both_ways`], with
/// proptest's shrinking on failure, and returns how many of them took the chunked path: a property
/// that passes because the chunked loader declined compares the whole-file loader with itself.
fn chunked_runs<S: Strategy>(
    strategy: S,
    cases: u32,
    text_of: impl Fn(&S::Value) -> String,
) -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    let chunked = AtomicU32::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        // Failures are kept in (and replayed from) tests/chunked_load.proptest-regressions.
        source_file: Some(file!()),
        ..ProptestConfig::default()
    });
    runner
        .run(&strategy, |v| {
            if same_both_ways(&text_of(&v), "fuzz.toml") {
                chunked.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    chunked.into_inner()
}

/// At least `percent` % of `cases` took the chunked path.
#[track_caller]
fn assert_mostly_chunked(chunked: u32, cases: u32, percent: u32) {
    eprintln!("chunked path: {chunked} of {cases}");
    assert!(
        chunked * 100 >= cases * percent,
        "the chunked path ran on only {chunked} of {cases} inputs (want {percent} %)"
    );
}

const CASES: u32 = 400;

/// An edit that keeps a file TOML (mostly), so the chunked loader does not decline it for a syntax
/// error and the two loaders are really compared: conversion and validation errors in any chunk,
/// entries gone, doubled or retyped. Raw byte mutations (which mostly break the syntax, and then
/// both loads are the whole-file loader) come in a few of the cases.
#[derive(Debug, Clone)]
enum Edit {
    /// The value of the n-th `key = value` line becomes this one.
    Value(usize, &'static str),
    /// The key of the n-th `key = value` line becomes this one.
    Key(usize, &'static str),
    /// The n-th `key = value` line goes.
    DeleteLine(usize),
    /// The n-th entry (a header and its lines) goes; the n-th array entry (`[[…]]`: a second
    /// `[dataset]` is a TOML error) is doubled or gets another header.
    DeleteEntry(usize),
    DuplicateEntry(usize),
    Header(usize, &'static str),
    Raw(Mutation),
}

fn edit() -> impl Strategy<Value = Edit> {
    let values = prop::sample::select(vec![
        "\"x\"",
        "-5",
        "1.5",
        "9.5e6",
        "\"2.875.000\"",
        "\"  5\"",
        "true",
        "[1, 2]",
        "[\"a\", \"\"]",
        "\"koebenhavn\"",
        "\"nowhere\"",
        "\"\"",
        "1000000000000001",
        "2014-01-13",
        "\"Ab Cd\"",
        "[0, 0]",
        "[1000, 2]",
        "{ a = 1 }",
        "\"dkk\"",
        "0",
        "\"2875000.505\"",
    ]);
    let keys = prop::sample::select(vec![
        "amout",
        "navn",
        "beløb",
        "title",
        "tile",
        "population",
        "xyz",
        "municipalities",
        "partners",
        "shapes",
        "pool",
    ]);
    // Headers that keep the file TOML where they replace a `[[…]]` one (see `edited`).
    let headers = prop::sample::select(vec!["[[district]]", "[[project]]"]);
    prop_oneof![
        4 => (any::<usize>(), values).prop_map(|(n, v)| Edit::Value(n, v)),
        2 => (any::<usize>(), keys).prop_map(|(n, k)| Edit::Key(n, k)),
        2 => any::<usize>().prop_map(Edit::DeleteLine),
        2 => any::<usize>().prop_map(Edit::DeleteEntry),
        2 => any::<usize>().prop_map(Edit::DuplicateEntry),
        1 => (any::<usize>(), headers).prop_map(|(n, h)| Edit::Header(n, h)),
        1 => mutation().prop_map(Edit::Raw),
    ]
}

/// `text` with `edits` applied in order.
fn edited(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // One-line `key = value` lines (not inside a multi-line string or array), and entry headers.
    let key_lines = |lines: &[String]| -> Vec<usize> {
        let mut open = false;
        let mut out = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let quotes = l.matches("\"\"\"").count();
            let simple = !open && quotes == 0 && l.starts_with(|c: char| c.is_ascii_lowercase());
            // A one-line value: its brackets close on the line.
            if simple
                && let Some((_, v)) = l.split_once(" = ")
                && v.matches('[').count() == v.matches(']').count()
            {
                out.push(i);
            }
            open ^= quotes % 2 == 1;
        }
        out
    };
    let headers = |lines: &[String]| -> Vec<usize> {
        let mut open = false;
        let mut out = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if !open && l.starts_with('[') {
                out.push(i);
            }
            open ^= l.matches("\"\"\"").count() % 2 == 1;
        }
        out
    };
    let pick = |v: &[usize], n: usize| (!v.is_empty()).then(|| v[n % v.len()]);
    for e in edits {
        match e {
            Edit::Value(n, value) => {
                if let Some(i) = pick(&key_lines(&lines), *n) {
                    let key = lines[i].split_once(" = ").map(|(k, _)| k.to_string());
                    lines[i] = format!("{} = {value}", key.unwrap_or_default());
                }
            }
            Edit::Key(n, key) => {
                if let Some(i) = pick(&key_lines(&lines), *n) {
                    let value = lines[i].split_once(" = ").map(|(_, v)| v.to_string());
                    lines[i] = format!("{key} = {}", value.unwrap_or_default());
                }
            }
            Edit::DeleteLine(n) => {
                if let Some(i) = pick(&key_lines(&lines), *n) {
                    lines.remove(i);
                }
            }
            Edit::DeleteEntry(n) | Edit::DuplicateEntry(n) | Edit::Header(n, _) => {
                let all = headers(&lines);
                let hs: Vec<usize> = match e {
                    Edit::DeleteEntry(_) => all.clone(),
                    _ => all
                        .iter()
                        .copied()
                        .filter(|&i| lines[i].starts_with("[[") && !lines[i].contains('.'))
                        .collect(),
                };
                let Some(k) = (!hs.is_empty()).then(|| n % hs.len()) else {
                    continue;
                };
                let from = hs[k];
                let to = all
                    .iter()
                    .copied()
                    .find(|&i| i > from)
                    .unwrap_or(lines.len());
                match e {
                    Edit::DeleteEntry(_) => {
                        lines.drain(from..to);
                    }
                    Edit::DuplicateEntry(_) => {
                        let entry: Vec<String> = lines[from..to].to_vec();
                        lines.splice(to..to, entry);
                    }
                    Edit::Header(_, h) => lines[from] = h.to_string(),
                    _ => {}
                }
            }
            Edit::Raw(m) => {
                let text = apply(&lines.join("\n"), std::slice::from_ref(m));
                lines = text.lines().map(str::to_string).collect();
            }
        }
    }
    lines.join("\n")
}

#[test]
fn edits_of_the_shipped_file_load_identically() {
    let edits = prop::collection::vec(edit(), 1..6);
    let n = chunked_runs(edits, CASES, |e| edited(SHIPPED, e));
    assert_mostly_chunked(n, CASES, 60);
}

#[test]
fn edits_of_a_generated_file_load_identically() {
    let text = small_generated();
    let edits = prop::collection::vec(edit(), 1..6);
    let n = chunked_runs(edits, CASES, |e| edited(&text, e));
    assert_mostly_chunked(n, CASES, 60);
}

/// Raw mutations break the syntax in most cases (then the chunked loader declines and both loads
/// are the whole-file loader's): fewer cases, and at least some must still be compared.
#[test]
fn raw_mutations_load_identically() {
    let text = small_generated();
    let muts = || prop::collection::vec(mutation(), 1..3);
    let n = chunked_runs(muts(), CASES / 2, |m| apply(SHIPPED, m));
    assert_mostly_chunked(n, CASES / 2, 10);
    let n = chunked_runs(muts(), CASES / 2, |m| apply(&text, m));
    assert_mostly_chunked(n, CASES / 2, 10);
}

/// Files made of entries of TOML-like lines: each entry a header and distinct keys (a key twice in
/// a table is a syntax error, which the chunked loader declines), values of every kind.
#[test]
fn toml_like_text_loads_identically() {
    let header = prop::sample::select(vec![
        "[dataset]",
        "[[district]]",
        "[[district]]",
        "[[project]]",
        "[[project]]",
        "[map]",
        "[[map.inset]]",
    ]);
    let line = key_line(
        "[1-9][0-9]{0,17}|-[1-9][0-9]{0,3}|\"[0-9.,]{0,8}\"|[0-9]\\.[0-9]e[0-9]|true",
        // Printable text (a control character in a string is a TOML error).
        "[a-zA-Z0-9 æøåÆØÅ東京🦀.,:;!?'#-]{0,8}",
    );
    let entry = (header, prop::collection::vec(line, 0..6));
    let file = prop::collection::vec(entry, 1..8);
    let text_of = |entries: &Vec<(&str, Vec<String>)>| {
        let mut out = String::new();
        let mut tables = std::collections::HashSet::new();
        let mut last = "";
        for &(h, ref lines) in entries {
            // A table twice, or an inset away from its `[map]`, is a TOML error: a project instead.
            let h = match h {
                "[dataset]" | "[map]" if !tables.insert(h) => "[[project]]",
                "[[map.inset]]" if !matches!(last, "[map]" | "[[map.inset]]") => "[[project]]",
                h => h,
            };
            last = h;
            out.push_str(h);
            out.push('\n');
            let mut seen = std::collections::HashSet::new();
            for l in lines {
                let key = l.split(" = ").next().unwrap_or("");
                if seen.insert(key.to_string()) {
                    out.push_str(l);
                    out.push('\n');
                }
            }
        }
        out
    };
    let n = chunked_runs(file, CASES, text_of);
    assert_mostly_chunked(n, CASES, 90);
}

/// The reloader runs the loader on a plain thread: its inputs and results must cross threads, and
/// two loads at once must not interfere (no global state).
#[test]
fn the_loader_is_send_and_has_no_global_state() {
    fn send<T: Send>(_: &T) {}
    let text = generate_string(&GenParams::new(20, 20, 9));
    let r = kredskort::data::load_str(&text, "a.toml", None);
    send(&r);
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| load_with_spans_from(&text, "a.toml", None, 0));
        let b = s.spawn(|| load_with_spans_from(SHIPPED, "b.toml", None, 0));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(a.unwrap().0, r.unwrap());
    assert_eq!(
        b.unwrap().0.projects.len(),
        kredskort::data::load_embedded().projects.len()
    );
}
