//! A watched data file that is deleted: the last loaded data stays with a banner until the file is
//! back (a real file on disk, the real watcher, the workspace the live loop uses).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::mpsc;
use std::time::{Duration, Instant};

use kredskort::app::Msg;
use kredskort::app::tabs::Workspace;
use kredskort::commands::render::screen;
use kredskort::commands::watch::{FileWatcher, WatchEvent, channel_sink};
use kredskort::input::keymap::Keymap;
use kredskort::locale::Locale;
use kredskort::search::Prepared;
use kredskort::style::theme::Theme;

fn next_event(rx: &mpsc::Receiver<WatchEvent>, what: &str) -> WatchEvent {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(WatchEvent::Error(_)) => continue,
            Ok(e) => return e,
            Err(_) => panic!("no event after {what}"),
        }
    }
}

#[test]
fn a_deleted_data_file_shows_a_banner_until_it_is_back() {
    let dir = std::env::temp_dir().join(format!("kredskort-removed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("runde.toml");
    let text = include_str!("../assets/forebyggelse-2014.toml");
    std::fs::write(&file, text).unwrap();

    let mut ws = Workspace::new(
        Locale::Da,
        Theme::default(),
        Keymap::default(),
        kredskort::app::map_mode::MapSettings::default(),
        (120, 40),
    );
    ws = ws.with_tab(
        Some(file.clone()),
        kredskort::data::load_file(&file).map(Prepared::new),
    );
    let shown = |ws: &Workspace| screen(ws.active_app().unwrap(), false);
    assert!(!shown(&ws).contains("Filen er fjernet"));

    let (tx, rx) = mpsc::channel();
    let _watcher = FileWatcher::new(std::slice::from_ref(&file), channel_sink(tx, |e| e)).unwrap();
    std::fs::remove_file(&file).unwrap();
    let ev = next_event(&rx, "delete");
    let path = ev.removed().expect("a removed event").to_path_buf();
    assert!(
        ws.update(Msg::FileRemoved(path.to_path_buf())).changed,
        "redraw"
    );
    assert!(
        !ws.update(Msg::FileRemoved(path.to_path_buf())).changed,
        "nothing new the second time"
    );
    let s = shown(&ws);
    assert!(
        s.contains("Filen er fjernet; viser de senest indlæste data (runde.toml)"),
        "{s}"
    );
    // The data is still there.
    assert!(s.contains("København"));

    std::fs::write(&file, text).unwrap();
    let ev = next_event(&rx, "recreate");
    let path = ev.changed().expect("a changed event").to_path_buf();
    assert!(
        ws.update(Msg::Loaded {
            path: path.to_path_buf(),
            result: Box::new(kredskort::data::load_file(&path).map(Prepared::new))
        })
        .changed
    );
    assert!(!shown(&ws).contains("Filen er fjernet"));
    std::fs::remove_dir_all(&dir).ok();
}
