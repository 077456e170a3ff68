//! Display-safe text: sanitising untrusted strings once, and every width computation (truncate, pad)
//! by display columns with `unicode-width`, never by bytes or chars. Text is cut only between
//! grapheme clusters (what a reader sees as one character: `❤️`, a family emoji, `e` with its
//! accent), each measured whole, so the width of a cut is the width of what it returns.

pub mod fold;
pub mod wrap;

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The ellipsis that marks truncated text.
pub const ELLIPSIS: char = '…';

/// What a character from a data file becomes before it can reach the terminal, or `None` to keep it.
///
/// C0 controls become their visible Control Pictures (ESC → `␛`), DEL `␡`, C1 controls and the
/// bidirectional overrides/isolates (which can reorder what a reader sees) become `�`.
fn replacement(c: char) -> Option<char> {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
            Some('\u{fffd}')
        }
        _ => None,
    }
}

/// Whether the `sanitize_*` functions would return `s` unchanged (`newlines_ok`: `\n` is kept, as
/// in blocks). Most text from a data file is clean, and a byte scan is much cheaper than building
/// the string char by char: bytes below 0x20 and 0x7F are controls; 0xC2 and 0xE2 lead the
/// multi-byte C1 controls and bidi marks, so only text with those goes through the char check.
fn is_clean(s: &str, newlines_ok: bool) -> bool {
    let plain =
        |b: u8| (b >= 0x20 && b != 0x7f && b != 0xc2 && b != 0xe2) || (newlines_ok && b == b'\n');
    if s.bytes().all(plain) {
        return true;
    }
    s.chars().all(|c| {
        (newlines_ok && c == '\n') || (!matches!(c, '\t' | '\r' | '\n') && replacement(c).is_none())
    })
}

/// Makes a one-line string display-safe: every control character is replaced visibly; tabs and
/// newlines become a space (a name never spans lines).
pub fn sanitize_line(s: &str) -> String {
    let mut out = String::new();
    sanitize_line_into(s, &mut out);
    out
}

/// [`sanitize_line`], appended to `out` (no allocation of its own).
pub fn sanitize_line_into(s: &str, out: &mut String) {
    if is_clean(s, false) {
        out.push_str(s);
        return;
    }
    out.extend(s.chars().map(|c| match c {
        '\t' | '\n' | '\r' => ' ',
        c => replacement(c).unwrap_or(c),
    }));
}

/// Like [`sanitize_line`], but keeps line breaks (`\n`; `\r\n` becomes `\n`) for multi-line text such
/// as summaries and notes; tabs become four spaces.
pub fn sanitize_block(s: &str) -> String {
    let mut out = String::new();
    sanitize_block_into(s, &mut out);
    out
}

/// [`sanitize_block`], appended to `out`.
pub fn sanitize_block_into(s: &str, out: &mut String) {
    if is_clean(s, true) {
        out.push_str(s);
        return;
    }
    out.reserve(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c => out.push(replacement(c).unwrap_or(c)),
        }
    }
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Whether `c` starts a grapheme cluster that no char before it joins, and ends one unless a
/// combining mark or another char that is not plain follows; and whether its width is the same
/// whatever stands next to it: printable ASCII, the Latin letters below the combining marks
/// (U+0300) but the soft hyphen (a cluster of its own), kana, CJK ideographs and Hangul syllables. Text of these (with combining accents) is
/// measured char by char: the fast path. Any other char (a selector, a joiner, an emoji, a jamo, a
/// prepended sign) is measured with its whole cluster.
fn is_plain(c: char) -> bool {
    c != '\u{ad}'
        && matches!(c, ' '..='~' | '\u{a0}'..='\u{2ff}' | '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}'
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}')
}

/// Combining diacritical marks: zero columns, part of the cluster of the char before them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// One cluster of a string: where it starts and ends (bytes), its columns, and whether it was
/// measured by the rules of [`is_plain`] (`false`: by `unicode-width` as a cluster of its own).
#[derive(Clone, Copy)]
struct Cluster {
    start: usize,
    end: usize,
    width: usize,
    plain: bool,
}

