//! Identical clauses collapsed: ten copies of `essential security interests;` in ten trade
//! agreements are one hit, the best-ranked copy, which names the others. Clauses are identical
//! when their `text_hash` (the text with whitespace removed and case folded, a fast field) is.
//!
//! Paging is over collapsed hits: `--limit 10` shows ten distinct texts, ranks count distinct
//! texts, and `--offset` skips distinct texts. Counts keep both numbers: the clauses that
//! match, and the distinct texts among them. Without collapsing (`--no-collapse`), every copy
//! is a hit of its own. Counting commands (`timeline`) never come here: each copy counts.
//!
//! Also where the tiers of [`super::fallback`] are ranked one after the other, each tier's best
//! candidates re-ranked by [`super::rank`] (the caller's `Rerank`). Prints nothing.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::Query as TantivyQuery;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::index::schema::TEXT_HASH;
use crate::model::Explain;

use super::rank;

/// Re-scores the best BM25 candidates of a tier (`rank::rerank` with the query's words).
pub(crate) type Rerank<'a> = dyn Fn(Vec<(f32, DocAddress)>) -> Result<Vec<rank::Ranked>> + 'a;

/// A clause of a ranking: its score, where it is, and what made the score.
type Scored = (f32, DocAddress, Explain);

/// By default, at most this many other copies of a hit are named (all are counted): each is a
/// stored-document read, which a cold query pays for every named copy of every hit.
pub const COPIES_LISTED: usize = 5;

/// One band of the ranking (the query as written, or a relaxed step of it: `fallback`), with
/// the selection's filters applied, and every clause it matches with its text hash, read once
/// (unscored) for the counts and the copies.
pub(crate) struct Tier {
    pub query: Box<dyn TantivyQuery>,
    pub matches: Vec<(DocAddress, Option<u64>)>,
}

impl Tier {
    pub fn new(searcher: &Searcher, query: Box<dyn TantivyQuery>) -> Result<Tier> {
        let matches = matches(searcher, query.as_ref())?;
        Ok(Tier { query, matches })
    }
}

/// Every clause `query` matches with its text hash, unscored.
fn matches(
    searcher: &Searcher,
    query: &dyn TantivyQuery,
) -> Result<Vec<(DocAddress, Option<u64>)>> {
    searcher.search(query, &Hashes).context("search failed")
}

/// A ranked clause and the other clauses with its text.
pub(crate) struct Ranked {
    pub score: f32,
    pub address: DocAddress,
    pub explain: Explain,
    /// Other matching clauses with the same text, in index order, at most as many as asked.
    pub copies: Vec<DocAddress>,
    /// How many other matching clauses have the same text (0 without collapsing).
    pub copy_count: usize,
}

/// One page of ranked hits and what it was taken from.
pub(crate) struct Page {
    pub hits: Vec<Ranked>,
    /// Matching clauses, every copy counted.
    pub clauses: usize,
    /// Distinct texts among them.
    pub distinct: usize,
}

