//! The JSON printer of `parse --json`: the document model of one file, as the ingester
//! understood it, without an index.
//!
//! The JSON contract (see `json.rs` for the rules: fields may be added, never renamed or
//! removed; every field is always present, `null` when unknown):
//! ```text
//! {"type":"document","data":{"path":"corpus/….txt","title":"…","title_derived":false,
//!   "doc_type":"treaty"|null,"lang":"en","date":"2023-03-01","dates":{"signed":"2023-03-01",…},
//!   "date_evidence":[{"role","date","line","phrase"}],"place":"Beijing"|null,
//!   "parties":["China",…],"divisions":[{"level","label","number","title","line"}],
//!   "articles":[{"label","number","line"}],
//!   "clauses":[{"article":{"label","number","part","path"},"clause":0,"line":1,
//!               "span":[s,e],"kind":"body","heading":"…"|null,"text":"…"}],
//!   "meta":{"source":"…",…},"warnings":["…"]}}
//! {"type":"summary","data":{"command":"parse","path":"corpus/….txt","article_count":14,
//!   "clause_count":47,"warning_count":0}}
//! ```
//! `date` is the date hits show (see [`Document::date`]); `clause` the 0-based position of
//! the clause in the document, as in hits; `span` its byte span in the decoded text; `line`s
//! are 1-based. `date_evidence` says why each named date was given (see
//! [`crate::model::DateEvidence`]); `meta` holds front-matter keys treatysearch does not
//! interpret; `warnings` what could not be read as written.

use std::collections::BTreeMap;
use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::json::{ArticleJson, schema_of, write_line};
use crate::model::{Date, Document};

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Message<'a> {
    /// The document, first.
    Document(DocumentJson<'a>),
    /// The last line.
    Summary(SummaryJson<'a>),
}

#[derive(Serialize, JsonSchema)]
struct DocumentJson<'a> {
    /// The file as given on the command line.
    path: &'a str,
    title: &'a str,
    /// `true` when the text has no title of its own and `title` was made from the document's
    /// kind and parties, or is the file name.
    title_derived: bool,
    /// What the document is — `treaty`, `joint statement`, `communiqué`, `declaration`,
    /// `statement`, `resolution`, `law`, `report`, `speech`, or the `type` its front matter
    /// gives — from its metadata, title and dates; `null` when they do not say.
    doc_type: Option<&'a str>,
    /// `zh` or `en`.
    #[schemars(schema_with = "super::json::lang_schema")]
    lang: &'a str,
    /// The date hits show; `null` when undated.
    date: Option<String>,
    /// Every named date: `signed`, `published`, `adopted`, … → ISO 8601.
    #[schemars(with = "BTreeMap<String, String>")]
    dates: &'a BTreeMap<String, Date>,
    date_evidence: Vec<EvidenceJson<'a>>,
    place: Option<&'a str>,
    parties: &'a [String],
    /// Chapters, parts and sections, in document order.
    divisions: Vec<DivisionJson<'a>>,
    articles: Vec<ArticleHeadingJson<'a>>,
    clauses: Vec<ClauseJson<'a>>,
    /// Front-matter or sidecar keys that treatysearch does not interpret, as given.
    meta: &'a BTreeMap<String, String>,
    /// What could not be read as written (a broken front matter).
    warnings: &'a [String],
}

/// Why a document has one of its named dates.
#[derive(Serialize, JsonSchema)]
struct EvidenceJson<'a> {
    /// The key of the date in `dates`.
    role: &'a str,
    date: String,
    /// 1-based; `null` for a date given in front matter or a sidecar.
    line: Option<usize>,
    /// The deciding words as written.
    phrase: &'a str,
}

/// A heading above the articles: `第二章`, `CHAPTER 2`, `PART I`.
#[derive(Serialize, JsonSchema)]
struct DivisionJson<'a> {
    /// 1 for parts (编), 2 for chapters (章), 3 for sections (节).
    level: u8,
    label: &'a str,
    number: &'a str,
    /// The heading's title on the same line (`总则`); `null` when it has none.
    title: Option<&'a str>,
    line: usize,
}

/// An article heading.
#[derive(Serialize, JsonSchema)]
struct ArticleHeadingJson<'a> {
    /// The heading as written; `null` when the number was inferred.
    label: Option<&'a str>,
    /// The number in Arabic digits.
    number: &'a str,
    line: usize,
}

#[derive(Serialize, JsonSchema)]
struct ClauseJson<'a> {
    article: ArticleJson<'a>,
    /// 0-based position in the document, as in hits.
    clause: usize,
    line: usize,
    /// Byte span `[start, end)` in the decoded text.
    span: [usize; 2],
    /// `body`, `heading` or `stub`, as in hits.
    #[schemars(schema_with = "super::json::kind_schema")]
    kind: &'static str,
    /// The title of the nearest titled heading above the clause, as in hits.
    heading: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct SummaryJson<'a> {
    /// `parse`.
    command: &'static str,
    path: &'a str,
    article_count: usize,
    clause_count: usize,
    warning_count: usize,
}

pub(crate) fn schema() -> serde_json::Value {
    schema_of::<Message<'static>>()
}

/// Writes `doc`, parsed from the file `path`, and the summary as NDJSON.
pub fn write_json(out: &mut dyn Write, path: &str, doc: &Document) -> io::Result<()> {
    write_line(
        out,
        &Message::Document(DocumentJson {
            path,
            title: &doc.title,
            title_derived: doc.title_derived,
            doc_type: doc.doc_type.as_deref(),
            lang: doc.lang.as_str(),
            date: doc.date().map(|d| d.to_string()),
            dates: &doc.dates,
            date_evidence: doc
                .date_evidence
                .iter()
                .map(|e| EvidenceJson {
                    role: &e.role,
                    date: e.date.to_string(),
                    line: e.line,
                    phrase: &e.phrase,
                })
                .collect(),
            place: doc.place.as_deref(),
            parties: &doc.parties,
            divisions: doc
                .divisions
                .iter()
                .map(|d| DivisionJson {
                    level: d.level,
                    label: &d.label,
                    number: &d.number,
                    title: d.title.as_deref(),
                    line: d.line,
                })
                .collect(),
            articles: doc
                .articles
                .iter()
                .map(|a| ArticleHeadingJson {
                    label: a.label.as_deref(),
                    number: &a.number,
                    line: a.line,
                })
                .collect(),
            clauses: doc
                .clauses
                .iter()
                .map(|c| ClauseJson {
                    article: ArticleJson::of(&c.article),
                    clause: c.index,
                    line: c.line,
                    span: c.span,
                    kind: c.kind.as_str(),
                    heading: c.heading.as_deref(),
                    text: &c.text,
                })
                .collect(),
            meta: &doc.meta,
            warnings: &doc.warnings,
        }),
    )?;
    write_line(
        out,
        &Message::Summary(SummaryJson {
            command: "parse",
            path,
            article_count: doc.articles.len(),
            clause_count: doc.clauses.len(),
            warning_count: doc.warnings.len(),
        }),
    )
}
