//! Live reload support: notice when data files change on disk, and parse them off the UI thread.
//!
//! [`FileWatcher`] watches *directories* (non-recursively) and filters events by name, so it keeps
//! working when an editor saves by writing a temporary file and renaming it over the original (which
//! replaces the inode a direct file watch would be stuck on), and when a file is deleted and created
//! again. For each file it watches:
//!
//! - the directory of the path as given, and, when that path is a symbolic link, the directory of
//!   every link it goes through and of the file it finally resolves to (an edit of the target is a
//!   change of the file; re-pointing the link is one too);
//! - when a directory on the way is missing (deleted, renamed away, not created yet), the nearest
//!   directory above it that exists, so the watch is re-armed the moment the missing one comes back.
//!
//! Every event that can change that picture (something created, removed or renamed) makes the
//! watcher work out again where each file now resolves and what to watch, and re-arm; a file whose
//! picture changed counts as changed. A directory that was replaced by a new one under the same name
//! is noticed by its identity (device and inode) and watched anew.
//!
//! Events are debounced: a burst of events for one file (truncate, several writes, close; or create
//! temp, write, rename) becomes one [`WatchEvent::Changed`] (or [`WatchEvent::Removed`] when the file
//! is not there) once the file has been quiet for [`DEBOUNCE`], or at the latest [`MAX_DELAY`] after
//! the first event of the burst. The paths reported are always the paths given to
//! [`FileWatcher::new`], also when the change happened on a link's target.
//!
//! Where a directory cannot be watched (the inotify watch limit, a permission), a
//! [`WatchEvent::Error`] names the file and the reason; the watch is tried again on the next event
//! that could help. On Linux a file on a network or FUSE file system, where changes made elsewhere
//! raise no events, gets a [`WatchEvent::Error`] saying so once at start.
//!
//! Idle cost is zero: the OS backend (`notify`: inotify on Linux, FSEvents on macOS,
//! ReadDirectoryChangesW on Windows) blocks in the kernel, and the debounce thread blocks in `recv()`
//! without a timeout while nothing is pending; a timed wait exists only between an event and its
//! delivery. Nothing is polled: a vanished directory is waited for by watching the one above it.
//!
//! [`Reloader`] parses a file on a plain `std::thread` and delivers the result through the same sink, so
//! a big file never freezes the screen; every result carries a generation number so a slow, stale parse
//! that finishes after a newer one can be ignored.
//!
//! Not handled: a *directory* symlink in the middle of a given path being re-pointed (the directory
//! it resolved to is watched, not the link), and changes made on another machine to a file on a
//! network file system (the OS sees none; the start-up message says so and `r` reloads by hand).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::data::{Dataset, LoadError, load_str};
use crate::search::Prepared;

/// How long a file must be quiet before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(150);
/// The longest a change waits while events keep coming (a file written continuously).
pub const MAX_DELAY: Duration = Duration::from_millis(1000);
/// How many symbolic links are followed from one given path (as the kernel's own limit, ELOOP).
const MAX_LINKS: usize = 40;
/// How many times one re-arm looks again after watching a directory that was missing: each round
/// watches a deeper directory, so a path of that many freshly created levels is caught in one go
/// (any deeper one is caught by the next event from the directories then watched).
const MAX_REARM_ROUNDS: usize = 16;

