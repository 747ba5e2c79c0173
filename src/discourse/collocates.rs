//! `collocates`: the words that keep a node company. The node (a word, or a phrase of several
//! tokens in a row) is found in the token sequences of the clauses that contain it
//! ([`super::forward::Forward`]); every token within ±window positions of an occurrence,
//! inside the clause and outside the node itself, is a co-occurrence. Each candidate is then
//! scored against its frequency in the whole selection ([`super::forward::Counts`]) with the
//! measures of [`super::measures`]. Prints nothing.

use std::cmp::Ordering;
use std::collections::HashMap;

use anyhow::{Result, bail};

use super::forward::{Counts, Forward, GAP, Layer, TermId, Vocab};
use super::measures::{Association, Window};
use super::stopwords::{StopWords, is_number};
use crate::analyze::Analyzers;
use crate::model::Lang;
use crate::script::is_han;

/// The node as the index knows it: its layer and its terms in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The word as given, without double quotes.
    pub text: String,
    pub layer: Layer,
    pub terms: Vec<String>,
}

impl Node {
    /// `word` analyzed like a query term: Chinese is cut into jieba words (the `zh` layer);
    /// Latin text is stemmed for English documents (the `en` layer), or kept whole for
    /// Chinese ones when `lang` is Chinese. An empty analysis (punctuation only) and Chinese
    /// asked of English documents are errors.
    pub fn analyze(analyzers: &Analyzers, word: &str, lang: Option<Lang>) -> Result<Node> {
        let text: String = word.chars().filter(|&c| c != '"').collect();
        let word = text.trim();
        let chinese = word.chars().any(is_han);
        let layer = match (chinese, lang) {
            (true, Some(Lang::En)) => bail!(
                "{word:?} is Chinese, and --lang en selects English documents only (leave --lang out, or use --lang zh)"
            ),
            (true, _) | (false, Some(Lang::Zh)) => Layer::Zh,
            (false, _) => Layer::En,
        };
        let mut analyzer = match layer {
            Layer::Zh => analyzers.zh(),
            Layer::En => analyzers.en(),
        };
        let terms: Vec<String> = Analyzers::terms(&mut analyzer, word)
            .into_iter()
            .map(|(t, _, _)| t)
            .collect();
        if terms.is_empty() {
            bail!("{word:?} has no word to look for (punctuation and spaces only)");
        }
        Ok(Node {
            text: word.to_string(),
            layer,
            terms,
        })
    }

    /// The node as a query: a phrase, so that no word of it is read as query syntax
    /// (`OR`, a leading `-`) and its words must stand together.
    pub fn query_text(&self) -> String {
        format!("\"{}\"", self.text)
    }
}

/// What the windows around the node hold.
#[derive(Debug, Default, Clone)]
pub struct WindowCounts {
    /// Occurrences of the node.
    pub node: u64,
    /// Clauses with at least one occurrence.
    pub node_clauses: usize,
    /// Window slots (R1).
    pub slots: u64,
    /// Per term: (left, right) occurrences in the windows.
    pub sides: HashMap<TermId, (u64, u64)>,
}

/// The windows of ±`window` positions around every occurrence of `node` (term ids of the
/// forward's vocabulary) in the clauses of `forward` of `layer`. Occurrences do not overlap:
/// after one, the next is looked for past its end. Positions without a term are not slots.
pub fn window_counts(
    forward: &Forward,
    layer: Layer,
    node: &[TermId],
    window: usize,
) -> WindowCounts {
    let mut counts = WindowCounts::default();
    if node.is_empty() {
        return counts;
    }
    for clause in forward.clauses().filter(|c| c.layer == layer) {
        let tokens = clause.tokens;
        let mut found = false;
        let mut i = 0;
        while i + node.len() <= tokens.len() {
            if &tokens[i..i + node.len()] != node {
                i += 1;
                continue;
            }
            found = true;
            counts.node += 1;
            let end = i + node.len();
            let left = i.saturating_sub(window)..i;
            let right = end..(end + window).min(tokens.len());
            for (range, is_left) in [(left, true), (right, false)] {
                for &t in &tokens[range] {
                    if t == GAP {
                        continue;
                    }
                    counts.slots += 1;
                    let side = counts.sides.entry(t).or_default();
                    if is_left {
                        side.0 += 1;
                    } else {
                        side.1 += 1;
                    }
                }
            }
            i = end;
        }
        if found {
            counts.node_clauses += 1;
        }
    }
    counts
}

