//! Analysis: how text becomes index terms, the same at index time and at query time.
//!
//! Three analyzers, registered under fixed names on every index that is opened (the index
//! stores only the names): `zh` (jieba words, with the corpus's user dictionary), `zh_bigram`
//! (Chinese character pairs) and `en` (words, lowercased, stemmed). All normalize first (NFKC,
//! case, traditional → simplified) and drop punctuation. This module knows nothing of
//! documents or queries.

pub mod dictionary;
mod normalize;
mod segmenter;
pub mod stages;
mod stem;
mod tokenizer;

pub use dictionary::{Dictionary, parse_user_dictionary};
pub use segmenter::Segmenter;
pub use tokenizer::{HanMode, ScriptTokenizer};

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;

use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer, TokenizerManager};

use stem::CachedStemmer;

/// The user dictionary's file name in a corpus folder (jieba's format; not a document).
pub const USER_DICTIONARY: &str = "userdict.dict";

/// What the meter of [`Analyzers::analyzed_bytes`] counts for every text beyond its bytes: a
/// short clause costs the indexer a few hundred bytes whatever its length, and the readers'
/// flow control (which counts the same) must see that, or a document of many tiny paragraphs
/// queues millions of them.
pub const WEIGHT_PER_TEXT: u64 = 512;

/// A user dictionary larger than this is refused (jieba's own full dictionary is 5 MB).
pub const MAX_USER_DICTIONARY_BYTES: u64 = 16 * 1024 * 1024;

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
    /// Fingerprint of the user dictionary (empty when there is none).
    user_dictionary: String,
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
            user_dictionary: String::new(),
            analyzed: Arc::default(),
        }
    }

    /// The analyzers of a corpus: with its user dictionary (`userdict.dict` in the corpus
    /// folder, jieba's format), if it has one. The dictionary's frequencies are only worked out
    /// when Chinese is first cut.
    pub fn for_corpus(corpus: &Path) -> Result<Analyzers> {
        let path = corpus.join(USER_DICTIONARY);
        // A link is followed (a dictionary shared by several corpora), but never to a pipe, a
        // device or a system file: those would hang or exhaust every command.
        let text = match crate::input::read(&path, MAX_USER_DICTIONARY_BYTES, true) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                anyhow::anyhow!("the user dictionary {} is not UTF-8", path.display())
            })?,
            Err(crate::input::Refusal::Missing) => return Ok(Analyzers::new()),
            Err(refusal) => {
                anyhow::bail!(
                    "cannot read the user dictionary {}: {refusal}",
                    path.display()
                )
            }
        };
        let entries = parse_user_dictionary(&text, &path.display().to_string())
            .map_err(|e| anyhow::anyhow!("invalid user dictionary: {e}"))?;
        Ok(Analyzers {
            segmenter: Segmenter::with_user_dictionary(entries),
            user_dictionary: format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes())),
            analyzed: Arc::default(),
        })
    }

    /// What the index records of the user dictionary, to notice when it changes.
    pub fn user_dictionary_fingerprint(&self) -> &str {
        &self.user_dictionary
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

    /// `text` folded as every analyzer folds it before cutting (NFKC, lower case, traditional
    /// characters to simplified): where a word stands can be looked up in it character by
    /// character, as ranking does for Chinese words inside longer words.
    pub fn folded(text: &str) -> String {
        normalize::Normalized::new(text).text
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
