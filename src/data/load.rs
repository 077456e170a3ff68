//! Reading a data file: bytes → text → span-carrying TOML tree → entries (`convert`) → cross-checks and
//! derived figures (`validate`) → `Dataset`. In big files, plain `[[project]]` entries skip the tree:
//! `fast` reads them straight into entries, and leaves anything else to the tree. Every problem of a file is collected and reported with
//! `path:line:col`, the offending line and a hint; nothing here panics on any input.

use std::fmt;
use std::path::Path;

use toml::de::DeTable;

use std::collections::HashSet;

use super::chunk;
use super::convert::{self, Cx, RawFile};
use super::diagnostic::{self, Diagnostic, Note, Problem, Snippet, SourceMap};
use super::model::Dataset;
pub use super::validate::{DistrictSpans, SourceSpans};
use crate::files::{ReadFail, read_regular};
use crate::geo::geojson::GeoJsonError;
use crate::geo::{GeoError, GeoErrorAt, GeoMap, ShapeField};

/// The built-in dataset's name, shown where a path would be.
pub const EMBEDDED_NAME: &str = "forebyggelse-2014.toml (indbygget)";
const EMBEDDED: &str = include_str!("../../assets/forebyggelse-2014.toml");

/// Everything wrong with one file: the located diagnostics, sorted by position. `Display` prints them
/// all, like a compiler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file (a path as given, or a built-in name).
    pub origin: String,
    /// Never empty.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// An error about the file as a whole (missing, a directory, unreadable).
    pub fn whole_file(origin: &str, message: impl Into<String>, hint: Option<String>) -> Self {
        LoadError {
            origin: origin.to_string(),
            diagnostics: vec![Diagnostic::whole_file(origin, message, hint)],
        }
    }

    /// The first (earliest) diagnostic.
    pub fn first(&self) -> Option<&Diagnostic> {
        self.diagnostics.first()
    }

    /// `(path, line, col)` of the first error, when it has a position.
    pub fn first_location(&self) -> Option<(&str, usize, usize)> {
        let s = self.first()?.at.as_ref()?;
        Some((s.path.as_str(), s.line, s.col))
    }

    /// One line for a banner: `path:line:col: message (and 2 more errors)`.
    pub fn summary(&self) -> String {
        let Some(first) = self.first() else {
            return format!("{}: invalid", self.origin);
        };
        let more = self.diagnostics.len().saturating_sub(1);
        match more {
            0 => first.one_line(),
            1 => format!("{} (and 1 more error)", first.one_line()),
            n => format!("{} (and {n} more errors)", first.one_line()),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        diagnostic::render_all(&self.diagnostics, f)
    }
}

impl std::error::Error for LoadError {}

/// Reads a file as UTF-8 text, with a clear error for a missing path, a directory, an unreadable file,
/// what is not a regular file (a FIFO, a device) and bytes that are not UTF-8 (located at the first bad byte). Shared with the config loader.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let origin = display_path(path);
    let bytes = read_bytes(path, "give the path of a .toml file")?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bad = bytes.get(good).copied().unwrap_or(0);
            // Locate within the valid prefix, then show the line with the bad bytes replaced.
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let prefix = String::from_utf8_lossy(bytes.get(..good).unwrap_or(&[])).into_owned();
            let map = SourceMap::new(&lossy, &origin);
            let d = map.resolve(
                Problem::new(
                    prefix.len()..prefix.len() + '\u{fffd}'.len_utf8(),
                    format!("the file is not UTF-8 text: byte 0x{bad:02X} is not valid UTF-8"),
                )
                .label("invalid byte")
                .hint("save the file as UTF-8 (Latin-1 or Windows-1252 files show this for æ, ø and å)"),
            );
            Err(LoadError {
                origin,
                diagnostics: vec![d],
            })
        }
    }
}

