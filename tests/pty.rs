//! Drives the real binary in a pseudo-terminal (portable-pty) and reads its screen through a terminal
//! emulator (vt100): keys change the screen, `q` exits 0, SIGTERM exits 143, SIGQUIT 131, and all
//! leave the terminal restored (alternate screen left, cursor shown, mouse capture off).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "common/tempdir.rs"]
mod tempdir;
use tempdir::TempDir;

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kredskort"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(30), nz(100), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            parser,
            raw,
            _master: pair.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits (up to 30 s: a loaded 2-core CI machine runs the other tests beside it) until the screen
    /// satisfies `pred`; returns the screen.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; screen:\n{s}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what the process wrote last.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "process did not exit"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}

fn assert_restored(raw: &str, mouse: bool) {
    assert!(
        raw.contains("\x1b[?1049h"),
        "never entered the alternate screen"
    );
    let entered = raw.rfind("\x1b[?1049h").unwrap();
    let tail = &raw[entered..];
    assert!(tail.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(tail.contains("\x1b[?25h"), "cursor not shown again");
    if mouse {
        assert!(raw.contains("\x1b[?1000h"), "mouse capture never enabled");
        assert!(tail.contains("\x1b[?1000l"), "mouse capture not disabled");
    } else {
        assert!(
            !raw.contains("\x1b[?1000h"),
            "--no-mouse still captured the mouse"
        );
    }
}

#[test]
fn keys_drive_the_real_binary_and_q_restores_the_terminal() {
    let mut s = Session::start(&["--locale", "da"]);
    let first = s.wait_for("the overview", |s| {
        s.contains("Oversigt") && s.contains("Fordeling")
    });
    assert!(!first.contains("Københavns Vestegns Politi"));
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    // West of København, then drill in: the breadcrumb and detail show the district.
    s.send("h\r");
    let drilled = s.wait_for("the district", |s| {
        s.contains("Oversigt › Københavns Vestegns Politi")
    });
    assert!(drilled.contains("Glostrup"), "{drilled}");
    s.send("\r");
    s.wait_for("the project", |s| {
        s.contains("Projekt partnerskabsaftaler") && s.contains("Gladsaxe Kommune")
    });
    s.send("?");
    s.wait_for("the help overlay", |s| s.contains("Hjælp – taster"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_restored(&s.raw(), true);
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

/// Sends `signal` (a name for `kill -`) to the dashboard and asserts it exits 128 + `number` with
/// the terminal restored.
fn signal_restores_the_terminal(args: &[&str], signal: &str, number: u32) {
    let mut s = Session::start(args);
    s.wait_for("the overview", |s| s.contains("Overview"));
    let pid = s.child.process_id().unwrap();
    let ok = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(s.wait_exit(), 128 + number);
    assert_restored(&s.raw(), !args.contains(&"--no-mouse"));
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores_the_terminal(&["--no-mouse", "--locale", "en"], "TERM", 15);
}

/// SIGQUIT (`kill -QUIT`, or Ctrl-\ where the terminal is not raw) restores the terminal like
/// SIGTERM, mouse reporting included, instead of leaving it raw in the alternate screen.
#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    signal_restores_the_terminal(&["--locale", "en"], "QUIT", 3);
}

#[test]
fn mouse_clicks_and_resize_work_in_the_real_binary() {
    let mut s = Session::start(&["--locale", "en"]);
    s.wait_for("the overview", |s| s.contains("Allocation"));
    // Mouse (SGR encoding, 1-based): at 100x30 the outline map sits left of the bars; the second
    // bar row is Københavns Vestegn; the first click selects it, the second drills in.
    for _ in 0..2 {
        s.send("\x1b[<0;60;6M\x1b[<0;60;6m");
    }
    s.wait_for("the clicked district", |s| {
        s.contains("Overview › Københavns Vestegns Politi")
    });
    s.send("\x1b");
    s.wait_for("the overview again", |s| !s.contains("Overview ›"));
    s._master
        .resize(PtySize {
            rows: 6,
            cols: 20,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.lock().unwrap().set_size(nz(6), nz(20));
    s.wait_for("the too-small message", |s| {
        s.contains("The terminal is too")
    });
    s._master
        .resize(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.lock().unwrap().set_size(nz(30), nz(100));
    s.wait_for("the overview again", |s| s.contains("Allocation"));
    s.send("\x03"); // Ctrl-C quits like q
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn live_reload_follows_the_file_on_disk() {
    let dir = std::env::temp_dir().join(format!("kredskort-pty-reload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("data.toml");
    let good = include_str!("../assets/forebyggelse-2014.toml");
    std::fs::write(&file, good).unwrap();
    let mut s = Session::start(&["--no-mouse", "--locale", "da", file.to_str().unwrap()]);
    s.wait_for("the overview", |s| {
        // The bars' column says the figure without its unit (the title says mio. kr.).
        s.contains("Fordeling · mio. kr.") && s.contains(" 13,6")
    });
    // A valid edit: the new figure appears within about a second.
    let t0 = Instant::now();
    std::fs::write(&file, good.replace("13_600_000", "14_600_000")).unwrap();
    s.wait_for("the new figure", |s| s.contains(" 14,6"));
    let took = t0.elapsed();
    eprintln!("live reload: new figure on screen after {took:?}");
    // An invalid edit: the last good data stays and a banner says where.
    std::fs::write(
        &file,
        good.replace("amount = 7_000_000", "amount = \"syv\""),
    )
    .unwrap();
    let banner = s.wait_for("the error banner", |s| s.contains("Filen er ugyldig"));
    let line = 1 + good
        .lines()
        .position(|l| l == "amount = 7_000_000")
        .unwrap();
    let at = format!("data.toml:{line}:10");
    assert!(banner.contains(&at), "expected {at} in:\n{banner}");
    assert!(
        banner.contains(" 14,6"),
        "the last good data stays:\n{banner}"
    );
    // Restored: the banner goes.
    std::fs::write(&file, good).unwrap();
    s.wait_for("the banner to go", |s| {
        !s.contains("Filen er ugyldig") && s.contains(" 13,6")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_restored(&s.raw(), false);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The shipped round, and the same with København's Vestegn at 14,6 (or 15,6) mio. kr.: what the
/// live-reload tests write, and what they look for on screen.
const ROUND: &str = include_str!("../assets/forebyggelse-2014.toml");

fn round_with(figure: &str) -> String {
    ROUND.replace("13_600_000", figure)
}

/// The dashboard on `file` (as given, relative to `dir` if it is), showing the shipped figures.
fn start_on(dir: &std::path::Path, file: &str) -> Session {
    let path = dir.join(file);
    let s = Session::start(&["--no-mouse", "--locale", "da", path.to_str().unwrap()]);
    s.wait_for("the overview", |s| {
        s.contains("Fordeling") && s.contains(" 13,6")
    });
    s
}

fn quit(mut s: Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_restored(&s.raw(), false);
}

/// Overwrites the bytes of `path` where they are (same inode, no truncation): the new text must be
/// as long as the old.
fn overwrite_in_place(path: &std::path::Path, text: &str) {
    use std::io::{Seek, SeekFrom};
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(0)).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f.sync_all().unwrap();
}

/// An editor's save: a temporary file beside `path`, renamed over it (a new inode).
fn write_and_rename(path: &std::path::Path, text: &str) {
    let tmp = path.with_file_name(".kredskort-save.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[cfg(unix)]
#[test]
fn live_reload_follows_a_symlinked_file_edited_in_place() {
    let dir = TempDir::new("pty-link-edit");
    let target = dir.write("other/round.toml", ROUND);
    std::fs::create_dir_all(dir.path().join("wd")).unwrap();
    std::os::unix::fs::symlink("../other/round.toml", dir.path().join("wd/d.toml")).unwrap();
    let s = start_on(dir.path(), "wd/d.toml");
    overwrite_in_place(&target, &round_with("14_600_000"));
    s.wait_for("the target's edit", |s| s.contains(" 14,6"));
    // And again: the watch is still there.
    std::fs::write(&target, round_with("15_600_000")).unwrap();
    s.wait_for("the second edit", |s| s.contains(" 15,6"));
    quit(s);
}

#[cfg(unix)]
#[test]
fn live_reload_follows_a_symlinked_file_whose_target_is_replaced_by_rename() {
    let dir = TempDir::new("pty-link-rename");
    let target = dir.write("other/round.toml", ROUND);
    std::fs::create_dir_all(dir.path().join("wd")).unwrap();
    std::os::unix::fs::symlink("../other/round.toml", dir.path().join("wd/d.toml")).unwrap();
    let s = start_on(dir.path(), "wd/d.toml");
    write_and_rename(&target, &round_with("14_600_000"));
    s.wait_for("the renamed-over target", |s| s.contains(" 14,6"));
    write_and_rename(&target, &round_with("15_600_000"));
    s.wait_for("the second save", |s| s.contains(" 15,6"));
    quit(s);
}

#[test]
fn live_reload_survives_the_data_directory_deleted_and_recreated() {
    let dir = TempDir::new("pty-dir-recreate");
    dir.write("wd/d.toml", ROUND);
    let wd = dir.path().join("wd");
    let s = start_on(dir.path(), "wd/d.toml");
    std::fs::remove_dir_all(&wd).unwrap();
    s.wait_for("the removed banner", |s| s.contains("Filen er fjernet"));
    std::fs::create_dir(&wd).unwrap();
    std::fs::write(wd.join("d.toml"), round_with("14_600_000")).unwrap();
    s.wait_for("the new data without the banner", |s| {
        s.contains(" 14,6") && !s.contains("Filen er fjernet")
    });
    // The new directory is watched: a later edit shows too.
    std::fs::write(wd.join("d.toml"), round_with("15_600_000")).unwrap();
    s.wait_for("a later edit", |s| s.contains(" 15,6"));
    quit(s);
}

#[test]
fn live_reload_follows_an_in_place_edit() {
    let dir = TempDir::new("pty-in-place");
    let file = dir.write("d.toml", ROUND);
    let s = start_on(dir.path(), "d.toml");
    overwrite_in_place(&file, &round_with("14_600_000"));
    s.wait_for("the edit", |s| s.contains(" 14,6"));
    quit(s);
}

#[test]
fn live_reload_follows_a_rename_over_the_file() {
    let dir = TempDir::new("pty-rename-over");
    let file = dir.write("d.toml", ROUND);
    let s = start_on(dir.path(), "d.toml");
    write_and_rename(&file, &round_with("14_600_000"));
    s.wait_for("the renamed-over file", |s| s.contains(" 14,6"));
    // The new inode is watched too.
    overwrite_in_place(&file, &round_with("15_600_000"));
    s.wait_for("an edit after the rename", |s| s.contains(" 15,6"));
    quit(s);
}

#[test]
fn live_reload_follows_a_file_deleted_and_recreated() {
    let dir = TempDir::new("pty-delete-recreate");
    let file = dir.write("d.toml", ROUND);
    let s = start_on(dir.path(), "d.toml");
    std::fs::remove_file(&file).unwrap();
    s.wait_for("the removed banner", |s| s.contains("Filen er fjernet"));
    std::fs::write(&file, round_with("14_600_000")).unwrap();
    s.wait_for("the new data without the banner", |s| {
        s.contains(" 14,6") && !s.contains("Filen er fjernet")
    });
    quit(s);
}

#[test]
fn live_reload_follows_a_truncate_then_a_write() {
    let dir = TempDir::new("pty-truncate");
    let file = dir.write("d.toml", ROUND);
    let s = start_on(dir.path(), "d.toml");
    // Truncated and left empty long enough to be read: an empty file is invalid, the data stays.
    let f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
    f.set_len(0).unwrap();
    s.wait_for("the invalid-file banner", |s| {
        s.contains("Filen er ugyldig") && s.contains(" 13,6")
    });
    overwrite_in_place(&file, &round_with("14_600_000"));
    s.wait_for("the written data without the banner", |s| {
        s.contains(" 14,6") && !s.contains("Filen er ugyldig")
    });
    quit(s);
}
