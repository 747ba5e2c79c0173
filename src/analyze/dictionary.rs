//! jieba's dictionary as a compact lookup compiled into the binary (an `fst` map, word →
//! frequency, built by `build.rs` from `data/jieba/dict.txt`), and the two ways of turning it
//! into a `Jieba` that cut alike: the full dictionary, or only the words a text can use.
//!
//! Why the partial dictionary cuts exactly as the full one (jieba-rs 0.11, `Jieba::cut` with
//! HMM): a block of Han characters is cut along the best route of a DAG whose edges are the
//! dictionary words *inside the block*, each weighted `ln(freq) - ln(total)`; characters the
//! route leaves alone are joined by a static HMM, or emitted one by one when a word covers
//! them. So the cut depends only on the words that are substrings of the block, their
//! frequencies and the dictionary's `total` — not on the other 349,000 words. A `Jieba` holding
//! the substrings of the text with their frequencies, plus one filler entry that no text can
//! contain (a private-use character) whose frequency brings `total` to the full dictionary's,
//! computes the same `f64` values in the same order and therefore the same cut. The order in
//! which words are added does not matter: ties between routes are broken by position, not by
//! word id. `tests/integration/jieba.rs` checks the equality on the seeds, on sentences of the
//! corpora and on a fixed list.
//!
//! A user dictionary can join this design as an overlay: resolve its frequencies once against
//! the full dictionary (jieba's `suggest_freq` for entries without one), store word → frequency
//! beside the index, look words up in the overlay before this map, and add to `total` the
//! difference each overlay entry makes.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use fst::raw::{Fst, Output};
use jieba_rs::Jieba;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/jieba_dict.rs"));
}

static FST_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba_dict.fst"));

static EMBEDDED: LazyLock<Dictionary> = LazyLock::new(|| Dictionary {
    // The bytes were written by fst's own builder in build.rs: they cannot be malformed.
    fst: Fst::new(FST_BYTES).expect("the embedded jieba dictionary is a valid fst"),
    total: generated::TOTAL,
    words: generated::WORDS,
});

/// A word that no Han run can contain (a private-use character): it carries the frequency of
/// every word left out of a partial dictionary, so that its `total` is the full one.
const FILLER: &str = "\u{E000}";

/// jieba's dictionary: words, their frequencies and the sum of all frequencies.
pub struct Dictionary {
    fst: Fst<&'static [u8]>,
    total: u64,
    words: usize,
}

impl Dictionary {
    /// The dictionary compiled into the binary (the one jieba-rs 0.11 embeds).
    pub fn embedded() -> &'static Dictionary {
        &EMBEDDED
    }

    /// Sum of the frequencies of all words (jieba's `total`).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words
    }

    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// The frequency of `word`, if it is in the dictionary.
    pub fn get(&self, word: &str) -> Option<u64> {
        self.fst.get(word).map(Output::value)
    }

    /// Calls `found(word, freq)` for every dictionary word that occurs in `text` (at any
    /// character, overlapping), walking the map once from each character: a few steps each,
    /// since most prefixes die after one or two characters.
    pub fn words_in<'t>(&self, text: &'t str, mut found: impl FnMut(&'t str, u64)) {
        let bytes = text.as_bytes();
        for (start, _) in text.char_indices() {
            let mut node = self.fst.root();
            let mut out = Output::zero();
            for (i, &b) in bytes[start..].iter().enumerate() {
                let Some(t) = node.find_input(b) else { break };
                let t = node.transition(t);
                out = out.cat(t.out);
                node = self.fst.node(t.addr);
                if node.is_final() {
                    // Keys are whole UTF-8 strings, so a final state ends on a char boundary.
                    let word = &text[start..start + i + 1];
                    found(word, out.cat(node.final_output()).value());
                }
            }
        }
    }

    /// The full dictionary as a `Jieba`: what indexing a large corpus uses (≈ 100 ms to build).
    pub fn full_jieba(&self) -> Jieba {
        let mut jieba = Jieba::empty();
        let mut stream = self.fst.stream();
        while let Some((word, freq)) = fst::Streamer::next(&mut stream) {
            // The keys were `&str` when the map was built.
            if let Ok(word) = std::str::from_utf8(word) {
                jieba.add_word(word, Some(freq.value() as usize), None);
            }
        }
        jieba
    }

    /// An empty partial dictionary, to which the words of each text are added before it is cut.
    pub fn partial_jieba(&'static self) -> PartialJieba {
        self.partial_jieba_with(Arc::new(UserWords::default()))
    }

    /// The full dictionary with a user dictionary over it.
    pub fn full_jieba_with(&self, user: &UserWords) -> Jieba {
        let mut jieba = self.full_jieba();
        for (word, freq) in &user.words {
            jieba.add_word(word, Some(*freq as usize), None);
        }
        jieba
    }

    /// A partial dictionary with a user dictionary over it: cuts as `full_jieba_with(user)`.
    pub fn partial_jieba_with(&'static self, user: Arc<UserWords>) -> PartialJieba {
        PartialJieba {
            dict: self,
            jieba: Jieba::empty(),
            added: 0,
            user,
            user_added: HashSet::new(),
        }
    }
}

