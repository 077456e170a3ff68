#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The layers of `src/`, checked: every module may use only modules of its own layer or below, and
//! the top-level modules form no cycle. The table is the one in the README's "How it is built".
//!
//! What counts as a use: every `crate::NAME` path in a file's code (a `use` line or a path written
//! inline), outside comments, string literals and the file's `#[cfg(test)]` module (tests are
//! consumers of their module and may build fixtures from any layer).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A top-level module of `src/` (a folder or a loose file) is in exactly
/// one of them.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &["locale", "files", "text", "money", "i18n", "style", "input"],
    ),
    ("geometry", &["geo"]),
    ("data", &["data"]),
    (
        "services",
        &["search", "change", "config", "export", "import"],
    ),
    ("screen model", &["screen"]),
    ("state", &["app"]),
    ("painting", &["ui"]),
    ("commands", &["commands", "main", "lib"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/geo/raster.rs` → `geo`, `src/money.rs`
/// → `money`).
fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without comments, string and char literals, and its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    };
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let end = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            i = end;
        } else if b[i] == b'r' && (b[i + 1..].starts_with(b"\"") || b[i + 1..].starts_with(b"#")) {
            // A raw string: r"…", r#"…"#.
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if b.get(i + 1 + hashes) == Some(&b'"') {
                let close = format!("\"{}", "#".repeat(hashes));
                let start = i + 2 + hashes;
                i = text[start..]
                    .find(&close)
                    .map_or(b.len(), |e| start + e + close.len());
            } else {
                out.push('r');
                i += 1;
            }
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            let end = text[i + 2..].find('\'').map_or(b.len(), |e| i + 2 + e + 1);
            i = end;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The top-level modules a piece of code names through `crate::`, with the groups of
/// `use crate::{a::x, b::y}` opened.
fn used_modules(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        // `kredskort::crate::` cannot occur; a path like `foo_crate::x` is not ours.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            used.insert(name);
        }
    }
    used
}

/// Every file's top-level module and the modules it uses.
fn uses() -> Vec<(PathBuf, String, BTreeSet<String>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            let module = top_module(&src, &f);
            let used = used_modules(&code_of(&text));
            (f, module, used)
        })
        .collect()
}

#[test]
fn every_top_level_module_has_a_layer() {
    let missing: BTreeSet<String> = uses()
        .into_iter()
        .map(|(_, m, _)| m)
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "modules with no layer in LAYERS: {missing:?}"
    );
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let mut wrong = Vec::new();
    for (file, module, used) in uses() {
        let Some(own) = layer_of(&module) else {
            continue;
        };
        for u in used {
            if u == module {
                continue;
            }
            match layer_of(&u) {
                Some(l) if l > own => wrong.push(format!(
                    "{} ({}, layer {own} {}) uses crate::{u} (layer {l} {})",
                    file.display(),
                    module,
                    LAYERS[own].0,
                    LAYERS[l].0
                )),
                Some(_) => {}
                None => wrong.push(format!(
                    "{} uses crate::{u}, which has no layer",
                    file.display()
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "uses against the layers:\n{}",
        wrong.join("\n")
    );
}

/// Geometry and data are plain data: no file of `src/geo/` or `src/data/` names the terminal
/// libraries in its code (painting and events live in the layers above).
#[test]
fn geometry_and_data_use_no_terminal_library() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for dir in ["geo", "data"] {
        let mut files = Vec::new();
        rust_files(&src.join(dir), &mut files);
        files.sort();
        for f in files {
            let code = code_of(&std::fs::read_to_string(&f).unwrap());
            for lib in ["ratatui", "crossterm"] {
                if code.contains(lib) {
                    wrong.push(format!("{} mentions {lib}", f.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "terminal libraries below the screen:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, module, used) in uses() {
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(used.into_iter().filter(|u| *u != module));
    }
    // Depth-first search for a back edge, reporting the cycle it closes.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("module cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_checker_reads_paths_as_written() {
    let code = code_of(
        "use crate::{text::width, money};\n// crate::ui in a comment\nlet s = \"crate::app\";\nfn f() { crate::geo::x(); }\n#[cfg(test)]\nmod tests { use crate::commands; }\n",
    );
    let used = used_modules(&code);
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["geo", "money", "text"]
    );
}
