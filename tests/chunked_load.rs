//! The chunked loader (used for files of 256 KB and more) must give exactly what the whole-file
//! loader gives: the same dataset and spans for a good file, the same report (every `path:line:col`,
//! message, snippet and hint) for a bad one. Each input is loaded both ways, with the chunked path
//! forced on small files (`load_with_spans_from(.., 0)`) and switched off (`usize::MAX`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kredskort::commands::generate::{GenParams, generate_string};
use kredskort::data::load::{convert_chunked, load_with_spans_from};
use proptest::prelude::*;

mod common;
use common::{apply, mutation};

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
    convert_chunked(text).is_some()
}

#[test]
fn every_fixture_loads_identically_both_ways() {
    let mut chunked = 0;
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutations_of_the_shipped_file_load_identically(muts in prop::collection::vec(mutation(), 1..6)) {
        same_both_ways(&apply(SHIPPED, &muts), "fuzz.toml");
    }

    #[test]
    fn mutations_of_a_generated_file_load_identically(muts in prop::collection::vec(mutation(), 1..6)) {
        same_both_ways(&apply(&small_generated(), &muts), "fuzz.toml");
    }

    #[test]
    fn toml_like_text_loads_identically(
        lines in prop::collection::vec(
            prop_oneof![
                Just("[dataset]".to_string()),
                Just("[[district]]".to_string()),
                Just("[[project]]".to_string()),
                Just("[map]".to_string()),
                Just("[[map.inset]]".to_string()),
                Just("title = \"T\"".to_string()),
                Just("id = \"a\"".to_string()),
                Just("name = \"N\"".to_string()),
                Just("district = \"a\"".to_string()),
                Just("geometry = \"g\"".to_string()),
                Just("bbox = [1, 2, 3, 4]".to_string()),
                Just("tile = [0, 0]".to_string()),
                Just("shapes = [\"x\", 1]".to_string()),
                "(amount|pool|population) = (-?[0-9]{1,25}|\"[0-9.,]{0,8}\"|[0-9]\\.[0-9]e[0-9]|true)",
                "[a-z]{1,8} = \"[^\"\\\\]{0,8}\"",
            ],
            0..30,
        )
    ) {
        same_both_ways(&lines.join("\n"), "fuzz.toml");
    }
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
