//! The jieba segmenter of the process: the full dictionary when there is a lot of Chinese to
//! cut, a partial one (only the words of the texts at hand) when there is little.
//!
//! Loading jieba's whole dictionary is the most expensive thing a short-lived process does
//! (≈ 100 ms, 100–250 ms on slow machines), and a query has a few Chinese words to cut. So
//! nothing is loaded until Han characters have to be cut; then the words they contain are
//! looked up in the embedded dictionary map and cut with a small `Jieba` that gives the same
//! tokens as the full one (see `dictionary`). Once more text has gone through the partial
//! dictionary than the full one costs to load (a large `index` run), the full dictionary is
//! loaded and used from then on: the tokens do not change, only the cost.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use jieba_rs::Jieba;

use super::dictionary::{Dictionary, PartialJieba, UserWords};

/// Bytes of Han text cut with the partial dictionary before the full one is loaded: around
/// this much text, looking words up costs as much as loading the whole dictionary once.
const PARTIAL_LIMIT: usize = 512 * 1024;

/// A lazily loaded, shared jieba (cheap to clone).
#[derive(Clone, Default)]
pub struct Segmenter {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The user dictionary's entries as read; their frequencies are resolved on first use.
    user_entries: Vec<(String, Option<u64>)>,
    user: OnceLock<Arc<UserWords>>,
    full: OnceLock<Jieba>,
    partial: Mutex<Option<PartialJieba>>,
    /// Bytes cut with the partial dictionary so far.
    partial_bytes: AtomicUsize,
}

impl Segmenter {
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// A segmenter with a user dictionary (entries as read from jieba's format).
    pub fn with_user_dictionary(entries: Vec<(String, Option<u64>)>) -> Segmenter {
        Segmenter {
            inner: Arc::new(Inner {
                user_entries: entries,
                ..Inner::default()
            }),
        }
    }

    fn user(&self) -> Arc<UserWords> {
        self.inner
            .user
            .get_or_init(|| Arc::new(UserWords::resolve(&self.inner.user_entries)))
            .clone()
    }

    /// True once the full dictionary has been loaded (for tests and diagnostics).
    pub fn is_loaded(&self) -> bool {
        self.inner.full.get().is_some()
    }

    /// Loads the full dictionary now, e.g. on another thread before a large build, so that
    /// the first clause does not wait for it.
    pub fn load_full(&self) {
        self.full();
    }

    fn full(&self) -> &Jieba {
        self.inner
            .full
            .get_or_init(|| Dictionary::embedded().full_jieba_with(&self.user()))
    }

    /// Cuts a run of Han characters into words, HMM on, calling `sink(start, end)` with byte
    /// offsets into `run`.
    pub fn cut(&self, run: &str, mut sink: impl FnMut(usize, usize)) {
        let inner = &self.inner;
        let full = match inner.full.get() {
            Some(full) => Some(full),
            None if inner.partial_bytes.fetch_add(run.len(), Ordering::Relaxed) + run.len()
                > PARTIAL_LIMIT =>
            {
                Some(self.full())
            }
            None => None,
        };
        if let Some(jieba) = full {
            for token in jieba.cut(run, true) {
                sink(token.byte_start, token.byte_end);
            }
            return;
        }
        // A panic while the partial dictionary was growing may have left it inconsistent
        // (words added, total not yet corrected): start a fresh one rather than trust it.
        let mut guard = match inner.partial.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                *guard = None;
                guard
            }
        };
        let partial =
            guard.get_or_insert_with(|| Dictionary::embedded().partial_jieba_with(self.user()));
        for token in partial.prepare(run).cut(run, true) {
            sink(token.byte_start, token.byte_end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(segmenter: &Segmenter, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        segmenter.cut(text, |a, b| out.push(text[a..b].to_string()));
        out
    }

    #[test]
    fn short_text_is_cut_without_loading_the_full_dictionary() {
        let segmenter = Segmenter::new();
        assert_eq!(words(&segmenter, "人民共和国"), ["人民共和国"]);
        assert_eq!(words(&segmenter, "白方重申"), ["白方", "重申"]);
        assert!(!segmenter.is_loaded());
    }

    #[test]
    fn long_text_switches_to_the_full_dictionary_with_the_same_words() {
        let text = "双方将加强在国防、司法、执法和安全领域的合作".replace('、', "");
        let partial = words(&Segmenter::new(), &text);
        let segmenter = Segmenter::new();
        let long = text.repeat(PARTIAL_LIMIT / text.len() + 1);
        segmenter.cut(&long, |_, _| {});
        assert!(segmenter.is_loaded());
        assert_eq!(words(&segmenter, &text), partial);
    }
}
