//! A part of one document read without the rest: a page of its clauses in document order, from
//! a clause on, from an article to another, or inside one article (issue 16: `show` of a
//! document of 100,000 clauses read and decoded all of them, seconds and hundreds of
//! megabytes, to print the first screen).
//!
//! How it stays cheap: the addresses of a document's clauses come from the postings of its id
//! (no stored text read); within one segment they are in document order, because `ingest`
//! hands a document's clauses to the writer in order, a chunk at a time, and tantivy keeps a
//! batch together and in order (a merge keeps the order too). A document's chunks may be in
//! several segments, so the walk merges the segments' lists by clause number, reading one
//! stored clause per step, and jumps to a clause number by binary search in each list. A
//! document's clause numbers run 0, 1, 2, … without gaps; a page that does not come back
//! numbered that way is read again the slow way ([`super::document`]), so the shortcut can
//! make a page fast but never wrong.

use std::collections::{BTreeMap, HashSet};

use anyhow::{Context, Result, bail};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Searcher, TantivyDocument, Term};

use super::{ArticleSpec, index_error};
use crate::index::schema::Fields;
use crate::index::{ClauseIndex, stored};
use crate::model::{DocInfo, Part, StoredClause};

/// Which clauses of the document.
#[derive(Debug, Clone)]
pub enum Scope {
    /// All of them.
    Document,
    /// The sections one article names (several when its number repeats, as in an annex).
    Article(ArticleSpec),
    /// From the first clause of one article to the last clause of another, in document order
    /// (`--articles 3-5`).
    Range(ArticleSpec, ArticleSpec),
    /// From the first clause of an article to the end of the document (`--articles 7-`).
    From(ArticleSpec),
}

/// A page of a document.
#[derive(Debug, Clone)]
pub struct Page {
    pub info: DocInfo,
    /// The clauses shown, in document order.
    pub clauses: Vec<StoredClause>,
    /// Clauses of the whole document.
    pub document_clauses: usize,
    /// Clauses in the scope (the document, the article, the range).
    pub in_scope: usize,
    /// Clauses of the scope before the first one shown.
    pub skipped: usize,
    /// Clauses of the first shown clause's section before it (its paragraph is `lead + 1`):
    /// 0 when the page starts a section.
    pub lead: usize,
}

impl Page {
    /// The clauses' texts, one line each.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, c) in self.clauses.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&c.text);
        }
        s
    }

    /// Whether clauses of the scope are left out (before or after the page).
    pub fn truncated(&self) -> bool {
        self.skipped > 0 || self.skipped + self.clauses.len() < self.in_scope
    }
}

/// The addresses a query matches, per segment, each list in document order.
fn lists(searcher: &Searcher, query: &dyn Query) -> Result<Vec<(u32, Vec<DocId>)>> {
    let found: HashSet<DocAddress> = searcher.search(query, &DocSetCollector)?;
    let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for a in found {
        by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
    }
    Ok(by_segment
        .into_iter()
        .map(|(s, mut docs)| {
            docs.sort_unstable();
            (s, docs)
        })
        .collect())
}

fn term(field: Field, value: &str) -> (Occur, Box<dyn Query>) {
    let q = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    (Occur::Must, Box::new(q))
}

fn article_term(f: &Fields, spec: &ArticleSpec) -> (Occur, Box<dyn Query>) {
    match spec {
        ArticleSpec::Part(part) => term(f.part, part.as_str()),
        ArticleSpec::Number { number, .. } => term(f.article_number, number),
    }
}

/// Reads stored clauses one at a time.
struct Reader<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    info: Option<DocInfo>,
}

