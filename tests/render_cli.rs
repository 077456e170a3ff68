//! `kredskort render` as a command: plain and coloured output, key sequences, clear key errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn render(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .arg("render")
        .args(args)
        .env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn plain_render_has_no_escapes_and_no_trailing_spaces() {
    let (code, out, err) = render(&["--size", "100x30", "--keys", "h<Enter><Enter>"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\x1b'));
    assert_eq!(out.lines().count(), 30);
    assert!(out.lines().all(|l| !l.ends_with(' ')));
    assert!(out.contains("Oversigt › Københavns Vestegns Politi › Projekt partnerskabsaftaler"));
}

#[test]
fn color_render_has_sgr_sequences_reset_at_line_ends() {
    let (code, out, _) = render(&["--size", "80x24", "--color"]);
    assert_eq!(code, 0);
    assert!(out.contains("\x1b[0;"), "no SGR sequences");
    assert!(
        out.contains(";48;5;"),
        "no 256-colour backgrounds (map shading)"
    );
    for line in out.lines().filter(|l| l.contains('\x1b')) {
        let last_sgr = line.rfind("\x1b[").unwrap();
        assert!(
            line[last_sgr..].starts_with("\x1b[0m") || !line[last_sgr..].contains(';'),
            "{line:?}"
        );
    }
}

#[test]
fn english_and_plain_switches() {
    let (_, out, _) = render(&["--locale", "en", "--plain", "--size", "100x30"]);
    assert!(out.contains("Not itemised"));
    assert!(
        out.is_ascii() || !out.contains('█'),
        "--plain draws no block characters"
    );
    assert!(!out.contains('╭'));
}

#[test]
fn bad_key_names_are_clear_errors_with_a_hint() {
    let (code, out, err) = render(&["--keys", "<Right><Rigth>"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("<Rigth>") && err.contains("hint:"), "{err}");
    let (code, _, err) = render(&["--keys", "<Enter"]);
    assert_eq!(code, 2);
    assert!(err.contains("closing"), "{err}");
}

#[test]
fn missing_data_file_is_an_error_not_a_crash() {
    let (code, _, err) = render(&["--data", "does/not/exist.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("does/not/exist.toml"), "{err}");
}

#[test]
fn no_color_uses_reverse_video_and_patterns_instead_of_colours() {
    let render = |keys: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_kredskort"))
            .args(["render", "--size", "100x30", "--color", "--keys", keys])
            .env("NO_COLOR", "1")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // The outline map (the default where the data has geometry), then the tiles (`m`).
    let (outline, tiles) = (render(""), render("m"));
    for out in [&outline, &tiles] {
        assert!(
            !out.contains(";38;5;") && !out.contains(";48;5;") && !out.contains(";38;2;"),
            "colours despite NO_COLOR"
        );
        assert!(
            out.contains("\x1b[0;1;7m"),
            "the selection is not in reverse video"
        );
    }
    assert!(
        outline.contains(':') && outline.contains('/') && outline.contains('█'),
        "no fill patterns on the outline map"
    );
    assert!(
        tiles.contains('░') && tiles.contains('·'),
        "no shading patterns on the tile map"
    );
}

#[test]
fn the_export_key_writes_no_file_in_render() {
    let dir = std::env::temp_dir().join(format!("kredskort-render-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kredskort"))
        .args(["render", "--size", "100x30", "--keys", "e"])
        .current_dir(&dir)
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let written: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(written.is_empty(), "render wrote {written:?}");
    assert!(stdout.contains("render skriver ingen fil"), "{stdout}");
}

#[test]
fn every_key_form_in_the_keys_help_parses() {
    let (code, out, err) = render(&["--help"]);
    assert_eq!(code, 0, "{err}");
    let start = out.find("--keys <KEYS>").unwrap() + "--keys <KEYS>".len();
    let keys = &out[start..out.find("--color").unwrap()];
    for form in ["<Space>", "<C-x>", "<S-Tab>", "<BackTab>", "<F24>", "<lt>"] {
        assert!(keys.contains(form), "{form} missing from:\n{keys}");
    }
    let mut forms = 0;
    for word in keys.split([' ', '\n', ',', ';', '(', ')', '\'']) {
        let word = word.trim_end_matches(['.', ':']);
        if word.starts_with('<') && word.ends_with('>') && word.len() > 2 {
            forms += 1;
            kredskort::input::keymap::parse_key_sequence(word)
                .unwrap_or_else(|e| panic!("{word}: {e}"));
        }
    }
    assert!(forms > 20, "{keys}");
}

/// Files given as arguments open as tabs, as in the dashboard (`]` shows the second).
#[test]
fn files_as_arguments_open_as_tabs() {
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/forebyggelse-2014.toml");
    let (code, out, err) = render(&["--size", "100x30", "--keys", "]", shipped, shipped]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().unwrap_or("");
    assert!(first.contains(" 1 ") && first.contains(" 2 "), "{out}");
}

/// A pasted page in the search prompt: every keystroke runs a query, and each costs what its first
/// `search::MAX_QUERY_CHARS` characters cost (it took over a minute when each query read all of
/// the text typed so far: 50,000 characters took 13 s in a release build). The bound is generous,
/// for a debug build on a busy machine; the cap itself is tested in `search`.
#[test]
fn a_very_long_search_query_does_not_freeze_render() {
    let keys = format!("/kobenhavn{}", "a".repeat(50_000));
    let start = std::time::Instant::now();
    let (code, out, err) = render(&["--size", "100x30", "--keys", &keys]);
    let took = start.elapsed();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("aaaa"), "the prompt shows the query:\n{out}");
    assert!(took < std::time::Duration::from_secs(10), "took {took:?}");
}
