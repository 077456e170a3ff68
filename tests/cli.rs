//! The `check` and `export` commands as a user runs them, and the config lookup order. Every run
//! happens in a fresh temporary directory with HOME and XDG_CONFIG_HOME pointing into it, so nothing
//! outside the repository (or a developer's own config) can change the result.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/tempdir.rs"]
mod tempdir;
use tempdir::{TempDir, kredskort_in, run_in, stderr, stdout};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

const SHIPPED: &str = "assets/forebyggelse-2014.toml";

#[test]
fn check_valid_file_prints_a_danish_summary() {
    let t = TempDir::new("check-ok");
    let o = run_in(t.path(), &["check", repo(SHIPPED).to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "Kredse:             12",
        "Kommuner:           98",
        "Projekter:          6",
        "Fordelt:            65.975.000 kr.",
        "Pulje:              140.000.000 kr.",
        "Ikke specificeret:  74.025.000 kr.",
        "Uden projekter:     6 (",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert!(stderr(&o).is_empty());
}

#[test]
fn check_in_english() {
    let t = TempDir::new("check-en");
    let o = run_in(
        t.path(),
        &["check", "--locale", "en", repo(SHIPPED).to_str().unwrap()],
    );
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("Not itemised:       DKK 74,025,000"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_without_files_or_config_uses_the_embedded_dataset() {
    let t = TempDir::new("check-embedded");
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("(indbygget)"), "{}", stdout(&o));
}

#[test]
fn check_bad_file_exits_1_with_located_errors_on_stderr() {
    let t = TempDir::new("check-bad");
    let o = run_in(
        t.path(),
        &["check", repo("tests/fixtures/many.toml").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("many.toml:10:12"), "{err}");
    assert!(err.contains("did you mean \"nord\"?"), "{err}");
    assert!(err.contains("3 errors in"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn check_several_files_reports_each() {
    let t = TempDir::new("check-several");
    let o = run_in(
        t.path(),
        &[
            "check",
            repo(SHIPPED).to_str().unwrap(),
            repo("tests/fixtures/unknown_key.toml").to_str().unwrap(),
            "missing.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("65.975.000 kr."));
    let err = stderr(&o);
    assert!(err.contains("unknown_key.toml:19:1"), "{err}");
    assert!(err.contains("missing.toml\n"), "{err}");
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn check_a_file_with_a_typo_as_a_new_user_would() {
    let t = TempDir::new("check-typo");
    let text = std::fs::read_to_string(repo(SHIPPED))
        .unwrap()
        .replace("district = \"fyn\"", "district = \"fyns\"");
    let f = t.write("round.toml", &text);
    let o = run_in(t.path(), &["check", "round.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: unknown district \"fyns\"\n"),
        "{err}"
    );
    assert!(err.contains("round.toml:"), "{err}");
    assert!(err.contains("= hint: did you mean \"fyn\"?"), "{err}");
    drop(f);
}

#[test]
fn kredskort_toml_in_the_working_directory_is_used_with_relative_data() {
    let t = TempDir::new("cfg-cwd");
    t.write(
        "data/round.toml",
        std::fs::read_to_string(repo(SHIPPED)).unwrap(),
    );
    // It wins over the user's config.
    t.write("xdg/kredskort/config.toml", "locale = \"da\"\n");
    t.write(
        "kredskort.toml",
        "data = \"data/round.toml\"\nlocale = \"en\"\n",
    );
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("round.toml"), "{}", stdout(&o));
    assert!(stdout(&o).contains("DKK 65,975,000"), "{}", stdout(&o));
}

/// In a Cargo or Python project `./config.toml` belongs to another program: it is not read (it
/// stopped every command with "unknown key `tool`"), and the user's own config is used.
#[test]
fn a_config_toml_of_another_program_in_the_working_directory_is_ignored() {
    let t = TempDir::new("cfg-foreign");
    t.write("config.toml", "[tool]\nfoo=1\n");
    for args in [&["check"][..], &["export", "--format", "csv"], &["render"]] {
        let o = run_in(t.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("tool"), "{args:?}: {}", stderr(&o));
    }
    // The XDG config is not hidden by it.
    t.write("xdg/kredskort/config.toml", "locale = \"en\"\n");
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Districts:"), "{}", stdout(&o));
    // `--config` still reads any file named, config.toml too.
    let o = run_in(t.path(), &["--config", "config.toml", "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown key `tool`"), "{}", stderr(&o));
}

#[test]
fn config_under_xdg_config_home_then_home() {
    let t = TempDir::new("cfg-xdg");
    // Another program's config.toml beside it changes nothing.
    t.write("config.toml", "[tool]\nfoo=1\n");
    t.write(
        "elsewhere/r.toml",
        std::fs::read_to_string(repo(SHIPPED)).unwrap(),
    );
    t.write(
        "xdg/kredskort/config.toml",
        "data = \"../../elsewhere/r.toml\"\nlocale = \"en\"\n",
    );
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("DKK 140,000,000"), "{}", stdout(&o));

    // Without XDG_CONFIG_HOME, $HOME/.config is used.
    let t = TempDir::new("cfg-home");
    t.write("home/.config/kredskort/config.toml", "locale = \"en\"\n");
    let o = Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .arg("check")
        .current_dir(t.path())
        .env("HOME", t.path().join("home"))
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Districts:"), "{}", stdout(&o));
}

#[test]
fn explicit_config_and_data_override() {
    let t = TempDir::new("cfg-explicit");
    let cfg = t.write("my.toml", "locale = \"en\"\n");
    t.write("kredskort.toml", "locale = \"da\"\n");
    let o = run_in(t.path(), &["check", "--config", cfg.to_str().unwrap()]);
    assert!(
        stdout(&o).contains("Districts:"),
        "--config wins over ./kredskort.toml"
    );
    let o = run_in(
        t.path(),
        &["check", "--config", cfg.to_str().unwrap(), "--locale", "da"],
    );
    assert!(
        stdout(&o).contains("Kredse:"),
        "--locale wins over the file"
    );
    let o = run_in(t.path(), &["check", "--config", "nope.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
}

#[test]
fn bad_config_gets_located_errors() {
    let t = TempDir::new("cfg-bad");
    t.write(
        "kredskort.toml",
        "# settings\nlocal = \"en\"\ndata = \"nowhere.toml\"\n[keys]\nquit = 5\n",
    );
    let o = run_in(t.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("kredskort.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `locale`?"), "{err}");
    assert!(err.contains("kredskort.toml:3:8"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(err.contains("kredskort.toml:5:8"), "{err}");
}

/// A config with errors at the top level and in `[theme]` and `[keys]`, named by `--config`.
const BAD_CFG: &str = "locale = \"dk\"\nmous = true\n\n[theme]\naccent = \"purplish\"\nheat = \"red blue\"\n\n[keys]\nup = \"k\"\ndown = \"k\"\nfrobnicate = \"x\"\n";

/// Every error of `BAD_CFG`, in file order, with one count and the file named as given.
fn assert_bad_cfg_report(err: &str) {
    let wanted = [
        ("bad.cfg:1:10", "error: unknown locale \"dk\""),
        ("bad.cfg:2:1", "error: unknown key `mous` in bad.cfg"),
        ("bad.cfg:5:10", "error: unknown colour \"purplish\""),
        ("bad.cfg:6:8", "error: `heat` needs 6 colours"),
        ("bad.cfg:10:8", "error: key k is bound twice"),
        (
            "bad.cfg:11:1",
            "error: unknown action `frobnicate` in [keys]",
        ),
    ];
    let mut from = 0;
    for (at, message) in wanted {
        let i = err[from..]
            .find(message)
            .unwrap_or_else(|| panic!("{message} (after byte {from}) missing:\n{err}"));
        from += i;
        assert!(err[from..].contains(&format!("--> {at}\n")), "{at}:\n{err}");
    }
    assert!(err.trim_end().ends_with("\n6 errors in bad.cfg"), "{err}");
    assert_eq!(err.matches(" errors in ").count(), 1, "one count: {err}");
    assert!(!err.contains("config.toml"), "the file is bad.cfg: {err}");
}

#[test]
fn a_bad_config_reports_every_error_in_one_run_under_its_own_name() {
    let t = TempDir::new("cfg-all");
    t.write("bad.cfg", BAD_CFG);
    let o = run_in(t.path(), &["--config", "bad.cfg", "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_bad_cfg_report(&stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    // The dashboard reports the same before it touches the terminal (and `render`, which starts
    // it the same way).
    let o = run_in(t.path(), &["--config", "bad.cfg"]);
    assert_eq!(o.status.code(), Some(1));
    assert_bad_cfg_report(&stderr(&o));
    let o = run_in(t.path(), &["--config", "bad.cfg", "render"]);
    assert_eq!(o.status.code(), Some(1));
    assert_bad_cfg_report(&stderr(&o));
}

#[test]
fn check_with_one_error_prints_a_singular_count() {
    let t = TempDir::new("check-one");
    let text = std::fs::read_to_string(repo(SHIPPED))
        .unwrap()
        .replace("district = \"fyn\"", "district = \"fyns\"");
    t.write("typo.toml", &text);
    let o = run_in(t.path(), &["check", "typo.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("error: ").count(), 1, "{err}");
    assert!(err.ends_with("\n\n1 error in typo.toml\n"), "{err}");
    // A config with one error says so the same way.
    t.write("one.cfg", "locale = \"dk\"\n");
    let o = run_in(t.path(), &["--config", "one.cfg", "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("\n\n1 error in one.cfg\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_validates_theme_and_keys_as_the_dashboard_does() {
    let t = TempDir::new("cfg-style");
    t.write(
        "kredskort.toml",
        "[theme]\naccent = \"purplish\"\n\n[keys]\nquit = \"<Ctl-x>\"\n",
    );
    let o = run_in(t.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    // The same report the dashboard prints before it starts (`dashboard::check_style`).
    let settings = kredskort::commands::dashboard::Settings::from_config(
        kredskort::config::load_config_file(&t.path().join("kredskort.toml")).unwrap(),
        false,
    );
    let report = kredskort::commands::dashboard::check_style(&settings).unwrap_err();
    assert!(err.contains(&report), "{err}\n---\n{report}");
    assert!(err.contains("kredskort.toml:2:10"), "{err}");
    assert!(err.contains("unknown colour \"purplish\""), "{err}");
    assert!(err.contains("kredskort.toml:5:8"), "{err}");
    assert!(err.contains("bad key name `<Ctl-x>`"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    // The data is still checked in the same run.
    assert!(
        stdout(&o).contains("Kredse:             12"),
        "{}",
        stdout(&o)
    );
    // A good [theme] and [keys] pass.
    t.write(
        "kredskort.toml",
        "[theme]\naccent = \"#3b82f6\"\n\n[keys]\nquit = \"x <C-c>\"\n",
    );
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn each_command_lists_only_the_flags_it_honours() {
    let t = TempDir::new("help");
    let help = |args: &[&str]| {
        let o = run_in(t.path(), args);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let global = ["--config", "--data", "--locale"];
    let dashboard = help(&["--help"]);
    for flag in global.iter().chain(&["--no-mouse", "--plain"]) {
        assert!(dashboard.contains(flag), "kredskort --help lacks {flag}");
    }
    for (command, own, not) in [
        ("check", &[][..], &["--no-mouse", "--plain"][..]),
        (
            "export",
            &["--format", "--by", "--output", "--force"][..],
            &["--no-mouse", "--plain", "--size", "--keys"][..],
        ),
        (
            "render",
            &["--size", "--keys", "--color", "--plain"][..],
            &["--no-mouse", "--format"][..],
        ),
    ] {
        let out = help(&[command, "--help"]);
        for flag in global.iter().chain(own) {
            assert!(out.contains(flag), "{command} --help lacks {flag}:\n{out}");
        }
        for flag in not {
            assert!(!out.contains(flag), "{command} --help lists {flag}:\n{out}");
        }
    }
    // Given anyway, a dashboard flag is an error, not silently ignored.
    for args in [
        &["--plain", "export"][..],
        &["--no-mouse", "check"][..],
        &["render", "--no-mouse"][..],
    ] {
        let o = run_in(t.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stdout(&o).is_empty(), "{args:?}");
        assert!(stderr(&o).contains("error:"), "{args:?}: {}", stderr(&o));
    }
    let o = run_in(t.path(), &["--plain", "render"]);
    assert!(
        stderr(&o).contains("kredskort render --plain"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn export_csv_to_stdout() {
    let t = TempDir::new("exp-csv");
    let o = run_in(t.path(), &["export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7);
    assert!(lines[0].starts_with("district_id,district,project_id,project,amount,"));
    assert!(
        out.contains(",pin-point,Projekt Pin-point,30000000,0.214286,,bander,"),
        "{out}"
    );
    assert!(out.contains("\"Greve Kommune\"") || out.contains("Greve Kommune; Køge Kommune"));
}

#[test]
fn export_by_district_lists_every_district() {
    let t = TempDir::new("exp-district");
    let o = run_in(
        t.path(),
        &[
            "export",
            "--by",
            "district",
            "--data",
            repo(SHIPPED).to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 13);
    assert!(
        out.contains("bornholm,Bornholms Politi,Bornholm,Rønne,0,0,0,40215,Bornholm"),
        "{out}"
    );
}

#[test]
fn export_json_and_markdown() {
    let t = TempDir::new("exp-json");
    let o = run_in(t.path(), &["export", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["pool"], "140000000");
    assert_eq!(v["not_itemised"], "74025000");
    assert_eq!(v["rows"].as_array().unwrap().len(), 6);
    let o = run_in(t.path(), &["export", "--format", "markdown"]);
    assert!(stdout(&o).contains("| Ikke specificeret | | 74.025.000 | 52,9 % |"));
    let o = run_in(
        t.path(),
        &["export", "--format", "markdown", "--locale", "en"],
    );
    assert!(
        stdout(&o).contains("| **Total** |  | **65,975,000** | **47.1%** |"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_output_is_atomic_and_does_not_clobber() {
    let t = TempDir::new("exp-out");
    let o = run_in(t.path(), &["export", "--output", "out.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = std::fs::read_to_string(t.path().join("out.csv")).unwrap();
    assert!(first.starts_with("district_id,"));
    let o = run_in(
        t.path(),
        &["export", "--format", "json", "--output", "out.csv"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already exists; use --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("out.csv")).unwrap(),
        first
    );
    let o = run_in(
        t.path(),
        &[
            "export", "--format", "json", "--output", "out.csv", "--force",
        ],
    );
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(t.path().join("out.csv"))
            .unwrap()
            .starts_with('{')
    );
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("kredskort-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn export_never_writes_the_data_file() {
    let t = TempDir::new("exp-self");
    let data = t.write(
        "round.toml",
        std::fs::read_to_string(repo(SHIPPED)).unwrap(),
    );
    let before = std::fs::read_to_string(&data).unwrap();
    let o = run_in(
        t.path(),
        &[
            "export",
            "--data",
            "round.toml",
            "--output",
            "round.toml",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("refusing to overwrite"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&data).unwrap(), before);
}

#[test]
fn export_bad_data_and_svg() {
    let t = TempDir::new("exp-bad");
    let o = run_in(
        t.path(),
        &[
            "export",
            "--data",
            repo("tests/fixtures/over_pool.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("over_pool.toml:3:8"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    // SVG needs a [map]: valid.toml has none.
    let o = run_in(
        t.path(),
        &[
            "export",
            "--format",
            "svg",
            "--data",
            repo("tests/fixtures/valid.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("has no [map] section"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn data_on_the_command_line_replaces_a_configured_file_that_is_gone() {
    let t = TempDir::new("cfg-gone");
    t.write("kredskort.toml", "data = \"deleted.toml\"\n");
    let o = run_in(t.path(), &["check", repo(SHIPPED).to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(t.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("kredskort.toml:1:8"), "{}", stderr(&o));
}

/// A stdout that cannot be written (`> /dev/full`) gets one line on stderr and exit 1; a closed
/// pipe (`| head -1` after head has quit) ends quietly. Neither panics (`print!` would).
#[test]
fn an_unwritable_or_closed_stdout_is_an_error_message_not_a_panic() {
    let dir = TempDir::new("stdout");
    let commands: [&[&str]; 4] = [
        &["check"],
        &["render", "--size", "80x24"],
        &["export", "--format", "markdown"],
        &["gen", "--districts", "3", "--projects-per-district", "2"],
    ];
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        for args in commands {
            let o = kredskort_in(dir.path(), args)
                .stdout(full.try_clone().unwrap())
                .output()
                .unwrap();
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
            assert!(
                err.contains("cannot write") && err.contains("stdout"),
                "{args:?}: {err}"
            );
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
    }
    for args in commands {
        let mut child = kredskort_in(dir.path(), args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the program has written anything.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// Config mistakes get the same kind of hint as data mistakes: a misspelt colour or action name
/// gets `did you mean`, and a colour's accepted forms are said once, under the marker.
#[test]
fn config_typos_get_did_you_mean() {
    let dir = TempDir::new("cfg-hints");
    dir.write(
        "bad.toml",
        "[theme]\naccent = \"lightblu\"\nbar = \"orang\"\n\n[keys]\nqiut = \"x\"\n",
    );
    let o = run_in(dir.path(), &["--config", "bad.toml", "check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("bad.toml:2:10"), "{err}");
    assert!(err.contains("hint: did you mean \"light-blue\"?"), "{err}");
    assert!(err.contains("hint: did you mean \"quit\"?"), "{err}");
    assert!(err.contains("error: unknown colour \"orang\"\n"), "{err}");
    assert_eq!(err.matches("palette index 0–255").count(), 1, "{err}");
    assert!(err.contains("3 errors in bad.toml"), "{err}");
}

/// stderr gets the care stdout gets: a reader that has gone (`2>&1 | head -1`) ends the report
/// quietly, with the exit code the command would have had, never a panic (`eprint!` would).
#[test]
fn a_closed_stderr_is_not_a_panic() {
    let dir = TempDir::new("stderr");
    // Far more than a pipe holds, so the writing fails whenever the reader goes.
    let mut many =
        String::from("[dataset]\ntitle = \"T\"\n\n[[district]]\nid = \"a\"\nname = \"A\"\n\n");
    for i in 0..3000 {
        many.push_str(&format!(
            "[[project]]\ndistrict = \"a\"\nname = \"P{i}\"\namout = 1\n\n"
        ));
    }
    let bad = dir.write("many.toml", &many);
    let bad = bad.to_str().unwrap();
    let out = dir.path().join("out.csv");
    let commands: [(&[&str], i32); 4] = [
        (&["check", bad], 1),
        (&["export", "--data", bad], 1),
        (&["export", "--output", out.to_str().unwrap()], 0),
        (&["gen", "--districts", "0"], 2),
    ];
    for (args, code) in commands {
        let mut child = kredskort_in(dir.path(), args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the program has written anything.
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}

/// Runs kredskort in `dir` like [`run_in`], but kills it after 20 s: a run that blocks (opening a
/// FIFO waits for a writer) fails the test instead of hanging it.
fn run_bounded(dir: &Path, args: &[&str]) -> Output {
    let mut child = kredskort_in(dir, args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("kredskort {args:?} blocked");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// A FIFO, a device or a socket is not a data file, a config file or an export target: one clear
/// error, never a wait for a writer, never a FIFO replaced by a file.
#[test]
fn what_is_not_a_regular_file_is_refused() {
    let dir = TempDir::new("fifo");
    let fifo = dir.path().join("f.toml");
    if !mkfifo(&fifo) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    let f = fifo.to_str().unwrap();
    for args in [
        vec!["check", f],
        vec!["export", "--data", f],
        vec!["--config", f, "check"],
        vec!["render", "--size", "80x24", f],
        vec!["check", "/dev/null"],
    ] {
        let o = run_bounded(dir.path(), &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
        let kind = if args.contains(&"/dev/null") {
            "a character device"
        } else {
            "a FIFO (named pipe)"
        };
        assert!(err.contains(kind), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // A config naming a FIFO as its data.
    dir.write("kredskort.toml", "data = \"f.toml\"\n");
    let o = run_bounded(dir.path(), &["--config", "kredskort.toml", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    // export --force replaces files, not FIFOs or devices.
    for target in [f, "/dev/null"] {
        let o = run_bounded(dir.path(), &["export", "--output", target, "--force"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{target}: {err}");
        assert!(err.contains("not a regular file"), "{target}: {err}");
    }
    use std::os::unix::fs::FileTypeExt as _;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

/// The synthetic rounds of `tests/fixtures/rounds/` (a district renamed, one ended, one new, a
/// project moved, a shrinking pool, a round in another currency).
fn round(name: &str) -> String {
    repo(&format!("tests/fixtures/rounds/{name}.toml"))
        .display()
        .to_string()
}

#[test]
fn export_of_several_rounds_by_district_is_one_panel() {
    let t = TempDir::new("exp-panel");
    let (a, b, c) = (
        round("runde-2016"),
        round("runde-2018"),
        round("runde-2020"),
    );
    let o = run_in(t.path(), &["export", "--by", "district", &a, &b, &c]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "district_id,district,Runde 2016,Runde 2018,Runde 2020,\
         change Runde 2016 → Runde 2018,change_percent Runde 2016 → Runde 2018,status Runde 2016 → Runde 2018,\
         change Runde 2018 → Runde 2020,change_percent Runde 2018 → Runde 2020,status Runde 2018 → Runde 2020"
    );
    // Renamed (same id): one row, the latest name. A decrease is a plain negative number.
    assert_eq!(
        lines[1],
        "nord,Nordkredsen,400000,500000,350000,100000,25,changed,-150000,-30,changed"
    );
    assert_eq!(
        lines[3], "oest,Østkredsen,100000,,,,,ended,,,absent",
        "ended, not a change to 0"
    );
    assert_eq!(
        lines[4], "vest,Vestkredsen,,50000,100000,,,new,50000,100,changed",
        "new, not from 0"
    );
    assert!(
        lines[2].starts_with("syd,Syd- og Vestkredsen,200000,200000,"),
        "{out}"
    );
    // The same panel as Markdown in English, and as JSON.
    let o = run_in(
        t.path(),
        &[
            "export", "--by", "district", "--format", "markdown", "--locale", "en", &a, &b,
        ],
    );
    let md = stdout(&o);
    assert!(
        md.contains("| Østkredsen | DKK 100,000 |  | ended |"),
        "{md}"
    );
    assert!(
        md.contains("| Pool | DKK 1,000,000 | DKK 800,000 |  |"),
        "{md}"
    );
    let o = run_in(
        t.path(),
        &["export", "--by", "district", "--format", "json", &a, &b],
    );
    let json = stdout(&o);
    assert!(json.contains("\"status\": \"new\""), "{json}");
}

#[test]
fn export_refuses_to_compare_what_cannot_be_compared() {
    let t = TempDir::new("exp-panel-bad");
    let (a, nok) = (round("runde-2016"), round("kroner-nok"));
    let o = run_in(t.path(), &["export", "--by", "district", &a, &nok]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot compare rounds in different currencies: Runde 2016 is in DKK, Runde i NOK in NOK"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    let o = run_in(t.path(), &["export", &a, &round("runde-2018")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("add --by district"), "{}", stderr(&o));
    // One round: today's export, whether named on the command line or with --data.
    let one = run_in(t.path(), &["export", &a]);
    let data = run_in(t.path(), &["export", "--data", &a]);
    assert!(one.status.success());
    assert_eq!(stdout(&one), stdout(&data));
}

#[test]
fn import_speaks_the_configs_language_and_refuses_data() {
    let t = TempDir::new("import-config");
    let csv = repo("tests/fixtures/import/tab-utf8.csv")
        .display()
        .to_string();
    std::fs::write(t.path().join("en.toml"), "locale = \"en\"\n").unwrap();
    let o = run_in(t.path(), &["--config", "en.toml", "import", &csv]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported "), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("DKK "),
        "English money format: {}",
        stderr(&o)
    );
    let o = run_in(t.path(), &["import", &csv, "--data", "x.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--data names the rounds"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn export_svg_of_several_rounds_is_the_change_map() {
    let t = TempDir::new("exp-change-svg");
    let shipped = std::fs::read_to_string(repo(SHIPPED)).unwrap();
    // A made-up later round (its title says so): København down by 6 mio., Nordjylland up.
    let later = shipped
        .replace(
            "title = \"Kriminalpræventive projekter 2014–2015\"",
            "title = \"Opdigtet runde 2016 (syntetisk testdata)\"",
        )
        .replace("amount = 30_000_000", "amount = 24_000_000")
        .replace("amount = 2_875_000", "amount = 6_000_000");
    let a = t.write("2014.toml", shipped);
    let b = t.write("2016.toml", later);
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let o = run_in(t.path(), &["export", "--format", "svg", &a, &b]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = stdout(&o);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let fill_of = |name: &str| {
        doc.descendants()
            .find(|n| {
                n.attribute("class") == Some("district")
                    && n.children()
                        .any(|c| c.text().is_some_and(|t| t.starts_with(name)))
            })
            .and_then(|n| n.attribute("fill"))
            .map(str::to_string)
    };
    assert_eq!(
        fill_of("Københavns Politi").as_deref(),
        Some("#b2182b"),
        "the largest fall"
    );
    assert_eq!(
        fill_of("Fyns Politi").as_deref(),
        Some("#d7d7d7"),
        "unchanged"
    );
    assert!(svg.contains("Nordjyllands Politi: 2.875.000 kr. → 6.000.000 kr. (+3.125.000 kr.)"));
    assert!(svg.contains("Udvikling: "), "the legend names the rounds");
    // Rounds without a map: said, and nothing written.
    let (c, d) = (round("runde-2016"), round("runde-2018"));
    let o = run_in(t.path(), &["export", "--format", "svg", &c, &d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no [map] section"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}
