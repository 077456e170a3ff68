//! Shared by the property tests that mutate data files (`no_panic.rs`, `chunked_load.rs`): the
//! mutations (byte flips, truncations, line deletions and duplications, insertions of text that
//! trips parsers and splitters) and how they are applied.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod byte_count;

use proptest::prelude::*;

#[derive(Debug, Clone)]
pub enum Mutation {
    FlipByte(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    Insert(usize, String),
}

pub fn apply(text: &str, muts: &[Mutation]) -> String {
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

pub fn mutation() -> impl Strategy<Value = Mutation> {
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
                Just("\n[dataset]\n".to_string()),
                Just("\n[map]\n".to_string()),
                Just("\n[district]\n".to_string()),
                Just("\n[[map.inset]]\nname = \"x\"\n".to_string()),
                Just("\n[datset]\n".to_string()),
                Just("amount = 9.5e6\n".to_string()),
                Just("id = \"nord\"\n".to_string()),
                Just("tile = [0, 65536]\n".to_string()),
                Just("pool = -1\n".to_string()),
                Just("navn = \"x\"\n".to_string()),
                Just("= \n".to_string()),
                Just("\"\"\"\n[[project]]\n".to_string()),
                Just("\u{1b}[2J".to_string()),
                Just("东京".to_string()),
                "[ -~]{0,12}",
            ]
        )
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
}

/// A `key = value` line of a data file: the keys of every table with plain values, an amount-like
/// key with a value matching `amount` (a regex), and a lower-case key with a string matching `text`.
pub fn key_line(amount: &'static str, text: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title = \"T\"".to_string()),
        Just("id = \"a\"".to_string()),
        Just("name = \"N\"".to_string()),
        Just("district = \"a\"".to_string()),
        Just("geometry = \"g\"".to_string()),
        Just("bbox = [1, 2, 3, 4]".to_string()),
        Just("tile = [0, 0]".to_string()),
        Just("shapes = [\"x\", 1]".to_string()),
        regex(&format!("(amount|pool|population) = ({amount})")),
        regex(&format!("[a-z]{{1,8}} = \"{text}\"")),
    ]
}

fn regex(re: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(re).unwrap()
}

/// The `.toml` files of `tests/fixtures`, in name order.
pub fn toml_fixtures() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}
