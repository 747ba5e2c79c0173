//! The JSON contract: what every `--json` prints. NDJSON, one `{"type": …, "data": …}` object
//! per line, ripgrep style; the last line of every command is its `summary`, whose `command`
//! names the command. This is an API: fields may be added, never renamed or removed; every
//! field is always present (`null` when unknown). One vocabulary across the commands:
//!
//! - `doc` is `{"id","title","lang","date","path"}` wherever a document is referred to; `path`
//!   is the file as the command was given the corpus (`corpus/004_….txt` by default).
//! - `article` is `{"label","number","part","path"}` wherever a clause sits in a document.
//! - `clause` is the 0-based position of a clause in its document (in hits, `show`, `parse`).
//! - `kind` is what a clause is: `body`, `heading` (a heading line alone) or `stub` (a lead-in
//!   such as `"customs duty" means:`); `heading` the title words of the nearest titled heading
//!   the clause stands under, without its number (`null` when there is none). Both wherever a
//!   clause is printed (hits, `show`, `parse`).
//! - a plural noun is an array of those things; a number of things is `<thing>_count`.
//! - a glossary pair is `{"zh","en"}`, whatever the language of the text it came from.
//! - `highlights` are UTF-8 byte spans into `text`, end-exclusive, ordered; `highlights_chars`
//!   the same spans counted in Unicode scalar values (code points), as Python's `str`
//!   indexes. JavaScript strings count UTF-16 units: there a character outside the BMP (rare
//!   CJK extensions) takes two.
//!
//! `query --json`:
//! ```text
//! {"type":"hit","data":{"rank":1,"score":7.31,
//!   "doc":{"id":"…","title":"…","lang":"en","date":"2023-03-01","path":"corpus/…"},
//!   "article":{"label":"4、","number":"4","part":"article","path":["4、"]},
//!   "clause":2,"line":31,"kind":"body","heading":"Rules of Origin","text":"…",
//!   "highlights":[[start,end],…],"highlights_chars":[[s,e],…],"identical_count":0,"identical":[],
//!   "explain":null}}
//! {"type":"summary","data":{"command":"query","query":"Belt and Road","hit_count":3,
//!   "distinct_count":3,"collapsed":true,"returned":3,"offset":0,"elapsed_ms":3.1,
//!   "expansion":null,"relaxed":null}}
//! ```
//! Identical clauses (same text, whitespace and case aside) are one hit, the best-ranked copy:
//! its `identical_count` counts the others, `identical` names the first 5 as
//! `{"doc","line"}`; ranks, `--limit` and `--offset` count such hits, `hit_count` every
//! clause and `distinct_count` the hits there are. When fewer than 3 clauses have every word,
//! clauses with near-forms and then with fewer words follow, and `relaxed` is
//! `{"words","near_forms":[{"word","forms"}],"required","dropped","all_count"}`.
//! With `--explain`, `explain` is what made the score: `{"bm25","words":[{"word","field",
//! "score"},…],"window","window_unit","located","in_text","coverage","proximity","tokens","length",
//! "heading_words","structure","kind","score"}`; `score` is `bm25 × coverage × proximity ×
//! length × structure × kind`.
//! With `--facets`, `{"type":"facet","data":{"facet":"year","value":"2019","clause_count":3,
//! "document_count":2}}` lines follow the hits, one per value of each facet (as `facets`
//! prints them, every value), counted over every clause with all the query's words.
//! With `-x`, `expansion` is `{"query": what was searched, "pairs": [{"zh","en"},…]}` (the
//! glossary pairs of the query's terms; empty when the glossary knows none of them).
//!
//! The other commands document their lines beside their printers (`documents.rs`,
//! `similar.rs`, `timeline.rs`, `compare.rs`, `parse.rs`). A JSON Schema of every command's
//! lines is generated from these types by [`schemas`] and checked in as
//! `docs/schema/<command>.json`; the tests fail when it is stale and validate every
//! command's output against it.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::discourse::facets::{Facet, Facets, Value as FacetValue};
use crate::search::{Hit, Results};

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// One ranked clause.
    Hit(Box<HitJson<'a>>),
    /// With `--facets`: the matching clauses of one value of a facet, after the hits.
    Facet(FacetJson<'a>),
    /// The last line.
    Summary(SummaryJson<'a>),
}

#[derive(Serialize, JsonSchema)]
pub(crate) struct HitJson<'a> {
    /// 1-based rank over all hits (`--offset` included).
    rank: usize,
    /// The ranking score (BM25 re-ranked by proximity, length, heading and kind; see
    /// `explain`), rounded to 3 decimals.
    score: f32,
    doc: DocJson<'a>,
    article: ArticleJson<'a>,
    /// 0-based position of the clause in its document.
    clause: usize,
    /// 1-based paragraph of the clause in its article, as `show` numbers them and `similar`
    /// and `compare` take them (`¶N` in text output), in the preamble and the signature block
    /// too; `null` for a clause under a heading without an article number.
    paragraph: Option<usize>,
    /// 1-based line where the clause starts.
    line: usize,
    /// `body`, `heading` (a heading line alone) or `stub` (a lead-in that only introduces
    /// what follows).
    #[schemars(schema_with = "kind_schema")]
    kind: &'static str,
    /// The title of the nearest titled heading the clause stands under, without its number;
    /// `null` when there is none.
    heading: Option<&'a str>,
    text: &'a str,
    /// UTF-8 byte spans `[start, end)` of the matches in `text`.
    highlights: &'a [[usize; 2]],
    /// The same spans in Unicode scalar values (code points).
    highlights_chars: Vec<[usize; 2]>,
    /// How many other matching clauses have the same text (whitespace and case aside) and
    /// are shown as this one hit; 0 when none do, and with `--no-collapse`.
    identical_count: usize,
    /// The first of those clauses in index order, at most 5: `{"doc","line"}`.
    identical: Vec<IdenticalJson<'a>>,
    /// With `--explain`: what made the score; `null` without.
    explain: Option<ExplainJson<'a>>,
}

/// Another clause with a hit's text.
#[derive(Serialize, JsonSchema)]
pub(crate) struct IdenticalJson<'a> {
    doc: DocJson<'a>,
    /// 1-based line where the clause starts.
    line: usize,
}

