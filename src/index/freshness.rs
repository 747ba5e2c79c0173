//! Whether the index is up to date with the corpus, known without walking the corpus.
//!
//! A query must not answer from an index older than the corpus, but a walk (what `index`
//! does: list every folder, look at every name, `stat` every file, sort, fingerprint) costs
//! more than the search itself. So every full walk leaves a record beside the index: the
//! modification time of every folder it listed (each read before the folder was listed), and
//! the documents it found. A query then checks, without listing anything:
//!
//! 1. **Folder times.** A folder's time moves whenever a name in it is created, deleted or
//!    renamed — how documents arrive and leave, and how most tools save a file safely (write a
//!    new one, rename it over the old). Every folder is recorded, subfolders included (a change
//!    in `a/b/` moves the time of `a/b/`, not of `a/`), so unchanged times mean that the walk
//!    would find the same names.
//! 2. **File times and sizes.** With the same names, the walk's fingerprint is a function of
//!    each document's (and sidecar's) size and time: one `stat` each, relative to its open
//!    folder, gives it again. This catches a file overwritten in place (`>>`, an editor that
//!    writes into the file), which leaves its folder's time alone, and, with `--follow`, a
//!    linked file changed or removed where it lives.
//!
//! So a query that passes both sees what a walk would see, for the cost of one `stat` per
//! folder and per file, with no listing, sorting or allocation per name; `query` runs it on a
//! second thread while the index is opened and searched. What it does not see, a walk does
//! not see either: a change that keeps a file's size and time (a time set back on purpose,
//! or a change within the file system's time step of the walk: see below).
//!
//! From [`TRUST_FOLDERS_FROM`] documents on, step 2 is skipped: a query trusts folder times
//! alone, one `stat` per folder whatever the number of files, and a file overwritten in place
//! is only seen by `treatysearch index`, which walks. `TREATYSEARCH_TRUST_FOLDERS_FROM` sets the
//! number (0: always trust folder times alone).
//!
//! A time within two seconds of the walk is not trusted: file systems store times coarsely
//! (the kernel's clock advances in steps of milliseconds, FAT's in two seconds), so a change
//! made in the same step as the walk could leave the time as recorded. A folder that recent
//! sends queries through a full walk, which records it once it has settled.
//!
//! The record is a cache beside the index, not part of its commit: lost or damaged, it only
//! costs the next query a walk.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{CorpusFile, Listing, Warning};

/// The record's file in the index folder.
pub const FILE: &str = "corpus-folders.json";
/// The temporary file it is written through.
pub const TMP: &str = "corpus-folders.json.tmp";

/// From this many documents on, queries trust folder times alone (see the module docs): a
/// `stat` per file costs about a microsecond, so below it the check of every file stays
/// within a few milliseconds, on a second thread.
pub const TRUST_FOLDERS_FROM: usize = 20_000;

fn trust_folders_from() -> usize {
    std::env::var("TREATYSEARCH_TRUST_FOLDERS_FROM")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(TRUST_FOLDERS_FROM)
}

/// Folder times this close to the walk are not trusted (see the module docs).
const SETTLE_NS: u64 = 2_000_000_000;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Record {
    /// The fingerprint of the corpus listing (the index stamp's) that the folders vouch for.
    corpus: String,
    /// `(path relative to the corpus, modification time in ns)` of every folder.
    folders: Vec<(String, u64)>,
    /// The documents of the walk, relative to the corpus, in its order, and whether each had
    /// a sidecar: with every folder's time unchanged, their sizes and times give its
    /// fingerprint again (a sidecar that comes or goes moves its folder's time, so only those
    /// there are looked at). Empty when folder times alone are trusted.
    #[serde(default)]
    files: Vec<(String, bool)>,
    /// What the walk could not read (folders, names), reported again by every query.
    warnings: Vec<(PathBuf, String)>,
    /// Whether the walk followed symbolic links: a query that does not must walk.
    #[serde(default)]
    follow: bool,
}

/// Records the folders and documents of `listing`, the walk that gave the index (in
/// `index_dir`) its stamp's fingerprint `corpus`. When a folder is too recent to be trusted,
/// removes any record instead, so that queries walk until a later walk finds the corpus
/// settled.
pub fn record(index_dir: &Path, corpus: &str, listing: &Listing) {
    record_from(index_dir, corpus, listing, trust_folders_from());
}

