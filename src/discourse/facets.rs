//! `facets`: a set of clauses (the matches of a query) counted by year, party, language and
//! document type — for each value the clauses and the distinct documents — with the clauses
//! that have no value in a bucket of their own (`undated`, no party, untyped), so that every
//! facet adds up. The set is a [`Clauses`] (the matches of a query in a selection). Read from
//! the index alone: the year from the `day` fast field (through
//! [`ClauseOwners`]), the others from the postings of the keyword fields `party`, `lang` and
//! `doc_type` intersected with the set; no stored clause is read.
//!
//! A document with two parties counts under both: the party facet adds up to more than the
//! total when documents have several parties, and only then.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocAddress, DocSet, Searcher, TERMINATED};

use super::clauses::Clauses;
use crate::catalog::ClauseOwners;
use crate::index::schema::Fields;

/// What clauses are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Year,
    Party,
    Language,
    DocType,
}

impl Facet {
    /// Every facet, in the order they are printed.
    pub const ALL: [Facet; 4] = [Facet::Year, Facet::Party, Facet::Language, Facet::DocType];

    /// The name JSON and CSV give it.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Year => "year",
            Facet::Party => "party",
            Facet::Language => "language",
            Facet::DocType => "doc_type",
        }
    }
}

/// Clauses and documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub clauses: usize,
    pub documents: usize,
}

/// One value of a facet and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// `None` for the clauses without a value: undated, no party, untyped.
    pub value: Option<String>,
    pub count: Count,
}

/// The values of one facet: the largest first (most clauses, then most documents, then by
/// value), the bucket without a value last (when it is not empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: Facet,
    pub values: Vec<Value>,
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facets {
    /// Every clause counted, and their documents.
    pub total: Count,
    /// One per facet, in [`Facet::ALL`] order.
    pub facets: Vec<FacetCounts>,
}

/// Per value: clauses, and the documents (owner ordinals) they belong to.
#[derive(Default)]
struct Tally {
    clauses: usize,
    documents: HashSet<u32>,
}

impl Tally {
    fn add(&mut self, owner: Option<u32>) {
        self.clauses += 1;
        if let Some(o) = owner {
            self.documents.insert(o);
        }
    }

    fn count(&self) -> Count {
        Count {
            clauses: self.clauses,
            documents: self.documents.len(),
        }
    }
}

/// Orders values as [`FacetCounts`] says.
fn ordered(facet: Facet, tallies: HashMap<Option<String>, Tally>) -> FacetCounts {
    let mut values: Vec<Value> = tallies
        .into_iter()
        .filter(|(_, t)| t.clauses > 0)
        .map(|(value, t)| Value {
            value,
            count: t.count(),
        })
        .collect();
    values.sort_by(|a, b| {
        a.value
            .is_none()
            .cmp(&b.value.is_none())
            .then(b.count.clauses.cmp(&a.count.clauses))
            .then(b.count.documents.cmp(&a.count.documents))
            .then(a.value.cmp(&b.value))
    });
    FacetCounts { facet, values }
}

/// The owner ordinal of every clause, for counting distinct documents without strings.
struct Ordinals<'a> {
    owners: &'a ClauseOwners,
    index: HashMap<&'a str, u32>,
}

impl<'a> Ordinals<'a> {
    fn new(owners: &'a ClauseOwners) -> Self {
        let index = owners
            .owners
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i as u32))
            .collect();
        Ordinals { owners, index }
    }

    fn of(&self, address: DocAddress) -> Option<u32> {
        self.owners
            .owner(address)
            .and_then(|o| self.index.get(o.id.as_str()).copied())
    }
}

/// Counts `clauses` (of `searcher`) by every facet.
pub fn count(searcher: &Searcher, fields: &Fields, clauses: &Clauses) -> Result<Facets> {
    let owners = ClauseOwners::read(searcher, fields)?;
    let ordinals = Ordinals::new(&owners);

    let mut total = Tally::default();
    let mut years: HashMap<Option<String>, Tally> = HashMap::new();
    for a in clauses.iter() {
        let ordinal = ordinals.of(a);
        total.add(ordinal);
        let year = owners
            .owner(a)
            .and_then(|o| o.date)
            .map(|d| d.year.to_string());
        years.entry(year).or_default().add(ordinal);
    }
    let mut facets = vec![ordered(Facet::Year, years)];
    for (facet, field) in [
        (Facet::Party, fields.party),
        (Facet::Language, fields.lang),
        (Facet::DocType, fields.doc_type),
    ] {
        let tallies = by_keyword(searcher, field, clauses, &ordinals)?;
        facets.push(ordered(facet, tallies));
    }
    Ok(Facets {
        total: total.count(),
        facets,
    })
}

