//! Live reload support: notice when data files change on disk, and parse them off the UI thread.
//!
//! [`FileWatcher`] watches the *parent directory* of each file (non-recursively) and filters events by
//! file name, so it keeps working when an editor saves by writing a temporary file and renaming it over
//! the original (which replaces the inode a direct file watch would be stuck on), and when a file is
//! deleted and created again. Events are debounced: a burst of events for one file (truncate, several
//! writes, close; or create temp, write, rename) becomes one [`WatchEvent::Changed`] once the file has
//! been quiet for [`DEBOUNCE`], or at the latest [`MAX_DELAY`] after the first event of the burst.
//!
//! Idle cost is zero: the OS backend (`notify`: inotify on Linux, FSEvents on macOS,
//! ReadDirectoryChangesW on Windows) blocks in the kernel, and the debounce thread blocks in `recv()`
//! without a timeout while nothing is pending; a timed wait exists only between an event and its delivery.
//!
//! [`Reloader`] parses a file on a plain `std::thread` and delivers the result through the same sink, so
//! a big file never freezes the screen; every result carries a generation number so a slow, stale parse
//! that finishes after a newer one can be ignored.
//!
//! Not handled: the watched *directory* itself being deleted or renamed (the OS drops the watch; the UI
//! keeps the last good data and `r` still reloads by hand), and symlinked data files whose target
//! lives in another directory (the link's directory is watched, not the target's).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::data::{Dataset, LoadError, load_str};
use crate::search::Prepared;

/// How long a file must be quiet before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(150);
/// The longest a change waits while events keep coming (a file written continuously).
pub const MAX_DELAY: Duration = Duration::from_millis(1000);

/// What the watcher and the reloader report.
#[derive(Debug)]
pub enum WatchEvent {
    /// The file was written, replaced or (re)created and exists now.
    Changed(PathBuf),
    /// The file is gone (deleted or renamed away) and has not come back within the debounce time.
    Removed(PathBuf),
    /// The watch backend reported an error (e.g. too many inotify watches); watching may have stopped.
    Error(String),
    /// A background reload finished. Keep the result only if `generation` is the latest requested
    /// ([`Reloader::is_latest`]); on `Err`, keep the last good data and show the error.
    Loaded {
        path: PathBuf,
        generation: u64,
        result: Box<Result<Prepared, LoadError>>,
    },
}

impl WatchEvent {
    /// The path of a `Changed` event.
    pub fn changed(&self) -> Option<&Path> {
        match self {
            WatchEvent::Changed(p) => Some(p),
            _ => None,
        }
    }

    /// The path of a `Removed` event.
    pub fn removed(&self) -> Option<&Path> {
        match self {
            WatchEvent::Removed(p) => Some(p),
            _ => None,
        }
    }
}

/// Where events go: called on the watcher's or the reloader's thread. Keep it short (forward into a
/// channel and wake the main loop).
pub type Sink = Arc<dyn Fn(WatchEvent) + Send + Sync + 'static>;

/// A sink that sends every event, mapped by `map`, into `tx` (e.g. the UI's main-loop channel).
/// Send errors (the receiver is gone: the app is shutting down) are ignored.
pub fn channel_sink<T, F>(tx: mpsc::Sender<T>, map: F) -> Sink
where
    T: Send + 'static,
    F: Fn(WatchEvent) -> T + Send + Sync + 'static,
{
    Arc::new(move |event| {
        let _ = tx.send(map(event));
    })
}

/// Why watching could not start.
#[derive(Debug)]
pub struct WatchError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for WatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: cannot watch for changes: {}",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for WatchError {}

/// Watches files for changes until dropped. Dropping it stops the OS watch and ends its thread.
pub struct FileWatcher {
    // Field order matters for drop: the OS watcher goes first, which closes the event channel and so
    // ends the debounce thread.
    _watcher: RecommendedWatcher,
    _debouncer: JoinHandle<()>,
    files: Vec<PathBuf>,
}

impl fmt::Debug for FileWatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileWatcher")
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

/// A watched file: the directory that is watched and the name that is filtered for.
#[derive(Debug, Clone)]
struct WatchedFile {
    /// As the caller gave it; events report this path.
    given: PathBuf,
    /// Canonical parent directory + file name, as the backend reports it.
    resolved: PathBuf,
}

fn resolve(path: &Path) -> Result<(PathBuf, PathBuf), WatchError> {
    let err = |message: String| WatchError {
        path: path.to_path_buf(),
        message,
    };
    let name = path
        .file_name()
        .ok_or_else(|| err("not a file name".to_string()))?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = parent
        .canonicalize()
        .map_err(|e| err(format!("directory {}: {e}", parent.display())))?;
    Ok((dir.clone(), dir.join(name)))
}

