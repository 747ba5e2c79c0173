//! Incremental update: compares the corpus with the manifest and re-indexes only what changed.
//!
//! A corpus whose listing has the fingerprint the index was stamped with needs nothing, not
//! even the manifest. Otherwise a file whose size and modification time match the manifest is
//! not even read; a file whose stamp changed but whose content hash did not is only
//! re-stamped; changed files are deleted and re-added as a whole (all their clauses, read and
//! parsed on every core: `batch`), removed files are deleted, and everything is committed
//! once, with the new stamp as the commit payload and the new manifest beside it.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tantivy::{IndexWriter, Term};

use super::batch::{Batch, Outcome, WriterStopped};
use super::freshness;
use super::lock::{WhenLocked, WriterLock};
use super::schema::SCHEMA_VERSION;
use super::{ClauseIndex, Manifest, Skipped, Stale, Stamp, WRITER, ownership, remove_index_files};
use crate::analyze::Analyzers;
use crate::corpus::{self, CorpusFile, Listing, Warning};

/// What an update did.
#[derive(Debug, Default)]
pub struct UpdateReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Clauses in the index afterwards.
    pub clauses: usize,
    /// Documents in the index afterwards.
    pub documents: usize,
    /// Files that were skipped, with the reason.
    pub warnings: Vec<Warning>,
    /// What went wrong with the index itself in this run, when it is used anyway (it could
    /// not be brought up to date: its last complete state answers).
    pub degraded: Vec<Warning>,
    /// Symbolic links in the corpus that were not followed (no `--follow`).
    pub links: Vec<std::path::PathBuf>,
    /// True when the index did not exist (or was rebuilt).
    pub created: bool,
    /// Why an existing index was rebuilt, if it was.
    pub rebuilt_because: Option<String>,
    /// True when a new user dictionary made this update cut every Chinese document again.
    pub dictionary_changed: bool,
    pub elapsed: Duration,
}

impl UpdateReport {
    /// True when the index content changed.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }

    /// `1 added, 0 updated, 0 removed, 2 unchanged`
    pub fn counts(&self) -> String {
        format!(
            "{} added, {} updated, {} removed, {} unchanged",
            self.added, self.updated, self.removed, self.unchanged
        )
    }
}

/// Writer memory budget: enough for large corpora, small enough for any laptop. (A 100 MB
/// corpus makes one segment per indexing thread with it; a larger budget changed nothing.)
const WRITER_BUDGET: usize = 200_000_000;

/// Told how an update advances, e.g. to draw a progress bar (the index module prints nothing).
pub trait Progress: Sync {
    /// `documents` files holding `bytes` bytes are to be read (and indexed if they changed).
    fn start(&self, documents: usize, bytes: u64);
    /// One of them is done (queued for indexing, or found unchanged).
    fn advance(&self, bytes: u64);
    /// All are read; what remains is writing the index to disk.
    fn finish(&self);
}

/// How to update.
#[derive(Default)]
pub struct UpdateOptions<'a> {
    /// Build the index again from every file. The old content stays readable until the new
    /// one is committed (in the same commit that deletes it), unless the old index cannot
    /// be opened at all.
    pub rebuild: bool,
    pub progress: Option<&'a dyn Progress>,
    /// What to do when another process is updating the index.
    pub when_locked: WhenLocked<'a>,
    /// Read every file and compare its content hash, even when its size and modification
    /// time are those recorded (a same-size edit with the old time restored).
    pub verify: bool,
    /// Follow symbolic links in the corpus (`--follow`).
    pub follow: bool,
}

/// Brings the index in `index_dir` up to date with `corpus_dir`. With `rebuild`, starts over.
pub fn update(
    corpus_dir: &Path,
    index_dir: &Path,
    analyzers: &Analyzers,
    rebuild: bool,
) -> Result<(ClauseIndex, UpdateReport)> {
    let options = UpdateOptions {
        rebuild,
        ..UpdateOptions::default()
    };
    update_with(corpus_dir, index_dir, analyzers, &options)
}

