//! Search: a parsed query becomes a tantivy query over both analyzed fields, and the best
//! clauses come back as [`Hit`]s with highlight spans. Prints nothing.
//!
//! Queries are built by hand rather than with tantivy's `QueryParser`, which turns any chunk
//! that analyzes to several tokens into a phrase query (tantivy #718, #2472): `全面战略伙伴关系`
//! must find its words, not only the exact compound. Every word is required; the query's words
//! in their order are added as an optional, boosted phrase so that exact wording ranks first.
//! When all the words find little, `fallback` relaxes them; identical clauses are one hit
//! (`collapse`).

pub mod collapse;
pub mod expansion;
pub mod fallback;
mod highlight;
mod rank;
pub mod syntax;

use std::ops::Bound;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::Query as TantivyQuery;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, Term};

use crate::analyze::Analyzers;
use crate::index::ClauseIndex;
use crate::index::schema::Fields;
use crate::index::stored::{day_number, load_hit};
use crate::model::{Date, Lang};
// Where hits were defined before they moved to the model; callers may name them either way.
pub use crate::model::{Hit, HitDoc, IdenticalClause};
use syntax::Node;
pub use syntax::{Query, SyntaxError};

/// How much an exact phrase of the whole query adds to a clause's score.
const PHRASE_BOOST: f32 = 2.0;

/// What to search for.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: Query,
    pub limit: usize,
    pub offset: usize,
    pub filters: Filters,
    /// Search again with fewer words required when all of them find little
    /// ([`fallback`]); off with `--strict`.
    pub relax: bool,
    /// One hit for identical clauses (`collapse`); off with `--no-collapse`.
    pub collapse: bool,
    /// How many of a hit's identical clauses to name (all are counted): each costs a read.
    pub identical_listed: usize,
    /// The glossary whose near-forms a relaxed query also accepts; `None`: no near-forms.
    pub glossary: Option<fallback::GlossarySource>,
}

impl Default for Request {
    fn default() -> Request {
        Request {
            query: Query::default(),
            limit: 0,
            offset: 0,
            filters: Filters::default(),
            relax: true,
            collapse: true,
            identical_listed: collapse::COPIES_LISTED,
            glossary: None,
        }
    }
}

/// Restrictions on the documents a hit may come from.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub lang: Option<Lang>,
    /// Normalized party name (`China`, `Belarus`).
    pub party: Option<String>,
    /// Other names the party may be stored under: the ways an unknown state is written
    /// (`Aldoria` → `Republic of Aldoria`, `阿尔多利亚共和国`). Any of them matches.
    pub party_also: Vec<String>,
    /// Document id.
    pub doc: Option<String>,
    /// Document type, as stored (`joint statement`).
    pub doc_type: Option<String>,
    /// The document's date (as hits show it) on or after / on or before.
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Filters {
    /// The filter clauses to add, each `Must`, to a query.
    pub(crate) fn queries(&self, f: &Fields) -> Vec<(Occur, Box<dyn TantivyQuery>)> {
        let term = |field: Field, value: &str| -> (Occur, Box<dyn TantivyQuery>) {
            let q = TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            );
            (Occur::Must, Box::new(q))
        };
        let mut out = Vec::new();
        if let Some(lang) = self.lang {
            out.push(term(f.lang, lang.as_str()));
        }
        if let Some(party) = &self.party {
            let names: Vec<(Occur, Box<dyn TantivyQuery>)> = std::iter::once(party)
                .chain(&self.party_also)
                .map(|name| {
                    let q = TermQuery::new(
                        Term::from_field_text(f.party, name),
                        IndexRecordOption::Basic,
                    );
                    (Occur::Should, Box::new(q) as Box<dyn TantivyQuery>)
                })
                .collect();
            out.push((Occur::Must, Box::new(BooleanQuery::new(names))));
        }
        if let Some(doc) = &self.doc {
            out.push(term(f.doc_id, doc));
        }
        if let Some(doc_type) = &self.doc_type {
            out.push(term(f.doc_type, doc_type));
        }
        if self.since.is_some() || self.until.is_some() {
            let day = |d: Date| Term::from_field_u64(f.day, day_number(d));
            let lower = self
                .since
                .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
            let upper = self
                .until
                .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
            out.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        out
    }
}

