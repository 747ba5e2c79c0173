//! Which files of the index folder are ours: the only ones treatysearch ever deletes or
//! overwrites.
//!
//! A folder is ours when it holds the [`MARKER`], written (with a format version) before
//! anything else when treatysearch creates an index there. Inside it, the files we may delete
//! are named exactly, never matched by a pattern: those tantivy's `meta.json` and
//! `.managed.json` list, and the record files of [`RECORDS`]. A user's `notes.txt`,
//! `manifest.json` or `d41d8cd98f00b204e9800998ecf8427e.jpg` in the folder is never touched.
//!
//! A folder without the marker is claimed only when it is empty, or holds an index of an
//! earlier release (which wrote no marker) and nothing else: every file is one that its
//! `meta.json` or `.managed.json` lists, or an exact name of ours. Any other file means the
//! folder is someone else's, and every command that would write there refuses, naming the
//! folder and the file, before it creates or deletes anything (not even a lock file).
//!
//! The corpus and the index must not contain one another: an index inside the corpus would be
//! walked as documents, a corpus inside the index would be at the mercy of its clean-ups.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::record::{MANIFEST_SLOTS, MANIFEST_TMP, Stamp, WRITER};
use super::{directory, freshness, lock};

/// The marker of an index folder made by treatysearch.
pub const MARKER: &str = "treatysearch-index.json";

/// The layout of the folder that the marker vouches for. A later release that changes what
/// the folder holds raises it; this one refuses a folder of a higher format.
pub const FORMAT: u32 = 1;

/// The marker's content.
#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format: u32,
    #[serde(default)]
    made_by: String,
}

/// treatysearch's own record files, by exact name: the manifests (two slots, written in
/// turn), the folder-time record, and the temporary files they and tantivy's atomic writes
/// are written through (see `directory`).
pub const RECORDS: &[&str] = &[
    MANIFEST_SLOTS[0],
    MANIFEST_SLOTS[1],
    MANIFEST_TMP,
    freshness::FILE,
    freshness::TMP,
    directory::META_TMP,
    directory::MANAGED_TMP,
];

/// Files that a run of ours leaves in a folder before its index exists: locks (an OS lock
/// dies with its process; the file stays) and the marker's temporary file. Never deleted.
const LEFT_BEFORE_INDEX: &[&str] = &[
    lock::FILE,
    ".tantivy-writer.lock",
    ".tantivy-meta.lock",
    MARKER_TMP,
];

/// Files a folder may hold and still count as empty: they are nobody's documents, and are
/// never touched.
const IGNORED: &[&str] = &[".gitkeep", ".DS_Store"];

const MARKER_TMP: &str = "treatysearch-index.json.tmp";

/// Larger `meta.json`, `.managed.json` or marker files are not an index's (ours are a few KB).
const MAX_META_BYTES: u64 = 16 * 1024 * 1024;

/// What an index folder is to treatysearch.
#[derive(Debug, PartialEq, Eq)]
pub enum Owner {
    /// No folder yet, or an empty one: ours to make.
    Nobody,
    /// Marked as ours.
    Us,
    /// An index of an earlier release, with no marker and no file that is not its own.
    Earlier,
}

/// Why treatysearch refuses to write in a folder.
#[derive(Debug)]
pub struct NotOurs {
    pub dir: PathBuf,
    pub why: String,
}

impl std::fmt::Display for NotOurs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "refusing to use {} as the index folder: {}",
            self.dir.display(),
            self.why
        )
    }
}

impl std::error::Error for NotOurs {}

fn not_ours(dir: &Path, why: String) -> anyhow::Error {
    NotOurs {
        dir: dir.to_path_buf(),
        why,
    }
    .into()
}

