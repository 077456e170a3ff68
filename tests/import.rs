//! `kredskort import` as a user runs it (CSV in three delimiters and three encodings, xlsx written
//! here with rust_xlsxwriter, ods from the fixtures; every bad input gives its located error and
//! writes nothing), and the round trip `export --format csv` → `import` over generated rounds.
//!
//! The fixtures in `tests/fixtures/import/` are synthetic (see its README.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use kredskort::data::{Dataset, load_file, load_str};
use kredskort::export::ExportBy;
use kredskort::export::{Selection, write_csv};
use kredskort::import::csv_table::read_csv;
use kredskort::import::{DistrictChoice, Options, import_file, import_table};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;

#[path = "common/tempdir.rs"]
mod tempdir;
use tempdir::{TempDir, run_in, stderr};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn options() -> Options {
    Options {
        date: "2026-12-06".into(),
        ..Options::default()
    }
}

/// What a round says, in a form two imports can be compared in: districts (id, name) and projects
/// (district id, name, amount, partners, themes, target, id).
type Projects = Vec<(
    String,
    String,
    Decimal,
    Vec<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
)>;

fn contents(ds: &Dataset) -> (Vec<(String, String)>, Projects) {
    let districts = ds
        .districts
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    let projects = ds
        .projects
        .iter()
        .map(|p| {
            (
                ds.districts[p.district].id.clone(),
                p.name().to_string(),
                p.amount,
                p.partners().map(str::to_string).collect::<Vec<_>>(),
                p.themes().map(str::to_string).collect::<Vec<_>>(),
                p.target().map(str::to_string),
                p.id().map(str::to_string),
            )
        })
        .collect();
    (districts, projects)
}

const GRANTS: [&str; 3] = [
    "semikolon-windows1252.csv",
    "komma-utf8-bom.csv",
    "tab-utf8.csv",
];

// ---------------------------------------------------------------------------------------------
// Reading: three delimiters, three encodings, xlsx and ods give the same round.

#[test]
fn three_delimiters_and_three_encodings_give_the_same_round() {
    let mut seen = Vec::new();
    for name in GRANTS {
        let imported = import_file(&fixture(name), &options(), &mut |_| {}).unwrap();
        let ds = &imported.dataset;
        assert_eq!(ds.districts.len(), 12, "{name}: the built-in districts");
        assert_eq!(ds.projects.len(), 4, "{name}");
        assert_eq!(ds.allocated, Decimal::new(386_850_075, 2), "{name}");
        let p = &ds.projects[0];
        assert_eq!(ds.districts[p.district].id, "koebenhavn");
        assert_eq!(p.amount, Decimal::new(287_500_050, 2));
        assert_eq!(
            p.partners().collect::<Vec<_>>(),
            ["Københavns Kommune", "Foreningen Natteravnene"]
        );
        assert_eq!(p.themes().collect::<Vec<_>>(), ["tryghed", "nattevandring"]);
        assert_eq!(p.target(), Some("Unge 15-25 år"));
        assert_eq!(ds.projects[1].name(), "Vollsmose \"sammen\"");
        assert_eq!(
            ds.projects[1].amount,
            Decimal::from(1500),
            "1.500 is decided by the column's 2.875.000,50"
        );
        assert_eq!(
            ds.projects[2].name(),
            "Skole og politi i samarbejde",
            "a quoted line break in a name becomes a space"
        );
        assert_eq!(imported.unplaced, [r#"column 7 "Bemærkning""#]);
        seen.push(contents(ds));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]));
    let header = import_file(&fixture(GRANTS[0]), &options(), &mut |_| {})
        .unwrap()
        .toml;
    assert!(
        header.starts_with(
            "# Imported by `kredskort import` from semikolon-windows1252.csv (Windows-1252) on 2026-12-06.\n"
        ),
        "{header}"
    );
}