/// [`record`], trusting folder times alone from `trust_from` documents on.
fn record_from(index_dir: &Path, corpus: &str, listing: &Listing, trust_from: usize) {
    let path = index_dir.join(FILE);
    let settled = listing
        .folders
        .iter()
        .all(|f| f.mtime_ns > 0 && f.mtime_ns.saturating_add(SETTLE_NS) < listing.started_ns);
    if !settled {
        let _ = fs::remove_file(&path);
        return;
    }
    let files = if listing.files.len() >= trust_from {
        Vec::new()
    } else {
        match files::sidecars(&listing.files, listing.follow) {
            Some(files) => files,
            // A folder that cannot be opened now: no record, queries walk.
            None => {
                let _ = fs::remove_file(&path);
                return;
            }
        }
    };
    let record = Record {
        corpus: corpus.to_string(),
        folders: listing
            .folders
            .iter()
            .map(|f| (f.rel.clone(), f.mtime_ns))
            .collect(),
        files,
        warnings: listing
            .warnings
            .iter()
            .map(|w| (w.path.clone(), w.reason.clone()))
            .collect(),
        follow: listing.follow,
    };
    if read(&path).is_some_and(|old| old == record) {
        return;
    }
    let Ok(bytes) = serde_json::to_vec(&record) else {
        return;
    };
    // A torn write is read as no record at all: no need to sync.
    let tmp = index_dir.join(TMP);
    if fs::write(&tmp, bytes).is_ok() {
        let _ = fs::rename(&tmp, &path);
    }
}

/// What the record says of the corpus when it still holds: the fingerprint a walk would give
/// and the warnings it would report.
#[derive(Debug)]
pub struct Unchanged {
    /// The fingerprint of the listing the record was made from.
    pub corpus: String,
    pub warnings: Vec<Warning>,
}

impl Unchanged {
    /// True when the record vouches for an index stamped `corpus`.
    pub fn vouches_for(&self, corpus: &str) -> bool {
        !corpus.is_empty() && self.corpus == corpus
    }
}

/// The warnings of the recorded walk, if the record vouches for an index stamped `corpus`
/// and the corpus under `root` is as recorded (see the module docs); `None` when the corpus
/// must be walked.
pub fn unchanged(
    index_dir: &Path,
    root: &Path,
    corpus: &str,
    follow: bool,
) -> Option<Vec<Warning>> {
    check(index_dir, root, follow)
        .filter(|u| u.vouches_for(corpus))
        .map(|u| u.warnings)
}

/// What the record in `index_dir` vouches for, if the corpus under `root` is as recorded:
/// [`unchanged`] without the index's stamp, so that it can run while the index is opened.
pub fn check(index_dir: &Path, root: &Path, follow: bool) -> Option<Unchanged> {
    let record = read(&index_dir.join(FILE))?;
    if record.corpus.is_empty() || record.follow != follow {
        return None;
    }
    for (rel, mtime_ns) in &record.folders {
        let meta = fs::metadata(root.join(rel)).ok()?;
        if !meta.is_dir() || mtime_of(&meta)? != *mtime_ns {
            return None;
        }
    }
    if !record.files.is_empty() && record.files.len() < trust_folders_from() {
        let files = files::examine(root, &record.files, follow)?;
        if crate::corpus::fingerprint(&files) != record.corpus {
            return None;
        }
    }
    Some(Unchanged {
        corpus: record.corpus,
        warnings: record
            .warnings
            .into_iter()
            .map(|(path, reason)| Warning::skipped(path, reason))
            .collect(),
    })
}

fn mtime_of(meta: &fs::Metadata) -> Option<u64> {
    Some(
        meta.modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as u64,
    )
}

fn read(path: &Path) -> Option<Record> {
    serde_json::from_slice(&fs::read(path).ok()?).ok()
}

/// The sizes and times of the recorded documents, as the walk measures them (a document's
/// sidecar, `NAME.meta`, counted in), without listing a folder.
mod files {
    use super::*;

    /// The name of a document's sidecar: `STEM.meta` beside it.
    fn sidecar(name: &str) -> String {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        format!("{stem}.meta")
    }

