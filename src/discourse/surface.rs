//! From tokens back to the text as written: where each token of a clause stands in its stored
//! text (for a concordance line, or a formula quoted as written), and the written form of a
//! term (an English stem shown as its most common spelling).

use std::ops::Range;

use anyhow::Result;
use tantivy::Searcher;

use super::clauses::Clauses;
use super::forward::{Layer, TermId, Vocab};
use crate::analyze::Analyzers;
use crate::index::schema::Fields;

/// The byte span in `text` of each position of `tokens` (the clause's tokens in `layer`, as
/// [`super::forward::Forward`] gives them); `None` where a token cannot be placed.
pub fn spans(
    analyzers: &Analyzers,
    layer: Layer,
    text: &str,
    tokens: &[&str],
) -> Vec<Option<Range<usize>>> {
    let _ = (analyzers, layer, text, tokens);
    todo!("foundation")
}

/// The written form of each term of `terms`: a Chinese word as indexed; an English stem as
/// its most common spelling (lower case) in a sample of the clauses of `within` that have it.
pub fn written_forms(
    searcher: &Searcher,
    fields: &Fields,
    analyzers: &Analyzers,
    vocab: &Vocab,
    terms: &[TermId],
    within: &Clauses,
) -> Result<Vec<String>> {
    let _ = (searcher, fields, analyzers, vocab, terms, within);
    todo!("foundation")
}