/// The clauses of `sets` per term of the keyword `field` (postings ∩ set), and those with no
/// term under `None`.
fn by_keyword(
    searcher: &Searcher,
    field: Field,
    clauses: &Clauses,
    ordinals: &Ordinals<'_>,
) -> Result<HashMap<Option<String>, Tally>> {
    let mut tallies: HashMap<Option<String>, Tally> = HashMap::new();
    let what = || "cannot read a keyword field of the index".to_string();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(set) = clauses.segment(ord as u32).filter(|s| s.len() > 0) else {
            continue;
        };
        let mut valued = BitSet::with_max_value(segment.max_doc());
        let inverted = segment.inverted_index(field).with_context(what)?;
        let mut terms = inverted.terms().stream().with_context(what)?;
        while terms.advance() {
            let value = String::from_utf8_lossy(terms.key()).into_owned();
            let mut postings = inverted
                .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                .with_context(what)?;
            let mut doc = postings.doc();
            // Values without a clause of the set are dropped when the facet is ordered.
            let tally = tallies.entry(Some(value)).or_default();
            while doc != TERMINATED {
                if doc < set.max_value() && set.contains(doc) {
                    valued.insert(doc);
                    tally.add(ordinals.of(DocAddress::new(ord as u32, doc)));
                }
                doc = postings.advance();
            }
        }
        for doc in clauses.docs_in(ord as u32) {
            if doc >= valued.max_value() || !valued.contains(doc) {
                let address = DocAddress::new(ord as u32, doc);
                tallies.entry(None).or_default().add(ordinals.of(address));
            }
        }
    }
    Ok(tallies)
}

/// The first `limit` values of a facet (all for 0) with the bucket without a value always
/// kept, and what the others add up to: (shown, values left out, their clauses). Documents of
/// the values left out are not summed: a document may count under several of them.
pub fn shown(values: &[Value], limit: usize) -> (Vec<&Value>, usize, usize) {
    let (named, missing): (Vec<&Value>, Vec<&Value>) =
        values.iter().partition(|v| v.value.is_some());
    let keep = if limit == 0 {
        named.len()
    } else {
        limit.min(named.len())
    };
    let rest = &named[keep..];
    let more_clauses = rest.iter().map(|v| v.count.clauses).sum();
    let mut out: Vec<&Value> = named[..keep].to_vec();
    out.extend(missing);
    (out, rest.len(), more_clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(v: Option<&str>, clauses: usize, documents: usize) -> Value {
        Value {
            value: v.map(str::to_string),
            count: Count { clauses, documents },
        }
    }

    #[test]
    fn values_are_ordered_largest_first_with_the_missing_bucket_last() {
        let mut tallies: HashMap<Option<String>, Tally> = HashMap::new();
        for (v, owners) in [
            (None, vec![1, 1, 1, 1]),
            (Some("2019"), vec![1, 2]),
            (Some("2020"), vec![3, 3, 4]),
            (Some("2018"), vec![5, 6]),
        ] {
            let t = tallies.entry(v.map(str::to_string)).or_default();
            for o in owners {
                t.add(Some(o));
            }
        }
        let f = ordered(Facet::Year, tallies);
        assert_eq!(
            f.values,
            vec![
                value(Some("2020"), 3, 2),
                value(Some("2018"), 2, 2),
                value(Some("2019"), 2, 2),
                value(None, 4, 1),
            ]
        );
    }

    #[test]
    fn a_limit_keeps_the_largest_and_the_missing_bucket() {
        let values = vec![
            value(Some("a"), 5, 2),
            value(Some("b"), 3, 1),
            value(Some("c"), 2, 2),
            value(None, 1, 1),
        ];
        let (shown_values, more, more_clauses) = shown(&values, 1);
        assert_eq!(shown_values, vec![&values[0], &values[3]]);
        assert_eq!((more, more_clauses), (2, 5));
        let (all, more, more_clauses) = shown(&values, 0);
        assert_eq!(all.len(), 4);
        assert_eq!((more, more_clauses), (0, 0));
        let (all, more, _) = shown(&values, 99);
        assert_eq!((all.len(), more), (4, 0));
    }
}
