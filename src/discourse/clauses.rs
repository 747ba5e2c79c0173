//! A set of clauses of one searcher — per segment, a bitset of live clause ids — as the
//! selection flags, a query, or both pick them. Every analysis starts from one.

use anyhow::Result;
use tantivy::BitSet;
use tantivy::{DocAddress, Searcher};

use crate::analyze::Analyzers;
use crate::index::ClauseIndex;
use crate::search::{Filters, Query};

/// Live clauses of one searcher, per segment.
#[derive(Debug, Clone)]
pub struct Clauses {
    sets: Vec<BitSet>,
    len: usize,
}

impl Clauses {
    /// Every live clause.
    pub fn all(searcher: &Searcher) -> Clauses {
        let _ = searcher;
        todo!("foundation")
    }

    /// The clauses `filters` select (every live clause when they select everything).
    pub fn selected(
        searcher: &Searcher,
        index: &ClauseIndex,
        filters: &Filters,
    ) -> Result<Clauses> {
        let _ = (searcher, index, filters);
        todo!("foundation")
    }

    /// The clauses that match `query` among those `filters` select: every word required (no
    /// relaxing), identical clauses each counted (no collapsing), as `timeline` counts.
    pub fn matching(
        searcher: &Searcher,
        index: &ClauseIndex,
        analyzers: &Analyzers,
        query: &Query,
        filters: &Filters,
    ) -> Result<Clauses> {
        let _ = (searcher, index, analyzers, query, filters);
        todo!("foundation")
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn contains(&self, address: DocAddress) -> bool {
        self.sets
            .get(address.segment_ord as usize)
            .is_some_and(|s| address.doc_id < s.max_value() && s.contains(address.doc_id))
    }

    /// The clauses in index order.
    pub fn iter(&self) -> impl Iterator<Item = DocAddress> + '_ {
        let _ = &self.sets;
        std::iter::empty::<DocAddress>().chain(std::iter::from_fn(|| todo!("foundation")))
    }

    /// The clauses in both.
    pub fn intersection(&self, other: &Clauses) -> Clauses {
        let _ = other;
        todo!("foundation")
    }

    /// The clauses of `self` not in `other`.
    pub fn difference(&self, other: &Clauses) -> Clauses {
        let _ = other;
        todo!("foundation")
    }
}