/// The cluster of `s` that ends at byte `end`, a cluster boundary.
fn cluster_before(s: &str, end: usize) -> Option<Cluster> {
    let rest = s.get(..end)?;
    let mut chars = rest.char_indices().rev();
    // The char the marks at the end (if any) belong to.
    if let Some((j, c)) = chars.by_ref().find(|&(_, c)| !is_mark(c)) {
        // A plain char before the base does not join it (it is not a prepended sign or a jamo).
        if is_plain(c) && chars.next().is_none_or(|(_, p)| is_plain(p) || is_mark(p)) {
            let width = char_width(c);
            return Some(Cluster {
                start: j,
                end,
                width,
                plain: true,
            });
        }
    }
    let (k, g) = rest.grapheme_indices(true).next_back()?;
    Some(Cluster {
        start: k,
        end,
        width: width(g),
        plain: false,
    })
}

/// The clusters of `s` from the left. Lazy, so a cut costs the columns it keeps, not the length
/// of the string.
struct Clusters<'a> {
    s: &'a str,
    pos: usize,
    /// Whether a cluster was measured on its own: then the width of a run of clusters may differ
    /// from their sum (`unicode-width` joins some neighbours, such as Arabic lam and alef).
    slow: bool,
}

impl<'a> Clusters<'a> {
    fn new(s: &'a str) -> Self {
        Clusters {
            s,
            pos: 0,
            slow: false,
        }
    }
}

impl Iterator for Clusters<'_> {
    type Item = Cluster;

    fn next(&mut self) -> Option<Cluster> {
        let c = cluster_at(self.s, self.pos)?;
        self.pos = c.end;
        self.slow |= !c.plain;
        Some(c)
    }
}

/// The cluster of `s` that starts at byte `start`, a cluster boundary.
fn cluster_at(s: &str, start: usize) -> Option<Cluster> {
    let bytes = s.as_bytes();
    let printable = |b: u8| (0x20..0x7f).contains(&b);
    // Printable ASCII before printable ASCII, the bulk of most text: one byte, one column.
    if bytes.get(start).is_some_and(|&b| printable(b))
        && bytes.get(start + 1).is_none_or(|&b| printable(b))
    {
        let end = start + 1;
        return Some(Cluster {
            start,
            end,
            width: 1,
            plain: true,
        });
    }
    let rest = s.get(start..)?;
    let mut chars = rest.char_indices();
    let (_, c) = chars.next()?;
    if is_plain(c) {
        let len = chars
            .find(|&(_, n)| !is_mark(n))
            .map_or(Some(rest.len()), |(j, n)| is_plain(n).then_some(j));
        if let Some(len) = len {
            let (end, width) = (start + len, char_width(c));
            return Some(Cluster {
                start,
                end,
                width,
                plain: true,
            });
        }
    }
    // A char that is not plain, or a plain one that something other than marks may join.
    let g = rest.graphemes(true).next()?;
    let (end, width) = (start + g.len(), width(g));
    Some(Cluster {
        start,
        end,
        width,
        plain: false,
    })
}

/// The clusters of `s` from the right, as [`Clusters`] from the left.
struct ClustersRev<'a> {
    s: &'a str,
    end: usize,
    slow: bool,
}

impl<'a> ClustersRev<'a> {
    fn new(s: &'a str) -> Self {
        ClustersRev {
            s,
            end: s.len(),
            slow: false,
        }
    }
}

impl Iterator for ClustersRev<'_> {
    type Item = Cluster;

    fn next(&mut self) -> Option<Cluster> {
        let c = cluster_before(self.s, self.end)?;
        self.end = c.start;
        self.slow |= !c.plain;
        Some(c)
    }
}

/// `s` without clusters at its end until `unicode-width` measures it at most `max` columns: for
/// the rare text whose width is not the sum of its clusters'.
fn fit_head(mut s: &str, max: usize) -> &str {
    while width(s) > max {
        s = &s[..s.grapheme_indices(true).next_back().map_or(0, |(i, _)| i)];
    }
    s
}

/// [`fit_head`] from the other end.
fn fit_tail(mut s: &str, max: usize) -> &str {
    while width(s) > max {
        s = s.graphemes(true).next().map_or("", |g| &s[g.len()..]);
    }
    s
}

/// Whether `s` is at most `max` columns wide, both as a whole and cluster by cluster (as a terminal
/// draws it). Reads a string only until it is known to be wider, so cutting a 1 MB name to a tile
/// costs the tile's width, not the name's length.
pub fn fits_width(s: &str, max: usize) -> bool {
    if s.len() <= max && s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return true;
    }
    let mut clusters = Clusters::new(s);
    let mut used = 0;
    for c in clusters.by_ref() {
        used += c.width;
        if used > max {
            return false;
        }
    }
    !clusters.slow || width(s) <= max
}

