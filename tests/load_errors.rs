//! One test per error kind: the message, its `line:col`, and the hint where one helps. The fixtures
//! are small files in tests/fixtures/, each the valid `valid.toml` with one mistake.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use kredskort::data::{LoadError, load_file};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn error_of(name: &str) -> LoadError {
    match load_file(&fixture(name)) {
        Ok(_) => panic!("{name} should not load"),
        Err(e) => e,
    }
}

/// The first error of `name` says `message` (a substring) at `line:col`, with `hint` in its hint.
#[track_caller]
fn expect(name: &str, message: &str, line: usize, col: usize, hint: Option<&str>) -> LoadError {
    let e = error_of(name);
    let d = e.first().unwrap();
    assert!(
        d.message.contains(message),
        "{name}: message {:?} does not contain {message:?}\n{e}",
        d.message
    );
    let (_, l, c) = e.first_location().unwrap_or(("", 0, 0));
    assert_eq!((l, c), (line, col), "{name}: location\n{e}");
    if let Some(h) = hint {
        let got = d.hint.as_deref().unwrap_or("");
        assert!(got.contains(h), "{name}: hint {got:?} lacks {h:?}\n{e}");
    }
    // The report shows the location and a marker under the offending text.
    let report = e.to_string();
    assert!(report.contains(&format!(":{line}:{col}\n")), "{report}");
    assert!(report.contains('^'), "{report}");
    e
}

#[test]
fn the_valid_fixture_loads() {
    let ds = load_file(&fixture("valid.toml")).unwrap();
    assert_eq!(ds.districts.len(), 2);
    assert_eq!(ds.projects.len(), 1);
}

#[test]
fn syntax_error() {
    expect("syntax.toml", "invalid TOML", 8, 8, Some("name = \"Nord\""));
    assert_eq!(
        error_of("syntax.toml").diagnostics.len(),
        1,
        "no follow-up type error"
    );
}

#[test]
fn duplicate_key() {
    expect(
        "duplicate_key.toml",
        "duplicate key",
        19,
        1,
        Some("once per table"),
    );
}

#[test]
fn unknown_key() {
    let e = expect(
        "unknown_key.toml",
        "unknown key `amout` in [[project]]",
        19,
        1,
        Some("did you mean `amount`?"),
    );
    assert_eq!(
        e.diagnostics.len(),
        1,
        "the typo is not also reported as a missing amount"
    );
}

#[test]
fn unknown_key_in_danish() {
    expect(
        "unknown_key_danish.toml",
        "unknown key `navn` in [[district]]",
        13,
        1,
        Some("did you mean `name`?"),
    );
}

#[test]
fn unknown_top_level_key() {
    expect(
        "unknown_top_key.toml",
        "unknown key `author` in the top level",
        1,
        1,
        Some("[dataset]"),
    );
}

#[test]
fn missing_title() {
    expect(
        "missing_title.toml",
        "[dataset] is missing the required key `title`",
        1,
        1,
        Some("title = "),
    );
}

#[test]
fn missing_amount() {
    expect(
        "missing_amount.toml",
        "[[project]] is missing the required key `amount`",
        15,
        1,
        Some("amount = 2_875_000"),
    );
}

#[test]
fn empty_title() {
    expect("empty_title.toml", "`title` is empty", 2, 9, None);
}

#[test]
fn wrong_type() {
    expect(
        "name_wrong_type.toml",
        "`name` must be a string (in quotes), not an integer",
        18,
        8,
        None,
    );
    expect("amount_wrong_type.toml", "not a boolean", 19, 10, None);
    expect(
        "shapes_wrong_type.toml",
        "each entry of `shapes` must be a string",
        14,
        11,
        None,
    );
}

#[test]
fn bad_id_syntax() {
    expect(
        "bad_id.toml",
        "invalid district id \"Syd Politi\"",
        12,
        6,
        Some("\"syd-politi\""),
    );
}

#[test]
fn duplicate_district_id_points_at_the_first_too() {
    let e = expect(
        "duplicate_district.toml",
        "duplicate district id \"nord\"",
        12,
        6,
        None,
    );
    let note = &e.first().unwrap().notes[0];
    assert_eq!(note.message, "first used here");
    assert_eq!(note.at.as_ref().map(|s| (s.line, s.col)), Some((7, 6)));
    assert!(
        e.to_string().contains("note: first used here\n  --> "),
        "{e}"
    );
}

#[test]
fn duplicate_tile() {
    let e = expect(
        "duplicate_tile.toml",
        "two districts on the same tile [0, 0]",
        14,
        8,
        Some("laid out automatically"),
    );
    assert_eq!(
        e.first().unwrap().notes[0].at.as_ref().map(|s| s.line),
        Some(9)
    );
}

