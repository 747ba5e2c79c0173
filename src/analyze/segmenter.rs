//! The one jieba instance of the process, loaded on first use.
//!
//! Loading jieba's dictionary is the most expensive thing a short-lived process does (100–250 ms),
//! so it is shared (`Arc`) by every analyzer and only loaded when a run of Chinese characters
//! actually has to be segmented: an English query never pays for it.

use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

/// A lazily loaded, shared jieba.
#[derive(Clone, Default)]
pub struct Segmenter {
    jieba: Arc<OnceLock<Jieba>>,
}

impl Segmenter {
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// True once the dictionary has been loaded (for tests and diagnostics).
    pub fn is_loaded(&self) -> bool {
        self.jieba.get().is_some()
    }

    /// Cuts a run of Han characters into words, HMM on, calling `sink(start, end)` with byte
    /// offsets into `run`.
    pub fn cut(&self, run: &str, mut sink: impl FnMut(usize, usize)) {
        let jieba = self.jieba.get_or_init(Jieba::new);
        for token in jieba.cut(run, true) {
            sink(token.byte_start, token.byte_end);
        }
    }
}
