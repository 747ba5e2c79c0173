//! Reading, parsing and queuing the files an update must read, on every core: each document
//! is handed to tantivy's indexing threads in batches of at most [`CHUNK_CLAUSES`] clauses
//! (its delete first), and readers stay a bounded amount of text ahead of those threads.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, Term};

use super::progress::Progress;
use crate::analyze::Analyzers;
use crate::analyze::stages::{self, Stage};
use crate::corpus::{self, CorpusFile, Warning};
use crate::index::FileEntry;
use crate::index::schema::Fields;
use crate::index::stored::ClauseEncoder;
use crate::parse;

/// Above this many bytes to index, the full jieba dictionary is loaded on a thread of its own
/// while the first files are read and parsed (the Chinese among them will need it).
const PRELOAD_JIEBA_BYTES: u64 = 2_000_000;

/// Clause text queued for tantivy's indexing threads but not analyzed by them yet, at most:
/// enough to keep them busy, little enough that a build does not hold the whole corpus in
/// memory and that the progress of reading is the progress of indexing.
const MAX_AHEAD: u64 = 8_000_000;

/// Clauses handed to the writer at a time: a document's clauses are turned into tantivy
/// documents a chunk at a time, so that a document of many short paragraphs never exists as
/// tantivy documents all at once.
const CHUNK_CLAUSES: usize = 1024;

/// How far the readers are ahead of the indexing threads.
struct Flow<'a> {
    analyzers: &'a Analyzers,
    analyzed_before: u64,
    /// Bytes of clause text handed to the writer.
    queued: AtomicU64,
    /// Held while a document is handed to the writer (see [`Batch::file`]).
    hand_over: Mutex<()>,
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

/// The writer's indexing threads have stopped: the error that stopped them is theirs to tell
/// (`update` asks the writer for it), whatever document was being handed over.
#[derive(Debug)]
pub(super) struct WriterStopped(pub(super) tantivy::TantivyError);

impl std::fmt::Display for WriterStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the index writer stopped: {}", self.0)
    }
}

impl std::error::Error for WriterStopped {}

/// What became of one file that had to be read.
pub(super) enum Outcome {
    /// It could not be read or decoded.
    Unreadable { warning: Warning, known: bool },
    /// Its bytes are those already indexed; only its stamp changed.
    Restamped(FileEntry),
    /// Its clauses were queued for indexing (replacing the old ones when `updated`).
    Indexed { entry: FileEntry, updated: bool },
}

/// The files of one update that must be read, and where their clauses go.
pub(super) struct Batch<'a> {
    pub(super) files: &'a [CorpusFile],
    pub(super) ids: &'a [String],
    /// Indexes into `files`.
    pub(super) work: &'a [usize],
    /// Files to index again even when their content did not change (a new user dictionary).
    pub(super) forced: &'a std::collections::HashSet<usize>,
    pub(super) manifest: &'a BTreeMap<String, FileEntry>,
    pub(super) writer: &'a IndexWriter,
    pub(super) fields: &'a Fields,
    /// Follow symbolic links (`--follow`).
    pub(super) follow: bool,
}

impl Batch<'_> {
    /// Reads, parses and queues the files on every core; tantivy's indexing threads analyze
    /// and index them meanwhile. Returns the outcome of each file, in corpus order.
    pub(super) fn run(
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
            hand_over: Mutex::new(()),
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
    /// ones; the update commits once, so no reader sees both or neither).
    fn file(&self, i: usize, flow: &Flow) -> Result<Outcome> {
        let (file, id) = (&self.files[i], &self.ids[i]);
        let known = self.manifest.get(&file.rel);
        let mut timer = stages::start();
        let loaded = match corpus::load(&file.path, self.follow) {
            Ok(loaded) => loaded,
            Err(reason) => {
                return Ok(Outcome::Unreadable {
                    warning: Warning::skipped(file.path.clone(), reason),
                    known: known.is_some(),
                });
            }
        };
        if let Some(entry) = known
            && entry.hash == loaded.hash
            && &entry.id == id
            && !self.forced.contains(&i)
        {
            return Ok(Outcome::Restamped(FileEntry {
                size: file.size,
                mtime_ns: file.mtime_ns,
                ..entry.clone()
            }));
        }
        timer.lap(Stage::Read);
        let doc = parse::parse_with_sidecar(&loaded.text, loaded.sidecar.as_deref(), id);
        let hash = loaded.hash;
        drop(loaded);
        timer.lap(Stage::Parse);
        let encoder = ClauseEncoder::new(self.fields, id, &file.rel, &doc)?;
        // The clauses go to the writer in bounded chunks, built as they go: a document of a
        // hundred thousand paragraphs held as tantivy documents all at once took gigabytes.
        // Only the commit at the end of the update publishes them, so a reader still sees
        // the document wholly old or wholly new.
        let mut delete = known.map(|entry| {
            UserOperation::Delete(Term::from_field_text(self.fields.doc_id, &entry.id))
        });
        for chunk in doc.clauses.chunks(CHUNK_CLAUSES) {
            let mut ops = Vec::with_capacity(chunk.len() + 1);
            ops.extend(delete.take());
            let mut weight = 0;
            let encoding = stages::start();
            for clause in chunk {
                weight += clause.text.len() as u64 + crate::analyze::WEIGHT_PER_TEXT;
                ops.push(UserOperation::Add(encoder.encode(self.fields, clause)));
            }
            encoding.stop(Stage::Encode);
            flow.wait_for_room();
            // One reader at a time: tantivy numbers a batch's operations, then queues its
            // delete, and expects the delete queue in number order. Two readers racing
            // between the two steps queue deletes out of order, and the commit then applies a
            // document's delete to the clauses that replaced it — the document vanished from
            // the index (found by the kill test, without any kill).
            let turn = flow.hand_over.lock().unwrap_or_else(|e| e.into_inner());
            // tantivy refuses documents once an indexing thread has failed (a full disk while
            // it writes a segment): the cause is that thread's, not this document's.
            self.writer.run(ops).map_err(WriterStopped)?;
            drop(turn);
            flow.queued.fetch_add(weight, Ordering::Relaxed);
        }
        if let Some(delete) = delete {
            // A document that has no clause any more.
            let turn = flow.hand_over.lock().unwrap_or_else(|e| e.into_inner());
            self.writer.run([delete]).map_err(WriterStopped)?;
            drop(turn);
        }
        drop(encoder);
        Ok(Outcome::Indexed {
            entry: FileEntry {
                id: id.clone(),
                size: file.size,
                mtime_ns: file.mtime_ns,
                hash,
                clauses: doc.clauses.len(),
                lang: Some(doc.lang.as_str().to_string()),
                warnings: doc.warnings,
            },
            updated: known.is_some(),
        })
    }
}
