//! Cross-lingual expansion (`query -x`): the glossary terms found in a query, and the query
//! rewritten so that their renderings in the other language are searched too.
//!
//! `comprehensive strategic partnership` becomes
//! `(comprehensive strategic partnership) OR ("全面战略伙伴关系")`: the original query keeps
//! its meaning in its own language, and the other side asks for every concept the glossary
//! recognized (each by any of its renderings). Words the glossary does not know stay on the
//! original side only. Terms under an exclusion (`-term`) are not expanded.
//!
//! The expansion is made on the query tree (`Node -> Node`): the parsed query is never
//! printed and parsed again. The text form is kept for users (`expansion.query` in JSON), and
//! a test checks that it parses to the same tree.

use super::syntax::{Node, Query};
use crate::analyze::Analyzers;
use crate::glossary::{Found, Glossary};

/// What `-x` did to a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The query that was searched, as text.
    pub query: String,
    /// The query that was searched.
    pub node: Node,
    /// Each glossary term of the query, as written, and what it was expanded to.
    pub terms: Vec<(String, Vec<String>)>,
}

impl Expansion {
    /// The expanded query, to search.
    pub fn searched(&self) -> Query {
        Query {
            text: self.query.clone(),
            node: self.node.clone(),
        }
    }
}

/// Expands `parsed` through `glossary`; `None` when no glossary term occurs in it.
pub fn expand(parsed: &Query, glossary: &Glossary, analyzers: &Analyzers) -> Option<Expansion> {
    let query = parsed.text.as_str();
    let en_tokens = Analyzers::terms(&mut analyzers.en(), query);
    let zh_tokens = Analyzers::terms(&mut analyzers.zh(), query);
    let mut found: Vec<(Found, bool)> = glossary
        .find_en(&en_tokens)
        .into_iter()
        .map(|f| (f, true))
        .collect();
    for f in glossary.find_zh(query, &zh_tokens) {
        // A Chinese concept over text the English side already recognized (ASCII words
        // analyzed by both) is the same finding.
        if !found.iter().any(|(g, _)| g.span == f.span) {
            found.push((f, false));
        }
    }
    found.sort_by_key(|(f, _)| f.span[0]);
    let mut terms: Vec<(String, Vec<String>)> = Vec::new();
    let mut groups: Vec<String> = Vec::new();
    let mut group_nodes: Vec<Node> = Vec::new();
    for (f, from_english) in found {
        let [start, end] = f.span;
        if excluded(query, start) {
            continue;
        }
        let concept = &glossary.concepts[f.concept];
        let targets: Vec<String> = if from_english {
            &concept.zh
        } else {
            &concept.en
        }
        .iter()
        .map(|t| t.replace(['"', '“', '”'], ""))
        .filter(|t| !t.trim().is_empty())
        .collect();
        if targets.is_empty() {
            continue;
        }
        let group = targets
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        groups.push(format!("({group})"));
        let mut phrases: Vec<Node> = targets
            .iter()
            .map(|t| Node::Phrase(t.trim().to_string()))
            .collect();
        group_nodes.push(if phrases.len() == 1 {
            phrases.remove(0)
        } else {
            Node::Or(phrases)
        });
        terms.push((query[start..end].to_string(), targets));
    }
    if terms.is_empty() {
        return None;
    }
    let other = if group_nodes.len() == 1 {
        group_nodes.remove(0)
    } else {
        Node::And(group_nodes)
    };
    Some(Expansion {
        query: format!("({query}) OR ({})", groups.join(" ")),
        node: Node::Or(vec![parsed.node.clone(), other]),
        terms,
    })
}

/// True when the word at byte `start` is excluded (`-word`, `-"a phrase"`).
fn excluded(query: &str, start: usize) -> bool {
    let before = &query[..start];
    let chunk = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '（')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    before[chunk..].starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse_pairs;

    fn q(text: &str) -> Query {
        Query::parse(text).unwrap()
    }

    /// The expansion as `expand` makes it, checked against its text form parsed again.
    fn expand(query: &str, g: &Glossary, analyzers: &Analyzers) -> Option<Expansion> {
        let e = super::expand(&q(query), g, analyzers)?;
        assert_eq!(
            super::super::syntax::parse(&e.query).as_ref(),
            Ok(&e.node),
            "{}",
            e.query
        );
        Some(e)
    }

    fn glossary(analyzers: &Analyzers) -> Glossary {
        let pairs = parse_pairs(
            "全面战略伙伴关系\tcomprehensive strategic partnership\n一带一路\tBelt and Road\n内政\tinternal affairs\n干涉\tinterfere\n干涉\tinterference\n",
            "test",
        )
        .unwrap();
        Glossary::build(&pairs, analyzers)
    }

    #[test]
    fn english_terms_gain_their_chinese_renderings() {
        let analyzers = Analyzers::new();
        let g = glossary(&analyzers);
        let e = expand("comprehensive strategic partnership", &g, &analyzers).unwrap();
        assert_eq!(
            e.query,
            "(comprehensive strategic partnership) OR ((\"全面战略伙伴关系\"))"
        );
        assert_eq!(
            e.terms,
            [(
                "comprehensive strategic partnership".to_string(),
                vec!["全面战略伙伴关系".to_string()]
            )]
        );
    }

    #[test]
    fn chinese_terms_gain_english_and_unknown_words_stay_home() {
        let analyzers = Analyzers::new();
        let g = glossary(&analyzers);
        let e = expand("干涉 内政 原则", &g, &analyzers).unwrap();
        assert_eq!(e.terms.len(), 2);
        assert!(
            e.query.contains("\"interfere\" OR \"interference\""),
            "{}",
            e.query
        );
        assert!(e.query.contains("\"internal affairs\""));
        assert!(!e.query.contains("principle"));
        assert_eq!(expand("glaciology", &g, &analyzers), None);
        // Alternatives and groups keep their tree through the expansion.
        let e = expand("(一带一路 OR 干涉) 内政", &g, &analyzers).unwrap();
        assert_eq!(e.terms.len(), 3, "{e:?}");
    }

    #[test]
    fn excluded_terms_are_not_expanded() {
        let analyzers = Analyzers::new();
        let g = glossary(&analyzers);
        let e = expand("Belt and Road -\"internal affairs\"", &g, &analyzers).unwrap();
        assert_eq!(e.terms.len(), 1, "{e:?}");
        assert_eq!(e.terms[0].0, "Belt and Road");
    }
}