/// What made a hit's score: `score = bm25 × coverage × proximity × length × structure × kind`. Every
/// number is rounded to 3 decimals.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ExplainJson<'a> {
    /// tantivy's BM25 score of the query (words, the exact-phrase bonus, Chinese bigrams).
    bm25: f32,
    /// The BM25 part of each query term found in the clause, per field.
    words: Vec<WordPartJson<'a>>,
    /// Tokens from the first to the last of the closest occurrences of the query's words;
    /// `null` when none of them was located in the clause.
    window: Option<u32>,
    /// What `window` counts: `tokens`, or `characters` for a Chinese query of several words.
    #[schemars(schema_with = "window_unit_schema")]
    window_unit: &'static str,
    /// How many of the query's words were located in the clause's text.
    located: usize,
    /// How many of the query's words the clause's text has (located, or inside longer
    /// Chinese words).
    in_text: usize,
    /// What the share of the query's words in the text multiplies the score by (a word
    /// found only in the heading counts for less).
    coverage: f32,
    /// What the window multiplies the score by (1 to 2; 1 without a window).
    proximity: f32,
    /// The clause's length in tokens (approximate beyond 40, as the index keeps it).
    tokens: u32,
    /// What the length multiplies the score by (less than 1 for very short and very long
    /// clauses).
    length: f32,
    /// How many query words stand in the heading the clause stands under.
    heading_words: usize,
    /// What the heading multiplies the score by (1 to 1.5).
    structure: f32,
    /// What the clause's kind multiplies the score by: 1 for a body clause, less for a
    /// heading or a stub.
    kind: f32,
    /// The final score.
    score: f32,
}