/// Cuts `s` to at most `max` columns, ending in `…` when anything was cut. A wide character that would
/// straddle the limit is left out whole; zero-width (combining) characters stay with their base.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if max == 0 {
        return Cow::Borrowed(if fits_width(s, 0) { s } else { "" });
    }
    // One pass: where a cut with one column for the ellipsis would end, and whether `s` fits.
    let mut clusters = Clusters::new(s);
    let mut used = 0;
    let mut cut = None;
    for c in clusters.by_ref() {
        if cut.is_none() && used + c.width > max - 1 {
            cut = Some(c.start);
        }
        used += c.width;
        if used > max {
            break;
        }
    }
    if used <= max && (!clusters.slow || width(s) <= max) {
        return Cow::Borrowed(s);
    }
    let end = match cut {
        Some(end) if !clusters.slow => end,
        _ => take_width(s, max - 1).len(),
    };
    let mut out = String::with_capacity(end + 3);
    out.push_str(&s[..end]);
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// The longest suffix of `s` at most `max` columns wide, without leading blanks or zero-width
/// characters (a combining mark whose base did not fit).
pub fn take_tail_width(s: &str, max: usize) -> &str {
    skip_clusters_while(raw_tail(s, max), |g| {
        g.chars().all(char::is_whitespace) || width(g) == 0
    })
}

/// `s` without the clusters at its start for which `skip` holds: whole clusters, so what is left
/// still starts at one (trimming chars would split a trailing jamo from the modifier after it).
fn skip_clusters_while(s: &str, skip: impl Fn(&str) -> bool) -> &str {
    let start = s
        .grapheme_indices(true)
        .find(|&(_, g)| !skip(g))
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// The longest suffix of `s` at most `max` columns wide, as it comes, starting at a cluster.
fn raw_tail(s: &str, max: usize) -> &str {
    let mut clusters = ClustersRev::new(s);
    let mut used = 0;
    let mut start = s.len();
    for c in clusters.by_ref() {
        if used + c.width > max {
            break;
        }
        used += c.width;
        start = c.start;
    }
    if clusters.slow {
        fit_tail(&s[start..], max)
    } else {
        &s[start..]
    }
}

/// `s` cut in the middle to `head` columns, `…`, and its last `tail` columns (blanks before the
/// `…` dropped): `Midt-…ylland`.
fn cut_middle(s: &str, head: usize, tail: usize) -> String {
    let h = take_width(s, head).trim_end();
    let t = take_tail_width(s, tail);
    format!("{h}{ELLIPSIS}{t}")
}

/// Cuts each of `names` to at most `max` columns like [`truncate`], except that different names
/// which would come out the same are told apart: they keep their head, `…` and as much of their
/// end as makes them differ (`Midt- og Vestjylland`, `Midt- og Vestsjælland` in 13 columns:
/// `Midt-…ylland`, `Midt-…ælland`, not `Midt- og Ves…` twice). Names that differ only in the
/// middle show, after `…`, where they start to differ (`…jyl…`, `…sjæ…`). Equal names stay
/// equal, and where nothing within `max` columns tells two names apart they are cut as usual.
/// For labels shown side by side (tiles, bars): pass the visible ones.
pub fn truncate_distinct<'a>(names: &[&'a str], max: usize) -> Vec<Cow<'a, str>> {
    let mut out: Vec<Cow<'a, str>> = names.iter().map(|n| truncate(n, max)).collect();
    if max < 3 {
        return out;
    }
    // Cut names, grouped by what they came out as.
    let mut cut: Vec<usize> = (0..names.len())
        .filter(|&i| matches!(out[i], Cow::Owned(_)))
        .collect();
    cut.sort_by(|&a, &b| out[a].cmp(&out[b]).then(a.cmp(&b)));
    let groups: Vec<Vec<usize>> = cut
        .chunk_by(|&a, &b| out[a] == out[b])
        .filter(|g| g.iter().any(|&i| names[i] != names[g[0]]))
        .map(<[usize]>::to_vec)
        .collect();
    for group in groups {
        // Two candidates are fine when they differ wherever the names do, and clash with no
        // other label on show.
        let fine = |cands: &[String]| {
            group.iter().enumerate().all(|(a, &i)| {
                group
                    .iter()
                    .enumerate()
                    .skip(a + 1)
                    .all(|(b, &j)| names[i] == names[j] || cands.get(a) != cands.get(b))
                    && out
                        .iter()
                        .enumerate()
                        .all(|(k, o)| group.contains(&k) || cands.get(a).is_none_or(|c| c != o))
            })
        };
        let middle = |tail: usize| -> Vec<String> {
            group
                .iter()
                .map(|&i| cut_middle(names[i], max - 1 - tail, tail))
                .collect()
        };
        // The shortest end that tells them apart, but at least half the room: more of the end
        // reads better than more of the shared head.
        let found = (1..max).map(middle).position(|c| fine(&c)).map(|t| t + 1);
        let cands = match found {
            Some(t) => {
                let wide = middle(t.max((max - 1) / 2));
                if fine(&wide) { wide } else { middle(t) }
            }
            None => {
                // Differing only in the middle: show where they start to differ.
                let first = names[group[0]];
                let common = group.iter().fold(first.len(), |n, &i| {
                    first
                        .char_indices()
                        .zip(names[i].chars())
                        .find(|((_, a), b)| a != b)
                        .map_or(n.min(names[i].len()), |((k, _), _)| n.min(k))
                });
                // Back to the start of the cluster the first difference is in, in every name.
                let common = group.iter().fold(common, |n, &i| {
                    names[i]
                        .grapheme_indices(true)
                        .map(|(k, _)| k)
                        .take_while(|&k| k <= n)
                        .last()
                        .unwrap_or(0)
                });
                let cands: Vec<String> = group
                    .iter()
                    .map(|&i| {
                        let rest = names[i].get(common..).unwrap_or("");
                        format!("{ELLIPSIS}{}", truncate(rest, max - 1))
                    })
                    .collect();
                if !fine(&cands) {
                    continue;
                }
                cands
            }
        };
        for (&i, c) in group.iter().zip(cands) {
            out[i] = Cow::Owned(c);
        }
    }
    out
}

