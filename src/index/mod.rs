//! The clause index on disk: opening and creating it, the analyzers registered on it, the
//! stored clause ([`stored`]), the writer and the commit, and the record of what it holds
//! (`record`), committed atomically with it so that the two can never disagree. What goes in
//! is decided by [`crate::ingest`]; this module stores it and never reads the corpus's
//! documents itself.
//!
//! That record has two parts. The [`Stamp`] is tantivy's commit payload: small, read by every
//! query, it says which corpus listing the index matches (a fingerprint of paths, sizes and
//! modification times), so that a query whose walk of the corpus gives the same fingerprint
//! knows at once that nothing changed. The [`Manifest`] (one entry per file: id, stamp,
//! content hash, clauses) is only read when something changed; it lives in its own file,
//! written before the commit that names it. There are two such files, written in turn: the
//! one the last commit names is never overwritten, so a crash at any point leaves the last
//! committed pair intact, and both have names known in advance, so that nothing is ever
//! deleted by a pattern (see `ownership`).

mod directory;
pub mod freshness;
pub mod integrity;
pub mod lock;
pub mod ownership;
mod record;
pub mod schema;
pub mod stored;

pub use record::{FileEntry, MANIFEST_SLOTS, MANIFEST_TMP, Manifest, Skipped, Stamp, WRITER};

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy};

use crate::analyze::Analyzers;
use schema::{Fields, SCHEMA_VERSION};

/// An opened clause index.
pub struct ClauseIndex {
    pub index: Index,
    pub fields: Fields,
    pub stamp: Stamp,
    pub dir: PathBuf,
}

/// Why an existing index cannot be used as it is.
pub enum Stale {
    /// Built by another version of treatysearch (schema or analysis changed).
    OtherVersion(String),
    /// The user dictionary changed since the Chinese was cut: every Chinese document may be
    /// cut differently (a new entry changes jieba's total frequency, which every cut uses);
    /// the index is otherwise usable.
    Dictionary(Box<ClauseIndex>),
}

impl ClauseIndex {
    /// True when `dir` holds an index.
    pub fn exists(dir: &Path) -> bool {
        dir.join("meta.json").is_file()
    }

    /// Opens the index in `dir` and registers the analyzers on it. `Ok(Err(_))` when the index
    /// is readable but from another version.
    pub fn open(dir: &Path, analyzers: &Analyzers) -> Result<Result<ClauseIndex, Stale>> {
        // Not even tantivy's lock file is created in a folder that is someone else's.
        ownership::inspect(dir)?;
        let fix = "run `treatysearch index --rebuild`";
        let index = directory::IndexDirectory::open(dir)
            .map_err(tantivy::TantivyError::from)
            .and_then(Index::open)
            .with_context(|| format!("cannot open the index in {} ({fix})", dir.display()))?;
        analyzers.register(index.tokenizers());
        let metas = index
            .load_metas()
            .with_context(|| format!("cannot read the index in {} ({fix})", dir.display()))?;
        let stamp: Stamp = match metas.payload.as_deref() {
            Some(payload) => serde_json::from_str(payload).with_context(|| {
                format!(
                    "the index in {} has a damaged manifest ({fix})",
                    dir.display()
                )
            })?,
            // Created but never committed (a first build killed early): empty and current.
            None if metas.segments.is_empty() => Stamp {
                version: SCHEMA_VERSION,
                writer: WRITER.to_string(),
                user_dictionary: analyzers.user_dictionary_fingerprint().to_string(),
                ..Stamp::default()
            },
            None => Stamp::default(),
        };
        let fields = match Fields::of(&index.schema()) {
            Ok(fields) => fields,
            Err(missing) => {
                return Ok(Err(Stale::OtherVersion(format!(
                    "it has no field `{missing}`"
                ))));
            }
        };
        let dictionary_changed = stamp.user_dictionary != analyzers.user_dictionary_fingerprint();
        if stamp.version != SCHEMA_VERSION || stamp.writer != WRITER {
            return Ok(Err(Stale::OtherVersion(format!(
                "it was written by treatysearch {} (schema {}), this is {WRITER} (schema {SCHEMA_VERSION})",
                if stamp.writer.is_empty() {
                    "?"
                } else {
                    &stamp.writer
                },
                stamp.version
            ))));
        }
        let opened = ClauseIndex {
            index,
            fields,
            stamp,
            dir: dir.to_path_buf(),
        };
        if dictionary_changed {
            return Ok(Err(Stale::Dictionary(Box::new(opened))));
        }
        Ok(Ok(opened))
    }

