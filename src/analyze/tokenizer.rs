//! The tokenizer behind both analyzers: normalizes, then splits the text into runs of one
//! script. Runs of Han characters are cut by jieba (Chinese analyzer) or into single
//! characters (English analyzer, so that a stray Chinese name in an English text is still
//! findable without loading jieba); runs of letters and digits are words; everything else
//! (punctuation, quotes, whitespace) is dropped.
//!
//! Positions are sequential over the kept tokens so that phrase queries work; offsets are bytes
//! of the original text (see `normalize`).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use super::normalize::Normalized;
use super::segmenter::Segmenter;
use super::stages::{self, Stage};
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
    /// The text whose tokens `tokens[..n]` are, for jieba words (see [`ScriptTokenizer::memo`]).
    memo: Option<(String, usize)>,
}

impl Clone for ScriptTokenizer {
    fn clone(&self) -> Self {
        ScriptTokenizer {
            han: self.han.clone(),
            tokens: Vec::new(),
            meter: self.meter.clone(),
            memo: None,
        }
    }
}

thread_local! {
    /// The last two texts normalized on this thread: a Chinese clause is analyzed twice in a
    /// row (words, then bigrams), and the heading a clause stands under is the previous
    /// clause's heading most of the time.
    static RECENT: RefCell<[(String, Option<Rc<Normalized>>); 2]> = RefCell::default();
}

/// The normalized view of `text`, from the last two of this thread when one of them is it.
fn normalized(text: &str) -> Rc<Normalized> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if let Some(hit) = recent
            .iter()
            .find(|r| r.0 == text)
            .and_then(|r| r.1.clone())
        {
            return hit;
        }
        let made = Rc::new(Normalized::new(text));
        recent.swap(0, 1);
        let slot = &mut recent[0];
        slot.0.clear();
        slot.0.push_str(text);
        slot.1 = Some(made.clone());
        made
    })
}

impl ScriptTokenizer {
    pub fn new(han: HanMode) -> ScriptTokenizer {
        ScriptTokenizer {
            han,
            tokens: Vec::new(),
            meter: None,
            memo: None,
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

    /// The number of tokens of `text` when `self.tokens` holds them already: the heading of a
    /// clause is indexed with every clause under it, and jieba need not cut it again each time.
    /// Only for jieba words, whose analyzer has no filter that rewrites the tokens it is given.
    fn memo(&self, text: &str) -> Option<usize> {
        match &self.memo {
            Some((last, n)) if last == text => Some(*n),
            _ => None,
        }
    }

    /// Remembers that `self.tokens[..n]` are the tokens of `text` (jieba words only).
    fn remember(&mut self, text: &str, n: usize) {
        if matches!(self.han, HanMode::Jieba(_)) {
            let (last, count) = self.memo.get_or_insert_with(Default::default);
            last.clear();
            last.push_str(text);
            *count = n;
        }
    }

    /// Tokenizes `text` into `self.tokens[..n]` and returns `n`.
    fn fill(&mut self, text: &str) -> usize {
        let mut timer = stages::start();
        let normalized = normalized(text);
        timer.lap(Stage::Normalize);
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
        timer.stop(match self.han {
            HanMode::Jieba(_) => Stage::Jieba,
            HanMode::Bigram => Stage::Bigram,
            HanMode::Unigram => Stage::English,
        });
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
        let n = match self.memo(text) {
            Some(n) => n,
            None => {
                let n = self.fill(text);
                self.remember(text, n);
                n
            }
        };
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

    /// Every token of `text` through the indexing path (`token_stream`), with its offsets.
    fn streamed(tokenizer: &mut ScriptTokenizer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn texts_seen_just_before_give_the_tokens_a_fresh_tokenizer_gives() {
        let segmenter = Segmenter::new();
        let heading = "第二章　國際合作";
        let body = "双方同意加强ＡＰＥＣ框架内的合作。";
        let fresh = |mode: HanMode, text: &str| streamed(&mut ScriptTokenizer::new(mode), text);
        let mut words = ScriptTokenizer::new(HanMode::Jieba(segmenter.clone()));
        let mut bigrams = ScriptTokenizer::new(HanMode::Bigram);
        // As the indexer goes: each clause's body in words then bigrams, then its heading,
        // the same heading for several clauses in a row, then another text.
        for text in [body, body, heading, heading, "其他", heading] {
            let expected = fresh(HanMode::Jieba(segmenter.clone()), text);
            assert_eq!(streamed(&mut words, text), expected, "{text}");
            let expected = fresh(HanMode::Bigram, text);
            assert_eq!(streamed(&mut bigrams, text), expected, "{text}");
        }
        assert_eq!(streamed(&mut words, heading)[1].0, "国际");
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
