//! The fast path for one `[[project]]` chunk of a big file: a strict reader for the plain TOML a
//! project is normally written in, straight into a [`RawProject`], without the span-aware parser's
//! token vector and tree.
//!
//! It accepts only a small subset of TOML, and only entries that convert without any problem: the
//! header line `[[project]]`, blank and comment lines, and `key = value` lines with the bare keys of a
//! project, each at most once, whose values have the type that key wants (strings, a decimal
//! integer or a string for `amount`, arrays of strings for `partners` and `themes`) and pass every
//! check the converter makes (a valid id, no empty name or list entry, a valid amount, the required
//! keys present). Anything else — another key, type or spelling (a quoted or dotted key, a sign, a
//! `\u` escape, a carriage return inside a string, …), anything the converter would report, any
//! syntax error — makes [`project`] return `None`, and the loader parses that chunk with the
//! span-aware parser as before. So a file's problems are reported exactly as without the fast
//! path, and for an accepted chunk the result is exactly what `convert::convert_project` makes of
//! the parsed chunk (the tests load every fixture and many generated and edited files both ways).

use std::borrow::Cow;
use std::ops::Range;

use super::convert::{RawProject, RawProjectBuilder, Sp};
use super::model::{List, Part, ProjectBuilder};
use crate::money;
use crate::text::{sanitize_block_into, sanitize_line_into};

/// Reads the text of a `[[project]]` chunk that starts at byte `offset` of the file; `None` when
/// the chunk needs the span-aware parser (see the module documentation).
pub fn project(chunk: &str, offset: usize) -> Option<RawProject> {
    project_with(chunk, offset, &mut RawProjectBuilder::default())
}

/// [`project`], with a builder reused from chunk to chunk (left empty either way).
pub fn project_with(chunk: &str, offset: usize, p: &mut RawProjectBuilder) -> Option<RawProject> {
    let read = read_project(chunk, offset, p);
    match read {
        Some(()) => Some(p.finish()),
        None => {
            p.reset();
            None
        }
    }
}

fn read_project(chunk: &str, offset: usize, p: &mut RawProjectBuilder) -> Option<()> {
    let mut r = Reader {
        s: chunk,
        b: chunk.as_bytes(),
        i: 0,
    };
    r.header()?;
    let at = |span: Range<usize>| span.start + offset..span.end + offset;
    // The keys seen, one bit each (a key twice is a TOML error).
    let mut seen = 0u8;
    loop {
        r.blanks();
        let Some(c) = r.peek() else { break };
        match c {
            b'\n' => r.i += 1,
            b'\r' if r.b.get(r.i + 1) == Some(&b'\n') => r.i += 2,
            b'#' => r.comment()?,
            _ => {
                let key = r.key()?;
                let bit = 1u8 << key as u8;
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                r.blanks();
                if r.peek() != Some(b'=') {
                    return None;
                }
                r.i += 1;
                r.blanks();
                match key {
                    Key::Id => {
                        let (s, span) = r.string()?;
                        let ok = !s.is_empty()
                            && s.bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                        if !ok {
                            return None;
                        }
                        p.text.part(Part::Id).push_str(&s);
                        p.id_at(at(span));
                    }
                    Key::District => {
                        let (s, span) = r.string()?;
                        p.district(&s, at(span));
                    }
                    Key::Name => {
                        let (s, _) = r.string()?;
                        let t = s.trim();
                        if t.is_empty() {
                            return None;
                        }
                        sanitize_line_into(t, p.name());
                    }
                    Key::Amount => {
                        let start = r.i;
                        let value = if matches!(r.peek(), Some(b'"' | b'\'')) {
                            let (s, _) = r.string()?;
                            money::parse_amount(&s).ok()?
                        } else {
                            money::amount_from_integer(r.integer()?).ok()?
                        };
                        p.amount(Sp {
                            value,
                            span: at(start..r.i),
                        });
                    }
                    Key::Partners => r.string_list(&mut p.text, List::Partners)?,
                    Key::Target => {
                        r.optional_text(&mut p.text, Part::Target, sanitize_line_into)?;
                    }
                    Key::Themes => r.string_list(&mut p.text, List::Themes)?,
                    Key::Summary => {
                        r.optional_text(&mut p.text, Part::Summary, sanitize_block_into)?;
                    }
                }
                r.end_of_line()?;
            }
        }
    }
    let required = [Key::District, Key::Name, Key::Amount];
    if required.iter().any(|k| seen & (1u8 << *k as u8) == 0) {
        return None;
    }
    Some(())
}

/// The keys of a project, in `PROJECT_KEYS` order.
#[derive(Clone, Copy)]
enum Key {
    Id,
    District,
    Name,
    Amount,
    Partners,
    Target,
    Themes,
    Summary,
}

