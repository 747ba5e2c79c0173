//! Recall before precision: when the words of a query all together find fewer than
//! [`MIN_HITS`] clauses, the query is searched again with fewer words required, as Typesense
//! and Meilisearch do, and the answer says so ([`Relaxed`]).
//!
//! Which words may go: the words and quoted phrases of the query's top level (a phrase is one
//! word). Exclusions stay excluded and a group with an explicit `OR` stays required, as written;
//! a query that is an `OR` at its top is not relaxed (it already asks for either side). A query
//! of one run of Chinese that jieba cuts into several words (`单边制裁美国`, typed without
//! spaces) counts as those words.
//!
//! First, when the glossary is at hand, each word also accepts its near-forms, the other forms
//! of its glossary concept in the same language (单边 → 单方面: both render `unilateral`), what
//! the stemmer does not join; then words are dropped. The order: a word that matches no clause at all goes first (it can only ever empty the
//! answer), then the least informative word, the one that the most clauses contain, one at a
//! time, until [`MIN_HITS`] clauses are found or one word is left. The ranking is in tiers:
//! the clauses with every word first, then those that the query without the first dropped word
//! finds, and so on; inside a tier by score, where a word dropped earlier still adds to it.
//! Prints nothing; the tiers are ranked by [`super::collapse`].

use std::path::PathBuf;

use anyhow::{Context, Result};
use tantivy::Searcher;
use tantivy::collector::Count;
use tantivy::query::Query as TantivyQuery;
use tantivy::query::{BooleanQuery, Occur};

use super::collapse::Tier;
use super::syntax::Node;
use crate::analyze::Analyzers;

/// Fewer clauses than this with every word, and the query is relaxed.
pub const MIN_HITS: usize = 3;

/// Where the near-forms of a relaxed query's words come from: the glossary as
/// [`crate::glossary::load`] reads it (built in, the corpus's own, `--glossary`), read only
/// when a query is relaxed.
#[derive(Debug, Clone)]
pub struct GlossarySource {
    pub corpus: PathBuf,
    pub extra: Option<PathBuf>,
}

/// How a query was relaxed: `None` in [`super::Results`] when it ran as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relaxed {
    /// The words that could be dropped, as written (a phrase in quotes), in query order.
    pub words: Vec<String>,
    /// The words that also accepted other forms, each with those forms, in query order.
    pub near_forms: Vec<(String, Vec<String>)>,
    /// The words still required by the loosest tier shown, in query order.
    pub required: Vec<String>,
    /// The words dropped, in the order they were dropped.
    pub dropped: Vec<String>,
    /// Clauses with every word (they rank first).
    pub all_count: usize,
}

/// The tiers to rank, in order, and how the query was relaxed.
pub(crate) struct Plan {
    pub tiers: Vec<Tier>,
    pub relaxed: Option<Relaxed>,
    /// With near-forms: the query with them, whose words the hits highlight.
    pub highlight: Option<Node>,
}

/// A word of the query that may be dropped, with its query and how many clauses have it.
struct Word {
    node: Node,
    label: String,
    query: Box<dyn TantivyQuery>,
    clauses: usize,
}

/// What the search gives the fallback to work with.
pub(crate) struct Search<'a> {
    pub searcher: &'a Searcher,
    pub analyzers: &'a Analyzers,
    /// The query's tree, as parsed (or expanded by `-x`).
    pub node: &'a Node,
    /// The selection's filters, each `Must`.
    pub filters: Vec<(Occur, Box<dyn TantivyQuery>)>,
    /// The query of a tree over both fields, without filters; `None` when it has no words.
    pub query_of: &'a dyn Fn(&Node) -> Option<Box<dyn TantivyQuery>>,
}

