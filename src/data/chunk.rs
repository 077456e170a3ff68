//! Splitting a data file at its top-level table headers, so that big files can be parsed in pieces
//! (less peak memory, and in parallel).
//!
//! [`split`] cuts the text at lines that are top-level table headers (`[dataset]`, `[[district]]`,
//! `[[project]]`, `[map]`, …). Every chunk is then a TOML document of its own, and the chunks
//! concatenated give back the text byte for byte. It tracks everything that can make a line that
//! starts with `[` *not* a header: basic and literal strings, multi-line `"""` and `'''` strings (with
//! escapes and the quote runs allowed before a closing delimiter), comments, and multi-line arrays and
//! inline tables.
//!
//! The guarantee the loader relies on: **when [`split`] returns `Some`, parsing every chunk on its own
//! succeeds (and passes [`shape_ok`]) exactly when parsing the whole file succeeds, and the chunks'
//! tables, merged, are the whole file's table.** Anything it cannot classify with certainty gives
//! `None`, and the caller parses the whole file in one piece. In particular `None` for:
//! - key/value lines before the first header (root keys could clash with a later table);
//! - the same `[table]` twice, or a name used both as `[table]` and `[[array]]`;
//! - a dotted header (`[dataset.x]`, `[[map.inset]]`) that does not directly continue the chunk of
//!   its first key (`[[map.inset]]` right after `[map]` stays in the `[map]` chunk; after a
//!   `[[project]]` it gives `None`, since a whole-file parse would see both);
//! - header keys with escapes, headers followed by anything but a comment, unterminated strings,
//!   unbalanced brackets, a quote run of six or more inside a multi-line string;
//! - a quote glued to a bare token (`4_5"""00`): the TOML lexer keeps it inside the token, so no
//!   string starts there; never valid TOML, and `toml::de::DeTable::parse` even accepts it (numbers
//!   are converted later, by the loader), so the splitter must not read a string into it.
//!
//! How the loader should use it: [`split_parallel`] (or [`split`]: same result, one thread); on
//! `None` parse the whole file. Otherwise [`map_chunks`], converting each chunk's tree into model
//! values as it comes (spans + `byte_range.start` = file offsets) so that the whole tree never
//! exists at once; [`parse_chunks`] keeps all trees instead. A [`ChunkError::Shape`] means "parse
//! the whole file instead". A [`ChunkError::Parse`] carries the file-relative span, so it can be
//! reported directly (one per bad chunk); re-parsing the whole file for the errors is also fine
//! (bad files need not be fast).
//!
//! Why this is safe even where the scanner could be wrong: each chunk ends at the start of a line
//! after the previous chunk parsed completely, so the whole-file parser lexes the same expressions;
//! the only difference can be between chunks, which is what the header checks above cover. As a
//! second line of defence [`shape_ok`] checks that each parsed chunk holds exactly the one table (or
//! one array element) its header announced, so a header the scanner missed inside a chunk cannot
//! slip through.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One piece of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Bytes of the file; chunks are contiguous and cover the whole text.
    pub byte_range: Range<usize>,
    /// 1-based line number of the chunk's first line in the file.
    pub first_line: usize,
    /// The header the chunk starts with; `None` for the first chunk (comments and blank lines before
    /// the first header, possibly empty).
    pub header: Option<Header>,
}

/// A top-level header: `[name]` or `[[name]]` (the key decoded: `["dataset"]` is `dataset`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Borrowed for the names of the data format (no allocation for each of 100,000 chunks: that
    /// was ~5 MB of the big file's peak memory); owned for any other name.
    pub name: Cow<'static, str>,
    pub array: bool,
}

