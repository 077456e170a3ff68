//! Word wrapping and bounded joining by display width: the lines a pane shows of a text, read only as
//! far as they need.

use crate::text;

/// Word-wraps `s` to lines of at most `width` columns (by display width), breaking at spaces; only
/// a word longer than a line is cut, after a hyphen of its own where one fits, else with a `-`
/// added (`Bandekriminalitete-` / `n`). Keeps explicit line breaks.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    wrap_limited(s, width, usize::MAX).0
}

/// [`wrap`], stopping after `max_lines` lines: reads `s` only as far as those lines need (a 1 MB
/// summary costs what fits, not a megabyte per frame). The flag says whether text was left over.
pub fn wrap_limited(s: &str, width: usize, max_lines: usize) -> (Vec<String>, bool) {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    // A line is only pushed while there is room: needing one more is "text left over".
    macro_rules! push {
        ($line:expr) => {
            if out.len() >= max_lines {
                return (out, true);
            }
            out.push($line);
        };
    }
    // Bounded: a word is only measured up to one column more than a line.
    let measure = |w: &str| {
        if text::fits_width(w, width) {
            text::width(w)
        } else {
            width + 1
        }
    };
    for para in s.split('\n') {
        let para_start = out.len();
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let mut word = word;
            let mut ww = measure(word);
            if used > 0 && used + 1 + ww > width {
                push!(std::mem::take(&mut line));
                used = 0;
            }
            while ww > width {
                // A word longer than the line: cut it in line-sized pieces, each but the last
                // marked as continuing (after a hyphen of its own, or with an added `-`).
                let room = width.saturating_sub(used + usize::from(used > 0)).max(1);
                let piece = split_long_word(word, room);
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(piece);
                if text::width(piece) < room && !piece.ends_with('-') {
                    line.push('-');
                }
                push!(std::mem::take(&mut line));
                used = 0;
                word = &word[piece.len()..];
                ww = measure(word);
            }
            if word.is_empty() {
                continue;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            line.push_str(word);
            used += ww;
        }
        if !line.is_empty() || out.len() == para_start {
            push!(line);
        }
    }
    (out, false)
}

/// `items` joined with `sep`, but only the first ones that can fill `max_cols` columns; the rest is
/// counted, not joined (10,000 municipalities cost what a pane shows). Returns the text and how many
/// items were left out.
pub fn join_limited<S: AsRef<str>>(
    items: impl IntoIterator<Item = S>,
    sep: &str,
    max_cols: usize,
) -> (String, usize) {
    let mut out = String::new();
    let mut cols = 0;
    let mut items = items.into_iter();
    let mut k = 0;
    while let Some(item) = items.next() {
        let item = item.as_ref();
        if k > 0 && cols >= max_cols {
            return (out, 1 + items.count());
        }
        if k > 0 {
            out.push_str(sep);
            cols += text::width(sep);
        }
        let budget = max_cols.saturating_sub(cols).max(1);
        let item = text::truncate(item, budget);
        cols += text::width(&item);
        out.push_str(&item);
        k += 1;
    }
    (out, 0)
}

/// The head of a word too long for a line that goes on a line with `room` free columns: up to
/// the word's last hyphen that fits (`Ikast-`), else `room - 1` columns, leaving one for the `-`
/// that marks the cut (all `room` when that is a single column). Never empty.
fn split_long_word(word: &str, room: usize) -> &str {
    let fit = text::take_width(word, room);
    let hyphen = fit
        .char_indices()
        .filter(|&(i, c)| c == '-' && i > 0)
        .map(|(i, _)| i + 1)
        .next_back()
        .filter(|&end| end < word.len());
    let piece = match hyphen {
        Some(end) => &word[..end],
        None if room >= 2 => text::take_width(word, room - 1),
        None => fit,
    };
    if piece.is_empty() {
        first_char(word)
    } else {
        piece
    }
}

fn first_char(s: &str) -> &str {
    s.char_indices().nth(1).map_or(s, |(i, _)| &s[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn limited_wrap_and_join_stop_early_and_say_so() {
        let long = "ord ".repeat(250_000);
        let (lines, more) = wrap_limited(&long, 20, 3);
        assert_eq!(lines.len(), 3);
        assert!(more);
        assert_eq!(lines, wrap(&"ord ".repeat(15), 20));
        let (lines, more) = wrap_limited("a b", 20, 3);
        assert_eq!((lines, more), (vec!["a b".to_string()], false));
        let huge_word = "x".repeat(1 << 20);
        let (lines, more) = wrap_limited(&huge_word, 10, 2);
        assert_eq!(lines, vec!["x".repeat(9) + "-", "x".repeat(9) + "-"]);
        assert!(more);
        // The same lines as the unlimited wrap, as far as they go.
        for w in 1..30 {
            let s = "Københavns Vestegns Politi og 漢字漢字漢字 ting\nny linje";
            let all = wrap(s, w);
            for n in 0..all.len() + 2 {
                let (some, more) = wrap_limited(s, w, n);
                assert_eq!(some[..], all[..n.min(all.len())], "{w} {n}");
                assert_eq!(more, n < all.len(), "{w} {n}");
            }
        }
        let items: Vec<String> = (0..10_000).map(|i| format!("Kommune {i}")).collect();
        let (text, left) = join_limited(&items, ", ", 40);
        assert!(text::width(&text) <= 40 + 12, "{text}");
        assert_eq!(left, 10_000 - text.matches(", ").count() - 1);
        assert_eq!(
            join_limited(&items[..2], ", ", 100),
            ("Kommune 0, Kommune 1".to_string(), 0)
        );
        assert_eq!(join_limited(&[] as &[String], ", ", 10), (String::new(), 0));
    }

    #[test]
    fn wrap_respects_width_and_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["ab-", "cd-", "ef-", "gh"]);
        assert_eq!(wrap("abcdefgh", 1).len(), 8, "no room for a hyphen");
        assert_eq!(wrap("x\n\ny", 5), vec!["x", "", "y"]);
        for line in wrap("Københavns Vestegns Politi og 漢字漢字漢字 ting", 7) {
            assert!(text::width(&line) <= 7, "{line}");
        }
        assert_eq!(wrap("", 4), vec![""]);
        assert!(wrap("漢字", 1).iter().all(|l| !l.is_empty()));
        for line in wrap("漢字漢字 ab 漢字漢字漢字", 3) {
            assert!(text::width(&line) <= 3, "{line}");
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_marks_a_cut_word() {
        // The project detail's target group in English (18 columns): the long word is cut
        // with a hyphen, the rest wraps at spaces.
        assert_eq!(
            wrap("Bandekriminaliteten på det indre Nørrebro", 18),
            ["Bandekriminalitet-", "en på det indre", "Nørrebro"]
        );
        // A word that fits a line is never split, even when it would fill the rest of one.
        assert_eq!(wrap("ab Bandekriminal", 15), ["ab", "Bandekriminal"]);
        // A long word with a hyphen of its own breaks there first.
        assert_eq!(
            wrap("Ringkøbing-Skjernkommunerne", 12),
            ["Ringkøbing-", "Skjernkommu-", "nerne"]
        );
        // A long word starts a line of its own.
        assert_eq!(
            wrap("ord Bandekriminaliteten", 12),
            ["ord", "Bandekrimin-", "aliteten"]
        );
        for w in 1..30 {
            for line in wrap(
                "Bandekriminaliteten på det indre Nørrebro Ringkøbing-Skjern",
                w,
            ) {
                assert!(text::width(&line) <= w, "{w}: {line}");
            }
        }
    }
}