#[test]
fn duplicate_project_id() {
    let e = expect(
        "duplicate_project.toml",
        "duplicate project id \"p1\"",
        22,
        6,
        None,
    );
    assert_eq!(
        e.first().unwrap().notes[0].at.as_ref().map(|s| s.line),
        Some(16)
    );
}

#[test]
fn unknown_district_with_suggestion() {
    expect(
        "unknown_district.toml",
        "unknown district \"nrod\"",
        17,
        12,
        Some("did you mean \"nord\"?"),
    );
}

#[test]
fn projects_over_the_pool_say_by_how_much() {
    let e = expect(
        "over_pool.toml",
        "the projects add up to 1.000,50 kr., 0,50 kr. more than the pool of 1.000 kr.",
        3,
        8,
        None,
    );
    assert_eq!(
        e.first().unwrap().notes[0].at.as_ref().map(|s| s.line),
        Some(19)
    );
}

#[test]
fn no_districts() {
    expect(
        "no_districts.toml",
        "the file has no districts",
        1,
        1,
        Some("[[district]]"),
    );
}

#[test]
fn single_bracket_district() {
    let e = expect(
        "single_bracket.toml",
        "must be written with double brackets: [[district]]",
        4,
        1,
        None,
    );
    assert_eq!(e.diagnostics.len(), 1, "not also 'no districts'\n{e}");
}

#[test]
fn no_dataset() {
    expect(
        "no_dataset.toml",
        "the file has no [dataset] table",
        1,
        1,
        Some("[dataset]"),
    );
}

/// `valid.toml` with `from` replaced by `to`: its one-line errors.
fn errors_with(from: &str, to: &str) -> Vec<String> {
    let text = std::fs::read_to_string(fixture("valid.toml"))
        .unwrap()
        .replacen(from, to, 1);
    let text = format!("# a comment first\n{text}");
    let e = kredskort::data::load_str(&text, "t.toml", None).unwrap_err();
    e.diagnostics.iter().map(|d| d.one_line()).collect()
}

#[test]
fn a_misspelt_required_table_is_one_error_at_the_typo() {
    // Not also "the file has no [dataset] table" at line 1 (a comment), nor "no districts" and an
    // "unknown district" for every project.
    assert_eq!(
        errors_with("[dataset]", "[datset]"),
        vec!["t.toml:2:2: unknown key `datset` in the top level"]
    );
    let e =
        kredskort::data::load_str("# c\n[Dataset]\ntitle = \"T\"\n", "t.toml", None).unwrap_err();
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    assert_eq!(
        e.first().unwrap().hint.as_deref(),
        Some("did you mean `dataset`?")
    );
    let text = std::fs::read_to_string(fixture("valid.toml"))
        .unwrap()
        .replace("[[district]]", "[[distrct]]");
    let e = kredskort::data::load_str(&text, "t.toml", None).unwrap_err();
    assert_eq!(
        e.diagnostics
            .iter()
            .map(|d| d.one_line())
            .collect::<Vec<_>>(),
        vec!["t.toml:6:3: unknown key `distrct` in the top level"],
        "{e}"
    );
    assert_eq!(
        e.first().unwrap().hint.as_deref(),
        Some("did you mean `district`?")
    );
    assert_eq!(
        errors_with("[dataset]", "[[dataset]]"),
        vec!["t.toml:2:1: [dataset] must be one table, written [dataset], not a list"]
    );
    // A file that really has no [dataset] still says so.
    let e = errors_with("[dataset]", "[map]");
    assert!(
        e.iter()
            .any(|l| l.contains("the file has no [dataset] table")),
        "{e:?}"
    );
}

#[test]
fn float_amount_gets_an_exact_spelling() {
    expect(
        "float_amount.toml",
        "`amount` is a TOML float (9.5e6)",
        19,
        10,
        Some("amount = 9_500_000"),
    );
    expect(
        "float_amount_decimals.toml",
        "TOML float",
        19,
        10,
        Some("amount = \"2875000.50\""),
    );
    expect(
        "pool_float.toml",
        "`pool` is a TOML float",
        3,
        8,
        Some("pool = 1_000"),
    );
}

#[test]
fn negative_amount() {
    expect(
        "negative_amount.toml",
        "`amount` must not be negative",
        19,
        10,
        None,
    );
}

#[test]
fn too_many_decimals() {
    expect(
        "too_many_decimals.toml",
        "`amount` has more than two decimals",
        19,
        10,
        None,
    );
}

#[test]
fn not_a_number_shows_the_plain_spelling() {
    expect(
        "not_a_number.toml",
        "`amount` \"1.999.999,99\" is not a number",
        19,
        10,
        Some("amount = \"1999999.99\""),
    );
}

#[test]
fn too_large() {
    expect("too_large.toml", "`amount` is too large", 19, 10, None);
}

#[test]
fn bad_currency() {
    expect(
        "bad_currency.toml",
        "invalid currency \"kroner\"",
        4,
        12,
        Some("ISO 4217"),
    );
}