    /// Creates an empty index in `dir` (which must hold no index), marking the folder as ours
    /// first if it is not yet.
    pub fn create(dir: &Path, analyzers: &Analyzers) -> Result<ClauseIndex> {
        ownership::claim(dir)?;
        let index = directory::IndexDirectory::open(dir)
            .map_err(tantivy::TantivyError::from)
            .and_then(|directory| {
                Index::builder()
                    .schema(schema::build())
                    .settings(settings())
                    .open_or_create(directory)
            })
            .with_context(|| format!("cannot create an index in {}", dir.display()))?;
        analyzers.register(index.tokenizers());
        let fields =
            Fields::of(&index.schema()).map_err(|f| anyhow::anyhow!("schema lacks {f}"))?;
        Ok(ClauseIndex {
            index,
            fields,
            stamp: Stamp {
                version: SCHEMA_VERSION,
                writer: WRITER.to_string(),
                user_dictionary: analyzers.user_dictionary_fingerprint().to_string(),
                ..Stamp::default()
            },
            dir: dir.to_path_buf(),
        })
    }

    /// A reader for a one-shot process: no background reloading.
    ///
    /// tantivy trusts the segment files it opens: damaged ones (bytes flipped on disk) can
    /// make it panic rather than fail. Such a panic is the error of a damaged index here.
    pub fn reader(&self) -> Result<IndexReader> {
        let fix = "run `treatysearch index --rebuild`";
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
        }));
        match opened {
            Ok(reader) => reader.with_context(|| {
                format!("cannot read the index in {} ({fix})", self.dir.display())
            }),
            Err(panic) => bail!(
                "the index in {} is damaged: {} ({fix})",
                self.dir.display(),
                crate::panic_message(panic.as_ref())
            ),
        }
    }

    /// Number of clauses in the index.
    pub fn clause_count(&self) -> usize {
        self.stamp.clauses
    }

    /// The manifest of the indexed files (empty for an index that has never been committed).
    pub fn manifest(&self) -> Result<Manifest> {
        if self.stamp.manifest.is_empty() {
            return Ok(Manifest::default());
        }
        let path = self.dir.join(&self.stamp.manifest);
        let damaged = || {
            format!(
                "the index in {} has a damaged manifest {} (run `treatysearch index --rebuild`)",
                self.dir.display(),
                self.stamp.manifest
            )
        };
        let bytes = fs::read(&path).with_context(damaged)?;
        serde_json::from_slice(&bytes).with_context(damaged)
    }

    /// Opens the writer, after deleting what a run killed before its commit left in the folder:
    /// tantivy names a commit's delete files after its operation count, which the next run
    /// reaches again, and refuses to overwrite them.
    pub fn open_writer(&self) -> Result<IndexWriter> {
        let writer = self.writer()?;
        writer
            .garbage_collect_files()
            .wait()
            .with_context(|| format!("cannot tidy the index in {}", self.dir.display()))?;
        Ok(writer)
    }

    fn writer(&self) -> Result<IndexWriter> {
        self.index.writer(writer_budget()).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => anyhow::anyhow!(
                "the index in {} is locked by another treatysearch process: wait for it to finish",
                self.dir.display()
            ),
            e => anyhow::Error::new(e).context(format!(
                "cannot write to the index in {}",
                self.dir.display()
            )),
        })
    }

    /// Commits what `writer` holds with `manifest` and `stamp` (whose manifest name and hash
    /// are filled in here): the manifest is written first to the slot the last commit does
    /// not name, then the stamp naming it becomes the commit payload, so that the two always
    /// agree.
    pub fn commit(
        &mut self,
        mut writer: IndexWriter,
        manifest: &Manifest,
        mut stamp: Stamp,
    ) -> Result<()> {
        let (manifest_name, manifest_hash) = self.write_manifest(manifest)?;
        stamp.manifest = manifest_name;
        stamp.manifest_hash = manifest_hash;
        let previous_manifest = std::mem::replace(&mut self.stamp, stamp).manifest;
        let payload =
            serde_json::to_string(&self.stamp).context("cannot encode the index stamp")?;
        let mut prepared = writer
            .prepare_commit()
            .with_context(|| format!("cannot commit the index in {}", self.dir.display()))?;
        prepared.set_payload(&payload);
        prepared
            .commit()
            .with_context(|| format!("cannot commit the index in {}", self.dir.display()))?;
        writer
            .wait_merging_threads()
            .context("cannot finish merging index segments")?;
        self.remove_earlier_manifest(&previous_manifest);
        Ok(())
    }

    /// Writes `manifest` to the manifest slot the last commit does not name, and returns its
    /// name and the hash of its bytes, for the stamp of the next commit. Durable before it
    /// returns: the commit will point at it.
    pub(crate) fn write_manifest(&self, manifest: &Manifest) -> Result<(String, String)> {
        let bytes = serde_json::to_vec(manifest).context("cannot encode the manifest")?;
        let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
        let name = if self.stamp.manifest == MANIFEST_SLOTS[0] {
            MANIFEST_SLOTS[1]
        } else {
            MANIFEST_SLOTS[0]
        };
        let tmp = self.dir.join(MANIFEST_TMP);
        let write = || -> std::io::Result<()> {
            let _ = fs::remove_file(&tmp);
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            std::io::Write::write_all(&mut file, &bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, self.dir.join(name))?;
            // The rename must survive a crash once the commit refers to the name. tantivy
            // syncs the folder when it commits, which covers it; syncing here as well is best
            // effort, as not every platform or file system lets a folder be synced.
            if let Ok(dir) = fs::File::open(&self.dir) {
                let _ = dir.sync_all();
            }
            Ok(())
        };
        write().with_context(|| {
            format!(
                "cannot write the manifest to the index in {}",
                self.dir.display()
            )
        })?;
        Ok((name.to_string(), hash))
    }

    /// Deletes the manifest that the commit before the last named, when an earlier release
    /// gave it a name of its own (the two slots are simply written again in turn). Best
    /// effort: a leftover file is harmless.
    pub(crate) fn remove_earlier_manifest(&self, previous: &str) {
        if previous != self.stamp.manifest
            && !MANIFEST_SLOTS.contains(&previous)
            && is_earlier_manifest_name(previous)
        {
            let _ = fs::remove_file(self.dir.join(previous));
        }
    }
}

