//! Whether the index is up to date with the corpus, known without walking the corpus.
//!
//! A query must not answer from an index older than the corpus, but checking every file (what
//! `index` does: one `stat` each) costs more than the search itself on a large corpus and
//! grows with it. A folder's modification time moves whenever a file in it is created,
//! deleted or renamed — which is how documents arrive and leave, and how most tools save a
//! file safely (write a new one, rename it over the old). So every full walk records the times
//! of the folders it listed (each read before the folder was listed) with the fingerprint of
//! what it found, and a query that finds every folder's time unchanged uses the index as it
//! is: one `stat` per folder, whatever the number of files. A file overwritten in place leaves
//! its folder's time alone; `treatysearch index`, which checks every file, picks it up.
//!
//! A time within two seconds of the walk is not trusted: file systems store times coarsely
//! (the kernel's clock advances in steps of milliseconds, FAT's in two seconds), so a change
//! made in the same step as the walk could leave the time as recorded. A folder that recent
//! sends queries through a full walk, which records it once it has settled.
//!
//! The record is a cache beside the index, not part of its commit: lost or damaged, it only
//! costs the next query a walk.
//!
//! Only corpora of at least [`TRUST_FOLDERS_FROM`] documents are recorded: below that, a walk
//! costs a query a millisecond or two, and the query sees every change, even a file overwritten
//! in place. `TREATYSEARCH_TRUST_FOLDERS_FROM` sets the number (0: always trust folder times).

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Listing, Warning};

/// The record's file in the index folder.
pub const FILE: &str = "corpus-folders.json";
/// The temporary file it is written through.
pub const TMP: &str = "corpus-folders.json.tmp";

/// Corpora with fewer documents are always walked by queries (see the module docs).
pub const TRUST_FOLDERS_FROM: usize = 1000;

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
    /// What the walk could not read (folders, names), reported again by every query.
    warnings: Vec<(PathBuf, String)>,
    /// Whether the walk followed symbolic links: a query that does not must walk.
    #[serde(default)]
    follow: bool,
}

/// Records the folders of `listing`, the walk that gave the index (in `index_dir`) its stamp's
/// fingerprint `corpus`. When a folder is too recent to be trusted, removes any record
/// instead, so that queries walk until a later walk finds the corpus settled.
pub fn record(index_dir: &Path, corpus: &str, listing: &Listing) {
    record_from(index_dir, corpus, listing, trust_folders_from());
}

/// [`record`], for corpora of at least `trust_from` documents.
fn record_from(index_dir: &Path, corpus: &str, listing: &Listing, trust_from: usize) {
    let path = index_dir.join(FILE);
    if listing.files.len() < trust_from {
        let _ = fs::remove_file(&path);
        return;
    }
    let settled = listing
        .folders
        .iter()
        .all(|f| f.mtime_ns > 0 && f.mtime_ns.saturating_add(SETTLE_NS) < listing.started_ns);
    if !settled {
        let _ = fs::remove_file(&path);
        return;
    }
    let record = Record {
        corpus: corpus.to_string(),
        folders: listing
            .folders
            .iter()
            .map(|f| (f.rel.clone(), f.mtime_ns))
            .collect(),
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

/// The warnings of the recorded walk, if the record vouches for an index stamped `corpus`
/// and every recorded folder under `root` still has its recorded time; `None` when the
/// corpus must be walked.
pub fn unchanged(
    index_dir: &Path,
    root: &Path,
    corpus: &str,
    follow: bool,
) -> Option<Vec<Warning>> {
    let record = read(&index_dir.join(FILE))?;
    if corpus.is_empty() || record.corpus != corpus || record.follow != follow {
        return None;
    }
    for (rel, mtime_ns) in &record.folders {
        let meta = fs::metadata(root.join(rel)).ok()?;
        let now = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as u64;
        if !meta.is_dir() || now != *mtime_ns {
            return None;
        }
    }
    Some(
        record
            .warnings
            .into_iter()
            .map(|(path, reason)| Warning::skipped(path, reason))
            .collect(),
    )
}

fn read(path: &Path) -> Option<Record> {
    serde_json::from_slice(&fs::read(path).ok()?).ok()
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