/// Reads a file's bytes, with one clear error for a missing path, a directory (`dir_hint` says
/// what to give instead) and an unreadable file.
pub fn read_bytes(path: &Path, dir_hint: &str) -> Result<Vec<u8>, LoadError> {
    let origin = display_path(path);
    if path.is_dir() {
        return Err(LoadError::whole_file(
            &origin,
            "this is a directory, not a file",
            Some(dir_hint.into()),
        ));
    }
    read_regular(path).map_err(|fail| {
        let e = match fail {
            ReadFail::Io(e) => e,
            ReadFail::NotRegular(kind) => {
                return LoadError::whole_file(
                    &origin,
                    format!("not a regular file: this is {kind}"),
                    Some(format!("{dir_hint}; only regular files are read")),
                );
            }
        };
        let (message, hint) = match e.kind() {
            std::io::ErrorKind::NotFound => (
                "no such file".to_string(),
                Some(
                    "check the path; relative paths are resolved from the current directory"
                        .to_string(),
                ),
            ),
            std::io::ErrorKind::PermissionDenied => (
                "permission denied: the file cannot be read".to_string(),
                Some("check the file's permissions".to_string()),
            ),
            _ => (format!("cannot read the file: {e}"), None),
        };
        LoadError::whole_file(&origin, message, hint)
    })
}

/// Reads and validates a data file.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let text = read_text(path)?;
    load_str(&text, &display_path(path), path.parent())
}

/// A path as shown in messages: display-safe (a file name can hold control characters too).
pub fn display_path(path: &Path) -> String {
    crate::text::sanitize_line(&path.display().to_string())
}

/// The dataset shipped inside the binary.
pub fn load_embedded() -> Dataset {
    match load_str(EMBEDDED, EMBEDDED_NAME, None) {
        Ok(d) => d,
        // The embedded file is checked by a test; reaching this is a build defect.
        Err(e) => panic!("the embedded dataset is invalid: {e}"),
    }
}

/// The embedded dataset's text (for `check` without a file, and tests).
pub fn embedded_text() -> &'static str {
    EMBEDDED
}

/// Parses and validates a data file's text. `origin` names it in messages; `base_dir` is where
/// relative paths inside it are resolved from.
pub fn load_str(text: &str, origin: &str, base_dir: Option<&Path>) -> Result<Dataset, LoadError> {
    load_with_spans(text, origin, base_dir).map(|(d, _)| d)
}

/// Parses a TOML text with the span-carrying parser, collecting syntax errors as problems.
pub fn parse_toml<'t>(text: &'t str, cx: &mut Cx) -> DeTable<'t> {
    let (root, errors) = DeTable::parse_recoverable(text);
    // The parser reports a key of too many dotted parts without a place: found here, in order.
    let mut deep_keys = deep_dotted_keys(text);
    for e in errors {
        let message = e.message().trim().to_string();
        if e.span().is_none() && message == "recursion limit" {
            let local = deep_keys.next().unwrap_or(0..0);
            cx.push(
                Problem::new(
                    cx.span(local),
                    format!("invalid TOML: this key is nested too deep (more than {KEY_PARTS} dotted parts)"),
                )
                .label("too many parts")
                .hint(format!("a key has at most {KEY_PARTS} parts (`a.b.c` has 3): nest less deep")),
            );
            continue;
        }
        let local = e.span().unwrap_or(0..0);
        let hint = bare_word_hint(text, local.start).or_else(|| syntax_hint(&message));
        let span = cx.span(local);
        cx.push(
            Problem::new(span, format!("invalid TOML: {message}"))
                .label("here")
                .maybe_hint(hint),
        );
    }
    root.into_inner()
}

/// The most dotted parts a key (`a.b.c`, in a header or before `=`) may have: the TOML parser's
/// nesting limit (80 parts before the last).
const KEY_PARTS: usize = 80;

