//! The index folder as tantivy sees it: memory-mapped files, readable even where nothing can
//! be written (a read-only disk, a folder shared without write permission).
//!
//! tantivy takes a lock file before it reads `meta.json`, so that no writer replaces it
//! meanwhile; creating that file fails on a read-only folder, and so would every query. Where
//! the folder cannot be written, no writer can replace anything either: reading goes on
//! without the lock.
//!
//! Two more departures from tantivy's `MmapDirectory`. Its atomic writes (`meta.json`,
//! `.managed.json`) go through a temporary file created 0600, so that a colleague sharing the
//! index could not read it; ours create the file as any other, by the umask. And it deletes
//! whatever its garbage collection asks for; ours deletes only segment files by tantivy's own
//! naming (a `.managed.json` listing a user's file cannot make it delete that file).

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, META_LOCK, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr,
};

/// The temporary files of the atomic writes of `meta.json` and `.managed.json` (the only
/// files tantivy writes atomically): fixed names, so that a run killed while writing one
/// leaves a file the next run knows as its own.
pub(crate) const META_TMP: &str = "meta.json.tmp";
pub(crate) const MANAGED_TMP: &str = ".managed.json.tmp";

#[derive(Clone, Debug)]
pub(crate) struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    /// Writes nothing, not even a lock file: for looking at a folder that may not be ours.
    read_only: bool,
}

impl IndexDirectory {
    pub(crate) fn open(dir: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
            read_only: false,
        })
    }

    /// [`IndexDirectory::open`], refusing every write.
    pub(crate) fn read_only(dir: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory {
            read_only: true,
            ..IndexDirectory::open(dir)?
        })
    }

    fn refuse_write(&self) -> io::Result<()> {
        if self.read_only {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the index folder is opened read-only",
            ));
        }
        Ok(())
    }
}

/// True for the name of a segment file as tantivy names them: a 32-hex-digit segment id and a
/// component (`.idx`, `.pos`, `.term`, `.store`, `.store.temp`, `.fast`, `.fieldnorm`, or
/// `.<opstamp>.del`).
pub(crate) fn is_segment_file(name: &str) -> bool {
    let Some((stem, ext)) = name.split_once('.') else {
        return false;
    };
    let uuid = stem.len() == 32 && stem.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let component = match ext {
        "idx" | "pos" | "term" | "store" | "store.temp" | "fast" | "fieldnorm" => true,
        _ => ext.strip_suffix(".del").is_some_and(|opstamp| {
            !opstamp.is_empty() && opstamp.bytes().all(|b| b.is_ascii_digit())
        }),
    };
    uuid && component
}

/// The file name of `path` when it is a bare name in the folder (no `..`, no sub-folder).
fn bare_name(path: &Path) -> Option<&str> {
    let mut components = path.components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(name)), None) => name.to_str(),
        _ => None,
    }
}

/// Writes `data` to `path` through the temporary file `tmp` (created by the umask, like any
/// file) and a rename: a reader sees the old content or the new, never part of it.
fn write_atomically(tmp: &Path, path: &Path, data: &[u8]) -> io::Result<()> {
    match fs::remove_file(tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    file.write_all(data)?;
    file.sync_data()?;
    fs::rename(tmp, path)
}

/// True for the errors of a folder that cannot be written.
fn is_unwritable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.inner.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        if self.read_only || !bare_name(path).is_some_and(is_segment_file) {
            return Err(DeleteError::IoError {
                io_error: Arc::new(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "not a segment file of this index: left alone",
                )),
                filepath: path.to_path_buf(),
            });
        }
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.refuse_write()
            .map_err(|e| OpenWriteError::wrap_io_error(e, path.to_path_buf()))?;
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.refuse_write()?;
        let tmp = match bare_name(path) {
            Some("meta.json") => META_TMP,
            Some(".managed.json") => MANAGED_TMP,
            // No other file is written atomically by tantivy 0.27; should one be, tantivy's
            // own way is kept rather than a temporary file of a name we do not know.
            _ => return self.inner.atomic_write(path, data),
        };
        write_atomically(&self.root.join(tmp), &self.root.join(path), data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        if self.read_only {
            if lock.filepath == META_LOCK.filepath {
                return Ok(DirectoryLock::from(Box::new(())));
            }
            return Err(LockError::LockBusy);
        }
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && is_unwritable(&e) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_file_names() {
        let id = "0123456789abcdef0123456789abcdef";
        for (name, segment) in [
            (format!("{id}.idx"), true),
            (format!("{id}.pos"), true),
            (format!("{id}.store.temp"), true),
            (format!("{id}.fieldnorm"), true),
            (format!("{id}.17.del"), true),
            (format!("{id}.del"), false),
            (format!("{id}.x.del"), false),
            (format!("{id}.jpg"), false),
            (id.to_string(), false),
            ("d41d8cd98f00b204e9800998ecf8427e.jpg".to_string(), false),
            ("0123456789ABCDEF0123456789ABCDEF.idx".to_string(), false),
            (format!("{}.idx", &id[1..]), false),
            ("meta.json".to_string(), false),
            (".managed.json".to_string(), false),
            ("notes.txt".to_string(), false),
        ] {
            assert_eq!(is_segment_file(&name), segment, "{name}");
        }
    }

    #[test]
    fn only_segment_files_are_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::open(dir.path()).unwrap();
        let segment = "0123456789abcdef0123456789abcdef.idx";
        for name in [segment, "notes.txt", "d41d8cd98f00b204e9800998ecf8427e.jpg"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub").join(segment), "x").unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join(segment), "x").unwrap();
        directory.delete(Path::new(segment)).unwrap();
        for name in [
            PathBuf::from("notes.txt"),
            PathBuf::from("d41d8cd98f00b204e9800998ecf8427e.jpg"),
            Path::new("sub").join(segment),
            Path::new("..").join(segment),
            outside.path().join(segment),
        ] {
            assert!(directory.delete(&name).is_err(), "{}", name.display());
        }
        assert!(!dir.path().join(segment).exists());
        assert!(dir.path().join("notes.txt").exists());
        assert!(dir.path().join("sub").join(segment).exists());
        assert!(outside.path().join(segment).exists());
    }

    #[test]
    fn atomic_writes_follow_the_umask_and_read_only_writes_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::open(dir.path()).unwrap();
        directory
            .atomic_write(Path::new("meta.json"), b"{}")
            .unwrap();
        assert_eq!(fs::read(dir.path().join("meta.json")).unwrap(), b"{}");
        assert!(!dir.path().join(META_TMP).exists());
        // What a plain `File::create` gets here, under this process's umask.
        fs::write(dir.path().join("probe"), "").unwrap();
        let mode = |n: &str| {
            fs::metadata(dir.path().join(n))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode("meta.json"), mode("probe"));

        let read_only = IndexDirectory::read_only(dir.path()).unwrap();
        assert!(
            read_only
                .atomic_write(Path::new("meta.json"), b"x")
                .is_err()
        );
        assert!(read_only.open_write(Path::new("a.idx")).is_err());
        assert!(read_only.acquire_lock(&META_LOCK).is_ok());
        assert!(!dir.path().join(".tantivy-meta.lock").exists());
        assert_eq!(fs::read(dir.path().join("meta.json")).unwrap(), b"{}");
    }
}