/// Whose `dir` is, without writing anything; an error ([`NotOurs`]) when it is someone else's.
pub fn inspect(dir: &Path) -> Result<Owner> {
    if dir.as_os_str().is_empty() {
        // Would be taken for the working folder by some calls and for nothing by others.
        bail!("the index folder is an empty path: name a folder with --index");
    }
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Owner::Nobody),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot read the index folder {}", dir.display()));
        }
    };
    if !meta.is_dir() {
        return Err(not_ours(dir, "it is not a folder".into()));
    }
    match read_marker(dir)? {
        Some(marker) if marker.format <= FORMAT => return Ok(Owner::Us),
        Some(marker) => {
            return Err(not_ours(
                dir,
                format!(
                    "it holds an index of format {} (this treatysearch reads format {FORMAT}): \
                     use the release that made it, or delete the folder and index again",
                    marker.format
                ),
            ));
        }
        None => {}
    }
    let names = entries(dir)?;
    let rest: Vec<&String> = names
        .iter()
        .filter(|n| !IGNORED.contains(&n.as_str()) && !LEFT_BEFORE_INDEX.contains(&n.as_str()))
        .collect();
    if rest.is_empty() {
        return Ok(Owner::Nobody);
    }
    let someone_elses = |name: &str| {
        not_ours(
            dir,
            format!(
                "it is not empty and treatysearch did not make it (it holds {name}); \
                 treatysearch writes only in an empty or new folder, which it marks with {MARKER}: \
                 choose another --index"
            ),
        )
    };
    if !names.iter().any(|n| n == "meta.json") {
        return Err(someone_elses(rest[0]));
    }
    let Some(earlier) = earlier_index(dir) else {
        return Err(someone_elses(
            "a meta.json that is not a treatysearch index's",
        ));
    };
    if let Some(stranger) = rest.iter().find(|n| !earlier.contains(n.as_str())) {
        return Err(not_ours(
            dir,
            format!(
                "it holds an index of an earlier treatysearch, but also {stranger}, which \
                 treatysearch cannot prove it made: move that file out of the folder, or delete \
                 the folder and index again"
            ),
        ));
    }
    Ok(Owner::Earlier)
}

/// Makes sure `dir` is ours before anything is written there: creates it (and its marker)
/// when missing or empty, marks an index of an earlier release, refuses anything else.
pub fn claim(dir: &Path) -> Result<()> {
    // Two processes may claim a new folder at once (two first queries): one writes the
    // marker, the other finds it written. The wait outlasts the age at which a temporary
    // marker counts as left by a killed run (5 s), since a loaded disk may take seconds to sync
    // one; a count of tries ran out under load.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while std::time::Instant::now() < deadline {
        if inspect(dir)? == Owner::Us {
            return Ok(());
        }
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
        match write_marker(dir) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot create an index in {}", dir.display()));
            }
        }
    }
    bail!(
        "cannot create an index in {}: another process keeps writing {MARKER_TMP}",
        dir.display()
    )
}

/// Writes the marker through its temporary file. `WouldBlock` when another process is
/// writing it (the temporary file is recent) or a run killed while writing it left it (it is
/// old: removed, for the next try).
fn write_marker(dir: &Path) -> std::io::Result<()> {
    let marker = Marker {
        format: FORMAT,
        made_by: format!("treatysearch {}", WRITER),
    };
    let mut bytes = serde_json::to_vec(&marker).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    let tmp = dir.join(MARKER_TMP);
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let age = fs::symlink_metadata(&tmp)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok());
            if age.is_some_and(|a| a > std::time::Duration::from_secs(5)) {
                let _ = fs::remove_file(&tmp);
            }
            return Err(std::io::ErrorKind::WouldBlock.into());
        }
        Err(e) => return Err(e),
    };
    file.write_all(&bytes)?;
    file.sync_all()?;
    match fs::rename(&tmp, dir.join(MARKER)) {
        Ok(()) => {}
        // Taken for a leftover and removed by another process: try again.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(std::io::ErrorKind::WouldBlock.into());
        }
        Err(e) => return Err(e),
    }
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// The marker of `dir`, if it has one; an error when it is not one of ours.
fn read_marker(dir: &Path) -> Result<Option<Marker>> {
    let path = dir.join(MARKER);
    let meta = match fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let damaged = || {
        not_ours(
            dir,
            format!(
                "its {MARKER} is damaged or not treatysearch's: delete the folder and index again"
            ),
        )
    };
    if !meta.is_file() || meta.len() > 4096 {
        return Err(damaged());
    }
    let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|_| damaged())
}