/// Like [`truncate`] with another one-column ellipsis (the `--plain` theme's ASCII `~`).
pub fn truncate_with<'a>(s: &'a str, max: usize, ellipsis: &str) -> Cow<'a, str> {
    match truncate(s, max) {
        Cow::Owned(mut cut) if ellipsis != "…" && cut.ends_with(ELLIPSIS) => {
            cut.pop();
            cut.push_str(ellipsis);
            Cow::Owned(cut)
        }
        other => other,
    }
}

/// Cuts `s` to at most `max` columns from the left, starting with `…` when anything was cut, so the
/// end stays visible (`…/dir/file.csv`). A wide character that would straddle the limit is left out
/// whole, and so are combining characters whose base was cut.
pub fn truncate_left(s: &str, max: usize) -> Cow<'_, str> {
    if fits_width(s, max) {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    // One column for the ellipsis; a combining mark at the start of the kept part belongs to a
    // base that was cut.
    let kept = skip_clusters_while(raw_tail(s, max - 1), |g| width(g) == 0);
    let mut out = String::with_capacity(kept.len() + 3);
    out.push(ELLIPSIS);
    out.push_str(kept);
    Cow::Owned(out)
}

/// `s` without its first `cols` columns (a wide character straddling the cut goes too): what a
/// view scrolled `cols` columns to the right shows first.
pub fn skip_width(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for c in Clusters::new(s) {
        if used >= cols {
            return &s[c.start..];
        }
        used += c.width;
    }
    ""
}

/// Like [`truncate`] but without the ellipsis: the longest prefix of at most `max` columns, ending
/// at a cluster.
pub fn take_width(s: &str, max: usize) -> &str {
    let mut clusters = Clusters::new(s);
    let mut used = 0;
    let mut end = s.len();
    for c in clusters.by_ref() {
        if used + c.width > max {
            end = c.start;
            break;
        }
        used += c.width;
    }
    if clusters.slow {
        fit_head(&s[..end], max)
    } else {
        &s[..end]
    }
}

/// `s` truncated to `cols` columns and padded with spaces on the right to exactly `cols`.
pub fn pad_right(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    let mut out = t.into_owned();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// `s` truncated to `cols` columns and padded with spaces on the left to exactly `cols`.
pub fn pad_left(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(w)).collect();
    out.push_str(&t);
    out
}

