//! The writer lock: one process at a time changes an index folder, and the others can say who.
//!
//! The lock is an advisory lock (`flock`) on a file of the index folder, taken before anything
//! in the folder is created, changed or deleted, and held until the update has committed. The
//! operating system releases it when its process ends, however it ends — a lock left by a
//! crashed or killed process is no lock at all, and the next update simply takes it. While it
//! is held, the file names the process that holds it, so that a second `index` can say whom
//! it waits for and a query can say why it answers from the last complete state.
//!
//! Readers take no lock: tantivy publishes a commit by renaming its `meta.json` over the old
//! one, so a reader sees the last complete commit, never half of one.

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// The lock file, in the index folder.
pub const FILE: &str = ".treatysearch-writer.lock";

/// Who holds the lock, as the holder wrote it down.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    /// The command line of the holder (`treatysearch index`).
    pub command: String,
    /// When it took the lock, in seconds since the epoch.
    pub since: u64,
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pid == 0 {
            return f.write_str("another treatysearch process");
        }
        write!(f, "process {} (`{}`", self.pid, self.command)?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        if self.since > 0 && now >= self.since {
            write!(f, ", for {} s", now - self.since)?;
        }
        f.write_str(")")
    }
}

/// The error of an update that would have had to wait for another process.
#[derive(Debug)]
pub struct IndexBusy {
    pub dir: PathBuf,
    pub holder: Holder,
}

impl fmt::Display for IndexBusy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the index in {} is being updated by {}: wait for it to finish",
            self.dir.display(),
            self.holder
        )
    }
}

impl std::error::Error for IndexBusy {}

/// What to do when another process holds the lock.
#[derive(Default, Clone, Copy)]
pub enum WhenLocked<'a> {
    /// Wait until it is released, first telling `notice` who holds it.
    #[default]
    Wait,
    WaitNoticing(&'a dyn Fn(&Holder)),
    /// Wait at most this long, first telling `notice` who holds it; then fail with
    /// [`GaveUpWaiting`] (a holder that hangs must not hang its waiters too).
    WaitAtMost(Duration, &'a dyn Fn(&Holder)),
    /// Fail at once with [`IndexBusy`].
    Fail,
}

/// The error of a wait for the lock that lasted longer than allowed.
#[derive(Debug)]
pub struct GaveUpWaiting {
    pub dir: PathBuf,
    pub holder: Holder,
    pub waited: Duration,
}

impl fmt::Display for GaveUpWaiting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "gave up after {} s waiting for {}, which holds the index in {}: ",
            self.waited.as_secs(),
            self.holder,
            self.dir.display()
        )?;
        if self.holder.pid != 0 {
            write!(
                f,
                "if it hangs, stop it (`kill {}`); else try again when it has finished",
                self.holder.pid
            )
        } else {
            f.write_str("try again when it has finished")
        }
    }
}

impl std::error::Error for GaveUpWaiting {}

/// A held writer lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct WriterLock {
    file: File,
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // No longer anyone's: the next holder's name must not be mistaken for ours.
        let _ = self.file.set_len(0);
    }
}

impl WriterLock {
    /// Takes the lock of the index in `dir` (creating the folder if need be).
    pub fn acquire(dir: &Path, when_locked: WhenLocked) -> Result<WriterLock> {
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
        let path = dir.join(FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let locked = |e: std::io::Error| {
            anyhow::Error::new(e).context(format!("cannot lock {}", path.display()))
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::Error(e)) => return Err(locked(e)),
            Err(TryLockError::WouldBlock) => {
                let holder = read_holder(&mut file);
                match when_locked {
                    WhenLocked::Fail => {
                        return Err(IndexBusy {
                            dir: dir.to_path_buf(),
                            holder,
                        }
                        .into());
                    }
                    WhenLocked::WaitNoticing(notice) => notice(&holder),
                    WhenLocked::WaitAtMost(limit, notice) => {
                        notice(&holder);
                        let deadline = Instant::now() + limit;
                        loop {
                            std::thread::sleep(Duration::from_millis(50));
                            match file.try_lock() {
                                Ok(()) => break,
                                Err(TryLockError::Error(e)) => return Err(locked(e)),
                                Err(TryLockError::WouldBlock) if Instant::now() >= deadline => {
                                    return Err(GaveUpWaiting {
                                        dir: dir.to_path_buf(),
                                        holder: read_holder(&mut file),
                                        waited: limit,
                                    }
                                    .into());
                                }
                                Err(TryLockError::WouldBlock) => {}
                            }
                        }
                        write_holder(&mut file);
                        return Ok(WriterLock { file });
                    }
                    WhenLocked::Wait => {}
                }
                file.lock().map_err(locked)?;
            }
        }
        write_holder(&mut file);
        Ok(WriterLock { file })
    }

