//! How often a formulation appears over the years: the clauses a query matches, counted per
//! year of their document's date (clauses and distinct documents), beside the size of the
//! index in that year, with the first and the last use. Prints nothing.
//!
//! A year is the year of the date hits show (signing, else publication). Years without a
//! match between the first and the last are kept, with zeros: a gap is information.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use crate::analyze::Analyzers;
use crate::catalog::ClauseOwners;
use crate::index::ClauseIndex;
use crate::index::stored;
use crate::model::Date;
use crate::model::Hit;
use crate::search::{self, Filters, Query};
use anyhow::Result;

/// Counts of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: u16,
    /// Clauses that match.
    pub clauses: usize,
    /// Documents with at least one matching clause.
    pub documents: usize,
    /// All clauses of the index dated this year.
    pub corpus_clauses: usize,
    /// All documents of the index dated this year.
    pub corpus_documents: usize,
}

impl Year {
    /// Matching clauses per `n` clauses of this year in the index; `None` for a year without
    /// clauses.
    pub fn clauses_per(&self, n: u32) -> Option<f64> {
        (self.corpus_clauses > 0)
            .then(|| self.clauses as f64 * f64::from(n) / self.corpus_clauses as f64)
    }

    /// The share (0–1) of this year's documents that match; `None` for a year without
    /// documents.
    pub fn documents_share(&self) -> Option<f64> {
        (self.corpus_documents > 0).then(|| self.documents as f64 / self.corpus_documents as f64)
    }
}

/// Clauses and documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub clauses: usize,
    pub documents: usize,
}

/// The answer.
#[derive(Debug)]
pub struct Timeline {
    pub query: String,
    /// Every year from the first use to the last, in order.
    pub years: Vec<Year>,
    /// All matches, dated or not.
    pub total: Counts,
    /// Matches in documents without a date (not in `years`).
    pub undated: Counts,
    /// The earliest dated match, and the latest.
    pub first: Option<Hit>,
    pub last: Option<Hit>,
    pub elapsed: Duration,
}

/// Documents and clauses per year among `clauses` (as [`ClauseOwners::years`] counts them for
/// the whole index).
fn years_of(
    owners: &ClauseOwners,
    clauses: &[tantivy::DocAddress],
) -> BTreeMap<u16, (usize, usize)> {
    let mut per_year: BTreeMap<u16, (HashSet<&str>, usize)> = BTreeMap::new();
    for &address in clauses {
        if let Some(owner) = owners.owner(address)
            && let Some(date) = owner.date
        {
            let slot = per_year.entry(date.year).or_default();
            slot.0.insert(&owner.id);
            slot.1 += 1;
        }
    }
    per_year
        .into_iter()
        .map(|(year, (docs, clauses))| (year, (docs.len(), clauses)))
        .collect()
}

/// Counts the matches of `query` among the clauses `filters` select, per year.
pub fn timeline(
    index: &ClauseIndex,
    analyzers: &Analyzers,
    query: &Query,
    filters: &Filters,
) -> Result<Timeline> {
    let started = Instant::now();
    let (searcher, addresses) = search::all_matches(index, analyzers, query, filters)?;
    let owners = ClauseOwners::read(&searcher, &index.fields)?;
    // The totals of a year are those of the selected clauses, so that "3 of 5 documents" and
    // the share per clause compare like with like.
    let corpus_years = match search::selected(&searcher, index, filters)? {
        None => owners.years().0,
        Some(selected) => years_of(&owners, &selected),
    };

    let mut per_year: BTreeMap<u16, (usize, HashSet<&str>)> = BTreeMap::new();
    let mut undated: (usize, HashSet<&str>) = (0, HashSet::new());
    let mut all_docs: HashSet<&str> = HashSet::new();
    // (date, doc id): the smallest is the document of the first use, the largest of the last.
    let mut first: Option<(Date, &str)> = None;
    let mut last: Option<(Date, &str)> = None;
    for &address in &addresses {
        let Some(owner) = owners.owner(address) else {
            continue;
        };
        all_docs.insert(&owner.id);
        let Some(date) = owner.date else {
            undated.0 += 1;
            undated.1.insert(&owner.id);
            continue;
        };
        let slot = per_year.entry(date.year).or_default();
        slot.0 += 1;
        slot.1.insert(&owner.id);
        let key = (date, owner.id.as_str());
        if first.is_none_or(|f| key < f) {
            first = Some(key);
        }
        if last.is_none_or(|l| key > l) {
            last = Some(key);
        }
    }

    let years = match (per_year.keys().next(), per_year.keys().next_back()) {
        (Some(&from), Some(&to)) => (from..=to)
            .map(|year| {
                let (clauses, docs) = per_year.get(&year).map_or((0, 0), |(c, d)| (*c, d.len()));
                let (corpus_documents, corpus_clauses) =
                    corpus_years.get(&year).copied().unwrap_or_default();
                Year {
                    year,
                    clauses,
                    documents: docs,
                    corpus_clauses,
                    corpus_documents,
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    // Within the document, the first use is its earliest matching clause, the last its latest.
    let load = |key: Option<(Date, &str)>, latest: bool| -> Result<Option<Hit>> {
        let Some((_, id)) = key else {
            return Ok(None);
        };
        let mut hits = addresses
            .iter()
            .filter(|&&a| owners.owner(a).is_some_and(|o| o.id == id))
            .map(|&a| stored::load_hit(&searcher, &index.fields, a, 0.0, 0))
            .collect::<Result<Vec<Hit>>>()?;
        hits.sort_by_key(|h| h.clause);
        Ok(if latest {
            hits.pop()
        } else {
            hits.into_iter().next()
        })
    };
    Ok(Timeline {
        query: query.text.clone(),
        years,
        total: Counts {
            clauses: addresses.len(),
            documents: all_docs.len(),
        },
        undated: Counts {
            clauses: undated.0,
            documents: undated.1.len(),
        },
        first: load(first, false)?,
        last: load(last, true)?,
        elapsed: started.elapsed(),
    })
}