/// The Chinese words of the selection that hold the node inside them (单边制裁 for 制裁),
/// most frequent first: jieba keeps such a word whole, so the node's own occurrences do not
/// include them, and an analyst wants to know what was not counted. Empty for English and
/// for phrases.
pub fn compounds(node: &Node, vocab: &Vocab, selection: &Counts) -> Vec<(TermId, u64)> {
    if node.layer != Layer::Zh || node.terms.len() != 1 {
        return Vec::new();
    }
    let inner = node.terms[0].as_str();
    let mut out: Vec<(TermId, u64)> = (0..vocab.len() as TermId)
        .filter(|&id| vocab.layer(id) == Layer::Zh)
        .filter(|&id| {
            let term = vocab.term(id);
            term != inner && term.contains(inner)
        })
        .map(|id| (id, selection.of(id)))
        .filter(|&(_, n)| n > 0)
        .collect();
    out.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| vocab.term(a.0).cmp(vocab.term(b.0)))
    });
    out
}

/// The measure collocates are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    LogDice,
    Mi,
    LogLikelihood,
    TScore,
    Freq,
}

/// One collocate with its counts and scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    pub term: TermId,
    /// Occurrences in the windows (O11) and on each side.
    pub window: u64,
    pub left: u64,
    pub right: u64,
    /// Occurrences in the selection (C1).
    pub selection: u64,
    pub scores: Association,
}

/// Which collocates to keep and how to order them.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub min_freq: u64,
    pub stop: &'a StopWords,
    pub by: Rank,
}

