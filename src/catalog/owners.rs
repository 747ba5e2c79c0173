//! Which document, and so which date, every clause of the index belongs to — read from the
//! postings of `doc_id` and the `day` fast field, never from the stored text. Counting the
//! clauses a query matches per year and per document then costs a lookup per clause, not a
//! stored-document read (a common formulation matches tens of thousands of clauses).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED};

use crate::index::schema::{DAY, Fields};
use crate::index::stored::day_date;
use crate::model::Date;

/// A document as the owner of clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub id: String,
    /// The date hits show, when the document has one.
    pub date: Option<Date>,
    /// Number of its clauses in the index.
    pub clauses: usize,
}

/// The owner of every live clause of a searcher's segments.
pub struct ClauseOwners {
    /// Per segment, per clause: index into `owners`, or `NONE` (deleted).
    by_segment: Vec<Vec<u32>>,
    pub owners: Vec<Owner>,
}

const NONE: u32 = u32::MAX;

impl ClauseOwners {
    pub fn read(searcher: &Searcher, fields: &Fields) -> Result<ClauseOwners> {
        let mut owners: Vec<Owner> = Vec::new();
        let mut ordinal: HashMap<String, u32> = HashMap::new();
        let mut by_segment = Vec::with_capacity(searcher.segment_readers().len());
        for segment in searcher.segment_readers() {
            let mut map = vec![NONE; segment.max_doc() as usize];
            let days = segment
                .fast_fields()
                .u64(DAY)
                .context("cannot read the dates of the index")?;
            let inverted = segment
                .inverted_index(fields.doc_id)
                .context("cannot read the document ids of the index")?;
            let mut terms = inverted
                .terms()
                .stream()
                .context("cannot read the document ids of the index")?;
            while terms.advance() {
                let id = String::from_utf8_lossy(terms.key()).into_owned();
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                    .context("cannot read the document ids of the index")?;
                let mut doc = postings.doc();
                let mut owner: Option<u32> = None;
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        let o = *owner.get_or_insert_with(|| {
                            *ordinal.entry(id.clone()).or_insert_with(|| {
                                owners.push(Owner {
                                    id: id.clone(),
                                    date: days.first(doc).and_then(day_date),
                                    clauses: 0,
                                });
                                (owners.len() - 1) as u32
                            })
                        });
                        map[doc as usize] = o;
                        owners[o as usize].clauses += 1;
                    }
                    doc = postings.advance();
                }
            }
            by_segment.push(map);
        }
        Ok(ClauseOwners { by_segment, owners })
    }

    /// The document a clause belongs to.
    pub fn owner(&self, address: DocAddress) -> Option<&Owner> {
        let o = *self
            .by_segment
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)?;
        self.owners.get(o as usize)
    }

    /// Documents and clauses per year of the whole index, and those without a date.
    pub fn years(&self) -> (BTreeMap<u16, (usize, usize)>, (usize, usize)) {
        let mut years: BTreeMap<u16, (usize, usize)> = BTreeMap::new();
        let mut undated = (0, 0);
        for o in &self.owners {
            let slot = match o.date {
                Some(d) => years.entry(d.year).or_default(),
                None => &mut undated,
            };
            slot.0 += 1;
            slot.1 += o.clauses;
        }
        (years, undated)
    }
}
