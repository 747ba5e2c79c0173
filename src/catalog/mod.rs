//! What the index holds, document by document: the stored clauses read back and grouped into
//! documents, the figures of the whole index, and what a user means by `DOC` (an id, a unique
//! prefix of one, or a path) and by `ARTICLE` (`3`, `三`, `Article 3`, `preamble`, …).
//!
//! Reads the index, never writes it and never prints. Everything here comes from the stored
//! fields, so that `show` prints the text that was indexed even if the file changed since.

mod owners;
mod reference;
mod window;

pub use owners::{ClauseOwners, Owner};
pub use reference::{ArticleSpec, resolve};
pub use window::{Page, Scope, article_numbers, page, paragraph};

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::index::ClauseIndex;
use crate::index::stored;
use crate::model::{ClauseArticle, Part};
pub use crate::model::{DocInfo, StoredClause};

/// A document with its figures, without its text (for `list` and `stats`).
#[derive(Debug, Clone)]
pub struct DocSummary {
    pub info: DocInfo,
    pub articles: usize,
    pub clauses: usize,
}

/// A document with all its clauses, in document order.
#[derive(Debug, Clone)]
pub struct DocRecord {
    pub info: DocInfo,
    pub clauses: Vec<StoredClause>,
}

/// One article (or the preamble, or the signature block) of a document: consecutive clauses
/// under the same heading.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    pub article: &'a ClauseArticle,
    pub clauses: &'a [StoredClause],
}

impl DocRecord {
    /// The document cut into its sections, in order.
    pub fn sections(&self) -> Vec<Section<'_>> {
        let mut out: Vec<Section<'_>> = Vec::new();
        let mut start = 0;
        for i in 1..=self.clauses.len() {
            if i == self.clauses.len() || self.clauses[i].article != self.clauses[start].article {
                if start < i {
                    out.push(Section {
                        article: &self.clauses[start].article,
                        clauses: &self.clauses[start..i],
                    });
                }
                start = i;
            }
        }
        out
    }

    /// The sections that `spec` names (several when a number repeats, as in an annex).
    pub fn select(&self, spec: &ArticleSpec) -> Vec<Section<'_>> {
        self.sections()
            .into_iter()
            .filter(|s| spec.matches(s.article))
            .collect()
    }

    /// The article numbers of the document, in order, for error messages.
    pub fn article_numbers(&self) -> Vec<String> {
        let mut seen = Vec::new();
        for s in self.sections() {
            if let (Part::Article, Some(n)) = (s.article.part, &s.article.number)
                && !seen.contains(n)
            {
                seen.push(n.clone());
            }
        }
        seen
    }
}

fn index_error(index: &ClauseIndex) -> String {
    format!(
        "cannot read the index in {} (run `treatysearch index --rebuild`)",
        index.dir.display()
    )
}

/// Every document of the index with its numbers of articles and clauses, in id order.
pub fn summaries(index: &ClauseIndex) -> Result<Vec<DocSummary>> {
    struct Acc {
        info: DocInfo,
        /// (clause index, article) of every clause, to count headings in document order.
        articles: Vec<(usize, ClauseArticle)>,
    }
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut docs: HashMap<String, Acc> = HashMap::new();
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(64)
            .with_context(|| index_error(index))?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc.with_context(|| index_error(index))?;
            let (info, clause) = stored::decode(&index.fields, &doc);
            let acc = docs.entry(info.id.clone()).or_insert_with(|| Acc {
                info,
                articles: Vec::new(),
            });
            acc.articles.push((clause.index, clause.article));
        }
    }
    let mut out: Vec<DocSummary> = docs
        .into_values()
        .map(|mut acc| {
            acc.articles.sort_by_key(|a| a.0);
            let headings = acc
                .articles
                .iter()
                .enumerate()
                .filter(|(i, (_, a))| {
                    a.part == Part::Article && (*i == 0 || acc.articles[i - 1].1 != *a)
                })
                .count();
            DocSummary {
                info: acc.info,
                articles: headings,
                clauses: acc.articles.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.info.id.cmp(&b.info.id));
    Ok(out)
}

/// One document with all its clauses, or `None` when the index has no such id.
pub fn document(index: &ClauseIndex, id: &str) -> Result<Option<DocRecord>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(index.fields.doc_id, id),
        IndexRecordOption::Basic,
    );
    let addresses = searcher
        .search(&query, &DocSetCollector)
        .with_context(|| index_error(index))?;
    let mut info = None;
    let mut clauses = Vec::with_capacity(addresses.len());
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).with_context(|| index_error(index))?;
        let (i, clause) = stored::decode(&index.fields, &doc);
        info.get_or_insert(i);
        clauses.push(clause);
    }
    clauses.sort_by_key(|c| c.index);
    Ok(info.map(|info| DocRecord { info, clauses }))
}