/// The header name as stored in [`Header`]: the data format's own names without an allocation.
fn header_name(name: &str) -> Cow<'static, str> {
    match name {
        "project" => Cow::Borrowed("project"),
        "district" => Cow::Borrowed("district"),
        "dataset" => Cow::Borrowed("dataset"),
        "map" => Cow::Borrowed("map"),
        other => Cow::Owned(other.to_string()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Table,
    Array,
}

/// Splits `text` at its top-level table headers; see the module documentation for the guarantee.
/// The first chunk is the part before the first header (empty when the file starts with one).
pub fn split(text: &str) -> Option<Vec<Chunk>> {
    let scan = Scanner {
        b: text.as_bytes(),
        i: 0,
        line: 1,
    }
    .run(text.len())?;
    Some(scan.chunks)
}

/// Like [`split`], with the same result, on two threads for texts over 1 MB: the second thread
/// scans from a header-looking line near the middle while the first scans up to it; the guess is
/// used only if the first thread arrives there at the top level (not inside a string or a
/// multi-line value). Otherwise, or if anything else is off, it falls back to [`split`].
pub fn split_parallel(text: &str) -> Option<Vec<Chunk>> {
    split_parallel_from(text, 1 << 20)
}

/// [`split_parallel`] with the size from which it uses a second thread (for tests).
#[doc(hidden)]
pub fn split_parallel_from(text: &str, min_len: usize) -> Option<Vec<Chunk>> {
    match split_halves(text, min_len) {
        Some(chunks) => Some(chunks),
        None => split(text),
    }
}

/// The two-thread split, or `None` when it could not be used (text too small, no header-looking
/// line after the middle, a wrong guess, or anything the sequential scan must decide).
fn split_halves(text: &str, min_len: usize) -> Option<Vec<Chunk>> {
    let b = text.as_bytes();
    let guess = (text.len() >= min_len)
        .then(|| {
            memchr::memmem::find(b.get(text.len() / 2..)?, b"\n[").map(|p| text.len() / 2 + p + 1)
        })
        .flatten();
    let mid = guess?;
    let (first, second) = std::thread::scope(|s| {
        let second = s.spawn(|| Scanner { b, i: mid, line: 1 }.run(b.len()));
        let first = Scanner { b, i: 0, line: 1 }.run(mid);
        (first, second.join().ok().flatten())
    });
    {
        let mut first = first?;
        let second = second?;
        // The first half must stop exactly at the guessed line, outside any value (`run` refuses
        // to end inside a multi-line array or table; a string would have carried it past `mid`).
        if first.i != mid {
            return None;
        }
        for (name, kind) in &second.seen {
            match (first.seen.get(name), kind) {
                (None, _) | (Some(Kind::Array), Kind::Array) => {}
                _ => return None,
            }
        }
        let offset = first.line - 1;
        // The second half's first chunk is its empty "preamble" at `mid`.
        first
            .chunks
            .extend(second.chunks.into_iter().skip(1).map(|mut c| {
                c.first_line += offset;
                c
            }));
        Some(first.chunks)
    }
}

/// What one scan found: its chunks, the table names it saw, and where it stopped.
struct Scan {
    chunks: Vec<Chunk>,
    seen: HashMap<String, Kind>,
    i: usize,
    line: usize,
}

/// The bytes the main loop must look at outside strings.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let specials = *b"\n#\"'[]{}";
    while k < specials.len() {
        t[specials[k] as usize] = true;
        k += 1;
    }
    t
};

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self, at: usize) -> Option<u8> {
        self.b.get(at).copied()
    }

    /// Scans from `self.i` (a line start: the text's start, or a guessed header line) until `end`
    /// (the main loop stops there; a string may carry the scan past it, which the caller checks).
    fn run(mut self, end: usize) -> Option<Scan> {
        let mut chunks = Vec::new();
        let mut seen: HashMap<String, Kind> = HashMap::new();
        let mut cur = Chunk {
            byte_range: self.i..self.i,
            first_line: self.line,
            header: None,
        };
        // Open `[` and `{` of multi-line values.
        let mut stack: Vec<u8> = Vec::new();
        if self.i == 0 && self.b.starts_with("\u{feff}".as_bytes()) {
            self.i = 3;
        }
        let mut at_line_start = true;
        while self.i < end {
            // Only the first byte after a line break, and only outside multi-line values; reset
            // here so that a line where a value closes (`}[[x]]`) is never taken for a header line.
            if std::mem::take(&mut at_line_start) && stack.is_empty() {
                let mut j = self.i;
                while matches!(self.peek(j), Some(b' ' | b'\t')) {
                    j += 1;
                }
                match self.peek(j) {
                    Some(b'[') => {
                        let line_start = self.i;
                        let header_line = self.line;
                        let (name, dotted, array) = self.header(j)?;
                        if dotted {
                            // Only as part of its parent's chunk.
                            let parent = cur.header.as_ref()?;
                            if name != parent.name {
                                return None;
                            }
                            at_line_start = true;
                            continue;
                        }
                        match seen.get(name) {
                            None => {
                                let kind = if array { Kind::Array } else { Kind::Table };
                                seen.insert(name.to_string(), kind);
                            }
                            Some(Kind::Array) if array => {}
                            Some(_) => return None,
                        }
                        cur.byte_range.end = line_start;
                        chunks.push(std::mem::replace(
                            &mut cur,
                            Chunk {
                                byte_range: line_start..line_start,
                                first_line: header_line,
                                header: Some(Header {
                                    name: header_name(name),
                                    array,
                                }),
                            },
                        ));
                        at_line_start = true;
                        continue;
                    }
                    // A key/value line before the first header.
                    Some(c) if cur.header.is_none() && !matches!(c, b'#' | b'\n' | b'\r') => {
                        return None;
                    }
                    _ => {}
                }
                self.i = j;
                continue;
            }
            let Some(c) = self.peek(self.i) else { break };
            match c {
                b'\n' => {
                    self.line += 1;
                    self.i += 1;
                    at_line_start = true;
                }
                b'#' => self.skip_comment(),
                b'"' | b'\'' if self.glued_to_atom() => return None,
                b'"' => {
                    if self.b[self.i..].starts_with(b"\"\"\"") {
                        self.i += 3;
                        self.multiline(b'"')?;
                    } else {
                        self.i += 1;
                        self.single_line(b'"')?;
                    }
                }
                b'\'' => {
                    if self.b[self.i..].starts_with(b"'''") {
                        self.i += 3;
                        self.multiline(b'\'')?;
                    } else {
                        self.i += 1;
                        self.single_line(b'\'')?;
                    }
                }
                b'[' | b'{' => {
                    stack.push(c);
                    self.i += 1;
                }
                b']' | b'}' => {
                    let open = if c == b']' { b'[' } else { b'{' };
                    if stack.pop() != Some(open) {
                        return None;
                    }
                    self.i += 1;
                }
                _ => {
                    // Plain bytes (keys, `=`, numbers, spaces) up to the next one that matters.
                    self.i += 1;
                    while self.peek(self.i).is_some_and(|c| !SPECIAL[usize::from(c)]) {
                        self.i += 1;
                    }
                }
            }
        }
        if !stack.is_empty() {
            return None;
        }
        cur.byte_range.end = end;
        chunks.push(cur);
        Some(Scan {
            chunks,
            seen,
            i: self.i,
            line: self.line,
        })
    }

    /// Whether the byte before `i` belongs to a bare token (number, date, bare key, …). The TOML
    /// lexer ends such a token only at one of `.=,[]{}`, whitespace or `#`, so a quote right after
    /// one is part of the token for the parser, not the start of a string (`4_5"""00` is one,
    /// invalid, integer). Never valid TOML, so rather than guess: give up.
    fn glued_to_atom(&self) -> bool {
        self.i
            .checked_sub(1)
            .and_then(|p| self.peek(p))
            .is_some_and(|c| !b".=,[]{} \t#\r\n\"'".contains(&c))
    }

    /// Up to the newline (not consumed).
    fn skip_comment(&mut self) {
        let rest = self.b.get(self.i..).unwrap_or_default();
        self.i += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    }

    /// Moves to the next byte that matters inside a string quoted with `quote`: the quote itself, a
    /// line break, or (in basic strings) a backslash. `None` at the end of the text.
    fn seek_string_special(&mut self, quote: u8) -> Option<u8> {
        let rest = self.b.get(self.i..)?;
        let off = if quote == b'"' {
            memchr::memchr3(b'"', b'\\', b'\n', rest)?
        } else {
            memchr::memchr2(quote, b'\n', rest)?
        };
        self.i += off;
        self.peek(self.i)
    }

    /// After the opening quote of a one-line string; consumes the closing one. `None`: unterminated.
    fn single_line(&mut self, quote: u8) -> Option<()> {
        loop {
            let c = self.seek_string_special(quote)?;
            self.i += 1;
            match c {
                // An escaped line break is an error anyway; stop before the line count drifts.
                b'\\' if quote == b'"' => {
                    if self.peek(self.i)? == b'\n' {
                        return None;
                    }
                    self.i += 1;
                }
                b'\n' => return None,
                _ if c == quote => return Some(()),
                _ => {}
            }
        }
    }

    /// After an opening `"""` or `'''`; consumes the closing delimiter (a run of 3 to 5 quotes: up
    /// to two of them belong to the content).
    fn multiline(&mut self, quote: u8) -> Option<()> {
        loop {
            let c = self.seek_string_special(quote)?;
            match c {
                b'\\' if quote == b'"' => {
                    if self.peek(self.i + 1) == Some(b'\n') {
                        self.line += 1;
                    }
                    self.i += 2;
                }
                b'\n' => {
                    self.line += 1;
                    self.i += 1;
                }
                _ if c == quote => {
                    let run = self.b[self.i..].iter().take_while(|&&x| x == quote).count();
                    self.i += run;
                    match run {
                        0..=2 => {}
                        3..=5 => return Some(()),
                        _ => return None,
                    }
                }
                _ => self.i += 1,
            }
        }
    }

    /// Parses the header line whose `[` is at `at`; on success the scanner stands at the start of the
    /// next line. Returns the first key part, whether there are more (`[a.b]`), and whether it is
    /// `[[…]]`.
    fn header(&mut self, at: usize) -> Option<(&'a str, bool, bool)> {
        let array = self.peek(at + 1) == Some(b'[');
        let mut j = at + if array { 2 } else { 1 };
        let mut first = None;
        let mut dotted = false;
        loop {
            j = self.skip_ws(j);
            let (part, next) = self.simple_key(j)?;
            match first {
                None => first = Some(part),
                Some(_) => dotted = true,
            }
            j = self.skip_ws(next);
            if self.peek(j) == Some(b'.') {
                j += 1;
            } else {
                break;
            }
        }
        if self.peek(j) != Some(b']') {
            return None;
        }
        j += 1;
        if array {
            if self.peek(j) != Some(b']') {
                return None;
            }
            j += 1;
        }
        self.i = self.skip_ws(j);
        if self.peek(self.i) == Some(b'#') {
            self.skip_comment();
        }
        if self.peek(self.i) == Some(b'\r') {
            self.i += 1;
        }
        match self.peek(self.i) {
            None => {}
            Some(b'\n') => {
                self.i += 1;
                self.line += 1;
            }
            Some(_) => return None,
        }
        Some((first?, dotted, array))
    }

    fn skip_ws(&self, mut j: usize) -> usize {
        while matches!(self.peek(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        j
    }

    /// A bare, `"basic"` (without escapes) or `'literal'` key at `j`; the decoded text and the index
    /// after it.
    fn simple_key(&self, j: usize) -> Option<(&'a str, usize)> {
        let b: &'a [u8] = self.b;
        let rest = b.get(j..)?;
        match rest.first()? {
            q @ (b'"' | b'\'') => {
                let len = rest[1..].iter().position(|c| c == q)?;
                let body = &rest[1..1 + len];
                // Escapes, control characters, line breaks: leave these to the whole-file parse.
                if body.iter().any(|&c| c == b'\\' || c < 0x20 || c == 0x7f) {
                    return None;
                }
                let s = std::str::from_utf8(body).ok()?;
                Some((s, j + len + 2))
            }
            _ => {
                let len = rest
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'-')
                    .count();
                if len == 0 {
                    return None;
                }
                let s = std::str::from_utf8(&rest[..len]).ok()?;
                Some((s, j + len))
            }
        }
    }
}