/// The BM25 part of one term in one field.
#[derive(Serialize, JsonSchema)]
pub(crate) struct WordPartJson<'a> {
    /// The term as the index has it (a stemmed English word, a jieba word).
    word: &'a str,
    /// `body` or `heading`.
    #[schemars(schema_with = "field_schema")]
    field: &'a str,
    score: f32,
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

impl<'a> ExplainJson<'a> {
    fn of(e: &'a crate::model::Explain) -> ExplainJson<'a> {
        ExplainJson {
            bm25: round3(e.bm25),
            words: e
                .words
                .iter()
                .map(|w| WordPartJson {
                    word: &w.word,
                    field: &w.field,
                    score: round3(w.score),
                })
                .collect(),
            window: e.window,
            window_unit: if e.window_in_chars {
                "characters"
            } else {
                "tokens"
            },
            located: e.located,
            in_text: e.in_text,
            coverage: round3(e.coverage),
            proximity: round3(e.proximity),
            tokens: e.tokens,
            length: round3(e.length),
            heading_words: e.heading_words,
            structure: round3(e.structure),
            kind: round3(e.kind),
            score: round3(e.score),
        }
    }
}

/// A document: `{"id","title","lang","date","path"}`, the same wherever a document is meant.
#[derive(Serialize, JsonSchema)]
pub(crate) struct DocJson<'a> {
    /// As `list` shows it; what `--doc`, `show`, `similar` and `compare` take.
    pub id: &'a str,
    pub title: &'a str,
    /// `zh` or `en`.
    #[schemars(schema_with = "lang_schema")]
    pub lang: &'a str,
    /// ISO 8601 (`2023-03-01`); `null` when the document states no date of its own.
    pub date: Option<&'a str>,
    /// The file, joined to the corpus folder as given (`corpus/….txt`).
    pub path: &'a str,
}

/// Where a clause sits: `{"label","number","part","path"}`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ArticleJson<'a> {
    /// The heading as written (`4、`, `Article 12`); `null` when there is none.
    pub label: Option<&'a str>,
    /// The article number in Arabic digits; `null` outside articles.
    pub number: Option<&'a str>,
    /// `preamble`, `article`, `division` (under a chapter heading, before its first article)
    /// or `signature`.
    #[schemars(schema_with = "part_schema")]
    pub part: &'a str,
    /// The headings above the clause, outermost first (`["第二章", "第十二条", "（三）"]`);
    /// empty in the preamble and the signature block.
    pub path: &'a [String],
}

/// A glossary pair: the Chinese and the English side, in that order whatever the language of
/// the text it was found in.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PairJson<'a> {
    pub zh: &'a str,
    pub en: &'a str,
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

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `query`.
    command: &'static str,
    query: &'a str,
    /// All matching clauses, every copy of an identical text counted.
    hit_count: usize,
    /// Distinct texts among them (whitespace and case aside): the hits there are to page
    /// through when identical clauses are collapsed (the default).
    distinct_count: usize,
    /// Whether identical clauses are one hit (`false` with `--no-collapse`).
    collapsed: bool,
    /// Hits printed.
    returned: usize,
    /// Hits skipped before the first printed (`--offset`).
    offset: usize,
    elapsed_ms: f64,
    /// With `-x`: what was searched and the glossary pairs of the query's terms; `null`
    /// without `-x`.
    expansion: Option<ExpansionJson<'a>>,
    /// When fewer than 3 clauses had every word: which words were still required and which
    /// were dropped; `null` when the query ran as written (or with `--strict`).
    relaxed: Option<RelaxedJson<'a>>,
}

/// A word of a relaxed query and the other forms it accepted.
#[derive(Serialize, JsonSchema)]
struct NearFormsJson<'a> {
    word: &'a str,
    forms: &'a [String],
}