impl FileWatcher {
    /// Starts watching `files` (each by its parent directory). The file itself need not exist yet;
    /// its directory must. Events go to `sink`.
    pub fn new(files: &[PathBuf], sink: Sink) -> Result<FileWatcher, WatchError> {
        let mut watched = Vec::new();
        let mut dirs: Vec<PathBuf> = Vec::new();
        for f in files {
            let (dir, resolved) = resolve(f)?;
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
            watched.push(WatchedFile {
                given: f.clone(),
                resolved,
            });
        }
        let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| WatchError {
            path: files.first().cloned().unwrap_or_default(),
            message: e.to_string(),
        })?;
        for dir in &dirs {
            watcher
                .watch(dir, RecursiveMode::NonRecursive)
                .map_err(|e| WatchError {
                    path: dir.clone(),
                    message: e.to_string(),
                })?;
        }
        let debouncer = thread::Builder::new()
            .name("kredskort-watch".to_string())
            .spawn(move || debounce_loop(rx, watched, sink))
            .map_err(|e| WatchError {
                path: files.first().cloned().unwrap_or_default(),
                message: e.to_string(),
            })?;
        Ok(FileWatcher {
            _watcher: watcher,
            _debouncer: debouncer,
            files: files.to_vec(),
        })
    }

    /// The files being watched, as given.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// Whether an event kind can mean the content changed. Opening or reading the file (our own reload
/// does both) must not count, or every reload would trigger the next.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Any | EventKind::Other => true,
    }
}

/// Pending burst for one watched file.
#[derive(Debug, Clone, Copy)]
struct Pending {
    first: Instant,
    last: Instant,
}

impl Pending {
    fn due(&self) -> Instant {
        (self.last + DEBOUNCE).min(self.first + MAX_DELAY)
    }
}

fn debounce_loop(
    rx: mpsc::Receiver<notify::Result<notify::Event>>,
    files: Vec<WatchedFile>,
    sink: Sink,
) {
    let mut pending: HashMap<usize, Pending> = HashMap::new();
    loop {
        // Block without a timeout while nothing is pending: zero wake-ups when idle.
        let next_due = pending.values().map(Pending::due).min();
        let received = match next_due {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
        };
        match received {
            Ok(Ok(event)) => {
                if !is_change(&event.kind) {
                    continue;
                }
                let now = Instant::now();
                for path in &event.paths {
                    for (i, f) in files.iter().enumerate() {
                        if *path == f.resolved {
                            pending
                                .entry(i)
                                .and_modify(|p| p.last = now)
                                .or_insert(Pending {
                                    first: now,
                                    last: now,
                                });
                        }
                    }
                }
            }
            Ok(Err(e)) => sink(WatchEvent::Error(e.to_string())),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let now = Instant::now();
        let mut ready: Vec<usize> = pending
            .iter()
            .filter(|(_, p)| p.due() <= now)
            .map(|(&i, _)| i)
            .collect();
        ready.sort_unstable();
        for i in ready {
            pending.remove(&i);
            if let Some(f) = files.get(i) {
                let event = if f.resolved.exists() {
                    WatchEvent::Changed(f.given.clone())
                } else {
                    WatchEvent::Removed(f.given.clone())
                };
                sink(event);
            }
        }
    }
}

/// Parses data files off the UI thread and reports through a sink, numbering every request.
pub struct Reloader {
    sink: Sink,
    generation: Arc<AtomicU64>,
    /// Handles of finished-or-running loads, reaped on the next request so none pile up.
    running: Mutex<Vec<JoinHandle<()>>>,
}

impl fmt::Debug for Reloader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reloader")
            .field("generation", &self.generation.load(Ordering::SeqCst))
            .finish_non_exhaustive()
    }
}

impl Reloader {
    pub fn new(sink: Sink) -> Reloader {
        Reloader {
            sink,
            generation: Arc::new(AtomicU64::new(0)),
            running: Mutex::new(Vec::new()),
        }
    }

    /// Starts reading and parsing `path` on a new thread; the result arrives as
    /// [`WatchEvent::Loaded`]. Relative paths in the file resolve against `base_dir` (usually the
    /// file's directory; `None`: the file's parent). Returns the request's generation number.
    pub fn reload(&self, path: &Path, base_dir: Option<&Path>) -> u64 {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let handle = reload_in_background(
            path.to_path_buf(),
            base_dir.map(Path::to_path_buf),
            generation,
            Arc::clone(&self.sink),
        );
        if let Ok(mut running) = self.running.lock() {
            running.retain(|h| !h.is_finished());
            if let Ok(h) = handle {
                running.push(h);
            }
        }
        generation
    }