/// Whether a chunk, parsed on its own, holds exactly what its header announced: nothing for the
/// first chunk; one key, the header's name, with a table (`[name]`) or an array of exactly one
/// table (`[[name]]`).
pub fn shape_ok(chunk: &Chunk, root: &DeTable<'_>) -> bool {
    let Some(h) = &chunk.header else {
        return root.is_empty();
    };
    if root.len() != 1 {
        return false;
    }
    let Some((key, value)) = root.iter().next() else {
        return false;
    };
    if key.get_ref().as_ref() != &*h.name {
        return false;
    }
    match (value.get_ref(), h.array) {
        (DeValue::Table(_), false) => true,
        (DeValue::Array(a), true) => a.len() == 1 && matches!(a[0].get_ref(), DeValue::Table(_)),
        _ => false,
    }
}

/// Why a chunk-wise parse failed.
#[derive(Debug)]
pub enum ChunkError {
    /// The parser's error; its span (if any) is already offset to the whole file.
    Parse {
        chunk: usize,
        error: toml::de::Error,
        span: Option<Range<usize>>,
    },
    /// The chunk parsed but held more than its header (see [`shape_ok`]): parse the whole file.
    Shape { chunk: usize },
}

/// Parses one chunk and checks its shape; error spans offset to the whole file.
pub fn parse_chunk<'t>(
    text: &'t str,
    index: usize,
    chunk: &Chunk,
) -> Result<Spanned<DeTable<'t>>, ChunkError> {
    let src = text.get(chunk.byte_range.clone()).unwrap_or("");
    match DeTable::parse(src) {
        Ok(t) if shape_ok(chunk, t.get_ref()) => Ok(t),
        Ok(_) => Err(ChunkError::Shape { chunk: index }),
        Err(error) => {
            let at = chunk.byte_range.start;
            let span = error.span().map(|s| s.start + at..s.end + at);
            Err(ChunkError::Parse {
                chunk: index,
                error,
                span,
            })
        }
    }
}