/// The hits from rank `offset + 1` on, at most `limit`, of the tiers ranked one after the
/// other (each by score), identical texts collapsed into their best-ranked copy when
/// `collapse` is on.
pub(crate) fn page(
    searcher: &Searcher,
    tiers: &[Tier],
    offset: usize,
    limit: usize,
    collapse: bool,
    listed: usize,
    rerank: &Rerank,
) -> Result<Page> {
    let clauses: usize = tiers.iter().map(|t| t.matches.len()).sum();
    let mut counts: HashMap<u64, usize> = HashMap::new();
    let mut unhashed = 0;
    for (_, hash) in tiers.iter().flat_map(|t| &t.matches) {
        match hash {
            Some(h) => *counts.entry(*h).or_default() += 1,
            None => unhashed += 1,
        }
    }
    let distinct = counts.len() + unhashed;
    let shown = if collapse { distinct } else { clauses };
    let offset = offset.min(shown);
    let limit = limit.min(shown - offset);
    if limit == 0 {
        return Ok(Page {
            hits: Vec::new(),
            clauses,
            distinct,
        });
    }
    // The hash of a ranked clause, read from its segment's column.
    let columns: Vec<Option<Column<u64>>> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.fast_fields().u64(TEXT_HASH).ok())
        .collect();
    let hash_of = |a: &DocAddress| -> Option<u64> {
        columns
            .get(a.segment_ord as usize)?
            .as_ref()?
            .first(a.doc_id)
    };
    // Ranked clauses until the page is full: a window of the best, widened when copies use
    // it up.
    let wanted = offset + limit;
    let mut window = if collapse { wanted * 2 + 8 } else { wanted };
    let chosen: Vec<Scored> = loop {
        let ranked = ranked(searcher, tiers, window, rerank)?;
        let exhausted = ranked.len() < window || window >= clauses;
        let chosen: Vec<Scored> = if collapse {
            let mut seen = HashSet::new();
            ranked
                .into_iter()
                .filter(|(_, a, _)| match hash_of(a) {
                    Some(h) => seen.insert(h),
                    None => true,
                })
                .take(wanted)
                .collect()
        } else {
            ranked
        };
        if chosen.len() >= wanted || exhausted {
            break chosen;
        }
        window = window.saturating_mul(4).min(clauses);
    };
    let mut hits: Vec<Ranked> = chosen
        .into_iter()
        .skip(offset)
        .map(|(score, address, explain)| Ranked {
            score,
            address,
            explain,
            copies: Vec::new(),
            copy_count: 0,
        })
        .collect();
    if collapse {
        // Named copies cost a stored-document read each: only as many as asked.
        let mut by_hash: HashMap<u64, usize> = HashMap::new();
        for (i, hit) in hits.iter_mut().enumerate() {
            if let Some(h) = hash_of(&hit.address) {
                hit.copy_count = counts.get(&h).map_or(0, |n| n - 1);
                if hit.copy_count > 0 && listed > 0 {
                    by_hash.insert(h, i);
                }
            }
        }
        let mut in_order: Vec<(DocAddress, Option<u64>)> = tiers
            .iter()
            .flat_map(|t| &t.matches)
            .filter(|(_, hash)| hash.is_some_and(|h| by_hash.contains_key(&h)))
            .copied()
            .collect();
        in_order.sort_unstable();
        for (address, hash) in in_order {
            let Some(&i) = hash.and_then(|h| by_hash.get(&h)) else {
                continue;
            };
            let hit = &mut hits[i];
            if address != hit.address && hit.copies.len() < listed {
                hit.copies.push(address);
            }
        }
    }
    Ok(Page {
        hits,
        clauses,
        distinct,
    })
}

/// The best `n` clauses of the tiers, the first tier's all before the second's. Within a tier,
/// the best [`rank::CANDIDATES`] by BM25 (more when `n` reaches further) are re-ranked, so that
/// every page is cut from the same order.
fn ranked(searcher: &Searcher, tiers: &[Tier], n: usize, rerank: &Rerank) -> Result<Vec<Scored>> {
    let mut out = Vec::new();
    for tier in tiers {
        let want = n.saturating_sub(out.len()).min(tier.matches.len());
        if want == 0 {
            continue;
        }
        let pool = want.max(rank::CANDIDATES).min(tier.matches.len());
        let top = TopDocs::with_limit(pool).order_by_score();
        let candidates = searcher
            .search(tier.query.as_ref(), &top)
            .context("search failed")?;
        out.extend(
            rerank(candidates)?
                .into_iter()
                .take(want)
                .map(|r| (r.score, r.address, r.explain)),
        );
    }
    Ok(out)
}

/// Every match with its text hash, unscored.
struct Hashes;

struct SegmentHashes {
    segment: SegmentOrdinal,
    column: Option<Column<u64>>,
    out: Vec<(DocAddress, Option<u64>)>,
}

impl Collector for Hashes {
    type Fruit = Vec<(DocAddress, Option<u64>)>;
    type Child = SegmentHashes;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHashes> {
        Ok(SegmentHashes {
            segment,
            column: reader.fast_fields().u64(TEXT_HASH).ok(),
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(DocAddress, Option<u64>)>>,
    ) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentHashes {
    type Fruit = Vec<(DocAddress, Option<u64>)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let hash = self.column.as_ref().and_then(|c| c.first(doc));
        self.out.push((DocAddress::new(self.segment, doc), hash));
    }

    fn harvest(self) -> Self::Fruit {
        self.out
    }
}