/// Edit distance by characters (optimal string alignment: insertions, deletions, substitutions and
/// swaps of neighbours each count 1), for "did you mean" hints
/// (data-file keys and ids, geometry names, colour names: one measure everywhere).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut two: Vec<usize> = vec![0; b.len() + 1]; // row i-2
    let mut prev: Vec<usize> = (0..=b.len()).collect(); // row i-1
    let mut cur: Vec<usize> = vec![0; b.len() + 1]; // row i
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut two, &mut prev); // two = old prev
        std::mem::swap(&mut prev, &mut cur); // prev = this row; cur = scratch
    }
    prev[b.len()]
}

/// Folds a name for fuzzy comparison: lower case, Danish letters spelled the ASCII way
/// (`København` ~ `koebenhavn`).
fn fold_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'é' | 'è' | 'ê' => out.push('e'),
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            ' ' | '_' => out.push('-'),
            c => out.push(c),
        }
    }
    out
}

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Very long inputs are not typos of short names; keep the work bounded.
    if wrong.chars().count() > 200 {
        return None;
    }
    let fw = fold_name(wrong);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.chars().count() > 200 {
            continue;
        }
        let d = edit_distance(&fw, &fold_name(c));
        // A third of the longer name, and at least two edits for names of four letters or more
        // (`Alpha` → `Alfa`), one for shorter ones (`fym` → `fyn`, but `abc` suggests nothing).
        let longer = c.chars().count().max(fw.chars().count());
        let limit = (longer / 3).max(if longer >= 4 { 2 } else { 1 });
        // Ties go to the alphabetically first name, so the hint never depends on the order the
        // candidates come in (a hash map's keys, a chunked loader's merge order).
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean "x"?` for the closest candidate.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wrong, candidates).map(|c| format!("did you mean \"{c}\"?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced_visibly() {
        assert_eq!(sanitize_line("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(sanitize_line("x\u{7}y\u{7f}"), "x␇y␡");
        assert_eq!(sanitize_line("c1\u{9b}31m"), "c1\u{fffd}31m");
        assert_eq!(sanitize_line("two\nlines\tand\rtab"), "two lines and tab");
        assert_eq!(sanitize_line("evil\u{202e}txt"), "evil\u{fffd}txt");
        assert_eq!(sanitize_line("Københavns Politi"), "Københavns Politi");
        assert_eq!(sanitize_block("a\r\nb\n\u{1b}]0;x\u{7}"), "a\nb\n␛]0;x␇");
        for s in [
            sanitize_line("\u{1b}\u{9b}\u{0}"),
            sanitize_block("\u{1b}\u{9b}\u{0}\r"),
        ] {
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        }
    }

    #[test]
    fn typo_hints_do_not_depend_on_candidate_order() {
        // "fanx" is two edits from both "Fanø" and "Faxe"; the alphabetically first one wins.
        assert_eq!(
            closest("Fanx", ["Fanø", "Faxe"]),
            closest("Fanx", ["Faxe", "Fanø"])
        );
        assert_eq!(closest("Fan\u{fffd}", ["Faxe", "Fanø"]), Some("Fanø"));
    }

    #[test]
    fn widths_are_display_columns() {
        assert_eq!(width("Ærø"), 3);
        assert_eq!(width("東京"), 4);
        assert_eq!(width("e\u{301}"), 1, "combining accent takes no column");
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("Københavns Politi", 100), "Københavns Politi");
        assert_eq!(truncate("Københavns Politi", 10), "København…");
        assert_eq!(truncate("東京東京", 4), "東…");
        assert_eq!(truncate("東京東京", 5), "東京…");
        assert_eq!(
            truncate("東京東京", 6),
            "東京…",
            "a wide char never straddles the limit"
        );
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        for s in ["Syd- og Sønderjylland", "東京東京x", "e\u{301}xyz"] {
            for max in 0..12 {
                assert!(width(&truncate(s, max)) <= max, "{s} {max}");
            }
        }
    }

    #[test]
    fn names_cut_alike_are_told_apart() {
        let names = [
            "Midt- og Vestjylland",
            "Midt- og Vestsjælland",
            "Fyn",
            "Nordjylland",
        ];
        let plain: Vec<Cow<str>> = names.iter().map(|n| truncate(n, 13)).collect();
        assert_eq!(plain[0], plain[1], "the collision this is about");
        let cut = truncate_distinct(&names, 13);
        assert_eq!(cut, ["Midt-…ylland", "Midt-…ælland", "Fyn", "Nordjylland"]);
        // Uncut names and names that do not collide are left alone.
        assert_eq!(truncate_distinct(&names, 30), names);
        let alone = truncate_distinct(&["Midt- og Vestjylland", "Fyn"], 13);
        assert_eq!(alone, ["Midt- og Ves…", "Fyn"]);
        // One column more: one more of the head; where plain cuts differ, they stay.
        assert_eq!(
            truncate_distinct(&names[..2], 14),
            ["Midt- o…ylland", "Midt- o…ælland"]
        );
        assert_eq!(
            truncate_distinct(&names[..2], 16),
            ["Midt- og Vestjy…", "Midt- og Vestsj…"]
        );
        // Differing only in the middle: where they start to differ.
        let mid = truncate_distinct(&["og Vestjylland", "og Vestsjælland"], 5);
        assert_eq!(mid, ["…jyl…", "…sjæ…"]);
        // Equal names stay equal; a third, different one is still told apart.
        let same = truncate_distinct(&["Aaaaaa-x", "Aaaaaa-x", "Aaaaaa-y"], 5);
        assert_eq!(same[0], same[1]);
        assert_ne!(same[0], same[2]);
        // A result never clashes with another label on show.
        let other = truncate_distinct(&["Abcdefx", "Abcdefy", "Ab…x"], 4);
        assert_ne!(other[0], other[2]);
        // Widths hold, whatever the text; too narrow to tell apart: cut as usual.
        let wide = [
            "東京東京東京x",
            "東京東京東京y",
            "e\u{301}e\u{301}e\u{301}e\u{301}a",
            "e\u{301}e\u{301}e\u{301}e\u{301}b",
        ];
        for max in 0..12 {
            let cut = truncate_distinct(&wide, max);
            for (c, n) in cut.iter().zip(wide) {
                assert!(width(c) <= max, "{n} {max}: {c}");
            }
            if max >= 3 {
                assert_ne!(cut[0], cut[1], "{max}");
                assert_ne!(cut[2], cut[3], "{max}");
            }
        }
        assert_eq!(truncate_distinct(&names[..2], 2), ["M…", "M…"]);
        assert!(truncate_distinct(&[], 5).is_empty());
    }

    #[test]
    fn tails_by_display_width() {
        assert_eq!(take_tail_width("Vestjylland", 6), "ylland");
        assert_eq!(take_tail_width("東京東", 3), "東");
        assert_eq!(take_tail_width("ab e\u{301}", 1), "e\u{301}");
        assert_eq!(take_tail_width("a b", 2), "b", "no blank first");
        assert_eq!(take_tail_width("abc", 0), "");
    }

    #[test]
    fn edit_distance_counts_a_swap_once() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("nrod", "nord"), 1, "a swap counts once");
        assert_eq!(edit_distance("rød", "red"), 1);
    }

    #[test]
    fn truncates_from_the_left_by_display_width() {
        assert_eq!(truncate_left("/a/b/file.csv", 20), "/a/b/file.csv");
        assert_eq!(truncate_left("/a/b/file.csv", 13), "/a/b/file.csv");
        assert_eq!(truncate_left("/a/b/file.csv", 12), "…/b/file.csv");
        assert_eq!(truncate_left("/a/b/file.csv", 9), "…file.csv");
        assert_eq!(truncate_left("/a/b/file.csv", 1), "…");
        assert_eq!(truncate_left("/a/b/file.csv", 0), "");
        // Wide characters: two columns each, never split; the result is at most `max` wide.
        assert_eq!(truncate_left("/data/東京/資料.csv", 9), "…資料.csv");
        assert_eq!(truncate_left("/data/東京/資料.csv", 10), "…/資料.csv");
        // 11 columns: 京 would straddle the limit, so it is left out (10 columns used).
        assert_eq!(truncate_left("/data/東京/資料.csv", 11), "…/資料.csv");
        assert_eq!(truncate_left("/data/東京/資料.csv", 12), "…京/資料.csv");
        for max in 0..25 {
            let t = truncate_left("/data/東京/資料.csv", max);
            assert!(width(&t) <= max, "{max}: {t}");
            assert!(t.ends_with(".csv") || max < 5, "{max}: {t}");
        }
        // Danish letters are one column; a combining mark whose base was cut goes too.
        assert_eq!(truncate_left("/tmp/Køge/fil.csv", 9), "…/fil.csv");
        assert_eq!(truncate_left("xe\u{301}f", 2), "…f");
        assert_eq!(truncate_left("wxe\u{301}f", 3), "…e\u{301}f");
    }

    #[test]
    fn pads_to_exact_width() {
        assert_eq!(pad_right("Fyn", 6), "Fyn   ");
        assert_eq!(pad_left("Fyn", 6), "   Fyn");
        assert_eq!(width(&pad_right("東京東京", 5)), 5);
        assert_eq!(width(&pad_left("東京東京", 6)), 6);
        assert_eq!(take_width("東京東", 3), "東");
    }

    #[test]
    fn suggestions_use_edit_distance_and_danish_spellings() {
        let ids = ["koebenhavn", "fyn", "nordjylland"];
        assert_eq!(closest("koebenhvn", ids), Some("koebenhavn"));
        assert_eq!(closest("København", ids), Some("koebenhavn"));
        assert_eq!(closest("fym", ids), Some("fyn"));
        assert_eq!(closest("xyz", ids), None);
        assert_eq!(closest("amout", ["amount", "name"]), Some("amount"));
        assert_eq!(closest("nrod", ["nord", "syd"]), Some("nord"));
    }

    #[test]
    fn emoji_are_cut_whole() {
        // A heart with its emoji selector is two columns; char by char it looked like one.
        assert_eq!(take_width("❤️❤️❤️", 3), "❤️");
        assert_eq!(take_width("❤️❤️❤️", 4), "❤️❤️");
        assert_eq!(width(&truncate("❤️❤️❤️", 4)), 3);
        assert_eq!(truncate("❤️❤️❤️", 4), "❤️…");
        // A family (a ZWJ sequence) is one two-column cluster, never cut in the middle.
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(take_width(&format!("{family}x"), 2), family);
        assert_eq!(take_width(&format!("{family}x"), 1), "");
        assert_eq!(take_tail_width(&format!("x{family}"), 2), family);
        assert_eq!(
            truncate_left(&format!("xy{family}"), 3),
            format!("…{family}")
        );
        assert_eq!(truncate_left(&format!("xy{family}"), 2), "…");
        assert_eq!(skip_width(&format!("{family}x"), 1), "x");
        assert!(fits_width(family, 2));
        assert!(!fits_width(&family.repeat(3000), 10), "the long path");
        assert!(fits_width(&"❤️".repeat(1000), 2000));
        assert!(!fits_width(&"❤️".repeat(1000), 1999));
    }

    /// A trailing Hangul jamo has no width of its own, and a skin-tone modifier after it belongs
    /// to its cluster: a tail is trimmed by whole clusters, never down to the lone modifier
    /// (a case proptest found).
    #[test]
    fn tails_are_trimmed_by_whole_clusters() {
        assert_eq!(
            take_tail_width("aa\u{11a8}\u{1f3fb}", 2),
            "\u{11a8}\u{1f3fb}"
        );
        let cut = truncate_distinct(&["\u{d55c}aa\u{11a8}\u{1f3fb}", "\u{d55c}\u{1f468}"], 3);
        assert!(!cut[0].contains("…\u{1f3fb}"), "{cut:?}");
        assert_eq!(truncate_left("aa\u{11a8}\u{1f3fb}", 2), "…");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;
        use unicode_segmentation::UnicodeSegmentation;

        /// Pieces that make hard text: emoji with and without selectors and skin tones, ZWJ
        /// sequences, flags, keycaps, combining marks, CJK, Hangul jamo, Arabic, plain letters.
        fn piece() -> impl Strategy<Value = &'static str> {
            prop::sample::select(vec![
                "a",
                "Z",
                " ",
                "-",
                "ø",
                "Å",
                "e\u{301}",
                "\u{301}",
                "\u{302}\u{303}",
                "❤",
                "❤\u{fe0f}",
                "\u{fe0f}",
                "\u{fe0e}",
                "☺\u{fe0e}",
                "\u{200d}",
                "👨",
                "👩\u{200d}👧",
                "👨\u{200d}👩\u{200d}👧\u{200d}👦",
                "👍\u{1f3fd}",
                "\u{1f3fb}",
                "🇩",
                "🇰",
                "🇩🇰",
                "#\u{fe0f}\u{20e3}",
                "東",
                "京",
                "서",
                "\u{1100}\u{1161}",
                "\u{11a8}",
                "ل",
                "ا",
                "\u{600}",
                "א\u{5b0}",
                "\u{ad}",
                "\u{200b}",
                "\u{a0}",
                "가",
                "한",
                "か",
                "\u{3099}",
                "カ",
                "\u{34f}",
                "A\u{30a}",
                "\r\n",
                "\u{1b}",
            ])
        }

        fn text() -> impl Strategy<Value = String> {
            prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
        }

        fn is_boundary(s: &str, i: usize) -> bool {
            i == s.len() || s.grapheme_indices(true).any(|(j, _)| j == i)
        }

        /// Columns as a terminal library that draws cluster by cluster counts them.
        fn cells(s: &str) -> usize {
            s.graphemes(true).map(width).sum()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn clusters_are_grapheme_clusters(s in text()) {
                let graphemes: Vec<(usize, &str)> = s.grapheme_indices(true).collect();
                let mut forward = Clusters::new(&s);
                let ours: Vec<(usize, &str)> =
                    forward.by_ref().map(|c| (c.start, &s[c.start..c.end])).collect();
                prop_assert_eq!(&ours, &graphemes);
                let mut backward = ClustersRev::new(&s);
                let mut back: Vec<(usize, &str)> =
                    backward.by_ref().map(|c| (c.start, &s[c.start..c.end])).collect();
                back.reverse();
                prop_assert_eq!(&back, &graphemes);
                for c in Clusters::new(&s) {
                    prop_assert_eq!(c.width, width(&s[c.start..c.end]));
                }
                if !forward.slow {
                    prop_assert_eq!(cells(&s), width(&s), "plain text adds up");
                }
                if !backward.slow {
                    prop_assert_eq!(cells(&s), width(&s), "plain text adds up");
                }
            }

            #[test]
            fn cuts_agree_with_the_width_of_what_they_return(s in text(), max in 0usize..30) {
                let head = take_width(&s, max);
                prop_assert!(width(head) <= max && cells(head) <= max, "{s:?} {max}: {head:?}");
                prop_assert!(is_boundary(&s, head.len()), "{s:?} {max}: {head:?}");
                if head.len() < s.len() {
                    // Nothing more would have fitted.
                    let next = s[head.len()..].graphemes(true).next().unwrap_or("");
                    prop_assert!(cells(head) + width(next) > max, "{s:?} {max}: {head:?}");
                }
                let tail = raw_tail(&s, max);
                prop_assert!(width(tail) <= max && cells(tail) <= max, "{s:?} {max}: {tail:?}");
                prop_assert!(is_boundary(&s, s.len() - tail.len()), "{s:?} {max}: {tail:?}");
                let skipped = skip_width(&s, max);
                prop_assert!(is_boundary(&s, s.len() - skipped.len()), "{s:?} {max}: {skipped:?}");
                for t in [truncate(&s, max), truncate_left(&s, max)] {
                    prop_assert!(width(&t) <= max && cells(&t) <= max, "{s:?} {max}: {t:?}");
                }
                for t in [pad_right(&s, max), pad_left(&s, max)] {
                    prop_assert_eq!(width(&t), max, "{:?} {}: {:?}", s, max, t);
                }
                prop_assert_eq!(
                    fits_width(&s, max),
                    width(&s) <= max && cells(&s) <= max,
                    "{:?} {}", s, max
                );
                let long = s.repeat(4096 / s.len().max(1) + 1);
                prop_assert_eq!(
                    fits_width(&long, max),
                    width(&long) <= max && cells(&long) <= max,
                    "long {:?} {}", s, max
                );
            }

            #[test]
            fn names_told_apart_are_cut_between_clusters(
                names in prop::collection::vec(text(), 1..4),
                max in 0usize..16,
            ) {
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                for (cut, name) in truncate_distinct(&refs, max).iter().zip(&names) {
                    prop_assert!(width(cut) <= max && cells(cut) <= max, "{name:?} {max}: {cut:?}");
                    // Each piece between ellipses is a run of the name's clusters.
                    for piece in cut.split('…') {
                        let at = (0..=name.len().saturating_sub(piece.len())).find(|&k| {
                            name.get(k..k + piece.len()) == Some(piece)
                                && is_boundary(name, k)
                                && is_boundary(name, k + piece.len())
                        });
                        prop_assert!(at.is_some(), "{name:?} {max}: {cut:?} has {piece:?}");
                    }
                }
            }
        }
    }
}
