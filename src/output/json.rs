//! The JSON contract: NDJSON messages as `treatysearch query --json` prints them, one object
//! per line, ripgrep style. This is an API: fields may be added, never renamed or removed;
//! every field is always present (`null` when unknown). `tests/json.rs` holds the contract
//! with `deny_unknown_fields`.
//!
//! ```text
//! {"type":"hit","data":{"rank":1,"score":7.31,
//!   "doc":{"id":"…","title":"…","lang":"en","date":"2023-03-01","path":"corpus/…"},
//!   "article":{"label":"4、","number":"4","part":"article","path":["4、"]},
//!   "clause":2,"line":31,"text":"…","highlights":[[start,end],…]}}
//! {"type":"summary","data":{"query":"Belt and Road","hits":3,"returned":3,"offset":0,"elapsed_ms":3.1}}
//! ```
//! `highlights` are UTF-8 byte offsets into `text`, end-exclusive, ordered.

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{Hit, Results};

#[derive(Serialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    Hit(HitJson<'a>),
    Summary(SummaryJson<'a>),
}

#[derive(Serialize)]
pub(crate) struct HitJson<'a> {
    rank: usize,
    score: f32,
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    clause: usize,
    line: usize,
    text: &'a str,
    highlights: &'a [[usize; 2]],
}

/// The document of a clause: `{"id","title","lang","date","path"}` (shared by every message
/// that carries a clause).
#[derive(Serialize)]
pub(crate) struct DocJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub lang: &'a str,
    pub date: Option<&'a str>,
    pub path: &'a str,
}

/// Where a clause sits: `{"label","number","part","path"}`.
#[derive(Serialize)]
pub(crate) struct ArticleJson<'a> {
    pub label: Option<&'a str>,
    pub number: Option<&'a str>,
    /// `preamble`, `article`, `division` (under a chapter heading, before its first article)
    /// or `signature`.
    pub part: &'a str,
    /// The headings above the clause, outermost first (`["第二章", "第十二条", "（三）"]`);
    /// empty in the preamble and the signature block.
    pub path: &'a [String],
}

impl<'a> ArticleJson<'a> {
    /// Where a hit's clause sits.
    pub fn of_hit(hit: &'a crate::search::Hit) -> ArticleJson<'a> {
        ArticleJson {
            label: hit.article_label.as_deref(),
            number: hit.article_number.as_deref(),
            part: hit.part.as_str(),
            path: &hit.article_path,
        }
    }

    pub fn of(article: &'a crate::model::ClauseArticle) -> ArticleJson<'a> {
        ArticleJson {
            label: article.label.as_deref(),
            number: article.number.as_deref(),
            part: article.part.as_str(),
            path: &article.path,
        }
    }
}

impl<'a> DocJson<'a> {
    pub fn of(doc: &'a crate::search::HitDoc) -> DocJson<'a> {
        DocJson {
            id: &doc.id,
            title: &doc.title,
            lang: doc.lang.as_str(),
            date: doc.date.as_deref(),
            path: &doc.path,
        }
    }
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    query: &'a str,
    /// All matching clauses.
    hits: usize,
    /// Hits printed.
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
    /// With `-x`: `{"query": what was searched, "terms": [{"term", "to": […]}]}` (terms empty
    /// when the glossary knows no word of the query); `null` without `-x`.
    expansion: Option<ExpansionJson<'a>>,
}

#[derive(Serialize)]
struct ExpansionJson<'a> {
    query: &'a str,
    terms: Vec<TermJson<'a>>,
}

#[derive(Serialize)]
struct TermJson<'a> {
    term: &'a str,
    to: &'a [String],
}

pub(crate) fn hit_json(hit: &Hit) -> HitJson<'_> {
    HitJson {
        rank: hit.rank,
        score: (hit.score * 1000.0).round() / 1000.0,
        doc: DocJson {
            id: &hit.doc.id,
            title: &hit.doc.title,
            lang: hit.doc.lang.as_str(),
            date: hit.doc.date.as_deref(),
            path: &hit.doc.path,
        },
        article: ArticleJson::of_hit(hit),
        clause: hit.clause,
        line: hit.line,
        text: &hit.text,
        highlights: &hit.highlights,
    }
}

/// Writes the hits and the summary as NDJSON.
pub fn write_results(out: &mut dyn Write, query: &str, results: &Results) -> io::Result<()> {
    for hit in &results.hits {
        write_line(out, &Message::Hit(hit_json(hit)))?;
    }
    let summary = SummaryJson {
        query,
        hits: results.total,
        returned: results.hits.len(),
        offset: results.offset,
        elapsed_ms: (results.elapsed.as_secs_f64() * 10_000.0).round() / 10.0,
        expansion: results.expansion.as_ref().map(|e| ExpansionJson {
            query: &e.query,
            terms: e
                .terms
                .iter()
                .map(|(term, to)| TermJson { term, to })
                .collect(),
        }),
    };
    write_line(out, &Message::Summary(summary))
}

/// Writes any serializable value as one line of JSON.
pub fn write_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