/// [`update`], with a progress report.
pub fn update_with(
    corpus_dir: &Path,
    index_dir: &Path,
    analyzers: &Analyzers,
    options: &UpdateOptions,
) -> Result<(ClauseIndex, UpdateReport)> {
    let started = Instant::now();
    let listing = corpus::list(corpus_dir, options.follow)?;
    let (index, mut report) = update_walked(listing, corpus_dir, index_dir, analyzers, options)?;
    report.elapsed = started.elapsed();
    Ok((index, report))
}

/// [`update_with`] for the corpus in `corpus_dir`, already walked (`corpus::list`).
pub fn update_walked(
    listing: Listing,
    corpus_dir: &Path,
    index_dir: &Path,
    analyzers: &Analyzers,
    options: &UpdateOptions,
) -> Result<(ClauseIndex, UpdateReport)> {
    let started = Instant::now();
    let rebuild = options.rebuild;
    let files = &listing.files;
    let mut report = UpdateReport {
        warnings: listing.warnings.clone(),
        links: listing.links.clone(),
        ..UpdateReport::default()
    };
    ownership::check_apart(corpus_dir, index_dir)?;

    // An index already up to date is used without taking the lock: queries never write, so
    // an index on a read-only disk answers, and queries do not queue behind one another.
    if !rebuild
        && !options.verify
        && ClauseIndex::exists(index_dir)
        && let Ok(Ok(index)) = ClauseIndex::open(index_dir, analyzers)
        && is_current(&index, &corpus::fingerprint(files))
    {
        return Ok(found_current(
            index, corpus_dir, index_dir, &listing, report, started,
        ));
    }

    // Nothing is written in a folder that is not ours, not even the lock file: the folder is
    // claimed (or refused) first.
    ownership::claim(index_dir)?;
    // Held until the commit: nothing in the folder changes before another writer has finished.
    let _lock = WriterLock::acquire(index_dir, options.when_locked)?;

    let mut redo_chinese = false;
    let mut index = if !ClauseIndex::exists(index_dir) {
        report.created = true;
        // Files of a build that was killed before it first committed, if any.
        remove_index_files(index_dir)?;
        ClauseIndex::create(index_dir, analyzers)?
    } else {
        match ClauseIndex::open(index_dir, analyzers) {
            // A damaged index: `--rebuild` is the fix the error names.
            Err(_) if rebuild => start_afresh(index_dir, analyzers, &mut report)?,
            Err(e) => return Err(e),
            Ok(Ok(index)) => index,
            Ok(Err(Stale::Dictionary(index))) => {
                redo_chinese = !rebuild;
                report.dictionary_changed = !rebuild;
                *index
            }
            Ok(Err(Stale::OtherVersion(why))) => {
                if !rebuild {
                    report.rebuilt_because =
                        Some(format!("the index was built by another version: {why}"));
                }
                start_afresh(index_dir, analyzers, &mut report)?
            }
        }
    };
    // An index whose segments cannot all be read is rebuilt from nothing.
    if rebuild && !report.created && index.reader().is_err() {
        index = start_afresh(index_dir, analyzers, &mut report)?;
    }
    // A rebuild of an index that opens: every file is read again, and the old clauses are
    // deleted in the commit that adds the new ones, so that a rebuild killed half-way leaves
    // the old index as it was.
    let replace_all = rebuild && !report.created;
    if replace_all {
        report.created = true;
    }

    let fingerprint = corpus::fingerprint(files);
    if !report.created && !redo_chinese && !options.verify && is_current(&index, &fingerprint) {
        // Nothing was added, removed or touched: the manifest need not even be read.
        return Ok(found_current(
            index, corpus_dir, index_dir, &listing, report, started,
        ));
    }

    let ids = assign_ids(files);
    let mut manifest = if replace_all {
        Default::default()
    } else {
        index.manifest()?.files
    };

    // Files whose size, modification time and id match the manifest are not even opened —
    // unless a new user dictionary means their Chinese must be cut again.
    let mut work = Vec::new();
    let mut forced = HashSet::new();
    for (i, (file, id)) in files.iter().zip(&ids).enumerate() {
        match manifest.get(&file.rel) {
            Some(entry) if redo_chinese && entry.lang.as_deref() != Some("en") => {
                forced.insert(i);
                work.push(i);
            }
            Some(entry)
                if !options.verify
                    && entry.size == file.size
                    && entry.mtime_ns == file.mtime_ns
                    && &entry.id == id =>
            {
                report.unchanged += 1;
            }
            _ => work.push(i),
        }
    }
    let present: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    let gone: Vec<String> = manifest
        .keys()
        .filter(|rel| !present.contains(rel.as_str()))
        .cloned()
        .collect();

    // The listing differs from the one recorded, so a commit follows in any case: at least
    // the stamp changes, and the next query can then skip all this.
    let mut writer = open_writer(&index)?;
    if replace_all {
        writer
            .delete_query(Box::new(tantivy::query::AllQuery))
            .context("cannot start rebuilding the index")?;
    }
    let batch = Batch {
        files,
        ids: &ids,
        work: &work,
        forced: &forced,
        manifest: &manifest,
        writer: &writer,
        fields: &index.fields,
        follow: listing.follow,
    };
    let outcomes = match batch.run(analyzers, options.progress) {
        Ok(outcomes) => outcomes,
        Err(e) if e.downcast_ref::<WriterStopped>().is_some() => {
            // Joining the indexing threads gives the error that stopped them ("No space left
            // on device"); the prepared commit, if any, is dropped uncommitted.
            let cause = writer.prepare_commit().err();
            let err = cause.map_or(e, anyhow::Error::new);
            return Err(err.context(format!("cannot write the index in {}", index.dir.display())));
        }
        Err(e) => return Err(e),
    };
    let mut skipped = Vec::new();
    for (i, outcome) in outcomes {
        let file = &files[i];
        match outcome {
            Outcome::Unreadable { warning, known } => {
                // Keep what the index has of it: an unreadable file is not a deleted one.
                skipped.push(Skipped {
                    rel: file.rel.clone(),
                    reason: warning.reason.clone(),
                    indexed: false,
                });
                report.warnings.push(warning);
                if known {
                    report.unchanged += 1;
                }
            }
            Outcome::Restamped(entry) => {
                manifest.insert(file.rel.clone(), entry);
                report.unchanged += 1;
            }
            Outcome::Indexed { entry, updated } => {
                manifest.insert(file.rel.clone(), entry);
                if updated {
                    report.updated += 1;
                } else {
                    report.added += 1;
                }
            }
        }
    }
    for rel in gone {
        if let Some(entry) = manifest.remove(&rel) {
            writer.delete_term(Term::from_field_text(index.fields.doc_id, &entry.id));
            report.removed += 1;
        }
    }

    // Documents indexed with a warning are reported by every run, as skipped files are.
    for (rel, entry) in &manifest {
        for reason in &entry.warnings {
            report
                .warnings
                .push(Warning::noted(corpus_dir.join(rel), reason.clone()));
            skipped.push(Skipped {
                rel: rel.clone(),
                reason: reason.clone(),
                indexed: true,
            });
        }
    }
    let manifest = Manifest { files: manifest };
    let (manifest_name, manifest_hash) = index.write_manifest(&manifest)?;
    let previous_manifest = std::mem::take(&mut index.stamp.manifest);
    index.stamp = Stamp {
        version: SCHEMA_VERSION,
        writer: WRITER.to_string(),
        corpus: fingerprint,
        documents: manifest.files.len(),
        clauses: manifest.files.values().map(|f| f.clauses).sum(),
        skipped,
        manifest: manifest_name,
        manifest_hash,
        user_dictionary: analyzers.user_dictionary_fingerprint().to_string(),
    };
    let payload = serde_json::to_string(&index.stamp).context("cannot encode the index stamp")?;
    let mut prepared = writer
        .prepare_commit()
        .with_context(|| format!("cannot commit the index in {}", index.dir.display()))?;
    prepared.set_payload(&payload);
    prepared
        .commit()
        .with_context(|| format!("cannot commit the index in {}", index.dir.display()))?;
    writer
        .wait_merging_threads()
        .context("cannot finish merging index segments")?;
    index.remove_earlier_manifest(&previous_manifest);
    freshness::record(index_dir, &index.stamp.corpus, &listing);

    report.documents = index.stamp.documents;
    report.clauses = index.stamp.clauses;
    report.elapsed = started.elapsed();
    Ok((index, report))
}