    /// Whether `generation` is the newest request (older results should be dropped).
    pub fn is_latest(&self, generation: u64) -> bool {
        self.generation.load(Ordering::SeqCst) == generation
    }
}

/// Reads and parses `path` on a plain `std::thread` and delivers [`WatchEvent::Loaded`] to `sink`.
/// Errors reading the file become a `LoadError` naming the path. Fails only if no thread can be
/// spawned (then nothing is delivered).
pub fn reload_in_background(
    path: PathBuf,
    base_dir: Option<PathBuf>,
    generation: u64,
    sink: Sink,
) -> std::io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name("kredskort-reload".to_string())
        .spawn(move || {
            let result = load_path(&path, base_dir.as_deref()).map(Prepared::new);
            sink(WatchEvent::Loaded {
                path,
                generation,
                result: Box::new(result),
            });
        })
}

/// Reads and loads like `data::load_file` (same error messages), resolving relative paths inside the
/// file from `base_dir` when one is given.
fn load_path(path: &Path, base_dir: Option<&Path>) -> Result<Dataset, LoadError> {
    let text = crate::data::load::read_text(path)?;
    let base = base_dir.or_else(|| path.parent());
    load_str(&text, &crate::data::load::display_path(path), base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::Write;
    use std::sync::atomic::AtomicUsize;

    const SHIPPED: &str = include_str!("../../assets/forebyggelse-2014.toml");

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let dir = std::env::temp_dir().join(format!(
                "kredskort-{tag}-{}-{nanos}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            ));
            fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn expect_event(rx: &mpsc::Receiver<WatchEvent>, what: &str) -> WatchEvent {
        rx.recv_timeout(Duration::from_secs(1))
            .unwrap_or_else(|_| panic!("no event within a second after {what}"))
    }

    fn expect_quiet(rx: &mpsc::Receiver<WatchEvent>, wait: Duration, what: &str) {
        if let Ok(e) = rx.recv_timeout(wait) {
            panic!("unexpected event after {what}: {e:?}");
        }
    }

    /// CPU ticks (user + system) used so far by this process's threads with the given names.
    #[cfg(target_os = "linux")]
    fn thread_ticks(names: &[&str]) -> u64 {
        let mut sum = 0;
        for entry in fs::read_dir("/proc/self/task").unwrap().flatten() {
            let comm = fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
            if !names.contains(&comm.trim()) {
                continue;
            }
            let stat = fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // Fields after the ")" that ends the command name: state is field 3; utime 14, stime 15.
            let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let tick = |i: usize| {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            sum += tick(11) + tick(12);
        }
        sum
    }

    #[test]
    fn watcher_reports_every_kind_of_save_once_and_is_quiet_when_idle() {
        let dir = TempDir::new("watch");
        let file = dir.0.join("data.toml");
        let other = dir.0.join("other.toml");
        fs::write(&file, "a = 1\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let watcher =
            FileWatcher::new(std::slice::from_ref(&file), channel_sink(tx, |e| e)).unwrap();
        assert_eq!(watcher.files(), std::slice::from_ref(&file));

        // 1. Plain write (truncate + write + close): one event.
        fs::write(&file, "a = 2\n").unwrap();
        assert_eq!(expect_event(&rx, "write").changed(), Some(file.as_path()));
        expect_quiet(&rx, Duration::from_millis(400), "one write");

        // 2. In-place edit in several writes: still one event.
        {
            let mut f = fs::OpenOptions::new().append(true).open(&file).unwrap();
            for i in 0..5 {
                writeln!(f, "b{i} = {i}").unwrap();
                f.flush().unwrap();
                thread::sleep(Duration::from_millis(20));
            }
        }
        assert_eq!(
            expect_event(&rx, "in-place edit").changed(),
            Some(file.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one in-place edit");

        // 3. Editor style: write a temp file, rename it over the original.
        let tmp = dir.0.join(".data.toml.swp");
        fs::write(&tmp, "a = 3\n").unwrap();
        fs::rename(&tmp, &file).unwrap();
        assert_eq!(
            expect_event(&rx, "rename-over").changed(),
            Some(file.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one rename-over");

        // 4. The watch survived the inode change: another plain write.
        fs::write(&file, "a = 4\n").unwrap();
        assert_eq!(
            expect_event(&rx, "write after rename").changed(),
            Some(file.as_path())
        );

        // 5. Delete and recreate at once: one change.
        fs::remove_file(&file).unwrap();
        fs::write(&file, "a = 5\n").unwrap();
        assert_eq!(
            expect_event(&rx, "delete+recreate").changed(),
            Some(file.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one delete+recreate");

        // 6. Delete alone: removed; create again: changed.
        fs::remove_file(&file).unwrap();
        assert_eq!(expect_event(&rx, "delete").removed(), Some(file.as_path()));
        fs::write(&file, "a = 6\n").unwrap();
        assert_eq!(expect_event(&rx, "create").changed(), Some(file.as_path()));

        // 7. Reading the file (as a reload does) and touching other files: nothing.
        let _ = fs::read_to_string(&file).unwrap();
        fs::write(&other, "x").unwrap();
        fs::remove_file(&other).unwrap();
        expect_quiet(
            &rx,
            Duration::from_millis(500),
            "a read and another file's change",
        );

        // 8. Idle: no events, and the watching threads use no CPU.
        #[cfg(target_os = "linux")]
        let before = thread_ticks(&["kredskort-watch", "notify-rs inotify loop"]);
        expect_quiet(&rx, Duration::from_millis(1500), "nothing");
        #[cfg(target_os = "linux")]
        assert_eq!(
            thread_ticks(&["kredskort-watch", "notify-rs inotify loop"]),
            before,
            "watch threads used CPU while idle"
        );

        // 9. Dropping the watcher ends it: no more events.
        drop(watcher);
        fs::write(&file, "a = 7\n").unwrap();
        expect_quiet(&rx, Duration::from_millis(400), "drop");
    }

    #[test]
    fn watcher_needs_an_existing_directory() {
        let dir = TempDir::new("watch-missing");
        let missing = dir.0.join("no-such-dir").join("data.toml");
        let sink: Sink = Arc::new(|_| {});
        let err = FileWatcher::new(&[missing], sink).unwrap_err();
        assert!(err.to_string().contains("no-such-dir"), "{err}");
        // The file itself may be missing: it is reported when it appears.
        let (tx, rx) = mpsc::channel();
        let later = dir.0.join("later.toml");
        let _w = FileWatcher::new(std::slice::from_ref(&later), channel_sink(tx, |e| e)).unwrap();
        fs::write(&later, "x").unwrap();
        assert_eq!(
            expect_event(&rx, "creation").changed(),
            Some(later.as_path())
        );
    }

    #[test]
    fn reloader_parses_off_thread_and_numbers_results() {
        let dir = TempDir::new("reload");
        let file = dir.0.join("round.toml");
        fs::write(&file, SHIPPED).unwrap();
        // Tag each event with the thread that delivered it: parsing must not happen on ours.
        let (tagged_tx, tagged_rx) = mpsc::channel();
        let tagging = Reloader::new(channel_sink(tagged_tx, |e| {
            (thread::current().name().map(String::from), e)
        }));
        tagging.reload(&file, None);
        let (thread_name, _) = tagged_rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(thread_name.as_deref(), Some("kredskort-reload"));

        let (tx, rx) = mpsc::channel();
        let reloader = Reloader::new(channel_sink(tx, |e| e));
        let g1 = reloader.reload(&file, None);
        match expect_event(&rx, "reload") {
            WatchEvent::Loaded {
                path,
                generation,
                result,
            } => {
                assert_eq!(path, file);
                assert_eq!(generation, g1);
                assert!(reloader.is_latest(generation));
                let prepared = result.as_ref().as_ref().unwrap();
                assert_eq!(prepared.dataset.districts.len(), 12);
                assert!(!prepared.search.query("vollsmose").is_empty());
                assert!(!prepared.themes.is_empty());
            }
            other => panic!("{other:?}"),
        }

        // Invalid content: an error naming the file, delivered the same way.
        fs::write(&file, "[dataset\ntitle = 1\n").unwrap();
        let g2 = reloader.reload(&file, Some(&dir.0));
        let WatchEvent::Loaded {
            generation, result, ..
        } = expect_event(&rx, "bad reload")
        else {
            panic!("expected Loaded");
        };
        assert_eq!(generation, g2);
        let err = result.unwrap_err();
        assert!(err.to_string().contains("round.toml"), "{err}");

        // A missing file is an error too, not a panic.
        fs::remove_file(&file).unwrap();
        let g3 = reloader.reload(&file, None);
        let WatchEvent::Loaded { result, .. } = expect_event(&rx, "missing file") else {
            panic!("expected Loaded");
        };
        assert!(result.is_err());
        assert!(!reloader.is_latest(g2));
        assert!(reloader.is_latest(g3));
    }

    #[test]
    fn event_kinds_that_count() {
        use notify::event::{CreateKind, MetadataKind, ModifyKind, RemoveKind};
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Any
        ))));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
    }
}