/// The answer to a request.
#[derive(Debug)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// With `query -x`: the cross-lingual expansion that was searched.
    pub expansion: Option<expansion::Expansion>,
    /// Number of matching clauses (not only those returned), every copy counted.
    pub total: usize,
    /// Distinct texts among them: the hits there are to page through when copies are
    /// collapsed.
    pub distinct: usize,
    /// Whether identical clauses were collapsed into one hit.
    pub collapsed: bool,
    /// How the query was relaxed because all its words found little; `None` when it ran as
    /// written.
    pub relaxed: Option<fallback::Relaxed>,
    /// Hits skipped before the first returned (`--offset`), as asked.
    pub offset: usize,
    pub elapsed: Duration,
}

/// The query terms of one analyzed field.
struct FieldQuery {
    lang: Lang,
    query: Option<Box<dyn TantivyQuery>>,
    /// Term sequences to highlight, longest first.
    highlight: Vec<Vec<String>>,
    /// Character-bigram sequences to highlight (Chinese only).
    bigram_highlight: Vec<Vec<String>>,
}

/// The query over both analyzed fields, and what each field highlights. The query is `None`
/// when no word of the request yields a term in either analyzer.
fn build(
    index: &ClauseIndex,
    analyzers: &Analyzers,
    query: &Query,
) -> Result<(Option<BooleanQuery>, [FieldQuery; 2])> {
    let node = &query.node;
    let f = index.fields;
    let per_field = [
        field_query(
            Lang::En,
            &mut [
                Side::words(f.body_en, analyzers.en(), 1.0),
                Side::heading(f.heading_en, analyzers.en()),
            ],
            node,
        ),
        field_query(
            Lang::Zh,
            &mut [
                Side::words(f.body_zh, analyzers.zh(), WORD_BOOST),
                Side::bigrams(f.body_zh_bigram, analyzers.zh_bigram()),
                Side::heading(f.heading_zh, analyzers.zh()),
            ],
            node,
        ),
    ];
    if per_field.iter().all(|fq| fq.query.is_none()) {
        anyhow::bail!(
            "invalid query: {:?} has no words to search for (only punctuation or symbols)",
            query.text
        );
    }
    let clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = per_field
        .iter()
        .filter_map(|fq| fq.query.as_ref().map(|q| (Occur::Should, q.box_clone())))
        .collect();
    let query = (!clauses.is_empty()).then(|| BooleanQuery::new(clauses));
    Ok((query, per_field))
}

/// The term sequences of the positive words and phrases of `query` in each language's body
/// analyzer, longest first, as a hit highlights them (a query of several plain words also as
/// the whole run, so that the words typed together are found together): what `kwic` and
/// `ngrams` look for in the token sequences of clauses. An error when no word of the query
/// yields a term.
pub fn sequences(
    index: &ClauseIndex,
    analyzers: &Analyzers,
    query: &Query,
) -> Result<Vec<(Lang, Vec<Vec<String>>)>> {
    let (_, per_field) = build(index, analyzers, query)?;
    Ok(per_field
        .into_iter()
        .map(|fq| (fq.lang, fq.highlight))
        .collect())
}

/// Every clause that matches `query` and `filters`, unranked, in index order, with the
/// searcher they belong to: for counting, as `timeline` does, where ranking and reading stored
/// text would be wasted work.
pub fn all_matches(
    index: &ClauseIndex,
    analyzers: &Analyzers,
    query: &Query,
    filters: &Filters,
) -> Result<(Searcher, Vec<DocAddress>)> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let addresses = all_matches_in(&searcher, index, analyzers, query, filters)?;
    Ok((searcher, addresses))
}

