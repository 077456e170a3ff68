//! The synthetic-data generator (`kredskort gen`): its output is valid TOML in the documented format,
//! exercises the awkward cases it promises, and is deterministic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::process::Command;
use std::str::FromStr;

use kredskort::commands::generate::{GenParams, generate_string};
use rust_decimal::Decimal;
use toml::{Table, Value};

fn parse(text: &str) -> Table {
    text.parse::<Table>().expect("generated file is valid TOML")
}

fn amount(v: &Value) -> Decimal {
    match v {
        Value::Integer(i) => Decimal::from(*i),
        Value::String(s) => Decimal::from_str(s).expect("amount string is a decimal"),
        other => panic!("amount of unexpected type: {other:?}"),
    }
}

#[test]
fn generated_file_follows_the_format() {
    let text = generate_string(&GenParams::new(40, 25, 7));
    let doc = parse(&text);

    let dataset = doc["dataset"].as_table().unwrap();
    assert!(dataset["title"].as_str().unwrap().contains("40 kredse"));
    let pool = Decimal::from(dataset["pool"].as_integer().unwrap());

    let districts = doc["district"].as_array().unwrap();
    assert_eq!(districts.len(), 40);
    let mut ids = HashSet::new();
    let mut tiles = HashSet::new();
    let mut without_tile = 0;
    for d in districts {
        let d = d.as_table().unwrap();
        let id = d["id"].as_str().unwrap();
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
        assert!(ids.insert(id.to_string()), "duplicate district id {id}");
        assert!(!d["name"].as_str().unwrap().is_empty());
        match d.get("tile") {
            Some(t) => {
                let t = t.as_array().unwrap();
                assert_eq!(t.len(), 2);
                assert!(tiles.insert((t[0].as_integer(), t[1].as_integer())));
            }
            None => without_tile += 1,
        }
    }
    assert!(without_tile > 0 && without_tile < 40, "some tiles, not all");

    let projects = doc["project"].as_array().unwrap();
    assert_eq!(projects.len(), 40 * 25);
    let mut sum = Decimal::ZERO;
    let mut strings = 0;
    let mut project_ids = HashSet::new();
    for p in projects {
        let p = p.as_table().unwrap();
        assert!(ids.contains(p["district"].as_str().unwrap()));
        if let Some(id) = p.get("id") {
            assert!(project_ids.insert(id.as_str().unwrap().to_string()));
        }
        let a = amount(&p["amount"]);
        assert!(a > Decimal::ZERO && a.scale() <= 2);
        strings += usize::from(p["amount"].is_str());
        sum += a;
        for key in p.keys() {
            assert!(
                [
                    "id", "district", "name", "amount", "partners", "target", "themes", "summary"
                ]
                .contains(&key.as_str()),
                "unknown key {key}"
            );
        }
    }
    assert!(strings > 0, "some amounts are strings");
    assert!(pool > sum, "pool {pool} must exceed the sum {sum}");
}

#[test]
fn generated_file_has_the_awkward_cases() {
    let text = generate_string(&GenParams::new(30, 40, 1));
    let doc = parse(&text);
    let all_names: String = doc["district"]
        .as_array()
        .unwrap()
        .iter()
        .chain(doc["project"].as_array().unwrap())
        .map(|t| t["name"].as_str().unwrap().to_string() + "\n")
        .collect();
    assert!(
        all_names.contains(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å']),
        "Danish letters"
    );
    assert!(
        all_names
            .chars()
            .any(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2)),
        "wide characters"
    );
    assert!(
        all_names.contains(['\u{301}', '\u{308}', '\u{30A}']),
        "combining marks"
    );
    // Header-looking lines inside multi-line strings, in the text and in the parsed values.
    let summaries: Vec<&str> = doc["project"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.get("summary").and_then(Value::as_str))
        .collect();
    assert!(
        summaries
            .iter()
            .any(|s| s.lines().any(|l| l == "[[project]]"))
    );
    assert!(
        summaries
            .iter()
            .any(|s| s.lines().any(|l| l == "[dataset]"))
    );
    assert!(summaries.iter().any(|s| s.ends_with("\"\"")));
    assert!(text.contains("'''"));
    assert!(text.contains("[[ district ]]"));
    let themes: HashSet<&str> = doc["project"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.get("themes").and_then(Value::as_array))
        .flatten()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(
        themes.len() > 100,
        "themes from a few hundred: {}",
        themes.len()
    );
}

#[test]
fn zero_projects_per_district_is_still_valid() {
    let doc = parse(&generate_string(&GenParams::new(3, 0, 5)));
    assert_eq!(doc["district"].as_array().unwrap().len(), 3);
    assert!(doc.get("project").is_none());
}

