//! Incremental update: compares the corpus with the manifest and re-indexes only what changed.
//!
//! A file whose size and modification time match the manifest is not even read. A file whose
//! stamp changed but whose content hash did not is only re-stamped. Changed files are deleted
//! and re-added as a whole (all their clauses), removed files are deleted, and everything is
//! committed once, with the new manifest as the commit payload.
//!
//! Reading, decoding and parsing run on every core, each document handed to tantivy as one
//! batch; tantivy's own indexing threads analyze and index meanwhile, so the stages overlap.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::freshness;
use super::schema::{Fields, SCHEMA_VERSION};
use super::{ClauseIndex, FileEntry, Manifest, Skipped, Stale, Stamp, WRITER, remove_index_files};
use crate::analyze::Analyzers;
use crate::corpus::{self, CorpusFile, Listing, Warning};
use crate::model::{Document, Lang};
use crate::parse;

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
    /// True when the index did not exist (or was rebuilt).
    pub created: bool,
    /// Why an existing index was rebuilt, if it was.
    pub rebuilt_because: Option<String>,
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

/// Above this many bytes to index, the full jieba dictionary is loaded on a thread of its own
/// while the first files are read and parsed (the Chinese among them will need it).
const PRELOAD_JIEBA_BYTES: u64 = 2_000_000;

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
    /// Delete the index and build it again.
    pub rebuild: bool,
    pub progress: Option<&'a dyn Progress>,
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
        progress: None,
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
    let listing = corpus::list(corpus_dir)?;
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
        ..UpdateReport::default()
    };

    let mut index = if rebuild || !ClauseIndex::exists(index_dir) {
        report.created = true;
        if rebuild {
            remove_index_files(index_dir)?;
        }
        ClauseIndex::create(index_dir, analyzers)?
    } else {
        match ClauseIndex::open(index_dir, analyzers)? {
            Ok(index) => index,
            Err(stale) => {
                report.created = true;
                report.rebuilt_because = Some(match stale {
                    Stale::OtherVersion(why) => {
                        format!("the index was built by another version: {why}")
                    }
                    Stale::Dictionary => "the user dictionary changed".to_string(),
                });
                remove_index_files(index_dir)?;
                ClauseIndex::create(index_dir, analyzers)?
            }
        }
    };

    let fingerprint = corpus::fingerprint(files);
    if !report.created && is_current(&index, &fingerprint) {
        // Nothing was added, removed or touched: the manifest need not even be read.
        freshness::record(index_dir, &fingerprint, &listing);
        let mut current = unchanged_report(&index, corpus_dir);
        report.warnings.append(&mut current.warnings);
        current.warnings = report.warnings;
        current.elapsed = started.elapsed();
        return Ok((index, current));
    }

    let ids = assign_ids(files);
    let mut manifest = index.manifest()?.files;

    // Files whose size, modification time and id match the manifest are not even opened.
    let mut work = Vec::new();
    for (i, (file, id)) in files.iter().zip(&ids).enumerate() {
        match manifest.get(&file.rel) {
            Some(entry)
                if entry.size == file.size
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
    let batch = Batch {
        files,
        ids: &ids,
        work: &work,
        manifest: &manifest,
        writer: &writer,
        fields: &index.fields,
    };
    let mut skipped = Vec::new();
    for (i, outcome) in batch.run(analyzers, options.progress)? {
        let file = &files[i];
        match outcome {
            Outcome::Unreadable { warning, known } => {
                // Keep what the index has of it: an unreadable file is not a deleted one.
                skipped.push(Skipped {
                    rel: file.rel.clone(),
                    reason: warning.reason.clone(),
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

    let manifest = Manifest { files: manifest };
    index.stamp = Stamp {
        version: SCHEMA_VERSION,
        writer: WRITER.to_string(),
        corpus: fingerprint,
        documents: manifest.files.len(),
        clauses: manifest.files.values().map(|f| f.clauses).sum(),
        skipped,
        manifest: index.write_manifest(&manifest)?,
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
    index.remove_old_manifests();
    freshness::record(index_dir, &index.stamp.corpus, &listing);

    report.documents = index.stamp.documents;
    report.clauses = index.stamp.clauses;
    report.elapsed = started.elapsed();
    Ok((index, report))
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

/// Clause text queued for tantivy's indexing threads but not analyzed by them yet, at most:
/// enough to keep them busy, little enough that a build does not hold the whole corpus in
/// memory and that the progress of reading is the progress of indexing.
const MAX_AHEAD: u64 = 8_000_000;

/// How far the readers are ahead of the indexing threads.
struct Flow<'a> {
    analyzers: &'a Analyzers,
    analyzed_before: u64,
    /// Bytes of clause text handed to the writer.
    queued: AtomicU64,
}

impl Flow<'_> {
    /// Waits while more than [`MAX_AHEAD`] bytes are queued and not analyzed. The count of
    /// analyzed bytes comes from the analyzers; should it ever stall, a reader goes on after
    /// a second rather than wait for good.
    fn wait_for_room(&self) {
        let deadline = Instant::now() + Duration::from_secs(1);
        loop {
            let analyzed = self.analyzers.analyzed_bytes() - self.analyzed_before;
            let ahead = self.queued.load(Ordering::Relaxed).saturating_sub(analyzed);
            if ahead <= MAX_AHEAD || Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// What became of one file that had to be read.
enum Outcome {
    /// It could not be read or decoded.
    Unreadable { warning: Warning, known: bool },
    /// Its bytes are those already indexed; only its stamp changed.
    Restamped(FileEntry),
    /// Its clauses were queued for indexing (replacing the old ones when `updated`).
    Indexed { entry: FileEntry, updated: bool },
}

/// The files of one update that must be read, and where their clauses go.
struct Batch<'a> {
    files: &'a [CorpusFile],
    ids: &'a [String],
    /// Indexes into `files`.
    work: &'a [usize],
    manifest: &'a BTreeMap<String, FileEntry>,
    writer: &'a IndexWriter,
    fields: &'a Fields,
}

impl Batch<'_> {
    /// Reads, parses and queues the files on every core; tantivy's indexing threads analyze
    /// and index them meanwhile. Returns the outcome of each file, in corpus order.
    fn run(
        &self,
        analyzers: &Analyzers,
        progress: Option<&dyn Progress>,
    ) -> Result<Vec<(usize, Outcome)>> {
        if self.work.is_empty() {
            return Ok(Vec::new());
        }
        let bytes: u64 = self.work.iter().map(|&i| self.files[i].size).sum();
        if let Some(p) = progress {
            p.start(self.work.len(), bytes);
        }
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(self.work.len());
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let flow = Flow {
            analyzers,
            analyzed_before: analyzers.analyzed_bytes(),
            queued: AtomicU64::new(0),
        };
        let mut done = Vec::with_capacity(self.work.len());
        std::thread::scope(|scope| -> Result<()> {
            if bytes > PRELOAD_JIEBA_BYTES {
                scope.spawn(|| analyzers.segmenter().load_full());
            }
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| -> Result<Vec<(usize, Outcome)>> {
                        let mut done = Vec::new();
                        while !failed.load(Ordering::Relaxed) {
                            let Some(&i) = self.work.get(next.fetch_add(1, Ordering::Relaxed))
                            else {
                                break;
                            };
                            match self.file(i, &flow) {
                                Ok(outcome) => done.push((i, outcome)),
                                Err(e) => {
                                    failed.store(true, Ordering::Relaxed);
                                    return Err(e);
                                }
                            }
                            if let Some(p) = progress {
                                p.advance(self.files[i].size);
                            }
                        }
                        Ok(done)
                    })
                })
                .collect();
            for worker in workers {
                match worker.join() {
                    Ok(result) => done.extend(result?),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            Ok(())
        })?;
        if let Some(p) = progress {
            p.finish();
        }
        done.sort_unstable_by_key(|d| d.0);
        Ok(done)
    }

    /// Reads one file and, if its content changed, queues its clauses (after deleting the old
    /// ones, in the same batch so that no reader sees both or neither).
    fn file(&self, i: usize, flow: &Flow) -> Result<Outcome> {
        let (file, id) = (&self.files[i], &self.ids[i]);
        let known = self.manifest.get(&file.rel);
        let loaded = match corpus::load(&file.path) {
            Ok(loaded) => loaded,
            Err(reason) => {
                return Ok(Outcome::Unreadable {
                    warning: Warning {
                        path: file.path.clone(),
                        reason,
                    },
                    known: known.is_some(),
                });
            }
        };
        if let Some(entry) = known
            && entry.hash == loaded.hash
            && &entry.id == id
        {
            return Ok(Outcome::Restamped(FileEntry {
                size: file.size,
                mtime_ns: file.mtime_ns,
                ..entry.clone()
            }));
        }
        let doc = parse::parse_with_sidecar(&loaded.text, loaded.sidecar.as_deref(), id);
        let mut ops = Vec::with_capacity(doc.clauses.len() + 1);
        if let Some(entry) = known {
            ops.push(UserOperation::Delete(Term::from_field_text(
                self.fields.doc_id,
                &entry.id,
            )));
        }
        for clause in clause_documents(self.fields, id, file, &doc)? {
            ops.push(UserOperation::Add(clause));
        }
        let bytes: u64 = doc.clauses.iter().map(|c| c.text.len() as u64).sum();
        flow.wait_for_room();
        // One batch per document: one hand-over to the indexing threads instead of one per
        // clause (a clause is small; the queue's locking cost more than indexing it).
        self.writer
            .run(ops)
            .with_context(|| format!("cannot index {}", file.path.display()))?;
        flow.queued.fetch_add(bytes, Ordering::Relaxed);
        Ok(Outcome::Indexed {
            entry: FileEntry {
                id: id.clone(),
                size: file.size,
                mtime_ns: file.mtime_ns,
                hash: loaded.hash,
                clauses: doc.clauses.len(),
            },
            updated: known.is_some(),
        })
    }
}

fn open_writer(index: &ClauseIndex) -> Result<IndexWriter> {
    index.index.writer(WRITER_BUDGET).map_err(|e| match e {
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

/// The tantivy documents of a document's clauses.
fn clause_documents(
    f: &Fields,
    id: &str,
    file: &CorpusFile,
    doc: &Document,
) -> Result<Vec<TantivyDocument>> {
    let date = doc.date();
    let dates: BTreeMap<&str, String> = doc
        .dates
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_string()))
        .collect();
    let dates_json = serde_json::to_string(&dates).context("cannot encode dates")?;
    let body = match doc.lang {
        Lang::Zh => f.body_zh,
        Lang::En => f.body_en,
    };
    let mut out = Vec::with_capacity(doc.clauses.len());
    for clause in &doc.clauses {
        let mut d = TantivyDocument::new();
        d.add_text(f.doc_id, id);
        d.add_text(f.path, &file.rel);
        d.add_text(f.title, &doc.title);
        d.add_text(f.lang, doc.lang.as_str());
        if let Some(date) = date {
            d.add_text(f.date, date.to_string());
            d.add_u64(f.day, crate::search::day_number(date));
        }
        d.add_text(f.dates, &dates_json);
        if let Some(place) = &doc.place {
            d.add_text(f.place, place);
        }
        for party in &doc.parties {
            d.add_text(f.party, party);
        }
        d.add_text(f.part, clause.article.part.as_str());
        if let Some(label) = &clause.article.label {
            d.add_text(f.article_label, label);
        }
        if let Some(number) = &clause.article.number {
            d.add_text(f.article_number, number);
        }
        for heading in &clause.article.path {
            d.add_text(f.article_path, heading);
        }
        d.add_u64(f.clause, clause.index as u64);
        d.add_u64(f.line, clause.line as u64);
        d.add_u64(f.span_start, clause.span[0] as u64);
        d.add_u64(f.span_end, clause.span[1] as u64);
        d.add_text(f.text, &clause.text);
        d.add_text(body, &clause.text);
        if doc.lang == Lang::Zh {
            d.add_text(f.body_zh_bigram, &clause.text);
        }
        out.push(d);
    }
    Ok(out)
}