/// Parses every chunk ([`parse_chunk`]) and hands each result to `f` (with the chunk's index),
/// on up to `threads` threads: each takes a contiguous run of chunks of about equal size in bytes.
/// Returns `f`'s results in chunk order. This is the shape the loader wants: `f` converts one
/// entry's tree into model values and drops the tree, so the whole file's tree never exists at
/// once (peak memory ≈ the text plus the converted data).
pub fn map_chunks<'t, T, F>(text: &'t str, chunks: &[Chunk], threads: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize, &Chunk, Result<Spanned<DeTable<'t>>, ChunkError>) -> T + Sync,
{
    let run = |from: usize, group: &[Chunk]| -> Vec<T> {
        group
            .iter()
            .enumerate()
            .map(|(k, c)| f(from + k, c, parse_chunk(text, from + k, c)))
            .collect()
    };
    let threads = threads.clamp(1, chunks.len().max(1));
    if threads == 1 {
        return run(0, chunks);
    }
    // Cut points: equal shares of the bytes.
    let total = text.len().max(1);
    let mut bounds = vec![0];
    for t in 1..threads {
        let target = total / threads * t;
        let at = chunks.partition_point(|c| c.byte_range.start < target);
        if at > *bounds.last().unwrap_or(&0) && at < chunks.len() {
            bounds.push(at);
        }
    }
    bounds.push(chunks.len());
    std::thread::scope(|s| {
        let run = &run;
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let group = &chunks[a..b];
                (a, group, s.spawn(move || run(a, group)))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(a, group, h)| {
                // A panic inside the parser would be a bug in it; redo that group here so the
                // caller still gets an answer (a second panic then propagates normally).
                h.join().unwrap_or_else(|_| run(a, group))
            })
            .collect()
    })
}