/// Deletes the index in `index_dir` (unusable by this version, or damaged) and creates an
/// empty one. `meta.json` goes first: a run killed half-way leaves no index rather than a
/// damaged one.
fn start_afresh(
    index_dir: &Path,
    analyzers: &Analyzers,
    report: &mut UpdateReport,
) -> Result<ClauseIndex> {
    report.created = true;
    remove_index_files(index_dir)?;
    ClauseIndex::create(index_dir, analyzers)
}

/// The outcome of an update that found `index` current with `listing`: the walk's warnings
/// (in `walked`) and those the index recorded, and the folders recorded for later queries.
fn found_current(
    index: ClauseIndex,
    corpus_dir: &Path,
    index_dir: &Path,
    listing: &Listing,
    mut walked: UpdateReport,
    started: Instant,
) -> (ClauseIndex, UpdateReport) {
    freshness::record(index_dir, &index.stamp.corpus, listing);
    let mut current = unchanged_report(&index, corpus_dir);
    walked.warnings.append(&mut current.warnings);
    current.warnings = walked.warnings;
    current.elapsed = started.elapsed();
    (index, current)
}

/// True when the index was brought up to date with a corpus listing of this fingerprint.
pub fn is_current(index: &ClauseIndex, fingerprint: &str) -> bool {
    !index.stamp.corpus.is_empty() && index.stamp.corpus == fingerprint
}