/// The keys of `text` with more than [`KEY_PARTS`] dotted parts, as byte ranges, in file order: a
/// run of bare-key characters, quoted parts, blanks and dots outside strings.
fn deep_dotted_keys(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            let mut dots = 0;
            let mut end = i;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'.' => dots += 1,
                    b'"' | b'\'' => {
                        // A quoted part: to its closing quote on the same line.
                        let close = bytes
                            .get(i + 1..)
                            .and_then(|rest| rest.iter().position(|&c| c == b || c == b'\n'));
                        match close {
                            Some(k) if bytes.get(i + 1 + k) == Some(&b) => i += 1 + k,
                            _ => break,
                        }
                    }
                    b' ' | b'\t' => {}
                    b if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' => {}
                    _ => break,
                }
                i += 1;
                if b != b' ' && b != b'\t' {
                    end = i;
                }
            }
            if i == start {
                i += 1;
            }
            if dots >= KEY_PARTS {
                let blanks = bytes.get(start..end).map_or(0, |run| {
                    run.iter().take_while(|b| b.is_ascii_whitespace()).count()
                });
                return Some(start + blanks..end);
            }
        }
        None
    })
}

/// `name = Nord` (text without quotes): the parser says something about floats; say what is meant.
fn bare_word_hint(text: &str, at: usize) -> Option<String> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
    let line = text.get(start..end)?;
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.trim());
    let first = value.chars().next()?;
    let keyword = ["true", "false", "inf", "nan"].contains(&value);
    if first.is_alphabetic() && !keyword && !key.is_empty() && !key.contains(['[', '"']) {
        Some(format!(
            "text is written in double quotes: {key} = \"{value}\""
        ))
    } else {
        None
    }
}

fn syntax_hint(message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    if m.contains("must be quoted") {
        Some("put text in double quotes: name = \"Fyns Politi\"".into())
    } else if m.contains("duplicate key") {
        Some("each key may appear once per table; remove or rename one of them".into())
    } else if m.contains("invalid") && m.contains("date") {
        Some("write dates as YYYY-MM-DD: published = 2014-01-13".into())
    } else {
        None
    }
}

/// Like [`load_str`], also returning the spans later checks (the geometry) point their errors at.
pub fn load_with_spans(
    text: &str,
    origin: &str,
    base_dir: Option<&Path>,
) -> Result<(Dataset, SourceSpans), LoadError> {
    load_with_spans_from(text, origin, base_dir, CHUNKED_FROM)
}

/// Files at least this large are parsed in chunks (see [`convert_chunked`]); smaller ones in one
/// piece, where the split and the threads would cost more than they save.
pub const CHUNKED_FROM: usize = 256 * 1024;

/// Threads for parsing and converting a big file's chunks.
const THREADS: usize = 2;

/// [`load_with_spans`] with the size from which the chunked path is tried (tests force it on small
/// files with 0 and compare it with `usize::MAX`, the whole-file path).
#[doc(hidden)]
pub fn load_with_spans_from(
    text: &str,
    origin: &str,
    base_dir: Option<&Path>,
    chunked_from: usize,
) -> Result<(Dataset, SourceSpans), LoadError> {
    if is_blank(text) {
        return Err(LoadError::whole_file(
            origin,
            "the file is empty",
            Some("a data file needs a [dataset] table with a title and at least one [[district]]; see docs/format.md".into()),
        ));
    }
    if text.len() >= chunked_from
        && let Some((raw, problems)) = convert_chunked(text)
    {
        return finish(text, origin, base_dir, raw, problems, true);
    }
    let (raw, problems, syntax_ok) = convert_text(text, 0);
    finish(text, origin, base_dir, raw, problems, syntax_ok)
}

/// The fast path for big files: split at the top-level headers ([`chunk::split_parallel`]), parse
/// and convert each chunk on [`THREADS`] threads ([`chunk::map_chunks`]; each chunk's tree is
/// dropped as soon as its entry is converted, so the whole file's tree never exists), and join the
/// entries in file order. Spans are offset by the chunk's start, so every problem is located in the
/// whole file exactly as the whole-file parse locates it.
///
/// `None` — parse the whole file instead — whenever the result could differ from the whole-file
/// parse: the splitter cannot cut the file, a chunk has a TOML syntax error (the whole-file parser's
/// recovery decides which errors are shown), a chunk holds more than its header
/// ([`chunk::ChunkError::Shape`]), or a header is anything but `[dataset]`, `[map]`, `[[district]]`,
/// `[[project]]` (unknown or misbracketed tables get hints that look at the whole top level). Bad
/// files need not be fast; they must be reported identically.
///
/// Plain `[[project]]` chunks are read by [`fast::project`](super::fast::project) without the
/// span-aware parser; any chunk it declines (anything unusual, any problem) is parsed and converted
/// as described above, so the result is the same as with [`convert_chunked_with`]`(text, false)`.
#[doc(hidden)]
pub fn convert_chunked(text: &str) -> Option<(RawFile, Vec<Problem>)> {
    convert_chunked_with(text, true)
}