/// [`all_matches`] as `searcher` sees the index: for a command that reads several things
/// through one searcher, so that their addresses agree.
pub fn all_matches_in(
    searcher: &Searcher,
    index: &ClauseIndex,
    analyzers: &Analyzers,
    query: &Query,
    filters: &Filters,
) -> Result<Vec<DocAddress>> {
    let Some(query) = matching_query(index, analyzers, query, filters)? else {
        return Ok(Vec::new());
    };
    let mut addresses: Vec<DocAddress> = searcher
        .search(&query, &DocSetCollector)
        .context("search failed")?
        .into_iter()
        .collect();
    addresses.sort_unstable();
    Ok(addresses)
}

/// The tantivy query [`all_matches`] runs: every word of `query` required (no relaxing), and
/// `filters`; `None` when no word yields a term (an error when the query has no words at all).
pub fn matching_query(
    index: &ClauseIndex,
    analyzers: &Analyzers,
    query: &Query,
    filters: &Filters,
) -> Result<Option<BooleanQuery>> {
    let (query, _) = build(index, analyzers, query)?;
    let Some(query) = query else {
        return Ok(None);
    };
    let mut clauses = vec![(Occur::Must, Box::new(query) as Box<dyn TantivyQuery>)];
    clauses.extend(filters.queries(&index.fields));
    Ok(Some(BooleanQuery::new(clauses)))
}

/// Every clause that `filters` select, in index order, as `searcher` sees the index; `None`
/// when they select everything. For totals beside counts of matches (`timeline`).
pub fn selected(
    searcher: &Searcher,
    index: &ClauseIndex,
    filters: &Filters,
) -> Result<Option<Vec<DocAddress>>> {
    let clauses = filters.queries(&index.fields);
    if clauses.is_empty() {
        return Ok(None);
    }
    let mut addresses: Vec<DocAddress> = searcher
        .search(&BooleanQuery::new(clauses), &DocSetCollector)
        .context("search failed")?
        .into_iter()
        .collect();
    addresses.sort_unstable();
    Ok(Some(addresses))
}

/// Runs a request against an index.
pub fn search(index: &ClauseIndex, analyzers: &Analyzers, request: &Request) -> Result<Results> {
    let started = Instant::now();
    let (query, per_field) = build(index, analyzers, &request.query)?;
    crate::timings::mark("search: query build");
    let reader = index.reader()?;
    let searcher = reader.searcher();
    crate::timings::mark("search: reader open");
    let Some(query) = query else {
        return Ok(Results {
            hits: Vec::new(),
            expansion: None,
            total: 0,
            distinct: 0,
            collapsed: request.collapse,
            relaxed: None,
            offset: request.offset,
            elapsed: started.elapsed(),
        });
    };
    let query_of = |node: &Node| -> Option<Box<dyn TantivyQuery>> {
        let query = Query {
            text: String::new(),
            node: node.clone(),
        };
        let (q, _) = build(index, analyzers, &query).ok()?;
        q.map(|q| Box::new(q) as Box<dyn TantivyQuery>)
    };
    let plan = fallback::plan(
        &fallback::Search {
            searcher: &searcher,
            analyzers,
            node: &request.query.node,
            filters: request.filters.queries(&index.fields),
            query_of: &query_of,
        },
        Box::new(query),
        request.relax,
        request.glossary.as_ref(),
    )?;
    crate::timings::mark("search: match, fallback tiers");
    // Near-forms are highlighted as the query's own words are.
    let per_field = match &plan.highlight {
        Some(node) => {
            let query = Query {
                text: String::new(),
                node: node.clone(),
            };
            build(index, analyzers, &query)?.1
        }
        None => per_field,
    };
    // Each tier's best candidates are re-ranked by proximity, length, heading and kind.
    let words = rank_words(index, analyzers, &request.query.node);
    let structure = rank::Structure {
        kind: Some(crate::index::schema::KIND),
        fields: Some(&index.fields),
    };
    let rerank = |candidates: Vec<(f32, DocAddress)>| {
        rank::rerank(&searcher, &words, &structure, candidates)
    };
    let page = collapse::page(
        &searcher,
        &plan.tiers,
        request.offset,
        request.limit,
        request.collapse,
        request.identical_listed,
        &rerank,
    )?;
    crate::timings::mark("search: rerank, collapse");
    let mut hits = Vec::with_capacity(page.hits.len());
    for (i, ranked) in page.hits.into_iter().enumerate() {
        let (score, address) = (ranked.score, ranked.address);
        let mut hit = load_hit(
            &searcher,
            &index.fields,
            address,
            score,
            request.offset + i + 1,
        )?;
        hit.explain = Some(ranked.explain);
        hit.identical_count = ranked.copy_count;
        for copy in ranked.copies {
            let copy = load_hit(&searcher, &index.fields, copy, 0.0, 0)?;
            hit.identical.push(IdenticalClause {
                doc: copy.doc,
                line: copy.line,
            });
        }
        if let Some(fq) = per_field.iter().find(|fq| fq.lang == hit.doc.lang) {
            hit.highlights = match fq.lang {
                Lang::Zh => highlight::spans_of_all(
                    &hit.text,
                    &mut [
                        (analyzers.zh(), &fq.highlight),
                        (analyzers.zh_bigram(), &fq.bigram_highlight),
                    ],
                ),
                Lang::En => highlight::spans(&mut analyzers.en(), &hit.text, &fq.highlight),
            };
        }
        hits.push(hit);
    }
    crate::timings::mark("search: stored hits, highlights");
    Ok(Results {
        hits,
        expansion: None,
        total: page.clauses,
        distinct: page.distinct,
        collapsed: request.collapse,
        relaxed: plan.relaxed,
        offset: request.offset,
        elapsed: started.elapsed(),
    })
}