/// The report of an update that finds nothing to do, for an index that is current with the
/// corpus in `corpus_dir`: everything unchanged, and the files that could not be read
/// reported again.
pub fn unchanged_report(index: &ClauseIndex, corpus_dir: &Path) -> UpdateReport {
    let stamp = &index.stamp;
    let warnings = stamp
        .skipped
        .iter()
        .map(|s| Warning {
            path: corpus_dir.join(&s.rel),
            reason: s.reason.clone(),
            skipped: !s.indexed,
        })
        .collect();
    UpdateReport {
        unchanged: stamp.documents,
        documents: stamp.documents,
        clauses: stamp.clauses,
        warnings,
        ..UpdateReport::default()
    }
}

/// Opens the writer, after deleting what a run killed before its commit left in the folder:
/// tantivy names a commit's delete files after its operation count, which the next run
/// reaches again, and refuses to overwrite them.
fn open_writer(index: &ClauseIndex) -> Result<IndexWriter> {
    let writer = writer(index)?;
    writer
        .garbage_collect_files()
        .wait()
        .with_context(|| format!("cannot tidy the index in {}", index.dir.display()))?;
    Ok(writer)
}

/// The writer's memory budget: [`WRITER_BUDGET`], or `TREATYSEARCH_WRITER_MB` megabytes (at
/// least 15 per indexing thread, tantivy's minimum): a smaller budget writes segments sooner.
fn writer_budget() -> usize {
    std::env::var("TREATYSEARCH_WRITER_MB")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map_or(WRITER_BUDGET, |mb| mb.clamp(15, 4000) * 1_000_000)
}

fn writer(index: &ClauseIndex) -> Result<IndexWriter> {
    index.index.writer(writer_budget()).map_err(|e| match e {
        tantivy::TantivyError::LockFailure(..) => anyhow::anyhow!(
            "the index in {} is locked by another treatysearch process: wait for it to finish",
            index.dir.display()
        ),
        e => anyhow::Error::new(e).context(format!(
            "cannot write to the index in {}",
            index.dir.display()
        )),
    })
}

/// Document ids: the relative path without extension, unless two files would share one.
fn assign_ids(files: &[CorpusFile]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in files {
        *seen.entry(f.id()).or_default() += 1;
    }
    files
        .iter()
        .map(|f| {
            let id = f.id();
            if seen[&id] > 1 { f.rel.clone() } else { id }
        })
        .collect()
}
