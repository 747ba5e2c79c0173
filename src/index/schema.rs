//! The index schema: one tantivy document per clause. Field names are constants so that the
//! writer and the searcher cannot disagree.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

use crate::analyze;

/// Version of the schema and of the analysis; an index with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 8;

pub const DOC_ID: &str = "doc_id";
pub const PATH: &str = "path";
pub const TITLE: &str = "title";
pub const LANG: &str = "lang";
/// The date a hit shows (ISO text).
pub const DATE: &str = "date";
/// The same date as `yyyymmdd`, for range filters.
pub const DAY: &str = "day";
/// All named dates of the document, as a JSON object.
pub const DATES: &str = "dates";
pub const PLACE: &str = "place";
pub const PARTY: &str = "party";
pub const PART: &str = "part";
pub const ARTICLE_LABEL: &str = "article_label";
pub const ARTICLE_NUMBER: &str = "article_number";
/// The headings above the clause, one value per level (`第二章`, `第十二条`, `（三）`).
pub const ARTICLE_PATH: &str = "article_path";
pub const CLAUSE: &str = "clause";
pub const LINE: &str = "line";
pub const SPAN_START: &str = "span_start";
pub const SPAN_END: &str = "span_end";
/// The clause text as written, stored for display.
pub const TEXT: &str = "text";
/// The clause text analyzed as Chinese (only for Chinese documents).
pub const BODY_ZH: &str = "body_zh";
/// The clause text of Chinese documents as character bigrams: words inside compounds.
pub const BODY_ZH_BIGRAM: &str = "body_zh_bigram";
/// The clause text analyzed as English (only for English documents).
pub const BODY_EN: &str = "body_en";
/// What the clause is: 0 body, 1 heading line, 2 lead-in stub (`model::ClauseKind::code`).
pub const KIND: &str = "kind";
/// The title words of the heading the clause stands under, stored for display.
pub const HEADING: &str = "heading";
/// The same heading title analyzed as Chinese (only for Chinese documents): a word that stands
/// only in the heading matches the clauses under it.
pub const HEADING_ZH: &str = "heading_zh";
/// The heading title analyzed as English (only for English documents).
pub const HEADING_EN: &str = "heading_en";
/// A stable hash of the clause text, whitespace removed and case folded: identical clauses
/// collapse on it without reading their text.
pub const TEXT_HASH: &str = "text_hash";
/// What the document is (`treaty`, `law` …; absent when untyped): counted by `facets`.
pub const DOC_TYPE: &str = "doc_type";

/// The schema's fields, looked up once.
#[derive(Clone, Copy)]
pub struct Fields {
    pub doc_id: Field,
    pub path: Field,
    pub title: Field,
    pub lang: Field,
    pub date: Field,
    pub day: Field,
    pub dates: Field,
    pub place: Field,
    pub party: Field,
    pub part: Field,
    pub article_label: Field,
    pub article_number: Field,
    pub article_path: Field,
    pub clause: Field,
    pub line: Field,
    pub span_start: Field,
    pub span_end: Field,
    pub text: Field,
    pub body_zh: Field,
    pub body_zh_bigram: Field,
    pub body_en: Field,
    pub kind: Field,
    pub heading: Field,
    pub heading_zh: Field,
    pub heading_en: Field,
    pub text_hash: Field,
    pub doc_type: Field,
}

pub fn build() -> Schema {
    let mut b = Schema::builder();
    let body = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    // Exact-match fields are filters, never scored: no field norms (a byte per clause each).
    let keyword = || {
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false),
            )
            .set_stored()
    };
    b.add_text_field(DOC_ID, keyword());
    b.add_text_field(PATH, STORED);
    b.add_text_field(TITLE, STORED);
    b.add_text_field(LANG, keyword());
    b.add_text_field(DATE, STORED);
    b.add_u64_field(DAY, INDEXED | FAST);
    b.add_text_field(DATES, STORED);
    b.add_text_field(PLACE, STORED);
    b.add_text_field(PARTY, keyword());
    b.add_text_field(PART, keyword());
    b.add_text_field(ARTICLE_LABEL, STORED);
    b.add_text_field(ARTICLE_NUMBER, keyword());
    b.add_text_field(ARTICLE_PATH, STORED);
    b.add_u64_field(CLAUSE, STORED);
    b.add_u64_field(LINE, STORED);
    b.add_u64_field(SPAN_START, STORED);
    b.add_u64_field(SPAN_END, STORED);
    b.add_text_field(TEXT, STORED);
    b.add_text_field(BODY_ZH, body(analyze::ZH));
    // Document ids only: a word's bigrams are all required rather than adjacent, and ranking
    // comes from the word field; the same compounds are found at a fraction of the postings
    // (positions of every character pair made the index 1.5× the text, frequencies 1.32×).
    b.add_text_field(
        BODY_ZH_BIGRAM,
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyze::ZH_BIGRAM)
                .set_index_option(IndexRecordOption::Basic),
        ),
    );
    b.add_text_field(BODY_EN, body(analyze::EN));
    b.add_u64_field(KIND, FAST | STORED);
    b.add_text_field(HEADING, STORED);
    b.add_text_field(HEADING_ZH, body(analyze::ZH));
    b.add_text_field(HEADING_EN, body(analyze::EN));
    b.add_u64_field(TEXT_HASH, FAST);
    b.add_text_field(DOC_TYPE, keyword());
    b.build()
}

impl Fields {
    /// The fields of `schema`, or the name of the first one missing (an index from another
    /// version of treatysearch).
    pub fn of(schema: &Schema) -> Result<Fields, String> {
        let f = |name: &str| schema.get_field(name).map_err(|_| name.to_string());
        Ok(Fields {
            doc_id: f(DOC_ID)?,
            path: f(PATH)?,
            title: f(TITLE)?,
            lang: f(LANG)?,
            date: f(DATE)?,
            day: f(DAY)?,
            dates: f(DATES)?,
            place: f(PLACE)?,
            party: f(PARTY)?,
            part: f(PART)?,
            article_label: f(ARTICLE_LABEL)?,
            article_number: f(ARTICLE_NUMBER)?,
            article_path: f(ARTICLE_PATH)?,
            clause: f(CLAUSE)?,
            line: f(LINE)?,
            span_start: f(SPAN_START)?,
            span_end: f(SPAN_END)?,
            text: f(TEXT)?,
            body_zh: f(BODY_ZH)?,
            body_zh_bigram: f(BODY_ZH_BIGRAM)?,
            body_en: f(BODY_EN)?,
            kind: f(KIND)?,
            heading: f(HEADING)?,
            heading_zh: f(HEADING_ZH)?,
            heading_en: f(HEADING_EN)?,
            text_hash: f(TEXT_HASH)?,
            doc_type: f(DOC_TYPE)?,
        })
    }
}