/// True for the name earlier releases gave a manifest: `manifest.` and the 16 hex digits of
/// its hash, `.json` (only ever deleted when a commit named it exactly).
fn is_earlier_manifest_name(name: &str) -> bool {
    name.strip_prefix("manifest.")
        .and_then(|n| n.strip_suffix(".json"))
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// How the index is stored. The stored clauses make up most of it: lz4 (tantivy's default)
/// leaves Chinese text at 85% of its size, zstd at 50%. Level 9 with 128 KB blocks makes the
/// store 17% smaller than level 1 with 64 KB blocks (44.0 MB instead of 52.7 MB for 95 MB of
/// text) for ≈ 4% more build CPU; a clause read without cache (the first hit of a query in its
/// block) takes ≈ 120 µs instead of ≈ 75–100 µs. Larger blocks shrink it further but cost every
/// hit more: 256 KB blocks, 41 MB and ≈ 150 µs; level 19 with 1 MB blocks, 34 MB and ≈ 0.8 ms
/// (BENCHMARKS.md). An index keeps the settings it was created with.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(9),
        }),
        docstore_blocksize: 128 * 1024,
        ..IndexSettings::default()
    }
}

/// Deletes the index in `dir` (a folder of ours: see `ownership`) and nothing else: the files
/// tantivy's `meta.json` and `.managed.json` list, its own record files by exact name, and the
/// manifest its last commit names. `meta.json` goes first, so that an interrupted removal
/// leaves no index rather than a damaged one, and `.managed.json` last, so that a removal
/// interrupted before it still knows the segment files that are left. The marker and the
/// lock files stay; so does any file someone else put in the folder.
pub fn remove_index_files(dir: &Path) -> Result<()> {
    if ownership::inspect(dir)? != ownership::Owner::Us {
        bail!(
            "{} is not marked as a treatysearch index folder; refusing to delete anything in it",
            dir.display()
        );
    }
    let mut names: Vec<String> = Vec::new();
    if let Some(files) = ownership::TantivyFiles::read(dir) {
        names.extend(files.listed);
        if let Some(stamp) = files.stamp
            && is_earlier_manifest_name(&stamp.manifest)
        {
            names.push(stamp.manifest);
        }
    }
    names.extend(ownership::managed_files(dir));
    names.extend(ownership::RECORDS.iter().map(|s| s.to_string()));
    names.sort();
    names.dedup();
    let remove = |name: &str| -> Result<()> {
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("cannot delete {}", path.display())),
        }
    };
    remove("meta.json")?;
    for name in &names {
        remove(name)?;
    }
    remove(".managed.json")
}

/// Writer memory budget: enough for large corpora, small enough for any laptop. (A 100 MB
/// corpus makes one segment per indexing thread with it; a larger budget changed nothing.)
const WRITER_BUDGET: usize = 200_000_000;

/// The writer's memory budget: [`WRITER_BUDGET`], or `TREATYSEARCH_WRITER_MB` megabytes (at
/// least 15 per indexing thread, tantivy's minimum): a smaller budget writes segments sooner.
fn writer_budget() -> usize {
    std::env::var("TREATYSEARCH_WRITER_MB")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map_or(WRITER_BUDGET, |mb| mb.clamp(15, 4000) * 1_000_000)
}

/// True when the index was brought up to date with a corpus listing of this fingerprint.
pub fn is_current(index: &ClauseIndex, fingerprint: &str) -> bool {
    !index.stamp.corpus.is_empty() && index.stamp.corpus == fingerprint
}
