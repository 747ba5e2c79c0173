//! English stemming with a memo: tantivy's English `Stemmer`, asked once per distinct word a
//! tokenizer meets instead of once per occurrence.
//!
//! Stemming was a fifth of the cost of analyzing English; words repeat (Zipf), so a memo per
//! tokenizer (one per indexing thread) answers most of them with one hash lookup. The stems
//! are tantivy's own — a miss runs its `Stemmer` on the word — so the terms do not change.

use std::collections::HashMap;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Distinct words remembered before the memo starts over (bounds its memory to a few MB).
const MEMO_LIMIT: usize = 100_000;

/// Token filter: English stems, memoized.
#[derive(Clone, Copy, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: Stems::new(),
        }
    }
}

pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: Stems,
}

impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            inner: self.inner.clone(),
            stems: Stems::new(),
        }
    }
}

struct Stems {
    memo: HashMap<String, String>,
    /// tantivy's stemmer over a single word.
    stemmer: TextAnalyzer,
}

impl Stems {
    fn new() -> Stems {
        Stems {
            memo: HashMap::new(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    fn stem_in_place(&mut self, word: &mut String) {
        if let Some(stem) = self.memo.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(word);
            if !stream.advance() {
                return;
            }
            stream.token().text.clone()
        };
        if self.memo.len() >= MEMO_LIMIT {
            self.memo.clear();
        }
        self.memo
            .insert(std::mem::replace(word, stem.clone()), stem);
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stems: &'a mut Stems,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stems.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::SimpleTokenizer;

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_are_tantivys_and_repeat() {
        let text = "cooperation cooperate cooperation parties party agreed agreements agreements";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer)
            .build();
        let expected = terms(&mut plain, text);
        assert_eq!(terms(&mut cached, text), expected);
        assert_eq!(terms(&mut cached, text), expected, "from the memo");
        assert_eq!(expected[0], expected[1]);
    }
}
