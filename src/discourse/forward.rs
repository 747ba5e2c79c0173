//! The token sequence of each selected clause, rebuilt from the positions of the index (the
//! inverted index read the other way round), and how often each term occurs in a selection,
//! summed from postings. Chinese tokens are the jieba words of `body_zh` (folded: simplified,
//! half-width, lower case); English tokens are the stems of `body_en`.

use std::collections::HashMap;
use std::ops::Range;

use anyhow::Result;
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};

use super::clauses::Clauses;
use crate::index::schema::Fields;
use crate::model::Lang;

/// Which analyzed text of a clause: the jieba words of a Chinese document, or the stems of an
/// English one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Zh,
    En,
}

impl Layer {
    pub const BOTH: [Layer; 2] = [Layer::Zh, Layer::En];

    /// The field of the index that holds this layer's tokens with their positions.
    pub fn field(self, fields: &Fields) -> Field {
        match self {
            Layer::Zh => fields.body_zh,
            Layer::En => fields.body_en,
        }
    }

    pub fn of_lang(lang: Lang) -> Layer {
        match lang {
            Lang::Zh => Layer::Zh,
            Lang::En => Layer::En,
        }
    }

    pub fn lang(self) -> Lang {
        match self {
            Layer::Zh => Lang::Zh,
            Layer::En => Lang::En,
        }
    }
}

/// A term's number in a [`Vocab`].
pub type TermId = u32;

/// A position of a clause that no term of the index fills.
pub const GAP: TermId = TermId::MAX;

/// The terms met so far, numbered across segments and layers.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    terms: Vec<(Layer, String)>,
    ids: HashMap<(Layer, String), TermId>,
}

impl Vocab {
    /// The id of `term`, adding it when new.
    pub fn insert(&mut self, layer: Layer, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(&(layer, term.to_string())) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push((layer, term.to_string()));
        self.ids.insert((layer, term.to_string()), id);
        id
    }

    pub fn id(&self, layer: Layer, term: &str) -> Option<TermId> {
        self.ids.get(&(layer, term.to_string())).copied()
    }

    /// The term as indexed (a folded jieba word, an English stem).
    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id as usize].1
    }

    pub fn layer(&self, id: TermId) -> Layer {
        self.terms[id as usize].0
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The tokens of one clause.
#[derive(Debug, Clone, Copy)]
pub struct ClauseTokens<'a> {
    pub address: DocAddress,
    pub layer: Layer,
    /// The term at each position, [`GAP`] where none is.
    pub tokens: &'a [TermId],
}

/// The token sequences of a set of clauses.
#[derive(Debug, Default)]
pub struct Forward {
    pub vocab: Vocab,
    tokens: Vec<TermId>,
    clauses: Vec<(DocAddress, Layer, Range<usize>)>,
}

impl Forward {
    /// The tokens of every clause of `clauses` that has tokens in one of `layers`, in index
    /// order. Terms are added to `vocab`, which the result then owns.
    pub fn read(
        searcher: &Searcher,
        fields: &Fields,
        clauses: &Clauses,
        layers: &[Layer],
        vocab: Vocab,
    ) -> Result<Forward> {
        let _ = (searcher, fields, clauses, layers, vocab);
        todo!("foundation")
    }

    /// Made from plain sequences (tests, fixtures).
    pub fn from_parts(vocab: Vocab, clauses: Vec<(DocAddress, Layer, Vec<TermId>)>) -> Forward {
        let mut forward = Forward {
            vocab,
            ..Forward::default()
        };
        for (address, layer, tokens) in clauses {
            let start = forward.tokens.len();
            forward.tokens.extend(tokens);
            forward
                .clauses
                .push((address, layer, start..forward.tokens.len()));
        }
        forward
    }

    /// Every clause with its tokens, in index order.
    pub fn clauses(&self) -> impl Iterator<Item = ClauseTokens<'_>> + '_ {
        self.clauses
            .iter()
            .map(|(address, layer, range)| ClauseTokens {
                address: *address,
                layer: *layer,
                tokens: &self.tokens[range.clone()],
            })
    }

    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.clauses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// How often each term occurs in a set of clauses.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Occurrences per [`TermId`] (shorter than the vocabulary when its last terms are absent).
    pub occurrences: Vec<u64>,
    /// Clauses that have the term, per [`TermId`].
    pub clauses: Vec<u32>,
    /// All tokens of the set, per layer in the order of [`Layer::BOTH`].
    pub tokens: [u64; 2],
    /// Clauses of the set with at least one token.
    pub clause_count: usize,
}

impl Counts {
    pub fn of(&self, id: TermId) -> u64 {
        self.occurrences.get(id as usize).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.tokens.iter().sum()
    }
}

/// How often every term of `layers` occurs in `clauses`, from term frequencies in postings
/// (no positions read). Terms are added to `vocab`, so that two selections counted with the
/// same vocabulary compare term by term.
pub fn count_terms(
    searcher: &Searcher,
    fields: &Fields,
    clauses: &Clauses,
    layers: &[Layer],
    vocab: &mut Vocab,
) -> Result<Counts> {
    let _ = (searcher, fields, clauses, layers, vocab);
    todo!("foundation")
}