/// Like [`map_chunks`], but each thread folds its contiguous run of chunks into one accumulator
/// (`init(first_index, run)` then `f(acc, index, chunk, result)`), so no per-chunk result is ever stored: returns
/// one accumulator per thread, in file order. This is what the loader uses: a 100,000-entry file
/// would otherwise hold 100,000 intermediate results at once.
///
/// `fast(acc, index, chunk, chunk_text)` is offered each chunk first; when it returns `true` it has
/// taken the chunk, which is then not parsed (the loader's reader for plain `[[project]]` chunks);
/// on `false` the chunk is parsed and handed to `f` as usual.
pub fn fold_chunks<'t, A, I, Q, F>(
    text: &'t str,
    chunks: &[Chunk],
    threads: usize,
    init: I,
    fast: Q,
    f: F,
) -> Vec<A>
where
    A: Send,
    I: Fn(usize, &[Chunk]) -> A + Sync,
    Q: Fn(&mut A, usize, &Chunk, &'t str) -> bool + Sync,
    F: Fn(&mut A, usize, &Chunk, Result<Spanned<DeTable<'t>>, ChunkError>) + Sync,
{
    let run = |from: usize, group: &[Chunk]| -> A {
        let mut acc = init(from, group);
        for (k, c) in group.iter().enumerate() {
            let src = text.get(c.byte_range.clone()).unwrap_or("");
            if !fast(&mut acc, from + k, c, src) {
                f(&mut acc, from + k, c, parse_chunk(text, from + k, c));
            }
        }
        acc
    };
    let bounds = thread_bounds(text, chunks, threads);
    if bounds.len() <= 2 {
        return vec![run(0, chunks)];
    }
    std::thread::scope(|s| {
        let run = &run;
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0], w[1]);
                let group = chunks.get(a..b).unwrap_or_default();
                (a, group, s.spawn(move || run(a, group)))
            })
            .collect();
        handles
            .into_iter()
            // A panic inside the parser would be a bug in it; redo that group here (a second
            // panic then propagates normally).
            .map(|(a, group, h)| h.join().unwrap_or_else(|_| run(a, group)))
            .collect()
    })
}

