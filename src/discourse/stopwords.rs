//! Stop words of `collocates` and `keywords`: the built-in short lists of Chinese and English
//! function words, or a list from a file, each word analyzed as the index analyzes text (a
//! Chinese word cut by jieba and folded, an English word stemmed), so that a list matches
//! the terms it is compared with. Also which terms are numbers, left out of both analyses.

use std::collections::HashSet;

use super::forward::Layer;
use crate::analyze::Analyzers;
use crate::script::is_han;

/// Chinese function words: particles, conjunctions, prepositions, pronouns and copulas that
/// stand next to any content word of a diplomatic text.
pub const CHINESE: &[&str] = &[
    "的", "了", "和", "与", "及", "以及", "在", "是", "对", "为", "将", "把", "被", "从", "向",
    "于", "以", "等", "并", "或", "而", "也", "都", "就", "之", "其", "此", "该", "这", "那", "各",
    "中", "上", "下", "同", "由", "给", "又", "还", "所", "着", "过", "地", "得", "则", "且", "即",
    "不", "有", "我们", "他们", "一", "个",
];

/// English function words: articles, prepositions, conjunctions, pronouns, auxiliaries.
pub const ENGLISH: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "that", "this", "these", "those", "which", "who", "whom", "it", "its", "is", "are", "was",
    "were", "be", "been", "being", "has", "have", "had", "will", "shall", "would", "should", "can",
    "could", "may", "might", "not", "no", "their", "they", "them", "we", "our", "us", "he", "she",
    "his", "her", "other", "each", "such", "into", "upon", "between", "within", "also", "all",
    "any", "both", "than", "so", "if", "but", "there", "do", "does", "did", "s",
];

/// Terms to leave out, per layer.
#[derive(Debug, Default, Clone)]
pub struct StopWords {
    terms: HashSet<(Layer, String)>,
}

impl StopWords {
    /// No stop words.
    pub fn none() -> StopWords {
        StopWords::default()
    }

    /// The built-in lists.
    pub fn builtin(analyzers: &Analyzers) -> StopWords {
        StopWords::from_words(analyzers, CHINESE.iter().chain(ENGLISH).copied())
    }

    /// A list of words, one per line of `text` (blank lines and lines starting with `#`
    /// skipped). A line with Chinese characters is cut by jieba; any other line is analyzed
    /// for both layers (English documents stem it, Chinese documents keep Latin words whole).
    /// Every term of a line is a stop word.
    pub fn from_text(analyzers: &Analyzers, text: &str) -> StopWords {
        StopWords::from_words(
            analyzers,
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#')),
        )
    }

    fn from_words<'a>(analyzers: &Analyzers, words: impl Iterator<Item = &'a str>) -> StopWords {
        let mut zh = analyzers.zh();
        let mut en = analyzers.en();
        let mut terms = HashSet::new();
        for word in words {
            for (term, _, _) in Analyzers::terms(&mut zh, word) {
                terms.insert((Layer::Zh, term));
            }
            if !word.chars().any(is_han) {
                for (term, _, _) in Analyzers::terms(&mut en, word) {
                    terms.insert((Layer::En, term));
                }
            }
        }
        StopWords { terms }
    }

    pub fn contains(&self, layer: Layer, term: &str) -> bool {
        self.terms.contains(&(layer, term.to_string()))
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A number: digits (`2018`, `1.5`), or Chinese numerals only (`三`, `十五`, `二〇一八`: the
/// numbers of articles, `一、`, are part of a Chinese clause's text). Years, article numbers
/// and amounts fill the windows and the periods of a treaty corpus and say nothing about a
/// word's company, so both analyses leave them out. `2018年` and `第一` are words, not numbers.
pub fn is_number(term: &str) -> bool {
    const NUMERALS: &str = "〇零一二三四五六七八九十百千万亿";
    let digits = term
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/'))
        && term.chars().any(|c| c.is_ascii_digit());
    let numerals = !term.is_empty() && term.chars().all(|c| NUMERALS.contains(c));
    digits || numerals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_analyzed_as_the_index_is() {
        let analyzers = Analyzers::new();
        let stop = StopWords::from_text(&analyzers, "# comment\n\nThe\nparties\n的\n");
        assert!(stop.contains(Layer::En, "the"));
        assert!(stop.contains(Layer::En, "parti"), "stemmed: {stop:?}");
        assert!(
            stop.contains(Layer::Zh, "parties"),
            "Latin words of Chinese text whole"
        );
        assert!(stop.contains(Layer::Zh, "的"));
        assert!(!stop.contains(Layer::En, "的"));
        let builtin = StopWords::builtin(&analyzers);
        assert!(builtin.contains(Layer::Zh, "和") && builtin.contains(Layer::En, "of"));
    }

    #[test]
    fn numbers_are_digits() {
        assert!(is_number("2018") && is_number("1.5") && is_number("2018-07"));
        assert!(is_number("三") && is_number("二〇一八") && is_number("十五"));
        assert!(!is_number("2018年") && !is_number("g20") && !is_number("-") && !is_number(""));
        assert!(!is_number("第一") && !is_number("两国"));
    }
}
