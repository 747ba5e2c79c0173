//! Highlight spans: where in a clause the query matched, as byte spans of the original text.
//!
//! The clause is analyzed again with its document's analyzer and the query's term sequences
//! are looked for, longest first, so that `Belt and Road` is one span where the phrase occurs
//! and `and` alone is not lit up all over the clause. Spans come from token offsets, so they
//! always fall on character boundaries.

use tantivy::tokenizer::TextAnalyzer;

use crate::analyze::Analyzers;
use crate::model::merge_spans;

/// Words not worth highlighting on their own (they still count inside a phrase).
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
    "or", "that", "the", "to", "was", "were", "will", "with", "的", "和", "与", "在", "了", "是",
];

/// The spans of `text` that match `sequences` (term sequences, longest first), merged where
/// they touch or are separated only by spaces.
pub fn spans(
    analyzer: &mut TextAnalyzer,
    text: &str,
    sequences: &[Vec<String>],
) -> Vec<[usize; 2]> {
    merge_spans(text, raw_spans(analyzer, text, sequences))
}

/// The spans of several analyses of the same text (Chinese words and character bigrams),
/// merged.
pub fn spans_of_all(
    text: &str,
    analyses: &mut [(TextAnalyzer, &[Vec<String>])],
) -> Vec<[usize; 2]> {
    let mut raw = Vec::new();
    for (analyzer, sequences) in analyses.iter_mut() {
        raw.extend(raw_spans(analyzer, text, sequences));
    }
    merge_spans(text, raw)
}

fn raw_spans(
    analyzer: &mut TextAnalyzer,
    text: &str,
    sequences: &[Vec<String>],
) -> Vec<[usize; 2]> {
    let tokens = Analyzers::terms(analyzer, text);
    let mut covered = vec![false; tokens.len()];
    let mut raw: Vec<[usize; 2]> = Vec::new();
    for seq in sequences {
        if seq.is_empty() || seq.len() > tokens.len() {
            continue;
        }
        if seq.len() == 1 && sequences.len() > 1 && STOPWORDS.contains(&seq[0].as_str()) {
            continue;
        }
        let mut i = 0;
        while i + seq.len() <= tokens.len() {
            let window = &tokens[i..i + seq.len()];
            let matches = window.iter().zip(seq).all(|(t, s)| &t.0 == s);
            if matches && !covered[i..i + seq.len()].iter().any(|&c| c) {
                covered[i..i + seq.len()].fill(true);
                raw.push([window[0].1, window[seq.len() - 1].2]);
                i += seq.len();
            } else {
                i += 1;
            }
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str, seqs: &[&[&str]], zh: bool) -> Vec<String> {
        let a = Analyzers::new();
        let mut analyzer = if zh { a.zh() } else { a.en() };
        let seqs: Vec<Vec<String>> = seqs
            .iter()
            .map(|s| s.iter().map(|t| t.to_string()).collect())
            .collect();
        spans(&mut analyzer, text, &seqs)
            .into_iter()
            .map(|[s, e]| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn phrase_is_one_span_and_stopwords_alone_are_not_lit() {
        let text = "building the \"the Belt and Road\", trade and investment; Road works";
        let got = lit(
            text,
            &[&["belt", "and", "road"], &["belt"], &["and"], &["road"]],
            false,
        );
        assert_eq!(got, ["Belt and Road", "Road"]);
    }

    #[test]
    fn chinese_words_are_lit_exactly() {
        let text = "白方重申坚定奉行一个中国政策，中国";
        let got = lit(text, &[&["一个", "中国"], &["一个"], &["中国"]], true);
        assert_eq!(got, ["一个中国", "中国"]);
    }

    #[test]
    fn stems_match_inflections() {
        let got = lit("Cooperation and cooperating.", &[&["cooper"]], false);
        assert_eq!(got.len(), 2, "{got:?}");
    }
}
