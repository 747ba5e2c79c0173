//! The corpus folder: which files are documents, their identities and fingerprints, and how
//! their bytes become text.
//!
//! Owns all reading of corpus files. Turning their bytes into text (encodings, HTML, PDF,
//! Word, OpenDocument) is [`crate::formats`]'s job; it never guesses in silence: what it
//! cannot read is an error that names the reason.

use crate::terminal::printable;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result, bail};

/// File extensions read as documents.
const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "text", "html", "htm", "pdf", "docx", "odt",
];

/// Extensions of formats that hold documents but are not text: found in a corpus, they are
/// reported (converted to text, they would be indexed), not silently passed over. Any other
/// extension is not a document (`glossary.tsv`, `notes.json`) and is left alone.
const NOT_TEXT: &[(&str, &str)] = &[
    ("doc", "an old Word file (.doc; save it as .docx)"),
    ("rtf", "an RTF file"),
    ("epub", "an EPUB book"),
    ("png", "an image"),
    ("jpg", "an image"),
    ("jpeg", "an image"),
    ("gif", "an image"),
    ("tif", "an image"),
    ("tiff", "an image"),
    ("webp", "an image"),
    ("zip", "an archive"),
    ("gz", "an archive"),
    ("tgz", "an archive"),
    ("bz2", "an archive"),
    ("xz", "an archive"),
    ("7z", "an archive"),
    ("rar", "an archive"),
    ("tar", "an archive"),
];

/// Files larger than this are not read (reported instead): a document is rarely above a few
/// megabytes, and reading, parsing and indexing one file holds several copies of it in memory.
/// `TREATYSEARCH_MAX_FILE_MB` sets another limit.
pub const MAX_FILE_MB: u64 = 64;

fn max_file_bytes() -> u64 {
    std::env::var("TREATYSEARCH_MAX_FILE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(MAX_FILE_MB)
        .saturating_mul(1024 * 1024)
}

/// One document file of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Path relative to the corpus root, `/`-separated: the document's identity in the index.
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when the platform has none).
    pub mtime_ns: u64,
}

impl CorpusFile {
    /// The document id shown in hits: the relative path without its extension.
    pub fn id(&self) -> String {
        match self.rel.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => stem.to_string(),
            _ => self.rel.clone(),
        }
    }
}

/// Something about a file that the user must hear of: it could not be taken in (`skipped`),
/// or it was taken in but not as written (a broken front matter read as text).
#[derive(Debug, Clone)]
pub struct Warning {
    pub path: PathBuf,
    pub reason: String,
    pub skipped: bool,
}

impl Warning {
    /// A file (or folder) left out of the index.
    pub fn skipped(path: PathBuf, reason: impl Into<String>) -> Warning {
        Warning {
            path,
            reason: reason.into(),
            skipped: true,
        }
    }

    /// A file indexed, or an index used, with a problem worth knowing.
    pub fn noted(path: PathBuf, reason: impl Into<String>) -> Warning {
        Warning {
            path,
            reason: reason.into(),
            skipped: false,
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.skipped {
            f.write_str("skipped ")?;
        }
        // File names and reasons can carry control characters (a newline in a name).
        let path = self.path.display().to_string();
        write!(f, "{}: {}", printable(&path), printable(&self.reason))
    }
}

/// The document files under `root`, sorted by relative path, and the entries that could not
/// be read. Hidden files and folders (`.name`) are skipped; symbolic links are not followed
/// (see [`list`]).
pub fn walk(root: &Path) -> Result<(Vec<CorpusFile>, Vec<Warning>)> {
    let listing = list(root, false)?;
    Ok((listing.files, listing.warnings))
}

/// A walk of the corpus: what [`walk`] returns, and the folders it listed.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<CorpusFile>,
    pub warnings: Vec<Warning>,
    /// Every folder listed, with its modification time read just before it was listed: a
    /// later change in the folder (a file created, deleted, renamed) moves that time.
    pub folders: Vec<Folder>,
    /// When the walk began, in nanoseconds since the epoch.
    pub started_ns: u64,
    /// Symbolic links not followed (documents, sidecars, folders), when not `follow`.
    pub links: Vec<PathBuf>,
    /// Whether symbolic links were followed.
    pub follow: bool,
}