/// A user dictionary (jieba's format: `word [frequency] [tag]` per line), its frequencies
/// resolved once against the embedded dictionary: a word given without a frequency gets what
/// jieba's `suggest_freq` gives it there (just enough to be cut whole). Resolving against the
/// embedded dictionary alone, not against a dictionary that already holds other user words,
/// makes the result independent of the order of the lines and equal for the full and the
/// partial dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserWords {
    pub words: Vec<(String, u64)>,
    /// What the user words change in jieba's `total`.
    total_delta: i64,
}

/// The entries of a user dictionary text; the error names the line.
pub fn parse_user_dictionary(
    text: &str,
    origin: &str,
) -> Result<Vec<(String, Option<u64>)>, String> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            Some(f) if f.bytes().all(|b| b.is_ascii_digit()) => Some(
                f.parse::<u64>()
                    .map_err(|e| format!("{origin}:{}: frequency {f:?}: {e}", n + 1))?,
            ),
            // A tag without a frequency.
            Some(_) | None => None,
        };
        if freq == Some(0) {
            return Err(format!(
                "{origin}:{}: a frequency of 0 removes nothing; leave the word out",
                n + 1
            ));
        }
        entries.push((word.to_string(), freq));
    }
    Ok(entries)
}

impl UserWords {
    /// Resolves the frequencies of `entries` (later lines win over earlier ones).
    pub fn resolve(entries: &[(String, Option<u64>)]) -> UserWords {
        let dict = Dictionary::embedded();
        let mut by_word: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
        for (word, freq) in entries {
            let freq = freq.unwrap_or_else(|| {
                let mut partial = dict.partial_jieba();
                partial.prepare(word).suggest_freq(word) as u64
            });
            by_word.insert(word, freq.max(1));
        }
        let mut total_delta = 0i64;
        let words = by_word
            .into_iter()
            .map(|(w, f)| {
                total_delta += f as i64 - dict.get(w).unwrap_or(0) as i64;
                (w.to_string(), f)
            })
            .collect();
        UserWords { words, total_delta }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A `Jieba` that holds only the dictionary words of the texts it has been asked to cut, and
/// cuts them exactly as the full dictionary would (see the module docs). It grows as texts
/// come; it never shrinks.
pub struct PartialJieba {
    dict: &'static Dictionary,
    jieba: Jieba,
    /// Sum of the frequencies of the real words added so far.
    added: u64,
    user: Arc<UserWords>,
    /// User words already in `jieba` (with their user frequency).
    user_added: HashSet<String>,
}

impl PartialJieba {
    /// Adds the dictionary words that occur in `text` and returns the `Jieba` to cut it with.
    pub fn prepare(&mut self, text: &str) -> &Jieba {
        let mut grew = false;
        // User words first: they take the place of an embedded word of the same spelling.
        for (word, freq) in &self.user.words {
            if !self.user_added.contains(word) && text.contains(word.as_str()) {
                if self.jieba.has_word(word) {
                    self.added -= self.dict.get(word).unwrap_or(0);
                }
                self.jieba.add_word(word, Some(*freq as usize), None);
                self.added += freq;
                self.user_added.insert(word.clone());
                grew = true;
            }
        }
        let (dict, jieba, added) = (self.dict, &mut self.jieba, &mut self.added);
        dict.words_in(text, |word, freq| {
            if !jieba.has_word(word) {
                jieba.add_word(word, Some(freq as usize), None);
                *added += freq;
                grew = true;
            }
        });
        if grew || !self.jieba.has_word(FILLER) {
            // `add_word` on an existing word replaces its frequency and corrects the total.
            let total = (self.dict.total as i64 + self.user.total_delta).max(0) as u64;
            let rest = total.saturating_sub(self.added);
            self.jieba.add_word(FILLER, Some(rest as usize), None);
        }
        &self.jieba
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionary_is_jieba_default() {
        let dict = Dictionary::embedded();
        assert_eq!(dict.len(), 349_045);
        assert_eq!(dict.total(), 60_101_964);
        assert_eq!(dict.get("中国"), Some(129_470));
        assert_eq!(dict.get("一带一路"), None);
    }

    #[test]
    fn words_in_finds_every_substring_word() {
        let dict = Dictionary::embedded();
        let mut found = Vec::new();
        dict.words_in("中华人民共和国", |w, f| found.push((w, f)));
        let words: Vec<&str> = found.iter().map(|p| p.0).collect();
        for w in ["中华", "中华人民共和国", "人民", "共和国", "共和", "国"] {
            assert!(words.contains(&w), "{w} missing from {words:?}");
        }
        for (w, f) in found {
            assert_eq!(dict.get(w), Some(f), "{w}");
        }
    }

    #[test]
    fn user_words_cut_alike_in_the_full_and_the_partial_dictionary() {
        let dict = Dictionary::embedded();
        let entries = parse_user_dictionary(
            "# diplomatic terms\n一带一路\n全面战略伙伴关系 n\n中白工业园 2000 nz\n人民 5\n",
            "test",
        )
        .unwrap();
        let user = UserWords::resolve(&entries);
        let full = dict.full_jieba_with(&user);
        let mut partial = dict.partial_jieba_with(Arc::new(user));
        for text in [
            "双方共同推进一带一路建设和中白工业园发展",
            "建立全面战略伙伴关系",
            "中华人民共和国人民代表大会",
            "一带一路",
        ] {
            let words = |j: &Jieba| -> Vec<String> {
                j.cut(text, true)
                    .iter()
                    .map(|t| t.word.to_string())
                    .collect()
            };
            assert_eq!(words(partial.prepare(text)), words(&full), "{text}");
        }
        let cut: Vec<String> = full
            .cut("推进一带一路建设", true)
            .iter()
            .map(|t| t.word.to_string())
            .collect();
        assert!(cut.contains(&"一带一路".to_string()), "{cut:?}");
    }

    #[test]
    fn user_dictionary_errors_name_the_line() {
        assert!(
            parse_user_dictionary("好\n坏 0\n", "u.txt")
                .unwrap_err()
                .starts_with("u.txt:2:")
        );
        assert_eq!(
            parse_user_dictionary("词 12 n\n", "u").unwrap(),
            [("词".to_string(), Some(12))]
        );
    }

    #[test]
    fn partial_cut_equals_full_cut() {
        let dict = Dictionary::embedded();
        let full = dict.full_jieba();
        let mut partial = dict.partial_jieba();
        for text in [
            "中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明",
            "白方重申坚定奉行一个中国政策",
            "中方邀请切尔诺贝利核事故灾区200名白俄罗斯儿童来华疗养",
        ] {
            let words = |j: &Jieba| -> Vec<String> {
                j.cut(text, true)
                    .iter()
                    .map(|t| t.word.to_string())
                    .collect()
            };
            let expected = words(&full);
            assert_eq!(words(partial.prepare(text)), expected, "{text}");
        }
    }
}