#[test]
fn integer_only_file_loads_with_the_current_loader() {
    let mut params = GenParams::new(20, 10, 3);
    params.string_amounts = false;
    let text = generate_string(&params);
    let ds = kredskort::data::load_str(&text, "gen.toml", None).expect("loads");
    assert_eq!(ds.districts.len(), 20);
    assert_eq!(ds.projects.len(), 200);
    assert!(ds.not_itemised.unwrap() > Decimal::ZERO);
    assert!(ds.districts.iter().any(|d| !d.tile_given));
    assert!(ds.districts.iter().any(|d| d.tile_given));
}

/// Python's tomllib as an independent second opinion on validity (skipped without python3 ≥ 3.11).
#[test]
fn python_tomllib_accepts_the_file() {
    let probe = Command::new("python3")
        .args(["-c", "import tomllib"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with tomllib not available");
        return;
    }
    let dir = std::env::temp_dir().join(format!("kredskort-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gen.toml");
    std::fs::write(&path, generate_string(&GenParams::new(20, 30, 11))).unwrap();
    let out = Command::new("python3")
        .args([
            "-c",
            "import tomllib,sys; d=tomllib.load(open(sys.argv[1],'rb')); print(len(d['project']))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "600");
}

#[test]
fn gen_command_writes_the_same_file() {
    let dir = std::env::temp_dir().join(format!("kredskort-gencli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out.toml");
    let status = Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .args([
            "gen",
            "--districts",
            "4",
            "--projects-per-district",
            "6",
            "--seed",
            "9",
            "-o",
        ])
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(written, generate_string(&GenParams::new(4, 6, 9)));

    let out = Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .args([
            "gen",
            "--districts",
            "2",
            "--projects-per-district",
            "3",
            "--stress",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut stress = GenParams::new(2, 3, 1);
    stress.stress = true;
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        generate_string(&stress)
    );

    let out = Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .args(["gen", "--districts", "0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 1"));
}

#[test]
fn gen_output_never_overwrites_without_force() {
    let dir = std::env::temp_dir().join(format!("kredskort-genforce-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out.toml");
    std::fs::write(&path, "mine\n").unwrap();
    let gen_to = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kredskort"))
            .args(["gen", "--districts", "2", "--projects-per-district", "1"])
            .args(extra)
            .arg("-o")
            .arg(&path)
            .output()
            .unwrap()
    };
    let out = gen_to(&[]);
    let kept = std::fs::read_to_string(&path).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success());
    assert_eq!(kept, "mine\n", "the existing file is left alone");
    assert!(stderr.contains("already exists; use --force"), "{stderr}");
    let out = gen_to(&["--force"]);
    let written = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(written, generate_string(&GenParams::new(2, 1, 1)));
}

#[test]
fn generated_names_are_capitalized_and_keep_their_letters() {
    let doc = parse(&generate_string(&GenParams::new(200, 0, 1)));
    let mut names = Vec::new();
    for d in doc["district"].as_array().unwrap() {
        if let Some(ms) = d.get("municipalities") {
            names.extend(ms.as_array().unwrap().iter().map(|m| m.as_str().unwrap()));
        }
    }
    assert!(names.len() > 500, "{}", names.len());
    for n in &names {
        assert!(
            n.chars().next().is_some_and(char::is_uppercase),
            "{n:?} is not a name"
        );
    }
    // Danish first letters are whole, upper case.
    assert!(names.iter().any(|n| n.starts_with('Ø')), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("Å")), "{names:?}");
}

#[test]
fn stress_file_has_the_extremes() {
    let mut params = GenParams::new(3, 4, 2);
    params.stress = true;
    let text = generate_string(&params);
    let doc = parse(&text);
    let d0 = doc["district"][0].as_table().unwrap();
    assert!(d0["name"].as_str().unwrap().len() >= 1 << 20);
    assert_eq!(d0["municipalities"].as_array().unwrap().len(), 10_000);
    let projects = doc["project"].as_array().unwrap();
    assert_eq!(projects.len(), 12);
    assert!(projects[0]["name"].as_str().unwrap().len() >= 1 << 20);
    assert_eq!(projects[1]["themes"].as_array().unwrap().len(), 10_000);
    assert!(projects[2]["summary"].as_str().unwrap().len() >= 1_000_000);
    // Still a file the loader takes.
    params.string_amounts = false;
    let ds = kredskort::data::load_str(&generate_string(&params), "stress.toml", None).unwrap();
    assert_eq!(ds.districts[0].municipalities.len(), 10_000);
}
