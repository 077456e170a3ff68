//! No input makes the loader (or the config parser) panic: arbitrary text, TOML-ish text, and random
//! mutations of the shipped file (byte flips, truncations, line deletions and duplications). Every
//! failure must come back as a non-empty, renderable report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kredskort::config::parse_config;
use kredskort::data::load_str;
use proptest::prelude::*;

mod common;
use common::{apply, key_line, mutation};

const SHIPPED: &str = include_str!("../assets/forebyggelse-2014.toml");

fn check(text: &str) {
    if let Err(e) = load_str(text, "fuzz.toml", None) {
        assert!(!e.diagnostics.is_empty());
        let report = e.to_string();
        assert!(report.starts_with("error: "), "{report}");
        let _ = e.summary();
    }
    if let Err(e) = parse_config(text, "config.toml", None, None) {
        assert!(!e.diagnostics.is_empty());
        let _ = e.to_string();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mutations_of_the_shipped_file_never_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        check(&apply(SHIPPED, &muts));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn toml_like_text_never_panics(
        lines in prop::collection::vec(
            prop_oneof![
                1 => Just("[dataset]".to_string()),
                1 => Just("[[district]]".to_string()),
                1 => Just("[[project]]".to_string()),
                1 => Just("[map]".to_string()),
                1 => Just("[[map.inset]]".to_string()),
                10 => key_line(
                    "-?[0-9]{1,25}|\"[0-9.,]{0,8}\"|[0-9]\\.[0-9]e[0-9]|true",
                    "[^\"\\\\]{0,8}",
                ),
            ],
            0..30,
        )
    ) {
        check(&lines.join("\n"));
    }
}

#[test]
fn the_shipped_file_with_every_line_deleted_in_turn() {
    let lines: Vec<&str> = SHIPPED.lines().collect();
    for i in 0..lines.len() {
        let mut l = lines.clone();
        l.remove(i);
        check(&l.join("\n"));
    }
}

#[test]
fn the_shipped_file_truncated_at_every_char_boundary_step() {
    for (i, _) in SHIPPED.char_indices().step_by(7) {
        check(&SHIPPED[..i]);
    }
}