    /// Who holds the lock of the index in `dir`, if anyone does.
    pub fn holder(dir: &Path) -> Option<Holder> {
        let mut file = File::open(dir.join(FILE)).ok()?;
        match file.try_lock_shared() {
            Ok(()) => None,
            Err(TryLockError::WouldBlock) => Some(read_holder(&mut file)),
            Err(TryLockError::Error(_)) => None,
        }
    }
}

/// The holder named in the lock file. A process that has just taken the lock writes its name
/// a moment later (until then the file is empty, or names a killed holder): a name that is not
/// of a live process is read again for a little while, then given up for a nameless holder.
fn read_holder(file: &mut File) -> Holder {
    for _ in 0..40 {
        let mut text = String::new();
        let _ = file.seek(SeekFrom::Start(0));
        let _ = Read::by_ref(file).take(4096).read_to_string(&mut text);
        if let Ok(holder) = serde_json::from_str::<Holder>(&text)
            && holder.pid != 0
            && is_alive(holder.pid)
        {
            return holder;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Holder::default()
}

/// Whether a process `pid` runs, where the system says (Linux's `/proc`); else assumed.
fn is_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Names this process in the lock file. Best effort: the lock works without it.
fn write_holder(file: &mut File) {
    // `args_os`: an argument that is not UTF-8 (a folder named in Latin-1) must not panic.
    let command = std::env::args_os()
        .enumerate()
        .map(|(i, a)| {
            let a = Path::new(&a);
            let shown = if i == 0 {
                a.file_name().unwrap_or(a.as_os_str())
            } else {
                a.as_os_str()
            };
            shown.to_string_lossy().into_owned()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let holder = Holder {
        pid: std::process::id(),
        command: command.chars().take(200).collect(),
        since: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    let Ok(bytes) = serde_json::to_vec(&holder) else {
        return;
    };
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.write_all(&bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_names_its_holder_and_is_released_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let lock = WriterLock::acquire(dir.path(), WhenLocked::Fail).unwrap();
        let holder = WriterLock::holder(dir.path()).expect("held");
        assert_eq!(holder.pid, std::process::id());
        let err = WriterLock::acquire(dir.path(), WhenLocked::Fail).unwrap_err();
        let busy = err.downcast_ref::<IndexBusy>().expect("IndexBusy");
        assert_eq!(busy.holder.pid, std::process::id());
        assert!(
            err.to_string().contains("being updated by process"),
            "{err}"
        );
        drop(lock);
        assert_eq!(WriterLock::holder(dir.path()), None);
        WriterLock::acquire(dir.path(), WhenLocked::Fail).unwrap();
    }

    #[test]
    fn a_bounded_wait_gives_up_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let _held = WriterLock::acquire(dir.path(), WhenLocked::Fail).unwrap();
        let noticed = std::cell::Cell::new(false);
        let notice = |_: &Holder| noticed.set(true);
        let started = Instant::now();
        let err = WriterLock::acquire(
            dir.path(),
            WhenLocked::WaitAtMost(Duration::from_millis(300), &notice),
        )
        .unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(noticed.get());
        let gave_up = err.downcast_ref::<GaveUpWaiting>().expect("GaveUpWaiting");
        assert_eq!(gave_up.holder.pid, std::process::id());
        assert!(
            err.to_string()
                .contains("gave up after 0 s waiting for process"),
            "{err}"
        );
        assert!(err.to_string().contains("kill"), "{err}");
    }

    #[test]
    fn a_lock_file_left_behind_is_no_lock() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(FILE),
            r#"{"pid":999999,"command":"treatysearch index","since":1}"#,
        )
        .unwrap();
        assert_eq!(WriterLock::holder(dir.path()), None);
        WriterLock::acquire(dir.path(), WhenLocked::Fail).unwrap();
    }
}