/// The positive words of the query in each language's analyzer, for re-ranking.
fn rank_words(index: &ClauseIndex, analyzers: &Analyzers, node: &Node) -> Vec<rank::LangWords> {
    let f = index.fields;
    let positives = node.positives();
    // A word counts in the language of its script: the other language's renderings that `-x`
    // adds as alternatives are no words a clause should be missing.
    let words = |analyzer: &mut TextAnalyzer, bigrams: Option<&mut TextAnalyzer>| {
        let han = bigrams.is_some();
        let mut bigrams = bigrams;
        positives
            .iter()
            .filter_map(|n| match n {
                Node::Word(t) | Node::Phrase(t) => Some(t),
                _ => None,
            })
            .filter(|text| text.chars().any(crate::script::is_han) == han)
            .filter_map(|text| {
                let terms = terms_of(analyzer, text);
                if terms.is_empty() {
                    return None;
                }
                let grams = bigrams
                    .as_deref_mut()
                    .map(|b| terms_of(b, text))
                    .unwrap_or_default();
                let chars = folded_chars(&grams);
                Some(rank::Word {
                    terms,
                    chars,
                    bigrams: grams,
                })
            })
            .collect::<Vec<_>>()
    };
    vec![
        rank::LangWords {
            body: f.body_en,
            heading: Some(f.heading_en),
            bigram: None,
            boost: 1.0,
            heading_boost: HEADING_BOOST,
            words: words(&mut analyzers.en(), None),
        },
        rank::LangWords {
            body: f.body_zh,
            heading: Some(f.heading_zh),
            bigram: Some(f.body_zh_bigram),
            boost: WORD_BOOST,
            heading_boost: HEADING_BOOST,
            words: words(&mut analyzers.zh(), Some(&mut analyzers.zh_bigram())),
        },
    ]
}

/// The characters of a Chinese word as the index folds them, from its character bigrams
/// (`特别 别行 行政 政区` → `特别行政区`); `None` unless they chain into one run of at least two
/// characters.
fn folded_chars(bigrams: &[String]) -> Option<String> {
    let mut out = String::new();
    for (i, b) in bigrams.iter().enumerate() {
        let mut chars = b.chars();
        let (Some(first), Some(second), None) = (chars.next(), chars.next(), chars.next()) else {
            return None;
        };
        if !crate::script::is_han(first) || !crate::script::is_han(second) {
            return None;
        }
        if i == 0 {
            out.push(first);
        } else if !out.ends_with(first) {
            return None;
        }
        out.push(second);
    }
    (!out.is_empty()).then_some(out)
}

