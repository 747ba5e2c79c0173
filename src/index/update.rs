//! Incremental update: compares the corpus with the manifest and re-indexes only what changed.
//!
//! A file whose size and modification time match the manifest is not even read. A file whose
//! stamp changed but whose content hash did not is only re-stamped. Changed files are deleted
//! and re-added as a whole (all their clauses), removed files are deleted, and everything is
//! committed once, with the new manifest as the commit payload.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::schema::Fields;
use super::{ClauseIndex, FileEntry, Stale, remove_index_files};
use crate::analyze::Analyzers;
use crate::corpus::{self, CorpusFile, Warning};
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

/// Writer memory budget: enough for large corpora, small enough for any laptop.
const WRITER_BUDGET: usize = 200_000_000;

/// Brings the index in `index_dir` up to date with `corpus_dir`. With `rebuild`, starts over.
pub fn update(
    corpus_dir: &Path,
    index_dir: &Path,
    analyzers: &Analyzers,
    rebuild: bool,
) -> Result<(ClauseIndex, UpdateReport)> {
    let started = Instant::now();
    let (files, warnings) = corpus::walk(corpus_dir)?;
    let mut report = UpdateReport {
        warnings,
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
            Err(Stale::OtherVersion(why)) => {
                report.created = true;
                report.rebuilt_because =
                    Some(format!("the index was built by another version: {why}"));
                remove_index_files(index_dir)?;
                ClauseIndex::create(index_dir, analyzers)?
            }
        }
    };

    let ids = assign_ids(&files);
    let mut manifest = index.manifest.files.clone();
    let mut writer: Option<IndexWriter> = None;
    let mut restamped = false;

    for (file, id) in files.iter().zip(&ids) {
        let known = manifest.get(&file.rel).cloned();
        if let Some(entry) = &known
            && entry.size == file.size
            && entry.mtime_ns == file.mtime_ns
            && &entry.id == id
        {
            report.unchanged += 1;
            continue;
        }
        let loaded = match corpus::load(&file.path) {
            Ok(read) => read,
            Err(reason) => {
                // Keep what the index has of it: an unreadable file is not a deleted one.
                report.warnings.push(Warning {
                    path: file.path.clone(),
                    reason,
                });
                if known.is_some() {
                    report.unchanged += 1;
                }
                continue;
            }
        };
        let hash = loaded.hash;
        if let Some(entry) = &known
            && entry.hash == hash
            && &entry.id == id
        {
            manifest.insert(
                file.rel.clone(),
                FileEntry {
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    ..entry.clone()
                },
            );
            restamped = true;
            report.unchanged += 1;
            continue;
        }
        let writer = match &mut writer {
            Some(w) => w,
            None => writer.insert(open_writer(&index)?),
        };
        if let Some(entry) = &known {
            writer.delete_term(Term::from_field_text(index.fields.doc_id, &entry.id));
            report.updated += 1;
        } else {
            report.added += 1;
        }
        let doc = parse::parse_with_sidecar(&loaded.text, loaded.sidecar.as_deref(), id);
        add_document(writer, &index.fields, id, file, &doc)?;
        manifest.insert(
            file.rel.clone(),
            FileEntry {
                id: id.clone(),
                size: file.size,
                mtime_ns: file.mtime_ns,
                hash,
                clauses: doc.clauses.len(),
            },
        );
    }

    let present: std::collections::HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    let gone: Vec<String> = manifest
        .keys()
        .filter(|rel| !present.contains(rel.as_str()))
        .cloned()
        .collect();
    for rel in gone {
        if let Some(entry) = manifest.remove(&rel) {
            let writer = match &mut writer {
                Some(w) => w,
                None => writer.insert(open_writer(&index)?),
            };
            writer.delete_term(Term::from_field_text(index.fields.doc_id, &entry.id));
            report.removed += 1;
        }
    }

    if writer.is_none() && (restamped || report.created) {
        writer = Some(open_writer(&index)?);
    }
    if let Some(mut writer) = writer {
        index.manifest.files = manifest;
        let payload =
            serde_json::to_string(&index.manifest).context("cannot encode the manifest")?;
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
    }
    report.documents = index.manifest.files.len();
    report.clauses = index.clause_count();
    report.elapsed = started.elapsed();
    Ok((index, report))
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

fn add_document(
    writer: &mut IndexWriter,
    f: &Fields,
    id: &str,
    file: &CorpusFile,
    doc: &Document,
) -> Result<()> {
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
        writer
            .add_document(d)
            .with_context(|| format!("cannot index {}", file.path.display()))?;
    }
    Ok(())
}
