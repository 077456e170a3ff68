//! Reading files safely: only regular files are read (a FIFO would block the open until a writer
//! comes, a device may never end), checked on the opened file so that nothing swapped in between
//! gets through.

use std::path::Path;

/// What a file that is not a regular file is, for an error message (`None`: a regular file).
/// Opening a FIFO for reading waits for a writer, reading a device may never end, so only
/// regular files are read or replaced.
pub fn non_regular_kind(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some(if t.is_dir() {
        "a directory"
    } else {
        "a special file"
    })
}

/// Why [`read_regular`] read nothing.
pub enum ReadFail {
    Io(std::io::Error),
    /// What the path is instead of a regular file (see [`non_regular_kind`]).
    NotRegular(&'static str),
}

impl From<std::io::Error> for ReadFail {
    fn from(e: std::io::Error) -> Self {
        ReadFail::Io(e)
    }
}

/// Reads the whole of a regular file; anything else is refused, saying what it is.
/// The type is checked on the opened file, not on the path before opening it, so a FIFO put in
/// its place in between is refused too; and the open itself does not block (`O_NONBLOCK`, which
/// does nothing to reading a regular file) where a FIFO would wait for a writer.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadFail> {
    use std::io::Read as _;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = non_regular_kind(meta.file_type()) {
        return Err(ReadFail::NotRegular(kind));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}