/// What the watcher and the reloader report.
#[derive(Debug)]
pub enum WatchEvent {
    /// The file was written, replaced or (re)created and exists now.
    Changed(PathBuf),
    /// The file is gone (deleted or renamed away) and has not come back within the debounce time.
    Removed(PathBuf),
    /// Watching does not work for a file (e.g. too many inotify watches, or a file system that
    /// reports no changes); the message says which and why.
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

/// What the debounce thread receives: the backend's events, and the word to stop.
enum Input {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// Watches files for changes until dropped. Dropping it stops the OS watch and ends its thread.
pub struct FileWatcher {
    stop: mpsc::Sender<Input>,
    // The thread owns the OS watcher (it re-arms it); it ends, dropping the watcher, on `Stop`.
    debouncer: Option<JoinHandle<()>>,
    files: Vec<PathBuf>,
}

impl fmt::Debug for FileWatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileWatcher")
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

impl Drop for FileWatcher {
    fn drop(&mut self) {
        let _ = self.stop.send(Input::Stop);
        if let Some(handle) = self.debouncer.take() {
            // The thread waits only in `recv` and in the sink (which must be short), so this is quick;
            // joining makes "no event after drop" hold.
            let _ = handle.join();
        }
    }
}

/// Where a file is to be found right now: the names (a directory's canonical path plus a name, as
/// the backend reports them) whose events concern it, and the directories to watch for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Plan {
    names: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

/// Works out [`Plan`] for `path` (absolute): its directory, then each symbolic link's target in
/// turn; a missing directory on the way is stood in for by the nearest one above it that exists.
fn plan(path: &Path) -> Plan {
    let mut plan = Plan::default();
    let mut at = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let (Some(name), Some(parent)) = (at.file_name(), at.parent()) else {
            break;
        };
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        match parent.canonicalize() {
            Ok(dir) => {
                let node = dir.join(name);
                if !plan.dirs.contains(&dir) {
                    plan.dirs.push(dir.clone());
                }
                if plan.names.contains(&node) {
                    break; // a loop of links
                }
                plan.names.push(node.clone());
                match fs::read_link(&node) {
                    // A relative target is relative to the link's directory; an absolute one
                    // replaces it (`join` does both).
                    Ok(target) => at = dir.join(target),
                    Err(_) => break,
                }
            }
            Err(_) => {
                // Wait for the missing directory where it will appear: in the nearest one that exists.
                let found = parent.ancestors().skip(1).find_map(|a| {
                    let dir = a.canonicalize().ok()?;
                    let below = parent.strip_prefix(a).ok()?.components().next()?;
                    Some((dir, below.as_os_str().to_owned()))
                });
                if let Some((dir, below)) = found {
                    plan.names.push(dir.join(below));
                    if !plan.dirs.contains(&dir) {
                        plan.dirs.push(dir);
                    }
                }
                break;
            }
        }
    }
    plan
}

/// What tells one directory from another that later takes its name.
type Identity = Option<(u64, u64)>;

#[cfg(unix)]
fn identity(path: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

// Elsewhere a replaced directory is noticed by the events naming it (removed or renamed) instead.
#[cfg(not(unix))]
fn identity(_path: &Path) -> Identity {
    None
}

/// A watched file.
#[derive(Debug, Clone)]
struct WatchedFile {
    /// As the caller gave it; events report this path.
    given: PathBuf,
    /// `given` made absolute (against the working directory at start), not resolved.
    absolute: PathBuf,
    /// Where it resolved at the last look.
    plan: Plan,
}

/// The OS watch and what it is watching, kept by the debounce thread.
struct Arming<W: Watcher> {
    watcher: W,
    files: Vec<WatchedFile>,
    /// Directories watched now, with the identity they had when the watch was added.
    armed: HashMap<PathBuf, Identity>,
    /// Directories whose watch failed and was reported (reported once until it works again).
    failed: HashSet<PathBuf>,
    sink: Sink,
}

impl<W: Watcher> Arming<W> {
    /// Works out every file's plan again and makes the OS watch match it: stale or unneeded
    /// directories are dropped, new ones watched. Returns the files whose plan changed or one of
    /// whose directories was watched anew (they may have changed unseen).
    fn rearm(&mut self, stale: &[PathBuf]) -> Vec<usize> {
        let mut touched = Vec::new();
        let mut stale: HashSet<PathBuf> = stale.iter().cloned().collect();
        for _ in 0..MAX_REARM_ROUNDS {
            let plans: Vec<Plan> = self.files.iter().map(|f| plan(&f.absolute)).collect();
            let wanted: HashSet<&PathBuf> = plans.iter().flat_map(|p| &p.dirs).collect();
            let gone: Vec<PathBuf> = self
                .armed
                .iter()
                .filter(|(dir, id)| {
                    !wanted.contains(dir) || stale.contains(*dir) || identity(dir) != **id
                })
                .map(|(dir, _)| dir.clone())
                .collect();
            for dir in &gone {
                // The backend may have dropped it already (the directory was deleted): that is fine.
                let _ = self.watcher.unwatch(dir);
                self.armed.remove(dir);
            }
            stale.clear();
            // A failure is reported again if the directory is wanted again later and still fails.
            self.failed.retain(|dir| wanted.contains(dir));
            let mut fresh = Vec::new();
            for dir in wanted {
                if self.armed.contains_key(dir) {
                    continue;
                }
                match self.watcher.watch(dir, RecursiveMode::NonRecursive) {
                    Ok(()) => {
                        self.armed.insert(dir.clone(), identity(dir));
                        self.failed.remove(dir);
                        fresh.push(dir.clone());
                    }
                    Err(e) => {
                        if self.failed.insert(dir.clone()) {
                            let who = self
                                .files
                                .iter()
                                .zip(&plans)
                                .filter(|(_, p)| p.dirs.contains(dir))
                                .map(|(f, _)| f.given.display().to_string())
                                .collect::<Vec<_>>()
                                .join(", ");
                            (self.sink)(WatchEvent::Error(format!(
                                "{who}: cannot watch {} for changes: {e}",
                                dir.display()
                            )));
                        }
                    }
                }
            }
            let mut settled = fresh.is_empty();
            for (i, (f, p)) in self.files.iter_mut().zip(plans).enumerate() {
                let rewatched = p.dirs.iter().any(|d| fresh.contains(d));
                if (f.plan != p || rewatched) && !touched.contains(&i) {
                    touched.push(i);
                }
                f.plan = p;
            }
            // A directory watched just now may have gained the next missing level before the watch
            // was in place (`mkdir -p`, `cp -r`): look again until nothing new is watched.
            if settled {
                break;
            }
            settled = self.files.iter().all(|f| f.plan == plan(&f.absolute));
            if settled {
                break;
            }
        }
        touched
    }
}

impl FileWatcher {
    /// Starts watching `files` (see the module comment for what is watched). Neither a file nor its
    /// directory need exist yet: they are reported when they appear. Events go to `sink`; a
    /// directory that cannot be watched is reported there as [`WatchEvent::Error`]. `Err` only when
    /// a path is not a file name or the OS watch cannot be set up at all.
    pub fn new(files: &[PathBuf], sink: Sink) -> Result<FileWatcher, WatchError> {
        let mut watched = Vec::new();
        for f in files {
            if f.file_name().is_none() {
                return Err(WatchError {
                    path: f.clone(),
                    message: "not a file name".to_string(),
                });
            }
            let absolute = std::path::absolute(f).unwrap_or_else(|_| f.clone());
            watched.push(WatchedFile {
                given: f.clone(),
                absolute,
                plan: Plan::default(),
            });
        }
        let (tx, rx) = mpsc::channel::<Input>();
        let events = tx.clone();
        let watcher = notify::recommended_watcher(move |e| {
            let _ = events.send(Input::Fs(e));
        })
        .map_err(|e| WatchError {
            path: files.first().cloned().unwrap_or_default(),
            message: e.to_string(),
        })?;
        let mut arming = Arming {
            watcher,
            files: watched,
            armed: HashMap::new(),
            failed: HashSet::new(),
            sink: Arc::clone(&sink),
        };
        // Armed here, before `new` returns, so no change after it is missed.
        let _ = arming.rearm(&[]);
        for warning in arming.files.iter().filter_map(quiet_filesystem) {
            sink(WatchEvent::Error(warning));
        }
        let debouncer = thread::Builder::new()
            .name("kredskort-watch".to_string())
            .spawn(move || debounce_loop(rx, arming))
            .map_err(|e| WatchError {
                path: files.first().cloned().unwrap_or_default(),
                message: e.to_string(),
            })?;
        Ok(FileWatcher {
            stop: tx,
            debouncer: Some(debouncer),
            files: files.to_vec(),
        })
    }

    /// The files being watched, as given.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// File system types whose changes made on another machine (or by a FUSE daemon) raise no inotify
/// events on this one.
#[cfg(target_os = "linux")]
const QUIET_FILESYSTEMS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "lustre",
    "sshfs",
];

/// On Linux, a warning for a file whose resolved directory lies on a file system that raises no
/// events for changes made elsewhere (network, FUSE), from `/proc/self/mountinfo` read once.
#[cfg(target_os = "linux")]
fn quiet_filesystem(file: &WatchedFile) -> Option<String> {
    let dir = file.plan.dirs.last()?;
    let mounts = fs::read_to_string("/proc/self/mountinfo").ok()?;
    let fstype = mount_type(&mounts, dir)?;
    let quiet =
        QUIET_FILESYSTEMS.contains(&fstype) || fstype.starts_with("fuse.") || fstype == "fuse";
    quiet.then(|| {
        format!(
            "{}: on a {fstype} file system, changes made elsewhere are not reported",
            file.given.display()
        )
    })
}

#[cfg(not(target_os = "linux"))]
fn quiet_filesystem(_file: &WatchedFile) -> Option<String> {
    None
}

/// The type of the file system `dir` (canonical) is on: the mount with the longest mount point
/// that contains it, from the text of `/proc/self/mountinfo`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn mount_type<'a>(mountinfo: &'a str, dir: &Path) -> Option<&'a str> {
    mountinfo
        .lines()
        .filter_map(|line| {
            // `id parent major:minor root mount-point options [optional…] - type source super`
            let (left, right) = line.split_once(" - ")?;
            let point = left.split(' ').nth(4)?;
            let fstype = right.split(' ').next()?;
            // Spaces and the like in mount points are written as octal escapes (`\040`).
            let point = PathBuf::from(unescape_octal(point));
            dir.starts_with(&point)
                .then(|| (point.as_os_str().len(), fstype))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, fstype)| fstype)
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn unescape_octal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 4);
        match code.and_then(|c| u8::from_str_radix(c, 8).ok()) {
            Some(b) => {
                out.push(char::from(b));
                rest = &rest[i + 4..];
            }
            None => {
                out.push('\\');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
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

/// Whether an event kind can change where a file resolves or what must be watched: something
/// appeared, went or was renamed (a file, a link, a directory on the way).
fn moves_things(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_) | ModifyKind::Any)
            | EventKind::Any
            | EventKind::Other
    )
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

fn debounce_loop<W: Watcher>(rx: mpsc::Receiver<Input>, mut arming: Arming<W>) {
    let mut pending: HashMap<usize, Pending> = HashMap::new();
    let touch = |pending: &mut HashMap<usize, Pending>, i: usize, now: Instant| {
        pending
            .entry(i)
            .and_modify(|p| p.last = now)
            .or_insert(Pending {
                first: now,
                last: now,
            });
    };
    loop {
        // Block without a timeout while nothing is pending: zero wake-ups when idle.
        let next_due = pending.values().map(Pending::due).min();
        let received = match next_due {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
        };
        match received {
            Ok(Input::Fs(Ok(event))) => {
                if !is_change(&event.kind) {
                    continue;
                }
                let now = Instant::now();
                for path in &event.paths {
                    for (i, f) in arming.files.iter().enumerate() {
                        if f.plan.names.contains(path) {
                            touch(&mut pending, i, now);
                        }
                    }
                }
                if event.need_rescan() {
                    // The backend lost events (its queue overflowed): anything may have happened.
                    for i in 0..arming.files.len() {
                        touch(&mut pending, i, now);
                    }
                }
                if moves_things(&event.kind) || event.need_rescan() {
                    // An event naming a watched directory itself says it was removed or moved away.
                    let stale: Vec<PathBuf> = event
                        .paths
                        .iter()
                        .filter(|p| arming.armed.contains_key(*p))
                        .cloned()
                        .collect();
                    for i in arming.rearm(&stale) {
                        touch(&mut pending, i, now);
                    }
                }
            }
            Ok(Input::Fs(Err(e))) => (arming.sink)(WatchEvent::Error(e.to_string())),
            Err(RecvTimeoutError::Timeout) => {}
            Ok(Input::Stop) | Err(RecvTimeoutError::Disconnected) => return,
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
            if let Some(f) = arming.files.get(i) {
                // `exists` follows links: a link whose target is gone counts as removed.
                let event = if f.absolute.exists() {
                    WatchEvent::Changed(f.given.clone())
                } else {
                    WatchEvent::Removed(f.given.clone())
                };
                (arming.sink)(event);
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
    fn watcher_waits_for_a_missing_directory() {
        let dir = TempDir::new("watch-missing");
        let missing = dir.0.join("no-such-dir").join("deeper").join("data.toml");
        let (tx, rx) = mpsc::channel();
        let _w = FileWatcher::new(std::slice::from_ref(&missing), channel_sink(tx, |e| e)).unwrap();
        // Two levels at once, then the file: reported when it is there.
        fs::create_dir_all(missing.parent().unwrap()).unwrap();
        fs::write(&missing, "x").unwrap();
        assert_eq!(
            expect_event(&rx, "creation below a new directory").changed(),
            Some(missing.as_path())
        );
        // The file itself may be missing: it is reported when it appears.
        let (tx, rx) = mpsc::channel();
        let later = dir.0.join("later.toml");
        let _w = FileWatcher::new(std::slice::from_ref(&later), channel_sink(tx, |e| e)).unwrap();
        fs::write(&later, "x").unwrap();
        assert_eq!(
            expect_event(&rx, "creation").changed(),
            Some(later.as_path())
        );
        // Not a file name at all: an error.
        let sink: Sink = Arc::new(|_| {});
        let err = FileWatcher::new(&[dir.0.join("..")], sink).unwrap_err();
        assert!(err.to_string().contains("not a file name"), "{err}");
    }

    #[test]
    fn watcher_survives_its_directory_deleted_and_recreated() {
        let dir = TempDir::new("watch-dir");
        let wd = dir.0.join("wd");
        let file = wd.join("d.toml");
        fs::create_dir_all(&wd).unwrap();
        fs::write(&file, "a = 1\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = FileWatcher::new(std::slice::from_ref(&file), channel_sink(tx, |e| e)).unwrap();

        fs::remove_dir_all(&wd).unwrap();
        assert_eq!(expect_event(&rx, "rm -rf").removed(), Some(file.as_path()));
        fs::create_dir(&wd).unwrap();
        fs::write(&file, "a = 2\n").unwrap();
        assert_eq!(
            expect_event(&rx, "mkdir + write").changed(),
            Some(file.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one recreation");
        // The new directory is watched, and only once: one event for one edit.
        fs::write(&file, "a = 3\n").unwrap();
        assert_eq!(
            expect_event(&rx, "edit in the new directory").changed(),
            Some(file.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one edit");

        // Renamed away and replaced in one go (a checkout swapping a directory): the new one counts,
        // and edits in the old one (now under another name) do not.
        let old = dir.0.join("wd.old");
        fs::rename(&wd, &old).unwrap();
        fs::create_dir(&wd).unwrap();
        fs::write(&file, "a = 4\n").unwrap();
        assert_eq!(
            expect_event(&rx, "directory swapped").changed(),
            Some(file.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one swap");
        fs::write(old.join("d.toml"), "a = 5\n").unwrap();
        expect_quiet(
            &rx,
            Duration::from_millis(400),
            "an edit in the renamed-away directory",
        );
        fs::write(&file, "a = 6\n").unwrap();
        assert_eq!(
            expect_event(&rx, "edit after the swap").changed(),
            Some(file.as_path())
        );
    }

    #[cfg(unix)]
    #[test]
    fn watcher_follows_symlinks_and_reports_the_link() {
        let dir = TempDir::new("watch-link");
        let other = dir.0.join("other");
        let wd = dir.0.join("wd");
        fs::create_dir_all(&other).unwrap();
        fs::create_dir_all(&wd).unwrap();
        let target = other.join("round.toml");
        let second = other.join("second.toml");
        fs::write(&target, "a = 1\n").unwrap();
        fs::write(&second, "b = 1\n").unwrap();
        let link = wd.join("d.toml");
        std::os::unix::fs::symlink("../other/round.toml", &link).unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = FileWatcher::new(std::slice::from_ref(&link), channel_sink(tx, |e| e)).unwrap();

        // The target edited in place, and replaced by rename: reported as the link.
        fs::write(&target, "a = 2\n").unwrap();
        assert_eq!(
            expect_event(&rx, "target edit").changed(),
            Some(link.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one target edit");
        let tmp = other.join(".round.toml.tmp");
        fs::write(&tmp, "a = 3\n").unwrap();
        fs::rename(&tmp, &target).unwrap();
        assert_eq!(
            expect_event(&rx, "target rename-over").changed(),
            Some(link.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one rename-over");

        // The link re-pointed (as `ln -sfn` does: a new link renamed over): a change, and from now
        // on the new target is the one that counts.
        let new_link = wd.join(".d.toml.new");
        std::os::unix::fs::symlink("../other/second.toml", &new_link).unwrap();
        fs::rename(&new_link, &link).unwrap();
        assert_eq!(
            expect_event(&rx, "link re-pointed").changed(),
            Some(link.as_path())
        );
        expect_quiet(&rx, Duration::from_millis(400), "one re-point");
        fs::write(&second, "b = 2\n").unwrap();
        assert_eq!(
            expect_event(&rx, "new target edit").changed(),
            Some(link.as_path())
        );
        fs::write(&target, "a = 4\n").unwrap();
        expect_quiet(&rx, Duration::from_millis(400), "an edit of the old target");

        // The target deleted: the link dangles, the file is removed; back again: changed.
        fs::remove_file(&second).unwrap();
        assert_eq!(
            expect_event(&rx, "target deleted").removed(),
            Some(link.as_path())
        );
        fs::write(&second, "b = 3\n").unwrap();
        assert_eq!(
            expect_event(&rx, "target back").changed(),
            Some(link.as_path())
        );
    }

    #[cfg(unix)]
    #[test]
    fn plan_follows_a_chain_of_links_and_stands_in_for_missing_directories() {
        let dir = TempDir::new("watch-plan");
        let base = dir.0.canonicalize().unwrap();
        fs::create_dir_all(base.join("a")).unwrap();
        fs::create_dir_all(base.join("b")).unwrap();
        fs::write(base.join("b/real.toml"), "x").unwrap();
        std::os::unix::fs::symlink(base.join("b/real.toml"), base.join("b/mid.toml")).unwrap();
        std::os::unix::fs::symlink("../b/mid.toml", base.join("a/d.toml")).unwrap();
        let p = plan(&base.join("a/d.toml"));
        assert_eq!(
            p.names,
            [
                base.join("a/d.toml"),
                base.join("b/mid.toml"),
                base.join("b/real.toml")
            ]
        );
        assert_eq!(p.dirs, [base.join("a"), base.join("b")]);

        // A missing directory: the nearest existing one above, and the name that will appear in it.
        let p = plan(&base.join("gone/deeper/d.toml"));
        assert_eq!(p.names, [base.join("gone")]);
        assert_eq!(p.dirs, std::slice::from_ref(&base));

        // A loop of links ends.
        std::os::unix::fs::symlink("loop2", base.join("a/loop1")).unwrap();
        std::os::unix::fs::symlink("loop1", base.join("a/loop2")).unwrap();
        let p = plan(&base.join("a/loop1"));
        assert_eq!(p.names, [base.join("a/loop1"), base.join("a/loop2")]);
        assert_eq!(p.dirs, [base.join("a")]);
    }

    /// A backend whose watches all fail, as with the inotify watch limit reached.
    struct Refusing {
        tries: Arc<AtomicUsize>,
    }

    impl Watcher for Refusing {
        fn new<F: notify::EventHandler>(_: F, _: notify::Config) -> notify::Result<Self> {
            Ok(Refusing {
                tries: Arc::new(AtomicUsize::new(0)),
            })
        }
        fn watch(&mut self, path: &Path, _: RecursiveMode) -> notify::Result<()> {
            self.tries.fetch_add(1, Ordering::SeqCst);
            Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch).add_path(path.to_path_buf()))
        }
        fn unwatch(&mut self, _: &Path) -> notify::Result<()> {
            Ok(())
        }
        fn kind() -> notify::WatcherKind {
            notify::WatcherKind::NullWatcher
        }
    }

    #[test]
    fn a_watch_that_cannot_be_set_is_reported_once_and_tried_again() {
        let dir = TempDir::new("watch-refused");
        let file = dir.0.join("d.toml");
        let (tx, rx) = mpsc::channel();
        let tries = Arc::new(AtomicUsize::new(0));
        let mut arming = Arming {
            watcher: Refusing {
                tries: Arc::clone(&tries),
            },
            files: vec![WatchedFile {
                given: PathBuf::from("d.toml"),
                absolute: file.clone(),
                plan: Plan::default(),
            }],
            armed: HashMap::new(),
            failed: HashSet::new(),
            sink: channel_sink(tx, |e| e),
        };
        let _ = arming.rearm(&[]);
        let WatchEvent::Error(message) = expect_event(&rx, "a refused watch") else {
            panic!("expected an error");
        };
        assert!(message.starts_with("d.toml: cannot watch "), "{message}");
        assert!(message.contains("limit"), "{message}");
        // Tried again on the next look, but not reported again.
        let _ = arming.rearm(&[]);
        assert_eq!(tries.load(Ordering::SeqCst), 2);
        expect_quiet(&rx, Duration::from_millis(100), "the same failure again");
    }

    #[test]
    fn mount_types_from_mountinfo() {
        let info = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 0:40 / /mnt/share rw,relatime shared:9 - nfs4 server:/export rw
31 22 0:41 / /mnt/my\\040disk rw - fuse.sshfs host: rw
";
        assert_eq!(mount_type(info, Path::new("/home/x")), Some("ext4"));
        assert_eq!(mount_type(info, Path::new("/mnt/share/d")), Some("nfs4"));
        assert_eq!(mount_type(info, Path::new("/mnt/shared")), Some("ext4"));
        assert_eq!(
            mount_type(info, Path::new("/mnt/my disk/d")),
            Some("fuse.sshfs")
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