/// Bytes that need a look inside a string: quotes, the backslash, control characters and DEL
/// (everything else, including all of UTF-8 beyond ASCII, is plain text in a TOML string).
const STRING_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < 0x20 {
        t[k] = true;
        k += 1;
    }
    t[0x7f] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Spaces and tabs.
    fn blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// `[[project]]` (blanks allowed inside the brackets) and the rest of its line; the header's
    /// span, from `[[` to `]]` as the parser gives it.
    fn header(&mut self) -> Option<Range<usize>> {
        self.blanks();
        let start = self.i;
        if !self.b.get(self.i..)?.starts_with(b"[[") {
            return None;
        }
        self.i += 2;
        self.blanks();
        if !self.b.get(self.i..)?.starts_with(b"project") {
            return None;
        }
        self.i += "project".len();
        self.blanks();
        if !self.b.get(self.i..)?.starts_with(b"]]") {
            return None;
        }
        self.i += 2;
        let span = start..self.i;
        self.end_of_line()?;
        Some(span)
    }

    /// After a header or a value: blanks, an optional comment, and the line break (or the end).
    fn end_of_line(&mut self) -> Option<()> {
        self.blanks();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => {
                self.i += 2;
                Some(())
            }
            Some(_) => None,
        }
    }

    /// A comment, from its `#` up to (not including) the line break; `None` for a control
    /// character in it (other than a tab, or the `\r` of a `\r\n`).
    fn comment(&mut self) -> Option<()> {
        let rest = self.b.get(self.i..)?;
        let len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let body = rest.get(..len)?;
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        if body.iter().any(|&c| (c < 0x20 && c != b'\t') || c == 0x7f) {
            return None;
        }
        self.i += body.len();
        Some(())
    }

    /// A bare key of a project.
    fn key(&mut self) -> Option<Key> {
        let rest = self.b.get(self.i..)?;
        let len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'-')
            .count();
        let key = match rest.get(..len)? {
            b"id" => Key::Id,
            b"district" => Key::District,
            b"name" => Key::Name,
            b"amount" => Key::Amount,
            b"partners" => Key::Partners,
            b"target" => Key::Target,
            b"themes" => Key::Themes,
            b"summary" => Key::Summary,
            _ => return None,
        };
        self.i += len;
        Some(key)
    }

    /// A decimal integer without a sign: `0`, or digits not starting with 0, single `_` between
    /// digits. What follows is checked by the caller (a blank, a comment, the line break).
    fn integer(&mut self) -> Option<i64> {
        let first = self.peek()?;
        if !first.is_ascii_digit() {
            return None;
        }
        let mut n = i64::from(first - b'0');
        self.i += 1;
        if first == b'0' {
            return (!matches!(self.peek(), Some(b'0'..=b'9' | b'_'))).then_some(0);
        }
        loop {
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    n = n.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
                    self.i += 1;
                }
                Some(b'_') => {
                    self.i += 1;
                    if !self.peek()?.is_ascii_digit() {
                        return None;
                    }
                }
                _ => return Some(n),
            }
        }
    }

    /// A string for an optional text `part`: trimmed and written with `sanitize`, or left out
    /// (not given) when blank.
    fn optional_text(
        &mut self,
        b: &mut ProjectBuilder,
        part: Part,
        sanitize: impl Fn(&str, &mut String),
    ) -> Option<()> {
        let (s, _) = self.string()?;
        let t = s.trim();
        if !t.is_empty() {
            sanitize(t, b.part(part));
        }
        Some(())
    }

    /// `[` strings, separated by commas (a trailing one allowed), over any lines, with comments `]`;
    /// each trimmed and sanitised, none empty.
    fn string_list(&mut self, b: &mut ProjectBuilder, list: List) -> Option<()> {
        if self.peek() != Some(b'[') {
            return None;
        }
        self.i += 1;
        loop {
            self.gaps()?;
            if self.peek() == Some(b']') {
                self.i += 1;
                break;
            }
            let (s, _) = self.string()?;
            let t = s.trim();
            if t.is_empty() {
                return None;
            }
            sanitize_line_into(t, b.entry_buf(list));
            self.gaps()?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    break;
                }
                _ => return None,
            }
        }
        Some(())
    }

    /// Blanks, line breaks and comments (inside an array).
    fn gaps(&mut self) -> Option<()> {
        loop {
            self.blanks();
            match self.peek() {
                Some(b'\n') => self.i += 1,
                Some(b'\r') if self.b.get(self.i + 1) == Some(&b'\n') => self.i += 2,
                Some(b'#') => self.comment()?,
                _ => return Some(()),
            }
        }
    }

    /// A string in any of TOML's four spellings: its value and its span (quotes included).
    /// Escapes: `\b \t \n \f \r \" \\` and, in `"""` strings, the line-ending backslash; anything
    /// else (`\u`, `\x`, `\e`, …), a control character other than a tab (or a line break in a
    /// multi-line string) and any carriage return give `None`.
    fn string(&mut self) -> Option<(Cow<'a, str>, Range<usize>)> {
        let start = self.i;
        let quote = self.peek()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let basic = quote == b'"';
        let rest = self.b.get(self.i..)?;
        let multi = rest.len() >= 3 && rest[1] == quote && rest[2] == quote;
        if multi {
            self.i += 3;
            // A line break right after the opening delimiter is not part of the value.
            if self.peek() == Some(b'\n') {
                self.i += 1;
            }
        } else {
            self.i += 1;
        }
        // The value so far: borrowed until the first escape, then built in `owned`.
        let mut owned: Option<String> = None;
        let mut plain_from = self.i;
        let end;
        loop {
            // Plain bytes up to the next one that matters.
            while let Some(&c) = self.b.get(self.i) {
                if STRING_SPECIAL[usize::from(c)] {
                    break;
                }
                self.i += 1;
            }
            let c = self.peek()?;
            match c {
                b'"' | b'\'' if c == quote => {
                    if !multi {
                        end = self.i;
                        self.i += 1;
                        break;
                    }
                    let run = self.b[self.i..].iter().take_while(|&&x| x == quote).count();
                    match run {
                        1 | 2 => self.i += run,
                        3..=5 => {
                            // Up to two quotes before the closing three belong to the value.
                            end = self.i + run - 3;
                            self.i += run;
                            break;
                        }
                        _ => return None,
                    }
                }
                b'"' | b'\'' => self.i += 1,
                b'\t' => self.i += 1,
                b'\n' if multi => self.i += 1,
                b'\\' if basic => {
                    let buf = owned.get_or_insert_with(String::new);
                    buf.push_str(self.s.get(plain_from..self.i)?);
                    self.i += 1;
                    let e = self.peek()?;
                    match e {
                        b'b' => buf.push('\u{8}'),
                        b't' => buf.push('\t'),
                        b'n' => buf.push('\n'),
                        b'f' => buf.push('\u{c}'),
                        b'r' => buf.push('\r'),
                        b'"' => buf.push('"'),
                        b'\\' => buf.push('\\'),
                        b' ' | b'\t' | b'\n' if multi => {
                            // The line-ending backslash: blanks, the line break, then every blank
                            // and line break up to the next text.
                            self.blanks();
                            if self.peek() != Some(b'\n') {
                                return None;
                            }
                            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n')) {
                                self.i += 1;
                            }
                            plain_from = self.i;
                            continue;
                        }
                        _ => return None,
                    }
                    self.i += 1;
                    plain_from = self.i;
                }
                // A backslash in a literal string is text.
                b'\\' => self.i += 1,
                _ => return None,
            }
        }
        let tail = self.s.get(plain_from..end)?;
        let value = match owned {
            Some(mut buf) => {
                buf.push_str(tail);
                Cow::Owned(buf)
            }
            None => Cow::Borrowed(tail),
        };
        Some((value, start..self.i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(t: &str) -> Option<String> {
        let mut r = Reader {
            s: t,
            b: t.as_bytes(),
            i: 0,
        };
        let (s, span) = r.string()?;
        assert_eq!(span, 0..t.len(), "{t:?}");
        Some(s.into_owned())
    }

    #[test]
    fn strings_in_every_spelling() {
        assert_eq!(strings(r#""a b""#).as_deref(), Some("a b"));
        assert_eq!(strings(r#""a\"b\\c\n""#).as_deref(), Some("a\"b\\c\n"));
        assert_eq!(strings("'a\\b'").as_deref(), Some("a\\b"));
        assert_eq!(strings("\"\"\"\nx\ny\"\"\"").as_deref(), Some("x\ny"));
        assert_eq!(strings("\"\"\"x \"\"\"\"\"").as_deref(), Some("x \"\""));
        assert_eq!(strings("'''\n[a]\n# b'''").as_deref(), Some("[a]\n# b"));
        assert_eq!(
            strings("\"\"\"\\\n  a \\  \n\n  b\"\"\"").as_deref(),
            Some("a b")
        );
        assert_eq!(strings("\"\"").as_deref(), Some(""));
        for bad in [
            "\"a\\u0041\"",
            "\"a\rb\"",
            "\"a\nb\"",
            "\"unterminated",
            "\"\"\"x\"\"\"\"\"\"",
            "\"\"\"\r\nx\"\"\"",
            "\"\"\"a\\ b\"\"\"",
            "\"a\u{7f}\"",
        ] {
            assert_eq!(strings(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn integers() {
        let int = |t: &str| {
            Reader {
                s: t,
                b: t.as_bytes(),
                i: 0,
            }
            .integer()
        };
        assert_eq!(int("0"), Some(0));
        assert_eq!(int("4_388_900"), Some(4_388_900));
        assert_eq!(int("12 # x"), Some(12));
        for bad in ["01", "1__0", "1_", "_1", "+1", "-1", "99999999999999999999"] {
            assert_eq!(int(bad), None, "{bad:?}");
        }
    }
}