impl Reader<'_> {
    fn read(&mut self, segment: u32, doc: DocId) -> Result<StoredClause> {
        let d: TantivyDocument = self
            .searcher
            .doc(DocAddress::new(segment, doc))
            .context("cannot read a stored clause")?;
        let (info, clause) = stored::decode(self.fields, &d);
        self.info.get_or_insert(info);
        Ok(clause)
    }

    /// The first position in `docs` whose clause number is at least `at`.
    fn seek(&mut self, segment: u32, docs: &[DocId], at: usize) -> Result<usize> {
        let (mut lo, mut hi) = (0, docs.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.read(segment, docs[mid])?.index < at {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Ok(lo)
    }

    /// Up to `take` clauses from the positions `from`, merged across the lists by clause
    /// number, after `skip` of them.
    fn merge(
        &mut self,
        lists: &[(u32, Vec<DocId>)],
        mut from: Vec<usize>,
        mut skip: usize,
        take: usize,
    ) -> Result<Vec<StoredClause>> {
        let mut heads: Vec<Option<StoredClause>> = Vec::with_capacity(lists.len());
        for ((segment, docs), &p) in lists.iter().zip(&from) {
            heads.push(match docs.get(p) {
                Some(&d) => Some(self.read(*segment, d)?),
                None => None,
            });
        }
        let mut out = Vec::new();
        while out.len() < take {
            let Some(i) = (0..heads.len())
                .filter(|&i| heads[i].is_some())
                .min_by_key(|&i| heads[i].as_ref().map_or(usize::MAX, |c| c.index))
            else {
                break;
            };
            let clause = heads[i].take();
            from[i] += 1;
            let (segment, docs) = &lists[i];
            if let Some(&d) = docs.get(from[i]) {
                heads[i] = Some(self.read(*segment, d)?);
            }
            if skip > 0 {
                skip -= 1;
            } else {
                out.extend(clause);
            }
        }
        Ok(out)
    }

    /// The smallest (or largest) clause number among the lists: each list's first (last).
    fn bound(&mut self, lists: &[(u32, Vec<DocId>)], last: bool) -> Result<Option<usize>> {
        let mut found: Option<usize> = None;
        for (segment, docs) in lists {
            let d = if last { docs.last() } else { docs.first() };
            if let Some(&d) = d {
                let n = self.read(*segment, d)?.index;
                found = Some(match found {
                    Some(f) if last => f.max(n),
                    Some(f) => f.min(n),
                    None => n,
                });
            }
        }
        Ok(found)
    }
}

/// Up to `limit` clauses of document `id` in `scope` (all of them for `None`), after `offset`
/// of them; `None` when the index has no such document. An article or range that the
/// document does not have is an error naming it.
pub fn page(
    index: &ClauseIndex,
    id: &str,
    scope: &Scope,
    offset: usize,
    limit: Option<usize>,
) -> Result<Option<Page>> {
    let f = &index.fields;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let doc_term = || term(f.doc_id, id);
    let document = lists(&searcher, &BooleanQuery::new(vec![doc_term()]))
        .with_context(|| index_error(index))?;
    let document_clauses: usize = document.iter().map(|l| l.1.len()).sum();
    if document_clauses == 0 {
        return Ok(None);
    }
    let take = limit.unwrap_or(usize::MAX);
    let mut r = Reader {
        searcher: &searcher,
        fields: f,
        info: None,
    };
    // The clause numbers the page must start at and may not pass, when the scope is a run of
    // clause numbers (not for an article, whose number may repeat).
    let (lists_used, run) = match scope {
        Scope::Document => (document, Some((0, document_clauses - 1))),
        Scope::Range(a, b) => {
            let of = |spec: &ArticleSpec| {
                lists(
                    &searcher,
                    &BooleanQuery::new(vec![doc_term(), article_term(f, spec)]),
                )
                .with_context(|| index_error(index))
            };
            let (first, last) = (of(a)?, of(b)?);
            let Some(start) = r.bound(&first, false)? else {
                bail!("{id} has no {a}");
            };
            let Some(end) = r.bound(&last, true)? else {
                bail!("{id} has no {b}");
            };
            if end < start {
                bail!("{b} comes before {a} in {id}: give the range in document order");
            }
            (document, Some((start, end)))
        }
        Scope::From(a) => {
            let first = lists(
                &searcher,
                &BooleanQuery::new(vec![doc_term(), article_term(f, a)]),
            )
            .with_context(|| index_error(index))?;
            let Some(start) = r.bound(&first, false)? else {
                bail!("{id} has no {a}");
            };
            (document, Some((start, document_clauses - 1)))
        }
        Scope::Article(spec) => {
            let article = lists(
                &searcher,
                &BooleanQuery::new(vec![doc_term(), article_term(f, spec)]),
            )
            .with_context(|| index_error(index))?;
            // An article in one piece (its number does not repeat) is a run of clause
            // numbers: its page is found by binary search, not by reading what comes before.
            let n: usize = article.iter().map(|l| l.1.len()).sum();
            match (r.bound(&article, false)?, r.bound(&article, true)?) {
                (Some(start), Some(end)) if end + 1 - start == n => (document, Some((start, end))),
                _ => (article, None),
            }
        }
    };
    let (clauses, in_scope) = match run {
        Some((start, end)) => {
            let at = start.saturating_add(offset);
            let mut from = Vec::with_capacity(lists_used.len());
            for (segment, docs) in &lists_used {
                from.push(r.seek(*segment, docs, at)?);
            }
            let room = (end + 1).saturating_sub(at);
            let clauses = r.merge(&lists_used, from, 0, take.min(room))?;
            // The shortcut's premise, checked on what it read: consecutive numbers from `at`.
            let consecutive = clauses.iter().enumerate().all(|(i, c)| c.index == at + i);
            let complete = clauses.len() == take.min(room);
            if !(consecutive && complete) || end >= document_clauses {
                return slow(index, id, scope, offset, limit);
            }
            (clauses, end + 1 - start)
        }
        None => {
            let in_scope: usize = lists_used.iter().map(|l| l.1.len()).sum();
            let from = vec![0; lists_used.len()];
            let clauses = r.merge(&lists_used, from, offset, take)?;
            // An article found only by its label as typed (`ArticleSpec::matches`), not by
            // its number, is rare enough for the slow way.
            if in_scope == 0 {
                return slow(index, id, scope, offset, limit);
            }
            (clauses, in_scope)
        }
    };
    // The paragraph the page starts at: the clauses of the same article before it. Within an
    // article asked for, paragraphs run on across its sections, as `similar` counts them.
    let lead = match (scope, clauses.first()) {
        (Scope::Article(_), _) => offset.min(in_scope),
        (_, Some(first)) if first.index > 0 => {
            let spec = match (first.article.part, &first.article.number) {
                (Part::Article, Some(n)) => Some(ArticleSpec::Number {
                    number: n.clone(),
                    label: String::new(),
                }),
                (Part::Article, None) => None,
                (part, _) => Some(ArticleSpec::Part(part)),
            };
            match spec {
                Some(spec) => {
                    let same = lists(
                        &searcher,
                        &BooleanQuery::new(vec![doc_term(), article_term(f, &spec)]),
                    )
                    .with_context(|| index_error(index))?;
                    let mut before = 0;
                    for (segment, docs) in &same {
                        before += r.seek(*segment, docs, first.index)?;
                    }
                    before
                }
                None => 0,
            }
        }
        _ => 0,
    };
    let Some(info) = r.info else {
        return slow(index, id, scope, offset, limit);
    };
    Ok(Some(Page {
        info,
        clauses,
        document_clauses,
        in_scope,
        skipped: offset.min(in_scope),
        lead,
    }))
}

/// The same page read the slow way: the whole document, then the scope cut out of it.
fn slow(
    index: &ClauseIndex,
    id: &str,
    scope: &Scope,
    offset: usize,
    limit: Option<usize>,
) -> Result<Option<Page>> {
    let Some(doc) = super::document(index, id)? else {
        return Ok(None);
    };
    let document_clauses = doc.clauses.len();
    let selected: Vec<&StoredClause> = match scope {
        Scope::Document => doc.clauses.iter().collect(),
        Scope::Article(spec) => doc
            .clauses
            .iter()
            .filter(|c| spec.matches(&c.article))
            .collect(),
        Scope::Range(a, b) => {
            let Some(start) = doc.clauses.iter().position(|c| a.matches(&c.article)) else {
                bail!("{id} has no {a}");
            };
            let Some(end) = doc.clauses.iter().rposition(|c| b.matches(&c.article)) else {
                bail!("{id} has no {b}");
            };
            if end < start {
                bail!("{b} comes before {a} in {id}: give the range in document order");
            }
            doc.clauses[start..=end].iter().collect()
        }
        Scope::From(a) => {
            let Some(start) = doc.clauses.iter().position(|c| a.matches(&c.article)) else {
                bail!("{id} has no {a}");
            };
            doc.clauses[start..].iter().collect()
        }
    };
    let in_scope = selected.len();
    let first = selected.get(offset).map(|c| (c.index, c.article.clone()));
    let lead = match (scope, first) {
        (Scope::Article(_), _) => offset.min(in_scope),
        (_, Some((index, article))) => doc
            .clauses
            .iter()
            .take_while(|c| c.index != index)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .take_while(|c| c.article == article)
            .count(),
        _ => 0,
    };
    let clauses = selected
        .into_iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .cloned()
        .collect();
    Ok(Some(Page {
        info: doc.info,
        clauses,
        document_clauses,
        in_scope,
        skipped: offset.min(in_scope),
        lead,
    }))
}

/// The distinct article numbers of document `id` (and whether it has a preamble or signature
/// part), from the postings of the article fields, without reading a stored clause.
pub fn article_numbers(index: &ClauseIndex, id: &str) -> Result<usize> {
    let f = &index.fields;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let document = lists(&searcher, &BooleanQuery::new(vec![term(f.doc_id, id)]))
        .with_context(|| index_error(index))?;
    let mut numbers: HashSet<Vec<u8>> = HashSet::new();
    for (segment, docs) in &document {
        let reader = searcher.segment_reader(*segment);
        let inverted = reader
            .inverted_index(f.article_number)
            .with_context(|| index_error(index))?;
        let mut stream = inverted
            .terms()
            .stream()
            .with_context(|| index_error(index))?;
        while stream.advance() {
            let key = stream.key();
            if numbers.contains(key) {
                continue;
            }
            let mut postings = inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                .with_context(|| index_error(index))?;
            use tantivy::DocSet;
            // Any of the document's clauses in this term's postings? Only the stretch of
            // the postings between the document's first and last clause is walked.
            let (Some(&first), Some(&last)) = (docs.first(), docs.last()) else {
                continue;
            };
            // tantivy's seek wants a target at or past the current document.
            let mut d = postings.doc();
            if d < first {
                d = postings.seek(first);
            }
            while d != tantivy::TERMINATED && d <= last {
                if docs.binary_search(&d).is_ok() {
                    numbers.insert(key.to_vec());
                    break;
                }
                d = postings.advance();
            }
        }
    }
    Ok(numbers.len())
}

/// The 1-based paragraph of clause number `clause` among the clauses of document `id` that
/// `spec` names (`show DOC ARTICLE` numbers them so), read from a few stored clauses (a binary
/// search per segment) rather than the whole article; `None` when the clause is not one of
/// them.
pub fn paragraph(
    index: &ClauseIndex,
    id: &str,
    spec: &ArticleSpec,
    clause: usize,
) -> Result<Option<usize>> {
    let f = &index.fields;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let same = lists(
        &searcher,
        &BooleanQuery::new(vec![term(f.doc_id, id), article_term(f, spec)]),
    )
    .with_context(|| index_error(index))?;
    let mut r = Reader {
        searcher: &searcher,
        fields: f,
        info: None,
    };
    let (mut before, mut found) = (0, false);
    for (segment, docs) in &same {
        let p = r.seek(*segment, docs, clause)?;
        before += p;
        if let Some(&d) = docs.get(p) {
            found |= r.read(*segment, d)?.index == clause;
        }
    }
    Ok(found.then_some(before + 1))
}