    /// Each document of a walk (`files`, its paths), with whether it has a sidecar that the
    /// walk counted in (with links not followed, a link named so is no sidecar, as the walk
    /// has it); `None` when a folder cannot be opened.
    pub(super) fn sidecars(files: &[CorpusFile], follow: bool) -> Option<Vec<(String, bool)>> {
        let mut folder = Folder::default();
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let (dir, name) = file.rel.rsplit_once('/').unwrap_or(("", &file.rel));
            folder.enter(&file.path, dir, name)?;
            let has = matches!(folder.stat(&sidecar(name), follow), Some((Some(_), _)));
            out.push((file.rel.clone(), has));
        }
        Some(out)
    }

    /// The documents `rels` under `root` as a walk would list them (paths left empty: the
    /// fingerprint does not use them); `None` when one of them cannot be examined.
    pub(super) fn examine(
        root: &Path,
        rels: &[(String, bool)],
        follow: bool,
    ) -> Option<Vec<CorpusFile>> {
        let mut folder = Folder::default();
        let mut out = Vec::with_capacity(rels.len());
        for (rel, has_sidecar) in rels {
            let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
            folder.enter_under(root, dir)?;
            let (size, mtime_ns) = folder.stat(name, true)?;
            let (mut size, mut mtime_ns) = (size?, mtime_ns);
            if *has_sidecar {
                // Gone or no longer a file: the walk would count it out, so must this.
                let (extra, time) = folder.stat(&sidecar(name), follow)?;
                size += extra?;
                mtime_ns = mtime_ns.max(time);
            }
            out.push(CorpusFile {
                rel: rel.clone(),
                path: PathBuf::new(),
                size,
                mtime_ns,
            });
        }
        Some(out)
    }

    /// The folder the documents being examined are in, open.
    #[derive(Default)]
    struct Folder {
        rel: Option<String>,
        #[cfg(unix)]
        handle: Option<fs::File>,
        #[cfg(not(unix))]
        path: PathBuf,
    }

    impl Folder {
        /// Opens the folder `dir` (relative to the corpus) of the document at `path`, named
        /// `name`, unless it is open already.
        fn enter(&mut self, path: &Path, dir: &str, name: &str) -> Option<()> {
            if self.rel.as_deref() == Some(dir) {
                return Some(());
            }
            debug_assert!(path.ends_with(name));
            self.open(path.parent()?.to_path_buf(), dir)
        }

        /// Opens the folder `dir` under `root`, unless it is open already.
        fn enter_under(&mut self, root: &Path, dir: &str) -> Option<()> {
            if self.rel.as_deref() == Some(dir) {
                return Some(());
            }
            let path = if dir.is_empty() {
                root.to_path_buf()
            } else {
                root.join(dir)
            };
            self.open(path, dir)
        }

        fn open(&mut self, path: PathBuf, dir: &str) -> Option<()> {
            #[cfg(unix)]
            {
                self.handle = Some(fs::File::open(&path).ok()?);
            }
            #[cfg(not(unix))]
            {
                self.path = path;
            }
            self.rel = Some(dir.to_string());
            Some(())
        }

        /// `(Some(size), mtime)` of a file named `name` in the folder (following a link when
        /// `follow`), `(None, _)` for anything else; `None` when there is no such name.
        #[cfg(unix)]
        fn stat(&self, name: &str, follow: bool) -> Option<(Option<u64>, u64)> {
            use std::os::fd::AsRawFd;
            let handle = self.handle.as_ref()?;
            let name = std::ffi::CString::new(name).ok()?;
            let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
            let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            // SAFETY: a valid folder descriptor, a NUL-terminated name and a buffer of the
            // size `fstatat` writes.
            let done =
                unsafe { libc::fstatat(handle.as_raw_fd(), name.as_ptr(), st.as_mut_ptr(), flags) };
            if done != 0 {
                return None;
            }
            // SAFETY: `fstatat` succeeded, so it filled the buffer.
            let st = unsafe { st.assume_init() };
            // As `SystemTime` has it, in ns since the epoch; 0 before it (as the walk has it).
            let mtime_ns = if st.st_mtime < 0 {
                0
            } else {
                (st.st_mtime as u64)
                    .saturating_mul(1_000_000_000)
                    .saturating_add(st.st_mtime_nsec as u64)
            };
            let file = st.st_mode & libc::S_IFMT == libc::S_IFREG;
            Some((file.then_some(st.st_size as u64), mtime_ns))
        }

        #[cfg(not(unix))]
        fn stat(&self, name: &str, follow: bool) -> Option<(Option<u64>, u64)> {
            let path = self.path.join(name);
            let meta = if follow {
                fs::metadata(path)
            } else {
                fs::symlink_metadata(path)
            }
            .ok()?;
            Some((meta.is_file().then_some(meta.len()), mtime_of(&meta)?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, Folder};
    use std::time::{Duration, SystemTime};

    fn age(path: &Path, by: Duration) {
        let file = fs::File::open(path).unwrap();
        file.set_modified(SystemTime::now() - by).unwrap();
    }

    #[test]
    fn settled_folders_vouch_until_a_file_comes_or_goes() {
        let dir = tempfile::tempdir().unwrap();
        let (root, index) = (dir.path().join("corpus"), dir.path().join("index"));
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir(&index).unwrap();
        fs::write(root.join("sub/a.txt"), "a").unwrap();
        age(&root, Duration::from_secs(60));
        age(&root.join("sub"), Duration::from_secs(60));

        let listing = corpus::list(&root, false).unwrap();
        assert_eq!(listing.folders.len(), 2);
        record_from(&index, "f1", &listing, 0);
        assert!(unchanged(&index, &root, "f1", false).is_some_and(|w| w.is_empty()));
        assert!(
            unchanged(&index, &root, "f2", false).is_none(),
            "another stamp"
        );

        fs::write(root.join("sub/b.txt"), "b").unwrap();
        assert!(
            unchanged(&index, &root, "f1", false).is_none(),
            "a file came"
        );
    }

    #[test]
    fn recorded_files_give_the_walks_fingerprint_until_one_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        let (root, index) = (dir.path().join("corpus"), dir.path().join("index"));
        fs::create_dir_all(root.join("sub/deeper")).unwrap();
        fs::create_dir(&index).unwrap();
        fs::write(root.join("a.txt"), "a").unwrap();
        fs::write(root.join("sub/deeper/b.md"), "b").unwrap();
        fs::write(root.join("sub/deeper/b.meta"), "title: B\n").unwrap();
        // One fixed time, so that a folder's time can be put back exactly as recorded.
        let settled = |folder: &str| {
            let file = fs::File::open(root.join(folder)).unwrap();
            file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
                .unwrap();
        };
        for folder in ["", "sub", "sub/deeper"] {
            settled(folder);
        }
        let listing = corpus::list(&root, false).unwrap();
        let fingerprint = corpus::fingerprint(&listing.files);
        record_from(&index, &fingerprint, &listing, usize::MAX);
        let record = read(&index.join(FILE)).unwrap();
        assert_eq!(
            record.files,
            [("a.txt".into(), false), ("sub/deeper/b.md".into(), true)]
        );
        assert!(unchanged(&index, &root, &fingerprint, false).is_some());
        assert!(
            unchanged(&index, &root, &fingerprint, true).is_none(),
            "follow differs"
        );

        // The sidecar overwritten in place, its folder's time put back: only its own tells.
        fs::write(root.join("sub/deeper/b.meta"), "title: Bee\n").unwrap();
        settled("sub/deeper");
        assert!(unchanged(&index, &root, &fingerprint, false).is_none());
        let listing = corpus::list(&root, false).unwrap();
        let fingerprint = corpus::fingerprint(&listing.files);
        record_from(&index, &fingerprint, &listing, usize::MAX);
        assert!(unchanged(&index, &root, &fingerprint, false).is_some());

        // The document gone (its folder's time put back too): the check fails, not errs.
        fs::remove_file(root.join("a.txt")).unwrap();
        settled("");
        assert!(unchanged(&index, &root, &fingerprint, false).is_none());
    }

    #[test]
    fn recent_folders_are_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (root, index) = (dir.path().join("corpus"), dir.path().join("index"));
        fs::create_dir_all(&root).unwrap();
        fs::create_dir(&index).unwrap();
        fs::write(root.join("a.txt"), "a").unwrap();
        let mut listing = corpus::list(&root, false).unwrap();
        record_from(&index, "f1", &listing, 0);
        assert!(unchanged(&index, &root, "f1", false).is_none());
        // A settled listing records; a later unsettled one removes the record.
        listing.folders = vec![Folder {
            rel: String::new(),
            mtime_ns: 1,
        }];
        record_from(&index, "f1", &listing, 0);
        assert!(index.join(FILE).is_file());
        listing.folders[0].mtime_ns = listing.started_ns;
        record_from(&index, "f1", &listing, 0);
        assert!(!index.join(FILE).exists());
    }
}
