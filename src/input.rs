//! Reading a file that treatysearch did not write: a corpus document, its sidecar, the user
//! dictionary, a glossary.
//!
//! Owns the rules every such read obeys: only regular files are opened (a named pipe waits for
//! a writer for good, `/dev/zero` never ends, opening a device can act on it), nothing under
//! `/proc`, `/sys` or `/dev` is read (`/proc/kmsg` is a "regular" file that blocks), a
//! symbolic link is followed only when the caller says so, and no read goes past its cap.
//! The file is checked before it is opened, opened without blocking, and checked again
//! through the open handle, so that a file swapped in between is not read either.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// Folders of the operating system's pseudo-files: never read, wherever a link points.
const SYSTEM_FOLDERS: &[&str] = &["/proc", "/sys", "/dev"];

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// There is no such file.
    Missing,
    /// A symbolic link, not followed (`--follow` follows it).
    Link,
    /// Not a regular file: `a named pipe`, `a character device` ….
    Special(&'static str),
    /// Inside `/proc`, `/sys` or `/dev`.
    System(&'static str),
    /// Larger than the cap: its size when known, and the cap, in bytes.
    TooLarge {
        size: Option<u64>,
        cap: u64,
    },
    /// The file changed between its check and its opening.
    Swapped,
    Io(io::Error),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Missing => f.write_str("no such file"),
            Refusal::Link => f.write_str("a symbolic link: not followed (--follow follows it)"),
            Refusal::Special(what) => write!(f, "{what}: not read"),
            Refusal::System(folder) => {
                write!(f, "in {folder}, a folder of system files: not read")
            }
            Refusal::TooLarge {
                size: Some(size),
                cap,
            } => write!(
                f,
                "{}, over the {} limit: not read",
                bytes(*size),
                bytes(*cap)
            ),
            Refusal::TooLarge { size: None, cap } => {
                write!(f, "over the {} limit: not read", bytes(*cap))
            }
            Refusal::Swapped => f.write_str("replaced while it was being opened: not read"),
            Refusal::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl std::error::Error for Refusal {}

impl From<io::Error> for Refusal {
    fn from(e: io::Error) -> Refusal {
        if e.kind() == io::ErrorKind::NotFound {
            Refusal::Missing
        } else {
            Refusal::Io(e)
        }
    }
}

/// `64 KB`, `16 MB`, `1.5 MB`.
fn bytes(n: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        if n.is_multiple_of(MB) {
            format!("{} MB", n / MB)
        } else {
            format!("{:.1} MB", n as f64 / MB as f64)
        }
    } else if n >= KB {
        if n.is_multiple_of(KB) {
            format!("{} KB", n / KB)
        } else {
            format!("{:.1} KB", n as f64 / KB as f64)
        }
    } else {
        format!("{n} bytes")
    }
}

/// What a file is when it is not a regular file or a folder.
pub fn special_kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
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
    Some("not a regular file")
}

/// The system folder (`/proc`, `/sys`, `/dev`) that `path` lies in, once its links are
/// resolved.
pub fn system_folder(path: &Path) -> Option<&'static str> {
    let real = fs::canonicalize(path).ok()?;
    SYSTEM_FOLDERS
        .iter()
        .find(|folder| real.starts_with(folder))
        .copied()
}

/// Checks that `path` may be read: a regular file (a symbolic link only when `follow`), not
/// in a system folder. Returns its metadata.
pub fn check(path: &Path, follow: bool) -> Result<Metadata, Refusal> {
    let own = fs::symlink_metadata(path)?;
    let meta = if own.file_type().is_symlink() {
        if !follow {
            return Err(Refusal::Link);
        }
        fs::metadata(path)?
    } else {
        own
    };
    if let Some(what) = special_kind(&meta) {
        return Err(Refusal::Special(what));
    }
    if let Some(folder) = system_folder(path) {
        return Err(Refusal::System(folder));
    }
    Ok(meta)
}

/// The bytes of the file at `path`, at most `cap` of them: refused, unread, when it is not a
/// regular file, lies in a system folder, is a symbolic link and `follow` is false, or is
/// larger than `cap`.
pub fn read(path: &Path, cap: u64, follow: bool) -> Result<Vec<u8>, Refusal> {
    let meta = check(path, follow)?;
    if meta.len() > cap {
        return Err(Refusal::TooLarge {
            size: Some(meta.len()),
            cap,
        });
    }
    let file = open(path, follow)?;
    let opened = file.metadata()?;
    if let Some(what) = special_kind(&opened) {
        return Err(Refusal::Special(what));
    }
    if !same_file(&meta, &opened) {
        return Err(Refusal::Swapped);
    }
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize);
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        // It grew after it was checked.
        return Err(Refusal::TooLarge { size: None, cap });
    }
    Ok(bytes)
}

/// [`read`], as UTF-8 text.
pub fn read_text(path: &Path, cap: u64, follow: bool) -> Result<String, Refusal> {
    String::from_utf8(read(path, cap, follow)?).map_err(|e| {
        Refusal::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// Opens for reading without blocking (a pipe swapped in after the check would otherwise
/// wait for a writer) and, unless `follow`, without following a link swapped in.
#[cfg(unix)]
fn open(path: &Path, follow: bool) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    if !follow {
        flags |= libc::O_NOFOLLOW;
    }
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _follow: bool) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        for (n, want) in [
            (0, "0 bytes"),
            (1000, "1000 bytes"),
            (90_000, "87.9 KB"),
            (64 * 1024, "64 KB"),
            (16 * 1024 * 1024, "16 MB"),
            (3 * 1024 * 1024 / 2, "1.5 MB"),
        ] {
            assert_eq!(bytes(n), want);
        }
    }

    #[test]
    fn regular_files_are_read_up_to_their_cap_and_refused_beyond() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "12345").unwrap();
        assert_eq!(read(&path, 5, false).unwrap(), b"12345");
        let err = read(&path, 4, false).unwrap_err();
        assert!(
            matches!(
                err,
                Refusal::TooLarge {
                    size: Some(5),
                    cap: 4
                }
            ),
            "{err}"
        );
        assert!(matches!(
            read(&dir.path().join("none"), 9, false).unwrap_err(),
            Refusal::Missing
        ));
        assert_eq!(
            read(dir.path(), 9, false).unwrap_err().to_string(),
            "a folder: not read"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_special_files_and_system_files_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        fs::write(&target, "text").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(read(&link, 99, false).unwrap_err(), Refusal::Link));
        assert_eq!(read(&link, 99, true).unwrap(), b"text");

        let fifo = dir.path().join("pipe.meta");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = read(&fifo, 99, true).unwrap_err();
            assert_eq!(err.to_string(), "a named pipe: not read");
        }
        let zero = dir.path().join("zero.dict");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert_eq!(
            read(&zero, 99, true).unwrap_err().to_string(),
            "a character device: not read"
        );
        for system in [
            "/proc/self/status",
            "/proc/kmsg",
            "/sys/kernel/uevent_seqnum",
        ] {
            if !Path::new(system).exists() {
                continue;
            }
            let link = dir.path().join("sys.txt");
            let _ = fs::remove_file(&link);
            std::os::unix::fs::symlink(system, &link).unwrap();
            let err = read(&link, 1 << 20, true).unwrap_err();
            assert!(matches!(err, Refusal::System(_)), "{system}: {err}");
        }
    }
}