/// One analyzed field a language is searched in: its words, (Chinese) its character
/// bigrams, which find words inside compounds that jieba keeps whole, or the heading the
/// clause stands under, so that a word found only there still matches the clause.
struct Side {
    field: Field,
    analyzer: TextAnalyzer,
    bigrams: bool,
    /// What a match on this side is multiplied by.
    boost: f32,
}

impl Side {
    fn words(field: Field, analyzer: TextAnalyzer, boost: f32) -> Side {
        Side {
            field,
            analyzer,
            bigrams: false,
            boost,
        }
    }

    fn bigrams(field: Field, analyzer: TextAnalyzer) -> Side {
        Side {
            field,
            analyzer,
            bigrams: true,
            boost: 1.0,
        }
    }

    fn heading(field: Field, analyzer: TextAnalyzer) -> Side {
        Side {
            field,
            analyzer,
            bigrams: false,
            boost: HEADING_BOOST,
        }
    }
}

/// How much a match on whole words outweighs a match on character bigrams alone.
const WORD_BOOST: f32 = 3.0;
/// What a match in the heading counts for beside a match in the clause: a heading is short
/// and shared by every clause under it, and BM25 would make it outweigh the text; the
/// re-ranking rewards it instead (`rank`).
const HEADING_BOOST: f32 = 0.1;

/// The query for one language: `None` when no word of the query yields a term in its
/// analyzers. Words are all required inside an `And`, exclusions excluded, alternatives of an
/// `Or` each enough; a run of several plain words is also tried as a boosted phrase so that
/// the exact wording ranks first. With a bigram side, every word or phrase matches on whole
/// words (boosted) or on its characters in sequence.
fn field_query(lang: Lang, sides: &mut [Side], node: &Node) -> FieldQuery {
    let positives = node.positives();
    let sequences = |analyzer: &mut TextAnalyzer| -> Vec<Vec<String>> {
        let mut seqs: Vec<Vec<String>> = positives
            .iter()
            .filter_map(|n| match n {
                Node::Word(t) | Node::Phrase(t) => Some(terms_of(analyzer, t)),
                _ => None,
            })
            .filter(|terms| !terms.is_empty())
            .collect();
        if let Node::And(children) = node
            && children.iter().all(|c| matches!(c, Node::Word(_)))
        {
            let sequence: Vec<String> = seqs.iter().flatten().cloned().collect();
            seqs.insert(0, sequence);
        }
        seqs.sort_by_key(|seq| std::cmp::Reverse(seq.len()));
        seqs.dedup();
        seqs
    };
    let highlight = sequences(&mut sides[0].analyzer);
    let bigram_highlight = match sides.iter_mut().find(|side| side.bigrams) {
        Some(side) => sequences(&mut side.analyzer),
        None => Vec::new(),
    };
    FieldQuery {
        lang,
        query: node_query(sides, node),
        highlight,
        bigram_highlight,
    }
}

fn terms_of(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    Analyzers::terms(analyzer, text)
        .into_iter()
        .map(|t| t.0)
        .collect()
}

/// A word or phrase on one side.
fn leaf_query(side: &mut Side, text: &str, phrase: bool) -> Option<Box<dyn TantivyQuery>> {
    let terms = terms_of(&mut side.analyzer, text);
    let field = side.field;
    match terms.len() {
        0 => None,
        1 => Some(term_query(field, &terms[0])),
        // The words of a phrase must follow each other.
        _ if phrase && !side.bigrams => Some(phrase_query(field, &terms, 1.0)),
        // Bigrams are indexed without positions: all of a word's are required.
        _ if side.bigrams => Some(Box::new(BooleanQuery::new(
            terms
                .iter()
                .map(|t| (Occur::Must, term_query(field, t)))
                .collect(),
        ))),
        // A word the analyzer cuts in several (全面战略伙伴关系 → 全面 · 战略 · 伙伴关系):
        // each part required, the whole as a boosted phrase.
        _ => {
            let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = terms
                .iter()
                .map(|t| (Occur::Must, term_query(field, t)))
                .collect();
            clauses.push((Occur::Should, phrase_query(field, &terms, PHRASE_BOOST)));
            Some(Box::new(BooleanQuery::new(clauses)))
        }
    }
}

