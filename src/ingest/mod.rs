//! Ingest: brings an index up to date with a corpus — the corpus walked, each changed file read
//! and decoded (`corpus`), parsed (`parse`) and encoded as clause documents
//! (`index::stored`), handed to the index's writer with progress (`batch`). The index's
//! storage, lock, ownership and record are `index`'s; this module decides what to read and
//! asks `index` to store and commit it. [`update`] is the one entry point.
//!
//! A corpus whose listing has the fingerprint the index was stamped with needs nothing, not
//! even the manifest. Otherwise a file whose size and modification time match the manifest is
//! not even read; a file whose stamp changed but whose content hash did not is only
//! re-stamped; changed files are deleted and re-added as a whole (all their clauses, read and
//! parsed on every core: `batch`), removed files are deleted, and everything is committed
//! once, with the new stamp as the commit payload and the new manifest beside it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tantivy::Term;

mod batch;
mod progress;

pub use progress::Progress;

use crate::analyze::Analyzers;
use crate::corpus::{self, CorpusFile, Listing, Warning};
use crate::index::lock::{WhenLocked, WriterLock};
use crate::index::schema::SCHEMA_VERSION;
use crate::index::{
    ClauseIndex, FileEntry, Manifest, Skipped, Stale, Stamp, WRITER, freshness, is_current,
    ownership, remove_index_files,
};
use batch::{Batch, Outcome, WriterStopped};

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

/// Brings the index in `index_dir` up to date with the corpus in `corpus_dir` (with
/// `options.rebuild`, starts over): the one entry point of indexing. `walked` is the corpus
/// listing when the caller has walked it already (`corpus::list`, as a query does to see
/// whether anything changed); otherwise it is walked here.
pub fn update(
    corpus_dir: &Path,
    index_dir: &Path,
    analyzers: &Analyzers,
    options: &UpdateOptions,
    walked: Option<Listing>,
) -> Result<(ClauseIndex, UpdateReport)> {
    let started = Instant::now();
    let listing = match walked {
        Some(listing) => listing,
        None => corpus::list(corpus_dir, options.follow)?,
    };
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

    let (mut index, redo_chinese) = open_to_write(index_dir, analyzers, rebuild, &mut report)?;
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

    let Plan { work, forced, gone } = plan(
        files,
        &ids,
        &manifest,
        redo_chinese,
        options.verify,
        &mut report,
    );

    // The listing differs from the one recorded, so a commit follows in any case: at least
    // the stamp changes, and the next query can then skip all this.
    let mut writer = index.open_writer()?;
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
    let mut skipped = tally(outcomes, files, &mut manifest, &mut report);
    for rel in gone {
        if let Some(entry) = manifest.remove(&rel) {
            writer.delete_term(Term::from_field_text(index.fields.doc_id, &entry.id));
            report.removed += 1;
        }
    }

    note_warnings(corpus_dir, &manifest, &mut report, &mut skipped);
    let stamp = Stamp {
        version: SCHEMA_VERSION,
        writer: WRITER.to_string(),
        corpus: fingerprint,
        documents: manifest.len(),
        clauses: manifest.values().map(|f| f.clauses).sum(),
        skipped,
        manifest: String::new(),
        manifest_hash: String::new(),
        user_dictionary: analyzers.user_dictionary_fingerprint().to_string(),
    };
    index.commit(writer, &Manifest { files: manifest }, stamp)?;
    freshness::record(index_dir, &index.stamp.corpus, &listing);

    report.documents = index.stamp.documents;
    report.clauses = index.stamp.clauses;
    report.elapsed = started.elapsed();
    Ok((index, report))
}

/// Opens the index in `index_dir` for writing, creating it when missing and starting afresh
/// when it is of another version (or, with `rebuild`, damaged). True beside it when a new user
/// dictionary means every Chinese document must be cut again.
fn open_to_write(
    index_dir: &Path,
    analyzers: &Analyzers,
    rebuild: bool,
    report: &mut UpdateReport,
) -> Result<(ClauseIndex, bool)> {
    let mut redo_chinese = false;
    let mut index = if !ClauseIndex::exists(index_dir) {
        report.created = true;
        // Files of a build that was killed before it first committed, if any.
        remove_index_files(index_dir)?;
        ClauseIndex::create(index_dir, analyzers)?
    } else {
        match ClauseIndex::open(index_dir, analyzers) {
            // A damaged index: `--rebuild` is the fix the error names.
            Err(_) if rebuild => start_afresh(index_dir, analyzers, report)?,
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
                start_afresh(index_dir, analyzers, report)?
            }
        }
    };
    // An index whose segments cannot all be read is rebuilt from nothing.
    if rebuild && !report.created && index.reader().is_err() {
        index = start_afresh(index_dir, analyzers, report)?;
    }
    Ok((index, redo_chinese))
}

/// What an update must do with the files of a listing.
struct Plan {
    /// Indexes of the files to read.
    work: Vec<usize>,
    /// Those to index again even when their content did not change.
    forced: HashSet<usize>,
    /// Paths in the manifest that the corpus no longer has.
    gone: Vec<String>,
}

/// Which files must be read, against the manifest.
fn plan(
    files: &[CorpusFile],
    ids: &[String],
    manifest: &BTreeMap<String, FileEntry>,
    redo_chinese: bool,
    verify: bool,
    report: &mut UpdateReport,
) -> Plan {
    // Files whose size, modification time and id match the manifest are not even opened —
    // unless a new user dictionary means their Chinese must be cut again.
    let mut work = Vec::new();
    let mut forced = HashSet::new();
    for (i, (file, id)) in files.iter().zip(ids).enumerate() {
        match manifest.get(&file.rel) {
            Some(entry) if redo_chinese && entry.lang.as_deref() != Some("en") => {
                forced.insert(i);
                work.push(i);
            }
            Some(entry)
                if !verify
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

    Plan { work, forced, gone }
}

/// Counts what became of each file read, in `report`, and records it in `manifest`; returns
/// the files that could not be read.
fn tally(
    outcomes: Vec<(usize, Outcome)>,
    files: &[CorpusFile],
    manifest: &mut BTreeMap<String, FileEntry>,
    report: &mut UpdateReport,
) -> Vec<Skipped> {
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
    skipped
}

/// Documents indexed with a warning are reported by every run, as skipped files are.
fn note_warnings(
    corpus_dir: &Path,
    manifest: &BTreeMap<String, FileEntry>,
    report: &mut UpdateReport,
    skipped: &mut Vec<Skipped>,
) {
    for (rel, entry) in manifest {
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