/// Where each thread's run of chunks starts and ends: `[0, …, chunks.len()]`, cut at equal shares
/// of the bytes they cover.
pub(crate) fn thread_bounds(text: &str, chunks: &[Chunk], threads: usize) -> Vec<usize> {
    let threads = threads.clamp(1, chunks.len().max(1));
    // The bytes these chunks cover (the whole text, or a block of it).
    let from = chunks.first().map_or(0, |c| c.byte_range.start);
    let to = chunks.last().map_or(text.len(), |c| c.byte_range.end);
    let total = to.saturating_sub(from).max(1);
    let mut bounds = vec![0];
    for t in 1..threads {
        let target = from + total / threads * t;
        let at = chunks.partition_point(|c| c.byte_range.start < target);
        if at > *bounds.last().unwrap_or(&0) && at < chunks.len() {
            bounds.push(at);
        }
    }
    bounds.push(chunks.len());
    bounds
}

/// Parses every chunk on up to `threads` threads, keeping all trees (see [`map_chunks`] for the
/// memory-friendly form). Spans inside the tables are relative to their chunk: add
/// `chunks[i].byte_range.start`. Returns the tables in chunk order, or every error.
pub fn parse_chunks<'t>(
    text: &'t str,
    chunks: &[Chunk],
    threads: usize,
) -> Result<Vec<Spanned<DeTable<'t>>>, Vec<ChunkError>> {
    let results = map_chunks(text, chunks, threads, |_, _, r| r);
    let mut tables = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(t) => tables.push(t),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(tables)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(text: &str) -> Vec<(Option<String>, usize, String)> {
        split(text)
            .unwrap()
            .into_iter()
            .map(|c| {
                (
                    c.header.map(|h| {
                        if h.array {
                            format!("[[{}]]", h.name)
                        } else {
                            h.name.into_owned()
                        }
                    }),
                    c.first_line,
                    text[c.byte_range].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn splits_at_top_level_headers() {
        let t = "# c\n\n[dataset]\ntitle = \"x\"\n\n[[district]]\nid = \"a\"\n[[project]]\nname = \"p\"\n";
        let h = heads(t);
        assert_eq!(h.len(), 4);
        assert_eq!(h[0], (None, 1, "# c\n\n".into()));
        assert_eq!(
            h[1],
            (
                Some("dataset".into()),
                3,
                "[dataset]\ntitle = \"x\"\n\n".into()
            )
        );
        assert_eq!(h[2].0.as_deref(), Some("[[district]]"));
        assert_eq!(h[2].1, 6);
        assert_eq!(h[3].1, 8);
    }

    #[test]
    fn header_lines_inside_strings_and_arrays_are_not_headers() {
        let t = concat!(
            "[[project]]\n",
            "a = \"\"\"\n[[project]]\n\"\"\"\n",
            "b = '''\n[dataset]\n'''\n",
            "c = \"\"\"x \\\"\"\"\n[[project]]\n\"\"\"\n",
            "d = \"\"\"ends in quotes\"\"\"\"\"\n",
            "e = [\n[1, 2],\n  [3],\n]\n",
            "f = \"[[project]]\" # [x]\n",
            "g = \"\"\"\\\n[[project]]\\\n\"\"\"\n",
            "[[project]]\n",
        );
        let h = heads(t);
        assert_eq!(h.len(), 3, "{h:?}");
        assert_eq!(h[2].1, t.lines().count());
        for c in &h[1..] {
            toml::de::DeTable::parse(&c.2).unwrap();
        }
    }

    #[test]
    fn crlf_whitespace_quoted_and_commented_headers() {
        let t =
            "[ dataset ]\r\nx = 1\r\n  [[ \"project\" ]] # note\r\nname = 'a'\r\n['district']\r\n";
        let h = heads(t);
        assert_eq!(h.len(), 4);
        assert_eq!(h[1].0.as_deref(), Some("dataset"));
        assert_eq!(h[2].0.as_deref(), Some("[[project]]"));
        assert_eq!(h[2].1, 3);
        assert_eq!(h[3].0.as_deref(), Some("district"));
    }

    #[test]
    fn dotted_headers_stay_with_their_parent_or_give_up() {
        let t = "[map]\ngeometry = \"x\"\n[[map.inset]]\nname = \"a\"\n[[ map . inset ]]\nname = \"b\"\n[[project]]\n";
        let h = heads(t);
        assert_eq!(h.len(), 3);
        assert!(h[1].2.contains("name = \"b\""));
        assert_eq!(split("[[project]]\n[[map.inset]]\n"), None);
        assert_eq!(split("[a.b]\n"), None);
        assert_eq!(split("[dataset]\n[[project]]\n[dataset.x]\n"), None);
        // Directly under its parent: one chunk, which the parser judges like the whole file.
        assert_eq!(heads("[dataset]\n[dataset.x]\ny = 1\n").len(), 2);
    }

    #[test]
    fn gives_up_on_what_it_cannot_be_sure_of() {
        for bad in [
            "title = \"root key\"\n[dataset]\n",
            "[dataset]\n[dataset]\n",
            "[map]\n[[project]]\n[map]\n",
            "[[a]]\n[a]\n",
            "[a]\n[[a]]\n",
            "[\"da\\u0074aset\"]\n",
            "[dataset] x = 1\n",
            "[dataset\n",
            "[[dataset]\n",
            "[ [dataset]]\n",
            "[]\n",
            "a = \"unterminated\n[[p]]\n",
            "[p]\na = \"\"\"never closed\n",
            "[p]\na = [1, 2\n",
            "[p]\na = 1]\n",
            "[p]\na = \"\"\"x\"\"\"\"\"\"\n",
            "[p]\na = \"x\\\ny\"\n",
            "[p]\na = 4_5\"\"\"00\n[[q]]\n\"\"\"\n",
            "[p]\na = x'\n",
        ] {
            assert_eq!(split(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_header_after_a_value_closing_mid_line_is_not_a_header() {
        let t = "[p]\nk = {\n a = [\n[2]\n],\n}[[q]]\n";
        assert!(split(t).is_none_or(|c| c.len() == 2));
        let t = "[p]\nk = [\n1]  [[q]]\n";
        assert!(split(t).is_none_or(|c| c.len() == 2));
    }

    #[test]
    fn the_two_thread_split_is_used_when_the_guess_is_right() {
        let mut t = String::from("[dataset]\ntitle = \"x\"\n");
        for i in 0..50 {
            t.push_str(&format!(
                "[[project]]\nname = \"p{i}\"\ns = \"\"\"\nline\n\"\"\"\n\n"
            ));
        }
        let halves = split_halves(&t, 0).expect("guess at a real header");
        assert_eq!(Some(halves), split(&t));
        // A guess inside a multi-line string is detected, and the sequential answer given.
        let mut t = String::from("[dataset]\nnotes = \"\"\"\n");
        t.push_str(&"x\n".repeat(80));
        t.push_str("[[project]]\n");
        t.push_str(&"y\n".repeat(10));
        t.push_str("\"\"\"\n[[project]]\n");
        assert_eq!(split_halves(&t, 0), None);
        assert_eq!(split_parallel_from(&t, 0).map(|c| c.len()), Some(3));
        // Small texts stay on one thread.
        assert_eq!(split_halves("[a]\n[b]\n", 1 << 20), None);
    }

    #[test]
    fn empty_text_bom_and_comment_only() {
        assert_eq!(heads(""), vec![(None, 1, String::new())]);
        assert_eq!(heads("\u{feff}# x\n").len(), 1);
        assert_eq!(heads("\u{feff}[dataset]\n").len(), 2);
        let c = split("[dataset]\n").unwrap();
        assert_eq!(c[0].byte_range, 0..0);
    }

    #[test]
    fn shape_check_catches_extra_tables() {
        let chunk = Chunk {
            byte_range: 0..0,
            first_line: 1,
            header: Some(Header {
                name: "project".into(),
                array: true,
            }),
        };
        let one = DeTable::parse("[[project]]\na = 1\n").unwrap();
        assert!(shape_ok(&chunk, one.get_ref()));
        let two = DeTable::parse("[[project]]\n[[project]]\n").unwrap();
        assert!(!shape_ok(&chunk, two.get_ref()));
        let other = DeTable::parse("[[project]]\n[dataset]\n").unwrap();
        assert!(!shape_ok(&chunk, other.get_ref()));
    }

    #[test]
    fn parse_chunks_offsets_error_spans() {
        let t = "[dataset]\ntitle = \"x\"\n[[project]]\nname = \n";
        let chunks = split(t).unwrap();
        for threads in [1, 2, 3] {
            let errs = parse_chunks(t, &chunks, threads).unwrap_err();
            assert_eq!(errs.len(), 1);
            let ChunkError::Parse { chunk, span, .. } = &errs[0] else {
                panic!("{errs:?}")
            };
            assert_eq!(*chunk, 2);
            let span = span.clone().unwrap();
            assert!(span.start >= t.find("name").unwrap(), "{span:?}");
        }
        let ok = "[dataset]\ntitle = \"x\"\n[[project]]\nname = \"a\"\n";
        let tables = parse_chunks(ok, &split(ok).unwrap(), 2).unwrap();
        assert_eq!(tables.len(), 3);
        let chunks = split(ok).unwrap();
        for threads in [1, 2, 5] {
            let seen = map_chunks(ok, &chunks, threads, |i, c, r| (i, c.first_line, r.is_ok()));
            assert_eq!(seen, vec![(0, 1, true), (1, 1, true), (2, 3, true)]);
        }
    }
}