/// A folder of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// Path relative to the corpus root, `/`-separated: `""` for the root, `sub/` below it.
    pub rel: String,
    pub mtime_ns: u64,
}

/// Walks the corpus (see [`walk`]), recording its folders too.
///
/// Symbolic links (to documents, sidecars or folders) are not followed unless `follow`, as
/// ripgrep does: a link out of the corpus would index what it points to (`/etc/passwd`), and
/// a file it points to inside the corpus is indexed under its own name. They are listed in
/// [`Listing::links`]. With `follow`, a link is followed unless it points into `/proc`,
/// `/sys` or `/dev`, and a folder reached twice (a loop) is listed once.
///
/// An `index` run walks the corpus to see what changed, so this is on the path of every
/// update: a sidecar is looked for in the folder listing rather than with a `stat` per
/// document, and each file is examined relative to its open folder.
pub fn list(root: &Path, follow: bool) -> Result<Listing> {
    let started_ns = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let meta = fs::metadata(root)
        .with_context(|| format!("cannot read corpus folder {}", root.display()))?;
    if !meta.is_dir() {
        bail!("corpus {} is not a folder", root.display());
    }
    if let Some(folder) = crate::input::system_folder(root) {
        bail!(
            "corpus {} is in {folder}, a folder of system files: not read",
            root.display()
        );
    }
    let mut folders = Vec::new();
    let mut pending = Vec::new();
    let mut warnings = Vec::new();
    let mut links = Vec::new();
    let mut listed = std::collections::HashSet::new();
    // Folders to list, with their path relative to the root (`""` or `sub/`).
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        if let Ok(meta) = fs::metadata(&dir) {
            if !listed.insert(file_id(&meta)) {
                // A loop of followed links, or a folder linked twice.
                continue;
            }
            folders.push(Folder {
                rel: prefix.clone(),
                mtime_ns: mtime(&meta),
            });
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                warnings.push(Warning::skipped(dir, format!("cannot list folder: {e}")));
                continue;
            }
        };
        let mut docs = Vec::new();
        let mut sidecars: HashMap<String, Arc<fs::DirEntry>> = HashMap::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                warnings.push(Warning::skipped(
                    entry.path(),
                    "file name is not valid Unicode",
                ));
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            // A file name has no `/`; its extension is what follows the last dot.
            let ext = name.rsplit_once('.').map(|(_, ext)| ext);
            let document = ext.is_some_and(|ext| {
                ext == "meta" || EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
            });
            let mut is_dir = file_type.is_dir();
            if file_type.is_symlink() {
                let target = fs::metadata(entry.path());
                is_dir = target.as_ref().is_ok_and(fs::Metadata::is_dir);
                if !follow {
                    if document || is_dir {
                        links.push(entry.path());
                    }
                    continue;
                }
                if (document || is_dir)
                    && let Some(folder) = crate::input::system_folder(&entry.path())
                {
                    warnings.push(Warning::skipped(
                        entry.path(),
                        format!("a link into {folder}, a folder of system files: not followed"),
                    ));
                    continue;
                }
            }
            if is_dir {
                stack.push((entry.path(), format!("{prefix}{name}/")));
                continue;
            }
            let Some((stem, ext)) = name.rsplit_once('.') else {
                continue;
            };
            if EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)) {
                docs.push((format!("{stem}.meta"), format!("{prefix}{name}"), entry));
            } else if ext == "meta" {
                sidecars.insert(name.to_string(), Arc::new(entry));
            } else if let Some((_, what)) =
                NOT_TEXT.iter().find(|(e, _)| ext.eq_ignore_ascii_case(e))
            {
                warnings.push(Warning::skipped(
                    entry.path(),
                    format!("{what}, not text: convert it to .txt, .md or .html to index it"),
                ));
            }
        }
        for (sidecar, rel, entry) in docs {
            pending.push(Pending {
                rel,
                path: entry.path(),
                // `a.txt` and `a.md` would share `a.meta`.
                sidecar: sidecars.get(&sidecar).cloned(),
                entry,
            });
        }
    }
    let stats: Vec<Examined> = pending.iter().map(examine).collect();
    let mut files = Vec::with_capacity(pending.len());
    for (p, stat) in pending.into_iter().zip(stats) {
        match stat {
            Ok(Some((size, mtime_ns))) => files.push(CorpusFile {
                rel: p.rel,
                path: p.path,
                size,
                mtime_ns,
            }),
            Ok(None) => {}
            Err(reason) => warnings.push(Warning::skipped(p.path, reason)),
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    links.sort();
    Ok(Listing {
        files,
        warnings,
        folders,
        started_ns,
        links,
        follow,
    })
}

/// What identifies a folder however it is reached.
#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    (mtime(meta), meta.len())
}