#[test]
fn an_ods_workbook_gives_the_same_round_from_its_first_sheet_with_data() {
    let csv = import_file(&fixture(GRANTS[1]), &options(), &mut |_| {}).unwrap();
    let ods = import_file(&fixture("tilskud.ods"), &options(), &mut |_| {}).unwrap();
    assert_eq!(contents(&ods.dataset), contents(&csv.dataset));
    assert!(ods.toml.contains("tilskud.ods, sheet \"Tilskud\""));
    assert_eq!(ods.unplaced, [r#"column G "Bemærkning""#]);
}

/// Writes rows to an xlsx sheet: in the columns `numbers`, text that is a number as a numeric cell;
/// everything else as text.
fn write_xlsx(path: &Path, sheet: &str, rows: &[Vec<String>], numbers: &[usize]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c16) = (r as u32, c as u16);
            let number = v.parse::<f64>().ok().filter(|_| numbers.contains(&c));
            if let Some(n) = number {
                ws.write_number(r, c16, n).unwrap();
            } else if !v.is_empty() {
                ws.write_string(r, c16, v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn an_xlsx_with_numeric_amounts_gives_the_same_round() {
    let t = TempDir::new("xlsx");
    let rows = vec![
        vec!["Kreds".into(), "Projekt".into(), "Beløb".into()],
        vec!["Fyn".into(), "A".into(), "2875000.5".into()],
        vec!["Bornholm".into(), "B".into(), "19.99".into()],
    ];
    let path = t.path().join("tilskud.xlsx");
    write_xlsx(&path, "Bevillinger", &rows, &[2]);
    let ds = import_file(&path, &options(), &mut |_| {}).unwrap().dataset;
    let amounts: Vec<Decimal> = ds.projects.iter().map(|p| p.amount).collect();
    assert_eq!(
        amounts,
        [Decimal::new(28_750_005, 1), Decimal::new(1999, 2)]
    );
}

// ---------------------------------------------------------------------------------------------
// The command: output, --force, --partial, and every bad input located, with nothing written.

#[test]
fn the_command_writes_a_round_that_check_accepts_and_never_clobbers() {
    let t = TempDir::new("cmd");
    let src = fixture(GRANTS[0]);
    let src = src.to_str().unwrap();
    let o = run_in(
        t.path(),
        &[
            "import",
            src,
            "--output",
            "runde.toml",
            "--title",
            "Runde 2015",
            "--pool",
            "5.000.000",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("wrote runde.toml: 4 projects in 12 districts"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(t.path().join("runde.toml")).unwrap();
    assert!(
        text.contains("title = \"Runde 2015\"\npool = 5_000_000\n"),
        "{text}"
    );
    let o = run_in(t.path(), &["check", "runde.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Again: the file exists, nothing is replaced without --force.
    let o = run_in(
        t.path(),
        &["import", src, "--output", "runde.toml", "--title", "Ny"],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("already exists; use --force"),
        "{}",
        stderr(&o)
    );
    assert!(
        std::fs::read_to_string(t.path().join("runde.toml"))
            .unwrap()
            .contains("Runde 2015")
    );
    let o = run_in(
        t.path(),
        &[
            "import",
            src,
            "--output",
            "runde.toml",
            "--title",
            "Ny",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(t.path().join("runde.toml"))
            .unwrap()
            .contains("\"Ny\"")
    );
    // Without --output the round goes to stdout; the pool is then the sum, and the file says so.
    let o = run_in(t.path(), &["import", src]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("# pool: the sum of the amounts"), "{out}");
    assert!(load_str(&out, "stdout", None).is_ok());
}

#[test]
fn partial_writes_the_good_rows_and_lists_the_others() {
    let t = TempDir::new("partial");
    t.write(
        "t.csv",
        "Kreds;Projekt;Beløb\nFyn;A;1.000,50\nFyns;B;5\nBornholm;C;fem\nBornholm;D;7\n",
    );
    let o = run_in(t.path(), &["import", "t.csv", "--output", "r.toml"]);
    assert!(!o.status.success());
    assert!(!t.path().join("r.toml").exists());
    let o = run_in(
        t.path(),
        &["import", "t.csv", "--output", "r.toml", "--partial"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("--> t.csv:3:1"), "{err}");
    assert!(err.contains("did you mean \"Fyn\"?"), "{err}");
    assert!(err.contains("--> t.csv:4:12"), "{err}");
    assert!(
        err.contains("left out 2 rows with errors (--partial)"),
        "{err}"
    );
    let ds = load_file(&t.path().join("r.toml")).unwrap();
    let names: Vec<&str> = ds.projects.iter().map(|p| p.name()).collect();
    assert_eq!(names, ["A", "D"]);
    let text = std::fs::read_to_string(t.path().join("r.toml")).unwrap();
    assert!(
        text.contains("# Left out (--partial): 2 rows with errors, at lines 3, 4."),
        "{text}"
    );
}

/// Runs an import that must fail: exit 1, each `want` in stderr, no output file.
fn fails(dir: &Path, args: &[&str], wants: &[&str]) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--output", "out.toml"]);
    let o = run_in(dir, &all);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    for w in wants {
        assert!(err.contains(w), "{args:?}: want {w:?} in\n{err}");
    }
    assert!(!dir.join("out.toml").exists(), "{args:?} wrote a file");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("kredskort-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{args:?} left a temporary file");
}

#[test]
fn an_unknown_district_is_located_with_did_you_mean() {
    let t = TempDir::new("district");
    t.write(
        "t.csv",
        "Kreds,Projekt,Beløb\nKøbenhavn,A,5\nKobenhaven,B,6\n",
    );
    fails(
        t.path(),
        &["t.csv", "--districts", "builtin"],
        &[
            "error: unknown district \"Kobenhaven\"",
            " --> t.csv:3:1",
            "3 | Kobenhaven,B,6",
            "  | ^^^^^^^^^^ not a district of the built-in 2014 police districts",
            "= hint: did you mean \"København\"?",
            "1 error in t.csv",
        ],
    );
}

#[test]
fn an_unparsable_amount_and_an_ambiguous_one_are_located() {
    let t = TempDir::new("amount");
    t.write(
        "t.csv",
        "Kreds;Projekt;Beløb\nFyn;A;fem mio.\nFyn;B;1.500\n",
    );
    fails(
        t.path(),
        &["t.csv"],
        &[
            "error: \"fem mio.\" is not an amount",
            " --> t.csv:2:7",
            "error: ambiguous amount \"1.500\": thousands or decimals?",
            " --> t.csv:3:7",
            "2 errors in t.csv",
        ],
    );
}

#[test]
fn a_float_cell_with_fractions_of_an_oere_names_the_cell() {
    let t = TempDir::new("float");
    let rows: Vec<Vec<String>> = vec![
        vec!["Tilskud".into()],
        vec!["Kreds".into(), "Projekt".into(), "Beløb".into()],
        vec!["Fyn".into(), "A".into(), "1000".into()],
        vec!["Fyn".into(), "B".into(), "1500.123".into()],
    ];
    write_xlsx(&t.path().join("t.xlsx"), "Ark1", &rows, &[2]);
    fails(
        t.path(),
        &["t.xlsx"],
        &[
            "error: the number 1500.123 in this cell is not a whole number of hundredths (øre, cents)",
            " --> t.xlsx[Ark1]!C4",
            "4 | Fyn │ B │ 1500.123",
            "  |           ^^^^^^^^ not an exact amount",
            "= hint: round it in the spreadsheet",
        ],
    );
}

#[test]
fn a_missing_required_column_and_a_duplicate_header_are_located_at_the_header() {
    let t = TempDir::new("columns");
    t.write("missing.csv", "Kreds,Projekt,Belb\nFyn,A,5\n");
    fails(
        t.path(),
        &["missing.csv"],
        &[
            "error: no column for the amount",
            " --> missing.csv:1:1",
            "= hint: did you mean the column \"Belb\"? say so: --map amount=\"Belb\"",
        ],
    );
    t.write("dup.csv", "Kreds,Projekt,Beløb,beløb\nFyn,A,5,6\n");
    fails(
        t.path(),
        &["dup.csv"],
        &[
            "error: two columns for the amount: \"Beløb\" and \"beløb\"",
            " --> dup.csv:1:21",
            "note: the first one",
            " --> dup.csv:1:15",
        ],
    );
    // --map settles it.
    let o = run_in(t.path(), &["import", "dup.csv", "--map", "amount=beløb"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("amount = 6"));
    assert!(
        stderr(&o).contains("not imported: column 3 \"Beløb\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_empty_file_a_missing_sheet_a_protected_and_a_corrupt_workbook() {
    let t = TempDir::new("files");
    t.write("empty.csv", "");
    fails(
        t.path(),
        &["empty.csv"],
        &["error: the file is empty", " --> empty.csv"],
    );
    let rows = vec![
        vec!["Kreds".into(), "Projekt".into(), "Beløb".into()],
        vec!["Fyn".into(), "A".into(), "5".into()],
    ];
    write_xlsx(&t.path().join("book.xlsx"), "Bevillinger", &rows, &[2]);
    fails(
        t.path(),
        &["book.xlsx", "--sheet", "Bevilinger"],
        &[
            "error: the workbook has no sheet \"Bevilinger\"",
            "= hint: did you mean \"Bevillinger\"? its sheets: \"Bevillinger\"",
        ],
    );
    std::fs::copy(fixture("adgangskode.xlsx"), t.path().join("hemmelig.xlsx")).unwrap();
    fails(
        t.path(),
        &["hemmelig.xlsx"],
        &[
            "error: the workbook is password-protected (encrypted), so it cannot be read",
            " --> hemmelig.xlsx",
        ],
    );
    let mut broken = std::fs::read(t.path().join("book.xlsx")).unwrap();
    broken.truncate(broken.len() / 2);
    t.write("broken.xlsx", &broken);
    fails(
        t.path(),
        &["broken.xlsx"],
        &["error: cannot read the workbook:", " --> broken.xlsx"],
    );
    t.write("noise.xlsx", b"this is not a workbook at all");
    fails(
        t.path(),
        &["noise.xlsx"],
        &["error: cannot read the workbook:"],
    );
    fails(t.path(), &["nowhere.csv"], &["error: no such file"]);
}

// ---------------------------------------------------------------------------------------------
// Round trip: export --format csv of any valid round, imported with the same districts, is the
// same round.

fn export_csv(ds: &Dataset) -> String {
    let mut out = Vec::new();
    write_csv(ds, &Selection::all(ds, ExportBy::Project), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn import_with(set: &Path, csv: &str) -> Dataset {
    let table = read_csv(csv.as_bytes(), "export.csv", &mut |_| {});
    let opts = Options {
        districts: DistrictChoice::File(set.to_path_buf()),
        ..options()
    };
    match import_table(&table, &opts, &mut |_| {}) {
        Ok(i) => i.dataset,
        Err(e) => panic!("{e}\n{csv}"),
    }
}

#[test]
fn the_shipped_round_survives_export_and_import_as_csv_and_xlsx() {
    let set = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/forebyggelse-2014.toml");
    let ds = load_file(&set).unwrap();
    let csv = export_csv(&ds);
    let back = import_with(&set, &csv);
    assert_eq!(contents(&back), contents(&ds));
    assert_eq!(back.allocated, ds.allocated);
    let t = TempDir::new("roundtrip-xlsx");
    let xlsx = t.path().join("export.xlsx");
    write_xlsx(&xlsx, "Ark1", &csv_rows(&csv), &[4]);
    let opts = Options {
        districts: DistrictChoice::File(set.clone()),
        ..options()
    };
    let back = import_file(&xlsx, &opts, &mut |_| {}).unwrap().dataset;
    assert_eq!(contents(&back), contents(&ds));
}

/// Text a round may hold that the CSV export can carry: no `;` (the list separator), no line
/// breaks, no blanks at the ends; formula-like starts (`=`, `-`) included.
fn text() -> impl Strategy<Value = String> {
    "[=+@-]?[A-Za-zÆØÅæøåéü0-9\"][A-Za-zÆØÅæøåéü0-9 ,.\"'&/()-]{0,14}[A-Za-zæøå0-9)]?"
}

fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..1_000_000_000_000, 0u32..=2).prop_map(|(n, scale)| Decimal::new(n, scale))
}

#[derive(Debug, Clone)]
struct GenProject {
    district: usize,
    name: String,
    amount: Decimal,
    partners: Vec<String>,
    themes: Vec<String>,
    target: Option<String>,
    with_id: bool,
}

fn round() -> impl Strategy<Value = (Vec<String>, Vec<GenProject>)> {
    prop::collection::vec(text(), 1..5).prop_flat_map(|districts| {
        let n = districts.len();
        let project = (
            0..n,
            text(),
            amount(),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(text(), 0..3),
            prop::option::of(text()),
            any::<bool>(),
        )
            .prop_map(
                |(district, name, amount, partners, themes, target, with_id)| GenProject {
                    district,
                    name,
                    amount,
                    partners,
                    themes,
                    target,
                    with_id,
                },
            );
        (Just(districts), prop::collection::vec(project, 0..12))
    })
}

fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn render(districts: &[String], projects: &[GenProject]) -> String {
    let mut t = String::from("[dataset]\ntitle = \"Genereret\"\n");
    for (i, name) in districts.iter().enumerate() {
        t += &format!("\n[[district]]\nid = \"d{i}\"\nname = {}\n", toml_str(name));
    }
    let list = |v: &[String]| v.iter().map(|s| toml_str(s)).collect::<Vec<_>>().join(", ");
    for (k, p) in projects.iter().enumerate() {
        t += "\n[[project]]\n";
        if p.with_id {
            t += &format!("id = \"p{k}\"\n");
        }
        t += &format!(
            "district = \"d{}\"\nname = {}\namount = \"{}\"\npartners = [{}]\nthemes = [{}]\n",
            p.district,
            toml_str(&p.name),
            p.amount,
            list(&p.partners),
            list(&p.themes)
        );
        if let Some(target) = &p.target {
            t += &format!("target = {}\n", toml_str(target));
        }
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn export_csv_then_import_gives_the_same_round((districts, projects) in round()) {
        let text = render(&districts, &projects);
        let ds = load_str(&text, "gen.toml", None).unwrap();
        let t = TempDir::new("prop");
        let set = t.write("set.toml", &text);
        let back = import_with(&set, &export_csv(&ds));
        prop_assert_eq!(contents(&back), contents(&ds));
        prop_assert_eq!(back.allocated, ds.allocated);
    }
}

#[test]
fn without_a_district_set_the_values_become_districts() {
    let t = TempDir::new("new");
    let path = t.write(
        "t.csv",
        "Region,Projekt,Amount\nOslo,A,\"1,000.50\"\nOSLO,B,2\nBergen,C,3\n",
    );
    let imported = import_file(&path, &options(), &mut |_| {}).unwrap();
    let ds = imported.dataset;
    let ids: Vec<&str> = ds.districts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["oslo", "bergen"]);
    assert_eq!(ds.districts[0].total, Decimal::new(100_250, 2));
    assert!(
        imported
            .districts_from
            .starts_with("made from the district column")
    );
}