/// [`convert_chunked`], with the fast reader of project chunks switched on or off (the tests
/// compare the two).
#[doc(hidden)]
pub fn convert_chunked_with(text: &str, fast: bool) -> Option<(RawFile, Vec<Problem>)> {
    let mut chunks = chunk::split_parallel(text)?;
    let is_project = |c: &chunk::Chunk| c.header.as_ref().is_some_and(|h| h.name == "project");
    // Every project of the file goes straight into its slot of one vector sized for the file: each
    // thread owns the slots of its run of chunks (one `[[project]]` chunk converts to exactly one
    // project). No thread-local vector has to be appended afterwards, which briefly held the second
    // half twice (13 MB at 100,000 projects). Empty `RawProject`s allocate nothing.
    let mut projects: Vec<convert::RawProject> = Vec::new();
    projects.resize_with(
        chunks.iter().filter(|c| is_project(c)).count(),
        Default::default,
    );
    // The chunks are folded in blocks from the last to the first, and the chunk list is cut back
    // after each block: the list (56 bytes a chunk, 5.6 MB at 100,000 projects) is then nearly
    // gone by the time every project's text exists, where the load peaks. (A large vector's
    // shrink is a `realloc` that gives the tail pages back, not a copy.)
    let n = chunks.len();
    let block = n.div_ceil(BLOCKS).max(1);
    let mut parts_rev: Vec<Part<'_>> = Vec::new();
    let mut slots_end = projects.len();
    let mut rest = projects.as_mut_slice();
    let mut end = n;
    while end > 0 {
        let start = end.saturating_sub(block);
        let group = chunks.get(start..end).unwrap_or_default();
        let n_projects = group.iter().filter(|c| is_project(c)).count();
        let slots_start = slots_end.checked_sub(n_projects)?;
        let (before, mine) = std::mem::take(&mut rest).split_at_mut(slots_start);
        rest = before;
        let mut parts = fold_block(text, group, mine, fast)?;
        parts.reverse();
        parts_rev.append(&mut parts);
        slots_end = slots_start;
        end = start;
        chunks.truncate(start);
        chunks.shrink_to_fit();
    }
    drop(chunks);
    let mut raw = RawFile::default();
    let mut problems = Vec::new();
    let mut first = true;
    for part in parts_rev.into_iter().rev() {
        let Part {
            raw: later,
            problems: mut found,
            ..
        } = part;
        problems.append(&mut found);
        if first {
            // The first part: take it whole instead of copying it over.
            raw = later;
            first = false;
        } else {
            raw.append(later, &mut problems);
        }
    }
    raw.projects = projects;
    Some((raw, problems))
}

/// Blocks of chunks that [`convert_chunked_with`] folds one after the other.
const BLOCKS: usize = 16;

/// What one thread made of its run of chunks: its entries (projects in `slots`, `filled` of them
/// so far) and problems.
struct Part<'s> {
    raw: RawFile,
    slots: &'s mut [convert::RawProject],
    filled: usize,
    problems: Vec<Problem>,
    builder: convert::RawProjectBuilder,
}

