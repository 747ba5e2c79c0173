//! treatysearch: full-text search for diplomatic documents in Chinese and English.
//!
//! Documents in a corpus folder are parsed into clauses that know their document, date and
//! article ([`parse`]), analyzed with jieba or an English stemmer ([`analyze`]), indexed with
//! tantivy ([`index`]) and searched with ranked, highlighted results ([`search`]).
//!
//! ```
//! let doc = treatysearch::parse::parse_document(
//!     "联合声明\n\n一、双方决定建立全面战略伙伴关系。\n\n二、双方高度重视开展政治对话。\n",
//!     "example",
//! );
//! assert_eq!(doc.articles.len(), 2);
//! assert_eq!(doc.clauses[2].article.number.as_deref(), Some("2"));
//! ```

pub mod analyze;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod discourse;
pub mod export;
pub mod formats;
pub mod glossary;
pub mod index;
pub mod ingest;
pub mod input;
pub mod markup;
pub mod model;
pub mod output;
pub mod parse;
pub mod request;
pub mod script;
pub mod search;
pub mod similarity;
pub mod terminal;
pub mod timeline;
pub mod timings;
pub mod wordiff;

/// The message of a panic payload (a `&str` or a `String`; anything else has none).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}
