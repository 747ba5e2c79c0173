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