/// The clauses of document `id` that `spec` names, in document order: what
/// [`DocRecord::select`] gives, read without the rest of the document (a hit's paragraph
/// needs only its article, and a document may have hundreds of thousands of clauses). An
/// article is found by its number, as the index stores it; `None` when the document is gone.
pub fn article_clauses(
    index: &ClauseIndex,
    id: &str,
    spec: &ArticleSpec,
) -> Result<Option<Vec<StoredClause>>> {
    article_clauses_in(index, None, id, spec)
}

/// [`article_clauses`] through `searcher` when one is given: the articles of several hits read
/// through one searcher open the index once and decompress each block of stored clauses once.
pub fn article_clauses_in(
    index: &ClauseIndex,
    searcher: Option<&tantivy::Searcher>,
    id: &str,
    spec: &ArticleSpec,
) -> Result<Option<Vec<StoredClause>>> {
    let f = &index.fields;
    let (field, value) = match spec {
        ArticleSpec::Part(part) => (f.part, part.as_str()),
        ArticleSpec::Number { number, .. } => (f.article_number, number.as_str()),
    };
    let term = |field, value: &str| -> (Occur, Box<dyn tantivy::query::Query>) {
        let q = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        (Occur::Must, Box::new(q))
    };
    let query = BooleanQuery::new(vec![term(f.doc_id, id), term(field, value)]);
    let owned;
    let searcher = match searcher {
        Some(searcher) => searcher,
        None => {
            owned = index.reader()?.searcher();
            &owned
        }
    };
    let addresses = searcher
        .search(&query, &DocSetCollector)
        .with_context(|| index_error(index))?;
    let mut clauses = Vec::with_capacity(addresses.len());
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).with_context(|| index_error(index))?;
        let (_, clause) = stored::decode(f, &doc);
        if spec.matches(&clause.article) {
            clauses.push(clause);
        }
    }
    if clauses.is_empty() {
        return Ok(None);
    }
    clauses.sort_by_key(|c| c.index);
    Ok(Some(clauses))
}

/// Figures of the whole index for `stats`.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub documents: usize,
    pub clauses: usize,
    pub articles: usize,
    /// Per language: (documents, clauses).
    pub languages: BTreeMap<&'static str, (usize, usize)>,
    /// Per year of the date hits show: (documents, clauses).
    pub years: BTreeMap<u16, (usize, usize)>,
    /// Documents without any date: (documents, clauses).
    pub undated: (usize, usize),
    /// Bytes of the index files on disk.
    pub index_bytes: u64,
}

/// The figures of an index from its document summaries.
pub fn figures(index: &ClauseIndex, docs: &[DocSummary]) -> Figures {
    let mut f = Figures {
        documents: docs.len(),
        index_bytes: dir_size(&index.dir),
        ..Figures::default()
    };
    for d in docs {
        f.clauses += d.clauses;
        f.articles += d.articles;
        let lang = f.languages.entry(d.info.lang.as_str()).or_default();
        lang.0 += 1;
        lang.1 += d.clauses;
        let slot = match d.info.date {
            Some(date) => f.years.entry(date.year).or_default(),
            None => &mut f.undated,
        };
        slot.0 += 1;
        slot.1 += d.clauses;
    }
    f
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