/// Parses and converts a block of chunks on [`THREADS`] threads, each project into its slot of
/// `slots` (as many as the block has project chunks). `None` when any chunk asks for the
/// whole-file parse.
fn fold_block<'s>(
    text: &str,
    chunks: &[chunk::Chunk],
    slots: &'s mut [convert::RawProject],
    fast: bool,
) -> Option<Vec<Part<'s>>> {
    let is_project = |c: &chunk::Chunk| c.header.as_ref().is_some_and(|h| h.name == "project");
    let bounds = chunk::thread_bounds(text, chunks, THREADS);
    // The slots of each run, keyed by the run's first chunk index (what `init` is handed).
    let mut runs: Vec<(usize, std::sync::Mutex<Option<&mut [convert::RawProject]>>)> = Vec::new();
    let mut rest = slots;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        let n = chunks
            .get(a..b)
            .unwrap_or_default()
            .iter()
            .filter(|c| is_project(c))
            .count();
        let n = n.min(rest.len());
        let (mine, later) = std::mem::take(&mut rest).split_at_mut(n);
        rest = later;
        runs.push((a, std::sync::Mutex::new(Some(mine))));
    }
    if runs.is_empty() {
        runs.push((0, std::sync::Mutex::new(Some(rest))));
    }
    // Per thread: its part, or `None` once any chunk asks for the fallback.
    type Acc<'s> = Option<Part<'s>>;
    let init = |from: usize, _: &[chunk::Chunk]| -> Acc<'s> {
        let mine = runs
            .iter()
            .find(|(start, _)| *start == from)
            .and_then(|(_, m)| m.lock().ok()?.take())?;
        Some(Part {
            raw: RawFile::default(),
            slots: mine,
            filled: 0,
            problems: Vec::new(),
            builder: convert::RawProjectBuilder::default(),
        })
    };
    let step = |acc: &mut Acc<'_>,
                _: usize,
                c: &chunk::Chunk,
                tree: Result<toml::Spanned<DeTable<'_>>, chunk::ChunkError>| {
        let Some(part) = acc else { return };
        let expected = match &c.header {
            None => true,
            Some(h) => matches!(
                (&*h.name, h.array),
                ("dataset" | "map", false) | ("district" | "project", true)
            ),
        };
        let tree = match tree {
            Ok(t) if expected => t,
            _ => {
                *acc = None;
                return;
            }
        };
        let mut cx = Cx::new(c.byte_range.start);
        let mut entry = convert::convert_document(&mut cx, tree.get_ref());
        drop(tree);
        part.problems.append(&mut cx.problems);
        // Projects into this run's slots, in file order; a count that does not match the headers
        // would mean the splitter and the converter disagree: parse the whole file instead.
        for p in entry.projects.drain(..) {
            let Some(slot) = part.slots.get_mut(part.filled) else {
                *acc = None;
                return;
            };
            *slot = p;
            part.filled += 1;
        }
        part.raw.append(entry, &mut part.problems);
    };
    // A plain project chunk, read without the parser into its slot; `false` hands the chunk to
    // `step`. Once a run has given up, its remaining chunks are neither read nor parsed.
    let read_fast = |acc: &mut Acc<'_>, _: usize, c: &chunk::Chunk, src: &str| -> bool {
        let Some(part) = acc else { return true };
        if !fast || !is_project(c) {
            return false;
        }
        let Some(p) = super::fast::project_with(src, c.byte_range.start, &mut part.builder) else {
            return false;
        };
        let Some(slot) = part.slots.get_mut(part.filled) else {
            *acc = None;
            return true;
        };
        *slot = p;
        part.filled += 1;
        true
    };
    let mut out = Vec::new();
    for part in chunk::fold_chunks(text, chunks, THREADS, init, read_fast, step) {
        let part = part?;
        if part.filled != part.slots.len() {
            return None;
        }
        out.push(part);
    }
    Some(out)
}

/// Parses and converts one piece of a data file: the whole file (`offset` 0), or a chunk of it that
/// starts at byte `offset` and holds whole top-level entries. Returns the entries, the problems (spans
/// in whole-file bytes) and whether the piece was free of TOML syntax errors. A chunked loader calls
/// this per chunk (in parallel), joins the `RawFile`s in file order with `RawFile::append`, and hands
/// everything to [`finish`].
pub fn convert_text(piece: &str, offset: usize) -> (RawFile, Vec<Problem>, bool) {
    let mut cx = Cx::new(offset);
    let root = parse_toml(piece, &mut cx);
    let syntax_ok = cx.problems.is_empty();
    let n_syntax = cx.problems.len();
    let raw = convert::convert_document(&mut cx, &root);
    let mut problems = cx.problems;
    if !syntax_ok {
        // What the parser recovered on a broken line is a guess: type errors about it would only
        // repeat the syntax error. Lines are counted in this piece only (newline offsets, searched).
        let newlines: Vec<usize> = piece
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        let line_of = |at: usize| {
            let local = at.saturating_sub(offset);
            newlines.partition_point(|&n| n < local)
        };
        let syntax_lines: HashSet<usize> = problems
            .iter()
            .take(n_syntax)
            .map(|p| line_of(p.span.start))
            .collect();
        let mut i = 0;
        problems.retain(|p| {
            i += 1;
            i <= n_syntax || !syntax_lines.contains(&line_of(p.span.start))
        });
    }
    (raw, problems, syntax_ok)
}