/// The tiers for `strict` (the query as written, over both fields, without filters): one
/// tier when it finds enough or `relax` is off, else one more per step (near-forms, then
/// each dropped word).
pub(crate) fn plan(
    search: &Search,
    strict: Box<dyn TantivyQuery>,
    relax: bool,
    glossary: Option<&GlossarySource>,
) -> Result<Plan> {
    let Search {
        searcher,
        analyzers,
        node: query_node,
        query_of,
        ..
    } = *search;
    let filtered = |q: Box<dyn TantivyQuery>| -> Box<dyn TantivyQuery> {
        let mut clauses = vec![(Occur::Must, q)];
        clauses.extend(search.filters.iter().map(|(o, f)| (*o, f.box_clone())));
        Box::new(BooleanQuery::new(clauses))
    };
    let count = |q: &dyn TantivyQuery| searcher.search(q, &Count).context("search failed");
    let first = Tier::new(searcher, filtered(strict.box_clone()))?;
    let all_count = first.matches.len();
    let mut plan = Plan {
        tiers: vec![first],
        relaxed: None,
        highlight: None,
    };
    if !relax || all_count >= MIN_HITS {
        return Ok(plan);
    }
    let Some((parts, kept_as_written)) = split(query_node, analyzers) else {
        return Ok(plan);
    };
    let glossary = match glossary {
        Some(g) => Some(crate::glossary::load(
            &g.corpus,
            g.extra.as_deref(),
            analyzers,
        )?),
        None => None,
    };
    let mut words = Vec::new();
    let mut near_forms = Vec::new();
    for node in parts {
        let label = label(&node);
        let node = match (&node, &glossary) {
            (Node::Word(w), Some(g)) => {
                let forms = g.near_forms(w, analyzers);
                if forms.is_empty() {
                    node
                } else {
                    let mut alternatives = vec![node.clone()];
                    alternatives.extend(forms.iter().map(|f| {
                        if f.contains(char::is_whitespace) {
                            Node::Phrase(f.clone())
                        } else {
                            Node::Word(f.clone())
                        }
                    }));
                    near_forms.push((label.clone(), forms));
                    Node::Or(alternatives)
                }
            }
            _ => node,
        };
        let Some(q) = query_of(&node) else {
            continue;
        };
        words.push(Word {
            label,
            clauses: count(q.as_ref())?,
            query: q,
            node,
        });
    }
    if words.len() < 2 && near_forms.is_empty() {
        return Ok(plan);
    }
    let order = drop_order(&words.iter().map(|w| w.clauses).collect::<Vec<_>>());
    let mut kept = vec![true; words.len()];
    let mut dropped: Vec<usize> = Vec::new();
    // The step behind each tier after the first: near-forms (`None`) or a dropped word.
    let mut steps: Vec<Option<usize>> = Vec::new();
    let mut previous = strict;
    let mut total = all_count;
    // The steps: every word with its near-forms (when some word has any), then one word
    // fewer at a time, keeping at least one.
    let near_step = (!near_forms.is_empty()).then_some(None);
    let drops = order[..order.len().saturating_sub(1)]
        .iter()
        .map(|&k| Some(k));
    for step in near_step.into_iter().chain(drops) {
        if total >= MIN_HITS {
            break;
        }
        if let Some(k) = step {
            kept[k] = false;
        }
        let mut children: Vec<Node> = words
            .iter()
            .zip(&kept)
            .filter(|(_, keep)| **keep)
            .map(|(w, _)| w.node.clone())
            .collect();
        children.extend(kept_as_written.iter().cloned());
        let node = if children.len() == 1 {
            children.remove(0)
        } else {
            Node::And(children)
        };
        let Some(level) = query_of(&node) else {
            break;
        };
        // The clauses of this level that the level before did not find; a word dropped
        // earlier still counts where it stands.
        let mut clauses = vec![(Occur::Must, level.box_clone()), (Occur::MustNot, previous)];
        clauses.extend(
            dropped
                .iter()
                .map(|&d| (Occur::Should, words[d].query.box_clone())),
        );
        if let Some(k) = step {
            dropped.push(k);
        }
        steps.push(step);
        let tier = Tier::new(searcher, filtered(Box::new(BooleanQuery::new(clauses))))?;
        total += tier.matches.len();
        plan.tiers.push(tier);
        previous = level;
    }
    // A step that found no more clauses is not reported.
    let mut near_used = !near_forms.is_empty();
    while plan.tiers.len() > 1 && plan.tiers.last().is_some_and(|t| t.matches.is_empty()) {
        plan.tiers.pop();
        match steps.pop().flatten() {
            Some(k) => {
                kept[k] = true;
                dropped.pop();
            }
            None => near_used = false,
        }
    }
    if plan.tiers.len() == 1 {
        // Relaxing found nothing more: the answer is the query's own.
        return Ok(plan);
    }
    if near_used {
        let mut children: Vec<Node> = words.iter().map(|w| w.node.clone()).collect();
        children.extend(kept_as_written.iter().cloned());
        plan.highlight = Some(Node::And(children));
    }
    plan.relaxed = Some(Relaxed {
        words: words.iter().map(|w| w.label.clone()).collect(),
        near_forms: if near_used { near_forms } else { Vec::new() },
        required: words
            .iter()
            .zip(&kept)
            .filter(|(_, keep)| **keep)
            .map(|(w, _)| w.label.clone())
            .collect(),
        dropped: dropped.iter().map(|&d| words[d].label.clone()).collect(),
        all_count,
    });
    Ok(plan)
}

