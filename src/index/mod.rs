//! The clause index on disk: opening and creating it, the analyzers registered on it, and the
//! manifest of indexed files that is committed atomically with it (as tantivy's commit
//! payload), so that the index and the record of what it holds can never disagree.

pub mod schema;
mod update;

pub use update::{Progress, UpdateOptions, UpdateReport, update, update_with};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy};

use crate::analyze::Analyzers;
use schema::{Fields, SCHEMA_VERSION};

/// What the index knows about one corpus file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub id: String,
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
    pub clauses: usize,
}

/// The record of indexed files, keyed by path relative to the corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// The treatysearch release that wrote the index: a new release may parse documents
    /// differently, so its index is rebuilt rather than mixed with the old one.
    #[serde(default)]
    pub writer: String,
    pub files: BTreeMap<String, FileEntry>,
}

/// The release recorded in the manifest.
pub const WRITER: &str = env!("CARGO_PKG_VERSION");

/// An opened clause index.
pub struct ClauseIndex {
    pub index: Index,
    pub fields: Fields,
    pub manifest: Manifest,
    pub dir: PathBuf,
}

/// Why an existing index cannot be used as it is.
#[derive(Debug)]
pub enum Stale {
    /// Built by another version of treatysearch (schema or analysis changed).
    OtherVersion(String),
}

impl ClauseIndex {
    /// True when `dir` holds an index.
    pub fn exists(dir: &Path) -> bool {
        dir.join("meta.json").is_file()
    }

    /// Opens the index in `dir` and registers the analyzers on it. `Ok(Err(_))` when the index
    /// is readable but from another version.
    pub fn open(dir: &Path, analyzers: &Analyzers) -> Result<Result<ClauseIndex, Stale>> {
        let fix = "run `treatysearch index --rebuild`";
        let index = Index::open_in_dir(dir)
            .with_context(|| format!("cannot open the index in {} ({fix})", dir.display()))?;
        analyzers.register(index.tokenizers());
        let metas = index
            .load_metas()
            .with_context(|| format!("cannot read the index in {} ({fix})", dir.display()))?;
        let manifest: Manifest = match metas.payload.as_deref() {
            Some(payload) => serde_json::from_str(payload).with_context(|| {
                format!(
                    "the index in {} has a damaged manifest ({fix})",
                    dir.display()
                )
            })?,
            None => Manifest::default(),
        };
        let fields = match Fields::of(&index.schema()) {
            Ok(fields) => fields,
            Err(missing) => {
                return Ok(Err(Stale::OtherVersion(format!(
                    "it has no field `{missing}`"
                ))));
            }
        };
        if manifest.version != SCHEMA_VERSION || manifest.writer != WRITER {
            return Ok(Err(Stale::OtherVersion(format!(
                "it was written by treatysearch {} (schema {}), this is {WRITER} (schema {SCHEMA_VERSION})",
                if manifest.writer.is_empty() {
                    "?"
                } else {
                    &manifest.writer
                },
                manifest.version
            ))));
        }
        Ok(Ok(ClauseIndex {
            index,
            fields,
            manifest,
            dir: dir.to_path_buf(),
        }))
    }

    /// Creates an empty index in `dir` (which must hold no index).
    pub fn create(dir: &Path, analyzers: &Analyzers) -> Result<ClauseIndex> {
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
        let index = Index::builder()
            .schema(schema::build())
            .settings(settings())
            .create_in_dir(dir)
            .with_context(|| format!("cannot create an index in {}", dir.display()))?;
        analyzers.register(index.tokenizers());
        let fields =
            Fields::of(&index.schema()).map_err(|f| anyhow::anyhow!("schema lacks {f}"))?;
        Ok(ClauseIndex {
            index,
            fields,
            manifest: Manifest {
                version: SCHEMA_VERSION,
                writer: WRITER.to_string(),
                files: BTreeMap::new(),
            },
            dir: dir.to_path_buf(),
        })
    }

    /// A reader for a one-shot process: no background reloading.
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .with_context(|| {
                format!(
                    "cannot read the index in {} (run `treatysearch index --rebuild`)",
                    self.dir.display()
                )
            })
    }

    /// Number of clauses in the index.
    pub fn clause_count(&self) -> usize {
        self.manifest.files.values().map(|f| f.clauses).sum()
    }
}

/// How the index is stored. The stored clauses make up most of it: lz4 (tantivy's default)
/// leaves Chinese text at 85% of its size, zstd at level 1 (as fast as level 3 compresses
/// only 2% better) at 50%, with 64 KB blocks rather than 16 KB (10% smaller). A query
/// decompresses one block per hit it shows, ~50 µs each.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 64 * 1024,
        ..IndexSettings::default()
    }
}

/// Deletes the index files in `dir`, refusing to touch a folder that holds anything else: a
/// mistyped `--index` must not wipe someone's documents.
pub fn remove_index_files(dir: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let mut ours = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_index_file(&name) {
            ours.push(entry.path());
        } else if name != ".gitkeep" {
            bail!(
                "{} holds files that are not part of an index (such as {name}); refusing to delete it",
                dir.display()
            );
        }
    }
    for path in ours {
        fs::remove_file(&path).with_context(|| format!("cannot delete {}", path.display()))?;
    }
    Ok(())
}

fn is_index_file(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    name == "meta.json"
        || name == ".managed.json"
        || name.starts_with(".tantivy-")
        || (stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}
