//! No input makes the loader (or the config parser) panic: arbitrary text, TOML-ish text, and random
//! mutations of the shipped file (byte flips, truncations, line deletions and duplications). Every
//! failure must come back as a non-empty, renderable report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kredskort::config::parse_config;
use kredskort::data::load_str;
use proptest::prelude::*;

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

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    Insert(usize, String),
}

fn apply(text: &str, muts: &[Mutation]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for m in muts {
        match m {
            Mutation::FlipByte(at, b) => {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] ^= b | 1;
                }
            }
            Mutation::Truncate(at) => {
                let n = at % (bytes.len() + 1);
                bytes.truncate(n);
            }
            Mutation::DeleteLine(at) | Mutation::DuplicateLine(at) => {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = s.split('\n').collect();
                let i = at % lines.len();
                if matches!(m, Mutation::DeleteLine(_)) {
                    lines.remove(i);
                } else {
                    let l = lines[i];
                    lines.insert(i, l);
                }
                bytes = lines.join("\n").into_bytes();
            }
            Mutation::Insert(at, s) => {
                let i = at % (bytes.len() + 1);
                bytes.splice(i..i, s.bytes());
            }
        }
    }
    // The loader takes text; non-UTF-8 bytes are the file reader's business (tested elsewhere).
    String::from_utf8_lossy(&bytes).into_owned()
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::FlipByte(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (
            any::<usize>(),
            prop_oneof![
                Just("\"".to_string()),
                Just("[".to_string()),
                Just("]]\n".to_string()),
                Just("\n[[district]]\n".to_string()),
                Just("\n[[project]]\n".to_string()),
                Just("amount = 9.5e6\n".to_string()),
                Just("tile = [0, 65536]\n".to_string()),
                Just("pool = -1\n".to_string()),
                Just("= \n".to_string()),
                Just("\u{1b}[2J".to_string()),
                Just("东京".to_string()),
                "[ -~]{0,12}",
            ]
        )
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
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