/// The order in which words are dropped, given how many clauses contain each: those in no
/// clause first, then the most frequent; of two as frequent, the later in the query.
pub(crate) fn drop_order(clauses: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..clauses.len()).collect();
    order.sort_by_key(|&i| {
        (
            clauses[i] != 0,
            std::cmp::Reverse(clauses[i]),
            std::cmp::Reverse(i),
        )
    });
    order
}

/// The words that may be dropped and the parts kept as written (exclusions, `OR` groups), or
/// `None` when the query is not a conjunction of words.
fn split(node: &Node, analyzers: &Analyzers) -> Option<(Vec<Node>, Vec<Node>)> {
    let children: &[Node] = match node {
        Node::And(children) => children,
        Node::Word(_) => std::slice::from_ref(node),
        _ => return None,
    };
    let mut words = Vec::new();
    let mut kept = Vec::new();
    let alone = children
        .iter()
        .filter(|c| matches!(c, Node::Word(_) | Node::Phrase(_)))
        .count()
        == 1;
    for child in children {
        match child {
            // Chinese typed without spaces: its words are the words to drop. Where the user
            // put spaces, the words are theirs.
            Node::Word(text) if alone && text.chars().any(crate::script::is_han) => {
                let pieces = Analyzers::terms(&mut analyzers.zh(), text);
                if pieces.len() > 1 {
                    words.extend(pieces.into_iter().map(|(t, _, _)| Node::Word(t)));
                } else {
                    words.push(child.clone());
                }
            }
            Node::Word(_) | Node::Phrase(_) => words.push(child.clone()),
            _ => kept.push(child.clone()),
        }
    }
    Some((words, kept))
}

/// A word as the user wrote it: a phrase in quotes.
fn label(node: &Node) -> String {
    match node {
        Node::Phrase(p) => format!("\"{p}\""),
        Node::Word(w) => w.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_no_clause_go_first_then_the_most_frequent() {
        let cases: &[(&[usize], &[usize])] = &[
            (&[10, 500, 3], &[1, 0, 2]),
            (&[10, 0, 3], &[1, 0, 2]),
            // Equally frequent: the later word goes first.
            (&[7, 7, 1], &[1, 0, 2]),
            (&[0, 0, 5], &[1, 0, 2]),
            (&[1, 2], &[1, 0]),
        ];
        for (clauses, order) in cases {
            assert_eq!(drop_order(clauses), *order, "{clauses:?}");
        }
    }

    fn w(s: &str) -> Node {
        Node::Word(s.into())
    }

    #[test]
    fn exclusions_and_or_groups_stay_as_written_and_chinese_runs_count_as_their_words() {
        let analyzers = Analyzers::new();
        let node = super::super::syntax::parse("单边制裁 \"free trade\" (a OR b) -c").unwrap();
        let (words, kept) = split(&node, &analyzers).unwrap();
        // Words the user separated stay whole.
        assert_eq!(words, [w("单边制裁"), Node::Phrase("free trade".into())]);
        assert_eq!(
            kept,
            [Node::Or(vec![w("a"), w("b")]), Node::Not(Box::new(w("c")))]
        );
        let (words, _) = split(&w("制裁美国"), &analyzers).unwrap();
        assert_eq!(words, [w("制裁"), w("美国")]);
        let node = super::super::syntax::parse("制裁美国 -c").unwrap();
        let (words, _) = split(&node, &analyzers).unwrap();
        assert_eq!(words, [w("制裁"), w("美国")]);
        assert!(split(&Node::Or(vec![w("a"), w("b")]), &analyzers).is_none());
        assert_eq!(label(&Node::Phrase("free trade".into())), "\"free trade\"");
    }
}
