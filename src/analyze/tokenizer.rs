//! The tokenizer behind both analyzers: normalizes, then splits the text into runs of one
//! script. Runs of Han characters are cut by jieba (Chinese analyzer) or into single
//! characters (English analyzer, so that a stray Chinese name in an English text is still
//! findable without loading jieba); runs of letters and digits are words; everything else
//! (punctuation, quotes, whitespace) is dropped.
//!
//! Positions are sequential over the kept tokens so that phrase queries work; offsets are bytes
//! of the original text (see `normalize`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use super::normalize::Normalized;
use super::segmenter::Segmenter;
use crate::script::is_han;

/// How runs of Han characters are split.
#[derive(Clone)]
pub enum HanMode {
    /// Words, by jieba.
    Jieba(Segmenter),
    /// One token per character.
    Unigram,
    /// Overlapping pairs of characters (a run of one character is one token): finds words
    /// inside compounds that jieba keeps whole (人民共和国 inside 中华人民共和国), the way
    /// Lucene's CJK analyzer does.
    Bigram,
}

/// Normalizing, script-aware tokenizer (see the module docs).
pub struct ScriptTokenizer {
    han: HanMode,
    /// The tokens of the last text. Indexing tokenizes every clause with the same tokenizer,
    /// so the tokens (and their strings) are reused rather than allocated for each one.
    tokens: Vec<Token>,
    /// Counts the bytes tokenized, if set.
    meter: Option<Arc<AtomicU64>>,
}

impl Clone for ScriptTokenizer {
    fn clone(&self) -> Self {
        ScriptTokenizer {
            han: self.han.clone(),
            tokens: Vec::new(),
            meter: self.meter.clone(),
        }
    }
}

impl ScriptTokenizer {
    pub fn new(han: HanMode) -> ScriptTokenizer {
        ScriptTokenizer {
            han,
            tokens: Vec::new(),
            meter: None,
        }
    }

    /// A tokenizer that adds the length of every text it tokenizes to `meter`: indexing
    /// happens on tantivy's threads, and this is how the writer side learns how far it got.
    pub fn metered(han: HanMode, meter: Arc<AtomicU64>) -> ScriptTokenizer {
        ScriptTokenizer {
            meter: Some(meter),
            ..ScriptTokenizer::new(han)
        }
    }

    /// Every token of `text`, in order.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokenizer = self.clone();
        let n = tokenizer.fill(text);
        tokenizer.tokens.truncate(n);
        tokenizer.tokens
    }

    /// Tokenizes `text` into `self.tokens[..n]` and returns `n`.
    fn fill(&mut self, text: &str) -> usize {
        let normalized = Normalized::new(text);
        let norm = normalized.text.as_str();
        let tokens = &mut self.tokens;
        let mut n = 0;
        let mut push = |from: usize, to: usize| {
            let (offset_from, offset_to) = normalized.original_span(from, to);
            if n == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[n];
            token.offset_from = offset_from;
            token.offset_to = offset_to;
            token.position = n;
            token.position_length = 1;
            token.text.clear();
            token.text.push_str(&norm[from..to]);
            n += 1;
        };
        let mut chars = norm.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let class = CharClass::of(c);
            if class == CharClass::Other {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if CharClass::of(next) != class {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            match (class, &self.han) {
                (CharClass::Han, HanMode::Jieba(segmenter)) => {
                    segmenter.cut(&norm[start..end], |a, b| push(start + a, start + b));
                }
                (CharClass::Han, HanMode::Unigram) => {
                    for (i, h) in norm[start..end].char_indices() {
                        push(start + i, start + i + h.len_utf8());
                    }
                }
                (CharClass::Han, HanMode::Bigram) => {
                    let bounds: Vec<usize> = norm[start..end]
                        .char_indices()
                        .map(|(i, _)| start + i)
                        .chain([end])
                        .collect();
                    if bounds.len() == 2 {
                        push(bounds[0], bounds[1]);
                    }
                    for w in bounds.windows(3) {
                        push(w[0], w[2]);
                    }
                }
                _ => push(start, end),
            }
        }
        n
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Han,
    Word,
    Other,
}

impl CharClass {
    #[inline]
    fn of(c: char) -> CharClass {
        if c.is_ascii() {
            // The common case first: `char::is_alphanumeric` looks up tables for non-ASCII.
            if c.is_ascii_alphanumeric() {
                CharClass::Word
            } else {
                CharClass::Other
            }
        } else if is_han(c) {
            CharClass::Han
        } else if c.is_alphanumeric() {
            CharClass::Word
        } else {
            CharClass::Other
        }
    }
}

impl Tokenizer for ScriptTokenizer {
    type TokenStream<'a> = ScriptTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ScriptTokenStream<'a> {
        let n = self.fill(text);
        if let Some(meter) = &self.meter {
            meter.fetch_add(
                text.len() as u64 + super::WEIGHT_PER_TEXT,
                Ordering::Relaxed,
            );
        }
        ScriptTokenStream {
            tokens: &mut self.tokens[..n],
            next: 0,
        }
    }
}

/// A token stream over the tokens computed up front.
pub struct ScriptTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for ScriptTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(mode: HanMode, text: &str) -> Vec<String> {
        ScriptTokenizer::new(mode)
            .tokens(text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn chinese_is_cut_into_words_without_punctuation() {
        let words = texts(
            HanMode::Jieba(Segmenter::new()),
            "白方重申坚定奉行一个中国政策，反对任何形式的“台独”。",
        );
        assert!(words.contains(&"一个".to_string()), "{words:?}");
        assert!(words.contains(&"中国".to_string()), "{words:?}");
        assert!(words.iter().all(|w| !w.contains('，') && !w.contains('“')));
    }

    #[test]
    fn offsets_and_positions_are_exact() {
        let text = "“一带一路”倡议 APEC";
        let tokens = ScriptTokenizer::new(HanMode::Jieba(Segmenter::new())).tokens(text);
        for (i, t) in tokens.iter().enumerate() {
            assert_eq!(t.position, i);
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
        }
        let last = tokens.last().unwrap();
        assert_eq!(last.text, "apec");
        assert_eq!(&text[last.offset_from..last.offset_to], "APEC");
    }

    #[test]
    fn unigram_mode_never_loads_jieba() {
        let segmenter = Segmenter::new();
        let words = texts(HanMode::Unigram, "Minsk 明斯克");
        assert_eq!(words, ["minsk", "明", "斯", "克"]);
        assert!(!segmenter.is_loaded());
    }

    #[test]
    fn ascii_text_does_not_load_jieba() {
        let segmenter = Segmenter::new();
        let words = texts(HanMode::Jieba(segmenter.clone()), "Belt and Road, 2023!");
        assert_eq!(words, ["belt", "and", "road", "2023"]);
        assert!(!segmenter.is_loaded());
    }
}