/// A document file found in a folder listing, not yet examined.
struct Pending {
    rel: String,
    path: PathBuf,
    entry: fs::DirEntry,
    sidecar: Option<Arc<fs::DirEntry>>,
}

/// The size and modification time of a document file, its sidecar's included; `None` when
/// the name turns out not to be a file (a link to a folder); the reason when it cannot be
/// examined.
type Examined = Result<Option<(u64, u64)>, String>;

fn examine(p: &Pending) -> Examined {
    let m = metadata(&p.entry).map_err(|e| format!("cannot read file metadata: {e}"))?;
    if m.is_dir() {
        return Ok(None);
    }
    if let Some(what) = crate::input::special_kind(&m) {
        // Reading a named pipe would wait for a writer for good.
        return Err(format!("{what}: not read"));
    }
    // The sidecar is part of the document: editing it re-indexes the document.
    let (mut size, mut mtime_ns) = (m.len(), mtime(&m));
    if let Some(Ok(meta)) = p.sidecar.as_deref().map(metadata) {
        size += meta.len();
        mtime_ns = mtime_ns.max(mtime(&meta));
    }
    Ok(Some((size, mtime_ns)))
}

/// The metadata of what a folder entry names, following a symbolic link to a file. A plain
/// entry is examined relative to its folder, which is cheaper than resolving its whole path.
fn metadata(entry: &fs::DirEntry) -> std::io::Result<fs::Metadata> {
    match entry.file_type() {
        Ok(t) if t.is_symlink() => fs::metadata(entry.path()),
        _ => entry.metadata(),
    }
}

/// A fingerprint of a corpus listing: its paths, sizes and modification times (the listing as
/// [`walk`] returns it, sorted). Equal fingerprints mean that no file was added, removed or
/// touched since; the index records the one it was brought up to date with.
pub fn fingerprint(files: &[CorpusFile]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for f in files {
        hasher.update(f.rel.as_bytes());
        hasher.update(&[0]);
        hasher.update(&f.size.to_le_bytes());
        hasher.update(&f.mtime_ns.to_le_bytes());
    }
    format!("{:032x}", hasher.digest128())
}

fn mtime(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Where the metadata sidecar of a document lives: `NAME.meta` next to `NAME.txt`.
pub fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("meta")
}

/// Decodes the bytes of a text file (a document or a sidecar); the error says why it is not
/// text. See [`crate::formats::encoding`].
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    crate::formats::encoding::decode(bytes)
}

/// A document file read and decoded, with its sidecar.
#[derive(Debug)]
pub struct Loaded {
    pub text: String,
    pub sidecar: Option<String>,
    /// Fingerprint of the bytes of the file and its sidecar.
    pub hash: u64,
}

/// A sidecar larger than this is not read: it holds a few lines of metadata, as a front
/// matter does, and has the same limit.
pub const MAX_SIDECAR_BYTES: u64 = crate::parse::frontmatter::MAX_FRONT_MATTER_BYTES as u64;