/// How a query was relaxed. Hits with every word rank first, then those without the first
/// dropped word, and so on.
#[derive(Serialize, JsonSchema)]
struct RelaxedJson<'a> {
    /// The words that could be dropped, as written (a phrase in quotes), in query order.
    words: &'a [String],
    /// The words that also accepted other forms, the other forms of their glossary concept
    /// in the same language (单边 → 单方面), in query order; empty when none did.
    near_forms: Vec<NearFormsJson<'a>>,
    /// The words the last hits still have, in query order.
    required: &'a [String],
    /// The words dropped, in the order they were dropped (a word in no clause first, then
    /// the most frequent).
    dropped: &'a [String],
    /// Clauses with every word.
    all_count: usize,
}

#[derive(Serialize, JsonSchema)]
struct ExpansionJson<'a> {
    /// The query as searched, with the other language's renderings.
    query: &'a str,
    /// Each glossary term of the query with each of its renderings, in query order.
    pairs: Vec<PairJson<'a>>,
}

/// The schema of a string that takes one of `values`.
fn one_of(values: &[&str]) -> schemars::Schema {
    schemars::json_schema!({"type": "string", "enum": values})
}

/// `zh` or `en`.
pub(crate) fn lang_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&["zh", "en"])
}

/// The parts of a document ([`crate::model::Part`]).
pub(crate) fn part_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&["preamble", "article", "division", "signature"])
}

/// What a clause is ([`crate::model::ClauseKind`]).
pub(crate) fn kind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&["body", "heading", "stub"])
}

/// How `similar` found a match.
pub(crate) fn via_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&["words", "glossary"])
}

/// What a piece of `compare` does.
pub(crate) fn field_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&["body", "heading"])
}

pub(crate) fn window_unit_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&["tokens", "characters"])
}

pub(crate) fn op_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&["keep", "remove", "add"])
}

/// Byte spans of `text` counted in Unicode scalar values: the characters that start before
/// each offset (an offset inside a character counts that character as before it).
pub(crate) fn char_spans(text: &str, spans: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let bytes = text.as_bytes();
    // A byte starts a character unless it is a continuation byte (0b10xx_xxxx).
    let chars_before = |offset: usize| {
        bytes[..offset.min(bytes.len())]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
    };
    spans
        .iter()
        .map(|&[s, e]| [chars_before(s), chars_before(e)])
        .collect()
}

/// Whether a glossary term of a query is the Chinese side: the glossary finds Chinese terms
/// only in Han text and English renderings only in Latin words.
fn is_chinese(term: &str) -> bool {
    term.chars().any(crate::script::is_han)
}

/// A hit as JSON; with `explain`, what made its score.
pub(crate) fn hit_json(hit: &Hit, paragraph: Option<usize>, explain: bool) -> HitJson<'_> {
    HitJson {
        rank: hit.rank,
        score: round3(hit.score),
        doc: DocJson::of(&hit.doc),
        article: ArticleJson::of_hit(hit),
        clause: hit.clause,
        paragraph,
        line: hit.line,
        kind: hit.kind.as_str(),
        heading: hit.heading.as_deref(),
        text: &hit.text,
        highlights: &hit.highlights,
        highlights_chars: char_spans(&hit.text, &hit.highlights),
        identical_count: hit.identical_count,
        identical: hit
            .identical
            .iter()
            .map(|c| IdenticalJson {
                doc: DocJson::of(&c.doc),
                line: c.line,
            })
            .collect(),
        explain: hit
            .explain
            .as_ref()
            .filter(|_| explain)
            .map(ExplainJson::of),
    }
}

