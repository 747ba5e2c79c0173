//! One clause as exported: the fields every engine gets ([`FIELDS`], from which each engine's
//! schema is made) and the record of a stored clause, with our analyzers' tokens.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

use crate::analyze::Analyzers;
use crate::index::stored::day_number;
use crate::model::{DocInfo, Lang, StoredClause};

/// How an engine should index a field of [`Record`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One exact value, for filters and facets (ids, language, party).
    Keyword,
    /// Several exact values.
    Keywords,
    /// Shown, not searched (the text as written, the title).
    Display,
    /// Our tokens, space-joined: the engine's whitespace tokenizer. `positions` when phrases
    /// are matched on it (the words and stems; the bigrams are looked up as a set).
    Tokens { positions: bool },
    /// A calendar day, `YYYY-MM-DD`.
    Day,
    /// A whole number.
    Number,
    /// The named dates of the document: an object of role → `YYYY-MM-DD`.
    Dates,
}

/// One field of the records: its name and how it is indexed; `always` when every record has
/// it (the others are left out of a record that has no value).
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub always: bool,
}

const fn field(name: &'static str, kind: Kind, always: bool) -> FieldSpec {
    FieldSpec { name, kind, always }
}

/// Every field a record can have, in the order of [`Record`]; each engine's schema is made
/// from this list, so that schema and data cannot name different fields.
pub const FIELDS: &[FieldSpec] = &[
    field("id", Kind::Keyword, true),
    field("doc_id", Kind::Keyword, true),
    field("path", Kind::Keyword, true),
    field("title", Kind::Display, true),
    field("lang", Kind::Keyword, true),
    field("doc_type", Kind::Keyword, false),
    field("date", Kind::Day, false),
    field("day", Kind::Number, false),
    field("dates", Kind::Dates, true),
    field("place", Kind::Keyword, false),
    field("parties", Kind::Keywords, true),
    field("part", Kind::Keyword, true),
    field("article_label", Kind::Keyword, false),
    field("article_number", Kind::Keyword, false),
    field("article_path", Kind::Keywords, true),
    field("clause", Kind::Number, true),
    field("line", Kind::Number, true),
    field("kind", Kind::Keyword, true),
    field("heading", Kind::Display, false),
    field("text", Kind::Display, true),
    field("body_zh", Kind::Tokens { positions: true }, false),
    field("body_zh_bigram", Kind::Tokens { positions: false }, false),
    field("body_en", Kind::Tokens { positions: true }, false),
    field("heading_zh", Kind::Tokens { positions: true }, false),
    field("heading_en", Kind::Tokens { positions: true }, false),
];

/// The fields a query searches by default: the words, stems and headings.
pub const SEARCHED: &[&str] = &["body_zh", "body_en", "heading_zh", "heading_en"];

/// One clause as exported. Field names and order are those of [`FIELDS`].
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// `DOC_ID:CLAUSE`: stable across exports of the same index.
    pub id: String,
    pub doc_id: &'a str,
    /// The file, relative to the corpus folder.
    pub path: &'a str,
    pub title: &'a str,
    pub lang: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<&'a str>,
    /// The date hits show (signed, else published …), `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The same date as the number `yyyymmdd`, for engines without a date type (Typesense).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u64>,
    /// Every named date of the document: role → `YYYY-MM-DD`.
    pub dates: BTreeMap<&'a str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<&'a str>,
    pub parties: &'a [String],
    pub part: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_number: Option<&'a str>,
    pub article_path: &'a [String],
    /// 0-based position of the clause in its document.
    pub clause: u64,
    /// 1-based line where it starts in its file.
    pub line: u64,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<&'a str>,
    pub text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_zh_bigram: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_en: Option<String>,
}

/// The analyzers of the index, ready to cut clauses again.
pub struct Tokenizers {
    zh: TextAnalyzer,
    zh_bigram: TextAnalyzer,
    en: TextAnalyzer,
}

impl Tokenizers {
    pub fn new(analyzers: &Analyzers) -> Tokenizers {
        Tokenizers {
            zh: analyzers.zh(),
            zh_bigram: analyzers.zh_bigram(),
            en: analyzers.en(),
        }
    }

    /// The tokens of `text` by the Chinese word analyzer, space-joined.
    pub fn zh(&mut self, text: &str) -> String {
        joined(&mut self.zh, text)
    }

    /// The tokens of `text` by the character-bigram analyzer, space-joined.
    pub fn zh_bigram(&mut self, text: &str) -> String {
        joined(&mut self.zh_bigram, text)
    }

    /// The tokens of `text` by the English analyzer (stems), space-joined.
    pub fn en(&mut self, text: &str) -> String {
        joined(&mut self.en, text)
    }
}

/// The tokens of `text`, joined by single spaces. A token never holds whitespace (the
/// tokenizer keeps runs of letters, digits or Han characters only), so splitting on spaces
/// gives them back one for one.
fn joined(analyzer: &mut TextAnalyzer, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&token.text);
    }
    out
}

/// The record of one stored clause.
pub fn record<'a>(
    info: &'a DocInfo,
    clause: &'a StoredClause,
    tokens: &mut Tokenizers,
) -> Record<'a> {
    let zh = info.lang == Lang::Zh;
    let heading = clause.heading.as_deref();
    Record {
        id: format!("{}:{}", info.id, clause.index),
        doc_id: &info.id,
        path: &info.path,
        title: &info.title,
        lang: info.lang.as_str(),
        doc_type: info.doc_type.as_deref(),
        date: info.date.map(|d| d.to_string()),
        day: info.date.map(day_number),
        dates: info
            .dates
            .iter()
            .map(|(role, d)| (role.as_str(), d.to_string()))
            .collect(),
        place: info.place.as_deref(),
        parties: &info.parties,
        part: clause.article.part.as_str(),
        article_label: clause.article.label.as_deref(),
        article_number: clause.article.number.as_deref(),
        article_path: &clause.article.path,
        clause: clause.index as u64,
        line: clause.line as u64,
        kind: clause.kind.as_str(),
        heading,
        text: &clause.text,
        body_zh: zh.then(|| tokens.zh(&clause.text)),
        body_zh_bigram: zh.then(|| tokens.zh_bigram(&clause.text)),
        body_en: (!zh).then(|| tokens.en(&clause.text)),
        heading_zh: heading.filter(|_| zh).map(|h| tokens.zh(h)),
        heading_en: heading.filter(|_| !zh).map(|h| tokens.en(h)),
    }
}
