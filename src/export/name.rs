//! File names for exports that never overwrite anything.
//!
//! [`export_stem`] makes a readable, portable stem from the dataset title (and optionally a date):
//! `Kriminalpræventive projekter 2014–2015` → `kredskort-kriminalpraeventive-projekter-2014-2015`.
//! [`create_unique_export`] creates `stem.ext`, or `stem-2.ext`, `stem-3.ext`, … with
//! `OpenOptions::create_new` (`O_CREAT | O_EXCL`), so an existing file, or one another process creates
//! at the same moment, or a symlink planted under that name, is never written through.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::text::fold::fold_literal;

/// Prefix of every export stem.
pub const PREFIX: &str = "kredskort";
/// Longest slug taken from a title, in characters (the whole name stays well under 255 bytes).
pub const MAX_SLUG_CHARS: usize = 60;
/// How many numbered names are tried before giving up.
pub const MAX_ATTEMPTS: u32 = 10_000;

/// A file-name-safe slug: Nordic letters spelled out (`æ`→`ae`, `ø`→`oe`, `å`→`aa`), diacritics
/// removed, lower case; every run of other characters becomes one `-`; at most [`MAX_SLUG_CHARS`]
/// characters, cut at a `-` where possible. Letters of other scripts are kept. May be empty.
pub fn slug(text: &str) -> String {
    let folded = fold_literal(text);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.chars().count() > MAX_SLUG_CHARS {
        let cut: String = out.chars().take(MAX_SLUG_CHARS).collect();
        out = match cut.rfind('-') {
            Some(i) if i >= MAX_SLUG_CHARS / 2 => cut[..i].to_string(),
            _ => cut,
        };
    }
    out
}

/// The stem for an export of a dataset titled `title`: `kredskort-<slug>[-<date slug>]`. `date` is
/// whatever the caller wants in the name (e.g. today as `2026-11-25`); `None` leaves it out.
pub fn export_stem(title: &str, date: Option<&str>) -> String {
    let mut stem = PREFIX.to_string();
    for part in [Some(title), date].into_iter().flatten() {
        let s = slug(part);
        if !s.is_empty() {
            stem.push('-');
            stem.push_str(&s);
        }
    }
    stem
}

/// Creates a new file `dir/stem.ext`, or the first free `dir/stem-N.ext` (N = 2, 3, …), and returns
/// its path and the open (write-only, empty) file. Never opens an existing file or follows a symlink
/// at the name. `stem` is reduced to a slug if it contains path separators or is empty; `ext` may be
/// given with or without its dot, or empty for none.
pub fn create_unique_export(dir: &Path, stem: &str, ext: &str) -> io::Result<(PathBuf, File)> {
    let stem = if stem.is_empty() || stem.contains(['/', '\\', '\0']) || stem == "." || stem == ".."
    {
        match slug(stem) {
            s if s.is_empty() => PREFIX.to_string(),
            s => s,
        }
    } else {
        stem.to_string()
    };
    let ext = ext.trim_start_matches('.');
    let ext: String = ext
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    for n in 1..=MAX_ATTEMPTS {
        let name = match (n, ext.is_empty()) {
            (1, true) => stem.clone(),
            (1, false) => format!("{stem}.{ext}"),
            (_, true) => format!("{stem}-{n}"),
            (_, false) => format!("{stem}-{n}.{ext}"),
        };
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display())));
            }
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "{}: {MAX_ATTEMPTS} files named {stem}… exist already; move some away",
            dir.display()
        ),
    ))
}

/// Writes `bytes` to a new file `stem.ext` (or `stem-2.ext`, …) in `dir`, as
/// [`create_unique_export`] names it, flushed to disk. Returns its path.
pub fn write_new_export(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let (path, mut file) = create_unique_export(dir, stem, ext)?;
    io::Write::write_all(&mut file, bytes)?;
    file.sync_all()?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::Write;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn temp_dir(tag: &str) -> PathBuf {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "kredskort-{tag}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn stem_from_title_and_date() {
        assert_eq!(
            export_stem("Kriminalpræventive projekter 2014–2015", None),
            "kredskort-kriminalpraeventive-projekter-2014-2015"
        );
        assert_eq!(
            export_stem("Pulje: Østjylland/Århus", Some("2026-11-25")),
            "kredskort-pulje-oestjylland-aarhus-2026-11-25"
        );
        assert_eq!(export_stem("  ---  ", None), "kredskort");
        assert_eq!(
            export_stem("../../etc/passwd", None),
            "kredskort-etc-passwd"
        );
        assert_eq!(export_stem("Ψυχή \u{1b}[31m", None), "kredskort-ψυχή-31m");
        let long = export_stem(&"Forebyggelse af kriminalitet ".repeat(10), None);
        assert!(
            long.chars().count() <= PREFIX.len() + 1 + MAX_SLUG_CHARS,
            "{long}"
        );
        assert!(!long.ends_with('-'));
    }

    #[test]
    fn numbered_names_never_overwrite() {
        let dir = temp_dir("export");
        let (p1, mut f1) = create_unique_export(&dir, "kredskort-test", "csv").unwrap();
        assert_eq!(p1, dir.join("kredskort-test.csv"));
        f1.write_all(b"first").unwrap();
        let (p2, _) = create_unique_export(&dir, "kredskort-test", ".csv").unwrap();
        assert_eq!(p2, dir.join("kredskort-test-2.csv"));
        // A gap is filled; existing files are left alone.
        fs::write(dir.join("kredskort-test-3.csv"), "someone else's").unwrap();
        let (p4, _) = create_unique_export(&dir, "kredskort-test", "csv").unwrap();
        assert_eq!(p4, dir.join("kredskort-test-4.csv"));
        assert_eq!(fs::read_to_string(&p1).unwrap(), "first");
        assert_eq!(
            fs::read_to_string(dir.join("kredskort-test-3.csv")).unwrap(),
            "someone else's"
        );
        // No extension, odd stems.
        let (p, _) = create_unique_export(&dir, "plain", "").unwrap();
        assert_eq!(p, dir.join("plain"));
        let (p, _) = create_unique_export(&dir, "../escape", "csv").unwrap();
        assert_eq!(p, dir.join("escape.csv"));
        let (p, _) = create_unique_export(&dir, "", "csv").unwrap();
        assert_eq!(p, dir.join("kredskort.csv"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn concurrent_exports_get_distinct_files() {
        let dir = temp_dir("export-race");
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let dir = dir.clone();
                std::thread::spawn(move || {
                    let (p, mut f) = create_unique_export(&dir, "race", "csv").unwrap();
                    writeln!(f, "{i}").unwrap();
                    p
                })
            })
            .collect();
        let mut paths: Vec<PathBuf> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), 8);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 8);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_name_is_not_followed() {
        let dir = temp_dir("export-link");
        let target = dir.join("precious.txt");
        fs::write(&target, "keep me").unwrap();
        std::os::unix::fs::symlink(&target, dir.join("out.csv")).unwrap();
        let (p, mut f) = create_unique_export(&dir, "out", "csv").unwrap();
        assert_eq!(p, dir.join("out-2.csv"));
        f.write_all(b"export").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_path() {
        let parent = temp_dir("export-missing");
        let dir = parent.join("nope");
        let err = create_unique_export(&dir, "x", "csv").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(err.to_string().contains("nope"), "{err}");
        fs::remove_dir_all(&parent).unwrap();
    }
}