/// The common end of every loader: cross-entry checks and derived figures (`validate`), the
/// geometry hook, and the located report when anything is wrong. `text` is the whole file.
pub fn finish(
    text: &str,
    origin: &str,
    base_dir: Option<&Path>,
    raw: RawFile,
    mut problems: Vec<Problem>,
    syntax_ok: bool,
) -> Result<(Dataset, SourceSpans), LoadError> {
    let fail = |problems: Vec<Problem>| {
        let map = SourceMap::new(text, origin);
        LoadError {
            origin: origin.to_string(),
            diagnostics: map.resolve_all(problems),
        }
    };
    let Some((dataset, spans)) = super::validate::validate(raw, origin, syntax_ok, &mut problems)
    else {
        if problems.is_empty() {
            // validate only fails without a problem when an invariant broke; say so rather than
            // returning an empty report.
            problems.push(Problem::new(0..0, "the file could not be loaded"));
        }
        return Err(fail(problems));
    };

    // ---- geometry: `[map]` resolved and checked against the districts, kept in the dataset --------
    let mut dataset = dataset;
    match check_geometry(&dataset, base_dir) {
        Ok(geo) => dataset.geo = geo.map(std::sync::Arc::new),
        Err(errors) => {
            let map = SourceMap::new(text, origin);
            let mut problems = Vec::new();
            let mut elsewhere = Vec::new();
            for mut e in errors {
                match e.geojson.take() {
                    // An error inside a built-in geometry (a `key` it does not have): nothing to
                    // fix in that file, so it is located at `[map]` in the data file.
                    Some(g) if crate::geo::regions::builtin_text(&g.origin).is_some() => {
                        let mut issue = geo_issue(e);
                        issue.message = g.message;
                        problems.push(locate_geo_issue(&spans, issue));
                    }
                    // An error inside the GeoJSON file: located there, with a note at `[map]`.
                    Some(g) => elsewhere.push(geojson_diagnostic(&map, &spans, &e.at, *g)),
                    None => problems.push(locate_geo_issue(&spans, geo_issue(e))),
                }
            }
            let mut diagnostics = map.resolve_all(problems);
            diagnostics.extend(elsewhere);
            return Err(LoadError {
                origin: origin.to_string(),
                diagnostics,
            });
        }
    }
    // ---------------------------------------------------------------------------------------------
    Ok((dataset, spans))
}

/// Only whitespace and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim_start_matches('\u{feff}').trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// Where in a data file a geometry problem lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeoPlace {
    /// `[map].geometry` (unknown built-in name, missing or invalid GeoJSON file).
    Geometry,
    /// `[map].key`.
    Key,
    /// Entry `shape` of district `district`'s `shapes` list.
    Shape { district: usize, shape: usize },
    /// Entry `index` of district `district`'s `municipalities` list (used as shapes).
    Municipality { district: usize, index: usize },
    /// A district as a whole.
    District(usize),
    /// `[map].bbox`.
    Bbox,
    /// `[[map.inset]]` number `i`.
    Inset(usize),
}

/// A problem the geometry check found, to be located in the data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeoIssue {
    pub place: GeoPlace,
    pub message: String,
    pub hint: Option<String>,
    /// Another place worth pointing at (e.g. the district that claimed a shape first).
    pub note: Option<(GeoPlace, String)>,
}