/// The collocates of the windows, scored against `selection` (counted with the vocabulary of
/// `vocab`, which must be the forward's) with `tokens` the tokens of the node's layer: those
/// seen at least `min_freq` times in the windows, neither stop words nor numbers, best first.
/// Ties go to the higher window frequency, then to the term in code-point order.
pub fn rank(
    counts: &WindowCounts,
    vocab: &Vocab,
    selection: &Counts,
    tokens: u64,
    options: &Options<'_>,
) -> Vec<Collocate> {
    let mut out: Vec<Collocate> = counts
        .sides
        .iter()
        .filter_map(|(&term, &(left, right))| {
            let o11 = left + right;
            let word = vocab.term(term);
            if o11 < options.min_freq.max(1)
                || is_number(word)
                || options.stop.contains(vocab.layer(term), word)
            {
                return None;
            }
            // A term of the windows is in the selection; max() guards a count that missed it.
            let c1 = selection.of(term).max(o11);
            let scores = Window {
                o11,
                r1: counts.slots,
                c1,
                n: tokens.max(c1),
                node: counts.node,
            }
            .association();
            Some(Collocate {
                term,
                window: o11,
                left,
                right,
                selection: c1,
                scores,
            })
        })
        .collect();
    let key = |c: &Collocate| match options.by {
        Rank::LogDice => c.scores.log_dice,
        Rank::Mi => c.scores.mi,
        Rank::LogLikelihood => c.scores.log_likelihood,
        Rank::TScore => c.scores.t_score,
        Rank::Freq => c.window as f64,
    };
    out.sort_by(|a, b| {
        key(b)
            .total_cmp(&key(a))
            .then(b.window.cmp(&a.window))
            .then_with(|| vocab.term(a.term).cmp(vocab.term(b.term)))
            .then(Ordering::Equal)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::DocAddress;

    fn fixture() -> (Forward, Vec<TermId>) {
        let mut vocab = Vocab::default();
        let words = ["a", "b", "node", "c", "d", "2018", "the"];
        let ids: Vec<TermId> = words.iter().map(|w| vocab.insert(Layer::En, w)).collect();
        let [a, b, node, c, d, year, the] = ids[..] else {
            unreachable!()
        };
        let clauses = vec![
            // a b node c d : window 1 → b | c
            (DocAddress::new(0, 0), Layer::En, vec![a, b, node, c, d]),
            // node at the start, a GAP on its right then a
            (DocAddress::new(0, 1), Layer::En, vec![node, GAP, a, year]),
            // two occurrences side by side: each is the other's neighbour
            (DocAddress::new(0, 2), Layer::En, vec![the, node, node, c]),
            // no node
            (DocAddress::new(0, 3), Layer::En, vec![a, a, a]),
        ];
        (Forward::from_parts(vocab, clauses), vec![node])
    }

    #[test]
    fn windows_are_clipped_at_clause_edges_and_skip_gaps() {
        let (forward, node) = fixture();
        let w = window_counts(&forward, Layer::En, &node, 1);
        assert_eq!(w.node, 4);
        assert_eq!(w.node_clauses, 3);
        // clause 0: b, c (2); clause 1: GAP only (0); clause 2: the+node, node+c (4)
        assert_eq!(w.slots, 6);
        let id = |t: &str| forward.vocab.id(Layer::En, t).unwrap();
        assert_eq!(w.sides[&id("b")], (1, 0));
        assert_eq!(w.sides[&id("c")], (0, 2));
        assert_eq!(w.sides[&id("node")], (1, 1));
        assert!(!w.sides.contains_key(&id("a")));
        let w2 = window_counts(&forward, Layer::En, &node, 2);
        assert_eq!(w2.sides[&id("a")], (1, 1));
    }

    #[test]
    fn a_phrase_is_one_occurrence_and_its_window_surrounds_it() {
        let (forward, _) = fixture();
        let id = |t: &str| forward.vocab.id(Layer::En, t).unwrap();
        let w = window_counts(&forward, Layer::En, &[id("b"), id("node")], 1);
        assert_eq!(w.node, 1);
        assert_eq!(w.slots, 2);
        assert_eq!(w.sides[&id("a")], (1, 0));
        assert_eq!(w.sides[&id("c")], (0, 1));
    }

    #[test]
    fn ranking_filters_numbers_stop_words_and_rare_words() {
        let (forward, node) = fixture();
        let w = window_counts(&forward, Layer::En, &node, 3);
        let selection = Counts {
            occurrences: vec![5, 1, 4, 2, 1, 1, 1],
            clauses: vec![2, 1, 3, 2, 1, 1, 1],
            tokens: [0, 15],
            clause_count: 4,
        };
        let mut stop = StopWords::none();
        let options = Options {
            min_freq: 1,
            stop: &stop,
            by: Rank::Freq,
        };
        let ranked = rank(&w, &forward.vocab, &selection, 15, &options);
        let words: Vec<&str> = ranked.iter().map(|c| forward.vocab.term(c.term)).collect();
        assert!(!words.contains(&"2018"));
        assert!(words.contains(&"the"));
        // by frequency, ties in code-point order
        let freqs: Vec<u64> = ranked.iter().map(|c| c.window).collect();
        assert!(freqs.windows(2).all(|p| p[0] >= p[1]), "{freqs:?}");
        stop = StopWords::from_text(&Analyzers::new(), "the");
        let options = Options {
            min_freq: 2,
            stop: &stop,
            by: Rank::LogDice,
        };
        let ranked = rank(&w, &forward.vocab, &selection, 15, &options);
        assert!(ranked.iter().all(|c| c.window >= 2));
        assert!(ranked.iter().all(|c| forward.vocab.term(c.term) != "the"));
    }

    #[test]
    fn nodes_are_analyzed_like_query_terms() {
        let analyzers = Analyzers::new();
        let n = Node::analyze(&analyzers, "Sanctions", None).unwrap();
        assert_eq!(n.layer, Layer::En);
        assert_eq!(n.terms, vec!["sanction"]);
        let n = Node::analyze(&analyzers, "Sanctions", Some(Lang::Zh)).unwrap();
        assert_eq!(
            (n.layer, n.terms),
            (Layer::Zh, vec!["sanctions".to_string()])
        );
        let n = Node::analyze(&analyzers, "internal affairs", None).unwrap();
        assert_eq!(n.terms.len(), 2);
        assert_eq!(n.query_text(), "\"internal affairs\"");
        assert!(Node::analyze(&analyzers, "制裁", Some(Lang::En)).is_err());
        assert!(Node::analyze(&analyzers, "…!", None).is_err());
    }
}
