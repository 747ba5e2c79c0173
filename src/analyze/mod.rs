//! Analysis: how text becomes index terms, the same at index time and at query time.
//!
//! Two analyzers, registered under fixed names on every index that is opened (the index
//! stores only the names): `zh` (jieba words) and `en` (words, lowercased, stemmed). Both
//! normalize first (NFKC, case) and drop punctuation. This module knows nothing of documents
//! or queries.

pub mod dictionary;
mod normalize;
mod segmenter;
mod stem;
mod tokenizer;

pub use dictionary::Dictionary;
pub use normalize::is_han;
pub use segmenter::Segmenter;
pub use tokenizer::{HanMode, ScriptTokenizer};

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer, TokenizerManager};

use stem::CachedStemmer;

/// Name of the Chinese analyzer in the tokenizer manager.
pub const ZH: &str = "ts_zh";
/// Name of the Chinese character-bigram analyzer in the tokenizer manager.
pub const ZH_BIGRAM: &str = "ts_zh_bigram";
/// Name of the English analyzer in the tokenizer manager.
pub const EN: &str = "ts_en";

/// The analyzers of one process, sharing one lazily loaded jieba.
#[derive(Clone)]
pub struct Analyzers {
    segmenter: Segmenter,
    /// Bytes of text the analyzers have tokenized, on any thread.
    analyzed: Arc<AtomicU64>,
}

impl Default for Analyzers {
    fn default() -> Self {
        Analyzers::new()
    }
}

impl Analyzers {
    pub fn new() -> Analyzers {
        Analyzers {
            segmenter: Segmenter::new(),
            analyzed: Arc::default(),
        }
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Bytes of text tokenized so far by the analyzers of this set (and their clones): what
    /// tantivy's indexing threads have analyzed, for the progress of a build.
    pub fn analyzed_bytes(&self) -> u64 {
        self.analyzed.load(Ordering::Relaxed)
    }

    /// The Chinese analyzer: jieba words, no length limit (long CJK runs are words too).
    pub fn zh(&self) -> TextAnalyzer {
        let han = HanMode::Jieba(self.segmenter.clone());
        TextAnalyzer::builder(ScriptTokenizer::metered(han, self.analyzed.clone())).build()
    }

    /// The English analyzer: words, Porter stemming, over-long tokens dropped.
    pub fn en(&self) -> TextAnalyzer {
        TextAnalyzer::builder(ScriptTokenizer::metered(
            HanMode::Unigram,
            self.analyzed.clone(),
        ))
        .filter(RemoveLongFilter::limit(64))
        .filter(CachedStemmer)
        .build()
    }

    /// The Chinese character-bigram analyzer (see [`HanMode::Bigram`]); never loads jieba.
    pub fn zh_bigram(&self) -> TextAnalyzer {
        TextAnalyzer::builder(ScriptTokenizer::new(HanMode::Bigram)).build()
    }

    /// Registers the analyzers under their names.
    pub fn register(&self, manager: &TokenizerManager) {
        manager.register(ZH, self.zh());
        manager.register(ZH_BIGRAM, self.zh_bigram());
        manager.register(EN, self.en());
    }

    /// The terms an analyzer produces for `text`, with their byte spans in `text`.
    pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.offset_from, token.offset_to));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_stemmed() {
        let mut en = Analyzers::new().en();
        let terms: Vec<String> = Analyzers::terms(&mut en, "Cooperation; cooperate!")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(terms[0], terms[1], "{terms:?}");
    }
}