#[test]
fn non_positive_population() {
    expect(
        "bad_population.toml",
        "`population` must be a positive whole number",
        14,
        14,
        None,
    );
}

#[test]
fn bad_tile() {
    expect(
        "bad_tile.toml",
        "tile coordinates go from 0 to 999",
        9,
        12,
        Some("tile = [2, 5]"),
    );
}

#[test]
fn date_written_as_string() {
    expect(
        "published_string.toml",
        "`published` must be a TOML date",
        5,
        13,
        Some("published = 2014-01-13"),
    );
}

#[test]
fn list_written_as_string() {
    expect(
        "list_not_array.toml",
        "`municipalities` must be a list of strings",
        14,
        18,
        Some("[\"Odense\"]"),
    );
}

#[test]
fn empty_list_entry() {
    expect(
        "empty_list_entry.toml",
        "empty entry in `municipalities`",
        14,
        29,
        None,
    );
}

#[test]
fn map_section_errors() {
    expect(
        "map_unknown_key.toml",
        "unknown key `keys` in [map]",
        8,
        1,
        Some("did you mean `key`?"),
    );
    expect(
        "map_bad_bbox.toml",
        "west must be less than east",
        8,
        8,
        None,
    );
    expect(
        "map_missing_geometry.toml",
        "[map] is missing the required key `geometry`",
        6,
        1,
        None,
    );
}

#[test]
fn non_utf8_is_located() {
    let e = expect("not_utf8.toml", "not UTF-8", 13, 10, Some("UTF-8"));
    assert!(
        e.to_string().contains("13 | name = \"S\u{fffd}nder\""),
        "the bad byte is shown as a replacement character"
    );
}

#[test]
fn empty_file() {
    let e = error_of("empty.toml");
    assert_eq!(e.first().unwrap().message, "the file is empty");
    assert!(e.first_location().is_none());
    assert!(e.to_string().contains("empty.toml"));
}

#[test]
fn missing_path_and_directory() {
    let e = error_of("does-not-exist.toml");
    assert_eq!(e.first().unwrap().message, "no such file");
    let e =
        load_file(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")).unwrap_err();
    assert_eq!(
        e.first().unwrap().message,
        "this is a directory, not a file"
    );
}

#[test]
fn all_errors_are_reported_in_file_order() {
    let e = error_of("many.toml");
    let lines: Vec<String> = e.diagnostics.iter().map(|d| d.one_line()).collect();
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.rsplit_once('/').map_or(l.as_str(), |(_, r)| r))
        .collect();
    assert_eq!(
        lines,
        vec![
            "many.toml:10:12: unknown district \"nrod\"",
            "many.toml:12:10: `amount` is a TOML float (9.5e6); floats are inexact, so amounts are written as integers or decimal strings",
            "many.toml:17:1: unknown key `amout` in [[project]]",
        ]
    );
    assert!(
        e.summary()
            .ends_with("unknown district \"nrod\" (and 2 more errors)"),
        "{}",
        e.summary()
    );
    assert!(
        e.to_string()
            .ends_with(&format!("3 errors in {}\n", fixture("many.toml").display()))
    );
}

#[test]
fn a_typo_of_a_key_already_present_says_so() {
    let text = "\u{feff}[dataset]\r\ntitle = \"T\"\r\n[[district]]\r\nid = \"a\"\r\nname = \"A\"\r\nnavn = \"B\"\r\n";
    let e = kredskort::data::load_str(text, "t.toml", None).unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(
        d.one_line(),
        "t.toml:6:1: unknown key `navn` in [[district]]"
    );
    assert!(d.hint.as_deref().unwrap().contains("already set"), "{e}");
    assert_eq!(
        d.at.as_ref().unwrap().source_line,
        "navn = \"B\"",
        "CR is not shown"
    );
}

#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    let e = kredskort::data::load_str("\u{feff}tittle = 1\n", "t.toml", None).unwrap_err();
    assert_eq!(e.first_location(), Some(("t.toml", 1, 1)));
}

#[test]
fn amount_with_blanks_is_not_an_amount() {
    // The format allows digits, one `.` and two decimals; "  5" is not that, whatever it means.
    expect(
        "amount_blanks.toml",
        "`amount` \"  5\" has blanks around the number",
        19,
        10,
        Some("amount = \"5\""),
    );
}

#[test]
fn amount_with_letters_is_not_a_number_rather_than_too_large() {
    let e = expect(
        "amount_bare_text.toml",
        "`amount` is not a number: it has characters other than digits",
        19,
        10,
        Some("amount = 2_875_000"),
    );
    assert!(!e.to_string().contains("too large"), "{e}");
}

#[test]
fn a_key_nested_too_deep_is_located_where_it_is() {
    expect(
        "recursion_limit.toml",
        "nested too deep",
        20,
        1,
        Some("at most 80"),
    );
}