/// Reads and decodes one document file and its sidecar, if it has one. Special files and
/// system files are refused unread (see [`crate::input`]); symbolic links are followed only
/// with `follow` (a sidecar that is a link is then ignored, as the walk reports it).
pub fn load(path: &Path, follow: bool) -> Result<Loaded, String> {
    let limit = max_file_bytes();
    let bytes = crate::input::read(path, limit, follow).map_err(|refusal| match refusal {
        crate::input::Refusal::TooLarge { size, .. } => format!(
            "{}over the {} MB limit for one document (split it, or set \
             TREATYSEARCH_MAX_FILE_MB)",
            size.map_or_else(String::new, |size| format!(
                "{:.1} MB, ",
                size as f64 / 1_048_576.0
            )),
            limit / 1_048_576
        ),
        other => other.to_string(),
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(if bytes.is_empty() {
            "empty file: nothing to index".into()
        } else {
            "only white space: nothing to index".into()
        });
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&bytes);
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let text = crate::formats::to_text(&bytes, extension)?;
    drop(bytes);
    let sidecar_path = sidecar_path(path);
    let sidecar = match crate::input::read(&sidecar_path, MAX_SIDECAR_BYTES, follow) {
        Ok(meta) => {
            hasher.update(b"\0meta\0");
            hasher.update(&meta);
            Some(decode(&meta).map_err(|e| format!("its .meta sidecar {e}"))?)
        }
        Err(crate::input::Refusal::Missing | crate::input::Refusal::Link) => None,
        Err(refusal) => {
            return Err(format!(
                "its .meta sidecar {}: {refusal}",
                sidecar_path.display()
            ));
        }
    };
    Ok(Loaded {
        text,
        sidecar,
        hash: hasher.digest(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_utf16() {
        assert_eq!(decode("中文".as_bytes()).unwrap(), "中文");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("中a".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "中a");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("中a".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "中a");
    }

    #[test]
    fn decodes_gb18030_chinese() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("中华人民共和国和白俄罗斯共和国联合声明");
        assert_eq!(
            decode(&bytes).unwrap(),
            "中华人民共和国和白俄罗斯共和国联合声明"
        );
    }

    #[test]
    fn binary_and_garbage_are_refused_with_a_reason() {
        assert!(
            decode(b"%PDF-1.4\x00\x01")
                .unwrap_err()
                .contains("a PDF file")
        );
        assert!(decode(b"PK\x03\x04abc").unwrap_err().contains("zip"));
        assert!(decode(b"text\x00more").unwrap_err().contains("NUL"));
        let err = decode(&[0x80, 0xFF, 0xFE, 0x81, 0x20]).unwrap_err();
        assert!(err.contains("not valid UTF-8"), "{err}");
    }

    #[test]
    fn walk_finds_documents_sidecars_and_subfolders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("a.txt", "12345");
        write("a.md", "123");
        write("a.meta", "title: A\n");
        write("B.TXT", "1");
        write("notes.json", "x");
        write(".hidden.txt", "x");
        write(".git/x.txt", "x");
        write("sub/c.text", "12");
        let (files, warnings) = walk(root).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let found: Vec<(&str, u64)> = files.iter().map(|f| (f.rel.as_str(), f.size)).collect();
        // Both `a.*` documents count the shared sidecar (9 bytes) in their size.
        assert_eq!(
            found,
            [("B.TXT", 1), ("a.md", 12), ("a.txt", 14), ("sub/c.text", 2)]
        );
        assert_eq!(files[3].path, root.join("sub").join("c.text"));
    }

    #[test]
    fn fingerprint_changes_with_any_file() {
        let f = |rel: &str, size, mtime_ns| CorpusFile {
            rel: rel.into(),
            path: PathBuf::new(),
            size,
            mtime_ns,
        };
        let base = fingerprint(&[f("a.txt", 1, 1), f("b.txt", 2, 2)]);
        assert_eq!(base, fingerprint(&[f("a.txt", 1, 1), f("b.txt", 2, 2)]));
        for other in [
            vec![f("a.txt", 1, 1)],
            vec![f("a.txt", 1, 1), f("b.txt", 2, 3)],
            vec![f("a.txt", 1, 1), f("b.txt", 3, 2)],
            vec![f("a.txt", 1, 1), f("c.txt", 2, 2)],
        ] {
            assert_ne!(base, fingerprint(&other));
        }
    }

    #[test]
    fn ids_drop_the_extension() {
        let f = |rel: &str| CorpusFile {
            rel: rel.into(),
            path: PathBuf::new(),
            size: 0,
            mtime_ns: 0,
        };
        assert_eq!(f("a/b.txt").id(), "a/b");
        assert_eq!(f("noext").id(), "noext");
    }
}