fn node_query(sides: &mut [Side], node: &Node) -> Option<Box<dyn TantivyQuery>> {
    match node {
        Node::Word(text) | Node::Phrase(text) => {
            let phrase = matches!(node, Node::Phrase(_));
            let mut alternatives: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
            for side in sides.iter_mut() {
                if let Some(q) = leaf_query(side, text, phrase) {
                    alternatives.push((Occur::Should, boosted(q, side.boost)));
                }
            }
            match alternatives.len() {
                0 => None,
                1 => alternatives.pop().map(|(_, q)| q),
                _ => Some(Box::new(BooleanQuery::new(alternatives))),
            }
        }
        Node::And(children) => {
            let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
            for child in children {
                match child {
                    Node::Not(inner) => {
                        if let Some(q) = node_query(sides, inner) {
                            clauses.push((Occur::MustNot, q));
                        }
                    }
                    _ => {
                        if let Some(q) = node_query(sides, child) {
                            clauses.push((Occur::Must, q));
                        }
                    }
                }
            }
            if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
                return None;
            }
            if children.iter().all(|c| matches!(c, Node::Word(_))) {
                let side = &mut sides[0];
                let sequence: Vec<String> = children
                    .iter()
                    .flat_map(|c| match c {
                        Node::Word(w) => terms_of(&mut side.analyzer, w),
                        _ => Vec::new(),
                    })
                    .collect();
                if sequence.len() > 1 {
                    clauses.push((
                        Occur::Should,
                        phrase_query(side.field, &sequence, PHRASE_BOOST),
                    ));
                }
                clauses.extend(compounds(side, children));
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
        Node::Or(children) => {
            let mut alternatives: Vec<(Occur, Box<dyn TantivyQuery>)> = children
                .iter()
                .filter_map(|c| node_query(sides, c))
                .map(|q| (Occur::Should, q))
                .collect();
            match alternatives.len() {
                0 => None,
                1 => alternatives.pop().map(|(_, q)| q),
                _ => Some(Box::new(BooleanQuery::new(alternatives))),
            }
        }
        // The parser only puts exclusions inside an `And`.
        Node::Not(_) => None,
    }
}

/// Chinese words typed apart that jieba keeps as one word (`香港 特别行政区` →
/// `香港特别行政区`): the index holds the compound, not its parts, so a clause that says
/// 香港特别行政区 matched them only as character bigrams, below text that has the parts apart
/// (`香港、澳门两个特别行政区`). Each pair of neighbouring Han words whose concatenation the
/// analyzer keeps whole adds that word as an optional clause, weighted as a word.
fn compounds(side: &mut Side, children: &[Node]) -> Vec<(Occur, Box<dyn TantivyQuery>)> {
    let han = |w: &str| w.chars().all(crate::script::is_han);
    let mut out = Vec::new();
    for pair in children.windows(2) {
        let (Node::Word(a), Node::Word(b)) = (&pair[0], &pair[1]) else {
            continue;
        };
        if !han(a) || !han(b) {
            continue;
        }
        let joined = terms_of(&mut side.analyzer, &format!("{a}{b}"));
        if let [compound] = joined.as_slice() {
            out.push((
                Occur::Should,
                boosted(term_query(side.field, compound), side.boost),
            ));
        }
    }
    out
}

/// `query` with its score multiplied by `boost` (left as it is at 1).
fn boosted(query: Box<dyn TantivyQuery>, boost: f32) -> Box<dyn TantivyQuery> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

fn term_query(field: Field, term: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, term),
        IndexRecordOption::WithFreqs,
    ))
}

fn phrase_query(field: Field, terms: &[String], boost: f32) -> Box<dyn TantivyQuery> {
    let terms = terms
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    boosted(Box::new(PhraseQuery::new(terms)), boost)
}
