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
pub fn join_limited(items: &[String], sep: &str, max_cols: usize) -> (String, usize) {
    let mut out = String::new();
    let mut cols = 0;
    for (k, item) in items.iter().enumerate() {
        if k > 0 && cols >= max_cols {
            return (out, items.len() - k);
        }
        if k > 0 {
            out.push_str(sep);
            cols += text::width(sep);
        }
        let budget = max_cols.saturating_sub(cols).max(1);
        let item = text::truncate(item, budget);
        cols += text::width(&item);
        out.push_str(&item);
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