/// The names of the entries of `dir`; a name that is not Unicode is kept lossily (it can
/// match none of ours).
fn entries(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let listing = fs::read_dir(dir)
        .with_context(|| format!("cannot list the index folder {}", dir.display()))?;
    for entry in listing {
        let entry =
            entry.with_context(|| format!("cannot list the index folder {}", dir.display()))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// The names an index of an earlier release in `dir` may hold, if `dir` holds one: its
/// `meta.json` is tantivy's and carries a treatysearch commit record (or our schema).
fn earlier_index(dir: &Path) -> Option<HashSet<String>> {
    let files = TantivyFiles::read(dir)?;
    let stamp = files.stamp.as_ref();
    let ours = stamp.is_some_and(|s| !s.writer.is_empty())
        || super::schema::Fields::of(&files.schema).is_ok();
    if !ours {
        return None;
    }
    let mut names: HashSet<String> = files.listed;
    names.extend(files.managed);
    names.extend(["meta.json", ".managed.json"].map(String::from));
    names.extend(RECORDS.iter().map(|s| s.to_string()));
    names.extend(LEFT_BEFORE_INDEX.iter().map(|s| s.to_string()));
    // The temporary file earlier releases wrote the manifest through (kept, never deleted).
    names.insert("manifest.tmp".to_string());
    // Earlier releases named the manifest after its content; the commit names it exactly.
    if let Some(manifest) = stamp.map(|s| s.manifest.as_str())
        && is_plain_name(manifest)
    {
        names.insert(manifest.to_string());
    }
    Some(names)
}

/// What tantivy's own files say about the index in `dir`.
pub(crate) struct TantivyFiles {
    /// The files of the segments `meta.json` lists.
    pub listed: HashSet<String>,
    /// The files `.managed.json` lists (tantivy's record of what it created), segment files
    /// only.
    pub managed: HashSet<String>,
    pub stamp: Option<Stamp>,
    schema: tantivy::schema::Schema,
}

impl TantivyFiles {
    /// Reads `meta.json` (through tantivy, without writing anything) and `.managed.json`;
    /// `None` when `meta.json` is not a readable tantivy index.
    pub(crate) fn read(dir: &Path) -> Option<TantivyFiles> {
        // tantivy reads both whole, and would block for good on a pipe.
        let managed = dir.join(".managed.json");
        if !small_regular_file(&dir.join("meta.json"))
            || (fs::symlink_metadata(&managed).is_ok() && !small_regular_file(&managed))
        {
            return None;
        }
        let directory = directory::IndexDirectory::read_only(dir).ok()?;
        let index = tantivy::Index::open(directory).ok()?;
        let metas = index.load_metas().ok()?;
        let listed = metas
            .list_segment_files()
            .into_iter()
            .filter_map(|p| p.to_str().map(str::to_string))
            .filter(|n| directory::is_segment_file(n))
            .collect();
        let stamp = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Stamp>(p).ok());
        Some(TantivyFiles {
            listed,
            managed: managed_files(dir),
            stamp,
            schema: metas.schema,
        })
    }
}

/// The segment files `.managed.json` in `dir` lists (none when it is missing or unreadable).
pub(crate) fn managed_files(dir: &Path) -> HashSet<String> {
    let path = dir.join(".managed.json");
    if !small_regular_file(&path) {
        return HashSet::new();
    }
    let Ok(bytes) = fs::read(&path) else {
        return HashSet::new();
    };
    serde_json::from_slice::<Vec<String>>(&bytes)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| directory::is_segment_file(n))
        .collect()
}

fn small_regular_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_META_BYTES)
}

/// True for a bare file name: one normal component, no folder, no `..`.
pub(crate) fn is_plain_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none()
}

/// Refuses an index folder that is the corpus folder, lies inside it, or contains it, before
/// anything is written. Paths are compared canonically (links resolved); an index folder that
/// does not exist yet is resolved through its nearest existing ancestor.
pub fn check_apart(corpus: &Path, index: &Path) -> Result<()> {
    let Ok(corpus_real) = fs::canonicalize(corpus) else {
        // A missing corpus is reported by the walk, with its own wording.
        return Ok(());
    };
    let index_real = resolve(index);
    let fix = "keep them apart: choose an --index folder outside the corpus \
               (by default ./index beside ./corpus)";
    if index_real == corpus_real {
        bail!(
            "the index folder {} is the corpus folder itself: its documents could be taken for \
             index files; {fix}",
            index.display()
        );
    }
    if index_real.starts_with(&corpus_real) {
        bail!(
            "the index folder {} is inside the corpus {}: the index would be read as documents; {fix}",
            index.display(),
            corpus.display()
        );
    }
    if corpus_real.starts_with(&index_real) {
        bail!(
            "the corpus {} is inside the index folder {}: {fix}",
            corpus.display(),
            index.display()
        );
    }
    Ok(())
}