/// One value of a facet (`facets`, `query --facets`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct FacetJson<'a> {
    /// `year`, `party`, `language` or `doc_type`.
    #[schemars(schema_with = "facet_schema")]
    pub facet: &'static str,
    /// The year, party, language (`zh`, `en`) or document type; `null` for the clauses
    /// without one (undated, no party, untyped).
    pub value: Option<&'a str>,
    /// Matching clauses with this value.
    pub clause_count: usize,
    /// Documents with at least one of them. A document with two parties counts under both.
    pub document_count: usize,
}

impl<'a> FacetJson<'a> {
    pub fn of(facet: Facet, value: &'a FacetValue) -> FacetJson<'a> {
        FacetJson {
            facet: facet.name(),
            value: value.value.as_deref(),
            clause_count: value.count.clauses,
            document_count: value.count.documents,
        }
    }
}

/// The facets of `facets` and `query --facets`.
pub(crate) fn facet_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    one_of(&Facet::ALL.map(Facet::name))
}

/// Milliseconds with one decimal.
pub(crate) fn millis(elapsed: std::time::Duration) -> f64 {
    (elapsed.as_secs_f64() * 10_000.0).round() / 10.0
}

/// Writes the hits and the summary as NDJSON. `paragraphs[i]` is the paragraph of hit `i` in
/// its article. With `explain`, each hit carries what made its score; with `facets`, a
/// `facet` line per value follows the hits.
pub fn write_results(
    out: &mut dyn Write,
    query: &str,
    results: &Results,
    paragraphs: &[Option<usize>],
    explain: bool,
    facets: Option<&Facets>,
) -> io::Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        let paragraph = paragraphs.get(i).copied().flatten();
        write_line(
            out,
            &Message::Hit(Box::new(hit_json(hit, paragraph, explain))),
        )?;
    }
    for f in facets.iter().flat_map(|f| &f.facets) {
        for value in &f.values {
            write_line(out, &Message::Facet(FacetJson::of(f.facet, value)))?;
        }
    }
    let summary = SummaryJson {
        command: "query",
        query,
        hit_count: results.total,
        distinct_count: results.distinct,
        collapsed: results.collapsed,
        returned: results.hits.len(),
        offset: results.offset,
        elapsed_ms: millis(results.elapsed),
        expansion: results.expansion.as_ref().map(|e| ExpansionJson {
            query: &e.query,
            pairs: e
                .terms
                .iter()
                .flat_map(|(term, to)| {
                    to.iter().map(move |rendering| {
                        if is_chinese(term) {
                            PairJson {
                                zh: term,
                                en: rendering,
                            }
                        } else {
                            PairJson {
                                zh: rendering,
                                en: term,
                            }
                        }
                    })
                })
                .collect(),
        }),
        relaxed: results.relaxed.as_ref().map(|r| RelaxedJson {
            words: &r.words,
            near_forms: r
                .near_forms
                .iter()
                .map(|(word, forms)| NearFormsJson { word, forms })
                .collect(),
            required: &r.required,
            dropped: &r.dropped,
            all_count: r.all_count,
        }),
    };
    write_line(out, &Message::Summary(summary))
}

/// Writes any serializable value as one line of JSON.
pub fn write_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// The schema of what `T` serializes to.
pub(crate) fn schema_of<T: JsonSchema>() -> Value {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The schema of a `query --json` line.
pub(crate) fn query_schema() -> Value {
    schema_of::<Message<'static>>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_spans_count_code_points() {
        let text = "反对外部势力以任何借口干涉";
        let s = text.find("借口").unwrap();
        let spans = char_spans(text, &[[s, s + "借口".len()]]);
        assert_eq!(spans, [[9, 11]]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[9..11].iter().collect::<String>(), "借口");
        assert_eq!(char_spans("a𠀀b", &[[5, 6]]), [[2, 3]]);
        assert_eq!(char_spans("abc", &[[0, 3], [1, 9]]), [[0, 3], [1, 3]]);
    }

    #[test]
    fn query_terms_take_their_side_by_script() {
        assert!(is_chinese("借口"));
        assert!(!is_chinese("pretext"));
    }
}