fn geo_span(spans: &SourceSpans, place: &GeoPlace) -> std::ops::Range<usize> {
    let district = |i: usize| spans.districts.get(i);
    match place {
        GeoPlace::Geometry => spans.map_geometry.clone(),
        GeoPlace::Key => spans.map_key.clone(),
        GeoPlace::Shape { district: d, shape } => {
            district(*d).and_then(|s| s.shapes.get(*shape).cloned())
        }
        GeoPlace::Municipality { district: d, index } => {
            district(*d).and_then(|s| s.municipalities.get(*index).cloned())
        }
        GeoPlace::District(d) => district(*d).map(|s| s.header.clone()),
        GeoPlace::Bbox => spans.map_bbox.clone(),
        GeoPlace::Inset(i) => spans.map_insets.get(*i).cloned(),
    }
    .unwrap_or(0..0)
}

/// Turns a geometry issue into a located problem.
pub fn locate_geo_issue(spans: &SourceSpans, issue: GeoIssue) -> Problem {
    let mut p = Problem::new(geo_span(spans, &issue.place), issue.message).maybe_hint(issue.hint);
    if let Some((place, msg)) = issue.note {
        p = p.note(Some(geo_span(spans, &place)), msg);
    }
    p
}

/// The geometry check: `None` without `[map]`; else the loaded geometry, or every problem with it.
fn check_geometry(
    dataset: &Dataset,
    base_dir: Option<&Path>,
) -> Result<Option<GeoMap>, Vec<GeoError>> {
    match &dataset.map {
        None => Ok(None),
        Some(spec) => crate::geo::load(spec, &dataset.map_shapes(), base_dir).map(Some),
    }
}

/// Where in the data file a geometry error lies, as a `GeoIssue`.
fn geo_issue(e: GeoError) -> GeoIssue {
    let note = e
        .first
        .map(|at| (geo_place(at), "claimed here first".to_string()));
    GeoIssue {
        place: geo_place(e.at),
        message: e.message,
        hint: e.hint,
        note,
    }
}

fn geo_place(at: GeoErrorAt) -> GeoPlace {
    match at {
        GeoErrorAt::MapGeometry => GeoPlace::Geometry,
        GeoErrorAt::MapKey => GeoPlace::Key,
        GeoErrorAt::MapBbox => GeoPlace::Bbox,
        GeoErrorAt::Inset(i) => GeoPlace::Inset(i),
        GeoErrorAt::DistrictShape {
            district,
            index,
            field: ShapeField::Shapes,
        } => GeoPlace::Shape {
            district,
            shape: index,
        },
        GeoErrorAt::DistrictShape {
            district,
            index,
            field: ShapeField::Municipalities,
        } => GeoPlace::Municipality { district, index },
    }
}

/// An error inside the GeoJSON file, located at the GeoJSON file's own `line:col`, with a note
/// pointing at the `[map]` entry that named the file (or the key).
fn geojson_diagnostic(
    map: &SourceMap,
    spans: &SourceSpans,
    at: &GeoErrorAt,
    g: GeoJsonError,
) -> Diagnostic {
    let origin = crate::text::sanitize_line(&g.origin);
    let snippet = (g.line > 0).then(|| {
        let (source_line, marker_col) = g.excerpt.clone().unwrap_or_default();
        Snippet {
            path: origin.clone(),
            line: g.line,
            col: g.column.max(1),
            source_line,
            marker_col,
            marker_width: 1,
            label: Some("here".into()),
            place: None,
        }
    });
    let (place, note, hint) = if *at == GeoErrorAt::MapKey {
        (
            GeoPlace::Key,
            "the feature property named by `key` in [map]",
            "`key` names the feature property that holds the shape names; check its spelling",
        )
    } else {
        (
            GeoPlace::Geometry,
            "the geometry named in [map]",
            "the file must be a GeoJSON FeatureCollection (RFC 7946)",
        )
    };
    let note_span = geo_span(spans, &place);
    Diagnostic {
        origin: origin.clone(),
        message: if snippet.is_some() {
            g.message
        } else {
            format!("{origin}: {}", g.message)
        },
        at: snippet,
        hint: Some(hint.into()),
        notes: vec![Note {
            message: note.into(),
            at: Some(map.snippet(&note_span, None)),
        }],
    }
}