/// `path` made absolute with links resolved, as far as it exists; the rest appended as
/// written (`..` taking back a component, as it will once the folders are created).
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            let mut out = real;
            for component in rest.iter().rev() {
                match component {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names() {
        for (name, plain) in [
            ("manifest.0123456789abcdef.json", true),
            ("meta.json", true),
            ("", false),
            ("..", false),
            ("../x.json", false),
            ("/etc/passwd", false),
            ("a/b.json", false),
            (".", false),
        ] {
            assert_eq!(is_plain_name(name), plain, "{name:?}");
        }
    }

    #[test]
    fn folders_are_nobodys_ours_or_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("ix");
        assert_eq!(inspect(&d).unwrap(), Owner::Nobody);
        fs::create_dir(&d).unwrap();
        fs::write(d.join(".gitkeep"), "").unwrap();
        fs::write(d.join(lock::FILE), "").unwrap();
        assert_eq!(inspect(&d).unwrap(), Owner::Nobody);
        fs::write(d.join("notes.txt"), "mine").unwrap();
        let err = inspect(&d).unwrap_err();
        assert!(err.downcast_ref::<NotOurs>().is_some(), "{err}");
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert!(claim(&d).is_err());
        assert!(!d.join(MARKER).exists());
        fs::remove_file(d.join("notes.txt")).unwrap();
        claim(&d).unwrap();
        assert_eq!(inspect(&d).unwrap(), Owner::Us);
        // Files of others in a marked folder do not unmark it.
        fs::write(d.join("notes.txt"), "mine").unwrap();
        assert_eq!(inspect(&d).unwrap(), Owner::Us);
    }

    #[test]
    fn concurrent_claims_of_a_new_folder_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("new");
        std::thread::scope(|scope| {
            let claims: Vec<_> = (0..8).map(|_| scope.spawn(|| claim(&d))).collect();
            for c in claims {
                c.join().unwrap().unwrap();
            }
        });
        assert_eq!(inspect(&d).unwrap(), Owner::Us);
        assert!(!d.join(MARKER_TMP).exists());
    }

    #[test]
    fn an_empty_path_and_special_files_are_refused_without_blocking() {
        assert!(inspect(Path::new("")).is_err());
        let dir = tempfile::tempdir().unwrap();
        for name in ["meta.json", ".managed.json"] {
            let d = dir.path().join(name.trim_start_matches('.'));
            fs::create_dir(&d).unwrap();
            fs::write(d.join("meta.json"), "{}").unwrap();
            let _ = fs::remove_file(d.join(name));
            let made = std::process::Command::new("mkfifo")
                .arg(d.join(name))
                .status()
                .unwrap();
            assert!(made.success());
            assert!(inspect(&d).is_err(), "{name}");
        }
    }

    #[test]
    fn a_meta_json_that_is_not_an_index_is_someone_elses() {
        let dir = tempfile::tempdir().unwrap();
        for content in ["{\"title\": \"my photos\"}", "not json", ""] {
            fs::write(dir.path().join("meta.json"), content).unwrap();
            let err = inspect(dir.path()).unwrap_err();
            assert!(err.to_string().contains("meta.json"), "{err}");
        }
    }

    #[test]
    fn a_damaged_or_newer_marker_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for (content, needle) in [("{\"format\": 99}", "format 99"), ("garbage", "damaged")] {
            fs::write(dir.path().join(MARKER), content).unwrap();
            let err = inspect(dir.path()).unwrap_err();
            assert!(err.to_string().contains(needle), "{err}");
        }
    }

    #[test]
    fn corpus_and_index_must_be_apart() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir_all(corpus.join("sub")).unwrap();
        for (index, apart) in [
            (dir.path().join("index"), true),
            (dir.path().join("corpus-index"), true),
            (corpus.clone(), false),
            (corpus.join("."), false),
            (corpus.join("sub"), false),
            (corpus.join("new/deeper"), false),
            (dir.path().join("x/../corpus"), false),
            (dir.path().join("x/../corpus/index"), false),
            (dir.path().to_path_buf(), false),
        ] {
            assert_eq!(
                check_apart(&corpus, &index).is_ok(),
                apart,
                "{}",
                index.display()
            );
        }
        // Through a link to the corpus.
        std::os::unix::fs::symlink(&corpus, dir.path().join("link")).unwrap();
        assert!(check_apart(&corpus, &dir.path().join("link/index")).is_err());
    }
}
