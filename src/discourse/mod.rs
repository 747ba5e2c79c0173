//! Corpus analyses as a discourse analyst runs them — concordance (`kwic`), collocates,
//! keywords, n-grams and facets — over the same selections as `query`. Everything is read from
//! the index (postings with positions, fast and stored fields), never by reading the corpus or
//! segmenting it again: a Chinese clause is analyzed once, when it is indexed. Prints nothing.
//!
//! The building blocks: [`clauses`] (which clauses: a selection as per-segment bitsets),
//! [`forward`] (the token sequence of each selected clause, rebuilt from positions, and term
//! counts from postings), [`surface`] (tokens placed back in the text as written) and
//! [`measures`] (association and keyness statistics).

pub mod clauses;
pub mod collocates;
pub mod facets;
pub mod forward;
pub mod keywords;
pub mod kwic;
pub mod measures;
pub mod ngrams;
pub mod stopwords;
pub mod surface;

use anyhow::{Result, anyhow, bail};

use crate::search::Query;
use crate::search::syntax::Node;

/// The word or phrase a command centres on (`collocates WORD`, `ngrams WORD`): one word, words
/// typed together (a phrase), or a quoted phrase; a query with OR, -exclusion or parentheses
/// is refused, naming `command`.
pub fn word_or_phrase(text: &str, command: &str) -> Result<Query> {
    let parsed = Query::parse(text).map_err(|e| anyhow!("invalid word: {e}"))?;
    let node = match parsed.node {
        Node::Word(w) => Node::Word(w),
        Node::Phrase(p) => Node::Phrase(p),
        Node::And(children) if children.iter().all(|c| matches!(c, Node::Word(_))) => {
            let words: Vec<&str> = children
                .iter()
                .filter_map(|c| match c {
                    Node::Word(w) => Some(w.as_str()),
                    _ => None,
                })
                .collect();
            Node::Phrase(words.join(" "))
        }
        _ => bail!(
            "{command} takes one word or phrase, not a query with OR, -exclusion or parentheses \
             (`treatysearch kwic` takes those)"
        ),
    };
    Ok(Query {
        text: text.to_string(),
        node,
    })
}
